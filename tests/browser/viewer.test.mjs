// The page as a reader uses it: the document list, search as you type, the
// reader with its match navigation, and the way back to the results.

import assert from "node:assert/strict";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, readerState, useSetUp, visibleItems } from "./harness.mjs";

const env = useSetUp();

const RESULTS_LINKS = "corpus-viewer #results a";

async function typeQuery(page, text) {
  await page.keyboard.type(text, { delay: 40 });
  await waitForQuery(page, text);
}

/** Waits until the results on screen are the engine's results for `query`. */
async function waitForQuery(page, query) {
  await page.waitForFunction(
    (query) => {
      const viewer = document.querySelector("corpus-viewer");
      const root = viewer.shadowRoot;
      if (root.querySelector("#query").value !== query) return false;
      const titles = Array.from(root.querySelectorAll("#results > li h2"), (title) => title.textContent);
      const expected = query.trim()
        ? viewer.corpus.search(query, { limit: 50 }).hits.map((hit) => hit.title)
        : viewer.corpus.documents().map((doc) => doc.title);
      return JSON.stringify(titles) === JSON.stringify(expected);
    },
    query,
    { timeout: 5_000 },
  );
}

function hashOf(page) {
  return decodeURIComponent(new URL(page.url()).hash);
}

async function openResult(page, index) {
  const link = page.locator(RESULTS_LINKS).nth(index);
  const title = await link.textContent();
  await link.click();
  await page.waitForFunction(() => {
    const article = document.querySelector("corpus-viewer").shadowRoot.querySelector("article");
    return article && !article.hidden;
  });
  return title;
}

async function waitForResultsView(page) {
  await page.waitForFunction(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    return root.querySelector("article").hidden && root.querySelectorAll("#results > li").length > 0;
  });
}

describeOrigins(["file"], (origin) => {
  it("the page lists every document on open and the search box has focus", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const documents = await callEngine(page, "documents");
      assert.equal(documents.length, 5, "the corpus has five documents");
      const items = await visibleItems(page);
      assert.deepEqual(
        items.map((item) => item.title),
        documents.map((doc) => doc.title),
      );
      items.forEach((item, index) => {
        assert.ok(item.meta.includes(documents[index].source), `"${item.meta}" names the source`);
        assert.match(item.meta, /\d[\d,]* words?$/, `"${item.meta}" gives the word count`);
      });
      const focused = await page.evaluate(() => {
        const viewer = document.querySelector("corpus-viewer");
        return document.activeElement === viewer && viewer.shadowRoot.activeElement?.id === "query";
      });
      assert.ok(focused, "the search box is focused");
      const status = page.locator("corpus-viewer [role=status]");
      assert.equal(await status.getAttribute("aria-live"), "polite");
      assert.match(await status.textContent(), /^5 documents/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the list without a query shows page-size documents at first and the rest on Show more", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const documents = await callEngine(page, "documents");
      await page.evaluate(() => document.querySelector("corpus-viewer").setAttribute("page-size", "2"));
      await typeQuery(page, "x");
      await page.keyboard.press("Backspace");
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll("#results > li").length === 2);
      const more = page.locator("corpus-viewer button.more");
      assert.equal(await more.textContent(), "Show 2 more of 3");
      assert.match(await page.locator("corpus-viewer [role=status]").textContent(), /^5 documents/, "the count is of all");

      await more.click();
      assert.equal((await visibleItems(page)).length, 4);
      const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
      assert.equal(focused, documents[2].title, "the first new document has focus");
      assert.equal(await more.textContent(), "Show 1 more of 1");
      await more.click();
      assert.deepEqual((await visibleItems(page)).map((item) => item.title), documents.map((doc) => doc.title));
      assert.ok(await more.isHidden(), "nothing more to show");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("typing goldstone key by key shows ranked results with the matched words marked", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await typeQuery(page, "goldstone");
      const items = await visibleItems(page);
      assert.ok(items.length >= 1, "at least one result");
      assert.ok(
        items[0].marks.some((mark) => /goldstone/i.test(mark)),
        `the top snippet marks Goldstone: ${JSON.stringify(items[0])}`,
      );
      const result = await callEngine(page, "search", "goldstone");
      const scores = result.hits.map((hit) => hit.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), "hits come best first");
      assert.match(
        await page.locator("corpus-viewer [role=status]").textContent(),
        new RegExp(`^${result.total} documents? match`),
      );
      assert.equal(hashOf(page), "#q=goldstone");

      await page.keyboard.press("Enter");
      const state = await readerState(page);
      assert.ok(state.open, "Enter in the search box opens the top result");
      assert.equal(state.title, items[0].title);
      assert.equal(state.counter, `Match 1 of ${state.marks.length}`);
      assert.ok(state.currentInView);
      assert.deepEqual(state.crampedButtons, [], "a long title leaves the bar's buttons whole");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the words of a title that match are marked in the list, in every form matched", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await typeQuery(page, "palestinians leaders ");
      const items = await visibleItems(page);
      const titleMarks = items.flatMap((item) => item.titleMarks);
      assert.ok(titleMarks.length >= 2, JSON.stringify(items.map((item) => item.title)));
      for (const mark of titleMarks) assert.match(mark, /^(palestinian|leader)s?$/i);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the results follow every keystroke, including deletions", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const word = "zionist";
      for (let length = 1; length <= word.length; length += 1) {
        await page.keyboard.type(word[length - 1]);
        await waitForQuery(page, word.slice(0, length));
      }
      for (let length = word.length - 1; length >= 0; length -= 1) {
        await page.keyboard.press("Backspace");
        await waitForQuery(page, word.slice(0, length));
      }
      assert.equal((await visibleItems(page)).length, 5, "an empty box lists every document again");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("opening a result shows the whole document with every match and steps through them", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await typeQuery(page, "zionist");
      const title = await openResult(page, 0);
      let state = await readerState(page);
      assert.equal(state.title, title);
      const count = state.marks.length;
      assert.ok(count > 1, `the top document has several matches (${count})`);
      for (const mark of state.marks) assert.match(mark, /^zionis/i);
      assert.equal(state.counter, `Match 1 of ${count}`);
      assert.equal(state.current, 0);
      assert.equal(state.currentCount, 1, "exactly one match is the current one");
      assert.ok(state.currentInView, "the first match is in view");
      assert.match(hashOf(page), /^#doc=.+&q=zionist$/);

      const whiteSpace = await page
        .locator("corpus-viewer .doc-text")
        .evaluate((element) => getComputedStyle(element).whiteSpace);
      assert.equal(whiteSpace, "pre-wrap", "paragraph breaks are kept");

      const expectCurrent = async (index, how) => {
        state = await readerState(page);
        assert.equal(state.current, index, `${how} moves to match ${index + 1}`);
        assert.equal(state.counter, `Match ${index + 1} of ${count}`);
        assert.equal(state.currentCount, 1);
        assert.ok(state.currentInView, `match ${index + 1} is scrolled into view after ${how}`);
      };

      await page.keyboard.press("Enter");
      await expectCurrent(1, "Enter");
      await page.keyboard.press("Shift+Enter");
      await expectCurrent(0, "Shift+Enter");
      await page.keyboard.press("Shift+Enter");
      await expectCurrent(count - 1, "Shift+Enter from the first match");
      await page.keyboard.press("Enter");
      await expectCurrent(0, "Enter from the last match");

      const next = page.getByRole("button", { name: "Next match" });
      const previous = page.getByRole("button", { name: "Previous match" });
      for (let index = 1; index < count; index += 1) {
        await next.click();
        await expectCurrent(index, "the next button");
      }
      await previous.click();
      await expectCurrent(count - 2, "the previous button");

      const currentStyle = await page.evaluate(() => {
        const root = document.querySelector("corpus-viewer").shadowRoot;
        const style = (mark) => getComputedStyle(mark).backgroundColor;
        return { current: style(root.querySelector("mark.current")), other: style(root.querySelector("mark:not(.current)")) };
      });
      assert.notEqual(currentStyle.current, currentStyle.other, "the current match looks different");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("every highlight in every document covers exactly the matched word, after curly quotes too", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await typeQuery(page, "khamenei");
      const count = await page.locator(RESULTS_LINKS).count();
      assert.ok(count >= 2, "Khamenei appears in several documents");
      for (let index = 0; index < count; index += 1) {
        await openResult(page, index);
        const state = await readerState(page);
        assert.ok(state.marks.length > 0, `${state.title} has matches`);
        for (const mark of state.marks) {
          assert.match(mark, /^khamenei(\u2019s|'s)?$/i, `a mark in ${state.title} is "${mark}"`);
        }
        await page.keyboard.press("Escape");
        await waitForResultsView(page);
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("the back button, Escape and the browser's back button return to the same results", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin), { viewport: { width: 360, height: 640 } });
    try {
      await typeQuery(page, "resistance");
      const before = await visibleItems(page);
      assert.ok(before.length >= 4, "several documents mention resistance");

      const goBackWith = async (how, action) => {
        await page.locator(RESULTS_LINKS).nth(3).scrollIntoViewIfNeeded();
        const scrolled = await page.evaluate(() => window.scrollY);
        assert.ok(scrolled > 0, "the results are scrolled down to the fourth one");
        const opened = await openResult(page, 3);
        assert.match(hashOf(page), /^#doc=.+&q=resistance$/);
        await action();
        await waitForResultsView(page);
        assert.deepEqual(await visibleItems(page), before, `${how} shows the same results`);
        assert.equal(await page.locator("corpus-viewer #query").inputValue(), "resistance");
        assert.equal(hashOf(page), "#q=resistance", `${how} restores the results URL`);
        const focused = await page.evaluate(() => document.querySelector("corpus-viewer").shadowRoot.activeElement?.textContent);
        assert.equal(focused, opened, `${how} puts the focus back on the opened result`);
        assert.equal(await page.evaluate(() => window.scrollY), scrolled, `${how} restores the scroll position`);
      };

      await goBackWith("the Back button", () => page.getByRole("button", { name: "Results" }).click());
      await goBackWith("Escape", () => page.keyboard.press("Escape"));
      await goBackWith("the browser's back button", () => page.goBack());

      await page.keyboard.type("s group", { delay: 20 });
      await waitForQuery(page, "resistances group");
      await page.keyboard.press("Escape");
      await page.keyboard.type("resistance", { delay: 10 });
      await waitForQuery(page, "resistance");
      assert.deepEqual(await visibleItems(page), before, "typing after coming back goes on with the search");

      await page.goForward();
      await page.waitForFunction(() => !document.querySelector("corpus-viewer").shadowRoot.querySelector("article").hidden);
      assert.match((await readerState(page)).counter, /^Match 1 of \d+$/, "forward reopens the document");
      await page.goBack();
      await waitForResultsView(page);
      assert.deepEqual(await visibleItems(page), before);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a document opened from the list has no matches to step through, and back shows the list", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const title = await openResult(page, 4);
      const state = await readerState(page);
      assert.equal(state.title, title);
      assert.deepEqual(state.marks, [], "nothing is highlighted without a query");
      assert.equal(state.counter, "");
      assert.equal(await page.getByRole("button", { name: "Next match" }).count(), 0, "no match buttons");
      assert.match(hashOf(page), /^#doc=[^&]+$/);
      await page.goBack();
      await waitForQuery(page, "");
      assert.equal(hashOf(page), "");
      assert.equal((await visibleItems(page)).length, 5);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a link to a document opens it with its matches, and Back leads to that search", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const [first] = await callEngine(page, "documents");
      const url = `${env.pageUrl(origin)}#doc=${encodeURIComponent(first.id)}&q=khamenei`;
      await page.goto(url);
      await page.reload();
      await page.waitForFunction(() => document.querySelector("corpus-viewer").corpus);
      const state = await readerState(page);
      assert.ok(state.open, "the reader is open");
      assert.equal(state.title, first.title);
      assert.match(state.counter, /^Match 1 of \d+$/);
      await page.getByRole("button", { name: "Close" }).click();
      await waitForQuery(page, "khamenei");
      assert.equal(hashOf(page), "#q=khamenei");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a link to an unknown document shows why it cannot be opened", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#doc=nope`);
    try {
      const alert = page.locator("corpus-viewer article [role=alert]");
      await alert.waitFor();
      assert.match(await alert.textContent(), /could not be opened.*nope/is);
      await page.getByRole("button", { name: "Close" }).click();
      await waitForQuery(page, "");
    } finally {
      await page.close();
    }
  });

  it("a document missing some query words is shown as a partial match", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      await typeQuery(page, "goldstone palestine");
      const items = await visibleItems(page);
      const result = await callEngine(page, "search", "goldstone palestine");
      assert.ok(result.hits.some((hit) => hit.partial), "the engine reports partial hits");
      result.hits.forEach((hit, index) => {
        if (hit.partial) {
          assert.equal(items[index].partial, `partial match \u2014 missing: ${hit.missing.join(", ")}`);
        } else {
          assert.equal(items[index].partial, null);
        }
      });
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("a misspelled word with no match offers the suggested words as searches", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      const result = await callEngine(page, "search", "khameini");
      assert.equal(result.hits.length, 0, "the misspelling matches nothing");
      assert.ok(result.suggestions.includes("khamenei"), `khamenei is suggested: ${JSON.stringify(result.suggestions)}`);
      await typeQuery(page, "khameini");
      const line = page.locator("corpus-viewer .suggest");
      assert.equal(await line.textContent(), `Did you mean: ${result.suggestions.join(", ")}`);
      await line.getByRole("button", { name: "khamenei", exact: true }).click();
      await waitForQuery(page, "khamenei");
      assert.equal((await visibleItems(page)).length, 5, "the suggestion finds every document");
      assert.equal(hashOf(page), "#q=khamenei");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
