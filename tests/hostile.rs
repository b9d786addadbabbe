//! Hostile input: queries whose cost would grow without bound if the engine did what they
//! literally ask, on a generated corpus of common and rare words. Each call must stay within
//! its work budget (counted in postings, positions and lines, never timed), answer the same as
//! the query it normalises to, and say what it left out.

use corpus_viewer::budget::WORK_LIMIT;
use corpus_viewer::search::{
    CollocateOptions, ConcordanceOptions, ConcordanceSort, PASSAGES_ALWAYS,
};
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument, SearchOptions, SearchResult};

/// The work a call may do beyond its budget: the least that answers at all (the postings of
/// the words typed, the candidates they give), which the budget counts but cannot refuse.
const SLACK: u64 = WORK_LIMIT / 4;

/// Common words, most frequent first, then a made-up vocabulary with a long tail.
const COMMON: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "for", "it", "with", "as",
    "his", "on", "be", "at", "by", "i",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "te", "lu", "sa", "no", "vi", "pe", "da", "gor", "shi", "tha", "an", "el",
];

/// A deterministic corpus: 240 documents of 900 words, about half of them common words, the
/// rest drawn from 3,375 made-up words with a Zipf-like skew.
fn corpus() -> Corpus {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for d in 0..240 {
        let mut text = String::new();
        for w in 0..900 {
            let r = next();
            if r % 2 == 0 {
                text.push_str(
                    COMMON[(r >> 8) as usize % COMMON.len() / ((r >> 20) as usize % 3 + 1)],
                );
            } else {
                // Zipf-like: small numbers far more often than large ones.
                let rank = ((r >> 8) % 3375) * ((r >> 24) % 1000) / 1000;
                let n = rank as usize;
                for s in [n % 15, n / 15 % 15, n / 225 % 15] {
                    text.push_str(SYLLABLES[s]);
                }
            }
            text.push(if w % 12 == 11 { '.' } else { ' ' });
            if w % 12 == 11 {
                text.push(' ');
            }
        }
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("d{d:03}"),
                    title: format!("Document {d}"),
                    source: format!("source {}", d % 7),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                headings: Vec::new(),
                code: Vec::new(),
                text,
            })
            .expect("ids are unique");
    }
    Corpus::from_bytes(&builder.finish().expect("the index builds").to_bytes())
        .expect("the index reads back")
}

fn search(corpus: &Corpus, query: &str) -> SearchResult {
    corpus
        .search(query, &SearchOptions::default())
        .expect("a valid search")
}

fn ids(result: &SearchResult) -> Vec<&str> {
    result.hits.iter().map(|h| h.id.as_str()).collect()
}

fn repeated(word: &str, times: usize, separator: &str) -> String {
    vec![word; times].join(separator)
}

/// (name, hostile query, the query it means, whether the answer must say something was left
/// out). An empty meaning: only the bound and the notes are checked.
fn cases() -> Vec<(&'static str, String, String, bool)> {
    let prefixes: Vec<String> = SYLLABLES
        .iter()
        .chain(["th", "of", "an", "in", "to", "wa", "he", "it"].iter())
        .cycle()
        .take(340)
        .map(|p| format!("{p}*"))
        .collect();
    let many_words: Vec<String> = (0..3000)
        .map(|i| format!("{}{}", SYLLABLES[i % 15], SYLLABLES[i / 15 % 15]))
        .collect();
    vec![
        (
            "the same word 255 times",
            repeated("the", 255, " "),
            "the ".into(),
            false,
        ),
        (
            "a one-letter word 511 times",
            repeated("a", 511, " "),
            "a ".into(),
            false,
        ),
        (
            "a word 341 times in different cases",
            repeated("Of oF of", 113, " "),
            "of ".into(),
            false,
        ),
        (
            "1,020 characters of two-letter prefixes",
            prefixes.join(" "),
            String::new(),
            true,
        ),
        (
            "groups nested 300 deep",
            format!("{}{}", "(a ".repeat(300), ")".repeat(300)),
            "a ".into(),
            true,
        ),
        (
            "the same phrase 100 times",
            repeated("\"of the\"", 100, " "),
            "\"of the\" ".into(),
            false,
        ),
        (
            "30,000 characters of words joined by OR",
            many_words.join(" OR "),
            String::new(),
            true,
        ),
        (
            "twenty common words joined by OR",
            COMMON.join(" OR ") + " ",
            String::new(),
            false,
        ),
        (
            "long misspelled words that ask for a typo search each",
            (0..40)
                .map(|i| format!("qzx{}{}vwq", SYLLABLES[i % 15], SYLLABLES[(i * 7) % 15]))
                .collect::<Vec<_>>()
                .join(" "),
            String::new(),
            false,
        ),
        (
            "exclusions of every common word",
            format!(
                "kaka {}",
                COMMON
                    .iter()
                    .map(|w| format!("-{w}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            String::new(),
            false,
        ),
    ]
}

#[test]
fn hostile_queries_stay_within_the_work_budget_and_mean_what_they_say() {
    let corpus = corpus();
    for (name, query, meaning, noted) in cases() {
        let result = search(&corpus, &query);
        assert!(
            result.work <= WORK_LIMIT + SLACK,
            "{name}: search did {} units of work",
            result.work
        );
        assert_eq!(
            !result.notes.is_empty(),
            noted,
            "{name}: {:?}",
            result.notes
        );
        if !meaning.is_empty() {
            let expected = search(&corpus, &meaning);
            assert_eq!(result.total, expected.total, "{name}: total");
            assert_eq!(ids(&result), ids(&expected), "{name}: hits");
        }
        for sort in [
            ConcordanceSort::Document,
            ConcordanceSort::Left,
            ConcordanceSort::Right,
        ] {
            let options = ConcordanceOptions {
                sort,
                ..ConcordanceOptions::default()
            };
            let lines = corpus.concordance(&query, &options).expect("a valid query");
            assert!(
                lines.work <= WORK_LIMIT + SLACK,
                "{name}: concordance ({sort:?}) did {} units of work",
                lines.work
            );
            assert!(lines.lines.len() <= options.limit, "{name}");
            // A query that occurs shows its first lines and collocates, however much finding
            // it cost.
            if sort == ConcordanceSort::Document && lines.total > 0 {
                assert!(!lines.lines.is_empty(), "{name}: {:?}", lines.notes);
                let near = corpus
                    .collocates(&query, &CollocateOptions::default())
                    .expect("a valid query");
                assert!(near.occurrences > 0, "{name}: {:?}", near.notes);
            }
        }
        let view = corpus
            .document("d000", &query)
            .expect("the document exists");
        assert!(!view.text.is_empty(), "{name}");
    }
}

#[test]
fn a_common_word_is_counted_exactly_but_only_the_lines_asked_for_are_cut() {
    let corpus = corpus();
    let the = corpus.index().term_id("the").expect("a common word");
    let occurrences = corpus.index().occurrences(the) as usize;
    assert!(occurrences > 10_000, "{occurrences}");
    let lines = corpus
        .concordance("the ", &ConcordanceOptions::default())
        .expect("a valid query");
    assert!(
        lines.complete && lines.notes.is_empty(),
        "{:?}",
        lines.notes
    );
    assert_eq!(lines.total, occurrences, "every occurrence counted");
    assert_eq!(lines.lines.len(), 1000, "the default limit");
    assert!(lines
        .lines
        .iter()
        .all(|l| l.matched.to_lowercase() == "the"));
    assert!(lines.work <= WORK_LIMIT, "{}", lines.work);
}

#[test]
fn a_sort_by_context_too_large_for_the_budget_says_how_much_it_sorted() {
    let corpus = corpus();
    let options = ConcordanceOptions {
        sort: ConcordanceSort::Right,
        ..ConcordanceOptions::default()
    };
    let lines = corpus.concordance("the ", &options).expect("a valid query");
    assert!(lines.complete, "the count is still exact");
    assert!(
        lines
            .notes
            .iter()
            .any(|n| n.starts_with("Sorted the first")),
        "{:?}",
        lines.notes
    );
    assert!(lines.work <= WORK_LIMIT + SLACK, "{}", lines.work);
}

#[test]
fn work_grows_at_most_linearly_with_the_length_of_the_query() {
    let corpus = corpus();
    let words: Vec<String> = (0..48)
        .map(|i| {
            let i = i * 37;
            format!("{}{}", SYLLABLES[i % 15], SYLLABLES[i / 15 % 15])
        })
        .collect();
    let alone: Vec<u64> = words
        .iter()
        .map(|w| search(&corpus, &format!("{w} OR the ")).work)
        .collect();
    for n in [2, 4, 8, 16, 32, 48] {
        let query = words[..n].join(" OR ") + " OR the ";
        let work = search(&corpus, &query).work;
        let sum: u64 = alone[..n].iter().sum();
        assert!(
            work <= 2 * sum + 10_000,
            "{n} words did {work} units against {sum} for each alone"
        );
    }
}

/// A typo in a corpus whose dictionary is large (200,000 made-up words, past the size where it
/// is walked as a trie) is still found, for a fraction of what comparing every term would
/// cost (an eighth of a unit a term).
#[test]
fn a_typo_is_found_in_a_large_dictionary_for_the_work_of_the_word() {
    let syllables = [
        "ka", "ro", "mi", "te", "lu", "sa", "no", "vi", "pe", "da", "gor", "shi",
    ];
    let mut words = Vec::with_capacity(200_000);
    let mut n: usize = 0;
    while words.len() < 200_000 {
        // Every number in base 12, five or six syllables: distinct words.
        let (mut rest, mut word) = (n + 12usize.pow(4), String::new());
        while rest > 0 {
            word.push_str(syllables[rest % 12]);
            rest /= 12;
        }
        words.push(word);
        n += 1;
    }
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for (d, chunk) in words.chunks(1_000).enumerate() {
        let mut text = chunk.join(" ");
        if d == 77 {
            text.push_str(" khamenei");
        }
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("w{d:03}"),
                    title: format!("Words {d}"),
                    source: "made up".into(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text,
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    let corpus = Corpus::from_bytes(&builder.finish().unwrap().to_bytes()).unwrap();
    for typed in ["khamenie ", "khaemnei ", "kamenei ", "khamene"] {
        let result = search(&corpus, typed);
        assert_eq!(ids(&result), ["w077"], "{typed}");
        assert!(result.notes.is_empty(), "{typed}: {:?}", result.notes);
        assert!(
            result.work < 200_000 / 8,
            "{typed}: {} units of work",
            result.work
        );
    }
}

/// Ranking two words of every document of a large corpus spends the whole budget; the first
/// hits still have their passages, and the answer says the others have none.
#[test]
fn the_first_hits_have_passages_when_ranking_spends_the_budget() {
    let corpus = short_notes(110_000, |d| format!("common frequent word{d}"));
    let result = search(&corpus, "common frequent");
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.starts_with("Passages are shown for the first results only")),
        "{:?}",
        result.notes
    );
    let with_passages = result
        .hits
        .iter()
        .take_while(|h| h.snippet.is_some())
        .count();
    assert!(
        with_passages >= PASSAGES_ALWAYS,
        "{with_passages} hits with passages"
    );
    assert!(result.hits[PASSAGES_ALWAYS..]
        .iter()
        .any(|h| h.snippet.is_none()));
}

/// `count` documents titled "Note N", the text of each `text(N)`.
fn short_notes(count: usize, text: impl Fn(usize) -> String) -> Corpus {
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let documents = (0..count)
        .map(|d| NewDocument {
            meta: DocumentMeta {
                id: format!("d{d}"),
                title: format!("Note {d}"),
                ..Default::default()
            },
            headings: Vec::new(),
            code: Vec::new(),
            text: text(d),
        })
        .collect();
    builder.add_all(documents).unwrap();
    Corpus::new(builder.finish().unwrap())
}

/// Searching further gives the checks of a call one more budget, whatever the number of
/// phrases: twelve phrases of common words, each in every one of 400 documents, asked to go
/// further, do at most twice a call's work (reading their words, then checking them) and go on
/// until every document was checked.
#[test]
fn searching_further_checks_many_phrases_within_one_more_budget() {
    let words = ["of", "north", "the", "river"];
    let text = format!("{} ", words.join(" ")).repeat(50);
    let corpus = short_notes(400, |_| text.clone());
    let phrases: Vec<String> = (2..=4)
        .flat_map(|length| {
            (0..4).map(move |from| {
                let phrase: Vec<&str> = (0..length).map(|i| words[(from + i) % 4]).collect();
                format!("\"{}\"", phrase.join(" "))
            })
        })
        .collect();
    let query = phrases.join(" ");
    let search = |further| {
        let options = SearchOptions {
            further,
            ..SearchOptions::default()
        };
        corpus.search(&query, &options).expect("a valid search")
    };
    let mut result = search(false);
    assert!(result.further, "{:?}", result.notes);
    let mut calls = 1;
    while result.further {
        result = search(true);
        calls += 1;
        assert!(
            result.work <= 2 * WORK_LIMIT + SLACK,
            "call {calls} did {} units of work",
            result.work
        );
        assert!(calls < 100, "each call checks more");
    }
    assert!(calls > 2, "{calls} calls");
    assert_eq!((result.total, result.complete), (400, true));
}

/// A word in so many documents that reading it spends the budget leaves its completions
/// unsearched, and the note says so in words, not as "its 0 most frequent completions".
#[test]
fn completions_left_out_by_a_word_that_spends_the_budget_are_named_plainly() {
    let corpus = short_notes(110_000, |d| format!("date dated{} note", d % 40));
    for query in ["date*", "date"] {
        let result = search(&corpus, query);
        assert_eq!(result.total, 110_000, "{query}");
        let note = result
            .notes
            .iter()
            .find(|n| n.contains("begin with"))
            .unwrap_or_else(|| panic!("{query}: {:?}", result.notes));
        assert_eq!(
            note,
            "Longer words that begin with \u{2018}date\u{2019} were not searched: the query asks for too much.",
            "{query}"
        );
        assert!(
            result.notes.iter().all(|n| !n.contains(" 0 ")),
            "{query}: {:?}",
            result.notes
        );
    }
}
