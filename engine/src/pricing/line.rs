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
    /// it): `round((before − after) × qty)`.
    pub amount_saved: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsideredReason {
    Weaker,
    NotLower,
    BelowMinQty,
    LevelNotEligible,
    OutsideDates,
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
    /// Index into `order.lines` (for a free line: the line that earned it).
    pub order_line: usize,
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
            amount_saved: saved,
        });
        self.u = after;
        Ok(())
    }
}
