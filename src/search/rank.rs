//! Ranking: the candidates a search weighs, their scores with proximity, the best of them in
//! order, and the breakdown of a hit's score.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::Range;

use crate::budget::{cost, Budget};
use crate::error::Error;
use crate::index::DocId;
use crate::score::Explanation;

use super::evaluate::DocMatch;
use super::matches::Matches;
use super::{Corpus, SearchOptions, Sort};

/// From this many required clauses on (common words such as "what" and "the" left out), a
/// query is long: every document that matches any of its clauses ranks by the sum of its
/// clauses' scores (a clause matched adds its BM25; no further weight for coverage) and
/// proximity, complete or not. Shorter queries keep every word first. Chosen on
/// `bench/relevance.mjs` (see bench/README.md, "Relevance").
pub const LONG_QUERY: usize = 3;

/// What weighing proximity spends for each position it reads: decoding it, and sorting.
const PROXIMITY_A_POSITION: u64 = cost::POSITION * 2;

/// The least a proximity factor above 1 costs: a distance needs a position of two clauses.
const PROXIMITY_AT_LEAST: u64 = 2 * PROXIMITY_A_POSITION;

/// A document that matched enough of the query to rank.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) doc: DocId,
    /// Whether some required clauses are missing.
    pub(super) partial: bool,
    /// Whether it ranks behind every complete match (a partial match of a short query).
    behind: bool,
    /// The score before proximity: the clauses' scores, weighted by the share of the query
    /// the document covers.
    pub(super) base: f32,
    /// The required clauses it matched, in order: a range of [`Candidates::clauses`].
    clauses: Range<usize>,
}

/// The candidates of a search, and what their scores are made of.
pub(super) struct Candidates {
    pub(super) list: Vec<Candidate>,
    /// The clauses the candidates matched, each candidate's in one run, in document order.
    clauses: Vec<usize>,
    /// The weight of each clause (its idf).
    weights: Vec<f32>,
}

impl Candidates {
    /// The required clauses a candidate matched, in order.
    fn matched(&self, candidate: &Candidate) -> &[usize] {
        &self.clauses[candidate.clauses.clone()]
    }
}

/// A candidate ordered by relevance before proximity: complete (or long-query) matches
/// first, then by score, then by document; the greatest is the best.
struct ByRelevance(Candidate);

impl Ord for ByRelevance {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (&self.0, &other.0);
        b.behind
            .cmp(&a.behind)
            .then(a.base.total_cmp(&b.base))
            .then(b.doc.cmp(&a.doc))
    }
}

impl PartialOrd for ByRelevance {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for ByRelevance {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ByRelevance {}

impl Corpus {
    /// The documents that matched enough of the query to rank, with their scores before
    /// proximity and the weight of each clause (its idf).
    ///
    /// A document is a candidate when it matches every clause or, when fewer than `limit`
    /// documents do, at least half of them (it is then partial); of a long query (see
    /// [`LONG_QUERY`]), any of them. None in `excluded` (sorted) is.
    /// Its score is the sum of its clauses' scores, for a short query weighted by the share of
    /// the clauses' weight it covers.
    pub(super) fn candidates(
        &self,
        per_clause: &[Matches],
        excluded: &[DocId],
        limit: usize,
        budget: &Budget,
    ) -> Candidates {
        let needed = per_clause.len();
        // A clause weighs what it tells apart: missing "the" costs a partial match little,
        // missing the one rare name costs it much.
        let weights: Vec<f32> = per_clause.iter().map(|m| self.idf(m.len())).collect();
        if let [matches] = per_clause {
            // One clause: each document it matched, in order, is a complete candidate.
            let list: Vec<Candidate> = matches
                .iter()
                .filter(|(doc, _)| excluded.binary_search(doc).is_err())
                .enumerate()
                .map(|(i, (&doc, found))| Candidate {
                    doc,
                    partial: false,
                    behind: false,
                    base: found.score,
                    clauses: i..i + 1,
                })
                .collect();
            budget.spend(list.len() as u64 * cost::CANDIDATE);
            return Candidates {
                clauses: vec![0; list.len()],
                list,
                weights,
            };
        }
        // The clauses each document matches: (document, clause) pairs, grouped by document.
        let mut pairs: Vec<(DocId, usize)> = Vec::new();
        for (clause, matches) in per_clause.iter().enumerate() {
            let kept = matches
                .keys()
                .filter(|d| excluded.binary_search(d).is_err());
            pairs.extend(kept.map(|&doc| (doc, clause)));
        }
        budget.spend(pairs.len() as u64 * cost::CANDIDATE);
        // Each clause's matches are in document order already: the pairs are as many sorted
        // runs, which the stable sort finds and merges (the pairs are distinct, so the order
        // is the same as any sort's).
        pairs.sort();
        let clauses: Vec<usize> = pairs.iter().map(|&(_, clause)| clause).collect();
        let mut candidates: Vec<(DocId, std::ops::Range<usize>)> = Vec::new();
        for (i, &(doc, _)) in pairs.iter().enumerate() {
            match candidates.last_mut() {
                Some((last, range)) if *last == doc => range.end = i + 1,
                _ => candidates.push((doc, i..i + 1)),
            }
        }
        let complete = candidates.iter().filter(|(_, c)| c.len() == needed).count();
        let long = needed >= LONG_QUERY;
        let partial_floor = if long {
            1
        } else if complete < limit && needed >= 2 {
            needed.div_ceil(2)
        } else {
            needed
        };
        let total_weight: f32 = weights.iter().sum();
        // Each clause's matches in document order, read with a cursor that moves forward as
        // the candidates do, rather than searched for each.
        let mut cursors = vec![0usize; needed];
        let mut score_of = |clause: usize, doc: DocId| {
            let matches = per_clause[clause].as_slice();
            let cursor = &mut cursors[clause];
            while matches.get(*cursor).is_some_and(|&(d, _)| d < doc) {
                *cursor += 1;
            }
            matches.get(*cursor).map_or(0.0, |(_, m)| m.score)
        };
        let list = candidates
            .into_iter()
            .filter(|(_, c)| c.len() >= partial_floor)
            .map(|(doc, c)| {
                let matched = &clauses[c.clone()];
                let sum: f32 = matched.iter().map(|&m| score_of(m, doc)).sum();
                let found: f32 = matched.iter().map(|&m| weights[m]).sum();
                let coverage = found / total_weight;
                Candidate {
                    doc,
                    partial: matched.len() < needed,
                    behind: matched.len() < needed && !long,
                    base: sum * if long { 1.0 } else { coverage },
                    clauses: c,
                }
            })
            .collect();
        Candidates {
            list,
            clauses,
            weights,
        }
    }

    /// The best `options.limit` candidates in order, each with its proximity factor.
    ///
    /// Proximity only raises a score, by at most the ranking's proximity boost, so candidates
    /// are taken best first by their score without it, and the ranking stops at the first
    /// one that could not reach the hits kept even with the largest bonus. Proximity is
    /// weighed while the budget pays for the positions it decodes, and counts as none after.
    /// An error when positions cannot be read (the index is damaged).
    pub(super) fn rank(
        &self,
        candidates: &mut Candidates,
        per_clause: &[Matches],
        options: &SearchOptions,
        budget: &Budget,
    ) -> Result<Vec<(Candidate, f32)>, Error> {
        let limit = options.limit;
        let needed = per_clause.len();
        let mut list = std::mem::take(&mut candidates.list);
        let candidates = &*candidates;
        let proximity = |c: &Candidate| {
            self.proximity(candidates.matched(c), c.doc, per_clause, needed, budget)
        };
        // The order by final score (with proximity).
        let by_score = |a: &(Candidate, f32), b: &(Candidate, f32)| {
            a.0.behind
                .cmp(&b.0.behind)
                .then_with(|| self.order(options.sort, a.0.doc, b.0.doc))
                .then((b.0.base * b.1).total_cmp(&(a.0.base * a.1)))
                .then(a.0.doc.cmp(&b.0.doc))
        };
        if options.sort != Sort::Relevance || needed < 2 {
            // Another order decides first, so that proximity can only reorder equals, or one
            // clause has none: only the hits returned need it, chosen without ordering the
            // rest (a common word's hundreds of thousands).
            if list.len() > limit {
                list.select_nth_unstable_by(limit - 1, |a, b| {
                    a.behind
                        .cmp(&b.behind)
                        .then_with(|| self.order(options.sort, a.doc, b.doc))
                        .then(b.base.total_cmp(&a.base))
                        .then(a.doc.cmp(&b.doc))
                });
                list.truncate(limit);
            }
            let mut ranked: Vec<(Candidate, f32)> = list
                .into_iter()
                .map(|c| proximity(&c).map(|factor| (c, factor)))
                .collect::<Result<_, _>>()?;
            ranked.sort_by(by_score);
            return Ok(ranked);
        }
        // Best first, taken one at a time: most searches stop after a few more than `limit`.
        let mut best_first: BinaryHeap<ByRelevance> = list.into_iter().map(ByRelevance).collect();
        // The hits kept so far, best first; the last is the one to beat.
        let mut kept: Vec<(Candidate, f32)> = Vec::with_capacity(limit + 1);
        while let Some(ByRelevance(candidate)) = best_first.pop() {
            // The largest proximity factor any candidate left could have (one clause ranked
            // above, without it): none once the budget cannot pay for two positions (reading
            // common words may have spent it all), so that the ranking stops at the first that
            // cannot beat the last.
            let best = if budget.remaining() < PROXIMITY_AT_LEAST {
                1.0
            } else {
                1.0 + self.ranking.proximity_boost
            };
            if kept.len() == limit {
                let (last, factor) = &kept[limit - 1];
                let reachable =
                    candidate.behind == last.behind && candidate.base * best >= last.base * factor;
                if !reachable && (candidate.behind || !last.behind) {
                    break;
                }
            }
            let factor = proximity(&candidate)?;
            let entry = (candidate, factor);
            let at = kept.partition_point(|k| by_score(k, &entry).is_lt());
            if at < limit {
                kept.insert(at, entry);
                kept.truncate(limit);
            }
        }
        Ok(kept)
    }

    /// The proximity factor of a candidate (see [`crate::score::Ranking::proximity`]): how
    /// close each matched clause stands to the next matched one, over the `needed` clauses of
    /// the query. 1 when it matched one clause or the budget cannot pay for its positions.
    fn proximity(
        &self,
        clauses: &[usize],
        doc: DocId,
        per_clause: &[Matches],
        needed: usize,
        budget: &Budget,
    ) -> Result<f32, Error> {
        if clauses.len() < 2 || budget.remaining() < PROXIMITY_AT_LEAST {
            return Ok(1.0);
        }
        let matched: Vec<&DocMatch> = clauses.iter().map(|&c| &per_clause[c][&doc]).collect();
        let size: u64 = matched.iter().map(|m| m.position_count()).sum();
        if !budget.try_spend(size * PROXIMITY_A_POSITION) {
            return Ok(1.0);
        }
        let mut lists: Vec<Vec<u32>> = Vec::with_capacity(matched.len());
        for m in matched {
            let mut positions = m.positions()?;
            positions.sort_unstable();
            lists.push(positions);
        }
        let distances: Vec<u32> = lists
            .windows(2)
            .filter_map(|pair| closest(&pair[0], &pair[1]))
            .collect();
        Ok(self.ranking.proximity(needed, &distances))
    }

    /// A hit's score breakdown: the contributions of the terms it matched, its proximity
    /// factor and coverage, and the score they make.
    pub(super) fn score_breakdown(
        &self,
        candidate: &Candidate,
        proximity: f32,
        per_clause: &[Matches],
        candidates: &Candidates,
    ) -> Explanation {
        let (clauses, weights) = (candidates.matched(candidate), &candidates.weights);
        let found: f32 = clauses.iter().map(|&c| weights[c]).sum();
        let long = weights.len() >= LONG_QUERY;
        Explanation {
            contributions: clauses
                .iter()
                .flat_map(|&c| per_clause[c][&candidate.doc].contributions.clone())
                .collect(),
            proximity,
            // The factor the share of the query's weight covered put on the score: none for a
            // long query.
            coverage: if long {
                1.0
            } else {
                found / weights.iter().sum::<f32>()
            },
            score: candidate.base * proximity,
        }
    }
}

/// The smallest distance between a position of `a` and one of `b` (both sorted), if neither
/// is empty: 1 for neighbours. Equal positions (a word matching both) are no evidence and
/// count as far as possible.
fn closest(a: &[u32], b: &[u32]) -> Option<u32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let mut best = u32::MAX;
    while i < a.len() && j < b.len() {
        let distance = a[i].abs_diff(b[j]);
        if distance > 0 {
            best = best.min(distance);
        }
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proximity_reorders_hits_while_the_budget_pays_for_two_positions() {
        let corpus = crate::search::copies_of(12, "words");
        // Two clauses in every document, each a little less than the one before; only the
        // last has positions, its two words side by side.
        let clause = |at: u32| -> Matches<'static> {
            let list = (0..12)
                .map(|d| {
                    let positions = if d == 11 { vec![at] } else { Vec::new() };
                    (
                        d,
                        DocMatch::decoded(10.0 - d as f32 * 0.01, positions, Vec::new()),
                    )
                })
                .collect();
            Matches::from_list(list, true)
        };
        let per_clause = [clause(40), clause(41)];
        let options = SearchOptions {
            limit: 3,
            ..SearchOptions::default()
        };
        for (left, first) in [(1_000_000, 11), (4, 11), (3, 0)] {
            let budget = Budget::new(u64::MAX / 2);
            let mut candidates = corpus.candidates(&per_clause, &[], options.limit, &budget);
            budget.spend(budget.remaining() - left);
            let ranked = corpus
                .rank(&mut candidates, &per_clause, &options, &budget)
                .unwrap();
            let docs: Vec<DocId> = ranked.iter().map(|(c, _)| c.doc).collect();
            assert_eq!(docs[0], first, "{left} units left: {docs:?}");
            assert_eq!(docs.len(), 3);
            if first == 0 {
                assert_eq!(docs, [0, 1, 2]);
            }
        }
    }

    #[test]
    fn closest_is_the_smallest_gap_between_two_lists() {
        assert_eq!(closest(&[1, 50], &[10, 52]), Some(2));
        assert_eq!(closest(&[7], &[6]), Some(1));
        assert_eq!(closest(&[5], &[5]), Some(u32::MAX));
        assert_eq!(closest(&[5], &[]), None);
    }
}
