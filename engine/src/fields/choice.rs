//! Fields that name one of a fixed set of values (`"half_up"`,
//! `"graduated"`). Each enum is declared with its names once; the reader,
//! the schema's `enum` and the output all come from that list.

/// Implements reading, schema and output for an enum from its names.
#[macro_export]
macro_rules! choice {
    ($ty:ty { $($text:literal => $value:path),+ $(,)? }) => {
        impl $ty {
            /// Every value with its name, in declaration order.
            pub const CHOICES: &'static [(&'static str, $ty)] = &[$(($text, $value)),+];

            pub fn name(self) -> &'static str {
                match self {
                    $($value => $text,)+
                }
            }
        }

        impl $crate::json::FromJson for $ty {
            fn from_json(
                v: &$crate::json::Json,
                at: &$crate::problem::At,
                p: &mut $crate::problem::Problems,
            ) -> Option<Self> {
                let s = String::from_json(v, at, p)?;
                let found = Self::CHOICES.iter().find(|(n, _)| *n == s).map(|(_, t)| *t);
                if found.is_none() {
                    let names: Vec<_> = Self::CHOICES.iter().map(|(n, _)| format!("\"{n}\"")).collect();
                    p.at(
                        at,
                        "unknown_value",
                        format!("未知取值 “{s}”，可选：{}", names.join("、")),
                        format!("unknown value \"{s}\", expected one of {}", names.join(", ")),
                    );
                }
                found
            }
        }

        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "enum": [$($text),+]})
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}

use crate::money::RoundingMode;

choice!(RoundingMode {
    "half_up" => RoundingMode::HalfUp,
    "half_even" => RoundingMode::HalfEven,
});
