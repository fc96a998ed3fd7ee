//! The vendor → distributor → reseller chain (SPEC-v2 §10): two ordinary
//! quotes composed, no new pricing formula. The reseller's order is quoted
//! under the distributor's policy (Q_B), the distributor's back-to-back
//! order under the vendor's (Q_A); the end customer's amount splits into
//! the vendor's net revenue, the distributor's margin and the reseller's,
//! and the three add up to it exactly.

use crate::documents::order::OrderLine;
use crate::documents::{Account, Order};
use crate::money::checked::{div, sub, sum, Calc, CalcError};
use crate::money::RoundingMode;
use crate::pricing::index::PreparedPolicy;
use crate::problem::{at, field, index, Document, JsonPath, Problem, Problems};
use crate::quote::{quote, Quote, QuoteWarning};
use rust_decimal::Decimal;
use serde::Serialize;

pub const CHAIN_QUOTE_SCHEMA: &str = "channel-chain-quote/1";

/// The documents of a chain, loaded.
pub struct ChainInputs<'a> {
    pub vendor_policy: &'a PreparedPolicy,
    pub distributor_account: &'a Account,
    pub distributor_policy: &'a PreparedPolicy,
    pub reseller_account: &'a Account,
    pub order: &'a Order,
    pub distributor_order: Option<&'a Order>,
}

/// One order line's money, tier by tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainLine {
    pub order_line: usize,
    pub sku: String,
    pub qty: u32,
    /// `C_i`: what the end customer pays, net of VAT.
    pub customer_amount: Decimal,
    /// `B_i`: the reseller's cost, the distributor's net amount.
    pub reseller_cost: Decimal,
    /// `A_i`: the distributor's cost, the vendor's net amount.
    pub distributor_cost: Decimal,
    pub vendor_revenue: Decimal,
    pub distributor_spread: Decimal,
    pub reseller_margin: Decimal,
    pub vendor_share: Option<Decimal>,
    pub distributor_share: Option<Decimal>,
    pub reseller_share: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainTotals {
    pub customer_amount: Decimal,
    pub reseller_cost: Decimal,
    pub distributor_cost: Decimal,
    pub vendor_rebates_paid: Decimal,
    pub vendor_net_revenue: Decimal,
    pub distributor_spread: Decimal,
    pub distributor_rebates_earned: Decimal,
    pub distributor_rebates_paid: Decimal,
    pub distributor_margin: Decimal,
    pub reseller_front_margin: Decimal,
    pub reseller_rebates: Decimal,
    pub reseller_margin: Decimal,
    /// After the reseller's own financing, freight and other costs.
    pub reseller_net_margin: Decimal,
    pub vendor_share: Option<Decimal>,
    pub distributor_share: Option<Decimal>,
    pub reseller_share: Option<Decimal>,
}

/// The chain quote (`channel-chain-quote/1`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainQuote {
    pub schema: &'static str,
    /// Q_A: the distributor's order under the vendor's policy.
    pub vendor_quote: Quote,
    /// Q_B: the reseller's order under the distributor's policy.
    pub distributor_quote: Quote,
    pub lines: Vec<ChainLine>,
    pub totals: ChainTotals,
    pub warnings: Vec<QuoteWarning>,
}

/// Checks the chain (SPEC-v2 §7.1 "chain"), quotes both tiers and splits
/// the customer amount. Problems of a tier's quote carry its tier.
pub fn chain_quote(c: &ChainInputs) -> Result<ChainQuote, Vec<Problem>> {
    let mut p = Problems::new(Document::Chain);
    check(c, &mut p);
    if !p.is_empty() {
        return Err(p.into_vec());
    }
    let default_order;
    let distributor_order = match c.distributor_order {
        Some(o) => o,
        None => {
            default_order = back_to_back(c.order);
            &default_order
        }
    };
    let q_b = quote(c.distributor_policy, c.reseller_account, c.order);
    let q_a = quote(c.vendor_policy, c.distributor_account, distributor_order);
    let (q_a, q_b) = match (q_a, q_b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut all: Vec<Problem> = Vec::new();
            if let Err(e) = a {
                all.extend(e.into_iter().map(|p| p.in_tier("vendor")));
            }
            if let Err(e) = b {
                all.extend(e.into_iter().map(|p| p.in_tier("distributor")));
            }
            return Err(all);
        }
    };
    compose(c, q_a, q_b).map_err(|e| {
        vec![Problem::new(
            Document::Chain,
            JsonPath::root(),
            "overflow",
            "金额过大，无法精确计算",
            match e {
                CalcError::Broken(what) => format!("internal error, please report it: {what}"),
                CalcError::Overflow => "amounts are too large to compute exactly".to_string(),
            },
        )]
    })
}

/// The default distributor order: the reseller's date and lines (SKU and
/// quantity), nothing else.
fn back_to_back(order: &Order) -> Order {
    Order {
        schema: order.schema,
        date: order.date,
        deal_registration: None,
        lines: order.lines.clone().map(|l| OrderLine {
            sku: l.sku,
            qty: l.qty,
            resale_price: None,
            special_price: None,
        }),
        use_rebate_credit: None,
        margin: None,
        payment: None,
        credit_override: None,
    }
}

fn check(c: &ChainInputs, p: &mut Problems) {
    let (v, d) = (&c.vendor_policy.policy, &c.distributor_policy.policy);
    let dp = at("distributor_policy");
    if v.currency != d.currency {
        p.push(
            &field(&dp, "currency"),
            "chain_mismatch",
            format!(
                "分销商政策的币种 {} 与厂商政策的 {} 不同",
                d.currency, v.currency
            ),
            format!(
                "currency {} differs from the vendor policy's {}",
                d.currency, v.currency
            ),
        );
    }
    if v.prices_include_tax != d.prices_include_tax {
        p.push(
            &field(&dp, "prices_include_tax"),
            "chain_mismatch",
            "分销商政策与厂商政策的含税口径不同",
            "prices_include_tax differs from the vendor policy's",
        );
    }
    if v.rounding != d.rounding {
        p.push(
            &field(&dp, "rounding"),
            "chain_mismatch",
            "分销商政策与厂商政策的舍入方式不同",
            "rounding differs from the vendor policy's",
        );
    }
    for line in c.order.lines.iter() {
        let sku = line.sku.as_str();
        let (Some(vp), Some(k)) = (
            c.vendor_policy.product(sku),
            d.products.iter().position(|x| x.sku.as_str() == sku),
        ) else {
            continue; // an unknown SKU is the tier's quote problem
        };
        let dprod = &d.products[k];
        if vp.tax_rate != dprod.tax_rate {
            p.push(
                &field(&index(&field(&dp, "products"), k), "tax_rate"),
                "chain_mismatch",
                format!(
                    "{sku} 的税率 {} 与厂商政策的 {} 不同",
                    dprod.tax_rate, vp.tax_rate
                ),
                format!(
                    "{sku}'s tax_rate {} differs from the vendor policy's {}",
                    dprod.tax_rate, vp.tax_rate
                ),
            );
        }
    }
    for (i, line) in c.order.lines.iter().enumerate() {
        if line.resale_price.is_none() {
            p.push(
                &field(&index(&field(&at("order"), "lines"), i), "resale_price"),
                "chain_needs_resale_price",
                "渠道链的每一行都需要终端售价（resale_price）",
                "every line of a chain's order needs a resale_price (the end customer's price)",
            );
        }
    }
    let dor = at("distributor_order");
    let Some(o) = c.distributor_order else {
        if c.order.lines.iter().any(|l| l.special_price.is_some()) {
            p.push(
                &dor,
                "chain_needs_distributor_order",
                "代理商订单含特价时必须提供分销商对厂商的订单（distributor_order）",
                "required when the reseller's order has special prices",
            );
        }
        return;
    };
    if o.date != c.order.date {
        p.push(
            &field(&dor, "date"),
            "chain_mismatch",
            format!("日期 {} 与代理商订单的 {} 不同", o.date, c.order.date),
            format!("date {} differs from the order's {}", o.date, c.order.date),
        );
    }
    let lines = field(&dor, "lines");
    if o.lines.len() != c.order.lines.len() {
        p.push(
            &lines,
            "chain_mismatch",
            format!(
                "有 {} 行，代理商订单有 {} 行",
                o.lines.len(),
                c.order.lines.len()
            ),
            format!(
                "has {} lines, the order has {}",
                o.lines.len(),
                c.order.lines.len()
            ),
        );
    }
    for (i, (a, b)) in o.lines.iter().zip(c.order.lines.iter()).enumerate() {
        if a.sku != b.sku || a.qty != b.qty {
            p.push(
                &index(&lines, i),
                "chain_mismatch",
                format!(
                    "{} × {} 与代理商订单的 {} × {} 不同",
                    a.sku, a.qty, b.sku, b.qty
                ),
                format!(
                    "{} × {} differs from the order's {} × {}",
                    a.sku, a.qty, b.sku, b.qty
                ),
            );
        }
        if a.resale_price.is_some() {
            p.push(
                &field(&index(&lines, i), "resale_price"),
                "chain_unexpected",
                "分销商订单不带终端售价",
                "the distributor's order carries no resale_price",
            );
        }
    }
    if o.margin.is_some() {
        p.push(
            &field(&dor, "margin"),
            "chain_unexpected",
            "分销商订单不带利润参数（分销商的利润由渠道链计算）",
            "the distributor's order carries no margin (the chain computes the distributor's)",
        );
    }
}

/// The net amount of the non-free line quoting order line `i`.
fn net_of(q: &Quote, i: usize) -> Calc<Decimal> {
    q.lines
        .iter()
        .find(|l| !l.free && l.order_line == Some(i))
        .map(|l| l.net_amount)
        .ok_or(CalcError::Broken("an order line has no quote line"))
}

fn share(part: Decimal, whole: Decimal, mode: RoundingMode) -> Calc<Option<Decimal>> {
    if whole.is_zero() {
        Ok(None)
    } else {
        Ok(Some(mode.four(div(part, whole)?)))
    }
}

fn compose(c: &ChainInputs, q_a: Quote, q_b: Quote) -> Calc<ChainQuote> {
    let mode = c.distributor_policy.policy.rounding;
    // C_i is Q_B's margin revenue of the line (v1 §6).
    let margin = q_b
        .margin
        .as_ref()
        .ok_or(CalcError::Broken("the reseller's quote has no margin"))?;
    let mut lines = Vec::with_capacity(c.order.lines.len());
    for (i, l) in c.order.lines.iter().enumerate() {
        let customer = margin
            .lines
            .iter()
            .find(|m| m.order_line == i)
            .map(|m| m.revenue)
            .ok_or(CalcError::Broken("an order line has no margin line"))?;
        let (a, b) = (net_of(&q_a, i)?, net_of(&q_b, i)?);
        let spread = sub(b, a)?;
        let reseller = sub(customer, b)?;
        lines.push(ChainLine {
            order_line: i,
            sku: l.sku.as_str().to_string(),
            qty: l.qty.get(),
            customer_amount: customer,
            reseller_cost: b,
            distributor_cost: a,
            vendor_revenue: a,
            distributor_spread: spread,
            reseller_margin: reseller,
            vendor_share: share(a, customer, mode)?,
            distributor_share: share(spread, customer, mode)?,
            reseller_share: share(reseller, customer, mode)?,
        });
    }
    let total = |f: fn(&ChainLine) -> Decimal| sum(lines.iter().map(f)).map(|x| mode.money(x));
    let (big_c, big_b, big_a) = (
        total(|l| l.customer_amount)?,
        total(|l| l.reseller_cost)?,
        total(|l| l.distributor_cost)?,
    );
    let payouts =
        |q: &Quote| sum(q.rebates.iter().map(|r| r.expected_payout())).map(|x| mode.money(x));
    let (earned, paid) = (payouts(&q_a)?, payouts(&q_b)?);
    let vendor_net = sub(big_a, earned)?;
    let spread = sub(big_b, big_a)?;
    let distributor_margin = sub(crate::money::checked::add(spread, earned)?, paid)?;
    let front = sub(big_c, big_b)?;
    let reseller_margin = crate::money::checked::add(front, paid)?;
    let warnings = warnings(&lines);
    Ok(ChainQuote {
        schema: CHAIN_QUOTE_SCHEMA,
        totals: ChainTotals {
            customer_amount: big_c,
            reseller_cost: big_b,
            distributor_cost: big_a,
            vendor_rebates_paid: earned,
            vendor_net_revenue: vendor_net,
            distributor_spread: spread,
            distributor_rebates_earned: earned,
            distributor_rebates_paid: paid,
            distributor_margin,
            reseller_front_margin: front,
            reseller_rebates: paid,
            reseller_margin,
            reseller_net_margin: margin.net_margin,
            vendor_share: share(vendor_net, big_c, mode)?,
            distributor_share: share(distributor_margin, big_c, mode)?,
            reseller_share: share(reseller_margin, big_c, mode)?,
        },
        vendor_quote: q_a,
        distributor_quote: q_b,
        lines,
        warnings,
    })
}

/// 价格倒挂 and a reseller selling below its cost, each naming its lines.
fn warnings(lines: &[ChainLine]) -> Vec<QuoteWarning> {
    let mut out = Vec::new();
    let which = |f: fn(&ChainLine) -> bool| -> Vec<usize> {
        lines
            .iter()
            .filter(|l| f(l))
            .map(|l| l.order_line)
            .collect()
    };
    let shown = |v: &[usize], sep: &str| {
        v.iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let inverted = which(|l| l.reseller_cost < l.distributor_cost);
    if !inverted.is_empty() {
        out.push(QuoteWarning {
            code: "negative_spread",
            zh: format!(
                "价格倒挂：第 {} 行分销商给代理商的价格低于自己从厂商的进价",
                shown(&inverted, "、")
            ),
            en: format!(
                "inverted prices (价格倒挂): on line {} the distributor sells to the reseller below its own cost from the vendor",
                shown(&inverted, ", ")
            ),
            order_lines: Some(inverted),
        });
    }
    let losing = which(|l| l.customer_amount < l.reseller_cost);
    if !losing.is_empty() {
        out.push(QuoteWarning {
            code: "negative_reseller_margin",
            zh: format!("第 {} 行代理商的终端售价低于进价", shown(&losing, "、")),
            en: format!(
                "on line {} the reseller sells to the end customer below its cost",
                shown(&losing, ", ")
            ),
            order_lines: Some(losing),
        });
    }
    out
}
