//! Boundaries of SPEC-v2 that the worked examples do not pin down: the
//! spare cent of an allocation (§3.8.1), tiers reached exactly (§3.8), a
//! gift against a cash discount (§3.8 rule 4), rounding mode and price
//! basis of an order promotion, the floor after steps 8 and 9 (§3.8 rule
//! 8), the extreme payment adjustment (§3.10), late payment and the
//! collection schedule (§3.10 rule 5, §4.4), credit overrides (§5.3) and
//! the group's binding (§5.4). Each case is a small edit of the v2 example
//! files, and each expected value is worked out by hand beside it, as the
//! partner would read it off the quote.

mod common;

use common::{at, quote_texts, spec_file};
use serde_json::{json, Value};

// ------------------------------------------------------------- helpers

fn spec_json(rel: &str) -> Value {
    serde_json::from_str(&spec_file(rel)).unwrap()
}

/// `tests/spec/policy-v2.json` with `edit` applied.
fn policy_v2(edit: impl FnOnce(&mut Value)) -> String {
    let mut p = spec_json("policy-v2.json");
    edit(&mut p);
    p.to_string()
}

/// policy-v2 with `order_promotions` replaced by `promotions`.
fn with_order_promotions(promotions: Value, edit: impl FnOnce(&mut Value)) -> String {
    policy_v2(|p| {
        p["order_promotions"] = promotions;
        edit(p);
    })
}

/// A product's list price set in a policy being edited.
fn set_list_price(p: &mut Value, sku: &str, price: &str) {
    let product = p["products"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|x| x["sku"] == sku)
        .unwrap_or_else(|| panic!("no product {sku}"));
    product["list_price"] = json!(price);
}

/// An order promotion valid all of November and December 2026.
fn order_promotion(id: &str, skus: &[&str], group: Value, priority: u32, action: Value) -> Value {
    json!({
        "id": id,
        "name": {"zh": id, "en": id},
        "valid_from": "2026-11-01",
        "valid_to": "2026-12-31",
        "levels": null,
        "applies_to": {"skus": skus},
        "group": group,
        "priority": priority,
        "action": action,
    })
}

/// An account file from `tests/spec/accounts` with `edit` applied.
fn account(rel: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut a = spec_json(rel);
    edit(&mut a);
    a.to_string()
}

/// The gold example account (no rebates, 500000.00 of credit, nothing
/// used) at another level.
fn partner_at(level: &str) -> String {
    account("accounts/gold.json", |a| a["level"] = json!(level))
}

/// A `channel-order/2` on `date` with `lines` and the extra top-level
/// fields of `extra` (an object).
fn order(date: &str, lines: Value, extra: Value) -> String {
    let mut o = json!({"schema": "channel-order/2", "date": date, "lines": lines});
    for (k, v) in extra.as_object().unwrap() {
        o[k] = v.clone();
    }
    o.to_string()
}

fn quote(policy: &str, account: &str, order: &str) -> Value {
    quote_texts(policy, account, order).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The value at `path` in a quote, which must exist.
fn get<'a>(q: &'a Value, path: &str) -> &'a Value {
    at(q, path).unwrap_or_else(|| panic!("{path}: not in the quote"))
}

/// Asserts every `(path, value)` of `expect` in the quote.
fn expect(q: &Value, expect: &[(&str, Value)]) {
    for (path, want) in expect {
        assert_eq!(get(q, path), want, "{path}");
    }
}

/// The order promotion `rule`'s entry of `order_promotions[]`.
fn promotion<'a>(q: &'a Value, rule: &str) -> &'a Value {
    q["order_promotions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["rule"] == rule)
        .unwrap_or_else(|| panic!("no order promotion {rule}"))
}

/// A line's `considered[]` reason for `rule`, if it lists one.
fn considered<'a>(line: &'a Value, rule: &str) -> Option<&'a str> {
    line["considered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == rule)
        .map(|c| c["reason"].as_str().unwrap())
}

// ---------------------------------------------------------------------
// §3.8.1: the spare cent. EDU-COURSE (services, list 1000.00, tax 0) for
// a registered partner: no level discount (registered has no services
// rate), no volume break, no promotion, no order discount — A = 1000.00
// per seat. One 满减 of 100.00 on EDU-COURSE lines.
// ---------------------------------------------------------------------

fn seats_policy(amount: &str) -> String {
    with_order_promotions(
        json!([order_promotion(
            "MJ-SEAT",
            &["EDU-COURSE"],
            Value::Null,
            0,
            json!({"type": "amount_off", "tiers": [{"min_subtotal": "1000.00", "amount": amount}]}),
        )]),
        |_| {},
    )
}

fn seats(qtys: &[u32], amount: &str) -> Value {
    let lines: Vec<Value> = qtys
        .iter()
        .map(|q| json!({"sku": "EDU-COURSE", "qty": q}))
        .collect();
    quote(
        &seats_policy(amount),
        &partner_at("registered"),
        &order("2026-11-20", json!(lines), json!({})),
    )
}

fn shares(q: &Value) -> Vec<&str> {
    q["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["order_promotion_discount"].as_str().unwrap())
        .collect()
}

/// 100.00 over 1000.00, 2000.00, 4000.00 (t = 10000 ¢, B = 700000 ¢):
/// q = 1428, 2857, 5714 (9999 ¢, one short) with remainders 400000,
/// 100000, 200000: the first line's is largest and takes the cent.
/// Reversed, the cent follows the remainder to the last line: the rule
/// is the remainder, not the position.
#[test]
fn the_spare_cent_goes_to_the_largest_remainder() {
    let q = seats(&[1, 2, 4], "100.00");
    assert_eq!(shares(&q), ["14.29", "28.57", "57.14"]);
    expect(
        &q,
        &[
            ("lines[0].net_amount", json!("985.71")),
            ("lines[0].net_unit_price", json!("985.7100")),
            ("lines[1].net_amount", json!("1971.43")),
            // 1971.43 / 2 = 985.715 → 4 places.
            ("lines[1].net_unit_price", json!("985.7150")),
            ("lines[2].net_amount", json!("3942.86")),
            ("lines[2].steps[0].kind", json!("order_promotion")),
            ("lines[2].steps[0].amount", json!("-57.14")),
            ("totals.order_promotion_discount", json!("100.00")),
            ("totals.net_amount", json!("6900.00")),
        ],
    );
    let reversed = seats(&[4, 2, 1], "100.00");
    assert_eq!(shares(&reversed), ["57.14", "28.57", "14.29"]);
}

/// Three equal lines: 100.00 → 3333 ¢ each, equal remainders, one spare
/// cent → the earliest line; 200.00 → two spare cents → the first two.
#[test]
fn equal_remainders_give_the_spare_cents_to_the_earlier_lines() {
    let q = seats(&[1, 1, 1], "100.00");
    assert_eq!(shares(&q), ["33.34", "33.33", "33.33"]);
    assert_eq!(q["lines"][0]["net_amount"], "966.66");
    assert_eq!(q["lines"][2]["net_amount"], "966.67");
    let q = seats(&[1, 1, 1], "200.00");
    assert_eq!(shares(&q), ["66.67", "66.67", "66.66"]);
    assert_eq!(q["totals"]["order_promotion_discount"], "200.00");
}

// ---------------------------------------------------------------------
// §3.8 rule 4: `min_subtotal ≤ S` — a tier reached exactly applies.
// ---------------------------------------------------------------------

/// One ERP-STD for a registered partner (software 20 %) at `list`.
fn one_erp_std(list: &str, edit: impl FnOnce(&mut Value)) -> Value {
    let policy = policy_v2(|p| {
        set_list_price(p, "ERP-STD", list);
        edit(p);
    });
    quote(
        &policy,
        &partner_at("registered"),
        &order(
            "2026-11-20",
            json!([{"sku": "ERP-STD", "qty": 1}]),
            json!({}),
        ),
    )
}

/// List 25000.00 × 0.80 = 20000.00 = MJ-SOFT's first `min_subtotal`:
/// 满 20000 减 1000 applies (net 19000.00, tax 13 % 2470.00), and the next
/// tier is 30000.00 away (50000 → 3000.00). One cent less (list 24999.99
/// × 0.80 = 19999.992 → A 19999.99) reaches nothing: `below_threshold`,
/// 0.01 short of 1000.00.
#[test]
fn a_man_jian_tier_reached_exactly_applies_and_one_cent_short_does_not() {
    let q = one_erp_std("25000.00", |_| {});
    let mj = promotion(&q, "MJ-SOFT");
    assert_eq!(mj["status"], "applied");
    assert_eq!(mj["qualifying_subtotal"], "20000.00");
    assert_eq!(mj["discount"], "1000.00");
    assert_eq!(
        mj["next_tier"],
        json!({"additional_subtotal": "30000.00", "discount": "3000.00", "gift_qty": null})
    );
    expect(
        &q,
        &[
            ("lines[0].net_amount", json!("19000.00")),
            ("lines[0].net_unit_price", json!("19000.0000")),
            ("lines[0].tax_amount", json!("2470.00")),
            ("lines[0].gross_amount", json!("21470.00")),
            ("lines[0].order_promotion_discount", json!("1000.00")),
        ],
    );
    // MZ-SOFT (same group, 满 60000) is below its threshold.
    assert_eq!(promotion(&q, "MZ-SOFT")["status"], "below_threshold");

    let q = one_erp_std("24999.99", |_| {});
    let mj = promotion(&q, "MJ-SOFT");
    assert_eq!(mj["status"], "below_threshold");
    assert_eq!(mj["qualifying_subtotal"], "19999.99");
    assert_eq!(mj["discount"], "0.00");
    assert_eq!(
        mj["next_tier"],
        json!({"additional_subtotal": "0.01", "discount": "1000.00", "gift_qty": null})
    );
    assert_eq!(q["lines"][0]["net_amount"], "19999.99");
    // No step-8 amount: the unit price is v1's round₄(u) = 19999.9920.
    assert_eq!(q["lines"][0]["net_unit_price"], "19999.9920");
    assert_eq!(q["lines"][0]["order_promotion_discount"], "0.00");
    assert_eq!(
        considered(&q["lines"][0], "MJ-SOFT"),
        Some("below_threshold")
    );
}

// ---------------------------------------------------------------------
// §3.8 rules 4 and 9: 每满 5000 减 200, 封顶 1000 (MJ-CLOUD-EVERY).
// CLOUD-Y for a registered partner: 4800 × 0.85 = 4080; CLOUD-5PACK
// (≥ 5, 12 %) beats Q4-CLOUD (10 %): 3590.40.
// ---------------------------------------------------------------------

fn cloud(qty: u32) -> Value {
    quote(
        &spec_file("policy-v2.json"),
        &partner_at("registered"),
        &order(
            "2026-11-20",
            json!([{"sku": "CLOUD-Y", "qty": qty}]),
            json!({}),
        ),
    )
}

/// 7 × 3590.40 = 25132.80: n = 5, 5 × 200 = 1000.00 = the cap exactly —
/// capped, so there is no next tier (`null`): buying more gives nothing.
/// Net 24132.80 (unit 24132.80 / 7 = 3447.542857… → 3447.5429), tax 6 %
/// 1447.968 → 1447.97. One seat fewer (21542.40, n = 4, 800.00) is not
/// capped: 3457.60 more reaches n = 5 → 1000.00.
#[test]
fn an_every_cap_reached_exactly_has_no_next_tier() {
    let q = cloud(7);
    let every = promotion(&q, "MJ-CLOUD-EVERY");
    assert_eq!(every["status"], "applied");
    assert_eq!(every["qualifying_subtotal"], "25132.80");
    assert_eq!(every["discount"], "1000.00");
    assert_eq!(every["next_tier"], Value::Null);
    expect(
        &q,
        &[
            ("lines[0].net_amount", json!("24132.80")),
            ("lines[0].net_unit_price", json!("3447.5429")),
            ("lines[0].tax_amount", json!("1447.97")),
        ],
    );
    // MJ-CLOUD-PLAIN (same group, combines with nothing) keeps the
    // promoted line out.
    assert_eq!(
        promotion(&q, "MJ-CLOUD-PLAIN")["status"],
        "no_qualifying_lines"
    );
    assert_eq!(
        considered(&q["lines"][0], "MJ-CLOUD-PLAIN"),
        Some("exclusive_promotion")
    );

    let q = cloud(6);
    let every = promotion(&q, "MJ-CLOUD-EVERY");
    assert_eq!(every["discount"], "800.00");
    assert_eq!(
        every["next_tier"],
        json!({"additional_subtotal": "3457.60", "discount": "1000.00", "gift_qty": null})
    );
    assert_eq!(q["lines"][0]["net_amount"], "20742.40");
}

// ---------------------------------------------------------------------
// §3.8 rule 4: a gift and a cash discount in one group. Gold, 20 ×
// ERP-USER: 1800 × 0.65 × 0.95 = 1111.50 → S = 22230.00. The gift is one
// EDU-COURSE seat, worth round(1000.00 × 1) = 1000.00.
// ---------------------------------------------------------------------

fn cash(id: &str, amount: &str, priority: u32) -> Value {
    order_promotion(
        id,
        &["ERP-USER"],
        json!("g"),
        priority,
        json!({"type": "amount_off", "tiers": [{"min_subtotal": "10000.00", "amount": amount}]}),
    )
}

fn gift(id: &str, priority: u32) -> Value {
    order_promotion(
        id,
        &["ERP-USER"],
        json!("g"),
        priority,
        json!({"type": "gift", "sku": "EDU-COURSE", "tiers": [{"min_subtotal": "10000.00", "qty": 1}]}),
    )
}

fn twenty_users(promotions: Value) -> Value {
    quote(
        &with_order_promotions(promotions, |_| {}),
        &spec_file("accounts/gold.json"),
        &order(
            "2026-11-20",
            json!([{"sku": "ERP-USER", "qty": 20}]),
            json!({}),
        ),
    )
}

/// The one promotion of the group that applied.
fn winner(q: &Value) -> &str {
    let applied: Vec<&str> = q["order_promotions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] == "applied")
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert_eq!(applied.len(), 1, "one promotion per group: {applied:?}");
    applied[0]
}

/// The higher value wins: a 1000.00 seat beats 999.99 off (the gift line
/// follows the order line, the price stays 22230.00, the cash discount is
/// `weaker` and shows what it would have given); 1000.01 off beats the
/// seat (no gift line, 22230.00 − 1000.01 = 21229.99, tax 2759.90).
#[test]
fn gift_against_cash_in_one_group_the_higher_value_wins() {
    let q = twenty_users(json!([cash("CASH", "999.99", 0), gift("GIFT", 0)]));
    assert_eq!(winner(&q), "GIFT");
    let cash_entry = promotion(&q, "CASH");
    assert_eq!(cash_entry["status"], "weaker");
    assert_eq!(cash_entry["discount"], "999.99");
    assert_eq!(
        promotion(&q, "GIFT")["gift"],
        json!({"sku": "EDU-COURSE", "qty": 1})
    );
    expect(
        &q,
        &[
            ("lines[0].net_amount", json!("22230.00")),
            ("lines[0].order_promotion_discount", json!("0.00")),
            ("lines[1].sku", json!("EDU-COURSE")),
            ("lines[1].qty", json!(1)),
            ("lines[1].free", json!(true)),
            ("lines[1].order_line", Value::Null),
            ("lines[1].gross_amount", json!("0.00")),
            (
                "lines[1].steps",
                json!([{"kind": "order_gift", "rule": "GIFT", "unit_price_after": "0.0000"}]),
            ),
        ],
    );
    assert_eq!(considered(&q["lines"][0], "CASH"), Some("weaker"));
    assert_eq!(considered(&q["lines"][0], "GIFT"), None);

    let q = twenty_users(json!([cash("CASH", "1000.01", 0), gift("GIFT", 0)]));
    assert_eq!(winner(&q), "CASH");
    assert_eq!(q["lines"].as_array().unwrap().len(), 1, "no gift line");
    expect(
        &q,
        &[
            ("lines[0].order_promotion_discount", json!("1000.01")),
            ("lines[0].net_amount", json!("21229.99")),
            ("lines[0].tax_amount", json!("2759.90")),
            ("order_promotions[1].status", json!("weaker")),
            ("order_promotions[1].discount", json!("0.00")),
        ],
    );
    assert_eq!(considered(&q["lines"][0], "GIFT"), Some("weaker"));
}

/// Equal values (1000.00 off against a 1000.00 seat): the lower priority
/// number wins whichever it is; with equal priorities the lower id (byte
/// order) wins, wherever the promotions stand in the policy.
#[test]
fn gift_against_cash_of_equal_value_priority_then_id_decide() {
    let by_priority = [
        (
            json!([cash("CASH", "1000.00", 5), gift("GIFT", 10)]),
            "CASH",
        ),
        (
            json!([cash("CASH", "1000.00", 10), gift("GIFT", 5)]),
            "GIFT",
        ),
        (
            json!([gift("GIFT", 10), cash("CASH", "1000.00", 5)]),
            "CASH",
        ),
    ];
    for (promotions, want) in by_priority {
        let q = twenty_users(promotions);
        assert_eq!(winner(&q), want);
    }
    let by_id = [
        (
            json!([cash("A-CASH", "1000.00", 0), gift("B-GIFT", 0)]),
            "A-CASH",
        ),
        (
            json!([gift("B-GIFT", 0), cash("A-CASH", "1000.00", 0)]),
            "A-CASH",
        ),
        (
            json!([cash("Z-CASH", "1000.00", 0), gift("B-GIFT", 0)]),
            "B-GIFT",
        ),
        // Byte order: upper case sorts before lower case.
        (
            json!([cash("b-CASH", "1000.00", 0), gift("B-GIFT", 0)]),
            "B-GIFT",
        ),
    ];
    for (promotions, want) in by_id {
        let q = twenty_users(promotions);
        assert_eq!(winner(&q), want);
    }
    // The cash winner took 1000.00; the gift winner left the price.
    let q = twenty_users(json!([cash("A-CASH", "1000.00", 0), gift("B-GIFT", 0)]));
    assert_eq!(q["lines"][0]["net_amount"], "21230.00");
    let q = twenty_users(json!([cash("Z-CASH", "1000.00", 0), gift("B-GIFT", 0)]));
    assert_eq!(q["lines"][0]["net_amount"], "22230.00");
    assert_eq!(q["lines"][1]["free"], true);
}

// ---------------------------------------------------------------------
// §1 and §3.8 rule 4: D = round(S × rate) in the policy's mode.
// ---------------------------------------------------------------------

/// One EDU-COURSE seat (registered, tax 0) at `list`, under a 满折 of
/// 5 % from 100.00 with a second tier at 100.50, in `rounding`.
fn man_zhe(list: &str, rounding: &str) -> Value {
    let tiers = json!([
        {"min_subtotal": "100.00", "rate": "0.05"},
        {"min_subtotal": "100.50", "rate": "0.05"}
    ]);
    let policy = with_order_promotions(
        json!([order_promotion(
            "MZ-SEAT",
            &["EDU-COURSE"],
            Value::Null,
            0,
            json!({"type": "percent_off", "tiers": tiers}),
        )]),
        |p| {
            p["rounding"] = json!(rounding);
            set_list_price(p, "EDU-COURSE", list);
        },
    );
    quote(
        &policy,
        &partner_at("registered"),
        &order(
            "2026-11-20",
            json!([{"sku": "EDU-COURSE", "qty": 1}]),
            json!({}),
        ),
    )
}

/// S = 100.10: S × 0.05 = 5.005 exactly. half_up rounds it away from zero
/// (5.01, net 95.09); half_even to the even cent (5.00, net 95.10). The
/// next tier's discount round(100.50 × 0.05 = 5.025) likewise: 5.03 / 5.02.
/// S = 100.30: 5.015 → 5.02 in both (the even neighbour is the upper one).
#[test]
fn man_zhe_rounds_a_half_cent_by_the_policy_mode() {
    let up = man_zhe("100.10", "half_up");
    let even = man_zhe("100.10", "half_even");
    for (q, discount, net, next) in [
        (&up, "5.01", "95.09", "5.03"),
        (&even, "5.00", "95.10", "5.02"),
    ] {
        let mz = promotion(q, "MZ-SEAT");
        assert_eq!(mz["qualifying_subtotal"], "100.10");
        assert_eq!(mz["discount"], discount);
        assert_eq!(
            mz["next_tier"],
            json!({"additional_subtotal": "0.40", "discount": next, "gift_qty": null})
        );
        assert_eq!(q["lines"][0]["net_amount"], net);
        assert_eq!(q["lines"][0]["order_promotion_discount"], discount);
    }
    for rounding in ["half_up", "half_even"] {
        let q = man_zhe("100.30", rounding);
        assert_eq!(promotion(&q, "MZ-SEAT")["discount"], "5.02", "{rounding}");
        assert_eq!(q["lines"][0]["net_amount"], "95.28", "{rounding}");
    }
}

// ---------------------------------------------------------------------
// §3.8 "Price basis": with prices_include_tax, S, the tiers and the
// shares are gross; tax is split from the final A.
// ---------------------------------------------------------------------

/// SPEC-v2 example 1's order under a tax-inclusive policy-v2: the same
/// figures, now gross — S 28938.00, shares 460.92 / 539.08 — and tax
/// split out of the final A: ERP-USER 12877.08 × 0.13 / 1.13 = 1481.434…
/// → 1481.43, net 11395.65; ERP-STD 15060.92 → tax 1732.67, net 13328.25.
/// MZ-GIFT sees the gross left after MJ-SOFT, 27938.00.
#[test]
fn a_tax_inclusive_man_jian_compares_gross_and_splits_tax_from_the_final_amount() {
    let policy = policy_v2(|p| p["prices_include_tax"] = json!(true));
    let q = quote(
        &policy,
        &spec_file("accounts/gold.json"),
        &spec_file("orders/v2-01-mj-allocation.json"),
    );
    let mj = promotion(&q, "MJ-SOFT");
    assert_eq!(mj["status"], "applied");
    assert_eq!(mj["qualifying_subtotal"], "28938.00");
    expect(
        &q,
        &[
            ("lines[0].order_promotion_discount", json!("460.92")),
            ("lines[0].gross_amount", json!("12877.08")),
            ("lines[0].tax_amount", json!("1481.43")),
            ("lines[0].net_amount", json!("11395.65")),
            // Unit prices of a tax-inclusive policy are gross.
            ("lines[0].net_unit_price", json!("1073.0900")),
            ("lines[1].order_promotion_discount", json!("539.08")),
            ("lines[1].gross_amount", json!("15060.92")),
            ("lines[1].tax_amount", json!("1732.67")),
            ("lines[1].net_amount", json!("13328.25")),
            ("lines[1].net_unit_price", json!("7530.4600")),
            ("totals.gross_amount", json!("27938.00")),
            ("totals.tax_amount", json!("3214.10")),
            ("totals.net_amount", json!("24723.90")),
            ("totals.order_promotion_discount", json!("1000.00")),
        ],
    );
    assert_eq!(promotion(&q, "MZ-GIFT")["qualifying_subtotal"], "27938.00");
}

/// A gross S of exactly 20000.00 reaches 满 20000 although its net part
/// (17699.12) would not: the tier is gross. 19000.00 gross after the
/// discount: tax 19000 × 0.13 / 1.13 = 2185.84, net 16814.16.
#[test]
fn a_tax_inclusive_tier_is_reached_by_the_gross_subtotal() {
    let q = one_erp_std("25000.00", |p| p["prices_include_tax"] = json!(true));
    let mj = promotion(&q, "MJ-SOFT");
    assert_eq!(mj["status"], "applied");
    assert_eq!(mj["qualifying_subtotal"], "20000.00");
    expect(
        &q,
        &[
            ("lines[0].gross_amount", json!("19000.00")),
            ("lines[0].tax_amount", json!("2185.84")),
            ("lines[0].net_amount", json!("16814.16")),
        ],
    );
}

// ---------------------------------------------------------------------
// §3.8 rule 8: steps 8 and 9 may go below the floor; shown, not clamped.
// POS-T1 (floor 1700.00) for the distributor: 2399 × 0.80 = 1919.20;
// in November CLEARANCE (distributors, 30 %) gives 1343.44 → floor 1700.
// HW-MJ: distributors' hardware 满 10000 减 300, combines with free goods.
// ---------------------------------------------------------------------

fn distributor() -> String {
    spec_file("accounts/distributor.json")
}

fn hw_mj(p: &mut Value, edit: impl FnOnce(&mut Value)) {
    let hw = p["order_promotions"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|x| x["id"] == "HW-MJ")
        .unwrap();
    edit(hw);
}

/// December (no CLEARANCE), HW-MJ raised to 2000.00 off: 6 × 1919.20 =
/// 11515.20 − 2000.00 = 9515.20, unit 1585.8667 < 1700 — not clamped,
/// warned `order_promotion_below_floor` (tax 13 % 1236.98).
#[test]
fn an_order_promotion_below_the_floor_is_warned_not_clamped() {
    let policy = policy_v2(|p| {
        hw_mj(p, |hw| {
            hw["action"]["tiers"][0]["amount"] = json!("2000.00")
        })
    });
    let q = quote(
        &policy,
        &distributor(),
        &order(
            "2026-12-10",
            json!([{"sku": "POS-T1", "qty": 6}]),
            json!({}),
        ),
    );
    expect(
        &q,
        &[
            ("lines[0].order_promotion_discount", json!("2000.00")),
            ("lines[0].net_amount", json!("9515.20")),
            ("lines[0].net_unit_price", json!("1585.8667")),
            ("lines[0].tax_amount", json!("1236.98")),
            ("lines[0].warnings", json!(["order_promotion_below_floor"])),
        ],
    );
}

/// November, HW-MJ also combining with promotions: the floor lifts the
/// unit to 1700.00 (`floor_applied`), 6 × 1700 = 10200.00 reaches 满
/// 10000, and 300.00 off takes it to 9900.00 (1650.0000): both warnings,
/// floor first. Step 7 is not repeated.
#[test]
fn the_floor_then_an_order_promotion_below_it_carries_both_warnings_in_order() {
    let policy = policy_v2(|p| {
        hw_mj(p, |hw| {
            hw["combines_with"] = json!(["free_goods", "promotion"])
        })
    });
    let q = quote(
        &policy,
        &distributor(),
        &order(
            "2026-11-20",
            json!([{"sku": "POS-T1", "qty": 6}]),
            json!({}),
        ),
    );
    expect(
        &q,
        &[
            ("lines[0].order_promotion_discount", json!("300.00")),
            ("lines[0].net_amount", json!("9900.00")),
            ("lines[0].net_unit_price", json!("1650.0000")),
            (
                "lines[0].warnings",
                json!(["floor_applied", "order_promotion_below_floor"]),
            ),
        ],
    );
}

/// A step-9 cash discount counts too: one POS-T1 at the floor (1700.00)
/// paid PREPAY, round(1700 × −0.005) = −8.50 → 1691.50 < 1700.
#[test]
fn a_cash_discount_below_the_floor_is_warned() {
    let q = quote(
        &spec_file("policy-v2.json"),
        &distributor(),
        &order(
            "2026-11-20",
            json!([{"sku": "POS-T1", "qty": 1}]),
            json!({"payment": {"option": "PREPAY"}}),
        ),
    );
    expect(
        &q,
        &[
            ("lines[0].payment_adjustment", json!("-8.50")),
            ("lines[0].net_amount", json!("1691.50")),
            ("lines[0].net_unit_price", json!("1691.5000")),
            (
                "lines[0].warnings",
                json!(["floor_applied", "order_promotion_below_floor"]),
            ),
        ],
    );
}

/// A special price ignores the floor (v1), so a special-price line never
/// carries the warning, even when its share takes it further below.
/// December, HW-MJ 4000.00 off, combining with special prices: 7 ×
/// special 1600 = 11200.00 and 6 × 1919.20 = 11515.20, S 22715.20.
/// Cents: t = 400000, B = 2271520: q = 197224 / 202775 with remainders
/// 1739520 / 532000 → the special line takes the spare cent: 1972.25 /
/// 2027.75. Special: 9227.75 (1318.2500), no warning; the other 9487.45
/// (1581.2417), warned. Also NET60's +1 % on one special 1600: 1616.00,
/// still below the floor, no warning.
#[test]
fn a_special_price_line_below_the_floor_is_never_warned() {
    let policy = policy_v2(|p| {
        hw_mj(p, |hw| {
            hw["action"]["tiers"][0]["amount"] = json!("4000.00");
            hw["combines_with"] = json!(["special_price", "free_goods"]);
        })
    });
    let q = quote(
        &policy,
        &distributor(),
        &order(
            "2026-12-10",
            json!([
                {"sku": "POS-T1", "qty": 7, "special_price": {"price": "1600.00", "approval": "SB-1"}},
                {"sku": "POS-T1", "qty": 6}
            ]),
            json!({}),
        ),
    );
    assert_eq!(promotion(&q, "HW-MJ")["qualifying_subtotal"], "22715.20");
    expect(
        &q,
        &[
            ("lines[0].order_promotion_discount", json!("1972.25")),
            ("lines[0].net_amount", json!("9227.75")),
            ("lines[0].net_unit_price", json!("1318.2500")),
            ("lines[0].warnings", json!([])),
            ("lines[1].order_promotion_discount", json!("2027.75")),
            ("lines[1].net_amount", json!("9487.45")),
            ("lines[1].net_unit_price", json!("1581.2417")),
            ("lines[1].tax_amount", json!("1233.37")),
            ("lines[1].warnings", json!(["order_promotion_below_floor"])),
        ],
    );

    let q = quote(
        &spec_file("policy-v2.json"),
        &distributor(),
        &order(
            "2026-12-10",
            json!([{"sku": "POS-T1", "qty": 1, "special_price": {"price": "1600.00", "approval": "SB-1"}}]),
            json!({"payment": {"option": "NET60"}}),
        ),
    );
    expect(
        &q,
        &[
            ("lines[0].payment_adjustment", json!("16.00")),
            ("lines[0].net_amount", json!("1616.00")),
            ("lines[0].net_unit_price", json!("1616.0000")),
            ("lines[0].warnings", json!([])),
        ],
    );
}

// ---------------------------------------------------------------------
// §3.10: the adjustment's extreme, −1.
// ---------------------------------------------------------------------

/// An option of −100 % (allowed: [−1, 1]): gold 12 × ERP-USER (13338.00)
/// becomes 0.00 — net, tax, gross, unit price, all unsigned zeros — while
/// the special-price ERP-STD (9000.00) is skipped by a negative
/// adjustment: no step, 9000.00 + 1170.00 tax stays.
#[test]
fn an_adjustment_of_minus_one_makes_the_line_amount_zero() {
    let policy = policy_v2(|p| {
        p["payment_options"].as_array_mut().unwrap().push(json!({
            "id": "FREE", "name": {"zh": "全免", "en": "Free"},
            "kind": "terms", "days": 30, "adjustment": "-1"
        }));
    });
    let q = quote(
        &policy,
        &spec_file("accounts/gold.json"),
        &order(
            "2026-11-20",
            json!([
                {"sku": "ERP-USER", "qty": 12},
                {"sku": "ERP-STD", "qty": 1, "special_price": {"price": "9000.00", "approval": "SB-9"}}
            ]),
            json!({"payment": {"option": "FREE"}}),
        ),
    );
    expect(
        &q,
        &[
            ("lines[0].payment_adjustment", json!("-13338.00")),
            ("lines[0].net_amount", json!("0.00")),
            ("lines[0].tax_amount", json!("0.00")),
            ("lines[0].gross_amount", json!("0.00")),
            ("lines[0].net_unit_price", json!("0.0000")),
            ("lines[0].payable_amount", json!("0.00")),
            ("lines[0].effective_unit_cost", json!("0.0000")),
            ("lines[0].steps[2].kind", json!("payment_terms")),
            ("lines[0].steps[2].unit_price_after", json!("0.0000")),
            ("lines[1].payment_adjustment", json!("0.00")),
            ("lines[1].net_amount", json!("9000.00")),
            ("lines[1].tax_amount", json!("1170.00")),
            ("totals.payment_adjustment", json!("-13338.00")),
            ("payment.adjustment_amount", json!("-13338.00")),
            ("totals.net_amount", json!("9000.00")),
            ("totals.payable", json!("10170.00")),
        ],
    );
    let special_steps = q["lines"][1]["steps"].as_array().unwrap();
    assert!(special_steps.iter().all(|s| s["kind"] != "payment_terms"));
}

// ---------------------------------------------------------------------
// §3.10 rule 5 and §4.4: paying late. gold-rebate (REB-Q4 and REB-Q4-STEP,
// target 500000, ptd 380000), 4 × ERP-STD special 10000 (basis 40000):
// REB-Q4 impact 8400.00 (no schedule), REB-Q4-STEP incremental impact
// 400.00 with ≤15 days 1.00, ≤30 0.80, ≤45 0.50, beyond: 0.
// ---------------------------------------------------------------------

fn net30_paid_on(expected_days: u32) -> Value {
    let mut o = spec_json("orders/v2-09-collection-rebate.json");
    o["payment"]["expected_days"] = json!(expected_days);
    quote(
        &spec_file("policy-v2.json"),
        &spec_file("accounts/gold-rebate.json"),
        &o.to_string(),
    )
}

fn late_warning(q: &Value) -> Option<&Value> {
    q["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "payment_after_due_date")
}

/// Day 30 is the due date (2026-11-20 + 30 = 2026-12-20): no warning,
/// 0.80 → 320.00. Day 31: warned, 0.50 → 200.00. Day 45 is the last
/// step's own bound: still 0.50. Day 46 is beyond every step: 0 → 0.00.
/// The program without a schedule pays its whole 8400.00 throughout.
#[test]
fn paying_after_the_due_date_warns_and_beyond_the_last_step_pays_nothing() {
    for (days, late, coefficient, payout) in [
        (30, false, "0.8000", "320.00"),
        (31, true, "0.5000", "200.00"),
        (45, true, "0.5000", "200.00"),
        (46, true, "0.0000", "0.00"),
    ] {
        let q = net30_paid_on(days);
        assert_eq!(q["payment"]["due_date"], "2026-12-20", "day {days}");
        assert_eq!(q["payment"]["expected_days"], days, "day {days}");
        assert_eq!(late_warning(&q).is_some(), late, "day {days}");
        expect(
            &q,
            &[
                ("rebates[0].program", json!("REB-Q4")),
                ("rebates[0].collection_days", Value::Null),
                ("rebates[0].payout_coefficient", json!("1.0000")),
                ("rebates[0].expected_payout", json!("8400.00")),
                ("rebates[1].program", json!("REB-Q4-STEP")),
                ("rebates[1].impact", json!("400.00")),
                ("rebates[1].collection_days", json!(days)),
                ("rebates[1].payout_coefficient", json!(coefficient)),
                ("rebates[1].expected_payout", json!(payout)),
            ],
        );
    }
    // The warning names no order line.
    let q = net30_paid_on(46);
    let w = late_warning(&q).unwrap();
    assert_eq!(
        w.get("order_lines"),
        Some(&Value::Null),
        "{w}: SPEC-v2 §9.1 writes order_lines: null"
    );
    assert!(w["en"].as_str().unwrap().contains("2026-12-20"), "{w}");
}

// ---------------------------------------------------------------------
// §5.3: the override action. credit-overdue (registered; 5000.00 overdue
// 45 days > grace 30; limit 200000 + temporary 50000 to 2026-11-30;
// exposure 140000), 60 × EDU-COURSE = 60000.00; policy-v2's overdue
// action is `override`.
// ---------------------------------------------------------------------

fn overdue_order(extra: Value) -> String {
    order(
        "2026-11-20",
        json!([{"sku": "EDU-COURSE", "qty": 60}]),
        extra,
    )
}

/// With the code: `approved_with_override`, nothing to prepay, the code
/// shown, the reason marked overridden. Without it: `blocked`, the whole
/// 60000.00 to prepay, no code, not overridden.
#[test]
fn an_override_with_its_code_approves_and_without_it_blocks() {
    let policy = spec_file("policy-v2.json");
    let overdue = spec_file("accounts/credit-overdue.json");
    let q = quote(
        &policy,
        &overdue,
        &overdue_order(json!({"credit_override": {"approval": "CR-2026-0007"}})),
    );
    expect(
        &q,
        &[
            ("credit.decision", json!("approved_with_override")),
            ("credit.required_prepayment", json!("0.00")),
            ("credit.override_approval", json!("CR-2026-0007")),
            ("credit.reasons[0].code", json!("overdue")),
            ("credit.reasons[0].action", json!("override")),
            ("credit.reasons[0].overridden", json!(true)),
            ("credit.exposure_after", json!("200000.00")),
        ],
    );

    let q = quote(&policy, &overdue, &overdue_order(json!({})));
    expect(
        &q,
        &[
            ("credit.decision", json!("blocked")),
            ("credit.required_prepayment", json!("60000.00")),
            ("credit.override_approval", Value::Null),
            ("credit.reasons[0].code", json!("overdue")),
            ("credit.reasons[0].overridden", json!(false)),
        ],
    );
}

/// `override_approval` is set only when the code overrode something: a
/// code on an order nothing stops (gold, 60 × 900.00 = 54000.00) is not
/// shown and the order is simply `approved`. A code that overrides the
/// overdue reason is shown even when an on-hold `block` still blocks.
/// A prepaid order whose reason is overridden prepays all of it (59700.00).
#[test]
fn override_approval_is_shown_only_when_the_code_was_used() {
    let policy = spec_file("policy-v2.json");
    let code = json!({"credit_override": {"approval": "CR-2026-0007"}});

    let q = quote(
        &policy,
        &spec_file("accounts/gold.json"),
        &overdue_order(code.clone()),
    );
    expect(
        &q,
        &[
            ("credit.decision", json!("approved")),
            ("credit.override_approval", Value::Null),
            ("credit.reasons", json!([])),
            ("totals.payable", json!("54000.00")),
        ],
    );

    let on_hold = account("accounts/credit-overdue.json", |a| {
        a["credit"]["on_hold"] = json!(true)
    });
    let q = quote(&policy, &on_hold, &overdue_order(code.clone()));
    expect(
        &q,
        &[
            ("credit.decision", json!("blocked")),
            ("credit.required_prepayment", json!("60000.00")),
            ("credit.reasons[0].code", json!("on_hold")),
            ("credit.reasons[0].action", json!("block")),
            ("credit.reasons[0].overridden", json!(false)),
            ("credit.reasons[1].code", json!("overdue")),
            ("credit.reasons[1].overridden", json!(true)),
            ("credit.override_approval", json!("CR-2026-0007")),
        ],
    );

    let mut prepaid = code;
    prepaid["payment"] = json!({"option": "PREPAY"});
    let q = quote(
        &policy,
        &spec_file("accounts/credit-overdue.json"),
        &overdue_order(prepaid),
    );
    expect(
        &q,
        &[
            ("totals.payable", json!("59700.00")),
            ("credit.decision", json!("approved_with_override")),
            ("credit.required_prepayment", json!("59700.00")),
            ("credit.override_approval", json!("CR-2026-0007")),
            ("credit.consumes_credit", json!(false)),
            ("credit.exposure_after", json!("140000.00")),
        ],
    );
}

// ---------------------------------------------------------------------
// §5.4 rule 4: which limit binds. gold-group: partner limit 300000,
// exposure 120000 (available 180000); the order (v2-11: 60 × EDU-COURSE
// = 54000.00, NET30) leaves the partner 126000.00. The group's limit is
// 1000000.00; its exposure is set so that its own available_after is
// equal to, or a cent below, the partner's.
// ---------------------------------------------------------------------

fn group_exposure(exposure: &str) -> Value {
    let a = account("accounts/gold-group.json", |a| {
        a["credit"]["group"]["exposure"] = json!(exposure)
    });
    quote(
        &spec_file("policy-v2.json"),
        &a,
        &spec_file("orders/v2-11-group-limit.json"),
    )
}

/// Equal (group 1000000 − 874000 = 126000.00 = the partner's): the
/// partner binds. A cent lower (group exposure 820000.01 → 125999.99):
/// the group binds, and the effective figures are the group's. Neither
/// group reason holds (874000.01 ≤ 0.90 × 1000000): `approved`.
#[test]
fn the_group_binds_only_when_strictly_below_the_partner() {
    let q = group_exposure("820000.00");
    expect(
        &q,
        &[
            ("credit.available_after", json!("126000.00")),
            ("credit.group.available_after", json!("126000.00")),
            ("credit.binding", json!("partner")),
            ("credit.effective_available_before", json!("180000.00")),
            ("credit.effective_available_after", json!("126000.00")),
            ("credit.decision", json!("approved")),
        ],
    );

    let q = group_exposure("820000.01");
    expect(
        &q,
        &[
            ("credit.available_after", json!("126000.00")),
            ("credit.group.exposure_after", json!("874000.01")),
            ("credit.group.available_after", json!("125999.99")),
            ("credit.binding", json!("group")),
            ("credit.effective_available_before", json!("179999.99")),
            ("credit.effective_available_after", json!("125999.99")),
            ("credit.decision", json!("approved")),
            ("credit.reasons", json!([])),
        ],
    );
}
