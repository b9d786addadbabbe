// The viewer script's entry point: defines <corpus-viewer> once per page, and registers this
// script's corpus, if it carries one, with whichever script defined it.
//
// build.sh bundles these modules into one classic script (esbuild), which the page or the
// viewer script runs inside one function scope after the engine's glue; that scope also
// defines the names the modules read without importing them (see src/bundle.rs):
// `wasm_bindgen` (the glue), `CORPUS_VIEWER_WASM` (the module, base64, or null when the page
// holds it in a data block), and `CORPUS_VIEWER_NAME` and `CORPUS_VIEWER_INDEX` (a corpus the
// script carries, or null: its index in base64, or for a chunked corpus
// `{ chunks, manifest }`, its folder of chunks relative to the script and its manifest's name).

import "./start.js";
import { CorpusViewer } from "./element.js";

{
  const defined = customElements.get("corpus-viewer");
  const element = defined ?? CorpusViewer;
  if (typeof CORPUS_VIEWER_NAME === "string" && typeof CORPUS_VIEWER_INDEX === "string" && typeof element.registerCorpus === "function") {
    element.registerCorpus(CORPUS_VIEWER_NAME, CORPUS_VIEWER_INDEX);
  }
  if (typeof CORPUS_VIEWER_NAME === "string" && CORPUS_VIEWER_INDEX?.manifest && typeof element.registerChunkedCorpus === "function") {
    // The chunks are beside this script, wherever the page that includes it is.
    element.registerChunkedCorpus(CORPUS_VIEWER_NAME, CORPUS_VIEWER_INDEX, document.currentScript?.src || document.baseURI);
  }
  if (!defined) customElements.define("corpus-viewer", CorpusViewer);
}
