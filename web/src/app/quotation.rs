//! The printable quotation (报价单): every text the printed document shows,
//! computed from a quote as plain, translated strings. Pure, with native
//! tests; `components/quotation.rs` only lays it out for A4.
//!
//! The quotation restates the quote; it computes no price. The only
//! figures it derives are for reading: each step's discount as a
//! percentage of the price before it, and the payable in Chinese capitals
//! (大写金额, [`chinese_capital`]), which both languages' documents show.

use crate::app::format::{money, percent, unit};
use crate::app::i18n::{decision, fill, step_kind, Key, Lang};
use crate::engine::money::capital::chinese_capital;
use crate::engine::money::RoundingMode;
use crate::engine::pricing::{Step, StepKind};
use crate::engine::quote::{Quote, QuoteLine};
use crate::engine::{Account, PreparedPolicy};
use rust_decimal::Decimal;

/// Punctuation between a label and its value, and between items of one
/// line: (zh, en). Not words, so not `Key`s.
const COLON: (&str, &str) = ("：", ": ");
const SEPARATOR: (&str, &str) = ("；", "; ");
/// The CSV file's name starts with this: (zh, en).
const CSV_STEM: (&str, &str) = ("报价单", "quotation");

/// A label and its value (`报价单号` / `QT-20261120-7F3A9C21`).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: String,
    pub value: String,
}

fn field(lang: Lang, key: Key, value: impl Into<String>) -> Field {
    Field {
        label: lang.t(key).to_string(),
        value: value.into(),
    }
}

/// One party: the vendor (供方) or the partner who buys (需方).
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub heading: String,
    pub fields: Vec<Field>,
}

/// One printed line of the order.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotationLine {
    /// 1, 2, 3 … down the document (a free line has its own number).
    pub no: String,
    pub sku: String,
    pub name: String,
    pub qty: String,
    pub unit: String,
    pub list_price: String,
    pub net_unit_price: String,
    pub net_amount: String,
    /// The free-line marker (`赠品` / `Free`), on a free line only.
    pub free: Option<String>,
    /// Every step of the line's waterfall in one line:
    /// `等级折扣 35 %；批量折扣 5 %`.
    pub discounts: String,
}

/// A total of the quote; `strong` for the payable.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalRow {
    pub label: String,
    pub value: String,
    pub strong: bool,
}

/// The payable in Chinese capitals, or why it cannot be written.
#[derive(Clone, Debug, PartialEq)]
pub struct InWords {
    pub label: String,
    pub value: String,
    /// `false` when `value` says why there are no capitals.
    pub ok: bool,
}

/// A titled list of one-line texts (rebates, credit).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub heading: String,
    pub lines: Vec<String>,
}

/// One signature and stamp box.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// `供方（签字盖章）`.
    pub party: String,
    /// `日期`.
    pub date: String,
}

/// Everything the printed quotation shows, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Quotation {
    /// For the document's `lang` attribute (fonts, hyphenation).
    pub lang: Lang,
    /// Between a label and its value: `：` or `: `.
    pub colon: &'static str,
    pub title: String,
    /// The quote number alone (for the CSV file's name).
    pub number: String,
    /// Quote number and date.
    pub meta: Vec<Field>,
    /// `有效期至 2026-11-26`.
    pub validity: String,
    pub vendor: Party,
    pub partner: Party,
    /// The column headings of the lines table, in order.
    pub columns: Vec<String>,
    /// The heading of each line's discount row (`折扣说明`).
    pub discounts_label: String,
    pub lines: Vec<QuotationLine>,
    pub totals: Vec<TotalRow>,
    pub in_words: InWords,
    pub rebates: Summary,
    pub credit: Summary,
    pub signatures: Vec<Signature>,
    /// The note under the document.
    pub footer: String,
    /// The text that ends the document (the fallback where a browser does
    /// not print page numbers in the page margin).
    pub end: String,
}

/// The quote number of a request (REQUEST.md R2: `request_id` is 1–64
/// characters of `[A-Za-z0-9._-]`).
///
/// The rule: `QT-` followed by the request id, upper-cased, without the
/// app's `cq` prefix and the separator after it, and without separators
/// (`-`, `.`, `_`) at either end:
///
/// * `cq-20261120-7f3a9c21` → `QT-20261120-7F3A9C21`
/// * `cq-2026-11-20-7f3a9c21` → `QT-2026-11-20-7F3A9C21`
/// * `order.42` → `QT-ORDER.42`, `CQ_abc` → `QT-ABC`
///
/// Letters are compared without case (request ids the app makes are lower
/// case), so the number reads the same aloud and on paper. When nothing
/// would remain (`cq-`, `--`), the whole id is kept (`QT-CQ-`, `QT---`).
/// Out of the grammar, which the caller is meant to rule out, any other
/// character becomes `-`, only the first 64 are used, and an empty id is
/// `QT-DRAFT`: the result is always `QT-` and 1–64 characters of
/// `[A-Z0-9._-]`, safe in a file name.
pub fn quote_number(request_id: &str) -> String {
    let id: String = request_id
        .chars()
        .take(64)
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '_' | '-' => c.to_ascii_uppercase(),
            _ => '-',
        })
        .collect();
    if id.is_empty() {
        return "QT-DRAFT".to_string();
    }
    let separators: &[char] = &['-', '.', '_'];
    let body = id
        .strip_prefix("CQ")
        .filter(|rest| rest.starts_with(separators))
        .unwrap_or(&id)
        .trim_matches(separators);
    format!("QT-{}", if body.is_empty() { &id } else { body })
}

/// `报价单-QT-20261120-7F3A9C21.csv` / `quotation-QT-….csv`.
pub fn csv_file_name(number: &str, lang: Lang) -> String {
    format!("{}-{number}.csv", lang.pick(CSV_STEM.0, CSV_STEM.1))
}

/// The quotation of `quote`, made under `policy` for `account`, dated
/// `order_date`, numbered from `request_id` ([`quote_number`]), in `lang`.
pub fn quotation(
    quote: &Quote,
    policy: &PreparedPolicy,
    account: &Account,
    order_date: &str,
    request_id: &str,
    lang: Lang,
) -> Quotation {
    let en = lang.is_en();
    let c = quote.currency.as_str();
    let colon = lang.pick(COLON.0, COLON.1);
    let sep = lang.pick(SEPARATOR.0, SEPARATOR.1);
    let number = quote_number(request_id);
    let valid_until = quote.valid_until.to_string();
    let validity = fill(Key::QuotationValidUntil, lang, &[("date", &valid_until)]);
    let policy_name = policy.policy.name.get(en).to_string();

    let level_name = |id: &str| {
        policy
            .level(id)
            .map_or(id.to_string(), |l| l.name.get(en).to_string())
    };
    // The level the prices are at; a simulated one says so.
    let level = if quote.partner.level == account.level.as_str() {
        level_name(&quote.partner.level)
    } else {
        fill(
            Key::QuotationSimulatedLevel,
            lang,
            &[
                ("level", &level_name(&quote.partner.level)),
                ("actual", &level_name(account.level.as_str())),
            ],
        )
    };
    let hash: String = quote.policy.hash.chars().take(12).collect();

    let lines: Vec<QuotationLine> = quote
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let product = policy.product(&l.sku);
            QuotationLine {
                no: (i + 1).to_string(),
                sku: l.sku.clone(),
                name: product.map_or(String::new(), |p| p.name.get(en).to_string()),
                qty: l.qty.to_string(),
                unit: product.map_or(String::new(), |p| p.unit.get(en).to_string()),
                list_price: unit(l.list_price, c),
                net_unit_price: unit(l.net_unit_price, c),
                net_amount: money(l.net_amount, c),
                free: l.free.then(|| lang.t(Key::Free).to_string()),
                discounts: discounts(l, policy, lang),
            }
        })
        .collect();

    let t = &quote.totals;
    let total = |key: Key, value: Decimal, strong: bool| TotalRow {
        label: lang.t(key).to_string(),
        value: money(value, c),
        strong,
    };
    let mut totals = vec![
        total(Key::ListAmount, t.list_amount, false),
        total(Key::DiscountAmount, t.discount_amount, false),
    ];
    // SPEC-v2: what of the discount the order promotions gave, and the
    // payment option's adjustment, each shown when there is one.
    if let Some(v2) = &t.v2 {
        if !v2.order_promotion_discount.is_zero() {
            totals.push(total(
                Key::QuotationOrderPromotions,
                v2.order_promotion_discount,
                false,
            ));
        }
        if !v2.payment_adjustment.is_zero() {
            totals.push(total(
                Key::QuotationPaymentAdjustment,
                v2.payment_adjustment,
                false,
            ));
        }
    }
    if let Some(pay) = quote.v2.as_ref().and_then(|v| v.payment.as_ref()) {
        let name = policy
            .policy
            .payment_option(&pay.option)
            .map_or(pay.option.clone(), |o| o.name.get(lang.is_en()).to_string());
        totals.push(TotalRow {
            label: lang.t(Key::PaymentOption).to_string(),
            value: format!("{name} · {} {}", lang.t(Key::DueDate), pay.due_date),
            strong: false,
        });
    }
    totals.extend([
        total(Key::NetTotal, t.net_amount, false),
        total(Key::TaxTotal, t.tax_amount, false),
        total(Key::GrossTotal, t.gross_amount, false),
        total(Key::RebateCreditUsed, t.rebate_credit_used, false),
        total(Key::Payable, t.payable, true),
    ]);

    // Capitals name yuan, jiao and fen: only a CNY amount has them.
    let (words, ok) = if c != "CNY" {
        (lang.t(Key::QuotationCapitalsCnyOnly).to_string(), false)
    } else {
        match chinese_capital(t.payable) {
            Ok(text) => (text, true),
            Err(e) => (lang.pick(e.zh(), e.en()).to_string(), false),
        }
    };
    let in_words = InWords {
        label: lang.t(Key::QuotationAmountInWords).to_string(),
        value: words,
        ok,
    };

    let rebate_lines = if quote.rebates.is_empty() {
        vec![lang.t(Key::NoRebates).to_string()]
    } else {
        quote
            .rebates
            .iter()
            .map(|r| {
                let parts = [
                    format!(
                        "{} {} → {}",
                        lang.t(Key::Attainment),
                        percent(r.attainment_before),
                        percent(r.attainment_after)
                    ),
                    format!("{} {}", lang.t(Key::RebateAfter), money(r.after, c)),
                    format!("{} {}", lang.t(Key::Impact), money(r.impact, c)),
                ];
                format!(
                    "{} ({}){colon}{}",
                    r.name.get(en),
                    r.program,
                    parts.join(sep)
                )
            })
            .collect()
    };

    let cr = &quote.credit;
    // Under the heading 信用检查: the decision, then any prepayment.
    let mut credit_line = lang.t(decision(cr.decision)).to_string();
    if cr.required_prepayment > Decimal::ZERO {
        credit_line.push_str(sep);
        credit_line.push_str(&format!(
            "{} {}",
            lang.t(Key::RequiredPrepayment),
            money(cr.required_prepayment, c)
        ));
    }
    let mut credit_lines = vec![credit_line];
    credit_lines.extend(
        cr.reasons
            .iter()
            .map(|r| lang.pick(&r.zh, &r.en).to_string()),
    );

    let footer = fill(
        Key::QuotationFooter,
        lang,
        &[
            ("policy", &policy_name),
            ("version", &quote.policy.version),
            ("date", &valid_until),
        ],
    );
    let end = fill(
        Key::QuotationEnd,
        lang,
        &[("number", &number), ("count", &lines.len().to_string())],
    );

    Quotation {
        lang,
        colon,
        title: lang.t(Key::QuotationTitle).to_string(),
        meta: vec![
            field(lang, Key::QuotationNumber, number.clone()),
            field(lang, Key::QuotationDate, order_date),
        ],
        number,
        validity,
        vendor: Party {
            heading: lang.t(Key::QuotationVendor).to_string(),
            fields: vec![
                field(lang, Key::Policy, policy_name),
                field(lang, Key::QuotationPolicyId, quote.policy.id.clone()),
                field(lang, Key::Version, quote.policy.version.clone()),
                field(lang, Key::Hash, hash),
            ],
        },
        partner: Party {
            heading: lang.t(Key::QuotationBuyer).to_string(),
            fields: vec![
                field(lang, Key::QuotationPartnerName, account.name.clone()),
                field(lang, Key::QuotationPartnerId, quote.partner.id.clone()),
                field(lang, Key::Level, level),
            ],
        },
        columns: [
            Key::QuotationNo,
            Key::Sku,
            Key::Product,
            Key::Qty,
            Key::QuotationUnit,
            Key::ListPrice,
            Key::NetUnit,
            Key::NetAmount,
        ]
        .iter()
        .map(|k| lang.t(*k).to_string())
        .collect(),
        discounts_label: lang.t(Key::QuotationDiscounts).to_string(),
        lines,
        totals,
        in_words,
        rebates: Summary {
            heading: lang.t(Key::Rebates).to_string(),
            lines: rebate_lines,
        },
        credit: Summary {
            heading: lang.t(Key::Credit).to_string(),
            lines: credit_lines,
        },
        signatures: [Key::QuotationSignVendor, Key::QuotationSignBuyer]
            .iter()
            .map(|k| Signature {
                party: lang.t(*k).to_string(),
                date: lang.t(Key::QuotationSignDate).to_string(),
            })
            .collect(),
        footer,
        end,
    }
}

/// The line's waterfall in one line, each step by the name the on-screen
/// waterfall gives its kind (`等级折扣`, `批量折扣` …) and its discount as a
/// percentage of the price before it: `等级折扣 35 %；批量折扣 5 %`.
fn discounts(l: &QuoteLine, policy: &PreparedPolicy, lang: Lang) -> String {
    if l.steps.is_empty() {
        return lang.t(Key::QuotationNoDiscount).to_string();
    }
    let mut before = l.list_price;
    let texts: Vec<String> = l
        .steps
        .iter()
        .map(|s| {
            let text = step_text(s, before, policy, lang);
            before = s.unit_price_after;
            text
        })
        .collect();
    texts.join(lang.pick(SEPARATOR.0, SEPARATOR.1))
}

fn step_text(s: &Step, before: Decimal, policy: &PreparedPolicy, lang: Lang) -> String {
    let en = lang.is_en();
    let mut text = lang.t(step_kind(s.kind)).to_string();
    // The level is in the partner block and a volume break's id means
    // nothing on paper; the others say which promotion, registration or
    // approval it was.
    let rule = match s.kind {
        StepKind::Level | StepKind::Volume | StepKind::OrderDiscount | StepKind::Floor => None,
        StepKind::Promotion | StepKind::FreeGoods => Some(
            policy
                .policy
                .promotions
                .iter()
                .find(|p| p.id.as_str() == &*s.rule)
                .map_or(s.rule.to_string(), |p| p.name.get(en).to_string()),
        ),
        StepKind::DealRegistration | StepKind::SpecialPrice => Some(s.rule.to_string()),
        StepKind::OrderPromotion | StepKind::OrderGift => Some(
            policy
                .policy
                .order_promotions()
                .iter()
                .find(|p| p.id.as_str() == &*s.rule)
                .map_or(s.rule.to_string(), |p| p.name.get(en).to_string()),
        ),
        StepKind::PaymentTerms => Some(
            policy
                .policy
                .payment_option(&s.rule)
                .map_or(s.rule.to_string(), |o| o.name.get(en).to_string()),
        ),
    };
    if let Some(rule) = rule {
        text.push(' ');
        text.push_str(&rule);
    }
    let after = s.unit_price_after;
    let change = before
        .checked_sub(after)
        .and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED))
        .and_then(|d| d.checked_div(before));
    match change {
        // A floor raises the price: "最低限价 上调 3 %".
        Some(p) if p < Decimal::ZERO => {
            text.push(' ');
            text.push_str(lang.t(Key::Raised));
            text.push(' ');
            text.push_str(&share(-p));
        }
        Some(p) => {
            text.push(' ');
            text.push_str(&share(p));
        }
        // No price before (a zero list price): the amount instead.
        None => {
            text.push(' ');
            text.push_str(&format!("→ {}", unit(after, "")));
        }
    }
    text
}

/// A percentage to 2 places without trailing zeros: `35 %`, `4.17 %`.
fn share(pct: Decimal) -> String {
    format!("{} %", RoundingMode::HalfUp.money(pct).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::test_support::spec;
    use crate::engine::{quote, Order};

    fn quoted(account: &str, order: &str) -> (PreparedPolicy, Account, Quote) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = Account::from_json_bytes(&spec(account)).unwrap();
        let order = Order::from_json_bytes(&spec(order)).unwrap();
        let q = quote(&policy, &account, &order).unwrap();
        (policy, account, q)
    }

    const ID: &str = "cq-20261120-7f3a9c21";

    #[test]
    fn a_v2_quotation_shows_the_order_promotion_and_the_payment() {
        // SPEC-v2 example 1 with PREPAY: 满减 1000.00, then −0.5 % on both lines.
        let policy = PreparedPolicy::from_json_bytes(&spec("policy-v2.json")).unwrap();
        let account = Account::from_json_bytes(&spec("accounts/gold.json")).unwrap();
        let mut order = Order::from_json_bytes(&spec("orders/v2-01-mj-allocation.json")).unwrap();
        order.payment = Some(crate::engine::documents::payment::PaymentChoice {
            option: crate::engine::documents::Id::new("PREPAY").unwrap(),
            expected_days: None,
        });
        let q = quote(&policy, &account, &order).unwrap();
        let zh = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::Zh);
        let row = |label: &str| {
            zh.totals
                .iter()
                .find(|r| r.label == label)
                .map(|r| r.value.clone())
                .unwrap_or_else(|| panic!("no {label} row"))
        };
        assert_eq!(row("其中：满减/满折优惠"), "¥1,000.00");
        assert_eq!(row("付款方式调整"), "-¥139.69");
        assert!(
            row("付款方式").contains("2026-11-20"),
            "{}",
            row("付款方式")
        );
        assert!(
            zh.lines[0].discounts.contains("满减/满折"),
            "{}",
            zh.lines[0].discounts
        );
        assert!(
            zh.lines[0].discounts.contains("付款方式调整"),
            "{}",
            zh.lines[0].discounts
        );
        assert_eq!(zh.totals.iter().filter(|r| r.strong).count(), 1);
    }

    #[test]
    fn the_quote_number_comes_from_the_request_id() {
        let cases = [
            ("cq-20261120-7f3a9c21", "QT-20261120-7F3A9C21"),
            ("cq-2026-11-20-7f3a9c21", "QT-2026-11-20-7F3A9C21"),
            ("cq-20261120-draft", "QT-20261120-DRAFT"),
            ("CQ_abc", "QT-ABC"),
            ("cq.x", "QT-X"),
            ("order.42", "QT-ORDER.42"),
            ("cqx-1", "QT-CQX-1"),
            ("cq", "QT-CQ"),
            ("cq-", "QT-CQ-"),
            ("--", "QT---"),
            ("-a_", "QT-A"),
            ("a", "QT-A"),
            ("", "QT-DRAFT"),
            ("cq-中文 id", "QT-ID"),
            ("a b", "QT-A-B"),
        ];
        for (id, want) in cases {
            assert_eq!(quote_number(id), want, "{id:?}");
        }
        // Any id of the grammar: QT- and 1–64 characters safe in a file name.
        let long = "x".repeat(64);
        for id in [long.as_str(), "._-", "Z", "cq-A.b_C-9"] {
            let n = quote_number(id);
            let body = n.strip_prefix("QT-").unwrap();
            assert!((1..=64).contains(&body.len()), "{id}: {n}");
            assert!(
                body.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"._-".contains(&b)),
                "{id}: {n}"
            );
        }
        assert_eq!(quote_number(&"a".repeat(100)).len(), 3 + 64);
        assert_eq!(csv_file_name("QT-1", Lang::Zh), "报价单-QT-1.csv");
        assert_eq!(csv_file_name("QT-1", Lang::En), "quotation-QT-1.csv");
    }

    #[test]
    fn a_spec_quote_in_both_languages() {
        let (policy, account, q) = quoted("accounts/gold.json", "orders/ex13-margin.json");
        assert_eq!(q.totals.payable.to_string(), "15071.94");
        let zh = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::Zh);
        assert_eq!(zh.title, "报价单");
        assert_eq!(zh.number, "QT-20261120-7F3A9C21");
        assert_eq!(zh.validity, "有效期至 2026-11-26");
        assert_eq!(zh.meta[0].value, "QT-20261120-7F3A9C21");
        assert_eq!(zh.meta[1].value, "2026-11-20");
        assert_eq!(zh.in_words.label, "大写金额");
        assert_eq!(zh.in_words.value, "壹万伍仟零柒拾壹元玖角肆分");
        assert!(zh.in_words.ok);
        assert_eq!(zh.vendor.heading, "供方");
        assert_eq!(zh.partner.heading, "需方");
        assert_eq!(zh.vendor.fields[3].value, &q.policy.hash[..12]);
        assert_eq!(zh.partner.fields[2].value, "金牌");
        assert_eq!(zh.lines.len(), 1);
        assert_eq!(zh.lines[0].discounts, "等级折扣 35 %；批量折扣 5 %");
        assert_eq!(
            zh.lines[0].unit,
            policy.product("ERP-USER").unwrap().unit.zh
        );
        assert_eq!(zh.credit.lines[0], "通过");
        assert_eq!(zh.signatures[0].party, "供方（签字盖章）");

        let en = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::En);
        assert_eq!(en.title, "Quotation");
        assert_eq!(en.validity, "Valid until 2026-11-26");
        assert_eq!(en.in_words.label, "Amount in words (Chinese capitals)");
        assert_eq!(en.in_words.value, "壹万伍仟零柒拾壹元玖角肆分");
        assert_eq!(
            en.lines[0].discounts,
            "Level discount 35 %; Volume discount 5 %"
        );
        assert_eq!(en.credit.lines[0], "Approved");
        assert_eq!(en.number, zh.number);
        assert_eq!(en.columns.len(), zh.columns.len());
        for doc in [&zh, &en] {
            for text in doc.columns.iter().chain([&doc.footer, &doc.end]) {
                assert!(!text.contains('{'), "unfilled: {text}");
            }
            assert!(doc.end.contains(&doc.number), "{}", doc.end);
        }
    }

    #[test]
    fn one_line_each_with_one_discount_text_and_the_quotes_totals() {
        let (policy, account, q) = quoted(
            "accounts/silver.json",
            "orders/ex02-graduated-free-order-discount.json",
        );
        for lang in [Lang::Zh, Lang::En] {
            let doc = quotation(&q, &policy, &account, "2026-11-20", ID, lang);
            assert_eq!(doc.lines.len(), q.lines.len());
            for (i, (shown, line)) in doc.lines.iter().zip(&q.lines).enumerate() {
                assert_eq!(shown.no, (i + 1).to_string());
                assert_eq!(shown.sku, line.sku);
                assert_eq!(shown.net_amount, money(line.net_amount, "CNY"));
                assert_eq!(shown.free.is_some(), line.free);
                assert!(
                    !shown.discounts.contains('\n'),
                    "one line: {}",
                    shown.discounts
                );
                let sep = lang.pick("；", "; ");
                assert_eq!(
                    shown.discounts.split(sep).count(),
                    line.steps.len().max(1),
                    "{}",
                    shown.discounts
                );
                for s in &line.steps {
                    assert!(
                        shown.discounts.contains(lang.t(step_kind(s.kind))),
                        "{}",
                        shown.discounts
                    );
                }
            }
            let t = &q.totals;
            let want: Vec<String> = [
                t.list_amount,
                t.discount_amount,
                t.net_amount,
                t.tax_amount,
                t.gross_amount,
                t.rebate_credit_used,
                t.payable,
            ]
            .iter()
            .map(|v| money(*v, "CNY"))
            .collect();
            let shown: Vec<String> = doc.totals.iter().map(|r| r.value.clone()).collect();
            assert_eq!(shown, want);
            assert_eq!(doc.totals.iter().filter(|r| r.strong).count(), 1);
            assert_eq!(doc.totals[6].label, lang.t(Key::Payable));
            // 269,320.81
            assert_eq!(doc.in_words.value, "贰拾陆万玖仟叁佰贰拾元零捌角壹分");
        }
        let zh = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::Zh);
        assert_eq!(
            zh.lines[0].discounts,
            "等级折扣 12 %；批量折扣 4 %；整单折扣 2 %"
        );
        assert!(
            zh.lines[1].discounts.starts_with("赠品促销 "),
            "{}",
            zh.lines[1].discounts
        );
        assert!(
            zh.lines[1].discounts.ends_with(" 100 %"),
            "{}",
            zh.lines[1].discounts
        );
        assert_eq!(zh.lines[1].free.as_deref(), Some("赠品"));
    }

    #[test]
    fn rebates_credit_and_a_payable_without_capitals() {
        let (policy, account, q) = quoted("accounts/gold-rebate.json", "orders/ex06-rebates.json");
        let doc = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::Zh);
        assert_eq!(doc.rebates.lines.len(), q.rebates.len());
        for (text, r) in doc.rebates.lines.iter().zip(&q.rebates) {
            assert!(text.contains(&money(r.impact, "CNY")), "{text}");
            assert!(text.contains(&r.program), "{text}");
        }

        let (policy, account, q) =
            quoted("accounts/credit-tight.json", "orders/ex10-credit-130k.json");
        let doc = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::En);
        assert!(
            doc.credit.lines[0].starts_with("Prepayment required; Required prepayment ¥"),
            "{:?}",
            doc.credit.lines
        );
        assert_eq!(doc.credit.lines.len(), 1 + q.credit.reasons.len());

        // A payable capitals cannot write shows why, never panics.
        let mut odd = q.clone();
        odd.totals.payable = Decimal::new(-1, 2);
        let doc = quotation(&odd, &policy, &account, "2026-11-20", ID, Lang::En);
        assert!(!doc.in_words.ok);
        assert_eq!(
            doc.in_words.value,
            "a capital-numeral amount cannot be negative"
        );
        let doc = quotation(&odd, &policy, &account, "2026-11-20", ID, Lang::Zh);
        assert_eq!(doc.in_words.value, "大写金额不能为负数");
        odd.currency = "USD".to_string();
        odd.totals.payable = Decimal::ONE;
        let doc = quotation(&odd, &policy, &account, "2026-11-20", ID, Lang::En);
        assert!(!doc.in_words.ok);
        assert_eq!(
            doc.in_words.value,
            Lang::En.t(Key::QuotationCapitalsCnyOnly)
        );
    }

    #[test]
    fn a_simulated_level_says_so() {
        let (policy, account, mut q) = quoted("accounts/gold.json", "orders/ex13-margin.json");
        q.partner.level = "silver".to_string();
        let doc = quotation(&q, &policy, &account, "2026-11-20", ID, Lang::Zh);
        assert_eq!(
            doc.partner.fields[2].value,
            "银牌（模拟等级；实际等级：金牌）"
        );
    }
}
