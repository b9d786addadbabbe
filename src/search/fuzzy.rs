//! Typos: how many edits a word may have, the edit distance (bounded), and a cheap bound on it
//! from the letters two words hold, checked before the distance is computed.

use crate::index::TermId;

/// The edits a word may have and still match: none under 5 characters, 1 up to 8, 2 beyond.
pub fn allowed_typos(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The letters a word holds, as bits (a–z, and one bit for every other character), and its
/// length: cheap lower bounds on the edit distance to another word, since each letter one
/// holds and the other lacks must be edited, checked before the exact distance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Letters {
    bits: u32,
    chars: u32,
}

impl Letters {
    pub(super) fn of(word: &str) -> Letters {
        let mut bits = 0u32;
        for b in word.bytes() {
            bits |= if b.is_ascii_lowercase() {
                1 << (b - b'a')
            } else {
                1 << 26
            };
        }
        Letters {
            bits,
            chars: word.chars().count() as u32,
        }
    }

    /// A lower bound on [`distance`] from the word to the term of `other` (or, with `prefix`,
    /// to its closest prefix: then only the letters the word holds and the term lacks count).
    pub(super) fn lower_bound(&self, other: &Letters, prefix: bool) -> usize {
        let (own, other) = (self.bits, other.bits);
        let missing = (own & !other).count_ones() as usize;
        if prefix {
            missing
        } else {
            missing.max((other & !own).count_ones() as usize)
        }
    }
}

/// The [`Letters`] of every term of a dictionary, and its term ids ordered by length, so that
/// a search for typos looks only at terms of a length that could be close enough.
#[derive(Debug, Clone)]
pub(super) struct TermShapes {
    letters: Vec<Letters>,
    /// Term ids by length, then id.
    by_length: Vec<TermId>,
    /// `by_length[starts[n]..starts[n + 1]]`: the terms of `n` characters.
    starts: Vec<usize>,
}

impl TermShapes {
    pub(super) fn of<'a>(terms: impl Iterator<Item = &'a str>) -> TermShapes {
        let letters: Vec<Letters> = terms.map(Letters::of).collect();
        let longest = letters.iter().map(|l| l.chars as usize).max().unwrap_or(0);
        let mut starts = vec![0usize; longest + 2];
        for l in &letters {
            starts[l.chars as usize + 1] += 1;
        }
        for n in 1..starts.len() {
            starts[n] += starts[n - 1];
        }
        let mut next = starts.clone();
        let mut by_length = vec![0; letters.len()];
        for (id, l) in letters.iter().enumerate() {
            by_length[next[l.chars as usize]] = id as TermId;
            next[l.chars as usize] += 1;
        }
        TermShapes {
            letters,
            by_length,
            starts,
        }
    }

    /// Every term's letters, by term id.
    pub(super) fn letters(&self) -> &[Letters] {
        &self.letters
    }

    /// The terms whose length allows them within `max` edits of a word of `chars` characters
    /// (or, with `prefix`, a prefix of them within `max` edits of it), with their letters,
    /// shortest first.
    pub(super) fn of_length_near(
        &self,
        chars: usize,
        max: usize,
        prefix: bool,
    ) -> impl Iterator<Item = (TermId, &Letters)> + '_ {
        let longest = self.starts.len() - 2;
        let shortest = chars.saturating_sub(max).min(longest + 1);
        let last = if prefix {
            longest
        } else {
            (chars + max).min(longest)
        };
        let range = self.starts[shortest]..self.starts[(last + 1).max(shortest)];
        self.by_length[range]
            .iter()
            .map(|&id| (id, &self.letters[id as usize]))
    }
}

pub(super) fn within_distance(query: &[char], term: &str, max: usize, prefix: bool) -> bool {
    distance(query, term, max, prefix).is_some()
}

/// The optimal-string-alignment distance (a transposition is one edit) from `query` to `term`,
/// or to the closest prefix of `term` when `prefix`; `None` when it exceeds `max`.
pub fn distance(query: &[char], term: &str, max: usize, prefix: bool) -> Option<usize> {
    /// Words longer than this are never matched with typos.
    const LONGEST: usize = 64;
    let n = query.len();
    let m = term.chars().count();
    if n > LONGEST || m > LONGEST || (!prefix && n.abs_diff(m) > max) || (prefix && m + max < n) {
        return None;
    }
    let mut chars = ['\0'; LONGEST];
    for (slot, c) in chars.iter_mut().zip(term.chars()) {
        *slot = c;
    }
    let term = &chars[..m];
    let mut rows = [[0usize; LONGEST + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(query[i - 1] != term[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && query[i - 1] == term[j - 2] && query[i - 2] == term[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let last = &rows[n % 3][..=m];
    let d = if prefix { *last.iter().min()? } else { last[m] };
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_allowance_grows_with_word_length() {
        let table = [(1, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)];
        for (chars, edits) in table {
            assert_eq!(allowed_typos(chars), edits, "{chars} characters");
        }
    }
    #[test]
    fn distance_table() {
        // (query, term, max, prefix, expected)
        let table: &[(&str, &str, usize, bool, Option<usize>)] = &[
            ("khamenei", "khamenei", 1, false, Some(0)),
            ("khamanei", "khamenei", 1, false, Some(1)),
            ("khamnei", "khamenei", 1, false, Some(1)),
            ("khaemnei", "khamenei", 1, false, Some(1)), // transposition
            ("khamenie", "khamenei", 1, false, Some(1)),
            ("kamanei", "khamenei", 1, false, None),
            ("kamanei", "khamenei", 2, false, Some(2)),
            ("goldstn", "goldstone", 2, false, Some(2)),
            ("goldst", "goldstone", 1, true, Some(0)),
            ("gldst", "goldstone", 1, true, Some(1)),
            ("", "abc", 3, false, Some(3)),
            ("ab", "", 1, false, None),
        ];
        for &(q, t, max, prefix, expected) in table {
            let q: Vec<char> = q.chars().collect();
            assert_eq!(distance(&q, t, max, prefix), expected, "{q:?} → {t:?}");
        }
    }
    #[test]
    fn terms_of_a_length_too_far_are_the_only_ones_passed_over() {
        let terms = [
            "gaza",
            "gazza",
            "gazzza",
            "agza",
            "gaz",
            "ga",
            "",
            "café",
            "gazaaaaaaaa",
            "g",
        ];
        let shapes = TermShapes::of(terms.iter().copied());
        for word in ["gaza", "gazz", "", "ga", "gazaaaa", "abcdefghijklmnop"] {
            let query: Vec<char> = word.chars().collect();
            for max in 0..3 {
                for prefix in [false, true] {
                    let near: Vec<TermId> = shapes
                        .of_length_near(query.len(), max, prefix)
                        .map(|(id, _)| id)
                        .collect();
                    for (id, term) in terms.iter().enumerate() {
                        if distance(&query, term, max, prefix).is_some() {
                            assert!(near.contains(&(id as TermId)), "{word} {term} {max}");
                        }
                    }
                    let lengths: Vec<usize> = near
                        .iter()
                        .map(|&id| terms[id as usize].chars().count())
                        .collect();
                    assert!(lengths.is_sorted(), "{lengths:?}");
                    assert!(lengths.iter().all(|&n| n + max >= query.len()));
                }
            }
        }
    }

    #[test]
    fn the_letter_bound_never_exceeds_the_distance() {
        let words = [
            "khamenei",
            "khamanei",
            "goldstone",
            "gldst",
            "palestine",
            "palestnie",
            "gaza",
            "café",
            "kafe",
            "",
            "a",
        ];
        for a in words {
            let query: Vec<char> = a.chars().collect();
            for b in words {
                for prefix in [false, true] {
                    if let Some(d) = distance(&query, b, 64, prefix) {
                        assert!(
                            Letters::of(a).lower_bound(&Letters::of(b), prefix) <= d,
                            "{a} → {b} (prefix {prefix})"
                        );
                    }
                }
            }
        }
    }
}
