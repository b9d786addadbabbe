// The rehearsal's pacing over a stand-in engine: it makes its corpus, runs each query's calls a
// step at a time in idle moments, as many as a moment leaves room for, lets the corpus go when
// done or stopped, and stops quietly at the first call that fails.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { REHEARSAL_DELAY_MS, REHEARSED_MARK, rehearse } from "../../www/viewer/rehearsal.js";

/** Runs what waits at once. */
const now = (run) => run();

/** A stand-in for the engine's `Corpus` class: logs the calls of its rehearsal corpus. */
function engine({ failOn = null } = {}) {
  const log = [];
  const Corpus = {
    rehearsal() {
      log.push("made");
      return {
        search(query, options) {
          log.push(`search ${query} ${options.limit}`);
          if (query === failOn) throw new Error("failed");
          return { hits: query === "none" ? [] : [{ id: `doc of ${query}` }] };
        },
        document(id, query) {
          log.push(`document ${id} ${query}`);
        },
        concordance(query) {
          log.push(`concordance ${query}`);
        },
        free() {
          log.push("freed");
        },
      };
    },
    rehearsalQueries: () => ["the", "none", "gov*"],
  };
  return { Corpus, log };
}

/** Idle moments handed out by hand: `next(ms)` runs the waiting callback with `ms` to spare. */
function moments() {
  const waiting = [];
  return {
    idle: (run) => waiting.push(run),
    get waiting() {
      return waiting.length;
    },
    next(ms) {
      const run = waiting.shift();
      assert.ok(run, "a step is waiting");
      let left = ms;
      // Each call to timeRemaining() finds a millisecond gone, as the calls between take time.
      run({ timeRemaining: () => (left -= 1) });
    },
  };
}

describe("rehearse", () => {
  it("runs every query's calls in rounds, in idle moments, then lets the corpus go", () => {
    const { Corpus, log } = engine();
    const idle = moments();
    const waits = [];
    rehearse(Corpus, { rounds: 2, idle: idle.idle, wait: (run, ms) => waits.push([run, ms]) });
    assert.equal(idle.waiting, 0);
    assert.deepEqual(waits.map(([, ms]) => ms), [REHEARSAL_DELAY_MS], "it starts a while after the corpus opened");
    waits[0][0]();
    assert.deepEqual(log, [], "nothing before an idle moment");
    idle.next(0);
    assert.deepEqual(log, ["made"], "a moment with no time to spare makes the corpus alone");
    idle.next(0);
    assert.deepEqual(log.slice(1), ["search the 10", "document doc of the the", "concordance the"]);
    idle.next(100);
    assert.equal(idle.waiting, 0, "all done in a long moment");
    assert.deepEqual(log.slice(4), [
      "search none 10",
      "concordance none",
      "search gov* 10",
      "document doc of gov* gov*",
      "concordance gov*",
      "search the 10",
      "document doc of the the",
      "concordance the",
      "search none 10",
      "concordance none",
      "search gov* 10",
      "document doc of gov* gov*",
      "concordance gov*",
      "freed",
    ]);
    const marks = performance.getEntriesByName(REHEARSED_MARK);
    assert.equal(marks.at(-1)?.detail?.queries, 6);
  });

  it("runs no step while the page is busy, and no more steps in a moment than its slice", () => {
    const { Corpus, log } = engine();
    const idle = moments();
    let busy = true;
    const waits = [];
    let clock = 0;
    rehearse(Corpus, {
      rounds: 2,
      idle: idle.idle,
      busy: () => busy,
      wait: (run, ms) => (ms === REHEARSAL_DELAY_MS ? run() : waits.push([run, ms])),
      // Each look at the clock finds two milliseconds gone.
      now: () => (clock += 2),
    });
    idle.next(100);
    assert.deepEqual(log, [], "busy: nothing runs");
    assert.equal(idle.waiting, 0);
    assert.equal(waits.length, 1, "it looks again later");
    assert.ok(waits[0][1] > 0);
    busy = false;
    waits[0][0]();
    idle.next(100);
    // The corpus, then steps until the slice is spent: the clock is read before and after each.
    const steps = log.filter((entry) => entry.startsWith("search")).length;
    assert.ok(log[0] === "made" && steps >= 1 && steps < 6, log.join(", "));
    assert.equal(idle.waiting, 1, "the rest waits for the next moment");
  });

  it("stops when told, between moments, and lets the corpus go", () => {
    const { Corpus, log } = engine();
    const idle = moments();
    const stop = rehearse(Corpus, { rounds: 5, idle: idle.idle, wait: now });
    idle.next(0);
    idle.next(0);
    stop();
    assert.equal(log.at(-1), "freed");
    const before = log.length;
    idle.next(100);
    assert.equal(log.length, before, "no call after stopping");
    stop();
    assert.equal(log.filter((entry) => entry === "freed").length, 1);
  });

  it("stops quietly at a call that fails, and does nothing for an engine without a rehearsal", () => {
    const { Corpus, log } = engine({ failOn: "gov*" });
    const idle = moments();
    rehearse(Corpus, { rounds: 3, idle: idle.idle, wait: now });
    idle.next(100);
    assert.equal(idle.waiting, 0);
    assert.deepEqual(log.slice(-2), ["search gov* 10", "freed"]);
    const none = moments();
    rehearse({}, { idle: none.idle, wait: now });
    assert.equal(none.waiting, 0);
  });
});
