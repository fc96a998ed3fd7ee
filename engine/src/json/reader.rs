//! Reads a [`Json`] tree into typed documents, recording every problem
//! (missing, unknown, duplicate or mistyped field) with its path instead of
//! stopping at the first.

use super::value::Json;
use crate::problem::{At, Problems};

/// A type that can be read from untrusted JSON. `None` means a problem was
/// recorded in `p`; reading goes on elsewhere so every problem is found.
pub trait FromJson: Sized {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self>;
}

/// Records "expected X, found Y".
pub fn wrong_type(p: &mut Problems, at: &At, v: &Json, zh: &str, en: &str) {
    let (kzh, ken) = v.kind();
    p.at(
        at,
        "wrong_type",
        format!("应为{zh}，收到{kzh}"),
        format!("expected {en}, found {ken}"),
    );
}

impl FromJson for String {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        match v {
            Json::String(s) => Some(s.clone()),
            other => {
                wrong_type(p, at, other, "字符串", "a string");
                None
            }
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                wrong_type(p, at, other, "true 或 false", "true or false");
                None
            }
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        let Json::Array(items) = v else {
            wrong_type(p, at, v, "数组", "an array");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match T::from_json(item, &at.index(i), p) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// Reads a JSON integer from `min` to `max`; fractions, strings and
/// out-of-range values are each a problem worded as SPEC §7 does. The
/// bounded integer field types are built on this.
pub fn read_int(v: &Json, at: &At, p: &mut Problems, min: i64, max: i64) -> Option<i64> {
    let in_range = match v {
        Json::Int(i) if (i128::from(min)..=i128::from(max)).contains(i) => {
            return i64::try_from(*i).ok()
        }
        Json::Int(_) | Json::Float(_) => true,
        _ => false,
    };
    let (zh, en) = (
        format!("必须是 {min} 到 {max} 之间的整数"),
        format!("must be a whole number from {min} to {max}"),
    );
    if in_range {
        p.at(at, "int_range", zh, en);
    } else {
        let (kzh, ken) = v.kind();
        p.at(
            at,
            "wrong_type",
            format!("{zh}（JSON 整数），收到{kzh}"),
            format!("{en} (a JSON integer), found {ken}"),
        );
    }
    None
}

/// Reads one JSON object field by field, then reports the fields nobody
/// asked for: a typo in a policy must not silently change prices.
pub struct ObjectReader<'j, 'a> {
    entries: &'j [(String, Json)],
    used: Vec<bool>,
    at: At<'a>,
}

impl<'j, 'a> ObjectReader<'j, 'a> {
    /// Opens `v` as an object, reporting a wrong type and duplicate keys.
    pub fn open(v: &'j Json, at: &At<'a>, p: &mut Problems) -> Option<Self> {
        let Json::Object(entries) = v else {
            wrong_type(p, at, v, "对象", "an object");
            return None;
        };
        // One pass with a set: a hostile file of 500,000 keys is rejected in
        // about the time it takes to parse, not in quadratic time.
        let mut seen = std::collections::HashSet::with_capacity(entries.len());
        for (k, _) in entries {
            if !seen.insert(k.as_str()) {
                p.at(
                    &at.field(k),
                    "duplicate_key",
                    format!("重复的字段 “{k}”"),
                    format!("duplicate key \"{k}\""),
                );
            }
        }
        Some(ObjectReader {
            entries,
            used: vec![false; entries.len()],
            at: *at,
        })
    }

    /// Where `key` sits, for a problem about it.
    pub fn at_key<'k>(&'k self, key: &'k str) -> At<'k> {
        self.at.field(key)
    }

    /// The value of `key`; `null` counts as absent.
    pub fn take(&mut self, key: &str) -> Option<&'j Json> {
        let mut found = None;
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if k == key {
                self.used[i] = true;
                found.get_or_insert(v);
            }
        }
        found.filter(|v| !matches!(v, Json::Null))
    }

    fn missing(&self, key: &str, p: &mut Problems) {
        p.at(
            &self.at_key(key),
            "missing_field",
            format!("缺少必填字段 “{key}”"),
            format!("required field \"{key}\" is missing"),
        );
    }

    /// A required field.
    pub fn req<T: FromJson>(&mut self, key: &str, p: &mut Problems) -> Option<T> {
        match self.take(key) {
            Some(v) => T::from_json(v, &self.at_key(key), p),
            None => {
                self.missing(key, p);
                None
            }
        }
    }

    /// An optional field: `Some(None)` when absent or null, `None` when bad.
    pub fn opt<T: FromJson>(&mut self, key: &str, p: &mut Problems) -> Option<Option<T>> {
        match self.take(key) {
            Some(v) => T::from_json(v, &self.at_key(key), p).map(Some),
            None => Some(None),
        }
    }

    /// An optional field with the SPEC's default when absent.
    pub fn or<T: FromJson>(&mut self, key: &str, p: &mut Problems, default: T) -> Option<T> {
        self.opt(key, p).map(|v| v.unwrap_or(default))
    }

    /// Reports every field that was not read.
    pub fn finish(self, p: &mut Problems) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !self.used[i] {
                p.at(
                    &self.at.field(k),
                    "unknown_field",
                    format!("未知字段 “{k}”"),
                    format!("unknown field \"{k}\""),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Document;

    #[test]
    fn reports_every_problem_of_an_object() {
        let j = Json::parse(r#"{"a": 1.5, "b": "x", "b": "y", "zz": 1}"#).unwrap();
        let mut p = Problems::new(Document::Order);
        let lines = At::ROOT.field("lines");
        let line = lines.index(0);
        let mut o = ObjectReader::open(&j, &line, &mut p).unwrap();
        let a = o.take("a").unwrap();
        assert_eq!(read_int(a, &o.at_key("a"), &mut p, 1, 1_000_000), None);
        assert_eq!(o.req::<String>("b", &mut p).as_deref(), Some("x"));
        assert_eq!(o.req::<String>("c", &mut p), None);
        o.finish(&mut p);
        let list = p.into_vec();
        let got: Vec<_> = list
            .iter()
            .map(|x| (x.path.to_string(), x.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("lines[0].b".to_string(), "duplicate_key"),
                ("lines[0].a".to_string(), "int_range"),
                ("lines[0].c".to_string(), "missing_field"),
                ("lines[0].zz".to_string(), "unknown_field"),
            ]
        );
        assert_eq!(list[1].en, "must be a whole number from 1 to 1000000");
    }

    #[test]
    fn many_keys_are_checked_in_linear_time() {
        let n = 200_000;
        let mut text = String::from("{");
        for i in 0..n {
            text += &format!("\"k{i}\":0,");
        }
        text += "\"k0\":1}";
        let j = Json::parse(&text).unwrap();
        let mut p = Problems::new(Document::Policy);
        let o = ObjectReader::open(&j, &At::ROOT, &mut p).unwrap();
        o.finish(&mut p);
        let list = p.into_vec();
        assert_eq!(list[0].code, "duplicate_key");
        assert_eq!(list.last().unwrap().code, "more_problems");
    }
}
