//! Postings held inline: a term in a few documents has postings of a few bytes, which a
//! chunked index also keeps beside its shard of the dictionary (as Lucene's "pulsing" keeps
//! them in its terms dictionary), in a section a shard of terms, a chunk of 4 to 7 KiB. A rare
//! word, the near spellings of a misspelling and a word's rare other forms then read that
//! rather than a block of postings of 20 to 55 KiB for a few bytes of theirs. The sections are
//! chunks of their own, not in the shards: what walks the dictionary (prefixes, near
//! spellings) reads the shards of many terms whose postings it never reads. The single file
//! is unchanged, and the chunks of postings are still its blocks whole.

use std::sync::Mutex;

use super::{Index, TermId};
use crate::parallel::{cores, in_parallel};

/// A term whose postings take this many bytes or fewer (and some) is held inline: a word in
/// 25 documents at most. At 1 GB of text, `war NEAR peace` reads 434 KiB rather than 508 (its
/// form `warly`, in 8 documents, had a block of 46 KiB to itself), misspellings up to 101 KiB
/// less, and no query more; the viewer is 0.8% larger. At most 16 bytes, `warly` is not held
/// inline; at most 64, a misspelling reads up to 15 KiB more.
pub(super) const INLINE_POSTINGS_AT_MOST: u32 = 128;

/// Whether postings of `length` bytes are held inline when terms of `at_most` bytes or fewer
/// are.
pub(super) fn is_inline(length: u32, at_most: u32) -> bool {
    length > 0 && length <= at_most
}

/// The postings of every term held inline, joined in term order.
pub(super) struct ShortPostings {
    bytes: Vec<u8>,
    /// Where each term's postings end in `bytes` (a term not held inline ends where the one
    /// before does).
    ends: Vec<u32>,
}

impl ShortPostings {
    /// The postings of `term` if it is held inline, else nothing.
    pub(super) fn of(&self, term: usize) -> &[u8] {
        let start = match term {
            0 => 0,
            _ => self.ends[term - 1] as usize,
        };
        &self.bytes[start..self.ends[term] as usize]
    }
}

impl Index {
    /// The postings of each term whose postings take `at_most` bytes or fewer (and some), for
    /// the shards of a chunked index to hold. Each block of postings is inflated once, on
    /// every core, and let go (the whole postings of a large corpus take gigabytes inflated).
    /// A block that cannot be inflated (the index is damaged) leaves its terms' postings out,
    /// so that their sections read as damaged too.
    pub(super) fn short_postings(&self, at_most: u32) -> ShortPostings {
        let terms = self.term_count();
        // For each block that holds some: its deflated bytes, its length inflated, and its
        // terms held inline with where their postings lie in it.
        let mut blocks = Vec::new();
        for (b, block) in self.posting_blocks.iter().enumerate() {
            let last = self
                .posting_blocks
                .get(b + 1)
                .map_or(terms as TermId, |next| next.first_term);
            let short: Vec<(TermId, u32, u32)> = (block.first_term..last)
                .filter_map(|t| {
                    let (start, end) = self.posting_range(t);
                    let from = start.checked_sub(block.start)?;
                    is_inline(end - start, at_most).then_some((t, from, end - start))
                })
                .collect();
            let (deflated_start, deflated_end) = self.deflated_posting_block(b);
            let deflated = self.postings.get(deflated_start, deflated_end);
            if let (false, Ok(deflated)) = (short.is_empty(), deflated) {
                let length = self.posting_block_end(b).saturating_sub(block.start);
                blocks.push((deflated, length, short));
            }
        }
        let found = in_parallel(&blocks, cores(), |(deflated, length, short)| {
            let inflated =
                miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, *length as usize)
                    .unwrap_or_default();
            short
                .iter()
                .filter_map(|&(t, from, length)| {
                    let bytes = inflated.get(from as usize..(from + length) as usize)?;
                    Some((t, bytes.to_vec()))
                })
                .collect::<Vec<_>>()
        });
        let mut short = ShortPostings {
            bytes: Vec::new(),
            ends: Vec::with_capacity(terms),
        };
        for (t, bytes) in found.into_iter().flatten() {
            let end = short.bytes.len() as u32;
            short.ends.resize(t as usize, end);
            short.bytes.extend_from_slice(&bytes);
            short.ends.push(short.bytes.len() as u32);
        }
        short.ends.resize(terms, short.bytes.len() as u32);
        short
    }
}

/// A shard's section of postings held inline: the postings, and where each of its terms'
/// start there.
#[derive(Debug, Clone)]
pub(super) struct Section {
    bytes: Vec<u8>,
    starts: Vec<u32>,
}

impl Section {
    /// The section of a shard whose first term's postings start at `first_start` in all the
    /// postings and whose terms' end at `posting_ends`, read from its `deflated` bytes (none
    /// for a section without postings); `None` when they cannot be inflated or do not hold
    /// the postings of those terms held inline, no more and no less (it is damaged).
    pub(super) fn read(
        deflated: &[u8],
        first_start: u32,
        posting_ends: &[u32],
        at_most: u32,
    ) -> Option<Section> {
        let bytes = match deflated {
            [] => Vec::new(),
            _ => miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_SECTION_BYTES)
                .ok()?,
        };
        let starts = inline_starts(first_start, posting_ends, at_most, bytes.len())?;
        Some(Section { bytes, starts })
    }

    /// The postings of the shard's term `i`, held inline and `length` bytes long.
    pub(super) fn postings(&self, i: usize, length: u32) -> Option<&[u8]> {
        let from = *self.starts.get(i)? as usize;
        self.bytes.get(from..from.checked_add(length as usize)?)
    }
}

/// The sections a call wanted for terms held inline, each with where the block of postings
/// that also holds the term starts: a section all of whose terms' blocks the call wants too
/// is not fetched (see [`super::Index::wanted_chunks`]); those terms are read from their
/// blocks. A copy holds none.
#[derive(Debug, Default)]
pub(super) struct SectionRequests(Mutex<Vec<(usize, u32)>>);

impl Clone for SectionRequests {
    fn clone(&self) -> SectionRequests {
        SectionRequests::default()
    }
}

impl SectionRequests {
    /// Notes that section `k` was wanted for a term whose block starts at `block_at`.
    pub(super) fn note(&self, k: usize, block_at: u32) {
        let mut requests = self.0.lock().expect("never poisoned");
        if !requests.contains(&(k, block_at)) {
            requests.push((k, block_at));
        }
    }

    /// The sections wanted since the last time, each once, that only terms in blocks
    /// `block_wanted` says are wanted asked for.
    pub(super) fn take_needless(&self, block_wanted: impl Fn(u32) -> bool) -> Vec<usize> {
        let mut requests = std::mem::take(&mut *self.0.lock().expect("never poisoned"));
        requests.sort_unstable();
        let mut needless: Vec<usize> = requests.iter().map(|&(k, _)| k).collect();
        needless.dedup();
        needless.retain(|&k| {
            requests
                .iter()
                .filter(|&&(of, _)| of == k)
                .all(|&(_, block_at)| block_wanted(block_at))
        });
        needless
    }
}

/// The most bytes a section inflates to, as a guard against damage: a shard's terms at most
/// [`INLINE_POSTINGS_AT_MOST`] bytes each.
const MAX_SECTION_BYTES: usize = 64 << 20;

/// Where the inline postings of each term of a shard start in the shard's section (`held`
/// bytes): its first term's postings start at `first_start` in all the postings, and each
/// term's end at `posting_ends`; `None` when those held inline do not take `held` bytes.
fn inline_starts(
    first_start: u32,
    posting_ends: &[u32],
    at_most: u32,
    held: usize,
) -> Option<Vec<u32>> {
    let mut starts = Vec::with_capacity(posting_ends.len());
    let (mut start, mut offset) = (first_start, 0u32);
    for &end in posting_ends {
        starts.push(offset);
        let length = end.checked_sub(start)?;
        if is_inline(length, at_most) {
            offset += length;
        }
        start = end;
    }
    (offset as usize == held).then_some(starts)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::index::fetches::Fetches;
    use crate::index::samples::of_texts;
    use crate::index::PostingsChunk;

    /// 300 documents of common words, each with a word of its own (`uniqueN`), and a word of
    /// each run of 30 (`uniqueNgroup`, where N is the run), which lies among the words of
    /// their own in the dictionary.
    fn texts() -> Vec<String> {
        (0..300)
            .map(|i| {
                let common = "the city council met and the council spoke. ".repeat(20);
                format!("{common} unique{i} unique{}group {common}", i / 30)
            })
            .collect()
    }

    #[test]
    fn the_short_postings_are_those_of_the_terms_that_take_few_bytes() {
        let whole = of_texts(&texts());
        let short = whole.short_postings(INLINE_POSTINGS_AT_MOST);
        let (mut held, mut not) = (0, 0);
        for t in 0..whole.term_count() as TermId {
            let bytes = whole.posting_bytes(t).unwrap();
            if is_inline(bytes.len() as u32, INLINE_POSTINGS_AT_MOST) {
                assert_eq!(short.of(t as usize), bytes, "{}", whole.term(t));
                held += 1;
            } else {
                assert!(short.of(t as usize).is_empty(), "{}", whole.term(t));
                not += 1;
            }
        }
        // The unique words, and none of the common ones.
        assert!(held >= 300 && not >= 5, "{held} held, {not} not");
        assert!(whole.short_postings(0).bytes.is_empty());
    }

    #[test]
    fn a_rare_term_reads_its_postings_from_its_shards_section_and_a_common_one_from_its_block() {
        let whole = of_texts(&texts());
        let chunked = whole.to_chunks();
        let chunks: HashMap<String, Vec<u8>> = chunked.chunks.into_iter().collect();
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        let arrive = |read: &Index| {
            let wanted = read.wanted_chunks();
            for name in &wanted {
                read.add_chunk(name, &chunks[name]).unwrap();
            }
            wanted
        };
        assert_eq!(read.term_id("unique123"), None);
        assert!(!arrive(&read).is_empty(), "its shard");
        let rare = read.term_id("unique123").unwrap();
        assert_eq!(read.posting_block(rare), None);
        let k = match read.postings_chunk(rare) {
            Some(PostingsChunk::Section(k)) => k,
            other => panic!("{other:?}"),
        };
        // Its shard's section, counted before it is read, then wanted.
        let mut fetches = Fetches::default();
        read.fetch_postings(rare, &mut fetches);
        assert!(read.postings(rare).unwrap().is_empty());
        let section = arrive(&read);
        assert_eq!(section.len(), 1);
        assert_eq!(read.chunk_part(&section[0]), Some("dictionary"));
        assert_eq!(fetches.bytes(), chunks[&section[0]].len() as u64);
        let weight = read.postings_chunk_bytes(PostingsChunk::Section(k));
        assert_eq!(weight, fetches.bytes());
        let postings = read.postings(rare).unwrap();
        assert_eq!(postings, whole.postings(rare).unwrap());
        assert_eq!(postings[0].doc, 123);
        assert!(read.wanted_chunks().is_empty());
        let mut fetches = Fetches::default();
        read.fetch_postings(rare, &mut fetches);
        assert_eq!(fetches.bytes(), 0, "read already");
        // Another rare word of the same shard needs nothing more.
        let other = read.term_id("unique124").unwrap();
        assert_eq!(read.postings(other).unwrap()[0].doc, 124);
        assert!(read.wanted_chunks().is_empty());
        // A word of 30 documents takes more bytes: its block of postings.
        let group = read.term_id("unique4group").unwrap();
        let b = read.posting_block(group).unwrap();
        assert_eq!(read.postings_chunk(group), Some(PostingsChunk::Block(b)));
        assert!(read.postings(group).unwrap().is_empty());
        let block = arrive(&read);
        assert_eq!(read.chunk_part(&block[0]), Some("postings"));
        assert!(chunks[&block[0]].len() > chunks[&section[0]].len());
        assert_eq!(
            read.postings(group).unwrap(),
            whole.postings(group).unwrap()
        );
        // Every term, once every chunk has arrived, as the whole index has it.
        for chunk in chunks.keys() {
            read.add_chunk(chunk, &chunks[chunk]).unwrap();
        }
        for t in 0..whole.term_count() as TermId {
            assert_eq!(read.postings(t).unwrap(), whole.postings(t).unwrap());
        }
    }

    #[test]
    fn a_rare_term_beside_a_frequent_one_reads_their_block_rather_than_its_section() {
        let whole = of_texts(&texts());
        // A shard a term: each term held inline has a section of its own.
        let chunked = whole.to_chunks_of(1);
        let chunks: HashMap<String, Vec<u8>> = chunked.chunks.into_iter().collect();
        // Every shard, and none of the sections of postings held inline.
        let open = || {
            let read = Index::from_manifest(&chunked.manifest).unwrap();
            loop {
                for t in 0..whole.term_count() as TermId {
                    read.term(t);
                }
                let wanted = read.wanted_chunks();
                if wanted.is_empty() {
                    break read;
                }
                for name in &wanted {
                    read.add_chunk(name, &chunks[name]).unwrap();
                }
            }
        };
        let read = open();
        let group = read.term_id("unique4group").unwrap();
        let b = read.posting_block(group).unwrap();
        let beside: Vec<TermId> = (0..whole.term_count() as TermId)
            .filter(|&t| read.holds_postings_inline(t) && read.block_of_term(t) == b)
            .collect();
        assert!(beside.len() >= 2, "{beside:?}");
        // Asked before the frequent word in the same call, the rare one wants its section;
        // once the call wants their block too, the section is not fetched.
        assert!(read.postings(beside[1]).unwrap().is_empty());
        assert!(read.postings(group).unwrap().is_empty());
        // Asked after it, the rare one waits for their block.
        assert!(read.postings(beside[0]).unwrap().is_empty());
        let wanted = read.wanted_chunks();
        assert_eq!(wanted.len(), 1, "the block alone");
        assert_eq!(read.chunk_part(&wanted[0]), Some("postings"));
        read.add_chunk(&wanted[0], &chunks[&wanted[0]]).unwrap();
        // Once the block has arrived, every term held inline in it reads from it.
        for &t in &beside {
            let mut fetches = Fetches::default();
            read.fetch_postings(t, &mut fetches);
            assert_eq!(fetches.bytes(), 0);
            assert_eq!(read.postings(t).unwrap(), whole.postings(t).unwrap());
        }
        assert!(read.wanted_chunks().is_empty());
        // A rare term asked alone wants its section.
        let read = open();
        assert!(read.postings(beside[1]).unwrap().is_empty());
        let wanted = read.wanted_chunks();
        assert_eq!(wanted.len(), 1);
        assert_eq!(read.chunk_part(&wanted[0]), Some("dictionary"));
        read.add_chunk(&wanted[0], &chunks[&wanted[0]]).unwrap();
        assert_eq!(
            read.postings(beside[1]).unwrap(),
            whole.postings(beside[1]).unwrap()
        );
    }

    #[test]
    fn a_chunk_whose_bytes_two_parts_hold_is_listed_once_and_fills_both() {
        // Three terms, each in one document: the postings block and the shard's section of
        // postings held inline are the same bytes, deflated the same.
        let whole = of_texts(&["alpha beta".to_string(), "gamma".to_string()]);
        let chunked = whole.to_chunks();
        let mut names: Vec<&String> = chunked.chunks.iter().map(|(name, _)| name).collect();
        let listed = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), listed, "each chunk once");
        let read = Index::from_manifest(&chunked.manifest).unwrap();
        for (name, bytes) in &chunked.chunks {
            read.add_chunk(name, bytes).unwrap();
        }
        for t in 0..whole.term_count() as TermId {
            assert_eq!(read.postings(t).unwrap(), whole.postings(t).unwrap());
        }
        assert!(read.wanted_chunks().is_empty());
        assert_eq!(
            read.postings(read.term_id("gamma").unwrap()).unwrap()[0].doc,
            1
        );
        // The block of postings, the same bytes as the section, has arrived too.
        assert!(read.postings.has(0));
    }

    #[test]
    fn a_section_whose_postings_do_not_add_up_is_damaged() {
        // Three terms from 100: 5 bytes (held inline), 40 (not), 3 (held inline).
        let ends = [105, 145, 148];
        let eight = crate::index::format::deflate_at(&[1, 2, 3, 4, 5, 6, 7, 8], 6);
        let section = Section::read(&eight, 100, &ends, 16).unwrap();
        assert_eq!(section.postings(0, 5), Some(&[1, 2, 3, 4, 5][..]));
        assert_eq!(section.postings(2, 3), Some(&[6, 7, 8][..]));
        // Held inline up to 4 bytes, they would take 3; not deflated; none, where two are.
        assert!(Section::read(&eight, 100, &ends, 4).is_none());
        assert!(Section::read(&[1, 2, 3, 4, 5, 6, 7, 8], 100, &ends, 16).is_none());
        assert!(Section::read(&[], 100, &ends, 16).is_none());
        // A section without postings, for terms that hold none inline; ends out of order.
        assert!(Section::read(&[], 100, &ends, 0).is_some());
        assert!(Section::read(&[], 100, &[99], 16).is_none());
    }
}
