//! The browser app (Yew, built by Trunk): a thin layer over the engine
//! that never computes a price itself. A crate of its own, so the engine
//! cannot come to depend on anything here.

pub use channel_quote_engine as engine;

pub mod app;
