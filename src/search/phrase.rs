//! Phrases: the documents where the words of a phrase stand at consecutive positions, in
//! order, found from their positions or, for words in very many documents, in the texts.

use crate::analyze::term_positions;
use crate::budget::{cost, count, Budget};
use crate::error::Error;
use crate::index::{DocId, Fetches, PostingRef, TermId, SCANNED_WORDS_AT_MOST};
use crate::query::Word;
use crate::score::{Contribution, MatchKind};

use super::evaluate::DocMatch;
use super::forms::Matcher;
use super::further::Progress;
use super::matches::Matches;
use super::{Corpus, PASSAGES_ALWAYS};

/// A word of a phrase in at least this many documents is looked for in the texts of the
/// documents that hold the phrase's rarest word, when those are few (see [`PHRASE_TEXTS`]),
/// rather than read from its postings.
pub const COMMON_IN_PHRASE: u32 = 2_000;

/// At most how many documents a phrase's rarest word may be in for its common words to be
/// looked for in their texts.
pub const PHRASE_TEXTS: usize = 16;

/// How many documents holding every word of a phrase are checked for it, in corpus order,
/// however much of its budget the call has spent.
pub const PHRASE_ALWAYS: usize = 64;

impl Corpus {
    /// Documents where the words stand at consecutive positions, in order.
    pub(super) fn phrase(
        &self,
        text: &str,
        words: &[Word],
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        let expansions: Vec<Vec<(TermId, MatchKind)>> = words
            .iter()
            .map(|w| self.expand(w, true, matcher.rule, budget).terms)
            .collect();
        if expansions.iter().any(Vec::is_empty) {
            return Ok(Matches::new());
        }
        // Per word: the postings of all its terms, by document, positions still encoded; the
        // rarest word first. When that word is in a few documents, a word in very many is
        // looked for in their texts instead, which their passages read anyway: `the` in a
        // phrase would otherwise read megabytes of postings in a large collection.
        let documents_of = |refs: &[PostingRef]| -> Vec<DocId> {
            let mut docs: Vec<DocId> = refs.iter().map(|r| r.doc).collect();
            docs.dedup();
            docs
        };
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_by_key(|&i| self.documents_of_word(&expansions[i]));
        let kind = expansions
            .iter()
            .flat_map(|terms| terms.iter().map(|&(_, k)| k))
            .max()
            .unwrap_or(MatchKind::Exact);
        if let Some(scan) = self.phrase_scan(&expansions, order[0], matcher) {
            let scanned = self.phrase_in_texts(scan, text, words, &expansions, matcher, budget)?;
            if let Some(found) = scanned {
                let idf = expansions
                    .iter()
                    .map(|terms| self.idf(self.documents_of_word(terms) as usize))
                    .sum();
                return Ok(self.phrase_matches(&found, (text, words), kind, idf, explain));
            }
        }
        // Known from the dictionary alone, so that a chunked index asks for the postings it
        // needs in one round.
        let few = self.documents_of_word(&expansions[order[0]]) <= PHRASE_TEXTS as u64;
        let mut per_word: Vec<Option<Vec<PostingRef>>> = vec![None; words.len()];
        let mut in_texts: Vec<(usize, &str)> = Vec::new();
        let mut candidates: Option<Vec<DocId>> = None;
        for &i in &order {
            if let ([(term, _)], true) = (expansions[i].as_slice(), few && i != order[0]) {
                if self.index.document_frequency(*term) >= COMMON_IN_PHRASE {
                    in_texts.push((i, self.index.term(*term)));
                    continue;
                }
            }
            let mut refs: Vec<PostingRef> = Vec::new();
            for &(term, _) in &expansions[i] {
                refs.extend(self.index.posting_refs(term)?);
            }
            refs.sort_by_key(|r| r.doc);
            candidates = Some(match candidates {
                None => documents_of(&refs),
                Some(mut docs) => {
                    docs.retain(|doc| refs.binary_search_by_key(doc, |r| r.doc).is_ok());
                    docs
                }
            });
            per_word[i] = Some(refs);
        }
        let candidates = candidates.unwrap_or_default();
        for i in self.apart_in_texts(&candidates, &per_word, &expansions) {
            if let [(term, _)] = expansions[i].as_slice() {
                in_texts.push((i, self.index.term(*term)));
                per_word[i] = None;
            }
        }
        let idf: f32 = per_word
            .iter()
            .zip(&expansions)
            .map(|(refs, terms)| match refs {
                Some(refs) => self.idf(documents_of(refs).len()),
                None => self.idf(self.documents_of_word(terms) as usize),
            })
            .sum();

        // Positions are decoded only in the documents that hold every word; going further,
        // from the first not checked before.
        let holding_every_word = candidates.len();
        // What its words stand for is in the key: a search and a count match them differently.
        let key = format!("phrase\u{0}{text}\u{0}{expansions:?}");
        let Progress {
            checked, mut found, ..
        } = match matcher.further().is_some() {
            true => self.checks.take(&key, holding_every_word),
            false => Progress::default(),
        };
        let start = checked.min(holding_every_word);
        let found_before = found.len();
        // Reading the words spent the call's budget: going further, the checks have one of
        // their own, which all of the call's share.
        let checks = matcher.further().unwrap_or(budget);
        let mut stopped = None;
        let mut always = CheckedWhateverTheyCost::new(start, matcher);
        for (checked, doc) in candidates.into_iter().enumerate().skip(start) {
            // The positions of the words looked for in the text, in the order of `in_texts`.
            let mut found_in_text: Vec<Vec<u32>> = vec![Vec::new(); in_texts.len()];
            if !in_texts.is_empty() {
                // Not arrived: the chunk is wanted, and the call asked again once it has.
                let Some(text) = self.index.scanned_text(doc)? else {
                    continue;
                };
                checks.spend(u64::from(self.index.document(doc).words) * cost::POSITION);
                let terms: Vec<&str> = in_texts.iter().map(|(_, term)| term.as_ref()).collect();
                found_in_text = term_positions(text, &terms);
            }
            let posted = |refs: &[PostingRef]| -> (usize, usize) {
                let first = refs.partition_point(|r| r.doc < doc);
                let count = refs[first..].iter().take_while(|r| r.doc == doc).count();
                (first, first + count)
            };
            let size: u64 = per_word
                .iter()
                .flatten()
                .map(|refs| {
                    let (from, to) = posted(refs);
                    refs[from..to].iter().map(|r| r.tf as u64).sum::<u64>()
                })
                .chain(found_in_text.iter().map(|p| p.len() as u64))
                .sum();
            // The first documents are checked whatever reading the words cost: a phrase of
            // common words (`of the`) still finds some.
            let admitted = always.admits(checked, |chunks| {
                for refs in per_word.iter().flatten() {
                    let (from, to) = posted(refs);
                    refs[from..to]
                        .iter()
                        .for_each(|posting| posting.count_positions_chunk(chunks));
                }
            });
            if admitted {
                checks.spend(size * cost::POSITION);
            } else if !checks.try_spend(size * cost::POSITION) {
                budget.mark_incomplete();
                budget.note(stopped_short(text, checked, holding_every_word));
                matcher.stopped_short();
                stopped = Some(checked);
                break;
            }
            let lists: Vec<Vec<u32>> = (0..words.len())
                .map(|i| match &per_word[i] {
                    Some(refs) => {
                        let (from, to) = posted(refs);
                        let mut positions = Vec::new();
                        for posting in &refs[from..to] {
                            positions.extend(posting.positions()?);
                        }
                        positions.sort_unstable();
                        positions.dedup();
                        Ok(positions)
                    }
                    None => {
                        let j = in_texts.iter().position(|&(w, _)| w == i);
                        Ok(j.map(|j| std::mem::take(&mut found_in_text[j]))
                            .unwrap_or_default())
                    }
                })
                .collect::<Result<_, Error>>()?;
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
            if !starts.is_empty() {
                found.push((doc, starts));
            }
        }
        let matches = self.phrase_matches(&found, (text, words), kind, idf, explain);
        self.keep_check(
            key,
            matcher,
            found,
            (stopped, holding_every_word),
            (start, found_before),
        );
        Ok(matches)
    }

    /// The matches of a phrase found in `found` (each document with where the phrase starts
    /// in it), weighed as one word of weight `idf`.
    fn phrase_matches(
        &self,
        found: &[(DocId, Vec<u32>)],
        (text, words): (&str, &[Word]),
        kind: MatchKind,
        idf: f32,
        explain: bool,
    ) -> Matches<'_> {
        let mut matches = Matches::new();
        for (doc, starts) in found {
            let doc = *doc;
            let tf = starts.len() as u32;
            let length = self.index.document(doc).words;
            let value = kind.weight()
                * self
                    .ranking
                    .bm25(tf, length, self.index.average_words(), idf);
            let mut positions: Vec<u32> = starts
                .iter()
                .flat_map(|&s| s..s + words.len() as u32)
                .collect();
            positions.sort_unstable();
            positions.dedup();
            matches.insert(
                doc,
                DocMatch::decoded(
                    value,
                    positions,
                    if explain {
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
                ),
            );
        }
        matches
    }

    /// The words of a phrase, by their place, to look for in the texts of `candidates` (the
    /// documents that hold every word) rather than in their positions: the words of one term
    /// whose positions are kept apart, when those texts fetch fewer bytes than the positions
    /// would with the passages of a page of hits, which read texts either way (counted by the
    /// share of the candidates a page holds). None when more candidates than are always
    /// checked hold them all, or when a text is too long to segment; none in an index held
    /// whole, which fetches nothing, so that it reads positions.
    fn apart_in_texts(
        &self,
        candidates: &[DocId],
        per_word: &[Option<Vec<PostingRef>>],
        expansions: &[Vec<(TermId, MatchKind)>],
    ) -> Vec<usize> {
        let apart: Vec<usize> = (0..per_word.len())
            .filter(|&i| {
                expansions[i].len() == 1
                    && per_word[i]
                        .as_ref()
                        .is_some_and(|refs| refs.iter().any(PostingRef::positions_kept_apart))
            })
            .collect();
        if apart.is_empty() || candidates.is_empty() || candidates.len() > PHRASE_ALWAYS {
            return Vec::new();
        }
        let (mut texts, mut positions, mut passages) =
            (Fetches::default(), Fetches::default(), Fetches::default());
        for &doc in candidates {
            if self.index.document(doc).words > SCANNED_WORDS_AT_MOST {
                return Vec::new();
            }
            self.index.fetch_text(doc, &mut texts);
            self.index.fetch_text_start(doc, &mut passages);
            for refs in apart.iter().filter_map(|&i| per_word[i].as_deref()) {
                let first = refs.partition_point(|r| r.doc < doc);
                for posting in refs[first..].iter().take_while(|r| r.doc == doc) {
                    posting.fetch_positions(&mut positions);
                }
            }
        }
        let page = PASSAGES_ALWAYS.min(candidates.len()) as u64;
        let passages = passages.bytes() * page / candidates.len() as u64;
        if texts.bytes() < positions.bytes() + passages {
            apart
        } else {
            Vec::new()
        }
    }
}

/// How many documents a phrase, or words near each other, checks from where it starts whatever
/// reading them costs: the first [`PHRASE_ALWAYS`], so that words that are all common still
/// find some; going further, the first one, so that every call goes on.
fn checked_whatever_they_cost(matcher: &Matcher) -> usize {
    match matcher.further() {
        Some(_) => 1,
        None => PHRASE_ALWAYS,
    }
}

/// The bytes of positions kept apart that the documents checked whatever they cost read at
/// most, in a chunked index: those of the first document, then of the next ones as long as
/// they stay within this. Four chunks of positions: the first documents of two common words
/// lie in one chunk of each (each term's positions start a chunk), of two words of two forms
/// each in four; where the documents that hold every word are few and far apart, each may
/// read chunks of its own. A query aims to load less than 500 KB, and two words' postings may
/// take [`super::phrase_texts::NEAR_POSTINGS_AT_MOST`] of them.
pub const CHECKED_POSITIONS_AT_MOST: u64 = 128 * 1024;

/// Which documents a phrase, or words near each other, checks whatever reading them costs:
/// from where the call starts, the first [`PHRASE_ALWAYS`] (going further, the first one),
/// while the chunks of positions they read, arrived or not, weigh
/// [`CHECKED_POSITIONS_AT_MOST`] or less; the documents after them are checked as the call's
/// budget allows. Counting the chunks that have arrived too keeps the answer the same
/// however many times the call is asked again as its chunks arrive.
pub(super) struct CheckedWhateverTheyCost {
    /// The place, among the documents to check, of the first after those always checked.
    until: usize,
    /// The chunks of positions the documents checked so far read.
    read: Fetches,
    /// Whether a document has been checked.
    any: bool,
    /// Whether a document's positions went past the bound, which ends them.
    ended: bool,
}

impl CheckedWhateverTheyCost {
    /// The documents checked whatever they cost by a call that starts at place `start`.
    pub(super) fn new(start: usize, matcher: &Matcher) -> Self {
        CheckedWhateverTheyCost {
            until: start.saturating_add(checked_whatever_they_cost(matcher)),
            read: Fetches::default(),
            any: false,
            ended: false,
        }
    }

    /// Whether the document at place `checked` is checked whatever it costs; `count` adds the
    /// chunks its positions lie in to the [`Fetches`] it is given.
    pub(super) fn admits(&mut self, checked: usize, count: impl FnOnce(&mut Fetches)) -> bool {
        if self.ended || checked >= self.until {
            return false;
        }
        let mut chunks = Fetches::default();
        count(&mut chunks);
        let bytes = self.read.bytes() + chunks.bytes_beyond(&self.read);
        if self.any && bytes > CHECKED_POSITIONS_AT_MOST {
            self.ended = true;
            return false;
        }
        self.read.extend(&chunks);
        self.any = true;
        true
    }
}

/// The note of a phrase checked in only the first `checked` of the `candidates` documents
/// that hold all its words: none found need not mean that none holds it.
fn stopped_short(text: &str, checked: usize, candidates: usize) -> String {
    format!(
        "Only the first {} of the {} documents that hold every word of the phrase \"{text}\" \
         were checked for it: it is too common to check them all.",
        count(checked),
        count(candidates)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_of_common_words_checks_some_documents_whatever_they_cost() {
        let corpus = crate::search::copies_of(100, "North of the river, the north of it.");
        let query = corpus.parse("\"of the\"");
        let phrase = query.required()[0];
        for (limit, found) in [(1, PHRASE_ALWAYS), (1_000_000, 100)] {
            let budget = Budget::new(limit);
            let matches = corpus
                .evaluate(phrase, false, &Matcher::search(), &budget)
                .unwrap();
            assert_eq!(matches.len(), found, "a budget of {limit}");
            let notes = budget.take_notes();
            assert_eq!(notes.complete, found == 100);
            let stopped = "Only the first 64 of the 100 documents that hold every word of the \
                           phrase \"of the\" were checked for it: it is too common to check \
                           them all.";
            assert_eq!(notes.messages.contains(&stopped.to_string()), found < 100);
        }
    }

    #[test]
    fn the_first_documents_checked_whatever_they_cost_read_a_bounded_share_of_positions() {
        // 80 documents of 20,000 words, a third of them `of`, a third `the`, in an order that
        // deflates poorly: the positions of the first 64 documents take some 400 KB.
        let whole = crate::search::texts_of(80, |d| {
            let mut seed = d as u64 + 1;
            let words: Vec<&str> = (0..20_000)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ["of", "the", "river"][(seed >> 33) as usize % 3]
                })
                .collect();
            words.join(" ")
        });
        let chunked = whole.index().to_chunks_of(1);
        let corpus = Corpus::from_manifest(&chunked.manifest).unwrap();
        // Asked round after round as its chunks arrive, as a page asks, on a budget that
        // reading the words spends: the documents found, the positions' bytes read, the note.
        let checked = |corpus: &Corpus, query: &str| {
            let mut positions = 0;
            loop {
                let budget = Budget::new(1);
                let query = corpus.parse(query);
                let matches = corpus
                    .evaluate(query.required()[0], false, &Matcher::search(), &budget)
                    .unwrap();
                let wanted = corpus.index().wanted_chunks();
                if wanted.is_empty() {
                    let found: Vec<DocId> = matches.iter().map(|(&doc, _)| doc).collect();
                    return (found, positions, budget.take_notes().messages);
                }
                for name in wanted {
                    let (_, bytes) = chunked.chunks.iter().find(|(n, _)| *n == name).unwrap();
                    corpus.index().add_chunk(&name, bytes).unwrap();
                    if corpus.index().chunk_part(&name) == Some("positions") {
                        positions += bytes.len() as u64;
                    }
                }
            }
        };
        for query in ["of NEAR/1 the", "\"of the\""] {
            let (found, positions, notes) = checked(&corpus, query);
            let first = found.len();
            assert!(first > 1 && first < PHRASE_ALWAYS, "{query}: {first} found");
            assert_eq!(found, (0..first as DocId).collect::<Vec<_>>(), "{query}");
            assert!(
                positions <= CHECKED_POSITIONS_AT_MOST,
                "{query}: {positions} bytes"
            );
            let stopped = format!("Only the first {first} of the 80 documents");
            assert!(
                notes.iter().any(|note| note.starts_with(&stopped)),
                "{query}: {notes:?}"
            );
            // Held whole, nothing is fetched: the first 64 are checked.
            let (found, ..) = checked(&whole, query);
            assert_eq!(found.len(), PHRASE_ALWAYS, "{query}");
        }
    }

    #[test]
    fn a_phrase_checked_in_part_goes_further_from_where_it_stopped() {
        // Every document holds both words; the phrase stands in the 11th and the 901st alone.
        let corpus = crate::search::texts_of(1_000, |d| match d {
            10 | 900 => "The river of the north.".to_string(),
            _ => "The river of north.".to_string(),
        });
        let query = corpus.parse("\"of the\"");
        let phrase = query.required()[0];
        let evaluate = |further: bool| {
            // A budget that reading the words spends whole: only the first documents are
            // checked, unless going further.
            let budget = Budget::new(1);
            let matcher = Matcher::search().going_further(further);
            let matches = corpus.evaluate(phrase, false, &matcher, &budget).unwrap();
            let found: Vec<DocId> = matches.iter().map(|(&doc, _)| doc).collect();
            (found, matcher.has_stopped_short(), budget.take_notes())
        };
        let (found, stopped, notes) = evaluate(false);
        assert_eq!((found, stopped, notes.complete), (vec![10], true, false));
        assert!(notes.messages[0].starts_with("Only the first 64 of the 1,000 documents"));
        let (found, stopped, notes) = evaluate(true);
        assert_eq!(
            (found, stopped, notes.complete),
            (vec![10, 900], false, true)
        );
        // Starting again checks the first ones again; going further then has nothing left.
        assert_eq!(evaluate(false).0, vec![10]);
        let (found, stopped, _) = evaluate(true);
        assert_eq!((found, stopped), (vec![10, 900], false));
        let matches = corpus
            .evaluate(
                phrase,
                false,
                &Matcher::search(),
                &Budget::new(u64::MAX / 2),
            )
            .unwrap();
        let whole: Vec<DocId> = matches.iter().map(|(&doc, _)| doc).collect();
        assert_eq!(
            whole,
            vec![10, 900],
            "what a budget that pays for all finds"
        );
    }
}
