//! Promotions (SPEC §3 step 4): the best eligible price promotion wins;
//! free-goods promotions compete separately; every promotion that selects
//! the SKU but did not apply is explained.

use super::index::PreparedPolicy;
use super::line::{Considered, ConsideredReason};
use crate::engine::documents::common::Date;
use crate::engine::documents::policy::{Promotion, PromotionAction};
use crate::engine::money::checked::{discount, mul, sub, Calc};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// What the promotions do to one line.
#[derive(Debug, Default)]
pub struct PromotionOutcome<'p> {
    /// The winning price promotion and the price it gives.
    pub price: Option<(&'p Promotion, Decimal)>,
    /// The winning free-goods promotion: (promotion, free SKU, free units).
    pub free: Option<(&'p Promotion, String, u32)>,
    pub considered: Vec<Considered>,
}

pub struct LineFacts<'a> {
    pub sku: &'a str,
    pub category: &'a str,
    pub qty: u32,
    pub level: &'a str,
    pub date: Date,
}

fn ineligibility(p: &Promotion, line: &LineFacts) -> Option<ConsideredReason> {
    if line.date < p.valid_from || line.date > p.valid_to {
        Some(ConsideredReason::OutsideDates)
    } else if p
        .levels
        .as_ref()
        .is_some_and(|ls| !ls.iter().any(|l| l.as_str() == line.level))
    {
        Some(ConsideredReason::LevelNotEligible)
    } else if line.qty < p.min_qty {
        Some(ConsideredReason::BelowMinQty)
    } else {
        None
    }
}

fn price_with(action: &PromotionAction, u: Decimal) -> Calc<Option<Decimal>> {
    Ok(match action {
        PromotionAction::PercentOff { value } => Some(discount(u, value.value())?),
        PromotionAction::AmountOff { value } => Some(sub(u, value.value())?.max(Decimal::ZERO)),
        PromotionAction::FixedPrice { value } => Some(value.value()),
        PromotionAction::FreeGoods { .. } => None,
    })
}

/// Ties go to the lower priority number, then the lower id.
fn tie_break(a: &Promotion, b: &Promotion) -> Ordering {
    a.priority
        .cmp(&b.priority)
        .then_with(|| a.id.0.as_bytes().cmp(b.id.0.as_bytes()))
}

pub fn evaluate<'p>(
    policy: &'p PreparedPolicy,
    line: &LineFacts,
    u: Decimal,
) -> Calc<PromotionOutcome<'p>> {
    // Each candidate keeps its policy position so the explanation can be
    // listed in policy order, whatever decided it.
    let mut priced: Vec<(usize, &Promotion, Decimal)> = Vec::new();
    // (position, promotion, free sku, units, free list value)
    let mut free: Vec<(usize, &Promotion, String, u32, Decimal)> = Vec::new();
    let mut considered: Vec<(usize, Considered)> = Vec::new();
    let mut out = PromotionOutcome::default();
    for i in policy.promotions.candidates(line.sku, line.category) {
        let promo = &policy.policy.promotions[i];
        if !promo.applies_to.selects(line.sku, line.category) {
            continue;
        }
        if let Some(reason) = ineligibility(promo, line) {
            considered.push((
                i,
                Considered {
                    rule: promo.id.0.clone(),
                    reason,
                },
            ));
            continue;
        }
        match &promo.action {
            PromotionAction::FreeGoods { buy, get, sku } => {
                let free_sku = sku.as_ref().map_or(line.sku, |s| s.as_str());
                let units = (line.qty / buy).saturating_mul(*get);
                let list = policy
                    .product(free_sku)
                    .map_or(Decimal::ZERO, |p| p.list_price.value());
                free.push((
                    i,
                    promo,
                    free_sku.to_string(),
                    units,
                    mul(list, Decimal::from(units))?,
                ));
            }
            action => {
                if let Some(after) = price_with(action, u)? {
                    priced.push((i, promo, after));
                }
            }
        }
    }

    priced.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| tie_break(a.1, b.1)));
    let winner_lowers = priced.first().is_some_and(|(_, _, after)| *after < u);
    for (rank, (i, promo, after)) in priced.into_iter().enumerate() {
        if rank == 0 && winner_lowers {
            out.price = Some((promo, after));
        } else {
            let reason = if after < u {
                ConsideredReason::Weaker
            } else {
                ConsideredReason::NotLower
            };
            considered.push((
                i,
                Considered {
                    rule: promo.id.0.clone(),
                    reason,
                },
            ));
        }
    }

    free.sort_by(|a, b| {
        b.4.cmp(&a.4)
            .then_with(|| b.3.cmp(&a.3))
            .then_with(|| tie_break(a.1, b.1))
    });
    for (rank, (i, promo, sku, units, _)) in free.into_iter().enumerate() {
        if rank == 0 && units > 0 {
            out.free = Some((promo, sku, units));
        } else {
            // An eligible free-goods promotion earning no unit (qty below
            // `buy`) is reported like one whose minimum was not reached.
            let reason = if units == 0 {
                ConsideredReason::BelowMinQty
            } else {
                ConsideredReason::Weaker
            };
            considered.push((
                i,
                Considered {
                    rule: promo.id.0.clone(),
                    reason,
                },
            ));
        }
    }
    considered.sort_by_key(|(i, _)| *i);
    out.considered = considered.into_iter().map(|(_, c)| c).collect();
    Ok(out)
}
