//! Typos: how many edits a word may have, the edit distance (bounded), and the dictionary's
//! terms within a distance of a word, found in one of two ways: a small dictionary is screened
//! term by term (by length, then by a cheap bound on the distance from the letters two words
//! hold), a large one walked as a trie, so that the work follows the word rather than the
//! dictionary's size.

use crate::index::{Lookup, Strings, TermId, ROTATED_CHARS};

/// Words longer than this, in characters, are never matched with typos.
const LONGEST: usize = 64;

/// From this many terms on, a dictionary is walked as a trie ([`terms_within`]) rather than
/// screened term by term: screening costs a few cheap comparisons a term, the walk a row of
/// distances for each prefix within reach, which grow far slower than the dictionary. Measured
/// natively, screening is quicker on the Brown corpus (56,000 terms) and the walk twice as
/// quick on 100 MB of synthetic text (about 350,000 terms).
pub(super) const WALK_FROM_TERMS: usize = 150_000;

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

/// What [`terms_within`] found: the ids of the terms, in order, and the steps it took; with
/// `complete` false when it stopped at its allowance of steps before the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Walk {
    pub(super) terms: Vec<TermId>,
    pub(super) steps: u64,
    pub(super) complete: bool,
}

/// The terms of the sorted dictionary `terms` within `max` edits of `query` (the distance of
/// [`distance`]; with `prefix`, of some prefix of the term), found without comparing every
/// term: the dictionary is walked as the trie it is in sorted order. The rows of edit
/// distances of a term's first characters are kept, so the next term, which shares a prefix
/// with it, starts where the two part; a prefix whose row is past `max` everywhere cannot come
/// back within reach, and every term that starts with it is skipped by one search. A step is
/// one row (a character of a term against the whole query) or one skip; the walk stops after
/// `steps_allowed` of them.
pub(super) fn terms_within(
    terms: &Strings,
    query: &[char],
    max: usize,
    prefix: bool,
    steps_allowed: u64,
) -> Walk {
    let mut walk = Walk {
        terms: Vec::new(),
        steps: 0,
        complete: true,
    };
    let n = query.len();
    if n > LONGEST || terms.is_empty() {
        return walk;
    }
    let width = n + 1;
    // rows[d * width..(d + 1) * width]: the distances from the first d characters of the
    // current term to each prefix of the query; `chars` and `ends` hold those characters and
    // the byte length of each prefix of them.
    let mut rows: Vec<usize> = (0..=n).collect();
    let mut chars: Vec<char> = Vec::new();
    let mut ends: Vec<usize> = vec![0];
    let short_enough = |term: &str| term.chars().count() <= LONGEST;
    if prefix && n <= max {
        // The empty prefix is close enough: every term.
        walk.terms = (0..terms.len())
            .filter(|&i| short_enough(terms.get(i)))
            .map(|i| i as TermId)
            .collect();
        return walk;
    }
    // A distance past `max` is as good as any other: cells outside the band where a distance
    // can be within `max` (column and depth apart by more) hold `far`.
    let far = max + 1;
    let mut i = 0;
    let mut previous = "";
    'terms: while i < terms.len() {
        let term = terms.get(i);
        // Keep the rows of the prefix this term shares with the previous one: the characters
        // of the bytes they share that the rows were computed for.
        let bytes = previous
            .bytes()
            .zip(term.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let shared = ends.partition_point(|&end| end <= bytes) - 1;
        previous = term;
        chars.truncate(shared);
        ends.truncate(shared + 1);
        rows.truncate((shared + 1) * width);
        for c in term[ends[shared]..].chars() {
            let depth = chars.len() + 1;
            if walk.steps >= steps_allowed {
                walk.complete = false;
                return walk;
            }
            walk.steps += 1;
            let end = ends[depth - 1] + c.len_utf8();
            let reachable = depth <= LONGEST && {
                let above = (depth - 1) * width;
                rows.resize(above + 2 * width, far);
                let (done, row) = rows.split_at_mut(above + width);
                row[0] = depth.min(far);
                let mut least = row[0];
                for col in depth.saturating_sub(max).max(1)..=(depth + max).min(n) {
                    let cost = usize::from(query[col - 1] != c);
                    let mut d = (done[above + col] + 1)
                        .min(row[col - 1] + 1)
                        .min(done[above + col - 1] + cost);
                    if depth > 1
                        && col > 1
                        && query[col - 1] == chars[depth - 2]
                        && query[col - 2] == c
                    {
                        d = d.min(done[above - width + col - 2] + 1);
                    }
                    row[col] = d.min(far);
                    least = least.min(d);
                }
                if least > max {
                    rows.truncate(above + width);
                }
                least <= max
            };
            if !reachable {
                // Nothing that starts this way can come within reach.
                walk.steps += 1;
                i = end_of_prefix(terms, i, &term[..end]);
                continue 'terms;
            }
            chars.push(c);
            ends.push(end);
            if prefix && rows[depth * width + n] <= max {
                // This prefix is close enough: so is every term that starts with it.
                walk.steps += 1;
                let last = end_of_prefix(terms, i, &term[..end]);
                walk.terms.extend(
                    (i..last)
                        .filter(|&j| short_enough(terms.get(j)))
                        .map(|j| j as TermId),
                );
                i = last;
                continue 'terms;
            }
        }
        if !prefix && rows[chars.len() * width + n] <= max {
            walk.terms.push(i as TermId);
        }
        i += 1;
    }
    walk
}

/// What answering a lookup reads, as [`crate::index::Index::lookup_cost`] tells it: bytes to
/// fetch, then bytes in all; compared first figure first.
pub(super) type LookupCost<'a> = &'a dyn Fn(&Lookup) -> (u64, u64);

/// The lookups whose answers hold every term within `max` edits of `query` (of a prefix of
/// them, with `prefix`; the distance of [`distance`]): how a chunked dictionary finds near
/// spellings without reading every term.
///
/// The word is cut into `max + 1` pieces. An edit changes at most one piece (an insertion
/// before the first character counts as changing the first piece, one after the last as
/// changing the last), unless it swaps the two characters on either side of a cut: so a term
/// within reach either holds a piece intact, or is within `max - 1` edits of the word with
/// those two characters swapped, which is looked for the same way. An intact first piece
/// starts the term; a last piece ends it (or, with `prefix`, lies in it); a middle piece lies
/// in it, past the term's first character: with every piece of two characters or more, a
/// piece that starts the term has had all before it deleted, two edits a piece at least, which
/// leaves a later piece intact, and that one lies further in. The terms within reach are then
/// of three characters or more, and so rotated. A word too short for pieces of two characters
/// has the one lookup [`Lookup::Everything`].
///
/// This holds wherever the word is cut; here its pieces are as even as they can be.
pub(super) fn lookups(query: &[char], max: usize, prefix: bool) -> Vec<Lookup> {
    collect_lookups(query, max, prefix, None)
}

/// The [`lookups`] of `query`, with the word cut where the lookups cost least by `cost` (the
/// first figure, then the second; the most even cut of those that cost as little): a piece
/// that is common inside words (`ten` in `bdeten`) spans many shards of the rotations, where
/// a longer one (`eten`) spans one. The terms within reach are the same wherever the word is
/// cut; only the candidates read to find them change.
pub(super) fn cheapest_lookups(
    query: &[char],
    max: usize,
    prefix: bool,
    cost: LookupCost,
) -> Vec<Lookup> {
    collect_lookups(query, max, prefix, Some(cost))
}

/// What [`lookups`] and [`cheapest_lookups`] share: the cut chosen by `cost`, or even.
fn collect_lookups(
    query: &[char],
    max: usize,
    prefix: bool,
    cost: Option<LookupCost>,
) -> Vec<Lookup> {
    let mut found = Vec::new();
    add_lookups(query, max, prefix, cost, &mut found);
    found.sort();
    found.dedup();
    if found.contains(&Lookup::Everything) {
        return vec![Lookup::Everything];
    }
    found
}

fn add_lookups(
    query: &[char],
    max: usize,
    prefix: bool,
    cost: Option<LookupCost>,
    found: &mut Vec<Lookup>,
) {
    let text = |chars: &[char]| chars.iter().collect::<String>();
    if max == 0 {
        found.push(match prefix {
            true => Lookup::Prefix(text(query)),
            false => Lookup::Exact(text(query)),
        });
        return;
    }
    let n = query.len();
    if n > LONGEST {
        // No term is within reach.
        return;
    }
    if n < 2 * (max + 1) || n < max + ROTATED_CHARS.start() {
        found.push(Lookup::Everything);
        return;
    }
    let even: Vec<usize> = (0..=max + 1).map(|i| n * i / (max + 1)).collect();
    let cuts = match cost {
        Some(cost) => cheapest_cuts(query, prefix, &even, cost),
        None => even,
    };
    for i in 0..=max {
        found.push(piece_lookup(query, cuts[i], cuts[i + 1], prefix));
    }
    for &cut in &cuts[1..=max] {
        let mut swapped = query.to_vec();
        swapped.swap(cut - 1, cut);
        add_lookups(&swapped, max - 1, prefix, cost, found);
    }
}

/// The lookup of the piece `query[start..end]` of a word cut into pieces: the terms that start
/// with the first, that end with the last (or hold it, with `prefix`), that hold the others.
fn piece_lookup(query: &[char], start: usize, end: usize, prefix: bool) -> Lookup {
    let piece: String = query[start..end].iter().collect();
    match (start, end == query.len() && !prefix) {
        (0, _) => Lookup::Prefix(piece),
        (_, true) => Lookup::EndsWith(piece),
        (_, false) => Lookup::Holding(piece),
    }
}

/// The cuts of `query` into as many pieces of two characters or more as `even` makes (its
/// first and last cut are the word's ends) whose lookups cost least by `cost`, summed; of
/// those, the closest to `even`.
fn cheapest_cuts(query: &[char], prefix: bool, even: &[usize], cost: LookupCost) -> Vec<usize> {
    let n = query.len();
    let mut costs = std::collections::HashMap::new();
    let mut piece_cost = |start: usize, end: usize| -> (u64, u64) {
        *costs
            .entry((start, end))
            .or_insert_with(|| cost(&piece_lookup(query, start, end, prefix)))
    };
    let mut best: Option<((u64, u64), usize, Vec<usize>)> = None;
    let mut cuts = even.to_vec();
    // Every cut from the second on, in order: `cuts[..=i]` are set, and the rest is tried.
    fn each_cut(cuts: &mut Vec<usize>, i: usize, n: usize, visit: &mut dyn FnMut(&[usize])) {
        let pieces = cuts.len() - 1;
        if i == pieces - 1 {
            visit(cuts);
            return;
        }
        let last = n - 2 * (pieces - 1 - i);
        for cut in cuts[i] + 2..=last {
            cuts[i + 1] = cut;
            each_cut(cuts, i + 1, n, visit);
        }
    }
    each_cut(&mut cuts, 0, n, &mut |cuts: &[usize]| {
        let total = cuts.windows(2).fold((0u64, 0u64), |sum, w| {
            let (a, b) = piece_cost(w[0], w[1]);
            (sum.0.saturating_add(a), sum.1.saturating_add(b))
        });
        let off: usize = cuts.iter().zip(even).map(|(c, e)| c.abs_diff(*e)).sum();
        if best
            .as_ref()
            .is_none_or(|(t, o, _)| (total, off) < (*t, *o))
        {
            best = Some((total, off, cuts.to_vec()));
        }
    });
    best.map_or_else(|| even.to_vec(), |(_, _, cuts)| cuts)
}

/// The index of the first term after `from` that does not start with `start`, the term at
/// `from` doing so: a galloping search, as the run is often short.
fn end_of_prefix(terms: &Strings, from: usize, start: &str) -> usize {
    let within = |i: usize| i < terms.len() && terms.get(i).starts_with(start);
    let mut low = from;
    let mut step = 1;
    while within(from + step) {
        low = from + step;
        step *= 2;
    }
    let mut high = (from + step).min(terms.len());
    while low + 1 < high {
        let middle = low + (high - low) / 2;
        if within(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    high
}

/// The optimal-string-alignment distance (a transposition is one edit) from `query` to `term`,
/// or to the closest prefix of `term` when `prefix`; `None` when it exceeds `max`.
pub fn distance(query: &[char], term: &str, max: usize, prefix: bool) -> Option<usize> {
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
    /// Every term of `words` (sorted, deduplicated) that `distance` accepts.
    fn by_comparing_every_term(
        words: &[String],
        query: &[char],
        max: usize,
        prefix: bool,
    ) -> Vec<TermId> {
        (0..words.len())
            .filter(|&i| distance(query, &words[i], max, prefix).is_some())
            .map(|i| i as TermId)
            .collect()
    }

    fn dictionary(words: &[&str]) -> (Vec<String>, Strings) {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort();
        words.dedup();
        let strings = Strings::from_sorted(&words);
        (words, strings)
    }

    #[test]
    fn the_walk_finds_the_terms_within_reach_and_skips_the_rest() {
        let long = "a".repeat(70);
        let (words, strings) = dictionary(&[
            "",
            "gaza",
            "gazza",
            "gazzza",
            "agza",
            "gaz",
            "ga",
            "café",
            "cafe",
            "kafe",
            "gazaaaaaaaa",
            "g",
            "khamenei",
            "khamanei",
            "khaemnei",
            "zebra",
            "zzzz",
            &long,
        ]);
        for word in [
            "gaza",
            "gazz",
            "",
            "ga",
            "gazaaaa",
            "khamenie",
            "cafe",
            "kafé",
            "zzz",
            &long[..66],
        ] {
            let query: Vec<char> = word.chars().collect();
            for max in 0..3 {
                for prefix in [false, true] {
                    let walk = terms_within(&strings, &query, max, prefix, u64::MAX);
                    assert!(walk.complete);
                    assert_eq!(
                        walk.terms,
                        by_comparing_every_term(&words, &query, max, prefix),
                        "{word} within {max} (prefix {prefix})"
                    );
                }
            }
        }
        // A far word skips whole runs: fewer steps than the dictionary has characters.
        let query: Vec<char> = "qqqqq".chars().collect();
        let walk = terms_within(&strings, &query, 1, false, u64::MAX);
        let characters: usize = words.iter().map(|w| w.chars().count()).sum();
        assert!(walk.terms.is_empty());
        assert!(
            (walk.steps as usize) < characters / 4,
            "{} steps",
            walk.steps
        );
        // Out of steps: incomplete, and never more steps than allowed.
        let query: Vec<char> = "gazaa".chars().collect();
        let walk = terms_within(&strings, &query, 2, false, 3);
        assert!(!walk.complete);
        assert!(walk.steps <= 3);
    }

    /// Without sharing prefixes and skipping, a walk would take a step for every character of
    /// every term; on a dictionary of random words, the worst case for sharing, it takes a
    /// fraction of that.
    #[test]
    fn the_walk_shares_prefixes_and_skips_what_is_out_of_reach() {
        // 30,000 words of 4 to 11 letters, from a small generator.
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let words: Vec<String> = (0..30_000)
            .map(|_| {
                let length = 4 + next() % 8;
                (0..length)
                    .map(|_| (b'a' + (next() % 26) as u8) as char)
                    .collect()
            })
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let (words, strings) = dictionary(&words);
        let characters: usize = words.iter().map(|w| w.chars().count()).sum();
        for (word, max) in [("khamenie", 1), ("palestnie", 2), ("protesters", 2)] {
            let query: Vec<char> = word.chars().collect();
            for prefix in [false, true] {
                let walk = terms_within(&strings, &query, max, prefix, u64::MAX);
                assert_eq!(
                    walk.terms,
                    by_comparing_every_term(&words, &query, max, prefix)
                );
                let share = if max == 1 { 10 } else { 4 };
                assert!(
                    (walk.steps as usize) < characters / share,
                    "{word}: {} steps for {characters} characters",
                    walk.steps,
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_walk_agrees_with_comparing_every_term(
            words in proptest::collection::vec("[abcé]{0,7}", 0..40),
            query in "[abcé]{0,8}",
            max in 0usize..3,
            prefix: bool,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let (words, strings) = dictionary(&words);
            let query: Vec<char> = query.chars().collect();
            let walk = terms_within(&strings, &query, max, prefix, u64::MAX);
            proptest::prop_assert!(walk.complete);
            proptest::prop_assert_eq!(walk.terms, by_comparing_every_term(&words, &query, max, prefix));
        }
    }

    /// `word` with `edits` applied in turn, each `(kind, place, letter)`: a substitution, a
    /// deletion, an insertion or a swap of two neighbours, at `place` modulo the length.
    fn edited(word: &str, edits: &[(u8, usize, char)]) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        for &(kind, place, letter) in edits {
            let n = chars.len();
            match kind % 4 {
                0 if n > 0 => chars[place % n] = letter,
                1 if n > 0 => {
                    chars.remove(place % n);
                }
                2 => chars.insert(place % (n + 1), letter),
                3 if n > 1 => chars.swap(place % (n - 1), place % (n - 1) + 1),
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    #[test]
    fn lookups_cut_a_word_into_pieces_and_swap_at_the_cuts() {
        let query: Vec<char> = "palestnie".chars().collect();
        let found = lookups(&query, 2, false);
        for expected in [
            Lookup::Prefix("pal".into()),
            Lookup::Holding("est".into()),
            Lookup::EndsWith("nie".into()),
            // "l" and "e" swapped at the first cut, with one edit left: cut in two, and
            // swapped again at that cut with none left.
            Lookup::Prefix("pael".into()),
            Lookup::EndsWith("stnie".into()),
            Lookup::Exact("paesltnie".into()),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
        // With a prefix, the last piece may lie anywhere in the term.
        assert!(lookups(&query, 2, true).contains(&Lookup::Holding("nie".into())));
        // Pieces of two characters at least: "ga|za" within one edit, but "gaz" is too short,
        // and so is a word of seven for three edits. Too long for any term: nothing.
        let short: Vec<char> = "gaza".chars().collect();
        assert!(lookups(&short, 1, false).contains(&Lookup::EndsWith("za".into())));
        assert_eq!(lookups(&short[..3], 1, false), [Lookup::Everything]);
        assert_eq!(lookups(&query[..7], 3, false), [Lookup::Everything]);
        assert!(lookups(&['a'; 65], 2, false).is_empty());
        assert_eq!(lookups(&short, 0, true), [Lookup::Prefix("gaza".into())]);
    }

    #[test]
    fn a_word_is_cut_where_its_lookups_cost_least() {
        let query: Vec<char> = "bdeten".chars().collect();
        // Terms holding "ten" are many, those starting with "bd" or holding "eten" few.
        let cost = |lookup: &Lookup| match lookup {
            Lookup::Holding(p) if p.ends_with("en") && p != "eten" => (6, 6),
            _ => (1, 1),
        };
        let found = cheapest_lookups(&query, 1, true, &cost);
        assert!(found.contains(&Lookup::Prefix("bd".into())), "{found:?}");
        assert!(found.contains(&Lookup::Holding("eten".into())), "{found:?}");
        assert!(!found.contains(&Lookup::Holding("ten".into())), "{found:?}");
        // And swapped where it is cut, with no edit left.
        assert!(
            found.contains(&Lookup::Prefix("bedten".into())),
            "{found:?}"
        );
        // What costs nothing (the dictionary held whole) is cut evenly.
        let free = cheapest_lookups(&query, 1, true, &|_| (0, 0));
        assert_eq!(free, lookups(&query, 1, true));
        // Bytes to fetch come first; bytes already held only tell cuts of equal fetches apart.
        let held = |lookup: &Lookup| match lookup {
            Lookup::Prefix(p) if p == "bdet" => (0, 9),
            Lookup::Holding(p) if p == "en" => (0, 9),
            _ => (1, 1),
        };
        let found = cheapest_lookups(&query, 1, true, &held);
        assert!(found.contains(&Lookup::Prefix("bdet".into())), "{found:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Every term within reach of a word is answered by one of its lookups: terms made
        /// from the word by up to four edits of every kind, over three letters so that edits
        /// land on and beside the cuts, and with a tail when a prefix is enough.
        #[test]
        fn some_lookup_answers_with_every_term_within_reach(
            word in "[abé]{2,20}",
            edits in proptest::collection::vec((0u8..4, 0usize..24, proptest::sample::select(vec!['a', 'b', 'é', 'c'])), 0..5),
            tail in "[abc]{0,3}",
            prefix: bool,
            max in 1usize..5,
            seed: u64,
        ) {
            let query: Vec<char> = word.chars().collect();
            let mut term = edited(&word, &edits);
            if prefix {
                term.push_str(&tail);
            }
            if distance(&query, &term, max, prefix).is_some() {
                let found = lookups(&query, max, prefix);
                proptest::prop_assert!(
                    found.iter().any(|l| l.matches(&term)),
                    "{} → {} within {}: {:?}", word, term, max, found
                );
                // Wherever the word is cut: costs drawn from the seed make every cut the
                // cheapest in some case.
                let cost = |lookup: &Lookup| {
                    use std::hash::{Hash, Hasher};
                    let mut hasher = std::collections::hash_map::DefaultHasher::new();
                    (lookup, seed).hash(&mut hasher);
                    (hasher.finish() % 7, hasher.finish() % 3)
                };
                let found = cheapest_lookups(&query, max, prefix, &cost);
                proptest::prop_assert!(
                    found.iter().any(|l| l.matches(&term)),
                    "{} → {} within {}, cut by cost: {:?}", word, term, max, found
                );
            }
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
