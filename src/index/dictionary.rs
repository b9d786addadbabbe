//! The dictionaries: the sorted folded terms, where a prefix is a contiguous range, each with
//! where its postings end and how often it occurs, and, a table a language, the stems with the
//! terms that share each. A single-file index holds them whole; a chunked one in shards that
//! arrive as chunks (see `shards`).

use serde::{Deserialize, Serialize};

use super::chunks::Unreadable;
use super::fetches::Fetches;
use super::format::increasing;
use super::rotations::Lookup;
use super::shards::Shards;
use super::{Index, TermId};
use crate::analyze::is_stopword;

/// The terms, sorted, each with where its postings end, in how many documents and how many
/// times it occurs: the whole dictionary, or a shard of it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct TermTable {
    pub(super) terms: Strings,
    /// `posting_ends[t]`: where the postings of term `t` end in all the postings (they start
    /// where those of the term before end).
    #[serde(with = "increasing")]
    pub(super) posting_ends: Vec<u32>,
    /// `position_ends[t]`: where the positions of term `t` end in the positions part,
    /// inflated (they start where those of the term before end): the same place as the term
    /// before's for a term whose positions are in its postings.
    #[serde(with = "increasing")]
    pub(super) position_ends: Vec<u32>,
    pub(super) document_frequencies: Vec<u32>,
    pub(super) occurrences: Vec<u32>,
}

impl TermTable {
    /// Whether the columns are as long as the terms, the terms sorted and the ends in order.
    pub(super) fn is_valid(&self) -> bool {
        let count = self.terms.len();
        self.posting_ends.len() == count
            && self.position_ends.len() == count
            && self.document_frequencies.len() == count
            && self.occurrences.len() == count
            && self.posting_ends.windows(2).all(|w| w[0] <= w[1])
            && self.position_ends.windows(2).all(|w| w[0] <= w[1])
            && self.terms.is_valid()
    }
}

/// What [`Index::near_candidates`] answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NearCandidates {
    /// The terms.
    Found(Vec<String>),
    /// A shard that may hold some has not arrived, and is wanted (or cannot be read); or a
    /// shard of terms or stems is awaited, which may hold the word itself.
    Pending,
    /// Not this way: the dictionary is whole, has no rotations (it is empty), or a lookup is
    /// of every term. The caller reads [`Index::terms`].
    Unsharded,
}

/// The term dictionary and the tables of stems.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Dictionary {
    /// All of it, as in the single file.
    Whole {
        table: TermTable,
        stems: Vec<StemTable>,
    },
    /// In shards that arrive as chunks.
    Sharded(Box<Shards>),
}

impl Index {
    /// Every term, sorted. A chunked index has them once every shard of its dictionary has
    /// arrived; until then it has none, and the shards missing are wanted (unless the call is
    /// already waiting for others, whose answer may make them needless).
    pub fn terms(&self) -> &Strings {
        static NONE: Strings = Strings::new();
        match &self.dictionary {
            Dictionary::Whole { table, .. } => &table.terms,
            Dictionary::Sharded(shards) => shards.all_terms().unwrap_or(&NONE),
        }
    }

    /// The terms that `lookups` answer with (see [`Lookup::matches`]), sorted, each once, read
    /// from only the shards of a chunked dictionary that may hold them: how the near spellings
    /// of a word are found there without every term. See [`NearCandidates`] for when they
    /// cannot be.
    pub fn near_candidates(&self, lookups: &[Lookup]) -> NearCandidates {
        let Dictionary::Sharded(shards) = &self.dictionary else {
            return NearCandidates::Unsharded;
        };
        if !shards.has_rotations() || lookups.contains(&Lookup::Everything) {
            return NearCandidates::Unsharded;
        }
        if shards.waits_for_words() {
            return NearCandidates::Pending;
        }
        let mut found = Vec::new();
        let mut complete = true;
        for lookup in lookups {
            complete &= shards.near_candidates(lookup, &mut found);
        }
        if !complete {
            return NearCandidates::Pending;
        }
        found.sort_unstable();
        found.dedup();
        NearCandidates::Found(found)
    }

    /// What answering `lookup` with [`Index::near_candidates`] reads of a chunked dictionary:
    /// the bytes of the shards it spans that have not arrived, then of all of them; nothing
    /// for a dictionary held whole.
    pub fn lookup_cost(&self, lookup: &Lookup) -> (u64, u64) {
        match &self.dictionary {
            Dictionary::Whole { .. } => (0, 0),
            Dictionary::Sharded(shards) => shards.lookup_cost(lookup),
        }
    }

    /// The shard of a chunked dictionary that would hold `term`, and the bytes it weighs, as
    /// the manifest tells them before it arrives; `None` for a dictionary held whole.
    pub fn term_shard(&self, term: &str) -> Option<(usize, u64)> {
        match &self.dictionary {
            Dictionary::Whole { .. } => None,
            Dictionary::Sharded(shards) => shards.term_shard(term),
        }
    }

    /// In how many documents `term` occurs, when a chunked index's manifest holds it among the
    /// terms in the most documents (whether its shard has arrived or not); `None` otherwise,
    /// and for an index held whole.
    pub fn manifest_document_frequency(&self, term: &str) -> Option<u32> {
        match &self.dictionary {
            Dictionary::Whole { .. } => None,
            Dictionary::Sharded(shards) => shards.common_document_frequency(term),
        }
    }

    /// How many terms the dictionary holds, arrived or not.
    pub fn term_count(&self) -> usize {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.terms.len(),
            Dictionary::Sharded(shards) => shards.term_count(),
        }
    }

    /// The id of a folded term, if the corpus has it (in a chunked index, if the shard that
    /// would hold it has arrived: else it is wanted).
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.terms.find(term).map(|i| i as TermId),
            Dictionary::Sharded(shards) => shards.find(term),
        }
    }

    /// The ids of the terms that occur in some text, in term order: every term but those of
    /// titles alone. None in a chunked index until its whole dictionary has arrived.
    pub fn text_terms(&self) -> &[TermId] {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            if shards.all_terms().is_none() {
                return &[];
            }
        }
        self.text_terms.get_or_init(|| {
            (0..self.term_count() as TermId)
                .filter(|&t| self.occurrences(t) > 0)
                .collect()
        })
    }

    /// How many terms occur in some text: the length of [`Index::text_terms`], known to a
    /// chunked index before its dictionary has arrived.
    pub fn text_term_count(&self) -> usize {
        match &self.dictionary {
            Dictionary::Whole { .. } => self.text_terms().len(),
            Dictionary::Sharded(shards) => shards.summary().0,
        }
    }

    /// The `n` most frequent content words (not stopwords, holding a letter, two characters or
    /// more), most frequent first and equal counts in dictionary order, each
    /// `(term, occurrences, documents)`. A chunked index holds the first 100 in its manifest.
    pub fn frequent_words(&self, n: usize) -> Vec<(String, u32, u32)> {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            return shards.summary().1.iter().take(n).cloned().collect();
        }
        if n == 0 {
            return Vec::new();
        }
        let mut top: Vec<(u32, TermId)> = (0..self.term_count() as TermId)
            .filter(|&t| {
                let term = self.term(t);
                !is_stopword(term)
                    && term.chars().any(char::is_alphabetic)
                    && term.chars().nth(1).is_some()
            })
            .map(|t| (self.occurrences(t), t))
            .filter(|&(count, _)| count > 0)
            .collect();
        most_first(&mut top, n);
        top.into_iter()
            .map(|(count, t)| {
                let documents = self.document_frequency(t);
                (self.term(t).to_string(), count, documents)
            })
            .collect()
    }

    /// The text of a term ("" in a chunked index until its shard has arrived: it is then
    /// wanted).
    pub fn term(&self, term: TermId) -> &str {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.terms.get(term as usize),
            Dictionary::Sharded(shards) => shards.term(term),
        }
    }

    /// How many times a term occurs in the whole corpus (0 in a chunked index until its shard
    /// has arrived).
    pub fn occurrences(&self, term: TermId) -> u32 {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.occurrences[term as usize],
            Dictionary::Sharded(shards) => shards.column(term, |t, i| t.occurrences[i]),
        }
    }

    /// In how many documents a term occurs (0 in a chunked index until its shard has
    /// arrived).
    pub fn document_frequency(&self, term: TermId) -> u32 {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.document_frequencies[term as usize],
            Dictionary::Sharded(shards) => shards.column(term, |t, i| t.document_frequencies[i]),
        }
    }

    /// In how many documents a folded term occurs, if the corpus has it and that is known:
    /// always in an index held whole; in a chunked one once the term's shard has arrived (until
    /// then it is wanted), or before for the terms in the most documents, which the manifest
    /// holds (see `Index::commonest_terms`).
    pub fn document_frequency_of(&self, term: &str) -> Option<u32> {
        match &self.dictionary {
            Dictionary::Whole { .. } => self.term_id(term).map(|t| self.document_frequency(t)),
            Dictionary::Sharded(shards) => shards.document_frequency_of(term),
        }
    }

    /// The `n` terms in the most documents (equal counts in dictionary order), in dictionary
    /// order, each with the number of its documents; none in a chunked index, whose manifest
    /// holds those its build found.
    pub(super) fn commonest_terms(&self, n: usize) -> Vec<(String, u32)> {
        let Dictionary::Whole { table, .. } = &self.dictionary else {
            return Vec::new();
        };
        if n == 0 {
            return Vec::new();
        }
        let mut top: Vec<(u32, TermId)> = (0..table.terms.len() as TermId)
            .map(|t| (table.document_frequencies[t as usize], t))
            .filter(|&(documents, _)| documents > 0)
            .collect();
        most_first(&mut top, n);
        top.sort_unstable_by_key(|&(_, t)| t);
        top.into_iter()
            .map(|(documents, t)| (table.terms.get(t as usize).to_string(), documents))
            .collect()
    }

    /// Where a term's postings start and end in all the postings (an empty range in a chunked
    /// index until its shard has arrived).
    pub(super) fn posting_range(&self, term: TermId) -> (u32, u32) {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => range_in(&table.posting_ends, term),
            Dictionary::Sharded(shards) => shards.posting_range(term),
        }
    }

    /// A term's postings when its shard of the dictionary holds them (see `inline`): `None`
    /// in a single file, and for a term whose postings are in their block alone;
    /// `Some(Err(Wanted))` while they have not arrived (they are then wanted).
    pub(super) fn inline_postings(&self, term: TermId) -> Option<Result<&[u8], Unreadable>> {
        match &self.dictionary {
            Dictionary::Whole { .. } => None,
            Dictionary::Sharded(shards) => shards.inline_postings(term),
        }
    }

    /// Whether a term's shard of the dictionary holds its postings (see `inline`), as its
    /// shard tells; reads no other chunk.
    pub(super) fn holds_postings_inline(&self, term: TermId) -> bool {
        match &self.dictionary {
            Dictionary::Whole { .. } => false,
            Dictionary::Sharded(shards) => shards.holds_inline(term),
        }
    }

    /// The shard whose section holds a term's postings, when it holds them (see `inline`).
    pub(super) fn inline_section_of(&self, term: TermId) -> Option<usize> {
        match &self.dictionary {
            Dictionary::Whole { .. } => None,
            Dictionary::Sharded(shards) => shards.inline_section_of(term),
        }
    }

    /// The bytes shard `k`'s section of postings held inline weighs, deflated.
    pub(super) fn inline_section_bytes(&self, k: usize) -> u64 {
        match &self.dictionary {
            Dictionary::Whole { .. } => 0,
            Dictionary::Sharded(shards) => shards.inline_section_weight(k),
        }
    }

    /// Notes that a term's section of postings held inline was wanted, its block starting at
    /// `block_at` in the postings part (see `inline::SectionRequests`).
    pub(super) fn note_section_wanted(&self, term: TermId, block_at: u32) {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            shards.note_section_wanted(term, block_at);
        }
    }

    /// Adds to `fetches` the chunk that holds a term's postings held inline, if they have not
    /// been read.
    pub(super) fn fetch_inline_postings(&self, term: TermId, fetches: &mut Fetches) {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            shards.fetch_inline(term, fetches);
        }
    }

    /// Where a term's positions kept apart start and end in the positions part: an empty range
    /// for a term whose positions are in its postings (and in a chunked index until its shard
    /// has arrived).
    pub(super) fn position_range(&self, term: TermId) -> (u32, u32) {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => range_in(&table.position_ends, term),
            Dictionary::Sharded(shards) => shards.position_range(term),
        }
    }

    /// Where the last term's positions kept apart end: the length of the positions part,
    /// inflated.
    pub(super) fn positions_end(&self) -> u32 {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.position_ends.last().copied().unwrap_or(0),
            Dictionary::Sharded(shards) => shards.positions_end(),
        }
    }

    /// Where the last term's postings end: the length of all the postings, inflated.
    pub(super) fn postings_end(&self) -> u32 {
        match &self.dictionary {
            Dictionary::Whole { table, .. } => table.posting_ends.last().copied().unwrap_or(0),
            Dictionary::Sharded(shards) => shards.postings_end(),
        }
    }

    /// The ids of the terms whose folded text starts with `prefix`, in term order.
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<TermId> {
        let before = |t: &str| t < prefix;
        let within = |t: &str| t < prefix || t.starts_with(prefix);
        match &self.dictionary {
            Dictionary::Whole { table, .. } => {
                let start = table.terms.partition_point(before);
                let end = table.terms.partition_point(within);
                start as TermId..end as TermId
            }
            Dictionary::Sharded(shards) => {
                shards.partition_point(before)..shards.partition_point(within)
            }
        }
    }

    /// The languages of the tables of stems, one a language whose stemmer stemmed some of the
    /// terms: what [`Index::terms_with_stem`] takes, by place.
    pub fn stem_languages(&self) -> Vec<&str> {
        match &self.dictionary {
            Dictionary::Whole { stems, .. } => stems.iter().map(StemTable::language).collect(),
            Dictionary::Sharded(shards) => shards.stem_languages(),
        }
    }

    /// The terms whose stem in the `language`-th table of [`Index::stem_languages`] is `stem`
    /// (none in a chunked index until the shard of the table that holds it has arrived).
    pub fn terms_with_stem(&self, language: usize, stem: &str) -> &[TermId] {
        match &self.dictionary {
            Dictionary::Whole { stems, .. } => stems
                .get(language)
                .map_or(&[], |table| table.terms_with_stem(stem)),
            Dictionary::Sharded(shards) => shards.terms_with_stem(language, stem),
        }
    }
}

/// The stems one language's stemmer gives the terms of that language's documents, each with
/// the terms that share it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct StemTable {
    /// The language tag of the stemmer (see [`crate::language::Stemming`]).
    language: String,
    /// The stems, sorted.
    stems: Strings,
    /// `terms[ends[i - 1]..ends[i]]`: the terms of stem `i`.
    terms: Vec<TermId>,
    #[serde(with = "increasing")]
    ends: Vec<u32>,
}

impl StemTable {
    /// The table of `language` holding `stems` (each with its terms).
    pub(super) fn new(
        language: &str,
        stems: std::collections::BTreeMap<String, Vec<TermId>>,
    ) -> StemTable {
        let mut terms = Vec::new();
        let mut ends = Vec::with_capacity(stems.len());
        for ids in stems.values() {
            terms.extend_from_slice(ids);
            ends.push(terms.len() as u32);
        }
        StemTable {
            language: language.to_string(),
            stems: Strings::from_sorted(stems.keys()),
            terms,
            ends,
        }
    }

    /// The table cut into tables of consecutive stems, each closed once its stems and terms
    /// take `bytes` or more.
    pub(super) fn split(&self, bytes: usize) -> Vec<StemTable> {
        let start = |i: usize| if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let size = |i: usize| self.stems.get(i).len() + 4 * (self.ends[i] as usize - start(i));
        let mut tables = Vec::new();
        let mut from = 0;
        while from < self.stems.len() {
            let (mut to, mut taken) = (from, 0);
            while to < self.stems.len() && taken < bytes {
                taken += size(to);
                to += 1;
            }
            let base = start(from) as u32;
            tables.push(StemTable {
                language: self.language.clone(),
                stems: Strings::from_sorted((from..to).map(|i| self.stems.get(i))),
                terms: self.terms[base as usize..self.ends[to - 1] as usize].to_vec(),
                ends: self.ends[from..to].iter().map(|e| e - base).collect(),
            });
            from = to;
        }
        tables
    }

    /// The table's first stem.
    pub(super) fn first_stem(&self) -> Option<&str> {
        (!self.stems.is_empty()).then(|| self.stems.get(0))
    }

    /// The language tag of the stemmer that made the table.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The terms whose stem is `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[TermId] {
        match self.stems.find(stem) {
            Some(i) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
                &self.terms[start..self.ends[i] as usize]
            }
            None => &[],
        }
    }

    /// Whether the stems are sorted, the offsets fit and every term is below `term_count`.
    pub(super) fn is_valid(&self, term_count: u32) -> bool {
        self.stems.is_valid()
            && self.ends.len() == self.stems.len()
            && self.ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .ends
                .last()
                .is_none_or(|&e| e as usize == self.terms.len())
            && self.terms.iter().all(|&t| t < term_count)
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
    /// No strings.
    pub const fn new() -> Strings {
        Strings {
            text: String::new(),
            ends: Vec::new(),
        }
    }

    /// Appends the string made of `parts` one after another, which must sort after the
    /// strings already held.
    pub(super) fn push_parts(&mut self, parts: &[&str]) {
        for part in parts {
            self.text.push_str(part);
        }
        self.ends.push(self.text.len() as u32);
    }

    pub(crate) fn from_sorted<S: AsRef<str>>(strings: impl IntoIterator<Item = S>) -> Strings {
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
    pub(super) fn is_valid(&self) -> bool {
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

/// Keeps the `n` terms of `counted` with the highest counts, highest first; equal counts in
/// term order, which is dictionary order. `n` is at least 1.
fn most_first(counted: &mut Vec<(u32, TermId)>, n: usize) {
    let order = |a: &(u32, TermId), b: &(u32, TermId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if counted.len() > n {
        counted.select_nth_unstable_by(n - 1, order);
        counted.truncate(n);
    }
    counted.sort_unstable_by(order);
}

/// Where term `term`'s bytes start and end in a part where each term's end is in `ends` and
/// each starts where the one before ends.
fn range_in(ends: &[u32], term: TermId) -> (u32, u32) {
    let t = term as usize;
    let start = if t == 0 { 0 } else { ends[t - 1] };
    (start, ends[t])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::samples::sample;

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
        assert_eq!(index.stem_languages(), ["en"]);
        assert_eq!(
            names(index.terms_with_stem(0, "protest").to_vec()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.in_title(0, index.term_id("gaza").unwrap()));
        assert!(!index.in_title(1, index.term_id("gaza").unwrap()));
    }
}
