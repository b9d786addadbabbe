// DOM helpers shared by every view of <corpus-viewer>.
//
// Corpus text and query text reach the DOM only as text nodes: through
// `textContent`, `append(string)` or `highlightedText()`, never as markup.
// Styles are set through the CSSOM (`element.style.x = …`), never as a
// `style` attribute, so that a content policy without 'unsafe-inline' holds.

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
 * Turns `text` with UTF-16 `[start, end)` ranges into DOM nodes: text nodes,
 * a `<mark>` for each of `highlights`, and a heading span for each of
 * `headings`. Every character of `text` appears exactly once, as text.
 */
export function highlightedText(text, highlights, headings) {
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

export const numberFormat = new Intl.NumberFormat("en");

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
