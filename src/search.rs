//! The engine: answers searches and opens documents over an [`Index`], with the shared
//! [`Analyzer`], the [query language](crate::query), [scoring](crate::score) and
//! [excerpts](crate::excerpt).

use std::collections::BTreeMap;

use crate::analyze::{is_stopword, utf16_ranges, word_spans, Analyzer};
use crate::budget::{cost, Budget, WORK_LIMIT};
use crate::error::Error;
use crate::excerpt::{highlight_words, snippet, Hit};
use crate::index::{DocId, Index, PostingRef, TermId};
use crate::query::{parse_noted, Query, Word};
use crate::score::{self, Contribution, Explanation, MatchKind};

mod concordance;
mod expand;
mod results;
pub use concordance::{
    Concordance, ConcordanceLine, ConcordanceOptions, ConcordanceSort, Occurrences, SORT_WORDS,
};
use expand::Letters;
pub use expand::{allowed_typos, distance};
pub use results::*;

/// How many hits a search returns when no limit is given.
pub const DEFAULT_LIMIT: usize = 20;
/// The most hits one search returns.
pub const MAX_LIMIT: usize = 10_000;
/// At most this many terms stand in for one prefix, the most frequent first.
pub const MAX_PREFIX_TERMS: usize = 32;
/// Words shorter than this (in characters) do not match as prefixes.
pub const MIN_PREFIX: usize = 2;
/// Query text past this many characters is ignored.
pub const MAX_QUERY_CHARS: usize = 1024;
/// How many "did you mean" suggestions a search offers at most.
pub const MAX_SUGGESTIONS: usize = 3;

/// What one query part matched in one document.
#[derive(Debug, Clone, Default)]
struct DocMatch<'a> {
    score: f32,
    /// Where the matched positions are: most still encoded in the postings, decoded only for
    /// the few documents whose positions are read (snippets, proximity, the reader).
    found: FoundList<'a>,
    contributions: Vec<Contribution>,
}

/// The [`Found`] of one match: most often from a single term, so kept without a vector.
#[derive(Debug, Clone, Default)]
enum FoundList<'a> {
    #[default]
    Empty,
    One(Found<'a>),
    Many(Vec<Found<'a>>),
}

impl<'a> FoundList<'a> {
    fn push(&mut self, found: Found<'a>) {
        *self = match std::mem::take(self) {
            FoundList::Empty => FoundList::One(found),
            FoundList::One(first) => FoundList::Many(vec![first, found]),
            FoundList::Many(mut all) => {
                all.push(found);
                FoundList::Many(all)
            }
        };
    }

    fn extend(&mut self, other: FoundList<'a>) {
        match other {
            FoundList::Empty => {}
            FoundList::One(found) => self.push(found),
            FoundList::Many(all) => all.into_iter().for_each(|found| self.push(found)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Found<'a>> {
        let (one, many) = match self {
            FoundList::Empty => (None, &[][..]),
            FoundList::One(found) => (Some(found), &[][..]),
            FoundList::Many(all) => (None, all.as_slice()),
        };
        one.into_iter().chain(many)
    }
}

/// Matched positions, encoded or decoded.
#[derive(Debug, Clone)]
enum Found<'a> {
    Encoded(PostingRef<'a>),
    Decoded(Vec<u32>),
}

impl DocMatch<'_> {
    /// How many positions [`DocMatch::positions`] decodes.
    fn position_count(&self) -> u64 {
        self.found
            .iter()
            .map(|found| match found {
                Found::Encoded(posting) => posting.tf as u64,
                Found::Decoded(positions) => positions.len() as u64,
            })
            .sum()
    }

    /// The matched word positions, in no particular order, perhaps repeated.
    fn positions(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for found in self.found.iter() {
            match found {
                Found::Encoded(posting) => out.extend(posting.positions()),
                Found::Decoded(positions) => out.extend_from_slice(positions),
            }
        }
        out
    }
}

type Matches<'a> = BTreeMap<DocId, DocMatch<'a>>;

/// A document that matched enough of the query to rank.
#[derive(Debug, Clone)]
struct Candidate {
    doc: DocId,
    /// Whether some required clauses are missing.
    partial: bool,
    /// The score before proximity: the clauses' scores, weighted by the share of the query
    /// the document covers.
    base: f32,
    /// The required clauses it matched, in order.
    clauses: Vec<usize>,
}

/// A searchable corpus: an index and the analyzer it was built with.
pub struct Corpus {
    index: Index,
    analyzer: Analyzer,
    /// The letters of every term, made on the first search that looks for typos.
    term_letters: std::cell::OnceCell<Vec<Letters>>,
}

impl Corpus {
    /// A corpus over an index built with [`Analyzer::new`].
    pub fn new(index: Index) -> Self {
        Corpus {
            index,
            analyzer: Analyzer::new(),
            term_letters: std::cell::OnceCell::new(),
        }
    }

    /// Opens a serialized index (see [`Index::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Index::from_bytes(bytes).map(Corpus::new)
    }

    /// Opens a serialized index it takes over (see [`Index::from_vec`]).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Self, Error> {
        Index::from_vec(bytes).map(Corpus::new)
    }

    /// The corpus title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.index.title()
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Every document, in corpus order.
    pub fn documents(&self) -> Vec<DocumentInfo> {
        self.index
            .documents()
            .iter()
            .map(|d| DocumentInfo {
                id: d.id.clone(),
                title: d.title.clone(),
                source: d.source.clone(),
                date: d.date.clone(),
                url: d.url.clone(),
                words: d.words,
            })
            .collect()
    }

    /// Counts of documents, words, terms and sources, and the most frequent content words.
    pub fn overview(&self) -> Overview {
        let documents = self.index.documents();
        let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
        for d in documents {
            *sources.entry(d.source.as_str()).or_default() += 1;
        }
        let mut sources: Vec<SourceCount> = sources
            .into_iter()
            .map(|(source, documents)| SourceCount {
                source: source.to_string(),
                documents,
            })
            .collect();
        sources.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.source.cmp(&b.source)));
        // The most frequent content words, selected by count before any is copied out.
        let mut top: Vec<(u32, TermId)> = (0..self.index.terms().len() as TermId)
            .filter(|&t| {
                let term = self.index.term(t);
                !is_stopword(term)
                    && term.chars().any(char::is_alphabetic)
                    && term.chars().nth(1).is_some()
            })
            .map(|t| (self.index.occurrences(t), t))
            .collect();
        // Terms are sorted, so equal counts fall in alphabetical order.
        let by_count = |a: &(u32, TermId), b: &(u32, TermId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if top.len() > TOP_TERMS {
            top.select_nth_unstable_by(TOP_TERMS - 1, by_count);
            top.truncate(TOP_TERMS);
        }
        top.sort_by(by_count);
        let top = top
            .into_iter()
            .map(|(count, t)| TermCount {
                term: self.index.term(t).to_string(),
                count,
                documents: self.index.document_frequency(t),
            })
            .collect();
        Overview {
            title: self.title().map(str::to_string),
            documents: documents.len(),
            words: documents.iter().map(|d| d.words as u64).sum(),
            terms: self.index.terms().len(),
            sources,
            top_terms: top,
        }
    }

    /// The documents from the sources asked for, in the order asked for.
    pub fn list(&self, options: &ListOptions) -> Vec<DocumentInfo> {
        let excluded = self.filtered_out(options.sources.as_deref());
        let mut docs: Vec<DocId> = (0..self.index.documents().len() as DocId)
            .filter(|d| excluded.binary_search(d).is_err())
            .collect();
        docs.sort_by(|&a, &b| self.order(options.sort, a, b).then(a.cmp(&b)));
        let all = self.documents();
        docs.into_iter().map(|d| all[d as usize].clone()).collect()
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

    /// Searches: complete matches ranked by score, then, when they are fewer than the limit,
    /// documents holding at least half of the query's words, marked partial.
    ///
    /// The work is bounded (see [`crate::budget`]): proximity is weighed only for documents
    /// that could still reach the hits returned, and what the budget left out is in
    /// [`SearchResult::notes`].
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResult, Error> {
        if options.limit == 0 || options.limit > MAX_LIMIT {
            return Err(Error::InvalidOptions(format!(
                "limit must be between 1 and {MAX_LIMIT}, not {}",
                options.limit
            )));
        }
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let (negative, positive) = (query.excluded(), query.required());
        let mut excluded = self.excluded(&negative, &budget)?;
        excluded.extend(self.filtered_out(options.sources.as_deref()));
        excluded.sort_unstable();
        excluded.dedup();
        if positive.is_empty() {
            let any_exclusion = !negative.is_empty();
            return self.all_except(&excluded, any_exclusion, options, &budget);
        }

        let per_clause: Vec<Matches> = positive
            .iter()
            .map(|q| self.evaluate(q, options.explain, &budget))
            .collect::<Result<_, _>>()?;
        // The clauses each document matches: (document, clause) pairs, grouped by document.
        let mut pairs: Vec<(DocId, usize)> = Vec::new();
        for (clause, matches) in per_clause.iter().enumerate() {
            let kept = matches
                .keys()
                .filter(|d| excluded.binary_search(d).is_err());
            pairs.extend(kept.map(|&doc| (doc, clause)));
        }
        budget.spend(pairs.len() as u64 * cost::CANDIDATE);
        pairs.sort_unstable();
        let clauses: Vec<usize> = pairs.iter().map(|&(_, clause)| clause).collect();
        let mut candidates: Vec<(DocId, std::ops::Range<usize>)> = Vec::new();
        for (i, &(doc, _)) in pairs.iter().enumerate() {
            match candidates.last_mut() {
                Some((last, range)) if *last == doc => range.end = i + 1,
                _ => candidates.push((doc, i..i + 1)),
            }
        }
        let needed = positive.len();
        // A clause weighs what it tells apart: missing "the" costs a partial match little,
        // missing the one rare name costs it much.
        let weights: Vec<f32> = per_clause.iter().map(|m| self.idf(m.len())).collect();
        let complete = candidates.iter().filter(|(_, c)| c.len() == needed).count();
        let partial_floor = if complete < options.limit && needed >= 2 {
            needed.div_ceil(2)
        } else {
            needed
        };
        let candidates: Vec<Candidate> = candidates
            .into_iter()
            .filter(|(_, c)| c.len() >= partial_floor)
            .map(|(doc, c)| {
                let matched = &clauses[c];
                let sum: f32 = matched.iter().map(|&m| per_clause[m][&doc].score).sum();
                let found: f32 = matched.iter().map(|&m| weights[m]).sum();
                let coverage = found / weights.iter().sum::<f32>();
                Candidate {
                    doc,
                    partial: matched.len() < needed,
                    base: sum * coverage,
                    clauses: matched.to_vec(),
                }
            })
            .collect();
        let total = candidates.len();
        let ranked = self.rank(candidates, &per_clause, options, &budget);
        let hits = ranked
            .into_iter()
            .map(|(candidate, proximity)| {
                let doc = candidate.doc;
                let missing = (0..needed)
                    .filter(|c| !per_clause[*c].contains_key(&doc))
                    .map(|c| positive[c].text())
                    .collect();
                let hits = options
                    .snippets
                    .then(|| {
                        let size: u64 = per_clause
                            .iter()
                            .filter_map(|m| m.get(&doc))
                            .map(DocMatch::position_count)
                            .sum();
                        if budget.try_spend(size * cost::POSITION + cost::LINE) {
                            return Some(positions_by_clause(doc, &per_clause));
                        }
                        budget.note("Passages are shown for the first results only: more would take too long.");
                        None
                    })
                    .flatten();
                let explanation = options
                    .explain
                    .then(|| self.explain(&candidate, proximity, &per_clause, &weights));
                self.hit(
                    doc,
                    candidate.base * proximity,
                    candidate.partial,
                    missing,
                    hits.as_deref(),
                    explanation,
                )
            })
            .collect::<Result<_, _>>()?;
        let suggestions = self.suggest(&positive, &per_clause, &budget);
        let notes = budget.take_notes();
        Ok(SearchResult {
            total,
            complete: notes.complete,
            notes: notes.messages,
            work: budget.spent(),
            hits,
            suggestions,
        })
    }

    /// The best `options.limit` candidates in order, each with its proximity factor.
    ///
    /// Proximity only raises a score, by at most [`score::PROXIMITY_BOOST`], so candidates
    /// are taken best first by their score without it, and the ranking stops at the first
    /// one that could not reach the hits kept even with the largest bonus. Proximity is
    /// weighed while the budget pays for the positions it decodes, and counts as none after.
    fn rank(
        &self,
        mut candidates: Vec<Candidate>,
        per_clause: &[Matches],
        options: &SearchOptions,
        budget: &Budget,
    ) -> Vec<(Candidate, f32)> {
        let limit = options.limit;
        let best_first = |a: &Candidate, b: &Candidate| {
            a.partial
                .cmp(&b.partial)
                .then_with(|| self.order(options.sort, a.doc, b.doc))
                .then(b.base.total_cmp(&a.base))
                .then(a.doc.cmp(&b.doc))
        };
        // The same order by final score (with proximity).
        let by_score = |a: &(Candidate, f32), b: &(Candidate, f32)| {
            a.0.partial
                .cmp(&b.0.partial)
                .then_with(|| self.order(options.sort, a.0.doc, b.0.doc))
                .then((b.0.base * b.1).total_cmp(&(a.0.base * a.1)))
                .then(a.0.doc.cmp(&b.0.doc))
        };
        if options.sort != Sort::Relevance {
            // Another order decides first: proximity can only reorder equals, so only the
            // hits returned need it.
            if candidates.len() > limit {
                candidates.select_nth_unstable_by(limit - 1, best_first);
                candidates.truncate(limit);
            }
            let mut ranked: Vec<(Candidate, f32)> = candidates
                .into_iter()
                .map(|c| {
                    let proximity = self.proximity(&c, per_clause, budget);
                    (c, proximity)
                })
                .collect();
            ranked.sort_by(by_score);
            return ranked;
        }
        candidates.sort_by(best_first);
        let best = 1.0 + score::PROXIMITY_BOOST;
        // The hits kept so far, best first; the last is the one to beat.
        let mut kept: Vec<(Candidate, f32)> = Vec::with_capacity(limit + 1);
        for candidate in candidates {
            if kept.len() == limit {
                let (last, factor) = &kept[limit - 1];
                let reachable = candidate.partial == last.partial
                    && candidate.base * best >= last.base * factor;
                if !reachable && (candidate.partial || !last.partial) {
                    break;
                }
            }
            let proximity = self.proximity(&candidate, per_clause, budget);
            let entry = (candidate, proximity);
            let at = kept.partition_point(|k| by_score(k, &entry).is_lt());
            if at < limit {
                kept.insert(at, entry);
                kept.truncate(limit);
            }
        }
        kept
    }

    /// The proximity factor of a candidate, or 1 when it matched one clause or the budget
    /// cannot pay for its positions.
    fn proximity(&self, candidate: &Candidate, per_clause: &[Matches], budget: &Budget) -> f32 {
        if candidate.clauses.len() < 2 {
            return 1.0;
        }
        let matched: Vec<&DocMatch> = candidate
            .clauses
            .iter()
            .map(|&c| &per_clause[c][&candidate.doc])
            .collect();
        let size: u64 = matched.iter().map(|m| m.position_count()).sum();
        if !budget.try_spend(size * cost::POSITION * 2) {
            return 1.0;
        }
        let lists: Vec<Vec<u32>> = matched.iter().map(|m| m.positions()).collect();
        let lists: Vec<&[u32]> = lists.iter().map(Vec::as_slice).collect();
        min_window(&lists).map_or(1.0, |w| score::proximity(lists.len(), w))
    }

    /// A whole document, with every word that matches `query` highlighted.
    pub fn document(&self, id: &str, query: &str) -> Result<DocumentView, Error> {
        let (doc, document) = self
            .index
            .document_by_id(id)
            .ok_or_else(|| Error::UnknownDocument(id.to_string()))?;
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let mut positions: Vec<u32> = Vec::new();
        for q in query.required() {
            if let Some(found) = self.evaluate(q, false, &budget)?.remove(&doc) {
                positions.extend(found.positions());
            }
        }
        positions.sort_unstable();
        positions.dedup();
        let text = self.index.text(doc)?;
        let spans = word_spans(text);
        let headings: Vec<std::ops::Range<usize>> = document
            .headings
            .iter()
            .map(|&[start, end]| start as usize..end as usize)
            .collect();
        Ok(DocumentView {
            id: document.id.clone(),
            title: document.title.clone(),
            source: document.source.clone(),
            date: document.date.clone(),
            url: document.url.clone(),
            words: document.words,
            text: text.to_string(),
            headings: utf16_ranges(text, &headings),
            highlights: highlight_words(text, &spans, &positions),
        })
    }

    fn hit(
        &self,
        doc: DocId,
        score: f32,
        partial: bool,
        missing: Vec<String>,
        hits: Option<&[Hit]>,
        explanation: Option<Explanation>,
    ) -> Result<SearchHit, Error> {
        let document = self.index.document(doc);
        let snippet = match hits {
            Some(hits) => Some(snippet(
                self.index.text(doc)?,
                document.words,
                hits,
                |a, b| self.index.spans(doc, a, b),
            )),
            None => None,
        };
        Ok(SearchHit {
            id: document.id.clone(),
            title: document.title.clone(),
            source: document.source.clone(),
            score,
            partial,
            missing,
            snippet,
            explanation,
        })
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
        for doc in kept.into_iter().take(options.limit) {
            let passage = options.snippets && budget.try_spend(cost::LINE);
            if options.snippets && !passage {
                budget.note(
                    "Passages are shown for the first results only: more would take too long.",
                );
            }
            let positions = passage.then_some(&[][..]);
            hits.push(self.hit(doc, 0.0, false, Vec::new(), positions, None)?);
        }
        let notes = budget.take_notes();
        Ok(SearchResult {
            total,
            complete: notes.complete,
            notes: notes.messages,
            work: budget.spent(),
            hits,
            suggestions: Vec::new(),
        })
    }

    /// How two documents compare under a sort other than relevance (equal under relevance).
    fn order(&self, sort: Sort, a: DocId, b: DocId) -> std::cmp::Ordering {
        let (a, b) = (self.index.document(a), self.index.document(b));
        match sort {
            Sort::Relevance => std::cmp::Ordering::Equal,
            // Newest first, undated last: ISO dates compare as text.
            Sort::Date => match (&a.date, &b.date) {
                (Some(x), Some(y)) => y.cmp(x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
            Sort::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        }
    }

    /// The documents a source filter leaves out, sorted.
    fn filtered_out(&self, sources: Option<&[String]>) -> Vec<DocId> {
        let Some(sources) = sources else {
            return Vec::new();
        };
        (0..self.index.documents().len() as DocId)
            .filter(|&d| !sources.contains(&self.index.document(d).source))
            .collect()
    }

    /// The documents any of the exclusions matches, sorted.
    fn excluded(&self, negative: &[&Query], budget: &Budget) -> Result<Vec<DocId>, Error> {
        let mut docs: Vec<DocId> = Vec::new();
        for q in negative {
            if let Query::Not(inner) = q {
                docs.extend(self.evaluate(inner, false, budget)?.into_keys());
            }
        }
        docs.sort_unstable();
        docs.dedup();
        Ok(docs)
    }

    /// A hit's score breakdown.
    fn explain(
        &self,
        candidate: &Candidate,
        proximity: f32,
        per_clause: &[Matches],
        weights: &[f32],
    ) -> Explanation {
        let found: f32 = candidate.clauses.iter().map(|&c| weights[c]).sum();
        Explanation {
            contributions: candidate
                .clauses
                .iter()
                .flat_map(|&c| per_clause[c][&candidate.doc].contributions.clone())
                .collect(),
            proximity,
            coverage: found / weights.iter().sum::<f32>(),
            score: candidate.base * proximity,
        }
    }

    /// The documents a query part matches, with scores and matched positions.
    /// With `explain`, each match keeps where its score came from.
    /// Fails when postings it reads cannot be (the index is damaged).
    fn evaluate(
        &self,
        query: &Query,
        explain: bool,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        Ok(match query {
            Query::Word { text, word } => self.word(text, word, explain, budget)?,
            Query::Phrase { text, words } => self.phrase(text, words, explain, budget)?,
            Query::Any(parts) => {
                let mut all = Matches::new();
                for part in parts {
                    let matches = self.evaluate(part, explain, budget)?;
                    budget.spend(matches.len() as u64 * cost::CANDIDATE);
                    for (doc, m) in matches {
                        merge(all.entry(doc).or_default(), m);
                    }
                }
                all
            }
            Query::All(parts) => {
                let (negative, positive): (Vec<&Query>, Vec<&Query>) =
                    parts.iter().partition(|q| matches!(q, Query::Not(_)));
                let excluded = self.excluded(&negative, budget)?;
                let mut parts = positive.iter();
                let Some(first) = parts.next() else {
                    return Ok(Matches::new());
                };
                let mut all = self.evaluate(first, explain, budget)?;
                for part in parts {
                    let next = self.evaluate(part, explain, budget)?;
                    budget.spend((all.len() + next.len()) as u64 * cost::CANDIDATE);
                    all.retain(|doc, _| next.contains_key(doc));
                    for (doc, m) in next {
                        if let Some(existing) = all.get_mut(&doc) {
                            merge(existing, m);
                        }
                    }
                }
                all.retain(|doc, _| excluded.binary_search(doc).is_err());
                all
            }
            // An exclusion means something only among the parts of an `All`.
            Query::Not(_) => Matches::new(),
        })
    }

    /// Documents with any term that matches the word; each scores by its best term.
    fn word(
        &self,
        text: &str,
        word: &Word,
        explain: bool,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        let mut expansions: Vec<(TermId, MatchKind, Vec<PostingRef>)> = Vec::new();
        for (term, kind) in self.expand(word, false, budget) {
            expansions.push((term, kind, self.index.posting_refs(term)?));
        }
        // Every posting of every term, by document (the sort is stable: within a document,
        // terms stay in the order of their expansion).
        let mut postings: Vec<(TermId, MatchKind, PostingRef)> = expansions
            .into_iter()
            .flat_map(|(term, kind, refs)| refs.into_iter().map(move |r| (term, kind, r)))
            .collect();
        postings.sort_by_key(|(_, _, posting)| posting.doc);
        // One idf for the word, over every document any of its terms is in, so that a rare
        // variant does not outweigh the word itself.
        let documents = postings.chunk_by(|a, b| a.2.doc == b.2.doc).count();
        let idf = self.idf(documents);
        let mut matches: Vec<(DocId, DocMatch)> = Vec::with_capacity(documents);
        for (term, kind, posting) in postings {
            if matches.last().is_none_or(|(doc, _)| *doc != posting.doc) {
                matches.push((posting.doc, DocMatch::default()));
            }
            let Some((_, entry)) = matches.last_mut() else {
                continue;
            };
            let tf = posting.tf;
            let length = self.index.document(posting.doc).words;
            let in_title = self.index.in_title(posting.doc, term);
            let base = score::bm25(tf, length, self.index.average_words(), idf);
            let title = if in_title { score::TITLE_BOOST } else { 0.0 };
            let value = kind.weight() * base * (1.0 + title);
            entry.found.push(Found::Encoded(posting));
            if value > entry.score {
                entry.score = value;
                if explain {
                    entry.contributions = vec![Contribution {
                        query: text.to_string(),
                        term: self.index.term(term).to_string(),
                        kind,
                        tf,
                        idf,
                        in_title,
                        score: value,
                    }];
                }
            }
        }
        // Built from sorted keys, the map is filled in one pass.
        Ok(matches.into_iter().collect())
    }

    /// Documents where the words stand at consecutive positions, in order.
    fn phrase(
        &self,
        text: &str,
        words: &[Word],
        explain: bool,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        let expansions: Vec<Vec<(TermId, MatchKind)>> =
            words.iter().map(|w| self.expand(w, true, budget)).collect();
        if expansions.iter().any(Vec::is_empty) {
            return Ok(Matches::new());
        }
        // Per word: the postings of all its terms, by document, positions still encoded.
        let mut per_word: Vec<Vec<PostingRef>> = Vec::with_capacity(expansions.len());
        for terms in &expansions {
            let mut refs: Vec<PostingRef> = Vec::new();
            for &(term, _) in terms {
                refs.extend(self.index.posting_refs(term)?);
            }
            refs.sort_by_key(|r| r.doc);
            per_word.push(refs);
        }
        let documents_of = |refs: &[PostingRef]| -> Vec<DocId> {
            let mut docs: Vec<DocId> = refs.iter().map(|r| r.doc).collect();
            docs.dedup();
            docs
        };
        let kind = expansions
            .iter()
            .flat_map(|terms| terms.iter().map(|&(_, k)| k))
            .max()
            .unwrap_or(MatchKind::Exact);
        let idf: f32 = per_word
            .iter()
            .map(|refs| self.idf(documents_of(refs).len()))
            .sum();

        // Positions are decoded only in the documents that hold every word.
        let mut candidates = documents_of(&per_word[0]);
        for refs in &per_word[1..] {
            candidates.retain(|doc| refs.binary_search_by_key(doc, |r| r.doc).is_ok());
        }
        let mut matches = Matches::new();
        for doc in candidates {
            let size: u64 = per_word
                .iter()
                .map(|refs| {
                    let first = refs.partition_point(|r| r.doc < doc);
                    refs[first..]
                        .iter()
                        .take_while(|r| r.doc == doc)
                        .map(|r| r.tf as u64)
                        .sum::<u64>()
                })
                .sum();
            if !budget.try_spend(size * cost::POSITION) {
                budget.mark_incomplete();
                budget.note(format!(
                    "Not every document was checked for the phrase \"{text}\": it is too common."
                ));
                break;
            }
            let lists: Vec<Vec<u32>> = per_word
                .iter()
                .map(|refs| {
                    let first = refs.partition_point(|r| r.doc < doc);
                    let mut positions: Vec<u32> = refs[first..]
                        .iter()
                        .take_while(|r| r.doc == doc)
                        .flat_map(PostingRef::positions)
                        .collect();
                    positions.sort_unstable();
                    positions.dedup();
                    positions
                })
                .collect();
            let starts: Vec<u32> =
                lists[0]
                    .iter()
                    .copied()
                    .filter(|&start| {
                        lists.iter().enumerate().skip(1).all(|(i, positions)| {
                            positions.binary_search(&(start + i as u32)).is_ok()
                        })
                    })
                    .collect();
            if starts.is_empty() {
                continue;
            }
            let tf = starts.len() as u32;
            let length = self.index.document(doc).words;
            let value = kind.weight() * score::bm25(tf, length, self.index.average_words(), idf);
            let mut positions: Vec<u32> = starts
                .iter()
                .flat_map(|&s| s..s + words.len() as u32)
                .collect();
            positions.sort_unstable();
            positions.dedup();
            matches.insert(
                doc,
                DocMatch {
                    score: value,
                    found: FoundList::One(Found::Decoded(positions)),
                    contributions: if explain {
                        vec![Contribution {
                            query: format!("\"{text}\""),
                            term: words
                                .iter()
                                .map(|w| w.term.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                            kind,
                            tf,
                            idf,
                            in_title: false,
                            score: value,
                        }]
                    } else {
                        Vec::new()
                    },
                },
            );
        }
        Ok(matches)
    }

    /// The idf of something found in `documents` documents.
    fn idf(&self, documents: usize) -> f32 {
        score::idf(self.index.documents().len() as u32, documents as u32)
    }
}

/// Runs of consecutive positions, as `(first, last)`.
fn runs_of(positions: &[u32]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &p in positions {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == p => run.1 = p,
            _ => runs.push((p, p)),
        }
    }
    runs
}

/// Matched positions of one document, tagged with the clause each answers, sorted.
fn positions_by_clause(doc: DocId, per_clause: &[Matches]) -> Vec<Hit> {
    let mut hits: Vec<Hit> = per_clause
        .iter()
        .enumerate()
        .filter_map(|(c, m)| m.get(&doc).map(|m| (c, m)))
        .flat_map(|(c, m)| {
            m.positions().into_iter().map(move |position| Hit {
                position,
                clause: c as u32,
            })
        })
        .collect();
    hits.sort_unstable();
    hits
}

fn merge<'a>(into: &mut DocMatch<'a>, other: DocMatch<'a>) {
    into.score += other.score;
    into.found.extend(other.found);
    into.contributions.extend(other.contributions);
}

/// The length, in positions, of the shortest window holding a position from every list (the
/// lists need not be sorted).
fn min_window(lists: &[&[u32]]) -> Option<u32> {
    if lists.len() < 2 || lists.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut events: Vec<(u32, usize)> = lists
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |&p| (p, i)))
        .collect();
    events.sort_unstable();
    let mut counts = vec![0usize; lists.len()];
    let mut covered = 0;
    let mut best = u32::MAX;
    let mut left = 0;
    for right in 0..events.len() {
        let (_, list) = events[right];
        counts[list] += 1;
        if counts[list] == 1 {
            covered += 1;
        }
        while covered == lists.len() {
            best = best.min(events[right].0 - events[left].0 + 1);
            let (_, l) = events[left];
            counts[l] -= 1;
            if counts[l] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    Some(best)
}

fn truncate(query: &str) -> &str {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => &query[..at],
        None => query,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_window_covers_one_position_of_each_list() {
        assert_eq!(min_window(&[&[1, 50], &[10, 52]]), Some(3));
        assert_eq!(min_window(&[&[5], &[5]]), Some(1));
        assert_eq!(min_window(&[&[5]]), None);
        assert_eq!(min_window(&[&[5], &[]]), None);
    }
}
