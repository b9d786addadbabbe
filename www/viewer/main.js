// The viewer script's entry point: defines <corpus-viewer> once per page, and registers this
// script's corpus, if it carries one, with whichever script defined it.
//
// build.sh bundles these modules into one classic script (esbuild), which the page or the
// viewer script runs inside one function scope after the engine's glue; that scope also
// defines the names the modules read without importing them (see src/bundle.rs):
// `wasm_bindgen` (the glue), `CORPUS_VIEWER_WASM` (the module, base64, or null when the page
// holds it in a data block), and `CORPUS_VIEWER_NAME` and `CORPUS_VIEWER_INDEX` (a corpus the
// script carries, or null).

import { CorpusViewer } from "./element.js";

{
  const defined = customElements.get("corpus-viewer");
  const element = defined ?? CorpusViewer;
  if (typeof CORPUS_VIEWER_NAME === "string" && typeof CORPUS_VIEWER_INDEX === "string" && typeof element.registerCorpus === "function") {
    element.registerCorpus(CORPUS_VIEWER_NAME, CORPUS_VIEWER_INDEX);
  }
  if (!defined) customElements.define("corpus-viewer", CorpusViewer);
}
