//! A search ranked whole but answered without some of its hits' passages or titles, kept to
//! answer the call that comes once they have arrived.
//!
//! In a chunked index, the first call of a query learns which documents it shows only once it
//! has ranked them, and only then names the chunks of their texts and titles; the page fetches
//! them and calls again. What the ranking read (the dictionary and the postings) was all
//! there the first time and cannot change, so the second call takes the ranked hits from here
//! and only makes their passages and titles again: a common word at 1 GB of text is not ranked
//! twice, and a call whose postings were let go meanwhile needs them no more.

use super::{Corpus, SearchOptions, SearchResult};
use crate::error::Error;
use crate::excerpt::MatchedWord;
use crate::index::{DocId, TermId};

/// An answer waiting only for texts and titles, and what makes each hit's passage and title.
pub(super) struct Unfinished {
    query: String,
    options: SearchOptions,
    result: SearchResult,
    hits: Vec<HitInputs>,
}

/// What a hit's passage and title are made from, as the ranking left them.
pub(super) struct HitInputs {
    /// The document.
    pub doc: DocId,
    /// The words it matched, by clause, when it has a passage.
    pub matched: Option<Vec<MatchedWord>>,
    /// The matched terms that are in its title.
    pub titled: Vec<TermId>,
}

impl Corpus {
    /// Keeps `result` when it lacks only its hits' texts or titles, to be finished by
    /// [`Corpus::finish_unfinished`]; otherwise forgets any answer kept. `hits` is `None`
    /// when the ranking itself lacked something.
    pub(super) fn keep_if_unfinished(
        &self,
        query: &str,
        options: &SearchOptions,
        result: &SearchResult,
        hits: Option<Vec<HitInputs>>,
    ) {
        let unfinished = self.index.waits_for_chunks() && !self.index.waits_for_terms();
        *self.unfinished.borrow_mut() = hits.filter(|_| unfinished).map(|hits| Unfinished {
            query: query.to_string(),
            options: options.clone(),
            result: result.clone(),
            hits,
        });
    }

    /// The answer kept for the same query and options, its passages and titles made again
    /// from the texts now arrived; `None` when none is kept. Once it is whole, it is let go.
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
        for (hit, inputs) in result.hits.iter_mut().zip(&unfinished.hits) {
            *hit = self.finished_hit(
                inputs.doc,
                hit.score,
                hit.partial,
                std::mem::take(&mut hit.missing),
                inputs.matched.as_deref(),
                hit.explanation.take(),
                &inputs.titled,
            )?;
        }
        drop(kept);
        if !self.index.waits_for_chunks() {
            *self.unfinished.borrow_mut() = None;
        }
        Ok(Some(result))
    }
}
