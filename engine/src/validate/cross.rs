//! The account and the order checked against the policy they are quoted
//! under: every reference must resolve before a price is computed.

use crate::documents::payment::PaymentKind;
use crate::documents::{Account, Order};
use crate::pricing::index::PreparedPolicy;
use crate::problem::{at, field, index, Document, Problem, Problems};

pub fn check(policy: &PreparedPolicy, account: &Account, order: &Order) -> Vec<Problem> {
    let mut all = check_account(policy, account);
    all.extend(check_order(policy, order));
    all
}

/// The account's level and rebate programs must exist in the policy.
pub fn check_account(policy: &PreparedPolicy, account: &Account) -> Vec<Problem> {
    let mut a = Problems::new(Document::Account);
    if policy.level(account.level.as_str()).is_none() {
        a.push(
            &at("level"),
            "unknown_level",
            format!("价格政策中没有等级 “{}”", account.level),
            format!("the policy has no level \"{}\"", account.level),
        );
    }
    for (i, r) in account.rebates.iter().enumerate() {
        if policy.program(r.program.as_str()).is_none() {
            a.push(
                &field(&index(&at("rebates"), i), "program"),
                "unknown_program",
                format!("价格政策中没有返利计划 “{}”", r.program),
                format!("the policy has no rebate program \"{}\"", r.program),
            );
        }
    }
    a.into_vec()
}

/// The order's SKUs, quantity multiples and deal registration against the policy.
pub fn check_order(policy: &PreparedPolicy, order: &Order) -> Vec<Problem> {
    let mut o = Problems::new(Document::Order);
    // Orders built in code (the app's) are not read from a file first.
    super::version::order(order, &mut o);
    for (i, line) in order.lines.iter().enumerate() {
        // Built only for a problem: this runs on every line of every quote.
        let path = |key: &str| field(&index(&at("lines"), i), key);
        match policy.product(line.sku.as_str()) {
            None => o.push(
                &path("sku"),
                "unknown_sku",
                format!("价格政策中没有 SKU “{}”", line.sku),
                format!("the policy has no SKU \"{}\"", line.sku),
            ),
            Some(product) if !line.qty.get().is_multiple_of(product.order_multiple.get()) => o
                .push(
                    &path("qty"),
                    "order_multiple",
                    format!(
                        "{} 必须按 {} 的整数倍订购，收到 {}",
                        line.sku, product.order_multiple, line.qty
                    ),
                    format!(
                        "{} is sold in multiples of {}, got {}",
                        line.sku, product.order_multiple, line.qty
                    ),
                ),
            Some(_) => {}
        }
    }
    if let Some(choice) = &order.payment {
        let path = at("payment");
        match policy.policy.payment_option(choice.option.as_str()) {
            None => o.push(
                &field(&path, "option"),
                "unknown_payment_option",
                format!("价格政策不提供付款方式 “{}”", choice.option),
                format!("the policy offers no payment option \"{}\"", choice.option),
            ),
            Some(option) if option.kind == PaymentKind::Prepay => {
                if let Some(days) = choice.expected_days.filter(|d| d.get() != 0) {
                    o.push(
                        &field(&path, "expected_days"),
                        "prepay_expected_days",
                        format!("预付订单在发货前付款，expected_days 应为 0 或不填，收到 {days}"),
                        format!("a prepay option is paid before shipment: expected_days must be 0 or absent, got {days}"),
                    );
                }
            }
            Some(_) => {}
        }
    }
    if order.deal_registration.is_some() && policy.policy.deal_registration.is_none() {
        o.push(
            &at("deal_registration"),
            "deal_registration_not_offered",
            "此价格政策不提供项目报备折扣",
            "this policy offers no deal registration",
        );
    }
    o.into_vec()
}
