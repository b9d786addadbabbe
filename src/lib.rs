//! A serverless corpus viewer: full-text search over a document collection that is compiled,
//! with its index, into a WebAssembly module and a single HTML page.
//!
//! The pipeline, one module a stage: [`analyze`] (text to terms) → [`index`] (terms to
//! postings) → [`query`] (the query language) → [`score`] (relevance) → [`excerpt`] (snippets
//! and highlights), tied together by [`search`]. `folder` and `extract` read a corpus at build time and
//! `bundle` assembles the page (natively only). Only `wasm` touches JavaScript, so `cargo test` runs the
//! whole engine natively.
#![deny(missing_docs)]

pub mod analyze;
pub mod budget;
#[cfg(not(target_arch = "wasm32"))]
pub mod bundle;
pub mod error;
pub mod excerpt;
#[cfg(not(target_arch = "wasm32"))]
pub mod extract;
#[cfg(not(target_arch = "wasm32"))]
pub mod folder;
pub mod index;
#[cfg(not(target_arch = "wasm32"))]
pub mod output;
pub mod query;
pub mod score;
pub mod search;
mod wasm;

pub use error::Error;
pub use index::{Index, IndexBuilder, NewDocument};
pub use search::{Corpus, SearchOptions, SearchResult};
