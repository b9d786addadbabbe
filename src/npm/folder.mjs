// Reading a corpus folder with Node, by the rules of the `corpus-viewer` command (its
// src/folder.rs): every `.txt`, `.md` and `.html` file below the folder is handed to the indexer,
// in the order of the paths' UTF-8 bytes; hidden files and folders (names starting with a dot),
// links to folders, links leading out of the folder, FIFOs, sockets and devices, files over the
// size bound and files that cannot be read are reported with the reason, never dropped
// silently. Which bytes make a document, and how, is the indexer's (Rust) business.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";

/** The manifest's file name, at the top of the folder. */
export const MANIFEST = "corpus.toml";
/** The list of the files a build wrote; never a document. */
const FILE_LIST = ".corpus-viewer-files";
/** Files larger than this are skipped (as the command does). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const windows1252 = new TextDecoder("windows-1252");
const SLASH = Buffer.from("/");

/**
 * A file name as text: UTF-8 as it is; any other bytes read as windows-1252, which gives every
 * byte its own character, so two different names never become one.
 * @param {Buffer} bytes
 * @returns {{ name: string, guessed: boolean }}
 */
export function nameOf(bytes) {
  try {
    return { name: utf8.decode(bytes), guessed: false };
  } catch {
    return { name: windows1252.decode(bytes), guessed: true };
  }
}

/** Whether a file of this name is a document by its extension (compared in ASCII case). */
export function isDocumentName(name) {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return false;
  const extension = name.slice(dot + 1).replace(/[A-Z]/g, (c) => c.toLowerCase());
  return ["txt", "text", "md", "markdown", "html", "htm"].includes(extension);
}

/** What a file that is neither a regular file, a folder nor a link is, for a person. */
function specialKind(stats) {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "a device";
  return "a special file";
}

/** A system error for a person: "permission denied (EACCES)", without the path. */
function reason(error) {
  const said = /^\w+: ([^,]*)/.exec(error.message ?? "");
  return said && error.code ? `${said[1]} (${error.code})` : String(error.message ?? error);
}

function tooLarge(bytes) {
  return `${Math.ceil(bytes / (1024 * 1024))} MiB is over the ${MAX_FILE_BYTES / (1024 * 1024)} MiB limit for one file`;
}

/** Compares two paths as their UTF-8 bytes, the order the indexer takes files in. */
export const compareUtf8 = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Every candidate below `dir`, sorted by path: `{ relative, path }` for a file to read (`path`
 * a Buffer, as names need not be UTF-8), `{ relative, skip }` for one passed over with the
 * reason; and the warnings (names that are not UTF-8).
 * @param {string} dir
 */
export function listFolder(dir) {
  const root = realpathSync(Buffer.from(dir), { encoding: "buffer" });
  const rootSlash = Buffer.concat([root, SLASH]);
  const files = [];
  const skipped = [];
  const warnings = [];
  const skip = (relative, why) => skipped.push({ relative, skip: why });
  const walk = (folder, prefix) => {
    let entries;
    try {
      entries = readdirSync(folder, { encoding: "buffer", withFileTypes: true });
    } catch (error) {
      skip(prefix ? prefix.slice(0, -1) : ".", `the folder cannot be read: ${reason(error)}`);
      return;
    }
    for (const entry of entries) {
      const { name, guessed } = nameOf(entry.name);
      const relative = prefix + name;
      const path = Buffer.concat([folder, SLASH, entry.name]);
      if (name === FILE_LIST || (!prefix && name === MANIFEST)) continue;
      const candidate = isDocumentName(name);
      if (name.startsWith(".")) {
        if (entry.isDirectory() || candidate) skip(relative, "hidden: its name starts with a dot");
        continue;
      }
      if (guessed && (entry.isDirectory() || candidate)) warnings.push(`${relative}: the name is not UTF-8; read as windows-1252`);
      if (entry.isDirectory()) {
        walk(path, `${relative}/`);
      } else if (entry.isSymbolicLink()) {
        let target;
        try {
          target = realpathSync(path, { encoding: "buffer" });
        } catch {
          if (candidate) skip(relative, "a link to nothing: its target does not exist");
          continue;
        }
        let stats;
        try {
          stats = statSync(target);
        } catch (error) {
          if (candidate) skip(relative, `cannot be read: ${reason(error)}`);
          continue;
        }
        if (stats.isDirectory()) {
          skip(relative, "a link to a folder: links to folders are not followed");
        } else if (!candidate) {
          continue;
        } else if (!target.subarray(0, rootSlash.length).equals(rootSlash)) {
          skip(relative, "links to a file outside the corpus folder");
        } else if (stats.isFile()) {
          files.push({ relative, path: target });
        } else {
          skip(relative, `links to ${specialKind(stats)}, not a regular file`);
        }
      } else if (candidate) {
        if (entry.isFile()) files.push({ relative, path });
        else skip(relative, `not a regular file but ${specialKind(entry)}`);
      }
    }
  };
  walk(root, "");
  return { entries: [...files, ...skipped].sort((a, b) => compareUtf8(a.relative, b.relative)), warnings };
}

/**
 * The bytes of a regular file, at most {@link MAX_FILE_BYTES} of them; throws an Error whose
 * message is the reason to report.
 * @param {Buffer} path
 */
export function readBounded(path) {
  let stats;
  try {
    // Checked before opening: opening a FIFO waits for a writer, forever.
    stats = statSync(path);
  } catch (error) {
    throw new Error(`cannot be read: ${reason(error)}`);
  }
  if (!stats.isFile()) throw new Error(`not a regular file but ${specialKind(stats)}`);
  if (stats.size > MAX_FILE_BYTES) throw new Error(tooLarge(stats.size));
  let fd;
  try {
    fd = openSync(path, "r");
    // One byte more than the size, to see a file that grew; at most one past the bound.
    let bytes = Buffer.alloc(Math.min(fstatSync(fd).size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > MAX_FILE_BYTES) break;
        const larger = Buffer.alloc(Math.min(length * 2, MAX_FILE_BYTES + 1));
        bytes.copy(larger);
        bytes = larger;
      }
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > MAX_FILE_BYTES) throw Object.assign(new Error(tooLarge(length)), { sized: true });
    return bytes.subarray(0, length);
  } catch (error) {
    if (error.sized) throw error;
    throw new Error(`cannot be read: ${reason(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The manifest's text, or undefined when the folder has none; throws when it cannot be read or
 * is not UTF-8.
 * @param {string} dir
 */
export function readManifest(dir) {
  let bytes;
  try {
    bytes = readFileSync(`${dir}/${MANIFEST}`);
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw new Error(`${dir}/${MANIFEST}: ${reason(error)}`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error(`${dir}/${MANIFEST}: the manifest is not UTF-8`);
  }
}
