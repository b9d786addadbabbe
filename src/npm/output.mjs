// The output folder of a build, by the rules of the `corpus-viewer` command (its
// src/output.rs), so that a build never loses a file it did not write:
//
// - The output folder may not be the corpus folder or lie inside it (links resolved).
// - A build lists what it wrote in `.corpus-viewer-files` inside the output folder, one file a
//   line as `sha256sum` prints it (`HASH  PATH`). A later build replaces or removes a file only
//   when that list names it and its bytes still have the recorded hash.
// - Any other file or folder makes the build refuse and name it, unless forced; forced, a
//   build overwrites only the listed files it writes itself and still removes nothing it did
//   not write.
// - A file the build did not write that has the name of one it writes is refused even when
//   forced: the build never replaces what it did not create.
// - The files are first written into a temporary folder inside the output folder, then each is
//   renamed into place; the list is updated before and after the renames, so an interrupted
//   build leaves every file either recorded with its hash or untouched.
import { createHash } from "node:crypto";
import {
  closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync,
  renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync,
} from "node:fs";
import { dirname, join, resolve as absolute, sep } from "node:path";

import { compareUtf8 as byUtf8 } from "./folder.mjs";

/** The list of the files a build wrote, inside the output folder. */
export const FILE_LIST = ".corpus-viewer-files";
/** The start of the name of the temporary folder a build writes its files into. */
export const PARTIAL_PREFIX = ".corpus-viewer-partial-";
/** Files every build writes, relative to the output folder. */
const ALWAYS_WRITTEN = [
  "index.html", "corpus-viewer.js", "example.html", "pkg/corpus_viewer.js", "pkg/corpus_viewer.d.ts",
  "pkg/corpus_viewer_bg.wasm", "pkg/corpus_viewer_bg.wasm.d.ts",
];
/** How many paths a refusal names before it says "and N more". */
const NAMED = 5;

/** A refusal or failure of the build, for a person. */
export class OutputError extends Error {}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * `path` made absolute and free of links, `.` and `..`, whether or not it exists: its nearest
 * existing ancestor resolved, with the rest appended.
 * @param {string} path
 */
export function resolvePath(path) {
  const rest = [];
  let base = absolute(path);
  for (;;) {
    try {
      return join(realpathSync(base), ...rest.reverse());
    } catch (error) {
      if (error.code !== "ENOENT") throw new OutputError(`${base}: ${error.message}`);
      let isLink = false;
      try {
        isLink = lstatSync(base).isSymbolicLink();
      } catch {
        // Not there at all: its parent is tried next.
      }
      if (isLink) throw new OutputError(`${base}: a link to something that does not exist`);
      const parent = dirname(base);
      if (parent === base) throw new OutputError(`${path}: ${error.message}`);
      rest.push(base.slice(parent.length).replace(/^[\\/]+/, ""));
      base = parent;
    }
  }
}

const inside = (path, folder) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/**
 * Checks where the output folder is: not the corpus folder, not inside it, not an existing
 * file. Returns the resolved output folder.
 */
export function checkLocation(out, corpus) {
  const resolved = resolvePath(out);
  const root = realpathSync(corpus);
  if (resolved === root) {
    throw new OutputError(`the output folder ${out} is the corpus folder: the build would mix its files with your documents; pick another folder with --out`);
  }
  if (inside(resolved, root)) {
    throw new OutputError(`the output folder ${out} is inside the corpus folder ${corpus}: the next build would index its own output; pick a folder outside it with --out`);
  }
  if (existsSync(resolved) && !statSync(resolved).isDirectory()) {
    throw new OutputError(`the output ${out} is a file, not a folder; pick a folder with --out`);
  }
  return resolved;
}

/** A plain relative path with `/` separators: no `.`, `..`, empty or absolute parts. */
export function isRelative(path) {
  return path !== "" && !/[\n\\\0]/.test(path) && path.split("/").every((p) => p !== "" && p !== "." && p !== "..");
}

/** The file list of `out`: path → every hash recorded for it; null when there is none. */
function readList(out) {
  const path = join(out, FILE_LIST);
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw new OutputError(`${path}: ${error.message}`);
  }
  const list = new Map();
  text.split("\n").forEach((line, number) => {
    if (line.trim() === "") return;
    const at = line.indexOf("  ");
    const hash = at < 0 ? "" : line.slice(0, at);
    const file = line.slice(at + 2);
    if (at < 0 || !/^[0-9a-fA-F]{64}$/.test(hash) || !isRelative(file)) {
      throw new OutputError(`${path}:${number + 1}: not a line of the build's file list (HASH  PATH); remove the list, or pass --force to treat every file as not the build's own`);
    }
    if (!list.has(file)) list.set(file, []);
    list.get(file).push(hash.toLowerCase());
  });
  return list;
}

/**
 * Sorts what `out` holds into the build's own unchanged files (`ours`: path → hash), listed
 * files the user changed (`changed`), and everything else (`foreign`; a folder ends with `/`
 * and stands for all it holds). A missing folder holds nothing.
 */
function contents(out, force) {
  const found = { ours: new Map(), changed: [], foreign: [] };
  if (!existsSync(out)) return found;
  let list;
  try {
    list = readList(out) ?? new Map();
  } catch (error) {
    if (!force) throw error;
    list = new Map();
  }
  const sortFolder = (dir, prefix) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => byUtf8(a.name, b.name));
    for (const entry of entries) {
      const relative = prefix + entry.name;
      if (relative === FILE_LIST) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const folder = `${relative}/`;
        if ([...list.keys()].some((listed) => listed.startsWith(folder))) sortFolder(path, folder);
        else found.foreign.push(folder);
        continue;
      }
      const hashes = list.get(relative);
      if (!hashes) found.foreign.push(relative);
      else if (!entry.isFile()) found.changed.push(relative);
      else {
        const hash = sha256(readFileSync(path));
        if (hashes.includes(hash)) found.ours.set(relative, hash);
        else found.changed.push(relative);
      }
    }
  };
  sortFolder(out, "");
  return found;
}

function nameSome(paths) {
  const named = paths.slice(0, NAMED).join(", ");
  return paths.length > NAMED ? `${named} and ${paths.length - NAMED} more` : named;
}

/** Refuses, with the paths named, an output folder a build without `force` may not write into. */
function checkContents(out, found, force) {
  if (force) return;
  if (found.changed.length) {
    const them = found.changed.length === 1 ? "it" : "them";
    throw new OutputError(`${out}: ${nameSome(found.changed)} changed since the build wrote ${them}, and the build keeps your changes: move ${them} away, or pass --force to overwrite the build's own files`);
  }
  if (found.foreign.length) {
    throw new OutputError(`the output folder ${out} holds files the build did not write (${nameSome(found.foreign)}); pick an empty folder, or pass --force to write only the build's own files and leave the others untouched`);
  }
}

/**
 * Refuses, even when forced, to write any of `files` where `out` holds a file or link the
 * build did not write (one its list does not name): it is the user's, and is never replaced.
 */
function checkKept(out, found, files) {
  const kept = files.filter((file) => {
    if (found.ours.has(file) || found.changed.includes(file)) return false;
    try {
      return !lstatSync(join(out, ...file.split("/"))).isDirectory();
    } catch {
      return false;
    }
  });
  if (!kept.length) return;
  kept.sort();
  const [one, it] = kept.length === 1 ? ["a file", "it"] : ["files", "them"];
  throw new OutputError(`${out}: ${one} the build did not write, where it writes its own (${nameSome(kept)}); the build never replaces a file it did not write, even with --force: move ${it} away or pick another output folder`);
}

/** Checks, writing nothing, that a build of `corpus` may write into `out`. */
export function check(out, corpus, { force = false } = {}) {
  const resolved = checkLocation(out, corpus);
  const found = contents(resolved, force);
  checkContents(out, found, force);
  checkKept(resolved, found, ALWAYS_WRITTEN);
}

/**
 * Checks where the one file of an index alone goes: not inside the corpus folder (links
 * resolved), and not where anything already is. Returns the resolved path.
 */
export function checkIndexFile(out, corpus) {
  const resolved = resolvePath(out);
  if (inside(resolved, realpathSync(corpus))) {
    throw new OutputError(`the index file ${out} is inside the corpus folder ${corpus}: the next build would read it as a document; name a file outside it`);
  }
  let exists = true;
  try {
    lstatSync(resolved);
  } catch {
    exists = false;
  }
  if (exists) throw new OutputError(`${out} already exists, and the build never replaces a file it did not write: remove it or name another file`);
  return resolved;
}

/** Refuses a file the build writes where there is a folder, or a folder where there is a file. */
function checkPaths(out, files) {
  for (const file of files) {
    const parts = file.split("/");
    let path = out;
    for (let i = 0; i < parts.length; i += 1) {
      path = join(path, parts[i]);
      let stats;
      try {
        stats = lstatSync(path);
      } catch {
        break;
      }
      const last = i + 1 === parts.length;
      if (last && stats.isDirectory()) throw new OutputError(`${path}: a folder where the build writes a file; move it away`);
      if (!last && !stats.isDirectory()) throw new OutputError(`${path}: not a folder, but the build writes ${file} into it; move it away`);
    }
  }
}

/** Writes `bytes` to a new file at `path`, flushed to disk. */
function writeNew(path, bytes) {
  const fd = openSync(path, "wx");
  try {
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file list atomically: into `scratch`, then renamed over `out/FILE_LIST`. */
function writeList(out, scratch, entries) {
  const temporary = join(scratch, FILE_LIST);
  rmSync(temporary, { force: true });
  writeNew(temporary, Buffer.from(entries.map(([path, hash]) => `${hash}  ${path}\n`).join("")));
  renameSync(temporary, join(out, FILE_LIST));
}

/**
 * Writes `files` (`[path, bytes]`, paths relative with `/`) into the output folder `out` by the
 * rules of this module, and removes earlier unchanged files the build no longer writes.
 * A file an earlier build wrote with the same bytes is left as it is. Returns `{ written,
 * removed, overwritten, untouched }`, lists of relative paths, and `unchanged`, how many files
 * were left as they were.
 */
export function publish(files, out, corpus, { force = false } = {}) {
  const resolved = checkLocation(out, corpus);
  const paths = files.map(([path]) => path);
  const bad = paths.find((path) => !isRelative(path) || path === FILE_LIST || path.startsWith(PARTIAL_PREFIX));
  if (bad !== undefined) throw new OutputError(`${JSON.stringify(bad)}: not a name the build may write`);
  if (!files.length) throw new OutputError("nothing to publish");
  const found = contents(resolved, force);
  checkContents(out, found, force);
  checkKept(resolved, found, paths);
  checkPaths(resolved, paths);
  mkdirSync(resolved, { recursive: true });

  const scratch = join(resolved, `${PARTIAL_PREFIX}${process.pid}`);
  mkdirSync(scratch);
  try {
    // A file an earlier build wrote with the same bytes, unchanged since, stays as it is: a
    // rebuild of a chunked corpus writes only the chunks that changed.
    const written = new Map();
    const changed = [];
    files.forEach(([path, bytes], i) => {
      const hash = sha256(bytes);
      written.set(path, hash);
      if (found.ours.get(path) === hash) return;
      writeNew(join(scratch, String(i)), bytes);
      changed.push(i);
    });
    // While files are renamed, both the old and the new hash of each count as the build's.
    const both = [...found.ours, ...written].sort((a, b) => byUtf8(a[0], b[0]) || byUtf8(a[1], b[1]));
    writeList(resolved, scratch, both);

    const published = { written: [], removed: [], overwritten: [], untouched: [], unchanged: files.length - changed.length };
    changed.forEach((i) => {
      const [path] = files[i];
      const target = join(resolved, ...path.split("/"));
      mkdirSync(dirname(target), { recursive: true });
      if (existsSync(target) && !found.ours.has(path)) published.overwritten.push(path);
      renameSync(join(scratch, String(i)), target);
      published.written.push(path);
    });
    for (const [path, hash] of found.ours) {
      if (written.has(path)) continue;
      const target = join(resolved, ...path.split("/"));
      let stats;
      try {
        stats = lstatSync(target);
      } catch {
        continue;
      }
      if (stats.isFile() && sha256(readFileSync(target)) === hash) {
        unlinkSync(target);
        published.removed.push(path);
        // Folders the removal emptied go too; a folder still holding anything stays.
        for (let dir = dirname(target); dir !== resolved && inside(dir, resolved); dir = dirname(dir)) {
          try {
            rmdirSync(dir);
          } catch {
            break;
          }
        }
      }
    }
    writeList(resolved, scratch, [...written].sort((a, b) => byUtf8(a[0], b[0])));
    published.untouched = [...found.foreign, ...found.changed].filter((path) => !written.has(path));
    return published;
  } finally {
    // The folder and everything in it are the build's own: it made the folder new.
    rmSync(scratch, { recursive: true, force: true });
  }
}
