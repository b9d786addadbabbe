// The overview: the collection at a glance and the statistics a researcher cites, for the whole
// collection or the part the query and the filters keep. Counts, the most frequent
// content words (each a search), a word list (with each
// word's keyness against the rest when a part is shown), frequent phrases, each document's own
// figures and the words that set it apart, the words that stand near the query, its trend over
// the documents' dates, the sources, and the tags.
//
// The counts are gathered a slice of documents at a time, each slice its own task, so that a
// large collection never blocks the page; a new state stops the gathering under way.

import { answerOnceArrived } from "./chunks.js";
import { h, nextTask, numberFormat, plural, quoted } from "./dom.js";
import { barChart } from "./charts.js";
import { fileName } from "./files.js";
import { formsOption } from "./forms.js";
import { documentRow, mergeSlice, trendRows, wordRows } from "./statistics.js";
import { DataTable } from "./tables.js";
import { filterKey, filterOptions, filtersPhrase, isFiltered } from "./state.js";

/** The vocabulary's page size: the engine's largest. */
const VOCABULARY_PAGE = 20_000;
/**
 * How many documents' words the Overview counts at a time in a chunked corpus, each read from
 * its chunk, and how many chunks of texts at most it loads for them: the first documents of a
 * word in one document of twenty lie in as many blocks of texts (a thousand of them, 20 MB at
 * a gigabyte of text). "Count more" goes on from there.
 */
const CHUNKED_COUNTED_DOCUMENTS = 1_000;
const CHUNKED_COUNTED_CHUNKS = 64;

const WORD = { key: "term", label: "Word" };
const COUNT = { key: "count", label: "Occurrences", numeric: true };
const DOCUMENTS = { key: "documents", label: "Documents", numeric: true };
const RATE = { key: "rate", label: "Per 1,000 words", numeric: true, decimals: true };
const KEYNESS = { key: "keyness", label: "Keyness (log-likelihood)", numeric: true, decimals: true };
const KEYNESS_HINT =
  "Every word of these documents. Keyness compares how often they use a word with how often the rest of the collection does: positive when these documents use it more. Choose a word to see it in context.";

export class OverviewView {
  constructor(viewer) {
    this.viewer = viewer;
    this.job = 0;
    this.key = null;
    this.corpusCounts = null;
    const name = (...parts) => () => fileName(this.viewer.corpusName, [(this.viewer.state.sources ?? []).join(" "), (this.viewer.state.tags ?? []).join(" "), [this.viewer.state.from, this.viewer.state.to].filter(Boolean).join(" to "), this.viewer.state.query, ...parts], ".csv");
    this.words = new DataTable({ label: "Word list", columns: [WORD, COUNT, DOCUMENTS, RATE], fileName: name("words"), sortKey: "count" });
    this.documents = new DataTable({
      label: "Documents",
      columns: [
        { key: "title", label: "Document", cell: (row) => this.documentButton(row) },
        { key: "source", label: "Source" },
        { key: "date", label: "Date", nowrap: true },
        { key: "words", label: "Words", numeric: true },
        { key: "distinct", label: "Distinct words", numeric: true },
        { key: "variety", label: "Distinct per 100 words", numeric: true, decimals: true },
      ],
      fileName: name("documents"),
      sortKey: "words",
    });
    this.collocates = new DataTable({
      label: "Collocates",
      columns: [
        { ...WORD, cell: (row) => this.wordButton(row.term) },
        { key: "together", label: "Near the query", numeric: true },
        { key: "count", label: "In the collection", numeric: true },
        { key: "logLikelihood", label: "Log-likelihood", numeric: true, decimals: true },
        { key: "mutualInformation", label: "Mutual information (bits)", numeric: true, decimals: true },
      ],
      fileName: name("collocates"),
      sortKey: "logLikelihood",
    });
    this.phrases = new DataTable({
      label: "Frequent phrases",
      columns: [
        { key: "text", label: "Phrase", cell: (row) => this.wordButton(row.text, `"${row.text}"`) },
        { key: "words", label: "Words", numeric: true },
        { key: "count", label: "Occurrences", numeric: true },
        { key: "documents", label: "Documents", numeric: true },
      ],
      fileName: name("phrases"),
      sortKey: "count",
    });
    this.phrasesHint = h("p", { class: "hint" });
    this.distinctive = new DataTable({
      label: "Distinctive words",
      columns: [{ ...WORD, cell: (row) => this.wordButton(row.term) }, COUNT, RATE, KEYNESS],
      fileName: () => fileName(this.viewer.corpusName, [this.distinctiveId ?? "", "distinctive"], ".csv"),
      sortKey: "keyness",
    });
    this.distinctiveBox = h("div", { class: "distinctive", hidden: true });
    this.window = h("select", { "aria-label": "Words on each side" });
    for (const n of [2, 3, 5, 10]) this.window.append(h("option", { value: String(n), text: `${n} words on each side` }));
    this.window.value = "5";
    this.window.addEventListener("change", () => this.showCollocates(this.viewer.state));

    this.stats = h("dl", { class: "stats" });
    // What the figures from here on count: the whole collection, or the part a search or a
    // filter keeps, set apart from the collection's own figures above it.
    this.partHeading = h("h2", { class: "part-heading", text: "The whole collection" });
    this.scope = h("p", { class: "hint scope" });
    // In a chunked corpus, counting stops after a bound; this goes on from there.
    this.countMore = h("button", { class: "link-button count-more", type: "button", hidden: true, text: "Count the words of more documents" });
    this.countMore.addEventListener("click", () => this.countOn(this.job));
    this.tally = null;
    this.wordsHint = h("p", { class: "hint" });
    // In a chunked collection, keyness on asking: it reads the whole dictionary.
    this.compare = h("button", { class: "link-button compare", type: "button", hidden: true, text: "Compare with the rest of the collection (keyness)" });
    this.compare.addEventListener("click", () => this.compareWithCollection(this.job));
    this.collocatesBox = h("div", { hidden: true });
    this.collocatesNote = h("p", { class: "hint" });
    this.trendBox = h("div", { hidden: true });
    this.sources = h("ul", { class: "chips sources" });
    this.tags = h("ul", { class: "chips tags" });
    // The tags section, shown only for a collection with tags.
    this.tagsBox = h(
      "section",
      { class: "tags-box", "aria-labelledby": "overview-tags", hidden: true },
      h("h2", { id: "overview-tags", text: "Tags" }),
      h("p", { class: "hint", text: "The number of documents with each tag. Choose one to list its documents." }),
      this.tags,
    );
    this.terms = h("ol", { class: "chips terms" });
    this.element = h(
      "section",
      { class: "overview", "aria-label": "Overview" },
      this.stats,
      h("h2", { text: "Most frequent words" }),
      h("p", { class: "hint", text: "Counted over every document, leaving out common words such as \u201cthe\u201d. Choose one to search for it." }),
      this.terms,
      h("h2", { text: "Sources" }),
      h("p", { class: "hint", text: "The number of documents from each source. Choose one to list its documents." }),
      this.sources,
      this.tagsBox,
      // What follows counts the part named by this heading: its sections are below it.
      this.partHeading,
      this.scope,
      this.countMore,
      this.collocatesBox,
      this.trendBox,
      h("h3", { text: "Word list" }),
      this.wordsHint,
      this.compare,
      this.words.element,
      h("h3", { text: "Frequent phrases" }),
      this.phrasesHint,
      this.phrases.element,
      h("h3", { text: "Documents" }),
      h("p", { class: "hint", text: "Each document's length and the variety of its words. Choose one for the words that set it apart from the rest." }),
      this.documents.element,
      this.distinctiveBox,
    );
  }

  render(state) {
    const overview = this.viewer.overview;
    if (!overview) {
      this.element.replaceChildren(h("p", { class: "hint", text: "No overview is available for this collection." }));
      return { status: "", total: 0, searched: false };
    }
    const stat = (value, label) => h("div", { class: "stat" }, h("dt", { text: label }), h("dd", { text: numberFormat.format(value) }));
    this.stats.replaceChildren(
      stat(overview.documents, overview.documents === 1 ? "document" : "documents"),
      stat(overview.words, overview.words === 1 ? "word" : "words"),
      stat(overview.terms, overview.terms === 1 ? "distinct term" : "distinct terms"),
    );
    this.terms.replaceChildren(
      ...(overview.topTerms ?? []).map((entry) => {
        const button = h(
          "button",
          {
            class: "chip",
            type: "button",
            title: `${plural(entry.count, "occurrence", "occurrences")} in ${plural(entry.documents, "document", "documents")}`,
          },
          h("span", { dir: "auto", text: entry.term }),
          h("span", { class: "count", text: numberFormat.format(entry.count) }),
        );
        button.addEventListener("click", () => this.viewer.navigate({ view: "results", query: entry.term, doc: null }, { push: true }));
        return h("li", null, button);
      }),
    );
    this.fillChoices(this.sources, (overview.sources ?? []).map((entry) => [entry.source, entry.documents]), (source) => ({
      title: `Show the documents from ${source}`,
      patch: { sources: [source] },
    }));
    const tags = overview.tags ?? [];
    this.fillChoices(this.tags, tags.map((entry) => [entry.tag, entry.documents]), (tag) => ({
      title: `Show the documents tagged ${tag}`,
      patch: { tags: [tag] },
    }));
    this.tagsBox.hidden = tags.length === 0;
    const key = JSON.stringify([state.query.trim(), filterKey(state), state.forms]);
    if (key !== this.key) {
      this.key = key;
      this.gather(state);
    }
    return {
      status: `${plural(overview.documents, "document", "documents")}, ${plural(overview.words, "word", "words")}`,
      total: overview.documents,
      searched: false,
    };
  }

  /**
   * Fills `list` with a chip for each `[name, documents]` of `entries`: choosing one lists the
   * documents that have it, the filter `choose(name).patch` sets.
   */
  fillChoices(list, entries, choose) {
    list.replaceChildren(
      ...entries.map(([name, documents]) => {
        const { title, patch } = choose(name);
        const button = h(
          "button",
          { class: "chip", type: "button", title },
          h("span", { dir: "auto", text: name }),
          h("span", { class: "count", text: numberFormat.format(documents) }),
        );
        button.addEventListener("click", () => this.viewer.navigate({ view: "results", ...patch, doc: null }, { push: true }));
        return h("li", null, button);
      }),
    );
  }

  /** The part of the collection `state` keeps, in words. */
  describePart(state) {
    const parts = [];
    if (state.query.trim()) parts.push(`matching ${quoted(state.query)}`);
    if (isFiltered(state)) parts.push(filtersPhrase(state));
    return parts.join(" ");
  }

  /** Gathers the term counts of the part `state` keeps, a slice per task, then shows every table. */
  async gather(state) {
    const job = ++this.job;
    const query = state.query.trim();
    const narrowed = query !== "" || isFiltered(state);
    const part = this.describePart(state);
    const options = filterOptions(state);
    if (query) options.query = state.query;
    this.tally = { job, options, part, narrowed, counts: new Map(), documents: [], from: 0 };
    this.countMore.hidden = true;
    this.compare.hidden = true;
    this.words.render([]);
    this.documents.render([]);
    this.phrases.render([]);
    this.distinctiveBox.hidden = true;
    this.collocatesBox.hidden = true;
    this.trendBox.hidden = true;
    this.partHeading.textContent = narrowed ? `The documents ${part}` : "The whole collection";
    this.scope.textContent = `Counting the words of the documents${part ? ` ${part}` : ""}\u2026`;
    try {
      // Each bounded engine call in a task of its own, so that none adds to another's time.
      for (const step of [() => this.showCollocates(state, job), () => this.showTrend(state, job), () => this.showPhrases(state, job)]) {
        await nextTask();
        if (job !== this.job) return;
        await step();
      }
    } catch (error) {
      if (job === this.job && this.viewer.awaitChunks(error)) return;
      if (job === this.job) this.scope.textContent = `The figures could not be counted: ${error?.message ?? error}`;
      return;
    }
    await this.countOn(job);
  }

  /**
   * Counts the words of the next documents of the part being counted (`tally`), a slice per
   * task, then shows every table: in a chunked corpus up to a bound of documents and of chunks
   * of texts loaded, after which "Count more" goes on where it stopped.
   */
  async countOn(job) {
    const tally = this.tally;
    if (!tally || tally.job !== job || tally.from == null || tally.counting) return;
    tally.counting = true;
    this.countMore.hidden = true;
    const engine = this.viewer.engine;
    const { part, narrowed, counts, documents } = tally;
    const counted = documents.length;
    let loaded = 0;
    let cut = false;
    try {
      for (;;) {
        await nextTask();
        if (job !== this.job) return;
        const slice = await answerOnceArrived(() => engine.termCounts({ ...tally.options, from: tally.from }), {
          onWait: (pending) => {
            loaded += pending.count;
            this.scope.textContent = pending.message;
          },
        });
        if (job !== this.job) return;
        mergeSlice(counts, slice);
        documents.push(...slice.documents);
        if (!slice.complete) tally.missed = slice.notes;
        tally.from = slice.next;
        if (slice.next == null) break;
        if (engine.isChunked && (documents.length - counted >= CHUNKED_COUNTED_DOCUMENTS || loaded >= CHUNKED_COUNTED_CHUNKS)) {
          cut = true;
          break;
        }
        this.scope.textContent = `Counting the words of the documents${part ? ` ${part}` : ""}\u2026 ${Math.round((100 * slice.next) / Math.max(slice.corpus, 1))}%`;
      }
      const words = documents.reduce((sum, d) => sum + d.words, 0);
      // Keyness sets a part the reader chose (by a search, a source, a tag, dates) against the
      // rest of the collection, whose counts a collection read in parts has only once it has read
      // every shard of its dictionary (megabytes at a gigabyte of text): it does so when the
      // reader asks for it, unless it has already. The first documents of the whole collection
      // are no part anyone chose: their words are counted without keyness.
      const keyed = narrowed && (!engine.isChunked || this.corpusCounts != null || tally.keyness === true);
      const corpus = keyed ? await this.corpusVocabulary(job) : null;
      if (job !== this.job) return;
      const rows = this.wordList(tally, words, corpus);
      await nextTask();
      if (job !== this.job) return;
      this.words.render(rows);
      await nextTask();
      if (job !== this.job) return;
      const partial = tally.from != null;
      this.compare.hidden = keyed || !narrowed;
      this.wordsHint.textContent = keyed
        ? KEYNESS_HINT
        : narrowed
        ? "Every word of these documents, with how often it occurs and in how many of them. Comparing them with the rest of the collection (keyness) reads the collection's whole dictionary. Choose a word to see it in context."
        : partial
        ? "Every word of these documents, with how often it occurs and in how many of them. Search, or choose a source, to compare a part of the collection with the rest (keyness). Choose a word to see it in context."
        : "Every word of the collection, with how often it occurs and in how many documents. Choose a word to see it in context.";
      this.documents.render(documents.map((d) => documentRow(d, d)));
      // Finding a query's documents is bounded as a search is: the part may lack some.
      const missed = tally.missed
        ? ` There may be more documents ${part} than these: ${tally.missed.join(" ") || "finding them stopped at the bound of one search."}`
        : "";
      this.scope.textContent = (partial
        ? `Figures for the first ${plural(documents.length, "document", "documents")} ${part || "of the collection"}, in collection order: ${plural(words, "word", "words")}, ${plural(counts.size, "distinct word", "distinct words")}. This collection is read in parts as they are needed, so counting stops there; count more, or search or choose a source to count a smaller part whole.`
        : narrowed
        ? `Figures for the ${plural(documents.length, "document", "documents")} ${part}: ${plural(words, "word", "words")}, ${plural(counts.size, "distinct word", "distinct words")}.`
        : "Figures for the whole collection. Search first, or choose a source, to see them for a part of it.") + missed;
      tally.scope = this.scope.textContent;
      this.countMore.hidden = !cut;
    } catch (error) {
      if (job === this.job && this.viewer.awaitChunks(error)) return;
      if (job === this.job) this.scope.textContent = `The figures could not be counted: ${error?.message ?? error}`;
    } finally {
      tally.counting = false;
    }
  }

  /**
   * The rows of the word list of the part counted (`tally`, `words` long), its columns and
   * order set: with keyness when `corpus`, the collection's counts, is given.
   */
  wordList(tally, words, corpus) {
    const keyed = corpus != null;
    this.words.columns = [{ ...WORD, cell: (row) => this.wordButton(row.term) }, COUNT, DOCUMENTS, RATE, ...(keyed ? [KEYNESS] : [])];
    this.words.sortKey = keyed && tally.documents.length < this.viewer.overview.documents ? "keyness" : "count";
    return wordRows(tally.counts, words, corpus, this.viewer.overview.words);
  }

  /** Shows the part's words again with their keyness, once the collection's counts are read. */
  async compareWithCollection(job) {
    const tally = this.tally;
    if (!tally || tally.job !== job || tally.counting) return;
    tally.keyness = true;
    this.compare.hidden = true;
    tally.counting = true;
    try {
      const corpus = await this.corpusVocabulary(job);
      if (job !== this.job || corpus == null) return;
      const words = tally.documents.reduce((sum, d) => sum + d.words, 0);
      this.words.render(this.wordList(tally, words, corpus));
      this.wordsHint.textContent = KEYNESS_HINT;
      this.scope.textContent = tally.scope;
    } catch (error) {
      if (job === this.job && this.viewer.awaitChunks(error)) return;
      if (job === this.job) this.scope.textContent = `The collection's counts could not be read: ${error?.message ?? error}`;
    } finally {
      tally.counting = false;
    }
  }

  /** The whole collection's counts (a Map of term to `[count, documents]`), read once, a page per task. */
  async corpusVocabulary(job) {
    if (this.corpusCounts) return this.corpusCounts;
    const counts = new Map();
    for (let offset = 0; ; offset += VOCABULARY_PAGE) {
      // A chunked corpus reads its whole dictionary for this, once.
      const page = await answerOnceArrived(() => this.viewer.engine.vocabulary({ offset, limit: VOCABULARY_PAGE }), {
        onWait: (pending) => (this.scope.textContent = pending.message),
      });
      if (job !== this.job) return null;
      for (const [term, count, documents] of page.terms) counts.set(term, [count, documents]);
      if (offset + VOCABULARY_PAGE >= page.total) break;
      await nextTask();
      if (job !== this.job) return null;
    }
    this.corpusCounts = counts;
    return counts;
  }

  /** A word (or phrase) that opens In context for `query` (the word itself by default). */
  wordButton(text, query = text) {
    const button = h("button", { class: "link-button", type: "button", dir: "auto", text });
    button.addEventListener("click", () => this.viewer.navigate({ view: "concordance", query, doc: null }, { push: true }));
    return button;
  }

  /** A document's title, which shows the words that set it apart. */
  documentButton(row) {
    const lang = this.viewer.documentInfo(row.id)?.lang;
    const button = h("button", { class: "link-button", type: "button", dir: "auto", lang, text: row.title });
    button.addEventListener("click", () => this.showDistinctive(row));
    return button;
  }

  /** The words one document uses more than the rest of the collection, by keyness. */
  async showDistinctive(row) {
    const job = this.job;
    let slice;
    try {
      slice = await answerOnceArrived(() => this.viewer.engine.termCounts({ ids: [row.id] }));
    } catch {
      return;
    }
    const corpus = await this.corpusVocabulary(job);
    if (job !== this.job || !corpus) return;
    const counts = mergeSlice(new Map(), slice);
    this.distinctiveId = row.id;
    this.distinctive.render(wordRows(counts, row.words, corpus, this.viewer.overview.words).filter((word) => word.keyness > 0));
    const heading = h("h3", { tabindex: "-1", text: `Words that set ${quoted(row.title)} apart` });
    this.distinctiveBox.replaceChildren(
      heading,
      h("p", { class: "hint", text: "The words this document uses more than the rest of the collection does, by log-likelihood." }),
      this.distinctive.element,
    );
    this.distinctiveBox.hidden = false;
    heading.focus();
  }

  /** The part's most frequent phrases of 2 to 4 words, from one bounded engine call. */
  async showPhrases(state, job = this.job) {
    const options = filterOptions(state);
    if (state.query.trim()) options.query = state.query;
    let answer;
    try {
      answer = await answerOnceArrived(() => this.viewer.engine.phrases(options), { onWait: (pending) => (this.phrasesHint.textContent = pending.message) });
      if (job !== this.job) return;
    } catch (error) {
      if (job !== this.job) return;
      this.phrasesHint.textContent = `The phrases could not be counted: ${error?.message ?? error}`;
      this.phrases.render([]);
      return;
    }
    this.phrases.render(answer.phrases);
    const read = answer.documents < answer.of ? ` Counted in the first ${numberFormat.format(answer.documents)} of ${plural(answer.of, "document", "documents")} (${plural(answer.words, "word", "words")}): search or choose a source to count a smaller part whole.` : "";
    this.phrasesHint.textContent = `Runs of 2 to 4 words that occur at least twice, leaving out those of common words alone (\u201cof the\u201d).${read}`;
  }

  /** Collocates of the query: the engine's answer is bounded, so it comes in one call. */
  async showCollocates(state, job = this.job) {
    const query = state.query.trim();
    this.collocatesBox.hidden = query === "";
    if (query === "") return;
    const options = { window: Number(this.window.value), ...filterOptions(state) };
    const forms = state.forms && formsOption(state.forms);
    if (forms) options.forms = forms;
    let answer;
    try {
      answer = await answerOnceArrived(() => this.viewer.engine.collocates(state.query, options), { onWait: (pending) => (this.collocatesNote.textContent = pending.message) });
      if (job !== this.job) return;
    } catch (error) {
      if (job !== this.job) return;
      this.collocatesNote.textContent = `The collocates could not be found: ${error?.message ?? error}`;
      return;
    }
    if (answer.occurrences === 0 && answer.complete) {
      // Nothing to stand near: an empty table would read as "no word is near it". In context
      // lists the forms the collection has, and those counted there are counted here too.
      const choose = h("button", { class: "link-button", type: "button", text: "choose the words counted in In context" });
      choose.addEventListener("click", () => this.viewer.navigate({ view: "concordance", doc: null }, { push: true }));
      this.collocatesNote.replaceChildren(`${quoted(state.query)} occurs nowhere in these documents in the form typed (counted as In context counts it), so no word stands near it: `, choose, ".");
      this.collocatesBox.replaceChildren(h("h3", { text: `Words near ${quoted(state.query)}` }), this.collocatesNote);
      return;
    }
    this.collocates.render(answer.collocates);
    const atLeast = answer.complete ? "" : "the first ";
    this.collocatesNote.textContent = `Words that stand within ${this.window.value} words of ${atLeast}${plural(answer.occurrences, "occurrence", "occurrences")} of ${quoted(state.query)} (counted as In context counts them) at least twice, scored against how often they occur in the whole collection.${answer.notes.length ? ` ${answer.notes.join(" ")}` : ""}`;
    this.collocatesBox.replaceChildren(h("h3", { text: `Words near ${quoted(state.query)}` }), this.collocatesNote, h("label", { class: "field" }, this.window), this.collocates.element);
  }

  /** The query's occurrences per 1,000 words over the documents' dates, when they have dates. */
  async showTrend(state, job = this.job) {
    this.trendBox.hidden = true;
    const query = state.query.trim();
    if (query === "") return;
    const options = { limit: 1, ...filterOptions(state) };
    const forms = state.forms && formsOption(state.forms);
    if (forms) options.forms = forms;
    let answer;
    try {
      answer = await answerOnceArrived(() => this.viewer.engine.concordance(state.query, options));
    } catch {
      return;
    }
    if (job !== this.job) return;
    // The documents the filters keep, as the engine keeps them, counted by date.
    const dates = this.viewer.engine.dates(filterOptions(state));
    const rows = trendRows(answer.documents ?? [], dates.dates);
    if (!rows) return;
    const undated = dates.undated;
    const chart = barChart(
      `Occurrences of ${quoted(state.query)} per 1,000 words, by ${rows[0].period.length > 4 ? "month" : "year"}`,
      rows.map((row) => ({ label: `${row.period} (${plural(row.documents, "document", "documents")})`, value: row.rate })),
      (row) => `${row.label}: ${numberFormat.format(row.value)} per 1,000 words`,
    );
    this.trendBox.replaceChildren(
      h("h3", { text: `${quoted(state.query)} over time` }),
      h("p", {
        class: "hint",
        text: `Each period's occurrences divided by the words of all its documents.${undated ? ` ${plural(undated, "undated document is", "undated documents are")} left out.` : ""}${answer.complete === false ? " The count stopped early: the figures are lower bounds." : ""}`,
      }),
      chart,
    );
    this.trendBox.hidden = false;
  }
}
