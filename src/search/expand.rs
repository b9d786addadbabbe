//! What a query word stands for in the dictionary: the exact term, its stem group, prefixes
//! and, when those find nothing, terms within a few typos; and "did you mean" suggestions.
//! Edit distance is bounded and pruned by a letter-count bound before it is computed.

use std::collections::BTreeMap;

use super::evaluate::Matches;
use super::{Corpus, MAX_PREFIX_TERMS, MAX_SUGGESTIONS, MIN_PREFIX};
use crate::budget::{cost, Budget};
use crate::index::TermId;
use crate::query::{Query, Word};
use crate::score::MatchKind;

/// The edits a word may have and still match: none under 5 characters, 1 up to 8, 2 beyond.
pub fn allowed_typos(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

impl Corpus {
    /// The corpus terms a query word stands for, each with the best way it matched: exactly,
    /// by stem, as a prefix (if asked), or, when none of those finds anything, with typos.
    /// Inside a phrase only exact and prefix matches count.
    ///
    /// The exact term is always read; the others only while the word's share of the budget
    /// pays for their postings (and, for typos, for comparing every dictionary term), the
    /// most frequent first. What is left out is noted.
    pub(super) fn expand(
        &self,
        word: &Word,
        in_phrase: bool,
        budget: &Budget,
    ) -> Vec<(TermId, MatchKind)> {
        let mut found: BTreeMap<TermId, MatchKind> = BTreeMap::new();
        fn add(found: &mut BTreeMap<TermId, MatchKind>, term: TermId, kind: MatchKind) {
            let best = found.entry(term).or_insert(kind);
            *best = (*best).min(kind);
        }
        let share = budget.share();
        let spent = std::cell::Cell::new(0u64);
        // Pays out of the word's share; false when `units` do not fit.
        let pay = |units: u64| {
            if spent.get() + units > share || !budget.try_spend(units) {
                return false;
            }
            spent.set(spent.get() + units);
            true
        };
        // Adds at most `at_most` of `terms` as `kind`, most frequent first, while the share
        // pays for their postings; how many were added when not all of them fit.
        let add_frequent = |found: &mut BTreeMap<TermId, MatchKind>,
                            mut terms: Vec<TermId>,
                            kind: MatchKind,
                            at_most: usize| {
            terms.retain(|t| !found.contains_key(t));
            terms.sort_by_key(|&t| std::cmp::Reverse(self.index.document_frequency(t)));
            terms.truncate(at_most);
            for (added, &term) in terms.iter().enumerate() {
                if !pay(self.index.document_frequency(term) as u64 * cost::POSTING) {
                    return Some(added);
                }
                add(found, term, kind);
            }
            None
        };
        if let Some(term) = self.index.term_id(&word.term) {
            budget.spend(self.index.document_frequency(term) as u64 * cost::POSTING);
            add(&mut found, term, MatchKind::Exact);
        }
        let length = word.term.chars().count();
        if word.prefix && length >= MIN_PREFIX {
            let range = self.index.terms_with_prefix(&word.term);
            budget.spend(range.len() as u64);
            let terms = range.collect();
            if let Some(kept) = add_frequent(&mut found, terms, MatchKind::Prefix, MAX_PREFIX_TERMS)
            {
                budget.note(format!(
                    "\u{2018}{}\u{2019} as a prefix stands for its {kept} most frequent completions only.",
                    word.term
                ));
            }
        }
        if in_phrase {
            return found.into_iter().collect();
        }
        let stems = self.index.terms_with_stem(&self.analyzer.stem(&word.term));
        let others = stems.iter().filter(|t| !found.contains_key(t)).count();
        if let Some(kept) = add_frequent(&mut found, stems.to_vec(), MatchKind::Stem, usize::MAX) {
            budget.note(format!(
                "Only {kept} of the {others} other forms of \u{2018}{}\u{2019} were searched.",
                word.term
            ));
        }
        // Typos are forgiven only for a word the corpus lacks in every other form: a real word
        // such as "protesting" must not also light up "protecting".
        let typos = allowed_typos(length);
        if typos > 0 && found.is_empty() {
            let scan = (self.index.terms().len() as u64 / 8) * cost::TYPO_SCAN_OF_8;
            if !pay(scan) {
                budget.note(format!(
                    "Misspellings of \u{2018}{}\u{2019} were not looked for: the query asks for too much.",
                    word.term
                ));
                return Vec::new();
            }
            let query: Vec<char> = word.term.chars().collect();
            let letters = Letters::of(&word.term);
            let mut close = Vec::new();
            for (id, other) in self.term_letters().iter().enumerate() {
                let id = id as TermId;
                if letters.lower_bound(other, word.prefix) <= typos
                    && within_distance(&query, self.index.term(id), typos, word.prefix)
                {
                    close.push(id);
                }
            }
            let all = close.len();
            if let Some(kept) = add_frequent(&mut found, close, MatchKind::Fuzzy, usize::MAX) {
                budget.note(format!(
                    "Only {kept} of the {all} words close to \u{2018}{}\u{2019} were searched.",
                    word.term
                ));
            }
        }
        found.into_iter().collect()
    }

    pub(super) fn term_letters(&self) -> &[Letters] {
        self.term_letters
            .get_or_init(|| self.index.terms().iter().map(Letters::of).collect())
    }

    /// "Did you mean": for the first query word that matched nothing, even with typos, the
    /// corpus terms closest to it (all at the same, smallest distance, most frequent first),
    /// each put in its place in the query.
    pub(super) fn suggest(
        &self,
        positive: &[&Query],
        per_clause: &[Matches],
        budget: &Budget,
    ) -> Vec<String> {
        let Some(failed) = (0..positive.len())
            .find(|&c| per_clause[c].is_empty() && matches!(positive[c], Query::Word { .. }))
        else {
            return Vec::new();
        };
        let Query::Word { word, .. } = positive[failed] else {
            return Vec::new();
        };
        if !budget.try_spend((self.index.terms().len() as u64 / 8) * cost::TYPO_SCAN_OF_8) {
            return Vec::new();
        }
        let query: Vec<char> = word.term.chars().collect();
        let limit = (query.len().div_ceil(2)).max(2);
        let letters = Letters::of(&word.term);
        let mut close: Vec<(usize, std::cmp::Reverse<u32>, &str)> = self
            .term_letters()
            .iter()
            .enumerate()
            .filter(|(_, other)| letters.lower_bound(other, false) <= limit)
            .map(|(id, _)| (id, self.index.term(id as TermId)))
            .filter_map(|(id, term)| {
                let d = distance(&query, term, limit, false)?;
                Some((
                    d,
                    std::cmp::Reverse(self.index.document_frequency(id as TermId)),
                    term,
                ))
            })
            .collect();
        close.sort();
        // Only the closest: a far second guess is noise beside a near first one.
        let best = close.first().map_or(0, |c| c.0);
        close.retain(|c| c.0 == best);
        close
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, _, term)| {
                positive
                    .iter()
                    .enumerate()
                    .map(|(c, q)| {
                        if c == failed {
                            term.to_string()
                        } else {
                            q.text()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

/// The letters a word holds, as bits (a–z, and one bit for every other character): a cheap
/// lower bound on the edit distance to another word, since each letter one holds and the other
/// lacks must be edited, checked before the exact distance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Letters(u32);

impl Letters {
    fn of(word: &str) -> Letters {
        let mut bits = 0u32;
        for b in word.bytes() {
            bits |= if b.is_ascii_lowercase() {
                1 << (b - b'a')
            } else {
                1 << 26
            };
        }
        Letters(bits)
    }

    /// A lower bound on [`distance`] from the word to the term of `other` (or, with `prefix`,
    /// to its closest prefix: then only the letters the word holds and the term lacks count).
    fn lower_bound(&self, other: &Letters, prefix: bool) -> usize {
        let other = other.0;
        let missing = (self.0 & !other).count_ones() as usize;
        if prefix {
            missing
        } else {
            missing.max((other & !self.0).count_ones() as usize)
        }
    }
}

fn within_distance(query: &[char], term: &str, max: usize, prefix: bool) -> bool {
    distance(query, term, max, prefix).is_some()
}

/// The optimal-string-alignment distance (a transposition is one edit) from `query` to `term`,
/// or to the closest prefix of `term` when `prefix`; `None` when it exceeds `max`.
pub fn distance(query: &[char], term: &str, max: usize, prefix: bool) -> Option<usize> {
    /// Words longer than this are never matched with typos.
    const LONGEST: usize = 64;
    let n = query.len();
    let m = term.chars().count();
    if n > LONGEST || m > LONGEST || (!prefix && n.abs_diff(m) > max) || (prefix && m + max < n) {
        return None;
    }
    let mut chars = ['\0'; LONGEST];
    for (slot, c) in chars.iter_mut().zip(term.chars()) {
        *slot = c;
    }
    let term = &chars[..m];
    let mut rows = [[0usize; LONGEST + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(query[i - 1] != term[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && query[i - 1] == term[j - 2] && query[i - 2] == term[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let last = &rows[n % 3][..=m];
    let d = if prefix { *last.iter().min()? } else { last[m] };
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_allowance_grows_with_word_length() {
        let table = [(1, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)];
        for (chars, edits) in table {
            assert_eq!(allowed_typos(chars), edits, "{chars} characters");
        }
    }
    #[test]
    fn distance_table() {
        // (query, term, max, prefix, expected)
        let table: &[(&str, &str, usize, bool, Option<usize>)] = &[
            ("khamenei", "khamenei", 1, false, Some(0)),
            ("khamanei", "khamenei", 1, false, Some(1)),
            ("khamnei", "khamenei", 1, false, Some(1)),
            ("khaemnei", "khamenei", 1, false, Some(1)), // transposition
            ("khamenie", "khamenei", 1, false, Some(1)),
            ("kamanei", "khamenei", 1, false, None),
            ("kamanei", "khamenei", 2, false, Some(2)),
            ("goldstn", "goldstone", 2, false, Some(2)),
            ("goldst", "goldstone", 1, true, Some(0)),
            ("gldst", "goldstone", 1, true, Some(1)),
            ("", "abc", 3, false, Some(3)),
            ("ab", "", 1, false, None),
        ];
        for &(q, t, max, prefix, expected) in table {
            let q: Vec<char> = q.chars().collect();
            assert_eq!(distance(&q, t, max, prefix), expected, "{q:?} → {t:?}");
        }
    }
    #[test]
    fn the_letter_bound_never_exceeds_the_distance() {
        let words = [
            "khamenei",
            "khamanei",
            "goldstone",
            "gldst",
            "palestine",
            "palestnie",
            "gaza",
            "café",
            "kafe",
            "",
            "a",
        ];
        for a in words {
            let query: Vec<char> = a.chars().collect();
            for b in words {
                for prefix in [false, true] {
                    if let Some(d) = distance(&query, b, 64, prefix) {
                        assert!(
                            Letters::of(a).lower_bound(&Letters::of(b), prefix) <= d,
                            "{a} → {b} (prefix {prefix})"
                        );
                    }
                }
            }
        }
    }
}
