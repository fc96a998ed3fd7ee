//! Rebates (SPEC §4): what this order does to each program the partner is
//! enrolled in, and how much more buying would earn at the next tier.

use crate::documents::account::RebateProgress;
use crate::documents::policy::{RebateMode, RebateProgram};
use crate::documents::{Date, Localized};
use crate::money::checked::{add, div, mul, sub, sum, Calc};
use crate::money::rounding::round_up_money;
use crate::money::RoundingMode;
use crate::pricing::PricedLine;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RebateResult {
    pub program: String,
    pub name: Localized,
    pub mode: RebateMode,
    pub target: Decimal,
    /// Net (ex-VAT) amount of this order's lines the program covers.
    pub basis: Decimal,
    pub before: Decimal,
    pub after: Decimal,
    pub impact: Decimal,
    pub attainment_before: Decimal,
    pub attainment_after: Decimal,
    pub next_tier: Option<NextTier>,
    /// v2 (回款返利, SPEC-v2 §4.4); absent from a v1 quote.
    #[serde(flatten)]
    pub payout: Option<Payout>,
}

/// What the rebate is expected to pay, given when the partner pays.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Payout {
    /// The vendor days, when the program has a collection schedule.
    pub collection_days: Option<u32>,
    /// The schedule's coefficient (1 without one), 4 places.
    pub payout_coefficient: Decimal,
    /// `round(impact × coefficient)`.
    pub expected_payout: Decimal,
}

impl RebateResult {
    /// What this order is expected to add to the rebate paid: the impact
    /// times the collection coefficient (the impact itself in v1).
    pub fn expected_payout(&self) -> Decimal {
        self.payout
            .as_ref()
            .map_or(self.impact, |p| p.expected_payout)
    }
}

/// SPEC-v2 §4.4 rule 2: the coefficient of the first step the days reach;
/// 0 beyond the last; 1 without a schedule.
pub fn coefficient(program: &RebateProgram, vendor_days: u32) -> Decimal {
    match &program.collection {
        None => Decimal::ONE,
        Some(steps) => steps
            .iter()
            .find(|s| vendor_days <= s.max_days.get())
            .map_or(Decimal::ZERO, |s| s.coefficient.value()),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextTier {
    /// The tier's attainment (e.g. `1.00`) and rate, for the nudge's wording.
    pub attainment: Decimal,
    pub rate: Decimal,
    pub additional_purchase: Decimal,
    pub rebate_gain: Decimal,
}

/// The rebate earned on period purchases `x` (unrounded tiers, rounded sum).
pub fn rebate_at(program: &RebateProgram, target: Decimal, x: Decimal, mode: RoundingMode) -> Calc {
    let thresholds: Vec<Decimal> = program
        .tiers
        .iter()
        .map(|t| mul(t.attainment.value(), target))
        .collect::<Calc<_>>()?;
    let raw = match program.mode {
        RebateMode::Retroactive => {
            let rate = program
                .tiers
                .iter()
                .zip(&thresholds)
                .rev()
                .find(|(_, th)| x >= **th)
                .map_or(Decimal::ZERO, |(t, _)| t.rate.value());
            mul(rate, x)?
        }
        RebateMode::Incremental => {
            let mut parts = Vec::with_capacity(program.tiers.len());
            for (i, tier) in program.tiers.iter().enumerate() {
                let lo = thresholds[i];
                let hi = thresholds.get(i + 1).map_or(x, |next| x.min(*next));
                if hi > lo {
                    parts.push(mul(tier.rate.value(), sub(hi, lo)?)?);
                }
            }
            sum(parts)?
        }
    };
    Ok(mode.money(raw))
}

/// Every program whose period contains the order date and in which the
/// partner is enrolled, in the policy's order.
pub fn evaluate(
    programs: &[RebateProgram],
    progress: &[RebateProgress],
    lines: &[PricedLine],
    date: Date,
    mode: RoundingMode,
    // Some(vendor days) for a v2 quote, which shows each rebate's payout.
    vendor_days: Option<u32>,
) -> Calc<Vec<RebateResult>> {
    let mut out = Vec::new();
    for program in programs.iter().filter(|p| p.period.contains(date)) {
        let Some(entry) = progress.iter().find(|r| r.program == program.id) else {
            continue;
        };
        let target = entry.target.value();
        let ptd = entry.period_to_date.value();
        let basis = sum(lines
            .iter()
            .filter(|l| {
                !l.free
                    && program
                        .applies_to
                        .selects(l.product.sku.as_str(), l.product.category.as_str())
            })
            // Without step 9 (SPEC-v2 §3.10 rule 3); v1's net amount in v1.
            .map(|l| l.rebate_net))?;
        let x = add(ptd, basis)?;
        let before = rebate_at(program, target, ptd, mode)?;
        let after = rebate_at(program, target, x, mode)?;
        let mut next_tier = None;
        for tier in &program.tiers {
            let threshold = mul(tier.attainment.value(), target)?;
            if threshold > x {
                let additional = round_up_money(sub(threshold, x)?);
                let gain = sub(
                    rebate_at(program, target, add(x, additional)?, mode)?,
                    after,
                )?;
                next_tier = Some(NextTier {
                    attainment: tier.attainment.value(),
                    rate: tier.rate.value(),
                    additional_purchase: additional,
                    rebate_gain: gain,
                });
                break;
            }
        }
        let impact = sub(after, before)?;
        let payout = match vendor_days {
            Some(days) => {
                let c = coefficient(program, days);
                Some(Payout {
                    collection_days: program.collection.as_ref().map(|_| days),
                    payout_coefficient: mode.four(c),
                    expected_payout: mode.money(mul(impact, c)?),
                })
            }
            None => None,
        };
        out.push(RebateResult {
            program: program.id.as_str().to_string(),
            name: program.name.clone(),
            mode: program.mode,
            target: mode.money(target),
            basis: mode.money(basis),
            before,
            after,
            impact,
            attainment_before: mode.four(div(ptd, target)?),
            attainment_after: mode.four(div(x, target)?),
            next_tier,
            payout,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::policy::Policy;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn programs() -> Vec<RebateProgram> {
        Policy::from_json_text(include_str!("../../tests/spec/policy.json"))
            .unwrap()
            .rebate_programs
    }

    #[test]
    fn retroactive_tier_edges_compare_exactly() {
        let p = &programs()[0];
        let m = RoundingMode::HalfUp;
        let t = d("500000");
        assert_eq!(rebate_at(p, t, d("399999.99"), m).unwrap(), d("0.00"));
        assert_eq!(rebate_at(p, t, d("400000"), m).unwrap(), d("8000.00"));
        assert_eq!(rebate_at(p, t, d("500000"), m).unwrap(), d("15000.00"));
        assert_eq!(rebate_at(p, t, d("600000"), m).unwrap(), d("24000.00"));
    }

    #[test]
    fn incremental_pays_each_band_its_rate() {
        let p = &programs()[1];
        let m = RoundingMode::HalfUp;
        let t = d("500000");
        assert_eq!(rebate_at(p, t, d("420000"), m).unwrap(), d("400.00"));
        // 100000 × 2 % + 100000 × 3 % + 50000 × 4 %
        assert_eq!(rebate_at(p, t, d("650000"), m).unwrap(), d("7000.00"));
    }
}
