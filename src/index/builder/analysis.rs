//! Analyzing documents for the builder: each text's terms with their positions, encoded as
//! postings hold them, and a batch's terms found once each. Analyzing needs no index, so it
//! runs on any thread.

use std::hash::BuildHasher;

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;

use super::NewDocument;
use crate::analyze::{fold_into, word_spans};
use crate::index::postings::write_varint;
use crate::index::store::checkpoints_of;
use crate::parallel::{cores, in_parallel};

/// Documents with their texts analyzed (split into words, folded, the positions of each term
/// gathered) and the batch's terms found once each: what [`super::IndexBuilder::add_analyzed`] adds.
/// Analyzing a text needs no index, so a caller may analyze texts ([`AnalyzedText::of`]) on
/// other threads while the builder adds the documents before.
pub struct AnalyzedBatch {
    pub(super) documents: Vec<NewDocument>,
    pub(super) analyzed: Vec<AnalyzedText>,
    /// The batch's terms, each once, as the document and the entry where it is first met.
    pub(super) distinct: Vec<(u32, u32)>,
    /// For each document, the place in `distinct` of each of its terms.
    pub(super) in_batch: Vec<Vec<u32>>,
}

impl AnalyzedBatch {
    /// Analyzes the texts of `documents` on as many threads as the machine offers.
    pub fn of(documents: Vec<NewDocument>) -> AnalyzedBatch {
        let texts: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
        let analyzed = in_parallel(&texts, cores(), |text| AnalyzedText::of(text));
        AnalyzedBatch::from_analyzed(documents.into_iter().zip(analyzed).collect())
    }

    /// A batch of documents, each with the [`AnalyzedText::of`] its text.
    pub fn from_analyzed(pairs: Vec<(NewDocument, AnalyzedText)>) -> AnalyzedBatch {
        let (documents, analyzed): (Vec<NewDocument>, Vec<AnalyzedText>) =
            pairs.into_iter().unzip();
        // The terms of a batch are found once each, in a table that fits in a cache: a term
        // in many of its documents is then looked for among the index's, in a table of every
        // term of the corpus, once rather than once a document. At 1 GB of text that search
        // took a seventh of the build's processor time, all of it on the one core that adds
        // documents.
        let mut table: HashTable<u32> = HashTable::new();
        let mut distinct: Vec<(u32, u32)> = Vec::new();
        let mut in_batch = Vec::with_capacity(analyzed.len());
        for (d, text) in analyzed.iter().enumerate() {
            let mut places = Vec::with_capacity(text.entries.len());
            for (e, entry) in text.entries.iter().enumerate() {
                let term = text.term(e).0;
                let found = table.entry(
                    entry.hash,
                    |&i| {
                        let (d, e) = distinct[i as usize];
                        analyzed[d as usize].term(e as usize).0 == term
                    },
                    |&i| {
                        let (d, e) = distinct[i as usize];
                        analyzed[d as usize].entries[e as usize].hash
                    },
                );
                places.push(match found {
                    Entry::Occupied(place) => *place.get(),
                    Entry::Vacant(vacant) => {
                        let place = distinct.len() as u32;
                        vacant.insert(place);
                        distinct.push((d as u32, e as u32));
                        place
                    }
                });
            }
            in_batch.push(places);
        }
        AnalyzedBatch {
            documents,
            analyzed,
            distinct,
            in_batch,
        }
    }
}

/// What indexing finds in one text: its number of words, its checkpoints, and each folded
/// term with its positions, encoded as postings hold them. The terms are in the order of their
/// first occurrence, their texts and positions each in one buffer: a text of many words makes
/// a few allocations, not two a term.
pub struct AnalyzedText {
    pub(super) words: u32,
    pub(super) checkpoints: Vec<u32>,
    /// The terms' texts, one after another.
    pub(super) terms: String,
    pub(super) entries: Vec<TermEntry>,
    /// Each term's positions as the gaps between them, in variable-length integers, one term
    /// after another.
    pub(super) gaps: Vec<u8>,
}

impl AnalyzedText {
    /// The analysis of `text`, as the index's documents are analyzed.
    pub fn of(text: &str) -> AnalyzedText {
        analyze_text(text)
    }

    /// The text and hash of its `e`th term.
    pub(super) fn term(&self, e: usize) -> (&str, u64) {
        let start = e.checked_sub(1).map_or(0, |p| self.entries[p].term_end);
        let entry = &self.entries[e];
        (
            &self.terms[start as usize..entry.term_end as usize],
            entry.hash,
        )
    }
}

/// One term of an [`AnalyzedText`].
pub(super) struct TermEntry {
    /// Its [`hash_term`].
    pub(super) hash: u64,
    /// Where its text ends in `terms`.
    pub(super) term_end: u32,
    /// Where its gaps end in `gaps`.
    pub(super) gaps_end: u32,
    /// How many times the text holds it.
    pub(super) count: u32,
}

/// The hash terms are found by, in a text and in the builder.
pub(super) fn hash_term(term: &str) -> u64 {
    FxBuildHasher.hash_one(term)
}

pub(super) fn analyze_text(text: &str) -> AnalyzedText {
    let spans = word_spans(text);
    let words = spans.len() as u32;
    let checkpoints = checkpoints_of(&spans);
    // Each word's term as a number in the text (`NO_TERM` where the word folds to nothing),
    // the terms found by their hash.
    const NO_TERM: u32 = u32::MAX;
    let mut numbers: HashTable<u32> = HashTable::new();
    let mut terms = String::new();
    let mut entries: Vec<TermEntry> = Vec::new();
    let mut of_words = Vec::with_capacity(spans.len());
    let mut term = String::new();
    for span in spans {
        fold_into(&text[span], &mut term);
        if term.is_empty() {
            of_words.push(NO_TERM);
            continue;
        }
        let hash = hash_term(&term);
        let found = numbers.entry(
            hash,
            |&n| {
                let start = n.checked_sub(1).map_or(0, |p| entries[p as usize].term_end);
                terms[start as usize..entries[n as usize].term_end as usize] == term
            },
            |&n| entries[n as usize].hash,
        );
        let number = match found {
            Entry::Occupied(number) => *number.get(),
            Entry::Vacant(vacant) => {
                let number = entries.len() as u32;
                vacant.insert(number);
                terms.push_str(&term);
                entries.push(TermEntry {
                    hash,
                    term_end: terms.len() as u32,
                    gaps_end: 0,
                    count: 0,
                });
                number
            }
        };
        entries[number as usize].count += 1;
        of_words.push(number);
    }
    // The positions grouped by term, in order within each: each term's run starts where the
    // counts of the terms before it end.
    let mut next = Vec::with_capacity(entries.len());
    let mut start = 0;
    for entry in &entries {
        next.push(start);
        start += entry.count as usize;
    }
    let mut positions = vec![0u32; start];
    for (position, &number) in of_words.iter().enumerate() {
        if number != NO_TERM {
            positions[next[number as usize]] = position as u32;
            next[number as usize] += 1;
        }
    }
    let mut gaps = Vec::with_capacity(positions.len() + positions.len() / 2);
    let mut start = 0;
    for entry in &mut entries {
        let mut previous = 0;
        for &position in &positions[start..start + entry.count as usize] {
            write_varint(&mut gaps, position - previous);
            previous = position;
        }
        start += entry.count as usize;
        entry.gaps_end = gaps.len() as u32;
    }
    AnalyzedText {
        words,
        checkpoints,
        terms,
        entries,
        gaps,
    }
}
