// Defines <corpus-viewer> once per page, and registers this script's corpus, if it carries
// one, with whichever script defined it.

{
  const defined = customElements.get("corpus-viewer");
  const element = defined ?? CorpusViewer;
  if (typeof CORPUS_VIEWER_NAME === "string" && typeof CORPUS_VIEWER_INDEX === "string" && typeof element.registerCorpus === "function") {
    element.registerCorpus(CORPUS_VIEWER_NAME, CORPUS_VIEWER_INDEX);
  }
  if (!defined) customElements.define("corpus-viewer", CorpusViewer);
}
