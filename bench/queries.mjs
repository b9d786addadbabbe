// The benchmark's query set, drawn from the corpus with a fixed seed so that every engine and
// every run gets the same queries.
//
//   node bench/queries.mjs [count per kind=20] [seed=1]     prints the set as JSON
//
// Kinds (each query is `{ kind, words }`, words lower-case ASCII letters):
//   common  one word among the 300 most widespread non-stopwords of 4+ letters
//   rare    one word of 6+ letters found in exactly 2 or 3 documents
//   multi   2–3 words of 4+ letters, each in 5–150 documents, all from one document
//   phrase  2–3 consecutive words of one sentence (no punctuation between), not all stopwords
//   prefix  the first 3 or 4 letters of a word of 6+ letters in 20+ documents (the prefix is
//           no stopword); `words` holds the prefix alone
//   typo    a word of 5–8 letters in 3+ documents with one edit (substitution, deletion,
//           insertion or swap of neighbours, never the first letter) that leaves 5–8 letters
//           and a word found nowhere in the corpus; `intended` holds the original
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { documents } from "./corpus.mjs";

export const KINDS = ["common", "rare", "multi", "phrase", "prefix", "typo"];

/** mulberry32: a small, fast PRNG with a 32-bit state; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common English function words: no engine is asked to find these alone.
const STOPWORDS = new Set(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself no nor not now of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up upon very was we were what when where
which while who whom why will with would you your yours yourself yourselves said one two may
must might shall like many much even well made make back still every another`.split(/\s+/));

const words = (text) => text.toLowerCase().match(/[a-z]+/g) ?? [];

/** The query set: `count` queries of each kind from `docs` (`{ id, text }`), seeded. */
export function makeQueries(docs, { count = 20, seed = 1 } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const df = new Map();
  const docWords = docs.map(({ text }) => {
    const unique = new Set(words(text));
    for (const w of unique) df.set(w, (df.get(w) ?? 0) + 1);
    return [...unique];
  });
  const vocabulary = [...df.keys()].sort();
  const content = (w, min) => w.length >= min && !STOPWORDS.has(w);

  const draw = (n, make) => {
    const out = [];
    const seen = new Set();
    for (let tries = 0; out.length < n && tries < n * 1000; tries += 1) {
      const query = make();
      const key = query && query.words.join(" ");
      if (query && !seen.has(key)) {
        seen.add(key);
        out.push(query);
      }
    }
    return out;
  };

  const common = vocabulary.filter((w) => content(w, 4))
    .sort((a, b) => df.get(b) - df.get(a) || (a < b ? -1 : 1)).slice(0, 300);
  const rare = vocabulary.filter((w) => content(w, 6) && df.get(w) >= 2 && df.get(w) <= 3);
  const prefixable = vocabulary.filter((w) => content(w, 6) && df.get(w) >= 20);
  const typoable = vocabulary.filter((w) => content(w, 5) && w.length <= 8 && df.get(w) >= 3);
  const letters = "abcdefghijklmnopqrstuvwxyz";

  const typo = (word) => {
    const at = 1 + Math.floor(random() * (word.length - 1));
    const letter = pick(letters);
    switch (Math.floor(random() * 4)) {
      case 0: return word.slice(0, at) + letter + word.slice(at + 1);
      case 1: return word.slice(0, at) + word.slice(at + 1);
      case 2: return word.slice(0, at) + letter + word.slice(at);
      default: return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2) : null;
    }
  };

  return [
    ...draw(count, () => ({ kind: "common", words: [pick(common)] })),
    ...draw(count, () => ({ kind: "rare", words: [pick(rare)] })),
    ...draw(count, () => {
      const pool = pick(docWords).filter((w) => content(w, 4) && df.get(w) >= 5 && df.get(w) <= 150);
      const n = 2 + Math.floor(random() * 2);
      if (pool.length < n) return null;
      const chosen = new Set();
      while (chosen.size < n) chosen.add(pick(pool));
      return { kind: "multi", words: [...chosen] };
    }),
    ...draw(count, () => {
      const clauses = pick(docs).text.split(/[^A-Za-z ]+/).map((c) => c.trim().split(/ +/).filter(Boolean));
      const n = 2 + Math.floor(random() * 2);
      const clause = pick(clauses);
      if (!clause || clause.length < n) return null;
      const start = Math.floor(random() * (clause.length - n + 1));
      const phrase = clause.slice(start, start + n).map((w) => w.toLowerCase());
      if (!phrase.some((w) => content(w, 4))) return null;
      return { kind: "phrase", words: phrase };
    }),
    ...draw(count, () => {
      const prefix = pick(prefixable).slice(0, 3 + Math.floor(random() * 2));
      return STOPWORDS.has(prefix) ? null : { kind: "prefix", words: [prefix] };
    }),
    ...draw(count, () => {
      const intended = pick(typoable);
      const typed = typo(intended);
      if (!typed || typed.length < 5 || typed.length > 8 || df.has(typed)) return null;
      return { kind: "typo", words: [typed], intended };
    }),
  ];
}

/** A query as our engine is asked it: words with a trailing space (whole words), a phrase in quotes, a prefix with `*`. */
export function askedAsOurs(query) {
  if (query.kind === "phrase") return `"${query.words.join(" ")}"`;
  if (query.kind === "prefix") return `${query.words[0]}*`;
  return `${query.words.join(" ")} `;
}

/** The `.txt` files under `dir`, as `{ id, text }`, in path order. */
export function folderDocuments(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => ({ id: name, text: readFileSync(join(dir, name), "utf8") }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // node bench/queries.mjs [count=20] [seed=1] [--corpus DIR] [--tsv]
  const args = process.argv.slice(2);
  const corpusAt = args.indexOf("--corpus");
  const corpus = corpusAt >= 0 ? args.splice(corpusAt, 2)[1] : null;
  const tsv = args.includes("--tsv");
  const [count = "20", seed = "1"] = args.filter((arg) => arg !== "--tsv");
  const docs = corpus ? folderDocuments(resolve(corpus)) : documents();
  const queries = makeQueries(docs, { count: Number(count), seed: Number(seed) });
  if (tsv) process.stdout.write(queries.map((q) => `${q.kind}\t${askedAsOurs(q)}\n`).join(""));
  else console.log(JSON.stringify(queries, null, 1));
}
