//! Properties of the business plan (PLAN.md P2) on generated policies and
//! plans: every period's figures come from an ordinary quote of the same
//! order and account, built here independently of the engine's own plan
//! code; level totals are exact sums of the periods; and with nothing but
//! purchases, net profit is front margin minus financing.

mod common;

use channel_quote::engine::documents::{Account, Order, Plan, Policy};
use channel_quote::engine::plan::plan;
use channel_quote::engine::{quote, PreparedPolicy};
use common::strategies;
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// A plan over `policy`: 1–4 periods on increasing days of 2026, each with
/// 1–3 lines of the policy's products (in their order multiples), and
/// optionally rebate targets, services, MDF and fixed costs.
fn plan_for(policy: &Policy, extras: bool) -> impl Strategy<Value = Value> {
    let products: Vec<(String, u32)> = policy
        .products
        .iter()
        .map(|p| (p.sku.to_string(), p.order_multiple.get()))
        .collect();
    let programs: Vec<String> = policy
        .rebate_programs
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let line = (any::<Index>(), 1u32..20, 1i64..5_000_000);
    let period = (
        proptest::collection::vec(line, 1..=3),
        0i64..3_000_000,
        0i64..2_000_000,
        0i64..500_000,
    );
    (
        proptest::collection::btree_set(1u16..=360, 1..=4),
        proptest::collection::vec(period, 4),
        proptest::collection::vec((any::<bool>(), 1i64..100_000_000, 0i64..50_000_000), programs.len()),
        0u32..120,
        0i64..150_000,
        (0u32..6, 0i64..10_000_000, 0i64..10_000_000),
    )
        .prop_map(move |(days, periods, targets, pay_days, capital_micro, (staff, per_staff, other))| {
            let money = |cents: i64| Decimal::new(cents, 2).to_string();
            let periods: Vec<Value> = days
                .iter()
                .zip(&periods)
                .enumerate()
                .map(|(i, (day, (lines, services, cost, mdf)))| {
                    let lines: Vec<Value> = lines
                        .iter()
                        .map(|(pick, k, resale)| {
                            let (sku, multiple) = &products[pick.index(products.len())];
                            json!({"sku": sku, "qty": k * multiple, "resale_price": money(*resale)})
                        })
                        .collect();
                    let date = strategies::day_of_2026(*day).to_string();
                    let mut p = json!({"label": format!("P{i}"), "date": date, "lines": lines});
                    if extras {
                        p["services_revenue"] = json!(money(*services));
                        p["services_cost"] = json!(money(*cost));
                        p["mdf"] = json!(money(*mdf));
                    }
                    p
                })
                .collect();
            let mut plan = json!({
                "schema": "channel-plan/1",
                "title": "Generated plan",
                "partner_name": "伙伴",
                "periods": periods,
                "customer_payment_days": pay_days,
                "cost_of_capital": Decimal::new(capital_micro, 6).to_string(),
            });
            if extras {
                let targets: Vec<Value> = programs
                    .iter()
                    .zip(&targets)
                    .filter(|(_, (on, _, _))| *on)
                    .map(|(id, (_, target, ptd))| {
                        json!({"program": id, "target": money(*target), "period_to_date": money(*ptd)})
                    })
                    .collect();
                plan["rebate_targets"] = json!(targets);
                plan["fixed_costs"] =
                    json!({"staff": staff, "cost_per_staff": money(per_staff), "other": money(other)});
            }
            plan
        })
}

fn setup(extras: bool) -> impl Strategy<Value = (Policy, Value)> {
    strategies::policy().prop_flat_map(move |policy| {
        let plan = plan_for(&policy, extras);
        (Just(policy), plan)
    })
}

fn prepare(policy: &Policy) -> PreparedPolicy {
    let text = serde_json::to_string(policy).unwrap();
    PreparedPolicy::from_json_bytes(text.as_bytes()).unwrap()
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_period_is_an_ordinary_quote_and_totals_are_exact_sums((policy, plan_json) in setup(true)) {
        let prepared = prepare(&policy);
        let p = Plan::from_json_text(&plan_json.to_string()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        // Generated plans are valid; one that does not price would be a
        // rejected case, and too many rejections fail the test.
        let result = plan(&prepared, &p);
        prop_assume!(result.is_ok(), "{:?}", result.err());
        let result = result.unwrap();
        let out = serde_json::to_value(&result).unwrap();
        for (l, level) in out["levels"].as_array().unwrap().iter().enumerate() {
            let level_id = level["level"].as_str().unwrap();
            // Period-to-date per program, accumulated here from the quotes' bases.
            let mut ptd: Vec<Decimal> = plan_json["rebate_targets"].as_array().unwrap()
                .iter().map(|t| dec(&t["period_to_date"])).collect();
            let mut sums = [Decimal::ZERO; 9];
            for (i, period) in level["periods"].as_array().unwrap().iter().enumerate() {
                let pj = &plan_json["periods"][i];
                let date = pj["date"].as_str().unwrap();
                let targets = plan_json["rebate_targets"].as_array().unwrap();
                let entries: Vec<(usize, &Value)> = targets.iter().enumerate().filter(|(_, t)| {
                    let program = policy.rebate_programs.iter().find(|r| r.id.as_str() == t["program"].as_str().unwrap()).unwrap();
                    program.period.from.to_string().as_str() <= date && date <= program.period.to.to_string().as_str()
                }).collect();
                let rebates: Vec<Value> = entries.iter().map(|(k, t)| json!({
                    "program": t["program"], "target": t["target"], "period_to_date": ptd[*k].to_string()
                })).collect();
                let account = Account::from_json_text(&json!({
                    "schema": "channel-account/1", "partner_id": "plan", "name": "伙伴", "level": level_id,
                    "credit": {"limit": "0", "ar_outstanding": "0"}, "rebates": rebates,
                }).to_string()).unwrap();
                let order = Order::from_json_text(&json!({
                    "schema": "channel-order/1", "date": date, "lines": pj["lines"],
                    "margin": {"customer_payment_days": plan_json["customer_payment_days"],
                               "cost_of_capital": plan_json["cost_of_capital"], "freight": "0", "other_costs": "0"},
                }).to_string()).unwrap();
                let mut direct = serde_json::to_value(quote(&prepared, &account, &order).unwrap()).unwrap();
                direct["credit"] = Value::Null;
                prop_assert_eq!(&period["quote"], &direct, "level {} period {}", l, i);
                for (k, _) in &entries {
                    let program = targets[*k]["program"].as_str().unwrap();
                    let basis = direct["rebates"].as_array().unwrap().iter()
                        .find(|r| r["program"] == program).map_or(Decimal::ZERO, |r| dec(&r["basis"]));
                    ptd[*k] += basis;
                }
                for (s, key) in sums.iter_mut().zip(["purchase", "revenue", "front_margin", "back_margin",
                    "financing_cost", "services_revenue", "services_margin", "mdf", "contribution"]) {
                    *s += dec(&period[key]);
                }
            }
            let t = &level["totals"];
            for (s, key) in sums.iter().zip(["purchase", "revenue", "front_margin", "back_margin",
                "financing_cost", "services_revenue", "services_margin", "mdf", "contribution"]) {
                prop_assert_eq!(*s, dec(&t[key]), "level {} total {}", l, key);
            }
            prop_assert_eq!(dec(&t["net_profit"]), dec(&t["contribution"]) - dec(&t["fixed_costs"]));
        }
    }

    #[test]
    fn with_only_purchases_net_profit_is_front_margin_minus_financing((policy, plan_json) in setup(false)) {
        let prepared = prepare(&policy);
        let p = Plan::from_json_text(&plan_json.to_string()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let result = plan(&prepared, &p);
        prop_assume!(result.is_ok(), "{:?}", result.err());
        let result = result.unwrap();
        let out = serde_json::to_value(&result).unwrap();
        for level in out["levels"].as_array().unwrap() {
            let mut expected = Decimal::ZERO;
            for period in level["periods"].as_array().unwrap() {
                let m = &period["quote"]["margin"];
                expected += dec(&m["front_margin"]) - dec(&m["financing_cost"]);
            }
            prop_assert_eq!(dec(&level["totals"]["net_profit"]), expected);
            prop_assert_eq!(dec(&level["totals"]["back_margin"]), Decimal::ZERO);
        }
    }
}
