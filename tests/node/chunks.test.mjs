// How the page makes a chunked corpus's calls complete, as pure logic in Node over a stand-in
// engine: a call that lacks chunks throws ChunksPending until they arrive, each chunk is fetched
// once however many calls want it, chunks are let go only between calls answered whole, and a
// chunk that cannot be had is named in the error of every call that needs it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { deflateRawSync } from "node:zlib";

import { ChunksPending, PARALLEL_LOADS, answerOnceArrived, chunkedCorpus, hashName, inflateManifestCore } from "../../www/viewer/chunks.js";

/** A stand-in for the engine: `search(word)` needs the chunks `needs[word]`. */
function engine(needs) {
  const held = new Set();
  let wanted = new Set();
  const log = [];
  return {
    held,
    log,
    search(word) {
      const lacking = needs[word].filter((name) => !held.has(name));
      for (const name of lacking) wanted.add(name);
      if (lacking.length) return { incomplete: true };
      return { word, chunks: needs[word].length };
    },
    wantedChunks() {
      const names = [...wanted];
      wanted = new Set();
      return names;
    },
    addChunk(name, bytes) {
      if (bytes[0] !== 1) throw new Error(`${name} is damaged: its bytes do not match its name`);
      held.add(name);
    },
    releaseChunks(keep) {
      log.push(`release ${keep}`);
    },
    title: "stand-in",
  };
}

describe("a chunked corpus", () => {
  it("throws ChunksPending until the chunks arrive, then answers", async () => {
    const inner = engine({ river: ["a", "b"] });
    const loads = [];
    const corpus = chunkedCorpus(inner, async (name) => {
      loads.push(name);
      return new Uint8Array([1]);
    });
    let pending;
    assert.throws(() => corpus.search("river"), (error) => (pending = error) instanceof ChunksPending);
    assert.equal(pending.count, 2);
    assert.match(pending.message, /Loading 2 parts/);
    // Asked again before they arrive: the same chunks are not fetched twice.
    assert.throws(() => corpus.search("river"), ChunksPending);
    await pending.arrived;
    assert.deepEqual(loads, ["a", "b"]);
    assert.deepEqual(corpus.search("river"), { word: "river", chunks: 2 });
    assert.equal(corpus.title, "stand-in", "other properties pass through");
  });

  it("fetches the chunks of the latest call first when many are waiting", async () => {
    const earlier = Array.from({ length: PARALLEL_LOADS + 6 }, (_, i) => `old${i}`);
    const inner = engine({ old: earlier, new: ["x", "y"] });
    const started = [];
    const gates = new Map();
    // No pause: the later call's chunks are fetched at once, and queued before the others.
    const corpus = chunkedCorpus(
      inner,
      (name) => {
        started.push(name);
        return new Promise((resolve) => gates.set(name, () => resolve(new Uint8Array([1]))));
      },
      { pauseMs: 0 },
    );
    const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
    // Lets every load started so far finish (the queue is the page's: it must be left empty).
    const drain = async () => {
      for (let round = 0; round < 4; round += 1) {
        for (const name of started) gates.get(name)?.();
        await tick();
      }
    };
    try {
      assert.throws(() => corpus.search("old"), ChunksPending);
      let pending;
      assert.throws(() => corpus.search("new"), (error) => (pending = error) instanceof ChunksPending);
      await tick();
      // PARALLEL_LOADS at once: the first of the earlier call are under way.
      assert.deepEqual(started, earlier.slice(0, PARALLEL_LOADS));
      gates.get("old0")();
      gates.get("old1")();
      await tick();
      assert.deepEqual(started.slice(PARALLEL_LOADS).sort(), ["x", "y"], "the latest call's chunks go first");
      gates.get("x")();
      gates.get("y")();
      await pending.arrived;
      assert.deepEqual(corpus.search("new"), { word: "new", chunks: 2 });
    } finally {
      await drain();
    }
    // The earlier call's chunks still come, each once.
    assert.deepEqual(started.filter((name) => name.startsWith("old")).sort(), [...earlier].sort());
  });

  it("fetches the chunks of calls that come while others load only once the calls pause, and only the latest's", async () => {
    const inner = engine({ c: ["c1"], co: ["co1"], col: ["col1", "col2"], cold: ["cold1"] });
    let clock = 0;
    const loads = [];
    const gates = new Map();
    const corpus = chunkedCorpus(
      inner,
      (name) => {
        loads.push(name);
        return new Promise((resolve) => gates.set(name, () => resolve(new Uint8Array([1]))));
      },
      { pauseMs: 40, now: () => clock },
    );
    const arrivals = [];
    corpus.subscribeArrivals(() => arrivals.push(clock));
    const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    // Nothing loading: fetched at once.
    assert.throws(() => corpus.search("c"), ChunksPending);
    await wait(5);
    assert.deepEqual(loads, ["c1"]);
    // Two more calls while c1 loads, 10 ms apart: held.
    clock = 10;
    assert.throws(() => corpus.search("co"), ChunksPending);
    clock = 20;
    let pending;
    assert.throws(() => corpus.search("col"), (error) => (pending = error) instanceof ChunksPending);
    await wait(5);
    assert.deepEqual(loads, ["c1"], "held while calls come quickly");
    // Asked again for the same chunks (the page drawing again): still held, not started over.
    assert.throws(() => corpus.search("col"), ChunksPending);
    await wait(60);
    assert.deepEqual(loads.sort(), ["c1", "col1", "col2"], "the call passed over is never fetched");
    for (const open of gates.values()) open();
    await pending.arrived;
    assert.deepEqual(corpus.search("col"), { word: "col", chunks: 2 });
    assert.ok(arrivals.length >= 1, "the page is told the chunks have come");
    // A call long after the last, even while others load, fetches at once.
    clock = 100;
    assert.throws(() => corpus.search("co"), ChunksPending);
    clock = 1000;
    assert.throws(() => corpus.search("cold"), ChunksPending);
    await wait(5);
    assert.deepEqual(loads.slice(3).sort(), ["co1", "cold1"]);
    for (const open of gates.values()) open();
    await wait(5);
  });

  it("lets chunks go only between calls answered whole", async () => {
    const inner = engine({ river: ["a"], sea: ["b"] });
    const corpus = chunkedCorpus(inner, async () => new Uint8Array([1]), { cacheBytes: 100 });
    const first = await answerOnceArrived(() => corpus.search("river"));
    assert.deepEqual(first, { word: "river", chunks: 1 });
    // Released before the first call only, never before its retry.
    assert.deepEqual(inner.log, ["release 100"]);
    await answerOnceArrived(() => corpus.search("sea"));
    assert.deepEqual(inner.log, ["release 100", "release 100"]);
  });

  it("names a chunk that cannot be had in every call that needs it, and answers the others", async () => {
    const inner = engine({ river: ["a", "gone"], sea: ["b"], lake: ["bad"] });
    const corpus = chunkedCorpus(inner, async (name) => {
      if (name === "gone") throw new Error("corpus/gone.js answered 404 Not Found");
      return new Uint8Array([name === "bad" ? 0 : 1]);
    });
    await assert.rejects(answerOnceArrived(() => corpus.search("river")), /could not be loaded \(corpus\/gone\.js answered 404/);
    assert.throws(() => corpus.search("river"), /gone\.js/);
    await assert.rejects(answerOnceArrived(() => corpus.search("lake")), /bad is damaged/);
    assert.deepEqual(await answerOnceArrived(() => corpus.search("sea")), { word: "sea", chunks: 1 });
  });

  it("checks a chunk against its name by the browser's hashing, and names one that does not match", async () => {
    const whole = new Uint8Array([1, 2, 3]);
    const other = new Uint8Array([1, 9, 9]);
    const name = await hashName(whole);
    assert.match(name, /^[0-9a-f]{16}$/);
    const altered = await hashName(new Uint8Array([1, 7, 7]));
    const inner = engine({ river: [name], sea: [altered] });
    const hashed = [];
    const addChunk = inner.addChunk;
    inner.addChunk = (chunk, bytes, checked) => {
      hashed.push([chunk, checked]);
      return addChunk(chunk, bytes);
    };
    // The file named `altered` holds other bytes than those it is named by.
    const corpus = chunkedCorpus(inner, async (chunk) => (chunk === name ? whole : other));
    assert.deepEqual(await answerOnceArrived(() => corpus.search("river")), { word: "river", chunks: 1 });
    assert.deepEqual(hashed, [[name, true]], "the engine is told the hash was checked");
    await assert.rejects(answerOnceArrived(() => corpus.search("sea")), new RegExp(`could not be loaded \\(${altered} is damaged: its bytes do not match its name`));
    assert.equal(hashed.length, 1, "an altered chunk never reaches the engine");
  });

  it("tells what it waits for while a loop of calls goes on", async () => {
    const inner = engine({ river: ["a", "b", "c"] });
    const corpus = chunkedCorpus(inner, async () => new Uint8Array([1]));
    const told = [];
    const answer = await answerOnceArrived(() => corpus.search("river"), { onWait: (pending) => told.push(pending.count) });
    assert.deepEqual(told, [3]);
    assert.deepEqual(answer, { word: "river", chunks: 3 });
  });
});

describe("inflateManifestCore", () => {
  /** A manifest's bytes: magic, version, the deflated core's length, the core, then a table. */
  function manifest(core, { magic = "CVMF", deflated = deflateRawSync(core), table = [1, 2, 3] } = {}) {
    const header = new Uint8Array(10);
    header.set(Buffer.from(magic, "latin1"));
    new DataView(header.buffer).setUint16(4, 17, true);
    new DataView(header.buffer).setUint32(6, deflated.length, true);
    return new Uint8Array([...header, ...deflated, ...table]);
  }
  const core = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);

  it("inflates the core between the header and the table", async () => {
    assert.deepEqual(await inflateManifestCore(manifest(core)), core);
    // From an offset into a larger buffer, as bytes a fetch or a script handed over.
    const bytes = manifest(core);
    const inside = new Uint8Array(bytes.length + 5);
    inside.set(bytes, 5);
    assert.deepEqual(await inflateManifestCore(inside.subarray(5)), core);
  });

  it("leaves to the engine what is not a manifest, is cut short, does not inflate, or inflates past the limit", async () => {
    const whole = manifest(core);
    const deflated = deflateRawSync(core);
    for (const [what, bytes] of [
      ["another magic number", manifest(core, { magic: "CVIX" })],
      ["a header cut short", whole.subarray(0, 8)],
      ["a core cut short", whole.subarray(0, 10 + deflated.length - 100)],
      ["bytes that are not deflated", manifest(core, { deflated: new Uint8Array(64).fill(0xff) })],
      ["a core that stops before its stream ends", manifest(core, { deflated: deflated.subarray(0, deflated.length >> 1) })],
    ]) {
      assert.equal(await inflateManifestCore(bytes), null, what);
    }
    assert.equal(await inflateManifestCore(whole, core.length - 1), null, "past the limit");
    assert.deepEqual(await inflateManifestCore(whole, core.length), core, "at the limit");
  });
});
