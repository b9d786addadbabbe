//! The index as bytes: the header, the core as it is written, and the checks on reading.
//!
//! The core is [`Core`], an on-disk struct apart from the in-memory [`Index`]: its fields, in
//! their order, are the bytes postcard writes, so a change to the format is a change to this
//! struct. `docs/format.md` writes the layout down and `tests/format.rs` pins it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::catalogue::{self, Catalogue, CatalogueTable};
use super::chunks::{self, ChunkEntry, Chunks, Part};
use super::dictionary::{Dictionary, TermTable};
use super::inline;
use super::postings::{PositionBlock, PostingBlock};
use super::shards::{self, ShardTable, Shards};
use super::store::{self, Cache, TextBlock};
use super::{DocId, Documents, Index, StemTable, Strings, TermId};
use crate::error::Error;

/// The first bytes of a serialized index.
pub const MAGIC: &[u8; 4] = b"CVIX";
/// The first bytes of the manifest of a chunked index.
pub const MANIFEST_MAGIC: &[u8; 4] = b"CVMF";
/// The version of the serialized form; bumped whenever it changes. Version 12 wrote the
/// documents one after another rather than column after column, 13 where each text lies
/// beside the documents rather than at the end of its block, 14 every term's positions in its
/// postings, 15 every text whole in one block, 16 the postings of a term whose positions are
/// apart one document after another rather than in columns.
pub const FORMAT_VERSION: u16 = 17;
/// The version of the manifest's form (see `docs/format.md`, "The chunked form"); bumped
/// whenever it changes. Version 10 held the single file's core whole, 11 the documents'
/// checkpoints, 12 their titles and URLs, 13 no rotations of the terms, 14 those of terms of four
/// characters or more, 15 blocks of texts without their documents' titles, 16 where each text
/// lies as four numbers a document, 17 no first block of titles, 18 the documents of a term's
/// titles as ids rather than steps, 19 the documents one after another rather than column
/// after column, and the order of the titles in the manifest rather than in a chunk, 20 where
/// each text lies beside the documents rather than at the end of its block, 21 the lengths of
/// the titles as a list of numbers rather than as bytes, 22 every term's positions in its
/// postings, 23 chunks named by 16 bytes of their hash rather than 8, 24 each chunk's end in
/// the table rather than its length, 25 every text whole in one block, 26 the postings of a
/// term whose positions are apart one document after another rather than in columns, 27 no
/// terms in the most documents with their numbers of documents, 28 its shards of the
/// dictionary deflated at level 6 rather than 3, 29 two shards of the dictionary or more in a
/// chunk of 8 KiB or more rather than a chunk each, 30 no postings held inline.
pub const MANIFEST_VERSION: u16 = 31;
/// How many of the most frequent content words a manifest holds for the overview.
const FREQUENT_WORDS: usize = 100;
/// How many of the terms in the most documents a manifest holds with their numbers of
/// documents, so that a search knows what their postings cost before their shards arrive:
/// a word typed last is not searched for its completions when the query's work is spent
/// already, and then the shards its completions lie in are not fetched (`the` at 1 GB of
/// text: 2,412 completions in 7 shards).
const COMMON_TERMS: usize = 512;
/// The largest core or text [`Index::from_bytes`] inflates, as a guard against damage.
pub const MAX_BODY_BYTES: usize = 1 << 31;
/// The header: [`MAGIC`], [`FORMAT_VERSION`], the lengths of the deflated core, postings and
/// positions.
pub(super) const HEADER_BYTES: usize = 18;
/// How hard texts, postings and the core are deflated: the default of zlib, as its best saves
/// little for twice the time.
const DEFLATE_LEVEL: u8 = 6;

/// The core of a serialized index, before it is deflated: every field of [`Index`] but the
/// postings and texts parts and what has been inflated of them, written by postcard in this
/// order. Written, it borrows the index's fields; read, it owns them and becomes the index.
#[derive(Serialize, Deserialize)]
struct Core<'a> {
    title: Cow<'a, Option<String>>,
    documents: Cow<'a, Documents>,
    #[serde(with = "store::written_blocks")]
    text_blocks: Cow<'a, [TextBlock]>,
    terms: Cow<'a, Strings>,
    #[serde(with = "increasing")]
    posting_ends: Cow<'a, [u32]>,
    #[serde(with = "increasing")]
    position_ends: Cow<'a, [u32]>,
    posting_blocks: Cow<'a, [PostingBlock]>,
    position_blocks: Cow<'a, [PositionBlock]>,
    document_frequencies: Cow<'a, [u32]>,
    occurrences: Cow<'a, [u32]>,
    stem_tables: Cow<'a, [StemTable]>,
    title_terms: Cow<'a, [Vec<TermId>]>,
    average_words: f32,
}

/// No dictionary: what the core of an index opened from a manifest holds, which is never
/// written again.
static NO_TERMS: TermTable = TermTable {
    terms: Strings::new(),
    posting_ends: Vec::new(),
    position_ends: Vec::new(),
    document_frequencies: Vec::new(),
    occurrences: Vec::new(),
};

impl<'a> Core<'a> {
    /// The core of `index`, borrowed.
    fn of(index: &'a Index) -> Core<'a> {
        let (table, stems) = index.whole_dictionary();
        Core {
            title: Cow::Borrowed(&index.title),
            documents: Cow::Borrowed(&index.documents),
            text_blocks: Cow::Borrowed(&index.text_blocks),
            terms: Cow::Borrowed(&table.terms),
            posting_ends: Cow::Borrowed(&table.posting_ends),
            position_ends: Cow::Borrowed(&table.position_ends),
            posting_blocks: Cow::Borrowed(&index.posting_blocks),
            position_blocks: Cow::Borrowed(&index.position_blocks),
            document_frequencies: Cow::Borrowed(&table.document_frequencies),
            occurrences: Cow::Borrowed(&table.occurrences),
            stem_tables: Cow::Borrowed(stems),
            title_terms: Cow::Borrowed(&index.title_terms),
            average_words: index.average_words,
        }
    }

    /// The index of this core and its postings, positions and texts parts, nothing inflated
    /// yet.
    fn into_index(self, [postings, positions, texts]: [Part; 3]) -> Index {
        let dictionary = Dictionary::Whole {
            table: TermTable {
                terms: self.terms.into_owned(),
                posting_ends: self.posting_ends.into_owned(),
                position_ends: self.position_ends.into_owned(),
                document_frequencies: self.document_frequencies.into_owned(),
                occurrences: self.occurrences.into_owned(),
            },
            stems: self.stem_tables.into_owned(),
        };
        Index::assemble(
            self.title.into_owned(),
            self.documents.into_owned(),
            dictionary,
            (self.posting_blocks.into_owned(), postings),
            (self.position_blocks.into_owned(), positions),
            self.title_terms.into_owned(),
            self.average_words,
            (self.text_blocks.into_owned(), texts),
            None,
        )
    }
}

/// The core of a chunked index's manifest: the core of the single file but for the dictionary
/// and the terms of each title, which are in the shards of the dictionary, chunks; it holds
/// where each shard begins.
#[derive(Serialize, Deserialize)]
struct ManifestCore<'a> {
    title: Cow<'a, Option<String>>,
    documents: Cow<'a, Documents>,
    #[serde(with = "store::written_blocks")]
    text_blocks: Cow<'a, [TextBlock]>,
    posting_blocks: Cow<'a, [PostingBlock]>,
    position_blocks: Cow<'a, [PositionBlock]>,
    average_words: f32,
    dictionary: ShardTable,
    /// Where the blocks of titles begin; `None` when the documents hold their titles.
    catalogue: Option<CatalogueTable>,
}

impl Index {
    /// The dictionary held whole, as an index is written; none of one opened from a manifest.
    fn whole_dictionary(&self) -> (&TermTable, &[StemTable]) {
        match &self.dictionary {
            Dictionary::Whole { table, stems } => (table, stems),
            Dictionary::Sharded(_) => (&NO_TERMS, &[]),
        }
    }

    /// An index of these fields, nothing inflated yet.
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        title: Option<String>,
        documents: Documents,
        dictionary: Dictionary,
        (posting_blocks, postings): (Vec<PostingBlock>, Part),
        (position_blocks, positions): (Vec<PositionBlock>, Part),
        title_terms: Vec<Vec<TermId>>,
        average_words: f32,
        (text_blocks, texts): (Vec<TextBlock>, Part),
        catalogue: Option<Box<Catalogue>>,
    ) -> Index {
        Index {
            title,
            inflated: Cache::empty(documents.len()),
            inflated_pieces: Cache::empty(2 * text_blocks.len()),
            found_checkpoints: Cache::empty(documents.len()),
            documents,
            dictionary,
            inflated_postings: Cache::empty(posting_blocks.len()),
            posting_blocks,
            inflated_positions: Cache::empty(position_blocks.len()),
            position_blocks,
            positions,
            title_terms,
            title_documents: Default::default(),
            text_terms: Default::default(),
            average_words,
            postings,
            text_blocks,
            texts,
            catalogue,
            by_id: Default::default(),
            by_title: Default::default(),
            title_ranks: Default::default(),
            lengths: Default::default(),
        }
    }
}

impl Index {
    /// The index as bytes: [`MAGIC`], [`FORMAT_VERSION`], the lengths of the deflated core, of
    /// the postings part and of the positions part (little endian), then the four parts.
    pub fn to_bytes(&self) -> Vec<u8> {
        let serialized = self.serialize();
        let mut bytes = Vec::with_capacity(serialized.len() as usize);
        serialized
            .write_to(&mut bytes)
            .expect("writing to memory does not fail");
        bytes
    }

    /// The index ready to be written, as [`Index::to_bytes`] would give it, without copying
    /// its postings and texts: its length is known before a byte is written.
    pub fn serialize(&self) -> Serialized<'_> {
        let core = self.deflated_core();
        let mut head = Vec::with_capacity(HEADER_BYTES + core.len());
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&(core.len() as u32).to_le_bytes());
        head.extend_from_slice(&(self.postings.len() as u32).to_le_bytes());
        head.extend_from_slice(&(self.positions.len() as u32).to_le_bytes());
        head.extend_from_slice(&core);
        Serialized {
            head,
            postings: whole(&self.postings),
            positions: whole(&self.positions),
            texts: whole(&self.texts),
        }
    }

    /// The bytes of its postings, positions and texts, deflated: a serialized index is these,
    /// its header and its core.
    pub fn stored_bytes(&self) -> u64 {
        (self.postings.len() + self.positions.len() + self.texts.len()) as u64
    }

    /// The index as a manifest and chunks (see `docs/format.md`): the manifest holds the core
    /// and the table of chunks; each chunk, named by the hash of its bytes, a run of whole
    /// blocks of the postings or of the texts.
    pub fn to_chunks(&self) -> ChunkedIndex {
        self.cut_into_chunks(
            chunks::CHUNK_BYTES,
            shards::SHARD_BYTES,
            catalogue::CATALOGUE_FROM_BYTES,
        )
    }

    /// [`Index::to_chunks`], its titles and URLs in blocks of their own once they take
    /// `bytes` or more in all (rather than 4 MiB): the command's way to make, for its tests, a
    /// small viewer whose titles arrive as chunks.
    pub fn to_chunks_with_titles_apart_from(&self, bytes: usize) -> ChunkedIndex {
        self.cut_into_chunks(chunks::CHUNK_BYTES, shards::SHARD_BYTES, bytes)
    }

    /// The index as a manifest and chunks of `chunk_bytes` or more each (but the last of a
    /// part), its dictionary in shards of as many bytes or more (at most as many as
    /// [`Index::to_chunks`] makes) and its titles in blocks of their own whatever they weigh:
    /// [`Index::to_chunks`] with other sizes, for tests.
    pub fn to_chunks_of(&self, chunk_bytes: usize) -> ChunkedIndex {
        self.cut_into_chunks(chunk_bytes, chunk_bytes.min(shards::SHARD_BYTES), 0)
    }

    /// The index as a manifest and chunks of `chunk_bytes`, its dictionary in shards of
    /// `shard_bytes` (a chunk each), its titles and URLs in blocks of titles once they take
    /// `catalogue_from` bytes or more.
    fn cut_into_chunks(
        &self,
        chunk_bytes: usize,
        shard_bytes: usize,
        catalogue_from: usize,
    ) -> ChunkedIndex {
        let (postings, texts) = (whole(&self.postings), whole(&self.texts));
        let posting_ends = self.posting_blocks.iter().map(|b| b.deflated_end);
        let posting_chunks = chunks::cut(postings, posting_ends, chunk_bytes);
        let positions = whole(&self.positions);
        let position_ends = self.position_blocks.iter().map(|b| b.deflated_end);
        let position_chunks = chunks::cut(positions, position_ends, chunk_bytes);
        let text_ends = self.text_blocks.iter().map(|b| b.deflated_end);
        let text_chunks = chunks::cut(texts, text_ends, chunk_bytes);
        let (terms, stems) = self.whole_dictionary();
        let title_documents = |term: TermId| self.title_documents(term);
        let documents = self.documents.len() as DocId;
        let titles = shards::Titles {
            lengths: (0..documents).map(|d| self.title_length(d)).collect(),
            average_length: self.average_title_length(),
            documents: &title_documents,
        };
        let short = self.short_postings(inline::INLINE_POSTINGS_AT_MOST);
        let (shard_table, dictionary, shard_ends) = shards::cut(
            terms,
            stems,
            titles,
            &short,
            shard_bytes,
            shards::Overview {
                text_terms: self.text_terms().len() as u32,
                frequent: self.frequent_words(FREQUENT_WORDS),
                common: self.commonest_terms(COMMON_TERMS),
            },
        );
        // A chunk a shard, whatever it weighs: a shard of terms deflates to 6 to 9 KiB, so
        // chunks of 8 KiB or more made a word's lookup read the shard beside its own too.
        let dictionary_chunks = chunks::cut(&dictionary, shard_ends, 1);
        let title_bytes: usize = (0..self.documents.len() as DocId)
            .map(|d| catalogue::entry_bytes(self.documents.meta(d)))
            .sum();
        let (catalogue_table, catalogue) = if title_bytes >= catalogue_from {
            let order = self.title_order().ok().flatten().unwrap_or_default();
            let (table, part) = catalogue::cut(&self.documents, order);
            (Some(table), part)
        } else {
            (None, Vec::new())
        };
        // A chunk a block of titles: the hits of a search are scattered.
        let catalogue_ends = catalogue_table.iter().flat_map(|t| t.ends.iter().copied());
        let catalogue_chunks = chunks::cut(&catalogue, catalogue_ends, 1);
        let in_catalogue = catalogue_table.is_some();
        let table = ChunkTable {
            postings: Cow::Borrowed(&posting_chunks),
            positions: Cow::Borrowed(&position_chunks),
            texts: Cow::Borrowed(&text_chunks),
            dictionary: Cow::Borrowed(&dictionary_chunks),
            catalogue: Cow::Borrowed(&catalogue_chunks),
            first_titles: Cow::Borrowed(
                catalogue_chunks
                    .first()
                    .map_or(&[][..], |first| &catalogue[..first.end as usize]),
            ),
        };
        // Without their titles and URLs, which are in the catalogue, nor their checkpoints,
        // which a chunked index finds in a text the first time it needs them.
        let documents = self.documents.for_manifest(!in_catalogue);
        let core = ManifestCore {
            title: Cow::Borrowed(&self.title),
            documents: Cow::Owned(documents),
            text_blocks: Cow::Borrowed(&self.text_blocks),
            posting_blocks: Cow::Borrowed(&self.posting_blocks),
            position_blocks: Cow::Borrowed(&self.position_blocks),
            average_words: self.average_words,
            dictionary: shard_table,
            catalogue: catalogue_table,
        };
        let core =
            deflate_in_pieces(&postcard::to_allocvec(&core).expect("a manifest always serializes"));
        let mut manifest = Vec::with_capacity(MANIFEST_HEADER_BYTES + core.len());
        manifest.extend_from_slice(MANIFEST_MAGIC);
        manifest.extend_from_slice(&MANIFEST_VERSION.to_le_bytes());
        manifest.extend_from_slice(&(core.len() as u32).to_le_bytes());
        manifest.extend_from_slice(&core);
        manifest.extend(postcard::to_allocvec(&table).expect("a table always serializes"));
        // Each chunk once, however many places, in one part or several, its bytes fill.
        let mut chunks = Vec::new();
        let mut named = std::collections::HashSet::new();
        for (part, entries) in [
            (postings, &posting_chunks),
            (positions, &position_chunks),
            (texts, &text_chunks),
            (&dictionary[..], &dictionary_chunks),
            (&catalogue[..], &catalogue_chunks),
        ] {
            let mut start = 0;
            for entry in entries.iter() {
                let bytes = &part[start as usize..entry.end as usize];
                if named.insert(entry.hash) {
                    chunks.push((chunks::hex(&entry.hash), bytes.to_vec()));
                }
                start = entry.end;
            }
        }
        ChunkedIndex { manifest, chunks }
    }

    /// Opens a chunked index from its manifest, written by [`Index::to_chunks`]: no chunk has
    /// arrived yet (see [`Index::add_chunk`]).
    pub fn from_manifest(bytes: &[u8]) -> Result<Index, Error> {
        Index::from_manifest_and_core(bytes, None)
    }

    /// Opens a chunked index from its manifest as [`Index::from_manifest`] does, with its core
    /// inflated by the caller when `inflated_core` is given (a page inflates it with the
    /// browser's own inflater, quicker than the engine's first run): those bytes are read in
    /// place of the core's. Called through [`Index::open_manifest`].
    pub(super) fn from_manifest_and_core(
        bytes: &[u8],
        inflated_core: Option<Vec<u8>>,
    ) -> Result<Index, Error> {
        if bytes.len() < 6 || &bytes[..4] != MANIFEST_MAGIC {
            return Err(Error::InvalidIndex(
                "these bytes are not the manifest of a corpus (wrong magic number)".into(),
            ));
        }
        check_version(bytes, MANIFEST_VERSION)?;
        let short = || {
            Error::InvalidIndex(
                "the manifest is damaged: it is shorter than its header says".into(),
            )
        };
        let length = bytes
            .get(6..10)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(short)?;
        let (core, table) = bytes
            .get(MANIFEST_HEADER_BYTES..)
            .and_then(|rest| rest.split_at_checked(length))
            .ok_or_else(short)?;
        let damaged =
            |what: String| Error::InvalidIndex(format!("the manifest is damaged: {what}"));
        // Each chunk ends after the one before (see `chunks::entries_as_lengths`).
        let table: ChunkTable = postcard::from_bytes(table).map_err(|e| damaged(e.to_string()))?;
        let inflated = match inflated_core {
            Some(inflated) => inflated,
            None => inflate_core(core)?,
        };
        let core: ManifestCore =
            postcard::from_bytes(&inflated).map_err(|e| damaged(e.to_string()))?;
        let dictionary_part = Chunks::new(table.dictionary.into_owned());
        let shards = Shards::new(core.dictionary, dictionary_part)
            .ok_or_else(|| damaged("its dictionary's shards do not hold together".into()))?;
        let documents = core.documents.into_owned();
        let catalogue_part = Chunks::new(table.catalogue.into_owned());
        if !table.first_titles.is_empty() {
            catalogue_part
                .add_first(&table.first_titles)
                .map_err(|what| damaged(format!("its first block of titles {what}")))?;
        }
        let catalogue = match core.catalogue {
            Some(titles) => Some(Box::new(
                Catalogue::new(titles, catalogue_part, documents.len())
                    .ok_or_else(|| damaged("its table of titles does not hold together".into()))?,
            )),
            None if catalogue_part.len() == 0 => None,
            None => {
                return Err(damaged(
                    "it has blocks of titles but no table of them".into(),
                ))
            }
        };
        let index = Index::assemble(
            core.title.into_owned(),
            documents,
            Dictionary::Sharded(Box::new(shards)),
            (
                core.posting_blocks.into_owned(),
                Part::Chunked(Chunks::new(table.postings.into_owned())),
            ),
            (
                core.position_blocks.into_owned(),
                Part::Chunked(Chunks::new(table.positions.into_owned())),
            ),
            Vec::new(),
            core.average_words,
            (
                core.text_blocks.into_owned(),
                Part::Chunked(Chunks::new(table.texts.into_owned())),
            ),
            catalogue,
        );
        index.check()?;
        Ok(index)
    }

    /// The core, written and deflated.
    fn deflated_core(&self) -> Vec<u8> {
        deflate_in_pieces(
            &postcard::to_allocvec(&Core::of(self)).expect("an index always serializes"),
        )
    }

    /// Reads an index written by [`Index::to_bytes`] of this format version, copying its
    /// postings, positions and texts.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, Error> {
        let parts = parts(bytes)?;
        let copied = [parts.postings, parts.positions, parts.texts]
            .map(|part| Part::Whole(Cow::Owned(part.to_vec())));
        Index::from_parts(&inflate_core(parts.core)?, copied)
    }

    /// Reads an index written by [`Index::to_bytes`], taking over its bytes: the texts stay
    /// where they are in the buffer (moved to its start) and only the postings and positions
    /// are copied, so opening costs little more memory than the bytes themselves.
    pub fn from_vec(mut bytes: Vec<u8>) -> Result<Index, Error> {
        let (core, postings, positions, texts_start) = {
            let parts = parts(&bytes)?;
            let texts_start = bytes.len() - parts.texts.len();
            (
                inflate_core(parts.core)?,
                parts.postings.to_vec(),
                parts.positions.to_vec(),
                texts_start,
            )
        };
        bytes.drain(..texts_start);
        Index::from_parts(
            &core,
            [postings, positions, bytes].map(|part| Part::Whole(Cow::Owned(part))),
        )
    }

    /// Reads an index from its postings, positions and texts [`parts`], the core already
    /// inflated.
    fn from_parts(core: &[u8], parts: [Part; 3]) -> Result<Index, Error> {
        let core: Core = postcard::from_bytes(core)
            .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))?;
        let index = core.into_index(parts);
        index.check()?;
        Ok(index)
    }

    /// Checks the invariants every lookup relies on, so that damaged bytes fail here and not
    /// as a panic later.
    pub(super) fn check(&self) -> Result<(), Error> {
        let damaged =
            |what: &str| Err(Error::InvalidIndex(format!("the index is damaged: {what}")));
        let doc_count = self.documents.len() as u32;
        let term_count = self.term_count() as u32;
        if let Dictionary::Whole { table, stems } = &self.dictionary {
            let count = table.terms.len();
            if table.posting_ends.len() != count
                || table.position_ends.len() != count
                || table.document_frequencies.len() != count
                || table.occurrences.len() != count
            {
                return damaged("postings and terms differ in number");
            }
            if !table.posting_ends.windows(2).all(|w| w[0] <= w[1])
                || !table.position_ends.windows(2).all(|w| w[0] <= w[1])
            {
                return damaged("posting offsets are out of order or out of range");
            }
            if !table.terms.is_valid() {
                return damaged("the term dictionary is not sorted or out of range");
            }
            if !stems.iter().all(|t| t.is_valid(term_count)) {
                return damaged("a table of stems is not sorted or points outside the index");
            }
        }
        // Where the terms that begin blocks start; a sharded dictionary's are checked shard by
        // shard as they are decoded.
        let sharded = matches!(self.dictionary, Dictionary::Sharded(_));
        let blocks_ok = self
            .posting_blocks
            .first()
            .is_none_or(|b| b.first_term == 0)
            && (self.posting_blocks.is_empty() == (term_count == 0))
            && self.posting_blocks.windows(2).all(|w| {
                w[0].first_term < w[1].first_term && w[0].deflated_end <= w[1].deflated_end
            })
            && self.posting_blocks.iter().all(|b| {
                b.first_term < term_count
                    && (sharded || self.posting_range(b.first_term).0 == b.start)
            })
            && self
                .posting_blocks
                .last()
                .is_none_or(|b| b.deflated_end as usize == self.postings.len());
        // The blocks of positions: in order, the first at 0, the last at the end of the part,
        // and none unless some positions are kept apart.
        let position_blocks_ok = self.position_blocks.first().is_none_or(|b| b.start == 0)
            && (self.position_blocks.is_empty() == (self.positions_end() == 0))
            && self
                .position_blocks
                .windows(2)
                .all(|w| w[0].start < w[1].start && w[0].deflated_end <= w[1].deflated_end)
            && self
                .position_blocks
                .last()
                .is_none_or(|b| b.start < self.positions_end())
            && self
                .position_blocks
                .last()
                .map_or(0, |b| b.deflated_end as usize)
                == self.positions.len();
        if !blocks_ok || !position_blocks_ok {
            return damaged("posting offsets are out of order or out of range");
        }
        let title_count = match &self.dictionary {
            Dictionary::Whole { .. } => self.title_terms.len(),
            Dictionary::Sharded(shards) => shards.title_count(),
        };
        if title_count != self.documents.len() {
            return damaged("title terms and documents differ in number");
        }
        // Postings are checked as they are decoded (see `decode_postings`).
        let postings_ok = doc_count > 0 || self.postings_end() == 0;
        let ids_ok = self.title_terms.iter().flatten().all(|&t| t < term_count);
        // Headings and code are checked when a text is inflated (see `Index::text`).
        let texts_ok = self.documents.code_is_sorted()
            && store::blocks_fit(&self.text_blocks, self.documents.len(), self.texts.len());
        if !postings_ok || !ids_ok || !texts_ok {
            return damaged("an entry points outside the index");
        }
        Ok(())
    }
}

/// An index as bytes, in the three pieces it is written from (see [`Index::serialize`]).
#[derive(Debug)]
pub struct Serialized<'a> {
    /// The header and the deflated core.
    head: Vec<u8>,
    postings: &'a [u8],
    positions: &'a [u8],
    texts: &'a [u8],
}

impl Serialized<'_> {
    /// How many bytes the index takes.
    pub fn len(&self) -> u64 {
        (self.head.len() + self.postings.len() + self.positions.len() + self.texts.len()) as u64
    }

    /// Never: an index has at least its header.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Writes the index to `out`.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(&self.head)?;
        out.write_all(self.postings)?;
        out.write_all(self.positions)?;
        out.write_all(self.texts)
    }
}

/// The parts of a serialized index: the core, deflated (raw DEFLATE, RFC 1951), the postings,
/// the positions kept apart and the texts, each deflated in blocks.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// The deflated core.
    pub core: &'a [u8],
    /// The postings part.
    pub postings: &'a [u8],
    /// The positions part.
    pub positions: &'a [u8],
    /// The texts part.
    pub texts: &'a [u8],
}

/// The [`Parts`] of a serialized index, after checking its header.
pub fn parts(bytes: &[u8]) -> Result<Parts<'_>, Error> {
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return Err(Error::InvalidIndex(
            "these bytes are not a corpus index (wrong magic number)".into(),
        ));
    }
    check_version(bytes, FORMAT_VERSION)?;
    let length = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let split = (|| {
        let rest = bytes.get(HEADER_BYTES..)?;
        let (core, rest) = rest.split_at_checked(length(6)?)?;
        let (postings, rest) = rest.split_at_checked(length(10)?)?;
        let (positions, texts) = rest.split_at_checked(length(14)?)?;
        Some(Parts {
            core,
            postings,
            positions,
            texts,
        })
    })();
    split.ok_or_else(|| {
        Error::InvalidIndex("the index is damaged: it is shorter than its header says".into())
    })
}

/// Refuses an index or manifest of another version of its format than `expected`.
fn check_version(bytes: &[u8], expected: u16) -> Result<(), Error> {
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != expected {
        return Err(Error::InvalidIndex(format!(
            "index format version {version} is not supported; this viewer reads version {expected}; rebuild the corpus"
        )));
    }
    Ok(())
}

/// The bytes of a part held whole; none of one in chunks (an index opened from a manifest is
/// read, never written again).
fn whole(part: &Part) -> &[u8] {
    match part {
        Part::Whole(bytes) => bytes,
        Part::Chunked(_) => &[],
    }
}

/// The manifest's header: [`MANIFEST_MAGIC`], [`MANIFEST_VERSION`], the length of the core.
const MANIFEST_HEADER_BYTES: usize = 10;

/// The table of chunks that ends a manifest.
#[derive(Serialize, Deserialize)]
struct ChunkTable<'a> {
    #[serde(with = "chunks::entries_as_lengths")]
    postings: Cow<'a, [ChunkEntry]>,
    #[serde(with = "chunks::entries_as_lengths")]
    positions: Cow<'a, [ChunkEntry]>,
    #[serde(with = "chunks::entries_as_lengths")]
    texts: Cow<'a, [ChunkEntry]>,
    #[serde(with = "chunks::entries_as_lengths")]
    dictionary: Cow<'a, [ChunkEntry]>,
    #[serde(with = "chunks::entries_as_lengths")]
    catalogue: Cow<'a, [ChunkEntry]>,
    /// The bytes of the catalogue's first chunk, the titles of the documents a viewer lists
    /// first, so that it shows them without waiting for a chunk; empty without a catalogue.
    #[serde(borrow)]
    first_titles: Cow<'a, [u8]>,
}

/// A chunked index: the manifest, and the chunks as (name, bytes).
#[derive(Debug)]
pub struct ChunkedIndex {
    /// The manifest: opened by [`Index::from_manifest`].
    pub manifest: Vec<u8>,
    /// Each chunk's name (16 hex digits of the hash of its bytes) and bytes, once however many
    /// places its bytes fill, in one part or several.
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// Raw DEFLATE of `bytes` at [`DEFLATE_LEVEL`], with zlib-rs, which gives the same bytes
/// natively and in Wasm.
#[cfg(feature = "indexer")]
pub(super) fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_at(bytes, DEFLATE_LEVEL)
}

/// Raw DEFLATE of `bytes` at `level` (0 to 9), with zlib-rs, which gives the same bytes
/// natively and in Wasm.
#[cfg(feature = "indexer")]
pub(super) fn deflate_at(bytes: &[u8], level: u8) -> Vec<u8> {
    use std::io::Write as _;
    let level = flate2::Compression::new(u32::from(level));
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), level);
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("deflating into memory does not fail")
}

/// Past this many bytes, [`deflate_in_pieces`] deflates a part in pieces of this size.
#[cfg(feature = "indexer")]
const DEFLATE_PIECE_BYTES: usize = 1 << 20;

/// Raw DEFLATE of `bytes` at [`DEFLATE_LEVEL`], as one stream that any inflater reads, made
/// of pieces of [`DEFLATE_PIECE_BYTES`] deflated on every core: the core of a single page and
/// the manifest of a chunked one are megabytes, deflated last in a build, on one core. Each
/// piece but the last ends on a byte boundary (a sync flush), so that they join; back
/// references do not cross pieces, which costs a few hundred bytes a MiB. The size of the
/// pieces, not the number of cores, decides the bytes: the same on any machine and in Wasm.
/// Bytes that fit one piece deflate as [`deflate`] does.
#[cfg(feature = "indexer")]
pub(super) fn deflate_in_pieces(bytes: &[u8]) -> Vec<u8> {
    use crate::parallel::{cores, in_parallel};
    if bytes.len() <= DEFLATE_PIECE_BYTES {
        return deflate(bytes);
    }
    let pieces: Vec<&[u8]> = bytes.chunks(DEFLATE_PIECE_BYTES).collect();
    let last = pieces.len() - 1;
    let numbered: Vec<(usize, &[u8])> = pieces.into_iter().enumerate().collect();
    in_parallel(&numbered, cores(), |&(i, piece)| {
        deflate_piece(piece, DEFLATE_LEVEL, i == last)
    })
    .concat()
}

/// One piece of [`deflate_in_pieces`]: ended by a sync flush, or by the final block when
/// `last`.
#[cfg(feature = "indexer")]
fn deflate_piece(piece: &[u8], level: u8, last: bool) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut compress = Compress::new(Compression::new(u32::from(level)), false);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    let mut out = Vec::with_capacity(piece.len() / 2 + 1024);
    loop {
        let read = compress.total_in() as usize;
        let status = compress
            .compress_vec(&piece[read..], &mut out, flush)
            .expect("deflating into memory does not fail");
        // A flush is done once it leaves room in the output; the last piece, at its end.
        let flushed = match status {
            Status::StreamEnd => true,
            Status::Ok | Status::BufError => !last && out.len() < out.capacity(),
        };
        if flushed && compress.total_in() as usize == piece.len() {
            return out;
        }
        out.reserve(out.capacity().max(1024));
    }
}

/// [`deflate`]: an engine built without the indexer deflates on one core.
#[cfg(not(feature = "indexer"))]
pub(super) fn deflate_in_pieces(bytes: &[u8]) -> Vec<u8> {
    deflate(bytes)
}

/// Raw DEFLATE of `bytes` at [`DEFLATE_LEVEL`], for an engine built without the indexer (a
/// page does not build indexes, but may).
#[cfg(not(feature = "indexer"))]
pub(super) fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_at(bytes, DEFLATE_LEVEL)
}

/// Raw DEFLATE of `bytes` at `level` (0 to 9), for an engine built without the indexer.
#[cfg(not(feature = "indexer"))]
pub(super) fn deflate_at(bytes: &[u8], level: u8) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, level)
}

fn inflate_core(deflated: &[u8]) -> Result<Vec<u8>, Error> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_BODY_BYTES)
        .map_err(|e| Error::InvalidIndex(format!("the index is damaged: {e}")))
}

/// Serializes a list of offsets that never decrease as the differences between neighbours:
/// small numbers, which take one or two bytes each instead of three or four, and deflate
/// better. A list that does decrease is written as if each such step were zero; reading never
/// overflows.
pub(super) mod increasing {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(list: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut previous = 0;
        let steps: Vec<u32> = list
            .iter()
            .map(|&value| {
                let step = value.saturating_sub(previous);
                previous = value.max(previous);
                step
            })
            .collect();
        steps.serialize(serializer)
    }

    /// The list, as a `Vec` or anything made from one (the [`super::Core`] reads `Cow`s).
    pub fn deserialize<'de, D: Deserializer<'de>, L: From<Vec<u32>>>(
        deserializer: D,
    ) -> Result<L, D::Error> {
        let steps = Vec::<u32>::deserialize(deserializer)?;
        let mut value: u32 = 0;
        steps
            .into_iter()
            .map(|step| {
                value = value
                    .checked_add(step)
                    .ok_or_else(|| serde::de::Error::custom("an offset overflows"))?;
                Ok(value)
            })
            .collect::<Result<Vec<u32>, D::Error>>()
            .map(L::from)
    }
}

/// A long list of numbers written as bytes, each number a variable-length integer, and read
/// back by a plain loop: postcard's own list reads one element at a time through serde, and
/// grows the list as it goes past a million bytes of it, which took a browser 50 ms for the
/// 458,902 numbers of one number a document.
pub(super) mod varints {
    use serde::de::{Deserializer, Error, Visitor};
    use serde::Serializer;

    use crate::index::postings::{read_varint, write_varint};

    pub fn serialize<S: Serializer>(list: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(list.len());
        for &value in list {
            write_varint(&mut bytes, value);
        }
        serializer.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        struct Numbers;
        impl Visitor<'_> for Numbers {
            type Value = Vec<u32>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("numbers, written as bytes")
            }
            fn visit_bytes<E: Error>(self, mut bytes: &[u8]) -> Result<Vec<u32>, E> {
                // A number ends at each byte without its high bit.
                let count = bytes.iter().filter(|&&b| b < 0x80).count();
                let mut list = Vec::with_capacity(count);
                while !bytes.is_empty() {
                    let number = read_varint(&mut bytes);
                    list.push(number.ok_or_else(|| E::custom("a number is cut short"))?);
                }
                Ok(list)
            }
        }
        deserializer.deserialize_bytes(Numbers)
    }
}

/// Lists of increasing numbers (documents, each list sorted), each written as [`increasing`]
/// writes one: the documents of a word common in titles are small steps, where their ids
/// were numbers of up to three bytes each that deflate poorly.
pub(super) mod increasing_lists {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// One list, written.
    #[derive(Serialize)]
    struct Steps<'a>(#[serde(with = "super::increasing")] &'a [u32]);

    /// One list, read.
    #[derive(Deserialize)]
    struct Values(#[serde(with = "super::increasing")] Vec<u32>);

    pub fn serialize<S: Serializer>(lists: &[Vec<u32>], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(lists.iter().map(|list| Steps(list)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Vec<u32>>, D::Error> {
        let lists = Vec::<Values>::deserialize(deserializer)?;
        Ok(lists.into_iter().map(|list| list.0).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list written as [`varints`] writes it.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Numbers(#[serde(with = "varints")] Vec<u32>);

    #[test]
    fn numbers_are_written_as_bytes_of_variable_length_and_a_cut_number_is_refused() {
        let numbers = Numbers(vec![0, 127, 128, 300, u32::MAX, 5]);
        let bytes = postcard::to_allocvec(&numbers).unwrap();
        // The length in bytes, then 1 + 1 + 2 + 2 + 5 + 1 bytes.
        assert_eq!(bytes.len(), 1 + 12);
        assert_eq!(bytes[0], 12);
        assert_eq!(postcard::from_bytes::<Numbers>(&bytes).unwrap(), numbers);
        // 300 is 0xAC 0x02: its first byte alone is a number cut short.
        let cut = [3, 0, 127, 0xAC];
        assert!(
            postcard::from_bytes::<Numbers>(&cut).is_err(),
            "the last number cut"
        );
        let empty = postcard::to_allocvec(&Numbers(Vec::new())).unwrap();
        assert!(postcard::from_bytes::<Numbers>(&empty)
            .unwrap()
            .0
            .is_empty());
    }
    use crate::index::samples::sample;

    #[test]
    fn lists_of_documents_are_written_as_small_steps_and_read_back() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct Lists(#[serde(with = "increasing_lists")] Vec<Vec<u32>>);
        let many: Vec<u32> = (0..50_000).map(|d| 300_000 + 3 * d).collect();
        let lists = Lists(vec![vec![], many.clone(), vec![7, 1 << 30]]);
        let bytes = postcard::to_allocvec(&lists).unwrap();
        // A step of 3 is one byte where an id past 2^14 takes three.
        assert!(bytes.len() < 50_000 + 16, "{}", bytes.len());
        assert!(postcard::to_allocvec(&many).unwrap().len() > 3 * 50_000);
        assert_eq!(postcard::from_bytes::<Lists>(&bytes).unwrap(), lists);
        // Steps that pass the largest id are refused, not wrapped.
        let overflowing = postcard::to_allocvec(&vec![vec![u32::MAX, 1]]).unwrap();
        assert!(postcard::from_bytes::<Lists>(&overflowing).is_err());
    }

    #[test]
    #[cfg(feature = "indexer")]
    fn a_part_deflated_in_pieces_inflates_as_one_stream() {
        // Text-like bytes that repeat across pieces, and a last piece shorter than the rest.
        let bytes: Vec<u8> = (0..(2 * DEFLATE_PIECE_BYTES + 12_345) as u32)
            .map(|i| b"the index of the corpus, "[(i % 25) as usize] ^ (i / 7919 % 3) as u8)
            .collect();
        let pieces = deflate_in_pieces(&bytes);
        assert_eq!(inflate_core(&pieces).unwrap(), bytes);
        // Three pieces, each deflated on its own: their back references stop at the joins.
        assert_ne!(pieces, deflate(&bytes));
        let small = &bytes[..DEFLATE_PIECE_BYTES];
        assert_eq!(deflate_in_pieces(small), deflate(small));
    }

    #[test]
    fn bytes_round_trip_and_damage_is_reported() {
        let index = sample();
        let bytes = index.to_bytes();
        assert_eq!(Index::from_bytes(&bytes).unwrap(), index);

        let cases: &[(&str, Vec<u8>, String)] = &[
            ("empty", vec![], "not a corpus index".into()),
            (
                "wrong magic",
                b"NOPE\x01\x00".to_vec(),
                "not a corpus index".into(),
            ),
            (
                "future version",
                [&MAGIC[..], &(FORMAT_VERSION + 1).to_le_bytes()].concat(),
                format!("version {} is not supported", FORMAT_VERSION + 1),
            ),
            (
                "truncated",
                bytes[..bytes.len() / 2].to_vec(),
                "damaged".into(),
            ),
            (
                "not deflated",
                [&MAGIC[..], &FORMAT_VERSION.to_le_bytes(), b"plain bytes"].concat(),
                "damaged".into(),
            ),
        ];
        for (name, input, expected) in cases {
            let message = Index::from_bytes(input).unwrap_err().to_string();
            assert!(message.contains(expected.as_str()), "{name}: {message}");
        }
    }
}
