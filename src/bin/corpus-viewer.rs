//! The build tool: indexes a corpus folder and assembles the single-file page.
//!
//! ```text
//! corpus-viewer index DIR OUT          index DIR's documents into the file OUT
//! corpus-viewer bundle SHELL GLUE WASM VIEWER OUT
//!                                      inline GLUE, WASM and VIEWER into SHELL, write OUT
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::{bundle, folder, Error, IndexBuilder};

const USAGE: &str = "usage:
  corpus-viewer index DIR OUT
  corpus-viewer bundle SHELL GLUE WASM VIEWER OUT";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["index", dir, out] => index(Path::new(dir), Path::new(out)),
        ["bundle", shell, glue, wasm, viewer, out] => bundle_page(
            &[shell, glue, wasm, viewer].map(PathBuf::from),
            Path::new(out),
        ),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus-viewer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn index(dir: &Path, out: &Path) -> Result<(), Error> {
    let report = folder::read_folder(dir)?;
    for skipped in &report.skipped {
        eprintln!("skipped {}: {}", skipped.path, skipped.reason);
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder.set_title(report.title.clone());
    let indexed = report.documents.len();
    let bytes_in: usize = report.documents.iter().map(|d| d.text.len()).sum();
    for document in report.documents {
        builder.add(document)?;
    }
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
    let index = builder.finish();
    let bytes = index.to_bytes();
    write(out, &bytes)?;
    println!(
        "wrote {} ({} bytes: {bytes_in} bytes of text, {} terms)",
        out.display(),
        bytes.len(),
        index.terms().len()
    );
    Ok(())
}

fn bundle_page([shell, glue, wasm, viewer]: &[PathBuf; 4], out: &Path) -> Result<(), Error> {
    let text = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })
    };
    let wasm_bytes = std::fs::read(wasm).map_err(|source| Error::Io {
        path: wasm.clone(),
        source,
    })?;
    let script = bundle::viewer_script(&text(glue)?, &wasm_bytes, &text(viewer)?);
    let page = bundle::page(&text(shell)?, &script)?;
    write(out, page.as_bytes())?;
    println!("wrote {} ({} bytes)", out.display(), page.len());
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
