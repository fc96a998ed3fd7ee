//! Newtypes for the kinds of decimal the documents carry. Each knows how
//! many decimals it may have and its range, checked once when read.

use super::decimal_text::{parse_decimal_text, DecimalTextError};
use crate::engine::json::{FromJson, Json};
use crate::engine::problem::Problems;
use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

macro_rules! decimal_newtype {
    ($(#[$doc:meta])* $name:ident, places: $places:expr, at_most_one: $one:expr,
     pattern: $pattern:expr, what: ($zh:expr, $en:expr)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            /// Decimals this kind of value may carry.
            pub const PLACES: u32 = $places;

            /// Checks a value built in code (tests, generators, the UI)
            /// against the same rules as text read from JSON.
            pub fn new(value: Decimal) -> Option<Self> {
                let ok = value >= Decimal::ZERO
                    && value.scale() <= $places
                    && value <= super::decimal_text::max_amount()
                    && (!$one || value <= Decimal::ONE);
                ok.then_some($name(value))
            }

            /// Parses text such as `"1800.00"` under this kind's rules.
            pub fn parse(text: &str) -> Result<Self, (String, String)> {
                match parse_decimal_text(text, $places) {
                    Ok(v) if $one && v > Decimal::ONE => Err((
                        format!("{}必须在 0 到 1 之间，收到 “{}”", $zh, text),
                        format!("{} must be between 0 and 1, got \"{}\"", $en, text),
                    )),
                    Ok(v) => Ok($name(v)),
                    Err(e) => Err(describe(&e, text, $zh, $en)),
                }
            }

            pub fn value(self) -> Decimal {
                self.0
            }

            pub fn zero() -> Self {
                $name(Decimal::ZERO)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": concat!($en, " as a decimal string (", $zh, ")")
                })
            }
        }

        impl FromJson for $name {
            fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
                match v {
                    Json::String(s) => match $name::parse(s) {
                        Ok(x) => Some(x),
                        Err((zh, en)) => {
                            p.push(path, "bad_decimal", zh, en);
                            None
                        }
                    },
                    Json::Int(_) | Json::Float => {
                        p.push(
                            path,
                            "number_not_string",
                            format!("{}必须写成字符串（例如 \"1800.00\"），JSON 数字会丢失精度", $zh),
                            format!("{} must be a decimal string such as \"1800.00\", not a JSON number (numbers lose digits)", $en),
                        );
                        None
                    }
                    other => {
                        let (kzh, ken) = other.kind();
                        p.push(
                            path,
                            "wrong_type",
                            format!("{}必须是字符串形式的小数，收到{}", $zh, kzh),
                            format!("{} must be a decimal string, found {}", $en, ken),
                        );
                        None
                    }
                }
            }
        }
    };
}

fn describe(e: &DecimalTextError, text: &str, zh: &str, en: &str) -> (String, String) {
    match e {
        DecimalTextError::Malformed => (
            format!("{zh}“{text}”不是有效的小数（应如 \"123.45\"，不带符号、指数或空格）"),
            format!(
                "{en} \"{text}\" is not a decimal like \"123.45\" (no sign, exponent or spaces)"
            ),
        ),
        DecimalTextError::Negative => (
            format!("{zh}不能为负数，收到 “{text}”"),
            format!("{en} must not be negative, got \"{text}\""),
        ),
        DecimalTextError::TooManyDecimals(n) => (
            format!("{zh}最多 {n} 位小数，收到 “{text}”"),
            format!("{en} may have at most {n} decimal places, got \"{text}\""),
        ),
        DecimalTextError::TooLarge => (
            format!("{zh}不能超过 10^15，收到 “{text}”"),
            format!("{en} must not exceed 10^15, got \"{text}\""),
        ),
    }
}

decimal_newtype!(
    /// A money amount: at most 2 decimals, 0 to 10^15.
    Money, places: 2, at_most_one: false,
    pattern: r"^[0-9]+(\.[0-9]{1,2})?$", what: ("金额", "amount")
);
decimal_newtype!(
    /// A unit price: at most 4 decimals, 0 to 10^15.
    Price, places: 4, at_most_one: false,
    pattern: r"^[0-9]+(\.[0-9]{1,4})?$", what: ("价格", "price")
);
decimal_newtype!(
    /// A discount, tax or rebate rate: at most 6 decimals, within [0, 1].
    Rate, places: 6, at_most_one: true,
    pattern: r"^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$", what: ("比率", "rate")
);
decimal_newtype!(
    /// A rebate tier's attainment of target: at most 6 decimals, ≥ 0 (may exceed 1).
    Attainment, places: 6, at_most_one: false,
    pattern: r"^[0-9]+(\.[0-9]{1,6})?$", what: ("达成率", "attainment")
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::problem::Document;

    fn read<T: FromJson>(j: Json) -> (Option<T>, Vec<String>) {
        let mut p = Problems::new(Document::Policy);
        let v = T::from_json(&j, "x", &mut p);
        (v, p.list.into_iter().map(|x| x.code).collect())
    }

    #[test]
    fn rates_stay_within_zero_and_one() {
        assert!(Rate::parse("1").is_ok());
        assert!(Rate::parse("1.000001").is_err());
        assert!(Rate::parse("0.1234567").is_err());
        assert!(Attainment::parse("1.2").is_ok());
    }

    #[test]
    fn json_numbers_are_refused() {
        let (v, codes) = read::<Money>(Json::Int(5));
        assert!(v.is_none());
        assert_eq!(codes, ["number_not_string"]);
        let (_, codes) = read::<Price>(Json::Bool(true));
        assert_eq!(codes, ["wrong_type"]);
    }

    #[test]
    fn serializes_with_its_own_scale() {
        let m = Money::parse("1800.00").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"1800.00\"");
    }
}
