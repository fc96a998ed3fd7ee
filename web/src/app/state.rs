//! The app's state and every change to it, as a reducer. Each change that
//! touches the order, the policy or the account re-runs the engine once;
//! the last valid quote stays on screen while input needs fixing. A change
//! to the policy or the business plan re-plans it once.

use super::demo;
use super::draft::{Draft, Field, FieldMessage, LineField};
use super::i18n::{fill, Key, Lang};
#[cfg(feature = "studio")]
pub use super::loaded::LoadedPlan;
pub use super::loaded::{LoadedAccount, LoadedPolicy, Source};
#[cfg(feature = "studio")]
use super::plan_draft::{NetUnits, PlanDraft, PlanEdit, PlanField, PlanMessage};
use super::scenario::{next_letter, Scenario, MAX_SCENARIOS};
use crate::engine::fields::NonEmpty;
use crate::engine::load::text_of;
use crate::engine::problem::{Document, Problem};
use crate::engine::quote::QuoteLine;
#[cfg(feature = "studio")]
use crate::engine::{plan, Plan, PlanResult};
use crate::engine::{Account, PreparedPolicy, Quote};
use std::rc::Rc;

/// What the app is for at the moment: quoting an order, planning a
/// partner's business, or the channel chain. Each is a page of its own
/// (its own wasm bundle); an action that switches the mode (a plan file
/// opened, a plan period opened as an order) takes the browser there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Order,
    Plan,
    /// The channel chain (渠道链, SPEC-v2 §10).
    Chain,
}

impl Mode {
    /// The address of this mode's page, relative to the app's.
    pub fn page(self) -> &'static str {
        match self {
            Mode::Order => "./",
            Mode::Plan => "plan.html",
            Mode::Chain => "chain.html",
        }
    }
}

/// The plan in use priced under the policy in use, or why it cannot be.
#[cfg(feature = "studio")]
pub type PlanOutcome = Result<Rc<PlanResult>, Rc<Vec<Problem>>>;

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
    /// The orders being weighed (never empty, at most
    /// [`MAX_SCENARIOS`]); each shared, so an action copies only the one it
    /// changes.
    pub scenarios: Vec<Rc<Scenario>>,
    /// The scenario being edited and explained (kept in range).
    pub current: usize,
    pub load_failures: Vec<LoadFailure>,
    pub notices: Vec<Key>,
    pub mode: Mode,
    /// The business plan in use (the demo's until one is opened).
    #[cfg(feature = "studio")]
    pub plan: Rc<LoadedPlan>,
    /// The plan under the policy in use; re-run only when either changes.
    #[cfg(feature = "studio")]
    pub plan_result: PlanOutcome,
    /// The level whose periods the studio details (an index into the
    /// result's levels; kept in range).
    #[cfg(feature = "studio")]
    pub plan_level: usize,
    /// The plan as typed in the studio; the plan in use is the last of it
    /// that was valid and priced.
    #[cfg(feature = "studio")]
    pub plan_draft: PlanDraft,
    /// What must be fixed before the plan result is current again (the
    /// result on screen is then stale).
    #[cfg(feature = "studio")]
    pub plan_messages: Vec<PlanMessage>,
    /// Counts changes to the policy or the accounts, so autosave writes the
    /// files exactly when they change (a counter, not pointer addresses,
    /// which the allocator may reuse).
    pub files_generation: u64,
    /// The channel chain's own documents (the distributor's policy and
    /// resellers), the demo's until opened; not kept across sessions.
    #[cfg(feature = "chain")]
    pub chain: super::chain_setup::ChainSetup,
    /// A plan file opened on a page without the studio: handed to the
    /// studio's page (name, text), which opens it.
    #[cfg(not(feature = "studio"))]
    pub plan_inbox: Option<(String, String)>,
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
    /// Several files picked or dropped at once, read in full: each is
    /// opened (plans last, so a plan meets the policy opened with it), and
    /// those that could not be read are reported.
    FilesOpened {
        files: Vec<(String, Vec<u8>)>,
        failures: Vec<LoadFailure>,
    },
    LoadFailed(LoadFailure),
    SetMode(Mode),
    /// Details the periods of the plan result's level at this index.
    #[cfg(feature = "studio")]
    SelectPlanLevel(usize),
    /// An edit or quick fill of the plan in the studio; re-plans it.
    #[cfg(feature = "studio")]
    EditPlan(PlanEdit),
    /// Makes the period's order (lines, date, margin inputs) the order
    /// draft and switches to the order calculator.
    #[cfg(feature = "studio")]
    OpenPeriodInOrder(u64),
    SelectAccount(usize),
    AddLine(String),
    RemoveLine(u64),
    SetLine(u64, LineField, String),
    SetField(Field, String),
    ClearOrder,
    /// Copies the scenario being edited into a new one (at most four) and
    /// edits the copy.
    DuplicateScenario,
    SelectScenario(usize),
    /// Removes a scenario (never the last one).
    RemoveScenario(usize),
    RenameScenario(String),
    /// "What if my level were …" for the scenario being edited; `None`
    /// quotes the partner's own level.
    SetWhatIfLevel(Option<String>),
    /// A new scenario: the one being edited plus enough of `sku` to reach
    /// `program`'s next tier, after that purchase's own discounts.
    ReachNextTier {
        goal: super::nudge::Goal,
        sku: String,
    },
    /// The vendor accepted the scenario's order: its next submission is a
    /// new request.
    Submitted,
    Notice(Key),
    DismissNotices,
    DismissFailures,
    // --- saved quotes & share link (issue 8) ---
    /// The distributor's files for the channel chain (its policy, its
    /// resellers' accounts), read in full.
    #[cfg(feature = "chain")]
    ChainFilesOpened(Vec<(String, Vec<u8>)>),
    #[cfg(feature = "chain")]
    SelectReseller(usize),
    /// The distributor among the app's accounts.
    #[cfg(feature = "chain")]
    SelectDistributor(usize),
    /// Opens a saved quote or a shared order as a new scenario (or in
    /// place of the one being edited when four are open); see `saved::open`.
    OpenSaved(Box<super::saved::Opening>),
    // --- end saved quotes & share link ---
}

impl AppState {
    /// The demo policy and accounts, with an empty order dated `today`.
    pub fn demo(lang: Lang, today: &str) -> AppState {
        let policy = Rc::new(demo::policy());
        #[cfg(feature = "studio")]
        let plan = Rc::new(demo::plan());
        let mut s = AppState {
            lang,
            policy: policy.clone(),
            accounts: demo_accounts(),
            active: 0,
            scenarios: vec![Rc::new(Scenario::new('A', Draft::new(today)))],
            current: 0,
            load_failures: Vec::new(),
            notices: Vec::new(),
            files_generation: 0,
            #[cfg(feature = "chain")]
            chain: super::chain_setup::ChainSetup::demo(),
            #[cfg(not(feature = "studio"))]
            plan_inbox: None,
            mode: Mode::Order,
            #[cfg(feature = "studio")]
            plan_result: plan_under(&policy, &plan.plan),
            #[cfg(feature = "studio")]
            plan_draft: PlanDraft::from_plan(&plan.plan, &policy.prepared.policy),
            #[cfg(feature = "studio")]
            plan,
            #[cfg(feature = "studio")]
            plan_level: 0,
            #[cfg(feature = "studio")]
            plan_messages: Vec::new(),
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
            let draft = s.draft_mut();
            let key = draft.add_line(sku, qty);
            if let Some(line) = draft.line_mut(key) {
                line.resale = resale.to_string();
            }
        }
        s.requote();
        s
    }

    /// The partner quoted for, shared.
    pub fn account_rc(&self) -> Rc<LoadedAccount> {
        self.accounts
            .get(self.active)
            .unwrap_or(&self.accounts[0])
            .clone()
    }

    pub fn account(&self) -> &LoadedAccount {
        // `active` is kept in range; the first account is the fallback.
        self.accounts.get(self.active).unwrap_or(&self.accounts[0])
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        // `current` is kept in range; the first scenario is the fallback.
        self.scenarios
            .get(self.current)
            .unwrap_or(&self.scenarios[0])
    }

    /// The scenario being edited, copied first if another state shares it.
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        if self.current >= self.scenarios.len() {
            self.current = 0;
        }
        Rc::make_mut(&mut self.scenarios[self.current])
    }

    /// The order as typed in the scenario being edited.
    pub fn draft(&self) -> &Draft {
        &self.scenario().draft
    }

    pub fn draft_mut(&mut self) -> &mut Draft {
        &mut self.scenario_mut().draft
    }

    /// The last valid quote of the scenario being edited.
    pub fn quote(&self) -> &Option<Rc<Quote>> {
        &self.scenario().quote
    }

    /// Its lines, each shared (see [`Scenario::rows`]).
    pub fn rows(&self) -> &Rc<Vec<Rc<QuoteLine>>> {
        &self.scenario().rows
    }

    /// What must be fixed before its quote is current again.
    pub fn messages(&self) -> &[FieldMessage] {
        &self.scenario().messages
    }

    pub fn is_demo(&self) -> bool {
        self.policy.source == Source::Demo
    }

    pub fn messages_for(&self, field: &Field) -> impl Iterator<Item = &FieldMessage> {
        let field = field.clone();
        self.messages().iter().filter(move |m| m.field == field)
    }

    /// Re-quotes the scenario being edited.
    pub fn requote(&mut self) {
        let policy = self.policy.clone();
        let account = self.account_rc();
        self.scenario_mut()
            .requote(&policy.prepared, &account.account);
    }

    /// Re-quotes every scenario: the policy or the partner changed.
    pub fn requote_all(&mut self) {
        let policy = self.policy.clone();
        let account = self.account_rc();
        let levels_ok = |l: &Option<String>| {
            l.as_deref()
                .is_none_or(|l| policy.prepared.level(l).is_some())
        };
        for scenario in &mut self.scenarios {
            let s = Rc::make_mut(scenario);
            // A simulated level the new policy lacks is dropped, not kept
            // as an error the partner cannot fix.
            if !levels_ok(&s.what_if_level) {
                s.what_if_level = None;
            }
            s.requote(&policy.prepared, &account.account);
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
        use crate::engine::fields::{AccountTag, OrderTag};
        // Either version's tag, quoted as a `schema` value is.
        let tagged = |v1: &str, v2: &str| {
            text.contains(&format!("\"{v1}\"")) || text.contains(&format!("\"{v2}\""))
        };
        if tagged(OrderTag::TAG, OrderTag::TAG_V2) {
            match crate::engine::Order::from_json_text(&text) {
                Ok(order) => *self.draft_mut() = Draft::from_order(&order, self.draft()),
                Err(problems) => self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                }),
            }
        } else if text.contains(PLAN_TAG) {
            #[cfg(feature = "studio")]
            self.open_plan(name, text);
            // The studio's page opens it.
            #[cfg(not(feature = "studio"))]
            {
                self.plan_inbox = Some((name, text));
                self.mode = Mode::Plan;
            }
        } else if tagged(AccountTag::TAG, AccountTag::TAG_V2) {
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
                    // The levels and programs offered follow the policy;
                    // a draft that needs fixing is kept as typed.
                    #[cfg(feature = "studio")]
                    {
                        if self.plan_messages.is_empty() {
                            self.plan_draft =
                                PlanDraft::from_plan(&self.plan.plan, &self.policy.prepared.policy);
                        }
                        self.replan();
                    }
                }
                Err(problems) => self.load_failures.push(LoadFailure {
                    source: name,
                    problems,
                }),
            }
        }
    }
}

/// The plan studio's part of the state (`plan.html`).
#[cfg(feature = "studio")]
impl AppState {
    /// Makes `plan` the plan in use, whether or not it fits the policy in
    /// use (a restored plan in progress: the studio then lists why not).
    pub fn use_plan(&mut self, plan: LoadedPlan) {
        self.plan = Rc::new(plan);
        self.plan_level = 0;
        self.plan_draft = PlanDraft::from_plan(&self.plan.plan, &self.policy.prepared.policy);
        self.plan_messages.clear();
        self.replan();
    }

    pub fn plan_messages_for(&self, field: &PlanField) -> impl Iterator<Item = &PlanMessage> {
        let field = field.clone();
        self.plan_messages.iter().filter(move |m| m.field == field)
    }

    /// The result on screen is the last valid one, not the plan as typed.
    pub fn plan_stale(&self) -> bool {
        !self.plan_messages.is_empty()
    }

    /// Re-plans the plan as typed: a valid, priced plan becomes the plan in
    /// use; otherwise the last result stays (stale) and every message is
    /// placed on its input.
    pub fn plan_from_draft(&mut self) {
        self.plan_messages.clear();
        let p = match self.plan_draft.to_plan() {
            Ok(p) => p,
            Err(messages) => {
                self.plan_messages = messages;
                return;
            }
        };
        match plan(&self.policy.prepared, &p) {
            Ok(result) => {
                let text = serde_json::to_string(&p).unwrap_or_default();
                self.plan = Rc::new(LoadedPlan {
                    plan: p,
                    source: self.plan.source.clone(),
                    text: text.into(),
                });
                self.plan_result = Ok(Rc::new(result));
                let levels = self.plan_result.as_ref().map_or(0, |r| r.levels.len());
                if self.plan_level >= levels {
                    self.plan_level = 0;
                }
            }
            Err(problems) => {
                self.plan_messages = problems.iter().map(|p| self.plan_draft.place(p)).collect();
            }
        }
    }

    /// The net unit price of each (period, line) of the plan in use at the
    /// first compared level of the last plan result; free lines left out.
    pub fn first_level_net_units(&self) -> NetUnits {
        let Some(level) = self
            .plan_result
            .as_ref()
            .ok()
            .and_then(|r| r.levels.first())
        else {
            return NetUnits::new();
        };
        level
            .periods
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.quote
                    .lines
                    .iter()
                    .filter(|l| !l.free)
                    .filter_map(move |l| {
                        Some(((i, l.order_line?), (l.sku.clone(), l.net_unit_price)))
                    })
            })
            .collect()
    }

    /// The order of one period of the plan as typed, as the order draft.
    fn open_period_in_order(&mut self, key: u64) {
        let Some(period) = self.plan_draft.period(key).cloned() else {
            return;
        };
        let mut d = Draft {
            date: period.date.trim().to_string(),
            payment_days: self.plan_draft.payment_days.clone(),
            capital_pct: self.plan_draft.capital_pct.clone(),
            freight: "0.00".into(),
            other_costs: "0.00".into(),
            next_key: self.draft().next_key,
            ..Draft::default()
        };
        for l in &period.lines {
            let k = d.add_line(l.sku.trim(), 0);
            if let Some(line) = d.line_mut(k) {
                line.qty = l.qty.clone();
                line.resale = l.resale.clone();
            }
        }
        *self.draft_mut() = d;
        self.mode = Mode::Order;
    }

    /// Prices the plan in use under the policy in use.
    fn replan(&mut self) {
        self.plan_result = plan_under(&self.policy, &self.plan.plan);
        let levels = self.plan_result.as_ref().map_or(0, |r| r.levels.len());
        if self.plan_level >= levels {
            self.plan_level = 0;
        }
    }

    /// Opens a plan file: it becomes the plan in use, and the studio opens,
    /// only if it fits the policy in use; otherwise every problem is
    /// reported and the plan in use stays.
    fn open_plan(&mut self, name: String, text: String) {
        let priced = Plan::from_json_text(&text)
            .and_then(|p| plan(&self.policy.prepared, &p).map(|r| (p, r)));
        match priced {
            Ok((p, result)) => {
                self.plan = Rc::new(LoadedPlan {
                    plan: p,
                    source: Source::File(name),
                    text: text.into(),
                });
                self.plan_result = Ok(Rc::new(result));
                self.plan_level = 0;
                self.plan_draft =
                    PlanDraft::from_plan(&self.plan.plan, &self.policy.prepared.policy);
                self.plan_messages.clear();
                self.mode = Mode::Plan;
            }
            Err(problems) => self.load_failures.push(LoadFailure {
                source: name,
                problems,
            }),
        }
    }
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut requote = true;
        // The policy or the partner changed: every scenario is re-quoted.
        let mut requote_all = false;
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                requote = false;
            }
            Action::FileLoaded { name, bytes } => {
                s.load_failures.clear();
                s.load_file(name, bytes);
                requote_all = true;
            }
            Action::FilesOpened { files, failures } => {
                s.load_failures = failures;
                // A plan is checked against the policy when it opens, so
                // it waits for a policy opened together with it.
                let (plans, others): (Vec<_>, Vec<_>) =
                    files.into_iter().partition(|(_, bytes)| is_plan(bytes));
                for (name, bytes) in others.into_iter().chain(plans) {
                    s.load_file(name, bytes);
                }
                requote_all = true;
            }
            Action::LoadFailed(f) => {
                s.load_failures.push(f);
                requote = false;
            }
            Action::SetMode(mode) => {
                s.mode = mode;
                requote = false;
            }
            #[cfg(feature = "chain")]
            Action::ChainFilesOpened(files) => {
                requote = false;
                for (name, bytes) in files {
                    let opened = text_of(&bytes, Document::Policy)
                        .and_then(|text| s.chain.open(&name, text));
                    if let Err(problems) = opened {
                        s.load_failures.push(LoadFailure {
                            source: name,
                            problems,
                        });
                    }
                }
            }
            #[cfg(feature = "chain")]
            Action::SelectReseller(i) => {
                requote = false;
                if i < s.chain.resellers.len() {
                    s.chain.reseller = i;
                    s.chain.generation += 1;
                }
            }
            #[cfg(feature = "chain")]
            Action::SelectDistributor(i) => {
                requote = false;
                if i < s.accounts.len() {
                    s.chain.distributor = Some(i);
                    s.chain.generation += 1;
                }
            }
            #[cfg(feature = "studio")]
            Action::SelectPlanLevel(i) => {
                if s.plan_result.as_ref().is_ok_and(|r| i < r.levels.len()) {
                    s.plan_level = i;
                }
                requote = false;
            }
            #[cfg(feature = "studio")]
            Action::EditPlan(mut edit) => {
                if let PlanEdit::CategoryMarkup { net_units, .. } = &mut edit {
                    *net_units = s.first_level_net_units();
                }
                let policy = s.policy.clone();
                let scenario = s.scenarios[s.current.min(s.scenarios.len() - 1)].clone();
                s.plan_draft
                    .apply(edit, &policy.prepared.policy, &scenario.draft);
                s.plan_from_draft();
                requote = false;
            }
            #[cfg(feature = "studio")]
            Action::OpenPeriodInOrder(key) => s.open_period_in_order(key),
            Action::SelectAccount(i) if i < s.accounts.len() => {
                s.active = i;
                requote_all = true;
            }
            Action::SelectAccount(_) => requote = false,
            Action::AddLine(sku) => {
                let multiple = s
                    .policy
                    .prepared
                    .product(&sku)
                    .map_or(1, |p| p.order_multiple.get());
                s.draft_mut().add_line(&sku, multiple);
            }
            Action::RemoveLine(key) => s.draft_mut().lines.retain(|l| l.key != key),
            Action::SetLine(key, field, value) => {
                if let Some(line) = s.draft_mut().line_mut(key) {
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
                Field::Date => s.draft_mut().date = value,
                Field::DealRegistration => s.draft_mut().deal_registration = value,
                Field::UseRebateCredit => s.draft_mut().use_rebate_credit = value,
                Field::PaymentDays => s.draft_mut().payment_days = value,
                Field::Capital => s.draft_mut().capital_pct = value,
                Field::Freight => s.draft_mut().freight = value,
                Field::OtherCosts => s.draft_mut().other_costs = value,
                Field::PaymentOption => s.draft_mut().payment_option = value,
                Field::ExpectedDays => s.draft_mut().expected_days = value,
                Field::CreditOverride => s.draft_mut().credit_override = value,
                Field::Line(..) | Field::General => requote = false,
            },
            Action::ClearOrder => {
                let d = s.draft_mut();
                d.lines.clear();
                d.deal_registration.clear();
                d.use_rebate_credit.clear();
            }
            Action::DuplicateScenario => {
                requote = false;
                if s.scenarios.len() < MAX_SCENARIOS {
                    let letter = next_letter(s.scenarios.iter().map(|x| x.letter));
                    let copy = s.scenario().duplicate(letter);
                    s.scenarios.push(Rc::new(copy));
                    s.current = s.scenarios.len() - 1;
                }
            }
            Action::SelectScenario(i) => {
                requote = false;
                if i < s.scenarios.len() {
                    s.current = i;
                }
            }
            Action::RemoveScenario(i) => {
                requote = false;
                if i < s.scenarios.len() && s.scenarios.len() > 1 {
                    s.scenarios.remove(i);
                    if s.current > i || s.current >= s.scenarios.len() {
                        s.current = s.current.saturating_sub(1);
                    }
                }
            }
            Action::Submitted => {
                requote = false;
                s.scenario_mut().submitted += 1;
            }
            Action::RenameScenario(name) => {
                requote = false;
                s.scenario_mut().name = name.chars().take(40).collect();
            }
            Action::SetWhatIfLevel(level) => {
                let level = level.filter(|l| s.policy.prepared.level(l).is_some());
                s.scenario_mut().what_if_level = level;
            }
            Action::ReachNextTier { goal, sku } => {
                requote = false;
                let account = s.account().account.clone();
                let reached = super::nudge::reach_next_tier(
                    &s.policy.prepared,
                    &account,
                    s.scenario(),
                    &goal,
                    &sku,
                );
                match reached {
                    Ok(scenario) if s.scenarios.len() < MAX_SCENARIOS => {
                        let letter = next_letter(s.scenarios.iter().map(|x| x.letter));
                        s.scenarios.push(Rc::new(Scenario { letter, ..scenario }));
                        s.current = s.scenarios.len() - 1;
                    }
                    Ok(_) => s.notices.push(Key::ScenariosFull),
                    Err(key) => s.notices.push(key),
                }
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
            // --- saved quotes & share link (issue 8) ---
            Action::OpenSaved(opening) => {
                // Quotes what it opens (every scenario, if the partner changed).
                requote = false;
                super::saved::open(&mut s, *opening);
            } // --- end saved quotes & share link ---
        }
        if requote_all {
            s.requote_all();
        } else if requote {
            s.requote();
        }
        Rc::new(s)
    }
}

/// How a plan file is recognised (as an order or an account file is).
const PLAN_TAG: &str = "\"channel-plan/1\"";

fn is_plan(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|t| t.contains(PLAN_TAG))
}

#[cfg(feature = "studio")]
fn plan_under(policy: &LoadedPolicy, p: &Plan) -> PlanOutcome {
    plan(&policy.prepared, p).map(Rc::new).map_err(Rc::new)
}

/// The demo partners, for a start or a policy without accounts yet.
fn demo_accounts() -> NonEmpty<Rc<LoadedAccount>> {
    demo::accounts().map(Rc::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew::Reducible;

    use crate::app::test_support::spec;

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
        assert!(s.quote().is_none());
        assert!(s.policy.prepared.policy.products.len() >= 30);
    }

    #[test]
    fn spec_example_1_through_state_changes() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = open(s, &["policy.json", "accounts/gold.json"]);
        assert_eq!(s.account().account.partner_id.as_str(), "P-1001");
        s = apply(s, Action::SetField(Field::Date, "2026-11-20".into()));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft().lines[0].key;
        s = apply(s, Action::SetLine(key, LineField::Qty, "12".into()));
        let q = s.quote().clone().unwrap();
        assert_eq!(q.lines[0].net_amount.to_string(), "13338.00");
        assert_eq!(q.totals.gross_amount.to_string(), "15071.94");
        // A bad quantity keeps the last good quote and says where.
        s = apply(s, Action::SetLine(key, LineField::Qty, "12a".into()));
        assert_eq!(
            s.quote().as_ref().unwrap().totals.gross_amount.to_string(),
            "15071.94"
        );
        assert_eq!(s.messages_for(&Field::Line(key, LineField::Qty)).count(), 1);
        assert_eq!(s.draft().lines[0].qty, "12a");
    }

    #[test]
    fn the_sample_order_quotes_with_margin() {
        let s = AppState::demo_with_sample(Lang::Zh, "2026-11-26");
        let q = s.quote().as_ref().unwrap();
        assert!(q.margin.is_some(), "{:?}", s.messages());
        assert_eq!(q.rebates.len(), 2);
    }

    #[test]
    fn a_malformed_policy_file_keeps_the_policy_in_use() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let before = s.quote().clone().unwrap();
        s = apply(
            s,
            Action::FileLoaded {
                name: "broken.json".into(),
                bytes: b"{\"schema\": \"channel-policy/1\", \"id\": 5".to_vec(),
            },
        );
        assert_eq!(s.load_failures.len(), 1);
        assert!(s.is_demo());
        assert_eq!(s.quote().as_ref().unwrap().totals, before.totals);
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
        let m = s.quote().as_ref().unwrap().margin.clone().unwrap();
        assert_eq!(m.net_margin.to_string(), "5796.22");
        assert_eq!(m.net_margin_pct.unwrap().to_string(), "0.3019");
    }

    fn net_profits(s: &AppState) -> Vec<String> {
        s.plan_result
            .as_ref()
            .unwrap()
            .levels
            .iter()
            .map(|l| l.totals.net_profit.to_string())
            .collect()
    }

    #[test]
    fn the_demo_opens_on_the_order_with_the_demo_plan_priced() {
        let s = AppState::demo(Lang::Zh, "2026-11-26");
        assert_eq!(s.mode, Mode::Order);
        assert_eq!(s.plan.source, Source::Demo);
        assert_eq!(
            net_profits(&s),
            ["169616.98", "303856.68", "375334.27", "483314.92"]
        );
    }

    #[test]
    fn the_mode_is_an_action_and_each_has_its_page() {
        assert_eq!(
            [Mode::Order, Mode::Plan, Mode::Chain].map(Mode::page),
            ["./", "plan.html", "chain.html"]
        );
        let s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        let s = apply(s, Action::SetMode(Mode::Plan));
        assert_eq!(s.mode, Mode::Plan);
        let s = apply(s, Action::SelectPlanLevel(2));
        assert_eq!(s.plan_level, 2);
        // Out of range: the level shown stays.
        let s = apply(s, Action::SelectPlanLevel(4));
        assert_eq!(s.plan_level, 2);
    }

    /// Picks files at once, as the file picker hands them over.
    fn pick(s: Rc<AppState>, files: &[&str]) -> Rc<AppState> {
        apply(
            s,
            Action::FilesOpened {
                files: files.iter().map(|f| ((*f).into(), spec(f))).collect(),
                failures: Vec::new(),
            },
        )
    }

    #[test]
    fn a_plan_picked_with_its_policy_becomes_the_plan_and_opens_the_studio() {
        let s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        // The plan first: it still meets the policy picked with it.
        let s = pick(s, &["plans/q4.json", "policy.json"]);
        assert!(s.load_failures.is_empty(), "{:?}", s.load_failures);
        assert_eq!(s.mode, Mode::Plan);
        assert_eq!(s.plan.source, Source::File("plans/q4.json".into()));
        assert_eq!(net_profits(&s), ["158769.43", "199687.27"]);
    }

    #[test]
    fn a_plan_that_does_not_fit_is_reported_and_the_plan_in_use_stays() {
        let s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        // PLAN.md's example names programs the demo policy does not have.
        let s = pick(s, &["plans/q4.json"]);
        assert_eq!(s.mode, Mode::Order);
        assert_eq!(s.plan.source, Source::Demo);
        let paths: Vec<String> = s.load_failures[0]
            .problems
            .iter()
            .map(|p| p.location())
            .collect();
        assert_eq!(
            paths,
            [
                "plan.rebate_targets[0].program",
                "plan.rebate_targets[1].program"
            ]
        );
        assert_eq!(net_profits(&s).len(), 4);
        // A plan with an unknown level, under the SPEC policy.
        let s = pick(s, &["policy.json"]);
        let s = pick(s, &["plans/bad-unknown-level.json"]);
        assert!(s.load_failures[0]
            .problems
            .iter()
            .any(|p| p.location() == "plan.levels[1]"));
        assert_eq!(s.plan.source, Source::Demo);
    }

    #[test]
    fn a_new_policy_re_plans_the_plan_in_use() {
        let s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        let s = pick(s, &["policy.json"]);
        // The demo plan names the demo's rebate programs: it no longer fits,
        // and the studio will say why.
        let problems = s.plan_result.as_ref().unwrap_err();
        assert!(problems
            .iter()
            .any(|p| p.location() == "plan.rebate_targets[0].program"));
        let s = pick(s, &["plans/q4.json"]);
        assert_eq!(net_profits(&s), ["158769.43", "199687.27"]);
    }

    #[test]
    fn markup_fills_the_resale_price() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft().lines[0].key;
        let unit = s.quote().as_ref().unwrap().lines[0].net_unit_price;
        s = apply(s, Action::SetLine(key, LineField::Markup, "20".into()));
        let expected = crate::engine::money::RoundingMode::HalfUp
            .money(unit * rust_decimal::Decimal::new(12, 1));
        assert_eq!(s.draft().lines[0].resale, expected.to_string());
        assert!(s.quote().as_ref().unwrap().margin.is_some());
    }

    #[test]
    fn a_markup_keeps_holding_when_the_unit_price_changes() {
        let mut s = Rc::new(AppState::demo(Lang::Zh, "2026-11-26"));
        s = apply(s, Action::AddLine("ERP-USER".into()));
        let key = s.draft().lines[0].key;
        s = apply(s, Action::SetLine(key, LineField::Markup, "20".into()));
        // A volume break moves the unit price; the resale follows it.
        s = apply(s, Action::SetLine(key, LineField::Qty, "60".into()));
        let q = s.quote().as_ref().unwrap();
        let unit = q.lines[0].net_unit_price;
        let expected = crate::engine::money::RoundingMode::HalfUp
            .money(unit * rust_decimal::Decimal::new(12, 1));
        assert_eq!(s.draft().lines[0].resale, expected.to_string());
        // The margin was quoted with that resale price.
        let revenue = q.margin.as_ref().unwrap().revenue;
        assert_eq!(
            revenue,
            crate::engine::money::RoundingMode::HalfUp
                .money(expected * rust_decimal::Decimal::from(60))
        );
        // Typing a resale price by hand ends the markup.
        s = apply(s, Action::SetLine(key, LineField::Resale, "1.00".into()));
        assert!(s.draft().lines[0].markup_pct.is_empty());
    }
}
