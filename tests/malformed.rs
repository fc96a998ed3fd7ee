//! Malformed input of every kind gets errors naming document and path,
//! never a panic, and every problem is reported at once.

mod common;

use channel_quote::engine::{Account, Order, PreparedPolicy};
use common::{codes, spec_file};
use proptest::prelude::*;

fn order_problems(text: &str) -> Vec<(String, String)> {
    codes(&Order::from_json_text(text).expect_err("must be refused"))
}

#[test]
fn truncated_documents_at_every_length() {
    for file in [
        "policy.json",
        "accounts/credit-tight.json",
        "orders/ex13-margin.json",
    ] {
        let text = spec_file(file);
        for cut in 0..text.len() {
            if !text.is_char_boundary(cut) {
                continue;
            }
            let part = &text[..cut];
            let refused = match file {
                "policy.json" => PreparedPolicy::from_json_bytes(part.as_bytes()).is_err(),
                f if f.starts_with("accounts") => Account::from_json_text(part).is_err(),
                _ => Order::from_json_text(part).is_err(),
            };
            assert!(refused, "{file} cut at {cut} was accepted");
        }
    }
}

#[test]
fn syntax_errors_name_line_and_column() {
    let p = Order::from_json_text("{\"schema\": \"channel-order/1\",\n  \"date\": }").unwrap_err();
    assert_eq!(p[0].code, "malformed_json");
    assert!(p[0].en.contains("line 2"), "{}", p[0].en);
    assert!(p[0].to_string().starts_with("order: not valid JSON"));
}

#[test]
fn wrong_types_everywhere_are_each_reported() {
    let got = order_problems(
        r#"{"schema":"channel-order/1","date":20261120,"lines":[{"sku":5,"qty":"3","resale_price":1600}],"margin":[]}"#,
    );
    assert_eq!(
        got,
        [
            ("order.date".into(), "wrong_type".into()),
            ("order.lines[0].sku".into(), "wrong_type".into()),
            ("order.lines[0].qty".into(), "wrong_type".into()),
            (
                "order.lines[0].resale_price".into(),
                "number_not_string".into()
            ),
            ("order.margin".into(), "wrong_type".into()),
        ]
    );
}

#[test]
fn huge_and_fractional_numbers() {
    // Beyond f64's range the JSON parser itself refuses the number, so the
    // problem is located by line and column instead of by path.
    let e = Order::from_json_text(
        r#"{"schema":"channel-order/1","date":"2026-11-20","lines":[{"sku":"A","qty":1e400}]}"#,
    )
    .unwrap_err();
    assert!(
        e[0].en.contains("number out of range") && e[0].en.contains("column"),
        "{}",
        e[0].en
    );
    for qty in [
        "1e300",
        "123456789012345678901234567890",
        "1000001",
        "-1",
        "2.5",
        "0",
    ] {
        let text = format!(
            r#"{{"schema":"channel-order/1","date":"2026-11-20","lines":[{{"sku":"A","qty":{qty}}}]}}"#
        );
        let got = order_problems(&text);
        assert_eq!(got.len(), 1, "{qty}: {got:?}");
        assert_eq!(got[0].0, "order.lines[0].qty", "{qty}");
    }
    let text = format!(
        r#"{{"schema":"channel-order/1","date":"2026-11-20","lines":[{{"sku":"A","qty":1,"resale_price":"{}"}}]}}"#,
        "9".repeat(500)
    );
    let got = Order::from_json_text(&text).unwrap_err();
    assert_eq!(got[0].path.to_string(), "lines[0].resale_price");
    assert!(got[0].en.contains("10^15"), "{}", got[0].en);
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!(
        r#"{{"schema":"channel-order/1","date":"2026-11-20","lines":{}1{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    let p = Order::from_json_text(&deep).unwrap_err();
    assert_eq!(p[0].code, "malformed_json");
}

#[test]
fn decimal_strings_are_strict() {
    for (value, code) in [
        ("1e3", "bad_decimal"),
        ("+5", "bad_decimal"),
        ("1.234", "bad_decimal"),
        (" 5", "bad_decimal"),
        ("-1.00", "bad_decimal"),
    ] {
        let text = format!(
            r#"{{"schema":"channel-order/1","date":"2026-11-20","lines":[{{"sku":"A","qty":1}}],"use_rebate_credit":"{value}"}}"#
        );
        assert_eq!(
            order_problems(&text),
            [("order.use_rebate_credit".to_string(), code.to_string())],
            "{value}"
        );
    }
}

#[test]
fn dates_must_be_real() {
    for date in [
        "2026-02-29",
        "2026-13-01",
        "2026-1-1",
        "20261120",
        "2026-11-31",
        "2026-11-20T00:00",
    ] {
        let text = format!(
            r#"{{"schema":"channel-order/1","date":"{date}","lines":[{{"sku":"A","qty":1}}]}}"#
        );
        assert_eq!(
            order_problems(&text),
            [("order.date".to_string(), "bad_date".to_string())],
            "{date}"
        );
    }
    let leap = r#"{"schema":"channel-order/1","date":"2028-02-29","lines":[{"sku":"A","qty":1}]}"#;
    assert!(Order::from_json_text(leap).is_ok());
}

#[test]
fn unknown_and_duplicate_fields_and_schema() {
    let got = order_problems(
        r#"{"schema":"channel-order/3","date":"2026-11-20","date":"2026-11-21","lines":[{"sku":"A","qty":1,"qtty":2}]}"#,
    );
    assert!(
        got.contains(&("order.schema".into(), "unknown_schema".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("order.date".into(), "duplicate_key".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("order.lines[0].qtty".into(), "unknown_field".into())),
        "{got:?}"
    );
}

#[test]
fn a_policy_with_many_mistakes_reports_them_all() {
    let text = common::edited_policy(|p| {
        p["products"][1]["sku"] = "ERP-STD".into(); // duplicate SKU
        p["products"][2]["list_price"] = serde_json::json!(4800); // number
        p["levels"][0]["discounts"]["sofware"] = "0.40".into(); // typo'd category
        p["levels"][1]["discounts"]["cloud"] = "1.25".into(); // rate above 1
        p["volume_breaks"][0]["tiers"][1]["min_qty"] = 10.into(); // not ascending
        p["promotions"][0]["valid_from"] = "2027-01-01".into(); // after valid_to
        p["promotions"][2]["levels"] = serde_json::json!(["platinum"]); // unknown level
        p["order_discounts"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!(
                {"id": "BIG-ORDER-2", "min_order_net": "100000.00", "discount": "0.03"}
            )); // same threshold
        p["rebate_programs"][0]["tiers"][0]["rate"] = "0.02x".into();
        p["credit"]["grace_days"] = (-1).into();
        p["colour"] = "blue".into();
    });
    let got = codes(&PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap_err());
    // Reading errors stop the semantic checks, so fix those first and look again.
    for want in [
        ("policy.products[2].list_price", "number_not_string"),
        ("policy.levels[1].discounts.cloud", "bad_decimal"),
        ("policy.rebate_programs[0].tiers[0].rate", "bad_decimal"),
        ("policy.credit.grace_days", "int_range"),
        ("policy.colour", "unknown_field"),
    ] {
        assert!(
            got.contains(&(want.0.into(), want.1.into())),
            "{want:?} not in {got:?}"
        );
    }
    // An empty id list is a reading error of its own.
    let text = common::edited_policy(|p| {
        p["volume_breaks"][1]["applies_to"] = serde_json::json!({"skus": []})
    });
    let got = codes(&PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap_err());
    assert_eq!(
        got,
        [(
            "policy.volume_breaks[1].applies_to.skus".to_string(),
            "empty_list".to_string()
        )]
    );

    let text = common::edited_policy(|p| {
        p["products"][1]["sku"] = "ERP-STD".into();
        p["levels"][0]["discounts"]["sofware"] = "0.40".into();
        p["volume_breaks"][0]["tiers"][1]["min_qty"] = 10.into();
        p["promotions"][0]["valid_from"] = "2027-01-01".into();
        p["promotions"][2]["levels"] = serde_json::json!(["platinum"]);
        p["order_discounts"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!(
                {"id": "BIG-ORDER-2", "min_order_net": "100000.00", "discount": "0.03"}
            ));
        p["promotions"][1]["id"] = "VB-USER".into();
    });
    let got = codes(&PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap_err());
    let want = [
        ("policy.products[1].sku", "duplicate_id"),
        ("policy.levels[0].discounts.sofware", "unknown_category"),
        (
            "policy.volume_breaks[0].tiers[1].min_qty",
            "tiers_not_ascending",
        ),
        ("policy.promotions[0].valid_from", "dates_reversed"),
        ("policy.promotions[2].levels[0]", "unknown_level"),
        (
            "policy.order_discounts[1].min_order_net",
            "duplicate_threshold",
        ),
        ("policy.promotions[1].id", "duplicate_id"),
    ];
    for w in want {
        assert!(
            got.contains(&(w.0.into(), w.1.into())),
            "{w:?} not in {got:?}"
        );
    }
}

#[test]
fn cross_document_references() {
    let policy = PreparedPolicy::from_json_bytes(spec_file("policy.json").as_bytes()).unwrap();
    let mut account: serde_json::Value =
        serde_json::from_str(&spec_file("accounts/gold-rebate.json")).unwrap();
    account["level"] = "platinum".into();
    account["rebates"][1]["program"] = "REB-2025".into();
    let account = Account::from_json_text(&account.to_string()).unwrap();
    let order = Order::from_json_text(
        r#"{"schema":"channel-order/1","date":"2026-11-20","deal_registration":{"id":"DR-1"},
            "lines":[{"sku":"ERP-USER","qty":1},{"sku":"NOPE","qty":2}]}"#,
    )
    .unwrap();
    let got = codes(&channel_quote::engine::quote(&policy, &account, &order).unwrap_err());
    assert_eq!(
        got,
        [
            ("account.level".to_string(), "unknown_level".to_string()),
            (
                "account.rebates[1].program".into(),
                "unknown_program".into()
            ),
            ("order.lines[1].sku".into(), "unknown_sku".into()),
        ]
    );
    let no_dr = common::edited_policy(|p| {
        p.as_object_mut().unwrap().remove("deal_registration");
        p["products"][1]["order_multiple"] = 5.into();
    });
    let policy = PreparedPolicy::from_json_bytes(no_dr.as_bytes()).unwrap();
    let account = Account::from_json_text(&spec_file("accounts/gold.json")).unwrap();
    let got = codes(&channel_quote::engine::quote(&policy, &account, &order).unwrap_err());
    assert!(
        got.contains(&(
            "order.deal_registration".into(),
            "deal_registration_not_offered".into()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&("order.lines[0].qty".into(), "order_multiple".into())),
        "{got:?}"
    );
}

#[test]
fn empty_ids_and_approvals() {
    let got = order_problems(
        r#"{"schema":"channel-order/1","date":"2026-11-20","deal_registration":{"id":""},
            "lines":[{"sku":"ERP-STD","qty":1,"special_price":{"price":"9000.00","approval":"  "}}]}"#,
    );
    assert_eq!(
        got,
        [
            (
                "order.deal_registration.id".to_string(),
                "empty_id".to_string()
            ),
            (
                "order.lines[0].special_price.approval".into(),
                "empty_id".into()
            ),
        ]
    );
    assert_eq!(
        order_problems(r#"{"schema":"channel-order/1","date":"2026-11-20","lines":[]}"#),
        [("order.lines".to_string(), "empty_list".to_string())]
    );
}

#[test]
fn not_utf8_and_byte_order_mark() {
    assert_eq!(
        PreparedPolicy::from_json_bytes(b"\xff\xfe{}").unwrap_err()[0].code,
        "not_utf8"
    );
    let with_bom = [
        b"\xEF\xBB\xBF".as_slice(),
        spec_file("policy.json").as_bytes(),
    ]
    .concat();
    assert!(PreparedPolicy::from_json_bytes(&with_bom).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = PreparedPolicy::from_json_bytes(text.as_bytes());
        let _ = Account::from_json_text(&text);
        let _ = Order::from_json_text(&text);
    }

    #[test]
    fn mutated_documents_never_panic(pos in 0usize..4000, byte in any::<u8>(), which in 0usize..3) {
        let files = ["policy.json", "accounts/credit-tight.json", "orders/ex13-margin.json"];
        let mut bytes = spec_file(files[which]).into_bytes();
        let at = pos % bytes.len();
        bytes[at] = byte;
        let policy = PreparedPolicy::from_json_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let _ = Account::from_json_text(&text);
        let order = Order::from_json_text(&text);
        // Whatever survives validation must also quote without panicking.
        if let (Ok(p), Ok(o)) = (policy, order) {
            let a = Account::from_json_text(&spec_file("accounts/gold.json")).unwrap();
            let _ = channel_quote::engine::quote(&p, &a, &o);
        }
    }

    #[test]
    fn mutated_policies_quote_or_refuse(pos in 0usize..9000, byte in prop::sample::select(b"0123456789.-\"[]{},:ae ".to_vec())) {
        let mut bytes = spec_file("policy.json").into_bytes();
        let at = pos % bytes.len();
        bytes[at] = byte;
        if let Ok(p) = PreparedPolicy::from_json_bytes(&bytes) {
            for (acc, ord) in [("accounts/silver.json", "orders/ex02-graduated-free-order-discount.json"), ("accounts/gold-rebate.json", "orders/ex06-rebates.json")] {
                let a = Account::from_json_text(&spec_file(acc)).unwrap();
                let o = Order::from_json_text(&spec_file(ord)).unwrap();
                let _ = channel_quote::engine::quote(&p, &a, &o);
            }
        }
    }
}
