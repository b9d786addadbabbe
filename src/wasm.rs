//! The boundary to JavaScript: one class, `Corpus`, over the pure Rust engine.
//!
//! Every method checks its arguments and returns a typed value or throws an `Error` with a
//! message for a person; nothing here may panic.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::search::{ConcordanceOptions, Corpus, ListOptions, SearchOptions};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A document as listed. `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export interface DocumentInfo {
  id: string; title: string; source: string; date: string | null; url: string | null; words: number;
}
/** Options of `Corpus.search`. */
export interface SearchOptions {
  /** The most hits to return, 1 to 10000; 20 when absent. */
  limit?: number;
  /** Attach a score breakdown to each hit. */
  explain?: boolean;
  /** Attach its best passage to each hit (true when absent); false makes a search cheaper. */
  snippets?: boolean;
  /** Only documents from these sources. */
  sources?: string[];
  /** Order of the hits; complete matches always precede partial ones. Default "relevance". */
  sort?: "relevance" | "date" | "title";
}
/** Options of `Corpus.documents`. */
export interface ListOptions {
  /** Only documents from these sources. */
  sources?: string[];
  /** "relevance" (the default) keeps corpus order; "date" is newest first; "title" A to Z. */
  sort?: "relevance" | "date" | "title";
}
/** Options of `Corpus.concordance`. */
export interface ConcordanceOptions {
  /** Characters of context on each side, 10 to 500; 60 when absent. */
  context?: number;
  /** The most lines, 1 to 10000; 1000 when absent. */
  limit?: number;
  /** "document" (default), "left" (by the words before the match) or "right". */
  sort?: "document" | "left" | "right";
  /** Only documents from these sources. */
  sources?: string[];
}
/** One occurrence in context; `range` locates the match in the document's text. */
export interface ConcordanceLine {
  id: string; title: string; source: string; position: number;
  left: string; match: string; right: string; range: Range;
}
/** Where a query occurs in one document (word positions), for a dispersion plot. */
export interface Occurrences { id: string; words: number; positions: number[] }
/** Every occurrence of a query. */
export interface Concordance {
  /** Occurrences counted; a lower bound when `complete` is false. */
  total: number;
  /** Whether every occurrence was counted. */
  complete: boolean;
  /** What the answer left out to stay quick, or read differently from how it was typed. */
  notes: string[];
  documents: Occurrences[];
  lines: ConcordanceLine[];
}
/** The corpus at a glance. */
export interface Overview {
  title: string | null; documents: number; words: number; terms: number;
  sources: { source: string; documents: number }[];
  topTerms: { term: string; count: number; documents: number }[];
}
/** `[start, end)` in UTF-16 code units, as JavaScript indexes strings. */
export type Range = [number, number];
/** Text with the ranges to highlight in it. */
export interface Highlighted { text: string; highlights: Range[] }
/** One line of a score breakdown. */
export interface Contribution {
  query: string; term: string; kind: "exact" | "stem" | "prefix" | "fuzzy";
  tf: number; idf: number; inTitle: boolean; score: number;
}
/** Where a score came from. */
export interface Explanation { contributions: Contribution[]; proximity: number; coverage: number; score: number }
/** One matching document. */
export interface SearchHit {
  id: string; title: string; source: string; score: number;
  /** True when some query words are missing from the document. */
  partial: boolean;
  /** The query words the document lacks, as typed. */
  missing: string[];
  /** The best passage; absent when the search asked for no snippets. */
  snippet?: Highlighted;
  explanation?: Explanation;
}
/** The answer to a search. */
export interface SearchResult {
  /** Documents matched, complete and partial; a lower bound when `complete` is false. */
  total: number;
  /** Whether every matching document was found. */
  complete: boolean;
  /** What the answer left out to stay quick, or read differently from how it was typed. */
  notes: string[];
  hits: SearchHit[];
  /** "Did you mean" queries, when nothing matched. */
  suggestions: string[];
}
/** A whole document with the matches of a query highlighted. */
export interface DocumentView {
  id: string; title: string; source: string; date: string | null; url: string | null; words: number;
  text: string;
  /** The headings of the text (from Markdown or HTML files). */
  headings: Range[];
  highlights: Range[];
}
"#;

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

    /// The documents, `{ id, title, source, date, url, words }`: all in corpus order, or
    /// those of some sources in another order.
    #[wasm_bindgen(unchecked_return_type = "DocumentInfo[]")]
    pub fn documents(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ListOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let options: ListOptions =
            options_argument(options, &["sources", "sort"], "documents(options)")?;
        to_js(&self.inner.list(&options))
    }

    /// Searches; see `SearchResult`.
    #[wasm_bindgen(unchecked_return_type = "SearchResult")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SearchOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let query = string_argument(&query, "search(query): query")?;
        let options: SearchOptions = options_argument(
            options,
            &["limit", "explain", "snippets", "sources", "sort"],
            "search(query, options)",
        )?;
        let result = self.inner.search(&query, &options).map_err(js_error)?;
        to_js(&result)
    }

    /// The corpus at a glance: counts, sources and the most frequent content words.
    #[wasm_bindgen(unchecked_return_type = "Overview")]
    pub fn overview(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.overview())
    }

    /// Every occurrence of `query` in context; see `Concordance`.
    #[wasm_bindgen(unchecked_return_type = "Concordance")]
    pub fn concordance(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ConcordanceOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let query = string_argument(&query, "concordance(query): query")?;
        let options: ConcordanceOptions = options_argument(
            options,
            &["context", "limit", "sort", "sources"],
            "concordance(query, options)",
        )?;
        let result = self.inner.concordance(&query, &options).map_err(js_error)?;
        to_js(&result)
    }

    /// One whole document, with the matches of `query` (optional) highlighted.
    #[wasm_bindgen(unchecked_return_type = "DocumentView")]
    pub fn document(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] query: Option<JsValue>,
    ) -> Result<JsValue, JsError> {
        let id = string_argument(&id, "document(id): id")?;
        let query = match query {
            Some(query) if !query.is_undefined() && !query.is_null() => {
                string_argument(&query, "document(id, query): query")?
            }
            _ => String::new(),
        };
        let view = self.inner.document(&id, &query).map_err(js_error)?;
        to_js(&view)
    }
}

fn string_argument(value: &JsValue, what: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{what} must be a string")))
}

/// Reads an options object: absent means defaults; a name not in `fields` is an error (a
/// misspelt option should not be ignored).
fn options_argument<T: serde::de::DeserializeOwned + Default>(
    value: Option<JsValue>,
    fields: &[&str],
    what: &str,
) -> Result<T, JsError> {
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

fn js_error(error: crate::Error) -> JsError {
    JsError::new(&error.to_string())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot pass the result to JavaScript: {e}")))
}
