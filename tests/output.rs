//! Writing a build's files into an output folder: every byte of the user's files is the same
//! after a build, refused or forced, as before it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use corpus_viewer::output::{self, publish, BuiltFile, Options, FILE_LIST};

/// A fresh, empty folder of its own under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "corpus-viewer-test-{}-{}-{name}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every path below `dir` with its kind and bytes (or link target).
fn tree(dir: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.map(Result::unwrap) {
            let relative = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                let target = std::fs::read_link(entry.path()).unwrap();
                out.insert(relative, format!("link to {}", target.display()));
            } else if kind.is_dir() {
                out.insert(relative.clone(), "folder".into());
                walk(&entry.path(), &format!("{relative}/"), out);
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                out.insert(relative, String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// A build's files, in memory.
fn built(files: &[(&str, &str)]) -> Vec<BuiltFile> {
    files
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
        .collect()
}

/// A build's files as [`tree`] shows a folder.
fn as_tree(files: &[BuiltFile]) -> BTreeMap<String, String> {
    let mut tree = BTreeMap::new();
    for (path, bytes) in files {
        let mut folder = path.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            tree.insert(parent.to_string(), "folder".to_string());
            folder = parent;
        }
        tree.insert(path.clone(), String::from_utf8_lossy(bytes).into_owned());
    }
    tree
}

/// A corpus folder, a build's files, and a place for the output.
struct Setup {
    root: PathBuf,
    corpus: PathBuf,
    staged: Vec<BuiltFile>,
    out: PathBuf,
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn setup(name: &str, staged: &[(&str, &str)]) -> Setup {
    let root = scratch(name);
    let corpus = root.join("corpus");
    write(
        &corpus,
        &[("a.txt", "A document."), ("pkg/b.txt", "Another.")],
    );
    Setup {
        out: root.join("out"),
        corpus,
        staged: built(staged),
        root,
    }
}

const BUILD: &[(&str, &str)] = &[
    ("index.html", "<p>page 1</p>"),
    ("corpus-viewer.js", "script 1"),
    ("pkg/corpus_viewer.js", "glue 1"),
];

const FORCE: Options = Options {
    force: true,
    adopt_earlier_build: false,
};

/// The message of a build of `staged` into `s.out` that is refused, leaving the folder as it
/// was.
fn refused(s: &Setup, staged: &[BuiltFile], options: Options) -> String {
    let before = tree(&s.out);
    let message = error(publish(staged, &s.out, &s.corpus, options));
    assert_eq!(tree(&s.out), before, "{message}");
    message
}

fn error(result: Result<impl std::fmt::Debug, corpus_viewer::BuildError>) -> String {
    result.unwrap_err().to_string()
}

#[test]
fn a_missing_output_folder_is_created_with_the_files_and_their_list() {
    let s = setup("missing", BUILD);
    let staged = as_tree(&s.staged);
    let published = publish(&s.staged, &s.out, &s.corpus, Options::default()).unwrap();
    assert_eq!(
        published.written,
        ["corpus-viewer.js", "index.html", "pkg/corpus_viewer.js"]
    );
    let mut expected = staged.clone();
    let list = std::fs::read_to_string(s.out.join(FILE_LIST)).unwrap();
    expected.insert(FILE_LIST.into(), list.clone());
    assert_eq!(tree(&s.out), expected, "nothing else, no temporary folder");
    assert_eq!(list.lines().count(), 3);
    assert!(list.ends_with("  pkg/corpus_viewer.js\n"), "{list}");
    // The list is in sha256sum's format.
    let check = Command::new("sha256sum")
        .args(["--check", "--quiet", FILE_LIST])
        .current_dir(&s.out)
        .status();
    if let Ok(status) = check {
        assert!(status.success());
    }
}

#[test]
fn a_folder_holding_other_files_is_refused_and_left_as_it_was() {
    let s = setup("foreign", BUILD);
    // The case: a folder of the user's where the build puts pkg/.
    write(
        &s.out,
        &[("pkg/keep.txt", "mine"), ("notes.md", "mine too")],
    );
    let before = tree(&s.out);
    let message = error(publish(&s.staged, &s.out, &s.corpus, Options::default()));
    assert!(
        message.contains("holds files the build did not write (notes.md, pkg/)"),
        "{message}"
    );
    assert!(
        message.contains("pick an empty folder, or pass --force"),
        "{message}"
    );
    assert_eq!(tree(&s.out), before);
    let message = error(output::check(&s.out, &s.corpus, Options::default()));
    assert!(message.contains("notes.md, pkg/"), "{message}");
}

#[test]
fn a_forced_build_writes_its_files_and_leaves_every_other_file_untouched() {
    let s = setup("forced", BUILD);
    write(
        &s.out,
        &[("pkg/keep.txt", "mine"), ("notes.md", "mine too")],
    );
    let before = tree(&s.out);
    output::check(&s.out, &s.corpus, FORCE).unwrap();
    let published = publish(&s.staged, &s.out, &s.corpus, FORCE).unwrap();
    assert_eq!(published.untouched, ["notes.md", "pkg/"]);
    let after = tree(&s.out);
    for (path, content) in &before {
        assert_eq!(after.get(path), Some(content), "{path}");
    }
    for (path, content) in BUILD {
        assert_eq!(
            after.get(*path).map(String::as_str),
            Some(*content),
            "{path}"
        );
    }
    // Only the build's files are listed, so a later build still refuses the user's files.
    let list = std::fs::read_to_string(s.out.join(FILE_LIST)).unwrap();
    assert!(
        !list.contains("keep.txt") && !list.contains("notes.md"),
        "{list}"
    );
    let message = error(publish(&s.staged, &s.out, &s.corpus, Options::default()));
    assert!(message.contains("(notes.md, pkg/keep.txt)"), "{message}");
}

#[test]
fn the_output_folder_may_be_neither_the_corpus_folder_nor_inside_it() {
    let s = setup("inside", BUILD);
    let corpus_before = tree(&s.corpus);
    let link = s.root.join("link-to-corpus");
    std::os::unix::fs::symlink(&s.corpus, &link).unwrap();
    let cases: &[(&str, PathBuf, &str)] = &[
        ("the corpus", s.corpus.clone(), "is the corpus folder"),
        (
            "an existing folder in it",
            s.corpus.join("pkg"),
            "inside the corpus folder",
        ),
        (
            "a new folder in it",
            s.corpus.join("new/dist"),
            "inside the corpus folder",
        ),
        (
            "through a link",
            link.join("dist"),
            "inside the corpus folder",
        ),
        (
            "by dot-dot",
            s.corpus.join("new/../pkg"),
            "inside the corpus folder",
        ),
        ("the corpus by a link", link.clone(), "is the corpus folder"),
    ];
    for (name, out, expected) in cases {
        for result in [
            output::check(out, &s.corpus, FORCE).map(|_| ()),
            publish(&s.staged, out, &s.corpus, FORCE).map(|_| ()),
        ] {
            let message = error(result);
            assert!(message.contains(expected), "{name}: {message}");
        }
        assert_eq!(tree(&s.corpus), corpus_before, "{name}");
    }
    // A sibling whose name starts with the corpus folder's is not inside it.
    output::check(&s.root.join("corpus-out"), &s.corpus, Options::default()).unwrap();
}

#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let s = setup("file", BUILD);
    write(&s.root, &[("out", "a file of the user's")]);
    let message = error(publish(&s.staged, &s.out, &s.corpus, FORCE));
    assert!(message.contains("is a file, not a folder"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&s.out).unwrap(),
        "a file of the user's"
    );
}

#[test]
fn a_second_build_replaces_only_the_files_of_the_first() {
    let mut s = setup("second", BUILD);
    s.staged.extend(built(&[
        ("old.js", "only in the first build"),
        ("gone/x.js", "x"),
    ]));
    publish(&s.staged, &s.out, &s.corpus, Options::default()).unwrap();
    let inode = |path: &str| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(s.out.join(path)).unwrap().ino()
    };
    let script = inode("corpus-viewer.js");

    let next = built(&[
        ("index.html", "<p>page 2</p>"),
        ("corpus-viewer.js", "script 1"),
        ("pkg/corpus_viewer.js", "glue 2"),
        ("pkg/new.js", "new"),
    ]);
    let published = publish(&next, &s.out, &s.corpus, Options::default()).unwrap();
    assert_eq!(published.removed, ["gone/x.js", "old.js"]);
    assert!(published.overwritten.is_empty());
    // The file whose bytes did not change is left as it was, not written again.
    assert_eq!(
        published.written,
        ["index.html", "pkg/corpus_viewer.js", "pkg/new.js"]
    );
    assert_eq!(published.unchanged, 1);
    assert_eq!(inode("corpus-viewer.js"), script);
    let mut expected = as_tree(&next);
    expected.insert(
        FILE_LIST.into(),
        std::fs::read_to_string(s.out.join(FILE_LIST)).unwrap(),
    );
    assert_eq!(tree(&s.out), expected);
    // And again, the same build: nothing to write.
    let published = publish(&next, &s.out, &s.corpus, Options::default()).unwrap();
    assert!(published.written.is_empty(), "{published:?}");
    assert_eq!(published.unchanged, 4);
    assert_eq!(tree(&s.out), expected);
}

#[test]
fn a_file_the_user_changed_is_kept_and_named() {
    let mut s = setup("edited", BUILD);
    s.staged
        .extend(built(&[("old.js", "only in the first build")]));
    publish(&s.staged, &s.out, &s.corpus, Options::default()).unwrap();
    write(
        &s.out,
        &[("index.html", "<p>my edit</p>"), ("old.js", "my edit too")],
    );
    let before = tree(&s.out);

    let next = built(BUILD);
    let message = error(publish(&next, &s.out, &s.corpus, Options::default()));
    assert!(
        message.contains("index.html, old.js changed since the build wrote them"),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert_eq!(tree(&s.out), before);
    let message = error(output::check(&s.out, &s.corpus, Options::default()));
    assert!(message.contains("index.html, old.js changed"), "{message}");

    // Forced: the build's own file is overwritten, the one it no longer writes stays, and is
    // the user's from then on.
    let published = publish(&next, &s.out, &s.corpus, FORCE).unwrap();
    assert_eq!(published.overwritten, ["index.html"]);
    assert!(published.removed.is_empty());
    let after = tree(&s.out);
    assert_eq!(after["index.html"], "<p>page 1</p>");
    assert_eq!(after["old.js"], "my edit too");
    let message = error(publish(&next, &s.out, &s.corpus, Options::default()));
    assert!(message.contains("did not write (old.js)"), "{message}");
}

#[test]
fn a_file_replaced_by_a_link_or_a_folder_where_a_file_goes_is_not_the_builds() {
    let s = setup("replaced", BUILD);
    publish(&s.staged, &s.out, &s.corpus, Options::default()).unwrap();
    let target = s.root.join("elsewhere.txt");
    write(&s.root, &[("elsewhere.txt", "the user's")]);
    std::fs::remove_file(s.out.join("index.html")).unwrap();
    std::os::unix::fs::symlink(&target, s.out.join("index.html")).unwrap();
    let message = error(publish(&s.staged, &s.out, &s.corpus, Options::default()));
    assert!(message.contains("index.html changed"), "{message}");
    // Forced, the link is replaced by the build's file; what it pointed to is untouched.
    publish(&s.staged, &s.out, &s.corpus, FORCE).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the user's");
    assert_eq!(tree(&s.out)["index.html"], "<p>page 1</p>");

    // A folder where the build writes a file cannot be replaced, even forced.
    std::fs::remove_file(s.out.join("corpus-viewer.js")).unwrap();
    write(&s.out, &[("corpus-viewer.js/mine.txt", "mine")]);
    let message = refused(&s, &s.staged, FORCE);
    assert!(
        message.contains("a folder where the build writes a file"),
        "{message}"
    );
}

#[test]
fn an_earlier_build_without_a_list_is_adopted_only_when_asked() {
    let s = setup("adopt", BUILD);
    write(
        &s.out,
        &[
            ("index.html", "old page"),
            ("pkg/corpus_viewer.js", "old glue"),
        ],
    );
    let adopt = Options {
        force: false,
        adopt_earlier_build: true,
    };
    let message = error(publish(&s.staged, &s.out, &s.corpus, Options::default()));
    assert!(
        message.contains("did not write (index.html, pkg/)"),
        "{message}"
    );
    publish(&s.staged, &s.out, &s.corpus, adopt).unwrap();
    assert_eq!(tree(&s.out)["index.html"], "<p>page 1</p>");
    // Anything else is still refused.
    write(&s.out, &[("pkg/keep.txt", "mine")]);
    let message = error(publish(&s.staged, &s.out, &s.corpus, adopt));
    assert!(message.contains("(pkg/keep.txt)"), "{message}");
}

#[test]
fn a_malformed_list_is_refused_unless_forced() {
    let s = setup("malformed", BUILD);
    write(
        &s.out,
        &[(FILE_LIST, "not a list\n"), ("index.html", "mine")],
    );
    let message = error(publish(&s.staged, &s.out, &s.corpus, Options::default()));
    assert!(
        message.contains(":1: not a line of the build's file list"),
        "{message}"
    );
    // Forced, the list counts for nothing, so index.html is the user's: still refused.
    let message = refused(&s, &s.staged, FORCE);
    assert!(
        message.contains("a file the build did not write, where it writes its own (index.html)"),
        "{message}"
    );
    std::fs::rename(s.out.join("index.html"), s.out.join("mine.html")).unwrap();
    let published = publish(&s.staged, &s.out, &s.corpus, FORCE).unwrap();
    assert!(published.overwritten.is_empty());
    assert_eq!(tree(&s.out)["mine.html"], "mine");
}

#[test]
fn a_file_of_the_users_where_the_build_writes_one_is_refused_even_forced() {
    let s = setup("kept", BUILD);
    write(
        &s.out,
        &[
            ("index.html", "<p>my page</p>"),
            ("pkg/corpus_viewer.js", "mine"),
        ],
    );
    let target = s.root.join("elsewhere.txt");
    write(&s.root, &[("elsewhere.txt", "the user's")]);
    std::os::unix::fs::symlink(&target, s.out.join("corpus-viewer.js")).unwrap();
    for options in [Options::default(), FORCE] {
        let message = refused(&s, &s.staged, options);
        let expected = if options.force {
            "files the build did not write, where it writes its own (corpus-viewer.js, index.html, \
             pkg/corpus_viewer.js); the build never replaces a file it did not write, even with \
             --force"
        } else {
            "holds files the build did not write"
        };
        assert!(message.contains(expected), "{message}");
    }
    // Checked before any slow step too, by the names every build writes.
    let message = error(output::check(&s.out, &s.corpus, FORCE));
    assert!(
        message.contains("(corpus-viewer.js, index.html"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the user's");
}

#[test]
fn files_a_build_cannot_write_side_by_side_are_refused_before_anything_is_written() {
    let s = setup("names", BUILD);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("a.js", "1"), ("a.js", "2")], "a.js: written twice"),
        (
            &[("pkg", "1"), ("pkg-x", "2"), ("pkg/a.js", "3")],
            "pkg: the build writes it both",
        ),
        (&[(FILE_LIST, "1")], "a name the build keeps for itself"),
        (&[("../a.js", "1")], "not a relative path"),
        (&[], "no files to write"),
    ];
    for (files, expected) in cases {
        let message = error(publish(&built(files), &s.out, &s.corpus, FORCE));
        assert!(message.contains(expected), "{files:?}: {message}");
        assert!(!s.out.exists(), "{files:?}");
    }
}

fn cli(args: &[&std::ffi::OsStr]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_corpus-viewer"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

#[test]
fn a_build_whose_report_nobody_reads_still_writes_the_viewer() {
    let s = setup("closed-pipe", BUILD);
    let mut child = Command::new(env!("CARGO_BIN_EXE_corpus-viewer"))
        .arg("build")
        .arg(&s.corpus)
        .arg("--out")
        .arg(&s.out)
        .arg("--work")
        .arg(s.root.join("work"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // As `corpus-viewer build … | head -0` would: whatever the build says fails to be written.
    drop(child.stdout.take());
    drop(child.stderr.take());
    assert!(child.wait().unwrap().success());
    assert!(s.out.join("index.html").is_file());
    assert!(s.out.join(FILE_LIST).is_file());
}

#[test]
fn the_build_tool_checks_the_output_folder_and_writes_only_its_own_files() {
    let s = setup("cli", BUILD);
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let check = |out: &Path, force: bool| {
        let mut args = vec![os("check-output"), os("--out"), out.as_os_str()];
        args.extend([os("--corpus"), s.corpus.as_os_str()]);
        if force {
            args.push(os("--force"));
        }
        cli(&args)
    };
    let work = s.root.join("work");
    let build = |force: bool| {
        let mut args = vec![os("build"), s.corpus.as_os_str(), os("--out")];
        args.extend([s.out.as_os_str(), os("--name"), os("mine")]);
        args.extend([os("--work"), work.as_os_str()]);
        if force {
            args.push(os("--force"));
        }
        cli(&args)
    };

    let (ok, said) = check(&s.corpus.join("dist"), true);
    assert!(!ok && said.contains("inside the corpus folder"), "{said}");
    assert!(!s.corpus.join("dist").exists());

    write(&s.out, &[("pkg/keep.txt", "x")]);
    let (ok, said) = check(&s.out, false);
    assert!(!ok && said.contains("did not write (pkg/)"), "{said}");
    let (ok, said) = build(false);
    assert!(!ok && said.contains("did not write (pkg/)"), "{said}");
    assert_eq!(tree(&s.out).len(), 2, "nothing was written");
    let (ok, said) = check(&s.out, true);
    assert!(ok, "{said}");

    let (ok, said) = build(true);
    if option_env!("CORPUS_VIEWER_ENGINE").is_none() {
        // A command built without ./build.sh carries no engine, and says so.
        assert!(!ok && said.contains("built without its engine"), "{said}");
        assert_eq!(tree(&s.out).len(), 2, "nothing was written");
        return;
    }
    assert!(ok, "{said}");
    assert!(said.contains("found 2, indexed 2"), "{said}");
    assert!(said.contains("wrote 10 files into"), "{said}");
    assert!(
        said.contains("left 1 other files and folders untouched"),
        "{said}"
    );
    let written = tree(&s.out);
    assert_eq!(written["pkg/keep.txt"], "x");
    for file in [
        "index.html",
        "corpus-viewer.js",
        "mine.corpus.js",
        "mine.index",
    ] {
        assert!(written.contains_key(file), "{file} in {:?}", written.keys());
    }
    assert!(written["index.html"].contains("data-corpus-viewer-index=\"mine\""));
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "the staging folder is gone"
    );
    // Built again, unchanged: the build's own files stay as they are, the user's too.
    let (ok, said) = build(true);
    assert!(ok, "{said}");
    assert!(
        said.contains("wrote 0 files into") && said.contains("left 10 unchanged"),
        "{said}"
    );
    assert_eq!(tree(&s.out), written);

    let (ok, said) = cli(&[os("build")]);
    assert!(!ok && said.contains("usage:"), "{said}");
    let (ok, said) = cli(&[os("build"), s.corpus.as_os_str(), os("--name"), os("a b")]);
    assert!(!ok && said.contains("--name may hold only"), "{said}");
}

#[test]
fn a_chunked_build_writes_its_chunks_and_replaces_only_its_own_when_built_again() {
    if option_env!("CORPUS_VIEWER_ENGINE").is_none() {
        return; // A command built without ./build.sh carries no engine (see the test above).
    }
    let s = setup("chunked", BUILD);
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let build = |extra: &[&'static str]| {
        let mut args = vec![os("build"), s.corpus.as_os_str(), os("--out")];
        args.extend([s.out.as_os_str(), os("--name"), os("mine")]);
        args.extend(extra.iter().map(|a| os(a)));
        cli(&args)
    };
    let chunks = |tree: &BTreeMap<String, String>| -> Vec<String> {
        tree.keys()
            .filter(|p| p.starts_with("corpus/") && p.ends_with(".js"))
            .map(|p| p["corpus/".len()..p.len() - 3].to_string())
            .collect()
    };

    let (ok, said) = build(&["--chunked"]);
    assert!(ok && said.contains("a chunked viewer"), "{said}");
    let first = tree(&s.out);
    let names = chunks(&first);
    assert!(!names.is_empty(), "{:?}", first.keys());
    for name in &names {
        assert_eq!(name.len(), 16, "{name}");
        assert!(first[&format!("corpus/{name}.js")].starts_with("document.currentScript"));
    }
    assert!(first["index.html"].contains("data-corpus-viewer-chunks=\"corpus/\""));
    assert!(first.contains_key("make.html") && first.contains_key("pkg/corpus_viewer_bg.wasm"));
    // The scripts to embed it name the manifest; the index in one file is left out.
    assert!(first["corpus-viewer.js"].contains("\"manifest\": \""));
    assert!(first["mine.corpus.js"].contains("registerChunkedCorpus(\"mine\""));
    assert!(first.contains_key("example.html") && !first.contains_key("mine.index"));
    let listed = std::fs::read_to_string(s.out.join(".corpus-viewer-files")).unwrap();
    assert!(names
        .iter()
        .all(|n| listed.contains(&format!("corpus/{n}.js"))));

    // A file of the user's among the chunks: refused unless forced, and kept when forced.
    write(&s.out, &[("corpus/notes.txt", "mine")]);
    let (ok, said) = build(&["--chunked"]);
    assert!(!ok && said.contains("corpus/notes.txt"), "{said}");
    assert_eq!(tree(&s.out)["corpus/notes.txt"], "mine");

    // A document changed: chunks whose bytes changed are replaced, the others stay, the
    // user's file too.
    write(&s.corpus, &[("a.txt", "A document, changed.")]);
    let (ok, said) = build(&["--chunked", "--force"]);
    assert!(ok, "{said}");
    let second = tree(&s.out);
    let renamed = chunks(&second);
    assert_ne!(renamed, names, "the texts' chunk has a new name");
    assert!(names
        .iter()
        .filter(|n| !renamed.contains(n))
        .all(|n| !second.contains_key(&format!("corpus/{n}.js"))));
    assert_eq!(second["corpus/notes.txt"], "mine");

    // Back to one page: the chunks go, the user's file stays.
    let (ok, said) = build(&["--single-file", "--force"]);
    assert!(ok, "{said}");
    let third = tree(&s.out);
    assert!(chunks(&third).is_empty() && third.contains_key("mine.index"));
    assert_eq!(third["corpus/notes.txt"], "mine");
}
