// The source filter: a list of the collection's sources, each with a checkbox and how many of
// the documents the query matches come from it (counted as if no source were chosen, so the
// numbers say what choosing one more would add). Several can be chosen; none means all.

import { h, numberFormat } from "./dom.js";

export class SourceFilter {
  /** `onChange(sources)` is called with the chosen sources, in the list's order. */
  constructor(onChange) {
    this.onChange = onChange;
    this.label = h("span", { class: "facet-label", text: "Sources" });
    this.summary = h("summary", {}, this.label);
    this.list = h("ul", { class: "facet-list" });
    this.clear = h("button", { type: "button", class: "link-button", text: "All sources" });
    this.clear.addEventListener("click", () => this.onChange([]));
    this.element = h(
      "details",
      { class: "facet" },
      this.summary,
      h("div", { class: "facet-panel", role: "group", "aria-label": "Sources" }, this.list, this.clear),
    );
    this.element.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.element.open) return;
      event.stopPropagation();
      event.preventDefault();
      this.element.open = false;
      this.summary.focus();
    });
    this.sources = [];
  }

  /**
   * Shows `counts` (`[{ source, documents }]`, every source of the collection or of the
   * query), with `chosen` ticked; `ofQuery`: the counts are the query's, not the collection's.
   */
  update(counts, chosen, ofQuery) {
    const all = new Map(counts.map((entry) => [entry.source, entry.documents]));
    // A chosen source the query finds nothing in stays on the list, with 0.
    for (const source of chosen) if (!all.has(source)) all.set(source, 0);
    const focused = this.list.contains(this.list.getRootNode().activeElement) ? this.list.getRootNode().activeElement.value : null;
    this.sources = [...all.keys()];
    this.list.replaceChildren(
      ...[...all].map(([source, documents]) => {
        const box = h("input", { type: "checkbox", value: source });
        box.checked = chosen.includes(source);
        box.addEventListener("change", () => {
          const next = this.sources.filter((name) => (name === source ? box.checked : chosen.includes(name)));
          this.onChange(next);
        });
        const what = ofQuery ? "matching" : "in all";
        return h(
          "li",
          {},
          h(
            "label",
            { title: `${numberFormat.format(documents)} ${documents === 1 ? "document" : "documents"} ${what}` },
            box,
            h("span", { dir: "auto", text: source }),
            h("span", { class: "count", text: numberFormat.format(documents) }),
          ),
        );
      }),
    );
    if (focused != null) this.list.querySelector(`input[value="${CSS.escape(focused)}"]`)?.focus();
    this.clear.hidden = chosen.length === 0;
    this.label.textContent = chosen.length === 0 ? "All sources" : chosen.length === 1 ? chosen[0] : `${chosen.length} sources`;
  }
}
