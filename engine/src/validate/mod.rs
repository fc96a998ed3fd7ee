//! Checks beyond reading (SPEC §7): ordering, uniqueness and references.
//! Each document is first checked on its own; [`cross`] then checks the
//! account and the order against the policy they are quoted under.

pub mod account;
pub mod cross;
pub mod plan;
pub mod policy;
mod policy_v2;
pub mod request;
pub mod version;
