//! The chunks a chunked viewer's page fetches for a search, counted natively and by part:
//! each query is asked of a corpus just opened from the viewer's manifest, with the page's
//! first page of hits (10, the passages of the first 5), and the chunks it wants are read from the viewer's files and
//! added round after round, as the page adds them, until it wants none. Prints a Markdown
//! table: the rounds, the chunks and their bytes, by part (the dictionary's shards, postings,
//! positions, texts, titles), and the hits found. `bench/chunked.mjs` counts the same in the
//! browser, with the page's timing, but not by part. With `FETCHES_TRACE=1` in its
//! environment, it also prints each round's search time (natively), each chunk it adds, each
//! form of a query word the answer matched with the chunk its postings lie in (a block of
//! postings, or a shard's section of postings held inline) and its bytes, and the median time
//! of nine searches once every chunk has arrived (warm).
//!
//! ```sh
//! target/release/corpus-viewer build CORPUS --chunked --out DIR
//! cargo bench --bench fetches -- DIR "war in the" '"of time"' fevner
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use corpus_viewer::bundle::chunk_from_file;
use corpus_viewer::{Corpus, SearchOptions};

/// The hits a chunked viewer's page asks for first (`CHUNKED_HITS_PAGE` in
/// `www/viewer/results.js`).
const FIRST_PAGE: usize = 10;

/// The hits of the first page a window of 1280 by 720 pixels asks with their passages (the
/// hits in view and one more, `passagesFor` in `www/viewer/results.js`); the others come with
/// their titles alone until a reader scrolls toward them.
const PASSAGES_IN_VIEW: usize = 5;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some((dir, queries)) = args.split_first() else {
        eprintln!("usage: cargo bench --bench fetches -- VIEWER_DIR QUERY...");
        return ExitCode::from(2);
    };
    match run(Path::new(dir), queries) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fetches: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, queries: &[String]) -> Result<(), String> {
    let chunks = dir.join("corpus");
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    // The manifest's bytes: the one `.bin` file beside the chunks.
    let manifest = std::fs::read_dir(&chunks)
        .map_err(|e| format!("{}: {e}", chunks.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .find(|path| path.extension().is_some_and(|e| e == "bin"))
        .ok_or_else(|| format!("{}: no manifest (NAME.bin)", chunks.display()))?;
    let manifest = read(&manifest)?;
    let options = SearchOptions {
        limit: FIRST_PAGE,
        snippet_limit: Some(PASSAGES_IN_VIEW),
        ..SearchOptions::default()
    };
    println!("| query | hits | rounds | chunks | KiB | by part, KiB (chunks) |");
    println!("|---|---|---|---|---|---|");
    let trace = std::env::var_os("FETCHES_TRACE").is_some();
    for query in queries {
        let corpus = Corpus::from_manifest(&manifest).map_err(|e| e.to_string())?;
        let mut parts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut rounds = 0;
        let answer = loop {
            let started = std::time::Instant::now();
            let answer = corpus.search(query, &options);
            if trace {
                eprintln!("{query} round {rounds}: search {:?}", started.elapsed());
            }
            let wanted = corpus.index().wanted_chunks();
            if wanted.is_empty() {
                break answer.map_err(|e| format!("{query:?}: {e}"))?;
            }
            rounds += 1;
            if rounds > 10 {
                return Err(format!("{query:?}: still wanting chunks after 10 rounds"));
            }
            for name in wanted {
                let file = read(&chunks.join(format!("{name}.js")))?;
                let bytes =
                    chunk_from_file(&file).ok_or_else(|| format!("{name}.js holds no chunk"))?;
                let part = corpus.index().chunk_part(&name).unwrap_or("unknown");
                if trace {
                    eprintln!("{query} round {rounds}: {part} {name} {}", bytes.len());
                }
                let counted = parts.entry(part).or_default();
                counted.0 += 1;
                counted.1 += bytes.len();
                corpus
                    .index()
                    .add_chunk(&name, &bytes)
                    .map_err(|e| e.to_string())?;
            }
        };
        if trace {
            // Each form matched, with its documents and the chunk its postings lie in.
            let index = corpus.index();
            for word in &answer.forms {
                for form in word.forms.iter().filter(|f| f.included) {
                    let id = index.term_id(&form.form);
                    let chunk = id.and_then(|t| index.postings_chunk(t));
                    let documents = id.map_or(0, |t| index.document_frequency(t));
                    let bytes = chunk.map_or(0, |c| index.postings_chunk_bytes(c));
                    eprintln!(
                        "{query}: {} as {}: {documents} documents, postings in {chunk:?}, {bytes} bytes",
                        word.word, form.form
                    );
                }
            }
            let mut times: Vec<_> = (0..9)
                .map(|_| {
                    let started = std::time::Instant::now();
                    let _ = corpus.search(query, &options);
                    started.elapsed()
                })
                .collect();
            times.sort();
            eprintln!("{query} warm: search {:?} (median of 9)", times[4]);
        }
        let count: usize = parts.values().map(|p| p.0).sum();
        let bytes: usize = parts.values().map(|p| p.1).sum();
        let by_part: Vec<String> = parts
            .iter()
            .map(|(part, (n, b))| format!("{part} {} ({n})", b / 1024))
            .collect();
        println!(
            "| `{query}` | {} | {rounds} | {count} | {} | {} |",
            answer.total,
            bytes / 1024,
            by_part.join(", ")
        );
    }
    Ok(())
}
