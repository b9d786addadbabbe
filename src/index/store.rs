//! The stored texts: each document's readable text, deflated in blocks of consecutive
//! documents, inflated the first time a snippet, the reader or a concordance needs one of them,
//! and kept.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::chunks::Unreadable;
use super::format::MAX_BODY_BYTES;
use super::{DocId, DocumentRef, Documents, Index, CHECKPOINT_EVERY};
use crate::analyze::{word_spans, word_spans_from};
use crate::error::Error;

/// The text in a block of documents, deflated together, once it reaches this many bytes:
/// large enough that deflate's start from nothing costs little (on the Brown corpus, 4% more
/// than the whole text in one stream, against 13% for one document a stream), small enough to
/// inflate in a fraction of a millisecond.
pub(super) const TEXT_BLOCK_BYTES: usize = 64 * 1024;

/// Where a document's text lies: its block in the texts part, deflated, and its place in the
/// inflated block.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct StoredText {
    /// The block's deflated bytes: `texts[start..end]`.
    pub(super) start: u32,
    pub(super) end: u32,
    /// The text's bytes in the inflated block.
    pub(super) offset: u32,
    pub(super) length: u32,
}

/// Where each document's text lies, written as a column beside the documents rather than as
/// four numbers each (at 1 GB of text, where texts lay took 1.3 MB of a 3.4 MB manifest,
/// deflated, since a block's place in the texts part is a large number each of its documents
/// repeated): for each document, the length of its text, then, for a text that is not empty,
/// 0 when it is in the same block as the text before it, else the length of its block's
/// deflated bytes. A block starts where the one before ends, and a text in it where the text
/// before it ends (the first at 0), as the builder lays them out.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct TextPlaces(Vec<u32>);

impl TextPlaces {
    /// The places of the texts of `documents`; `None` if they are not laid out as the builder
    /// lays them out.
    pub(super) fn of(documents: &Documents) -> Option<TextPlaces> {
        let mut column = Vec::with_capacity(documents.len() * 2);
        let mut block: Option<StoredText> = None;
        let mut next_offset = 0u32;
        for &text in documents.texts() {
            column.push(text.length);
            if text.length == 0 {
                continue;
            }
            let same = block.is_some_and(|b| b.start == text.start && b.end == text.end);
            if same {
                if text.offset != next_offset {
                    return None;
                }
                column.push(0);
            } else {
                let previous_end = block.map_or(0, |b| b.end);
                if text.start != previous_end || text.end <= text.start || text.offset != 0 {
                    return None;
                }
                column.push(text.end - text.start);
            }
            block = Some(text);
            next_offset = text.offset.checked_add(text.length)?;
        }
        Some(TextPlaces(column))
    }

    /// Sets where the text of each of `documents` lies; an error when the column does not
    /// hold together with them.
    pub(super) fn place(&self, documents: &mut Documents) -> Result<(), &'static str> {
        let mut numbers = self.0.iter().copied();
        let mut block: Option<StoredText> = None;
        let mut next_offset = 0u32;
        for place in documents.texts_mut() {
            let length = numbers
                .next()
                .ok_or("the places of the texts end too soon")?;
            if length == 0 {
                *place = StoredText::default();
                continue;
            }
            let deflated = numbers
                .next()
                .ok_or("the places of the texts end too soon")?;
            let text = match (deflated, block) {
                (0, Some(b)) => StoredText {
                    offset: next_offset,
                    length,
                    ..b
                },
                (0, None) => return Err("a text is placed in a block before any"),
                (deflated, _) => {
                    let start = block.map_or(0, |b| b.end);
                    let end = start
                        .checked_add(deflated)
                        .ok_or("a block of texts ends past 4 GiB")?;
                    StoredText {
                        start,
                        end,
                        offset: 0,
                        length,
                    }
                }
            };
            next_offset = text
                .offset
                .checked_add(length)
                .ok_or("a text ends past 4 GiB")?;
            *place = text;
            block = Some(text);
        }
        match numbers.next() {
            Some(_) => Err("there are more places of texts than documents"),
            None => Ok(()),
        }
    }
}

/// What has been inflated so far, one slot per block or document, made a page of
/// [`CACHE_PAGE`] slots at a time as they are first used: an index of half a million
/// documents makes a slot for the few it reads, not 30 MB of them as it opens. A cache: it
/// takes no part in equality.
#[derive(Clone)]
pub(super) struct Cache<T> {
    pages: Vec<OnceLock<Box<[OnceLock<T>]>>>,
    slots: usize,
}

/// How many slots of a [`Cache`] are made at once.
const CACHE_PAGE: usize = 256;

impl<T> Cache<T> {
    pub(super) fn empty(slots: usize) -> Self {
        Cache {
            pages: (0..slots.div_ceil(CACHE_PAGE))
                .map(|_| OnceLock::new())
                .collect(),
            slots,
        }
    }

    /// Slot `i`, made if it is not yet. Panics past the last slot.
    pub(super) fn slot(&self, i: usize) -> &OnceLock<T> {
        assert!(i < self.slots, "slot {i} of {}", self.slots);
        let page = self.pages[i / CACHE_PAGE]
            .get_or_init(|| (0..CACHE_PAGE).map(|_| OnceLock::new()).collect());
        &page[i % CACHE_PAGE]
    }

    /// What slot `i` holds, if anything.
    pub(super) fn get(&self, i: usize) -> Option<&T> {
        self.pages
            .get(i / CACHE_PAGE)?
            .get()?
            .get(i % CACHE_PAGE)?
            .get()
    }

    /// Every slot made so far, with its number.
    pub(super) fn made_mut(&mut self) -> impl Iterator<Item = (usize, &mut OnceLock<T>)> {
        let slots = self.slots;
        self.pages
            .iter_mut()
            .enumerate()
            .filter_map(|(p, page)| Some((p, page.get_mut()?)))
            .flat_map(|(p, page)| {
                page.iter_mut()
                    .enumerate()
                    .map(move |(i, slot)| (p * CACHE_PAGE + i, slot))
            })
            // The last page may have slots past the last.
            .take_while(move |&(i, _)| i < slots)
    }

    /// Empties slot `i`.
    pub(super) fn take(&mut self, i: usize) -> Option<T> {
        self.pages
            .get_mut(i / CACHE_PAGE)?
            .get_mut()?
            .get_mut(i % CACHE_PAGE)?
            .take()
    }
}

impl<T> PartialEq for Cache<T> {
    fn eq(&self, _: &Cache<T>) -> bool {
        true
    }
}

impl<T> std::fmt::Debug for Cache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inflated = (0..self.slots).filter(|&i| self.get(i).is_some()).count();
        write!(f, "Cache({inflated} of {} inflated)", self.slots)
    }
}

/// A text kept once its block was inflated, with the title and URL the block holds of its
/// document when the index reads them from there (one whose catalogue is in blocks).
#[derive(Debug, Clone)]
pub(super) struct KeptText {
    pub(super) text: String,
    pub(super) entry: Option<Box<(String, Option<String>)>>,
}

/// The titles at the end of a text block: for each document whose text the block holds, in
/// corpus order, its id, title and URL, as postcard, then their length as a u32 (LE). A search
/// that shows the passages of its hits then needs their blocks of texts alone, not their
/// blocks of titles too.
pub(super) fn append_block_titles(block: &mut Vec<u8>, members: &[DocId], documents: &Documents) {
    let entries: Vec<(DocId, &str, Option<&str>)> = members
        .iter()
        .map(|&d| {
            let meta = documents.meta(d);
            (d, meta.title, meta.url)
        })
        .collect();
    let start = block.len();
    let written = postcard::to_extend(&entries, std::mem::take(block)).expect("titles serialize");
    *block = written;
    let length = (block.len() - start) as u32;
    block.extend_from_slice(&length.to_le_bytes());
}

/// The documents of a block of texts, with their titles and URLs, read in place.
type BlockEntries<'a> = Vec<(DocId, &'a str, Option<&'a str>)>;

/// A block's titles (see [`append_block_titles`]) and where they start; `None` when the end
/// of the block is not such a list.
fn block_titles(block: &[u8]) -> Option<(usize, BlockEntries<'_>)> {
    let trailer = block.len().checked_sub(4)?;
    let length = u32::from_le_bytes(block[trailer..].try_into().ok()?) as usize;
    let start = trailer.checked_sub(length)?;
    let entries: BlockEntries = postcard::from_bytes(&block[start..trailer]).ok()?;
    Some((start, entries))
}

impl Index {
    /// The text of a document: the file's, or the readable text of a marked-up file. It is
    /// inflated on first use and kept; only a damaged index makes this fail.
    pub fn text(&self, doc: DocId) -> Result<&str, Error> {
        let slot = self.inflated.slot(doc as usize);
        if let Some(kept) = slot.get() {
            return Ok(&kept.text);
        }
        let kept = self.inflate_text(doc)?;
        Ok(&slot.get_or_init(|| kept).text)
    }

    /// The title and URL of a document as its block of texts holds them, once that block has
    /// been inflated, in an index whose titles are in a catalogue of blocks.
    pub(super) fn block_entry(&self, doc: DocId) -> Option<(&str, Option<&str>)> {
        let kept = self.inflated.get(doc as usize)?;
        let (title, url) = kept.entry.as_deref()?;
        Some((title, url.as_deref()))
    }

    /// Inflates the block that holds a document's text, keeps the texts of the block's other
    /// documents not yet kept (with their titles, when the catalogue is in blocks), and
    /// returns the document's.
    fn inflate_text(&self, doc: DocId) -> Result<KeptText, Error> {
        let document = self.document(doc);
        let stored = document.text;
        let damaged = || {
            Error::InvalidIndex(format!(
                "the index is damaged: the text of {} cannot be read",
                document.meta.id
            ))
        };
        if stored.length == 0 {
            return Ok(KeptText {
                text: String::new(),
                entry: None,
            });
        }
        let deflated = match self.texts.get(stored.start, stored.end) {
            Ok(deflated) => deflated,
            Err(Unreadable::Damaged) => return Err(damaged()),
            Err(Unreadable::Wanted) => return Err(Error::NotArrived),
        };
        let block = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BODY_BYTES)
            .map_err(|_| damaged())?;
        let (texts_end, entries) = block_titles(&block).ok_or_else(damaged)?;
        let text_of = |document: DocumentRef| -> Option<String> {
            let StoredText { offset, length, .. } = document.text;
            let end = (offset as usize)
                .checked_add(length as usize)
                .filter(|&end| end <= texts_end)?;
            let text = std::str::from_utf8(block.get(offset as usize..end)?).ok()?;
            let fits = |at: u32| text.is_char_boundary(at as usize);
            let ranges_fit = document
                .headings
                .iter()
                .chain(document.code)
                .all(|&[s, e]| s <= e && fits(s) && fits(e));
            ranges_fit.then(|| text.to_string())
        };
        let with_entries = self.catalogue.is_some();
        let mut own = None;
        for (member, title, url) in entries {
            if member as usize >= self.documents.len() {
                return Err(damaged());
            }
            let other = self.documents.get(member);
            if other.text.start != stored.start || other.text.length == 0 {
                return Err(damaged());
            }
            let slot = self.inflated.slot(member as usize);
            if member != doc && slot.get().is_some() {
                continue;
            }
            let Some(text) = text_of(other) else {
                if member == doc {
                    return Err(damaged());
                }
                continue;
            };
            let kept = KeptText {
                text,
                entry: with_entries.then(|| Box::new((title.to_string(), url.map(str::to_string)))),
            };
            if member == doc {
                own = Some(kept);
            } else {
                let _ = slot.set(kept);
            }
        }
        own.ok_or_else(damaged)
    }

    /// The byte ranges of the words at positions `start..end` of a document (fewer if the text
    /// ends first), found by segmenting from the nearest checkpoint only; none if the text
    /// cannot be read.
    pub fn spans(&self, doc: DocId, start: u32, end: u32) -> Vec<std::ops::Range<usize>> {
        let Ok(text) = self.text(doc) else {
            return Vec::new();
        };
        let checkpoints = self.checkpoints(doc, text);
        let k = (start / CHECKPOINT_EVERY) as usize;
        let (offset, first) = match k.checked_sub(1).and_then(|i| checkpoints.get(i)) {
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
}

impl Index {
    /// The checkpoints of a document whose text is `text`: the single file's, or, for a chunked
    /// index, whose manifest leaves them out (a fifth of its bytes), found by segmenting the
    /// text once and kept while the text is.
    fn checkpoints(&self, doc: DocId, text: &str) -> &[u32] {
        let document = self.document(doc);
        if !self.is_chunked() || document.words <= CHECKPOINT_EVERY {
            return document.checkpoints;
        }
        self.found_checkpoints
            .slot(doc as usize)
            .get_or_init(|| checkpoints_of(&word_spans(text)))
    }
}

/// The checkpoints of a text whose words are `spans`: the byte offset of every
/// [`CHECKPOINT_EVERY`]th word but the first.
pub(super) fn checkpoints_of(spans: &[std::ops::Range<usize>]) -> Vec<u32> {
    spans
        .iter()
        .step_by(CHECKPOINT_EVERY as usize)
        .skip(1)
        .map(|span| span.start as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_makes_its_slots_a_page_at_a_time_and_lists_none_past_the_last() {
        let mut cache: Cache<u32> = Cache::empty(CACHE_PAGE + 3);
        assert_eq!(cache.made_mut().count(), 0, "no page made yet");
        cache.slot(CACHE_PAGE + 2).set(7).unwrap();
        assert_eq!(cache.get(CACHE_PAGE + 2), Some(&7));
        assert_eq!(cache.get(CACHE_PAGE + 1), None);
        assert_eq!(cache.get(1), None);
        let made: Vec<usize> = cache.made_mut().map(|(i, _)| i).collect();
        assert_eq!(made, [CACHE_PAGE, CACHE_PAGE + 1, CACHE_PAGE + 2]);
        assert_eq!(cache.take(CACHE_PAGE + 2), Some(7));
        assert_eq!(cache.get(CACHE_PAGE + 2), None);
        assert_eq!(cache.take(5 * CACHE_PAGE), None);
    }
    use crate::index::samples::blocks;
    use std::collections::BTreeSet;

    #[test]
    fn a_chunked_index_finds_the_checkpoints_its_manifest_leaves_out() {
        let (texts, built) = blocks();
        let chunked = built.to_chunks_of(1);
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        assert!(read.documents.iter().all(|d| d.checkpoints.is_empty()));
        for (name, bytes) in &chunked.chunks {
            read.add_chunk(name, bytes).unwrap();
        }
        for doc in 0..texts.len() as DocId {
            let text = read.text(doc).unwrap();
            let checkpoints = read.checkpoints(doc, text).to_vec();
            assert_eq!(checkpoints, built.document(doc).checkpoints, "d{doc}");
            let words = built.document(doc).words;
            let last = words.saturating_sub(3)..words;
            assert_eq!(
                read.spans(doc, last.start, last.end),
                built.spans(doc, last.start, last.end)
            );
        }
        assert!(
            built.document(6).checkpoints.len() > 100,
            "long texts have many"
        );
    }

    #[test]
    fn where_texts_lie_is_written_as_a_column_and_a_damaged_column_is_refused() {
        let (_, built) = blocks();
        let places = TextPlaces::of(&built.documents).unwrap();
        let texts: Vec<StoredText> = built.documents.iter().map(|d| d.text).collect();
        assert!(
            texts.iter().any(|t| t.length == 0),
            "an empty text among them"
        );
        assert!(
            texts.iter().any(|t| t.offset > 0),
            "a block of several texts"
        );
        let mut read = built.documents.clone();
        read.texts_mut().fill(StoredText::default());
        places.place(&mut read).unwrap();
        let placed: Vec<StoredText> = read.texts().to_vec();
        assert_eq!(placed, texts);

        let numbers = &places.0;
        let short = TextPlaces(numbers[..numbers.len() - 1].to_vec());
        assert!(short.place(&mut read).unwrap_err().contains("end too soon"));
        let long = TextPlaces([&numbers[..], &[1]].concat());
        assert!(long.place(&mut read).unwrap_err().contains("more places"));
        let first = numbers.iter().position(|&n| n > 0).unwrap();
        let mut orphan = numbers.clone();
        orphan[first + 1] = 0;
        let refused = TextPlaces(orphan).place(&mut read).unwrap_err();
        assert!(refused.contains("before any"), "{refused}");
        let mut huge = numbers.clone();
        let last_block = numbers.len() - 1 - numbers.iter().rev().position(|&n| n > 0).unwrap();
        huge[last_block] = u32::MAX;
        let refused = TextPlaces(huge).place(&mut read).unwrap_err();
        assert!(refused.contains("4 GiB"), "{refused}");

        // Texts not laid out as the builder lays them out have no column.
        let mut moved = built.documents.clone();
        let at = moved.texts().iter().position(|t| t.offset > 0).unwrap();
        moved.texts_mut()[at].offset += 1;
        assert!(TextPlaces::of(&moved).is_none());
    }

    #[test]
    fn a_block_ends_with_its_documents_titles_and_a_damaged_list_is_no_list() {
        let (_, built) = blocks();
        let mut block = b"some text".to_vec();
        append_block_titles(&mut block, &[1, 2], &built.documents);
        let (start, entries) = block_titles(&block).unwrap();
        assert_eq!(&block[..start], b"some text");
        let expected: BlockEntries = [1, 2]
            .into_iter()
            .map(|d| {
                let meta = built.document(d).meta;
                (d, meta.title, meta.url)
            })
            .collect();
        assert_eq!(entries, expected);
        for cut in [1, 3, 5] {
            assert!(block_titles(&block[..block.len() - cut]).is_none(), "{cut}");
        }
        let mut longer = block.clone();
        let at = longer.len() - 4;
        longer[at..].copy_from_slice(&(block.len() as u32).to_le_bytes());
        assert!(block_titles(&longer).is_none());
        assert!(block_titles(b"abc").is_none());
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
