//! The credit check (SPEC §5): would the vendor release this order on
//! credit, and if not, how much must be prepaid.

use crate::documents::account::AccountCredit;
use crate::documents::common::Date;
use crate::documents::policy::CreditPolicy;
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
    let warning_line = mul(c.policy.warning_utilization.value(), limit)?;
    let grace = c.policy.grace_days;

    let mut reasons = Vec::new();
    if a.on_hold {
        reasons.push(Reason {
            code: "on_hold",
            zh: "账户已被厂商暂停（冻结），订单需全额预付".into(),
            en: "the account is on hold: the order must be fully prepaid".into(),
        });
    }
    let beyond: Vec<_> = a.overdue.iter().filter(|o| o.days > grace).collect();
    if let Some(worst) = beyond.iter().max_by_key(|o| o.days) {
        let total = beyond
            .iter()
            .try_fold(Decimal::ZERO, |s, o| add(s, o.amount.value()))?;
        let amount = format_money(total, c.currency);
        reasons.push(Reason {
            code: "overdue",
            zh: format!(
                "有 {amount} 逾期超过 {grace} 天宽限期（最长 {} 天）",
                worst.days
            ),
            en: format!(
                "{amount} is overdue beyond the {grace}-day grace period (longest {} days)",
                worst.days
            ),
        });
    }
    let over_limit = exposure_after > limit;
    if over_limit {
        let (after, lim) = (
            format_money(exposure_after, c.currency),
            format_money(limit, c.currency),
        );
        reasons.push(Reason {
            code: "over_limit",
            zh: format!("下单后信用占用 {after} 超过信用额度 {lim}"),
            en: format!("exposure after this order, {after}, exceeds the credit limit of {lim}"),
        });
    }
    if exposure_after > warning_line {
        let used = match utilization(exposure_after)? {
            Some(u) => format_percent(u),
            None => "—".to_string(),
        };
        let warn = format_percent(c.policy.warning_utilization.value());
        reasons.push(Reason {
            code: "high_utilization",
            zh: format!("下单后额度使用率 {used} 超过预警线 {warn}"),
            en: format!(
                "credit utilization after this order, {used}, is above the {warn} warning line"
            ),
        });
    }

    let zero = money(Decimal::ZERO);
    let (decision, required) = if a.on_hold || !beyond.is_empty() {
        (Decision::Blocked, c.payable)
    } else if over_limit {
        (
            Decision::PrepaymentRequired,
            c.payable.min(sub(exposure_after, limit)?),
        )
    } else if exposure_after > warning_line {
        (Decision::ApprovedWithWarning, zero)
    } else {
        (Decision::Approved, zero)
    };
    Ok(CreditResult {
        decision,
        required_prepayment: money(required),
        effective_limit: money(limit),
        exposure_before: money(exposure_before),
        exposure_after: money(exposure_after),
        available_before: money(sub(limit, exposure_before)?),
        available_after: money(sub(limit, exposure_after)?),
        utilization_before: utilization(exposure_before)?,
        utilization_after: utilization(exposure_after)?,
        reasons,
    })
}
