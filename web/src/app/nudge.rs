//! "Buy ¥X more to reach the next tier", made real: the scenario that buys
//! enough of one product to reach a rebate program's next tier (or an
//! order promotion's, 凑单), found by quoting it — so the gain the partner sees is after that purchase's own
//! discounts (a volume break or a promotion can lower its price, and so
//! how much it counts toward the target).

use super::i18n::Key;
use super::scenario::Scenario;
use crate::engine::fields::Qty;
use crate::engine::{quote, Account, PreparedPolicy};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What the extra purchase is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Goal {
    /// A rebate program's next tier.
    Rebate(String),
    /// An order promotion's next tier (满减 / 满折 / 满赠, SPEC-v2 §3.8 rule 9).
    OrderPromotion(String),
}

/// Where a quote stands on the way to the goal's tier: reached, or how
/// much is still missing.
enum Standing {
    Reached,
    Missing(Decimal),
}

impl Goal {
    /// The mark the tier is at, read from the scenario's current quote.
    fn mark(&self, q: &crate::engine::Quote) -> Option<Decimal> {
        match self {
            Goal::Rebate(program) => q
                .rebates
                .iter()
                .find(|r| &r.program == program)
                .and_then(|r| r.next_tier.as_ref())
                .map(|t| t.attainment),
            Goal::OrderPromotion(rule) => {
                let r =
                    q.v2.as_ref()?
                        .order_promotions
                        .iter()
                        .find(|r| &r.rule == rule)?;
                let t = r.next_tier.as_ref()?;
                r.qualifying_subtotal
                    .unwrap_or(Decimal::ZERO)
                    .checked_add(t.additional_subtotal)
            }
        }
    }

    fn standing(&self, q: &crate::engine::Quote, mark: Decimal) -> Option<Standing> {
        match self {
            Goal::Rebate(program) => {
                let r = q.rebates.iter().find(|r| &r.program == program)?;
                Some(if r.attainment_after >= mark {
                    Standing::Reached
                } else {
                    Standing::Missing(
                        r.next_tier
                            .as_ref()
                            .map_or(Decimal::ZERO, |t| t.additional_purchase),
                    )
                })
            }
            Goal::OrderPromotion(rule) => {
                let r =
                    q.v2.as_ref()?
                        .order_promotions
                        .iter()
                        .find(|r| &r.rule == rule)?;
                let s = r.qualifying_subtotal.unwrap_or(Decimal::ZERO);
                Some(if s >= mark {
                    Standing::Reached
                } else {
                    Standing::Missing(mark.checked_sub(s)?)
                })
            }
        }
    }
}

/// Quotes tried before giving up; each step buys what the last quote
/// says is still missing, so two or three are usual.
const ATTEMPTS: usize = 12;

/// The products a rebate `program` counts (SKU and category), in policy
/// order: those a partner can add to reach its next tier.
pub fn eligible_products<'p>(policy: &'p PreparedPolicy, program: &str) -> Vec<(&'p str, &'p str)> {
    let Some(p) = policy.program(program) else {
        return Vec::new();
    };
    policy
        .policy
        .products
        .iter()
        .filter(|prod| {
            p.applies_to
                .selects(prod.sku.as_str(), prod.category.as_str())
        })
        .map(|prod| (prod.sku.as_str(), prod.category.as_str()))
        .collect()
}

/// `scenario` with `sku` added (or its line raised) by the fewest whole
/// order multiples that take `program` to its next tier, with its new
/// quote. The scenario's simulated level, if any, carries over.
pub fn reach_next_tier(
    policy: &PreparedPolicy,
    account: &Account,
    scenario: &Scenario,
    goal: &Goal,
    sku: &str,
) -> Result<Scenario, Key> {
    let product = policy.product(sku).ok_or(Key::NudgeNotPossible)?;
    let multiple = product.order_multiple.get();
    let priced_for = scenario.account_for(account).into_owned();
    let mark = scenario
        .quote
        .as_deref()
        .and_then(|q| goal.mark(q))
        .ok_or(Key::NudgeNotPossible)?;
    let mut next = scenario.clone();
    let existing = next
        .draft
        .lines
        .iter()
        .find(|l| l.sku.trim() == sku && l.special_price.trim().is_empty())
        .map(|l| l.key);
    let key = existing.unwrap_or_else(|| next.draft.add_line(sku, 0));
    let base: u32 = next
        .draft
        .lines
        .iter()
        .find(|l| l.key == key)
        .and_then(|l| l.qty.trim().parse().ok())
        .unwrap_or(0);
    let mut added: u32 = multiple;
    for _ in 0..ATTEMPTS {
        let qty = base
            .checked_add(added)
            .and_then(Qty::new)
            .ok_or(Key::NudgeTooLarge)?;
        if let Some(line) = next.draft.line_mut(key) {
            line.qty = qty.get().to_string();
        }
        let order = next.draft.to_order().map_err(|_| Key::NudgeNotPossible)?;
        let q = quote(policy, &priced_for, &order).map_err(|_| Key::NudgeNotPossible)?;
        let missing = match goal.standing(&q, mark).ok_or(Key::NudgeNotPossible)? {
            Standing::Reached => {
                next.requote(policy, account);
                return Ok(next);
            }
            // Still short: buy what is missing at what a unit of this line
            // now counts for (its net amount per unit), rounded up to multiples.
            Standing::Missing(m) => m,
        };
        let line = q
            .lines
            .iter()
            .find(|l| !l.free && l.sku == sku && l.qty == u64::from(qty.get()))
            .ok_or(Key::NudgeNotPossible)?;
        let per_unit = line
            .net_amount
            .checked_div(Decimal::from(line.qty))
            .filter(|u| *u > Decimal::ZERO)
            .ok_or(Key::NudgeNotPossible)?;
        let units = missing
            .checked_div(per_unit)
            .and_then(|u| u.ceil().to_u32())
            .ok_or(Key::NudgeTooLarge)?
            .max(1);
        let step = units
            .div_ceil(multiple)
            .checked_mul(multiple)
            .ok_or(Key::NudgeTooLarge)?;
        added = added.checked_add(step).ok_or(Key::NudgeTooLarge)?;
    }
    Err(Key::NudgeNotPossible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draft::Draft;
    use crate::app::test_support::spec;
    use crate::engine::Account;

    fn gold_rebate() -> Account {
        Account::from_json_bytes(&spec("accounts/gold-rebate.json")).unwrap()
    }

    #[test]
    fn the_scenario_reaches_the_next_tier_with_the_fewest_whole_units() {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = gold_rebate();
        let mut s = Scenario::new('A', Draft::new("2026-11-20"));
        s.draft.add_line("ERP-USER", 1);
        s.requote(&policy, &account);
        let q = s.quote.clone().unwrap();
        let (program, tier) = q
            .rebates
            .iter()
            .find_map(|r| {
                r.next_tier
                    .as_ref()
                    .map(|t| (r.program.clone(), t.attainment))
            })
            .expect("a program below its next tier");
        let sku = eligible_products(&policy, &program)[0].0;
        let reached =
            reach_next_tier(&policy, &account, &s, &Goal::Rebate(program.clone()), sku).unwrap();
        let after = reached.quote.as_ref().unwrap();
        let r = after.rebates.iter().find(|r| r.program == program).unwrap();
        assert!(
            r.attainment_after >= tier,
            "{} < {tier}",
            r.attainment_after
        );
        assert!(
            r.after
                > q.rebates
                    .iter()
                    .find(|x| x.program == program)
                    .unwrap()
                    .after
        );
        // One unit fewer (one multiple fewer) would not have reached it.
        let mut fewer = reached.clone();
        let line = fewer.draft.lines.iter_mut().find(|l| l.sku == sku).unwrap();
        let multiple = policy.product(sku).unwrap().order_multiple.get();
        let qty: u32 = line.qty.parse().unwrap();
        let original: u32 = s
            .draft
            .lines
            .iter()
            .find(|l| l.sku == sku)
            .map_or(0, |l| l.qty.parse().unwrap());
        if qty - multiple > original {
            line.qty = (qty - multiple).to_string();
            fewer.requote(&policy, &account);
            let short = fewer.quote.as_ref().unwrap();
            let r = short.rebates.iter().find(|r| r.program == program).unwrap();
            assert!(r.attainment_after < tier);
        }
    }

    #[test]
    fn no_next_tier_or_an_unknown_product_is_a_message_not_a_guess() {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = gold_rebate();
        let s = Scenario::new('A', Draft::new("2026-11-20"));
        assert_eq!(
            reach_next_tier(
                &policy,
                &account,
                &s,
                &Goal::Rebate("NO-SUCH".into()),
                "ERP-USER"
            )
            .unwrap_err(),
            Key::NudgeNotPossible
        );
        assert_eq!(
            reach_next_tier(&policy, &account, &s, &Goal::Rebate("X".into()), "NO-SKU")
                .unwrap_err(),
            Key::NudgeNotPossible
        );
    }
}
