//! The build tool: makes a viewer for a folder of documents, with the engine it carries.
//!
//! ```text
//! corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--force] [--adopt-earlier-build] [--work DIR]
//!     index the documents below DIR and write the viewer into the output folder (./dist when
//!     absent): index.html, corpus-viewer.js, NAME.corpus.js, NAME.index, make.html (a page
//!     that makes a viewer of a folder chosen in the browser), example.html, pkg/;
//!     TEXT names the corpus, NAME (the element's corpus attribute) defaults to the folder's
//!     name; the files are staged in a new folder inside --work (the system's temporary
//!     folder when absent) and moved into the output folder at the end
//! corpus-viewer index DIR OUT [--title TEXT]
//!     index the documents below DIR into the file OUT
//! corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]
//!     check, writing nothing, that a build of the corpus may write into the output folder
//! ```
//!
//! The output folder holds only files the build wrote, unless --force (see the `output`
//! module): a build never changes or removes a file it did not write.

#![forbid(unsafe_code)]

mod make;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus_viewer::{bundle, output, Error};

const USAGE: &str = "usage:
  corpus-viewer build DIR [--out DIR] [--title TEXT] [--name NAME] [--force] [--adopt-earlier-build] [--work DIR]
  corpus-viewer index DIR OUT [--title TEXT]
  corpus-viewer check-output --out DIR --corpus DIR [--force] [--adopt-earlier-build]";

/// The switches of the commands that write an output folder.
const OUTPUT_SWITCHES: [&str; 2] = ["--force", "--adopt-earlier-build"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => parse(
            &args[1..],
            &["--out", "--title", "--name", "--work"],
            &OUTPUT_SWITCHES,
        )
        .and_then(|(flags, rest)| match rest.as_slice() {
            [dir] => {
                let name = flags.get("--name").cloned();
                if name
                    .as_deref()
                    .is_some_and(|name| !bundle::is_valid_name(name))
                {
                    return Err(Error::Corpus(
                        "--name may hold only ASCII letters, digits, - and _".into(),
                    )
                    .into());
                }
                Ok(make::build(&make::Build {
                    corpus: dir.into(),
                    out: flags
                        .get("--out")
                        .map_or_else(|| "dist".into(), PathBuf::from),
                    title: flags.get("--title").cloned(),
                    name,
                    work: flags.get("--work").map(PathBuf::from),
                    options: output_options(&flags),
                })?)
            }
            _ => Err(usage()),
        }),
        Some("index") => {
            parse(&args[1..], &["--title"], &[]).and_then(|(flags, rest)| match rest.as_slice() {
                [dir, out] => {
                    make::index(
                        Path::new(dir),
                        Path::new(out),
                        flags.get("--title").cloned(),
                    )?;
                    println!("wrote {out}");
                    Ok(())
                }
                _ => Err(usage()),
            })
        }
        Some("check-output") => parse(&args[1..], &["--out", "--corpus"], &OUTPUT_SWITCHES)
            .and_then(|(flags, rest)| {
                let flag = |name: &str| flags.get(name).cloned().ok_or_else(usage);
                if !rest.is_empty() {
                    return Err(usage());
                }
                let out = flag("--out")?;
                Ok(output::check(
                    Path::new(&out),
                    Path::new(&flag("--corpus")?),
                    output_options(&flags),
                )?)
            }),
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage) => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Error(e)) => {
            eprintln!("corpus-viewer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Why a command did not run: arguments that fit no command (the usage is shown), or an error.
enum Failure {
    Usage,
    Error(Error),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Error(error)
    }
}

fn usage() -> Failure {
    Failure::Usage
}

/// Splits `--flag value` pairs (of the flags named) and switches (present with an empty
/// value) from the other arguments.
fn parse(
    args: &[String],
    known: &[&str],
    switches: &[&str],
) -> Result<(std::collections::HashMap<String, String>, Vec<String>), Failure> {
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
