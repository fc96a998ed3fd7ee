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
    let mut group = c.benchmark_group("policy");
    group.sample_size(10);
    group.bench_function("read + validate + index a 10k-SKU policy", |b| {
        b.iter(|| PreparedPolicy::from_json_bytes(black_box(text.as_bytes())))
    });
    group.finish();
}

criterion_group!(benches, bench_quote);
criterion_main!(benches);
