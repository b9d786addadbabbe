// Statistics over a dated collection: a query's trend over the years, as the rate per 1,000
// words of every document of each year, with undated documents left out and said so.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import { describeOrigins, openViewer, useSetUp } from "./harness.mjs";

// Five reports over three years and one undated note; "harvest" more often in later years.
const corpus = mkdtempSync(join(tmpdir(), "corpus-viewer-dated-"));
process.on("exit", () => rmSync(corpus, { recursive: true, force: true }));
const files = [
  ["a.txt", "2019-04-01", 1],
  ["b.txt", "2019-09-12", 0],
  ["c.txt", "2020-06", 2],
  ["d.txt", "2021", 4],
  ["e.txt", "2021-11-30", 3],
  ["f.txt", null, 5],
];
let manifest = 'title = "Dated"\n';
for (const [name, date, harvests] of files) {
  const words = `${"The harvest came in. ".repeat(harvests)}${"Rain fell on the fields all day. ".repeat(20 - harvests)}`;
  writeFileSync(join(corpus, name), `Report ${name}\n\n${words}`);
  if (date) manifest += `\n[documents."${name}"]\ndate = "${date}"\n`;
}
writeFileSync(join(corpus, "corpus.toml"), manifest);

const env = useSetUp({ fixture: { corpus, name: "dated" } });

describeOrigins(["file"], (origin) => {
  it("a query's trend gives each year's occurrences per 1,000 words of all its documents", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=overview&q=harvest`);
    try {
      const chart = page.locator("corpus-viewer .overview .chart.bars").first();
      await chart.waitFor();
      const documents = await page.evaluate(() => document.querySelector("corpus-viewer").corpus.documents());
      const concordance = await page.evaluate(() => document.querySelector("corpus-viewer").corpus.concordance("harvest", { limit: 1 }));
      const found = new Map(concordance.documents.map((d) => [d.id, d.positions.length]));
      const years = new Map();
      for (const doc of documents.filter((d) => d.date)) {
        const year = doc.date.slice(0, 4);
        const entry = years.get(year) ?? { count: 0, words: 0 };
        entry.count += found.get(doc.id) ?? 0;
        entry.words += doc.words;
        years.set(year, entry);
      }
      const expected = [...years].sort().map(([, e]) => Math.round((e.count * 100_000) / e.words) / 100);
      const values = (await chart.locator(".bar-value").allTextContents()).map(Number);
      assert.deepEqual(values, expected);
      assert.deepEqual(await chart.locator(".chart-label text").allTextContents(), ["2019 (2 documents)", "2020 (1 document)", "2021 (2 documents)"]);
      assert.match(await page.locator("corpus-viewer .overview").textContent(), /1 undated document is left out/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
