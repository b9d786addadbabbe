// Filtering by source and sorting by relevance, date or title, with and
// without a query; the orders are the engine's.

import assert from "node:assert/strict";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

const titles = async (page) => (await visibleItems(page)).map((item) => item.title);

async function settle(page, hash) {
  await page.waitForFunction((hash) => decodeURIComponent(location.hash) === hash, hash);
}

describeOrigins(["file"], (origin) => {
  it("the source filter lists only the chosen sources' documents, with counts for the query, several at once", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const overview = await callEngine(page, "overview");
      assert.ok(overview.sources.some((entry) => entry.source === "PMOI/MEK"), "the seeds have a source named PMOI/MEK");
      const listed = () =>
        page.evaluate(() =>
          [...document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".facet-sources .facet-list label")].map((label) => ({
            source: label.querySelector("input").value,
            count: Number(label.querySelector(".count").textContent.replace(/\D/g, "")),
            checked: label.querySelector("input").checked,
          })),
        );
      const facet = page.locator("corpus-viewer .facet-sources");
      // The seeds have no tags and one date: nothing to choose by tag or by date.
      assert.equal(overview.tags.length, 0);
      assert.ok(overview.dates < 2);
      assert.ok(await page.locator("corpus-viewer .facet-tags").isHidden());
      assert.ok(await page.locator("corpus-viewer .facet-dates").isHidden());
      await facet.locator("summary").click();
      assert.deepEqual(await listed(), overview.sources.map((entry) => ({ source: entry.source, count: entry.documents, checked: false })));

      await facet.locator("label", { hasText: "PMOI/MEK" }).locator("input").check();
      await settle(page, "#source=PMOI/MEK");
      const documents = (await callEngine(page, "documents")).filter((doc) => doc.source === "PMOI/MEK");
      assert.deepEqual(await titles(page), documents.map((doc) => doc.title));
      assert.match(await page.locator("corpus-viewer [role=status]").textContent(), /^1 document from PMOI\/MEK/);
      assert.equal(await facet.locator("summary").textContent(), "PMOI/MEK");

      await page.locator("corpus-viewer #query").fill("regime");
      await settle(page, "#source=PMOI/MEK&q=regime");
      const filtered = await callEngine(page, "search", "regime", { limit: 50, sources: ["PMOI/MEK"] });
      const all = await callEngine(page, "search", "regime", { limit: 50 });
      assert.ok(all.total > filtered.total && filtered.total > 0);
      assert.deepEqual(await titles(page), filtered.hits.map((hit) => hit.title));
      // The counts are the query's, as if no source were chosen.
      if (!(await facet.evaluate((details) => details.open))) await facet.locator("summary").click();
      const counts = await listed();
      assert.deepEqual(
        counts.map(({ source, count }) => ({ source, count })),
        all.sources.map((entry) => ({ source: entry.source, count: entry.documents })),
      );

      // A second source: both sources' documents, the link naming both.
      const other = all.sources.find((entry) => entry.source !== "PMOI/MEK");
      await facet.locator("label", { hasText: other.source }).locator("input").check();
      const both = await callEngine(page, "search", "regime", { limit: 50, sources: ["PMOI/MEK", other.source] });
      await page.waitForFunction((total) => /^\d+/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector("[role=status]").textContent) &&
        document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === total, both.hits.length);
      assert.deepEqual(await titles(page), both.hits.map((hit) => hit.title));
      const hash = decodeURIComponent(await page.evaluate(() => location.hash));
      assert.ok(hash.includes("source=PMOI/MEK") && hash.includes(`source=${other.source}`), hash);
      assert.equal(await facet.locator("summary").textContent(), "2 sources");

      await facet.locator("button", { hasText: "All sources" }).click();
      await settle(page, "#q=regime");
      assert.equal(await facet.locator("summary").textContent(), "All sources");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("sorting by title or date follows the engine's order, for the results and for the whole list", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const sort = page.locator("corpus-viewer select").nth(0);
      for (const order of ["title", "date"]) {
        await sort.selectOption(order);
        await settle(page, `#sort=${order}`);
        const listed = await page.evaluate((order) => {
          const corpus = document.querySelector("corpus-viewer").corpus;
          return corpus.search('-"qzxqzx qzxqzx"', { limit: 100, sort: order }).hits.map((hit) => hit.title);
        }, order);
        assert.equal(listed.length, 5);
        assert.deepEqual(await titles(page), listed, `the list is in ${order} order`);
      }
      const byTitle = await page.evaluate(() => document.querySelector("corpus-viewer").corpus.documents().map((doc) => doc.title));
      assert.notDeepEqual(await titles(page), byTitle, "the date order differs from the collection's order");

      await page.locator("corpus-viewer #query").fill("khamenei");
      await settle(page, "#sort=date&q=khamenei");
      const result = await callEngine(page, "search", "khamenei", { limit: 50, sort: "date" });
      assert.deepEqual(await titles(page), result.hits.map((hit) => hit.title));
      await sort.selectOption("title");
      await settle(page, "#sort=title&q=khamenei");
      const byTitleResult = await callEngine(page, "search", "khamenei", { limit: 50, sort: "title" });
      assert.deepEqual(await titles(page), byTitleResult.hits.map((hit) => hit.title));
      await sort.selectOption("relevance");
      await settle(page, "#q=khamenei");
      const ranked = await callEngine(page, "search", "khamenei", { limit: 50 });
      assert.deepEqual(await titles(page), ranked.hits.map((hit) => hit.title));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
