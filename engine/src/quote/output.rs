//! The quote as the CLI prints it and the UI renders it (SPEC §9). Every
//! listed field is always present; money carries 2 places, unit prices and
//! ratios 4, all as strings.

use crate::credit::CreditResult;
use crate::fields::Date;
use crate::margin::MarginResult;
use crate::pricing::{Considered, PricedLine, Step};
use crate::rebate::RebateResult;
use rust_decimal::Decimal;
use serde::Serialize;

/// Serialized through [`QuoteJson`], the one list of the quote's output
/// fields, which a plan shares (PLAN.md P3).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub policy: PolicyRef,
    /// The last day the partner can rely on these prices (REQUEST.md R1).
    pub valid_until: Date,
    pub partner: PartnerRef,
    pub currency: String,
    pub prices_include_tax: bool,
    pub lines: Vec<QuoteLine>,
    pub totals: Totals,
    pub rebates: Vec<RebateResult>,
    pub credit: CreditResult,
    pub margin: Option<MarginResult>,
    pub warnings: Vec<QuoteWarning>,
}

/// The quote as JSON, borrowed: the quote itself writes `credit`; a plan,
/// which does not evaluate credit, writes `credit: null` through
/// [`Quote::without_credit`]. Both go through this one field list, so an
/// embedded quote cannot drift from the quote the CLI prints.
#[derive(Serialize)]
pub struct QuoteJson<'a> {
    policy: &'a PolicyRef,
    valid_until: Date,
    partner: &'a PartnerRef,
    currency: &'a str,
    prices_include_tax: bool,
    lines: &'a [QuoteLine],
    totals: &'a Totals,
    rebates: &'a [RebateResult],
    credit: Option<&'a CreditResult>,
    margin: Option<&'a MarginResult>,
    warnings: &'a [QuoteWarning],
}

impl Quote {
    fn json(&self, with_credit: bool) -> QuoteJson<'_> {
        // Destructured so a field added to `Quote` must be added here.
        let Quote {
            policy,
            valid_until,
            partner,
            currency,
            prices_include_tax,
            lines,
            totals,
            rebates,
            credit,
            margin,
            warnings,
        } = self;
        QuoteJson {
            policy,
            valid_until: *valid_until,
            partner,
            currency,
            prices_include_tax: *prices_include_tax,
            lines,
            totals,
            rebates,
            credit: with_credit.then_some(credit),
            margin: margin.as_ref(),
            warnings,
        }
    }

    /// This quote's JSON with `credit: null`, as a plan embeds it.
    pub fn without_credit(&self) -> QuoteJson<'_> {
        self.json(false)
    }
}

impl Serialize for Quote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json(true).serialize(s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
    pub level: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteLine {
    /// Index into `order.lines`; a free line carries the index of the line
    /// that earned it.
    pub order_line: usize,
    pub sku: String,
    pub qty: u64,
    pub free: bool,
    pub list_price: Decimal,
    pub net_unit_price: Decimal,
    pub net_amount: Decimal,
    pub tax_amount: Decimal,
    pub gross_amount: Decimal,
    pub warnings: Vec<String>,
    pub steps: Vec<Step>,
    pub considered: Vec<Considered>,
}

impl QuoteLine {
    pub fn from_priced(l: PricedLine, four: impl Fn(Decimal) -> Decimal) -> Self {
        QuoteLine {
            order_line: l.order_line,
            sku: l.product.sku.as_str().to_string(),
            qty: l.qty,
            free: l.free,
            list_price: four(l.product.list_price.value()),
            net_unit_price: four(l.unit),
            net_amount: l.net_amount,
            tax_amount: l.tax_amount,
            gross_amount: l.gross_amount,
            warnings: l.warnings,
            steps: l.steps,
            considered: l.considered,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// Σ round(list × qty) over the non-free lines, in the policy's basis.
    pub list_amount: Decimal,
    /// What the waterfall took off list, in the policy's price basis.
    pub discount_amount: Decimal,
    pub net_amount: Decimal,
    pub tax_amount: Decimal,
    pub gross_amount: Decimal,
    pub rebate_credit_used: Decimal,
    pub payable: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteWarning {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_lines: Option<Vec<usize>>,
    pub zh: String,
    pub en: String,
}
