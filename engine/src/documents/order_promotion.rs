//! Order promotions (满减 / 满折 / 每满减 / 满赠, SPEC-v2 §3.8): rules on the
//! subtotal of the lines they select, declared once like every rule.

use super::{AppliesTo, Date, Id, Localized};
use crate::fields::{NonEmpty, Priority, Qty};
use crate::money::{Money, Rate};
use crate::{choice, record, tagged};

record! {
    /// A rule on the value of the order's qualifying lines (step 8).
    pub struct OrderPromotion {
        /// Rule id, unique among every rule id of the policy.
        pub id: Id,
        /// The promotion's name.
        pub name: Localized,
        /// First day (inclusive).
        pub valid_from: Date,
        /// Last day (inclusive).
        pub valid_to: Date,
        /// Levels it is open to; absent or null means every level.
        pub levels: Option<NonEmpty<Id>> = optional,
        /// Which products count toward the subtotal and take a share.
        pub applies_to: AppliesTo = default(AppliesTo::default()),
        /// Promotions of one group exclude each other; groups stack. Null:
        /// the group of every promotion without one.
        pub group: Option<Id> = optional,
        /// Breaks ties between equal values: lower wins.
        pub priority: Priority = default(Priority::ZERO),
        /// Which earlier price rules a line may have taken and still count;
        /// absent: `["order_discount"]`; `[]` keeps out all four (§3.9).
        pub combines_with: Option<Vec<Combinable>> = optional,
        /// What it gives.
        pub action: OrderPromotionAction,
    }
}

/// The kinds of earlier price rule an order promotion may combine with
/// (SPEC-v2 §3.9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Combinable {
    /// A special price (特价).
    SpecialPrice,
    /// A step-4 price promotion (折上折).
    Promotion,
    /// Earned v1 free goods (买赠).
    FreeGoods,
    /// v1's order discount (step 6).
    OrderDiscount,
}

choice!(Combinable {
    "special_price" => Combinable::SpecialPrice,
    "promotion" => Combinable::Promotion,
    "free_goods" => Combinable::FreeGoods,
    "order_discount" => Combinable::OrderDiscount,
});

impl OrderPromotion {
    /// Whether a line that took `kind` may still count (§3.9 rule 1).
    pub fn combines_with(&self, kind: Combinable) -> bool {
        match &self.combines_with {
            Some(list) => list.contains(&kind),
            None => kind == Combinable::OrderDiscount,
        }
    }

    /// Whether the promotion runs on `date`.
    pub fn runs_on(&self, date: Date) -> bool {
        self.valid_from <= date && date <= self.valid_to
    }

    /// Whether the promotion is open to `level`.
    pub fn open_to(&self, level: &str) -> bool {
        self.levels
            .as_ref()
            .is_none_or(|l| l.as_slice().iter().any(|x| x.as_str() == level))
    }
}

tagged! {
    /// What an order promotion gives; `type` chooses.
    pub enum OrderPromotionAction {
        /// 满减: an amount off at the highest tier reached.
        "amount_off" => AmountOff(AmountOffTiers),
        /// 满折: a share off at the highest tier reached (`rate` is the discount).
        "percent_off" => PercentOff(PercentOffTiers),
        /// 每满 X 减 Y, optionally capped (封顶).
        "amount_off_every" => AmountOffEvery(AmountOffEvery),
        /// 满赠: free units of a SKU at the highest tier reached.
        "gift" => Gift(GiftTiers),
    }
}

record! {
    /// 满减 tiers.
    pub struct AmountOffTiers {
        /// Tiers by strictly ascending `min_subtotal`.
        pub tiers: NonEmpty<AmountTier>,
    }
}

record! {
    /// One 满减 tier.
    pub struct AmountTier {
        /// The qualifying subtotal it needs (price basis), above zero.
        pub min_subtotal: Money,
        /// Taken off the qualifying lines; above zero, at most `min_subtotal`.
        pub amount: Money,
    }
}

record! {
    /// 满折 tiers.
    pub struct PercentOffTiers {
        /// Tiers by strictly ascending `min_subtotal`.
        pub tiers: NonEmpty<RateTier>,
    }
}

record! {
    /// One 满折 tier.
    pub struct RateTier {
        /// The qualifying subtotal it needs (price basis), above zero.
        pub min_subtotal: Money,
        /// The discount, in (0, 1]: 9折 is `"0.10"`.
        pub rate: Rate,
    }
}

record! {
    /// 每满减.
    pub struct AmountOffEvery {
        /// For every whole `every` of the subtotal …
        pub every: Money,
        /// … this much off; above zero, at most `every`.
        pub amount: Money,
        /// The most it gives; null: no cap; else at least `amount`.
        pub cap: Option<Money> = optional,
    }
}

record! {
    /// 满赠 tiers.
    pub struct GiftTiers {
        /// The free product.
        pub sku: Id,
        /// Tiers by strictly ascending `min_subtotal`.
        pub tiers: NonEmpty<GiftTier>,
    }
}

record! {
    /// One 满赠 tier.
    pub struct GiftTier {
        /// The qualifying subtotal it needs (price basis), above zero.
        pub min_subtotal: Money,
        /// Free units, 1 to 1,000,000.
        pub qty: Qty,
    }
}

impl OrderPromotionAction {
    /// The tiers' thresholds, in declared order (empty for 每满减).
    pub fn thresholds(&self) -> Vec<Money> {
        match self {
            OrderPromotionAction::AmountOff(a) => {
                a.tiers.as_slice().iter().map(|t| t.min_subtotal).collect()
            }
            OrderPromotionAction::PercentOff(a) => {
                a.tiers.as_slice().iter().map(|t| t.min_subtotal).collect()
            }
            OrderPromotionAction::Gift(a) => {
                a.tiers.as_slice().iter().map(|t| t.min_subtotal).collect()
            }
            OrderPromotionAction::AmountOffEvery(_) => Vec::new(),
        }
    }
}
