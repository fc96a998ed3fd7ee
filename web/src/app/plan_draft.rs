//! The business plan as the partner typed it in the studio. Like the order's
//! [`Draft`](super::draft::Draft), every input keeps its raw text, so a
//! half-typed value is never thrown away; [`PlanDraft::to_plan`] builds the
//! engine's [`Plan`] directly (no JSON in between) or reports each bad input
//! where it belongs, and engine problems are placed by their typed path.
//! The quick fills (presets, copy, growth, …) are methods here, each one
//! reducer action.

use super::draft::{percent_to_rate, plain_number, rate_to_percent, Draft};
use super::i18n::Key;
use super::stored::stored_struct;
use crate::engine::documents::plan::{FixedCosts, PlanLine, PlanPeriod, RebateTarget};
use crate::engine::documents::{Date, Id};
use crate::engine::fields::{Days, Headcount, Label, NonEmpty, NonEmptyUpTo, PlanTag, Qty, Title};
use crate::engine::money::{Money, PositiveMoney, Price, Rate, RoundingMode};
use crate::engine::problem::{Document, JsonPath, Problem, Segment};
use crate::engine::{Plan, Policy};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

type Words = (String, String);

fn words(key: Key) -> Words {
    let (zh, en) = key.pair();
    (zh.to_string(), en.to_string())
}

fn text_words((_, zh, en): (&str, String, String)) -> Words {
    (zh, en)
}

fn id_words((_, zh, en): (&str, &str, &str)) -> Words {
    (zh.to_string(), en.to_string())
}

fn name(s: &Segment) -> Option<&str> {
    match s {
        Segment::Field(f) => Some(f.as_str()),
        Segment::Index(_) => None,
    }
}

stored_struct! {
/// A level of the policy (or one the plan names that the policy lacks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LevelChoice {
    pub id: String,
    pub on: bool,
}
}

stored_struct! {
/// The partner's commitment in one rebate program; a blank target leaves
/// the program out of the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetDraft {
    pub program: String,
    pub target: String,
    pub period_to_date: String,
}
}

stored_struct! {
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanLineDraft {
    pub key: u64,
    pub sku: String,
    pub qty: String,
    pub resale: String,
}
}

stored_struct! {
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PeriodDraft {
    pub key: u64,
    pub label: String,
    pub date: String,
    pub services_revenue: String,
    pub services_cost: String,
    pub mdf: String,
    pub lines: Vec<PlanLineDraft>,
}
}

stored_struct! {
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanDraft {
    pub title: String,
    pub partner_name: String,
    /// The levels the plan lists, in its order, then the policy's others.
    pub levels: Vec<LevelChoice>,
    /// The plan lists its levels; otherwise every level is compared and
    /// the plan leaves `levels` out (kept so a plan round-trips).
    pub levels_listed: bool,
    pub targets: Vec<TargetDraft>,
    pub payment_days: String,
    pub capital_pct: String,
    pub staff: String,
    pub cost_per_staff: String,
    pub other_fixed: String,
    pub periods: Vec<PeriodDraft>,
    pub next_key: u64,
}
}

/// Where a plan message belongs on screen.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PlanField {
    Title,
    PartnerName,
    Levels,
    /// A program's target (`false`) or period-to-date (`true`).
    Target(String, bool),
    PaymentDays,
    Capital,
    Staff,
    CostPerStaff,
    OtherFixed,
    Period(u64, PeriodField),
    Line(u64, u64, LineInput),
    General,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodField {
    Label,
    Date,
    ServicesRevenue,
    ServicesCost,
    Mdf,
    /// The period as a whole (no lines, an order-wide problem).
    Whole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineInput {
    Sku,
    Qty,
    Resale,
}

/// A message for one plan input, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanMessage {
    pub field: PlanField,
    pub zh: String,
    pub en: String,
}

#[derive(Default)]
struct Messages(Vec<PlanMessage>);

impl Messages {
    fn take<T>(&mut self, field: PlanField, r: Result<T, Words>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err((zh, en)) => {
                if !self.0.iter().any(|m| m.field == field) {
                    self.0.push(PlanMessage { field, zh, en });
                }
                None
            }
        }
    }
}

/// Money typed in an optional input: blank is zero.
fn money_or_zero(text: &str) -> Result<Money, Words> {
    let t = plain_number(text);
    if t.is_empty() {
        Ok(Money::zero())
    } else {
        Money::parse(&t)
    }
}

fn money_text(m: Money) -> String {
    if m.value().is_zero() {
        String::new()
    } else {
        m.to_string()
    }
}

/// A whole number typed in an input, within a field type's range.
fn whole<T>(
    text: &str,
    blank: Option<T>,
    make: fn(u32) -> Option<T>,
    key: Key,
) -> Result<T, Words> {
    let t = plain_number(text);
    if t.is_empty() {
        if let Some(b) = blank {
            return Ok(b);
        }
    }
    t.parse::<u32>().ok().and_then(make).ok_or(words(key))
}

/// The first of the month after `months` months from `date`'s month, on `day`.
fn add_months(date: Date, months: u32, day: u8) -> Option<Date> {
    let m0 = u32::from(date.month) - 1 + months;
    let year = date.year.checked_add(u16::try_from(m0 / 12).ok()?)?;
    let month = (m0 % 12) as u8 + 1;
    (1..=day).rev().find_map(|d| Date::new(year, month, d))
}

fn month_label(d: Date) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

fn quarter_label(d: Date) -> String {
    format!("{:04}-Q{}", d.year, (d.month - 1) / 3 + 1)
}

/// Which quick preset of periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// 4 periods dated mid-quarter of the plan's first year.
    ThisYearByQuarter,
    /// 6 monthly periods from the first period's month.
    NextSixMonths,
}

/// A change to the plan draft: one reducer action each.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanEdit {
    Set(PlanField, String),
    ToggleLevel(String, bool),
    AddPeriod,
    RemovePeriod(u64),
    CopyPeriod(u64),
    AddLine(u64, String),
    RemoveLine(u64, u64),
    Preset(Preset),
    /// A new period from the order draft (its lines with resale prices).
    PeriodFromOrder,
    /// Scales one period (`Some`) or all by the growth % typed.
    Scale(Option<u64>, String),
    /// Sets the quantity of every line of a category in a period.
    CategoryQty(u64, String, String),
    /// Sets the resale price of every line of a category, in every period,
    /// to the markup % typed on its net unit price. The reducer fills in
    /// the net unit prices: the first compared level's quote in the last
    /// plan result, by (period index, line index).
    CategoryMarkup {
        category: String,
        markup: String,
        net_units: NetUnits,
    },
}

/// Net unit prices by (period index, line index) of the plan.
/// (period, line) → the SKU quoted there and its net unit price. The SKU
/// guards against a draft edited since that quote: a price lands only on
/// the line it was quoted for.
pub type NetUnits = BTreeMap<(usize, usize), (String, Decimal)>;

impl PlanDraft {
    /// The plan as inputs, with the policy's levels and rebate programs.
    pub fn from_plan(plan: &Plan, policy: &Policy) -> PlanDraft {
        // The levels the plan lists, in its order (the columns' order, so a
        // plan round-trips), then the policy's others in policy order.
        let mut levels: Vec<LevelChoice> = plan
            .levels
            .iter()
            .flat_map(|ls| ls.iter())
            .map(|l| LevelChoice {
                id: l.to_string(),
                on: true,
            })
            .collect();
        for l in policy.levels.iter() {
            if !levels.iter().any(|c| c.id == l.id.as_str()) {
                levels.push(LevelChoice {
                    id: l.id.to_string(),
                    on: plan.levels.is_none(),
                });
            }
        }
        let mut targets: Vec<TargetDraft> = plan
            .rebate_targets
            .iter()
            .map(|t| TargetDraft {
                program: t.program.to_string(),
                target: t.target.to_string(),
                period_to_date: money_text(t.period_to_date),
            })
            .collect();
        for p in &policy.rebate_programs {
            if !targets.iter().any(|t| t.program == p.id.as_str()) {
                targets.push(TargetDraft {
                    program: p.id.to_string(),
                    ..TargetDraft::default()
                });
            }
        }
        let mut d = PlanDraft {
            title: plan.title.to_string(),
            partner_name: plan.partner_name.to_string(),
            levels,
            levels_listed: plan.levels.is_some(),
            targets,
            payment_days: plan.customer_payment_days.to_string(),
            capital_pct: rate_to_percent(plan.cost_of_capital.value()),
            staff: plan.fixed_costs.staff.to_string(),
            cost_per_staff: money_text(plan.fixed_costs.cost_per_staff),
            other_fixed: money_text(plan.fixed_costs.other),
            periods: Vec::new(),
            next_key: 0,
        };
        for p in plan.periods.iter() {
            let key = d.key();
            let lines = p
                .lines
                .iter()
                .map(|l| PlanLineDraft {
                    key: d.key(),
                    sku: l.sku.to_string(),
                    qty: l.qty.to_string(),
                    resale: l.resale_price.to_string(),
                })
                .collect();
            d.periods.push(PeriodDraft {
                key,
                label: p.label.to_string(),
                date: p.date.to_string(),
                services_revenue: money_text(p.services_revenue),
                services_cost: money_text(p.services_cost),
                mdf: money_text(p.mdf),
                lines,
            });
        }
        d
    }

    fn key(&mut self) -> u64 {
        let k = self.next_key;
        self.next_key += 1;
        k
    }

    pub fn period(&self, key: u64) -> Option<&PeriodDraft> {
        self.periods.iter().find(|p| p.key == key)
    }

    fn period_mut(&mut self, key: u64) -> Option<&mut PeriodDraft> {
        self.periods.iter_mut().find(|p| p.key == key)
    }

    /// Builds the engine's plan from what was typed, or every message about
    /// what must be fixed first, each on its input.
    pub fn to_plan(&self) -> Result<Plan, Vec<PlanMessage>> {
        let mut m = Messages::default();
        let title = m.take(
            PlanField::Title,
            Title::new(self.title.trim()).map_err(text_words),
        );
        let partner_name = m.take(
            PlanField::PartnerName,
            Title::new(self.partner_name.trim()).map_err(text_words),
        );
        let on: Vec<&LevelChoice> = self.levels.iter().filter(|l| l.on).collect();
        let levels = if !self.levels_listed && on.len() == self.levels.len() {
            Some(None)
        } else {
            let ids: Option<Vec<Id>> = on
                .iter()
                .map(|l| m.take(PlanField::Levels, Id::new(l.id.as_str()).map_err(id_words)))
                .collect();
            match ids.map(NonEmpty::new) {
                Some(Some(ids)) => Some(Some(ids)),
                Some(None) => {
                    m.take::<()>(PlanField::Levels, Err(words(Key::PlanNeedsLevel)));
                    None
                }
                None => None,
            }
        };
        let mut rebate_targets = Vec::new();
        for t in self.targets.iter().filter(|t| !t.target.trim().is_empty()) {
            let program = m.take(
                PlanField::Target(t.program.clone(), false),
                Id::new(t.program.as_str()).map_err(id_words),
            );
            let target = m.take(
                PlanField::Target(t.program.clone(), false),
                PositiveMoney::parse(&plain_number(&t.target)),
            );
            let ptd = m.take(
                PlanField::Target(t.program.clone(), true),
                money_or_zero(&t.period_to_date),
            );
            if let (Some(program), Some(target), Some(period_to_date)) = (program, target, ptd) {
                rebate_targets.push(RebateTarget {
                    program,
                    target,
                    period_to_date,
                });
            }
        }
        let days = m.take(
            PlanField::PaymentDays,
            whole(
                &self.payment_days,
                Some(Days::ZERO),
                Days::new,
                Key::DaysRange,
            ),
        );
        let capital = m.take(
            PlanField::Capital,
            percent_to_rate(&self.capital_pct)
                .and_then(|r| Rate::parse(&r).ok())
                .ok_or(words(Key::PercentRange)),
        );
        let staff = m.take(
            PlanField::Staff,
            whole(
                &self.staff,
                Some(Headcount::ZERO),
                Headcount::new,
                Key::StaffRange,
            ),
        );
        let cost_per_staff = m.take(PlanField::CostPerStaff, money_or_zero(&self.cost_per_staff));
        let other = m.take(PlanField::OtherFixed, money_or_zero(&self.other_fixed));
        let mut periods = Vec::with_capacity(self.periods.len());
        for p in &self.periods {
            let at = |f| PlanField::Period(p.key, f);
            let label = m.take(
                at(PeriodField::Label),
                Label::new(p.label.trim()).map_err(text_words),
            );
            let date = m.take(
                at(PeriodField::Date),
                Date::parse(p.date.trim()).ok_or(words(Key::DateInvalid)),
            );
            let services_revenue = m.take(
                at(PeriodField::ServicesRevenue),
                money_or_zero(&p.services_revenue),
            );
            let services_cost = m.take(
                at(PeriodField::ServicesCost),
                money_or_zero(&p.services_cost),
            );
            let mdf = m.take(at(PeriodField::Mdf), money_or_zero(&p.mdf));
            let mut lines = Vec::with_capacity(p.lines.len());
            for l in &p.lines {
                let at = |f| PlanField::Line(p.key, l.key, f);
                let sku = m.take(at(LineInput::Sku), Id::new(l.sku.trim()).map_err(id_words));
                let qty = m.take(
                    at(LineInput::Qty),
                    plain_number(&l.qty)
                        .parse::<u32>()
                        .ok()
                        .and_then(Qty::new)
                        .ok_or(words(Key::QtyRange)),
                );
                let resale = plain_number(&l.resale);
                let resale_price = m.take(
                    at(LineInput::Resale),
                    if resale.is_empty() {
                        Err(words(Key::PlanResaleNeeded))
                    } else {
                        Price::parse(&resale)
                    },
                );
                if let (Some(sku), Some(qty), Some(resale_price)) = (sku, qty, resale_price) {
                    lines.push(PlanLine {
                        sku,
                        qty,
                        resale_price,
                    });
                }
            }
            if p.lines.is_empty() {
                m.take::<()>(at(PeriodField::Whole), Err(words(Key::NeedsLine)));
            }
            if let (Some(label), Some(date), Some(lines), Some(sr), Some(sc), Some(mdf)) = (
                label,
                date,
                NonEmpty::new(lines),
                services_revenue,
                services_cost,
                mdf,
            ) {
                periods.push(PlanPeriod {
                    label,
                    date,
                    lines,
                    services_revenue: sr,
                    services_cost: sc,
                    mdf,
                });
            }
        }
        if self.periods.is_empty() {
            m.take::<()>(PlanField::General, Err(words(Key::PlanNeedsPeriod)));
        } else if self.periods.len() > crate::engine::documents::plan::MAX_PERIODS {
            m.take::<()>(PlanField::General, Err(words(Key::PlanTooManyPeriods)));
        }
        if !m.0.is_empty() {
            return Err(m.0);
        }
        match (
            title,
            partner_name,
            levels,
            NonEmptyUpTo::new(periods),
            days,
            capital,
            staff,
            cost_per_staff,
            other,
        ) {
            (
                Some(title),
                Some(partner_name),
                Some(levels),
                Some(periods),
                Some(days),
                Some(capital),
                Some(staff),
                Some(cost_per_staff),
                Some(other),
            ) => Ok(Plan {
                schema: PlanTag,
                title,
                partner_name,
                levels,
                rebate_targets,
                periods,
                customer_payment_days: days,
                cost_of_capital: capital,
                fixed_costs: FixedCosts {
                    staff,
                    cost_per_staff,
                    other,
                },
            }),
            _ => Err(m.0),
        }
    }

    /// Puts an engine problem next to the input it is about, by its path.
    pub fn place(&self, p: &Problem) -> PlanMessage {
        let field = if p.document == Document::Plan {
            self.field_of(&p.path).unwrap_or(PlanField::General)
        } else {
            PlanField::General
        };
        PlanMessage {
            field,
            zh: p.zh.clone(),
            en: p.en.clone(),
        }
    }

    fn field_of(&self, path: &JsonPath) -> Option<PlanField> {
        if let Some((i, rest)) = path.index_under("periods") {
            let period = self.periods.get(i)?;
            if let [Segment::Field(f), Segment::Index(j), rest @ ..] = rest {
                if f == "lines" {
                    let line = period.lines.get(*j)?;
                    let input = match rest.first().and_then(name) {
                        Some("qty") => LineInput::Qty,
                        Some("resale_price") => LineInput::Resale,
                        _ => LineInput::Sku,
                    };
                    return Some(PlanField::Line(period.key, line.key, input));
                }
            }
            let f = match rest.first().and_then(name) {
                Some("label") => PeriodField::Label,
                Some("date") => PeriodField::Date,
                Some("services_revenue") => PeriodField::ServicesRevenue,
                Some("services_cost") => PeriodField::ServicesCost,
                Some("mdf") => PeriodField::Mdf,
                _ => PeriodField::Whole,
            };
            return Some(PlanField::Period(period.key, f));
        }
        if let Some((i, rest)) = path.index_under("rebate_targets") {
            let t = self
                .targets
                .iter()
                .filter(|t| !t.target.trim().is_empty())
                .nth(i)?;
            let ptd = rest.first().and_then(name) == Some("period_to_date");
            return Some(PlanField::Target(t.program.clone(), ptd));
        }
        let segments = path.segments();
        Some(match segments.first().and_then(name)? {
            "title" => PlanField::Title,
            "partner_name" => PlanField::PartnerName,
            "levels" => PlanField::Levels,
            "customer_payment_days" => PlanField::PaymentDays,
            "cost_of_capital" => PlanField::Capital,
            "fixed_costs" => match segments.get(1).and_then(name)? {
                "staff" => PlanField::Staff,
                "cost_per_staff" => PlanField::CostPerStaff,
                _ => PlanField::OtherFixed,
            },
            _ => return None,
        })
    }

    /// Applies one edit; `policy` gives order multiples, categories and
    /// list prices, `order` is the order draft (for a period from it).
    pub fn apply(&mut self, edit: PlanEdit, policy: &Policy, order: &Draft) {
        match edit {
            PlanEdit::Set(field, value) => self.set(field, value),
            PlanEdit::ToggleLevel(id, on) => {
                self.levels_listed = true;
                if let Some(l) = self.levels.iter_mut().find(|l| l.id == id) {
                    l.on = on;
                }
            }
            PlanEdit::AddPeriod => {
                let last = self.periods.last().map(|p| p.key);
                match last {
                    Some(k) => {
                        self.copy_period(k);
                        if let Some(p) = self.periods.last_mut() {
                            p.lines.clear();
                            p.services_revenue.clear();
                            p.services_cost.clear();
                            p.mdf.clear();
                        }
                    }
                    None => {
                        let key = self.key();
                        self.periods.push(PeriodDraft {
                            key,
                            date: order.date.clone(),
                            label: order.date.chars().take(7).collect(),
                            ..PeriodDraft::default()
                        });
                    }
                }
            }
            PlanEdit::RemovePeriod(k) => self.periods.retain(|p| p.key != k),
            PlanEdit::CopyPeriod(k) => self.copy_period(k),
            PlanEdit::AddLine(period, sku) => {
                let product = policy.products.iter().find(|p| p.sku.as_str() == sku);
                let key = self.key();
                if let Some(p) = self.period_mut(period) {
                    p.lines.push(PlanLineDraft {
                        key,
                        qty: product.map_or(1, |p| p.order_multiple.get()).to_string(),
                        resale: product.map_or(String::new(), |p| p.list_price.to_string()),
                        sku,
                    });
                }
            }
            PlanEdit::RemoveLine(period, line) => {
                if let Some(p) = self.period_mut(period) {
                    p.lines.retain(|l| l.key != line);
                }
            }
            PlanEdit::Preset(preset) => self.preset(preset),
            PlanEdit::PeriodFromOrder => self.period_from_order(order),
            PlanEdit::Scale(period, growth) => self.scale(period, &growth, policy),
            PlanEdit::CategoryQty(period, category, qty) => {
                let in_category = |sku: &str| {
                    policy
                        .products
                        .iter()
                        .any(|p| p.sku.as_str() == sku.trim() && p.category.as_str() == category)
                };
                if let Some(p) = self.period_mut(period) {
                    for l in p.lines.iter_mut().filter(|l| in_category(&l.sku)) {
                        l.qty = qty.clone();
                    }
                }
            }
            PlanEdit::CategoryMarkup {
                category,
                markup,
                net_units,
            } => self.category_markup(&category, &markup, &net_units, policy),
        }
    }

    /// Resale = round(net unit × (100 + markup) / 100, 2), half up, for
    /// every line of the category that has a net unit price; a markup that
    /// does not read changes nothing.
    fn category_markup(
        &mut self,
        category: &str,
        markup: &str,
        net_units: &NetUnits,
        policy: &Policy,
    ) {
        let Some(m) = parse_markup(markup) else {
            return;
        };
        let in_category = |sku: &str| {
            policy
                .products
                .iter()
                .any(|p| p.sku.as_str() == sku.trim() && p.category.as_str() == category)
        };
        for (i, p) in self.periods.iter_mut().enumerate() {
            for (j, l) in p.lines.iter_mut().enumerate() {
                if !in_category(&l.sku) {
                    continue;
                }
                let quoted = net_units
                    .get(&(i, j))
                    .filter(|(sku, _)| sku == l.sku.trim());
                if let Some(r) = quoted.and_then(|(_, u)| marked_up(*u, m)) {
                    l.resale = r.to_string();
                }
            }
        }
    }

    fn set(&mut self, field: PlanField, value: String) {
        match field {
            PlanField::Title => self.title = value,
            PlanField::PartnerName => self.partner_name = value,
            PlanField::Target(program, ptd) => {
                if let Some(t) = self.targets.iter_mut().find(|t| t.program == program) {
                    if ptd {
                        t.period_to_date = value;
                    } else {
                        t.target = value;
                    }
                }
            }
            PlanField::PaymentDays => self.payment_days = value,
            PlanField::Capital => self.capital_pct = value,
            PlanField::Staff => self.staff = value,
            PlanField::CostPerStaff => self.cost_per_staff = value,
            PlanField::OtherFixed => self.other_fixed = value,
            PlanField::Period(k, f) => {
                if let Some(p) = self.period_mut(k) {
                    match f {
                        PeriodField::Label => p.label = value,
                        PeriodField::Date => p.date = value,
                        PeriodField::ServicesRevenue => p.services_revenue = value,
                        PeriodField::ServicesCost => p.services_cost = value,
                        PeriodField::Mdf => p.mdf = value,
                        PeriodField::Whole => {}
                    }
                }
            }
            PlanField::Line(pk, lk, f) => {
                if let Some(l) = self
                    .period_mut(pk)
                    .and_then(|p| p.lines.iter_mut().find(|l| l.key == lk))
                {
                    match f {
                        LineInput::Sku => l.sku = value,
                        LineInput::Qty => l.qty = value,
                        LineInput::Resale => l.resale = value,
                    }
                }
            }
            PlanField::Levels | PlanField::General => {}
        }
    }

    /// Months between periods: a quarter when the first two periods are
    /// three or more months apart, otherwise a month.
    fn gap_months(&self) -> u32 {
        let dates: Vec<Date> = self
            .periods
            .iter()
            .filter_map(|p| Date::parse(p.date.trim()))
            .take(2)
            .collect();
        match dates.as_slice() {
            [a, b] => {
                let months = (i32::from(b.year) - i32::from(a.year)) * 12 + i32::from(b.month)
                    - i32::from(a.month);
                if months >= 3 {
                    3
                } else {
                    1
                }
            }
            _ => 1,
        }
    }

    /// A copy of the period with fresh keys.
    fn clone_period(&mut self, p: &PeriodDraft) -> PeriodDraft {
        let mut c = p.clone();
        c.key = self.key();
        for l in &mut c.lines {
            l.key = self.key();
        }
        c
    }

    /// Inserts a copy right after the period, dated one gap later.
    fn copy_period(&mut self, key: u64) {
        let Some(i) = self.periods.iter().position(|p| p.key == key) else {
            return;
        };
        let gap = self.gap_months();
        let source = self.periods[i].clone();
        let mut c = self.clone_period(&source);
        if let Some(d) = Date::parse(source.date.trim()).and_then(|d| add_months(d, gap, d.day)) {
            c.date = d.to_string();
            c.label = if gap == 3 {
                quarter_label(d)
            } else {
                month_label(d)
            };
        }
        self.periods.insert(i + 1, c);
    }

    /// Replaces the periods by a preset's, each taking the lines and
    /// figures of the period at its place (or of the last one).
    fn preset(&mut self, preset: Preset) {
        let Some(first) = self
            .periods
            .first()
            .and_then(|p| Date::parse(p.date.trim()))
        else {
            return;
        };
        let (count, dates): (usize, Vec<(Date, String)>) = match preset {
            Preset::ThisYearByQuarter => (
                4,
                (0..4u8)
                    .filter_map(|q| Date::new(first.year, q * 3 + 2, 15))
                    .map(|d| (d, quarter_label(d)))
                    .collect(),
            ),
            Preset::NextSixMonths => (
                6,
                (0..6)
                    .filter_map(|i| add_months(first, i, 15))
                    .map(|d| (d, month_label(d)))
                    .collect(),
            ),
        };
        if dates.len() != count {
            return;
        }
        let old = std::mem::take(&mut self.periods);
        for (i, (date, label)) in dates.into_iter().enumerate() {
            let Some(source) = old.get(i).or(old.last()) else {
                return;
            };
            let mut p = self.clone_period(source);
            p.date = date.to_string();
            p.label = label;
            self.periods.push(p);
        }
    }

    /// A period from the order draft, placed by its date.
    fn period_from_order(&mut self, order: &Draft) {
        let key = self.key();
        let lines = order
            .lines
            .iter()
            .map(|l| PlanLineDraft {
                key: self.key(),
                sku: l.sku.clone(),
                qty: l.qty.clone(),
                resale: l.resale.clone(),
            })
            .collect();
        let date = Date::parse(order.date.trim());
        let period = PeriodDraft {
            key,
            label: date.map_or_else(|| order.date.clone(), month_label),
            date: order.date.clone(),
            lines,
            ..PeriodDraft::default()
        };
        let at = date
            .and_then(|d| {
                self.periods
                    .iter()
                    .position(|p| Date::parse(p.date.trim()).is_some_and(|pd| pd > d))
            })
            .unwrap_or(self.periods.len());
        self.periods.insert(at, period);
    }

    /// Quantities × (100 + g) / 100, rounded half up to whole units, then
    /// up to the product's order multiple (at least one multiple); resale
    /// prices unchanged. Quantities that do not read stay as typed.
    fn scale(&mut self, period: Option<u64>, growth: &str, policy: &Policy) {
        let Some(g) = parse_growth(growth) else {
            return;
        };
        for p in self
            .periods
            .iter_mut()
            .filter(|p| period.is_none_or(|k| k == p.key))
        {
            for l in &mut p.lines {
                let multiple = policy
                    .products
                    .iter()
                    .find(|pr| pr.sku.as_str() == l.sku.trim())
                    .map_or(1, |pr| pr.order_multiple.get());
                if let Some(q) = scaled_qty(&l.qty, g, multiple) {
                    l.qty = q.to_string();
                }
            }
        }
    }
}

/// A growth percentage as typed (`10`, `-5`, `２０％`); above −100.
pub fn parse_growth(text: &str) -> Option<Decimal> {
    let t = plain_number(text.trim().trim_end_matches(['%', '％']));
    let g = t.parse::<Decimal>().ok()?;
    (g > Decimal::from(-100) && g <= Decimal::from(10_000)).then_some(g)
}

/// A markup percentage as typed (`20`, `２０％`), from 0 to 1000.
pub fn parse_markup(text: &str) -> Option<Decimal> {
    let m = plain_number(text.trim().trim_end_matches(['%', '％']))
        .parse::<Decimal>()
        .ok()?;
    (m >= Decimal::ZERO && m <= Decimal::from(1000)).then_some(m)
}

/// `round(unit × (100 + markup) / 100, 2)`, half up.
pub fn marked_up(unit: Decimal, markup: Decimal) -> Option<Decimal> {
    let x = unit
        .checked_mul(Decimal::ONE_HUNDRED + markup)?
        .checked_div(Decimal::ONE_HUNDRED)?;
    Some(RoundingMode::HalfUp.money(x))
}

/// One quantity scaled by growth `g` %; `None` when it does not read.
pub fn scaled_qty(qty: &str, g: Decimal, multiple: u32) -> Option<u32> {
    let q = plain_number(qty).parse::<u32>().ok()?;
    let raw = Decimal::from(q)
        .checked_mul(Decimal::ONE_HUNDRED + g)?
        .checked_div(Decimal::ONE_HUNDRED)?;
    let units = raw
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_u32()?;
    let m = multiple.max(1);
    let up = units.div_ceil(m).max(1).checked_mul(m)?;
    Some(up)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> (Plan, Policy) {
        (
            crate::app::demo::plan().plan,
            crate::app::demo::policy().prepared.policy.clone(),
        )
    }

    #[test]
    fn the_demo_plan_round_trips_through_the_draft() {
        let (plan, policy) = demo();
        let d = PlanDraft::from_plan(&plan, &policy);
        assert_eq!(d.to_plan().unwrap(), plan);
        assert_eq!(d.capital_pct, "6");
        assert_eq!(d.periods.len(), 6);
    }

    #[test]
    fn a_plan_without_levels_round_trips_and_so_do_the_spec_plans() {
        let (mut plan, policy) = demo();
        plan.levels = None;
        let d = PlanDraft::from_plan(&plan, &policy);
        assert!(d.levels.iter().all(|l| l.on));
        assert_eq!(d.to_plan().unwrap(), plan);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/spec/plans");
        let text = std::fs::read_to_string(dir.join("q4.json")).unwrap();
        let q4 = Plan::from_json_text(&text).unwrap();
        let d = PlanDraft::from_plan(&q4, &policy);
        assert_eq!(d.to_plan().unwrap(), q4);
    }

    #[test]
    fn bad_inputs_are_placed_and_kept() {
        let (plan, policy) = demo();
        let mut d = PlanDraft::from_plan(&plan, &policy);
        let (pk, lk) = (d.periods[2].key, d.periods[2].lines[0].key);
        d.periods[2].lines[0].qty = "１２x".into();
        d.periods[1].date = "2026-02-30".into();
        d.capital_pct = "abc".into();
        d.title = " ".into();
        let msgs = d.to_plan().unwrap_err();
        let fields: Vec<&PlanField> = msgs.iter().map(|m| &m.field).collect();
        assert!(fields.contains(&&PlanField::Line(pk, lk, LineInput::Qty)));
        assert!(fields.contains(&&PlanField::Period(d.periods[1].key, PeriodField::Date)));
        assert!(fields.contains(&&PlanField::Capital));
        assert!(fields.contains(&&PlanField::Title));
        assert_eq!(d.periods[2].lines[0].qty, "１２x");
    }

    #[test]
    fn engine_problems_are_placed_by_their_path() {
        let (plan, policy) = demo();
        let mut d = PlanDraft::from_plan(&plan, &policy);
        d.periods[3].date = d.periods[2].date.clone();
        let p = d.to_plan().unwrap();
        let prepared = crate::app::demo::policy().prepared;
        let problems = crate::engine::plan(&prepared, &p).unwrap_err();
        let placed: Vec<PlanField> = problems.iter().map(|p| d.place(p).field).collect();
        assert!(placed.contains(&PlanField::Period(d.periods[3].key, PeriodField::Date)));
        // A SKU the policy does not sell, on the line.
        let mut d = PlanDraft::from_plan(&plan, &policy);
        d.periods[2].lines[1].sku = "NOPE".into();
        let problems = crate::engine::plan(&prepared, &d.to_plan().unwrap()).unwrap_err();
        let placed: Vec<PlanField> = problems.iter().map(|p| d.place(p).field).collect();
        let (pk, lk) = (d.periods[2].key, d.periods[2].lines[1].key);
        assert!(
            placed.contains(&PlanField::Line(pk, lk, LineInput::Sku)),
            "{placed:?}"
        );
    }

    #[test]
    fn quantities_scale_half_up_then_to_the_order_multiple() {
        let g = parse_growth("10").unwrap();
        assert_eq!(scaled_qty("8", g, 1), Some(9)); // 8.8
        assert_eq!(scaled_qty("15", g, 1), Some(17)); // 16.5 → 17
        assert_eq!(scaled_qty("20", g, 5), Some(25)); // 22 → 25
        assert_eq!(scaled_qty("x", g, 1), None);
        assert_eq!(scaled_qty("1", parse_growth("-90").unwrap(), 1), Some(1));
        assert_eq!(parse_growth("２０％"), Some(Decimal::from(20)));
        assert_eq!(parse_growth("-100"), None);
    }

    #[test]
    fn markups_read_from_0_to_1000_and_round_half_up() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        assert_eq!(parse_markup("２０％"), Some(d("20")));
        assert_eq!(parse_markup("1000"), Some(d("1000")));
        assert_eq!(parse_markup("0"), Some(Decimal::ZERO));
        for bad in ["1000.01", "-0.5", "x", ""] {
            assert_eq!(parse_markup(bad), None, "{bad}");
        }
        assert_eq!(marked_up(d("0.1"), d("5")), Some(d("0.11"))); // 0.105
        assert_eq!(marked_up(d("9408.0000"), d("12.5")), Some(d("10584.00")));
    }

    mod reducer {
        use super::super::*;
        use crate::app::i18n::Lang;
        use crate::app::state::{Action, AppState, Mode};
        use std::rc::Rc;
        use yew::Reducible;

        fn demo() -> Rc<AppState> {
            Rc::new(AppState::demo_with_sample(Lang::Zh, "2026-11-26"))
        }

        fn edit(s: Rc<AppState>, e: PlanEdit) -> Rc<AppState> {
            s.reduce(Action::EditPlan(e))
        }

        fn dates(s: &AppState) -> Vec<String> {
            s.plan_draft
                .periods
                .iter()
                .map(|p| p.date.clone())
                .collect()
        }

        fn labels(s: &AppState) -> Vec<String> {
            s.plan_draft
                .periods
                .iter()
                .map(|p| p.label.clone())
                .collect()
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
        fn this_year_by_quarter() {
            let s = edit(demo(), PlanEdit::Preset(Preset::ThisYearByQuarter));
            assert_eq!(
                dates(&s),
                ["2026-02-15", "2026-05-15", "2026-08-15", "2026-11-15"]
            );
            assert_eq!(labels(&s), ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
            assert!(s.plan_messages.is_empty(), "{:?}", s.plan_messages);
            assert_eq!(s.plan.plan.periods.len(), 4);
            assert_eq!(s.plan_result.as_ref().unwrap().levels[0].periods.len(), 4);
        }

        #[test]
        fn next_six_months() {
            let s = edit(demo(), PlanEdit::Preset(Preset::ThisYearByQuarter));
            let s = edit(s, PlanEdit::Preset(Preset::NextSixMonths));
            assert_eq!(
                dates(&s),
                [
                    "2026-02-15",
                    "2026-03-15",
                    "2026-04-15",
                    "2026-05-15",
                    "2026-06-15",
                    "2026-07-15"
                ]
            );
            assert_eq!(labels(&s)[0], "2026-02");
            assert!(s.plan_messages.is_empty(), "{:?}", s.plan_messages);
            assert_eq!(s.plan.plan.periods.len(), 6);
        }

        #[test]
        fn a_period_from_the_order_draft_goes_in_date_order() {
            let s = edit(demo(), PlanEdit::PeriodFromOrder);
            assert_eq!(s.plan_draft.periods.len(), 7);
            let p = &s.plan_draft.periods[2];
            assert_eq!(
                (p.date.as_str(), p.label.as_str()),
                ("2026-11-26", "2026-11")
            );
            assert_eq!(p.lines.len(), 5);
            assert_eq!(
                (
                    p.lines[1].sku.as_str(),
                    p.lines[1].qty.as_str(),
                    p.lines[1].resale.as_str()
                ),
                ("ERP-USER", "12", "1550.00")
            );
            assert!(s.plan_messages.is_empty(), "{:?}", s.plan_messages);
            assert_eq!(s.plan.plan.periods.len(), 7);
        }

        #[test]
        fn copying_a_period_dates_it_one_gap_later() {
            let s = demo();
            let last = s.plan_draft.periods[5].key;
            let s = edit(s, PlanEdit::CopyPeriod(last));
            assert_eq!(dates(&s)[6], "2027-04-15");
            assert_eq!(labels(&s)[6], "2027-04");
            assert_eq!(s.plan_draft.periods[6].lines.len(), 4);
            assert!(s.plan_messages.is_empty());
            // By quarter, the copy is a quarter later.
            let s = edit(s, PlanEdit::Preset(Preset::ThisYearByQuarter));
            let q4 = s.plan_draft.periods[3].key;
            let s = edit(s, PlanEdit::CopyPeriod(q4));
            assert_eq!(dates(&s)[4], "2027-02-15");
            assert_eq!(labels(&s)[4], "2027-Q1");
            // A copy that lands on the next period's date: the engine says so
            // on the copy's date, and the last result stays.
            let before = net_profits(&s);
            let first = s.plan_draft.periods[0].key;
            let s = edit(s, PlanEdit::CopyPeriod(first));
            assert_eq!(dates(&s)[1], "2026-05-15");
            let copy = s.plan_draft.periods[2].key;
            assert!(s.plan_stale());
            assert_eq!(
                s.plan_messages_for(&PlanField::Period(copy, PeriodField::Date))
                    .count(),
                1,
                "{:?}",
                s.plan_messages
            );
            assert_eq!(net_profits(&s), before);
        }

        #[test]
        fn growth_scales_quantities_not_prices() {
            let s = demo();
            let before = net_profits(&s);
            let s = edit(s, PlanEdit::Scale(None, "10".into()));
            let q: Vec<&str> = s.plan_draft.periods[0]
                .lines
                .iter()
                .map(|l| l.qty.as_str())
                .collect();
            assert_eq!(q, ["9", "66", "22", "33"]);
            assert_eq!(s.plan_draft.periods[0].lines[0].resale, "10500.00");
            assert!(s.plan_messages.is_empty());
            let after = net_profits(&s);
            assert!(before.iter().zip(&after).all(|(b, a)| b != a));
            // One period only.
            let k = s.plan_draft.periods[1].key;
            let s = edit(s, PlanEdit::Scale(Some(k), "-50".into()));
            let q: Vec<&str> = s.plan_draft.periods[1]
                .lines
                .iter()
                .map(|l| l.qty.as_str())
                .collect();
            assert_eq!(q, ["6", "11", "22"]);
            assert_eq!(s.plan_draft.periods[0].lines[0].qty, "9");
        }

        #[test]
        fn a_category_quantity_sets_every_line_of_it() {
            let s = demo();
            let k = s.plan_draft.periods[0].key;
            let category = s
                .policy
                .prepared
                .product("ERP-STD")
                .unwrap()
                .category
                .to_string();
            let s = edit(s, PlanEdit::CategoryQty(k, category.clone(), "3".into()));
            for l in &s.plan_draft.periods[0].lines {
                let c = s.policy.prepared.product(&l.sku).unwrap().category.as_str();
                assert_eq!(l.qty == "3", c == category, "{}", l.sku);
            }
            assert!(s.plan_messages.is_empty());
        }

        #[test]
        fn a_category_markup_sets_resale_prices_from_the_first_level() {
            let s = demo();
            // The first compared level is `registered`: ERP-STD nets 9408.
            let first = &s.plan_result.as_ref().unwrap().levels[0];
            assert_eq!(first.level, "registered");
            assert_eq!(
                first.periods[0].quote.lines[0].net_unit_price.to_string(),
                "9408.0000"
            );
            assert_eq!(s.plan_draft.periods[0].lines[0].sku, "ERP-STD");
            let markup = |m: &str| PlanEdit::CategoryMarkup {
                category: "software".into(),
                markup: m.into(),
                net_units: NetUnits::new(),
            };
            // A markup out of range, or not a number, changes nothing.
            for bad in ["1001", "-1", "abc", ""] {
                let t = edit(s.clone(), markup(bad));
                assert_eq!(t.plan_draft, s.plan_draft, "{bad}");
            }
            let t = edit(s.clone(), markup("１２．５％"));
            let lines = &t.plan_draft.periods[0].lines;
            // 9408 × 112.5 / 100.
            assert_eq!(lines[0].resale, "10584.00");
            // Every software line in every period is priced; others are not.
            for (p, q) in s.plan_draft.periods.iter().zip(&t.plan_draft.periods) {
                for (a, b) in p.lines.iter().zip(&q.lines) {
                    let c = s.policy.prepared.product(&a.sku).unwrap().category.as_str();
                    assert_eq!(a.resale != b.resale, c == "software", "{}", a.sku);
                }
            }
            assert!(t.plan_messages.is_empty(), "{:?}", t.plan_messages);
        }

        #[test]
        fn periods_and_lines_are_added_and_removed() {
            let s = demo();
            let s = edit(s, PlanEdit::AddPeriod);
            assert_eq!(dates(&s)[6], "2027-04-15");
            let new = s.plan_draft.periods[6].key;
            // A period without lines says so, on the period.
            assert_eq!(
                s.plan_messages_for(&PlanField::Period(new, PeriodField::Whole))
                    .count(),
                1
            );
            let s = edit(s, PlanEdit::AddLine(new, "CLOUD-Y".into()));
            assert!(s.plan_messages.is_empty(), "{:?}", s.plan_messages);
            assert_eq!(s.plan.plan.periods.len(), 7);
            let line = s.plan_draft.periods[6].lines[0].key;
            let s = edit(s, PlanEdit::RemoveLine(new, line));
            assert!(s.plan_stale());
            let s = edit(s, PlanEdit::RemovePeriod(new));
            assert!(!s.plan_stale());
            assert_eq!(s.plan.plan.periods.len(), 6);
        }

        #[test]
        fn a_bad_quantity_keeps_the_last_result_and_says_where() {
            let s = demo();
            let before = net_profits(&s);
            let (pk, lk) = (
                s.plan_draft.periods[0].key,
                s.plan_draft.periods[0].lines[0].key,
            );
            let s = edit(
                s,
                PlanEdit::Set(PlanField::Line(pk, lk, LineInput::Qty), "8x".into()),
            );
            assert!(s.plan_stale());
            assert_eq!(net_profits(&s), before);
            assert_eq!(
                s.plan_messages_for(&PlanField::Line(pk, lk, LineInput::Qty))
                    .count(),
                1
            );
            let s = edit(
                s,
                PlanEdit::Set(PlanField::Line(pk, lk, LineInput::Qty), "９".into()),
            );
            assert!(!s.plan_stale());
            assert_ne!(net_profits(&s), before);
        }

        #[test]
        fn a_period_opens_in_the_order_calculator() {
            let s = demo().reduce(Action::SetMode(Mode::Plan));
            let partner = s.active;
            let k = s.plan_draft.periods[1].key;
            let s = s.reduce(Action::OpenPeriodInOrder(k));
            assert_eq!(s.mode, Mode::Order);
            assert_eq!(s.active, partner);
            assert_eq!(s.draft().date, "2026-11-15");
            assert_eq!(s.draft().payment_days, "60");
            assert_eq!(s.draft().capital_pct, "6");
            let lines: Vec<(&str, &str, &str)> = s
                .draft()
                .lines
                .iter()
                .map(|l| (l.sku.as_str(), l.qty.as_str(), l.resale.as_str()))
                .collect();
            assert_eq!(
                lines,
                [
                    ("ERP-STD", "10", "10500.00"),
                    ("CLOUD-Y", "20", "4500.00"),
                    ("POS-T1", "40", "2300.00")
                ]
            );
            assert!(s.messages().is_empty(), "{:?}", s.messages());
            assert!(s.quote().as_ref().unwrap().margin.is_some());
        }
    }
}
