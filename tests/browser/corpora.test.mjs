// Two corpora on one page: each built script registers its own corpus, each
// viewer searches the one it names, and styles stay on their side of the
// shadow root. Builds tests/fixtures/mixed first.

import assert from "node:assert/strict";
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { distDir, openPage, useSetUp } from "./harness.mjs";

const HOST_CSS = `
  body { font-family: "Comic Sans MS", cursive; letter-spacing: 2px; text-transform: uppercase; color: rgb(0, 128, 0); }
  p, li, a, h1, h2, button, input, mark, ol, section { color: rgb(255, 0, 0) !important; font-size: 30px !important; }
  .item, .wrap, .status, .list { border: 5px solid rgb(255, 0, 0) !important; margin: 40px !important; }
  mark { background: rgb(0, 0, 255); }
`;

function hostHtml(body, scripts) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Two corpora</title>
<style>${HOST_CSS}</style></head><body>
<h1>Host page</h1><p class="status">A paragraph of the host with a <mark>mark</mark>.</p><ol class="list"><li class="item">host item</li></ol>
${body}
${scripts.map((src) => `<script src="${src}"></script>`).join("\n")}
</body></html>`;
}

// The host pages go into the fixture's folder, beside its own files.
const env = useSetUp({ fixture: { corpus: "tests/fixtures/mixed", name: "fixture" } }, async ({ root }) => {
  await copyFile(join(distDir, "corpus-viewer.js"), join(root, "seeds.js"));
  await copyFile(join(root, "corpus-viewer.js"), join(root, "fixture.js"));
  await writeFile(
    join(root, "host.html"),
    hostHtml('<corpus-viewer corpus="seeds"></corpus-viewer>\n<corpus-viewer corpus="fixture"></corpus-viewer>\n<corpus-viewer></corpus-viewer>', ["seeds.js", "fixture.js"]),
  );
  await writeFile(
    join(root, "late.html"),
    hostHtml(
      '<corpus-viewer corpus="fixture"></corpus-viewer><button id="load" type="button">load</button>',
      ["seeds.js"],
    ).replace(
      "</body>",
      '<script src="late.js"></script></body>',
    ),
  );
  await writeFile(
    join(root, "late.js"),
    'document.getElementById("load").addEventListener("click", () => { const s = document.createElement("script"); s.src = "fixture.js"; document.body.append(s); });',
  );
});

const openHost = (path) => openPage(env.context, env.url("file", path));

describe("two corpora on one page", () => {
  it("each viewer searches the corpus it names, and one without a name uses the first registered", async () => {
    const page = await openHost("host.html");
    try {
      await page.waitForFunction(() => Array.from(document.querySelectorAll("corpus-viewer")).every((viewer) => viewer.corpus));
      const corpora = await page.evaluate(() => {
        const [seeds, fixture, unnamed] = document.querySelectorAll("corpus-viewer");
        return {
          names: customElements.get("corpus-viewer").corpora,
          seeds: seeds.corpus.documents().map((doc) => doc.id),
          fixture: fixture.corpus.documents().map((doc) => doc.id),
          distinct: seeds.corpus !== fixture.corpus,
          unnamedIsSeeds: unnamed.corpus === seeds.corpus,
          globals: Object.keys(window).filter((key) => /corpus|wasm/i.test(key)),
        };
      });
      assert.deepEqual(corpora.names, ["seeds", "fixture"]);
      assert.equal(corpora.seeds.length, 5);
      assert.ok(corpora.fixture.includes("plain"), `the fixture has its own documents: ${corpora.fixture}`);
      assert.ok(corpora.distinct && corpora.unnamedIsSeeds);
      assert.deepEqual(corpora.globals, [], "the scripts add no global names");

      const viewers = page.locator("corpus-viewer");
      for (const index of [0, 1]) {
        await viewers.nth(index).locator("#query").fill("gaza");
      }
      await page.waitForFunction(() =>
        Array.from(document.querySelectorAll("corpus-viewer")).slice(0, 2).every((viewer) => viewer.shadowRoot.querySelector("#results a")),
      );
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll("corpus-viewer")).slice(0, 2).map((viewer) => ({
          titles: Array.from(viewer.shadowRoot.querySelectorAll("#results > li h2"), (title) => title.textContent),
          expected: viewer.corpus.search("gaza", { limit: 50 }).hits.map((hit) => hit.title),
        })),
      );
      for (const { titles, expected } of shown) assert.deepEqual(titles, expected);
      assert.notDeepEqual(shown[0].titles, shown[1].titles, "the two viewers show different corpora");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the viewers' styles stay inside them and the page's styles stay outside", async () => {
    const page = await openHost("host.html");
    try {
      await page.waitForFunction(() => Array.from(document.querySelectorAll("corpus-viewer")).every((viewer) => viewer.corpus));
      await page.locator("corpus-viewer").first().locator("#query").fill("gaza");
      await page.locator("corpus-viewer").first().locator(".snippet mark").first().waitFor();
      const styles = await page.evaluate(() => {
        const style = (element) => {
          const computed = getComputedStyle(element);
          return {
            color: computed.color,
            fontSize: computed.fontSize,
            letterSpacing: computed.letterSpacing,
            textTransform: computed.textTransform,
            border: computed.borderTopWidth,
            background: computed.backgroundColor,
            fontFamily: computed.fontFamily,
          };
        };
        const root = document.querySelector("corpus-viewer").shadowRoot;
        return {
          hostParagraph: style(document.querySelector("p.status")),
          hostMark: style(document.querySelector("body > p mark")),
          hostList: style(document.querySelector("ol.list")),
          status: style(root.querySelector(".status")),
          link: style(root.querySelector("#results a")),
          item: style(root.querySelector(".item")),
          mark: style(root.querySelector(".snippet mark")),
        };
      });
      // The page's rules reach none of the viewer's elements, not even through inheritance.
      for (const name of ["status", "link", "item", "mark"]) {
        const seen = styles[name];
        assert.notEqual(seen.color, "rgb(255, 0, 0)", `${name} keeps its colour`);
        assert.notEqual(seen.fontSize, "30px", `${name} keeps its size`);
        assert.equal(seen.letterSpacing, "normal", `${name} inherits no letter spacing`);
        assert.equal(seen.textTransform, "none", `${name} inherits no text transform`);
        assert.doesNotMatch(seen.fontFamily, /Comic/, `${name} keeps its font`);
      }
      assert.notEqual(styles.item.border, "5px");
      assert.notEqual(styles.mark.background, "rgb(0, 0, 255)");
      // The viewer's rules reach none of the page's elements.
      assert.equal(styles.hostParagraph.color, "rgb(255, 0, 0)");
      assert.equal(styles.hostParagraph.border, "5px");
      assert.equal(styles.hostMark.background, "rgb(0, 0, 255)");
      assert.equal(styles.hostList.border, "5px");
      assert.equal(styles.hostParagraph.letterSpacing, "2px");
    } finally {
      await page.close();
    }
  });

  it("a viewer whose corpus script comes later says so, then starts when the script registers it", async () => {
    const page = await openHost("late.html");
    try {
      const alert = page.locator("corpus-viewer [role=alert]").first();
      await alert.waitFor();
      assert.match(await alert.textContent(), /\u201cfixture\u201d.*\u201cseeds\u201d/s);
      await page.locator("#load").click();
      await page.waitForFunction(() => document.querySelector("corpus-viewer").corpus);
      assert.equal(await alert.isVisible(), false, "the message is gone");
      const ids = await page.evaluate(() => document.querySelector("corpus-viewer").corpus.documents().map((doc) => doc.id));
      assert.ok(ids.includes("plain"));
      assert.equal(await page.locator("corpus-viewer #results > li").count(), ids.length);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
