//! The vendor's side of a submitted order: the book of partner accounts,
//! `verify` of one request and `batch` of many (REQUEST.md R3–R4). The
//! checks themselves are the engine's ([`crate::engine::verify`]); this
//! module reads files and streams lines.

pub mod accounts;
pub mod batch;
pub mod chain_files;
pub mod files;

pub use accounts::AccountBook;
