//! Money, prices and rates: exact decimals that know their limits.
//!
//! Validation turns untrusted strings into these types once, at the edge;
//! inside the engine a `Rate` is always within [0, 1] and a `Money` amount is
//! never negative and never beyond 10^15, so arithmetic on them is bounded.

pub mod amount;
pub mod capital;
pub mod checked;
pub mod decimal_text;
pub mod display;
pub mod rounding;

pub use amount::{AdjustmentRate, Attainment, Money, PositiveMoney, Price, Rate};
pub use rounding::RoundingMode;
