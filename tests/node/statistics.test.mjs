// Corpus statistics as pure logic in Node: slices merged, keyness signed by direction, rows
// sorted, a document's figures, and a query's trend over dates.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { documentRow, logLikelihood, mergeSlice, sortRows, trendRows, wordRows } from "../../www/viewer/statistics.js";

describe("the word list", () => {
  it("merges slices of term counts", () => {
    const counts = new Map();
    mergeSlice(counts, { terms: [["a", 2, 1], ["b", 1, 1]] });
    mergeSlice(counts, { terms: [["a", 3, 2]] });
    assert.deepEqual([...counts], [["a", [5, 3]], ["b", [1, 1]]]);
  });

  it("scores keyness as Dunning's log-likelihood, signed by which part uses the word more", () => {
    assert.ok(Math.abs(logLikelihood(10, 100, 10, 1000) - 22.138221829656096) < 1e-9, "the same value as the engine's");
    const part = new Map([["rare", [10, 1]], ["even", [1, 1]]]);
    const corpus = new Map([["rare", [12, 3]], ["even", [500, 50]]]);
    const rows = wordRows(part, 100, corpus, 10_100);
    const rare = rows.find((row) => row.term === "rare");
    const even = rows.find((row) => row.term === "even");
    assert.ok(rare.keyness > 0 && even.keyness < 0, JSON.stringify(rows));
    assert.equal(rare.rate, 100);
    assert.equal(wordRows(part, 100).find((row) => row.term === "rare").keyness, undefined, "no keyness for the whole collection");
  });

  it("sorts numbers most first and words A to Z, ties by word", () => {
    const rows = [{ term: "b", count: 2 }, { term: "a", count: 2 }, { term: "c", count: 5 }];
    assert.deepEqual(sortRows(rows, "count").map((row) => row.term), ["c", "a", "b"]);
    assert.deepEqual(sortRows(rows, "term").map((row) => row.term), ["a", "b", "c"]);
  });

  it("gives each document its words, distinct words and their share", () => {
    assert.deepEqual(documentRow({ id: "d", words: 300, distinct: 100 }, { title: "T", source: "S", date: null }), {
      id: "d",
      title: "T",
      source: "S",
      date: "",
      words: 300,
      distinct: 100,
      variety: 33.33,
    });
  });
});

describe("a query's trend", () => {
  // The engine's count of the documents by date (`dates()`), one of them undated.
  const dates = [
    { date: "2019", documents: 1, words: 1000 },
    { date: "2019-05-01", documents: 1, words: 1000 },
    { date: "2021-02", documents: 2, words: 500 },
  ];

  it("gives the rate per 1,000 words of every document of each year, undated ones left out", () => {
    const found = [
      { id: "a", date: "2019-05-01", positions: [1, 2, 3] },
      { id: "c", date: "2021-02", positions: [9] },
      { id: "d", date: null, positions: [1] },
    ];
    const rows = trendRows(found, dates);
    assert.deepEqual(rows, [
      { period: "2019", count: 3, words: 2000, documents: 2, rate: 1.5 },
      { period: "2021", count: 1, words: 500, documents: 2, rate: 2 },
    ]);
  });

  it("goes by month within two years, and gives nothing for a single period", () => {
    const months = trendRows([{ id: "a", date: "2020-03", positions: [4, 5] }], [
      { date: "2020-01-03", documents: 1, words: 10 },
      { date: "2020-03", documents: 1, words: 10 },
    ]);
    assert.deepEqual(months.map((row) => [row.period, row.count]), [["2020-01", 0], ["2020-03", 2]]);
    assert.equal(trendRows([], [{ date: "2020-01-03", documents: 3, words: 10 }]), null);
  });
});
