//! The engine measured natively with criterion, without the Wasm boundary: indexing a corpus
//! folder, opening the serialized index, and searching by query kind, with snippets and as
//! the top 10 ids alone.
//!
//! ```sh
//! cargo bench --bench native                         # the seeds, a few queries of each kind
//! CORPUS_VIEWER_BENCH_CORPUS=DIR CORPUS_VIEWER_BENCH_QUERIES=FILE cargo bench --bench native
//! ```
//!
//! `FILE` holds one query a line, `kind<TAB>query` as the engine is asked (`bench/run.mjs`
//! writes the set it uses for the peers as `WORK/queries.tsv`). A search benchmark runs every
//! query of its kind once an iteration; criterion's throughput is queries a second.

use std::hint::black_box;
use std::path::PathBuf;

use corpus_viewer::folder::read_folder;
use corpus_viewer::{Corpus, Index, IndexBuilder, SearchOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The seed queries, by kind, when no query file is given.
const SEED_QUERIES: &[(&str, &str)] = &[
    ("common", "iran "),
    ("rare", "goldstone "),
    ("multi", "supreme leader gaza "),
    ("phrase", "\"supreme leader\""),
    ("prefix", "pal*"),
    ("typo", "khamenai "),
];

fn corpus_dir() -> PathBuf {
    std::env::var_os("CORPUS_VIEWER_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"))
}

fn queries() -> Vec<(String, String)> {
    let Some(path) = std::env::var_os("CORPUS_VIEWER_BENCH_QUERIES") else {
        return SEED_QUERIES
            .iter()
            .map(|&(kind, query)| (kind.to_string(), query.to_string()))
            .collect();
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", PathBuf::from(&path).display()));
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(kind, query)| (kind.to_string(), query.to_string()))
        .collect()
}

fn build(dir: &std::path::Path) -> Index {
    let report = read_folder(dir).expect("the benchmark corpus is readable");
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder.set_title(report.title);
    builder
        .add_all(report.documents)
        .expect("document ids are unique");
    builder.finish().expect("the index builds")
}

fn benchmarks(c: &mut Criterion) {
    let dir = corpus_dir();
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| build(&dir).to_bytes()));
    let bytes = build(&dir).to_bytes();
    group.bench_function("open", |b| {
        b.iter(|| Corpus::from_bytes(&bytes).expect("the index reads back"))
    });
    group.finish();

    let corpus = Corpus::from_bytes(&bytes).expect("the index reads back");
    let queries = queries();
    let mut kinds: Vec<&str> = Vec::new();
    for (kind, _) in &queries {
        if !kinds.contains(&kind.as_str()) {
            kinds.push(kind);
        }
    }
    for kind in kinds {
        let of_kind: Vec<&str> = queries
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, q)| q.as_str())
            .collect();
        let mut group = c.benchmark_group(format!("search/{kind}"));
        group.throughput(Throughput::Elements(of_kind.len() as u64));
        for (name, snippets) in [("snippets", true), ("ids", false)] {
            let options = SearchOptions {
                limit: 10,
                snippets,
                ..SearchOptions::default()
            };
            group.bench_function(name, |b| {
                b.iter(|| {
                    for query in &of_kind {
                        black_box(corpus.search(query, &options).expect("a valid search"));
                    }
                })
            });
        }
        group.finish();
    }
}

criterion_group!(native, benchmarks);
criterion_main!(native);
