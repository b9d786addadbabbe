// <corpus-viewer>: search box, ranked results and a document reader over the
// embedded corpus. The engine comes from the `wasm_bindgen` glue and the
// base64 `CORPUS_VIEWER_WASM` module that are defined before this script.
//
// Corpus text and query text reach the DOM only as text nodes: through
// `textContent`, `append(string)` or `highlightedText()`, never as markup.

const CORPUS_VIEWER_CSS = `
:host {
  --bg: #fbfaf8;
  --surface: #ffffff;
  --text: #1c1f23;
  --muted: #59626e;
  --border: #dcdfe4;
  --accent: #1d5fbf;
  --accent-text: #174a95;
  --mark-bg: #fdeaa0;
  --mark-text: #1c1f23;
  --current-bg: #f59e0b;
  --current-text: #1c1f23;
  --current-ring: #b45309;
  --focus: #1d5fbf;
  --error-bg: #fdecec;
  --error-border: #e5a3a3;
  --shadow: 0 1px 2px rgb(0 0 0 / 0.06);
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", "DejaVu Serif", serif;

  display: block;
  background: var(--bg);
  color: var(--text);
  font: 1rem/1.5 var(--sans);
  -webkit-tap-highlight-color: transparent;
}
@media (prefers-color-scheme: dark) {
  :host {
    --bg: #14171b;
    --surface: #1b1f25;
    --text: #e6e8eb;
    --muted: #a3acb8;
    --border: #323943;
    --accent: #7eb2ff;
    --accent-text: #9cc4ff;
    --mark-bg: #5c4a12;
    --mark-text: #fff6d8;
    --current-bg: #fbbf24;
    --current-text: #14171b;
    --current-ring: #fde68a;
    --focus: #7eb2ff;
    --error-bg: #3a1f22;
    --error-border: #7a3b41;
    --shadow: none;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.wrap {
  max-width: 46rem;
  margin: 0 auto;
  padding: 1.25rem 1rem 4rem;
}
.masthead {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  justify-content: space-between;
  gap: 0.25rem 1rem;
  margin-bottom: 1rem;
}
.masthead h1 {
  margin: 0;
  font-size: 1.125rem;
  font-weight: 650;
  letter-spacing: -0.01em;
}
.masthead p {
  margin: 0;
  color: var(--muted);
  font-size: 0.875rem;
}

.visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}

.search { position: relative; }
.search svg {
  position: absolute;
  left: 0.85rem;
  top: 50%;
  width: 1.15rem;
  height: 1.15rem;
  transform: translateY(-50%);
  color: var(--muted);
  pointer-events: none;
}
.search input {
  width: 100%;
  min-width: 0;
  padding: 0.7rem 0.9rem 0.7rem 2.6rem;
  border: 1px solid var(--border);
  border-radius: 0.6rem;
  background: var(--surface);
  color: var(--text);
  font: inherit;
  font-size: 1.0625rem;
  box-shadow: var(--shadow);
  -webkit-appearance: none;
  appearance: none;
}
.search input::placeholder { color: var(--muted); opacity: 1; }
.search input::-webkit-search-cancel-button { cursor: pointer; }

:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 0.25rem;
}
.search input:focus-visible {
  outline-width: 2px;
  outline-offset: 0;
  border-color: var(--focus);
  border-radius: 0.6rem;
}

.status {
  min-height: 1.5rem;
  margin: 0.75rem 0 0.25rem;
  color: var(--muted);
  font-size: 0.9375rem;
}

.list {
  list-style: none;
  margin: 0;
  padding: 0;
}
.item {
  padding: 1rem 0;
  border-bottom: 1px solid var(--border);
}
.item:last-child { border-bottom: 0; }
.item h2 {
  margin: 0;
  font-size: 1.0625rem;
  line-height: 1.35;
  font-weight: 600;
}
.item a {
  display: block;
  color: var(--accent-text);
  text-decoration: none;
  overflow-wrap: anywhere;
}
.item a:hover { text-decoration: underline; text-underline-offset: 0.15em; }
.meta {
  margin: 0.2rem 0 0;
  color: var(--muted);
  font-size: 0.875rem;
  overflow-wrap: anywhere;
}
.snippet {
  margin: 0.45rem 0 0;
  font-size: 0.9375rem;
  line-height: 1.55;
  overflow-wrap: anywhere;
}
.partial {
  display: inline-block;
  margin: 0.5rem 0 0;
  padding: 0.1rem 0.5rem;
  border: 1px solid var(--border);
  border-radius: 999px;
  color: var(--muted);
  font-size: 0.8125rem;
  overflow-wrap: anywhere;
}
.suggest { margin: 0.5rem 0; overflow-wrap: anywhere; }
.link-button {
  padding: 0;
  border: 0;
  background: none;
  color: var(--accent-text);
  font: inherit;
  text-decoration: underline;
  text-underline-offset: 0.15em;
  cursor: pointer;
}

mark {
  background: var(--mark-bg);
  color: var(--mark-text);
  border-radius: 0.15em;
  padding: 0 0.05em;
  scroll-margin: 6rem 0 4rem;
}
mark.current {
  background: var(--current-bg);
  color: var(--current-text);
  outline: 2px solid var(--current-ring);
  outline-offset: 1px;
}

.toolbar {
  position: sticky;
  top: 0;
  z-index: 1;
  display: flex;
  align-items: center;
  gap: 0.5rem;
  margin: -0.5rem -1rem 0;
  padding: 0.5rem 1rem;
  background: var(--bg);
  border-bottom: 1px solid var(--border);
}
.toolbar .spacer { flex: 1; }
.counter {
  color: var(--muted);
  font-size: 0.875rem;
  font-variant-numeric: tabular-nums;
  white-space: nowrap;
}
button.tool {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 0.35rem;
  min-width: 2.5rem;
  min-height: 2.5rem;
  padding: 0.35rem 0.75rem;
  border: 1px solid var(--border);
  border-radius: 0.5rem;
  background: var(--surface);
  color: var(--text);
  font: inherit;
  font-size: 0.9375rem;
  cursor: pointer;
  box-shadow: var(--shadow);
}
button.tool.icon { padding: 0.35rem; }
button.tool:hover:not(:disabled) { border-color: var(--muted); }
button.tool:disabled { opacity: 0.45; cursor: default; }
button.tool svg { width: 1.1rem; height: 1.1rem; }

.doc-head { margin: 1.5rem 0 1.25rem; }
.doc-head h2 {
  margin: 0;
  font-size: 1.375rem;
  line-height: 1.25;
  letter-spacing: -0.01em;
  overflow-wrap: anywhere;
}
.doc-head h2:focus { outline: none; }
.doc-text .heading {
  font-family: var(--sans);
  font-size: 1.125em;
  font-weight: 650;
  line-height: 1.4;
}
.meta a { color: var(--accent-text); }
.doc-text {
  margin: 0;
  font-family: var(--serif);
  font-size: 1.0625rem;
  line-height: 1.7;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}

.error {
  margin: 1rem 0;
  padding: 0.75rem 1rem;
  border: 1px solid var(--error-border);
  border-radius: 0.5rem;
  background: var(--error-bg);
}
.error p { margin: 0; }
.error p + p { margin-top: 0.35rem; color: var(--muted); font-size: 0.875rem; overflow-wrap: anywhere; }

@media (min-width: 40rem) {
  .wrap { padding: 2rem 1.5rem 5rem; }
  .toolbar { margin: -0.5rem -1.5rem 0; padding: 0.5rem 1.5rem; }
  .doc-head h2 { font-size: 1.75rem; }
  .doc-text { font-size: 1.125rem; }
}
@media (forced-colors: active) {
  mark.current { outline: 3px solid Highlight; }
}
`;

const SVG_NS = "http://www.w3.org/2000/svg";

/** Builds an element; string children become text nodes, never markup. */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

/** A small stroked icon; `paths` are SVG path data strings. */
function icon(...paths) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("fill", "none");
  svg.setAttribute("stroke", "currentColor");
  svg.setAttribute("stroke-width", "2");
  svg.setAttribute("stroke-linecap", "round");
  svg.setAttribute("stroke-linejoin", "round");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/** Sorted, disjoint, non-empty `[start, end)` ranges within `length`; others are clamped or dropped. */
function cleanRanges(ranges, length) {
  const clean = [];
  let last = 0;
  for (const range of ranges ?? []) {
    const start = Math.max(last, Math.min(Number(range[0]) || 0, length));
    const end = Math.min(Math.max(Number(range[1]) || 0, start), length);
    if (end > start) {
      clean.push([start, end]);
      last = end;
    }
  }
  return clean;
}

/**
 * Turns `text` with UTF-16 `[start, end)` ranges into DOM nodes: text nodes,
 * a `<mark>` for each of `highlights`, and a heading span for each of
 * `headings`. Every character of `text` appears exactly once, as text.
 */
function highlightedText(text, highlights, headings) {
  const source = String(text ?? "");
  const marks = cleanRanges(highlights, source.length);
  const fragment = document.createDocumentFragment();
  let next = 0;

  const appendMarked = (parent, from, to) => {
    while (from < to) {
      while (next < marks.length && marks[next][1] <= from) next += 1;
      const range = marks[next];
      if (!range || range[0] >= to) {
        parent.append(document.createTextNode(source.slice(from, to)));
        return;
      }
      const start = Math.max(range[0], from);
      const end = Math.min(range[1], to);
      if (start > from) parent.append(document.createTextNode(source.slice(from, start)));
      const mark = document.createElement("mark");
      mark.textContent = source.slice(start, end);
      parent.append(mark);
      from = end;
    }
  };

  let cursor = 0;
  for (const [start, end] of cleanRanges(headings, source.length)) {
    appendMarked(fragment, cursor, start);
    const heading = h("span", { class: "heading", role: "heading", "aria-level": "3" });
    appendMarked(heading, start, end);
    fragment.append(heading);
    cursor = end;
  }
  appendMarked(fragment, cursor, source.length);
  return fragment;
}

/** The URL as a link target when it is a web address, else null. */
function webAddress(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed : null;
  } catch {
    return null;
  }
}

/** "source · date · N words", leaving out what is unknown. */
function describeDocument(doc, words) {
  const parts = [doc.source];
  if (typeof doc.date === "string" && doc.date) parts.push(doc.date);
  if (typeof words === "number") parts.push(plural(words, "word", "words"));
  return parts.filter(Boolean).join(" \u00b7 ");
}

function decodeBase64(base64) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function createEngine() {
  if (typeof wasm_bindgen === "undefined" || typeof CORPUS_VIEWER_WASM !== "string") {
    throw new Error("this page was built without its search engine");
  }
  wasm_bindgen.initSync({ module: decodeBase64(CORPUS_VIEWER_WASM) });
  return wasm_bindgen.Corpus.embedded();
}

let enginePromise = null;

/** Starts the engine once per page; every viewer shares the same instance. */
function loadEngine() {
  if (!enginePromise) {
    enginePromise = new Promise((resolve, reject) => {
      // Let the shell paint before the module is compiled.
      setTimeout(() => {
        try {
          resolve(createEngine());
        } catch (error) {
          reject(error);
        }
      }, 0);
    });
  }
  return enginePromise;
}

function errorMessage(error) {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const numberFormat = new Intl.NumberFormat("en");

function plural(count, one, many) {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

function quoted(text) {
  return `\u201c${text}\u201d`;
}

/** Reads `#doc=ID&q=QUERY` (reader) or `#q=QUERY` (results) from the URL. */
function routeFromLocation() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ""));
  return { doc: params.get("doc"), query: params.get("q") ?? "" };
}

function urlForRoute({ doc, query }) {
  const parts = [];
  if (doc != null) parts.push(`doc=${encodeURIComponent(doc)}`);
  if (query) parts.push(`q=${encodeURIComponent(query)}`);
  const base = location.href.split("#")[0];
  return parts.length ? `${base}#${parts.join("&")}` : base;
}

const STATE_KEY = "corpusViewer";

class CorpusViewer extends HTMLElement {
  constructor() {
    super();
    this.corpus = null;
    this._documents = [];
    this._documentsById = new Map();
    this._view = "loading";
    this._query = "";
    this._docId = null;
    this._marks = [];
    this._current = -1;
    this._links = [];
    this._started = false;

    this._onPopState = () => this._applyRoute(routeFromLocation(), { fromHistory: true });
    this._onKeyDown = (event) => this._handleKey(event);

    this._buildShell();
  }

  connectedCallback() {
    window.addEventListener("popstate", this._onPopState);
    window.addEventListener("keydown", this._onKeyDown);
    if (this._started) return;
    this._started = true;
    if (document.querySelector("corpus-viewer") === this) this._input.focus();
    loadEngine().then(
      (corpus) => this._start(corpus),
      (error) => this._fail(error),
    );
  }

  disconnectedCallback() {
    window.removeEventListener("popstate", this._onPopState);
    window.removeEventListener("keydown", this._onKeyDown);
  }

  // ---- shell -------------------------------------------------------------

  _buildShell() {
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = CORPUS_VIEWER_CSS;

    this._summary = h("p", { text: "Loading\u2026" });
    const masthead = h("header", { class: "masthead" }, h("h1", { text: "Corpus viewer" }), this._summary);

    this._input = h("input", {
      id: "query",
      type: "search",
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      enterkeyhint: "search",
      placeholder: "Search the documents",
      "aria-controls": "results",
      "aria-describedby": "status",
    });
    this._input.addEventListener("input", () => this._onInput());
    this._input.addEventListener("keydown", (event) => this._onSearchKey(event));
    this._searchBox = h(
      "div",
      { class: "search", role: "search" },
      h("label", { class: "visually-hidden", for: "query", text: "Search the documents" }),
      icon("M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14Z", "m20 20-4-4"),
      this._input,
    );

    this._status = h("p", { id: "status", class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this._suggestions = h("div", { hidden: true });
    this._list = h("ol", { id: "results", class: "list" });
    this._list.addEventListener("click", (event) => this._onListClick(event));
    this._list.addEventListener("keydown", (event) => this._onListKey(event));
    this._resultsView = h("section", { "aria-label": "Results" }, this._status, this._suggestions, this._list);

    this._backLabel = h("span", { text: "Results" });
    this._backButton = h("button", { class: "tool", type: "button" }, icon("M15 18l-6-6 6-6"), this._backLabel);
    this._backButton.addEventListener("click", () => this._back());
    this._counter = h("span", { class: "counter", "aria-live": "polite", "aria-atomic": "true" });
    this._prevButton = h(
      "button",
      { class: "tool icon", type: "button", "aria-label": "Previous match", title: "Previous match (Shift+Enter)" },
      icon("M18 15l-6-6-6 6"),
    );
    this._nextButton = h(
      "button",
      { class: "tool icon", type: "button", "aria-label": "Next match", title: "Next match (Enter)" },
      icon("M6 9l6 6 6-6"),
    );
    this._prevButton.addEventListener("click", () => this._step(-1));
    this._nextButton.addEventListener("click", () => this._step(1));
    const toolbar = h(
      "div",
      { class: "toolbar" },
      this._backButton,
      h("span", { class: "spacer" }),
      this._counter,
      this._prevButton,
      this._nextButton,
    );

    this._docTitle = h("h2", { tabindex: "-1" });
    this._docMeta = h("p", { class: "meta" });
    this._docText = h("div", { class: "doc-text" });
    this._docText.addEventListener("click", (event) => {
      const mark = event.target instanceof Element ? event.target.closest("mark") : null;
      const index = mark ? this._marks.indexOf(mark) : -1;
      if (index >= 0) this._setCurrent(index, { scroll: false });
    });
    this._docError = h("div", { class: "error", role: "alert", hidden: true });
    this._readerView = h(
      "article",
      { hidden: true },
      toolbar,
      this._docError,
      h("header", { class: "doc-head" }, this._docTitle, this._docMeta),
      this._docText,
    );

    this._error = h("div", { class: "error", role: "alert", hidden: true });

    this._wrap = h("div", { class: "wrap" }, masthead, this._searchBox, this._error, this._resultsView, this._readerView);
    root.append(style, this._wrap);
  }

  _start(corpus) {
    try {
      this.corpus = corpus;
      this._documents = corpus.documents();
      this._documentsById = new Map(this._documents.map((doc) => [doc.id, doc]));
      this._summary.textContent = `${plural(this._documents.length, "document", "documents")} \u00b7 searched in your browser`;
      const route = routeFromLocation();
      // Keep what was typed while the engine was starting.
      if (route.doc == null && !route.query && this._input.value) route.query = this._input.value;
      this._applyRoute(route, { initial: true });
    } catch (error) {
      this._fail(error);
      return;
    }
    this.dispatchEvent(new Event("ready"));
  }

  _fail(error) {
    this._view = "error";
    this._summary.textContent = "";
    this._resultsView.hidden = true;
    this._readerView.hidden = true;
    this._searchBox.hidden = true;
    this._error.replaceChildren(
      h("p", { text: "The documents could not be loaded." }),
      h("p", { text: errorMessage(error) }),
    );
    this._error.hidden = false;
  }

  // ---- navigation --------------------------------------------------------

  _applyRoute(route, { initial = false, fromHistory = false } = {}) {
    if (!this.corpus) return;
    if (this._input.value !== route.query) this._input.value = route.query;
    if (route.doc != null) {
      this._showReader(route.doc, route.query);
      return;
    }
    const state = history.state && history.state[STATE_KEY];
    this._showResults(route.query);
    if (fromHistory) {
      window.scrollTo(0, state && typeof state.scrollY === "number" ? state.scrollY : 0);
      const link = state && state.opened != null ? this._linkFor(state.opened) : null;
      (link ?? this._input).focus({ preventScroll: true });
    } else if (initial && document.querySelector("corpus-viewer") === this) {
      this._input.focus({ preventScroll: true });
    }
  }

  _open(id) {
    const query = this._input.value;
    history.scrollRestoration = "manual";
    history.replaceState({ [STATE_KEY]: { scrollY: window.scrollY, opened: id } }, "", urlForRoute({ query }));
    history.pushState({ [STATE_KEY]: { reader: true } }, "", urlForRoute({ doc: id, query }));
    this._showReader(id, query);
  }

  _back() {
    if (this._view !== "reader") return;
    const state = history.state && history.state[STATE_KEY];
    if (state && state.reader) {
      history.back();
      return;
    }
    // Opened straight from a link: there is no results entry to return to.
    const query = this._query;
    history.replaceState({ [STATE_KEY]: { opened: this._docId } }, "", urlForRoute({ query }));
    this._applyRoute({ doc: null, query }, { fromHistory: true });
  }

  _handleKey(event) {
    if (this._view !== "reader" || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const path = event.composedPath();
    const active = document.activeElement;
    const unfocused = active == null || active === document.body || active === document.documentElement;
    if (!path.includes(this) && !(unfocused && document.querySelector("corpus-viewer") === this)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      this._back();
    } else if (event.key === "Enter") {
      const target = path[0];
      if (target instanceof Element && target.closest("a[href], button, input, select, textarea")) return;
      event.preventDefault();
      this._step(event.shiftKey ? -1 : 1);
    }
  }

  // ---- results -----------------------------------------------------------

  _onInput() {
    if (!this.corpus) return;
    const query = this._input.value;
    if (this._view === "results" || this._view === "list") {
      history.replaceState(history.state, "", urlForRoute({ query }));
    }
    this._showResults(query);
  }

  _onSearchKey(event) {
    if (event.key === "Enter" && !event.isComposing && this._links.length > 0) {
      event.preventDefault();
      this._open(this._links[0].id);
    } else if (event.key === "Escape" && this._input.value !== "") {
      event.preventDefault();
      this._searchFor("");
    } else if (event.key === "ArrowDown" && this._links.length > 0) {
      event.preventDefault();
      this._links[0].link.focus();
    }
  }

  _onListKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if ((event.key.length === 1 && event.key !== " ") || event.key === "Backspace") {
      // Typing on a result goes on with the search; the key lands in the box.
      this._input.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const index = this._links.findIndex((entry) => entry.link === event.target);
    if (index < 0) return;
    event.preventDefault();
    const next = index + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) this._input.focus();
    else if (next < this._links.length) this._links[next].link.focus();
  }

  _onListClick(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    const entry = link ? this._links.find((candidate) => candidate.link === link) : null;
    if (!entry) return;
    event.preventDefault();
    this._open(entry.id);
  }

  _linkFor(id) {
    const entry = this._links.find((candidate) => candidate.id === id);
    return entry ? entry.link : null;
  }

  _showResults(query) {
    this._query = query;
    this._docId = null;
    this._readerView.hidden = true;
    this._searchBox.hidden = false;
    this._resultsView.hidden = false;
    this._suggestions.hidden = true;
    this._suggestions.replaceChildren();
    this._links = [];

    if (query.trim() === "") {
      this._view = "list";
      this._status.textContent = `${plural(this._documents.length, "document", "documents")} in this collection`;
      this._list.replaceChildren(...this._documents.map((doc) => this._documentItem(doc)));
      return;
    }

    this._view = "results";
    let result;
    try {
      result = this.corpus.search(query, { limit: 50 });
    } catch (error) {
      this._status.textContent = `The search could not run: ${errorMessage(error)}`;
      this._list.replaceChildren();
      return;
    }
    const hits = result.hits ?? [];
    this._list.replaceChildren(...hits.map((hit) => this._hitItem(hit, query)));
    this._status.textContent = this._resultSummary(result, query);

    const suggestions = result.suggestions ?? [];
    if (hits.length === 0 && suggestions.length > 0) {
      const line = h("p", { class: "suggest" }, "Did you mean: ");
      suggestions.forEach((term, index) => {
        if (index > 0) line.append(", ");
        const button = h("button", { class: "link-button", type: "button", text: term });
        button.addEventListener("click", () => this._searchFor(term));
        line.append(button);
      });
      this._suggestions.append(line);
      this._suggestions.hidden = false;
    }
  }

  _searchFor(query) {
    this._input.value = query;
    this._onInput();
    this._input.focus();
  }

  _resultSummary(result, query) {
    const hits = result.hits ?? [];
    const total = typeof result.total === "number" ? result.total : hits.length;
    if (total === 0) return `No documents match ${quoted(query)}`;
    const partial = hits.filter((hit) => hit.partial).length;
    let summary = `${plural(total, "document matches", "documents match")} ${quoted(query)}`;
    if (partial > 0) summary += ` \u00b7 ${numberFormat.format(hits.length - partial)} with every word`;
    if (hits.length < total) summary += ` \u00b7 showing the first ${numberFormat.format(hits.length)}`;
    return summary;
  }

  _itemLink(id, title, query) {
    const link = h("a", { href: urlForRoute({ doc: id, query }), text: title || id });
    this._links.push({ id, link });
    return link;
  }

  _documentItem(doc) {
    return h(
      "li",
      { class: "item" },
      h("h2", null, this._itemLink(doc.id, doc.title, "")),
      h("p", { class: "meta", text: describeDocument(doc, doc.words) }),
    );
  }

  _hitItem(hit, query) {
    const item = h(
      "li",
      { class: "item" },
      h("h2", null, this._itemLink(hit.id, hit.title, query)),
      h("p", { class: "meta", text: hit.source }),
    );
    if (hit.snippet && hit.snippet.text) {
      item.append(h("p", { class: "snippet" }, highlightedText(hit.snippet.text, hit.snippet.highlights)));
    }
    if (hit.partial) {
      item.append(h("p", { class: "partial", text: `partial match \u2014 missing: ${(hit.missing ?? []).join(", ")}` }));
    }
    return item;
  }

  // ---- reader ------------------------------------------------------------

  _showReader(id, query) {
    this._view = "reader";
    this._query = query;
    this._docId = id;
    this._searchBox.hidden = true;
    this._resultsView.hidden = true;
    this._readerView.hidden = false;
    this._backLabel.textContent = query.trim() ? "Results" : "All documents";
    this._backButton.title = `Back to ${query.trim() ? "the results" : "all documents"} (Escape)`;

    let doc = null;
    try {
      doc = query.trim() ? this.corpus.document(id, query) : this.corpus.document(id);
    } catch (error) {
      this._docError.replaceChildren(
        h("p", { text: "This document could not be opened." }),
        h("p", { text: errorMessage(error) }),
      );
    }
    this._docError.hidden = doc != null;
    this._docTitle.textContent = doc ? doc.title : "";
    this._docMeta.replaceChildren();
    if (doc) {
      const words = typeof doc.words === "number" ? doc.words : this._documentsById.get(doc.id)?.words;
      this._docMeta.append(describeDocument(doc, words));
      const address = webAddress(doc.url);
      if (address) {
        const link = h("a", { href: address.href, rel: "noopener noreferrer", target: "_blank", text: address.host });
        this._docMeta.append(" \u00b7 ", link);
      }
    }
    this._docText.replaceChildren(doc ? highlightedText(doc.text, doc.highlights, doc.headings) : "");
    this._marks = Array.from(this._docText.querySelectorAll("mark"));
    this._current = -1;

    const hasQuery = query.trim() !== "";
    this._prevButton.hidden = !hasQuery || !doc;
    this._nextButton.hidden = !hasQuery || !doc;
    window.scrollTo(0, 0);
    if (this._marks.length > 0) {
      this._setCurrent(0, { scroll: true });
    } else {
      this._counter.textContent = hasQuery && doc ? "No matches in this document" : "";
      this._prevButton.disabled = true;
      this._nextButton.disabled = true;
    }
    (doc ? this._docTitle : this._backButton).focus({ preventScroll: true });
  }

  _step(delta) {
    const count = this._marks.length;
    if (this._view !== "reader" || count === 0) return;
    this._setCurrent((this._current + delta + count) % count, { scroll: true });
  }

  _setCurrent(index, { scroll }) {
    const previous = this._marks[this._current];
    if (previous) previous.classList.remove("current");
    this._current = index;
    const mark = this._marks[index];
    mark.classList.add("current");
    const count = this._marks.length;
    this._counter.textContent = `Match ${numberFormat.format(index + 1)} of ${numberFormat.format(count)}`;
    this._prevButton.disabled = count < 2;
    this._nextButton.disabled = count < 2;
    if (scroll) mark.scrollIntoView({ block: "center", inline: "nearest" });
  }
}

if (!customElements.get("corpus-viewer")) {
  customElements.define("corpus-viewer", CorpusViewer);
}
