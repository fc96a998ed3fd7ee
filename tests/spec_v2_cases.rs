//! Every worked example of SPEC-v2 (`tests/spec/cases-v2.json` and
//! `tests/spec/chain-cases.json`, copied from the shared spec), through
//! the library and through the real CLI binary.

mod common;

use channel_quote::back_office::chain_files;
use channel_quote::engine::chain::chain_quote;
use common::{judge_case, quote_texts, spec_dir, spec_file};
use serde_json::Value;
use std::process::Command;

fn cases(file: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(&spec_file(file)).unwrap();
    v["cases"].as_array().unwrap().clone()
}

fn text(c: &Value, key: &str) -> String {
    spec_file(c[key].as_str().unwrap())
}

#[test]
fn every_v2_case_through_the_library() {
    let mut failures = Vec::new();
    let all = cases("cases-v2.json");
    assert_eq!(all.len(), 28, "the shared spec has 28 v2 cases");
    for c in &all {
        let result = quote_texts(&text(c, "policy"), &text(c, "account"), &text(c, "order"));
        judge_case(c, result, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_chain_case_through_the_library() {
    let mut failures = Vec::new();
    let all = cases("chain-cases.json");
    assert_eq!(all.len(), 5, "the shared spec has 5 chain cases");
    for c in &all {
        let path = spec_dir().join(c["chain"].as_str().unwrap());
        let result = chain_files::load(&path)
            .and_then(|docs| chain_quote(&docs.inputs()))
            .map(|q| serde_json::to_value(q).unwrap());
        judge_case(c, result, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs the binary on a case: `chain --chain` or `quote`.
fn run(c: &Value) -> (Option<i32>, String, String) {
    let dir = spec_dir();
    let path = |k: &str| dir.join(c[k].as_str().unwrap());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_channel-quote"));
    if c.get("chain").is_some() {
        cmd.arg("chain").arg("--chain").arg(path("chain"));
    } else {
        cmd.arg("quote");
        for k in ["policy", "account", "order"] {
            cmd.arg(format!("--{k}")).arg(path(k));
        }
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_v2_and_chain_case_through_the_cli() {
    for c in cases("cases-v2.json")
        .into_iter()
        .chain(cases("chain-cases.json"))
    {
        let name = c["name"].as_str().unwrap().to_string();
        let (code, stdout, stderr) = run(&c);
        if let Some(err) = c.get("error") {
            assert_eq!(code, Some(2), "{name}");
            assert!(stdout.is_empty(), "{name}: printed a quote on bad input");
            assert!(stderr.contains(err.as_str().unwrap()), "{name}: {stderr}");
        } else {
            assert_eq!(code, Some(0), "{name}: {stderr}");
            let q: Value = serde_json::from_str(&stdout).unwrap();
            let mut failures = Vec::new();
            judge_case(&c, Ok(q), &mut failures);
            assert!(failures.is_empty(), "{}", failures.join("\n"));
        }
    }
}

#[test]
fn a_v1_example_redeclared_v2_quotes_every_v1_field_identically() {
    // SPEC-v2 §2.4 rule 5 on example 15: the v1 fields of the v2 quote
    // equal the v1 quote's.
    let v1 = quote_texts(
        &spec_file("policy.json"),
        &spec_file("accounts/gold.json"),
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap();
    let v2 = quote_texts(
        &spec_file("policy-v1-as-v2.json"),
        &spec_file("accounts/gold.json"),
        &spec_file("orders/v2-15-v1-order-as-v2.json"),
    )
    .unwrap();
    assert_eq!(v2["schema"], "channel-quote/2");
    assert!(v1.get("schema").is_none(), "a v1 quote has no schema field");
    common::assert_v1_fields_equal(&v1, &v2, "policy");
}
