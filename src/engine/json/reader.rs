//! Reads a [`Json`] tree into typed documents, recording every problem
//! (missing, unknown, duplicate or mistyped field) with its path instead of
//! stopping at the first.

use super::value::Json;
use crate::engine::problem::{field, index, Problems};

/// A type that can be read from untrusted JSON. `None` means a problem was
/// recorded in `p`; reading goes on elsewhere so every problem is found.
pub trait FromJson: Sized {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self>;
}

/// Records "expected X, found Y".
pub fn wrong_type(p: &mut Problems, path: &str, v: &Json, zh: &str, en: &str) {
    let (kzh, ken) = v.kind();
    p.push(
        path,
        "wrong_type",
        format!("应为{zh}，收到{kzh}"),
        format!("expected {en}, found {ken}"),
    );
}

impl FromJson for String {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        match v {
            Json::String(s) => Some(s.clone()),
            other => {
                wrong_type(p, path, other, "字符串", "a string");
                None
            }
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                wrong_type(p, path, other, "true 或 false", "true or false");
                None
            }
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let Json::Array(items) = v else {
            wrong_type(p, path, v, "数组", "an array");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match T::from_json(item, &index(path, i), p) {
                Some(x) => out.push(x),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// The allowed range of a JSON integer field and how to name it.
#[derive(Clone, Copy)]
pub struct IntRule {
    pub min: i64,
    pub max: i64,
}

impl IntRule {
    pub const QTY: IntRule = IntRule {
        min: 1,
        max: 1_000_000,
    };
    pub const AT_LEAST_ONE: IntRule = IntRule {
        min: 1,
        max: 1_000_000,
    };
    /// Day counts: 0 to 100 years.
    pub const DAYS: IntRule = IntRule {
        min: 0,
        max: 36_500,
    };
    pub const PRIORITY: IntRule = IntRule {
        min: -1_000_000_000,
        max: 1_000_000_000,
    };
}

/// Reads a JSON integer within `rule`; fractions, strings and out-of-range
/// values are each a problem worded as SPEC §7 does.
pub fn read_int(v: &Json, path: &str, p: &mut Problems, rule: IntRule) -> Option<i64> {
    let in_range = match v {
        Json::Int(i) if (rule.min as i128..=rule.max as i128).contains(i) => {
            return Some(*i as i64)
        }
        Json::Int(_) | Json::Float => true,
        _ => false,
    };
    let (zh, en) = (
        format!("必须是 {} 到 {} 之间的整数", rule.min, rule.max),
        format!("must be a whole number from {} to {}", rule.min, rule.max),
    );
    if in_range {
        p.push(path, "int_range", zh, en);
    } else {
        let (kzh, ken) = v.kind();
        p.push(
            path,
            "wrong_type",
            format!("{zh}（JSON 整数），收到{kzh}"),
            format!("{en} (a JSON integer), found {ken}"),
        );
    }
    None
}

/// Reads one JSON object field by field, then reports the fields nobody
/// asked for: a typo in a policy must not silently change prices.
pub struct ObjectReader<'j> {
    entries: &'j [(String, Json)],
    used: Vec<bool>,
    path: String,
}

impl<'j> ObjectReader<'j> {
    /// Opens `v` as an object, reporting a wrong type and duplicate keys.
    pub fn open(v: &'j Json, path: &str, p: &mut Problems) -> Option<Self> {
        let Json::Object(entries) = v else {
            wrong_type(p, path, v, "对象", "an object");
            return None;
        };
        for (i, (k, _)) in entries.iter().enumerate() {
            if entries[..i].iter().any(|(prev, _)| prev == k) {
                p.push(
                    &field(path, k),
                    "duplicate_key",
                    format!("重复的字段 “{k}”"),
                    format!("duplicate key \"{k}\""),
                );
            }
        }
        Some(ObjectReader {
            entries,
            used: vec![false; entries.len()],
            path: path.to_string(),
        })
    }

    pub fn path_of(&self, key: &str) -> String {
        field(&self.path, key)
    }

    /// The value of `key`; `null` counts as absent.
    fn take(&mut self, key: &str) -> Option<&'j Json> {
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
        p.push(
            &self.path_of(key),
            "missing_field",
            format!("缺少必填字段 “{key}”"),
            format!("required field \"{key}\" is missing"),
        );
    }

    /// A required field.
    pub fn req<T: FromJson>(&mut self, key: &str, p: &mut Problems) -> Option<T> {
        match self.take(key) {
            Some(v) => T::from_json(v, &self.path_of(key), p),
            None => {
                self.missing(key, p);
                None
            }
        }
    }

    /// An optional field: `Some(None)` when absent or null, `None` when bad.
    pub fn opt<T: FromJson>(&mut self, key: &str, p: &mut Problems) -> Option<Option<T>> {
        match self.take(key) {
            Some(v) => T::from_json(v, &self.path_of(key), p).map(Some),
            None => Some(None),
        }
    }

    /// An optional field with the SPEC's default when absent.
    pub fn or<T: FromJson>(&mut self, key: &str, p: &mut Problems, default: T) -> Option<T> {
        self.opt(key, p).map(|v| v.unwrap_or(default))
    }

    /// A required integer within `rule`.
    pub fn int(&mut self, key: &str, p: &mut Problems, rule: IntRule) -> Option<i64> {
        match self.take(key) {
            Some(v) => read_int(v, &self.path_of(key), p, rule),
            None => {
                self.missing(key, p);
                None
            }
        }
    }

    /// An optional integer within `rule`, `default` when absent.
    pub fn int_or(
        &mut self,
        key: &str,
        p: &mut Problems,
        rule: IntRule,
        default: i64,
    ) -> Option<i64> {
        match self.take(key) {
            Some(v) => read_int(v, &self.path_of(key), p, rule),
            None => Some(default),
        }
    }

    /// Reports every field that was not read.
    pub fn finish(self, p: &mut Problems) {
        for (i, (k, _)) in self.entries.iter().enumerate() {
            if !self.used[i] {
                p.push(
                    &field(&self.path, k),
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
    use crate::engine::problem::Document;

    #[test]
    fn reports_every_problem_of_an_object() {
        let j = Json::parse(r#"{"a": 1.5, "b": "x", "b": "y", "zz": 1}"#).unwrap();
        let mut p = Problems::new(Document::Order);
        let mut o = ObjectReader::open(&j, "lines[0]", &mut p).unwrap();
        assert_eq!(o.int("a", &mut p, IntRule::QTY), None);
        assert_eq!(o.req::<String>("b", &mut p).as_deref(), Some("x"));
        assert_eq!(o.req::<String>("c", &mut p), None);
        o.finish(&mut p);
        let got: Vec<_> = p
            .list
            .iter()
            .map(|x| (x.path.as_str(), x.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("lines[0].b", "duplicate_key"),
                ("lines[0].a", "int_range"),
                ("lines[0].c", "missing_field"),
                ("lines[0].zz", "unknown_field"),
            ]
        );
        assert_eq!(p.list[1].en, "must be a whole number from 1 to 1000000");
    }
}
