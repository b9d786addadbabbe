// A chunked corpus: an index too large for one page, opened from its manifest, whose postings
// and texts arrive in chunks as calls need them. The engine answers each call from the chunks
// it holds and names the ones it lacked (`wantedChunks()`); such an answer is incomplete, so
// the call throws `ChunksPending` instead, and the chunks are fetched, checked against their
// names by the engine, and handed over. The viewer shows the wait and asks again once they have
// arrived. A chunk is one file, `NAME.js`: fetched over http and read by `chunkFromFile`; from
// `file://`, where pages may not fetch, added as a classic script, which hands the same bytes
// to the element that loaded it. The manifest is two files, its bytes and a script of them.

import { CHUNK_FILE_CHARSET, chunkFromFile } from "./chunkfile.js";

/** The engine's calls that may need chunks. */
const CALLS = new Set(["search", "documents", "countDocuments", "documentInfo", "dates", "overview", "concordance", "vocabulary", "termCounts", "phrases", "collocates", "document"]);

/** How many bytes of chunks the engine keeps between calls: what bounds its memory. */
export const CHUNK_CACHE_BYTES = 48 * 1024 * 1024;

/** What a chunk's name is: the first 8 bytes of the SHA-256 of its bytes, in hex. */
export const CHUNK_NAME = /^[0-9a-f]{16}$/;

/**
 * How many chunks are fetched at once: those of a page of passages (ten blocks of texts, and
 * shards or postings) together. A browser fetches six at a time from a host over HTTP/1.1
 * and queues the rest itself, starting each as a connection frees rather than when the
 * page's thread, busy drawing the results, gets to it; over HTTP/2 and from `file://` they
 * all load at once. At 1 GB, common words asked as the page opens answered in 141-169 ms
 * over http rather than 172-187 (medians of three runs each) with six.
 */
export const PARALLEL_LOADS = 16;

/**
 * How long calls must pause before the chunks of the latest are fetched, when they come while
 * those of an earlier call are still on their way (a query typed a letter at a time): the
 * chunks of the words typed on the way are never fetched. A call after a pause, or while
 * nothing is loading, fetches at once.
 */
export const TYPING_PAUSE_MS = 250;

/** Thrown by a call whose chunks are on their way; `arrived` settles when they have come. */
export class ChunksPending extends Error {
  constructor(arrived, count) {
    super(count === 1 ? "Loading a part of the corpus\u2026" : `Loading ${count} parts of the corpus\u2026`);
    this.name = "ChunksPending";
    this.arrived = arrived;
    this.count = count;
  }
}

/**
 * `corpus` (opened with `Corpus.fromManifest`) with each call of `CALLS` made complete: it
 * answers, or throws `ChunksPending` while the chunks it needs are fetched with `load(name)`
 * (a promise of the bytes), or throws an error naming a chunk that could not be had.
 * `subscribeArrivals(listener)` calls `listener` each time a round of chunks has settled, until
 * the function it returns is called.
 */
export function chunkedCorpus(corpus, load, { cacheBytes = CHUNK_CACHE_BYTES, pauseMs = TYPING_PAUSE_MS, now = () => performance.now() } = {}) {
  const listeners = new Set();
  const onArrived = () => {
    for (const listener of [...listeners]) listener();
  };
  const inFlight = new Map();
  const failures = new Map();
  // Chunks are let go only between calls that were answered whole, never while a call waits
  // for its retry, so that what one call needs stays until it is answered.
  let settled = true;
  let batch = null;
  // The chunks of the latest call while calls come quickly, fetched once they pause.
  let held = null;
  let lastWantedAt = -Infinity;

  // Holds `names` in place of the chunks held before, which are then never fetched, until
  // `pauseMs` after the last call that wanted other chunks; the promise of every call held
  // on the way settles once the last one's chunks have come.
  const hold = (names) => {
    if (!held) {
      held = { names: [], timer: null };
      held.arrived = new Promise((resolve) => (held.release = resolve));
    }
    const current = held;
    const same = names.length === current.names.length && names.every((name) => current.names.includes(name));
    if (!same) {
      current.names = names;
      clearTimeout(current.timer);
      current.timer = setTimeout(() => {
        if (held === current) held = null;
        current.release(Promise.all(current.names.map(fetchChunk)));
      }, pauseMs);
    }
    return current.arrived;
  };

  const fetchChunk = (name) => {
    if (!inFlight.has(name)) {
      const arrival = queue(() => load(name))
        .then(async (bytes) => {
          // Checked against its name with the browser's SHA-256 where it offers it (off the
          // page's thread, and faster than the engine's), else by the engine.
          const hash = CHUNK_NAME.test(name) ? await hashName(bytes) : null;
          if (hash !== null && hash !== name) throw new Error(`${name} is damaged: its bytes do not match its name`);
          corpus.addChunk(name, bytes, hash !== null);
        })
        .catch((error) => {
          const why = error instanceof Error ? error.message : String(error);
          failures.set(name, new Error(`Part of the corpus could not be loaded (${why}). This viewer reads its corpus from the folder beside its page, which must be copied with it. Searches that do not need this part still work; reload the page to try again.`));
        })
        .finally(() => inFlight.delete(name));
      inFlight.set(name, arrival);
    }
    return inFlight.get(name);
  };

  const call = (method, args) => {
    if (settled && inFlight.size === 0) corpus.releaseChunks(cacheBytes);
    let value;
    let error = null;
    try {
      value = corpus[method](...args);
    } catch (thrown) {
      error = thrown;
    }
    const wanted = corpus.wantedChunks();
    if (wanted.length > 0) {
      settled = false;
      const failed = wanted.find((name) => failures.has(name));
      if (failed) throw failures.get(failed);
      const at = now();
      const hurried = (held || inFlight.size > 0) && at - lastWantedAt < pauseMs;
      lastWantedAt = at;
      const lacking = wanted.some((name) => !inFlight.has(name));
      const arrived = hurried && lacking ? hold(wanted) : Promise.all(wanted.map(fetchChunk));
      if (!batch) {
        batch = arrived.then(() => {
          batch = null;
          onArrived();
        });
      }
      throw new ChunksPending(arrived, wanted.length);
    }
    settled = true;
    if (error) throw error;
    return value;
  };

  return new Proxy(corpus, {
    get(target, property) {
      if (CALLS.has(property)) return (...args) => call(property, args);
      if (property === "subscribeArrivals") {
        return (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * The answer of `ask()`, made again each time it throws `ChunksPending` once those chunks have
 * arrived (`onWait(pending)` is told), for a loop of calls that must not start over.
 */
export async function answerOnceArrived(ask, { onWait = () => {} } = {}) {
  for (;;) {
    try {
      return ask();
    } catch (error) {
      if (!(error instanceof ChunksPending)) throw error;
      onWait(error);
      await error.arrived;
    }
  }
}

let running = 0;
const waiting = [];

/** Whether chunks are being fetched or wait their turn, for any corpus of the page. */
export function chunksLoading() {
  return running + waiting.length > 0;
}

/**
 * Runs `task` once fewer than `PARALLEL_LOADS` run, the task queued last first: the chunks of
 * the latest call (what was just typed) come before those of calls it has made needless.
 */
function queue(task) {
  return new Promise((resolve, reject) => {
    const start = () => {
      running += 1;
      Promise.resolve()
        .then(task)
        .then(resolve, reject)
        .finally(() => {
          running -= 1;
          waiting.pop()?.();
        });
    };
    if (running < PARALLEL_LOADS) start();
    else waiting.push(start);
  });
}

/** The file `url` names, for messages: its folder and name. */
const fileOf = (url) => url.pathname.split("/").slice(-2).join("/");

/**
 * Whether pages at `base` may fetch: over http(s), not from `file://`. The page's hint that
 * loads the manifest early (`PRELOAD_MANIFEST` in src/bundle.rs) chooses its file alike.
 */
const fetches = (base) => /^https?:$/.test(new URL(base).protocol);

/** The bytes of the file at `url`, fetched; fails with a message that names the file. */
async function fetchBytes(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${fileOf(url)} could not be fetched (${error.message})`);
  }
  if (!response.ok) throw new Error(`${fileOf(url)} answered ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The bytes that the classic script at `url`, read in `charset` (the page's own when
 * undefined), hands over as the detail of a `corpus-viewer-chunk` event, made bytes by
 * `decode` (null for a detail that is none).
 */
function bytesOfScript(url, charset, decode) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    let handed = false;
    script.addEventListener(
      "corpus-viewer-chunk",
      (event) => {
        handed = true;
        let bytes;
        try {
          bytes = decode(String(event.detail));
        } catch {
          bytes = null;
        }
        if (bytes) resolve(bytes);
        else reject(new Error(`${fileOf(url)} holds no valid data`));
      },
      { once: true },
    );
    script.addEventListener("load", () => {
      script.remove();
      if (!handed) reject(new Error(`${fileOf(url)} did not hand over its data`));
    });
    script.addEventListener("error", () => {
      script.remove();
      reject(new Error(`${fileOf(url)} is missing or cannot be read`));
    });
    if (charset) script.charset = charset;
    script.src = url.href;
    document.head.append(script);
  });
}

/**
 * How chunks of the folder at `base` (a URL ending in `/`) are loaded, each from its one file
 * `NAME.js`: fetched over http(s) and read by `chunkFromFile`; added as a classic script from
 * `file://` and wherever fetching is not allowed, one character a byte, which
 * `bytesOfText(text)` reads (the engine's `chunkFromScript`: the bytes, or null or undefined for
 * a text that holds none).
 */
export function chunkLoader(base, { useScripts = !fetches(base), bytesOfText } = {}) {
  if (!useScripts) {
    return async (name) => {
      const url = new URL(`${name}.js`, base);
      const bytes = chunkFromFile(await fetchBytes(url));
      if (!bytes) throw new Error(`${fileOf(url)} holds no valid data`);
      return bytes;
    };
  }
  // One character a byte, whatever the page's own encoding.
  return (name) => bytesOfScript(new URL(`${name}.js`, base), CHUNK_FILE_CHARSET, (text) => bytesOfText(text) ?? null);
}

/**
 * How the manifest `name` of the folder at `base` is loaded: its bytes, `NAME.bin`, fetched
 * over http(s); from `file://`, its script `NAME.js`, whose base64 `decodeBase64` decodes.
 * The page waits for it while it opens, and a browser reads either form faster than a
 * chunk's file (see `chunk_files` in src/bundle.rs).
 */
export function loadManifest(base, name, decodeBase64, { useScripts = !fetches(base) } = {}) {
  if (!useScripts) return fetchBytes(new URL(`${name}.bin`, base));
  return bytesOfScript(new URL(`${name}.js`, base), undefined, decodeBase64);
}

/**
 * The name of a chunk of `bytes` (the first 8 bytes of their SHA-256, in hex), by the
 * browser's own hashing; null where it offers none (a page over plain http from another host).
 */
export async function hashName(bytes) {
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.subarray(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The most bytes a manifest's core may inflate to, as the engine allows. */
const MAX_CORE_BYTES = 2 ** 31;

/**
 * The core of manifest `bytes`, inflated by the browser's own inflater (native code, in tasks
 * of its own rather than in the engine's one long call, and quicker than the engine's code on
 * its first run), for `Corpus.fromManifest`; null where the browser offers none or the bytes do
 * not inflate: the engine then inflates the core itself, and names what is damaged. The
 * header (docs/format.md): `CVMF`, the version (u16), then the deflated core's length (u32,
 * little endian), and the core.
 */
export async function inflateManifestCore(bytes, limit = MAX_CORE_BYTES) {
  const HEADER = 10;
  if (typeof DecompressionStream !== "function" || bytes.length < HEADER) return null;
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== "CVMF") return null;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(6, true);
  if (length > bytes.length - HEADER) return null;
  // Written whole into the stream, which is quicker than reading it from a Blob's stream.
  const inflater = new DecompressionStream("deflate-raw");
  const writer = inflater.writable.getWriter();
  writer.write(bytes.subarray(HEADER, HEADER + length)).catch(() => {});
  writer.close().catch(() => {});
  const reader = inflater.readable.getReader();
  const parts = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > limit) {
        reader.cancel().catch(() => {});
        return null;
      }
      parts.push(value);
    }
  } catch {
    return null;
  }
  let core;
  try {
    core = new Uint8Array(total);
  } catch {
    return null; // more than the page can hold at once: the engine says so
  }
  let at = 0;
  for (const part of parts) {
    core.set(part, at);
    at += part.length;
  }
  return core;
}
