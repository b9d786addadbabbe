// The "?" sheet beside the search box: the query language, each form with an example that
// runs when chosen. A disclosure (a button that shows and hides a region), so it needs no
// focus trap and reads in order.

import { h } from "./dom.js";

/** The query language, as `[example, what it finds]`; the examples are searches to run. */
export const QUERY_SYNTAX = [
  ["gaza protests", "documents with both words, in any form (protest, protesting)"],
  ['"war"', "the word in this form only: not wars, not a near spelling"],
  ['"supreme leader"', "the words next to each other, in order"],
  ["gaza OR palestine", "either word"],
  ["iran NOT mek", "without a word (also -mek, or NOT a group)"],
  ["gaza NEAR/5 aid", "both words at most 5 words apart, in either order; also \"gaza aid\"~5"],
  ["protest*", "every word that starts with protest"],
  ["(gaza OR sinai) aid", "a group"],
];

export class QueryHelp {
  /** `run(query)` searches for an example. */
  constructor(run) {
    this.button = h("button", {
      class: "tool icon help-button",
      type: "button",
      "aria-expanded": "false",
      "aria-controls": "query-help",
      title: "How to search",
      text: "?",
    });
    this.button.setAttribute("aria-label", "How to search");
    this.button.addEventListener("click", () => this.toggle());
    const rows = QUERY_SYNTAX.map(([example, meaning]) => {
      const button = h("button", { class: "link-button example", type: "button" }, h("code", { text: example }));
      button.addEventListener("click", () => {
        run(example);
        this.toggle(false);
      });
      return h("li", null, button, h("span", { text: ` \u2014 ${meaning}` }));
    });
    this.panel = h(
      "section",
      { id: "query-help", class: "query-help", "aria-label": "How to search", hidden: true },
      h("ul", null, ...rows),
      h("p", {
        class: "hint",
        text: "Operators are upper case (or, not and near are words). Case and accents never matter. The word being typed also finds the words it begins. In context counts each word in its own form; tick other forms to count them too.",
      }),
    );
    this.panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      this.toggle(false);
      this.button.focus();
    });
  }

  /** Shows the sheet, hides it, or (without `open`) switches. */
  toggle(open = this.panel.hidden) {
    this.panel.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
  }
}
