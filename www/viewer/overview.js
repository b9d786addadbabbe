// The overview: the collection at a glance — how many documents, words and
// distinct terms, its most frequent content words (each one a search) and
// its sources (each one a filter).

import { h, numberFormat, plural } from "./dom.js";

export class OverviewView {
  constructor(viewer) {
    this.viewer = viewer;
    this.element = h("section", { class: "overview", "aria-label": "Overview" });
  }

  render() {
    const overview = this.viewer.overview;
    if (!overview) {
      this.element.replaceChildren(h("p", { class: "hint", text: "No overview is available for this collection." }));
      return { status: "", total: 0, searched: false };
    }
    const stat = (value, label) => h("div", { class: "stat" }, h("dt", { text: label }), h("dd", { text: numberFormat.format(value) }));
    const stats = h(
      "dl",
      { class: "stats" },
      stat(overview.documents, overview.documents === 1 ? "document" : "documents"),
      stat(overview.words, overview.words === 1 ? "word" : "words"),
      stat(overview.terms, overview.terms === 1 ? "distinct term" : "distinct terms"),
    );

    const terms = h("ol", { class: "chips terms" });
    for (const entry of overview.topTerms ?? []) {
      const button = h(
        "button",
        {
          class: "chip",
          type: "button",
          title: `${plural(entry.count, "occurrence", "occurrences")} in ${plural(entry.documents, "document", "documents")}`,
        },
        h("span", { dir: "auto", text: entry.term }),
        h("span", { class: "count", text: numberFormat.format(entry.count) }),
      );
      button.addEventListener("click", () => this.viewer.navigate({ view: "results", query: entry.term, doc: null }, { push: true }));
      terms.append(h("li", null, button));
    }

    const sources = h("ul", { class: "chips sources" });
    for (const entry of overview.sources ?? []) {
      const button = h(
        "button",
        { class: "chip", type: "button", title: `Show the documents from ${entry.source}` },
        h("span", { dir: "auto", text: entry.source }),
        h("span", { class: "count", text: numberFormat.format(entry.documents) }),
      );
      button.addEventListener("click", () =>
        this.viewer.navigate({ view: "results", source: entry.source, doc: null }, { push: true }),
      );
      sources.append(h("li", null, button));
    }

    this.element.replaceChildren(
      stats,
      h("h2", { text: "Most frequent words" }),
      h("p", { class: "hint", text: "Counted over every document, leaving out common words such as \u201cthe\u201d. Choose one to search for it." }),
      terms,
      h("h2", { text: "Sources" }),
      h("p", { class: "hint", text: "The number of documents from each source. Choose one to list its documents." }),
      sources,
    );
    return {
      status: `${plural(overview.documents, "document", "documents")}, ${plural(overview.words, "word", "words")}`,
      total: overview.documents,
      searched: false,
    };
  }
}
