//! The credit check (SPEC §5): would the vendor release this order on
//! credit, and if not, how much must be prepaid.

use crate::documents::account::AccountCredit;
use crate::documents::policy::{CreditAction, CreditPolicy};
use crate::documents::Date;
use crate::money::checked::{add, div, mul, sub, Calc};
use crate::money::display::{format_money, format_percent};
use crate::money::rounding::round_up_money;
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    ApprovedWithWarning,
    /// v2: a credit manager's code let a stopping reason through.
    ApprovedWithOverride,
    /// v2: paid before shipment; no credit consumed.
    Prepaid,
    PrepaymentRequired,
    Blocked,
}

impl Decision {
    /// Every decision, best first.
    pub const ALL: [Decision; 6] = [
        Decision::Approved,
        Decision::ApprovedWithWarning,
        Decision::ApprovedWithOverride,
        Decision::Prepaid,
        Decision::PrepaymentRequired,
        Decision::Blocked,
    ];

    /// The name the quote's JSON writes.
    pub fn name(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::ApprovedWithWarning => "approved_with_warning",
            Decision::ApprovedWithOverride => "approved_with_override",
            Decision::Prepaid => "prepaid",
            Decision::PrepaymentRequired => "prepayment_required",
            Decision::Blocked => "blocked",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
    /// v2: what the policy does about it; absent from a v1 quote.
    #[serde(flatten)]
    pub control: Option<Control>,
}

/// A reason's action and whether an approval code let it through.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Control {
    pub action: CreditAction,
    pub overridden: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreditResult {
    pub decision: Decision,
    pub required_prepayment: Decimal,
    pub effective_limit: Decimal,
    pub exposure_before: Decimal,
    pub exposure_after: Decimal,
    pub available_before: Decimal,
    pub available_after: Decimal,
    pub utilization_before: Option<Decimal>,
    pub utilization_after: Option<Decimal>,
    pub reasons: Vec<Reason>,
    /// v2 (SPEC-v2 §5.5); absent from a v1 quote.
    #[serde(flatten)]
    pub v2: Option<CreditV2>,
}

/// What a v2 credit result adds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreditV2 {
    /// The approval code, when a reason was overridden.
    pub override_approval: Option<String>,
    /// False for a prepaid order: it adds no exposure.
    pub consumes_credit: bool,
    /// The lower of the partner's and the group's availability.
    pub effective_available_before: Decimal,
    pub effective_available_after: Decimal,
    /// `"group"` when the group's availability after is the lower.
    pub binding: &'static str,
    pub group: Option<GroupCredit>,
}

/// The group pool's figures (SPEC-v2 §5.4).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCredit {
    pub id: String,
    pub limit: Decimal,
    pub exposure_before: Decimal,
    pub exposure_after: Decimal,
    pub available_before: Decimal,
    pub available_after: Decimal,
    pub utilization_after: Option<Decimal>,
}

pub struct CreditInputs<'a> {
    pub account: &'a AccountCredit,
    pub policy: &'a CreditPolicy,
    pub date: Date,
    pub payable: Decimal,
    pub currency: &'a str,
    pub mode: RoundingMode,
    /// v2: the order is paid before shipment (a `prepay` option).
    pub prepaid: bool,
    /// v2: the order's credit override approval code.
    pub override_code: Option<&'a str>,
    /// Write the v2 fields.
    pub v2: bool,
}

/// The group's figures while deciding.
struct Group<'a> {
    name: &'a str,
    limit: Decimal,
    exposure_before: Decimal,
    exposure_after: Decimal,
}

/// What the credit table's conditions read, each computed once.
struct Facts<'a> {
    c: &'a CreditInputs<'a>,
    limit: Decimal,
    exposure_after: Decimal,
    utilization_after: Option<Decimal>,
    on_hold: bool,
    /// Overdue beyond grace: (total amount, longest days).
    overdue: Option<(Decimal, u32)>,
    /// Limit reasons hold only for an order that is not prepaid.
    over_limit: bool,
    over_warning: bool,
    group: Option<Group<'a>>,
    group_over_limit: bool,
    group_over_warning: bool,
}

/// A reason that holds, as the decision reads it.
struct Held {
    code: &'static str,
    action: CreditAction,
    /// How much of a limit reason is over (`None` for hold and overdue).
    excess: Option<Decimal>,
    zh: String,
    en: String,
}

impl Held {
    fn overridden(&self, c: &CreditInputs) -> bool {
        self.action == CreditAction::Override && c.override_code.is_some()
    }
    fn blocking(&self, c: &CreditInputs) -> bool {
        match self.action {
            CreditAction::Block => true,
            CreditAction::Override => c.override_code.is_none(),
            CreditAction::Warn => false,
        }
    }
}

/// One row of SPEC-v2 §5.5's table (v1 §5's when no v2 field is used):
/// the first row that holds decides.
struct Row {
    decision: Decision,
    holds: fn(&Facts, &[Held]) -> bool,
    prepayment: fn(&Facts, &[Held]) -> Calc,
}

const TABLE: [Row; 6] = [
    Row {
        decision: Decision::Blocked,
        holds: |f, held| held.iter().any(|h| h.excess.is_none() && h.blocking(f.c)),
        prepayment: |f, _| Ok(f.c.payable),
    },
    Row {
        decision: Decision::PrepaymentRequired,
        holds: |f, held| held.iter().any(|h| h.excess.is_some() && h.blocking(f.c)),
        prepayment: |f, held| {
            let largest = held
                .iter()
                .filter(|h| h.blocking(f.c))
                .filter_map(|h| h.excess)
                .max()
                .unwrap_or(Decimal::ZERO);
            Ok(f.c.payable.min(largest))
        },
    },
    Row {
        decision: Decision::ApprovedWithOverride,
        holds: |f, held| held.iter().any(|h| h.overridden(f.c)),
        prepayment: |f, _| {
            Ok(if f.c.prepaid {
                f.c.payable
            } else {
                Decimal::ZERO
            })
        },
    },
    Row {
        decision: Decision::Prepaid,
        holds: |f, _| f.c.prepaid,
        prepayment: |f, _| Ok(f.c.payable),
    },
    Row {
        decision: Decision::ApprovedWithWarning,
        holds: |_, held| held.iter().any(|h| h.action == CreditAction::Warn),
        prepayment: |_, _| Ok(Decimal::ZERO),
    },
    Row {
        decision: Decision::Approved,
        holds: |_, _| true,
        prepayment: |_, _| Ok(Decimal::ZERO),
    },
];

/// A reason's words (zh, en) when its condition holds.
type Words = fn(&Facts) -> Option<(String, String)>;

/// Every reason that holds is listed, in this order, from the same facts.
const REASONS: [(&str, Words); 6] = [
    ("on_hold", |f| {
        f.on_hold.then(|| {
            (
                "账户已被厂商暂停（冻结），订单需全额预付".into(),
                "the account is on hold: the order must be fully prepaid".into(),
            )
        })
    }),
    ("overdue", |f| {
        let (total, worst) = f.overdue?;
        let amount = format_money(total, f.c.currency);
        let grace = f.c.policy.grace_days;
        Some((
            format!("有 {amount} 逾期超过 {grace} 天宽限期（最长 {worst} 天）"),
            format!(
                "{amount} is overdue beyond the {grace}-day grace period (longest {worst} days)"
            ),
        ))
    }),
    ("over_limit", |f| {
        f.over_limit.then(|| {
            let (after, lim) = (
                format_money(f.exposure_after, f.c.currency),
                format_money(f.limit, f.c.currency),
            );
            (
                format!("下单后信用占用 {after} 超过信用额度 {lim}"),
                format!("exposure after this order, {after}, exceeds the credit limit of {lim}"),
            )
        })
    }),
    ("high_utilization", |f| {
        f.over_warning.then(|| {
            let used = f.utilization_after.map_or("—".to_string(), format_percent);
            let warn = format_percent(f.c.policy.warning_utilization.value());
            (
                format!("下单后额度使用率 {used} 超过预警线 {warn}"),
                format!(
                    "credit utilization after this order, {used}, is above the {warn} warning line"
                ),
            )
        })
    }),
    ("group_over_limit", |f| {
        let g = f.group.as_ref().filter(|_| f.group_over_limit)?;
        let (after, lim) = (
            format_money(g.exposure_after, f.c.currency),
            format_money(g.limit, f.c.currency),
        );
        Some((
            format!("下单后集团（{}）信用占用 {after} 超过集团额度 {lim}", g.name),
            format!(
                "the group's ({}) exposure after this order, {after}, exceeds the group limit of {lim}",
                g.name
            ),
        ))
    }),
    ("group_high_utilization", |f| {
        let g = f.group.as_ref().filter(|_| f.group_over_warning)?;
        let used = ratio(g.exposure_after, g.limit, f.c.mode)
            .ok()
            .flatten()
            .map_or("—".to_string(), format_percent);
        let warn = format_percent(f.c.policy.warning_utilization.value());
        Some((
            format!("下单后集团（{}）额度使用率 {used} 超过预警线 {warn}", g.name),
            format!(
                "the group's ({}) credit utilization after this order, {used}, is above the {warn} warning line",
                g.name
            ),
        ))
    }),
];

fn ratio(part: Decimal, whole: Decimal, mode: RoundingMode) -> Calc<Option<Decimal>> {
    if whole.is_zero() {
        Ok(None)
    } else {
        Ok(Some(mode.four(div(part, whole)?)))
    }
}

/// The action of a reason (SPEC-v2 §5.3 rule 1): the policy's, or v1's.
fn action_of(code: &str, policy: &CreditPolicy) -> CreditAction {
    let a = policy.actions.as_ref();
    let pick = |f: fn(&crate::documents::policy::CreditActions) -> Option<CreditAction>,
                default: CreditAction| a.and_then(f).unwrap_or(default);
    match code {
        "on_hold" => pick(|a| a.on_hold, CreditAction::Block),
        "overdue" => pick(|a| a.overdue, CreditAction::Block),
        "over_limit" | "group_over_limit" => pick(|a| a.over_limit, CreditAction::Block),
        _ => pick(|a| a.high_utilization, CreditAction::Warn),
    }
}

/// The excess of a limit reason (SPEC-v2 §5.3 rule 4).
fn excess(code: &str, f: &Facts) -> Calc<Option<Decimal>> {
    let warning = f.c.policy.warning_utilization.value();
    Ok(match (code, &f.group) {
        ("over_limit", _) => Some(sub(f.exposure_after, f.limit)?),
        ("high_utilization", _) => Some(round_up_money(sub(
            f.exposure_after,
            mul(warning, f.limit)?,
        )?)),
        ("group_over_limit", Some(g)) => Some(sub(g.exposure_after, g.limit)?),
        ("group_high_utilization", Some(g)) => Some(round_up_money(sub(
            g.exposure_after,
            mul(warning, g.limit)?,
        )?)),
        _ => None,
    })
}

pub fn check(c: &CreditInputs) -> Calc<CreditResult> {
    let a = c.account;
    let money = |d: Decimal| c.mode.money(d);
    let limit = match &a.temporary_limit {
        Some(t) if c.date <= t.expires => add(a.limit.value(), t.amount.value())?,
        _ => a.limit.value(),
    };
    let exposure_before = sub(
        add(a.ar_outstanding.value(), a.open_orders.value())?,
        a.deposit_balance.value(),
    )?;
    // A prepaid order adds no exposure (SPEC-v2 §5.4 rule 2).
    let added = if c.prepaid { Decimal::ZERO } else { c.payable };
    let exposure_after = add(exposure_before, added)?;
    let utilization = |e: Decimal| ratio(e, limit, c.mode);
    let grace = c.policy.grace_days;
    let beyond: Vec<_> = a.overdue.iter().filter(|o| o.days > grace).collect();
    let overdue = match beyond.iter().map(|o| o.days.get()).max() {
        Some(worst) => Some((
            beyond
                .iter()
                .try_fold(Decimal::ZERO, |s, o| add(s, o.amount.value()))?,
            worst,
        )),
        None => None,
    };
    let group = match &a.group {
        Some(g) => Some(Group {
            name: g.name.as_deref().unwrap_or(g.id.as_str()),
            limit: g.limit.value(),
            exposure_before: g.exposure.value(),
            exposure_after: add(g.exposure.value(), added)?,
        }),
        None => None,
    };
    let warning = c.policy.warning_utilization.value();
    let limits_apply = !c.prepaid;
    let (group_over_limit, group_over_warning) = match &group {
        Some(g) if limits_apply => (
            g.exposure_after > g.limit,
            g.exposure_after > mul(warning, g.limit)?,
        ),
        _ => (false, false),
    };
    let facts = Facts {
        c,
        limit,
        exposure_after,
        utilization_after: utilization(exposure_after)?,
        on_hold: a.on_hold,
        overdue,
        // Reaching the limit exactly passes (strict >).
        over_limit: limits_apply && exposure_after > limit,
        over_warning: limits_apply && exposure_after > mul(warning, limit)?,
        group,
        group_over_limit,
        group_over_warning,
    };
    let mut held = Vec::new();
    for (code, words) in REASONS {
        if let Some((zh, en)) = words(&facts) {
            held.push(Held {
                code,
                action: action_of(code, c.policy),
                excess: excess(code, &facts)?,
                zh,
                en,
            });
        }
    }
    let row = TABLE
        .iter()
        .find(|r| (r.holds)(&facts, &held))
        .unwrap_or(&TABLE[TABLE.len() - 1]);
    // A prepaid order pays all of it before shipment, whatever the decision.
    let required = if c.prepaid {
        c.payable
    } else {
        (row.prepayment)(&facts, &held)?
    };
    let overridden = held.iter().any(|h| h.overridden(c));
    let available_before = sub(limit, exposure_before)?;
    let available_after = sub(limit, exposure_after)?;
    let v2 = if c.v2 {
        let (effective_before, effective_after, binding, group) = match &facts.group {
            Some(g) => {
                let g_before = sub(g.limit, g.exposure_before)?;
                let g_after = sub(g.limit, g.exposure_after)?;
                (
                    available_before.min(g_before),
                    available_after.min(g_after),
                    if g_after < available_after {
                        "group"
                    } else {
                        "partner"
                    },
                    Some(GroupCredit {
                        id: a
                            .group
                            .as_ref()
                            .map_or(String::new(), |g| g.id.as_str().to_string()),
                        limit: money(g.limit),
                        exposure_before: money(g.exposure_before),
                        exposure_after: money(g.exposure_after),
                        available_before: money(g_before),
                        available_after: money(g_after),
                        utilization_after: ratio(g.exposure_after, g.limit, c.mode)?,
                    }),
                )
            }
            None => (available_before, available_after, "partner", None),
        };
        Some(CreditV2 {
            override_approval: c.override_code.filter(|_| overridden).map(str::to_string),
            consumes_credit: !c.prepaid,
            effective_available_before: money(effective_before),
            effective_available_after: money(effective_after),
            binding,
            group,
        })
    } else {
        None
    };
    let reasons = held
        .iter()
        .map(|h| Reason {
            code: h.code,
            zh: h.zh.clone(),
            en: h.en.clone(),
            control: c.v2.then(|| Control {
                action: h.action,
                overridden: h.overridden(c),
            }),
        })
        .collect();
    Ok(CreditResult {
        decision: row.decision,
        required_prepayment: money(required),
        effective_limit: money(limit),
        exposure_before: money(exposure_before),
        exposure_after: money(exposure_after),
        available_before: money(available_before),
        available_after: money(available_after),
        utilization_before: utilization(exposure_before)?,
        utilization_after: facts.utilization_after,
        reasons,
        v2,
    })
}
