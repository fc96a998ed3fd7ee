//! Payment options (现款 / 预付 vs 账期, SPEC-v2 §3.10): what the policy
//! offers and what the order chooses.

use super::{AppliesTo, Id, Localized};
use crate::fields::TermDays;
use crate::money::AdjustmentRate;
use crate::{choice, record};

/// When the partner pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentKind {
    /// Paid before shipment: consumes no credit.
    Prepay,
    /// Paid on terms (账期).
    Terms,
}

choice!(PaymentKind {
    "prepay" => PaymentKind::Prepay,
    "terms" => PaymentKind::Terms,
});

record! {
    /// A way of paying the vendor and what it does to the price (step 9).
    pub struct PaymentOption {
        /// Unique among the policy's options; orders name it.
        pub id: Id,
        /// The option's name.
        pub name: Localized,
        /// `prepay` or `terms`.
        pub kind: PaymentKind,
        /// Calendar days from the order date to the due date, 0–3,650; 0 for `prepay`.
        pub days: TermDays,
        /// Signed rate on each selected line: negative a cash discount, positive a terms uplift.
        pub adjustment: AdjustmentRate,
        /// Which products it adjusts; absent: every product.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
    }
}

record! {
    /// The payment option an order chooses.
    pub struct PaymentChoice {
        /// One of the policy's `payment_options` ids.
        pub option: Id,
        /// Days after the order date the partner expects to pay; default the
        /// option's `days`; absent or 0 with a `prepay` option.
        pub expected_days: Option<TermDays> = optional,
    }
}

record! {
    /// A credit manager's approval of an order a credit rule would stop (SPEC-v2 §5.3).
    pub struct CreditOverride {
        /// The approval code.
        pub approval: Id,
    }
}
