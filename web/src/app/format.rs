//! Money and ratios as the app shows them: `¥12,345.67`, `¥1,111.5000`,
//! `30.19 %`. Values arrive already rounded by the engine.

use crate::engine::money::display::{
    currency_symbol, format_money, format_percent, group_thousands,
};
use rust_decimal::Decimal;

pub fn money(value: Decimal, currency: &str) -> String {
    format_money(value, currency)
}

/// A unit price with its 4 decimals (the engine rounds it).
pub fn unit(value: Decimal, currency: &str) -> String {
    format!("{}{}", currency_symbol(currency), group_thousands(value))
}

pub fn percent(ratio: Decimal) -> String {
    format_percent(ratio)
}

pub fn percent_opt(ratio: Option<Decimal>) -> String {
    ratio.map_or_else(|| "—".to_string(), percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_money_units_and_percentages() {
        assert_eq!(money(Decimal::new(1234567, 2), "CNY"), "¥12,345.67");
        assert_eq!(unit(Decimal::new(11115000, 4), "CNY"), "¥1,111.5000");
        assert_eq!(percent(Decimal::new(3019, 4)), "30.19 %");
        assert_eq!(percent_opt(None), "—");
    }
}
