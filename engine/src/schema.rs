//! JSON Schemas of the documents, generated from their declarations (see
//! [`record!`](crate::record)), so the published schema cannot drift from
//! the reader.

use crate::documents::{Account, Order, Plan, Policy, Request};
use schemars::{generate::SchemaSettings, JsonSchema};

/// The documents `channel-quote schema` knows.
pub const DOCUMENTS: &[&str] = &["policy", "account", "order", "plan", "request", "chain"];

fn schema_of<T: JsonSchema>(title: &str) -> serde_json::Value {
    let mut schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// The schema of `policy`, `account`, `order`, `plan` or `request`; `None`
/// for another name.
pub fn schema_value(document: &str) -> Option<serde_json::Value> {
    Some(match document {
        // Titled by the newest version; `schema` accepts both (SPEC-v2 §2.4).
        "policy" => schema_of::<Policy>(crate::fields::PolicyTag::TAG_V2),
        "account" => schema_of::<Account>(crate::fields::AccountTag::TAG_V2),
        "order" => schema_of::<Order>(crate::fields::OrderTag::TAG_V2),
        "plan" => schema_of::<Plan>(crate::fields::PlanTag::TAG),
        "request" => schema_of::<Request>(crate::fields::RequestTag::TAG),
        "chain" => schema_of::<crate::documents::chain::Chain>(crate::fields::ChainTag::TAG),
        _ => return None,
    })
}

/// A field reference of `document` in Markdown, generated from its schema
/// (hence from the declarations): one table per object, every field with
/// its type and range, whether it is required, its default and its doc.
pub fn markdown(document: &str) -> Option<String> {
    let schema = schema_value(document)?;
    let title = schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or(document);
    let mut out = format!("## `{title}`\n\n");
    out += &object_table(title, &schema);
    if let Some(Value::Object(defs)) = schema.get("$defs") {
        for (name, def) in defs {
            if def.get("properties").is_some() {
                out += &format!("### {name}\n\n");
                out += &object_table(name, def);
            } else if def.get("oneOf").is_some() {
                out += &format!("### {name}\n\n{}\n\n", text(def, "description"));
                for variant in def["oneOf"].as_array().into_iter().flatten() {
                    let tag = variant["properties"]["type"]["const"]
                        .as_str()
                        .unwrap_or("?");
                    out += &format!("#### {name} `\"type\": \"{tag}\"`\n\n");
                    out += &object_table(tag, variant);
                }
            }
        }
        out += "### Value types\n\n| type | what it accepts |\n|---|---|\n";
        for (name, def) in defs {
            if def.get("properties").is_none() && def.get("oneOf").is_none() {
                out += &format!("| {name} | {} |\n", cell(&kind(def)));
            }
        }
        out += "\n";
    }
    Some(out)
}

use serde_json::Value;

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn object_table(_name: &str, v: &Value) -> String {
    let mut out = String::new();
    let description = text(v, "description");
    if !description.is_empty() {
        out += &format!("{description}\n\n");
    }
    out += "| field | type | required | default | meaning |\n|---|---|---|---|---|\n";
    let required: Vec<&str> = v["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (field, p) in v["properties"].as_object().into_iter().flatten() {
        let default = p.get("default").map_or(String::new(), |d| format!("`{d}`"));
        out += &format!(
            "| `{field}` | {} | {} | {} | {} |\n",
            cell(&kind(p)),
            if required.contains(&field.as_str()) {
                "yes"
            } else {
                "no"
            },
            cell(&default),
            cell(&text(p, "description")),
        );
    }
    out + "\n"
}

/// A short description of what a schema accepts.
fn kind(v: &Value) -> String {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return name.to_string();
    }
    if let Some(Value::Array(any)) = v.get("anyOf") {
        let parts: Vec<String> = any.iter().map(kind).collect();
        return parts.join(" or ");
    }
    if let Some(c) = v.get("const") {
        return format!("`{c}`");
    }
    if let Some(Value::Array(options)) = v.get("enum") {
        let names: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
        return format!("one of {}", names.join(", "));
    }
    if let Some(Value::Array(types)) = v.get("type") {
        // ["array", "null"]: the same schema with one type, or null.
        let parts: Vec<String> = types
            .iter()
            .map(|t| {
                let mut one = v.clone();
                one["type"] = t.clone();
                if t == "null" {
                    "null".to_string()
                } else {
                    kind(&one)
                }
            })
            .collect();
        return parts.join(" or ");
    }
    match v.get("type").and_then(Value::as_str) {
        Some("array") => {
            let item = v.get("items").map_or("any".to_string(), kind);
            let at_most = v
                .get("maxItems")
                .and_then(Value::as_u64)
                .map_or(String::new(), |n| format!(", at most {n}"));
            match v.get("minItems").and_then(Value::as_u64) {
                Some(n) if n > 0 => format!("list of {item}, at least {n}{at_most}"),
                _ => format!("list of {item}{at_most}"),
            }
        }
        Some("object") => match v.get("additionalProperties") {
            Some(a) if a.is_object() => format!("map of name → {}", kind(a)),
            _ => "object".into(),
        },
        Some("integer") => format!(
            "whole number {} to {}",
            v.get("minimum").map_or("…".into(), Value::to_string),
            v.get("maximum").map_or("…".into(), Value::to_string)
        ),
        Some("string") => {
            let mut s = text(v, "description");
            if s.is_empty() {
                s = "text".into();
            }
            if let Some(p) = v.get("pattern").and_then(Value::as_str) {
                s += &format!(" (pattern `{p}`)");
            }
            s
        }
        Some(other) => other.to_string(),
        None => "any".into(),
    }
}

/// `docs/FIELDS.md`: the field reference of every document.
pub fn field_reference() -> String {
    let mut out = String::from(
        "# Field reference\n\n\
         Generated from the documents' declarations — the same ones the reader and \
         the JSON Schema come from — by `channel-quote schema <document> --markdown`. \
         `tests/cli.rs` checks this file is current; `UPDATE_DOCS=1 cargo test --test cli` \
         rewrites it.\n\n",
    );
    for d in DOCUMENTS {
        out += &markdown(d).unwrap_or_default();
    }
    out
}
