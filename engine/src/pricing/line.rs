//! A priced line and the explanation it carries.

use crate::documents::policy::Product;
use crate::money::checked::{mul, sub, Calc};
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Level,
    Volume,
    Promotion,
    DealRegistration,
    OrderDiscount,
    Floor,
    SpecialPrice,
    FreeGoods,
    /// v2 step 8: a share of an order promotion's discount.
    OrderPromotion,
    /// v2 step 8: a 满赠 gift line.
    OrderGift,
    /// v2 step 9: the payment option's adjustment.
    PaymentTerms,
}

/// One change of the running unit price, as the partner sees it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub kind: StepKind,
    /// Level id, volume break id, promotion id, deal registration id,
    /// order discount id, the SKU (floor) or the approval code (special price).
    pub rule: Arc<str>,
    /// Unit price after this step, 4 places.
    pub unit_price_after: Decimal,
    /// How much this step took off the line (negative when a floor raised
    /// it): `round((before − after) × qty)`. Steps 1–7 and free goods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_saved: Option<Decimal>,
    /// v2 steps 8 and 9: the signed change of the line amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}

impl Step {
    /// What the step took off the line, whichever way it is written:
    /// `amount_saved`, or the opposite of a v2 `amount`.
    pub fn saved(&self) -> Decimal {
        match (self.amount_saved, self.amount) {
            (Some(s), _) => s,
            (None, Some(a)) => -a,
            (None, None) => Decimal::ZERO,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsideredReason {
    Weaker,
    NotLower,
    BelowMinQty,
    LevelNotEligible,
    OutsideDates,
    /// v2 (§3.9): kept out of an order promotion by its special price.
    ExclusiveSpecialPrice,
    /// … by a step-4 price promotion (no 折上折).
    ExclusivePromotion,
    /// … by the free goods it earned.
    ExclusiveFreeGoods,
    /// … by v1's order discount.
    ExclusiveOrderDiscount,
    /// The qualifying subtotal reached no tier.
    BelowThreshold,
}

/// A promotion that selects the line's SKU but did not apply, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Considered {
    pub rule: Arc<str>,
    pub reason: ConsideredReason,
}

/// A line of the quote: an order line, or a free line it earned.
#[derive(Clone, Debug, PartialEq)]
pub struct PricedLine<'p> {
    /// Index into `order.lines` (for a free line: the line that earned it;
    /// `None` for a 满赠 gift line, which no line earned alone).
    pub order_line: Option<usize>,
    /// The policy's product (SKU, category, list price, tax rate).
    pub product: &'p Product,
    pub qty: u64,
    pub free: bool,
    pub special: bool,
    /// The exact final unit price; never rounded before the line amount.
    pub unit: Decimal,
    pub net_amount: Decimal,
    pub tax_amount: Decimal,
    pub gross_amount: Decimal,
    pub warnings: Vec<String>,
    pub steps: Vec<Step>,
    pub considered: Vec<Considered>,
    /// v2: what the line took of order promotions (≥ 0, price basis).
    pub order_promotion_discount: Decimal,
    /// v2: the line's payment adjustment (signed, price basis).
    pub payment_adjustment: Decimal,
    /// The net amount rebates count (SPEC-v2 §3.10 rule 3): the line's
    /// net amount without step 9; v1's net amount when there is none.
    pub rebate_net: Decimal,
    /// v2 §3.11: rebate credit paying for this line.
    pub rebate_credit: Decimal,
    /// v2 §3.11: the unit cost after the rebate credit, 4 places.
    pub effective_unit_cost: Decimal,
}

/// The running unit price of one line and the steps that changed it.
#[derive(Debug)]
pub struct Running {
    pub u: Decimal,
    pub qty: Decimal,
    pub mode: RoundingMode,
    pub steps: Vec<Step>,
}

impl Running {
    pub fn new(u: Decimal, qty: u32, mode: RoundingMode) -> Self {
        Running {
            u,
            qty: Decimal::from(qty),
            mode,
            // Level, volume, promotion, order discount: the usual four.
            steps: Vec::with_capacity(4),
        }
    }

    /// Moves the running price to `after`, recording the step only if the
    /// price actually changed.
    pub fn set(&mut self, kind: StepKind, rule: &Arc<str>, after: Decimal) -> Calc<()> {
        if after == self.u {
            return Ok(());
        }
        let saved = self.mode.money(mul(sub(self.u, after)?, self.qty)?);
        self.steps.push(Step {
            kind,
            rule: rule.clone(),
            unit_price_after: self.mode.four(after),
            amount_saved: Some(saved),
            amount: None,
        });
        self.u = after;
        Ok(())
    }
}
