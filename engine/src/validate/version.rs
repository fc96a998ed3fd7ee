//! SPEC-v2 §2.4 rule 2: a v2 field is allowed only in a `/2` document. The
//! list of v2 fields per document lives here, once.

use crate::documents::{Account, Order, Policy};
use crate::problem::{at, field, index, JsonPath, Problems};

fn needs(p: &mut Problems, path: &JsonPath, tag: &str) {
    p.push(
        path,
        "needs_v2",
        format!("此字段需要 \"schema\": \"{tag}\""),
        format!("needs \"schema\": \"{tag}\""),
    );
}

/// The v2 fields a `/1` policy carries, each reported at its path.
pub fn policy(policy: &Policy, p: &mut Problems) {
    if policy.schema.is_v2() {
        return;
    }
    let tag = crate::fields::PolicyTag::TAG_V2;
    for (present, name) in [
        (policy.order_promotions.is_some(), "order_promotions"),
        (policy.payment_options.is_some(), "payment_options"),
        (
            policy.rebate_offset_applies_to.is_some(),
            "rebate_offset_applies_to",
        ),
    ] {
        if present {
            needs(p, &at(name), tag);
        }
    }
    if policy.credit.actions.is_some() {
        needs(p, &field(&at("credit"), "actions"), tag);
    }
    for (i, program) in policy.rebate_programs.iter().enumerate() {
        if program.collection.is_some() {
            needs(
                p,
                &field(&index(&at("rebate_programs"), i), "collection"),
                tag,
            );
        }
    }
}

/// The v2 fields a `/1` account carries.
pub fn account(account: &Account, p: &mut Problems) {
    if !account.schema.is_v2() && account.credit.group.is_some() {
        needs(
            p,
            &field(&at("credit"), "group"),
            crate::fields::AccountTag::TAG_V2,
        );
    }
}

/// The v2 fields a `/1` order carries.
pub fn order(order: &Order, p: &mut Problems) {
    if order.schema.is_v2() {
        return;
    }
    let tag = crate::fields::OrderTag::TAG_V2;
    for (present, name) in [
        (order.payment.is_some(), "payment"),
        (order.credit_override.is_some(), "credit_override"),
    ] {
        if present {
            needs(p, &at(name), tag);
        }
    }
}
