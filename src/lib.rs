//! Channel order calculator (渠道订单计算器).
//!
//! The [`engine`] turns a vendor's price policy, a partner's account and an
//! order into an exact, explained quote. It has no web dependency, so the
//! command-line program `channel-quote` and a vendor's back office can run
//! the very code the partner ran in the browser. The browser app lives in
//! [`app`], behind the default `web` feature.

pub mod engine;

#[cfg(feature = "web")]
pub mod app;
