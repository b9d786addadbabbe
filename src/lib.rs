//! A serverless corpus viewer: full-text search over a document collection, by an engine
//! compiled once to WebAssembly and an index that travels as data, in a single HTML page.
//!
//! The pipeline, one module a stage: [`analyze`] (text to terms) → [`index`] (terms to
//! postings) → [`query`] (the query language) → [`score`] (relevance) → [`excerpt`] (snippets
//! and highlights), tied together by [`search`]. With the `indexer` feature, `collect` and
//! `extract` turn files into documents and `bundle` assembles pages (natively and in Wasm),
//! `folder` reads a folder and `output` writes one (natively only). Only `wasm`
//! touches JavaScript, so `cargo test` runs the whole engine natively. The only unsafe code is
//! the allocator of the WebAssembly module, `allocator`.
#![deny(missing_docs)]
#![deny(unsafe_code)]

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod allocator;

pub mod analyze;
pub mod budget;
#[cfg(feature = "indexer")]
pub mod bundle;
#[cfg(feature = "indexer")]
pub mod collect;
pub mod error;
pub mod excerpt;
#[cfg(feature = "indexer")]
pub mod extract;
#[cfg(all(feature = "indexer", not(target_arch = "wasm32")))]
pub mod folder;
pub mod index;
pub mod language;
#[cfg(not(target_arch = "wasm32"))]
pub mod output;
mod parallel;
pub mod query;
pub mod rehearsal;
pub mod score;
pub mod search;
mod wasm;

pub use error::{BuildError, Error};
pub use index::{DocumentMeta, Index, IndexBuilder, NewDocument};
pub use search::{Corpus, SearchOptions, SearchResult};
