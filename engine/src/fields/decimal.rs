//! Reading the money types from JSON and publishing their schema. The
//! pattern is built from the same constants the parser enforces (decimal
//! places, at most one, above zero, 10^15), so a vendor checking a file
//! against the schema gets the reader's verdict.

use crate::json::{FromJson, Json};
use crate::money::{AdjustmentRate, Attainment, Money, PositiveMoney, Price, Rate};
use crate::problem::{At, Problems};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

/// The exact set of strings the decimal parser accepts, as a regex:
/// digits, an optional point with 1…`places` digits, no sign, and the
/// value within the kind's range.
pub fn decimal_pattern(places: u32, at_most_one: bool, above_zero: bool) -> String {
    let frac = format!(r"(\.[0-9]{{1,{places}}})?");
    let zeros = format!(r"(\.0{{1,{places}}})?");
    let body = if at_most_one {
        // 0…1: "0.25", "00.5", "1", "1.000"; never ".5".
        format!(r"0+{frac}|0*1{zeros}")
    } else if above_zero {
        // Some digit other than 0, before or after the point.
        let tiny: Vec<String> = (0..places)
            .map(|k| {
                let rest = places - 1 - k;
                format!(r"0{{{k}}}[1-9][0-9]{{0,{rest}}}")
            })
            .collect();
        format!(
            r"0*[1-9][0-9]{{0,14}}{frac}|0+\.({})|0*1000000000000000{zeros}",
            tiny.join("|")
        )
    } else {
        format!(r"0*[0-9]{{1,15}}{frac}|0*1000000000000000{zeros}")
    };
    format!("^({body})$")
}

macro_rules! decimal_field {
    ($name:ident) => {
        impl FromJson for $name {
            fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
                let (zh, en) = $name::WHAT;
                match v {
                    Json::String(s) => $name::parse(s)
                        .map_err(|(z, e)| p.at(at, "bad_decimal", z, e))
                        .ok(),
                    Json::Int(_) | Json::Float(_) => {
                        p.at(
                            at,
                            "number_not_string",
                            format!("{zh}必须写成字符串（例如 \"1800.00\"），JSON 数字会丢失精度"),
                            format!("{en} must be a decimal string such as \"1800.00\", not a JSON number (numbers lose digits)"),
                        );
                        None
                    }
                    other => {
                        let (kzh, ken) = other.kind();
                        p.at(
                            at,
                            "wrong_type",
                            format!("{zh}必须是字符串形式的小数，收到{kzh}"),
                            format!("{en} must be a decimal string, found {ken}"),
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
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let (zh, en) = $name::WHAT;
                let range = if $name::AT_MOST_ONE {
                    "0 to 1"
                } else if $name::ABOVE_ZERO {
                    "above 0, at most 10^15"
                } else {
                    "0 to 10^15"
                };
                json_schema!({
                    "type": "string",
                    "pattern": decimal_pattern($name::PLACES, $name::AT_MOST_ONE, $name::ABOVE_ZERO),
                    "description": format!(
                        "{en} as a decimal string, at most {} decimals, {range}, no sign ({zh})",
                        $name::PLACES
                    ),
                })
            }
        }
    };
}

decimal_field!(Money);
decimal_field!(Price);
decimal_field!(Rate);
decimal_field!(Attainment);
decimal_field!(PositiveMoney);

/// Read as the rates are, with the one sign the SPEC allows.
impl FromJson for AdjustmentRate {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        match v {
            Json::String(s) => AdjustmentRate::parse(s)
                .map_err(|(z, e)| p.at(at, "bad_decimal", z, e))
                .ok(),
            other => {
                let (kzh, ken) = other.kind();
                p.at(
                    at,
                    "wrong_type",
                    format!("调整比率必须是字符串形式的小数（如 \"-0.005\"），收到{kzh}"),
                    format!("adjustment must be a decimal string such as \"-0.005\", found {ken}"),
                );
                None
            }
        }
    }
}

impl JsonSchema for AdjustmentRate {
    fn schema_name() -> Cow<'static, str> {
        "AdjustmentRate".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let rate = decimal_pattern(AdjustmentRate::PLACES, true, false);
        json_schema!({
            "type": "string",
            // The rate's pattern with an optional leading minus.
            "pattern": format!("^-?{}", &rate[1..]),
            "description": "a signed rate as a decimal string, -1 to 1, at most 6 decimals (negative: cash discount; positive: terms uplift)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Document;

    #[test]
    fn json_numbers_are_refused() {
        let mut p = Problems::new(Document::Policy);
        assert!(Money::from_json(&Json::Int(5), &At::ROOT, &mut p).is_none());
        assert!(Price::from_json(&Json::Bool(true), &At::ROOT, &mut p).is_none());
        let codes: Vec<_> = p.into_vec().into_iter().map(|x| x.code).collect();
        assert_eq!(codes, ["number_not_string", "wrong_type"]);
    }
}
