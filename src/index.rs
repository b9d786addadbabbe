//! The inverted index: documents, a sorted term dictionary, positional postings and stem groups.
//!
//! The index is built once, at build time, by [`IndexBuilder`], and travels as bytes
//! ([`Index::to_bytes`], [`Index::from_bytes`]) with a magic number and a format version, so a
//! page never analyzes its corpus again when it opens. The body is deflated; postings are one
//! blob of variable-length integers (document gaps, counts, position gaps) decoded per term
//! when a query asks for it, so opening costs one inflate and no per-posting allocation.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::analyze::{fold_into, word_spans, word_spans_from, Analyzer};
use crate::error::Error;

/// The first bytes of a serialized index.
pub const MAGIC: &[u8; 4] = b"CVIX";
/// The version of the serialized form; bumped whenever it changes.
pub const FORMAT_VERSION: u16 = 5;
/// The largest serialized body [`Index::from_bytes`] inflates, as a guard against damage.
pub const MAX_BODY_BYTES: usize = 1 << 31;

/// Identifies a term in the dictionary: its rank in sorted order.
pub type TermId = u32;
/// Identifies a document: its rank in the order documents were added.
pub type DocId = u32;

/// A stored document with the metadata the viewer shows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier: the file name without its extension.
    pub id: String,
    /// Title shown in lists.
    pub title: String,
    /// Where the document comes from.
    pub source: String,
    /// When it was published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, if known.
    pub date: Option<String>,
    /// Where it can be found online, if known.
    pub url: Option<String>,
    /// The full text: the file's, or the readable text of a marked-up file.
    pub text: String,
    /// Byte ranges `[start, end)` of the headings in `text`.
    pub headings: Vec<[u32; 2]>,
    /// Number of words (positions) in the text.
    pub words: u32,
    /// `checkpoints[k]`: the byte offset of the word at position `(k + 1) ·` [`CHECKPOINT_EVERY`],
    /// where segmenting may start to find the words near a position.
    pub checkpoints: Vec<u32>,
}

/// How many words apart the checkpoints of a document's text are.
pub const CHECKPOINT_EVERY: u32 = 64;

/// The occurrences of one term in one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Posting {
    /// The document.
    pub doc: DocId,
    /// Sorted word positions of the term in the document's text.
    pub positions: Vec<u32>,
}

/// A searchable, serializable collection of documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Index {
    title: Option<String>,
    documents: Vec<Document>,
    /// Folded terms, sorted, so that prefixes are contiguous ranges.
    terms: Strings,
    /// The postings of every term, encoded (see [`encode_postings`]).
    #[serde(with = "serde_bytes")]
    postings: Vec<u8>,
    /// `postings[posting_ends[term - 1]..posting_ends[term]]` holds a term's postings.
    posting_ends: Vec<u32>,
    /// `document_frequencies[term]`: in how many documents the term occurs.
    document_frequencies: Vec<u32>,
    /// `occurrences[term]`: how many times the term occurs in the whole corpus.
    occurrences: Vec<u32>,
    /// Stems with the terms that share them, sorted by stem.
    stems: Strings,
    /// `stem_terms[stem_ends[i - 1]..stem_ends[i]]`: the terms of stem `i`.
    stem_terms: Vec<TermId>,
    stem_ends: Vec<u32>,
    /// `title_terms[doc]`: sorted ids of the terms of the document's title.
    title_terms: Vec<Vec<TermId>>,
    average_words: f32,
}

impl Index {
    /// The corpus title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id.
    pub fn document_by_id(&self, id: &str) -> Option<(DocId, &Document)> {
        self.documents
            .iter()
            .enumerate()
            .find(|(_, d)| d.id == id)
            .map(|(i, d)| (i as DocId, d))
    }

    /// The document with this number. Panics if out of range, which a caller holding a
    /// [`DocId`] from this index cannot be.
    pub fn document(&self, doc: DocId) -> &Document {
        &self.documents[doc as usize]
    }

    /// The byte ranges of the words at positions `start..end` of a document (fewer if the text
    /// ends first), found by segmenting from the nearest checkpoint only.
    pub fn spans(&self, doc: DocId, start: u32, end: u32) -> Vec<std::ops::Range<usize>> {
        let document = self.document(doc);
        let k = (start / CHECKPOINT_EVERY) as usize;
        let (offset, first) = match k.checked_sub(1).and_then(|i| document.checkpoints.get(i)) {
            Some(&offset) if document.text.is_char_boundary(offset as usize) => {
                (offset as usize, k as u32 * CHECKPOINT_EVERY)
            }
            _ => (0, 0),
        };
        word_spans_from(&document.text, offset)
            .skip((start - first) as usize)
            .take(end.saturating_sub(start) as usize)
            .collect()
    }

    /// The sorted term dictionary.
    pub fn terms(&self) -> &Strings {
        &self.terms
    }

    /// The id of a folded term, if the corpus has it.
    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.find(term).map(|i| i as TermId)
    }

    /// The text of a term.
    pub fn term(&self, term: TermId) -> &str {
        self.terms.get(term as usize)
    }

    /// The occurrences of a term, sorted by document.
    pub fn postings(&self, term: TermId) -> Vec<Posting> {
        decode_postings(self.posting_bytes(term), &self.documents)
    }

    /// The occurrences of a term, sorted by document, positions still encoded.
    pub fn posting_refs(&self, term: TermId) -> Vec<PostingRef<'_>> {
        posting_refs(self.posting_bytes(term), &self.documents)
    }

    fn posting_bytes(&self, term: TermId) -> &[u8] {
        let t = term as usize;
        let start = if t == 0 {
            0
        } else {
            self.posting_ends[t - 1] as usize
        };
        &self.postings[start..self.posting_ends[t] as usize]
    }

    /// How many times a term occurs in the whole corpus.
    pub fn occurrences(&self, term: TermId) -> u32 {
        self.occurrences[term as usize]
    }

    /// In how many documents a term occurs.
    pub fn document_frequency(&self, term: TermId) -> u32 {
        self.document_frequencies[term as usize]
    }

    /// The ids of the terms whose folded text starts with `prefix`, in term order.
    pub fn terms_with_prefix(&self, prefix: &str) -> std::ops::Range<TermId> {
        let start = self.terms.partition_point(|t| t < prefix);
        let end = self
            .terms
            .partition_point(|t| t < prefix || t.starts_with(prefix));
        start as TermId..end as TermId
    }

    /// The terms whose stem is `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[TermId] {
        match self.stems.find(stem) {
            Some(i) => {
                let start = if i == 0 {
                    0
                } else {
                    self.stem_ends[i - 1] as usize
                };
                &self.stem_terms[start..self.stem_ends[i] as usize]
            }
            None => &[],
        }
    }

    /// Whether a term occurs in a document's title.
    pub fn in_title(&self, doc: DocId, term: TermId) -> bool {
        self.title_terms[doc as usize].binary_search(&term).is_ok()
    }

    /// The average number of words in a document.
    pub fn average_words(&self) -> f32 {
        self.average_words
    }

    /// The index as bytes: [`MAGIC`], [`FORMAT_VERSION`] (little endian), then the deflated
    /// body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let body = postcard::to_allocvec(self).expect("an index always serializes");
        bytes.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(&body, 6));
        bytes
    }

    /// Reads an index written by [`Index::to_bytes`] of this format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, Error> {
        let body = miniz_oxide::inflate::decompress_to_vec_with_limit(
            deflated_body(bytes)?,
            MAX_BODY_BYTES,
        )
        .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))?;
        Index::from_body(&body)
    }

    /// Reads an index from its body inflated elsewhere (see [`deflated_body`]): a browser's own
    /// inflater is several times faster than one compiled to Wasm.
    pub fn from_body(body: &[u8]) -> Result<Index, Error> {
        let index: Index = postcard::from_bytes(body)
            .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))?;
        index.check()?;
        Ok(index)
    }

    /// Checks the invariants every lookup relies on, so that damaged bytes fail here and not
    /// as a panic later.
    fn check(&self) -> Result<(), Error> {
        let damaged =
            |what: &str| Err(Error::InvalidIndex(format!("the index is damaged: {what}")));
        let doc_count = self.documents.len() as u32;
        let term_count = self.terms.len() as u32;
        if self.posting_ends.len() != self.terms.len()
            || self.document_frequencies.len() != self.terms.len()
            || self.occurrences.len() != self.terms.len()
        {
            return damaged("postings and terms differ in number");
        }
        let ends_ok = self.posting_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .posting_ends
                .last()
                .is_none_or(|&e| e as usize == self.postings.len());
        if !ends_ok {
            return damaged("posting offsets are out of order or out of range");
        }
        if self.title_terms.len() != self.documents.len() {
            return damaged("title terms and documents differ in number");
        }
        if !self.terms.is_valid() || !self.stems.is_valid() {
            return damaged("the term or stem dictionary is not sorted or out of range");
        }
        let stem_ends_ok = self.stem_ends.len() == self.stems.len()
            && self.stem_ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .stem_ends
                .last()
                .is_none_or(|&e| e as usize == self.stem_terms.len());
        if !stem_ends_ok {
            return damaged("stem offsets are out of order or out of range");
        }
        // Postings are checked as they are decoded (see `decode_postings`).
        let postings_ok = doc_count > 0 || self.postings.is_empty();
        let ids_ok = self.stem_terms.iter().all(|&t| t < term_count)
            && self.title_terms.iter().flatten().all(|&t| t < term_count);
        let headings_ok = self.documents.iter().all(|d| {
            d.headings.iter().all(|&[s, e]| {
                s <= e && d.text.is_char_boundary(s as usize) && d.text.is_char_boundary(e as usize)
            })
        });
        if !postings_ok || !ids_ok || !headings_ok {
            return damaged("an entry points outside the index");
        }
        Ok(())
    }
}

/// The deflated body of a serialized index (raw DEFLATE, RFC 1951), after checking its magic
/// number and format version.
pub fn deflated_body(bytes: &[u8]) -> Result<&[u8], Error> {
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(Error::InvalidIndex(
            "these bytes are not a corpus index (wrong magic number)".into(),
        ));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != FORMAT_VERSION {
        return Err(Error::InvalidIndex(format!(
            "index format version {version} is not supported; this viewer reads version {FORMAT_VERSION}; rebuild the corpus"
        )));
    }
    Ok(&bytes[6..])
}

/// Appends postings (sorted by document, positions sorted) as variable-length integers: for
/// each document, the gap from the previous document, the number of positions, the byte length
/// of the positions, then the gaps between positions (the first from 0). The length lets a
/// reader skip positions it does not need.
pub fn encode_postings(postings: &[Posting], out: &mut Vec<u8>) {
    let mut previous_doc = 0;
    let mut gaps = Vec::new();
    for (i, posting) in postings.iter().enumerate() {
        let gap = if i == 0 {
            posting.doc
        } else {
            posting.doc - previous_doc
        };
        previous_doc = posting.doc;
        write_varint(out, gap);
        write_varint(out, posting.positions.len() as u32);
        gaps.clear();
        let mut previous = 0;
        for &position in &posting.positions {
            write_varint(&mut gaps, position - previous);
            previous = position;
        }
        write_varint(out, gaps.len() as u32);
        out.extend_from_slice(&gaps);
    }
}

/// One document's entry in a term's postings, its positions still encoded.
#[derive(Debug, Clone, Copy)]
pub struct PostingRef<'a> {
    /// The document.
    pub doc: DocId,
    /// How many times the term occurs in it.
    pub tf: u32,
    /// The words in the document, which every position must be below.
    words: u32,
    positions: &'a [u8],
}

impl PostingRef<'_> {
    /// The positions, sorted; those that do not fit the document (damage) are left out.
    pub fn positions(&self) -> Vec<u32> {
        let mut bytes = self.positions;
        let mut out = Vec::with_capacity(self.tf as usize);
        let mut position: u32 = 0;
        for i in 0..self.tf {
            let Some(step) = read_varint(&mut bytes) else {
                break;
            };
            match position.checked_add(step) {
                Some(p) if p < self.words && (i == 0 || step > 0) => position = p,
                _ => break,
            }
            out.push(position);
        }
        out
    }
}

/// Reads the entries of postings written by [`encode_postings`], leaving positions encoded.
/// Damaged bytes never panic: reading stops at the first entry that does not fit `documents`
/// (a document that does not exist, a truncated number or length).
pub fn posting_refs<'a>(mut bytes: &'a [u8], documents: &[Document]) -> Vec<PostingRef<'a>> {
    let mut out = Vec::new();
    let mut doc: u32 = 0;
    while !bytes.is_empty() {
        let Some(gap) = read_varint(&mut bytes) else {
            break;
        };
        let next = if out.is_empty() {
            Some(gap)
        } else {
            doc.checked_add(gap).filter(|_| gap > 0)
        };
        let Some((next, document)) =
            next.and_then(|d| documents.get(d as usize).map(|doc| (d, doc)))
        else {
            break;
        };
        doc = next;
        let (Some(tf), Some(length)) = (read_varint(&mut bytes), read_varint(&mut bytes)) else {
            break;
        };
        let Some((positions, rest)) = bytes.split_at_checked(length as usize) else {
            break;
        };
        bytes = rest;
        out.push(PostingRef {
            doc,
            tf,
            words: document.words,
            positions,
        });
    }
    out
}

/// Reads postings written by [`encode_postings`], positions decoded (see [`posting_refs`]).
pub fn decode_postings(bytes: &[u8], documents: &[Document]) -> Vec<Posting> {
    posting_refs(bytes, documents)
        .into_iter()
        .map(|r| Posting {
            doc: r.doc,
            positions: r.positions(),
        })
        .collect()
}

fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// A sorted list of strings kept as one string and the end offset of each, so that reading
/// an index allocates once for the whole list rather than once per string.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    fn from_sorted<S: AsRef<str>>(strings: impl IntoIterator<Item = S>) -> Strings {
        let mut list = Strings::default();
        for s in strings {
            list.text.push_str(s.as_ref());
            list.ends.push(list.text.len() as u32);
        }
        list
    }

    /// How many strings there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The string at `i`. Panics if `i` is out of range.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The strings, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Where `s` is, if it is there.
    pub fn find(&self, s: &str) -> Option<usize> {
        let i = self.partition_point(|t| t < s);
        (i < self.len() && self.get(i) == s).then_some(i)
    }

    /// The number of strings for which `before` holds, all of which come first.
    pub fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if before(self.get(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether the offsets fit the text on character boundaries and the strings are sorted.
    fn is_valid(&self) -> bool {
        let mut start = 0usize;
        for &end in &self.ends {
            let end = end as usize;
            if end < start || !self.text.is_char_boundary(end) {
                return false;
            }
            start = end;
        }
        start == self.text.len() && (1..self.len()).all(|i| self.get(i - 1) < self.get(i))
    }
}

/// A document to add to an index.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Stable identifier.
    pub id: String,
    /// Title shown in lists; its terms earn a ranking boost.
    pub title: String,
    /// Where the document comes from.
    pub source: String,
    /// When it was published (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// Where it can be found online, if known.
    pub url: Option<String>,
    /// The full text.
    pub text: String,
    /// Byte ranges `[start, end)` of headings in `text`, on character boundaries.
    pub headings: Vec<[u32; 2]>,
}

/// Builds an [`Index`] from documents.
pub struct IndexBuilder<'a> {
    analyzer: &'a Analyzer,
    title: Option<String>,
    documents: Vec<Document>,
    ids: HashSet<String>,
    occurrences: HashMap<String, Vec<Posting>>,
    titles: Vec<BTreeSet<String>>,
}

impl<'a> IndexBuilder<'a> {
    /// An empty builder that analyzes with `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        IndexBuilder {
            analyzer,
            title: None,
            documents: Vec::new(),
            ids: HashSet::new(),
            occurrences: HashMap::new(),
            titles: Vec::new(),
        }
    }

    /// Names the corpus.
    pub fn set_title(&mut self, title: Option<String>) {
        self.title = title.filter(|t| !t.trim().is_empty());
    }

    /// Adds a document. Ids must be unique, and heading ranges must lie on character
    /// boundaries of the text.
    pub fn add(&mut self, document: NewDocument) -> Result<DocId, Error> {
        if self.ids.contains(&document.id) {
            return Err(Error::DuplicateId(document.id));
        }
        let text = &document.text;
        if let Some(bad) = document.headings.iter().find(|[start, end]| {
            start > end
                || !text.is_char_boundary(*start as usize)
                || !text.is_char_boundary(*end as usize)
        }) {
            return Err(Error::Corpus(format!(
                "{}: heading range {bad:?} is not within the text",
                document.id
            )));
        }
        let doc = self.documents.len() as DocId;
        let spans = word_spans(&document.text);
        let words = spans.len() as u32;
        let checkpoints = spans
            .iter()
            .step_by(CHECKPOINT_EVERY as usize)
            .skip(1)
            .map(|span| span.start as u32)
            .collect();
        let mut per_term: HashMap<String, Vec<u32>> = HashMap::new();
        let mut term = String::new();
        for (position, span) in spans.into_iter().enumerate() {
            fold_into(&document.text[span], &mut term);
            if term.is_empty() {
                continue;
            }
            match per_term.get_mut(&term) {
                Some(positions) => positions.push(position as u32),
                None => {
                    per_term.insert(term.clone(), vec![position as u32]);
                }
            }
        }
        for (term, positions) in per_term {
            self.occurrences
                .entry(term)
                .or_default()
                .push(Posting { doc, positions });
        }
        self.titles.push(
            self.analyzer
                .tokens(&document.title)
                .into_iter()
                .map(|t| t.term)
                .collect(),
        );
        self.ids.insert(document.id.clone());
        self.documents.push(Document {
            id: document.id,
            title: document.title,
            source: document.source,
            date: document.date,
            url: document.url,
            text: document.text,
            headings: document.headings,
            words,
            checkpoints,
        });
        Ok(doc)
    }

    /// The finished index.
    pub fn finish(self) -> Index {
        let mut occurrences: Vec<(String, Vec<Posting>)> = self.occurrences.into_iter().collect();
        occurrences.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut postings = Vec::new();
        let mut posting_ends = Vec::with_capacity(occurrences.len());
        let mut document_frequencies = Vec::with_capacity(occurrences.len());
        let mut counts = Vec::with_capacity(occurrences.len());
        for (_, list) in &occurrences {
            encode_postings(list, &mut postings);
            posting_ends.push(postings.len() as u32);
            document_frequencies.push(list.len() as u32);
            counts.push(list.iter().map(|p| p.positions.len() as u32).sum());
        }
        let terms: Vec<String> = occurrences.into_iter().map(|(term, _)| term).collect();
        let mut stems: BTreeMap<String, Vec<TermId>> = BTreeMap::new();
        for (id, term) in terms.iter().enumerate() {
            stems
                .entry(self.analyzer.stem(term))
                .or_default()
                .push(id as TermId);
        }
        let mut stem_terms = Vec::with_capacity(terms.len());
        let mut stem_ends = Vec::with_capacity(stems.len());
        for ids in stems.values() {
            stem_terms.extend_from_slice(ids);
            stem_ends.push(stem_terms.len() as u32);
        }
        let title_terms = self
            .titles
            .iter()
            .map(|title| {
                let mut ids: Vec<TermId> = title
                    .iter()
                    .filter_map(|t| terms.binary_search(t).ok().map(|i| i as TermId))
                    .collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        let total_words: u64 = self.documents.iter().map(|d| d.words as u64).sum();
        let average_words = if self.documents.is_empty() {
            0.0
        } else {
            total_words as f32 / self.documents.len() as f32
        };
        Index {
            title: self.title,
            documents: self.documents,
            terms: Strings::from_sorted(&terms),
            postings,
            posting_ends,
            document_frequencies,
            occurrences: counts,
            stems: Strings::from_sorted(stems.keys()),
            stem_terms,
            stem_ends,
            title_terms,
            average_words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Index {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        for (id, text) in [
            ("a", "Protests in Gaza.\nGaza protesters protested."),
            ("b", "A speech about Palestine and protesting."),
        ] {
            builder
                .add(NewDocument {
                    id: id.into(),
                    title: text.lines().next().unwrap().into(),
                    source: format!("{id}.txt"),
                    date: None,
                    url: None,
                    text: text.into(),
                    headings: vec![],
                })
                .unwrap();
        }
        builder.finish()
    }

    #[test]
    fn postings_hold_sorted_positions_per_document() {
        let index = sample();
        let gaza = index.term_id("gaza").unwrap();
        assert_eq!(
            index.postings(gaza),
            [Posting {
                doc: 0,
                positions: vec![2, 3]
            }]
        );
        assert_eq!(index.document(0).words, 6);
        assert_eq!(
            (index.occurrences(gaza), index.document_frequency(gaza)),
            (2, 1)
        );
        assert_eq!(index.average_words(), 6.0);
    }

    #[test]
    fn prefix_ranges_and_stem_groups() {
        let index = sample();
        let names =
            |ids: Vec<TermId>| -> Vec<&str> { ids.into_iter().map(|t| index.term(t)).collect() };
        assert_eq!(
            names(index.terms_with_prefix("protest").collect()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.terms_with_prefix("zzz").is_empty());
        assert_eq!(
            names(index.terms_with_stem("protest").to_vec()),
            ["protested", "protesters", "protesting", "protests"]
        );
        assert!(index.in_title(0, index.term_id("gaza").unwrap()));
        assert!(!index.in_title(1, index.term_id("gaza").unwrap()));
    }

    #[test]
    fn postings_round_trip_and_damaged_postings_stop_decoding() {
        let documents: Vec<Document> = (0..3)
            .map(|i| Document {
                id: format!("d{i}"),
                title: String::new(),
                source: String::new(),
                date: None,
                url: None,
                text: String::new(),
                headings: vec![],
                words: 1000,
                checkpoints: vec![],
            })
            .collect();
        let postings = vec![
            Posting {
                doc: 0,
                positions: vec![0, 5, 300],
            },
            Posting {
                doc: 2,
                positions: vec![999],
            },
        ];
        let mut bytes = Vec::new();
        encode_postings(&postings, &mut bytes);
        assert_eq!(decode_postings(&bytes, &documents), postings);
        assert_eq!(
            decode_postings(&bytes[..bytes.len() - 1], &documents),
            postings[..1]
        );
        let refs = posting_refs(&bytes, &documents);
        assert_eq!(
            (refs[0].doc, refs[0].tf, refs[1].doc, refs[1].tf),
            (0, 3, 2, 1)
        );
        assert!(
            decode_postings(&[0xFF; 8], &documents).is_empty(),
            "an overlong number"
        );
        assert!(
            decode_postings(&[7, 1, 0], &documents).is_empty(),
            "no document 7"
        );
        assert!(
            decode_postings(&[0, 1, 0xE8, 0x07], &documents).is_empty(),
            "position 1000 of 1000"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        let doc = NewDocument {
            id: "x".into(),
            title: "t".into(),
            source: "s".into(),
            date: None,
            url: None,
            text: "t".into(),
            headings: vec![],
        };
        builder.add(doc.clone()).unwrap();
        assert!(matches!(builder.add(doc), Err(Error::DuplicateId(id)) if id == "x"));
    }

    #[test]
    fn bytes_round_trip_and_damage_is_reported() {
        let index = sample();
        let bytes = index.to_bytes();
        assert_eq!(Index::from_bytes(&bytes).unwrap(), index);

        let cases: &[(&str, Vec<u8>, &str)] = &[
            ("empty", vec![], "not a corpus index"),
            (
                "wrong magic",
                b"NOPE\x01\x00".to_vec(),
                "not a corpus index",
            ),
            (
                "future version",
                [&MAGIC[..], &[9, 0]].concat(),
                "version 9 is not supported",
            ),
            ("truncated", bytes[..bytes.len() / 2].to_vec(), "damaged"),
            (
                "not deflated",
                [&MAGIC[..], &FORMAT_VERSION.to_le_bytes(), b"plain bytes"].concat(),
                "damaged",
            ),
        ];
        for (name, input, expected) in cases {
            let message = Index::from_bytes(input).unwrap_err().to_string();
            assert!(message.contains(expected), "{name}: {message}");
        }
    }
}
