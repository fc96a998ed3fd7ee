//! Runs the waterfall over the whole order: steps 1–5 per line, the order
//! discount over the order's value, the floor, then the line amounts and
//! the free lines right after the lines that earned them.

use super::index::{PreparedPolicy, ProductSlot};
use super::line::{PricedLine, Running, Step, StepKind};
use super::order_discount;
use super::promotion::{self, LineFacts};
use super::tax::{self, Amounts};
use super::volume::{self, Pools};
use crate::documents::order::{Order, OrderLine};
use crate::documents::policy::{Level, Product};
use crate::money::checked::{add, discount, mul, Calc, CalcError};
use rust_decimal::Decimal;
use std::sync::Arc;

/// An order line with its product resolved (the cross-check guarantees it).
pub struct ResolvedLine<'a> {
    pub line: &'a OrderLine,
    pub product: &'a Product,
    pub slot: ProductSlot<'a>,
}

struct Pending<'p> {
    running: Running,
    special: bool,
    considered: Vec<super::line::Considered>,
    free: Option<(&'p Arc<str>, &'p str, u64)>,
}

pub fn price_lines<'p>(
    policy: &'p PreparedPolicy,
    level: &Level,
    order: &Order,
    lines: &[ResolvedLine<'p>],
) -> Calc<Vec<PricedLine<'p>>> {
    let p = &policy.policy;
    let mode = p.rounding;
    let pools = Pools::build(policy, lines.iter().map(|l| (&l.slot, l.line.qty.get())));

    // Ids named by many steps, shared rather than copied per line.
    let level_rule: Arc<str> = Arc::from(level.id.as_str());
    let registration: Option<Arc<str>> = order
        .deal_registration
        .as_ref()
        .map(|r| Arc::from(r.id.as_str()));
    let gates = promotion::order_gates(&p.promotions, level.id.as_str(), order.date);
    // Steps 1–5 (or the special price) for every line.
    let mut pending = Vec::with_capacity(lines.len());
    for l in lines {
        let (sku, category) = (l.product.sku.as_str(), l.product.category.as_str());
        let mut r = Running::new(l.product.list_price.value(), l.line.qty.get(), mode);
        if let Some(sp) = &l.line.special_price {
            r.set(
                StepKind::SpecialPrice,
                &Arc::from(sp.approval.as_str()),
                sp.price.value(),
            )?;
            pending.push(Pending {
                running: r,
                special: true,
                considered: Vec::new(),
                free: None,
            });
            continue;
        }
        if let Some(d) = level.discounts.get(category) {
            r.set(StepKind::Level, &level_rule, discount(r.u, d.value())?)?;
        }
        if let Some((vb, after)) = volume::best_break(policy, &pools, &l.slot, r.u)? {
            r.set(StepKind::Volume, vb, after)?;
        }
        let facts = LineFacts {
            slot: &l.slot,
            qty: l.line.qty.get(),
            gates: &gates,
        };
        let promos = promotion::evaluate(policy, &facts, r.u)?;
        if let Some((promo, after)) = promos.price {
            r.set(StepKind::Promotion, promo, after)?;
        }
        if let (Some(reg), Some(dr)) = (&registration, &p.deal_registration) {
            if dr.applies_to.selects(sku, category) {
                r.set(
                    StepKind::DealRegistration,
                    reg,
                    discount(r.u, dr.discount.value())?,
                )?;
            }
        }
        pending.push(Pending {
            running: r,
            special: false,
            considered: promos.considered,
            free: promos.free,
        });
    }

    // Step 6: one order discount, chosen by the order's value so far.
    let mut order_value = Decimal::ZERO;
    for (l, pl) in lines.iter().zip(&pending) {
        order_value = add(
            order_value,
            mode.money(mul(pl.running.u, Decimal::from(l.line.qty))?),
        )?;
    }
    let od =
        order_discount::select(p, order_value).map(|od| (od, Arc::<str>::from(od.id.as_str())));

    let mut out = Vec::with_capacity(lines.len());
    for (i, (l, pl)) in lines.iter().zip(pending).enumerate() {
        let Pending {
            mut running,
            special,
            considered,
            free,
        } = pl;
        let (sku, category) = (l.product.sku.as_str(), l.product.category.as_str());
        let mut warnings = Vec::new();
        if !special {
            if let Some((od, rule)) = od
                .as_ref()
                .filter(|(od, _)| od.applies_to.selects(sku, category))
            {
                running.set(
                    StepKind::OrderDiscount,
                    rule,
                    discount(running.u, od.discount.value())?,
                )?;
            }
            // Step 7: compare unrounded, so 1699.99995 is below a 1700 floor.
            if let Some(floor) = l.product.floor_price.filter(|f| running.u < f.value()) {
                running.set(StepKind::Floor, &Arc::from(sku), floor.value())?;
                warnings.push("floor_applied".to_string());
            }
        }
        let rate = l.product.tax_rate.value();
        let a = tax::amounts(
            running.u,
            l.line.qty.get(),
            rate,
            p.prices_include_tax,
            mode,
        )?;
        out.push(PricedLine {
            special,
            warnings,
            steps: running.steps,
            considered,
            ..priced(i, l.product, u64::from(l.line.qty), running.u, a)
        });
        if let Some((promo, free_sku, units)) = free {
            let fp = policy
                .product(free_sku)
                .ok_or(CalcError::Broken("free-goods SKU not in the policy"))?;
            {
                let step = Step {
                    kind: StepKind::FreeGoods,
                    rule: promo.clone(),
                    unit_price_after: mode.four(Decimal::ZERO),
                    amount_saved: Some(
                        mode.money(mul(fp.list_price.value(), Decimal::from(units))?),
                    ),
                    amount: None,
                };
                out.push(PricedLine {
                    free: true,
                    steps: vec![step],
                    ..priced(i, fp, units, Decimal::ZERO, tax::zero())
                });
            }
        }
    }
    Ok(out)
}

/// A line with its figures and no explanation yet; callers add steps,
/// warnings and flags.
fn priced(
    order_line: usize,
    product: &Product,
    qty: u64,
    unit: Decimal,
    a: Amounts,
) -> PricedLine<'_> {
    PricedLine {
        order_line: Some(order_line),
        product,
        qty,
        free: false,
        special: false,
        unit,
        net_amount: a.net,
        tax_amount: a.tax,
        gross_amount: a.gross,
        warnings: Vec::new(),
        steps: Vec::new(),
        considered: Vec::new(),
        order_promotion_discount: Decimal::new(0, 2),
        payment_adjustment: Decimal::new(0, 2),
        rebate_net: a.net,
        rebate_credit: Decimal::new(0, 2),
        effective_unit_cost: Decimal::new(0, 4),
    }
}
