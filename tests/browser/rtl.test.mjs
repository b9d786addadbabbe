// Right-to-left text: an Arabic document and an English one, built from
// tests/fixtures/rtl. Arabic lines run right to left in the results, the
// reader and the concordance, and English ones left to right.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp({ fixture: { corpus: "tests/fixtures/rtl", name: "rtl" } });

const LIBRARY = "\u0627\u0644\u0645\u0643\u062a\u0628\u0629"; // "the library"

const open = (hash) => openViewer(env.context, `${env.pageUrl()}${hash}`);

describe("right-to-left text", () => {
  it("an Arabic query finds the Arabic document and its title, snippet and text run right to left", async () => {
    const page = await open(`#q=${encodeURIComponent(LIBRARY)}`);
    try {
      await page.locator("corpus-viewer .snippet mark").first().waitFor();
      const results = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const item = root.querySelector("#results > li");
        return {
          input: getComputedStyle(root.querySelector("#query")).direction,
          title: getComputedStyle(item.querySelector("h2 a")).direction,
          snippet: getComputedStyle(item.querySelector(".snippet")).direction,
          mark: item.querySelector(".snippet mark").textContent,
        };
      });
      assert.deepEqual(results, { input: "rtl", title: "rtl", snippet: "rtl", mark: "\u0627\u0644\u0645\u0643\u062a\u0628\u0629" });
      const resultLanguages = await page.evaluate(() => {
        const item = document.querySelector("corpus-viewer").shadowRoot.querySelector("#results > li");
        return [item.querySelector("h2 a").lang, item.querySelector(".snippet").lang];
      });
      assert.deepEqual(resultLanguages, ["ar", "ar"], "the document's detected language is set on its words");

      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      const reader = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const text = root.querySelector(".doc-text");
        const box = text.getBoundingClientRect();
        const first = document.createRange();
        first.setStart(text.firstChild, 0);
        first.setEnd(text.firstChild, 1);
        const glyph = first.getBoundingClientRect();
        return {
          title: getComputedStyle(root.querySelector(".doc-head h2")).direction,
          text: getComputedStyle(text).direction,
          startsAtRight: box.right - glyph.right < 2,
        };
      });
      assert.deepEqual(reader, { title: "rtl", text: "rtl", startsAtRight: true });
      const readerLanguages = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return [root.querySelector(".doc-head h2").lang, root.querySelector(".doc-text").lang];
      });
      assert.deepEqual(readerLanguages, ["ar", "ar"]);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("an Arabic word finds its forms with the article or a particle attached, and English documents say they are English", async () => {
    // "library" without the article, and with li- attached: both find "the library".
    for (const query of ["\u0645\u0643\u062a\u0628\u0629", "\u0644\u0645\u0643\u062a\u0628\u0629"]) {
      const page = await open(`#q=${encodeURIComponent(query)}%20`);
      try {
        await page.locator("corpus-viewer .snippet mark").first().waitFor();
        const marks = await page.evaluate(() =>
          Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".snippet mark"), (mark) => mark.textContent),
        );
        assert.ok(marks.includes("\u0627\u0644\u0645\u0643\u062a\u0628\u0629"), `${query}: ${JSON.stringify(marks)}`);
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    }
    const page = await open("#q=library%20");
    try {
      await page.locator("corpus-viewer .snippet mark").first().waitFor();
      const lang = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.querySelector("#results > li h2 a").lang);
      assert.equal(lang, "en");
    } finally {
      await page.close();
    }
  });

  it("in the concordance an Arabic line runs right to left with its preceding words on the right, an English one left to right", async () => {
    const page = await open(`#view=concordance&q=${encodeURIComponent(`${LIBRARY} OR library`)}`);
    try {
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      const lines = await page.evaluate(() =>
        Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line"), (line) => {
          const left = line.querySelector(".kwic-left").getBoundingClientRect();
          const match = line.querySelector(".kwic-match").getBoundingClientRect();
          return {
            match: line.querySelector(".kwic-match").textContent,
            direction: getComputedStyle(line).direction,
            before: left.width === 0 ? "empty" : left.left >= match.right - 1 ? "right" : "left",
          };
        }),
      );
      const arabic = lines.filter((line) => /[\u0600-\u06ff]/.test(line.match));
      const english = lines.filter((line) => /library/i.test(line.match));
      assert.ok(arabic.length >= 2 && english.length >= 2, JSON.stringify(lines));
      for (const line of arabic) {
        assert.equal(line.direction, "rtl");
        assert.ok(line.before === "right" || line.before === "empty", `the words before an Arabic match are on its right: ${JSON.stringify(line)}`);
      }
      for (const line of english) {
        assert.equal(line.direction, "ltr");
        assert.ok(line.before === "left" || line.before === "empty", JSON.stringify(line));
      }
      // The charts name each document in its own language.
      await page.locator("corpus-viewer .chart-label text").first().waitFor({ state: "attached" });
      const labels = await page.evaluate(() =>
        Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".chart-label text"), (text) => [
          /[\u0600-\u06ff]/.test(text.textContent) ? "arabic" : "latin",
          text.getAttribute("lang"),
        ]),
      );
      assert.ok(labels.length >= 2, JSON.stringify(labels));
      for (const [script, lang] of labels) assert.equal(lang, script === "arabic" ? "ar" : "en", JSON.stringify(labels));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
