// A chunk's file, read back: one classic script a chunk (docs/format.md), which a page opened
// from `file://` adds as a script read as windows-1252, and a page over http fetches and reads
// itself. The script holds the chunk's bytes in a string literal, one character a byte, with
// `"`, `\`, line feed and carriage return escaped.

/** What a chunk's file holds before its bytes. */
const START = 'document.currentScript.dispatchEvent(new CustomEvent("corpus-viewer-chunk", { detail: "';

/** What a chunk's file holds after its bytes. */
const END = '" }));\n';

/** The encoding a chunk's script is read in, one character a byte. */
export const CHUNK_FILE_CHARSET = "windows-1252";

/** The bytes 0x80-0x9F as windows-1252 reads them, by byte (the others read as themselves). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * The byte each character up to U+2122 stands for, plus one (0 for none): a character under
 * U+0100 is its byte (as ISO-8859-1 would read it, too), and those of `WINDOWS_1252_HIGH` theirs.
 * A table rather than a map: the chunks of a query are hundreds of thousands of characters.
 */
const BYTE_OF_CHARACTER = (() => {
  const table = new Uint16Array(Math.max(...WINDOWS_1252_HIGH) + 1);
  for (let byte = 0; byte < 0x100; byte += 1) table[byte] = byte + 1;
  WINDOWS_1252_HIGH.forEach((code, i) => (table[code] = 0x80 + i + 1));
  return table;
})();

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

/**
 * The chunk whose script handed over `detail`, the string it read in windows-1252, or null
 * when a character is none that windows-1252 reads a byte as.
 */
export function chunkFromDetail(detail) {
  const bytes = new Uint8Array(detail.length);
  for (let i = 0; i < detail.length; i += 1) {
    const byte = BYTE_OF_CHARACTER[detail.charCodeAt(i)];
    // Past the table, a typed array gives undefined; in it, 0 is no byte.
    if (!byte) return null;
    bytes[i] = byte - 1;
  }
  return bytes;
}
