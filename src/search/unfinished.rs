//! A search ranked whole but answered without some of its hits' passages or titles, or its
//! suggestions, kept to answer the call that comes once what they need has arrived.
//!
//! In a chunked index, the first call of a query learns which documents it shows only once it
//! has ranked them, and only then names the chunks of their texts and titles (and the shards
//! of the dictionary that "did you mean" compares); the page fetches them and calls again.
//! What the ranking read (the dictionary and the postings) was all there the first time and
//! cannot change, so the second call takes the ranked hits from here and only makes their
//! passages, titles and the suggestions again: a common word at 1 GB of text is not ranked
//! twice, and a call whose postings were let go meanwhile needs them no more.

use super::evaluate::{add_words_in_text, InText};
use super::suggest::ClauseFacts;
use super::{Corpus, SearchOptions, SearchResult};
use crate::budget::{Budget, WORK_LIMIT};
use crate::error::Error;
use crate::excerpt::MatchedWord;
use crate::index::{DocId, TermId};

/// An answer waiting only for texts, titles or suggestions, and what makes them.
pub(super) struct Unfinished {
    query: String,
    options: SearchOptions,
    result: SearchResult,
    ranked: Ranked,
}

/// What a ranking left to make its answer's passages, titles and suggestions from.
pub(super) struct Ranked {
    /// Each hit's, in the order of the hits.
    pub hits: Vec<HitInputs>,
    /// The query's clauses, for the suggestions.
    pub clauses: Vec<ClauseFacts>,
    /// The work the call had spent when it made its suggestions.
    pub spent_before_suggestions: u64,
}

/// What a hit's passage and title are made from, as the ranking left them.
pub(super) struct HitInputs {
    /// The document.
    pub doc: DocId,
    /// The words it matched, by clause, when it has a passage.
    pub matched: Option<Vec<MatchedWord>>,
    /// The terms whose matched words the passage finds in its text, which has not arrived.
    pub in_text: Vec<InText>,
    /// The matched terms that are in its title.
    pub titled: Vec<TermId>,
}

impl Corpus {
    /// Keeps `result` when it lacks only what its hits, titles and suggestions read, to be
    /// finished by [`Corpus::finish_unfinished`]; otherwise forgets any answer kept. `ranked`
    /// is `None` when the ranking itself lacked something.
    pub(super) fn keep_if_unfinished(
        &self,
        query: &str,
        options: &SearchOptions,
        result: &SearchResult,
        ranked: Option<Ranked>,
    ) {
        *self.unfinished.borrow_mut() =
            ranked
                .filter(|_| self.index.waits_for_chunks())
                .map(|ranked| Unfinished {
                    query: query.to_string(),
                    options: options.clone(),
                    result: result.clone(),
                    ranked,
                });
    }

    /// The answer kept for the same query and options, its passages, titles and suggestions
    /// made again from what has now arrived; `None` when none is kept. Once it is whole, it
    /// is let go.
    pub(super) fn finish_unfinished(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Option<SearchResult>, Error> {
        let kept = self.unfinished.borrow();
        let Some(unfinished) = kept
            .as_ref()
            .filter(|u| u.query == query && u.options == *options)
        else {
            return Ok(None);
        };
        let mut result = unfinished.result.clone();
        let ranked = &unfinished.ranked;
        for (hit, inputs) in result.hits.iter_mut().zip(&ranked.hits) {
            let mut matched = inputs.matched.clone();
            if let (Some(words), false) = (&mut matched, inputs.in_text.is_empty()) {
                add_words_in_text(words, &inputs.in_text, inputs.doc, &self.index)?;
            }
            *hit = self.hit(
                inputs.doc,
                hit.score,
                hit.partial,
                std::mem::take(&mut hit.missing),
                matched.as_deref(),
                hit.explanation.take(),
                &inputs.titled,
            )?;
        }
        // The suggestions with the budget as the ranking left it, as in one call.
        let budget = Budget::new(WORK_LIMIT);
        budget.spend(ranked.spent_before_suggestions);
        result.suggestions = self.suggest(&ranked.clauses, &budget);
        drop(kept);
        if !self.index.waits_for_chunks() {
            *self.unfinished.borrow_mut() = None;
        }
        Ok(Some(result))
    }
}
