// The reader as a workbench: the search box stays while reading (typing finds within the
// document, Enter shows the results of the refined query), the documents before and after in
// the list, the title in the bar once it has scrolled away, an outline of a long document, and
// on a wide viewer the list beside the reader, with the keyboard moving between them.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, repoRoot, useSetUp } from "./harness.mjs";

// A long handbook with chapters, and three short notes about harbours.
const corpus = mkdtempSync(join(tmpdir(), "corpus-viewer-workbench-"));
process.on("exit", () => rmSync(corpus, { recursive: true, force: true }));
const chapters = ["Arrival", "Pilotage", "Moorings", "Cargo", "Departure"];
const handbook = chapters
  .map((name, i) => `## ${name}\n\n${`The harbour pilot guides each vessel past the breakwater at tide ${i}. `.repeat(40)}`)
  .join("\n\n");
writeFileSync(join(corpus, "handbook.md"), `# Harbour handbook\n\n${handbook}\n`);
for (const [name, text] of [
  ["north.txt", "North harbour\n\nThe harbour of the north freezes in winter; the pilot waits for the thaw."],
  ["south.txt", "South harbour\n\nThe southern harbour is deep, and a pilot is seldom needed."],
  ["west.txt", "West harbour\n\nFishing boats crowd the west harbour at dawn."],
]) {
  writeFileSync(join(corpus, name), text);
}

const env = useSetUp({ fixture: { corpus, name: "workbench" } });

const reader = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    const visible = (selector) => {
      const element = root.querySelector(selector);
      return element != null && element.getClientRects().length > 0;
    };
    return {
      title: root.querySelector(".doc-head h2").textContent,
      marks: [...root.querySelectorAll(".doc-text mark")].map((mark) => mark.textContent.toLowerCase()),
      searchVisible: visible("#query"),
      listVisible: visible(".listing"),
      previousDocument: root.querySelector("button[aria-label='Previous document']").disabled,
      nextDocument: root.querySelector("button[aria-label='Next document']").disabled,
    };
  });

describeOrigins(["file"], (origin) => {
  it("while reading, the search box stays: typing finds within the document, Enter shows the refined results", async () => {
    // Narrower than the side-by-side layout: one column, the reader in place of the list.
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#q=harbour`, { viewport: { width: 1024, height: 800 } });
    try {
      await page.locator("corpus-viewer #results a", { hasText: "Harbour handbook" }).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      let seen = await reader(page);
      assert.equal(seen.title, "Harbour handbook");
      assert.ok(seen.searchVisible, "the search box is on screen in the reader");
      assert.ok(!seen.listVisible);
      assert.equal(await page.locator("corpus-viewer .toolbar button").first().textContent(), "Results", "the way back to the list");

      await page.locator("corpus-viewer #query").fill("pilot");
      // The word being typed also matches its completions ("pilotage").
      await page.waitForFunction(() => {
        const marks = [...document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".doc-text mark")];
        return marks.length > 0 && marks.every((m) => m.textContent.toLowerCase().startsWith("pilot"));
      });
      seen = await reader(page);
      assert.equal(seen.title, "Harbour handbook", "the same document stays open");
      assert.ok(seen.marks.includes("pilot"), seen.marks.join(","));
      assert.equal(await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.id), "query", "typing keeps the focus in the box");

      await page.keyboard.press("Enter");
      await page.locator("corpus-viewer #results a").first().waitFor();
      const expected = (await callEngine(page, "search", "pilot", { limit: 10 })).hits.map((hit) => hit.title);
      const listed = await page.locator("corpus-viewer #results > li a").allTextContents();
      assert.deepEqual(listed.slice(0, expected.length), expected);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the reader steps to the documents before and after in the list, by button and with [ and ]", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#q=harbour`);
    try {
      const hits = (await callEngine(page, "search", "harbour", { limit: 10 })).hits;
      assert.ok(hits.length >= 3);
      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      let seen = await reader(page);
      assert.deepEqual([seen.previousDocument, seen.nextDocument], [true, false], "the first: no previous");
      await page.locator("corpus-viewer button[aria-label='Next document']").click();
      await page.waitForFunction((title) => document.querySelector("corpus-viewer").shadowRoot.querySelector(".doc-head h2").textContent === title, hits[1].title);
      await page.keyboard.press("]");
      await page.waitForFunction((title) => document.querySelector("corpus-viewer").shadowRoot.querySelector(".doc-head h2").textContent === title, hits[2].title);
      await page.keyboard.press("[");
      await page.waitForFunction((title) => document.querySelector("corpus-viewer").shadowRoot.querySelector(".doc-head h2").textContent === title, hits[1].title);
      seen = await reader(page);
      assert.deepEqual([seen.previousDocument, seen.nextDocument], [false, false]);
      await page.keyboard.press("Escape");
      await page.locator("corpus-viewer #results a").first().waitFor();
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a long document has an outline of its headings, and its title follows in the bar once scrolled away", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#doc=handbook&q=tide`, { viewport: { width: 1280, height: 700 } });
    try {
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      const outline = page.locator("corpus-viewer .outline");
      assert.ok(await outline.isVisible());
      await outline.locator("summary").click();
      assert.deepEqual(await outline.locator("li").allTextContents(), ["Harbour handbook", ...chapters]);
      await page.addScriptTag({ content: readFileSync(join(repoRoot, "node_modules", "axe-core", "axe.min.js"), "utf8") });
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((violation) => `${violation.id} (${violation.impact})`),
      );
      assert.deepEqual(violations, [], "axe-core, with the outline open");
      const barOpacity = () =>
        page.evaluate(() => getComputedStyle(document.querySelector("corpus-viewer").shadowRoot.querySelector(".bar-title")).opacity);
      assert.equal(await barOpacity(), "0", "the heading is on screen: no title in the bar");
      await outline.locator("li button", { hasText: "Departure" }).click();
      await page.waitForFunction(() => getComputedStyle(document.querySelector("corpus-viewer").shadowRoot.querySelector(".bar-title")).opacity === "1");
      assert.equal(await page.locator("corpus-viewer .bar-title").textContent(), "Harbour handbook");
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
      assert.equal(focused, "Departure", "the outline moves the focus to the heading");

      // A short document has none.
      await page.goto(`${env.pageUrl(origin)}#doc=north&q=pilot`);
      await page.reload();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      assert.equal(await page.locator("corpus-viewer .outline").isVisible(), false);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("on a wide viewer the list stays beside the reader, and the keyboard moves between them", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#q=harbour`, { viewport: { width: 1440, height: 900 } });
    const layout = () =>
      page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const box = (selector) => {
          const element = root.querySelector(selector);
          const rect = element.getBoundingClientRect();
          return element.getClientRects().length > 0 ? { left: rect.left, right: rect.right, top: rect.top } : null;
        };
        return {
          list: box(".listing"),
          reader: box(".reader"),
          open: [...root.querySelectorAll("#results a[aria-current=true]")].map((link) => link.textContent),
          focused: root.activeElement?.textContent ?? null,
          marks: [...root.querySelectorAll(".doc-text mark")].map((mark) => mark.textContent.toLowerCase()),
        };
      });
    const title = () => page.locator("corpus-viewer .doc-head h2").textContent();
    try {
      const hits = (await callEngine(page, "search", "harbour", { limit: 10 })).hits;
      const entries = await page.evaluate(() => history.length);
      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      let seen = await layout();
      assert.ok(seen.list && seen.reader, "both on screen");
      assert.ok(seen.list.right <= seen.reader.left, `the list (right edge ${seen.list.right}) is left of the reader (${seen.reader.left})`);
      assert.deepEqual(seen.open, [hits[0].title], "the open document is marked in the list");
      assert.equal(await page.locator("corpus-viewer .toolbar button").first().textContent(), "Close", "the list is on screen: the button closes the document");

      // Another document from the list: the list stays as it was, and the history gains no entry for it.
      const first = await page.evaluate(() => {
        window.listItem = document.querySelector("corpus-viewer").shadowRoot.querySelector("#results li");
        return history.length;
      });
      assert.equal(first, entries + 1, "opening the first document is one entry");
      await page.locator("corpus-viewer #results a").nth(2).click();
      await page.waitForFunction((title) => document.querySelector("corpus-viewer").shadowRoot.querySelector(".doc-head h2").textContent === title, hits[2].title);
      assert.ok(await page.evaluate(() => window.listItem.isConnected), "the list was not drawn again");
      assert.equal(await page.evaluate(() => history.length), first);
      assert.deepEqual((await layout()).open, [hits[2].title]);

      // ArrowRight on the list goes to the reader, ArrowLeft back to the open document's item.
      await page.locator("corpus-viewer #results a").nth(1).focus();
      await page.keyboard.press("ArrowRight");
      assert.equal((await layout()).focused, hits[2].title, "the reader's title has the focus");
      await page.keyboard.press("ArrowLeft");
      assert.equal((await layout()).focused, hits[2].title, "the open item in the list has the focus");
      assert.equal(await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.closest("#results") != null), true);

      // Typing refines both: the list and the marks in the open document.
      await page.locator("corpus-viewer #query").fill("pilot");
      await page.waitForFunction(() => {
        const marks = [...document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".doc-text mark")];
        return marks.length > 0 && marks.every((m) => m.textContent.toLowerCase().startsWith("pilot"));
      });
      const pilots = (await callEngine(page, "search", "pilot", { limit: 10 })).hits.map((hit) => hit.title);
      assert.deepEqual((await page.locator("corpus-viewer #results > li a").allTextContents()).slice(0, pilots.length), pilots);
      assert.equal(await title(), hits[2].title, "the same document stays open");
      // Enter goes to the results beside it.
      await page.keyboard.press("Enter");
      assert.ok(await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.closest("#results") != null));
      assert.equal(await title(), hits[2].title);

      // Narrower, the reader is alone; wider again, the list comes back.
      await page.setViewportSize({ width: 1000, height: 900 });
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector(".listing").getClientRects().length === 0);
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector(".listing").getClientRects().length > 0);

      // Escape closes the reader: the list alone, full width.
      await page.keyboard.press("Escape");
      await page.locator("corpus-viewer article.reader").waitFor({ state: "hidden" });
      seen = await layout();
      assert.equal(seen.reader, null);
      assert.deepEqual(seen.open, []);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
