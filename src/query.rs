//! The query language and its parser.
//!
//! ```text
//! gaza protests          both words (every word is required)
//! "supreme leader"       the words next to each other, in order
//! gaza OR palestine      either (OR binds tighter than the implicit AND)
//! -mek  -"human rights"  without the word or phrase
//! protest*               any word starting with "protest"
//! (gaza OR sinai) aid    a group
//! ```
//!
//! Query words go through the same [`Analyzer`] as documents. A word that the analyzer splits in
//! several (`PMOI/MEK`, `22-day`, `Al-Arab`) becomes a phrase of its parts. The last word, when
//! no space follows it, also matches as a prefix, for search as you type.
//!
//! Parsing never fails: input that is not well formed (an unclosed quote or group, a stray `-`
//! or `OR`, an operator alone) is read as the text a person most likely meant.
//!
//! The parsed query is then normalised, so that its cost follows what it means rather than how
//! it is written: groups inside groups of the same kind are opened up, repeated words and
//! clauses are merged (`the the the` is `the`), groups nested deeper than [`MAX_GROUP_DEPTH`]
//! are read as one group, and past [`MAX_CLAUSES`] clauses or [`MAX_WORDS`] words the rest is
//! left out. What was left out is said in [`Parsed::notes`].

use crate::analyze::{is_stopword, Analyzer};

/// One query word after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The folded term, as the index stores terms.
    pub term: String,
    /// Whether terms that merely start with `term` match too.
    pub prefix: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A word, matched exactly, by stem, as a prefix (if asked) or with typos.
    Word {
        /// The word as typed.
        text: String,
        /// The analyzed word.
        word: Word,
    },
    /// Words at consecutive positions, matched exactly (the last one as a prefix if asked).
    Phrase {
        /// The phrase as typed, without quotes.
        text: String,
        /// The analyzed words, in order.
        words: Vec<Word>,
    },
    /// Every positive part must match; no negated part may.
    All(Vec<Query>),
    /// At least one part must match.
    Any(Vec<Query>),
    /// Documents matching the inner query are excluded (meaningful inside [`Query::All`]).
    Not(Box<Query>),
}

impl Query {
    /// The query as a person typed it, for messages such as "missing: …".
    pub fn text(&self) -> String {
        match self {
            Query::Word { text, .. } => text.clone(),
            Query::Phrase { text, .. } => format!("\"{text}\""),
            Query::All(parts) => parts.iter().map(Query::text).collect::<Vec<_>>().join(" "),
            Query::Any(parts) => parts
                .iter()
                .map(Query::text)
                .collect::<Vec<_>>()
                .join(" OR "),
            Query::Not(inner) => format!("-{}", inner.text()),
        }
    }

    /// The top-level clauses: the parts of a root [`Query::All`], or the query itself.
    pub fn clauses(&self) -> &[Query] {
        match self {
            Query::All(parts) => parts,
            other => std::slice::from_ref(other),
        }
    }

    /// The top-level clauses a document must match: the positive ones, less lone common words
    /// (`the`, `what`; see [`is_stopword`]) unless the query has nothing else.
    pub fn required(&self) -> Vec<&Query> {
        let positive: Vec<&Query> = self
            .clauses()
            .iter()
            .filter(|q| !matches!(q, Query::Not(_)))
            .collect();
        let meaningful: Vec<&Query> = positive
            .iter()
            .copied()
            .filter(|q| !matches!(q, Query::Word { word, .. } if is_stopword(&word.term) && !word.prefix))
            .collect();
        if meaningful.is_empty() {
            positive
        } else {
            meaningful
        }
    }

    /// The top-level exclusions.
    pub fn excluded(&self) -> Vec<&Query> {
        self.clauses()
            .iter()
            .filter(|q| matches!(q, Query::Not(_)))
            .collect()
    }

    /// Whether the query holds nothing to search for.
    pub fn is_empty(&self) -> bool {
        matches!(self, Query::All(parts) if parts.is_empty())
    }

    /// How many words the query holds, each word of a phrase counted.
    pub fn word_count(&self) -> usize {
        match self {
            Query::Word { .. } => 1,
            Query::Phrase { words, .. } => words.len(),
            Query::All(parts) | Query::Any(parts) => parts.iter().map(Query::word_count).sum(),
            Query::Not(inner) => inner.word_count(),
        }
    }

    /// Whether two queries mean the same, however they were typed (`Iran` and `iran`, or the
    /// parts of a group in another order).
    pub fn same_as(&self, other: &Query) -> bool {
        match (self, other) {
            (Query::Word { word: a, .. }, Query::Word { word: b, .. }) => a == b,
            (Query::Phrase { words: a, .. }, Query::Phrase { words: b, .. }) => a == b,
            (Query::Not(a), Query::Not(b)) => a.same_as(b),
            (Query::All(a), Query::All(b)) | (Query::Any(a), Query::Any(b)) => {
                a.len() == b.len()
                    && a.iter().all(|x| b.iter().any(|y| x.same_as(y)))
                    && b.iter().all(|y| a.iter().any(|x| x.same_as(y)))
            }
            _ => false,
        }
    }
}

/// Groups may nest this deep; deeper parentheses are read as part of the group around them.
pub const MAX_GROUP_DEPTH: usize = 4;
/// The most top-level clauses a query keeps; the rest is left out, with a note.
pub const MAX_CLAUSES: usize = 32;
/// The most words (phrase words each counted) a query keeps; the rest is left out, with a note.
pub const MAX_WORDS: usize = 64;

/// A parsed, normalised query, and what normalising it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The query; its root is always a [`Query::All`].
    pub query: Query,
    /// What was read differently from how it was written or left out, for a person.
    pub notes: Vec<String>,
}

/// Parses a query typed by a person. Never fails; see the module documentation.
pub fn parse(analyzer: &Analyzer, input: &str) -> Query {
    parse_noted(analyzer, input).query
}

/// Parses and normalises a query typed by a person, saying what was left out. Never fails.
pub fn parse_noted(analyzer: &Analyzer, input: &str) -> Parsed {
    let lexemes = lex(input);
    let as_you_type = !input.ends_with(char::is_whitespace);
    let last = lexemes.len().checked_sub(1);
    let mut parser = Parser {
        analyzer,
        lexemes: &lexemes,
        next: 0,
        typing_at: if as_you_type { last } else { None },
        depth: 0,
        flattened: false,
    };
    let parts = parser.sequence(false);
    if parts.is_empty() && lexemes.iter().all(|l| matches!(l.kind, Lex::Or)) && !lexemes.is_empty()
    {
        // "OR" alone is a word, not an operator.
        return Parsed {
            query: Query::All(parser.words_of("OR", false)),
            notes: Vec::new(),
        };
    }
    let mut notes = Vec::new();
    if parser.flattened {
        notes.push(format!(
            "Groups nested more than {MAX_GROUP_DEPTH} deep were read as one group."
        ));
    }
    let query = normalize(Query::All(parts), &mut notes);
    Parsed { query, notes }
}

/// Opens up groups inside groups of the same kind, merges repeated parts, and keeps at most
/// [`MAX_CLAUSES`] clauses and [`MAX_WORDS`] words (see the module documentation).
fn normalize(query: Query, notes: &mut Vec<String>) -> Query {
    let Query::All(parts) = simplify(query) else {
        unreachable!("simplify keeps the root an All")
    };
    let mut kept = Vec::new();
    let mut words = 0;
    let mut cut = false;
    for part in parts {
        if kept.len() == MAX_CLAUSES || words == MAX_WORDS {
            cut = true;
            break;
        }
        let size = part.word_count();
        let part = if words + size > MAX_WORDS {
            cut = true;
            match fit(part, MAX_WORDS - words) {
                Some(part) => part,
                None => break,
            }
        } else {
            part
        };
        words += part.word_count();
        kept.push(part);
    }
    if cut {
        notes.push(format!(
            "The query is long: only its first {words} words were searched."
        ));
    }
    Query::All(kept)
}

/// The first `words` words of a query part: the alternatives or parts that fit, a phrase cut
/// short; none when not even one word fits.
fn fit(query: Query, words: usize) -> Option<Query> {
    if words == 0 {
        return None;
    }
    match query {
        Query::Phrase {
            text,
            words: mut phrase,
        } if phrase.len() > words => {
            phrase.truncate(words);
            Some(match phrase.len() {
                1 => Query::Word {
                    text,
                    word: phrase.pop()?,
                },
                _ => Query::Phrase {
                    text,
                    words: phrase,
                },
            })
        }
        Query::Any(parts) => fit_parts(parts, words).map(Query::Any),
        Query::All(parts) => fit_parts(parts, words).map(Query::All),
        Query::Not(inner) => fit(*inner, words).map(|q| Query::Not(Box::new(q))),
        leaf => Some(leaf),
    }
}

fn fit_parts(parts: Vec<Query>, mut words: usize) -> Option<Vec<Query>> {
    let mut kept = Vec::new();
    for part in parts {
        let Some(part) = fit(part, words) else { break };
        words -= part.word_count();
        kept.push(part);
    }
    (!kept.is_empty()).then_some(kept)
}

/// [`normalize`] without the caps: the root stays an `All`; below it a group of one part is
/// that part.
fn simplify(query: Query) -> Query {
    fn merge(parts: Vec<Query>, is_all: bool) -> Vec<Query> {
        let mut out: Vec<Query> = Vec::new();
        let push = |part: Query, out: &mut Vec<Query>| {
            if !out.iter().any(|q| q.same_as(&part)) {
                out.push(part);
            }
        };
        for part in parts {
            match (simplify_inner(part), is_all) {
                (Query::All(inner), true) => inner.into_iter().for_each(|q| push(q, &mut out)),
                (Query::Any(inner), false) => inner.into_iter().for_each(|q| push(q, &mut out)),
                (Query::All(inner), false) if inner.is_empty() => {}
                (Query::Any(inner), _) if inner.is_empty() => {}
                (part, _) => push(part, &mut out),
            }
        }
        out
    }
    fn simplify_inner(query: Query) -> Query {
        match query {
            Query::All(parts) => {
                let mut parts = merge(parts, true);
                if parts.len() == 1 && !matches!(parts[0], Query::Not(_)) {
                    parts.pop().expect("one part")
                } else {
                    Query::All(parts)
                }
            }
            Query::Any(parts) => {
                let mut parts = merge(parts, false);
                if parts.len() == 1 {
                    parts.pop().expect("one part")
                } else {
                    Query::Any(parts)
                }
            }
            Query::Not(inner) => Query::Not(Box::new(simplify_inner(*inner))),
            leaf => leaf,
        }
    }
    match query {
        Query::All(parts) => Query::All(merge(parts, true)),
        other => Query::All(merge(vec![other], true)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lex {
    Word(String),
    Phrase(String),
    Or,
    Minus,
    Open,
    Close,
}

#[derive(Debug)]
struct Lexeme {
    kind: Lex,
    /// Whether this lexeme starts right after a `-` with no space (a negation).
    negated: bool,
}

fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    let mut negate_next = false;
    while let Some(&c) = chars.peek() {
        let negated = std::mem::take(&mut negate_next);
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let kind = match c {
            '"' | '“' | '”' | '„' => {
                chars.next();
                let mut phrase = String::new();
                for c in chars.by_ref() {
                    if matches!(c, '"' | '“' | '”' | '„') {
                        break;
                    }
                    phrase.push(c);
                }
                Lex::Phrase(phrase)
            }
            '(' => {
                chars.next();
                Lex::Open
            }
            ')' => {
                chars.next();
                Lex::Close
            }
            '-' | '\u{2212}' if !negated => {
                chars.next();
                match chars.peek() {
                    Some(&n) if !n.is_whitespace() && n != '-' => {
                        negate_next = true;
                        continue;
                    }
                    _ => Lex::Minus,
                }
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '"' | '“' | '”' | '„' | '(' | ')') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                if word == "OR" || word == "|" {
                    Lex::Or
                } else {
                    Lex::Word(word)
                }
            }
        };
        out.push(Lexeme { kind, negated });
    }
    out
}

struct Parser<'a> {
    analyzer: &'a Analyzer,
    lexemes: &'a [Lexeme],
    next: usize,
    /// The lexeme still being typed, whose last word also matches as a prefix.
    typing_at: Option<usize>,
    /// How many groups enclose the lexeme being read.
    depth: usize,
    /// Whether parentheses past [`MAX_GROUP_DEPTH`] were read as part of their group.
    flattened: bool,
}

impl Parser<'_> {
    /// Parses units up to the end (or, inside a group, the closing parenthesis), joining units
    /// separated by `OR` into [`Query::Any`].
    fn sequence(&mut self, in_group: bool) -> Vec<Query> {
        let mut parts: Vec<Query> = Vec::new();
        let mut pending_or = false;
        // Parentheses too deep to open a group of their own, not yet closed.
        let mut ignored_opens = 0usize;
        while let Some(lexeme) = self.lexemes.get(self.next) {
            let at = self.next;
            self.next += 1;
            let unit = match &lexeme.kind {
                Lex::Close if ignored_opens > 0 => {
                    ignored_opens -= 1;
                    continue;
                }
                Lex::Close if in_group => break,
                Lex::Close | Lex::Minus => continue,
                Lex::Open if self.depth >= MAX_GROUP_DEPTH => {
                    self.flattened = true;
                    ignored_opens += 1;
                    continue;
                }
                Lex::Or => {
                    pending_or = !parts.is_empty();
                    continue;
                }
                Lex::Word(text) => self.word(text, at),
                Lex::Phrase(text) => self.phrase(text, at),
                Lex::Open => {
                    self.depth += 1;
                    let mut inner = self.sequence(true);
                    self.depth -= 1;
                    match inner.len() {
                        0 => None,
                        1 => inner.pop(),
                        _ => Some(Query::All(inner)),
                    }
                }
            };
            let Some(unit) = unit else { continue };
            let unit = if lexeme.negated {
                Query::Not(Box::new(unit))
            } else {
                unit
            };
            let joins = std::mem::take(&mut pending_or)
                && !matches!(unit, Query::Not(_))
                && !matches!(parts.last(), Some(Query::Not(_)));
            if joins {
                match parts.pop() {
                    Some(Query::Any(mut alternatives)) => {
                        alternatives.push(unit);
                        parts.push(Query::Any(alternatives));
                    }
                    Some(previous) => parts.push(Query::Any(vec![previous, unit])),
                    None => parts.push(unit),
                }
            } else {
                parts.push(unit);
            }
        }
        parts
    }

    fn word(&self, raw: &str, at: usize) -> Option<Query> {
        let (text, explicit_prefix) = match raw.strip_suffix('*') {
            Some(stem) => (stem.trim_end_matches('*'), true),
            None => (raw, false),
        };
        let typing = self.typing_at == Some(at);
        let words = self.words_of(text, explicit_prefix || typing);
        match words.len() {
            0 => None,
            1 => words.into_iter().next(),
            _ => Some(Query::Phrase {
                text: text.to_string(),
                words: words
                    .into_iter()
                    .filter_map(|q| match q {
                        Query::Word { word, .. } => Some(word),
                        _ => None,
                    })
                    .collect(),
            }),
        }
    }

    fn phrase(&self, text: &str, at: usize) -> Option<Query> {
        let typing = self.typing_at == Some(at) && !text.ends_with(char::is_whitespace);
        let words: Vec<Word> = self
            .words_of(text, typing)
            .into_iter()
            .filter_map(|q| match q {
                Query::Word { word, .. } => Some(word),
                _ => None,
            })
            .collect();
        match words.len() {
            0 => None,
            1 => Some(Query::Word {
                text: text.trim().to_string(),
                word: words.into_iter().next()?,
            }),
            _ => Some(Query::Phrase {
                text: text.trim().to_string(),
                words,
            }),
        }
    }

    /// The analyzed words of `text`; the last one is a prefix if `prefix_last`.
    fn words_of(&self, text: &str, prefix_last: bool) -> Vec<Query> {
        let tokens = self.analyzer.tokens(text);
        let count = tokens.len();
        tokens
            .into_iter()
            .enumerate()
            .map(|(i, token)| Query::Word {
                text: text[token.start..token.end].to_string(),
                word: Word {
                    term: token.term,
                    prefix: prefix_last && i + 1 == count,
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(term: &str) -> Word {
        Word {
            term: term.into(),
            prefix: false,
        }
    }
    fn p(term: &str) -> Word {
        Word {
            term: term.into(),
            prefix: true,
        }
    }
    fn word(text: &str, word: Word) -> Query {
        Query::Word {
            text: text.into(),
            word,
        }
    }

    fn parsed(input: &str) -> Query {
        parse(&Analyzer::new(), input)
    }

    /// (name, input, expected)
    fn cases() -> Vec<(&'static str, &'static str, Query)> {
        use Query::*;
        vec![
            ("empty", "", All(vec![])),
            ("spaces only", "   \t ", All(vec![])),
            ("punctuation only", "?!… —", All(vec![])),
            (
                "one word while typing",
                "Gaz",
                All(vec![word("Gaz", p("gaz"))]),
            ),
            (
                "one finished word",
                "Gaza ",
                All(vec![word("Gaza", w("gaza"))]),
            ),
            (
                "two words, last typing",
                "supreme lead",
                All(vec![word("supreme", w("supreme")), word("lead", p("lead"))]),
            ),
            (
                "phrase",
                "\"supreme leader\" ",
                All(vec![Phrase {
                    text: "supreme leader".into(),
                    words: vec![w("supreme"), w("leader")],
                }]),
            ),
            (
                "unclosed phrase is typed as a phrase",
                "\"supreme lea",
                All(vec![Phrase {
                    text: "supreme lea".into(),
                    words: vec![w("supreme"), p("lea")],
                }]),
            ),
            (
                "curly quotes",
                "“supreme leader” ",
                All(vec![Phrase {
                    text: "supreme leader".into(),
                    words: vec![w("supreme"), w("leader")],
                }]),
            ),
            (
                "or",
                "gaza OR palestine ",
                All(vec![Any(vec![
                    word("gaza", w("gaza")),
                    word("palestine", w("palestine")),
                ])]),
            ),
            (
                "or binds tighter than and",
                "iran gaza OR sinai ",
                All(vec![
                    word("iran", w("iran")),
                    Any(vec![word("gaza", w("gaza")), word("sinai", w("sinai"))]),
                ]),
            ),
            (
                "lower-case or is a word",
                "war or peace ",
                All(vec![
                    word("war", w("war")),
                    word("or", w("or")),
                    word("peace", w("peace")),
                ]),
            ),
            ("OR alone is a word", "OR", All(vec![word("OR", w("or"))])),
            (
                "dangling OR is dropped",
                "OR gaza OR ",
                All(vec![word("gaza", w("gaza"))]),
            ),
            (
                "exclusion",
                "iran -mek ",
                All(vec![
                    word("iran", w("iran")),
                    Not(Box::new(word("mek", w("mek")))),
                ]),
            ),
            (
                "excluded phrase",
                "iran -\"human rights\" ",
                All(vec![
                    word("iran", w("iran")),
                    Not(Box::new(Phrase {
                        text: "human rights".into(),
                        words: vec![w("human"), w("rights")],
                    })),
                ]),
            ),
            ("stray minus", "iran - ", All(vec![word("iran", w("iran"))])),
            ("minus alone", "-", All(vec![])),
            (
                "explicit prefix",
                "protest* ",
                All(vec![word("protest", p("protest"))]),
            ),
            (
                "compound becomes a phrase",
                "PMOI/MEK ",
                All(vec![Phrase {
                    text: "PMOI/MEK".into(),
                    words: vec![w("pmoi"), w("mek")],
                }]),
            ),
            (
                "hyphenated compound",
                "22-day ",
                All(vec![Phrase {
                    text: "22-day".into(),
                    words: vec![w("22"), w("day")],
                }]),
            ),
            (
                "group",
                "(gaza OR sinai) aid ",
                All(vec![
                    Any(vec![word("gaza", w("gaza")), word("sinai", w("sinai"))]),
                    word("aid", w("aid")),
                ]),
            ),
            (
                "unclosed group",
                "(gaza ",
                All(vec![word("gaza", w("gaza"))]),
            ),
            (
                "stray closing parenthesis",
                "gaza) ",
                All(vec![word("gaza", w("gaza"))]),
            ),
            (
                "possessive folds",
                "Khamenei’s ",
                All(vec![word("Khamenei’s", w("khamenei"))]),
            ),
            (
                "markup is text",
                "<b>gaza</b> ",
                All(vec![Phrase {
                    text: "<b>gaza</b>".into(),
                    words: vec![w("b"), w("gaza"), w("b")],
                }]),
            ),
        ]
    }

    #[test]
    fn parser_table() {
        for (name, input, expected) in cases() {
            assert_eq!(parsed(input), expected, "{name}: parse({input:?})");
        }
    }

    #[test]
    fn normalising_merges_repeats_and_opens_groups() {
        use Query::*;
        let cases: Vec<(&str, &str, Query)> = vec![
            (
                "a repeated word, in any case",
                "Gaza gaza GAZA ",
                All(vec![word("Gaza", w("gaza"))]),
            ),
            (
                "a repeated phrase",
                "\"of the\" \"Of The\" ",
                All(vec![Phrase {
                    text: "of the".into(),
                    words: vec![w("of"), w("the")],
                }]),
            ),
            (
                "a group inside a group",
                "((gaza aid)) ",
                All(vec![word("gaza", w("gaza")), word("aid", w("aid"))]),
            ),
            (
                "alternatives inside alternatives, repeated",
                "a OR (b OR a) OR b ",
                All(vec![Any(vec![word("a", w("a")), word("b", w("b"))])]),
            ),
            (
                "the same alternatives in another order",
                "(a OR b) (b OR a) ",
                All(vec![Any(vec![word("a", w("a")), word("b", w("b"))])]),
            ),
            (
                "a word and its prefix stay apart",
                "iran iran* ",
                All(vec![word("iran", w("iran")), word("iran", p("iran"))]),
            ),
        ];
        for (name, input, expected) in cases {
            let parsed = parse_noted(&Analyzer::new(), input);
            assert_eq!(parsed.query, expected, "{name}: {input:?}");
            assert!(parsed.notes.is_empty(), "{name}: {:?}", parsed.notes);
        }
    }

    #[test]
    fn normalising_caps_depth_clauses_and_words_and_says_so() {
        let analyzer = Analyzer::new();
        let deep = format!("{}x{} y ", "(".repeat(200), ")".repeat(200));
        let parsed = parse_noted(&analyzer, &deep);
        assert_eq!(
            parsed.query,
            Query::All(vec![word("x", w("x")), word("y", w("y"))])
        );
        assert_eq!(parsed.notes.len(), 1, "{:?}", parsed.notes);

        let words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let parsed = parse_noted(&analyzer, &(words.join(" ") + " "));
        assert_eq!(parsed.query.clauses().len(), MAX_CLAUSES);
        assert!(parsed.notes[0].contains(&format!("first {MAX_CLAUSES} words")));

        let parsed = parse_noted(&analyzer, &(words.join(" OR ") + " "));
        let Query::Any(alternatives) = &parsed.query.clauses()[0] else {
            panic!("{:?}", parsed.query)
        };
        assert_eq!(
            alternatives.len(),
            MAX_WORDS,
            "the alternatives that fit are kept"
        );
        assert_eq!(parsed.query.word_count(), MAX_WORDS);
        assert!(parsed.notes[0].contains(&format!("first {MAX_WORDS} words")));

        let phrase = format!("\"{}\" ", words.join(" "));
        let parsed = parse_noted(&analyzer, &phrase);
        assert_eq!(parsed.query.word_count(), MAX_WORDS, "a long phrase is cut");
    }

    #[test]
    fn query_text_reads_back_as_typed() {
        assert_eq!(
            parsed("iran -\"human rights\" gaza OR sinai ").text(),
            "iran -\"human rights\" gaza OR sinai"
        );
    }
}
