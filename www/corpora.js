// The corpora of a page. Every viewer script carries one corpus (its engine
// and CORPUS_VIEWER_NAME) and registers it here; the first script that runs
// defines <corpus-viewer> and keeps this registry on the element's class, so
// the page gains no global name but the element's.

class CorpusRegistry {
  constructor() {
    this.entries = new Map();
    this.listeners = new Set();
  }

  /** Adds corpus `name`, whose engine `load()` makes on first use; false when the name is taken. */
  register(name, load) {
    if (typeof name !== "string" || name === "" || typeof load !== "function") {
      throw new TypeError("registerCorpus(name, load) needs a name and a function");
    }
    if (this.entries.has(name)) return false;
    this.entries.set(name, { load, engine: null });
    for (const listener of [...this.listeners]) listener();
    return true;
  }

  names() {
    return [...this.entries.keys()];
  }

  /** The name `wanted` refers to: itself when registered, the first corpus when absent; else null. */
  resolve(wanted) {
    if (wanted == null || wanted === "") return this.names()[0] ?? null;
    return this.entries.has(wanted) ? wanted : null;
  }

  /** The engine of corpus `name`, started once and shared by every viewer of that corpus. */
  engine(name) {
    const entry = this.entries.get(name);
    if (!entry.engine) {
      entry.engine = new Promise((resolve, reject) => {
        // Let the page paint before the module is compiled.
        setTimeout(() => {
          try {
            resolve(entry.load());
          } catch (error) {
            reject(error);
          }
        }, 0);
      });
    }
    return entry.engine;
  }

  /** Calls `listener` after each registration until the returned function is called. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
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
 * scripts. The module is compiled and instantiated off the main thread (Chromium refuses to
 * do either synchronously for one over 8 MB); the engine then inflates the index's core,
 * faster than the browser's DecompressionStream does for a core this small.
 */
async function createEngine() {
  // The single-file page keeps the module in a data block; a script file carries it inline.
  const base64 = typeof CORPUS_VIEWER_WASM === "string"
    ? CORPUS_VIEWER_WASM
    : document.querySelector(`script[data-corpus-viewer-wasm="${CORPUS_VIEWER_NAME}"]`)?.textContent;
  if (typeof wasm_bindgen === "undefined" || typeof base64 !== "string") {
    throw new Error("this page was built without its search engine");
  }
  const damaged = (error) =>
    new Error(`This copy of the viewer is damaged: its data was cut short or changed (${errorMessage(error)}). Copy or download the file again.`);
  let module;
  try {
    module = await WebAssembly.compile(decodeBase64(base64.trim()));
  } catch (error) {
    throw damaged(error);
  }
  // Instantiated asynchronously as well: Chromium refuses a synchronous instance of a module
  // over 8 MB too.
  await wasm_bindgen({ module_or_path: module });
  try {
    return wasm_bindgen.Corpus.embedded();
  } catch (error) {
    throw damaged(error);
  }
}

/** Resolves after the page's load event, when every script of the page has run. */
function pageLoaded() {
  if (document.readyState === "complete") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => window.addEventListener("load", () => setTimeout(resolve, 0), { once: true }));
}
