//! Bounded work: every engine call counts the work it does, in units that stand for real
//! effort (a posting read, a position decoded, a term compared for typos, a line of context
//! cut), and stops adding work once its budget is spent. The answer then says what it left
//! out, in [`Notes`], rather than take as long as the input asks.
//!
//! Work is counted, never timed, so the same call gives the same answer on a fast and a slow
//! machine. [`WORK_LIMIT`] is sized for the page: on a corpus of a million words (the Brown
//! corpus) no call takes more than about 20 ms natively, which is several times that in
//! WebAssembly, and still leaves the page time to show the answer within 100 ms.

use std::cell::{Cell, RefCell};

/// The work one engine call may do, in units (see the module documentation).
pub const WORK_LIMIT: u64 = 300_000;

/// The chunks of a chunked index's texts that one call may read (each a block of about 32 KiB
/// of text, 10 to 17 KiB deflated): a call that reads many documents (sorting a concordance by
/// context, collocates, phrases, counts) reads those of at most this many chunks, so that it
/// loads about a megabyte of a large collection, not all of it. A call that shows a page (a
/// page of results, of concordance lines, a document) reads what the page shows.
pub const TEXT_CHUNKS: usize = 64;

/// What a unit of work stands for, so that costs are named where they are spent.
pub mod cost {
    /// Reading one document's entry of a term's postings, sorting it among the others of
    /// its word and scoring it.
    pub const POSTING: u64 = 3;
    /// Decoding one word position.
    pub const POSITION: u64 = 1;
    /// Screening eight dictionary terms for typos (by the letters they hold, mostly), as
    /// "did you mean" does.
    pub const TYPO_SCAN_OF_8: u64 = 1;
    /// One step of the walk of the dictionary for typos: a row of edit distances (one
    /// character of a term against the whole word) or a skip past the terms that start alike.
    pub const TYPO_STEP: u64 = 1;
    /// Ranking one candidate document.
    pub const CANDIDATE: u64 = 2;
    /// Cutting one concordance line or one sort key out of a text (segmenting its words from
    /// the nearest checkpoint).
    pub const LINE: u64 = 120;
}

/// `n` as a person reads it in a note, its thousands grouped: `44,126`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The work budget of one engine call.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    spent: Cell<u64>,
    /// Query words whose matches are yet to be paid for, which share what is left.
    words_left: Cell<u64>,
    notes: RefCell<Notes>,
    /// The chunks of texts read so far (see [`TEXT_CHUNKS`]).
    text_chunks: RefCell<Vec<usize>>,
}

impl Budget {
    /// A budget of `limit` units.
    pub fn new(limit: u64) -> Self {
        Budget {
            limit,
            spent: Cell::new(0),
            words_left: Cell::new(1),
            notes: RefCell::new(Notes::default()),
            text_chunks: RefCell::new(Vec::new()),
        }
    }

    /// Whether the call may read a text that lies in `chunks` of a chunked index (none for an
    /// index held whole: always): yes when it has read them all already, and when the new ones
    /// keep it within [`TEXT_CHUNKS`], or are the first it reads (a text longer than that, cut
    /// into as many pieces, is read all the same). The chunks a call reads are the same each
    /// time it is asked again, so it stops at the same document once they have arrived.
    pub fn may_read_chunks(&self, chunks: &[usize]) -> bool {
        let mut read = self.text_chunks.borrow_mut();
        let new: Vec<usize> = chunks
            .iter()
            .copied()
            .filter(|chunk| !read.contains(chunk))
            .collect();
        if !read.is_empty() && read.len() + new.len() > TEXT_CHUNKS {
            return false;
        }
        read.extend(new);
        true
    }

    /// Spends `units` if they fit in what is left; returns whether they did. Nothing is spent
    /// when they do not, so a smaller piece of work may still fit.
    pub fn try_spend(&self, units: u64) -> bool {
        let after = self.spent.get().saturating_add(units);
        if after > self.limit {
            return false;
        }
        self.spent.set(after);
        true
    }

    /// Spends `units` that were needed whatever the budget (the least work that answers at
    /// all); the budget may go over, and later optional work then finds none left.
    pub fn spend(&self, units: u64) {
        self.spent.set(self.spent.get().saturating_add(units));
    }

    /// Says how many query words will ask for a [`Budget::share`].
    pub fn expect_words(&self, words: usize) {
        self.words_left.set(words.max(1) as u64);
    }

    /// What one query word may spend on its optional matches (other forms, prefixes, typos):
    /// an even share of what is left among the words still to come.
    pub fn share(&self) -> u64 {
        let words = self.words_left.get().max(1);
        self.words_left.set(words.saturating_sub(1).max(1));
        self.remaining() / words
    }

    /// The units left.
    pub fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.spent.get())
    }

    /// The units spent so far.
    pub fn spent(&self) -> u64 {
        self.spent.get()
    }

    /// Records that the answer leaves something out, in words for a person.
    pub fn note(&self, note: impl Into<String>) {
        self.notes.borrow_mut().add(note.into());
    }

    /// Records that the answer's counts are lower bounds.
    pub fn mark_incomplete(&self) {
        self.notes.borrow_mut().complete = false;
    }

    /// Whether every match was found so far (see [`Notes::complete`]).
    pub fn is_complete(&self) -> bool {
        self.notes.borrow().complete
    }

    /// The notes made so far, leaving them empty.
    pub fn take_notes(&self) -> Notes {
        std::mem::take(&mut self.notes.borrow_mut())
    }
}

/// What an answer left out to stay within its budget or the query language's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notes {
    /// Whether every match was found, so that totals are exact (when not, they are at least).
    pub complete: bool,
    /// Each thing left out, once, in words for a person, in the order met.
    pub messages: Vec<String>,
}

impl Notes {
    /// Adds these notes to `budget`'s, as if its call had made them.
    pub fn add_to(&self, budget: &Budget) {
        if !self.complete {
            budget.mark_incomplete();
        }
        for message in &self.messages {
            budget.note(message.clone());
        }
    }
}

impl Default for Notes {
    fn default() -> Self {
        Notes {
            complete: true,
            messages: Vec::new(),
        }
    }
}

impl Notes {
    /// Adds a message unless it is there already.
    pub fn add(&mut self, message: String) {
        if !self.messages.contains(&message) {
            self.messages.push(message);
        }
    }

    /// Adds every message of `other`, and its incompleteness.
    pub fn extend(&mut self, other: Notes) {
        self.complete &= other.complete;
        other.messages.into_iter().for_each(|m| self.add(m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_stops_at_the_limit_and_keeps_what_fits() {
        let budget = Budget::new(10);
        assert!(budget.try_spend(6));
        assert!(!budget.try_spend(5), "6 + 5 is over 10");
        assert_eq!(budget.spent(), 6, "a refused spend costs nothing");
        assert!(budget.try_spend(4));
        assert_eq!(budget.remaining(), 0);
        budget.spend(3);
        assert_eq!((budget.spent(), budget.remaining()), (13, 0));
        assert!(!budget.try_spend(1));
    }

    #[test]
    fn words_share_what_is_left() {
        let budget = Budget::new(90);
        budget.expect_words(3);
        assert_eq!(budget.share(), 30);
        budget.spend(30);
        assert_eq!(budget.share(), 30, "60 left between two words");
        assert_eq!(
            budget.share(),
            60,
            "the last word may take all that is left"
        );
        assert_eq!(
            budget.share(),
            60,
            "more words than expected share as the last one"
        );
    }

    #[test]
    fn a_call_reads_a_bounded_number_of_chunks() {
        let budget = Budget::new(1);
        for chunk in 0..TEXT_CHUNKS {
            assert!(budget.may_read_chunks(&[chunk * 7]));
        }
        assert!(!budget.may_read_chunks(&[1]), "one chunk too many");
        assert!(budget.may_read_chunks(&[7, 14]), "chunks read already");
        assert!(!budget.may_read_chunks(&[7, 1]), "one of them new");
        assert!(budget.may_read_chunks(&[]), "a text held whole");
        // A text in pieces counts each of its chunks; the first text is read whatever it takes.
        let budget = Budget::new(1);
        let long: Vec<usize> = (0..TEXT_CHUNKS + 8).collect();
        assert!(budget.may_read_chunks(&long));
        assert!(!budget.may_read_chunks(&[1_000]));
        let budget = Budget::new(1);
        assert!(budget.may_read_chunks(&long[..TEXT_CHUNKS - 2]));
        assert!(!budget.may_read_chunks(&long[TEXT_CHUNKS - 2..TEXT_CHUNKS + 1]));
        assert!(budget.may_read_chunks(&long[TEXT_CHUNKS - 2..TEXT_CHUNKS]));
    }

    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(44_126), "44,126");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn notes_are_kept_once_in_order() {
        let budget = Budget::new(1);
        budget.note("b");
        budget.note("a");
        budget.note("b");
        let notes = budget.take_notes();
        assert_eq!(notes.messages, ["b", "a"]);
        assert!(notes.complete);
        budget.mark_incomplete();
        assert!(!budget.take_notes().complete);
    }
}
