// The reader: one whole document with every match of the query marked, a
// counter and buttons to step from match to match, and a minimap beside the
// text that shows where the matches fall and jumps to one when clicked.

import { h, icon, cleanRanges, highlightedText, webAddress, numberFormat, errorMessage, readingMinutes, describeDocument, ICONS } from "./dom.js";
import { formsOption } from "./forms.js";
import { sentenceAround } from "./sentence.js";

const BACK_LABELS = { results: "Results", concordance: "In context", overview: "Overview" };
/** From this many words on, a document with headings gets an outline. */
const OUTLINE_WORDS = 1500;

/** A toolbar button showing only an icon, named for screen readers by `label`. */
function iconButton(label, title, path, onClick) {
  const button = h("button", { class: "tool icon", type: "button", "aria-label": label, title }, icon(...path));
  button.addEventListener("click", onClick);
  return button;
}

export class ReaderView {
  constructor(viewer) {
    this.viewer = viewer;
    this.marks = [];
    this.ranges = [];
    this.current = -1;
    this.doc = null;
    // Whether the list stays on screen beside the reader (see setBeside).
    this.beside = false;

    this.backLabel = h("span", { text: "Results" });
    this.backButton = h("button", { class: "tool", type: "button" }, icon(...ICONS.back), this.backLabel);
    this.backButton.addEventListener("click", () => viewer.closeDocument());
    this.counter = h("span", { class: "counter" });
    // What a screen reader hears on stepping to a match: the counter and the match's sentence.
    this.announcement = h("span", { class: "visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    this.prevButton = iconButton("Previous match", "Previous match (Shift+Enter)", ICONS.up, () => this.step(-1));
    this.nextButton = iconButton("Next match", "Next match (Enter)", ICONS.down, () => this.step(1));
    // The documents before and after this one in the list it was opened from.
    this.prevDocButton = iconButton("Previous document", "Previous document in the list ([)", ICONS.back, () => viewer.stepDocument(-1));
    this.nextDocButton = iconButton("Next document", "Next document in the list (])", ICONS.forward, () => viewer.stepDocument(1));
    // The document's title, in the bar that stays on screen, once its heading has scrolled away.
    this.barTitle = h("span", { class: "bar-title", dir: "auto", "aria-hidden": "true" });
    const toolbar = h(
      "div",
      { class: "toolbar" },
      this.backButton,
      this.prevDocButton,
      this.nextDocButton,
      this.barTitle,
      h("span", { class: "spacer" }),
      this.counter,
      this.announcement,
      this.prevButton,
      this.nextButton,
    );

    this.title = h("h2", { tabindex: "-1", dir: "auto" });
    this.meta = h("p", { class: "meta doc-meta" });
    // The headings of a long document, as links to them.
    this.outline = h("nav", { class: "outline", "aria-label": "Outline", hidden: true });
    this.text = h("div", { class: "doc-text", dir: "auto" });
    this.text.addEventListener("click", (event) => {
      const mark = event.target instanceof Element ? event.target.closest("mark") : null;
      const index = mark ? this.marks.indexOf(mark) : -1;
      if (index >= 0) this.setCurrent(index, { scroll: false });
    });
    this.minimap = h("div", { class: "minimap", "aria-hidden": "true", title: "Where the matches are: click to go to one" });
    this.minimap.addEventListener("click", (event) => this.onMinimapClick(event));
    this.error = h("div", { class: "error", role: "alert", hidden: true });
    this.element = h(
      "article",
      { class: "reader", hidden: true },
      toolbar,
      this.error,
      h("header", { class: "doc-head" }, this.title, this.meta),
      this.outline,
      h("div", { class: "doc-body" }, this.text, this.minimap),
    );
    this.resizeObserver = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.drawMinimap()) : null;
    this.resizeObserver?.observe(this.text);
    this.titleObserver =
      typeof IntersectionObserver === "function"
        ? new IntersectionObserver(([entry]) => this.element.classList.toggle("title-away", !entry.isIntersecting && entry.boundingClientRect.top < 0))
        : null;
    this.titleObserver?.observe(this.title);
  }

  /** Enables the buttons to the documents around this one in `order` (ids). */
  setNeighbours(order, id) {
    const at = order.indexOf(id);
    this.prevDocButton.disabled = at <= 0;
    this.nextDocButton.disabled = at < 0 || at >= order.length - 1;
    const hide = at < 0 || order.length < 2;
    this.prevDocButton.hidden = hide;
    this.nextDocButton.hidden = hide;
  }

  /** Fills the outline from the headings' elements, when the document is long enough to need one. */
  fillOutline(words) {
    const headings = Array.from(this.text.querySelectorAll(".heading"));
    const long = typeof words === "number" && words >= OUTLINE_WORDS;
    this.outline.hidden = !long || headings.length < 2;
    if (this.outline.hidden) {
      this.outline.replaceChildren();
      return;
    }
    const items = headings.map((heading) => {
      const link = h("button", { type: "button", class: "link-button", dir: "auto", text: heading.textContent });
      link.addEventListener("click", () => {
        this.viewer.reveal(heading);
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      });
      return h("li", {}, link);
    });
    this.outline.replaceChildren(
      h("details", {}, h("summary", { text: `Outline \u00b7 ${items.length} headings` }), h("ol", {}, ...items)),
    );
  }

  /**
   * What `render(id, query)` needs the engine to answer, as `[method, ...args]`. With `forms`
   * (opened from In context), the words are highlighted as In context counts them.
   */
  call(id, query, forms = null) {
    if (query.trim() === "") return ["document", id];
    return forms ? ["document", id, query, { forms: formsOption(forms) ?? {} }] : ["document", id, query];
  }

  /**
   * Shows document `id` with the matches of `query`, given `answer` (`{ value }` or
   * `{ error }`), the engine's answer to `call(id, query)`; the current match is the one at
   * `range` when given, else number `match` (from 0). `from`: the view it was opened from.
   */
  render(id, query, answer, { match = 0, range = null, from = "results" } = {}) {
    const hasQuery = query.trim() !== "";
    this.backTo = from === "results" && !hasQuery ? "All documents" : BACK_LABELS[from];
    this.setBeside(this.beside);

    const doc = answer.error ? null : answer.value;
    if (answer.error) {
      this.error.replaceChildren(
        h("p", { text: "This document could not be opened." }),
        h("p", { text: errorMessage(answer.error) }),
      );
    }
    this.doc = doc;
    this.error.hidden = doc != null;
    this.title.textContent = doc ? doc.title : "";
    this.barTitle.textContent = this.title.textContent;
    this.element.classList.remove("title-away");
    // The document's language, on every element that shows its words.
    for (const element of [this.title, this.barTitle, this.text, this.outline]) {
      if (doc?.lang) element.lang = doc.lang;
      else element.removeAttribute("lang");
    }
    this.meta.replaceChildren();
    const words = !doc ? null : typeof doc.words === "number" ? doc.words : this.viewer.documentInfo(doc.id)?.words;
    if (doc) {
      const parts = [describeDocument(doc, words)];
      if (typeof words === "number") parts.push(`${readingMinutes(words)} min read`);
      this.meta.append(parts.join(" \u00b7 "));
      const address = webAddress(doc.url);
      if (address) {
        const link = h("a", { href: address.href, rel: "noopener noreferrer", target: "_blank", text: address.host });
        this.meta.append(" \u00b7 ", link);
      }
    }
    this.ranges = doc ? cleanRanges(doc.highlights, doc.text.length) : [];
    this.text.replaceChildren(doc ? highlightedText(doc.text, doc.highlights, doc.headings, doc.code) : "");
    this.marks = Array.from(this.text.querySelectorAll("mark"));
    this.fillOutline(words);
    this.current = -1;

    this.prevButton.hidden = !hasQuery || !doc;
    this.nextButton.hidden = !hasQuery || !doc;
    this.minimap.hidden = this.marks.length === 0;
    this.drawMinimap();
    if (this.marks.length > 0) {
      let index = Math.min(Math.max(match, 0), this.marks.length - 1);
      if (range) {
        const found = this.ranges.findIndex(([start, end]) => start === range[0] && end === range[1]);
        if (found >= 0) index = found;
      }
      this.setCurrent(index, { scroll: true, quiet: true });
    } else {
      this.counter.textContent = hasQuery && doc ? "No matches in this document" : "";
      this.announcement.textContent = this.counter.textContent;
      this.prevButton.disabled = true;
      this.nextButton.disabled = true;
    }
    return doc;
  }

  /** Names the back button for the layout: beside the list it closes the document; alone, it goes back to the list. */
  setBeside(beside) {
    this.beside = beside;
    this.backLabel.textContent = beside ? "Close" : (this.backTo ?? "Results");
    this.backButton.title = beside ? "Close the document (Escape)" : "Back (Escape)";
  }

  focus() {
    (this.doc ? this.title : this.backButton).focus({ preventScroll: true });
  }

  step(delta) {
    const count = this.marks.length;
    if (count === 0) return;
    this.setCurrent((this.current + delta + count) % count, { scroll: true });
  }

  setCurrent(index, { scroll, quiet = false }) {
    this.marks[this.current]?.classList.remove("current");
    this.ticks?.[this.current]?.classList.remove("current");
    this.current = index;
    this.marks[index].classList.add("current");
    this.ticks?.[index]?.classList.add("current");
    const count = this.marks.length;
    this.counter.textContent = `Match ${numberFormat.format(index + 1)} of ${numberFormat.format(count)}`;
    const [start, end] = this.ranges[index] ?? [0, 0];
    const sentence = this.doc ? sentenceAround(this.doc.text, start, end) : "";
    this.announcement.textContent = sentence ? `${this.counter.textContent}: ${sentence}` : this.counter.textContent;
    this.prevButton.disabled = count < 2;
    this.nextButton.disabled = count < 2;
    if (scroll) this.viewer.reveal(this.marks[index]);
    if (!quiet) this.viewer.matchChanged(index);
  }

  /** Places a tick on the minimap for each match, at its height in the text. */
  drawMinimap() {
    if (this.marks.length === 0 || this.element.hidden) {
      this.minimap.replaceChildren();
      this.ticks = [];
      return;
    }
    const box = this.text.getBoundingClientRect();
    if (box.height === 0) return;
    this.ticks = this.marks.map((mark, index) => {
      const tick = h("span", { class: index === this.current ? "tick current" : "tick" });
      tick.style.top = `${((mark.getBoundingClientRect().top - box.top) / box.height) * 100}%`;
      return tick;
    });
    this.minimap.replaceChildren(...this.ticks);
  }

  onMinimapClick(event) {
    if (this.marks.length === 0) return;
    const box = this.minimap.getBoundingClientRect();
    const share = (event.clientY - box.top) / Math.max(box.height, 1);
    const text = this.text.getBoundingClientRect();
    let best = 0;
    let distance = Infinity;
    this.marks.forEach((mark, index) => {
      const at = (mark.getBoundingClientRect().top - text.top) / Math.max(text.height, 1);
      if (Math.abs(at - share) < distance) {
        distance = Math.abs(at - share);
        best = index;
      }
    });
    this.setCurrent(best, { scroll: true });
  }
}
