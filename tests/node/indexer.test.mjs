// The indexer compiled to Wasm (target/engine/indexer, built by ./build.sh), fed a folder's
// files by Node: it must make the same index, byte for byte, as the native command, and report
// the same counts, so that an index is the same whatever made it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

import { listFolder, readBounded, readManifest } from "../../src/npm/folder.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const glue = join(target, "engine/indexer/corpus_viewer.js");
const command = join(target, "release/corpus-viewer");
if (!existsSync(glue) || !existsSync(command)) throw new Error("the indexer or the command is missing: run ./build.sh first");
const { initSync, Indexer } = await import(glue);
initSync({ module: readFileSync(join(target, "engine/indexer/corpus_viewer_bg.wasm")) });

/** The folder read by the npm package's rules (src/npm/folder.mjs), and indexed. */
function indexWithWasm(dir) {
  const indexer = new Indexer(readManifest(dir), basename(dir));
  for (const entry of listFolder(dir).entries) {
    if (entry.skip) indexer.skip(entry.relative, entry.skip);
    else indexer.add(entry.relative, readBounded(entry.path));
  }
  return indexer.finish();
}

function indexNatively(dir) {
  const work = mkdtempSync(join(tmpdir(), "corpus-viewer-indexer-"));
  try {
    const said = execFileSync(command, ["index", dir, join(work, "index.bin")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const [, found, indexed, skipped] = /found (\d+), indexed (\d+), skipped (\d+)/.exec(said).map(Number);
    return { bytes: readFileSync(join(work, "index.bin")), found, indexed, skipped };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

for (const corpus of ["seeds", "tests/fixtures/mixed", "tests/fixtures/rtl", "tests/fixtures/site"]) {
  test(`the Wasm indexer makes the command's index of ${corpus}, byte for byte`, () => {
    const dir = join(root, corpus);
    const native = indexNatively(dir);
    const wasm = indexWithWasm(dir);
    assert.equal(wasm.indexed, native.indexed);
    assert.equal(wasm.found, native.found);
    assert.equal(wasm.skipped.length, native.skipped);
    assert.ok(wasm.index instanceof Uint8Array);
    assert.equal(Buffer.compare(Buffer.from(wasm.index), native.bytes), 0, `the ${wasm.index.length} bytes of the Wasm index equal the command's ${native.bytes.length}`);
  });
}

test("the Wasm indexer refuses files out of order, paths that are not relative, and an empty corpus", () => {
  const indexer = new Indexer();
  assert.equal(indexer.add("b.txt", Buffer.from("Some text.")), true);
  assert.throws(() => indexer.add("a.txt", Buffer.from("x")), /order of their paths/);
  assert.throws(() => indexer.add("../c.txt", Buffer.from("x")), /not a path relative/);
  assert.throws(() => indexer.add("/c.txt", Buffer.from("x")), /not a path relative/);
  assert.equal(indexer.add("c.csv", Buffer.from("x")), false, "not a document by its extension");
  assert.equal(indexer.add("d/.hidden/e.txt", Buffer.from("x")), false);
  assert.equal(indexer.add("d/.hidden/f.txt", Buffer.from("x")), false);
  const report = indexer.finish("A title");
  assert.equal(report.indexed, 1);
  assert.equal(report.title, "A title");
  assert.deepEqual(report.skipped, [{ path: "d/.hidden", reason: "hidden: its name starts with a dot" }], "a hidden folder is reported once");
  assert.throws(() => indexer.finish(), /already finished/);

  const empty = new Indexer();
  empty.add("blank.txt", Buffer.from("   "));
  assert.throws(() => empty.finish(), /nothing to index/);
  assert.throws(() => new Indexer("title = "), /corpus.toml/);
});
