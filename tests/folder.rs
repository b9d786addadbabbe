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
    let ids: Vec<&str> = report
        .documents
        .iter()
        .map(|d| d.meta.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "latin1",
            "notes/guide",
            "notes/guide.txt",
            "plain",
            "utf16",
            "web/page"
        ]
    );
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "archive.txt",
                "binary file: 5 of its first 17 bytes are NUL or control bytes"
            ),
            ("blank.txt", "the file holds no text"),
            (
                "dangling.txt",
                "a link to nothing: its target does not exist"
            ),
            ("empty.txt", "the file is empty"),
            (
                "garbage.txt",
                "binary file: 3 of its first 12 bytes are NUL or control bytes"
            ),
        ]
    );
    assert_eq!(report.found, 11);
    assert_eq!(
        report.warnings,
        [
            "latin1.txt: not UTF-8; read as windows-1252",
            "notes/guide.txt: its id \"notes/guide\" is already taken by notes/guide.md, so its id is \"notes/guide.txt\"",
            "utf16.txt: not UTF-8; read as UTF-16LE",
            "corpus.toml names \"missing.txt\", which is not a document in the folder",
        ]
    );
    assert_eq!(report.title.as_deref(), Some("Fixture corpus"));
}

#[test]
fn metadata_comes_from_the_manifest_then_from_the_file() {
    let report = read_folder(&fixture()).unwrap();
    let doc = |id: &str| report.documents.iter().find(|d| d.meta.id == id).unwrap();

    let plain = doc("plain");
    assert_eq!(plain.meta.title, "A plain text file");
    assert_eq!(plain.meta.source, "Fixture Press");
    assert_eq!(plain.meta.date.as_deref(), Some("2020-11-04"));
    assert_eq!(plain.meta.url.as_deref(), Some("https://example.org/plain"));
    assert!(plain.text.starts_with("Plain text, in UTF-8: café"));

    let guide = doc("notes/guide");
    assert_eq!(
        (guide.meta.title.as_str(), guide.meta.source.as_str()),
        ("A Markdown guide", "Fixture Notes")
    );
    assert_eq!(guide.meta.date.as_deref(), Some("2021-03"));
    let headings: Vec<&str> = guide
        .headings
        .iter()
        .map(|&[s, e]| &guide.text[s as usize..e as usize])
        .collect();
    assert_eq!(headings, ["A Markdown guide", "Second heading"]);
    assert!(guide.text.contains("Some emphasis and a link."));

    let page = doc("web/page");
    assert_eq!(
        (page.meta.title.as_str(), page.meta.source.as_str()),
        ("An HTML page", "web")
    );
    // Without a source in the manifest, a file at the top has the folder's own name.
    assert_eq!(doc("latin1").meta.source, "mixed");
    assert_eq!(
        page.text,
        "Visible heading\n\nVisible paragraph about Palestine."
    );
    assert_eq!(page.meta.date, None);

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

/// What `corpus-viewer index DIR OUT` did.
fn index_command(dir: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corpus-viewer"))
        .args(["index".as_ref(), dir.as_os_str(), out.as_os_str()])
        .output()
        .unwrap()
}

fn run_index(dir: &Path) -> (bool, String, String) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{}.bin",
        dir.file_name().unwrap().to_string_lossy()
    ));
    // The last run's: the indexer never replaces a file.
    let _ = std::fs::remove_file(&out);
    let output = index_command(dir, &out);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_index_command_never_replaces_a_file_nor_writes_into_the_corpus_folder() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("index-command");
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "A document about rivers.").unwrap();
    std::fs::write(dir.join("mine.txt"), "the user's").unwrap();
    let run = |out: &Path| {
        let output = index_command(&corpus, out);
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    for (out, expected) in [
        (dir.join("mine.txt"), "mine.txt already exists"),
        (corpus.join("a.txt"), "is inside the corpus folder"),
        (corpus.join("new.index"), "is inside the corpus folder"),
    ] {
        let (status, said) = run(&out);
        assert_eq!(status, Some(1), "{said}");
        assert!(said.contains(expected), "{said}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.txt")).unwrap(),
        "the user's"
    );
    assert_eq!(
        std::fs::read_to_string(corpus.join("a.txt")).unwrap(),
        "A document about rivers."
    );
    assert!(!corpus.join("new.index").exists());
    let (status, said) = run(&dir.join("new.index"));
    assert_eq!(status, Some(0), "{said}");
    assert!(dir.join("new.index").exists());
}

#[test]
fn the_build_tool_names_each_skipped_file_and_sums_up() {
    let (ok, stdout, stderr) = run_index(&fixture());
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("found 11, indexed 6, skipped 5"),
        "{stdout}"
    );
    assert!(
        stderr.contains("skipped garbage.txt: binary file: 3 of its first 12 bytes"),
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

/// (path, reason) of each skipped file, for comparing with a table.
fn skipped(report: &corpus_viewer::folder::FolderReport) -> Vec<(&str, &str)> {
    report
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect()
}

fn ids(report: &corpus_viewer::folder::FolderReport) -> Vec<&str> {
    report
        .documents
        .iter()
        .map(|d| d.meta.id.as_str())
        .collect()
}

#[test]
fn a_fifo_is_skipped_without_waiting_for_a_writer() {
    let dir = folder("fifo", &[("a.txt", b"A document.")]);
    let status = Command::new("mkfifo")
        .arg(dir.join("b.txt"))
        .status()
        .unwrap();
    assert!(status.success());
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["a"]);
    assert_eq!(
        skipped(&report),
        [("b.txt", "not a regular file but a FIFO (named pipe)")]
    );
}

#[cfg(unix)]
#[test]
fn links_are_read_only_to_regular_files_inside_the_folder() {
    use std::os::unix::fs::symlink;
    let outside = folder(
        "links-outside",
        &[("secret.txt", b"Not part of the corpus.")],
    );
    let dir = folder(
        "links",
        &[("a.txt", b"The linked document."), ("sub/b.txt", b"Below.")],
    );
    symlink(dir.join("a.txt"), dir.join("inside.txt")).unwrap();
    symlink("../a.txt", dir.join("sub/relative.txt")).unwrap();
    symlink(outside.join("secret.txt"), dir.join("outside.txt")).unwrap();
    symlink("/dev/zero", dir.join("zero.txt")).unwrap();
    symlink(dir.join("sub"), dir.join("loop")).unwrap();
    symlink(&dir, dir.join("sub/up")).unwrap();
    symlink("nowhere.txt", dir.join("dangling.md")).unwrap();
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["a", "inside", "sub/b", "sub/relative"]);
    let inside = report
        .documents
        .iter()
        .find(|d| d.meta.id == "inside")
        .unwrap();
    assert_eq!(inside.text, "The linked document.");
    assert_eq!(
        skipped(&report),
        [
            (
                "dangling.md",
                "a link to nothing: its target does not exist"
            ),
            (
                "loop",
                "a link to a folder: links to folders are not followed"
            ),
            ("outside.txt", "links to a file outside the corpus folder"),
            (
                "sub/up",
                "a link to a folder: links to folders are not followed"
            ),
            ("zero.txt", "links to a file outside the corpus folder"),
        ]
    );
    assert_eq!(report.found, report.documents.len() + report.skipped.len());
}

#[test]
fn hidden_files_and_folders_are_named_once_each() {
    let dir = folder(
        "hidden",
        &[
            ("a.txt", b"Visible."),
            (".hidden.txt", b"Hidden."),
            ("..x.txt", b"Hidden too."),
            (".DS_Store", b"\0\0\0\x01Bud1"),
            (".git/HEAD.txt", b"ref"),
            (".git/objects/x.txt", b"blob"),
            ("sub/.drafts/one.md", b"# Draft"),
            ("sub/.drafts/two.md", b"# Draft"),
            (".corpus-viewer-files", b"not a corpus file"),
        ],
    );
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["a"]);
    let hidden = "hidden: its name starts with a dot";
    assert_eq!(
        skipped(&report),
        [
            ("..x.txt", hidden),
            (".git", hidden),
            (".hidden.txt", hidden),
            ("sub/.drafts", hidden)
        ]
    );
    assert_eq!(report.found, 5);
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_never_collapse_into_one_document() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = folder("names", &[("café.txt", b"UTF-8 name.")]);
    // Lossy decoding would turn both into "caf\u{FFFD}.txt"; the second decodes as the UTF-8
    // name above does.
    std::fs::write(dir.join(OsStr::from_bytes(b"caf\xe8.txt")), b"Grave.").unwrap();
    std::fs::write(dir.join(OsStr::from_bytes(b"caf\xe9.txt")), b"Acute.").unwrap();
    let report = read_folder(&dir).unwrap();
    let texts: Vec<(&str, &str)> = report
        .documents
        .iter()
        .map(|d| (d.meta.id.as_str(), d.text.as_str()))
        .collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&("cafè", "Grave.")), "{texts:?}");
    assert!(report
        .warnings
        .contains(&"cafè.txt: the name is not UTF-8; read as windows-1252".to_string()));
    let ids: std::collections::BTreeSet<&str> = texts.iter().map(|t| t.0).collect();
    assert_eq!(ids, ["café", "café.txt", "cafè"].into());
}

#[test]
fn two_files_with_one_id_are_both_kept() {
    let dir = folder(
        "same-id",
        &[
            ("a.txt", b"Text."),
            ("a.md", b"# Markdown"),
            ("a.txt.md", b"Third."),
        ],
    );
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["a", "a.txt", "a.txt.md"]);
    assert!(report.skipped.is_empty());
    assert_eq!(
        report.warnings,
        [
            "a.txt: its id \"a\" is already taken by a.md, so its id is \"a.txt\"",
            "a.txt.md: its id \"a.txt\" is already taken by a.txt, so its id is \"a.txt.md\""
        ]
    );
}

#[test]
fn stray_control_bytes_are_cleaned_and_mostly_binary_files_refused() {
    let mut sprinkled = b"Words with a stray\0 NUL and a bell\x07 in them. ".repeat(20);
    sprinkled.extend_from_slice(&[0; 4]);
    let mut binary = b"PK\x03\x04".to_vec();
    binary.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let dir = folder(
        "controls",
        &[("sprinkled.txt", &sprinkled), ("binary.txt", &binary)],
    );
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["sprinkled"]);
    let text = &report.documents[0].text;
    assert!(
        text.starts_with("Words with a stray NUL and a bell  in them."),
        "{text:?}"
    );
    assert!(!text.contains(['\0', '\x07']));
    assert_eq!(
        report.warnings,
        ["sprinkled.txt: 44 NUL or control bytes cleaned (NULs removed, the others made spaces)"]
    );
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].path, "binary.txt");
    assert!(
        report.skipped[0].reason.starts_with("binary file: "),
        "{}",
        report.skipped[0].reason
    );
}

#[test]
fn a_file_without_text_but_with_a_title_is_indexed_by_its_title() {
    let dir = folder(
        "title-only",
        &[
            ("scan.txt", b""),
            ("figure.html", b"<img src=x.png>"),
            (
                "plate.html",
                b"<title>Plate IV: the harbour at Jaffa</title><img src=y.png>",
            ),
            ("other.txt", b"Some text."),
            (
                "corpus.toml",
                "[documents.\"scan.txt\"]\ntitle = \"Rapport annuel, été 2020\"\n\
                 [documents.\"figure.html\"]\ntitle = \"A figure\"\n"
                    .as_bytes(),
            ),
        ],
    );
    let report = read_folder(&dir).unwrap();
    assert_eq!(ids(&report), ["figure", "other", "plate", "scan"]);
    let plate = &report.documents[2];
    assert_eq!(plate.meta.title, "Plate IV: the harbour at Jaffa");
    assert_eq!(plate.text, plate.meta.title);
    assert!(report.warnings.contains(
        &"plate.html: the file holds no text; indexed with its title from the file".into()
    ));
    let scan = &report.documents[3];
    assert_eq!(scan.text, "Rapport annuel, été 2020");
    assert_eq!(scan.meta.title, "Rapport annuel, été 2020");
    assert_eq!(scan.headings, [[0, scan.text.len() as u32]]);
    assert!(report.warnings.contains(
        &"scan.txt: the file holds no text; indexed with its title from corpus.toml".into()
    ));

    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = corpus_viewer::IndexBuilder::new(&analyzer);
    builder.add_all(report.documents).unwrap();
    let corpus = corpus_viewer::Corpus::new(builder.finish().expect("the index builds"));
    let result = corpus
        .search("annuel", &corpus_viewer::SearchOptions::default())
        .unwrap();
    let found: Vec<&str> = result.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["scan"]);
    let result = corpus
        .search("jaffa", &corpus_viewer::SearchOptions::default())
        .unwrap();
    assert_eq!(result.hits[0].id, "plate");
}

#[test]
fn each_document_has_the_language_the_manifest_or_its_html_states_else_the_one_detected() {
    let arabic =
        "تفتح المكتبة العامة أبوابها كل صباح للقراء من جميع الأعمار ويجد الزوار فيها الكتب والمجلات";
    let french =
        "La bibliothèque municipale ouvre ses portes chaque matin aux lecteurs de tous les âges, \
                  qui y trouvent des livres, des revues et des journaux.";
    let dir = folder(
        "languages",
        &[
            ("ar.txt", arabic.as_bytes()),
            ("fr.txt", french.as_bytes()),
            ("short.txt", b"Gaza"),
            (
                "page.html",
                b"<html lang=\"pt-BR\"><title>Livros</title><p>Short.</p></html>",
            ),
            ("given.txt", b"Something short."),
            ("wrong.txt", french.as_bytes()),
            (
                "corpus.toml",
                "[documents.\"given.txt\"]\nlang = \"fa\"\n[documents.\"wrong.txt\"]\nlang = \"French\"\n"
                    .as_bytes(),
            ),
        ],
    );
    let report = read_folder(&dir).unwrap();
    let languages: Vec<(&str, Option<&str>)> = report
        .documents
        .iter()
        .map(|d| (d.meta.id.as_str(), d.meta.lang.as_deref()))
        .collect();
    assert_eq!(
        languages,
        [
            ("ar", Some("ar")),
            ("fr", Some("fr")),
            ("given", Some("fa")),
            ("page", Some("pt-BR")),
            ("short", None),
            ("wrong", Some("fr")),
        ]
    );
    assert!(report.warnings.contains(
        &"wrong.txt: the language \"French\" in corpus.toml is not a language tag such as \"en\" or \"ar\"; passed over".into()
    ), "{:?}", report.warnings);

    // A French word finds its other forms in the French document by the French stemmer.
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = corpus_viewer::IndexBuilder::new(&analyzer);
    builder.add_all(report.documents).unwrap();
    let corpus = corpus_viewer::Corpus::new(builder.finish().unwrap());
    let result = corpus
        .search("revue ", &corpus_viewer::SearchOptions::default())
        .unwrap();
    let found: Vec<&str> = result.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(found, ["fr", "wrong"]);
    let result = corpus
        .search("مجلة ", &corpus_viewer::SearchOptions::default())
        .unwrap();
    assert_eq!(
        result.hits.len(),
        1,
        "والمجلات is another form: {:?}",
        result.hits
    );
}

#[test]
fn site_chrome_front_matter_and_redirect_stubs_are_read_as_a_reader_sees_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site");
    let report = read_folder(&dir).unwrap();
    assert_eq!(
        ids(&report),
        [
            "book/ch01",
            "book/ch02",
            "notes/broken",
            "notes/npm-publish",
            "notes/release"
        ]
    );
    assert_eq!(
        skipped(&report),
        [
            (
                "book/old-name.html",
                "a redirect to ch01.html, not a document"
            ),
            (
                "book/toc.html",
                "the page holds only its site's navigation and banners, no text of its own"
            ),
        ]
    );
    let document = |id: &str| report.documents.iter().find(|d| d.meta.id == id).unwrap();

    let ch01 = document("book/ch01");
    assert_eq!(ch01.meta.title, "Getting Started");
    assert!(
        ch01.text.starts_with("Getting Started\n\nEvery visit"),
        "{}",
        ch01.text
    );
    for chrome in ["Keyboard shortcuts", "Coal", "Next chapter", "Tides"] {
        assert!(!ch01.text.contains(chrome), "{chrome} in {:?}", ch01.text);
    }
    let ch02 = document("book/ch02");
    assert_eq!(ch02.meta.title, "Tides and Moorings");
    assert_eq!(
        ch02.text,
        "Tides and Moorings\n\nChapter two\n\nMoorings are assigned by the tide tables and the draught of each ship."
    );

    let publish = document("notes/npm-publish");
    assert_eq!(publish.meta.title, "npm-publish");
    assert_eq!(publish.meta.date.as_deref(), Some("2023-05-17"));
    assert_eq!(publish.meta.source, "The npm team");
    assert!(
        publish.text.starts_with("npm-publish\n\nPublishes"),
        "{}",
        publish.text
    );
    assert!(!publish.text.contains("description"));
    // Tags from a YAML list and string, a TOML list and string, and an HTML page's keywords;
    // code from a fenced block, an inline span, a `pre` and a `kbd`, with their line breaks.
    assert_eq!(publish.meta.tags, ["cli", "npm", "registry"]);
    let code = |d: &corpus_viewer::NewDocument| -> Vec<String> {
        d.code
            .iter()
            .map(|&[s, e]| d.text[s as usize..e as usize].to_string())
            .collect()
    };
    assert_eq!(code(publish), ["npm publish --access public"]);
    assert_eq!(
        ch01.meta.tags,
        ["getting started", "harbour"],
        "from <meta name=keywords>"
    );
    assert_eq!(
        code(ch01),
        ["Enter", "berth --list --tide high\nberth --reserve 12"]
    );
    let release = document("notes/release");
    assert_eq!(release.meta.tags, ["checklist", "process", "release"]);
    assert_eq!(code(release), ["git tag"]);
    assert!(document("notes/broken").meta.tags.is_empty());
    assert_eq!(release.meta.title, "Release checklist");
    assert_eq!(release.meta.date.as_deref(), Some("2024-01-09"));
    assert_eq!(release.meta.source, "Harbour maintainers");
    let broken = document("notes/broken");
    assert_eq!(
        broken.text,
        "A note whose front matter cannot be read keeps its text."
    );
    assert!(report
        .warnings
        .iter()
        .any(|w| w.starts_with("notes/broken.md: its YAML front matter is not valid")));

    // The code reaches the reader and the passages as UTF-16 ranges, the marks inside it.
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = corpus_viewer::IndexBuilder::new(&analyzer);
    builder.add_all(report.documents).unwrap();
    let corpus = corpus_viewer::Corpus::new(builder.finish().unwrap());
    let slice16 = |text: &str, [start, end]: [u32; 2]| {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[start as usize..end as usize]).unwrap()
    };
    let view = corpus.document("book/ch01", "berth").unwrap();
    let code: Vec<String> = view.code.iter().map(|&r| slice16(&view.text, r)).collect();
    assert_eq!(
        code,
        ["Enter", "berth --list --tide high\nberth --reserve 12"]
    );
    let result = corpus
        .search("publish", &corpus_viewer::SearchOptions::default())
        .unwrap();
    let snippet = result.hits[0].snippet.as_ref().unwrap();
    let code: Vec<String> = snippet
        .code
        .iter()
        .map(|&r| slice16(&snippet.text, r))
        .collect();
    assert_eq!(code, ["npm publish --access public"], "{}", snippet.text);
    let [start, end] = snippet.code[0];
    assert!(
        snippet
            .highlights
            .iter()
            .any(|&[s, e]| s >= start && e <= end && slice16(&snippet.text, [s, e]) == "publish"),
        "{snippet:?}"
    );
}
