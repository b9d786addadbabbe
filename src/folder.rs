//! Reading a corpus folder at build time: every `.txt`, `.md` and `.html` file below it becomes
//! a document (see [`crate::collect`] for how, and for the manifest, `corpus.toml`). Only
//! regular files are read, with a bound on their size; files that cannot be used are reported
//! with the reason, never dropped silently.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::collect::{kind_of, too_large, Collector, Kind};
pub use crate::collect::{FolderReport, Skipped, MANIFEST, MAX_FILE_BYTES, MAX_TITLE_CHARS};
use crate::error::BuildError;
use crate::index::NewDocument;
use crate::parallel::{cores, in_order};

/// A candidate file found by [`walk`]: its path relative to the corpus folder, the path to
/// read it from, and its kind.
struct Candidate {
    relative: String,
    path: PathBuf,
    kind: Kind,
    /// Its size when found (it may change before it is read).
    bytes: u64,
}

/// Reads every document below `dir`. Fails only when the folder cannot be read or the manifest
/// is invalid; a file that cannot be used is reported in [`FolderReport::skipped`].
///
/// A document's id is its path relative to `dir` without the extension (`reports/2020-11`), or
/// with it when another file already has that id; its source the manifest's or else the
/// relative path, its title the manifest's, else an HTML `<title>`, else the first line holding
/// a word of two or more letters.
///
/// Only regular files are read, and links to regular files inside `dir`; hidden files and
/// folders (names starting with a dot), links to folders, links leading out of `dir`, and
/// FIFOs, sockets and devices are reported as skipped, a hidden folder once for all it holds.
pub fn read_folder(dir: &Path) -> Result<FolderReport, BuildError> {
    let mut documents = Vec::new();
    let mut report = read_folder_each(dir, |document| {
        documents.push(document);
        Ok(())
    })?;
    report.documents = documents;
    Ok(report)
}

/// Reads every document below `dir` as [`read_folder`] does, but hands each to `each` as soon
/// as it is read, in the same order, instead of keeping them all: a corpus larger than memory
/// can be indexed. Stops at the first error `each` returns.
pub fn read_folder_each(
    dir: &Path,
    mut each: impl FnMut(NewDocument) -> Result<(), BuildError>,
) -> Result<FolderReport, BuildError> {
    read_folder_each_with(dir, |_| (), |document, ()| each(document))
}

/// Reads every document below `dir` as [`read_folder_each`] does, handing each to `each` with
/// what `with` makes of it. `with` runs on the threads that read the files, on every core,
/// while `each` has the documents before: work on a document that needs nothing else (as
/// analyzing its text) goes on side by side with what `each` must do in order.
pub fn read_folder_each_with<T: Send>(
    dir: &Path,
    with: impl Fn(&NewDocument) -> T + Sync,
    mut each: impl FnMut(NewDocument, T) -> Result<(), BuildError>,
) -> Result<FolderReport, BuildError> {
    if !dir.is_dir() {
        return Err(BuildError::Corpus(format!(
            "{}: not a folder",
            dir.display()
        )));
    }
    let root = dir.canonicalize().map_err(|source| BuildError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let manifest_path = dir.join(MANIFEST);
    let manifest = match fs::read_to_string(&manifest_path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(BuildError::Io {
                path: manifest_path,
                source,
            })
        }
    };
    let folder_name = root
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let mut collector = Collector::new(manifest.as_deref(), &manifest_path.display().to_string())?
        .with_folder_name(folder_name);

    let mut files = Vec::new();
    walk(&root, dir, "", &mut files, &mut collector);
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    let found = files.len() + collector.skipped();
    // Files are read and prepared on every core and handed on in order, the threads going on
    // with the files after while `each` has one: at most [`AHEAD_FILES`] files and, but for
    // the next one, [`AHEAD_BYTES`], so that memory holds a few large files at most.
    let ends = ends_of(&files);
    let preparer = collector.preparer();
    let in_path_order: Vec<&Candidate> = files.iter().collect();
    in_order(
        &in_path_order,
        cores(),
        |first, item| may_read_ahead(&ends, first, item),
        |&file| {
            let prepared = preparer.prepare(&file.relative, file.kind, read_bounded(&file.path));
            let with = prepared.document().map(&with);
            (file, prepared, with)
        },
        |(file, prepared, with)| match (collector.accept(&file.relative, prepared), with) {
            (Some(document), Some(with)) => each(document, with),
            _ => Ok(()),
        },
    )?;
    Ok(collector.finish(found))
}

/// Where each file ends in all the files' bytes one after another, after a 0.
fn ends_of(files: &[Candidate]) -> Vec<u64> {
    let mut ends = Vec::with_capacity(files.len() + 1);
    ends.push(0);
    for file in files {
        ends.push(ends.last().copied().unwrap_or(0) + file.bytes);
    }
    ends
}

/// Whether file `item` may be read while file `first` is the next to be handed on, given
/// [`ends_of`] the files: when it is at most [`AHEAD_FILES`] files and [`AHEAD_BYTES`] on.
fn may_read_ahead(ends: &[u64], first: usize, item: usize) -> bool {
    item < first + AHEAD_FILES && ends[item + 1] - ends[first] <= AHEAD_BYTES
}

/// At most how many files are read ahead of the one handed on.
const AHEAD_FILES: usize = 4096;

/// At most how many bytes of files are read ahead of the one handed on (but for a single
/// larger file).
const AHEAD_BYTES: u64 = 16 * 1024 * 1024;

/// A file name as text: UTF-8 as it is; any other bytes read as windows-1252, which gives
/// every byte its own character, so two different names never become one (the second field
/// says so).
fn name_of(name: &std::ffi::OsStr) -> (String, bool) {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        match std::str::from_utf8(name.as_bytes()) {
            Ok(name) => (name.to_string(), false),
            Err(_) => {
                let (name, _, _) = encoding_rs::WINDOWS_1252.decode(name.as_bytes());
                (name.into_owned(), true)
            }
        }
    }
    #[cfg(not(unix))]
    {
        match name.to_str() {
            Some(name) => (name.to_string(), false),
            None => (name.to_string_lossy().into_owned(), true),
        }
    }
}

/// What a file that is neither a regular file, a folder nor a link is, for a person.
fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// Collects candidate files below `dir` (whose path relative to the corpus folder `root`, the
/// canonical one, is `prefix`), in no particular order; reports what it passes over in
/// `report`.
fn walk(root: &Path, dir: &Path, prefix: &str, files: &mut Vec<Candidate>, report: &mut Collector) {
    let skip = |report: &mut Collector, path: &str, reason: &str| report.skip(path, reason);
    // This folder, as a skipped path names it.
    let here = if prefix.is_empty() {
        "."
    } else {
        prefix.trim_end_matches('/')
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skip(report, here, &format!("the folder cannot be read: {e}"));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                skip(
                    report,
                    here,
                    &format!("the folder cannot be read in full: {e}"),
                );
                continue;
            }
        };
        let path = entry.path();
        let (name, guessed) = name_of(&entry.file_name());
        let relative = format!("{prefix}{name}");
        if name == crate::output::FILE_LIST || (prefix.is_empty() && name == MANIFEST) {
            continue;
        }
        let candidate = kind_of(Path::new(&name));
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                skip(report, &relative, &format!("cannot be read: {e}"));
                continue;
            }
        };
        if name.starts_with('.') {
            if kind.is_dir() || candidate.is_some() {
                skip(report, &relative, "hidden: its name starts with a dot");
            }
            continue;
        }
        if guessed && (kind.is_dir() || candidate.is_some()) {
            report.warn(format!(
                "{relative}: the name is not UTF-8; read as windows-1252"
            ));
        }
        if kind.is_dir() {
            walk(root, &path, &format!("{relative}/"), files, report);
        } else if kind.is_symlink() {
            let Ok(target) = path.canonicalize() else {
                if candidate.is_some() {
                    skip(
                        report,
                        &relative,
                        "a link to nothing: its target does not exist",
                    );
                }
                continue;
            };
            let target_meta = fs::metadata(&target);
            let target_kind = target_meta.as_ref().map(|m| m.file_type());
            if target_kind.as_ref().is_ok_and(fs::FileType::is_dir) {
                skip(
                    report,
                    &relative,
                    "a link to a folder: links to folders are not followed",
                );
                continue;
            }
            let Some(kind) = candidate else { continue };
            if !target.starts_with(root) {
                skip(
                    report,
                    &relative,
                    "links to a file outside the corpus folder",
                );
            } else {
                match target_kind {
                    Ok(t) if t.is_file() => files.push(Candidate {
                        relative,
                        path: target,
                        kind,
                        bytes: target_meta.as_ref().map_or(0, fs::Metadata::len),
                    }),
                    Ok(t) => skip(
                        report,
                        &relative,
                        &format!("links to {}, not a regular file", special_kind(&t)),
                    ),
                    Err(e) => skip(report, &relative, &format!("cannot be read: {e}")),
                }
            }
        } else if let Some(document_kind) = candidate {
            if kind.is_file() {
                files.push(Candidate {
                    bytes: entry.metadata().map_or(0, |m| m.len()),
                    relative,
                    path,
                    kind: document_kind,
                });
            } else {
                let reason = format!("not a regular file but {}", special_kind(&kind));
                skip(report, &relative, &reason);
            }
        }
    }
}

/// The bytes of a regular file, at most [`MAX_FILE_BYTES`] of them.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    // Checked before opening: opening a FIFO waits for a writer, forever.
    let meta = fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "not a regular file but {}",
            special_kind(&meta.file_type())
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_ahead_as_far_as_their_count_and_bytes_allow() {
        let files = |sizes: &[u64]| -> Vec<Candidate> {
            sizes
                .iter()
                .map(|&bytes| Candidate {
                    relative: String::new(),
                    path: PathBuf::new(),
                    kind: Kind::Text,
                    bytes,
                })
                .collect()
        };
        // How many files may be read from `first` on.
        let reach = |sizes: &[u64], first: usize| {
            let ends = ends_of(&files(sizes));
            (first..sizes.len())
                .take_while(|&item| may_read_ahead(&ends, first, item))
                .count()
        };
        assert_eq!(reach(&[10; AHEAD_FILES + 1000], 0), AHEAD_FILES);
        assert_eq!(reach(&[10; AHEAD_FILES + 1000], AHEAD_FILES + 900), 100);
        let half = AHEAD_BYTES / 2;
        assert_eq!(reach(&[1, half, half, 1, 1], 0), 2);
        assert_eq!(reach(&[1, half, half, 1, 1], 1), 2);
        assert_eq!(reach(&[1, half, half, 1, 1], 2), 3);
        // A file larger than the bound is read alone (the next file is always read).
        let large = AHEAD_BYTES * 2;
        assert_eq!(reach(&[large, 1], 0), 0);
        assert_eq!(reach(&[1, large], 0), 1);
    }

    #[test]
    fn names_that_are_not_utf8_stay_distinct() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = name_of(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
            let b = name_of(std::ffi::OsStr::from_bytes(b"caf\xe8.txt"));
            assert_eq!(a, ("café.txt".to_string(), true));
            assert_eq!(b, ("cafè.txt".to_string(), true));
            // Every byte has its own character, even those windows-1252 leaves undefined.
            let c = name_of(std::ffi::OsStr::from_bytes(b"\x81\x8d.txt"));
            assert_eq!(c.0.chars().count(), 6);
        }
        assert_eq!(
            name_of("plain.txt".as_ref()),
            ("plain.txt".to_string(), false)
        );
    }
}
