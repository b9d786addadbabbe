//! The terms of the documents' titles: stored per document, and inverted the first time a
//! search asks which documents' titles hold a term, so that a word found only in a title finds
//! its document. A chunked index keeps them inverted in the shards of its dictionary, each
//! term with the documents whose title holds it, and only each title's length in its manifest.

use std::cell::OnceCell;

use super::dictionary::Dictionary;
use super::{DocId, Index, TermId};

/// The title terms of every document, inverted: for each term, the documents whose title
/// holds it, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TitleDocuments {
    /// `documents[ends[term]..ends[term + 1]]`: the documents of a term.
    ends: Vec<u32>,
    documents: Vec<DocId>,
    /// The average number of distinct terms in a title.
    average_length: f32,
}

/// [`TitleDocuments`], made on first use.
pub(super) type LazyTitles = OnceCell<TitleDocuments>;

impl TitleDocuments {
    /// Inverts `title_terms` (per document, the ids of its title's terms, each below
    /// `term_count`).
    fn of(title_terms: &[Vec<TermId>], term_count: usize) -> TitleDocuments {
        let mut ends = vec![0u32; term_count + 1];
        for &term in title_terms.iter().flatten() {
            ends[term as usize + 1] += 1;
        }
        for i in 1..ends.len() {
            ends[i] += ends[i - 1];
        }
        let mut next = ends.clone();
        let mut documents = vec![0; ends[term_count] as usize];
        for (doc, terms) in title_terms.iter().enumerate() {
            for &term in terms {
                documents[next[term as usize] as usize] = doc as DocId;
                next[term as usize] += 1;
            }
        }
        let average_length = if title_terms.is_empty() {
            0.0
        } else {
            documents.len() as f32 / title_terms.len() as f32
        };
        TitleDocuments {
            ends,
            documents,
            average_length,
        }
    }
}

impl Index {
    fn titles(&self) -> &TitleDocuments {
        self.title_documents
            .get_or_init(|| TitleDocuments::of(&self.title_terms, self.term_count()))
    }

    /// Whether a term occurs in a document's title (in a chunked index, once the term's shard
    /// of the dictionary has arrived).
    pub fn in_title(&self, doc: DocId, term: TermId) -> bool {
        match &self.dictionary {
            Dictionary::Whole { .. } => self.title_terms[doc as usize].binary_search(&term).is_ok(),
            Dictionary::Sharded(shards) => shards.title_documents(term).binary_search(&doc).is_ok(),
        }
    }

    /// The documents whose title holds a term, in order (in a chunked index, none until the
    /// term's shard of the dictionary has arrived).
    pub fn title_documents(&self, term: TermId) -> &[DocId] {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            return shards.title_documents(term);
        }
        let titles = self.titles();
        let (start, end) = (titles.ends[term as usize], titles.ends[term as usize + 1]);
        &titles.documents[start as usize..end as usize]
    }

    /// How many distinct terms a document's title holds.
    pub fn title_length(&self, doc: DocId) -> u32 {
        match &self.dictionary {
            Dictionary::Whole { .. } => self.title_terms[doc as usize].len() as u32,
            Dictionary::Sharded(shards) => shards.title_length(doc),
        }
    }

    /// The average of [`Index::title_length`] over the documents.
    pub fn average_title_length(&self) -> f32 {
        match &self.dictionary {
            Dictionary::Whole { .. } => self.titles().average_length,
            Dictionary::Sharded(shards) => shards.average_title_length(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::sample;

    #[test]
    fn a_term_finds_the_documents_whose_title_holds_it() {
        let index = sample();
        let gaza = index.term_id("gaza").unwrap();
        assert_eq!(index.title_documents(gaza), &[0]);
        let speech = index.term_id("speech").unwrap();
        assert_eq!(index.title_documents(speech), &[1]);
        let protesters = index.term_id("protesters").unwrap();
        assert!(index.title_documents(protesters).is_empty());
        assert!(index.in_title(0, gaza) && !index.in_title(1, gaza));
        // "Protests in Gaza." and "A speech about Palestine and protesting.": 3 and 6 terms.
        assert_eq!((index.title_length(0), index.title_length(1)), (3, 6));
        assert_eq!(index.average_title_length(), 4.5);
    }
}
