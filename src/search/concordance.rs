//! The concordance: every occurrence of a query in context (keyword in context), counted
//! first and cut into lines only for the lines returned.
//!
//! Counting decodes the positions of the matching documents; a line reads only a window of
//! its document around the match, and a sort key only the few words beside it, so the work
//! follows the lines asked for, not the occurrences found. Past the call's
//! [budget](crate::budget) the count stops (and says it is a lower bound), and a sort by
//! context orders the occurrences whose keys were made, saying how many.

use serde::{Deserialize, Serialize};

use super::evaluate::matched_positions;
use super::forms::{Expanded, Forms, Matcher, WordForms};
use super::matches::Matches;
use super::{check_limit, Corpus, Filter, Filtered, Scanned};
use crate::analyze::{fold, utf16_ranges};
use crate::budget::{cost, count, Budget, WORK_LIMIT};
use crate::error::Error;
use crate::excerpt::in_context;
use crate::index::DocId;
use crate::query::Query;

/// The most occurrences a concordance counts whatever its budget: those up to the last line
/// of the page asked for, up to as many as the most lines one call gives, so that a reader
/// pages through the lines of a word the budget cannot count in full; from the first matching
/// document (read whatever it costs) and others while they take no more than
/// [`ALWAYS_POSITIONS`]. Beyond them the budget rules.
const ALWAYS_COUNTED: usize = super::MAX_LIMIT;

/// The most positions decoded past the budget, after the first matching document's.
const ALWAYS_POSITIONS: u64 = 20_000;

/// The most lines of a page cut, and the most occurrences sorted by context, whatever the
/// budget: a page as the viewer asks for one.
const ALWAYS_CUT: usize = 100;

/// How many words beside a match a context sort compares.
pub const SORT_WORDS: u32 = 4;

/// Options of [`Corpus::concordance`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ConcordanceOptions {
    /// Characters of context on each side, 10 to 500.
    pub context: usize,
    /// The most lines to return, 1 to [`MAX_LIMIT`](crate::search::MAX_LIMIT).
    pub limit: usize,
    /// How many lines, in the order asked for, to pass over before the first one returned:
    /// the lines of an answer come a page at a time.
    pub offset: usize,
    /// The order of the lines.
    pub sort: ConcordanceSort,
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, by its
    /// span), when given.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, when given.
    pub date_to: Option<String>,
    /// What is counted beyond each word's own form (by default, nothing).
    pub forms: Forms,
    /// Go on checking the phrases (and words near each other) that the last concordance of
    /// the same query checked in only some of the documents holding their words (see
    /// [`Concordance::further`]), from where it stopped, as a search does.
    pub further: bool,
}

impl Default for ConcordanceOptions {
    fn default() -> Self {
        ConcordanceOptions {
            context: 60,
            limit: 1000,
            offset: 0,
            sort: ConcordanceSort::Document,
            sources: None,
            tags: None,
            date_from: None,
            date_to: None,
            forms: Forms::default(),
            further: false,
        }
    }
}

/// How concordance lines are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConcordanceSort {
    /// In corpus order, then by position.
    #[default]
    Document,
    /// By the words before the match, nearest first (as concordancers sort "L1, L2, …").
    Left,
    /// By the words after the match, nearest first.
    Right,
}

/// Every occurrence of a query, one line each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Concordance {
    /// How many occurrences there are (may exceed the lines returned); when not
    /// [`complete`](Self::complete), how many were counted before the work ran out.
    pub total: usize,
    /// Whether every occurrence was counted.
    pub complete: bool,
    /// Whether a phrase (or words near each other) was checked in only some of the documents
    /// that hold its words, so that the same concordance with
    /// [`further`](ConcordanceOptions::further) counts more.
    pub further: bool,
    /// When counting stopped short, for a single word counted in one form with nothing left
    /// out: its occurrences and documents in the whole collection, which the index holds
    /// without counting them (a word in most documents is counted in the first ones only).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "WholeCount | null"))]
    pub whole: Option<WholeCount>,
    /// What the answer left out or did differently, for a person.
    pub notes: Vec<String>,
    /// The work the call did, in [`crate::budget`] units.
    #[serde(skip)]
    pub work: u64,
    /// Occurrences per matching document, in corpus order.
    pub documents: Vec<Occurrences>,
    /// Per query word: the forms counted (each with its occurrences in the documents
    /// counted, or in the whole collection when [`whole`](Self::whole) is given) and the forms
    /// offered (other forms, near spellings, and forms excluded, each
    /// with its occurrences in the documents the filters leave).
    pub forms: Vec<WordForms>,
    /// The lines.
    pub lines: Vec<ConcordanceLine>,
}

/// How often a word occurs in the whole collection, and in how many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WholeCount {
    /// Its occurrences.
    pub occurrences: usize,
    /// The documents whose text holds it.
    pub documents: usize,
}

/// Where a query occurs in one document: what a dispersion plot draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Occurrences {
    /// Document id.
    pub id: String,
    /// Number of words in the document.
    pub words: u32,
    /// The document's date, if known: a trend groups its occurrences by it.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub date: Option<String>,
    /// The word position where each occurrence starts, in order.
    pub positions: Vec<u32>,
}

/// One occurrence in context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ConcordanceLine {
    /// Document id.
    pub id: String,
    /// Document title.
    pub title: String,
    /// Document source.
    pub source: String,
    /// The word position where the occurrence starts.
    pub position: u32,
    /// The context before the match.
    pub left: String,
    /// The matched text.
    #[serde(rename = "match")]
    pub matched: String,
    /// The context after the match.
    pub right: String,
    /// `[start, end)` of the match in the document's text, in UTF-16 code units.
    pub range: [u32; 2],
}

/// One occurrence found: its document and first and last word positions.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    doc: DocId,
    first: u32,
    last: u32,
}

impl Corpus {
    /// Every occurrence of the query in the documents that match it completely, in context.
    /// Matched words standing next to each other (a phrase) make one occurrence, as do the
    /// words of a `NEAR` standing within its distance of each other.
    ///
    /// Counting is exact: a word counts in its own form (folded for case and diacritics),
    /// `word*` counts every completion, and the word being typed counts as it stands;
    /// [`ConcordanceOptions::forms`] adds other forms and near spellings, and
    /// [`Concordance::forms`] says which forms were counted and which were not.
    pub fn concordance(
        &self,
        query: &str,
        options: &ConcordanceOptions,
    ) -> Result<Concordance, Error> {
        if !(10..=500).contains(&options.context) {
            return Err(Error::InvalidOptions(format!(
                "context must be between 10 and 500, not {}",
                options.context
            )));
        }
        check_limit(options.limit)?;
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let required = query.required();
        let matcher = Matcher::count(&options.forms).going_further(options.further);
        let (per_clause, excluded) = self.counted(&query, &options.filter()?, &matcher, &budget)?;
        matcher.count_further_work(&budget);

        // One word's occurrences are its positions, even side by side ("the the"); the words
        // of a phrase or of several clauses next to each other make one occurrence, and those
        // of a NEAR within its distance.
        let gap = match required.as_slice() {
            [Query::Word { .. }] => 0,
            [Query::Near { distance, .. }] => *distance,
            _ => 1,
        };
        // The occurrences of the page asked for are counted (and, for a sort by context, sorted)
        // whatever the budget says, up to a bound: finding a word in most documents can spend
        // the budget before a single occurrence is counted, and a concordance of `the` would
        // then show no line at all.
        let always = options
            .offset
            .saturating_add(options.limit)
            .min(ALWAYS_COUNTED);
        let (documents, occurrences) = self.count(&per_clause, &excluded, gap, always, &budget)?;
        let order = self.order_lines(&occurrences, options, always, &budget)?;
        let lines = self.lines(&occurrences, &order, options, &budget)?;
        let mut counted: Vec<DocId> = occurrences.iter().map(|o| o.doc).collect();
        counted.dedup();
        // The documents an offered form could be counted in: all but those left out.
        let open: Option<Vec<DocId>> = (!excluded.is_empty()).then(|| {
            (0..self.index.documents().len() as DocId)
                .filter(|d| excluded.binary_search(d).is_err())
                .collect()
        });
        let record = matcher.take_record();
        // A word counted in part, whose count in the whole collection the index holds.
        let whole = match (required.as_slice(), record.as_slice()) {
            ([Query::Word { .. }], [expanded]) if !budget.is_complete() && excluded.is_empty() => {
                self.whole_count(expanded)
            }
            _ => None,
        };
        // Its form is then counted in the whole collection too, as the forms offered are,
        // rather than in the documents the budget counted.
        let counted_in = whole.is_none().then_some(&counted[..]);
        let forms = self.word_forms(&record, counted_in, open.as_deref(), &budget)?;
        let notes = budget.take_notes();
        Ok(Concordance {
            total: occurrences.len(),
            complete: notes.complete,
            further: matcher.has_stopped_short(),
            whole,
            notes: notes.messages,
            work: budget.spent(),
            documents,
            forms,
            lines,
        })
    }

    /// The occurrences and documents of a word that stood for one term as it was counted,
    /// from the index's own counts of that term: what counting every occurrence would find.
    fn whole_count(&self, expanded: &Expanded) -> Option<WholeCount> {
        let [(term, _)] = expanded.expansion.terms.as_slice() else {
            return None;
        };
        Some(WholeCount {
            occurrences: self.index.occurrences(*term) as usize,
            documents: self.index.document_frequency(*term) as usize,
        })
    }

    /// What counting a query reads: the matches of each required clause (as `matcher` matches
    /// words), and the documents its exclusions and the filter leave out, sorted.
    pub(super) fn counted(
        &self,
        query: &Query,
        filter: &Filter,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<(Vec<Matches<'_>>, Vec<DocId>), Error> {
        let mut excluded = self.excluded(&query.excluded(), budget)?;
        excluded.extend(self.filtered_out(filter));
        excluded.sort_unstable();
        let per_clause = query
            .required()
            .iter()
            .map(|q| self.evaluate(q, false, matcher, budget))
            .collect::<Result<_, _>>()?;
        Ok((per_clause, excluded))
    }

    /// The occurrences, in corpus order, and where they fall in each document; counting stops
    /// at the first document whose positions the budget cannot pay for, once `always`
    /// occurrences are counted.
    fn count(
        &self,
        per_clause: &[Matches],
        excluded: &[DocId],
        gap: u32,
        always: usize,
        budget: &Budget,
    ) -> Result<(Vec<Occurrences>, Vec<Occurrence>), Error> {
        let mut documents = Vec::new();
        let mut occurrences = Vec::new();
        let Some(first) = per_clause.first() else {
            return Ok((documents, occurrences));
        };
        let mut forced_positions = 0u64;
        for &doc in first.keys() {
            budget.spend(cost::CANDIDATE);
            if excluded.binary_search(&doc).is_ok()
                || !per_clause.iter().all(|m| m.contains_key(&doc))
            {
                continue;
            }
            let size: u64 = per_clause.iter().map(|m| m[&doc].position_count()).sum();
            let units = size * cost::POSITION;
            if !budget.try_spend(units) {
                // Past the budget, the page asked for is still counted: from the first
                // matching document whatever it costs, from others within ALWAYS_POSITIONS.
                let first = documents.is_empty();
                if occurrences.len() >= always
                    || (!first && forced_positions + units > ALWAYS_POSITIONS)
                {
                    budget.mark_incomplete();
                    budget.note(format!(
                        "Counted in the first {} matching documents only: the rest would take too long.",
                        count(documents.len())
                    ));
                    break;
                }
                if !first {
                    forced_positions += units;
                }
                budget.spend(units);
            }
            let positions = matched_positions(per_clause, doc)?;
            let runs = runs_of(&positions, gap);
            let document = self.index.document(doc);
            documents.push(Occurrences {
                id: document.meta.id.to_string(),
                words: document.words,
                date: document.meta.date.map(str::to_string),
                positions: runs.iter().map(|r| r.0).collect(),
            });
            occurrences.extend(runs.into_iter().map(|(first, last)| Occurrence {
                doc,
                first,
                last,
            }));
        }
        Ok((documents, occurrences))
    }

    /// The occurrences in the order asked for, as indices into `occurrences`. A sort by
    /// context orders the occurrences whose keys the budget paid for (the first ones in
    /// corpus order); the rest follow in corpus order, and a note says so.
    fn order_lines(
        &self,
        occurrences: &[Occurrence],
        options: &ConcordanceOptions,
        always: usize,
        budget: &Budget,
    ) -> Result<Vec<usize>, Error> {
        let left = match options.sort {
            ConcordanceSort::Document => return Ok((0..occurrences.len()).collect()),
            ConcordanceSort::Left => true,
            ConcordanceSort::Right => false,
        };
        let mut keyed: Vec<(Vec<String>, usize)> = Vec::new();
        let unsorted = |keyed: usize| {
            format!(
                "Sorted the first {} of {} occurrences by context; the rest follow in document order.",
                count(keyed),
                count(occurrences.len())
            )
        };
        for (i, o) in occurrences.iter().enumerate() {
            // Past the budget, the occurrences of the page asked for are still sorted.
            if !budget.try_spend(cost::LINE) {
                if i >= always.min(ALWAYS_CUT) {
                    budget.note(unsorted(keyed.len()));
                    break;
                }
                budget.spend(cost::LINE);
            }
            let text = match self.scanned_text(o.doc, budget)? {
                Scanned::Text(text) => text,
                Scanned::Awaited => continue,
                Scanned::Stop => {
                    budget.note(unsorted(keyed.len()));
                    break;
                }
            };
            let words: Vec<String> = if left {
                let from = o.first.saturating_sub(SORT_WORDS);
                let spans = self.index.spans(o.doc, from, o.first);
                spans.iter().rev().map(|s| fold(&text[s.clone()])).collect()
            } else {
                let spans = self.index.spans(o.doc, o.last + 1, o.last + 1 + SORT_WORDS);
                spans.iter().map(|s| fold(&text[s.clone()])).collect()
            };
            keyed.push((words, i));
        }
        let sorted = keyed.len();
        keyed.sort();
        let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
        order.extend(sorted..occurrences.len());
        Ok(order)
    }

    /// The first `limit` lines of `order`, each cut from a window of its document.
    fn lines(
        &self,
        occurrences: &[Occurrence],
        order: &[usize],
        options: &ConcordanceOptions,
        budget: &Budget,
    ) -> Result<Vec<ConcordanceLine>, Error> {
        let from = options.offset.min(order.len());
        let shown = &order[from..order.len().min(from.saturating_add(options.limit))];
        let mut lines = Vec::with_capacity(shown.len());
        // Per line: its document and the match's bytes, to find its UTF-16 range below.
        let mut located: Vec<(DocId, std::ops::Range<usize>, usize)> = Vec::new();
        for (n, &i) in shown.iter().enumerate() {
            // Past the budget, a page's first lines are still cut.
            if !budget.try_spend(cost::LINE) {
                if n >= ALWAYS_CUT {
                    budget.note(format!(
                        "Showing {} lines from line {}: more would take too long.",
                        count(lines.len()),
                        count(from + 1)
                    ));
                    break;
                }
                budget.spend(cost::LINE);
            }
            let o = occurrences[i];
            let document = self.index.document(o.doc);
            let Some(text) = self.index.arrived_text(o.doc)? else {
                continue;
            };
            let spans = self.index.spans(o.doc, o.first, o.last + 1);
            let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
                continue;
            };
            let line = in_context(text, first.start, last.end, options.context);
            located.push((o.doc, first.start..last.end, lines.len()));
            lines.push(ConcordanceLine {
                id: document.meta.id.to_string(),
                title: self.index.found_title(o.doc)?.into_owned(),
                source: document.meta.source.to_string(),
                position: o.first,
                left: line.left,
                matched: line.matched,
                right: line.right,
                range: [0, 0],
            });
        }
        // UTF-16 offsets in one pass over each document's text, however many lines it has.
        located.sort_by_key(|(doc, range, _)| (*doc, range.start));
        for group in located.chunk_by(|a, b| a.0 == b.0) {
            let text = self.index.text(group[0].0)?;
            let ranges: Vec<std::ops::Range<usize>> =
                group.iter().map(|(_, range, _)| range.clone()).collect();
            budget.spend(ranges.last().map_or(0, |r| r.end as u64) / 64);
            for ((_, _, line), [start, end]) in group.iter().zip(utf16_ranges(text, &ranges)) {
                lines[*line].range = [start, end];
            }
        }
        Ok(lines)
    }
}

/// Runs of sorted positions, as `(first, last)`: positions at most `gap` apart join one run
/// (with `gap` 0, each position is its own run).
fn runs_of(positions: &[u32], gap: u32) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &p in positions {
        match runs.last_mut() {
            Some(run) if gap > 0 && p - run.1 <= gap => run.1 = p,
            _ => runs.push((p, p)),
        }
    }
    runs
}
