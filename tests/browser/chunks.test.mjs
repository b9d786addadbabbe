// The chunked viewer: a page naming the index's manifest in a folder of chunks, loaded as
// they are needed (fetched over http, added as scripts from file://). It answers as the single
// file does, loads only some chunks for a query, and names a chunk that is missing or damaged
// while the rest of the corpus stays searchable.

import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, it } from "node:test";
import { ORIGINS, buildFixture, describeOrigins, launchBrowser, openPage, openViewer, startServer, visibleItems, waitForReady } from "./harness.mjs";

/**
 * 160 documents of 900 words from a made-up vocabulary, enough text for many chunks of postings
 * and of texts. "zebrafinch" is in the first document alone, "quokka" in the last alone.
 * Returns the words of the first document.
 */
function writeCorpus(dir) {
  let first = null;
  mkdirSync(dir, { recursive: true });
  const syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "do", "ni", "gar"];
  const word = (n) => {
    let w = "";
    do {
      w += syllables[n % 10];
      n = Math.floor(n / 10);
    } while (n > 0);
    return w;
  };
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let d = 0; d < 160; d += 1) {
    const words = [];
    for (let i = 0; i < 900; i += 1) {
      const r = next() % 4000;
      words.push(word(Math.floor((r * r) / 4000)));
    }
    if (d === 0) words.splice(40, 0, "zebrafinch");
    if (d === 159) words.splice(40, 0, "quokka");
    const id = `doc-${String(d).padStart(3, "0")}`;
    writeFileSync(join(dir, `${id}.txt`), `Document ${d} ${word(d)}\n\n${words.join(" ")}.\n`);
    first ??= words;
  }
  return first;
}

/**
 * 1,200 notes of 24 words, the first 600 in folder `a` (their source), the rest in `b`: more
 * documents than the overview of a chunked collection counts.
 */
function writeNotes(dir) {
  let seed = 5;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const syllables = ["ba", "ko", "li", "mu", "ne", "po", "ri", "su", "ta", "ve", "zo", "ga"];
  const word = () => Array.from({ length: 2 + (next() % 3) }, () => syllables[next() % 12]).join("");
  for (let d = 0; d < 1200; d += 1) {
    const folder = join(dir, d < 600 ? "a" : "b");
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `note-${String(d).padStart(4, "0")}.txt`), `Note ${d}\n\n${Array.from({ length: 24 }, word).join(" ")}.\n`);
  }
}

const corpusDir = mkdtempSync(join(tmpdir(), "corpus-viewer-chunked-corpus-"));
const firstWords = writeCorpus(join(corpusDir, "made"));
writeNotes(join(corpusDir, "notes"));
// Words, a phrase, a prefix and a typo, all from the first document.
const QUERIES = ["zebrafinch", `${firstWords[20]} ${firstWords[300]}`, `"${firstWords[10]} ${firstWords[11]}"`, `${firstWords[50].slice(0, 3)}*`, "quokkaa"];
const env = {};
/** The chunked viewers: the titles in the manifest (a collection of some thousand documents), or in blocks of their own. */
const VARIANTS = [["titles in the manifest", "chunked"], ["titles in chunks", "titled"]];

before(async () => {
  env.chunked = await buildFixture(join(corpusDir, "made"), "made", ["--chunked"]);
  // The same, its titles in blocks of their own, as a collection of 50,000 documents has them.
  env.titled = await buildFixture(join(corpusDir, "made"), "made", ["--chunked"], { env: { CORPUS_VIEWER_TITLES_APART_FROM: "0" } });
  env.single = await buildFixture(join(corpusDir, "made"), "made", ["--single-file"]);
  env.notes = await buildFixture(join(corpusDir, "notes"), "notes", ["--chunked"]);
  env.browser = await launchBrowser();
  env.servers = {};
  env.chunks = (await readdir(join(env.chunked, "corpus"))).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3));
});

after(async () => {
  await env.browser?.close();
  for (const server of Object.values(env.servers ?? {})) await server.close();
  for (const dir of [env.chunked, env.titled, env.single, env.notes, ...(env.copies ?? [])]) if (dir) await rm(dir, { recursive: true, force: true });
  rmSync(corpusDir, { recursive: true, force: true });
});

/** The page of viewer folder `dir` at a file:// or http:// URL (a server per folder). */
async function urlOf(dir, origin) {
  if (origin === "file") return pathToFileURL(join(dir, "index.html")).href;
  env.servers[dir] ??= await startServer(dir);
  return env.servers[dir].url;
}

/** Types `query` and waits for its answer (the status line no longer says it is loading). */
async function search(page, query) {
  await page.evaluate((q) => document.querySelector("corpus-viewer").navigate({ query: q, doc: null, match: 0 }), query);
  await page.waitForFunction(() => {
    const viewer = document.querySelector("corpus-viewer");
    const status = viewer.shadowRoot.querySelector("[role=status]")?.textContent ?? "";
    return !viewer.hasAttribute("aria-busy") && !/Loading/.test(status);
  });
}

/**
 * A chunk of the chunked viewer that `then(page)` loads and `first(page)` did not, on a page
 * just opened from `origin`; undefined when there is none.
 */
async function chunkOnlyFor(origin, first, then) {
  const probe = await openViewer(env.browser.context, await urlOf(env.chunked, origin));
  const requested = chunkRequests(probe);
  await first(probe);
  const loaded = new Set(requested);
  const later = chunkRequests(probe);
  await then(probe);
  await probe.close();
  return [...later].find((name) => !loaded.has(name));
}

/**
 * Where the hits' passages stand: how many wait for theirs, and whether each of those lies below
 * the window (a hit in view has its passage from the first answer).
 */
async function pendingPassages(page) {
  return page.evaluate(() => {
    const pending = [...document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results .snippet.pending")];
    return { count: pending.length, belowView: pending.every((p) => p.getBoundingClientRect().top >= window.innerHeight) };
  });
}

/** Scrolls to the last hit and waits until every hit shown has its passage. */
async function scrollToEveryPassage(page) {
  await page.locator("corpus-viewer #results > li").last().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results .snippet.pending").length === 0);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Opens document `id` with `query` and waits until the reader shows it or an error. */
async function open(page, id, query = "") {
  await page.evaluate(([doc, q]) => document.querySelector("corpus-viewer").navigate({ doc, query: q, match: 0 }), [id, query]);
  await page.waitForFunction(() => {
    const viewer = document.querySelector("corpus-viewer");
    if (viewer.hasAttribute("aria-busy")) return false;
    const reader = viewer.shadowRoot.querySelector(".reader:not([hidden])");
    return reader && (reader.querySelector(".error:not([hidden])") || reader.querySelector(".doc-text")?.textContent);
  });
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    const error = root.querySelector(".reader .error:not([hidden])");
    return {
      error: error?.textContent ?? null,
      marks: Array.from(root.querySelectorAll(".reader .doc-text mark"), (m) => m.textContent),
      text: root.querySelector(".reader .doc-text")?.textContent ?? "",
    };
  });
}

/** A copy of the chunked viewer whose chunk `name` (both files of the manifest) is "deleted" or "altered". */
async function damagedCopy(name, damage) {
  const copy = await mkdtemp(join(tmpdir(), "corpus-viewer-chunked-copy-"));
  (env.copies ??= []).push(copy);
  await cp(env.chunked, copy, { recursive: true });
  const files = (await readdir(join(copy, "corpus"))).filter((file) => file.startsWith(`${name}.`));
  assert.ok(files.length > 0, name);
  for (const file of files.map((file) => join(copy, "corpus", file))) {
    if (damage === "deleted") await unlink(file);
    else {
      const bytes = await readFile(file);
      // A byte near the middle changed, one the script holds as it is.
      let at = Math.floor(bytes.length / 2);
      while (bytes[at] === 0x5c || bytes[at - 1] === 0x5c) at += 1;
      bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
      await writeFile(file, bytes);
    }
  }
  return copy;
}

/** The chunks the page has asked for, by name. */
function chunkRequests(page) {
  const names = new Set();
  page.on("request", (request) => {
    const match = /\/corpus\/([0-9a-f]{16})\.(bin|js)$/.exec(request.url());
    if (match) names.add(match[1]);
  });
  return names;
}

describeOrigins(ORIGINS, (origin) => {
  it("loads its manifest once, asked for before the browser reads the engine", async () => {
    const page = await env.browser.context.newPage();
    const requested = [];
    page.on("request", (request) => requested.push(request.url()));
    try {
      await page.goto(await urlOf(env.chunked, origin));
      await waitForReady(page);
      const manifest = await page.evaluate(() => document.querySelector("script[data-corpus-viewer-manifest]").dataset.corpusViewerManifest);
      const file = `/corpus/${manifest}.${origin === "file" ? "js" : "bin"}`;
      const loads = requested.filter((url) => /\/corpus\/[0-9a-f]{16}\.(bin|js)$/.test(url) && new URL(url).pathname.endsWith(file));
      assert.equal(loads.length, 1, requested.join("\n"));
      assert.ok(!requested.some((url) => url.endsWith(`/corpus/${manifest}.${origin === "file" ? "bin" : "js"}`)), "the manifest's other form is not loaded");
      const hint = await page.evaluate(() => [...document.querySelectorAll("link[rel=preload]")].map((link) => [new URL(link.href).pathname, link.as]));
      assert.deepEqual(hint.map(([path, as]) => [path.endsWith(file), as]), [[true, origin === "file" ? "script" : "fetch"]]);
    } finally {
      await page.close();
    }
  });

  for (const [titles, variant] of VARIANTS) it(`${titles}: answers searches and opens documents as the single file does, loading few chunks`, async () => {
    const single = await openViewer(env.browser.context, await urlOf(env.single, origin));
    const page = await openViewer(env.browser.context, await urlOf(env[variant], origin));
    const requested = chunkRequests(page);
    try {
      // A list without a query builds the items in view first, the rest of its page of 100 (of
      // the 160 documents) once the next frame is drawn.
      for (const each of [single, page]) await each.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 100);
      const listed = await visibleItems(page);
      assert.deepEqual(listed, await visibleItems(single), "the first list, its titles loaded, is the single file's");
      for (const query of QUERIES) {
        await search(single, query);
        await search(page, query);
        const expected = await visibleItems(single);
        assert.ok(expected.length > 0, `${query} finds something`);
        // A chunked corpus shows its hits ten to a page, each passage costing a chunk: those
        // below the window have theirs once they come near it.
        const pending = await pendingPassages(page);
        assert.ok(pending.belowView, query);
        if (expected.length >= 10) assert.ok(pending.count > 0, `${query}: every passage loaded before it was in view`);
        await scrollToEveryPassage(page);
        const shown = await visibleItems(page);
        assert.equal(shown.length, Math.min(expected.length, 10), query);
        assert.deepEqual(shown, expected.slice(0, shown.length), query);
        if (expected.length > 10) {
          // The next page's hits come at once, and their passages once they are near the view.
          await page.locator("corpus-viewer button.more").click();
          await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length > 10);
          await scrollToEveryPassage(page);
          const more = await visibleItems(page);
          assert.equal(more.length, Math.min(expected.length, 20), query);
          assert.deepEqual(more, expected.slice(0, more.length), query);
        }
        if (query === QUERIES[0]) {
          // A word of one document: the shards of the dictionary that hold its term and its
          // stem, a chunk of postings and one of texts (its title came with the first list).
          assert.ok(requested.size >= 3 && requested.size <= 4, `${[...requested]} of ${env.chunks.length} chunks`);
          assert.ok(env.chunks.length > 8, `${env.chunks.length} chunks`);
        }
      }
      const read = await open(page, "doc-159", "quokka");
      assert.equal(read.error, null);
      assert.deepEqual(read.marks, ["quokka"]);
      assert.deepEqual(await open(single, "doc-159", "quokka"), read, "the same text and marks as the single file");
      assert.deepEqual(page.errors, []);
    } finally {
      await single.close();
      await page.close();
    }
  });

  for (const [titles, variant] of VARIANTS) it(`${titles}: lists the documents by title a page at a time as the single file does`, async () => {
    const pages = [await openViewer(env.browser.context, await urlOf(env.single, origin)), await openViewer(env.browser.context, await urlOf(env[variant], origin))];
    try {
      const listed = async (page) => {
        await page.evaluate(() => {
          const viewer = document.querySelector("corpus-viewer");
          viewer.setAttribute("page-size", "7");
          viewer.navigate({ query: "", sort: "title", doc: null, match: 0 });
        });
        const count = () => page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length);
        await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 7);
        const more = page.locator("corpus-viewer button.more");
        const offered = await more.textContent();
        const requested = chunkRequests(page);
        await more.click();
        await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 14);
        const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
        return { offered, titles: (await visibleItems(page)).map((item) => item.title), focused, count: await count(), loaded: requested.size };
      };
      const [single, chunked] = [await listed(pages[0]), await listed(pages[1])];
      assert.equal(single.offered, "Show 7 more of 153");
      assert.equal(single.focused, single.titles[7], "the first new document has focus");
      const folded = single.titles.map((title) => title.toLowerCase());
      assert.ok(folded.every((title, i) => i === 0 || folded[i - 1] <= title), folded.join(", "));
      assert.deepEqual({ ...chunked, loaded: 0 }, { ...single, loaded: 0 });
      // A block of titles holds some hundred documents: the next page reads one at most.
      assert.ok(chunked.loaded <= 1, `${chunked.loaded} chunks`);
      assert.deepEqual(pages[1].errors, []);
    } finally {
      for (const page of pages) await page.close();
    }
  });

  it("embedded with one script in a page of another folder, finds its chunks beside the script", async () => {
    const copy = await mkdtemp(join(tmpdir(), "corpus-viewer-chunked-embed-"));
    (env.copies ??= []).push(copy);
    await cp(env.chunked, copy, { recursive: true });
    await mkdir(join(copy, "host"));
    await writeFile(
      join(copy, "host", "page.html"),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Host</title></head><body><h1>An article</h1><corpus-viewer height="30rem"></corpus-viewer><script src="../corpus-viewer.js"></script></body></html>',
    );
    const url = origin === "file" ? pathToFileURL(join(copy, "host", "page.html")).href : new URL("host/page.html", await urlOf(copy, origin)).href;
    const page = await openViewer(env.browser.context, url);
    const requested = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    try {
      await search(page, "zebrafinch");
      const shown = await visibleItems(page);
      assert.equal(shown.length, 1);
      assert.match(shown[0].title, /^Document 0 /);
      assert.deepEqual(shown[0].marks, ["zebrafinch"]);
      const chunks = requested.filter((path) => /\/corpus\/[0-9a-f]{16}\.(bin|js)$/.test(path));
      assert.ok(chunks.length >= 3, requested.join(", "));
      assert.ok(chunks.every((path) => !path.includes("/host/")), `chunks from beside the script, not the page: ${chunks}`);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the embedding example of a chunked viewer searches under its strict content policy", async () => {
    const page = await openViewer(env.browser.context, new URL("example.html", await urlOf(env.chunked, origin)).href);
    try {
      await search(page, "quokka");
      const shown = await visibleItems(page);
      assert.equal(shown.length, 1);
      assert.match(shown[0].title, /^Document 159 /);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("shows ten more hits on asking, and moves the focus to the first of them once they have come", async () => {
    const page = await openViewer(env.browser.context, await urlOf(env.chunked, origin));
    try {
      await search(page, QUERIES[1]);
      assert.equal((await visibleItems(page)).length, 10);
      await page.locator("corpus-viewer button.more").click();
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 20);
      const items = await visibleItems(page);
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent ?? "");
      assert.equal(focused, items[10].title);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("downloads every line of a concordance as the single file does, waiting for the texts of each page", async () => {
    // "ka" occurs in every document: its lines read the texts of them all.
    const hash = "#view=concordance&q=ka";
    const csv = async (page) => {
      await page.locator("corpus-viewer .kwic-line").first().waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.getByRole("button", { name: "Download CSV" }).click()]);
      return readFile(await download.path(), "utf8");
    };
    const single = await openViewer(env.browser.context, `${await urlOf(env.single, origin)}${hash}`);
    const page = await openViewer(env.browser.context, `${await urlOf(env.chunked, origin)}${hash}`);
    const requested = chunkRequests(page);
    try {
      const expected = await csv(single);
      const rows = expected.trimEnd().split("\r\n").length - 1;
      const total = (await single.evaluate(() => document.querySelector("corpus-viewer").corpus.concordance("ka", { limit: 1 }))).total;
      assert.equal(rows, total, "the single file's download holds every line");
      const before = requested.size;
      assert.equal(await csv(page), expected);
      assert.ok(requested.size > before, "the download fetched the texts the page had not");
      assert.equal(await page.locator("corpus-viewer .kwic-actions p.hint").isHidden(), true, "nothing left out");
      assert.deepEqual(page.errors, []);
    } finally {
      await single.close();
      await page.close();
    }
  });

  for (const [titles, variant] of VARIANTS) it(`${titles}: pages a concordance sorted by context 25 lines at a time, as the single file sorts it`, async () => {
    // "ka" is the most frequent word: it occurs in every document.
    const hash = "#view=concordance&order=right&q=ka";
    const lines = (page) => page.evaluate(() => Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#concordance > li"), (li) => li.textContent));
    const count = (page, n) => page.waitForFunction((n) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#concordance > li").length === n, n, { timeout: 30_000 });
    const single = await openViewer(env.browser.context, `${await urlOf(env.single, origin)}${hash}`);
    const page = await openViewer(env.browser.context, `${await urlOf(env[variant], origin)}${hash}`);
    try {
      await count(single, 100);
      await count(page, 25);
      const expected = await lines(single);
      assert.deepEqual(await lines(page), expected.slice(0, 25));
      // The chart of the documents with the most occurrences names them by title, once their
      // titles have come.
      const bars = (page) => page.evaluate(() => Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".chart-row title"), (t) => t.textContent));
      const named = await bars(single);
      assert.ok(named.length > 0 && named.every((bar) => bar.startsWith("Document ")), named.join(", "));
      await page.waitForFunction((named) => {
        const shown = Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".chart-row title"), (t) => t.textContent);
        return JSON.stringify(shown) === JSON.stringify(named);
      }, named, { timeout: 10_000 });
      await page.locator("corpus-viewer button.more-lines").click();
      await count(page, 50);
      assert.deepEqual(await lines(page), expected.slice(0, 50));
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.closest("li")?.textContent ?? "");
      assert.equal(focused, expected[25], "the focus is on the first new line");
      assert.deepEqual(page.errors, []);
    } finally {
      await single.close();
      await page.close();
    }
  });

  it("counts the words and phrases of the first thousand of more documents without keyness, reading no shard of the dictionary; a chosen source has its keyness", async () => {
    const page = await openViewer(env.browser.context, await urlOf(env.notes, origin));
    const requested = chunkRequests(page);
    const overview = page.locator("corpus-viewer .overview .scope");
    const headers = () => page.locator("corpus-viewer table[aria-label='Word list'] thead th").allTextContents();
    try {
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ view: "overview" }));
      await overview.filter({ hasText: /^Figures for the first [\d,]+ documents of the collection/ }).waitFor({ timeout: 30_000 });
      await page.locator("corpus-viewer table[aria-label='Frequent phrases'] tbody tr").first().waitFor();
      assert.ok(!(await headers()).some((header) => /Keyness/.test(header)), (await headers()).join());
      const first = requested.size;
      assert.ok(first > 0, "the texts counted were loaded");
      // Counting goes on, on asking, from where it stopped: the whole collection's 1,200.
      const more = page.locator("corpus-viewer .overview button.count-more");
      assert.equal(await more.isVisible(), true);
      const firstRows = await page.locator("corpus-viewer table[aria-label='Word list'] tbody tr").first().textContent();
      await more.click();
      await overview.filter({ hasText: /^Figures for the whole collection\./ }).waitFor({ timeout: 30_000 });
      assert.equal(await more.isVisible(), false, "nothing left to count");
      assert.notEqual(await page.locator("corpus-viewer table[aria-label='Word list'] tbody tr").first().textContent(), firstRows, "the counts grew");
      assert.ok(!(await headers()).some((header) => /Keyness/.test(header)), (await headers()).join());
      const counting = requested.size;
      // The 600 documents of source a are among those counted: what the page loads now is the
      // dictionary, which only keyness needs.
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ sources: ["a"] }));
      await overview.filter({ hasText: /^Figures for the 600 documents/ }).waitFor({ timeout: 30_000 });
      // Keyness reads the whole dictionary: on asking.
      assert.ok(!(await headers()).some((header) => /Keyness/.test(header)), (await headers()).join());
      assert.equal(requested.size, counting, "no shard read before keyness is asked for");
      await page.getByRole("button", { name: "Compare with the rest of the collection (keyness)" }).click();
      await page.locator("corpus-viewer table[aria-label='Word list'] thead th", { hasText: "Keyness" }).waitFor();
      assert.ok(requested.size > counting, `the dictionary's shards are read for keyness alone (${counting} chunks, then ${requested.size})`);
      await overview.filter({ hasText: /^Figures for the 600 documents/ }).waitFor();
      assert.equal(await page.locator("corpus-viewer .overview button.compare").isVisible(), false);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("gives the overview's figures, phrases and collocates of the single file", async () => {
    const hash = `#view=overview&q=${encodeURIComponent(QUERIES[1])}`;
    const pages = [];
    try {
      for (const dir of [env.single, env.chunked]) {
        const page = await openViewer(env.browser.context, `${await urlOf(dir, origin)}${hash}`);
        pages.push(page);
        await page.locator("corpus-viewer .overview .scope", { hasText: /^Figures for the/ }).waitFor({ timeout: 30_000 });
        await page.locator("corpus-viewer table[aria-label='Collocates'] tbody tr").first().waitFor();
      }
      const seen = (page) =>
        page.evaluate(() => {
          const root = document.querySelector("corpus-viewer").shadowRoot;
          const rows = (label) => Array.from(root.querySelectorAll(`table[aria-label='${label}'] tbody tr`), (tr) => tr.textContent);
          return {
            scope: root.querySelector(".overview .scope").textContent,
            words: rows("Word list"),
            collocates: rows("Collocates"),
            phrases: rows("Frequent phrases"),
          };
        });
      const [single, chunked] = [await seen(pages[0]), await seen(pages[1])];
      assert.ok(single.words.length > 0 && single.collocates.length > 0, JSON.stringify(single).slice(0, 200));
      assert.deepEqual(chunked, single);
      assert.deepEqual(pages[1].errors, []);
    } finally {
      for (const page of pages) await page.close();
    }
  });

  for (const [article, damage] of [["a", "deleted"], ["an", "altered"]]) {
    it(`names ${article} ${damage} manifest, in place of the list`, async () => {
      const page = await readFile(join(env.chunked, "index.html"), "utf8");
      const manifest = /data-corpus-viewer-manifest="([0-9a-f]{16})"/.exec(page)?.[1];
      assert.ok(manifest, "the page names its manifest");
      assert.ok(page.includes(`data-corpus-viewer-manifest="${manifest}"></script>`), "and holds none of it");
      const copy = await damagedCopy(manifest, damage);
      const viewer = await openPage(env.browser.context, await urlOf(copy, origin));
      try {
        const alert = await viewer.waitForFunction(() => {
          const root = document.querySelector("corpus-viewer")?.shadowRoot;
          return root?.querySelector("[role=alert]:not([hidden])")?.textContent || false;
        });
        const message = await alert.jsonValue();
        assert.match(message, new RegExp(manifest));
        assert.match(message, damage === "deleted" ? /could not be loaded.*(missing|404).*copied with it/s : /damaged/);
      } finally {
        await viewer.close();
      }
    });

    it(`names ${article} ${damage} chunk of a passage out of view where the passage would stand`, async () => {
      // A chunk that the passages of hits below the window need, and those in view do not.
      const query = QUERIES[1];
      const victim = await chunkOnlyFor(origin, (probe) => search(probe, query), scrollToEveryPassage);
      assert.ok(victim, "the passages below the window need a chunk of their own");

      const copy = await damagedCopy(victim, damage);
      const page = await openViewer(env.browser.context, await urlOf(copy, origin));
      try {
        await search(page, query);
        const before = await visibleItems(page);
        assert.equal(before.length, 10);
        assert.ok(before.slice(0, 3).every((item) => item.snippet.length > 0), "the passages in view are shown");
        await scrollToEveryPassage(page);
        const unavailable = await page.evaluate(() => Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results .snippet.unavailable"), (p) => p.textContent));
        assert.equal(unavailable.length, 1, "the first of the passages says once why they are missing");
        assert.match(unavailable[0], /^The passages of these hits could not be loaded: /);
        assert.match(unavailable[0], new RegExp(victim));
        assert.equal((await visibleItems(page)).length, 10, "the hits stay");
        // The browser's own report of the missing file aside.
        assert.deepEqual(page.errors.filter((error) => !/^Failed to load resource/.test(error)), []);
      } finally {
        await page.close();
      }
    });

    it(`names ${article} ${damage} chunk, and the rest of the corpus stays searchable`, async () => {
      // The chunks the last document's text needs and a search for the first document's word does not.
      const victim = await chunkOnlyFor(origin, (probe) => search(probe, "zebrafinch"), (probe) => open(probe, "doc-159"));
      assert.ok(victim, "opening the last document needs a chunk of its own");

      const copy = await damagedCopy(victim, damage);

      const page = await openViewer(env.browser.context, await urlOf(copy, origin));
      try {
        const read = await open(page, "doc-159");
        assert.ok(read.error, "the reader says the document could not be shown");
        assert.match(read.error, new RegExp(victim));
        assert.match(read.error, damage === "deleted" ? /missing|404|fetched/ : /damaged|no valid data/);
        await search(page, "zebrafinch");
        const items = await visibleItems(page);
        assert.equal(items.length, 1);
        assert.deepEqual(items[0].marks, ["zebrafinch"]);
      } finally {
        await page.close();
      }
    });
  }
});
