//! The order as the partner typed it. Every field keeps its raw text, so a
//! half-typed value is never thrown away; turning it into an engine
//! [`Order`] reports each bad field where it belongs.

use super::i18n::Key;
use super::stored::stored_struct;
use crate::engine::documents::order::{DealRegistrationRef, MarginInputs, OrderLine, SpecialPrice};
use crate::engine::documents::payment::{CreditOverride, PaymentChoice};
use crate::engine::documents::{Date, Id, Order};
use crate::engine::fields::{Days, NonEmpty, OrderTag, Qty, TermDays};
use crate::engine::money::{Money, Price, Rate, RoundingMode};
use crate::engine::problem::{Document, JsonPath, Problem, Segment};
use crate::engine::quote::Quote;
use rust_decimal::Decimal;

type Words = (String, String);

/// Messages gathered while building the order; each field's first wins.
#[derive(Default)]
struct Messages(Vec<FieldMessage>);

impl Messages {
    /// The value, or `None` with its message recorded on `field`.
    fn take<T>(&mut self, field: Field, r: Result<T, Words>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err((zh, en)) => {
                if !self.0.iter().any(|m| m.field == field) {
                    self.0.push(FieldMessage { field, zh, en });
                }
                None
            }
        }
    }
}

/// A translated message as the (zh, en) pair a field message carries.
fn words(key: Key) -> Words {
    let (zh, en) = key.pair();
    (zh.to_string(), en.to_string())
}

fn id_words((_, zh, en): (&str, &str, &str)) -> Words {
    (zh.to_string(), en.to_string())
}

/// The name of a field segment.
fn name(s: &Segment) -> Option<&str> {
    match s {
        Segment::Field(f) => Some(f.as_str()),
        Segment::Index(_) => None,
    }
}

/// The plain text of an optional input; `None` when left blank.
fn optional(text: &str) -> Option<String> {
    let t = plain_number(text);
    (!t.trim().is_empty()).then_some(t)
}

stored_struct! {
#[derive(Clone, Debug, Default, PartialEq)]
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
}

stored_struct! {
#[derive(Clone, Debug, Default, PartialEq)]
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
    /// v2: the payment option's id (现款 / 账期); blank: the policy's terms.
    pub payment_option: String,
    /// v2: days after the order date the partner expects to pay; blank:
    /// the option's days.
    pub expected_days: String,
    /// v2: a credit manager's approval code (信用审批码).
    pub credit_override: String,
}
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
    PaymentOption,
    ExpectedDays,
    CreditOverride,
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
                .map_or(String::new(), |r| r.id.to_string()),
            use_rebate_credit: order
                .use_rebate_credit
                .map_or(String::new(), |m| m.to_string()),
            ..previous.clone()
        };
        d.payment_option = order
            .payment
            .as_ref()
            .map_or(String::new(), |p| p.option.to_string());
        d.expected_days = order
            .payment
            .as_ref()
            .and_then(|p| p.expected_days)
            .map_or(String::new(), |x| x.to_string());
        d.credit_override = order
            .credit_override
            .as_ref()
            .map_or(String::new(), |o| o.approval.to_string());
        if let Some(m) = &order.margin {
            d.payment_days = m.customer_payment_days.to_string();
            d.capital_pct = rate_to_percent(m.cost_of_capital.value());
            d.freight = m.freight.to_string();
            d.other_costs = m.other_costs.to_string();
        }
        d.lines.clear();
        for l in &order.lines {
            let key = d.add_line(l.sku.as_str(), l.qty.get());
            if let Some(line) = d.line_mut(key) {
                line.resale = l.resale_price.map_or(String::new(), |p| p.to_string());
                if let Some(sp) = &l.special_price {
                    line.special_price = sp.price.to_string();
                    line.approval = sp.approval.to_string();
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

    /// Builds the engine's order directly from what was typed (no JSON in
    /// between), or every message about what must be fixed first, each on
    /// the input it concerns.
    pub fn to_order(&self) -> Result<Order, Vec<FieldMessage>> {
        let mut m = Messages::default();
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            let at = |f| Field::Line(l.key, f);
            let sku = m.take(at(LineField::Sku), Id::new(l.sku.trim()).map_err(id_words));
            let qty = m.take(
                at(LineField::Qty),
                plain_number(&l.qty)
                    .parse::<u32>()
                    .ok()
                    .and_then(Qty::new)
                    .ok_or(words(Key::QtyRange)),
            );
            let resale_price = optional(&l.resale)
                .map(|t| m.take(at(LineField::Resale), Price::parse(&t)))
                .map_or(Some(None), |v| v.map(Some));
            let special_price = if l.special_price.trim().is_empty() && l.approval.trim().is_empty()
            {
                Some(None)
            } else {
                let price = m.take(
                    at(LineField::SpecialPrice),
                    Price::parse(&plain_number(&l.special_price)),
                );
                let approval = m.take(
                    at(LineField::Approval),
                    Id::new(l.approval.trim()).map_err(|_| words(Key::ApprovalNeeded)),
                );
                match (price, approval) {
                    (Some(price), Some(approval)) => Some(Some(SpecialPrice { price, approval })),
                    _ => None,
                }
            };
            if let (Some(sku), Some(qty), Some(resale_price), Some(special_price)) =
                (sku, qty, resale_price, special_price)
            {
                lines.push(OrderLine {
                    sku,
                    qty,
                    resale_price,
                    special_price,
                });
            }
        }
        let date = m.take(
            Field::Date,
            Date::parse(self.date.trim()).ok_or(words(Key::DateInvalid)),
        );
        let registration = self.deal_registration.trim();
        let deal_registration = (!registration.is_empty()).then(|| {
            m.take(
                Field::DealRegistration,
                Id::new(registration).map_err(id_words),
            )
        });
        let use_rebate_credit = optional(&self.use_rebate_credit)
            .map(|t| m.take(Field::UseRebateCredit, Money::parse(&t)));
        let days = plain_number(&self.payment_days);
        let days = m.take(
            Field::PaymentDays,
            if days.is_empty() {
                Ok(Days::ZERO)
            } else {
                days.parse::<u32>()
                    .ok()
                    .and_then(Days::new)
                    .ok_or(words(Key::DaysRange))
            },
        );
        let capital = m.take(
            Field::Capital,
            percent_to_rate(&self.capital_pct)
                .and_then(|r| Rate::parse(&r).ok())
                .ok_or(words(Key::PercentRange)),
        );
        let option = self.payment_option.trim();
        let payment = (!option.is_empty()).then(|| {
            let option = m.take(Field::PaymentOption, Id::new(option).map_err(id_words));
            let expected_days = optional(&self.expected_days)
                .map(|t| {
                    m.take(
                        Field::ExpectedDays,
                        t.parse::<u32>()
                            .ok()
                            .and_then(TermDays::new)
                            .ok_or(words(Key::TermDaysRange)),
                    )
                })
                .map_or(Some(None), |v| v.map(Some));
            match (option, expected_days) {
                (Some(option), Some(expected_days)) => Some(PaymentChoice {
                    option,
                    expected_days,
                }),
                _ => None,
            }
        });
        let code = self.credit_override.trim();
        let credit_override = (!code.is_empty()).then(|| {
            m.take(Field::CreditOverride, Id::new(code).map_err(id_words))
                .map(|approval| CreditOverride { approval })
        });
        let or_zero = |s: &str| optional(s).unwrap_or_else(|| "0".into());
        let freight = m.take(Field::Freight, Money::parse(&or_zero(&self.freight)));
        let other = m.take(Field::OtherCosts, Money::parse(&or_zero(&self.other_costs)));
        let lines = NonEmpty::new(lines);
        if lines.is_none() && self.lines.is_empty() {
            let (zh, en) = words(Key::NeedsLine);
            m.0.push(FieldMessage {
                field: Field::General,
                zh,
                en,
            });
        }
        if !m.0.is_empty() {
            return Err(m.0);
        }
        match (date, lines, days, capital, freight, other) {
            (Some(date), Some(lines), Some(days), Some(capital), Some(freight), Some(other)) => {
                let payment = payment.flatten();
                let credit_override = credit_override.flatten();
                Ok(Order {
                    // A v2 field makes the order `/2` (SPEC-v2 §2.4).
                    schema: if payment.is_some() || credit_override.is_some() {
                        OrderTag::V2
                    } else {
                        OrderTag::V1
                    },
                    date,
                    deal_registration: deal_registration
                        .flatten()
                        .map(|id| DealRegistrationRef { id }),
                    lines,
                    use_rebate_credit: use_rebate_credit.flatten(),
                    margin: Some(MarginInputs {
                        customer_payment_days: days,
                        cost_of_capital: capital,
                        freight,
                        other_costs: other,
                    }),
                    payment,
                    credit_override,
                })
            }
            _ => Err(m.0),
        }
    }

    /// Puts an engine problem next to the input it is about, by the
    /// problem's typed path.
    pub fn place(&self, p: &Problem) -> FieldMessage {
        let field = self.field_of(&p.path, p.document).unwrap_or(Field::General);
        FieldMessage {
            field,
            zh: p.zh.clone(),
            en: p.en.clone(),
        }
    }

    fn field_of(&self, path: &JsonPath, document: Document) -> Option<Field> {
        if document != Document::Order {
            return None;
        }
        let segments = path.segments();
        if let Some((i, rest)) = path.index_under("lines") {
            let key = self.lines.get(i)?.key;
            let sub: Vec<_> = rest.iter().filter_map(name).collect();
            let line_field = match sub.as_slice() {
                ["qty"] => LineField::Qty,
                ["resale_price"] => LineField::Resale,
                ["special_price", "approval"] => LineField::Approval,
                ["special_price", ..] => LineField::SpecialPrice,
                _ => LineField::Sku,
            };
            return Some(Field::Line(key, line_field));
        }
        let field = match segments.first().and_then(name)? {
            "date" => Field::Date,
            "deal_registration" => Field::DealRegistration,
            "use_rebate_credit" => Field::UseRebateCredit,
            "margin" => match segments.get(1).and_then(name)? {
                "customer_payment_days" => Field::PaymentDays,
                "cost_of_capital" => Field::Capital,
                "freight" => Field::Freight,
                "other_costs" => Field::OtherCosts,
                _ => return None,
            },
            "payment" => match segments.get(1).and_then(name) {
                Some("expected_days") => Field::ExpectedDays,
                _ => Field::PaymentOption,
            },
            "credit_override" => Field::CreditOverride,
            _ => return None,
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
            .and_then(|q| {
                q.lines
                    .iter()
                    .find(|ql| !ql.free && ql.order_line == Some(index))
            })
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
        assert_eq!(o.lines[0].qty.get(), 12);
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
                .join("../tests/spec/orders/ex13-margin.json"),
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
        assert_eq!(o.lines[0].qty.get(), 12);
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
