//! Step 8 (SPEC-v2 §3.8–3.9): order promotions on the qualifying subtotal,
//! one per group, groups stacked in policy order; amounts allocated over
//! the qualifying lines by largest remainder; gifts as free lines.

use super::allocation::largest_remainder;
use super::index::PreparedPolicy;
use super::line::{Considered, ConsideredReason, PricedLine, Step, StepKind};
use crate::documents::order_promotion::{Combinable, OrderPromotion, OrderPromotionAction};
use crate::documents::policy::Product;
use crate::fields::Date;
use crate::money::checked::{add, div, mul, sub, sum, Calc, CalcError};
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// What became of an order promotion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    Weaker,
    BelowThreshold,
    NoQualifyingLines,
    LevelNotEligible,
    OutsideDates,
}

/// A 满赠 gift as the quote lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gift {
    pub sku: String,
    pub qty: u32,
}

/// The 凑单 nudge: how much more qualifying purchase reaches the next tier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextTier {
    pub additional_subtotal: Decimal,
    /// The next tier's discount; `None` for a gift.
    pub discount: Option<Decimal>,
    /// The next tier's free units, for a gift.
    pub gift_qty: Option<u32>,
}

/// One entry of the quote's `order_promotions[]` (SPEC-v2 §9.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderPromotionResult {
    pub rule: String,
    pub group: Option<String>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub status: Status,
    /// `S`, for applied, weaker and below-threshold promotions.
    pub qualifying_subtotal: Option<Decimal>,
    /// What it gives (applied) or would have given (weaker); else 0.00.
    pub discount: Decimal,
    pub gift: Option<Gift>,
    /// Indexes into the quote's lines of the qualifying lines.
    pub lines: Vec<usize>,
    pub next_tier: Option<NextTier>,
}

/// What step 8 needs besides the lines.
pub struct Context<'a, 'p> {
    pub policy: &'p PreparedPolicy,
    pub promotions: &'p [OrderPromotion],
    pub level: &'a str,
    pub date: Date,
    pub mode: RoundingMode,
}

impl<'p> Context<'_, 'p> {
    /// The product of a SKU (gift SKUs are validated to exist).
    fn product(&self, sku: &str) -> Calc<&'p Product> {
        self.policy
            .product(sku)
            .ok_or(CalcError::Broken("gift SKU not in the policy"))
    }
}

/// A promotion's tier reached at `S`: its value (ranked) and what it gives.
struct Reached {
    value: Decimal,
    discount: Decimal,
    /// A gift's free units (the SKU is the action's).
    gift: Option<u32>,
}

struct Evaluated {
    status: Status,
    /// Qualifying lines (indexes into `lines`).
    q: Vec<usize>,
    /// Blocked candidates with their reason.
    blocked: Vec<(usize, ConsideredReason)>,
    subtotal: Option<Decimal>,
    reached: Option<Reached>,
}

/// Runs step 8 over `lines` whose line amounts are `a` (price basis;
/// free lines 0). Amounts and steps are recorded on the lines; gift lines
/// are returned to be appended after every order line.
pub fn apply<'p>(
    cx: &Context<'_, 'p>,
    lines: &mut [PricedLine<'p>],
    a: &mut [Decimal],
) -> Calc<(Vec<OrderPromotionResult>, Vec<PricedLine<'p>>)> {
    let mode = cx.mode;
    // Which order lines earned v1 free goods: one pass, not a scan per line.
    let mut earned = vec![false; lines.len()];
    for f in lines.iter().filter(|l| l.free) {
        if let Some(slot) = f.order_line.and_then(|i| earned.get_mut(i)) {
            *slot = true;
        }
    }
    let earned_free: Vec<bool> = lines
        .iter()
        .map(|l| !l.free && l.order_line.is_some_and(|i| earned[i]))
        .collect();
    let mut evals: Vec<Evaluated> = cx
        .promotions
        .iter()
        .map(|op| first_status(op, cx, lines, &earned_free))
        .collect();

    // Groups in the order their first member appears.
    let mut groups: Vec<Option<&str>> = Vec::new();
    for op in cx.promotions {
        let g = op.group.as_ref().map(|g| g.as_str());
        if !groups.contains(&g) {
            groups.push(g);
        }
    }
    let mut gifts = Vec::new();
    for group in groups {
        let members: Vec<usize> = (0..cx.promotions.len())
            .filter(|&i| cx.promotions[i].group.as_ref().map(|g| g.as_str()) == group)
            .filter(|&i| evals[i].status == Status::NoQualifyingLines && !evals[i].q.is_empty())
            .collect();
        // Every member sees the amounts the earlier groups left.
        for &i in &members {
            let s = sum(evals[i].q.iter().map(|&j| a[j]))?;
            evals[i].subtotal = Some(s);
            evals[i].reached = reach(&cx.promotions[i].action, s, cx)?;
            evals[i].status = if evals[i].reached.is_some() {
                Status::Weaker
            } else {
                Status::BelowThreshold
            };
        }
        let winner = members
            .iter()
            .copied()
            .filter(|&i| evals[i].reached.is_some())
            .max_by(|&x, &y| {
                let (px, py) = (&cx.promotions[x], &cx.promotions[y]);
                let (vx, vy) = (value(&evals[x]), value(&evals[y]));
                vx.cmp(&vy)
                    .then(py.priority.cmp(&px.priority))
                    .then(py.id.as_str().as_bytes().cmp(px.id.as_str().as_bytes()))
            });
        let Some(w) = winner else { continue };
        evals[w].status = Status::Applied;
        let op = &cx.promotions[w];
        let rule: Arc<str> = Arc::from(op.id.as_str());
        let reached = evals[w]
            .reached
            .as_ref()
            .expect("the winner reached a tier");
        if let (Some(qty), OrderPromotionAction::Gift(g)) = (reached.gift, &op.action) {
            let product = cx.product(g.sku.as_str())?;
            gifts.push(gift_line(product, qty, rule, mode));
            continue;
        }
        let q = &evals[w].q;
        let bases: Vec<Decimal> = q.iter().map(|&j| a[j]).collect();
        let shares = largest_remainder(reached.discount, &bases)?;
        for (&j, share) in q.iter().zip(shares) {
            a[j] = sub(a[j], share)?;
            let line = &mut lines[j];
            line.order_promotion_discount = mode.money(add(line.order_promotion_discount, share)?);
            line.steps.push(Step {
                kind: StepKind::OrderPromotion,
                rule: rule.clone(),
                unit_price_after: mode.four(div(a[j], Decimal::from(line.qty))?),
                amount_saved: None,
                amount: Some(mode.money(-share)),
            });
        }
    }

    considered(cx, lines, &evals);
    let results = cx
        .promotions
        .iter()
        .zip(&evals)
        .map(|(op, e)| result(op, e, cx))
        .collect::<Calc<Vec<_>>>()?;
    Ok((results, gifts))
}

fn value(e: &Evaluated) -> Decimal {
    e.reached.as_ref().map_or(Decimal::ZERO, |r| r.value)
}

/// The status before any subtotal: dates, level, then which candidates
/// qualify (§3.8 rule 3, §3.9 rule 1). `NoQualifyingLines` with a
/// non-empty `q` means "still to be evaluated in its group".
fn first_status(
    op: &OrderPromotion,
    cx: &Context,
    lines: &[PricedLine],
    earned_free: &[bool],
) -> Evaluated {
    let mut e = Evaluated {
        status: Status::NoQualifyingLines,
        q: Vec::new(),
        blocked: Vec::new(),
        subtotal: None,
        reached: None,
    };
    if !op.runs_on(cx.date) {
        e.status = Status::OutsideDates;
        return e;
    }
    if !op.open_to(cx.level) {
        e.status = Status::LevelNotEligible;
        return e;
    }
    for (j, l) in lines.iter().enumerate() {
        if l.free || !selects(op, l) {
            continue;
        }
        let took = |kind: StepKind| l.steps.iter().any(|s| s.kind == kind);
        let reason = [
            (
                l.special,
                Combinable::SpecialPrice,
                ConsideredReason::ExclusiveSpecialPrice,
            ),
            (
                took(StepKind::Promotion),
                Combinable::Promotion,
                ConsideredReason::ExclusivePromotion,
            ),
            (
                earned_free[j],
                Combinable::FreeGoods,
                ConsideredReason::ExclusiveFreeGoods,
            ),
            (
                took(StepKind::OrderDiscount),
                Combinable::OrderDiscount,
                ConsideredReason::ExclusiveOrderDiscount,
            ),
        ]
        .into_iter()
        .find(|(holds, kind, _)| *holds && !op.combines_with(*kind))
        .map(|(_, _, reason)| reason);
        match reason {
            Some(r) => e.blocked.push((j, r)),
            None => e.q.push(j),
        }
    }
    e
}

fn selects(op: &OrderPromotion, l: &PricedLine) -> bool {
    op.applies_to
        .selects(l.product.sku.as_str(), l.product.category.as_str())
}

/// The tier `s` reaches, if any (§3.8 rule 4).
fn reach(action: &OrderPromotionAction, s: Decimal, cx: &Context) -> Calc<Option<Reached>> {
    let mode = cx.mode;
    let amount = |d: Decimal| Reached {
        value: d,
        discount: d,
        gift: None,
    };
    Ok(match action {
        OrderPromotionAction::AmountOff(t) => t
            .tiers
            .iter()
            .rev()
            .find(|t| t.min_subtotal.value() <= s)
            .map(|t| amount(mode.money(t.amount.value()))),
        OrderPromotionAction::PercentOff(t) => {
            match t.tiers.iter().rev().find(|t| t.min_subtotal.value() <= s) {
                Some(t) => Some(amount(mode.money(mul(s, t.rate.value())?))),
                None => None,
            }
        }
        OrderPromotionAction::AmountOffEvery(e) => {
            let n = div(s, e.every.value())?.floor();
            if n.is_zero() {
                None
            } else {
                Some(amount(mode.money(every_discount(e, n)?)))
            }
        }
        OrderPromotionAction::Gift(g) => {
            match g.tiers.iter().rev().find(|t| t.min_subtotal.value() <= s) {
                Some(t) => {
                    let product = cx.product(g.sku.as_str())?;
                    let value =
                        mode.money(mul(product.list_price.value(), Decimal::from(t.qty.get()))?);
                    Some(Reached {
                        value,
                        discount: mode.money(Decimal::ZERO),
                        gift: Some(t.qty.get()),
                    })
                }
                None => None,
            }
        }
    })
}

/// `n × amount`, capped.
fn every_discount(
    e: &crate::documents::order_promotion::AmountOffEvery,
    n: Decimal,
) -> Calc<Decimal> {
    let d = mul(n, e.amount.value())?;
    Ok(match e.cap {
        Some(cap) => d.min(cap.value()),
        None => d,
    })
}

fn gift_line<'p>(
    product: &'p Product,
    qty: u32,
    rule: Arc<str>,
    mode: RoundingMode,
) -> PricedLine<'p> {
    let zero = mode.money(Decimal::ZERO);
    PricedLine {
        order_line: None,
        product,
        qty: u64::from(qty),
        free: true,
        special: false,
        unit: Decimal::ZERO,
        net_amount: zero,
        tax_amount: zero,
        gross_amount: zero,
        warnings: Vec::new(),
        steps: vec![Step {
            kind: StepKind::OrderGift,
            rule,
            unit_price_after: mode.four(Decimal::ZERO),
            amount_saved: None,
            amount: None,
        }],
        considered: Vec::new(),
        order_promotion_discount: zero,
        payment_adjustment: zero,
        rebate_net: zero,
        rebate_credit: zero,
        effective_unit_cost: mode.four(Decimal::ZERO),
    }
}

/// §3.9 rule 3: each non-free line lists, after its v1 entries, the order
/// promotions selecting its SKU that it took no part in.
fn considered(cx: &Context, lines: &mut [PricedLine], evals: &[Evaluated]) {
    for (op, e) in cx.promotions.iter().zip(evals) {
        let rule: Arc<str> = Arc::from(op.id.as_str());
        for (j, l) in lines.iter_mut().enumerate() {
            if l.free || !selects(op, l) {
                continue;
            }
            let reason = match e.status {
                Status::OutsideDates => Some(ConsideredReason::OutsideDates),
                Status::LevelNotEligible => Some(ConsideredReason::LevelNotEligible),
                status => match e.blocked.iter().find(|(b, _)| *b == j) {
                    Some((_, r)) => Some(*r),
                    None => match status {
                        Status::Weaker => Some(ConsideredReason::Weaker),
                        Status::BelowThreshold => Some(ConsideredReason::BelowThreshold),
                        _ => None,
                    },
                },
            };
            if let Some(reason) = reason {
                l.considered.push(Considered {
                    rule: rule.clone(),
                    reason,
                });
            }
        }
    }
}

fn result(op: &OrderPromotion, e: &Evaluated, cx: &Context) -> Calc<OrderPromotionResult> {
    let mode = cx.mode;
    let zero = mode.money(Decimal::ZERO);
    let evaluated = matches!(
        e.status,
        Status::Applied | Status::Weaker | Status::BelowThreshold
    );
    let gift = match (&op.action, &e.reached) {
        (OrderPromotionAction::Gift(g), Some(r)) => r.gift.map(|qty| Gift {
            sku: g.sku.as_str().to_string(),
            qty,
        }),
        _ => None,
    };
    let discount = match (&e.reached, e.status) {
        (Some(r), Status::Applied | Status::Weaker) => r.discount,
        _ => zero,
    };
    let next_tier = match (evaluated, e.subtotal) {
        (true, Some(s)) => next_tier(&op.action, s, mode)?,
        _ => None,
    };
    Ok(OrderPromotionResult {
        rule: op.id.as_str().to_string(),
        group: op.group.as_ref().map(|g| g.as_str().to_string()),
        kind: op.action.type_name(),
        status: e.status,
        qualifying_subtotal: if evaluated { e.subtotal } else { None },
        discount,
        gift,
        lines: if evaluated { e.q.clone() } else { Vec::new() },
        next_tier,
    })
}

/// §3.8 rule 9: the lowest tier above `s`, and what it gives at its threshold.
fn next_tier(
    action: &OrderPromotionAction,
    s: Decimal,
    mode: RoundingMode,
) -> Calc<Option<NextTier>> {
    // Tiered types: the lowest tier above `s`, and what it gives at its
    // own threshold.
    let thresholds = action.thresholds();
    let tiered = |j: usize, discount: Option<Decimal>, gift_qty: Option<u32>| -> Calc<NextTier> {
        Ok(NextTier {
            additional_subtotal: mode.money(sub(thresholds[j].value(), s)?),
            discount,
            gift_qty,
        })
    };
    let next = thresholds.iter().position(|m| m.value() > s);
    Ok(match (action, next) {
        (OrderPromotionAction::AmountOff(t), Some(j)) => Some(tiered(
            j,
            Some(mode.money(t.tiers[j].amount.value())),
            None,
        )?),
        (OrderPromotionAction::PercentOff(t), Some(j)) => {
            let tier = &t.tiers[j];
            let d = mode.money(mul(tier.min_subtotal.value(), tier.rate.value())?);
            Some(tiered(j, Some(d), None)?)
        }
        (OrderPromotionAction::Gift(g), Some(j)) => {
            Some(tiered(j, None, Some(g.tiers[j].qty.get()))?)
        }
        (
            OrderPromotionAction::AmountOff(_)
            | OrderPromotionAction::PercentOff(_)
            | OrderPromotionAction::Gift(_),
            None,
        ) => None,
        (OrderPromotionAction::AmountOffEvery(e), _) => {
            let n = div(s, e.every.value())?.floor();
            let capped = e
                .cap
                .is_some_and(|cap| mul(n, e.amount.value()).is_ok_and(|d| d >= cap.value()));
            if capped {
                None
            } else {
                let next = add(n, Decimal::ONE)?;
                Some(NextTier {
                    additional_subtotal: mode.money(sub(mul(next, e.every.value())?, s)?),
                    discount: Some(mode.money(every_discount(e, next)?)),
                    gift_qty: None,
                })
            }
        }
    })
}
