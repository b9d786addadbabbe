//! Fuzzing with proptest, run briefly by `cargo test` and as long as asked by
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz`.
//!
//! Two targets:
//! - the query parser and every entry point over arbitrary query text (operators, quotes,
//!   parentheses, stars, minus signs, non-Latin and astral characters in any order and
//!   length): no panic, every highlight inside its text, every answer within the work budget;
//! - the index reader over damaged bytes (bytes changed, cut short or lengthened): opening
//!   fails with an error or the index answers every call without a panic;
//! - the chunked form's manifest, damaged as it is written or inside its deflated core (where
//!   each shard of the dictionary begins): opening fails with an error, or the index, given
//!   its chunks, answers every call without a panic.

use proptest::prelude::*;

use corpus_viewer::budget::WORK_LIMIT;
use corpus_viewer::search::ConcordanceOptions;
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument, SearchOptions};

const TEXTS: &[&str] = &[
    "The supreme leader spoke of Gaza, Palestine and the MEK (PMOI/MEK) on 22-day marches.",
    "Ayatolláh Khamenei’s remarks: “resistance” — protests, protesters and protesting.",
    "خامنه‌ای درباره غزه سخن گفت. 😀 𝒳 naïve café 1,500 leaders.",
    "Leaders, leading and led: the the the of of of a a a.",
];

fn corpus() -> Corpus {
    let analyzer = corpus_viewer::analyze::Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for (i, text) in TEXTS.iter().enumerate() {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("doc{i}"),
                    title: format!("Document {i}"),
                    source: "fuzz".into(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                headings: Vec::new(),
                code: Vec::new(),
                text: text.repeat(3),
            })
            .expect("ids are unique");
    }
    Corpus::new(builder.finish().expect("the index builds"))
}

/// Query text built from the pieces the parser treats specially, and from any characters.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "(", ")", "\"", "“", "”", "-", "−", "*", "OR", "|", " ", "  ", "\t", "\n",
            "gaza", "the", "leader", "khamenei", "pal", "غزه", "😀", "a", "of", "'", "’s",
        ])
        .prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ];
    prop::collection::vec(piece, 0..400).prop_map(|pieces| pieces.concat())
}

fn within(text: &str, [start, end]: [u32; 2]) -> bool {
    let units: Vec<u16> = text.encode_utf16().collect();
    start <= end
        && (end as usize) <= units.len()
        && String::from_utf16(&units[start as usize..end as usize]).is_ok()
}

/// Asks a corpus opened from damaged bytes everything: each query searched and in context, the
/// list, every document with each query marked, the overview. It must answer or fail, never
/// panic.
fn exercise(corpus: &Corpus, queries: &[&str]) {
    for query in queries {
        let _ = corpus.search(query, &SearchOptions::default());
        let _ = corpus.concordance(query, &ConcordanceOptions::default());
        let _ = corpus.documents();
        for document in corpus.index().documents().iter() {
            let _ = corpus.document(document.meta.id, query);
        }
    }
    let _ = corpus.overview();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_query_text_is_answered_within_the_budget(query in query_text()) {
        let corpus = corpus();
        let result = corpus.search(&query, &SearchOptions::default()).expect("a valid search");
        prop_assert!(result.work <= WORK_LIMIT + WORK_LIMIT / 4, "work {}", result.work);
        prop_assert!(result.total >= result.hits.len());
        for hit in &result.hits {
            let snippet = hit.snippet.as_ref().expect("snippets by default");
            prop_assert!(snippet.highlights.iter().all(|&r| within(&snippet.text, r)));
        }
        let lines = corpus.concordance(&query, &ConcordanceOptions::default()).expect("valid");
        prop_assert!(lines.work <= WORK_LIMIT + WORK_LIMIT / 4, "work {}", lines.work);
        prop_assert!(lines.total >= lines.lines.len());
        let view = corpus.document("doc2", &query).expect("the document exists");
        prop_assert!(view.highlights.iter().all(|&r| within(&view.text, r)));
    }

    #[test]
    fn damaged_index_bytes_fail_cleanly_or_answer(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
        extra in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let mut bytes = corpus().index().to_bytes();
        for (at, value) in changes {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        bytes.extend(extra);
        let Ok(corpus) = Corpus::from_bytes(&bytes) else {
            return Ok(());
        };
        exercise(&corpus, &["gaza", "the leader", "\"of the\"", "pal*", "khamenai ", "-gaza the"]);
    }

    #[test]
    fn damaged_manifests_fail_cleanly_or_answer(
        changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        inside in any::<bool>(),
    ) {
        let chunked = corpus().index().to_chunks_of(1);
        let mut manifest = chunked.manifest.clone();
        if inside {
            // The core inflated, changed and deflated again, so that it reads as postcard.
            let length = u32::from_le_bytes(manifest[6..10].try_into().unwrap()) as usize;
            let mut core = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::DeflateDecoder::new(&manifest[10..10 + length]),
                &mut core,
            )
            .unwrap();
            for (at, value) in changes {
                let i = at.index(core.len());
                core[i] = value;
            }
            let mut deflated = Vec::new();
            std::io::Write::write_all(
                &mut flate2::write::DeflateEncoder::new(&mut deflated, flate2::Compression::fast()),
                &core,
            )
            .unwrap();
            let table = manifest[10 + length..].to_vec();
            manifest.truncate(6);
            manifest.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
            manifest.extend_from_slice(&deflated);
            manifest.extend_from_slice(&table);
        } else {
            for (at, value) in changes {
                let i = at.index(manifest.len());
                manifest[i] = value;
            }
        }
        let Ok(corpus) = Corpus::from_manifest(&manifest) else {
            return Ok(());
        };
        for (name, bytes) in &chunked.chunks {
            let _ = corpus.index().add_chunk(name, bytes);
        }
        exercise(&corpus, &["gaza", "the leader", "\"of the\"", "pal*", "khamenai ", "-gaza the", "protesting"]);
        let _ = corpus.index().wanted_chunks();
    }
}
