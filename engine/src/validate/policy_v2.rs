//! The checks SPEC-v2 §7.1 adds to a policy: order promotions, payment
//! options and collection schedules. Ranges the field types cannot hold
//! alone (a 满减 amount above its threshold, a cap below the amount) live
//! here, each reported at its path.

use super::policy::{ascending, dates_and_levels, References};
use crate::documents::order_promotion::{Combinable, OrderPromotionAction};
use crate::documents::payment::PaymentKind;
use crate::documents::policy::Policy;
use crate::money::Money;
use crate::problem::{at, field, index, JsonPath, Problems};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub(super) fn check(policy: &Policy, refs: &References, levels: &HashSet<&str>, p: &mut Problems) {
    order_promotions(policy, refs, levels, p);
    payment_options(policy, refs, p);
    if let Some(a) = &policy.rebate_offset_applies_to {
        refs.check(a, &at("rebate_offset_applies_to"), p);
    }
    for (i, program) in policy.rebate_programs.iter().enumerate() {
        if let Some(steps) = &program.collection {
            let path = field(&index(&at("rebate_programs"), i), "collection");
            let mut prev: Option<u32> = None;
            for (j, s) in steps.iter().enumerate() {
                let days = s.max_days.get();
                if let Some(before) = prev.filter(|b| days <= *b) {
                    p.push(
                        &field(&index(&path, j), "max_days"),
                        "tiers_not_ascending",
                        format!("max_days 必须严格递增：{days} 不大于上一项的 {before}"),
                        format!("max_days must be strictly ascending: {days} is not above the previous {before}"),
                    );
                }
                prev = Some(days);
            }
        }
    }
}

fn order_promotions(policy: &Policy, refs: &References, levels: &HashSet<&str>, p: &mut Problems) {
    for (i, op) in policy.order_promotions().iter().enumerate() {
        let path = index(&at("order_promotions"), i);
        refs.check(&op.applies_to, &field(&path, "applies_to"), p);
        dates_and_levels(
            (op.valid_from, op.valid_to),
            op.levels.as_ref(),
            levels,
            &path,
            p,
        );
        let mut seen: HashSet<Combinable> = HashSet::new();
        for (j, kind) in op.combines_with.iter().flatten().enumerate() {
            if !seen.insert(*kind) {
                p.push(
                    &index(&field(&path, "combines_with"), j),
                    "duplicate_value",
                    format!("“{}” 重复", kind.name()),
                    format!("\"{}\" is listed twice", kind.name()),
                );
            }
        }
        action(&op.action, refs, &field(&path, "action"), p);
    }
}

fn action(a: &OrderPromotionAction, refs: &References, path: &JsonPath, p: &mut Problems) {
    ascending(a.thresholds().into_iter(), path, "min_subtotal", p);
    let tier = |j: usize, key: &str| field(&index(&field(path, "tiers"), j), key);
    for (j, min) in a.thresholds().into_iter().enumerate() {
        above_zero(min, &tier(j, "min_subtotal"), "min_subtotal", p);
    }
    match a {
        OrderPromotionAction::AmountOff(t) => {
            for (j, t) in t.tiers.iter().enumerate() {
                above_zero(t.amount, &tier(j, "amount"), "amount", p);
                if t.amount > t.min_subtotal {
                    p.push(
                        &tier(j, "amount"),
                        "amount_above_threshold",
                        format!("减免金额 {} 超过起点 {}", t.amount, t.min_subtotal),
                        format!(
                            "amount {} is above its min_subtotal {}",
                            t.amount, t.min_subtotal
                        ),
                    );
                }
            }
        }
        OrderPromotionAction::PercentOff(t) => {
            for (j, t) in t.tiers.iter().enumerate() {
                if t.rate.value().is_zero() {
                    p.push(
                        &tier(j, "rate"),
                        "rate_range",
                        "折扣率必须在 (0, 1] 之内，收到 0",
                        "rate must be within (0, 1], got 0",
                    );
                }
            }
        }
        OrderPromotionAction::AmountOffEvery(e) => {
            above_zero(e.every, &field(path, "every"), "every", p);
            above_zero(e.amount, &field(path, "amount"), "amount", p);
            if e.amount > e.every {
                p.push(
                    &field(path, "amount"),
                    "amount_above_threshold",
                    format!("每满减金额 {} 超过 every {}", e.amount, e.every),
                    format!("amount {} is above every {}", e.amount, e.every),
                );
            }
            if let Some(cap) = e.cap.filter(|c| *c < e.amount) {
                p.push(
                    &field(path, "cap"),
                    "cap_below_amount",
                    format!("封顶 {cap} 低于每次减免 {}", e.amount),
                    format!("cap {cap} is below amount {}", e.amount),
                );
            }
        }
        OrderPromotionAction::Gift(g) => refs.sku(&g.sku, &field(path, "sku"), p),
    }
}

fn above_zero(m: Money, path: &JsonPath, key: &str, p: &mut Problems) {
    if m.value() <= Decimal::ZERO {
        p.push(
            path,
            "must_be_positive",
            format!("{key} 必须大于 0"),
            format!("{key} must be above 0"),
        );
    }
}

fn payment_options(policy: &Policy, refs: &References, p: &mut Problems) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, o) in policy.payment_options().iter().enumerate() {
        let path = index(&at("payment_options"), i);
        if let Some(first) = seen.insert(o.id.as_str(), i) {
            p.push(
                &field(&path, "id"),
                "duplicate_id",
                format!("付款方式 “{}” 与 payment_options[{first}] 重复", o.id),
                format!("\"{}\" is already used by payment_options[{first}]", o.id),
            );
        }
        if o.kind == PaymentKind::Prepay && o.days.get() != 0 {
            p.push(
                &field(&path, "days"),
                "prepay_days",
                format!("预付（prepay）的天数必须为 0，收到 {}", o.days),
                format!("days must be 0 for a prepay option, got {}", o.days),
            );
        }
        refs.check(&o.applies_to, &field(&path, "applies_to"), p);
    }
}
