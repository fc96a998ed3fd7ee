//! The partner's margin on reselling this order (SPEC §6), excluding VAT:
//! what the partnership makes them, front and back.

use crate::documents::order::{MarginInputs, OrderLine};
use crate::money::checked::{add, div, mul, sub, sum, Calc};
use crate::money::RoundingMode;
use crate::pricing::PricedLine;
use crate::rebate::RebateResult;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MarginResult {
    pub revenue: Decimal,
    pub purchase_cost: Decimal,
    pub front_margin: Decimal,
    pub back_margin: Decimal,
    pub financing_cost: Decimal,
    pub freight: Decimal,
    pub other_costs: Decimal,
    pub net_margin: Decimal,
    pub net_margin_pct: Option<Decimal>,
    /// v2: the days the partner finances the sale, `max(0, customer
    /// days − vendor days)`; absent from a v1 quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub financing_days: Option<u32>,
    /// Per order line: what it earns before rebates and costs.
    pub lines: Vec<LineMargin>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineMargin {
    pub order_line: usize,
    pub sku: String,
    pub revenue: Decimal,
    pub cost: Decimal,
    pub margin: Decimal,
    pub margin_pct: Option<Decimal>,
    /// The resale price is below the partner's own unit cost.
    pub below_cost: bool,
}

pub struct MarginContext<'a> {
    pub order_lines: &'a [OrderLine],
    pub priced: &'a [PricedLine<'a>],
    pub rebates: &'a [RebateResult],
    pub inputs: Option<&'a MarginInputs>,
    /// When the partner pays the vendor: v1's `payment_terms_days`, or the
    /// v2 payment's vendor days (SPEC-v2 §3.10 rule 4).
    pub vendor_days: u32,
    /// A v2 quote shows `financing_days`.
    pub v2: bool,
    pub includes_tax: bool,
    pub mode: RoundingMode,
}

/// Order lines without a resale price; margin needs every one.
pub fn missing_resale(order_lines: &[OrderLine]) -> Vec<usize> {
    order_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.resale_price.is_none())
        .map(|(i, _)| i)
        .collect()
}

/// `None` when a line has no resale price.
pub fn evaluate(c: &MarginContext) -> Calc<Option<MarginResult>> {
    let mode = c.mode;
    let mut lines = Vec::new();
    for pl in c.priced.iter().filter(|l| !l.free) {
        let Some((order_line, resale)) = pl.order_line.and_then(|i| {
            c.order_lines
                .get(i)
                .and_then(|l| l.resale_price)
                .map(|r| (i, r))
        }) else {
            return Ok(None);
        };
        let extended = mul(resale.value(), Decimal::from(pl.qty))?;
        let revenue = if c.includes_tax {
            mode.money(div(
                extended,
                add(Decimal::ONE, pl.product.tax_rate.value())?,
            )?)
        } else {
            mode.money(extended)
        };
        let margin = sub(revenue, pl.net_amount)?;
        lines.push(LineMargin {
            order_line,
            sku: pl.product.sku.as_str().to_string(),
            revenue,
            cost: pl.net_amount,
            margin,
            margin_pct: ratio(margin, revenue, mode)?,
            below_cost: resale.value() < pl.unit,
        });
    }
    let revenue = mode.money(sum(lines.iter().map(|l| l.revenue))?);
    let purchase_cost = mode.money(sum(lines.iter().map(|l| l.cost))?);
    let front_margin = sub(revenue, purchase_cost)?;
    // SPEC-v2 §6.1: what the rebates are expected to pay (their impact
    // when no program has a collection schedule).
    let back_margin = mode.money(sum(c.rebates.iter().map(|r| r.expected_payout()))?);
    let (days, capital, freight, other) = match c.inputs {
        Some(m) => (
            m.customer_payment_days.get(),
            m.cost_of_capital.value(),
            m.freight.value(),
            m.other_costs.value(),
        ),
        None => (0, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
    };
    // SPEC §6: max(0, customer days − vendor days).
    let financing_days = days.saturating_sub(c.vendor_days);
    let gap = Decimal::from(financing_days);
    let financing_cost = mode.money(div(
        mul(mul(purchase_cost, capital)?, gap)?,
        Decimal::from(365),
    )?);
    let net_margin = sub(
        sub(sub(add(front_margin, back_margin)?, freight)?, other)?,
        financing_cost,
    )?;
    Ok(Some(MarginResult {
        revenue,
        purchase_cost,
        front_margin,
        back_margin,
        financing_cost,
        freight: mode.money(freight),
        other_costs: mode.money(other),
        net_margin: mode.money(net_margin),
        net_margin_pct: ratio(net_margin, revenue, mode)?,
        financing_days: c.v2.then_some(financing_days),
        lines,
    }))
}

fn ratio(part: Decimal, whole: Decimal, mode: RoundingMode) -> Calc<Option<Decimal>> {
    if whole.is_zero() {
        Ok(None)
    } else {
        Ok(Some(mode.four(div(part, whole)?)))
    }
}
