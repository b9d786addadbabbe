//! Counts a researcher can cite: the concordance counts each word's own form unless asked for
//! more, says which forms it counted and which it did not, and a search says which other words
//! it matched; the query operators (NOT, AND, NEAR) do what they say.

use corpus_viewer::analyze::Analyzer;
use corpus_viewer::score::MatchKind;
use corpus_viewer::search::{
    Concordance, ConcordanceOptions, ConcordanceSort, Form, Forms, WholeCount,
    MAX_EXPANSION_BLOCKS, MAX_PREFIX_TERMS,
};
use corpus_viewer::{Corpus, DocumentMeta, IndexBuilder, NewDocument, SearchOptions, SearchResult};

fn corpus(texts: &[&str]) -> Corpus {
    let analyzer = Analyzer::new();
    let mut builder = IndexBuilder::new(&analyzer);
    for (i, text) in texts.iter().enumerate() {
        builder
            .add(NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("Document {i}"),
                    source: "s".into(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text: text.to_string(),
                headings: vec![],
                code: Vec::new(),
            })
            .unwrap();
    }
    Corpus::from_bytes(&builder.finish().unwrap().to_bytes()).unwrap()
}

const WAR: [&str; 4] = [
    "The war began. War is costly; the wars of the past warned us.",
    "They warned of war and of warmongering, and of WAR again.",
    "Peace talks, no fighting words at all.",
    "Wars end. The warring parties met.",
];

fn concordance(corpus: &Corpus, query: &str, forms: Forms) -> Concordance {
    let options = ConcordanceOptions {
        forms,
        ..ConcordanceOptions::default()
    };
    corpus.concordance(query, &options).unwrap()
}

fn form<'a>(c: &'a Concordance, word: &str) -> Option<&'a Form> {
    c.forms
        .iter()
        .flat_map(|w| &w.forms)
        .find(|f| f.form == word)
}

fn search(corpus: &Corpus, query: &str) -> SearchResult {
    corpus.search(query, &SearchOptions::default()).unwrap()
}

fn ids(result: &SearchResult) -> Vec<&str> {
    result.hits.iter().map(|h| h.id.as_str()).collect()
}

/// The documents that match the whole query.
fn complete(result: &SearchResult) -> Vec<&str> {
    result
        .hits
        .iter()
        .filter(|h| !h.partial)
        .map(|h| h.id.as_str())
        .collect()
}

#[test]
fn a_count_is_of_the_word_itself_and_lists_the_other_forms_it_left_out() {
    let corpus = corpus(&WAR);
    let c = concordance(&corpus, "war ", Forms::default());
    assert_eq!(c.total, 4, "war, War, war, WAR: {:?}", c.lines);
    assert!(c
        .lines
        .iter()
        .all(|l| l.matched.eq_ignore_ascii_case("war")));
    let war = form(&c, "war").expect("the word's own form is listed");
    assert!(war.included && war.count == 4 && war.documents == 2);
    assert_eq!(war.kind, MatchKind::Exact);
    let wars = form(&c, "wars").expect("other forms are offered");
    assert!(!wars.included);
    assert_eq!((wars.count, wars.documents), (2, 2), "what it would add");
    assert_eq!(wars.kind, MatchKind::Stem);
    assert!(
        form(&c, "warned").is_none(),
        "a word that merely starts alike is not a form"
    );
    // Quotes ask for the same: the word itself.
    assert_eq!(concordance(&corpus, "\"war\"", Forms::default()).total, 4);
}

#[test]
fn other_forms_count_when_asked_and_each_can_be_left_out_or_added() {
    let corpus = corpus(&WAR);
    let stems = Forms {
        stems: true,
        ..Forms::default()
    };
    let c = concordance(&corpus, "war ", stems.clone());
    assert_eq!(c.total, 7, "war ×4, wars ×2, warring");
    assert!(form(&c, "wars").unwrap().included);
    let c = concordance(
        &corpus,
        "war ",
        Forms {
            exclude: vec!["war".into()],
            ..stems
        },
    );
    assert_eq!(c.total, 3, "wars and warring only");
    assert!(
        !form(&c, "war").unwrap().included,
        "an excluded form stays listed"
    );
    let c = concordance(
        &corpus,
        "war ",
        Forms {
            include: vec!["wars".into(), "peace".into()],
            ..Forms::default()
        },
    );
    assert_eq!(c.total, 6, "wars added by name; peace is no form of war");
    assert!(form(&c, "peace").is_none());
}

#[test]
fn a_prefix_counts_only_when_asked_for_and_then_every_completion() {
    let corpus = corpus(&WAR);
    assert_eq!(
        concordance(&corpus, "wa", Forms::default()).total,
        0,
        "the word being typed counts as it stands"
    );
    let c = concordance(&corpus, "war*", Forms::default());
    // war ×4, wars ×2, warned ×2, warmongering, warring
    assert_eq!(c.total, 10);
    assert_eq!(form(&c, "warned").unwrap().kind, MatchKind::Prefix);

    // More completions than a search as you type uses: a count takes them all.
    let words: Vec<String> = (0..MAX_PREFIX_TERMS * 2)
        .map(|i| {
            format!(
                "com{}",
                char::from(b'a' + (i % 26) as u8)
                    .to_string()
                    .repeat(i / 26 + 1)
            )
        })
        .collect();
    let texts: Vec<String> = words.chunks(4).map(|c| c.join(" ")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let many = self::corpus(&texts);
    let c = concordance(&many, "com*", Forms::default());
    assert_eq!(c.total, words.len());
    let options = SearchOptions {
        limit: 100,
        ..SearchOptions::default()
    };
    assert_eq!(many.search("com*", &options).unwrap().total, texts.len());
}

#[test]
fn near_spellings_are_offered_for_a_missing_word_and_counted_when_asked() {
    let corpus = corpus(&["install the package", "a package manager", "packages"]);
    let c = concordance(&corpus, "pacakge ", Forms::default());
    assert_eq!(c.total, 0);
    let package = form(&c, "package").expect("a near spelling is offered");
    assert!(!package.included && package.kind == MatchKind::Fuzzy);
    let c = concordance(
        &corpus,
        "pacakge ",
        Forms {
            typos: true,
            ..Forms::default()
        },
    );
    assert_eq!(c.total, 2);
}

#[test]
fn a_search_says_which_other_words_it_matched() {
    let corpus = corpus(&["install the package", "a package manager", "packages"]);
    let result = search(&corpus, "pacakge ");
    assert_eq!(ids(&result), ["d0", "d1"], "packages is two edits away");
    let words = &result.forms;
    assert_eq!(words.len(), 1, "{words:?}");
    assert_eq!(words[0].word, "pacakge");
    let package = words[0].forms.iter().find(|f| f.form == "package").unwrap();
    assert_eq!((package.kind, package.documents), (MatchKind::Fuzzy, 2));

    let result = search(&corpus, "package ");
    let forms: Vec<(&str, MatchKind)> = result.forms[0]
        .forms
        .iter()
        .map(|f| (f.form.as_str(), f.kind))
        .collect();
    assert_eq!(
        forms,
        [("package", MatchKind::Exact), ("packages", MatchKind::Stem)]
    );
    // Quoted, the word matches only itself, and there is nothing to tell.
    let result = search(&corpus, "\"package\"");
    assert_eq!(ids(&result), ["d0", "d1"]);
    assert!(result.forms.is_empty());
    // Completions of the word being typed are not reported.
    assert!(search(&corpus, "pack").forms.is_empty());
}

#[test]
fn a_search_takes_the_closest_spellings_and_a_count_asked_for_typos_all_within_reach() {
    let corpus = corpus(&["the palestine question", "la palestina", "nothing here"]);
    // `palestine` is one edit away (two letters swapped), `palestina` two: a search takes
    // the closest alone.
    let result = search(&corpus, "palestnie ");
    assert_eq!(ids(&result), ["d0"]);
    let forms: Vec<&str> = result.forms[0]
        .forms
        .iter()
        .map(|f| f.form.as_str())
        .collect();
    assert_eq!(forms, ["palestine"]);
    // With none one edit away, those two edits away.
    let far = search(&corpus, "pxlestinx ");
    let mut found = ids(&far);
    found.sort();
    assert_eq!(found, ["d0", "d1"]);
    // As typed too: `palestine` is one edit from a prefix of it.
    assert_eq!(ids(&search(&corpus, "palestnie")), ["d0"]);
    // A count asked for typos counts every spelling within the word's two.
    let c = concordance(
        &corpus,
        "palestnie ",
        Forms {
            typos: true,
            ..Forms::default()
        },
    );
    assert_eq!(c.total, 2);
}

#[test]
fn suggestions_are_close_and_not_rare() {
    let corpus = corpus(&[
        "were very year zebu",
        "were very year",
        "the gaza strip and gaza city",
        "gaza again",
    ]);
    assert!(
        search(&corpus, "zebra ").suggestions.is_empty(),
        "nothing plausible"
    );
    assert!(
        search(&corpus, "zebux ").suggestions.is_empty(),
        "zebu occurs once"
    );
    assert_eq!(search(&corpus, "gazzzza ").suggestions, ["gaza"]);
    assert_eq!(search(&corpus, "gasa ").suggestions, ["gaza"]);
}

#[test]
fn a_misspelling_found_through_a_rare_stem_is_offered_the_common_word() {
    // `goverment` stems as `governess` does; `government` is in twenty times as many
    // documents. `protesting` stems as `protest` does, and `protecting`, one letter away, is
    // not far more common: an inflection the corpus lacks, left alone.
    let mut texts = vec!["the governess came", "they protest", "a protest"];
    texts.extend(["the government spoke"; 20]);
    texts.extend(["protecting the coast"; 10]);
    let corpus = corpus(&texts);
    let misspelt = search(&corpus, "goverment ");
    assert_eq!(ids(&misspelt), ["d0"], "the stem still matches");
    assert_eq!(misspelt.suggestions, ["government"]);
    assert_eq!(
        search(&corpus, "goverment spoke ").suggestions,
        ["government spoke"]
    );
    let inflected = search(&corpus, "protesting ");
    assert_eq!(ids(&inflected).len(), 2);
    assert!(inflected.suggestions.is_empty());
    // As typed, a word whose completions match is not second-guessed.
    assert!(search(&corpus, "governe").suggestions.is_empty());
}

#[test]
fn not_and_and_are_operators_in_upper_case() {
    let corpus = corpus(&["iran and the mek", "iran alone", "mek alone"]);
    assert_eq!(ids(&search(&corpus, "iran NOT mek ")), ["d1"]);
    assert_eq!(complete(&search(&corpus, "iran AND mek ")), ["d0"]);
    let lower = search(&corpus, "iran not mek ");
    assert!(
        lower.hits.iter().any(|h| h.id == "d0"),
        "lower case is words"
    );
}

#[test]
fn near_finds_words_within_the_distance_in_either_order() {
    let corpus = corpus(&[
        "aid reached gaza today",
        "gaza was quiet; days later, after a long wait, aid came",
        "aid",
    ]);
    assert_eq!(ids(&search(&corpus, "gaza NEAR/3 aid ")), ["d0"]);
    assert_eq!(ids(&search(&corpus, "\"aid gaza\"~2 ")), ["d0"]);
    let wide = search(&corpus, "gaza NEAR/20 aid ");
    let mut wide = ids(&wide);
    wide.sort();
    assert_eq!(wide, ["d0", "d1"]);
    let c = corpus
        .concordance("gaza NEAR/3 aid ", &ConcordanceOptions::default())
        .unwrap();
    assert_eq!(c.total, 1, "one occurrence, one line");
    assert_eq!(c.lines[0].matched, "aid reached gaza");
    let view = corpus.document("d1", "gaza NEAR/3 aid ").unwrap();
    assert!(
        view.highlights.is_empty(),
        "words too far apart are not highlighted"
    );
}

#[test]
fn a_suggestion_mends_every_word_that_matched_nothing() {
    let corpus = corpus(&[
        "the supreme leader spoke of gaza",
        "the supreme leader and gaza again",
    ]);
    assert_eq!(
        search(&corpus, "supreme leeeadr gazzza ").suggestions,
        ["supreme leader gaza"]
    );
    assert_eq!(
        search(&corpus, "qwxyz gazzza ").suggestions,
        ["qwxyz gaza"],
        "a word with nothing close stays as typed"
    );
}

#[test]
fn concordance_lines_come_a_page_at_a_time_in_every_order() {
    let corpus = corpus(&WAR);
    for sort in [
        ConcordanceSort::Document,
        ConcordanceSort::Left,
        ConcordanceSort::Right,
    ] {
        let options = |offset, limit| ConcordanceOptions {
            offset,
            limit,
            sort,
            forms: Forms {
                stems: true,
                ..Forms::default()
            },
            ..ConcordanceOptions::default()
        };
        let whole = corpus.concordance("war ", &options(0, 100)).unwrap();
        assert_eq!(whole.lines.len(), 7);
        let mut paged = Vec::new();
        for offset in (0..10).step_by(3) {
            let page = corpus.concordance("war ", &options(offset, 3)).unwrap();
            assert_eq!(page.total, whole.total, "every page has the whole count");
            paged.extend(page.lines);
        }
        assert_eq!(paged, whole.lines, "{sort:?}");
    }
}

#[test]
fn a_word_whose_first_document_outspends_the_budget_still_shows_a_page_of_lines() {
    // One document holds the word more often than a call's whole budget pays positions for.
    let heavy = "the cat ".repeat(320_000);
    let corpus = corpus(&[&heavy, "Another cat sat.", "A third cat."]);
    for sort in [ConcordanceSort::Document, ConcordanceSort::Left] {
        let options = ConcordanceOptions {
            limit: 25,
            sort,
            ..ConcordanceOptions::default()
        };
        let page = corpus.concordance("cat", &options).unwrap();
        assert_eq!(page.lines.len(), 25, "{sort:?}: {:?}", page.notes);
        assert!(page.lines.iter().all(|line| line.matched == "cat"));
        assert!(page.total >= 320_000, "{}", page.total);
        assert!(!page.complete && !page.notes.is_empty(), "{:?}", page.notes);
        // Counting stopped short, but the index knows the word's count in the whole corpus.
        let whole = WholeCount {
            occurrences: 320_002,
            documents: 3,
        };
        assert_eq!(page.whole, Some(whole), "{sort:?}");
        // The next page, too.
        let next = corpus
            .concordance(
                "cat",
                &ConcordanceOptions {
                    offset: 25,
                    ..options
                },
            )
            .unwrap();
        assert_eq!(next.lines.len(), 25, "{sort:?}");
        assert_ne!(next.lines[0].position, page.lines[0].position);
    }
}

#[test]
fn a_whole_count_is_given_only_for_one_word_counted_in_one_form_with_nothing_left_out() {
    let heavy = "the cats and dogs ".repeat(320_000);
    let heavy = corpus(&[&heavy, "Another cat sat.", "A third cat and cats."]);
    let options = ConcordanceOptions::default;
    let whole = |query: &str, options: ConcordanceOptions| {
        let answer = heavy.concordance(query, &options).unwrap();
        assert!(answer.whole.is_none() || !answer.complete, "{query}");
        answer.whole
    };
    let cats = WholeCount {
        occurrences: 320_001,
        documents: 2,
    };
    let answer = heavy.concordance("cats", &options()).unwrap();
    assert!(!answer.complete, "counting stops short");
    assert_eq!(answer.whole, Some(cats), "its own form");
    let own = form(&answer, "cats").unwrap();
    assert_eq!(
        (own.count, own.documents),
        (320_001, 2),
        "the form counted in the whole collection too"
    );
    assert!(
        !answer.notes.iter().any(|n| n.contains("in part")),
        "{:?}",
        answer.notes
    );
    assert_eq!(whole("CATS", options()), Some(cats), "folded");
    assert_eq!(whole("cats ", options()), Some(cats), "a word typed whole");
    // Other forms counted too (cat and cats, of a word typed whole): more than one term.
    let forms = ConcordanceOptions {
        forms: Forms {
            stems: true,
            ..Forms::default()
        },
        ..options()
    };
    assert_eq!(whole("cats ", forms), None);
    // Something left out: the index's count is not the count asked for.
    assert_eq!(whole("cats -third", options()), None);
    let filtered = ConcordanceOptions {
        sources: Some(vec!["s".into()]),
        ..options()
    };
    assert_eq!(
        whole("cats", filtered),
        Some(cats),
        "a filter that leaves nothing out"
    );
    let two = heavy.concordance("cats dogs", &options()).unwrap();
    assert!(two.whole.is_none(), "two words");
    assert_eq!(whole("\"the cats\"", options()), None, "a phrase");
    // A count that did not stop short needs none.
    let small = corpus(&["a cat", "two cats, three cats"]);
    let answer = small.concordance("cats", &options()).unwrap();
    assert!(answer.complete && answer.whole.is_none());
    assert_eq!(answer.total, 2);
}

#[test]
fn a_split_word_that_occurs_nowhere_as_written_falls_back_to_its_parts() {
    let corpus = corpus(&[
        "the shock of the sound wave",
        "a sound mind, no shock",
        "the shock-sound barrier",
        "nothing here",
    ]);
    // Written as a phrase somewhere: only there.
    assert_eq!(ids(&search(&corpus, "shock-sound ")), ["d2"]);
    // Written nowhere as typed: every document with both parts, and a note that says so.
    let result = search(&corpus, "sound-shock ");
    let mut found = complete(&result);
    found.sort();
    assert_eq!(found, ["d0", "d1", "d2"]);
    assert!(
        result.notes.iter().any(|n| n.contains("its parts")),
        "{:?}",
        result.notes
    );
    // Quoted, a phrase means the phrase: no fallback.
    assert!(search(&corpus, "\"sound shock\"").hits.is_empty());
}

/// A word in more documents than a call's budget pays to find still pages through its lines in
/// document order: each page is counted up to its last line (up to the most lines one call
/// gives), in the documents that follow the page before, though the count stops short.
#[test]
fn a_word_in_most_documents_pages_through_its_lines_past_what_the_budget_counts() {
    let texts: Vec<String> = (0..110_000).map(|i| format!("cat {i}")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let corpus = corpus(&texts);
    let page = |offset| {
        corpus
            .concordance(
                "cat",
                &ConcordanceOptions {
                    offset,
                    limit: 25,
                    ..ConcordanceOptions::default()
                },
            )
            .unwrap()
    };
    let first = page(0);
    assert!(!first.complete, "finding the word spends the budget");
    assert!(first.total < 2_000, "counted {}", first.total);
    for offset in [0, 25, 975, 1_500, 9_975] {
        let answer = page(offset);
        let ids: Vec<&str> = answer.lines.iter().map(|l| l.id.as_str()).collect();
        let expected: Vec<String> = (offset..offset + 25).map(|d| format!("d{d}")).collect();
        assert_eq!(ids, expected, "the page from line {offset}");
        assert!(
            !answer.complete && answer.total >= offset + 25,
            "{}",
            answer.total
        );
    }
}

/// A misspelling whose near spellings lie in many blocks of postings: `{c}anthor` for every
/// letter but `q`, the later letters in more documents, among 2,000 documents of made-up words
/// that spread them through the postings.
fn scattered_near_spellings() -> (Corpus, Vec<(String, usize)>) {
    let mut seed: u64 = 3;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut texts: Vec<String> = (0..2_000)
        .map(|_| {
            let words: Vec<String> = (0..150)
                .map(|_| {
                    (0..6)
                        .map(|_| char::from(b'a' + (next() % 26) as u8))
                        .collect()
                })
                .collect();
            words.join(" ")
        })
        .collect();
    let near: Vec<(String, usize)> = (b'a'..=b'z')
        .filter(|&c| c != b'q')
        .map(|c| {
            (
                format!("{}anthor", char::from(c)),
                usize::from(c - b'a') + 1,
            )
        })
        .collect();
    for (i, (word, documents)) in near.iter().enumerate() {
        for d in 0..*documents {
            texts[(i * 77 + d * 13) % 2_000].push_str(&format!(" {word}"));
        }
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    (corpus(&texts), near)
}

#[test]
fn a_search_reads_the_near_spellings_of_a_few_blocks_and_a_count_reads_them_all() {
    let (corpus, near) = scattered_near_spellings();
    let index = corpus.index();
    let block = |form: &str| index.posting_block(index.term_id(form).unwrap()).unwrap();
    let all_blocks: std::collections::BTreeSet<usize> =
        near.iter().map(|(word, _)| block(word)).collect();
    assert!(
        all_blocks.len() > 2 * MAX_EXPANSION_BLOCKS,
        "{all_blocks:?}"
    );
    // Finished, and as typed (near spellings of a prefix).
    for query in ["qanthor ", "qanthor"] {
        let result = search(&corpus, query);
        let forms = &result.forms[0].forms;
        let included: Vec<&str> = forms
            .iter()
            .filter(|f| f.included)
            .map(|f| f.form.as_str())
            .collect();
        let blocks: std::collections::BTreeSet<usize> =
            included.iter().map(|form| block(form)).collect();
        assert!(blocks.len() <= MAX_EXPANSION_BLOCKS, "{query}: {blocks:?}");
        // The most frequent first, then every rarer one in the blocks read.
        assert!(included.contains(&"zanthor"), "{query}: {included:?}");
        for (word, _) in &near {
            assert_eq!(
                included.contains(&word.as_str()),
                blocks.contains(&block(word)),
                "{query}: {word}"
            );
        }
        let note = format!(
            "Only {} of the {} words close to \u{2018}qanthor\u{2019} were searched.",
            included.len(),
            near.len()
        );
        assert!(result.notes.contains(&note), "{query}: {:?}", result.notes);
        let documents: usize = near
            .iter()
            .filter(|(word, _)| included.contains(&word.as_str()))
            .map(|(_, documents)| documents)
            .sum();
        assert_eq!(result.total, documents, "{query}");
    }
    // A count asked for near spellings counts every one.
    let c = concordance(
        &corpus,
        "qanthor ",
        Forms {
            typos: true,
            ..Forms::default()
        },
    );
    let occurrences: usize = near.iter().map(|(_, documents)| documents).sum();
    assert_eq!(c.total, occurrences);
}
