//! Property tests on generated valid policies, accounts and orders.

mod common;

use channel_quote::engine::credit::{self, CreditInputs};
use channel_quote::engine::documents::{Account, Order, Policy};
use channel_quote::engine::money::RoundingMode;
use channel_quote::engine::rebate::rebate_at;
use channel_quote::engine::{quote, PreparedPolicy};
use common::synthetic::{self, Rng, Shape};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn documents(seed: u64, lines: usize) -> (Policy, Account, Order) {
    let mut rng = Rng::new(seed);
    let policy = synthetic::policy(&mut rng, &Shape::small());
    let account = synthetic::account(&mut rng, &policy);
    let order = synthetic::order(&mut rng, &policy, lines);
    (policy, account, order)
}

/// Serializes a generated document and reads it back as a user's file
/// would be: it must validate and come back identical.
fn reread(policy: &Policy, account: &Account, order: &Order) -> (PreparedPolicy, Account, Order) {
    let p_text = serde_json::to_string_pretty(policy).unwrap();
    let a_text = serde_json::to_string_pretty(account).unwrap();
    let o_text = serde_json::to_string_pretty(order).unwrap();
    let p = PreparedPolicy::from_json_bytes(p_text.as_bytes())
        .unwrap_or_else(|e| panic!("policy: {e:?}"));
    let a = Account::from_json_text(&a_text).unwrap_or_else(|e| panic!("account: {e:?}"));
    let o = Order::from_json_text(&o_text).unwrap_or_else(|e| panic!("order: {e:?}"));
    (p, a, o)
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn documents_round_trip(seed in any::<u64>(), lines in 1usize..12) {
        let (policy, account, order) = documents(seed, lines);
        let (p, a, o) = reread(&policy, &account, &order);
        prop_assert_eq!(&p.policy, &policy);
        prop_assert_eq!(&a, &account);
        prop_assert_eq!(&o, &order);
    }

    #[test]
    fn valid_input_always_quotes_and_adds_up(seed in any::<u64>(), lines in 1usize..12) {
        let (policy, account, order) = documents(seed, lines);
        let (p, a, o) = reread(&policy, &account, &order);
        let q = quote(&p, &a, &o).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let sum = |f: fn(&channel_quote::engine::quote::QuoteLine) -> Decimal| q.lines.iter().map(f).sum::<Decimal>();
        prop_assert_eq!(sum(|l| l.net_amount), q.totals.net_amount);
        prop_assert_eq!(sum(|l| l.tax_amount), q.totals.tax_amount);
        prop_assert_eq!(sum(|l| l.gross_amount), q.totals.gross_amount);
        prop_assert_eq!(q.totals.payable, q.totals.gross_amount - q.totals.rebate_credit_used);
        prop_assert!(q.totals.rebate_credit_used >= Decimal::ZERO);
        prop_assert!(q.totals.rebate_credit_used <= a.rebate_credit_balance.value());
        prop_assert!(q.totals.rebate_credit_used <= o.use_rebate_credit.map_or(Decimal::ZERO, |m| m.value()));
        for l in &q.lines {
            prop_assert_eq!(l.net_amount + l.tax_amount, l.gross_amount);
            prop_assert!(l.net_amount >= Decimal::ZERO);
            prop_assert_eq!(l.net_amount.scale(), 2);
            prop_assert_eq!(l.net_unit_price.scale(), 4);
            // The explanation ends where the price ends.
            let last = l.steps.last().map_or(l.list_price, |s| s.unit_price_after);
            prop_assert_eq!(last, l.net_unit_price);
        }
        // Every order line is quoted once, in order, free lines right after.
        let paid: Vec<usize> = q.lines.iter().filter(|l| !l.free).map(|l| l.order_line).collect();
        prop_assert_eq!(paid, (0..o.lines.len()).collect::<Vec<_>>());
        // Margin exactly when every line has a resale price.
        prop_assert_eq!(q.margin.is_some(), o.lines.iter().all(|l| l.resale_price.is_some()));
    }

    #[test]
    fn retroactive_rebate_never_falls_as_basis_grows(seed in any::<u64>(), a in 0u64..10_000_000_000, b in 0u64..10_000_000_000) {
        let (policy, _, _) = documents(seed, 1);
        let (lo, hi) = (a.min(b), a.max(b));
        let target = Decimal::new(50_000_000, 2);
        for program in &policy.rebate_programs {
            for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven] {
                let r_lo = rebate_at(program, target, Decimal::new(lo as i64, 2), mode).unwrap();
                let r_hi = rebate_at(program, target, Decimal::new(hi as i64, 2), mode).unwrap();
                prop_assert!(r_lo <= r_hi, "{} {lo} → {r_lo}, {hi} → {r_hi}", program.id);
            }
        }
    }

    #[test]
    fn credit_only_gets_stricter_as_payable_grows(seed in any::<u64>(), a in 0u64..100_000_000_000, b in 0u64..100_000_000_000) {
        let (policy, account, order) = documents(seed, 1);
        let check = |cents: u64| credit::check(&CreditInputs {
            account: &account.credit,
            policy: &policy.credit,
            date: order.date,
            payable: Decimal::new(cents as i64, 2),
            currency: "CNY",
            mode: policy.rounding,
        }).unwrap();
        let (lo, hi) = (check(a.min(b)), check(a.max(b)));
        prop_assert!(lo.decision <= hi.decision, "{:?} then {:?}", lo.decision, hi.decision);
        prop_assert!(lo.required_prepayment <= hi.required_prepayment);
    }
}

#[test]
fn exactly_at_the_limit_passes_the_limit_check() {
    let (policy, mut account, order) = documents(7, 1);
    account.credit.on_hold = false;
    account.credit.overdue.clear();
    account.credit.temporary_limit = None;
    account.credit.limit = channel_quote::engine::money::Money::parse("1000.00").unwrap();
    account.credit.ar_outstanding = channel_quote::engine::money::Money::parse("400.00").unwrap();
    account.credit.open_orders = channel_quote::engine::money::Money::zero();
    account.credit.deposit_balance = channel_quote::engine::money::Money::zero();
    let check = |payable: &str| {
        credit::check(&CreditInputs {
            account: &account.credit,
            policy: &policy.credit,
            date: order.date,
            payable: d(payable),
            currency: "CNY",
            mode: RoundingMode::HalfUp,
        })
        .unwrap()
    };
    let at = check("600.00");
    assert_ne!(at.decision, credit::Decision::PrepaymentRequired);
    assert_eq!(at.available_after, d("0.00"));
    let over = check("600.01");
    assert_eq!(over.decision, credit::Decision::PrepaymentRequired);
    assert_eq!(over.required_prepayment, d("0.01"));
}
