//! The ranking's parameters measured on judged topics: nDCG@10 and MAP of the engine over
//! `bench/relevance/brown.json` (see `bench/relevance.mjs`, whose metrics these are) for the
//! defaults and for each parameter moved alone, so a default is kept only where moving it
//! loses.
//!
//! ```sh
//! node bench/corpus.mjs /tmp/brown 1
//! cargo bench --bench tune                       # reads /tmp/brown
//! CORPUS_VIEWER_BENCH_CORPUS=DIR CORPUS_VIEWER_BENCH_JUDGEMENTS=FILE cargo bench --bench tune
//! ```

use std::collections::HashMap;
use std::path::PathBuf;

use corpus_viewer::folder::read_folder;
use corpus_viewer::score::Ranking;
use corpus_viewer::{Corpus, Index, IndexBuilder, SearchOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Judged {
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
struct Topic {
    query: String,
    #[serde(default)]
    judgements: HashMap<String, u32>,
}

/// nDCG@10 of a ranking: gain the grade, log2 discount, ideal from every judged document.
fn ndcg(ranking: &[String], judgements: &HashMap<String, u32>) -> f64 {
    let dcg = |grades: &mut dyn Iterator<Item = u32>| -> f64 {
        grades
            .take(10)
            .enumerate()
            .map(|(i, g)| f64::from(g) / ((i + 2) as f64).log2())
            .sum()
    };
    let mut ideal: Vec<u32> = judgements.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ideal = dcg(&mut ideal.into_iter());
    let got = dcg(&mut ranking
        .iter()
        .map(|id| judgements.get(id).copied().unwrap_or(0)));
    if ideal > 0.0 {
        got / ideal
    } else {
        0.0
    }
}

/// Average precision (relevant: grade ≥ 1).
fn average_precision(ranking: &[String], judgements: &HashMap<String, u32>) -> f64 {
    let relevant = judgements.values().filter(|&&g| g >= 1).count();
    let mut found = 0;
    let mut sum = 0.0;
    for (i, id) in ranking.iter().enumerate() {
        if judgements.get(id).copied().unwrap_or(0) >= 1 {
            found += 1;
            sum += found as f64 / (i + 1) as f64;
        }
    }
    if relevant > 0 {
        sum / relevant as f64
    } else {
        0.0
    }
}

/// Mean nDCG@10 and MAP over the topics, and nDCG@10 of the questions (more than 4 words).
fn measure(corpus: &Corpus, topics: &[Topic]) -> (f64, f64, f64) {
    let options = SearchOptions {
        limit: 100,
        snippets: false,
        ..SearchOptions::default()
    };
    let (mut ndcg_sum, mut ap_sum, mut questions, mut question_sum) = (0.0, 0.0, 0, 0.0);
    for topic in topics {
        let result = corpus
            .search(&format!("{} ", topic.query), &options)
            .unwrap();
        let ranking: Vec<String> = result.hits.into_iter().map(|h| h.id).collect();
        let n = ndcg(&ranking, &topic.judgements);
        ndcg_sum += n;
        ap_sum += average_precision(&ranking, &topic.judgements);
        if topic.query.split_whitespace().count() > 4 {
            questions += 1;
            question_sum += n;
        }
    }
    let count = topics.len() as f64;
    (
        ndcg_sum / count,
        ap_sum / count,
        question_sum / questions.max(1) as f64,
    )
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus_dir = std::env::var_os("CORPUS_VIEWER_BENCH_CORPUS")
        .map_or_else(|| PathBuf::from("/tmp/brown"), PathBuf::from);
    let judgements = std::env::var_os("CORPUS_VIEWER_BENCH_JUDGEMENTS")
        .map_or_else(|| root.join("bench/relevance/brown.json"), PathBuf::from);
    let judged: Judged =
        serde_json::from_slice(&std::fs::read(&judgements).expect("the judgements file"))
            .expect("judgements as bench/relevance.mjs reads them");
    let topics: Vec<Topic> = judged
        .topics
        .into_iter()
        .filter(|t| !t.judgements.is_empty())
        .collect();
    let report = read_folder(&corpus_dir).expect("the corpus folder");
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder
        .add_all(report.documents)
        .expect("the corpus indexes");
    let bytes = builder.finish().expect("the index builds").to_bytes();
    let open = |ranking: Ranking| {
        Corpus::new(Index::from_bytes(&bytes).expect("the index reads")).with_ranking(ranking)
    };
    let defaults = Ranking::default();
    println!(
        "{} judged topics of {}, corpus {}\n",
        topics.len(),
        judgements.display(),
        corpus_dir.display()
    );
    println!("| ranking | nDCG@10 | MAP | nDCG@10, questions |");
    println!("| --- | --- | --- | --- |");
    let row = |label: String, ranking: Ranking| {
        let (ndcg, map, questions) = measure(&open(ranking), &topics);
        println!("| {label} | {ndcg:.3} | {map:.3} | {questions:.3} |");
    };
    row(format!("defaults {defaults:?}"), defaults);
    type Setter = fn(&mut Ranking, f32);
    let moves: [(&str, Setter, &[f32]); 5] = [
        ("k1", |r, v| r.k1 = v, &[0.9, 1.2, 1.6, 2.5, 3.0]),
        ("b", |r, v| r.b = v, &[0.3, 0.4, 0.6, 0.75]),
        (
            "title_weight",
            |r, v| r.title_weight = v,
            &[0.0, 1.0, 3.0, 5.0],
        ),
        ("title_b", |r, v| r.title_b = v, &[0.0, 0.25, 0.75]),
        (
            "proximity_boost",
            |r, v| r.proximity_boost = v,
            &[0.0, 0.25, 1.0, 2.0],
        ),
    ];
    for (name, set, values) in moves {
        for &value in values {
            let mut ranking = defaults;
            set(&mut ranking, value);
            row(format!("{name} = {value}"), ranking);
        }
    }
}
