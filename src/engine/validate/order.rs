//! An order's own consistency. What reading cannot express (empty lines,
//! blank approvals) is already reported while reading; SKUs and quantity
//! multiples need the policy and are checked in [`super::cross`].

use crate::engine::documents::order::Order;
use crate::engine::problem::Problems;

pub fn check(_order: &Order, _p: &mut Problems) {}
