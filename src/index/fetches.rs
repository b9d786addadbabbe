//! What reading would fetch: the chunks not yet arrived that the texts, or the positions kept
//! apart, of some documents lie in, or the postings of some terms, each counted once with its
//! bytes, so that a call with two ways to the same answer can take the one that fetches less.
//! An index held whole fetches nothing.

use std::collections::BTreeMap;

use super::chunks::{Chunks, Part};
use super::store::{block_of, block_start, text_block_starts};
use super::{DocId, Index, TermId};

/// The part a chunk belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PartOf {
    Dictionary,
    Postings,
    Positions,
    Texts,
}

/// Chunks not yet arrived that some reads would fetch, each counted once.
#[derive(Debug, Default)]
pub struct Fetches {
    chunks: BTreeMap<(PartOf, usize), u32>,
}

impl Fetches {
    /// The bytes of the chunks, each counted once.
    pub fn bytes(&self) -> u64 {
        self.chunks.values().map(|&bytes| u64::from(bytes)).sum()
    }

    /// The bytes of the chunks that `other` does not count too.
    pub fn bytes_beyond(&self, other: &Fetches) -> u64 {
        self.chunks
            .iter()
            .filter(|(chunk, _)| !other.chunks.contains_key(chunk))
            .map(|(_, &bytes)| u64::from(bytes))
            .sum()
    }

    /// Adds the chunk of `part` that holds byte `at`, if it has not arrived.
    pub(super) fn add(&mut self, of: PartOf, part: &Part, at: u32) {
        if let Some((chunk, bytes)) = part.missing(at) {
            self.chunks.insert((of, chunk), bytes);
        }
    }

    /// Adds the chunk of `chunks` that holds byte `at`, if it has not arrived.
    pub(super) fn add_in(&mut self, of: PartOf, chunks: &Chunks, at: u32) {
        if let Some((chunk, bytes)) = chunks.missing(at) {
            self.chunks.insert((of, chunk), bytes);
        }
    }

    /// Adds the chunk of `part` that holds byte `at`, arrived or not.
    pub(super) fn add_arrived_or_not(&mut self, of: PartOf, part: &Part, at: u32) {
        if let Some((chunk, bytes)) = part.chunk_holding(at) {
            self.chunks.insert((of, chunk), bytes);
        }
    }

    /// Counts the chunks of `other` too.
    pub fn extend(&mut self, other: &Fetches) {
        self.chunks.extend(&other.chunks);
    }
}

impl Index {
    /// Adds to `fetches` the chunks that reading the whole text of `doc` would fetch: none
    /// once the text has been read.
    pub fn fetch_text(&self, doc: DocId, fetches: &mut Fetches) {
        if self.inflated.get(doc as usize).is_some() {
            return;
        }
        for at in text_block_starts(&self.text_blocks, doc) {
            fetches.add(PartOf::Texts, &self.texts, at);
        }
    }

    /// Adds to `fetches` the chunk that holds the postings of `term` (its block, or its
    /// shard's section of postings held inline): none once they have been read, and none for
    /// a term without postings or whose shard of the dictionary has not arrived.
    pub fn fetch_postings(&self, term: TermId, fetches: &mut Fetches) {
        let b = self.block_of_term(term);
        if self.holds_postings_inline(term) {
            // Read from its block once that has arrived (see `posting_bytes`), else from its
            // shard's section.
            if !self.posting_block_at_hand(b) {
                self.fetch_inline_postings(term, fetches);
            }
            return;
        }
        let Some(b) = self.posting_block(term) else {
            return;
        };
        if self.inflated_postings.get(b).is_some() {
            return;
        }
        let (deflated_start, _) = self.deflated_posting_block(b);
        fetches.add(PartOf::Postings, &self.postings, deflated_start);
    }

    /// Adds to `fetches` the chunk that holds where the text of `doc` starts: what a passage
    /// of a text read in pieces reads at least (a text not cut, whole).
    pub fn fetch_text_start(&self, doc: DocId, fetches: &mut Fetches) {
        if self.inflated.get(doc as usize).is_some() {
            return;
        }
        if let Some(b) = block_of(&self.text_blocks, doc) {
            let at = block_start(&self.text_blocks, b);
            fetches.add(PartOf::Texts, &self.texts, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::index::samples::of_texts;

    #[test]
    fn a_text_fetches_the_chunks_of_its_blocks_once_until_they_arrive() {
        // A short text, one cut into pieces, and a short text.
        let texts = [
            "A short text.".to_string(),
            "Word after word. ".repeat(6_000),
            "Another short text.".to_string(),
        ];
        let built = of_texts(&texts);
        let chunked = built.to_chunks_of(1);
        let chunk = |name: &str| &chunked.chunks.iter().find(|(n, _)| n == name).unwrap().1;
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        let fetched = |doc: DocId, whole: bool| {
            let mut fetches = Fetches::default();
            match whole {
                true => read.fetch_text(doc, &mut fetches),
                false => read.fetch_text_start(doc, &mut fetches),
            }
            fetches.bytes()
        };
        // Every piece of the long text, or the first alone; counted as the chunks that hold
        // them.
        assert!(matches!(read.text(1), Err(Error::NotArrived)));
        let wanted = read.wanted_chunks();
        assert!(wanted.len() > 2, "{wanted:?}");
        let bytes: usize = wanted.iter().map(|name| chunk(name).len()).sum();
        assert_eq!(fetched(1, true), bytes as u64);
        assert!(0 < fetched(1, false) && fetched(1, false) < fetched(1, true));
        // A chunk counts once, however many texts it holds.
        let mut fetches = Fetches::default();
        read.fetch_text(0, &mut fetches);
        let first = fetches.bytes();
        read.fetch_text(0, &mut fetches);
        assert_eq!(fetches.bytes(), first);
        // Nothing once they have arrived; nothing in an index held whole.
        for name in &wanted {
            read.add_chunk(name, chunk(name)).unwrap();
        }
        assert_eq!((fetched(1, true), fetched(1, false)), (0, 0));
        let mut fetches = Fetches::default();
        for doc in 0..3 {
            built.fetch_text(doc, &mut fetches);
            built.fetch_text_start(doc, &mut fetches);
        }
        assert_eq!(fetches.bytes(), 0);
    }
}
