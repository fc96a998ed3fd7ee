//! An account's own consistency.

use crate::documents::account::Account;
use crate::problem::{at, field, index, Problems};
use std::collections::HashMap;

pub fn check(account: &Account, p: &mut Problems) {
    super::version::account(account, p);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in account.rebates.iter().enumerate() {
        if let Some(first) = seen.insert(r.program.as_str(), i) {
            p.push(
                &field(&index(&at("rebates"), i), "program"),
                "duplicate_id",
                format!("返利计划 “{}” 与 rebates[{first}] 重复", r.program),
                format!(
                    "rebate program \"{}\" is already listed at rebates[{first}]",
                    r.program
                ),
            );
        }
    }
}
