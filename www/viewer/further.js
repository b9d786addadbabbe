// Searching further: when an answer checked a phrase (or words near each other) in only some
// of the documents holding its words, a button asks the engine again with `further`, a
// bounded call at a time, each drawn as it comes, until every document was checked or the
// reader stops. The results and the concordance each hold one.

import { h } from "./dom.js";

/**
 * What a view shows of searching further, for an answer `result` to the search `key`, with
 * `further` the search further asked for (`{ key, running }`, or null): whether to offer it,
 * the button's words, and whether to ask the engine again at once. Beside a document open in
 * the reader (`reading`) it is neither offered nor asked for: the list there is drawn again only
 * when what it lists changes.
 */
export function furtherStep(result, key, further, reading = false) {
  if (!result?.further || reading) return { offer: false, label: "", again: false, running: false };
  const running = further?.key === key && further.running;
  return {
    offer: true,
    label: running ? "Stop searching further" : "Search further",
    again: running,
    running,
  };
}

/** The button of one view, and the state of its searching further. */
export class FurtherSearch {
  /**
   * For `viewer`'s view `view`, whose searches `keyOf(state)` tells apart; `onStart()` is
   * called as searching further starts (a view drops the pages of lines it holds).
   */
  constructor(viewer, { view, keyOf, onStart = () => {} }) {
    this.viewer = viewer;
    this.view = view;
    this.keyOf = keyOf;
    this.onStart = onStart;
    // The search asked to go further (its key), and whether it goes on by itself.
    this.asked = null;
    this.timer = null;
    this.button = h("button", { class: "link-button", type: "button" });
    this.button.addEventListener("click", () => this.toggle());
    this.element = h("p", { class: "further", hidden: true }, this.button);
  }

  /** The engine option for `state`: `{ further: true }` once asked for its search, else none. */
  option(state) {
    return this.asked?.key === this.keyOf(state) ? { further: true } : {};
  }

  /**
   * Hides the button while the view is drawn again; returns whether it had the focus, for
   * `show`.
   */
  beforeDraw() {
    const focused = this.button.getRootNode().activeElement === this.button;
    this.element.hidden = true;
    clearTimeout(this.timer);
    return focused;
  }

  /**
   * Offers to search further when `result` checked a phrase in part, and asks again while
   * asked to. When it is done and the button had the focus (`focused`), `focusFirst()` moves it.
   */
  show(result, state, focused, focusFirst) {
    const key = this.keyOf(state);
    const step = furtherStep(result, key, this.asked, state.doc != null);
    if (this.asked?.key === key) this.asked.running = step.running;
    if (focused && !step.offer) focusFirst();
    this.element.hidden = !step.offer;
    this.button.textContent = step.label;
    if (!step.again) return;
    // The next call in a task of its own, so that typing, a click or Stop comes first.
    this.timer = setTimeout(() => {
      const now = this.viewer.state;
      if (!this.asked?.running) return;
      if (this.keyOf(now) === key && now.doc == null && now.view === this.view) {
        this.viewer._render(now);
      } else {
        // Another search, another view or a document opened: it stops, and is offered again.
        this.stop();
      }
    }, 0);
  }

  /** Stops searching further, offering it again. */
  stop() {
    clearTimeout(this.timer);
    if (this.asked) this.asked.running = false;
    this.button.textContent = "Search further";
  }

  /** Hides the button beside a document open in the reader, and stops. */
  hideBesideReader() {
    this.stop();
    this.element.hidden = true;
  }

  /** Starts searching further for the search shown, or stops. */
  toggle() {
    const key = this.keyOf(this.viewer.state);
    if (this.asked?.key === key && this.asked.running) {
      this.stop();
      return;
    }
    this.asked = { key, running: true };
    this.onStart();
    this.button.textContent = "Stop searching further";
    this.viewer._render(this.viewer.state);
  }
}
