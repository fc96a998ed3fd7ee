//! The SPEC-v2 figures of a quote as the partner reads them: order
//! promotions with their 凑单 nudges, the payment option's effect on price,
//! due date and rebate payout, the rebate credit spread over the lines, and
//! the credit check's v2 facts (override, group pool, prepaid). Read-only
//! panels are written as escaped HTML text ([`Markup`]); the one control
//! (the 凑单 product picker) is a component fed by [`PromotionView`].

use super::format::{money, percent, unit};
use super::i18n::{fill, Key, Lang};
use super::markup::Markup;
use crate::engine::documents::order_promotion::OrderPromotionAction;
use crate::engine::documents::policy::CreditAction;
use crate::engine::pricing::index::PreparedPolicy;
use crate::engine::pricing::order_promotion::Status;
use crate::engine::quote::Quote;
use rust_decimal::Decimal;

/// One order promotion as the 凑单 panel shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct PromotionView {
    pub rule: String,
    pub name: String,
    /// "满减 · 已享 ¥1,500.00", "未达门槛" …
    pub status: String,
    /// `applied`, `weaker`, … for styling and tests.
    pub status_code: &'static str,
    /// "再买 ¥1,640.76 即可减 ¥5,000.00"; empty without a next tier.
    pub nudge: String,
    /// Products that count toward it (SKU, name), for the one-click 凑单.
    pub reach_with: Vec<(String, String)>,
}

fn type_key(a: &OrderPromotionAction) -> Key {
    match a {
        OrderPromotionAction::AmountOff(_) => Key::OpAmountOff,
        OrderPromotionAction::PercentOff(_) => Key::OpPercentOff,
        OrderPromotionAction::AmountOffEvery(_) => Key::OpAmountOffEvery,
        OrderPromotionAction::Gift(_) => Key::OpGift,
    }
}

fn status_key(s: Status) -> (Key, &'static str) {
    match s {
        Status::Applied => (Key::OpApplied, "applied"),
        Status::Weaker => (Key::OpWeaker, "weaker"),
        Status::BelowThreshold => (Key::OpBelowThreshold, "below_threshold"),
        Status::NoQualifyingLines => (Key::OpNoQualifyingLines, "no_qualifying_lines"),
        Status::LevelNotEligible => (Key::OpLevelNotEligible, "level_not_eligible"),
        Status::OutsideDates => (Key::OpOutsideDates, "outside_dates"),
    }
}

/// Every order promotion of the quote, in policy order.
pub fn promotions(q: &Quote, policy: &PreparedPolicy, lang: Lang) -> Vec<PromotionView> {
    let Some(v2) = &q.v2 else {
        return Vec::new();
    };
    let c = q.currency.as_str();
    let en = lang.is_en();
    v2.order_promotions
        .iter()
        .filter_map(|r| {
            let op = policy
                .policy
                .order_promotions()
                .iter()
                .find(|p| p.id.as_str() == r.rule)?;
            let (key, status_code) = status_key(r.status);
            let mut status = format!("{} · {}", lang.t(type_key(&op.action)), lang.t(key));
            match (&r.gift, r.status) {
                (Some(g), Status::Applied) => {
                    status += &format!(" · {} × {}", g.qty, g.sku);
                }
                (None, Status::Applied | Status::Weaker) => {
                    status += &format!(" · {}", money(r.discount, c));
                }
                _ => {}
            }
            if let Some(s) = r.qualifying_subtotal {
                status += &format!(" · {} {}", lang.t(Key::OpSubtotal), money(s, c));
            }
            let gift_name = match &op.action {
                OrderPromotionAction::Gift(g) => policy
                    .product(g.sku.as_str())
                    .map_or(g.sku.to_string(), |p| p.name.get(en).to_string()),
                _ => String::new(),
            };
            let nudge = match &r.next_tier {
                Some(t) => match (t.discount, t.gift_qty) {
                    (Some(d), _) => fill(
                        Key::OpNudgeDiscount,
                        lang,
                        &[
                            ("more", &money(t.additional_subtotal, c)),
                            ("gives", &money(d, c)),
                        ],
                    ),
                    (None, Some(qty)) => fill(
                        Key::OpNudgeGift,
                        lang,
                        &[
                            ("more", &money(t.additional_subtotal, c)),
                            ("qty", &qty.to_string()),
                            ("gift", &gift_name),
                        ],
                    ),
                    (None, None) => String::new(),
                },
                None => String::new(),
            };
            let reach_with = if nudge.is_empty() {
                Vec::new()
            } else {
                policy
                    .policy
                    .products
                    .iter()
                    .filter(|p| op.applies_to.selects(p.sku.as_str(), p.category.as_str()))
                    .map(|p| (p.sku.to_string(), p.name.get(en).to_string()))
                    .collect()
            };
            Some(PromotionView {
                rule: r.rule.clone(),
                name: op.name.get(en).to_string(),
                status,
                status_code,
                nudge,
                reach_with,
            })
        })
        .collect()
}

/// The payment panel: the option, its price effect, due date, when the
/// partner pays, and what that does to each rebate's payout.
pub fn payment(q: &Quote, policy: &PreparedPolicy, lang: Lang) -> Option<String> {
    let pay = q.v2.as_ref()?.payment.as_ref()?;
    let c = q.currency.as_str();
    let en = lang.is_en();
    let name = policy
        .policy
        .payment_option(&pay.option)
        .map_or(pay.option.clone(), |o| o.name.get(en).to_string());
    let mut m = Markup::new();
    m.open("dl", &[]);
    let row = |m: &mut Markup, label: Key, value: &str, testid: &str| {
        m.open("div", &[])
            .element("dt", &[], lang.t(label))
            .element("dd", &[("data-testid", testid)], value)
            .close("div");
    };
    row(&mut m, Key::PaymentOption, &name, "payment-name");
    let effect = if pay.adjustment_amount.is_zero() {
        lang.t(Key::PaymentNoEffect).to_string()
    } else if pay.adjustment_amount.is_sign_negative() {
        format!(
            "{} −{}",
            lang.t(Key::PaymentCashDiscount),
            money(-pay.adjustment_amount, c)
        )
    } else {
        format!(
            "{} +{}",
            lang.t(Key::PaymentUplift),
            money(pay.adjustment_amount, c)
        )
    };
    row(&mut m, Key::PaymentEffect, &effect, "payment-effect");
    row(
        &mut m,
        Key::DueDate,
        &pay.due_date.to_string(),
        "payment-due-date",
    );
    row(
        &mut m,
        Key::CollectionDays,
        &fill(Key::DaysN, lang, &[("n", &pay.vendor_days().to_string())]),
        "payment-collection-days",
    );
    m.close("dl");
    if pay.late() {
        m.element(
            "p",
            &[("class", "warn"), ("data-testid", "payment-late")],
            &format!(
                "⚠ {}",
                q.warnings
                    .iter()
                    .find(|w| w.code == "payment_after_due_date")
                    .map_or("", |w| lang.pick(&w.zh, &w.en))
            ),
        );
    }
    let payouts: Vec<String> = q
        .rebates
        .iter()
        .filter_map(|r| {
            let p = r.payout.as_ref()?;
            let days = p.collection_days?;
            let name = r.name.get(en);
            let lost = r.impact.checked_sub(p.expected_payout)?;
            Some(if p.payout_coefficient >= Decimal::ONE {
                fill(
                    Key::PayoutFull,
                    lang,
                    &[("days", &days.to_string()), ("program", name)],
                )
            } else {
                fill(
                    Key::PayoutPartial,
                    lang,
                    &[
                        ("days", &days.to_string()),
                        ("program", name),
                        ("pct", &percent(p.payout_coefficient)),
                        ("lost", &money(lost, c)),
                    ],
                )
            })
        })
        .collect();
    if !payouts.is_empty() {
        m.open("ul", &[("data-testid", "payment-payouts")]);
        for p in &payouts {
            m.element("li", &[], p);
        }
        m.close("ul");
    }
    Some(m.finish())
}

/// The rebate credit spread over the lines it pays for (返利抵扣分摊), or
/// `None` when none is used.
pub fn rebate_credit(q: &Quote, lang: Lang) -> Option<String> {
    if q.v2.is_none() || q.totals.rebate_credit_used.is_zero() {
        return None;
    }
    let c = q.currency.as_str();
    let mut m = Markup::new();
    m.open("table", &[("data-testid", "rebate-credit-lines")])
        .open("thead", &[])
        .open("tr", &[]);
    for k in [
        Key::Sku,
        Key::RebateCreditShare,
        Key::PayableAmount,
        Key::EffectiveUnitCost,
    ] {
        m.element("th", &[("scope", "col")], lang.t(k));
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for (i, l) in q.lines.iter().enumerate().filter(|(_, l)| !l.free) {
        let Some(v) = &l.v2 else { continue };
        let testid = format!("rebate-credit-line-{i}");
        m.open("tr", &[("data-testid", &testid)])
            .element("th", &[("scope", "row")], &l.sku)
            .element("td", &[("class", "num")], &money(v.rebate_credit, c))
            .element("td", &[("class", "num")], &money(v.payable_amount, c))
            .element("td", &[("class", "num")], &unit(v.effective_unit_cost, c))
            .close("tr");
    }
    m.close("tbody").close("table");
    Some(m.finish())
}

/// The credit check's v2 facts, as notes under the decision.
pub fn credit_notes(q: &Quote, lang: Lang) -> Vec<String> {
    let cr = &q.credit;
    let Some(v2) = &cr.v2 else {
        return Vec::new();
    };
    let c = q.currency.as_str();
    let mut notes = Vec::new();
    if !v2.consumes_credit {
        notes.push(lang.t(Key::PrepaidNote).to_string());
    }
    if let Some(code) = &v2.override_approval {
        notes.push(fill(Key::OverrideUsed, lang, &[("code", code)]));
    }
    let needs_code = cr.reasons.iter().any(|r| {
        r.control
            .is_some_and(|k| k.action == CreditAction::Override && !k.overridden)
    });
    if needs_code {
        notes.push(lang.t(Key::OverrideNeeded).to_string());
    }
    if let Some(g) = &v2.group {
        notes.push(fill(
            Key::GroupPool,
            lang,
            &[
                ("id", &g.id),
                ("limit", &money(g.limit, c)),
                ("before", &money(g.available_before, c)),
                ("after", &money(g.available_after, c)),
            ],
        ));
        notes.push(
            lang.t(if v2.binding == "group" {
                Key::GroupBinds
            } else {
                Key::PartnerBinds
            })
            .to_string(),
        );
    }
    notes
}
