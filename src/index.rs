//! The inverted index: documents, a sorted term dictionary, positional postings and stem groups.
//!
//! The index is built once, at build time, by [`IndexBuilder`], and travels as bytes
//! ([`Index::to_bytes`], [`Index::from_bytes`]) with a magic number and a format version, so a
//! page never analyzes its corpus again when it opens. Three parts follow the header: the
//! deflated core (dictionaries, counts, metadata), the postings and the texts. Postings are one
//! blob of variable-length integers (document gaps, counts, position gaps), deflated in blocks
//! of consecutive terms; texts are deflated in blocks of consecutive documents. Opening
//! inflates the core only; a block is inflated the first time a query reads one of its terms,
//! or a snippet, the reader or a concordance one of its texts, and then kept. The bytes are
//! written down in `docs/format.md` and pinned by `tests/format.rs`.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analyze::word_spans_from;
use crate::error::Error;

mod builder;
pub use builder::{IndexBuilder, NewDocument, BATCH_TEXT_BYTES};

/// The first bytes of a serialized index.
pub const MAGIC: &[u8; 4] = b"CVIX";
/// The version of the serialized form; bumped whenever it changes.
pub const FORMAT_VERSION: u16 = 7;
/// The largest core or text [`Index::from_bytes`] inflates, as a guard against damage.
pub const MAX_BODY_BYTES: usize = 1 << 31;
/// The header: [`MAGIC`], [`FORMAT_VERSION`], the lengths of the deflated core and postings.
const HEADER_BYTES: usize = 14;
/// How hard texts, postings and the core are deflated: the default of zlib, as its best saves
/// little for twice the time.
const DEFLATE_LEVEL: u8 = 6;
/// The postings in a block of terms, deflated together, once they reach this many bytes.
const POSTING_BLOCK_BYTES: usize = 64 * 1024;
/// The text in a block of documents, deflated together, once it reaches this many bytes:
/// large enough that deflate's start from nothing costs little (on the Brown corpus, 4% more
/// than the whole text in one stream, against 13% for one document a stream), small enough to
/// inflate in a fraction of a millisecond.
const TEXT_BLOCK_BYTES: usize = 64 * 1024;

/// Identifies a term in the dictionary: its rank in sorted order.
pub type TermId = u32;
/// Identifies a document: its rank in the order documents were added.
pub type DocId = u32;

/// A stored document with the metadata the viewer shows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier: the file name without its extension.
    pub id: String,
    /// Title shown in lists.
    pub title: String,
    /// Where the document comes from.
    pub source: String,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Where it can be found online, if known.
    pub url: Option<String>,
    /// Where the text, deflated, lies in the texts part, and its length inflated: the
    /// readable text of the file, got with [`Index::text`].
    text: StoredText,
    /// Byte ranges `[start, end)` of the headings in the text.
    pub headings: Vec<[u32; 2]>,
    /// Number of words (positions) in the text.
    pub words: u32,
    /// `checkpoints[k]`: the byte offset of the word at position `(k + 1) ·` [`CHECKPOINT_EVERY`],
    /// where segmenting may start to find the words near a position.
    #[serde(with = "increasing")]
    pub checkpoints: Vec<u32>,
}

/// Where a document's text lies: its block in the texts part, deflated, and its place in the
/// inflated block.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
struct StoredText {
    /// The block's deflated bytes: `texts[start..end]`.
    start: u32,
    end: u32,
    /// The text's bytes in the inflated block.
    offset: u32,
    length: u32,
}

/// How many words apart the checkpoints of a document's text are.
pub const CHECKPOINT_EVERY: u32 = 64;

/// The occurrences of one term in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Posting {
    /// The document.
    pub doc: DocId,
    /// Sorted word positions of the term in the document's text.
    pub positions: Vec<u32>,
}

/// A searchable, serializable collection of documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Index {
    title: Option<String>,
    documents: Vec<Document>,
    /// Folded terms, sorted, so that prefixes are contiguous ranges.
    terms: Strings,
    /// The postings of every term, encoded (see [`encode_postings`]) one after the other:
    /// `posting_ends[term - 1]..posting_ends[term]` holds a term's.
    #[serde(with = "increasing")]
    posting_ends: Vec<u32>,
    /// The blocks the postings are deflated in, by first term.
    posting_blocks: Vec<PostingBlock>,
    /// `document_frequencies[term]`: in how many documents the term occurs.
    document_frequencies: Vec<u32>,
    /// `occurrences[term]`: how many times the term occurs in the whole corpus.
    occurrences: Vec<u32>,
    /// Stems with the terms that share them, sorted by stem.
    stems: Strings,
    /// `stem_terms[stem_ends[i - 1]..stem_ends[i]]`: the terms of stem `i`.
    stem_terms: Vec<TermId>,
    #[serde(with = "increasing")]
    stem_ends: Vec<u32>,
    /// `title_terms[doc]`: sorted ids of the terms of the document's title.
    title_terms: Vec<Vec<TermId>>,
    average_words: f32,
    /// The postings part: the blocks of `posting_blocks`, deflated.
    #[serde(skip)]
    postings: Cow<'static, [u8]>,
    /// The posting blocks inflated so far; `None` for one that could not be.
    #[serde(skip)]
    inflated_postings: Cache<Option<Vec<u8>>>,
    /// The texts part: the documents' texts deflated in blocks.
    #[serde(skip)]
    texts: Cow<'static, [u8]>,
    /// The texts inflated so far.
    #[serde(skip)]
    inflated: Cache<String>,
}

/// Where a block of postings starts: its first term, the end of its deflated bytes in the
/// postings part (it starts where the previous one ends), and its offset in the postings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
struct PostingBlock {
    first_term: TermId,
    deflated_end: u32,
    start: u32,
}

/// What has been inflated so far, one slot per block or document. A cache: it takes no part
/// in equality.
#[derive(Clone)]
struct Cache<T>(Vec<OnceLock<T>>);

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache(Vec::new())
    }
}

impl<T> Cache<T> {
    fn empty(slots: usize) -> Self {
        Cache((0..slots).map(|_| OnceLock::new()).collect())
    }
}

impl<T> PartialEq for Cache<T> {
    fn eq(&self, _: &Cache<T>) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Cache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inflated = self.0.iter().filter(|t| t.get().is_some()).count();
        write!(f, "Cache({inflated} of {} inflated)", self.0.len())
    }
}

impl Index {
    /// The corpus title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id.
    pub fn document_by_id(&self, id: &str) -> Option<(DocId, &Document)> {
        self.documents
            .iter()
            .enumerate()
            .find(|(_, d)| d.id == id)
            .map(|(i, d)| (i as DocId, d))
    }

    /// The document with this number. Panics if out of range, which a caller holding a
    /// [`DocId`] from this index cannot be.
    pub fn document(&self, doc: DocId) -> &Document {
        &self.documents[doc as usize]
    }

    /// The text of a document: the file's, or the readable text of a marked-up file. It is
    /// inflated on first use and kept; only a damaged index makes this fail.
    pub fn text(&self, doc: DocId) -> Result<&str, Error> {
        let slot = &self.inflated.0[doc as usize];
        if let Some(text) = slot.get() {
            return Ok(text);
        }
        let text = self.inflate_text(doc)?;
        Ok(slot.get_or_init(|| text))
    }

    /// Inflates the block that holds a document's text, keeps the texts of the block's other
    /// documents not yet kept, and returns the document's.
    fn inflate_text(&self, doc: DocId) -> Result<String, Error> {
        let document = self.document(doc);
        let stored = document.text;
        let damaged = || {
            Error::InvalidIndex(format!(
                "the index is damaged: the text of {} cannot be read",
                document.id
            ))
        };
        if stored.length == 0 {
            return Ok(String::new());
        }
        let deflated = self
            .texts
            .get(stored.start as usize..stored.end as usize)
            .ok_or_else(damaged)?;
        let block = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BODY_BYTES)
            .map_err(|_| damaged())?;
        let text_of = |document: &Document| -> Option<String> {
            let StoredText { offset, length, .. } = document.text;
            let bytes = block.get(offset as usize..offset as usize + length as usize)?;
            let text = std::str::from_utf8(bytes).ok()?;
            let fits = |at: u32| text.is_char_boundary(at as usize);
            let headings_fit = document
                .headings
                .iter()
                .all(|&[s, e]| s <= e && fits(s) && fits(e));
            headings_fit.then(|| text.to_string())
        };
        let text = text_of(document).ok_or_else(damaged)?;
        // The block's documents are consecutive.
        let in_block = |d: usize| {
            let other = self.documents[d].text;
            other.start == stored.start && other.length > 0
        };
        let (mut first, mut last) = (doc as usize, doc as usize);
        while first > 0 && in_block(first - 1) {
            first -= 1;
        }
        while last + 1 < self.documents.len() && in_block(last + 1) {
            last += 1;
        }
        for other in (first..=last).filter(|&d| d != doc as usize) {
            let slot = &self.inflated.0[other];
            if slot.get().is_none() {
                if let Some(text) = text_of(&self.documents[other]) {
                    let _ = slot.set(text);
                }
            }
        }
        Ok(text)
    }

    /// The byte ranges of the words at positions `start..end` of a document (fewer if the text
    /// ends first), found by segmenting from the nearest checkpoint only; none if the text
    /// cannot be read.
    pub fn spans(&self, doc: DocId, start: u32, end: u32) -> Vec<std::ops::Range<usize>> {
        let Ok(text) = self.text(doc) else {
            return Vec::new();
        };
        let document = self.document(doc);
        let k = (start / CHECKPOINT_EVERY) as usize;
        let (offset, first) = match k.checked_sub(1).and_then(|i| document.checkpoints.get(i)) {
            Some(&offset) if text.is_char_boundary(offset as usize) => {
                (offset as usize, k as u32 * CHECKPOINT_EVERY)
            }
            _ => (0, 0),
        };
        word_spans_from(text, offset)
            .skip((start - first) as usize)
            .take(end.saturating_sub(start) as usize)
            .collect()
    }

    /// The sorted term dictionary.
    pub fn terms(&self) -> &Strings {
        &self.terms
    }

    /// The id of a folded term, if the corpus has it.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.find(term).map(|i| i as TermId)
    }

    /// The text of a term.
    pub fn term(&self, term: TermId) -> &str {
        self.terms.get(term as usize)
    }

    /// The occurrences of a term, sorted by document; an error when its block of postings
    /// cannot be inflated (the index is damaged).
    pub fn postings(&self, term: TermId) -> Result<Vec<Posting>, Error> {
        Ok(decode_postings(self.posting_bytes(term)?, &self.documents))
    }

    /// The occurrences of a term, sorted by document, positions still encoded; an error when
    /// its block of postings cannot be inflated (the index is damaged).
    pub fn posting_refs(&self, term: TermId) -> Result<Vec<PostingRef<'_>>, Error> {
        Ok(posting_refs(self.posting_bytes(term)?, &self.documents))
    }

    /// A term's encoded postings, from its block, inflated if it is not yet.
    fn posting_bytes(&self, term: TermId) -> Result<&[u8], Error> {
        let t = term as usize;
        let start = if t == 0 { 0 } else { self.posting_ends[t - 1] };
        let end = self.posting_ends[t];
        let b = self
            .posting_blocks
            .partition_point(|block| block.first_term <= term)
            .saturating_sub(1);
        let Some(block) = self.posting_blocks.get(b) else {
            return Ok(&[]);
        };
        // A block that cannot be inflated is kept as `None`, so it is tried once.
        let inflated = self.inflated_postings.0[b].get_or_init(|| {
            let deflated_start = match b {
                0 => 0,
                _ => self.posting_blocks[b - 1].deflated_end,
            };
            let length = self.posting_block_end(b).saturating_sub(block.start);
            self.postings
                .get(deflated_start as usize..block.deflated_end as usize)
                .and_then(|deflated| {
                    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, length as usize)
                        .ok()
                })
                .filter(|bytes| bytes.len() == length as usize)
        });
        let range =
            start.saturating_sub(block.start) as usize..end.saturating_sub(block.start) as usize;
        inflated
            .as_ref()
            .and_then(|bytes| bytes.get(range))
            .ok_or_else(|| {
                Error::InvalidIndex("the index is damaged: some postings cannot be read".into())
            })
    }

    /// Where block `b` of the postings ends: where the next starts, or at the end of all.
    fn posting_block_end(&self, b: usize) -> u32 {
        match self.posting_blocks.get(b + 1) {
            Some(next) => next.start,
            None => self.posting_ends.last().copied().unwrap_or(0),
        }
    }

    /// How many times a term occurs in the whole corpus.
    pub fn occurrences(&self, term: TermId) -> u32 {
        self.occurrences[term as usize]
    }

    /// In how many documents a term occurs.
    pub fn document_frequency(&self, term: TermId) -> u32 {
        self.document_frequencies[term as usize]
    }

    /// The ids of the terms whose folded text starts with `prefix`, in term order.
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<TermId> {
        let start = self.terms.partition_point(|t| t < prefix);
        let end = self
            .terms
            .partition_point(|t| t < prefix || t.starts_with(prefix));
        start as TermId..end as TermId
    }

    /// The terms whose stem is `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[TermId] {
        match self.stems.find(stem) {
            Some(i) => {
                let start = if i == 0 {
                    0
                } else {
                    self.stem_ends[i - 1] as usize
                };
                &self.stem_terms[start..self.stem_ends[i] as usize]
            }
            None => &[],
        }
    }

    /// Whether a term occurs in a document's title.
    pub fn in_title(&self, doc: DocId, term: TermId) -> bool {
        self.title_terms[doc as usize].binary_search(&term).is_ok()
    }

    /// The average number of words in a document.
    pub fn average_words(&self) -> f32 {
        self.average_words
    }

    /// The index as bytes: [`MAGIC`], [`FORMAT_VERSION`], the lengths of the deflated core and
    /// of the postings part (little endian), then the three parts.
    pub fn to_bytes(&self) -> Vec<u8> {
        let serialized = self.serialize();
        let mut bytes = Vec::with_capacity(serialized.len() as usize);
        serialized
            .write_to(&mut bytes)
            .expect("writing to memory does not fail");
        bytes
    }

    /// The index ready to be written, as [`Index::to_bytes`] would give it, without copying
    /// its postings and texts: its length is known before a byte is written.
    pub fn serialize(&self) -> Serialized<'_> {
        let core = postcard::to_allocvec(self).expect("an index always serializes");
        let core = deflate(&core);
        let mut head = Vec::with_capacity(HEADER_BYTES + core.len());
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&(core.len() as u32).to_le_bytes());
        head.extend_from_slice(&(self.postings.len() as u32).to_le_bytes());
        head.extend_from_slice(&core);
        Serialized {
            head,
            postings: &self.postings,
            texts: &self.texts,
        }
    }

    /// Reads an index written by [`Index::to_bytes`] of this format version, copying its
    /// postings and texts.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, Error> {
        let parts = parts(bytes)?;
        let (postings, texts) = (parts.postings.to_vec(), parts.texts.to_vec());
        Index::from_parts(&inflate_core(parts.core)?, postings.into(), texts.into())
    }

    /// Reads an index written by [`Index::to_bytes`], taking over its bytes: the texts stay
    /// where they are in the buffer (moved to its start) and only the postings are copied, so
    /// opening costs little more memory than the bytes themselves.
    pub fn from_vec(mut bytes: Vec<u8>) -> Result<Index, Error> {
        let (core, postings, texts_start) = {
            let parts = parts(&bytes)?;
            let texts_start = bytes.len() - parts.texts.len();
            (
                inflate_core(parts.core)?,
                parts.postings.to_vec(),
                texts_start,
            )
        };
        bytes.drain(..texts_start);
        Index::from_parts(&core, postings.into(), bytes.into())
    }

    /// Reads an index from its three [`parts`], the core already inflated.
    fn from_parts(
        core: &[u8],
        postings: Cow<'static, [u8]>,
        texts: Cow<'static, [u8]>,
    ) -> Result<Index, Error> {
        let mut index: Index = postcard::from_bytes(core)
            .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))?;
        index.inflated = Cache::empty(index.documents.len());
        index.inflated_postings = Cache::empty(index.posting_blocks.len());
        index.postings = postings;
        index.texts = texts;
        index.check()?;
        Ok(index)
    }

    /// Checks the invariants every lookup relies on, so that damaged bytes fail here and not
    /// as a panic later.
    fn check(&self) -> Result<(), Error> {
        let damaged =
            |what: &str| Err(Error::InvalidIndex(format!("the index is damaged: {what}")));
        let doc_count = self.documents.len() as u32;
        let term_count = self.terms.len() as u32;
        if self.posting_ends.len() != self.terms.len()
            || self.document_frequencies.len() != self.terms.len()
            || self.occurrences.len() != self.terms.len()
        {
            return damaged("postings and terms differ in number");
        }
        let ends_ok = self.posting_ends.windows(2).all(|w| w[0] <= w[1]);
        let term_start = |t: TermId| match t {
            0 => Some(0),
            _ => self.posting_ends.get(t as usize - 1).copied(),
        };
        let blocks_ok =
            self.posting_blocks
                .first()
                .is_none_or(|b| b.first_term == 0)
                && (self.posting_blocks.is_empty() == self.posting_ends.is_empty())
                && self.posting_blocks.windows(2).all(|w| {
                    w[0].first_term < w[1].first_term && w[0].deflated_end <= w[1].deflated_end
                })
                && self.posting_blocks.iter().all(|b| {
                    b.first_term < term_count && term_start(b.first_term) == Some(b.start)
                })
                && self
                    .posting_blocks
                    .last()
                    .is_none_or(|b| b.deflated_end as usize == self.postings.len());
        if !ends_ok || !blocks_ok {
            return damaged("posting offsets are out of order or out of range");
        }
        if self.title_terms.len() != self.documents.len() {
            return damaged("title terms and documents differ in number");
        }
        if !self.terms.is_valid() || !self.stems.is_valid() {
            return damaged("the term or stem dictionary is not sorted or out of range");
        }
        let stem_ends_ok = self.stem_ends.len() == self.stems.len()
            && self.stem_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .stem_ends
                .last()
                .is_none_or(|&e| e as usize == self.stem_terms.len());
        if !stem_ends_ok {
            return damaged("stem offsets are out of order or out of range");
        }
        // Postings are checked as they are decoded (see `decode_postings`).
        let postings_ok = doc_count > 0 || self.posting_ends.last().is_none_or(|&e| e == 0);
        let ids_ok = self.stem_terms.iter().all(|&t| t < term_count)
            && self.title_terms.iter().flatten().all(|&t| t < term_count);
        // Headings are checked when a text is inflated (see `Index::text`).
        let texts_ok = self
            .documents
            .iter()
            .all(|d| d.text.start <= d.text.end && d.text.end as usize <= self.texts.len());
        if !postings_ok || !ids_ok || !texts_ok {
            return damaged("an entry points outside the index");
        }
        Ok(())
    }
}

/// An index as bytes, in the three pieces it is written from (see [`Index::serialize`]).
#[derive(Debug)]
pub struct Serialized<'a> {
    /// The header and the deflated core.
    head: Vec<u8>,
    postings: &'a [u8],
    texts: &'a [u8],
}

impl Serialized<'_> {
    /// How many bytes the index takes.
    pub fn len(&self) -> u64 {
        (self.head.len() + self.postings.len() + self.texts.len()) as u64
    }

    /// Never: an index has at least its header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the index to `out`.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(&self.head)?;
        out.write_all(self.postings)?;
        out.write_all(self.texts)
    }
}

/// The parts of a serialized index: the core, deflated (raw DEFLATE, RFC 1951), the postings
/// and the texts, each deflated in blocks.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The deflated core.
    pub core: &'a [u8],
    /// The postings part.
    pub postings: &'a [u8],
    /// The texts part.
    pub texts: &'a [u8],
}

/// The [`Parts`] of a serialized index, after checking its header.
pub fn parts(bytes: &[u8]) -> Result<Parts<'_>, Error> {
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(Error::InvalidIndex(
            "these bytes are not a corpus index (wrong magic number)".into(),
        ));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(Error::InvalidIndex(format!(
            "index format version {version} is not supported; this viewer reads version {FORMAT_VERSION}; rebuild the corpus"
        )));
    }
    let length = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let split = (|| {
        let rest = bytes.get(HEADER_BYTES..)?;
        let (core, rest) = rest.split_at_checked(length(6)?)?;
        let (postings, texts) = rest.split_at_checked(length(10)?)?;
        Some(Parts {
            core,
            postings,
            texts,
        })
    })();
    split.ok_or_else(|| {
        Error::InvalidIndex("the index is damaged: it is shorter than its header says".into())
    })
}

/// Raw DEFLATE of `bytes` at [`DEFLATE_LEVEL`], with zlib-rs, which gives the same bytes
/// natively and in Wasm.
#[cfg(feature = "indexer")]
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let level = flate2::Compression::new(u32::from(DEFLATE_LEVEL));
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), level);
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("deflating into memory does not fail")
}

/// Raw DEFLATE of `bytes` at [`DEFLATE_LEVEL`], for an engine built without the indexer (a
/// page does not build indexes, but may).
#[cfg(not(feature = "indexer"))]
fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, DEFLATE_LEVEL)
}

fn inflate_core(deflated: &[u8]) -> Result<Vec<u8>, Error> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BODY_BYTES)
        .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))
}

/// Appends postings (sorted by document, positions sorted) as variable-length integers: for
/// each document, the gap from the previous document, the number of positions, the byte length
/// of the positions, then the gaps between positions (the first from 0). The length lets a
/// reader skip positions it does not need.
pub fn encode_postings(postings: &[Posting], out: &mut Vec<u8>) {
    let mut previous_doc = 0;
    let mut gaps = Vec::new();
    for (i, posting) in postings.iter().enumerate() {
        let gap = if i == 0 {
            posting.doc
        } else {
            posting.doc - previous_doc
        };
        previous_doc = posting.doc;
        write_varint(out, gap);
        write_varint(out, posting.positions.len() as u32);
        gaps.clear();
        let mut previous = 0;
        for &position in &posting.positions {
            write_varint(&mut gaps, position - previous);
            previous = position;
        }
        write_varint(out, gaps.len() as u32);
        out.extend_from_slice(&gaps);
    }
}

/// One document's entry in a term's postings, its positions still encoded.
#[derive(Debug, Clone, Copy)]
pub struct PostingRef<'a> {
    /// The document.
    pub doc: DocId,
    /// How many times the term occurs in it.
    pub tf: u32,
    /// The words in the document, which every position must be below.
    words: u32,
    positions: &'a [u8],
}

impl PostingRef<'_> {
    /// The positions, sorted; those that do not fit the document (damage) are left out.
    pub fn positions(&self) -> Vec<u32> {
        let mut bytes = self.positions;
        let mut out = Vec::with_capacity(self.tf as usize);
        let mut position: u32 = 0;
        for i in 0..self.tf {
            let Some(step) = read_varint(&mut bytes) else {
                break;
            };
            match position.checked_add(step) {
                Some(p) if p < self.words && (i == 0 || step > 0) => position = p,
                _ => break,
            }
            out.push(position);
        }
        out
    }
}

/// Reads the entries of postings written by [`encode_postings`], leaving positions encoded.
/// Damaged bytes never panic: reading stops at the first entry that does not fit `documents`
/// (a document that does not exist, a truncated number or length).
pub fn posting_refs<'a>(mut bytes: &'a [u8], documents: &[Document]) -> Vec<PostingRef<'a>> {
    let mut out = Vec::new();
    let mut doc: u32 = 0;
    while !bytes.is_empty() {
        let Some(gap) = read_varint(&mut bytes) else {
            break;
        };
        let next = if out.is_empty() {
            Some(gap)
        } else {
            doc.checked_add(gap).filter(|_| gap > 0)
        };
        let Some((next, document)) =
            next.and_then(|d| documents.get(d as usize).map(|doc| (d, doc)))
        else {
            break;
        };
        doc = next;
        let (Some(tf), Some(length)) = (read_varint(&mut bytes), read_varint(&mut bytes)) else {
            break;
        };
        let Some((positions, rest)) = bytes.split_at_checked(length as usize) else {
            break;
        };
        bytes = rest;
        out.push(PostingRef {
            doc,
            tf,
            words: document.words,
            positions,
        });
    }
    out
}

/// Reads postings written by [`encode_postings`], positions decoded (see [`posting_refs`]).
pub fn decode_postings(bytes: &[u8], documents: &[Document]) -> Vec<Posting> {
    posting_refs(bytes, documents)
        .into_iter()
        .map(|r| Posting {
            doc: r.doc,
            positions: r.positions(),
        })
        .collect()
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Serializes a list of offsets that never decrease as the differences between neighbours:
/// small numbers, which take one or two bytes each instead of three or four, and deflate
/// better. A list that does decrease is written as if each such step were zero; reading never
/// overflows.
mod increasing {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(list: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut previous = 0;
        let steps: Vec<u32> = list
            .iter()
            .map(|&value| {
                let step = value.saturating_sub(previous);
                previous = value.max(previous);
                step
            })
            .collect();
        steps.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        let steps = Vec::<u32>::deserialize(deserializer)?;
        let mut value: u32 = 0;
        steps
            .into_iter()
            .map(|step| {
                value = value
                    .checked_add(step)
                    .ok_or_else(|| serde::de::Error::custom("an offset overflows"))?;
                Ok(value)
            })
            .collect()
    }
}

/// A sorted list of strings kept as one string and the end offset of each, so that reading
/// an index allocates once for the whole list rather than once per string.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Strings {
    text: String,
    #[serde(with = "increasing")]
    ends: Vec<u32>,
}

impl Strings {
    fn from_sorted<S: AsRef<str>>(strings: impl IntoIterator<Item = S>) -> Strings {
        let mut list = Strings::default();
        for s in strings {
            list.text.push_str(s.as_ref());
            list.ends.push(list.text.len() as u32);
        }
        list
    }

    /// How many strings there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The string at `i`. Panics if `i` is out of range.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The strings, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Where `s` is, if it is there.
    pub fn find(&self, s: &str) -> Option<usize> {
        let i = self.partition_point(|t| t < s);
        (i < self.len() && self.get(i) == s).then_some(i)
    }

    /// The number of strings for which `before` holds, all of which come first.
    pub fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if before(self.get(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether the offsets fit the text on character boundaries and the strings are sorted.
    fn is_valid(&self) -> bool {
        let mut start = 0usize;
        for &end in &self.ends {
            let end = end as usize;
            if end < start || !self.text.is_char_boundary(end) {
                return false;
            }
            start = end;
        }
        start == self.text.len() && (1..self.len()).all(|i| self.get(i - 1) < self.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use std::collections::BTreeSet;

    fn sample() -> Index {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        for (id, text) in [
            ("a", "Protests in Gaza.\nGaza protesters protested."),
            ("b", "A speech about Palestine and protesting."),
        ] {
            builder
                .add(NewDocument {
                    id: id.into(),
                    title: text.lines().next().unwrap().into(),
                    source: format!("{id}.txt"),
                    date: None,
                    url: None,
                    text: text.into(),
                    headings: vec![],
                })
                .unwrap();
        }
        builder.finish().unwrap()
    }

    #[test]
    fn postings_hold_sorted_positions_per_document() {
        let index = sample();
        let gaza = index.term_id("gaza").unwrap();
        assert_eq!(
            index.postings(gaza).unwrap(),
            [Posting {
                doc: 0,
                positions: vec![2, 3]
            }]
        );
        assert_eq!(index.document(0).words, 6);
        assert_eq!(
            (index.occurrences(gaza), index.document_frequency(gaza)),
            (2, 1)
        );
        assert_eq!(index.average_words(), 6.0);
    }

    #[test]
    fn prefix_ranges_and_stem_groups() {
        let index = sample();
        let names =
            |ids: Vec<TermId>| -> Vec<&str> { ids.into_iter().map(|t| index.term(t)).collect() };
        assert_eq!(
            names(index.terms_with_prefix("protest").collect()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.terms_with_prefix("zzz").is_empty());
        assert_eq!(
            names(index.terms_with_stem("protest").to_vec()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.in_title(0, index.term_id("gaza").unwrap()));
        assert!(!index.in_title(1, index.term_id("gaza").unwrap()));
    }

    #[test]
    fn postings_round_trip_and_damaged_postings_stop_decoding() {
        let documents: Vec<Document> = (0..3)
            .map(|i| Document {
                id: format!("d{i}"),
                title: String::new(),
                source: String::new(),
                date: None,
                url: None,
                text: StoredText::default(),
                headings: vec![],
                words: 1000,
                checkpoints: vec![],
            })
            .collect();
        let postings = vec![
            Posting {
                doc: 0,
                positions: vec![0, 5, 300],
            },
            Posting {
                doc: 2,
                positions: vec![999],
            },
        ];
        let mut bytes = Vec::new();
        encode_postings(&postings, &mut bytes);
        assert_eq!(decode_postings(&bytes, &documents), postings);
        assert_eq!(
            decode_postings(&bytes[..bytes.len() - 1], &documents),
            postings[..1]
        );
        let refs = posting_refs(&bytes, &documents);
        assert_eq!(
            (refs[0].doc, refs[0].tf, refs[1].doc, refs[1].tf),
            (0, 3, 2, 1)
        );
        assert!(
            decode_postings(&[0xFF; 8], &documents).is_empty(),
            "an overlong number"
        );
        assert!(
            decode_postings(&[7, 1, 0], &documents).is_empty(),
            "no document 7"
        );
        assert!(
            decode_postings(&[0, 1, 0xE8, 0x07], &documents).is_empty(),
            "position 1000 of 1000"
        );
    }

    #[test]
    fn adding_all_at_once_builds_what_adding_one_by_one_does() {
        let analyzer = Analyzer::new();
        let documents: Vec<NewDocument> = (0..9)
            .map(|i| NewDocument {
                id: format!("d{i}"),
                title: format!("Title {i}"),
                source: String::new(),
                date: None,
                url: None,
                text: format!("Word{i} and café, {i} times. ").repeat(i * 40),
                headings: vec![],
            })
            .collect();
        let mut one_by_one = IndexBuilder::new(&analyzer);
        for document in documents.clone() {
            one_by_one.add(document).unwrap();
        }
        let mut at_once = IndexBuilder::new(&analyzer);
        at_once.add_all(documents.clone()).unwrap();
        assert_eq!(
            at_once.finish().unwrap().to_bytes(),
            one_by_one.finish().unwrap().to_bytes()
        );

        let mut twice = IndexBuilder::new(&analyzer);
        let mut batch = documents[..3].to_vec();
        batch.push(documents[1].clone());
        assert!(matches!(twice.add_all(batch), Err(Error::DuplicateId(id)) if id == "d1"));
        assert!(twice.documents.is_empty(), "nothing was added");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        let doc = NewDocument {
            id: "x".into(),
            title: "t".into(),
            source: "s".into(),
            date: None,
            url: None,
            text: "t".into(),
            headings: vec![],
        };
        builder.add(doc.clone()).unwrap();
        assert!(matches!(builder.add(doc), Err(Error::DuplicateId(id)) if id == "x"));
    }

    #[test]
    fn bytes_round_trip_and_damage_is_reported() {
        let index = sample();
        let bytes = index.to_bytes();
        assert_eq!(Index::from_bytes(&bytes).unwrap(), index);

        let cases: &[(&str, Vec<u8>, &str)] = &[
            ("empty", vec![], "not a corpus index"),
            (
                "wrong magic",
                b"NOPE\x01\x00".to_vec(),
                "not a corpus index",
            ),
            (
                "future version",
                [&MAGIC[..], &[9, 0]].concat(),
                "version 9 is not supported",
            ),
            ("truncated", bytes[..bytes.len() / 2].to_vec(), "damaged"),
            (
                "not deflated",
                [&MAGIC[..], &FORMAT_VERSION.to_le_bytes(), b"plain bytes"].concat(),
                "damaged",
            ),
        ];
        for (name, input, expected) in cases {
            let message = Index::from_bytes(input).unwrap_err().to_string();
            assert!(message.contains(expected), "{name}: {message}");
        }
    }

    /// Seven documents, "Document i says wordi." repeated 1500·i times: several blocks of
    /// postings and of texts.
    fn blocks() -> (Vec<String>, Index) {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        let texts: Vec<String> = (0..7)
            .map(|i| format!("Document {i} says word{i}. ").repeat(i * 1500))
            .collect();
        for (i, text) in texts.iter().enumerate() {
            let doc = NewDocument {
                id: format!("d{i}"),
                title: format!("Document {i}"),
                source: String::new(),
                date: None,
                url: None,
                text: text.clone(),
                headings: vec![],
            };
            builder.add(doc).unwrap();
        }
        (texts, builder.finish().unwrap())
    }

    #[test]
    fn postings_are_inflated_by_block_when_read_and_damage_is_reported_when_read() {
        let (_, built) = blocks();
        let bytes = built.to_bytes();
        let read = Index::from_bytes(&bytes).unwrap();
        assert!(read.posting_blocks.len() > 1, "{:?}", read.posting_blocks);
        for term in (0..read.terms.len() as TermId).rev() {
            assert_eq!(
                read.postings(term).unwrap(),
                built.postings(term).unwrap(),
                "{}",
                read.term(term)
            );
        }
        let word6 = read.term_id("word6").unwrap();
        assert_eq!(read.postings(word6).unwrap()[0].positions.len(), 6 * 1500);

        // The first block garbled: the index opens, reading its terms fails, and says why,
        // every time it is asked; the other blocks still read.
        let core = parts(&bytes).unwrap().core.len();
        let mut damaged = bytes.clone();
        damaged[HEADER_BYTES + core..HEADER_BYTES + core + 8].fill(0xFF);
        let read = Index::from_bytes(&damaged).unwrap();
        for _ in 0..2 {
            let message = read.postings(0).unwrap_err().to_string();
            assert!(
                message.contains("some postings cannot be read"),
                "{message}"
            );
        }
        let last = read.terms.len() as TermId - 1;
        assert_eq!(read.postings(last).unwrap(), built.postings(last).unwrap());
    }

    #[test]
    fn texts_are_inflated_by_block_when_read_and_damage_is_reported_when_read() {
        let (texts, built) = blocks();
        let bytes = built.to_bytes();
        let read = Index::from_bytes(&bytes).unwrap();
        let blocks: BTreeSet<u32> = read.documents.iter().map(|d| d.text.start).collect();
        assert!(blocks.len() > 2, "{} blocks", blocks.len());
        for doc in [4, 0, 6, 5, 1, 3, 2] {
            assert_eq!(read.text(doc).unwrap(), texts[doc as usize], "d{doc}");
        }

        // The last block's deflated bytes garbled: the index opens, that block fails alone.
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last - 4..].fill(0xFF);
        let read = Index::from_bytes(&damaged).unwrap();
        assert_eq!(read.text(1).unwrap(), texts[1]);
        let message = read.text(6).unwrap_err().to_string();
        assert!(
            message.contains("the text of d6 cannot be read"),
            "{message}"
        );
        assert!(read.spans(6, 0, 3).is_empty());
        assert_eq!(read.text(0).unwrap(), "", "an empty text needs no block");

        // Cut short: the header promises more core than there is.
        let message = Index::from_bytes(&bytes[..20]).unwrap_err().to_string();
        assert!(
            message.contains("shorter than its header says"),
            "{message}"
        );
    }
}
