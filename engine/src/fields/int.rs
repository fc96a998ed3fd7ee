//! Whole-number fields with their range in the type: a `Qty` can only
//! hold 1 to 1,000,000, whether read from a file or built in code, so no
//! later step divides by zero or multiplies an unchecked value.

use crate::json::{read_int, FromJson, Json};
use crate::problem::{At, Problems};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

macro_rules! bounded_int {
    ($(#[doc = $doc:literal])* $name:ident: $repr:ty, $min:expr, $max:expr) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($repr);

        impl $name {
            pub const MIN: $repr = $min;
            pub const MAX: $repr = $max;

            /// `None` outside the range, for values built in code.
            pub fn new(n: $repr) -> Option<Self> {
                (Self::MIN..=Self::MAX).contains(&n).then_some($name(n))
            }

            pub fn get(self) -> $repr {
                self.0
            }
        }

        impl From<$name> for $repr {
            fn from(n: $name) -> $repr {
                n.0
            }
        }

        impl From<$name> for rust_decimal::Decimal {
            fn from(n: $name) -> rust_decimal::Decimal {
                n.0.into()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(s)
            }
        }

        impl FromJson for $name {
            fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
                let n = read_int(v, at, p, i64::from(Self::MIN), i64::from(Self::MAX))?;
                <$repr>::try_from(n).ok().and_then(Self::new)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let description = crate::fields::record::description(&[$($doc),*]);
                json_schema!({
                    "type": "integer",
                    "minimum": Self::MIN,
                    "maximum": Self::MAX,
                    "description": description,
                })
            }
        }
    };
}

bounded_int!(
    /// A whole number of units, 1 to 1,000,000: quantities, minimum
    /// quantities, order multiples, "buy" and "get" of free goods.
    Qty: u32, 1, 1_000_000
);
bounded_int!(
    /// A number of days, 0 to 36,500 (100 years).
    Days: u32, 0, 36_500
);
bounded_int!(
    /// Payment and collection days, 0 to 3,650 (SPEC-v2 §3.10, §4.4):
    /// ten years of terms is already beyond any channel's practice.
    TermDays: u32, 0, 3_650
);
bounded_int!(
    /// A number of people, 0 to 100,000 (a plan's staff).
    Headcount: u32, 0, 100_000
);
bounded_int!(
    /// A promotion's priority (lower wins a tie), −10⁹ to 10⁹.
    Priority: i64, -1_000_000_000, 1_000_000_000
);

bounded_int!(
    /// How many days a quote stays valid, 1 to 365 (REQUEST.md R1).
    ValidityDays: u32, 1, 365
);

impl ValidityDays {
    pub const WEEK: ValidityDays = ValidityDays(7);
}

impl Qty {
    pub const ONE: Qty = Qty(1);
}

impl From<Qty> for u64 {
    fn from(n: Qty) -> u64 {
        n.0.into()
    }
}

impl Days {
    pub const ZERO: Days = Days(0);
}

impl TermDays {
    pub const ZERO: TermDays = TermDays(0);
}

impl Headcount {
    pub const ZERO: Headcount = Headcount(0);
}

impl Priority {
    pub const ZERO: Priority = Priority(0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Document;

    #[test]
    fn ranges_hold_in_code_and_in_files() {
        assert!(Qty::new(0).is_none());
        assert!(Qty::new(1_000_001).is_none());
        assert_eq!(Qty::new(7).map(Qty::get), Some(7));
        let mut p = Problems::new(Document::Policy);
        assert_eq!(Days::from_json(&Json::Int(36_501), &At::ROOT, &mut p), None);
        assert_eq!(p.into_vec()[0].code, "int_range");
    }
}
