//! The chunked index: opened from its manifest, a corpus answers every call exactly as the
//! whole index does once the chunks it asks for have arrived; it asks for few of them, in at
//! most two rounds for a search, and refuses a chunk that does not match its name.

use std::collections::HashMap;

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::budget::TEXT_CHUNKS;
use corpus_viewer::index::{chunk_name, parts, ChunkedIndex, CHUNK_BYTES};
use corpus_viewer::search::{
    CollocateOptions, ConcordanceOptions, ConcordanceSort, DocumentOptions, ListOptions,
    PhraseOptions, Sort, TermCountsOptions, COMMON_IN_PHRASE, PHRASE_TEXTS, SCANNED_CHUNKS,
    SORT_WORDS,
};
use corpus_viewer::{
    Corpus, DocumentMeta, Error, IndexBuilder, NewDocument, SearchOptions, SearchResult,
};

/// 240 documents of 1,500 words drawn from a vocabulary of 3,000 made-up words with a skewed
/// frequency, so that the postings and texts each take many blocks.
fn whole() -> Corpus {
    whole_of(240)
}

/// Pseudo-random numbers from `seed`, the same each run.
fn numbers(mut seed: u64) -> impl FnMut() -> usize {
    move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    }
}

/// A made-up word of `length` letters from a to z, drawn from `next`.
fn made_up_word(next: &mut impl FnMut() -> usize, length: usize) -> String {
    (0..length)
        .map(|_| (b'a' + (next() % 26) as u8) as char)
        .collect()
}

/// [`whole`] with `count` documents.
fn whole_of(count: usize) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let syllables = [
        "ka", "lo", "mi", "ren", "tu", "sa", "vel", "do", "ni", "gar",
    ];
    let word = |mut n: usize| {
        let mut w = String::new();
        loop {
            w.push_str(syllables[n % 10]);
            n /= 10;
            if n == 0 {
                break w;
            }
        }
    };
    let mut next = numbers(7);
    let documents = (0..count).map(|d| {
        let text: Vec<String> = (0..1500)
            .map(|_| {
                // Skewed: small numbers (common words) far more often than large ones.
                let r = next() % 3000;
                word(r * r / 3000)
            })
            .collect();
        NewDocument {
            meta: DocumentMeta {
                id: format!("d{d}"),
                title: format!("Document {} {}", d, word(d)),
                source: format!("Source {}", d % 4),
                ..Default::default()
            },
            text: text.join(" ") + ".",
            headings: Vec::new(),
            code: Vec::new(),
        }
    });
    builder.add_all(documents.collect()).unwrap();
    Corpus::new(builder.finish().unwrap())
}

/// Calls `call` until the corpus wants no chunk, adding the chunks it wants from `chunks`;
/// the answer, the rounds it took and the names of the chunks fetched.
fn converge<T>(
    corpus: &Corpus,
    chunks: &HashMap<String, Vec<u8>>,
    call: impl Fn(&Corpus) -> Result<T, Error>,
) -> (Result<T, Error>, usize, Vec<String>) {
    let (mut rounds, mut fetched) = (0, Vec::new());
    loop {
        let answer = call(corpus);
        let wanted = corpus.index().wanted_chunks();
        if wanted.is_empty() {
            return (answer, rounds, fetched);
        }
        rounds += 1;
        assert!(rounds <= 6, "still wanting chunks after {rounds} rounds");
        for name in wanted {
            corpus.index().add_chunk(&name, &chunks[&name]).unwrap();
            fetched.push(name);
        }
    }
}

/// A search's answer without the work it took, which differs where a chunked dictionary
/// finds near spellings among a few shards' terms and the whole one among all of them.
fn without_work(mut answer: SearchResult) -> String {
    answer.work = 0;
    format!("{answer:?}")
}

fn chunked(whole: &Corpus, chunk_bytes: usize) -> (Corpus, HashMap<String, Vec<u8>>) {
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(chunk_bytes);
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    (corpus, chunks.into_iter().collect())
}

/// Words, a phrase, a prefix, an exclusion, typos, a word with only a suggestion ("did you
/// mean mikami"), and words of titles alone ("document", "77").
const QUERIES: [&str; 10] = [
    "kalo",
    "mika renlo",
    "\"kalo mi\"",
    "ren*",
    "kalomi -lo",
    "kaloo",
    "gargarga",
    "mikaaamii",
    "document",
    "document 77 kalo",
];

#[test]
fn a_chunked_corpus_answers_as_the_whole_one_in_two_rounds_at_most() {
    let whole = whole();
    let (corpus, chunks) = chunked(&whole, 1);
    assert!(chunks.len() > 20, "{} chunks", chunks.len());
    assert!(corpus.index().is_chunked());
    // The list reads the titles, in blocks of their own, the first of which (here every
    // title) comes with the manifest: no round.
    let (listed, rounds, _) = converge(&corpus, &chunks, |c| c.documents());
    assert_eq!(listed.unwrap(), whole.documents().unwrap());
    assert_eq!(rounds, 0, "the titles come with the manifest");
    // Sorted by title, it reads the order of the titles, a chunk of its own, and no block
    // of titles but those of the page.
    let by_title = ListOptions {
        sort: Sort::Title,
        offset: 3,
        limit: Some(5),
        ..ListOptions::default()
    };
    let (page, rounds, fetched) = converge(&corpus, &chunks, |c| c.list(&by_title));
    assert_eq!(page.unwrap(), whole.list(&by_title).unwrap());
    assert_eq!(
        (rounds, fetched.len()),
        (1, 1),
        "the order; the titles have come"
    );
    assert!(corpus.index().wanted_chunks().is_empty());
    for query in QUERIES {
        let options = SearchOptions::default();
        let expected = whole.search(query, &options).unwrap();
        let (answer, rounds, fetched) = converge(&corpus, &chunks, |c| c.search(query, &options));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(expected),
            "{query}"
        );
        // A word not in the dictionary ("mika" is not) is looked for among its near
        // spellings: a round more for the shards that may hold them, another for the shards
        // of the terms found among the rotations, another for their postings; a word with
        // none reads every term for "did you mean".
        let most = if ["kaloo", "gargarga", "mika renlo", "mikaaamii"].contains(&query) {
            5
        } else {
            3
        };
        assert!(rounds <= most, "{query}: {rounds} rounds");
        if query == QUERIES[0] {
            // The first query fetches the shard of the dictionary that holds its word, then
            // its postings, then the texts of its snippets.
            assert_eq!(rounds, 3, "{query}");
        }
        assert!(
            fetched.len() < chunks.len(),
            "{query}: fetched all {}",
            fetched.len()
        );
    }
    // Hits sorted by title, as the whole corpus sorts them.
    let (sorted, _, _) = converge(&corpus, &chunks, |c| {
        c.search(
            "kalo",
            &SearchOptions {
                sort: Sort::Title,
                ..SearchOptions::default()
            },
        )
    });
    let expected = whole.search(
        "kalo",
        &SearchOptions {
            sort: Sort::Title,
            ..SearchOptions::default()
        },
    );
    assert_eq!(
        format!("{:?}", sorted.unwrap()),
        format!("{:?}", expected.unwrap())
    );
    // Everything a query needs has arrived: asked again, it wants nothing.
    corpus
        .search("mika renlo", &SearchOptions::default())
        .unwrap();
    assert!(corpus.index().wanted_chunks().is_empty());
}

#[test]
fn the_reader_and_the_concordance_answer_as_the_whole_corpus() {
    let whole = whole();
    let (corpus, chunks) = chunked(&whole, 40_000);
    let options = DocumentOptions::default();
    let expected = whole.document_with("d77", "kalo", &options).unwrap();
    let (view, rounds, _) = converge(&corpus, &chunks, |c| {
        c.document_with("d77", "kalo", &options)
    });
    assert_eq!(format!("{:?}", view.unwrap()), format!("{expected:?}"));
    assert!(rounds <= 2, "{rounds} rounds");

    let options = ConcordanceOptions::default();
    let expected = whole.concordance("renlo", &options).unwrap();
    let (lines, _, _) = converge(&corpus, &chunks, |c| c.concordance("renlo", &options));
    assert_eq!(format!("{:?}", lines.unwrap()), format!("{expected:?}"));
}

/// The names of the chunks of a corpus's texts, cut a block a chunk: those after the
/// postings' in the single file's order.
fn text_chunk_names(whole: &Corpus) -> std::collections::HashSet<String> {
    let ordered = whole.index().to_chunks_of(1).chunks;
    let bytes = whole.index().to_bytes();
    let (postings, texts) = {
        let parts = parts(&bytes).unwrap();
        (parts.postings.len(), parts.texts.len())
    };
    let mut offset = 0;
    let mut names = std::collections::HashSet::new();
    for (name, bytes) in &ordered {
        if offset >= postings && offset < postings + texts {
            names.insert(name.clone());
        }
        offset += bytes.len();
    }
    names
}

/// Calls that read many documents' texts read those of a bounded number of chunks, say so,
/// and give the same answer once those have arrived; counts go on from where a slice stopped.
#[test]
fn calls_over_many_texts_read_a_bounded_number_of_chunks() {
    let whole = whole_of(480);
    let (corpus, chunks) = chunked(&whole, 1);
    let text_chunks = text_chunk_names(&whole);
    assert!(
        text_chunks.len() > 2 * TEXT_CHUNKS,
        "{} chunks of text",
        text_chunks.len()
    );
    // Each call reads from the first document on: together they read no more than one.
    let read = std::cell::RefCell::new(std::collections::HashSet::new());
    let bounded = |fetched: Vec<String>, what: &str| {
        let mut read = read.borrow_mut();
        read.extend(fetched.into_iter().filter(|n| text_chunks.contains(n)));
        assert!(
            read.len() <= TEXT_CHUNKS,
            "{what}: {} chunks of text read",
            read.len()
        )
    };

    let sorted = ConcordanceOptions {
        sort: ConcordanceSort::Right,
        limit: 100,
        ..Default::default()
    };
    let expected = whole.concordance("kalo", &sorted).unwrap();
    assert!(
        !expected.notes.iter().any(|n| n.starts_with("Sorted")),
        "the whole corpus sorts every occurrence: {:?}",
        expected.notes
    );
    let (lines, _, fetched) = converge(&corpus, &chunks, |c| c.concordance("kalo", &sorted));
    let lines = lines.unwrap();
    bounded(fetched, "a concordance sorted by context");
    assert_eq!(lines.total, expected.total, "counts need no text");
    // "Sorted the first N of T occurrences by context; …": the first N lines are in order.
    let note = lines
        .notes
        .iter()
        .find(|n| n.starts_with("Sorted the first"))
        .unwrap_or_else(|| panic!("{:?}", lines.notes));
    let keyed: usize = note
        .split(' ')
        .nth(3)
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap();
    assert!(keyed > 0 && keyed < lines.total, "{note}");
    let shown = &lines.lines[..keyed.min(lines.lines.len())];
    assert!(shown.len() > 1);
    let key = |right: &str| -> Vec<String> {
        right
            .split_whitespace()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).collect::<String>())
            .filter(|w| !w.is_empty())
            .take(SORT_WORDS as usize)
            .collect()
    };
    assert!(
        shown
            .windows(2)
            .all(|w| key(&w[0].right) <= key(&w[1].right)),
        "sorted by the words after the match"
    );

    let options = CollocateOptions::default();
    let (collocates, _, fetched) = converge(&corpus, &chunks, |c| c.collocates("kalo", &options));
    let collocates = collocates.unwrap();
    bounded(fetched, "collocates");
    assert!(!collocates.complete && collocates.occurrences > 0);
    assert!(
        collocates
            .notes
            .iter()
            .any(|n| n.contains("large collection")),
        "{:?}",
        collocates.notes
    );

    let options = PhraseOptions::default();
    let (phrases, _, fetched) = converge(&corpus, &chunks, |c| c.phrases(&options));
    let phrases = phrases.unwrap();
    bounded(fetched, "phrases");
    assert!(phrases.documents > 0 && phrases.documents < phrases.of);

    // Counts go slice by slice to the end, each slice reading a bounded number of chunks, and
    // add up to the whole corpus's.
    let mut from = Some(0);
    let (mut counted, mut slices) = (Vec::new(), 0);
    let mut totals: HashMap<String, u32> = HashMap::new();
    while let Some(start) = from {
        let options = TermCountsOptions {
            from: start,
            ..Default::default()
        };
        let (slice, _, fetched) = converge(&corpus, &chunks, |c| c.term_counts(&options));
        let slice = slice.unwrap();
        let texts = fetched.iter().filter(|n| text_chunks.contains(*n)).count();
        assert!(texts <= TEXT_CHUNKS, "a slice of counts: {texts} chunks");
        counted.extend(slice.documents.iter().map(|d| d.document.meta.id.clone()));
        for row in slice.terms {
            *totals.entry(row.0).or_default() += row.1;
        }
        from = slice.next;
        slices += 1;
        assert!(
            slices <= whole.index().documents().len(),
            "counts do not move on"
        );
    }
    let ids: Vec<String> = whole
        .documents()
        .unwrap()
        .iter()
        .map(|d| d.meta.id.clone())
        .collect();
    assert_eq!(counted, ids);
    let vocabulary = whole
        .vocabulary(&corpus_viewer::search::VocabularyOptions {
            offset: 0,
            limit: corpus_viewer::search::MAX_VOCABULARY,
        })
        .unwrap();
    for (term, count, _) in vocabulary.terms {
        assert_eq!(totals.get(&term).copied().unwrap_or(0), count, "{term}");
    }
}

#[test]
fn released_chunks_are_fetched_again_and_the_answer_is_the_same() {
    let whole = whole();
    let (mut corpus, chunks) = chunked(&whole, 1);
    let options = SearchOptions::default();
    let (first, _, fetched) = converge(&corpus, &chunks, |c| c.search("kalo", &options));
    let held = corpus.index().chunk_bytes_held();
    assert!(!fetched.is_empty() && held > 0);

    corpus.release_chunks(usize::MAX);
    assert_eq!(
        corpus.index().chunk_bytes_held(),
        held,
        "within the bound, all stay"
    );
    corpus.release_chunks(held / 2);
    assert!(corpus.index().chunk_bytes_held() <= held / 2);
    // The dictionary's chunks stay, as a single file's dictionary does.
    corpus.release_chunks(0);
    let dictionary = corpus.index().chunk_bytes_held();
    assert!(dictionary < held / 2, "{dictionary} of {held}");
    corpus.release_chunks(0);
    assert_eq!(corpus.index().chunk_bytes_held(), dictionary);

    let (again, rounds, refetched) = converge(&corpus, &chunks, |c| c.search("kalo", &options));
    assert_eq!(
        format!("{:?}", again.unwrap()),
        format!("{:?}", first.unwrap())
    );
    assert!(
        !refetched.is_empty() && refetched.len() < fetched.len(),
        "{} of {}",
        refetched.len(),
        fetched.len()
    );
    assert_eq!(rounds, 2, "postings, then texts: the word is known");
}

#[test]
fn a_search_waiting_for_its_passages_is_not_ranked_again() {
    let whole = whole();
    let (mut corpus, chunks) = chunked(&whole, 1);
    for (query, options) in [
        ("kalo", SearchOptions::default()),
        ("mika renlo", SearchOptions::default()),
        (
            "\"kalo mi\"",
            SearchOptions {
                limit: 3,
                explain: true,
                ..SearchOptions::default()
            },
        ),
    ] {
        // Every chunk is let go before those a call wants are added. A search ranked again
        // once its texts have come would want its postings back, and never be answered; the
        // one kept needs only the texts.
        let mut rounds = 0;
        let answer = loop {
            let answer = corpus.search(query, &options).unwrap();
            let wanted = corpus.index().wanted_chunks();
            if wanted.is_empty() {
                break answer;
            }
            rounds += 1;
            assert!(
                rounds <= 8,
                "{query}: still wanting chunks after {rounds} rounds"
            );
            corpus.release_chunks(0);
            for name in wanted {
                corpus.index().add_chunk(&name, &chunks[&name]).unwrap();
            }
        };
        assert_eq!(
            without_work(answer),
            without_work(whole.search(query, &options).unwrap()),
            "{query}"
        );
        // The same words with other options are another search, ranked anew.
        let fewer = SearchOptions {
            limit: 2,
            ..options.clone()
        };
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search(query, &fewer));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(whole.search(query, &fewer).unwrap())
        );
    }
}

/// Documents of 60 words, every other one `the`, the rest drawn from 400 words; each ends with
/// `the rareN`, each `rareN` in ten documents.
fn with_a_common_word(count: usize) -> Corpus {
    let syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "do"];
    let mut next = numbers(11);
    let texts = (0..count).map(|d| {
        let mut words = Vec::new();
        for _ in 0..29 {
            let r = next() % 400;
            let n = r * r / 400;
            words.push("the".to_string());
            words.push(format!("{}{}", syllables[n % 8], syllables[n / 8 % 8]));
        }
        words.push(format!("the rare{}", d / 10));
        words.join(" ") + "."
    });
    corpus_of("c", "Record", texts)
}

/// A corpus of `texts`, document `d` with id `{id}{d}` and title `{title} {d}`.
fn corpus_of(id: &str, title: &str, texts: impl Iterator<Item = String>) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let documents = texts
        .enumerate()
        .map(|(d, text)| NewDocument {
            meta: DocumentMeta {
                id: format!("{id}{d}"),
                title: format!("{title} {d}"),
                ..Default::default()
            },
            text,
            headings: Vec::new(),
            code: Vec::new(),
        })
        .collect();
    builder.add_all(documents).unwrap();
    Corpus::new(builder.finish().unwrap())
}

/// The documents that hold `phrase`'s words one after the other, found by reading every text.
fn holding_phrase(corpus: &Corpus, phrase: &[&str]) -> Vec<String> {
    let analyzer = Analyzer::new();
    let mut ids: Vec<String> = corpus
        .documents()
        .unwrap()
        .into_iter()
        .filter(|info| {
            let text = corpus.document(&info.meta.id, "").unwrap().text;
            let tokens = analyzer.tokens(&text);
            tokens.windows(phrase.len()).any(|window| {
                window
                    .iter()
                    .zip(phrase)
                    .enumerate()
                    .all(|(i, (token, word))| {
                        token.term == *word && token.position == window[0].position + i as u32
                    })
            })
        })
        .map(|info| info.meta.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_common_word_of_a_phrase_is_looked_for_in_the_texts_of_a_few_documents() {
    let count = COMMON_IN_PHRASE as usize + 200;
    let whole = with_a_common_word(count);
    let all = SearchOptions {
        limit: count,
        snippets: false,
        ..SearchOptions::default()
    };
    // In the texts: `rare7` leaves ten documents, and `rare7 the` is in none. From the
    // postings: `kaka` leaves hundreds. Every answer is what reading every text finds.
    for phrase in [
        &["the", "rare7"][..],
        &["rare7", "the"],
        &["the", "kaka", "the"],
        &["kalo", "the", "rare3"],
    ] {
        let query = format!("\"{}\"", phrase.join(" "));
        let mut found: Vec<String> = whole
            .search(&query, &all)
            .unwrap()
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        found.sort();
        assert_eq!(found, holding_phrase(&whole, phrase), "{query}");
        assert!(phrase != ["the", "rare7"] || found.len() == 10, "{query}");
        assert!(
            phrase != ["the", "kaka", "the"] || found.len() > PHRASE_TEXTS,
            "{query}"
        );

        let (corpus, chunks) = chunked(&whole, 1);
        let options = SearchOptions::default();
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search(&query, &options));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(whole.search(&query, &options).unwrap()),
            "{query}"
        );
    }
    // The chunk of the postings of `the` is the largest a search for it reads; the phrase
    // with a rare word reads it not.
    let sizes = |names: &[String], chunks: &HashMap<String, Vec<u8>>| -> Vec<(usize, String)> {
        names.iter().map(|n| (chunks[n].len(), n.clone())).collect()
    };
    let (corpus, chunks) = chunked(&whole, 1);
    let ids = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    let (_, _, fetched) = converge(&corpus, &chunks, |c| c.search("the", &ids));
    let (_, postings_of_the) = sizes(&fetched, &chunks).into_iter().max().unwrap();
    let (corpus, _) = chunked(&whole, 1);
    let options = SearchOptions::default();
    let (_, _, fetched) = converge(&corpus, &chunks, |c| c.search("\"the rare7\"", &options));
    assert!(!fetched.contains(&postings_of_the));
}

/// A call over many long texts counts every piece it reads against its chunks of texts, not
/// the first piece of each text alone.
#[test]
fn calls_over_long_texts_count_each_piece_they_read() {
    // Sixteen texts of 30,000 words, each cut into ten pieces.
    let texts = (0..16).map(|d| {
        (0..30_000)
            .map(|i| format!("w{}", (i * 7 + d) % 5_000))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let whole = corpus_of("long", "Long", texts);
    let text_chunks = text_chunk_names(&whole);
    assert!(text_chunks.len() > 2 * TEXT_CHUNKS, "{}", text_chunks.len());
    let (corpus, chunks) = chunked(&whole, 1);
    let sorted = ConcordanceOptions {
        sort: ConcordanceSort::Right,
        limit: 10,
        ..Default::default()
    };
    let (lines, _, fetched) = converge(&corpus, &chunks, |c| c.concordance("w7", &sorted));
    let lines = lines.unwrap();
    let read = fetched.iter().filter(|n| text_chunks.contains(*n)).count();
    assert!(read <= TEXT_CHUNKS, "{read} chunks of text read");
    assert!(read > TEXT_CHUNKS / 2, "{read} chunks of text read");
    assert!(
        lines
            .notes
            .iter()
            .any(|n| n.starts_with("Sorted the first")),
        "{:?}",
        lines.notes
    );
    assert_eq!(lines.total, whole.concordance("w7", &sorted).unwrap().total);
}

/// The chunks a search fetches until it is answered, and whether it wanted positions kept
/// apart on the way.
fn fetched_and_positions(
    corpus: &Corpus,
    chunks: &HashMap<String, Vec<u8>>,
    query: &str,
) -> (SearchResult, Vec<String>, bool) {
    let options = SearchOptions::default();
    let (mut fetched, mut positions) = (Vec::new(), false);
    loop {
        let answer = corpus.search(query, &options).unwrap();
        positions |= corpus.index().waits_for_positions();
        let wanted = corpus.index().wanted_chunks();
        if wanted.is_empty() {
            return (answer, fetched, positions);
        }
        assert!(fetched.len() < 1_000, "{query} still wants chunks");
        for name in wanted {
            corpus.index().add_chunk(&name, &chunks[&name]).unwrap();
            fetched.push(name);
        }
    }
}

#[test]
fn a_common_word_of_a_phrase_in_few_documents_is_found_in_their_texts_when_they_cost_less() {
    // `the` before every other word, then `the midM endE`: `midM` in 44 documents, `endE`
    // in 200, both in 4.
    let count = 2_200;
    let mut next = numbers(5);
    let texts = (0..count).map(|d| {
        let mut words = Vec::new();
        for _ in 0..40 {
            words.push("the".to_string());
            words.push(format!("w{}", next() % 500));
        }
        words.push(format!("the mid{} end{}", d % 50, d / 200));
        words.join(" ") + "."
    });
    let whole = corpus_of("m", "Memo", texts);
    let manifest = whole.index().to_chunks_of(1).manifest;
    let (_, chunks) = chunked(&whole, 1);
    let expected =
        |query: &str| without_work(whole.search(query, &SearchOptions::default()).unwrap());
    // Four documents hold every word: their texts, which their passages read anyway, cost
    // less than the positions of `the` and those passages.
    let fresh = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, positions) = fetched_and_positions(&fresh, &chunks, "\"the mid3 end2\"");
    assert_eq!(answer.total, 4);
    assert_eq!(without_work(answer), expected("\"the mid3 end2\""));
    assert!(!positions, "the positions of `the` were read");
    // Some 170 documents hold both words, more than are always checked: the positions are
    // read.
    let fresh = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, positions) = fetched_and_positions(&fresh, &chunks, "\"the w7\"");
    assert!(answer.total > 64, "{}", answer.total);
    assert_eq!(without_work(answer), expected("\"the w7\""));
    assert!(positions, "the positions of `the` were not read");
}

/// A search kept while its passages come makes its suggestions again as one call would: here
/// "did you mean" for a misspelling found through a rare form of its stem.
#[test]
fn a_search_finished_later_suggests_what_one_call_would() {
    let mut texts = vec!["the governess came".to_string()];
    texts.extend((0..30).map(|i| format!("the government spoke of item{i}")));
    let whole = corpus_of("g", "Note", texts.into_iter());
    let (corpus, chunks) = chunked(&whole, 1);
    let options = SearchOptions::default();
    for query in ["goverment ", "goverment spoke ", "governmnet "] {
        let expected = whole.search(query, &options).unwrap();
        assert!(
            !expected.suggestions.is_empty() || query == "governmnet ",
            "{query}"
        );
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search(query, &options));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(expected),
            "{query}"
        );
    }
}

#[test]
fn a_chunk_that_does_not_match_its_name_is_refused_by_name() {
    let whole = whole();
    let (corpus, chunks) = chunked(&whole, 1);
    corpus.search("kalo", &SearchOptions::default()).unwrap();
    let name = corpus.index().wanted_chunks().remove(0);
    let bytes = &chunks[&name];

    let mut altered = bytes.clone();
    altered[bytes.len() / 2] ^= 1;
    let message = corpus
        .index()
        .add_chunk(&name, &altered)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&name) && message.contains("do not match"),
        "{message}"
    );

    let message = corpus
        .index()
        .add_chunk(&name, &bytes[..bytes.len() - 1])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&name) && message.contains("bytes, not"),
        "{message}"
    );

    let message = corpus
        .index()
        .add_chunk("0123", bytes)
        .unwrap_err()
        .to_string();
    assert!(message.contains("no part named"), "{message}");

    // Hashed by the page, its length is still checked.
    let message = corpus
        .index()
        .add_hashed_chunk(&name, &bytes[1..])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(&name) && message.contains("bytes, not"),
        "{message}"
    );

    // Refused, the chunk is still wanted; given whole, it is taken.
    corpus.search("kalo", &SearchOptions::default()).unwrap();
    assert!(corpus.index().wanted_chunks().contains(&name));
    corpus.index().add_hashed_chunk(&name, bytes).unwrap();
    corpus.search("kalo", &SearchOptions::default()).unwrap();
    assert!(!corpus.index().wanted_chunks().contains(&name));
}

#[test]
fn chunks_are_named_by_their_bytes_and_a_damaged_manifest_is_refused() {
    let whole = whole();
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks();
    let again = whole.index().to_chunks();
    assert_eq!(
        again.manifest, manifest,
        "the same index gives the same manifest"
    );
    let names: Vec<&String> = chunks.iter().map(|(name, _)| name).collect();
    assert!(names
        .iter()
        .all(|n| n.len() == 16 && n.bytes().all(|b| b.is_ascii_hexdigit())));
    // The chunks, in order, are the single file's postings and texts parts, then the
    // dictionary's.
    let bytes = whole.index().to_bytes();
    let parts = parts(&bytes).unwrap();
    let joined: Vec<u8> = chunks.iter().flat_map(|(_, b)| b.iter().copied()).collect();
    let single = [parts.postings, parts.texts].concat();
    assert_eq!(joined[..single.len()], single[..]);
    assert!(joined.len() > single.len());
    // The build cuts the index it has just made; the same index read from its bytes gives the
    // same chunks.
    let read = corpus_viewer::Index::from_bytes(&bytes)
        .unwrap()
        .to_chunks();
    assert!(read.manifest == manifest && read.chunks == chunks);

    for cut in [3, 8, 12, manifest.len() - 1] {
        let error = Corpus::from_manifest(&manifest[..cut])
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("manifest") || error.contains("damaged"),
            "{cut}: {error}"
        );
    }
    let error = Corpus::from_manifest(&whole.index().to_bytes())
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("not the manifest"), "{error}");

    // A manifest kept as a file of its own is checked against its name, as a chunk is.
    let name = chunk_name(&manifest);
    assert_eq!(name.len(), 16);
    let named = Corpus::from_named_manifest(&name, &manifest).unwrap();
    assert_eq!(
        named.index().documents().len(),
        whole.index().documents().len()
    );
    let mut altered = manifest.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    for (bytes, what) in [(&altered[..], "altered"), (&manifest[..last], "cut short")] {
        let error = Corpus::from_named_manifest(&name, bytes)
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains(&name) && error.contains("do not match its name"),
            "{what}: {error}"
        );
    }
}

/// The seeds (English and Arabic, with stems in both) with their dictionary cut into shards
/// of one term or stem each: every kind of query, the overview, the vocabulary and the
/// statistics answer as the whole index does, reading shards across their boundaries.
#[test]
fn a_manifest_whose_core_the_caller_inflated_opens_the_same_corpus() {
    let whole = whole();
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    // The header (docs/format.md): magic, version, then the deflated core's length.
    let length = u32::from_le_bytes(manifest[6..10].try_into().unwrap()) as usize;
    let core = miniz_oxide::inflate::decompress_to_vec(&manifest[10..10 + length]).unwrap();
    let name = chunk_name(&manifest);

    let plain = Corpus::from_manifest(&manifest).unwrap();
    for given in [None, Some(name.as_str())] {
        let opened = Corpus::open_manifest(&manifest, given, Some(core.clone())).unwrap();
        assert_eq!(opened.overview(), plain.overview());
        for query in QUERIES {
            let ask = |corpus: &Corpus| {
                let (answer, _, _) = converge(corpus, &chunks, |c| {
                    c.search(query, &SearchOptions::default())
                });
                without_work(answer.unwrap())
            };
            assert_eq!(ask(&opened), ask(&plain), "{query}");
        }
    }

    // A core that is not the manifest's is refused as damage, whatever the manifest says.
    for wrong in [&core[..core.len() / 2], &[][..], &[0xff; 64][..]] {
        let error = Corpus::open_manifest(&manifest, None, Some(wrong.to_vec()))
            .err()
            .unwrap()
            .to_string();
        assert!(error.contains("damaged"), "{error}");
    }
    // The name is still checked against the manifest's bytes.
    let mut altered = manifest.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    let error = Corpus::open_manifest(&altered, Some(&name), Some(core))
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("do not match its name"), "{error}");
}

#[test]
fn a_dictionary_in_shards_answers_as_the_whole_one() {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let report = corpus_viewer::folder::read_folder(&dir).unwrap();
    builder.set_title(report.title);
    for document in report.documents {
        builder.add(document).unwrap();
    }
    let whole = Corpus::new(builder.finish().unwrap());
    let (corpus, chunks) = chunked(&whole, 1);
    assert_eq!(
        corpus.overview(),
        whole.overview(),
        "the overview needs no chunk"
    );
    assert!(corpus.index().wanted_chunks().is_empty());

    for query in [
        "protesting",
        "khamenei",
        "khamanei",
        "pales*",
        "\"supreme leader\"",
        "gaza -israel",
        "resistance OR mek",
        "زعيم",
        "qqqxz",
    ] {
        let options = SearchOptions::default();
        let expected = whole.search(query, &options).unwrap();
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search(query, &options));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(expected),
            "{query}"
        );
    }
    let options = corpus_viewer::search::VocabularyOptions {
        offset: 10,
        limit: 50,
    };
    let (vocabulary, _, _) = converge(&corpus, &chunks, |c| c.vocabulary(&options));
    assert_eq!(vocabulary.unwrap(), whole.vocabulary(&options).unwrap());
    let options = PhraseOptions::default();
    let (phrases, _, _) = converge(&corpus, &chunks, |c| c.phrases(&options));
    assert_eq!(
        format!("{:?}", phrases.unwrap()),
        format!("{:?}", whole.phrases(&options).unwrap())
    );
    let options = CollocateOptions::default();
    let (collocates, _, _) = converge(&corpus, &chunks, |c| c.collocates("gaza", &options));
    assert_eq!(
        format!("{:?}", collocates.unwrap()),
        format!("{:?}", whole.collocates("gaza", &options).unwrap())
    );
}

/// The chunks of the dictionary part: those after the postings and texts, but for the blocks
/// of titles, which the list of every document wants.
fn dictionary_chunks(whole: &Corpus, manifest: &[u8], chunks: &[(String, Vec<u8>)]) -> Vec<String> {
    let probe = Corpus::from_manifest(manifest).unwrap();
    let _ = probe.documents();
    let titles = probe.index().wanted_chunks();
    let bytes = whole.index().to_bytes();
    let single = parts(&bytes).unwrap();
    let mut offset = 0;
    let mut dictionary = Vec::new();
    for (name, bytes) in chunks {
        if offset >= single.postings.len() + single.texts.len() && !titles.contains(name) {
            dictionary.push(name.clone());
        }
        offset += bytes.len();
    }
    dictionary
}

/// Near spellings read a few shards of the dictionary, not every term: those of the terms that
/// may start with the word's first piece, those of the rotations that may hold its other
/// pieces, and those of the terms found; and find what the whole dictionary finds, words with
/// one edit or two, typed whole or as the start of a word.
#[test]
fn near_spellings_read_a_few_shards_of_the_dictionary() {
    let mut next = numbers(11);
    // 20,000 words of 5 to 12 random letters, 200 to a document.
    let words: Vec<String> = (0..20_000)
        .map(|_| {
            let length = 5 + next() % 8;
            made_up_word(&mut next, length)
        })
        .collect();
    let whole = corpus_of("w", "Words", words.chunks(200).map(|words| words.join(" ")));
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    assert!(dictionary.len() > 100, "{} chunks", dictionary.len());
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let options = SearchOptions::default();
    let mut tried = 0;
    for (i, word) in words.iter().enumerate().step_by(1_000) {
        let mut chars: Vec<char> = word.chars().collect();
        // An edit in the middle, and a second one at the start of a long word: two letters
        // swapped.
        let middle = chars.len() / 2;
        chars[middle] = if chars[middle] == 'q' { 'x' } else { 'q' };
        if chars.len() > 8 {
            chars.swap(0, 1);
        }
        let typo: String = chars.into_iter().collect();
        if whole.index().term_id(&typo).is_some() {
            continue;
        }
        tried += 1;
        let query = if i % 2000 == 0 {
            typo.clone()
        } else {
            format!("{typo} ")
        };
        // Each time on a corpus just opened.
        let corpus = Corpus::from_manifest(&manifest).unwrap();
        let (answer, rounds, fetched) = converge(&corpus, &chunks, |c| c.search(&query, &options));
        let answer = answer.unwrap();
        assert!(answer.total > 0, "{query:?} finds {word}");
        assert_eq!(
            without_work(answer),
            without_work(whole.search(&query, &options).unwrap()),
            "{query:?}"
        );
        let read = fetched.iter().filter(|n| dictionary.contains(n)).count();
        assert!(
            read * 10 < dictionary.len(),
            "{query:?}: {read} of {} chunks of the dictionary",
            dictionary.len()
        );
        // A long word two edits away looks one edit away first: a round more for the shards
        // of those lookups, which find nothing.
        let most = if typo.chars().count() > 8 { 6 } else { 5 };
        assert!(rounds <= most, "{query:?}: {rounds} rounds");
    }
    assert!(tried >= 15, "{tried} words tried");
    // A word that matches nothing, even with typos, and has no suggestion: its pieces are
    // looked for among a few shards too.
    for word in ["qjxzvk ", "qjxzvkwqpy "] {
        let corpus = Corpus::from_manifest(&manifest).unwrap();
        let (answer, _, fetched) = converge(&corpus, &chunks, |c| c.search(word, &options));
        let answer = answer.unwrap();
        assert_eq!(answer.total, 0, "{word}");
        assert_eq!(
            without_work(answer),
            without_work(whole.search(word, &options).unwrap())
        );
        let read = fetched.iter().filter(|n| dictionary.contains(n)).count();
        assert!(
            read * 5 < dictionary.len(),
            "{word}: {read} of {} chunks of the dictionary",
            dictionary.len()
        );
    }
}

/// The near spellings of a word strewn over many shards of the dictionary are read from a
/// bounded weight of them: those the manifest knows to be in the most documents first, then
/// the shorter; the answer says how many were searched, and a count asked for typos counts
/// them all.
#[test]
fn near_spellings_strewn_over_many_shards_read_a_bounded_few() {
    let mut next = numbers(17);
    // 30,000 made-up words of 6 to 12 letters, 200 to a document; `Xaloo` for every letter X
    // but `k` in one document each, `maloo` in forty, `baloox` in one.
    let mut words: Vec<String> = (0..30_000)
        .map(|_| {
            let length = 6 + next() % 7;
            made_up_word(&mut next, length)
        })
        .collect();
    let near: Vec<String> = ('a'..='z')
        .filter(|&c| c != 'k')
        .map(|c| format!("{c}aloo"))
        .collect();
    for (i, word) in near.iter().enumerate() {
        words[i * 1_000 + 7] = word.clone();
    }
    for d in 0..40 {
        words[d * 200 + 11] = "maloo".into();
    }
    words[29_999] = "baloox".into();
    let whole = corpus_of("w", "Words", words.chunks(200).map(|words| words.join(" ")));
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(16 * 1024);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let options = SearchOptions::default();
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, fetched) = converge(&corpus, &chunks, |c| c.search("kaloo ", &options));
    let answer = answer.unwrap();
    let expected = whole.search("kaloo ", &options).unwrap();
    let all = near.len();
    assert_eq!(
        expected.forms[0].forms.len(),
        all,
        "the whole index searches them all"
    );
    let searched: Vec<&str> = answer.forms[0]
        .forms
        .iter()
        .map(|f| f.form.as_str())
        .collect();
    assert!(searched.len() < all, "{searched:?}");
    assert!(
        searched.contains(&"maloo"),
        "the most common first: {searched:?}"
    );
    let note = format!(
        "Only {} of the {all} words close to \u{2018}kaloo\u{2019} were searched.",
        searched.len()
    );
    assert!(answer.notes.contains(&note), "{:?}", answer.notes);
    let read: usize = fetched
        .iter()
        .filter(|n| dictionary.contains(n))
        .map(|n| chunks[n].len())
        .sum();
    let words_read: usize = fetched.iter().filter(|n| dictionary.contains(n)).count();
    assert!(
        words_read * 3 < dictionary.len(),
        "{words_read} of {} chunks of the dictionary, {read} bytes",
        dictionary.len()
    );
    // The same again finds the same: the shards are chosen from the manifest alone.
    let (again, rounds, _) = converge(&corpus, &chunks, |c| c.search("kaloo ", &options));
    assert_eq!(without_work(again.unwrap()), without_work(answer));
    assert_eq!(rounds, 0);
}

/// "Did you mean" for a word found only through another form of it looks for the terms one
/// edit away before those two away, and stops there when it finds one: a word of eight
/// letters cut into three pieces for two edits holds a piece (`ing`) that all these words end
/// with, and would read most of the rotations.
#[test]
fn a_suggestion_one_edit_away_reads_a_few_shards() {
    let mut next = numbers(13);
    // 20,000 made-up words of 7 to 11 letters, each ending in `ing`, 200 to a document;
    // `preying` in 60 documents, `preyded` (the stem of `preyding`) in one.
    let mut words: Vec<String> = (0..20_000)
        .map(|_| {
            let length = 4 + next() % 5;
            made_up_word(&mut next, length) + "ing"
        })
        .collect();
    for d in 0..60 {
        words[d * 200 + 7] = "preying".into();
    }
    words[70 * 200 + 3] = "preyded".into();
    let texts = words.chunks(200).map(|words| words.join(" "));
    let whole = corpus_of("w", "Words", texts);
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let options = SearchOptions::default();
    let query = "preyding ";
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, fetched) = converge(&corpus, &chunks, |c| c.search(query, &options));
    let answer = answer.unwrap();
    let expected = whole.search(query, &options).unwrap();
    assert_eq!(without_work(answer.clone()), without_work(expected));
    assert_eq!(answer.total, 1, "through `preyded`");
    assert_eq!(answer.suggestions, ["preying"]);
    let read = fetched.iter().filter(|n| dictionary.contains(n)).count();
    assert!(
        read * 10 < dictionary.len(),
        "{read} of {} chunks of the dictionary",
        dictionary.len()
    );
}

/// A word costs a few small chunks of the dictionary, the shard of its term and that of its
/// stem, and no more once the word is found; the manifest holds less than the single file's core.
#[test]
fn a_word_reads_one_shard_of_the_dictionary() {
    let whole = whole_of(480);
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let bytes = whole.index().to_bytes();
    let core = parts(&bytes).unwrap().core.len();
    // Here the documents' entries take most of it; the dictionary is what grows fastest.
    assert!(
        manifest.len() < core * 2 / 3,
        "manifest {} bytes, core {core}",
        manifest.len()
    );
    // The dictionary's chunks come after those of the postings and texts, and before those
    // of the titles, which the list of every document wants.
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    assert!(
        dictionary.len() > 2,
        "{} chunks of dictionary",
        dictionary.len()
    );
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let options = SearchOptions::default();
    corpus.search("renlo", &options).unwrap();
    let first = corpus.index().wanted_chunks();
    // The shard of its terms (here with the next, where the words that start with it go
    // on) and that of its stems, together.
    assert!(
        (2..=3).contains(&first.len()),
        "shards of the dictionary: {first:?}"
    );
    for name in &first {
        // Each its shard alone: a shard of 4 KiB deflates to less than the 4 KiB at which
        // a chunk of the other parts closes, and the shards beside it are not read with it.
        assert!(
            chunks[name].len() < 4096,
            "{name}: {} bytes",
            chunks[name].len()
        );
        corpus.index().add_chunk(name, &chunks[name]).unwrap();
    }
    let (answer, rounds, fetched) = converge(&corpus, &chunks, |c| c.search("renlo", &options));
    assert_eq!(rounds, 2, "then postings, then texts");
    assert!(
        fetched.iter().all(|name| !dictionary.contains(name)),
        "no more of the dictionary while postings are awaited"
    );
    assert_eq!(
        format!("{:?}", answer.unwrap()),
        format!("{:?}", whole.search("renlo", &options).unwrap())
    );
}

/// Each chunk is named with its part: the dictionary's chunks are among those after the
/// postings and texts, and a name the index does not list has none.
#[test]
fn each_chunk_names_its_part() {
    let whole = whole_of(480);
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let mut parts = std::collections::BTreeMap::new();
    for (name, _) in &chunks {
        let part = corpus
            .index()
            .chunk_part(name)
            .expect("every chunk has a part");
        // What follows the postings and texts, but for the titles the first list reads: the
        // dictionary's chunks, then the other blocks of titles.
        let after = dictionary.contains(name);
        assert_eq!(
            after,
            part == "dictionary" || (after && part == "titles"),
            "{name}: {part}"
        );
        *parts.entry(part).or_insert(0) += 1;
    }
    for part in ["dictionary", "postings", "texts", "titles"] {
        assert!(parts.contains_key(part), "{parts:?}");
    }
    assert_eq!(corpus.index().chunk_part("0123456789abcdef"), None);
    assert_eq!(corpus.index().chunk_part("not a name"), None);
    assert_eq!(whole.index().chunk_part(&chunks[0].0), None, "held whole");
}

/// A word typed last whose query has spent its work already does not fetch the shards of
/// its completions, which it could not search, nor a word its other forms: the manifest knows
/// how many documents the commonest words are in before their shards arrive. A word typed
/// last that leaves work for its completions reads them.
#[test]
fn the_completions_of_a_word_typed_last_are_not_fetched_when_no_work_is_left_for_them() {
    // 60,000 notes, each `note date`, one of 12,000 completions of `date` (in 5 notes each,
    // some 10 shards of terms) and a word of its own: `note date` weighs 120,000 postings,
    // more than a search reads.
    let texts = (0..60_000).map(|d| format!("note date date{} own{d}", d % 12_000));
    let whole = corpus_of("n", "Note", texts);
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(4096);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let options = SearchOptions::default();
    // The shards of the completions of `date`: those `date*` reads and neither `date ` (the
    // word alone) nor `note ` does.
    let read = |query: &str| {
        let corpus = Corpus::from_manifest(&manifest).unwrap();
        let (_, _, fetched) = converge(&corpus, &chunks, |c| c.search(query, &options));
        fetched.into_iter().filter(|n| dictionary.contains(n))
    };
    let alone: Vec<String> = read("date ").chain(read("note ")).collect();
    let completions: Vec<String> = read("date*").filter(|n| !alone.contains(n)).collect();
    assert!(completions.len() >= 5, "{completions:?}");
    for query in ["note date", "note date*"] {
        let corpus = Corpus::from_manifest(&manifest).unwrap();
        let (answer, _, fetched) = converge(&corpus, &chunks, |c| c.search(query, &options));
        let answer = answer.unwrap();
        assert_eq!(answer.total, 60_000, "{query}");
        assert_eq!(
            without_work(answer.clone()),
            without_work(whole.search(query, &options).unwrap()),
            "{query}"
        );
        assert!(
            answer.notes.iter().any(|n| n
                == "Longer words that begin with \u{2018}date\u{2019} were not searched: the query asks for too much."),
            "{query}: {:?}",
            answer.notes
        );
        let read = fetched.iter().filter(|n| completions.contains(n)).count();
        assert_eq!(read, 0, "{query}: {read} of {} shards", completions.len());
    }
    // Nor are the other forms of `date`: the shard of its stem, which `date ` alone reads, is
    // not read when the query's work is spent.
    let both: Vec<String> = read("note date ").collect();
    let left: Vec<String> = read("date ").filter(|n| !both.contains(n)).collect();
    assert!(!left.is_empty(), "{both:?}");
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, _) = converge(&corpus, &chunks, |c| c.search("note date ", &options));
    let answer = answer.unwrap();
    assert_eq!(
        without_work(answer.clone()),
        without_work(whole.search("note date ", &options).unwrap())
    );
    assert!(
        answer.notes.iter().any(|n| {
            n
            == "Other forms of \u{2018}date\u{2019} were not searched: the query asks for too much."
        }),
        "{:?}",
        answer.notes
    );
    // `date1` leaves work for its completions: their shards are read, and they are searched.
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let (answer, _, _) = converge(&corpus, &chunks, |c| c.search("date1", &options));
    let answer = answer.unwrap();
    assert_eq!(
        without_work(answer.clone()),
        without_work(whole.search("date1", &options).unwrap())
    );
    assert!(answer.total > 5, "{}", answer.total);
}

/// 400 short documents with long titles (about 120 bytes, some 70 to a block of titles) and
/// URLs: the word `d{n}x` is in document n alone, `pair` in the first and the last.
fn titled() -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let documents = (0..400)
        .map(|d| NewDocument {
            meta: DocumentMeta {
                id: format!("t{d:03}"),
                title: format!("Title {d}: {}", "a long heading of the record ".repeat(4)),
                source: "S".into(),
                url: Some(format!("https://example.org/{d}")),
                ..Default::default()
            },
            text: format!(
                "Text of d{d}x with words.{}",
                if d == 0 || d == 399 { " A pair." } else { "" }
            ),
            headings: Vec::new(),
            code: Vec::new(),
        })
        .collect();
    builder.add_all(documents).unwrap();
    Corpus::new(builder.finish().unwrap())
}

#[test]
fn titles_stay_in_the_manifest_until_they_weigh_megabytes() {
    let whole = titled();
    let ChunkedIndex { manifest, .. } = whole.index().to_chunks();
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    assert_eq!(corpus.documents().unwrap(), whole.documents().unwrap());
    assert!(
        corpus.index().wanted_chunks().is_empty(),
        "the list needs no chunk"
    );
    let smaller = whole.index().to_chunks_of(CHUNK_BYTES).manifest;
    assert!(
        smaller.len() < manifest.len(),
        "{} and {}",
        smaller.len(),
        manifest.len()
    );
}

#[test]
fn a_search_reads_the_titles_of_its_hits_alone() {
    let whole = titled();
    let (corpus, chunks) = chunked(&whole, 1);
    // Each block of titles a chunk: those the whole list reads.
    let probe = Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
    let _ = probe.documents();
    let titles = probe.index().wanted_chunks();
    assert!(titles.len() >= 5, "{} blocks of titles", titles.len());
    // The first block comes with the manifest: the first page of the list reads no chunk,
    // and the whole list every block but that one.
    let first_page = ListOptions {
        limit: Some(20),
        ..ListOptions::default()
    };
    let (page, rounds, fetched) = converge(&corpus, &chunks, |c| c.list(&first_page));
    assert_eq!((rounds, fetched.len()), (0, 0), "{fetched:?}");
    assert_eq!(page.unwrap(), whole.list(&first_page).unwrap());
    let blocks = whole.index().to_chunks_of(1).manifest;
    let (_, _, fetched) = converge(&Corpus::from_manifest(&blocks).unwrap(), &chunks, |c| {
        c.documents()
    });
    assert_eq!(fetched.len(), titles.len());
    // The manifest ends with that block: altered, it is refused as damage.
    let mut altered = blocks.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    let error = Corpus::from_manifest(&altered).err().unwrap().to_string();
    assert!(error.contains("first block of titles"), "{error}");
    // Hits shown with their passages have their titles from their blocks of texts, which
    // hold them: no block of titles is read. Without passages, the hits' blocks of titles are.
    let ids_only = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    for (query, options, blocks) in [
        ("d123x", SearchOptions::default(), 0),
        ("pair", SearchOptions::default(), 0),
        ("d124x", ids_only.clone(), 1),
        // Two blocks, the first of which came with the manifest.
        ("pair", ids_only, 1),
    ] {
        let fresh = Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
        let (answer, _, fetched) = converge(&fresh, &chunks, |c| c.search(query, &options));
        let read = fetched.iter().filter(|name| titles.contains(name)).count();
        assert_eq!(read, blocks, "{query} {options:?}: {fetched:?}");
        let answer = answer.unwrap();
        assert!(answer
            .hits
            .iter()
            .all(|hit| hit.title.starts_with("Title ")));
        assert_eq!(
            format!("{answer:?}"),
            format!("{:?}", whole.search(query, &options).unwrap())
        );
    }
    // One document's entry reads the block of titles of that document; the reader, its text,
    // which holds its title and URL too.
    let (info, _, fetched) = converge(&corpus, &chunks, |c| c.document_info("t250"));
    let info = info.unwrap().unwrap();
    assert_eq!(info.meta.url.as_deref(), Some("https://example.org/250"));
    assert_eq!(Some(info), whole.document_info("t250").unwrap());
    assert_eq!(
        fetched.iter().filter(|name| titles.contains(name)).count(),
        1
    );
    let fresh = Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
    let options = DocumentOptions::default();
    let (view, _, fetched) = converge(&fresh, &chunks, |c| c.document_with("t310", "", &options));
    assert!(
        !fetched.iter().any(|name| titles.contains(name)),
        "{fetched:?}"
    );
    let view = view.unwrap();
    assert_eq!(
        view.document.meta.url.as_deref(),
        Some("https://example.org/310")
    );
    assert_eq!(view, whole.document_with("t310", "", &options).unwrap());
    // Sorted by title, a page of the list reads the order of the titles, a chunk of its own,
    // then the blocks of that page's documents only.
    let page = ListOptions {
        sort: Sort::Title,
        offset: 100,
        limit: Some(3),
        ..ListOptions::default()
    };
    let fresh = Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
    let (listed, rounds, fetched) = converge(&fresh, &chunks, |c| c.list(&page));
    assert_eq!(listed.unwrap(), whole.list(&page).unwrap());
    assert_eq!(rounds, 2, "the order, then the titles");
    assert!(fetched.len() <= 4, "{} chunks for 3 titles", fetched.len());
    let order = &fetched[0];
    // A list in the collection's order never reads it; a search sorted by title does, and
    // ranks as the whole index does.
    let fresh = Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
    let in_order = ListOptions {
        sort: Sort::Relevance,
        ..page.clone()
    };
    let (listed, _, fetched) = converge(&fresh, &chunks, |c| c.list(&in_order));
    assert_eq!(listed.unwrap(), whole.list(&in_order).unwrap());
    assert!(!fetched.contains(order), "{fetched:?}");
    let by_title = SearchOptions {
        sort: Sort::Title,
        ..SearchOptions::default()
    };
    let (found, _, fetched) = converge(&fresh, &chunks, |c| c.search("words", &by_title));
    assert!(fetched.contains(order), "{fetched:?}");
    assert_eq!(
        without_work(found.unwrap()),
        without_work(whole.search("words", &by_title).unwrap())
    );
}

/// A page may ask for the passages of the hits in view alone: the others come with their
/// titles and without a passage, and the blocks of texts only they would need are not read.
#[test]
fn a_search_reads_the_texts_of_the_passages_asked_for_alone() {
    let whole = whole();
    let (_, chunks) = chunked(&whole, 1);
    let texts = text_chunk_names(&whole);
    let fresh = || Corpus::from_manifest(&whole.index().to_chunks_of(1).manifest).unwrap();
    let ten = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    let three = SearchOptions {
        limit: 3,
        ..SearchOptions::default()
    };
    let three_of_ten = SearchOptions {
        snippet_limit: Some(3),
        ..ten.clone()
    };
    let texts_read = |options: &SearchOptions| {
        let (answer, _, fetched) = converge(&fresh(), &chunks, |c| c.search("kalo", options));
        let mut read: Vec<String> = fetched.into_iter().filter(|n| texts.contains(n)).collect();
        read.sort();
        (answer.unwrap(), read)
    };
    let (every, read_every) = texts_read(&ten);
    let (first, read_first) = texts_read(&three);
    let (some, read_some) = texts_read(&three_of_ten);
    assert_eq!(
        read_some, read_first,
        "the texts of the first three hits' passages"
    );
    assert!(
        read_some.len() < read_every.len(),
        "{} blocks of texts rather than {}",
        read_some.len(),
        read_every.len()
    );
    assert_eq!(some.total, every.total);
    assert_eq!(some.hits.len(), 10);
    for (place, (hit, full)) in some.hits.iter().zip(&every.hits).enumerate() {
        assert_eq!((&hit.id, &hit.title), (&full.id, &full.title), "{place}");
        assert_eq!(hit.score, full.score);
        if place < 3 {
            assert!(hit.snippet.is_some());
            assert_eq!(hit.snippet, full.snippet);
            assert_eq!(hit, &first.hits[place]);
        } else {
            assert_eq!(hit.snippet, None, "{place}");
        }
    }
    // The whole index answers alike.
    assert_eq!(
        without_work(some),
        without_work(whole.search("kalo", &three_of_ten).unwrap())
    );
}

#[test]
fn a_word_whose_postings_are_on_their_way_is_not_weighed_in_every_document_meanwhile() {
    let whole = titled();
    let (corpus, chunks) = chunked(&whole, 1);
    let options = SearchOptions::default();
    let works = std::cell::RefCell::new(Vec::new());
    let (found, rounds, _) = converge(&corpus, &chunks, |c| {
        let answer = c.search("of", &options);
        if let Ok(answer) = &answer {
            works.borrow_mut().push(answer.work);
        }
        answer
    });
    let works = works.into_inner();
    assert_eq!(
        without_work(found.unwrap()),
        without_work(whole.search("of", &options).unwrap())
    );
    assert!(rounds >= 2, "its shard, then its postings");
    // The word is in all 400 documents and titles: weighing them takes 4,000 units, which
    // the calls made while its postings were on their way did not spend.
    // The first call wanted its shard, the second its postings.
    let last = works[works.len() - 1];
    assert!(works[1] + 4000 <= last, "{works:?}");
}

/// 3,000 documents of 600 words, half of them `the` at places drawn at random, the rest
/// from 64 made-up words: the positions of `the` take many blocks.
fn with_the_everywhere() -> Corpus {
    let syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "do"];
    let mut next = numbers(5);
    let texts = (0..3000).map(|_| {
        let words: Vec<String> = (0..600)
            .map(|_| match next() % 1200 {
                r if r < 600 => "the".to_string(),
                r => format!("{}{}", syllables[r % 8], syllables[r / 8 % 8]),
            })
            .collect();
        words.join(" ") + "."
    });
    corpus_of("e", "Entry", texts)
}

#[test]
fn a_word_in_every_document_finds_its_passages_words_in_their_texts() {
    let whole = with_the_everywhere();
    let ordered = whole.index().to_chunks_of(1).chunks;
    let bytes = whole.index().to_bytes();
    let parts = parts(&bytes).unwrap();
    // The chunks of the positions: those after the postings' in the single file's order.
    let (mut postings, mut positions) = (0, Vec::new());
    for (name, chunk) in &ordered {
        if postings < parts.postings.len() {
            postings += chunk.len();
        } else if positions.iter().map(|(_, n)| n).sum::<usize>() < parts.positions.len() {
            positions.push((name.clone(), chunk.len()));
        }
    }
    assert!(
        positions.len() > 20,
        "{} chunks of positions",
        positions.len()
    );
    let (corpus, chunks) = chunked(&whole, 1);
    let options = SearchOptions::default();
    let (answer, rounds, fetched) = converge(&corpus, &chunks, |c| c.search("the", &options));
    assert_eq!(
        without_work(answer.unwrap()),
        without_work(whole.search("the", &options).unwrap())
    );
    assert_eq!(rounds, 3, "its shard, its postings, then its hits' texts");
    // The passages find the word in the texts they read anyway, highlights and all, rather
    // than wait for its positions.
    let read = positions
        .iter()
        .filter(|(name, _)| fetched.contains(name))
        .count();
    assert_eq!(read, 0, "chunks of positions read for the passages");
    // Asked again with the texts at hand and the positions still not, the same.
    let (again, rounds, _) = converge(&corpus, &chunks, |c| c.search("the ka*", &options));
    assert_eq!(
        without_work(again.unwrap()),
        without_work(whole.search("the ka*", &options).unwrap())
    );
    assert!(rounds >= 1);
    // Ranked by their counts alone, the hits need no positions; a phrase reads those of every
    // document it checks. Each answers as the whole.
    let ids = SearchOptions {
        snippets: false,
        ..SearchOptions::default()
    };
    let (corpus, chunks) = chunked(&whole, 1);
    let (answer, _, fetched) = converge(&corpus, &chunks, |c| c.search("the", &ids));
    assert_eq!(
        without_work(answer.unwrap()),
        without_work(whole.search("the", &ids).unwrap())
    );
    assert!(!fetched
        .iter()
        .any(|name| positions.iter().any(|(n, _)| n == name)));
    // The reader, too, finds the word in the text it shows.
    let reader = DocumentOptions::default();
    let (corpus, chunks) = chunked(&whole, 1);
    let (view, _, fetched) = converge(&corpus, &chunks, |c| {
        c.document_with("e700", "the", &reader)
    });
    let expected = whole.document_with("e700", "the", &reader).unwrap();
    assert_eq!(format!("{:?}", view.unwrap()), format!("{expected:?}"));
    assert!(expected.highlights.len() > 150);
    assert!(!fetched
        .iter()
        .any(|name| positions.iter().any(|(n, _)| n == name)));
    for query in ["\"the kalo\"", "the kalo", "the*"] {
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search(query, &options));
        assert_eq!(
            without_work(answer.unwrap()),
            without_work(whole.search(query, &options).unwrap()),
            "{query}"
        );
    }
    let lines = ConcordanceOptions::default();
    let (answer, _, _) = converge(&corpus, &chunks, |c| c.concordance("the", &lines));
    assert_eq!(
        format!("{:?}", answer.unwrap()),
        format!("{:?}", whole.concordance("the", &lines).unwrap())
    );
}

/// Collocates look up in the dictionary only the words met near the query often enough to
/// count: a word met once beside it costs no shard.
#[test]
fn collocates_read_the_shards_of_the_words_met_often_enough() {
    // Each document: the query word between two words of its own, then the same two words
    // after it, then words of its own far from it.
    let once = |d: usize, k: usize| format!("w{}z{}", d * 7 + k, "q".repeat(24 + d % 5));
    let texts = (0..300).map(|d| {
        format!(
            "{} {} anchor {} steady river {} {} {} {} {}{} {} {}",
            once(d, 0),
            once(d, 1),
            once(d, 2),
            once(d, 3),
            once(d, 4),
            once(d, 5),
            once(d, 6),
            "far ".repeat(6),
            once(d, 7),
            once(d, 8),
            once(d, 9),
        )
    });
    let whole = corpus_of("c", "Note", texts);
    let ChunkedIndex { manifest, chunks } = whole.index().to_chunks_of(1024);
    let dictionary = dictionary_chunks(&whole, &manifest, &chunks);
    assert!(
        dictionary.len() > 12,
        "{} chunks of dictionary",
        dictionary.len()
    );
    let chunks: HashMap<String, Vec<u8>> = chunks.into_iter().collect();
    let corpus = Corpus::from_manifest(&manifest).unwrap();
    let options = CollocateOptions::default();
    let (collocates, _, fetched) = converge(&corpus, &chunks, |c| c.collocates("anchor", &options));
    let collocates = collocates.unwrap();
    assert_eq!(
        format!("{collocates:?}"),
        format!("{:?}", whole.collocates("anchor", &options).unwrap())
    );
    let words: Vec<&str> = collocates
        .collocates
        .iter()
        .map(|c| c.term.as_str())
        .collect();
    assert!(
        words.contains(&"steady") && words.contains(&"river"),
        "{words:?}"
    );
    let read = fetched
        .iter()
        .filter(|name| dictionary.contains(name))
        .count();
    // The shards of `anchor` (its term and its stem) and of `steady` and `river`, not those of
    // the words met once beside it (15 chunks when each word met was looked up).
    assert!(
        read <= 6,
        "{read} chunks of dictionary of {}",
        dictionary.len()
    );
}

/// Three texts of 40,000 numbered words (`w0 w1 …`, about 300 KB each), a line end every
/// 13 words, and a short one; the second has code around its word 20,001 and `needle` at
/// words 7, 20,003 and 39,990.
fn long_texts() -> (Vec<String>, Vec<Vec<[u32; 2]>>, Corpus) {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    let mut texts = Vec::new();
    let mut codes = Vec::new();
    for d in 0..4 {
        let count = if d == 3 { 12 } else { 40_000 };
        let mut text = String::new();
        let mut code = Vec::new();
        for i in 0..count {
            let word = match (d, i) {
                (1, 7 | 20_003 | 39_990) => "needle".to_string(),
                _ => format!("w{i}"),
            };
            if d == 1 && i == 19_999 {
                code.push([text.len() as u32, 0]);
            }
            text.push_str(&word);
            if d == 1 && i == 20_002 {
                code[0][1] = text.len() as u32;
            }
            text.push_str(if i % 13 == 12 { ".\n" } else { " " });
        }
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("long{d}"),
                    title: format!("Long {d}"),
                    ..Default::default()
                },
                text: text.clone(),
                headings: Vec::new(),
                code: code.clone(),
            })
            .unwrap();
        texts.push(text);
        codes.push(code);
    }
    (texts, codes, Corpus::new(builder.finish().unwrap()))
}

/// `query` searched in a corpus just opened from `manifest`, answering as `whole` does: the
/// answer, and the chunks it fetched.
fn searched_afresh(
    whole: &Corpus,
    manifest: &[u8],
    chunks: &HashMap<String, Vec<u8>>,
    query: &str,
) -> (SearchResult, Vec<String>) {
    let options = SearchOptions::default();
    let fresh = Corpus::from_manifest(manifest).unwrap();
    let (answer, _, fetched) = converge(&fresh, chunks, |c| c.search(query, &options));
    let answer = answer.unwrap();
    assert_eq!(
        without_work(answer.clone()),
        without_work(whole.search(query, &options).unwrap()),
        "{query}"
    );
    (answer, fetched)
}

#[test]
fn the_passage_of_a_long_text_reads_the_piece_that_holds_it() {
    use corpus_viewer::analyze::word_spans;
    use corpus_viewer::excerpt::{snippet, MatchedWord};
    let (texts, codes, whole) = long_texts();
    let (_, chunks) = chunked(&whole, 1);
    let manifest = whole.index().to_chunks_of(1).manifest;
    let fetched_bytes =
        |fetched: &[String]| -> usize { fetched.iter().map(|name| chunks[name].len()).sum() };
    for query in ["needle", "w20001", "w39999", "w12345", "w26000"] {
        let (answer, fetched) = searched_afresh(&whole, &manifest, &chunks, query);
        assert!(!answer.hits.is_empty(), "{query}");
        // Each passage is the one the whole text gives: read from its piece, the same words,
        // highlights and code.
        for hit in &answer.hits {
            let d: usize = hit.id["long".len()..].parse().unwrap();
            let text = &texts[d];
            let spans = word_spans(text);
            let matched: Vec<MatchedWord> = spans
                .iter()
                .enumerate()
                .filter(|(_, span)| &text[(*span).clone()] == query)
                .map(|(position, _)| MatchedWord {
                    position: position as u32,
                    clause: 0,
                })
                .collect();
            let code: Vec<_> = codes[d]
                .iter()
                .map(|&[s, e]| s as usize..e as usize)
                .collect();
            let expected = snippet(text, spans.len() as u32, &matched, &code, |a, b| {
                spans[a as usize..(b as usize).min(spans.len())].to_vec()
            });
            assert_eq!(
                hit.snippet.as_ref(),
                Some(&expected),
                "{query} in {}",
                hit.id
            );
        }
        // A passage reads a piece of its text, not the text: the reader reads all of it.
        let reader = Corpus::from_manifest(&manifest).unwrap();
        let id = &answer.hits[0].id;
        let document_options = DocumentOptions::default();
        let (view, _, whole_text) = converge(&reader, &chunks, |c| {
            c.document_with(id, "", &document_options)
        });
        assert_eq!(
            view.unwrap(),
            whole.document_with(id, "", &document_options).unwrap()
        );
        let (searched, read) = (fetched_bytes(&fetched), fetched_bytes(&whole_text));
        assert!(
            searched * 2 < read * answer.hits.len(),
            "{query}: {searched} bytes for {} passages, {read} for a whole text",
            answer.hits.len()
        );
    }
}

#[test]
fn a_common_word_of_a_long_text_is_found_in_the_piece_of_its_passage() {
    // Short notes, then four texts of 24,000 pairs `the wN` (about 250 KB): `the` keeps its
    // positions apart, and a passage finds them in a text of 50,000 words or fewer. The
    // titles, long, take several blocks.
    let texts = (0..204).map(|d| match d {
        200.. => (0..24_000).map(|i| format!("the w{i} ")).collect(),
        _ => format!("A short note {d}."),
    });
    let heading = "a long heading of a record ".repeat(4);
    let whole = corpus_of("the", &format!("Title: {heading}"), texts);
    let (_, chunks) = chunked(&whole, 1);
    let manifest = whole.index().to_chunks_of(1).manifest;
    let probe = Corpus::from_manifest(&manifest).unwrap();
    let _ = probe.documents();
    let titles = probe.index().wanted_chunks();
    assert!(titles.len() >= 2, "{} blocks of titles", titles.len());
    let reader = Corpus::from_manifest(&manifest).unwrap();
    let (_, _, text) = converge(&reader, &chunks, |c| {
        c.document_with("the201", "", &DocumentOptions::default())
    });
    let whole_text: usize = text.iter().map(|name| chunks[name].len()).sum();
    for (query, starts) in [("the", "the w0 the w1 "), ("the w20000", "… w19997 the ")] {
        let (answer, fetched) = searched_afresh(&whole, &manifest, &chunks, query);
        for hit in &answer.hits {
            let snippet = hit.snippet.as_ref().unwrap();
            assert!(
                snippet.text.starts_with(starts),
                "{query}: {}",
                snippet.text
            );
            let units: Vec<u16> = snippet.text.encode_utf16().collect();
            let marked: Vec<String> = snippet
                .highlights
                .iter()
                .map(|&[s, e]| String::from_utf16(&units[s as usize..e as usize]).unwrap())
                .collect();
            let the = marked.iter().filter(|w| *w == "the").count();
            assert!(query != "the" || the >= 10, "{marked:?}");
            let needle = marked.iter().any(|w| w == "w20000");
            assert_eq!(needle, query.contains("w20000"), "{marked:?}");
        }
        // The hits have their titles from the pieces they read, not from blocks of titles.
        assert!(!fetched.iter().any(|name| titles.contains(name)), "{query}");
        // Each passage and its words from a piece: less than half a text each.
        let read: usize = fetched.iter().map(|name| chunks[name].len()).sum();
        assert!(
            read * 2 < whole_text * answer.hits.len(),
            "{query}: {read} bytes for {} hits, {whole_text} a text",
            answer.hits.len()
        );
    }
}

/// 8,000 documents of `of the` said a number of times drawn for each: texts that deflate to little beside the postings of `of` and `the`, whose counts
/// vary from document to document, as a large collection's common words weigh beside its
/// chunks of texts.
fn of_the_sea() -> Corpus {
    let mut next = numbers(3);
    let texts = (0..8_000).map(|_| "of the ".repeat(1 + next() % 200));
    corpus_of("s", "Sea", texts)
}

#[test]
fn a_phrase_whose_postings_weigh_more_than_the_first_texts_is_checked_in_them() {
    let whole = of_the_sea();
    let (corpus, chunks) = chunked(&whole, 1);
    let part = |name: &String| corpus.index().chunk_part(name).unwrap();
    let mut postings = chunks.keys().filter(|name| part(name) == "postings");
    let postings = chunks[postings.next().unwrap()].len();
    let texts: Vec<usize> = (chunks.iter())
        .filter(|(name, _)| part(name) == "texts")
        .map(|(_, bytes)| bytes.len())
        .collect();
    let mean = texts.iter().sum::<usize>() / texts.len();
    assert!(
        postings > 10 * mean,
        "postings {postings}, texts {mean} a chunk"
    );

    // The first search reads no postings, and twenty chunks of texts; every document it
    // checked holds the phrase.
    let (answer, fetched, _) = fetched_and_positions(&corpus, &chunks, "\"of the\"");
    assert!(fetched.iter().all(|name| part(name) != "postings"));
    let read = fetched.iter().filter(|name| part(name) == "texts").count();
    assert_eq!(read, SCANNED_CHUNKS);
    assert!(answer.further && !answer.complete);
    let note = format!(
        "Only the first {} of the 8,000 documents were checked for the phrase \"of the\": \
         its words are too common to read them all at once.",
        answer.total
    );
    assert_eq!(answer.notes, [note]);
    assert!(
        answer.total > 100 && answer.total < 8_000,
        "{}",
        answer.total
    );

    // The overview's counts of the phrase's documents say they may not be all, and why, as
    // those of the whole index do, which checks as far as one search's work goes.
    let counts = TermCountsOptions {
        query: Some("\"of the\"".into()),
        ..TermCountsOptions::default()
    };
    let (slice, _, _) = converge(&corpus, &chunks, |c| c.term_counts(&counts));
    let slice = slice.unwrap();
    assert!(!slice.complete);
    assert_eq!(slice.notes, answer.notes);
    assert!(
        slice.documents.len() <= answer.total,
        "{}",
        slice.documents.len()
    );
    let slice = whole.term_counts(&counts).unwrap();
    assert!(!slice.complete);
    assert!(
        slice.notes.len() == 1 && slice.notes[0].starts_with("Only the first "),
        "{:?}",
        slice.notes
    );
    assert!(slice.documents.len() < 8_000);

    // Searching further reads the postings and checks them all.
    let further = SearchOptions {
        further: true,
        ..SearchOptions::default()
    };
    let mut steps = 0;
    let answer = loop {
        let (answer, _, _) = converge(&corpus, &chunks, |c| c.search("\"of the\"", &further));
        let answer = answer.unwrap();
        steps += 1;
        assert!(steps < 20, "each call checks more");
        if !answer.further {
            break answer;
        }
    };
    assert_eq!((answer.total, answer.complete), (8_000, true));
    assert!(answer.notes.is_empty(), "{:?}", answer.notes);
    // As the whole index answers, searched further to the end.
    let expected = loop {
        let answer = whole.search("\"of the\"", &further).unwrap();
        if !answer.further {
            break answer;
        }
    };
    assert_eq!(without_work(answer), without_work(expected));
}
