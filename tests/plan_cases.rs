//! The business plan's worked example (PLAN.md P4, `tests/spec/plan-cases.json`,
//! copied from the shared spec), through the library and through the real
//! CLI binary, plus what P3 promises of the output's shape.

mod common;

use channel_quote::engine::{plan, Plan, PreparedPolicy, Problem};
use common::{at, judge_case, quote_texts, spec_dir, spec_file};
use serde_json::{json, Value};
use std::process::{Command, Output};

fn cases() -> Vec<Value> {
    let v: Value = serde_json::from_str(&spec_file("plan-cases.json")).unwrap();
    v["cases"].as_array().unwrap().clone()
}

/// Runs the engine on a policy and a plan text, as the CLI does.
fn plan_texts(policy: &str, plan_text: &str) -> Result<Value, Vec<Problem>> {
    let p = PreparedPolicy::from_json_bytes(policy.as_bytes());
    let d = Plan::from_json_text(plan_text);
    let mut problems = Vec::new();
    let p = p.map_err(|e| problems.extend(e)).ok();
    let d = d.map_err(|e| problems.extend(e)).ok();
    match (p, d) {
        (Some(p), Some(d)) => {
            let r = plan(&p, &d)?;
            Ok(serde_json::to_value(&r).expect("a plan result always serializes"))
        }
        _ => Err(problems),
    }
}

fn q4() -> Value {
    plan_texts(&spec_file("policy.json"), &spec_file("plans/q4.json")).unwrap()
}

fn run_cli(policy: &str, plan_path: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_channel-quote"))
        .args(["plan", "--policy", policy, "--plan", plan_path])
        .output()
        .unwrap()
}

fn spec_path(rel: &str) -> String {
    spec_dir().join(rel).to_str().unwrap().to_string()
}

#[test]
fn every_plan_case_through_the_library() {
    let mut failures = Vec::new();
    let all = cases();
    assert_eq!(all.len(), 8, "the shared spec has 8 plan cases");
    for c in &all {
        let result = plan_texts(
            &spec_file(c["policy"].as_str().unwrap()),
            &spec_file(c["plan"].as_str().unwrap()),
        );
        judge_case(c, result, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_plan_case_through_the_cli() {
    for c in cases() {
        let name = c["name"].as_str().unwrap();
        let out = run_cli(
            &spec_path(c["policy"].as_str().unwrap()),
            &spec_path(c["plan"].as_str().unwrap()),
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        if let Some(err) = c.get("error") {
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert!(stdout.is_empty(), "{name}: printed a result on bad input");
            assert!(stderr.contains(err.as_str().unwrap()), "{name}: {stderr}");
        } else {
            assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
            let r: Value = serde_json::from_str(&stdout).unwrap();
            for (path, want) in c["expect"].as_object().unwrap() {
                assert_eq!(at(&r, path), Some(want), "{name}: {path}");
            }
        }
    }
}

/// The rest of P4's narrative that `plan-cases.json` does not spell out.
#[test]
fn worked_example_figures_not_in_the_cases() {
    let r = q4();
    let get = |path: &str| at(&r, path).cloned().unwrap_or(Value::Null);
    // Silver's December order takes REB-Q4 from 46.68 % to 106.85 %.
    assert_eq!(
        get("levels[0].periods[3].quote.rebates[0].attainment_before"),
        "0.4668"
    );
    assert_eq!(
        get("levels[0].periods[3].quote.rebates[0].attainment_after"),
        "1.0685"
    );
    // Gold: 2,434.40 more would earn 48.69 more under REB-Q4-STEP too.
    assert_eq!(
        get("levels[1].periods[3].quote.rebates[1].next_tier.additional_purchase"),
        "2434.40"
    );
    assert_eq!(
        get("levels[1].periods[3].quote.rebates[1].next_tier.rebate_gain"),
        "48.69"
    );
    // November's buy-10-get-1 on POS-T1 at both levels; August has no rebates.
    assert_eq!(get("levels[0].periods[2].quote.lines[3].free"), true);
    assert_eq!(get("levels[0].periods[0].quote.rebates"), json!([]));
    // Period-to-date: the December account carries Oct + Nov bases.
    let basis = |p: usize| {
        get(&format!("levels[1].periods[{p}].quote.rebates[0].basis"))
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    let before_dec = get("levels[1].periods[3].quote.rebates[0].attainment_before");
    let ptd = basis(1) + basis(2);
    let want = (ptd / rust_decimal::Decimal::from(500_000)).round_dp(4);
    assert_eq!(before_dec, json!(format!("{want:.4}")));
    // The policy is named as in a quote, the title and partner as given.
    assert_eq!(get("schema"), "channel-plan-result/1");
    assert_eq!(get("partner_name"), "华东云启科技有限公司");
    assert_eq!(get("policy.id"), "demo-2026q4");
    assert_eq!(get("policy.hash").as_str().unwrap().len(), 64);
    assert_eq!(get("levels[1].name.en"), "Gold");
    // The embedded quote is the quote's own: the synthetic partner, the level.
    assert_eq!(get("levels[1].periods[0].quote.partner.id"), "plan");
    assert_eq!(get("levels[1].periods[0].quote.partner.level"), "gold");
}

#[test]
fn every_field_is_present_and_every_quote_has_credit_null() {
    let r = q4();
    for key in ["schema", "title", "partner_name", "policy", "levels"] {
        assert!(r.get(key).is_some(), "{key}");
    }
    let period_keys = [
        "label",
        "date",
        "quote",
        "purchase",
        "revenue",
        "front_margin",
        "back_margin",
        "financing_cost",
        "services_revenue",
        "services_margin",
        "mdf",
        "contribution",
    ];
    let total_keys = [
        "purchase",
        "revenue",
        "services_revenue",
        "total_revenue",
        "front_margin",
        "back_margin",
        "financing_cost",
        "services_margin",
        "mdf",
        "contribution",
        "fixed_costs",
        "net_profit",
        "net_profit_pct",
        "vendor_revenue",
        "profit_per_vendor_yuan",
        "break_even_revenue",
        "revenue_per_staff",
    ];
    // (serde_json's map is sorted here: compare the sets of keys.)
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let sorted = |list: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    for level in r["levels"].as_array().unwrap() {
        assert_eq!(keys(level), sorted(&["level", "name", "periods", "totals"]));
        assert_eq!(keys(&level["totals"]), sorted(&total_keys));
        for period in level["periods"].as_array().unwrap() {
            assert_eq!(keys(period), sorted(&period_keys));
            assert_eq!(period["quote"]["credit"], Value::Null);
            assert!(period["quote"]["margin"].is_object());
            // Money with exactly 2 places, as strings.
            for k in &period_keys[3..] {
                let s = period[k].as_str().unwrap();
                assert_eq!(s.split_once('.').map(|(_, f)| f.len()), Some(2), "{k}: {s}");
            }
        }
    }
}

#[test]
fn a_period_figure_is_the_quote_figure() {
    let r = q4();
    for level in r["levels"].as_array().unwrap() {
        for p in level["periods"].as_array().unwrap() {
            let m = &p["quote"]["margin"];
            assert_eq!(p["purchase"], m["purchase_cost"]);
            assert_eq!(p["revenue"], m["revenue"]);
            assert_eq!(p["front_margin"], m["front_margin"]);
            assert_eq!(p["back_margin"], m["back_margin"]);
            assert_eq!(p["financing_cost"], m["financing_cost"]);
        }
    }
}

/// P2 by hand: December at gold, with the account and order PLAN.md
/// describes written out as documents, quoted by `quote` — the embedded
/// quote is exactly that quote, with `credit: null`.
#[test]
fn an_embedded_quote_is_the_quote_of_the_p2_account_and_order() {
    let r = q4();
    let plan_doc: Value = serde_json::from_str(&spec_file("plans/q4.json")).unwrap();
    let gold = &r["levels"][1];
    assert_eq!(gold["level"], "gold");
    // Period-to-date: October's and November's bases, per program.
    let ptd = |k: usize| {
        let sum: rust_decimal::Decimal = [1, 2]
            .iter()
            .map(|p| {
                let b = &gold["periods"][p]["quote"]["rebates"][k]["basis"];
                b.as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
        sum.to_string()
    };
    let account = json!({
        "schema": "channel-account/1", "partner_id": "plan",
        "name": plan_doc["partner_name"], "level": "gold",
        "credit": {"limit": "0.00", "ar_outstanding": "0.00"},
        "rebates": [
            {"program": "REB-Q4", "target": "500000.00", "period_to_date": ptd(0)},
            {"program": "REB-Q4-STEP", "target": "500000.00", "period_to_date": ptd(1)}
        ],
        "rebate_credit_balance": "0.00"
    });
    let december = &plan_doc["periods"][3];
    let order = json!({
        "schema": "channel-order/1", "date": december["date"], "lines": december["lines"],
        "margin": {"customer_payment_days": 60, "cost_of_capital": "0.06",
                   "freight": "0.00", "other_costs": "0.00"}
    });
    let mut want = quote_texts(
        &spec_file("policy.json"),
        &account.to_string(),
        &order.to_string(),
    )
    .unwrap();
    want["credit"] = Value::Null;
    assert_eq!(gold["periods"][3]["quote"], want);
}

#[test]
fn bad_plans_exit_2_with_one_line_per_problem_at_plan_paths() {
    let mut v: Value = serde_json::from_str(&spec_file("plans/q4.json")).unwrap();
    v["periods"][2]["lines"][0]["qty"] = json!(0);
    v["periods"][1]["lines"][0]["sku"] = json!("NOPE");
    v["cost_of_capital"] = json!("1.5");
    v["rebate_targets"][0]["target"] = json!("0");
    v["zz"] = json!(1);
    let dir = std::env::temp_dir().join(format!("plan-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let out = run_cli(&spec_path("policy.json"), file.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    let starts: Vec<&str> = lines
        .iter()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "plan.rebate_targets[0].target",
            "plan.periods[2].lines[0].qty",
            "plan.cost_of_capital",
            "plan.zz",
        ],
        "{stderr}"
    );
    assert!(lines[1]
        .ends_with("must be a whole number from 1 to 1000000 / 必须是 1 到 1000000 之间的整数"));
    // Readable now: the unknown SKU is found against the policy, once,
    // although the plan compares two levels.
    v["periods"][2]["lines"][0]["qty"] = json!(1);
    v["cost_of_capital"] = json!("0.06");
    v["rebate_targets"][0]["target"] = json!("500000.00");
    v.as_object_mut().unwrap().remove("zz");
    std::fs::write(&file, v.to_string()).unwrap();
    let out = run_cli(&spec_path("policy.json"), file.to_str().unwrap());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("plan.periods[1].lines[0].sku: the policy has no SKU \"NOPE\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_files_are_named_by_document() {
    let out = run_cli("missing-policy.json", "missing-plan.json");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("policy: cannot read file \"missing-policy.json\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("plan: cannot read file \"missing-plan.json\""),
        "{stderr}"
    );
}

#[test]
fn a_plan_is_not_read_as_another_document() {
    let problems = plan_texts(
        &spec_file("policy.json"),
        &spec_file("orders/ex01-level-volume.json"),
    )
    .unwrap_err();
    assert_eq!(
        problems[0].to_string().split(": ").next(),
        Some("plan.schema")
    );
    assert_eq!(problems[0].code, "unknown_schema");
}
