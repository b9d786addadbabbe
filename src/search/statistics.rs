//! Corpus statistics a researcher cites: the vocabulary with its counts, term counts of a part
//! of the corpus (gathered a slice of documents at a time, so that a caller can stay
//! responsive and stop), its frequent phrases, and the collocates of a query with their
//! log-likelihood and mutual information.
//!
//! Every call is bounded by the work [budget](crate::budget): a slice ends where the budget
//! does and says where to go on; collocates are gathered around as many occurrences as the
//! budget reads, and the answer says how many.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::evaluate::matched_positions;
use super::forms::{Forms, Matcher};
use super::matches::Matches;
use super::{check_limit, Corpus, DocumentInfo, Filter, Filtered, Scanned};
use crate::analyze::{fold_into, is_stopword};
use crate::budget::{cost, count, Budget, Notes, WORK_LIMIT};
use crate::error::Error;
use crate::index::{DocId, TermId};
use crate::query::Query;

/// The work one slice of [`Corpus::term_counts`] may do: about this many words read, under
/// 20 ms in WebAssembly (about half a microsecond a word), so that a page gathering every
/// slice stays responsive.
pub const SLICE_WORK: u64 = WORK_LIMIT / 10;

/// A term with its occurrences and the documents it occurs in: `[term, count, documents]`.
pub type TermRow = (String, u32, u32);

/// Options of [`Corpus::vocabulary`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct VocabularyOptions {
    /// Terms, in the dictionary's order, to pass over.
    pub offset: usize,
    /// The most terms to return, 1 to [`MAX_VOCABULARY`].
    pub limit: usize,
}

impl Default for VocabularyOptions {
    fn default() -> Self {
        VocabularyOptions {
            offset: 0,
            limit: MAX_VOCABULARY,
        }
    }
}

/// The most terms one [`Corpus::vocabulary`] call returns.
pub const MAX_VOCABULARY: usize = 20_000;

/// A page of the corpus's vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Vocabulary {
    /// How many distinct terms the corpus has.
    pub total: usize,
    /// Terms in the dictionary's (UTF-8) order, each `[term, count, documents]`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "[string, number, number][]"))]
    pub terms: Vec<TermRow>,
}

/// Options of [`Corpus::term_counts`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TermCountsOptions {
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, by its
    /// span), when given.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, when given.
    pub date_to: Option<String>,
    /// Only documents that match this query completely, when given and not blank.
    pub query: Option<String>,
    /// Only these documents (by id), when given.
    pub ids: Option<Vec<String>>,
    /// The document (its place in corpus order) to start from: 0, then each slice's `next`.
    pub from: usize,
}

/// One slice of the term counts of a part of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TermCounts {
    /// Where the next slice starts, or null when this one reached the end.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub next: Option<usize>,
    /// How many documents the corpus has (for progress: `next` of `corpus`).
    pub corpus: usize,
    /// The documents counted in this slice, in corpus order.
    pub documents: Vec<DocumentCounts>,
    /// The terms of this slice's documents, each `[term, count, documents]`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "[string, number, number][]"))]
    pub terms: Vec<TermRow>,
    /// Whether the part counted is every document the query matches: finding them is bounded
    /// as a search is, and a phrase of common words in a collection read in parts is checked
    /// in its first documents only. When not, there may be more, and `notes` say why.
    pub complete: bool,
    /// What finding the query's documents left out, for a person.
    pub notes: Vec<String>,
}

/// A document's own counts, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocumentCounts {
    /// Id, title, source, date, URL, language, tags and words (in JavaScript, on the same
    /// object).
    #[serde(flatten)]
    pub document: DocumentInfo,
    /// Its distinct terms.
    pub distinct: u32,
}

/// The work one [`Corpus::phrases`] call may do: about this many words read, each counted in
/// three runs (of 2, 3 and 4 words), about 30 ms in WebAssembly.
pub const PHRASE_WORK: u64 = WORK_LIMIT / 10;

/// Reading the words around one occurrence for its collocates, per word of the window.
const COLLOCATE_WORD: u64 = 10;

/// The occurrences collocates are gathered around whatever the budget.
const ALWAYS_GATHERED: usize = 500;

/// Options of [`Corpus::phrases`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PhraseOptions {
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, by its
    /// span), when given.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, when given.
    pub date_to: Option<String>,
    /// Only documents that match this query completely, when given and not blank.
    pub query: Option<String>,
    /// The most phrases to return, 1 to [`MAX_LIMIT`](crate::search::MAX_LIMIT).
    pub limit: usize,
    /// The fewest occurrences a phrase needs to be listed (at least 2).
    pub min_count: u32,
}

impl Default for PhraseOptions {
    fn default() -> Self {
        PhraseOptions {
            sources: None,
            tags: None,
            date_from: None,
            date_to: None,
            query: None,
            limit: 100,
            min_count: 2,
        }
    }
}

/// The frequent phrases of a part of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Phrases {
    /// The documents read (the first ones, in corpus order).
    pub documents: usize,
    /// The documents the options keep.
    pub of: usize,
    /// The words of the documents read.
    pub words: u64,
    /// What the answer left out, for a person.
    pub notes: Vec<String>,
    /// The phrases, most frequent first.
    pub phrases: Vec<PhraseCount>,
}

/// A phrase and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PhraseCount {
    /// Its words, folded, separated by spaces.
    pub text: String,
    /// How many words it has, 2 to 4.
    pub words: u32,
    /// Its occurrences.
    pub count: u32,
    /// The documents it occurs in.
    pub documents: u32,
}

/// Options of [`Corpus::collocates`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct CollocateOptions {
    /// Words on each side of an occurrence that count as near it, 1 to 10.
    pub window: u32,
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, by its
    /// span), when given.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, when given.
    pub date_to: Option<String>,
    /// What counts as the query's words, as in the concordance.
    pub forms: Forms,
    /// The most collocates to return, 1 to [`MAX_LIMIT`](crate::search::MAX_LIMIT).
    pub limit: usize,
    /// The fewest times a word must stand near the query to be listed (at least 1).
    pub min_count: u32,
}

impl Default for CollocateOptions {
    fn default() -> Self {
        CollocateOptions {
            window: 5,
            sources: None,
            tags: None,
            date_from: None,
            date_to: None,
            forms: Forms::default(),
            limit: 100,
            min_count: 2,
        }
    }
}

/// The words found near a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Collocates {
    /// The occurrences of the query whose neighbourhoods were read.
    pub occurrences: usize,
    /// Whether every occurrence's neighbourhood was read.
    pub complete: bool,
    /// What the answer left out, for a person.
    pub notes: Vec<String>,
    /// Words in all the neighbourhoods read (the sample the scores compare to the corpus).
    pub window_words: u64,
    /// The collocates, strongest (by log-likelihood) first.
    pub collocates: Vec<Collocate>,
}

/// A word found near a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Collocate {
    /// The term.
    pub term: String,
    /// How often it stands within the window of the query.
    pub together: u32,
    /// How often it occurs in the corpus.
    pub count: u32,
    /// Log-likelihood (G²) of `together` against what the corpus frequency predicts.
    pub log_likelihood: f64,
    /// Pointwise mutual information, in bits.
    pub mutual_information: f64,
}

/// Log-likelihood (G², Dunning 1993) of `a` occurrences in a sample of `sample` words against
/// `b` in the rest, of `rest` words: how surprising the sample's share is. Never negative.
pub fn log_likelihood(a: f64, sample: f64, b: f64, rest: f64) -> f64 {
    let total = sample + rest;
    if total <= 0.0 {
        return 0.0;
    }
    let expected_a = sample * (a + b) / total;
    let expected_b = rest * (a + b) / total;
    let part = |observed: f64, expected: f64| {
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    (2.0 * (part(a, expected_a) + part(b, expected_b))).max(0.0)
}

impl Corpus {
    /// A page of the vocabulary: every distinct term with its occurrences and documents, in
    /// the dictionary's order.
    pub fn vocabulary(&self, options: &VocabularyOptions) -> Result<Vocabulary, Error> {
        if options.limit == 0 || options.limit > MAX_VOCABULARY {
            return Err(Error::InvalidOptions(format!(
                "limit must be between 1 and {MAX_VOCABULARY}, not {}",
                options.limit
            )));
        }
        let words = self.index.text_terms();
        let total = words.len();
        let from = options.offset.min(total);
        let to = total.min(from.saturating_add(options.limit));
        let terms = words[from..to]
            .iter()
            .map(|&t| {
                (
                    self.index.term(t).to_string(),
                    self.index.occurrences(t),
                    self.index.document_frequency(t),
                )
            })
            .collect();
        Ok(Vocabulary { total, terms })
    }

    /// The term counts of the documents from `from` on that the filters keep, as many as one
    /// call's budget reads (at least one document); `next` says where to go on.
    pub fn term_counts(&self, options: &TermCountsOptions) -> Result<TermCounts, Error> {
        let corpus = self.index.documents().len();
        let budget = Budget::new(SLICE_WORK);
        let kept = self.kept_documents(
            &options.filter()?,
            options.query.as_deref(),
            options.ids.as_deref(),
            &budget,
        )?;
        let found = budget.take_notes();
        let mut words = Words::default();
        let mut counts: HashMap<u32, (u32, u32)> = HashMap::new();
        let mut documents = Vec::new();
        let mut next = None;
        for doc in options.from.min(corpus)..corpus {
            let id = doc as DocId;
            if kept.binary_search(&id).is_err() {
                continue;
            }
            let document = self.index.document(id);
            let cost = u64::from(document.words) * cost::POSITION;
            // The first document is read whatever it costs, so that every slice moves on.
            if documents.is_empty() {
                budget.spend(cost);
            } else if !budget.try_spend(cost) {
                next = Some(doc);
                break;
            }
            let Some(terms) = self.terms_of(id, &budget, &mut words)? else {
                next = Some(doc);
                break;
            };
            let mut own: HashMap<u32, u32> = HashMap::new();
            for t in terms.into_iter().flatten() {
                *own.entry(t).or_default() += 1;
            }
            for (&t, &n) in &own {
                let entry = counts.entry(t).or_default();
                entry.0 += n;
                entry.1 += 1;
            }
            documents.push(DocumentCounts {
                document: DocumentInfo::of(&self.index, id)?,
                distinct: own.len() as u32,
            });
        }
        let mut terms: Vec<TermRow> = counts
            .into_iter()
            .map(|(t, (count, docs))| (words.term(t).to_string(), count, docs))
            .collect();
        terms.sort_unstable();
        Ok(TermCounts {
            next,
            corpus,
            documents,
            terms,
            complete: found.complete,
            notes: found.messages,
        })
    }

    /// The documents, sorted, that a filter, a query (matched completely, as a search
    /// matches) and a list of ids keep; all when none is given.
    ///
    /// Finding a query's documents is paid from a budget of its own, as a search's is, and
    /// its notes are added to `budget`'s: the calls that read the documents kept (a slice of
    /// counts, phrases) spend their budget on reading. Finding `the` in most of a large
    /// collection took a whole slice's budget, so that each slice of the overview's counts read
    /// one document, and the overview never finished. The answer is remembered for the next
    /// call with the same part, as the overview asks for a part's counts a slice at a time, and
    /// for its phrases, unless chunks were found missing (the answer may then lack documents).
    fn kept_documents(
        &self,
        filter: &Filter,
        query: Option<&str>,
        ids: Option<&[String]>,
        budget: &Budget,
    ) -> Result<Vec<DocId>, Error> {
        let query = query.filter(|q| !q.trim().is_empty());
        let key = format!("{filter:?}\u{0}{query:?}\u{0}{ids:?}");
        if let Some(kept) = self.kept.borrow().as_ref().filter(|kept| kept.key == key) {
            kept.notes.add_to(budget);
            return Ok(kept.documents.clone());
        }
        let waited = self.index.waits_for_chunks();
        let filtered = self.filtered_out(filter);
        let mut kept: Vec<DocId> = (0..self.index.documents().len() as DocId)
            .filter(|d| filtered.binary_search(d).is_err())
            .collect();
        if let Some(ids) = ids {
            kept.retain(|&d| ids.iter().any(|id| id == self.index.documents().id(d)));
        }
        let finding = Budget::new(WORK_LIMIT);
        if let Some(query) = query {
            let query = self.parse_within(query, &finding);
            let all = Query::All(
                query
                    .required()
                    .into_iter()
                    .chain(query.excluded())
                    .cloned()
                    .collect(),
            );
            let matches: Matches = self.evaluate(&all, false, &Matcher::search(), &finding)?;
            kept.retain(|d| matches.contains_key(d));
        }
        let notes = finding.take_notes();
        notes.add_to(budget);
        if !waited && !self.index.waits_for_chunks() {
            *self.kept.borrow_mut() = Some(Kept {
                key,
                documents: kept.clone(),
                notes,
            });
        }
        Ok(kept)
    }

    /// The terms of a document in order, each as its number in `words` (a word that folds to
    /// nothing, which the index does not keep, as `None`): folded as the index folds them, and
    /// never looked up in the dictionary, whose shards a chunked corpus would have to read
    /// nearly all of for the words of a thousand documents.
    /// `None` once the call has read as many chunks of texts as one call may; an empty list
    /// for a text that has not arrived, which is wanted, and this answer asked for again.
    fn terms_of(
        &self,
        doc: DocId,
        budget: &Budget,
        words: &mut Words,
    ) -> Result<Option<Vec<Option<u32>>>, Error> {
        let text = match self.scanned_text(doc, budget)? {
            Scanned::Text(text) => text,
            Scanned::Awaited => return Ok(Some(Vec::new())),
            Scanned::Stop => return Ok(None),
        };
        let length = self.index.document(doc).words;
        let mut folded = String::new();
        Ok(Some(
            self.index
                .spans(doc, 0, length)
                .into_iter()
                .map(|span| {
                    fold_into(&text[span], &mut folded);
                    (!folded.is_empty()).then(|| words.number(&folded))
                })
                .collect(),
        ))
    }

    /// The most frequent phrases of 2 to 4 words in the documents the options keep, read from
    /// the first one on while the budget lasts: the answer says how many documents it read.
    /// Phrases made only of common words (`of the`) are left out.
    pub fn phrases(&self, options: &PhraseOptions) -> Result<Phrases, Error> {
        check_limit(options.limit)?;
        let budget = Budget::new(PHRASE_WORK);
        let kept =
            self.kept_documents(&options.filter()?, options.query.as_deref(), None, &budget)?;
        // Per phrase (its term ids packed in a u128, each plus one, so that runs of different
        // lengths differ): occurrences, documents, and the last document it was met in.
        let mut counts: HashMap<u128, (u32, u32, DocId)> = HashMap::new();
        let mut words_met = Words::default();
        let pack = |run: &[Option<u32>]| {
            run.iter()
                .try_fold(0u128, |key, t| t.map(|t| (key << 32) | u128::from(t + 1)))
        };
        let unpack = |mut key: u128| {
            let mut terms = Vec::with_capacity(4);
            while key != 0 {
                terms.push((key & 0xffff_ffff) as TermId - 1);
                key >>= 32;
            }
            terms.reverse();
            terms
        };
        let mut read = 0usize;
        let mut words = 0u64;
        for &doc in &kept {
            let length = self.index.document(doc).words;
            let cost = u64::from(length) * cost::POSITION;
            if read > 0 && !budget.try_spend(cost) {
                break;
            }
            if read == 0 {
                budget.spend(cost);
            }
            let Some(terms) = self.terms_of(doc, &budget, &mut words_met)? else {
                break;
            };
            read += 1;
            words += u64::from(length);
            let common: Vec<bool> = terms
                .iter()
                .map(|t| t.is_some_and(|t| words_met.is_common(t)))
                .collect();
            for size in 2..=4 {
                for (at, window) in terms.windows(size).enumerate() {
                    let Some(key) = pack(window) else {
                        continue;
                    };
                    if common[at..at + size].iter().all(|&c| c) {
                        continue;
                    }
                    let entry = counts.entry(key).or_insert((0, 0, doc));
                    entry.0 += 1;
                    if entry.1 == 0 || entry.2 != doc {
                        entry.1 += 1;
                        entry.2 = doc;
                    }
                }
            }
        }
        let mut phrases: Vec<PhraseCount> = counts
            .into_iter()
            .filter(|(_, (count, _, _))| *count >= options.min_count.max(2))
            .map(|(key, (count, documents, _))| (unpack(key), count, documents))
            .map(|(terms, count, documents)| PhraseCount {
                words: terms.len() as u32,
                text: terms
                    .iter()
                    .map(|&t| words_met.term(t))
                    .collect::<Vec<_>>()
                    .join(" "),
                count,
                documents,
            })
            .collect();
        phrases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        phrases.truncate(options.limit);
        if read < kept.len() {
            budget.note(format!(
                "Phrases were counted in the first {} of {} documents: more would take too long.",
                count(read),
                count(kept.len())
            ));
        }
        let notes = budget.take_notes();
        Ok(Phrases {
            documents: read,
            of: kept.len(),
            words,
            notes: notes.messages,
            phrases,
        })
    }

    /// The words that stand within `window` words of the query's occurrences (counted as the
    /// concordance counts them), scored against their corpus frequency.
    pub fn collocates(&self, query: &str, options: &CollocateOptions) -> Result<Collocates, Error> {
        if !(1..=10).contains(&options.window) {
            return Err(Error::InvalidOptions(format!(
                "window must be between 1 and 10, not {}",
                options.window
            )));
        }
        check_limit(options.limit)?;
        let budget = Budget::new(WORK_LIMIT);
        let query = self.parse_within(query, &budget);
        let matcher = Matcher::count(&options.forms);
        let (per_clause, excluded) = self.counted(&query, &options.filter()?, &matcher, &budget)?;
        let Some(first) = per_clause.first() else {
            return Ok(Collocates {
                occurrences: 0,
                complete: true,
                notes: budget.take_notes().messages,
                window_words: 0,
                collocates: Vec::new(),
            });
        };
        // Each word near the query, folded, and how often: only those met often enough are
        // looked up in the dictionary (a chunked one reads a shard for each).
        let mut together: HashMap<String, u32> = HashMap::new();
        let mut folded = String::new();
        let mut occurrences = 0usize;
        let mut window_words = 0u64;
        'documents: for &doc in first.keys() {
            if excluded.binary_search(&doc).is_ok()
                || !per_clause.iter().all(|m| m.contains_key(&doc))
            {
                continue;
            }
            let positions = matched_positions(&per_clause, doc)?;
            let words = self.index.document(doc).words;
            let text = match self.scanned_text(doc, &budget)? {
                Scanned::Text(text) => text,
                Scanned::Awaited => continue,
                Scanned::Stop => {
                    budget.mark_incomplete();
                    budget.note(format!(
                        "Collocates were gathered around the first {} occurrences only: more would read too much of this large collection.",
                        count(occurrences)
                    ));
                    break 'documents;
                }
            };
            for &p in &positions {
                let cost = COLLOCATE_WORD * u64::from(2 * options.window + 1);
                // Past the budget (finding a word in most documents can spend all of it), the
                // first occurrences are still read, so that a common word has collocates.
                if !budget.try_spend(cost) {
                    if occurrences >= ALWAYS_GATHERED {
                        budget.mark_incomplete();
                        budget.note(format!(
                            "Collocates were gathered around the first {} occurrences only: more would take too long.",
                            count(occurrences)
                        ));
                        break 'documents;
                    }
                    budget.spend(cost);
                }
                occurrences += 1;
                let from = p.saturating_sub(options.window);
                let to = words.min(p.saturating_add(options.window + 1));
                for (offset, span) in self.index.spans(doc, from, to).into_iter().enumerate() {
                    let at = from + offset as u32;
                    // The query's own words are not its collocates.
                    if positions.binary_search(&at).is_ok() {
                        continue;
                    }
                    fold_into(&text[span], &mut folded);
                    if folded.is_empty() {
                        continue;
                    }
                    match together.get_mut(folded.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            together.insert(folded.clone(), 1);
                        }
                    }
                    window_words += 1;
                }
            }
        }
        let corpus_words: u64 = self
            .index
            .documents()
            .iter()
            .map(|d| u64::from(d.words))
            .sum();
        let rest_words = corpus_words.saturating_sub(window_words) as f64;
        let mut collocates: Vec<Collocate> = together
            .into_iter()
            .filter(|&(_, n)| n >= options.min_count.max(1))
            .filter_map(|(word, n)| Some((self.index.term_id(&word)?, n)))
            .map(|(t, n)| {
                let count = self.index.occurrences(t);
                let a = f64::from(n);
                let b = (f64::from(count) - a).max(0.0);
                let expected = window_words as f64 * f64::from(count) / corpus_words.max(1) as f64;
                Collocate {
                    term: self.index.term(t).to_string(),
                    together: n,
                    count,
                    log_likelihood: log_likelihood(a, window_words as f64, b, rest_words),
                    mutual_information: if expected > 0.0 {
                        (a / expected).log2()
                    } else {
                        0.0
                    },
                }
            })
            // Words rarer near the query than elsewhere are not its collocates.
            .filter(|c| c.mutual_information > 0.0)
            .collect();
        collocates.sort_by(|a, b| {
            b.log_likelihood
                .total_cmp(&a.log_likelihood)
                .then_with(|| a.term.cmp(&b.term))
        });
        collocates.truncate(options.limit);
        let notes = budget.take_notes();
        Ok(Collocates {
            occurrences,
            complete: notes.complete,
            notes: notes.messages,
            window_words,
            collocates,
        })
    }
}

/// The words one call has met, each numbered in the order met, and whether each is a
/// stopword: a call's counts are kept by number, and its answer writes the words.
#[derive(Default)]
struct Words {
    numbers: HashMap<String, u32>,
    terms: Vec<(String, bool)>,
}

impl Words {
    /// The number of `term`, given it when first met.
    fn number(&mut self, term: &str) -> u32 {
        if let Some(&n) = self.numbers.get(term) {
            return n;
        }
        let n = self.terms.len() as u32;
        self.numbers.insert(term.to_string(), n);
        self.terms.push((term.to_string(), is_stopword(term)));
        n
    }

    /// The word numbered `n`.
    fn term(&self, n: u32) -> &str {
        &self.terms[n as usize].0
    }

    /// Whether the word numbered `n` is a stopword.
    fn is_common(&self, n: u32) -> bool {
        self.terms[n as usize].1
    }
}

/// The documents a part of the corpus kept, remembered by [`Corpus::kept_documents`].
pub(super) struct Kept {
    /// The part: its filter, query and ids, written out.
    key: String,
    /// The documents kept, sorted.
    documents: Vec<DocId>,
    /// What finding them noted.
    notes: Notes,
}
