//! The inverted index: documents, a sorted term dictionary, positional postings and stem groups.
//!
//! The index is built once, at build time, by [`IndexBuilder`], and travels as bytes
//! ([`Index::to_bytes`], [`Index::from_bytes`]) with a magic number and a format version, so a
//! page never analyzes its corpus again when it opens. Four parts follow the header: the
//! deflated core (dictionaries, counts, metadata), the postings, the positions of the terms
//! that keep them apart, and the texts. Postings are one blob of variable-length integers
//! (document gaps, counts, position gaps), deflated in blocks of consecutive terms; a term in
//! most documents keeps its positions apart, so that a search ranking by its counts does not
//! read them; texts are deflated in blocks of consecutive documents. Opening
//! inflates the core only; a block is inflated the first time a query reads one of its terms,
//! or a snippet, the reader or a concordance one of its texts, and then kept. The bytes are
//! written down in `docs/format.md` and pinned by `tests/format.rs`.
//!
//! One module a part, as the bytes are laid out: `format` (the header, the core as written and
//! the checks on reading), `documents` (the documents' fields, held as columns), `postings`
//! (the postings codec and its blocks), `dictionary` (the sorted terms and stems), `store`
//! (the texts and their blocks), and `builder`, which makes all of them.

use serde::{Deserialize, Serialize};

mod builder;
mod catalogue;
mod chunks;
mod dictionary;
mod documents;
mod fetches;
mod format;
mod inline;
mod pieces;
mod postings;
mod rotations;
mod shards;
mod store;
mod titles;

pub use builder::{AnalyzedBatch, AnalyzedText, IndexBuilder, NewDocument, BATCH_TEXT_BYTES};
pub use chunks::{chunk_from_script_text, chunk_name, CHUNK_BYTES};
pub use dictionary::{NearCandidates, StemTable, Strings};
pub use documents::{DocumentRef, Documents, MetaRef};
pub use fetches::Fetches;
pub use format::{
    parts, ChunkedIndex, Parts, Serialized, FORMAT_VERSION, MAGIC, MANIFEST_MAGIC,
    MANIFEST_VERSION, MAX_BODY_BYTES,
};
pub use pieces::Window;
pub use postings::{
    decode_postings, encode_postings, posting_refs, PositionsNow, Posting, PostingRef,
    PostingsChunk, SCANNED_WORDS_AT_MOST,
};
pub use rotations::{Lookup, ROTATED_CHARS, SEPARATOR};

use chunks::Part;
use dictionary::Dictionary;
use postings::{PositionBlock, PostingBlock};
use store::{Cache, TextBlock};
use titles::LazyTitles;

/// Identifies a term in the dictionary: its rank in sorted order.
pub type TermId = u32;
/// Identifies a document: its rank in the order documents were added.
pub type DocId = u32;

/// What a document is, as the viewer shows it: one type wherever a document appears (added to
/// an index, stored in it, listed, opened). Stored first in a [`Document`], its fields keep
/// their place in the index's bytes.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocumentMeta {
    /// Stable identifier: the file's path without its extension.
    pub id: String,
    /// Title shown in lists.
    pub title: String,
    /// Where the document comes from.
    pub source: String,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, if known.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub date: Option<String>,
    /// Where it can be found online, if known.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub url: Option<String>,
    /// The language of its text, a BCP 47 tag (`en`, `ar`, `fa`), if known.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub lang: Option<String>,
    /// Its tags, sorted, each once: what the collection's tag filter chooses by.
    pub tags: Vec<String>,
}

/// A stored document: what it is, and what its text holds, as the builder adds it. An index
/// holds its documents as columns ([`Documents`]) and lends them out one at a time
/// ([`DocumentRef`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Id, title, source, date, URL, language and tags.
    pub meta: DocumentMeta,
    /// Byte ranges `[start, end)` of the headings in the text.
    pub headings: Vec<[u32; 2]>,
    /// Byte ranges `[start, end)` of code in the text, sorted and disjoint.
    pub code: Vec<[u32; 2]>,
    /// Number of words (positions) in the text.
    pub words: u32,
    /// `checkpoints[k]`: the byte offset of the word at position `(k + 1) ·` [`CHECKPOINT_EVERY`],
    /// where segmenting may start to find the words near a position. Empty in an index opened
    /// from a manifest, which finds them in the text when it first needs them.
    pub checkpoints: Vec<u32>,
}

/// How many words apart the checkpoints of a document's text are.
pub const CHECKPOINT_EVERY: u32 = 64;

/// A searchable, serializable collection of documents.
///
/// This is the index in memory. What is written of it is a separate, explicit struct (the
/// core, in `format`) and the postings and texts parts as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    title: Option<String>,
    documents: Documents,
    /// The sorted terms, each with where its postings end and how often it occurs, and the
    /// stems: whole, or in shards that arrive as chunks.
    dictionary: Dictionary,
    /// The blocks the postings are deflated in, by first term.
    posting_blocks: Vec<PostingBlock>,
    /// `title_terms[doc]`: sorted ids of the terms of the document's title.
    title_terms: Vec<Vec<TermId>>,
    /// `title_terms` inverted, on first use.
    title_documents: LazyTitles,
    /// The terms with occurrences in texts, on first use.
    text_terms: std::cell::OnceCell<Vec<TermId>>,
    average_words: f32,
    /// The postings part: the blocks of `posting_blocks`, deflated, whole or in chunks.
    postings: Part,
    /// The posting blocks inflated so far; `None` for one that could not be.
    inflated_postings: Cache<Option<Vec<u8>>>,
    /// The blocks the positions kept apart are deflated in (see `postings`).
    position_blocks: Vec<PositionBlock>,
    /// The positions part: the blocks of `position_blocks`, deflated, whole or in chunks.
    positions: Part,
    /// The blocks of positions inflated so far; `None` for one that could not be.
    inflated_positions: Cache<Option<Vec<u8>>>,
    /// The blocks of texts, in corpus order.
    text_blocks: Vec<TextBlock>,
    /// The texts part: the blocks of `text_blocks`, deflated, whole or in chunks.
    texts: Part,
    /// The texts inflated so far.
    inflated: Cache<store::KeptText>,
    /// The pieces of long texts inflated so far, two slots a block of texts: the piece that
    /// starts it, and the one that ends it.
    inflated_pieces: Cache<pieces::Piece>,
    /// The checkpoints found so far in the texts of a chunked index, whose manifest leaves
    /// them out.
    found_checkpoints: Cache<Vec<u32>>,
    /// The titles and URLs of a chunked index, in blocks that arrive as chunks; `None` for
    /// an index held whole, whose documents hold them.
    catalogue: Option<Box<catalogue::Catalogue>>,
    /// The documents sorted by id, on first use.
    by_id: Memo<Vec<DocId>>,
    /// The documents in the order of their titles, on first use (held whole).
    by_title: Memo<Vec<DocId>>,
    /// Each document's place in that order, on first use.
    title_ranks: Memo<Vec<u32>>,
    /// Each document's words and title length, on first use (see [`Index::lengths`]).
    lengths: Memo<Vec<[u32; 2]>>,
}

/// A value made from the index on first use. A cache: it takes no part in equality.
#[derive(Clone, Default)]
struct Memo<T>(std::cell::OnceCell<T>);

impl<T> PartialEq for Memo<T> {
    fn eq(&self, _: &Memo<T>) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Memo<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let made = if self.0.get().is_some() {
            "made"
        } else {
            "not yet made"
        };
        write!(f, "Memo({made})")
    }
}

impl Index {
    /// The corpus title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &Documents {
        &self.documents
    }

    /// The document with this id: a binary search of the documents sorted by id, sorted on
    /// first use (4 bytes a document), so that a page can ask for documents one by one.
    pub fn document_by_id(&self, id: &str) -> Option<(DocId, DocumentRef<'_>)> {
        let by_id = self.by_id.0.get_or_init(|| {
            let mut docs: Vec<DocId> = (0..self.documents.len() as DocId).collect();
            docs.sort_unstable_by(|&a, &b| self.documents.id(a).cmp(self.documents.id(b)));
            docs
        });
        let at = by_id
            .binary_search_by(|&d| self.documents.id(d).cmp(id))
            .ok()?;
        let doc = by_id[at];
        Some((doc, self.documents.get(doc)))
    }

    /// The document with this number. Panics if out of range, which a caller holding a
    /// [`DocId`] from this index cannot be.
    pub fn document(&self, doc: DocId) -> DocumentRef<'_> {
        self.documents.get(doc)
    }

    /// The average number of words in a document.
    pub fn average_words(&self) -> f32 {
        self.average_words
    }

    /// A document's place in [`Index::title_order`]; while that order cannot be read (it is
    /// then wanted, or damaged, which [`Index::title_order`] says), its place in the
    /// collection. A call that sorts by title asks for the order first.
    pub fn title_rank(&self, doc: DocId) -> u32 {
        if let Some(ranks) = self.title_ranks.0.get() {
            return ranks[doc as usize];
        }
        let Ok(Some(order)) = self.title_order() else {
            return doc;
        };
        let ranks = self.title_ranks.0.get_or_init(|| {
            let mut ranks = vec![0; self.documents.len()];
            for (rank, &d) in order.iter().enumerate() {
                ranks[d as usize] = rank as u32;
            }
            ranks
        });
        ranks[doc as usize]
    }

    /// Each document's number of words and the length of its title, in document order: what
    /// a score reads of every document it weighs, side by side, where each document's entry
    /// spans hundreds of bytes and a word in most documents of a large corpus reads them all.
    pub fn lengths(&self) -> &[[u32; 2]] {
        self.lengths.0.get_or_init(|| {
            (0..self.documents.len() as DocId)
                .map(|doc| [self.documents.words(doc), self.title_length(doc)])
                .collect()
        })
    }
}

/// The indexes the tests of the index's modules read.
#[cfg(test)]
mod samples {
    use super::*;
    use crate::analyze::Analyzer;

    /// Two short documents whose words share stems.
    pub(super) fn sample() -> Index {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        for (id, text) in [
            ("a", "Protests in Gaza.\nGaza protesters protested."),
            ("b", "A speech about Palestine and protesting."),
        ] {
            builder
                .add(NewDocument {
                    meta: DocumentMeta {
                        id: id.into(),
                        title: text.lines().next().unwrap().into(),
                        source: format!("{id}.txt"),
                        date: None,
                        url: None,
                        lang: None,
                        tags: Vec::new(),
                    },
                    text: text.into(),
                    headings: vec![],
                    code: Vec::new(),
                })
                .unwrap();
        }
        builder.finish().unwrap()
    }

    /// Seven documents, "Document i says wordi." repeated 1500·i times: several blocks of
    /// postings and of texts.
    pub(super) fn blocks() -> (Vec<String>, Index) {
        let texts: Vec<String> = (0..7)
            .map(|i| format!("Document {i} says word{i}. ").repeat(i * 1500))
            .collect();
        let index = of_texts(&texts);
        (texts, index)
    }

    /// An index of `texts`, document `i` with id `di` and title "Document i".
    pub(super) fn of_texts(texts: &[String]) -> Index {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        for (i, text) in texts.iter().enumerate() {
            let doc = NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("Document {i}"),
                    ..DocumentMeta::default()
                },
                text: text.clone(),
                headings: vec![],
                code: Vec::new(),
            };
            builder.add(doc).unwrap();
        }
        builder.finish().unwrap()
    }
}
