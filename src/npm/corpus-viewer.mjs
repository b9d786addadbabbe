#!/usr/bin/env node
// The build tool on Node alone: makes a viewer for a folder of documents with the indexer
// compiled to WebAssembly (the same Rust as the native `corpus-viewer` command, so the index
// and every file written are the same, byte for byte) and the engine this package carries.
//
//   corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--chunked | --single-file] [--force]
//   corpus-viewer index DIR OUT [--title TEXT]
//
// The output folder holds only files the build wrote, unless --force: a build never changes or
// removes a file it did not write (see output.mjs).
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { listFolder, readBounded, readManifest } from "./folder.mjs";
import { check, checkIndexFile, FILE_LIST, OutputError, publish, resolvePath } from "./output.mjs";

const USAGE = `usage:
  corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--chunked | --single-file] [--force]
      index the documents (.txt, .md, .html) below DIR and write the viewer into the output
      folder (./dist when absent): index.html, corpus-viewer.js, NAME.corpus.js, NAME.index,
      make.html, example.html, pkg/; past 32 MiB of index (or with --chunked) a chunked
      viewer instead: index.html naming the index's manifest, its chunks in corpus/ (each as
      NAME.js; the manifest also as NAME.bin), make.html, pkg/; TEXT names the corpus, NAME (the element's
      corpus attribute: letters, digits, - and _) defaults to the folder's name
  corpus-viewer index DIR OUT [--title TEXT]
      index the documents below DIR into the new file OUT (never one that exists, nor one inside DIR)`;

/** Arguments that fit no command: the usage is shown. */
class UsageError extends Error {}

const packageFile = (path) => fileURLToPath(new URL(path, import.meta.url));

let indexer = null;

/** The indexer, loaded and instantiated once. */
async function loadIndexer() {
  if (!indexer) {
    indexer = await import("./indexer/corpus_viewer.js");
    indexer.initSync({ module: readFileSync(packageFile("./indexer/corpus_viewer_bg.wasm")) });
  }
  return indexer;
}

/** The files every viewer is made from, by the names the indexer's `viewerFiles` takes. */
function engineFiles() {
  const where = {
    "glue.js": "engine/glue.js",
    "engine.wasm": "pkg/corpus_viewer_bg.wasm",
    "interface.js": "engine/interface.js",
    "indexer-glue.js": "engine/indexer-glue.js",
    "indexer.wasm": "indexer/corpus_viewer_bg.wasm",
    "pkg.js": "pkg/corpus_viewer.js",
    "pkg.d.ts": "pkg/corpus_viewer.d.ts",
    "pkg.wasm": "pkg/corpus_viewer_bg.wasm",
    "pkg.wasm.d.ts": "pkg/corpus_viewer_bg.wasm.d.ts",
    "index.html": "engine/index.html",
    "make.html": "engine/make.html",
    "make.js": "engine/make.js",
    "example.html": "engine/example.html",
  };
  return Object.fromEntries(Object.entries(where).map(([name, path]) => [name, readFileSync(packageFile(`./${path}`))]));
}

/** Splits `--flag value` pairs and switches from the other arguments. */
function parse(args, known, switches) {
  const flags = new Map();
  const rest = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (switches.includes(arg)) flags.set(arg, "");
    else if (known.includes(arg)) {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      flags.set(arg, args[(i += 1)]);
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  return { flags, rest };
}

/** The corpus name a folder gets: its name with every character but ASCII letters, digits, - and _ made a -. */
export function defaultName(dir) {
  const name = Array.from(basename(resolvePath(dir)), (c) => (/[A-Za-z0-9_-]/.test(c) ? c : "-")).join("");
  return name || "corpus";
}

/**
 * Indexes the documents below `dir`; reports what was skipped on stderr and the counts on
 * stdout. Returns the indexer's report, with the index.
 */
async function index(dir, title) {
  let folder = false;
  try {
    folder = statSync(dir).isDirectory();
  } catch {
    // Reported below.
  }
  if (!folder) throw new Error(`${dir}: not a folder`);
  const { Indexer } = await loadIndexer();
  const manifest = readManifest(dir);
  const indexer = new Indexer(manifest, basename(resolve(dir)));
  const { entries, warnings } = listFolder(dir);
  let indexed = 0;
  for (const entry of entries) {
    if (entry.skip) {
      indexer.skip(entry.relative, entry.skip);
      continue;
    }
    let bytes;
    try {
      bytes = readBounded(entry.path);
    } catch (error) {
      indexer.skip(entry.relative, error.message);
      continue;
    }
    if (indexer.add(entry.relative, bytes)) indexed += 1;
  }
  let report;
  try {
    report = indexer.finish(title);
  } catch (error) {
    if (indexed === 0) throw new Error(`${dir}: nothing to index (the folder needs .txt, .md or .html files with text)`);
    throw error;
  }
  for (const { path, reason } of report.skipped) console.error(`skipped ${path}: ${reason}`);
  for (const warning of [...warnings, ...report.warnings]) console.error(`warning: ${warning}`);
  console.log(`${dir}: found ${report.found}, indexed ${report.indexed}, skipped ${report.skipped.length}`);
  console.log(`built an index of ${report.index.length} bytes`);
  return report;
}

async function build(args) {
  const { flags, rest } = parse(args, ["--out", "--title", "--name"], ["--force", "--chunked", "--single-file"]);
  if (rest.length !== 1) throw new UsageError("build takes one folder");
  if (flags.has("--chunked") && flags.has("--single-file")) throw new UsageError("--chunked and --single-file exclude each other");
  const [dir] = rest;
  const name = flags.get("--name") ?? defaultName(dir);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error("--name may hold only ASCII letters, digits, - and _");
  const out = flags.get("--out") ?? "dist";
  const options = { force: flags.has("--force") };
  // Before the slow part: the output folder must be one the build may write into.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a folder`);
  check(out, dir, options);
  const report = await index(dir, flags.get("--title"));
  const { chunkedFromBytes, chunkedViewerFiles, viewerFiles } = await loadIndexer();
  const chunked = flags.has("--chunked") || (!flags.has("--single-file") && report.index.length > chunkedFromBytes());
  const make = chunked ? chunkedViewerFiles : viewerFiles;
  const files = make(engineFiles(), name, report.index, report.title ?? undefined);
  if (chunked) {
    // The manifest's bytes are its one .bin file; each chunk is one .js file, as is the manifest's script.
    const manifest = files.find(([path]) => path.startsWith("corpus/") && path.endsWith(".bin"));
    const chunks = files.filter(([path]) => path.startsWith("corpus/") && path.endsWith(".js")).length - 1;
    console.log(`a chunked viewer: a manifest of ${manifest[1].length} bytes and ${chunks} chunks in corpus/`);
  }
  const published = publish(files, out, dir, options);
  for (const file of published.overwritten) {
    console.error(`warning: --force: replaced ${out}/${file}, which was not the build's own file as it stood`);
  }
  const count = published.written.length === 1 ? "1 file" : `${published.written.length} files`;
  const unchanged = published.unchanged ? `, and left ${published.unchanged} unchanged since the last build` : "";
  console.log(`wrote ${count} into ${out}${unchanged} (listed with their hashes in ${out}/${FILE_LIST})`);
  if (published.removed.length) console.log(`removed what an earlier build wrote and this one does not: ${published.removed.join(", ")}`);
  if (published.untouched.length) console.log(`left ${published.untouched.length} other files and folders untouched`);
}

async function indexOnly(args) {
  const { flags, rest } = parse(args, ["--title"], []);
  if (rest.length !== 2) throw new UsageError("index takes a folder and a file");
  const [dir, out] = rest;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: not a folder`);
  checkIndexFile(out, dir);
  const report = await index(dir, flags.get("--title"));
  writeFileSync(out, report.index, { flag: "wx" });
  console.log(`wrote ${out}`);
}

async function main(args) {
  try {
    if (args[0] === "build") await build(args.slice(1));
    else if (args[0] === "index") await indexOnly(args.slice(1));
    else if (args[0] === "--help" || args[0] === "-h") console.log(USAGE);
    else throw new UsageError(args.length ? `unknown command ${args[0]}` : "no command");
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`corpus-viewer: ${error.message}\n${USAGE}`);
      return 2;
    }
    const known = error instanceof OutputError || error.name === "Error";
    const message = error instanceof WebAssembly.RuntimeError
      ? `the indexer stopped (${error.message}): the folder may be too large for the indexer in WebAssembly (4 GiB of memory); the native corpus-viewer command has no such bound`
      : error.message;
    console.error(`corpus-viewer: ${message}`);
    if (!known && process.env.CORPUS_VIEWER_DEBUG) console.error(error.stack);
    return 1;
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
