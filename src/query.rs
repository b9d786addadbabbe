//! The query language and its parser.
//!
//! ```text
//! gaza protests          both words (every word is required; AND may be written)
//! "supreme leader"       the words next to each other, in order
//! "war"                  the word in this form only: not wars, not a near spelling
//! gaza OR palestine      either (OR binds tighter than the implicit AND)
//! -mek  NOT mek          without the word (or phrase, or group)
//! protest*               every word starting with "protest"
//! gaza NEAR/5 aid        both, at most 5 words apart, in either order (NEAR alone: 5)
//! "gaza aid"~5           the same, written as a phrase
//! (gaza OR sinai) aid    a group
//! ```
//!
//! Operators are upper case; `or`, `and`, `not` and `near` are words. Query words go through
//! the same [`Analyzer`] as documents. A word that the analyzer splits in several (`PMOI/MEK`,
//! `22-day`, `Al-Arab`) becomes a phrase of its parts. The last word, when no space follows it,
//! also matches as a prefix, for search as you type ([`Prefix::Typing`]).
//!
//! Parsing never fails: input that is not well formed (an unclosed quote or group, a stray `-`
//! or `OR`, an operator alone) is read as the text a person most likely meant. Syntax the
//! language does not have (`title:…`, `w?rd`, `*war`) is searched for as text, with a note.
//!
//! The parsed query is then normalised, so that its cost follows what it means rather than how
//! it is written: groups inside groups of the same kind are opened up, repeated words and
//! clauses are merged (`the the the` is `the`), groups nested deeper than [`MAX_GROUP_DEPTH`]
//! are read as one group, and past [`MAX_CLAUSES`] clauses or [`MAX_WORDS`] words the rest is
//! left out. What was left out is said in [`Parsed::notes`].

use crate::analyze::{is_stopword, Analyzer};

mod lex;
mod parser;
use lex::lex;
pub use lex::{DEFAULT_NEAR, MAX_NEAR};
use parser::Parser;

/// One query word after analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The folded term, as the index stores terms.
    pub term: String,
    /// Whether, and why, terms that merely start with `term` match too.
    pub prefix: Prefix,
    /// Whether only the word's own form matches (a word in quotes): no other forms, no typos.
    pub verbatim: bool,
}

/// Whether a query word stands for the words it begins too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Prefix {
    /// The word only.
    #[default]
    None,
    /// The word is still being typed (nothing follows it): its completions help a search, a
    /// few of the most frequent, but never enter a count.
    Typing,
    /// Asked for with `*`: every completion, in searches and counts alike.
    Explicit,
}

impl Prefix {
    /// Whether completions match at all.
    pub fn any(self) -> bool {
        self != Prefix::None
    }
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
        /// Whether it is one word as typed that the analyzer split (`shock-sound`,
        /// `PMOI/MEK`) rather than a phrase in quotes: when no document holds it as written, its
        /// parts are searched for instead.
        compound: bool,
    },
    /// Every positive part must match; no negated part may.
    All(Vec<Query>),
    /// At least one part must match.
    Any(Vec<Query>),
    /// Documents matching the inner query are excluded (meaningful inside [`Query::All`]).
    Not(Box<Query>),
    /// Every part, each within `distance` words of the first part (in either direction).
    Near {
        /// The parts: words, phrases or alternatives.
        parts: Vec<Query>,
        /// How many words apart they may be, 1 to [`MAX_NEAR`].
        distance: u32,
    },
}

impl Query {
    /// The query as a person typed it, for messages such as "missing: …".
    pub fn text(&self) -> String {
        match self {
            Query::Word { text, .. } => text.clone(),
            Query::Phrase {
                text,
                compound: true,
                ..
            } => text.clone(),
            Query::Phrase { text, .. } => format!("\"{text}\""),
            Query::All(parts) => parts.iter().map(Query::text).collect::<Vec<_>>().join(" "),
            Query::Any(parts) => parts
                .iter()
                .map(Query::text)
                .collect::<Vec<_>>()
                .join(" OR "),
            Query::Not(inner) => format!("-{}", inner.text()),
            Query::Near { parts, distance } => parts
                .iter()
                .map(Query::text)
                .collect::<Vec<_>>()
                .join(&format!(" NEAR/{distance} ")),
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
    /// (`the`, `what`; see [`is_stopword`]) unless the query has nothing else. A common word
    /// still being typed goes too when other words are left: `war in the` searches what `war
    /// in the ` does, and does not require a word in almost every document (or one of its
    /// completions, for which such a word leaves no work in a large collection), nor read its
    /// postings; `the` alone still stands for its completions.
    pub fn required(&self) -> Vec<&Query> {
        let positive: Vec<&Query> = self
            .clauses()
            .iter()
            .filter(|q| !matches!(q, Query::Not(_)))
            .collect();
        // The clauses left once lone common words go, those being typed with them or not.
        let without_common = |typing_too: bool| -> Vec<&Query> {
            positive
                .iter()
                .copied()
                .filter(|q| {
                    !matches!(q, Query::Word { word, .. }
                    if is_stopword(&word.term) && !word.verbatim && match word.prefix {
                        Prefix::None => true,
                        Prefix::Typing => typing_too,
                        Prefix::Explicit => false,
                    })
                })
                .collect()
        };
        [without_common(true), without_common(false)]
            .into_iter()
            .find(|kept| !kept.is_empty())
            .unwrap_or(positive)
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
            Query::All(parts) | Query::Any(parts) | Query::Near { parts, .. } => {
                parts.iter().map(Query::word_count).sum()
            }
            Query::Not(inner) => inner.word_count(),
        }
    }

    /// Whether two queries mean the same, however they were typed (`Iran` and `iran`, or the
    /// parts of a group in another order).
    pub fn same_as(&self, other: &Query) -> bool {
        match (self, other) {
            (Query::Word { word: a, .. }, Query::Word { word: b, .. }) => a == b,
            (
                Query::Phrase {
                    words: a,
                    compound: x,
                    ..
                },
                Query::Phrase {
                    words: b,
                    compound: y,
                    ..
                },
            ) => a == b && x == y,
            (Query::Not(a), Query::Not(b)) => a.same_as(b),
            (
                Query::Near {
                    parts: a,
                    distance: x,
                },
                Query::Near {
                    parts: b,
                    distance: y,
                },
            ) => x == y && a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.same_as(b)),
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
        notes: Vec::new(),
    };
    let parts = parser.sequence(false);
    if parts.is_empty() && !lexemes.is_empty() && lexemes.iter().all(|l| l.kind.is_operator()) {
        // Operators alone ("OR", "NOT") are words.
        let text: Vec<&str> = lexemes.iter().map(|l| l.raw.as_str()).collect();
        let text = text.join(" ");
        let words = parser.words_of(&text, Prefix::None, false);
        let words = text
            .split_whitespace()
            .zip(words)
            .map(|(text, word)| Query::Word {
                text: text.to_string(),
                word,
            });
        return Parsed {
            query: normalize(Query::All(words.collect()), &mut Vec::new()),
            notes: Vec::new(),
        };
    }
    let mut notes = std::mem::take(&mut parser.notes);
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
            compound,
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
                    compound,
                },
            })
        }
        Query::Any(parts) => fit_parts(parts, words).map(Query::Any),
        Query::All(parts) => fit_parts(parts, words).map(Query::All),
        Query::Not(inner) => fit(*inner, words).map(|q| Query::Not(Box::new(q))),
        near @ Query::Near { .. } if near.word_count() > words => None,
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
            Query::Near { parts, distance } => Query::Near {
                parts: parts.into_iter().map(simplify_inner).collect(),
                distance,
            },
            leaf => leaf,
        }
    }
    match query {
        Query::All(parts) => Query::All(merge(parts, true)),
        other => Query::All(merge(vec![other], true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(term: &str) -> Word {
        Word {
            term: term.into(),
            prefix: Prefix::None,
            verbatim: false,
        }
    }
    fn p(term: &str) -> Word {
        Word {
            prefix: Prefix::Typing,
            ..w(term)
        }
    }
    fn x(term: &str) -> Word {
        Word {
            prefix: Prefix::Explicit,
            ..w(term)
        }
    }
    fn v(term: &str) -> Word {
        Word {
            verbatim: true,
            ..w(term)
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
                    compound: false,
                }]),
            ),
            (
                "unclosed phrase is typed as a phrase",
                "\"supreme lea",
                All(vec![Phrase {
                    text: "supreme lea".into(),
                    words: vec![w("supreme"), p("lea")],
                    compound: false,
                }]),
            ),
            (
                "curly quotes",
                "“supreme leader” ",
                All(vec![Phrase {
                    text: "supreme leader".into(),
                    words: vec![w("supreme"), w("leader")],
                    compound: false,
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
                        compound: false,
                    })),
                ]),
            ),
            ("stray minus", "iran - ", All(vec![word("iran", w("iran"))])),
            ("minus alone", "-", All(vec![])),
            (
                "explicit prefix",
                "protest* ",
                All(vec![word("protest", x("protest"))]),
            ),
            (
                "compound becomes a phrase",
                "PMOI/MEK ",
                All(vec![Phrase {
                    text: "PMOI/MEK".into(),
                    words: vec![w("pmoi"), w("mek")],
                    compound: true,
                }]),
            ),
            (
                "hyphenated compound",
                "22-day ",
                All(vec![Phrase {
                    text: "22-day".into(),
                    words: vec![w("22"), w("day")],
                    compound: true,
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
                "a quoted word is that form only",
                "\"war\" ",
                All(vec![word("war", v("war"))]),
            ),
            (
                "AND is the implicit operator",
                "iran AND gaza ",
                All(vec![word("iran", w("iran")), word("gaza", w("gaza"))]),
            ),
            (
                "NOT excludes",
                "iran NOT mek ",
                All(vec![
                    word("iran", w("iran")),
                    Not(Box::new(word("mek", w("mek")))),
                ]),
            ),
            (
                "NOT excludes a group",
                "iran NOT (mek OR pmoi) ",
                All(vec![
                    word("iran", w("iran")),
                    Not(Box::new(Any(vec![
                        word("mek", w("mek")),
                        word("pmoi", w("pmoi")),
                    ]))),
                ]),
            ),
            (
                "NEAR with a distance",
                "gaza NEAR/3 aid ",
                All(vec![Near {
                    parts: vec![word("gaza", w("gaza")), word("aid", w("aid"))],
                    distance: 3,
                }]),
            ),
            (
                "NEAR chains, and alone means 5",
                "gaza NEAR aid NEAR war ",
                All(vec![Near {
                    parts: vec![
                        word("gaza", w("gaza")),
                        word("aid", w("aid")),
                        word("war", w("war")),
                    ],
                    distance: DEFAULT_NEAR,
                }]),
            ),
            (
                "NEAR takes alternatives and phrases",
                "(gaza OR sinai) NEAR/2 \"human rights\" ",
                All(vec![Near {
                    parts: vec![
                        Any(vec![word("gaza", w("gaza")), word("sinai", w("sinai"))]),
                        Phrase {
                            text: "human rights".into(),
                            words: vec![w("human"), w("rights")],
                            compound: false,
                        },
                    ],
                    distance: 2,
                }]),
            ),
            (
                "a phrase with a distance is NEAR of its words, each in its own form",
                "\"gaza aid\"~4 ",
                All(vec![Near {
                    parts: vec![word("gaza", v("gaza")), word("aid", v("aid"))],
                    distance: 4,
                }]),
            ),
            (
                "lower-case operators are words",
                "not near and ",
                All(vec![
                    word("not", w("not")),
                    word("near", w("near")),
                    word("and", w("and")),
                ]),
            ),
            (
                "operators alone are words",
                "NOT AND",
                All(vec![word("NOT", w("not")), word("AND", w("and"))]),
            ),
            (
                "NEAR/ without a number is a word",
                "NEAR/x ",
                All(vec![Phrase {
                    text: "NEAR/x".into(),
                    words: vec![w("near"), w("x")],
                    compound: true,
                }]),
            ),
            (
                "markup is text",
                "<b>gaza</b> ",
                All(vec![Phrase {
                    text: "<b>gaza</b>".into(),
                    words: vec![w("b"), w("gaza"), w("b")],
                    compound: true,
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
    fn common_words_are_required_only_when_the_query_has_nothing_else() {
        let required = |input: &str| -> Vec<String> {
            parsed(input).required().iter().map(|q| q.text()).collect()
        };
        // Whole or still being typed, a common word goes when another word is left.
        assert_eq!(required("war in the "), ["war"]);
        assert_eq!(required("war in the"), ["war"]);
        assert_eq!(required("the war"), ["war"]);
        // Asked for as a prefix, or alone, it stays; typed alone, it stands for its
        // completions before the common words typed whole.
        assert_eq!(required("war the*"), ["war", "the"]);
        assert_eq!(required("the"), ["the"]);
        assert_eq!(required("of the"), ["the"]);
        assert_eq!(required("of the "), ["of", "the"]);
        // A word being typed that is no common word is required.
        assert_eq!(required("war theo"), ["war", "theo"]);
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
                    compound: false,
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
                All(vec![word("iran", w("iran")), word("iran", x("iran"))]),
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
    fn syntax_not_honoured_is_noted() {
        let analyzer = Analyzer::new();
        for (input, says) in [
            ("title:gaza ", "title:"),
            ("w?r ", "wildcard"),
            ("*war ", "end of a word"),
            ("war~2 ", "quoted phrase"),
            ("gaza NEAR/500 aid ", "at most 50"),
            ("gaza NEAR/0 aid ", "at least 1"),
            ("gaza NEAR -aid ", "both required"),
        ] {
            let parsed = parse_noted(&analyzer, input);
            assert!(
                parsed.notes.iter().any(|n| n.contains(says)),
                "{input:?}: {:?}",
                parsed.notes
            );
        }
        for input in ["war* ", "what? ", "10:30 ", "\"a b\"~3 ", "a NEAR/7 b "] {
            let parsed = parse_noted(&analyzer, input);
            assert!(parsed.notes.is_empty(), "{input:?}: {:?}", parsed.notes);
        }
    }

    #[test]
    fn query_text_reads_back_as_typed() {
        assert_eq!(
            parsed("iran -\"human rights\" gaza OR sinai ").text(),
            "iran -\"human rights\" gaza OR sinai"
        );
    }
}
