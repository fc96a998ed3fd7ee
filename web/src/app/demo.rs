//! The embedded demo: a realistic policy, four partners with different
//! standings and a business plan, compiled into the app so it opens ready
//! to explore.

#[cfg(feature = "studio")]
use super::loaded::LoadedPlan;
use super::loaded::{LoadedAccount, LoadedPolicy, Source};
use crate::engine::fields::NonEmpty;
#[cfg(feature = "studio")]
use crate::engine::Plan;
use crate::engine::{Account, PreparedPolicy};

const POLICY: &str = include_str!("demo/policy.json");
const ACCOUNTS: [&str; 4] = [
    include_str!("demo/healthy.json"),
    include_str!("demo/near-limit.json"),
    include_str!("demo/overdue-blocked.json"),
    include_str!("demo/near-rebate-tier.json"),
];
/// Six months of the near-rebate-tier partner at four levels: at gold it
/// ends just short of the software & cloud rebate's 100 % tier, silver
/// crosses it and still nets less, and distributor nets clearly the most.
#[cfg(feature = "studio")]
const PLAN: &str = include_str!("demo/plan.json");

pub fn policy() -> LoadedPolicy {
    let prepared = PreparedPolicy::from_json_bytes(POLICY.as_bytes())
        .expect("the demo policy is valid (tested)");
    LoadedPolicy {
        prepared,
        source: Source::Demo,
        text: POLICY.into(),
    }
}

fn account(text: &str) -> LoadedAccount {
    LoadedAccount {
        account: Account::from_json_text(text).expect("the demo accounts are valid (tested)"),
        source: Source::Demo,
        text: text.into(),
    }
}

/// The demo business plan (it fits the demo policy: tested).
#[cfg(feature = "studio")]
pub fn plan() -> LoadedPlan {
    LoadedPlan {
        plan: Plan::from_json_text(PLAN).expect("the demo plan is valid (tested)"),
        source: Source::Demo,
        text: PLAN.into(),
    }
}

/// The demo partners; never empty.
pub fn accounts() -> NonEmpty<LoadedAccount> {
    let [first, rest @ ..] = ACCOUNTS;
    let mut all = NonEmpty::one(account(first));
    for text in rest {
        all.push(account(text));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::quote;

    #[test]
    fn demo_documents_are_valid_and_varied() {
        let p = policy();
        let policy = &p.prepared.policy;
        let categories: std::collections::BTreeSet<_> = policy
            .products
            .iter()
            .map(|x| x.category.as_str())
            .collect();
        assert!(policy.products.len() >= 30);
        assert_eq!(categories.len(), 5);
        assert_eq!(policy.levels.len(), 4);
        assert_eq!(policy.rebate_programs.len(), 5);
        // Every month of the demo year (Oct 2026 – Sep 2027) has a quarterly
        // program and the annual one, so a plan shows rebates in any period.
        for (y, m) in (10..=12)
            .map(|m| (2026, m))
            .chain((1..=9).map(|m| (2027, m)))
        {
            let day = crate::engine::documents::Date::new(y, m, 15).unwrap();
            let covering: Vec<_> = policy
                .rebate_programs
                .iter()
                .filter(|r| r.period.contains(day))
                .map(|r| r.id.as_str())
                .collect();
            assert!(covering.contains(&"REB-ANNUAL"), "{y}-{m}: {covering:?}");
            assert!(covering.len() >= 2, "{y}-{m}: {covering:?}");
        }
        for a in accounts().iter() {
            let order = crate::engine::Order::from_json_text(
                r#"{"schema":"channel-order/1","date":"2026-11-26","lines":[{"sku":"ERP-STD","qty":1}]}"#,
            )
            .unwrap();
            quote(&p.prepared, &a.account, &order).unwrap();
        }
    }

    #[test]
    fn the_demo_plan_fits_the_demo_policy_and_tells_its_story() {
        let p = policy();
        let plan = plan().plan;
        let partner = &accounts()[3].account;
        assert_eq!(plan.partner_name.as_str(), partner.name);
        let r =
            crate::engine::plan(&p.prepared, &plan).expect("the demo plan fits the demo policy");
        let net: Vec<(&str, String)> = r
            .levels
            .iter()
            .map(|l| (l.level.as_str(), l.totals.net_profit.to_string()))
            .collect();
        assert_eq!(
            net,
            [
                ("registered", "169616.98".to_string()),
                ("silver", "303856.68".into()),
                ("gold", "375334.27".into()),
                ("distributor", "483314.92".into()),
            ]
        );
        // Gold ends March just short of the software & cloud 100 % tier;
        // silver, buying dearer, crosses it — and still nets less.
        let march = |level: usize| &r.levels[level].periods[5].quote.rebates[0];
        assert_eq!(march(2).attainment_after.to_string(), "0.9985");
        let next = march(2).next_tier.as_ref().unwrap();
        assert_eq!(next.additional_purchase.to_string(), "1486.38");
        assert_eq!(next.rebate_gain.to_string(), "10029.73");
        assert_eq!(march(1).attainment_after.to_string(), "1.0694");
    }
}
