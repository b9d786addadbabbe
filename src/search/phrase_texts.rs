//! Phrases of common words in a chunked index, and common words `NEAR` each other, checked in
//! the texts of some of the documents that may hold them rather than read from their postings.
//!
//! A phrase is found from its words' positions, which reads the postings of every word: for a
//! word in most documents of a large collection (`in`, `time`), a few hundred kilobytes, and
//! then the positions of the documents checked. The texts of the hits are read for their
//! passages anyway. So when the postings that would be fetched weigh more than the texts of
//! the first documents, the first answer checks those texts instead, a bounded number of
//! chunks of them (of the documents where its rarest word occurs most, when that word's
//! postings are light), and says that it checked only some documents; searching further (see
//! `further`) then reads the postings and checks them all.

use crate::analyze::term_positions;
use crate::budget::{cost, count, Budget};
use crate::error::Error;
use crate::index::{DocId, Fetches, TermId, SCANNED_WORDS_AT_MOST};
use crate::query::{Query, Word};
use crate::score::{Contribution, MatchKind};

use super::evaluate::{near_positions, DocMatch};
use super::forms::{Expansion, Matcher};
use super::matches::Matches;
use super::{Corpus, PASSAGES_ALWAYS};

/// How many chunks of texts a phrase checked in texts reads at most: about 300 KB at 1 GB of
/// text, where the postings of two common words alone are 300 to 400 KB. The hits' passages
/// are in them.
pub const SCANNED_CHUNKS: usize = 20;

/// The bytes of postings words `NEAR` each other read at most before they are checked in
/// texts: a query aims to load less than 500 KB, its passages in view and the shards of its
/// words' dictionary some 150 to 200 of them.
pub const NEAR_POSTINGS_AT_MOST: u64 = 300 * 1024;

/// The documents where a phrase stands, in corpus order, each with the positions where it
/// starts.
pub(super) type Found = Vec<(DocId, Vec<u32>)>;

/// What is checked in texts: the words (each with the terms it stands for) and how a note
/// names what was looked for (`the phrase "of the"`).
#[derive(Clone, Copy)]
pub(super) struct Checks<'a> {
    /// The words, in order.
    pub(super) words: &'a [Word],
    /// The terms each word stands for.
    pub(super) expansions: &'a [Vec<(TermId, MatchKind)>],
    /// What was looked for, as a note names it.
    pub(super) subject: &'a str,
}

/// The documents a phrase checked in texts looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scan {
    /// Those that hold the word at this place in the phrase, its rarest, from its postings:
    /// those where it occurs most first.
    Holding(usize),
    /// Every document: the rarest word is in about one document of every chunk of texts or
    /// more, so its postings would not spare a chunk.
    Every,
}

impl Corpus {
    /// How to check a phrase in texts, when that fetches fewer bytes than its postings would
    /// with the passages of a page of hits: `expansions` are the terms each word stands for,
    /// `rarest` the place of the word in the fewest documents. Known from the dictionary and
    /// the table of chunks alone, so that a call asks for the same chunks in every round. None
    /// in an index held whole, when the postings have been read already, and when going
    /// further, which reads them to check every document.
    pub(super) fn phrase_scan(
        &self,
        expansions: &[Vec<(TermId, MatchKind)>],
        rarest: usize,
        matcher: &Matcher,
    ) -> Option<Scan> {
        if matcher.further().is_some() {
            return None;
        }
        let text_chunks = self.index.text_chunks_in_all()?;
        let holding = self.documents_of_word(&expansions[rarest]);
        let scan = scan_of(holding, text_chunks.0, rarest);
        // The postings it spares: those of every word, but those of the rarest when it reads
        // them, and the chunks that hold them.
        let (mut spared, mut read) = (Fetches::default(), Fetches::default());
        for (i, terms) in expansions.iter().enumerate() {
            for &(term, _) in terms {
                match scan == Scan::Holding(i) {
                    true => self.index.fetch_postings(term, &mut read),
                    false => self.index.fetch_postings(term, &mut spared),
                }
            }
        }
        let spared = spared.bytes_beyond(&read);
        scan_pays(scan, spared, text_chunks, holding).then_some(scan)
    }

    /// Checks the phrase of `words` in the texts of the documents `scan` names (in corpus
    /// order, or those where the rarest word occurs most first), as [`Corpus::checked_in_texts`]
    /// says: where it stands. None when a document it would check has a text too long to
    /// segment whole: its positions are read instead.
    pub(super) fn phrase_in_texts(
        &self,
        scan: Scan,
        text: &str,
        words: &[Word],
        expansions: &[Vec<(TermId, MatchKind)>],
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Option<Found>, Error> {
        let starts = |positions: &[Vec<u32>]| {
            let starts: Vec<u32> = positions[0]
                .iter()
                .copied()
                .filter(|&start| {
                    positions
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(i, list)| list.binary_search(&(start + i as u32)).is_ok())
                })
                .collect();
            (!starts.is_empty()).then_some(starts)
        };
        let subject = format!("the phrase \"{text}\"");
        let checks = Checks {
            words,
            expansions,
            subject: &subject,
        };
        self.checked_in_texts(scan, &checks, starts, matcher, budget)
    }

    /// Checks `checks` in the texts of the documents `scan` names (in corpus order, or those
    /// where the rarest word occurs most first), as far as [`SCANNED_CHUNKS`] chunks of texts,
    /// the call's chunks of texts and the words its checks may segment allow (the first
    /// document whatever they allow): the documents where `found`, given the sorted positions
    /// of each word in a text, finds something, with what it found. None when a document it
    /// would check has a text too long to segment whole: its positions are read instead. The
    /// documents checked are known before their texts arrive, so every round asks for the same
    /// chunks.
    pub(super) fn checked_in_texts<T>(
        &self,
        scan: Scan,
        checks: &Checks<'_>,
        found_in: impl Fn(&[Vec<u32>]) -> Option<T>,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Option<Vec<(DocId, T)>>, Error> {
        let Checks {
            words,
            expansions,
            subject,
        } = *checks;
        // The documents that hold the rarest word, those where it occurs most first: the more
        // often, the likelier the phrase, and the higher the document ranks.
        let holding: Vec<DocId> = match scan {
            Scan::Every => Vec::new(),
            Scan::Holding(rarest) => {
                let mut docs: Vec<(DocId, u32)> = Vec::new();
                for &(term, _) in &expansions[rarest] {
                    docs.extend(self.index.posting_refs(term)?.iter().map(|r| (r.doc, r.tf)));
                }
                docs.sort_unstable();
                let mut summed: Vec<(DocId, u32)> = Vec::with_capacity(docs.len());
                for (doc, tf) in docs {
                    match summed.last_mut() {
                        Some((last, sum)) if *last == doc => *sum += tf,
                        _ => summed.push((doc, tf)),
                    }
                }
                summed.sort_by_key(|&(doc, tf)| (std::cmp::Reverse(tf), doc));
                summed.into_iter().map(|(doc, _)| doc).collect()
            }
        };
        let (candidates, of): (Box<dyn Iterator<Item = DocId>>, usize) = match scan {
            Scan::Every => {
                let documents = self.index.documents().len();
                (Box::new(0..documents as DocId), documents)
            }
            Scan::Holding(_) => (Box::new(holding.iter().copied()), holding.len()),
        };
        // The documents to check, chosen from what the manifest says of them before any text
        // is read. Bounded by the chunks they lie in, and by the words of the texts that the
        // call's phrases share, not by the call's budget, which expanding the words spent for
        // reading their postings. The first document is checked whatever they allow.
        let mut read: Vec<usize> = Vec::new();
        let mut checked: Vec<DocId> = Vec::new();
        for doc in candidates {
            let length = self.index.document(doc).words;
            if length > SCANNED_WORDS_AT_MOST {
                return Ok(None);
            }
            let chunks = self.index.text_chunks(doc);
            let new: Vec<usize> = chunks
                .iter()
                .copied()
                .filter(|chunk| !read.contains(chunk))
                .collect();
            let work = u64::from(length) * cost::POSITION;
            if checked.is_empty() {
                budget.may_read_chunks(&chunks);
                matcher.scanned().spend(work);
            } else if read.len() + new.len() > SCANNED_CHUNKS
                || !matcher.scanned().try_spend(work)
                || !budget.may_read_chunks(&chunks)
            {
                break;
            }
            read.extend(new);
            budget.spend(work);
            checked.push(doc);
        }
        checked.sort_unstable();
        // Every term the words stand for, with the place of its word.
        let (terms, word_of): (Vec<&str>, Vec<usize>) = expansions
            .iter()
            .enumerate()
            .flat_map(|(i, terms)| terms.iter().map(move |&(term, _)| (term, i)))
            .map(|(term, i)| (self.index.term(term), i))
            .unzip();
        let mut found = Vec::new();
        for &doc in &checked {
            // Not arrived: the chunk is wanted, and the call asked again once it has.
            let Some(text) = self.index.scanned_text(doc)? else {
                continue;
            };
            let mut positions: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
            for (t, found_at) in term_positions(text, &terms).into_iter().enumerate() {
                positions[word_of[t]].extend(found_at);
            }
            for list in &mut positions {
                list.sort_unstable();
                list.dedup();
            }
            if let Some(what) = found_in(&positions) {
                found.push((doc, what));
            }
        }
        let checked = checked.len();
        if checked < of {
            budget.mark_incomplete();
            budget.note(match scan {
                Scan::Every => format!(
                    "Only the first {} of the {} documents were checked for {subject}: its \
                     words are too common to read them all at once.",
                    count(checked),
                    count(of)
                ),
                Scan::Holding(rarest) => format!(
                    "Only {} of the {} documents that hold \"{}\", those where it occurs most, \
                     were checked for {subject}: its other words are too common to read them all \
                     at once.",
                    count(checked),
                    count(of),
                    words[rarest].term
                ),
            });
            matcher.stopped_short();
        }
        Ok(Some(found))
    }
}

impl Corpus {
    /// Words `NEAR` each other (`query`, a [`Query::Near`]) checked in texts rather than from
    /// their postings, as a phrase of common words is (see [`Corpus::phrase_scan`]), when
    /// their postings weigh more than [`NEAR_POSTINGS_AT_MOST`]. Each document found scores as
    /// its words would, each by how often its text holds it. None when a part is not a word,
    /// when the postings weigh less or the texts would fetch more than the postings they
    /// spare, and when a text is too long to segment whole.
    pub(super) fn near_in_texts(
        &self,
        query: &Query,
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Option<Matches<'_>>, Error> {
        let Query::Near { parts, .. } = query else {
            return Ok(None);
        };
        let Some(typed) = parts
            .iter()
            .map(|part| match part {
                Query::Word { word, .. } => Some(word),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
        else {
            return Ok(None);
        };
        // The words are expanded on a budget of their own, recorded and paid for only when
        // checked here: otherwise the parts are evaluated as any word, which expands them.
        let probe = Budget::new(crate::budget::WORK_LIMIT);
        let expanded: Vec<_> = (typed.iter())
            .map(|word| self.expand(word, false, matcher.rule, &probe))
            .collect();
        if expanded.iter().any(|expansion| expansion.terms.is_empty()) {
            return Ok(None);
        }
        let expansions = terms_of(&expanded);
        let rarest = (0..expansions.len())
            .min_by_key(|&i| self.documents_of_word(&expansions[i]))
            .unwrap_or(0);
        // Only where the postings alone would take the search past what a query aims to
        // load: checked in their postings, words near each other find more documents for
        // their bytes (the first documents that hold them all).
        let mut postings = Fetches::default();
        for &(term, _) in expansions.iter().flatten() {
            self.index.fetch_postings(term, &mut postings);
        }
        if postings.bytes() <= NEAR_POSTINGS_AT_MOST {
            return Ok(None);
        }
        let Some(scan) = self.phrase_scan(&expansions, rarest, matcher) else {
            return Ok(None);
        };
        budget.spend(probe.spent());
        self.near_checked_in_texts(scan, query, &expanded, explain, matcher, budget)
    }

    /// Words `NEAR` each other (`query`, whose parts are words that stand for the terms of
    /// `expanded`), checked in the texts of the documents `scan` names, as
    /// [`Corpus::checked_in_texts`] says.
    pub(super) fn near_checked_in_texts(
        &self,
        scan: Scan,
        query: &Query,
        expanded: &[Expansion],
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Option<Matches<'_>>, Error> {
        let Query::Near { parts, distance } = query else {
            return Ok(None);
        };
        let distance = *distance;
        let mut words: Vec<Word> = Vec::with_capacity(parts.len());
        for (part, expansion) in parts.iter().zip(expanded) {
            let Query::Word { text, word } = part else {
                return Ok(None);
            };
            matcher.record(text, word, expansion);
            words.push(word.clone());
        }
        let expansions = terms_of(expanded);
        let subject = format!("\u{2018}{}\u{2019}", query.text());
        let checks = Checks {
            words: &words,
            expansions: &expansions,
            subject: &subject,
        };
        let near = |positions: &[Vec<u32>]| {
            let matched = near_positions(positions, distance);
            let tfs: Vec<u32> = positions.iter().map(|list| list.len() as u32).collect();
            (!matched.is_empty()).then_some((matched, tfs))
        };
        let Some(found) = self.checked_in_texts(scan, &checks, near, matcher, budget)? else {
            return Ok(None);
        };
        // Each word by its best kind of match and the documents of all its terms.
        let weighed: Vec<(MatchKind, f32)> = expansions
            .iter()
            .map(|terms| {
                let kind = terms
                    .iter()
                    .map(|&(_, k)| k)
                    .min()
                    .unwrap_or(MatchKind::Exact);
                (kind, self.idf(self.documents_of_word(terms) as usize))
            })
            .collect();
        let mut matches = Matches::new();
        for (doc, (positions, tfs)) in found {
            let length = self.index.document(doc).words;
            let mut score = 0.0;
            let mut contributions = Vec::new();
            for (i, (&tf, &(kind, idf))) in tfs.iter().zip(&weighed).enumerate() {
                let value = kind.weight()
                    * self
                        .ranking
                        .bm25(tf, length, self.index.average_words(), idf);
                score += value;
                if explain {
                    contributions.push(Contribution {
                        query: parts[i].text(),
                        term: words[i].term.clone(),
                        kind,
                        tf,
                        idf,
                        in_title: false,
                        score: value,
                    });
                }
            }
            matches.insert(doc, DocMatch::decoded(score, positions, contributions));
        }
        Ok(Some(matches))
    }
}

impl Corpus {
    /// How many documents hold the terms a word stands for, each term's counted apart.
    pub(super) fn documents_of_word(&self, terms: &[(TermId, MatchKind)]) -> u64 {
        terms
            .iter()
            .map(|&(term, _)| u64::from(self.index.document_frequency(term)))
            .sum()
    }
}

/// The terms each word stands for, of the words' expansions.
fn terms_of(expanded: &[Expansion]) -> Vec<Vec<(TermId, MatchKind)>> {
    expanded.iter().map(|e| e.terms.clone()).collect()
}

/// The documents to check for a phrase whose rarest word, at place `rarest`, is in `holding`
/// documents, in a collection whose texts are cut into `text_chunks` chunks.
fn scan_of(holding: u64, text_chunks: usize, rarest: usize) -> Scan {
    match holding >= text_chunks as u64 {
        true => Scan::Every,
        false => Scan::Holding(rarest),
    }
}

/// Whether checking a phrase in texts, as `scan` says, fetches fewer bytes than reading the
/// `postings` bytes that it spares, and the passages of a page of hits: each chunk of
/// `text_chunks` (their number, and their bytes in all) counted at their mean, each document
/// that holds the rarest word (`holding`) in a chunk of its own.
fn scan_pays(scan: Scan, postings: u64, (chunks, bytes): (usize, u64), holding: u64) -> bool {
    let mean = bytes / chunks.max(1) as u64;
    let scanned = match scan {
        Scan::Every => SCANNED_CHUNKS as u64,
        Scan::Holding(_) => holding.min(SCANNED_CHUNKS as u64),
    };
    let passages = scanned.min(PASSAGES_ALWAYS as u64);
    postings + passages * mean > scanned * mean
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    #[test]
    fn texts_are_checked_when_the_postings_they_spare_weigh_more_than_the_chunks_read() {
        // 1,000 chunks of texts of 10 KB each.
        let texts = (1_000, 10_000_000);
        assert_eq!(scan_of(5_000, texts.0, 1), Scan::Every);
        assert_eq!(scan_of(999, texts.0, 1), Scan::Holding(1));
        // Twenty chunks, ten of them the passages read either way: 100 KB.
        assert!(scan_pays(Scan::Every, 100_001, texts, 5_000));
        assert!(!scan_pays(Scan::Every, 100_000, texts, 5_000));
        assert!(!scan_pays(Scan::Every, 0, texts, 5_000));
        // Documents in five chunks, their passages: whatever postings they spare.
        assert!(scan_pays(Scan::Holding(0), 1, texts, 5));
        assert!(!scan_pays(Scan::Holding(0), 0, texts, 5));
        // In 300, read twenty chunks of them.
        assert!(scan_pays(Scan::Holding(0), 100_001, texts, 300));
        assert!(!scan_pays(Scan::Holding(0), 99_999, texts, 300));
    }

    /// 400 documents of 700 words or so: `of the` in every fifth, `rare of the` in every
    /// 37th; a chunk a block of texts.
    fn chunked() -> (Corpus, Vec<(String, Vec<u8>)>) {
        let whole = crate::search::texts_of(400, |d| {
            let mut words: Vec<String> = (0..700)
                .map(|i| format!("w{}", (i * 13 + d) % 97))
                .collect();
            words[300] = match d % 5 {
                0 => "of the".into(),
                _ => "the of".into(),
            };
            if d % 37 == 0 {
                words[500] = "rare of the".into();
            }
            words.join(" ")
        });
        let chunked = whole.index().to_chunks_of(1);
        let corpus = Corpus::from_manifest(&chunked.manifest).unwrap();
        (corpus, chunked.chunks)
    }

    /// What checking a phrase in texts gave: the documents found, how many chunks of texts it
    /// read, its notes, and whether it said it stopped short.
    struct Checked {
        found: Vec<DocId>,
        text_chunks: usize,
        notes: crate::budget::Notes,
        stopped: bool,
    }

    /// Checks `phrase` in texts as `scan` says, as many rounds as its chunks take; None when
    /// it would not check it so.
    fn scanned(
        corpus: &Corpus,
        chunks: &[(String, Vec<u8>)],
        phrase: &str,
        scan: Scan,
    ) -> Option<Checked> {
        let query = corpus.parse(phrase);
        let Query::Phrase { text, words, .. } = query.required()[0] else {
            panic!("{phrase} is a phrase");
        };
        let mut text_chunks = 0;
        loop {
            let budget = Budget::new(crate::budget::WORK_LIMIT);
            let matcher = Matcher::search();
            let expansions: Vec<Vec<(TermId, MatchKind)>> = words
                .iter()
                .map(|w| corpus.expand(w, true, matcher.rule, &budget).terms)
                .collect();
            let found = corpus
                .phrase_in_texts(scan, text, words, &expansions, &matcher, &budget)
                .unwrap()?;
            let wanted = corpus.index().wanted_chunks();
            if wanted.is_empty() {
                return Some(Checked {
                    found: found.iter().map(|(doc, _)| *doc).collect(),
                    text_chunks,
                    notes: budget.take_notes(),
                    stopped: matcher.has_stopped_short(),
                });
            }
            for name in wanted {
                let (_, bytes) = chunks.iter().find(|(n, _)| *n == name).unwrap();
                corpus.index().add_chunk(&name, bytes).unwrap();
                text_chunks += usize::from(corpus.index().chunk_part(&name) == Some("texts"));
            }
        }
    }

    /// How many documents a note of a check stopped short says were checked first.
    fn first_checked(note: &str) -> DocId {
        note.strip_prefix("Only the first ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{note}"))
    }

    #[test]
    fn a_phrase_is_checked_in_the_texts_of_the_first_documents_of_twenty_chunks() {
        let (corpus, chunks) = chunked();
        let checked = scanned(&corpus, &chunks, "\"of the\"", Scan::Every).unwrap();
        assert_eq!(checked.text_chunks, SCANNED_CHUNKS);
        assert!(!checked.notes.complete && checked.stopped);
        let note = &checked.notes.messages[0];
        let first = first_checked(note);
        assert!(first > 100 && first < 400, "{note}");
        assert!(note.ends_with(
            " of the 400 documents were checked for the phrase \"of the\": its words are too \
             common to read them all at once."
        ));
        // Every fifth of the documents checked, and those of `rare of the`.
        let expected: Vec<DocId> = (0..first).filter(|d| d % 5 == 0 || d % 37 == 0).collect();
        assert_eq!(checked.found, expected);
    }

    #[test]
    fn the_phrases_of_a_call_share_the_words_they_may_segment() {
        let (corpus, chunks) = chunked();
        let first = scanned(&corpus, &chunks, "\"of the\"", Scan::Every).unwrap();
        let query = corpus.parse("\"of the\"");
        let Query::Phrase { text, words, .. } = query.required()[0] else {
            panic!("a phrase");
        };
        // The same phrase three times in one call, its texts all arrived: 700 words a
        // document, some 250 documents in twenty chunks, so the first checks as many
        // documents as one alone, the second what is left of the words, and the third its
        // first document alone (which holds the phrase).
        let matcher = Matcher::search();
        let budget = Budget::new(crate::budget::WORK_LIMIT);
        let expansions: Vec<Vec<(TermId, MatchKind)>> = words
            .iter()
            .map(|w| corpus.expand(w, true, matcher.rule, &budget).terms)
            .collect();
        let mut found = Vec::new();
        for _ in 0..3 {
            let scan = corpus.phrase_in_texts(
                Scan::Every,
                text,
                words,
                &expansions,
                &matcher,
                &Budget::new(1),
            );
            found.push(scan.unwrap().unwrap().len());
        }
        assert_eq!(corpus.index().wanted_chunks(), Vec::<String>::new());
        assert_eq!(found[0], first.found.len());
        assert!(0 < found[1] && found[1] < found[0], "{found:?}");
        assert_eq!(found[2], 1);
    }

    #[test]
    fn a_phrase_is_checked_in_the_texts_of_the_documents_that_hold_its_rarest_word() {
        let (corpus, chunks) = chunked();
        let checked = scanned(&corpus, &chunks, "\"rare of the\"", Scan::Holding(0)).unwrap();
        // Eleven documents, each in a chunk of its own: all checked.
        let expected: Vec<DocId> = (0..400).filter(|d| d % 37 == 0).collect();
        assert_eq!(checked.found, expected);
        assert_eq!(checked.text_chunks, 11);
        assert!(checked.notes.complete && !checked.stopped);
        assert!(checked.notes.messages.is_empty());
    }

    #[test]
    fn the_documents_where_the_rarest_word_occurs_most_are_checked_first() {
        // `opium` in every document, twice in every 40th, which alone holds the phrase: in
        // corpus order, twenty chunks reach about half of them.
        let whole = crate::search::texts_of(400, |d| {
            let mut words: Vec<String> = (0..700)
                .map(|i| format!("w{}", (i * 13 + d) % 97))
                .collect();
            words[100] = "opium".into();
            if d % 40 == 39 {
                words[400] = "opium of the".into();
            }
            words.join(" ")
        });
        let chunked = whole.index().to_chunks_of(1);
        let corpus = Corpus::from_manifest(&chunked.manifest).unwrap();
        let checked = scanned(
            &corpus,
            &chunked.chunks,
            "\"opium of the\"",
            Scan::Holding(0),
        )
        .unwrap();
        let expected: Vec<DocId> = (0..400).filter(|d| d % 40 == 39).collect();
        assert_eq!(checked.found, expected);
        assert_eq!(checked.text_chunks, SCANNED_CHUNKS);
        assert!(!checked.notes.complete && checked.stopped);
        let note = &checked.notes.messages[0];
        assert!(note.starts_with("Only "), "{note}");
        assert!(
            note.ends_with(
                " of the 400 documents that hold \"opium\", those where it occurs most, were \
                 checked for the phrase \"opium of the\": its other words are too common to read \
                 them all at once."
            ),
            "{note}"
        );
    }

    /// Checks the words near each other of `query` in texts as `scan` says, as many rounds as
    /// its chunks take: the documents found, and the notes.
    fn near_scanned(
        corpus: &Corpus,
        chunks: &[(String, Vec<u8>)],
        query: &str,
        scan: Scan,
    ) -> (Vec<DocId>, crate::budget::Notes) {
        let query = corpus.parse(query);
        let near @ Query::Near { parts, .. } = query.required()[0] else {
            panic!("{query:?} is words near each other");
        };
        loop {
            let budget = Budget::new(crate::budget::WORK_LIMIT);
            let matcher = Matcher::search();
            let expanded: Vec<_> = (parts.iter())
                .map(|part| match part {
                    Query::Word { word, .. } => corpus.expand(word, false, matcher.rule, &budget),
                    _ => panic!("{part:?} is a word"),
                })
                .collect();
            let found = corpus
                .near_checked_in_texts(scan, near, &expanded, false, &matcher, &budget)
                .unwrap()
                .unwrap();
            let wanted = corpus.index().wanted_chunks();
            if wanted.is_empty() {
                let mut docs: Vec<DocId> = found.into_keys().collect();
                docs.sort_unstable();
                return (docs, budget.take_notes());
            }
            for name in wanted {
                let (_, bytes) = chunks.iter().find(|(n, _)| *n == name).unwrap();
                corpus.index().add_chunk(&name, bytes).unwrap();
            }
        }
    }

    #[test]
    fn words_near_each_other_are_checked_in_the_texts_of_the_first_documents() {
        let (corpus, chunks) = chunked();
        // `rare` two words before `the` in every 37th document; `the` in every one.
        let (found, notes) = near_scanned(&corpus, &chunks, "rare NEAR/2 the", Scan::Every);
        let note = &notes.messages[0];
        let first = first_checked(note);
        assert!(first > 100 && first < 400, "{note}");
        assert!(note.ends_with(
            " of the 400 documents were checked for \u{2018}rare NEAR/2 the\u{2019}: its words \
             are too common to read them all at once."
        ));
        let expected: Vec<DocId> = (0..first).filter(|d| d % 37 == 0).collect();
        assert_eq!(found, expected);
        // One word apart is not near enough.
        let (found, _) = near_scanned(&corpus, &chunks, "rare NEAR/1 the", Scan::Every);
        assert_eq!(found, Vec::<DocId>::new());
        // The documents that hold `rare`: all checked, and said so by no note.
        let (found, notes) = near_scanned(&corpus, &chunks, "rare NEAR/2 the", Scan::Holding(0));
        assert_eq!(found, (0..400).filter(|d| d % 37 == 0).collect::<Vec<_>>());
        assert!(notes.complete && notes.messages.is_empty());
    }

    #[test]
    fn a_text_too_long_to_segment_whole_has_its_positions_read() {
        let whole = crate::search::texts_of(2, |d| match d {
            0 => "of the".into(),
            _ => "of the ".repeat(SCANNED_WORDS_AT_MOST as usize / 2 + 1),
        });
        let chunked = whole.index().to_chunks_of(1);
        let corpus = Corpus::from_manifest(&chunked.manifest).unwrap();
        assert!(scanned(&corpus, &chunked.chunks, "\"of the\"", Scan::Every).is_none());
    }
}
