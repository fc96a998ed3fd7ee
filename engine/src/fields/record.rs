//! `record!` and `tagged!`: a document object is declared once — its
//! fields, their types, which are required, their defaults and their docs —
//! and the declaration produces the struct, the reader that reports every
//! problem with its path, the JSON Schema and the JSON output. They cannot
//! disagree because nothing is written twice.
//!
//! Field forms:
//! - `pub name: T` — required;
//! - `pub name: Option<T> = optional` — may be absent or `null`;
//! - `pub name: T = default(expr)` — `expr` when absent or `null` (the
//!   default is published in the schema).
//!
//! Ranges and formats live in the field types (`Qty`, `Days`, `Money`,
//! `Id`, …), each of which reads itself and publishes its own schema.

use crate::json::ObjectReader;
use crate::problem::Problems;
use schemars::SchemaGenerator;
use serde::ser::SerializeMap;
use serde_json::{Map, Value};

/// What `record!` generates beyond the struct: reading and writing the
/// fields inside an already opened object, so a tagged variant can share
/// its object with the tag.
pub trait Record: Sized {
    /// Reads this record's fields; unknown fields are left for the caller.
    fn read_fields(o: &mut ObjectReader<'_, '_>, p: &mut Problems) -> Option<Self>;
    /// Adds this record's properties and required names to a schema.
    fn schema_fields(
        generator: &mut SchemaGenerator,
        properties: &mut Map<String, Value>,
        required: &mut Vec<Value>,
    );
    /// Writes this record's fields into an open JSON object.
    fn serialize_fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error>;
    /// The field names, in declaration order, with their docs.
    const FIELDS: &'static [FieldDoc];
}

/// A field as the docs show it.
#[derive(Clone, Copy, Debug)]
pub struct FieldDoc {
    pub name: &'static str,
    pub required: bool,
    pub doc: &'static [&'static str],
}

/// Joins doc-comment lines into one description.
pub fn description(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// An object schema from a record's fields.
pub fn object_schema<R: Record>(
    generator: &mut SchemaGenerator,
    doc: &[&str],
    extra: Option<(&str, Value)>,
) -> schemars::Schema {
    let mut properties = Map::new();
    let mut required = Vec::new();
    if let Some((tag, schema)) = extra {
        properties.insert(tag.to_string(), schema);
        required.push(Value::String(tag.to_string()));
    }
    R::schema_fields(generator, &mut properties, &mut required);
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    let description = description(doc);
    if !description.is_empty() {
        out.insert("description".into(), description.into());
    }
    out.insert("properties".into(), Value::Object(properties));
    out.insert("required".into(), Value::Array(required));
    out.insert("additionalProperties".into(), false.into());
    schemars::Schema::from(out)
}

/// The schema of one field, with its doc and default. A field with a
/// default also accepts `null`, which the reader takes as absent.
pub fn field_schema(schema: schemars::Schema, doc: &[&str], default: Option<Value>) -> Value {
    let mut schema = if default.is_some() {
        schemars::json_schema!({"anyOf": [schema, {"type": "null"}]})
    } else {
        schema
    };
    let description = description(doc);
    if !description.is_empty() {
        schema.insert("description".into(), description.into());
    }
    if let Some(d) = default {
        schema.insert("default".into(), d);
    }
    schema.to_value()
}

#[doc(hidden)]
#[macro_export]
macro_rules! __read_field {
    ($o:ident, $p:ident, $name:expr) => {
        $o.req($name, $p)
    };
    ($o:ident, $p:ident, $name:expr, optional) => {
        $o.opt($name, $p)
    };
    ($o:ident, $p:ident, $name:expr, default($d:expr)) => {
        $o.or($name, $p, $d)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_required {
    () => {
        true
    };
    ($($kind:tt)+) => {
        false
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_default {
    ($ty:ty;) => {
        None
    };
    ($ty:ty; optional) => {
        None
    };
    ($ty:ty; default($d:expr)) => {
        serde_json::to_value::<$ty>($d).ok()
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_absent {
    ($v:expr) => {
        false
    };
    ($v:expr, optional) => {
        Option::is_none($v)
    };
    ($v:expr, default) => {
        false
    };
}

/// Declares a document object once; see the module docs.
#[macro_export]
macro_rules! record {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                pub $field:ident : $ty:ty $(= $kind:ident $(($default:expr))?)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( $(#[doc = $fdoc])* pub $field: $ty, )*
        }

        impl $crate::fields::Record for $name {
            fn read_fields(
                o: &mut $crate::json::ObjectReader<'_, '_>,
                p: &mut $crate::problem::Problems,
            ) -> Option<Self> {
                $( let $field: Option<$ty> =
                    $crate::__read_field!(o, p, stringify!($field) $(, $kind $(($default))?)?); )*
                Some($name { $( $field: $field?, )* })
            }

            fn schema_fields(
                generator: &mut schemars::SchemaGenerator,
                properties: &mut serde_json::Map<String, serde_json::Value>,
                required: &mut Vec<serde_json::Value>,
            ) {
                $(
                    properties.insert(
                        stringify!($field).to_string(),
                        $crate::fields::record::field_schema(
                            generator.subschema_for::<$ty>(),
                            &[$($fdoc),*],
                            $crate::__field_default!($ty; $($kind $(($default))?)?),
                        ),
                    );
                    if $crate::__field_required!($($kind)?) {
                        required.push(serde_json::Value::String(stringify!($field).to_string()));
                    }
                )*
            }

            fn serialize_fields<M: serde::ser::SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                $(
                    if !$crate::__field_absent!(&self.$field $(, $kind)?) {
                        m.serialize_entry(stringify!($field), &self.$field)?;
                    }
                )*
                Ok(())
            }

            const FIELDS: &'static [$crate::fields::record::FieldDoc] = &[
                $( $crate::fields::record::FieldDoc {
                    name: stringify!($field),
                    required: $crate::__field_required!($($kind)?),
                    doc: &[$($fdoc),*],
                }, )*
            ];
        }

        impl $crate::json::FromJson for $name {
            fn from_json(
                v: &$crate::json::Json,
                at: &$crate::problem::At,
                p: &mut $crate::problem::Problems,
            ) -> Option<Self> {
                let mut o = $crate::json::ObjectReader::open(v, at, p)?;
                let r = <Self as $crate::fields::Record>::read_fields(&mut o, p);
                o.finish(p);
                r
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::fields::record::object_schema::<Self>(generator, &[$($sdoc),*], None)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                <Self as $crate::fields::Record>::serialize_fields(self, &mut m)?;
                m.end()
            }
        }
    };
}

/// Declares an object whose `type` field chooses its shape, each shape a
/// [`record!`]: the enum, its reader, schema (`oneOf`) and output.
#[macro_export]
macro_rules! tagged {
    (
        $(#[doc = $sdoc:literal])*
        pub enum $name:ident {
            $(
                $(#[doc = $vdoc:literal])*
                $tag:literal => $variant:ident($inner:ty)
            ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant($inner), )*
        }

        impl $name {
            /// The `type` names, in declaration order.
            pub const TYPES: &'static [&'static str] = &[$($tag),*];

            /// This value's `type`.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => $tag, )*
                }
            }
        }

        impl $crate::json::FromJson for $name {
            fn from_json(
                v: &$crate::json::Json,
                at: &$crate::problem::At,
                p: &mut $crate::problem::Problems,
            ) -> Option<Self> {
                let mut o = $crate::json::ObjectReader::open(v, at, p)?;
                let kind = o.req::<String>("type", p)?;
                let value = match kind.as_str() {
                    $( $tag => <$inner as $crate::fields::Record>::read_fields(&mut o, p)
                        .map($name::$variant), )*
                    other => {
                        $crate::fields::record::unknown_type(&o.at_key("type"), other, Self::TYPES, p);
                        // The other fields belong to a type nobody knows:
                        // reporting each as unknown would only add noise.
                        return None;
                    }
                };
                o.finish(p);
                value
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let variants = vec![$(
                    $crate::fields::record::object_schema::<$inner>(
                        generator,
                        &[$($vdoc),*],
                        Some(("type", serde_json::json!({"const": $tag}))),
                    ).to_value(),
                )*];
                let mut out = serde_json::Map::new();
                let description = $crate::fields::record::description(&[$($sdoc),*]);
                if !description.is_empty() {
                    out.insert("description".into(), description.into());
                }
                out.insert("oneOf".into(), serde_json::Value::Array(variants));
                schemars::Schema::from(out)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("type", self.type_name())?;
                match self {
                    $( $name::$variant(inner) =>
                        <$inner as $crate::fields::Record>::serialize_fields(inner, &mut m)?, )*
                }
                m.end()
            }
        }
    };
}

/// Reports a `type` nobody declared.
pub fn unknown_type(at: &crate::problem::At, found: &str, expected: &[&str], p: &mut Problems) {
    p.at(
        at,
        "unknown_value",
        format!("未知的类型 “{found}”，可选：{}", expected.join("、")),
        format!(
            "unknown type \"{found}\", expected one of {}",
            expected.join(", ")
        ),
    );
}
