// <corpus-viewer>: the search box, the views (documents, in context,
// overview), the reader, and the state that ties them together.
//
// Attributes: `corpus` (a registered corpus name; the first one when absent),
// `query` (the initial query), `height` (a CSS length: the viewer then
// scrolls inside itself), `theme` (`light`, `dark` or `auto`), `history`
// (keep the state in the URL fragment, so links restore it and back and
// forward work; without it the viewer never touches the page's URL),
// `page-size` (how many documents the list without a query shows at first and
// adds on each "Show more"; 100 when absent).
//
// Events: `ready` once the engine runs and the first state is drawn (the
// `corpus` property is null before); `search` after each search, with
// detail `{ query, total, view }` (total: the documents matched in the
// "results" view, the occurrences in the "concordance" view); `open` when a
// document opens, with detail `{ id, query }`.

import { h, icon, plural, quoted, errorMessage, selectField, ICONS } from "./dom.js";
import { ChunksPending } from "./chunks.js";
import { DateFilter, SourceFilter, TagFilter } from "./facets.js";
import { viewerStyleSheet } from "./styles.js";
import { defaultState, filterKey, urlForState } from "./state.js";
import { QueryHelp } from "./help.js";
import { entryHasState, entryNote, entryState, goBack, noteInEntry, pushEntry, replaceEntry } from "./history.js";
import { onSearchKey, onViewerKey } from "./keyboard.js";
import { Store } from "./store.js";
import { Scrolling, revealInPane } from "./scrolling.js";
import { ResultsView } from "./results.js";
import { ConcordanceView } from "./concordance.js";
import { ReaderView } from "./reader.js";
import { OverviewView } from "./overview.js";
import { CORPORA, pageLoaded } from "./corpora.js";

/** From this width (CSS pixels) of the viewer on, the list stays beside the open document. */
const SIDE_BY_SIDE_WIDTH = 1100;
/** How many documents' entries the viewer keeps once asked for (see `documentInfo`). */
const DOCUMENT_INFO_KEPT = 10_000;
const TABS = [
  ["results", "Documents"],
  ["concordance", "In context"],
  ["overview", "Overview"],
];

export class CorpusViewer extends HTMLElement {
  static get observedAttributes() {
    return ["corpus", "query", "height"];
  }

  /** Registers corpus `name`, its index as base64 text or bytes; false when the name is taken. */
  static registerCorpus(name, index) {
    return CORPORA.register(name, index);
  }

  /**
   * Registers chunked corpus `name`: `chunks`, the folder of its chunks relative to `base` (the
   * URL of the script that names it), and `manifest`, its manifest's name; false when the name
   * is taken.
   */
  static registerChunkedCorpus(name, { chunks, manifest } = {}, base = document.baseURI) {
    if (typeof chunks !== "string") throw new TypeError("registerChunkedCorpus(name, { chunks, manifest }) needs the folder of the chunks");
    return CORPORA.registerChunked(name, new URL(chunks, base).href, manifest);
  }

  /** The names of the corpora registered on this page. */
  static get corpora() {
    return CORPORA.names();
  }

  constructor() {
    super();
    // The engine, once it runs; `corpus` gives it to page scripts once the first state is
    // drawn (the `ready` event).
    this.engine = null;
    this._ready = false;
    this.corpusName = null;
    // How many documents the corpus has, and the entries of those asked for by id.
    this.documentCount = 0;
    this._documentInfo = new Map();
    this.overview = null;
    this.store = new Store(defaultState());
    // The history follows each change that asks it to (`change.history`): "push" adds an
    // entry, "reader" one for the reader, "replace" points the current one at the state, and
    // `{ note }` does too with the viewer's note replaced.
    this.store.subscribe((state, previous, { history }) => {
      if (!history || !this._usesHistory()) return;
      if (history === "push") pushEntry(state, { pushed: true });
      else if (history === "reader") pushEntry(state, { reader: true });
      else if (history === "replace") replaceEntry(state);
      else replaceEntry(state, history.note);
    });
    // Every change is drawn, unless it says otherwise (`change.draw === false`).
    this.store.subscribe((state, previous, change) => {
      if (change.draw !== false) this._draw(state, previous, change);
    });
    this._connected = false;
    this._generation = 0;
    this._lastSearch = null;
    this._returnTo = null;
    this._typingInReader = false;
    this._renders = 0;
    // Whether the viewer is wide enough for the list beside the reader, and the list's key
    // (see `_listKey`) as last drawn, so that opening another document leaves it as it is.
    this._wide = false;
    this._listDrawn = null;

    this._onPopState = () => {
      if (this.engine && this._usesHistory()) this._renderInTwoSteps(entryState(), { fromHistory: true });
    };
    this._onKeyDown = (event) => onViewerKey(this, event);
    this._buildShell();
  }

  connectedCallback() {
    window.addEventListener("popstate", this._onPopState);
    window.addEventListener("keydown", this._onKeyDown);
    this._applyHeight();
    this._setLandmarks();
    if (this._connected) return;
    this._connected = true;
    if (this._ownsPage()) this._input.focus({ preventScroll: true });
    this._load();
  }

  /**
   * Whether the viewer is the page (the `history` attribute, the first viewer, not inside a
   * frame): only then does it take focus on opening and name the browser tab. A guest in a
   * frame or in another page never moves the host's focus or scroll.
   */
  _ownsPage() {
    let framed = true;
    try {
      framed = window.self !== window.top;
    } catch {
      // A cross-origin parent: framed.
    }
    return this._usesHistory() && document.querySelector("corpus-viewer") === this && !framed;
  }

  _setLandmarks() {
    const own = this._usesHistory() && !document.querySelector("main, [role=main]");
    if (own) {
      this._masthead.setAttribute("role", "banner");
      this._main.setAttribute("role", "main");
      this._wrap.removeAttribute("role");
      this._wrap.removeAttribute("aria-labelledby");
    } else {
      this._masthead.removeAttribute("role");
      this._main.removeAttribute("role");
      this._wrap.setAttribute("role", "region");
      this._wrap.setAttribute("aria-labelledby", "corpus-title");
    }
  }

  /** Names the browser tab after the open document, or the corpus, when the viewer is the page. */
  _nameTab(doc) {
    if (!this._ownsPage()) return;
    const corpus = this._title.textContent;
    document.title = doc?.title ? `${doc.title} \u2013 ${corpus}` : corpus;
  }

  disconnectedCallback() {
    window.removeEventListener("popstate", this._onPopState);
    window.removeEventListener("keydown", this._onKeyDown);
  }

  attributeChangedCallback(name, previous, value) {
    if (!this._connected || previous === value) return;
    if (name === "height") this._applyHeight();
    else if (name === "corpus") this._load();
    else if (name === "query" && this.engine) {
      this._input.value = value ?? "";
      this.navigate({ query: value ?? "", doc: null, match: 0 });
    }
  }

  // ---- starting --------------------------------------------------------

  /** Finds this viewer's corpus, waiting for its script when it has not registered yet, and starts it. */
  _load() {
    const generation = ++this._generation;
    this._unsubscribe?.();
    const wanted = this.getAttribute("corpus");
    const attempt = () => {
      const name = CORPORA.resolve(wanted);
      if (name == null) return false;
      this._unsubscribe?.();
      this._unsubscribe = null;
      this._error.hidden = true;
      CORPORA.engine(name).then(
        (corpus) => generation === this._generation && this._start(name, corpus),
        (error) => generation === this._generation && this._fail(error),
      );
      return true;
    };
    if (attempt()) return;
    this._unsubscribe = CORPORA.subscribe(attempt);
    pageLoaded().then(() => {
      if (generation !== this._generation || CORPORA.resolve(wanted) != null) return;
      const known = CORPORA.names();
      this._fail(
        new Error(
          known.length
            ? `No corpus named ${quoted(wanted)} is on this page; it has ${known.map(quoted).join(", ")}.`
            : `No corpus named ${quoted(wanted)} is on this page.`,
        ),
        "This corpus is not available.",
      );
    });
  }

  /** What the viewer shows (see state.js); changed through `navigate` and the other moves. */
  get state() {
    return this.store.state;
  }

  /** The engine, for page scripts: null until the viewer is ready. */
  get corpus() {
    return this._ready ? this.engine : null;
  }

  _start(name, corpus) {
    const first = !this._ready;
    try {
      this.engine = corpus;
      this._stopArrivals?.();
      this._stopArrivals = corpus.subscribeArrivals?.(() => this._onChunksArrived());
      this._waiting = null;
      this.corpusName = name;
      this._listDrawn = null;
      // Documents are asked for a page or an id at a time: a corpus may have a million.
      this.documentCount = corpus.countDocuments();
      this._documentInfo = new Map();
      this.overview = typeof corpus.overview === "function" ? corpus.overview() : null;
      const title = this.overview?.title;
      this._title.textContent = title || "Corpus viewer";
      this._summary.textContent = `${plural(this.documentCount, "document", "documents")} \u00b7 searched in your browser`;
      this._error.hidden = true;
      this._searchBox.hidden = false;
      this._listing.hidden = false;

      let state = defaultState();
      if (this._usesHistory()) state = entryState();
      const fragmentEmpty = !this._usesHistory() || !entryHasState();
      if (fragmentEmpty && this.hasAttribute("query")) state.query = this.getAttribute("query");
      // Keep what was typed while the engine was starting.
      if (state.doc == null && !state.query && this._input.value) state.query = this._input.value;
      // A state from a link is drawn in two steps, like a link followed later; `ready` once
      // it is on screen.
      this._renderInTwoSteps(state, { initial: true }, () => {
        if (!first || !this.engine) return;
        const ready = () => {
          this._ready = true;
          this.dispatchEvent(new Event("ready", { bubbles: true }));
        };
        // A chunked corpus may still be loading what the first state shows (its titles).
        if (this._waiting) this._onceArrived = ready;
        else ready();
      });
    } catch (error) {
      this._fail(error);
    }
  }

  _fail(error, headline = "The documents could not be loaded.") {
    this.engine = null;
    this._ready = false;
    this._summary.textContent = "";
    this._listing.hidden = true;
    this._reader.element.hidden = true;
    this._searchBox.hidden = true;
    this._error.replaceChildren(h("p", { text: headline }), h("p", { text: errorMessage(error) }));
    this._error.hidden = false;
  }

  // ---- shell -----------------------------------------------------------

  _buildShell() {
    const root = this.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [viewerStyleSheet()];

    this._title = h("h1", { id: "corpus-title", text: "Corpus viewer" });
    this._summary = h("p", { text: "Loading\u2026" });
    // Landmarks are given on connecting (see _setLandmarks): a page of its own has a banner
    // and a main region; a guest in another page is one region named by its title.
    this._masthead = h("div", { class: "masthead" }, this._title, this._summary);

    this._input = h("input", {
      id: "query",
      type: "search",
      dir: "auto",
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      enterkeyhint: "search",
      placeholder: "Search the documents",
      "aria-describedby": "status",
      title: "Search (press / to come back here)",
    });
    this._input.addEventListener("input", () => this._onInput());
    this._input.addEventListener("keydown", (event) => onSearchKey(this, event));
    this._help = new QueryHelp((query) => this.searchFor(query));
    this._searchBox = h(
      "div",
      { class: "search-area" },
      h(
        "div",
        { class: "search", role: "search" },
        h("label", { class: "visually-hidden", for: "query", text: "Search the documents" }),
        icon(...ICONS.search),
        this._input,
        this._help.button,
      ),
      this._help.panel,
    );

    this._tabs = new Map();
    const tabs = h("nav", { class: "tabs", "aria-label": "Views" });
    for (const [view, label] of TABS) {
      const button = h("button", { type: "button", text: label });
      button.addEventListener("click", () => {
        // Beside the reader, the open view's tab closes the document: the list alone.
        if (this.state.view !== view || this.state.doc != null) this.navigate({ view, doc: null, match: 0 }, { push: true });
      });
      this._tabs.set(view, button);
      tabs.append(button);
    }
    this._sourceFilter = new SourceFilter((sources) => this.navigate({ sources, doc: null, match: 0 }));
    this._tagFilter = new TagFilter((tags) => this.navigate({ tags, doc: null, match: 0 }));
    this._dateFilter = new DateFilter(({ from, to }) => this.navigate({ from, to, doc: null, match: 0 }));
    this._sortSelect = selectField(
      "Sort",
      [
        ["relevance", "Relevance"],
        ["date", "Date"],
        ["title", "Title"],
      ],
      (value) => this.navigate({ sort: value }),
    );
    this._orderSelect = selectField(
      "Order",
      [
        ["document", "Document order"],
        ["left", "Left context"],
        ["right", "Right context"],
      ],
      (value) => this.navigate({ order: value }),
    );
    this._filters = h(
      "div",
      { class: "filters" },
      this._sourceFilter.element,
      this._tagFilter.element,
      this._dateFilter.element,
      this._sortSelect.field,
      this._orderSelect.field,
    );

    this._status = h("p", { id: "status", class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    // What an answer left out to stay quick, or read differently from how it was typed.
    this._notes = h("p", { class: "notes", hidden: true });
    this._results = new ResultsView(this);
    this._concordance = new ConcordanceView(this);
    this._overview = new OverviewView(this);
    this._views = { results: this._results, concordance: this._concordance, overview: this._overview };
    this._listing = h(
      "div",
      { class: "listing" },
      h("div", { class: "bar-row" }, tabs, this._filters),
      this._status,
      this._notes,
      this._results.element,
      this._concordance.element,
      this._overview.element,
    );
    this._reader = new ReaderView(this);
    this._error = h("div", { class: "error", role: "alert", hidden: true });

    this._main = h("div", { class: "main" }, this._error, this._listing, this._reader.element);
    this._wrap = h("div", { class: "wrap" }, this._masthead, this._searchBox, this._main);
    this._frame = h("div", { class: "frame" }, this._wrap);
    root.append(this._frame);
    this._scrolling = new Scrolling(this, this._frame);
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(() => this._measureWidth()).observe(this._frame);
    }
  }

  /** Follows the viewer's width: past SIDE_BY_SIDE_WIDTH the list stays beside the reader. */
  _measureWidth() {
    const wide = this._frame.clientWidth >= SIDE_BY_SIDE_WIDTH;
    if (wide === this._wide) return;
    this._wide = wide;
    if (!this.engine || this.state.doc == null) return;
    if (this._sideBySide(this.state)) this._drawList(this.state);
    this._arrangePanes(this.state);
  }

  /** Whether `state` shows the list and the reader side by side: a document open from a list, on a wide viewer. */
  _sideBySide(state) {
    return this._wide && state.doc != null && state.view !== "overview";
  }

  /** Shows the list, the reader, or both side by side, as `state` asks. */
  _arrangePanes(state) {
    const both = this._sideBySide(state);
    this._wrap.classList.toggle("side-by-side", both);
    this._listing.hidden = state.doc != null && !both;
    this._reader.element.hidden = state.doc == null;
    this._reader.setBeside(both);
    const view = this._views[state.view];
    if (both) {
      view.markOpen?.(state.doc, this._returnTo?.range ?? null);
      const item = this._itemFor(state.doc);
      if (item) revealInPane(this._listing, item);
    } else {
      view.markOpen?.(null);
    }
  }

  /**
   * The source, tag and date filters for `state`: the query's counts when the results list gave
   * them, else the collection's.
   */
  _fillFilters(state = this.state) {
    const ofQuery = state.view === "results" && state.query.trim() !== "" && this._results.sourceCounts != null;
    const counts = ofQuery ? this._results.sourceCounts : (this.overview?.sources ?? []);
    this._sourceFilter.update(counts, state.sources ?? [], ofQuery);
    // A collection of one source has nothing to filter.
    this._sourceFilter.element.hidden = (this.overview?.sources ?? []).length < 2;
    this._tagFilter.update(ofQuery ? (this._results.tagCounts ?? []) : (this.overview?.tags ?? []), state.tags ?? [], ofQuery);
    this._tagFilter.element.hidden = (this.overview?.tags ?? []).length === 0 && !state.tags?.length;
    this._dateFilter.update(state.from, state.to);
    this._dateFilter.element.hidden = (this.overview?.dates ?? 0) < 2 && !state.from && !state.to;
  }

  _applyHeight() {
    const value = this.getAttribute("height");
    const valid = value != null && value.trim() !== "" && CSS.supports("height", value);
    this._frame.classList.toggle("scrolls", valid);
    this._frame.style.height = valid ? value : "";
    this._frameObserver?.disconnect();
    this._frame.style.removeProperty("--_frame-h");
    if (valid && typeof ResizeObserver === "function") {
      this._frameObserver = new ResizeObserver(() => {
        this._frame.style.setProperty("--_frame-h", `${this._frame.clientHeight}px`);
      });
      this._frameObserver.observe(this._frame);
    }
  }

  _usesHistory() {
    return this.hasAttribute("history");
  }

  // ---- state -----------------------------------------------------------

  /** A link to `state` for an anchor's href. */
  hrefFor(state) {
    return urlForState(state);
  }

  /**
   * Moves to the state with `patch` applied. `push` adds a history entry
   * (with the `history` attribute); otherwise the current one is replaced.
   */
  navigate(patch, { push = false } = {}) {
    if (!this.engine) return;
    const next = { ...this.state, ...patch };
    if (next.doc == null) next.match = 0;
    // Forms counted or left out by name belong to the words they were chosen for.
    if (patch.query !== undefined && patch.query.trim() !== this.state.query.trim() && !patch.forms) {
      next.forms = { ...next.forms, include: [], exclude: [] };
    }
    if (push && this._usesHistory()) this._saveEntry();
    this._render(next, { history: push ? "push" : "replace" });
  }

  /** Remembers, in the current history entry, where the list was scrolled and which document was opened. */
  _saveEntry(opened = null) {
    noteInEntry({ scroll: this._scrolling.position, opened });
  }

  openDocument(id, { range = null } = {}) {
    const next = { ...this.state, doc: id, match: 0 };
    if (this.state.doc != null && this._sideBySide(this.state)) {
      // From the list beside the reader: the reader shows another document, in the same
      // history entry, and the way back stays the list's.
      if (this._returnTo) Object.assign(this._returnTo, { opened: id, range });
      this._render(next, { range, history: "replace" });
      const match = Math.max(this._reader.current, 0);
      if (match !== this.state.match) this.matchChanged(match);
      return;
    }
    this._returnTo = { state: { ...this.state, doc: null, match: 0 }, scroll: this._scrolling.position, opened: id, range };
    if (this._usesHistory()) this._saveEntry(id);
    this._render(next, { range, history: "reader" });
    const match = Math.max(this._reader.current, 0);
    if (match !== this.state.match) this.matchChanged(match);
  }

  /**
   * Document `id` as the engine lists it (`{ id, title, source, date, url, lang, tags, words }`),
   * null when it has none, undefined while a chunked corpus loads its title (or cannot); kept
   * once known, up to `DOCUMENT_INFO_KEPT` of them.
   */
  documentInfo(id) {
    if (this._documentInfo.has(id)) return this._documentInfo.get(id);
    let info;
    try {
      info = this.engine?.documentInfo(id) ?? null;
    } catch {
      return undefined;
    }
    if (this._documentInfo.size >= DOCUMENT_INFO_KEPT) this._documentInfo.clear();
    this._documentInfo.set(id, info);
    return info;
  }

  /** The documents of the list the reader was opened from, in order. */
  _documentOrder() {
    const view = this._returnTo?.state.view ?? this.state.view;
    return this._views[view]?.documentOrder?.() ?? [];
  }

  /** Opens the document `delta` places along the list the reader was opened from. */
  stepDocument(delta) {
    const order = this._documentOrder();
    const at = order.indexOf(this.state.doc);
    const next = at < 0 ? null : order[at + delta];
    if (next == null) return;
    if (this._returnTo) this._returnTo.opened = next;
    this.navigate({ doc: next, match: 0 });
  }

  closeDocument() {
    if (this.state.doc == null) return;
    if (this._usesHistory()) {
      if (entryNote()?.reader) {
        goBack();
        return;
      }
      // Opened straight from a link: there is no list entry to go back to.
      const state = { ...this.state, doc: null, match: 0 };
      this._render(state, { fromHistory: true, history: { note: { opened: this.state.doc } } });
      return;
    }
    const back = this._returnTo;
    this._returnTo = null;
    this._render(back ? back.state : { ...this.state, doc: null, match: 0 }, { restore: back ?? { opened: this.state.doc } });
  }

  /** The reader's current match changed: the link follows it. */
  matchChanged(index) {
    this.store.set({ ...this.state, match: index }, { history: "replace", draw: false });
  }

  searchFor(query) {
    this._input.value = query;
    this._onInput();
    this._input.focus();
  }

  focusSearch() {
    this._input.focus();
  }

  /** Focuses the open document's item in the list beside the reader, else the list's first. */
  _focusList() {
    const item = this._itemFor(this.state.doc);
    if (item) item.focus();
    else this._views[this.state.view].focusFirst?.();
  }

  /** What showing `state` needs the engine to answer, as `[method, ...args]`, or null. */
  _callFor(state) {
    if (state.doc != null) return this._reader.call(state.doc, state.query, state.view === "concordance" ? state.forms : null);
    return this._views[state.view].call?.(state) ?? null;
  }

  /** The engine's answer to `call`: `{ value }`, or `{ error }` when it threw; null for no call. */
  _ask(call) {
    if (!call) return null;
    const [method, ...args] = call;
    try {
      return { value: this.engine[method](...args) };
    } catch (error) {
      return { error };
    }
  }

  /**
   * Shows a state that arrived whole (a link followed, back or forward): the engine answers in
   * one task and the answer is drawn in the next, so that the page never waits for both at
   * once (a first query pays for inflating blocks and compiling code). Anything shown in the
   * meantime (typing) cancels it.
   */
  _renderInTwoSteps(state, options, after = () => {}) {
    const call = this._callFor(state);
    if (!call) {
      this._render(state, options);
      after();
      return;
    }
    const generation = ++this._renders;
    setTimeout(() => {
      if (!this.engine) return;
      if (generation !== this._renders) {
        after();
        return;
      }
      const answer = this._ask(call);
      setTimeout(() => {
        if (!this.engine) return;
        try {
          if (generation === this._renders) this._render(state, { ...options, answer });
        } catch (error) {
          this._fail(error);
          return;
        }
        after();
      }, 0);
    }, 0);
  }

  /**
   * Moves to `state` and shows it; `change` says how (see the store's subscribers in the
   * constructor, and `_draw`).
   */
  _render(state, change = {}) {
    this.store.set(state, change);
  }

  /**
   * Draws `state`, which replaced `previous`. `fromHistory` and `restore` bring back the
   * list's scroll position and focus; `answer` is the engine's, when it was asked already.
   */
  _draw(state, previous, { initial = false, fromHistory = false, restore = null, range = null, answer } = {}) {
    this._renders += 1;
    if (this._input.value !== state.query) this._input.value = state.query;
    this._sortSelect.select.value = state.sort;
    this._orderSelect.select.value = state.order;

    // The engine's answer for this state: given when it was asked in a task of its own.
    const answered = answer !== undefined ? answer : this._ask(this._callFor(state));
    if (this.awaitChunks(answered?.error, previous)) return;
    this._arrived();
    if (state.doc != null) {
      // Beside the reader, the list is drawn again only when what it lists changed.
      if (!this._sideBySide(state)) this._fillFilters(state);
      else if (this._listKey(state) !== this._listDrawn) this._drawList(state);
      this._showReader(state, range, previous, answered);
      return;
    }
    this._searchBox.hidden = false;
    this._arrangePanes(state);
    this._nameTab(null);
    this._drawList(state, answered);

    const saved = fromHistory && this._usesHistory() ? entryNote() : restore;
    if (fromHistory || restore) {
      // The scroll position and the focus may be anywhere in the list's page.
      this._results.completeList();
      if (saved && typeof saved.scroll === "number") this._scrolling.position = saved.scroll;
      else this._scrolling.toTop(this._usesHistory());
      const target = this._itemFor(saved?.opened, saved?.range);
      (target ?? this._input).focus({ preventScroll: true });
    } else if (initial && this._ownsPage()) {
      this._input.focus({ preventScroll: true });
    }
  }

  /** What the list shows of `state`, as a key: the same whichever document is open. */
  _listKey(state) {
    return JSON.stringify([state.view, state.query, filterKey(state), state.sort, state.order, state.forms]);
  }

  /** Draws the list for `state`, given the engine's `answer` to its view's call (asked when absent). */
  _drawList(state, answer = this._ask(this._views[state.view].call?.(state) ?? null)) {
    if (this.awaitChunks(answer?.error)) return;
    for (const [view, button] of this._tabs) {
      if (view === state.view) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
    this._sortSelect.field.hidden = state.view !== "results";
    this._orderSelect.field.hidden = state.view !== "concordance";
    this._filters.hidden = false;
    for (const [view, component] of Object.entries(this._views)) component.element.hidden = view !== state.view;

    let outcome;
    try {
      outcome = this._views[state.view].render(state, answer);
    } catch (error) {
      outcome = { status: `The search could not run: ${errorMessage(error)}`, total: 0, searched: false };
      this._views[state.view].list?.replaceChildren();
    }
    this._status.textContent = outcome.status;
    this._fillFilters(state);
    const notes = outcome.notes ?? [];
    this._notes.textContent = notes.join(" ");
    this._notes.hidden = notes.length === 0;

    const key = JSON.stringify([state.view, state.query, filterKey(state), state.sort, state.order]);
    if (outcome.searched && key !== this._lastSearch) {
      const detail = { query: state.query, total: outcome.total, view: state.view };
      this.dispatchEvent(new CustomEvent("search", { bubbles: true, detail }));
    }
    this._lastSearch = key;
    this._listDrawn = this._listKey(state);
  }

  _itemFor(id, range) {
    if (id == null) return null;
    if (this.state.view === "concordance") return this._concordance.buttonFor(id, range ?? this._returnTo?.range);
    return this._results.linkFor(id);
  }

  _showReader(state, range, previous, answer) {
    // The search box stays: typing finds within this document, Enter shows the results.
    this._searchBox.hidden = false;
    this._arrangePanes(state);
    this._scrolling.toTop(this._usesHistory());
    const doc = this._reader.render(state.doc, state.query, answer, { match: state.match, range, from: state.view });
    this._nameTab(doc);
    this._reader.setNeighbours(this._documentOrder(), state.doc);
    if (!this._typingInReader) this._reader.focus();
    this._typingInReader = false;
    if (doc && (previous.doc !== state.doc || previous.query !== state.query)) {
      this.dispatchEvent(new CustomEvent("open", { bubbles: true, detail: { id: state.doc, query: state.query } }));
    }
  }

  /**
   * When `error` is a chunked corpus's `ChunksPending` (its answer waits for parts of the
   * corpus), says so in the status line, keeps what is on screen, and draws the current state
   * again once they have arrived; true then. `previous` is the state drawn before, kept for
   * that drawing.
   */
  awaitChunks(error, previous = this.state) {
    if (!(error instanceof ChunksPending)) return false;
    this._waiting ??= { previous };
    this._status.textContent = error.message;
    this.setAttribute("aria-busy", "true");
    return true;
  }

  /** The parts of the corpus a drawing waited for have arrived: draws the current state again. */
  _onChunksArrived() {
    const waiting = this._waiting;
    if (!waiting || !this.engine) return;
    this._waiting = null;
    try {
      this._draw(this.state, waiting.previous);
    } catch (error) {
      this._fail(error);
    }
  }

  /** Nothing is awaited any more. */
  _arrived() {
    this._waiting = null;
    this.removeAttribute("aria-busy");
    const onceArrived = this._onceArrived;
    this._onceArrived = null;
    onceArrived?.();
  }

  /** Where the viewer's visible part ends, in CSS pixels from the top of the window. */
  viewBottom() {
    return this._scrolling.visibleBottom();
  }

  /** Scrolls `element` to the middle of the viewer, inside the viewer when it scrolls by itself. */
  reveal(element) {
    this._scrolling.reveal(element);
  }

  // ---- typing ----------------------------------------------------------

  _onInput() {
    if (!this.engine) return;
    if (this.state.doc != null) {
      // Finding within the open document: it stays, with the new words marked.
      this._typingInReader = true;
      this.navigate({ query: this._input.value, match: 0 });
      return;
    }
    const patch = { query: this._input.value, doc: null, match: 0 };
    if (this.state.view === "overview") this.navigate({ ...patch, view: "results" }, { push: true });
    else this.navigate(patch);
  }
}
