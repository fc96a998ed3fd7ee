//! JSON Schemas of the three documents, derived from the very types the
//! engine reads, so the published schema cannot drift from the code.

use crate::engine::documents::{Account, Order, Policy};

/// The schema of `policy`, `account` or `order`, pretty-printed.
pub fn schema_json(document: &str) -> Option<String> {
    let schema = match document {
        "policy" => schemars::schema_for!(Policy),
        "account" => schemars::schema_for!(Account),
        "order" => schemars::schema_for!(Order),
        _ => return None,
    };
    serde_json::to_string_pretty(&schema).ok()
}
