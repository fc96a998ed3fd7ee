//! Boundaries of the waterfall (SPEC §3), rebates (§4), credit (§5) and
//! decimal input (§2) that no other test pins down, each checked on a figure
//! a partner reads off the quote JSON. Every expected value is computed by
//! hand from the SPEC rule quoted beside it.

mod common;

use channel_quote::engine::Order;
use common::{codes, edited_policy, quote_texts, spec_file};
use serde_json::{json, Value};

fn gold() -> String {
    spec_file("accounts/gold.json")
}

fn order_on(date: &str, lines: Value) -> String {
    json!({"schema": "channel-order/1", "date": date, "lines": lines}).to_string()
}

fn order(lines: Value) -> String {
    order_on("2026-11-20", lines)
}

/// An account file from `tests/spec/accounts` with `edit` applied.
fn edited_account(rel: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&spec_file(rel)).unwrap();
    edit(&mut v);
    v.to_string()
}

fn volume_break(id: &str, applies_to: Value, mode: &str, tiers: Value) -> Value {
    json!({"id": id, "applies_to": applies_to, "mode": mode, "tiers": tiers})
}

/// The SPEC policy with the given volume breaks in place of its own.
fn with_breaks(breaks: Vec<Value>) -> String {
    edited_policy(|p| p["volume_breaks"] = Value::Array(breaks))
}

fn reason_codes(q: &Value) -> Vec<&str> {
    q["credit"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Competing volume breaks on one line (SPEC §3.3: "If several breaks select
//    a line, the one giving the lowest u applies (ties: the lower id, compared
//    as strings byte by byte)").
// ---------------------------------------------------------------------------

/// 12 × ERP-USER for gold: list 1800 × (1 − 0.35) = 1170 before the volume step.
fn twelve_users(policy: &str) -> Value {
    quote_texts(
        policy,
        &gold(),
        &order(json!([{"sku": "ERP-USER", "qty": 12}])),
    )
    .unwrap()
}

#[test]
fn competing_volume_breaks_the_lower_price_wins_even_with_the_higher_id() {
    // VB-USER (sku): 12 ≥ 10 → 5 %: 1170 × 0.95 = 1111.5.
    // VB-ZSOFT (category software, pools 12): 12 ≥ 10 → 7 %: 1170 × 0.93 = 1088.1 — lower, wins
    // although its id sorts after VB-USER.
    let policy = with_breaks(vec![
        volume_break(
            "VB-USER",
            json!({"skus": ["ERP-USER"]}),
            "all_units",
            json!([{"min_qty": 10, "discount": "0.05"}, {"min_qty": 50, "discount": "0.10"}]),
        ),
        volume_break(
            "VB-ZSOFT",
            json!({"categories": ["software"]}),
            "all_units",
            json!([{"min_qty": 10, "discount": "0.07"}]),
        ),
    ]);
    let q = twelve_users(&policy);
    let line = &q["lines"][0];
    // 1088.1 × 12 = 13057.20; saved (1170 − 1088.1) × 12 = 982.80.
    assert_eq!(line["net_unit_price"], "1088.1000");
    assert_eq!(line["net_amount"], "13057.20");
    assert_eq!(
        line["steps"][1],
        json!({"kind": "volume", "rule": "VB-ZSOFT", "unit_price_after": "1088.1000", "amount_saved": "982.80"})
    );
    // Only one volume step is recorded.
    let volume_steps = line["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "volume")
        .count();
    assert_eq!(volume_steps, 1);
}

#[test]
fn competing_volume_breaks_graduated_can_beat_all_units() {
    // VB-USER all_units: 1170 × 0.95 = 1111.5.
    // VB-GRAD graduated, tiers 1: 0 %, 5: 10 %: Q = 12, units 1–4 at 0 %, units 5–12 (8) at 10 %:
    // S = 4 × 1 + 8 × 0.9 = 11.2; u = round₁₀(1170 × 11.2 / 12) = 1092 < 1111.5 → VB-GRAD wins.
    let policy = with_breaks(vec![
        volume_break(
            "VB-USER",
            json!({"skus": ["ERP-USER"]}),
            "all_units",
            json!([{"min_qty": 10, "discount": "0.05"}]),
        ),
        volume_break(
            "VB-GRAD",
            json!({"skus": ["ERP-USER"]}),
            "graduated",
            json!([{"min_qty": 1, "discount": "0.00"}, {"min_qty": 5, "discount": "0.10"}]),
        ),
    ]);
    let q = twelve_users(&policy);
    let line = &q["lines"][0];
    // 1092 × 12 = 13104.00.
    assert_eq!(line["net_unit_price"], "1092.0000");
    assert_eq!(line["net_amount"], "13104.00");
    assert_eq!(line["steps"][1]["kind"], "volume");
    assert_eq!(line["steps"][1]["rule"], "VB-GRAD");
    assert_eq!(line["steps"][1]["unit_price_after"], "1092.0000");
}

#[test]
fn competing_volume_breaks_tie_goes_to_the_lower_id_byte_by_byte() {
    // Both give 1170 × 0.95 = 1111.5; listed with the higher id first so
    // policy order cannot be what decides.
    let tie = |first: &str, second: &str| {
        with_breaks(vec![
            volume_break(
                first,
                json!({"skus": ["ERP-USER"]}),
                "all_units",
                json!([{"min_qty": 10, "discount": "0.05"}]),
            ),
            volume_break(
                second,
                json!({"categories": ["software"]}),
                "all_units",
                json!([{"min_qty": 10, "discount": "0.05"}]),
            ),
        ])
    };
    // "VB-B" < "VB-C".
    let q = twelve_users(&tie("VB-C", "VB-B"));
    assert_eq!(q["lines"][0]["net_unit_price"], "1111.5000");
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "VB-B");
    // Byte order, not case-insensitive: 'B' (0x42) < 'a' (0x61), so "VB-B" < "VB-a".
    let q = twelve_users(&tie("VB-a", "VB-B"));
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "VB-B");
    // A graduated break giving the same u ties too: one tier from unit 1 at 5 % → S = 12 × 0.95,
    // u = 1170 × 11.4 / 12 = 1111.5; "VB-A" < "VB-USER" wins.
    let policy = with_breaks(vec![
        volume_break(
            "VB-USER",
            json!({"skus": ["ERP-USER"]}),
            "all_units",
            json!([{"min_qty": 10, "discount": "0.05"}]),
        ),
        volume_break(
            "VB-A",
            json!({"skus": ["ERP-USER"]}),
            "graduated",
            json!([{"min_qty": 1, "discount": "0.05"}]),
        ),
    ]);
    let q = twelve_users(&policy);
    assert_eq!(q["lines"][0]["net_unit_price"], "1111.5000");
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "VB-A");
}

// ---------------------------------------------------------------------------
// 2. Special-price lines count toward the order discount's threshold but are
//    not discounted (SPEC §3.6: "T = Σ round(u × qty) after steps 1–5 over
//    every non-free line (special-price lines included, before any floor)
//    … except special-price lines"; §3 Special price: "skips steps 2–7").
// ---------------------------------------------------------------------------

/// Gold: 1 × ERP-STD (12000 × 0.65 = 7800) and 8 × ERP-STD at a special price.
fn with_special(price: &str) -> Value {
    quote_texts(
        &spec_file("policy.json"),
        &gold(),
        &order(json!([
            {"sku": "ERP-STD", "qty": 1},
            {"sku": "ERP-STD", "qty": 8, "special_price": {"price": price, "approval": "SB-9"}}
        ])),
    )
    .unwrap()
}

#[test]
fn special_price_line_reaches_the_order_discount_threshold_exactly_but_keeps_its_price() {
    // T = 7800 + round(11525 × 8) = 7800 + 92200 = 100000.00 ≥ BIG-ORDER's 100000.00 →
    // 2 % on the normal line: 7800 × 0.98 = 7644; saved 156.00.
    let q = with_special("11525.00");
    let normal = &q["lines"][0];
    assert_eq!(normal["net_unit_price"], "7644.0000");
    assert_eq!(normal["net_amount"], "7644.00");
    assert_eq!(
        normal["steps"][1],
        json!({"kind": "order_discount", "rule": "BIG-ORDER", "unit_price_after": "7644.0000", "amount_saved": "156.00"})
    );
    // The special line is not discounted: one step, 11525 × 8 = 92200.00.
    let special = &q["lines"][1];
    assert_eq!(special["net_unit_price"], "11525.0000");
    assert_eq!(special["net_amount"], "92200.00");
    let kinds: Vec<&str> = special["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["special_price"]);
    assert_eq!(special["steps"][0]["rule"], "SB-9");
    // 7644.00 + 92200.00 = 99844.00.
    assert_eq!(q["totals"]["net_amount"], "99844.00");
}

#[test]
fn special_price_line_one_cent_short_of_the_threshold_gives_no_order_discount() {
    // T = 7800 + round(11524.99 × 8) = 7800 + 92199.92 = 99999.92 < 100000.00 → no order discount.
    let q = with_special("11524.99");
    let normal = &q["lines"][0];
    assert_eq!(normal["net_unit_price"], "7800.0000");
    assert_eq!(normal["net_amount"], "7800.00");
    assert!(normal["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["kind"] != "order_discount"));
    assert_eq!(q["lines"][1]["net_amount"], "92199.92");
    // 7800.00 + 92199.92 = 99999.92.
    assert_eq!(q["totals"]["net_amount"], "99999.92");
}

// ---------------------------------------------------------------------------
// 3. A temporary credit limit counts through its expiry day (SPEC §5:
//    "effective_limit = limit + temporary_limit.amount when order.date ≤
//    expires, else limit").
// ---------------------------------------------------------------------------

/// credit-tight (registered, limit 200 000 + temp 50 000 to 2026-11-30,
/// AR 120 000 + open 30 000 − deposit 10 000 = exposure 140 000) buying
/// 60 × EDU-COURSE (list 1000, no services discount, 0 % tax): payable 60 000.
fn sixty_courses_on(date: &str) -> Value {
    quote_texts(
        &spec_file("policy.json"),
        &spec_file("accounts/credit-tight.json"),
        &order_on(date, json!([{"sku": "EDU-COURSE", "qty": 60}])),
    )
    .unwrap()
}

#[test]
fn temporary_limit_still_counts_on_its_expiry_day() {
    let q = sixty_courses_on("2026-11-30");
    assert_eq!(q["totals"]["payable"], "60000.00");
    let c = &q["credit"];
    // 200000 + 50000 = 250000; available 250000 − 140000 = 110000 → − 60000 = 50000;
    // utilization 200000 / 250000 = 0.8 ≤ 0.9 → approved.
    assert_eq!(c["effective_limit"], "250000.00");
    assert_eq!(c["available_before"], "110000.00");
    assert_eq!(c["available_after"], "50000.00");
    assert_eq!(c["utilization_after"], "0.8000");
    assert_eq!(c["decision"], "approved");
    assert_eq!(c["required_prepayment"], "0.00");
    assert_eq!(reason_codes(&q), Vec::<&str>::new());
}

#[test]
fn temporary_limit_no_longer_counts_the_day_after_expiry() {
    let q = sixty_courses_on("2026-12-01");
    let c = &q["credit"];
    // 200000 only; available 200000 − 140000 = 60000 → − 60000 = 0;
    // exposure 200000 is not > 200000 (passes), but > 0.9 × 200000 = 180000 → warning.
    assert_eq!(c["effective_limit"], "200000.00");
    assert_eq!(c["available_before"], "60000.00");
    assert_eq!(c["available_after"], "0.00");
    assert_eq!(c["utilization_after"], "1.0000");
    assert_eq!(c["decision"], "approved_with_warning");
    assert_eq!(c["required_prepayment"], "0.00");
    assert_eq!(reason_codes(&q), ["high_utilization"]);
}

// ---------------------------------------------------------------------------
// 4. A zero credit limit (SPEC §5: "utilization_after = exposure_after /
//    effective_limit (4 places; null when effective_limit is 0)").
// ---------------------------------------------------------------------------

#[test]
fn zero_credit_limit_quotes_with_null_utilization_and_requires_prepayment() {
    let account = edited_account("accounts/gold.json", |a| {
        a["credit"]["limit"] = "0.00".into()
    });
    // 12 × ERP-USER for gold: gross 15071.94 (SPEC example 1), payable 15071.94.
    let q = quote_texts(
        &spec_file("policy.json"),
        &account,
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap();
    let c = &q["credit"];
    // exposure 0 → 15071.94 > 0 = limit → prepayment min(15071.94, 15071.94 − 0) = 15071.94.
    assert_eq!(c["effective_limit"], "0.00");
    assert_eq!(c["available_before"], "0.00");
    assert_eq!(c["available_after"], "-15071.94");
    assert_eq!(c["utilization_after"], Value::Null);
    assert_eq!(c["decision"], "prepayment_required");
    assert_eq!(c["required_prepayment"], "15071.94");
    // 15071.94 > 0 and > 0.9 × 0: both reasons hold.
    assert_eq!(reason_codes(&q), ["over_limit", "high_utilization"]);
}

#[test]
fn zero_credit_limit_covered_by_deposit_is_approved_with_null_utilization() {
    let account = edited_account("accounts/gold.json", |a| {
        a["credit"]["limit"] = "0.00".into();
        a["credit"]["deposit_balance"] = "20000.00".into();
    });
    let q = quote_texts(
        &spec_file("policy.json"),
        &account,
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap();
    let c = &q["credit"];
    // exposure 0 + 0 − 20000 = −20000 → −20000 + 15071.94 = −4928.06, not > 0 and not > 0.9 × 0.
    assert_eq!(c["available_before"], "20000.00");
    assert_eq!(c["available_after"], "4928.06");
    assert_eq!(c["utilization_after"], Value::Null);
    assert_eq!(c["decision"], "approved");
    assert_eq!(c["required_prepayment"], "0.00");
    assert_eq!(reason_codes(&q), Vec::<&str>::new());
}

// ---------------------------------------------------------------------------
// 5. At the top rebate tier there is no next tier (SPEC §4: "next_tier: for
//    the lowest tier threshold t × target strictly above x = ptd + basis …
//    null when no tier is above").
// ---------------------------------------------------------------------------

/// gold-rebate (target 500 000 in both programs) with `ptd`, buying
/// 12 × ERP-USER: basis 13338.00 (SPEC example 1's net).
fn rebates_with_ptd(ptd: &str) -> Value {
    let account = edited_account("accounts/gold-rebate.json", |a| {
        a["rebates"][0]["period_to_date"] = ptd.into();
        a["rebates"][1]["period_to_date"] = ptd.into();
    });
    let q = quote_texts(
        &spec_file("policy.json"),
        &account,
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap();
    q["rebates"].clone()
}

#[test]
fn reaching_the_top_rebate_tier_exactly_leaves_no_next_tier() {
    // x = 586662 + 13338 = 600000 = 1.20 × 500000: the top tier, nothing strictly above.
    let r = rebates_with_ptd("586662.00");
    // Retroactive: before = round(0.03 × 586662) = 17599.86; after = round(0.04 × 600000) = 24000.
    assert_eq!(r[0]["program"], "REB-Q4");
    assert_eq!(r[0]["basis"], "13338.00");
    assert_eq!(r[0]["before"], "17599.86");
    assert_eq!(r[0]["after"], "24000.00");
    assert_eq!(r[0]["impact"], "6400.14");
    assert_eq!(r[0]["attainment_after"], "1.2000");
    assert_eq!(r[0]["next_tier"], Value::Null);
    // Incremental: before = 0.02 × 100000 + 0.03 × 86662 = 2000 + 2599.86 = 4599.86;
    // after = 2000 + 0.03 × 100000 + 0.04 × 0 = 5000.
    assert_eq!(r[1]["program"], "REB-Q4-STEP");
    assert_eq!(r[1]["before"], "4599.86");
    assert_eq!(r[1]["after"], "5000.00");
    assert_eq!(r[1]["impact"], "400.14");
    assert_eq!(r[1]["next_tier"], Value::Null);
}

#[test]
fn beyond_the_top_rebate_tier_there_is_no_next_tier() {
    // x = 590000 + 13338 = 603338 > 600000.
    let r = rebates_with_ptd("590000.00");
    // Retroactive: before = 0.03 × 590000 = 17700; after = 0.04 × 603338 = 24133.52.
    assert_eq!(r[0]["before"], "17700.00");
    assert_eq!(r[0]["after"], "24133.52");
    assert_eq!(r[0]["impact"], "6433.52");
    // 603338 / 500000 = 1.206676 → 1.2067.
    assert_eq!(r[0]["attainment_after"], "1.2067");
    assert_eq!(r[0]["next_tier"], Value::Null);
    // Incremental: before = 2000 + 0.03 × 90000 = 4700; after = 2000 + 3000 + 0.04 × 3338 = 5133.52.
    assert_eq!(r[1]["before"], "4700.00");
    assert_eq!(r[1]["after"], "5133.52");
    assert_eq!(r[1]["impact"], "433.52");
    assert_eq!(r[1]["next_tier"], Value::Null);
}

#[test]
fn one_cent_below_the_top_rebate_tier_the_next_tier_is_one_cent_away() {
    // x = 586661.99 + 13338 = 599999.99 < 600000: the top tier is still above.
    let r = rebates_with_ptd("586661.99");
    // Exact compare: 599999.99 / 500000 = 1.19999998 shows as 1.2000 but is below the tier.
    assert_eq!(r[0]["attainment_after"], "1.2000");
    // Retroactive: after = round(0.03 × 599999.99) = round(17999.9997) = 18000.00;
    // additional = round_up(600000 − 599999.99) = 0.01; gain = 0.04 × 600000 − 18000 = 6000.
    assert_eq!(r[0]["after"], "18000.00");
    let next = &r[0]["next_tier"];
    assert_eq!(next["additional_purchase"], "0.01");
    assert_eq!(next["rebate_gain"], "6000.00");
    // The engine also names the tier it points at (fields beyond SPEC §9's minimum).
    assert_eq!(next["attainment"], "1.20");
    assert_eq!(next["rate"], "0.04");
    // Incremental: after = round(2000 + 0.03 × 99999.99) = round(4999.9997) = 5000.00;
    // R(600000) = 5000.00 → gain 0.00.
    assert_eq!(r[1]["after"], "5000.00");
    assert_eq!(r[1]["next_tier"]["additional_purchase"], "0.01");
    assert_eq!(r[1]["next_tier"]["rebate_gain"], "0.00");
}

// ---------------------------------------------------------------------------
// 6. A negative zero is still a sign (SPEC §2: "optional leading `-` only
//    where negatives are allowed, which in v1 is nowhere").
// ---------------------------------------------------------------------------

fn order_with_credit(value: &str) -> String {
    json!({"schema": "channel-order/1", "date": "2026-11-20",
           "lines": [{"sku": "ERP-USER", "qty": 12}], "use_rebate_credit": value})
    .to_string()
}

#[test]
fn negative_zero_amounts_are_refused_as_bad_decimals() {
    for value in ["-0", "-0.00"] {
        let problems = Order::from_json_text(&order_with_credit(value)).expect_err(value);
        assert_eq!(problems.len(), 1, "{value}: {problems:?}");
        assert_eq!(problems[0].path.to_string(), "use_rebate_credit", "{value}");
        assert_eq!(problems[0].code, "bad_decimal", "{value}");
        assert_eq!(
            codes(&problems),
            [(
                "order.use_rebate_credit".to_string(),
                "bad_decimal".to_string()
            )],
            "{value}"
        );
        // Through the whole pipeline too: no quote, the same single problem.
        let problems = quote_texts(
            &spec_file("policy.json"),
            &gold(),
            &order_with_credit(value),
        )
        .expect_err(value);
        assert_eq!(
            codes(&problems),
            [(
                "order.use_rebate_credit".to_string(),
                "bad_decimal".to_string()
            )],
            "{value}"
        );
    }
    // The unsigned zeros are fine and use no credit: payable = gross 15071.94.
    for value in ["0", "0.00"] {
        let q = quote_texts(
            &spec_file("policy.json"),
            &gold(),
            &order_with_credit(value),
        )
        .unwrap();
        assert_eq!(q["totals"]["rebate_credit_used"], "0.00", "{value}");
        assert_eq!(q["totals"]["payable"], "15071.94", "{value}");
    }
}

#[test]
fn negative_zero_in_a_line_price_is_refused_too() {
    // The same rule on a line's resale price: path lines[0].resale_price.
    let text = json!({"schema": "channel-order/1", "date": "2026-11-20",
                      "lines": [{"sku": "ERP-USER", "qty": 12, "resale_price": "-0.00"}]})
    .to_string();
    let problems = Order::from_json_text(&text).unwrap_err();
    assert_eq!(
        codes(&problems),
        [(
            "order.lines[0].resale_price".to_string(),
            "bad_decimal".to_string()
        )]
    );
}

// ---------------------------------------------------------------------------
// Validity (REQUEST.md R1): `order.date + quote_validity_days − 1`, or the
// earliest `valid_to` of a promotion that produced a step or a free line.
// ---------------------------------------------------------------------------

fn valid_until(policy: &str, date: &str, lines: Value) -> String {
    quote_texts(policy, &gold(), &order_on(date, lines)).unwrap()["valid_until"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_quote_is_valid_for_the_policys_days_counting_the_order_date() {
    let users = json!([{"sku": "ERP-USER", "qty": 1}]);
    let spec = spec_file("policy.json");
    // 2026-11-20 + 7 − 1.
    assert_eq!(
        valid_until(&spec, "2026-11-20", users.clone()),
        "2026-11-26"
    );
    // Across a year end.
    assert_eq!(
        valid_until(&spec, "2026-12-28", users.clone()),
        "2027-01-03"
    );
    let one_day = edited_policy(|p| p["quote_validity_days"] = json!(1));
    assert_eq!(
        valid_until(&one_day, "2026-11-20", users.clone()),
        "2026-11-20"
    );
    let a_year = edited_policy(|p| p["quote_validity_days"] = json!(365));
    assert_eq!(valid_until(&a_year, "2026-11-20", users), "2027-11-19");
}

#[test]
fn a_promotion_on_the_quote_ends_the_validity_on_its_last_day() {
    let spec = spec_file("policy.json");
    // Free goods from POS-BUNDLE (valid to 2026-11-30): 11-27 + 6 = 12-03 is cut to 11-30.
    let ten = json!([{"sku": "POS-T1", "qty": 10}]);
    assert_eq!(valid_until(&spec, "2026-11-27", ten.clone()), "2026-11-30");
    // When the policy's own validity ends first, it stands.
    assert_eq!(valid_until(&spec, "2026-11-20", ten), "2026-11-26");
    // Nine units do not reach POS-BUNDLE's minimum: considered, not
    // applied, so it does not shorten the quote.
    let nine = json!([{"sku": "POS-T1", "qty": 9}]);
    assert_eq!(valid_until(&spec, "2026-11-27", nine), "2026-12-03");
}
