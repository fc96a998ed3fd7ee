//! Saved quotes (保存的报价) and share links (分享链接): the parts that
//! need no browser, so they are tested natively.
//!
//! A saved quote keeps what was typed (the scenario's draft and simulated
//! level) with a summary for the list (partner, date, payable, credit
//! decision, policy); the quote itself is not kept but quoted again when
//! it is opened. The list lives under its own storage key, versioned, and
//! is read back as untrusted data: each entry is read on its own, so a
//! damaged one is skipped and reported while the others survive.
//!
//! A share link carries one scenario's order only (not the policy, not the
//! account) as compact JSON, with the id, version and hash of the policy it
//! was made under: `#share=v1.<base64url(zlib(JSON))>`. The browser
//! compresses and encodes (`share_browser`); this module writes and reads
//! the JSON. Both the link and a saved entry hold the draft as rows of
//! texts ([`draft_rows`]): short, and one reader in the wasm for both.
//!
//! Opening either makes a new scenario when there is room (at most
//! [`MAX_SCENARIOS`]); otherwise it replaces the scenario being edited, and
//! the panel says which one it replaced (no confirm: the replaced scenario
//! is either saved already or one click away from being saved first).

use super::draft::{Draft, DraftLine};
use super::scenario::{next_letter, Scenario, MAX_SCENARIOS};
use super::state::{AppState, Mode};
use super::stored::{self, Stored};
use crate::engine::credit::Decision;
use crate::engine::PreparedPolicy;
use rust_decimal::Decimal;
use std::rc::Rc;

/// The saved quotes: their own key, apart from the autosaved session.
pub const SAVED_KEY: &str = "channel-quote.saved";
/// Where a list that could not be read at all is set aside, so that the
/// next save (which starts a new list) does not destroy it.
pub const SAVED_UNREADABLE_KEY: &str = "channel-quote.saved.unreadable";
pub const SAVED_VERSION: u32 = 1;
/// What a share link's fragment starts with (format version 1).
pub const SHARE_PREFIX: &str = "#share=v1.";
/// At most this many lines are read from a share link or a saved quote.
const MAX_LINES: usize = 1000;
/// At most this many characters in one text of a share link.
const MAX_TEXT: usize = 200;

/// One saved quote.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedQuote {
    pub id: String,
    pub name: String,
    pub partner_id: String,
    pub partner_name: String,
    pub order_date: String,
    pub currency: String,
    /// The payable when it was saved, as a decimal text (shown in the list;
    /// opening quotes again). Text, not `Decimal`: a `Decimal` read from
    /// JSON would bring float formatting into the wasm.
    pub payable: String,
    /// The credit decision when it was saved, as the engine names it.
    pub credit: String,
    pub policy_id: String,
    pub policy_version: String,
    pub policy_hash: String,
    /// Local time, `YYYY-MM-DD HH:MM`.
    pub saved_at: String,
    pub draft: Draft,
    pub what_if_level: Option<String>,
}

/// What a stored entry's first row holds, in order (then the simulated
/// level, if any).
pub const META: [&str; 12] = [
    "id",
    "name",
    "partner_id",
    "partner_name",
    "order_date",
    "currency",
    "payable",
    "credit",
    "policy_id",
    "policy_version",
    "policy_hash",
    "saved_at",
];

impl SavedQuote {
    /// The entry as stored: its first row [`META`] (and the simulated
    /// level), then the draft's rows ([`draft_rows`]).
    fn rows(&self) -> Vec<Vec<&str>> {
        let mut meta = vec![
            self.id.as_str(),
            &self.name,
            &self.partner_id,
            &self.partner_name,
            &self.order_date,
            &self.currency,
            &self.payable,
            &self.credit,
            &self.policy_id,
            &self.policy_version,
            &self.policy_hash,
            &self.saved_at,
        ];
        meta.extend(self.what_if_level.as_deref());
        std::iter::once(meta)
            .chain(draft_rows(&self.draft))
            .collect()
    }

    fn from_rows(mut rows: Vec<Vec<String>>) -> Option<SavedQuote> {
        if rows.is_empty() {
            return None;
        }
        let draft = draft_of_rows(&rows[1..])?;
        let mut meta = rows.swap_remove(0).into_iter();
        let mut next = || meta.next();
        let q = SavedQuote {
            id: next()?,
            name: next()?,
            partner_id: next()?,
            partner_name: next()?,
            order_date: next()?,
            currency: next()?,
            payable: next()?,
            credit: next()?,
            policy_id: next()?,
            policy_version: next()?,
            policy_hash: next()?,
            saved_at: next()?,
            what_if_level: next(),
            draft,
        };
        next().is_none().then_some(q)
    }
}

/// A draft as rows of texts: first `[date, deal registration, rebate
/// credit, payment days, capital %, freight, other costs, payment option,
/// expected days, credit override]` (the last three SPEC-v2's; older rows
/// stop at other costs), then one row
/// per line, `[sku, qty, resale, markup %, special price, approval]`; each
/// row without its trailing blanks. Share links and saved quotes both
/// carry a draft so: compact, and the wasm has one reader and one writer
/// (`Vec<Vec<String>>`) for both, not a deserializer per struct.
pub fn draft_rows(d: &Draft) -> Vec<Vec<&str>> {
    fn row<'a>(texts: &[&'a String]) -> Vec<&'a str> {
        let mut row: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
        while row.last().is_some_and(|t| t.is_empty()) {
            row.pop();
        }
        row
    }
    let head = row(&[
        &d.date,
        &d.deal_registration,
        &d.use_rebate_credit,
        &d.payment_days,
        &d.capital_pct,
        &d.freight,
        &d.other_costs,
        &d.payment_option,
        &d.expected_days,
        &d.credit_override,
    ]);
    std::iter::once(head)
        .chain(d.lines.iter().map(|l| {
            row(&[
                &l.sku,
                &l.qty,
                &l.resale,
                &l.markup_pct,
                &l.special_price,
                &l.approval,
            ])
        }))
        .collect()
}

/// The draft in `rows` ([`draft_rows`]), if they are sound: at most
/// [`MAX_LINES`] lines, each with a SKU, no row too long, no text longer
/// than [`MAX_TEXT`]. Lines keyed 0, 1, ….
pub fn draft_of_rows(rows: &[Vec<String>]) -> Option<Draft> {
    let (head, lines) = rows.split_first()?;
    let sound = head.len() <= 10
        && lines.len() <= MAX_LINES
        && lines
            .iter()
            .all(|l| (1..=6).contains(&l.len()) && !l[0].is_empty())
        && rows.iter().flatten().all(|t| t.chars().count() <= MAX_TEXT);
    if !sound {
        return None;
    }
    let at = |row: &[String], i: usize| row.get(i).cloned().unwrap_or_default();
    Some(Draft {
        date: at(head, 0),
        deal_registration: at(head, 1),
        use_rebate_credit: at(head, 2),
        payment_days: at(head, 3),
        capital_pct: at(head, 4),
        freight: at(head, 5),
        other_costs: at(head, 6),
        payment_option: at(head, 7),
        expected_days: at(head, 8),
        credit_override: at(head, 9),
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, l)| DraftLine {
                key: i as u64,
                sku: at(l, 0),
                qty: at(l, 1),
                resale: at(l, 2),
                markup_pct: at(l, 3),
                special_price: at(l, 4),
                approval: at(l, 5),
            })
            .collect(),
        next_key: lines.len() as u64,
    })
}

impl SavedQuote {
    /// Saved under a policy other than `policy` (its hash differs).
    pub fn other_policy(&self, policy: &PreparedPolicy) -> bool {
        self.policy_hash != policy.hash
    }

    /// The payable when it was saved.
    pub fn payable(&self) -> Option<Decimal> {
        self.payable.parse().ok()
    }

    /// The credit decision, if it is one the engine knows.
    pub fn decision(&self) -> Option<Decision> {
        decision_of(&self.credit)
    }

    /// What opening it asks of the app.
    pub fn opening(&self) -> Opening {
        Opening {
            name: self.name.clone(),
            draft: self.draft.clone(),
            what_if_level: self.what_if_level.clone(),
            partner_id: Some(self.partner_id.clone()),
        }
    }
}

pub fn decision_name(d: Decision) -> &'static str {
    d.name()
}

pub fn decision_of(name: &str) -> Option<Decision> {
    Decision::ALL.into_iter().find(|d| d.name() == name)
}

/// The list as read from storage.
#[derive(Debug, Default, PartialEq)]
pub struct ReadList {
    pub quotes: Vec<SavedQuote>,
    /// Entries that were damaged and skipped.
    pub skipped: usize,
    /// Nothing could be read (damaged as a whole, or another version).
    pub unreadable: bool,
}

/// Reads the stored list; `None` (nothing stored) is an empty list.
pub fn read_list(text: Option<&str>) -> ReadList {
    let Some(text) = text else {
        return ReadList::default();
    };
    let unreadable = ReadList {
        unreadable: true,
        ..ReadList::default()
    };
    let Ok(json) = crate::engine::json::Json::parse(text) else {
        return unreadable;
    };
    let list = stored::members(&json).and_then(|m| {
        let version = stored::get(m, "version").and_then(u32::read)?;
        match stored::get(m, "quotes")? {
            crate::engine::json::Json::Array(quotes) if version == SAVED_VERSION => Some(quotes),
            _ => None,
        }
    });
    let Some(list) = list else {
        return unreadable;
    };
    let mut out = ReadList::default();
    for entry in list {
        let q = Vec::<Vec<String>>::read(entry).and_then(SavedQuote::from_rows);
        match q {
            Some(q) if q.is_sound() && !out.quotes.iter().any(|x| x.id == q.id) => {
                out.quotes.push(q.tidied())
            }
            _ => out.skipped += 1,
        }
    }
    out
}

impl SavedQuote {
    /// What the types alone do not check.
    fn is_sound(&self) -> bool {
        !self.id.is_empty()
            && self.id.len() <= 40
            && self.draft.lines.len() <= MAX_LINES
            && self.decision().is_some()
            && self.payable().is_some()
    }

    fn tidied(mut self) -> SavedQuote {
        self.name = clip_name(&self.name);
        self
    }
}

/// The list as stored.
pub fn write_list(quotes: &[SavedQuote]) -> String {
    let rows: Vec<Vec<Vec<&str>>> = quotes.iter().map(SavedQuote::rows).collect();
    let mut out = String::new();
    let mut w = stored::ObjectWriter::new(&mut out);
    w.member("version", &SAVED_VERSION).member("quotes", &rows);
    w.end();
    out
}

/// A name as kept: trimmed, at most 80 characters.
pub fn clip_name(name: &str) -> String {
    name.trim().chars().take(80).collect()
}

/// The name a quote is saved under when none is given: the partner's name
/// and the order date (and the scenario's name, if it has one).
pub fn default_name(state: &AppState) -> String {
    let s = state.scenario();
    let mut name = format!("{} {}", state.account().account.name, s.draft.date.trim());
    if !s.name.trim().is_empty() {
        name = format!("{name} · {}", s.name.trim());
    }
    clip_name(&name)
}

/// An id not yet in `list`, from the time in milliseconds.
pub fn new_id(now_ms: u64, list: &[SavedQuote]) -> String {
    (now_ms..)
        .map(|n| format!("q{n:x}"))
        .find(|id| !list.iter().any(|q| &q.id == id))
        .unwrap_or_default()
}

/// The scenario being edited as a saved quote, if it has a current quote
/// (nothing to fix): what was typed plus the summary the list shows.
pub fn entry_from(
    state: &AppState,
    name: &str,
    id: String,
    saved_at: String,
) -> Option<SavedQuote> {
    let s = state.scenario();
    let q = s.quote.as_ref().filter(|_| s.messages.is_empty())?;
    let account = &state.account().account;
    let p = &state.policy.prepared;
    let name = match clip_name(name) {
        n if n.is_empty() => default_name(state),
        n => n,
    };
    Some(SavedQuote {
        id,
        name,
        partner_id: account.partner_id.to_string(),
        partner_name: account.name.clone(),
        order_date: s.draft.date.trim().to_string(),
        currency: q.currency.clone(),
        payable: q.totals.payable.to_string(),
        credit: decision_name(q.credit.decision).to_string(),
        policy_id: p.policy.id.to_string(),
        policy_version: p.policy.version.to_string(),
        policy_hash: p.hash.clone(),
        saved_at,
        draft: s.draft.clone(),
        what_if_level: s.what_if_level.clone(),
    })
}

/// A copy of entry `id`, placed right after it, under a new id and name.
pub fn duplicate(
    list: &[SavedQuote],
    id: &str,
    new_id: String,
    name: &str,
    saved_at: String,
) -> Option<Vec<SavedQuote>> {
    let i = list.iter().position(|q| q.id == id)?;
    let mut out = list.to_vec();
    out.insert(
        i + 1,
        SavedQuote {
            id: new_id,
            name: clip_name(name),
            saved_at,
            ..list[i].clone()
        },
    );
    Some(out)
}

/// Entry `id` renamed (a blank name keeps the old one).
pub fn rename(list: &[SavedQuote], id: &str, name: &str) -> Option<Vec<SavedQuote>> {
    let name = clip_name(name);
    let i = list.iter().position(|q| q.id == id)?;
    if name.is_empty() {
        return None;
    }
    let mut out = list.to_vec();
    out[i].name = name;
    Some(out)
}

/// Lines keyed 0, 1, … (a stored key may repeat), the next key after them.
fn rekeyed(mut draft: Draft) -> Draft {
    for (i, l) in draft.lines.iter_mut().enumerate() {
        l.key = i as u64;
    }
    draft.next_key = draft.lines.len() as u64;
    draft
}

// ---------------------------------------------------------------------------
// Opening a saved quote or a shared order.

/// An order to open as a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    /// The scenario's name.
    pub name: String,
    pub draft: Draft,
    pub what_if_level: Option<String>,
    /// The partner to quote it for, if among the accounts (`None`: the
    /// current partner, as for a share link, which carries no account).
    pub partner_id: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartnerChange {
    /// The partner in use is the one asked for (or none was asked for).
    Same,
    /// The partner asked for was selected.
    Switched(usize),
    /// The partner asked for is not among the accounts: the current stays.
    Missing,
}

/// What opening will do: the scenario's letter, whether it replaces the
/// one being edited (four are open), and the partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenPlan {
    pub letter: char,
    pub replaces: bool,
    pub partner: PartnerChange,
}

pub fn plan_open(state: &AppState, opening: &Opening) -> OpenPlan {
    let replaces = state.scenarios.len() >= MAX_SCENARIOS;
    let letter = if replaces {
        state.scenario().letter
    } else {
        next_letter(state.scenarios.iter().map(|x| x.letter))
    };
    let partner = match &opening.partner_id {
        None => PartnerChange::Same,
        Some(id) if state.account().account.partner_id.as_str() == id => PartnerChange::Same,
        Some(id) => state
            .accounts
            .iter()
            .position(|a| a.account.partner_id.as_str() == id)
            .map_or(PartnerChange::Missing, PartnerChange::Switched),
    };
    OpenPlan {
        letter,
        replaces,
        partner,
    }
}

/// Opens the order as [`plan_open`] says, and quotes it (every scenario,
/// if the partner changed). The reducer's `Action::OpenSaved`.
pub fn open(state: &mut AppState, opening: Opening) {
    let plan = plan_open(state, &opening);
    let mut scenario = Scenario::new(plan.letter, rekeyed(opening.draft));
    scenario.name = opening.name.trim().chars().take(40).collect();
    scenario.what_if_level = opening
        .what_if_level
        .filter(|l| state.policy.prepared.level(l).is_some());
    if plan.replaces {
        let current = state.current.min(state.scenarios.len() - 1);
        state.scenarios[current] = Rc::new(scenario);
        state.current = current;
    } else {
        state.scenarios.push(Rc::new(scenario));
        state.current = state.scenarios.len() - 1;
    }
    state.mode = Mode::Order;
    if let PartnerChange::Switched(i) = plan.partner {
        state.active = i;
        state.requote_all();
    } else {
        state.requote();
    }
}

// ---------------------------------------------------------------------------
// Share links.

/// A share link's order and the policy it was made under.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedOrder {
    pub policy_id: String,
    pub policy_version: String,
    pub policy_hash: String,
    pub draft: Draft,
}

impl SharedOrder {
    /// Made under a policy other than `policy` (its hash differs).
    pub fn other_policy(&self, policy: &PreparedPolicy) -> bool {
        self.policy_hash != policy.hash
    }
}

/// The JSON of a share link for `draft` under `policy`: rows of texts,
/// first `["1", policy id, policy version, policy hash]` (`1`: the format),
/// then the draft's rows ([`draft_rows`]). No partner, no policy content.
pub fn share_json(draft: &Draft, policy: &PreparedPolicy) -> String {
    let p = &policy.policy;
    let head = vec!["1", p.id.as_str(), p.version.as_str(), &policy.hash];
    let rows: Vec<Vec<&str>> = std::iter::once(head).chain(draft_rows(draft)).collect();
    stored::to_text(&rows)
}

/// A share link this app cannot read: another format, damaged or altered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadLink;

/// Reads a share link's JSON (untrusted): its order as a draft, or
/// [`BadLink`] when it is not a link this app made.
pub fn read_share_json(text: &str) -> Result<SharedOrder, BadLink> {
    let rows: Vec<Vec<String>> = stored::from_text(text).ok_or(BadLink)?;
    let (head, order) = rows.split_first().ok_or(BadLink)?;
    let draft = draft_of_rows(order).ok_or(BadLink)?;
    match head.as_slice() {
        [v, id, version, hash]
            if v == "1"
                && !id.is_empty()
                && !hash.is_empty()
                && !draft.lines.is_empty()
                && head.iter().all(|t| t.len() <= MAX_TEXT) =>
        {
            Ok(SharedOrder {
                policy_id: id.clone(),
                policy_version: version.clone(),
                policy_hash: hash.clone(),
                draft,
            })
        }
        _ => Err(BadLink),
    }
}

/// What a URL hash says about a share link: `None` for any other hash;
/// `Some(Ok(payload))` for `#share=v1.<payload>`; `Some(Err(BadLink))` for
/// a `#share=` this app cannot read (another format, or empty).
pub fn share_in_hash(hash: &str) -> Option<Result<&str, BadLink>> {
    let rest = hash.trim_start_matches('#').strip_prefix("share=")?;
    Some(
        rest.strip_prefix("v1.")
            .filter(|p| !p.is_empty() && p.len() <= 64 * 1024)
            .ok_or(BadLink),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;
    use crate::app::state::Action;
    use crate::app::test_support::spec;
    use yew::Reducible;

    fn sample() -> AppState {
        AppState::demo_with_sample(Lang::Zh, "2026-11-20")
    }

    fn entry(state: &AppState, id: &str) -> SavedQuote {
        entry_from(state, "", id.into(), "2026-11-27 10:00".into()).unwrap()
    }

    #[test]
    fn an_entry_summarises_the_scenario_and_keeps_what_was_typed() {
        let s = sample();
        let q = entry(&s, "q1");
        assert_eq!(q.name, format!("{} 2026-11-20", s.account().account.name));
        assert_eq!(q.partner_id, s.account().account.partner_id.as_str());
        assert_eq!(
            q.payable(),
            Some(s.quote().as_ref().unwrap().totals.payable)
        );
        assert_eq!(
            q.decision(),
            Some(s.quote().as_ref().unwrap().credit.decision)
        );
        assert_eq!(q.policy_hash, s.policy.prepared.hash);
        assert_eq!(&q.draft, s.draft());
        // A given name wins; nothing to save without a current quote.
        let named = entry_from(&s, "  大单  ", "q2".into(), String::new()).unwrap();
        assert_eq!(named.name, "大单");
        assert!(entry_from(
            &AppState::demo(Lang::Zh, "2026-11-20"),
            "",
            "q".into(),
            String::new()
        )
        .is_none());
    }

    #[test]
    fn the_list_comes_back_as_written() {
        let s = sample();
        let list = vec![entry(&s, "q1"), entry(&s, "q2")];
        let back = read_list(Some(&write_list(&list)));
        assert_eq!(
            back,
            ReadList {
                quotes: list,
                skipped: 0,
                unreadable: false
            }
        );
        assert_eq!(read_list(None), ReadList::default());
    }

    #[test]
    fn a_damaged_entry_is_skipped_and_the_others_survive() {
        let s = sample();
        let good = entry(&s, "q1");
        let text = write_list(std::slice::from_ref(&good));
        // The entry as stored: rows of texts, the first its summary.
        let good_json = &text["{\"version\":1,\"quotes\":[".len()..text.len() - 2];
        assert!(good_json.starts_with("[[\"q1\","), "{good_json}");
        let no_payable = good_json.replace(&format!("\"{}\"", good.payable), "\"lots\"");
        let other_credit = good_json
            .replace("\"q1\"", "\"q3\"")
            .replace(&format!("\"{}\"", good.credit), "\"maybe\"");
        let short_meta = good_json.replacen("[[\"q1\",", "[[", 1);
        let empty_line = format!("{},[]]", &good_json[..good_json.len() - 1]);
        let damaged = text.replacen(
            "\"quotes\":[",
            &format!(
                "\"quotes\":[5,\"x\",{{\"id\":\"q9\"}},{no_payable},{other_credit},{short_meta},{empty_line},[],{good_json},"
            ),
            1,
        );
        let back = read_list(Some(&damaged));
        // The duplicate id counts as damaged too: the first one is kept.
        assert_eq!(back.quotes, [good]);
        assert_eq!(back.skipped, 9);
        assert!(!back.unreadable);
    }

    #[test]
    fn a_list_damaged_as_a_whole_or_of_another_version_is_unreadable() {
        for text in [
            "{\"version\":1,\"quotes\":[",
            "[]",
            "{\"version\":2,\"quotes\":[]}",
            "",
        ] {
            let back = read_list(Some(text));
            assert!(back.unreadable && back.quotes.is_empty(), "{text}");
        }
    }

    #[test]
    fn rename_duplicate_and_new_ids() {
        let s = sample();
        let list = vec![entry(&s, "q1"), entry(&s, "q2")];
        let renamed = rename(&list, "q2", " 新名字 ").unwrap();
        assert_eq!(renamed[1].name, "新名字");
        assert!(rename(&list, "q2", "  ").is_none());
        assert!(rename(&list, "nope", "x").is_none());
        let id = new_id(1, &list);
        let copied = duplicate(&list, "q1", id.clone(), "copy", "t".into()).unwrap();
        assert_eq!(copied.len(), 3);
        assert_eq!(
            (copied[1].id.as_str(), copied[1].name.as_str()),
            (id.as_str(), "copy")
        );
        assert_eq!(copied[1].draft, list[0].draft);
        let taken = vec![SavedQuote {
            id: "q1".into(),
            ..list[0].clone()
        }];
        assert_eq!(new_id(1, &taken), "q2");
    }

    #[test]
    fn a_quote_saved_under_another_policy_is_detected() {
        let s = sample();
        let q = entry(&s, "q1");
        assert!(!q.other_policy(&s.policy.prepared));
        let spec_policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        assert!(q.other_policy(&spec_policy));
    }

    #[test]
    fn opening_adds_a_scenario_until_four_then_replaces_the_current_one() {
        let s = sample();
        let saved = SavedQuote {
            what_if_level: Some("gold".into()),
            ..entry(&s, "q1")
        };
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        let payable = sample().quote().as_ref().unwrap().totals.payable;
        for letter in ['B', 'C', 'D'] {
            assert_eq!(plan_open(&s, &saved.opening()).letter, letter);
            s = s.reduce(Action::OpenSaved(Box::new(saved.opening())));
            assert_eq!(s.scenario().letter, letter);
            assert_eq!(s.scenario().name, saved.name);
            assert_eq!(s.quote().as_ref().unwrap().totals.payable, payable);
        }
        let s = s.reduce(Action::SelectScenario(1));
        let plan = plan_open(&s, &saved.opening());
        assert_eq!((plan.letter, plan.replaces), ('B', true));
        let s = s.reduce(Action::OpenSaved(Box::new(Opening {
            name: "X".into(),
            ..saved.opening()
        })));
        assert_eq!(s.scenarios.len(), MAX_SCENARIOS);
        assert_eq!((s.current, s.scenario().name.as_str()), (1, "X"));
    }

    #[test]
    fn opening_selects_the_saved_partner_or_says_it_is_missing() {
        let s = Rc::new(sample()).reduce(Action::SelectAccount(2));
        let saved = entry(&s, "q1");
        let payable = s.quote().as_ref().unwrap().totals.payable;
        let back = Rc::new(sample());
        assert_eq!(
            plan_open(&back, &saved.opening()).partner,
            PartnerChange::Switched(2)
        );
        let back = back.reduce(Action::OpenSaved(Box::new(saved.opening())));
        assert_eq!(back.active, 2);
        assert_eq!(back.quote().as_ref().unwrap().totals.payable, payable);
        let stranger = Opening {
            partner_id: Some("P-NOBODY".into()),
            ..saved.opening()
        };
        assert_eq!(plan_open(&back, &stranger).partner, PartnerChange::Missing);
        let after = back.reduce(Action::OpenSaved(Box::new(stranger)));
        assert_eq!(after.active, 2);
        assert_eq!(
            plan_open(&after, &saved.opening()).partner,
            PartnerChange::Same
        );
    }

    #[test]
    fn a_share_payload_carries_the_order_and_the_policy() {
        let s = sample();
        let json = share_json(s.draft(), &s.policy.prepared);
        assert!(json.contains(&s.policy.prepared.hash));
        assert!(!json.contains("partner"), "{json}");
        let back = read_share_json(&json).unwrap();
        assert_eq!(back.policy_id, s.policy.prepared.policy.id.as_str());
        assert_eq!(
            back.policy_version,
            s.policy.prepared.policy.version.as_str()
        );
        assert!(!back.other_policy(&s.policy.prepared));
        let spec_policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        assert!(back.other_policy(&spec_policy));
        // The same order, to the letter; keys renumbered.
        let mut want = s.draft().clone();
        for (i, l) in want.lines.iter_mut().enumerate() {
            l.key = i as u64;
        }
        want.next_key = want.lines.len() as u64;
        assert_eq!(back.draft, want);
        // Opened, it quotes the same.
        let opened = Rc::new(AppState::demo(Lang::Zh, "2026-11-26")).reduce(Action::OpenSaved(
            Box::new(Opening {
                name: "link".into(),
                draft: back.draft,
                what_if_level: None,
                partner_id: None,
            }),
        ));
        assert_eq!(
            opened.quote().as_ref().unwrap().totals,
            s.quote().as_ref().unwrap().totals
        );
    }

    #[test]
    fn a_malformed_share_payload_is_refused() {
        let s = sample();
        let json = share_json(s.draft(), &s.policy.prepared);
        assert!(json.starts_with("[[\"1\",\""), "{json}");
        let with_lines = |lines: &str| {
            format!(
                r#"[["1","demo","v1","{}"],["2026-11-20"]{lines}]"#,
                s.policy.prepared.hash
            )
        };
        assert!(read_share_json(&with_lines(r#",["ERP-USER","3"]"#)).is_ok());
        for bad in [
            String::new(),
            "{".into(),
            "[]".into(),
            "[[]]".into(),
            json.replacen("[[\"1\",", "[[\"2\",", 1),
            json[..json.len() - 1].to_string(),
            with_lines(""),
            with_lines(",[]"),
            with_lines(r#",["","1"]"#),
            with_lines(r#",["A","1","","","","","x"]"#),
            with_lines(&format!(r#",["{}"]"#, "A".repeat(300))),
            with_lines(r#",["A",1]"#),
            json.replacen("\"2026-11-20\"", "5", 1),
            json.replacen(&s.policy.prepared.hash, "", 1),
            json.replacen("[[\"1\",", "[[\"1\",\"x\",", 1),
        ] {
            assert!(read_share_json(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_share_hash_is_told_apart_from_the_modes() {
        assert_eq!(share_in_hash("#share=v1.abc"), Some(Ok("abc")));
        assert_eq!(share_in_hash("share=v1.abc"), Some(Ok("abc")));
        assert_eq!(share_in_hash("#share=v2.abc"), Some(Err(BadLink)));
        assert_eq!(share_in_hash("#share=v1."), Some(Err(BadLink)));
        assert_eq!(share_in_hash("#share="), Some(Err(BadLink)));
        for other in ["", "#", "#order", "#plan", "#shared"] {
            assert_eq!(share_in_hash(other), None, "{other}");
        }
        assert!(SHARE_PREFIX.starts_with("#share=v1."));
    }
}
