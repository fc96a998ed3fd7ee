//! The app's state and every change to it, as a reducer. Each change that
//! touches the order, the policy or the account re-runs the engine once;
//! the last valid quote stays on screen while input needs fixing.

use super::demo;
use super::draft::{Draft, Field, FieldMessage, LineField};
use super::i18n::{fill, Key, Lang};
pub use super::loaded::{LoadedAccount, LoadedPolicy, Source};
use crate::engine::fields::NonEmpty;
use crate::engine::load::text_of;
use crate::engine::problem::{Document, Problem};
use crate::engine::quote::QuoteLine;
use crate::engine::{quote, Account, PreparedPolicy, Quote};
use std::rc::Rc;

/// A file that could not be used, with every problem found in it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    pub source: String,
    pub problems: Vec<Problem>,
}

impl LoadFailure {
    /// A file or URL whose bytes could not be read at all.
    pub fn unreadable(source: String, document: Document, error: &str) -> Self {
        LoadFailure {
            source,
            problems: vec![Problem::new(
                document,
                crate::engine::problem::JsonPath::root(),
                "unreadable_file",
                fill(Key::Unreadable, Lang::Zh, &[("error", error)]),
                fill(Key::Unreadable, Lang::En, &[("error", error)]),
            )],
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub lang: Lang,
    pub policy: Rc<LoadedPolicy>,
    /// Never empty: the partner switcher always has someone to quote for.
    pub accounts: NonEmpty<Rc<LoadedAccount>>,
    pub active: usize,
    pub draft: Draft,
    /// The last valid quote (kept while the input has problems).
    pub quote: Option<Rc<Quote>>,
    /// The quote's lines, each shared: a line whose figures did not change
    /// keeps the very same `Rc`, so its row compares equal by identity and
    /// is neither cloned nor re-rendered.
    pub rows: Rc<Vec<Rc<QuoteLine>>>,
    /// What must be fixed before the quote is current again.
    pub messages: Vec<FieldMessage>,
    pub load_failures: Vec<LoadFailure>,
    pub notices: Vec<Key>,
    /// Counts changes to the policy or the accounts, so autosave writes the
    /// files exactly when they change (a counter, not pointer addresses,
    /// which the allocator may reuse).
    pub files_generation: u64,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

pub enum Action {
    SetLang(Lang),
    /// A policy or account file's bytes arrived (file picker, drop or URL).
    FileLoaded {
        name: String,
        bytes: Vec<u8>,
    },
    LoadFailed(LoadFailure),
    SelectAccount(usize),
    AddLine(String),
    RemoveLine(u64),
    SetLine(u64, LineField, String),
    SetField(Field, String),
    ClearOrder,
    Notice(Key),
    DismissNotices,
    DismissFailures,
}

impl AppState {
    /// The demo policy and accounts, with an empty order dated `today`.
    pub fn demo(lang: Lang, today: &str) -> AppState {
        let mut s = AppState {
            lang,
            policy: Rc::new(demo::policy()),
            accounts: demo_accounts(),
            active: 0,
            draft: Draft::new(today),
            quote: None,
            rows: Rc::default(),
            messages: Vec::new(),
            load_failures: Vec::new(),
            notices: Vec::new(),
            files_generation: 0,
        };
        s.requote();
        s
    }

    /// The demo with a starter order, so the app opens on a live quote.
    pub fn demo_with_sample(lang: Lang, today: &str) -> AppState {
        let mut s = AppState::demo(lang, today);
        for (sku, qty, resale) in [
            ("ERP-STD", 2, "10800.00"),
            ("ERP-USER", 12, "1550.00"),
            ("CLOUD-Y", 5, "4300.00"),
            ("POS-T1", 24, "2200.00"),
            ("SVC-IMPL", 5, "1500.00"),
        ] {
            let key = s.draft.add_line(sku, qty);
            if let Some(line) = s.draft.line_mut(key) {
                line.resale = resale.to_string();
            }
        }
        s.requote();
        s
    }

    pub fn account(&self) -> &LoadedAccount {
        // `active` is kept in range; the first account is the fallback.
        self.accounts.get(self.active).unwrap_or(&self.accounts[0])
    }

    pub fn is_demo(&self) -> bool {
        self.policy.source == Source::Demo
    }

    pub fn messages_for(&self, field: &Field) -> impl Iterator<Item = &FieldMessage> {
        let field = field.clone();
        self.messages.iter().filter(move |m| m.field == field)
    }

    /// Re-runs the engine on the current draft, policy and account.
    /// Quotes the draft; lines priced by a markup then take their resale
    /// price from the fresh net unit price (and the margin is quoted again),
    /// so a markup keeps holding when a quantity or a discount changes.
    pub fn requote(&mut self) {
        self.quote_draft();
        if self.messages.is_empty() && self.quote.is_some() {
            let mode = self.policy.prepared.policy.rounding;
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
                self.quote_draft();
            }
        }
    }

    fn quote_draft(&mut self) {
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
        match quote(&self.policy.prepared, &self.account().account, &order) {
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

    /// Reads a dropped or picked file as a policy or an account, by its
    /// `schema`; the data in use stays until a valid replacement arrives.
    fn load_file(&mut self, name: String, bytes: Vec<u8>) {
        let text = match text_of(&bytes, Document::Policy) {
            Ok(t) => t.to_string(),
            Err(problems) => {
                return self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                })
            }
        };
        if text.contains("\"channel-order/1\"") {
            match crate::engine::Order::from_json_text(&text) {
                Ok(order) => self.draft = Draft::from_order(&order, &self.draft),
                Err(problems) => self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                }),
            }
        } else if text.contains("\"channel-account/1\"") {
            match Account::from_json_text(&text) {
                Ok(account) => {
                    let loaded = LoadedAccount {
                        account,
                        source: Source::File(name),
                        text: text.into(),
                    };
                    self.active = self.accounts.len();
                    self.accounts.push(Rc::new(loaded));
                    self.files_generation += 1;
                }
                Err(problems) => self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                }),
            }
        } else {
            match PreparedPolicy::from_json_bytes(&bytes) {
                Ok(prepared) => {
                    self.policy = Rc::new(LoadedPolicy {
                        prepared,
                        source: Source::File(name),
                        text: text.into(),
                    });
                    let own: Vec<_> = self
                        .accounts
                        .iter()
                        .filter(|a| a.source != Source::Demo)
                        .cloned()
                        .collect();
                    // A real policy with no account yet: keep quoting with
                    // the demo partners until the partner's own arrives.
                    self.accounts = NonEmpty::new(own).unwrap_or_else(demo_accounts);
                    if self.active >= self.accounts.len() {
                        self.active = 0;
                    }
                    self.files_generation += 1;
                }
                Err(problems) => self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                }),
            }
        }
    }
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut requote = true;
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                requote = false;
            }
            Action::FileLoaded { name, bytes } => {
                s.load_failures.clear();
                s.load_file(name, bytes);
            }
            Action::LoadFailed(f) => {
                s.load_failures.push(f);
                requote = false;
            }
            Action::SelectAccount(i) if i < s.accounts.len() => s.active = i,
            Action::SelectAccount(_) => requote = false,
            Action::AddLine(sku) => {
                let multiple = s
                    .policy
                    .prepared
                    .product(&sku)
                    .map_or(1, |p| p.order_multiple.get());
                s.draft.add_line(&sku, multiple);
            }
            Action::RemoveLine(key) => s.draft.lines.retain(|l| l.key != key),
            Action::SetLine(key, field, value) => {
                if let Some(line) = s.draft.line_mut(key) {
                    match field {
                        LineField::Sku => line.sku = value,
                        LineField::Qty => line.qty = value,
                        LineField::Resale => {
                            line.resale = value;
                            line.markup_pct.clear();
                        }
                        LineField::Markup => line.markup_pct = value,
                        LineField::SpecialPrice => line.special_price = value,
                        LineField::Approval => line.approval = value,
                    }
                }
            }
            Action::SetField(field, value) => match field {
                Field::Date => s.draft.date = value,
                Field::DealRegistration => s.draft.deal_registration = value,
                Field::UseRebateCredit => s.draft.use_rebate_credit = value,
                Field::PaymentDays => s.draft.payment_days = value,
                Field::Capital => s.draft.capital_pct = value,
                Field::Freight => s.draft.freight = value,
                Field::OtherCosts => s.draft.other_costs = value,
                Field::Line(..) | Field::General => requote = false,
            },
            Action::ClearOrder => {
                s.draft.lines.clear();
                s.draft.deal_registration.clear();
                s.draft.use_rebate_credit.clear();
            }
            Action::Notice(key) => {
                if !s.notices.contains(&key) {
                    s.notices.push(key);
                }
                requote = false;
            }
            Action::DismissNotices => {
                s.notices.clear();
                requote = false;
            }
            Action::DismissFailures => {
                s.load_failures.clear();
                requote = false;
            }
        }
        if requote {
            s.requote();
        }
        Rc::new(s)
    }
}

/// The demo partners, for a start or a policy without accounts yet.
fn demo_accounts() -> NonEmpty<Rc<LoadedAccount>> {
    demo::accounts().map(Rc::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::Reducible;

    fn spec(rel: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/spec")
                .join(rel),
        )
        .unwrap()
    }

    fn apply(s: Rc<AppState>, a: Action) -> Rc<AppState> {
        s.reduce(a)
    }

    /// Opens SPEC example files, as the file picker would.
    fn open(mut s: Rc<AppState>, files: &[&str]) -> Rc<AppState> {
        for f in files {
            s = apply(
                s,
                Action::FileLoaded {
                    name: (*f).into(),
                    bytes: spec(f),
                },
            );
        }
        s
    }

    #[test]
    fn demo_opens_with_four_partners_and_an_empty_order() {
        let s = AppState::demo(Lang::Zh, "2026-11-26");
        assert!(s.is_demo());
        assert_eq!(s.accounts.len(), 4);
        assert!(s.quote.is_none());
        assert!(s.policy.prepared.policy.products.len() >= 30);
    }

    #[test]
    fn spec_example_1_through_state_changes() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = open(s, &["policy.json", "accounts/gold.json"]);
        assert_eq!(s.account().account.partner_id.as_str(), "P-1001");
        s = apply(s, Action::SetField(Field::Date, "2026-11-20".into()));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft.lines[0].key;
        s = apply(s, Action::SetLine(key, LineField::Qty, "12".into()));
        let q = s.quote.clone().unwrap();
        assert_eq!(q.lines[0].net_amount.to_string(), "13338.00");
        assert_eq!(q.totals.gross_amount.to_string(), "15071.94");
        // A bad quantity keeps the last good quote and says where.
        s = apply(s, Action::SetLine(key, LineField::Qty, "12a".into()));
        assert_eq!(
            s.quote.as_ref().unwrap().totals.gross_amount.to_string(),
            "15071.94"
        );
        assert_eq!(s.messages_for(&Field::Line(key, LineField::Qty)).count(), 1);
        assert_eq!(s.draft.lines[0].qty, "12a");
    }

    #[test]
    fn the_sample_order_quotes_with_margin() {
        let s = AppState::demo_with_sample(Lang::Zh, "2026-11-26");
        let q = s.quote.as_ref().unwrap();
        assert!(q.margin.is_some(), "{:?}", s.messages);
        assert_eq!(q.rebates.len(), 2);
    }

    #[test]
    fn a_malformed_policy_file_keeps_the_policy_in_use() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let before = s.quote.clone().unwrap();
        s = apply(
            s,
            Action::FileLoaded {
                name: "broken.json".into(),
                bytes: b"{\"schema\": \"channel-policy/1\", \"id\": 5".to_vec(),
            },
        );
        assert_eq!(s.load_failures.len(), 1);
        assert!(s.is_demo());
        assert_eq!(s.quote.as_ref().unwrap().totals, before.totals);
    }

    #[test]
    fn an_order_file_becomes_the_draft() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = open(
            s,
            &[
                "policy.json",
                "accounts/gold.json",
                "orders/ex13-margin.json",
            ],
        );
        let m = s.quote.as_ref().unwrap().margin.clone().unwrap();
        assert_eq!(m.net_margin.to_string(), "5796.22");
        assert_eq!(m.net_margin_pct.unwrap().to_string(), "0.3019");
    }

    #[test]
    fn markup_fills_the_resale_price() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft.lines[0].key;
        let unit = s.quote.as_ref().unwrap().lines[0].net_unit_price;
        s = apply(s, Action::SetLine(key, LineField::Markup, "20".into()));
        let expected = crate::engine::money::RoundingMode::HalfUp
            .money(unit * rust_decimal::Decimal::new(12, 1));
        assert_eq!(s.draft.lines[0].resale, expected.to_string());
        assert!(s.quote.as_ref().unwrap().margin.is_some());
    }

    #[test]
    fn a_markup_keeps_holding_when_the_unit_price_changes() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft.lines[0].key;
        s = apply(s, Action::SetLine(key, LineField::Markup, "20".into()));
        // A volume break moves the unit price; the resale follows it.
        s = apply(s, Action::SetLine(key, LineField::Qty, "60".into()));
        let q = s.quote.as_ref().unwrap();
        let unit = q.lines[0].net_unit_price;
        let expected = crate::engine::money::RoundingMode::HalfUp
            .money(unit * rust_decimal::Decimal::new(12, 1));
        assert_eq!(s.draft.lines[0].resale, expected.to_string());
        // The margin was quoted with that resale price.
        let revenue = q.margin.as_ref().unwrap().revenue;
        assert_eq!(
            revenue,
            crate::engine::money::RoundingMode::HalfUp
                .money(expected * rust_decimal::Decimal::from(60))
        );
        // Typing a resale price by hand ends the markup.
        s = apply(s, Action::SetLine(key, LineField::Resale, "1.00".into()));
        assert!(s.draft.lines[0].markup_pct.is_empty());
    }
}
