//! The documents' titles and URLs in a chunked index: blocks of consecutive documents, each
//! serialized and deflated on its own one after the other in the catalogue part, which is cut
//! into chunks as the other parts are. Titles are most of what a manifest would otherwise hold
//! of its documents; a call reads those of the documents it shows. The manifest keeps each
//! block's first document. After the blocks, a block of its own holds the documents in the
//! order of their titles, so that a list sorted by title reads no block of titles; a list
//! sorted otherwise never reads it (at 458,902 documents it took 1.2 MB of a 3.4 MB manifest,
//! since an order deflates poorly). A block is decoded the first time a call reads it, and
//! kept, as the shards of the dictionary are.
//!
//! A block that has not arrived reads as empty titles, or as the collection's own order, and
//! is wanted, as a block of postings is: the call's answer is incomplete, and the page asks
//! again once it has come.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::chunks::{Chunks, Unreadable};
use super::format::{deflate, increasing};
use super::{DocId, DocumentMeta, Documents, Index, MetaRef};
use crate::error::Error;

/// A block closes once its titles and URLs take this many bytes or more: about a hundred
/// documents, 3 to 4 KiB deflated, so that the ten hits of a search read little beside them.
pub(super) const CATALOGUE_BLOCK_BYTES: usize = 8 * 1024;

/// A chunked index keeps its documents' titles and URLs in its manifest while they take fewer
/// bytes than this (about 50,000 documents' worth): a first list then needs no chunk, and a
/// search's hits no more than their passages. Past it they are blocks of their own, which
/// keeps the manifest of a million documents small.
pub(super) const CATALOGUE_FROM_BYTES: usize = 4 << 20;

/// The bytes a document's title and URL take in a block, about.
pub(super) fn entry_bytes(meta: MetaRef) -> usize {
    meta.title.len() + meta.url.map_or(0, str::len) + 2
}

/// The most bytes a block inflates to, as a guard against damage.
const MAX_BLOCK_BYTES: usize = 16 << 20;

/// What the manifest holds of the catalogue.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(super) struct CatalogueTable {
    /// The first document of each block.
    #[serde(with = "increasing")]
    pub(super) firsts: Vec<u32>,
    /// Where each block ends in the catalogue part (it starts where the one before ends).
    /// The block of the order of titles follows the last, to the end of the part.
    #[serde(with = "increasing")]
    pub(super) ends: Vec<u32>,
}

/// One block as written: each document's title and URL, in corpus order.
type Block = Vec<(String, Option<String>)>;

/// The catalogue of a chunked index: its table, its part, and the blocks decoded so far
/// (`None` for one that could not be).
#[derive(Debug, Clone)]
pub(super) struct Catalogue {
    table: CatalogueTable,
    pub(super) part: Chunks,
    blocks: Vec<OnceLock<Option<Block>>>,
    /// Every document in the order of their titles, once its block has been read.
    order: OnceLock<Option<Vec<DocId>>>,
}

impl PartialEq for Catalogue {
    fn eq(&self, other: &Catalogue) -> bool {
        self.table == other.table && self.part == other.part
    }
}

impl Catalogue {
    /// The catalogue of this table and part; `None` when the table does not hold together
    /// for `documents` documents and a part of `part_length` bytes.
    pub(super) fn new(table: CatalogueTable, part: Chunks, documents: usize) -> Option<Self> {
        let blocks_ok = table.firsts.len() == table.ends.len()
            && table.firsts.first().is_none_or(|&f| f == 0)
            && (table.firsts.is_empty() == (documents == 0))
            && table.firsts.windows(2).all(|w| w[0] < w[1])
            && table
                .firsts
                .last()
                .is_none_or(|&f| (f as usize) < documents)
            && table.ends.windows(2).all(|w| w[0] <= w[1])
            && (table.ends.last().copied().unwrap_or(0) as usize) < part.len();
        blocks_ok.then(|| Catalogue {
            blocks: table.firsts.iter().map(|_| OnceLock::new()).collect(),
            order: OnceLock::new(),
            table,
            part,
        })
    }

    /// Whether the block of the order of the titles is wanted.
    pub(super) fn waits_for_order(&self) -> bool {
        self.part
            .wants(self.table.ends.last().copied().unwrap_or(0))
    }

    /// Every document of `documents`, in the order of their titles: `Ok(None)` while its
    /// block has not arrived (it is then wanted), an error when the block is damaged.
    fn order(&self, documents: usize) -> Result<Option<&[DocId]>, Error> {
        let order = match self.order.get() {
            Some(order) => order,
            None => {
                let start = self.table.ends.last().copied().unwrap_or(0);
                let deflated = match self.part.get(start, self.part.len() as u32) {
                    Ok(bytes) => bytes,
                    Err(Unreadable::Wanted) => return Ok(None),
                    Err(Unreadable::Damaged) => return Err(damaged_order()),
                };
                self.order.get_or_init(|| decode_order(deflated, documents))
            }
        };
        order.as_deref().map(Some).ok_or_else(damaged_order)
    }

    /// The title and URL of document `doc` of `documents`: `Ok(None)` when its block has not
    /// arrived (it is then wanted), an error when the block is damaged.
    fn entry(&self, doc: DocId, documents: usize) -> Result<Option<(&str, Option<&str>)>, Error> {
        let damaged =
            || Error::InvalidIndex("the index is damaged: a block of titles cannot be read".into());
        let b = self.table.firsts.partition_point(|&f| f <= doc) - 1;
        let slot = &self.blocks[b];
        let block = match slot.get() {
            Some(block) => block,
            None => {
                let start = if b == 0 { 0 } else { self.table.ends[b - 1] };
                let deflated = match self.part.get(start, self.table.ends[b]) {
                    Ok(bytes) => bytes,
                    Err(Unreadable::Wanted) => return Ok(None),
                    Err(Unreadable::Damaged) => return Err(damaged()),
                };
                let count = self
                    .table
                    .firsts
                    .get(b + 1)
                    .map_or(documents, |&next| next as usize)
                    - self.table.firsts[b] as usize;
                slot.get_or_init(|| decode_block(deflated, count))
            }
        };
        let block = block.as_ref().ok_or_else(damaged)?;
        let (title, url) = &block[(doc - self.table.firsts[b]) as usize];
        Ok(Some((title, url.as_deref())))
    }
}

/// A block's entries, if they inflate and decode to `count` of them.
fn decode_block(deflated: &[u8], count: usize) -> Option<Block> {
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BLOCK_BYTES).ok()?;
    let block: Block = postcard::from_bytes(&bytes).ok()?;
    (block.len() == count).then_some(block)
}

fn damaged_order() -> Error {
    Error::InvalidIndex("the index is damaged: the order of the titles cannot be read".into())
}

/// An order of `documents` documents, if it inflates and decodes to each of them once.
fn decode_order(deflated: &[u8], documents: usize) -> Option<Vec<DocId>> {
    // A number takes at most five bytes.
    let limit = documents.saturating_mul(5).saturating_add(16);
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, limit).ok()?;
    let order: Vec<DocId> = postcard::from_bytes(&bytes).ok()?;
    let mut seen = vec![false; documents];
    let each_once = order.len() == documents
        && order.iter().all(|&d| {
            let fresh = seen.get(d as usize).is_some_and(|s| !s);
            if fresh {
                seen[d as usize] = true;
            }
            fresh
        });
    each_once.then_some(order)
}

/// The catalogue of `documents`, `by_title` being their order by title: its table and part,
/// the blocks of titles then that of the order.
pub(super) fn cut(documents: &Documents, by_title: &[DocId]) -> (CatalogueTable, Vec<u8>) {
    let mut table = CatalogueTable::default();
    let mut part = Vec::new();
    let mut block: Vec<(&str, Option<&str>)> = Vec::new();
    let mut bytes = 0;
    let mut close = |block: &mut Vec<(&str, Option<&str>)>, first: usize| {
        let written = postcard::to_allocvec(block).expect("titles always serialize");
        part.extend(deflate(&written));
        table.firsts.push(first as u32);
        table.ends.push(part.len() as u32);
        block.clear();
    };
    let mut first = 0;
    for (doc, meta) in (0..documents.len() as DocId)
        .map(|d| documents.meta(d))
        .enumerate()
    {
        if block.is_empty() {
            first = doc;
        }
        block.push((meta.title, meta.url));
        bytes += entry_bytes(meta);
        if bytes >= CATALOGUE_BLOCK_BYTES {
            close(&mut block, first);
            bytes = 0;
        }
    }
    if !block.is_empty() {
        close(&mut block, first);
    }
    part.extend(deflate(
        &postcard::to_allocvec(by_title).expect("an order always serializes"),
    ));
    (table, part)
}

impl Index {
    /// What document `doc` is: its entry, with its title and URL read in a chunked index from
    /// its block of texts once inflated, else from the catalogue; while its block of titles
    /// has not arrived, they are empty and the block is wanted (the call's answer is
    /// incomplete). Only a damaged index makes this fail.
    pub fn meta(&self, doc: DocId) -> Result<DocumentMeta, Error> {
        let mut meta = self.documents.meta(doc);
        if let Some(catalogue) = &self.catalogue {
            if let Some((title, url)) = self.title_and_url(catalogue, doc)? {
                (meta.title, meta.url) = (title, url);
            }
        }
        Ok(meta.to_meta())
    }

    /// The title of a document a call found, as [`Index::meta`] reads it: empty while its
    /// block is awaited, and while shards of the dictionary or postings are, since the
    /// documents found may then not be the right ones (their blocks are wanted once they
    /// have come, as their texts are).
    pub fn found_title(&self, doc: DocId) -> Result<Cow<'_, str>, Error> {
        let Some(catalogue) = &self.catalogue else {
            return Ok(Cow::Borrowed(self.documents.meta(doc).title));
        };
        if self.waits_for_terms() {
            return Ok(Cow::Borrowed(""));
        }
        let entry = self.title_and_url(catalogue, doc)?;
        Ok(Cow::Borrowed(entry.map_or("", |(title, _)| title)))
    }

    /// The title and URL of document `doc` of a chunked index: from its block of texts once
    /// inflated, else from its block of titles (`None` while that has not arrived; it is then
    /// wanted).
    fn title_and_url<'a>(
        &'a self,
        catalogue: &'a Catalogue,
        doc: DocId,
    ) -> Result<Option<(&'a str, Option<&'a str>)>, Error> {
        match self.block_entry(doc) {
            Some(entry) => Ok(Some(entry)),
            None => catalogue.entry(doc, self.documents.len()),
        }
    }

    /// Every document, in the order of their titles, case folded as `str::to_lowercase`
    /// folds them, ties in corpus order: what a list sorted by title follows. A chunked index
    /// whose titles are in blocks reads it from a block of its own: `Ok(None)` while that
    /// has not arrived (it is then wanted), an error if it is damaged. An index that holds
    /// its titles sorts them on first use.
    pub fn title_order(&self) -> Result<Option<&[DocId]>, Error> {
        if let Some(catalogue) = &self.catalogue {
            return catalogue.order(self.documents.len());
        }
        Ok(Some(self.by_title.0.get_or_init(|| {
            let mut docs: Vec<DocId> = (0..self.documents.len() as DocId).collect();
            docs.sort_by_cached_key(|&d| (self.documents.meta(d).title.to_lowercase(), d));
            docs
        })))
    }

    /// The catalogue's part, if the index is chunked.
    pub(super) fn catalogue_part(&self) -> Option<&Chunks> {
        self.catalogue.as_ref().map(|c| &c.part)
    }
}
