//! The order a partner is building (`channel-order/1`, SPEC §2.3).

use super::payment::{CreditOverride, PaymentChoice};
use super::{Date, Id};
use crate::fields::{Days, NonEmpty, OrderTag, Qty};
use crate::money::{Money, Price, Rate};
use crate::record;

pub const ORDER_SCHEMA: &str = OrderTag::TAG;

record! {
    /// An order: lines, date and the partner's choices.
    pub struct Order {
        /// `channel-order/1`, or `/2` to use a v2 field (SPEC-v2 §2.4).
        pub schema: OrderTag,
        /// Decides which promotions, rebate periods and temporary limits apply.
        pub date: Date,
        /// A registered deal this order is for.
        pub deal_registration: Option<DealRegistrationRef> = optional,
        /// What is ordered.
        pub lines: NonEmpty<OrderLine>,
        /// Rebate credit the partner asks to spend on this order.
        pub use_rebate_credit: Option<Money> = optional,
        /// Inputs for the partner's margin.
        pub margin: Option<MarginInputs> = optional,
        /// v2: the payment option chosen (现款 / 账期).
        pub payment: Option<PaymentChoice> = optional,
        /// v2: a credit manager's approval of a reason whose action is `override`.
        pub credit_override: Option<CreditOverride> = optional,
    }
}

record! {
    /// The deal registration an order claims.
    pub struct DealRegistrationRef {
        /// The registration's id, as the vendor issued it.
        pub id: Id,
    }
}

record! {
    /// One line of the order.
    pub struct OrderLine {
        /// A SKU of the policy.
        pub sku: Id,
        /// Units ordered.
        pub qty: Qty,
        /// What the partner will charge the end customer per unit.
        pub resale_price: Option<Price> = optional,
        /// A price the vendor approved for this deal.
        pub special_price: Option<SpecialPrice> = optional,
    }
}

record! {
    /// A special price, valid only with the vendor's approval code.
    pub struct SpecialPrice {
        /// The approved unit price.
        pub price: Price,
        /// The vendor's approval code; a special price without one is refused.
        pub approval: Id,
    }
}

record! {
    /// What the partner's margin needs beyond prices.
    pub struct MarginInputs {
        /// Days the end customer takes to pay.
        pub customer_payment_days: Days,
        /// Yearly cost of capital (0.06 = 6 %).
        pub cost_of_capital: Rate,
        /// Freight paid by the partner.
        pub freight: Money,
        /// Other costs of the deal.
        pub other_costs: Money,
    }
}
