//! The stored texts: each document's readable text, deflated in blocks of consecutive
//! documents, inflated the first time a snippet, the reader or a concordance needs one of them,
//! and kept.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::chunks::Unreadable;
use super::format::MAX_BODY_BYTES;
use super::{DocId, Documents, Index, CHECKPOINT_EVERY};
use crate::analyze::{word_spans, word_spans_from};
use crate::error::Error;

/// The text in a block of documents, deflated together, once it reaches this many bytes:
/// large enough that deflate's start from nothing costs little (on the Brown corpus, 5–6%
/// more than the whole text in one stream, against 13% for one document a stream; the index
/// is 1% larger than with blocks of 64 KiB), small enough that a passage of a chunked index
/// costs one block of 10 to 17 KiB deflated (at 1 GB of text, a cold query reads 445 KiB
/// rather than 556 KiB with blocks of 64 KiB, for a manifest 12% larger).
pub(super) const TEXT_BLOCK_BYTES: usize = 32 * 1024;

/// A block of texts: it holds the texts of the documents from `first` up to the `first` of
/// the next block (of the last block, up to the last document), but for empty texts, which no
/// block holds; its deflated bytes end at `deflated_end` in the texts part and start where
/// the block before ends. Where each text lies in the inflated block is at the block's end
/// (see [`append_block_entries`]): an index opens knowing where each block starts, not where
/// each of its documents' texts lies (at 458,902 short documents, 0.9 MB of a 2.1 MB
/// manifest, deflated).
///
/// A long text starts a block and is cut into pieces at checkpoints (see
/// [`LONG_TEXT_BYTES`]): each further piece starts a block of its own, whose `word` and `byte`
/// say where in the text it starts (both 0 for a block that starts with a whole text). A
/// passage then reads the piece that holds it rather than the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextBlock {
    pub(super) first: DocId,
    /// The position of the block's first word in the text of `first`: 0 but for a block that
    /// continues a text cut into pieces.
    pub(super) word: u32,
    /// The byte offset in the text of `first` where the block's first text starts.
    pub(super) byte: u32,
    pub(super) deflated_end: u32,
}

impl TextBlock {
    /// A block that starts with the whole text of `first`.
    pub(super) fn starting(first: DocId, deflated_end: u32) -> TextBlock {
        TextBlock {
            first,
            word: 0,
            byte: 0,
            deflated_end,
        }
    }

    /// Whether the block continues the text of its first document.
    pub(super) fn continues(&self) -> bool {
        self.word > 0
    }
}

/// A text at least this long starts a block and is cut into pieces (see [`TextBlock`]), each
/// ending at the first checkpoint [`TEXT_PIECE_BYTES`] or more past its start, as long as what
/// is left is at least half a piece; the last piece's block may hold the texts after it.
pub(super) const LONG_TEXT_BYTES: usize = 2 * TEXT_PIECE_BYTES;

/// How long the pieces of a long text are, at least (but the last): at 1 GB of text, the ten
/// passages of `the`, in texts of up to 160 KB, read 494 KB of whole texts, and 205 KB in
/// pieces of 32 KiB.
pub(super) const TEXT_PIECE_BYTES: usize = 16 * 1024;

/// The block that holds the start of the text of `doc`, if a block can: `None` for a
/// document before the first block, whose text is empty.
pub(super) fn block_of(blocks: &[TextBlock], doc: DocId) -> Option<usize> {
    blocks
        .partition_point(|b| b.first < doc || (b.first == doc && !b.continues()))
        .checked_sub(1)
}

/// The blocks that hold pieces of the text of `doc`: the block its text starts in and those
/// that continue it.
pub(super) fn blocks_of(blocks: &[TextBlock], doc: DocId) -> Option<std::ops::Range<usize>> {
    let start = block_of(blocks, doc)?;
    Some(start..blocks.partition_point(|b| b.first <= doc).max(start + 1))
}

/// Where the deflated blocks that hold the text of `doc` (every piece of a long one) start
/// in the texts part; none for a document before the first block, whose text is empty.
pub(super) fn text_block_starts(
    blocks: &[TextBlock],
    doc: DocId,
) -> impl Iterator<Item = u32> + '_ {
    blocks_of(blocks, doc)
        .unwrap_or_default()
        .map(|b| block_start(blocks, b))
}

/// Where block `b`'s deflated bytes start in the texts part.
pub(super) fn block_start(blocks: &[TextBlock], b: usize) -> u32 {
    b.checked_sub(1).map_or(0, |p| blocks[p].deflated_end)
}

/// Whether `blocks` hold together with `documents` documents and a texts part of
/// `texts_length` bytes: each block starts at a later document than the one before, or
/// further into the same text (at a later word and byte), within the documents, and takes at
/// least a byte, the last ending where the texts part ends.
pub(super) fn blocks_fit(blocks: &[TextBlock], documents: usize, texts_length: usize) -> bool {
    let later = |a: &TextBlock, b: &TextBlock| {
        let further = b.continues() && b.word > a.word && b.byte > a.byte;
        a.first < b.first || (a.first == b.first && further)
    };
    blocks
        .iter()
        .all(|b| (b.first as usize) < documents && (b.word == 0) == (b.byte == 0))
        && blocks
            .first()
            .is_none_or(|b| b.deflated_end > 0 && !b.continues())
        && blocks
            .windows(2)
            .all(|w| later(&w[0], &w[1]) && w[0].deflated_end < w[1].deflated_end)
        && blocks.last().map_or(0, |b| b.deflated_end as usize) == texts_length
}

/// The blocks of texts as an index writes them: for each block, how many documents after the
/// first of the block before it starts (for the first block, its first document), the
/// length of its deflated bytes, and its `word` and `byte`. The first two are small numbers
/// where the documents and the ends of the blocks are large ones that deflate poorly; the
/// last two are 0 but for the pieces of long texts.
pub(super) mod written_blocks {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::TextBlock;

    pub fn serialize<S: Serializer>(
        blocks: &[TextBlock],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut before = TextBlock::starting(0, 0);
        serializer.collect_seq(blocks.iter().map(|&block| {
            let steps = (
                block.first.saturating_sub(before.first),
                block.deflated_end.saturating_sub(before.deflated_end),
                block.word,
                block.byte,
            );
            before = block;
            steps
        }))
    }

    /// The blocks, as a `Vec` or anything made from one (a core reads `Cow`s).
    pub fn deserialize<'de, D: Deserializer<'de>, L: From<Vec<TextBlock>>>(
        deserializer: D,
    ) -> Result<L, D::Error> {
        let steps = Vec::<(u32, u32, u32, u32)>::deserialize(deserializer)?;
        let mut block = TextBlock::starting(0, 0);
        steps
            .into_iter()
            .map(|(documents, bytes, word, byte)| {
                let first = block.first.checked_add(documents);
                let deflated_end = block.deflated_end.checked_add(bytes);
                let (Some(first), Some(deflated_end)) = (first, deflated_end) else {
                    return Err(D::Error::custom("a block of texts lies past 4 GiB"));
                };
                block = TextBlock {
                    first,
                    word,
                    byte,
                    deflated_end,
                };
                Ok(block)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(L::from)
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
#[derive(Debug, Clone, Default)]
pub(super) struct KeptText {
    pub(super) text: String,
    pub(super) entry: Option<Box<(String, Option<String>)>>,
}

/// One document of a block of texts, as the block's end lists it: the length of its text,
/// and its title and URL.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct BlockEntry<'a> {
    pub(super) doc: DocId,
    length: u32,
    title: &'a str,
    #[serde(borrow)]
    url: Option<&'a str>,
}

/// The end of a block of texts: for each document whose text the block holds, in corpus
/// order, its id, the length of its text (the texts lie one after another from the block's
/// start), its title and URL, as postcard, then their length as a u32 (LE). A search that
/// shows the passages of its hits then needs their blocks of texts alone, not their blocks of
/// titles too.
pub(super) fn append_block_entries(
    block: &mut Vec<u8>,
    members: &[(DocId, u32)],
    documents: &Documents,
) {
    let entries: Vec<BlockEntry> = members
        .iter()
        .map(|&(doc, length)| {
            let meta = documents.meta(doc);
            BlockEntry {
                doc,
                length,
                title: meta.title,
                url: meta.url,
            }
        })
        .collect();
    write_entries(block, &entries);
}

/// Appends `entries` and their length to `block`.
fn write_entries(block: &mut Vec<u8>, entries: &[BlockEntry]) {
    let start = block.len();
    let written = postcard::to_extend(entries, std::mem::take(block)).expect("entries serialize");
    *block = written;
    let length = (block.len() - start) as u32;
    block.extend_from_slice(&length.to_le_bytes());
}

/// A block's entries (see [`append_block_entries`]) and where they start; `None` when the end
/// of the block is not such a list.
fn block_entries(block: &[u8]) -> Option<(usize, Vec<BlockEntry<'_>>)> {
    let trailer = block.len().checked_sub(4)?;
    let length = u32::from_le_bytes(block[trailer..].try_into().ok()?) as usize;
    let start = trailer.checked_sub(length)?;
    let entries = postcard::from_bytes(&block[start..trailer]).ok()?;
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

    /// The title and URL of a document as its block of texts holds them, once that block (or a
    /// block of a piece of its text) has been inflated, in an index whose titles are in a
    /// catalogue of blocks.
    pub(super) fn block_entry(&self, doc: DocId) -> Option<(&str, Option<&str>)> {
        let kept = self.inflated.get(doc as usize).or_else(|| {
            blocks_of(&self.text_blocks, doc)?
                .flat_map(|b| [2 * b, 2 * b + 1])
                .filter_map(|slot| self.inflated_pieces.get(slot))
                .find(|piece| piece.doc == doc)
                .map(|piece| &piece.kept)
        })?;
        let (title, url) = kept.entry.as_deref()?;
        Some((title, url.as_deref()))
    }

    /// Inflates the blocks that hold a document's text, keeps the whole texts of their other
    /// documents not yet kept (with their titles, when the catalogue is in blocks), and
    /// returns the document's: empty when no block lists it.
    fn inflate_text(&self, doc: DocId) -> Result<KeptText, Error> {
        let mut own: Option<KeptText> = None;
        let mut pieces: Vec<u8> = Vec::new();
        let Some(held) = blocks_of(&self.text_blocks, doc) else {
            return Ok(KeptText::default());
        };
        let cut = held.len() > 1;
        // Every block is asked for, so that all that have not arrived are wanted at once.
        let mut arrived = true;
        for b in held {
            let read = self.with_block(b, doc, |entries| {
                for (entry, bytes, whole) in entries {
                    if entry.doc == doc && cut {
                        pieces.extend_from_slice(bytes);
                        own.get_or_insert_with(|| self.kept(entry, String::new()));
                        continue;
                    }
                    let slot = self.inflated.slot(entry.doc as usize);
                    if !whole || (entry.doc != doc && slot.get().is_some()) {
                        continue;
                    }
                    let Some(text) = self.checked_text(entry.doc, bytes) else {
                        if entry.doc == doc {
                            return Err(self.damaged_text(doc));
                        }
                        continue;
                    };
                    let kept = self.kept(entry, text);
                    if entry.doc == doc {
                        own = Some(kept);
                    } else {
                        let _ = slot.set(kept);
                    }
                }
                Ok(())
            });
            match read {
                Ok(read) => read?,
                Err(Error::NotArrived) => arrived = false,
                Err(error) => return Err(error),
            }
        }
        if !arrived {
            return Err(Error::NotArrived);
        }
        if cut {
            if let Some(own) = &mut own {
                own.text = self
                    .checked_text(doc, &pieces)
                    .ok_or_else(|| self.damaged_text(doc))?;
            }
        }
        Ok(own.unwrap_or_default())
    }

    /// The text of `doc` from `bytes`, if they are UTF-8 and its headings and code lie on
    /// character boundaries of it.
    fn checked_text(&self, doc: DocId, bytes: &[u8]) -> Option<String> {
        let text = std::str::from_utf8(bytes).ok()?;
        let fits = |at: u32| text.is_char_boundary(at as usize);
        let document = self.documents.get(doc);
        let ranges_fit = document
            .headings
            .iter()
            .chain(document.code)
            .all(|&[s, e]| s <= e && fits(s) && fits(e));
        ranges_fit.then(|| text.to_string())
    }

    /// What is kept of a text read from a block whose list holds `entry`.
    pub(super) fn kept(&self, entry: &BlockEntry, text: String) -> KeptText {
        KeptText {
            text,
            entry: self
                .catalogue
                .is_some()
                .then(|| Box::new((entry.title.to_string(), entry.url.map(str::to_string)))),
        }
    }

    /// The error of a text that cannot be read.
    pub(super) fn damaged_text(&self, doc: DocId) -> Error {
        Error::InvalidIndex(format!(
            "the index is damaged: the text of {} cannot be read",
            self.documents.id(doc)
        ))
    }

    /// Inflates block `b` of texts, read for the text of `doc` (which a damaged block names),
    /// and calls `f` with its entries, each with its text's bytes and whether that is the
    /// whole text (not a piece of a text cut into blocks). The block's list must hold together
    /// with its bytes and with the blocks beside it.
    pub(super) fn with_block<R>(
        &self,
        b: usize,
        doc: DocId,
        f: impl FnOnce(&mut dyn Iterator<Item = (&BlockEntry, &[u8], bool)>) -> R,
    ) -> Result<R, Error> {
        let damaged = || self.damaged_text(doc);
        let blocks = &self.text_blocks;
        let start = block_start(blocks, b);
        let deflated = match self.texts.get(start, blocks[b].deflated_end) {
            Ok(deflated) => deflated,
            Err(Unreadable::Damaged) => return Err(damaged()),
            Err(Unreadable::Wanted) => return Err(Error::NotArrived),
        };
        let block = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BODY_BYTES)
            .map_err(|_| damaged())?;
        let (texts_end, entries) = block_entries(&block).ok_or_else(damaged)?;
        // The block's documents: its first, then later ones before the next block's first;
        // the last is that first when the next block continues its text.
        let first = blocks[b].first;
        let next = blocks.get(b + 1);
        let last_fits = |last: DocId| match next {
            None => (last as usize) < self.documents.len(),
            Some(next) if next.continues() => last == next.first,
            Some(next) => last < next.first,
        };
        let ordered = entries.first().is_some_and(|e| e.doc == first)
            && entries.windows(2).all(|w| w[0].doc < w[1].doc)
            && entries.last().is_some_and(|e| last_fits(e.doc));
        let lengths: Option<usize> = entries
            .iter()
            .try_fold(0usize, |sum, e| sum.checked_add(e.length as usize));
        if !ordered || lengths != Some(texts_end) || entries.iter().any(|e| e.length == 0) {
            return Err(damaged());
        }
        let count = entries.len();
        let continued = next.is_some_and(TextBlock::continues);
        let mut offset = 0;
        let mut listed = entries.iter().enumerate().map(|(i, entry)| {
            let bytes = &block[offset..offset + entry.length as usize];
            offset += entry.length as usize;
            let piece = (i == 0 && blocks[b].continues()) || (i + 1 == count && continued);
            (entry, bytes, !piece)
        });
        Ok(f(&mut listed))
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
    use crate::index::chunks::Part;
    use crate::index::samples::{blocks, of_texts};

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

    /// An index of texts `""`, 20 KB, `""`, 20 KB, `""`, a sentence: two blocks, the second
    /// holding the sentence alone; the empty texts before the first block and within its
    /// range.
    fn empty_texts_between_blocks() -> (Vec<String>, Index) {
        let long = |word: &str| format!("{word} and more words. ").repeat(1000);
        let (empty, last) = (String::new(), "The last one.".to_string());
        let texts = vec![
            empty.clone(),
            long("one"),
            empty.clone(),
            long("two"),
            empty,
            last,
        ];
        let index = of_texts(&texts);
        (texts, index)
    }

    #[test]
    fn a_block_holds_the_texts_of_its_documents_and_no_block_an_empty_text() {
        let (texts, built) = empty_texts_between_blocks();
        let firsts: Vec<DocId> = built.text_blocks.iter().map(|b| b.first).collect();
        assert_eq!(firsts, [1, 5]);
        let read = Index::from_bytes(&built.to_bytes()).unwrap();
        for doc in [4, 0, 5, 2, 1, 3] {
            assert_eq!(read.text(doc).unwrap(), texts[doc as usize], "d{doc}");
        }

        // Chunked, a chunk a block: a text before the first block is empty without a chunk;
        // an empty text within a block's documents waits for that block, which does not
        // list it.
        let chunked = built.to_chunks_of(1);
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        assert_eq!(read.text(0).unwrap(), "");
        assert!(read.text_chunks(0).is_empty());
        assert!(matches!(read.text(4), Err(Error::NotArrived)));
        assert_eq!(read.text_chunks(4), read.text_chunks(3));
        assert_eq!(read.text_chunks(3), read.text_chunks(1));
        assert_eq!(read.text_chunks(1).len(), 1);
        assert_ne!(read.text_chunks(5), read.text_chunks(1));
        for (name, bytes) in &chunked.chunks {
            read.add_chunk(name, bytes).unwrap();
        }
        for doc in [4, 2, 5, 1, 3] {
            assert_eq!(read.text(doc).unwrap(), texts[doc as usize], "d{doc}");
        }
    }

    /// A block list as an index writes it and reads it back.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Written(#[serde(with = "written_blocks")] Vec<TextBlock>);

    #[test]
    fn blocks_are_written_as_steps_and_blocks_that_do_not_hold_together_are_refused() {
        let block = TextBlock::starting;
        let piece = |first, word, byte, deflated_end| TextBlock {
            first,
            word,
            byte,
            deflated_end,
        };
        let blocks = vec![
            block(2, 900),
            block(40, 1800),
            piece(40, 6400, 33_000, 2_000),
            block(41, 70_000),
        ];
        let bytes = postcard::to_allocvec(&Written(blocks.clone())).unwrap();
        assert_eq!(
            bytes,
            postcard::to_allocvec(&vec![
                (2u32, 900u32, 0u32, 0u32),
                (38, 900, 0, 0),
                (0, 200, 6400, 33_000),
                (1, 68_000, 0, 0)
            ])
            .unwrap()
        );
        assert_eq!(postcard::from_bytes::<Written>(&bytes).unwrap().0, blocks);
        let past =
            postcard::to_allocvec(&vec![(0u32, u32::MAX, 0u32, 0u32), (0, 1, 0, 0)]).unwrap();
        assert!(postcard::from_bytes::<Written>(&past).is_err());

        assert!(blocks_fit(&blocks, 42, 70_000));
        assert!(blocks_fit(&[], 42, 0));
        assert!(!blocks_fit(&[], 42, 1), "texts and no block");
        assert!(
            !blocks_fit(&blocks, 41, 70_000),
            "a block past the documents"
        );
        assert!(
            !blocks_fit(&blocks, 42, 70_001),
            "bytes after the last block"
        );
        assert!(
            !blocks_fit(&blocks[..2], 42, 70_000),
            "bytes after the last block"
        );
        let same_first = [block(2, 900), block(2, 1800)];
        assert!(!blocks_fit(&same_first, 42, 1800));
        let empty_block = [block(2, 900), block(3, 900)];
        assert!(!blocks_fit(&empty_block, 42, 900));
        assert!(!blocks_fit(&[block(0, 0)], 42, 0));
        // A piece goes further into the text of the block before's first, or of a later
        // document; it never starts the texts, nor names a word without a byte.
        let pieces = [
            block(2, 900),
            piece(2, 64, 500, 1800),
            piece(5, 128, 40, 2700),
        ];
        assert!(blocks_fit(&pieces, 42, 2700));
        for (refused, why) in [
            (
                [
                    block(2, 900),
                    piece(2, 64, 500, 1800),
                    piece(2, 128, 400, 2700),
                ],
                "a piece before the one before",
            ),
            (
                [
                    block(2, 900),
                    piece(2, 128, 500, 1800),
                    piece(2, 64, 600, 2700),
                ],
                "a word before the one before",
            ),
        ] {
            assert!(!blocks_fit(&refused, 42, 2700), "{why}");
        }
        assert!(
            !blocks_fit(&[piece(2, 64, 500, 900)], 42, 900),
            "a piece first"
        );
        let wordless = [block(2, 900), piece(3, 0, 500, 1800)];
        assert!(!blocks_fit(&wordless, 42, 1800), "a byte without a word");
    }

    /// `index` with its last block of texts replaced by `block`, deflated.
    fn with_last_block(index: &Index, block: &[u8]) -> Index {
        let last = index.text_blocks.len() - 1;
        let start = block_start(&index.text_blocks, last) as usize;
        let mut bytes = whole_texts(index)[..start].to_vec();
        bytes.extend(miniz_oxide::deflate::compress_to_vec(block, 6));
        let mut changed = index.clone();
        changed.text_blocks[last].deflated_end = bytes.len() as u32;
        changed.texts = Part::Whole(bytes.into());
        changed.inflated = Cache::empty(index.documents.len());
        changed
    }

    #[test]
    fn a_block_is_refused_when_its_list_of_texts_does_not_fill_it_or_strays() {
        let (texts, built) = empty_texts_between_blocks();
        let last = built.text_blocks.len() - 1;
        let start = block_start(&built.text_blocks, last) as usize;
        let inflated =
            miniz_oxide::inflate::decompress_to_vec(&whole_texts(&built)[start..]).unwrap();
        let (texts_end, _) = block_entries(&inflated).unwrap();
        let text = &inflated[..texts_end];
        assert_eq!(text, texts[5].as_bytes());
        // The entries written as the builder writes them, for any document.
        let block_of = |text: &[u8], members: &[(DocId, u32)]| {
            let entries: Vec<BlockEntry> = members
                .iter()
                .map(|&(doc, length)| BlockEntry {
                    doc,
                    length,
                    title: "",
                    url: None,
                })
                .collect();
            let mut block = text.to_vec();
            write_entries(&mut block, &entries);
            block
        };
        let length = texts_end as u32;
        let rebuilt = with_last_block(&built, &block_of(text, &[(5, length)]));
        assert_eq!(
            rebuilt.text(5).unwrap(),
            texts[5],
            "the block as the builder writes it"
        );
        for (what, block) in [
            (
                "a byte no text holds",
                block_of(&[text, b"!"].concat(), &[(5, length)]),
            ),
            (
                "a document of the block before",
                block_of(text, &[(3, length)]),
            ),
            ("a document past the last", block_of(text, &[(6, length)])),
            (
                "an empty text listed",
                block_of(text, &[(5, length), (5, 0)]),
            ),
            ("no document", block_of(text, &[])),
        ] {
            let message = with_last_block(&built, &block)
                .text(5)
                .unwrap_err()
                .to_string();
            assert!(
                message.contains("the text of d5 cannot be read"),
                "{what}: {message}"
            );
        }
    }

    /// The texts part of an index held whole.
    fn whole_texts(index: &Index) -> Vec<u8> {
        match &index.texts {
            Part::Whole(bytes) => bytes.to_vec(),
            Part::Chunked(_) => panic!("an index held whole"),
        }
    }

    #[test]
    fn a_block_ends_with_its_documents_entries_and_a_damaged_list_is_no_list() {
        let (_, built) = blocks();
        let mut block = b"some text".to_vec();
        append_block_entries(&mut block, &[(1, 4), (2, 5)], &built.documents);
        let (start, entries) = block_entries(&block).unwrap();
        assert_eq!(&block[..start], b"some text");
        let expected: Vec<BlockEntry> = [(1, 4), (2, 5)]
            .into_iter()
            .map(|(doc, length)| {
                let meta = built.document(doc).meta;
                BlockEntry {
                    doc,
                    length,
                    title: meta.title,
                    url: meta.url,
                }
            })
            .collect();
        assert_eq!(entries, expected);
        for cut in [1, 3, 5] {
            assert!(
                block_entries(&block[..block.len() - cut]).is_none(),
                "{cut}"
            );
        }
        let mut longer = block.clone();
        let at = longer.len() - 4;
        longer[at..].copy_from_slice(&(block.len() as u32).to_le_bytes());
        assert!(block_entries(&longer).is_none());
        assert!(block_entries(b"abc").is_none());
    }

    #[test]
    fn texts_are_inflated_by_block_when_read_and_damage_is_reported_when_read() {
        let (texts, built) = blocks();
        let bytes = built.to_bytes();
        let read = Index::from_bytes(&bytes).unwrap();
        assert!(
            read.text_blocks.len() > 2,
            "{} blocks",
            read.text_blocks.len()
        );
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
