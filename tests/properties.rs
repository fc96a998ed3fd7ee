//! Property tests on generated valid policies, accounts and orders.
//!
//! Documents come from the strategies in `common/strategies.rs`, built from
//! typed parts, so a failure shrinks to a small document (printed as JSON)
//! rather than to a seed. Failures are saved in
//! `tests/properties.proptest-regressions` and re-run first.

mod common;

use channel_quote::engine::credit::{self, CreditInputs};
use channel_quote::engine::documents::policy::RebateMode;
use channel_quote::engine::documents::AppliesTo;
use channel_quote::engine::documents::{Account, Order, Policy};
use channel_quote::engine::money::{Money, RoundingMode};
use channel_quote::engine::pricing::index::{ProductSlot, RuleIndex};
use channel_quote::engine::rebate::rebate_at;
use channel_quote::engine::{quote, PreparedPolicy};
use common::strategies::{self, Documents, Json};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeSet;

/// 256 cases; failures persisted beside this file, in
/// `properties.proptest-regressions`. `WithSource` rather than proptest's
/// default `SourceParallel`, which looks for a `lib.rs` or `main.rs` above
/// the test, finds none (`tests/` has neither, nor has the root) and
/// prints a warning before falling back to this very file.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
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

fn cents(n: u64) -> Decimal {
    Decimal::new(i64::try_from(n).expect("small"), 2)
}

/// The rules an index offers for a product, exclusions applied.
fn found_by_index(index: &RuleIndex, slot: &ProductSlot, rules: &[&AppliesTo]) -> BTreeSet<usize> {
    index
        .candidates(slot)
        .iter()
        .copied()
        .filter(|&i| !rules[i].excludes(slot.sku, slot.category))
        .collect()
}

/// The rules whose `applies_to` selects a product, by brute force.
fn selected(rules: &[&AppliesTo], sku: &str, category: &str) -> BTreeSet<usize> {
    (0..rules.len())
        .filter(|&i| rules[i].selects(sku, category))
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn documents_round_trip(docs in strategies::documents()) {
        let Documents { policy, account, order } = docs;
        let (p, a, o) = reread(&policy, &account, &order);
        prop_assert_eq!(&p.policy, &policy);
        prop_assert_eq!(&a, &account);
        prop_assert_eq!(&o, &order);
    }

    #[test]
    fn valid_input_always_quotes_and_adds_up(docs in strategies::documents()) {
        let (p, a, o) = reread(&docs.policy, &docs.account, &docs.order);
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
        let paid: Vec<usize> = q.lines.iter().filter(|l| !l.free).filter_map(|l| l.order_line).collect();
        prop_assert_eq!(paid, (0..o.lines.len()).collect::<Vec<_>>());
        // Margin exactly when every line has a resale price.
        prop_assert_eq!(q.margin.is_some(), o.lines.iter().all(|l| l.resale_price.is_some()));
    }

    /// Retroactive programs whose rates rise with attainment, and every
    /// incremental program. (A retroactive program whose rate falls at a
    /// higher tier pays less above it — SPEC §4 allows such tiers, so the
    /// strategy generates some, and they are left out here.)
    #[test]
    fn retroactive_rebate_never_falls_as_basis_grows(
        Json(policy) in strategies::policy().prop_map(Json),
        a in 0u64..200_000_000,
        b in 0u64..200_000_000,
    ) {
        let (lo, hi) = (a.min(b), a.max(b));
        // Tier thresholds are up to ~2.4 × target: lo and hi often straddle one.
        let target = Decimal::new(50_000_000, 2);
        for program in &policy.rebate_programs {
            let rates_rise = program.tiers.windows(2).all(|w| w[0].rate <= w[1].rate);
            if program.mode == RebateMode::Retroactive && !rates_rise {
                continue;
            }
            for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven] {
                let r_lo = rebate_at(program, target, cents(lo), mode).unwrap();
                let r_hi = rebate_at(program, target, cents(hi), mode).unwrap();
                prop_assert!(r_lo <= r_hi, "{} {lo} → {r_lo}, {hi} → {r_hi}", program.id);
            }
        }
    }

    #[test]
    fn credit_only_gets_stricter_as_payable_grows(
        docs in strategies::documents(),
        a in 0u64..300_000_000,
        b in 0u64..300_000_000,
    ) {
        let Documents { policy, account, order } = docs;
        let check = |c: u64| credit::check(&CreditInputs {
            account: &account.credit,
            policy: &policy.credit,
            date: order.date,
            payable: cents(c),
            currency: "CNY",
            mode: policy.rounding,
            prepaid: false,
            override_code: None,
            v2: false,
        }).unwrap();
        let (lo, hi) = (check(a.min(b)), check(a.max(b)));
        prop_assert!(lo.decision <= hi.decision, "{:?} then {:?}", lo.decision, hi.decision);
        prop_assert!(lo.required_prepayment <= hi.required_prepayment);
    }

    /// The generated account is moved to an exposure of `share` (in basis
    /// points) of its effective limit — SPEC §5's, computed here — keeping
    /// its limit, temporary limit (active or expired on the order date),
    /// open orders and deposit; a payable reaching the limit exactly passes
    /// the limit check, one cent more does not.
    #[test]
    fn exactly_at_the_limit_passes_the_limit_check(
        docs in strategies::documents(),
        share in 0u64..=10_000,
    ) {
        let Documents { policy, mut account, order } = docs;
        let c = &mut account.credit;
        c.on_hold = false;
        c.overdue.clear();
        let temporary = c
            .temporary_limit
            .as_ref()
            .filter(|t| order.date <= t.expires)
            .map_or(Decimal::ZERO, |t| t.amount.value());
        let effective = c.limit.value() + temporary;
        let exposure = (effective * Decimal::from(share) / Decimal::from(10_000))
            .round_dp_with_strategy(2, RoundingStrategy::ToZero);
        // exposure = ar + open − deposit, every part ≥ 0.
        let ar = exposure + c.deposit_balance.value() - c.open_orders.value();
        if ar >= Decimal::ZERO {
            c.ar_outstanding = Money::new(ar).unwrap();
        } else {
            c.ar_outstanding = Money::zero();
            c.open_orders = Money::new(exposure + c.deposit_balance.value()).unwrap();
        }
        let payable = effective - exposure;
        let check = |payable: Decimal| {
            credit::check(&CreditInputs {
                account: &account.credit,
                policy: &policy.credit,
                date: order.date,
                payable,
                currency: "CNY",
                mode: policy.rounding,
                prepaid: false,
                override_code: None,
                v2: false,
            })
            .unwrap()
        };
        let at = check(payable);
        prop_assert_eq!(at.effective_limit, effective);
        prop_assert_ne!(at.decision, credit::Decision::PrepaymentRequired);
        prop_assert_ne!(at.decision, credit::Decision::Blocked);
        prop_assert_eq!(at.available_after, Decimal::ZERO);
        let over = check(payable + Decimal::new(1, 2));
        prop_assert_eq!(over.decision, credit::Decision::PrepaymentRequired);
        prop_assert_eq!(over.required_prepayment, Decimal::new(1, 2));
    }

    /// The rule indexes offer exactly the rules whose `applies_to` selects
    /// a product, once each, in policy order, once exclusions are applied.
    #[test]
    fn the_rule_index_selects_exactly_what_applies_to_selects(
        Json(policy) in strategies::policy().prop_map(Json),
    ) {
        let prepared = PreparedPolicy::new(policy.clone(), b"generated")
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let promotions: Vec<&AppliesTo> = policy.promotions.iter().map(|p| &p.applies_to).collect();
        let volume: Vec<&AppliesTo> = policy.volume_breaks.iter().map(|v| &v.applies_to).collect();
        for product in &policy.products {
            let (sku, category) = (product.sku.as_str(), product.category.as_str());
            let (found, slot) = prepared.slot(sku).expect("every SKU has a slot");
            prop_assert_eq!(&found.sku, &product.sku);
            prop_assert_eq!((slot.sku, slot.category), (sku, category));
            for (kind, index, rules) in [
                ("promotions", &prepared.promotions, &promotions),
                ("volume_breaks", &prepared.volume_breaks, &volume),
            ] {
                prop_assert_eq!(
                    found_by_index(index, &slot, rules),
                    selected(rules, sku, category),
                    "{} for {} ({})", kind, sku, category
                );
                let candidates = index.candidates(&slot);
                prop_assert!(
                    candidates.windows(2).all(|w| w[0] < w[1]),
                    "{} candidates for {} not in policy order without repeats: {:?}",
                    kind, sku, candidates
                );
            }
        }
    }
}
