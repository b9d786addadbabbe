//! The parts of an index as the builder writes them: posting blocks, position blocks and text
//! blocks, each deflated in batches on every core as they fill.

use crate::error::BuildError;
use crate::index::format::deflate_at;
use crate::index::postings::{
    PositionBlock, PostingBlock, POSITION_BLOCK_BYTES, POSTING_BLOCK_BYTES,
};
use crate::index::store::{TextBlock, LONG_TEXT_BYTES, TEXT_BLOCK_BYTES, TEXT_PIECE_BYTES};
use crate::index::Documents;
use crate::index::{DocId, TermId, CHECKPOINT_EVERY};
use crate::parallel::{cores, in_background, in_parallel, Background};

/// How many bytes of blocks (posting or text) are gathered before they are deflated together,
/// on as many threads as the machine offers.
const DEFLATE_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// The DEFLATE level of posting blocks: on the postings of 100 MB of text, level 3 makes them
/// 0.2% larger than level 6 (the format's), in 84% of the time.
const POSTINGS_LEVEL: u8 = 3;

/// The DEFLATE level of text blocks: on 100 MB of text, level 4 makes them 0.9% larger than
/// level 6, in 79% of the time, and level 3 1.9% larger, in less still: the whole index of
/// 100 MB is 0.54% larger at 3 than at 4, and its build takes 5% less processor time (11% at
/// 10 MB, where deflating texts weighs more).
const TEXTS_LEVEL: u8 = 3;

/// The postings part as it is built: posting blocks cut at term boundaries once they reach
/// [`POSTING_BLOCK_BYTES`], deflated in batches.
#[derive(Default)]
pub(super) struct PostingBlocks {
    /// The block being filled.
    pub(super) block: Vec<u8>,
    /// Where it starts in the postings, inflated.
    block_start: u64,
    blocks: Vec<PostingBlock>,
    deflated: BatchDeflater,
}

impl PostingBlocks {
    /// Opens a new block for `term` if the current one is full (or there is none).
    pub(super) fn start_term(&mut self, term: TermId) {
        if self.blocks.is_empty() || self.block.len() >= POSTING_BLOCK_BYTES {
            if !self.blocks.is_empty() {
                self.close();
            }
            self.blocks.push(PostingBlock {
                first_term: term,
                deflated_end: 0,
                start: self.block_start as u32,
            });
        }
    }

    /// The end of the postings so far, inflated.
    pub(super) fn end(&self) -> Result<u32, BuildError> {
        offset(self.block_start + self.block.len() as u64, "postings")
    }

    fn close(&mut self) {
        let block = std::mem::take(&mut self.block);
        self.block_start += block.len() as u64;
        self.deflated.push(block);
    }

    pub(super) fn finish(mut self) -> (Vec<PostingBlock>, Vec<u8>) {
        if !self.blocks.is_empty() {
            self.close();
        }
        let (ends, deflated) = self.deflated.finish();
        for (block, end) in self.blocks.iter_mut().zip(ends) {
            block.deflated_end = end;
        }
        (self.blocks, deflated)
    }
}

/// The positions part as it is built: the positions of the terms that keep them apart, in
/// blocks closed at the first document's end that makes them [`POSITION_BLOCK_BYTES`] or
/// more and at the end of each term's, deflated in batches.
#[derive(Default)]
pub(super) struct PositionBlocks {
    block: Vec<u8>,
    block_start: u64,
    /// Where each block starts in the positions, inflated.
    starts: Vec<u32>,
    deflated: BatchDeflater,
}

impl PositionBlocks {
    /// Closes the block a term's positions would otherwise start in the middle of: the
    /// positions of a term's first documents then lie in one chunk, what a phrase of common
    /// words checks first reads one chunk a word rather than two (the end of the block of the
    /// term before, and the next).
    pub(super) fn start_term(&mut self) {
        if !self.block.is_empty() {
            self.close();
        }
    }

    /// Appends one document's encoded positions.
    pub(super) fn push_document(&mut self, positions: &[u8]) {
        if self.block.is_empty() {
            self.starts.push(self.block_start as u32);
        }
        self.block.extend_from_slice(positions);
        if self.block.len() >= POSITION_BLOCK_BYTES {
            self.close();
        }
    }

    /// The end of the positions so far, inflated.
    pub(super) fn end(&self) -> Result<u32, BuildError> {
        offset(self.block_start + self.block.len() as u64, "positions")
    }

    fn close(&mut self) {
        let block = std::mem::take(&mut self.block);
        self.block_start += block.len() as u64;
        self.deflated.push(block);
    }

    pub(super) fn finish(mut self) -> (Vec<PositionBlock>, Vec<u8>) {
        if !self.block.is_empty() {
            self.close();
        }
        let (ends, deflated) = self.deflated.finish();
        let blocks = self
            .starts
            .into_iter()
            .zip(ends)
            .map(|(start, deflated_end)| PositionBlock {
                deflated_end,
                start,
            })
            .collect();
        (blocks, deflated)
    }
}

/// An offset into the postings or positions, inflated, which the format holds in 32 bits.
fn offset(at: u64, part: &str) -> Result<u32, BuildError> {
    u32::try_from(at).map_err(|_| {
        BuildError::Corpus(format!(
            "the corpus is too large for one index: its {part} pass 4 GiB; split the folder"
        ))
    })
}

/// Blocks of postings or positions deflated at [`POSTINGS_LEVEL`] in batches of
/// [`DEFLATE_BATCH_BYTES`] on every core, in order: the bytes of a part, and where each block
/// ends in them. A batch is deflated in the background while the next is gathered (merging the
/// postings is work for one core).
#[derive(Default)]
struct BatchDeflater {
    /// Blocks not yet deflated.
    pending: Vec<Vec<u8>>,
    pending_bytes: usize,
    /// The batch being deflated.
    deflating: Option<Background<Vec<Vec<u8>>>>,
    deflated: Vec<u8>,
    ends: Vec<u32>,
}

impl BatchDeflater {
    pub(super) fn push(&mut self, block: Vec<u8>) {
        self.pending_bytes += block.len();
        self.pending.push(block);
        if self.pending_bytes >= DEFLATE_BATCH_BYTES {
            self.take_deflated();
            let batch = std::mem::take(&mut self.pending);
            self.pending_bytes = 0;
            self.deflating = Some(in_background(move || deflate_batch(&batch)));
        }
    }

    /// Appends the batch being deflated, once it is.
    fn take_deflated(&mut self) {
        if let Some(deflating) = self.deflating.take() {
            self.append(deflating.wait());
        }
    }

    fn append(&mut self, batch: Vec<Vec<u8>>) {
        for bytes in batch {
            self.deflated.extend(bytes);
            self.ends.push(self.deflated.len() as u32);
        }
    }

    pub(super) fn finish(mut self) -> (Vec<u32>, Vec<u8>) {
        self.take_deflated();
        let last = deflate_batch(&self.pending);
        self.append(last);
        (self.ends, self.deflated)
    }
}

/// Each of `blocks` deflated at [`POSTINGS_LEVEL`], on every core.
fn deflate_batch(blocks: &[Vec<u8>]) -> Vec<Vec<u8>> {
    in_parallel(blocks, cores(), |block| deflate_at(block, POSTINGS_LEVEL))
}

/// The texts part as it is built: consecutive documents' texts joined into blocks of at least
/// [`TEXT_BLOCK_BYTES`], each closed by its documents' entries (see
/// [`crate::index::store::append_block_entries`]), deflated in batches; a text of
/// [`LONG_TEXT_BYTES`] or more cut into pieces (see [`TextBlock`]).
#[derive(Default)]
pub(super) struct TextBlocks {
    block: Vec<u8>,
    /// The documents of the open block, with the lengths of their texts (or pieces).
    members: Vec<(DocId, u32)>,
    /// Where the open block's first text starts in its document: 0 and 0 but for a block that
    /// continues a long text.
    resumes: (u32, u32),
    /// Closed blocks, each with its first document and where its first text starts, to be
    /// deflated.
    pending: Vec<(Vec<u8>, DocId, (u32, u32))>,
    pending_bytes: usize,
    blocks: Vec<TextBlock>,
    deflated: Vec<u8>,
}

impl TextBlocks {
    pub(super) fn push(&mut self, doc: DocId, text: &str, documents: &Documents) {
        if text.is_empty() {
            return;
        }
        if self.block.len() >= TEXT_BLOCK_BYTES {
            self.close(documents);
        }
        let mut from = 0;
        if text.len() >= LONG_TEXT_BYTES {
            // A long text starts a block, and each piece but the last closes one, until what
            // is left is less than half a piece.
            self.close(documents);
            let checkpoints = documents.get(doc).checkpoints;
            loop {
                let k = checkpoints.partition_point(|&c| (c as usize) < from + TEXT_PIECE_BYTES);
                let Some(&cut) = checkpoints.get(k) else {
                    break;
                };
                let cut = cut as usize;
                if text.len() - cut < TEXT_PIECE_BYTES / 2 {
                    break;
                }
                self.block.extend_from_slice(&text.as_bytes()[from..cut]);
                self.members.push((doc, (cut - from) as u32));
                self.close(documents);
                self.resumes = ((k as u32 + 1) * CHECKPOINT_EVERY, cut as u32);
                from = cut;
            }
        }
        self.block.extend_from_slice(&text.as_bytes()[from..]);
        self.members.push((doc, (text.len() - from) as u32));
    }

    fn close(&mut self, documents: &Documents) {
        let Some(&(first, _)) = self.members.first() else {
            return;
        };
        crate::index::store::append_block_entries(&mut self.block, &self.members, documents);
        self.members.clear();
        let block = std::mem::take(&mut self.block);
        self.pending_bytes += block.len();
        self.pending
            .push((block, first, std::mem::take(&mut self.resumes)));
        if self.pending_bytes >= DEFLATE_BATCH_BYTES {
            self.deflate_pending();
        }
    }

    fn deflate_pending(&mut self) {
        let deflated = in_parallel(&self.pending, cores(), |(block, _, _)| {
            deflate_at(block, TEXTS_LEVEL)
        });
        for (&(_, first, (word, byte)), bytes) in self.pending.iter().zip(deflated) {
            self.deflated.extend(bytes);
            self.blocks.push(TextBlock {
                first,
                word,
                byte,
                deflated_end: self.deflated.len() as u32,
            });
        }
        self.pending.clear();
        self.pending_bytes = 0;
    }

    /// The blocks and the texts part.
    pub(super) fn finish(
        mut self,
        documents: &Documents,
    ) -> Result<(Vec<TextBlock>, Vec<u8>), BuildError> {
        self.close(documents);
        self.deflate_pending();
        if u32::try_from(self.deflated.len()).is_err() {
            return Err(BuildError::Corpus(
                "the corpus is too large for one index: its deflated texts pass 4 GiB; split the folder"
                    .into(),
            ));
        }
        Ok((self.blocks, self.deflated))
    }
}
