//! One alternative order a partner is weighing (方案): its draft, the
//! level a sales rep may simulate for it, and its last quote. The app
//! keeps up to four side by side; each is quoted by the engine exactly as
//! the main order is, so every column is explained the same way.

use super::draft::{Draft, FieldMessage};
use crate::engine::fields::Id;
use crate::engine::quote::QuoteLine;
use crate::engine::{quote, Account, PreparedPolicy, Quote};
use std::borrow::Cow;
use std::rc::Rc;

/// At most this many scenarios: four columns still fit a laptop screen.
pub const MAX_SCENARIOS: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// A stable letter (A, B, C, D) the partner refers to it by; a removed
    /// scenario does not rename the others.
    pub letter: char,
    /// A name the partner gave it; empty for none.
    pub name: String,
    pub draft: Draft,
    /// "What if my level were …": a level the vendor's sales staff
    /// simulates. Marked as a simulation on screen and never submitted.
    pub what_if_level: Option<String>,
    /// The last valid quote (kept while the input has problems).
    pub quote: Option<Rc<Quote>>,
    /// The quote's lines, each shared: a line whose figures did not change
    /// keeps the very same `Rc`, so its row compares equal by identity and
    /// is neither cloned nor re-rendered.
    pub rows: Rc<Vec<Rc<QuoteLine>>>,
    /// What must be fixed before the quote is current again.
    pub messages: Vec<FieldMessage>,
    /// Orders of this scenario the vendor accepted: the next submission is
    /// a new request, with a new id.
    pub submitted: u32,
}

impl Scenario {
    pub fn new(letter: char, draft: Draft) -> Scenario {
        Scenario {
            letter,
            name: String::new(),
            draft,
            what_if_level: None,
            quote: None,
            rows: Rc::default(),
            messages: Vec::new(),
            submitted: 0,
        }
    }

    /// A copy to change freely: same order and simulation, its own letter.
    pub fn duplicate(&self, letter: char) -> Scenario {
        Scenario {
            letter,
            name: String::new(),
            submitted: 0,
            ..self.clone()
        }
    }

    /// Whether this scenario prices a level the partner does not hold.
    pub fn is_simulation(&self, account: &Account) -> bool {
        self.what_if_level
            .as_deref()
            .is_some_and(|l| l != account.level.as_str())
    }

    /// The account the scenario is quoted for: the partner's own, or a copy
    /// at the simulated level.
    pub fn account_for<'a>(&self, account: &'a Account) -> Cow<'a, Account> {
        match self.what_if_level.as_deref().map(Id::new) {
            Some(Ok(level)) if level != account.level => {
                let mut simulated = account.clone();
                simulated.level = level;
                Cow::Owned(simulated)
            }
            _ => Cow::Borrowed(account),
        }
    }

    /// Re-runs the engine on the draft. Lines priced by a markup then take
    /// their resale price from the fresh net unit price (and the margin is
    /// quoted again), so a markup keeps holding when a quantity or a
    /// discount changes.
    pub fn requote(&mut self, policy: &PreparedPolicy, account: &Account) {
        let account = self.account_for(account).into_owned();
        self.quote_draft(policy, &account);
        if self.messages.is_empty() && self.quote.is_some() {
            let mode = policy.policy.rounding;
            let quote = self.quote.clone();
            let before: Vec<String> = self.draft.lines.iter().map(|l| l.resale.clone()).collect();
            let marked: Vec<u64> = self
                .draft
                .lines
                .iter()
                .filter(|l| !l.markup_pct.trim().is_empty())
                .map(|l| l.key)
                .collect();
            for key in marked {
                self.draft.apply_markup(key, quote.as_deref(), mode);
            }
            if self.draft.lines.iter().map(|l| &l.resale).ne(before.iter()) {
                self.quote_draft(policy, &account);
            }
        }
    }

    fn quote_draft(&mut self, policy: &PreparedPolicy, account: &Account) {
        self.messages.clear();
        if self.draft.lines.is_empty() {
            self.quote = None;
            self.rows = Rc::default();
            return;
        }
        let order = match self.draft.to_order() {
            Ok(o) => o,
            Err(messages) => {
                self.messages = messages;
                return;
            }
        };
        match quote(policy, account, &order) {
            Ok(q) => {
                let rows = q
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| match self.rows.get(i) {
                        Some(old) if **old == *line => old.clone(),
                        _ => Rc::new(line.clone()),
                    })
                    .collect();
                self.rows = Rc::new(rows);
                self.quote = Some(Rc::new(q));
            }
            Err(problems) => self.messages = problems.iter().map(|p| self.draft.place(p)).collect(),
        }
    }
}

/// The first letter of A–Z not taken by `taken`.
pub fn next_letter(taken: impl Iterator<Item = char> + Clone) -> char {
    ('A'..='Z')
        .find(|c| !taken.clone().any(|t| t == *c))
        .unwrap_or('Z')
}
