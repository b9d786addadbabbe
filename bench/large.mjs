// Writes a large synthetic corpus for the scale benchmarks: documents of running English-like
// text in folders (one folder a source), to any size (10 MB, 100 MB, 1 GB), the same for the
// same seed.
//
//   node bench/large.mjs OUT_DIR SIZE_MB [seed=1] [median-words=600]
//
// A mail-sized corpus (6,000 mails in 12.5 MB): `node bench/large.mjs OUT 12.5 1 210`.
//
// Copies of one text would make a dictionary that stops growing; real archives keep meeting
// new words (names, places, misspellings, numbers), roughly as Heaps' law says: V(n) ≈ K·n^β.
// So the text is drawn from two models trained on the Brown corpus:
// - a word bigram model (each word drawn by the word before it, sentences started as Brown's
//   start), which gives Brown's frequencies and local word order;
// - a character trigram model over Brown's word list, which invents new words that look like
//   English ones. A word of the text is a new invented word with probability K·β·n^(β−1) (n:
//   words so far; K = 30, β = 0.55, so 1 GB of text has about a million distinct words, as news
//   archives of that size do), and an invented word seen before with probability 2%, chosen
//   with Zipf weights so that some recur often and most rarely.
// Document lengths are log-normal (median about 600 words, like news articles and mails), each
// with a title line and a date in its first line (`Date: YYYY-MM-DD`).
//
// OUT_DIR must be new or empty, or a folder this script wrote (it holds `.large-corpus`); only
// then is it replaced.

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brownIds, brownText } from "./corpus.mjs";
import { prng } from "./queries.mjs";

const MARKER = ".large-corpus";
const HEAPS_K = 30;
const HEAPS_BETA = 0.55;
const INVENTED_REUSE = 0.02;
const SOURCES = 24;
const FILES_PER_FOLDER = 1000;

/** Draws from counts: `keys[i]` with weight `weights[i]`, by binary search over cumulative sums. */
class Distribution {
  constructor(counts) {
    this.keys = [...counts.keys()];
    this.cumulative = new Float64Array(this.keys.length);
    let total = 0;
    this.keys.forEach((key, i) => {
      total += counts.get(key);
      this.cumulative[i] = total;
    });
    this.total = total;
  }

  draw(random) {
    const target = random() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle] <= target) low = middle + 1;
      else high = middle;
    }
    return this.keys[low];
  }
}

function increment(map, key, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** The models of Brown's text: sentence starts, word bigrams, and character trigrams of its words. */
export function trainModels() {
  const starts = new Map();
  const following = new Map();
  const words = new Set();
  for (const id of brownIds()) {
    for (const paragraph of brownText(id).split("\n\n")) {
      const tokens = paragraph.split(/\s+/).filter(Boolean);
      let previous = null;
      for (const token of tokens) {
        if (previous === null) increment(starts, token);
        else {
          if (!following.has(previous)) following.set(previous, new Map());
          increment(following.get(previous), token);
        }
        if (/^[a-z]{3,}$/.test(token)) words.add(token);
        previous = /[.!?]["”]?$/.test(token) ? null : token;
      }
    }
  }
  const letters = new Map();
  for (const word of words) {
    const padded = `^^${word}$`;
    for (let i = 2; i < padded.length; i += 1) {
      const context = padded.slice(i - 2, i);
      if (!letters.has(context)) letters.set(context, new Map());
      increment(letters.get(context), padded[i]);
    }
  }
  const next = new Map();
  for (const [word, counts] of following) next.set(word, new Distribution(counts));
  const letterNext = new Map();
  for (const [context, counts] of letters) letterNext.set(context, new Distribution(counts));
  return { starts: new Distribution(starts), next, letterNext, known: words };
}

/** The text generator: `sentence()` gives one sentence, drawing from the models with `random`. */
export class Generator {
  constructor(models, random) {
    this.models = models;
    this.random = random;
    this.words = 0;
    this.invented = [];
    this.inventedSet = new Set();
  }

  /** A new word, English-looking, not in Brown and not invented before. */
  invent() {
    for (;;) {
      let word = "";
      let context = "^^";
      while (word.length < 14) {
        const letter = this.models.letterNext.get(context)?.draw(this.random) ?? "$";
        if (letter === "$") break;
        word += letter;
        context = context[1] + letter;
      }
      if (word.length < 3 || this.models.known.has(word) || this.inventedSet.has(word)) continue;
      this.inventedSet.add(word);
      // About a third of new words are names.
      const shown = this.random() < 0.35 ? word[0].toUpperCase() + word.slice(1) : word;
      this.invented.push(shown);
      return shown;
    }
  }

  /** An invented word met before: the k-th invented with weight 1/(k+1) (Zipf), roughly. */
  reuse() {
    const n = this.invented.length;
    const k = Math.floor(Math.exp(this.random() * Math.log(n + 1))) - 1;
    return this.invented[Math.min(Math.max(k, 0), n - 1)];
  }

  word(fromModel) {
    this.words += 1;
    const fresh = HEAPS_K * HEAPS_BETA * Math.pow(this.words, HEAPS_BETA - 1);
    const roll = this.random();
    if (roll < fresh) return this.invent();
    if (roll < fresh + INVENTED_REUSE && this.invented.length > 0) return this.reuse();
    return fromModel;
  }

  sentence() {
    const out = [];
    let token = this.models.starts.draw(this.random);
    for (let i = 0; i < 60; i += 1) {
      out.push(/^[A-Za-z]{3,}$/.test(token) ? this.word(token) : token);
      if (/[.!?]["”]?$/.test(token)) break;
      const next = this.models.next.get(token);
      if (!next) break;
      token = next.draw(this.random);
    }
    return out.join(" ");
  }

  /** A document of about `words` words: a title line, a date line, paragraphs of sentences. */
  document(words, date) {
    const title = this.sentence().replace(/[.!?]["”]?$/, "").slice(0, 120);
    const paragraphs = [];
    let count = 0;
    while (count < words) {
      const sentences = [];
      const length = 2 + Math.floor(this.random() * 5);
      for (let i = 0; i < length && count < words; i += 1) {
        const sentence = this.sentence();
        count += sentence.split(" ").length;
        sentences.push(sentence);
      }
      paragraphs.push(sentences.join(" "));
    }
    return `${title}\n\nDate: ${date}\n\n${paragraphs.join("\n\n")}\n`;
  }
}

/** A log-normal length in words around `median`. */
function documentWords(random, median) {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(Math.min(40, median), Math.round(Math.exp(Math.log(median) + 0.9 * normal)));
}

/** Empties `dir` when it is new, empty, or a corpus this script wrote; refuses anything else. */
function prepareFolder(dir) {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new Error(`${dir} is not empty and was not written by bench/large.mjs; choose a new folder`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), "A synthetic corpus written by bench/large.mjs; it may be replaced.\n");
}

/**
 * Writes about `megabytes` MB (10^6 bytes) of text into `dir`, documents of `medianWords` words
 * at the median; returns what it wrote.
 */
export function writeLargeCorpus(dir, megabytes, seed = 1, medianWords = 600) {
  prepareFolder(dir);
  const random = prng(seed);
  const generator = new Generator(trainModels(), random);
  const target = megabytes * 1e6;
  let bytes = 0;
  let documents = 0;
  const day = Date.UTC(2005, 0, 1);
  while (bytes < target) {
    const source = `source-${String(documents % SOURCES).padStart(2, "0")}`;
    const folder = join(dir, source, String(Math.floor(documents / SOURCES / FILES_PER_FOLDER)).padStart(3, "0"));
    if (documents % (SOURCES * FILES_PER_FOLDER) < SOURCES) mkdirSync(folder, { recursive: true });
    // Dates run over twenty years, in order, as an archive grows.
    const date = new Date(day + Math.floor((bytes / target) * 20 * 365.25) * 86_400_000).toISOString().slice(0, 10);
    const text = generator.document(documentWords(random, medianWords), date);
    writeFileSync(join(folder, `${String(documents).padStart(8, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
    documents += 1;
  }
  return { documents, bytes, words: generator.words, invented: generator.invented.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, size, seed = "1", median = "600"] = process.argv.slice(2);
  if (!dir || !/^\d+(\.\d+)?$/.test(size ?? "") || !/^\d+$/.test(seed) || !/^[1-9]\d*$/.test(median)) {
    console.error("usage: node bench/large.mjs OUT_DIR SIZE_MB [seed=1] [median-words=600]");
    process.exit(2);
  }
  try {
    const started = performance.now();
    const { documents, bytes, words, invented } = writeLargeCorpus(resolve(dir), Number(size), Number(seed), Number(median));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${documents} documents, ${(bytes / 1e6).toFixed(1)} MB, ${words} words (${invented} invented) in ${resolve(dir)}, ${seconds.toFixed(1)} s`,
    );
  } catch (error) {
    console.error(`large.mjs: ${error.message}`);
    process.exit(1);
  }
}
