//! How long a quote holds (REQUEST.md R1): the policy's validity from the
//! order date, cut short by the first promotion on the quote to expire —
//! a partner must not be shown a price past the day it stops existing.

use crate::fields::Date;
use crate::money::checked::{Calc, CalcError};
use crate::pricing::index::PreparedPolicy;
use crate::pricing::{PricedLine, StepKind};

/// `order date + quote_validity_days − 1`, or the earliest `valid_to` of
/// the promotions (and order promotions) that produced a step or a free
/// or gift line, if earlier.
pub fn valid_until(policy: &PreparedPolicy, date: Date, lines: &[PricedLine]) -> Calc<Date> {
    let days = i64::from(policy.policy.quote_validity_days.get()) - 1;
    // Past year 9999 the validity is the calendar's last day: no later date
    // exists for a promotion to end on either.
    let mut until = date
        .plus_days(days)
        .or(Date::new(9999, 12, 31))
        .ok_or(CalcError::Broken("the calendar has no last day"))?;
    for step in lines.iter().flat_map(|l| &l.steps) {
        if matches!(step.kind, StepKind::Promotion | StepKind::FreeGoods) {
            let promotion = policy.promotion(&step.rule).ok_or(CalcError::Broken(
                "a step names a promotion not in the policy",
            ))?;
            until = until.min(promotion.valid_to);
        }
        // SPEC-v2: an order promotion that produced a step or a gift line.
        if matches!(step.kind, StepKind::OrderPromotion | StepKind::OrderGift) {
            let promotion = policy
                .policy
                .order_promotions()
                .iter()
                .find(|p| p.id.as_str() == &*step.rule)
                .ok_or(CalcError::Broken(
                    "a step names an order promotion not in the policy",
                ))?;
            until = until.min(promotion.valid_to);
        }
    }
    Ok(until)
}
