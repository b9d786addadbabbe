// The keyword-in-context view: every occurrence of the query across the
// corpus, one line each, aligned on the match; two pictures of where the
// occurrences fall; and the lines as a CSV file.

import { answerOnceArrived } from "./chunks.js";
import { h, icon, moveInList, nextTask, numberFormat, plural, quoted, ICONS } from "./dom.js";
import { barChart, dispersionPlot, describePlaces } from "./charts.js";
import { FormsBar, formsOption } from "./forms.js";
import { FurtherSearch } from "./further.js";
import { decimalFormat } from "./numbers.js";
import { csvText, downloadText, fileName } from "./files.js";
import { filterKey, filterOptions } from "./state.js";

/** How many lines the concordance shows at first, and adds on each "Show more". */
const CONCORDANCE_PAGE = 100;
/** The same in a chunked corpus, where each line may cost a chunk of text to load. */
const CHUNKED_CONCORDANCE_PAGE = 25;
/** The most lines one concordance call gives (the engine's limit). */
const MAX_LINES = 10_000;
/** The lines a CSV download asks the engine for at a time. */
const EXPORT_PAGE = 1000;
/** The documents the pictures show at first, and at most on request. */
const CHART_DOCUMENTS = 20;
const MAX_CHART_DOCUMENTS = 2000;

/** The concordance lines as CSV (RFC 4180), with a header row. */
export function concordanceCsv(lines) {
  const rows = [["document", "title", "source", "position", "left", "match", "right", "start", "end"]];
  for (const line of lines) {
    rows.push([line.id, line.title, line.source, line.position, line.left, line.match, line.right, line.range[0], line.range[1]]);
  }
  return csvText(rows);
}

/** "the first document", or "the first 12 documents". */
function firstDocuments(count) {
  return count === 1 ? "the first document" : `the first ${plural(count, "document", "documents")}`;
}

/** The CSV's file name: the corpus, then the query. */
export function csvFileName(corpus, query) {
  return fileName(corpus, [query, "concordance"], ".csv");
}

/** Occurrences per 1,000 words of a document's entry. */
export function ratePerThousand(entry) {
  return (entry.positions.length * 1000) / Math.max(entry.words, 1);
}

/**
 * The `count` entries of `occurrences` (one per document) with the most positions (or, `by`
 * "rate", the most per 1,000 words), most first; equal values keep their order.
 */
export function mostFrequent(occurrences, count, by = "count") {
  const value = by === "rate" ? ratePerThousand : (entry) => entry.positions.length;
  return occurrences
    .map((entry, index) => ({ entry, index, value: value(entry) }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, count)
    .map(({ entry }) => entry);
}

/**
 * The label of "Show more": `remaining` lines are left to show, or an unknown number (null)
 * when counting stopped short of them.
 */
export function moreLabel(page, remaining) {
  if (remaining == null) return `Show ${numberFormat.format(page)} more`;
  return `Show ${numberFormat.format(Math.min(page, remaining))} more of ${numberFormat.format(remaining)}`;
}

/** What a number of lines asked for belongs to: the search, its order, filter and forms. */
function linesKey(state) {
  return JSON.stringify([state.query, state.order, filterKey(state), state.forms]);
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
    // How the pictures measure and how many documents they show; kept across searches.
    this.chartBy = "count";
    this.chartAll = false;
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
    this.limit = this.page;
    this.limitFor = null;
    // The lines shown before "Show more", in document order, as `{ key, lines }`: the next
    // page is asked for from where they end, so that a word counted only in part (a common
    // word in a large corpus) pages on through the documents that follow.
    this.held = null;
    // What the last download held, when it could not hold every occurrence.
    this.saved = h("p", { class: "hint", hidden: true });
    this.actions = h("div", { class: "kwic-actions" }, this.download, this.saved);
    // Searching further starts again from the first page of lines.
    this.further = new FurtherSearch(viewer, {
      view: "concordance",
      keyOf: linesKey,
      onStart: () => {
        this.held = null;
        this.limit = this.page;
      },
    });
    this.element = h(
      "section",
      { class: "concordance", "aria-label": "In context" },
      this.further.element,
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
    const limit = key === this.limitFor ? this.limit : this.page;
    const held = this.heldFor(key);
    const options = { offset: held.length, limit: Math.max(1, limit - held.length), sort: state.order, ...filterOptions(state), ...this.further.option(state) };
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
    const furtherFocused = this.further.beforeDraw();
    const query = state.query.trim();
    if (query === "") {
      this.show(false);
      this.empty.textContent = "Type a word or a phrase to see every place it occurs, with the words around it.";
      this.formsBar.element.hidden = true;
      return { status: "Every occurrence of a search, in context", total: 0, searched: false };
    }
    const key = linesKey(state);
    if (key !== this.limitFor) {
      this.limit = this.page;
      this.held = null;
    }
    const focus = this.focusOnDraw?.key === key ? this.focusOnDraw.at : null;
    this.focusOnDraw = null;
    this.limitFor = key;
    if (answer.error) throw answer.error;
    const result = answer.value;
    const showFurther = () => this.further.show(result, state, furtherFocused, () => this.buttons[0]?.button.focus());
    this.lines = this.heldFor(key).concat(result.lines ?? []);
    const total = typeof result.total === "number" ? result.total : this.lines.length;
    this.total = total;
    this.formsBar.render(result.forms, state.forms);
    this.formsBar.element.hidden = !(result.forms ?? []).some((entry) => entry.forms.length > 0);
    if (total === 0) {
      this.show(false);
      const offered = (result.forms ?? []).some((entry) => entry.forms.some((form) => !form.included));
      // A phrase of common words in a large collection checked in part found none where it
      // looked: that is not "none occur".
      const inPart = result.complete === false;
      this.empty.textContent = inPart
        ? "None found in the documents checked: the words of this search are in too many documents to check them all at once."
        : offered
          ? "The words of this search occur nowhere in these documents in the form typed; other forms or near spellings of them do (below)."
          : "Nothing to show: the words of this search occur nowhere in these documents.";
      const status = inPart ? `No occurrences found of ${quoted(state.query)} in the part searched` : `No occurrences of ${quoted(state.query)}`;
      showFurther();
      return { status, total, searched: true, notes: result.notes };
    }
    this.show(true);
    // Open unless the reader closed them, or the viewer is too narrow to show them beside the lines.
    this.picturesBox.open = this.picturesChosen ?? this.element.getBoundingClientRect().width >= 560;
    // A word's count in the whole collection, when counting stopped short and the index knows it.
    const whole = result.complete === false ? result.whole ?? null : null;
    this.pictured = { documents: result.documents ?? [], query: state.query, total, complete: result.complete !== false, whole };
    this.drawPictures();
    this.list.replaceChildren(...this.lines.map((line) => this.lineItem(line)));
    if (focus != null) this.buttons[focus]?.button.focus();
    const unshown = total - this.lines.length;
    // Counting stopped short: the next page counts on past it (in document order from where
    // these lines end; sorted by context, the lines are sorted again with those counted).
    const pagesOn = result.complete === false;
    // More lines only while the engine gave every line asked for (its budget may stop sooner).
    const remaining = pagesOn ? (whole ? whole.occurrences - this.lines.length : null) : unshown;
    this.more.hidden = (remaining != null && remaining <= 0) || this.lines.length < this.limit || this.limit >= MAX_LINES;
    this.more.textContent = moreLabel(this.page, remaining);
    const documents = (result.documents ?? []).length;
    const atLeast = result.complete === false ? "at least " : "";
    let status = whole
      ? `${plural(whole.occurrences, "occurrence", "occurrences")} of ${quoted(state.query)} in ${plural(whole.documents, "document", "documents")}; ${numberFormat.format(total)} counted, in ${firstDocuments(documents)}`
      : `${atLeast}${plural(total, "occurrence", "occurrences")} of ${quoted(state.query)} in ${plural(documents, "document", "documents")}`;
    if (this.lines.length < total) status += ` \u00b7 showing the first ${numberFormat.format(this.lines.length)}`;
    showFurther();
    return { status, total, searched: true, notes: result.notes };
  }

  /** How many lines a page shows. */
  get page() {
    return this.viewer.engine?.isChunked ? CHUNKED_CONCORDANCE_PAGE : CONCORDANCE_PAGE;
  }

  /** The lines held for the search `key` (see `held`); none for another search. */
  heldFor(key) {
    return this.held?.key === key && key === this.limitFor ? this.held.lines : [];
  }

  /** Asks for the next page of lines and keeps the reader's place at the first new one. */
  showMore() {
    const first = this.lines.length;
    const state = this.viewer.state;
    // A sort by context of a count stopped short orders what the next count finds anew, so
    // its lines are asked for from the first; lines in document order only grow.
    this.held = state.order === "document" ? { key: linesKey(state), lines: this.lines } : null;
    this.limit = Math.min(this.limit + this.page, MAX_LINES);
    this.viewer._render(this.viewer.state);
    // In a chunked corpus the new lines may wait for their texts: focused once drawn.
    if (this.buttons[first]) this.buttons[first].button.focus();
    else this.focusOnDraw = { key: linesKey(this.viewer.state), at: first };
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

  /** Draws the pictures of the last answer, as the reader chose to measure and show them. */
  drawPictures() {
    const { documents, query, total, complete, whole } = this.pictured;
    const shown = this.chartAll ? MAX_CHART_DOCUMENTS : CHART_DOCUMENTS;
    const rows = mostFrequent(documents, shown, this.chartBy).map((entry) => {
      const doc = this.viewer.documentInfo(entry.id);
      return { entry, doc, label: doc?.title || entry.id, lang: doc?.lang };
    });
    // Titles a chunked corpus has not loaded yet: drawn again with them once they have come.
    const awaited = rows.filter((row) => row.doc === undefined).map((row) => row.entry.id);
    if (awaited.length > 0) {
      const pictured = this.pictured;
      answerOnceArrived(() => awaited.map((id) => this.viewer.engine.documentInfo(id))).then(
        () => this.pictured === pictured && this.drawPictures(),
        () => {},
      );
    }
    const rate = this.chartBy === "rate";
    const count = (row) => plural(row.entry.positions.length, "occurrence", "occurrences");
    const per = (row) => `${decimalFormat.format(ratePerThousand(row.entry))} per 1,000 words`;
    const bars = rows.map((row) => ({ label: row.label, lang: row.lang, value: rate ? Math.round(ratePerThousand(row.entry) * 100) / 100 : row.entry.positions.length }));
    const atLeast = complete ? "" : "at least ";
    const which = rows.length < documents.length
      ? `the ${numberFormat.format(rows.length)} with the most${rate ? " per 1,000 words" : ""} shown`
      : `all shown${rate ? ", most per 1,000 words first" : ""}`;
    const counted = whole
      ? `${plural(total, "occurrence", "occurrences")} of ${numberFormat.format(whole.occurrences)}, counted in ${firstDocuments(documents.length)} of ${numberFormat.format(whole.documents)}`
      : `${atLeast}${plural(total, "occurrence", "occurrences")} in ${plural(documents.length, "document", "documents")}`;
    const covers = h("p", { class: "hint covers", text: `${counted}; ${which}.` });
    const byRate = h("button", { class: "tool", type: "button", "aria-pressed": String(rate), text: "Per 1,000 words" });
    byRate.addEventListener("click", () => {
      this.chartBy = rate ? "count" : "rate";
      this.drawPictures();
    });
    const controls = h("div", { class: "chart-controls" }, covers, byRate);
    if (documents.length > CHART_DOCUMENTS) {
      const all = h("button", {
        class: "tool",
        type: "button",
        "aria-pressed": String(this.chartAll),
        text: `All ${numberFormat.format(Math.min(documents.length, MAX_CHART_DOCUMENTS))} documents`,
      });
      all.addEventListener("click", () => {
        this.chartAll = !this.chartAll;
        this.drawPictures();
      });
      controls.append(all);
    }
    const measure = rate ? `Occurrences of ${quoted(query)} per 1,000 words` : `Occurrences of ${quoted(query)} per document`;
    this.charts.replaceChildren(
      controls,
      barChart(measure, bars, (row) => {
        const source = rows[bars.indexOf(row)];
        return `${row.label}: ${count(source)}, ${per(source)}`;
      }),
      dispersionPlot(
        `Where ${quoted(query)} occurs, from the start to the end of each document`,
        rows.map((row) => ({ label: row.label, lang: row.lang, words: row.entry.words, positions: row.entry.positions, entry: row.entry })),
        (row) => `${row.label}: ${plural(row.positions.length, "occurrence", "occurrences")} ${describePlaces(row.positions, row.words)}`,
      ),
    );
  }

  lineItem(line) {
    const lang = this.viewer.documentInfo(line.id)?.lang;
    const button = h(
      "button",
      { class: "kwic-line", type: "button", dir: "auto", title: line.title, lang },
      h("span", { class: "kwic-doc", dir: "auto", text: line.title }),
      h("span", { class: "kwic-left" }, h("span", { text: line.left })),
      h("span", { class: "kwic-match" }, h("mark", { text: line.match })),
      h("span", { class: "kwic-right", text: line.right }),
    );
    this.buttons.push({ button, line });
    return h("li", null, button);
  }

  /**
   * Saves every occurrence counted, not only the lines shown: asks the engine a page of lines
   * at a time, each its own task, so that the page stays responsive and a second click
   * cancels; says so when the file holds fewer than all.
   */
  async save() {
    if (this.exporting) {
      this.exporting.cancelled = true;
      return;
    }
    const call = this.call(this.viewer.state);
    if (!call) return;
    const [method, query, options] = call;
    const job = { cancelled: false };
    this.exporting = job;
    const label = this.download.querySelector("span");
    label.textContent = "Cancel";
    this.saved.hidden = false;
    const lines = [];
    let total = this.total;
    let whole = null;
    let complete = true;
    let stopped = null;
    try {
      while (lines.length < total) {
        this.saved.textContent = `Gathering the lines: ${numberFormat.format(lines.length)} of ${numberFormat.format(total)}\u2026`;
        await nextTask();
        if (job.cancelled) {
          this.saved.textContent = "Download cancelled.";
          return;
        }
        // In a chunked corpus a page waits for the texts of its lines.
        const gathered = `Gathering the lines: ${numberFormat.format(lines.length)} of ${numberFormat.format(total)}`;
        const page = { ...options, offset: lines.length, limit: EXPORT_PAGE };
        const answer = await answerOnceArrived(() => ({ value: this.viewer.engine[method](query, page) }), {
          onWait: (pending) => (this.saved.textContent = `${gathered}: ${pending.message}`),
        }).catch((error) => ({ error }));
        if (job.cancelled) {
          this.saved.textContent = "Download cancelled.";
          return;
        }
        if (answer.error) {
          stopped = `it stopped: ${answer.error.message ?? answer.error}`;
          break;
        }
        const got = answer.value.lines ?? [];
        total = answer.value.total;
        complete = answer.value.complete !== false;
        // A word counted in part: the lines the whole collection holds.
        whole = complete ? null : answer.value.whole ?? null;
        if (got.length === 0) {
          stopped = "gathering more would take too long";
          break;
        }
        lines.push(...got);
      }
      if (stopped === null && !complete) stopped = "counting the rest would take too long";
      downloadText(this.element, concordanceCsv(lines), csvFileName(this.viewer.corpusName, query), "text/csv;charset=utf-8");
      this.saved.hidden = stopped === null;
      if (stopped !== null) {
        this.saved.textContent = `The file holds the first ${numberFormat.format(lines.length)} of ${plural(whole?.occurrences ?? total, "occurrence", "occurrences")}: ${stopped}.`;
      }
    } finally {
      this.exporting = null;
      label.textContent = "Download CSV";
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

  /** The documents the lines are from, in the order of their first line. */
  documentOrder() {
    return [...new Set(this.lines.map((line) => line.id))];
  }

  /**
   * Marks the line open beside the list: the occurrence at `range` in document `id`, or the
   * document's first line (none for null). Beside a document, searching further stops and is
   * not offered.
   */
  markOpen(id, range = null) {
    if (id != null) this.further.hideBesideReader();
    const open = id == null ? null : (this.buttonFor(id, range) ?? this.buttons.find(({ line }) => line.id === id)?.button ?? null);
    for (const { button } of this.buttons) {
      button.closest("li")?.classList.toggle("open", button === open);
      if (button === open) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  }

  /** The line's button for the occurrence at `range` in document `id`. */
  buttonFor(id, range) {
    const entry = this.buttons.find(({ line }) => line.id === id && line.range[0] === range?.[0] && line.range[1] === range?.[1]);
    return entry?.button ?? null;
  }
}
