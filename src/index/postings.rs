//! Postings: where each term occurs, as variable-length integers, in blocks of consecutive
//! terms deflated together and inflated the first time a query reads one of their terms.

use serde::{Deserialize, Serialize};

use super::chunks::Unreadable;
use super::{DocId, Documents, Index, TermId};
use crate::error::Error;

/// The postings in a block of terms, deflated together, once they reach this many bytes.
pub(super) const POSTING_BLOCK_BYTES: usize = 64 * 1024;

/// The occurrences of one term in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Posting {
    /// The document.
    pub doc: DocId,
    /// Sorted word positions of the term in the document's text.
    pub positions: Vec<u32>,
}

/// Where a block of postings starts: its first term, the end of its deflated bytes in the
/// postings part (it starts where the previous one ends), and its offset in the postings.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct PostingBlock {
    pub(super) first_term: TermId,
    pub(super) deflated_end: u32,
    pub(super) start: u32,
}

impl Index {
    /// The occurrences of a term, sorted by document; an error when its block of postings
    /// cannot be inflated (the index is damaged).
    pub fn postings(&self, term: TermId) -> Result<Vec<Posting>, Error> {
        Ok(decode_postings(self.posting_bytes(term)?, &self.documents))
    }

    /// The occurrences of a term, sorted by document, positions still encoded; an error when
    /// its block of postings cannot be inflated (the index is damaged).
    pub fn posting_refs(&self, term: TermId) -> Result<Vec<PostingRef<'_>>, Error> {
        let bytes = self.posting_bytes(term)?;
        let lengths = self.lengths();
        Ok(read_refs(bytes, lengths.len(), |d| lengths[d][0]))
    }

    /// A term's encoded postings, from its block, inflated if it is not yet.
    fn posting_bytes(&self, term: TermId) -> Result<&[u8], Error> {
        let (start, end) = self.posting_range(term);
        if start == end {
            // A term of titles alone, or one whose shard of the dictionary has not arrived.
            return Ok(&[]);
        }
        let b = self
            .posting_blocks
            .partition_point(|block| block.first_term <= term)
            .saturating_sub(1);
        let Some(block) = self.posting_blocks.get(b) else {
            return Ok(&[]);
        };
        let slot = self.inflated_postings.slot(b);
        let inflated = match slot.get() {
            Some(inflated) => inflated,
            None => {
                let deflated_start = match b {
                    0 => 0,
                    _ => self.posting_blocks[b - 1].deflated_end,
                };
                let deflated = match self.postings.get(deflated_start, block.deflated_end) {
                    Ok(deflated) => Some(deflated),
                    // A chunk not yet arrived: no postings for now, and the chunk is wanted.
                    Err(Unreadable::Wanted) => return Ok(&[]),
                    Err(Unreadable::Damaged) => None,
                };
                let length = self.posting_block_end(b).saturating_sub(block.start);
                // A block that cannot be inflated is kept as `None`, so it is tried once.
                slot.get_or_init(|| {
                    deflated
                        .and_then(|deflated| {
                            miniz_oxide::inflate::decompress_to_vec_with_limit(
                                deflated,
                                length as usize,
                            )
                            .ok()
                        })
                        .filter(|bytes| bytes.len() == length as usize)
                })
            }
        };
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
            None => self.postings_end(),
        }
    }
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
pub fn posting_refs<'a>(bytes: &'a [u8], documents: &Documents) -> Vec<PostingRef<'a>> {
    let words = documents.word_counts();
    read_refs(bytes, words.len(), |d| words[d])
}

/// [`posting_refs`] over `documents` documents whose numbers of words `words` gives.
fn read_refs<'a>(
    mut bytes: &'a [u8],
    documents: usize,
    words: impl Fn(usize) -> u32,
) -> Vec<PostingRef<'a>> {
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
        let Some(next) = next.filter(|&d| (d as usize) < documents) else {
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
            words: words(next as usize),
            positions,
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
            positions: r.positions(),
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
    use crate::index::samples::{blocks, sample};
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
}
