//! Snippets and highlights: matched word positions become ranges in UTF-16 code units.
//!
//! Ranges are the only form highlights take here; the page turns them into `<mark>` elements.
//! Positions map to text through [`crate::analyze::word_spans`], so nothing is normalized again.

use std::ops::Range;

use serde::Serialize;

use crate::analyze::utf16_ranges;

/// How many words a snippet holds at most.
pub const SNIPPET_WORDS: u32 = 32;
/// How many words of context a snippet keeps before its first match.
pub const SNIPPET_LEAD: u32 = 6;

/// Text with the ranges to highlight in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Highlighted {
    /// The text.
    pub text: String,
    /// Sorted, non-overlapping `[start, end)` ranges in UTF-16 code units of `text`.
    pub highlights: Vec<[u32; 2]>,
    /// Sorted, non-overlapping `[start, end)` UTF-16 ranges of the code in `text` (the parts of
    /// the document's code that the passage holds).
    pub code: Vec<[u32; 2]>,
}

/// A matched word: its position, and which query clause it answers (for choosing passages
/// that answer the most clauses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MatchedWord {
    /// The word's position.
    pub position: u32,
    /// The index of the query clause it matched.
    pub clause: u32,
}

/// The UTF-16 ranges of the words at `positions` (sorted, without duplicates) in `text`.
pub fn highlight_words(text: &str, spans: &[Range<usize>], positions: &[u32]) -> Vec<[u32; 2]> {
    let ranges: Vec<Range<usize>> = positions
        .iter()
        .filter_map(|&p| spans.get(p as usize).cloned())
        .collect();
    utf16_ranges(text, &ranges)
}

/// One occurrence in context, for a keyword-in-context (concordance) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InContext {
    /// Up to `width` characters before the match, whitespace collapsed, cut at a word.
    pub left: String,
    /// The matched text.
    pub matched: String,
    /// Up to `width` characters after the match, whitespace collapsed, cut at a word.
    pub right: String,
}

/// The text at bytes `start..end` of `text` (a match), with `width` characters of context on
/// each side. Only a window of the text around the match is read, so the cost of a line does
/// not grow with the document.
pub fn in_context(text: &str, start: usize, end: usize, width: usize) -> InContext {
    // Enough bytes for `width` characters of any script, and some whitespace to collapse.
    let reach = width * 4 + 64;
    let from = char_boundary_before(text, start.saturating_sub(reach));
    let to = char_boundary_after(text, end.saturating_add(reach).min(text.len()));
    let before = collapse(&text[from..start]);
    let after = collapse(&text[end..to]);
    InContext {
        left: tail_at_word(&before, width, from > 0),
        matched: collapse(&text[start..end]),
        right: head_at_word(&after, width, to < text.len()),
    }
}

fn char_boundary_before(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn char_boundary_after(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The last `width` characters of `text`, starting at a word boundary when cut (`cut`: the
/// text is already cut short of where it began).
fn tail_at_word(text: &str, width: usize, cut: bool) -> String {
    let count = text.chars().count();
    if count <= width && !cut {
        return text.to_string();
    }
    let cut: String = text.chars().skip(count.saturating_sub(width)).collect();
    match cut.find(' ') {
        Some(space) if space + 1 < cut.len() => cut[space..].to_string(),
        _ => cut,
    }
}

/// The first `width` characters of `text`, ending at a word boundary when cut (`cut`: the
/// text is already cut short of where it ended).
fn head_at_word(text: &str, width: usize, cut: bool) -> String {
    if text.chars().count() <= width && !cut {
        return text.to_string();
    }
    let cut: String = text.chars().take(width).collect();
    match cut.rfind(' ') {
        Some(space) if space > 0 => cut[..=space].to_string(),
        _ => cut,
    }
}

/// The positions `start..end` of the words of the passage [`snippet`] shows of a text of
/// `words` words (at least one) for these hits: what a caller reads of the text.
pub fn passage_words(words: u32, hits: &[MatchedWord]) -> (u32, u32) {
    let first_hit = best_window(hits).unwrap_or(0).min(words.saturating_sub(1));
    let start = first_hit.saturating_sub(SNIPPET_LEAD);
    let end = (start + SNIPPET_WORDS).min(words);
    (end.saturating_sub(SNIPPET_WORDS).min(start), end)
}

/// The best passage of `text` (of `words` words) for these hits (sorted by position): the
/// window of at most [`SNIPPET_WORDS`] words that answers the most query clauses, then holds
/// the most hits. `spans(start, end)` gives the byte ranges of the words at positions
/// `start..end`, so only the window's words are located. Whitespace runs become one space;
/// `…` marks text cut at either end. `code` (sorted, disjoint byte ranges of `text`) becomes the
/// passage's code ranges.
pub fn snippet(
    text: &str,
    words: u32,
    hits: &[MatchedWord],
    code: &[Range<usize>],
    spans: impl Fn(u32, u32) -> Vec<Range<usize>>,
) -> Highlighted {
    if words == 0 {
        return Highlighted {
            text: collapse(text.trim()),
            highlights: Vec::new(),
            code: Vec::new(),
        };
    }
    let (start, end) = passage_words(words, hits);
    let window = spans(start, end);
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return Highlighted {
            text: collapse(text.trim()),
            highlights: Vec::new(),
            code: Vec::new(),
        };
    };
    let from = first.start;
    let mut to = last.end;
    // Keep punctuation that closes the last word ("Gaza." rather than "Gaza").
    to += text[to..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_alphanumeric())
        .map_or(text.len() - to, |(i, _)| i);

    let marked: Vec<Range<usize>> = dedup_positions(hits)
        .into_iter()
        .filter(|&p| p >= start && p < end)
        .filter_map(|p| window.get((p - start) as usize).cloned())
        .collect();

    let mut out = Highlighted {
        text: String::new(),
        highlights: Vec::new(),
        code: Vec::new(),
    };
    let mut units = 0u32;
    let mut push = |out: &mut Highlighted, s: &str| {
        out.text.push_str(s);
        units += s.encode_utf16().count() as u32;
        units
    };
    if start > 0 {
        push(&mut out, "… ");
    }
    let lead = push(&mut out, "");
    let mut cursor = from;
    for range in marked {
        push(&mut out, &collapse(&text[cursor..range.start]));
        let begin = push(&mut out, "");
        let finish = push(&mut out, &text[range.clone()]);
        out.highlights.push([begin, finish]);
        cursor = range.end;
    }
    push(&mut out, &collapse(&text[cursor..to]));
    if end < words {
        push(&mut out, " …");
    }
    out.code = passage_ranges(text, from..to, lead, code);
    out
}

/// The parts of `ranges` (sorted, disjoint byte ranges of `text`) within `passage`, as UTF-16
/// ranges of the passage as [`snippet`] writes it: its whitespace collapsed, after `lead` units.
/// Collapsing is done as a stream, so the passage up to a place collapses to a prefix of the
/// whole passage collapsed, and a place maps to the units of that prefix.
fn passage_ranges(
    text: &str,
    passage: Range<usize>,
    lead: u32,
    ranges: &[Range<usize>],
) -> Vec<[u32; 2]> {
    let at =
        |place: usize| lead + collapse(&text[passage.start..place]).encode_utf16().count() as u32;
    ranges
        .iter()
        .filter(|r| r.start < passage.end && r.end > passage.start)
        .map(|r| [at(r.start.max(passage.start)), at(r.end.min(passage.end))])
        .filter(|[start, end]| end > start)
        .collect()
}

/// The position of the first hit in the window that covers the most distinct clauses, then the
/// most hits; the earliest such window on a tie.
fn best_window(hits: &[MatchedWord]) -> Option<u32> {
    let mut best: Option<(usize, usize, u32)> = None;
    for (i, first) in hits.iter().enumerate() {
        let inside = hits[i..]
            .iter()
            .take_while(|h| h.position < first.position + SNIPPET_WORDS - SNIPPET_LEAD);
        let mut clauses: Vec<u32> = inside.clone().map(|h| h.clause).collect();
        let count = clauses.len();
        clauses.sort_unstable();
        clauses.dedup();
        let candidate = (clauses.len(), count, first.position);
        if best.is_none_or(|(c, n, _)| (candidate.0, candidate.1) > (c, n)) {
            best = Some(candidate);
        }
    }
    best.map(|(_, _, position)| position)
}

fn dedup_positions(hits: &[MatchedWord]) -> Vec<u32> {
    let mut positions: Vec<u32> = hits.iter().map(|h| h.position).collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// Runs of whitespace as one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::word_spans;

    fn slice16(text: &str, [start, end]: [u32; 2]) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[start as usize..end as usize]).unwrap()
    }

    /// `snippet` over a text whose spans are all known.
    fn snip(text: &str, hits: &[MatchedWord]) -> Highlighted {
        let spans = word_spans(text);
        snippet(text, spans.len() as u32, hits, &[], |a, b| {
            spans[a as usize..b as usize].to_vec()
        })
    }

    fn hits(positions: &[(u32, u32)]) -> Vec<MatchedWord> {
        positions
            .iter()
            .map(|&(position, clause)| MatchedWord { position, clause })
            .collect()
    }

    #[test]
    fn document_highlights_are_utf16_ranges_of_words() {
        let text = "“Gaza” 😀 Khamenei’s speech";
        let spans = word_spans(text);
        let ranges = highlight_words(text, &spans, &[0, 1]);
        let words: Vec<String> = ranges.iter().map(|&r| slice16(text, r)).collect();
        assert_eq!(words, ["Gaza", "Khamenei’s"]);
    }

    #[test]
    fn short_text_snippet_is_the_whole_text_with_marks() {
        let text = "Ali  Khamenei\nspoke about Gaza.";
        let s = snip(text, &hits(&[(1, 0), (4, 1)]));
        assert_eq!(s.text, "Ali Khamenei spoke about Gaza.");
        let marked: Vec<String> = s.highlights.iter().map(|&r| slice16(&s.text, r)).collect();
        assert_eq!(marked, ["Khamenei", "Gaza"]);
    }

    #[test]
    fn long_text_snippet_centres_on_the_window_with_most_clauses() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let text = words.join(" ");
        // Clause 0 alone at 10; clauses 0 and 1 together at 150 and 152.
        let s = snip(&text, &hits(&[(10, 0), (150, 0), (152, 1)]));
        assert!(s.text.starts_with("… w144 "), "{}", s.text);
        assert!(s.text.ends_with(" …"));
        let marked: Vec<String> = s.highlights.iter().map(|&r| slice16(&s.text, r)).collect();
        assert_eq!(marked, ["w150", "w152"]);
    }

    #[test]
    fn snippet_offsets_count_utf16_units_after_astral_characters() {
        let text = "😀😀 naïve 𝒳 Gaza";
        let s = snip(text, &hits(&[(2, 0)]));
        assert_eq!(s.highlights.len(), 1);
        assert_eq!(slice16(&s.text, s.highlights[0]), "Gaza");
    }

    #[test]
    fn context_is_cut_at_words_on_both_sides() {
        let text = "one two three  four\nfive six seven eight nine";
        let spans = word_spans(text);
        let line = in_context(text, spans[4].start, spans[5].end, 10);
        assert_eq!(line.matched, "five six");
        assert_eq!(line.left, " four ");
        assert_eq!(line.right, " seven ");
        let whole = in_context(text, spans[0].start, spans[0].end, 100);
        assert_eq!(
            (whole.left.as_str(), whole.right.as_str()),
            ("", " two three four five six seven eight nine")
        );
    }

    #[test]
    fn context_reads_only_a_window_of_a_long_text_and_still_cuts_at_words() {
        let text = format!(
            "{}middle{}",
            "wordy ".repeat(10_000),
            " after".repeat(10_000)
        );
        let start = text.find("middle").unwrap();
        let line = in_context(&text, start, start + 6, 20);
        assert_eq!(line.matched, "middle");
        assert_eq!(line.left, " wordy wordy wordy ");
        assert_eq!(line.right, " after after after ");
    }

    #[test]
    fn snippet_code_ranges_follow_the_collapsed_passage() {
        // Code before the passage, across its start, inside it and across its end, in a text
        // of two-byte letters whose whitespace collapses.
        let words: Vec<String> = (0..60).map(|i| format!("é{i}")).collect();
        let text = words.join("  \n ");
        let spans = word_spans(&text);
        let code_of = |from: usize, to: usize| spans[from].start..spans[to].end;
        let code = [
            code_of(0, 1),
            code_of(2, 5),
            code_of(9, 11),
            code_of(30, 40),
        ];
        let s = snippet(
            &text,
            spans.len() as u32,
            &hits(&[(10, 0)]),
            &code,
            |a, b| spans[a as usize..b as usize].to_vec(),
        );
        assert!(s.text.starts_with("… é4 "), "{}", s.text);
        assert!(s.text.ends_with(" é35 …"), "{}", s.text);
        let shown: Vec<String> = s.code.iter().map(|&r| slice16(&s.text, r)).collect();
        assert_eq!(
            shown,
            ["é4 é5", "é9 é10 é11", "é30 é31 é32 é33 é34 é35"],
            "{}",
            s.text
        );
        assert_eq!(slice16(&s.text, s.highlights[0]), "é10");
        // No code: none in the passage.
        assert!(snip(&text, &hits(&[(10, 0)])).code.is_empty());
    }

    #[test]
    fn snippet_without_hits_starts_at_the_beginning() {
        let text = "One two three.";
        let s = snip(text, &[]);
        assert_eq!(s.text, "One two three.");
        assert!(s.highlights.is_empty());
        assert_eq!(snip("  ", &[]).text, "");
    }
}
