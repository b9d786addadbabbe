// The engine as the page sees it: `element.corpus`, called from page scripts.

import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp();

/** Asserts that `object` has at least the documented `keys`. */
function assertHasKeys(object, keys, where) {
  const missing = keys.filter((key) => !(key in object));
  assert.deepEqual(missing, [], `${where} has ${keys.join(", ")}`);
}

/** Fields beyond the documented ones: a publication date and a web address, each a string or null. */
function assertOptionalFields(object, where) {
  for (const key of ["date", "url"]) {
    if (key in object) assert.ok(object[key] === null || typeof object[key] === "string", `${where}: ${key} is a string or null`);
  }
}

function assertRanges(ranges, text, where) {
  assert.ok(Array.isArray(ranges), `${where}: highlights is an array`);
  let previousEnd = 0;
  for (const range of ranges) {
    assert.ok(Array.isArray(range) && range.length === 2, `${where}: each highlight is [start, end]`);
    const [start, end] = range;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), `${where}: offsets are integers`);
    assert.ok(previousEnd <= start && start < end && end <= text.length, `${where}: [${start}, ${end}) is sorted, non-empty, in bounds`);
    previousEnd = end;
  }
}

/** Asserts the documented shape of `search()`'s result. */
function assertSearchShape(result, query) {
  assertHasKeys(result, ["total", "hits", "suggestions"], `the result for "${query}"`);
  assert.ok(Number.isInteger(result.total) && result.total >= result.hits.length);
  assert.ok(Array.isArray(result.suggestions) && result.suggestions.every((term) => typeof term === "string"));
  for (const hit of result.hits) {
    const where = `hit ${hit.id} for "${query}"`;
    assertHasKeys(hit, ["id", "title", "source", "date", "lang", "score", "partial", "missing", "snippet"], where);
    assert.equal(typeof hit.id, "string");
    assert.equal(typeof hit.title, "string");
    assert.equal(typeof hit.source, "string");
    assert.ok(Number.isFinite(hit.score), `${where}: score is a number`);
    assert.equal(typeof hit.partial, "boolean");
    assert.ok(Array.isArray(hit.missing) && hit.missing.every((word) => typeof word === "string"));
    assert.equal(hit.partial, hit.missing.length > 0, `${where}: partial exactly when words are missing`);
    assertHasKeys(hit.snippet, ["text", "highlights"], `${where}: snippet`);
    assert.equal(typeof hit.snippet.text, "string");
    assertRanges(hit.snippet.highlights, hit.snippet.text, where);
  }
}

describeOrigins(["file"], (origin) => {
  let page;
  before(async () => {
    page = await openViewer(env.context, env.pageUrl(origin));
  });
  after(async () => {
    await page?.close();
  });

  it("the element fires ready and exposes the engine as element.corpus", async () => {
    const fresh = await env.context.newPage();
    try {
      await fresh.addInitScript(() => {
        window.__ready = [];
        document.addEventListener(
          "ready",
          (event) => window.__ready.push(event.target.localName + ":" + !!event.target.corpus),
          true,
        );
      });
      await fresh.goto(env.pageUrl(origin));
      await fresh.waitForFunction(() => window.__ready.length > 0);
      assert.deepEqual(await fresh.evaluate(() => window.__ready), ["corpus-viewer:true"]);
    } finally {
      await fresh.close();
    }
  });

  it("documents() lists five documents with id, title, source and word count", async () => {
    const documents = await callEngine(page, "documents");
    assert.equal(documents.length, 5);
    for (const doc of documents) {
      assertHasKeys(doc, ["id", "title", "source", "words"], `document ${doc.id}`);
      assertOptionalFields(doc, `document ${doc.id}`);
      assert.ok(doc.id && doc.title && doc.source, `${JSON.stringify(doc)} has non-empty strings`);
      assert.ok(Number.isInteger(doc.words) && doc.words > 100, `${doc.id} has a word count`);
    }
    assert.equal(new Set(documents.map((doc) => doc.id)).size, 5, "ids are unique");
  });

  it("search() returns ranked hits whose highlights cover the query word", async () => {
    const documents = new Map((await callEngine(page, "documents")).map((doc) => [doc.id, doc]));
    for (const query of ["goldstone", "khamenei", "resistance"]) {
      const result = await callEngine(page, "search", query);
      assertSearchShape(result, query);
      // A hit holds what its list item shows of its entry.
      for (const hit of result.hits) {
        const doc = documents.get(hit.id);
        assert.deepEqual([hit.source, hit.date, hit.lang], [doc.source, doc.date ?? null, doc.lang ?? null], hit.id);
      }
      assert.ok(result.hits.length > 0, `"${query}" finds documents`);
      const scores = result.hits.map((hit) => hit.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `"${query}" hits come best first`);
      for (const hit of result.hits) {
        assert.ok(hit.snippet.highlights.length > 0, `the snippet of ${hit.id} has a highlight`);
        for (const [start, end] of hit.snippet.highlights) {
          const word = hit.snippet.text.slice(start, end).toLowerCase();
          assert.ok(word.startsWith(query.slice(0, 6)), `"${word}" in the snippet of ${hit.id} matches "${query}"`);
        }
      }
    }
  });

  it("search() with an empty query returns nothing and a limit caps the hits", async () => {
    assert.deepEqual(await callEngine(page, "search", ""), { total: 0, complete: true, further: false, notes: [], hits: [], suggestions: [], forms: [], everyWord: 0, leftOut: [], sources: [], tags: [] });
    const limited = await callEngine(page, "search", "khamenei", { limit: 2 });
    assertSearchShape(limited, "khamenei");
    assert.equal(limited.hits.length, 2);
    assert.equal(limited.total, 5, "total counts every matching document");
  });

  it("document() returns the whole text with UTF-16 highlights of the query", async () => {
    const documents = await callEngine(page, "documents");
    for (const { id, title, source } of documents) {
      const plain = await callEngine(page, "document", id);
      assertHasKeys(plain, ["id", "title", "source", "tags", "text", "highlights", "code"], `document(${id})`);
      assertOptionalFields(plain, `document(${id})`);
      if ("headings" in plain) assertRanges(plain.headings, plain.text, `headings of ${id}`);
      assertRanges(plain.code, plain.text, `code of ${id}`);
      assert.deepEqual({ id: plain.id, title: plain.title, source: plain.source }, { id, title, source });
      assert.deepEqual(plain.highlights, [], "no query, no highlights");

      const found = await callEngine(page, "document", id, "khamenei");
      assert.equal(found.text, plain.text);
      assertRanges(found.highlights, found.text, id);
      assert.ok(found.highlights.length > 0, `${id} mentions Khamenei`);
      for (const [start, end] of found.highlights) {
        assert.match(found.text.slice(start, end), /^khamenei(\u2019s|'s)?$/i, `highlight [${start}, ${end}) in ${id}`);
      }
    }
  });

  it("document() with an unknown id throws an Error that names it", async () => {
    const outcome = await page.evaluate(() => {
      try {
        document.querySelector("corpus-viewer").corpus.document("nope");
        return { threw: false };
      } catch (error) {
        return { threw: true, isError: error instanceof Error, message: String(error.message) };
      }
    });
    assert.equal(outcome.threw, true, "document('nope') throws");
    assert.equal(outcome.isError, true, "what it throws is an Error");
    assert.match(outcome.message, /nope/, `the message names the id: "${outcome.message}"`);
  });

  it("search() with a snippet limit gives the first hits alone their passages, the hits otherwise the same", async () => {
    const [every, first] = await page.evaluate(() => {
      const corpus = document.querySelector("corpus-viewer").corpus;
      return [corpus.search("gaza", { limit: 5 }), corpus.search("gaza", { limit: 5, snippetLimit: 2 })];
    });
    assert.ok(every.hits.length >= 3, `${every.hits.length} hits`);
    assert.deepEqual(first.hits.map((hit) => hit.id), every.hits.map((hit) => hit.id));
    assert.deepEqual(first.hits.map((hit) => Boolean(hit.snippet)), every.hits.map((_, place) => place < 2));
    assert.deepEqual(first.hits.slice(0, 2), every.hits.slice(0, 2));
  });

  it("search() with a query or options of the wrong type throws an Error with a message", async () => {
    const calls = [
      ["a query that is not a string", [42]],
      ["a limit that is not a number", ["khamenei", { limit: "many" }]],
      ["a limit of zero", ["khamenei", { limit: 0 }]],
      ["an unknown option", ["khamenei", { limt: 5 }]],
      ["a snippet limit below zero", ["khamenei", { snippetLimit: -1 }]],
      ["a snippet limit that is not a whole number", ["khamenei", { snippetLimit: 1.5 }]],
    ];
    for (const [what, args] of calls) {
      const outcome = await page.evaluate((args) => {
        try {
          document.querySelector("corpus-viewer").corpus.search(...args);
          return { threw: false };
        } catch (error) {
          return { threw: true, isError: error instanceof Error, message: String(error.message) };
        }
      }, args);
      assert.equal(outcome.threw, true, `${what} is refused`);
      assert.equal(outcome.isError, true, `${what}: what is thrown is an Error`);
      assert.ok(outcome.message.length > 10, `${what}: the message says why ("${outcome.message}")`);
    }
  });
});

describeOrigins(["file", "http"], (origin) => {
  it("the page rehearses its engine once it has opened, over a made-up corpus, and the reader's corpus is untouched", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      // The rehearsal runs in idle moments after the first list and leaves a mark when done.
      await page.waitForFunction(() => performance.getEntriesByName("corpus-viewer rehearsed").length > 0, null, { timeout: 30_000 });
      const { queries, rehearsal } = await page.evaluate(() => {
        const Corpus = Object.getPrototypeOf(document.querySelector("corpus-viewer").corpus).constructor;
        const made = Corpus.rehearsal();
        const asked = Corpus.rehearsalQueries();
        const found = asked.map((query) => made.search(query, { limit: 10 }).total);
        made.free();
        return { queries: performance.getEntriesByName("corpus-viewer rehearsed")[0].detail.queries, rehearsal: { asked, found } };
      });
      assert.ok(rehearsal.asked.length >= 5, `the queries rehearsed: ${rehearsal.asked}`);
      assert.ok(rehearsal.found.every((total) => total > 0), `each finds documents: ${rehearsal.found}`);
      assert.equal(queries % rehearsal.asked.length, 0, "whole rounds of the queries");
      assert.ok(queries >= 5 * rehearsal.asked.length, `${queries} queries rehearsed`);
      // The page's own corpus is as it was: its five documents, and its searches.
      assert.equal((await callEngine(page, "documents")).length, 5);
      assert.ok((await callEngine(page, "search", "khamenei")).total > 0);
    } finally {
      await page.close();
    }
  });
});
