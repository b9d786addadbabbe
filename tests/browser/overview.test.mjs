// The overview: the collection's counts, its most frequent words and its
// sources, each word a search and each source a filter.

import assert from "node:assert/strict";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

describeOrigins(["file"], (origin) => {
  it("the overview gives the number of documents, words and distinct terms, the frequent words and the sources", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await page.getByRole("button", { name: "Overview" }).click();
      const overview = await callEngine(page, "overview");
      const seen = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot.querySelector(".overview");
        const chips = (selector) => Array.from(root.querySelectorAll(`${selector} .chip`), (chip) => Array.from(chip.children, (part) => part.textContent));
        return {
          stats: Array.from(root.querySelectorAll(".stat"), (stat) => [stat.querySelector("dd").textContent, stat.querySelector("dt").textContent]),
          terms: chips(".terms"),
          sources: chips(".sources"),
        };
      });
      const format = (n) => n.toLocaleString("en");
      assert.deepEqual(seen.stats, [
        [format(overview.documents), "documents"],
        [format(overview.words), "words"],
        [format(overview.terms), "distinct terms"],
      ]);
      assert.deepEqual(seen.terms, overview.topTerms.map((entry) => [entry.term, format(entry.count)]));
      assert.deepEqual(seen.sources, overview.sources.map((entry) => [entry.source, format(entry.documents)]));
      assert.equal(decodeURIComponent(new URL(page.url()).hash), "#view=overview");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("choosing a frequent word searches for it, and choosing a source lists its documents", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview`);
    try {
      const overview = await callEngine(page, "overview");
      const term = overview.topTerms[4].term;
      await page.locator("corpus-viewer .terms .chip").nth(4).click();
      await page.waitForFunction((term) => decodeURIComponent(location.hash) === `#q=${term}`, term);
      const result = await callEngine(page, "search", term, { limit: 50 });
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), result.hits.map((hit) => hit.title));

      await page.goBack();
      await page.locator("corpus-viewer .sources .chip").first().waitFor();
      const source = overview.sources[0].source;
      await page.locator("corpus-viewer .sources .chip").first().click();
      await page.waitForFunction((source) => decodeURIComponent(location.hash) === `#source=${source}`, source);
      const documents = (await callEngine(page, "documents")).filter((doc) => doc.source === source);
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), documents.map((doc) => doc.title));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
