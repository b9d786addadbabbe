// Where the dispersion plot puts its ticks and what its text alternative says, as pure logic
// in Node: a tick per occurrence for a few, a tick per occupied slot for many.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { describePlaces, SLOTS_PER_TRACK, TICKS_PER_TRACK, tickPlaces } from "../../www/viewer/charts.js";

describe("dispersion plot", () => {
  it("puts a tick at every occurrence when there are few", () => {
    assert.deepEqual([...tickPlaces([0, 50, 99, 120], 100)], [0, 0.5, 0.99, 1]);
    const positions = Array.from({ length: TICKS_PER_TRACK }, (_, i) => i);
    assert.equal(tickPlaces(positions, 10_000).length, TICKS_PER_TRACK);
  });

  it("puts a tick in every occupied slot, and only there, when there are many", () => {
    const words = 100_000;
    const positions = Array.from({ length: 5_000 }, (_, i) => (i * 7) % 40_000);
    const places = [...tickPlaces(positions, words)];
    assert.ok(places.length <= SLOTS_PER_TRACK, `${places.length} ticks`);
    assert.deepEqual(places, [...places].sort((a, b) => a - b), "in order");
    const slot = 1 / SLOTS_PER_TRACK;
    for (const place of places) {
      assert.ok(positions.some((p) => Math.abs(p / words - place) <= slot), `a tick at ${place} stands for an occurrence`);
    }
    for (const p of positions) {
      assert.ok(places.some((place) => Math.abs(p / words - place) <= slot), `occurrence ${p} has a tick`);
    }
    assert.ok(places.every((place) => place < 0.41), "nothing past the last occurrence");
  });

  it("names each whole percent once in the text alternative", () => {
    assert.equal(describePlaces([1, 2, 50], 200), "at 1% and 25%");
    assert.equal(describePlaces([10], 100), "at 10%");
    assert.equal(describePlaces([], 100), "");
  });
});
