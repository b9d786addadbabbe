//! Documents from a corpus's files: the manifest, each file's text, title and metadata, and
//! the ids, whatever reads the files (the command from a folder, the indexer compiled to Wasm
//! from files handed over by Node or a browser). Files that cannot be used are reported with
//! the reason, never dropped silently.
//!
//! The manifest, `corpus.toml` at the top of the folder, is optional:
//!
//! ```toml
//! title = "The corpus title"                # optional
//!
//! [documents."reports/2020-11.md"]          # a path relative to the folder
//! title = "Iran: Khamenei reveals his fear" # each field optional
//! source = "PMOI/MEK"
//! date = "2020-11-04"                       # YYYY, YYYY-MM or YYYY-MM-DD
//! url = "https://example.org/article"
//! lang = "ar"                               # BCP 47; else the HTML's, else detected
//! tags = ["iran", "opinion"]                # or "iran, opinion"; else the file's own
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::error::BuildError;
use crate::extract;
use crate::index::{DocumentMeta, NewDocument};
use crate::language;

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
    /// The documents, sorted by path (none when they were handed on one by one, by
    /// `folder::read_folder_each`).
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
pub(crate) struct Entry {
    title: Option<String>,
    source: Option<String>,
    date: Option<toml::Spanned<String>>,
    url: Option<String>,
    lang: Option<String>,
    tags: Option<TagList>,
}

/// A manifest's `tags`: a list of strings, or one string of tags separated by commas.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TagList {
    List(Vec<String>),
    Text(String),
}

impl TagList {
    /// The tags, as an index keeps them (see [`extract::tags`]).
    fn tags(&self) -> Vec<String> {
        match self {
            TagList::List(items) => extract::tags(items),
            TagList::Text(text) => extract::tags([text]),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Manifest {
    title: Option<String>,
    #[serde(default)]
    documents: BTreeMap<String, Entry>,
}

/// The kinds of file a corpus holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`, `.text`: the text as it is.
    Text,
    /// `.md`, `.markdown`: CommonMark, read as its text with headings kept.
    Markdown,
    /// `.html`, `.htm`: the visible text, with headings kept.
    Html,
}

/// The kind of a file by its name's extension (any case); `None` for a file that is not a
/// document.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(Kind::Text),
        "md" | "markdown" => Some(Kind::Markdown),
        "html" | "htm" => Some(Kind::Html),
        _ => None,
    }
}

impl Manifest {
    /// Reads the manifest's `text`; `path` names it in errors.
    pub(crate) fn parse(text: &str, path: &str) -> Result<Manifest, BuildError> {
        let manifest: Manifest = toml::from_str(text)
            .map_err(|e| BuildError::Corpus(format!("{path}: {}", e.to_string().trim_end())))?;
        for (file, entry) in &manifest.documents {
            if let Some(date) = &entry.date {
                if !is_date(date.get_ref()) {
                    let (line, column) = line_and_column(text, date.span().start);
                    return Err(BuildError::Corpus(format!(
                        "{path}:{line}:{column}: the date {:?} of {file:?} is not YYYY, YYYY-MM or YYYY-MM-DD",
                        date.get_ref()
                    )));
                }
            }
        }
        Ok(manifest)
    }
}

/// Turns a corpus's files, handed over one by one in the order of their paths, into documents
/// with unique ids, and keeps the report.
///
/// A document's id is its path relative to the folder without the extension
/// (`reports/2020-11`), or with it when another file already has that id; its source the
/// manifest's, else its front matter's, else the folder at the top of its path (the corpus
/// folder's name for a file at the top: see [`Collector::with_folder_name`]); its title the manifest's,
/// else the file's own (a Markdown front matter's, an HTML page's `<title>` or `<h1>`), else
/// the first line holding a word of two or more letters; its date and its tags the manifest's,
/// else the file's own (tags also from an HTML `<meta name="keywords">`). HTML redirect stubs and pages that hold only their site's chrome are
/// skipped, with the reason.
pub struct Collector {
    preparer: Preparer,
    /// Document id → the path of its file.
    ids: BTreeMap<String, String>,
    report: FolderReport,
}

/// What preparing a file needs (see [`Collector::prepare`]): the manifest and the corpus
/// folder's name. Cheap to clone, for threads that prepare files while the collector accepts
/// them.
#[derive(Clone)]
pub struct Preparer {
    manifest: Arc<Manifest>,
    /// The corpus folder's own name: the source of the files at its top.
    folder_name: Option<String>,
}

impl Preparer {
    /// As [`Collector::prepare`].
    pub fn prepare(&self, relative: &str, kind: Kind, bytes: Result<Vec<u8>, String>) -> Prepared {
        let entry = self.manifest.documents.get(relative);
        let mut warnings = Vec::new();
        let document = bytes.and_then(|bytes| {
            let folder = self.folder_name.as_deref();
            document_from_bytes(&bytes, kind, relative, entry, folder, &mut warnings)
        });
        Prepared { document, warnings }
    }
}

/// A file [`Collector::prepare`]d: its document or why it is skipped, and what is worth
/// knowing about it.
pub struct Prepared {
    document: Result<NewDocument, String>,
    warnings: Vec<String>,
}

impl Prepared {
    /// Its document, when it is not skipped.
    pub fn document(&self) -> Option<&NewDocument> {
        self.document.as_ref().ok()
    }
}

impl Collector {
    /// A collector for a corpus with the manifest `text`, if it has one (`path` names it in
    /// errors). Fails when the manifest is malformed.
    pub fn new(manifest: Option<&str>, path: &str) -> Result<Collector, BuildError> {
        let manifest = match manifest {
            Some(text) => Manifest::parse(text, path)?,
            None => Manifest::default(),
        };
        let report = FolderReport {
            title: manifest.title.clone(),
            ..FolderReport::default()
        };
        Ok(Collector {
            preparer: Preparer {
                manifest: Arc::new(manifest),
                folder_name: None,
            },
            ids: BTreeMap::new(),
            report,
        })
    }

    /// Names the corpus folder: the source of the files at its top that the manifest gives
    /// none (without a name, their source is their path).
    pub fn with_folder_name(mut self, name: Option<String>) -> Collector {
        self.preparer.folder_name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        self
    }

    /// The document of the file at `relative` (its path in the folder, `/` between names),
    /// given its bytes or why they could not be read; `None` when it is skipped, with the
    /// reason in the report. Call in the order of the paths.
    pub fn add(
        &mut self,
        relative: &str,
        kind: Kind,
        bytes: Result<Vec<u8>, String>,
    ) -> Option<NewDocument> {
        let prepared = self.prepare(relative, kind, bytes);
        self.accept(relative, prepared)
    }

    /// What [`Collector::add`] makes of a file before it gives the document its id: the part
    /// of the work (decoding, extracting, telling the language) that depends on nothing but
    /// the file and the manifest, so that files can be prepared side by side.
    pub fn prepare(&self, relative: &str, kind: Kind, bytes: Result<Vec<u8>, String>) -> Prepared {
        self.preparer.prepare(relative, kind, bytes)
    }

    /// What preparing a file needs, for threads of their own.
    pub fn preparer(&self) -> Preparer {
        self.preparer.clone()
    }

    /// The rest of [`Collector::add`] for a file [`Collector::prepare`]d: its warnings
    /// reported, its id made unique, or its reason for being skipped reported. Call in the
    /// order of the paths.
    pub fn accept(&mut self, relative: &str, prepared: Prepared) -> Option<NewDocument> {
        let Prepared { document, warnings } = prepared;
        self.report.warnings.extend(warnings);
        match document {
            Ok(mut document) => {
                if let Some(first) = self.ids.get(&document.meta.id) {
                    let taken = std::mem::replace(&mut document.meta.id, relative.to_string());
                    let mut n = 1;
                    while self.ids.contains_key(&document.meta.id) {
                        n += 1;
                        document.meta.id = format!("{relative}#{n}");
                    }
                    self.report.warnings.push(format!(
                        "{relative}: its id {taken:?} is already taken by {first}, so its id is {:?}",
                        document.meta.id
                    ));
                }
                self.ids
                    .insert(document.meta.id.clone(), relative.to_string());
                Some(document)
            }
            Err(reason) => {
                self.skip(relative, &reason);
                None
            }
        }
    }

    /// Reports the path as skipped, for `reason`.
    pub fn skip(&mut self, path: &str, reason: &str) {
        self.report.skipped.push(Skipped {
            path: path.to_string(),
            reason: reason.to_string(),
        });
    }

    /// Reports something worth knowing that did not stop a file.
    pub fn warn(&mut self, warning: String) {
        self.report.warnings.push(warning);
    }

    /// How many paths were skipped so far.
    pub fn skipped(&self) -> usize {
        self.report.skipped.len()
    }

    /// The report, with `found` candidate files, a warning for each manifest entry that names
    /// no document, and the skipped paths sorted.
    pub fn finish(mut self, found: usize) -> FolderReport {
        for path in self.preparer.manifest.documents.keys() {
            let used = self.ids.values().any(|p| p == path)
                || self.report.skipped.iter().any(|s| &s.path == path);
            if !used {
                self.report.warnings.push(format!(
                    "{MANIFEST} names {path:?}, which is not a document in the folder"
                ));
            }
        }
        self.report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        self.report.found = found;
        self.report
    }
}

/// The source of a file that names none: the folder at the top of its path, or for a file at
/// the top, the corpus folder's name (else the file's path), so that a flat folder is one
/// source and a folder of folders one source a subfolder.
fn default_source(relative: &str, folder_name: Option<&str>) -> String {
    match relative.split_once('/') {
        Some((top, _)) => top.to_string(),
        None => folder_name.unwrap_or(relative).to_string(),
    }
}

/// A front matter's date as the index keeps dates (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`): a
/// time after the day is dropped; any other date is reported and passed over.
fn front_matter_date(
    date: Option<&str>,
    relative: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let date = date?;
    let day = date.split(['T', ' ']).next().unwrap_or(date);
    if is_date(day) {
        return Some(day.to_string());
    }
    warnings.push(format!(
        "{relative}: the date {date:?} in its front matter is not YYYY, YYYY-MM or YYYY-MM-DD; passed over"
    ));
    None
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

pub(crate) fn too_large(bytes: u64) -> String {
    format!(
        "{} MiB is over the {} MiB limit for one file",
        bytes.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// The document a file's `bytes` hold, or why there is none.
fn document_from_bytes(
    bytes: &[u8],
    kind: Kind,
    relative: &str,
    entry: Option<&Entry>,
    folder_name: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<NewDocument, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let decoded = decode(bytes)?;
    if let Some(encoding) = decoded.encoding {
        warnings.push(format!("{relative}: not UTF-8; read as {encoding}"));
    }
    if decoded.cleaned > 0 {
        warnings.push(format!(
            "{relative}: {} NUL or control bytes cleaned (NULs removed, the others made spaces)",
            decoded.cleaned
        ));
    }
    let mut extracted = match kind {
        Kind::Text => extract::Extracted {
            text: decoded.text,
            ..Default::default()
        },
        Kind::Markdown => extract::markdown(&decoded.text),
        Kind::Html => extract::html(&decoded.text),
    };
    if let Some(url) = &extracted.redirect {
        return Err(format!("a redirect to {url}, not a document"));
    }
    if let Some(reason) = &extracted.front_matter_error {
        warnings.push(format!("{relative}: {reason}; its fields were passed over"));
    }
    let entry_title = entry
        .and_then(|e| e.title.clone())
        .filter(|t| !t.trim().is_empty());
    if extracted.text.trim().is_empty() && extracted.only_chrome && entry_title.is_none() {
        return Err(
            "the page holds only its site's navigation and banners, no text of its own".into(),
        );
    }
    if extracted.text.trim().is_empty() {
        let own_title = extracted.title.clone().filter(|t| !t.trim().is_empty());
        let (title, from) = match (&entry_title, own_title) {
            (Some(title), _) => (title.clone(), MANIFEST),
            (None, Some(title)) => (title, "the file"),
            (None, None) => {
                return Err(if bytes.is_empty() {
                    "the file is empty".into()
                } else {
                    "the file holds no text".into()
                })
            }
        };
        // The title alone, as a heading, keeps the document findable and readable.
        warnings.push(format!(
            "{relative}: the file holds no text; indexed with its title from {from}"
        ));
        extracted.text = title.trim().to_string();
        extracted.headings = std::iter::once(0..extracted.text.len()).collect();
        extracted.code.clear();
    }
    let id = match relative.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => relative.to_string(),
    };
    let lang = language_of(entry, &extracted, relative, warnings);
    let title = entry_title
        .or(extracted.title.clone())
        .unwrap_or_else(|| title_of(&extracted.text, &id));
    Ok(NewDocument {
        meta: DocumentMeta {
            id,
            title,
            source: entry
                .and_then(|e| e.source.clone())
                .or(extracted.source.clone())
                .unwrap_or_else(|| default_source(relative, folder_name)),
            date: match entry.and_then(|e| e.date.as_ref()) {
                Some(date) => Some(date.get_ref().clone()),
                None => front_matter_date(extracted.date.as_deref(), relative, warnings),
            },
            url: entry.and_then(|e| e.url.clone()),
            lang,
            tags: match entry.and_then(|e| e.tags.as_ref()) {
                Some(tags) => tags.tags(),
                None => extracted.tags.clone(),
            },
        },
        headings: ranges(&extracted.headings),
        code: ranges(&extracted.code),
        text: extracted.text,
    })
}

/// Byte ranges as an index keeps them.
fn ranges(ranges: &[std::ops::Range<usize>]) -> Vec<[u32; 2]> {
    ranges
        .iter()
        .map(|r| [r.start as u32, r.end as u32])
        .collect()
}

/// A document's language: the manifest's, else the HTML's own (`<html lang>`), else detected
/// from its text (see [`language::detect`]). A tag that is not one is reported and passed over.
fn language_of(
    entry: Option<&Entry>,
    extracted: &extract::Extracted,
    relative: &str,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let given = [
        (entry.and_then(|e| e.lang.as_deref()), MANIFEST),
        (extracted.lang.as_deref(), "the file"),
    ];
    for (tag, from) in given {
        let Some(tag) = tag.map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        if language::is_language_tag(tag) {
            return Some(tag.to_string());
        }
        warnings.push(format!(
            "{relative}: the language {tag:?} in {from} is not a language tag such as \"en\" or \"ar\"; passed over"
        ));
    }
    language::detect(&extracted.text).map(str::to_string)
}

/// How many bytes at the start of a file [`decode`] looks at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// A file's text, as [`decode`] found it.
#[derive(Debug, PartialEq, Eq)]
struct Decoded {
    text: String,
    /// The encoding, when not UTF-8.
    encoding: Option<&'static str>,
    /// How many NUL and control characters were removed or made spaces.
    cleaned: usize,
}

/// C0 controls that are not tab, line feed, carriage return or form feed.
fn is_stray_control(c: u32) -> bool {
    c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D)
}

/// The text of a file: UTF-8 (a byte-order mark dropped), UTF-16 with a byte-order mark, or,
/// when no byte is one windows-1252 leaves undefined, windows-1252. Stray NUL and control
/// characters are cleaned (NULs removed, the others made spaces) and counted. A file is refused
/// as binary when over a tenth of its first [`SNIFF_BYTES`] are NUL or control bytes, or when
/// it is neither UTF-8 nor plausible windows-1252; the reason says which.
fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let (text, encoding) = if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err("its byte-order mark says UTF-8 or UTF-16, but the bytes are not".into());
        }
        let name = (encoding != encoding_rs::UTF_8).then_some(encoding.name());
        (text.into_owned(), name)
    } else {
        let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
        let controls = sample
            .iter()
            .filter(|&&b| is_stray_control(b.into()))
            .count();
        if controls * 10 > sample.len() {
            return Err(format!(
                "binary file: {controls} of its first {} bytes are NUL or control bytes",
                sample.len()
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(_) => {
                // Bytes windows-1252 leaves undefined mark a file that is not text in it.
                let undefined = [0x81, 0x8D, 0x8F, 0x90, 0x9D];
                if bytes.iter().any(|b| undefined.contains(b)) {
                    return Err("binary or unknown encoding: not UTF-8, and it holds bytes \
                         windows-1252 leaves undefined, so its encoding cannot be told safely"
                        .into());
                }
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                (text.into_owned(), Some("windows-1252"))
            }
        }
    };
    let cleaned = text.chars().filter(|&c| is_stray_control(c.into())).count();
    let text = if cleaned == 0 {
        text
    } else {
        text.chars()
            .filter(|&c| c != '\0')
            .map(|c| if is_stray_control(c.into()) { ' ' } else { c })
            .collect()
    };
    Ok(Decoded {
        text,
        encoding,
        cleaned,
    })
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
        // (name, bytes, text or the start of the reason, encoding, bytes cleaned)
        type Case<'a> = (
            &'a str,
            &'a [u8],
            Result<&'a str, &'a str>,
            Option<&'a str>,
            usize,
        );
        let mostly_text = [b"word ".repeat(40).as_slice(), b"\0\x01\x02"].concat();
        let cases: &[Case] = &[
            ("utf-8", "café".as_bytes(), Ok("café"), None, 0),
            ("utf-8 with bom", b"\xEF\xBB\xBFhi", Ok("hi"), None, 0),
            (
                "utf-16le with bom",
                b"\xFF\xFEh\0i\0",
                Ok("hi"),
                Some("UTF-16LE"),
                0,
            ),
            (
                "windows-1252",
                b"caf\xe9 \x93quoted\x94",
                Ok("café “quoted”"),
                Some("windows-1252"),
                0,
            ),
            (
                "stray nul and controls",
                b"ab\0cd\x07e\tf\x0cg and more words",
                Ok("abcd e\tf\x0cg and more words"),
                None,
                2,
            ),
            (
                "windows-1252 with a nul",
                b"caf\xe9\0 ok text here",
                Ok("café ok text here"),
                Some("windows-1252"),
                1,
            ),
            (
                "a few at the end",
                &mostly_text,
                Ok(&"word ".repeat(40)),
                None,
                3,
            ),
            (
                "utf-16 without bom",
                b"h\0e\0l\0l\0o\0",
                Err("binary file: 5 of its first 10 bytes"),
                None,
                0,
            ),
            (
                "control bytes",
                b"\x01\x02\xff\xfe\x03",
                Err("binary file: 3 of its first 5 bytes"),
                None,
                0,
            ),
            (
                "undefined in windows-1252",
                b"text \x81\x8d more text",
                Err("binary or unknown encoding"),
                None,
                0,
            ),
        ];
        for &(name, bytes, expected, encoding, cleaned) in cases {
            match (decode(bytes), expected) {
                (Ok(got), Ok(text)) => {
                    assert_eq!(got.text.trim_end(), text.trim_end(), "{name}");
                    assert_eq!((got.encoding, got.cleaned), (encoding, cleaned), "{name}");
                }
                (Err(reason), Err(start)) => assert!(reason.starts_with(start), "{name}: {reason}"),
                (got, _) => panic!("{name}: {got:?}"),
            }
        }
    }

    #[test]
    fn tags_come_from_the_manifest_before_the_files_own() {
        let manifest = r#"
[documents."listed.md"]
tags = ["b", " a ", "b", ""]
[documents."text.md"]
tags = "x, y,,x"
[documents."none.md"]
tags = []
"#;
        let mut collector = Collector::new(Some(manifest), MANIFEST).unwrap();
        let front = "---\ntags: [own]\nkeywords: mine, too\n---\nSome text here.";
        let mut tags_of = |path: &str| {
            let bytes = Ok(front.as_bytes().to_vec());
            collector
                .add(path, Kind::Markdown, bytes)
                .unwrap()
                .meta
                .tags
        };
        assert_eq!(tags_of("listed.md"), ["a", "b"]);
        assert_eq!(tags_of("text.md"), ["x", "y"]);
        assert!(
            tags_of("none.md").is_empty(),
            "an empty list in the manifest wins"
        );
        assert_eq!(tags_of("other.md"), ["mine", "own", "too"]);
        let error = Collector::new(Some("[documents.\"a.md\"]\ntags = 3\n"), MANIFEST)
            .err()
            .expect("tags that are neither a list nor a string are refused");
        assert!(error.to_string().contains("corpus.toml"), "{error}");
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
