//! Every worked example of SPEC §8 (`tests/spec/cases.json`, copied from
//! the shared spec), through the library and through the real CLI binary.

mod common;

use common::{at, judge_case, quote_texts, spec_dir, spec_file};
use serde_json::Value;
use std::process::Command;

fn cases() -> Vec<Value> {
    let v: Value = serde_json::from_str(&spec_file("cases.json")).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn text(c: &Value, key: &str) -> String {
    spec_file(c[key].as_str().unwrap())
}

#[test]
fn every_spec_case_through_the_library() {
    let mut failures = Vec::new();
    let all = cases();
    assert_eq!(all.len(), 16, "the shared spec has 16 cases");
    for c in &all {
        let result = quote_texts(&text(c, "policy"), &text(c, "account"), &text(c, "order"));
        judge_case(c, result, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_spec_case_through_the_cli() {
    let bin = env!("CARGO_BIN_EXE_channel-quote");
    let dir = spec_dir();
    for c in cases() {
        let name = c["name"].as_str().unwrap();
        let out = Command::new(bin)
            .arg("quote")
            .args([
                "--policy",
                dir.join(c["policy"].as_str().unwrap()).to_str().unwrap(),
            ])
            .args([
                "--account",
                dir.join(c["account"].as_str().unwrap()).to_str().unwrap(),
            ])
            .args([
                "--order",
                dir.join(c["order"].as_str().unwrap()).to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if let Some(err) = c.get("error") {
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(stdout.is_empty(), "{name}: printed a quote on bad input");
            assert!(stderr.contains(err.as_str().unwrap()), "{name}: {stderr}");
        } else {
            assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
            let q: Value = serde_json::from_str(&stdout).unwrap();
            for (path, want) in c["expect"].as_object().unwrap() {
                assert_eq!(at(&q, path), Some(want), "{name}: {path}");
            }
        }
    }
}

fn reason_codes(q: &Value) -> Vec<&str> {
    q["credit"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect()
}

/// The rest of SPEC §8's table that `cases.json` does not spell out.
#[test]
fn spec_table_figures_not_in_cases_json() {
    let policy = spec_file("policy.json");
    // Example 2: the amount before the order discount.
    let q = quote_texts(
        &policy,
        &spec_file("accounts/silver.json"),
        &spec_file("orders/ex02-graduated-free-order-discount.json"),
    )
    .unwrap();
    let volume = q["lines"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "volume")
        .unwrap();
    assert_eq!(volume["unit_price_after"], "2026.6752");
    assert_eq!(volume["rule"], "VB-POS");
    // 2026.6752 × 120 = 243201.024 → 243201.02 ≥ 100 000, so BIG-ORDER applies.
    assert_eq!(q["lines"][0]["steps"][2]["rule"], "BIG-ORDER");
    // Example 3: CLOUD-5PACK (12 %) beats Q4-CLOUD (10 %), which is explained.
    let q = quote_texts(
        &policy,
        &spec_file("accounts/registered.json"),
        &spec_file("orders/ex03-best-promotion.json"),
    )
    .unwrap();
    assert_eq!(q["lines"][0]["steps"][1]["rule"], "CLOUD-5PACK");
    assert_eq!(
        q["lines"][0]["considered"][0],
        serde_json::json!({"rule": "Q4-CLOUD", "reason": "weaker"})
    );
    // Example 12: the overdue reason.
    let q = quote_texts(
        &policy,
        &spec_file("accounts/credit-overdue.json"),
        &spec_file("orders/ex08-credit-60k.json"),
    )
    .unwrap();
    assert_eq!(reason_codes(&q), ["overdue"]);
    // Example 10: over the limit and above the warning line.
    let q = quote_texts(
        &policy,
        &spec_file("accounts/credit-tight.json"),
        &spec_file("orders/ex10-credit-130k.json"),
    )
    .unwrap();
    assert_eq!(q["credit"]["available_after"], "-20000.00");
    assert_eq!(reason_codes(&q), ["over_limit", "high_utilization"]);
}

#[test]
fn every_listed_field_is_present_even_when_empty() {
    let q = quote_texts(
        &spec_file("policy.json"),
        &spec_file("accounts/gold.json"),
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap();
    for path in [
        "policy.id",
        "policy.version",
        "policy.hash",
        "totals.list_amount",
        "totals.rebate_credit_used",
        "totals.payable",
        "credit.decision",
        "credit.required_prepayment",
        "credit.effective_limit",
        "credit.available_before",
        "credit.available_after",
        "credit.utilization_after",
        "credit.reasons",
        "margin",
        "warnings",
        "rebates",
        "lines[0].warnings",
        "lines[0].steps",
        "lines[0].considered",
    ] {
        assert!(at(&q, path).is_some(), "{path} missing");
    }
    assert_eq!(q["margin"], Value::Null);
    assert_eq!(q["warnings"][0]["code"], "margin_needs_resale_price");
    assert_eq!(q["warnings"][0]["order_lines"], serde_json::json!([0]));
    assert_eq!(q["policy"]["hash"].as_str().unwrap().len(), 64);
}
