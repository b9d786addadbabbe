//! The documents of an index, held as columns: one buffer for each field of every document,
//! and each source, date, language and tag written once in a table and named by number,
//! rather than a structure and several strings for each document. Opening a collection of
//! half a million short documents then allocates a few dozen times, not millions, and holds
//! tens of bytes a document rather than hundreds; filters and counts by source compare
//! numbers.
//!
//! The columns are written as they are held, one after another (`written`).

use std::collections::HashMap;

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{DocId, Document, DocumentMeta};

mod written;

/// Every document of an index, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Documents {
    ids: Texts,
    titles: Texts,
    sources: Vec<u32>,
    source_names: Table,
    dates: Vec<u32>,
    date_names: Table,
    urls: Texts,
    /// Whether each document has a URL (an empty one included).
    has_url: Vec<bool>,
    langs: Vec<u32>,
    lang_names: Table,
    tags: Lists<u32>,
    tag_names: Table,
    headings: Lists<[u32; 2]>,
    code: Lists<[u32; 2]>,
    words: Vec<u32>,
    checkpoints: Lists<u32>,
}

/// The number an absent date or language is written as in its column.
const ABSENT: u32 = u32::MAX;

/// One document of [`Documents`], read in place: what a [`Document`] holds, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct DocumentRef<'a> {
    /// Id, title, source, date, URL, language and tags.
    pub meta: MetaRef<'a>,
    /// Byte ranges `[start, end)` of the headings in the text.
    pub headings: &'a [[u32; 2]],
    /// Byte ranges `[start, end)` of code in the text, sorted and disjoint.
    pub code: &'a [[u32; 2]],
    /// Number of words (positions) in the text.
    pub words: u32,
    /// See [`Document::checkpoints`].
    pub checkpoints: &'a [u32],
}

/// What a document is, read in place: a [`DocumentMeta`], borrowed.
#[derive(Debug, Clone, Copy)]
pub struct MetaRef<'a> {
    /// Stable identifier: the file's path without its extension.
    pub id: &'a str,
    /// Title shown in lists (empty in an index whose titles are in a catalogue of blocks).
    pub title: &'a str,
    /// Where the document comes from.
    pub source: &'a str,
    /// When it was published, if known.
    pub date: Option<&'a str>,
    /// Where it can be found online, if known.
    pub url: Option<&'a str>,
    /// The language of its text, if known.
    pub lang: Option<&'a str>,
    tags: &'a [u32],
    tag_names: &'a Table,
}

impl<'a> MetaRef<'a> {
    /// Its tags, sorted, each once.
    pub fn tags(&self) -> impl ExactSizeIterator<Item = &'a str> + Clone + 'a {
        let names = self.tag_names;
        self.tags.iter().map(move |&t| names.name(t))
    }

    /// The same, owned.
    pub fn to_meta(&self) -> DocumentMeta {
        DocumentMeta {
            id: self.id.to_string(),
            title: self.title.to_string(),
            source: self.source.to_string(),
            date: self.date.map(str::to_string),
            url: self.url.map(str::to_string),
            lang: self.lang.map(str::to_string),
            tags: self.tags().map(str::to_string).collect(),
        }
    }
}

impl Documents {
    /// No documents, with room made for `count`.
    pub(super) fn with_capacity(count: usize) -> Documents {
        let mut documents = Documents::default();
        documents.ids.ends.reserve(count);
        documents.titles.ends.reserve(count);
        documents.sources.reserve(count);
        documents.dates.reserve(count);
        documents.urls.ends.reserve(count);
        documents.has_url.reserve(count);
        documents.langs.reserve(count);
        documents.tags.ends.reserve(count);
        documents.headings.ends.reserve(count);
        documents.code.ends.reserve(count);
        documents.words.reserve(count);
        documents.checkpoints.ends.reserve(count);
        documents
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Document `doc`. Panics if out of range, which a caller holding a [`DocId`] of this
    /// index cannot be.
    pub fn get(&self, doc: DocId) -> DocumentRef<'_> {
        let d = doc as usize;
        DocumentRef {
            meta: self.meta(doc),
            headings: self.headings.get(d),
            code: self.code.get(d),
            words: self.words[d],
            checkpoints: self.checkpoints.get(d),
        }
    }

    /// What document `doc` is, without the rest of its entry: what filters and lists read
    /// of every document.
    pub fn meta(&self, doc: DocId) -> MetaRef<'_> {
        let d = doc as usize;
        MetaRef {
            id: self.ids.get(d),
            title: self.titles.get(d),
            source: self.source_names.name(self.sources[d]),
            date: self.date_names.optional(self.dates[d]),
            url: self.has_url[d].then(|| self.urls.get(d)),
            lang: self.lang_names.optional(self.langs[d]),
            tags: self.tags.get(d),
            tag_names: &self.tag_names,
        }
    }

    /// Every document, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = DocumentRef<'_>> + '_ {
        (0..self.len() as DocId).map(|d| self.get(d))
    }

    /// The id of document `doc`.
    pub fn id(&self, doc: DocId) -> &str {
        self.ids.get(doc as usize)
    }

    /// The date of document `doc`, if it has one.
    pub fn date(&self, doc: DocId) -> Option<&str> {
        self.date_names.optional(self.dates[doc as usize])
    }

    /// The number of words of document `doc`.
    pub fn words(&self, doc: DocId) -> u32 {
        self.words[doc as usize]
    }

    /// Each document's number of words.
    pub fn word_counts(&self) -> &[u32] {
        &self.words
    }

    /// Each document's source, as a number: the documents of one source share one.
    pub fn source_numbers(&self) -> &[u32] {
        &self.sources
    }

    /// The source numbered `number` in [`Documents::source_numbers`].
    pub fn source_name(&self, number: u32) -> &str {
        self.source_names.name(number)
    }

    /// Each document's date, as a number ([`Documents::date_name`]).
    pub fn date_numbers(&self) -> &[u32] {
        &self.dates
    }

    /// The date numbered `number` in [`Documents::date_numbers`]; `None` for a document with
    /// no date.
    pub fn date_name(&self, number: u32) -> Option<&str> {
        self.date_names.optional(number)
    }

    /// Whether each document's ranges of code are sorted and disjoint.
    pub(super) fn code_is_sorted(&self) -> bool {
        (0..self.len()).all(|d| self.code.get(d).windows(2).all(|w| w[0][1] <= w[1][0]))
    }

    /// Each document's tags, as numbers ([`Documents::tag_name`]).
    pub fn tag_numbers(&self, doc: DocId) -> &[u32] {
        self.tags.get(doc as usize)
    }

    /// The tag numbered `number` in [`Documents::tag_numbers`].
    pub fn tag_name(&self, number: u32) -> &str {
        self.tag_names.name(number)
    }

    /// How many distinct sources, dates and tags there are.
    pub fn distinct(&self) -> [usize; 3] {
        [
            self.source_names.names.len(),
            self.date_names.names.len(),
            self.tag_names.names.len(),
        ]
    }

    /// Appends a document.
    pub(super) fn push(&mut self, document: &Document) {
        let meta = &document.meta;
        self.ids.push(&meta.id);
        self.titles.push(&meta.title);
        self.sources.push(self.source_names.number(&meta.source));
        self.dates
            .push(self.date_names.optional_number(meta.date.as_deref()));
        self.urls.push(meta.url.as_deref().unwrap_or(""));
        self.has_url.push(meta.url.is_some());
        self.langs
            .push(self.lang_names.optional_number(meta.lang.as_deref()));
        for tag in &meta.tags {
            let number = self.tag_names.number(tag);
            self.tags.values.push(number);
        }
        self.tags.close();
        self.headings.push(&document.headings);
        self.code.push(&document.code);
        self.words.push(document.words);
        self.checkpoints.push(&document.checkpoints);
    }

    /// The same documents as a manifest holds them: without their checkpoints, which a
    /// chunked index finds in a text the first time it needs them, and, unless `titles`,
    /// without their titles and URLs, which are then in blocks of their own.
    pub(super) fn for_manifest(&self, titles: bool) -> Documents {
        let count = self.len();
        let mut documents = Documents {
            checkpoints: Lists {
                values: Vec::new(),
                ends: vec![0; count],
            },
            ..self.clone()
        };
        if !titles {
            documents.titles = Texts::empty(count);
            documents.urls = Texts::empty(count);
            documents.has_url = vec![false; count];
        }
        documents
    }
}

impl From<&[Document]> for Documents {
    fn from(rows: &[Document]) -> Documents {
        let mut documents = Documents::with_capacity(rows.len());
        for row in rows {
            documents.push(row);
        }
        documents
    }
}

/// Strings kept end to end in one buffer, with where each ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Texts {
    text: String,
    ends: Vec<u32>,
}

impl Texts {
    /// `count` empty strings.
    fn empty(count: usize) -> Texts {
        Texts {
            text: String::new(),
            ends: vec![0; count],
        }
    }

    fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
    }

    fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        &self.text[start..self.ends[i] as usize]
    }
}

/// Lists kept end to end in one buffer, with where each ends.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Lists<T> {
    values: Vec<T>,
    ends: Vec<u32>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            values: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T: Copy> Lists<T> {
    fn push(&mut self, list: &[T]) {
        self.values.extend_from_slice(list);
        self.close();
    }

    /// Ends the list whose values were pushed last.
    fn close(&mut self) {
        self.ends.push(self.values.len() as u32);
    }

    fn get(&self, i: usize) -> &[T] {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        &self.values[start..self.ends[i] as usize]
    }
}

/// Distinct strings, each numbered in the order first met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Table {
    names: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Table {
    /// The number of `name`, numbered now if it is new.
    fn number(&mut self, name: &str) -> u32 {
        // Neighbours often share a source, a date or a language.
        if let Some(last) = self.names.last() {
            if **last == *name {
                return self.names.len() as u32 - 1;
            }
        }
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        self.add(name)
    }

    /// Numbers `name` next, whether or not it has a number already (a table read back, whose
    /// names are numbered as written).
    fn add(&mut self, name: &str) -> u32 {
        let number = self.names.len() as u32;
        self.names.push(name.into());
        self.numbers.entry(name.into()).or_insert(number);
        number
    }

    /// The number of `name`, [`ABSENT`] for none.
    fn optional_number(&mut self, name: Option<&str>) -> u32 {
        name.map_or(ABSENT, |name| self.number(name))
    }

    fn name(&self, number: u32) -> &str {
        &self.names[number as usize]
    }

    fn optional(&self, number: u32) -> Option<&str> {
        (number != ABSENT).then(|| self.name(number))
    }
}

impl Serialize for Documents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&written::write(self))
    }
}

impl<'de> Deserialize<'de> for Documents {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Documents, D::Error> {
        struct Written;
        impl Visitor<'_> for Written {
            type Value = Documents;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the documents, written")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Documents, E> {
                written::read(bytes).map_err(|what| E::custom(format!("the documents: {what}")))
            }
        }
        deserializer.deserialize_bytes(Written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: usize) -> Document {
        Document {
            meta: DocumentMeta {
                id: format!("doc{i}"),
                title: format!("Title {i}"),
                source: ["a", "b"][i % 2].to_string(),
                date: (!i.is_multiple_of(3)).then(|| format!("2020-0{}", i % 9 + 1)),
                url: (i % 4 == 1).then(String::new),
                lang: (!i.is_multiple_of(5)).then(|| "en".to_string()),
                tags: (0..i % 3).map(|t| format!("t{t}")).collect(),
            },
            headings: (0..i % 2).map(|h| [h as u32, h as u32 + 1]).collect(),
            code: Vec::new(),
            words: i as u32 * 7,
            checkpoints: (0..i % 4).map(|c| c as u32 * 10).collect(),
        }
    }

    #[test]
    fn columns_read_back_every_field_of_every_document() {
        let rows: Vec<Document> = (0..50).map(row).collect();
        let documents = Documents::from(&rows[..]);
        assert_eq!(documents.len(), 50);
        for (d, row) in documents.iter().zip(&rows) {
            assert_eq!(d.meta.to_meta(), row.meta);
            assert_eq!(d.headings, &row.headings[..]);
            assert_eq!(d.code, &row.code[..]);
            assert_eq!(d.words, row.words);
            assert_eq!(d.checkpoints, &row.checkpoints[..]);
        }
        assert_eq!(documents.source_numbers()[..3], [0, 1, 0]);
        assert_eq!(documents.source_name(1), "b");
    }

    #[test]
    fn ids_that_share_part_of_a_character_read_back_whole() {
        let rows: Vec<Document> = [
            "é1",
            "ê2",
            "ê2/a",
            "b",
            "",
            "x".repeat(600).as_str(),
            &"x".repeat(601),
        ]
        .iter()
        .map(|id| Document {
            meta: DocumentMeta {
                id: id.to_string(),
                ..row(0).meta
            },
            ..row(0)
        })
        .collect();
        let documents = Documents::from(&rows[..]);
        let read = written::read(&written::write(&documents)).unwrap();
        let ids: Vec<&str> = read.iter().map(|d| d.meta.id).collect();
        let given: Vec<&str> = rows.iter().map(|r| r.meta.id.as_str()).collect();
        assert_eq!(ids, given);
    }

    #[test]
    fn columns_are_read_back_as_written_and_damaged_ones_are_refused() {
        let rows: Vec<Document> = (0..50).map(row).collect();
        let documents = Documents::from(&rows[..]);
        let bytes = postcard::to_allocvec(&documents).unwrap();
        let read: Documents = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read, documents);
        let written = written::write(&documents);
        assert_eq!(written::read(&written).unwrap(), documents);
        // Cut anywhere, or with a byte more: refused, never a panic.
        for cut in 0..written.len() {
            assert!(written::read(&written[..cut]).is_err(), "{cut}");
        }
        assert!(written::read(&[&written[..], &[0]].concat()).is_err());
        // Any byte changed: refused or read, never a panic.
        for at in 0..written.len() {
            let mut changed = written.clone();
            changed[at] ^= 0x55;
            let _ = written::read(&changed);
        }
        // A count of a billion documents in a few bytes: refused before room is made.
        let mut lying = Vec::new();
        super::super::postings::write_varint(&mut lying, 1 << 30);
        assert!(written::read(&lying)
            .unwrap_err()
            .contains("more documents"));
    }
}
