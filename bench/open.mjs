// Measures dist/index.html: its size, the sizes of the engine and the index inside it (a page
// from before they were apart has one Wasm module holding both), and the time from
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
const text = html.toString();
const block = (pattern) => {
  const base64 = pattern.exec(text)?.[1];
  return base64 ? Buffer.from(base64, "base64") : null;
};
const engine = block(/data-corpus-viewer-engine>([^<]*)</) ?? block(/data-corpus-viewer-wasm="[^"]*">([^<]*)</);
if (!engine) throw new Error(`${page} holds no inlined Wasm module; run ./build.sh`);
const index = block(/data-corpus-viewer-index="[^"]*">([^<]*)</);

const times = await openTimes(page, runs);
times.sort((a, b) => a - b);
const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`| measure | value |
|---|---|
| Wasm module, raw | ${kib(engine.length)} |
| Wasm module, gzip -9 | ${kib(gzipSync(engine, { level: 9 }).length)} |
| index, raw | ${index ? kib(index.length) : "inside the module"} |
| ${page.split("/").slice(-2).join("/")}, raw | ${kib(html.length)} |
| ${page.split("/").slice(-2).join("/")}, gzip -9 | ${kib(gzipSync(html, { level: 9 }).length)} |
| open to first results, median of ${runs} (min–max) | ${median.toFixed(1)} ms (${times[0].toFixed(1)}–${times.at(-1).toFixed(1)}) |`);
