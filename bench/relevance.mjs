// Relevance: how well each engine ranks the documents people judged relevant to a topic, all
// measured in one run over the same corpus and the same queries, typed as people type them.
//
//   node bench/relevance.mjs [--corpus DIR] [--judgements FILE]         the table
//   node bench/relevance.mjs [--corpus DIR] --pool N --topics FILE...   the pools to judge
//
// The corpus defaults to /tmp/brown (`node bench/corpus.mjs /tmp/brown 1`), the judgements to
// bench/relevance/brown.json: { topics: [{ id, query, need, judgements: { docId: grade } }] }
// with grades 0 (not relevant) to 3 (mainly about it); a document not judged counts as 0.
//
// Engines: ours as the page searches (limit 100); ours with the query's words joined by OR;
// a plain BM25 reference (k1 1.2, b 0.75, lunr's tokenizer, stop words and Porter stemmer,
// title and text as one field); lunr 2.3.9 (title boosted 2, its default OR of the words);
// MiniSearch 7.2.0 (title boosted 2, its default OR). Measures: nDCG@10 (gain = grade, log2
// discount, ideal from every judged document), MAP (relevant = grade ≥ 1, over the first 100),
// recall@100, topics with no result, and the mean number of results (at most 100).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import MiniSearch from "minisearch";
import lunr from "lunr";
import { readCorpus } from "./engines.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const corpusDir = resolve(option("--corpus", "/tmp/brown"));
const repo = resolve(new URL("..", import.meta.url).pathname);
const DEPTH = 100;

/** The words of a query as typed, without the punctuation a person adds to a sentence. */
const words = (query) => query.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];

function oursEngine() {
  const work = mkdtempSync(join(tmpdir(), "corpus-viewer-relevance-"));
  const binary = join(process.env.CARGO_TARGET_DIR ?? join(repo, "target"), "release", "corpus-viewer");
  const out = join(work, "corpus.index");
  const run = spawnSync(binary, ["index", corpusDir, out], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the indexer failed (run ./build.sh first): ${run.stderr}`);
  const index = readFileSync(out);
  rmSync(work, { recursive: true, force: true });
  return import(pathToFileURL(join(repo, "dist", "pkg", "corpus_viewer.js")).href).then((glue) => {
    glue.initSync({ module: readFileSync(join(repo, "dist", "pkg", "corpus_viewer_bg.wasm")) });
    return glue.Corpus.fromBytes(index);
  });
}

/** A plain BM25 over title and text, with lunr's tokenizer, stop words and Porter stemmer. */
function bm25Engine(docs) {
  const analyze = (text) =>
    lunr.tokenizer(text).map((token) => lunr.stopWordFilter(token)).filter(Boolean).map((token) => lunr.stemmer(token).toString());
  const postings = new Map();
  const lengths = docs.map((doc, d) => {
    const terms = analyze(`${doc.title}\n${doc.text}`);
    const tf = new Map();
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [term, n] of tf) {
      if (!postings.has(term)) postings.set(term, []);
      postings.get(term).push([d, n]);
    }
    return terms.length;
  });
  const average = lengths.reduce((a, b) => a + b, 0) / docs.length;
  return (query) => {
    const scores = new Map();
    for (const term of new Set(analyze(query))) {
      const list = postings.get(term) ?? [];
      const idf = Math.log(1 + (docs.length - list.length + 0.5) / (list.length + 0.5));
      for (const [d, n] of list) {
        const norm = n + 1.2 * (1 - 0.75 + (0.75 * lengths[d]) / average);
        scores.set(d, (scores.get(d) ?? 0) + (idf * n * 2.2) / norm);
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, DEPTH).map(([d]) => docs[d].id);
  };
}

async function engines() {
  const docs = readCorpus(corpusDir);
  const ours = await oursEngine();
  const lunrIndex = lunr(function () {
    this.ref("id");
    this.field("title", { boost: 2 });
    this.field("text");
    for (const doc of docs) this.add(doc);
  });
  const mini = new MiniSearch({ fields: ["title", "text"], searchOptions: { boost: { title: 2 } } });
  mini.addAll(docs);
  const ids = (result) => result.hits.map((hit) => hit.id);
  return {
    ours: (query) => ids(ours.search(`${query} `, { limit: DEPTH, snippets: false })),
    "ours, words OR'd": (query) => ids(ours.search(`${words(query).join(" OR ")} `, { limit: DEPTH, snippets: false })),
    "BM25 (reference)": bm25Engine(docs),
    "lunr 2.3.9": (query) => lunrIndex.search(words(query).join(" ")).slice(0, DEPTH).map((r) => r.ref),
    "MiniSearch 7.2.0": (query) => mini.search(words(query).join(" ")).slice(0, DEPTH).map((r) => r.id),
  };
}

/** nDCG@k of a ranking, against every judged document's grade. */
export function ndcg(ranking, judgements, k = 10) {
  const dcg = (grades) => grades.slice(0, k).reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(judgements).sort((a, b) => b - a));
  return ideal > 0 ? dcg(ranking.map((id) => judgements[id] ?? 0)) / ideal : 0;
}

/** Average precision over the ranking (relevant: grade ≥ 1). */
export function averagePrecision(ranking, judgements) {
  const relevant = Object.values(judgements).filter((g) => g >= 1).length;
  let found = 0;
  let sum = 0;
  ranking.forEach((id, i) => {
    if ((judgements[id] ?? 0) >= 1) {
      found += 1;
      sum += found / (i + 1);
    }
  });
  return relevant ? sum / relevant : 0;
}

/** The share of the relevant documents (grade ≥ 1) in the ranking. */
export function recall(ranking, judgements) {
  const relevant = Object.entries(judgements).filter(([, g]) => g >= 1).map(([id]) => id);
  return relevant.length ? relevant.filter((id) => ranking.includes(id)).length / relevant.length : 0;
}

const run = await engines();
if (args.includes("--pool")) {
  const depth = Number(option("--pool", "10"));
  const topics = args.slice(args.indexOf("--topics") + 1).filter((a) => !a.startsWith("--")).flatMap((file) => JSON.parse(readFileSync(file, "utf8")).topics);
  const pools = topics.map((topic) => {
    const pool = new Set();
    for (const search of Object.values(run)) search(topic.query).slice(0, depth).forEach((id) => pool.add(id));
    // Sorted by id, so that the order says nothing of which engine found what.
    return { id: topic.id, query: topic.query, need: topic.need, pool: [...pool].sort() };
  });
  process.stdout.write(`${JSON.stringify({ depth, engines: Object.keys(run), pools }, null, 1)}\n`);
} else {
  const file = resolve(option("--judgements", join(repo, "bench", "relevance", "brown.json")));
  const topics = JSON.parse(readFileSync(file, "utf8")).topics.filter((t) => Object.keys(t.judgements ?? {}).length > 0);
  console.log(`${topics.length} judged topics of ${file}, corpus ${corpusDir}\n`);
  // All topics, then keyword queries (up to 4 words) and questions (more) apart.
  const groups = [
    ["all topics", () => true],
    ["keywords (≤ 4 words)", (topic) => words(topic.query).length <= 4],
    ["questions (> 4 words)", (topic) => words(topic.query).length > 4],
  ];
  for (const [label, keep] of groups) {
    const kept = topics.filter(keep);
    console.log(`${label}, ${kept.length} topics:\n`);
    console.log("| engine | nDCG@10 | MAP | recall@100 | topics with no result | mean results |");
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const [name, search] of Object.entries(run)) {
      const rows = kept.map((topic) => {
        const ranking = search(topic.query);
        return { ndcg: ndcg(ranking, topic.judgements), ap: averagePrecision(ranking, topic.judgements), recall: recall(ranking, topic.judgements), n: ranking.length };
      });
      const mean = (key) => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
      console.log(`| ${name} | ${mean("ndcg").toFixed(3)} | ${mean("ap").toFixed(3)} | ${mean("recall").toFixed(3)} | ${rows.filter((r) => r.n === 0).length} | ${mean("n").toFixed(1)} |`);
    }
    console.log("");
  }
}
