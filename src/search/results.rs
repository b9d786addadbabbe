//! What the engine answers and the options it takes: the public types of searches, lists,
//! documents and the overview, as they cross to JavaScript (camelCase).

use serde::{Deserialize, Serialize};

use super::{WordForms, DEFAULT_LIMIT};
use crate::error::Error;
use crate::excerpt::Highlighted;
use crate::index::{DocId, DocumentMeta, Index};
use crate::score::Explanation;

/// A document as listed, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocumentInfo {
    /// Id, title, source, date, URL, language and tags (in JavaScript, on the same object).
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// Number of words.
    pub words: u32,
}

impl DocumentInfo {
    /// Document `doc` of `index`, with its title as [`Index::meta`] reads it: empty while a
    /// chunked index awaits its block of titles.
    pub fn of(index: &Index, doc: DocId) -> Result<Self, Error> {
        Ok(DocumentInfo {
            meta: index.meta(doc)?,
            words: index.document(doc).words,
        })
    }
}

/// Options of [`Corpus::search`](crate::search::Corpus::search).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct SearchOptions {
    /// The most hits to return, 1 to [`MAX_LIMIT`](crate::search::MAX_LIMIT).
    pub limit: usize,
    /// Whether each hit carries a score breakdown.
    pub explain: bool,
    /// Whether each hit carries its best passage (the default); without, a search is cheaper.
    pub snippets: bool,
    /// How many hits, from the first, carry their passage when `snippets` is on: every hit
    /// when absent. A chunked corpus loads a block of texts for each passage, so a page may
    /// ask for the passages of the hits in view and the rest once they come near it.
    pub snippet_limit: Option<usize>,
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a
    /// document's date counts by its span), when given; undated documents are left out.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, as `date_from`.
    pub date_to: Option<String>,
    /// The order of the hits (complete matches always come before partial ones).
    pub sort: Sort,
    /// Go on checking the phrases (and words near each other) that the last search of the
    /// same query checked in only some of the documents holding their words (see
    /// [`SearchResult::further`]), from where it stopped, and answer with every document
    /// found so far; each call checks as many more as its budget allows.
    pub further: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            explain: false,
            snippets: true,
            snippet_limit: None,
            sources: None,
            tags: None,
            date_from: None,
            date_to: None,
            sort: Sort::Relevance,
            further: false,
        }
    }
}

impl SearchOptions {
    /// Whether the hit at `place` (from 0) is to carry its passage.
    pub(crate) fn has_passage(&self, place: usize) -> bool {
        self.snippets && self.snippet_limit.is_none_or(|limit| place < limit)
    }
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; undated documents last.
    Date,
    /// By title, A to Z.
    Title,
}

/// Options of [`Corpus::document_with`](crate::search::Corpus::document_with).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct DocumentOptions {
    /// Highlight the words as the concordance counts them, with these forms (each word's own
    /// form, and what the forms add), rather than as a search matches them.
    pub forms: Option<super::Forms>,
}

/// Options of [`Corpus::list`](crate::search::Corpus::list).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct ListOptions {
    /// Only documents from these sources, when given.
    pub sources: Option<Vec<String>>,
    /// Only documents holding any of these tags, when given.
    pub tags: Option<Vec<String>>,
    /// Only documents dated on or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a
    /// document's date counts by its span), when given; undated documents are left out.
    pub date_from: Option<String>,
    /// Only documents dated on or before this date, as `date_from`.
    pub date_to: Option<String>,
    /// The order: corpus order for [`Sort::Relevance`], else by date or title.
    pub sort: Sort,
    /// How many documents, in the order asked for, to pass over before the first one listed.
    pub offset: usize,
    /// The most documents to list; every one when not given.
    pub limit: Option<usize>,
}

/// How many documents fall on each date, and their words: what a trend divides by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DateCount {
    /// The date as the documents give it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// How many documents have this date.
    pub documents: usize,
    /// Their words.
    pub words: u64,
}

/// The documents the filters keep, by date (see [`Corpus::dates`](crate::search::Corpus::dates)(super::Corpus::dates)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DateCounts {
    /// Each date with documents, in order.
    pub dates: Vec<DateCount>,
    /// How many of the documents have no date.
    pub undated: usize,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SearchResult {
    /// How many documents matched, complete and partial (may exceed the hits returned); when
    /// not [`complete`](Self::complete), how many were found before the work ran out.
    pub total: usize,
    /// Whether every matching document was found.
    pub complete: bool,
    /// Whether a phrase (or words near each other) was checked in only some of the documents
    /// that hold its words, so that the same search with
    /// [`further`](SearchOptions::further) finds more.
    pub further: bool,
    /// How many of the `total` documents hold every required word searched (the rest are
    /// partial); words in [`left_out`](Self::left_out) were not searched.
    pub every_word: usize,
    /// Query words left out because reading them would take too long (see
    /// [`crate::search::MAX_POSTINGS`]), as typed; a note says so too.
    pub left_out: Vec<String>,
    /// What the answer left out or read differently from how it was typed, for a person.
    pub notes: Vec<String>,
    /// The work the call did, in [`crate::budget`] units.
    #[serde(skip)]
    pub work: u64,
    /// The best hits, complete matches first, each group by descending score.
    pub hits: Vec<SearchHit>,
    /// When nothing matched: queries built from the closest corpus terms.
    pub suggestions: Vec<String>,
    /// The query words that matched other corpus words than their own (other forms, near
    /// spellings, `word*`), each with those words and the documents each occurs in.
    pub forms: Vec<WordForms>,
    /// How many of the documents the query matches come from each source, as if no source
    /// were chosen (what choosing one more would add): most first, then by name.
    pub sources: Vec<SourceCount>,
    /// How many of the documents the query matches hold each tag, as if no tag were chosen
    /// (the other filters applied): most first, then by name.
    pub tags: Vec<TagCount>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SearchHit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The words of the title that match the query, as `[start, end)` UTF-16 offsets (none
    /// without snippets).
    pub title_highlights: Vec<[u32; 2]>,
    /// Where it comes from.
    pub source: String,
    /// When it was published, if known, as in its entry: a list of hits needs no entry.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub date: Option<String>,
    /// The language of its text, if known, as in its entry.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub lang: Option<String>,
    /// Relevance; only the order matters.
    pub score: f32,
    /// Whether some query words are missing from the document.
    pub partial: bool,
    /// The query words the document lacks, as typed.
    pub missing: Vec<String>,
    /// The best passage, with the matched words highlighted (absent when not asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<Highlighted>,
    /// Where the score came from, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// A whole document with the matches of a query highlighted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DocumentView {
    /// What the document is: id, title, source, date, URL and length (the same fields as a
    /// listed document, and in JavaScript on the same object).
    #[serde(flatten)]
    pub document: DocumentInfo,
    /// The full text.
    pub text: String,
    /// Sorted `[start, end)` UTF-16 ranges of the headings in `text`.
    pub headings: Vec<[u32; 2]>,
    /// Sorted, disjoint `[start, end)` UTF-16 ranges of the code in `text` (a range holding a
    /// line break is a block of code).
    pub code: Vec<[u32; 2]>,
    /// Sorted `[start, end)` UTF-16 ranges of every matched word in `text`.
    pub highlights: Vec<[u32; 2]>,
}

/// The corpus at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Overview {
    /// The corpus title, if it has one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub title: Option<String>,
    /// Number of documents.
    pub documents: usize,
    /// Number of words in all documents.
    pub words: u64,
    /// Number of distinct terms (words after folding).
    pub terms: usize,
    /// Every source, with how many documents it has, most first.
    pub sources: Vec<SourceCount>,
    /// Every tag, with how many documents hold it, most first.
    pub tags: Vec<TagCount>,
    /// How many distinct dates the documents have.
    pub dates: usize,
    /// The earliest date of a document, as written, if any has one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub earliest: Option<String>,
    /// The latest date of a document, as written, if any has one.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub latest: Option<String>,
    /// The most frequent terms that are not common English words or numbers.
    pub top_terms: Vec<TermCount>,
}

/// A source and its number of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SourceCount {
    /// The source.
    pub source: String,
    /// How many documents come from it.
    pub documents: usize,
}

/// A tag and its number of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TagCount {
    /// The tag.
    pub tag: String,
    /// How many documents hold it.
    pub documents: usize,
}

/// A term and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TermCount {
    /// The folded term.
    pub term: String,
    /// Occurrences in the whole corpus.
    pub count: u32,
    /// Documents it occurs in.
    pub documents: u32,
}

/// How many frequent terms [`Corpus::overview`](crate::search::Corpus::overview) lists.
pub const TOP_TERMS: usize = 20;
