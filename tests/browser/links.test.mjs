// Shareable links: the fragment holds the whole state, a link restores it
// (from file:// too), and back and forward move between the states.

import assert from "node:assert/strict";
import { it } from "node:test";
import { ORIGINS, callEngine, describeOrigins, openViewer, readerState, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

const hashOf = (page) => page.evaluate(() => decodeURIComponent(location.hash));

/** Waits until the address ends in `hash`, then checks it. */
async function expectHash(page, hash) {
  await page.waitForFunction((hash) => decodeURIComponent(location.hash) === hash, hash, { timeout: 3_000 }).catch(() => {});
  assert.equal(await hashOf(page), hash);
}

/** What the viewer shows: its view, the query box, the filters and the reader. */
function shown(page) {
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    const selects = root.querySelectorAll("select");
    const article = root.querySelector("article");
    return {
      view: root.querySelector(".tabs [aria-current=true]")?.textContent ?? null,
      query: root.querySelector("#query").value,
      sources: [...root.querySelectorAll(".facet-sources input:checked")].map((box) => box.value),
      sort: selects[0].value,
      order: selects[1].value,
      reader: !article.hidden,
      counter: article.hidden ? null : root.querySelector(".counter").textContent,
    };
  });
}

describeOrigins(ORIGINS, (origin) => {
  it("a link restores the view, the query, the filters, the order, the open document and its current match", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const [, , , , dated] = await callEngine(page, "documents");
      const link = `${env.pageUrl(origin)}#view=concordance&doc=${dated.id}&match=4&source=PMOI/MEK&order=right&q=khamenei`;
      await page.goto(link);
      await page.reload();
      await page.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus);
      const count = (await callEngine(page, "document", dated.id, "khamenei")).highlights.length;
      assert.deepEqual(await shown(page), {
        // At 1280 px the list stays beside the reader.
        view: "In context",
        query: "khamenei",
        sources: ["PMOI/MEK"],
        sort: "relevance",
        order: "right",
        reader: true,
        counter: `Match 4 of ${count}`,
      });
      assert.ok((await readerState(page)).currentInView);

      await page.getByRole("button", { name: "In context" }).click();
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      await expectHash(page, "#view=concordance&source=PMOI/MEK&order=right&q=khamenei");
      const engine = await callEngine(page, "concordance", "khamenei", { sort: "right", sources: ["PMOI/MEK"] });
      assert.equal(await page.locator("corpus-viewer .kwic-line").count(), engine.lines.length);
      assert.equal((await shown(page)).view, "In context");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("every change of view, filter, order and match shows in the address", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await page.locator("corpus-viewer #query").fill("gaza");
      await expectHash(page, "#q=gaza");
      await page.locator("corpus-viewer select").nth(0).selectOption("title");
      await expectHash(page, "#sort=title&q=gaza");
      await page.getByRole("button", { name: "In context" }).click();
      await expectHash(page, "#view=concordance&sort=title&q=gaza");
      await page.locator("corpus-viewer select").nth(1).selectOption("left");
      await expectHash(page, "#view=concordance&sort=title&order=left&q=gaza");
      await page.locator("corpus-viewer .kwic-line").first().click();
      await page.getByRole("button", { name: "Next match" }).click();
      assert.match(await hashOf(page), /^#view=concordance&doc=[^&]+&match=\d+&sort=title&order=left&q=gaza$/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a link followed in an open page is answered, and typing before it is drawn wins", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await page.evaluate(() => { location.hash = "q=goldstone"; });
      await page.waitForFunction(() => /match/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector(".status").textContent));
      assert.match(await page.locator("corpus-viewer .status").textContent(), /^1 document matches “goldstone”/);

      // A link's answer is drawn a task after it is found; what is typed meanwhile stays.
      await page.evaluate(() => {
        const viewer = document.querySelector("corpus-viewer");
        const input = viewer.shadowRoot.querySelector("input[type=search]");
        // After the viewer's own listener, which starts on the link.
        window.addEventListener("popstate", () => {
          input.value = "resistance";
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }, { once: true });
        location.hash = "q=khamenei";
      });
      await page.waitForFunction(() => /resistance/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector(".status").textContent));
      await page.waitForTimeout(300);
      assert.match(await page.locator("corpus-viewer .status").textContent(), /“resistance”/);
      assert.equal(await page.locator("corpus-viewer input[type=search]").inputValue(), "resistance");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("back and forward move between the views, the list and the reader", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await page.locator("corpus-viewer #query").fill("resistance");
      const results = await visibleItems(page);
      await page.getByRole("button", { name: "In context" }).click();
      await page.locator("corpus-viewer .kwic-line").nth(2).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match/).waitFor();
      const reading = await shown(page);

      await page.goBack();
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      await expectHash(page, "#view=concordance&q=resistance");
      assert.equal((await shown(page)).view, "In context");

      await page.goBack();
      await page.waitForFunction(() => !document.querySelector("corpus-viewer").shadowRoot.querySelector(".results").hidden);
      await expectHash(page, "#q=resistance");
      assert.deepEqual(await visibleItems(page), results);

      await page.goForward();
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      await page.goForward();
      await page.locator("corpus-viewer .counter").getByText(/^Match/).waitFor();
      assert.deepEqual(await shown(page), reading);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
