// The benchmark: our engine against MiniSearch, FlexSearch, lunr and Pagefind on the Brown
// corpus (plus the seeds), in one run, then our engine on the corpus ×4 and ×16.
//
//   node bench/run.mjs [--scales 1,4,16] [--passes 20] [--per-kind 20] [--seed 1]
//                      [--opens 5] [--engines ours,minisearch,flexsearch,lunr,pagefind]
//                      [--work target/bench-run] [--corpus DIR]
//
// --corpus DIR measures the `.txt` files under DIR (any depth) in place of Brown and the seeds,
// such as a mail-sized corpus from bench/large.mjs.
//
// Writes the corpora, builds and indexes under WORK (our builds with ./build.sh, Cargo's
// output in target/bench), prints the tables as Markdown, and keeps them in WORK/results.md
// with the raw numbers in WORK/results.json. Each engine is measured in a child process of its
// own, one after the other; every step has a time limit, and a step that runs past it (or
// fails) is reported with the reason instead of a number. See bench/README.md for the columns.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { openTimes } from "./browser.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// The peers and the corpus live in bench/package.json, apart from the project's own tools:
// Pagefind's platform packages are not all on every registry, which `npm ci` cannot abide;
// `--no-save` keeps the pinned lock file as it is, where a plain install rewrites it.
if (!existsSync(join(root, "bench/node_modules/.package-lock.json"))) {
  console.error("installing the benchmark's packages (bench/package.json)");
  const install = spawnSync("npm", ["install", "--no-save", "--prefix", join(root, "bench"), "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const { documents, writeCorpus } = await import("./corpus.mjs");
const { KINDS, askedAsOurs, folderDocuments, makeQueries } = await import("./queries.mjs");
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const known = ["scales", "passes", "per-kind", "seed", "opens", "engines", "work", "corpus"];
for (const key of Object.keys(args)) {
  if (!known.includes(key) || args[key] === undefined) {
    console.error(`bench/run.mjs: unknown or empty option --${key} (see the top of bench/run.mjs)`);
    process.exit(2);
  }
}
const scales = (args.scales ?? "1,4,16").split(",").map(Number);
const passes = Number(args.passes ?? 20);
const perKind = Number(args["per-kind"] ?? 20);
const seed = Number(args.seed ?? 1);
const opens = Number(args.opens ?? 5);
const engines = (args.engines ?? "ours,minisearch,flexsearch,lunr,pagefind").split(",");
const work = resolve(args.work ?? join(root, "target/bench-run"));
const cargoTarget = join(root, "target/bench");
const indexer = join(cargoTarget, "release/corpus-viewer");
const pagefindBinary = join(root, "bench/node_modules/@pagefind/linux-x64/bin/pagefind_extended");

const MINUTE = 60_000;
const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs a command with a time limit; resolves { ok, ms, stdout, stderr, reason }. */
function run(command, argv, { timeoutMs, env } = {}) {
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      const reason = timedOut ? `stopped after the ${Math.round(timeoutMs / MINUTE)} min limit`
        : code === 0 ? null : `exit ${code ?? signal}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`;
      done({ ok: !reason, ms, stdout, stderr, reason });
    });
  });
}

/** The corpus as HTML pages, for Pagefind: <title>, <h1>, one <p> a paragraph. */
function writeSite(docs, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  for (const { id, text } of docs) {
    const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const title = esc((paragraphs[0] ?? id).slice(0, 80));
    writeFileSync(join(dir, `${id}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8">`
      + `<title>${title}</title></head><body><main><h1>${title}</h1>`
      + `${paragraphs.map((p) => `<p>${esc(p)}</p>`).join("\n")}</main></body></html>\n`);
  }
}

/** Builds our page for a corpus folder with ./build.sh; { ok, ms, out, reason }. */
async function buildOurs(corpus, scale) {
  const out = join(work, `out-${scale}`);
  log(`==> ./build.sh for the corpus ×${scale}`);
  const result = await run(join(root, "build.sh"), ["--corpus", corpus, "--out", out, "--name", `bench-${scale}`],
    { timeoutMs: (scale >= 16 ? 40 : 20) * MINUTE, env: { CARGO_TARGET_DIR: cargoTarget } });
  return { ...result, out };
}

/** The queries as our engine is asked them, `kind<TAB>query` a line, for bench/native.rs. */
function writeQueryLines(file) {
  writeFileSync(file, queries.map((q) => `${q.kind}\t${askedAsOurs(q)}\n`).join(""));
}

/**
 * Our engine natively, without the Wasm boundary: criterion's `bench/native.rs` over the
 * corpus and the query set. Medians in ms: { build, open, latency: { kind: ms a query },
 * latencyIds } or { error }.
 */
async function measureNative(corpus) {
  const file = join(work, "queries.tsv");
  writeQueryLines(file);
  log("==> criterion: bench/native.rs");
  const result = await run("cargo", ["bench", "--bench", "native"], {
    timeoutMs: 20 * MINUTE,
    env: { CARGO_TARGET_DIR: cargoTarget, CORPUS_VIEWER_BENCH_CORPUS: corpus, CORPUS_VIEWER_BENCH_QUERIES: file },
  });
  if (!result.ok) return { error: result.reason };
  const estimate = (...path) => {
    const json = JSON.parse(readFileSync(join(cargoTarget, "criterion", ...path, "new/estimates.json"), "utf8"));
    return json.median.point_estimate / 1e6;
  };
  const perQuery = (kind, name) => estimate(`search_${kind}`, name) / queries.filter((q) => q.kind === kind).length;
  return {
    build: estimate("index", "build"),
    open: estimate("index", "open"),
    latency: Object.fromEntries(KINDS.map((k) => [k, perQuery(k, "snippets")])),
    latencyIds: Object.fromEntries(KINDS.map((k) => [k, perQuery(k, "ids")])),
  };
}

/** Measures one engine in a child process; the parsed result or { error }. */
async function measureEngine(name, job, timeoutMs) {
  const jobFile = join(work, `job-${name}-${job.scale}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  log(`==> measuring ${name} on the corpus ×${job.scale}`);
  const result = await run(process.execPath, ["--max-old-space-size=8192", join(root, "bench/engines.mjs"), name, jobFile], { timeoutMs });
  if (!result.ok) return { engine: name, error: result.reason };
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

// Chromium refuses WebAssembly.Module() on the main thread for modules over 8 MB; a page that
// compiles that way is measured a second time with the limit lifted, to show what it would
// take once it compiles asynchronously.
const UNLIMITED_SYNC_COMPILE = "--enable-features=WebAssemblyUnlimitedSyncCompilation";
async function measureOpen(page, runs, timeoutMs, extraArgs = []) {
  log(`==> opening ${page} in Chromium (${runs} runs${extraArgs.length ? `, ${extraArgs.join(" ")}` : ""})`);
  try {
    const times = await openTimes(page, runs, { timeoutMs, extraArgs });
    return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs: times.length };
  } catch (e) {
    return { error: `${e.message.split("\n")[0]}` };
  }
}

// ---- the run ----
mkdirSync(work, { recursive: true });
const git = (...a) => spawnSync("git", a, { cwd: root, encoding: "utf8" }).stdout.trim();
const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--", "src", "www", "build.sh", "Cargo.toml") ? " with local changes" : ""}`;
const results = { date: new Date().toISOString(), commit, passes, perKind, seed, engines: {}, scaling: [] };
// A folder's documents keep their path as id, without `.txt`; writeCorpus makes `/` a `-`.
const baseDocs = args.corpus
  ? folderDocuments(resolve(args.corpus)).map(({ id, text }) => ({ id: id.slice(0, -4).replaceAll("/", "-"), text }))
  : documents();
if (baseDocs.length === 0) {
  console.error(`bench/run.mjs: no .txt files under ${args.corpus}`);
  process.exit(2);
}
results.corpus = args.corpus ? resolve(args.corpus) : "Brown and the seeds";
const queries = makeQueries(baseDocs, { count: perKind, seed });
writeFileSync(join(work, "queries.json"), JSON.stringify(queries, null, 1));

for (const scale of scales) {
  const corpus = join(work, `corpus-${scale}`);
  const { documents: count, bytes } = writeCorpus(corpus, scale, baseDocs);
  log(`==> corpus ×${scale}: ${count} documents, ${(bytes / 1048576).toFixed(1)} MiB`);
  const step = { scale, documents: count, textBytes: bytes };
  results.scaling.push(step);

  const build = await buildOurs(corpus, scale);
  step.buildShMs = build.ok ? build.ms : null;
  if (!build.ok) {
    step.error = `./build.sh ${build.reason}`;
    log(`    ${step.error}`);
    continue;
  }
  const html = readFileSync(join(build.out, "index.html"));
  step.html = { raw: html.length, gzip: gzipSync(html, { level: 9 }).length };

  const job = {
    scale, corpus, work: join(work, `engines-${scale}`), queries, passes, loads: scale === 1 ? 5 : 3,
    builds: scale === 1 ? 3 : 1, maxQueryMs: 8 * MINUTE,
    ours: { pkg: join(build.out, "pkg"), indexer },
    pagefind: { site: join(work, `site-${scale}`), binary: pagefindBinary },
  };
  mkdirSync(job.work, { recursive: true });
  const names = scale === 1 ? engines : ["ours"];
  if (names.includes("pagefind")) writeSite(baseDocs, job.pagefind.site);
  for (const name of names) {
    const result = await measureEngine(name, job, (scale >= 16 ? 25 : 15) * MINUTE);
    if (name === "ours") step.ours = result;
    if (scale === 1) results.engines[name] = result;
  }
  if (scale === 1 && names.includes("ours")) results.native = await measureNative(corpus);
  const openRuns = scale === 1 ? opens : Math.min(opens, 3);
  step.open = await measureOpen(join(build.out, "index.html"), openRuns, (scale >= 16 ? 5 : 1) * MINUTE);
  if (step.open.error?.includes("larger than 8MB")) {
    step.openUnlimited = await measureOpen(join(build.out, "index.html"), openRuns, (scale >= 16 ? 5 : 1) * MINUTE,
      [UNLIMITED_SYNC_COMPILE]);
  }
  if (scale === 1) Object.assign(results, { open: step.open, openUnlimited: step.openUnlimited });
  writeFileSync(join(work, "results.json"), JSON.stringify(results, null, 1));
}

const markdown = report(results);
writeFileSync(join(work, "results.json"), JSON.stringify(results, null, 1));
writeFileSync(join(work, "results.md"), markdown);
console.log(markdown);

// ---- the tables ----
function report(r) {
  const names = { ours: "ours", minisearch: "MiniSearch", flexsearch: "FlexSearch", lunr: "lunr", pagefind: "Pagefind" };
  const present = Object.keys(r.engines);
  const peers = present.filter((n) => n !== "ours");
  const e = (n) => r.engines[n];
  const mib = (b) => (b >= 1048576 ? `${(b / 1048576).toFixed(2)} MiB` : `${(b / 1024).toFixed(0)} KiB`);
  const ms = (v) => (v == null ? "—" : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));
  const ratio = (a, b) => (a == null || b == null || !b ? "—" : `${(a / b).toFixed(2)}×`);
  const failed = (n) => e(n)?.error;
  const lines = [];
  const row = (cells) => lines.push(`| ${cells.join(" | ")} |`);
  const head = (cells) => { row(cells); row(cells.map(() => "---")); };

  lines.push(`${r.corpus ?? "Brown and the seeds"}, ×1: ${r.scaling[0]?.documents} documents, ${mib(r.scaling[0]?.textBytes ?? 0)} of text; `
    + `${r.perKind} queries a kind (seed ${r.seed}); latency over ${r.passes} passes after one warm-up pass; ${r.date.slice(0, 10)}, commit ${r.commit ?? "?"}.`, "");
  lines.push("**Index**", "");
  head(["engine", "build", "index, raw", "index, gzip -9", "what else ships", "load"]);
  for (const n of present) {
    if (failed(n)) { row([names[n], `failed: ${failed(n)}`, "", "", "", ""]); continue; }
    const x = e(n);
    const extra = n === "ours"
      ? `text inside the index (${mib(x.textBytes)} of it); the Wasm with the index: ${mib(x.runtime.raw)} (gzip ${mib(x.runtime.gzip)}); index.html ${mib(r.scaling[0].html.raw)} (gzip ${mib(r.scaling[0].html.gzip)})`
      : n === "pagefind"
        ? `fragments (the text) ${mib(x.fragments.raw)} (gzip ${mib(x.fragments.gzip)}); runtime ${mib(x.runtime.raw)} (gzip ${mib(x.runtime.gzip)})`
        : "no text: snippets need the documents on top";
    row([names[n], `${(x.buildMs / 1000).toFixed(2)} s`, mib(x.size.raw), mib(x.size.gzip), extra, `${ms(x.loadMs)} ms`]);
  }
  const om = !failed("ours") && e("ours")?.memory;
  if (om) {
    const text = r.scaling[0].textBytes;
    lines.push("", `Our Wasm linear memory (Node): ${mib(om.open)} once open (${(om.open / text).toFixed(1)}× the text), `
      + `${mib(om.afterQueries)} after every query of the set (${(om.afterQueries / text).toFixed(1)}×).`);
  }
  const openText = (o) => (o.error ? `fails: ${o.error}`
    : `median ${ms(o.median)} ms of ${o.runs} (${ms(o.min)}–${ms(o.max)})`);
  if (r.open) lines.push("", `Our page (index.html from file:// in headless Chromium), open to first results: ${openText(r.open)}`);
  if (r.openUnlimited) lines.push("", `The same with \`${UNLIMITED_SYNC_COMPILE}\`: ${openText(r.openUnlimited)}`);

  lines.push("", "**Query latency, ms: median / p95** (— : the engine has no such query; "
    + "ours with snippets for the top 10, and the top 10 ids alone as the peers return)", "");
  const withIds = present.includes("ours") && !failed("ours") && e("ours").latencyIds;
  const columns = withIds ? ["ours", "ours-ids", ...peers] : present;
  const latencyOf = (n, kind) => (n === "ours-ids" ? e("ours").latencyIds?.[kind] : !failed(n) && e(n).latency?.[kind]);
  head(["kind", ...columns.map((n) => (n === "ours-ids" ? "ours, ids only" : names[n]))]);
  for (const kind of KINDS) {
    row([kind, ...columns.map((n) => {
      const l = latencyOf(n, kind);
      return l ? `${ms(l.median)} / ${ms(l.p95)}` : "—";
    })]);
  }

  if (r.native) {
    lines.push("", "**Ours natively** (criterion, `bench/native.rs`: no Wasm boundary; median a query, ms)", "");
    if (r.native.error) lines.push(`failed: ${r.native.error}`);
    else {
      lines.push(`Index build ${ms(r.native.build)} ms, open ${ms(r.native.open)} ms.`, "");
      head(["kind", "with snippets", "ids only", "ids only ÷ through Wasm"]);
      for (const kind of KINDS) {
        const wasm = !failed("ours") && e("ours")?.latencyIds?.[kind]?.median;
        row([kind, ms(r.native.latency[kind]), ms(r.native.latencyIds[kind]), ratio(r.native.latencyIds[kind], wasm)]);
      }
    }
  }

  lines.push("", "**Hits: mean documents matched a query (queries with none)**", "");
  head(["kind", ...present.map((n) => names[n])]);
  for (const kind of KINDS) {
    row([kind, ...present.map((n) => {
      const h = !failed(n) && e(n).hits?.[kind];
      return h ? `${h.mean.toFixed(1)} (${h.zero})` : "—";
    })]);
  }

  if (present.includes("ours") && !failed("ours") && peers.length) {
    lines.push("", "**Ratios, ours ÷ peer** (above 1: ours is slower or bigger)", "");
    head(["measure", ...peers.map((n) => names[n])]);
    const o = e("ours");
    const each = (label, f) => row([label, ...peers.map((n) => (failed(n) ? "—" : ratio(f(o), f(e(n)))))]);
    each("build time", (x) => x.buildMs);
    each("index, raw", (x) => x.size.raw);
    each("index, gzip", (x) => x.size.gzip);
    each("index + text (Pagefind's fragments), raw", (x) => x.size.raw + (x.fragments?.raw ?? 0));
    each("load time", (x) => x.loadMs);
    for (const kind of KINDS) each(`${kind}, median`, (x) => x.latency?.[kind]?.median);
    for (const kind of KINDS) each(`${kind}, p95`, (x) => x.latency?.[kind]?.p95);
    if (withIds) {
      const eachIds = (label, f) => row([label, ...peers.map((n) => (failed(n) ? "—" : ratio(f(o.latencyIds), f(e(n).latency))))]);
      for (const kind of KINDS) eachIds(`${kind}, median, ids only`, (l) => l?.[kind]?.median);
      for (const kind of KINDS) eachIds(`${kind}, p95, ids only`, (l) => l?.[kind]?.p95);
    }
  }

  lines.push("", "**Scaling (ours)**", "");
  head(["corpus", "documents", "text", "native index build", "index.bin", "./build.sh", "index.html (gzip)", "open, median", "open, median, sync-compile limit lifted", "load in Node", ...KINDS.map((k) => `${k} median / p95`)]);
  const notes = [];
  for (const s of r.scaling) {
    const o = s.ours && !s.ours.error ? s.ours : null;
    const fail = s.error ?? s.ours?.error;
    if (fail) notes.push(`×${s.scale}: ${fail}`);
    if (s.open?.error) notes.push(`×${s.scale}, open: ${s.open.error}`);
    if (s.openUnlimited?.error) notes.push(`×${s.scale}, open with the limit lifted: ${s.openUnlimited.error}`);
    row([`×${s.scale}`, s.documents, mib(s.textBytes),
      o ? `${(o.buildMs / 1000).toFixed(2)} s` : "—",
      o ? mib(o.size.raw) : "—",
      s.buildShMs ? `${(s.buildShMs / 1000).toFixed(0)} s` : "—",
      s.html ? `${mib(s.html.raw)} (${mib(s.html.gzip)})` : "—",
      s.open ? (s.open.error ? "fails (see below)" : `${ms(s.open.median)} ms`) : "—",
      s.openUnlimited ? (s.openUnlimited.error ? "fails (see below)" : `${ms(s.openUnlimited.median)} ms`) : "—",
      o ? `${ms(o.loadMs)} ms` : "—",
      ...KINDS.map((k) => (o?.latency?.[k] ? `${ms(o.latency[k].median)} / ${ms(o.latency[k].p95)}` : "—"))]);
  }
  if (notes.length) lines.push("", ...notes.map((n) => `- ${n}`));
  return `${lines.join("\n")}\n`;
}
