//! The policy's rounding mode, applied everywhere the SPEC rounds.
//!
//! `Decimal::round_dp` is banker's rounding; naming the strategy at every
//! call keeps 四舍五入 (half up) from silently becoming half-even.

use rust_decimal::{Decimal, RoundingStrategy};

/// Read and written as `"half_up"` / `"half_even"` (see `fields`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
        let mut r = if value.scale() <= places {
            value
        } else {
            self.round_mantissa(value, places)
                .unwrap_or_else(|| value.round_dp_with_strategy(places, self.strategy()))
        };
        r.rescale(places);
        // A zero is written without a sign, whatever produced it (SPEC-v2 §1).
        if r.is_zero() {
            r.set_sign_positive(true);
        }
        r
    }

    /// Rounds in one 128-bit division instead of rust_decimal's digit-by-
    /// digit loop; the quote rounds a dozen times per line. `None` never
    /// happens for valid decimals (scale ≤ 28), but falls back safely.
    fn round_mantissa(self, value: Decimal, places: u32) -> Option<Decimal> {
        let m = value.mantissa();
        let divisor = 10i128.checked_pow(value.scale() - places)?;
        let (q, rem) = (m / divisor, (m % divisor).abs());
        let twice = rem.checked_mul(2)?;
        let away = match twice.cmp(&divisor) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => match self {
                RoundingMode::HalfUp => true,
                RoundingMode::HalfEven => q % 2 != 0,
            },
        };
        let q = if !away {
            q
        } else if m < 0 {
            q - 1
        } else {
            q + 1
        };
        Decimal::try_from_i128_with_scale(q, places).ok()
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
    fn fast_rounding_matches_rust_decimal_everywhere() {
        let samples = [
            "2.345",
            "2.355",
            "-2.345",
            "-2.355",
            "0.125",
            "0.135",
            "1986.141696",
            "2026.67520000001",
            "0.30185",
            "-0.30185",
            "79228162514264337593543950.335",
            "0.0000000000000000000000000005",
            "-0.5",
            "0.5",
            "1.5",
            "2.5",
            "999999999999999.995",
            "13338.0035199999",
        ];
        for s in samples {
            let v = d(s);
            for places in [0, 2, 4, 10] {
                for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven] {
                    let mut want = v.round_dp_with_strategy(places, mode.strategy());
                    want.rescale(places);
                    assert_eq!(mode.round(v, places), want, "{s} {places} {mode:?}");
                    // (rescale cannot widen values near Decimal::MAX; amounts never get there.)
                    if v.abs() < d("1e20") {
                        assert_eq!(mode.round(v, places).scale(), places);
                    }
                }
            }
        }
    }

    #[test]
    fn directed_rounding() {
        assert_eq!(round_down_money(d("1507.194")).to_string(), "1507.19");
        assert_eq!(round_down_money(d("1507.199")).to_string(), "1507.19");
        assert_eq!(round_up_money(d("80000.001")).to_string(), "80000.01");
        assert_eq!(round_up_money(d("80000")).to_string(), "80000.00");
    }
}
