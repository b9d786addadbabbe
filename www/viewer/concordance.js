// The keyword-in-context view: every occurrence of the query across the
// corpus, one line each, aligned on the match; two pictures of where the
// occurrences fall; and the lines as a CSV file.

import { h, icon, moveInList, numberFormat, plural, quoted, ICONS } from "./dom.js";
import { barChart, dispersionPlot, describePlaces } from "./charts.js";
import { FormsBar, formsOption } from "./forms.js";

/** How many lines the concordance shows at first, and adds on each "Show more". */
const CONCORDANCE_PAGE = 100;
/** The most lines one concordance call gives (the engine's limit). */
const MAX_LINES = 10_000;
const CHART_DOCUMENTS = 20;

/**
 * One CSV field, quoted, with its quotes doubled. Text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
 * so other people's titles and contexts arrive as text; numbers stay numbers.
 */
function csvField(value) {
  let text = String(value ?? "");
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The concordance lines as CSV (RFC 4180), with a header row. */
export function concordanceCsv(lines) {
  const rows = [["document", "title", "source", "position", "left", "match", "right", "start", "end"]];
  for (const line of lines) {
    rows.push([line.id, line.title, line.source, line.position, line.left, line.match, line.right, line.range[0], line.range[1]]);
  }
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/**
 * The CSV's file name: the corpus, then the query with characters that file systems refuse
 * replaced, spaces as hyphens, at most 60 characters of it.
 */
export function csvFileName(corpus, query) {
  const words = String(query)
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|\u201c\u201d\u201e]/g, " ")
    .trim()
    .split(/\s+/)
    .join("-");
  const cut = Array.from(words).slice(0, 60).join("").replace(/^[.-]+|[.-]+$/g, "");
  return `${corpus || "corpus"}${cut ? `-${cut}` : ""}-concordance.csv`;
}

/** Offers `text` as a file to save, from memory (a Blob): works offline and from file://. */
function downloadText(parent, text, filename, type) {
  const url = URL.createObjectURL(new Blob(["\ufeff", text], { type }));
  const link = h("a", { href: url, download: filename, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The `count` entries of `occurrences` (one per document) with the most positions, most first;
 * equal counts keep their order.
 */
export function mostFrequent(occurrences, count) {
  return occurrences
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.positions.length - a.entry.positions.length || a.index - b.index)
    .slice(0, count)
    .map(({ entry }) => entry);
}

/** What a number of lines asked for belongs to: the search, its order, filter and forms. */
function linesKey(state) {
  return JSON.stringify([state.query, state.order, state.source, state.forms]);
}

export class ConcordanceView {
  constructor(viewer) {
    this.viewer = viewer;
    this.lines = [];
    this.buttons = [];
    this.charts = h("div", { class: "charts" });
    const summary = h("summary", { text: "Occurrences per document, and where they fall" });
    // A click (or Enter or Space) on the summary is the reader's choice, kept for later searches.
    summary.addEventListener("click", () => {
      this.picturesChosen = !this.picturesBox.open;
    });
    this.picturesBox = h("details", { class: "pictures" }, summary, this.charts);
    this.picturesChosen = null;
    this.download = h(
      "button",
      { class: "tool", type: "button", title: "Save every occurrence as a CSV file" },
      icon(...ICONS.download),
      h("span", { text: "Download CSV" }),
    );
    this.download.addEventListener("click", () => this.save());
    this.empty = h("p", { class: "hint" });
    this.formsBar = new FormsBar((forms) => this.viewer.navigate({ forms }));
    this.list = h("ol", { id: "concordance", class: "kwic", "aria-label": "Occurrences in context" });
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    this.more = h("button", { class: "link-button more-lines", type: "button", hidden: true });
    this.more.addEventListener("click", () => this.showMore());
    // How many lines to ask for, and the search they were asked for.
    this.limit = CONCORDANCE_PAGE;
    this.limitFor = null;
    // What the last download held, when it could not hold every occurrence.
    this.saved = h("p", { class: "hint", hidden: true });
    this.actions = h("div", { class: "kwic-actions" }, this.download, this.saved);
    this.element = h(
      "section",
      { class: "concordance", "aria-label": "In context" },
      this.empty,
      this.formsBar.element,
      this.picturesBox,
      this.actions,
      this.list,
      this.more,
    );
  }

  /** What `render(state)` needs the engine to answer, as `[method, ...args]`, or null. */
  call(state) {
    if (state.query.trim() === "") return null;
    const key = linesKey(state);
    const options = { limit: key === this.limitFor ? this.limit : CONCORDANCE_PAGE, sort: state.order };
    if (state.source) options.sources = [state.source];
    const forms = state.forms && formsOption(state.forms);
    if (forms) options.forms = forms;
    return ["concordance", state.query, options];
  }

  /**
   * Shows the concordance for `state`, with `answer` (`{ value }` or `{ error }`) the engine's
   * answer to `call(state)`; returns `{ status, total }`.
   */
  render(state, answer) {
    this.lines = [];
    this.total = 0;
    this.saved.hidden = true;
    this.buttons = [];
    const query = state.query.trim();
    if (query === "") {
      this.show(false);
      this.empty.textContent = "Type a word or a phrase to see every place it occurs, with the words around it.";
      this.formsBar.element.hidden = true;
      return { status: "Every occurrence of a search, in context", total: 0, searched: false };
    }
    const key = linesKey(state);
    if (key !== this.limitFor) this.limit = CONCORDANCE_PAGE;
    this.limitFor = key;
    if (answer.error) throw answer.error;
    const result = answer.value;
    this.lines = result.lines ?? [];
    const total = typeof result.total === "number" ? result.total : this.lines.length;
    this.total = total;
    this.formsBar.render(result.forms, state.forms);
    this.formsBar.element.hidden = !(result.forms ?? []).some((entry) => entry.forms.length > 0);
    if (total === 0) {
      this.show(false);
      const offered = (result.forms ?? []).some((entry) => entry.forms.some((form) => !form.included));
      this.empty.textContent = offered
        ? "The words of this search occur nowhere in these documents in the form typed; other forms or near spellings of them do (below)."
        : "Nothing to show: the words of this search occur nowhere in these documents.";
      return { status: `No occurrences of ${quoted(state.query)}`, total, searched: true, notes: result.notes };
    }
    this.show(true);
    // Open unless the reader closed them, or the viewer is too narrow to show them beside the lines.
    this.picturesBox.open = this.picturesChosen ?? this.element.getBoundingClientRect().width >= 560;
    this.charts.replaceChildren(...this.pictures(result.documents ?? [], state.query));
    this.list.replaceChildren(...this.lines.map((line) => this.lineItem(line)));
    const unshown = total - this.lines.length;
    // More lines only while the engine gave every line asked for (its budget may stop sooner).
    this.more.hidden = unshown <= 0 || this.lines.length < this.limit || this.limit >= MAX_LINES;
    this.more.textContent = `Show ${numberFormat.format(Math.min(CONCORDANCE_PAGE, unshown))} more of ${numberFormat.format(unshown)}`;
    const documents = (result.documents ?? []).length;
    const atLeast = result.complete === false ? "at least " : "";
    let status = `${atLeast}${plural(total, "occurrence", "occurrences")} of ${quoted(state.query)} in ${plural(documents, "document", "documents")}`;
    if (this.lines.length < total) status += ` \u00b7 showing the first ${numberFormat.format(this.lines.length)}`;
    return { status, total, searched: true, notes: result.notes };
  }

  /** Asks for the next page of lines and keeps the reader's place at the first new one. */
  showMore() {
    const first = this.lines.length;
    this.limit = Math.min(this.limit + CONCORDANCE_PAGE, MAX_LINES);
    this.viewer._render(this.viewer.state);
    this.buttons[first]?.button.focus();
  }

  show(found) {
    this.empty.hidden = found;
    this.more.hidden = true;
    this.picturesBox.hidden = !found;
    this.actions.hidden = !found;
    this.list.hidden = !found;
    if (!found) {
      this.charts.replaceChildren();
      this.list.replaceChildren();
    }
  }

  pictures(occurrences, query) {
    const titleOf = (id) => this.viewer.documentsById.get(id)?.title || id;
    const rows = mostFrequent(occurrences, CHART_DOCUMENTS).map((entry) => ({
      label: titleOf(entry.id),
      value: entry.positions.length,
      words: entry.words,
      positions: entry.positions,
    }));
    const figures = [
      barChart(`Occurrences of ${quoted(query)} per document`, rows, (row) => `${row.label}: ${plural(row.value, "occurrence", "occurrences")}`),
      dispersionPlot(
        `Where ${quoted(query)} occurs, from the start to the end of each document`,
        rows,
        (row) => `${row.label}: ${plural(row.value, "occurrence", "occurrences")} ${describePlaces(row.positions, row.words)}`,
      ),
    ];
    if (occurrences.length > rows.length) {
      const shown = `the ${rows.length} documents with the most occurrences, of ${numberFormat.format(occurrences.length)}`;
      figures.push(h("p", { class: "hint", text: `The pictures show ${shown}.` }));
    }
    return figures;
  }

  lineItem(line) {
    const button = h(
      "button",
      { class: "kwic-line", type: "button", dir: "auto", title: line.title },
      h("span", { class: "kwic-doc", dir: "auto", text: line.title }),
      h("span", { class: "kwic-left" }, h("span", { text: line.left })),
      h("span", { class: "kwic-match" }, h("mark", { text: line.match })),
      h("span", { class: "kwic-right", text: line.right }),
    );
    this.buttons.push({ button, line });
    return h("li", null, button);
  }

  /**
   * Saves every occurrence, not only the lines shown, up to MAX_LINES; says so when the file
   * holds fewer than all.
   */
  save() {
    const call = this.call(this.viewer.state);
    if (!call) return;
    const [method, query, options] = call;
    const answer = this.viewer._ask([method, query, { ...options, limit: Math.min(Math.max(this.total, 1), MAX_LINES) }]);
    const lines = answer?.value?.lines ?? this.lines;
    downloadText(this.element, concordanceCsv(lines), csvFileName(this.viewer.corpusName, query), "text/csv;charset=utf-8");
    this.saved.hidden = lines.length >= this.total;
    if (lines.length < this.total) {
      const why = lines.length < Math.min(this.total, MAX_LINES)
        ? "gathering more would take too long"
        : `at most ${numberFormat.format(MAX_LINES)} fit in one file`;
      this.saved.textContent = `The file holds the first ${numberFormat.format(lines.length)} of ${plural(this.total, "occurrence", "occurrences")}: ${why}.`;
    }
  }

  focusFirst() {
    if (this.buttons.length === 0) return false;
    this.buttons[0].button.focus();
    return true;
  }

  openFirst() {
    if (this.buttons.length === 0) return false;
    this.open(this.buttons[0].line);
    return true;
  }

  open(line) {
    this.viewer.openDocument(line.id, { range: line.range });
  }

  onClick(event) {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    const entry = button ? this.buttons.find((candidate) => candidate.button === button) : null;
    if (entry) this.open(entry.line);
  }

  onKey(event) {
    moveInList(event, this.buttons.map((entry) => entry.button), this.viewer);
  }

  /** The line's button for the occurrence at `range` in document `id`. */
  buttonFor(id, range) {
    const entry = this.buttons.find(({ line }) => line.id === id && line.range[0] === range?.[0] && line.range[1] === range?.[1]);
    return entry?.button ?? null;
  }
}
