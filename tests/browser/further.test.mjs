// Searching further: a phrase of common words checked in only some of the documents holding
// its words offers to search further; the page then asks the engine again, a bounded call at a
// time, and the hits (or the lines in context) grow until every document was checked, or the
// person stops.

import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, it } from "node:test";
import { ORIGINS, buildFixture, describeOrigins, launchBrowser, openViewer, startServer, visibleItems } from "./harness.mjs";

/**
 * 5,000 notes of 400 words, both words of "of the" in every one, 100 times each: reading them
 * and checking some thousand notes spends a search's budget, and searching further takes
 * several calls. The phrase stands in notes 7 and 4,990 alone, far apart in corpus order.
 */
function writeNotes(dir) {
  mkdirSync(dir, { recursive: true });
  const common = "of north the river ".repeat(100);
  for (let d = 0; d < 5000; d += 1) {
    const text = d === 7 || d === 4990 ? `${common}of the sea` : common;
    writeFileSync(join(dir, `note-${String(d).padStart(4, "0")}.txt`), `Note ${d}\n\n${text}\n`);
  }
}

const corpusDir = mkdtempSync(join(tmpdir(), "corpus-viewer-further-corpus-"));
writeNotes(corpusDir);
const env = { servers: {} };
const VARIANTS = [["single file", "single"], ["chunked", "chunked"]];

before(async () => {
  env.single = await buildFixture(corpusDir, "notes", ["--single-file"]);
  env.chunked = await buildFixture(corpusDir, "notes", ["--chunked"]);
  env.browser = await launchBrowser();
});

after(async () => {
  await env.browser?.close();
  for (const server of Object.values(env.servers)) await server.close();
  for (const dir of [env.single, env.chunked]) if (dir) await rm(dir, { recursive: true, force: true });
  rmSync(corpusDir, { recursive: true, force: true });
});

async function urlOf(dir, origin) {
  if (origin === "file") return pathToFileURL(join(dir, "index.html")).href;
  env.servers[dir] ??= await startServer(dir);
  return env.servers[dir].url;
}

/** The status line, the notes, and the button that searches further (null when hidden). */
function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    const line = root.querySelector(`.${document.querySelector("corpus-viewer").state.view === "concordance" ? "concordance" : "results"} .further`);
    return {
      status: root.querySelector("[role=status]").textContent,
      notes: root.querySelector(".notes:not([hidden])")?.textContent ?? "",
      further: line && !line.hidden ? line.querySelector("button").textContent : null,
      busy: document.querySelector("corpus-viewer").hasAttribute("aria-busy"),
    };
  });
}

describeOrigins(ORIGINS, (origin) => {
  for (const [name, variant] of VARIANTS) it(`${name}: a phrase checked in part finds every document once searched further`, async () => {
    const page = await openViewer(env.browser.context, await urlOf(env[variant], origin));
    try {
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ query: '"of the"', doc: null, match: 0 }));
      await page.waitForFunction(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return root.querySelector(".further:not([hidden])") && !document.querySelector("corpus-viewer").hasAttribute("aria-busy");
      });
      let now = await shown(page);
      assert.equal(now.further, "Search further");
      assert.match(now.status, /^at least 1 document matches/);
      assert.match(now.notes, /Only the first [\d,]+ of the 5,000 documents that hold every word of the phrase "of the" were checked/);
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), ["Note 7"]);

      // From the keyboard: the focus is on the button while it searches, then on the first hit.
      const button = page.locator("corpus-viewer .results .further button");
      await button.focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return root.querySelector(".results .further").hidden && !document.querySelector("corpus-viewer").hasAttribute("aria-busy");
      });
      now = await shown(page);
      assert.equal(now.status, "2 documents match \u201c\"of the\"\u201d");
      assert.equal(now.notes, "");
      const items = await visibleItems(page);
      assert.deepEqual(items.map((item) => item.title).sort(), ["Note 4990", "Note 7"]);
      for (const item of items) assert.deepEqual(item.marks, ["of", "the"], item.title);
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
      assert.equal(focused, items[0].title);

      // In context: the lines of the documents found so far, then of every one.
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ query: '"of the"', view: "concordance", doc: null, match: 0 }));
      await page.waitForFunction(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return /occurrence/.test(root.querySelector("[role=status]").textContent) && !document.querySelector("corpus-viewer").hasAttribute("aria-busy");
      });
      now = await shown(page);
      assert.equal(now.further, "Search further");
      assert.match(now.status, /^at least 1 occurrence of/);
      await page.locator("corpus-viewer .concordance .further button").click();
      await page.waitForFunction(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return root.querySelector(".concordance .further").hidden && !document.querySelector("corpus-viewer").hasAttribute("aria-busy");
      });
      now = await shown(page);
      assert.equal(now.status, "2 occurrences of \u201c\"of the\"\u201d in 2 documents");
      const lines = await page.evaluate(() => Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#concordance li"), (li) => li.textContent));
      assert.equal(lines.length, 2);
      for (const line of lines) assert.match(line, /river of the sea/);

      // Another search starts from its first documents again, and offers to go further.
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ query: '"the river of"', doc: null, match: 0 }));
      await page.waitForFunction(() => !document.querySelector("corpus-viewer").hasAttribute("aria-busy") && /document/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector("[role=status]").textContent));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  for (const [name, variant] of VARIANTS) it(`${name}: the overview of a phrase found in part says that there may be more documents`, async () => {
    const page = await openViewer(env.browser.context, await urlOf(env[variant], origin));
    try {
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ query: '"of the"', view: "overview", doc: null, match: 0 }));
      const scope = page.locator("corpus-viewer .overview .scope", { hasText: /^Figures for the/ });
      await scope.waitFor({ timeout: 30_000 });
      const text = await scope.textContent();
      assert.match(text, /^Figures for the 1 document matching/);
      assert.match(text, /There may be more documents matching \u201c"of the"\u201d than these: Only the first [\d,]+ of the 5,000 documents that hold every word of the phrase "of the" were checked/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  if (origin === "file") it("stops searching further when asked, keeping what it found, and beside a document", async () => {
    const page = await openViewer(env.browser.context, await urlOf(env.single, origin), { viewport: { width: 1400, height: 900 } });
    try {
      await page.evaluate(() => document.querySelector("corpus-viewer").navigate({ query: '"of the"', doc: null, match: 0 }));
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector(".further:not([hidden])"));
      // Searching further, then stopping at once: the button offers it again.
      await page.evaluate(() => {
        const button = document.querySelector("corpus-viewer").shadowRoot.querySelector(".results .further button");
        button.click();
        button.click();
      });
      const now = await shown(page);
      assert.equal(now.further, "Search further");
      assert.ok((await visibleItems(page)).some((item) => item.title === "Note 7"));
      // Beside a document open in the reader it is not offered; back to the list, it is again.
      await page.evaluate(() => document.querySelector("corpus-viewer").openDocument("note-0007"));
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector(".reader .doc-text")?.textContent);
      assert.equal((await shown(page)).further, null);
      await page.evaluate(() => document.querySelector("corpus-viewer").closeDocument());
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector(".further:not([hidden])"));
      assert.equal((await shown(page)).further, "Search further");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
