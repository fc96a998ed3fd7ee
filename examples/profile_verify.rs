//! Times the phases of verifying a batch line, single-threaded, for a
//! profiler and for deciding where batch time goes.
//! `cargo run --release --example profile_verify -- DIR` (from gen_requests)
use channel_quote::back_office::AccountBook;
use channel_quote::engine::json::Json;
use channel_quote::engine::verify::verify;
use channel_quote::engine::{quote, PreparedPolicy, Request};
use std::time::Instant;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let policy =
        PreparedPolicy::from_json_bytes(&std::fs::read(dir.join("policy.json")).unwrap()).unwrap();
    let book = AccountBook::load(&dir.join("accounts")).unwrap();
    let file = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "requests.jsonl".into());
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let lines: Vec<&str> = text.lines().take(2000).collect();
    let n = lines.len() as u32;
    let t = Instant::now();
    for l in &lines {
        std::hint::black_box(Json::parse(l).unwrap());
    }
    println!("parse tree      {:?}", t.elapsed() / n);
    let t = Instant::now();
    let requests: Vec<Request> = lines
        .iter()
        .map(|l| Request::from_json_text(l).unwrap())
        .collect();
    println!("read request    {:?}", t.elapsed() / n);
    let t = Instant::now();
    let rounds: u32 = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    for _ in 0..rounds {
        for r in &requests {
            std::hint::black_box(quote(&policy, &r.account, &r.order).unwrap());
        }
    }
    println!("one quote       {:?}", t.elapsed() / n / rounds);
    let t = Instant::now();
    for r in &requests {
        let q = quote(&policy, &r.account, &r.order).unwrap();
        std::hint::black_box(serde_json::to_string(&q).unwrap());
    }
    println!("quote+serialize {:?}", t.elapsed() / n);
    let t = Instant::now();
    for r in &requests {
        let a = book.get(r.partner_id.as_str()).unwrap();
        std::hint::black_box(verify(&policy, a, r).unwrap());
    }
    println!("verify          {:?}", t.elapsed() / n);
    println!("bytes/line      {}", text.len() / text.lines().count());
}
