//! Text fields with a format: identifiers, currency codes, bounded texts
//! people read (titles, labels) and the tag that names a document's kind.

use crate::json::{FromJson, Json};
use crate::problem::{At, Problems};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A non-blank identifier of at most 200 characters (SKU, level, rule,
/// program, category, approval code). Blank ids would make rules match
/// nothing without anyone noticing; the field is private so code-built
/// documents get the same guarantee as files.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id(String);

impl Id {
    pub const MAX_CHARS: usize = 200;

    /// Checks an id built in code; `Err` says why in both languages.
    pub fn new(s: impl Into<String>) -> Result<Id, (&'static str, &'static str, &'static str)> {
        let s = s.into();
        if s.trim().is_empty() {
            Err(("empty_id", "标识不能为空", "must not be empty"))
        } else if s.chars().count() > Self::MAX_CHARS {
            Err((
                "id_too_long",
                "标识最长 200 个字符",
                "must be at most 200 characters",
            ))
        } else {
            Ok(Id(s))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl FromJson for Id {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        let s = String::from_json(v, at, p)?;
        Id::new(s)
            .map_err(|(code, zh, en)| p.at(at, code, zh, en))
            .ok()
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": Id::MAX_CHARS,
            "pattern": "\\S",
            "description": "an identifier: not blank, at most 200 characters"
        })
    }
}

/// An ISO 4217 currency code: three upper-case letters (`CNY`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Currency(String);

impl Currency {
    pub fn new(s: &str) -> Option<Currency> {
        (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())).then(|| Currency(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl FromJson for Currency {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        let s = String::from_json(v, at, p)?;
        let c = Currency::new(&s);
        if c.is_none() {
            p.at(
                at,
                "bad_currency",
                format!("币种应为三个大写字母（如 CNY），收到 “{s}”"),
                format!("currency must be three upper-case letters such as CNY, got \"{s}\""),
            );
        }
        c
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "ISO 4217 currency code, e.g. CNY"
        })
    }
}

/// The `schema` tag of a document: exactly one string, so a policy is never
/// read as an order. Each document declares its own tag type.
macro_rules! document_tag {
    ($(#[doc = $doc:literal])* $name:ident = $tag:literal) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name;

        impl $name {
            pub const TAG: &'static str = $tag;
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($tag)
            }
        }

        impl FromJson for $name {
            fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
                let tag = String::from_json(v, at, p)?;
                if tag == $tag {
                    Some($name)
                } else {
                    p.at(
                        at,
                        "unknown_schema",
                        format!("未知的文档类型 “{tag}”，应为 “{}”", $tag),
                        format!("unknown schema \"{tag}\", expected \"{}\"", $tag),
                    );
                    None
                }
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({"const": $tag})
            }
        }
    };
}

/// The `schema` tag of a document that exists in two versions (SPEC-v2
/// §2.4): the version read is kept, since a `/1` document may not carry a
/// v2 field and a quote is `/2` when any of its documents is.
macro_rules! versioned_tag {
    ($(#[doc = $doc:literal])* $name:ident = $v1:literal, $v2:literal) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub enum $name {
            #[default]
            V1,
            V2,
        }

        impl $name {
            /// The first version's tag.
            pub const TAG: &'static str = $v1;
            /// The second version's tag.
            pub const TAG_V2: &'static str = $v2;

            pub fn is_v2(self) -> bool {
                self == $name::V2
            }

            pub fn as_str(self) -> &'static str {
                match self {
                    $name::V1 => $v1,
                    $name::V2 => $v2,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl FromJson for $name {
            fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
                let tag = String::from_json(v, at, p)?;
                match tag.as_str() {
                    $v1 => Some($name::V1),
                    $v2 => Some($name::V2),
                    _ => {
                        p.at(
                            at,
                            "unknown_schema",
                            format!("未知的文档类型 “{tag}”，应为 “{}” 或 “{}”", $v1, $v2),
                            format!("unknown schema \"{tag}\", expected \"{}\" or \"{}\"", $v1, $v2),
                        );
                        None
                    }
                }
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({"enum": [$v1, $v2]})
            }
        }
    };
}

versioned_tag!(
    /// `channel-policy/1` or `channel-policy/2` (SPEC-v2 §2.4).
    PolicyTag = "channel-policy/1", "channel-policy/2"
);
versioned_tag!(
    /// `channel-account/1` or `channel-account/2` (SPEC-v2 §2.4).
    AccountTag = "channel-account/1", "channel-account/2"
);
versioned_tag!(
    /// `channel-order/1` or `channel-order/2` (SPEC-v2 §2.4).
    OrderTag = "channel-order/1", "channel-order/2"
);
document_tag!(
    /// `channel-order-request/1` (REQUEST.md R2).
    RequestTag = "channel-order-request/1"
);
document_tag!(
    /// `channel-chain/1` (SPEC-v2 §10).
    ChainTag = "channel-chain/1"
);
document_tag!(
    /// `channel-plan/1` (PLAN.md P1).
    PlanTag = "channel-plan/1"
);

/// Text a person reads, not blank and at most `$max` Unicode characters.
/// The bound lives in the type (like [`Id`]'s) so the reader and the
/// published schema (`minLength`, `maxLength`, `pattern`) say the same, and
/// a plan's table headings cannot grow without limit.
macro_rules! bounded_text {
    ($(#[doc = $doc:literal])* $name:ident, $max:literal) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            /// Checks a text built in code; `Err` says why in both languages.
            pub fn new(s: impl Into<String>) -> Result<$name, (&'static str, String, String)> {
                let s = s.into();
                if s.trim().is_empty() {
                    Err(("empty_text", "不能为空".to_string(), "must not be blank".to_string()))
                } else if s.chars().count() > Self::MAX_CHARS {
                    Err((
                        "text_too_long",
                        format!("最长 {} 个字符", Self::MAX_CHARS),
                        format!("must be at most {} characters", Self::MAX_CHARS),
                    ))
                } else {
                    Ok($name(s))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl FromJson for $name {
            fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
                let s = String::from_json(v, at, p)?;
                $name::new(s)
                    .map_err(|(code, zh, en)| p.at(at, code, zh, en))
                    .ok()
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                // JSON Schema's maxLength counts Unicode code points, as
                // `chars()` does.
                json_schema!({
                    "type": "string",
                    "minLength": 1,
                    "maxLength": $max,
                    "pattern": "\\S",
                    "description": crate::fields::record::description(&[$($doc),*]),
                })
            }
        }
    };
}

bounded_text!(
    /// Text a person reads (a plan's title, a partner's name): not blank,
    /// at most 200 characters.
    Title, 200
);
bounded_text!(
    /// A short label (a plan period's column heading): not blank, at most
    /// 40 characters.
    Label, 40
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Document;

    #[test]
    fn bounded_texts_count_characters_not_bytes() {
        assert!(Label::new("二〇二六年十月".repeat(5)).is_ok()); // 35 characters, 105 bytes
        assert!(Label::new("x".repeat(41)).is_err());
        assert!(Title::new("   ").is_err());
        let mut p = Problems::new(Document::Plan);
        let too_long = Json::String("月".repeat(41));
        assert_eq!(Label::from_json(&too_long, &At::ROOT, &mut p), None);
        assert_eq!(p.into_vec()[0].code, "text_too_long");
    }
}
