// A chunk's file read back as the page reads it: fetched (its bytes), or added as a script that
// the browser reads as windows-1252 (the string it hands over, made here by the same decoder),
// whose string the engine reads (dist/pkg, the engine built by ./build.sh).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";

import { CHUNK_FILE_CHARSET, chunkFromFile } from "../../www/viewer/chunkfile.js";

const pkg = new URL("../../dist/pkg/", import.meta.url);
if (!existsSync(fileURLToPath(new URL("corpus_viewer.js", pkg)))) {
  throw new Error("dist/pkg is missing: run ./build.sh first");
}
const { initSync, chunkFromScript } = await import(new URL("corpus_viewer.js", pkg));
initSync({ module: readFileSync(fileURLToPath(new URL("corpus_viewer_bg.wasm", pkg))) });

const START = 'document.currentScript.dispatchEvent(new CustomEvent("corpus-viewer-chunk", { detail: "';
const END = '" }));\n';

/** Every byte, each once, then some again in another order. */
const EVERY_BYTE = Uint8Array.from({ length: 512 }, (_, i) => (i < 256 ? i : (i * 37) % 256));

/** A chunk's file of `bytes`, as docs/format.md writes it. */
function fileOf(bytes) {
  const escapes = { 0x22: '\\"', 0x5c: "\\\\", 0x0a: "\\n", 0x0d: "\\r" };
  const parts = [Buffer.from(START, "latin1")];
  for (const byte of bytes) parts.push(Buffer.from(escapes[byte] ?? String.fromCharCode(byte), "latin1"));
  parts.push(Buffer.from(END, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

describe("a chunk's file", () => {
  it("gives back every byte when fetched", () => {
    const file = fileOf(EVERY_BYTE);
    assert.equal(file.length, START.length + 512 + 8 + END.length);
    assert.deepEqual(chunkFromFile(file), EVERY_BYTE);
    assert.deepEqual(chunkFromFile(fileOf(new Uint8Array(0))), new Uint8Array(0));
  });

  it("gives back every byte from the string its script hands over, read as windows-1252", () => {
    // What the script's string literal holds, as the browser decodes it.
    const file = fileOf(EVERY_BYTE);
    const text = new TextDecoder(CHUNK_FILE_CHARSET).decode(file);
    // Run as the script it is, on a stand-in for its element.
    const handed = [];
    const element = { dispatchEvent: (event) => handed.push(event) };
    const CustomEvent = class {
      constructor(type, init) {
        Object.assign(this, { type, detail: init.detail });
      }
    };
    runInNewContext(text, { document: { currentScript: element }, CustomEvent });
    assert.equal(handed.length, 1);
    assert.equal(handed[0].type, "corpus-viewer-chunk");
    const detail = handed[0].detail;
    assert.equal(detail.length, 512);
    assert.deepEqual(chunkFromScript(detail), EVERY_BYTE);
    // A character no byte is read as.
    assert.equal(chunkFromScript("ab\u0100"), undefined);
    // Bytes 0x80-0x9F as windows-1252 reads them (Node's decoder reads them as ISO-8859-1 does).
    assert.deepEqual(chunkFromScript("\u20ac\u0081\u201a\u0178"), Uint8Array.from([0x80, 0x81, 0x82, 0x9f]));
  });

  it("gives nothing for a file cut short, or with an escape it does not use", () => {
    const file = () => fileOf(Uint8Array.from([0x78, 0x22, 0x79, 0x0a, 0x7a]));
    const whole = file();
    assert.equal(chunkFromFile(whole.slice(0, -1)), null);
    assert.equal(chunkFromFile(whole.slice(1)), null);
    const escapedQuote = START.length + 2;
    const unknownEscape = file();
    unknownEscape[escapedQuote] = 0x71;
    assert.equal(chunkFromFile(unknownEscape), null);
    // A byte changed elsewhere gives other bytes, which the chunk's name refuses.
    const rawQuote = file();
    rawQuote[escapedQuote - 1] = 0x71;
    assert.deepEqual(chunkFromFile(rawQuote), Uint8Array.from([0x78, 0x71, 0x22, 0x79, 0x0a, 0x7a]));
    const lastBackslash = new Uint8Array(Buffer.from(`${START}\\${END}`, "latin1"));
    assert.equal(chunkFromFile(lastBackslash), null);
    assert.equal(chunkFromFile(new Uint8Array(Buffer.from("<html>404</html>"))), null);
  });
});
