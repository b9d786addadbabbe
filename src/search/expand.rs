//! What a query word stands for in the dictionary: the exact term, its stem group, prefixes
//! and, when those find nothing, terms within a few typos (see `fuzzy`), under the rule of a
//! search or a count (see `forms`).

use std::collections::{BTreeMap, BTreeSet};

use super::forms::{Expansion, Rule};
use super::fuzzy::{
    allowed_typos, cheapest_lookups, terms_within, within_distance, Letters, TermShapes,
    WALK_FROM_TERMS,
};
use super::{
    Corpus, MAX_EXPANSION_BLOCKS, MAX_EXPANSION_BYTES, MAX_NEAR_SHARD_BYTES, MAX_PREFIX_TERMS,
    MIN_PREFIX,
};
use crate::budget::{cost, count, Budget};
use crate::index::{Lookup, NearCandidates, PostingsChunk, TermId};
use crate::language::{Script, Stemming};
use crate::query::{Prefix, Word};
use crate::score::MatchKind;

impl Corpus {
    /// The corpus terms a query word stands for under `rule` (see [`super::forms`]), each with
    /// the best way it matched, and, when counting, the forms offered but not counted.
    /// Inside a phrase only the word's own form and prefixes count.
    ///
    /// The exact term is always read; the others only while the word's share of the budget
    /// pays for their postings (and, for typos, for the walk of the dictionary that finds
    /// them), the most frequent first. What is left out is noted.
    pub(super) fn expand(
        &self,
        word: &Word,
        in_phrase: bool,
        rule: Rule,
        budget: &Budget,
    ) -> Expansion {
        let forms = match rule {
            Rule::Search => None,
            Rule::Count(forms) => Some(forms),
        };
        let mut found: BTreeMap<TermId, MatchKind> = BTreeMap::new();
        let mut offered: BTreeMap<TermId, MatchKind> = BTreeMap::new();
        let excluded = |term: TermId| {
            forms.is_some_and(|f| f.exclude.iter().any(|e| e == self.index.term(term)))
        };
        // Adds a term as `kind` (or, excluded, offers it); a term keeps its best kind.
        let add = |found: &mut BTreeMap<TermId, MatchKind>,
                   offered: &mut BTreeMap<TermId, MatchKind>,
                   term: TermId,
                   kind: MatchKind| {
            let into = if excluded(term) { offered } else { found };
            let best = into.entry(term).or_insert(kind);
            *best = (*best).min(kind);
        };
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
        // pays for their postings and while they lie in at most `more_blocks` blocks of
        // postings beside those of the terms found already (a term in a block read anyway
        // comes free); how many were added, and whether the share stopped them.
        let add_frequent = |found: &mut BTreeMap<TermId, MatchKind>,
                            offered: &mut BTreeMap<TermId, MatchKind>,
                            mut terms: Vec<TermId>,
                            kind: MatchKind,
                            at_most: usize,
                            more_blocks: usize| {
            terms.retain(|t| !found.contains_key(t));
            terms.sort_by_key(|&t| std::cmp::Reverse(self.index.document_frequency(t)));
            terms.truncate(at_most);
            let mut blocks: BTreeSet<PostingsChunk> = found
                .keys()
                .filter_map(|&t| self.index.postings_chunk(t))
                .collect();
            let blocks_at_most = blocks.len().saturating_add(more_blocks);
            // The bytes of the blocks added past the first, bounded with their number.
            let mut bytes: Option<u64> = None;
            let mut added = 0;
            for &term in &terms {
                if !excluded(term) {
                    let block = self.index.postings_chunk(term);
                    let new = block.filter(|b| !blocks.contains(b));
                    let weight = new.map_or(0, |b| self.index.postings_chunk_bytes(b));
                    let heavy = more_blocks != usize::MAX && !fits(bytes, weight);
                    if new.is_some() && (blocks.len() >= blocks_at_most || heavy) {
                        continue;
                    }
                    if !pay(self.index.document_frequency(term) as u64 * cost::POSTING) {
                        return (added, true);
                    }
                    if new.is_some() {
                        bytes = Some(bytes.map_or(0, |sum| sum + weight));
                    }
                    blocks.extend(new);
                }
                add(found, offered, term, kind);
                added += 1;
            }
            (added, false)
        };
        match self.index.term_id(&word.term) {
            Some(term) => {
                budget.spend(self.index.document_frequency(term) as u64 * cost::POSTING);
                add(&mut found, &mut offered, term, MatchKind::Exact);
            }
            // A chunked index may know what a common word costs before its shard arrives (the
            // call is then asked again): spent now, it spares the fetching of the shards of
            // completions it leaves no work for.
            None => {
                let documents = self.index.document_frequency_of(&word.term).unwrap_or(0);
                budget.spend(documents as u64 * cost::POSTING);
            }
        }
        let length = word.term.chars().count();
        let completions = match (word.prefix, rule) {
            (Prefix::Explicit, _) => Some(usize::MAX),
            (Prefix::Typing, Rule::Search) => Some(MAX_PREFIX_TERMS),
            _ => None,
        };
        let completions = completions.filter(|_| length >= MIN_PREFIX);
        if completions.is_some() && budget.remaining() < cost::POSTING {
            // Not even a completion in one document could be paid for: none is read, nor the
            // shards of a chunked index that hold them.
            budget.note(format!(
                "Longer words that begin with \u{2018}{}\u{2019} were not searched: the query asks for too much.",
                word.term
            ));
        } else if let Some(at_most) = completions {
            let range = self.index.terms_with_prefix(&word.term);
            budget.spend(range.len() as u64);
            let terms: Vec<TermId> = range.collect();
            let all = terms.len();
            // The completions beside the word itself, which is searched whatever the budget.
            let longer = terms.iter().filter(|t| !found.contains_key(t)).count();
            let more_blocks = match word.prefix {
                Prefix::Typing => MAX_EXPANSION_BLOCKS,
                _ => usize::MAX,
            };
            let (kept, stopped) = add_frequent(
                &mut found,
                &mut offered,
                terms,
                MatchKind::Prefix,
                at_most,
                more_blocks,
            );
            if stopped {
                budget.note(format!(
                    "{} More would take too long.",
                    searched_only(
                        kept,
                        longer,
                        "longer word that begins with",
                        "longer words that begin with",
                        &word.term
                    )
                ));
            } else if kept < longer {
                budget.note(format!(
                    "\u{2018}{}\u{2019} as you type stands for its {kept} most frequent completions; \u{2018}{}*\u{2019} finds all {}.",
                    word.term,
                    word.term,
                    count(all)
                ));
            }
        } else if word.prefix == Prefix::Explicit {
            budget.note(format!(
                "\u{2018}{}*\u{2019}: a prefix needs at least {MIN_PREFIX} letters; the word alone was searched.",
                word.term
            ));
        }
        if in_phrase || word.verbatim {
            return Expansion {
                terms: found.into_iter().collect(),
                others: offered.into_iter().collect(),
            };
        }
        // What a count adds when asked: everything of a kind, or the words listed.
        let asked = |term: TermId, all_of_kind: bool| {
            forms
                .is_none_or(|f| all_of_kind || f.include.iter().any(|i| i == self.index.term(term)))
        };
        // The word's stem in each language the corpus has, among that language's words; in a
        // search, none read when not even a form in one document could be paid for (a count
        // reads them to offer them).
        let script = Script::of(&word.term);
        let mut stems: Vec<TermId> = Vec::new();
        let no_work_left = forms.is_none() && budget.remaining() < cost::POSTING;
        if no_work_left {
            budget.note(format!(
                "Other forms of \u{2018}{}\u{2019} were not searched: the query asks for too much.",
                word.term
            ));
        }
        let languages = if no_work_left {
            Vec::new()
        } else {
            self.index.stem_languages()
        };
        for (table, language) in languages.into_iter().enumerate() {
            let Some(stemming) = Stemming::of_language(language) else {
                continue;
            };
            if stemming.script() == script {
                let stem = self.analyzer.stem_in(stemming, &word.term);
                stems.extend_from_slice(self.index.terms_with_stem(table, &stem));
            }
        }
        stems.sort_unstable();
        stems.dedup();
        let (counted, offer): (Vec<TermId>, Vec<TermId>) = stems
            .into_iter()
            .filter(|t| !found.contains_key(t))
            .partition(|&t| asked(t, forms.is_some_and(|f| f.stems)));
        for &term in &offer {
            offered.entry(term).or_insert(MatchKind::Stem);
        }
        let others = counted.len();
        if let (kept, true) = add_frequent(
            &mut found,
            &mut offered,
            counted,
            MatchKind::Stem,
            usize::MAX,
            usize::MAX,
        ) {
            budget.note(searched_only(
                kept,
                others,
                "other form of",
                "other forms of",
                &word.term,
            ));
        }
        // Typos are forgiven only for a word the corpus lacks in every other form: a real word
        // such as "protesting" must not also light up "protecting". A count looks for them
        // when asked, or to offer them for a word it found nothing for.
        let typos = allowed_typos(length);
        let looked_for = match forms {
            None => found.is_empty(),
            Some(f) => f.typos || found.is_empty() || !f.include.is_empty(),
        };
        if typos > 0 && looked_for {
            let prefix = word.prefix.any();
            // A search takes the closest spellings there are: those two edits away only when
            // none is one edit away. A count asked for typos takes all within reach.
            let fewest = match forms {
                None => 1,
                Some(_) => typos,
            };
            let mut near = None;
            for edits in fewest..=typos {
                let allowance = share.saturating_sub(spent.get());
                near = self.near_spellings(
                    &word.term,
                    edits,
                    prefix,
                    forms.is_none(),
                    allowance,
                    budget,
                    &pay,
                );
                if near
                    .as_ref()
                    .is_none_or(|n| n.awaited || !n.terms.is_empty())
                {
                    break;
                }
            }
            let Some(Near {
                terms: close,
                unread,
                ..
            }) = near
            else {
                budget.note(format!(
                    "Misspellings of \u{2018}{}\u{2019} were not looked for: the query asks for too much.",
                    word.term
                ));
                return Expansion {
                    terms: found.into_iter().collect(),
                    others: offered.into_iter().collect(),
                };
            };
            let close: Vec<TermId> = close
                .into_iter()
                .filter(|id| !found.contains_key(id) && !offered.contains_key(id))
                .collect();
            let (counted, offer): (Vec<TermId>, Vec<TermId>) = close
                .into_iter()
                .partition(|&t| asked(t, forms.is_some_and(|f| f.typos)));
            for &term in &offer {
                offered.entry(term).or_insert(MatchKind::Fuzzy);
            }
            let all = counted.len() + unread;
            let more_blocks = match rule {
                Rule::Search => MAX_EXPANSION_BLOCKS,
                Rule::Count(_) => usize::MAX,
            };
            let (kept, _) = add_frequent(
                &mut found,
                &mut offered,
                counted,
                MatchKind::Fuzzy,
                usize::MAX,
                more_blocks,
            );
            if kept < all {
                budget.note(searched_only(
                    kept,
                    all,
                    "word close to",
                    "words close to",
                    &word.term,
                ));
            }
        }
        Expansion {
            terms: found.into_iter().collect(),
            others: offered.into_iter().collect(),
        }
    }

    /// The terms within `typos` edits of `word` (of a prefix of them, with `prefix`), in
    /// order, paid for by `pay` out of the word's `allowance`: a small dictionary screened
    /// term by term, a large one walked as a trie (see [`WALK_FROM_TERMS`]). `None` when the
    /// allowance cannot pay.
    #[allow(clippy::too_many_arguments)]
    fn near_spellings(
        &self,
        word: &str,
        typos: usize,
        prefix: bool,
        bounded: bool,
        allowance: u64,
        budget: &Budget,
        pay: &dyn Fn(u64) -> bool,
    ) -> Option<Near> {
        let awaited = Near {
            terms: Vec::new(),
            awaited: true,
            unread: 0,
        };
        let query: Vec<char> = word.chars().collect();
        let cost = |lookup: &Lookup| self.index.lookup_cost(lookup);
        match self
            .index
            .near_candidates(&cheapest_lookups(&query, typos, prefix, &cost))
        {
            NearCandidates::Unsharded => {}
            // Asked again once the shards have come.
            NearCandidates::Pending => return Some(awaited),
            NearCandidates::Found(candidates) => {
                if !pay((candidates.len() as u64 / 8 + 1) * cost::TYPO_SCAN_OF_8) {
                    return None;
                }
                let letters = Letters::of(word);
                let close: Vec<&String> = candidates
                    .iter()
                    .filter(|t| letters.lower_bound(&Letters::of(t), prefix) <= typos)
                    .filter(|t| within_distance(&query, t, typos, prefix))
                    .collect();
                let (close, unread) = match bounded {
                    true => self.within_shard_bound(&query, typos, close),
                    false => (close, 0),
                };
                // None while the shard of the term has not arrived: it is wanted.
                let mut terms: Vec<TermId> =
                    close.iter().filter_map(|t| self.index.term_id(t)).collect();
                terms.sort_unstable();
                let awaited = terms.len() < close.len();
                return Some(Near {
                    terms,
                    awaited,
                    unread,
                });
            }
        }
        let terms = self.index.terms();
        if terms.len() < self.index.term_count() {
            // A chunked corpus whose dictionary has not all arrived: the rest is wanted, and
            // the call asked again once it has.
            return Some(awaited);
        }
        if terms.len() >= WALK_FROM_TERMS {
            let walk = terms_within(terms, &query, typos, prefix, allowance / cost::TYPO_STEP);
            if !walk.complete {
                budget.spend(walk.steps * cost::TYPO_STEP);
                return None;
            }
            return pay(walk.steps * cost::TYPO_STEP).then_some(Near {
                terms: walk.terms,
                awaited: false,
                unread: 0,
            });
        }
        if !pay((terms.len() as u64 / 8) * cost::TYPO_SCAN_OF_8) {
            return None;
        }
        let letters = Letters::of(word);
        let Some(shapes) = self.term_shapes() else {
            return Some(awaited);
        };
        let mut close: Vec<TermId> = shapes
            .of_length_near(query.len(), typos, prefix)
            // The cheap bound first: most terms fail it.
            .filter(|(_, other)| letters.lower_bound(other, prefix) <= typos)
            .filter(|&(id, _)| within_distance(&query, self.index.term(id), typos, prefix))
            .map(|(id, _)| id)
            .collect();
        close.sort_unstable();
        Some(Near {
            terms: close,
            awaited: false,
            unread: 0,
        })
    }

    /// Of the near spellings `close` of a word (`query`, within `typos` edits), those whose
    /// shards of a chunked dictionary weigh [`MAX_NEAR_SHARD_BYTES`] at most in all (the first
    /// whatever it weighs), and how many were left out. They are taken in an order the
    /// manifest tells before any shard arrives, the same each time the call is asked again:
    /// the words it knows to be in the most documents first, then those within reach as whole
    /// words rather than by a prefix, then the shorter.
    fn within_shard_bound<'a>(
        &self,
        query: &[char],
        typos: usize,
        mut close: Vec<&'a String>,
    ) -> (Vec<&'a String>, usize) {
        close.sort_by_cached_key(|&t| {
            (
                std::cmp::Reverse(self.index.manifest_document_frequency(t).unwrap_or(0)),
                !within_distance(query, t, typos, false),
                t.chars().count(),
                t.as_str(),
            )
        });
        let mut shards: Vec<usize> = Vec::new();
        let mut bytes = 0u64;
        let all = close.len();
        close.retain(|t| match self.index.term_shard(t) {
            None => true,
            Some((k, _)) if shards.contains(&k) => true,
            Some((k, weight)) => {
                let fits = shards.is_empty() || bytes + weight <= MAX_NEAR_SHARD_BYTES;
                if fits {
                    shards.push(k);
                    bytes += weight;
                }
                fits
            }
        });
        let unread = all - close.len();
        (close, unread)
    }

    /// Every term's length and letters, made on first use; `None` while a chunked corpus's
    /// dictionary has not all arrived (the rest is then wanted).
    pub(super) fn term_shapes(&self) -> Option<&TermShapes> {
        if let Some(shapes) = self.term_shapes.get() {
            return Some(shapes);
        }
        let terms = self.index.terms();
        if terms.len() < self.index.term_count() {
            return None;
        }
        Some(
            self.term_shapes
                .get_or_init(|| TermShapes::of(terms.iter())),
        )
    }
}

/// The near spellings of a word found in the dictionary, in order; `awaited` when shards that
/// may hold more have not arrived (they are wanted, and the call is asked again), and how many
/// more were left `unread` in shards past [`MAX_NEAR_SHARD_BYTES`].
struct Near {
    terms: Vec<TermId>,
    awaited: bool,
    unread: usize,
}

/// Whether a block of postings of `weight` bytes may be read for a word's completions or near
/// spellings, when those read past the first weigh `past_first` bytes (`None` before the
/// first, which is read whatever it weighs): within [`MAX_EXPANSION_BYTES`].
fn fits(past_first: Option<u64>, weight: u64) -> bool {
    past_first.is_none_or(|sum| sum.saturating_add(weight) <= MAX_EXPANSION_BYTES)
}

/// The note for a word of which only `kept` of `all` forms (`one`: "other form of", "word
/// close to"; `many`: their plural) were searched: `Only 2 of the 7 other forms of ‘state’
/// were searched.`, or, with none, `The 7 other forms of ‘state’ were not searched.`
fn searched_only(kept: usize, all: usize, one: &str, many: &str, word: &str) -> String {
    match (kept, all) {
        (0, 1) => format!("The {one} \u{2018}{word}\u{2019} was not searched."),
        (0, _) => format!(
            "The {} {many} \u{2018}{word}\u{2019} were not searched.",
            count(all)
        ),
        _ => format!(
            "Only {} of the {} {many} \u{2018}{word}\u{2019} were searched.",
            count(kept),
            count(all)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{fits, searched_only, MAX_EXPANSION_BYTES};

    #[test]
    fn the_first_block_is_read_whatever_it_weighs_and_the_others_within_the_bound() {
        // The blocks of `israil`'s near spellings as typed, at 1 GB: 74 KB each.
        let block = 74 * 1024;
        let mut past_first = None;
        let mut read = 0;
        for _ in 0..4 {
            if fits(past_first, block) {
                past_first = Some(past_first.map_or(0, |sum| sum + block));
                read += 1;
            }
        }
        assert_eq!((read, past_first), (2, Some(block)));
        assert!(fits(None, u64::MAX));
        assert!(fits(Some(0), MAX_EXPANSION_BYTES));
        assert!(!fits(Some(1), MAX_EXPANSION_BYTES));
        assert!(!fits(Some(u64::MAX), 1));
    }

    #[test]
    fn a_note_of_forms_left_out_reads_well_with_none_one_and_many() {
        let note = |kept, all| searched_only(kept, all, "other form of", "other forms of", "art");
        assert_eq!(
            note(2, 11),
            "Only 2 of the 11 other forms of \u{2018}art\u{2019} were searched."
        );
        assert_eq!(
            note(0, 11),
            "The 11 other forms of \u{2018}art\u{2019} were not searched."
        );
        assert_eq!(
            note(0, 1),
            "The other form of \u{2018}art\u{2019} was not searched."
        );
        assert_eq!(
            searched_only(0, 1_200, "word close to", "words close to", "gaza"),
            "The 1,200 words close to \u{2018}gaza\u{2019} were not searched."
        );
        let longer = |kept, all| {
            let (one, many) = (
                "longer word that begins with",
                "longer words that begin with",
            );
            searched_only(kept, all, one, many, "date")
        };
        assert_eq!(
            longer(0, 143),
            "The 143 longer words that begin with \u{2018}date\u{2019} were not searched."
        );
        assert_eq!(
            longer(5, 143),
            "Only 5 of the 143 longer words that begin with \u{2018}date\u{2019} were searched."
        );
    }
}
