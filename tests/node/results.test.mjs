// The status line of a search: how many documents match, how many hold every word, and what
// was left out.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { searchSummary } from "../../www/viewer/results.js";

describe("searchSummary", () => {
  const hits = (n) => Array.from({ length: n }, (_, i) => ({ id: `d${i}` }));

  it("counts the documents with every word and those with some", () => {
    const result = { hits: hits(10), everyWord: 3, complete: true, leftOut: [] };
    assert.equal(
      searchSummary(result, 1253, "iran gaza"),
      "1,253 documents match \u201ciran gaza\u201d \u00b7 3 with every word, 1,250 with some \u00b7 showing the first 10",
    );
    assert.equal(searchSummary({ hits: [], everyWord: 0 }, 0, "zzz"), "No documents match \u201czzz\u201d");
    assert.equal(
      searchSummary({ hits: [], everyWord: 0, complete: false }, 0, '"of the"'),
      "No documents found for \u201c\"of the\"\u201d in the part searched",
    );
    assert.equal(
      searchSummary({ hits: hits(2), everyWord: 0, complete: false }, 2, "a b"),
      "No document has every word of \u201ca b\u201d \u00b7 at least 2 documents have some of them",
    );
  });

  it("says the counts are of the words searched when some were left out", () => {
    const result = { hits: hits(10), everyWord: 40, complete: true, leftOut: ["the", "said"] };
    assert.equal(
      searchSummary(result, 900, "the leader said"),
      "900 documents match \u201cthe leader said\u201d \u00b7 40 with every searched word, 860 with some \u00b7 showing the first 10",
    );
    assert.match(searchSummary({ ...result, everyWord: 0 }, 900, "q"), /^No document has every searched word of/);
  });
});
