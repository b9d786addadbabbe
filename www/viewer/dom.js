// DOM helpers shared by every view of <corpus-viewer>.
//
// Corpus text and query text reach the DOM only as text nodes: through
// `textContent`, `append(string)` or `highlightedText()`, never as markup.
// Styles are set through the CSSOM (`element.style.x = …`), never as a
// `style` attribute, so that a content policy without 'unsafe-inline' holds.

import { numberFormat } from "./numbers.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Builds an element; string children become text nodes, never markup. */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "style") throw new Error("set styles through element.style, not as an attribute");
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

/** Builds an SVG element with the given attributes; string children become text nodes. */
export function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value != null) node.setAttribute(key, String(value));
  }
  node.append(...children.filter((child) => child != null));
  return node;
}

/** A small stroked icon; `paths` are SVG path data strings. */
export function icon(...paths) {
  return svg(
    "svg",
    {
      viewBox: "0 0 24 24",
      fill: "none",
      stroke: "currentColor",
      "stroke-width": 2,
      "stroke-linecap": "round",
      "stroke-linejoin": "round",
      "aria-hidden": "true",
      focusable: "false",
    },
    ...paths.map((d) => svg("path", { d })),
  );
}

export const ICONS = {
  search: ["M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14Z", "m20 20-4-4"],
  back: ["M15 18l-6-6 6-6"],
  forward: ["M9 18l6-6-6-6"],
  up: ["M18 15l-6-6-6 6"],
  down: ["M6 9l6 6 6-6"],
  download: ["M12 4v11", "m7 10 5 5 5-5", "M5 20h14"],
};

/** Sorted, disjoint, non-empty `[start, end)` ranges within `length`; others are clamped or dropped. */
export function cleanRanges(ranges, length) {
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
 * How `text` with UTF-16 `[start, end)` ranges nests, as a tree: headings outermost, code inside
 * them, marks (`highlights`) innermost; a range crossing the edge of an outer one is cut there.
 * A node is a string of text or `{ kind: "heading" | "code" | "mark", start, end, children }`.
 * Every character of `text` appears exactly once, in order. Pure: the DOM is built from it.
 */
export function textSegments(text, highlights, headings, code) {
  const source = String(text ?? "");
  const layers = [cleanRanges(headings, source.length), cleanRanges(code, source.length), cleanRanges(highlights, source.length)];
  const kinds = ["heading", "code", "mark"];
  const edges = new Set([0, source.length]);
  for (const ranges of layers) for (const [start, end] of ranges) edges.add(start).add(end);
  const points = [...edges].sort((a, b) => a - b);
  // Each piece between two neighbouring edges, with the range of each layer it lies in (-1: none).
  const pointers = layers.map(() => 0);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const inside = layers.map((ranges, layer) => {
      while (pointers[layer] < ranges.length && ranges[pointers[layer]][1] <= from) pointers[layer] += 1;
      const range = ranges[pointers[layer]];
      return range && range[0] <= from ? pointers[layer] : -1;
    });
    pieces.push({ from, to, inside });
  }
  // Groups consecutive pieces in the same range of `layer`, then of the layers inside it.
  const group = (run, layer) => {
    if (layer === layers.length) return [source.slice(run[0].from, run[run.length - 1].to)];
    const nodes = [];
    let start = 0;
    while (start < run.length) {
      let end = start + 1;
      while (end < run.length && run[end].inside[layer] === run[start].inside[layer]) end += 1;
      const part = run.slice(start, end);
      const children = group(part, layer + 1);
      if (run[start].inside[layer] < 0) nodes.push(...children);
      else nodes.push({ kind: kinds[layer], start: part[0].from, end: part[part.length - 1].to, children });
      start = end;
    }
    // Neighbouring strings join: text outside every range is one node.
    return nodes.reduce((joined, node) => {
      if (typeof node === "string" && typeof joined[joined.length - 1] === "string") joined[joined.length - 1] += node;
      else joined.push(node);
      return joined;
    }, []);
  };
  return pieces.length ? group(pieces, 0) : [];
}

/**
 * Turns `text` with UTF-16 `[start, end)` ranges into DOM nodes: text nodes, a heading span for
 * each of `headings`, a `<code>` for each of `code` (with the class `code-block` when it holds a
 * line break) and a `<mark>` for each of `highlights`, nested as `textSegments` says. Every
 * character of `text` appears exactly once, as text.
 */
export function highlightedText(text, highlights, headings, code) {
  const build = (node) => {
    if (typeof node === "string") return document.createTextNode(node);
    let element;
    if (node.kind === "heading") element = h("span", { class: "heading", role: "heading", "aria-level": "3" });
    else if (node.kind === "code") element = h("code", { class: node.children.some(isBlock) ? "code-block" : null });
    else element = document.createElement("mark");
    element.append(...node.children.map(build));
    return element;
  };
  const isBlock = (node) => (typeof node === "string" ? node.includes("\n") : node.children.some(isBlock));
  const fragment = document.createDocumentFragment();
  fragment.append(...textSegments(text, highlights, headings, code).map(build));
  return fragment;
}

/**
 * Keyboard use of a list of focusable items (`items`, in order): a printable key or Backspace
 * goes back to the search box, where the key lands; the arrows move between items, and up from
 * the first returns to the box.
 */
export function moveInList(event, items, viewer) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if ((event.key.length === 1 && event.key !== " " && event.key !== "/") || event.key === "Backspace") {
    viewer.focusSearch();
    return;
  }
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const index = items.indexOf(event.target);
  if (index < 0) return;
  event.preventDefault();
  const next = index + (event.key === "ArrowDown" ? 1 : -1);
  if (next < 0) viewer.focusSearch();
  else if (next < items.length) items[next].focus();
}

/** The URL as a link target when it is a web address, else null. */
export function webAddress(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed : null;
  } catch {
    return null;
  }
}

export { numberFormat };

/** `count` and the word for one or for many of it: "1 document", "2,045 documents". */
export function plural(count, one, many) {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

export function quoted(text) {
  return `\u201c${String(text).trim()}\u201d`;
}

export function errorMessage(error) {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Minutes to read `words` at 230 words a minute, at least one. */
export function readingMinutes(words) {
  return Math.max(1, Math.round(words / 230));
}

/** "source · date · N words", leaving out what is unknown. */
export function describeDocument(doc, words) {
  const parts = [doc.source];
  if (typeof doc.date === "string" && doc.date) parts.push(doc.date);
  if (typeof words === "number") parts.push(plural(words, "word", "words"));
  return parts.filter(Boolean).join(" \u00b7 ");
}

/** A labelled `<select>`; `options` are `[value, label]` pairs. */
export function selectField(label, options, onChange) {
  const select = h("select", null, ...options.map(([value, text]) => h("option", { value, text })));
  select.addEventListener("change", () => onChange(select.value));
  const field = h("label", { class: "field" }, h("span", { text: label }), select);
  return { field, select };
}

/** Waits for the next task, so that the page can draw and take input in between. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
