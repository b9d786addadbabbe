//! Reading a corpus folder at build time: every `.txt`, `.md` and `.html` file below it becomes
//! a document, with metadata from an optional manifest, `corpus.toml`. Files that cannot be
//! used are reported with the reason, never dropped silently.
//!
//! ```toml
//! title = "The corpus title"                # optional
//!
//! [documents."reports/2020-11.md"]          # a path relative to the folder
//! title = "Iran: Khamenei reveals his fear" # each field optional
//! source = "PMOI/MEK"
//! date = "2020-11-04"                       # YYYY, YYYY-MM or YYYY-MM-DD
//! url = "https://example.org/article"
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::extract;
use crate::index::NewDocument;

/// Titles longer than this many characters are cut at a word boundary and end with `…`.
pub const MAX_TITLE_CHARS: usize = 120;
/// Files larger than this are skipped.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The manifest's file name.
pub const MANIFEST: &str = "corpus.toml";

/// What reading a folder found.
#[derive(Debug, Default)]
pub struct FolderReport {
    /// The corpus title, from the manifest.
    pub title: Option<String>,
    /// The documents, sorted by path.
    pub documents: Vec<NewDocument>,
    /// Candidate files that were not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    /// Things worth knowing that did not stop a file (a guessed encoding, a manifest entry
    /// for a missing file).
    pub warnings: Vec<String>,
    /// How many candidate files (by extension) were found.
    pub found: usize,
}

/// A file that was not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path relative to the corpus folder, with `/` separators.
    pub path: String,
    /// Why, for a person.
    pub reason: String,
}

/// One document's entry in the manifest.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    title: Option<String>,
    source: Option<String>,
    date: Option<toml::Spanned<String>>,
    url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    title: Option<String>,
    #[serde(default)]
    documents: BTreeMap<String, Entry>,
}

/// The kinds of file a corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(Kind::Text),
        "md" | "markdown" => Some(Kind::Markdown),
        "html" | "htm" => Some(Kind::Html),
        _ => None,
    }
}

/// Reads every document below `dir`. Fails only when the folder cannot be read or the manifest
/// is invalid; a file that cannot be used is reported in [`FolderReport::skipped`].
///
/// A document's id is its path relative to `dir` without the extension (`reports/2020-11`),
/// its source the manifest's or else the relative path, its title the manifest's, else an
/// HTML `<title>`, else the first line holding a word of two or more letters.
pub fn read_folder(dir: &Path) -> Result<FolderReport, Error> {
    if !dir.is_dir() {
        return Err(Error::Corpus(format!("{}: not a folder", dir.display())));
    }
    let mut report = FolderReport::default();
    let manifest = read_manifest(dir)?;
    report.title = manifest.title.clone();

    let mut files = Vec::new();
    walk(dir, dir, &mut files, &mut report.skipped);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    report.found = files.len() + report.skipped.len();

    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for (relative, path, kind) in files {
        let entry = manifest.documents.get(&relative);
        match read_document(&path, kind, &relative, entry, &mut report.warnings) {
            Ok(document) => {
                if let Some(first) = ids.get(&document.id) {
                    report.skipped.push(Skipped {
                        path: relative,
                        reason: format!("its id {:?} is already taken by {first}", document.id),
                    });
                    continue;
                }
                ids.insert(document.id.clone(), relative);
                report.documents.push(document);
            }
            Err(reason) => report.skipped.push(Skipped {
                path: relative,
                reason,
            }),
        }
    }
    for path in manifest.documents.keys() {
        if !ids.values().any(|p| p == path) && !report.skipped.iter().any(|s| &s.path == path) {
            report.warnings.push(format!(
                "{MANIFEST} names {path:?}, which is not a document in the folder"
            ));
        }
    }
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(report)
}

fn read_manifest(dir: &Path) -> Result<Manifest, Error> {
    let path = dir.join(MANIFEST);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
        Err(source) => return Err(Error::Io { path, source }),
    };
    let manifest: Manifest = toml::from_str(&text)
        .map_err(|e| Error::Corpus(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
    for (file, entry) in &manifest.documents {
        if let Some(date) = &entry.date {
            if !is_date(date.get_ref()) {
                let (line, column) = line_and_column(&text, date.span().start);
                return Err(Error::Corpus(format!(
                    "{}:{line}:{column}: the date {:?} of {file:?} is not YYYY, YYYY-MM or YYYY-MM-DD",
                    path.display(),
                    date.get_ref()
                )));
            }
        }
    }
    Ok(manifest)
}

fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |s: &str, max: u32| s.parse::<u32>().is_ok_and(|v| (1..=max).contains(&v));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => {
            digits(y, 4) && digits(m, 2) && in_range(m, 12) && digits(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Collects candidate files below `dir`, in no particular order; unreadable folders are
/// reported as skipped.
fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<(String, PathBuf, Kind)>,
    skipped: &mut Vec<Skipped>,
) {
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped {
                path: relative(dir),
                reason: format!("the folder cannot be read: {e}"),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(root, &path, files, skipped),
            Ok(_) => {
                if let Some(kind) = kind_of(&path) {
                    files.push((relative(&path), path, kind));
                }
            }
            Err(e) => skipped.push(Skipped {
                path: relative(&path),
                reason: format!("cannot be read: {e}"),
            }),
        }
    }
}

fn read_document(
    path: &Path,
    kind: Kind,
    relative: &str,
    entry: Option<&Entry>,
    warnings: &mut Vec<String>,
) -> Result<NewDocument, String> {
    let size = fs::metadata(path)
        .map_err(|e| format!("cannot be read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{} MiB is over the {} MiB limit for one file",
            size.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    let source = decode(&bytes).map_err(str::to_string)?;
    if let Some(encoding) = source.1 {
        warnings.push(format!("{relative}: not UTF-8; read as {encoding}"));
    }
    let source = source.0;
    let extracted = match kind {
        Kind::Text => extract::Extracted {
            text: source,
            ..Default::default()
        },
        Kind::Markdown => extract::markdown(&source),
        Kind::Html => extract::html(&source),
    };
    if extracted.text.trim().is_empty() {
        return Err(if bytes.is_empty() {
            "the file is empty".into()
        } else {
            "the file holds no text".into()
        });
    }
    let id = match relative.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => relative.to_string(),
    };
    let entry_title = entry
        .and_then(|e| e.title.clone())
        .filter(|t| !t.trim().is_empty());
    let title = entry_title
        .or(extracted.title.clone())
        .unwrap_or_else(|| title_of(&extracted.text, &id));
    Ok(NewDocument {
        title,
        source: entry
            .and_then(|e| e.source.clone())
            .unwrap_or_else(|| relative.to_string()),
        date: entry.and_then(|e| e.date.as_ref().map(|d| d.get_ref().clone())),
        url: entry.and_then(|e| e.url.clone()),
        headings: extracted
            .headings
            .iter()
            .map(|r| [r.start as u32, r.end as u32])
            .collect(),
        text: extracted.text,
        id,
    })
}

/// The text of a file: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark, or,
/// when every byte is a printable windows-1252 character, windows-1252 (named in the second
/// field). Anything else, and anything with NUL bytes, is refused with the reason.
fn decode(bytes: &[u8]) -> Result<(String, Option<&'static str>), &'static str> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err("its byte-order mark says UTF-8 or UTF-16, but the bytes are not");
        }
        let name = (encoding != encoding_rs::UTF_8).then_some(encoding.name());
        return Ok((text.into_owned(), name));
    }
    if bytes.contains(&0) {
        return Err("binary file (it holds NUL bytes)");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), None));
    }
    // Bytes windows-1252 leaves undefined, and C0 controls other than tab and line breaks, mark
    // a file that is neither text in that encoding nor safe to guess.
    let undefined = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
    let plausible = bytes.iter().all(|&b| {
        !undefined.contains(&b) && (b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    });
    if plausible {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        return Ok((text.into_owned(), Some("windows-1252")));
    }
    Err("not UTF-8, and its encoding cannot be told safely")
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

    #[test]
    fn decoding_table() {
        type Decoded<'a> = Result<(&'a str, Option<&'a str>), &'a str>;
        let cases: &[(&str, &[u8], Decoded)] = &[
            ("utf-8", "café".as_bytes(), Ok(("café", None))),
            ("utf-8 with bom", b"\xEF\xBB\xBFhi", Ok(("hi", None))),
            (
                "utf-16le with bom",
                b"\xFF\xFEh\0i\0",
                Ok(("hi", Some("UTF-16LE"))),
            ),
            (
                "windows-1252",
                b"caf\xe9 \x93quoted\x94",
                Ok(("café “quoted”", Some("windows-1252"))),
            ),
            (
                "nul bytes",
                b"ab\0cd",
                Err("binary file (it holds NUL bytes)"),
            ),
            (
                "control bytes",
                b"\x01\x02\xff\xfe\x03",
                Err("not UTF-8, and its encoding cannot be told safely"),
            ),
        ];
        for (name, bytes, expected) in cases {
            let got = decode(bytes);
            let got = got.as_ref().map(|(t, e)| (t.as_str(), *e)).map_err(|e| *e);
            assert_eq!(got, *expected, "{name}");
        }
    }

    #[test]
    fn dates_and_positions() {
        for ok in ["2020", "2020-11", "2020-11-04"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "",
            "20",
            "2020-13",
            "2020-11-32",
            "Nov 4",
            "2020/11/04",
            "2020-1-4",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!(line_and_column("a\nbc\nd", 4), (2, 3));
    }
}
