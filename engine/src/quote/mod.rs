//! The one pure call the CLI and the UI make: policy, account and order in,
//! an explained quote or every problem out.

pub mod output;
pub mod totals;
pub mod validity;

pub use output::{PartnerRef, PolicyRef, Quote, QuoteLine, QuoteV2, QuoteWarning, Totals};

use crate::credit::{self, CreditInputs};
use crate::documents::{Account, Order};
use crate::margin::{self, MarginContext};
use crate::money::checked::CalcError;
use crate::pricing::index::PreparedPolicy;
use crate::pricing::order_steps::{self, OrderSteps};
use crate::pricing::waterfall::{price_lines, ResolvedLine};
use crate::problem::{Document, JsonPath, Problem};
use crate::rebate;
use crate::validate::cross;

/// Quotes `order` for `account` under `policy`. Never panics: bad
/// references and arithmetic overflow come back as problems.
pub fn quote(
    policy: &PreparedPolicy,
    account: &Account,
    order: &Order,
) -> Result<Quote, Vec<Problem>> {
    let problems = cross::check(policy, account, order);
    if !problems.is_empty() {
        return Err(problems);
    }
    compute(policy, account, order).map_err(|e| vec![calc_problem(e)])
}

/// Words a failed computation for what really happened.
fn calc_problem(e: CalcError) -> Problem {
    match e {
        CalcError::Overflow => Problem::new(
            Document::Order,
            JsonPath::root(),
            "overflow",
            "金额过大，无法精确计算（请检查数量和价格）",
            "amounts are too large to compute exactly (check quantities and prices)",
        ),
        CalcError::Broken(what) => Problem::new(
            Document::Policy,
            JsonPath::root(),
            "internal_error",
            format!("内部错误，请报告此问题：{what}"),
            format!("internal error, please report it: {what}"),
        ),
    }
}

fn compute(policy: &PreparedPolicy, account: &Account, order: &Order) -> Result<Quote, CalcError> {
    let p = &policy.policy;
    let mode = p.rounding;
    let level = policy
        .level(account.level.as_str())
        .ok_or(CalcError::Broken(
            "account level not in the policy after validation",
        ))?;
    let resolved = order
        .lines
        .iter()
        .map(|line| {
            policy
                .slot(line.sku.as_str())
                .map(|(product, slot)| ResolvedLine {
                    line,
                    product,
                    slot,
                })
                .ok_or(CalcError::Broken(
                    "order SKU not in the policy after validation",
                ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut priced = price_lines(policy, level, order, &resolved)?;
    // SPEC-v2 §2.4 rule 4: a v2 quote when any document is `/2`.
    let v2 = p.schema.is_v2() || account.schema.is_v2() || order.schema.is_v2();
    let steps = if v2 {
        order_steps::apply(policy, level.id.as_str(), order, &mut priced)?
    } else {
        OrderSteps::default()
    };
    let valid_until = validity::valid_until(policy, order.date, &priced)?;
    let totals = totals::compute(&mut priced, p, account, order, v2)?;
    let vendor_days = steps
        .payment
        .as_ref()
        .map_or(p.payment_terms_days.get(), |pay| pay.vendor_days());
    let rebates = rebate::evaluate(
        &p.rebate_programs,
        &account.rebates,
        &priced,
        order.date,
        mode,
        v2.then_some(vendor_days),
    )?;
    let prepaid = steps.payment.as_ref().is_some_and(|pay| pay.is_prepaid());
    let credit = credit::check(&CreditInputs {
        account: &account.credit,
        policy: &p.credit,
        date: order.date,
        payable: totals.payable,
        currency: p.currency.as_str(),
        mode,
        prepaid,
        override_code: order.credit_override.as_ref().map(|o| o.approval.as_str()),
        v2,
    })?;
    let margin = margin::evaluate(&MarginContext {
        order_lines: &order.lines,
        priced: &priced,
        rebates: &rebates,
        inputs: order.margin.as_ref(),
        vendor_days,
        v2,
        includes_tax: p.prices_include_tax,
        mode,
    })?;
    let mut warnings = Vec::new();
    let missing = margin::missing_resale(&order.lines);
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().map(|i| (i + 1).to_string()).collect();
        warnings.push(QuoteWarning {
            code: "margin_needs_resale_price",
            zh: format!("第 {} 行没有转售价，无法计算利润", shown.join("、")),
            en: format!(
                "line {} has no resale price, so margin cannot be computed",
                shown.join(", ")
            ),
            order_lines: Some(missing),
        });
    }
    if let Some(pay) = steps.payment.as_ref().filter(|pay| pay.late()) {
        warnings.push(QuoteWarning {
            code: "payment_after_due_date",
            zh: format!(
                "预计第 {} 天付款，晚于账期 {} 天（到期日 {}）：可能影响信用和回款返利",
                pay.expected_days, pay.days, pay.due_date
            ),
            en: format!(
                "payment expected on day {}, after the {}-day due date ({}): credit and collection-linked rebates may suffer",
                pay.expected_days, pay.days, pay.due_date
            ),
            order_lines: None,
        });
    }
    if let Some(m) = &margin {
        let below: Vec<usize> = m
            .lines
            .iter()
            .filter(|l| l.below_cost)
            .map(|l| l.order_line)
            .collect();
        if !below.is_empty() {
            let shown: Vec<String> = below.iter().map(|i| (i + 1).to_string()).collect();
            warnings.push(QuoteWarning {
                code: "sold_below_cost",
                zh: format!("第 {} 行的转售价低于进货成本", shown.join("、")),
                en: format!("line {} resells below its purchase cost", shown.join(", ")),
                order_lines: Some(below),
            });
        }
    }
    let lines = priced
        .into_iter()
        .map(|l| QuoteLine::from_priced(l, v2, |d| mode.four(d)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Quote {
        v2: v2.then_some(QuoteV2 {
            order_promotions: steps.order_promotions,
            payment: steps.payment,
        }),
        policy: PolicyRef {
            id: p.id.as_str().to_string(),
            version: p.version.as_str().to_string(),
            hash: policy.hash.clone(),
        },
        valid_until,
        partner: PartnerRef {
            id: account.partner_id.as_str().to_string(),
            name: account.name.clone(),
            level: account.level.as_str().to_string(),
        },
        currency: p.currency.as_str().to_string(),
        prices_include_tax: p.prices_include_tax,
        lines,
        totals,
        rebates,
        credit,
        margin,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_invariant_is_reported_as_a_bug_not_as_large_amounts() {
        let p = calc_problem(CalcError::Broken("free-goods SKU not in the policy"));
        assert_eq!(p.code, "internal_error");
        assert!(p.en.contains("please report"), "{}", p.en);
        assert!(p.en.contains("free-goods SKU"), "{}", p.en);
        let o = calc_problem(CalcError::Overflow);
        assert_eq!(o.code, "overflow");
    }
}
