// A chunk's file, read back: one classic script a chunk (docs/format.md), which a page opened
// from `file://` adds as a script read as windows-1252, and a page over http fetches and reads
// itself. The script holds the chunk's bytes in a string literal, one character a byte, with
// `"`, `\`, line feed and carriage return escaped. The string a script hands over is read by the
// engine (`chunkFromScript`), whose loop over its characters runs faster than the page's own.

/** What a chunk's file holds before its bytes. */
const START = 'document.currentScript.dispatchEvent(new CustomEvent("corpus-viewer-chunk", { detail: "';

/** What a chunk's file holds after its bytes. */
const END = '" }));\n';

/** The encoding a chunk's script is read in, one character a byte. */
export const CHUNK_FILE_CHARSET = "windows-1252";

const ASCII = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const START_BYTES = ASCII(START);
const END_BYTES = ASCII(END);

/** The byte each escape `\c` in the literal stands for, by `c`; -1 for an escape not used. */
function unescaped(c) {
  if (c === 0x22 || c === 0x5c) return c;
  if (c === 0x6e) return 0x0a;
  if (c === 0x72) return 0x0d;
  return -1;
}

/**
 * The chunk a chunk's file of `file` (its bytes, as fetched) holds, or null when it is not one
 * (cut short, or with an escape it does not use). Reads into `file`'s own memory, moving the
 * runs between escapes (a backslash every 64 bytes or so) natively. A byte changed elsewhere
 * gives other bytes, which the chunk's name, their hash, refuses.
 */
export function chunkFromFile(file) {
  if (file.length < START_BYTES.length + END_BYTES.length) return null;
  for (let i = 0; i < START_BYTES.length; i += 1) if (file[i] !== START_BYTES[i]) return null;
  const end = file.length - END_BYTES.length;
  for (let i = 0; i < END_BYTES.length; i += 1) if (file[end + i] !== END_BYTES[i]) return null;
  const literal = file.subarray(START_BYTES.length, end);
  let written = 0;
  let from = 0;
  for (;;) {
    const at = literal.indexOf(0x5c, from);
    const to = at < 0 ? literal.length : at;
    literal.copyWithin(written, from, to);
    written += to - from;
    if (at < 0) return literal.subarray(0, written);
    const byte = at + 1 < literal.length ? unescaped(literal[at + 1]) : -1;
    if (byte < 0) return null;
    literal[written] = byte;
    written += 1;
    from = at + 2;
  }
}
