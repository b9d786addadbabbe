//! The index format, pinned (see `docs/format.md`): a small corpus, and the exact bytes of its
//! index for each format version in `tests/fixtures/format/index-vN.bin`. A change to the
//! bytes fails here until `FORMAT_VERSION` is bumped and the new version's file is written
//! (`CORPUS_VIEWER_WRITE_FIXTURE=1 cargo test --test format`); files of earlier versions stay,
//! and must be refused with a message that says to rebuild. The manifest of the chunked form
//! is pinned the same way, in `manifest-vN.bin` for `MANIFEST_VERSION`: its table of chunks
//! names each chunk by the hash of its bytes, so it pins the chunks too.

use std::path::PathBuf;

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::index::{ChunkedIndex, FORMAT_VERSION, MAGIC, MANIFEST_VERSION};
use corpus_viewer::{Corpus, DocumentMeta, Index, IndexBuilder, NewDocument, SearchOptions};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format")
}

/// Two documents, an empty one, an Arabic one and a refrain, with a title, headings, code, tags,
/// a date, a URL, a language, text beyond ASCII, a repeated word, and a word repeated so often
/// that it keeps its positions apart, so that every field and part of the format holds
/// something (two tables of stems among them).
fn built() -> Vec<u8> {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    builder.set_title(Some("Format fixture".into()));
    let documents = [
        NewDocument {
            meta: DocumentMeta {
                id: "gaza".into(),
                title: "Gaza and the leader".into(),
                source: "Outlet A".into(),
                date: Some("2023-10-18".into()),
                url: Some("https://example.org/a".into()),
                lang: Some("en".into()),
                tags: vec!["news".into(), "Gaza".into()],
            },
            text: "Gaza\nThe leader spoke of Gaza, of Palestine and of the café’s protesters."
                .into(),
            headings: vec![[0, 4]],
            code: vec![[9, 15], [55, 64]],
        },
        NewDocument {
            meta: DocumentMeta {
                id: "notes/mek".into(),
                title: "On the MEK".into(),
                source: "Outlet B".into(),
                date: Some("2020".into()),
                url: None,
                lang: None,
                tags: Vec::new(),
            },
            text: "PMOI/MEK statements. Protests, protesting, protested: naïve readers.".into(),
            headings: vec![],
            code: Vec::new(),
        },
        NewDocument {
            meta: DocumentMeta {
                id: "empty".into(),
                title: "A title only".into(),
                source: "Outlet C".into(),
                date: None,
                url: None,
                lang: None,
                tags: Vec::new(),
            },
            text: String::new(),
            headings: vec![],
            code: Vec::new(),
        },
        NewDocument {
            meta: DocumentMeta {
                id: "ar/rights".into(),
                title: "لحقوق الإنسان".into(),
                source: "Outlet D".into(),
                date: None,
                url: None,
                lang: Some("ar".into()),
                tags: Vec::new(),
            },
            text: "الحقوق والحريات في غزة".into(),
            headings: vec![],
            code: Vec::new(),
        },
        NewDocument {
            meta: DocumentMeta {
                id: "refrain".into(),
                title: "Refrain".into(),
                ..DocumentMeta::default()
            },
            text: "the chorus ".repeat(REFRAIN),
            headings: vec![],
            code: Vec::new(),
        },
    ];
    for document in documents {
        builder.add(document).unwrap();
    }
    builder.finish().unwrap().to_bytes()
}

/// How often the refrain says "the chorus": enough for the postings of `the` to pass the
/// bytes past which a term keeps its positions apart.
const REFRAIN: usize = 70_000;

fn pinned(version: u16) -> PathBuf {
    fixtures().join(format!("index-v{version}.bin"))
}

/// `bytes` against the fixture file `name`, written when it is missing and asked for.
fn check_pinned(name: &str, bytes: &[u8], version: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("CORPUS_VIEWER_WRITE_FIXTURE").is_some() && !path.exists() {
        std::fs::write(&path, bytes).unwrap();
    }
    let expected = std::fs::read(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: write it with CORPUS_VIEWER_WRITE_FIXTURE=1 cargo test --test format",
            path.display()
        )
    });
    assert!(
        bytes == expected,
        "the bytes of {name} changed ({} bytes, pinned {}): if on purpose, bump {version}, \
         update docs/format.md and write the new version's file with CORPUS_VIEWER_WRITE_FIXTURE=1",
        bytes.len(),
        expected.len()
    );
}

#[test]
fn the_fixture_corpus_gives_the_pinned_manifest_of_this_manifest_version() {
    let index = Index::from_bytes(&built()).unwrap();
    let ChunkedIndex { manifest, chunks } = index.to_chunks();
    check_pinned(
        &format!("manifest-v{MANIFEST_VERSION}.bin"),
        &manifest,
        "MANIFEST_VERSION",
    );
    assert_eq!(&manifest[..4], b"CVMF");
    assert_eq!(
        u16::from_le_bytes([manifest[4], manifest[5]]),
        MANIFEST_VERSION
    );
    // Opened with its chunks, it answers as the single file.
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    for (name, bytes) in &chunks {
        corpus.index().add_chunk(name, bytes).unwrap();
    }
    let whole = Corpus::from_bytes(&built()).unwrap();
    for query in ["leader", "القائد", "only", "chorus", "\"the chorus\""] {
        let options = SearchOptions::default();
        // The same answer, but for the work: a chunked dictionary finds near spellings among
        // the terms of a few shards, the whole one among all of them.
        let (mut chunked, mut single) = (
            corpus.search(query, &options).unwrap(),
            whole.search(query, &options).unwrap(),
        );
        (chunked.work, single.work) = (0, 0);
        assert_eq!(format!("{chunked:?}"), format!("{single:?}"), "{query}");
    }
    let mut older = manifest.clone();
    older[4..6].copy_from_slice(&(MANIFEST_VERSION - 1).to_le_bytes());
    let error = Corpus::from_manifest(&older).err().unwrap().to_string();
    assert!(
        error.contains(&format!(
            "version {} is not supported",
            MANIFEST_VERSION - 1
        )) && error.contains("rebuild"),
        "{error}"
    );
}

#[test]
fn the_fixture_corpus_gives_the_pinned_bytes_of_this_format_version() {
    check_pinned(
        &format!("index-v{FORMAT_VERSION}.bin"),
        &built(),
        "FORMAT_VERSION",
    );
}

#[test]
fn the_header_and_the_core_are_laid_out_as_documented() {
    let bytes = std::fs::read(pinned(FORMAT_VERSION)).unwrap();
    assert_eq!(&bytes[0..4], MAGIC);
    assert_eq!(u16::from_le_bytes([bytes[4], bytes[5]]), FORMAT_VERSION);
    let core_len = u32::from_le_bytes(bytes[6..10].try_into().unwrap()) as usize;
    let postings_len = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let positions_len = u32::from_le_bytes(bytes[14..18].try_into().unwrap()) as usize;
    let positions_at = 18 + core_len + postings_len;
    assert!(
        positions_at + positions_len < bytes.len(),
        "the texts part follows"
    );
    // The positions part's first block: the positions of `chorus` (before `the`), in the
    // refrain every other word from the second, each a gap of 2 (a block closes at the first
    // document's end past 32 KiB).
    let positions = inflate(&bytes[positions_at..positions_at + positions_len]);
    assert_eq!(positions.len(), REFRAIN);
    assert_eq!(positions[0], 1);
    assert!(positions[1..].iter().all(|&gap| gap == 2));
    let core = inflate(&bytes[18..18 + core_len]);
    // Field 1, the title: Some, its length, its bytes.
    assert_eq!(core[0], 1);
    assert_eq!(core[1] as usize, "Format fixture".len());
    assert_eq!(&core[2..16], b"Format fixture");
    // Field 2, the documents: the length of their bytes (a varint), the number of
    // documents, for each id the bytes it shares with the one before and how many follow,
    // then the bytes that follow, one id after another.
    let mut at = 16;
    while core[at] & 0x80 != 0 {
        at += 1;
    }
    assert_eq!(core[at + 1], 5);
    assert_eq!(core[at + 2..at + 12], [0, 4, 0, 9, 0, 5, 0, 9, 0, 7]);
    assert_eq!(
        &core[at + 12..at + 46],
        b"gazanotes/mekemptyar/rightsrefrain"
    );
}

#[test]
fn the_pinned_bytes_read_back_as_the_corpus() {
    let bytes = std::fs::read(pinned(FORMAT_VERSION)).unwrap();
    let index = Index::from_bytes(&bytes).unwrap();
    assert_eq!(index.title(), Some("Format fixture"));
    let ids: Vec<&str> = index.documents().iter().map(|d| d.meta.id).collect();
    assert_eq!(ids, ["gaza", "notes/mek", "empty", "ar/rights", "refrain"]);
    assert_eq!(index.document(0).meta.lang, Some("en"));
    assert_eq!(index.document(1).meta.lang, None);
    // Tags are kept sorted; code ranges as given.
    assert_eq!(index.document(0).meta.to_meta().tags, ["Gaza", "news"]);
    assert_eq!(index.document(0).code, [[9, 15], [55, 64]]);
    assert_eq!(index.document(1).meta.tags().len(), 0);
    assert_eq!(index.stem_languages(), ["en", "ar"]);
    assert!(index.text(0).unwrap().starts_with("Gaza\nThe leader"));
    assert_eq!(index.text(2).unwrap(), "");
    let corpus = Corpus::from_vec(bytes).unwrap();
    let result = corpus.search("protest", &SearchOptions::default()).unwrap();
    assert_eq!(result.hits.len(), 2, "protesters, protests and protested");
    let result = corpus
        .search("\"of gaza\"", &SearchOptions::default())
        .unwrap();
    assert_eq!(result.hits[0].id, "gaza");
    // An Arabic word finds its forms with an article or a particle attached, in the text and
    // in the title.
    let result = corpus.search("حقوق", &SearchOptions::default()).unwrap();
    assert_eq!(result.hits.len(), 1);
    assert_eq!(result.hits[0].id, "ar/rights");
    assert_eq!(result.hits[0].title_highlights, [[0, 5]]);
    // A word of a title alone (the empty document's) is a term that finds its document.
    let result = corpus.search("only", &SearchOptions::default()).unwrap();
    assert_eq!(result.hits.len(), 1);
    assert_eq!(result.hits[0].id, "empty");
    // The positions kept apart read as any others.
    let result = corpus
        .search("\"chorus the\"", &SearchOptions::default())
        .unwrap();
    assert_eq!(result.hits[0].id, "refrain");
    let the = corpus.index().term_id("the").unwrap();
    let postings = corpus.index().postings(the).unwrap();
    assert_eq!(postings.last().unwrap().positions.len(), REFRAIN);
}

#[test]
fn indexes_of_earlier_versions_are_refused_with_what_to_do() {
    let mut older = std::fs::read(pinned(FORMAT_VERSION)).unwrap();
    older[4..6].copy_from_slice(&(FORMAT_VERSION - 1).to_le_bytes());
    let error = Index::from_bytes(&older).unwrap_err().to_string();
    assert!(
        error.contains(&format!("version {} is not supported", FORMAT_VERSION - 1)),
        "{error}"
    );
    assert!(error.contains("rebuild"), "{error}");
    for (version, _) in earlier_fixtures("index", FORMAT_VERSION) {
        let error = Index::from_bytes(&std::fs::read(pinned(version)).unwrap())
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&format!("version {version} is not supported"))
                && error.contains("rebuild"),
            "{error}"
        );
    }
}

#[test]
fn manifests_of_earlier_versions_are_refused_with_what_to_do() {
    let mut refused = 0;
    for (version, path) in earlier_fixtures("manifest", MANIFEST_VERSION) {
        let bytes = std::fs::read(path).unwrap();
        let error = Index::from_manifest(&bytes).unwrap_err().to_string();
        assert!(
            error.contains(&format!("version {version} is not supported"))
                && error.contains("rebuild"),
            "{error}"
        );
        refused += 1;
    }
    assert!(refused > 0, "the manifest of an earlier version is kept");
}

/// The fixtures `KIND-vN.bin` of versions other than `current`, with their paths.
fn earlier_fixtures(kind: &str, current: u16) -> Vec<(u16, PathBuf)> {
    let prefix = format!("{kind}-v");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let version = name
            .strip_prefix(&prefix)
            .and_then(|v| v.strip_suffix(".bin"))
            .and_then(|v| v.parse::<u16>().ok());
        if let Some(version) = version.filter(|&v| v != current) {
            found.push((version, path));
        }
    }
    found
}

fn inflate(deflated: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::DeflateDecoder::new(deflated);
    std::io::Read::read_to_end(&mut decoder, &mut out).unwrap();
    out
}
