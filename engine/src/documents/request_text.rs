//! Reading a request without building a tree of its quote. A request is
//! mostly the quote it carries (18 KB of a 19 KB ten-line request), which
//! the vendor only compares; holding it as text makes a genuine request
//! cost one parse and one comparison of bytes, which is what lets `batch`
//! verify thousands of requests a second.

use super::request::{QuoteObject, Request};
use crate::json::{FromJson, Json};
use crate::problem::{At, Problems};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// A request's members, its quote(s) as borrowed text.
struct TopLevel<'a>(Vec<(String, Member<'a>)>);

enum Member<'a> {
    Tree(Json),
    Quote(&'a RawValue),
}

impl<'de> de::Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a request object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let member = if key == "quote" {
                        Member::Quote(map.next_value::<&RawValue>()?)
                    } else {
                        Member::Tree(map.next_value::<Json>()?)
                    };
                    entries.push((key, member));
                }
                Ok(TopLevel(entries))
            }
        }
        d.deserialize_map(V)
    }
}

/// The request in `text`, read as [`Request`]'s declaration says, with its
/// quote kept as text. `None` when `text` is not a JSON object: the
/// caller then reads it the ordinary way, which words the problem.
pub fn read(text: &str, p: &mut Problems) -> Option<Option<Request>> {
    let TopLevel(entries) = serde_json::from_str::<TopLevel>(text).ok()?;
    let mut quote = None;
    let tree = Json::Object(
        entries
            .into_iter()
            .map(|(k, member)| {
                let v = match member {
                    Member::Tree(t) => t,
                    Member::Quote(raw) => {
                        let object = raw.get().trim_start().starts_with('{');
                        if object && quote.is_none() {
                            quote = QuoteObject::from_text(raw.get());
                        }
                        if object {
                            // Stands in for the quote: its type is right,
                            // its text is kept above.
                            Json::Object(Vec::new())
                        } else {
                            // Not an object: read it, so the reader says what it is.
                            Json::parse(raw.get()).unwrap_or(Json::Null)
                        }
                    }
                };
                (k, v)
            })
            .collect(),
    );
    let mut request = Request::from_json(&tree, &At::ROOT, p);
    if let (Some(r), Some(q)) = (request.as_mut(), quote) {
        r.quote = q;
    }
    Some(request)
}

/// JSON text without the whitespace between tokens (strings untouched):
/// what `serde_json` writes for the same document, whenever the sender
/// escaped strings the same way.
pub fn compact(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    // Bytes, not chars: every byte that matters is ASCII, and a UTF-8
    // continuation byte never equals one.
    for &b in text.as_bytes() {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
            out.push(b);
        } else if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            out.push(b);
        }
    }
    // Only ASCII whitespace outside strings was dropped: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The first `policy` member of a JSON object's text, as a tree. Reading
/// stops there (it is a quote's first member), and nothing else is built.
pub fn policy_member(text: &str) -> Option<Json> {
    struct Only<'f>(&'f mut Option<Json>);
    impl<'de> Visitor<'de> for Only<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "policy" {
                    *self.0 = Some(map.next_value::<Json>()?);
                    // Found: stop reading (the error only ends the walk).
                    return Err(de::Error::custom("found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    let mut found = None;
    let mut d = serde_json::Deserializer::from_str(text);
    let _ = d.deserialize_map(Only(&mut found));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacting_keeps_strings_and_drops_only_whitespace_between_tokens() {
        let pretty = "{\n  \"a\": \"x y\\\" z\",\n  \"b\": [1, 2]\r\n}";
        assert_eq!(compact(pretty), r#"{"a":"x y\" z","b":[1,2]}"#);
        assert_eq!(compact("{\"名\": \"华 东\"}"), "{\"名\":\"华 东\"}");
    }

    #[test]
    fn the_policy_member_is_found_first_or_last() {
        let first = r#"{"policy":{"id":"p"},"lines":[1,2,3]}"#;
        let last = r#"{"lines":[{"x":"policy"}],"policy":{"id":"q"}}"#;
        let id = |j: Option<Json>| match j {
            Some(Json::Object(e)) => e[0].1.clone(),
            _ => Json::Null,
        };
        assert_eq!(id(policy_member(first)), Json::String("p".into()));
        assert_eq!(id(policy_member(last)), Json::String("q".into()));
        assert_eq!(policy_member(r#"{"lines":[]}"#), None);
    }
}
