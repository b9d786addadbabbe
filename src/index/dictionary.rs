//! The dictionaries: the sorted folded terms, where a prefix is a contiguous range, and, a
//! table a language, the stems with the terms that share each.

use serde::{Deserialize, Serialize};

use super::format::increasing;
use super::{Index, TermId};

impl Index {
    /// The sorted term dictionary.
    pub fn terms(&self) -> &Strings {
        &self.terms
    }

    /// The id of a folded term, if the corpus has it.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.find(term).map(|i| i as TermId)
    }

    /// The ids of the terms that occur in some text, in term order: every term but those of
    /// titles alone.
    pub fn text_terms(&self) -> &[TermId] {
        self.text_terms.get_or_init(|| {
            (0..self.terms.len() as TermId)
                .filter(|&t| self.occurrences[t as usize] > 0)
                .collect()
        })
    }

    /// The text of a term.
    pub fn term(&self, term: TermId) -> &str {
        self.terms.get(term as usize)
    }

    /// The ids of the terms whose folded text starts with `prefix`, in term order.
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<TermId> {
        let start = self.terms.partition_point(|t| t < prefix);
        let end = self
            .terms
            .partition_point(|t| t < prefix || t.starts_with(prefix));
        start as TermId..end as TermId
    }

    /// The tables of stems, one a language whose stemmer stemmed some of the terms.
    pub fn stem_tables(&self) -> &[StemTable] {
        &self.stem_tables
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
        assert_eq!(index.stem_tables().len(), 1);
        let english = &index.stem_tables()[0];
        assert_eq!(english.language(), "en");
        assert_eq!(
            names(english.terms_with_stem("protest").to_vec()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.in_title(0, index.term_id("gaza").unwrap()));
        assert!(!index.in_title(1, index.term_id("gaza").unwrap()));
    }
}
