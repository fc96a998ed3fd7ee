//! The vendor's price policy (`channel-policy/1`, SPEC §2.1).

use super::common::{read_schema_tag, AppliesTo, Date, Id, Localized};
use crate::engine::json::{FromJson, IntRule, Json, ObjectReader};
use crate::engine::money::{Attainment, Money, Price, Rate, RoundingMode};
use crate::engine::problem::{Document, Problems};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

pub const POLICY_SCHEMA: &str = "channel-policy/1";

fn default_one() -> u32 {
    1
}

/// What a vendor publishes: products, level discounts and every rule.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "channel-policy/1")]
pub struct Policy {
    /// Always `channel-policy/1`.
    #[schemars(extend("const" = "channel-policy/1"))]
    pub schema: String,
    pub id: Id,
    pub version: Id,
    pub name: Localized,
    pub currency: Id,
    #[serde(default)]
    pub rounding: RoundingMode,
    #[serde(default)]
    pub prices_include_tax: bool,
    #[serde(default)]
    pub payment_terms_days: u32,
    #[schemars(length(min = 1))]
    pub products: Vec<Product>,
    #[schemars(length(min = 1))]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub volume_breaks: Vec<VolumeBreak>,
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    #[serde(default)]
    pub deal_registration: Option<DealRegistration>,
    #[serde(default)]
    pub order_discounts: Vec<OrderDiscount>,
    #[serde(default)]
    pub rebate_programs: Vec<RebateProgram>,
    #[serde(default)]
    pub rebate_offset_max_ratio: Rate,
    pub credit: CreditPolicy,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    pub sku: Id,
    pub name: Localized,
    pub category: Id,
    pub unit: Localized,
    pub list_price: Price,
    pub tax_rate: Rate,
    #[serde(default)]
    pub floor_price: Option<Price>,
    #[serde(default = "default_one")]
    #[schemars(range(min = 1, max = 1000000))]
    pub order_multiple: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: Id,
    pub name: Localized,
    /// Discount off list by category; a category left out means 0.
    pub discounts: BTreeMap<String, Rate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VolumeMode {
    /// The reached tier's discount applies to every unit.
    AllUnits,
    /// Each unit gets the discount of the tier it falls in.
    Graduated,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VolumeBreak {
    pub id: Id,
    #[serde(default)]
    pub applies_to: AppliesTo,
    pub mode: VolumeMode,
    pub tiers: Vec<VolumeTier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VolumeTier {
    #[schemars(range(min = 1, max = 1000000))]
    pub min_qty: u32,
    pub discount: Rate,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Promotion {
    pub id: Id,
    pub name: Localized,
    pub valid_from: Date,
    pub valid_to: Date,
    #[serde(default)]
    pub applies_to: AppliesTo,
    /// `null` means every level.
    #[serde(default)]
    pub levels: Option<Vec<Id>>,
    #[serde(default = "default_one")]
    #[schemars(range(min = 1, max = 1000000))]
    pub min_qty: u32,
    #[serde(default)]
    pub priority: i64,
    pub action: PromotionAction,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PromotionAction {
    /// `u × (1 − value)`.
    PercentOff { value: Rate },
    /// `max(0, u − value)` per unit.
    AmountOff { value: Price },
    /// `u = value` per unit.
    FixedPrice { value: Price },
    /// `floor(qty / buy) × get` free units of `sku` (the line's SKU when absent).
    FreeGoods {
        #[schemars(range(min = 1, max = 1000000))]
        buy: u32,
        #[schemars(range(min = 1, max = 1000000))]
        get: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sku: Option<Id>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealRegistration {
    #[serde(default)]
    pub applies_to: AppliesTo,
    pub discount: Rate,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderDiscount {
    pub id: Id,
    pub min_order_net: Money,
    pub discount: Rate,
    #[serde(default)]
    pub applies_to: AppliesTo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RebateMode {
    /// The reached tier's rate pays on the whole period's purchases.
    Retroactive,
    /// Each tier's rate pays only on the purchases inside that tier.
    Incremental,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RebateProgram {
    pub id: Id,
    pub name: Localized,
    pub period: Period,
    #[serde(default)]
    pub applies_to: AppliesTo,
    pub mode: RebateMode,
    pub tiers: Vec<RebateTier>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RebateTier {
    pub attainment: Attainment,
    pub rate: Rate,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditPolicy {
    #[schemars(range(min = 0, max = 36500))]
    pub grace_days: u32,
    pub warning_utilization: Rate,
}

// ---- reading -------------------------------------------------------------

fn read_enum<T: Copy>(v: &Json, path: &str, p: &mut Problems, options: &[(&str, T)]) -> Option<T> {
    let s = String::from_json(v, path, p)?;
    let found = options.iter().find(|(name, _)| *name == s).map(|(_, t)| *t);
    if found.is_none() {
        let names: Vec<_> = options.iter().map(|(n, _)| format!("\"{n}\"")).collect();
        p.push(
            path,
            "unknown_value",
            format!("未知取值 “{s}”，可选：{}", names.join("、")),
            format!(
                "unknown value \"{s}\", expected one of {}",
                names.join(", ")
            ),
        );
    }
    found
}

impl FromJson for RoundingMode {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        read_enum(
            v,
            path,
            p,
            &[
                ("half_up", RoundingMode::HalfUp),
                ("half_even", RoundingMode::HalfEven),
            ],
        )
    }
}

impl FromJson for VolumeMode {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        read_enum(
            v,
            path,
            p,
            &[
                ("all_units", VolumeMode::AllUnits),
                ("graduated", VolumeMode::Graduated),
            ],
        )
    }
}

impl FromJson for RebateMode {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        read_enum(
            v,
            path,
            p,
            &[
                ("retroactive", RebateMode::Retroactive),
                ("incremental", RebateMode::Incremental),
            ],
        )
    }
}

impl FromJson for Policy {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let schema = read_schema_tag(&mut o, p, POLICY_SCHEMA);
        let id = o.req("id", p);
        let version = o.req("version", p);
        let name = o.req("name", p);
        let currency = o.req("currency", p);
        let rounding = o.or("rounding", p, RoundingMode::HalfUp);
        let prices_include_tax = o.or("prices_include_tax", p, false);
        let payment_terms_days = o.int_or("payment_terms_days", p, IntRule::DAYS, 0);
        let products = o.req("products", p);
        let levels = o.req("levels", p);
        let volume_breaks = o.or("volume_breaks", p, Vec::new());
        let promotions = o.or("promotions", p, Vec::new());
        let deal_registration = o.opt("deal_registration", p);
        let order_discounts = o.or("order_discounts", p, Vec::new());
        let rebate_programs = o.or("rebate_programs", p, Vec::new());
        let rebate_offset_max_ratio = o.or("rebate_offset_max_ratio", p, Rate::zero());
        let credit = o.req("credit", p);
        o.finish(p);
        Some(Policy {
            schema: schema?,
            id: id?,
            version: version?,
            name: name?,
            currency: currency?,
            rounding: rounding?,
            prices_include_tax: prices_include_tax?,
            payment_terms_days: payment_terms_days? as u32,
            products: products?,
            levels: levels?,
            volume_breaks: volume_breaks?,
            promotions: promotions?,
            deal_registration: deal_registration?,
            order_discounts: order_discounts?,
            rebate_programs: rebate_programs?,
            rebate_offset_max_ratio: rebate_offset_max_ratio?,
            credit: credit?,
        })
    }
}

impl FromJson for Product {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let sku = o.req("sku", p);
        let name = o.req("name", p);
        let category = o.req("category", p);
        let unit = o.req("unit", p);
        let list_price = o.req("list_price", p);
        let tax_rate = o.req("tax_rate", p);
        let floor_price = o.opt("floor_price", p);
        let order_multiple = o.int_or("order_multiple", p, IntRule::AT_LEAST_ONE, 1);
        o.finish(p);
        Some(Product {
            sku: sku?,
            name: name?,
            category: category?,
            unit: unit?,
            list_price: list_price?,
            tax_rate: tax_rate?,
            floor_price: floor_price?,
            order_multiple: order_multiple? as u32,
        })
    }
}

impl FromJson for Level {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        let name = o.req("name", p);
        let discounts = o.req::<RateMap>("discounts", p);
        o.finish(p);
        Some(Level {
            id: id?,
            name: name?,
            discounts: discounts?.0,
        })
    }
}

/// A `{category: rate}` map, read with duplicate detection.
struct RateMap(BTreeMap<String, Rate>);

impl FromJson for RateMap {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let o = ObjectReader::open(v, path, p)?;
        let Json::Object(entries) = v else {
            return None;
        };
        let mut map = BTreeMap::new();
        let mut ok = true;
        for (k, val) in entries {
            match Rate::from_json(val, &o.path_of(k), p) {
                Some(r) => {
                    map.entry(k.clone()).or_insert(r);
                }
                None => ok = false,
            }
        }
        ok.then_some(RateMap(map))
    }
}

impl FromJson for VolumeBreak {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        let applies_to = o.or("applies_to", p, AppliesTo::default());
        let mode = o.req("mode", p);
        let tiers = o.req("tiers", p);
        o.finish(p);
        Some(VolumeBreak {
            id: id?,
            applies_to: applies_to?,
            mode: mode?,
            tiers: tiers?,
        })
    }
}

impl FromJson for VolumeTier {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let min_qty = o.int("min_qty", p, IntRule::AT_LEAST_ONE);
        let discount = o.req("discount", p);
        o.finish(p);
        Some(VolumeTier {
            min_qty: min_qty? as u32,
            discount: discount?,
        })
    }
}

impl FromJson for Promotion {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        let name = o.req("name", p);
        let valid_from = o.req("valid_from", p);
        let valid_to = o.req("valid_to", p);
        let applies_to = o.or("applies_to", p, AppliesTo::default());
        let levels = o.opt::<Vec<Id>>("levels", p);
        if levels
            .as_ref()
            .is_some_and(|l| l.as_ref().is_some_and(Vec::is_empty))
        {
            p.push(
                &o.path_of("levels"),
                "empty_list",
                "等级列表不能为空（适用所有等级请用 null）",
                "must not be an empty list (use null for every level)",
            );
        }
        let min_qty = o.int_or("min_qty", p, IntRule::AT_LEAST_ONE, 1);
        let priority = o.int_or("priority", p, IntRule::PRIORITY, 0);
        let action = o.req("action", p);
        o.finish(p);
        Some(Promotion {
            id: id?,
            name: name?,
            valid_from: valid_from?,
            valid_to: valid_to?,
            applies_to: applies_to?,
            levels: levels?,
            min_qty: min_qty? as u32,
            priority: priority?,
            action: action?,
        })
    }
}

impl FromJson for PromotionAction {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let kind = o.req::<String>("type", p);
        let action = match kind.as_deref() {
            Some("percent_off") => o
                .req("value", p)
                .map(|value| PromotionAction::PercentOff { value }),
            Some("amount_off") => o
                .req("value", p)
                .map(|value| PromotionAction::AmountOff { value }),
            Some("fixed_price") => o
                .req("value", p)
                .map(|value| PromotionAction::FixedPrice { value }),
            Some("free_goods") => {
                let buy = o.int("buy", p, IntRule::AT_LEAST_ONE);
                let get = o.int("get", p, IntRule::AT_LEAST_ONE);
                let sku = o.opt("sku", p);
                Some(PromotionAction::FreeGoods {
                    buy: buy? as u32,
                    get: get? as u32,
                    sku: sku?,
                })
            }
            Some(other) => {
                p.push(
                    &o.path_of("type"),
                    "unknown_value",
                    format!("未知的促销类型 “{other}”，可选：percent_off、amount_off、fixed_price、free_goods"),
                    format!("unknown promotion type \"{other}\", expected percent_off, amount_off, fixed_price or free_goods"),
                );
                None
            }
            None => None,
        };
        // Only report unknown fields when the type was understood, otherwise
        // every field of a mistyped action would be flagged too.
        if action.is_some() {
            o.finish(p);
        }
        action
    }
}

impl FromJson for DealRegistration {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let applies_to = o.or("applies_to", p, AppliesTo::default());
        let discount = o.req("discount", p);
        o.finish(p);
        Some(DealRegistration {
            applies_to: applies_to?,
            discount: discount?,
        })
    }
}

impl FromJson for OrderDiscount {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        let min_order_net = o.req("min_order_net", p);
        let discount = o.req("discount", p);
        let applies_to = o.or("applies_to", p, AppliesTo::default());
        o.finish(p);
        Some(OrderDiscount {
            id: id?,
            min_order_net: min_order_net?,
            discount: discount?,
            applies_to: applies_to?,
        })
    }
}

impl FromJson for Period {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let from = o.req("from", p);
        let to = o.req("to", p);
        o.finish(p);
        Some(Period {
            from: from?,
            to: to?,
        })
    }
}

impl FromJson for RebateProgram {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        let name = o.req("name", p);
        let period = o.req("period", p);
        let applies_to = o.or("applies_to", p, AppliesTo::default());
        let mode = o.req("mode", p);
        let tiers = o.req("tiers", p);
        o.finish(p);
        Some(RebateProgram {
            id: id?,
            name: name?,
            period: period?,
            applies_to: applies_to?,
            mode: mode?,
            tiers: tiers?,
        })
    }
}

impl FromJson for RebateTier {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let attainment = o.req("attainment", p);
        let rate = o.req("rate", p);
        o.finish(p);
        Some(RebateTier {
            attainment: attainment?,
            rate: rate?,
        })
    }
}

impl FromJson for CreditPolicy {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let grace_days = o.int("grace_days", p, IntRule::DAYS);
        let warning_utilization = o.req("warning_utilization", p);
        o.finish(p);
        Some(CreditPolicy {
            grace_days: grace_days? as u32,
            warning_utilization: warning_utilization?,
        })
    }
}

impl Policy {
    /// Reads a policy from JSON text and checks it on its own (SPEC §7):
    /// syntax, ranges, ordering and references inside the policy.
    pub fn from_json_text(text: &str) -> Result<Policy, Vec<crate::engine::problem::Problem>> {
        super::read_document(
            text,
            Document::Policy,
            super::super::validate::policy::check,
        )
    }
}
