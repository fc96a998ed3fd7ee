//! Writes a batch workload for `channel-quote batch`: a generated policy
//! (10,000 SKUs, 500 promotions), 200 partner accounts and N order
//! requests of L lines, one per line, each carrying the quote the
//! partner's engine made — what a day of submissions looks like.
//!
//! `cargo run --release --example gen_requests -- DIR [N=100000] [LINES=10] [bench|small]`
//! (`small`: a 12-SKU policy with 8 promotions, a small vendor's).
#[path = "../tests/common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use channel_quote::engine::fields::{Id, RequestId, Timestamp};
use channel_quote::engine::{quote, PreparedPolicy, Request};
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).expect("usage: gen_requests DIR [N] [LINES]"));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let lines: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    std::fs::create_dir_all(dir.join("accounts")).unwrap();
    let mut rng = synthetic::Rng::new(2026);
    let shape = match args.get(4).map(String::as_str) {
        Some("small") => synthetic::Shape::small(),
        _ => synthetic::Shape::bench(),
    };
    let policy = synthetic::policy(&mut rng, &shape);
    let text = serde_json::to_string_pretty(&policy).unwrap();
    std::fs::write(dir.join("policy.json"), &text).unwrap();
    let prepared = PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap();
    let accounts: Vec<_> = (0..200)
        .map(|i| {
            let mut a = synthetic::account(&mut rng, &policy);
            a.partner_id = Id::new(format!("P-{i:04}")).unwrap();
            std::fs::write(
                dir.join("accounts").join(format!("P-{i:04}.json")),
                serde_json::to_vec_pretty(&a).unwrap(),
            )
            .unwrap();
            a
        })
        .collect();
    let out = std::fs::File::create(dir.join("requests.jsonl")).unwrap();
    let mut out = std::io::BufWriter::new(out);
    let created = Timestamp::new("2026-11-20T09:41:07Z").unwrap();
    let mut bytes = 0usize;
    for i in 0..n {
        let account = accounts[i % accounts.len()].clone();
        let order = synthetic::order(&mut rng, &policy, lines);
        let q = quote(&prepared, &account, &order).unwrap();
        let id = RequestId::new(format!("cq-{i:08}")).unwrap();
        let request = Request::for_quote(id, created.clone(), account, order, &q, None).unwrap();
        let line = serde_json::to_string(&request).unwrap();
        bytes += line.len() + 1;
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    eprintln!(
        "{n} requests of {lines} lines, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}
