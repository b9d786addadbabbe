//! Forms: which corpus words a query word stands for, under the rule of the call, and the
//! report of them that lets a person see, and change, what was matched.
//!
//! A search finds documents, so it is generous: other forms of a word (the same stem), a few
//! completions of the word being typed, near spellings of a word the corpus lacks. A count is
//! cited, so it is exact: each word's own form (folded for case and diacritics), every
//! completion of `word*`, and only what [`Forms`] adds. Either way the answer lists the forms,
//! so that nothing is counted or found unseen.

use std::cell::{Cell, RefCell};

use serde::{Deserialize, Serialize};

use super::Corpus;
use crate::budget::{cost, Budget, WORK_LIMIT};
use crate::error::Error;
use crate::index::{DocId, TermId};
use crate::query::Word;
use crate::score::MatchKind;

/// What a count includes beyond each word's own form (the forms option of
/// [`Corpus::concordance`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Forms {
    /// Other forms of each word: the words with the same stem (`wars`, `warring` for `war`).
    pub stems: bool,
    /// Near spellings of each word (within the typos a search forgives).
    pub typos: bool,
    /// Corpus words to count too, each when it is another form, a completion or a near
    /// spelling of a query word (folded, as listed in [`Form::form`]).
    pub include: Vec<String>,
    /// Corpus words not to count, whatever else says so (even a word's own form).
    pub exclude: Vec<String>,
}

/// How query words are matched to corpus terms.
#[derive(Debug, Clone, Copy)]
pub(super) enum Rule<'a> {
    /// For finding documents (see the module documentation).
    Search,
    /// For counting, with what the caller adds or removes.
    Count(&'a Forms),
}

/// The corpus terms one word stands for, and those it could stand for but does not.
#[derive(Debug, Clone, Default)]
pub(super) struct Expansion {
    /// The terms matched, each with how.
    pub(super) terms: Vec<(TermId, MatchKind)>,
    /// Forms offered but not matched (a count's other forms, or forms excluded).
    pub(super) others: Vec<(TermId, MatchKind)>,
}

/// What one query word stood for, as recorded while evaluating.
#[derive(Debug, Clone)]
pub(super) struct Expanded {
    /// The word as typed.
    pub(super) text: String,
    pub(super) word: Word,
    pub(super) expansion: Expansion,
}

/// Matches words to terms under a [`Rule`], recording what each word stood for.
#[derive(Debug)]
pub(super) struct Matcher<'a> {
    pub(super) rule: Rule<'a>,
    record: RefCell<Vec<Expanded>>,
    /// When phrases and words near each other checked in part by the last call of the same
    /// query go on from where they stopped (see `further`): the budget their checks share, as
    /// reading their words spends the call's.
    further: Option<Budget>,
    /// Whether one of them was checked in part, so that asking again further checks more.
    stopped_short: Cell<bool>,
    /// The words of the texts the call's phrases were checked in (see `phrase_texts`), which
    /// they share, so that a query of many phrases of common words segments no more text than
    /// one budget's worth.
    scanned: Budget,
}

impl<'a> Matcher<'a> {
    /// A matcher for searches.
    pub(super) fn search() -> Self {
        Self::new(Rule::Search)
    }

    /// A matcher for counts.
    pub(super) fn count(forms: &'a Forms) -> Self {
        Self::new(Rule::Count(forms))
    }

    fn new(rule: Rule<'a>) -> Self {
        Matcher {
            rule,
            record: RefCell::new(Vec::new()),
            further: None,
            stopped_short: Cell::new(false),
            scanned: Budget::new(WORK_LIMIT),
        }
    }

    /// This matcher, going on from where the checks of the last search stopped when
    /// `further`, with a budget of [`WORK_LIMIT`] for all the checks of the call.
    pub(super) fn going_further(self, further: bool) -> Self {
        Matcher {
            further: further.then(|| Budget::new(WORK_LIMIT)),
            ..self
        }
    }

    /// The budget of the checks going further, when the call goes further.
    pub(super) fn further(&self) -> Option<&Budget> {
        self.further.as_ref()
    }

    /// The budget of checking phrases in texts, which the call's phrases share.
    pub(super) fn scanned(&self) -> &Budget {
        &self.scanned
    }

    /// What the checks going further spent, added to the call's `budget`: its work counts all.
    pub(super) fn count_further_work(&self, budget: &Budget) {
        if let Some(further) = &self.further {
            budget.spend(further.spent());
        }
    }

    /// Says that a phrase or words near each other were checked in part.
    pub(super) fn stopped_short(&self) {
        self.stopped_short.set(true);
    }

    /// Whether some phrase or words near each other were checked in part.
    pub(super) fn has_stopped_short(&self) -> bool {
        self.stopped_short.get()
    }

    /// Records what a word stood for; a word met again is recorded once.
    pub(super) fn record(&self, text: &str, word: &Word, expansion: &Expansion) {
        let mut record = self.record.borrow_mut();
        if !record.iter().any(|e| &e.word == word) {
            record.push(Expanded {
                text: text.to_string(),
                word: word.clone(),
                expansion: expansion.clone(),
            });
        }
    }

    /// Whether `word` matched through other forms of its stem alone (the corpus lacks it as
    /// typed, and its near spellings were then not looked for).
    pub(super) fn through_stems_alone(&self, word: &Word) -> bool {
        self.record.borrow().iter().any(|e| {
            &e.word == word
                && !e.expansion.terms.is_empty()
                && e.expansion
                    .terms
                    .iter()
                    .all(|&(_, kind)| kind == MatchKind::Stem)
        })
    }

    /// What each word stood for, in the order the words were met.
    pub(super) fn take_record(&self) -> Vec<Expanded> {
        self.record.take()
    }
}

/// The most forms listed for one word; the rest are counted in [`WordForms::unlisted`].
pub const MAX_FORMS: usize = 100;

/// The corpus words one query word stood for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WordForms {
    /// The query word as typed.
    pub word: String,
    /// Its forms: those matched first, then those offered; each group most frequent first.
    pub forms: Vec<Form>,
    /// How many more forms there are than listed (at most [`MAX_FORMS`] are).
    pub unlisted: usize,
}

/// One corpus word behind a query word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Form {
    /// The corpus word, folded.
    pub form: String,
    /// How it relates to the query word.
    pub kind: MatchKind,
    /// Whether it was matched (counted, found); if not, it is offered.
    pub included: bool,
    /// Occurrences: in the documents counted when included, else in the documents a count
    /// could add it from (in a search: in every document).
    pub count: u32,
    /// Documents it occurs in, on the same terms as `count`.
    pub documents: u32,
}

impl Corpus {
    /// The report of what each recorded word stood for: occurrences of each matched form in
    /// `documents` (sorted; `None` for every document) and of each offered one in `open`
    /// (sorted; `None` for every document). Counting reads the forms' postings while the
    /// budget pays; a form it cannot pay for is listed with what it found so far, and a note
    /// says so. Fails when postings cannot be read (the index is damaged).
    pub(super) fn word_forms(
        &self,
        record: &[Expanded],
        documents: Option<&[DocId]>,
        open: Option<&[DocId]>,
        budget: &Budget,
    ) -> Result<Vec<WordForms>, Error> {
        let mut out = Vec::new();
        let mut short = false;
        for expanded in record {
            let mut forms: Vec<Form> = Vec::new();
            let groups = [
                (&expanded.expansion.terms, true, documents),
                (&expanded.expansion.others, false, open),
            ];
            for (terms, included, within) in groups {
                let mut group: Vec<Form> = Vec::new();
                // A term of titles alone is no form of the texts.
                let in_texts = terms
                    .iter()
                    .filter(|&&(t, _)| self.index.occurrences(t) > 0);
                for &(term, kind) in in_texts {
                    let (count, docs) = self.occurrences(term, within, budget, &mut short)?;
                    group.push(Form {
                        form: self.index.term(term).to_string(),
                        kind,
                        included,
                        count,
                        documents: docs,
                    });
                }
                group.sort_by(|a, b| {
                    (a.kind != MatchKind::Exact)
                        .cmp(&(b.kind != MatchKind::Exact))
                        .then(b.count.cmp(&a.count))
                        .then_with(|| a.form.cmp(&b.form))
                });
                forms.extend(group);
            }
            let unlisted = forms.len().saturating_sub(MAX_FORMS);
            forms.truncate(MAX_FORMS);
            out.push(WordForms {
                word: expanded.text.clone(),
                forms,
                unlisted,
            });
        }
        if short {
            budget.note(
                "Some forms were counted in part only: counting them all would take too long.",
            );
        }
        Ok(out)
    }

    /// A term's occurrences and documents among `within` (sorted), or everywhere (read from
    /// the index, no postings decoded).
    fn occurrences(
        &self,
        term: TermId,
        within: Option<&[DocId]>,
        budget: &Budget,
        short: &mut bool,
    ) -> Result<(u32, u32), Error> {
        // Over every document, the index holds both numbers already.
        let Some(within) = within else {
            return Ok((
                self.index.occurrences(term),
                self.index.document_frequency(term),
            ));
        };
        let postings = self.index.posting_refs(term)?;
        let (mut count, mut documents) = (0u32, 0u32);
        for posting in postings {
            if !budget.try_spend(cost::POSTING) {
                *short = true;
                break;
            }
            if within.binary_search(&posting.doc).is_ok() {
                count += posting.tf;
                documents += 1;
            }
        }
        Ok((count, documents))
    }
}
