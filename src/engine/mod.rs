//! The pricing, rebate, credit and margin engine. Pure Rust with no web
//! dependency: the browser app, the `channel-quote` CLI and a vendor's back
//! office all run this same code, so a quote can be re-checked exactly.
//!
//! Use: read the documents with [`PreparedPolicy::from_json_bytes`],
//! [`Account::from_json_text`] and [`Order::from_json_text`], then call
//! [`quote`].

pub mod credit;
pub mod documents;
pub mod json;
pub mod margin;
pub mod money;
pub mod pricing;
pub mod problem;
pub mod quote;
pub mod rebate;
pub mod schema;
pub mod validate;

pub use documents::{Account, Order, Policy};
pub use pricing::index::PreparedPolicy;
pub use problem::{Document, Problem};
pub use quote::{quote, Quote};
