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

/** The byte of each character of `WINDOWS_1252_HIGH`. */
const BYTE_OF_HIGH = new Map(WINDOWS_1252_HIGH.map((code, i) => [code, 0x80 + i]));

const ASCII = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const START_BYTES = ASCII(START);
const END_BYTES = ASCII(END);

/** The byte each escape `\c` in the literal stands for, by `c`. */
const UNESCAPED = new Map([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
]);

/**
 * The chunk a chunk's file of `file` (its bytes, as fetched) holds, or null when it is not one
 * (cut short, or changed where it escapes a byte). Reads into `file`'s own memory.
 */
export function chunkFromFile(file) {
  if (file.length < START_BYTES.length + END_BYTES.length) return null;
  for (let i = 0; i < START_BYTES.length; i += 1) if (file[i] !== START_BYTES[i]) return null;
  const end = file.length - END_BYTES.length;
  for (let i = 0; i < END_BYTES.length; i += 1) if (file[end + i] !== END_BYTES[i]) return null;
  let written = 0;
  for (let at = START_BYTES.length; at < end; at += 1) {
    let byte = file[at];
    if (byte === 0x5c) {
      at += 1;
      byte = at < end ? UNESCAPED.get(file[at]) : undefined;
      if (byte === undefined) return null;
    } else if (byte === 0x22 || byte === 0x0a || byte === 0x0d) return null;
    file[written] = byte;
    written += 1;
  }
  return file.subarray(0, written);
}

/**
 * The chunk whose script handed over `detail`, the string it read in windows-1252, or null
 * when a character is none that windows-1252 reads a byte as.
 */
export function chunkFromDetail(detail) {
  const bytes = new Uint8Array(detail.length);
  for (let i = 0; i < detail.length; i += 1) {
    const code = detail.charCodeAt(i);
    // A character under 0x100 is its byte (as ISO-8859-1 would read it, too).
    if (code <= 0xff) bytes[i] = code;
    else {
      const byte = BYTE_OF_HIGH.get(code);
      if (byte === undefined) return null;
      bytes[i] = byte;
    }
  }
  return bytes;
}
