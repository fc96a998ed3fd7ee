//! The embedded demo: a realistic policy and four partners with different
//! standings, compiled into the app so it opens ready to explore.

use super::loaded::{LoadedAccount, LoadedPolicy, Source};
use crate::engine::fields::NonEmpty;
use crate::engine::{Account, PreparedPolicy};

const POLICY: &str = include_str!("demo/policy.json");
const ACCOUNTS: [&str; 4] = [
    include_str!("demo/healthy.json"),
    include_str!("demo/near-limit.json"),
    include_str!("demo/overdue-blocked.json"),
    include_str!("demo/near-rebate-tier.json"),
];

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
        assert_eq!(policy.rebate_programs.len(), 2);
        for a in accounts().iter() {
            let order = crate::engine::Order::from_json_text(
                r#"{"schema":"channel-order/1","date":"2026-11-26","lines":[{"sku":"ERP-STD","qty":1}]}"#,
            )
            .unwrap();
            quote(&p.prepared, &a.account, &order).unwrap();
        }
    }
}
