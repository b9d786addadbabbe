//! Corpus statistics against counts made by hand from the analyzed text: the vocabulary, term
//! counts of a part of the corpus gathered slice by slice, and collocates with their scores.

use std::collections::BTreeMap;

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::search::{
    log_likelihood, CollocateOptions, PhraseOptions, Phrases, TermCountsOptions, VocabularyOptions,
    SLICE_WORK,
};
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument};

fn corpus(documents: &[(&str, &str)]) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for (i, (source, text)) in documents.iter().enumerate() {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("Document {i}"),
                    source: source.to_string(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text: text.to_string(),
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    Corpus::from_bytes(&builder.finish().unwrap().to_bytes()).unwrap()
}

/// `[term, count, documents]` of the texts, counted from the analyzer's tokens.
fn by_hand(texts: &[&str]) -> Vec<(String, u32, u32)> {
    let analyzer = Analyzer::new();
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for text in texts {
        let mut own: BTreeMap<String, u32> = BTreeMap::new();
        for token in analyzer.tokens(text) {
            *own.entry(token.term).or_default() += 1;
        }
        for (term, n) in own {
            let entry = counts.entry(term).or_default();
            entry.0 += n;
            entry.1 += 1;
        }
    }
    counts.into_iter().map(|(t, (c, d))| (t, c, d)).collect()
}

/// Every slice of `term_counts`, merged.
fn gathered(
    corpus: &Corpus,
    options: TermCountsOptions,
) -> (Vec<(String, u32, u32)>, usize, usize) {
    let mut merged: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut from = 0;
    let mut slices = 0;
    let mut documents = 0;
    loop {
        let slice = corpus
            .term_counts(&TermCountsOptions {
                from,
                ..options.clone()
            })
            .unwrap();
        slices += 1;
        documents += slice.documents.len();
        // The small corpora here are found whole, whatever the query.
        assert!(
            slice.complete && slice.notes.is_empty(),
            "{:?}",
            slice.notes
        );
        for (term, count, docs) in slice.terms {
            let entry = merged.entry(term).or_default();
            entry.0 += count;
            entry.1 += docs;
        }
        match slice.next {
            Some(next) => {
                assert!(next > from, "every slice moves on");
                from = next;
            }
            None => break,
        }
    }
    let rows = merged.into_iter().map(|(t, (c, d))| (t, c, d)).collect();
    (rows, slices, documents)
}

const TEXTS: [(&str, &str); 4] = [
    (
        "a",
        "Aid reached Gaza. The aid convoy waited; aid workers spoke.",
    ),
    (
        "b",
        "Gaza aid was blocked, and aid groups protested in Gaza.",
    ),
    ("a", "The weather was fine and the market was busy."),
    ("b", "Iran's leader spoke of Gaza; Iranian papers agreed."),
];

#[test]
fn the_vocabulary_is_every_term_with_its_counts_page_by_page() {
    let corpus = corpus(&TEXTS);
    let texts: Vec<&str> = TEXTS.iter().map(|(_, t)| *t).collect();
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = corpus
            .vocabulary(&VocabularyOptions { offset, limit: 7 })
            .unwrap();
        if page.terms.is_empty() {
            break;
        }
        offset += page.terms.len();
        paged.extend(page.terms);
    }
    assert_eq!(paged, by_hand(&texts));
    assert!(corpus
        .vocabulary(&VocabularyOptions {
            offset: 0,
            limit: 0
        })
        .is_err());
}

#[test]
fn term_counts_of_a_source_or_a_query_are_those_of_its_documents() {
    let corpus = corpus(&TEXTS);
    let (rows, _, documents) = gathered(&corpus, TermCountsOptions::default());
    assert_eq!(documents, 4);
    assert_eq!(rows, by_hand(&TEXTS.map(|(_, t)| t)));
    let (rows, _, _) = gathered(
        &corpus,
        TermCountsOptions {
            sources: Some(vec!["a".into()]),
            ..TermCountsOptions::default()
        },
    );
    assert_eq!(rows, by_hand(&[TEXTS[0].1, TEXTS[2].1]));
    let (rows, _, documents) = gathered(
        &corpus,
        TermCountsOptions {
            query: Some("gaza -protested".into()),
            ..TermCountsOptions::default()
        },
    );
    assert_eq!(documents, 2);
    assert_eq!(rows, by_hand(&[TEXTS[0].1, TEXTS[3].1]));
}

#[test]
fn a_large_part_of_the_corpus_is_counted_in_several_slices_that_add_up() {
    let words = (SLICE_WORK / 2) as usize;
    let long: Vec<String> = (0..3)
        .map(|d| {
            (0..words)
                .map(|i| format!("w{}", (i * 7 + d) % 1000))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let documents: Vec<(&str, &str)> = long.iter().map(|t| ("s", t.as_str())).collect();
    let corpus = corpus(&documents);
    let (rows, slices, counted) = gathered(&corpus, TermCountsOptions::default());
    assert!(slices >= 2, "{slices} slices");
    assert_eq!(counted, 3);
    let texts: Vec<&str> = long.iter().map(String::as_str).collect();
    assert_eq!(rows, by_hand(&texts));
}

#[test]
fn collocates_are_the_words_near_the_query_scored_against_the_corpus() {
    let corpus = corpus(&TEXTS);
    let result = corpus
        .collocates(
            "gaza",
            &CollocateOptions {
                window: 2,
                min_count: 1,
                ..CollocateOptions::default()
            },
        )
        .unwrap();
    assert_eq!(result.occurrences, 4);
    assert!(result.complete);
    let aid = result
        .collocates
        .iter()
        .find(|c| c.term == "aid")
        .expect("aid stands near gaza");
    // Within two words of gaza: "aid reached [gaza]. the aid", "[gaza] aid was": aid three
    // times, not the "aid" of "and aid groups protested in [gaza]".
    assert_eq!(aid.together, 3);
    assert_eq!(aid.count, 5);
    assert!(
        result.collocates.iter().all(|c| c.term != "gaza"),
        "not its own collocate"
    );
    assert!(
        result.collocates.iter().all(|c| c.term != "weather"),
        "too far away"
    );
    let corpus_words = 10 + 10 + 9 + 8;
    let expected = log_likelihood(
        3.0,
        result.window_words as f64,
        2.0,
        (corpus_words - result.window_words) as f64,
    );
    assert!((aid.log_likelihood - expected).abs() < 1e-9);
    assert!(corpus
        .collocates(
            "gaza",
            &CollocateOptions {
                window: 0,
                ..CollocateOptions::default()
            }
        )
        .is_err());
}

#[test]
fn log_likelihood_is_dunnings_g2() {
    assert!((log_likelihood(10.0, 100.0, 10.0, 1000.0) - 22.138_221_829_656_096).abs() < 1e-9);
    assert_eq!(
        log_likelihood(1.0, 100.0, 10.0, 1000.0).max(0.0),
        log_likelihood(1.0, 100.0, 10.0, 1000.0)
    );
    assert_eq!(log_likelihood(0.0, 0.0, 0.0, 0.0), 0.0);
}

#[test]
fn frequent_phrases_are_counted_in_the_documents_kept() {
    let corpus = corpus(&[
        (
            "a",
            "The supreme leader spoke. The supreme leader of the revolution spoke again.",
        ),
        (
            "b",
            "A supreme leader is named; of the people, by the people.",
        ),
        ("a", "Nothing in common here at all."),
    ]);
    let all = corpus.phrases(&PhraseOptions::default()).unwrap();
    assert_eq!((all.documents, all.of), (3, 3));
    let find =
        |phrases: &Phrases, text: &str| phrases.phrases.iter().find(|p| p.text == text).cloned();
    let leader = find(&all, "supreme leader").unwrap();
    assert_eq!((leader.count, leader.documents, leader.words), (3, 2, 2));
    assert_eq!(find(&all, "the supreme leader").unwrap().count, 2);
    assert!(
        find(&all, "of the").is_none(),
        "common words alone are no phrase"
    );
    assert!(
        find(&all, "the people").is_some(),
        "a phrase may hold common words"
    );
    assert!(all.phrases.iter().all(|p| p.count >= 2));
    let counts: Vec<u32> = all.phrases.iter().map(|p| p.count).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most frequent first"
    );

    let part = corpus
        .phrases(&PhraseOptions {
            sources: Some(vec!["a".into()]),
            ..PhraseOptions::default()
        })
        .unwrap();
    assert_eq!(find(&part, "supreme leader").unwrap().count, 2);
    let one = corpus
        .term_counts(&TermCountsOptions {
            ids: Some(vec!["d1".into()]),
            ..TermCountsOptions::default()
        })
        .unwrap();
    assert_eq!(one.documents.len(), 1);
    let counted = &one.documents[0].document;
    assert_eq!(counted.meta.id, "d1");
    assert_eq!(
        Some(counted),
        corpus.document_info("d1").unwrap().as_ref(),
        "a document's counts come with what it is"
    );
}

#[test]
fn a_word_in_most_titles_leaves_slices_phrases_and_collocates_their_budget_for_reading() {
    // Finding `the` in 160,000 titles costs more than a call's whole budget.
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for i in 0..160_000 {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("The note {i}"),
                    source: "s".into(),
                    ..DocumentMeta::default()
                },
                text: format!("The cat sat on the mat, said note {i}."),
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    let corpus = Corpus::from_bytes(&builder.finish().unwrap().to_bytes()).unwrap();
    let options = TermCountsOptions {
        query: Some("the".into()),
        ..TermCountsOptions::default()
    };
    let first = corpus.term_counts(&options).unwrap();
    assert!(first.documents.len() > 100, "{}", first.documents.len());
    let next = first.next.expect("more than one slice");
    // The next slice, its documents found once for both.
    let second = corpus
        .term_counts(&TermCountsOptions {
            from: next,
            ..options.clone()
        })
        .unwrap();
    assert_eq!(second.documents.len(), first.documents.len());
    let cat = |slice: &corpus_viewer::search::TermCounts| {
        slice
            .terms
            .iter()
            .find(|row| row.0 == "cat")
            .map(|row| row.1)
    };
    assert_eq!(cat(&first), Some(first.documents.len() as u32));
    let phrases = corpus
        .phrases(&PhraseOptions {
            query: Some("the".into()),
            ..PhraseOptions::default()
        })
        .unwrap();
    assert!(phrases.documents > 100, "{}", phrases.documents);
    assert_eq!(phrases.of, 160_000);
    let near = corpus
        .collocates("the", &CollocateOptions::default())
        .unwrap();
    assert!(
        near.occurrences >= 500,
        "{} {:?}",
        near.occurrences,
        near.notes
    );
    assert!(near.collocates.iter().any(|c| c.term == "cat"));
}
