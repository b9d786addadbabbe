//! What a query word stands for in the dictionary: the exact term, its stem group, prefixes
//! and, when those find nothing, terms within a few typos (see `fuzzy`).

use std::collections::BTreeMap;

use super::fuzzy::{allowed_typos, within_distance, Letters};
use super::{Corpus, MAX_PREFIX_TERMS, MIN_PREFIX};
use crate::budget::{cost, Budget};
use crate::index::TermId;
use crate::query::Word;
use crate::score::MatchKind;

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
}
