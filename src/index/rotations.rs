//! The rotations of a chunked dictionary's terms, so that the near spellings of a word are
//! found by reading a few shards rather than every term.
//!
//! A term within a few edits of a word holds one of the word's pieces intact (the search cuts
//! the word into one piece more than the edits it allows): the first piece at its start, the
//! last at its end, or a middle piece somewhere inside. The first is a range of the sorted
//! terms; the others are ranges of the sorted rotations. The rotation of `term` at a character
//! boundary `at` (past its first character) is `term[at..]`, [`SEPARATOR`], `term[..at]`:
//! sorted, every term that holds a piece past its first character is in the range of
//! rotations starting with the piece, and every term that ends with it in the range starting
//! with the piece and the separator. Each rotation gives its term back ([`unrotate`]).

use std::cmp::Ordering;
use std::ops::RangeInclusive;
use std::sync::Mutex;

use super::dictionary::Strings;
use crate::parallel::{cores, in_parallel};

/// Sorts before every character a term holds, and ends a rotation's first part.
pub const SEPARATOR: char = '\0';

/// The lengths, in characters, of the terms rotated: a word cut into pieces is twice as long
/// as its pieces are many, so a term within its reach has three characters or more (see
/// `search::fuzzy::lookups`); a term longer than 64 characters is never matched with typos.
pub const ROTATED_CHARS: RangeInclusive<usize> = 3..=64;

/// What the near spellings of a word are looked for among: the terms that a lookup of
/// [`crate::index::Index::near_candidates`] answers with, as [`Lookup::matches`] says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lookup {
    /// The terms that start with this.
    Prefix(String),
    /// This term.
    Exact(String),
    /// The terms of [`ROTATED_CHARS`] that hold this past their first character.
    Holding(String),
    /// The terms of [`ROTATED_CHARS`] that end with this and hold more before it.
    EndsWith(String),
    /// Every term: the word is too short to cut into pieces.
    Everything,
}

impl Lookup {
    /// Whether `term` is among those the lookup answers with.
    pub fn matches(&self, term: &str) -> bool {
        let rotated = || ROTATED_CHARS.contains(&term.chars().count());
        let past_first = || term.char_indices().skip(1).map(|(at, _)| &term[at..]);
        match self {
            Lookup::Prefix(p) => term.starts_with(p.as_str()),
            Lookup::Exact(t) => term == t,
            Lookup::Holding(p) => {
                rotated() && past_first().any(|rest| rest.starts_with(p.as_str()))
            }
            Lookup::EndsWith(p) => rotated() && past_first().any(|rest| rest == p),
            Lookup::Everything => true,
        }
    }
}

/// One rotation: a term and the byte where its rotation starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rotation {
    /// The first bytes of the rotation, big-endian, zero-padded: what sorting compares first.
    key: u64,
    pub(super) term: u32,
    pub(super) at: u32,
}

impl Rotation {
    /// The rotation's bytes, in order.
    fn bytes<'a>(&self, terms: &'a Strings) -> impl Iterator<Item = u8> + 'a {
        let term = terms.get(self.term as usize);
        let at = self.at as usize;
        term.as_bytes()[at..]
            .iter()
            .copied()
            .chain(std::iter::once(SEPARATOR as u8))
            .chain(term.as_bytes()[..at].iter().copied())
    }

    /// Appends the rotation's text to `list`.
    pub(super) fn push_to(&self, terms: &Strings, list: &mut Strings) {
        let term = terms.get(self.term as usize);
        let at = self.at as usize;
        let mut separator = [0; 4];
        list.push_parts(&[
            &term[at..],
            SEPARATOR.encode_utf8(&mut separator),
            &term[..at],
        ]);
    }
}

/// Every rotation of the terms of [`ROTATED_CHARS`], at every character boundary past the
/// first character, sorted by their text: by their first byte into buckets, each sorted on
/// every core.
pub(super) fn sorted(terms: &Strings) -> Vec<Rotation> {
    let mut buckets: Vec<Mutex<Vec<Rotation>>> = (0..256).map(|_| Mutex::default()).collect();
    for rotation in unsorted(terms) {
        let bucket = buckets[(rotation.key >> 56) as usize].get_mut();
        bucket.expect("never poisoned").push(rotation);
    }
    let sorted = in_parallel(&buckets, cores(), |bucket| {
        let mut bucket = std::mem::take(&mut *bucket.lock().expect("never poisoned"));
        bucket.sort_unstable_by(|a, b| {
            a.key
                .cmp(&b.key)
                .then_with(|| a.bytes(terms).cmp(b.bytes(terms)))
                .then_with(|| a.term.cmp(&b.term))
        });
        bucket
    });
    sorted.concat()
}

/// Every rotation of the terms of [`ROTATED_CHARS`], in term order.
fn unsorted(terms: &Strings) -> Vec<Rotation> {
    let mut rotations = Vec::new();
    for (id, term) in terms.iter().enumerate() {
        if term.contains(SEPARATOR) || !ROTATED_CHARS.contains(&term.chars().count()) {
            continue;
        }
        for (at, _) in term.char_indices().skip(1) {
            let mut rotation = Rotation {
                key: 0,
                term: id as u32,
                at: at as u32,
            };
            let mut key = [0u8; 8];
            for (slot, b) in key.iter_mut().zip(rotation.bytes(terms)) {
                *slot = b;
            }
            rotation.key = u64::from_be_bytes(key);
            rotations.push(rotation);
        }
    }
    rotations
}

/// The term a rotation is of; `None` for text that is not a rotation.
pub(super) fn unrotate(rotation: &str) -> Option<String> {
    let (end, start) = rotation.split_once(SEPARATOR)?;
    (!start.is_empty() && !end.is_empty()).then(|| format!("{start}{end}"))
}

/// Whether `text` falls in the range of rotations that start with `key`, or before it (`Less`)
/// or after it (`Greater`).
pub(super) fn against(text: &str, key: &str) -> Ordering {
    if text.starts_with(key) {
        Ordering::Equal
    } else {
        text.cmp(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotations_are_sorted_and_give_their_terms_back() {
        let terms = Strings::from_sorted(["ab", "abc", "café", "gaza", "gazette", "xyzw"]);
        let rotations = sorted(&terms);
        let mut list = Strings::default();
        for rotation in &rotations {
            rotation.push_to(&terms, &mut list);
        }
        let texts: Vec<&str> = list.iter().collect();
        // "ab" is too short; "abc" has 2 rotations, "café" 3, "gaza" 3, "gazette" 6, "xyzw" 3.
        assert_eq!(texts.len(), 17);
        assert!(texts.windows(2).all(|w| w[0] <= w[1]), "{texts:?}");
        assert!(texts.contains(&"é\0caf"));
        assert!(texts.contains(&"ette\0gaz"));
        for (r, text) in rotations.iter().zip(&texts) {
            assert_eq!(
                unrotate(text).as_deref(),
                Some(terms.get(r.term as usize)),
                "{text:?}"
            );
        }
        assert_eq!(unrotate("gaza"), None);
        assert_eq!(unrotate("\0gaza"), None);
    }

    #[test]
    fn lookups_match_as_documented() {
        let holding = Lookup::Holding("az".into());
        assert!(holding.matches("gaza"));
        assert!(!holding.matches("azur"), "not past the first character");
        assert!(holding.matches("gaz"));
        assert!(!holding.matches("az"), "too short to be rotated");
        let ends = Lookup::EndsWith("za".into());
        assert!(ends.matches("gaza"));
        assert!(!ends.matches("gazan"));
        assert!(Lookup::Prefix("ga".into()).matches("gaza"));
        assert!(Lookup::Exact("gaza".into()).matches("gaza"));
        assert!(!Lookup::Exact("gaz".into()).matches("gaza"));
        assert!(Lookup::Everything.matches(""));
        assert_eq!(against("gazette", "gaz"), Ordering::Equal);
        assert_eq!(against("ga", "gaz"), Ordering::Less);
        assert_eq!(against("gb", "gaz"), Ordering::Greater);
    }
}
