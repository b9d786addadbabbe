//! Evaluation: the documents each part of a query matches, with their scores and where the
//! matched words are, positions kept encoded until something reads them.

use crate::analyze::term_positions;
use crate::budget::{cost, count, Budget};
use crate::error::Error;
use crate::excerpt::{passage_words, MatchedWord};
use crate::index::{DocId, Fetches, Index, PositionsNow, PostingRef, TermId};
use crate::query::{Query, Word};
use crate::score::{self, Contribution, Field, MatchKind};

use super::forms::Matcher;
use super::further::Progress;
use super::matches::Matches;
use super::phrase::CheckedWhateverTheyCost;
use super::Corpus;

/// What one query part matched in one document.
#[derive(Debug, Clone, Default)]
pub(super) struct DocMatch<'a> {
    pub(super) score: f32,
    /// Where the matched positions are: most still encoded in the postings, decoded only for
    /// the few documents whose positions are read (snippets, proximity, the reader).
    found: FoundList<'a>,
    /// The matched terms the document's title holds.
    pub(super) titled: Vec<TermId>,
    pub(super) contributions: Vec<Contribution>,
}

/// The [`Found`] of one match: most often from a single term, so kept without a vector.
#[derive(Debug, Clone, Default)]
enum FoundList<'a> {
    #[default]
    Empty,
    One(Found<'a>),
    Many(Vec<Found<'a>>),
}

impl<'a> FoundList<'a> {
    fn push(&mut self, found: Found<'a>) {
        match self {
            FoundList::Empty => *self = FoundList::One(found),
            FoundList::Many(all) => all.push(found),
            FoundList::One(_) => {
                if let FoundList::One(first) = std::mem::take(self) {
                    *self = FoundList::Many(vec![first, found]);
                }
            }
        }
    }

    fn extend(&mut self, other: FoundList<'a>) {
        match other {
            FoundList::Empty => {}
            FoundList::One(found) => self.push(found),
            FoundList::Many(all) => all.into_iter().for_each(|found| self.push(found)),
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Found<'a>> {
        let (one, many) = match self {
            FoundList::Empty => (None, &[][..]),
            FoundList::One(found) => (Some(found), &[][..]),
            FoundList::Many(all) => (None, all.as_slice()),
        };
        one.into_iter().chain(many)
    }
}

/// Matched positions, encoded or decoded.
#[derive(Debug, Clone)]
enum Found<'a> {
    Encoded(PostingRef<'a>),
    Decoded(Vec<u32>),
}

impl DocMatch<'_> {
    /// A match whose positions are decoded already, as a phrase finds them.
    pub(super) fn decoded(
        score: f32,
        positions: Vec<u32>,
        contributions: Vec<Contribution>,
    ) -> Self {
        DocMatch {
            score,
            found: FoundList::One(Found::Decoded(positions)),
            titled: Vec::new(),
            contributions,
        }
    }

    /// Adds to `chunks` the chunks of positions kept apart that [`DocMatch::positions`] reads,
    /// arrived or not (see [`PostingRef::count_positions_chunk`]).
    pub(super) fn count_positions_chunks(&self, chunks: &mut Fetches) {
        for found in self.found.iter() {
            if let Found::Encoded(posting) = found {
                posting.count_positions_chunk(chunks);
            }
        }
    }

    /// How many positions [`DocMatch::positions`] decodes.
    pub(super) fn position_count(&self) -> u64 {
        self.found
            .iter()
            .map(|found| match found {
                Found::Encoded(posting) => posting.tf as u64,
                Found::Decoded(positions) => positions.len() as u64,
            })
            .sum()
    }

    /// The matched word positions, in no particular order, perhaps repeated: none of a term
    /// whose positions are kept apart while their chunk has not arrived (it is then wanted),
    /// an error when they cannot be read (the index is damaged).
    pub(super) fn positions(&self) -> Result<Vec<u32>, Error> {
        let mut out = Vec::new();
        for found in self.found.iter() {
            match found {
                Found::Encoded(posting) => out.extend(posting.positions()?),
                Found::Decoded(positions) => out.extend_from_slice(positions),
            }
        }
        Ok(out)
    }

    /// [`DocMatch::positions`] as a passage has them now: those at hand, and the terms whose
    /// positions are kept apart in a chunk that has not arrived, to be found in the
    /// document's text (see [`PositionsNow`]); no chunk of positions is wanted.
    pub(super) fn positions_now(&self) -> Result<(Vec<u32>, Vec<TermId>), Error> {
        let (mut out, mut in_text) = (Vec::new(), Vec::new());
        for found in self.found.iter() {
            match found {
                Found::Encoded(posting) => match posting.positions_now()? {
                    PositionsNow::Read(positions) => out.extend(positions),
                    PositionsNow::InText(term) => in_text.push(term),
                },
                Found::Decoded(positions) => out.extend_from_slice(positions),
            }
        }
        Ok((out, in_text))
    }
}

/// One document a word's term is in: the document, the place of the term in the word's
/// expansion, how the term matches, and its posting (`None` when only the title holds it).
type Entry<'a> = (DocId, usize, MatchKind, Option<PostingRef<'a>>);

/// The place of the posting of a document only the title of which holds the term: none.
const TITLE_ONLY: u32 = u32::MAX;

/// A term's postings and the documents whose title holds it, merged in document order: each
/// document once, with its posting if its text holds the term.
struct MergeByDocument<'a, P: Iterator<Item = PostingRef<'a>>, T: Iterator<Item = DocId>> {
    postings: std::iter::Peekable<P>,
    titles: std::iter::Peekable<T>,
}

impl<'a, P, T> Iterator for MergeByDocument<'a, P, T>
where
    P: Iterator<Item = PostingRef<'a>>,
    T: Iterator<Item = DocId>,
{
    type Item = (DocId, Option<PostingRef<'a>>);

    fn next(&mut self) -> Option<Self::Item> {
        let posting = self.postings.peek().map(|p| p.doc);
        match (posting, self.titles.peek().copied()) {
            (Some(doc), Some(title)) if title < doc => {
                self.titles.next();
                Some((title, None))
            }
            (Some(doc), title) => {
                if title == Some(doc) {
                    self.titles.next();
                }
                self.postings.next().map(|p| (doc, Some(p)))
            }
            (None, Some(title)) => {
                self.titles.next();
                Some((title, None))
            }
            (None, None) => None,
        }
    }
}

/// Sorts `items`, made of `runs` runs each sorted by document, by document, keeping their order
/// within a document. Many runs long beside the corpus (a prefix's hundreds of terms) are placed
/// by counting, in linear time; otherwise the merge sort joins the runs.
fn sort_by_document<T: Copy>(
    items: &mut Vec<T>,
    doc: impl Fn(&T) -> DocId,
    documents: usize,
    runs: usize,
) {
    if items.is_sorted_by_key(&doc) {
        return;
    }
    let in_corpus = || items.iter().all(|item| (doc(item) as usize) < documents);
    if runs < 16 || items.len() * 4 < documents || !in_corpus() {
        items.sort_by_key(doc);
        return;
    }
    let mut next = vec![0usize; documents + 1];
    for item in items.iter() {
        next[doc(item) as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut sorted = items.clone();
    for item in items.iter() {
        let slot = &mut next[doc(item) as usize];
        sorted[*slot] = *item;
        *slot += 1;
    }
    *items = sorted;
}

impl Corpus {
    /// The documents a query part matches, with scores and matched positions.
    /// With `explain`, each match keeps where its score came from.
    /// Fails when postings it reads cannot be (the index is damaged).
    pub(super) fn evaluate(
        &self,
        query: &Query,
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        Ok(match query {
            Query::Word { text, word } => self.word(text, word, explain, matcher, budget)?,
            Query::Phrase {
                text,
                words,
                compound,
            } => {
                let found = self.phrase(text, words, explain, matcher, budget)?;
                if found.is_empty() && *compound {
                    // A word the analyzer split that no document holds as written: its parts.
                    budget.note(format!(
                        "\u{2018}{text}\u{2019} does not occur as written; its parts were searched for instead."
                    ));
                    let parts = words
                        .iter()
                        .map(|word| Query::Word {
                            text: word.term.clone(),
                            word: word.clone(),
                        })
                        .collect();
                    self.evaluate(&Query::All(parts), explain, matcher, budget)?
                } else {
                    found
                }
            }
            Query::Near { parts, distance } => {
                self.near(query, parts, *distance, explain, matcher, budget)?
            }
            Query::Any(parts) => {
                let mut all = Matches::new();
                for part in parts {
                    let matches = self.evaluate(part, explain, matcher, budget)?;
                    budget.spend(matches.len() as u64 * cost::CANDIDATE);
                    all = all.union(matches, merge);
                }
                all
            }
            Query::All(parts) => {
                let (negative, positive): (Vec<&Query>, Vec<&Query>) =
                    parts.iter().partition(|q| matches!(q, Query::Not(_)));
                let excluded = self.excluded(&negative, budget)?;
                let mut parts = positive.iter();
                let Some(first) = parts.next() else {
                    return Ok(Matches::new());
                };
                let mut all = self.evaluate(first, explain, matcher, budget)?;
                for part in parts {
                    let next = self.evaluate(part, explain, matcher, budget)?;
                    budget.spend((all.len() + next.len()) as u64 * cost::CANDIDATE);
                    all = all.intersection(next, merge);
                }
                all.retain(|doc, _| excluded.binary_search(doc).is_err());
                all
            }
            // An exclusion means something only among the parts of an `All`.
            Query::Not(_) => Matches::new(),
        })
    }

    /// The documents any of the exclusions matches, sorted.
    /// Exclusions match as a search does, whatever the call: `-wars` leaves out what a search
    /// for `wars` finds.
    pub(super) fn excluded(
        &self,
        negative: &[&Query],
        budget: &Budget,
    ) -> Result<Vec<DocId>, Error> {
        let matcher = Matcher::search();
        let mut docs: Vec<DocId> = Vec::new();
        for q in negative {
            if let Query::Not(inner) = q {
                docs.extend(self.evaluate(inner, false, &matcher, budget)?.into_keys());
            }
        }
        docs.sort_unstable();
        docs.dedup();
        Ok(docs)
    }

    /// Documents with any term that matches the word; each scores by its best term.
    fn word(
        &self,
        text: &str,
        word: &Word,
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        let expansion = self.expand(word, false, matcher.rule, budget);
        matcher.record(text, word, &expansion);
        let read = (expansion.terms.iter())
            .map(|&(term, _)| self.index.posting_refs(term))
            .collect::<Result<Vec<_>, _>>()?;
        if self.index.waits_for_terms() {
            // Postings are on their way (each term's now wanted): what would be matched now
            // is not what will be, and a word in most titles would weigh each of them.
            return Ok(Matches::new());
        }
        // Each term adds two runs: its title-only documents, then its postings.
        let terms = expansion.terms.len();
        // The documents whose title holds each term, and how far the documents read have
        // gone through them: the documents come in order.
        let mut titles: Vec<(TermId, &[DocId], usize)> = Vec::with_capacity(terms);
        // Every document of every term, by its body's postings or its title: the document,
        // the place of its term in the expansion, and the place of its posting among the
        // term's ([`TITLE_ONLY`] for none). Twelve bytes an entry, about a third of a
        // posting's size: a word whose forms are in most documents of a large collection
        // gathers and sorts tens of thousands of them.
        let mut entries: Vec<(DocId, u32, u32)> = Vec::new();
        if terms > 1 {
            let postings: usize = read.iter().map(Vec::len).sum();
            entries.reserve(postings);
        }
        for (place, &(term, _)) in expansion.terms.iter().enumerate() {
            let titled = self.index.title_documents(term);
            budget.spend(titled.len() as u64 * cost::CANDIDATE);
            titles.push((term, titled, 0));
            if terms > 1 {
                let refs = &read[place];
                let place = place as u32;
                for &doc in titled {
                    if refs.binary_search_by_key(&doc, |r| r.doc).is_err() {
                        entries.push((doc, place, TITLE_ONLY));
                    }
                }
                entries.extend((refs.iter().zip(0..)).map(|(r, at)| (r.doc, place, at)));
            }
        }
        if terms > 1 {
            // In document order (the sort is stable: within a document, terms stay in the
            // order of their expansion).
            let documents = self.index.documents().len();
            sort_by_document(&mut entries, |&(doc, ..)| doc, documents, 2 * terms);
            let documents = entries.chunk_by(|a, b| a.0 == b.0).count();
            let entries = entries.into_iter().map(|(doc, place, at)| {
                let place = place as usize;
                let kind = expansion.terms[place].1;
                (doc, place, kind, read[place].get(at as usize).copied())
            });
            return Ok(self.weigh(text, entries, documents, titles, explain));
        }
        // A single term, the most common word: its postings and the documents only its
        // title holds, merged in document order as they are read, not gathered and sorted.
        let Some((refs, &(_, kind))) = read.into_iter().zip(&expansion.terms).next() else {
            return Ok(Matches::new());
        };
        let titled = titles[0].1;
        // Both in document order: counted in one pass over each, where a search of the
        // postings for each title misses the cache as often as it steps.
        let mut posted = refs.iter().map(|r| r.doc).peekable();
        let title_only = titled
            .iter()
            .filter(|&&doc| {
                while posted.next_if(|&d| d < doc).is_some() {}
                posted.peek() != Some(&doc)
            })
            .count();
        let documents = refs.len() + title_only;
        let merged = MergeByDocument {
            postings: refs.into_iter().peekable(),
            titles: titled.iter().copied().peekable(),
        }
        .map(|(doc, posting)| (doc, 0, kind, posting));
        Ok(self.weigh(text, merged, documents, titles, explain))
    }

    /// The matches of a word: each document of `entries` (in document order, with the place
    /// of its term in the word's expansion), scored by its best term. `documents` is how many
    /// documents there are among them, and `titles`, for each term, the documents whose title
    /// holds it.
    fn weigh<'a>(
        &self,
        text: &str,
        entries: impl IntoIterator<Item = Entry<'a>>,
        documents: usize,
        mut titles: Vec<(TermId, &[DocId], usize)>,
        explain: bool,
    ) -> Matches<'a> {
        // One idf for the word, over every document any of its terms is in, so that a rare
        // variant does not outweigh the word itself.
        let idf = self.idf(documents);
        let (average_words, average_title_length) = (
            self.index.average_words(),
            self.index.average_title_length(),
        );
        let lengths = self.index.lengths();
        let mut matches: Vec<(DocId, DocMatch)> = Vec::with_capacity(documents);
        // Whether each document passed the one before: a list made so needs no sorting.
        let mut ordered = true;
        for (doc, place, kind, posting) in entries {
            match matches.last() {
                Some(&(last, _)) if last == doc => {}
                last => {
                    ordered &= last.is_none_or(|&(last, _)| last < doc);
                    matches.push((doc, DocMatch::default()));
                }
            }
            let Some((_, entry)) = matches.last_mut() else {
                continue;
            };
            let tf = posting.as_ref().map_or(0, |p| p.tf);
            let (term, titled, seen) = &mut titles[place];
            let term = *term;
            while titled.get(*seen).is_some_and(|&d| d < doc) {
                *seen += 1;
            }
            let in_title = titled.get(*seen) == Some(&doc);
            let [words, title_length] = lengths.get(doc as usize).copied().unwrap_or_default();
            let body = Field {
                tf,
                length: words,
                average_length: average_words,
            };
            let title = Field {
                tf: in_title as u32,
                length: title_length,
                average_length: average_title_length,
            };
            let value = kind.weight() * self.ranking.bm25f(body, title, idf);
            if let Some(posting) = posting {
                entry.found.push(Found::Encoded(posting));
            }
            if in_title {
                entry.titled.push(term);
            }
            if value > entry.score {
                entry.score = value;
                if explain {
                    entry.contributions = vec![Contribution {
                        query: text.to_string(),
                        term: self.index.term(term).to_string(),
                        kind,
                        tf,
                        idf,
                        in_title,
                        score: value,
                    }];
                }
            }
        }
        Matches::from_list(matches, ordered)
    }

    /// Documents where every part occurs within `distance` words of the first part; the
    /// matched positions are those of the parts that stand close enough.
    fn near(
        &self,
        query: &Query,
        parts: &[Query],
        distance: u32,
        explain: bool,
        matcher: &Matcher,
        budget: &Budget,
    ) -> Result<Matches<'_>, Error> {
        // Common words in a large collection: their first documents' texts cost less.
        if let Some(found) = self.near_in_texts(query, explain, matcher, budget)? {
            return Ok(found);
        }
        let per_part: Vec<Matches> = parts
            .iter()
            .map(|part| self.evaluate(part, explain, matcher, budget))
            .collect::<Result<_, _>>()?;
        let Some((first, rest)) = per_part.split_first() else {
            return Ok(Matches::new());
        };
        let holds_every_part = |doc: &DocId| rest.iter().all(|m| m.contains_key(doc));
        let candidates: Vec<DocId> = first
            .iter()
            .map(|(&doc, _)| doc)
            .filter(holds_every_part)
            .collect();
        // Going further, from the first document not checked before, with the budget the
        // call's checks share.
        // Its parts match as the call matches words: a search and a count differently.
        let key = format!(
            "near\u{0}{}\u{0}{distance}\u{0}{:?}",
            query.text(),
            matcher.rule
        );
        let Progress {
            checked, mut found, ..
        } = match matcher.further().is_some() {
            true => self.checks.take(&key, candidates.len()),
            false => Progress::default(),
        };
        let start = checked.min(candidates.len());
        let found_before = found.len();
        let checks = matcher.further().unwrap_or(budget);
        let mut stopped = None;
        let mut always = CheckedWhateverTheyCost::new(start, matcher);
        for (checked, &doc) in candidates.iter().enumerate().skip(start) {
            let size: u64 = per_part.iter().map(|m| m[&doc].position_count()).sum();
            // The first documents are checked whatever reading the parts cost, as a phrase's.
            let admitted = always.admits(checked, |chunks| {
                per_part
                    .iter()
                    .for_each(|m| m[&doc].count_positions_chunks(chunks));
            });
            if admitted {
                checks.spend(size * cost::POSITION);
            } else if !checks.try_spend(size * cost::POSITION) {
                budget.mark_incomplete();
                budget.note(near_stopped_short(&query.text(), checked, candidates.len()));
                matcher.stopped_short();
                stopped = Some(checked);
                break;
            }
            let lists: Vec<Vec<u32>> = per_part
                .iter()
                .map(|m| {
                    let mut positions = m[&doc].positions()?;
                    positions.sort_unstable();
                    positions.dedup();
                    Ok(positions)
                })
                .collect::<Result<_, Error>>()?;
            let positions = near_positions(&lists, distance);
            if !positions.is_empty() {
                found.push((doc, positions));
            }
        }
        let mut matches = Matches::new();
        for (doc, positions) in &found {
            let doc = *doc;
            let mut entry = DocMatch {
                found: FoundList::One(Found::Decoded(positions.clone())),
                ..DocMatch::default()
            };
            for m in &per_part {
                entry.score += m[&doc].score;
                entry.titled.extend_from_slice(&m[&doc].titled);
                entry
                    .contributions
                    .extend(m[&doc].contributions.iter().cloned());
            }
            matches.insert(doc, entry);
        }
        self.keep_check(
            key,
            matcher,
            found,
            (stopped, candidates.len()),
            (start, found_before),
        );
        Ok(matches)
    }

    /// The idf of something found in `documents` documents.
    pub(super) fn idf(&self, documents: usize) -> f32 {
        score::idf(self.index.documents().len() as u32, documents as u32)
    }
}

/// The positions of `doc` matched by the clauses of `per_clause`, each of which matched it,
/// sorted, each once; an error when positions cannot be read (the index is damaged).
pub(super) fn matched_positions(per_clause: &[Matches], doc: DocId) -> Result<Vec<u32>, Error> {
    let mut positions = Vec::new();
    for m in per_clause {
        positions.extend(m[&doc].positions()?);
    }
    positions.sort_unstable();
    positions.dedup();
    Ok(positions)
}

/// The matched words of one document, each tagged with the clause it answers, sorted by
/// position: what [`crate::excerpt::snippet`] chooses a passage from. An error when positions
/// cannot be read (the index is damaged).
///
/// The words of a term whose positions are kept apart in a chunk that has not arrived are left
/// out, and their clauses and terms returned: a passage reads its text anyway, and finds them
/// there ([`add_words_in_text`]) rather than wait for a chunk of positions.
pub(super) fn positions_by_clause(
    doc: DocId,
    per_clause: &[Matches],
) -> Result<(Vec<MatchedWord>, Vec<InText>), Error> {
    let mut hits: Vec<MatchedWord> = Vec::new();
    let mut in_text = Vec::new();
    for (c, m) in per_clause.iter().enumerate() {
        let Some(m) = m.get(&doc) else {
            continue;
        };
        let (positions, terms) = m.positions_now()?;
        let clause = c as u32;
        hits.extend(
            positions
                .into_iter()
                .map(|position| MatchedWord { position, clause }),
        );
        in_text.extend(terms.into_iter().map(|term| InText { clause, term }));
    }
    hits.sort_unstable();
    Ok((hits, in_text))
}

/// A term of a clause whose matched words a passage finds in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct InText {
    pub clause: u32,
    pub term: TermId,
}

/// Adds to `hits` (then sorted) the words that are the terms of `in_text`, each tagged with
/// its clause, found in the text of `doc` where its passage will lie: around the passage
/// `hits` alone give, or from the start of the text when they are none. The window read is
/// the whole text but for a long text cut into pieces (see [`Index::text_window`]), of which
/// it reads the pieces that hold those words: the words of a common term in a long text are
/// found near the passage, not wherever the text holds them most. False when the text has not
/// arrived (it is then wanted).
pub(super) fn add_words_in_text(
    hits: &mut Vec<MatchedWord>,
    in_text: &[InText],
    doc: DocId,
    index: &Index,
) -> Result<bool, Error> {
    let words = index.document(doc).words;
    let (start, end) = match hits.is_empty() {
        true => (0, 1),
        false => passage_words(words, hits),
    };
    let Some(window) = index.arrived_window(doc, start, end.max(start + 1))? else {
        return Ok(false);
    };
    // A term is "" only while its shard has not arrived, and no word is that term.
    let terms: Vec<&str> = in_text.iter().map(|t| index.term(t.term)).collect();
    for ((found, t), term) in term_positions(&window.text, &terms)
        .into_iter()
        .zip(in_text)
        .zip(&terms)
    {
        if term.is_empty() {
            continue;
        }
        hits.extend(found.into_iter().map(|position| MatchedWord {
            position: window.word + position,
            clause: t.clause,
        }));
    }
    hits.sort_unstable();
    Ok(true)
}

/// The positions, of sorted `lists` (one per part), that stand within `distance` of a position
/// of the first part that has every other part within `distance`: the anchors and the
/// neighbours that qualify them, sorted.
pub(super) fn near_positions(lists: &[Vec<u32>], distance: u32) -> Vec<u32> {
    let Some((anchors, others)) = lists.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &anchor in anchors {
        let (low, high) = (
            anchor.saturating_sub(distance),
            anchor.saturating_add(distance),
        );
        let windows: Vec<&[u32]> = others
            .iter()
            .map(|list| {
                let from = list.partition_point(|&p| p < low);
                let to = list.partition_point(|&p| p <= high);
                &list[from..to]
            })
            .collect();
        if windows.iter().all(|w| !w.is_empty()) {
            out.push(anchor);
            windows.iter().for_each(|w| out.extend_from_slice(w));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn merge<'a>(into: &mut DocMatch<'a>, other: DocMatch<'a>) {
    into.score += other.score;
    into.found.extend(other.found);
    into.titled.extend(other.titled);
    into.contributions.extend(other.contributions);
}

/// The note of words near each other checked for in only the first `checked` of the
/// `candidates` documents that hold them all: none found need not mean that none holds them.
fn near_stopped_short(text: &str, checked: usize, candidates: usize) -> String {
    format!(
        "Only the first {} of the {} documents that hold every word of \u{2018}{text}\u{2019} \
         were checked for it: its words are too common to check them all.",
        count(checked),
        count(candidates)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::phrase::PHRASE_ALWAYS;

    #[test]
    fn words_near_each_other_checked_in_part_go_further_from_where_they_stopped() {
        let corpus = crate::search::texts_of(300, |d| match d {
            5 | 250 => "North of the river.".to_string(),
            _ => "North of a long and winding road that runs by the river.".to_string(),
        });
        let query = corpus.parse("north NEAR/3 river");
        let near = query.required()[0];
        let evaluate = |further: bool| {
            let budget = Budget::new(1);
            let matcher = Matcher::search().going_further(further);
            let matches = corpus.evaluate(near, false, &matcher, &budget).unwrap();
            let found: Vec<DocId> = matches.iter().map(|(&doc, _)| doc).collect();
            (
                found,
                matcher.has_stopped_short(),
                budget.take_notes().complete,
            )
        };
        // Its words spend the budget: the first documents are checked at first, then all.
        assert_eq!(evaluate(false), (vec![5], true, false));
        assert_eq!(evaluate(true), (vec![5, 250], false, true));
        assert_eq!(evaluate(true), (vec![5, 250], false, true));
    }

    #[test]
    fn words_near_each_other_checked_in_part_say_in_how_many_documents() {
        let corpus = crate::search::copies_of(100, "North of the river, the north of it.");
        let query = corpus.parse("north NEAR/2 river");
        let near = query.required()[0];
        let evaluate = |limit| {
            let budget = Budget::new(limit);
            let matches = corpus
                .evaluate(near, false, &Matcher::search(), &budget)
                .unwrap();
            (matches.len(), budget.take_notes())
        };
        let (all, notes) = evaluate(1_000_000);
        assert_eq!((all, notes.complete), (100, true));
        // Its words spend the budget: the first documents are checked whatever they cost.
        let (first, notes) = evaluate(1);
        assert_eq!((first, notes.complete), (PHRASE_ALWAYS, false));
        assert!(notes.messages.iter().any(|m| m.starts_with(
            "Only the first 64 of the 100 documents that hold every word of \u{2018}north NEAR/2 river\u{2019}"
        )));
        // A budget that pays for the words and half of their documents.
        let spent = |limit| {
            let budget = Budget::new(limit);
            corpus
                .evaluate(near, false, &Matcher::search(), &budget)
                .unwrap();
            budget.spent()
        };
        let (words, all) = (spent(1), spent(1_000_000));
        let (some, notes) = evaluate((words + all) / 2);
        assert!(some > 0 && some < 100, "{some}");
        let note = format!(
            "Only the first {some} of the 100 documents that hold every word of \
             \u{2018}north NEAR/2 river\u{2019} were checked for it: its words are too common to \
             check them all."
        );
        assert!(notes.messages.contains(&note), "{:?}", notes.messages);
    }

    #[test]
    fn sorting_by_document_keeps_the_order_within_a_document_by_either_way() {
        // (document, order of arrival): runs of terms, as a word's expansion gives them.
        let items: Vec<(u32, u32)> = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0]
            .iter()
            .enumerate()
            .map(|(i, &doc)| (doc, i as u32))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(doc, _)| doc);
        for (documents, runs) in [(10, 20), (1000, 20), (10, 2)] {
            // Counting first; then a list short beside the corpus, and few runs, merge-sorted.
            let mut sorted = items.clone();
            sort_by_document(&mut sorted, |&(doc, _)| doc, documents, runs);
            assert_eq!(sorted, expected, "{documents} documents, {runs} runs");
        }
        // A document beyond the corpus (a damaged index) is sorted all the same.
        let mut odd = vec![(12, 0), (2, 1), (12, 2), (0, 3)];
        sort_by_document(&mut odd, |&(doc, _)| doc, 4, 20);
        assert_eq!(odd, [(0, 3), (2, 1), (12, 0), (12, 2)]);
    }
}
