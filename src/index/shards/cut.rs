//! Writing a sharded dictionary: the terms, each language's stems and the terms' rotations cut
//! into shards, each serialized and deflated on every core, one after the other in the
//! dictionary part, with the table the manifest keeps of where each begins.

use serde::Serialize;

use super::{ShardTable, StemShards, TermShard, ROTATION_SHARD_BYTES, SHARD_LEVEL};
use crate::index::dictionary::{StemTable, Strings, TermTable};
use crate::index::format::deflate_at;
use crate::index::inline::{self, ShortPostings};
use crate::index::rotations;
use crate::index::{DocId, TermId};
use crate::parallel::{cores, in_parallel};

/// What the shards hold of the documents' titles: each document's number of title terms,
/// their average, and the documents whose title holds a term.
pub(in crate::index) struct Titles<'a> {
    pub(in crate::index) lengths: Vec<u32>,
    pub(in crate::index) average_length: f32,
    pub(in crate::index) documents: &'a dyn Fn(TermId) -> &'a [DocId],
}

/// What the manifest tells of the terms without reading a shard: how many occur in some text,
/// the most frequent content words `(term, occurrences, documents)`, and the terms in the
/// most documents `(term, documents)`, sorted.
pub(in crate::index) struct Overview {
    pub(in crate::index) text_terms: u32,
    pub(in crate::index) frequent: Vec<(String, u32, u32)>,
    pub(in crate::index) common: Vec<(String, u32)>,
}

/// The dictionary cut into shards: the table the manifest keeps, and the dictionary part
/// (the shards, deflated, one after the other), with where each shard ends in it. `short`
/// holds the postings each shard of terms holds inline, in a section of its own.
pub(in crate::index) fn cut(
    whole: &TermTable,
    stems: &[StemTable],
    titles: Titles<'_>,
    short: &ShortPostings,
    shard_bytes: usize,
    overview: Overview,
) -> (ShardTable, Vec<u8>, Vec<u32>) {
    let Overview {
        text_terms,
        frequent,
        common,
    } = overview;
    let mut part = Vec::new();
    let mut ends = Vec::new();
    let mut table = ShardTable {
        term_count: whole.terms.len() as u32,
        postings_end: whole.posting_ends.last().copied().unwrap_or(0),
        positions_end: whole.position_ends.last().copied().unwrap_or(0),
        inline_postings_at_most: inline::INLINE_POSTINGS_AT_MOST,
        title_lengths: titles.lengths,
        average_title_length: titles.average_length,
        text_terms,
        frequent,
        common: Strings::from_sorted(common.iter().map(|(term, _)| term)),
        common_documents: common.iter().map(|&(_, documents)| documents).collect(),
        ..ShardTable::default()
    };
    let mut append = |deflated: &[u8], part: &mut Vec<u8>| {
        part.extend_from_slice(deflated);
        ends.push(part.len() as u32);
        part.len() as u32
    };
    // The shards are made here (the terms of titles are found lazily, on this thread) and
    // serialized and deflated on every core.
    // A term weighs its text, its four numbers and the documents whose titles hold it (a
    // step of one or two bytes each), so that the shard of a word common in titles closes
    // soon after it.
    let term_runs: Vec<_> = runs(whole.terms.len(), shard_bytes, |i| {
        whole.terms.get(i).len() + 12 + 2 * (titles.documents)(i as TermId).len()
    })
    .collect();
    let term_shards: Vec<TermShard> = term_runs
        .iter()
        .map(|run| TermShard {
            terms: TermTable {
                terms: Strings::from_sorted(run.clone().map(|i| whole.terms.get(i))),
                posting_ends: whole.posting_ends[run.clone()].to_vec(),
                position_ends: whole.position_ends[run.clone()].to_vec(),
                document_frequencies: whole.document_frequencies[run.clone()].to_vec(),
                occurrences: whole.occurrences[run.clone()].to_vec(),
            },
            title_documents: run
                .clone()
                .map(|i| (titles.documents)(i as TermId).to_vec())
                .collect(),
        })
        .collect();
    let deflated = in_parallel(&term_shards, cores(), |shard| {
        deflate_at(&postcard_bytes(shard), SHARD_LEVEL)
    });
    drop(term_shards);
    let mut firsts = Vec::new();
    for (run, deflated) in term_runs.iter().zip(deflated) {
        table.starts.push(run.start as u32);
        table.posting_starts.push(match run.start {
            0 => 0,
            i => whole.posting_ends[i - 1],
        });
        table.position_starts.push(match run.start {
            0 => 0,
            i => whole.position_ends[i - 1],
        });
        firsts.push(whole.terms.get(run.start));
        let end = append(&deflated, &mut part);
        table.ends.push(end);
    }
    table.firsts = Strings::from_sorted(firsts);
    for stem_table in stems {
        let mut shards = StemShards {
            language: stem_table.language().to_string(),
            ..StemShards::default()
        };
        let split = stem_table.split(shard_bytes);
        let deflated = in_parallel(&split, cores(), |shard| {
            deflate_at(&postcard_bytes(shard), SHARD_LEVEL)
        });
        let mut firsts = Vec::new();
        for (shard, deflated) in split.iter().zip(deflated) {
            firsts.push(shard.first_stem().unwrap_or_default().to_string());
            let end = append(&deflated, &mut part);
            shards.ends.push(end);
        }
        shards.firsts = Strings::from_sorted(firsts);
        if !shards.ends.is_empty() {
            table.stems.push(shards);
        }
    }
    // The rotations, cut and deflated on every core: at 1 GB of text, 9 million of them.
    let sorted = rotations::sorted(&whole.terms);
    let size = |i: usize| whole.terms.get(sorted[i].term as usize).len() + 1;
    let runs: Vec<_> = runs(sorted.len(), ROTATION_SHARD_BYTES, size).collect();
    let shards = in_parallel(&runs, cores(), |run| {
        let mut texts = Strings::default();
        for i in run.clone() {
            sorted[i].push_to(&whole.terms, &mut texts);
        }
        let first = texts.iter().next().unwrap_or_default().to_string();
        (first, deflate_at(&postcard_bytes(&texts), SHARD_LEVEL))
    });
    let mut firsts = Vec::new();
    for (first, deflated) in shards {
        firsts.push(first);
        let end = append(&deflated, &mut part);
        table.rotations.ends.push(end);
    }
    table.rotations.firsts = Strings::from_sorted(firsts);
    // The postings each shard of terms holds inline, a section a shard, deflated on every
    // core: none for a shard without any, which takes no bytes.
    let sections = in_parallel(&term_runs, cores(), |run| {
        let bytes: Vec<u8> = run.clone().flat_map(|i| short.of(i)).copied().collect();
        (!bytes.is_empty()).then(|| deflate_at(&bytes, SHARD_LEVEL))
    });
    for section in sections {
        let end = match section {
            Some(deflated) => append(&deflated, &mut part),
            None => part.len() as u32,
        };
        table.inline_ends.push(end);
    }
    (table, part, ends)
}

fn postcard_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).expect("a shard always serializes")
}

/// `0..count` cut into runs, each closed once the sizes of its items reach `bytes`.
fn runs(
    count: usize,
    bytes: usize,
    size: impl Fn(usize) -> usize,
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= count {
            return None;
        }
        let mut taken = 0;
        let mut end = start;
        while end < count && taken < bytes {
            taken += size(end);
            end += 1;
        }
        let run = start..end;
        start = end;
        Some(run)
    })
}
