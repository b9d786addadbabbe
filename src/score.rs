//! Relevance: BM25F for each matched term (body and title as two fields), weighted by how the
//! term matched, with a proximity bonus, and a breakdown that says where a score came from.

use serde::Serialize;

/// BM25 term-frequency saturation. Useful range 1.0–2.0: higher lets repeated words count longer.
pub const K1: f32 = 2.0;
/// BM25 length normalization of the body. Range 0.0 (length ignored) – 1.0 (fully normalized).
pub const B: f32 = 0.5;
/// What a word in the title weighs in BM25F's combined term frequency, against the same word
/// once in the body.
pub const TITLE_WEIGHT: f32 = 2.0;
/// Length normalization of the title, as [`B`] is of the body.
pub const TITLE_B: f32 = 0.5;
/// The largest proximity bonus, as a factor, earned when the query's words stand side by side.
pub const PROXIMITY_BOOST: f32 = 0.5;

/// The parameters of ranking. The defaults (the constants above) are the ones measured best
/// on `bench/relevance.mjs`; another set serves to measure alternatives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// [`K1`].
    pub k1: f32,
    /// [`B`].
    pub b: f32,
    /// [`TITLE_WEIGHT`].
    pub title_weight: f32,
    /// [`TITLE_B`].
    pub title_b: f32,
    /// [`PROXIMITY_BOOST`].
    pub proximity_boost: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            k1: K1,
            b: B,
            title_weight: TITLE_WEIGHT,
            title_b: TITLE_B,
            proximity_boost: PROXIMITY_BOOST,
        }
    }
}

/// How often a term occurs in one field of a document, and the field's length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    /// Occurrences of the term in the field.
    pub tf: u32,
    /// The field's length in this document, in words.
    pub length: u32,
    /// The field's average length over the corpus.
    pub average_length: f32,
}

impl Field {
    /// The term frequency divided by the field's length normalization `1 − b + b·len/avg`.
    fn normalized(self, b: f32) -> f32 {
        if self.tf == 0 {
            return 0.0;
        }
        let norm = if self.average_length > 0.0 {
            1.0 - b + b * self.length as f32 / self.average_length
        } else {
            1.0
        };
        self.tf as f32 / norm
    }
}

impl Ranking {
    /// BM25F of one term in one document with a body and a title: the fields' normalized
    /// term frequencies, the title's weighted, are summed before they saturate, so a word in
    /// the title counts as more occurrences and a title-only word still scores:
    /// `idf · tf·(k1+1) / (tf + k1)` with `tf = tf_body/norm_body + w·tf_title/norm_title`.
    pub fn bm25f(&self, body: Field, title: Field, idf: f32) -> f32 {
        let tf = body.normalized(self.b) + self.title_weight * title.normalized(self.title_b);
        if tf <= 0.0 {
            return 0.0;
        }
        idf * tf * (self.k1 + 1.0) / (tf + self.k1)
    }

    /// BM25 of one term in one document's body: `idf · tf·(k1+1) / (tf + k1·(1 − b +
    /// b·len/avg))`. `tf` is how often the term occurs in the document, `length` the
    /// document's words and `average_length` the corpus average.
    pub fn bm25(&self, tf: u32, length: u32, average_length: f32, idf: f32) -> f32 {
        let body = Field {
            tf,
            length,
            average_length,
        };
        self.bm25f(body, Field::NONE, idf)
    }

    /// The proximity factor for a document whose query words stand `distances` apart, one
    /// distance (in positions, 1 for neighbours) for each neighbouring pair of the `words`
    /// query words: `1 + boost · Σ 1/distance / (words − 1)`, so each pair that stands close
    /// adds its share and the factor is largest when every pair stands side by side.
    pub fn proximity(&self, words: usize, distances: &[u32]) -> f32 {
        if words < 2 {
            return 1.0;
        }
        let closeness: f32 = distances.iter().map(|&d| 1.0 / d.max(1) as f32).sum();
        1.0 + self.proximity_boost * closeness / (words - 1) as f32
    }
}

impl Field {
    /// A field without the term.
    pub const NONE: Field = Field {
        tf: 0,
        length: 0,
        average_length: 0.0,
    };
}

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
        let ranking = Ranking::default();
        let bm25 = |tf, length, average, idf| ranking.bm25(tf, length, average, idf);
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
    fn a_title_word_counts_as_more_occurrences_and_scores_alone() {
        let ranking = Ranking::default();
        let idf = idf(10, 2);
        let body = |tf| Field {
            tf,
            length: 100,
            average_length: 100.0,
        };
        let title = |tf| Field {
            tf,
            length: 4,
            average_length: 4.0,
        };
        let plain = ranking.bm25f(body(1), Field::NONE, idf);
        assert_eq!(plain, ranking.bm25(1, 100, 100.0, idf));
        let titled = ranking.bm25f(body(1), title(1), idf);
        assert!(titled > plain);
        assert!(ranking.bm25f(Field::NONE, title(1), idf) > 0.0);
        assert!(titled < idf * (K1 + 1.0), "the fields saturate together");
        let long_title = Field {
            length: 12,
            ..title(1)
        };
        assert!(
            ranking.bm25f(Field::NONE, long_title, idf) < ranking.bm25f(Field::NONE, title(1), idf)
        );
    }

    #[test]
    fn proximity_rewards_each_pair_of_neighbouring_words() {
        let ranking = Ranking::default();
        assert_eq!(ranking.proximity(1, &[]), 1.0);
        assert_eq!(ranking.proximity(2, &[1]), 1.0 + PROXIMITY_BOOST);
        assert!(ranking.proximity(2, &[2]) < ranking.proximity(2, &[1]));
        assert_eq!(ranking.proximity(3, &[1, 1]), 1.0 + PROXIMITY_BOOST);
        // One pair side by side, one far apart: half way.
        let half = ranking.proximity(3, &[1, 1000]);
        assert!(half > 1.2 && half < 1.3, "{half}");
        // A pair the document lacks adds nothing.
        assert!(ranking.proximity(3, &[1]) < ranking.proximity(3, &[1, 2]));
    }
}
