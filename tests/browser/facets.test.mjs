// Filtering by tag and by a range of dates, built from tests/fixtures/site, whose pages have
// tags (front matter lists and strings, an HTML page's keywords) and two dates: ticking tags
// and typing a range narrows the list, a bad date is named beside the fields, and the link
// restores the filters.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { callEngine, openViewer, repoRoot, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp({ fixture: { corpus: "tests/fixtures/site", name: "site" } });

const titles = async (page) => (await visibleItems(page)).map((item) => item.title);
const settle = (page, hash) => page.waitForFunction((hash) => decodeURIComponent(location.hash) === hash, hash);
const status = (page) => page.locator("corpus-viewer [role=status]").textContent();

/** The tag filter's choices: name, count and whether ticked. */
function tagChoices(page) {
  return page.evaluate(() =>
    [...document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".facet-tags .facet-list label")].map((label) => ({
      tag: label.querySelector("input").value,
      count: Number(label.querySelector(".count").textContent),
      checked: label.querySelector("input").checked,
    })),
  );
}

describe("tags and dates", () => {
  it("ticking tags and typing a date range narrows the list, a bad date is named, and the link restores both", async () => {
    const page = await openViewer(env.context, env.pageUrl("file"));
    try {
      const overview = await callEngine(page, "overview");
      assert.equal(overview.dates, 2);
      const tags = page.locator("corpus-viewer .facet-tags");
      const dates = page.locator("corpus-viewer .facet-dates");
      assert.ok(await tags.isVisible());
      assert.ok(await dates.isVisible());
      await tags.locator("summary").click();
      assert.deepEqual(await tagChoices(page), overview.tags.map((entry) => ({ tag: entry.tag, count: entry.documents, checked: false })));

      await tags.locator("label", { hasText: "registry" }).locator("input").check();
      await settle(page, "#tag=registry");
      assert.deepEqual(await titles(page), ["npm-publish"]);
      await tags.locator("label", { hasText: "release" }).locator("input").check();
      await settle(page, "#tag=registry&tag=release");
      assert.deepEqual((await titles(page)).sort(), ["Release checklist", "npm-publish"]);
      assert.match(await status(page), /^2 documents tagged registry or release$/);
      assert.equal(await tags.locator("summary").textContent(), "2 tags");

      // From 2024: the release checklist (2024-01-09) only.
      await dates.locator("summary").click();
      await dates.getByLabel("From").fill("2024");
      await dates.getByLabel("From").press("Enter");
      await settle(page, "#tag=registry&tag=release&from=2024");
      assert.deepEqual(await titles(page), ["Release checklist"]);
      assert.match(await status(page), /^1 document tagged registry or release dated from 2024$/);
      assert.equal(await dates.locator("summary").textContent(), "From 2024");

      // A value that is not a date is named, and changes nothing.
      await dates.getByLabel("To").fill("2024-13");
      await dates.getByLabel("To").press("Enter");
      const problem = dates.locator(".field-problem");
      await problem.waitFor();
      assert.match(await problem.textContent(), /^To: \u201c2024-13\u201d is not a date; write a year \(2024\)/);
      assert.equal(await dates.getByLabel("To").getAttribute("aria-invalid"), "true");
      assert.equal(decodeURIComponent(await page.evaluate(() => location.hash)), "#tag=registry&tag=release&from=2024");
      assert.deepEqual(await titles(page), ["Release checklist"]);
      // Corrected, it applies: both ends inclusive, by the span of a partial date.
      await dates.getByLabel("To").fill("2024-01");
      await dates.getByLabel("To").press("Enter");
      await settle(page, "#tag=registry&tag=release&from=2024&to=2024-01");
      assert.ok(await problem.isHidden());
      assert.deepEqual(await titles(page), ["Release checklist"]);

      // The link restores the tags ticked and the range typed.
      const url = await page.evaluate(() => location.href);
      const again = await openViewer(env.context, url);
      try {
        await again.locator("corpus-viewer .facet-tags summary").click();
        const ticked = (await tagChoices(again)).filter((choice) => choice.checked).map((choice) => choice.tag);
        assert.deepEqual(ticked, ["registry", "release"]);
        assert.deepEqual(await titles(again), ["Release checklist"]);
        await again.locator("corpus-viewer .facet-dates summary").click();
        assert.equal(await again.locator("corpus-viewer .facet-dates").getByLabel("From").inputValue(), "2024");
        assert.equal(await again.locator("corpus-viewer .facet-dates").getByLabel("To").inputValue(), "2024-01");
        assert.equal(await again.locator("corpus-viewer .facet-dates summary").textContent(), "2024 \u2013 2024-01");
        assert.deepEqual(again.errors, []);
      } finally {
        await again.close();
      }

      // "Any date" and "All tags" clear them.
      await dates.locator("button", { hasText: "Any date" }).click();
      await settle(page, "#tag=registry&tag=release");
      if (!(await tags.evaluate((details) => details.open))) await tags.locator("summary").click();
      await tags.locator("button", { hasText: "All tags" }).click();
      await settle(page, "");
      assert.equal((await titles(page)).length, 5);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a search counts each tag as if none were chosen, the dates still applied", async () => {
    const page = await openViewer(env.context, `${env.pageUrl("file")}#tag=cli&from=2023&q=the`);
    try {
      const result = await callEngine(page, "search", "the", { limit: 50, tags: ["cli"], dateFrom: "2023" });
      const all = await callEngine(page, "search", "the", { limit: 50, dateFrom: "2023" });
      assert.ok(result.total > 0 && result.total < all.total, `${result.total} of ${all.total}`);
      assert.deepEqual(result.tags, all.tags, "the tag counts are those of no tag chosen");
      await page.locator("corpus-viewer .facet-tags summary").click();
      await page.waitForFunction((count) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".facet-tags .facet-list label").length === count, all.tags.length);
      assert.deepEqual(
        (await tagChoices(page)).map(({ tag, count }) => ({ tag, count })),
        all.tags.map((entry) => ({ tag: entry.tag, count: entry.documents })),
      );
      assert.deepEqual(await titles(page), result.hits.map((hit) => hit.title));

      // Another tag or date is another search: the page hears of it.
      await page.evaluate(() => {
        window.searches = [];
        document.querySelector("corpus-viewer").addEventListener("search", (event) => window.searches.push(event.detail.total));
      });
      const other = all.tags.find((entry) => entry.tag !== "cli").tag;
      await page.locator(`corpus-viewer .facet-tags input[value="${other}"]`).check();
      await page.waitForFunction(() => window.searches.length === 1);
      const both = await callEngine(page, "search", "the", { limit: 50, tags: ["cli", other].sort(), dateFrom: "2023" });
      assert.deepEqual(await page.evaluate(() => window.searches), [both.total]);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("on a phone the filters take two to a row and each panel opens within the screen", async () => {
    const page = await openViewer(env.context, `${env.pageUrl("file")}#q=publish`, { viewport: { width: 360, height: 740 } });
    try {
      for (const name of ["sources", "tags", "dates"]) {
        const facet = page.locator(`corpus-viewer .facet-${name}`);
        await facet.locator("summary").click();
        const boxes = await facet.evaluate((details) => {
          const box = (element) => {
            const rect = element.getBoundingClientRect();
            return { left: rect.left, right: rect.right, width: rect.width };
          };
          return { summary: box(details.querySelector("summary")), panel: box(details.querySelector(".facet-panel")) };
        });
        assert.ok(boxes.panel.left >= 0 && boxes.panel.right <= 360, `${name}: ${JSON.stringify(boxes.panel)}`);
        assert.ok(boxes.summary.width >= 120, `${name}: the filter's label has room (${boxes.summary.width} px)`);
        await facet.locator("summary").click();
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("axe-core finds no violation with the tag and date filters open, a bad date named, light and dark", async () => {
    const axe = readFileSync(join(repoRoot, "node_modules", "axe-core", "axe.min.js"), "utf8");
    for (const scheme of ["light", "dark"]) {
      for (const width of [1280, 360]) {
        const page = await openViewer(env.context, `${env.pageUrl("file")}#q=the`, { viewport: { width, height: 800 } });
        try {
          await page.emulateMedia({ colorScheme: scheme });
          await page.addScriptTag({ content: axe });
          const violations = () =>
            page.evaluate(async () =>
              (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`),
            );
          await page.locator("corpus-viewer .facet-tags summary").click();
          assert.deepEqual(await violations(), [], `${scheme}, ${width} px, tags open`);
          await page.locator("corpus-viewer .facet-tags summary").click();
          const dates = page.locator("corpus-viewer .facet-dates");
          await dates.locator("summary").click();
          await dates.getByLabel("From").fill("2024-13");
          await dates.getByLabel("From").press("Enter");
          await dates.locator(".field-problem").waitFor();
          assert.deepEqual(await violations(), [], `${scheme}, ${width} px, dates open with a problem`);
          assert.deepEqual(page.errors, []);
        } finally {
          await page.close();
        }
      }
    }
  });

  it("the overview lists the tags with their documents, and choosing one lists them", async () => {
    const page = await openViewer(env.context, `${env.pageUrl("file")}#view=overview`);
    try {
      const overview = await callEngine(page, "overview");
      assert.ok(overview.tags.length >= 2);
      const chips = () =>
        page.evaluate(() =>
          Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".overview .tags .chip"), (chip) =>
            Array.from(chip.children, (part) => part.textContent),
          ),
        );
      await page.locator("corpus-viewer .overview .tags .chip").first().waitFor();
      assert.deepEqual(await chips(), overview.tags.map((entry) => [entry.tag, String(entry.documents)]));
      // A date in the documents' table stays on one line.
      const dated = page.locator("corpus-viewer .overview table.data td", { hasText: /^\d{4}-\d{2}-\d{2}$/ }).first();
      assert.equal(await dated.evaluate((cell) => getComputedStyle(cell).whiteSpace), "nowrap");
      const tag = overview.tags[1].tag;
      await page.locator("corpus-viewer .overview .tags .chip").nth(1).click();
      await settle(page, `#tag=${tag}`);
      const tagged = (await callEngine(page, "documents")).filter((doc) => doc.tags.includes(tag));
      assert.deepEqual(await titles(page), tagged.map((doc) => doc.title));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
