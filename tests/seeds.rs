//! The engine through its public API, on the five seed documents.

use std::path::Path;

use corpus_viewer::analyze::{fold, word_spans};
use corpus_viewer::search::{DocumentView, SearchHit};
use corpus_viewer::{folder, Corpus, IndexBuilder, SearchOptions, SearchResult};

fn seeds() -> Corpus {
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for document in folder::read_folder(&dir).expect("the seeds are readable") {
        builder.add(document).expect("seed ids are unique");
    }
    Corpus::new(builder.finish())
}

fn search(corpus: &Corpus, query: &str) -> SearchResult {
    corpus
        .search(query, &SearchOptions::default())
        .expect("a valid search")
}

fn ids(result: &SearchResult) -> Vec<&str> {
    result.hits.iter().map(|h| h.id.as_str()).collect()
}

fn slice16(text: &str, [start, end]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize])
        .expect("ranges never split a surrogate pair")
}

fn snippet_marks(hit: &SearchHit) -> Vec<String> {
    hit.snippet
        .highlights
        .iter()
        .map(|&r| slice16(&hit.snippet.text, r))
        .collect()
}

fn document_marks(view: &DocumentView) -> Vec<String> {
    view.highlights
        .iter()
        .map(|&r| slice16(&view.text, r))
        .collect()
}

#[test]
fn the_five_seeds_are_listed_with_title_source_and_length() {
    let corpus = seeds();
    let documents = corpus.documents();
    assert_eq!(documents.len(), 5);
    assert_eq!(documents[0].id, "000_affa959887515cda");
    assert_eq!(documents[0].source, "000_affa959887515cda.txt");
    assert_eq!(
        documents[2].title,
        "Leader Meets Leaders of Palestinian Resistance Groups"
    );
    assert_eq!(
        documents[4].title,
        "Iran: Khamenei reveals his fear of uprisings and MEK"
    );
    for document in &documents {
        let text = &corpus.index().document_by_id(&document.id).unwrap().1.text;
        assert_eq!(document.words as usize, word_spans(text).len());
        assert!(
            document.words > 400,
            "{}: {} words",
            document.id,
            document.words
        );
    }
}

#[test]
fn the_stored_text_is_the_file_unchanged() {
    let corpus = seeds();
    for document in corpus.index().documents() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(&document.source);
        assert_eq!(document.text, std::fs::read_to_string(path).unwrap());
    }
}

#[test]
fn goldstone_finds_the_one_document_that_names_it_with_a_highlighted_snippet() {
    let corpus = seeds();
    let result = search(&corpus, "goldstone");
    assert_eq!(ids(&result), ["002_d2f2c2910cba41fa"]);
    assert_eq!(result.total, 1);
    assert_eq!(snippet_marks(&result.hits[0]), ["Goldstone"]);
    assert!(!result.hits[0].partial);
}

#[test]
fn every_keystroke_of_goldstone_gives_results_that_contain_the_typed_prefix() {
    let corpus = seeds();
    let word = "goldstone";
    for end in 2..=word.len() {
        let typed = &word[..end];
        let result = search(&corpus, typed);
        for hit in &result.hits {
            for mark in snippet_marks(hit) {
                assert!(
                    fold(&mark).starts_with(typed) || typed.len() >= 5,
                    "{typed}: {mark}"
                );
            }
        }
    }
    assert_eq!(ids(&search(&corpus, "goldst")), ["002_d2f2c2910cba41fa"]);
}

#[test]
fn results_are_ranked_by_descending_score() {
    let corpus = seeds();
    let result = search(&corpus, "khamenei palestine ");
    assert!(result.hits.len() >= 3);
    assert!(result.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn the_reader_highlights_every_occurrence() {
    let corpus = seeds();
    let view = corpus
        .document("004_3f9cf636cd48761c", "Khamenei ")
        .unwrap();
    let marks = document_marks(&view);
    let occurrences = view.text.matches("Khamenei").count();
    assert_eq!(marks.len(), occurrences);
    assert!(
        marks.iter().all(|m| m == "Khamenei" || m == "Khamenei’s"),
        "{marks:?}"
    );
    assert!(
        view.highlights.windows(2).all(|w| w[0][1] <= w[1][0]),
        "sorted, disjoint"
    );
}

#[test]
fn an_unknown_document_id_is_a_clear_error() {
    let error = seeds().document("nope", "").unwrap_err().to_string();
    assert_eq!(error, "no document has the id \"nope\"");
}

#[test]
fn the_limit_is_checked_and_honoured() {
    let corpus = seeds();
    let one = corpus
        .search(
            "khamenei ",
            &SearchOptions {
                limit: 1,
                explain: false,
            },
        )
        .unwrap();
    assert_eq!((one.hits.len(), one.total), (1, 5));
    for limit in [0, 10_001] {
        let error = corpus
            .search(
                "x",
                &SearchOptions {
                    limit,
                    explain: false,
                },
            )
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("limit must be between 1 and 10000"),
            "{error}"
        );
    }
}

#[test]
fn hostile_and_odd_queries_give_results_or_nothing_never_a_panic() {
    let corpus = seeds();
    let long = "gaza ".repeat(2_000);
    let queries = [
        "",
        "   ",
        "\t\n",
        &long,
        "!!!...???",
        "😀😀😀",
        "👨‍👩‍👧",
        "\"",
        "\"gaza",
        "gaza\"",
        "\"\"\"",
        "-",
        "--",
        "- -",
        "OR",
        "OR OR",
        "-OR",
        "(",
        ")",
        "((gaza",
        "*",
        "**",
        "a*",
        "\u{0}",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "\u{FFFF}\u{10FFFF}",
        "-gaza",
        "-\"",
        "ـ",
        "\u{200C}",
        "é\u{301}",
        "İ",
        "ǅ",
    ];
    for query in queries {
        let result = corpus.search(query, &SearchOptions::default()).unwrap();
        assert!(result.hits.len() <= result.total);
        for hit in &result.hits {
            snippet_marks(hit);
            corpus.document(&hit.id, query).unwrap();
        }
    }
}

#[test]
fn an_index_read_back_from_bytes_answers_the_same() {
    let corpus = seeds();
    let again = Corpus::from_bytes(&corpus.index().to_bytes()).unwrap();
    for query in ["goldstone", "supreme leader", "gaza -mek"] {
        assert_eq!(search(&corpus, query), search(&again, query));
    }
}
