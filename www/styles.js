// The viewer's styles, one constructed stylesheet adopted by every viewer's
// shadow root: no `<style>` element, so a content policy without
// 'unsafe-inline' for styles holds, and nothing leaks in or out.
//
// A host page themes the viewer with these custom properties, set on the
// element or any ancestor (each has a light and a dark default):
//
//   --corpus-viewer-bg          page background
//   --corpus-viewer-surface     background of boxes, inputs and buttons
//   --corpus-viewer-text        text
//   --corpus-viewer-muted       secondary text
//   --corpus-viewer-border      lines and borders
//   --corpus-viewer-accent      links, focus ring, bars and ticks
//   --corpus-viewer-mark        background of matched words
//   --corpus-viewer-mark-text   text of matched words
//   --corpus-viewer-font        interface font
//   --corpus-viewer-reading-font  font of the document text
//
// The `theme` attribute picks the defaults: `light`, `dark` or `auto` (the
// system's choice, the default).

const LIGHT_COLOURS = `
  --_bg: var(--corpus-viewer-bg, #fbfaf8);
  --_surface: var(--corpus-viewer-surface, #ffffff);
  --_text: var(--corpus-viewer-text, #1c1f23);
  --_muted: var(--corpus-viewer-muted, #566170);
  --_border: var(--corpus-viewer-border, #d5d9df);
  --_accent: var(--corpus-viewer-accent, #1d5fbf);
  --_mark-bg: var(--corpus-viewer-mark, #fde68a);
  --_mark-text: var(--corpus-viewer-mark-text, #1c1f23);
  --_current-bg: #f59e0b;
  --_current-text: #1c1f23;
  --_current-ring: #b45309;
  --_error-bg: #fdecec;
  --_error-border: #e5a3a3;
  --_shadow: 0 1px 2px rgb(0 0 0 / 0.06);
  color-scheme: light;
`;

const DARK_COLOURS = `
  --_bg: var(--corpus-viewer-bg, #14171b);
  --_surface: var(--corpus-viewer-surface, #1c2027);
  --_text: var(--corpus-viewer-text, #e6e8eb);
  --_muted: var(--corpus-viewer-muted, #a3acb8);
  --_border: var(--corpus-viewer-border, #343b46);
  --_accent: var(--corpus-viewer-accent, #86b7ff);
  --_mark-bg: var(--corpus-viewer-mark, #5c4a12);
  --_mark-text: var(--corpus-viewer-mark-text, #fff6d8);
  --_current-bg: #fbbf24;
  --_current-text: #14171b;
  --_current-ring: #fde68a;
  --_error-bg: #3a1f22;
  --_error-border: #7a3b41;
  --_shadow: none;
  color-scheme: dark;
`;

const CORPUS_VIEWER_CSS = `
:host {
  all: initial;
  ${LIGHT_COLOURS}
  --_font: var(--corpus-viewer-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --_reading-font: var(--corpus-viewer-reading-font, Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", "DejaVu Serif", serif);
  --_frame-h: 100vh;

  display: block;
  background: var(--_bg);
  color: var(--_text);
  font: 1rem/1.5 var(--_font);
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
  -webkit-tap-highlight-color: transparent;
}
:host([theme="dark"]) { ${DARK_COLOURS} }
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { ${DARK_COLOURS} }
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.frame.scrolls { overflow: auto; overscroll-behavior: contain; }
.wrap {
  max-width: 58rem;
  margin: 0 auto;
  padding: 1.25rem 1rem 3rem;
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
.masthead p { margin: 0; color: var(--_muted); font-size: 0.875rem; }

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
  color: var(--_muted);
  pointer-events: none;
}
.search input {
  width: 100%;
  min-width: 0;
  padding: 0.7rem 0.9rem 0.7rem 2.6rem;
  border: 1px solid var(--_border);
  border-radius: 0.6rem;
  background: var(--_surface);
  color: var(--_text);
  font: inherit;
  font-size: 1.0625rem;
  box-shadow: var(--_shadow);
  -webkit-appearance: none;
  appearance: none;
}
.search input::placeholder { color: var(--_muted); opacity: 1; }
.search input::-webkit-search-cancel-button { cursor: pointer; }

:focus-visible {
  outline: 3px solid var(--_accent);
  outline-offset: 2px;
  border-radius: 0.25rem;
}
.search input:focus-visible {
  outline-width: 2px;
  outline-offset: 0;
  border-color: var(--_accent);
  border-radius: 0.6rem;
}

.bar-row {
  display: flex;
  flex-wrap: wrap;
  align-items: end;
  justify-content: space-between;
  gap: 0.75rem 1rem;
  margin: 0.9rem 0 0;
}
.tabs {
  display: flex;
  gap: 0.25rem;
  padding: 0.2rem;
  border: 1px solid var(--_border);
  border-radius: 0.6rem;
  background: var(--_surface);
}
.tabs button {
  min-height: 2.25rem;
  padding: 0.3rem 0.8rem;
  border: 0;
  border-radius: 0.45rem;
  background: none;
  color: var(--_muted);
  font: inherit;
  font-size: 0.9375rem;
  cursor: pointer;
}
.tabs button:hover { color: var(--_text); }
.tabs button[aria-current="true"] {
  background: var(--_accent);
  color: var(--_bg);
  font-weight: 600;
}
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; }
.field {
  display: inline-flex;
  align-items: center;
  gap: 0.4rem;
  color: var(--_muted);
  font-size: 0.875rem;
}
.field select {
  max-width: 13rem;
  min-height: 2.25rem;
  padding: 0.25rem 0.5rem;
  border: 1px solid var(--_border);
  border-radius: 0.45rem;
  background: var(--_surface);
  color: var(--_text);
  font: inherit;
  font-size: 0.9375rem;
}

.status {
  min-height: 1.5rem;
  margin: 0.9rem 0 0.25rem;
  color: var(--_muted);
  font-size: 0.9375rem;
  overflow-wrap: anywhere;
}
.notes {
  margin: 0 0 0.25rem;
  color: var(--_muted);
  font-size: 0.875rem;
  font-style: italic;
  overflow-wrap: anywhere;
}
.hint { color: var(--_muted); font-size: 0.9375rem; }

.list { list-style: none; margin: 0; padding: 0; }
.item { padding: 1rem 0; border-bottom: 1px solid var(--_border); }
.item:last-child { border-bottom: 0; }
.item h2 {
  margin: 0;
  font-size: 1.0625rem;
  line-height: 1.35;
  font-weight: 600;
}
.item a {
  display: block;
  color: var(--_accent);
  text-decoration: none;
  overflow-wrap: anywhere;
}
.item a:hover { text-decoration: underline; text-underline-offset: 0.15em; }
.meta {
  margin: 0.2rem 0 0;
  color: var(--_muted);
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
  border: 1px solid var(--_border);
  border-radius: 999px;
  color: var(--_muted);
  font-size: 0.8125rem;
  overflow-wrap: anywhere;
}
.suggest { margin: 0.5rem 0; overflow-wrap: anywhere; }
.more, .more-lines { display: block; margin: 0.75rem 0; }
.link-button {
  padding: 0;
  border: 0;
  background: none;
  color: var(--_accent);
  font: inherit;
  text-decoration: underline;
  text-underline-offset: 0.15em;
  cursor: pointer;
}

mark {
  background: var(--_mark-bg);
  color: var(--_mark-text);
  border-radius: 0.15em;
  padding: 0 0.05em;
  scroll-margin: 6rem 0 4rem;
}
mark.current {
  background: var(--_current-bg);
  color: var(--_current-text);
  outline: 2px solid var(--_current-ring);
  outline-offset: 1px;
}

/* keyword in context */
.kwic-actions { display: flex; justify-content: flex-end; margin: 1rem 0 0.5rem; }
.kwic {
  display: grid;
  grid-template-columns: [doc] minmax(0, 9rem) [left] minmax(0, 1fr) [match] auto [right] minmax(0, 1fr);
  margin: 0;
  padding: 0;
  list-style: none;
  border-top: 1px solid var(--_border);
  font-size: 0.9375rem;
}
.kwic li, .kwic-line {
  display: grid;
  grid-column: 1 / -1;
  grid-template-columns: subgrid;
}
.kwic li { border-bottom: 1px solid var(--_border); }
.kwic-line {
  align-items: baseline;
  column-gap: 0.4em;
  width: 100%;
  padding: 0.4rem 0.25rem;
  border: 0;
  background: none;
  color: inherit;
  font: inherit;
  text-align: start;
  cursor: pointer;
}
.kwic-line:hover { background: var(--_surface); }
.kwic-line > span { overflow: hidden; white-space: nowrap; }
.kwic-doc {
  color: var(--_muted);
  font-size: 0.8125rem;
  text-overflow: ellipsis;
}
.kwic-left { grid-column: left; display: flex; justify-content: flex-end; }
.kwic-left > span { flex: none; }
.kwic-right { grid-column: right; text-overflow: ellipsis; }
.kwic-match { grid-column: match; white-space: nowrap; font-weight: 600; }
/* A right-to-left line keeps the list's columns: its preceding words take the right-hand one. */
.kwic-line:dir(rtl) > .kwic-left { grid-column: right; }
.kwic-line:dir(rtl) > .kwic-right { grid-column: left; }
.kwic-match mark { padding: 0 0.1em; }

/* charts */
.pictures { margin: 1rem 0 0; }
.pictures > summary {
  width: fit-content;
  color: var(--_muted);
  font-size: 0.875rem;
  cursor: pointer;
}
.charts {
  display: flex;
  flex-wrap: wrap;
  gap: 1rem 2rem;
  margin: 1rem 0 0;
}
.charts > .hint { flex-basis: 100%; margin: 0; }
.chart { flex: 1 1 17rem; margin: 0; min-width: 0; }
.chart figcaption {
  margin-bottom: 0.4rem;
  font-size: 0.875rem;
  font-weight: 600;
}
.chart > svg { display: block; overflow: visible; }
.chart-label { overflow: hidden; }
.chart-label text { fill: var(--_muted); font: 0.75rem/1 var(--_font); }
.bar-track, .track { fill: var(--_border); opacity: 0.55; }
.bar { fill: var(--_accent); }
.bar-value { fill: var(--_text); font: 600 0.75rem/1 var(--_font); }
.tick { stroke: var(--_accent); stroke-width: 2; }

/* overview */
.stats {
  display: grid;
  grid-template-columns: repeat(3, minmax(0, 1fr));
  gap: 0.75rem;
  margin: 1rem 0 1.5rem;
}
.stat {
  display: flex;
  flex-direction: column-reverse;
  justify-content: flex-end;
  padding: 0.75rem 1rem;
  border: 1px solid var(--_border);
  border-radius: 0.6rem;
  background: var(--_surface);
}
.stat dd { margin: 0; font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.stat dt { color: var(--_muted); font-size: 0.875rem; }
.overview h2 { margin: 1.5rem 0 0.25rem; font-size: 1.0625rem; }
.overview .hint { margin: 0 0 0.75rem; }
.chips { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0; padding: 0; list-style: none; }
.chip {
  display: inline-flex;
  align-items: baseline;
  gap: 0.45rem;
  min-height: 2.25rem;
  padding: 0.3rem 0.75rem;
  border: 1px solid var(--_border);
  border-radius: 999px;
  background: var(--_surface);
  color: var(--_text);
  font: inherit;
  font-size: 0.9375rem;
  cursor: pointer;
}
.chip:hover { border-color: var(--_accent); }
.chip .count { color: var(--_muted); font-size: 0.8125rem; font-variant-numeric: tabular-nums; }

/* reader */
.toolbar {
  position: sticky;
  top: 0;
  z-index: 1;
  display: flex;
  align-items: center;
  gap: 0.5rem;
  margin: -0.5rem -1rem 0;
  padding: 0.5rem 1rem;
  background: var(--_bg);
  border-bottom: 1px solid var(--_border);
}
.toolbar .spacer { flex: 1; }
.counter {
  color: var(--_muted);
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
  border: 1px solid var(--_border);
  border-radius: 0.5rem;
  background: var(--_surface);
  color: var(--_text);
  font: inherit;
  font-size: 0.9375rem;
  cursor: pointer;
  box-shadow: var(--_shadow);
}
button.tool.icon { padding: 0.35rem; }
button.tool:hover:not(:disabled) { border-color: var(--_muted); }
button.tool:disabled { opacity: 0.45; cursor: default; }
button.tool svg { width: 1.1rem; height: 1.1rem; }

.reader { max-width: 46rem; margin: 0 auto; }
.doc-head { margin: 1.5rem 0 1.25rem; }
.doc-head h2 {
  margin: 0;
  font-size: 1.375rem;
  line-height: 1.25;
  letter-spacing: -0.01em;
  overflow-wrap: anywhere;
}
.doc-head h2:focus { outline: none; }
.doc-meta a { color: var(--_accent); }
.doc-body {
  display: grid;
  grid-template-columns: minmax(0, 1fr) 0.75rem;
  gap: 1.25rem;
}
.doc-text {
  margin: 0;
  font-family: var(--_reading-font);
  font-size: 1.0625rem;
  line-height: 1.7;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.doc-text .heading {
  font-family: var(--_font);
  font-size: 1.125em;
  font-weight: 650;
  line-height: 1.4;
}
.minimap {
  position: sticky;
  top: 4rem;
  height: calc(var(--_frame-h) - 5.5rem);
  border-radius: 0.375rem;
  background: var(--_border);
  background: color-mix(in srgb, var(--_border) 55%, transparent);
  cursor: pointer;
}
.minimap .tick {
  position: absolute;
  left: 0;
  right: 0;
  height: 3px;
  margin-top: -1px;
  background: var(--_accent);
  opacity: 0.7;
}
.minimap .tick.current {
  height: 5px;
  margin-top: -2px;
  background: var(--_current-bg);
  box-shadow: 0 0 0 1px var(--_current-ring);
  opacity: 1;
}

.error {
  margin: 1rem 0;
  padding: 0.75rem 1rem;
  border: 1px solid var(--_error-border);
  border-radius: 0.5rem;
  background: var(--_error-bg);
}
.error p { margin: 0; }
.error p + p { margin-top: 0.35rem; color: var(--_muted); font-size: 0.875rem; overflow-wrap: anywhere; }

@media (max-width: 40rem) {
  .kwic { grid-template-columns: [left] minmax(0, 1fr) [match] auto [right] minmax(0, 1fr); }
  .kwic-line > .kwic-doc { display: none; }
  .kwic-line { column-gap: 0.3em; padding-inline: 0; }
  .stats { gap: 0.5rem; }
  .stat { padding: 0.5rem 0.6rem; }
  .stat dd { font-size: 1.25rem; }
  .doc-body { gap: 0.5rem; grid-template-columns: minmax(0, 1fr) 0.5rem; }
  .tabs, .filters { flex: 1 1 100%; }
  .field > span {
    position: absolute;
    width: 1px; height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .filters { flex-wrap: nowrap; min-width: 0; }
  .field { flex: 1 1 0; min-width: 0; }
  .field select { flex: 1 1 0; width: 0; min-width: 0; max-width: none; }
  .tabs button { flex: 1; padding-inline: 0.4rem; }
}
@media (min-width: 40rem) {
  .wrap { padding: 2rem 1.5rem 4rem; }
  .toolbar { margin: -0.5rem -1.5rem 0; padding: 0.5rem 1.5rem; }
  .doc-head h2 { font-size: 1.75rem; }
  .doc-text { font-size: 1.125rem; }
}
@media (forced-colors: active) {
  mark.current { outline: 3px solid Highlight; }
  .minimap .tick, .bar { background: CanvasText; fill: CanvasText; }
  .tabs button[aria-current="true"] { outline: 2px solid Highlight; }
}
`;

let viewerSheet = null;

/** The viewer's stylesheet, constructed once per document. */
function viewerStyleSheet() {
  if (!viewerSheet) {
    viewerSheet = new CSSStyleSheet();
    viewerSheet.replaceSync(CORPUS_VIEWER_CSS);
  }
  return viewerSheet;
}
