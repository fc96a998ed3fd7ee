//! Money as people read it: `¥12,345.67`, `30.19 %`. Used in the engine's
//! own bilingual reasons and by the UI, so both print amounts alike.

use super::rounding::RoundingMode;
use rust_decimal::Decimal;

/// The symbol shown before amounts of a currency.
pub fn currency_symbol(currency: &str) -> String {
    match currency {
        "CNY" | "JPY" => "¥".to_string(),
        "USD" => "$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        other => format!("{other} "),
    }
}

/// Groups the integer part by thousands: `1234567.5` → `1,234,567.5`.
pub fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `¥12,345.67`, rounded half-up to cents first (never truncated).
pub fn format_money(value: Decimal, currency: &str) -> String {
    let rounded = RoundingMode::HalfUp.money(value);
    let symbol = currency_symbol(currency);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        format!("-{symbol}{}", group_thousands(-rounded))
    } else {
        format!("{symbol}{}", group_thousands(rounded.abs()))
    }
}

/// A ratio as a percentage with two decimals: `0.30189` → `30.19 %`.
pub fn format_percent(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(pct) => format!("{} %", group_thousands(RoundingMode::HalfUp.money(pct))),
        // Beyond exact arithmetic: show the ratio itself, never another number.
        None => format!("{ratio} × 100 %"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_is_grouped_and_rounded_not_truncated() {
        assert_eq!(format_money(d("12345.675"), "CNY"), "¥12,345.68");
        assert_eq!(format_money(d("0"), "CNY"), "¥0.00");
        assert_eq!(format_money(d("-1234.5"), "CNY"), "-¥1,234.50");
        assert_eq!(format_money(d("999"), "HKD"), "HKD 999.00");
        assert_eq!(format_money(d("1000000"), "USD"), "$1,000,000.00");
    }

    #[test]
    fn percentages() {
        assert_eq!(format_percent(d("0.30189")), "30.19 %");
        assert_eq!(format_percent(d("1.08")), "108.00 %");
    }
}
