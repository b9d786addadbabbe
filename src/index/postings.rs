//! Postings: where each term occurs, as variable-length integers, in blocks of consecutive
//! terms deflated together and inflated the first time a query reads one of their terms.
//!
//! A term whose postings take [`APART_FROM_BYTES`] or more keeps its positions apart, in the
//! positions part: its postings say, in columns, the documents, how often it occurs in each and
//! how many bytes its positions take there, so that a search that ranks by those counts reads a
//! tenth of the bytes, and the passages of its first hits read the positions of those documents
//! alone.

use serde::{Deserialize, Serialize};

use super::chunks::{Part, Unreadable};
use super::fetches::{Fetches, PartOf};
use super::store::Cache;
use super::{DocId, Documents, Index, TermId};
use crate::error::Error;

/// The postings in a block of terms, deflated together, once they reach this many bytes: a
/// block is a chunk of a chunked index, and a word reads its block whole however few of its
/// bytes are the word's. At 1 GB of text, blocks of 32 KiB rather than 64 make a cold query
/// read 367 KiB rather than 388 (median; several words 433 rather than 504, typos 543
/// rather than 661), for a manifest 5% larger; the Brown corpus's single page is 0.07% larger.
pub(super) const POSTING_BLOCK_BYTES: usize = 32 * 1024;

/// A term whose postings take this many bytes or more, positions included, keeps its
/// positions in the positions part: a word in most documents of a large corpus, whose
/// positions are most of its bytes.
pub(super) const APART_FROM_BYTES: usize = 64 * 1024;

/// The positions part's blocks close at the first document's end that makes them this many
/// bytes or more: a document's positions lie in one block, and the passages of ten hits read
/// ten blocks at most. A block deflates to 16 to 28 KiB, a chunk of its own (see
/// [`super::CHUNK_BYTES`]).
pub(super) const POSITION_BLOCK_BYTES: usize = 32 * 1024;

/// The occurrences of one term in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Posting {
    /// The document.
    pub doc: DocId,
    /// Sorted word positions of the term in the document's text.
    pub positions: Vec<u32>,
}

/// Where a term's postings are read from: see [`Index::postings_chunk`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PostingsChunk {
    /// A block of postings, by its place.
    Block(usize),
    /// The section of postings held inline of a shard of the dictionary, by the shard's place.
    Section(usize),
}

/// Where a block of postings starts: its first term, the end of its deflated bytes in the
/// postings part (it starts where the previous one ends), and its offset in the postings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct PostingBlock {
    pub(super) first_term: TermId,
    pub(super) deflated_end: u32,
    pub(super) start: u32,
}

/// Where a block of the positions part starts: the end of its deflated bytes (it starts where
/// the previous one ends) and its offset in the positions, inflated.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct PositionBlock {
    pub(super) deflated_end: u32,
    pub(super) start: u32,
}

impl Index {
    /// The occurrences of a term, sorted by document; an error when its block of postings
    /// or of positions cannot be inflated (the index is damaged).
    pub fn postings(&self, term: TermId) -> Result<Vec<Posting>, Error> {
        self.posting_refs(term)?
            .into_iter()
            .map(|r| {
                Ok(Posting {
                    doc: r.doc,
                    positions: r.positions()?,
                })
            })
            .collect()
    }

    /// The occurrences of a term, sorted by document, positions still encoded (and, for a term
    /// that keeps them apart, not yet read); an error when its block of postings cannot be
    /// inflated (the index is damaged).
    pub fn posting_refs(&self, term: TermId) -> Result<Vec<PostingRef<'_>>, Error> {
        let bytes = self.posting_bytes(term)?;
        let lengths = self.lengths();
        let words = |d: usize| lengths[d][0];
        let (start, end) = self.position_range(term);
        if start == end {
            return Ok(read_refs(bytes, lengths.len(), words));
        }
        let apart = Apart {
            index: self,
            term,
            at: start,
            end,
        };
        Ok(read_refs_apart(bytes, lengths.len(), words, apart))
    }

    /// The block of postings that holds a term's, by its place (a chunk of a chunked index);
    /// `None` for a term with none, of titles alone, whose shard of the dictionary has not
    /// arrived, or whose shard holds its postings (see `inline`).
    pub fn posting_block(&self, term: TermId) -> Option<usize> {
        let (start, end) = self.posting_range(term);
        if start == end || self.holds_postings_inline(term) || self.posting_blocks.is_empty() {
            return None;
        }
        Some(self.block_of_term(term))
    }

    /// Where a term's postings are read from (a chunk of a chunked index): a block of
    /// postings, or its shard's section of postings held inline (see `inline`); `None` for
    /// a term with none, of titles alone, or whose shard of the dictionary has not arrived.
    pub fn postings_chunk(&self, term: TermId) -> Option<PostingsChunk> {
        match self.inline_section_of(term) {
            Some(k) => Some(PostingsChunk::Section(k)),
            None => self.posting_block(term).map(PostingsChunk::Block),
        }
    }

    /// The bytes a chunk of postings weighs as read (deflated), arrived or not.
    pub fn postings_chunk_bytes(&self, chunk: PostingsChunk) -> u64 {
        match chunk {
            PostingsChunk::Block(b) => self.posting_block_bytes(b),
            PostingsChunk::Section(k) => self.inline_section_bytes(k),
        }
    }

    /// The bytes a block of postings weighs as read (deflated): what fetching its chunk
    /// costs in a chunked index.
    pub fn posting_block_bytes(&self, b: usize) -> u64 {
        let (start, end) = self.deflated_posting_block(b);
        u64::from(end.saturating_sub(start))
    }

    /// Where block `b` of the postings lies in the postings part, deflated: from where the
    /// block before ends to where it ends (empty for a block past the last).
    pub(super) fn deflated_posting_block(&self, b: usize) -> (u32, u32) {
        let start = match b {
            0 => 0,
            _ => self
                .posting_blocks
                .get(b - 1)
                .map_or(0, |block| block.deflated_end),
        };
        let end = self
            .posting_blocks
            .get(b)
            .map_or(start, |block| block.deflated_end);
        (start, end)
    }

    /// A term's encoded postings, from its block, inflated if it is not yet; or, for a term
    /// held inline (see `inline`), from its shard's section, unless its block has arrived or
    /// is wanted already by this call for another term's postings (a rare form beside a
    /// frequent one), whose bytes hold the same postings.
    pub(super) fn posting_bytes(&self, term: TermId) -> Result<&[u8], Error> {
        let (start, end) = self.posting_range(term);
        if start == end {
            // A term of titles alone, or one whose shard of the dictionary has not arrived.
            return Ok(&[]);
        }
        let b = self.block_of_term(term);
        let Some(block) = self.posting_blocks.get(b) else {
            return Ok(&[]);
        };
        if self.holds_postings_inline(term) && !self.posting_block_at_hand(b) {
            if self.postings.wants(self.deflated_posting_block(b).0) {
                // On its way: read from it once it has arrived.
                return Ok(&[]);
            }
            return match self.inline_postings(term) {
                Some(Ok(inline)) => Ok(inline),
                Some(Err(Unreadable::Damaged)) => Err(Error::InvalidIndex(
                    "the index is damaged: some postings cannot be read".into(),
                )),
                // Not arrived yet: no postings for now, and their chunk is wanted, unless the
                // call wants their block too by the time it is done.
                Some(Err(Unreadable::Wanted)) => {
                    self.note_section_wanted(term, self.deflated_posting_block(b).0);
                    Ok(&[])
                }
                None => Ok(&[]),
            };
        }
        let length = self.posting_block_end(b).saturating_sub(block.start);
        let read = inflated_block(
            &self.postings,
            &self.inflated_postings,
            b,
            self.deflated_posting_block(b),
            length,
        );
        let Some(inflated) = read else {
            // A chunk not yet arrived: no postings for now, and the chunk is wanted.
            return Ok(&[]);
        };
        let range =
            start.saturating_sub(block.start) as usize..end.saturating_sub(block.start) as usize;
        inflated.and_then(|bytes| bytes.get(range)).ok_or_else(|| {
            Error::InvalidIndex("the index is damaged: some postings cannot be read".into())
        })
    }

    /// The block of postings that holds term `term`'s, if it has any.
    pub(super) fn block_of_term(&self, term: TermId) -> usize {
        self.posting_blocks
            .partition_point(|block| block.first_term <= term)
            .saturating_sub(1)
    }

    /// Whether block `b` of the postings can be read without waiting: inflated already, or
    /// its chunk has arrived (or the index is whole).
    pub(super) fn posting_block_at_hand(&self, b: usize) -> bool {
        self.inflated_postings.get(b).is_some()
            || self.postings.has(self.deflated_posting_block(b).0)
    }

    /// Where block `b` of the postings ends: where the next starts, or at the end of all.
    pub(super) fn posting_block_end(&self, b: usize) -> u32 {
        match self.posting_blocks.get(b + 1) {
            Some(next) => next.start,
            None => self.postings_end(),
        }
    }

    /// The bytes `at..at + length` of the positions, from their block, inflated if it is not
    /// yet: empty while its chunk has not arrived (it is then wanted), an error when the block
    /// cannot be inflated or does not hold them (the index is damaged).
    /// Whether the positions at `at` can be read without waiting for a chunk: their block is
    /// inflated already, or its chunk has arrived (or the index is whole). Damaged places
    /// count as at hand, so that reading them says so.
    fn positions_at_hand(&self, at: u32) -> bool {
        let Some((b, deflated_start)) = self.position_block(at) else {
            return true;
        };
        self.inflated_positions.get(b).is_some() || self.positions.has(deflated_start)
    }

    /// The block of the positions part that holds `at`, and where its deflated bytes start;
    /// `None` before the first block (damage).
    fn position_block(&self, at: u32) -> Option<(usize, u32)> {
        let b = self
            .position_blocks
            .partition_point(|block| block.start <= at)
            .checked_sub(1)?;
        let deflated_start = match b {
            0 => 0,
            _ => self.position_blocks[b - 1].deflated_end,
        };
        Some((b, deflated_start))
    }

    fn position_bytes(&self, at: u32, length: u32) -> Result<&[u8], Error> {
        let damaged =
            || Error::InvalidIndex("the index is damaged: some positions cannot be read".into());
        let (b, deflated_start) = self.position_block(at).ok_or_else(damaged)?;
        let block = self.position_blocks[b];
        let end = match self.position_blocks.get(b + 1) {
            Some(next) => next.start,
            None => self.positions_end(),
        };
        let read = inflated_block(
            &self.positions,
            &self.inflated_positions,
            b,
            (deflated_start, block.deflated_end),
            end.saturating_sub(block.start),
        );
        let Some(inflated) = read else {
            return Ok(&[]);
        };
        let from = (at - block.start) as usize;
        inflated
            .and_then(|bytes| bytes.get(from..from.checked_add(length as usize)?))
            .ok_or_else(damaged)
    }
}

/// Block `b` of a part deflated in blocks (`deflated` its range in the part, `length` its
/// length inflated), inflated on first read and kept in `cache`: `None` while its chunk has
/// not arrived (it is then wanted), `Some(None)` when it cannot be inflated (kept so, so that
/// it is tried once).
fn inflated_block<'a>(
    part: &'a Part,
    cache: &'a Cache<Option<Vec<u8>>>,
    b: usize,
    (start, end): (u32, u32),
    length: u32,
) -> Option<Option<&'a [u8]>> {
    let slot = cache.slot(b);
    if let Some(inflated) = slot.get() {
        return Some(inflated.as_deref());
    }
    let deflated = match part.get(start, end) {
        Ok(deflated) => Some(deflated),
        Err(Unreadable::Wanted) => return None,
        Err(Unreadable::Damaged) => None,
    };
    let inflated = slot.get_or_init(|| {
        deflated
            .and_then(|deflated| {
                miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, length as usize).ok()
            })
            .filter(|bytes| bytes.len() == length as usize)
    });
    Some(inflated.as_deref())
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

/// Moves the positions out of postings written by [`encode_postings`], handing each
/// document's positions to `apart`, in order, and appends the rest to `out` in columns: the
/// number of documents, then each document's gap, then each one's number of positions, then
/// each one's length of positions beyond one byte a position (each takes one at least: mostly
/// 0 for a common word, whose positions are close together). Apart, each column deflates to
/// far less than the three interleaved: the gaps of a word in most documents are runs of 1
/// (`in` at 1 GB of text: 205 KB rather than 251). Reading stops at bytes that do not hold
/// together, which the builder never writes.
pub(super) fn split_positions(encoded: &[u8], out: &mut Vec<u8>, mut apart: impl FnMut(&[u8])) {
    let mut bytes = encoded;
    let (mut entries, mut gaps, mut counts, mut beyond) =
        (0u32, Vec::new(), Vec::new(), Vec::new());
    while !bytes.is_empty() {
        let (Some(gap), Some(tf), Some(length)) = (
            read_varint(&mut bytes),
            read_varint(&mut bytes),
            read_varint(&mut bytes),
        ) else {
            break;
        };
        let (Some((positions, rest)), Some(more)) = (
            bytes.split_at_checked(length as usize),
            length.checked_sub(tf),
        ) else {
            break;
        };
        bytes = rest;
        entries += 1;
        write_varint(&mut gaps, gap);
        write_varint(&mut counts, tf);
        write_varint(&mut beyond, more);
        apart(positions);
    }
    write_varint(out, entries);
    out.extend_from_slice(&gaps);
    out.extend_from_slice(&counts);
    out.extend_from_slice(&beyond);
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
    positions: Positions<'a>,
}

/// Where the encoded positions of a [`PostingRef`] are.
#[derive(Clone, Copy)]
enum Positions<'a> {
    /// In the postings, beside the document.
    Here(&'a [u8]),
    /// In the positions part, at `at`, `length` bytes: read when asked for.
    Apart {
        index: &'a Index,
        term: TermId,
        at: u32,
        length: u32,
    },
}

/// The most words a document may have for [`PostingRef::positions_now`] to have its positions
/// found in its text: segmenting 50,000 words (some 300 KB) takes a few milliseconds; a longer
/// text waits for its chunk of positions rather than keep the page busy that much longer.
pub const SCANNED_WORDS_AT_MOST: u32 = 50_000;

/// A posting's positions as a passage may have them now (see [`PostingRef::positions_now`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositionsNow {
    /// Read, from the postings or the positions part.
    Read(Vec<u32>),
    /// Kept apart in a chunk that has not arrived: they are the words of the document's text
    /// that fold to this term (see [`crate::analyze::term_positions`]).
    InText(TermId),
}

impl std::fmt::Debug for Positions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Positions::Here(bytes) => write!(f, "Here({} bytes)", bytes.len()),
            Positions::Apart { at, length, .. } => write!(f, "Apart({at}, {length} bytes)"),
        }
    }
}

impl PostingRef<'_> {
    /// The positions, sorted; those that do not fit the document (damage) are left out. Kept
    /// apart, they are read from their block of the positions part: none while its chunk has
    /// not arrived (it is then wanted, and the call asked again), an error when the block
    /// cannot be read.
    pub fn positions(&self) -> Result<Vec<u32>, Error> {
        let bytes = match self.positions {
            Positions::Here(bytes) => bytes,
            Positions::Apart {
                index, at, length, ..
            } => index.position_bytes(at, length)?,
        };
        Ok(decode_positions(bytes, self.tf, self.words))
    }

    /// Whether its positions are kept apart from the postings, as those of a term in very
    /// many documents are.
    pub fn positions_kept_apart(&self) -> bool {
        matches!(self.positions, Positions::Apart { .. })
    }

    /// Adds to `fetches` the chunk that reading its positions would fetch: one of the
    /// positions part, when they are kept apart there in a chunk not yet arrived.
    pub fn fetch_positions(&self, fetches: &mut Fetches) {
        if let Positions::Apart { index, at, .. } = self.positions {
            if index.positions_at_hand(at) {
                return;
            }
            if let Some((_, deflated_start)) = index.position_block(at) {
                fetches.add(PartOf::Positions, &index.positions, deflated_start);
            }
        }
    }

    /// Adds to `needed` the chunk its positions lie in, when they are kept apart in a chunked
    /// index, whether it has arrived or not: what reading them costs, counted alike however
    /// many times the call is asked again as chunks arrive.
    pub fn count_positions_chunk(&self, needed: &mut Fetches) {
        if let Positions::Apart { index, at, .. } = self.positions {
            if let Some((_, deflated_start)) = index.position_block(at) {
                needed.add_arrived_or_not(PartOf::Positions, &index.positions, deflated_start);
            }
        }
    }

    /// The positions, as [`PostingRef::positions`] reads them when they are at hand; kept
    /// apart in a chunk that has not arrived, the term to find in the document's text
    /// instead, with no chunk wanted, unless the document has more than
    /// [`SCANNED_WORDS_AT_MOST`] words. For passages, which read the text anyway: a word in
    /// most documents then fetches no positions for a page of hits.
    pub fn positions_now(&self) -> Result<PositionsNow, Error> {
        match self.positions {
            Positions::Apart {
                index, term, at, ..
            } if self.words <= SCANNED_WORDS_AT_MOST && !index.positions_at_hand(at) => {
                Ok(PositionsNow::InText(term))
            }
            _ => self.positions().map(PositionsNow::Read),
        }
    }
}

/// `count` positions encoded as gaps, each below `words`; reading stops at the first that
/// does not fit.
fn decode_positions(mut bytes: &[u8], count: u32, words: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(count.min(words) as usize);
    let mut position: u32 = 0;
    for i in 0..count {
        let Some(step) = read_varint(&mut bytes) else {
            break;
        };
        match position.checked_add(step) {
            Some(p) if p < words && (i == 0 || step > 0) => position = p,
            _ => break,
        }
        out.push(position);
    }
    out
}

/// Reads the entries of postings written by [`encode_postings`], leaving positions encoded.
/// Damaged bytes never panic: reading stops at the first entry that does not fit `documents`
/// (a document that does not exist, a truncated number or length).
pub fn posting_refs<'a>(bytes: &'a [u8], documents: &Documents) -> Vec<PostingRef<'a>> {
    let words = documents.word_counts();
    read_refs(bytes, words.len(), |d| words[d])
}

/// [`posting_refs`] over `documents` documents whose numbers of words `words` gives.
fn read_refs<'a>(
    bytes: &'a [u8],
    documents: usize,
    words: impl Fn(usize) -> u32,
) -> Vec<PostingRef<'a>> {
    read_entries(bytes, documents, words, |bytes, _, length| {
        let (positions, rest) = bytes.split_at_checked(length as usize)?;
        *bytes = rest;
        Some(Positions::Here(positions))
    })
}

/// The positions kept apart of a term being read: the index, where the next document's
/// positions start, and where the term's end.
struct Apart<'a> {
    index: &'a Index,
    term: TermId,
    at: u32,
    end: u32,
}

/// [`read_refs`] of a term whose positions are kept apart, its postings in the columns
/// [`split_positions`] writes, its positions from `apart.at` to `apart.end` in the positions
/// part: reading stops at a document that does not fit (as [`read_entries`]) or whose
/// positions would pass the end.
fn read_refs_apart<'a>(
    mut bytes: &'a [u8],
    documents: usize,
    words: impl Fn(usize) -> u32,
    mut apart: Apart<'a>,
) -> Vec<PostingRef<'a>> {
    let Some(entries) = read_varint(&mut bytes) else {
        return Vec::new();
    };
    // No more entries than documents, or than bytes: damage allocates nothing large.
    let entries = (entries as usize).min(documents).min(bytes.len());
    let mut column = || -> Vec<u32> {
        (0..entries)
            .map_while(|_| read_varint(&mut bytes))
            .collect()
    };
    let (gaps, counts, beyond) = (column(), column(), column());
    let mut out = Vec::with_capacity(beyond.len());
    let mut doc: u32 = 0;
    for ((&gap, &tf), &more) in gaps.iter().zip(&counts).zip(&beyond) {
        let Some(next) = next_document(&out, doc, gap, documents) else {
            break;
        };
        let Some(length) = tf.checked_add(more) else {
            break;
        };
        let at = apart.at;
        let Some(end) = at.checked_add(length).filter(|&end| end <= apart.end) else {
            break;
        };
        apart.at = end;
        doc = next;
        out.push(PostingRef {
            doc,
            tf,
            words: words(next as usize),
            positions: Positions::Apart {
                index: apart.index,
                term: apart.term,
                at,
                length,
            },
        });
    }
    out
}

/// The document after `doc` at `gap` (the first entry's gap is its document), when it is
/// one of `documents` and comes later.
fn next_document(read: &[PostingRef], doc: u32, gap: u32, documents: usize) -> Option<u32> {
    let next = if read.is_empty() {
        Some(gap)
    } else {
        doc.checked_add(gap).filter(|_| gap > 0)
    };
    next.filter(|&d| (d as usize) < documents)
}

/// The entries of postings: for each, the document's gap, its number of positions and a
/// number that says their length, then what `positions` makes of the number of positions and
/// that number (reading on from the bytes after them when the positions are there); stops at
/// the first entry that does not fit.
fn read_entries<'a>(
    mut bytes: &'a [u8],
    documents: usize,
    words: impl Fn(usize) -> u32,
    mut positions: impl FnMut(&mut &'a [u8], u32, u32) -> Option<Positions<'a>>,
) -> Vec<PostingRef<'a>> {
    let mut out = Vec::new();
    let mut doc: u32 = 0;
    while !bytes.is_empty() {
        let Some(gap) = read_varint(&mut bytes) else {
            break;
        };
        let Some(next) = next_document(&out, doc, gap, documents) else {
            break;
        };
        doc = next;
        let (Some(tf), Some(length)) = (read_varint(&mut bytes), read_varint(&mut bytes)) else {
            break;
        };
        let Some(found) = positions(&mut bytes, tf, length) else {
            break;
        };
        out.push(PostingRef {
            doc,
            tf,
            words: words(next as usize),
            positions: found,
        });
    }
    out
}

/// Reads postings written by [`encode_postings`], positions decoded (see [`posting_refs`]).
pub fn decode_postings(bytes: &[u8], documents: &Documents) -> Vec<Posting> {
    posting_refs(bytes, documents)
        .into_iter()
        .map(|r| Posting {
            doc: r.doc,
            positions: match r.positions {
                Positions::Here(bytes) => decode_positions(bytes, r.tf, r.words),
                Positions::Apart { .. } => Vec::new(),
            },
        })
        .collect()
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(super) fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::format::HEADER_BYTES;
    use crate::index::parts;
    use crate::index::samples::{blocks, of_texts, sample};
    use crate::index::{Document, DocumentMeta};

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
    fn postings_round_trip_and_damaged_postings_stop_decoding() {
        let documents: Vec<Document> = (0..3)
            .map(|i| Document {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    ..DocumentMeta::default()
                },
                headings: vec![],
                code: vec![],
                words: 1000,
                checkpoints: vec![],
            })
            .collect();
        let documents = Documents::from(&documents[..]);
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
    fn postings_are_inflated_by_block_when_read_and_damage_is_reported_when_read() {
        let (_, built) = blocks();
        let bytes = built.to_bytes();
        let read = Index::from_bytes(&bytes).unwrap();
        assert!(read.posting_blocks.len() > 1, "{:?}", read.posting_blocks);
        for term in (0..read.term_count() as TermId).rev() {
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
        // The first term with postings (a term of titles alone reads none, from no block).
        let first = (0..read.term_count() as TermId)
            .find(|&t| read.posting_range(t).0 < read.posting_range(t).1)
            .unwrap();
        assert_eq!(
            read.posting_range(0),
            (0, 0),
            "'{}' is in titles alone",
            read.term(0)
        );
        for _ in 0..2 {
            let message = read.postings(first).unwrap_err().to_string();
            assert!(
                message.contains("some postings cannot be read"),
                "{message}"
            );
        }
        let last = read.term_count() as TermId - 1;
        assert_eq!(read.postings(last).unwrap(), built.postings(last).unwrap());
    }

    /// 500 documents, document `i` "the word(i % 7)" 150 times: the postings of `the` take
    /// more than [`APART_FROM_BYTES`], those of each `wordN` less.
    fn common() -> Index {
        let texts: Vec<String> = (0..500)
            .map(|i| format!("the word{} ", i % 7).repeat(150))
            .collect();
        of_texts(&texts)
    }

    /// The positions of `the` in each document of [`common`].
    fn every_other() -> Vec<u32> {
        (0..150).map(|j| 2 * j).collect()
    }

    #[test]
    fn a_term_in_most_documents_keeps_its_positions_apart_and_reads_them_the_same() {
        let built = common();
        let the = built.term_id("the").unwrap();
        let word3 = built.term_id("word3").unwrap();
        let (start, end) = built.position_range(the);
        assert!(end - start > 500 * 140, "{start}..{end}");
        assert_eq!(
            built.position_range(word3).0,
            built.position_range(word3).1,
            "a term of few bytes keeps its positions in its postings"
        );
        assert!(
            built.position_blocks.len() > 2,
            "{:?}",
            built.position_blocks
        );
        let (posting_start, posting_end) = built.posting_range(the);
        assert!(
            posting_end - posting_start < (end - start) / 10,
            "the postings of 'the' without their positions: {} bytes",
            posting_end - posting_start
        );
        let read = Index::from_bytes(&built.to_bytes()).unwrap();
        for index in [&built, &read] {
            let postings = index.postings(the).unwrap();
            assert_eq!(postings.len(), 500);
            assert!(postings.iter().all(|p| p.positions == every_other()));
            let refs = index.posting_refs(the).unwrap();
            assert!(refs.iter().all(|r| r.tf == 150));
            assert_eq!(index.postings(word3).unwrap().len(), 71);
            assert_eq!(index.postings(word3).unwrap()[0].positions[0], 1);
        }
        assert_eq!(read, built);
    }

    #[test]
    fn the_positions_of_each_term_kept_apart_start_a_block_of_their_own() {
        // `of` and `the` in every document: each keeps its positions apart, some 75 KB, which
        // end mid-block.
        let texts: Vec<String> = (0..500)
            .map(|i| format!("of the word{} ", i % 7).repeat(150))
            .collect();
        let index = of_texts(&texts);
        for term in ["of", "the"] {
            let (start, end) = index.position_range(index.term_id(term).unwrap());
            assert!(end - start > 500 * 140, "{term}: {start}..{end}");
            assert!(
                index
                    .position_blocks
                    .iter()
                    .any(|block| block.start == start),
                "{term} starts at {start}: {:?}",
                index.position_blocks
            );
        }
    }

    #[test]
    fn postings_kept_apart_are_written_in_columns_and_read_as_far_as_they_hold() {
        let postings = vec![
            Posting {
                doc: 2,
                positions: vec![0, 5, 300],
            },
            Posting {
                doc: 7,
                positions: vec![1],
            },
        ];
        let mut encoded = Vec::new();
        encode_postings(&postings, &mut encoded);
        let (mut columns, mut apart) = (Vec::new(), Vec::new());
        split_positions(&encoded, &mut columns, |p| apart.push(p.to_vec()));
        // Two documents; their gaps, 2 and 5; their counts, 3 and 1; the bytes of their
        // positions beyond one a position: 1 (the gap of 295 takes two), 0.
        assert_eq!(columns, [2, 2, 5, 3, 1, 1, 0]);
        assert_eq!(apart, [vec![0, 5, 0xA7, 0x02], vec![1]]);

        // Cut short or with a count past the documents, they read as far as they hold.
        let built = common();
        let the = built.term_id("the").unwrap();
        let whole = built.posting_bytes(the).unwrap().to_vec();
        let (start, end) = built.position_range(the);
        let read = |bytes: &[u8]| -> Vec<(DocId, u32)> {
            let apart = Apart {
                index: &built,
                term: the,
                at: start,
                end,
            };
            read_refs_apart(bytes, 500, |_| 300, apart)
                .iter()
                .map(|r| (r.doc, r.tf))
                .collect()
        };
        let all = read(&whole);
        assert_eq!(all.len(), 500);
        let cut = read(&whole[..whole.len() - 1]);
        assert_eq!(cut[..], all[..cut.len()]);
        assert!(cut.len() < 500);
        let mut counted = vec![0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        counted.extend_from_slice(&whole[2..]);
        assert!(read(&counted).iter().all(|&(doc, _)| doc < 500));
        assert!(read(&[]).is_empty() && read(&[0x80]).is_empty());
    }

    #[test]
    fn damaged_positions_fail_the_calls_that_read_them() {
        let bytes = common().to_bytes();
        let parts = parts(&bytes).unwrap();
        let at = HEADER_BYTES + parts.core.len() + parts.postings.len();
        let mut damaged = bytes.clone();
        damaged[at..at + 8].fill(0xFF);
        let read = Index::from_bytes(&damaged).unwrap();
        let the = read.term_id("the").unwrap();
        // The counts are in the postings, which read; the first document's positions, in the
        // first block of positions, do not.
        let refs = read.posting_refs(the).unwrap();
        assert_eq!(refs.len(), 500);
        let message = refs[0].positions().unwrap_err().to_string();
        assert!(
            message.contains("some positions cannot be read"),
            "{message}"
        );
        assert!(read.postings(the).is_err());
        assert_eq!(refs[499].positions().unwrap(), every_other());
        let word3 = read.term_id("word3").unwrap();
        assert_eq!(read.postings(word3).unwrap().len(), 71);
    }

    #[test]
    fn positions_kept_apart_arrive_as_chunks_of_their_own() {
        let whole = common();
        let chunked = whole.to_chunks_of(1);
        let chunks: std::collections::HashMap<String, Vec<u8>> =
            chunked.chunks.into_iter().collect();
        let mut index = Index::from_manifest(&chunked.manifest).unwrap();
        let fetch = |index: &Index| {
            let wanted = index.wanted_chunks();
            for name in &wanted {
                index.add_chunk(name, &chunks[name]).unwrap();
            }
            wanted.len()
        };
        assert_eq!(index.term_id("the"), None, "its shard is on its way");
        assert_eq!(fetch(&index), 1);
        let the = index.term_id("the").unwrap();
        assert!(index.posting_refs(the).unwrap().is_empty());
        assert!(fetch(&index) >= 1, "its postings");
        let refs = index.posting_refs(the).unwrap();
        assert_eq!(refs.len(), 500);
        assert!(
            index.wanted_chunks().is_empty(),
            "the counts need no positions"
        );
        // For a passage, the term to find in the text instead, and nothing wanted.
        assert_eq!(
            refs[250].positions_now().unwrap(),
            PositionsNow::InText(the)
        );
        assert!(index.wanted_chunks().is_empty());
        // The positions of one document: one chunk.
        assert!(refs[250].positions().unwrap().is_empty());
        assert!(index.waits_for_chunks());
        assert_eq!(fetch(&index), 1);
        assert_eq!(refs[250].positions().unwrap(), every_other());
        assert!(index.wanted_chunks().is_empty());
        assert_eq!(
            refs[250].positions_now().unwrap(),
            PositionsNow::Read(every_other())
        );
        // Let go, they are wanted again.
        drop(refs);
        index.release_chunks(0);
        let refs = index.posting_refs(the).unwrap();
        assert!(refs.is_empty());
        fetch(&index);
        let refs = index.posting_refs(the).unwrap();
        assert!(refs[250].positions().unwrap().is_empty());
        assert_eq!(fetch(&index), 1);
        assert_eq!(refs[250].positions().unwrap(), every_other());
    }

    #[test]
    fn a_long_text_waits_for_its_positions_rather_than_be_scanned() {
        let mut texts: Vec<String> = (0..500)
            .map(|i| format!("the word{} ", i % 7).repeat(150))
            .collect();
        let long = SCANNED_WORDS_AT_MOST as usize / 2 + 1;
        texts.push("the long ".repeat(long));
        let chunked = of_texts(&texts).to_chunks_of(1);
        let chunks: std::collections::HashMap<String, Vec<u8>> =
            chunked.chunks.into_iter().collect();
        let index = Index::from_manifest(&chunked.manifest).unwrap();
        // Its shard, then its postings.
        for _ in 0..2 {
            if let Some(the) = index.term_id("the") {
                index.posting_refs(the).unwrap();
            }
            for name in index.wanted_chunks() {
                index.add_chunk(&name, &chunks[&name]).unwrap();
            }
        }
        let the = index.term_id("the").unwrap();
        let refs = index.posting_refs(the).unwrap();
        assert_eq!(refs.len(), 501);
        assert!(index.wanted_chunks().is_empty());
        assert_eq!(refs[0].positions_now().unwrap(), PositionsNow::InText(the));
        assert!(index.wanted_chunks().is_empty());
        // The long text's positions are read from their chunk, which is wanted.
        assert_eq!(
            refs[500].positions_now().unwrap(),
            PositionsNow::Read(Vec::new())
        );
        assert_eq!(index.wanted_chunks().len(), 1);
    }
}
