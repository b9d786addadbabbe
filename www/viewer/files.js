// Files a reader saves from the page: CSV text, and a download made in memory (a Blob), which
// works offline and from file://.

import { h } from "./dom.js";

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

/** Rows of fields as CSV (RFC 4180): every field quoted, lines ended by CRLF. */
export function csvText(rows) {
  return `${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/**
 * A file name from its parts: characters that file systems refuse replaced, spaces as hyphens,
 * at most 60 characters of each part after the first; empty parts left out.
 */
export function fileName(first, parts, extension) {
  const clean = (part) => {
    const words = String(part)
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|\u201c\u201d\u201e]/g, " ")
      .trim()
      .split(/\s+/)
      .join("-");
    return Array.from(words).slice(0, 60).join("").replace(/^[.-]+|[.-]+$/g, "");
  };
  return [first || "corpus", ...parts.map(clean)].filter(Boolean).join("-") + extension;
}

/** Offers `text` as a file to save, from memory (a Blob), with a byte-order mark for spreadsheets. */
export function downloadText(parent, text, filename, type) {
  const url = URL.createObjectURL(new Blob(["\ufeff", text], { type }));
  const link = h("a", { href: url, download: filename, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
