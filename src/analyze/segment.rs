//! Word segmentation: the UAX #29 word segments of a text that hold a letter or a digit.
//!
//! `unicode-segmentation` is the reference, and segments every stretch of text that holds a
//! character beyond ASCII. Most words of most texts are ASCII between two spaces, though, and
//! for those a small scanner applies the same rules (WB5–WB13b restricted to ASCII) several
//! times faster: snippets locate their words on every search, and indexing every word of the
//! corpus.
//!
//! The text is cut at runs of ASCII whitespace, which always bound a segment: no rule joins
//! a character to a following space, tab or line break, and what follows a run depends only on
//! the run's last character. A chunk between two runs that is all ASCII goes to the scanner;
//! any other chunk, with the run before it (a combining mark or a wide space may attach to
//! that run), goes to `unicode-segmentation`, which keeps going until a run of whitespace is
//! followed by an ASCII chunk again.

use std::ops::Range;

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The word break classes of ASCII characters (UAX #29, table 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// `A–Z a–z`.
    Letter,
    /// `0–9`.
    Numeric,
    /// `_`.
    ExtendNumLet,
    /// `:`.
    MidLetter,
    /// `, ;`.
    MidNum,
    /// `.`.
    MidNumLet,
    /// `'`.
    SingleQuote,
    /// Everything else, which never joins a neighbour.
    Other,
}

fn class(byte: u8) -> Class {
    match byte {
        b'A'..=b'Z' | b'a'..=b'z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b'_' => Class::ExtendNumLet,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' => Class::MidNumLet,
        b'\'' => Class::SingleQuote,
        _ => Class::Other,
    }
}

/// Letters, digits and `_` join one another (WB5, WB8–WB10, WB13a, WB13b).
fn joins(class: Class) -> bool {
    matches!(class, Class::Letter | Class::Numeric | Class::ExtendNumLet)
}

/// ASCII whitespace that always bounds a segment: space, tab, line breaks.
fn is_separator(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The byte ranges of the words of `text` (see the module documentation), in order.
pub fn word_spans(text: &str) -> WordSpans<'_> {
    WordSpans {
        text,
        position: 0,
        chunk_end: 0,
        unicode: None,
    }
}

/// The words of a text, found lazily: see [`word_spans`].
pub struct WordSpans<'a> {
    text: &'a str,
    /// While scanning ASCII: the next byte to look at, within the chunk ending at `chunk_end`.
    position: usize,
    chunk_end: usize,
    /// While `unicode-segmentation` segments: its segments and where its slice starts.
    unicode: Option<(usize, UWordBoundIndices<'a>)>,
}

impl WordSpans<'_> {
    /// The end of the chunk starting at `start` if it is all ASCII, `None` if it is not.
    fn ascii_chunk(&self, start: usize) -> Option<usize> {
        let rest = &self.text.as_bytes()[start..];
        match rest.iter().position(|&b| !b.is_ascii() || is_separator(b)) {
            Some(i) if !rest[i].is_ascii() => None,
            Some(i) => Some(start + i),
            None => Some(self.text.len()),
        }
    }

    /// The next word of the ASCII chunk being scanned, if any is left.
    fn next_ascii_word(&mut self) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        let end = self.chunk_end;
        let class_at = |i: usize| {
            if i < end {
                class(bytes[i])
            } else {
                Class::Other
            }
        };
        while self.position < end {
            let start = self.position;
            let first = class(bytes[start]);
            if !joins(first) {
                self.position += 1;
                continue;
            }
            let mut previous = first;
            let mut has_alphanumeric = first != Class::ExtendNumLet;
            let mut at = start + 1;
            while at < end {
                let current = class(bytes[at]);
                if joins(previous) && joins(current) {
                    has_alphanumeric |= current != Class::ExtendNumLet;
                    previous = current;
                    at += 1;
                    continue;
                }
                let after = class_at(at + 1);
                let between_letters = previous == Class::Letter
                    && after == Class::Letter
                    && matches!(
                        current,
                        Class::MidLetter | Class::MidNumLet | Class::SingleQuote
                    );
                let between_digits = previous == Class::Numeric
                    && after == Class::Numeric
                    && matches!(
                        current,
                        Class::MidNum | Class::MidNumLet | Class::SingleQuote
                    );
                if between_letters || between_digits {
                    at += 2;
                    continue;
                }
                break;
            }
            self.position = at;
            if has_alphanumeric {
                return Some(start..at);
            }
        }
        None
    }
}

impl Iterator for WordSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            if let Some((from, segments)) = &mut self.unicode {
                let from = *from;
                let Some((offset, segment)) = segments.next() else {
                    self.unicode = None;
                    self.position = self.text.len();
                    self.chunk_end = self.text.len();
                    return None;
                };
                let (start, end) = (from + offset, from + offset + segment.len());
                if segment.bytes().all(is_separator) {
                    if let Some(chunk_end) = self.ascii_chunk(end) {
                        self.unicode = None;
                        self.position = end;
                        self.chunk_end = chunk_end;
                    }
                    continue;
                }
                if segment.chars().any(char::is_alphanumeric) {
                    return Some(start..end);
                }
                continue;
            }
            if let Some(word) = self.next_ascii_word() {
                return Some(word);
            }
            // The chunk is done: pass the whitespace after it and look at the next one.
            let run_start = self.chunk_end.max(self.position);
            let bytes = self.text.as_bytes();
            let mut start = run_start;
            while start < bytes.len() && is_separator(bytes[start]) {
                start += 1;
            }
            if start >= bytes.len() {
                self.position = bytes.len();
                self.chunk_end = bytes.len();
                return None;
            }
            match self.ascii_chunk(start) {
                Some(chunk_end) => {
                    self.position = start;
                    self.chunk_end = chunk_end;
                }
                None => {
                    let segments = self.text[run_start..].split_word_bound_indices();
                    self.unicode = Some((run_start, segments));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: every segment of `unicode-segmentation` that holds a letter or digit.
    fn reference(text: &str) -> Vec<Range<usize>> {
        text.split_word_bound_indices()
            .filter(|(_, word)| word.chars().any(char::is_alphanumeric))
            .map(|(start, word)| start..start + word.len())
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        word_spans(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn ascii_words_join_as_the_rules_say() {
        assert_eq!(
            words("It's 3.14, e.g. a:b 1,000 _x_ __ x.5 5.x a'"),
            ["It's", "3.14", "e.g", "a:b", "1,000", "_x_", "x", "5", "5", "x", "a"]
        );
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("  \t\n "), Vec::<&str>::new());
    }

    #[test]
    fn chunks_beyond_ascii_are_segmented_by_the_reference() {
        for text in [
            "the leader’s speech",
            "café au lait",
            "e\u{301}te\u{301} ok",
            "a \u{301}b",
            "x\u{2003}y  \u{3000}z",
            "al-Quds القدس الشريف now",
            "中文文本 and 日本語",
            "🇮🇷🇮🇷 flag 👩\u{200D}💻 dev",
            "a.é b",
        ] {
            assert_eq!(
                word_spans(text).collect::<Vec<_>>(),
                reference(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_seeds_and_fixtures_give_the_same_words_as_the_reference() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("seeds"), root.join("tests/fixtures")];
        let mut texts = 0;
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    assert_eq!(word_spans(&text).collect::<Vec<_>>(), reference(&text));
                    texts += 1;
                }
            }
        }
        assert!(texts >= 5, "{texts} texts");
    }

    /// Characters of every ASCII class, the separators, and some that attach, join or
    /// stand alone beyond ASCII.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = "aZ09_:,;.'\"- \t\n\r\x0B\x0C!(".chars().collect();
        chars.extend([
            'é',
            '’',
            '\u{301}',
            '\u{2003}',
            '\u{3000}',
            '\u{A0}',
            'ب',
            'ا',
            '中',
            '\u{200D}',
            '👩',
            '\u{1F1EE}',
            '\u{1F1F7}',
            '\u{85}',
            '\u{2028}',
            '٣',
            '\u{5D0}',
            '"',
        ]);
        chars
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn the_same_words_as_the_reference(indices in prop::collection::vec(0usize..64, 0..40)) {
            let alphabet = alphabet();
            let text: String = indices.iter().map(|&i| alphabet[i % alphabet.len()]).collect();
            prop_assert_eq!(word_spans(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn ascii_text_gives_the_same_words(text in "[a-c0-2_:,;.' \\t\\n!\"-]{0,40}") {
            prop_assert_eq!(word_spans(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
