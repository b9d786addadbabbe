// A search with more hits than one page: Show more brings the next page, in the engine's
// order, until every hit is shown; a new search starts at one page again.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp, visibleItems } from "./harness.mjs";

// 120 short documents that all mention rivers, some more often than others.
const corpus = mkdtempSync(join(tmpdir(), "corpus-viewer-many-"));
process.on("exit", () => rmSync(corpus, { recursive: true, force: true }));
for (let i = 0; i < 120; i += 1) {
  const name = String(i).padStart(3, "0");
  writeFileSync(join(corpus, `${name}.txt`), `Notes ${name}\n\n${"The river runs on. ".repeat(1 + (i % 7))}Other words ${name}.`);
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
});
