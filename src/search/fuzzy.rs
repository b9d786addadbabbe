//! Typos: how many edits a word may have, the edit distance (bounded), and a cheap bound on it
//! from the letters two words hold, checked before the distance is computed.

/// The edits a word may have and still match: none under 5 characters, 1 up to 8, 2 beyond.
pub fn allowed_typos(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The letters a word holds, as bits (a–z, and one bit for every other character): a cheap
/// lower bound on the edit distance to another word, since each letter one holds and the other
/// lacks must be edited, checked before the exact distance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Letters(u32);

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
        Letters(bits)
    }

    /// A lower bound on [`distance`] from the word to the term of `other` (or, with `prefix`,
    /// to its closest prefix: then only the letters the word holds and the term lacks count).
    pub(super) fn lower_bound(&self, other: &Letters, prefix: bool) -> usize {
        let other = other.0;
        let missing = (self.0 & !other).count_ones() as usize;
        if prefix {
            missing
        } else {
            missing.max((other & !self.0).count_ones() as usize)
        }
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
