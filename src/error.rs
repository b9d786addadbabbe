//! The errors of the engine ([`Error`]: what a call to a corpus can fail with) and of the build
//! tools ([`BuildError`]: reading a corpus, building an index, writing a viewer), apart, each
//! with a message meant for a person.

use std::fmt;
use std::path::PathBuf;

/// What a call to the engine can fail with.
#[derive(Debug)]
pub enum Error {
    /// No document has this id.
    UnknownDocument(String),
    /// The bytes given as an index cannot be read.
    InvalidIndex(String),
    /// Options passed to a call are not valid.
    InvalidOptions(String),
    /// A chunk of a chunked index that the call needs has not arrived: it is wanted (see
    /// `Index::wanted_chunks`), and the call should be made again once it is added.
    NotArrived,
    /// A chunk handed over is not one of the index's, or its bytes do not match its name.
    Chunk(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownDocument(id) => write!(f, "no document has the id {id:?}"),
            Error::InvalidIndex(why) => write!(f, "cannot open the corpus index: {why}"),
            Error::InvalidOptions(why) => write!(f, "invalid options: {why}"),
            Error::NotArrived => write!(f, "part of the corpus has not arrived yet"),
            Error::Chunk(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for Error {}

/// What making an index or a viewer can fail with, from reading a corpus to writing the output.
#[derive(Debug)]
pub enum BuildError {
    /// Two documents share an id.
    DuplicateId(String),
    /// A corpus folder could not be used.
    Corpus(String),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The page could not be assembled.
    Bundle(String),
    /// The output folder may not be written to, or writing into it failed.
    Output(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::DuplicateId(id) => write!(f, "two documents have the id {id:?}"),
            BuildError::Corpus(why) => write!(f, "{why}"),
            BuildError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            BuildError::Bundle(why) => write!(f, "cannot assemble the page: {why}"),
            BuildError::Output(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
