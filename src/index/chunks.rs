//! The parts of an index, held whole (the single-file page) or cut into chunks that arrive one
//! by one (the chunked output, for corpora too large for one file).
//!
//! A chunked index opens from its manifest: the core but for the dictionary, where each shard
//! of the dictionary begins (see `shards`), and a table of chunks of the dictionary, postings,
//! positions and texts parts, each named by a hash of its bytes. Reading a shard or a block whose chunk
//! has not arrived records the chunk as wanted; the caller (the page) asks for
//! [`Index::wanted_chunks`] after a call, fetches them, hands each to [`Index::add_chunk`],
//! which checks it against its name, and calls again. A chunk is a run of whole shards or
//! blocks, so each is read from one chunk. Chunks of postings, positions and texts used least
//! recently are let go by [`Index::release_chunks`], which bounds the memory they take
//! whatever the corpus's size; those of the dictionary are kept, as the single file keeps its
//! dictionary.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};

use super::dictionary::Dictionary;
use super::pieces::Window;
use super::store::{self, Cache};
use super::{DocId, Index};
use crate::error::Error;

/// A chunk of postings, positions or texts is closed once its blocks hold this many deflated
/// bytes or more. Every block of texts (32 KiB, 10 to 17 KiB deflated), postings or positions
/// deflates to more, so a chunk is one block: a passage costs one block's bytes, and a page of
/// ten passages 100 to 170 KiB. The dictionary's shards, smaller, are a chunk each.
pub const CHUNK_BYTES: usize = 8 * 1024;

/// How many bytes of a chunk's hash name it: 64 bits, written as 16 hex digits. Enough that
/// no two chunks of a corpus share a name by chance (about one in 10^10 at 30,000 chunks) and
/// that an altered chunk is found; the table of chunks, at 1 GB of text 27,000 of them, is half
/// the manifest with names twice as long.
const NAME_BYTES: usize = 8;

/// One chunk as the manifest lists it: where it ends in its part and the hash of its bytes.
/// The manifest writes its length rather than its end (see [`entries_as_lengths`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ChunkEntry {
    pub(super) end: u32,
    pub(super) hash: [u8; NAME_BYTES],
}

/// A part's chunks as the manifest writes them: each chunk's length and hash, one chunk after
/// another. A length takes two or three bytes where an end, past 256 MiB into a part, takes
/// five: 80 KB less of manifest at 40,000 chunks. Read back, the ends are the lengths summed;
/// an empty chunk, or ends past 4 GiB, are a damaged table.
pub(super) mod entries_as_lengths {
    use std::borrow::Cow;

    use serde::de::Error as _;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{ChunkEntry, NAME_BYTES};

    pub(in crate::index) fn serialize<S: Serializer>(
        entries: &[ChunkEntry],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(entries.len()))?;
        let mut start = 0;
        for entry in entries.iter() {
            seq.serialize_element(&(entry.end - start, entry.hash))?;
            start = entry.end;
        }
        seq.end()
    }

    pub(in crate::index) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Cow<'static, [ChunkEntry]>, D::Error> {
        let lengths = Vec::<(u32, [u8; NAME_BYTES])>::deserialize(deserializer)?;
        let mut end = 0u32;
        lengths
            .into_iter()
            .map(|(length, hash)| {
                end = end
                    .checked_add(length)
                    .filter(|_| length > 0)
                    .ok_or_else(|| D::Error::custom("a chunk is empty or ends past 4 GiB"))?;
                Ok(ChunkEntry { end, hash })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Cow::Owned)
    }
}

/// The postings or texts part of an index.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Part {
    /// Every byte, as in the single file.
    Whole(Cow<'static, [u8]>),
    /// Chunks that arrive when asked for.
    Chunked(Chunks),
}

/// Why a range of a part cannot be read.
pub(super) enum Unreadable {
    /// It lies outside the part, or across chunks: the index is damaged.
    Damaged,
    /// Its chunk has not arrived; it is now wanted.
    Wanted,
}

impl Part {
    /// How many bytes the part holds, chunks not yet arrived included.
    pub(super) fn len(&self) -> usize {
        match self {
            Part::Whole(bytes) => bytes.len(),
            Part::Chunked(chunks) => chunks.len(),
        }
    }

    /// Whether the byte at `at` can be read now: the part is whole, or its chunk has arrived.
    pub(super) fn has(&self, at: u32) -> bool {
        match self {
            Part::Whole(_) => true,
            Part::Chunked(chunks) => chunks.has(at),
        }
    }

    /// Whether the chunk holding byte `at` has been found missing since the wanted ones were
    /// last taken; never for a part held whole.
    pub(super) fn wants(&self, at: u32) -> bool {
        match self {
            Part::Whole(_) => false,
            Part::Chunked(chunks) => chunks.wants(at),
        }
    }

    /// The chunk that holds byte `at`, and its length, when it has not arrived; `None` for a
    /// part held whole, a chunk that has arrived, or a byte past the part.
    pub(super) fn missing(&self, at: u32) -> Option<(usize, u32)> {
        match self {
            Part::Whole(_) => None,
            Part::Chunked(chunks) => chunks.missing(at),
        }
    }

    /// The chunk that holds byte `at`, and its length, whether it has arrived or not; `None`
    /// for a part held whole or a byte past the part.
    pub(super) fn chunk_holding(&self, at: u32) -> Option<(usize, u32)> {
        match self {
            Part::Whole(_) => None,
            Part::Chunked(chunks) => chunks.chunk_holding(at),
        }
    }

    /// The bytes `start..end` of the part. When they lie in a chunk that has not arrived, the
    /// chunk is wanted.
    pub(super) fn get(&self, start: u32, end: u32) -> Result<&[u8], Unreadable> {
        match self {
            Part::Whole(bytes) => bytes
                .get(start as usize..end as usize)
                .ok_or(Unreadable::Damaged),
            Part::Chunked(chunks) => chunks.get(start, end),
        }
    }
}

/// The chunks of a part: the manifest's table, and those that have arrived.
#[derive(Debug)]
pub(super) struct Chunks {
    entries: Vec<ChunkEntry>,
    arrived: Vec<OnceLock<Box<[u8]>>>,
    /// The bytes of the chunks that have arrived, kept as they arrive and go: counted before
    /// every call, where summing tens of thousands of slots would cost more than the call.
    held: AtomicUsize,
    /// The chunks in the order of their hashes, made the first time a chunk arrives: a
    /// chunk finds its places by binary search rather than a pass over the table.
    by_hash: OnceLock<Vec<u32>>,
    /// When each chunk was last read, in calls to [`Index::release_chunks`].
    used: Vec<AtomicU64>,
    clock: AtomicU64,
    wanted: Mutex<BTreeSet<usize>>,
}

impl Chunks {
    pub(super) fn new(entries: Vec<ChunkEntry>) -> Chunks {
        Chunks {
            arrived: entries.iter().map(|_| OnceLock::new()).collect(),
            held: AtomicUsize::new(0),
            by_hash: OnceLock::new(),
            used: entries.iter().map(|_| AtomicU64::new(0)).collect(),
            clock: AtomicU64::new(0),
            wanted: Mutex::new(BTreeSet::new()),
            entries,
        }
    }

    /// The chunks named `name` (the same bytes may make several), in order.
    fn places(&self, name: &str) -> Vec<usize> {
        let Some(hash) = hash_of(name) else {
            return Vec::new();
        };
        let order = self.by_hash.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.entries.len() as u32).collect();
            order.sort_by_key(|&c| self.entries[c as usize].hash);
            order
        });
        let first = order.partition_point(|&c| self.entries[c as usize].hash < hash);
        let mut places: Vec<usize> = order[first..]
            .iter()
            .take_while(|&&c| self.entries[c as usize].hash == hash)
            .map(|&c| c as usize)
            .collect();
        places.sort_unstable();
        places
    }

    /// How many bytes the chunks hold, arrived or not.
    pub(super) fn len(&self) -> usize {
        self.entries.last().map_or(0, |c| c.end as usize)
    }

    /// Whether a chunk has been found missing since the wanted ones were last taken.
    pub(super) fn any_wanted(&self) -> bool {
        !self.wanted.lock().expect("never poisoned").is_empty()
    }

    /// Whether a chunk that starts before byte `end` has been found missing since the wanted
    /// ones were last taken.
    pub(super) fn any_wanted_before(&self, end: u32) -> bool {
        let wanted = self.wanted.lock().expect("never poisoned");
        wanted.first().is_some_and(|&c| self.start(c) < end)
    }

    /// Whether the chunk holding byte `at` has been found missing since the wanted ones were
    /// last taken.
    pub(super) fn wants(&self, at: u32) -> bool {
        let wanted = self.wanted.lock().expect("never poisoned");
        self.chunk_of(at).is_some_and(|c| wanted.contains(&c))
    }

    /// No longer wants the chunk holding byte `at`, if it was.
    pub(super) fn unwant(&self, at: u32) {
        if let Some(c) = self.chunk_of(at) {
            self.wanted.lock().expect("never poisoned").remove(&c);
        }
    }

    /// The chunk that holds byte `at`, and its length, when it has not arrived; `None` for a
    /// chunk that has arrived, or a byte past the part.
    pub(super) fn missing(&self, at: u32) -> Option<(usize, u32)> {
        let (c, bytes) = self.chunk_holding(at)?;
        self.arrived[c].get().is_none().then_some((c, bytes))
    }

    /// The chunk that holds byte `at`, and its length, whether it has arrived or not; `None`
    /// for a byte past the part.
    fn chunk_holding(&self, at: u32) -> Option<(usize, u32)> {
        let c = self.chunk_of(at)?;
        Some((c, self.entries[c].end - self.start(c)))
    }

    fn start(&self, c: usize) -> u32 {
        if c == 0 {
            0
        } else {
            self.entries[c - 1].end
        }
    }

    /// The chunk holding byte `at`.
    fn chunk_of(&self, at: u32) -> Option<usize> {
        let c = self.entries.partition_point(|e| e.end <= at);
        (c < self.entries.len()).then_some(c)
    }

    pub(super) fn get(&self, start: u32, end: u32) -> Result<&[u8], Unreadable> {
        if start == end {
            return Ok(&[]);
        }
        let c = self.chunk_of(start).ok_or(Unreadable::Damaged)?;
        if end > self.entries[c].end {
            return Err(Unreadable::Damaged);
        }
        let Some(bytes) = self.arrived[c].get() else {
            self.wanted.lock().expect("never poisoned").insert(c);
            return Err(Unreadable::Wanted);
        };
        self.used[c].store(self.clock.load(Ordering::Relaxed), Ordering::Relaxed);
        let offset = self.start(c);
        bytes
            .get((start - offset) as usize..(end - offset) as usize)
            .ok_or(Unreadable::Damaged)
    }

    /// Takes the chunk named `name` if it is one of these, in every place it holds (blocks of
    /// the same bytes, as repeated documents make, are one chunk); `Some(Err)` when it is but
    /// its bytes do not match its name.
    fn add(&self, name: &str, bytes: &[u8], hash_checked: bool) -> Option<Result<(), String>> {
        let places = self.places(name);
        let &c = places.first()?;
        let entry = self.entries[c];
        let length = (entry.end - self.start(c)) as usize;
        if bytes.len() != length {
            return Some(Err(format!(
                "{name} is damaged: it holds {} bytes, not {length}",
                bytes.len()
            )));
        }
        if !hash_checked && chunk_hash(bytes) != entry.hash {
            return Some(Err(format!(
                "{name} is damaged: its bytes do not match its name"
            )));
        }
        let bytes: Box<[u8]> = bytes.into();
        let mut wanted = self.wanted.lock().expect("never poisoned");
        for c in places {
            if self.arrived[c].set(bytes.clone()).is_ok() {
                self.held.fetch_add(bytes.len(), Ordering::Relaxed);
            }
            self.used[c].store(self.clock.load(Ordering::Relaxed), Ordering::Relaxed);
            wanted.remove(&c);
        }
        Some(Ok(()))
    }

    /// Takes `bytes` as the first chunk, which a manifest may carry: an error that says what
    /// is wrong when there is no chunk or the bytes do not match it.
    pub(super) fn add_first(&self, bytes: &[u8]) -> Result<(), String> {
        let first = self.entries.first().ok_or("has no chunk to be")?;
        match self.add(&hex(&first.hash), bytes, false) {
            Some(Ok(())) => Ok(()),
            _ => Err("does not match its name".into()),
        }
    }

    /// The names of the chunks wanted since the last time, forgotten.
    fn take_wanted(&self, into: &mut Vec<String>) {
        let wanted = std::mem::take(&mut *self.wanted.lock().expect("never poisoned"));
        into.extend(
            wanted
                .into_iter()
                .filter(|&c| self.arrived[c].get().is_none())
                .map(|c| hex(&self.entries[c].hash)),
        );
    }

    /// The bytes of the chunks that have arrived.
    fn held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }

    /// Lets go of the chunks used least recently until at most `keep` bytes are held, and
    /// starts a new round of use.
    fn release(&mut self, keep: usize) {
        let mut held = self.held();
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&c| self.arrived[c].get().is_some())
            .collect();
        order.sort_by_key(|&c| self.used[c].load(Ordering::Relaxed));
        for c in order {
            if held <= keep {
                break;
            }
            if let Some(bytes) = self.arrived[c].take() {
                held -= bytes.len();
            }
        }
        *self.held.get_mut() = held;
        *self.clock.get_mut() += 1;
    }

    /// Whether the byte at `at` has arrived.
    pub(super) fn has(&self, at: u32) -> bool {
        self.chunk_of(at)
            .is_some_and(|c| self.arrived[c].get().is_some())
    }
}

impl Clone for Chunks {
    fn clone(&self) -> Chunks {
        Chunks {
            entries: self.entries.clone(),
            arrived: self.arrived.clone(),
            held: AtomicUsize::new(self.held()),
            by_hash: self.by_hash.clone(),
            used: self
                .used
                .iter()
                .map(|u| AtomicU64::new(u.load(Ordering::Relaxed)))
                .collect(),
            clock: AtomicU64::new(self.clock.load(Ordering::Relaxed)),
            wanted: Mutex::new(self.wanted.lock().expect("never poisoned").clone()),
        }
    }
}

impl PartialEq for Chunks {
    fn eq(&self, other: &Chunks) -> bool {
        self.entries == other.entries
    }
}

/// The hash a chunk is named by: the first 8 bytes of its SHA-256.
pub(super) fn chunk_hash(bytes: &[u8]) -> [u8; NAME_BYTES] {
    let digest = Sha256::digest(bytes);
    let mut hash = [0; NAME_BYTES];
    hash.copy_from_slice(&digest[..NAME_BYTES]);
    hash
}

/// The hash that `name` writes in lower-case hex digits (as [`hex`] writes it); `None` for a
/// name that is not one.
fn hash_of(name: &str) -> Option<[u8; NAME_BYTES]> {
    let digit = |d: u8| match d {
        b'0'..=b'9' => Some(d - b'0'),
        b'a'..=b'f' => Some(d - b'a' + 10),
        _ => None,
    };
    if name.len() != 2 * NAME_BYTES {
        return None;
    }
    let mut hash = [0; NAME_BYTES];
    for (byte, pair) in hash.iter_mut().zip(name.as_bytes().chunks(2)) {
        *byte = digit(pair[0])? * 16 + digit(pair[1])?;
    }
    Some(hash)
}

/// Whether `name` is `hash` in lower-case hex digits (as [`hex`] writes it).
fn names(hash: &[u8], name: &str) -> bool {
    hash_of(name).is_some_and(|h| h == hash)
}

/// Lower-case hex digits of `bytes`.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Cuts a part into chunks at the given block ends (increasing): a chunk closes at the first
/// block end that makes it `chunk_bytes` or more, and the last at the end of the part.
pub(super) fn cut(
    part: &[u8],
    block_ends: impl IntoIterator<Item = u32>,
    chunk_bytes: usize,
) -> Vec<ChunkEntry> {
    let mut ends = Vec::new();
    let mut start = 0;
    for end in block_ends {
        if end > start && (end - start) as usize >= chunk_bytes {
            ends.push(end);
            start = end;
        }
    }
    if part.len() as u32 > start {
        ends.push(part.len() as u32);
    }
    let mut start = 0;
    ends.into_iter()
        .map(|end| {
            let hash = chunk_hash(&part[start as usize..end as usize]);
            start = end;
            ChunkEntry { end, hash }
        })
        .collect()
}

/// The name of a chunk (or of a manifest kept as a file of its own) of `bytes`: the first 8
/// bytes of their SHA-256, in lower-case hex.
pub fn chunk_name(bytes: &[u8]) -> String {
    hex(&chunk_hash(bytes))
}

/// The bytes of a chunk as a page opened from `file://` receives them: the string its file's
/// script hands over, read as windows-1252, one character a byte (`bundle::chunk_file`);
/// `None` when a character is none that windows-1252 reads a byte as. The engine reads it
/// rather than the page: a page's own loop over the characters ran in a browser's slowest
/// code on a reader's first search, some 10 ms of it.
pub fn chunk_from_script_text(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        bytes.push(windows_1252_byte(c)?);
    }
    Some(bytes)
}

/// The byte that windows-1252 reads as `c`, if any: a character under U+0100 is its byte (as
/// ISO-8859-1 would read it, too), and the bytes 0x80–0x9F that windows-1252 reads as other
/// characters are theirs.
fn windows_1252_byte(c: char) -> Option<u8> {
    let byte = match c as u32 {
        code @ 0..=0xFF => code as u8,
        0x20AC => 0x80,
        0x201A => 0x82,
        0x0192 => 0x83,
        0x201E => 0x84,
        0x2026 => 0x85,
        0x2020 => 0x86,
        0x2021 => 0x87,
        0x02C6 => 0x88,
        0x2030 => 0x89,
        0x0160 => 0x8A,
        0x2039 => 0x8B,
        0x0152 => 0x8C,
        0x017D => 0x8E,
        0x2018 => 0x91,
        0x2019 => 0x92,
        0x201C => 0x93,
        0x201D => 0x94,
        0x2022 => 0x95,
        0x2013 => 0x96,
        0x2014 => 0x97,
        0x02DC => 0x98,
        0x2122 => 0x99,
        0x0161 => 0x9A,
        0x203A => 0x9B,
        0x0153 => 0x9C,
        0x017E => 0x9E,
        0x0178 => 0x9F,
        _ => return None,
    };
    Some(byte)
}

impl Index {
    /// Opens a manifest kept as a file named `name` (see [`chunk_name`]), as
    /// [`Index::from_manifest`] does, once its bytes are checked against the name: an error
    /// names a manifest cut short or altered.
    pub fn from_named_manifest(name: &str, bytes: &[u8]) -> Result<Index, Error> {
        Index::open_manifest(bytes, Some(name), None)
    }

    /// Opens a manifest as [`Index::from_manifest`] does, its bytes first checked against
    /// `name` when one is given (as [`Index::from_named_manifest`] does), and its core, when
    /// `inflated_core` is given, read from those bytes, which the caller inflated.
    pub fn open_manifest(
        bytes: &[u8],
        name: Option<&str>,
        inflated_core: Option<Vec<u8>>,
    ) -> Result<Index, Error> {
        if let Some(name) = name.filter(|name| !names(&chunk_hash(bytes), name)) {
            return Err(Error::Chunk(format!(
                "the manifest {name} is damaged: its bytes do not match its name"
            )));
        }
        Index::from_manifest_and_core(bytes, inflated_core)
    }

    /// Hands over a chunk the page fetched, by its name; an error when the index has no chunk
    /// of that name or the bytes do not match it (a truncated or altered file).
    pub fn add_chunk(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        self.add_chunk_checked_or_not(name, bytes, false)
    }

    /// Hands over a chunk whose bytes the caller has found to match its name (the page, with
    /// the browser's own SHA-256, which is faster and leaves the engine's thread free): as
    /// [`Index::add_chunk`], which hashes them again, but for the hashing.
    pub fn add_hashed_chunk(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        self.add_chunk_checked_or_not(name, bytes, true)
    }

    fn add_chunk_checked_or_not(
        &self,
        name: &str,
        bytes: &[u8],
        hash_checked: bool,
    ) -> Result<(), Error> {
        // A chunk's bytes may be those of another part's chunk too (the postings of a small
        // corpus, all held inline, are the same bytes in its block and in its shard's
        // section): it fills its places in every part.
        let mut added = None;
        for chunks in self.chunked_parts() {
            if let Some(result) = chunks.add(name, bytes, hash_checked) {
                result.map_err(Error::Chunk)?;
                added = Some(());
            }
        }
        added.ok_or_else(|| Error::Chunk(format!("this corpus has no part named {name:?}")))
    }

    /// The chunks that calls since the last time needed and found missing, by name, each once;
    /// empty for an index held whole. Their answers were incomplete: call again once they
    /// have been added.
    pub fn wanted_chunks(&self) -> Vec<String> {
        if let Dictionary::Sharded(shards) = &self.dictionary {
            shards.unwant_needless_sections(|block_at| self.postings.wants(block_at));
        }
        let mut names = Vec::new();
        for chunks in self.chunked_parts() {
            chunks.take_wanted(&mut names);
        }
        names
    }

    /// Whether a chunk of any part has been found missing since the wanted ones were last
    /// taken: the call under way is incomplete, and will be asked again.
    pub fn waits_for_chunks(&self) -> bool {
        self.chunked_parts().any(Chunks::any_wanted)
    }

    /// The part a chunk of this name belongs to: `"dictionary"`, `"postings"`, `"positions"`,
    /// `"texts"` or `"titles"`; `None` for a name the index does not list. What a count of the
    /// chunks calls fetch sorts them by (`bench/fetches.rs`).
    pub fn chunk_part(&self, name: &str) -> Option<&'static str> {
        self.named_parts()
            .find(|(_, chunks)| !chunks.places(name).is_empty())
            .map(|(part, _)| part)
    }

    /// The parts held in chunks: the dictionary, the postings, the positions and the texts of
    /// a chunked index; none of one held whole.
    fn chunked_parts(&self) -> impl Iterator<Item = &Chunks> {
        self.named_parts().map(|(_, chunks)| chunks)
    }

    /// [`Index::chunked_parts`], each with its name.
    fn named_parts(&self) -> impl Iterator<Item = (&'static str, &Chunks)> {
        let dictionary = match &self.dictionary {
            Dictionary::Sharded(shards) => Some(("dictionary", &shards.part)),
            Dictionary::Whole { .. } => None,
        };
        let parts = [
            ("postings", &self.postings),
            ("positions", &self.positions),
            ("texts", &self.texts),
        ]
        .into_iter();
        dictionary
            .into_iter()
            .chain(parts.filter_map(|(name, part)| match part {
                Part::Chunked(chunks) => Some((name, chunks)),
                Part::Whole(_) => None,
            }))
            .chain(self.catalogue_part().map(|chunks| ("titles", chunks)))
    }

    /// The text of a document if it can be read now; `None` when its chunk has not arrived
    /// (it is then wanted) or when shards of the dictionary or postings are awaited (so answers
    /// are incomplete, and the texts they would show may not be the right ones). Only a damaged
    /// index makes this fail.
    pub fn arrived_text(&self, doc: DocId) -> Result<Option<&str>, Error> {
        if self.waits_for_terms() {
            return Ok(None);
        }
        self.scanned_text(doc)
    }

    /// The window on the text of a document that holds its words `start..end` (see
    /// [`Index::text_window`]) if it can be read now; `None` as for [`Index::arrived_text`].
    pub fn arrived_window(
        &self,
        doc: DocId,
        start: u32,
        end: u32,
    ) -> Result<Option<Window<'_>>, Error> {
        if self.waits_for_terms() {
            return Ok(None);
        }
        arrived(self.text_window(doc, start, end))
    }

    /// Whether shards of the dictionary, postings or the order of the titles are awaited:
    /// what a call finds, or its order, may then change once they have come.
    pub(crate) fn waits_for_terms(&self) -> bool {
        matches!(&self.dictionary, Dictionary::Sharded(s) if s.part.any_wanted())
            || matches!(&self.postings, Part::Chunked(c) if c.any_wanted())
            || self.catalogue.as_ref().is_some_and(|c| c.waits_for_order())
    }

    /// Whether a chunk of the positions kept apart has been found missing since the wanted
    /// ones were last taken: the positions read meanwhile are incomplete.
    pub fn waits_for_positions(&self) -> bool {
        matches!(&self.positions, Part::Chunked(c) if c.any_wanted())
    }

    /// The text of a document if it can be read now, for a call that reads the words of many
    /// texts: as [`Index::arrived_text`], but read while shards of the dictionary are awaited,
    /// since the words of the texts read are what they are wanted for.
    pub fn scanned_text(&self, doc: DocId) -> Result<Option<&str>, Error> {
        if matches!(&self.postings, Part::Chunked(c) if c.any_wanted()) {
            return Ok(None);
        }
        arrived(self.text(doc))
    }

    /// The chunks that hold the blocks of a document's text (every piece of a long one), by
    /// their places in the texts part; none for an index held whole or a document no block
    /// can hold (before the first). What a call's budget counts (see
    /// [`crate::budget::Budget::may_read_chunks`]).
    pub fn text_chunks(&self, doc: DocId) -> Vec<usize> {
        let Part::Chunked(chunks) = &self.texts else {
            return Vec::new();
        };
        let mut held: Vec<usize> = store::text_block_starts(&self.text_blocks, doc)
            .filter_map(|at| chunks.chunk_of(at))
            .collect();
        held.dedup();
        held
    }

    /// How many chunks the texts are cut into, and their bytes in all; `None` for an index
    /// held whole. What reading the texts of some documents costs, on average, before they are
    /// known.
    pub fn text_chunks_in_all(&self) -> Option<(usize, u64)> {
        match &self.texts {
            Part::Chunked(chunks) if !chunks.entries.is_empty() => {
                Some((chunks.entries.len(), chunks.len() as u64))
            }
            _ => None,
        }
    }

    /// Whether the index came from a manifest, its postings and texts in chunks.
    pub fn is_chunked(&self) -> bool {
        matches!(self.postings, Part::Chunked(_))
    }

    /// How many bytes of chunks are held.
    pub fn chunk_bytes_held(&self) -> usize {
        self.chunked_parts().map(Chunks::held).sum()
    }

    /// Lets go of the chunks used least recently until at most `keep` bytes of them are held,
    /// with what was inflated from them. Call it between calls, never between a call and its
    /// retry, so that what one call needs stays until it is answered.
    pub fn release_chunks(&mut self, keep: usize) {
        let Index {
            postings,
            positions,
            texts,
            inflated,
            inflated_pieces,
            found_checkpoints,
            inflated_postings,
            inflated_positions,
            posting_blocks,
            position_blocks,
            text_blocks,
            ..
        } = self;
        let (
            Part::Chunked(posting_chunks),
            Part::Chunked(position_chunks),
            Part::Chunked(text_chunks),
        ) = (postings, positions, texts)
        else {
            return;
        };
        let held = [
            posting_chunks.held(),
            position_chunks.held(),
            text_chunks.held(),
        ];
        let total: usize = held.iter().sum();
        if total <= keep {
            for chunks in [posting_chunks, position_chunks, text_chunks] {
                *chunks.clock.get_mut() += 1;
            }
            return;
        }
        // Each part keeps its share of what is kept.
        let share = |held: usize| (keep as u128 * held as u128 / total.max(1) as u128) as usize;
        posting_chunks.release(share(held[0]));
        position_chunks.release(share(held[1]));
        text_chunks.release(share(held[2]));
        forget_inflated(inflated_postings, posting_chunks, |b| {
            posting_blocks[b].deflated_end
        });
        forget_inflated(inflated_positions, position_chunks, |b| {
            position_blocks[b].deflated_end
        });
        let gone = |b: usize| !text_chunks.has(store::block_start(text_blocks, b));
        for (d, slot) in inflated.made_mut() {
            let blocks = store::blocks_of(text_blocks, d as DocId);
            if blocks.is_some_and(|mut blocks| blocks.any(gone)) {
                slot.take();
                found_checkpoints.take(d);
            }
        }
        for (s, slot) in inflated_pieces.made_mut() {
            if gone(s / 2) {
                slot.take();
            }
        }
    }
}

/// What a read found, `None` when a chunk it needs has not arrived (it is then wanted).
fn arrived<T>(read: Result<T, Error>) -> Result<Option<T>, Error> {
    match read {
        Ok(found) => Ok(Some(found)),
        Err(Error::NotArrived) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Lets go of what was inflated of the blocks (block `b` deflated ends at `end(b)` in the
/// part, and starts where the one before ends) whose chunk has been let go.
fn forget_inflated(
    cache: &mut Cache<Option<Vec<u8>>>,
    chunks: &Chunks,
    end: impl Fn(usize) -> u32,
) {
    for (b, slot) in cache.made_mut() {
        let start = match b {
            0 => 0,
            _ => end(b - 1),
        };
        if end(b) > start && !chunks.has(start) {
            slot.take();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{
        chunk_from_script_text, chunk_hash, entries_as_lengths, hash_of, hex, ChunkEntry, Chunks,
    };

    /// A part's entries, written as the manifest's table writes them.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Table<'a>(#[serde(with = "entries_as_lengths")] Cow<'a, [ChunkEntry]>);

    fn entry(end: u32, byte: u8) -> ChunkEntry {
        ChunkEntry {
            end,
            hash: [byte; 8],
        }
    }

    /// Every byte, as a browser's windows-1252 decoder reads it (the WHATWG one, which
    /// `encoding_rs` is), reads back as itself; a character no byte is read as reads as nothing.
    #[cfg(feature = "indexer")]
    #[test]
    fn a_chunk_handed_over_as_windows_1252_text_reads_back_byte_for_byte() {
        let every_byte: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        let (text, _, malformed) = encoding_rs::WINDOWS_1252.decode(&every_byte);
        assert!(!malformed);
        assert_eq!(text.chars().count(), 512);
        assert_eq!(chunk_from_script_text(&text), Some(every_byte));
        assert_eq!(
            chunk_from_script_text("\u{20ac}\u{81}\u{201a}\u{178}"),
            Some(vec![0x80, 0x81, 0x82, 0x9f])
        );
        assert_eq!(chunk_from_script_text("ab\u{100}"), None);
        assert_eq!(chunk_from_script_text("\u{1F600}"), None);
        assert_eq!(chunk_from_script_text(""), Some(Vec::new()));
    }

    #[test]
    fn chunks_are_written_by_their_lengths_and_read_back_by_their_ends() {
        let entries = vec![
            entry(300_000_000, 1),
            entry(300_020_000, 2),
            entry(300_020_001, 3),
        ];
        let bytes = postcard::to_allocvec(&Table(Cow::Borrowed(&entries))).unwrap();
        // The count, then a length of 5 bytes, 3 and 1, each followed by its hash.
        assert_eq!(bytes.len(), 1 + (5 + 8) + (3 + 8) + (1 + 8));
        let read: Table = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read.0.as_ref(), entries.as_slice());
    }

    #[test]
    fn an_empty_chunk_or_one_past_4_gib_is_a_damaged_table() {
        for lengths in [vec![10, 0, 5], vec![0], vec![u32::MAX, 1]] {
            let written: Vec<(u32, [u8; 8])> = lengths.iter().map(|&l| (l, [7; 8])).collect();
            let bytes = postcard::to_allocvec(&written).unwrap();
            let error = postcard::from_bytes::<Table>(&bytes).err();
            assert!(error.is_some(), "{lengths:?} read as a table");
        }
        let written: Vec<(u32, [u8; 8])> = vec![(10, [7; 8]), (5, [8; 8])];
        let read: Table = postcard::from_bytes(&postcard::to_allocvec(&written).unwrap()).unwrap();
        assert_eq!(read.0.as_ref(), &[entry(10, 7), entry(15, 8)]);
    }

    /// A part of four chunks, the second and the fourth of the same bytes.
    fn part() -> (Chunks, Vec<Vec<u8>>) {
        let bytes: Vec<Vec<u8>> = vec![vec![1; 10], vec![2; 20], vec![3; 30], vec![2; 20]];
        let mut end = 0;
        let entries = bytes
            .iter()
            .map(|b| {
                end += b.len() as u32;
                ChunkEntry {
                    end,
                    hash: chunk_hash(b),
                }
            })
            .collect();
        (Chunks::new(entries), bytes)
    }

    #[test]
    fn a_chunk_fills_every_place_of_its_bytes_and_the_bytes_held_follow_arrivals_and_releases() {
        let (mut chunks, bytes) = part();
        assert_eq!(chunks.held(), 0);
        let name = |i: usize| hex(&chunk_hash(&bytes[i]));
        assert!(chunks.add(&name(1), &bytes[1], false).unwrap().is_ok());
        assert!(
            chunks.has(10) && chunks.has(60),
            "both places of the same bytes"
        );
        assert!(!chunks.has(0) && !chunks.has(30));
        assert_eq!(chunks.held(), 40);
        // Again: nothing more is held.
        assert!(chunks.add(&name(1), &bytes[1], false).unwrap().is_ok());
        assert_eq!(chunks.held(), 40);
        assert!(chunks.add(&name(2), &bytes[2], false).unwrap().is_ok());
        assert!(chunks.add(&name(0), &bytes[0], false).unwrap().is_ok());
        assert_eq!(chunks.held(), 80);
        assert_eq!(chunks.held(), (0..4).map(|c| bytes[c].len()).sum::<usize>());
        // Damaged bytes under a chunk's name are refused and not held.
        let (other, _) = part();
        assert!(other.add(&name(2), &bytes[0], false).unwrap().is_err());
        assert_eq!(other.held(), 0);
        // A name that no chunk has is not one of this part's.
        assert!(chunks.add(&hex(&[9; 8]), &bytes[0], false).is_none());
        chunks.release(45);
        assert!(chunks.held() <= 45, "{}", chunks.held());
        let left: usize = (0..4)
            .filter(|&c| chunks.arrived[c].get().is_some())
            .map(|c| bytes[c].len())
            .sum();
        assert_eq!(chunks.held(), left);
        chunks.release(0);
        assert_eq!(chunks.held(), 0);
        assert!(chunks.add(&name(3), &bytes[3], false).unwrap().is_ok());
        assert_eq!(chunks.held(), 40);
    }

    #[test]
    fn a_name_is_sixteen_lower_case_hex_digits() {
        assert_eq!(
            hash_of("00ff10a0b0c0d0e9"),
            Some([0x00, 0xff, 0x10, 0xa0, 0xb0, 0xc0, 0xd0, 0xe9])
        );
        for name in [
            "00FF10A0B0C0D0E9",
            "00ff10a0b0c0d0e",
            "00ff10a0b0c0d0e90",
            "00ff10a0b0c0d0g9",
            "",
        ] {
            assert_eq!(hash_of(name), None, "{name:?}");
        }
    }
}
