//! What the README promises about ranking, sorting and the concordance, each on a small corpus
//! made so that the promise decides the answer: without it the order or the count would be
//! another.

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::search::{ConcordanceOptions, ListOptions, Sort};
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument, SearchOptions, SearchResult};

/// One document: id, title, source, date and text.
type Doc<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, &'a str);

fn corpus(documents: &[Doc]) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for &(id, title, source, date, text) in documents {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: id.into(),
                    title: title.into(),
                    source: source.into(),
                    date: date.map(str::to_string),
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text: text.into(),
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    Corpus::from_bytes(&builder.finish().unwrap().to_bytes()).unwrap()
}

fn search(corpus: &Corpus, query: &str, sort: Sort) -> SearchResult {
    let options = SearchOptions {
        explain: true,
        sort,
        ..SearchOptions::default()
    };
    corpus.search(query, &options).unwrap()
}

fn ids(result: &SearchResult) -> Vec<&str> {
    result.hits.iter().map(|h| h.id.as_str()).collect()
}

fn score(result: &SearchResult, id: &str) -> f32 {
    result.hits.iter().find(|h| h.id == id).unwrap().score
}

/// Documents that hold none of the test's words, so that its words are not everywhere.
const OTHERS: [Doc<'static>; 3] = [
    (
        "x1",
        "Other",
        "s",
        None,
        "nothing of note is said here at any length today",
    ),
    (
        "x2",
        "Other",
        "s",
        None,
        "some more plain words that match no query of ours",
    ),
    (
        "x3",
        "Other",
        "s",
        None,
        "a third page of plain words for the corpus counts",
    ),
];

fn with_others<'a>(documents: &[Doc<'a>]) -> Vec<Doc<'a>> {
    documents.iter().chain(OTHERS.iter()).copied().collect()
}

#[test]
fn a_word_in_the_title_ranks_the_document_higher() {
    // The same text; only the second has the word in its title, and comes second otherwise.
    let text = "the river runs past the old mill and on to the sea";
    let corpus = corpus(&with_others(&[
        ("a", "Notes on a walk", "s", None, text),
        ("b", "The river", "s", None, text),
    ]));
    let result = search(&corpus, "river ", Sort::Relevance);
    assert_eq!(ids(&result), ["b", "a"]);
    assert!(score(&result, "b") > score(&result, "a") * 1.2);
    let explanation = result.hits[0].explanation.as_ref().unwrap();
    assert!(explanation.contributions[0].in_title);
}

#[test]
fn a_word_found_only_in_a_title_finds_the_document_and_is_highlighted_there() {
    let corpus = corpus(&with_others(&[
        (
            "plate",
            "Plate IV: the Harbour at Jaffa",
            "s",
            None,
            "boats at anchor, seen from the sea wall in the morning",
        ),
        (
            "mention",
            "Letters from the coast, 1890",
            "s",
            None,
            "we sailed from the harbour before dawn and saw jaffa",
        ),
    ]));
    // A word in the title counts as more than one in the text (BM25F).
    let result = search(&corpus, "jaffa", Sort::Relevance);
    assert_eq!(ids(&result), ["plate", "mention"]);
    let plate = &result.hits[0];
    let marked: Vec<&str> = plate
        .title_highlights
        .iter()
        .map(|&[start, end]| &plate.title[start as usize..end as usize])
        .collect();
    assert_eq!(marked, ["Jaffa"]);
    assert!(result.hits[1].title_highlights.is_empty());
    let contribution = &plate.explanation.as_ref().unwrap().contributions[0];
    assert!(contribution.in_title && contribution.tf == 0);
    // Every word: one in the title, one in the text.
    let result = search(&corpus, "harbour boats", Sort::Relevance);
    assert_eq!(result.every_word, 1);
    assert_eq!(result.hits[0].id, "plate");
    assert!(!result.hits[0].partial);
    let marked: Vec<[u32; 2]> = result.hits[0].title_highlights.clone();
    assert_eq!(marked.len(), 1, "{marked:?}");
}

#[test]
fn query_words_close_together_rank_the_document_higher() {
    // The same words as often, in documents as long; together in the second only.
    let corpus = corpus(&with_others(&[
        (
            "far",
            "One",
            "s",
            None,
            "alpha one two three four five six seven eight beta",
        ),
        (
            "near",
            "Two",
            "s",
            None,
            "one two three four five six seven eight alpha beta",
        ),
    ]));
    let result = search(&corpus, "alpha beta ", Sort::Relevance);
    assert_eq!(ids(&result), ["near", "far"]);
    assert!(score(&result, "near") > score(&result, "far") * 1.2);
    let near = result.hits[0].explanation.as_ref().unwrap();
    assert!(near.proximity > 1.4, "{near:?}");
}

#[test]
fn a_partial_match_of_a_short_query_is_weighed_by_the_share_it_holds_a_long_one_by_its_words() {
    // No document holds every word. "many" repeats two of them; "spread" holds three once
    // each.
    let filler = "zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed zed";
    let spread = format!("alpha beta gamma {filler} zed");
    let many = format!("alpha alpha alpha alpha beta beta beta beta {filler}");
    let corpus = corpus(&with_others(&[
        ("many", "One", "s", None, &many),
        ("spread", "Two", "s", None, &spread),
        ("other", "Three", "s", None, "delta and some words"),
        ("more", "Four", "s", None, "gamma and more words"),
    ]));
    // A long query: each document scores the sum of its words' scores, with proximity.
    let result = search(&corpus, "alpha beta gamma delta ", Sort::Relevance);
    for hit in &result.hits[..2] {
        let explanation = hit.explanation.as_ref().unwrap();
        assert!(hit.partial);
        assert_eq!(explanation.coverage, 1.0, "no weight for coverage");
        let sum: f32 = explanation.contributions.iter().map(|c| c.score).sum();
        assert!(
            (hit.score - sum * explanation.proximity).abs() < 1e-4,
            "{hit:?}"
        );
    }
    // A short one: a partial match weighed by the share of the query's weight it holds.
    let result = search(&corpus, "gamma delta ", Sort::Relevance);
    for hit in &result.hits {
        let explanation = hit.explanation.as_ref().unwrap();
        assert!(hit.partial && explanation.coverage < 1.0, "{hit:?}");
        let sum: f32 = explanation.contributions.iter().map(|c| c.score).sum();
        let expected = sum * explanation.coverage * explanation.proximity;
        assert!((hit.score - expected).abs() < 1e-4, "{hit:?}");
    }
}

#[test]
fn every_form_of_a_word_weighs_with_one_idf_so_the_word_itself_ranks_first() {
    // "protesting" is rare and "protest" common: with an idf of its own the rare form would
    // outweigh the word typed. One idf for the word keeps exact matches above other forms.
    let corpus = corpus(&with_others(&[
        ("form", "A", "s", None, "they were protesting in the square"),
        ("w1", "B", "s", None, "a protest in the square"),
        ("w2", "C", "s", None, "the protest went on"),
        ("w3", "D", "s", None, "one more protest today"),
        ("w4", "E", "s", None, "protest and counter protest"),
    ]));
    let result = search(&corpus, "protest ", Sort::Relevance);
    assert_eq!(result.hits.len(), 5);
    assert_eq!(result.hits[4].id, "form", "{:?}", ids(&result));
    let idfs: Vec<f32> = result
        .hits
        .iter()
        .map(|h| h.explanation.as_ref().unwrap().contributions[0].idf)
        .collect();
    assert!(idfs.windows(2).all(|w| w[0] == w[1]), "{idfs:?}");
}

#[test]
fn sorting_by_date_puts_the_newest_first_and_the_undated_last() {
    let corpus = corpus(&with_others(&[
        ("old", "A", "s", Some("2019-03-01"), "the river"),
        ("undated", "B", "s", None, "the river"),
        ("new", "C", "s", Some("2021-05"), "the river"),
        ("mid", "D", "s", Some("2020"), "the river"),
    ]));
    let result = search(&corpus, "river ", Sort::Date);
    assert_eq!(ids(&result), ["new", "mid", "old", "undated"]);
    let listed = corpus
        .list(&ListOptions {
            sort: Sort::Date,
            ..ListOptions::default()
        })
        .unwrap();
    let listed: Vec<&str> = listed.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(&listed[..3], ["new", "mid", "old"]);
}

#[test]
fn the_concordance_keeps_to_the_sources_and_the_limit_asked() {
    let corpus = corpus(&with_others(&[
        ("a", "A", "north", None, "river one, river two, river three"),
        ("b", "B", "south", None, "river four and river five"),
        ("c", "C", "east", None, "river six"),
    ]));
    let all = corpus
        .concordance("river ", &ConcordanceOptions::default())
        .unwrap();
    assert_eq!((all.total, all.lines.len()), (6, 6));

    let options = ConcordanceOptions {
        sources: Some(vec!["south".into(), "east".into()]),
        ..ConcordanceOptions::default()
    };
    let some = corpus.concordance("river ", &options).unwrap();
    assert_eq!(some.total, 3);
    assert!(some.lines.iter().all(|l| l.id == "b" || l.id == "c"));
    let documents: Vec<&str> = some.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(documents, ["b", "c"]);

    let options = ConcordanceOptions {
        limit: 2,
        ..ConcordanceOptions::default()
    };
    let limited = corpus.concordance("river ", &options).unwrap();
    assert_eq!(limited.lines.len(), 2);
    assert_eq!(
        limited.total, 6,
        "the count is of every occurrence, not of the lines"
    );
}

/// A question typed as a sentence: no document holds every word, yet every document that holds
/// some ranks, those covering the rare words first, and no share of the words is required.
#[test]
fn a_long_question_ranks_every_document_by_how_much_of_it_they_cover() {
    let corpus = corpus(&[
        (
            "q1",
            "One",
            "s",
            None,
            "the goldstone report on the war in gaza was debated",
        ),
        (
            "q2",
            "Two",
            "s",
            None,
            "a report on the weather was read aloud",
        ),
        ("q3", "Three", "s", None, "the leader spoke of gaza"),
        OTHERS[0],
        OTHERS[1],
        OTHERS[2],
    ]);
    let question = "what did the supreme leader say about the goldstone report on the war in gaza";
    let result = search(&corpus, question, Sort::Relevance);
    assert_eq!(result.every_word, 0);
    assert_eq!(ids(&result)[..3], ["q1", "q3", "q2"], "{:?}", ids(&result));
    assert!(result.hits.iter().all(|h| h.partial));
    // A short keyword query keeps every word first, and a floor of half its words.
    let short = search(&corpus, "gaza report ", Sort::Relevance);
    assert_eq!(short.every_word, 1);
    assert_eq!(ids(&short)[0], "q1");
    assert!(!short.hits[0].partial && short.hits[1..].iter().all(|h| h.partial));
}

#[test]
fn a_one_word_search_returns_the_best_scores_first_and_equal_scores_in_corpus_order() {
    // Texts of ten words, the word one to seven times, so that scores repeat; every fifth
    // document also holds a word a query excludes.
    let texts: Vec<(String, String)> = (0..60)
        .map(|i| {
            let times = i % 7 + 1;
            let mut words = vec!["harbour"; times];
            words.resize(9, "quay");
            words.push(if i % 5 == 0 { "gull" } else { "tide" });
            (format!("d{i:02}"), words.join(" "))
        })
        .collect();
    let documents: Vec<Doc> = texts
        .iter()
        .map(|(id, text)| (id.as_str(), "Port", "s", None, text.as_str()))
        .collect();
    let corpus = corpus(&with_others(&documents));
    for (query, kept) in [("harbour", 60), ("harbour -gull", 48)] {
        // Best first by the number of times the word occurs, equals in corpus order.
        let mut expected: Vec<(usize, &str)> = texts
            .iter()
            .enumerate()
            .filter(|(i, _)| !query.contains("-gull") || i % 5 != 0)
            .map(|(i, (id, _))| (i % 7, id.as_str()))
            .collect();
        assert_eq!(expected.len(), kept);
        expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let expected: Vec<&str> = expected.iter().map(|&(_, id)| id).collect();
        for limit in [1, 10, 25, 100] {
            let options = SearchOptions {
                limit,
                ..SearchOptions::default()
            };
            let result = corpus.search(query, &options).unwrap();
            assert_eq!(result.total, kept, "{query}");
            assert_eq!(
                ids(&result),
                expected[..limit.min(kept)],
                "{query}, {limit}"
            );
            let scores: Vec<f32> = result.hits.iter().map(|h| h.score).collect();
            assert!(scores.is_sorted_by(|a, b| a >= b), "{query}: {scores:?}");
        }
    }
}
