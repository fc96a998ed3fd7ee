//! Volume breaks (SPEC §3 step 3): quantities pooled across the order's
//! lines, all-units or graduated.

use super::fast_hash::FastMap;
use super::index::{PreparedPolicy, ProductSlot};
use crate::documents::policy::{VolumeBreak, VolumeMode};
use crate::money::checked::{add, discount, div, mul, Calc};
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use std::sync::Arc;

/// What one break does once its pool is known; worked out once per order,
/// not once per line.
#[derive(Clone, Copy, Debug)]
pub enum Effect {
    /// `u × factor`, with `factor = 1 − d` of the reached tier.
    AllUnits { factor: Decimal },
    /// `round₁₀(u × s / q)`.
    Graduated { s: Decimal, q: u64 },
}

impl Effect {
    pub fn of(vb: &VolumeBreak, q: u64) -> Calc<Effect> {
        Ok(match vb.mode {
            VolumeMode::AllUnits => {
                let d = vb
                    .tiers
                    .iter()
                    .rev()
                    .find(|t| u64::from(t.min_qty) <= q)
                    .map_or(Decimal::ZERO, |t| t.discount.value());
                Effect::AllUnits {
                    factor: discount(Decimal::ONE, d)?,
                }
            }
            VolumeMode::Graduated => Effect::Graduated {
                s: graduated_units(vb, q)?,
                q,
            },
        })
    }

    pub fn apply(self, u: Decimal, mode: RoundingMode) -> Calc {
        match self {
            Effect::AllUnits { factor } => mul(u, factor),
            Effect::Graduated { q: 0, .. } => Ok(u),
            // Multiply before dividing, then round to 10 places so every
            // implementation gets the same digits (SPEC §1).
            Effect::Graduated { s, q } => Ok(mode.round(div(mul(u, s)?, Decimal::from(q))?, 10)),
        }
    }
}

/// The pooled quantity (and its effect) of each volume break some line selects.
#[derive(Debug, Default)]
pub struct Pools {
    pools: FastMap<usize, (u64, Option<Effect>)>,
}

impl Pools {
    /// Pools every (non-free) order line, special-price lines included.
    pub fn build<'a>(
        policy: &PreparedPolicy,
        lines: impl Iterator<Item = (&'a ProductSlot<'a>, u32)>,
    ) -> Pools {
        let mut pools = Pools::default();
        for (slot, qty) in lines {
            for &b in policy.volume_breaks.candidates(slot).iter() {
                if !policy.policy.volume_breaks[b]
                    .applies_to
                    .excludes(slot.sku, slot.category)
                {
                    pools.pools.entry(b).or_default().0 += u64::from(qty);
                }
            }
        }
        for (b, (q, effect)) in pools.pools.iter_mut() {
            *effect = Effect::of(&policy.policy.volume_breaks[*b], *q).ok();
        }
        pools
    }

    pub fn qty(&self, b: usize) -> u64 {
        self.pools.get(&b).map_or(0, |p| p.0)
    }

    fn effect(&self, b: usize, vb: &VolumeBreak) -> Calc<Effect> {
        match self.pools.get(&b) {
            Some((_, Some(e))) => Ok(*e),
            _ => Effect::of(vb, self.qty(b)),
        }
    }
}

/// The unit price after break `vb` with pooled quantity `q`.
pub fn price_after(vb: &VolumeBreak, q: u64, u: Decimal, mode: RoundingMode) -> Calc {
    Effect::of(vb, q)?.apply(u, mode)
}

/// `S = Σ units_in_tier × (1 − d_tier)` for units 1…q; units below the
/// first tier get no discount.
pub fn graduated_units(vb: &VolumeBreak, q: u64) -> Calc {
    let first = vb.tiers.first().map_or(u64::MAX, |t| u64::from(t.min_qty));
    let mut s = Decimal::from(q.min(first.saturating_sub(1)));
    for (i, t) in vb.tiers.iter().enumerate() {
        let start = u64::from(t.min_qty);
        let end = vb
            .tiers
            .get(i + 1)
            .map_or(q, |n| u64::from(n.min_qty).saturating_sub(1).min(q));
        if end >= start {
            s = add(
                s,
                discount(Decimal::from(end - start + 1), t.discount.value())?,
            )?;
        }
    }
    Ok(s)
}

/// The break giving the lowest price for this line (ties: lower id), or
/// `None` when no break lowers it.
pub fn best_break<'p>(
    policy: &'p PreparedPolicy,
    pools: &Pools,
    slot: &ProductSlot,
    u: Decimal,
) -> Calc<Option<(&'p Arc<str>, Decimal)>> {
    let mode = policy.policy.rounding;
    let mut best: Option<(usize, &VolumeBreak, Decimal)> = None;
    for &b in policy.volume_breaks.candidates(slot).iter() {
        let vb = &policy.policy.volume_breaks[b];
        if vb.applies_to.excludes(slot.sku, slot.category) {
            continue;
        }
        let after = pools.effect(b, vb)?.apply(u, mode)?;
        let better = match &best {
            None => true,
            Some((_, cur, cur_u)) => {
                after < *cur_u
                    || (after == *cur_u && vb.id.as_str().as_bytes() < cur.id.as_str().as_bytes())
            }
        };
        if better {
            best = Some((b, vb, after));
        }
    }
    Ok(best
        .filter(|(_, _, after)| *after < u)
        .map(|(b, _, after)| (&policy.volume_ids[b], after)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::policy::VolumeTier;
    use crate::documents::{AppliesTo, Id};
    use crate::fields::{NonEmpty, Qty};
    use crate::money::Rate;
    use std::str::FromStr;

    fn vb(mode: VolumeMode, tiers: &[(u32, &str)]) -> VolumeBreak {
        VolumeBreak {
            id: Id::new("VB").unwrap(),
            applies_to: AppliesTo::default(),
            mode,
            tiers: NonEmpty::new(
                tiers
                    .iter()
                    .map(|(m, d)| VolumeTier {
                        min_qty: Qty::new(*m).unwrap(),
                        discount: Rate::parse(d).unwrap(),
                    })
                    .collect(),
            )
            .unwrap(),
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn all_units_tier_edges() {
        let b = vb(VolumeMode::AllUnits, &[(10, "0.05"), (50, "0.10")]);
        let m = RoundingMode::HalfUp;
        assert_eq!(price_after(&b, 9, d("100"), m).unwrap(), d("100"));
        assert_eq!(price_after(&b, 10, d("100"), m).unwrap(), d("95"));
        assert_eq!(price_after(&b, 49, d("100"), m).unwrap(), d("95"));
        assert_eq!(price_after(&b, 50, d("100"), m).unwrap(), d("90"));
    }

    #[test]
    fn graduated_matches_spec_example_2() {
        let b = vb(
            VolumeMode::Graduated,
            &[(1, "0.00"), (21, "0.04"), (101, "0.08")],
        );
        assert_eq!(graduated_units(&b, 120).unwrap(), d("115.2"));
        let u = price_after(&b, 120, d("2111.12"), RoundingMode::HalfUp).unwrap();
        assert_eq!(u, d("2026.6752"));
        // Exactly at a tier edge: unit 21 is the first discounted one.
        assert_eq!(graduated_units(&b, 20).unwrap(), d("20"));
        assert_eq!(graduated_units(&b, 21).unwrap(), d("20.96"));
    }

    #[test]
    fn graduated_units_below_first_tier_pay_full_price() {
        let b = vb(VolumeMode::Graduated, &[(5, "0.10")]);
        assert_eq!(graduated_units(&b, 3).unwrap(), d("3"));
        assert_eq!(graduated_units(&b, 6).unwrap(), d("5.8"));
    }

    #[test]
    fn graduated_division_rounds_to_ten_places_in_policy_mode() {
        let b = vb(VolumeMode::Graduated, &[(1, "0"), (2, "0.5")]);
        // S = 1.5 for q = 2... choose q = 3: S = 1 + 2 × 0.5 = 2; u × 2 / 3.
        let up = price_after(&b, 3, d("1"), RoundingMode::HalfUp).unwrap();
        assert_eq!(up, d("0.6666666667"));
    }
}
