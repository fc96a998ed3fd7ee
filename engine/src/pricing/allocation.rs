//! Splitting an amount over lines by largest remainder in whole cents
//! (SPEC-v2 §3.8.1): an order promotion's discount and the rebate credit
//! used are spread so the shares sum to the amount exactly and none
//! exceeds its line.

use crate::money::checked::{Calc, CalcError};
use rust_decimal::Decimal;

/// Cents of a money amount (2 places at most), as an integer.
fn cents(m: Decimal) -> Calc<i128> {
    let scaled = m
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or(CalcError::Overflow)?;
    if scaled.fract() != Decimal::ZERO {
        return Err(CalcError::Broken(
            "an allocated amount has more than 2 decimals",
        ));
    }
    // ≤ 10^15 × 100 × lines fits an i128 by far.
    Ok(scaled.mantissa() / 10i128.pow(scaled.scale()))
}

/// `total` split over `bases` in proportion (money ≥ 0, `total ≤ Σ bases`):
/// `q_j = ⌊t·β_j / B⌋` cents each, the `t − Σ q_j` spare cents one each to
/// the largest remainders, ties to the earlier line. Every share is 0 when
/// the bases sum to 0.
pub fn largest_remainder(total: Decimal, bases: &[Decimal]) -> Calc<Vec<Decimal>> {
    let t = cents(total)?;
    let betas = bases.iter().map(|b| cents(*b)).collect::<Calc<Vec<_>>>()?;
    let big_b: i128 = betas.iter().sum();
    if big_b == 0 {
        return Ok(vec![Decimal::new(0, 2); bases.len()]);
    }
    if t > big_b || t < 0 || betas.iter().any(|b| *b < 0) {
        return Err(CalcError::Broken("an allocation exceeds its bases"));
    }
    let mut q = Vec::with_capacity(betas.len());
    let mut r = Vec::with_capacity(betas.len());
    for beta in &betas {
        let product = t.checked_mul(*beta).ok_or(CalcError::Overflow)?;
        q.push(product / big_b);
        r.push(product % big_b);
    }
    let spare = t - q.iter().sum::<i128>();
    // Largest remainder first; equal remainders keep the lines' order.
    let mut order: Vec<usize> = (0..betas.len()).collect();
    order.sort_by(|a, b| r[*b].cmp(&r[*a]).then(a.cmp(b)));
    for &j in order.iter().take(spare as usize) {
        q[j] += 1;
    }
    q.into_iter()
        .map(|c| {
            i64::try_from(c)
                .map(|c| Decimal::new(c, 2))
                .map_err(|_| CalcError::Overflow)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn spec_example_the_spare_cent_goes_to_the_larger_remainder() {
        // SPEC-v2 §3.8.1: 1000.00 over 13338.00 and 15600.00.
        let s = largest_remainder(d("1000.00"), &[d("13338.00"), d("15600.00")]).unwrap();
        assert_eq!(s, [d("460.92"), d("539.08")]);
    }

    #[test]
    fn equal_remainders_go_to_the_earlier_line() {
        let s = largest_remainder(d("0.01"), &[d("1.00"), d("1.00"), d("1.00")]).unwrap();
        assert_eq!(s, [d("0.01"), d("0.00"), d("0.00")]);
        let s = largest_remainder(d("0.02"), &[d("1.00"), d("1.00"), d("1.00")]).unwrap();
        assert_eq!(s, [d("0.01"), d("0.01"), d("0.00")]);
    }

    #[test]
    fn zero_bases_give_zero_shares_and_the_whole_never_exceeds_a_line() {
        assert_eq!(
            largest_remainder(d("0.00"), &[d("0.00"), d("0.00")]).unwrap(),
            [d("0.00"), d("0.00")]
        );
        let s = largest_remainder(d("10.00"), &[d("10.00"), d("0.00")]).unwrap();
        assert_eq!(s, [d("10.00"), d("0.00")]);
        assert!(largest_remainder(d("10.01"), &[d("10.00")]).is_err());
    }
}
