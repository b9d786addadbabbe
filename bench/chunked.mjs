// Measures a chunked viewer (`corpus-viewer build CORPUS --chunked --out DIR`) in headless
// Chromium, beside the single-file viewer of the same corpus when one is given: the time from
// opening the page to its first list, over a loopback server and from file://, and the files of
// the corpus folder opening loaded (the manifest, the first list's titles); for each query, on
// a page just opened (a cold cache), the time to its results on screen and the chunks it loaded
// beyond those (the passages of the hits in view of a window of 1280 by 720 pixels, and then,
// scrolled to the last hit, with every passage of the first page); then the same query again (warm), timed as the engine call alone, in the
// chunked page and in the single page; and, with --throttle, the same over http with
// Chromium's "Fast 3G" network emulation. Each cold query's time is split into the engine's
// searches (one a round of chunks) and the rest, mostly the wait for chunks, and a round's
// floor is measured beside it: a page loading 1, 4 and 10 chunk files with no engine at work.
// A cold query is asked as soon as the first list is
// shown, or with --wait MS that many milliseconds later, as a reader types a moment after the
// page appears (the page rehearses its engine meanwhile, rehearsal.js: the tables say when that
// ended). With --further, each query whose answer offers "Search further" is searched further
// until every document was checked: the calls it took, the time, the chunks and bytes loaded, and
// the longest wait between two frames meanwhile (how long the page was unresponsive). Each
// page opens in a tab of one browser, which compiles the engine's module once for all its tabs:
// with --first-visit, each opens in a context of its own (its own cache and pages, as a private
// window has) in a browser already running, as a reader's first visit to the viewer; with
// --fresh, in a browser of its own, started for it (a browser's first page after it starts
// readies its fonts and processes too). Prints Markdown tables.
//
//   node bench/chunked.mjs DIR [--single DIR] [--queries FILE.tsv] [--limit N] [--throttle] [--wait MS] [--further] [--first-visit | --fresh]
//
// FILE.tsv is `kind<TAB>query` a line (`node bench/queries.mjs 5 1 --corpus CORPUS --tsv`); the
// default is a few words of the seeds.
import { readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "./browser.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : null;
};
const flag = (name) => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};
const throttle = flag("--throttle");
const further = flag("--further");
const fresh = flag("--fresh");
const firstVisit = flag("--first-visit");
if (fresh && firstVisit) throw new Error("--fresh and --first-visit are two ways to open each page: choose one");
const single = option("--single");
const queriesFile = option("--queries");
const limit = Number(option("--limit") ?? 30);
const waitMs = Number(option("--wait") ?? 0);
const dir = resolve(args[0] ?? "");
if (!args[0]) throw new Error("usage: node bench/chunked.mjs DIR [--single DIR] [--queries FILE.tsv] [--limit N] [--throttle] [--wait MS] [--further] [--first-visit | --fresh]");

const queries = (queriesFile ? readFileSync(queriesFile, "utf8") : "common\tgaza\nmulti\tsupreme leader\nprefix\tpales*\ntypo\tpalestne\n")
  .split("\n")
  .filter(Boolean)
  .map((line) => {
    const [kind, query] = line.split("\t");
    return { kind, query: query.trim() };
  })
  .slice(0, limit);

/** Serves `root` on 127.0.0.1; counts the bytes of every response. */
async function serve(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const file = join(root, normalize(path === "/" ? "index.html" : path).replace(/^[/\\]+/, ""));
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      const type = { ".html": "text/html; charset=utf-8", ".js": "text/javascript" }[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "content-length": body.length }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { url: `http://127.0.0.1:${server.address().port}/index.html`, close: () => new Promise((done) => server.close(done)) };
}

const profile = mkdtempSync(join(tmpdir(), "corpus-viewer-bench-"));
const browser = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
// With --first-visit, the browser whose contexts the pages open in, one each.
const visitors = firstVisit ? await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS }) : null;

/**
 * A new tab: in the browser of the run, whose tabs find the engine's code compiled by those
 * before them; with --first-visit in a context of its own of that browser, and with --fresh in
 * a browser of its own (closing the tab closes that context or browser).
 */
async function newTab() {
  if (firstVisit) {
    const context = await visitors.newContext();
    const tab = await context.newPage();
    tab.close = () => context.close();
    return tab;
  }
  if (!fresh) return browser.newPage();
  const own = mkdtempSync(join(tmpdir(), "corpus-viewer-bench-"));
  const context = await chromium.launchPersistentContext(own, { executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  const tab = await context.newPage();
  tab.close = async () => {
    await context.close();
    rmSync(own, { recursive: true, force: true });
  };
  return tab;
}

/**
 * Opens `url` in a new tab; the milliseconds to the first list, and the tab counting the chunk
 * files it loads: `tab.loaded` those since opening, `tab.opening` those opening loaded (the
 * manifest and the first list's titles).
 */
async function open(url, { network } = {}) {
  const tab = await newTab();
  if (network) {
    const cdp = await tab.context().newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", network);
  }
  tab.loaded = { chunks: 0, bytes: 0 };
  // The sizes of responses over http come asynchronously: `settled` waits for those asked.
  const sizing = [];
  tab.settled = () => Promise.all(sizing);
  tab.on("requestfinished", (request) => {
    const match = /\/corpus\/[0-9a-f]{16}\.(bin|js)$/.exec(request.url());
    if (!match) return;
    const counted = tab.loaded;
    counted.chunks += 1;
    if (request.url().startsWith("file:")) counted.bytes += statSync(new URL(request.url())).size;
    else sizing.push(request.sizes().then((sizes) => (counted.bytes += sizes.responseBodySize)));
  });
  await tab.addInitScript(() => document.addEventListener("ready", () => (window.__readyAt = performance.now()), true));
  await tab.goto(url, { timeout: 600_000 });
  await tab.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 600_000 });
  const opened = await tab.evaluate(() => window.__readyAt);
  if (waitMs > 0) await tab.waitForTimeout(waitMs);
  // When the page's rehearsal ended, after the first list; null when it had not by now.
  tab.rehearsedAt = await tab.evaluate(() => {
    const mark = performance.getEntriesByName("corpus-viewer rehearsed")[0];
    return mark ? mark.startTime - window.__readyAt : null;
  });
  // What arrives from now on is the query's (a load that opening started counts for opening).
  await tab.settled();
  tab.opening = tab.loaded;
  tab.loaded = { chunks: 0, bytes: 0 };
  return { tab, opened };
}

/**
 * Milliseconds from asking for `query` to its results on screen, nothing awaited any more; with
 * `engine: { calls, ms }`, the engine's searches meanwhile (one a round of chunks, and one
 * when the last have come) and the milliseconds they took.
 */
async function timeSearch(tab, query) {
  return tab.evaluate(
    (q) =>
      new Promise((done) => {
        const viewer = document.querySelector("corpus-viewer");
        // The engine's own class, under the page's wrapper that fetches chunks.
        const engine = Object.getPrototypeOf(viewer.corpus);
        const search = engine.search;
        const spent = { calls: 0, ms: 0 };
        engine.search = function (...args) {
          const start = performance.now();
          try {
            return search.apply(this, args);
          } finally {
            spent.calls += 1;
            spent.ms += performance.now() - start;
          }
        };
        const start = performance.now();
        viewer.navigate({ query: q, doc: null, match: 0 });
        const check = () => {
          const status = viewer.shadowRoot.querySelector("#status").textContent;
          if (viewer.hasAttribute("aria-busy") || /^Loading/.test(status)) return setTimeout(check, 2);
          const time = performance.now() - start;
          engine.search = search;
          done({ time, engine: spent });
        };
        check();
      }),
    query,
  );
}

/**
 * The milliseconds a page takes to load `names` (chunk files of the corpus folder), all at
 * once and as the viewer loads them (fetched over http, added as scripts from `file://`), with
 * no engine at work: what a round of chunks costs at the least.
 */
async function timeLoading(tab, names) {
  return tab.evaluate(async (names) => {
    const start = performance.now();
    const byScript = location.protocol === "file:";
    await Promise.all(
      names.map((name) => {
        const url = new URL(`corpus/${name}`, location.href);
        if (!byScript) return fetch(url).then((response) => response.arrayBuffer());
        return new Promise((done) => {
          const script = document.createElement("script");
          script.onload = script.onerror = () => done(script.remove());
          script.charset = "windows-1252";
          script.src = url.href;
          document.head.append(script);
        });
      }),
    );
    return performance.now() - start;
  }, names);
}

/**
 * Scrolls to the last hit shown and waits until every hit has its passage: the page asks for
 * those of the hits in view first, and for the others once they come near it.
 */
async function scrollToEveryPassage(tab) {
  await tab.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.querySelector("#results > li:last-child")?.scrollIntoView());
  await tab.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results .snippet.pending").length === 0, null, { timeout: 60_000 });
  await tab.settled();
}

/** The median milliseconds of the engine's search for `query` with snippets, asked 5 times. */
async function warm(tab, query) {
  return tab.evaluate((q) => {
    const corpus = document.querySelector("corpus-viewer").corpus;
    const times = [];
    for (let i = 0; i < 5; i += 1) {
      const start = performance.now();
      corpus.search(q, { limit: 10 });
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[2];
  }, query);
}

/**
 * Searches further for the query shown, when the page offers to, until it no longer does: the
 * engine calls it took (one note each, saying how far it checked), the milliseconds, and the
 * longest gap between two animation frames meanwhile; null when not offered.
 */
async function searchFurther(tab) {
  return tab.evaluate(
    () =>
      new Promise((done) => {
        const viewer = document.querySelector("corpus-viewer");
        const root = viewer.shadowRoot;
        const line = root.querySelector(".further");
        if (line.hidden) return done(null);
        const notes = new Set();
        const observer = new MutationObserver(() => notes.add(root.querySelector(".notes").textContent));
        observer.observe(root.querySelector(".notes"), { childList: true, characterData: true, subtree: true });
        let gap = 0;
        let last = performance.now();
        const start = last;
        const frame = (now) => {
          gap = Math.max(gap, now - last);
          last = now;
          if (!line.hidden || viewer.hasAttribute("aria-busy")) return requestAnimationFrame(frame);
          observer.disconnect();
          done({ calls: [...notes].filter((note) => /were checked/.test(note)).length + 1, time: performance.now() - start, gap });
        };
        line.querySelector("button").click();
        requestAnimationFrame(frame);
      }),
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const ms = (n) => `${n.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

const server = await serve(dir);
const perKind = [];
const furtherRows = [];
const roundRows = [];
const floors = [];
/** How many chunk files a round loads in the floor's measure: one shard, a few, a page of passages. */
const FLOOR_SIZES = [1, 4, 10];
/** How many times the floor loads each number of files, each time files not loaded before. */
const FLOOR_ROUNDS = 5;
/** The chunk files the floor's measure needs: it says so when a viewer has fewer. */
const FLOOR_FILES = FLOOR_ROUNDS * FLOOR_SIZES.reduce((sum, size) => sum + size, 0);
const rehearsals = [];
const singleServer = single ? await serve(resolve(single)) : null;
try {
  const page = statSync(join(dir, "index.html")).size;
  console.log(`${dir}: index.html ${kb(page)}\n`);
  console.log("| origin | open to first list | what opening loads, median | cold query, median (max) | chunks per cold query, median (max) | bytes per cold query, median (max) | with every passage of the page, median (max) | warm query, median | single file: open | single file: warm query |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const origin of ["http", "file"]) {
    const url = origin === "http" ? server.url : pathToFileURL(join(dir, "index.html")).href;
    const opens = [];
    const cold = [];
    const bytes = [];
    const everyPassage = [];
    const counts = [];
    const warmTimes = [];
    const openingLoads = [];
    const engineTimes = [];
    const rounds = [];
    const kinds = new Map();
    for (const { kind, query } of queries) {
      const { tab, opened } = await open(url);
      opens.push(opened);
      rehearsals.push(tab.rehearsedAt);
      const { time, engine } = await timeSearch(tab, query);
      await tab.settled();
      cold.push(time);
      engineTimes.push(engine.ms);
      rounds.push(engine.calls - 1);
      const first = { ...tab.loaded };
      bytes.push(first.bytes);
      counts.push(first.chunks);
      await scrollToEveryPassage(tab);
      everyPassage.push(tab.loaded.bytes);
      openingLoads.push(tab.opening);
      warmTimes.push(await warm(tab, query));
      if (!kinds.has(kind)) kinds.set(kind, []);
      kinds.get(kind).push({ time, bytes: first.bytes, chunks: first.chunks, engine: engine.ms, rounds: engine.calls - 1 });
      if (further) {
        tab.loaded = { chunks: 0, bytes: 0 };
        const went = await searchFurther(tab);
        await tab.settled();
        const status = await tab.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.querySelector("#status").textContent);
        if (went) furtherRows.push(`| ${origin} | ${query} | ${went.calls} | ${ms(went.time)} | ${tab.loaded.chunks} | ${kb(tab.loaded.bytes)} | ${ms(went.gap)} | ${status} |`);
      }
      await tab.close();
    }
    perKind.push([origin, kinds]);
    // Five rounds of each size, of chunk files of the folder (the last in name order) each
    // loaded once, by a page that has rehearsed its engine (it does so in idle moments).
    const spare = readdirSync(join(dir, "corpus")).filter((name) => /^[0-9a-f]{16}\.js$/.test(name)).sort().reverse();
    if (spare.length >= FLOOR_FILES) {
      const { tab: idle } = await open(url);
      await idle.waitForFunction(() => performance.getEntriesByName("corpus-viewer rehearsed").length > 0, null, { timeout: 60_000 });
      for (const size of FLOOR_SIZES) {
        const times = [];
        for (let i = 0; i < FLOOR_ROUNDS; i += 1) times.push(await timeLoading(idle, spare.splice(0, size)));
        floors.push({ origin, size, time: median(times) });
      }
      await idle.close();
    }
    roundRows.push(`| ${origin} | ${ms(median(cold))} | ${median(rounds)} (${Math.max(...rounds)}) | ${ms(median(engineTimes))} (${ms(Math.max(...engineTimes))}) | ${ms(median(cold.map((t, i) => t - engineTimes[i])))} |`);
    let singleOpen = "";
    let singleWarm = "";
    if (singleServer) {
      const singleUrl = origin === "http" ? singleServer.url : pathToFileURL(join(resolve(single), "index.html")).href;
      const { tab, opened } = await open(singleUrl);
      const times = [];
      for (const { query } of queries) times.push(await warm(tab, query));
      singleOpen = ms(opened);
      singleWarm = ms(median(times));
      await tab.close();
    }
    const opening = `${median(openingLoads.map((l) => l.chunks))} files, ${kb(median(openingLoads.map((l) => l.bytes)))}`;
    console.log(`| ${origin} | ${ms(median(opens))} | ${opening} | ${ms(median(cold))} (${ms(Math.max(...cold))}) | ${median(counts)} (${Math.max(...counts)}) | ${kb(median(bytes))} (${kb(Math.max(...bytes))}) | ${kb(median(everyPassage))} (${kb(Math.max(...everyPassage))}) | ${ms(median(warmTimes))} | ${singleOpen} | ${singleWarm} |`);
  }
  const rehearsed = rehearsals.filter((at) => at !== null);
  console.log(`\nCold queries asked ${waitMs} ms after the first list; the page had rehearsed its engine before ${rehearsed.length} of ${rehearsals.length}${rehearsed.length ? `, ${ms(median(rehearsed))} after the first list (median; at most ${ms(Math.max(...rehearsed))})` : ""}.`);
  console.log("\n| origin | kind | cold query, median (max) | rounds of chunks, median (max) | engine's searches, ms, median (max) | chunks, median (max) | bytes, median (max) |\n|---|---|---|---|---|---|---|");
  for (const [origin, kinds] of perKind) {
    for (const [kind, runs] of kinds) {
      const of = (key) => runs.map((run) => run[key]);
      const most = (key) => Math.max(...of(key));
      console.log(`| ${origin} | ${kind} | ${ms(median(of("time")))} (${ms(most("time"))}) | ${median(of("rounds"))} (${most("rounds")}) | ${ms(median(of("engine")))} (${ms(most("engine"))}) | ${median(of("chunks"))} (${most("chunks")}) | ${kb(median(of("bytes")))} (${kb(most("bytes"))}) |`);
    }
  }
  console.log("\nWhere a cold query's time goes: the engine's searches (one a round, and one when the last chunks have come), and the rest, mostly waiting for chunks (and drawing).\n\n| origin | cold query, median | rounds of chunks, median (max) | engine's searches, median (max) | the rest, median |\n|---|---|---|---|---|");
  console.log(roundRows.join("\n"));
  console.log(`\nA round's floor: the median of five loads of chunk files, each loaded once, all at once, by a page with no engine at work.\n\n| origin | ${FLOOR_SIZES.map((n) => `${n} file${n > 1 ? "s" : ""}`).join(" | ")} |\n|---|${FLOOR_SIZES.map(() => "---|").join("")}`);
  for (const origin of ["http", "file"]) {
    const measured = floors.filter((floor) => floor.origin === origin);
    console.log(`| ${origin} | ${measured.length ? measured.map((floor) => ms(floor.time)).join(" | ") : `too few chunk files (${FLOOR_FILES} needed)`} |`);
  }
  if (further) {
    console.log("\nSearching further:\n\n| origin | query | calls | time | chunks | bytes | longest gap between frames | status at the end |\n|---|---|---|---|---|---|---|---|");
    console.log(furtherRows.join("\n"));
  }
  if (throttle) {
    // Chromium DevTools' "Fast 3G": 562.5 ms of latency, 1.6 Mbit/s down and 750 kbit/s up, at 90%.
    const network = { offline: false, latency: 562.5, downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9, uploadThroughput: ((750 * 1024) / 8) * 0.9 };
    const rows = [];
    for (const { kind, query } of queries.slice(0, 6)) {
      const { tab, opened } = await open(server.url, { network });
      const { time } = await timeSearch(tab, query);
      await tab.settled();
      rows.push(`| ${kind} | ${query} | ${ms(opened)} | ${ms(time)} | ${tab.loaded.chunks} | ${kb(tab.loaded.bytes)} |`);
      await tab.close();
    }
    console.log("\nOver http, Fast 3G:\n\n| kind | query | open to first list | first query to results | chunks | bytes |\n|---|---|---|---|---|---|");
    console.log(rows.join("\n"));
  }
} finally {
  await server.close();
  await singleServer?.close();
  await browser.close();
  await visitors?.close();
  rmSync(profile, { recursive: true, force: true });
}
