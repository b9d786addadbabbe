// The engines under comparison, each behind the same small interface, and the measurement of
// one engine on one corpus. `bench/run.mjs` runs each engine in a child process of its own:
//
//   node bench/engines.mjs ENGINE JOB.json     prints the measurements as JSON on stdout
//
// JOB holds { corpus, work, queries, passes, loads, ours?: { pkg, indexer }, pagefind?: { site } }.
//
// An adapter is { name, kinds, build(job) → { files: { name: bytes|string }, textBytes? },
// load(files) → state, search(state, query) → anything, count(state, query) → hits }.
// `kinds` lists the query kinds the engine can express; the others are not run.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import MiniSearch from "minisearch";
import FlexSearch from "flexsearch";
import lunr from "lunr";

/** The corpus folder as `{ id, title, text }`, in file order; the title is the first line. */
export function readCorpus(dir) {
  return readdirSync(dir).filter((n) => n.endsWith(".txt")).sort().map((name) => {
    const text = readFileSync(join(dir, name), "utf8");
    const first = text.split("\n").find((line) => /\p{L}{2}/u.test(line)) ?? name;
    return { id: name.slice(0, -4), title: first.trim().slice(0, 80), text };
  });
}

// MiniSearch: title and text fields, title boosted ×2, AND of the words. Exact words for the
// word kinds; `prefix: true` for the prefix kind; for typos `fuzzy` allows ours' budget
// (1 edit for 5–8 letters, 2 beyond). No phrase query in MiniSearch.
const MINISEARCH_OPTIONS = {
  fields: ["title", "text"],
  searchOptions: { combineWith: "AND", boost: { title: 2 } },
};
const fuzzyBudget = (term) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);
const minisearch = {
  name: "MiniSearch",
  kinds: ["common", "rare", "multi", "prefix", "typo"],
  build(job) {
    const index = new MiniSearch(MINISEARCH_OPTIONS);
    index.addAll(readCorpus(job.corpus));
    return { files: { "minisearch.json": JSON.stringify(index) } };
  },
  load(files) {
    return MiniSearch.loadJSON(files["minisearch.json"].toString(), MINISEARCH_OPTIONS);
  },
  options(query) {
    if (query.kind === "prefix") return { prefix: true };
    if (query.kind === "typo") return { fuzzy: fuzzyBudget };
    return {};
  },
  search(index, query) {
    return index.search(query.words.join(" "), this.options(query)).slice(0, 10);
  },
  count(index, query) {
    return index.search(query.words.join(" "), this.options(query)).length;
  },
};

// FlexSearch: one Index over title and text with tokenize "forward" (every word prefix is
// indexed, so every query word also matches as a prefix), the default encoder (case and
// diacritics folded), words intersected. It has no phrase query and no edit distance (its
// phonetic encoders are another thing), so neither kind is run.
const FLEXSEARCH_OPTIONS = { tokenize: "forward", encoder: FlexSearch.Charset.Default };
const flexsearch = {
  name: "FlexSearch",
  kinds: ["common", "rare", "multi", "prefix"],
  build(job) {
    const index = new FlexSearch.Index(FLEXSEARCH_OPTIONS);
    const docs = readCorpus(job.corpus);
    docs.forEach((doc, i) => index.add(i, `${doc.title}\n${doc.text}`));
    const parts = {};
    index.export((key, data) => { parts[key] = data; });
    return { files: { "flexsearch.json": JSON.stringify({ ids: docs.map((d) => d.id), parts }) } };
  },
  load(files) {
    const { ids, parts } = JSON.parse(files["flexsearch.json"].toString());
    const index = new FlexSearch.Index(FLEXSEARCH_OPTIONS);
    for (const [key, data] of Object.entries(parts)) index.import(key, data);
    return { index, ids };
  },
  search({ index, ids }, query) {
    return index.search(query.words.join(" "), { limit: 10 }).map((i) => ids[i]);
  },
  count({ index }, query) {
    return index.search(query.words.join(" "), { limit: 1e6 }).length;
  },
};

// lunr: title (boost 2) and text fields, its default pipeline (stop words, Porter stemmer);
// every word required (`+word`), `pre*` for prefixes, `word~N` with ours' budget for typos.
// lunr has no phrase query.
const lunrQuery = (query) => {
  if (query.kind === "prefix") return `+${query.words[0]}*`;
  if (query.kind === "typo") return `+${query.words[0]}~${fuzzyBudget(query.words[0]) || 0}`;
  return query.words.map((w) => `+${w}`).join(" ");
};
const lunrEngine = {
  name: "lunr",
  kinds: ["common", "rare", "multi", "prefix", "typo"],
  build(job) {
    const docs = readCorpus(job.corpus);
    const index = lunr(function () {
      this.ref("id");
      this.field("title", { boost: 2 });
      this.field("text");
      for (const doc of docs) this.add(doc);
    });
    return { files: { "lunr.json": JSON.stringify(index) } };
  },
  load(files) {
    return lunr.Index.load(JSON.parse(files["lunr.json"].toString()));
  },
  search(index, query) {
    return index.search(lunrQuery(query)).slice(0, 10);
  },
  count(index, query) {
    return index.search(lunrQuery(query)).length;
  },
};

// Ours: the native indexer writes the index; the engine package of `./build.sh` (the index
// embedded in its Wasm) is opened in Node through the Wasm boundary. Word kinds end with a
// space (whole words, as once the reader typed on), phrases are quoted, prefixes end in `*`,
// typos are searched as typed (the engine tolerates them when the word is not in the corpus).
const oursQuery = (query) => {
  if (query.kind === "phrase") return `"${query.words.join(" ")}"`;
  if (query.kind === "prefix") return `${query.words[0]}*`;
  return `${query.words.join(" ")} `;
};
let loads = 0;
const ours = {
  name: "ours",
  kinds: ["common", "rare", "multi", "phrase", "prefix", "typo"],
  build(job) {
    const out = join(job.work, "ours.bin");
    rmSync(out, { force: true }); // the last run's: the indexer never replaces a file
    const run = spawnSync(job.ours.indexer, ["index", job.corpus, out], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`indexer failed: ${run.stderr}`);
    const text = /(\d+) bytes of text/.exec(run.stdout + run.stderr);
    return { files: { "ours.bin": readFileSync(out) }, textBytes: text ? Number(text[1]) : null };
  },
  async load() {
    const wasm = await readFile(join(this.pkg, "corpus_viewer_bg.wasm"));
    // The index the build wrote beside pkg/ (NAME.index).
    const indexFile = readdirSync(join(this.pkg, "..")).find((name) => name.endsWith(".index"));
    const index = await readFile(join(this.pkg, "..", indexFile));
    const start = performance.now();
    // A fresh copy of the bindings each time: they keep one instance per module.
    loads += 1;
    const glue = await import(`${pathToFileURL(join(this.pkg, "corpus_viewer.js")).href}?load=${loads}`);
    const { memory } = glue.initSync({ module: new WebAssembly.Module(wasm) });
    const corpus = glue.Corpus.fromBytes(index);
    return { corpus, ms: performance.now() - start, memory };
  },
  search(corpus, query) {
    return corpus.search(oursQuery(query), { limit: 10 });
  },
  /** The top 10 without snippets: what the peers return. */
  searchIds(corpus, query) {
    return corpus.search(oursQuery(query), { limit: 10, snippets: false });
  },
  count(corpus, query) {
    return corpus.search(oursQuery(query), { limit: 10000 }).hits.filter((h) => !h.partial).length;
  },
};

// Pagefind: its own binary indexes the corpus written as HTML pages (`<title>`, `<h1>`, one
// `<p>` a paragraph); its browser runtime (pagefind.js and its Wasm) runs in Node with `fetch`
// answered from the output folder. Words are ANDed and the last matches as a prefix by
// Pagefind's own rules; phrases are quoted; prefixes are typed bare; typos as typed (Pagefind
// has no typo setting). Timed calls are `search()` (ids, scores, chunk loading), without the
// per-result `data()` fragment fetch.
const pagefindQuery = (query) =>
  query.kind === "phrase" ? `"${query.words.join(" ")}"` : query.words.join(" ");
const pagefind = {
  name: "Pagefind",
  kinds: ["common", "rare", "multi", "phrase", "prefix", "typo"],
  build(job) {
    const out = join(job.work, "pagefind");
    const run = spawnSync(job.pagefind.binary, ["--site", job.pagefind.site, "--output-path", out], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`pagefind failed: ${run.stderr}\n${run.stdout}`);
    return { folder: out };
  },
  async load() {
    const root = pathToFileURL(join(this.folder, "/")).href;
    globalThis.fetch = async (input) => {
      const url = String(input?.url ?? input);
      return new Response(await readFile(fileURLToPath(url.split("?")[0])), { status: 200 });
    };
    const start = performance.now();
    loads += 1;
    const pf = await import(`${root}pagefind.js?load=${loads}`);
    await pf.options({ basePath: root });
    await pf.init();
    return { corpus: pf, ms: performance.now() - start };
  },
  async search(pf, query) {
    return (await pf.search(pagefindQuery(query))).results.slice(0, 10);
  },
  async count(pf, query) {
    return (await pf.search(pagefindQuery(query))).results.length;
  },
};

export const ENGINES = { ours, minisearch, flexsearch, lunr: lunrEngine, pagefind };

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Sizes of Pagefind's output: index (index/, meta, filters), fragments, runtime. */
function pagefindSizes(folder) {
  const sizes = { index: [0, 0], fragments: [0, 0], runtime: [0, 0] };
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      const part = path.includes("/fragment/") ? "fragments"
        : path.includes("/index/") || path.includes("/filter/") || name.endsWith(".pf_meta") ? "index"
        : name === "pagefind.js" || name === `wasm.en.pagefind` || name === "pagefind-entry.json" ? "runtime" : null;
      if (!part) continue;
      const bytes = readFileSync(path);
      sizes[part][0] += bytes.length;
      sizes[part][1] += gz(bytes);
    }
  };
  walk(folder);
  return sizes;
}

/** Measures one engine: build, size, load, latency per kind, hits per kind. */
export async function measure(engine, job) {
  const result = { engine: engine.name, kinds: engine.kinds };
  const builds = [];
  let built;
  for (let i = 0; i < (job.builds ?? 1); i += 1) {
    const start = performance.now();
    built = engine.build(job);
    builds.push(performance.now() - start);
  }
  result.buildMs = median(builds);
  result.buildRuns = builds.length;

  let files = {};
  if (built.folder) {
    engine.folder = built.folder;
    const s = pagefindSizes(built.folder);
    result.size = { raw: s.index[0], gzip: s.index[1] };
    result.fragments = { raw: s.fragments[0], gzip: s.fragments[1] };
    result.runtime = { raw: s.runtime[0], gzip: s.runtime[1] };
  } else {
    files = Object.fromEntries(Object.entries(built.files).map(([k, v]) => [k, Buffer.from(v)]));
    const all = Buffer.concat(Object.values(files));
    result.size = { raw: all.length, gzip: gz(all) };
    if (built.textBytes != null) result.textBytes = built.textBytes;
  }
  if (engine === ours) {
    engine.pkg = job.ours.pkg;
    const wasm = readFileSync(join(job.ours.pkg, "corpus_viewer_bg.wasm"));
    result.runtime = { raw: wasm.length, gzip: gz(wasm) };
  }

  const loadTimes = [];
  let state;
  let memory;
  for (let i = 0; i < job.loads; i += 1) {
    if (engine.load.constructor.name === "AsyncFunction") {
      const loaded = await engine.load(files);
      state = loaded.corpus;
      memory = loaded.memory;
      loadTimes.push(loaded.ms);
    } else {
      const start = performance.now();
      state = engine.load(files);
      loadTimes.push(performance.now() - start);
    }
  }
  result.loadMs = median(loadTimes);
  // Ours: the Wasm linear memory once open, and again after every query (texts inflated).
  if (memory) result.memory = { open: memory.buffer.byteLength };

  const queries = job.queries.filter((q) => engine.kinds.includes(q.kind));
  const isAsync = engine.search.constructor.name === "AsyncFunction";
  const samples = Object.fromEntries(engine.kinds.map((k) => [k, []]));
  const cold = Object.fromEntries(engine.kinds.map((k) => [k, []]));
  const deadline = Date.now() + (job.maxQueryMs ?? 600_000);
  let passes = 0;
  for (let pass = 0; pass <= job.passes && Date.now() < deadline; pass += 1) {
    for (const query of queries) {
      const start = performance.now();
      if (isAsync) await engine.search(state, query); else engine.search(state, query);
      const ms = performance.now() - start;
      (pass === 0 ? cold : samples)[query.kind].push(ms);
    }
    if (pass > 0) passes += 1;
  }
  result.passes = passes;
  result.latency = {};
  for (const kind of engine.kinds) {
    const s = samples[kind].sort((a, b) => a - b);
    result.latency[kind] = s.length
      ? { median: median(s), p95: quantile(s, 0.95), cold: median(cold[kind]), n: s.length } : null;
  }
  if (engine.searchIds) {
    const ids = Object.fromEntries(engine.kinds.map((k) => [k, []]));
    for (let pass = 0; pass <= job.passes && Date.now() < deadline; pass += 1) {
      for (const query of queries) {
        const start = performance.now();
        engine.searchIds(state, query);
        if (pass > 0) ids[query.kind].push(performance.now() - start);
      }
    }
    result.latencyIds = Object.fromEntries(engine.kinds.map((kind) => {
      const s = ids[kind].sort((a, b) => a - b);
      return [kind, s.length ? { median: median(s), p95: quantile(s, 0.95), n: s.length } : null];
    }));
  }
  if (memory) result.memory.afterQueries = memory.buffer.byteLength;
  result.hits = {};
  for (const kind of engine.kinds) {
    const counts = [];
    for (const query of queries.filter((q) => q.kind === kind)) counts.push(await engine.count(state, query));
    result.hits[kind] = {
      mean: counts.reduce((a, b) => a + b, 0) / counts.length,
      zero: counts.filter((c) => c === 0).length,
      queries: counts.length,
    };
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name, jobFile] = process.argv.slice(2);
  const engine = ENGINES[name];
  if (!engine || !jobFile) {
    console.error(`usage: node bench/engines.mjs (${Object.keys(ENGINES).join("|")}) JOB.json`);
    process.exit(2);
  }
  const result = await measure(engine, JSON.parse(readFileSync(jobFile, "utf8")));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
