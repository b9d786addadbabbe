//! Building an [`Index`] from documents, in memory proportional to the index rather than to the
//! text.
//!
//! Documents arrive one by one or in batches, are analyzed (a batch on as many threads as the
//! machine offers) and then dropped: each term's postings are appended, already encoded, to a
//! buffer of their own, and each text joins a block that is deflated as soon as enough blocks
//! have filled. Past a bound of buffered postings, a builder given a place to spill
//! ([`IndexBuilder::spill_to`]) writes them, sorted by term, to a run file and starts again;
//! [`IndexBuilder::finish`] merges the runs and the buffers term by term into posting blocks.
//! Because a document gap is always taken from the term's previous document, whatever run it is
//! in, a term's pieces join by concatenation, and the index is the same byte for byte whether
//! or not anything was spilled.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use hashbrown::hash_table::{Entry, HashTable};

use super::chunks::Part;
use super::dictionary::{Dictionary, TermTable};
use super::postings::{
    split_positions, write_varint, PositionBlock, PostingBlock, APART_FROM_BYTES,
};
use super::store::Cache;
use super::{Document, DocumentMeta, Documents, Index, StemTable, Strings};
use crate::analyze::Analyzer;
use crate::error::BuildError;
use crate::index::{DocId, TermId};
use crate::language::Stemming;
use crate::parallel::side_by_side;

mod analysis;
mod blocks;

use analysis::{analyze_text, hash_term};
pub use analysis::{AnalyzedBatch, AnalyzedText};
use blocks::{PositionBlocks, PostingBlocks, TextBlocks};

/// How much text a caller reading a corpus file by file gathers before handing it to
/// [`IndexBuilder::add_all`]: enough to keep every core busy, little beside the index, and
/// small enough that the reading of the next batch soon overlaps the indexing of this one (a
/// 100 MB corpus builds 2-3% faster than in batches of 16 MiB).
pub const BATCH_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// A document to add to an index.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Id, title (its terms earn a ranking boost), source, date and URL.
    pub meta: DocumentMeta,
    /// The full text.
    pub text: String,
    /// Byte ranges `[start, end)` of headings in `text`, on character boundaries.
    pub headings: Vec<[u32; 2]>,
    /// Byte ranges `[start, end)` of code in `text`, on character boundaries, sorted and
    /// disjoint.
    pub code: Vec<[u32; 2]>,
}

/// Builds an [`Index`] from documents.
pub struct IndexBuilder<'a> {
    analyzer: &'a Analyzer,
    title: Option<String>,
    documents: Documents,
    ids: HashSet<String>,
    /// Every term met so far (in texts or titles), as its number in `terms`, found by its
    /// hash.
    term_numbers: HashTable<u32>,
    /// Each term's text and hash, by number.
    term_texts: Vec<(Box<str>, u64)>,
    terms: Vec<TermPostings>,
    /// The numbers (in `terms`) of each document's title terms.
    titles: Vec<Vec<u32>>,
    texts: TextBlocks,
    /// Bytes of encoded postings held in `terms`.
    buffered: usize,
    spill: Option<Spill>,
}

/// One term's postings as they are built.
#[derive(Default)]
struct TermPostings {
    /// Postings encoded as [`super::encode_postings`] does, since the last spill.
    encoded: Vec<u8>,
    /// The last document the term occurs in.
    last_doc: Option<DocId>,
    documents: u32,
    occurrences: u32,
    /// The stemmers its documents' languages give it, one bit each (see [`Stemming::number`]).
    languages: u32,
}

/// Where and past which bound postings are spilled, and the runs spilled so far.
struct Spill {
    base: PathBuf,
    bound: usize,
    runs: Vec<File>,
    /// Run files still to remove when the builder is done (where an open file cannot be
    /// removed at once).
    leftovers: Vec<PathBuf>,
}

impl Drop for Spill {
    fn drop(&mut self) {
        self.runs.clear();
        for path in &self.leftovers {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl<'a> IndexBuilder<'a> {
    /// An empty builder that analyzes with `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        IndexBuilder {
            analyzer,
            title: None,
            documents: Documents::default(),
            ids: HashSet::new(),
            term_numbers: HashTable::new(),
            term_texts: Vec::new(),
            terms: Vec::new(),
            titles: Vec::new(),
            texts: TextBlocks::default(),
            buffered: 0,
            spill: None,
        }
    }

    /// Names the corpus.
    pub fn set_title(&mut self, title: Option<String>) {
        self.title = title.filter(|t| !t.trim().is_empty());
    }

    /// Once more than `bound` bytes of encoded postings are held in memory, writes them to a
    /// new file named `BASE.spill-PID-N` (`base` with that suffix) and frees them. The files
    /// are removed as soon as they are created (on Unix: the open file lives on unnamed, and
    /// nothing is left behind even if the build is killed), or else when the builder is done.
    pub fn spill_to(&mut self, base: &Path, bound: usize) {
        self.spill = Some(Spill {
            base: base.to_path_buf(),
            bound,
            runs: Vec::new(),
            leftovers: Vec::new(),
        });
    }

    /// Adds a document. Ids must be unique, heading and code ranges must lie on character
    /// boundaries of the text, and code ranges must be sorted and disjoint.
    pub fn add(&mut self, document: NewDocument) -> Result<DocId, BuildError> {
        self.check(&document, &HashSet::new())?;
        let analyzed = analyze_text(&document.text);
        let numbers: Vec<u32> = (0..analyzed.entries.len())
            .map(|e| {
                let (term, hash) = analyzed.term(e);
                self.number(term, hash)
            })
            .collect();
        let doc = self.insert(document, analyzed, &numbers);
        self.spill_if_full()?;
        Ok(doc)
    }

    /// Adds documents in order, as [`IndexBuilder::add`] would one by one, their texts
    /// analyzed on as many threads as the machine offers. Nothing is added if one of them
    /// cannot be.
    pub fn add_all(&mut self, documents: Vec<NewDocument>) -> Result<(), BuildError> {
        self.add_analyzed(AnalyzedBatch::of(documents))
    }

    /// Adds documents analyzed already, in order, as [`IndexBuilder::add_all`] does. Nothing
    /// is added if one of them cannot be.
    pub fn add_analyzed(&mut self, batch: AnalyzedBatch) -> Result<(), BuildError> {
        let mut ids = HashSet::new();
        for document in &batch.documents {
            self.check(document, &ids)?;
            ids.insert(document.meta.id.as_str());
        }
        // Each term of the batch is looked for among the index's once.
        let numbers: Vec<u32> = batch
            .distinct
            .iter()
            .map(|&(d, e)| {
                let (term, hash) = batch.analyzed[d as usize].term(e as usize);
                self.number(term, hash)
            })
            .collect();
        let mut of_entries = Vec::new();
        for ((document, analyzed), in_batch) in batch
            .documents
            .into_iter()
            .zip(batch.analyzed)
            .zip(batch.in_batch)
        {
            of_entries.clear();
            of_entries.extend(in_batch.iter().map(|&i| numbers[i as usize]));
            self.insert(document, analyzed, &of_entries);
        }
        self.spill_if_full()
    }

    fn check(&self, document: &NewDocument, batch: &HashSet<&str>) -> Result<(), BuildError> {
        if self.ids.contains(&document.meta.id) || batch.contains(document.meta.id.as_str()) {
            return Err(BuildError::DuplicateId(document.meta.id.clone()));
        }
        let text = &document.text;
        let outside = |ranges: &[[u32; 2]]| {
            ranges.iter().copied().find(|&[start, end]| {
                start > end
                    || !text.is_char_boundary(start as usize)
                    || !text.is_char_boundary(end as usize)
            })
        };
        if let Some(bad) = outside(&document.headings) {
            return Err(BuildError::Corpus(format!(
                "{}: heading range {bad:?} is not within the text",
                document.meta.id
            )));
        }
        if let Some(bad) = outside(&document.code) {
            return Err(BuildError::Corpus(format!(
                "{}: code range {bad:?} is not within the text",
                document.meta.id
            )));
        }
        if let Some(pair) = document.code.windows(2).find(|w| w[0][1] > w[1][0]) {
            return Err(BuildError::Corpus(format!(
                "{}: code ranges {:?} and {:?} are out of order or overlap",
                document.meta.id, pair[0], pair[1]
            )));
        }
        Ok(())
    }

    /// The number of `term`, whose hash is `hash` (see [`hash_term`]), in `terms`, which it
    /// joins if it is new.
    fn number(&mut self, term: &str, hash: u64) -> u32 {
        let texts = &self.term_texts;
        let entry = self.term_numbers.entry(
            hash,
            |&n| &*texts[n as usize].0 == term,
            |&n| texts[n as usize].1,
        );
        match entry {
            Entry::Occupied(number) => *number.get(),
            Entry::Vacant(vacant) => {
                let number = self.terms.len() as u32;
                vacant.insert(number);
                self.term_texts.push((term.into(), hash));
                self.terms.push(TermPostings::default());
                number
            }
        }
    }

    /// Adds a document whose text is `analyzed`, the number of each of its terms in
    /// `numbers`.
    fn insert(
        &mut self,
        mut document: NewDocument,
        analyzed: AnalyzedText,
        numbers: &[u32],
    ) -> DocId {
        let doc = self.documents.len() as DocId;
        document.meta.tags.sort();
        document.meta.tags.dedup();
        let language = document
            .meta
            .lang
            .as_deref()
            .and_then(Stemming::of_language);
        let (mut term_start, mut gaps_start) = (0, 0);
        for (entry, &number) in analyzed.entries.iter().zip(numbers) {
            let term = &analyzed.terms[term_start..entry.term_end as usize];
            let gaps = &analyzed.gaps[gaps_start..entry.gaps_end as usize];
            (term_start, gaps_start) = (entry.term_end as usize, entry.gaps_end as usize);
            let postings = &mut self.terms[number as usize];
            if let Some(stemming) = Stemming::for_word(language, term) {
                postings.languages |= 1 << stemming.number();
            }
            let before = postings.encoded.len();
            write_varint(&mut postings.encoded, doc - postings.last_doc.unwrap_or(0));
            write_varint(&mut postings.encoded, entry.count);
            write_varint(&mut postings.encoded, gaps.len() as u32);
            postings.encoded.extend_from_slice(gaps);
            postings.last_doc = Some(doc);
            postings.documents += 1;
            postings.occurrences += entry.count;
            self.buffered += postings.encoded.len() - before;
        }
        let title: BTreeSet<String> = self
            .analyzer
            .tokens(&document.meta.title)
            .into_iter()
            .map(|t| t.term)
            .collect();
        let title = title
            .iter()
            .map(|term| {
                let number = self.number(term, hash_term(term));
                if let Some(stemming) = Stemming::for_word(language, term) {
                    self.terms[number as usize].languages |= 1 << stemming.number();
                }
                number
            })
            .collect();
        self.titles.push(title);
        self.ids.insert(document.meta.id.clone());
        self.documents.push(&Document {
            meta: document.meta,
            headings: document.headings,
            code: document.code,
            words: analyzed.words,
            checkpoints: analyzed.checkpoints,
        });
        self.texts.push(doc, &document.text, &self.documents);
        doc
    }

    /// Writes the buffered postings to a new run, sorted by term, if they are past the bound.
    fn spill_if_full(&mut self) -> Result<(), BuildError> {
        let Some(spill) = &mut self.spill else {
            return Ok(());
        };
        if self.buffered <= spill.bound {
            return Ok(());
        }
        let path = spill.base.with_file_name(format!(
            "{}.spill-{}-{}",
            spill
                .base
                .file_name()
                .map_or("index".into(), |n| n.to_string_lossy()),
            std::process::id(),
            spill.runs.len()
        ));
        let io = |source| BuildError::Io {
            path: path.clone(),
            source,
        };
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io)?;
        if cfg!(unix) {
            std::fs::remove_file(&path).map_err(io)?;
        } else {
            spill.leftovers.push(path.clone());
        }
        let mut order: Vec<(&str, u32)> = self
            .term_texts
            .iter()
            .zip(0..)
            .filter(|&(_, n)| !self.terms[n as usize].encoded.is_empty())
            .map(|((term, _), n)| (&**term, n))
            .collect();
        order.sort_unstable();
        let mut out = BufWriter::new(file);
        let mut head = Vec::new();
        for (_, number) in order {
            let encoded = std::mem::take(&mut self.terms[number as usize].encoded);
            head.clear();
            write_varint(&mut head, number);
            write_varint(&mut head, encoded.len() as u32);
            out.write_all(&head).map_err(io)?;
            out.write_all(&encoded).map_err(io)?;
        }
        let mut file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.rewind().map_err(io)?;
        spill.runs.push(file);
        self.buffered = 0;
        Ok(())
    }

    /// The finished index: the runs and buffers merged into posting blocks, the last texts
    /// deflated. Fails only when a spilled run cannot be read back, or the corpus is past what
    /// the format's 32-bit offsets address (4 GiB of postings or of deflated text).
    pub fn finish(mut self) -> Result<Index, BuildError> {
        // A term of a title alone is a term too, with no postings: it finds its documents
        // through their titles.
        let mut in_titles = vec![false; self.terms.len()];
        for &n in self.titles.iter().flatten() {
            in_titles[n as usize] = true;
        }
        self.term_numbers.clear();
        let mut sorted: Vec<(Box<str>, u32)> = std::mem::take(&mut self.term_texts)
            .into_iter()
            .zip(0..)
            .map(|((term, _), n)| (term, n))
            .filter(|&(_, n)| self.terms[n as usize].documents > 0 || in_titles[n as usize])
            .collect();
        sorted.sort_unstable();
        let (terms, numbers): (Vec<Box<str>>, Vec<u32>) = sorted.into_iter().unzip();
        let languages: Vec<u32> = numbers
            .iter()
            .map(|&n| self.terms[n as usize].languages)
            .collect();
        // Stemming every term takes one core while the postings are merged and the last
        // blocks of the postings, positions and texts deflated on the others.
        let analyzer = self.analyzer;
        let (spill, postings) = (self.spill.take(), &mut self.terms);
        let (documents, text_blocks) = (self.documents, self.texts);
        let (stem_tables, merged) = side_by_side(
            || stem_tables(analyzer, &terms, &languages),
            || -> Result<_, BuildError> {
                let merged = merge_postings(postings, spill, &numbers)?;
                let texts = text_blocks.finish(&documents)?;
                Ok((merged, texts))
            },
        );
        let (merged, (text_blocks, texts)) = merged?;
        let Merged {
            term_ids,
            posting_ends,
            position_ends,
            document_frequencies,
            counts,
            postings: (posting_blocks, deflated_postings),
            positions,
        } = merged;
        let (position_blocks, deflated_positions) = positions;
        let title_terms = self
            .titles
            .iter()
            .map(|title| {
                let mut ids: Vec<TermId> =
                    title.iter().filter_map(|&n| term_ids[n as usize]).collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        let total_words: u64 = documents.word_counts().iter().map(|&w| u64::from(w)).sum();
        let average_words = if documents.is_empty() {
            0.0
        } else {
            total_words as f32 / documents.len() as f32
        };
        let posting_count = posting_blocks.len();
        let document_count = documents.len();
        Ok(Index {
            title: self.title,
            documents,
            dictionary: Dictionary::Whole {
                table: TermTable {
                    terms: Strings::from_sorted(&terms),
                    posting_ends,
                    position_ends,
                    document_frequencies,
                    occurrences: counts,
                },
                stems: stem_tables,
            },
            title_terms,
            title_documents: Default::default(),
            text_terms: Default::default(),
            average_words,
            posting_blocks,
            postings: Part::Whole(Cow::Owned(deflated_postings)),
            inflated_postings: Cache::empty(posting_count),
            inflated_positions: Cache::empty(position_blocks.len()),
            position_blocks,
            positions: Part::Whole(Cow::Owned(deflated_positions)),
            inflated_pieces: Cache::empty(2 * text_blocks.len()),
            text_blocks,
            texts: Part::Whole(Cow::Owned(texts)),
            inflated: Cache::empty(document_count),
            found_checkpoints: Cache::empty(document_count),
            catalogue: None,
            by_id: Default::default(),
            by_title: Default::default(),
            title_ranks: Default::default(),
            lengths: Default::default(),
        })
    }
}

/// The postings of every term merged in term order, with what the dictionary keeps of each.
struct Merged {
    /// Each term's id (its place in term order), by its number; none for a term dropped.
    term_ids: Vec<Option<TermId>>,
    posting_ends: Vec<u32>,
    position_ends: Vec<u32>,
    document_frequencies: Vec<u32>,
    counts: Vec<u32>,
    /// The posting blocks and the postings part, deflated.
    postings: (Vec<PostingBlock>, Vec<u8>),
    /// The position blocks and the positions part, deflated.
    positions: (Vec<PositionBlock>, Vec<u8>),
}

/// Merges the postings of the terms numbered `numbers` (in term order): those spilled into
/// runs, then those still held in `terms`, which are taken; postings of [`APART_FROM_BYTES`]
/// or more keep their positions apart.
fn merge_postings(
    terms: &mut [TermPostings],
    spill: Option<Spill>,
    numbers: &[u32],
) -> Result<Merged, BuildError> {
    let mut runs: Vec<Run> = match &spill {
        Some(spill) => spill
            .runs
            .iter()
            .map(|file| Run::open(file, &spill.base))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let mut term_ids = vec![None; terms.len()];
    let mut posting_ends = Vec::with_capacity(numbers.len());
    let mut position_ends = Vec::with_capacity(numbers.len());
    let mut document_frequencies = Vec::with_capacity(numbers.len());
    let mut counts = Vec::with_capacity(numbers.len());
    let mut blocks = PostingBlocks::default();
    let mut positions = PositionBlocks::default();
    for (id, &number) in numbers.iter().enumerate() {
        let id = id as TermId;
        term_ids[number as usize] = Some(id);
        blocks.start_term(id);
        let term_start = blocks.block.len();
        for run in &mut runs {
            run.append(number, &mut blocks.block)?;
        }
        let postings = std::mem::take(&mut terms[number as usize]);
        blocks.block.extend_from_slice(&postings.encoded);
        if blocks.block.len() - term_start >= APART_FROM_BYTES {
            let encoded = blocks.block.split_off(term_start);
            positions.start_term();
            split_positions(&encoded, &mut blocks.block, |bytes| {
                positions.push_document(bytes)
            });
        }
        posting_ends.push(blocks.end()?);
        position_ends.push(positions.end()?);
        document_frequencies.push(postings.documents);
        counts.push(postings.occurrences);
    }
    drop(runs);
    drop(spill);
    Ok(Merged {
        term_ids,
        posting_ends,
        position_ends,
        document_frequencies,
        counts,
        postings: blocks.finish(),
        positions: positions.finish(),
    })
}

/// The table of stems of each language some terms were found in: each stem with the terms,
/// of `terms` (sorted), that stem to it; `languages` holds, for each term, a bit for each
/// [`Stemming`] of the texts it was found in.
fn stem_tables(analyzer: &Analyzer, terms: &[Box<str>], languages: &[u32]) -> Vec<StemTable> {
    Stemming::all()
        .filter_map(|stemming| {
            let bit = 1 << stemming.number();
            let mut stems: BTreeMap<String, Vec<TermId>> = BTreeMap::new();
            for (id, term) in terms.iter().enumerate() {
                if languages[id] & bit != 0 {
                    stems
                        .entry(analyzer.stem_in(stemming, term))
                        .or_default()
                        .push(id as TermId);
                }
            }
            (!stems.is_empty()).then(|| StemTable::new(stemming.language(), stems))
        })
        .collect()
}

/// A spilled run as it is read back: records of a term's number, the length of its postings
/// and the postings, in the order of the terms.
struct Run<'f> {
    reader: BufReader<&'f File>,
    path: &'f Path,
    /// The number of the term whose postings come next.
    next: Option<u32>,
}

impl<'f> Run<'f> {
    fn open(file: &'f File, path: &'f Path) -> Result<Run<'f>, BuildError> {
        let mut run = Run {
            reader: BufReader::with_capacity(64 * 1024, file),
            path,
            next: None,
        };
        run.next = run.varint()?;
        Ok(run)
    }

    /// Appends the postings of the term numbered `number` to `out`, if the run holds them.
    fn append(&mut self, number: u32, out: &mut Vec<u8>) -> Result<(), BuildError> {
        if self.next != Some(number) {
            return Ok(());
        }
        let length = self.varint()?.ok_or_else(|| self.damaged())? as usize;
        let start = out.len();
        out.resize(start + length, 0);
        self.reader
            .read_exact(&mut out[start..])
            .map_err(|source| self.error(source))?;
        self.next = self.varint()?;
        Ok(())
    }

    /// The next variable-length integer, or `None` at the end of the run.
    fn varint(&mut self) -> Result<Option<u32>, BuildError> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = match self.reader.fill_buf() {
                Ok([]) if shift == 0 => return Ok(None),
                Ok([]) => return Err(self.damaged()),
                Ok(bytes) => bytes[0],
                Err(source) => return Err(self.error(source)),
            };
            self.reader.consume(1);
            value |= u32::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(Some(value));
            }
        }
        Err(self.damaged())
    }

    fn damaged(&self) -> BuildError {
        self.error(std::io::ErrorKind::UnexpectedEof.into())
    }

    fn error(&self, source: std::io::Error) -> BuildError {
        BuildError::Io {
            path: self.path.to_path_buf(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_analyzed_into_its_terms_and_their_positions() {
        let analyzed = analyze_text("Gaza, gaza; CAFÉ ... and Café gaza !");
        assert_eq!(analyzed.words, 6);
        let mut found = Vec::new();
        let (mut term_start, mut gaps_start) = (0, 0);
        for entry in &analyzed.entries {
            let term = &analyzed.terms[term_start..entry.term_end as usize];
            assert_eq!(entry.hash, hash_term(term));
            let mut gaps = &analyzed.gaps[gaps_start..entry.gaps_end as usize];
            let mut positions = Vec::new();
            let mut position = 0;
            while !gaps.is_empty() {
                position += crate::index::postings::read_varint(&mut gaps).unwrap();
                positions.push(position);
            }
            assert_eq!(positions.len(), entry.count as usize);
            found.push((term.to_string(), positions));
            (term_start, gaps_start) = (entry.term_end as usize, entry.gaps_end as usize);
        }
        let expected = [
            ("gaza", vec![0, 1, 5]),
            ("cafe", vec![2, 4]),
            ("and", vec![3]),
        ];
        let expected: Vec<(String, Vec<u32>)> = expected
            .into_iter()
            .map(|(t, p)| (t.to_string(), p))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn adding_all_at_once_builds_what_adding_one_by_one_does() {
        let analyzer = Analyzer::new();
        let documents: Vec<NewDocument> = (0..9)
            .map(|i| NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("Title {i}"),
                    source: String::new(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                text: format!("Word{i} and café, {i} times. ").repeat(i * 40),
                headings: vec![],
                code: Vec::new(),
            })
            .collect();
        let mut one_by_one = IndexBuilder::new(&analyzer);
        for document in documents.clone() {
            one_by_one.add(document).unwrap();
        }
        let one_by_one = one_by_one.finish().unwrap().to_bytes();
        let mut at_once = IndexBuilder::new(&analyzer);
        at_once.add_all(documents.clone()).unwrap();
        assert_eq!(at_once.finish().unwrap().to_bytes(), one_by_one);
        // A batch's terms found among those of the batches before.
        let mut in_batches = IndexBuilder::new(&analyzer);
        in_batches.add_all(documents[..4].to_vec()).unwrap();
        in_batches.add_all(documents[4..].to_vec()).unwrap();
        assert_eq!(in_batches.finish().unwrap().to_bytes(), one_by_one);

        let mut twice = IndexBuilder::new(&analyzer);
        let mut batch = documents[..3].to_vec();
        batch.push(documents[1].clone());
        assert!(matches!(twice.add_all(batch), Err(BuildError::DuplicateId(id)) if id == "d1"));
        assert!(twice.documents.is_empty(), "nothing was added");
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let analyzer = Analyzer::new();
        let mut builder = IndexBuilder::new(&analyzer);
        let doc = NewDocument {
            meta: DocumentMeta {
                id: "x".into(),
                title: "t".into(),
                source: "s".into(),
                date: None,
                url: None,
                lang: None,
                tags: Vec::new(),
            },
            text: "t".into(),
            headings: vec![],
            code: Vec::new(),
        };
        builder.add(doc.clone()).unwrap();
        assert!(matches!(builder.add(doc), Err(BuildError::DuplicateId(id)) if id == "x"));
    }

    #[test]
    fn spilling_postings_to_disk_builds_the_same_index_and_leaves_no_file() {
        let analyzer = Analyzer::new();
        let words = [
            "gaza",
            "palestine",
            "speech",
            "leader",
            "café",
            "naïve",
            "東京",
        ];
        let documents: Vec<NewDocument> = (0..300)
            .map(|i| NewDocument {
                meta: DocumentMeta {
                    id: format!("d{i}"),
                    title: format!("{} titleword{i}", words[i % words.len()]),
                    source: String::new(),
                    date: None,
                    url: None,
                    lang: None,
                    tags: Vec::new(),
                },
                // Terms shared by many documents, and terms of one document only; the empty
                // texts leave gaps in the documents of every term.
                text: (0..(i * 7) % 500)
                    .map(|w| match w % 3 {
                        0 => words[(w * i) % words.len()].to_string(),
                        1 => format!("w{}", (w * 31 + i) % 997),
                        _ => format!("doc{i}x{w}"),
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                headings: vec![],
                code: Vec::new(),
            })
            .collect();
        let mut in_memory = IndexBuilder::new(&analyzer);
        in_memory.add_all(documents.clone()).unwrap();
        let expected = in_memory.finish().unwrap().to_bytes();

        let dir = std::env::temp_dir().join(format!("spill-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut spilling = IndexBuilder::new(&analyzer);
        spilling.spill_to(&dir.join("index.bin"), 2000);
        for (i, batch) in documents.chunks(7).enumerate() {
            if i % 2 == 0 {
                spilling.add_all(batch.to_vec()).unwrap();
            } else {
                for document in batch {
                    spilling.add(document.clone()).unwrap();
                }
            }
        }
        let runs = spilling.spill.as_ref().map_or(0, |s| s.runs.len());
        assert!(
            runs > 20,
            "the bound is small enough to spill often ({runs} runs)"
        );
        let built = spilling.finish().unwrap();
        assert_eq!(built.to_bytes(), expected);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "the spilled runs are gone: {left:?}");
        std::fs::remove_dir(&dir).unwrap();

        let read = Index::from_bytes(&expected).unwrap();
        let gaza = read.term_id("gaza").unwrap();
        assert!(read.postings(gaza).unwrap().len() > 100);
        let title_only = read.term_id("titleword5").unwrap();
        assert_eq!(read.document_frequency(title_only), 0);
        assert_eq!(read.title_documents(title_only), &[5]);
    }
}
