//! Order totals and the rebate-credit offset (SPEC §3 "Rebate credit",
//! SPEC-v2 §3.11): rebate credit is a way of paying, so it lowers the
//! payable, not the cost; in v2 it is spread over the lines it pays for.

use super::output::{Totals, TotalsV2};
use crate::documents::policy::Policy;
use crate::documents::{Account, Order};
use crate::money::checked::{add, div, mul, sub, sum, Calc};
use crate::money::rounding::round_down_money;
use crate::pricing::allocation::largest_remainder;
use crate::pricing::PricedLine;
use rust_decimal::Decimal;

pub fn compute(
    lines: &mut [PricedLine],
    policy: &Policy,
    account: &Account,
    order: &Order,
    v2: bool,
) -> Calc<Totals> {
    let mode = policy.rounding;
    let list_amount = mode.money(sum(lines
        .iter()
        .filter(|l| !l.free)
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
    // The lines rebate credit may pay for: every line unless the policy
    // says otherwise (v2 `rebate_offset_applies_to`).
    let offset = |l: &PricedLine| {
        !l.free
            && policy
                .rebate_offset_applies_to
                .as_ref()
                .is_none_or(|a| a.selects(l.product.sku.as_str(), l.product.category.as_str()))
    };
    let g = mode.money(sum(lines
        .iter()
        .filter(|l| offset(l))
        .map(|l| l.gross_amount))?);
    let wanted = order.use_rebate_credit.map_or(Decimal::ZERO, |m| m.value());
    let cap = round_down_money(mul(policy.rebate_offset_max_ratio.value(), g)?);
    let used = mode.money(wanted.min(account.rebate_credit_balance.value()).min(cap));
    if v2 {
        allocate(lines, used, &offset, policy)?;
    }
    Ok(Totals {
        list_amount,
        discount_amount: sub(list_amount, basis_total)?,
        net_amount: net,
        tax_amount: tax,
        gross_amount: gross,
        rebate_credit_used: used,
        payable: sub(gross, used)?,
        v2: if v2 {
            Some(TotalsV2 {
                order_promotion_discount: mode
                    .money(sum(lines.iter().map(|l| l.order_promotion_discount))?),
                payment_adjustment: mode.money(sum(lines.iter().map(|l| l.payment_adjustment))?),
            })
        } else {
            None
        },
    })
}

/// SPEC-v2 §3.11 rule 3: `used` over the offset lines by largest
/// remainder on their gross amounts; each line's effective unit cost.
fn allocate(
    lines: &mut [PricedLine],
    used: Decimal,
    offset: &dyn Fn(&PricedLine) -> bool,
    policy: &Policy,
) -> Calc<()> {
    let mode = policy.rounding;
    let chosen: Vec<usize> = (0..lines.len()).filter(|&i| offset(&lines[i])).collect();
    let bases: Vec<Decimal> = chosen.iter().map(|&i| lines[i].gross_amount).collect();
    let shares = largest_remainder(used, &bases)?;
    for (&i, share) in chosen.iter().zip(shares) {
        lines[i].rebate_credit = share;
    }
    for l in lines.iter_mut().filter(|l| !l.free) {
        let share = l.rebate_credit;
        let rate = l.product.tax_rate.value();
        let cost = if policy.prices_include_tax {
            sub(l.gross_amount, share)?
        } else {
            // The share is a tax-inclusive payment: only its net part
            // lowers the cost.
            let share_tax = mode.money(div(mul(share, rate)?, add(Decimal::ONE, rate)?)?);
            sub(l.net_amount, sub(share, share_tax)?)?
        };
        l.effective_unit_cost = mode.four(div(cost, Decimal::from(l.qty))?);
    }
    Ok(())
}
