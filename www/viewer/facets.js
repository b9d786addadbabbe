// The filters of the list: choices (sources, tags) and a range of dates, each a panel that
// opens from the bar.
//
// A choice filter lists the collection's sources or tags, each with a checkbox and how many of
// the documents the query matches have it (counted as if none were chosen, so the numbers say
// what choosing one more would add). Several can be chosen; none means all. The date filter
// takes a range typed as YYYY, YYYY-MM or YYYY-MM-DD and says at once what is wrong with a
// value that is not a date.

import { dateRangeProblem } from "./dates.js";
import { h, numberFormat } from "./dom.js";

/** A panel that opens from a summary in the bar, and closes with Escape; `name` tells it apart (`facet-NAME`). */
function facetPanel(name, label, ...content) {
  const text = h("span", { class: "facet-label", text: label });
  const summary = h("summary", {}, text);
  const element = h("details", { class: `facet facet-${name}` }, summary, h("div", { class: "facet-panel", role: "group", "aria-label": label }, ...content));
  element.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !element.open) return;
    event.stopPropagation();
    event.preventDefault();
    element.open = false;
    summary.focus();
  });
  return { element, summary, label: text };
}

/**
 * A list of choices with checkboxes and counts. `kind` names them: `{ label: "Sources", all:
 * "All sources", one: "source", many: "sources", key: "source" }`, `key` the field of a count
 * that holds the name. `onChange(chosen)` is called with the chosen names, in the list's order.
 */
export class ChoiceFilter {
  constructor(kind, onChange) {
    this.kind = kind;
    this.onChange = onChange;
    this.list = h("ul", { class: "facet-list" });
    this.clear = h("button", { type: "button", class: "link-button", text: kind.all });
    this.clear.addEventListener("click", () => this.onChange([]));
    const panel = facetPanel(kind.many, kind.label, this.list, this.clear);
    this.element = panel.element;
    this.summary = panel.summary;
    this.label = panel.label;
    this.names = [];
  }

  /**
   * Shows `counts` (`[{ [kind.key]: name, documents }]`, every choice of the collection or of
   * the query), with `chosen` ticked; `ofQuery`: the counts are the query's, not the collection's.
   */
  update(counts, chosen, ofQuery) {
    const all = new Map(counts.map((entry) => [entry[this.kind.key], entry.documents]));
    // A chosen name the query finds nothing in stays on the list, with 0.
    for (const name of chosen) if (!all.has(name)) all.set(name, 0);
    const active = this.list.getRootNode().activeElement;
    const focused = this.list.contains(active) ? active.value : null;
    this.names = [...all.keys()];
    this.list.replaceChildren(
      ...[...all].map(([name, documents]) => {
        const box = h("input", { type: "checkbox", value: name });
        box.checked = chosen.includes(name);
        box.addEventListener("change", () => {
          const next = this.names.filter((other) => (other === name ? box.checked : chosen.includes(other)));
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
            h("span", { dir: "auto", text: name }),
            h("span", { class: "count", text: numberFormat.format(documents) }),
          ),
        );
      }),
    );
    if (focused != null) this.list.querySelector(`input[value="${CSS.escape(focused)}"]`)?.focus();
    this.clear.hidden = chosen.length === 0;
    this.label.textContent = chosen.length === 0 ? this.kind.all : chosen.length === 1 ? chosen[0] : `${chosen.length} ${this.kind.many}`;
  }
}

/** The source filter: `onChange(sources)`. */
export class SourceFilter extends ChoiceFilter {
  constructor(onChange) {
    super({ label: "Sources", all: "All sources", many: "sources", key: "source" }, onChange);
  }
}

/** The tag filter: `onChange(tags)`. */
export class TagFilter extends ChoiceFilter {
  constructor(onChange) {
    super({ label: "Tags", all: "All tags", many: "tags", key: "tag" }, onChange);
  }
}

/**
 * A range of dates: two fields, From and To, each a year, a month or a day. `onChange({ from,
 * to })` is called with a valid range (blank for an open end) when a field is committed (Enter,
 * or leaving it); a value that is not a date, or a range that ends before it starts, is named
 * beside the fields instead, and nothing changes.
 */
export class DateFilter {
  constructor(onChange) {
    this.onChange = onChange;
    const field = (name, label) => {
      const input = h("input", {
        type: "text",
        name,
        inputmode: "numeric",
        autocomplete: "off",
        spellcheck: "false",
        placeholder: "YYYY-MM-DD",
        size: 10,
        "aria-describedby": "date-problem",
      });
      input.addEventListener("change", () => this.commit());
      input.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          this.commit();
        }
      });
      return { input, field: h("label", { class: "date-field" }, h("span", { text: label }), input) };
    };
    this.from = field("from", "From");
    this.to = field("to", "To");
    this.problem = h("p", { id: "date-problem", class: "field-problem", "aria-live": "polite", hidden: true });
    this.hint = h("p", { class: "hint", text: "A year (2024), a month (2024-03) or a day (2024-03-31); either may be left blank." });
    this.clear = h("button", { type: "button", class: "link-button", text: "Any date" });
    this.clear.addEventListener("click", () => {
      this.from.input.value = "";
      this.to.input.value = "";
      this.commit();
    });
    const panel = facetPanel("dates", "Dates", h("div", { class: "date-fields" }, this.from.field, this.to.field), this.problem, this.hint, this.clear);
    this.element = panel.element;
    this.summary = panel.summary;
    this.label = panel.label;
    this.shown = { from: "", to: "" };
  }

  /** Reads the fields: a valid range goes to `onChange`, else the problem is shown. */
  commit() {
    const from = this.from.input.value.trim();
    const to = this.to.input.value.trim();
    const problem = dateRangeProblem(from, to);
    this.showProblem(problem);
    if (problem) return;
    if (from !== this.shown.from || to !== this.shown.to) this.onChange({ from, to });
  }

  /** Names `problem` (see dateRangeProblem) beside the fields and marks the field it is in; null clears it. */
  showProblem(problem) {
    this.problem.textContent = problem?.message ?? "";
    this.problem.hidden = problem == null;
    for (const [field, { input }] of [["from", this.from], ["to", this.to]]) {
      if (problem && (problem.field === field || problem.field === "range")) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }

  /** Shows the range of the state (`from`, `to`: valid dates or blank). */
  update(from, to) {
    this.shown = { from: from ?? "", to: to ?? "" };
    const root = this.element.getRootNode();
    const editing = this.element.contains(root.activeElement) && this.problem.hidden === false;
    // A value being corrected stays as typed; otherwise the fields follow the state.
    if (!editing) {
      this.from.input.value = this.shown.from;
      this.to.input.value = this.shown.to;
      this.showProblem(null);
    }
    this.clear.hidden = !this.shown.from && !this.shown.to;
    const { from: a, to: b } = this.shown;
    this.label.textContent = a && b ? (a === b ? a : `${a} \u2013 ${b}`) : a ? `From ${a}` : b ? `Up to ${b}` : "All dates";
  }
}
