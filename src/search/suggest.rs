//! "Did you mean": the corpus terms closest to a query word that matched nothing, or that the
//! corpus lacks and matched only through a few documents' other forms of its stem, when one is
//! close enough (and, for the second, common enough) to be what was meant. No suggestion is
//! better than a wrong one.

use super::forms::Matcher;
use super::fuzzy::{distance, lookups, Letters};
use super::matches::Matches;
use super::{Corpus, MAX_SUGGESTIONS};
use crate::budget::{cost, Budget};
use crate::index::{Lookup, NearCandidates, TermId};
use crate::query::Query;

impl Corpus {
    /// "Did you mean": for the query words that matched nothing, even with typos, the corpus
    /// terms closest to them, put in their places in the query: one suggestion for each of
    /// the closest terms to the first such word (all at the same, smallest distance, most
    /// frequent first), with every other such word replaced by its own closest term. A word
    /// the dictionary lacks that matched through other forms of its stem counts as such a
    /// word for its closest terms in [`FAR_MORE`] times as many documents as it matched.
    ///
    /// A term is plausible only when it is within [`plausible_distance`] of the word, counted
    /// with doubled letters taken as one (`gazzzza` is one slip from `gaza`), and occurs in
    /// at least two documents (in a corpus of more than one): a word met once is as likely a
    /// typo itself. A word with no plausible term stays as typed; with none for any word,
    /// there is no suggestion.
    pub(super) fn suggest(&self, clauses: &[ClauseFacts], budget: &Budget) -> Vec<String> {
        // In a chunked corpus whose shards or postings are awaited, a word may match nothing
        // only because its postings have not come: the answer is asked for again once they
        // have. Texts awaited change nothing here.
        if self.index.waits_for_terms() {
            return Vec::new();
        }
        let mut closest: Vec<Vec<&str>> = vec![Vec::new(); clauses.len()];
        for (c, clause) in clauses.iter().enumerate() {
            let Some(term) = &clause.word else {
                continue;
            };
            if clause.matched == 0 {
                closest[c] = self.closest_terms(term, false, budget);
            } else if clause.through_stems {
                // A word the corpus lacks that matched through other forms of its stem alone
                // (`goverment`, whose stem is that of `governess`): a near spelling in far
                // more documents is offered.
                let matched = clause.matched as u64;
                closest[c] = self
                    .closest_terms(term, true, budget)
                    .into_iter()
                    .filter(|t| {
                        self.index.term_id(t).is_some_and(|id| {
                            u64::from(self.index.document_frequency(id)) >= FAR_MORE * matched
                        })
                    })
                    .collect();
            }
        }
        let Some(first) = closest.iter().position(|terms| !terms.is_empty()) else {
            return Vec::new();
        };
        closest[first]
            .iter()
            .take(MAX_SUGGESTIONS)
            .map(|&term| {
                clauses
                    .iter()
                    .enumerate()
                    .map(|(c, clause)| match (c == first, closest[c].first()) {
                        (true, _) => term.to_string(),
                        (false, Some(best)) => best.to_string(),
                        (false, None) => clause.text.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The plausible corpus terms closest to `word` (see [`Corpus::suggest`]), most frequent
    /// first; none when the budget cannot pay for comparing the terms.
    ///
    /// With `nearest_first`, the terms within one edit are looked for first, then within two,
    /// and so on up to [`plausible_distance`]: only the closest are suggested, so the terms at
    /// one edit make the others needless, and looking for them costs less (a word of eight
    /// letters is cut into two pieces for one edit, `prey` and `ding`, but three for two, `pr`,
    /// `eyd` and `ing`, which hold far more terms, and in a chunked index fetch far more
    /// shards). Without, all of them at once: a word that matched nothing was looked for with
    /// typos already, and its closest terms are seldom one edit away. A word of fewer than
    /// [`SHORTEST_SUGGESTED`] letters has none.
    fn closest_terms(&self, word: &str, nearest_first: bool, budget: &Budget) -> Vec<&str> {
        let query: Vec<char> = single_letters(word).chars().collect();
        if query.len() < SHORTEST_SUGGESTED {
            return Vec::new();
        }
        let most = plausible_distance(query.len());
        let first = if nearest_first { 1 } else { most };
        for limit in first..=most {
            match self.terms_within(word, &query, limit, budget) {
                Some(close) if close.is_empty() => continue,
                Some(close) => return close,
                None => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// The plausible corpus terms closest to `word` within `limit` edits, `query` being its
    /// characters with doubled letters taken as one, most frequent first; `None` when they
    /// cannot be told now: the budget cannot pay for comparing the terms, or shards are
    /// awaited.
    ///
    /// The terms compared are those that hold a piece of the word (its doubled letters taken
    /// as one), as near spellings are found ([`lookups`]): in a chunked index, a few shards of
    /// the dictionary and of its rotations rather than all of them; in the single file, the
    /// same terms, so that both suggest the same.
    fn terms_within(
        &self,
        word: &str,
        query: &[char],
        limit: usize,
        budget: &Budget,
    ) -> Option<Vec<&str>> {
        let pieces = lookups(query, limit, false);
        let every = pieces.contains(&Lookup::Everything);
        let letters = Letters::of(word);
        let compared: Vec<TermId> = match self.index.near_candidates(&pieces) {
            // Asked again once the shards have come.
            NearCandidates::Pending => return None,
            NearCandidates::Found(terms) => {
                let units = (terms.len() as u64 / 8 + 1) * cost::TYPO_SCAN_OF_8;
                if !budget.try_spend(units) {
                    return None;
                }
                // Only those close enough are looked up: a term's id is in its shard, which is
                // wanted while it has not arrived.
                terms
                    .iter()
                    .filter(|t| distance(query, &single_letters(t), limit, false).is_some())
                    .filter_map(|t| self.index.term_id(t))
                    .collect()
            }
            NearCandidates::Unsharded => {
                let units = (self.index.term_count() as u64 / 8) * cost::TYPO_SCAN_OF_8;
                if !budget.try_spend(units) {
                    return None;
                }
                let shapes = self.term_shapes()?;
                shapes
                    .letters()
                    .iter()
                    .enumerate()
                    .filter(|(_, other)| letters.lower_bound(other, false) <= limit)
                    .map(|(id, _)| id as TermId)
                    .filter(|&id| every || pieces.iter().any(|l| l.matches(self.index.term(id))))
                    .collect()
            }
        };
        let least_documents = self.index.documents().len().min(2) as u32;
        let mut close: Vec<(usize, std::cmp::Reverse<u32>, &str)> = compared
            .into_iter()
            .map(|id| (id as usize, self.index.term(id)))
            .filter(|&(id, _)| self.index.document_frequency(id as TermId) >= least_documents)
            .filter_map(|(id, term)| {
                let d = distance(query, &single_letters(term), limit, false)?;
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
        Some(close.into_iter().map(|(_, _, term)| term).collect())
    }
}

/// What "did you mean" needs of a query's clause, kept apart from its matches so that a search
/// finished in a later call (see `unfinished`) makes its suggestions again.
#[derive(Debug, Clone)]
pub(super) struct ClauseFacts {
    /// The clause as typed, which a suggestion keeps when it has nothing closer.
    text: String,
    /// For a single word: its term.
    word: Option<String>,
    /// How many documents the clause matched.
    matched: usize,
    /// Whether the word matched through other forms of its stem alone.
    through_stems: bool,
}

impl ClauseFacts {
    /// The facts of `query`, which matched `matches`, as `matcher` expanded its words.
    pub(super) fn of(query: &Query, matches: &Matches, matcher: &Matcher) -> ClauseFacts {
        let word = match query {
            Query::Word { word, .. } => Some(word),
            _ => None,
        };
        ClauseFacts {
            text: query.text(),
            word: word.map(|w| w.term.clone()),
            matched: matches.len(),
            through_stems: word.is_some_and(|w| matcher.through_stems_alone(w)),
        }
    }
}

/// A word the corpus lacks but matched through other forms of its stem has a suggestion when a
/// near spelling is in this many times as many documents: a misspelling of a common word
/// (`goverment`), not a form the corpus happens to lack (`protesting`, beside `protest` and
/// `protecting`).
const FAR_MORE: u64 = 20;

/// Words of fewer characters than this (doubled letters taken as one: `aaaa` is `a`) have no
/// suggestion: one edit from them is any short word.
const SHORTEST_SUGGESTED: usize = 4;

/// The edits a suggestion may be from a word of `chars` characters (doubled letters taken as
/// one): one per four characters, at least one.
pub(super) fn plausible_distance(chars: usize) -> usize {
    (chars / 4).max(1)
}

/// The word with each run of one letter written once (`gazzzza` → `gaza`).
fn single_letters(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}
