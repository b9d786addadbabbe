//! `corpus-viewer build`: a viewer for a folder, made by indexing it and writing files, with
//! the engine and the interface this command carries (embedded by `build.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::bundle::{self, CorpusData, CHUNKED_FROM_BYTES};
use corpus_viewer::index::{AnalyzedBatch, AnalyzedText, Serialized, BATCH_TEXT_BYTES};
use corpus_viewer::{folder, output, BuildError, Index, IndexBuilder, NewDocument};

/// The engine and the interface this command was built with; the engine's files are empty when
/// it was built without them (see `build.rs`).
mod embedded {
    macro_rules! engine_file {
        ($name:literal) => {
            include_bytes!(concat!(env!("OUT_DIR"), "/engine/", $name))
        };
    }

    /// The file of [`corpus_viewer::bundle::ENGINE_FILE_NAMES`] called `name`.
    pub fn file(name: &str) -> Option<&'static [u8]> {
        Some(match name {
            "glue.js" => engine_file!("glue.js"),
            "engine.wasm" => engine_file!("engine.wasm"),
            "interface.js" => engine_file!("interface.js"),
            "indexer-glue.js" => engine_file!("indexer-glue.js"),
            "indexer.wasm" => engine_file!("indexer.wasm"),
            "pkg.js" => engine_file!("pkg.js"),
            "pkg.d.ts" => engine_file!("pkg.d.ts"),
            "pkg.wasm" => engine_file!("pkg.wasm"),
            "pkg.wasm.d.ts" => engine_file!("pkg.wasm.d.ts"),
            "index.html" => include_bytes!("../../../www/index.html"),
            "make.html" => include_bytes!("../../../www/make.html"),
            "make.js" => include_bytes!("../../../www/make.js"),
            "example.html" => include_bytes!("../../../www/example.html"),
            _ => return None,
        })
    }
}

/// How many bytes of postings the indexer holds before writing them to a temporary file
/// beside the index: what bounds its memory on a corpus larger than memory.
const SPILL_BOUND_BYTES: usize = 256 * 1024 * 1024;

/// What `build` is asked to do.
pub struct Build {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The corpus title, over the manifest's.
    pub title: Option<String>,
    /// The corpus name; the folder's name, made of letters, digits, `-` and `_`, when absent.
    pub name: Option<String>,
    /// Where the index spills its postings while it is built, before the files are written
    /// into `out` (a new folder is made inside it and removed at the end); the system's
    /// temporary folder when absent.
    pub work: Option<PathBuf>,
    /// How the output folder may be written.
    pub options: output::Options,
    /// One page, or a page and chunks.
    pub layout: Layout,
}

/// Whether a viewer is one page holding its whole index, or a page holding the index's
/// manifest beside a folder of chunks fetched as they are needed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Chunked past [`CHUNKED_FROM_BYTES`] of index, one page up to it.
    #[default]
    BySize,
    /// One page, whatever the size (`--single-file`).
    SingleFile,
    /// A page and chunks, whatever the size (`--chunked`).
    Chunked,
}

/// Makes the viewer: checks the output folder, indexes the corpus (in a staging folder),
/// assembles the page, the scripts, the index and the engine, and writes them into place.
pub fn build(b: &Build) -> Result<(), BuildError> {
    output::check(&b.out, &b.corpus, b.options)?;
    let engine = bundle::EngineFiles::from_named(embedded::file).map_err(|_| {
        BuildError::Bundle(
            "this corpus-viewer was built without its engine; build it with ./build.sh".into(),
        )
    })?;
    let name = match &b.name {
        Some(name) => name.clone(),
        None => default_name(&b.corpus),
    };
    let work = b.work.clone().unwrap_or_else(std::env::temp_dir);
    let stage = Stage::new(&work)?;
    // The runs the index spills go into the staging folder.
    let (index, text_bytes) =
        index_in_memory(&b.corpus, &stage.path.join("index"), b.title.clone())?;
    let title = index.title().map(str::to_string);
    // The index whole, for a single page. The postings and texts alone pass the bound at most
    // sizes where it matters; only below it is the index serialized to tell.
    let whole = match b.layout {
        Layout::Chunked => None,
        Layout::SingleFile => Some(index.serialize()),
        Layout::BySize if index.stored_bytes() > CHUNKED_FROM_BYTES => None,
        Layout::BySize => Some(index.serialize()).filter(|s| s.len() <= CHUNKED_FROM_BYTES),
    };
    let files = if let Some(serialized) = whole {
        report_index(Some(serialized.len()), &index, text_bytes);
        let mut index_bytes = Vec::with_capacity(serialized.len() as usize);
        serialized
            .write_to(&mut index_bytes)
            .expect("writing to memory does not fail");
        drop(serialized);
        drop(index);
        bundle::check_base64_size(
            "the index",
            index_bytes.len() as u64,
            bundle::MAX_BASE64_CHARS,
        )
        .map_err(|e| {
            BuildError::Bundle(format!(
                "{e}; --chunked writes a viewer for corpora of any size"
            ))
        })?;
        let corpus = CorpusData {
            name: &name,
            index: &index_bytes,
            chunks: None,
        };
        bundle::viewer_files(&engine, corpus, title.as_deref())?
    } else {
        report_index(None, &index, text_bytes);
        // Tests make small viewers whose titles arrive as chunks, as those of large ones do.
        let chunked = match std::env::var("CORPUS_VIEWER_TITLES_APART_FROM").map(|v| v.parse()) {
            Ok(Ok(bytes)) => index.to_chunks_with_titles_apart_from(bytes),
            _ => index.to_chunks(),
        };
        drop(index);
        println!(
            "a chunked viewer: a manifest of {} bytes and {} chunks in {}",
            chunked.manifest.len(),
            chunked.chunks.len(),
            bundle::CHUNK_FOLDER
        );
        bundle::chunked_viewer_files(&engine, &name, chunked, title.as_deref())?
    };
    let published = output::publish(&files, &b.out, &b.corpus, b.options)?;
    report(&published, &b.out);
    Ok(())
}

/// The corpus name a folder gets: its name with every character but ASCII letters, digits,
/// `-` and `_` made a `-`.
pub fn default_name(corpus: &Path) -> String {
    let base = output::resolve(corpus)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let name: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "corpus".into()
    } else {
        name
    }
}

/// Indexes the documents below `dir` into the file `out`; reports what was skipped. Returns
/// the corpus title.
pub fn index(dir: &Path, out: &Path, title: Option<String>) -> Result<Option<String>, BuildError> {
    output::check_index_file(out, dir)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| BuildError::Io {
            path: parent.into(),
            source,
        })?;
    }
    let (index, text_bytes) = index_in_memory(dir, out, title)?;
    let serialized = index.serialize();
    report_index(Some(serialized.len()), &index, text_bytes);
    write_index(&serialized, out)?;
    Ok(index.title().map(str::to_string))
}

/// Writes an index into the file `out`.
fn write_index(serialized: &Serialized, out: &Path) -> Result<(), BuildError> {
    let file = std::fs::File::create_new(out).map_err(|source| BuildError::Io {
        path: out.into(),
        source,
    })?;
    let mut writer = std::io::BufWriter::new(file);
    serialized
        .write_to(&mut writer)
        .and_then(|()| writer.flush())
        .map_err(|source| BuildError::Io {
            path: out.into(),
            source,
        })
}

/// Indexes the documents below `dir`, reading them a batch at a time and spilling postings
/// beside `spill_base` (a path in an existing folder) past a bound; reports what was skipped.
/// Returns the index and the bytes of text it holds.
fn index_in_memory(
    dir: &Path,
    spill_base: &Path,
    title: Option<String>,
) -> Result<(Index, usize), BuildError> {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder.spill_to(spill_base, SPILL_BOUND_BYTES);
    let (mut indexed, mut bytes_in) = (0, 0);
    // The files are read, their text extracted, its language told and the text analyzed on
    // every core, while the documents before are added to the index here, in order, a batch
    // at a time: adding is work for one core, and reading the files ahead keeps the others
    // busy.
    let (mut batch, mut batch_bytes) = (Vec::new(), 0);
    let mut add = |batch: Vec<(NewDocument, AnalyzedText)>| -> Result<(), BuildError> {
        indexed += batch.len();
        bytes_in += batch.iter().map(|(d, _)| d.text.len()).sum::<usize>();
        builder.add_analyzed(AnalyzedBatch::from_analyzed(batch))
    };
    let report = folder::read_folder_each_with(
        dir,
        |document| AnalyzedText::of(&document.text),
        |document, analyzed| {
            batch_bytes += document.text.len();
            batch.push((document, analyzed));
            if batch_bytes >= BATCH_TEXT_BYTES {
                batch_bytes = 0;
                add(std::mem::take(&mut batch))?;
            }
            Ok(())
        },
    )?;
    add(batch)?;
    for skipped in &report.skipped {
        eprintln!("skipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    // The manifest's title is known once the folder is read; the command line's comes first.
    builder.set_title(title.or(report.title.clone()));
    println!(
        "{}: found {}, indexed {indexed}, skipped {}",
        dir.display(),
        report.found,
        report.skipped.len()
    );
    if indexed == 0 {
        return Err(BuildError::Corpus(format!(
            "{}: nothing to index (the folder needs .txt, .md or .html files with text)",
            dir.display()
        )));
    }
    let index = builder.finish()?;
    Ok((index, bytes_in))
}

/// Says what was built: an index of `bytes` when it was serialized whole.
fn report_index(bytes: Option<u64>, index: &Index, text_bytes: usize) {
    let of = bytes.map_or(String::new(), |bytes| format!(" of {bytes} bytes"));
    println!(
        "built an index{of}: {text_bytes} bytes of text, {} terms",
        index.terms().len()
    );
}

/// Says what publishing did.
pub fn report(published: &output::Published, to: &Path) {
    for file in &published.overwritten {
        eprintln!(
            "warning: --force: replaced {}, which was not the build's own file as it stood",
            to.join(file).display()
        );
    }
    let list = to.join(output::FILE_LIST);
    let unchanged = match published.unchanged {
        0 => String::new(),
        n => format!(", and left {n} unchanged since the last build"),
    };
    println!(
        "wrote {} into {}{unchanged} (listed with their hashes in {})",
        match published.written.len() {
            1 => "1 file".to_string(),
            n => format!("{n} files"),
        },
        to.display(),
        list.display()
    );
    if !published.removed.is_empty() {
        println!(
            "removed what an earlier build wrote and this one does not: {}",
            some_of(&published.removed, REMOVED_NAMED)
        );
    }
    if !published.untouched.is_empty() {
        println!(
            "left {} other files and folders untouched",
            published.untouched.len()
        );
    }
}

/// A staging folder the build makes for itself, and removes when it is done or fails.
struct Stage {
    path: PathBuf,
}

impl Stage {
    fn new(work: &Path) -> Result<Stage, BuildError> {
        std::fs::create_dir_all(work).map_err(|source| BuildError::Io {
            path: work.into(),
            source,
        })?;
        for attempt in 0..100 {
            let path = work.join(format!(
                "corpus-viewer-stage-{}-{attempt}",
                std::process::id()
            ));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Stage { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(BuildError::Io { path, source }),
            }
        }
        Err(BuildError::Output(format!(
            "cannot make a staging folder in {}",
            work.display()
        )))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        // The folder and everything in it are the build's own: it made the folder new.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// How many of the files a build removed it names: a rebuilt chunked corpus may remove
/// thousands of chunks.
const REMOVED_NAMED: usize = 8;

/// The first `shown` of `names`, and how many more there are.
fn some_of(names: &[String], shown: usize) -> String {
    let named = names[..names.len().min(shown)].join(", ");
    match names.len().saturating_sub(shown) {
        0 => named,
        more => format!("{named} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_removed_files_names_a_few_and_counts_the_rest() {
        let names: Vec<String> = (0..20).map(|i| format!("corpus/{i}.bin")).collect();
        assert_eq!(some_of(&names[..2], 8), "corpus/0.bin, corpus/1.bin");
        let some = some_of(&names, 8);
        assert!(some.starts_with("corpus/0.bin, corpus/1.bin, "), "{some}");
        assert!(some.ends_with("corpus/7.bin and 12 more"), "{some}");
        assert_eq!(some_of(&names[..8], 8).matches(", ").count(), 7);
    }
}
