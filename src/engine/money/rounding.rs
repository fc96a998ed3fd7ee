//! The policy's rounding mode, applied everywhere the SPEC rounds.
//!
//! `Decimal::round_dp` is banker's rounding; naming the strategy at every
//! call keeps 四舍五入 (half up) from silently becoming half-even.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入: .5 rounds away from zero.
    #[default]
    HalfUp,
    /// Banker's rounding: .5 rounds to the even neighbour.
    HalfEven,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }

    /// Rounds to `places` decimals and always carries exactly that many,
    /// so `13338` prints as `13338.00`.
    pub fn round(self, value: Decimal, places: u32) -> Decimal {
        let mut r = value.round_dp_with_strategy(places, self.strategy());
        r.rescale(places);
        r
    }

    /// Money: 2 decimals (v1 treats every currency as having 2 minor units).
    pub fn money(self, value: Decimal) -> Decimal {
        self.round(value, 2)
    }

    /// Unit prices and ratios: 4 decimals.
    pub fn four(self, value: Decimal) -> Decimal {
        self.round(value, 4)
    }
}

/// Toward zero, to minor units (SPEC `round_down`).
pub fn round_down_money(value: Decimal) -> Decimal {
    let mut r = value.round_dp_with_strategy(2, RoundingStrategy::ToZero);
    r.rescale(2);
    r
}

/// Away from zero, to minor units (SPEC `round_up`).
pub fn round_up_money(value: Decimal) -> Decimal {
    let mut r = value.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
    r.rescale(2);
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn half_cases_under_both_modes() {
        assert_eq!(RoundingMode::HalfUp.money(d("2.345")).to_string(), "2.35");
        assert_eq!(RoundingMode::HalfEven.money(d("2.345")).to_string(), "2.34");
        assert_eq!(RoundingMode::HalfUp.money(d("2.355")).to_string(), "2.36");
        assert_eq!(RoundingMode::HalfEven.money(d("2.355")).to_string(), "2.36");
        assert_eq!(
            RoundingMode::HalfUp.four(d("0.30185")).to_string(),
            "0.3019"
        );
        assert_eq!(
            RoundingMode::HalfEven.four(d("0.30185")).to_string(),
            "0.3018"
        );
        assert_eq!(
            RoundingMode::HalfUp.money(d("13338")).to_string(),
            "13338.00"
        );
    }

    #[test]
    fn directed_rounding() {
        assert_eq!(round_down_money(d("1507.194")).to_string(), "1507.19");
        assert_eq!(round_down_money(d("1507.199")).to_string(), "1507.19");
        assert_eq!(round_up_money(d("80000.001")).to_string(), "80000.01");
        assert_eq!(round_up_money(d("80000")).to_string(), "80000.00");
    }
}
