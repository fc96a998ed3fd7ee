//! The order as the partner typed it. Every field keeps its raw text, so a
//! half-typed value is never thrown away; turning it into an engine
//! [`Order`] reports each bad field where it belongs.

use crate::engine::documents::Order;
use crate::engine::money::RoundingMode;
use crate::engine::problem::Problem;
use crate::engine::quote::Quote;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    /// Stable across edits, for keyed rendering and error placement.
    pub key: u64,
    pub sku: String,
    pub qty: String,
    pub resale: String,
    pub markup_pct: String,
    pub special_price: String,
    pub approval: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub date: String,
    pub deal_registration: String,
    pub use_rebate_credit: String,
    pub payment_days: String,
    pub capital_pct: String,
    pub freight: String,
    pub other_costs: String,
    pub lines: Vec<DraftLine>,
    pub next_key: u64,
}

/// Where a message belongs on screen.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    DealRegistration,
    UseRebateCredit,
    PaymentDays,
    Capital,
    Freight,
    OtherCosts,
    Line(u64, LineField),
    /// Not tied to one input (account or policy references, overflow).
    General,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineField {
    Sku,
    Qty,
    Resale,
    Markup,
    SpecialPrice,
    Approval,
}

/// A message for one field, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMessage {
    pub field: Field,
    pub zh: String,
    pub en: String,
}

impl Draft {
    pub fn new(today: &str) -> Draft {
        Draft {
            date: today.to_string(),
            payment_days: "30".into(),
            capital_pct: "6".into(),
            freight: "0.00".into(),
            other_costs: "0.00".into(),
            ..Draft::default()
        }
    }

    /// Opens an order document as the draft, keeping this draft's margin
    /// inputs where the order has none.
    pub fn from_order(order: &Order, previous: &Draft) -> Draft {
        let mut d = Draft {
            date: order.date.to_string(),
            deal_registration: order
                .deal_registration
                .as_ref()
                .map_or(String::new(), |r| r.id.0.clone()),
            use_rebate_credit: order
                .use_rebate_credit
                .map_or(String::new(), |m| m.to_string()),
            ..previous.clone()
        };
        if let Some(m) = &order.margin {
            d.payment_days = m.customer_payment_days.to_string();
            d.capital_pct = rate_to_percent(m.cost_of_capital.value());
            d.freight = m.freight.to_string();
            d.other_costs = m.other_costs.to_string();
        }
        d.lines.clear();
        for l in &order.lines {
            let key = d.add_line(l.sku.as_str(), l.qty);
            if let Some(line) = d.line_mut(key) {
                line.resale = l.resale_price.map_or(String::new(), |p| p.to_string());
                if let Some(sp) = &l.special_price {
                    line.special_price = sp.price.to_string();
                    line.approval = sp.approval.0.clone();
                }
            }
        }
        d
    }

    pub fn add_line(&mut self, sku: &str, qty: u32) -> u64 {
        let key = self.next_key;
        self.next_key += 1;
        self.lines.push(DraftLine {
            key,
            sku: sku.to_string(),
            qty: qty.to_string(),
            ..DraftLine::default()
        });
        key
    }

    pub fn line_mut(&mut self, key: u64) -> Option<&mut DraftLine> {
        self.lines.iter_mut().find(|l| l.key == key)
    }

    /// Builds the order, or every message about what must be fixed first.
    pub fn to_order(&self) -> Result<Order, Vec<FieldMessage>> {
        let mut messages = Vec::new();
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            let mut line = Map::new();
            line.insert("sku".into(), json!(l.sku.trim()));
            match plain_number(&l.qty).parse::<u32>() {
                Ok(q) if (1..=1_000_000).contains(&q) => {
                    line.insert("qty".into(), json!(q));
                }
                _ => {
                    // A stand-in keeps the rest of the line checked; the
                    // quantity's own message is the one shown.
                    line.insert("qty".into(), json!(1));
                    messages.push(FieldMessage {
                        field: Field::Line(l.key, LineField::Qty),
                        zh: "请输入 1 到 1000000 之间的整数".into(),
                        en: "enter a whole number from 1 to 1000000".into(),
                    });
                }
            }
            if !l.resale.trim().is_empty() {
                line.insert("resale_price".into(), json!(plain_number(&l.resale)));
            }
            if !l.special_price.trim().is_empty() || !l.approval.trim().is_empty() {
                line.insert(
                    "special_price".into(),
                    json!({"price": plain_number(&l.special_price), "approval": l.approval.trim()}),
                );
            }
            lines.push(Value::Object(line));
        }
        let mut order =
            json!({"schema": "channel-order/1", "date": self.date.trim(), "lines": lines});
        if !self.deal_registration.trim().is_empty() {
            order["deal_registration"] = json!({"id": self.deal_registration.trim()});
        }
        if !self.use_rebate_credit.trim().is_empty() {
            order["use_rebate_credit"] = json!(plain_number(&self.use_rebate_credit));
        }
        let days = plain_number(&self.payment_days);
        let days = if days.is_empty() {
            Some(0)
        } else {
            days.parse::<u32>().ok().filter(|d| *d <= 36_500)
        };
        if days.is_none() {
            messages.push(FieldMessage {
                field: Field::PaymentDays,
                zh: "请输入 0 到 36500 之间的整数天数".into(),
                en: "enter a whole number of days from 0 to 36500".into(),
            });
        }
        let capital = percent_to_rate(&self.capital_pct);
        if capital.is_none() {
            messages.push(FieldMessage {
                field: Field::Capital,
                zh: "请输入 0 到 100 之间的百分比，最多 4 位小数".into(),
                en: "enter a percentage from 0 to 100 with at most 4 decimals".into(),
            });
        }
        let or_zero = |s: &str| {
            if s.trim().is_empty() {
                "0".to_string()
            } else {
                plain_number(s)
            }
        };
        order["margin"] = json!({
            "customer_payment_days": days.unwrap_or(0),
            "cost_of_capital": capital.unwrap_or_else(|| "0".into()),
            "freight": or_zero(&self.freight),
            "other_costs": or_zero(&self.other_costs),
        });
        let parsed = Order::from_json_text(&order.to_string());
        if let Err(problems) = &parsed {
            for m in problems.iter().map(|p| self.place(p)) {
                if !messages.iter().any(|x| x.field == m.field) {
                    messages.push(m);
                }
            }
        }
        match parsed {
            Ok(o) if messages.is_empty() => Ok(o),
            _ => Err(messages),
        }
    }

    /// Puts an engine problem next to the input it is about.
    pub fn place(&self, p: &Problem) -> FieldMessage {
        let field = self.field_of(&p.path, p.document).unwrap_or(Field::General);
        FieldMessage {
            field,
            zh: p.zh.clone(),
            en: p.en.clone(),
        }
    }

    fn field_of(&self, path: &str, document: crate::engine::problem::Document) -> Option<Field> {
        if document != crate::engine::problem::Document::Order {
            return None;
        }
        let field = match path {
            "date" => Field::Date,
            "deal_registration" | "deal_registration.id" => Field::DealRegistration,
            "use_rebate_credit" => Field::UseRebateCredit,
            "margin.customer_payment_days" => Field::PaymentDays,
            "margin.cost_of_capital" => Field::Capital,
            "margin.freight" => Field::Freight,
            "margin.other_costs" => Field::OtherCosts,
            _ => {
                let rest = path.strip_prefix("lines[")?;
                let (index, sub) = rest.split_once(']')?;
                let key = self.lines.get(index.parse::<usize>().ok()?)?.key;
                let line_field = match sub.trim_start_matches('.') {
                    "sku" => LineField::Sku,
                    "qty" => LineField::Qty,
                    "resale_price" => LineField::Resale,
                    "special_price.approval" => LineField::Approval,
                    _ if sub.contains("special_price") => LineField::SpecialPrice,
                    _ => LineField::Sku,
                };
                Field::Line(key, line_field)
            }
        };
        Some(field)
    }

    /// Fills a line's resale price from a markup on its current net unit
    /// price: `round(unit × (100 + markup) / 100, 2)`.
    pub fn apply_markup(&mut self, key: u64, quote: Option<&Quote>, mode: RoundingMode) {
        let Some(index) = self.lines.iter().position(|l| l.key == key) else {
            return;
        };
        let unit = quote
            .and_then(|q| q.lines.iter().find(|ql| !ql.free && ql.order_line == index))
            .map(|ql| ql.net_unit_price);
        let line = &mut self.lines[index];
        let markup = plain_number(line.markup_pct.trim().trim_end_matches(['%', '％']))
            .parse::<Decimal>()
            .ok()
            .filter(|m| *m >= Decimal::ZERO && *m <= Decimal::from(1000));
        if let (Some(unit), Some(m)) = (unit, markup) {
            let resale = unit
                .checked_mul(Decimal::ONE_HUNDRED + m)
                .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                .map(|x| mode.money(x));
            if let Some(r) = resale {
                line.resale = r.to_string();
            }
        }
    }
}

/// What a partner types for a number, made plain: full-width digits and
/// points from a Chinese IME, thousands separators, spaces and a leading
/// `¥` are accepted; the text in the field is left as typed.
pub fn plain_number(text: &str) -> String {
    text.trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            other => other,
        })
        .collect()
}

/// `"6"` (percent) → `"0.06"` (rate), exactly; `None` when not a percentage.
pub fn percent_to_rate(text: &str) -> Option<String> {
    let t = plain_number(text.trim().trim_end_matches(['%', '％']));
    let t = t.as_str();
    if t.is_empty() {
        return Some("0".into());
    }
    let pct = crate::engine::money::decimal_text::parse_decimal_text(t, 4).ok()?;
    if pct > Decimal::ONE_HUNDRED {
        return None;
    }
    let mut rate = pct.checked_div(Decimal::ONE_HUNDRED)?;
    rate = rate.normalize();
    Some(rate.to_string())
}

/// `0.06` (rate) → `"6"` (percent), exactly.
pub fn rate_to_percent(rate: Decimal) -> String {
    rate.checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or_default()
        .normalize()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clean_draft_becomes_an_order() {
        let mut d = Draft::new("2026-11-20");
        d.add_line("ERP-USER", 12);
        d.lines[0].resale = "1600.00".into();
        let o = d.to_order().unwrap();
        assert_eq!(o.lines[0].qty, 12);
        assert_eq!(o.margin.unwrap().cost_of_capital.to_string(), "0.06");
    }

    #[test]
    fn bad_fields_are_placed_and_nothing_typed_is_lost() {
        let mut d = Draft::new("2026-02-30");
        let k = d.add_line("ERP-USER", 1);
        d.lines[0].qty = "12x".into();
        d.lines[0].resale = "16.00001".into();
        d.capital_pct = "abc".into();
        let msgs = d.to_order().unwrap_err();
        let fields: Vec<&Field> = msgs.iter().map(|m| &m.field).collect();
        assert!(fields.contains(&&Field::Line(k, LineField::Qty)));
        assert!(fields.contains(&&Field::Capital));
        assert!(fields.contains(&&Field::Date), "{msgs:?}");
        assert!(
            fields.contains(&&Field::Line(k, LineField::Resale)),
            "{msgs:?}"
        );
        assert_eq!(d.lines[0].qty, "12x");
    }

    #[test]
    fn special_price_without_approval_is_flagged_on_the_approval() {
        let mut d = Draft::new("2026-11-20");
        let k = d.add_line("ERP-STD", 1);
        d.lines[0].special_price = "9000".into();
        let msgs = d.to_order().unwrap_err();
        assert_eq!(msgs[0].field, Field::Line(k, LineField::Approval));
    }

    #[test]
    fn an_order_document_opens_as_the_draft() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/spec/orders/ex13-margin.json"),
        )
        .unwrap();
        let order = Order::from_json_text(&text).unwrap();
        let d = Draft::from_order(&order, &Draft::new("2026-01-01"));
        assert_eq!(d.date, "2026-11-20");
        assert_eq!(d.capital_pct, "6");
        assert_eq!(d.payment_days, "60");
        assert_eq!(d.lines[0].resale, "1600.00");
        // And back: the same order.
        assert_eq!(d.to_order().unwrap(), order);
    }

    #[test]
    fn numbers_typed_the_chinese_way_are_understood() {
        assert_eq!(plain_number("１２"), "12");
        assert_eq!(plain_number(" ¥1,600．00 "), "1600.00");
        assert_eq!(plain_number("￥１，２００"), "1200");
        let mut d = Draft::new("2026-11-20");
        d.add_line("ERP-USER", 1);
        d.lines[0].qty = "１２".into();
        d.lines[0].resale = "¥1,600.00".into();
        d.capital_pct = "６％".into();
        let o = d.to_order().unwrap();
        assert_eq!(o.lines[0].qty, 12);
        assert_eq!(o.lines[0].resale_price.unwrap().to_string(), "1600.00");
        assert_eq!(o.margin.unwrap().cost_of_capital.to_string(), "0.06");
        assert_eq!(d.lines[0].qty, "１２", "the field keeps what was typed");
    }

    #[test]
    fn percentages_convert_exactly() {
        assert_eq!(percent_to_rate("6").as_deref(), Some("0.06"));
        assert_eq!(percent_to_rate("5.25").as_deref(), Some("0.0525"));
        assert_eq!(percent_to_rate("").as_deref(), Some("0"));
        assert_eq!(percent_to_rate("101"), None);
        assert_eq!(percent_to_rate("-1"), None);
    }
}
