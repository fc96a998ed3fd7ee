//! The pricing, rebate, credit and margin engine (`channel-quote-engine`).
//! Pure Rust with no web or command-line dependency — a crate of its own,
//! so the compiler keeps it that way: the browser app (`web/`), the
//! `channel-quote` CLI and a vendor's back office all run this same code,
//! and a quote can be re-checked exactly.
//!
//! Use: read the documents with [`PreparedPolicy::from_json_bytes`],
//! [`Account::from_json_text`] and [`Order::from_json_text`], then call
//! [`quote`]:
//!
//! ```
//! use channel_quote_engine::{quote, Account, Order, PreparedPolicy, Problem, Quote};
//!
//! /// Err: every problem in the three documents, each with document and path.
//! fn recheck(policy: &[u8], account: &str, order: &str) -> Result<Quote, Vec<Problem>> {
//!     let policy = PreparedPolicy::from_json_bytes(policy)?; // prepare once per policy
//!     let account = Account::from_json_text(account)?;
//!     let order = Order::from_json_text(order)?;
//!     quote(&policy, &account, &order)
//! }
//!
//! let q = recheck(
//!     &std::fs::read("../tests/spec/policy.json").unwrap(),
//!     &std::fs::read_to_string("../tests/spec/accounts/gold.json").unwrap(),
//!     &std::fs::read_to_string("../tests/spec/orders/ex01-level-volume.json").unwrap(),
//! )
//! .unwrap();
//! assert_eq!(q.totals.gross_amount.to_string(), "15071.94");
//! ```
//!
//! A business plan ([`Plan::from_json_text`], PLAN.md) is priced by
//! [`plan()`], which quotes each of its periods at each level with this
//! same [`quote()`] — there is no second pricing formula.

pub mod chain;
pub mod credit;
pub mod documents;
pub mod fields;
pub mod json;
pub mod load;
pub mod margin;
pub mod money;
pub mod plan;
pub mod pricing;
pub mod problem;
pub mod quote;
pub mod rebate;
pub mod schema;
pub mod validate;
pub mod verify;

pub use documents::{Account, Order, Plan, Policy, Request};
pub use plan::{plan, PlanResult};
pub use pricing::index::PreparedPolicy;
pub use problem::{Document, Problem};
pub use quote::{quote, Quote};
