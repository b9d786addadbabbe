// dist/pkg, the engine alone as wasm-bindgen's web target, used from Node: initSync with the
// module's bytes, Corpus.fromBytes with the index the build wrote beside it (dist/seeds.index),
// then the same calls the page makes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../../dist/pkg/", import.meta.url);
if (!existsSync(fileURLToPath(new URL("corpus_viewer.js", pkg)))) {
  throw new Error("dist/pkg is missing: run ./build.sh first");
}
const { initSync, Corpus } = await import(new URL("corpus_viewer.js", pkg));
initSync({ module: readFileSync(fileURLToPath(new URL("corpus_viewer_bg.wasm", pkg))) });
const corpus = Corpus.fromBytes(readFileSync(fileURLToPath(new URL("../seeds.index", pkg))));

test("the package loads in Node and lists the documents of the index", () => {
  const documents = corpus.documents();
  assert.equal(documents.length, 5);
  assert.deepEqual(Object.keys(documents[0]).sort(), ["date", "id", "lang", "source", "tags", "title", "url", "words"]);
  assert.ok(documents.every((doc) => doc.lang === "en"), "the seeds are English, detected");
});

test("a search from Node returns ranked hits with UTF-16 highlight ranges", () => {
  const result = corpus.search("goldstone", { limit: 5 });
  assert.equal(result.total, 1);
  const { snippet } = result.hits[0];
  const [start, end] = snippet.highlights[0];
  assert.equal(snippet.text.slice(start, end), "Goldstone");
});

test("highlights index JavaScript strings correctly after curly quotes", () => {
  const view = corpus.document("004_3f9cf636cd48761c", "Khamenei’s ");
  assert.ok(view.highlights.length > 10);
  for (const [start, end] of view.highlights) {
    assert.match(view.text.slice(start, end), /^Khamenei(’s)?$/);
  }
});

test("the same index bytes open the same corpus, and damaged bytes are refused", () => {
  const bytes = readFileSync(fileURLToPath(new URL("../seeds.index", pkg)));
  const other = Corpus.fromBytes(bytes);
  assert.deepEqual(other.documents(), corpus.documents());
  assert.deepEqual(other.search("goldstone"), corpus.search("goldstone"));
  assert.throws(() => Corpus.fromBytes(bytes.subarray(0, bytes.length - 100)), /the index is damaged/);
  const altered = Uint8Array.from(bytes);
  altered[4] = 99;
  assert.throws(() => Corpus.fromBytes(altered), /format version 99 is not supported/);
});

test("bad arguments throw errors that say what is wrong", () => {
  assert.throws(() => corpus.document("nope"), { message: 'no document has the id "nope"' });
  assert.throws(() => corpus.search(42), { message: "search(query): query must be a string" });
  assert.throws(() => corpus.search("x", { limt: 3 }), /unknown option `limt`/);
  assert.throws(() => corpus.search("x", { limit: 0 }), /limit must be between 1 and 10000/);
  assert.throws(() => Corpus.fromBytes(new Uint8Array([1, 2, 3])), /not a corpus index/);
});
