//! The input documents (SPEC §2, PLAN.md's business plan and REQUEST.md's
//! order request) as typed
//! values, each declared field by field with [`record!`](crate::record).
//! Reading a document only reads it; checks across fields are [`validate`](crate::validate)'s,
//! and [`load`](crate::load) runs both.

pub mod account;
pub mod applies_to;
pub mod chain;
pub mod localized;
pub mod order;
pub mod order_promotion;
pub mod payment;
pub mod plan;
pub mod policy;
pub mod request;
pub mod request_text;

pub use crate::fields::{Date, Id};
pub use account::Account;
pub use applies_to::AppliesTo;
pub use localized::Localized;
pub use order::Order;
pub use plan::Plan;
pub use policy::Policy;
pub use request::Request;
