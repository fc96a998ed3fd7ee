//! Newtypes for the kinds of decimal the documents carry. Each knows how
//! many decimals it may have and its range, checked once when read.

use super::decimal_text::{parse_decimal_text, DecimalTextError};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

macro_rules! decimal_newtype {
    ($(#[$doc:meta])* $name:ident, places: $places:expr, at_most_one: $one:expr,
     above_zero: $positive:expr, what: ($zh:expr, $en:expr)) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            /// Decimals this kind of value may carry.
            pub const PLACES: u32 = $places;
            /// At most 1 (a rate), or at most 10^15.
            pub const AT_MOST_ONE: bool = $one;
            /// Zero is refused (a rebate target measures attainment).
            pub const ABOVE_ZERO: bool = $positive;
            /// What the value is called, for messages: (zh, en).
            pub const WHAT: (&'static str, &'static str) = ($zh, $en);

            /// Checks a value built in code (tests, generators, the UI)
            /// against the same rules as text read from JSON.
            pub fn new(value: Decimal) -> Option<Self> {
                let ok = value >= Decimal::ZERO
                    && !($positive && value.is_zero())
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
                    Ok(v) if $positive && v.is_zero() => Err((
                        format!("{}必须大于 0，收到 “{}”", $zh, text),
                        format!("{} must be above 0, got \"{}\"", $en, text),
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
        DecimalTextError::Signed => (
            format!("{zh}不能带正负号，收到 “{text}”"),
            format!("{en} must not carry a sign, got \"{text}\""),
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
    above_zero: false, what: ("金额", "amount")
);
decimal_newtype!(
    /// A unit price: at most 4 decimals, 0 to 10^15.
    Price, places: 4, at_most_one: false,
    above_zero: false, what: ("价格", "price")
);
decimal_newtype!(
    /// A discount, tax or rebate rate: at most 6 decimals, within [0, 1].
    Rate, places: 6, at_most_one: true,
    above_zero: false, what: ("比率", "rate")
);
decimal_newtype!(
    /// A rebate tier's attainment of target: at most 6 decimals, ≥ 0 (may exceed 1).
    Attainment, places: 6, at_most_one: false,
    above_zero: false, what: ("达成率", "attainment")
);
decimal_newtype!(
    /// A money amount above zero (a rebate target): at most 2 decimals, up to 10^15.
    PositiveMoney, places: 2, at_most_one: false,
    above_zero: true, what: ("金额", "amount")
);

/// A payment option's price adjustment (SPEC-v2 §3.10): a rate in
/// [−1, 1] with at most 6 decimals — the one input that may carry a `-`
/// (negative: a cash discount 现金折扣; positive: a terms uplift 账期上浮).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AdjustmentRate(Decimal);

impl AdjustmentRate {
    pub const PLACES: u32 = 6;
    pub const WHAT: (&'static str, &'static str) = ("调整比率", "adjustment");

    /// Checks a value built in code against the rules text is read by.
    pub fn new(value: Decimal) -> Option<Self> {
        (value.abs() <= Decimal::ONE && value.scale() <= Self::PLACES).then_some(Self(value))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// Parses `"-0.005"`, `"0"`, `"0.01"`: a rate as [`Rate`] reads it,
    /// with an optional leading `-`.
    pub fn parse(text: &str) -> Result<Self, (String, String)> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let rate = Rate::parse(body).map_err(|_| {
            (
                format!("调整比率必须是 -1 到 1 之间、最多 6 位小数的小数（如 \"-0.005\"），收到 “{text}”"),
                format!("adjustment must be a decimal between -1 and 1 with at most 6 decimals (e.g. \"-0.005\"), got \"{text}\""),
            )
        })?;
        // "-0" is zero: no sign is kept on it.
        let v = rate.value();
        Ok(Self(if negative && !v.is_zero() { -v } else { v }))
    }
}

impl std::fmt::Display for AdjustmentRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for AdjustmentRate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_stay_within_zero_and_one() {
        assert!(Rate::parse("1").is_ok());
        assert!(Rate::parse("1.000001").is_err());
        assert!(Rate::parse("0.1234567").is_err());
        assert!(Attainment::parse("1.2").is_ok());
    }

    #[test]
    fn no_sign_not_even_on_zero() {
        assert!(Money::parse("-0").is_err());
        assert!(Money::parse("-0.00").is_err());
        assert!(Money::parse("+1").is_err());
        assert!(Money::parse("0").is_ok());
    }

    #[test]
    fn positive_money_refuses_zero_in_code_and_text() {
        assert!(PositiveMoney::parse("0.00").is_err());
        assert!(PositiveMoney::new(Decimal::ZERO).is_none());
        assert!(PositiveMoney::parse("0.01").is_ok());
    }

    #[test]
    fn an_adjustment_may_be_negative_within_one() {
        assert_eq!(
            AdjustmentRate::parse("-0.005").unwrap().value().to_string(),
            "-0.005"
        );
        assert_eq!(
            AdjustmentRate::parse("0.01").unwrap().value().to_string(),
            "0.01"
        );
        assert!(AdjustmentRate::parse("-1").is_ok());
        assert!(AdjustmentRate::parse("-1.000001").is_err());
        assert!(AdjustmentRate::parse("0.0000001").is_err());
        assert!(AdjustmentRate::parse("--0.1").is_err());
        assert!(AdjustmentRate::parse("+0.1").is_err());
        assert!(AdjustmentRate::parse("-0").unwrap().value().is_zero());
    }

    #[test]
    fn serializes_with_its_own_scale() {
        let m = Money::parse("1800.00").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"1800.00\"");
    }
}
