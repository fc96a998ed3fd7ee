//! Volume breaks (SPEC §3 step 3): quantities pooled across the order's
//! lines, all-units or graduated.

use super::fast_hash::FastMap;
use super::index::{PreparedPolicy, ProductSlot};
use crate::engine::documents::policy::{VolumeBreak, VolumeMode};
use crate::engine::money::checked::{add, discount, div, mul, Calc};
use crate::engine::money::RoundingMode;
use rust_decimal::Decimal;

/// The pooled quantity of each volume break that some line selects.
#[derive(Debug, Default)]
pub struct Pools {
    qty: FastMap<usize, u64>,
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
                    *pools.qty.entry(b).or_default() += u64::from(qty);
                }
            }
        }
        pools
    }

    pub fn qty(&self, b: usize) -> u64 {
        self.qty.get(&b).copied().unwrap_or(0)
    }
}

/// The unit price after break `vb` with pooled quantity `q`.
pub fn price_after(vb: &VolumeBreak, q: u64, u: Decimal, mode: RoundingMode) -> Calc {
    match vb.mode {
        VolumeMode::AllUnits => {
            let d = vb
                .tiers
                .iter()
                .rev()
                .find(|t| u64::from(t.min_qty) <= q)
                .map_or(Decimal::ZERO, |t| t.discount.value());
            discount(u, d)
        }
        VolumeMode::Graduated => {
            if q == 0 {
                return Ok(u);
            }
            let s = graduated_units(vb, q)?;
            // Multiply before dividing, then round to 10 places so every
            // implementation gets the same digits (SPEC §1).
            Ok(mode.round(div(mul(u, s)?, Decimal::from(q))?, 10))
        }
    }
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
            .map_or(q, |n| (u64::from(n.min_qty) - 1).min(q));
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
) -> Calc<Option<(&'p VolumeBreak, Decimal)>> {
    let mode = policy.policy.rounding;
    let mut best: Option<(&VolumeBreak, Decimal)> = None;
    for &b in policy.volume_breaks.candidates(slot).iter() {
        let vb = &policy.policy.volume_breaks[b];
        if vb.applies_to.excludes(slot.sku, slot.category) {
            continue;
        }
        let after = price_after(vb, pools.qty(b), u, mode)?;
        let better = match &best {
            None => true,
            Some((cur, cur_u)) => {
                after < *cur_u || (after == *cur_u && vb.id.0.as_bytes() < cur.id.0.as_bytes())
            }
        };
        if better {
            best = Some((vb, after));
        }
    }
    Ok(best.filter(|(_, after)| *after < u))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::documents::common::{AppliesTo, Id};
    use crate::engine::documents::policy::VolumeTier;
    use crate::engine::money::Rate;
    use std::str::FromStr;

    fn vb(mode: VolumeMode, tiers: &[(u32, &str)]) -> VolumeBreak {
        VolumeBreak {
            id: Id("VB".into()),
            applies_to: AppliesTo::default(),
            mode,
            tiers: tiers
                .iter()
                .map(|(m, d)| VolumeTier {
                    min_qty: *m,
                    discount: Rate::parse(d).unwrap(),
                })
                .collect(),
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
