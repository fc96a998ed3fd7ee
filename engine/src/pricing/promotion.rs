//! Promotions (SPEC §3 step 4): the best eligible price promotion wins;
//! free-goods promotions compete separately; every promotion that selects
//! the SKU but did not apply is explained.

use super::index::{PreparedPolicy, ProductSlot, PromotionCore};
use super::line::{Considered, ConsideredReason};
use super::promotion_kind::Effect;
use crate::documents::policy::Promotion;
use crate::documents::Date;
use crate::money::checked::{mul, Calc, CalcError};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::sync::Arc;

/// What the promotions do to one line.
#[derive(Debug, Default)]
pub struct PromotionOutcome<'p> {
    /// The winning price promotion and the price it gives.
    pub price: Option<(&'p Arc<str>, Decimal)>,
    /// The winning free-goods promotion: (promotion, free SKU, free units).
    pub free: Option<(&'p Arc<str>, &'p str, u64)>,
    pub considered: Vec<Considered>,
}

pub struct LineFacts<'a> {
    pub slot: &'a ProductSlot<'a>,
    pub qty: u32,
    /// The order-wide verdicts of [`order_gates`], by promotion position.
    pub gates: &'a [Option<ConsideredReason>],
}

/// What rules a promotion out for the whole order (its dates, the
/// partner's level), decided once per order rather than once per line.
pub fn order_gates(
    promotions: &[Promotion],
    level: &str,
    date: Date,
) -> Vec<Option<ConsideredReason>> {
    promotions
        .iter()
        .map(|p| {
            if date < p.valid_from || date > p.valid_to {
                Some(ConsideredReason::OutsideDates)
            } else if p
                .levels
                .as_ref()
                .is_some_and(|ls| !ls.iter().any(|l| l.as_str() == level))
            {
                Some(ConsideredReason::LevelNotEligible)
            } else {
                None
            }
        })
        .collect()
}

fn ineligibility(i: usize, core: &PromotionCore, line: &LineFacts) -> Option<ConsideredReason> {
    match line.gates.get(i).copied().flatten() {
        Some(reason) => Some(reason),
        None if line.qty < core.min_qty => Some(ConsideredReason::BelowMinQty),
        None => None,
    }
}

/// Ties go to the lower priority number, then the lower id.
fn tie_break(a: &Promotion, b: &Promotion) -> Ordering {
    a.priority
        .cmp(&b.priority)
        .then_with(|| a.id.as_str().as_bytes().cmp(b.id.as_str().as_bytes()))
}

/// How one promotion that selects the SKU fared on this line.
enum Fate<'p> {
    Ineligible(ConsideredReason),
    Price(Decimal),
    /// Free SKU, free units, their list value.
    Free(&'p str, u64, Decimal),
}

pub fn evaluate<'p>(
    policy: &'p PreparedPolicy,
    line: &LineFacts<'p>,
    u: Decimal,
) -> Calc<PromotionOutcome<'p>> {
    // In candidate (= policy) order, so the explanation follows the policy.
    let candidates = policy.promotions.candidates(line.slot);
    let mut fates: Vec<(usize, &'p Promotion, Fate<'p>)> = Vec::with_capacity(candidates.len());
    for &i in candidates.iter() {
        let (Some(core), Some(promo)) = (
            policy.promotion_cores.get(i),
            policy.policy.promotions.get(i),
        ) else {
            continue;
        };
        if core.has_exclusions && promo.applies_to.excludes(line.slot.sku, line.slot.category) {
            continue;
        }
        let fate = if let Some(reason) = ineligibility(i, core, line) {
            Fate::Ineligible(reason)
        } else {
            match core.action.effect(u, line.qty, line.slot.position)? {
                Effect::Price(after) => Fate::Price(after),
                Effect::Free { position, units } => {
                    let product = policy
                        .policy
                        .products
                        .get(position)
                        .ok_or(CalcError::Broken("free-goods product position"))?;
                    Fate::Free(
                        product.sku.as_str(),
                        units,
                        mul(product.list_price.value(), Decimal::from(units))?,
                    )
                }
            }
        };
        fates.push((i, promo, fate));
    }

    // The lowest price wins; ties: lower priority number, then lower id.
    let best_price = fates
        .iter()
        .enumerate()
        .filter_map(|(k, (_, p, f))| match f {
            Fate::Price(after) => Some((k, *p, *after)),
            _ => None,
        })
        .min_by(|a, b| a.2.cmp(&b.2).then_with(|| tie_break(a.1, b.1)))
        .filter(|(_, _, after)| *after < u);
    // The most free list value wins; ties: lower priority number, then lower id.
    let best_free = fates
        .iter()
        .enumerate()
        .filter_map(|(k, (_, p, f))| match f {
            Fate::Free(_, units, value) => Some((k, *p, *units, *value)),
            _ => None,
        })
        .min_by(|a, b| b.3.cmp(&a.3).then_with(|| tie_break(a.1, b.1)))
        .filter(|(_, _, units, _)| *units > 0);

    let mut out = PromotionOutcome {
        considered: Vec::with_capacity(fates.len()),
        ..PromotionOutcome::default()
    };
    for (k, (i, _, fate)) in fates.into_iter().enumerate() {
        let reason = match fate {
            Fate::Ineligible(reason) => reason,
            Fate::Price(after) if best_price.is_some_and(|b| b.0 == k) => {
                out.price = Some((&policy.promotion_ids[i], after));
                continue;
            }
            Fate::Price(after) if after < u => ConsideredReason::Weaker,
            Fate::Price(_) => ConsideredReason::NotLower,
            Fate::Free(sku, units, _) if best_free.is_some_and(|b| b.0 == k) => {
                out.free = Some((&policy.promotion_ids[i], sku, units));
                continue;
            }
            // An eligible free-goods promotion earning no unit (qty below
            // `buy`) is reported like one whose minimum was not reached.
            Fate::Free(_, 0, _) => ConsideredReason::BelowMinQty,
            Fate::Free(..) => ConsideredReason::Weaker,
        };
        out.considered.push(Considered {
            rule: policy.promotion_ids[i].clone(),
            reason,
        });
    }
    Ok(out)
}
