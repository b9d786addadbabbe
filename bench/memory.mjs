// Peak memory of the native indexer on a large corpus: writes a corpus of the asked size from
// the Brown documents, runs `corpus-viewer index` on it, and reports the indexer's peak
// resident memory (Linux's VmHWM, read from /proc while it runs) beside the text's size.
//
//   node bench/memory.mjs [--mib 1024] [--work target/bench-memory] [--bin PATH]
//
// Copy k of the Brown documents has one word in 40 (chosen by position) changed into a word
// of that copy alone, so the vocabulary keeps growing with the corpus as a real one does
// (about a million terms at 1 GiB), instead of staying at Brown's 43,000. The corpus is
// written once and kept in WORK/corpus; the binary defaults to the release build
// (`cargo build --release --bin corpus-viewer`).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { documents } from "./corpus.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function options(argv) {
  const o = { mib: 1024, work: join(root, "target/bench-memory"), bin: join(root, "target/release/corpus-viewer") };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === "--mib" && /^\d+$/.test(value ?? "")) o.mib = Number(value);
    else if (key === "--work" && value) o.work = resolve(value);
    else if (key === "--bin" && value) o.bin = resolve(value);
    else {
      console.error("usage: node bench/memory.mjs [--mib 1024] [--work DIR] [--bin PATH]");
      process.exit(2);
    }
  }
  return o;
}

/** Copy `k` of `text`: one word in 40 made a word of this copy alone. */
function variant(text, k) {
  if (k === 0) return text;
  let n = 0;
  return text.replace(/\p{L}+/gu, (word) => (++n % 40 === 0 ? `${word}${k.toString(36)}` : word));
}

/** Writes the corpus unless a finished one of this size is already there. */
function writeCorpus(dir, bytesWanted) {
  const done = join(dir, ".complete");
  if (existsSync(done) && readFileSync(done, "utf8") === String(bytesWanted)) {
    return JSON.parse(readFileSync(join(dir, ".stats"), "utf8"));
  }
  rmSync(dir, { recursive: true, force: true });
  const docs = documents();
  let bytes = 0;
  let files = 0;
  for (let k = 0; bytes < bytesWanted; k += 1) {
    const sub = join(dir, `copy-${String(k).padStart(4, "0")}`);
    mkdirSync(sub, { recursive: true });
    for (const { id, text } of docs) {
      if (bytes >= bytesWanted) break;
      const copy = variant(text, k);
      writeFileSync(join(sub, `${id}.txt`), copy);
      bytes += Buffer.byteLength(copy);
      files += 1;
    }
  }
  const stats = { bytes, files };
  writeFileSync(join(dir, ".stats"), JSON.stringify(stats));
  writeFileSync(done, String(bytesWanted));
  return stats;
}

/** Runs `bin args`, sampling its peak resident memory; resolves to { code, peakKiB, seconds, out }. */
function measure(bin, args) {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let peakKiB = 0;
    child.stdout.on("data", (d) => { out += d; });
    child.stderr.on("data", (d) => { out += d; });
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
      } catch {
        // The process has just exited.
      }
    };
    const timer = setInterval(sample, 20);
    child.on("exit", (code) => {
      clearInterval(timer);
      done({ code, peakKiB, seconds: Number(process.hrtime.bigint() - started) / 1e9, out });
    });
  });
}

const o = options(process.argv.slice(2));
if (!existsSync(`/proc/${process.pid}/status`)) {
  console.error("bench/memory.mjs reads peak memory from /proc: it runs on Linux only");
  process.exit(2);
}
if (!existsSync(o.bin)) {
  console.error(`${o.bin} is missing: cargo build --release --bin corpus-viewer`);
  process.exit(2);
}
const corpus = join(o.work, "corpus");
console.log(`writing ${o.mib} MiB of text to ${corpus} (kept for the next run)`);
const { bytes, files } = writeCorpus(corpus, o.mib * 1048576);
const index = join(o.work, "index.bin");
rmSync(index, { force: true }); // the last run's: the indexer never replaces a file
const run = await measure(o.bin, ["index", corpus, index]);
const mib = (n) => (n / 1048576).toFixed(0);
// The indexer says what it built before it checks that a browser can open it as one page.
const indexBytes = Number(/built an index of (\d+) bytes/.exec(run.out)?.[1] ?? 0);
const terms = /(\d+) terms/.exec(run.out)?.[1] ?? "?";
console.log(run.out.trim().split("\n").filter((l) => !l.startsWith("skipped")).slice(-3).join("\n"));
console.log("\n| text | files | terms | index | peak memory | peak ÷ text | time | exit |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
console.log(
  `| ${mib(bytes)} MiB | ${files} | ${terms} | ${mib(indexBytes)} MiB | ${mib(run.peakKiB * 1024)} MiB | ` +
    `${((run.peakKiB * 1024) / bytes).toFixed(2)} | ${run.seconds.toFixed(1)} s | ${run.code} |`,
);
