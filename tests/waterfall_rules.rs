//! The waterfall's rules at their boundaries (SPEC §3), each checked on a
//! figure a partner would read off the quote.

mod common;

use common::{edited_policy, quote_texts, spec_file};
use serde_json::{json, Value};

fn gold() -> String {
    spec_file("accounts/gold.json")
}

fn order(lines: Value) -> String {
    json!({"schema": "channel-order/1", "date": "2026-11-20", "lines": lines}).to_string()
}

fn promo(id: &str, priority: i64, action: Value) -> Value {
    json!({"id": id, "name": {"zh": id, "en": id}, "valid_from": "2026-11-01", "valid_to": "2026-11-30",
           "applies_to": {"skus": ["ERP-STD"]}, "priority": priority, "action": action})
}

fn with_promos(promos: Vec<Value>) -> String {
    edited_policy(|p| p["promotions"] = Value::Array(promos))
}

#[test]
fn amount_off_never_goes_below_zero() {
    let policy = with_promos(vec![promo(
        "BIG-OFF",
        0,
        json!({"type": "amount_off", "value": "99999.00"}),
    )]);
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 2}])),
    )
    .unwrap();
    assert_eq!(q["lines"][0]["net_unit_price"], "0.0000");
    assert_eq!(q["lines"][0]["net_amount"], "0.00");
    assert_eq!(q["lines"][0]["steps"][1]["amount_saved"], "15600.00");
}

#[test]
fn best_price_wins_then_priority_then_id_and_losers_are_explained() {
    // Gold: 12000 × 0.65 = 7800. A: 10 % → 7020; B: fixed 7020 (tie, lower priority wins);
    // C: 100 off → 7700 (weaker); D: fixed 9000 (not lower).
    let policy = with_promos(vec![
        promo("A", 5, json!({"type": "percent_off", "value": "0.10"})),
        promo("B", 1, json!({"type": "fixed_price", "value": "7020.00"})),
        promo("C", 0, json!({"type": "amount_off", "value": "100"})),
        promo("D", 0, json!({"type": "fixed_price", "value": "9000"})),
    ]);
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 1}])),
    )
    .unwrap();
    let line = &q["lines"][0];
    assert_eq!(
        line["steps"][1],
        json!({"kind": "promotion", "rule": "B", "unit_price_after": "7020.0000", "amount_saved": "780.00"})
    );
    assert_eq!(
        line["considered"],
        json!([{"rule": "A", "reason": "weaker"}, {"rule": "C", "reason": "weaker"}, {"rule": "D", "reason": "not_lower"}])
    );
    // Same price and priority: the lower id (byte order) wins.
    let policy = with_promos(vec![
        promo("b", 1, json!({"type": "fixed_price", "value": "7000"})),
        promo("B", 1, json!({"type": "fixed_price", "value": "7000"})),
    ]);
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 1}])),
    )
    .unwrap();
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "B");
}

#[test]
fn ineligible_promotions_say_why() {
    let mut late = promo("LATE", 0, json!({"type": "percent_off", "value": "0.5"}));
    late["valid_from"] = "2026-12-01".into();
    late["valid_to"] = "2026-12-31".into();
    let mut silver_only = promo("SILVER", 0, json!({"type": "percent_off", "value": "0.5"}));
    silver_only["levels"] = json!(["silver"]);
    let mut bulk = promo("BULK", 0, json!({"type": "percent_off", "value": "0.5"}));
    bulk["min_qty"] = 3.into();
    let policy = with_promos(vec![late, silver_only, bulk]);
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 2}])),
    )
    .unwrap();
    assert_eq!(
        q["lines"][0]["considered"],
        json!([{"rule": "LATE", "reason": "outside_dates"}, {"rule": "SILVER", "reason": "level_not_eligible"}, {"rule": "BULK", "reason": "below_min_qty"}])
    );
    // The last day of the window still counts (inclusive dates).
    let q = quote_texts(&policy, &gold(), &json!({"schema": "channel-order/1", "date": "2026-12-31", "lines": [{"sku": "ERP-STD", "qty": 1}]}).to_string()).unwrap();
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "LATE");
}

#[test]
fn special_price_skips_the_waterfall_but_counts_toward_the_volume_pool() {
    // 8 normal + 2 special ERP-USER lines pool to 10: the 5 % break applies to the normal line only.
    let q = quote_texts(
        &spec_file("policy.json"),
        &gold(),
        &order(json!([
            {"sku": "ERP-USER", "qty": 8},
            {"sku": "ERP-USER", "qty": 2, "special_price": {"price": "900.00", "approval": "SB-7"}}
        ])),
    )
    .unwrap();
    assert_eq!(q["lines"][0]["net_unit_price"], "1111.5000");
    assert_eq!(
        q["lines"][1]["steps"],
        json!([{"kind": "special_price", "rule": "SB-7", "unit_price_after": "900.0000", "amount_saved": "1800.00"}])
    );
    assert_eq!(q["lines"][1]["net_amount"], "1800.00");
}

#[test]
fn free_goods_of_another_sku_follow_their_line() {
    let policy = edited_policy(|p| {
        p["promotions"][3]["action"] =
            json!({"type": "free_goods", "buy": 5, "get": 2, "sku": "EDU-COURSE"});
    });
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "POS-T1", "qty": 12}, {"sku": "ERP-USER", "qty": 1}])),
    )
    .unwrap();
    let skus: Vec<&str> = q["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["sku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, ["POS-T1", "EDU-COURSE", "ERP-USER"]);
    assert_eq!(q["lines"][1]["qty"], 4);
    assert_eq!(q["lines"][1]["list_price"], "1000.0000");
    assert_eq!(q["lines"][1]["gross_amount"], "0.00");
    // Free lines count in neither list amount nor rebate basis.
    assert_eq!(q["totals"]["list_amount"], "30588.00");
}

#[test]
fn tax_inclusive_policy_end_to_end() {
    // List 1130.00 tax-inclusive at 13 %, no discounts: gross 1130.00, tax 130.00, net 1000.00.
    let policy = edited_policy(|p| {
        p["prices_include_tax"] = true.into();
        p["products"][1]["list_price"] = "1130.00".into();
        p["levels"][1]["discounts"]["software"] = "0".into();
        p["volume_breaks"] = json!([]);
    });
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-USER", "qty": 1, "resale_price": "1356.00"}])),
    )
    .unwrap();
    let l = &q["lines"][0];
    assert_eq!(
        (
            l["gross_amount"].as_str(),
            l["tax_amount"].as_str(),
            l["net_amount"].as_str()
        ),
        (Some("1130.00"), Some("130.00"), Some("1000.00"))
    );
    // Revenue is taken out of VAT too: 1356 / 1.13 = 1200.
    assert_eq!(q["margin"]["revenue"], "1200.00");
    assert_eq!(q["margin"]["front_margin"], "200.00");
}

#[test]
fn half_even_policy_rounds_line_amounts_to_even() {
    // 2.0010 × 5 = 10.005: half-even gives 10.00, half-up 10.01. The
    // registered level has no services discount, so the list price stands.
    let policy = |mode: &str| {
        edited_policy(|p| {
            p["rounding"] = mode.into();
            p["products"][5]["list_price"] = "2.0010".into();
        })
    };
    let o = order(json!([{"sku": "EDU-COURSE", "qty": 5}]));
    let registered = spec_file("accounts/registered.json");
    let even = quote_texts(&policy("half_even"), &registered, &o).unwrap();
    let up = quote_texts(&policy("half_up"), &registered, &o).unwrap();
    assert_eq!(even["lines"][0]["net_amount"], "10.00");
    assert_eq!(up["lines"][0]["net_amount"], "10.01");
}

#[test]
fn floor_compares_unrounded_prices() {
    // Distributor POS-T1 with CLEARANCE: 1343.44 < floor 1700 (SPEC example 4).
    let q = quote_texts(
        &spec_file("policy.json"),
        &spec_file("accounts/distributor.json"),
        &spec_file("orders/ex04-floor.json"),
    )
    .unwrap();
    let steps = q["lines"][0]["steps"].as_array().unwrap();
    assert_eq!(steps.last().unwrap()["kind"], "floor");
    assert_eq!(steps.last().unwrap()["rule"], "POS-T1");
    assert_eq!(steps.last().unwrap()["amount_saved"], "-356.56");
}

#[test]
fn margin_flags_lines_sold_below_cost() {
    let q = quote_texts(
        &spec_file("policy.json"),
        &gold(),
        &order(json!([{"sku": "ERP-USER", "qty": 12, "resale_price": "1000.00"}, {"sku": "ERP-STD", "qty": 1, "resale_price": "9000"}])),
    )
    .unwrap();
    assert_eq!(q["margin"]["lines"][0]["below_cost"], true);
    assert_eq!(q["margin"]["lines"][1]["below_cost"], false);
    assert_eq!(q["warnings"][0]["code"], "sold_below_cost");
    assert_eq!(q["warnings"][0]["order_lines"], json!([0]));
}

#[test]
fn rebate_credit_is_limited_by_request_balance_and_cap() {
    let with = |use_credit: &str| {
        let o = json!({"schema": "channel-order/1", "date": "2026-11-20", "lines": [{"sku": "ERP-USER", "qty": 12}], "use_rebate_credit": use_credit});
        quote_texts(&spec_file("policy.json"), &gold(), &o.to_string()).unwrap()
    };
    assert_eq!(with("100.00")["totals"]["rebate_credit_used"], "100.00");
    assert_eq!(with("6000.00")["totals"]["rebate_credit_used"], "1507.19");
    assert_eq!(with("0")["totals"]["payable"], "15071.94");
}

#[test]
fn the_most_valuable_free_goods_win_and_the_others_are_explained() {
    let mut a = promo(
        "GET-COURSE",
        1,
        json!({"type": "free_goods", "buy": 1, "get": 1, "sku": "EDU-COURSE"}),
    );
    let mut b = promo(
        "GET-USER",
        9,
        json!({"type": "free_goods", "buy": 2, "get": 1, "sku": "ERP-USER"}),
    );
    let mut c = promo(
        "GET-MANY",
        0,
        json!({"type": "free_goods", "buy": 5, "get": 1}),
    );
    for p in [&mut a, &mut b, &mut c] {
        p["applies_to"] = json!({"skus": ["ERP-STD"]});
    }
    // 2 × ERP-STD: A gives 2 courses (2000), B gives 1 user (1800), C gives none (qty below buy).
    let q = quote_texts(
        &with_promos(vec![a, b, c]),
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 2}])),
    )
    .unwrap();
    assert_eq!(q["lines"][1]["sku"], "EDU-COURSE");
    assert_eq!(q["lines"][1]["qty"], 2);
    assert_eq!(q["lines"][1]["steps"][0]["rule"], "GET-COURSE");
    assert_eq!(
        q["lines"][0]["considered"],
        json!([{"rule": "GET-USER", "reason": "weaker"}, {"rule": "GET-MANY", "reason": "below_min_qty"}])
    );
    // Equal free value: the lower priority number wins.
    let x = promo("X", 5, json!({"type": "free_goods", "buy": 1, "get": 1}));
    let y = promo("Y", 2, json!({"type": "free_goods", "buy": 1, "get": 1}));
    let q = quote_texts(
        &with_promos(vec![x, y]),
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 1}])),
    )
    .unwrap();
    assert_eq!(q["lines"][1]["steps"][0]["rule"], "Y");
}

#[test]
fn free_goods_are_exact_far_beyond_a_line_quantity() {
    // buy 1 get 1,000,000 on 1,000,000 units: 10^12 free units, never a clamp.
    let policy = with_promos(vec![promo(
        "MILLION",
        0,
        json!({"type": "free_goods", "buy": 1, "get": 1000000}),
    )]);
    let q = quote_texts(
        &policy,
        &gold(),
        &order(json!([{"sku": "ERP-STD", "qty": 1000000}])),
    )
    .unwrap();
    let free = &q["lines"][1];
    assert_eq!(free["free"], true);
    assert_eq!(free["qty"], 1_000_000_000_000u64);
    // 12,000.00 list × 10^12 units.
    assert_eq!(free["steps"][0]["amount_saved"], "12000000000000000.00");
}
