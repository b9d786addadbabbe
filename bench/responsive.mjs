// How long hostile input blocks the page's main thread: each query of the hostile set is
// opened by link (the URL fragment) in each view (Documents, In context, Overview with its
// statistics), and typed (pasted) into the search box, in a
// built page in headless Chromium from file://. The main thread's longest task is read with a
// PerformanceObserver of long tasks (those over 50 ms); a query that blocks less shows 0.
//
//   node bench/responsive.mjs [path/to/index.html]
//
// The queries are bench/hostile.rs's named shapes, made from the corpus's own common words.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_ARGS } from "./browser.mjs";

const page = resolve(process.argv[2] ?? "dist/index.html");
const COMMON = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as", "his",
  "on", "be", "at", "by", "i"];
const repeat = (word, times, separator = " ") => Array(times).fill(word).join(separator);
const QUERIES = {
  "a common word": "the",
  "the same word 255 times": repeat("the", 255),
  "a one-letter word 511 times": repeat("a", 511),
  "two-letter prefixes, 1,020 characters": COMMON.concat(COMMON).map((w) => `${w.slice(0, 2)}*`).join(" ").repeat(10).slice(0, 1020),
  "groups nested 300 deep": `${repeat("(a", 300)}${")".repeat(300)}`,
  "20 common words joined by OR": COMMON.join(" OR "),
  "30,000 characters of OR": repeat("the OR of", 3000, " OR ").slice(0, 30_000),
  "two prefixes": "the* A*",
};

const profile = mkdtempSync(join(tmpdir(), "corpus-viewer-bench-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS,
});
const worst = { ms: 0, what: "" };
/** What the typing test types, a key at a time. */
const TYPED = "the government said that";
const typing = [];
const rows = [];
try {
  for (const [name, query] of Object.entries(QUERIES)) {
    const row = [name];
    for (const view of ["results", "concordance", "overview"]) {
      const tab = await browser.newPage();
      await tab.goto(`${pathToFileURL(page).href}#view=${view}`);
      await tab.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus, null, { timeout: 60_000 });
      for (const how of ["link", "typed"]) {
        const ms = await tab.evaluate(async ({ query, view, how }) => {
          const longest = { ms: 0 };
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
          });
          observer.observe({ type: "longtask" });
          const viewer = document.querySelector("corpus-viewer");
          if (how === "link") {
            location.hash = `view=${view}&q=${encodeURIComponent(query)}`;
          } else {
            const input = viewer.shadowRoot.querySelector("input[type=search]");
            input.value = query;
            input.dispatchEvent(new Event("input", { bubbles: true }));
          }
          // Long tasks are reported after they end: wait for two frames and a pause (longer
          // for the overview, which gathers its counts a slice per task).
          await new Promise((done) => setTimeout(done, view === "overview" ? 3000 : 400));
          observer.disconnect();
          return longest.ms;
        }, { query, view, how });
        row.push(ms);
        if (ms > worst.ms) Object.assign(worst, { ms, what: `${name}, ${view}, ${how}` });
      }
      await tab.close();
    }
    rows.push(row);
  }
  // Typing key by key: how long each keystroke takes to draw its answer (the input event is
  // handled, and the list drawn, in one task), and the longest task while typing.
  for (const view of ["results", "concordance"]) {
    const tab = await browser.newPage();
    await tab.goto(`${pathToFileURL(page).href}#view=${view}`);
    await tab.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus, null, { timeout: 60_000 });
    const timing = await tab.evaluate(async (text) => {
      const longest = { ms: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
      });
      observer.observe({ type: "longtask" });
      const input = document.querySelector("corpus-viewer").shadowRoot.querySelector("input[type=search]");
      const keystrokes = [];
      for (let i = 1; i <= text.length; i += 1) {
        input.value = text.slice(0, i);
        const start = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        keystrokes.push(performance.now() - start);
        await new Promise((done) => setTimeout(done, 60));
      }
      await new Promise((done) => setTimeout(done, 400));
      observer.disconnect();
      keystrokes.sort((a, b) => a - b);
      return { median: keystrokes[Math.floor(keystrokes.length / 2)], max: keystrokes[keystrokes.length - 1], longest: longest.ms };
    }, TYPED);
    typing.push([view, timing]);
    await tab.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log("| query | documents, by link | documents, typed | in context, by link | in context, typed | overview, by link | overview, typed |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const [name, ...ms] of rows) console.log(`| ${name} | ${ms.map((m) => (m ? `${m.toFixed(0)} ms` : "< 50 ms")).join(" | ")} |`);
console.log(`\nLongest main-thread task: ${worst.ms ? `${worst.ms.toFixed(0)} ms (${worst.what})` : "none over 50 ms"}`);

console.log(`\nTyping "${TYPED}" a key at a time (each keystroke's answer drawn in one task):\n`);
console.log("| view | keystroke, median | keystroke, slowest | longest task |");
console.log("| --- | --- | --- | --- |");
for (const [view, t] of typing) {
  console.log(`| ${view === "results" ? "documents" : "in context"} | ${t.median.toFixed(1)} ms | ${t.max.toFixed(1)} ms | ${t.longest ? `${t.longest.toFixed(0)} ms` : "< 50 ms"} |`);
}
