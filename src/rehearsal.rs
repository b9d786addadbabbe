//! A rehearsal: a small made-up corpus that the page runs the engine's common calls over while
//! it waits for a reader. A browser first runs WebAssembly in code it compiles quickly, which
//! runs two to four times slower than its optimized code, and optimizes a function only once it
//! has run a while; a call already under way stays in the quick code to its end. So the first
//! search of a common word in a large corpus, which weighs hundreds of thousands of entries in
//! one call, would otherwise run at the slow speed throughout. Rehearsed over a few thousand
//! words, the same functions are optimized before the reader's first query.
//!
//! The corpus is made, not stored: the same each time, from a fixed list of English words drawn
//! with a skewed frequency, so that a few words are in every document, as common words are.

use crate::analyze::Analyzer;
use crate::{BuildError, Corpus, DocumentMeta, IndexBuilder, NewDocument};

/// How many documents the rehearsal corpus holds.
const DOCUMENTS: usize = 120;

/// How many words each document holds.
const WORDS: usize = 150;

/// The words of the rehearsal corpus, the commonest first.
const VOCABULARY: [&str; 64] = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "is",
    "was",
    "for",
    "with",
    "as",
    "on",
    "by",
    "at",
    "from",
    "this",
    "had",
    "not",
    "are",
    "but",
    "have",
    "which",
    "were",
    "one",
    "their",
    "said",
    "all",
    "been",
    "would",
    "there",
    "more",
    "people",
    "years",
    "time",
    "new",
    "state",
    "government",
    "country",
    "leaders",
    "statement",
    "reported",
    "meeting",
    "world",
    "city",
    "question",
    "between",
    "against",
    "national",
    "public",
    "during",
    "council",
    "writers",
    "history",
    "agreement",
    "security",
    "following",
    "elections",
    "economic",
    "building",
    "committee",
    "president",
    "members",
    "reading",
    "archives",
];

/// The queries the page rehearses, one of each kind a reader types: a common word, words, a
/// phrase, a prefix, a misspelling, a word and an exclusion.
pub const QUERIES: [&str; 6] = [
    "the",
    "government statement",
    "\"of the\"",
    "gov*",
    "goverment",
    "people -economic",
];

/// The rehearsal corpus: `DOCUMENTS` documents of `WORDS` words, in four sources.
pub fn corpus() -> Result<Corpus, BuildError> {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let mut seed: u64 = 0x5eed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let documents = (0..DOCUMENTS)
        .map(|d| {
            let mut text = String::with_capacity(WORDS * 8);
            for w in 0..WORDS {
                // Skewed: the first words of the list far more often than the last.
                let r = next() % VOCABULARY.len();
                let word = VOCABULARY[r * r / VOCABULARY.len()];
                if w > 0 {
                    text.push_str(if w % 12 == 0 { ". " } else { " " });
                }
                text.push_str(word);
            }
            text.push('.');
            NewDocument {
                meta: DocumentMeta {
                    id: format!("rehearsal-{d}"),
                    title: format!("{} {d}", VOCABULARY[VOCABULARY.len() - 1 - d % 16]),
                    source: format!("Source {}", d % 4),
                    date: Some(format!("20{:02}-0{}-1{}", d % 30, 1 + d % 9, d % 10)),
                    ..DocumentMeta::default()
                },
                text,
                headings: Vec::new(),
                code: Vec::new(),
            }
        })
        .collect();
    builder.add_all(documents)?;
    Ok(Corpus::new(builder.finish()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchOptions;

    #[test]
    fn every_rehearsed_query_finds_documents_and_the_commonest_word_is_in_all() {
        let corpus = corpus().unwrap();
        assert_eq!(corpus.documents().unwrap().len(), DOCUMENTS);
        for query in QUERIES {
            let found = corpus.search(query, &SearchOptions::default()).unwrap();
            assert!(found.total > 0, "{query}: {found:?}");
        }
        let the = corpus.search("the", &SearchOptions::default()).unwrap();
        assert_eq!(the.total, DOCUMENTS);
        // The same corpus each time.
        assert_eq!(
            super::corpus().unwrap().index().to_bytes(),
            corpus.index().to_bytes()
        );
    }
}
