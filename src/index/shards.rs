//! The dictionary of a chunked index, in shards: runs of consecutive terms, of consecutive
//! stems of each language's table, and of the terms' sorted rotations (see `rotations`), each
//! serialized and deflated on its own one after the other in the dictionary part, which is cut
//! into chunks as the postings and texts are. The manifest keeps where each shard begins (its
//! first term, stem or rotation, the id of its first term and where its postings start), so a
//! lookup knows which shard to read without reading any; a shard is decoded the first time a
//! call reads it, and kept, as the single file keeps its dictionary.
//!
//! A shard that has not arrived reads as holding nothing and is wanted, as a block of postings
//! is. Near spellings read the shards of terms and rotations that may hold them. What needs
//! every term ("did you mean", the vocabulary) wants every shard of terms, unless the call is
//! already waiting for one: its answer may not need them.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::chunks::{Chunks, Unreadable};
use super::dictionary::{StemTable, Strings, TermTable};
use super::fetches::{Fetches, PartOf};
use super::format::{increasing, increasing_lists, varints};
use super::inline;
use super::rotations::{self, Lookup};
use super::{DocId, TermId};

mod cut;

pub(super) use cut::{cut, Overview, Titles};

/// A shard closes once its terms (or stems) and their numbers take this many bytes or more:
/// about 1,000 terms, 6 to 9 KiB deflated. Every word of a query reads the shard of its term
/// and of its stem, and a near spelling the shards of the terms it finds, each in a shard of
/// its own: at 64 KiB a shard was 25 to 35 KiB deflated, most of what a rare word fetched.
pub(super) const SHARD_BYTES: usize = 16 * 1024;

/// A shard of rotations closes once its rotations take this many bytes or more: about 3,000
/// rotations, 14 to 18 KiB deflated. A near spelling reads a few ranges of rotations, each
/// mostly within one shard, so smaller shards read less.
pub(super) const ROTATION_SHARD_BYTES: usize = 32 * 1024;

/// The DEFLATE level of the shards (of terms, stems and rotations): at 100 MB of text, level 3
/// makes the viewer 0.03% larger than level 6 and its build 8% quicker (4.1 s rather than 4.4
/// to 4.8); level 2 is no quicker, and level 1 larger and slower.
const SHARD_LEVEL: u8 = 3;

/// The most bytes a shard inflates to, as a guard against damage.
const MAX_SHARD_BYTES: usize = 64 << 20;

/// What the manifest holds of a sharded dictionary: where each shard begins and ends, and
/// what the overview shows without reading a shard.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct ShardTable {
    /// How many terms there are in all.
    pub(super) term_count: u32,
    /// Where the last term's postings end: the length of all the postings, inflated.
    pub(super) postings_end: u32,
    /// Where the last term's positions kept apart end: the length of the positions part,
    /// inflated.
    pub(super) positions_end: u32,
    /// The id of each shard's first term.
    #[serde(with = "increasing")]
    pub(super) starts: Vec<u32>,
    /// Where each shard's first term's postings start.
    #[serde(with = "increasing")]
    pub(super) posting_starts: Vec<u32>,
    /// Where each shard's first term's positions kept apart start.
    #[serde(with = "increasing")]
    pub(super) position_starts: Vec<u32>,
    /// Each shard's first term.
    pub(super) firsts: Strings,
    /// Where each shard of terms ends in the dictionary part (it starts where the one before
    /// ends).
    #[serde(with = "increasing")]
    pub(super) ends: Vec<u32>,
    /// The shards of each table of stems, which follow those of the terms.
    pub(super) stems: Vec<StemShards>,
    /// The shards of the terms' rotations, which follow those of the stems.
    pub(super) rotations: RotationShards,
    /// A term whose postings take this many bytes or fewer (and some) has them in its shard's
    /// section of postings held inline (see `inline`); 0 for none.
    pub(super) inline_postings_at_most: u32,
    /// Where each shard of terms' section of postings held inline ends in the dictionary
    /// part: the sections follow the shards of rotations, and one without postings takes no
    /// bytes.
    #[serde(with = "increasing")]
    pub(super) inline_ends: Vec<u32>,
    /// How many distinct terms each document's title holds, and their average: what ranking
    /// weighs a title by. Which documents' titles hold a term is in its shard.
    #[serde(with = "varints")]
    pub(super) title_lengths: Vec<u32>,
    pub(super) average_title_length: f32,
    /// How many terms occur in some text.
    pub(super) text_terms: u32,
    /// The most frequent content words, `(term, occurrences, documents)`, as
    /// [`super::Index::frequent_words`] gives them.
    pub(super) frequent: Vec<(String, u32, u32)>,
    /// The terms in the most documents, sorted, and in how many documents each is
    /// (`common_documents`): what a query word's postings cost is known by before its shard
    /// has arrived (see [`Shards::document_frequency_of`]).
    pub(super) common: Strings,
    #[serde(with = "varints")]
    pub(super) common_documents: Vec<u32>,
}

/// Where the shards of one language's table of stems begin and end.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct StemShards {
    pub(super) language: String,
    /// Each shard's first stem.
    pub(super) firsts: Strings,
    /// Where each shard ends in the dictionary part.
    #[serde(with = "increasing")]
    pub(super) ends: Vec<u32>,
}

/// Where the shards of the sorted rotations of the terms (see `rotations`) begin and end:
/// each shard is a [`Strings`] of consecutive rotations.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct RotationShards {
    /// Each shard's first rotation.
    pub(super) firsts: Strings,
    /// Where each shard ends in the dictionary part.
    #[serde(with = "increasing")]
    pub(super) ends: Vec<u32>,
}

/// A shard of terms: consecutive terms with their columns, and for each the documents whose
/// title holds it, in order, written as steps.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct TermShard {
    pub(super) terms: TermTable,
    #[serde(with = "increasing_lists")]
    pub(super) title_documents: Vec<Vec<DocId>>,
}

/// A sharded dictionary: the table, the dictionary part's chunks, and the shards decoded so
/// far (`None` for one that could not be).
#[derive(Debug, Clone)]
pub(crate) struct Shards {
    table: ShardTable,
    pub(super) part: Chunks,
    terms: Vec<OnceLock<Option<TermShard>>>,
    stems: Vec<Vec<OnceLock<Option<StemTable>>>>,
    rotations: Vec<OnceLock<Option<Strings>>>,
    /// The sections of postings held inline, a shard of terms each.
    inline: Vec<OnceLock<Option<inline::Section>>>,
    /// The sections wanted since the wanted chunks were last taken.
    section_requests: inline::SectionRequests,
    /// Every term, once every shard has arrived.
    all: OnceLock<Strings>,
}

impl PartialEq for Shards {
    fn eq(&self, other: &Shards) -> bool {
        self.table == other.table && self.part == other.part
    }
}

impl Shards {
    /// The dictionary of `table` in the chunks of `part`; `None` when the table does not hold
    /// together (the manifest is damaged).
    pub(super) fn new(table: ShardTable, part: Chunks) -> Option<Shards> {
        let shards = table.starts.len();
        let stem_ends = table.stems.iter().flat_map(|s| s.ends.iter().copied());
        let rotation_ends = table.rotations.ends.iter().copied();
        let all_ends: Vec<u32> = table
            .ends
            .iter()
            .copied()
            .chain(stem_ends)
            .chain(rotation_ends)
            .collect();
        let shards_end = all_ends.last().copied().unwrap_or(0);
        let valid = table.firsts.len() == shards
            && table.ends.len() == shards
            && table.posting_starts.len() == shards
            && table.position_starts.len() == shards
            && table.starts.first().is_none_or(|&s| s == 0)
            && table.starts.windows(2).all(|w| w[0] < w[1])
            && table.starts.last().is_none_or(|&s| s < table.term_count)
            && (shards > 0 || table.term_count == 0)
            && table.posting_starts.windows(2).all(|w| w[0] <= w[1])
            && table
                .posting_starts
                .last()
                .is_none_or(|&s| s <= table.postings_end)
            && table.position_starts.windows(2).all(|w| w[0] <= w[1])
            && table
                .position_starts
                .last()
                .is_none_or(|&s| s <= table.positions_end)
            && table.firsts.is_valid()
            && table.common.is_valid()
            && table.common.len() == table.common_documents.len()
            && table.stems.iter().all(|s| {
                s.firsts.len() == s.ends.len() && !s.ends.is_empty() && s.firsts.is_valid()
            })
            && table.rotations.firsts.len() == table.rotations.ends.len()
            && table.rotations.firsts.is_valid()
            && all_ends.first().is_none_or(|&e| e > 0)
            && all_ends.windows(2).all(|w| w[0] < w[1])
            && table.inline_ends.len() == shards
            && table.inline_ends.windows(2).all(|w| w[0] <= w[1])
            && table.inline_ends.first().is_none_or(|&e| e >= shards_end)
            && table.inline_ends.last().copied().unwrap_or(shards_end) as usize == part.len();
        valid.then(|| Shards {
            terms: (0..shards).map(|_| OnceLock::new()).collect(),
            stems: table
                .stems
                .iter()
                .map(|s| s.ends.iter().map(|_| OnceLock::new()).collect())
                .collect(),
            rotations: table
                .rotations
                .ends
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
            inline: (0..shards).map(|_| OnceLock::new()).collect(),
            section_requests: inline::SectionRequests::default(),
            all: OnceLock::new(),
            table,
            part,
        })
    }

    /// How many terms there are in all.
    pub(super) fn term_count(&self) -> usize {
        self.table.term_count as usize
    }

    /// Where the last term's postings end.
    pub(super) fn postings_end(&self) -> u32 {
        self.table.postings_end
    }

    /// Where the last term's positions kept apart end.
    pub(super) fn positions_end(&self) -> u32 {
        self.table.positions_end
    }

    /// How many terms occur in some text, and the most frequent content words.
    pub(super) fn summary(&self) -> (usize, &[(String, u32, u32)]) {
        (self.table.text_terms as usize, &self.table.frequent)
    }

    /// In how many documents `term` occurs, if that is known: once its shard has arrived
    /// (until then it is wanted), or before when the manifest holds it among the terms in the
    /// most documents.
    pub(super) fn document_frequency_of(&self, term: &str) -> Option<u32> {
        if let Some(id) = self.find(term) {
            return Some(self.column(id, |t, i| t.document_frequencies[i]));
        }
        self.common_document_frequency(term)
    }

    /// In how many documents `term` occurs, when the manifest holds it among the terms in the
    /// most documents.
    pub(super) fn common_document_frequency(&self, term: &str) -> Option<u32> {
        let i = self.table.common.find(term)?;
        self.table.common_documents.get(i).copied()
    }

    /// The shard that would hold `term`, and the bytes it weighs, as the manifest tells them.
    pub(super) fn term_shard(&self, term: &str) -> Option<(usize, u64)> {
        let k = self
            .table
            .firsts
            .partition_point(|first| first <= term)
            .checked_sub(1)?;
        let (start, end) = self.term_shard_bytes(k);
        Some((k, u64::from(end - start)))
    }

    /// Where shard `k` of the terms starts and ends in the dictionary part.
    fn term_shard_bytes(&self, k: usize) -> (u32, u32) {
        let start = if k == 0 { 0 } else { self.table.ends[k - 1] };
        (start, self.table.ends[k])
    }

    /// Where shard `k` of the rotations starts and ends in the dictionary part.
    fn rotation_shard_bytes(&self, k: usize) -> (u32, u32) {
        let ends = &self.table.rotations.ends;
        let start = if k == 0 {
            self.rotations_start()
        } else {
            ends[k - 1]
        };
        (start, ends[k])
    }

    /// Shard `k` of the terms, decoded on first use; `None` while its chunk has not arrived
    /// (it is then wanted) or when it cannot be read.
    fn shard(&self, k: usize) -> Option<&TermShard> {
        let slot = &self.terms[k];
        if let Some(shard) = slot.get() {
            return shard.as_ref();
        }
        let (start, end) = self.term_shard_bytes(k);
        let bytes = match self.part.get(start, end) {
            Ok(bytes) => Some(bytes),
            Err(Unreadable::Wanted) => return None,
            Err(Unreadable::Damaged) => None,
        };
        let first = self.table.starts[k];
        let end = self
            .table
            .starts
            .get(k + 1)
            .copied()
            .unwrap_or(self.table.term_count);
        // Whether a column of ends lies between where this shard's first term starts (in
        // `starts`) and where the next shard's does (or `last`, past the last shard).
        let between = |ends: &[u32], starts: &[u32], last: u32| -> Option<bool> {
            let next = starts.get(k + 1).copied().unwrap_or(last);
            Some(*ends.first()? >= starts[k] && *ends.last()? <= next)
        };
        let documents = self.table.title_lengths.len() as DocId;
        slot.get_or_init(|| {
            let shard: TermShard = decode(bytes?)?;
            let table = &shard.terms;
            let fits = table.is_valid()
                && table.terms.len() == (end - first) as usize
                && table.terms.get(0) == self.table.firsts.get(k)
                && between(
                    &table.posting_ends,
                    &self.table.posting_starts,
                    self.table.postings_end,
                )?
                && between(
                    &table.position_ends,
                    &self.table.position_starts,
                    self.table.positions_end,
                )?
                && shard.title_documents.len() == table.terms.len()
                && shard.title_documents.iter().all(|docs| {
                    docs.windows(2).all(|w| w[0] < w[1])
                        && docs.last().is_none_or(|&d| d < documents)
                });
            fits.then_some(shard)
        })
        .as_ref()
    }

    /// The shard holding term `id` and the term's place in it.
    fn locate(&self, id: TermId) -> Option<(usize, usize)> {
        if id >= self.table.term_count {
            return None;
        }
        let k = self
            .table
            .starts
            .partition_point(|&s| s <= id)
            .checked_sub(1)?;
        Some((k, (id - self.table.starts[k]) as usize))
    }

    /// The text of term `id`; "" while its shard has not arrived.
    pub(super) fn term(&self, id: TermId) -> &str {
        self.locate(id)
            .and_then(|(k, i)| Some(self.shard(k)?.terms.terms.get(i)))
            .unwrap_or("")
    }

    /// The documents whose title holds term `id`; none while its shard has not arrived.
    pub(super) fn title_documents(&self, id: TermId) -> &[DocId] {
        self.locate(id)
            .and_then(|(k, i)| Some(self.shard(k)?.title_documents[i].as_slice()))
            .unwrap_or(&[])
    }

    /// How many distinct terms a document's title holds (0 for one out of range).
    pub(super) fn title_length(&self, doc: DocId) -> u32 {
        self.table
            .title_lengths
            .get(doc as usize)
            .copied()
            .unwrap_or(0)
    }

    /// How many documents the titles' lengths are of.
    pub(super) fn title_count(&self) -> usize {
        self.table.title_lengths.len()
    }

    /// The average of [`Shards::title_length`] over the documents.
    pub(super) fn average_title_length(&self) -> f32 {
        self.table.average_title_length
    }

    /// A number of term `id` read by `column` from its shard; 0 while the shard has not
    /// arrived.
    pub(super) fn column(&self, id: TermId, column: impl Fn(&TermTable, usize) -> u32) -> u32 {
        self.locate(id)
            .and_then(|(k, i)| Some(column(&self.shard(k)?.terms, i)))
            .unwrap_or(0)
    }

    /// Where term `id`'s postings start and end; an empty range while its shard has not
    /// arrived.
    pub(super) fn posting_range(&self, id: TermId) -> (u32, u32) {
        self.range(id, &self.table.posting_starts, |t| &t.posting_ends)
    }

    /// Whether term `id`'s shard holds its postings (see `inline`), as its shard tells;
    /// false while the shard has not arrived. Reads no other chunk.
    pub(super) fn holds_inline(&self, id: TermId) -> bool {
        let (start, end) = self.posting_range(id);
        inline::is_inline(end - start, self.table.inline_postings_at_most)
    }

    /// Term `id`'s postings when its shard holds them: `None` for a term whose postings are in
    /// their block alone, and while its shard has not arrived; `Some(Err(Wanted))` while the
    /// shard's section of postings held inline has not.
    pub(super) fn inline_postings(&self, id: TermId) -> Option<Result<&[u8], Unreadable>> {
        let (start, end) = self.posting_range(id);
        if !inline::is_inline(end - start, self.table.inline_postings_at_most) {
            return None;
        }
        let (k, i) = self.locate(id)?;
        let section = match self.inline_section(k) {
            Ok(section) => section,
            Err(unreadable) => return Some(Err(unreadable)),
        };
        Some(section.postings(i, end - start).ok_or(Unreadable::Damaged))
    }

    /// Notes that term `id`'s section was wanted, the term's block starting at `block_at`.
    pub(super) fn note_section_wanted(&self, id: TermId, block_at: u32) {
        if let Some((k, _)) = self.locate(id) {
            self.section_requests.note(k, block_at);
        }
    }

    /// No longer wants the sections wanted since the last time for terms whose blocks
    /// `block_wanted` says are all wanted too: they are read from those.
    pub(super) fn unwant_needless_sections(&self, block_wanted: impl Fn(u32) -> bool) {
        for k in self.section_requests.take_needless(block_wanted) {
            self.part.unwant(self.inline_section_bytes(k).0);
        }
    }

    /// Adds to `fetches` the chunk of the section that holds term `id`'s postings, when its
    /// shard holds them and the section has not been read.
    pub(super) fn fetch_inline(&self, id: TermId, fetches: &mut Fetches) {
        if let Some(k) = self.inline_section_of(id) {
            let (start, end) = self.inline_section_bytes(k);
            if self.inline[k].get().is_none() && start < end {
                fetches.add_in(PartOf::Dictionary, &self.part, start);
            }
        }
    }

    /// The shard whose section holds term `id`'s postings, when it holds them.
    pub(super) fn inline_section_of(&self, id: TermId) -> Option<usize> {
        let (k, _) = self.locate(id)?;
        self.holds_inline(id).then_some(k)
    }

    /// The bytes shard `k`'s section of postings held inline weighs, deflated (0 for a shard
    /// out of range).
    pub(super) fn inline_section_weight(&self, k: usize) -> u64 {
        if k >= self.table.inline_ends.len() {
            return 0;
        }
        let (start, end) = self.inline_section_bytes(k);
        u64::from(end.saturating_sub(start))
    }

    /// Where shard `k`'s section of postings held inline starts and ends in the dictionary
    /// part.
    fn inline_section_bytes(&self, k: usize) -> (u32, u32) {
        let ends = &self.table.inline_ends;
        let start = match k {
            0 => self
                .table
                .rotations
                .ends
                .last()
                .copied()
                .unwrap_or(self.rotations_start()),
            _ => ends[k - 1],
        };
        (start, ends[k])
    }

    /// Shard `k`'s section of postings held inline, read on first use (its shard of terms
    /// has arrived): `Err(Wanted)` while its chunk has not arrived, `Err(Damaged)` when it
    /// cannot be read.
    fn inline_section(&self, k: usize) -> Result<&inline::Section, Unreadable> {
        let slot = &self.inline[k];
        if let Some(section) = slot.get() {
            return section.as_ref().ok_or(Unreadable::Damaged);
        }
        let shard = self.shard(k).ok_or(Unreadable::Damaged)?;
        let (start, end) = self.inline_section_bytes(k);
        let deflated = match self.part.get(start, end) {
            Ok(bytes) => Some(bytes),
            Err(Unreadable::Wanted) => return Err(Unreadable::Wanted),
            Err(Unreadable::Damaged) => None,
        };
        let first_start = self.table.posting_starts[k];
        let at_most = self.table.inline_postings_at_most;
        slot.get_or_init(|| {
            inline::Section::read(deflated?, first_start, &shard.terms.posting_ends, at_most)
        })
        .as_ref()
        .ok_or(Unreadable::Damaged)
    }

    /// Where term `id`'s positions kept apart start and end; an empty range while its shard
    /// has not arrived.
    pub(super) fn position_range(&self, id: TermId) -> (u32, u32) {
        self.range(id, &self.table.position_starts, |t| &t.position_ends)
    }

    /// Where term `id`'s bytes start and end in a part where each term's end is in a column
    /// (`ends`) of its shard, and each shard's first term's start in `starts`.
    fn range(
        &self,
        id: TermId,
        starts: &[u32],
        ends: impl Fn(&TermTable) -> &Vec<u32>,
    ) -> (u32, u32) {
        let Some((k, i)) = self.locate(id) else {
            return (0, 0);
        };
        let Some(ends) = self.shard(k).map(|s| ends(&s.terms)) else {
            return (0, 0);
        };
        let start = match i {
            0 => starts[k],
            _ => ends[i - 1],
        };
        (start, ends[i])
    }

    /// The id of `term`, if the dictionary has it; `None` too while the shard that would hold
    /// it has not arrived.
    pub(super) fn find(&self, term: &str) -> Option<TermId> {
        let k = self
            .table
            .firsts
            .partition_point(|first| first <= term)
            .checked_sub(1)?;
        let i = self.shard(k)?.terms.terms.find(term)?;
        Some(self.table.starts[k] + i as TermId)
    }

    /// How many terms `before` holds for, all of which come first (as
    /// [`Strings::partition_point`]); while the shard where they stop has not arrived, the
    /// start of that shard.
    pub(super) fn partition_point(&self, before: impl Fn(&str) -> bool) -> TermId {
        let Some(k) = self.table.firsts.partition_point(&before).checked_sub(1) else {
            return 0;
        };
        let within = self
            .shard(k)
            .map_or(0, |s| s.terms.terms.partition_point(before));
        self.table.starts[k] + within as TermId
    }

    /// Every term, once every shard has arrived. Until then `None`, and every shard missing
    /// is wanted, unless the call already waits for a shard: once it has come, the word looked
    /// for may be found without every term.
    pub(super) fn all_terms(&self) -> Option<&Strings> {
        if let Some(all) = self.all.get() {
            return Some(all);
        }
        let missing: Vec<usize> = (0..self.terms.len())
            .filter(|&k| self.terms[k].get().is_none())
            .collect();
        if !missing.is_empty() && self.part.any_wanted() {
            return None;
        }
        let mut complete = true;
        for k in missing {
            complete &= self.shard(k).is_some();
        }
        if !complete {
            return None;
        }
        let terms = (0..self.terms.len())
            .filter_map(|k| self.shard(k))
            .flat_map(|shard| shard.terms.terms.iter());
        Some(self.all.get_or_init(|| Strings::from_sorted(terms)))
    }

    /// The languages of the tables of stems.
    pub(super) fn stem_languages(&self) -> Vec<&str> {
        self.table
            .stems
            .iter()
            .map(|s| s.language.as_str())
            .collect()
    }

    /// The terms whose stem in table `language` is `stem`; none while the shard that would
    /// hold it has not arrived.
    pub(super) fn terms_with_stem(&self, language: usize, stem: &str) -> &[TermId] {
        let Some(table) = self.table.stems.get(language) else {
            return &[];
        };
        let Some(k) = table.firsts.partition_point(|f| f <= stem).checked_sub(1) else {
            return &[];
        };
        self.stem_shard(language, k)
            .map_or(&[], |shard| shard.terms_with_stem(stem))
    }

    /// Shard `k` of table `language` of stems, as [`Shards::shard`].
    fn stem_shard(&self, language: usize, k: usize) -> Option<&StemTable> {
        let slot = &self.stems[language][k];
        if let Some(shard) = slot.get() {
            return shard.as_ref();
        }
        let table = &self.table.stems[language];
        let start = match k {
            0 => (0..language)
                .rev()
                .find_map(|l| self.table.stems[l].ends.last().copied())
                .or_else(|| self.table.ends.last().copied())
                .unwrap_or(0),
            _ => table.ends[k - 1],
        };
        let bytes = match self.part.get(start, table.ends[k]) {
            Ok(bytes) => Some(bytes),
            Err(Unreadable::Wanted) => return None,
            Err(Unreadable::Damaged) => None,
        };
        slot.get_or_init(|| {
            let shard: StemTable = decode(bytes?)?;
            let fits = shard.is_valid(self.table.term_count)
                && shard.language() == table.language
                && shard.first_stem() == Some(table.firsts.get(k));
            fits.then_some(shard)
        })
        .as_ref()
    }

    /// Whether the manifest holds the terms' rotations, which [`Shards::near_candidates`]
    /// reads.
    pub(super) fn has_rotations(&self) -> bool {
        !self.rotations.is_empty()
    }

    /// Appends to `found` the terms that `lookup` answers with (see [`Lookup::matches`]; with
    /// [`Lookup::Everything`], none), reading the shards of terms or rotations that may hold
    /// them; `false` when one of those has not arrived (every such shard is then wanted) or
    /// cannot be read.
    pub(super) fn near_candidates(&self, lookup: &Lookup, found: &mut Vec<String>) -> bool {
        match lookup {
            Lookup::Prefix(start) => self.terms_starting_with(start, |_| true, found),
            Lookup::Exact(term) => self.terms_starting_with(term, |t| t == term, found),
            Lookup::Holding(piece) => self.rotations_starting_with(piece, found),
            Lookup::EndsWith(piece) => {
                let key = format!("{piece}{}", rotations::SEPARATOR);
                self.rotations_starting_with(&key, found)
            }
            Lookup::Everything => true,
        }
    }

    /// What answering `lookup` reads: the bytes of the shards it spans whose chunks have not
    /// arrived, then of all of them; [`Lookup::Everything`] costs the most there is.
    pub(super) fn lookup_cost(&self, lookup: &Lookup) -> (u64, u64) {
        type Bytes = fn(&Shards, usize) -> (u32, u32);
        let (terms, rotated) = (&self.table.firsts, &self.table.rotations.firsts);
        let (firsts, bytes_of, key): (_, Bytes, _) = match lookup {
            Lookup::Prefix(key) | Lookup::Exact(key) => {
                (terms, Shards::term_shard_bytes, key.clone())
            }
            Lookup::Holding(piece) => (rotated, Shards::rotation_shard_bytes, piece.clone()),
            Lookup::EndsWith(piece) => {
                let key = format!("{piece}{}", rotations::SEPARATOR);
                (rotated, Shards::rotation_shard_bytes, key)
            }
            Lookup::Everything => return (u64::MAX, u64::MAX),
        };
        let (first, end) = range_of_shards(firsts, &key);
        (first..end.min(firsts.len())).fold((0, 0), |(missing, all), k| {
            let (start, end) = bytes_of(self, k);
            let bytes = u64::from(end - start);
            let missed = if self.part.has(start) { 0 } else { bytes };
            (missing + missed, all + bytes)
        })
    }

    /// The terms that start with `start` and that `keep` holds for, as
    /// [`Shards::near_candidates`].
    fn terms_starting_with(
        &self,
        start: &str,
        keep: impl Fn(&str) -> bool,
        found: &mut Vec<String>,
    ) -> bool {
        let (first, end) = range_of_shards(&self.table.firsts, start);
        let mut complete = true;
        for k in first..end {
            let Some(shard) = self.shard(k) else {
                complete = false;
                continue;
            };
            let terms = &shard.terms.terms;
            let from = terms.partition_point(|t| t < start);
            let within = (from..terms.len())
                .map(|i| terms.get(i))
                .take_while(|t| t.starts_with(start));
            found.extend(within.filter(|t| keep(t)).map(str::to_string));
        }
        complete
    }

    /// The terms of the rotations that start with `key`, as [`Shards::near_candidates`].
    fn rotations_starting_with(&self, key: &str, found: &mut Vec<String>) -> bool {
        let (first, end) = range_of_shards(&self.table.rotations.firsts, key);
        let mut complete = true;
        for k in first..end {
            let Some(shard) = self.rotation_shard(k) else {
                complete = false;
                continue;
            };
            let from = shard.partition_point(|r| r < key);
            let within = (from..shard.len())
                .map(|i| shard.get(i))
                .take_while(|r| r.starts_with(key));
            found.extend(within.filter_map(rotations::unrotate));
        }
        complete
    }

    /// Where the shards of the rotations start in the dictionary part: after those of the
    /// terms and stems.
    fn rotations_start(&self) -> u32 {
        self.table
            .stems
            .iter()
            .rev()
            .find_map(|s| s.ends.last().copied())
            .or_else(|| self.table.ends.last().copied())
            .unwrap_or(0)
    }

    /// Whether a shard of terms or stems is awaited: until it has come, the words looked
    /// for may be found as they are, with no need of their near spellings.
    pub(super) fn waits_for_words(&self) -> bool {
        self.part.any_wanted_before(self.rotations_start())
    }

    /// Shard `k` of the rotations, as [`Shards::shard`].
    fn rotation_shard(&self, k: usize) -> Option<&Strings> {
        let slot = &self.rotations[k];
        if let Some(shard) = slot.get() {
            return shard.as_ref();
        }
        let (start, end) = self.rotation_shard_bytes(k);
        let bytes = match self.part.get(start, end) {
            Ok(bytes) => Some(bytes),
            Err(Unreadable::Wanted) => return None,
            Err(Unreadable::Damaged) => None,
        };
        slot.get_or_init(|| {
            let shard: Strings = decode(bytes?)?;
            let fits = shard.is_valid()
                && !shard.is_empty()
                && shard.get(0) == self.table.rotations.firsts.get(k);
            fits.then_some(shard)
        })
        .as_ref()
    }
}

/// The shards, by the first string of each (`firsts`, sorted), that may hold strings starting
/// with `key`: from the one where `key` would be to the last whose first string comes before
/// `key` or starts with it, as `first..end`.
fn range_of_shards(firsts: &Strings, key: &str) -> (usize, usize) {
    if firsts.is_empty() {
        return (0, 0);
    }
    let first = firsts.partition_point(|f| f <= key).saturating_sub(1);
    let end = firsts.partition_point(|f| rotations::against(f, key).is_le());
    (first, end.max(first + 1))
}

/// A shard's bytes, inflated and read; `None` when they cannot be.
fn decode<T: for<'de> Deserialize<'de>>(deflated: &[u8]) -> Option<T> {
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_SHARD_BYTES).ok()?;
    postcard::from_bytes(&bytes).ok()
}
