//! Order totals and the rebate-credit offset (SPEC §3 "Rebate credit"):
//! rebate credit is a way of paying, so it lowers the payable, not the cost.

use super::output::Totals;
use crate::documents::policy::Policy;
use crate::documents::{Account, Order};
use crate::money::checked::{mul, sub, sum, Calc};
use crate::money::rounding::round_down_money;
use crate::pricing::PricedLine;
use rust_decimal::Decimal;

pub fn compute(
    lines: &[PricedLine],
    policy: &Policy,
    account: &Account,
    order: &Order,
) -> Calc<Totals> {
    let mode = policy.rounding;
    let paid: Vec<&PricedLine> = lines.iter().filter(|l| !l.free).collect();
    let list_amount = mode.money(sum(paid
        .iter()
        .map(|l| mul(l.product.list_price.value(), Decimal::from(l.qty)).map(|x| mode.money(x)))
        .collect::<Calc<Vec<_>>>()?)?);
    let net = mode.money(sum(lines.iter().map(|l| l.net_amount))?);
    let tax = mode.money(sum(lines.iter().map(|l| l.tax_amount))?);
    let gross = mode.money(sum(lines.iter().map(|l| l.gross_amount))?);
    let basis_total = if policy.prices_include_tax {
        gross
    } else {
        net
    };
    let wanted = order.use_rebate_credit.map_or(Decimal::ZERO, |m| m.value());
    let cap = round_down_money(mul(policy.rebate_offset_max_ratio.value(), gross)?);
    let used = mode.money(wanted.min(account.rebate_credit_balance.value()).min(cap));
    Ok(Totals {
        list_amount,
        discount_amount: sub(list_amount, basis_total)?,
        net_amount: net,
        tax_amount: tax,
        gross_amount: gross,
        rebate_credit_used: used,
        payable: sub(gross, used)?,
    })
}
