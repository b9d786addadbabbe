//! The build tool: makes a viewer for a folder of documents, with the engine it carries.
//!
//! ```text
//! corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--chunked | --single-file] [--force] [--adopt-earlier-build] [--work DIR]
//!     index the documents below DIR and write the viewer into the output folder (./dist when
//!     absent): index.html, corpus-viewer.js, NAME.corpus.js, NAME.index, make.html (a page
//!     that makes a viewer of a folder chosen in the browser), example.html, pkg/; past
//!     32 MiB of index (or with --chunked) a chunked viewer instead: index.html naming the
//!     index's manifest, its chunks in corpus/ (each as NAME.js; the manifest also as
//!     NAME.bin), make.html, pkg/;
//!     TEXT names the corpus, NAME (the element's corpus attribute) defaults to the folder's
//!     name; past 256 MiB of postings the index spills them into a new folder inside --work
//!     (the system's temporary folder when absent), and the files are written into the
//!     output folder at the end;
//!     a file an earlier build wrote with the same bytes is left as it is
//! corpus-viewer index DIR OUT [--title TEXT]
//!     index the documents below DIR into the new file OUT (never one that exists, nor one
//!     inside DIR)
//! corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]
//!     check, writing nothing, that a build of the corpus may write into the output folder
//! ```
//!
//! The output folder holds only files the build wrote, unless --force (see the `output`
//! module): a build never changes or removes a file it did not write.

#![forbid(unsafe_code)]

/// `println!` that goes on when standard output is closed (`corpus-viewer build … | head`),
/// where the standard one panics: what the build says is a report, not its work.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that goes on when standard error is closed, as [`println!`] does.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod make;

/// See Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use corpus_viewer::{bundle, output, BuildError};

const USAGE: &str = "usage:
  corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--chunked | --single-file] [--force] [--adopt-earlier-build] [--work DIR]
  corpus-viewer index DIR OUT [--title TEXT]
  corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]";

fn main() -> ExitCode {
    match run(std::env::args_os().skip(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(why)) => {
            eprintln!("corpus-viewer: {why}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Build(e)) => {
            eprintln!("corpus-viewer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command did not run: arguments that fit no command (the usage is shown), or an error.
enum Failure {
    Usage(String),
    Build(BuildError),
}

impl From<BuildError> for Failure {
    fn from(error: BuildError) -> Self {
        Failure::Build(error)
    }
}

impl From<lexopt::Error> for Failure {
    fn from(error: lexopt::Error) -> Self {
        Failure::Usage(error.to_string())
    }
}

/// What the command line asks for: the command, its folders or files, and its options.
#[derive(Default)]
struct Arguments {
    command: Option<String>,
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    corpus: Option<PathBuf>,
    work: Option<PathBuf>,
    title: Option<String>,
    name: Option<String>,
    options: output::Options,
    layout: make::Layout,
    help: bool,
}

/// Reads the arguments; an option a command does not take is a usage error.
fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Arguments, Failure> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut a = Arguments::default();
    while let Some(arg) = parser.next()? {
        let command = a.command.as_deref();
        let builds = command == Some("build");
        let checks = command == Some("check-output");
        match arg {
            Long("help") | Short('h') => a.help = true,
            Value(value) if a.command.is_none() => a.command = Some(value.string()?),
            Value(value) => a.paths.push(value.into()),
            Long("out") if builds || checks => a.out = Some(parser.value()?.into()),
            Long("corpus") if checks => a.corpus = Some(parser.value()?.into()),
            Long("work") if builds => a.work = Some(parser.value()?.into()),
            Long("name") if builds => a.name = Some(parser.value()?.string()?),
            Long("title") if builds || command == Some("index") => {
                a.title = Some(parser.value()?.string()?)
            }
            Long("force") if builds || checks => a.options.force = true,
            Long("chunked") if builds => a.layout = make::Layout::Chunked,
            Long("single-file") if builds => a.layout = make::Layout::SingleFile,
            Long("adopt-earlier-build") if builds || checks => a.options.adopt_earlier_build = true,
            _ => return Err(arg.unexpected().into()),
        }
    }
    Ok(a)
}

fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<(), Failure> {
    let a = parse(args)?;
    if a.help {
        println!("{USAGE}");
        return Ok(());
    }
    let usage = |why: &str| Err(Failure::Usage(why.into()));
    match a.command.as_deref() {
        Some("build") => {
            let [dir] = a.paths.as_slice() else {
                return usage("build takes one folder");
            };
            if a.name.as_deref().is_some_and(|n| !bundle::is_valid_name(n)) {
                return Err(BuildError::Corpus(
                    "--name may hold only ASCII letters, digits, - and _".into(),
                )
                .into());
            }
            Ok(make::build(&make::Build {
                corpus: dir.clone(),
                out: a.out.unwrap_or_else(|| "dist".into()),
                title: a.title,
                name: a.name,
                work: a.work,
                options: a.options,
                layout: a.layout,
            })?)
        }
        Some("index") => {
            let [dir, out] = a.paths.as_slice() else {
                return usage("index takes a folder and a file");
            };
            make::index(dir, out, a.title)?;
            println!("wrote {}", out.display());
            Ok(())
        }
        Some("check-output") => {
            let (Some(out), Some(corpus), true) = (a.out, a.corpus, a.paths.is_empty()) else {
                return usage("check-output takes --out and --corpus");
            };
            Ok(output::check(&out, &corpus, a.options)?)
        }
        Some(other) => usage(&format!("unknown command {other:?}")),
        None => usage("no command"),
    }
}
