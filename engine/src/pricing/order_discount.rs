//! The order discount (SPEC §3 step 6): one discount for the whole order,
//! chosen by the order's value after steps 1–5.

use crate::documents::policy::{OrderDiscount, Policy};
use rust_decimal::Decimal;

/// The discount with the highest `min_order_net` not above `total`.
pub fn select(policy: &Policy, total: Decimal) -> Option<&OrderDiscount> {
    policy
        .order_discounts
        .iter()
        .filter(|d| d.min_order_net.value() <= total)
        .max_by_key(|d| d.min_order_net.value())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{AppliesTo, Id};
    use crate::money::{Money, Rate};

    fn od(id: &str, min: &str) -> OrderDiscount {
        OrderDiscount {
            id: Id::new(id).unwrap(),
            min_order_net: Money::parse(min).unwrap(),
            discount: Rate::parse("0.01").unwrap(),
            applies_to: AppliesTo::default(),
        }
    }

    #[test]
    fn highest_threshold_reached_wins_and_edges_count() {
        let text = include_str!("../../../tests/spec/policy.json");
        let mut policy = Policy::from_json_text(text).unwrap();
        policy.order_discounts = vec![od("A", "100000.00"), od("B", "200000.00")];
        assert!(select(&policy, Decimal::new(9999999, 2)).is_none());
        assert_eq!(
            select(&policy, Decimal::new(100000, 0))
                .unwrap()
                .id
                .as_str(),
            "A"
        );
        assert_eq!(
            select(&policy, Decimal::new(19999999, 2))
                .unwrap()
                .id
                .as_str(),
            "A"
        );
        assert_eq!(
            select(&policy, Decimal::new(200000, 0))
                .unwrap()
                .id
                .as_str(),
            "B"
        );
    }
}
