//! Property tests on generated SPEC-v2 documents: the largest-remainder
//! allocation (§3.8.1), order promotions and payment terms (steps 8 and 9,
//! §3.8–3.10), rebate credit on the lines (§3.11), prepaid credit (§5.5),
//! the chain identity (§10) and the v1 guarantee (§2.4 rule 5).
//!
//! Every document is built from proptest strategies, so a failure shrinks
//! to a small document. v2 orders are generated under a copy of
//! `tests/spec/policy-v2.json` whose order promotions, extra payment
//! options, rounding, price basis, offset selector and credit actions are
//! generated (edited as JSON); the v1 guarantee starts from the v1
//! documents of `common/strategies.rs`. Failures are not persisted to a
//! file: the shrunk documents are printed on one line each.

mod common;

use channel_quote::engine::chain::{chain_quote, ChainInputs};
use channel_quote::engine::documents::account::CreditGroup;
use channel_quote::engine::documents::payment::{PaymentChoice, PaymentKind, PaymentOption};
use channel_quote::engine::documents::policy::{CollectionStep, CreditAction, CreditActions};
use channel_quote::engine::documents::{AppliesTo, Id, Localized};
use channel_quote::engine::fields::{AccountTag, NonEmpty, OrderTag, PolicyTag, TermDays};
use channel_quote::engine::money::{AdjustmentRate, Money, Rate};
use channel_quote::engine::pricing::allocation::largest_remainder;
use channel_quote::engine::{Account, Order, PreparedPolicy};
use common::strategies::{self, Documents};
use common::{assert_v1_fields_equal, quote_texts, spec_file};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{subsequence, Index};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{json, Map, Value};
use std::fmt;
use std::sync::LazyLock;

/// Modest case counts, no regression file (this suite writes nothing
/// beside itself); a failure prints its shrunk documents.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------- helpers

/// A money, price or rate string of a quote as a decimal.
fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a decimal string"))
        .parse()
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn money_text(cents: i64) -> String {
    Decimal::new(cents, 2).to_string()
}

fn rate_text(micro: i64) -> String {
    Decimal::new(micro, 6).to_string()
}

/// `round(x, places)` in the policy's mode, computed here (SPEC §1).
fn round(x: Decimal, places: u32, half_even: bool) -> Decimal {
    let strategy = if half_even {
        RoundingStrategy::MidpointNearestEven
    } else {
        RoundingStrategy::MidpointAwayFromZero
    };
    x.round_dp_with_strategy(places, strategy)
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("{v} is not an array"))
}

/// The product `sku` of a policy document.
fn product<'a>(policy: &'a Value, sku: &str) -> &'a Value {
    array(&policy["products"])
        .iter()
        .find(|p| p["sku"] == sku)
        .unwrap_or_else(|| panic!("no product {sku}"))
}

/// Whether an `applies_to` (absent: every product) selects a product,
/// by SPEC §2.1's words: any of `skus` or `categories` (every product
/// when neither is given), minus the exclusions.
fn selects(applies_to: &Value, sku: &str, category: &str) -> bool {
    if applies_to.is_null() {
        return true;
    }
    let has = |key: &str, name: &str| {
        applies_to
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|l| l.iter().any(|x| x == name))
    };
    let lists = applies_to.get("skus").is_some() || applies_to.get("categories").is_some();
    let included = !lists || has("skus", sku) || has("categories", category);
    included && !has("exclude_skus", sku) && !has("exclude_categories", category)
}

/// The first place in a quote where a zero is written with a sign
/// (`"-0.00"`), if any.
fn signed_zero(v: &Value, path: &str) -> Option<String> {
    match v {
        Value::String(s) if s.starts_with('-') => {
            let zero = s.parse::<Decimal>().is_ok_and(|d| d.is_zero());
            zero.then(|| format!("{path} = {s}"))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, x)| signed_zero(x, &format!("{path}[{i}]"))),
        Value::Object(m) => m
            .iter()
            .find_map(|(k, x)| signed_zero(x, &format!("{path}.{k}"))),
        _ => None,
    }
}

/// The three documents of a generated v2 case, as JSON.
#[derive(Clone)]
struct V2Docs {
    policy: Value,
    account: Value,
    order: Value,
}

/// `{"policy": …, "account": …, "order": …}` on one line, ready to paste
/// into files.
impl fmt::Debug for V2Docs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{\"policy\": {}, \"account\": {}, \"order\": {}}}",
            self.policy, self.account, self.order
        )
    }
}

impl V2Docs {
    fn quote(&self) -> Result<Value, TestCaseError> {
        quote_texts(
            &self.policy.to_string(),
            &self.account.to_string(),
            &self.order.to_string(),
        )
        .map_err(|e| TestCaseError::fail(format!("a valid v2 case did not quote: {e:?}")))
    }

    /// The same case without steps 8 and 9: no order promotions, no
    /// payment option chosen. Steps 1–7 do not depend on either, so its
    /// line amounts are the amounts `A` before step 8.
    fn before_step_8(&self) -> V2Docs {
        let mut d = self.clone();
        d.policy["order_promotions"] = json!([]);
        d.order
            .as_object_mut()
            .expect("an order is an object")
            .remove("payment");
        d
    }
}

// ------------------------------------------- v2 documents as JSON edits

const SKUS: &[&str] = &[
    "ERP-STD",
    "ERP-USER",
    "CLOUD-Y",
    "POS-T1",
    "SVC-IMPL",
    "EDU-COURSE",
];
const CATEGORIES: &[&str] = &["software", "cloud", "hardware", "services"];
const LEVELS: &[&str] = &["distributor", "gold", "silver", "registered"];
const COMBINABLE: &[&str] = &["special_price", "promotion", "free_goods", "order_discount"];
const ORDER_DATES: &[&str] = &["2026-11-20", "2026-12-10", "2026-11-30", "2026-10-15"];

/// `tests/spec/policy-v2.json`, parsed once.
static POLICY_V2: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(&spec_file("policy-v2.json")).unwrap());

/// One to all of `items`, in their order (shrinks toward fewer).
fn some_of(items: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    subsequence(items, 1..=items.len())
}

/// A v1 `applies_to` over policy-v2's SKUs and categories; shrinks to `{}`.
fn applies_to() -> impl Strategy<Value = Value> {
    (
        option::weighted(0.4, some_of(SKUS)),
        option::weighted(0.5, some_of(CATEGORIES)),
        option::weighted(0.15, some_of(SKUS)),
        option::weighted(0.1, some_of(CATEGORIES)),
    )
        .prop_map(|(skus, categories, exclude_skus, exclude_categories)| {
            let mut m = Map::new();
            for (key, list) in [
                ("skus", skus),
                ("categories", categories),
                ("exclude_skus", exclude_skus),
                ("exclude_categories", exclude_categories),
            ] {
                if let Some(list) = list {
                    m.insert(key.into(), json!(list));
                }
            }
            Value::Object(m)
        })
}

/// `part_ppm` millionths of `whole` cents, at least one cent.
fn part_of(whole: i64, part_ppm: i64) -> i64 {
    (whole * part_ppm / 1_000_000).max(1)
}

/// One of the four actions (§3.8), valid by construction: thresholds
/// strictly ascending, `0 < amount ≤ min_subtotal`, `0 < rate ≤ 1`,
/// `0 < amount ≤ every`, `cap ≥ amount`, gift qty 1–5.
fn order_promotion_action() -> impl Strategy<Value = Value> {
    // Thresholds up to 25,000.00 apart: orders of a few lines reach some.
    let tiers = || vec((1i64..=2_500_000, 1i64..=1_000_000), 1..=3);
    // Three actions worth exactly 1000.00 from 10,000.00 — as much as a
    // gift seat of EDU-COURSE (list 1000.00) — so that members of a group
    // tie and priority, then id, must decide.
    let worth_1000 = prop_oneof![
        Just(
            json!({"type": "amount_off", "tiers": [{"min_subtotal": "10000.00", "amount": "1000.00"}]})
        ),
        Just(
            json!({"type": "gift", "sku": "EDU-COURSE", "tiers": [{"min_subtotal": "10000.00", "qty": 1}]})
        ),
        Just(
            json!({"type": "amount_off_every", "every": "5000.00", "amount": "500.00", "cap": "1000.00"})
        ),
    ];
    prop_oneof![
        4 => worth_1000,
        1 => tiers().prop_map(|t| {
            let mins = strategies::ascending(t.iter().map(|x| x.0), false);
            let tiers: Vec<Value> = mins
                .into_iter()
                .zip(t)
                .map(|(min, (_, ppm))| {
                    json!({"min_subtotal": money_text(min), "amount": money_text(part_of(min, ppm))})
                })
                .collect();
            json!({"type": "amount_off", "tiers": tiers})
        }),
        1 => tiers().prop_map(|t| {
            let mins = strategies::ascending(t.iter().map(|x| x.0), false);
            let tiers: Vec<Value> = mins
                .into_iter()
                .zip(t)
                .map(|(min, (_, micro))| {
                    json!({"min_subtotal": money_text(min), "rate": rate_text(micro)})
                })
                .collect();
            json!({"type": "percent_off", "tiers": tiers})
        }),
        1 => (
            1i64..=1_000_000,
            1i64..=1_000_000,
            option::of(0i64..=500_000)
        )
            .prop_map(|(every, ppm, cap_over_amount)| {
                let amount = part_of(every, ppm);
                json!({
                    "type": "amount_off_every",
                    "every": money_text(every),
                    "amount": money_text(amount),
                    "cap": cap_over_amount.map(|x| money_text(amount + x)),
                })
            }),
        1 => (any::<Index>(), vec((1i64..=2_500_000, 1u32..=5), 1..=3)).prop_map(|(sku, t)| {
            let mins = strategies::ascending(t.iter().map(|x| x.0), false);
            let tiers: Vec<Value> = mins
                .into_iter()
                .zip(t)
                .map(|(min, (_, qty))| json!({"min_subtotal": money_text(min), "qty": qty}))
                .collect();
            json!({"type": "gift", "sku": sku.get(SKUS), "tiers": tiers})
        }),
    ]
}

/// An order promotion without its id (numbered by the policy): dates
/// that mostly contain the order date, some levels, a selector, one of
/// two groups or none, a narrow priority range (so ties go to the id),
/// `combines_with` absent or any subset.
fn order_promotion() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            6 => Just(("2026-10-01", "2026-12-31")),
            1 => Just(("2026-12-01", "2026-12-31")),
            1 => Just(("2026-11-20", "2026-11-20")),
            1 => Just(("2026-10-01", "2026-11-19")),
        ],
        option::weighted(0.2, some_of(LEVELS)),
        option::weighted(0.8, applies_to()),
        option::of(0u8..2),
        0i64..=2,
        option::weighted(0.5, subsequence(COMBINABLE, 0..=COMBINABLE.len())),
        order_promotion_action(),
    )
        .prop_map(
            |((from, to), levels, applies_to, group, priority, combines_with, action)| {
                let mut p = json!({
                    "id": "?",
                    "name": {"zh": "生成的满减", "en": "Generated order promotion"},
                    "valid_from": from,
                    "valid_to": to,
                    "levels": levels,
                    "group": group.map(|g| format!("g{g}")),
                    "priority": priority,
                    "action": action,
                });
                if let Some(a) = applies_to {
                    p["applies_to"] = a;
                }
                if let Some(c) = combines_with {
                    p["combines_with"] = json!(c);
                }
                p
            },
        )
}

/// A payment option without its id: `prepay` (days 0) or `terms`, an
/// adjustment in [−1, 1] (mostly small, sometimes 0), maybe a selector.
fn payment_option() -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        0u32..=120,
        prop_oneof![
            1 => Just(0i64),
            3 => -20_000i64..=20_000,
            1 => -1_000_000i64..=1_000_000,
        ],
        option::weighted(0.3, applies_to()),
    )
        .prop_map(|(prepay, days, adjustment, applies_to)| {
            let mut o = json!({
                "id": "?",
                "name": {"zh": "生成的付款方式", "en": "Generated payment option"},
                "kind": if prepay { "prepay" } else { "terms" },
                "days": if prepay { 0 } else { days },
                "adjustment": rate_text(adjustment),
            });
            if let Some(a) = applies_to {
                o["applies_to"] = a;
            }
            o
        })
}

fn credit_action() -> impl Strategy<Value = Option<&'static str>> {
    option::of(prop_oneof![Just("block"), Just("warn"), Just("override")])
}

/// The edits to policy-v2.json.
#[derive(Clone, Debug)]
struct PolicyEdits {
    order_promotions: Vec<Value>,
    extra_payment_options: Vec<Value>,
    half_even: bool,
    prices_include_tax: bool,
    offset_applies_to: Option<Value>,
    offset_ratio_micro: i64,
    actions: [Option<&'static str>; 4],
}

fn policy_edits() -> impl Strategy<Value = PolicyEdits> {
    (
        vec(order_promotion(), 0..=5),
        vec(payment_option(), 0..=2),
        any::<bool>(),
        proptest::bool::weighted(0.25),
        option::weighted(0.7, applies_to()),
        0i64..=300_000,
        [
            credit_action(),
            credit_action(),
            credit_action(),
            credit_action(),
        ],
    )
        .prop_map(
            |(
                order_promotions,
                extra_payment_options,
                half_even,
                prices_include_tax,
                offset_applies_to,
                offset_ratio_micro,
                actions,
            )| PolicyEdits {
                order_promotions,
                extra_payment_options,
                half_even,
                prices_include_tax,
                offset_applies_to,
                offset_ratio_micro,
                actions,
            },
        )
}

impl PolicyEdits {
    fn apply(&self) -> Value {
        let mut p = POLICY_V2.clone();
        let promotions: Vec<Value> = self
            .order_promotions
            .iter()
            .enumerate()
            .map(|(i, op)| {
                let mut op = op.clone();
                op["id"] = json!(format!("OP-{i}"));
                op
            })
            .collect();
        p["order_promotions"] = json!(promotions);
        let options = p["payment_options"]
            .as_array_mut()
            .expect("policy-v2 offers payment options");
        for (i, o) in self.extra_payment_options.iter().enumerate() {
            let mut o = o.clone();
            o["id"] = json!(format!("PO-{i}"));
            options.push(o);
        }
        p["rounding"] = json!(if self.half_even {
            "half_even"
        } else {
            "half_up"
        });
        p["prices_include_tax"] = json!(self.prices_include_tax);
        match &self.offset_applies_to {
            Some(a) => p["rebate_offset_applies_to"] = a.clone(),
            None => {
                p.as_object_mut()
                    .unwrap()
                    .remove("rebate_offset_applies_to");
            }
        }
        p["rebate_offset_max_ratio"] = json!(rate_text(self.offset_ratio_micro));
        let mut actions = Map::new();
        for (key, action) in ["on_hold", "overdue", "over_limit", "high_utilization"]
            .into_iter()
            .zip(self.actions)
        {
            if let Some(a) = action {
                actions.insert(key.into(), json!(a));
            }
        }
        p["credit"]["actions"] = Value::Object(actions);
        p
    }
}

/// The account's standing: level, credit (with a group sometimes),
/// progress in policy-v2's two rebate programs, rebate credit.
#[derive(Clone, Debug)]
struct AccountParts {
    level: Index,
    limit: i64,
    ar_outstanding: i64,
    open_orders: i64,
    deposit: i64,
    overdue_days: Option<u32>,
    on_hold: bool,
    /// (limit, exposure, level with the partner): when level, the group's
    /// limit is set so that its available equals the partner's (the
    /// binding boundary), where that is possible.
    group: Option<(i64, i64, bool)>,
    rebates: [Option<(i64, i64)>; 2],
    rebate_credit_balance: i64,
}

fn account_parts() -> impl Strategy<Value = AccountParts> {
    let progress = || option::weighted(0.5, (1i64..=100_000_000, 0i64..=15_000));
    (
        any::<Index>(),
        (
            0i64..=100_000_000,
            0i64..=100_000_000,
            0i64..=10_000_000,
            0i64..=10_000_000,
        ),
        option::weighted(0.2, 1u32..=60),
        proptest::bool::weighted(0.1),
        option::weighted(
            0.3,
            (
                0i64..=200_000_000,
                0i64..=200_000_000,
                proptest::bool::weighted(0.3),
            ),
        ),
        [progress(), progress()],
        0i64..=2_000_000,
    )
        .prop_map(
            |(
                level,
                (limit, ar_outstanding, open_orders, deposit),
                overdue_days,
                on_hold,
                group,
                rebates,
                rebate_credit_balance,
            )| AccountParts {
                level,
                limit,
                ar_outstanding,
                open_orders,
                deposit,
                overdue_days,
                on_hold,
                group,
                rebates,
                rebate_credit_balance,
            },
        )
}

impl AccountParts {
    fn json(&self) -> Value {
        let mut credit = json!({
            "limit": money_text(self.limit),
            "temporary_limit": null,
            "ar_outstanding": money_text(self.ar_outstanding),
            "open_orders": money_text(self.open_orders),
            "deposit_balance": money_text(self.deposit),
            "overdue": self.overdue_days.map_or(json!([]), |days| json!([{"amount": "5000.00", "days": days}])),
            "on_hold": self.on_hold,
        });
        if let Some((mut limit, exposure, level)) = self.group {
            let partner_available =
                self.limit - (self.ar_outstanding + self.open_orders - self.deposit);
            if level && exposure + partner_available >= 0 {
                limit = exposure + partner_available;
            }
            credit["group"] = json!({
                "id": "G-GEN", "limit": money_text(limit), "exposure": money_text(exposure)
            });
        }
        let rebates: Vec<Value> = ["REB-Q4", "REB-Q4-STEP"]
            .into_iter()
            .zip(self.rebates)
            .filter_map(|(program, progress)| {
                let (target, basis_points) = progress?;
                Some(json!({
                    "program": program,
                    "target": money_text(target),
                    "period_to_date": money_text(target * basis_points / 10_000),
                }))
            })
            .collect();
        json!({
            "schema": "channel-account/2",
            "partner_id": "P-GEN",
            "name": "生成的伙伴",
            "level": self.level.get(LEVELS),
            "credit": credit,
            "rebates": rebates,
            "rebate_credit_balance": money_text(self.rebate_credit_balance),
        })
    }
}

/// An order line: SKU pick, qty, special price and resale price in cents.
type LineParts = (Index, u32, Option<i64>, Option<i64>);

#[derive(Clone, Debug)]
struct OrderParts {
    date: Index,
    lines: Vec<LineParts>,
    deal_registration: bool,
    use_rebate_credit: Option<i64>,
    /// A pick among the options (the prepay ones only, for a prepaid
    /// order) and the expected days.
    payment: Option<(Index, Option<u32>)>,
    credit_override: bool,
    margin: Option<(u32, i64)>,
}

fn order_parts() -> impl Strategy<Value = OrderParts> {
    (
        any::<Index>(),
        vec(
            (
                any::<Index>(),
                1u32..=40,
                // Special prices of 0.00 too: a line worth nothing.
                option::weighted(0.15, prop_oneof![1 => Just(0i64), 4 => 0i64..=2_000_000]),
                option::weighted(0.6, 0i64..=2_000_000),
            ),
            1..=6,
        ),
        proptest::bool::weighted(0.3),
        option::weighted(0.5, 0i64..=1_000_000),
        option::weighted(0.8, (any::<Index>(), option::of(0u32..=90))),
        proptest::bool::weighted(0.3),
        option::weighted(0.3, (0u32..=120, 0i64..=150_000)),
    )
        .prop_map(
            |(
                date,
                lines,
                deal_registration,
                use_rebate_credit,
                payment,
                credit_override,
                margin,
            )| OrderParts {
                date,
                lines,
                deal_registration,
                use_rebate_credit,
                payment,
                credit_override,
                margin,
            },
        )
}

impl OrderParts {
    /// The order for `policy`; `prepaid`: always a `prepay` option.
    fn json(&self, policy: &Value, prepaid: bool) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, (sku, qty, special, resale))| {
                let mut l = json!({"sku": sku.get(SKUS), "qty": qty});
                if let Some(p) = special {
                    l["special_price"] =
                        json!({"price": money_text(*p), "approval": format!("SB-{i}")});
                }
                if let Some(r) = resale {
                    l["resale_price"] = json!(money_text(*r));
                }
                l
            })
            .collect();
        let mut o = json!({
            "schema": "channel-order/2",
            "date": self.date.get(ORDER_DATES),
            "lines": lines,
        });
        if self.deal_registration {
            o["deal_registration"] = json!({"id": "DR-GEN"});
        }
        if let Some(c) = self.use_rebate_credit {
            o["use_rebate_credit"] = json!(money_text(c));
        }
        let options: Vec<&Value> = array(&policy["payment_options"])
            .iter()
            .filter(|o| !prepaid || o["kind"] == "prepay")
            .collect();
        // A prepaid order always chooses (PREPAY, first, is always offered).
        let payment = match (&self.payment, prepaid) {
            (Some((pick, expected)), _) => Some((*pick.get(&options), *expected)),
            (None, true) => Some((options[0], None)),
            (None, false) => None,
        };
        if let Some((option, expected)) = payment {
            let mut choice = json!({"option": option["id"]});
            // `expected_days` absent or 0 with a prepay option (§3.10).
            let expected = if option["kind"] == "prepay" {
                expected.map(|_| 0)
            } else {
                expected
            };
            if let Some(d) = expected {
                choice["expected_days"] = json!(d);
            }
            o["payment"] = choice;
        }
        if self.credit_override {
            o["credit_override"] = json!({"approval": "CR-GEN"});
        }
        if let Some((days, capital)) = self.margin {
            o["margin"] = json!({
                "customer_payment_days": days,
                "cost_of_capital": rate_text(capital),
                "freight": "0.00",
                "other_costs": "0.00",
            });
        }
        o
    }
}

/// A v2 case under a policy-v2.json-like policy; `prepaid`: the order
/// always chooses a `prepay` option.
fn v2_documents(prepaid: bool) -> impl Strategy<Value = V2Docs> {
    (policy_edits(), account_parts(), order_parts()).prop_map(move |(p, a, o)| {
        let policy = p.apply();
        V2Docs {
            order: o.json(&policy, prepaid),
            account: a.json(),
            policy,
        }
    })
}

// ------------------------------------- order promotions, by the rules

/// What a promotion's tier at `s` gives: (ranked value, `discount`).
fn reached(p: &Value, action: &Value, s: Decimal, half_even: bool) -> Option<(Decimal, Decimal)> {
    let highest = || {
        array(&action["tiers"])
            .iter()
            .rev()
            .find(|t| dec(&t["min_subtotal"]) <= s)
    };
    match action["type"].as_str().unwrap() {
        "amount_off" => highest().map(|t| (dec(&t["amount"]), dec(&t["amount"]))),
        "percent_off" => highest().map(|t| {
            let d = round(s * dec(&t["rate"]), 2, half_even);
            (d, d)
        }),
        "amount_off_every" => {
            let n = (s / dec(&action["every"])).floor();
            let mut d = n * dec(&action["amount"]);
            if !action["cap"].is_null() {
                d = d.min(dec(&action["cap"]));
            }
            (!n.is_zero()).then_some((d, d))
        }
        "gift" => highest().map(|t| {
            let list = dec(&product(p, action["sku"].as_str().unwrap())["list_price"]);
            (
                round(
                    list * Decimal::from(t["qty"].as_u64().unwrap()),
                    2,
                    half_even,
                ),
                Decimal::ZERO,
            )
        }),
        other => panic!("unknown action {other}"),
    }
}

/// §3.8 rule 9: the next tier above `s`, as the quote writes it.
fn next_tier(action: &Value, s: Decimal, half_even: bool) -> Value {
    let money = |d: Decimal| json!(round(d, 2, half_even).to_string());
    match action["type"].as_str().unwrap() {
        "amount_off_every" => {
            let (every, amount) = (dec(&action["every"]), dec(&action["amount"]));
            let n = (s / every).floor();
            let cap = (!action["cap"].is_null()).then(|| dec(&action["cap"]));
            if cap.is_some_and(|c| n * amount >= c) {
                return Value::Null;
            }
            let next = n + Decimal::ONE;
            let d = cap.map_or(next * amount, |c| (next * amount).min(c));
            json!({"additional_subtotal": money(next * every - s), "discount": money(d), "gift_qty": null})
        }
        kind => {
            let Some(t) = array(&action["tiers"])
                .iter()
                .find(|t| dec(&t["min_subtotal"]) > s)
            else {
                return Value::Null;
            };
            let min = dec(&t["min_subtotal"]);
            let (discount, gift_qty) = match kind {
                "amount_off" => (money(dec(&t["amount"])), Value::Null),
                "percent_off" => (money(min * dec(&t["rate"])), Value::Null),
                _ => (Value::Null, t["qty"].clone()),
            };
            json!({"additional_subtotal": money(min - s), "discount": discount, "gift_qty": gift_qty})
        }
    }
}

fn check_order_promotions(docs: &V2Docs, q: &Value, base: &Value) -> Result<(), TestCaseError> {
    let half_even = docs.policy["rounding"] == "half_even";
    let incl = q["prices_include_tax"].as_bool().unwrap();
    let basis = |l: &Value| {
        dec(if incl {
            &l["gross_amount"]
        } else {
            &l["net_amount"]
        })
    };
    let date = docs.order["date"].as_str().unwrap();
    let level = docs.account["level"].as_str().unwrap();
    let lines = array(&q["lines"]);
    let before = array(&base["lines"]);
    let policy_ops = array(&docs.policy["order_promotions"]);
    let results = array(&q["order_promotions"]);
    prop_assert_eq!(results.len(), policy_ops.len());
    // Groups in the order their first member appears.
    let mut groups: Vec<&Value> = Vec::new();
    for op in policy_ops {
        if !groups.contains(&&op["group"]) {
            groups.push(&op["group"]);
        }
    }
    let rank = |group: &Value| groups.iter().position(|g| *g == group).unwrap();
    let rank_of_rule = |rule: &Value| {
        let op = policy_ops.iter().find(|op| op["id"] == *rule).unwrap();
        rank(&op["group"])
    };
    let has_step = |l: &Value, kind: &str| array(&l["steps"]).iter().any(|s| s["kind"] == kind);
    for (op, r) in policy_ops.iter().zip(results) {
        let rule = &op["id"];
        prop_assert_eq!(&r["rule"], rule);
        prop_assert_eq!(&r["group"], &op["group"]);
        let combines = |kind: &str| match op.get("combines_with") {
            Some(list) => array(list).iter().any(|k| k == kind),
            None => kind == "order_discount",
        };
        // Candidates and their first blocking reason (§3.9 rule 1).
        let mut q_lines = Vec::new();
        let mut blocked = Vec::new();
        for (j, l) in lines.iter().enumerate().take(before.len()) {
            let sku = l["sku"].as_str().unwrap();
            let category = product(&docs.policy, sku)["category"].as_str().unwrap();
            if l["free"] == true
                || !selects(op.get("applies_to").unwrap_or(&Value::Null), sku, category)
            {
                continue;
            }
            let earned_free = lines
                .get(j + 1)
                .is_some_and(|f| f["free"] == true && f["order_line"] == l["order_line"]);
            let reason = [
                (has_step(l, "special_price"), "special_price"),
                (has_step(l, "promotion"), "promotion"),
                (earned_free, "free_goods"),
                (has_step(l, "order_discount"), "order_discount"),
            ]
            .into_iter()
            .find(|(holds, kind)| *holds && !combines(kind))
            .map(|(_, kind)| format!("exclusive_{kind}"));
            match reason {
                Some(reason) => blocked.push((j, reason)),
                None => q_lines.push(j),
            }
        }
        let outside =
            date < op["valid_from"].as_str().unwrap() || date > op["valid_to"].as_str().unwrap();
        let not_open = !op["levels"].is_null() && !array(&op["levels"]).iter().any(|l| l == level);
        let status = r["status"].as_str().unwrap();
        let expected_status = if outside {
            Some("outside_dates")
        } else if not_open {
            Some("level_not_eligible")
        } else if q_lines.is_empty() {
            Some("no_qualifying_lines")
        } else {
            None
        };
        let mut considered_reason: Option<String> = expected_status
            .filter(|s| *s != "no_qualifying_lines")
            .map(str::to_string);
        if let Some(want) = expected_status {
            prop_assert_eq!(status, want, "{}", rule);
            prop_assert_eq!(&r["qualifying_subtotal"], &Value::Null, "{}", rule);
            prop_assert_eq!(&r["discount"], &json!("0.00"), "{}", rule);
            prop_assert_eq!(&r["lines"], &json!([]), "{}", rule);
            prop_assert_eq!(&r["next_tier"], &Value::Null, "{}", rule);
        } else {
            // S over Q, with A as the earlier groups left it.
            let my_rank = rank(&op["group"]);
            let mut s = Decimal::ZERO;
            for &j in &q_lines {
                let mut a = basis(&before[j]);
                for step in array(&lines[j]["steps"]) {
                    if step["kind"] == "order_promotion" && rank_of_rule(&step["rule"]) < my_rank {
                        a += dec(&step["amount"]);
                    }
                }
                s += a;
            }
            prop_assert_eq!(&r["lines"], &json!(q_lines), "{}: lines", rule);
            prop_assert_eq!(dec(&r["qualifying_subtotal"]), s, "{}: S", rule);
            prop_assert_eq!(
                &r["next_tier"],
                &next_tier(&op["action"], s, half_even),
                "{}: next_tier",
                rule
            );
            match reached(&docs.policy, &op["action"], s, half_even) {
                None => {
                    prop_assert_eq!(status, "below_threshold", "{}", rule);
                    prop_assert_eq!(&r["discount"], &json!("0.00"), "{}", rule);
                    considered_reason = Some("below_threshold".into());
                }
                Some((value, discount)) => {
                    prop_assert!(
                        status == "applied" || status == "weaker",
                        "{}: {}",
                        rule,
                        status
                    );
                    prop_assert_eq!(dec(&r["discount"]), discount, "{}: discount", rule);
                    // The winner: no member of the group ranks above it.
                    for (other, other_r) in policy_ops.iter().zip(results) {
                        if other["group"] != op["group"] || other_r["status"] != "applied" {
                            continue;
                        }
                        let other_value = reached(
                            &docs.policy,
                            &other["action"],
                            dec(&other_r["qualifying_subtotal"]),
                            half_even,
                        )
                        .expect("an applied promotion reached a tier")
                        .0;
                        let key = |v: Decimal, o: &Value| {
                            (
                                v,
                                -o["priority"].as_i64().unwrap_or(0),
                                o["id"].as_str().unwrap().to_string(),
                            )
                        };
                        let (mine, theirs) = (key(value, op), key(other_value, other));
                        if status == "applied" {
                            prop_assert_eq!(&other["id"], rule, "two applied in one group");
                        } else {
                            prop_assert!(
                                theirs.0 > mine.0
                                    || (theirs.0 == mine.0
                                        && (theirs.1 > mine.1
                                            || (theirs.1 == mine.1 && theirs.2 < mine.2))),
                                "{} ({}) is weaker than {} ({})",
                                rule,
                                value,
                                other["id"],
                                other_value
                            );
                        }
                    }
                    if status == "weaker" {
                        let applied = policy_ops
                            .iter()
                            .zip(results)
                            .any(|(o, x)| o["group"] == op["group"] && x["status"] == "applied");
                        prop_assert!(applied, "{} weaker, but nothing of its group applied", rule);
                        considered_reason = Some("weaker".into());
                    }
                }
            }
        }
        // §3.9 rule 3: each selected non-free line lists its reason, or
        // nothing when it took part in the applied promotion.
        for (j, l) in lines.iter().enumerate().take(before.len()) {
            let sku = l["sku"].as_str().unwrap();
            let category = product(&docs.policy, sku)["category"].as_str().unwrap();
            if l["free"] == true
                || !selects(op.get("applies_to").unwrap_or(&Value::Null), sku, category)
            {
                continue;
            }
            let want = match (&considered_reason, blocked.iter().find(|(b, _)| *b == j)) {
                (Some(r), _) if r == "outside_dates" || r == "level_not_eligible" => {
                    Some(r.clone())
                }
                (_, Some((_, reason))) => Some(reason.clone()),
                (r, None) => r.clone(),
            };
            let listed: Vec<&Value> = array(&l["considered"])
                .iter()
                .filter(|c| &c["rule"] == rule)
                .collect();
            match want {
                Some(reason) => {
                    prop_assert_eq!(listed.len(), 1, "line {}: {} listed {:?}", j, rule, listed);
                    prop_assert_eq!(&listed[0]["reason"], &json!(reason), "line {}: {}", j, rule);
                }
                None => prop_assert!(
                    listed.is_empty(),
                    "line {}: {} listed {:?}",
                    j,
                    rule,
                    listed
                ),
            }
        }
    }
    Ok(())
}

// ------------------------------------------------- credit, by the table

fn check_credit(docs: &V2Docs, q: &Value) -> Result<(), TestCaseError> {
    let c = &q["credit"];
    let a = &docs.account["credit"];
    let payable = dec(&q["totals"]["payable"]);
    let prepaid = q["payment"]["kind"] == "prepay";
    let code = docs
        .order
        .get("credit_override")
        .map(|o| o["approval"].clone());
    let warning = dec(&docs.policy["credit"]["warning_utilization"]);
    let grace = docs.policy["credit"]["grace_days"].as_u64().unwrap();
    let limit = dec(&a["limit"]);
    let before = dec(&a["ar_outstanding"]) + dec(&a["open_orders"]) - dec(&a["deposit_balance"]);
    let added = if prepaid { Decimal::ZERO } else { payable };
    let after = before + added;
    prop_assert_eq!(dec(&c["exposure_before"]), before);
    prop_assert_eq!(dec(&c["exposure_after"]), after);
    prop_assert_eq!(dec(&c["available_after"]), limit - after);
    let up = |d: Decimal| d.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
    // (code, holds, excess) in §5.5's order.
    let mut reasons: Vec<(&str, bool, Option<Decimal>)> = vec![
        ("on_hold", a["on_hold"] == true, None),
        (
            "overdue",
            array(&a["overdue"])
                .iter()
                .any(|o| o["days"].as_u64().unwrap() > grace),
            None,
        ),
        ("over_limit", !prepaid && after > limit, Some(after - limit)),
        (
            "high_utilization",
            !prepaid && after > warning * limit,
            Some(up(after - warning * limit)),
        ),
    ];
    if let Some(g) = a.get("group") {
        let (g_limit, g_after) = (dec(&g["limit"]), dec(&g["exposure"]) + added);
        reasons.push((
            "group_over_limit",
            !prepaid && g_after > g_limit,
            Some(g_after - g_limit),
        ));
        reasons.push((
            "group_high_utilization",
            !prepaid && g_after > warning * g_limit,
            Some(up(g_after - warning * g_limit)),
        ));
        prop_assert_eq!(dec(&c["group"]["exposure_after"]), g_after);
        let binding = if g_limit - g_after < limit - after {
            "group"
        } else {
            "partner"
        };
        prop_assert_eq!(&c["binding"], &json!(binding));
        prop_assert_eq!(
            dec(&c["effective_available_after"]),
            (limit - after).min(g_limit - g_after)
        );
    } else {
        prop_assert_eq!(&c["binding"], &json!("partner"));
        prop_assert_eq!(&c["group"], &Value::Null);
    }
    let actions = &docs.policy["credit"]["actions"];
    let action_of = |reason: &str| -> String {
        let (key, default) = match reason {
            "on_hold" => ("on_hold", "block"),
            "overdue" => ("overdue", "block"),
            "over_limit" | "group_over_limit" => ("over_limit", "block"),
            _ => ("high_utilization", "warn"),
        };
        actions
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_string()
    };
    let held: Vec<(&str, String, Option<Decimal>)> = reasons
        .into_iter()
        .filter(|r| r.1)
        .map(|(reason, _, excess)| (reason, action_of(reason), excess))
        .collect();
    let listed = array(&c["reasons"]);
    prop_assert_eq!(
        listed
            .iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect::<Vec<_>>(),
        held.iter().map(|h| h.0).collect::<Vec<_>>()
    );
    let overridden = |action: &str| action == "override" && code.is_some();
    let blocking = |action: &str| action == "block" || (action == "override" && code.is_none());
    for (r, h) in listed.iter().zip(&held) {
        prop_assert_eq!(&r["action"], &json!(h.1), "{}", h.0);
        prop_assert_eq!(&r["overridden"], &json!(overridden(&h.1)), "{}", h.0);
    }
    let zero = Decimal::ZERO;
    let (decision, required) = if held.iter().any(|h| h.2.is_none() && blocking(&h.1)) {
        ("blocked", payable)
    } else if held.iter().any(|h| h.2.is_some() && blocking(&h.1)) {
        let largest = held
            .iter()
            .filter(|h| blocking(&h.1))
            .filter_map(|h| h.2)
            .max()
            .unwrap();
        ("prepayment_required", payable.min(largest))
    } else if held.iter().any(|h| overridden(&h.1)) {
        (
            "approved_with_override",
            if prepaid { payable } else { zero },
        )
    } else if prepaid {
        ("prepaid", payable)
    } else if held.iter().any(|h| h.1 == "warn") {
        ("approved_with_warning", zero)
    } else {
        ("approved", zero)
    };
    prop_assert_eq!(&c["decision"], &json!(decision));
    let required = if prepaid { payable } else { required };
    prop_assert_eq!(dec(&c["required_prepayment"]), required);
    let shown = if held.iter().any(|h| overridden(&h.1)) {
        code.unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    prop_assert_eq!(&c["override_approval"], &shown);
    prop_assert_eq!(&c["consumes_credit"], &json!(!prepaid));
    Ok(())
}

/// The case with a resale price on every order line that lacks one (so
/// the margin is computed).
fn with_resale_prices(mut d: V2Docs) -> V2Docs {
    for l in d.order["lines"].as_array_mut().unwrap() {
        if l.get("resale_price").is_none() {
            l["resale_price"] = json!("1999.99");
        }
    }
    d
}

// --------------------------------------------------- chain documents

/// The chain of `tests/spec/chains/chain-01.json`, loaded once: the
/// vendor's policy-v2 and the distributor's dist-policy, with their
/// accounts.
struct ChainSpec {
    vendor_policy: PreparedPolicy,
    distributor_account: Account,
    distributor_policy: PreparedPolicy,
    reseller_account: Account,
}

static CHAIN: LazyLock<ChainSpec> = LazyLock::new(|| {
    let policy = |rel: &str| PreparedPolicy::from_json_bytes(spec_file(rel).as_bytes()).unwrap();
    let account = |rel: &str| Account::from_json_text(&spec_file(rel)).unwrap();
    ChainSpec {
        vendor_policy: policy("policy-v2.json"),
        distributor_account: account("accounts/distributor-rebate.json"),
        distributor_policy: policy("dist-policy.json"),
        reseller_account: account("accounts/reseller-r1.json"),
    }
});

/// The SKUs both policies sell.
const CHAIN_SKUS: &[&str] = &["ERP-USER", "ERP-STD", "POS-T1"];

/// A reseller's order (and, sometimes, the distributor's back-to-back
/// order to the vendor) as JSON texts.
#[derive(Clone)]
struct ChainOrders {
    reseller_level: &'static str,
    order: Value,
    distributor_order: Option<Value>,
}

impl fmt::Debug for ChainOrders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{\"reseller_level\": {:?}, \"order\": {}, \"distributor_order\": {}}}",
            self.reseller_level,
            self.order,
            self.distributor_order.as_ref().unwrap_or(&Value::Null)
        )
    }
}

/// Reseller orders of 1–4 lines of the shared SKUs at random resale
/// prices; with a distributor order (same date and lines, maybe a
/// payment option, a deal registration, vendor special prices), the
/// reseller's lines may carry the distributor's special prices too.
fn chain_orders() -> impl Strategy<Value = ChainOrders> {
    (
        any::<Index>(),
        prop_oneof![Just("R1"), Just("R2")],
        vec(
            (
                any::<Index>(),
                1u32..=60,
                0i64..=1_500_000,
                option::weighted(0.2, 0i64..=1_500_000),
                option::weighted(0.2, 0i64..=1_500_000),
            ),
            1..=4,
        ),
        option::weighted(
            0.4,
            (
                option::of(prop_oneof![Just("PREPAY"), Just("NET30"), Just("NET60")]),
                any::<bool>(),
            ),
        ),
    )
        .prop_map(|(date, reseller_level, lines, distributor)| {
            let date = date.get(ORDER_DATES);
            let with_specials = distributor.is_some();
            let reseller_lines: Vec<Value> = lines
                .iter()
                .enumerate()
                .map(|(i, (sku, qty, resale, special, _))| {
                    let mut l = json!({"sku": sku.get(CHAIN_SKUS), "qty": qty, "resale_price": money_text(*resale)});
                    if let (true, Some(p)) = (with_specials, special) {
                        l["special_price"] = json!({"price": money_text(*p), "approval": format!("HT-SB-{i}")});
                    }
                    l
                })
                .collect();
            let distributor_order = distributor.map(|(payment, deal_registration)| {
                let lines: Vec<Value> = lines
                    .iter()
                    .enumerate()
                    .map(|(i, (sku, qty, _, _, vendor_special))| {
                        let mut l = json!({"sku": sku.get(CHAIN_SKUS), "qty": qty});
                        if let Some(p) = vendor_special {
                            l["special_price"] = json!({"price": money_text(*p), "approval": format!("SB-{i}")});
                        }
                        l
                    })
                    .collect();
                let mut o = json!({"schema": "channel-order/2", "date": date, "lines": lines});
                if let Some(p) = payment {
                    o["payment"] = json!({"option": p});
                }
                if deal_registration {
                    o["deal_registration"] = json!({"id": "DR-CHAIN"});
                }
                o
            });
            ChainOrders {
                reseller_level,
                order: json!({"schema": "channel-order/2", "date": date, "lines": reseller_lines}),
                distributor_order,
            }
        })
}

// ------------------------------------------- the v1 guarantee (§2.4.5)

/// Neutral v2 settings (SPEC-v2 §2.4 rule 5), each used or not.
/// A collection step beside the covering one: (days, coefficient in
/// micro-units).
type ExtraStep = (u32, i64);

#[derive(Clone, Debug)]
struct Neutral {
    /// `order_promotions: []` written out (else absent).
    empty_order_promotions: bool,
    /// A `terms` option, adjustment 0, days = `payment_terms_days`, chosen:
    /// (`expected_days` written as the option's days, an unchosen PREPAY
    /// offered beside it).
    terms: Option<(bool, bool)>,
    /// The default credit actions, each key written out or left out.
    actions: Option<[bool; 4]>,
    /// A collection schedule on every program whose entry covering the
    /// vendor days (`max_days` = days + slack) pays 1: (slack, an earlier
    /// entry below the vendor days as (per cent of the days, coefficient
    /// in micro-units), a later entry as (days after, coefficient)).
    collection: Option<(u32, Option<ExtraStep>, Option<ExtraStep>)>,
    /// `rebate_offset_applies_to: {}`.
    offset_selects_all: bool,
    /// A credit group far from its limit, used when neither group reason
    /// can hold for this order.
    group: bool,
}

fn neutral() -> impl Strategy<Value = Neutral> {
    (
        any::<bool>(),
        option::of((any::<bool>(), any::<bool>())),
        option::of(any::<[bool; 4]>()),
        option::of((
            0u32..=30,
            option::of((0u32..100, 0i64..=1_000_000)),
            option::of((0u32..=30, 0i64..=1_000_000)),
        )),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(empty_order_promotions, terms, actions, collection, offset_selects_all, group)| {
                Neutral {
                    empty_order_promotions,
                    terms,
                    actions,
                    collection,
                    offset_selects_all,
                    group,
                }
            },
        )
}

fn id(s: &str) -> Id {
    Id::new(s).expect("a valid id")
}

fn term_days(n: u32) -> TermDays {
    TermDays::new(n).expect("0 to 3,650 days")
}

fn micro_rate(m: i64) -> Rate {
    Rate::new(Decimal::new(m, 6)).expect("a rate")
}

fn name(en: &str) -> Localized {
    Localized {
        zh: format!("{en}（中文）"),
        en: en.to_string(),
    }
}

/// The three documents read back from their JSON text, as a user's files.
fn reread(d: &Documents) -> (PreparedPolicy, Account, Order) {
    let p = serde_json::to_string(&d.policy).unwrap();
    let a = serde_json::to_string(&d.account).unwrap();
    let o = serde_json::to_string(&d.order).unwrap();
    (
        PreparedPolicy::from_json_bytes(p.as_bytes()).unwrap_or_else(|e| panic!("policy: {e:?}")),
        Account::from_json_text(&a).unwrap_or_else(|e| panic!("account: {e:?}")),
        Order::from_json_text(&o).unwrap_or_else(|e| panic!("order: {e:?}")),
    )
}

fn quote_json(d: &Documents) -> Result<Value, TestCaseError> {
    let (p, a, o) = reread(d);
    let q = channel_quote::engine::quote(&p, &a, &o)
        .map_err(|e| TestCaseError::fail(format!("a valid case did not quote: {e:?}")))?;
    Ok(serde_json::to_value(&q).unwrap())
}

/// The v1 fields of `v2` equal `v1`'s; the policy reference's id and
/// version too (its hash names the file's bytes, which differ).
fn same_v1_fields(v1: &Value, v2: &Value) {
    assert_eq!(v2["schema"], "channel-quote/2");
    assert_eq!(v1["policy"]["id"], v2["policy"]["id"]);
    assert_eq!(v1["policy"]["version"], v2["policy"]["version"]);
    assert_v1_fields_equal(v1, v2, "policy");
}

impl Neutral {
    /// `docs` (all `/1`) re-declared `/2` with these neutral settings;
    /// `payable` is the v1 quote's (for the group).
    fn apply(&self, docs: &Documents, payable: Decimal) -> Documents {
        let mut d = docs.clone();
        d.policy.schema = PolicyTag::V2;
        d.account.schema = AccountTag::V2;
        d.order.schema = OrderTag::V2;
        let vendor_days = d.policy.payment_terms_days.get();
        if self.empty_order_promotions {
            d.policy.order_promotions = Some(Vec::new());
        }
        if let Some((explicit_days, unchosen_prepay)) = self.terms {
            let mut options = vec![PaymentOption {
                id: id("NEUTRAL"),
                name: name("Neutral terms"),
                kind: PaymentKind::Terms,
                days: term_days(vendor_days),
                adjustment: AdjustmentRate::new(Decimal::ZERO).unwrap(),
                applies_to: AppliesTo::default(),
            }];
            if unchosen_prepay {
                options.push(PaymentOption {
                    id: id("PREPAY"),
                    name: name("Cash in advance"),
                    kind: PaymentKind::Prepay,
                    days: term_days(0),
                    adjustment: AdjustmentRate::new(Decimal::new(-5, 3)).unwrap(),
                    applies_to: AppliesTo::default(),
                });
            }
            d.policy.payment_options = Some(options);
            d.order.payment = Some(PaymentChoice {
                option: id("NEUTRAL"),
                expected_days: explicit_days.then(|| term_days(vendor_days)),
            });
        }
        if let Some(keys) = self.actions {
            let key = |written: bool, action| written.then_some(action);
            d.policy.credit.actions = Some(CreditActions {
                on_hold: key(keys[0], CreditAction::Block),
                overdue: key(keys[1], CreditAction::Block),
                over_limit: key(keys[2], CreditAction::Block),
                high_utilization: key(keys[3], CreditAction::Warn),
            });
        }
        if let Some((slack, earlier, later)) = self.collection {
            let covering = vendor_days + slack;
            let mut steps = Vec::new();
            if let (Some((percent, coefficient)), true) = (earlier, vendor_days > 0) {
                // Strictly below the vendor days: it does not cover them.
                steps.push(CollectionStep {
                    max_days: term_days(vendor_days * percent / 100),
                    coefficient: micro_rate(coefficient),
                });
            }
            steps.push(CollectionStep {
                max_days: term_days(covering),
                coefficient: micro_rate(1_000_000),
            });
            if let Some((after, coefficient)) = later {
                steps.push(CollectionStep {
                    max_days: term_days(covering + 1 + after),
                    coefficient: micro_rate(coefficient),
                });
            }
            for program in &mut d.policy.rebate_programs {
                program.collection = Some(NonEmpty::new(steps.clone()).unwrap());
            }
        }
        if self.offset_selects_all {
            d.policy.rebate_offset_applies_to = Some(AppliesTo::default());
        }
        // Neither group reason holds: group exposure 0 + payable stays
        // at most warning_utilization × limit (and so below the limit).
        let group_limit = Decimal::new(1_000_000_000_000, 0);
        let warning = d.policy.credit.warning_utilization.value();
        if self.group && payable <= warning * group_limit {
            d.account.credit.group = Some(CreditGroup {
                id: id("G-NEUTRAL"),
                name: None,
                limit: Money::new(group_limit).unwrap(),
                exposure: Money::zero(),
            });
        }
        d
    }
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(config(256))]

    /// §3.8.1: an order promotion's discount and the rebate credit used
    /// are split over lines by largest remainder. The shares must add up
    /// to the amount to the cent (else the totals drift from the
    /// promotion), no line may take more than its base (else a line goes
    /// negative), each share is its exact proportion rounded down or up by
    /// one cent, and a spare cent never passes over a line with a larger
    /// remainder (or an equal one earlier in the list).
    #[test]
    fn largest_remainder_shares_sum_to_the_total_and_fit_their_bases(
        // Small repeated bases too, so that remainders tie.
        bases in vec(
            prop_oneof![1 => Just(0i64), 2 => (1i64..=4).prop_map(|n| n * 100), 4 => 0i64..=100_000_000_000],
            1..=8,
        ),
        part_ppm in prop_oneof![1 => Just(1_000_000i64), 1 => Just(0i64), 6 => 0i64..=1_000_000],
    ) {
        let big_b: i128 = bases.iter().map(|&b| i128::from(b)).sum();
        let t = big_b * i128::from(part_ppm) / 1_000_000;
        let total = Decimal::new(i64::try_from(t).unwrap(), 2);
        let money: Vec<Decimal> = bases.iter().map(|&b| Decimal::new(b, 2)).collect();
        let shares = largest_remainder(total, &money)
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert_eq!(shares.len(), bases.len());
        prop_assert_eq!(shares.iter().sum::<Decimal>(), total);
        let cents: Vec<i128> = shares
            .iter()
            .map(|s| {
                let c = s * Decimal::ONE_HUNDRED;
                assert!(c.fract().is_zero(), "{s} is not whole cents");
                c.mantissa() / 10i128.pow(c.scale())
            })
            .collect();
        let mut extra = Vec::new();
        let mut remainder = Vec::new();
        for (j, (&share, &base)) in cents.iter().zip(&bases).enumerate() {
            let base = i128::from(base);
            prop_assert!(share >= 0, "line {}: negative share", j);
            prop_assert!(share <= base, "line {}: {} cents over a base of {}", j, share, base);
            if big_b == 0 {
                prop_assert_eq!(share, 0);
                extra.push(false);
                remainder.push(0);
                continue;
            }
            let q = t * base / big_b;
            prop_assert!(share == q || share == q + 1, "line {}: {} cents, exact {}", j, share, q);
            extra.push(share == q + 1);
            remainder.push(t * base - q * big_b);
        }
        for j in 0..bases.len() {
            for k in 0..bases.len() {
                if extra[j] && !extra[k] {
                    prop_assert!(
                        remainder[j] > remainder[k] || (remainder[j] == remainder[k] && j < k),
                        "line {} took a spare cent over line {}", j, k
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(192))]

    /// Steps 8 and 9 move money between lines and totals; a user reads
    /// each line's discount, each promotion's discount and the totals, and
    /// all must agree to the cent. Checked against the same case without
    /// steps 8 and 9 (so the amount before step 8 is known independently):
    /// no line gives more than its amount (§3.8 rule 7); each line's final
    /// amount is that amount less its promotion shares plus its payment
    /// adjustment; the order-promotion steps of an applied promotion sum to
    /// its `discount` and sit exactly on its qualifying lines (rule 5),
    /// other promotions leave no step; a gift is a free line at the end
    /// (rule 6); `net_unit_price` follows §3.12; totals are the sums of the
    /// lines; the rebate credit is spread over the lines (§3.11) and the
    /// payable is gross less it.
    #[test]
    fn order_promotions_payment_terms_and_rebate_credit_add_up(docs in v2_documents(false)) {
        let q = docs.quote()?;
        let base = docs.before_step_8().quote()?;
        let incl = q["prices_include_tax"].as_bool().unwrap();
        let half_even = docs.policy["rounding"] == "half_even";
        let basis = |l: &Value| dec(if incl { &l["gross_amount"] } else { &l["net_amount"] });
        let lines = array(&q["lines"]);
        let before = array(&base["lines"]);
        prop_assert!(lines.len() >= before.len());

        for (i, (l, b)) in lines.iter().zip(before).enumerate() {
            prop_assert_eq!((&l["sku"], &l["qty"], &l["free"]), (&b["sku"], &b["qty"], &b["free"]), "line {}", i);
            let a_before = basis(b);
            let discount = dec(&l["order_promotion_discount"]);
            let adjustment = dec(&l["payment_adjustment"]);
            prop_assert!(discount >= Decimal::ZERO, "line {}: discount {}", i, discount);
            prop_assert!(discount <= a_before, "line {}: discount {} above its amount {}", i, discount, a_before);
            prop_assert_eq!(basis(l), a_before - discount + adjustment, "line {}", i);
            let steps = array(&l["steps"]);
            let of_kind = |kind: &str| -> Decimal {
                steps.iter().filter(|s| s["kind"] == kind).map(|s| dec(&s["amount"])).sum()
            };
            prop_assert_eq!(-of_kind("order_promotion"), discount, "line {}", i);
            prop_assert_eq!(of_kind("payment_terms"), adjustment, "line {}", i);
            let moved = steps.iter().any(|s| {
                (s["kind"] == "order_promotion" || s["kind"] == "payment_terms")
                    && !dec(&s["amount"]).is_zero()
            });
            let qty = Decimal::from(l["qty"].as_u64().unwrap());
            let unit = if moved && l["free"] == false {
                round(basis(l) / qty, 4, half_even)
            } else {
                dec(&b["net_unit_price"])
            };
            prop_assert_eq!(dec(&l["net_unit_price"]), unit, "line {}: net_unit_price", i);
        }
        // Gift lines come last: free, no order line, one order_gift step.
        for (i, g) in lines.iter().enumerate().skip(before.len()) {
            prop_assert_eq!(&g["free"], &json!(true), "gift line {}", i);
            prop_assert_eq!(&g["order_line"], &Value::Null, "gift line {}", i);
            prop_assert_eq!(&g["steps"][0]["kind"], &json!("order_gift"), "gift line {}", i);
            prop_assert_eq!(&g["gross_amount"], &json!("0.00"), "gift line {}", i);
        }

        // Each applied amount is exactly the sum of its steps, on its lines.
        let mut applied_total = Decimal::ZERO;
        for op in array(&q["order_promotions"]) {
            let rule = &op["rule"];
            let mut carrying = Vec::new();
            let mut given = Decimal::ZERO;
            for (j, l) in lines.iter().enumerate() {
                let mine: Vec<&Value> = array(&l["steps"])
                    .iter()
                    .filter(|s| s["kind"] == "order_promotion" && &s["rule"] == rule)
                    .collect();
                if !mine.is_empty() {
                    prop_assert_eq!(mine.len(), 1, "{} twice on line {}", rule, j);
                    carrying.push(json!(j));
                    given -= dec(&mine[0]["amount"]);
                }
            }
            let applied = op["status"] == "applied";
            if applied && op["type"] != "gift" {
                prop_assert_eq!(given, dec(&op["discount"]), "{}", rule);
                prop_assert_eq!(&Value::Array(carrying), &op["lines"], "{}: lines", rule);
                applied_total += given;
            } else {
                prop_assert!(carrying.is_empty(), "{} ({}) left steps", rule, op["status"]);
            }
            if applied && op["type"] == "gift" {
                let gift = &op["gift"];
                let found = lines.iter().skip(before.len()).any(|g| {
                    g["sku"] == gift["sku"] && g["qty"] == gift["qty"] && &g["steps"][0]["rule"] == rule
                });
                prop_assert!(found, "{}: no gift line for {}", rule, gift);
            }
        }

        // Totals are the sums of the lines.
        let totals = &q["totals"];
        let sum = |field: &str| lines.iter().map(|l| dec(&l[field])).sum::<Decimal>();
        for field in ["net_amount", "tax_amount", "gross_amount", "order_promotion_discount", "payment_adjustment"] {
            prop_assert_eq!(sum(field), dec(&totals[field]), "totals.{}", field);
        }
        prop_assert_eq!(applied_total, dec(&totals["order_promotion_discount"]));
        prop_assert_eq!(sum("rebate_credit"), dec(&totals["rebate_credit_used"]));
        prop_assert_eq!(
            dec(&totals["payable"]),
            dec(&totals["gross_amount"]) - dec(&totals["rebate_credit_used"])
        );
        // §3.11: used = min(wanted, balance, round_down(ratio × G)), G the
        // gross of the lines the offset selector selects; only those take
        // a share; the effective unit cost deducts the share's net part.
        let offset = &docs.policy["rebate_offset_applies_to"];
        let mut g = Decimal::ZERO;
        for (i, l) in lines.iter().enumerate() {
            let (credit, gross) = (dec(&l["rebate_credit"]), dec(&l["gross_amount"]));
            prop_assert!(credit >= Decimal::ZERO && credit <= gross, "line {}: rebate credit {} of gross {}", i, credit, gross);
            prop_assert_eq!(dec(&l["payable_amount"]), gross - credit, "line {}", i);
            let sku = l["sku"].as_str().unwrap();
            let product = product(&docs.policy, sku);
            let selected = l["free"] == false && selects(offset, sku, product["category"].as_str().unwrap());
            if selected {
                g += gross;
            } else {
                prop_assert!(credit.is_zero(), "line {}: rebate credit on a line the offset leaves out", i);
            }
            let qty = Decimal::from(l["qty"].as_u64().unwrap());
            let rate = dec(&product["tax_rate"]);
            let cost = if l["free"] == true {
                Decimal::ZERO
            } else if incl {
                gross - credit
            } else {
                let share_tax = round(credit * rate / (Decimal::ONE + rate), 2, half_even);
                dec(&l["net_amount"]) - (credit - share_tax)
            };
            prop_assert_eq!(dec(&l["effective_unit_cost"]), round(cost / qty, 4, half_even), "line {}: effective_unit_cost", i);
        }
        let wanted = docs.order.get("use_rebate_credit").map_or(Decimal::ZERO, dec);
        let balance = dec(&docs.account["rebate_credit_balance"]);
        let cap = (dec(&docs.policy["rebate_offset_max_ratio"]) * g)
            .round_dp_with_strategy(2, RoundingStrategy::ToZero);
        prop_assert_eq!(dec(&totals["rebate_credit_used"]), wanted.min(balance).min(cap));
        if !q["payment"].is_null() {
            prop_assert_eq!(dec(&q["payment"]["adjustment_amount"]), dec(&totals["payment_adjustment"]));
        }
        // "A zero amount, price or ratio is written without a sign."
        if let Some(path) = signed_zero(&q, "") {
            return Err(TestCaseError::fail(format!("{path}: a signed zero")));
        }
        // The cost is the net after steps 8 and 9 (§6.1); a credit order
        // adds its whole payable to the exposure (§5.4 rule 2).
        if !q["margin"].is_null() {
            prop_assert_eq!(dec(&q["margin"]["purchase_cost"]), dec(&totals["net_amount"]));
        }
        if q["payment"]["kind"] != "prepay" {
            prop_assert_eq!(
                dec(&q["credit"]["exposure_after"]),
                dec(&q["credit"]["exposure_before"]) + dec(&totals["payable"])
            );
        }
    }

    /// §3.10 rule 2: step 9 comes after every threshold test and is left
    /// out of the rebate basis, so choosing a payment option (or none)
    /// never moves the order across an order-discount, order-promotion or
    /// rebate tier: the order promotions' results, each line's steps up to
    /// step 9 and every rebate's earned figures are the same either way.
    #[test]
    fn choosing_a_payment_option_moves_no_tier(docs in v2_documents(false)) {
        let q = docs.quote()?;
        let mut without = docs.clone();
        without.order.as_object_mut().unwrap().remove("payment");
        let w = without.quote()?;
        prop_assert_eq!(&q["order_promotions"], &w["order_promotions"]);
        let lines = array(&q["lines"]);
        prop_assert_eq!(lines.len(), array(&w["lines"]).len());
        for (i, (l, b)) in lines.iter().zip(array(&w["lines"])).enumerate() {
            let before_step_9: Vec<&Value> =
                array(&l["steps"]).iter().filter(|s| s["kind"] != "payment_terms").collect();
            let steps: Vec<&Value> = array(&b["steps"]).iter().collect();
            prop_assert_eq!(before_step_9, steps, "line {}", i);
            prop_assert_eq!(&l["order_promotion_discount"], &b["order_promotion_discount"], "line {}", i);
        }
        let rebates = array(&q["rebates"]);
        prop_assert_eq!(rebates.len(), array(&w["rebates"]).len());
        for (r, b) in rebates.iter().zip(array(&w["rebates"])) {
            for field in ["program", "basis", "before", "after", "impact", "attainment_after", "next_tier"] {
                prop_assert_eq!(&r[field], &b[field], "{}.{}", r["program"], field);
            }
        }
    }

    /// §3.8 rules 2–4 and 9, §3.9: each order promotion's entry is what a
    /// user would work out by hand from the quote's own lines — status
    /// (dates, level, qualifying lines: selected, not free, not blocked by
    /// a special price, a step-4 promotion, earned free goods or the
    /// order discount unless it combines with it), `S` over the lines as
    /// the earlier groups left them, the tier reached and its `D`, the
    /// winner of each group (highest value, then lower priority, then
    /// lower id), the next tier, and each line's `considered[]` reason.
    #[test]
    fn order_promotion_results_follow_the_rules(docs in v2_documents(false)) {
        let q = docs.quote()?;
        let base = docs.before_step_8().quote()?;
        check_order_promotions(&docs, &q, &base)?;
    }

    /// §5.3–5.5: the credit decision is the first row of the v2 table
    /// that holds, from reasons a user can check by hand (hold, overdue
    /// beyond the 30 grace days, over the limit or the warning line — the
    /// partner's and the group's, for an order that is not prepaid), each
    /// with its action (the policy's, else v1's block/block/block/warn),
    /// blocking, overridden by the order's code, or a warning; with the
    /// required prepayment, the excess rules, and the approval code shown
    /// only when it overrode something.
    #[test]
    fn the_credit_decision_follows_the_v2_table(docs in v2_documents(false)) {
        let q = docs.quote()?;
        check_credit(&docs, &q)?;
    }

    /// §3.10 rule 4, §4.4 and §6.1: the vendor days (the expected days on
    /// terms, 0 prepaid, the policy's 30 without a choice) decide each
    /// program's collection coefficient — the first step covering them,
    /// 0 beyond the last, 1 without a schedule — so its expected payout,
    /// the back margin (their sum), the financing days and cost; paying
    /// after the due date is warned. Every line has a resale price here,
    /// so the margin is computed.
    #[test]
    fn collection_payout_and_financing_follow_the_vendor_days(
        docs in v2_documents(false).prop_map(with_resale_prices),
    ) {
        let q = docs.quote()?;
        let pay = &q["payment"];
        let chosen = docs.order.get("payment").map(|c| {
            array(&docs.policy["payment_options"]).iter().find(|o| o["id"] == c["option"]).unwrap()
        });
        let vendor_days = match chosen {
            None => docs.policy["payment_terms_days"].as_u64().unwrap(),
            Some(o) if o["kind"] == "prepay" => 0,
            Some(o) => {
                let expected = docs.order["payment"].get("expected_days").map_or(&o["days"], |d| d);
                prop_assert_eq!(&pay["expected_days"], expected);
                expected.as_u64().unwrap()
            }
        };
        let late = chosen.is_some_and(|o| o["kind"] == "terms" && vendor_days > o["days"].as_u64().unwrap());
        let warned = array(&q["warnings"]).iter().any(|w| w["code"] == "payment_after_due_date");
        prop_assert_eq!(warned, late);
        let mut payouts = Decimal::ZERO;
        for r in array(&q["rebates"]) {
            let program = array(&docs.policy["rebate_programs"]).iter().find(|p| p["id"] == r["program"]).unwrap();
            let coefficient = match program.get("collection") {
                Some(steps) => {
                    prop_assert_eq!(&r["collection_days"], &json!(vendor_days));
                    array(steps)
                        .iter()
                        .find(|s| vendor_days <= s["max_days"].as_u64().unwrap())
                        .map_or(Decimal::ZERO, |s| dec(&s["coefficient"]))
                }
                None => {
                    prop_assert_eq!(&r["collection_days"], &Value::Null);
                    Decimal::ONE
                }
            };
            prop_assert_eq!(dec(&r["payout_coefficient"]), coefficient, "{}", r["program"]);
            let payout = round(dec(&r["impact"]) * coefficient, 2, docs.policy["rounding"] == "half_even");
            prop_assert_eq!(dec(&r["expected_payout"]), payout, "{}", r["program"]);
            payouts += payout;
        }
        let m = &q["margin"];
        prop_assert!(!m.is_null(), "every line has a resale price");
        let inputs = docs.order.get("margin");
        let customer_days = inputs.map_or(0, |i| i["customer_payment_days"].as_u64().unwrap());
        let capital = inputs.map_or(Decimal::ZERO, |i| dec(&i["cost_of_capital"]));
        let days = customer_days.saturating_sub(vendor_days);
        prop_assert_eq!(&m["financing_days"], &json!(days));
        let cost = dec(&m["purchase_cost"]);
        let financing = round(cost * capital * Decimal::from(days) / Decimal::from(365), 2, docs.policy["rounding"] == "half_even");
        prop_assert_eq!(dec(&m["financing_cost"]), financing);
        prop_assert_eq!(dec(&m["back_margin"]), payouts);
        prop_assert_eq!(
            dec(&m["net_margin"]),
            dec(&m["front_margin"]) + payouts - dec(&m["freight"]) - dec(&m["other_costs"]) - financing
        );
    }

    /// §5.5: a prepaid order pays before shipment, so it adds no exposure
    /// and consumes no credit: exposures (the partner's and the group's)
    /// stay as they were, no limit reason is evaluated, so it is never
    /// `prepayment_required`, and the whole payable is required up front
    /// whatever the decision (blocked by a hold, overridden, prepaid).
    #[test]
    fn a_prepaid_order_never_consumes_credit(docs in v2_documents(true)) {
        let q = docs.quote()?;
        prop_assert_eq!(&q["payment"]["kind"], &json!("prepay"));
        let c = &q["credit"];
        prop_assert_eq!(&c["exposure_after"], &c["exposure_before"]);
        prop_assert_eq!(&c["available_after"], &c["available_before"]);
        prop_assert_eq!(&c["effective_available_after"], &c["effective_available_before"]);
        prop_assert_eq!(&c["consumes_credit"], &json!(false));
        prop_assert_eq!(&c["required_prepayment"], &q["totals"]["payable"]);
        prop_assert_ne!(&c["decision"], &json!("prepayment_required"));
        for r in array(&c["reasons"]) {
            prop_assert!(
                r["code"] == "on_hold" || r["code"] == "overdue",
                "a limit reason on a prepaid order: {}", r["code"]
            );
        }
        if !c["group"].is_null() {
            prop_assert_eq!(&c["group"]["exposure_after"], &c["group"]["exposure_before"]);
        }
    }

    /// §10: the end customer's amount splits into the vendor's net
    /// revenue, the distributor's margin and the reseller's margin, which
    /// must add up to it exactly — per line (before rebates) and in total
    /// (after them) — whatever the prices, quantities, vendor terms and
    /// special bids; the totals are the sums of the lines.
    #[test]
    fn the_chain_splits_the_customer_amount_exactly(orders in chain_orders()) {
        let spec = &*CHAIN;
        let order = Order::from_json_text(&orders.order.to_string())
            .map_err(|e| TestCaseError::fail(format!("order: {e:?}")))?;
        let distributor_order = orders
            .distributor_order
            .as_ref()
            .map(|o| Order::from_json_text(&o.to_string()))
            .transpose()
            .map_err(|e| TestCaseError::fail(format!("distributor order: {e:?}")))?;
        let mut reseller = spec.reseller_account.clone();
        reseller.level = id(orders.reseller_level);
        let c = chain_quote(&ChainInputs {
            vendor_policy: &spec.vendor_policy,
            distributor_account: &spec.distributor_account,
            distributor_policy: &spec.distributor_policy,
            reseller_account: &reseller,
            order: &order,
            distributor_order: distributor_order.as_ref(),
        })
        .map_err(|e| TestCaseError::fail(format!("a valid chain did not quote: {e:?}")))?;
        let t = &c.totals;
        prop_assert_eq!(
            t.vendor_net_revenue + t.distributor_margin + t.reseller_margin,
            t.customer_amount,
            "{} + {} + {}", t.vendor_net_revenue, t.distributor_margin, t.reseller_margin
        );
        prop_assert_eq!(c.lines.len(), order.lines.len());
        for l in &c.lines {
            prop_assert_eq!(
                l.vendor_revenue + l.distributor_spread + l.reseller_margin,
                l.customer_amount,
                "line {}", l.order_line
            );
        }
        prop_assert_eq!(c.lines.iter().map(|l| l.customer_amount).sum::<Decimal>(), t.customer_amount);
        prop_assert_eq!(c.lines.iter().map(|l| l.reseller_cost).sum::<Decimal>(), t.reseller_cost);
        prop_assert_eq!(c.lines.iter().map(|l| l.distributor_cost).sum::<Decimal>(), t.distributor_cost);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// §2.4 rules 3–5: declaring a document `/2` changes no v1 field of
    /// its quote — any mix of `/1` and `/2` — so a vendor can move its
    /// files to v2 one at a time without a single figure moving.
    #[test]
    fn v1_documents_redeclared_v2_quote_every_v1_field_identically(
        docs in strategies::documents(),
        mix in any::<[bool; 3]>(),
    ) {
        let v1 = quote_json(&docs)?;
        prop_assert!(v1.get("schema").is_none(), "a v1 quote has no schema");
        // All three `/2`, then the generated mix (at least one `/2`).
        for mix in [[true; 3], mix] {
            if mix == [false; 3] {
                continue;
            }
            let mut d = docs.clone();
            if mix[0] {
                d.policy.schema = PolicyTag::V2;
            }
            if mix[1] {
                d.account.schema = AccountTag::V2;
            }
            if mix[2] {
                d.order.schema = OrderTag::V2;
            }
            let v2 = quote_json(&d)?;
            same_v1_fields(&v1, &v2);
            prop_assert_eq!(&v2["order_promotions"], &json!([]));
            prop_assert_eq!(&v2["payment"], &Value::Null);
        }
    }

    /// §2.4 rule 5, neutral forms: a `terms` option with adjustment 0 and
    /// the policy's days, chosen; the default credit actions written out;
    /// a collection schedule whose entry covering the vendor days pays 1;
    /// an offset selector selecting everything; no order promotions; a
    /// credit group neither of whose reasons holds. A vendor adopting
    /// these in a v1-equivalent setup must see no v1 figure move.
    #[test]
    fn v1_documents_with_neutral_v2_settings_quote_every_v1_field_identically(
        docs in strategies::documents(),
        settings in neutral(),
    ) {
        let v1 = quote_json(&docs)?;
        let payable = dec(&v1["totals"]["payable"]);
        let d = settings.apply(&docs, payable);
        let v2 = quote_json(&d)?;
        same_v1_fields(&v1, &v2);
        prop_assert_eq!(&v2["order_promotions"], &json!([]));
        if settings.terms.is_some() {
            prop_assert_eq!(&v2["payment"]["adjustment_amount"], &json!("0.00"));
        }
        prop_assert!(array(&v2["warnings"]).iter().all(|w| w["code"] != "payment_after_due_date"));
    }
}
