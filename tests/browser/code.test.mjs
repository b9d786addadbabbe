// Code keeps a monospace face: in a passage of the results and in the reader, with the matched
// words marked inside it, and a block of code keeps its lines. Built from tests/fixtures/site,
// whose Markdown and HTML pages hold code blocks and inline code.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp({ fixture: { corpus: "tests/fixtures/site", name: "site" } });

/** The code elements under `selector` in the viewer: their text, marks, font and whitespace. */
function codeIn(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    return Array.from(root.querySelectorAll(`${selector} code`), (code) => ({
      text: code.textContent,
      block: code.classList.contains("code-block"),
      marks: Array.from(code.querySelectorAll("mark"), (mark) => mark.textContent),
      font: getComputedStyle(code).fontFamily,
      whiteSpace: getComputedStyle(code).whiteSpace,
    }));
  }, selector);
}

describe("code", () => {
  it("a passage and the reader show a page's code as <code>, in a monospace face, with the matches marked inside", async () => {
    const page = await openViewer(env.context, `${env.pageUrl("file")}#q=berth`);
    try {
      await page.locator("corpus-viewer .snippet code mark").first().waitFor();
      const passage = await codeIn(page, "#results > li:first-child .snippet");
      assert.ok(passage.some((code) => code.text.includes("berth --list") && code.marks.includes("berth")), JSON.stringify(passage));
      assert.ok(passage.every((code) => /monospace/.test(code.font)), passage[0]?.font);

      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .doc-text code").first().waitFor();
      const reader = await codeIn(page, ".doc-text");
      assert.deepEqual(
        reader.map(({ text, block, marks }) => ({ text, block, marks })),
        [
          { text: "Enter", block: false, marks: [] },
          { text: "berth --list --tide high\nberth --reserve 12", block: true, marks: ["berth", "berth"] },
        ],
      );
      assert.ok(reader.every((code) => /monospace/.test(code.font)), reader[0].font);
      assert.equal(reader[1].whiteSpace, "pre-wrap", "a block of code keeps its lines");
      const lines = await page.evaluate(() => {
        const code = document.querySelector("corpus-viewer").shadowRoot.querySelector(".doc-text code.code-block");
        const height = parseFloat(getComputedStyle(code).lineHeight);
        const padding = parseFloat(getComputedStyle(code).paddingTop) + parseFloat(getComputedStyle(code).paddingBottom);
        return Math.round((code.clientHeight - padding) / height);
      });
      assert.equal(lines, 2, "two lines of code, two lines on screen");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a Markdown code block in a passage keeps the word matched inside it", async () => {
    const page = await openViewer(env.context, `${env.pageUrl("file")}#q=${encodeURIComponent('"npm publish"')}`);
    try {
      await page.locator("corpus-viewer .snippet code").first().waitFor();
      const passage = await codeIn(page, "#results > li:first-child .snippet");
      assert.deepEqual(passage.map(({ text, marks }) => ({ text, marks })), [{ text: "npm publish --access public", marks: ["npm", "publish"] }]);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
