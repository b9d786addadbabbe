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
use crate::parallel::{cores, in_parallel};

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
    // Files are read and prepared a group at a time on every core, and handed on in order.
    let mut rest = &files[..];
    while !rest.is_empty() {
        let (group, after) = rest.split_at(group_length(rest));
        rest = after;
        let prepared = in_parallel(group, cores(), |file| {
            collector.prepare(&file.relative, file.kind, read_bounded(&file.path))
        });
        for (file, prepared) in group.iter().zip(prepared) {
            if let Some(document) = collector.accept(&file.relative, prepared) {
                each(document)?;
            }
        }
    }
    Ok(collector.finish(found))
}

/// How many files read side by side: at most [`GROUP_FILES`] files and, but for the first
/// one, [`GROUP_BYTES`], so that memory holds a few large files at most.
fn group_length(files: &[Candidate]) -> usize {
    let mut bytes = 0;
    let mut length = 0;
    for file in files.iter().take(GROUP_FILES) {
        bytes += file.bytes;
        if length > 0 && bytes > GROUP_BYTES {
            break;
        }
        length += 1;
    }
    length
}

/// At most how many files are read side by side.
const GROUP_FILES: usize = 64;

/// At most how many bytes of files are read side by side (but for a single larger file).
const GROUP_BYTES: u64 = 8 * 1024 * 1024;

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
    fn files_are_read_side_by_side_in_groups_bounded_by_count_and_bytes() {
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
        assert_eq!(group_length(&files(&[10; 100])), GROUP_FILES);
        assert_eq!(group_length(&files(&[10; 3])), 3);
        let half = GROUP_BYTES / 2;
        assert_eq!(group_length(&files(&[half, half, 1, 1])), 2);
        // A file larger than the bound goes alone, and is still read.
        assert_eq!(group_length(&files(&[GROUP_BYTES * 2, 1])), 1);
        assert_eq!(group_length(&files(&[1, GROUP_BYTES * 2])), 1);
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
