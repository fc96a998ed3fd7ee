//! What each promotion kind does to a line, every kind side by side: how
//! its parameters are packed once per policy, and its effect on a line.
//! A new kind is declared in `documents/policy.rs` (`tagged!
//! PromotionAction`) and given its two match arms here.

use super::fast_hash::FastMap;
use crate::documents::policy::PromotionAction;
use crate::money::checked::{mul, sub, Calc, CalcError};
use rust_decimal::Decimal;

/// A promotion's action packed for pricing: every line meets dozens of
/// promotions, so what can be computed once per policy is.
#[derive(Clone, Copy, Debug)]
pub enum CoreAction {
    /// `percent_off`: `u × factor`, `factor = 1 − value`.
    Factor(Decimal),
    /// `amount_off`: `max(0, u − value)`.
    AmountOff(Decimal),
    /// `fixed_price`: `value`.
    Fixed(Decimal),
    /// `free_goods`: `floor(qty / buy) × get` free units of `product`.
    Free {
        buy: u32,
        get: u32,
        product: FreeProduct,
    },
}

/// Which product a free-goods promotion gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeProduct {
    /// The line's own product.
    SameAsLine,
    /// The product at this policy position.
    At(usize),
    /// A SKU the policy lacks (validation forbids it).
    Unresolved,
}

/// What a promotion does to one line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effect {
    /// The unit price it gives.
    Price(Decimal),
    /// Free units of the product at this policy position.
    Free { position: usize, units: u64 },
}

impl CoreAction {
    /// Packs an action; `products` maps SKUs to policy positions.
    pub fn pack(action: &PromotionAction, products: &FastMap<String, usize>) -> CoreAction {
        match action {
            // A rate is within [0, 1], so 1 − rate is exact.
            PromotionAction::PercentOff(a) => CoreAction::Factor(Decimal::ONE - a.value.value()),
            PromotionAction::AmountOff(a) => CoreAction::AmountOff(a.value.value()),
            PromotionAction::FixedPrice(a) => CoreAction::Fixed(a.value.value()),
            PromotionAction::FreeGoods(f) => CoreAction::Free {
                buy: f.buy.get(),
                get: f.get.get(),
                product: match &f.sku {
                    None => FreeProduct::SameAsLine,
                    Some(s) => products
                        .get(s.as_str())
                        .map_or(FreeProduct::Unresolved, |&i| FreeProduct::At(i)),
                },
            },
        }
    }

    /// The effect on a line of `qty` units of the product at `position`,
    /// priced `u` so far.
    pub fn effect(self, u: Decimal, qty: u32, position: usize) -> Calc<Effect> {
        Ok(match self {
            CoreAction::Factor(f) => Effect::Price(mul(u, f)?),
            CoreAction::AmountOff(v) => Effect::Price(sub(u, v)?.max(Decimal::ZERO)),
            CoreAction::Fixed(v) => Effect::Price(v),
            CoreAction::Free { buy, get, product } => {
                // Exact in u64: at most 10^6 × 10^6 units, never clamped.
                let sets = qty
                    .checked_div(buy)
                    .ok_or(CalcError::Broken("free goods: buy is 0"))?;
                Effect::Free {
                    position: match product {
                        FreeProduct::SameAsLine => position,
                        FreeProduct::At(i) => i,
                        FreeProduct::Unresolved => {
                            return Err(CalcError::Broken("free-goods SKU not in the policy"))
                        }
                    },
                    units: u64::from(sets) * u64::from(get),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn each_kind_on_a_line() {
        assert_eq!(
            CoreAction::Factor(d("0.9")).effect(d("100"), 3, 0),
            Ok(Effect::Price(d("90.0")))
        );
        assert_eq!(
            CoreAction::AmountOff(d("150")).effect(d("100"), 3, 0),
            Ok(Effect::Price(d("0")))
        );
        assert_eq!(
            CoreAction::Fixed(d("42")).effect(d("100"), 3, 0),
            Ok(Effect::Price(d("42")))
        );
        let free = CoreAction::Free {
            buy: 1,
            get: 1_000_000,
            product: FreeProduct::SameAsLine,
        };
        assert_eq!(
            free.effect(d("1"), 1_000_000, 7),
            Ok(Effect::Free {
                position: 7,
                units: 1_000_000_000_000
            })
        );
    }
}
