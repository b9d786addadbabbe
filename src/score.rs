//! Relevance: BM25 for each matched term, weighted by how the term matched, with a title boost
//! and a proximity bonus, and a breakdown that says where a score came from.

use serde::Serialize;

/// BM25 term-frequency saturation. Useful range 1.0–2.0: higher lets repeated words count longer.
pub const K1: f32 = 1.2;
/// BM25 length normalization. Range 0.0 (length ignored) – 1.0 (fully normalized).
pub const B: f32 = 0.75;
/// Extra weight, as a share of a term's BM25 score, when the term is in the document's title.
pub const TITLE_BOOST: f32 = 0.5;
/// The largest proximity bonus, as a factor, earned when all query words stand side by side.
pub const PROXIMITY_BOOST: f32 = 0.5;

/// How a document term matched a query word, from best to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum MatchKind {
    /// The folded term itself.
    Exact,
    /// Another term with the same stem (`protests` for `protesting`).
    Stem,
    /// A term that starts with the query word (search as you type, or `word*`).
    Prefix,
    /// A term within the allowed edit distance (a typo).
    Fuzzy,
}

impl MatchKind {
    /// The share of a term's BM25 score that a match of this kind earns. Keeps exact above
    /// stem above prefix above fuzzy for the same term frequency.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.7,
            MatchKind::Prefix => 0.45,
            MatchKind::Fuzzy => 0.3,
        }
    }
}

/// Inverse document frequency, the BM25 (Lucene) form that is never negative.
///
/// `documents` is the corpus size, `frequency` how many documents hold the term.
pub fn idf(documents: u32, frequency: u32) -> f32 {
    let n = documents as f32;
    let df = frequency as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25 of one term in one document: `idf · tf·(K1+1) / (tf + K1·(1 − B + B·len/avg))`.
///
/// `tf` is how often the term occurs in the document, `length` the document's words and
/// `average_length` the corpus average.
pub fn bm25(tf: u32, length: u32, average_length: f32, idf: f32) -> f32 {
    if tf == 0 {
        return 0.0;
    }
    let tf = tf as f32;
    let norm = if average_length > 0.0 {
        1.0 - B + B * length as f32 / average_length
    } else {
        1.0
    };
    idf * tf * (K1 + 1.0) / (tf + K1 * norm)
}

/// The proximity factor for a document where all `words` query words fall within a window of
/// `window` consecutive positions: `1 + PROXIMITY_BOOST / (1 + window − words)`.
pub fn proximity(words: usize, window: u32) -> f32 {
    if words < 2 {
        return 1.0;
    }
    let slack = window.saturating_sub(words as u32) as f32;
    1.0 + PROXIMITY_BOOST / (1.0 + slack)
}

/// One line of a score breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Contribution {
    /// The query word or phrase.
    pub query: String,
    /// The document term that matched it (the phrase, for a phrase).
    pub term: String,
    /// How it matched.
    pub kind: MatchKind,
    /// Occurrences in the document.
    pub tf: u32,
    /// Its inverse document frequency.
    pub idf: f32,
    /// Whether the title holds it.
    pub in_title: bool,
    /// What it added to the score.
    pub score: f32,
}

/// Where a document's score came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Explanation {
    /// The best-scoring match of each query word or phrase.
    pub contributions: Vec<Contribution>,
    /// The proximity factor applied to the sum.
    pub proximity: f32,
    /// The share of the query's words found, each weighted by its idf (below 1 for a partial
    /// match).
    pub coverage: f32,
    /// The final score.
    pub score: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_weigh_more() {
        assert!(idf(100, 1) > idf(100, 10));
        assert!(idf(100, 100) > 0.0);
    }

    #[test]
    fn bm25_saturates_and_prefers_shorter_documents() {
        let idf = idf(10, 2);
        let (one, two, many) = (
            bm25(1, 100, 100.0, idf),
            bm25(2, 100, 100.0, idf),
            bm25(50, 100, 100.0, idf),
        );
        assert!(one < two && two < many);
        assert!(many < idf * (K1 + 1.0), "saturates below idf·(k1+1)");
        assert!(bm25(1, 50, 100.0, idf) > bm25(1, 200, 100.0, idf));
        assert_eq!(bm25(0, 100, 100.0, idf), 0.0);
        assert!(bm25(1, 0, 0.0, idf).is_finite());
    }

    #[test]
    fn match_kinds_rank_exact_stem_prefix_fuzzy() {
        let kinds = [
            MatchKind::Exact,
            MatchKind::Stem,
            MatchKind::Prefix,
            MatchKind::Fuzzy,
        ];
        assert!(kinds.windows(2).all(|w| w[0].weight() > w[1].weight()));
    }

    #[test]
    fn proximity_rewards_adjacent_words() {
        assert_eq!(proximity(1, 1), 1.0);
        assert_eq!(proximity(2, 2), 1.0 + PROXIMITY_BOOST);
        assert!(proximity(2, 3) < proximity(2, 2));
        assert!(proximity(3, 1000) > 1.0);
    }
}
