//! Searching further: a phrase, or words near each other, checked in only some of the
//! documents that hold all its words is kept with what was found, so that the same search
//! asked to go further checks the documents after those rather than the same ones again.
//!
//! A phrase of common words in a large collection spends a call's budget reading its words,
//! and then checks its first documents alone (see `phrase`); the answer says so. A person who
//! wants every document asks again, as many times as it takes, and sees the hits grow:
//! [`SearchOptions::further`](super::SearchOptions::further). Each call is bounded: the checks
//! of all its phrases share one more budget, besides the call's, which reads their words.
//! What is kept is only what a call that had everything it read found, so that a call that
//! waited for chunks checks the same documents again once they have come.

use std::cell::RefCell;

use crate::index::DocId;

use super::forms::Matcher;
use super::Corpus;

/// How many checks are kept, the oldest let go first: a person goes further in one search at a
/// time, and a query of [`crate::search::MAX_QUERY_CHARS`] holds fewer phrases than this
/// unless most are one letter a word. A search whose phrases are more goes further with the
/// last ones, starting the first ones again each call.
const KEPT: usize = 128;

/// How many documents found the checks kept may list in all, the oldest let go first (but the
/// last kept, which goes on whatever it holds): a phrase of common words searched further to
/// the end of a large collection lists most of its documents.
const FOUND_AT_MOST: usize = 2_000_000;

/// How far the documents that hold every word of one phrase (or of one `NEAR`) were checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Progress {
    /// How many of the documents that hold every word were checked, in corpus order.
    pub(super) checked: usize,
    /// How many documents hold every word: a check is resumed only among the same ones (the
    /// parts of words near each other may be phrases that went further meanwhile).
    pub(super) of: usize,
    /// Those of them where it was found, in corpus order, each with its positions: where the
    /// phrase starts, or the positions that stand near enough.
    pub(super) found: Vec<(DocId, Vec<u32>)>,
}

/// The checks kept, each under the phrase it belongs to (its text and what its words stand
/// for): the most recent last.
#[derive(Debug, Default)]
pub(super) struct Checks {
    kept: RefCell<Vec<(String, Progress)>>,
}

impl Checks {
    /// How far the check named `key` of `of` documents went, when it is kept, taken out of the
    /// store (the caller keeps it again, gone further, or as it was when its call waited for
    /// chunks: a phrase of common words may have found most of a large collection, too much to
    /// copy on every call); none checked otherwise.
    pub(super) fn take(&self, key: &str, of: usize) -> Progress {
        let mut kept = self.kept.borrow_mut();
        match kept
            .iter()
            .position(|(k, progress)| k == key && progress.of == of)
        {
            Some(at) => kept.remove(at).1,
            None => Progress {
                of,
                ..Progress::default()
            },
        }
    }

    /// Keeps how far the check named `key` went, in place of what was kept under it unless
    /// that went further among the same documents (a search that starts again checks what was
    /// checked already), letting the oldest go past [`KEPT`] checks or [`FOUND_AT_MOST`]
    /// documents found.
    pub(super) fn keep(&self, key: String, progress: Progress) {
        let mut kept = self.kept.borrow_mut();
        let progress = match kept.iter().position(|(k, _)| *k == key) {
            Some(at) => {
                let (_, before) = kept.remove(at);
                match before.of == progress.of && before.checked > progress.checked {
                    true => before,
                    false => progress,
                }
            }
            None => progress,
        };
        kept.push((key, progress));
        let found = |kept: &[(String, Progress)]| -> usize {
            kept.iter().map(|(_, progress)| progress.found.len()).sum()
        };
        while kept.len() > KEPT || (kept.len() > 1 && found(&kept) > FOUND_AT_MOST) {
            kept.remove(0);
        }
    }
}

impl Corpus {
    /// Keeps under `key` how far the check of a phrase or of words near each other went, as a
    /// call that had everything it read would leave it: the documents `found` among the `of`
    /// that hold every part, all checked unless it `stopped` short at one. Kept when it
    /// stopped or the call goes further. A call that waited for chunks keeps what it was given
    /// (it checked from `start`, with the first `found_before` of `found` found before), so
    /// that the call asked again once they have come checks the same documents.
    pub(super) fn keep_check(
        &self,
        key: String,
        matcher: &Matcher,
        found: Vec<(DocId, Vec<u32>)>,
        (stopped, of): (Option<usize>, usize),
        (start, found_before): (usize, usize),
    ) {
        if stopped.is_none() && matcher.further().is_none() {
            return;
        }
        let mut progress = Progress {
            checked: stopped.unwrap_or(of),
            of,
            found,
        };
        if self.index.waits_for_chunks() {
            progress.found.truncate(found_before);
            progress.checked = start;
        }
        self.checks.keep(key, progress);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_is_taken_where_it_was_kept_and_the_oldest_let_go() {
        let checks = Checks::default();
        let none = |of| Progress {
            of,
            ..Progress::default()
        };
        assert_eq!(checks.take("a", 500), none(500));
        let progress = Progress {
            checked: 64,
            of: 500,
            found: vec![(3, vec![10, 40])],
        };
        checks.keep("a".into(), progress.clone());
        assert_eq!(
            checks.take("a", 501),
            none(501),
            "other documents hold the words"
        );
        assert_eq!(checks.take("a", 500), progress);
        assert_eq!(checks.take("a", 500), none(500), "taken, until kept again");
        let further = Progress {
            checked: 128,
            of: 500,
            found: vec![(3, vec![10, 40]), (90, vec![2])],
        };
        checks.keep("a".into(), further.clone());
        checks.keep("a".into(), progress.clone());
        assert_eq!(
            checks.take("a", 500),
            further,
            "checking again keeps what went further"
        );
        checks.keep("a".into(), further.clone());
        for i in 0..KEPT {
            checks.keep(format!("b{i}"), none(1));
        }
        assert_eq!(checks.take("a", 500), none(500), "the oldest is let go");
        assert_eq!(checks.kept.borrow().len(), KEPT);
        // Past the documents found that may be kept, the oldest go, but never the last one.
        let many = |of| Progress {
            checked: of,
            of,
            found: (0..of as DocId).map(|doc| (doc, Vec::new())).collect(),
        };
        checks.keep("big".into(), many(FOUND_AT_MOST / 2 + 1));
        checks.keep("bigger".into(), many(FOUND_AT_MOST / 2 + 1));
        assert_eq!(checks.kept.borrow().len(), 1);
        assert_eq!(
            checks.take("bigger", FOUND_AT_MOST / 2 + 1).checked,
            FOUND_AT_MOST / 2 + 1
        );
        checks.keep("huge".into(), many(FOUND_AT_MOST + 1));
        assert_eq!(
            checks.kept.borrow().len(),
            1,
            "the last one is kept whatever it holds"
        );
    }
}
