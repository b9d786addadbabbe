// Searching further: when the results or the concordance offer it, and when they ask the
// engine again by themselves.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { furtherStep } from "../../www/viewer/further.js";

describe("furtherStep", () => {
  const key = '["\\"of the\\"",""]';

  it("offers to search further only when the answer checked a phrase in part", () => {
    assert.deepEqual(furtherStep({ further: false }, key, null), { offer: false, label: "", again: false, running: false });
    assert.deepEqual(furtherStep({ further: true }, key, null), { offer: true, label: "Search further", again: false, running: false });
  });

  it("asks again while searching further runs for this search, and stops when all was checked", () => {
    const running = { key, running: true };
    assert.deepEqual(furtherStep({ further: true }, key, running), { offer: true, label: "Stop searching further", again: true, running: true });
    assert.deepEqual(furtherStep({ further: false }, key, running), { offer: false, label: "", again: false, running: false });
    // Another search, or one stopped: offered, not asked for.
    assert.equal(furtherStep({ further: true }, "other", running).again, false);
    assert.equal(furtherStep({ further: true }, key, { key, running: false }).again, false);
  });

  it("is neither offered nor asked for beside a document open in the reader", () => {
    assert.deepEqual(furtherStep({ further: true }, key, { key, running: true }, true), { offer: false, label: "", again: false, running: false });
  });
});
