//! Rebates, credit and margin: what the order earns, whether the vendor
//! releases it on credit, and what the partner keeps.

use super::use_store;
use crate::app::format::{money, percent, percent_opt};
use crate::app::i18n::{decision, Key};
use crate::engine::credit::Decision;
use rust_decimal::Decimal;
use yew::prelude::*;

/// A bar from 0 to `scale` showing `before` → `after`, with tier markers.
fn bar(before: Decimal, after: Decimal, scale: Decimal, markers: &[Decimal], label: &str) -> Html {
    let pct = |x: Decimal| -> String {
        let p = if scale.is_zero() {
            Decimal::ZERO
        } else {
            x.checked_div(scale)
                .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
                .unwrap_or(Decimal::ONE_HUNDRED)
                .clamp(Decimal::ZERO, Decimal::ONE_HUNDRED)
        };
        format!("{}%", p.round_dp(2))
    };
    html! {
        <div class="bar" role="img" aria-label={label.to_string()}>
            <div class="bar-after" style={format!("width:{}", pct(after))}></div>
            <div class="bar-before" style={format!("width:{}", pct(before))}></div>
            { for markers.iter().map(|m| html! { <div class="marker" style={format!("left:{}", pct(*m))}></div> }) }
        </div>
    }
}

#[component]
pub fn RebatePanel() -> Html {
    let store = use_store();
    let Some(q) = store.quote.clone() else {
        return html! {};
    };
    let lang = store.lang;
    let en = lang.is_en();
    let c = q.currency.as_str();
    html! {
        <section class="panel" data-testid="rebates">
            <h3>{ lang.t(Key::Rebates) }</h3>
            if q.rebates.is_empty() { <p class="muted">{ lang.t(Key::NoRebates) }</p> }
            { for q.rebates.iter().enumerate().map(|(i, r)| {
                let program = store.policy.prepared.program(&r.program);
                let tiers: Vec<Decimal> = program.map(|p| p.tiers.iter().map(|t| t.attainment.value()).collect()).unwrap_or_default();
                let top = tiers.last().copied().unwrap_or(Decimal::ONE).max(r.attainment_after).max(Decimal::ONE);
                let scale = top.checked_mul(Decimal::new(11, 1)).unwrap_or(top);
                let scope = program.map_or(String::new(), |p| {
                    let cats: Vec<String> = p.applies_to.categories.iter().flatten().map(|c| crate::app::i18n::category_name(c.as_str(), lang)).collect();
                    cats.join(if en { " and " } else { "和" })
                });
                let nudge = match &r.next_tier {
                    Some(n) => if en {
                        format!("Buy {} more of {} to reach {} and earn {} more.", money(n.additional_purchase, c), scope, percent(n.attainment), money(n.rebate_gain, c))
                    } else {
                        format!("再采购 {} 的{}产品即可达到 {}，多得返利 {}。", money(n.additional_purchase, c), scope, percent(n.attainment), money(n.rebate_gain, c))
                    },
                    None => lang.t(Key::TopTier).to_string(),
                };
                html! {
                    <div class="rebate" data-testid={format!("rebate-{i}")}>
                        <h4>{ r.name.get(en) }<span class="muted">{ format!(" · {}", r.program) }</span></h4>
                        <p>{ lang.t(Key::Attainment) }{ " " }{ lang.t(Key::BeforeAfter) }{ ": " }
                           <strong>{ format!("{} → {}", percent(r.attainment_before), percent(r.attainment_after)) }</strong></p>
                        { bar(r.attainment_before, r.attainment_after, scale, &tiers, &format!("{} → {}", percent(r.attainment_before), percent(r.attainment_after))) }
                        <dl>
                            <div class="row"><dt>{ lang.t(Key::Basis) }</dt><dd class="num">{ money(r.basis, c) }</dd></div>
                            <div class="row"><dt>{ lang.t(Key::RebateBefore) }</dt><dd class="num">{ money(r.before, c) }</dd></div>
                            <div class="row"><dt>{ lang.t(Key::RebateAfter) }</dt><dd class="num">{ money(r.after, c) }</dd></div>
                            <div class="row strong"><dt>{ lang.t(Key::Impact) }</dt><dd class="num" data-testid={format!("rebate-impact-{i}")}>{ money(r.impact, c) }</dd></div>
                        </dl>
                        <p class="nudge" data-testid={format!("rebate-nudge-{i}")}>{ "➜ " }{ nudge }</p>
                    </div>
                }
            }) }
        </section>
    }
}

#[component]
pub fn CreditPanel() -> Html {
    let store = use_store();
    let Some(q) = store.quote.clone() else {
        return html! {};
    };
    let lang = store.lang;
    let cr = &q.credit;
    let c = q.currency.as_str();
    let (icon, class) = match cr.decision {
        Decision::Approved => ("✔", "ok"),
        Decision::ApprovedWithWarning => ("⚠", "warn"),
        Decision::PrepaymentRequired => ("¥", "warn"),
        Decision::Blocked => ("✖", "bad"),
    };
    let warn_line = store
        .policy
        .prepared
        .policy
        .credit
        .warning_utilization
        .value();
    html! {
        <section class="panel" data-testid="credit">
            <h3>{ lang.t(Key::Credit) }</h3>
            <p class={classes!("badge", "decision", class)} data-testid="credit-decision">{ icon }{ " " }{ lang.t(decision(cr.decision)) }</p>
            <p>{ lang.t(Key::Utilization) }{ ": " }<strong data-testid="credit-utilization">{ format!("{} → {}", percent_opt(cr.utilization_before), percent_opt(cr.utilization_after)) }</strong></p>
            { bar(cr.utilization_before.unwrap_or_default(), cr.utilization_after.unwrap_or_default(),
                  Decimal::new(12, 1).max(cr.utilization_after.unwrap_or_default()), &[warn_line, Decimal::ONE],
                  &format!("{} → {}", percent_opt(cr.utilization_before), percent_opt(cr.utilization_after))) }
            <dl>
                <div class="row"><dt>{ lang.t(Key::EffectiveLimit) }</dt><dd class="num">{ money(cr.effective_limit, c) }</dd></div>
                <div class="row"><dt>{ lang.t(Key::AvailableBefore) }</dt><dd class="num">{ money(cr.available_before, c) }</dd></div>
                <div class="row"><dt>{ lang.t(Key::AvailableAfter) }</dt><dd class="num" data-testid="credit-available-after">{ money(cr.available_after, c) }</dd></div>
                <div class="row strong"><dt>{ lang.t(Key::RequiredPrepayment) }</dt><dd class="num" data-testid="credit-prepayment">{ money(cr.required_prepayment, c) }</dd></div>
            </dl>
            if !cr.reasons.is_empty() {
                <ul class="reasons" aria-label={lang.t(Key::Reasons)}>
                    { for cr.reasons.iter().map(|r| html! { <li>{ lang.pick(&r.zh, &r.en) }</li> }) }
                </ul>
            }
        </section>
    }
}

#[component]
pub fn MarginPanel() -> Html {
    let store = use_store();
    let Some(q) = store.quote.clone() else {
        return html! {};
    };
    let lang = store.lang;
    let c = q.currency.as_str();
    let Some(m) = &q.margin else {
        return html! {
            <section class="panel" data-testid="margin">
                <h3>{ lang.t(Key::Margin) }</h3>
                <p class="muted">{ lang.t(Key::MarginNeedsResale) }</p>
            </section>
        };
    };
    let row = |k: Key, v: Decimal, id: &str, strong: bool| {
        html! {
            <div class={classes!("row", strong.then_some("strong"))}><dt>{ lang.t(k) }</dt><dd class="num" data-testid={id.to_string()}>{ money(v, c) }</dd></div>
        }
    };
    html! {
        <section class="panel" data-testid="margin">
            <h3>{ lang.t(Key::Margin) }</h3>
            <dl>
                { row(Key::Revenue, m.revenue, "margin-revenue", false) }
                { row(Key::PurchaseCost, m.purchase_cost, "margin-cost", false) }
                { row(Key::FrontMargin, m.front_margin, "margin-front", false) }
                { row(Key::BackMargin, m.back_margin, "margin-back", false) }
                { row(Key::FinancingCost, m.financing_cost, "margin-financing", false) }
                { row(Key::Freight, m.freight, "margin-freight", false) }
                { row(Key::OtherCosts, m.other_costs, "margin-other", false) }
                { row(Key::NetMargin, m.net_margin, "margin-net", true) }
                <div class="row strong"><dt>{ lang.t(Key::NetMarginPct) }</dt><dd class="num" data-testid="margin-pct">{ percent_opt(m.net_margin_pct) }</dd></div>
            </dl>
            <h4>{ lang.t(Key::LineMargin) }</h4>
            <ul class="line-margins">
                { for m.lines.iter().map(|l| html! {
                    <li class={classes!(l.below_cost.then_some("below-cost"))}>
                        { format!("{} {} · {}: {} ({})", lang.t(Key::Line), l.order_line + 1, l.sku, money(l.margin, c), percent_opt(l.margin_pct)) }
                        if l.below_cost { <span class="badge warn-badge">{ "⚠ " }{ lang.t(Key::BelowCost) }</span> }
                    </li>
                }) }
            </ul>
        </section>
    }
}
