// The query language as a reader meets it in the page: misspellings typed key by key,
// phrases, suggestions for words the corpus lacks, the "?" sheet that teaches it, and NOT.

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

  it("the ? sheet lists the query language, and an example chosen runs as a search", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const button = page.locator("corpus-viewer .help-button");
      const sheet = page.locator("corpus-viewer #query-help");
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.ok(await sheet.isHidden());
      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      const examples = await sheet.locator("code").allTextContents();
      for (const syntax of ["OR", "NOT", "NEAR/", "*", '"']) {
        assert.ok(examples.some((example) => example.includes(syntax)), `${syntax} in ${examples.join(" | ")}`);
      }
      // Escape closes it and gives the focus back to its button.
      await sheet.locator("button").first().focus();
      await page.keyboard.press("Escape");
      assert.ok(await sheet.isHidden());
      assert.equal(await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.className), "tool icon help-button");

      await button.click();
      await sheet.locator("button", { hasText: "iran NOT mek" }).click();
      assert.ok(await sheet.isHidden());
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector("#query").value === "iran NOT mek");
      const titles = (await visibleItems(page)).map((item) => item.title);
      const expected = await page.evaluate(() => {
        const corpus = document.querySelector("corpus-viewer").corpus;
        const withMek = new Set(corpus.search("mek ", { limit: 100 }).hits.map((hit) => hit.title));
        const iran = corpus.search("iran ", { limit: 100 }).hits.filter((hit) => !hit.partial).map((hit) => hit.title);
        return iran.filter((title) => !withMek.has(title));
      });
      assert.ok(expected.length > 0);
      assert.deepEqual([...titles].sort(), [...expected].sort(), "documents with iran and without mek");
      assert.equal(page.errors.length, 0, page.errors.join("\n"));
    } finally {
      await page.close();
    }
  });
});
