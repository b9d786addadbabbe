// The corpora of a page, and the one engine they share. A corpus is data: an index in a data
// block of the page (<script type="application/octet-stream" data-corpus-viewer-index=NAME>)
// or registered by a script (registerCorpus(name, base64 or bytes)); a chunked corpus, its
// folder of chunks and the name of its manifest, from a data block or a script
// (registerChunkedCorpus). The engine (the Wasm
// module and its glue) comes with the first viewer script that runs: that script defines
// <corpus-viewer> and keeps this registry on the element's class, so the page gains no
// global name but the element's, and every corpus on the page opens in that one engine.

import { errorMessage } from "./dom.js";
import { CHUNK_NAME, chunkedCorpus, chunkLoader, chunksLoading, hashName, inflateManifestCore, loadManifest } from "./chunks.js";
import { rehearse } from "./rehearsal.js";

export class CorpusRegistry {
  constructor(startEngine) {
    this.startEngine = startEngine;
    this.entries = new Map();
    this.listeners = new Set();
    this.engineStarted = null;
    // Stops the rehearsal of the engine, which starts once a corpus has opened (rehearsal.js).
    this.stopRehearsal = null;
  }

  /**
   * Adds corpus `name`, its index given as base64 text, bytes, or a function that returns
   * either; false when the name is taken.
   */
  register(name, index) {
    const valid = typeof index === "string" || index instanceof Uint8Array || index instanceof ArrayBuffer || typeof index === "function";
    if (typeof name !== "string" || name === "" || !valid) {
      throw new TypeError("registerCorpus(name, index) needs a name and the index (base64 text or bytes)");
    }
    if (this.entries.has(name)) return false;
    this.entries.set(name, { index, chunks: null, manifest: null, checked: false, corpus: null });
    for (const listener of [...this.listeners]) listener();
    return true;
  }

  /**
   * Adds chunked corpus `name`: the folder of its chunks (a URL) and its manifest's name. The
   * manifest starts loading now, while the engine is made ready. False when the name is taken.
   */
  registerChunked(name, folder, manifest) {
    if (typeof name !== "string" || name === "" || typeof folder !== "string" || !CHUNK_NAME.test(manifest ?? "")) {
      throw new TypeError("registerChunkedCorpus(name, { chunks, manifest }) needs a name, the folder of the chunks and the manifest's name");
    }
    if (this.entries.has(name)) return false;
    // Checked against its name by the browser's own hashing where it offers it (the engine's
    // takes tens of milliseconds for a manifest of megabytes), else by the engine; its core
    // inflated by the browser meanwhile, where it can.
    const entry = { index: null, chunks: folder, manifest, checked: false, core: null, corpus: null };
    const loading = loadManifest(folder, manifest, decodeBase64).then(async (bytes) => {
      const [hash, core] = await Promise.all([hashName(bytes), inflateManifestCore(bytes)]);
      if (hash !== null && hash !== manifest) throw damaged(new Error(`the manifest ${manifest} is damaged: its bytes do not match its name`));
      entry.checked = hash !== null;
      entry.core = core;
      return bytes;
    });
    loading.catch(() => {});
    entry.index = () => loading;
    this.entries.set(name, entry);
    for (const listener of [...this.listeners]) listener();
    return true;
  }

  /**
   * Starts compiling the engine when the page holds a corpus (its data blocks, whose chunked
   * manifests start loading too) or `carriesCorpus`, before any viewer asks for it.
   */
  prepare(carriesCorpus) {
    this.discover();
    if ((this.entries.size === 0 && !carriesCorpus) || this.engineStarted) return;
    this.engineStarted = this.startEngine();
    this.engineStarted.catch(() => {});
  }

  /** Registers the index data blocks of the document that are not registered yet. */
  discover() {
    if (typeof document === "undefined") return;
    for (const block of document.querySelectorAll("script[data-corpus-viewer-index]")) {
      const name = block.getAttribute("data-corpus-viewer-index");
      if (name && !this.entries.has(name)) {
        // A chunked corpus: this folder holds its chunks, and its manifest, the file the block
        // names, which starts loading now, while the engine is made ready.
        const chunks = block.getAttribute("data-corpus-viewer-chunks");
        const manifest = block.getAttribute("data-corpus-viewer-manifest");
        if (chunks && manifest) {
          this.registerChunked(name, new URL(chunks, document.baseURI).href, manifest);
        } else {
          this.register(name, () => block.textContent);
          if (chunks) this.entries.get(name).chunks = new URL(chunks, document.baseURI).href;
        }
      }
    }
  }

  names() {
    this.discover();
    return [...this.entries.keys()];
  }

  /** The name `wanted` refers to: itself when registered, the first corpus when absent; else null. */
  resolve(wanted) {
    const names = this.names();
    if (wanted == null || wanted === "") return names[0] ?? null;
    return this.entries.has(wanted) ? wanted : null;
  }

  /** The engine of corpus `name`, opened once and shared by every viewer of that corpus. */
  engine(name) {
    const entry = this.entries.get(name);
    if (!entry.corpus) {
      this.engineStarted ??= this.startEngine();
      entry.corpus = this.engineStarted.then(async (engine) => {
        // Let the page paint between compiling the module and opening the corpus.
        await new Promise((resolve) => setTimeout(resolve, 0));
        let index;
        try {
          index = await (typeof entry.index === "function" ? entry.index() : entry.index);
        } catch (error) {
          if (error instanceof DamagedCopy) throw error;
          throw new Error(`The corpus could not be loaded (${errorMessage(error)}). This viewer reads its corpus from the folder beside its page, which must be copied with it.`);
        }
        let bytes;
        try {
          bytes = typeof index === "string" ? decodeBase64(index.trim()) : new Uint8Array(index);
        } catch (error) {
          throw damaged(error);
        }
        try {
          if (!entry.chunks) return engine.Corpus.fromBytes(bytes);
          const core = entry.core ?? undefined;
          entry.core = null;
          const corpus = engine.Corpus.fromManifest(bytes, entry.checked ? undefined : entry.manifest, core);
          return chunkedCorpus(corpus, chunkLoader(entry.chunks, { bytesOfText: (text) => engine.chunkFromScript(text) }));
        } catch (error) {
          throw damaged(error);
        }
      });
      // Once a corpus has opened, the engine rehearses its common calls in idle moments while
      // no viewer is busy, so that the reader's first search runs in optimized code.
      Promise.all([this.engineStarted, entry.corpus]).then(
        ([engine]) => (this.stopRehearsal ??= rehearse(engine.Corpus, { busy: pageBusy })),
        () => {},
      );
    }
    return entry.corpus;
  }

  /** Calls `listener` after each registration until the returned function is called. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The corpora of this script's viewers, in this script's engine. */
export const CORPORA = new CorpusRegistry(startEngine);

/** Whether chunks are on their way or a viewer of the page is busy answering. */
function pageBusy() {
  return chunksLoading() || (typeof document !== "undefined" && document.querySelector("corpus-viewer[aria-busy]") !== null);
}

/** A copy of the viewer whose data was cut short or changed. */
class DamagedCopy extends Error {}

function damaged(error) {
  return new DamagedCopy(`This copy of the viewer is damaged: its data was cut short or changed (${errorMessage(error)}). Copy or download the file again.`);
}

function decodeBase64(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * This script's engine: the wasm-bindgen glue and the module defined before the viewer's
 * scripts, ready to open corpora. The module is compiled and instantiated off the main thread
 * (Chromium refuses to do either synchronously for a large module).
 */
export async function startEngine() {
  // The single-file page keeps the module in a data block; a script file carries it inline.
  const base64 = typeof CORPUS_VIEWER_WASM === "string"
    ? CORPUS_VIEWER_WASM
    : document.querySelector("script[data-corpus-viewer-engine]")?.textContent;
  if (typeof wasm_bindgen === "undefined" || typeof base64 !== "string") {
    throw new Error("this page was built without its search engine");
  }
  let module;
  try {
    module = await WebAssembly.compile(decodeBase64(base64.trim()));
  } catch (error) {
    throw damaged(error);
  }
  await wasm_bindgen({ module_or_path: module });
  return wasm_bindgen;
}

/** Resolves after the page's load event, when every script of the page has run. */
export function pageLoaded() {
  if (document.readyState === "complete") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => window.addEventListener("load", () => setTimeout(resolve, 0), { once: true }));
}
