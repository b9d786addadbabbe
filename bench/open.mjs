// Measures dist/index.html: its size, the size of the Wasm inside it, and the time from
// opening the page from file:// in headless Chromium to its first results (the element's
// `ready` event, fired once the first list is on screen). Prints the median of N runs.
//
//   node bench/open.mjs [path/to/index.html] [runs=10]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { openTimes } from "./browser.mjs";

const page = resolve(process.argv[2] ?? "dist/index.html");
const runs = Number(process.argv[3] ?? 10);
const html = readFileSync(page);
const wasmBase64 = (/data-corpus-viewer-wasm="[^"]*">([^<]*)</.exec(html.toString())
  ?? /const CORPUS_VIEWER_WASM = "([^"]*)"/.exec(html.toString()))?.[1];
if (!wasmBase64) throw new Error(`${page} holds no inlined Wasm module; run ./build.sh`);
const wasm = Buffer.from(wasmBase64, "base64");

const times = await openTimes(page, runs);
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`| measure | value |
|---|---|
| Wasm module, raw | ${kib(wasm.length)} |
| Wasm module, gzip -9 | ${kib(gzipSync(wasm, { level: 9 }).length)} |
| ${page.split("/").slice(-2).join("/")}, raw | ${kib(html.length)} |
| ${page.split("/").slice(-2).join("/")}, gzip -9 | ${kib(gzipSync(html, { level: 9 }).length)} |
| open to first results, median of ${runs} (min–max) | ${median.toFixed(1)} ms (${times[0].toFixed(1)}–${times.at(-1).toFixed(1)}) |`);
