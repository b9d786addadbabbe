//! The errors of the engine and of the build tools, each with a message meant for a person.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong, from reading a corpus to answering a call.
#[derive(Debug)]
pub enum Error {
    /// No document has this id.
    UnknownDocument(String),
    /// Two documents share an id.
    DuplicateId(String),
    /// The bytes given as an index cannot be read.
    InvalidIndex(String),
    /// Options passed to a call are not valid.
    InvalidOptions(String),
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownDocument(id) => write!(f, "no document has the id {id:?}"),
            Error::DuplicateId(id) => write!(f, "two documents have the id {id:?}"),
            Error::InvalidIndex(why) => write!(f, "cannot open the corpus index: {why}"),
            Error::InvalidOptions(why) => write!(f, "invalid options: {why}"),
            Error::Corpus(why) => write!(f, "{why}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Bundle(why) => write!(f, "cannot assemble the page: {why}"),
            Error::Output(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
