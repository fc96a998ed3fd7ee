//! What the browser keeps (the session, saved quotes, share links, the
//! chain's files) as JSON: written as text by hand and read back from the
//! engine's [`Json`] tree, which the app parses documents with anyway.
//!
//! Why not serde's derives: each derived type compiles its own
//! deserializer (a state machine per struct, per `Option`, per `Vec`),
//! which cost the wasm about 27 KB gzipped; this reader is one small walk
//! of a tree. The text written is what serde wrote before (same keys, same
//! order, same escapes), so sessions, saved quotes and links made by
//! earlier builds read back, and a request id hashed from a draft's text
//! is unchanged.
//!
//! Reading is lenient about absence and strict about shape: a missing
//! field takes its default (older records lack newer fields), a field of
//! the wrong type makes the whole record unreadable (`None`), which the
//! caller reports — stored data is untrusted.

use crate::engine::json::Json;

/// A value written to the browser's storage.
pub trait WriteJson {
    /// Appends this value as compact JSON.
    fn write(&self, out: &mut String);
}

/// A value kept in the browser's storage: written, and read back.
pub trait Stored: WriteJson + Sized {
    /// The value of `j`, or `None` when `j` has another shape.
    fn read(j: &Json) -> Option<Self>;
}

/// A borrowed value is written as the value.
impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

/// `value` as compact JSON text.
pub fn to_text<T: WriteJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

/// Parses `text` and reads a `T` from it; `None` when the text is not
/// JSON or not a `T`.
pub fn from_text<T: Stored>(text: &str) -> Option<T> {
    T::read(&Json::parse(text).ok()?)
}

/// The members of an object, or `None` when `j` is not one.
pub fn members(j: &Json) -> Option<&[(String, Json)]> {
    match j {
        Json::Object(m) => Some(m),
        _ => None,
    }
}

/// The value of `key` among `members` (the first, if repeated).
pub fn get<'j>(members: &'j [(String, Json)], key: &str) -> Option<&'j Json> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Field `key` of an object: its default when absent, `None` when present
/// but of another shape.
pub fn field<T: Stored + Default>(members: &[(String, Json)], key: &str) -> Option<T> {
    match get(members, key) {
        None => Some(T::default()),
        Some(v) => T::read(v),
    }
}

/// Writes a JSON object member by member: `{"a":1,"b":"x"}`.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    pub fn new(out: &'o mut String) -> ObjectWriter<'o> {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    pub fn member<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        value.write(self.out);
        self
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// Declares a struct kept in storage: its fields are written as an
/// object's members in their order, and read back by name (defaults for
/// the absent ones). The struct is declared once, here.
macro_rules! stored_struct {
    ($(#[$m:meta])* $vis:vis struct $name:ident {
        $( $(#[$fm:meta])* $fvis:vis $field:ident : $ty:ty ),* $(,)?
    }) => {
        $(#[$m])* $vis struct $name { $( $(#[$fm])* $fvis $field: $ty ),* }

        impl $crate::app::stored::WriteJson for $name {
            fn write(&self, out: &mut String) {
                let mut w = $crate::app::stored::ObjectWriter::new(out);
                $( w.member(stringify!($field), &self.$field); )*
                w.end();
            }
        }

        impl $crate::app::stored::Stored for $name {
            fn read(j: &$crate::engine::json::Json) -> Option<Self> {
                let m = $crate::app::stored::members(j)?;
                Some($name { $( $field: $crate::app::stored::field(m, stringify!($field))? ),* })
            }
        }
    };
}
pub(crate) use stored_struct;

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[n >> 4] as char);
                out.push(HEX[n & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl WriteJson for String {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl Stored for String {
    fn read(j: &Json) -> Option<Self> {
        match j {
            Json::String(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// Written only (a borrowed text); read back as a [`String`].
impl WriteJson for str {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl WriteJson for char {
    fn write(&self, out: &mut String) {
        write_str(out, self.encode_utf8(&mut [0; 4]));
    }
}

impl Stored for char {
    fn read(j: &Json) -> Option<Self> {
        let mut chars = match j {
            Json::String(s) => s.chars(),
            _ => return None,
        };
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}

impl WriteJson for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Stored for bool {
    fn read(j: &Json) -> Option<Self> {
        match j {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Whole numbers: written in decimal, read only when they fit.
macro_rules! stored_uint {
    ($($t:ty),*) => {$(
        impl WriteJson for $t {
            fn write(&self, out: &mut String) {
                use std::fmt::Write;
                let _ = write!(out, "{self}");
            }
}

        impl Stored for $t {
    fn read(j: &Json) -> Option<Self> {
                match j {
                    Json::Int(n) => <$t>::try_from(*n).ok(),
                    _ => None,
                }
            }
        }
    )*};
}
stored_uint!(u32, u64, usize);

/// `null` when absent.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Stored> Stored for Option<T> {
    fn read(j: &Json) -> Option<Self> {
        match j {
            Json::Null => Some(None),
            j => T::read(j).map(Some),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out);
    }
}

impl<T: Stored> Stored for Vec<T> {
    fn read(j: &Json) -> Option<Self> {
        match j {
            Json::Array(items) => items.iter().map(T::read).collect(),
            _ => None,
        }
    }
}

/// Written only (a borrowed list); read back as a [`Vec`].
impl<T: WriteJson> WriteJson for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write(out);
        }
        out.push(']');
    }
}

/// A pair, as a two-element array (as serde writes a tuple).
impl<A: WriteJson, B: WriteJson> WriteJson for (A, B) {
    fn write(&self, out: &mut String) {
        out.push('[');
        self.0.write(out);
        out.push(',');
        self.1.write(out);
        out.push(']');
    }
}

impl<A: Stored, B: Stored> Stored for (A, B) {
    fn read(j: &Json) -> Option<Self> {
        match j {
            Json::Array(items) => match items.as_slice() {
                [a, b] => Some((A::read(a)?, B::read(b)?)),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    stored_struct! {
        #[derive(Debug, Default, PartialEq)]
        struct Sample {
            name: String,
            count: u64,
            letter: char,
            level: Option<String>,
            pairs: Vec<(String, String)>,
        }
    }

    fn sample() -> Sample {
        Sample {
            name: "报价 \"A\"\\\n\t\u{1}".into(),
            count: 18_446_744_073_709_551_615,
            letter: 'B',
            level: None,
            pairs: vec![("a.json".into(), "{\"x\": 1}".into())],
        }
    }

    #[derive(serde::Serialize)]
    struct SampleSerde<'a> {
        name: &'a str,
        count: u64,
        letter: char,
        level: Option<&'a str>,
        pairs: &'a [(String, String)],
    }

    #[test]
    fn writes_what_serde_wrote_and_reads_it_back() {
        let s = sample();
        let by_serde = serde_json::to_string(&SampleSerde {
            name: &s.name,
            count: s.count,
            letter: s.letter,
            level: s.level.as_deref(),
            pairs: &s.pairs,
        })
        .unwrap();
        assert_eq!(to_text(&s), by_serde);
        assert_eq!(from_text::<Sample>(&by_serde), Some(s));
    }

    #[test]
    fn absent_fields_take_their_default_and_wrong_shapes_are_unreadable() {
        assert_eq!(
            from_text::<Sample>(r#"{"name":"x"}"#),
            Some(Sample {
                name: "x".into(),
                ..Sample::default()
            })
        );
        for bad in [
            r#"{"name":5}"#,
            r#"{"count":-1}"#,
            r#"{"count":1.5}"#,
            r#"{"letter":"AB"}"#,
            r#"{"pairs":[["a"]]}"#,
            r#"{"pairs":{}}"#,
            "[]",
            "{",
            "",
        ] {
            assert_eq!(from_text::<Sample>(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_escapes_it() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        assert_eq!(to_text(&all), serde_json::to_string(&all).unwrap());
        assert_eq!(from_text::<String>(&to_text(&all)), Some(all));
    }
}
