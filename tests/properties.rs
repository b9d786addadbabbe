//! Property tests: the index against a brute-force scan of the analyzed text.
//!
//! For random small corpora and queries, the documents that match every query word are exactly
//! those a scan over each document's tokens finds, every highlight slices back to a word
//! that matches a query word, and the concordance counts exactly the occurrences a scan
//! counts. No query string makes the engine panic.

use proptest::prelude::*;

use corpus_viewer::analyze::{fold, Analyzer};
use corpus_viewer::query::{Prefix, Query, Word};
use corpus_viewer::search::{ConcordanceOptions, MIN_PREFIX};
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument, SearchOptions};

const VOCABULARY: &[&str] = &[
    "gaza",
    "gazette",
    "palestine",
    "palestinian",
    "palestinians",
    "leader",
    "leaders",
    "leading",
    "khamenei",
    "khamanei",
    "khamenei’s",
    "mek",
    "iran",
    "iranian",
    "café",
    "cafe",
    "protest",
    "protests",
    "protesting",
    "protesters",
    "résistance",
    "resistance",
    "1,500",
    "22-day",
    "pmoi/mek",
    "ayatollah",
    "ayatolláh",
    "😀",
    "خامنه‌ای",
    "خامنه",
    "day",
    "pmoi",
];
const SEPARATORS: &[&str] = &[" ", ", ", ".\n\n", " — ", "-", " (", ") ", "“", "” "];

fn corpus_of(texts: &[String]) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for (i, text) in texts.iter().enumerate() {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    // No title: the model below scans texts, and a title's words are found too.
                    title: String::new(),
                    source: String::new(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text: text.clone(),
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    Corpus::new(builder.finish().expect("the index builds"))
}

/// Whether a document term completes a query word asked for as a prefix (`prefixes` says
/// which kinds of prefix count).
fn completes(word: &Word, term: &str, prefixes: &[Prefix]) -> bool {
    prefixes.contains(&word.prefix)
        && word.term.chars().count() >= MIN_PREFIX
        && term.starts_with(&word.term)
}

/// Whether a document term matches a query word in a search exactly, by stem (unless the
/// word is quoted) or as a prefix.
fn close_match(analyzer: &Analyzer, word: &Word, term: &str) -> bool {
    term == word.term
        || (!word.verbatim && analyzer.stem(term) == analyzer.stem(&word.term))
        || completes(word, term, &[Prefix::Typing, Prefix::Explicit])
}

/// The typos a query word may have, as the README states the rule: none under 5 characters,
/// 1 up to 8, 2 beyond.
fn typos_for(chars: usize) -> usize {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether `term` (or, for a prefix, some prefix of it) is within `max` edits of `word`, by
/// strsim's optimal-string-alignment distance (a transposition is one edit), not the engine's.
fn within_typos(word: &str, term: &str, max: usize, prefix: bool) -> bool {
    // Words longer than 64 characters are never matched with typos.
    if word.chars().count() > 64 || term.chars().count() > 64 {
        return false;
    }
    if !prefix {
        return strsim::osa_distance(word, term) <= max;
    }
    let ends = term.char_indices().map(|(i, _)| i).chain([term.len()]);
    ends.into_iter()
        .any(|end| strsim::osa_distance(word, &term[..end]) <= max)
}

/// Whether a document term matches a query word in any of the ways the engine allows, given
/// every term of the corpus: typos count only for words that match no term more closely, and
/// only as many as the closest terms need (two edits only when no term is one edit away).
fn word_matches(analyzer: &Analyzer, word: &Word, term: &str, corpus_terms: &[String]) -> bool {
    let allowed = typos_for(word.term.chars().count());
    let prefix = word.prefix != Prefix::None;
    let within = |t: &str, typos: usize| within_typos(&word.term, t, typos, prefix);
    let typos = (1..=allowed)
        .find(|&typos| corpus_terms.iter().any(|t| within(t, typos)))
        .unwrap_or(allowed);
    close_match(analyzer, word, term)
        || (typos > 0
            && !word.verbatim
            && !corpus_terms.iter().any(|t| close_match(analyzer, word, t))
            && within(term, typos))
}

/// How a model matches words: as a search does, or as a count does (each word's own form,
/// and every completion of `word*`).
#[derive(Clone, Copy, PartialEq)]
enum Rule {
    Search,
    Count,
}

fn phrase_word_matches(word: &Word, term: &str, rule: Rule) -> bool {
    let prefixes: &[Prefix] = match rule {
        Rule::Search => &[Prefix::Typing, Prefix::Explicit],
        Rule::Count => &[Prefix::Explicit],
    };
    term == word.term || completes(word, term, prefixes)
}

/// The brute-force positions where a query part (not a group of required parts) matches a
/// document given as terms by position, sorted.
fn positions(
    analyzer: &Analyzer,
    query: &Query,
    terms: &[Option<String>],
    all: &[String],
    rule: Rule,
) -> Vec<u32> {
    let term_at = |i: usize| terms.get(i).and_then(|t| t.as_deref());
    let mut out: Vec<u32> = match query {
        Query::Word { word, .. } => (0..terms.len())
            .filter(|&i| {
                term_at(i).is_some_and(|t| match rule {
                    Rule::Search => word_matches(analyzer, word, t, all),
                    Rule::Count => phrase_word_matches(word, t, rule),
                })
            })
            .map(|i| i as u32)
            .collect(),
        Query::Phrase { words, .. } => (0..terms.len())
            .filter(|&start| {
                words.iter().enumerate().all(|(i, w)| {
                    term_at(start + i).is_some_and(|t| phrase_word_matches(w, t, rule))
                })
            })
            .flat_map(|start| start as u32..(start + words.len()) as u32)
            .collect(),
        Query::Any(parts) => parts
            .iter()
            .flat_map(|p| positions(analyzer, p, terms, all, rule))
            .collect(),
        Query::Near { parts, distance } => {
            let lists: Vec<Vec<u32>> = parts
                .iter()
                .map(|p| positions(analyzer, p, terms, all, rule))
                .collect();
            let mut out = Vec::new();
            for &anchor in &lists[0] {
                let close = |p: &u32| p.abs_diff(anchor) <= *distance;
                if lists[1..].iter().all(|list| list.iter().any(close)) {
                    out.push(anchor);
                    out.extend(lists[1..].iter().flatten().copied().filter(close));
                }
            }
            out
        }
        Query::All(parts) => {
            let positive: Vec<&Query> = parts
                .iter()
                .filter(|p| !matches!(p, Query::Not(_)))
                .collect();
            // Every positive part matches under the rule, and no exclusion (as a search) does.
            let each: Vec<Vec<u32>> = positive
                .iter()
                .map(|p| positions(analyzer, p, terms, all, rule))
                .collect();
            let excluded = parts.iter().any(|p| match p {
                Query::Not(inner) => scan(analyzer, inner, terms, all),
                _ => false,
            });
            if !positive.is_empty() && !excluded && each.iter().all(|p| !p.is_empty()) {
                each.concat()
            } else {
                Vec::new()
            }
        }
        Query::Not(_) => Vec::new(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The query with each compound (a word the analyzer split, `22-day`) that no document holds as
/// written, under `rule`, replaced by all of its parts, as the engine falls back.
fn resolve(
    analyzer: &Analyzer,
    query: &Query,
    docs: &[Vec<Option<String>>],
    all: &[String],
    rule: Rule,
) -> Query {
    let again = |q: &Query| resolve(analyzer, q, docs, all, rule);
    match query {
        Query::Phrase {
            words,
            compound: true,
            ..
        } if docs
            .iter()
            .all(|terms| positions(analyzer, query, terms, all, rule).is_empty()) =>
        {
            Query::All(
                words
                    .iter()
                    .map(|word| Query::Word {
                        text: word.term.clone(),
                        word: word.clone(),
                    })
                    .collect(),
            )
        }
        Query::All(parts) => Query::All(parts.iter().map(again).collect()),
        Query::Any(parts) => Query::Any(parts.iter().map(again).collect()),
        Query::Near { parts, distance } => Query::Near {
            parts: parts.iter().map(again).collect(),
            distance: *distance,
        },
        // Exclusions match as a search does, whatever the call.
        Query::Not(inner) => {
            Query::Not(Box::new(resolve(analyzer, inner, docs, all, Rule::Search)))
        }
        leaf => leaf.clone(),
    }
}

/// The brute-force answer: does the document (as terms by position) match the query part?
fn scan(analyzer: &Analyzer, query: &Query, terms: &[Option<String>], all: &[String]) -> bool {
    match query {
        Query::Word { .. } | Query::Phrase { .. } | Query::Any(_) | Query::Near { .. } => {
            !positions(analyzer, query, terms, all, Rule::Search).is_empty()
        }
        Query::All(parts) => {
            let positive: Vec<&Query> = parts
                .iter()
                .filter(|p| !matches!(p, Query::Not(_)))
                .collect();
            !positive.is_empty()
                && positive.iter().all(|p| scan(analyzer, p, terms, all))
                && parts.iter().all(|p| match p {
                    Query::Not(inner) => !scan(analyzer, inner, terms, all),
                    _ => true,
                })
        }
        Query::Not(_) => false,
    }
}

fn terms_by_position(analyzer: &Analyzer, text: &str) -> Vec<Option<String>> {
    let mut terms = vec![None; corpus_viewer::analyze::word_spans(text).len()];
    for token in analyzer.tokens(text) {
        terms[token.position as usize] = Some(token.term);
    }
    terms
}

fn all_words(query: &Query, out: &mut Vec<Word>) {
    match query {
        Query::Word { word, .. } => out.push(word.clone()),
        Query::Phrase { words, .. } => out.extend(words.iter().cloned()),
        Query::Any(parts) | Query::All(parts) | Query::Near { parts, .. } => {
            parts.iter().for_each(|p| all_words(p, out))
        }
        Query::Not(_) => {}
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCABULARY),
            prop::sample::select(SEPARATORS),
        ),
        0..25,
    )
    .prop_map(|words| words.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

fn query_strategy() -> impl Strategy<Value = String> {
    let word = (prop::sample::select(VOCABULARY), 1usize..12)
        .prop_map(|(w, cut)| w.chars().take(cut).collect::<String>());
    let part = prop_oneof![
        4 => word.clone(),
        1 => word.clone().prop_map(|w| format!("-{w}")),
        1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("\"{a} {b}\"")),
        1 => (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} OR {b}")),
        1 => word.clone().prop_map(|w| format!("{w}*")),
        1 => word.clone().prop_map(|w| format!("\"{w}\"")),
        1 => word.clone().prop_map(|w| format!("NOT {w}")),
        1 => (word.clone(), word.clone(), 1u32..4).prop_map(|(a, b, n)| format!("{a} NEAR/{n} {b}")),
        1 => (word.clone(), word, 1u32..4).prop_map(|(a, b, n)| format!("\"{a} {b}\"~{n}")),
    ];
    (prop::collection::vec(part, 1..4), any::<bool>())
        .prop_map(|(parts, space)| format!("{}{}", parts.join(" "), if space { " " } else { "" }))
}

fn slice16(text: &str, [start, end]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("no split surrogate pair")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn complete_matches_are_exactly_what_a_scan_finds(
        texts in prop::collection::vec(text_strategy(), 1..6),
        input in query_strategy(),
    ) {
        let analyzer = Analyzer::new();
        let corpus = corpus_of(&texts);
        let corpus_terms: Vec<String> = corpus.index().terms().iter().map(String::from).collect();
        let docs: Vec<Vec<Option<String>>> = texts.iter().map(|t| terms_by_position(&analyzer, t)).collect();
        let query = resolve(&analyzer, &corpus.parse(&input), &docs, &corpus_terms, Rule::Search);
        let result = corpus.search(&input, &SearchOptions { limit: 100, ..SearchOptions::default() }).unwrap();
        let found: Vec<String> = result.hits.iter().filter(|h| !h.partial).map(|h| h.id.clone()).collect();
        let mut found = found;
        found.sort();
        let only_exclusions = query.clauses().iter().all(|q| matches!(q, Query::Not(_)));
        let mut expected: Vec<String> = texts
            .iter()
            .enumerate()
            .filter(|(_, text)| {
                let terms = terms_by_position(&analyzer, text);
                if only_exclusions {
                    !query.is_empty() && query.clauses().iter().all(|q| match q {
                        Query::Not(inner) => !scan(&analyzer, inner, &terms, &corpus_terms),
                        _ => true,
                    })
                } else {
                    let required = Query::All(query.required().into_iter().chain(query.excluded()).cloned().collect());
                    scan(&analyzer, &required, &terms, &corpus_terms)
                }
            })
            .map(|(i, _)| format!("d{i}"))
            .collect();
        expected.sort();
        prop_assert_eq!(found, expected, "query {:?} parsed as {:?}", input, query);
    }

    #[test]
    fn every_highlight_slices_back_to_a_matching_word(
        texts in prop::collection::vec(text_strategy(), 1..4),
        input in query_strategy(),
    ) {
        let analyzer = Analyzer::new();
        let corpus = corpus_of(&texts);
        let corpus_terms: Vec<String> = corpus.index().terms().iter().map(String::from).collect();
        let mut words = Vec::new();
        all_words(&corpus.parse(&input), &mut words);
        let result = corpus.search(&input, &SearchOptions { limit: 100, ..SearchOptions::default() }).unwrap();
        for hit in &result.hits {
            let view = corpus.document(&hit.id, &input).unwrap();
            let marked = view.highlights.iter().map(|&r| slice16(&view.text, r))
                .chain(hit.snippet.iter().flat_map(|s| s.highlights.iter().map(|&r| slice16(&s.text, r))));
            for mark in marked {
                let term = fold(&mark);
                prop_assert!(
                    words.iter().any(|w| word_matches(&analyzer, w, &term, &corpus_terms)),
                    "{:?} highlighted for {:?}", mark, input
                );
            }
            prop_assert!(view.highlights.windows(2).all(|w| w[0][1] <= w[1][0]));
        }
    }

    #[test]
    fn the_concordance_counts_what_a_scan_counts(
        texts in prop::collection::vec(text_strategy(), 1..6),
        input in query_strategy(),
    ) {
        let analyzer = Analyzer::new();
        let corpus = corpus_of(&texts);
        let corpus_terms: Vec<String> = corpus.index().terms().iter().map(String::from).collect();
        let query = corpus.parse(&input);
        let concordance = corpus.concordance(&input, &ConcordanceOptions::default()).unwrap();
        let docs: Vec<Vec<Option<String>>> = texts.iter().map(|t| terms_by_position(&analyzer, t)).collect();
        let resolved: Vec<Query> = query
            .required()
            .into_iter()
            .map(|q| resolve(&analyzer, q, &docs, &corpus_terms, Rule::Count))
            .collect();
        let required: Vec<&Query> = resolved.iter().collect();
        // Runs of matched positions: each position of a lone word; positions side by side for
        // phrases and several words; within the distance for a lone NEAR.
        let gap = match required.as_slice() {
            [Query::Word { .. }] => 0,
            [Query::Near { distance, .. }] => *distance,
            _ => 1,
        };
        let mut expected = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let terms = terms_by_position(&analyzer, text);
            let excluded = query.excluded().iter().any(|q| match q {
                Query::Not(inner) => {
                    let inner = resolve(&analyzer, inner, &docs, &corpus_terms, Rule::Search);
                    scan(&analyzer, &inner, &terms, &corpus_terms)
                }
                _ => false,
            });
            let per_clause: Vec<Vec<u32>> = required
                .iter()
                .map(|q| positions(&analyzer, q, &terms, &corpus_terms, Rule::Count))
                .collect();
            if required.is_empty() || excluded || per_clause.iter().any(Vec::is_empty) {
                continue;
            }
            let mut all: Vec<u32> = per_clause.concat();
            all.sort_unstable();
            all.dedup();
            let mut runs: Vec<(u32, u32)> = Vec::new();
            for p in all {
                match runs.last_mut() {
                    Some(run) if gap > 0 && p - run.1 <= gap => run.1 = p,
                    _ => runs.push((p, p)),
                }
            }
            expected.extend(runs.into_iter().map(|(first, _)| (format!("d{i}"), first)));
        }
        let found: Vec<(String, u32)> = concordance
            .documents
            .iter()
            .flat_map(|d| d.positions.iter().map(|&p| (d.id.clone(), p)))
            .collect();
        prop_assert_eq!(concordance.total, expected.len(), "query {:?} parsed as {:?}", input, query);
        prop_assert_eq!(found, expected, "query {:?} parsed as {:?}", input, query);
        // The forms counted add up to what was counted, for a lone word.
        if let [Query::Word { .. }] = required.as_slice() {
            let counted: u32 = concordance.forms.iter().flat_map(|w| &w.forms).filter(|f| f.included).map(|f| f.count).sum();
            prop_assert_eq!(counted as usize, concordance.total, "forms of {:?}: {:?}", input, concordance.forms);
        }
    }

    #[test]
    fn no_query_string_makes_the_engine_panic(input in "\\PC{0,40}", texts in prop::collection::vec(text_strategy(), 1..3)) {
        let corpus = corpus_of(&texts);
        let result = corpus.search(&input, &SearchOptions::default()).unwrap();
        for hit in result.hits {
            corpus.document(&hit.id, &input).unwrap();
        }
    }
}
