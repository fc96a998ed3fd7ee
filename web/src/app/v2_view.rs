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

/// The tier a qualifying subtotal `s` reached, as the vendor's poster says
/// it: "满 ¥20,000.00 减 ¥1,000.00", "每满 ¥5,000.00 减 ¥200.00（封顶 ¥1,000.00）".
fn tier_text(a: &OrderPromotionAction, s: Decimal, c: &str, lang: Lang) -> Option<String> {
    // The highest tier reached (every tiered type lists its thresholds).
    let reached = || a.thresholds().iter().rposition(|m| m.value() <= s);
    let min = |m: crate::engine::money::Money| money(m.value(), c);
    Some(match a {
        OrderPromotionAction::AmountOff(t) => {
            let t = &t.tiers[reached()?];
            let off = money(t.amount.value(), c);
            fill(
                Key::TierAmountOff,
                lang,
                &[("min", &min(t.min_subtotal)), ("off", &off)],
            )
        }
        OrderPromotionAction::PercentOff(t) => {
            let t = &t.tiers[reached()?];
            let pct = percent(t.rate.value());
            fill(
                Key::TierPercentOff,
                lang,
                &[("min", &min(t.min_subtotal)), ("pct", &pct)],
            )
        }
        OrderPromotionAction::Gift(t) => {
            let t = &t.tiers[reached()?];
            let qty = t.qty.to_string();
            fill(
                Key::TierGift,
                lang,
                &[("min", &min(t.min_subtotal)), ("qty", &qty)],
            )
        }
        OrderPromotionAction::AmountOffEvery(e) => {
            let (every, off) = (min(e.every), min(e.amount));
            let mut text = fill(Key::TierEvery, lang, &[("every", &every), ("off", &off)]);
            if let Some(cap) = e.cap {
                text += &fill(Key::TierCap, lang, &[("cap", &min(cap))]);
            }
            text
        }
    })
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
                if matches!(r.status, Status::Applied | Status::Weaker) {
                    if let Some(tier) = tier_text(&op.action, s, c, lang) {
                        status += &format!(" · {tier}");
                    }
                }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::spec;
    use crate::engine::{quote, Account, Order};

    fn quoted(account: &str, order: &str) -> (PreparedPolicy, Quote) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy-v2.json")).unwrap();
        let account = Account::from_json_bytes(&spec(account)).unwrap();
        let order = Order::from_json_bytes(&spec(order)).unwrap();
        let q = quote(&policy, &account, &order).unwrap();
        (policy, q)
    }

    #[test]
    fn order_promotions_say_what_they_gave_and_what_more_buying_gives() {
        // SPEC-v2 example 1.
        let (policy, q) = quoted("accounts/gold.json", "orders/v2-01-mj-allocation.json");
        let v = promotions(&q, &policy, Lang::Zh);
        assert_eq!(v.len(), 7, "every order promotion of the policy");
        assert_eq!(v[0].status_code, "applied");
        assert_eq!(
            v[0].status,
            "满减 · 已享受 · ¥1,000.00 · 满 ¥20,000.00 减 ¥1,000.00 · 参与金额 ¥28,938.00"
        );
        assert_eq!(v[0].nudge, "再买 ¥21,062.00 即可减 ¥3,000.00");
        assert!(v[0].reach_with.iter().any(|(sku, _)| sku == "ERP-USER"));
        assert_eq!(v[1].status_code, "below_threshold");
        let gift = &v[4];
        assert!(
            gift.nudge.starts_with("再买 ¥2,062.00 即可获赠 1 × "),
            "{}",
            gift.nudge
        );
        let en = promotions(&q, &policy, Lang::En);
        assert_eq!(en[0].nudge, "Buy ¥21,062.00 more to get ¥3,000.00 off");
    }

    #[test]
    fn the_payment_panel_shows_the_effect_the_due_date_and_the_payout() {
        // SPEC-v2 example 9: NET30, paid in 20 days → the stepped rebate pays 80 %.
        let (policy, q) = quoted(
            "accounts/gold-rebate.json",
            "orders/v2-09-collection-rebate.json",
        );
        let html = payment(&q, &policy, Lang::Zh).unwrap();
        assert!(html.contains("不影响价格"), "{html}");
        assert!(html.contains("2026-12-20"), "{html}");
        assert!(html.contains("20 天"), "{html}");
        assert!(html.contains("按 80.00 % 兑现，少得 ¥80.00"), "{html}");
        // A v1 quote has no payment panel.
        let v1 = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let a = Account::from_json_bytes(&spec("accounts/gold.json")).unwrap();
        let o = Order::from_json_bytes(&spec("orders/ex01-level-volume.json")).unwrap();
        assert!(payment(&quote(&v1, &a, &o).unwrap(), &v1, Lang::Zh).is_none());
    }

    #[test]
    fn rebate_credit_lines_and_the_group_pool() {
        // SPEC-v2 example 14: hardware excluded from the offset.
        let (_, q) = quoted(
            "accounts/gold.json",
            "orders/v2-13-rebate-credit-lines.json",
        );
        let html = rebate_credit(&q, Lang::Zh).unwrap();
        assert!(
            html.contains("¥1,507.19") && html.contains("¥286.20"),
            "{html}"
        );
        assert!(html.contains("¥1,000.3500"), "{html}");
        // SPEC-v2 example 12: the group binds.
        let (_, q) = quoted("accounts/gold-group.json", "orders/v2-11-group-limit.json");
        let notes = credit_notes(&q, Lang::En);
        assert!(notes.iter().any(|n| n.contains("G-HUATONG")), "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("The group pool binds")),
            "{notes:?}"
        );
    }
}
