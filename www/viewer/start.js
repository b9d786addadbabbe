// The first module of the viewer script: when no other script has defined <corpus-viewer>, it
// starts compiling the engine and loading the page's chunked manifests, the work a viewer
// waits for longest, so that it runs while the rest of the script is evaluated and the viewers
// build their shells. Imported before any other module (see main.js), it imports only what
// has no costly work at its own start.

import { CORPORA } from "./corpora.js";

if (!customElements.get("corpus-viewer")) {
  CORPORA.prepare(typeof CORPUS_VIEWER_INDEX !== "undefined" && CORPUS_VIEWER_INDEX != null);
}
