//! Rebates, credit and margin: what the order earns, whether the vendor
//! releases it on credit, and what the partner keeps. Each panel renders a
//! view from [`view_model`](crate::app::view_model) given as props, so it
//! re-renders only when what it shows changes.

use crate::app::i18n::{Key, Lang};
use crate::app::nudge::Goal;
use crate::app::state::Action;
use crate::app::view_model::{Bar, CreditView, MarginView, RebateView};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn bar(b: &Bar) -> Html {
    html! {
        <div class="bar" role="img" aria-label={b.label.clone()}>
            <div class="bar-after" style={format!("width:{}", b.after)}></div>
            <div class="bar-before" style={format!("width:{}", b.before)}></div>
            { for b.markers.iter().map(|m| html! { <div class="marker" style={format!("left:{m}")}></div> }) }
        </div>
    }
}

fn figure(label: &str, value: &str, testid: Option<String>, strong: bool) -> Html {
    html! {
        <div class={classes!("row", strong.then_some("strong"))}>
            <dt>{ label }</dt><dd class="num" data-testid={testid}>{ value }</dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RebateProps {
    pub lang: Lang,
    pub views: Rc<Vec<RebateView>>,
    /// Makes the scenario that reaches a program's next tier.
    pub on_action: Callback<Action>,
}

#[derive(Properties, PartialEq)]
pub(super) struct ReachProps {
    pub lang: Lang,
    pub index: usize,
    pub goal: Goal,
    /// Test ids are `{prefix}-product-{index}` and `{prefix}-tier-{index}`.
    pub prefix: &'static str,
    pub products: Rc<Vec<(String, String)>>,
    pub on_action: Callback<Action>,
}

/// The next-tier nudge made real: pick a product the program counts, and
/// a new scenario buys enough of it (in whole order multiples) to reach
/// the tier, quoted with that purchase's own discounts.
#[component]
pub(super) fn ReachTier(props: &ReachProps) -> Html {
    let lang = props.lang;
    let first = props
        .products
        .first()
        .map(|(sku, _)| sku.clone())
        .unwrap_or_default();
    let chosen = use_state(|| first);
    let pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value());
        })
    };
    let go = {
        let (on_action, goal, chosen) =
            (props.on_action.clone(), props.goal.clone(), chosen.clone());
        Callback::from(move |_| {
            on_action.emit(Action::ReachNextTier {
                goal: goal.clone(),
                sku: (*chosen).clone(),
            })
        })
    };
    let (i, prefix) = (props.index, props.prefix);
    html! {
        <div class="reach no-print">
            <label>{ lang.t(Key::NudgeProduct) }
                <select data-testid={format!("{prefix}-product-{i}")} onchange={pick}>
                    { for props.products.iter().map(|(sku, name)| html! {
                        <option value={sku.clone()} selected={*sku == *chosen}>{ format!("{name} · {sku}") }</option>
                    }) }
                </select>
            </label>
            <button type="button" data-testid={format!("{prefix}-tier-{i}")} onclick={go}>{ lang.t(Key::NudgeScenario) }</button>
        </div>
    }
}

#[component]
pub fn RebatePanel(props: &RebateProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="panel" data-testid="rebates">
            <h3>{ lang.t(Key::Rebates) }</h3>
            if props.views.is_empty() { <p class="muted">{ lang.t(Key::NoRebates) }</p> }
            { for props.views.iter().enumerate().map(|(i, r)| html! {
                <div class="rebate" data-testid={format!("rebate-{i}")}>
                    <h4>{ r.name.as_str() }<span class="muted">{ format!(" · {}", r.program) }</span></h4>
                    <p>{ lang.t(Key::Attainment) }{ " " }{ lang.t(Key::BeforeAfter) }{ ": " }<strong>{ r.attainment.as_str() }</strong></p>
                    { bar(&r.bar) }
                    <dl>
                        { figure(lang.t(Key::Basis), &r.basis, None, false) }
                        { figure(lang.t(Key::RebateBefore), &r.before, None, false) }
                        { figure(lang.t(Key::RebateAfter), &r.after, None, false) }
                        { figure(lang.t(Key::Impact), &r.impact, Some(format!("rebate-impact-{i}")), true) }
                    </dl>
                    <p class="nudge" data-testid={format!("rebate-nudge-{i}")}>{ "➜ " }{ r.nudge.as_str() }</p>
                    if !r.reach_with.is_empty() {
                        <ReachTier {lang} index={i} goal={Goal::Rebate(r.program.clone())} prefix="reach"
                            products={Rc::new(r.reach_with.clone())} on_action={props.on_action.clone()} />
                    }
                </div>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CreditProps {
    pub lang: Lang,
    pub view: Rc<CreditView>,
}

#[component]
pub fn CreditPanel(props: &CreditProps) -> Html {
    let (lang, v) = (props.lang, &props.view);
    html! {
        <section class="panel" data-testid="credit">
            <h3>{ lang.t(Key::Credit) }</h3>
            <p class={classes!("badge", "decision", v.class)} data-testid="credit-decision">{ v.icon }{ " " }{ v.decision.as_str() }</p>
            <p>{ lang.t(Key::Utilization) }{ ": " }<strong data-testid="credit-utilization">{ v.utilization.as_str() }</strong></p>
            { bar(&v.bar) }
            <dl>
                { figure(lang.t(Key::EffectiveLimit), &v.effective_limit, None, false) }
                { figure(lang.t(Key::AvailableBefore), &v.available_before, None, false) }
                { figure(lang.t(Key::AvailableAfter), &v.available_after, Some("credit-available-after".into()), false) }
                { figure(lang.t(Key::RequiredPrepayment), &v.prepayment, Some("credit-prepayment".into()), true) }
            </dl>
            if !v.reasons.is_empty() {
                <ul class="reasons" aria-label={lang.t(Key::Reasons)}>
                    { for v.reasons.iter().map(|r| html! { <li>{ r.as_str() }</li> }) }
                </ul>
            }
            if !v.notes.is_empty() {
                <ul class="notes" data-testid="credit-notes">
                    { for v.notes.iter().map(|n| html! { <li>{ "ℹ " }{ n.as_str() }</li> }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct MarginProps {
    pub lang: Lang,
    pub view: Rc<MarginView>,
}

#[component]
pub fn MarginPanel(props: &MarginProps) -> Html {
    let lang = props.lang;
    let body = match props.view.as_ref() {
        MarginView::NeedsResale(why) => html! { <p class="muted">{ *why }</p> },
        MarginView::Figures { figures, lines } => html! {
            <>
                <dl>
                    { for figures.iter().map(|f| figure(f.label, &f.value, Some(f.testid.to_string()), f.strong)) }
                </dl>
                <h4>{ lang.t(Key::LineMargin) }</h4>
                <ul class="line-margins">
                    { for lines.iter().map(|l| html! {
                        <li class={classes!(l.below_cost.then_some("below-cost"))}>
                            { l.text.as_str() }
                            if l.below_cost { <span class="badge warn-badge">{ "⚠ " }{ lang.t(Key::BelowCost) }</span> }
                        </li>
                    }) }
                </ul>
            </>
        },
    };
    html! {
        <section class="panel" data-testid="margin">
            <h3>{ lang.t(Key::Margin) }</h3>
            { body }
        </section>
    }
}
