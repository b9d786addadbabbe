//! Reading corpus folders: every kind of file, good and bad, and the build tool's summary.

use std::path::{Path, PathBuf};
use std::process::Command;

use corpus_viewer::folder::{read_folder, MAX_FILE_BYTES};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mixed")
}

/// A fresh folder under the target directory, holding `files` (path, bytes).
fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

#[test]
fn every_kind_of_file_is_indexed_or_skipped_with_its_reason() {
    let report = read_folder(&fixture()).unwrap();
    let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["latin1", "notes/guide", "plain", "utf16", "web/page"]);
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("archive.txt", "binary file (it holds NUL bytes)"),
            ("blank.txt", "the file holds no text"),
            (
                "dangling.txt",
                "cannot be read: No such file or directory (os error 2)"
            ),
            ("empty.txt", "the file is empty"),
            (
                "garbage.txt",
                "not UTF-8, and its encoding cannot be told safely"
            ),
            (
                "notes/guide.txt",
                "its id \"notes/guide\" is already taken by notes/guide.md"
            ),
        ]
    );
    assert_eq!(report.found, 11);
    assert_eq!(
        report.warnings,
        [
            "latin1.txt: not UTF-8; read as windows-1252",
            "utf16.txt: not UTF-8; read as UTF-16LE",
            "corpus.toml names \"missing.txt\", which is not a document in the folder",
        ]
    );
    assert_eq!(report.title.as_deref(), Some("Fixture corpus"));
}

#[test]
fn metadata_comes_from_the_manifest_then_from_the_file() {
    let report = read_folder(&fixture()).unwrap();
    let doc = |id: &str| report.documents.iter().find(|d| d.id == id).unwrap();

    let plain = doc("plain");
    assert_eq!(plain.title, "A plain text file");
    assert_eq!(plain.source, "Fixture Press");
    assert_eq!(plain.date.as_deref(), Some("2020-11-04"));
    assert_eq!(plain.url.as_deref(), Some("https://example.org/plain"));
    assert!(plain.text.starts_with("Plain text, in UTF-8: café"));

    let guide = doc("notes/guide");
    assert_eq!(
        (guide.title.as_str(), guide.source.as_str()),
        ("A Markdown guide", "Fixture Notes")
    );
    assert_eq!(guide.date.as_deref(), Some("2021-03"));
    let headings: Vec<&str> = guide
        .headings
        .iter()
        .map(|&[s, e]| &guide.text[s as usize..e as usize])
        .collect();
    assert_eq!(headings, ["A Markdown guide", "Second heading"]);
    assert!(guide.text.contains("Some emphasis and a link."));

    let page = doc("web/page");
    assert_eq!(
        (page.title.as_str(), page.source.as_str()),
        ("An HTML page", "web/page.html")
    );
    assert_eq!(
        page.text,
        "Visible heading\n\nVisible paragraph about Palestine."
    );
    assert_eq!(page.date, None);

    assert_eq!(
        doc("latin1").text,
        "Café in windows-1252, with “curly quotes”.\n"
    );
    assert_eq!(doc("utf16").text, "UTF-16 text\n");
}

#[test]
fn a_malformed_manifest_is_an_error_with_line_and_column() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "syntax",
            "title = \"x\"\n[documents.\"a.txt\"\nsource = 1\n",
            "line 2, column",
        ),
        (
            "unknown field",
            "[documents.\"a.txt\"]\nsorce = \"typo\"\n",
            "unknown field `sorce`",
        ),
        (
            "wrong type",
            "[documents.\"a.txt\"]\ndate = 2020\n",
            "invalid type",
        ),
        (
            "bad date",
            "[documents.\"a.txt\"]\nsource = \"s\"\ndate = \"Nov 4\"\n",
            "corpus.toml:3:8: the date \"Nov 4\"",
        ),
    ];
    for (name, manifest, expected) in cases {
        let dir = folder(
            &format!("manifest-{}", name.replace(' ', "-")),
            &[("a.txt", b"text"), ("corpus.toml", manifest.as_bytes())],
        );
        let error = read_folder(&dir).unwrap_err().to_string();
        assert!(error.contains(expected), "{name}: {error}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_skipped() {
    let dir = folder("oversized", &[("small.txt", b"fine")]);
    let big = std::fs::File::create(dir.join("big.txt")).unwrap();
    big.set_len(MAX_FILE_BYTES + 1).unwrap();
    let report = read_folder(&dir).unwrap();
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.skipped[0].path, "big.txt");
    assert_eq!(
        report.skipped[0].reason,
        "17 MiB is over the 16 MiB limit for one file"
    );
}

fn run_index(dir: &Path) -> (bool, String, String) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}.bin",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-viewer"))
        .args(["index".as_ref(), dir.as_os_str(), out.as_os_str()])
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_build_tool_names_each_skipped_file_and_sums_up() {
    let (ok, stdout, stderr) = run_index(&fixture());
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("found 11, indexed 5, skipped 6"),
        "{stdout}"
    );
    assert!(
        stderr.contains("skipped garbage.txt: not UTF-8, and its encoding cannot be told safely"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: corpus.toml names \"missing.txt\""),
        "{stderr}"
    );
}

#[test]
fn the_build_tool_fails_when_nothing_can_be_indexed_or_the_manifest_is_invalid() {
    let nothing = folder("nothing", &[("empty.txt", b""), ("notes.csv", b"a,b")]);
    let (ok, stdout, stderr) = run_index(&nothing);
    assert!(!ok);
    assert!(stdout.contains("found 1, indexed 0, skipped 1"), "{stdout}");
    assert!(stderr.contains("nothing to index"), "{stderr}");

    let invalid = folder(
        "invalid-manifest",
        &[("a.txt", b"text"), ("corpus.toml", b"title = ")],
    );
    let (ok, _, stderr) = run_index(&invalid);
    assert!(!ok);
    assert!(stderr.contains("corpus.toml"), "{stderr}");

    let (ok, _, stderr) = run_index(Path::new("/nonexistent/folder"));
    assert!(!ok);
    assert!(stderr.contains("not a folder"), "{stderr}");
}
