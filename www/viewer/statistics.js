// Corpus statistics as pure logic over the engine's numbers (unit-tested in Node): slices of
// term counts merged, each word's rate and its keyness against the rest of the corpus, the
// documents' own figures, and a query's trend over the documents' dates.

/** Adds one `termCounts` slice to `counts` (a Map of term to `[count, documents]`). */
export function mergeSlice(counts, slice) {
  for (const [term, count, documents] of slice.terms ?? []) {
    const entry = counts.get(term);
    if (entry) {
      entry[0] += count;
      entry[1] += documents;
    } else counts.set(term, [count, documents]);
  }
  return counts;
}

/**
 * Log-likelihood (G², Dunning 1993) of `a` occurrences in a part of `part` words against `b`
 * in the rest, of `rest` words, as the engine scores collocates.
 */
export function logLikelihood(a, part, b, rest) {
  const total = part + rest;
  if (total <= 0) return 0;
  const expectedA = (part * (a + b)) / total;
  const expectedB = (rest * (a + b)) / total;
  const term = (observed, expected) => (observed > 0 && expected > 0 ? observed * Math.log(observed / expected) : 0);
  return Math.max(0, 2 * (term(a, expectedA) + term(b, expectedB)));
}

/**
 * The word list: one row per term of `counts` (the part counted, `words` long), with its
 * rate per 1,000 words and, given the corpus's own counts (`corpus`, a Map of term to
 * `[count, documents]`, `corpusWords` long) for a part smaller than the corpus, its keyness:
 * log-likelihood signed + when the part uses the word more than the rest does, − when less.
 */
export function wordRows(counts, words, corpus = null, corpusWords = 0) {
  const rows = [];
  const rest = corpusWords - words;
  for (const [term, [count, documents]] of counts) {
    const row = { term, count, documents, rate: (count * 1000) / Math.max(words, 1) };
    if (corpus && rest > 0) {
      const other = Math.max((corpus.get(term)?.[0] ?? count) - count, 0);
      const g2 = logLikelihood(count, words, other, rest);
      row.keyness = count / words >= other / rest ? g2 : -g2;
    }
    rows.push(row);
  }
  return rows;
}

let collator = null;

/** Titles compared in English; the collator made at first use (see numbers.js). */
function compareTitles(a, b) {
  collator ??= new Intl.Collator("en");
  return collator.compare(a, b);
}

/** Folded words compare by code units: as quick for 50,000 of them as for 50, and the same everywhere. */
function byCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `rows` sorted by `key`, numbers most first, text A to Z (folded words by code units, other
 * text, such as titles, by the rules of English); ties by word or title.
 */
export function sortRows(rows, key) {
  const tie = (a, b) => (a.term !== undefined ? byCodeUnits(a.term, b.term) : compareTitles(String(a.title ?? ""), String(b.title ?? "")));
  const text = key === "term" || key === "text" ? byCodeUnits : compareTitles;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (typeof x === "number" && typeof y === "number") return y - x || tie(a, b);
    return text(String(x ?? ""), String(y ?? "")) || tie(a, b);
  });
}

/** A document's own figures: its words, distinct words, and distinct words per 100 words. */
export function documentRow(counts, info) {
  return {
    id: counts.id,
    title: info?.title || counts.id,
    source: info?.source ?? "",
    date: info?.date ?? "",
    words: counts.words,
    distinct: counts.distinct,
    variety: counts.words > 0 ? Math.round((counts.distinct * 10_000) / counts.words) / 100 : 0,
  };
}

/**
 * A query's trend: per period (a year, or a month when every dated document falls within two
 * years), its occurrences and the words of every document of that period, and the rate per
 * 1,000 words. `occurrences` are a concordance's documents (`{ id, date, positions }`), `dates`
 * the engine's count of the documents by date (`[{ date, documents, words }]`); undated
 * documents are left out. Null when fewer than two periods have documents.
 */
export function trendRows(occurrences, dates) {
  const dated = dates.filter((d) => typeof d.date === "string" && /^\d{4}/.test(d.date));
  const years = new Set(dated.map((d) => d.date.slice(0, 4)));
  const yearsSpan = years.size ? Math.max(...[...years].map(Number)) - Math.min(...[...years].map(Number)) : 0;
  const byMonth = yearsSpan < 2 && dated.every((d) => /^\d{4}-\d{2}/.test(d.date));
  const period = (date) => (byMonth ? date.slice(0, 7) : date.slice(0, 4));
  const rows = new Map();
  for (const { date, documents, words } of dated) {
    const key = period(date);
    const row = rows.get(key) ?? { period: key, count: 0, words: 0, documents: 0 };
    row.words += words;
    row.documents += documents;
    rows.set(key, row);
  }
  for (const entry of occurrences) {
    const row = typeof entry.date === "string" ? rows.get(period(entry.date)) : undefined;
    if (row) row.count += entry.positions.length;
  }
  if (rows.size < 2) return null;
  return [...rows.values()]
    .sort((a, b) => (a.period < b.period ? -1 : 1))
    .map((row) => ({ ...row, rate: Math.round((row.count * 100_000) / Math.max(row.words, 1)) / 100 }));
}
