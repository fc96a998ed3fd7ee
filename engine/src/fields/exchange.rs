//! Text fields of what partner and vendor exchange (REQUEST.md): where an
//! order is sent, a request's id and time, a policy's hash, a note. Each
//! type's check and its JSON Schema `pattern` sit side by side, so the
//! reader and the published schema accept the same strings.

use crate::json::{FromJson, Json};
use crate::problem::{At, Problems};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A text with a format: `check` decides, `PATTERN` says the same to JSON
/// Schema readers, the messages say what was expected.
macro_rules! formatted_text {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            check: $check:expr,
            pattern: $pattern:expr,
            $(format: $format:literal,)?
            max_chars: $max:expr,
            code: $code:literal,
            zh: $zh:literal,
            en: $en:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// The JSON Schema pattern equivalent to [`Self::new`]'s check.
            pub const PATTERN: &'static str = $pattern;
            pub const MAX_CHARS: usize = $max;

            /// `None` when `s` does not have the format.
            pub fn new(s: impl Into<String>) -> Option<$name> {
                let s = s.into();
                let check: fn(&str) -> bool = $check;
                (s.chars().count() <= Self::MAX_CHARS && check(&s)).then_some($name(s))
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
                let shown: String = s.chars().take(80).collect();
                let value = $name::new(s);
                if value.is_none() {
                    p.at(
                        at,
                        $code,
                        format!(concat!($zh, "，收到 “{}”"), shown),
                        format!(concat!($en, ", got \"{}\""), shown),
                    );
                }
                value
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                #[allow(unused_mut)]
                let mut schema = json_schema!({
                    "type": "string",
                    "maxLength": $max,
                    "pattern": $pattern,
                    "description": crate::fields::record::description(&[$($doc),*]),
                });
                $(schema.insert("format".into(), $format.into());)?
                schema
            }
        }
    };
}

formatted_text!(
    /// Where the app submits orders: `https://` and a host (no user info,
    /// no fragment), or a same-origin path such as `/orders`; at most 2,048
    /// characters, no whitespace (REQUEST.md R1).
    SubmitUrl {
        check: is_submit_url,
        pattern: r"^(https://(\[[0-9A-Fa-f:.vV]+\]|([A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})+)(:[0-9]*)?([/?][^\s#]*)?|/([^/\\\s#][^\s#]*)?)$",
        max_chars: 2048,
        code: "bad_submit_url",
        zh: "提交地址应为 https:// 加主机名（不含用户信息和 #），或以单个 / 开头的同源路径，不含空白",
        en: "must be https:// followed by a host (no user info, no fragment) or a same-origin path starting with a single /, without whitespace",
    }
);

formatted_text!(
    /// A request's id: 1–64 characters of `A–Z a–z 0–9 . _ -`; a
    /// resubmission reuses it, so the vendor can answer it once.
    RequestId {
        check: |s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b".-_".contains(&b)),
        pattern: r"^[A-Za-z0-9._-]{1,64}$",
        max_chars: 64,
        code: "bad_request_id",
        zh: "请求编号应为 1 到 64 个字母、数字、点、下划线或连字符",
        en: "must be 1 to 64 characters of letters, digits, '.', '_' or '-'",
    }
);

formatted_text!(
    /// When the request was made, in UTC: `YYYY-MM-DDTHH:MM:SSZ`, with an
    /// optional fraction of a second before `Z`; a real date and time.
    Timestamp {
        check: is_timestamp,
        pattern: r"^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?Z$",
        format: "date-time",
        max_chars: 64,
        code: "bad_timestamp",
        zh: "时间应为 UTC 格式 YYYY-MM-DDTHH:MM:SSZ 且为真实的日期时间",
        en: "must be a real UTC time written YYYY-MM-DDTHH:MM:SSZ",
    }
);

formatted_text!(
    /// The SHA-256 of a policy file's bytes: 64 lower-case hex digits.
    Sha256Hex {
        check: |s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        pattern: r"^[0-9a-f]{64}$",
        max_chars: 64,
        code: "bad_hash",
        zh: "哈希应为 64 位小写十六进制数字",
        en: "must be 64 lower-case hexadecimal digits",
    }
);

formatted_text!(
    /// The partner's note to the vendor, at most 500 characters.
    Note {
        check: |_| true,
        pattern: r"^[\s\S]*$",
        max_chars: 500,
        code: "note_too_long",
        zh: "备注最长 500 个字符",
        en: "must be at most 500 characters",
    }
);

/// REQUEST.md R1: `https://host[:port][/path…]` or `/path`.
fn is_submit_url(s: &str) -> bool {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) || s.contains('#') {
        return false;
    }
    if let Some(rest) = s.strip_prefix("https://") {
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        is_authority(&rest[..end])
    } else {
        let b = s.as_bytes();
        b[0] == b'/' && !matches!(b.get(1), Some(b'/' | b'\\'))
    }
}

/// Host and optional port, without user info (RFC 3986 §3.2).
fn is_authority(a: &str) -> bool {
    if let Some(rest) = a.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return false;
        };
        let literal = &rest[..close];
        let ok = !literal.is_empty()
            && literal
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b":.vV".contains(&b));
        return ok && is_port(&rest[close + 1..]);
    }
    let (host, port) = match a.find(':') {
        Some(i) => (&a[..i], &a[i..]),
        None => (a, ""),
    };
    is_port(port) && !host.is_empty() && is_reg_name(host)
}

/// Nothing, or `:` and digits.
fn is_port(p: &str) -> bool {
    p.is_empty()
        || p.strip_prefix(':')
            .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
}

/// Unreserved, sub-delims and percent-encoded octets.
fn is_reg_name(host: &str) -> bool {
    let b = host.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return false;
            }
            i += 3;
            continue;
        }
        if !(c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&c)) {
            return false;
        }
        i += 1;
    }
    true
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 || b.last() != Some(&b'Z') || b[10] != b'T' {
        return false;
    }
    let Some(_) = crate::fields::Date::parse(&s[..10]) else {
        return false;
    };
    let two = |i: usize| -> Option<u8> {
        let d = b.get(i..i + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| (d[0] - b'0') * 10 + (d[1] - b'0'))
    };
    let time_ok = matches!((two(11), two(14), two(17)), (Some(h), Some(m), Some(sec)) if h < 24 && m < 60 && sec < 60)
        && b[13] == b':'
        && b[16] == b':';
    let fraction = &b[19..b.len() - 1];
    let fraction_ok = fraction.is_empty()
        || (fraction.len() >= 2
            && fraction[0] == b'.'
            && fraction[1..].iter().all(u8::is_ascii_digit));
    time_ok && fraction_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submit_urls_are_https_hosts_or_same_origin_paths() {
        for ok in [
            "https://orders.example.com/api/v1/orders",
            "https://example.com",
            "https://example.com:8443/x?y=1",
            "https://[::1]:8443/orders",
            "https://xn--fiqs8s.example/订单",
            "/orders",
            "/",
            "/api/orders?x=1",
        ] {
            assert!(SubmitUrl::new(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "http://example.com/orders",
            "https://",
            "https:///orders",
            "https://user@example.com/",
            "https://example.com/#frag",
            "https://exa mple.com",
            "//evil.example/orders",
            "/\\evil.example",
            "orders",
            "javascript:alert(1)",
            "https://example.com:80a/",
            "/orders\n",
        ] {
            assert!(SubmitUrl::new(bad).is_none(), "{bad:?}");
        }
        assert!(SubmitUrl::new(format!("/{}", "a".repeat(2047))).is_some());
        assert!(SubmitUrl::new(format!("/{}", "a".repeat(2048))).is_none());
    }

    #[test]
    fn request_ids_timestamps_and_hashes() {
        assert!(RequestId::new("cq-2026-11-20-7f3a9c21").is_some());
        assert!(RequestId::new("a".repeat(64)).is_some());
        assert!(RequestId::new("a".repeat(65)).is_none());
        assert!(RequestId::new("").is_none());
        assert!(RequestId::new("a b").is_none());
        assert!(Timestamp::new("2026-11-20T09:41:07Z").is_some());
        assert!(Timestamp::new("2026-11-20T09:41:07.123Z").is_some());
        assert!(Timestamp::new("2026-02-30T09:41:07Z").is_none());
        assert!(Timestamp::new("2026-11-20T24:00:00Z").is_none());
        assert!(Timestamp::new("2026-11-20T09:41:07.Z").is_none());
        assert!(Timestamp::new("2026-11-20T09:41:07+08:00").is_none());
        assert!(Sha256Hex::new("a".repeat(64)).is_some());
        assert!(Sha256Hex::new("A".repeat(64)).is_none());
        assert!(Note::new("备".repeat(500)).is_some());
        assert!(Note::new("备".repeat(501)).is_none());
    }
}
