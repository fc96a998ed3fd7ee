//! Plans a year: 12 monthly periods of 10 lines each, compared over the 4
//! levels of the SPEC's policy (48 quotes, with period-to-date carried
//! through both Q4 rebate programs), and writes the result as the CLI does.

use channel_quote::engine::{plan, Plan, PreparedPolicy};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use std::hint::black_box;

/// The SPEC's SKUs with a resale price each, cycled through the lines.
const SKUS: &[(&str, &str)] = &[
    ("ERP-STD", "10500.00"),
    ("ERP-USER", "1600.00"),
    ("CLOUD-Y", "4500.00"),
    ("POS-T1", "2300.00"),
    ("SVC-IMPL", "900.00"),
    ("EDU-COURSE", "700.00"),
];

fn year_plan() -> String {
    let periods: Vec<_> = (1..=12)
        .map(|month| {
            let lines: Vec<_> = (0..10)
                .map(|i| {
                    let (sku, resale) = SKUS[(month + i) % SKUS.len()];
                    json!({"sku": sku, "qty": 5 + 7 * i + month, "resale_price": resale})
                })
                .collect();
            json!({
                "label": format!("2026-{month:02}"),
                "date": format!("2026-{month:02}-15"),
                "lines": lines,
                "services_revenue": "20000.00",
                "services_cost": "12000.00",
                "mdf": "2000.00",
            })
        })
        .collect();
    json!({
        "schema": "channel-plan/1",
        "title": "2026 年经营测算",
        "partner_name": "华东云启科技有限公司",
        "rebate_targets": [
            {"program": "REB-Q4", "target": "500000.00"},
            {"program": "REB-Q4-STEP", "target": "500000.00", "period_to_date": "50000.00"}
        ],
        "periods": periods,
        "customer_payment_days": 60,
        "cost_of_capital": "0.06",
        "fixed_costs": {"staff": 3, "cost_per_staff": "45000.00", "other": "20000.00"}
    })
    .to_string()
}

fn bench_plan(c: &mut Criterion) {
    let policy_bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/spec/policy.json"
    ))
    .expect("the SPEC's policy is in tests/spec");
    let policy =
        PreparedPolicy::from_json_bytes(&policy_bytes).expect("the SPEC's policy is valid");
    let doc = Plan::from_json_text(&year_plan()).expect("the generated plan is valid");
    let result = plan(&policy, &doc).expect("the generated plan quotes");
    assert_eq!(result.levels.len(), 4);
    assert_eq!(result.levels[0].periods.len(), 12);

    c.bench_function("plan 12 periods × 10 lines over 4 levels", |b| {
        b.iter(|| plan(black_box(&policy), black_box(&doc)))
    });
    c.bench_function("plan 12 × 10 × 4, written as JSON", |b| {
        b.iter(|| {
            let r = plan(black_box(&policy), black_box(&doc)).expect("plans");
            serde_json::to_string_pretty(&r).expect("serializes")
        })
    });
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
