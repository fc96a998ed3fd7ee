//! Chinese capital numerals (大写金额) for invoices and quotations.
//!
//! The payable on a printed quotation or invoice is written a second time
//! in capitals (壹贰叁 …, not 一二三 or 123) so that it cannot be altered
//! by adding a stroke or a digit: 一 becomes 十 with one stroke, 壹 does not
//! become anything. The conventions follow the rules banks apply to
//! cheques (《支付结算办法》 附件一《正确填写票据和结算凭证的基本规定》) and
//! that VAT invoices (增值税发票, 价税合计（大写）) print:
//!
//! * digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, and the integer part in
//!   groups of four digits: the 元 group, the 万 group, the 亿 group and
//!   the 万亿 group (10^12 is 壹万亿; 1.2 × 10^12 is 壹万贰仟亿, the 亿
//!   said once, as people say 一万二千亿);
//! * 壹拾 is written in full at the head (10 → 壹拾元整, never 拾元整);
//! * consecutive zeros inside the integer part are one 零; a group's
//!   trailing zeros are not written, and a group that is entirely zero
//!   drops its unit (1,0000,0001 → 壹亿零壹元整); a 零 stands between
//!   groups only when the lower group starts with zero and something
//!   nonzero follows (100,001 → 壹拾万零壹元整, 101,000 → 壹拾万壹仟元整);
//! * 元 ends the integer part, then 角 and 分; 整 (not 正) follows 元 when
//!   there is no 角 or 分, and follows 角 when there is no 分; nothing
//!   follows 分;
//! * **零 after 元**: the rules allow writing it or not when the 元 digit
//!   is 0 and 角 is not (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分 or
//!   …元叁角贰分). This module always writes it, the form that leaves no
//!   room for an inserted digit: when the integer part is nonzero, ends in
//!   0 and a 角 follows (10.50 → 壹拾元零伍角整, 1,000,000,000.10 →
//!   壹拾亿元零壹角整); and whenever 角 is 0 but 分 is not, one 零 stands
//!   between 元 and 分 (100.05 → 壹佰元零伍分, 1.05 → 壹元零伍分);
//! * an integer part of 0 is not written when there is a fraction
//!   (0.05 → 伍分, 0.50 → 伍角整); zero itself is 零元整.
//!
//! Refused, never rounded or guessed: negative amounts (a capital amount
//! on a quotation is what is owed; a credit note states its sign in
//! words, so no leading 负 is produced), more than 2 decimal places
//! (round with the policy's rounding mode first), and amounts of 10^16
//! or more (beyond the 万亿 group, the largest this writes).

use rust_decimal::Decimal;

/// Why an amount has no capital form; both languages, like every message
/// the engine gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapitalError {
    /// Below zero: capitals state an amount owed, never a sign.
    Negative,
    /// More than 2 decimal places (分 is the smallest unit written).
    TooManyDecimals,
    /// 10^16 or more: beyond the 万亿 group.
    TooLarge,
}

impl CapitalError {
    pub fn zh(self) -> &'static str {
        match self {
            CapitalError::Negative => "大写金额不能为负数",
            CapitalError::TooManyDecimals => {
                "大写金额最多到分（2 位小数），请先按政策的舍入方式取整"
            }
            CapitalError::TooLarge => "大写金额不能达到或超过 10^16（壹亿亿），万亿是最大的单位",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            CapitalError::Negative => "a capital-numeral amount cannot be negative",
            CapitalError::TooManyDecimals => {
                "a capital-numeral amount goes down to 分 (2 decimal places); round it with the policy's rounding mode first"
            }
            CapitalError::TooLarge => {
                "a capital-numeral amount must be below 10^16: 万亿 is the largest unit"
            }
        }
    }
}

const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
/// The unit of a digit's place within its group of four.
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
/// The unit of each group of four digits, lowest first. The 万亿 group
/// shares the 亿 of the group below when that one is written:
/// 壹万贰仟亿, but 壹万亿 and 壹万亿零壹万.
const GROUPS: [&str; 4] = ["", "万", "亿", "万亿"];
/// Amounts must be below 10^16 元: the 万亿 group ends there.
const LIMIT_YUAN: u64 = 10_000_000_000_000_000;

/// The amount in capitals, as a quotation or invoice prints it:
/// `109489.94` → `壹拾万玖仟肆佰捌拾玖元玖角肆分`.
///
/// The amount must be at least 0, below 10^16 and carry no more than 2
/// decimal places of value (`1.500` is accepted as 1.50; `1.505` is
/// refused, never rounded). See the module documentation for the
/// conventions on 零 and 整.
pub fn chinese_capital(amount: Decimal) -> Result<String, CapitalError> {
    // `-0.00` is zero: only a value below zero is refused.
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(CapitalError::Negative);
    }
    let exact = amount.normalize();
    if exact.scale() > 2 {
        return Err(CapitalError::TooManyDecimals);
    }
    // Checked before the cents are computed, so the arithmetic below stays
    // far from any limit (cents < 10^18 < u64::MAX).
    if exact >= Decimal::from(LIMIT_YUAN) {
        return Err(CapitalError::TooLarge);
    }
    let cents = 10i128
        .checked_pow(2 - exact.scale())
        .and_then(|f| exact.mantissa().checked_mul(f))
        .and_then(|c| u64::try_from(c.unsigned_abs()).ok())
        .ok_or(CapitalError::TooLarge)?;
    Ok(capital_from_cents(cents))
}

/// `cents` is below 10^18 (checked by the caller).
fn capital_from_cents(cents: u64) -> String {
    let yuan = cents / 100;
    let jiao = usize::try_from(cents / 10 % 10).unwrap_or(0);
    let fen = usize::try_from(cents % 10).unwrap_or(0);

    let mut out = integer_part(yuan);
    if yuan == 0 {
        if jiao == 0 && fen == 0 {
            return "零元整".to_string();
        }
    } else {
        out.push('元');
        // One 零 after 元: the 元 digit is 0 and a 角 follows, or 角 is 0
        // and a 分 follows (never twice).
        if (jiao != 0 && yuan.is_multiple_of(10)) || (jiao == 0 && fen != 0) {
            out.push('零');
        }
    }
    if jiao != 0 {
        out.push(DIGITS[jiao]);
        out.push('角');
    }
    if fen != 0 {
        out.push(DIGITS[fen]);
        out.push('分');
    } else {
        out.push('整');
    }
    out
}

/// The integer part without 元; empty for 0.
fn integer_part(yuan: u64) -> String {
    let mut out = String::new();
    // A zero seen since the last digit written, to be written as one 零
    // before the next nonzero digit.
    let mut zero_pending = false;
    for (g, unit) in GROUPS.iter().enumerate().rev() {
        let group = yuan / 10u64.pow(4 * g as u32) % 10_000;
        if group == 0 {
            // A whole group of zeros: no unit, at most one 零 (if
            // something nonzero follows).
            zero_pending = !out.is_empty();
            continue;
        }
        for place in (0..4).rev() {
            let digit = usize::try_from(group / 10u64.pow(place as u32) % 10).unwrap_or(0);
            if digit == 0 {
                // Leading zeros of the amount are not written at all.
                zero_pending = zero_pending || !out.is_empty();
                continue;
            }
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(DIGITS[digit]);
            out.push_str(PLACES[place]);
        }
        // 壹万贰仟亿, not 壹万亿贰仟亿: the 亿 group's unit is said once.
        let below_yi = yuan / 100_000_000 % 10_000;
        out.push_str(if g == 3 && below_yi != 0 { "万" } else { unit });
        // A group's trailing zeros are covered by its unit: 101,000 is
        // 壹拾万壹仟, not 壹拾万零壹仟.
        zero_pending = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(&s.replace(',', "")).unwrap()
    }

    fn cap(s: &str) -> String {
        chinese_capital(d(s)).unwrap_or_else(|e| panic!("{s}: {}", e.en()))
    }

    #[test]
    fn amounts_as_invoices_write_them() {
        let table = [
            ("0.00", "零元整"),
            ("0", "零元整"),
            ("0.01", "壹分"),
            ("0.05", "伍分"),
            ("0.10", "壹角整"),
            ("0.50", "伍角整"),
            ("0.55", "伍角伍分"),
            ("1.00", "壹元整"),
            ("1.05", "壹元零伍分"),
            ("1.50", "壹元伍角整"),
            ("1.55", "壹元伍角伍分"),
            ("10.00", "壹拾元整"),
            ("10.50", "壹拾元零伍角整"),
            ("10.05", "壹拾元零伍分"),
            ("10.55", "壹拾元零伍角伍分"),
            ("11.00", "壹拾壹元整"),
            ("100.05", "壹佰元零伍分"),
            ("101.00", "壹佰零壹元整"),
            ("110.00", "壹佰壹拾元整"),
            ("1,001.00", "壹仟零壹元整"),
            ("1,010.10", "壹仟零壹拾元零壹角整"),
            ("1,680.32", "壹仟陆佰捌拾元零叁角贰分"),
            ("10,000.00", "壹万元整"),
            ("10,010.00", "壹万零壹拾元整"),
            ("100,000.00", "壹拾万元整"),
            ("100,001.00", "壹拾万零壹元整"),
            ("100,010.00", "壹拾万零壹拾元整"),
            ("101,000.00", "壹拾万壹仟元整"),
            ("107,000.53", "壹拾万柒仟元零伍角叁分"),
            ("109,489.94", "壹拾万玖仟肆佰捌拾玖元玖角肆分"),
            ("1,000,000.00", "壹佰万元整"),
            ("1,000,100.00", "壹佰万零壹佰元整"),
            ("10,000,001.00", "壹仟万零壹元整"),
            ("20,000,000.02", "贰仟万元零贰分"),
            ("100,000,000.00", "壹亿元整"),
            ("100,000,001.00", "壹亿零壹元整"),
            ("100,010,000.00", "壹亿零壹万元整"),
            ("100,001,000.00", "壹亿零壹仟元整"),
            ("1,000,000,000.10", "壹拾亿元零壹角整"),
            ("1,000,000,000.01", "壹拾亿元零壹分"),
            ("1,000,000,000,000.00", "壹万亿元整"),
            ("1,200,000,000,000.00", "壹万贰仟亿元整"),
            ("10,000,000,000,000.00", "壹拾万亿元整"),
            ("1,000,000,010,000.00", "壹万亿零壹万元整"),
            ("1,0100,0000,0000.00", "壹万零壹佰亿元整"),
            ("1,0000,0000,0001.00", "壹万亿零壹元整"),
            ("10,0001,0000,0000.00", "壹拾万零壹亿元整"),
            ("1,000,000,000,000,000.00", "壹仟万亿元整"),
            (
                "9,999,999,999,999,999.99",
                "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            ),
            // Zeros in every position, one at a time and together.
            (
                "1010,1010,1010,1010.10",
                "壹仟零壹拾万壹仟零壹拾亿壹仟零壹拾万壹仟零壹拾元零壹角整",
            ),
            (
                "0101,0101,0101,0101.01",
                "壹佰零壹万零壹佰零壹亿零壹佰零壹万零壹佰零壹元零壹分",
            ),
            (
                "1000,0100,0010,1000.01",
                "壹仟万零壹佰亿零壹拾万壹仟元零壹分",
            ),
            ("2000,0000,0000,0002.00", "贰仟万亿零贰元整"),
            ("1,001,001,001.00", "壹拾亿零壹佰万壹仟零壹元整"),
            (
                "1,234,567,890.12",
                "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元零壹角贰分",
            ),
            ("60,036,000.00", "陆仟零叁万陆仟元整"),
            ("1.500", "壹元伍角整"),
            ("-0.00", "零元整"),
        ];
        assert!(table.len() >= 35);
        for (amount, want) in table {
            assert_eq!(cap(amount), want, "{amount}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_write_exactly() {
        assert_eq!(chinese_capital(d("-0.01")), Err(CapitalError::Negative));
        assert_eq!(chinese_capital(d("-100")), Err(CapitalError::Negative));
        assert_eq!(
            chinese_capital(d("1.005")),
            Err(CapitalError::TooManyDecimals)
        );
        assert_eq!(
            chinese_capital(d("0.001")),
            Err(CapitalError::TooManyDecimals)
        );
        assert_eq!(
            chinese_capital(d("10,000,000,000,000,000.00")),
            Err(CapitalError::TooLarge)
        );
        assert_eq!(chinese_capital(Decimal::MAX), Err(CapitalError::TooLarge));
        assert_eq!(chinese_capital(Decimal::MIN), Err(CapitalError::Negative));
        // The smallest and largest scales rust_decimal carries.
        assert_eq!(
            chinese_capital(Decimal::new(1, 28)),
            Err(CapitalError::TooManyDecimals)
        );
        for e in [
            CapitalError::Negative,
            CapitalError::TooManyDecimals,
            CapitalError::TooLarge,
        ] {
            assert!(!e.zh().is_empty() && !e.en().is_empty());
        }
    }

    /// Reads capitals back to cents: proves the text names the amount.
    fn parse_back(text: &str) -> u64 {
        let (mut total, mut group, mut digit) = (0u64, 0u64, 0u64);
        for c in text.chars() {
            if let Some(n) = DIGITS.iter().position(|&x| x == c) {
                digit = n as u64;
                continue;
            }
            match c {
                '拾' => group += digit * 10,
                '佰' => group += digit * 100,
                '仟' => group += digit * 1000,
                '万' => {
                    total += (group + digit) * 10_000;
                    group = 0;
                }
                // Everything before 亿 is counted in 亿: 壹万贰仟亿.
                '亿' => {
                    total = (total + group + digit) * 100_000_000;
                    group = 0;
                }
                '元' => {
                    total = (total + group + digit) * 100;
                    group = 0;
                }
                '角' => total += digit * 10,
                '分' => total += digit,
                '整' => {}
                other => panic!("unexpected {other} in {text}"),
            }
            digit = 0;
        }
        total
    }

    fn check_shape(text: &str) {
        assert!(!text.contains("零零"), "{text}");
        assert!(!text.ends_with('零'), "{text}");
        assert!(!text.starts_with('零') || text == "零元整", "{text}");
        for unit in [
            "零元", "零万", "零亿", "零角", "零分", "零拾", "零佰", "零仟",
        ] {
            assert!(!text.contains(unit) || text == "零元整", "{text}");
        }
        assert!(!text.starts_with('拾'), "{text}");
        assert_eq!(
            text.ends_with('整'),
            !text.ends_with('分'),
            "整 exactly when there is no 分: {text}"
        );
    }

    #[test]
    fn every_integer_up_to_20000_is_well_formed_and_reads_back() {
        for n in 0..=20_000u64 {
            let text = chinese_capital(Decimal::from(n)).unwrap();
            check_shape(&text);
            assert_eq!(parse_back(&text), n * 100, "{n}: {text}");
        }
    }

    #[test]
    fn every_fraction_and_spread_large_amounts_read_back() {
        let mut amounts: Vec<u64> = Vec::new();
        for yuan in [
            0u64,
            1,
            10,
            100,
            1_000,
            10_000,
            100_000_000,
            1_000_000_000_000,
        ] {
            amounts.extend((0..100).map(|c| yuan * 100 + c));
        }
        // A fixed linear congruential sequence: reproducible, no proptest.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Zero some digits so the zero rules are exercised at scale.
            let mut cents = x % 1_000_000_000_000_000_000;
            let mut mask = x.rotate_left(17);
            let mut p = 1u64;
            while p < 1_000_000_000_000_000_000 {
                if mask & 1 == 1 {
                    cents -= cents / p % 10 * p;
                }
                mask >>= 1;
                p *= 10;
            }
            amounts.push(cents);
        }
        for cents in amounts {
            let amount = Decimal::new(cents as i64, 2);
            let text = chinese_capital(amount).unwrap();
            check_shape(&text);
            assert_eq!(parse_back(&text), cents, "{amount}: {text}");
        }
    }
}
