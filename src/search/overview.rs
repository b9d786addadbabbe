//! The corpus at a glance: counts of documents, words, terms, sources and tags, the span of its
//! dates, and the most frequent content words.

use super::{Corpus, Overview, TermCount, TOP_TERMS};
use crate::analyze::is_stopword;
use crate::index::TermId;

impl Corpus {
    /// Counts of documents, words, terms, sources and tags, the earliest and latest dates, and
    /// the most frequent content words.
    pub fn overview(&self) -> Overview {
        let documents = self.index.documents();
        let sources = self.source_counts(0..documents.len() as crate::index::DocId);
        let tags = self.tag_counts(0..documents.len() as crate::index::DocId);
        // ISO dates sort as text; a partial date before the full dates it holds.
        let mut dates: Vec<&str> = documents
            .iter()
            .filter_map(|d| d.meta.date.as_deref())
            .collect();
        dates.sort_unstable();
        dates.dedup();
        // The most frequent content words, selected by count before any is copied out.
        let mut top: Vec<(u32, TermId)> = (0..self.index.terms().len() as TermId)
            .filter(|&t| {
                let term = self.index.term(t);
                !is_stopword(term)
                    && term.chars().any(char::is_alphabetic)
                    && term.chars().nth(1).is_some()
            })
            .map(|t| (self.index.occurrences(t), t))
            .filter(|&(count, _)| count > 0)
            .collect();
        // Terms are sorted, so equal counts fall in alphabetical order.
        let by_count = |a: &(u32, TermId), b: &(u32, TermId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if top.len() > TOP_TERMS {
            top.select_nth_unstable_by(TOP_TERMS - 1, by_count);
            top.truncate(TOP_TERMS);
        }
        top.sort_by(by_count);
        let top = top
            .into_iter()
            .map(|(count, t)| TermCount {
                term: self.index.term(t).to_string(),
                count,
                documents: self.index.document_frequency(t),
            })
            .collect();
        Overview {
            title: self.title().map(str::to_string),
            documents: documents.len(),
            words: documents.iter().map(|d| d.words as u64).sum(),
            terms: self.index.text_terms().len(),
            sources,
            tags,
            dates: dates.len(),
            earliest: dates.first().map(|d| d.to_string()),
            latest: dates.last().map(|d| d.to_string()),
            top_terms: top,
        }
    }
}
