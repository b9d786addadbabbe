//! The engine: answers searches and opens documents over an [`Index`], with the shared
//! [`Analyzer`], the [query language](crate::query), [scoring](crate::score) and
//! [excerpts](crate::excerpt).
//!
//! A search goes through one module a stage: `evaluate` (the documents each clause matches),
//! `expand` (the terms a word stands for), `fuzzy` (typos), `rank` (candidates, proximity and
//! order), then [`crate::excerpt`] for the passages, and `suggest` ("did you mean") when a
//! word matched nothing; `filter` chooses documents by source, tag and date, `concordance`
//! answers keyword-in-context requests, `forms` says which corpus words a query word stood
//! for, `overview` gives the corpus at a glance, `statistics` the vocabulary, term counts and
//! collocates, and `results` holds what is returned. [`Corpus`] ties them together.

use crate::analyze::{term_positions, utf16_ranges, word_spans, Analyzer};
use crate::budget::{cost, Budget, WORK_LIMIT};
use crate::error::Error;
use crate::excerpt::{highlight_words, passage_words, snippet, MatchedWord};
use crate::index::{DocId, Index, TermId};
use crate::query::{parse_noted, Query};
use crate::score::{Explanation, Ranking};

mod concordance;
mod evaluate;
mod expand;
mod filter;
mod forms;
mod further;
mod fuzzy;
mod matches;
mod overview;
mod phrase;
mod phrase_texts;
mod rank;
mod results;
mod statistics;
mod suggest;
mod unfinished;
pub use concordance::{
    Concordance, ConcordanceLine, ConcordanceOptions, ConcordanceSort, Occurrences, WholeCount,
    SORT_WORDS,
};
use evaluate::{add_words_in_text, positions_by_clause, DocMatch, InText};
pub use filter::{Filter, Filtered};
use forms::Matcher;
pub use forms::{Form, Forms, WordForms, MAX_FORMS};
use fuzzy::TermShapes;
pub use fuzzy::{allowed_typos, distance};
use matches::Matches;
pub use phrase::{COMMON_IN_PHRASE, PHRASE_TEXTS};
pub use phrase_texts::SCANNED_CHUNKS;
pub use rank::LONG_QUERY;
pub use results::*;
pub use statistics::{
    log_likelihood, Collocate, CollocateOptions, Collocates, DocumentCounts, PhraseCount,
    PhraseOptions, Phrases, TermCounts, TermCountsOptions, TermRow, Vocabulary, VocabularyOptions,
    MAX_VOCABULARY, PHRASE_WORK, SLICE_WORK,
};
use suggest::ClauseFacts;

/// How many hits a search returns when no limit is given.
pub const DEFAULT_LIMIT: usize = 20;
/// The most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// At most this many terms stand in for the prefix of a word being typed, the most frequent
/// first (`word*` stands for all of them).
pub const MAX_PREFIX_TERMS: usize = 32;
/// A search reads the postings of a word's completions as it is typed, and of its near
/// spellings, from at most this many blocks of postings beside the word's own (each a chunk of
/// some 30 KB in a chunked index), the most frequent forms first, and those of rarer forms in
/// the same blocks: as search engines cap the words a typo or a prefix expands to, so that a
/// misspelling typed on a large corpus reads tens of kilobytes, not hundreds.
pub const MAX_EXPANSION_BLOCKS: usize = 4;
/// Past the first, those blocks weigh at most this many bytes in all: a block that holds the
/// postings of one frequent form alone may weigh 70 KB or more, so that four of them (the
/// near spellings of `israil` as it is typed, at 1 GB of text) read 300 KB.
pub const MAX_EXPANSION_BYTES: u64 = 128 * 1024;
/// A search reads the shards of a chunked dictionary that hold a word's near spellings (for
/// their ids and counts) up to this many bytes in all, the first whatever it weighs: a short
/// word typed with a typo early (`palst`) may have a hundred near spellings strewn over thirty
/// shards, 250 KB at 1 GB of text. Those in the shards left unread are not searched, and the
/// answer says how many.
pub const MAX_NEAR_SHARD_BYTES: u64 = 64 * 1024;
/// Words shorter than this (in characters) do not match as prefixes.
pub const MIN_PREFIX: usize = 2;
/// Query text past this many characters is ignored.
pub const MAX_QUERY_CHARS: usize = 1024;
/// How many hits have their passage however much of its budget a search has spent: on a
/// large corpus, ranking common words may spend it all, and a page of hits without passages
/// reads as broken. Ten, the page a chunked viewer shows first; each costs its positions and
/// the block of its text, so the work stays bounded.
pub const PASSAGES_ALWAYS: usize = 10;

/// The most postings (a document holding a word) the words of one search may read before
/// the words in the most documents are left out: some 30 ms of ranking natively, a word in
/// every document of a collection of 180,000 (1 GB of text) and a few more.
pub const MAX_POSTINGS: u64 = 250_000;

/// How many "did you mean" suggestions a search offers at most.
pub const MAX_SUGGESTIONS: usize = 3;

/// A searchable corpus: an index and the analyzer it was built with.
pub struct Corpus {
    index: Index,
    analyzer: Analyzer,
    /// The parameters of scoring.
    ranking: Ranking,
    /// The letters and lengths of every term, made on the first search that looks for typos.
    term_shapes: std::cell::OnceCell<TermShapes>,
    /// The documents' sources and tags as numbers, made on the first search.
    facets: std::cell::OnceCell<filter::Facets>,
    /// The last search, when it waited only for its hits' texts and titles or its suggestions.
    unfinished: std::cell::RefCell<Option<unfinished::Unfinished>>,
    /// The documents a part of the corpus (a query, a filter, ids) last kept for its
    /// statistics, with the notes its query gave (see [`Corpus::kept_documents`]).
    kept: std::cell::RefCell<Option<statistics::Kept>>,
    /// How far the phrases and words near each other that searches checked in part went,
    /// to go further.
    checks: further::Checks,
}

/// A text as a call that reads many of them gets it (see [`Corpus::scanned_text`]).
pub(super) enum Scanned<'a> {
    /// The text.
    Text(&'a str),
    /// Not yet: its chunk is wanted.
    Awaited,
    /// Not in this call, which has read as many chunks as one call may.
    Stop,
}

impl Corpus {
    /// A corpus over an index built with [`Analyzer::new`].
    pub fn new(index: Index) -> Self {
        Corpus {
            index,
            analyzer: Analyzer::new(),
            ranking: Ranking::default(),
            term_shapes: std::cell::OnceCell::new(),
            facets: std::cell::OnceCell::new(),
            unfinished: std::cell::RefCell::new(None),
            kept: std::cell::RefCell::new(None),
            checks: further::Checks::default(),
        }
    }

    /// The corpus, ranking with other parameters than the defaults: to measure alternatives.
    pub fn with_ranking(mut self, ranking: Ranking) -> Self {
        self.ranking = ranking;
        self
    }

    /// Opens a serialized index (see [`Index::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Index::from_bytes(bytes).map(Corpus::new)
    }

    /// Opens a serialized index it takes over (see [`Index::from_vec`]).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Self, Error> {
        Index::from_vec(bytes).map(Corpus::new)
    }

    /// Opens a chunked index from its manifest (see [`Index::from_manifest`]): calls answer
    /// once the chunks they want have been added (see [`Index::wanted_chunks`]).
    pub fn from_manifest(bytes: &[u8]) -> Result<Self, Error> {
        Index::from_manifest(bytes).map(Corpus::new)
    }

    /// Opens a chunked index from its manifest kept as the file `name`, checked against its
    /// name (see [`Index::from_named_manifest`]).
    pub fn from_named_manifest(name: &str, bytes: &[u8]) -> Result<Self, Error> {
        Index::from_named_manifest(name, bytes).map(Corpus::new)
    }

    /// Opens a chunked index from its manifest, checked against `name` when given, with its
    /// core inflated by the caller when `inflated_core` is given (see
    /// [`Index::open_manifest`]).
    pub fn open_manifest(
        bytes: &[u8],
        name: Option<&str>,
        inflated_core: Option<Vec<u8>>,
    ) -> Result<Self, Error> {
        Index::open_manifest(bytes, name, inflated_core).map(Corpus::new)
    }

    /// Lets go of the chunks used least recently until at most `keep` bytes of them are held
    /// (see [`Index::release_chunks`]).
    pub fn release_chunks(&mut self, keep: usize) {
        self.index.release_chunks(keep);
    }

    /// The corpus title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.index.title()
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every document, in corpus order; only a damaged index makes this fail.
    pub fn documents(&self) -> Result<Vec<DocumentInfo>, Error> {
        (0..self.index.documents().len() as DocId)
            .map(|d| DocumentInfo::of(&self.index, d))
            .collect()
    }

    /// The documents the filters keep (sources, tags, dates), in the order asked for, from
    /// `offset` and at most `limit` of them; fails for a date that is not one.
    pub fn list(&self, options: &ListOptions) -> Result<Vec<DocumentInfo>, Error> {
        let mut docs = self.kept(options)?;
        let end = options
            .limit
            .map_or(docs.len(), |limit| options.offset.saturating_add(limit));
        let page = options.offset.min(docs.len())..end.min(docs.len());
        match options.sort {
            Sort::Relevance => {}
            Sort::Title => {
                if self.index.title_order()?.is_none() {
                    // It is wanted now; the page asks again once it has come.
                    return Ok(Vec::new());
                }
                docs.sort_by_key(|&d| self.index.title_rank(d));
            }
            Sort::Date => docs.sort_by(|&a, &b| self.order(Sort::Date, a, b).then(a.cmp(&b))),
        }
        docs[page]
            .iter()
            .map(|&d| DocumentInfo::of(&self.index, d))
            .collect()
    }

    /// How many documents the filters keep; fails for a date that is not one.
    pub fn count_documents(&self, options: &ListOptions) -> Result<usize, Error> {
        Ok(self.kept(options)?.len())
    }

    /// The document with this id, without its text; `None` when there is none. Only a
    /// damaged index makes this fail.
    pub fn document_info(&self, id: &str) -> Result<Option<DocumentInfo>, Error> {
        match self.index.document_by_id(id) {
            Some((doc, _)) => DocumentInfo::of(&self.index, doc).map(Some),
            None => Ok(None),
        }
    }

    /// The documents the filters keep, counted by date with their words, and how many have no
    /// date: what a trend divides its counts by. Fails for a date that is not one.
    pub fn dates(&self, options: &ListOptions) -> Result<DateCounts, Error> {
        let mut dates: std::collections::BTreeMap<&str, (usize, u64)> = Default::default();
        let mut undated = 0;
        for doc in self.kept(options)? {
            let document = self.index.document(doc);
            match document.meta.date {
                Some(date) => {
                    let entry = dates.entry(date).or_default();
                    entry.0 += 1;
                    entry.1 += u64::from(document.words);
                }
                None => undated += 1,
            }
        }
        let dates = dates
            .into_iter()
            .map(|(date, (documents, words))| DateCount {
                date: date.to_string(),
                documents,
                words,
            })
            .collect();
        Ok(DateCounts { dates, undated })
    }

    /// The documents the filters of `options` keep, in corpus order.
    fn kept(&self, options: &ListOptions) -> Result<Vec<DocId>, Error> {
        let filter = options.filter()?;
        let all = 0..self.index.documents().len() as DocId;
        if filter.is_empty() {
            return Ok(all.collect());
        }
        Ok(all
            .filter(|&d| filter.keeps(&self.index.documents().meta(d)))
            .collect())
    }

    /// Parses a query with this corpus's analyzer, normalised (see [`crate::query`]).
    pub fn parse(&self, query: &str) -> Query {
        self.parse_within(query, &Budget::new(WORK_LIMIT))
    }

    /// Parses a query, noting in `budget` what was left out, and sharing the budget among
    /// its words.
    fn parse_within(&self, query: &str, budget: &Budget) -> Query {
        let text = truncate(query);
        if text.len() < query.len() {
            budget.note(format!(
                "Only the first {MAX_QUERY_CHARS} characters of the query were searched."
            ));
        }
        let parsed = parse_noted(&self.analyzer, text);
        parsed.notes.into_iter().for_each(|n| budget.note(n));
        budget.expect_words(parsed.query.word_count());
        parsed.query
    }

    /// The clauses a search reads: all of them, unless their words' postings would pass
    /// `most` in all (see [`MAX_POSTINGS`]: a paragraph of common words pasted into a
    /// collection of 180,000 documents), when the words in the most documents are left out,
    /// and noted, until the rest fit. A word is always read alone, and words not known yet (in
    /// a chunked index, before their shard of the dictionary has come) count as none.
    fn within_reach<'q>(
        &self,
        positive: Vec<&'q Query>,
        budget: &Budget,
        most: u64,
    ) -> (Vec<&'q Query>, Vec<String>) {
        let mut words: Vec<(usize, u64, &str)> = positive
            .iter()
            .enumerate()
            .filter_map(|(i, clause)| match clause {
                Query::Word { text, word } => self.index.term_id(&word.term).map(|t| {
                    (
                        i,
                        u64::from(self.index.document_frequency(t)),
                        text.as_str(),
                    )
                }),
                _ => None,
            })
            .collect();
        let mut total: u64 = words.iter().map(|w| w.1).sum();
        if total <= most || positive.len() < 2 {
            return (positive, Vec::new());
        }
        words.sort_by_key(|&(i, documents, _)| (std::cmp::Reverse(documents), i));
        let mut left_out: Vec<(usize, u64, &str)> = Vec::new();
        for word in words {
            if total <= most || left_out.len() + 1 >= positive.len() {
                break;
            }
            total -= word.1;
            left_out.push(word);
        }
        let names: Vec<String> = left_out
            .iter()
            .map(|(_, _, text)| format!("\u{2018}{text}\u{2019}"))
            .collect();
        let fewest = left_out.iter().map(|w| w.1).min().unwrap_or(0) as usize;
        budget.note(match names.as_slice() {
            [one] => format!(
                "Left out {one}: it is in {} documents, and reading them all would take too long.",
                crate::budget::count(fewest)
            ),
            _ => format!(
                "Left out {}: each is in {} documents or more, and reading them all would take too long.",
                names.join(", "),
                crate::budget::count(fewest)
            ),
        });
        let kept = positive
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !left_out.iter().any(|w| w.0 == *i))
            .map(|(_, clause)| clause)
            .collect();
        (kept, left_out.iter().map(|w| w.2.to_string()).collect())
    }

    /// Searches: complete matches ranked by score, then, when they are fewer than the limit,
    /// documents holding at least half of the query's words, marked partial. A long query (a
    /// question typed as a sentence; see [`LONG_QUERY`]) ranks every document holding
    /// any of its words by score and idf-weighted coverage alone, complete or not.
    ///
    /// The work is bounded (see [`crate::budget`]): proximity is weighed only for documents
    /// that could still reach the hits returned, and what the budget left out is in
    /// [`SearchResult::notes`].
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResult, Error> {
        check_limit(options.limit)?;
        let filter = options.filter()?;
        if let Some(finished) = self.finish_unfinished(query, options)? {
            return Ok(finished);
        }
        if options.sort == Sort::Title {
            // Wanted now if it has not arrived: the answer is then incomplete, and not kept.
            self.index.title_order()?;
        }
        let typed = query;
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let (negative, positive) = (query.excluded(), query.required());
        let (positive, words_left_out) = self.within_reach(positive, &budget, MAX_POSTINGS);
        let negatives = self.excluded(&negative, &budget)?;
        // What the exclusions and a filter leave out, sorted.
        let left_out = |filter: &Filter| {
            let mut excluded = negatives.clone();
            excluded.extend(self.filtered_out(filter));
            excluded.sort_unstable();
            excluded.dedup();
            excluded
        };
        let excluded = left_out(&filter);
        if positive.is_empty() {
            let any_exclusion = !negative.is_empty();
            let mut result = self.all_except(&excluded, any_exclusion, options, &budget)?;
            if any_exclusion {
                // Only exclusions: every other document the other filters keep matches.
                let kept = |filter: &Filter| {
                    let excluded = left_out(filter);
                    (0..self.index.documents().len() as DocId)
                        .filter(move |d| excluded.binary_search(d).is_err())
                };
                result.sources = self.source_counts(kept(&filter.without_sources()));
                result.tags = self.tag_counts(kept(&filter.without_tags()));
            }
            return Ok(result);
        }

        let matcher = Matcher::search().going_further(options.further);
        let per_clause: Vec<Matches> = positive
            .iter()
            .map(|q| self.evaluate(q, options.explain, &matcher, &budget))
            .collect::<Result<_, _>>()?;
        matcher.count_further_work(&budget);
        if self.index.waits_for_terms() {
            // Postings (or the order of the titles) are on their way: what would be counted
            // and ranked now is not what will be, so the page asks again once they have come.
            let notes = budget.take_notes();
            return Ok(SearchResult {
                total: 0,
                complete: false,
                further: false,
                every_word: 0,
                left_out: words_left_out,
                notes: notes.messages,
                work: budget.spent(),
                hits: Vec::new(),
                suggestions: Vec::new(),
                forms: Vec::new(),
                sources: Vec::new(),
                tags: Vec::new(),
            });
        }
        let needed = positive.len();
        let mut candidates = self.candidates(&per_clause, &excluded, options.limit, &budget);
        // The counts of every source as if none were chosen, and of every tag as if none were,
        // the other filters applied.
        let matching = |filter: &Filter| -> Vec<DocId> {
            let excluded = left_out(filter);
            let found = self.candidates(&per_clause, &excluded, options.limit, &budget);
            found.list.iter().map(|c| c.doc).collect()
        };
        let chosen: Vec<DocId> = candidates.list.iter().map(|c| c.doc).collect();
        let sources = if filter.has_sources() {
            self.source_counts(matching(&filter.without_sources()).into_iter())
        } else {
            self.source_counts(chosen.iter().copied())
        };
        let tags = if filter.has_tags() {
            self.tag_counts(matching(&filter.without_tags()).into_iter())
        } else {
            self.tag_counts(chosen.into_iter())
        };
        let total = candidates.list.len();
        let every_word = candidates.list.iter().filter(|c| !c.partial).count();
        let ranked = self.rank(&mut candidates, &per_clause, options, &budget)?;
        // Whether the ranking had all it read: a phrase may wait for texts too.
        let ranked_whole = !self.index.waits_for_chunks();
        let mut inputs = Vec::with_capacity(ranked.len());
        let hits = ranked
            .into_iter()
            .enumerate()
            .map(|(place, (candidate, proximity))| {
                let doc = candidate.doc;
                let missing = (0..needed)
                    .filter(|c| !per_clause[*c].contains_key(&doc))
                    .map(|c| positive[c].text())
                    .collect();
                // The words kept apart are found in the text, which the passage reads anyway.
                let passage_words = || -> Result<(Vec<MatchedWord>, Vec<InText>), Error> {
                    let (mut words, in_text) = positions_by_clause(doc, &per_clause)?;
                    if in_text.is_empty() {
                        return Ok((words, in_text));
                    }
                    Ok(match add_words_in_text(&mut words, &in_text, doc, &self.index)? {
                        true => (words, Vec::new()),
                        false => (words, in_text),
                    })
                };
                let matched = options
                    .has_passage(place)
                    .then(|| {
                        let size: u64 = per_clause
                            .iter()
                            .filter_map(|m| m.get(&doc))
                            .map(DocMatch::position_count)
                            .sum();
                        let units = size * cost::POSITION + cost::LINE;
                        // The first hits have their passages whatever ranking spent.
                        if place < PASSAGES_ALWAYS {
                            budget.spend(units);
                            return Some(passage_words());
                        }
                        if budget.try_spend(units) {
                            return Some(passage_words());
                        }
                        budget.note("Passages are shown for the first results only: more would take too long.");
                        None
                    })
                    .flatten()
                    .transpose()?;
                let (matched, in_text) = match matched {
                    Some((words, in_text)) => (Some(words), in_text),
                    None => (None, Vec::new()),
                };
                let explanation = options
                    .explain
                    .then(|| self.score_breakdown(&candidate, proximity, &per_clause, &candidates));
                // The title's matched words, with the passages: a search for ids alone is
                // spared segmenting titles.
                let titled: Vec<TermId> = if options.snippets {
                    per_clause
                        .iter()
                        .filter_map(|m| m.get(&doc))
                        .flat_map(|m| m.titled.iter().copied())
                        .collect()
                } else {
                    Vec::new()
                };
                let hit = self.hit(
                    doc,
                    candidate.base * proximity,
                    candidate.partial,
                    missing,
                    matched.as_deref(),
                    explanation,
                    &titled,
                )?;
                inputs.push(unfinished::HitInputs {
                    doc,
                    matched,
                    in_text,
                    titled,
                });
                Ok(hit)
            })
            .collect::<Result<_, _>>()?;
        let facts: Vec<ClauseFacts> = positive
            .iter()
            .zip(&per_clause)
            .map(|(query, matches)| ClauseFacts::of(query, matches, &matcher))
            .collect();
        let spent_before_suggestions = budget.spent();
        let suggestions = self.suggest(&facts, &budget);
        let forms = self.searched_forms(matcher.take_record(), &budget)?;
        let notes = budget.take_notes();
        let result = SearchResult {
            total,
            complete: notes.complete,
            further: matcher.has_stopped_short(),
            every_word,
            left_out: words_left_out,
            notes: notes.messages,
            work: budget.spent(),
            hits,
            suggestions,
            forms,
            sources,
            tags,
        };
        // Kept to be finished with its texts alone: passages whose positions are on their way
        // are read again with the search.
        let to_finish =
            (ranked_whole && !self.index.waits_for_positions()).then_some(unfinished::Ranked {
                hits: inputs,
                clauses: facts,
                spent_before_suggestions,
            });
        self.keep_if_unfinished(typed, options, &result, to_finish);
        Ok(result)
    }

    /// A whole document, with every word that matches `query` highlighted.
    pub fn document(&self, id: &str, query: &str) -> Result<DocumentView, Error> {
        self.document_with(id, query, &DocumentOptions::default())
    }

    /// [`Corpus::document`], with the words highlighted as a search matches them or, with
    /// [`DocumentOptions::forms`], as the concordance counts them.
    pub fn document_with(
        &self,
        id: &str,
        query: &str,
        options: &DocumentOptions,
    ) -> Result<DocumentView, Error> {
        let (doc, document) = self
            .index
            .document_by_id(id)
            .ok_or_else(|| Error::UnknownDocument(id.to_string()))?;
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let mut positions: Vec<u32> = Vec::new();
        // The words of terms whose positions are kept apart and have not arrived are found
        // in the text, which the reader reads anyway.
        let mut in_text: Vec<TermId> = Vec::new();
        let matcher = match &options.forms {
            Some(forms) => Matcher::count(forms),
            None => Matcher::search(),
        };
        for q in query.required() {
            if let Some(found) = self.evaluate(q, false, &matcher, &budget)?.remove(&doc) {
                let (read, terms) = found.positions_now()?;
                positions.extend(read);
                in_text.extend(terms);
            }
        }
        let text = self.index.text(doc)?;
        // A term is "" only while its shard has not arrived, and no word is that term.
        let terms: Vec<&str> = in_text
            .iter()
            .map(|&term| self.index.term(term))
            .filter(|term| !term.is_empty())
            .collect();
        positions.extend(term_positions(text, &terms).into_iter().flatten());
        positions.sort_unstable();
        positions.dedup();
        let spans = word_spans(text);
        Ok(DocumentView {
            document: DocumentInfo::of(&self.index, doc)?,
            text: text.to_string(),
            headings: utf16_ranges(text, &byte_ranges(document.headings)),
            code: utf16_ranges(text, &byte_ranges(document.code)),
            highlights: highlight_words(text, &spans, &positions),
        })
    }

    /// The text of `doc` for a call that reads many documents' texts: [`Scanned::Stop`] once
    /// the call has read as many chunks of a chunked index's texts as one call may (see
    /// [`crate::budget::TEXT_CHUNKS`]), [`Scanned::Awaited`] when its chunk (or a posting) has
    /// not arrived, which is then wanted and the call asked again.
    pub(super) fn scanned_text(&self, doc: DocId, budget: &Budget) -> Result<Scanned<'_>, Error> {
        if !budget.may_read_chunks(&self.index.text_chunks(doc)) {
            return Ok(Scanned::Stop);
        }
        Ok(match self.index.scanned_text(doc)? {
            Some(text) => Scanned::Text(text),
            None => Scanned::Awaited,
        })
    }

    /// What a search returns of a document: its metadata, its score and, given the words it
    /// matched (tagged with their clauses), a snippet around the best of them, with the
    /// matched terms `titled` highlighted in its title.
    #[allow(clippy::too_many_arguments)]
    fn hit(
        &self,
        doc: DocId,
        score: f32,
        partial: bool,
        missing: Vec<String>,
        matched: Option<&[MatchedWord]>,
        explanation: Option<Explanation>,
        titled: &[TermId],
    ) -> Result<SearchHit, Error> {
        let document = self.index.document(doc);
        let snippet = match matched {
            // A text that has not arrived is wanted, and this answer is asked for again.
            // The passage reads the piece of a long text that holds it.
            Some(matched) => {
                let (start, end) = passage_words(document.words, matched);
                let window = self.index.arrived_window(doc, start, end)?;
                window.map(|window| {
                    snippet(
                        &window.text,
                        document.words,
                        matched,
                        &window.ranges(&byte_ranges(document.code)),
                        |a, b| window.spans(&self.index, doc, a, b),
                    )
                })
            }
            None => None,
        };
        // A hit whose passage awaits its text has its title from the same block: its block of
        // titles is not wanted as well.
        let title = match (matched, &snippet) {
            (Some(_), None) => String::new(),
            _ => self.index.found_title(doc)?.into_owned(),
        };
        Ok(SearchHit {
            id: document.meta.id.to_string(),
            title_highlights: self.title_highlights(&title, titled),
            title,
            source: document.meta.source.to_string(),
            date: document.meta.date.map(str::to_string),
            lang: document.meta.lang.map(str::to_string),
            score,
            partial,
            missing,
            snippet,
            explanation,
        })
    }

    /// Where the matched terms `titled` stand in a document's title, in UTF-16 code units.
    fn title_highlights(&self, title: &str, titled: &[TermId]) -> Vec<[u32; 2]> {
        if titled.is_empty() {
            return Vec::new();
        }
        let ranges: Vec<std::ops::Range<usize>> = self
            .analyzer
            .tokens(title)
            .into_iter()
            .filter(|token| titled.iter().any(|&t| self.index.term(t) == token.term))
            .map(|token| token.start..token.end)
            .collect();
        utf16_ranges(title, &ranges)
    }

    /// Every document not excluded, in the order asked: the answer to a query of exclusions
    /// only.
    fn all_except(
        &self,
        excluded: &[DocId],
        any_exclusion: bool,
        options: &SearchOptions,
        budget: &Budget,
    ) -> Result<SearchResult, Error> {
        let mut kept: Vec<DocId> = Vec::new();
        if any_exclusion {
            kept = (0..self.index.documents().len() as DocId)
                .filter(|d| excluded.binary_search(d).is_err())
                .collect();
            kept.sort_by(|&a, &b| self.order(options.sort, a, b).then(a.cmp(&b)));
        }
        let total = kept.len();
        let mut hits = Vec::new();
        for (place, doc) in kept.into_iter().take(options.limit).enumerate() {
            let wanted = options.has_passage(place);
            let passage = wanted && budget.try_spend(cost::LINE);
            if wanted && !passage {
                budget.note(
                    "Passages are shown for the first results only: more would take too long.",
                );
            }
            let positions = passage.then_some(&[][..]);
            hits.push(self.hit(doc, 0.0, false, Vec::new(), positions, None, &[])?);
        }
        let notes = budget.take_notes();
        Ok(SearchResult {
            total,
            complete: notes.complete,
            further: false,
            every_word: total,
            left_out: Vec::new(),
            notes: notes.messages,
            work: budget.spent(),
            hits,
            suggestions: Vec::new(),
            forms: Vec::new(),
            sources: Vec::new(),
            tags: Vec::new(),
        })
    }

    /// How two documents compare under a sort other than relevance (equal under relevance).
    fn order(&self, sort: Sort, a: DocId, b: DocId) -> std::cmp::Ordering {
        match sort {
            Sort::Relevance => std::cmp::Ordering::Equal,
            Sort::Title => self.index.title_rank(a).cmp(&self.index.title_rank(b)),
            // Newest first, undated last: ISO dates compare as text.
            Sort::Date => {
                let documents = self.index.documents();
                match (documents.date(a), documents.date(b)) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }
        }
    }

    /// What a search tells of the words it matched: the words that stood for other corpus
    /// words than their own (other forms, near spellings, `word*`), each with the documents
    /// of each form. Completions of a word being typed are left out: they change with every
    /// keystroke.
    fn searched_forms(
        &self,
        mut record: Vec<forms::Expanded>,
        budget: &Budget,
    ) -> Result<Vec<WordForms>, Error> {
        record.retain_mut(|expanded| {
            if expanded.word.prefix == crate::query::Prefix::Typing {
                let terms = &mut expanded.expansion.terms;
                terms.retain(|&(_, kind)| kind != crate::score::MatchKind::Prefix);
            }
            expanded.expansion.others.clear();
            let terms = &expanded.expansion.terms;
            terms
                .iter()
                .any(|&(_, kind)| kind != crate::score::MatchKind::Exact)
        });
        self.word_forms(&record, None, None, budget)
    }
}

/// Checks a limit of hits, lines or rows: 1 to [`MAX_LIMIT`].
fn check_limit(limit: usize) -> Result<(), Error> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::InvalidOptions(format!(
            "limit must be between 1 and {MAX_LIMIT}, not {limit}"
        )));
    }
    Ok(())
}

/// Ranges as a document stores them, as byte ranges of its text.
fn byte_ranges(ranges: &[[u32; 2]]) -> Vec<std::ops::Range<usize>> {
    ranges
        .iter()
        .map(|&[start, end]| start as usize..end as usize)
        .collect()
}

fn truncate(query: &str) -> &str {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &query[..at],
        None => query,
    }
}

/// A corpus of `count` documents, `d0`, `d1`…, each of `text`, for the tests of the search's
/// stages.
#[cfg(test)]
fn copies_of(count: usize, text: &str) -> Corpus {
    texts_of(count, |_| text.to_string())
}

/// A corpus of `count` documents, the text of each given by its number.
#[cfg(test)]
fn texts_of(count: usize, text: impl Fn(usize) -> String) -> Corpus {
    let analyzer = crate::analyze::Analyzer::new();
    let mut builder = crate::IndexBuilder::new(&analyzer);
    let documents = (0..count)
        .map(|d| crate::NewDocument {
            meta: crate::DocumentMeta {
                id: format!("d{d}"),
                ..Default::default()
            },
            text: text(d),
            headings: Vec::new(),
            code: Vec::new(),
        })
        .collect();
    builder.add_all(documents).unwrap();
    Corpus::new(builder.finish().unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{IndexBuilder, NewDocument};

    /// 30 documents: `alpha` in every one, `beta` in 20, `gamma` in 10, `delta` in 2.
    fn graded() -> Corpus {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        for d in 0..30 {
            let mut words = vec!["alpha"];
            words.extend((d < 20).then_some("beta"));
            words.extend((d < 10).then_some("gamma"));
            words.extend((d < 2).then_some("delta"));
            let document = NewDocument {
                meta: crate::DocumentMeta {
                    id: format!("d{d}"),
                    ..Default::default()
                },
                text: words.join(" "),
                headings: Vec::new(),
                code: Vec::new(),
            };
            builder.add(document).unwrap();
        }
        Corpus::new(builder.finish().unwrap())
    }

    fn kept(corpus: &Corpus, query: &str, most: u64) -> (Vec<String>, Vec<String>) {
        let budget = Budget::new(WORK_LIMIT);
        let parsed = corpus.parse_within(query, &budget);
        let (kept, left_out) = corpus.within_reach(parsed.required(), &budget, most);
        let kept: Vec<String> = kept.iter().map(|q| q.text()).collect();
        let mut every: Vec<String> = kept.iter().chain(&left_out).cloned().collect();
        every.sort();
        let mut words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        words.sort();
        assert_eq!(every, words, "each word kept or left out");
        (kept, budget.take_notes().messages)
    }

    #[test]
    fn a_search_that_checked_a_phrase_in_part_goes_further_when_asked() {
        // Both words in every document, many times: reading them and checking a few thousand
        // documents spends a call's budget. The phrase stands in two documents, far apart.
        let common = "of north the river ".repeat(50);
        let corpus = texts_of(5_000, |d| match d {
            7 | 4_990 => format!("{common} of the sea"),
            _ => common.clone(),
        });
        let search = |further| {
            let options = SearchOptions {
                further,
                ..SearchOptions::default()
            };
            corpus.search("\"of the\"", &options).unwrap()
        };
        let mut result = search(false);
        assert_eq!(
            (result.total, result.complete, result.further),
            (1, false, true)
        );
        let mut steps = 0;
        while result.further {
            result = search(true);
            steps += 1;
            assert!(steps < 10, "each call checks more");
        }
        assert_eq!((result.total, result.complete), (2, true));
        let mut ids: Vec<&str> = result.hits.iter().map(|hit| hit.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["d4990", "d7"]);
        assert!(result.notes.is_empty(), "{:?}", result.notes);
        // A search that does not ask to go further answers as the first did.
        assert_eq!(search(false).total, 1);

        // The concordance goes further as the search does, counting what it finds.
        let concordance = |further| {
            let options = ConcordanceOptions {
                further,
                ..ConcordanceOptions::default()
            };
            corpus.concordance("\"of the\"", &options).unwrap()
        };
        let mut counted = concordance(false);
        assert_eq!(
            (counted.total, counted.complete, counted.further),
            (1, false, true)
        );
        let mut steps = 0;
        while counted.further {
            counted = concordance(true);
            steps += 1;
            assert!(steps < 10, "each call checks more");
        }
        assert_eq!((counted.total, counted.complete), (2, true));
        let ids: Vec<&str> = counted.lines.iter().map(|line| line.id.as_str()).collect();
        assert_eq!(ids, ["d7", "d4990"]);
    }

    #[test]
    fn the_words_in_the_most_documents_are_left_out_once_their_postings_pass_the_limit() {
        let corpus = graded();
        let query = "delta alpha gamma beta";
        // 62 postings in all: within 62, all of them.
        assert_eq!(
            kept(&corpus, query, 62).0,
            ["delta", "alpha", "gamma", "beta"]
        );
        // Within 35: alpha goes (32 left).
        let (words, notes) = kept(&corpus, query, 35);
        assert_eq!(words, ["delta", "gamma", "beta"]);
        assert_eq!(
            notes,
            ["Left out \u{2018}alpha\u{2019}: it is in 30 documents, and reading them all would take too long."]
        );
        // Within 5: every word but the rarest, which is always read.
        let (words, notes) = kept(&corpus, query, 5);
        assert_eq!(words, ["delta"]);
        assert!(notes[0].starts_with("Left out \u{2018}alpha\u{2019}, \u{2018}beta\u{2019}, \u{2018}gamma\u{2019}: each is in 10 documents or more"), "{notes:?}");
        // A word alone is never left out.
        assert_eq!(kept(&corpus, "alpha", 1).0, ["alpha"]);
        // Below the limit, a search reads every word: two documents hold both.
        let result = corpus
            .search("alpha delta", &SearchOptions::default())
            .unwrap();
        assert_eq!(result.every_word, 2);
        assert!(result.notes.is_empty(), "{:?}", result.notes);
    }
}
