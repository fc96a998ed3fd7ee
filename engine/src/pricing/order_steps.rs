//! The v2 steps over the whole order (SPEC-v2 §3.12): after step 7 each
//! line has its amount `A`; step 8 (order promotions) and step 9 (payment
//! terms) change it in money; tax is then split from the final `A`. A v1
//! policy with a v1 order never comes here, so its quote is v1's.

use super::index::PreparedPolicy;
use super::line::{PricedLine, StepKind};
use super::order_promotion::{self, OrderPromotionResult};
use super::payment::{self, PaymentResult};
use super::tax;
use crate::documents::Order;
use crate::money::checked::{div, Calc, CalcError};
use rust_decimal::Decimal;

/// What steps 8 and 9 add to the quote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderSteps {
    pub order_promotions: Vec<OrderPromotionResult>,
    pub payment: Option<PaymentResult>,
}

/// Runs steps 8 and 9 on the priced lines, appending gift lines.
pub fn apply<'p>(
    policy: &'p PreparedPolicy,
    level: &str,
    order: &Order,
    lines: &mut Vec<PricedLine<'p>>,
) -> Calc<OrderSteps> {
    let p = &policy.policy;
    let mode = p.rounding;
    let incl = p.prices_include_tax;
    // A: the line amount in the price basis, as step 7 left it.
    let mut a: Vec<Decimal> = lines
        .iter()
        .map(|l| if incl { l.gross_amount } else { l.net_amount })
        .collect();
    let cx = order_promotion::Context {
        policy,
        promotions: p.order_promotions(),
        level,
        date: order.date,
        mode,
    };
    let (order_promotions, gifts) = order_promotion::apply(&cx, lines, &mut a)?;

    // Rebates count the net amount without step 9 (§3.10 rule 3).
    for (l, amount) in lines.iter_mut().zip(&a) {
        if !l.free {
            l.rebate_net = tax::split(*amount, l.product.tax_rate.value(), incl, mode)?.net;
        }
    }
    let payment = match &order.payment {
        Some(choice) => {
            let option = p
                .payment_option(choice.option.as_str())
                .ok_or(CalcError::Broken(
                    "payment option not in the policy after validation",
                ))?;
            Some(payment::apply(
                option, choice, order.date, lines, &mut a, mode,
            )?)
        }
        None => None,
    };

    for (l, amount) in lines.iter_mut().zip(&a) {
        if l.free {
            continue;
        }
        let split = tax::split(*amount, l.product.tax_rate.value(), incl, mode)?;
        (l.net_amount, l.tax_amount, l.gross_amount) = (split.net, split.tax, split.gross);
        let moved = l.steps.iter().any(|s| {
            matches!(s.kind, StepKind::OrderPromotion | StepKind::PaymentTerms)
                && s.amount.is_some_and(|x| !x.is_zero())
        });
        if moved {
            // §3.12: the unit price is the final amount's, not step 7's.
            l.unit = div(*amount, Decimal::from(l.qty))?;
            // Rule 8: shown, not clamped.
            let below = l.product.floor_price.is_some_and(|f| l.unit < f.value());
            if !l.special && below {
                l.warnings.push("order_promotion_below_floor".to_string());
            }
        }
    }
    lines.extend(gifts);
    Ok(OrderSteps {
        order_promotions,
        payment,
    })
}
