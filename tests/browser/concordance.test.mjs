// The keyword-in-context view and its pictures: every occurrence in a line
// aligned on the match, the engine's orders, opening a line in the reader,
// the CSV download, and the bar chart and dispersion plot.

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp();

async function openConcordance(origin, query, extra = "") {
  const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance${extra}&q=${encodeURIComponent(query)}`);
  await page.locator("corpus-viewer .kwic-line").first().waitFor();
  return page;
}

/** The lines on screen as `{ left, match, right }`. */
function shownLines(page) {
  return page.evaluate(() =>
    Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line"), (line) => ({
      left: line.querySelector(".kwic-left").textContent,
      match: line.querySelector(".kwic-match").textContent,
      right: line.querySelector(".kwic-right").textContent,
    })),
  );
}

const asShown = (lines) => lines.map(({ left, match, right }) => ({ left, match, right }));

/** Splits CSV text (RFC 4180, every field quoted) into rows of fields. */
/** The documents of a concordance as the pictures show them: most occurrences first, ties in corpus order. */
function byOccurrences(documents) {
  return documents
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.positions.length - a.entry.positions.length || a.index - b.index)
    .map(({ entry }) => entry);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += c;
  }
  return rows;
}

describeOrigins(["file"], (origin) => {
  it("the concordance shows every occurrence in a line of its own, aligned on the match", async () => {
    const page = await openConcordance(origin, "khamenei");
    try {
      const engine = await callEngine(page, "concordance", "khamenei", {});
      assert.ok(engine.total > 20 && engine.lines.length === engine.total);
      assert.deepEqual(await shownLines(page), asShown(engine.lines));
      assert.match(await page.locator("corpus-viewer [role=status]").textContent(), new RegExp(`^${engine.total} occurrences of .khamenei. in 5 documents`));
      const geometry = await page.evaluate(() =>
        Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line"), (line) => {
          const left = line.querySelector(".kwic-left");
          const inner = left.firstElementChild.getBoundingClientRect();
          return {
            match: Math.round(line.querySelector(".kwic-match mark").getBoundingClientRect().left),
            leftEnd: Math.round(left.getBoundingClientRect().right),
            innerEnd: Math.round(inner.right),
            clippedAtStart: inner.left < left.getBoundingClientRect().left - 1,
          };
        }),
      );
      const columns = new Set(geometry.map((line) => line.match));
      assert.equal(columns.size, 1, `every match starts at the same x: ${[...columns]}`);
      assert.ok(geometry.every((line) => line.innerEnd === line.leftEnd), "the left context ends at the match");
      assert.ok(geometry.some((line) => line.clippedAtStart), "a long left context is clipped at its start");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("sorting the concordance by right context orders the lines alphabetically after the match", async () => {
    const page = await openConcordance(origin, "khamenei");
    try {
      await page.locator("corpus-viewer select").nth(1).selectOption("right");
      await page.waitForFunction(() => /order=right/.test(location.hash));
      const shown = await shownLines(page);
      const engine = await callEngine(page, "concordance", "khamenei", { sort: "right" });
      assert.deepEqual(shown, asShown(engine.lines), "the lines come in the engine's order");
      const byDocument = await callEngine(page, "concordance", "khamenei", {});
      assert.notDeepEqual(shown, asShown(byDocument.lines));
      const words = shown.map((line) => line.right.match(/^\s+(\p{L}+)/u)?.[1]).filter(Boolean);
      assert.ok(words.length > 10);
      for (let i = 1; i < words.length; i += 1) {
        assert.ok(words[i - 1].localeCompare(words[i], "en", { sensitivity: "base" }) <= 0, `"${words[i - 1]}" comes before "${words[i]}"`);
      }
    } finally {
      await page.close();
    }
  });

  it("sorting the concordance by left context orders the lines by the words before the match", async () => {
    const page = await openConcordance(origin, "khamenei", "&order=left");
    try {
      assert.equal(await page.locator("corpus-viewer select").nth(1).inputValue(), "left");
      const engine = await callEngine(page, "concordance", "khamenei", { sort: "left" });
      assert.deepEqual(await shownLines(page), asShown(engine.lines));
      const words = engine.lines.map((line) => line.left.match(/(\p{L}+)\s+$/u)?.[1]).filter(Boolean);
      for (let i = 1; i < words.length; i += 1) {
        assert.ok(words[i - 1].localeCompare(words[i], "en", { sensitivity: "base" }) <= 0, `"${words[i - 1]}" comes before "${words[i]}"`);
      }
    } finally {
      await page.close();
    }
  });

  it("clicking a line opens the reader at that very occurrence", async () => {
    const page = await openConcordance(origin, "khamenei");
    try {
      const engine = await callEngine(page, "concordance", "khamenei", {});
      const index = 12;
      const line = engine.lines[index];
      await page.locator("corpus-viewer .kwic-line").nth(index).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match \d+ of/).waitFor();
      const doc = await callEngine(page, "document", line.id, "khamenei");
      const expected = doc.highlights.findIndex(([start, end]) => start === line.range[0] && end === line.range[1]);
      assert.ok(expected > 0, "the occurrence is not the document's first");
      const state = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const marks = Array.from(root.querySelectorAll(".doc-text mark"));
        return { current: marks.findIndex((mark) => mark.classList.contains("current")), counter: root.querySelector(".counter").textContent };
      });
      assert.equal(state.current, expected);
      assert.equal(state.counter, `Match ${expected + 1} of ${doc.highlights.length}`);
      assert.match(decodeURIComponent(new URL(page.url()).hash), new RegExp(`^#view=concordance&doc=${line.id}&match=${expected + 1}&q=khamenei$`));
      await page.keyboard.press("Escape");
      // Going back goes through the history: the focus comes back once it has been drawn.
      await page
        .waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.className === "kwic-line", null, { timeout: 5000 })
        .catch(() => {});
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.className);
      assert.equal(focused, "kwic-line");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the CSV holds every occurrence, not only the lines shown, and the pictures the most frequent documents", async () => {
    const page = await openConcordance(origin, "the");
    try {
      const engine = await callEngine(page, "concordance", "the", { limit: 10000 });
      assert.ok(engine.total > 100 && engine.lines.length === engine.total, `${engine.total} occurrences, more than a page`);
      assert.equal(await page.locator("corpus-viewer .kwic-line").count(), 100, "one page of lines shown");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
      const rows = parseCsv((await readFile(await download.path(), "utf8")).replace(/^\ufeff/, ""));
      assert.equal(rows.length, engine.total + 1, "a header and every occurrence");
      assert.deepEqual(rows.slice(1).map((row) => [row[0], row[3]]), engine.lines.map((line) => [line.id, String(line.position)]));
      assert.ok(await page.locator("corpus-viewer .kwic-actions .hint").isHidden(), "nothing left out, nothing to say");

      // Bars are the documents with the most occurrences, most first.
      await page.locator("corpus-viewer details.pictures").evaluate((details) => {
        details.open = true;
      });
      const values = (await page.locator("corpus-viewer .charts .bar-value").allTextContents()).map((text) => Number(text.replace(/\D/g, "")));
      const expected = engine.documents.map((d) => d.positions.length).sort((a, b) => b - a).slice(0, values.length);
      assert.ok(values.length > 0);
      assert.deepEqual(values, expected);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the lines download as a CSV file that holds every line with its context", async () => {
    const page = await openConcordance(origin, '"supreme leader"');
    try {
      const engine = await callEngine(page, "concordance", '"supreme leader"', {});
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
      assert.equal(download.suggestedFilename(), "seeds-supreme-leader-concordance.csv");
      const text = (await readFile(await download.path(), "utf8")).replace(/^\ufeff/, "");
      const rows = parseCsv(text);
      assert.deepEqual(rows[0], ["document", "title", "source", "position", "left", "match", "right", "start", "end"]);
      assert.equal(rows.length, engine.lines.length + 1);
      engine.lines.forEach((line, index) => {
        assert.deepEqual(rows[index + 1], [
          line.id,
          line.title,
          line.source,
          String(line.position),
          line.left,
          line.match,
          line.right,
          String(line.range[0]),
          String(line.range[1]),
        ]);
      });
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the bar chart has a bar per document as long as its number of occurrences, with a text alternative", async () => {
    const page = await openConcordance(origin, "zionist");
    try {
      const engine = await callEngine(page, "concordance", "zionist", {});
      const titles = new Map((await callEngine(page, "documents")).map((doc) => [doc.id, doc.title]));
      const chart = await page.evaluate(() => {
        const svg = document.querySelector("corpus-viewer").shadowRoot.querySelector(".chart.bars > svg");
        return {
          role: svg.getAttribute("role"),
          label: svg.getAttribute("aria-label"),
          bars: Array.from(svg.querySelectorAll("rect.bar"), (bar) => bar.getBoundingClientRect().width),
          values: Array.from(svg.querySelectorAll(".bar-value"), (value) => value.textContent),
        };
      });
      const shown = byOccurrences(engine.documents);
      const counts = shown.map((entry) => entry.positions.length);
      assert.deepEqual(chart.values, counts.map(String));
      const max = Math.max(...counts);
      const full = Math.max(...chart.bars);
      chart.bars.forEach((width, index) => assert.ok(Math.abs(width - (counts[index] / max) * full) < 1, `bar ${index} is in proportion`));
      assert.equal(chart.role, "img");
      for (const [index, entry] of shown.entries()) {
        assert.ok(chart.label.includes(`${titles.get(entry.id)}: ${counts[index]} occurrence`), `the text alternative gives ${entry.id}`);
      }

      // Per 1,000 words: the bars follow the rate, most first.
      await page.getByRole("button", { name: "Per 1,000 words" }).click();
      const rates = engine.documents
        .map((entry) => Math.round((entry.positions.length * 100_000) / entry.words) / 100)
        .sort((a, b) => b - a);
      const values = await page.locator("corpus-viewer .chart.bars .bar-value").allTextContents();
      assert.deepEqual(values.map(Number), rates);
      assert.equal(await page.getByRole("button", { name: "Per 1,000 words" }).getAttribute("aria-pressed"), "true");
      assert.match(await page.locator("corpus-viewer .chart-controls .covers").textContent(), new RegExp(`^${engine.total} occurrences in ${engine.documents.length} documents; all shown`));
    } finally {
      await page.close();
    }
  });

  it("a common word shows its first hundred lines, and Show more brings the next ones in order", async () => {
    const page = await openConcordance(origin, "the");
    try {
      const engine = await callEngine(page, "concordance", "the", { limit: 200 });
      assert.ok(engine.total > 150, `"the" occurs ${engine.total} times in the seeds`);
      assert.equal(await page.locator("corpus-viewer .kwic-line").count(), 100);
      const more = page.locator("corpus-viewer button.more-lines");
      assert.equal(await more.textContent(), `Show 100 more of ${engine.total - 100}`);
      await more.click();
      const shown = Math.min(200, engine.total);
      await page.waitForFunction((n) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line").length === n, shown);
      assert.deepEqual(await shownLines(page), asShown(engine.lines.slice(0, shown)));
      const focused = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return Array.from(root.querySelectorAll(".kwic-line")).indexOf(root.activeElement);
      });
      assert.equal(focused, 100, "the first new line has the focus");
      assert.match(await page.locator("corpus-viewer [role=status]").textContent(), new RegExp(`showing the first ${shown}\\b|^${engine.total} occurrences`));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the dispersion plot has a row per document and a tick per occurrence at its place in the text", async () => {
    const page = await openConcordance(origin, "zionist");
    try {
      const engine = await callEngine(page, "concordance", "zionist", {});
      const plot = await page.evaluate(() => {
        const svg = document.querySelector("corpus-viewer").shadowRoot.querySelector(".chart.dispersion > svg");
        return {
          label: svg.getAttribute("aria-label"),
          rows: Array.from(svg.querySelectorAll(".chart-row"), (row) => {
            // The ticks are one path scaled 0–1000 across the track, a "M x 0v14" each; on the
            // screen, the path runs from the first tick to the last.
            const track = row.querySelector(".track").getBoundingClientRect();
            const path = row.querySelector("path.tick");
            const drawn = path.getBoundingClientRect();
            const ticks = Array.from(path.getAttribute("d").matchAll(/M([\d.]+) 0v14/g), (m) => Number(m[1]) / 1000);
            const first = (drawn.left + drawn.width / 2 - track.left) / track.width;
            const span = drawn.width / track.width;
            return { ticks, first, span };
          }),
        };
      });
      assert.equal(plot.rows.length, engine.documents.length);
      byOccurrences(engine.documents).forEach((entry, index) => {
        const { ticks, first, span } = plot.rows[index];
        assert.equal(ticks.length, entry.positions.length, `${entry.id} has a tick per occurrence`);
        entry.positions.forEach((position, tick) => {
          assert.ok(Math.abs(ticks[tick] - position / entry.words) < 0.01, `tick ${tick} of ${entry.id} is at ${position}/${entry.words}`);
        });
        const from = ticks[0];
        const to = ticks[ticks.length - 1];
        assert.ok(Math.abs(first - (from + to) / 2) < 0.01, `the ticks of ${entry.id} are drawn across ${from}–${to} of the track`);
        assert.ok(Math.abs(span - (to - from)) < 0.01, `the ticks of ${entry.id} span ${to - from} of the track (${span})`);
      });
      assert.match(plot.label, /^Where .zionist. occurs/);
      assert.match(plot.label, /at \d+%/);
    } finally {
      await page.close();
    }
  });
});
