//! Text analysis: the one analyzer that turns both documents and queries into terms.
//!
//! Text is split into words by Unicode word boundaries (UAX #29), and every word that holds a
//! letter or a digit takes the next position, whether or not it yields a term. Positions depend
//! on segmentation alone, so [`word_spans`] can recover the offsets of any position without
//! normalizing the text again.
//!
//! A word becomes a term by [`fold`]: lower case, compatibility (NFKC) forms, diacritics and
//! Arabic-script marks removed, Arabic and Persian letter variants unified, apostrophe variants
//! unified and possessives dropped. [`Analyzer::stem_in`] adds stemming on top, by the stemmer
//! of a document's language (see [`crate::language`]); the index keeps the unstemmed term so
//! that an exact match can rank above a stemmed one.

use std::ops::Range;

mod segment;

use crate::language::{Stemmers, Stemming};
use unicode_normalization::UnicodeNormalization;

/// One word of a text, as the index and the query see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded term (see [`fold`]); never empty.
    pub term: String,
    /// The word's position among the words of its text, from 0.
    pub position: u32,
    /// Byte offset where the word starts in the text.
    pub start: usize,
    /// Byte offset just past the word's end in the text.
    pub end: usize,
}

/// The analyzer shared by indexing and querying.
pub struct Analyzer {
    stemmers: Stemmers,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// An analyzer that folds Latin diacritics and Arabic script, with the stemmers of every
    /// language that has one (see [`crate::language`]).
    pub fn new() -> Self {
        Analyzer {
            stemmers: Stemmers::default(),
        }
    }

    /// Every word of `text` that folds to a non-empty term, with its position and byte offsets.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        self.tokens_at(text, word_spans(text))
    }

    /// [`Analyzer::tokens`] for a text whose [`word_spans`] are known.
    pub fn tokens_at(&self, text: &str, spans: Vec<Range<usize>>) -> Vec<Token> {
        spans
            .into_iter()
            .enumerate()
            .filter_map(|(position, span)| {
                let term = fold(&text[span.clone()]);
                (!term.is_empty()).then_some(Token {
                    term,
                    position: position as u32,
                    start: span.start,
                    end: span.end,
                })
            })
            .collect()
    }

    /// The English stem of a folded term: `protesting`, `protests` and `protested` share
    /// `protest`. Only terms written in Latin letters are stemmed; others are returned
    /// unchanged.
    pub fn stem(&self, term: &str) -> String {
        match Stemming::for_word(None, term) {
            Some(english) => self.stem_in(english, term),
            None => term.to_string(),
        }
    }

    /// The stem of a folded term by a language's stemmer; a term written in another script
    /// than the language's is returned unchanged.
    pub fn stem_in(&self, stemming: Stemming, term: &str) -> String {
        if !term.chars().any(char::is_alphabetic) {
            return term.to_string();
        }
        self.stemmers.stem(stemming, term)
    }
}

/// Common English words that carry little meaning alone (the NLTK list, folded). A plain
/// question's `what`, `did` and `the` should neither be required nor highlighted.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ain",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "couldn",
    "couldn't",
    "d",
    "did",
    "didn",
    "didn't",
    "do",
    "does",
    "doesn",
    "doesn't",
    "doing",
    "don",
    "don't",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn",
    "hadn't",
    "has",
    "hasn",
    "hasn't",
    "have",
    "haven",
    "haven't",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "ll",
    "m",
    "ma",
    "me",
    "mightn",
    "mightn't",
    "more",
    "most",
    "mustn",
    "mustn't",
    "my",
    "myself",
    "needn",
    "needn't",
    "no",
    "nor",
    "not",
    "now",
    "o",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "same",
    "shan",
    "shan't",
    "she",
    "she's",
    "should",
    "should've",
    "shouldn",
    "shouldn't",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "that'll",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "ve",
    "very",
    "was",
    "wasn",
    "wasn't",
    "we",
    "were",
    "weren",
    "weren't",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won",
    "won't",
    "wouldn",
    "wouldn't",
    "y",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether a folded term is a common English word (see `STOPWORDS`).
pub fn is_stopword(term: &str) -> bool {
    STOPWORDS.binary_search(&term).is_ok()
}

/// The byte ranges of the words of `text`, indexed by position.
///
/// A word is a UAX #29 word segment that holds at least one letter or digit, so punctuation,
/// spaces and emoji take no position.
pub fn word_spans(text: &str) -> Vec<Range<usize>> {
    segment::word_spans(text).collect()
}

/// The positions of the words of `text` that fold to each of `terms`, in order: what the index
/// records of them, found again from the text (see [`crate::index::PositionsNow`]).
pub fn term_positions(text: &str, terms: &[&str]) -> Vec<Vec<u32>> {
    let mut found = vec![Vec::new(); terms.len()];
    if terms.is_empty() {
        return found;
    }
    let mut folded = String::new();
    for (position, span) in segment::word_spans(text).enumerate() {
        fold_into(&text[span], &mut folded);
        for (j, term) in terms.iter().enumerate() {
            if folded == *term {
                found[j].push(position as u32);
            }
        }
    }
    found
}

/// The byte ranges of the words of `text` from byte `offset` on, which must be where a word
/// starts (as [`word_spans`] gives it): the same ranges [`word_spans`] finds past that point.
pub fn word_spans_from(text: &str, offset: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    segment::word_spans(&text[offset..]).map(move |word| offset + word.start..offset + word.end)
}

/// Folds one word to the form the index stores.
///
/// Lower case; NFKC compatibility forms (ligatures, full-width letters, Arabic presentation
/// forms); Latin, Greek and Cyrillic diacritics and Arabic harakat removed; tatweel, zero-width
/// joiners and soft hyphens removed; alef, yeh, kaf, teh marbuta and heh variants unified;
/// Arabic-Indic and Persian digits made ASCII; the apostrophes `’ ‘ ʼ ′ ´` made `'`; a
/// trailing possessive `'s` or `'` dropped.
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    fold_into(word, &mut folded);
    folded
}

/// [`fold`] into `out` (cleared first), to reuse one buffer across many words.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // The common case, and the same result: normalization leaves ASCII as it is.
        out.extend(word.bytes().map(|b| {
            if b == b'`' {
                '\''
            } else {
                b.to_ascii_lowercase() as char
            }
        }));
    } else {
        out.extend(
            word.chars()
                .flat_map(char::to_lowercase)
                .nfkd()
                .filter(|&c| !is_ignorable(c))
                .map(unify_variant)
                .nfc(),
        );
    }
    strip_possessive(out);
}

/// Marks and formatting characters that a search should not tell apart.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' // combining diacritical marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0483}'..='\u{0489}' // Cyrillic combining marks
        | '\u{0610}'..='\u{061A}' // Arabic honorific signs
        | '\u{064B}'..='\u{065F}' // Arabic harakat, hamza and madda above/below
        | '\u{0670}'             // superscript alef
        | '\u{06D6}'..='\u{06ED}' // Quranic annotation marks
        | '\u{0640}'             // tatweel
        | '\u{00AD}'             // soft hyphen
        | '\u{200B}'..='\u{200F}' // zero-width space, ZWNJ, ZWJ, direction marks
        | '\u{2060}'
        | '\u{FEFF}')
}

/// Maps letters that are spelled several ways to one of them.
fn unify_variant(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        'ς' => 'σ',
        '\u{0671}' | '\u{0672}' | '\u{0673}' | '\u{0675}' => '\u{0627}', // alef variants → ا
        '\u{0649}' | '\u{064A}' | '\u{06D0}' | '\u{06CD}' => '\u{06CC}', // yeh variants → ی
        '\u{0643}' | '\u{06AA}' => '\u{06A9}',                           // kaf → ک
        '\u{0629}' | '\u{06C0}' | '\u{06D5}' | '\u{06C1}' => '\u{0647}', // teh marbuta, heh → ه
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        _ => c,
    }
}

fn digit(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

fn strip_possessive(term: &mut String) {
    if term.ends_with("'s") && term.len() > 2 {
        term.truncate(term.len() - 2);
    }
    while term.ends_with('\'') {
        term.pop();
    }
}

/// Offsets in UTF-16 code units, the unit of JavaScript string indices.
///
/// Converts byte ranges into one text to UTF-16 ranges in one pass over the text. The ranges
/// must be sorted by start and lie on character boundaries.
pub fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[u32; 2]> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut byte = 0usize;
    let mut unit = 0u32;
    let mut chars = text.chars();
    let mut advance_to = |target: usize| -> u32 {
        while byte < target {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            unit += c.len_utf16() as u32;
        }
        unit
    };
    for range in ranges {
        let start = advance_to(range.start);
        let end = advance_to(range.end);
        out.push([start, end]);
    }
    out
}

/// The length of `text` in UTF-16 code units.
pub fn utf16_len(text: &str) -> u32 {
    text.chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_terms_positions_are_the_words_that_fold_to_it() {
        let text = "The cat\u{2019}s hat; the CAT. Caf\u{e9} — cafe!";
        let found = super::term_positions(text, &["the", "cat", "cafe", "dog"]);
        assert_eq!(found, vec![vec![0, 3], vec![1, 4], vec![5, 6], vec![]]);
        // The positions the analyzer gives each word.
        let analyzer = super::Analyzer::new();
        let cats: Vec<u32> = analyzer
            .tokens(text)
            .into_iter()
            .filter(|t| t.term == "cat")
            .map(|t| t.position)
            .collect();
        assert_eq!(cats, found[1]);
    }

    use super::*;

    /// (name, word as written, folded term)
    const FOLDING: &[(&str, &str, &str)] = &[
        ("lower case", "Khamenei", "khamenei"),
        ("acute accent", "Ayatolláh", "ayatollah"),
        ("curly possessive", "Khamenei’s", "khamenei"),
        ("straight possessive", "Khamenei's", "khamenei"),
        ("modifier apostrophe", "Khameneiʼs", "khamenei"),
        ("plural possessive", "leaders’", "leaders"),
        ("inner apostrophe kept", "don’t", "don't"),
        ("ligature", "ﬁnance", "finance"),
        ("full width", "ＧＡＺＡ", "gaza"),
        ("cedilla", "Français", "francais"),
        ("greek final sigma", "ΛΟΓΟΣ", "λογοσ"),
        ("number with separator", "1,500", "1,500"),
        ("arabic alef with hamza", "أحمد", "احمد"),
        ("arabic alef with madda", "آیت", "ایت"),
        ("arabic yeh to persian yeh", "علي", "علی"),
        ("arabic kaf to persian kaf", "كتاب", "کتاب"),
        ("teh marbuta", "انتفاضة", "انتفاضه"),
        ("harakat removed", "مُحَمَّد", "محمد"),
        ("tatweel removed", "خامـــنه‌ای", "خامنهای"),
        ("persian digits", "۱۹۷۹", "1979"),
        ("arabic-indic digits", "٢٠٢٣", "2023"),
    ];

    #[test]
    fn folding_table() {
        for &(name, word, expected) in FOLDING {
            assert_eq!(fold(word), expected, "{name}: fold({word:?})");
        }
    }

    fn assert_token(token: &Token, position: u32, term: &str, start: usize, end: usize) {
        assert_eq!(
            (token.position, token.term.as_str(), token.start, token.end),
            (position, term, start, end)
        );
    }

    #[test]
    fn tokens_carry_positions_and_byte_offsets() {
        let text = "Iran’s PMOI/MEK, 22-day war; 1,500 killed 🙂 café";
        let tokens = Analyzer::new().tokens(text);
        let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(
            terms,
            ["iran", "pmoi", "mek", "22", "day", "war", "1,500", "killed", "cafe"]
        );
        assert_token(&tokens[0], 0, "iran", 0, 8);
        assert_token(&tokens[1], 1, "pmoi", 9, 13);
        assert_token(&tokens[2], 2, "mek", 14, 17);
        let cafe = tokens.last().unwrap();
        assert_eq!(&text[cafe.start..cafe.end], "café");
        assert_eq!(cafe.position, 8);
    }

    #[test]
    fn positions_follow_segmentation_even_when_a_word_folds_to_nothing() {
        // A lone tatweel is a word (a letter modifier) that folds to nothing.
        let text = "a ـ b";
        let tokens = Analyzer::new().tokens(text);
        assert_eq!(word_spans(text).len(), 3);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[1].position, 2);
    }

    #[test]
    fn stopwords_are_sorted_and_folded() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| fold(w) == *w || w.ends_with("'s")));
        assert!(is_stopword("the") && is_stopword("what") && !is_stopword("gaza"));
    }

    #[test]
    fn spans_from_a_word_start_are_the_spans_of_the_whole_text() {
        let text = "Iran’s PMOI/MEK, 22-day war; 1,500 killed 🙂 café. ١٢ خامنه‌ای 🇮🇷🇵🇸 end";
        let all = word_spans(text);
        for (i, span) in all.iter().enumerate() {
            let from: Vec<Range<usize>> = word_spans_from(text, span.start).collect();
            assert_eq!(from, all[i..], "from word {i}");
        }
    }

    #[test]
    fn stemming_table() {
        let analyzer = Analyzer::new();
        for (term, stem) in [
            ("protesting", "protest"),
            ("protests", "protest"),
            ("protested", "protest"),
            ("palestinians", "palestinian"),
            ("1,500", "1,500"),
            ("خامنهای", "خامنهای"),
        ] {
            assert_eq!(analyzer.stem(term), stem, "stem({term:?})");
        }
    }

    #[test]
    fn utf16_ranges_count_surrogate_pairs_as_two_units() {
        let text = "a😀b café x";
        let b = text.find('b').unwrap();
        let x = text.find('x').unwrap();
        let cafe = text.find("café").unwrap();
        let ranges = utf16_ranges(text, &[b..b + 1, cafe..cafe + "café".len(), x..x + 1]);
        assert_eq!(ranges, vec![[3, 4], [5, 9], [10, 11]]);
        assert_eq!(utf16_len(text), 11);
    }
}
