// How the element starts: once per page, and never into a blank page.

import assert from "node:assert/strict";
import { it } from "node:test";
import { ORIGINS, describeOrigins, useSetUp } from "./harness.mjs";

const env = useSetUp();

const VIEWER = "<corpus-viewer history></corpus-viewer>";

function replaceOnce(html, search, replacement) {
  const at = html.indexOf(search);
  assert.ok(at >= 0, `the built page contains ${JSON.stringify(search)}`);
  return html.slice(0, at) + replacement + html.slice(at + search.length);
}

describeOrigins(ORIGINS, (origin) => {
  it("two viewers on one page share one engine and both become ready", async () => {
    const url = await env.variantUrl(origin, "two-viewers", (html) => replaceOnce(html, VIEWER, `${VIEWER}\n${VIEWER}`));
    const page = await env.context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    try {
      await page.addInitScript(() => {
        window.__ready = 0;
        document.addEventListener("ready", () => (window.__ready += 1), true);
      });
      await page.goto(url);
      await page.waitForFunction(() => window.__ready === 2);
      const shared = await page.evaluate(() => {
        const [first, second] = document.querySelectorAll("corpus-viewer");
        return { same: first.corpus === second.corpus, documents: second.corpus.documents().length };
      });
      assert.deepEqual(shared, { same: true, documents: 5 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it("a page whose engine cannot start shows the reason instead of a blank page", async () => {
    const url = await env.variantUrl(origin, "broken-engine", (html) => {
      // Zeroes the module's magic number, so that compiling it fails.
      const broken = html.replace(/(data-corpus-viewer-engine>)[A-Za-z0-9+/]{8}/, "$1AAAAAAAA");
      assert.notEqual(broken, html, "the built page holds the module in a data block");
      return broken;
    });
    const page = await env.context.newPage();
    try {
      await page.goto(url);
      const alert = page.locator("corpus-viewer [role=alert]").first();
      await alert.waitFor();
      const text = await alert.textContent();
      assert.match(text, /could not be loaded/);
      assert.ok(text.length > "The documents could not be loaded.".length + 5, `the reason is given: "${text}"`);
      assert.equal(await page.evaluate(() => document.querySelector("corpus-viewer").corpus), null);
    } finally {
      await page.close();
    }
  });

  // The page holds two data blocks: the engine (the Wasm module) and the corpus's index.
  const BLOCKS = { engine: /(data-corpus-viewer-engine>)([A-Za-z0-9+/=\s]+)/, index: /(data-corpus-viewer-index="[^"]*">)([A-Za-z0-9+/=\s]+)/ };

  for (const [block, pattern] of Object.entries(BLOCKS)) {
    it(`a page whose ${block} data block was cut short says it is damaged`, async () => {
      const url = await env.variantUrl(origin, `truncated-${block}`, (html) => {
        const cut = html.replace(pattern, (_, open, data) => open + data.slice(0, Math.floor(data.length / 2)));
        assert.notEqual(cut, html, `the built page holds the ${block} in a data block`);
        return cut;
      });
      const page = await env.context.newPage();
      try {
        await page.goto(url);
        const alert = page.locator("corpus-viewer [role=alert]").first();
        await alert.waitFor({ timeout: 15_000 });
        assert.match(await alert.textContent(), /damaged: its data was cut short or changed/);
      } finally {
        await page.close();
      }
    });
  }

  for (const [block, pattern] of Object.entries(BLOCKS)) {
    it(`a page whose ${block} data was altered opens with a message or answers, and never hangs`, async () => {
      const url = await env.variantUrl(origin, `altered-${block}`, (html) => {
        const altered = html.replace(pattern, (_, open, data) => {
          const middle = Math.floor(data.length / 2);
          const flipped = [...data.slice(middle, middle + 4000)].map((c) => (c === "A" ? "B" : "A")).join("");
          return open + data.slice(0, middle) + flipped + data.slice(middle + 4000);
        });
        assert.notEqual(altered, html);
        return altered;
      });
      const page = await env.context.newPage();
      try {
        await page.goto(url);
        const outcome = await page.waitForFunction(
          () => {
            const viewer = document.querySelector("corpus-viewer");
            const alert = viewer?.shadowRoot?.querySelector("[role=alert]:not([hidden])");
            if (alert) return `alert: ${alert.textContent}`;
            return viewer?.corpus ? "ready" : false;
          },
          null,
          { timeout: 15_000 },
        );
        const state = await outcome.jsonValue();
        if (state === "ready") {
          await page.locator("corpus-viewer input[type=search]").fill("the leader ");
          const status = page.locator("corpus-viewer .status");
          await page.waitForFunction(() => /leader|could not run/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector(".status").textContent), null, { timeout: 15_000 });
          // Damaged postings or texts are found when a search reads them, and said.
          assert.match(await status.textContent(), /match|could not run: .*damaged|No documents/);
        } else {
          assert.match(state, /damaged|could not be loaded/);
        }
      } finally {
        await page.close();
      }
    });
  }
});
