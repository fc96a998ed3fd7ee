//! JSON Schemas of the documents, generated from their declarations (see
//! [`record!`](crate::record)), so the published schema cannot drift from
//! the reader.

use crate::documents::{Account, Order, Policy};
use schemars::{generate::SchemaSettings, JsonSchema};

/// The documents `channel-quote schema` knows.
pub const DOCUMENTS: &[&str] = &["policy", "account", "order"];

fn schema_of<T: JsonSchema>(title: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// The schema of `policy`, `account` or `order`; `None` for another name.
pub fn schema_value(document: &str) -> Option<serde_json::Value> {
    Some(match document {
        "policy" => schema_of::<Policy>(crate::fields::PolicyTag::TAG),
        "account" => schema_of::<Account>(crate::fields::AccountTag::TAG),
        "order" => schema_of::<Order>(crate::fields::OrderTag::TAG),
        _ => return None,
    })
}
