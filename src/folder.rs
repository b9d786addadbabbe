//! Reading a corpus folder: every `.txt` file becomes a document with an id, a title and a
//! source. Runs at build time, natively.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::index::NewDocument;

/// Titles longer than this many characters are cut at a word boundary and end with `…`.
pub const MAX_TITLE_CHARS: usize = 120;

/// The documents of a folder's `.txt` files, sorted by file name.
///
/// The id is the file name without its extension, the source the file name, and the title the
/// first line that holds a word of two or more letters (see [`title_of`]).
pub fn read_folder(dir: &Path) -> Result<Vec<NewDocument>, Error> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io(dir))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io(dir))?;
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Corpus(format!(
            "{}: no .txt files to index",
            dir.display()
        )));
    }
    paths
        .iter()
        .map(|path| {
            let bytes = fs::read(path).map_err(io(path))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| Error::Corpus(format!("{}: not UTF-8 text ({e})", path.display())))?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let id = path
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Ok(NewDocument {
                title: title_of(&text, &id),
                id,
                source: name,
                text,
            })
        })
        .collect()
}

/// A title taken from the text itself: the first line holding a word of at least two letters
/// (so a banner such as `728 x 90` is passed over), cut to [`MAX_TITLE_CHARS`]; `fallback` when
/// no line qualifies.
pub fn title_of(text: &str, fallback: &str) -> String {
    let line = text.lines().map(str::trim).find(|line| {
        line.split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() >= 2)
    });
    match line {
        Some(line) => shorten(line, MAX_TITLE_CHARS),
        None => fallback.to_string(),
    }
}

fn shorten(line: &str, max: usize) -> String {
    if line.chars().count() <= max {
        return line.to_string();
    }
    let cut: String = line.chars().take(max).collect();
    let at_space = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..at_space].trim_end_matches(|c: char| !c.is_alphanumeric())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_table() {
        let long = "word ".repeat(40);
        let cases: &[(&str, &str, &str)] = &[
            (
                "first line",
                "Leader Meets Leaders\n\nBody",
                "Leader Meets Leaders",
            ),
            (
                "leading blank lines",
                "\n\n  Title here  \nBody",
                "Title here",
            ),
            (
                "banner skipped",
                "728 x 90\n\nIran: Khamenei reveals",
                "Iran: Khamenei reveals",
            ),
            ("no words", "123\n---", "fallback"),
            ("empty", "", "fallback"),
        ];
        for &(name, text, expected) in cases {
            assert_eq!(title_of(text, "fallback"), expected, "{name}");
        }
        let title = title_of(&long, "x");
        assert!(
            title.ends_with("word…") && title.chars().count() <= MAX_TITLE_CHARS + 1,
            "{title}"
        );
    }
}
