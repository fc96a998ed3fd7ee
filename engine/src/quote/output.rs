//! The quote as the CLI prints it and the UI renders it (SPEC §9). Every
//! listed field is always present; money carries 2 places, unit prices and
//! ratios 4, all as strings.

use crate::credit::CreditResult;
use crate::fields::Date;
use crate::margin::MarginResult;
use crate::pricing::order_promotion::OrderPromotionResult;
use crate::pricing::payment::PaymentResult;
use crate::pricing::{Considered, PricedLine, Step};
use crate::rebate::RebateResult;
use rust_decimal::Decimal;
use serde::Serialize;

/// Serialized through [`QuoteJson`], the one list of the quote's output
/// fields, which a plan shares (PLAN.md P3).
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// What SPEC-v2 §9.1 adds when any document is `/2`; `None`: the v1 quote.
    pub v2: Option<QuoteV2>,
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
    /// `"channel-quote/2"`, first, in a v2 quote only.
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<&'static str>,
    policy: &'a PolicyRef,
    valid_until: Date,
    partner: &'a PartnerRef,
    currency: &'a str,
    prices_include_tax: bool,
    lines: &'a [QuoteLine],
    totals: &'a Totals,
    #[serde(flatten)]
    v2: Option<&'a QuoteV2>,
    rebates: &'a [RebateResult],
    credit: Option<&'a CreditResult>,
    margin: Option<&'a MarginResult>,
    warnings: &'a [QuoteWarning],
}

impl Quote {
    fn json(&self, with_credit: bool) -> QuoteJson<'_> {
        // Destructured so a field added to `Quote` must be added here.
        let Quote {
            v2,
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
            schema: v2.as_ref().map(|_| QUOTE_SCHEMA_V2),
            v2: v2.as_ref(),
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

/// The tag of a quote made from any `/2` document.
pub const QUOTE_SCHEMA_V2: &str = "channel-quote/2";

/// The quote-level figures of steps 8 and 9 (SPEC-v2 §9.1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteV2 {
    /// One per policy order promotion, in policy order.
    pub order_promotions: Vec<OrderPromotionResult>,
    /// The payment option chosen, or `null`.
    pub payment: Option<PaymentResult>,
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
    /// that earned it; a 满赠 gift line `null`.
    pub order_line: Option<usize>,
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
    /// SPEC-v2 §9.1's line figures; absent from a v1 quote.
    #[serde(flatten)]
    pub v2: Option<LineV2>,
}

/// A line's order promotions, payment adjustment and rebate credit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineV2 {
    pub order_promotion_discount: Decimal,
    pub payment_adjustment: Decimal,
    pub rebate_credit: Decimal,
    /// `gross_amount − rebate_credit`.
    pub payable_amount: Decimal,
    /// The unit cost after the rebate credit, in the price basis.
    pub effective_unit_cost: Decimal,
}

impl QuoteLine {
    pub fn from_priced(
        l: PricedLine,
        v2: bool,
        four: impl Fn(Decimal) -> Decimal,
    ) -> crate::money::checked::Calc<Self> {
        let payable_amount = crate::money::checked::sub(l.gross_amount, l.rebate_credit)?;
        Ok(QuoteLine {
            order_line: l.order_line,
            sku: l.product.sku.as_str().to_string(),
            qty: l.qty,
            free: l.free,
            list_price: four(l.product.list_price.value()),
            net_unit_price: four(l.unit),
            net_amount: l.net_amount,
            tax_amount: l.tax_amount,
            gross_amount: l.gross_amount,
            v2: v2.then_some(LineV2 {
                order_promotion_discount: l.order_promotion_discount,
                payment_adjustment: l.payment_adjustment,
                rebate_credit: l.rebate_credit,
                payable_amount,
                effective_unit_cost: l.effective_unit_cost,
            }),
            warnings: l.warnings,
            steps: l.steps,
            considered: l.considered,
        })
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
    /// SPEC-v2 §9.1; absent from a v1 quote.
    #[serde(flatten)]
    pub v2: Option<TotalsV2>,
}

/// Sums of the lines' v2 figures, in the price basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TotalsV2 {
    pub order_promotion_discount: Decimal,
    pub payment_adjustment: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteWarning {
    pub code: &'static str,
    /// The order lines it is about; `null` for a warning about the whole
    /// order (SPEC-v2 §9.1's `payment_after_due_date`).
    pub order_lines: Option<Vec<usize>>,
    pub zh: String,
    pub en: String,
}
