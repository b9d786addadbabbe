//! The boundary to JavaScript: one class, `Corpus`, over the pure Rust engine.
//!
//! Every method checks its arguments and returns a typed value or throws an `Error` with a
//! message for a person; nothing here may panic.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::search::{
    CollocateOptions, ConcordanceOptions, Corpus, DocumentOptions, ListOptions, PhraseOptions,
    SearchOptions, TermCountsOptions, VocabularyOptions,
};

/// The options the calls take, for the generated typings, written here for their defaults and
/// ranges (the tests check their keys against the option types); the answers' types are
/// generated from the Rust types themselves (tsify). The compiler does not see the custom
/// section below read this.
#[allow(dead_code)]
const TYPES: &str = r#"
/** Options of `Corpus.search`. */
export interface SearchOptions {
  /** The most hits to return, 1 to 10000; 20 when absent. */
  limit?: number;
  /** Attach a score breakdown to each hit. */
  explain?: boolean;
  /** Attach its best passage to each hit (true when absent); false makes a search cheaper. */
  snippets?: boolean;
  /** How many hits, from the first, carry their passage when `snippets` is on; every hit when absent. A chunked corpus loads a block of texts for each passage: a page may ask for those of the hits in view first. */
  snippetLimit?: number;
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** Order of the hits; complete matches always precede partial ones. Default "relevance". */
  sort?: "relevance" | "date" | "title";
  /** Go on checking the phrases (and words near each other) that the last search of the same query checked in part (the answer's `further`), from where it stopped; the answer holds every document found so far. */
  further?: boolean;
}
/** Options of `Corpus.documents`. */
export interface ListOptions {
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** "relevance" (the default) keeps corpus order; "date" is newest first; "title" A to Z. */
  sort?: "relevance" | "date" | "title";
  /** Documents to pass over, in the order asked for, before the first one listed; 0 when absent. */
  offset?: number;
  /** The most documents to list; every one when absent. */
  limit?: number;
}
/** Options of `Corpus.concordance`. */
export interface ConcordanceOptions {
  /** Characters of context on each side, 10 to 500; 60 when absent. */
  context?: number;
  /** The most lines, 1 to 10000; 1000 when absent. */
  limit?: number;
  /** Lines to pass over, in the order asked for, before the first one returned; 0 when absent. */
  offset?: number;
  /** "document" (default), "left" (by the words before the match) or "right". */
  sort?: "document" | "left" | "right";
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** What is counted beyond each word's own form; nothing when absent. */
  forms?: FormsOptions;
  /** Go on checking the phrases (and words near each other) that the last concordance of the same query checked in part (the answer's `further`), from where it stopped. */
  further?: boolean;
}
/** Options of `Corpus.document`. */
export interface DocumentOptions {
  /** Highlight the words as the concordance counts them, with these forms ({} for each word's own form). */
  forms?: FormsOptions;
}
/** Options of `Corpus.vocabulary`. */
export interface VocabularyOptions {
  /** Terms, in the dictionary's order, to pass over; 0 when absent. */
  offset?: number;
  /** The most terms, 1 to 20000; 20000 when absent. */
  limit?: number;
}
/** Options of `Corpus.termCounts`: which documents, and where this slice starts. */
export interface TermCountsOptions {
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** Only documents that match this query completely. */
  query?: string;
  /** Only these documents, by id. */
  ids?: string[];
  /** The document, by its place in corpus order, to start from: 0, then each slice's `next`. */
  from?: number;
}
/** Options of `Corpus.phrases`. */
export interface PhraseOptions {
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** Only documents that match this query completely. */
  query?: string;
  /** The most phrases, 1 to 10000; 100 when absent. */
  limit?: number;
  /** The fewest occurrences a phrase needs to be listed, at least 2; 2 when absent. */
  minCount?: number;
}
/** Options of `Corpus.collocates`. */
export interface CollocateOptions {
  /** Words on each side of an occurrence, 1 to 10; 5 when absent. */
  window?: number;
  /** Only documents from these sources. */
  sources?: string[];
  /** Only documents holding any of these tags. */
  tags?: string[];
  /** Only documents dated on or after this date: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a document's partial date counts by its span; undated documents are left out). */
  dateFrom?: string;
  /** Only documents dated on or before this date, as `dateFrom`. */
  dateTo?: string;
  /** What counts as the query's words, as in the concordance. */
  forms?: FormsOptions;
  /** The most collocates, 1 to 10000; 100 when absent. */
  limit?: number;
  /** The fewest times a word must stand near the query to be listed; 2 when absent. */
  minCount?: number;
}
/** What a concordance counts beyond each word's own form (`Concordance.forms` lists them). */
export interface FormsOptions {
  /** Other forms of each word (the same stem: "wars" for "war"). */
  stems?: boolean;
  /** Near spellings of each word. */
  typos?: boolean;
  /** Corpus words to count too, each another form, completion or near spelling of a query word. */
  include?: string[];
  /** Corpus words not to count, even a word's own form. */
  exclude?: string[];
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = TYPES;

#[wasm_bindgen]
extern "C" {
    /// The options of `Corpus.documents`, as JavaScript passes them (read and checked by
    /// [`options_argument`]).
    #[wasm_bindgen(typescript_type = "ListOptions")]
    pub type ListOptionsArgument;
    /// The options of `Corpus.search`, as JavaScript passes them.
    #[wasm_bindgen(typescript_type = "SearchOptions")]
    pub type SearchOptionsArgument;
    /// The options of `Corpus.concordance`, as JavaScript passes them.
    #[wasm_bindgen(typescript_type = "ConcordanceOptions")]
    pub type ConcordanceOptionsArgument;
    /// The options of `Corpus.document`.
    #[wasm_bindgen(typescript_type = "DocumentOptions")]
    pub type DocumentOptionsArgument;
    /// The options of `Corpus.vocabulary`.
    #[wasm_bindgen(typescript_type = "VocabularyOptions")]
    pub type VocabularyOptionsArgument;
    /// The options of `Corpus.termCounts`.
    #[wasm_bindgen(typescript_type = "TermCountsOptions")]
    pub type TermCountsOptionsArgument;
    /// The options of `Corpus.phrases`.
    #[wasm_bindgen(typescript_type = "PhraseOptions")]
    pub type PhraseOptionsArgument;
    /// The options of `Corpus.collocates`.
    #[wasm_bindgen(typescript_type = "CollocateOptions")]
    pub type CollocateOptionsArgument;
    /// A string argument that may be left out, checked when read.
    #[wasm_bindgen(typescript_type = "string")]
    pub type OptionalString;
}

/// A searchable corpus, as JavaScript sees it.
#[wasm_bindgen(js_name = Corpus)]
pub struct JsCorpus {
    inner: Corpus,
}

#[wasm_bindgen(js_class = Corpus)]
impl JsCorpus {
    /// Opens a corpus index serialized by the build (`corpus-viewer index`, or the data block
    /// of a built page). The bytes are copied into the module once and read in place.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: Vec<u8>) -> Result<JsCorpus, JsError> {
        Corpus::from_vec(bytes)
            .map(|inner| JsCorpus { inner })
            .map_err(js_error)
    }

    /// Opens a chunked corpus from its manifest (the manifest file in the chunk folder of a
    /// chunked build, whose name, when given, its bytes are checked against), and its core
    /// inflated, when the page has inflated it (the deflated core that follows the manifest's
    /// header; see docs/format.md). Each call then answers from the chunks that have arrived;
    /// after a call, `wantedChunks()` names those it needed and lacked, and its answer stands
    /// only when there are none.
    #[wasm_bindgen(js_name = fromManifest)]
    pub fn from_manifest(
        bytes: &[u8],
        name: Option<String>,
        inflated_core: Option<Vec<u8>>,
    ) -> Result<JsCorpus, JsError> {
        Corpus::open_manifest(bytes, name.as_deref(), inflated_core)
            .map(|inner| JsCorpus { inner })
            .map_err(js_error)
    }

    /// A small made-up corpus for the page to run its common calls over while it waits for a
    /// reader, `rehearsalQueries()` among them: the browser then optimizes the code of those
    /// calls before a first real query needs it (see the crate's `rehearsal`).
    #[wasm_bindgen]
    pub fn rehearsal() -> Result<JsCorpus, JsError> {
        crate::rehearsal::corpus()
            .map(|inner| JsCorpus { inner })
            .map_err(js_error)
    }

    /// The queries to rehearse over `rehearsal()`: one of each kind a reader types.
    #[wasm_bindgen(js_name = rehearsalQueries)]
    pub fn rehearsal_queries() -> Vec<String> {
        crate::rehearsal::QUERIES.map(String::from).to_vec()
    }

    /// Whether the corpus was opened from a manifest, its postings and texts in chunks.
    #[wasm_bindgen(getter, js_name = isChunked)]
    pub fn is_chunked(&self) -> bool {
        self.inner.index().is_chunked()
    }

    /// The names of the chunks the calls since the last time needed and lacked, each once:
    /// fetch them, hand them to `addChunk`, and call again.
    #[wasm_bindgen(js_name = wantedChunks)]
    pub fn wanted_chunks(&self) -> Vec<String> {
        self.inner.index().wanted_chunks()
    }

    /// Hands over chunk `name`; throws when the corpus has no such chunk or the bytes do not
    /// match its name (a truncated or altered file). With `hashed` true, the caller has found
    /// their SHA-256 to match the name, and the engine checks their length alone.
    #[wasm_bindgen(js_name = addChunk)]
    pub fn add_chunk(&self, name: &str, bytes: &[u8], hashed: Option<bool>) -> Result<(), JsError> {
        let index = self.inner.index();
        match hashed {
            Some(true) => index.add_hashed_chunk(name, bytes),
            _ => index.add_chunk(name, bytes),
        }
        .map_err(js_error)
    }

    /// Lets go of the chunks used least recently until at most `keep` bytes of them are held;
    /// between calls only, never between a call and its retry.
    #[wasm_bindgen(js_name = releaseChunks)]
    pub fn release_chunks(&mut self, keep: usize) {
        self.inner.release_chunks(keep);
    }

    /// How many bytes of chunks are held.
    #[wasm_bindgen(getter, js_name = chunkBytesHeld)]
    pub fn chunk_bytes_held(&self) -> usize {
        self.inner.index().chunk_bytes_held()
    }

    /// The documents, `{ id, title, source, date, url, lang, tags, words }`: all in corpus
    /// order, or those the filters keep (sources, tags, dates) in the order asked for; with
    /// `offset` and `limit`, a page of them.
    #[wasm_bindgen(unchecked_return_type = "DocumentInfo[]")]
    pub fn documents(&self, options: Option<ListOptionsArgument>) -> Result<JsValue, JsError> {
        let options: ListOptions = options_argument(options.map(Into::into), "documents(options)")?;
        to_js_as_json(&self.inner.list(&options).map_err(js_error)?)
    }

    /// How many documents the filters of `options` keep (its `sort`, `offset` and `limit` do
    /// not count): the length of `documents(options)` without making the list.
    #[wasm_bindgen(js_name = countDocuments)]
    pub fn count_documents(&self, options: Option<ListOptionsArgument>) -> Result<usize, JsError> {
        let options: ListOptions =
            options_argument(options.map(Into::into), "countDocuments(options)")?;
        self.inner.count_documents(&options).map_err(js_error)
    }

    /// One document as `documents()` lists it, without its text, or `null` when no document
    /// has this id.
    #[wasm_bindgen(js_name = documentInfo, unchecked_return_type = "DocumentInfo | null")]
    pub fn document_info(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsError> {
        let id = string_argument(&id, "documentInfo(id): id")?;
        match self.inner.document_info(&id).map_err(js_error)? {
            Some(info) => to_js(&info),
            None => Ok(JsValue::NULL),
        }
    }

    /// The documents the filters keep, counted by date with their words, and how many are
    /// undated; see `DateCounts`.
    #[wasm_bindgen(unchecked_return_type = "DateCounts")]
    pub fn dates(&self, options: Option<ListOptionsArgument>) -> Result<JsValue, JsError> {
        let options: ListOptions = options_argument(options.map(Into::into), "dates(options)")?;
        to_js(&self.inner.dates(&options).map_err(js_error)?)
    }

    /// Searches; see `SearchResult`.
    #[wasm_bindgen(unchecked_return_type = "SearchResult")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        options: Option<SearchOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let query = string_argument(&query, "search(query): query")?;
        let options: SearchOptions =
            options_argument(options.map(Into::into), "search(query, options)")?;
        let result = self.inner.search(&query, &options).map_err(js_error)?;
        to_js(&result)
    }

    /// The corpus at a glance: counts, sources, tags, dates and the most frequent content words.
    #[wasm_bindgen(unchecked_return_type = "Overview")]
    pub fn overview(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.overview())
    }

    /// Every occurrence of `query` in context; see `Concordance`.
    #[wasm_bindgen(unchecked_return_type = "Concordance")]
    pub fn concordance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        options: Option<ConcordanceOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let query = string_argument(&query, "concordance(query): query")?;
        let options: ConcordanceOptions =
            options_argument(options.map(Into::into), "concordance(query, options)")?;
        let result = self.inner.concordance(&query, &options).map_err(js_error)?;
        to_js(&result)
    }

    /// A page of the vocabulary: every distinct term with its occurrences and documents.
    #[wasm_bindgen(unchecked_return_type = "Vocabulary")]
    pub fn vocabulary(
        &self,
        options: Option<VocabularyOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let options: VocabularyOptions =
            options_argument(options.map(Into::into), "vocabulary(options)")?;
        to_js(&self.inner.vocabulary(&options).map_err(js_error)?)
    }

    /// One slice of the term counts of the documents the options keep; go on from `next`.
    #[wasm_bindgen(js_name = termCounts, unchecked_return_type = "TermCounts")]
    pub fn term_counts(
        &self,
        options: Option<TermCountsOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let options: TermCountsOptions =
            options_argument(options.map(Into::into), "termCounts(options)")?;
        to_js(&self.inner.term_counts(&options).map_err(js_error)?)
    }

    /// The most frequent phrases of 2 to 4 words of the documents the options keep.
    #[wasm_bindgen(unchecked_return_type = "Phrases")]
    pub fn phrases(&self, options: Option<PhraseOptionsArgument>) -> Result<JsValue, JsError> {
        let options: PhraseOptions = options_argument(options.map(Into::into), "phrases(options)")?;
        to_js(&self.inner.phrases(&options).map_err(js_error)?)
    }

    /// The words that stand near the occurrences of `query`, with their scores.
    #[wasm_bindgen(unchecked_return_type = "Collocates")]
    pub fn collocates(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        options: Option<CollocateOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let query = string_argument(&query, "collocates(query): query")?;
        let options: CollocateOptions =
            options_argument(options.map(Into::into), "collocates(query, options)")?;
        to_js(&self.inner.collocates(&query, &options).map_err(js_error)?)
    }

    /// One whole document, with the matches of `query` (optional) highlighted: as a search
    /// matches them or, with `options.forms`, as the concordance counts them.
    #[wasm_bindgen(unchecked_return_type = "DocumentView")]
    pub fn document(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        query: Option<OptionalString>,
        options: Option<DocumentOptionsArgument>,
    ) -> Result<JsValue, JsError> {
        let id = string_argument(&id, "document(id): id")?;
        let query = match query.map(JsValue::from) {
            Some(query) if !query.is_undefined() && !query.is_null() => {
                string_argument(&query, "document(id, query): query")?
            }
            _ => String::new(),
        };
        let options: DocumentOptions =
            options_argument(options.map(Into::into), "document(id, query, options)")?;
        let view = self
            .inner
            .document_with(&id, &query, &options)
            .map_err(js_error)?;
        to_js(&view)
    }
}

/// Builds an index from a corpus's files with the same rules as the `corpus-viewer` command,
/// for a caller that reads the files itself (Node, or a browser from a chosen folder). The files
/// come one by one, in the order of their paths compared as UTF-8 bytes; the manifest, if the
/// folder has one, comes first.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = Indexer)]
pub struct JsIndexer {
    collector: Option<crate::collect::Collector>,
    builder: Option<crate::IndexBuilder<'static>>,
    batch: Vec<crate::NewDocument>,
    batch_bytes: usize,
    /// Candidate files handed over, and paths skipped before they were read.
    found: usize,
    /// The last path handed over.
    last: Option<String>,
    /// Hidden folders already reported.
    hidden: std::collections::BTreeSet<String>,
}

#[cfg(feature = "indexer")]
#[wasm_bindgen(js_class = Indexer)]
impl JsIndexer {
    /// An indexer for a corpus with the manifest `corpus.toml` given as text, if it has one,
    /// and the folder's own name, the source of the files at its top that the manifest gives
    /// none (without it, their path); throws when the manifest is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: Option<String>, folder: Option<String>) -> Result<JsIndexer, JsError> {
        static ANALYZER: std::sync::OnceLock<crate::analyze::Analyzer> = std::sync::OnceLock::new();
        let analyzer = ANALYZER.get_or_init(crate::analyze::Analyzer::new);
        let collector =
            crate::collect::Collector::new(manifest.as_deref(), crate::collect::MANIFEST)
                .map_err(js_error)?
                .with_folder_name(folder);
        Ok(JsIndexer {
            collector: Some(collector),
            builder: Some(crate::IndexBuilder::new(analyzer)),
            batch: Vec::new(),
            batch_bytes: 0,
            found: 0,
            last: None,
            hidden: std::collections::BTreeSet::new(),
        })
    }

    /// Hands over the file at `path` (relative to the folder, `/` between names) with its
    /// bytes; true when it became a document. Files that are not documents by their extension
    /// are passed over; hidden ones (a name starting with a dot) and unusable ones are
    /// reported. Throws for a path out of order or not relative.
    pub fn add(&mut self, path: String, bytes: Vec<u8>) -> Result<bool, JsError> {
        let (Some(collector), Some(builder)) = (self.collector.as_mut(), self.builder.as_mut())
        else {
            return Err(JsError::new(
                "add(path, bytes): the index is already finished",
            ));
        };
        let names: Vec<&str> = path.split('/').collect();
        if names
            .iter()
            .any(|n| n.is_empty() || *n == "." || *n == "..")
        {
            return Err(JsError::new(&format!(
                "add(path, bytes): {path:?} is not a path relative to the folder"
            )));
        }
        if self
            .last
            .as_ref()
            .is_some_and(|last| last.as_bytes() >= path.as_bytes())
        {
            return Err(JsError::new(&format!(
                "add(path, bytes): {path:?} comes after {:?}; hand the files over in the order of their paths",
                self.last.as_deref().unwrap_or_default()
            )));
        }
        self.last = Some(path.clone());
        let kind = crate::collect::kind_of(std::path::Path::new(&path));
        if names.len() == 1 && names[0] == crate::collect::MANIFEST {
            return Ok(false);
        }
        if let Some(at) = names.iter().position(|n| n.starts_with('.')) {
            let hidden = names[..=at].join("/");
            let folder = at + 1 < names.len();
            if (folder || kind.is_some()) && self.hidden.insert(hidden.clone()) {
                collector.skip(&hidden, "hidden: its name starts with a dot");
                self.found += 1;
            }
            return Ok(false);
        }
        let Some(kind) = kind else {
            return Ok(false);
        };
        self.found += 1;
        let Some(document) = collector.add(&path, kind, Ok(bytes)) else {
            return Ok(false);
        };
        self.batch_bytes += document.text.len();
        self.batch.push(document);
        if self.batch_bytes >= crate::index::BATCH_TEXT_BYTES {
            self.batch_bytes = 0;
            builder
                .add_all(std::mem::take(&mut self.batch))
                .map_err(js_error)?;
        }
        Ok(true)
    }

    /// Reports a file the caller could not read (or will not hand over), with the reason.
    pub fn skip(&mut self, path: String, reason: String) {
        if let Some(collector) = self.collector.as_mut() {
            collector.skip(&path, &reason);
            self.found += 1;
        }
    }

    /// The index and the report: `{ index: Uint8Array, title, found, indexed, skipped:
    /// [{ path, reason }], warnings: [string] }`. `title` (optional) names the corpus over the
    /// manifest's. Throws when nothing could be indexed.
    pub fn finish(&mut self, title: Option<String>) -> Result<JsValue, JsError> {
        let (Some(collector), Some(mut builder)) = (self.collector.take(), self.builder.take())
        else {
            return Err(JsError::new("finish(): the index is already finished"));
        };
        builder
            .add_all(std::mem::take(&mut self.batch))
            .map_err(js_error)?;
        let report = collector.finish(self.found);
        builder.set_title(title.or(report.title.clone()));
        let index = builder.finish().map_err(js_error)?;
        let indexed = index.documents().len();
        if indexed == 0 {
            return Err(JsError::new(
                "nothing to index: the folder needs .txt, .md or .html files with text",
            ));
        }
        #[derive(Serialize)]
        struct SkippedFile<'a> {
            path: &'a str,
            reason: &'a str,
        }
        #[derive(Serialize)]
        struct Report<'a> {
            title: Option<&'a str>,
            found: usize,
            indexed: usize,
            skipped: Vec<SkippedFile<'a>>,
            warnings: &'a [String],
        }
        let summary = Report {
            title: index.title(),
            found: report.found,
            indexed,
            skipped: report
                .skipped
                .iter()
                .map(|s| SkippedFile {
                    path: &s.path,
                    reason: &s.reason,
                })
                .collect(),
            warnings: &report.warnings,
        };
        let value = to_js(&summary)?;
        let bytes = js_sys::Uint8Array::from(index.to_bytes().as_slice());
        js_sys::Reflect::set(&value, &"index".into(), &bytes)
            .map_err(|_| JsError::new("cannot pass the index to JavaScript"))?;
        Ok(value)
    }
}

/// The bytes of a chunk whose file's script, read as windows-1252 (from `file://`), handed over
/// `text`, one character a byte; `undefined` when a character stands for no byte.
#[wasm_bindgen(js_name = chunkFromScript)]
pub fn chunk_from_script(text: &str) -> Option<Vec<u8>> {
    crate::index::chunk_from_script_text(text)
}

/// The single-file viewer page for one corpus, as the command writes it: the viewer's HTML
/// `shell`, its engine's `glue` (`no-modules`) and module (`engine`), its `interface`'s
/// scripts joined, the corpus `name` (letters, digits, `-` and `_`), its `index`, and the
/// page's `title`, if any.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = viewerPage)]
pub fn viewer_page(
    shell: &str,
    glue: &str,
    engine: &[u8],
    interface: &str,
    name: &str,
    index: &[u8],
    title: Option<String>,
) -> Result<String, JsError> {
    let corpus = crate::bundle::CorpusData {
        name,
        index,
        chunks: None,
    };
    let viewer = crate::bundle::ViewerParts {
        shell,
        glue,
        engine,
        interface,
    };
    crate::bundle::viewer_page(viewer, corpus, title.as_deref()).map_err(js_error)
}

/// The files of a viewer of one corpus, as the command writes them into its output folder, in
/// order: `[[path, Uint8Array], ...]`. `engine` maps each name of the engine's files
/// (`glue.js`, `engine.wasm`, … as `corpus-viewer` ships them) to its bytes; `name` is the
/// corpus name (letters, digits, `-` and `_`), `index` its index, and `title` the page's title,
/// if any.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = viewerFiles, unchecked_return_type = "[string, Uint8Array][]")]
pub fn viewer_files(
    #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array>")] engine: &js_sys::Object,
    name: &str,
    index: &[u8],
    title: Option<String>,
) -> Result<js_sys::Array, JsError> {
    let given = engine_files(engine);
    let engine = engine_of(&given)?;
    let corpus = crate::bundle::CorpusData {
        name,
        index,
        chunks: None,
    };
    let files = crate::bundle::viewer_files(&engine, corpus, title.as_deref()).map_err(js_error)?;
    Ok(files_to_js(files))
}

/// The files of a chunked viewer of one corpus, as the command writes them with `--chunked`:
/// the page and scripts, which name the manifest, and the manifest and chunks in `corpus/`
/// (each chunk as `NAME.js`, the manifest as `NAME.bin` and `NAME.js`). The arguments are [`viewer_files`]'s; `index` is cut into
/// chunks.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = chunkedViewerFiles, unchecked_return_type = "[string, Uint8Array][]")]
pub fn chunked_viewer_files(
    #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array>")] engine: &js_sys::Object,
    name: &str,
    index: &[u8],
    title: Option<String>,
) -> Result<js_sys::Array, JsError> {
    let given = engine_files(engine);
    let engine = engine_of(&given)?;
    let chunked = chunks_of(index)?;
    let files = crate::bundle::chunked_viewer_files(&engine, name, chunked, title.as_deref())
        .map_err(js_error)?;
    Ok(files_to_js(files))
}

/// A chunked viewer of one corpus as one ZIP archive, for the maker page, whose browser saves
/// one file: `index.html` and the manifest and chunks in `corpus/`, as the command writes them
/// with `--chunked`. The arguments are [`viewer_page`]'s; `index` is cut into chunks. Fails
/// with what to do when the viewer is too large for one archive.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = chunkedViewerArchive)]
pub fn chunked_viewer_archive(
    shell: &str,
    glue: &str,
    engine: &[u8],
    interface: &str,
    name: &str,
    index: &[u8],
    title: Option<String>,
) -> Result<Vec<u8>, JsError> {
    let chunked = chunks_of(index)?;
    let viewer = crate::bundle::ViewerParts {
        shell,
        glue,
        engine,
        interface,
    };
    crate::bundle::chunked_viewer_archive(viewer, name, chunked, title.as_deref()).map_err(js_error)
}

/// The index of `index` cut into a manifest and chunks.
#[cfg(feature = "indexer")]
fn chunks_of(index: &[u8]) -> Result<crate::index::ChunkedIndex, JsError> {
    Ok(crate::index::Index::from_bytes(index)
        .map_err(|e| JsError::new(&e.to_string()))?
        .to_chunks())
}

/// Past how many bytes of index the command writes a chunked viewer unless asked otherwise.
#[cfg(feature = "indexer")]
#[wasm_bindgen(js_name = chunkedFromBytes)]
pub fn chunked_from_bytes() -> f64 {
    crate::bundle::CHUNKED_FROM_BYTES as f64
}

/// The engine's files given by name in `engine`, those of them that are bytes.
#[cfg(feature = "indexer")]
fn engine_files(engine: &js_sys::Object) -> Vec<(&'static str, Vec<u8>)> {
    crate::bundle::ENGINE_FILE_NAMES
        .iter()
        .filter_map(|&file| {
            let value = js_sys::Reflect::get(engine, &file.into()).ok()?;
            let bytes = value.dyn_into::<js_sys::Uint8Array>().ok()?;
            Some((file, bytes.to_vec()))
        })
        .collect()
}

/// The engine's files, every one of them named in `given`.
#[cfg(feature = "indexer")]
fn engine_of<'a>(given: &'a [(&str, Vec<u8>)]) -> Result<crate::bundle::EngineFiles<'a>, JsError> {
    crate::bundle::EngineFiles::from_named(|file| {
        given
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, bytes)| bytes.as_slice())
    })
    .map_err(js_error)
}

/// Files as `[[path, Uint8Array], ...]`.
#[cfg(feature = "indexer")]
fn files_to_js(files: Vec<(String, Vec<u8>)>) -> js_sys::Array {
    files
        .into_iter()
        .map(|(path, bytes)| {
            js_sys::Array::of2(&path.into(), &js_sys::Uint8Array::from(bytes.as_slice()))
        })
        .collect()
}

fn string_argument(value: &JsValue, what: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{what} must be a string")))
}

/// Reads an options object: absent means defaults; a key that is not a field of `T` (as serde
/// names it) is an error, as a misspelt option should not be ignored.
fn options_argument<T: serde::de::DeserializeOwned + Default>(
    value: Option<JsValue>,
    what: &str,
) -> Result<T, JsError> {
    let fields = field_names::<T>();
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(T::default());
    };
    let Some(object) = value
        .dyn_ref::<js_sys::Object>()
        .filter(|_| !value.is_function())
    else {
        return Err(JsError::new(&format!("{what}: options must be an object")));
    };
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !fields.contains(&key.as_str()) {
            return Err(JsError::new(&format!(
                "{what}: unknown option `{key}`, expected one of `{}`",
                fields.join("`, `")
            )));
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // The error wraps a JavaScript Error, whose text starts "Error: ".
        let message = e.to_string();
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        JsError::new(&format!("{what}: {message}"))
    })
}

/// The names serde gives the fields of the struct `T`, renames applied: what an options object
/// may hold. Read from the derived `Deserialize`, so the list is never written by hand.
fn field_names<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{self, Deserializer, Visitor};

    /// A deserializer that only notes the fields a struct asks for, then stops.
    struct Fields<'a>(&'a mut &'static [&'static str]);

    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields noted")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for Fields<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}

/// An engine or build error as a thrown JavaScript `Error`, its message for a person.
fn js_error(error: impl std::fmt::Display) -> JsError {
    JsError::new(&error.to_string())
}

/// A long list of plain values (strings, integers, lists; no floats, whose digits JSON would
/// round) as JavaScript values, through JSON text and `JSON.parse`: the same values as
/// [`to_js`] gives, in a fraction of the time.
fn to_js_as_json<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("cannot pass the result to JavaScript: {e}")))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| JsError::new("cannot pass the result to JavaScript: invalid JSON"))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot pass the result to JavaScript: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_keys_are_the_fields_of_the_option_types() {
        assert_eq!(
            field_names::<SearchOptions>(),
            [
                "limit",
                "explain",
                "snippets",
                "snippetLimit",
                "sources",
                "tags",
                "dateFrom",
                "dateTo",
                "sort",
                "further"
            ]
        );
        assert_eq!(
            field_names::<ListOptions>(),
            ["sources", "tags", "dateFrom", "dateTo", "sort", "offset", "limit"]
        );
        assert_eq!(
            field_names::<ConcordanceOptions>(),
            [
                "context", "limit", "offset", "sort", "sources", "tags", "dateFrom", "dateTo",
                "forms", "further"
            ]
        );
        assert_eq!(
            field_names::<crate::search::Forms>(),
            ["stems", "typos", "include", "exclude"]
        );
        assert_eq!(field_names::<VocabularyOptions>(), ["offset", "limit"]);
        assert_eq!(field_names::<DocumentOptions>(), ["forms"]);
        assert_eq!(
            field_names::<TermCountsOptions>(),
            ["sources", "tags", "dateFrom", "dateTo", "query", "ids", "from"]
        );
        assert_eq!(
            field_names::<PhraseOptions>(),
            ["sources", "tags", "dateFrom", "dateTo", "query", "limit", "minCount"]
        );
        assert_eq!(
            field_names::<CollocateOptions>(),
            ["window", "sources", "tags", "dateFrom", "dateTo", "forms", "limit", "minCount"]
        );
    }

    /// The keys an interface of the typings declares, in order.
    fn declared_keys(interface: &str) -> Vec<&'static str> {
        let start = TYPES
            .find(&format!("export interface {interface} {{"))
            .unwrap_or_else(|| panic!("the typings declare {interface}"));
        let body = &TYPES[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
        body.lines()
            .map(str::trim)
            .filter(|line| !line.starts_with("/**") && !line.is_empty())
            .filter_map(|line| line.split_once('?').map(|(key, _)| key))
            .collect()
    }

    #[test]
    fn the_typings_declare_exactly_the_option_keys_the_engine_reads() {
        assert_eq!(
            declared_keys("SearchOptions"),
            field_names::<SearchOptions>()
        );
        assert_eq!(declared_keys("ListOptions"), field_names::<ListOptions>());
        assert_eq!(
            declared_keys("ConcordanceOptions"),
            field_names::<ConcordanceOptions>()
        );
        assert_eq!(
            declared_keys("FormsOptions"),
            field_names::<crate::search::Forms>()
        );
        assert_eq!(
            declared_keys("VocabularyOptions"),
            field_names::<VocabularyOptions>()
        );
        assert_eq!(
            declared_keys("TermCountsOptions"),
            field_names::<TermCountsOptions>()
        );
        assert_eq!(
            declared_keys("PhraseOptions"),
            field_names::<PhraseOptions>()
        );
        assert_eq!(
            declared_keys("CollocateOptions"),
            field_names::<CollocateOptions>()
        );
    }
}
