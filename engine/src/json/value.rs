//! A JSON tree that keeps every key of an object, duplicates included.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// A parsed JSON value. Objects keep their keys in order, duplicates
/// included, so the reader can report them instead of dropping one.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// An integer that fits in `i64` / `u64`.
    Int(i128),
    /// Any other JSON number (fraction, exponent or out of 64-bit range).
    /// Its value is kept only to compare and write back a document as
    /// sent (a submitted quote); no amount is ever read from it.
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// What kind of value this is, for "expected a string, found a number".
    pub fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Json::Null => ("null", "null"),
            Json::Bool(_) => ("布尔值", "a boolean"),
            Json::Int(_) | Json::Float(_) => ("数字", "a number"),
            Json::String(_) => ("字符串", "a string"),
            Json::Array(_) => ("数组", "an array"),
            Json::Object(_) => ("对象", "an object"),
        }
    }

    /// Parses JSON text. serde_json bounds nesting depth, so deeply nested
    /// input is an error here, never a stack overflow.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }
}

/// Writes the tree back as JSON, keys in their order, duplicates included.
impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(n) => s.serialize_i128(*n),
            Json::Float(x) => s.serialize_f64(*x),
            Json::String(t) => s.serialize_str(t),
            Json::Array(items) => s.collect_seq(items),
            Json::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Int(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        // JSON has one number type: `1.0` and `1e2` are the integers 1 and
        // 100 (as JSON Schema's "integer" says), when exactly representable.
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        if v.fract() == 0.0 && v.abs() <= EXACT {
            Ok(Json::Int(v as i128))
        } else {
            Ok(Json::Float(v))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            entries.push((k, v));
        }
        Ok(Json::Object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_duplicate_keys() {
        let j = Json::parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(
            j,
            Json::Object(vec![("a".into(), Json::Int(1)), ("a".into(), Json::Int(2))])
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(Json::parse(&deep).is_err());
    }

    #[test]
    fn integral_numbers_are_integers_whatever_their_spelling() {
        assert_eq!(Json::parse("1.0").unwrap(), Json::Int(1));
        assert_eq!(Json::parse("1e2").unwrap(), Json::Int(100));
        assert_eq!(Json::parse("1.5").unwrap(), Json::Float(1.5));
    }

    #[test]
    fn huge_integers_are_not_ints() {
        let j = Json::parse("123456789012345678901234567890").unwrap();
        assert!(matches!(j, Json::Float(_)));
    }
}
