//! The corpus at a glance: counts of documents, words, terms, sources and tags, the span of its
//! dates, and the most frequent content words.

use super::{Corpus, Overview, TermCount, TOP_TERMS};

impl Corpus {
    /// Counts of documents, words, terms, sources and tags, the earliest and latest dates, and
    /// the most frequent content words.
    pub fn overview(&self) -> Overview {
        let documents = self.index.documents();
        let sources = self.source_counts(0..documents.len() as crate::index::DocId);
        let tags = self.tag_counts(0..documents.len() as crate::index::DocId);
        // ISO dates sort as text; a partial date before the full dates it holds.
        let mut used = vec![false; documents.distinct()[1]];
        for &number in documents.date_numbers() {
            if let Some(used) = used.get_mut(number as usize) {
                *used = true;
            }
        }
        let mut dates: Vec<&str> = (0..used.len() as u32)
            .filter(|&n| used[n as usize])
            .filter_map(|n| documents.date_name(n))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let top = self
            .index
            .frequent_words(TOP_TERMS)
            .into_iter()
            .map(|(term, count, documents)| TermCount {
                term,
                count,
                documents,
            })
            .collect();
        Overview {
            title: self.title().map(str::to_string),
            documents: documents.len(),
            words: documents.word_counts().iter().map(|&w| u64::from(w)).sum(),
            terms: self.index.text_term_count(),
            sources,
            tags,
            dates: dates.len(),
            earliest: dates.first().map(|d| d.to_string()),
            latest: dates.last().map(|d| d.to_string()),
            top_terms: top,
        }
    }
}
