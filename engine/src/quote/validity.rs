//! How long a quote holds (REQUEST.md R1): the policy's validity from the
//! order date, cut short by the first promotion on the quote to expire —
//! a partner must not be shown a price past the day it stops existing.

use crate::documents::policy::Policy;
use crate::fields::Date;
use crate::money::checked::{Calc, CalcError};
use crate::pricing::fast_hash::FastSet;
use crate::pricing::{PricedLine, StepKind};

/// `order date + quote_validity_days − 1`, or the earliest `valid_to` of
/// the promotions that produced a step or a free line, if earlier.
pub fn valid_until(policy: &Policy, date: Date, lines: &[PricedLine]) -> Calc<Date> {
    let days = i64::from(policy.quote_validity_days.get()) - 1;
    // Past year 9999 the validity is the calendar's last day: no later date
    // exists for a promotion to end on either.
    let by_policy = date
        .plus_days(days)
        .or(Date::new(9999, 12, 31))
        .ok_or(CalcError::Broken("the calendar has no last day"))?;
    let used: FastSet<&str> = lines
        .iter()
        .flat_map(|l| &l.steps)
        .filter(|s| matches!(s.kind, StepKind::Promotion | StepKind::FreeGoods))
        .map(|s| &*s.rule)
        .collect();
    // One pass over the promotions, not one search per step: a 1,000-line
    // order under 500 promotions stays linear.
    let ends = policy
        .promotions
        .iter()
        .filter(|p| used.contains(p.id.as_str()))
        .map(|p| p.valid_to);
    Ok(ends.fold(by_policy, Date::min))
}
