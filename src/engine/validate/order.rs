//! An order's own consistency beyond its fields' types: it needs a line.
//! Blank approvals are reported while reading; SKUs and quantity multiples
//! need the policy and are checked in [`super::cross`].

use crate::engine::documents::order::Order;
use crate::engine::problem::Problems;

pub fn check(order: &Order, p: &mut Problems) {
    if order.lines.is_empty() {
        p.push(
            "lines",
            "no_lines",
            "订单至少需要一行",
            "an order needs at least one line",
        );
    }
}
