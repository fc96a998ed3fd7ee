//! Quotes the benchmark's order in a loop, for a profiler to look at.
#[path = "../tests/common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;
use channel_quote::engine::{quote, PreparedPolicy};
fn main() {
    let mut rng = synthetic::Rng::new(2026);
    let policy = synthetic::policy(&mut rng, &synthetic::Shape::bench());
    let text = serde_json::to_string(&policy).unwrap();
    let prepared = PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap();
    let account = synthetic::account(&mut rng, &policy);
    let order = synthetic::order(&mut rng, &policy, 1000);
    let t = std::time::Instant::now();
    let mut considered = 0;
    let runs: u32 = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(300);
    for _ in 0..runs {
        let q = quote(&prepared, &account, &order).unwrap();
        considered = q.lines.iter().map(|l| l.considered.len()).sum::<usize>();
    }
    println!(
        "{:?} per quote, {considered} considered entries",
        t.elapsed() / runs
    );
}
