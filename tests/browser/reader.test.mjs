// The reader's tools: the header with the document's facts, and the minimap
// beside the text that marks where the matches fall.

import assert from "node:assert/strict";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, readerState, useSetUp } from "./harness.mjs";

const env = useSetUp();

const DATED = "004_3f9cf636cd48761c";

describeOrigins(["file"], (origin) => {
  it("the reader's header gives the source, the date, the word count and the reading time", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#doc=${DATED}&q=khamenei`);
    try {
      const doc = await callEngine(page, "document", DATED);
      assert.ok(doc.date, "the document has a date");
      const meta = await page.locator("corpus-viewer .doc-meta").textContent();
      const minutes = Math.max(1, Math.round(doc.words / 230));
      assert.equal(meta, `${doc.source} \u00b7 ${doc.date} \u00b7 ${doc.words.toLocaleString("en")} words \u00b7 ${minutes} min read`);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the minimap marks every match at its height in the text, and a click on it jumps to the nearest match", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#doc=${DATED}&q=khamenei`);
    try {
      const map = () =>
        page.evaluate(() => {
          const root = document.querySelector("corpus-viewer").shadowRoot;
          const text = root.querySelector(".doc-text").getBoundingClientRect();
          const minimap = root.querySelector(".minimap");
          const box = minimap.getBoundingClientRect();
          const ticks = Array.from(minimap.querySelectorAll(".tick"));
          return {
            ticks: ticks.map((tick) => (tick.getBoundingClientRect().top + 1 - box.top) / box.height),
            marks: Array.from(root.querySelectorAll(".doc-text mark"), (mark) => (mark.getBoundingClientRect().top - text.top) / text.height),
            current: ticks.findIndex((tick) => tick.classList.contains("current")),
            hidden: minimap.getAttribute("aria-hidden"),
            box: { x: box.left + box.width / 2, top: box.top, height: box.height },
          };
        });
      let seen = await map();
      assert.ok(seen.marks.length > 10);
      assert.equal(seen.ticks.length, seen.marks.length, "a tick per match");
      seen.ticks.forEach((at, index) => assert.ok(Math.abs(at - seen.marks[index]) < 0.01, `tick ${index} is level with its match`));
      assert.equal(seen.current, 0, "the current match's tick stands out");
      assert.equal(seen.hidden, "true", "the minimap is a picture; the buttons step through matches for assistive technology");

      // Half-way down the text, where the minimap stays beside it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      seen = await map();
      const target = seen.marks.length - 3;
      await page.mouse.click(seen.box.x, seen.box.top + seen.marks[target] * seen.box.height + 1);
      const state = await readerState(page);
      assert.equal(state.current, target, "the click went to the match nearest to it");
      assert.ok(state.currentInView);
      seen = await map();
      assert.equal(seen.current, target);
      assert.match(decodeURIComponent(new URL(page.url()).hash), new RegExp(`&match=${target + 1}&`));
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
