//! The vendor's price policy (`channel-policy/1`, SPEC §2.1), declared
//! field by field; reading, schema and output all come from here.

use super::order_promotion::OrderPromotion;
use super::payment::PaymentOption;
use super::{AppliesTo, Date, Id, Localized};
use crate::fields::{
    Currency, Days, NonEmpty, PolicyTag, Priority, Qty, SubmitUrl, TermDays, ValidityDays,
};
use crate::money::{Attainment, Money, Price, Rate, RoundingMode};
use crate::{choice, record, tagged};
use std::collections::BTreeMap;

pub const POLICY_SCHEMA: &str = PolicyTag::TAG;

record! {
    /// What a vendor publishes: products, level discounts and every rule.
    pub struct Policy {
        /// `channel-policy/1`, or `/2` to use a v2 field (SPEC-v2 §2.4).
        pub schema: PolicyTag,
        /// The policy's identifier.
        pub id: Id,
        /// Which edition of the policy; quotes name it.
        pub version: Id,
        /// The policy's name.
        pub name: Localized,
        /// ISO 4217 code of every amount.
        pub currency: Currency,
        /// How amounts are rounded to the cent.
        pub rounding: RoundingMode = default(RoundingMode::HalfUp),
        /// Whether list prices include tax.
        pub prices_include_tax: bool = default(false),
        /// Days the partner has to pay the vendor.
        pub payment_terms_days: Days = default(Days::ZERO),
        /// What can be ordered.
        pub products: NonEmpty<Product>,
        /// Partner levels and their discounts.
        pub levels: NonEmpty<Level>,
        /// Quantity discounts.
        pub volume_breaks: Vec<VolumeBreak> = default(Vec::new()),
        /// Time-limited promotions.
        pub promotions: Vec<Promotion> = default(Vec::new()),
        /// The extra discount for a registered deal.
        pub deal_registration: Option<DealRegistration> = optional,
        /// Discounts on the whole order's value.
        pub order_discounts: Vec<OrderDiscount> = default(Vec::new()),
        /// Rebates earned on purchases over a period.
        pub rebate_programs: Vec<RebateProgram> = default(Vec::new()),
        /// At most this share of the order may be paid with rebate credit.
        pub rebate_offset_max_ratio: Rate = default(Rate::zero()),
        /// How the credit check is run.
        pub credit: CreditPolicy,
        /// Where the app submits order requests (REQUEST.md R1); absent or
        /// null: the app offers a download only.
        pub submit_url: Option<SubmitUrl> = optional,
        /// Days a quote stays valid from its order date (REQUEST.md R1).
        pub quote_validity_days: ValidityDays = default(ValidityDays::WEEK),
        /// v2: 满减 / 满折 / 每满减 / 满赠 on the order's qualifying subtotal (step 8).
        pub order_promotions: Option<Vec<OrderPromotion>> = optional,
        /// v2: 现款 / 账期 options an order may choose (step 9).
        pub payment_options: Option<Vec<PaymentOption>> = optional,
        /// v2: the lines rebate credit may pay for; absent: every product.
        pub rebate_offset_applies_to: Option<AppliesTo> = optional,
    }
}

impl Policy {
    /// The order promotions, none when absent.
    pub fn order_promotions(&self) -> &[OrderPromotion] {
        self.order_promotions.as_deref().unwrap_or(&[])
    }

    /// The payment options, none when absent.
    pub fn payment_options(&self) -> &[PaymentOption] {
        self.payment_options.as_deref().unwrap_or(&[])
    }

    /// The payment option with this id.
    pub fn payment_option(&self, id: &str) -> Option<&PaymentOption> {
        self.payment_options().iter().find(|o| o.id.as_str() == id)
    }
}

record! {
    /// A product the partner can order.
    pub struct Product {
        /// Stock-keeping unit, unique in the policy.
        pub sku: Id,
        /// The product's name.
        pub name: Localized,
        /// Category id; level discounts and rules select by it.
        pub category: Id,
        /// Unit of sale.
        pub unit: Localized,
        /// List price per unit.
        pub list_price: Price,
        /// Tax rate (e.g. 0.13).
        pub tax_rate: Rate,
        /// No discount takes the unit price below this.
        pub floor_price: Option<Price> = optional,
        /// Quantities must be a multiple of this.
        pub order_multiple: Qty = default(Qty::ONE),
    }
}

record! {
    /// A partner level.
    pub struct Level {
        /// Level id, referenced by accounts.
        pub id: Id,
        /// The level's name.
        pub name: Localized,
        /// Discount off list by category; a category left out means 0.
        pub discounts: BTreeMap<String, Rate>,
    }
}

/// How a volume break's tiers apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolumeMode {
    /// The reached tier's discount applies to every unit.
    AllUnits,
    /// Each unit gets the discount of the tier it falls in.
    Graduated,
}

choice!(VolumeMode {
    "all_units" => VolumeMode::AllUnits,
    "graduated" => VolumeMode::Graduated,
});

record! {
    /// A quantity discount.
    pub struct VolumeBreak {
        /// Rule id.
        pub id: Id,
        /// Which products' quantities count and get the discount.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
        /// `all_units` or `graduated`.
        pub mode: VolumeMode,
        /// Tiers by ascending minimum quantity.
        pub tiers: NonEmpty<VolumeTier>,
    }
}

record! {
    /// One tier of a volume break.
    pub struct VolumeTier {
        /// The quantity from which this tier applies.
        pub min_qty: Qty,
        /// The tier's discount.
        pub discount: Rate,
    }
}

record! {
    /// A time-limited promotion.
    pub struct Promotion {
        /// Rule id.
        pub id: Id,
        /// The promotion's name.
        pub name: Localized,
        /// First day (inclusive).
        pub valid_from: Date,
        /// Last day (inclusive).
        pub valid_to: Date,
        /// Which products it applies to.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
        /// Levels it is open to; absent or null means every level.
        pub levels: Option<NonEmpty<Id>> = optional,
        /// The line quantity it needs.
        pub min_qty: Qty = default(Qty::ONE),
        /// Breaks ties: lower wins.
        pub priority: Priority = default(Priority::ZERO),
        /// What it does.
        pub action: PromotionAction,
    }
}

tagged! {
    /// What a promotion does to a line; `type` chooses.
    pub enum PromotionAction {
        /// `u × (1 − value)`.
        "percent_off" => PercentOff(PercentOff),
        /// `max(0, u − value)` per unit.
        "amount_off" => AmountOff(AmountOff),
        /// `u = value` per unit.
        "fixed_price" => FixedPrice(FixedPrice),
        /// `floor(qty / buy) × get` free units of `sku` (the line's SKU when absent).
        "free_goods" => FreeGoods(FreeGoods),
    }
}

record! {
    /// A percentage off the unit price.
    pub struct PercentOff {
        /// The share taken off.
        pub value: Rate,
    }
}

record! {
    /// An amount off each unit.
    pub struct AmountOff {
        /// Taken off each unit (never below zero).
        pub value: Price,
    }
}

record! {
    /// A fixed unit price.
    pub struct FixedPrice {
        /// The unit price.
        pub value: Price,
    }
}

record! {
    /// Free units for every `buy` units ordered.
    pub struct FreeGoods {
        /// Units to buy.
        pub buy: Qty,
        /// Units given for every `buy`.
        pub get: Qty,
        /// The free product; the line's own when absent.
        pub sku: Option<Id> = optional,
    }
}

record! {
    /// The extra discount for a deal the partner registered.
    pub struct DealRegistration {
        /// Which products it applies to.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
        /// The discount.
        pub discount: Rate,
    }
}

record! {
    /// A discount on the whole order once its value reaches a threshold.
    pub struct OrderDiscount {
        /// Rule id.
        pub id: Id,
        /// The order's net value it needs.
        pub min_order_net: Money,
        /// The discount.
        pub discount: Rate,
        /// Which lines count and get the discount.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
    }
}

/// How a rebate's tiers pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RebateMode {
    /// The reached tier's rate pays on the whole period's purchases.
    Retroactive,
    /// Each tier's rate pays only on the purchases inside that tier.
    Incremental,
}

choice!(RebateMode {
    "retroactive" => RebateMode::Retroactive,
    "incremental" => RebateMode::Incremental,
});

record! {
    /// A date range, both ends inclusive.
    pub struct Period {
        /// First day.
        pub from: Date,
        /// Last day.
        pub to: Date,
    }
}

impl Period {
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

record! {
    /// A rebate on purchases over a period.
    pub struct RebateProgram {
        /// Program id, referenced by accounts.
        pub id: Id,
        /// The program's name.
        pub name: Localized,
        /// The purchases that count.
        pub period: Period,
        /// Which products count.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
        /// `retroactive` or `incremental`.
        pub mode: RebateMode,
        /// Tiers by ascending attainment.
        pub tiers: NonEmpty<RebateTier>,
        /// v2 (回款返利): the share paid by how many days after the order the
        /// partner pays; absent: all of it.
        pub collection: Option<NonEmpty<CollectionStep>> = optional,
    }
}

record! {
    /// One step of a collection schedule.
    pub struct CollectionStep {
        /// Paying within this many days (0–3,650, strictly ascending) …
        pub max_days: TermDays,
        /// … pays this share of the rebate, 0 to 1.
        pub coefficient: Rate,
    }
}

record! {
    /// One tier of a rebate program.
    pub struct RebateTier {
        /// Share of target reached (1 = 100 %).
        pub attainment: Attainment,
        /// The rebate rate.
        pub rate: Rate,
    }
}

record! {
    /// How the vendor checks credit.
    pub struct CreditPolicy {
        /// Days overdue tolerated before an order is blocked.
        pub grace_days: Days,
        /// Utilization from which an order needs review.
        pub warning_utilization: Rate,
        /// v2: what each credit reason does (控制方式); a key left out keeps v1's.
        pub actions: Option<CreditActions> = optional,
    }
}

/// What a credit reason does to an order (SPEC-v2 §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditAction {
    /// Stops it (v1).
    Block,
    /// Lets it through with a warning.
    Warn,
    /// Stops it unless the order carries a credit manager's approval code.
    Override,
}

choice!(CreditAction {
    "block" => CreditAction::Block,
    "warn" => CreditAction::Warn,
    "override" => CreditAction::Override,
});

record! {
    /// The action of each credit reason.
    pub struct CreditActions {
        /// The account is on hold; v1: `block`.
        pub on_hold: Option<CreditAction> = optional,
        /// Overdue beyond grace; v1: `block`.
        pub overdue: Option<CreditAction> = optional,
        /// Over the limit, the partner's or the group's; v1: `block`.
        pub over_limit: Option<CreditAction> = optional,
        /// Above the warning utilization, the partner's or the group's; v1: `warn`.
        pub high_utilization: Option<CreditAction> = optional,
    }
}
