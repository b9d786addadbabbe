//! Decoding a core whose list of documents takes room for all of them at once: serde makes
//! room for a list a megabyte at a time, whatever length the list says it has (a guard
//! against damaged lengths), and a list of a hundred thousand documents then grows, copied,
//! some ten times. Here the room taken is bounded by what the bytes decoded could hold.

use std::borrow::Cow;
use std::cell::Cell;

use serde::de::{DeserializeOwned, Deserializer, SeqAccess, Visitor};

use crate::index::Document;

/// The fewest bytes a document takes in a core: a byte for each of its eleven fields (the
/// lengths of its strings and lists, the tags of its options, its number of words). Room is
/// only made ahead: a list longer than this allows still decodes, growing as it goes.
const MIN_DOCUMENT_BYTES: usize = 11;

thread_local! {
    /// The most documents the bytes being decoded can hold.
    static MOST: Cell<usize> = const { Cell::new(0) };
}

/// `bytes` decoded as postcard, a list of documents making room for all at once.
pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, postcard::Error> {
    MOST.set(bytes.len() / MIN_DOCUMENT_BYTES);
    let decoded = postcard::from_bytes(bytes);
    MOST.set(0);
    decoded
}

/// A core's documents, with room made for as many as the list says, within what the bytes
/// can hold.
pub(super) fn documents<'de, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'a, [Document]>, D::Error> {
    struct Documents;
    impl<'de> Visitor<'de> for Documents {
        type Value = Vec<Document>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of documents")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Document>, A::Error> {
            let room = seq.size_hint().unwrap_or(0).min(MOST.get());
            let mut documents = Vec::with_capacity(room);
            while let Some(document) = seq.next_element()? {
                documents.push(document);
            }
            Ok(documents)
        }
    }
    deserializer.deserialize_seq(Documents).map(Cow::Owned)
}
