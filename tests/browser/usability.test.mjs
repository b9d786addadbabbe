// Using the viewer with the keyboard and assistive technology: shortcuts,
// arrow keys, announcements, axe-core's checks on every view in both colour
// schemes, and every view at 360 px.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { callEngine, openViewer, repoRoot, useSetUp } from "./harness.mjs";

const env = useSetUp();
let axeSource;
before(async () => {
  axeSource = await readFile(join(repoRoot, "node_modules", "axe-core", "axe.min.js"), "utf8");
});

const VIEWS = [
  ["the document list", ""],
  ["the results", "#q=khamenei"],
  ["the concordance", "#view=concordance&q=khamenei"],
  ["the overview", "#view=overview"],
  ["the reader", "#doc=004_3f9cf636cd48761c&match=2&q=khamenei"],
  ["the source filter, open", "#q=regime&source=PMOI/MEK", "corpus-viewer .facet-sources summary"],
];

const activeInViewer = (page) =>
  page.evaluate(() => {
    const active = document.querySelector("corpus-viewer").shadowRoot.activeElement;
    return active ? { id: active.id, className: active.className, text: active.textContent } : null;
  });

describe("keyboard", () => {
  it("slash focuses the search box, arrow keys move through the results, Enter opens one and Escape clears the box", async () => {
    const page = await openViewer(env.context, env.pageUrl());
    try {
      await page.keyboard.type("khamenei", { delay: 10 });
      const hits = (await callEngine(page, "search", "khamenei", { limit: 50 })).hits;
      await page.keyboard.press("ArrowDown");
      assert.equal((await activeInViewer(page)).text, hits[0].title);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      assert.equal((await activeInViewer(page)).text, hits[2].title);
      await page.keyboard.press("ArrowUp");
      assert.equal((await activeInViewer(page)).text, hits[1].title);
      await page.keyboard.press("Enter");
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      assert.equal(await page.locator("corpus-viewer .doc-head h2").textContent(), hits[1].title);

      await page.keyboard.press("/");
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.id === "query");
      assert.equal(await page.locator("corpus-viewer #query").inputValue(), "khamenei");
      assert.equal(await page.locator("corpus-viewer .doc-head h2").textContent(), hits[1].title, "slash in the reader keeps the document open");
      await page.keyboard.press("Enter");
      await page.locator("corpus-viewer #results a").first().waitFor();
      await page.locator("corpus-viewer #query").focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("/");
      assert.equal((await activeInViewer(page)).id, "query", "slash on a result goes back to the box");
      await page.keyboard.press("Escape");
      assert.equal(await page.locator("corpus-viewer #query").inputValue(), "");
      assert.match(await page.locator("corpus-viewer [role=status]").textContent(), /^5 documents in this collection/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("in the concordance the arrow keys move from line to line and Enter opens the reader there", async () => {
    const page = await openViewer(env.context, `${env.pageUrl()}#view=concordance&q=gaza`);
    try {
      await page.locator("corpus-viewer #query").focus();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      assert.equal((await activeInViewer(page)).className, "kwic-line");
      const lines = (await callEngine(page, "concordance", "gaza", {})).lines;
      await page.keyboard.press("Enter");
      await page.locator("corpus-viewer .counter").getByText(/^Match/).waitFor();
      assert.equal(await page.locator("corpus-viewer .doc-head h2").textContent(), lines[1].title);
      assert.equal(await page.locator("corpus-viewer mark.current").textContent(), lines[1].match);
    } finally {
      await page.close();
    }
  });

  it("the number of results is announced in a polite live region, and focus is always visible", async () => {
    const page = await openViewer(env.context, env.pageUrl());
    try {
      const status = page.locator("corpus-viewer [role=status]");
      assert.equal(await status.getAttribute("aria-live"), "polite");
      await page.keyboard.type("goldstone", { delay: 10 });
      await page.waitForFunction(() => /^1 document matches/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector("[role=status]").textContent));
      const outlines = [];
      for (let i = 0; i < 8; i += 1) {
        await page.keyboard.press("Tab");
        outlines.push(
          await page.evaluate(() => {
            const active = document.querySelector("corpus-viewer").shadowRoot.activeElement;
            if (!active) return null;
            const style = getComputedStyle(active);
            return { name: active.localName, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
          }),
        );
      }
      for (const seen of outlines.filter(Boolean)) assert.ok(seen.outline, `the focused ${seen.name} has a visible outline`);
    } finally {
      await page.close();
    }
  });
});

describe("accessibility", () => {
  it("stepping through matches reads out the matched sentence, and the tab is named after the open document", async () => {
    const page = await openViewer(env.context, env.pageUrl());
    try {
      const corpusTitle = await page.title();
      const doc = (await callEngine(page, "documents")).find((d) => d.id === "004_3f9cf636cd48761c");
      await page.goto(`${env.pageUrl()}#doc=${doc.id}&q=khamenei`);
      await page.reload();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      assert.equal(await page.title(), `${doc.title} \u2013 ${corpusTitle}`);
      await page.locator("corpus-viewer button[aria-label='Next match']").click();
      const heard = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const live = root.querySelector(".reader [aria-live]");
        return { text: live.textContent, polite: live.getAttribute("aria-live"), current: root.querySelector("mark.current").textContent };
      });
      assert.equal(heard.polite, "polite");
      assert.match(heard.text, /^Match 2 of \d+: /);
      const sentence = heard.text.replace(/^Match 2 of \d+: /, "");
      assert.ok(sentence.includes(heard.current), `${JSON.stringify(sentence)} holds the match ${heard.current}`);
      assert.ok(sentence.split(" ").length >= 4, `a sentence, not the word alone: ${sentence}`);
      await page.keyboard.press("Escape");
      await page.locator("corpus-viewer #results").waitFor();
      assert.equal(await page.title(), corpusTitle, "back to the list, the tab has the corpus's name again");
    } finally {
      await page.close();
    }
  });

  for (const scheme of ["light", "dark"]) {
    it(`axe-core finds no violation of any impact in any view, in the ${scheme} colour scheme, on a desktop and at 360 px`, async () => {
      const page = await openViewer(env.context, env.pageUrl());
      try {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 800 });
          for (const [name, hash, open] of VIEWS) {
            await page.goto(`${env.pageUrl()}${hash}`);
            await page.reload();
            await page.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus);
            if (open) await page.locator(open).click();
            await page.addScriptTag({ content: axeSource });
            const violations = await page.evaluate(async () => {
              const result = await window.axe.run(document, { resultTypes: ["violations"] });
              return result.violations.map(
                (violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`,
              );
            });
            assert.deepEqual(violations, [], `${name} (${scheme}, ${width} px)`);
          }
        }
      } finally {
        await page.close();
      }
    });
  }

  it("every view fits 360 px without sideways scrolling", async () => {
    const page = await openViewer(env.context, env.pageUrl(), { viewport: { width: 360, height: 740 } });
    try {
      for (const [name, hash, open] of VIEWS) {
        await page.goto(`${env.pageUrl()}${hash}`);
        await page.reload();
        await page.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus);
        if (open) await page.locator(open).click();
        const overflow = await page.evaluate(() => {
          const wide = [];
          const visit = (node) => {
            for (const element of node.querySelectorAll("*")) {
              // Clipped on purpose: contexts at their far ends, chart labels at the chart's edge;
              // tables of figures scroll sideways in a region of their own.
              if (element.closest(".kwic-left, .kwic-right, .chart-row, .table-scroll > table")) continue;
              const box = element.getBoundingClientRect();
              if (box.width > 0 && (box.right > 360.5 || box.left < -0.5)) wide.push(`${element.localName}.${element.getAttribute("class")}`);
              if (element.shadowRoot) visit(element.shadowRoot);
            }
          };
          visit(document);
          return { scrollWidth: document.documentElement.scrollWidth, wide };
        });
        assert.deepEqual(overflow, { scrollWidth: 360, wide: [] }, name);
      }
    } finally {
      await page.close();
    }
  });
});
