// The overview: the collection's counts, its most frequent words and its
// sources, each word a search and each source a filter; the word list, each
// document's figures and, for a query, its collocates and the keyness of the
// words of the documents it finds.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

describeOrigins(["file"], (origin) => {
  it("the overview gives the number of documents, words and distinct terms, the frequent words and the sources", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await page.getByRole("button", { name: "Overview" }).click();
      const overview = await callEngine(page, "overview");
      const seen = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot.querySelector(".overview");
        const chips = (selector) => Array.from(root.querySelectorAll(`${selector} .chip`), (chip) => Array.from(chip.children, (part) => part.textContent));
        return {
          stats: Array.from(root.querySelectorAll(".stat"), (stat) => [stat.querySelector("dd").textContent, stat.querySelector("dt").textContent]),
          terms: chips(".terms"),
          sources: chips(".sources"),
        };
      });
      const format = (n) => n.toLocaleString("en");
      assert.deepEqual(seen.stats, [
        [format(overview.documents), "documents"],
        [format(overview.words), "words"],
        [format(overview.terms), "distinct terms"],
      ]);
      assert.deepEqual(seen.terms, overview.topTerms.map((entry) => [entry.term, format(entry.count)]));
      assert.deepEqual(seen.sources, overview.sources.map((entry) => [entry.source, format(entry.documents)]));
      assert.deepEqual(overview.tags, []);
      assert.equal(await page.locator("corpus-viewer .overview .tags-box").isVisible(), false, "no tags: no tags section");
      assert.equal(decodeURIComponent(new URL(page.url()).hash), "#view=overview");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("choosing a frequent word searches for it, and choosing a source lists its documents", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview`);
    try {
      const overview = await callEngine(page, "overview");
      const term = overview.topTerms[4].term;
      await page.locator("corpus-viewer .terms .chip").nth(4).click();
      await page.waitForFunction((term) => decodeURIComponent(location.hash) === `#q=${term}`, term);
      const result = await callEngine(page, "search", term, { limit: 50 });
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), result.hits.map((hit) => hit.title));

      await page.goBack();
      await page.locator("corpus-viewer .sources .chip").first().waitFor();
      const source = overview.sources[0].source;
      await page.locator("corpus-viewer .sources .chip").first().click();
      await page.waitForFunction((source) => decodeURIComponent(location.hash) === `#source=${source}`, source);
      const documents = (await callEngine(page, "documents")).filter((doc) => doc.source === source);
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), documents.map((doc) => doc.title));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the word list holds every word with its counts, sorts by any column and downloads whole", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview`);
    try {
      await page.locator("corpus-viewer .overview .scope", { hasText: "whole collection" }).waitFor();
      assert.equal(await page.locator("corpus-viewer .overview .part-heading").textContent(), "The whole collection");
      const vocabulary = await callEngine(page, "vocabulary", {});
      const table = page.locator("corpus-viewer table[aria-label='Word list']");
      const rows = async () =>
        table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
      const byCount = [...vocabulary.terms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const shown = await rows();
      assert.equal(shown.length, 25, "a page of rows");
      assert.deepEqual(shown.slice(0, 10).map((row) => [row[0], row[1], row[2]]), byCount.slice(0, 10).map(([t, c, d]) => [t, c.toLocaleString("en"), d.toLocaleString("en")]));
      await table.getByRole("button", { name: "Documents" }).click();
      assert.equal(await table.locator("th[aria-sort=descending]").textContent(), "Documents");
      const documents = (await rows()).map((row) => Number(row[2].replaceAll(",", "")));
      assert.deepEqual(documents, [...documents].sort((a, b) => b - a));
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("corpus-viewer .data-table").filter({ has: page.locator("table[aria-label='Word list']") }).getByRole("button", { name: "Download CSV" }).click(),
      ]);
      const lines = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
      assert.equal(lines.length, vocabulary.total + 1, "a header and every word");
      assert.equal(download.suggestedFilename(), "seeds-words.csv");

      // A word opens In context for it.
      await table.locator("tbody tr").first().getByRole("button").click();
      await page.waitForFunction(() => location.hash.startsWith("#view=concordance&q="));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("for a query, the figures are those of the documents it finds, with keyness and collocates", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview&q=goldstone`);
    try {
      const scope = page.locator("corpus-viewer .overview .scope");
      await scope.locator("text=/^Figures for the/").waitFor();
      const hits = (await callEngine(page, "search", "goldstone", {})).hits.filter((hit) => !hit.partial);
      assert.match(await scope.textContent(), new RegExp(`^Figures for the ${hits.length} documents? matching .goldstone.`));
      // The part's figures stand under a heading of their own, after the collection's words.
      const order = await page.evaluate(() => {
        const overview = document.querySelector("corpus-viewer").shadowRoot.querySelector(".overview");
        return [...overview.querySelectorAll(".terms, .part-heading, .scope")].map((e) => e.className.replace("chips ", "") + ": " + (e.matches(".terms") ? "" : e.textContent.slice(0, 40)));
      });
      assert.deepEqual(order.slice(0, 2), ["terms: ", "part-heading: The documents matching \u201cgoldstone\u201d"]);
      assert.match(order[2], /^hint scope: Figures for the/);
      const table = page.locator("corpus-viewer table[aria-label='Word list']");
      assert.equal(await table.locator("th[aria-sort=descending]").textContent(), "Keyness (log-likelihood)");
      const keyness = await table.locator("tbody tr td:nth-child(5)").allTextContents();
      const values = keyness.map((text) => Number(text.replaceAll(",", "")));
      assert.deepEqual(values, [...values].sort((a, b) => b - a));
      const rows = await page.evaluate(() => {
        const corpus = document.querySelector("corpus-viewer").corpus;
        return corpus.vocabulary({}).terms.filter(([term]) => term === "goldstone");
      });
      assert.equal(rows.length, 1);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("corpus-viewer .data-table").filter({ has: page.locator("table[aria-label='Word list']") }).getByRole("button", { name: "Download CSV" }).click(),
      ]);
      const lines = (await readFile(await download.path(), "utf8")).replace(/^\ufeff/, "").trimEnd().split("\r\n");
      assert.equal(lines[0], '"Word","Occurrences","Documents","Per 1,000 words","Keyness (log-likelihood)"');
      const goldstone = lines.find((line) => line.startsWith('"goldstone"')).split(",").map((field) => field.replaceAll('"', ""));
      assert.equal(goldstone[1], String(rows[0][1]), "every occurrence is in the documents found");
      assert.ok(Number(goldstone[goldstone.length - 1]) > 0, "used more in these documents than in the rest");

      const engine = await callEngine(page, "collocates", "goldstone", { window: 5 });
      const collocates = page.locator("corpus-viewer table[aria-label='Collocates'] tbody tr td:first-child");
      assert.deepEqual(await collocates.allTextContents(), engine.collocates.map((c) => c.term).slice(0, 25));
      const documentRows = await page.locator("corpus-viewer table[aria-label='Documents'] tbody tr").count();
      assert.equal(documentRows, hits.length);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a word that occurs nowhere as typed says so rather than show an empty table of collocates, and leads to the words counted", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview`);
    try {
      // A frequent word with two of its letters swapped: found by a search, counted nowhere.
      const overview = await callEngine(page, "overview");
      const term = overview.topTerms.map((entry) => entry.term).find((t) => t.length >= 7);
      const typo = term.slice(0, 3) + term[4] + term[3] + term.slice(5);
      assert.equal((await callEngine(page, "concordance", typo, {})).total, 0, typo);
      assert.ok((await callEngine(page, "search", typo, {})).hits.length > 0, typo);
      await page.evaluate((hash) => (location.hash = hash), `view=overview&q=${typo}`);
      const note = page.locator("corpus-viewer .overview p", { hasText: "occurs nowhere" });
      await note.waitFor();
      assert.equal(await note.textContent(), `\u201c${typo}\u201d occurs nowhere in these documents in the form typed (counted as In context counts it), so no word stands near it: choose the words counted in In context.`);
      assert.equal(await page.locator("corpus-viewer table[aria-label='Collocates']").count(), 0, "no empty table");

      // Chosen in In context, the word's real form is counted in the overview too.
      await note.getByRole("button").click();
      await page.waitForFunction(() => /view=concordance/.test(location.hash));
      await page.locator("corpus-viewer .concordance label", { hasText: term }).first().locator("input").check();
      await page.getByRole("button", { name: "Overview" }).click();
      const engine = await callEngine(page, "collocates", typo, { window: 5, forms: { include: [term] } });
      assert.ok(engine.occurrences > 0 && engine.collocates.length > 0, "the form chosen has collocates");
      const collocates = page.locator("corpus-viewer table[aria-label='Collocates'] tbody tr td:first-child");
      await collocates.first().waitFor();
      assert.deepEqual(await collocates.allTextContents(), engine.collocates.map((c) => c.term).slice(0, 25));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("frequent phrases come from the engine, and a document shows the words that set it apart", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview`);
    try {
      const phrases = await callEngine(page, "phrases", {});
      assert.ok(phrases.phrases.length > 5 && phrases.documents === phrases.of);
      const shown = await page.locator("corpus-viewer table[aria-label='Frequent phrases'] tbody tr td:first-child").allTextContents();
      assert.deepEqual(shown, phrases.phrases.map((p) => p.text).slice(0, 25));

      await page.locator("corpus-viewer .overview .scope", { hasText: "whole collection" }).waitFor();
      const documents = page.locator("corpus-viewer table[aria-label='Documents']");
      const first = documents.locator("tbody tr").first();
      const title = await first.locator("td").first().textContent();
      await first.getByRole("button").click();
      const heading = page.locator("corpus-viewer .distinctive h3");
      await heading.waitFor();
      assert.equal(await heading.textContent(), `Words that set \u201c${title}\u201d apart`);
      const keyness = (await page.locator("corpus-viewer table[aria-label='Distinctive words'] tbody tr td:nth-child(4)").allTextContents()).map((text) => Number(text.replaceAll(",", "")));
      assert.ok(keyness.length > 0 && keyness.every((k) => k > 0));
      assert.deepEqual(keyness, [...keyness].sort((a, b) => b - a));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
