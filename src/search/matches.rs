//! What one query part matched, by document: a list sorted by document, looked up by binary
//! search. A word in every document of a large corpus matches hundreds of thousands of them,
//! all found in document order; a list holds them in one allocation, where a map spent a
//! fifth of such a search building its nodes and more dropping them.

use std::ops::Index;

use crate::index::DocId;

use super::evaluate::DocMatch;

/// The documents a query part matched, each with its [`DocMatch`], in document order.
#[derive(Debug, Clone, Default)]
pub(super) struct Matches<'a> {
    list: Vec<(DocId, DocMatch<'a>)>,
}

impl<'a> Matches<'a> {
    /// No document.
    pub(super) fn new() -> Self {
        Matches { list: Vec::new() }
    }

    /// The matches of a list in document order, each document once, as a word's postings
    /// give them, when `ordered` says so (its maker saw each document pass the one before);
    /// sorted otherwise (postings out of order in a damaged index).
    pub(super) fn from_list(list: Vec<(DocId, DocMatch<'a>)>, ordered: bool) -> Self {
        if ordered {
            debug_assert!(list.is_sorted_by(|a, b| a.0 < b.0));
            return Matches { list };
        }
        list.into_iter().collect()
    }

    /// How many documents matched.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether none did.
    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    fn find(&self, doc: DocId) -> Result<usize, usize> {
        self.list.binary_search_by_key(&doc, |&(d, _)| d)
    }

    /// The match in `doc`, if it matched.
    pub(super) fn get(&self, doc: &DocId) -> Option<&DocMatch<'a>> {
        self.find(*doc).ok().map(|i| &self.list[i].1)
    }

    /// Whether `doc` matched.
    pub(super) fn contains_key(&self, doc: &DocId) -> bool {
        self.find(*doc).is_ok()
    }

    /// Takes the match in `doc` out, if it matched.
    pub(super) fn remove(&mut self, doc: &DocId) -> Option<DocMatch<'a>> {
        self.find(*doc).ok().map(|i| self.list.remove(i).1)
    }

    /// Adds the match in `doc`, or replaces it. In document order, as evaluation finds them,
    /// it goes at the end.
    pub(super) fn insert(&mut self, doc: DocId, found: DocMatch<'a>) {
        match self.list.last() {
            Some(&(last, _)) if last >= doc => match self.find(doc) {
                Ok(i) => self.list[i].1 = found,
                Err(i) => self.list.insert(i, (doc, found)),
            },
            _ => self.list.push((doc, found)),
        }
    }

    /// The documents, in order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &DocId> + '_ {
        self.list.iter().map(|(doc, _)| doc)
    }

    /// The documents and what matched in each, in document order.
    pub(super) fn as_slice(&self) -> &[(DocId, DocMatch<'a>)] {
        &self.list
    }

    /// The documents, in order, and what matched in each.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&DocId, &DocMatch<'a>)> + '_ {
        self.list.iter().map(|(doc, found)| (doc, found))
    }

    /// The documents, in order.
    pub(super) fn into_keys(self) -> impl Iterator<Item = DocId> + use<'a> {
        self.list.into_iter().map(|(doc, _)| doc)
    }

    /// Keeps the documents `keep` says yes to.
    pub(super) fn retain(&mut self, mut keep: impl FnMut(&DocId, &mut DocMatch<'a>) -> bool) {
        self.list.retain_mut(|(doc, found)| keep(doc, found));
    }

    /// Every document either matched, what both matched in one joined by `join`.
    pub(super) fn union(
        self,
        other: Matches<'a>,
        mut join: impl FnMut(&mut DocMatch<'a>, DocMatch<'a>),
    ) -> Matches<'a> {
        if self.is_empty() {
            return other;
        }
        let mut list = Vec::with_capacity(self.len().max(other.len()));
        let (mut a, mut b) = (
            self.list.into_iter().peekable(),
            other.list.into_iter().peekable(),
        );
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 == y.0 => {
                    let (doc, mut found) = a.next().expect("peeked");
                    join(&mut found, b.next().expect("peeked").1);
                    (doc, found)
                }
                (Some(x), Some(y)) if x.0 < y.0 => a.next().expect("peeked"),
                (Some(_), Some(_)) | (None, Some(_)) => b.next().expect("peeked"),
                (Some(_), None) => a.next().expect("peeked"),
                (None, None) => break,
            };
            list.push(next);
        }
        Matches { list }
    }

    /// The documents both matched, what `other` matched in each joined by `join`.
    pub(super) fn intersection(
        self,
        other: Matches<'a>,
        mut join: impl FnMut(&mut DocMatch<'a>, DocMatch<'a>),
    ) -> Matches<'a> {
        let mut list = Vec::with_capacity(self.len().min(other.len()));
        let mut b = other.list.into_iter().peekable();
        for (doc, mut found) in self.list {
            while b.next_if(|&(d, _)| d < doc).is_some() {}
            if let Some((_, theirs)) = b.next_if(|&(d, _)| d == doc) {
                join(&mut found, theirs);
                list.push((doc, found));
            }
        }
        Matches { list }
    }
}

impl<'a> Index<&DocId> for Matches<'a> {
    type Output = DocMatch<'a>;

    /// The match in `doc`; it must have matched.
    fn index(&self, doc: &DocId) -> &DocMatch<'a> {
        self.get(doc).expect("the document matched")
    }
}

impl<'a> IntoIterator for Matches<'a> {
    type Item = (DocId, DocMatch<'a>);
    type IntoIter = std::vec::IntoIter<(DocId, DocMatch<'a>)>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> FromIterator<(DocId, DocMatch<'a>)> for Matches<'a> {
    /// The matches in document order; of one document twice, the last.
    fn from_iter<I: IntoIterator<Item = (DocId, DocMatch<'a>)>>(items: I) -> Self {
        let mut matches = Matches::new();
        for (doc, found) in items {
            matches.insert(doc, found);
        }
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(docs: &[(DocId, f32)]) -> Matches<'static> {
        docs.iter()
            .map(|&(doc, score)| {
                let mut found = DocMatch::default();
                found.score = score;
                (doc, found)
            })
            .collect()
    }

    fn scores(matches: &Matches) -> Vec<(DocId, f32)> {
        matches.iter().map(|(&doc, m)| (doc, m.score)).collect()
    }

    #[test]
    fn documents_stay_in_order_however_they_arrive() {
        let mut matches = scored(&[(5, 1.0), (2, 2.0), (9, 3.0), (2, 4.0)]);
        assert_eq!(scores(&matches), [(2, 4.0), (5, 1.0), (9, 3.0)]);
        assert!(matches.contains_key(&9) && !matches.contains_key(&3));
        assert_eq!(matches[&5].score, 1.0);
        assert_eq!(matches.remove(&5).map(|m| m.score), Some(1.0));
        assert!(matches.get(&5).is_none() && matches.remove(&5).is_none());
        matches.retain(|&doc, _| doc > 2);
        assert_eq!(matches.into_keys().collect::<Vec<_>>(), [9]);
    }

    #[test]
    fn a_list_in_order_is_taken_as_it_is_and_one_out_of_order_sorted() {
        let list = |docs: &[DocId]| -> Vec<(DocId, DocMatch<'static>)> {
            docs.iter().map(|&d| (d, DocMatch::default())).collect()
        };
        let keys = |m: Matches| m.into_keys().collect::<Vec<_>>();
        assert_eq!(keys(Matches::from_list(list(&[1, 4, 7]), true)), [1, 4, 7]);
        assert_eq!(
            keys(Matches::from_list(list(&[4, 1, 7, 1]), false)),
            [1, 4, 7]
        );
    }

    #[test]
    fn union_and_intersection_join_what_both_matched() {
        let add = |into: &mut DocMatch, other: DocMatch| into.score += other.score;
        let a = || scored(&[(1, 1.0), (3, 1.0), (4, 1.0), (8, 1.0)]);
        let b = || scored(&[(0, 2.0), (3, 2.0), (8, 2.0), (9, 2.0)]);
        assert_eq!(
            scores(&a().union(b(), add)),
            [(0, 2.0), (1, 1.0), (3, 3.0), (4, 1.0), (8, 3.0), (9, 2.0)]
        );
        assert_eq!(scores(&a().intersection(b(), add)), [(3, 3.0), (8, 3.0)]);
        assert_eq!(scores(&Matches::new().union(b(), add)), scores(&b()));
        assert!(a().intersection(Matches::new(), add).is_empty());
    }
}
