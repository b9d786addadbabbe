//! Worst cases: the time of each engine entry point (search, concordance in each order, the
//! reader) over a generated set of hostile queries, natively, as median and worst beside the
//! time of an ordinary query. The engine bounds the work of every call; this shows what that
//! bound costs in time on a given machine and corpus.
//!
//! ```sh
//! cargo bench --bench hostile                               # the seeds
//! CORPUS_VIEWER_BENCH_CORPUS=DIR cargo bench --bench hostile   # any folder, e.g. Brown
//! ```
//!
//! The set: the repeated words, two-letter prefixes, nested groups, long OR lists, common-word
//! concordances and misspellings that once took seconds, and 200 more drawn at random (with a
//! fixed seed) from the same shapes with the corpus's own most frequent words, up to the
//! 1,024 characters a query may have. It uses only calls that every version of the engine
//! has, so the same file measures an older one.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use corpus_viewer::folder::read_folder;
use corpus_viewer::search::{ConcordanceOptions, ConcordanceSort};
use corpus_viewer::{Corpus, IndexBuilder, SearchOptions};

fn corpus() -> Corpus {
    let dir = std::env::var_os("CORPUS_VIEWER_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let report = read_folder(&dir).expect("the benchmark corpus is readable");
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder
        .add_all(report.documents)
        .expect("document ids are unique");
    Corpus::from_bytes(&builder.finish().expect("the index builds").to_bytes())
        .expect("the index reads back")
}

/// The corpus's most frequent terms, most first.
fn frequent(corpus: &Corpus, n: usize) -> Vec<String> {
    let index = corpus.index();
    let mut terms: Vec<(u32, &str)> = (0..index.terms().len() as u32)
        .map(|t| (index.occurrences(t), index.term(t)))
        .collect();
    terms.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    terms
        .into_iter()
        .take(n)
        .map(|(_, t)| t.to_string())
        .collect()
}

fn hostile_queries(words: &[String]) -> Vec<String> {
    let repeat = |w: &str, n: usize, sep: &str| vec![w; n].join(sep);
    let prefix = |w: &String| format!("{}*", w.chars().take(2).collect::<String>());
    let mut queries = vec![
        repeat("the", 255, " "),
        repeat("a", 511, " "),
        repeat("of", 341, " "),
        words
            .iter()
            .cycle()
            .take(340)
            .map(prefix)
            .collect::<Vec<_>>()
            .join(" "),
        format!("{}{}", "(a ".repeat(300), ")".repeat(300)),
        words[..20].join(" OR "),
        "the* A*".to_string(),
        words
            .iter()
            .cycle()
            .take(3000)
            .cloned()
            .collect::<Vec<_>>()
            .join(" OR "),
        (0..60)
            .map(|i| format!("{}qx{}", words[i % words.len()], i))
            .collect::<Vec<_>>()
            .join(" "),
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..200 {
        let mut query = String::new();
        while query.len() < 1024 {
            let word = &words[next(words.len())];
            let piece = match next(7) {
                0 => format!("{word} "),
                1 => format!("{} ", prefix(word)),
                2 => format!("\"{word} {}\" ", words[next(words.len())]),
                3 => format!("{word} OR "),
                4 => format!("({word} "),
                5 => format!("-{word} "),
                _ => format!("{word}zq "),
            };
            if next(40) == 0 {
                break;
            }
            query.push_str(&piece);
        }
        queries.push(query);
    }
    queries
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<22} median {:>9.3} ms   p95 {:>9.3} ms   worst {:>9.3} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(*times.last().expect("some times"))
    );
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument is not ours to read.
    let corpus = corpus();
    let words = frequent(&corpus, 200);
    let queries = hostile_queries(&words);
    // Every block of the index inflated first, so that no query pays for it.
    for q in &words[..20] {
        let _ = corpus.concordance(q, &ConcordanceOptions::default());
    }
    println!(
        "{} hostile queries on {} documents; ordinary query: {:?}",
        queries.len(),
        corpus.index().documents().len(),
        words[0]
    );
    let first_id = corpus.index().document(0).meta.id.to_string();
    type Call<'a> = (&'a str, Box<dyn Fn(&str) + 'a>);
    let corpus = &corpus;
    let concordance = |sort| {
        move |q: &str| {
            let options = ConcordanceOptions {
                sort,
                ..ConcordanceOptions::default()
            };
            let _ = corpus.concordance(q, &options);
        }
    };
    let calls: Vec<Call> = vec![
        (
            "search",
            Box::new(|q: &str| {
                let _ = corpus.search(q, &SearchOptions::default());
            }),
        ),
        (
            "concordance",
            Box::new(concordance(ConcordanceSort::Document)),
        ),
        (
            "concordance, left",
            Box::new(concordance(ConcordanceSort::Left)),
        ),
        (
            "document",
            Box::new(|q: &str| {
                let _ = corpus.document(&first_id, q);
            }),
        ),
    ];
    for (name, call) in &calls {
        let ordinary: Vec<Duration> = (0..5).map(|_| time(|| call(&words[0]))).collect();
        summary(&format!("{name}, ordinary"), ordinary);
        let hostile: Vec<Duration> = queries.iter().map(|q| time(|| call(q))).collect();
        let (worst, at) = hostile
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i))
            .max()
            .expect("some queries");
        summary(&format!("{name}, hostile"), hostile);
        let shown: String = queries[at].chars().take(60).collect();
        println!("{:<22} worst query: {shown:?}… ({worst:?})", "");
    }
}
