//! The parser: lexemes to a [`Query`], reading input that is not well formed as what a person
//! most likely meant, and noting what it cannot honour rather than reinterpreting it silently.

use super::lex::{Lex, Lexeme, MAX_NEAR};
use super::{Prefix, Query, Word, MAX_GROUP_DEPTH};
use crate::analyze::Analyzer;

/// How the unit about to be read joins the one before it.
#[derive(Debug, Clone, Copy)]
enum Join {
    Or,
    Near(u32),
}

pub(super) struct Parser<'a> {
    pub(super) analyzer: &'a Analyzer,
    pub(super) lexemes: &'a [Lexeme],
    pub(super) next: usize,
    /// The lexeme still being typed, whose last word also matches as a prefix.
    pub(super) typing_at: Option<usize>,
    /// How many groups enclose the lexeme being read.
    pub(super) depth: usize,
    /// Whether parentheses past [`MAX_GROUP_DEPTH`] were read as part of their group.
    pub(super) flattened: bool,
    /// What was read differently from how it was written, for a person.
    pub(super) notes: Vec<String>,
}

impl Parser<'_> {
    /// Parses units up to the end (or, inside a group, the closing parenthesis), joining units
    /// separated by `OR` into [`Query::Any`] and by `NEAR` into [`Query::Near`].
    pub(super) fn sequence(&mut self, in_group: bool) -> Vec<Query> {
        let mut parts: Vec<Query> = Vec::new();
        let mut join: Option<Join> = None;
        let mut negate = false;
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
                    join = (!parts.is_empty()).then_some(Join::Or);
                    continue;
                }
                Lex::Near(distance) => {
                    let distance = self.near_distance(*distance, &lexeme.raw);
                    join = (!parts.is_empty()).then_some(Join::Near(distance));
                    continue;
                }
                Lex::And => {
                    join = None;
                    continue;
                }
                Lex::Not => {
                    negate = true;
                    continue;
                }
                Lex::Word(text) => self.word(text, at),
                Lex::Phrase(text, closed, slop) => self.phrase(text, *closed, *slop, at),
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
            let unit = if lexeme.negated || std::mem::take(&mut negate) {
                Query::Not(Box::new(unit))
            } else {
                unit
            };
            match (join.take(), parts.pop()) {
                (None, previous) => {
                    parts.extend(previous);
                    parts.push(unit);
                }
                (Some(_), None) => parts.push(unit),
                (Some(Join::Or), Some(previous)) => {
                    if matches!(unit, Query::Not(_)) || matches!(previous, Query::Not(_)) {
                        parts.push(previous);
                        parts.push(unit);
                    } else if let Query::Any(mut alternatives) = previous {
                        alternatives.push(unit);
                        parts.push(Query::Any(alternatives));
                    } else {
                        parts.push(Query::Any(vec![previous, unit]));
                    }
                }
                (Some(Join::Near(distance)), Some(previous)) => {
                    parts.push(self.near(previous, unit, distance));
                }
            }
        }
        parts
    }

    /// `previous NEAR/distance unit`: one [`Query::Near`], or, when a side is an exclusion or
    /// a group of required parts, both parts required, with a note.
    fn near(&mut self, previous: Query, unit: Query, distance: u32) -> Query {
        let nearable = |q: &Query| !matches!(q, Query::Not(_) | Query::All(_));
        if !nearable(&previous) || !nearable(&unit) {
            self.notes.push(format!(
                "NEAR joins words, phrases or alternatives; \u{2018}{}\u{2019} and \u{2018}{}\u{2019} were both required instead.",
                previous.text(),
                unit.text()
            ));
            return Query::All(vec![previous, unit]);
        }
        match previous {
            Query::Near {
                mut parts,
                distance: d,
            } if d == distance => {
                parts.push(unit);
                Query::Near { parts, distance }
            }
            previous => Query::Near {
                parts: vec![previous, unit],
                distance,
            },
        }
    }

    /// A `NEAR` distance within 1 to [`MAX_NEAR`], with a note when it was not.
    fn near_distance(&mut self, distance: u32, raw: &str) -> u32 {
        let kept = distance.clamp(1, MAX_NEAR);
        if kept != distance {
            self.notes.push(format!(
                "\u{2018}{raw}\u{2019}: words can be at most {MAX_NEAR} apart and at least 1; read as {kept}."
            ));
        }
        kept
    }

    fn word(&mut self, raw: &str, at: usize) -> Option<Query> {
        let (text, explicit_prefix) = match raw.strip_suffix('*') {
            Some(stem) => (stem.trim_end_matches('*'), true),
            None => (raw, false),
        };
        self.note_unsupported(text);
        let prefix = if explicit_prefix {
            Prefix::Explicit
        } else if self.typing_at == Some(at) {
            Prefix::Typing
        } else {
            Prefix::None
        };
        let mut words = self.words_of(text, prefix, false);
        match words.len() {
            0 => None,
            1 => words.pop().map(|word| Query::Word {
                text: text.to_string(),
                word,
            }),
            _ => Some(Query::Phrase {
                text: text.to_string(),
                words,
                compound: true,
            }),
        }
    }

    /// Notes what a word holds that looks like syntax this language does not have.
    fn note_unsupported(&mut self, text: &str) {
        let note = if text.contains('*') {
            "\u{2018}*\u{2019} works at the end of a word only (war*)"
        } else if text.contains('?') && text.trim_end_matches('?').contains('?') {
            "\u{2018}?\u{2019} is not a wildcard"
        } else if text.contains('~') {
            "\u{2018}~\u{2019} works after a quoted phrase only (\"gaza aid\"~5)"
        } else if text.split_once(':').is_some_and(|(field, value)| {
            !value.is_empty() && !field.is_empty() && field.chars().all(char::is_alphabetic)
        }) {
            "fields such as \u{2018}title:\u{2019} cannot be searched by name"
        } else {
            return;
        };
        self.notes.push(format!(
            "In \u{2018}{text}\u{2019}, {note}: its words were searched for as a phrase."
        ));
    }

    /// A quoted phrase; its last word is a prefix while the quote is open and the word typed.
    fn phrase(&mut self, text: &str, closed: bool, slop: Option<u32>, at: usize) -> Option<Query> {
        let typing = self.typing_at == Some(at) && !closed && !text.ends_with(char::is_whitespace);
        let prefix = if typing { Prefix::Typing } else { Prefix::None };
        let mut words = self.words_of(text, prefix, false);
        let text = text.trim().to_string();
        // Quoted, a word stands for its own form only.
        if words.len() == 1 || slop.is_some() {
            words.iter_mut().for_each(|w| w.verbatim = true);
        }
        if let Some(slop) = slop {
            let distance = self.near_distance(slop, &format!("\"{text}\"~{slop}"));
            let parts: Vec<Query> = words
                .into_iter()
                .map(|word| Query::Word {
                    text: word.term.clone(),
                    word,
                })
                .collect();
            return match parts.len() {
                0 => None,
                1 => parts.into_iter().next(),
                _ => Some(Query::Near { parts, distance }),
            };
        }
        match words.len() {
            0 => None,
            1 => words.pop().map(|word| Query::Word { text, word }),
            _ => Some(Query::Phrase {
                text,
                words,
                compound: false,
            }),
        }
    }

    /// The analyzed words of `text`, the last one with `prefix`; `verbatim` when only their
    /// own forms may match.
    pub(super) fn words_of(&self, text: &str, prefix: Prefix, verbatim: bool) -> Vec<Word> {
        let tokens = self.analyzer.tokens(text);
        let count = tokens.len();
        tokens
            .into_iter()
            .enumerate()
            .map(|(i, token)| Word {
                term: token.term,
                prefix: if i + 1 == count { prefix } else { Prefix::None },
                verbatim,
            })
            .collect()
    }
}
