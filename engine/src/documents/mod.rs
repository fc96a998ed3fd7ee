//! The input documents (SPEC §2, and PLAN.md's business plan) as typed
//! values, each declared field by field with [`record!`](crate::record).
//! Reading a document only reads it; checks across fields are [`validate`](crate::validate)'s,
//! and [`load`](crate::load) runs both.

pub mod account;
pub mod common;
pub mod order;
pub mod plan;
pub mod policy;

pub use account::Account;
pub use common::{AppliesTo, Date, Id, Localized};
pub use order::Order;
pub use plan::Plan;
pub use policy::Policy;
