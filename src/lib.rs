//! Channel order calculator (渠道订单计算器): the `channel-quote` command.
//!
//! The engine is the crate `channel-quote-engine` (`engine/`), re-exported
//! here as [`engine`] for the CLI, the tests and the benchmark; the browser
//! app is `channel-quote-web` (`web/`). A back office embeds the engine
//! crate alone: it depends on no web or command-line crate.

pub use channel_quote_engine as engine;

pub mod back_office;

// --- feature `receiver`: `serve-submissions`, the reference HTTP receiver.
#[cfg(feature = "receiver")]
pub mod receiver;
// --- end feature `receiver`
