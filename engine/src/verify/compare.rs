//! compare(X, Y) of REQUEST.md R3: every place two quotes differ, walked in
//! the vendor's printed order so the list reads like the quote.

use crate::json::Json;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Which two quotes are compared: the names of their sides in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sides {
    /// X: `request` (the partner's quote) or `partner` (the vendor's quote
    /// on the partner's account).
    pub left: &'static str,
    /// Y: always the vendor's.
    pub right: &'static str,
}

/// `differences[]`: the request's quote against the vendor's.
pub const REQUEST_VS_VENDOR: Sides = Sides {
    left: "request",
    right: "vendor",
};

/// `account_changes[]`: the vendor's quote on the partner's account
/// against the vendor's quote on its own.
pub const PARTNER_VS_VENDOR: Sides = Sides {
    left: "partner",
    right: "vendor",
};

/// One place where the two sides differ; a missing side is `null` there.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// In the syntax of `cases.json`: `lines[0].net_amount`.
    pub path: String,
    pub left: Option<Json>,
    pub right: Option<Json>,
    pub sides: Sides,
}

impl Serialize for Difference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let missing = match (&self.left, &self.right) {
            (None, _) => Some(self.sides.left),
            (_, None) => Some(self.sides.right),
            _ => None,
        };
        let mut map = s.serialize_map(Some(3 + usize::from(missing.is_some())))?;
        map.serialize_entry("path", &self.path)?;
        map.serialize_entry(self.sides.left, &self.left.as_ref().unwrap_or(&Json::Null))?;
        map.serialize_entry(
            self.sides.right,
            &self.right.as_ref().unwrap_or(&Json::Null),
        )?;
        if let Some(side) = missing {
            map.serialize_entry("missing", side)?;
        }
        map.end()
    }
}

/// Texts for people, not figures: never compared (R3).
fn compared(key: &str) -> bool {
    key != "zh" && key != "en"
}

/// Every difference between `x` and `y`, walking `y` depth-first: its keys
/// in order, then keys only `x` has, in `x`'s order; array indexes up to
/// the longer length. Values are equal when of the same JSON type and
/// value; strings byte for byte.
pub fn compare(x: &Json, y: &Json, sides: Sides) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut path = String::new();
    walk(Some(x), Some(y), &mut path, sides, &mut out);
    out
}

fn walk(
    x: Option<&Json>,
    y: Option<&Json>,
    path: &mut String,
    sides: Sides,
    out: &mut Vec<Difference>,
) {
    match (x, y) {
        (Some(Json::Object(xs)), Some(Json::Object(ys))) => {
            for (k, yv) in ys.iter().filter(|(k, _)| compared(k)) {
                let xv = xs.iter().find(|(xk, _)| xk == k).map(|(_, v)| v);
                descend(path, Step::Key(k), |path| {
                    walk(xv, Some(yv), path, sides, out)
                });
            }
            for (k, xv) in xs.iter().filter(|(k, _)| compared(k)) {
                if !ys.iter().any(|(yk, _)| yk == k) {
                    descend(path, Step::Key(k), |path| {
                        walk(Some(xv), None, path, sides, out)
                    });
                }
            }
        }
        (Some(Json::Array(xs)), Some(Json::Array(ys))) => {
            for i in 0..xs.len().max(ys.len()) {
                descend(path, Step::Index(i), |path| {
                    walk(xs.get(i), ys.get(i), path, sides, out)
                });
            }
        }
        (x, y) if x == y => {}
        (x, y) => out.push(Difference {
            path: path.clone(),
            left: x.cloned(),
            right: y.cloned(),
            sides,
        }),
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Runs `f` with `path` extended by one step, then restores it: one
/// buffer for the whole walk.
fn descend(path: &mut String, step: Step, f: impl FnOnce(&mut String)) {
    let len = path.len();
    match step {
        Step::Key(k) if path.is_empty() => path.push_str(k),
        Step::Key(k) => {
            path.push('.');
            path.push_str(k);
        }
        Step::Index(i) => {
            path.push('[');
            path.push_str(&i.to_string());
            path.push(']');
        }
    }
    f(path);
    path.truncate(len);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Json {
        Json::parse(s).unwrap()
    }

    fn paths(x: &str, y: &str) -> Vec<String> {
        compare(&j(x), &j(y), REQUEST_VS_VENDOR)
            .into_iter()
            .map(|d| d.path)
            .collect()
    }

    #[test]
    fn equal_documents_have_no_differences() {
        let q = r#"{"a":"1.00","lines":[{"x":1,"zh":"甲","en":"a"}],"n":null}"#;
        assert!(paths(q, q).is_empty());
    }

    #[test]
    fn walks_the_vendor_order_then_keys_only_the_request_has() {
        let x = r#"{"extra":1,"b":{"c":"2.00"},"a":"1.00"}"#;
        let y = r#"{"a":"1.01","b":{"c":"2.01","d":true}}"#;
        assert_eq!(paths(x, y), ["a", "b.c", "b.d", "extra"]);
    }

    #[test]
    fn arrays_compare_index_by_index_to_the_longer_length() {
        let d = compare(
            &j(r#"{"lines":[{"q":1}]}"#),
            &j(r#"{"lines":[{"q":2},{"q":3}]}"#),
            REQUEST_VS_VENDOR,
        );
        assert_eq!(d[0].path, "lines[0].q");
        assert_eq!(d[1].path, "lines[1]");
        let shown = serde_json::to_value(&d[1]).unwrap();
        assert_eq!(
            shown,
            serde_json::json!({"path": "lines[1]", "request": null, "vendor": {"q": 3}, "missing": "request"})
        );
    }

    #[test]
    fn types_must_match_and_texts_are_byte_for_byte() {
        assert_eq!(paths(r#"{"a":"1.0"}"#, r#"{"a":"1.00"}"#), ["a"]);
        assert_eq!(paths(r#"{"a":1}"#, r#"{"a":"1"}"#), ["a"]);
        assert_eq!(paths(r#"{"a":[]}"#, r#"{"a":{}}"#), ["a"]);
        assert_eq!(paths(r#"{"a":null}"#, r#"{}"#), ["a"]);
        let d = compare(&j(r#"{"a":null}"#), &j("{}"), PARTNER_VS_VENDOR);
        assert_eq!(
            serde_json::to_value(&d[0]).unwrap(),
            serde_json::json!({"path": "a", "partner": null, "vendor": null, "missing": "vendor"})
        );
    }

    #[test]
    fn texts_for_people_are_not_compared() {
        assert!(paths(
            r#"{"w":[{"code":"x","zh":"甲","en":"a"}]}"#,
            r#"{"w":[{"code":"x","zh":"乙","en":"b"}]}"#
        )
        .is_empty());
    }
}
