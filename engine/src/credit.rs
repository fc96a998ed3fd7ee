//! The credit check (SPEC §5): would the vendor release this order on
//! credit, and if not, how much must be prepaid.

use crate::documents::account::AccountCredit;
use crate::documents::policy::CreditPolicy;
use crate::documents::Date;
use crate::money::checked::{add, div, mul, sub, Calc};
use crate::money::display::{format_money, format_percent};
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    ApprovedWithWarning,
    PrepaymentRequired,
    Blocked,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
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
}

pub struct CreditInputs<'a> {
    pub account: &'a AccountCredit,
    pub policy: &'a CreditPolicy,
    pub date: Date,
    pub payable: Decimal,
    pub currency: &'a str,
    pub mode: RoundingMode,
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
    over_limit: bool,
    over_warning: bool,
}

/// One row of SPEC §5's table: the first row that holds decides.
struct Row {
    decision: Decision,
    holds: fn(&Facts) -> bool,
    prepayment: fn(&Facts) -> Calc,
}

const TABLE: [Row; 4] = [
    Row {
        decision: Decision::Blocked,
        holds: |f| f.on_hold || f.overdue.is_some(),
        prepayment: |f| Ok(f.c.payable),
    },
    Row {
        decision: Decision::PrepaymentRequired,
        holds: |f| f.over_limit,
        prepayment: |f| Ok(f.c.payable.min(sub(f.exposure_after, f.limit)?)),
    },
    Row {
        decision: Decision::ApprovedWithWarning,
        holds: |f| f.over_warning,
        prepayment: |_| Ok(Decimal::ZERO),
    },
    Row {
        decision: Decision::Approved,
        holds: |_| true,
        prepayment: |_| Ok(Decimal::ZERO),
    },
];

/// A reason's words (zh, en) when its condition holds.
type Words = fn(&Facts) -> Option<(String, String)>;

/// Every reason that holds is listed, in this order, from the same facts.
const REASONS: [(&str, Words); 4] = [
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
];

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
    let exposure_after = add(exposure_before, c.payable)?;
    let utilization = |e: Decimal| -> Calc<Option<Decimal>> {
        if limit.is_zero() {
            Ok(None)
        } else {
            Ok(Some(c.mode.four(div(e, limit)?)))
        }
    };
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
    let facts = Facts {
        c,
        limit,
        exposure_after,
        utilization_after: utilization(exposure_after)?,
        on_hold: a.on_hold,
        overdue,
        // Reaching the limit exactly passes (strict >).
        over_limit: exposure_after > limit,
        over_warning: exposure_after > mul(c.policy.warning_utilization.value(), limit)?,
    };
    let row = TABLE
        .iter()
        .find(|r| (r.holds)(&facts))
        .unwrap_or(&TABLE[TABLE.len() - 1]);
    let reasons = REASONS
        .iter()
        .filter_map(|(code, words)| words(&facts).map(|(zh, en)| Reason { code, zh, en }))
        .collect();
    Ok(CreditResult {
        decision: row.decision,
        required_prepayment: money((row.prepayment)(&facts)?),
        effective_limit: money(limit),
        exposure_before: money(exposure_before),
        exposure_after: money(exposure_after),
        available_before: money(sub(limit, exposure_before)?),
        available_after: money(sub(limit, exposure_after)?),
        utilization_before: utilization(exposure_before)?,
        utilization_after: facts.utilization_after,
        reasons,
    })
}
