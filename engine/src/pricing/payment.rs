//! Step 9 (SPEC-v2 §3.10): the chosen payment option's adjustment on each
//! line it selects, its due date and the days the partner expects to pay.

use super::line::{PricedLine, Step, StepKind};
use crate::documents::payment::{PaymentChoice, PaymentKind, PaymentOption};
use crate::fields::Date;
use crate::money::checked::{add, div, mul, Calc, CalcError};
use crate::money::RoundingMode;
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

/// The quote's `payment` (SPEC-v2 §9.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PaymentResult {
    pub option: String,
    pub kind: PaymentKind,
    pub days: u32,
    pub due_date: Date,
    /// When the partner expects to pay, days after the order date.
    pub expected_days: u32,
    /// Σ of the lines' adjustments (signed, price basis).
    pub adjustment_amount: Decimal,
}

impl PaymentResult {
    /// SPEC-v2 §3.10 rule 4: the days until the vendor is paid.
    pub fn vendor_days(&self) -> u32 {
        match self.kind {
            PaymentKind::Prepay => 0,
            PaymentKind::Terms => self.expected_days,
        }
    }

    pub fn is_prepaid(&self) -> bool {
        self.kind == PaymentKind::Prepay
    }

    /// Rule 5: the partner expects to pay after the due date.
    pub fn late(&self) -> bool {
        self.expected_days > self.days
    }
}

/// Adjusts the line amounts `a` by `option` (rule 1) and describes the
/// choice. A negative adjustment (a cash discount) skips special-price
/// lines; a positive one (a terms uplift) does not.
pub fn apply(
    option: &PaymentOption,
    choice: &PaymentChoice,
    date: Date,
    lines: &mut [PricedLine],
    a: &mut [Decimal],
    mode: RoundingMode,
) -> Calc<PaymentResult> {
    let rate = option.adjustment.value();
    let mut total = mode.money(Decimal::ZERO);
    if !rate.is_zero() {
        let rule: Arc<str> = Arc::from(option.id.as_str());
        for (j, l) in lines.iter_mut().enumerate() {
            let selected = option
                .applies_to
                .selects(l.product.sku.as_str(), l.product.category.as_str());
            if l.free || !selected || (rate.is_sign_negative() && l.special) {
                continue;
            }
            let adj = mode.money(mul(a[j], rate)?);
            a[j] = add(a[j], adj)?;
            l.payment_adjustment = adj;
            total = add(total, adj)?;
            l.steps.push(Step {
                kind: StepKind::PaymentTerms,
                rule: rule.clone(),
                unit_price_after: mode.four(div(a[j], Decimal::from(l.qty))?),
                amount_saved: None,
                amount: Some(adj),
            });
        }
    }
    let days = option.days.get();
    let expected_days = match option.kind {
        PaymentKind::Prepay => 0,
        PaymentKind::Terms => choice.expected_days.map_or(days, |d| d.get()),
    };
    Ok(PaymentResult {
        option: option.id.as_str().to_string(),
        kind: option.kind,
        days,
        due_date: date
            .plus_days(i64::from(days))
            .ok_or(CalcError::Broken("due date beyond the calendar"))?,
        expected_days,
        adjustment_amount: mode.money(total),
    })
}
