//! What each results panel shows, computed from the quote as plain values
//! (texts already translated, bar widths, badges). Pure functions with
//! native tests; the components only render these, and skip re-rendering
//! when a panel's view has not changed.

use crate::app::format::{money, percent, percent_opt};
use crate::app::i18n::{category_name, decision, fill, Key, Lang};
use crate::engine::credit::Decision;
use crate::engine::money::RoundingMode;
use crate::engine::pricing::index::PreparedPolicy;
use crate::engine::quote::Quote;
use rust_decimal::Decimal;

/// A horizontal bar from 0 to a scale: widths and marker positions as CSS
/// percentages, and the words a screen reader hears instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub before: String,
    pub after: String,
    pub markers: Vec<String>,
    pub label: String,
}

/// Where `x` sits on a bar of `scale`, as a CSS width. Only the drawing is
/// bounded to the bar; the figures beside it are exact.
fn position(x: Decimal, scale: Decimal) -> String {
    let share = if scale <= Decimal::ZERO {
        Decimal::ZERO
    } else {
        x.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|v| v.checked_div(scale))
            .unwrap_or(Decimal::ONE_HUNDRED)
            .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
    };
    format!("{}%", RoundingMode::HalfUp.money(share))
}

pub fn bar(
    before: Decimal,
    after: Decimal,
    scale: Decimal,
    markers: &[Decimal],
    label: String,
) -> Bar {
    Bar {
        before: position(before, scale),
        after: position(after, scale),
        markers: markers.iter().map(|m| position(*m, scale)).collect(),
        label,
    }
}

/// One rebate program's panel.
#[derive(Clone, Debug, PartialEq)]
pub struct RebateView {
    pub name: String,
    pub program: String,
    /// `"95.00 % → 101.20 %"`.
    pub attainment: String,
    pub bar: Bar,
    pub basis: String,
    pub before: String,
    pub after: String,
    pub impact: String,
    /// What more purchase reaches the next tier, or that the top is reached.
    pub nudge: String,
    /// The products (SKU, name) that would reach the next tier, to make the
    /// scenario that buys them; empty at the top tier.
    pub reach_with: Vec<(String, String)>,
}

pub fn rebates(q: &Quote, policy: &PreparedPolicy, lang: Lang) -> Vec<RebateView> {
    let c = q.currency.as_str();
    q.rebates
        .iter()
        .map(|r| {
            let program = policy.program(&r.program);
            let tiers: Vec<Decimal> = program
                .map(|p| p.tiers.iter().map(|t| t.attainment.value()).collect())
                .unwrap_or_default();
            // The bar reaches a little past the top tier (or the attainment).
            let top = tiers
                .last()
                .copied()
                .unwrap_or(Decimal::ONE)
                .max(r.attainment_after)
                .max(Decimal::ONE);
            let scale = top.checked_mul(Decimal::new(11, 1)).unwrap_or(top);
            let attainment = format!(
                "{} → {}",
                percent(r.attainment_before),
                percent(r.attainment_after)
            );
            let scope = program.map_or(String::new(), |p| {
                let names: Vec<String> = p
                    .applies_to
                    .categories()
                    .iter()
                    .map(|c| category_name(c.as_str(), lang))
                    .collect();
                if names.is_empty() {
                    lang.t(Key::AllProducts).to_string()
                } else {
                    names.join(lang.t(Key::And))
                }
            });
            let nudge = match &r.next_tier {
                Some(n) => fill(
                    Key::RebateNudge,
                    lang,
                    &[
                        ("amount", &money(n.additional_purchase, c)),
                        ("scope", &scope),
                        ("attainment", &percent(n.attainment)),
                        ("gain", &money(n.rebate_gain, c)),
                    ],
                ),
                None => lang.t(Key::TopTier).to_string(),
            };
            RebateView {
                name: r.name.get(lang.is_en()).to_string(),
                program: r.program.clone(),
                bar: bar(
                    r.attainment_before,
                    r.attainment_after,
                    scale,
                    &tiers,
                    attainment.clone(),
                ),
                attainment,
                basis: money(r.basis, c),
                before: money(r.before, c),
                after: money(r.after, c),
                impact: money(r.impact, c),
                nudge,
                reach_with: if r.next_tier.is_some() {
                    super::nudge::eligible_products(policy, &r.program)
                        .into_iter()
                        .filter_map(|(sku, _)| {
                            let p = policy.product(sku)?;
                            Some((sku.to_string(), p.name.get(lang.is_en()).to_string()))
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// The credit panel.
#[derive(Clone, Debug, PartialEq)]
pub struct CreditView {
    /// An icon beside the words, so colour is never the only signal.
    pub icon: &'static str,
    /// `ok`, `warn` or `bad`: the badge's colour.
    pub class: &'static str,
    pub decision: String,
    pub utilization: String,
    pub bar: Bar,
    pub effective_limit: String,
    pub available_before: String,
    pub available_after: String,
    pub prepayment: String,
    pub reasons: Vec<String>,
    /// SPEC-v2: prepaid, override used or needed, the group pool.
    pub notes: Vec<String>,
}

pub fn credit(q: &Quote, policy: &PreparedPolicy, lang: Lang) -> CreditView {
    let cr = &q.credit;
    let c = q.currency.as_str();
    let (icon, class) = match cr.decision {
        Decision::Approved => ("✔", "ok"),
        Decision::ApprovedWithWarning => ("⚠", "warn"),
        Decision::PrepaymentRequired => ("¥", "warn"),
        Decision::Blocked => ("✖", "bad"),
        Decision::ApprovedWithOverride => ("✔", "warn"),
        Decision::Prepaid => ("¥", "ok"),
    };
    let warn_line = policy.policy.credit.warning_utilization.value();
    let after = cr.utilization_after.unwrap_or_default();
    let utilization = format!(
        "{} → {}",
        percent_opt(cr.utilization_before),
        percent_opt(cr.utilization_after)
    );
    CreditView {
        icon,
        class,
        decision: lang.t(decision(cr.decision)).to_string(),
        bar: bar(
            cr.utilization_before.unwrap_or_default(),
            after,
            Decimal::new(12, 1).max(after),
            &[warn_line, Decimal::ONE],
            utilization.clone(),
        ),
        utilization,
        effective_limit: money(cr.effective_limit, c),
        available_before: money(cr.available_before, c),
        available_after: money(cr.available_after, c),
        prepayment: money(cr.required_prepayment, c),
        reasons: cr
            .reasons
            .iter()
            .map(|r| {
                let words = lang.pick(&r.zh, &r.en);
                match r.control {
                    Some(c) if c.overridden => {
                        format!("{words} ({})", lang.t(Key::DecisionOverride))
                    }
                    _ => words.to_string(),
                }
            })
            .collect(),
        notes: crate::app::v2_view::credit_notes(q, lang),
    }
}

/// One figure of the margin panel.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub label: &'static str,
    pub value: String,
    pub testid: &'static str,
    pub strong: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineMarginView {
    pub text: String,
    pub below_cost: bool,
}

/// The margin panel: figures, or why there are none.
#[derive(Clone, Debug, PartialEq)]
pub enum MarginView {
    NeedsResale(&'static str),
    Figures {
        figures: Vec<Figure>,
        lines: Vec<LineMarginView>,
    },
}

pub fn margin(q: &Quote, lang: Lang) -> MarginView {
    let c = q.currency.as_str();
    let Some(m) = &q.margin else {
        return MarginView::NeedsResale(lang.t(Key::MarginNeedsResale));
    };
    let figure = |key: Key, value: String, testid: &'static str, strong: bool| Figure {
        label: lang.t(key),
        value,
        testid,
        strong,
    };
    MarginView::Figures {
        figures: vec![
            figure(Key::Revenue, money(m.revenue, c), "margin-revenue", false),
            figure(
                Key::PurchaseCost,
                money(m.purchase_cost, c),
                "margin-cost",
                false,
            ),
            figure(
                Key::FrontMargin,
                money(m.front_margin, c),
                "margin-front",
                false,
            ),
            figure(
                Key::BackMargin,
                money(m.back_margin, c),
                "margin-back",
                false,
            ),
            figure(
                Key::FinancingCost,
                money(m.financing_cost, c),
                "margin-financing",
                false,
            ),
            figure(Key::Freight, money(m.freight, c), "margin-freight", false),
            figure(
                Key::OtherCosts,
                money(m.other_costs, c),
                "margin-other",
                false,
            ),
            figure(Key::NetMargin, money(m.net_margin, c), "margin-net", true),
            figure(
                Key::NetMarginPct,
                percent_opt(m.net_margin_pct),
                "margin-pct",
                true,
            ),
        ],
        lines: m
            .lines
            .iter()
            .map(|l| LineMarginView {
                text: fill(
                    Key::LineMarginText,
                    lang,
                    &[
                        ("line", &(l.order_line + 1).to_string()),
                        ("sku", &l.sku),
                        ("margin", &money(l.margin, c)),
                        ("pct", &percent_opt(l.margin_pct)),
                    ],
                ),
                below_cost: l.below_cost,
            })
            .collect(),
    }
}

/// The one line a screen reader hears after each change.
pub fn live_summary(quote: Option<&Quote>, stale: bool, lang: Lang) -> String {
    match quote {
        Some(q) if !stale => fill(
            Key::LiveSummary,
            lang,
            &[
                ("payable_label", lang.t(Key::Payable)),
                ("payable", &money(q.totals.payable, &q.currency)),
                ("credit_label", lang.t(Key::Credit)),
                ("decision", lang.t(decision(q.credit.decision))),
            ],
        ),
        Some(_) => lang.t(Key::StaleQuote).to_string(),
        None => lang.t(Key::NoQuoteYet).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{quote, Account, Order};

    use crate::app::test_support::spec;

    fn quoted(account: &str, order: &str) -> (PreparedPolicy, Quote) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = Account::from_json_bytes(&spec(account)).unwrap();
        let order = Order::from_json_bytes(&spec(order)).unwrap();
        let q = quote(&policy, &account, &order).unwrap();
        (policy, q)
    }

    #[test]
    fn bars_place_values_on_their_scale() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let b = bar(d("0.5"), d("1.1"), d("2"), &[d("1")], "x".into());
        assert_eq!((b.before.as_str(), b.after.as_str()), ("25.00%", "55.00%"));
        assert_eq!(b.markers, ["50.00%"]);
        // Beyond the scale the drawing stops at the end; zero scale draws nothing.
        assert_eq!(
            bar(d("3"), d("3"), d("2"), &[], "x".into()).after,
            "100.00%"
        );
        assert_eq!(bar(d("3"), d("3"), d("0"), &[], "x".into()).after, "0.00%");
    }

    #[test]
    fn every_rebate_says_what_the_next_tier_needs_or_that_it_is_reached() {
        let (policy, q) = quoted("accounts/gold-rebate.json", "orders/ex06-rebates.json");
        for lang in [Lang::Zh, Lang::En] {
            let views = rebates(&q, &policy, lang);
            assert_eq!(views.len(), q.rebates.len());
            for (v, r) in views.iter().zip(&q.rebates) {
                assert_eq!(v.impact, money(r.impact, "CNY"));
                match &r.next_tier {
                    Some(n) => {
                        assert!(
                            v.nudge.contains(&money(n.additional_purchase, "CNY")),
                            "{}",
                            v.nudge
                        );
                        assert!(
                            v.nudge.contains(&money(n.rebate_gain, "CNY")),
                            "{}",
                            v.nudge
                        );
                        assert!(!v.nudge.contains('{'), "unfilled: {}", v.nudge);
                    }
                    None => assert_eq!(v.nudge, lang.t(Key::TopTier)),
                }
            }
        }
    }

    #[test]
    fn credit_shows_icon_words_and_figures() {
        let (policy, q) = quoted("accounts/credit-tight.json", "orders/ex10-credit-130k.json");
        let v = credit(&q, &policy, Lang::Zh);
        assert_eq!(q.credit.decision, Decision::PrepaymentRequired);
        assert_eq!((v.icon, v.class), ("¥", "warn"));
        assert_eq!(v.decision, Lang::Zh.t(Key::DecisionPrepayment));
        assert_eq!(v.prepayment, money(q.credit.required_prepayment, "CNY"));
        assert_eq!(v.reasons.len(), q.credit.reasons.len());
    }

    #[test]
    fn margin_needs_resale_prices_or_shows_every_figure() {
        let (_, q) = quoted("accounts/gold.json", "orders/ex13-margin.json");
        let MarginView::Figures { figures, lines } = margin(&q, Lang::En) else {
            panic!("example 13 has resale prices");
        };
        let m = q.margin.as_ref().unwrap();
        let net = figures.iter().find(|f| f.testid == "margin-net").unwrap();
        assert_eq!(net.value, money(m.net_margin, "CNY"));
        assert_eq!(lines.len(), m.lines.len());
        assert!(lines[0].text.starts_with("Line 1 · "), "{}", lines[0].text);
        let (_, q) = quoted("accounts/gold.json", "orders/ex01-level-volume.json");
        assert_eq!(
            margin(&q, Lang::Zh),
            MarginView::NeedsResale(Lang::Zh.t(Key::MarginNeedsResale))
        );
    }

    #[test]
    fn the_live_summary_is_one_line_in_each_language() {
        let (_, q) = quoted("accounts/gold.json", "orders/ex01-level-volume.json");
        assert_eq!(
            live_summary(Some(&q), false, Lang::En),
            "Payable ¥15,071.94; Credit check: Approved"
        );
        assert_eq!(
            live_summary(Some(&q), true, Lang::Zh),
            Lang::Zh.t(Key::StaleQuote)
        );
        assert_eq!(
            live_summary(None, false, Lang::En),
            Lang::En.t(Key::NoQuoteYet)
        );
    }
}
