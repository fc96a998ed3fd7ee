//! Parsing decimal strings exactly as SPEC §2 allows: `123`, `123.45`,
//! `0.035`; no exponent, no `+`, no spaces, a bounded number of decimals.
//! A JSON number is refused upstream because it would pass through `f64`.

use rust_decimal::Decimal;

/// Why a decimal string was refused; each maps to a bilingual message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecimalTextError {
    Malformed,
    /// `-0`, `-0.00`: zero, but SPEC §2 allows no sign at all.
    Signed,
    Negative,
    TooManyDecimals(u32),
    TooLarge,
}

/// The largest amount any input may carry (SPEC §7: "any amount above 10^15").
pub fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// Parses a non-negative decimal string with at most `max_places` decimals
/// and a value of at most 10^15.
pub fn parse_decimal_text(text: &str, max_places: u32) -> Result<Decimal, DecimalTextError> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int_part) || frac_part.is_some_and(|f| !digits_ok(f)) {
        return Err(DecimalTextError::Malformed);
    }
    let places = frac_part.map_or(0, str::len);
    if places > max_places as usize {
        return Err(DecimalTextError::TooManyDecimals(max_places));
    }
    // More than 16 significant integer digits is certainly above 10^15;
    // checking the length first keeps Decimal's parser away from huge input.
    if int_part.trim_start_matches('0').len() > 16 {
        return Err(DecimalTextError::TooLarge);
    }
    // Leading zeros carry no value; dropping them keeps `from_str_exact`
    // within its 28 digits for any text the length check let through.
    let trimmed = body.trim_start_matches('0');
    let exact = if trimmed.is_empty() || trimmed.starts_with('.') {
        &body[body.len() - trimmed.len() - 1..]
    } else {
        trimmed
    };
    let value = Decimal::from_str_exact(exact).map_err(|_| DecimalTextError::Malformed)?;
    if negative {
        return Err(if value.is_zero() {
            DecimalTextError::Signed
        } else {
            DecimalTextError::Negative
        });
    }
    if value > max_amount() {
        return Err(DecimalTextError::TooLarge);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str, p: u32) -> String {
        parse_decimal_text(s, p).unwrap().to_string()
    }

    #[test]
    fn accepts_the_spec_forms() {
        assert_eq!(ok("123", 2), "123");
        assert_eq!(ok("123.45", 2), "123.45");
        assert_eq!(ok("0.035", 6), "0.035");
        assert_eq!(ok("1000000000000000", 2), "1000000000000000");
        assert_eq!(ok(&("0".repeat(40) + "1.5"), 2), "1.5");
        assert_eq!(ok("000.25", 2), "0.25");
    }

    #[test]
    fn refuses_everything_else() {
        use DecimalTextError::*;
        for bad in [
            "", ".5", "5.", "1e5", "+1", " 1", "1 ", "1,000", "abc", "1.2.3", "--1", "٣",
        ] {
            assert_eq!(parse_decimal_text(bad, 6), Err(Malformed), "{bad:?}");
        }
        assert_eq!(parse_decimal_text("-1", 2), Err(Negative));
        assert_eq!(parse_decimal_text("-0", 2), Err(Signed));
        assert_eq!(parse_decimal_text("-0.00", 2), Err(Signed));
        assert_eq!(parse_decimal_text("1.234", 2), Err(TooManyDecimals(2)));
        assert_eq!(parse_decimal_text("1000000000000000.01", 2), Err(TooLarge));
        assert_eq!(parse_decimal_text(&"9".repeat(400), 2), Err(TooLarge));
    }
}
