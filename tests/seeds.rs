//! The engine through its public API, on the five seed documents.

use std::path::Path;

use corpus_viewer::analyze::{fold, word_spans};
use corpus_viewer::search::{DocumentView, SearchHit};
use corpus_viewer::{folder, Corpus, IndexBuilder, SearchOptions, SearchResult};

fn seeds() -> Corpus {
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let report = folder::read_folder(&dir).expect("the seeds are readable");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    builder.set_title(report.title);
    for document in report.documents {
        builder.add(document).expect("seed ids are unique");
    }
    // Through bytes, as a page opens it: every text is inflated when first read.
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

fn slice16(text: &str, [start, end]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize])
        .expect("ranges never split a surrogate pair")
}

fn snippet_marks(hit: &SearchHit) -> Vec<String> {
    let snippet = hit.snippet.as_ref().expect("a snippet by default");
    snippet
        .highlights
        .iter()
        .map(|&r| slice16(&snippet.text, r))
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
    let documents = corpus.documents().unwrap();
    assert_eq!(documents.len(), 5);
    assert_eq!(documents[0].meta.id, "000_affa959887515cda");
    assert_eq!(
        documents[0].meta.source, "mojahedin",
        "from seeds/corpus.toml"
    );
    assert_eq!(
        documents[1].meta.source, "seeds",
        "no manifest entry: the folder's own name"
    );
    assert_eq!(documents[4].meta.date.as_deref(), Some("2020-11-04"));
    assert_eq!(
        documents[2].meta.title,
        "Leader Meets Leaders of Palestinian Resistance Groups"
    );
    assert_eq!(
        documents[4].meta.title,
        "Iran: Khamenei reveals his fear of uprisings and MEK"
    );
    for document in &documents {
        let (doc, _) = corpus.index().document_by_id(&document.meta.id).unwrap();
        let text = corpus.index().text(doc).unwrap();
        assert_eq!(document.words as usize, word_spans(text).len());
        assert!(
            document.words > 400,
            "{}: {} words",
            document.meta.id,
            document.words
        );
    }
}

#[test]
fn the_stored_text_is_the_file_unchanged() {
    let corpus = seeds();
    let from_bytes = Corpus::from_bytes(&corpus.index().to_bytes()).unwrap();
    for (doc, document) in corpus.index().documents().iter().enumerate() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .join(format!("{}.txt", document.meta.id));
        let file = std::fs::read_to_string(path).unwrap();
        assert_eq!(corpus.index().text(doc as u32).unwrap(), file);
        assert_eq!(
            from_bytes.index().text(doc as u32).unwrap(),
            file,
            "inflated"
        );
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
                ..SearchOptions::default()
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
                    ..SearchOptions::default()
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

/// A named search on the seeds: the documents that must match completely (in any order), and
/// the words every highlight in the first of them must be (folded).
struct Case {
    name: &'static str,
    query: &'static str,
    complete: &'static [&'static str],
    marks: &'static [&'static str],
}

const D000: &str = "000_affa959887515cda";
const D001: &str = "001_087f76499c431c13";
const D002: &str = "002_d2f2c2910cba41fa";
const D003: &str = "003_7bf636c70ad690dd";
const D004: &str = "004_3f9cf636cd48761c";

/// Searches drawn from the seeds, kept as regressions.
const REGRESSIONS: &[Case] = &[
    Case {
        name: "diacritics fold",
        query: "Ayatolláh ",
        complete: &[D001, D002],
        marks: &["ayatollah"],
    },
    Case {
        name: "straight apostrophe finds curly possessive",
        query: "Khamenei's ",
        complete: &[D000, D001, D002, D003, D004],
        marks: &["khamenei"],
    },
    Case {
        name: "slash compound as a whole",
        query: "PMOI/MEK ",
        complete: &[D000, D004],
        marks: &["pmoi", "mek"],
    },
    Case {
        name: "slash compound by part",
        query: "pmoi ",
        complete: &[D000, D004],
        marks: &["pmoi"],
    },
    Case {
        name: "hyphenated number",
        query: "22-day ",
        complete: &[D002],
        marks: &["22", "day"],
    },
    Case {
        name: "hyphenated name",
        query: "Al-Arab ",
        complete: &[D000],
        marks: &["al", "arab"],
    },
    Case {
        name: "number with separator",
        query: "1,500 ",
        complete: &[D004],
        marks: &["1,500"],
    },
    Case {
        name: "stemming",
        query: "protesting ",
        complete: &[D004, D001, D003],
        marks: &["protests", "protesters"],
    },
    Case {
        name: "misspelled name",
        query: "Khamanei ",
        complete: &[D000, D001, D002, D003, D004],
        marks: &["khamenei"],
    },
    Case {
        name: "transposed letters",
        query: "Palestnie ",
        complete: &[D000, D001, D002],
        marks: &["palestine"],
    },
    Case {
        name: "or",
        query: "goldstone OR basij ",
        complete: &[D002, D000, D004],
        marks: &["goldstone"],
    },
    Case {
        name: "exclusion",
        query: "khamenei -mek ",
        complete: &[D001, D002, D003],
        marks: &["khamenei"],
    },
    Case {
        name: "excluded phrase",
        query: "khamenei -\"supreme leader\" ",
        complete: &[D001, D002, D003],
        marks: &["khamenei"],
    },
    Case {
        name: "prefix while typing",
        query: "goldst",
        complete: &[D002],
        marks: &["goldstone"],
    },
    Case {
        name: "explicit prefix",
        query: "uprising* ",
        complete: &[D004, D000],
        marks: &["uprisings", "uprising"],
    },
];

#[test]
fn regressions() {
    let corpus = seeds();
    for case in REGRESSIONS {
        let result = search(&corpus, case.query);
        let mut complete: Vec<&str> = result
            .hits
            .iter()
            .filter(|h| !h.partial)
            .map(|h| h.id.as_str())
            .collect();
        let mut expected = case.complete.to_vec();
        complete.sort();
        expected.sort();
        assert_eq!(complete, expected, "{}: {:?}", case.name, case.query);
        let view = corpus.document(case.complete[0], case.query).unwrap();
        let mut marks: Vec<String> = document_marks(&view).iter().map(|m| fold(m)).collect();
        marks.sort();
        marks.dedup();
        let mut wanted: Vec<String> = case.marks.iter().map(|m| m.to_string()).collect();
        wanted.sort();
        assert_eq!(
            marks, wanted,
            "{}: {:?} highlights in {}",
            case.name, case.query, case.complete[0]
        );
    }
}

#[test]
fn a_phrase_highlights_only_its_occurrences() {
    let corpus = seeds();
    let result = search(&corpus, "\"supreme leader\" ");
    let mut found = ids(&result);
    found.sort();
    assert_eq!(found, [D000, D004]);
    let view = corpus.document(D004, "\"supreme leader\" ").unwrap();
    let marks = document_marks(&view);
    let lowered = view.text.to_lowercase();
    assert_eq!(marks.len(), 2 * lowered.matches("supreme leader").count());
    assert!(marks
        .chunks(2)
        .all(|pair| pair[0].to_lowercase() == "supreme" && pair[1].to_lowercase() == "leader"));
    // A document with "leader" but not the phrase has nothing marked.
    let elsewhere = corpus.document(D001, "\"supreme leader\" ").unwrap();
    assert!(elsewhere.text.contains("leader"));
    assert!(elsewhere.highlights.is_empty());
}

#[test]
fn a_question_in_plain_language_gets_ranked_partial_answers() {
    let corpus = seeds();
    let result = search(&corpus, "what did khamenei say about the goldstone report");
    assert!(!result.hits.is_empty());
    assert_eq!(
        result.hits[0].id, D002,
        "the one document naming Goldstone comes first"
    );
    for hit in &result.hits {
        assert_eq!(hit.partial, !hit.missing.is_empty());
    }
    let partial: Vec<&SearchHit> = result.hits.iter().filter(|h| h.partial).collect();
    assert!(!partial.is_empty());
    assert!(partial
        .iter()
        .any(|h| h.missing.contains(&"goldstone".to_string())));
    let first_partial = result.hits.iter().position(|h| h.partial).unwrap();
    assert!(
        result.hits[first_partial..].iter().all(|h| h.partial),
        "complete matches come first"
    );
    // A long question: the document where "Goldstone report" stands together comes first,
    // though another holds more of the other words.
    let result = search(
        &corpus,
        "what did the supreme leader say about the Goldstone report on the war in Gaza",
    );
    assert_eq!(result.hits[0].id, D002, "{:?}", result.hits);
}

#[test]
fn nothing_matched_offers_the_closest_corpus_terms() {
    let corpus = seeds();
    let result = search(&corpus, "gazzzza ");
    assert_eq!(result.total, 0);
    assert!(
        result.suggestions.contains(&"gaza".to_string()),
        "{:?}",
        result.suggestions
    );
    let result = search(&corpus, "iran gazzzza ");
    assert!(
        result.suggestions.contains(&"iran gaza".to_string()),
        "{:?}",
        result.suggestions
    );
    assert!(search(&corpus, "goldstone ").suggestions.is_empty());
    assert_eq!(
        search(&corpus, "khameini ").suggestions,
        ["khamenei"],
        "only the closest"
    );
}

#[test]
fn exact_matches_rank_above_stems_and_the_breakdown_says_so() {
    let corpus = seeds();
    let options = SearchOptions {
        explain: true,
        ..SearchOptions::default()
    };
    let result = corpus.search("protests ", &options).unwrap();
    let kind_in = |id: &str| {
        let hit = result.hits.iter().find(|h| h.id == id).unwrap();
        let explanation = hit.explanation.as_ref().unwrap();
        assert!((explanation.score - hit.score).abs() < 1e-6);
        explanation.contributions[0].kind
    };
    use corpus_viewer::score::MatchKind;
    assert_eq!(kind_in(D004), MatchKind::Exact);
    assert_eq!(result.hits[0].id, D004);
    // Without explain, no breakdown travels.
    assert!(search(&corpus, "protests ").hits[0].explanation.is_none());
}

#[test]
fn sources_filter_and_sorts_order_the_hits() {
    use corpus_viewer::search::Sort;
    let corpus = seeds();
    let only = |sources: &[&str]| SearchOptions {
        sources: Some(sources.iter().map(|s| s.to_string()).collect()),
        ..SearchOptions::default()
    };
    let filtered = corpus
        .search("khamenei ", &only(&["mojahedin", "PMOI/MEK"]))
        .unwrap();
    let mut found = ids(&filtered);
    found.sort();
    assert_eq!((found, filtered.total), (vec![D000, D004], 2));
    assert_eq!(corpus.search("khamenei ", &only(&[])).unwrap().total, 0);

    let by = |sort| SearchOptions {
        sort,
        ..SearchOptions::default()
    };
    let dated = corpus.search("khamenei ", &by(Sort::Date)).unwrap();
    assert_eq!(dated.hits[0].id, D004, "the one dated document first");
    let titled = corpus.search("khamenei ", &by(Sort::Title)).unwrap();
    let titles: Vec<String> = titled.hits.iter().map(|h| h.title.to_lowercase()).collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
    // Exclusions alone list every other document, in the order asked.
    let without = corpus.search("-goldstone", &by(Sort::Title)).unwrap();
    assert_eq!(without.total, 4);
    assert!(!ids(&without).contains(&D002));
}

#[test]
fn the_concordance_lists_every_occurrence_in_context() {
    use corpus_viewer::search::{ConcordanceOptions, ConcordanceSort};
    let corpus = seeds();
    let all = corpus
        .concordance("\"supreme leader\" ", &ConcordanceOptions::default())
        .unwrap();
    assert_eq!(all.total, 4, "once in 000, three times in 004");
    assert!(all
        .lines
        .iter()
        .all(|l| l.matched.to_lowercase() == "supreme leader"));
    let per_doc: Vec<(&str, usize)> = all
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.positions.len()))
        .collect();
    assert_eq!(per_doc, [(D000, 1), (D004, 3)]);
    for line in &all.lines {
        let text = corpus.document(&line.id, "").unwrap().text;
        assert_eq!(slice16(&text, line.range), line.matched);
        assert!(line.left.chars().count() <= 60 && line.right.chars().count() <= 60);
    }

    let by = |sort| ConcordanceOptions {
        sort,
        ..ConcordanceOptions::default()
    };
    let right = corpus
        .concordance("khamenei ", &by(ConcordanceSort::Right))
        .unwrap();
    let keys: Vec<String> = right
        .lines
        .iter()
        .map(|l| {
            let first = word_spans(&l.right).into_iter().next().unwrap_or(0..0);
            fold(&l.right[first])
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "sorted by the word after the match, punctuation aside: {keys:?}"
    );
    let left = corpus
        .concordance("khamenei ", &by(ConcordanceSort::Left))
        .unwrap();
    let keys: Vec<String> = left
        .lines
        .iter()
        .map(|l| {
            let last = word_spans(&l.left).into_iter().last().unwrap_or(0..0);
            fold(&l.left[last])
        })
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "sorted by the word before the match, punctuation aside: {keys:?}"
    );
    assert_eq!(left.total, right.total);

    let bad = ConcordanceOptions {
        context: 5,
        ..ConcordanceOptions::default()
    };
    assert!(corpus
        .concordance("x", &bad)
        .unwrap_err()
        .to_string()
        .contains("context must be between 10 and 500"));
}

#[test]
fn the_overview_counts_the_corpus() {
    let corpus = seeds();
    let overview = corpus.overview();
    assert_eq!(overview.documents, 5);
    let words: u64 = corpus
        .documents()
        .unwrap()
        .iter()
        .map(|d| d.words as u64)
        .sum();
    assert_eq!(overview.words, words);
    assert_eq!(overview.terms, corpus.index().terms().len());
    assert_eq!(
        overview.sources.iter().map(|s| s.documents).sum::<usize>(),
        5
    );
    let top: Vec<&str> = overview.top_terms.iter().map(|t| t.term.as_str()).collect();
    assert!(
        top.contains(&"khamenei") && top.contains(&"regime"),
        "{top:?}"
    );
    assert!(!top.contains(&"the"));
    assert!(overview
        .top_terms
        .windows(2)
        .all(|w| w[0].count >= w[1].count));

    // The same as sorting every content word by count, then alphabetically.
    let index = corpus.index();
    let mut all: Vec<(u32, &str)> = (0..index.terms().len() as u32)
        .map(|t| (index.occurrences(t), index.term(t)))
        .filter(|&(_, term)| {
            !corpus_viewer::analyze::is_stopword(term)
                && term.chars().any(char::is_alphabetic)
                && term.chars().count() > 1
        })
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let expected: Vec<(u32, &str)> = all.into_iter().take(overview.top_terms.len()).collect();
    let got: Vec<(u32, &str)> = overview
        .top_terms
        .iter()
        .map(|t| (t.count, t.term.as_str()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn documents_can_be_listed_by_source_and_in_order() {
    use corpus_viewer::search::{ListOptions, Sort};
    let corpus = seeds();
    let all = corpus.list(&ListOptions::default()).unwrap();
    assert_eq!(all, corpus.documents().unwrap(), "corpus order by default");
    let by_title = corpus
        .list(&ListOptions {
            sort: Sort::Title,
            ..ListOptions::default()
        })
        .unwrap();
    let titles: Vec<String> = by_title
        .iter()
        .map(|d| d.meta.title.to_lowercase())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
    let by_date = corpus
        .list(&ListOptions {
            sort: Sort::Date,
            ..ListOptions::default()
        })
        .unwrap();
    assert_eq!(by_date[0].meta.id, D004, "the one dated document first");
    let some = corpus
        .list(&ListOptions {
            sources: Some(vec!["iranintl".into(), "mojahedin".into()]),
            ..ListOptions::default()
        })
        .unwrap();
    let ids: Vec<&str> = some.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, [D000, D003]);
}

#[test]
fn a_search_without_snippets_returns_the_same_hits_without_passages() {
    let corpus = seeds();
    let without = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    for query in ["khamenei ", "supreme leader", "-goldstone", "gazzzza "] {
        let full = search(&corpus, query);
        let bare = corpus.search(query, &without).unwrap();
        assert_eq!(ids(&bare), ids(&full), "{query}");
        assert_eq!(
            (bare.total, &bare.suggestions),
            (full.total, &full.suggestions)
        );
        assert!(bare.hits.iter().all(|h| h.snippet.is_none()));
        assert!(full.hits.iter().all(|h| h.snippet.is_some()));
    }
}

#[test]
fn damaged_postings_are_an_error_of_every_call_that_reads_them() {
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    builder
        .add_all(folder::read_folder(&dir).unwrap().documents)
        .unwrap();
    let mut bytes = builder.finish().unwrap().to_bytes();
    // The postings part's first bytes garbled: the index opens; calls that read those
    // postings (the terms at the start of the dictionary, "1", "10" …) say it is damaged.
    let parts = corpus_viewer::index::parts(&bytes).unwrap();
    let start = bytes.len() - parts.texts.len() - parts.positions.len() - parts.postings.len();
    bytes[start..start + 16].fill(0xFF);
    let corpus = Corpus::from_bytes(&bytes).expect("the core is intact");
    let damaged = |result: Result<String, corpus_viewer::Error>| match result {
        Err(e) => assert!(e.to_string().contains("postings cannot be read"), "{e}"),
        Ok(answer) => panic!("damage went unnoticed: {answer}"),
    };
    let options = SearchOptions::default();
    let term = "1";
    damaged(corpus.search(term, &options).map(|r| format!("{r:?}")));
    damaged(
        corpus
            .concordance(term, &Default::default())
            .map(|r| format!("{r:?}")),
    );
    let id = corpus.list(&Default::default()).unwrap()[0].meta.id.clone();
    damaged(corpus.document(&id, term).map(|r| format!("{r:?}")));
    // Without a query, the document reads no postings.
    assert!(corpus.document(&id, "").is_ok());
}

#[test]
fn a_search_counts_its_documents_by_source_as_if_no_source_were_chosen() {
    let corpus = seeds();
    let all = corpus
        .search("khamenei", &SearchOptions::default())
        .unwrap();
    let counted: usize = all.sources.iter().map(|s| s.documents).sum();
    assert_eq!(counted, all.total);
    assert!(all.sources.len() >= 2, "{:?}", all.sources);
    assert!(all
        .sources
        .windows(2)
        .all(|pair| pair[0].documents >= pair[1].documents));

    let chosen = all.sources[1].source.clone();
    let options = SearchOptions {
        sources: Some(vec![chosen.clone()]),
        ..SearchOptions::default()
    };
    let filtered = corpus.search("khamenei", &options).unwrap();
    assert_eq!(
        filtered.sources, all.sources,
        "the counts ignore the choice"
    );
    assert_eq!(filtered.total, all.sources[1].documents);
    assert!(filtered.hits.iter().all(|hit| hit.source == chosen));

    // The empty query matches nothing; left-out documents are not counted, and with no
    // words but an exclusion, every other document is.
    let empty = corpus.search("", &SearchOptions::default()).unwrap();
    assert!(empty.sources.is_empty());
    let without = corpus
        .search("-khamenei", &SearchOptions::default())
        .unwrap();
    let left: usize = without.sources.iter().map(|s| s.documents).sum();
    assert_eq!(left, corpus.index().documents().len() - all.total);
}
