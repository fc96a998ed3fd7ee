//! The price waterfall (SPEC §3): every order line's unit price, step by
//! step, with the rules that applied and those that matched but lost.

pub mod allocation;
pub mod fast_hash;
pub mod index;
pub mod line;
pub mod order_discount;
pub mod order_promotion;
pub mod order_steps;
pub mod payment;
pub mod promotion;
pub mod promotion_kind;
pub mod tax;
pub mod volume;
pub mod waterfall;

pub use line::{Considered, ConsideredReason, PricedLine, Step, StepKind};
pub use waterfall::price_lines;
