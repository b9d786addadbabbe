//! The pieces of long texts: a text longer than a block of texts is cut at checkpoints into
//! pieces, each ending a block or starting one (see [`TextBlock`]), so that the passage of a
//! hit reads the piece that holds it, not the whole text. Here an index finds, for a run of
//! words, the pieces that hold them, joined: a [`Window`] on the text.

use std::borrow::Cow;
use std::ops::Range;

use super::store::{blocks_of, KeptText, TextBlock};
use super::{DocId, Index};
use crate::analyze::word_spans_from;
use crate::error::Error;

/// A piece of a text as a block holds it: the document it is of, its text and, in an index
/// whose titles are in a catalogue, the document's title and URL as the block lists them.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) doc: DocId,
    pub(super) kept: KeptText,
}

/// A run of a document's text that holds the words a passage shows: the whole text, or the
/// pieces of a long text that hold those words, joined.
#[derive(Debug)]
pub struct Window<'a> {
    /// The text of the window.
    pub text: Cow<'a, str>,
    /// Where the window starts in the document's text, in bytes.
    pub byte: usize,
    /// The position of the window's first word in the document.
    pub word: u32,
    whole: bool,
}

impl Window<'_> {
    /// The byte ranges, in the window, of the words at positions `start..end` of the
    /// document (fewer where the window ends first).
    pub fn spans(&self, index: &Index, doc: DocId, start: u32, end: u32) -> Vec<Range<usize>> {
        if self.whole {
            return index.spans(doc, start, end);
        }
        word_spans_from(&self.text, 0)
            .skip(start.saturating_sub(self.word) as usize)
            .take(end.saturating_sub(start.max(self.word)) as usize)
            .collect()
    }

    /// `ranges`, byte ranges of the document's text, sorted and disjoint, as ranges of the
    /// window: those within it, cut at its ends.
    pub fn ranges(&self, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
        let end = self.byte + self.text.len();
        ranges
            .iter()
            .filter(|r| r.end > self.byte && r.start < end)
            .map(|r| r.start.max(self.byte) - self.byte..r.end.min(end) - self.byte)
            .collect()
    }
}

impl Index {
    /// The window on the text of `doc` that holds its words `start..end`: the whole text, but
    /// for a text cut into pieces and not read whole, whose pieces that hold those words are
    /// read alone. Only a damaged index makes this fail.
    pub fn text_window(&self, doc: DocId, start: u32, end: u32) -> Result<Window<'_>, Error> {
        let held = blocks_of(&self.text_blocks, doc).filter(|held| held.len() > 1);
        let Some(held) = held.filter(|_| self.inflated.get(doc as usize).is_none()) else {
            return Ok(Window {
                text: Cow::Borrowed(self.text(doc)?),
                byte: 0,
                word: 0,
                whole: true,
            });
        };
        // Piece `b` of the text starts at the word and byte its block names (the first, at 0).
        let at = |b: usize| match b == held.start {
            true => TextBlock::starting(doc, 0),
            false => self.text_blocks[b],
        };
        let piece_of = |word: u32| {
            held.start
                + (held.start + 1..held.end)
                    .take_while(|&b| self.text_blocks[b].word <= word)
                    .count()
        };
        let pieces = piece_of(start)..piece_of(end.saturating_sub(1).max(start)) + 1;
        // Every piece is asked for, so that all that have not arrived are wanted at once.
        let read: Vec<Result<&str, Error>> = pieces
            .clone()
            .map(|b| self.piece(b, doc, b != held.start))
            .collect();
        let mut texts = Vec::with_capacity(read.len());
        for text in read {
            texts.push(text?);
        }
        let text = match texts.as_slice() {
            [one] => Cow::Borrowed(*one),
            _ => Cow::Owned(texts.concat()),
        };
        Ok(Window {
            text,
            byte: at(pieces.start).byte as usize,
            word: at(pieces.start).word,
            whole: false,
        })
    }

    /// The piece of the text of `doc` that block `b` holds, inflated on first use and kept:
    /// the piece that starts the block (the block continues the text) or the one that ends it
    /// (the block holds the start of the text). A block may hold both, of two texts.
    fn piece(&self, b: usize, doc: DocId, starts_block: bool) -> Result<&str, Error> {
        let slot = self
            .inflated_pieces
            .slot(2 * b + usize::from(!starts_block));
        if let Some(kept) = slot.get().filter(|piece| piece.doc == doc) {
            return Ok(&kept.kept.text);
        }
        let piece = self.with_block(b, doc, |mut entries| {
            let (entry, bytes, _) = Iterator::find(&mut entries, |(entry, _, _)| entry.doc == doc)?;
            let text = std::str::from_utf8(bytes).ok()?.to_string();
            Some(Piece {
                doc,
                kept: self.kept(entry, text),
            })
        })?;
        let piece = piece.ok_or_else(|| self.damaged_text(doc))?;
        Ok(&slot.get_or_init(|| piece).kept.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::word_spans;
    use crate::index::samples::of_texts;
    use crate::index::store::{LONG_TEXT_BYTES, TEXT_PIECE_BYTES};
    use crate::index::CHECKPOINT_EVERY;

    /// A short text, a text of 30,000 numbered words (about 240 KB) with runs of spaces, line
    /// ends and letters of two and four bytes, a short text, then a text just long enough to
    /// be cut.
    fn long_texts() -> Vec<String> {
        let long: String = (0..30_000)
            .map(|i| match i % 7 {
                0 => format!("wörd{i},  "),
                3 => format!("𝒳{i}\n"),
                _ => format!("w{i} "),
            })
            .collect();
        let mut just = String::new();
        let mut i = 0;
        while just.len() < LONG_TEXT_BYTES {
            just.push_str(&format!("x{i} "));
            i += 1;
        }
        vec!["A short one.".into(), long, "Another.".into(), just]
    }

    #[test]
    fn a_long_text_is_cut_at_checkpoints_into_pieces_of_a_block_each() {
        let texts = long_texts();
        let built = of_texts(&texts);
        let index = Index::from_bytes(&built.to_bytes()).unwrap();
        let held = blocks_of(&index.text_blocks, 1).unwrap();
        assert!(held.len() >= 6, "{} pieces", held.len());
        let checkpoints = &built.document(1).checkpoints;
        for b in held.start + 1..held.end {
            let block = index.text_blocks[b];
            assert_eq!(block.first, 1);
            assert_eq!(block.word % CHECKPOINT_EVERY, 0);
            let k = (block.word / CHECKPOINT_EVERY - 1) as usize;
            assert_eq!(block.byte, checkpoints[k], "a piece starts at a checkpoint");
        }
        // Pieces of at least a piece's bytes, but the last, which is less than one and a half.
        let starts: Vec<usize> = (held.start + 1..held.end)
            .map(|b| index.text_blocks[b].byte as usize)
            .chain([texts[1].len()])
            .collect();
        for pair in starts.windows(2) {
            assert!(pair[1] - pair[0] >= TEXT_PIECE_BYTES / 2, "{pair:?}");
        }
        let last = starts[starts.len() - 1] - starts[starts.len() - 2];
        assert!(last < 3 * TEXT_PIECE_BYTES / 2 + 1024, "{last}");
        // The short text after it joins the last piece's block; the next long text starts one.
        assert!(blocks_of(&index.text_blocks, 2).unwrap().len() == 1);
        assert!(blocks_of(&index.text_blocks, 3).unwrap().len() == 2);
        for doc in [3, 1, 0, 2] {
            assert_eq!(index.text(doc).unwrap(), texts[doc as usize], "d{doc}");
        }
    }

    #[test]
    fn a_window_holds_the_words_asked_for_wherever_they_lie_among_the_pieces() {
        let texts = long_texts();
        let index = Index::from_bytes(&of_texts(&texts).to_bytes()).unwrap();
        let whole = word_spans(&texts[1]);
        let held = blocks_of(&index.text_blocks, 1).unwrap();
        let cuts: Vec<u32> = (held.start + 1..held.end)
            .map(|b| index.text_blocks[b].word)
            .collect();
        // Passages across every cut, at the start and at the end of the text.
        let words = whole.len() as u32;
        let mut starts: Vec<u32> = cuts.iter().flat_map(|&c| [c - 40, c - 1, c]).collect();
        starts.extend([0, 1, words - 32, words - 1]);
        for start in starts {
            let end = (start + 32).min(words);
            let window = index.text_window(1, start, end).unwrap();
            assert!(!window.whole, "a text cut in pieces and not read whole");
            let spans = window.spans(&index, 1, start, end);
            assert_eq!(spans.len(), (end - start) as usize, "{start}");
            for (span, expected) in spans.iter().zip(&whole[start as usize..end as usize]) {
                let shifted = span.start + window.byte..span.end + window.byte;
                assert_eq!(&shifted, expected, "{start}");
                assert_eq!(&window.text[span.clone()], &texts[1][expected.clone()]);
            }
            let across = cuts.iter().any(|&c| start < c && c < end);
            assert_eq!(
                matches!(window.text, Cow::Owned(_)),
                across,
                "two pieces joined across a cut only: {start}"
            );
            assert!(window.text.len() < 2 * TEXT_PIECE_BYTES + TEXT_PIECE_BYTES / 2);
        }
        // Read whole, a text is its own window; so is a text in one block.
        index.text(1).unwrap();
        assert!(index.text_window(1, 500, 532).unwrap().whole);
        assert!(index.text_window(2, 0, 1).unwrap().whole);
    }

    #[test]
    fn code_ranges_are_cut_to_the_window() {
        let window = Window {
            text: Cow::Borrowed("0123456789"),
            byte: 100,
            word: 64,
            whole: false,
        };
        let ranges = [0..50, 95..102, 104..106, 108..120, 120..130, 200..210];
        assert_eq!(window.ranges(&ranges), [0..2, 4..6, 8..10]);
    }

    #[test]
    fn a_chunked_index_reads_the_pieces_of_a_passage_alone_and_refuses_damaged_ones() {
        let texts = long_texts();
        let built = of_texts(&texts);
        let chunked = built.to_chunks_of(1);
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        let chunk = |name: &str| &chunked.chunks.iter().find(|(n, _)| n == name).unwrap().1;
        let words = built.document(1).words;
        let middle = words / 2;
        assert!(matches!(
            read.text_window(1, middle, middle + 32),
            Err(Error::NotArrived)
        ));
        let wanted = read.wanted_chunks();
        assert_eq!(wanted.len(), 1, "one piece: {wanted:?}");
        read.add_chunk(&wanted[0], chunk(&wanted[0])).unwrap();
        let window = read.text_window(1, middle, middle + 32).unwrap();
        assert!(window.text.len() < 2 * TEXT_PIECE_BYTES);
        assert!(matches!(read.text(1), Err(Error::NotArrived)), "not whole");
        let pieces = read.wanted_chunks().len();
        assert!(pieces >= 5, "the text's other pieces: {pieces}");

        // A block table that says the last text's first block continues it: it holds
        // together, and the block before, whose list ends with another text, is refused once
        // read, for that text as for the last.
        let mut damaged = Index::from_bytes(&built.to_bytes()).unwrap();
        let last = damaged.text_blocks.len() - 1;
        assert_eq!(blocks_of(&damaged.text_blocks, 3), Some(last - 1..last + 1));
        let first = &mut damaged.text_blocks[last - 1];
        (first.word, first.byte) = (64, 1);
        assert!(damaged.check().is_ok());
        for doc in [2, 3] {
            let error = damaged.text(doc).err().unwrap();
            assert!(error.to_string().contains("damaged"), "{error}");
        }
        let error = damaged.text_window(3, 0, 1).err().unwrap();
        assert!(error.to_string().contains("damaged"), "{error}");
        assert_eq!(damaged.text(0).unwrap(), texts[0]);
    }
}
