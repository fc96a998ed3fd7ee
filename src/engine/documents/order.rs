//! The order a partner is building (`channel-order/1`, SPEC §2.3).

use super::common::{read_schema_tag, Date, Id};
use crate::engine::json::{FromJson, IntRule, Json, ObjectReader};
use crate::engine::money::{Money, Price, Rate};
use crate::engine::problem::{Document, Problem, Problems};
use schemars::JsonSchema;
use serde::Serialize;

pub const ORDER_SCHEMA: &str = "channel-order/1";

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "channel-order/1")]
pub struct Order {
    /// Always `channel-order/1`.
    #[schemars(extend("const" = "channel-order/1"))]
    pub schema: String,
    /// Decides which promotions, rebate periods and temporary limits apply.
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_registration: Option<DealRegistrationRef>,
    #[schemars(length(min = 1))]
    pub lines: Vec<OrderLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_rebate_credit: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<MarginInputs>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealRegistrationRef {
    pub id: Id,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    pub sku: Id,
    #[schemars(range(min = 1, max = 1000000))]
    pub qty: u32,
    /// What the partner will charge the end customer per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resale_price: Option<Price>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_price: Option<SpecialPrice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialPrice {
    pub price: Price,
    /// The vendor's approval code; a special price without one is refused.
    pub approval: Id,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginInputs {
    #[schemars(range(min = 0, max = 36500))]
    pub customer_payment_days: u32,
    pub cost_of_capital: Rate,
    pub freight: Money,
    pub other_costs: Money,
}

impl FromJson for Order {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let schema = read_schema_tag(&mut o, p, ORDER_SCHEMA);
        let date = o.req("date", p);
        let deal_registration = o.opt("deal_registration", p);
        let lines: Option<Vec<OrderLine>> = o.req("lines", p);
        let use_rebate_credit = o.opt("use_rebate_credit", p);
        let margin = o.opt("margin", p);
        o.finish(p);
        Some(Order {
            schema: schema?,
            date: date?,
            deal_registration: deal_registration?,
            lines: lines?,
            use_rebate_credit: use_rebate_credit?,
            margin: margin?,
        })
    }
}

impl FromJson for DealRegistrationRef {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let id = o.req("id", p);
        o.finish(p);
        Some(DealRegistrationRef { id: id? })
    }
}

impl FromJson for OrderLine {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let sku = o.req("sku", p);
        let qty = o.int("qty", p, IntRule::QTY);
        let resale_price = o.opt("resale_price", p);
        let special_price = o.opt("special_price", p);
        o.finish(p);
        Some(OrderLine {
            sku: sku?,
            qty: qty? as u32,
            resale_price: resale_price?,
            special_price: special_price?,
        })
    }
}

impl FromJson for SpecialPrice {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let price = o.req("price", p);
        let approval = o.req::<String>("approval", p);
        if approval.as_ref().is_some_and(|a| a.trim().is_empty()) {
            p.push(
                &o.path_of("approval"),
                "missing_approval",
                "特价必须填写厂商的审批号",
                "a special price needs the vendor's approval code",
            );
        }
        o.finish(p);
        Some(SpecialPrice {
            price: price?,
            approval: Id(approval.filter(|a| !a.trim().is_empty())?),
        })
    }
}

impl FromJson for MarginInputs {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let customer_payment_days = o.int("customer_payment_days", p, IntRule::DAYS);
        let cost_of_capital = o.req("cost_of_capital", p);
        let freight = o.req("freight", p);
        let other_costs = o.req("other_costs", p);
        o.finish(p);
        Some(MarginInputs {
            customer_payment_days: customer_payment_days? as u32,
            cost_of_capital: cost_of_capital?,
            freight: freight?,
            other_costs: other_costs?,
        })
    }
}

impl Order {
    /// Reads an order from JSON text and checks it on its own; SKUs and
    /// quantities are checked against a policy by the quote.
    pub fn from_json_text(text: &str) -> Result<Order, Vec<Problem>> {
        super::read_document(text, Document::Order, super::super::validate::order::check)
    }
}
