//! The build tool: indexes a corpus folder, and assembles the page and the embeddable script.
//!
//! ```text
//! corpus-viewer index DIR OUT [--title TEXT]
//!     index the documents below DIR into the file OUT; TEXT names the corpus
//! corpus-viewer bundle --index FILE --glue FILE --wasm FILE --shell FILE --name NAME --out DIR SCRIPT...
//!     write DIR/corpus-viewer.js (glue, Wasm and SCRIPTs in one classic script) and
//!     DIR/index.html (the shell with that script inlined and the corpus title)
//! corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]
//!     check, writing nothing, that a build of the corpus may write into the output folder
//! corpus-viewer publish --from DIR --to DIR --corpus DIR [--force] [--adopt-earlier-build]
//!     move the files staged in --from into the output folder --to, replacing only files an
//!     earlier build wrote and the user left unchanged (see the `output` module)
//! ```

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::{bundle, folder, output, Error, Index, IndexBuilder};

const USAGE: &str = "usage:
  corpus-viewer index DIR OUT [--title TEXT]
  corpus-viewer bundle --index FILE --glue FILE --wasm FILE --shell FILE --name NAME --out DIR SCRIPT...
  corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]
  corpus-viewer publish --from DIR --to DIR --corpus DIR [--force] [--adopt-earlier-build]";

/// The switches of `check-output` and `publish`.
const OUTPUT_SWITCHES: [&str; 2] = ["--force", "--adopt-earlier-build"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("index") => {
            parse(&args[1..], &["--title"], &[]).and_then(|(flags, rest)| match rest.as_slice() {
                [dir, out] => index(
                    Path::new(dir),
                    Path::new(out),
                    flags.get("--title").cloned(),
                ),
                _ => Err(usage()),
            })
        }
        Some("bundle") => {
            let names = ["--index", "--glue", "--wasm", "--shell", "--name", "--out"];
            parse(&args[1..], &names, &[]).and_then(|(flags, scripts)| {
                let flag = |name: &str| flags.get(name).cloned().ok_or_else(usage);
                bundle_files(&Bundle {
                    index: flag("--index")?.into(),
                    glue: flag("--glue")?.into(),
                    wasm: flag("--wasm")?.into(),
                    shell: flag("--shell")?.into(),
                    name: flag("--name")?,
                    out: flag("--out")?.into(),
                    scripts: scripts.into_iter().map(PathBuf::from).collect(),
                })
            })
        }
        Some("check-output") => parse(&args[1..], &["--out", "--corpus"], &OUTPUT_SWITCHES)
            .and_then(|(flags, rest)| {
                let flag = |name: &str| flags.get(name).cloned().ok_or_else(usage);
                if !rest.is_empty() {
                    return Err(usage());
                }
                let out = flag("--out")?;
                output::check(
                    Path::new(&out),
                    Path::new(&flag("--corpus")?),
                    output_options(&flags),
                )
            }),
        Some("publish") => parse(
            &args[1..],
            &["--from", "--to", "--corpus"],
            &OUTPUT_SWITCHES,
        )
        .and_then(|(flags, rest)| {
            let flag = |name: &str| flags.get(name).cloned().ok_or_else(usage);
            if !rest.is_empty() {
                return Err(usage());
            }
            publish(
                Path::new(&flag("--from")?),
                Path::new(&flag("--to")?),
                Path::new(&flag("--corpus")?),
                output_options(&flags),
            )
        }),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Corpus(message)) if message == USAGE => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("corpus-viewer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> Error {
    Error::Corpus(USAGE.to_string())
}

/// Splits `--flag value` pairs (of the flags named) and switches (present with an empty
/// value) from the other arguments.
fn parse(
    args: &[String],
    known: &[&str],
    switches: &[&str],
) -> Result<(std::collections::HashMap<String, String>, Vec<String>), Error> {
    let mut flags = std::collections::HashMap::new();
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if switches.contains(&arg.as_str()) {
            flags.insert(arg.clone(), String::new());
        } else if known.contains(&arg.as_str()) {
            let value = args.next().ok_or_else(usage)?;
            flags.insert(arg.clone(), value.clone());
        } else if arg.starts_with("--") {
            return Err(usage());
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((flags, rest))
}

fn output_options(flags: &std::collections::HashMap<String, String>) -> output::Options {
    output::Options {
        force: flags.contains_key("--force"),
        adopt_earlier_build: flags.contains_key("--adopt-earlier-build"),
    }
}

fn publish(from: &Path, to: &Path, corpus: &Path, options: output::Options) -> Result<(), Error> {
    let published = output::publish(from, to, corpus, options)?;
    for file in &published.overwritten {
        eprintln!(
            "warning: --force: replaced {}, which was not the build's own file as it stood",
            to.join(file).display()
        );
    }
    let list = to.join(output::FILE_LIST);
    println!(
        "wrote {} files into {} (listed with their hashes in {})",
        published.written.len(),
        to.display(),
        list.display()
    );
    if !published.removed.is_empty() {
        println!(
            "removed what an earlier build wrote and this one does not: {}",
            published.removed.join(", ")
        );
    }
    if !published.untouched.is_empty() {
        println!(
            "left {} other files and folders untouched",
            published.untouched.len()
        );
    }
    Ok(())
}

/// How much text the indexer reads before analyzing it, on all threads, and letting it go.
const BATCH_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// How many bytes of postings the indexer holds before writing them to a temporary file
/// beside the index: what bounds its memory on a corpus larger than memory.
const SPILL_BOUND_BYTES: usize = 256 * 1024 * 1024;

fn index(dir: &Path, out: &Path, title: Option<String>) -> Result<(), Error> {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.into(),
            source,
        })?;
    }
    builder.spill_to(out, SPILL_BOUND_BYTES);
    let (mut batch, mut batch_bytes) = (Vec::new(), 0);
    let (mut indexed, mut bytes_in) = (0, 0);
    let report = folder::read_folder_each(dir, |document| {
        indexed += 1;
        bytes_in += document.text.len();
        batch_bytes += document.text.len();
        batch.push(document);
        if batch_bytes >= BATCH_TEXT_BYTES {
            batch_bytes = 0;
            builder.add_all(std::mem::take(&mut batch))?;
        }
        Ok(())
    })?;
    builder.add_all(batch)?;
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
        return Err(Error::Corpus(format!(
            "{}: nothing to index (the folder needs .txt, .md or .html files with text)",
            dir.display()
        )));
    }
    let index = builder.finish()?;
    let serialized = index.serialize();
    println!(
        "built an index of {} bytes: {bytes_in} bytes of text, {} terms",
        serialized.len(),
        index.terms().len()
    );
    // Before the slow compile: the page must stay small enough for a browser to open.
    bundle::check_wasm_size(
        serialized.len() + bundle::ENGINE_BYTES,
        bundle::MAX_WASM_BASE64_CHARS,
    )?;
    let file = std::fs::File::create(out).map_err(|source| Error::Io {
        path: out.into(),
        source,
    })?;
    let mut writer = std::io::BufWriter::new(file);
    serialized
        .write_to(&mut writer)
        .and_then(|()| writer.flush())
        .map_err(|source| Error::Io {
            path: out.into(),
            source,
        })?;
    println!("wrote {}", out.display());
    Ok(())
}

struct Bundle {
    index: PathBuf,
    glue: PathBuf,
    wasm: PathBuf,
    shell: PathBuf,
    name: String,
    out: PathBuf,
    scripts: Vec<PathBuf>,
}

fn bundle_files(b: &Bundle) -> Result<(), Error> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })
    };
    let text = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })
    };
    if b.scripts.is_empty() {
        return Err(usage());
    }
    let index = Index::from_bytes(&read(&b.index)?)?;
    let scripts = b
        .scripts
        .iter()
        .map(|p| text(p))
        .collect::<Result<Vec<_>, _>>()?;
    let (glue, wasm) = (text(&b.glue)?, read(&b.wasm)?);
    let script = bundle::viewer_script(&glue, &wasm, &b.name, &scripts)?;
    let page = bundle::page(
        &text(&b.shell)?,
        &glue,
        &wasm,
        &b.name,
        &scripts,
        index.title(),
    )?;
    let script_path = b.out.join("corpus-viewer.js");
    let page_path = b.out.join("index.html");
    write(&script_path, script.as_bytes())?;
    write(&page_path, page.as_bytes())?;
    println!(
        "wrote {} ({} bytes) and {} ({} bytes)",
        page_path.display(),
        page.len(),
        script_path.display(),
        script.len()
    );
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.into(),
            source,
        })?;
    }
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })
}
