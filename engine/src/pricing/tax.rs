//! Line amounts from the final unit price (SPEC §3 "Tax"), for prices that
//! exclude or include VAT.

use crate::money::checked::{add, div, mul, sub, Calc};
use crate::money::RoundingMode;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amounts {
    pub net: Decimal,
    pub tax: Decimal,
    pub gross: Decimal,
}

/// `net`/`tax`/`gross` of `qty` units at the exact unit price `u`.
pub fn amounts(
    u: Decimal,
    qty: u32,
    rate: Decimal,
    includes_tax: bool,
    mode: RoundingMode,
) -> Calc<Amounts> {
    split(
        mode.money(mul(u, Decimal::from(qty))?),
        rate,
        includes_tax,
        mode,
    )
}

/// `net`/`tax`/`gross` of a line amount `a` in the policy's price basis
/// (net when prices exclude tax, gross when they include it).
pub fn split(a: Decimal, rate: Decimal, includes_tax: bool, mode: RoundingMode) -> Calc<Amounts> {
    let extended = a;
    if includes_tax {
        let gross = extended;
        // gross × rate / (1 + rate): multiply first, then divide (SPEC §1).
        let tax = mode.money(div(mul(gross, rate)?, add(Decimal::ONE, rate)?)?);
        Ok(Amounts {
            net: sub(gross, tax)?,
            tax,
            gross,
        })
    } else {
        let net = extended;
        let tax = mode.money(mul(net, rate)?);
        Ok(Amounts {
            net,
            tax,
            gross: add(net, tax)?,
        })
    }
}

/// A free line: every amount zero, tax included (SPEC §3).
pub fn zero() -> Amounts {
    let z = RoundingMode::HalfUp.money(Decimal::ZERO);
    Amounts {
        net: z,
        tax: z,
        gross: z,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn tax_exclusive_example_1() {
        let a = amounts(d("1111.5"), 12, d("0.13"), false, RoundingMode::HalfUp).unwrap();
        assert_eq!(
            (a.net.to_string(), a.tax.to_string(), a.gross.to_string()),
            ("13338.00".into(), "1733.94".into(), "15071.94".into())
        );
    }

    #[test]
    fn tax_inclusive_backs_tax_out_of_gross() {
        // 113.00 gross at 13 %: tax = 113 × 0.13 / 1.13 = 13.00, net 100.00.
        let a = amounts(d("113"), 1, d("0.13"), true, RoundingMode::HalfUp).unwrap();
        assert_eq!(
            (a.net, a.tax, a.gross),
            (d("100.00"), d("13.00"), d("113.00"))
        );
        // 10.00 gross at 6 %: 0.566037… → 0.57, net 9.43.
        let a = amounts(d("10"), 1, d("0.06"), true, RoundingMode::HalfUp).unwrap();
        assert_eq!((a.net, a.tax), (d("9.43"), d("0.57")));
    }

    #[test]
    fn half_cent_line_amounts_follow_the_mode() {
        // 0.125 × 1 → half up 0.13, half even 0.12.
        let up = amounts(d("0.125"), 1, d("0"), false, RoundingMode::HalfUp).unwrap();
        let even = amounts(d("0.125"), 1, d("0"), false, RoundingMode::HalfEven).unwrap();
        assert_eq!((up.net, even.net), (d("0.13"), d("0.12")));
    }
}
