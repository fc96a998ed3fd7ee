//! Arithmetic that reports overflow instead of panicking: rust_decimal's
//! operators panic, and in the browser a panic kills the whole app.

use rust_decimal::Decimal;

/// Why a figure could not be computed. The quote turns each into a
/// problem worded for what really happened: an amount too large for exact
/// arithmetic is the user's to fix; a broken invariant is a bug to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalcError {
    /// An amount beyond exact decimal arithmetic (or a zero divisor).
    Overflow,
    /// Something validation guarantees did not hold; names what.
    Broken(&'static str),
}

pub use CalcError::Overflow;

pub type Calc<T = Decimal> = Result<T, CalcError>;

pub fn add(a: Decimal, b: Decimal) -> Calc {
    a.checked_add(b).ok_or(Overflow)
}

pub fn sub(a: Decimal, b: Decimal) -> Calc {
    a.checked_sub(b).ok_or(Overflow)
}

pub fn mul(a: Decimal, b: Decimal) -> Calc {
    a.checked_mul(b).ok_or(Overflow)
}

/// Division; a zero divisor is an overflow too (callers guard the cases
/// where a zero divisor has a meaning, such as a zero limit).
pub fn div(a: Decimal, b: Decimal) -> Calc {
    a.checked_div(b).ok_or(Overflow)
}

/// `value × (1 − rate)`, the shape of every discount step.
pub fn discount(value: Decimal, rate: Decimal) -> Calc {
    mul(value, sub(Decimal::ONE, rate)?)
}

pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Calc {
    values.into_iter().try_fold(Decimal::ZERO, add)
}
