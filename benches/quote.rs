//! Prices a generated 1,000-line order against a generated policy of
//! 10,000 SKUs, 500 promotions and 50 volume breaks (issue 2's figure), and
//! reads such a policy from JSON (what the app pays when a file is opened).

#[path = "../tests/common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use channel_quote::engine::{quote, PreparedPolicy};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use synthetic::{Rng, Shape};

fn bench_quote(c: &mut Criterion) {
    let mut rng = Rng::new(2026);
    let policy = synthetic::policy(&mut rng, &Shape::bench());
    let text = serde_json::to_string(&policy).expect("policy serializes");
    let prepared =
        PreparedPolicy::from_json_bytes(text.as_bytes()).expect("generated policy is valid");
    let account = synthetic::account(&mut rng, &policy);
    let order = synthetic::order(&mut rng, &policy, 1000);
    quote(&prepared, &account, &order).expect("generated order quotes");

    c.bench_function(
        "quote 1000 lines / 10k SKUs, 500 promotions, 50 breaks",
        |b| b.iter(|| quote(black_box(&prepared), black_box(&account), black_box(&order))),
    );
    // The same order under SPEC-v2: four order promotions in four groups
    // (满减, 满折, 每满减, 满赠, each over every line), and 60-day terms.
    let (prepared_v2, order_v2) = v2(&text, &order);
    let q2 = quote(&prepared_v2, &account, &order_v2).expect("the v2 order quotes");
    let applied = q2.v2.as_ref().map_or(0, |v| {
        v.order_promotions
            .iter()
            .filter(|r| format!("{:?}", r.status) == "Applied")
            .count()
    });
    assert_eq!(applied, 4, "every order promotion applies");
    c.bench_function(
        "quote 1000 lines / 10k SKUs, + 4 order promotions and 60-day terms (v2)",
        |b| {
            b.iter(|| {
                quote(
                    black_box(&prepared_v2),
                    black_box(&account),
                    black_box(&order_v2),
                )
            })
        },
    );
    let mut group = c.benchmark_group("policy");
    group.sample_size(10);
    group.bench_function("read + validate + index a 10k-SKU policy", |b| {
        b.iter(|| PreparedPolicy::from_json_bytes(black_box(text.as_bytes())))
    });
    group.finish();
}

/// The policy `/2` with one order promotion of each type, and the order
/// `/2` on 60-day terms (+1 %).
fn v2(
    policy: &str,
    order: &channel_quote::engine::Order,
) -> (PreparedPolicy, channel_quote::engine::Order) {
    use serde_json::{json, Value};
    let mut p: Value = serde_json::from_str(policy).expect("json");
    let gift = p["products"][0]["sku"].clone();
    let promo = |id: &str, group: &str, action: Value| {
        json!({"id": id, "name": {"zh": id, "en": id}, "valid_from": "2026-01-01",
               "valid_to": "2027-12-31", "group": group,
               "combines_with": ["special_price", "promotion", "free_goods", "order_discount"],
               "action": action})
    };
    p["schema"] = json!("channel-policy/2");
    p["order_promotions"] = json!([
        promo(
            "V2-MJ",
            "a",
            json!({"type": "amount_off", "tiers": [
            {"min_subtotal": "1000.00", "amount": "100.00"},
            {"min_subtotal": "100000.00", "amount": "3000.00"}]})
        ),
        promo(
            "V2-MZ",
            "b",
            json!({"type": "percent_off", "tiers": [{"min_subtotal": "1000.00", "rate": "0.02"}]})
        ),
        promo(
            "V2-EVERY",
            "c",
            json!({"type": "amount_off_every", "every": "1000.00", "amount": "10.00", "cap": null})
        ),
        promo(
            "V2-GIFT",
            "d",
            json!({"type": "gift", "sku": gift, "tiers": [{"min_subtotal": "1000.00", "qty": 1}]})
        ),
    ]);
    p["payment_options"] = json!([
        {"id": "NET60", "name": {"zh": "60天", "en": "60 days"}, "kind": "terms", "days": 60, "adjustment": "0.01"}
    ]);
    let prepared = PreparedPolicy::from_json_bytes(p.to_string().as_bytes()).expect("v2 policy");
    let mut o: Value = serde_json::to_value(order).expect("order json");
    o["schema"] = json!("channel-order/2");
    o["payment"] = json!({"option": "NET60"});
    let order = channel_quote::engine::Order::from_json_text(&o.to_string()).expect("v2 order");
    (prepared, order)
}

criterion_group!(benches, bench_quote);
criterion_main!(benches);
