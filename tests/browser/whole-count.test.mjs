// A concordance of a word too common to count every occurrence within a call's work still
// says how often the word occurs in the whole collection and in how many documents, beside
// what it counted: a count a researcher can cite. Built from a corpus written here: one
// document holding `cats` 320,000 times, more than a call counts, and two short ones.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const corpusDir = mkdtempSync(join(tmpdir(), "corpus-viewer-whole-count-"));
mkdirSync(join(corpusDir, "notes"));
writeFileSync(join(corpusDir, "notes", "heavy.txt"), `Heavy\n\n${"the cats and dogs ".repeat(320_000)}\n`);
writeFileSync(join(corpusDir, "notes", "short.txt"), "Short\n\nAnother cat sat.\n");
writeFileSync(join(corpusDir, "notes", "third.txt"), "Third\n\nA third cat and cats.\n");
after(() => rmSync(corpusDir, { recursive: true, force: true }));

const env = useSetUp({ fixture: { corpus: join(corpusDir, "notes"), name: "notes" } });

describe("a whole count", () => {
  describeOrigins(["file", "http"], (origin) => {
    it("a concordance that counted in part gives the word's count in the whole collection", async () => {
      const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance&q=cats`);
      try {
        await page.locator("corpus-viewer .kwic-line").first().waitFor();
        const answer = await callEngine(page, "concordance", "cats", { limit: 100 });
        assert.equal(answer.complete, false, "counting stops short");
        assert.deepEqual(answer.whole, { occurrences: 320_001, documents: 2 });
        assert.ok(answer.total < 320_001, `${answer.total} counted`);
        const status = await page.locator("corpus-viewer [role=status]").textContent();
        const counted = answer.total.toLocaleString("en-US");
        assert.match(status, new RegExp(`^320,001 occurrences of .cats. in 2 documents; ${counted} counted, in the first document`), status);
        assert.doesNotMatch(status, /at least/);
        const covers = await page.locator("corpus-viewer .covers").textContent();
        assert.match(covers, new RegExp(`^${counted} occurrences of 320,001, counted in the first document of 2;`), covers);
        // The form counted is counted in the whole collection too, as the forms offered are.
        const formCounts = await page.locator("corpus-viewer .form.counted .form-count").allTextContents();
        assert.deepEqual(formCounts, ["320,001"]);
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });

    it("Show more pages on through the lines of a word counted in part, in document order", async () => {
      const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance&q=cats`);
      const lines = () =>
        page.evaluate(() =>
          Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line"), (line) =>
            ["left", "match", "right"].map((part) => line.querySelector(`.kwic-${part}`).textContent).join("|"),
          ),
        );
      try {
        await page.locator("corpus-viewer .kwic-line").first().waitFor();
        const more = page.locator("corpus-viewer button.more-lines");
        assert.equal(await more.textContent(), "Show 100 more of 319,901");
        const first = await lines();
        assert.equal(first.length, 100);
        await more.click();
        await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line").length === 200);
        const shown = await lines();
        assert.deepEqual(shown.slice(0, 100), first, "the first page stays");
        // The next page is the engine's lines from the 101st on, each at its own place.
        const next = await callEngine(page, "concordance", "cats", { offset: 100, limit: 100 });
        assert.equal(next.lines.length, 100);
        const positions = next.lines.map((line) => line.position);
        assert.deepEqual(positions, [...positions].sort((a, b) => a - b), "in document order");
        // "Heavy", then "the cats and dogs" repeated: the 101st "cats" is word 2 + 4 × 100.
        assert.equal(positions[0], 402);
        assert.deepEqual(shown.slice(100), next.lines.map((line) => [line.left, line.match, line.right].join("|")));
        assert.equal(await more.textContent(), "Show 100 more of 319,801");
        assert.match(await page.locator("corpus-viewer [role=status]").textContent(), /showing the first 200$/);
        assert.deepEqual(page.errors, []);
      } finally {
        await page.close();
      }
    });
  });
});
