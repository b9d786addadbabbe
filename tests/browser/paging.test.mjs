// A search with more hits than one page: Show more brings the next page, in the engine's
// order, until every hit is shown; a new search starts at one page again. A concordance with
// more lines than one engine call cuts downloads whole, a page of lines at a time.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp, visibleItems } from "./harness.mjs";

// 120 short documents that all mention rivers, some more often than others, and stones fifty
// times each.
const corpus = mkdtempSync(join(tmpdir(), "corpus-viewer-many-"));
process.on("exit", () => rmSync(corpus, { recursive: true, force: true }));
for (let i = 0; i < 120; i += 1) {
  const name = String(i).padStart(3, "0");
  writeFileSync(join(corpus, `${name}.txt`), `Notes ${name}\n\n${"The river runs on. ".repeat(1 + (i % 7))}Other words ${name}.\n\n${"A stone, then. ".repeat(50)}`);
}

const env = useSetUp({ fixture: { corpus, name: "many" } });

describeOrigins(["file"], (origin) => {
  it("Show more brings the next fifty hits in order until all are shown", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#q=river`);
    try {
      const all = (await callEngine(page, "search", "river", { limit: 200 })).hits.map((hit) => hit.title);
      assert.equal(all.length, 120);
      const shown = async () => (await visibleItems(page)).map((item) => item.title);
      const more = page.locator("corpus-viewer button.more");
      assert.deepEqual(await shown(), all.slice(0, 50));
      assert.match(await page.locator("corpus-viewer #status").textContent(), /120 documents match .river. · showing the first 50/);
      assert.equal(await more.textContent(), "Show 50 more of 70");

      await more.click();
      assert.deepEqual(await shown(), all.slice(0, 100));
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
      assert.equal(focused, all[50], "the focus moves to the first new hit");
      assert.equal(await more.textContent(), "Show 20 more of 20");

      await more.click();
      assert.deepEqual(await shown(), all);
      assert.ok(await more.isHidden(), "nothing more to show");

      // Another search starts again at one page.
      await page.locator("corpus-viewer #query").fill("river runs");
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 50);
      assert.equal(await more.textContent(), "Show 50 more of 70");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the list without a query builds the items in view first, then the rest of its page; back from one far down finds it", async () => {
    const page = await env.context.newPage();
    page.errors = [];
    page.on("pageerror", (error) => page.errors.push(error.message));
    await page.setViewportSize({ width: 1280, height: 720 });
    // How many items the list held when the viewer said it was ready.
    await page.addInitScript(() =>
      document.addEventListener("ready", () => (window.itemsAtReady = document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length), true),
    );
    try {
      await page.goto(env.pageUrl(origin));
      await page.waitForFunction(() => window.itemsAtReady !== undefined);
      const atReady = await page.evaluate(() => window.itemsAtReady);
      assert.ok(atReady >= 10 && atReady < 100, `the first draw built ${atReady} items: those in view, not the page of 100`);
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 100);
      const documents = (await callEngine(page, "documents", { limit: 120 })).map((doc) => doc.title);
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), documents.slice(0, 100), "the page's items in order, each once");
      assert.equal(await page.locator("corpus-viewer button.more").textContent(), "Show 20 more of 20");

      // A document far down the page, opened and left by Back: the list is built whole again
      // at once, scrolled to it, with the focus on it.
      const far = page.locator("corpus-viewer #results > li h2 a").nth(80);
      await far.scrollIntoViewIfNeeded();
      await far.click();
      await page.locator("corpus-viewer article:not([hidden])").waitFor();
      await page.goBack();
      await page.waitForFunction((title) => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent === title, documents[80]);
      const inView = await page.evaluate(() => {
        const box = document.querySelector("corpus-viewer").shadowRoot.activeElement.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight;
      });
      assert.ok(inView, "the document left is in view");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a CSV of more lines than one engine call can cut holds every one, in order", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance&q=stone`);
    try {
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      const one = await callEngine(page, "concordance", "stone", { limit: 10000 });
      assert.equal(one.total, 6000);
      assert.ok(one.lines.length < one.total, `one call cuts ${one.lines.length} lines, fewer than all`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
      assert.equal(download.suggestedFilename(), "many-stone-concordance.csv");
      const rows = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
      assert.equal(rows.length, 6001, "a header and every occurrence");
      const positions = rows.slice(1).map((row) => row.split(",").slice(0, 4).map((field) => field.replaceAll('"', "")));
      const expected = one.documents.flatMap((d) => d.positions.map((p) => [d.id, String(p)]));
      assert.deepEqual(positions.map(([id, , , position]) => [id, position]), expected);
      assert.ok(await page.locator("corpus-viewer .kwic-actions .hint").isHidden(), "nothing left out, nothing to say");

      // The pictures say what they cover, and show every document on request.
      await page.locator("corpus-viewer details.pictures").evaluate((details) => {
        details.open = true;
      });
      const covers = page.locator("corpus-viewer .chart-controls .covers");
      assert.equal(await covers.textContent(), "6,000 occurrences in 120 documents; the 20 with the most shown.");
      assert.equal(await page.locator("corpus-viewer .chart.bars rect.bar").count(), 20);
      await page.getByRole("button", { name: "All 120 documents" }).click();
      assert.equal(await page.locator("corpus-viewer .chart.bars rect.bar").count(), 120);
      assert.equal(await covers.textContent(), "6,000 occurrences in 120 documents; all shown.");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
