//! The query's lexemes: words, quoted phrases, operators (`OR`, `AND`, `NOT`, `NEAR/N`, `-`)
//! and parentheses. Operators are upper case; in lower case they are words.

/// The most words apart that `NEAR/N` and `"…"~N` accept.
pub const MAX_NEAR: u32 = 50;
/// The distance of `NEAR` without a number.
pub const DEFAULT_NEAR: u32 = 5;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lex {
    Word(String),
    /// A quoted phrase, whether its quote was closed, and the `~N` after the closing quote.
    Phrase(String, bool, Option<u32>),
    Or,
    And,
    Not,
    /// `NEAR` or `NEAR/N`: the distance, as written (checked by the parser).
    Near(u32),
    Minus,
    Open,
    Close,
}

impl Lex {
    /// Whether the lexeme is an operator rather than something to search for.
    pub(super) fn is_operator(&self) -> bool {
        matches!(self, Lex::Or | Lex::And | Lex::Not | Lex::Near(_))
    }
}

#[derive(Debug)]
pub(super) struct Lexeme {
    pub(super) kind: Lex,
    /// Whether this lexeme starts right after a `-` with no space (a negation).
    pub(super) negated: bool,
    /// The lexeme as written.
    pub(super) raw: String,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

pub(super) fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    let mut negate_next = false;
    while let Some(&(start, c)) = chars.peek() {
        let negated = std::mem::take(&mut negate_next);
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let kind = match c {
            c if is_quote(c) => {
                chars.next();
                let mut phrase = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if is_quote(c) {
                        closed = true;
                        break;
                    }
                    phrase.push(c);
                }
                let mut slop = None;
                if chars.peek().is_some_and(|&(_, c)| c == '~') {
                    chars.next();
                    let mut digits = String::new();
                    while let Some(&(_, d)) = chars.peek().filter(|(_, d)| d.is_ascii_digit()) {
                        digits.push(d);
                        chars.next();
                    }
                    slop = Some(digits.parse().unwrap_or(u32::MAX));
                }
                Lex::Phrase(phrase, closed, slop)
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
                    Some(&(_, n)) if !n.is_whitespace() && n != '-' => {
                        negate_next = true;
                        continue;
                    }
                    _ => Lex::Minus,
                }
            }
            _ => {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || is_quote(c) || matches!(c, '(' | ')') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                operator(&word).unwrap_or(Lex::Word(word))
            }
        };
        let end = chars.peek().map_or(input.len(), |&(at, _)| at);
        out.push(Lexeme {
            kind,
            negated,
            raw: input[start..end].to_string(),
        });
    }
    out
}

/// The operator a word spells, if it spells one.
fn operator(word: &str) -> Option<Lex> {
    match word {
        "OR" | "|" => Some(Lex::Or),
        "AND" | "&&" => Some(Lex::And),
        "NOT" => Some(Lex::Not),
        "NEAR" => Some(Lex::Near(DEFAULT_NEAR)),
        _ => {
            let digits = word.strip_prefix("NEAR/")?;
            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| Lex::Near(digits.parse().unwrap_or(u32::MAX)))
        }
    }
}
