// The query language as a reader meets it in the page: misspellings typed key by key,
// phrases, and suggestions for words the corpus lacks.

import assert from "node:assert/strict";
import { it } from "node:test";
import { describeOrigins, openViewer, readerState, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

/** Types `text` key by key into the focused search box and waits for the results of `text`. */
async function type(page, text) {
  await page.locator("corpus-viewer input[type=search], corpus-viewer #query").first().focus();
  await page.keyboard.type(text, { delay: 30 });
  await page.waitForFunction(
    (text) => {
      const viewer = document.querySelector("corpus-viewer");
      const root = viewer.shadowRoot;
      const titles = Array.from(root.querySelectorAll("#results > li h2"), (h) => h.textContent);
      const expected = viewer.corpus.search(text, { limit: 50 }).hits.map((hit) => hit.title);
      return JSON.stringify(titles) === JSON.stringify(expected);
    },
    text,
    { timeout: 5_000 },
  );
}

describeOrigins(["file"], (origin) => {
  it("typing a misspelled name key by key finds the documents that spell it right", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await type(page, "Khamanei");
      const items = await visibleItems(page);
      assert.equal(items.length, 5, "every document names Khamenei");
      assert.ok(items.every((item) => item.marks.length > 0 && item.marks.every((m) => /^Khamenei(’s)?$/.test(m))),
        `only the correctly spelt name is marked: ${JSON.stringify(items.map((i) => i.marks))}`);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a phrase search highlights only the phrase, never its words elsewhere", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await type(page, "\"supreme leader\" ");
      const items = await visibleItems(page);
      assert.equal(items.length, 2);
      await page.locator("corpus-viewer #results a").first().click();
      await page.waitForFunction(() => !document.querySelector("corpus-viewer").shadowRoot.querySelector("article").hidden);
      const reader = await readerState(page);
      assert.ok(reader.marks.length >= 2);
      assert.equal(reader.marks.length % 2, 0);
      for (let i = 0; i < reader.marks.length; i += 2) {
        assert.deepEqual(reader.marks.slice(i, i + 2).map((m) => m.toLowerCase()), ["supreme", "leader"]);
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("\"did you mean\" appears for a word the corpus does not have", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await type(page, "gazzzza");
      const suggestion = page.locator("corpus-viewer .suggest");
      await suggestion.waitFor();
      assert.match(await suggestion.textContent(), /Did you mean: .*gaza/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
