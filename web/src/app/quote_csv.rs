//! The quote as a CSV file for a spreadsheet: one row per quoted line,
//! then the totals. Written for Excel and WPS as much as for programs:
//!
//! * a UTF-8 byte order mark first, or Excel reads the Chinese as mojibake;
//! * CRLF line ends and RFC 4180 quoting (a field holding a comma, a quote,
//!   CR or LF is quoted, its quotes doubled);
//! * amounts exactly as the engine printed them (money 2 places, unit
//!   prices 4), with no currency symbol and no thousands separators, so
//!   the spreadsheet reads numbers; the currency is a row of its own;
//! * formula injection neutralised: a text cell starting with `=`, `+`,
//!   `-`, `@`, a tab or CR (a product name from a policy file, say) gets a
//!   leading apostrophe, so opening the file never runs a formula; a
//!   plain number such as `-12.50` is left a number.

use crate::app::i18n::{step_kind, Key, Lang};
use crate::engine::documents::policy::Product;
use crate::engine::pricing::{Step, StepKind};
use crate::engine::quote::{Quote, QuoteLine};
use crate::engine::Policy;

/// Words this file needs that the screen does not show: (zh, en).
const LINE_NO: (&str, &str) = ("行号", "Line");
const UNIT: (&str, &str) = ("单位", "Unit");
const DISCOUNTS: (&str, &str) = ("折扣说明", "Discounts");
const CURRENCY: (&str, &str) = ("币种", "Currency");
const YES: (&str, &str) = ("是", "yes");
const NO: (&str, &str) = ("否", "no");

/// The quote as CSV text (BOM first, CRLF line ends). Product names,
/// units and rule names come from `policy`, in `lang`; a SKU the policy
/// does not know gets empty name and unit rather than an error.
pub fn quote_csv(quote: &Quote, policy: &Policy, lang: Lang) -> String {
    let mut out = String::from("\u{FEFF}");
    let pair = |(zh, en): (&'static str, &'static str)| lang.pick(zh, en);
    record(
        &mut out,
        &[
            pair(LINE_NO),
            lang.t(Key::Sku),
            lang.t(Key::Product),
            lang.t(Key::Qty),
            pair(UNIT),
            lang.t(Key::ListPrice),
            lang.t(Key::NetUnit),
            lang.t(Key::NetAmount),
            lang.t(Key::Tax),
            lang.t(Key::Gross),
            lang.t(Key::Free),
            pair(DISCOUNTS),
        ],
    );
    for line in &quote.lines {
        let product = policy.products.iter().find(|p| p.sku.as_str() == line.sku);
        let text = |f: fn(&Product) -> &crate::engine::documents::Localized| {
            product.map_or(String::new(), |p| f(p).get(lang.is_en()).to_string())
        };
        let cells = [
            line.order_line
                .map_or(String::new(), |i| (i + 1).to_string()),
            line.sku.clone(),
            text(|p| &p.name),
            line.qty.to_string(),
            text(|p| &p.unit),
            line.list_price.to_string(),
            line.net_unit_price.to_string(),
            line.net_amount.to_string(),
            line.tax_amount.to_string(),
            line.gross_amount.to_string(),
            pair(if line.free { YES } else { NO }).to_string(),
            discounts(line, policy, lang),
        ];
        record(&mut out, &cells);
    }
    out.push_str("\r\n");
    let t = &quote.totals;
    let totals = [
        (lang.t(Key::ListAmount), t.list_amount.to_string()),
        (lang.t(Key::DiscountAmount), t.discount_amount.to_string()),
        (lang.t(Key::NetTotal), t.net_amount.to_string()),
        (lang.t(Key::TaxTotal), t.tax_amount.to_string()),
        (lang.t(Key::GrossTotal), t.gross_amount.to_string()),
        (
            lang.t(Key::RebateCreditUsed),
            t.rebate_credit_used.to_string(),
        ),
        (lang.t(Key::Payable), t.payable.to_string()),
        (pair(CURRENCY), quote.currency.clone()),
    ];
    for (label, value) in &totals {
        record(&mut out, &[*label, value.as_str()]);
    }
    out
}

/// Every step of the line's waterfall in words, joined with `"; "`:
/// `等级折扣 银牌 (silver) → 1530.0000，节省 270.00`.
fn discounts(line: &QuoteLine, policy: &Policy, lang: Lang) -> String {
    line.steps
        .iter()
        .map(|s| step_text(s, policy, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

fn step_text(s: &Step, policy: &Policy, lang: Lang) -> String {
    let saved = s.saved();
    // A floor raises the price: the step says so instead of "saved −x".
    let (label, amount) = if saved.is_sign_negative() && !saved.is_zero() {
        (Key::Raised, -saved)
    } else {
        (Key::Saved, saved)
    };
    format!(
        "{} {} → {}{}{} {}",
        lang.t(step_kind(s.kind)),
        rule_name(policy, lang, s.kind, &s.rule),
        s.unit_price_after,
        lang.t(Key::ListSeparator),
        lang.t(label),
        amount
    )
}

/// A level's or promotion's name with its id, as the on-screen waterfall
/// shows it; other rules by their id (registration, approval code, SKU).
fn rule_name(policy: &Policy, lang: Lang, kind: StepKind, rule: &str) -> String {
    let en = lang.is_en();
    match kind {
        StepKind::Level => policy
            .levels
            .iter()
            .find(|l| l.id.as_str() == rule)
            .map(|l| l.name.get(en).to_string()),
        StepKind::Promotion | StepKind::FreeGoods => policy
            .promotions
            .iter()
            .find(|p| p.id.as_str() == rule)
            .map(|p| p.name.get(en).to_string()),
        _ => None,
    }
    .map_or(rule.to_string(), |name| format!("{name} ({rule})"))
}

/// Appends one CSV record and its CRLF.
fn record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, cell.as_ref());
    }
    out.push_str("\r\n");
}

/// One field: neutralised against formulas, then quoted per RFC 4180.
fn push_field(out: &mut String, text: &str) {
    let guarded = starts_like_formula(text) && !is_plain_number(text);
    let needs_quotes = text.contains([',', '"', '\r', '\n']);
    if needs_quotes {
        out.push('"');
    }
    if guarded {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if needs_quotes {
        out.push('"');
    }
}

/// What a spreadsheet would run as a formula (OWASP's list).
fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `12`, `-12.50`: what the engine prints for an amount, and what a
/// spreadsheet reads as a number and never as a formula.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::spec;
    use crate::engine::pricing::index::PreparedPolicy;
    use crate::engine::{quote, Account, Order};

    fn quoted(account: &str, order: &str) -> (PreparedPolicy, Quote) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = Account::from_json_bytes(&spec(account)).unwrap();
        let order = Order::from_json_bytes(&spec(order)).unwrap();
        let q = quote(&policy, &account, &order).unwrap();
        (policy, q)
    }

    /// Example 2: graduated volume, a free line and an order discount.
    fn example() -> (PreparedPolicy, Quote) {
        quoted(
            "accounts/silver.json",
            "orders/ex02-graduated-free-order-discount.json",
        )
    }

    /// The records, split on CRLF (the test data has no line break inside
    /// a field), without the BOM and the final empty piece.
    fn records(csv: &str) -> Vec<&str> {
        let body = csv.strip_prefix('\u{FEFF}').expect("BOM first");
        let body = body.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").collect()
    }

    #[test]
    fn starts_with_a_bom_and_the_header_in_either_language() {
        let (p, q) = example();
        let zh = quote_csv(&q, &p.policy, Lang::Zh);
        assert!(zh.starts_with('\u{FEFF}'));
        assert_eq!(
            records(&zh)[0],
            "行号,SKU,产品,数量,单位,目录价,净单价,不含税金额,税额,含税金额,赠品,折扣说明"
        );
        let en = quote_csv(&q, &p.policy, Lang::En);
        assert!(en.starts_with('\u{FEFF}'));
        assert_eq!(
            records(&en)[0],
            "Line,SKU,Product,Qty,Unit,List price,Net unit price,Net amount,Tax,Gross amount,Free,Discounts"
        );
        // No bare LF: every line ends CRLF.
        assert_eq!(zh.matches('\n').count(), zh.matches("\r\n").count());
    }

    #[test]
    fn one_row_per_line_then_a_blank_line_and_the_totals() {
        let (p, q) = example();
        for lang in [Lang::Zh, Lang::En] {
            let csv = quote_csv(&q, &p.policy, lang);
            let rows = records(&csv);
            // Header, the lines, a blank line, 8 totals rows.
            assert_eq!(rows.len(), 1 + q.lines.len() + 1 + 8, "{csv}");
            assert_eq!(rows[1 + q.lines.len()], "");
            let payable = format!("{},{}", lang.t(Key::Payable), q.totals.payable);
            assert!(rows.contains(&payable.as_str()), "{csv}");
            assert_eq!(
                rows.last().copied(),
                Some(lang.pick("币种,CNY", "Currency,CNY"))
            );
        }
    }

    #[test]
    fn lines_carry_names_plain_amounts_and_their_steps() {
        let (p, q) = example();
        assert!(
            q.lines.iter().any(|l| l.free),
            "example 2 earns a free line"
        );
        let csv = quote_csv(&q, &p.policy, Lang::Zh);
        let rows = records(&csv);
        for (line, row) in q.lines.iter().zip(&rows[1..]) {
            let product = p
                .policy
                .products
                .iter()
                .find(|x| x.sku.as_str() == line.sku)
                .unwrap();
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells[0], (line.order_line.unwrap() + 1).to_string());
            assert_eq!(cells[1], line.sku);
            assert_eq!(cells[2], product.name.zh, "the Chinese name survives");
            assert_eq!(cells[4], product.unit.zh);
            // Exactly as the engine printed them: 4 places, then 2.
            assert_eq!(cells[5], line.list_price.to_string());
            assert_eq!(line.list_price.scale(), 4);
            assert_eq!(cells[7], line.net_amount.to_string());
            assert_eq!(line.net_amount.scale(), 2);
            assert_eq!(cells[9], line.gross_amount.to_string());
            assert_eq!(cells[10], if line.free { "是" } else { "否" });
            // Each step explained, joined with "; ".
            assert_eq!(
                cells[11].split("; ").filter(|s| !s.is_empty()).count(),
                line.steps.len()
            );
            for s in &line.steps {
                assert!(cells[11].contains(Lang::Zh.t(step_kind(s.kind))), "{row}");
                assert!(cells[11].contains(&s.unit_price_after.to_string()), "{row}");
            }
        }
        let en = quote_csv(&q, &p.policy, Lang::En);
        assert!(en.contains("Saved"), "{en}");
        assert!(en.contains(",yes,"), "{en}");
    }

    #[test]
    fn commas_quotes_and_formulas_in_names_cannot_break_or_run() {
        let (p, q) = example();
        let mut policy = p.policy.clone();
        let sku = q.lines[0].sku.clone();
        let product = policy
            .products
            .iter_mut()
            .find(|x| x.sku.as_str() == sku)
            .unwrap();
        product.name.zh = "=HYPERLINK(\"http://x\",\"点我\")".to_string();
        product.unit.zh = "套, \"大\"".to_string();
        let csv = quote_csv(&q, &policy, Lang::Zh);
        let row = records(&csv)[1];
        assert!(
            row.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\","),
            "{row}"
        );
        assert!(row.contains(",\"套, \"\"大\"\"\","), "{row}");
    }

    #[test]
    fn fields_are_quoted_and_guarded_but_numbers_stay_numbers() {
        let field = |s: &str| {
            let mut out = String::new();
            push_field(&mut out, s);
            out
        };
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-x"), "'-x");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("\rx"), "\"'\rx\"");
        assert_eq!(field("=a,b"), "\"'=a,b\"");
        // Amounts, negative ones included, stay numbers.
        assert_eq!(field("-12.50"), "-12.50");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("1530.0000"), "1530.0000");
        assert_eq!(field("-1."), "'-1.");
        assert_eq!(field("-"), "'-");
        assert_eq!(field(""), "");
    }

    #[test]
    fn rebate_credit_used_is_exported() {
        let (p, q) = quoted("accounts/gold.json", "orders/ex14-rebate-credit.json");
        assert!(!q.totals.rebate_credit_used.is_zero());
        let csv = quote_csv(&q, &p.policy, Lang::En);
        let row = format!("Rebate credit used,{}", q.totals.rebate_credit_used);
        assert!(records(&csv).contains(&row.as_str()), "{csv}");
    }
}
