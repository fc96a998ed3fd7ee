//! The quoted lines with their price waterfalls, and the totals.

use super::use_store;
use crate::app::format::{money, unit};
use crate::app::i18n::{considered_reason, step_kind, Key, Lang};
use crate::app::state::LoadedPolicy;
use crate::engine::pricing::StepKind;
use crate::engine::quote::QuoteLine;
use crate::engine::PreparedPolicy;
use yew::prelude::*;

#[component]
pub fn QuoteLines() -> Html {
    let store = use_store();
    let Some(q) = store.quote().clone() else {
        return html! {};
    };
    let lang = store.lang;
    let currency = AttrValue::from(q.currency.clone());
    let policy = super::Shared(store.policy.clone());
    html! {
        <div class="table-wrap">
        <table class="quote-lines" data-testid="quote-lines">
            <thead><tr>
                <th scope="col">{ lang.t(Key::Product) }</th>
                <th scope="col" class="num">{ lang.t(Key::Qty) }</th>
                <th scope="col" class="num">{ lang.t(Key::ListPrice) }</th>
                <th scope="col" class="num">{ lang.t(Key::NetUnit) }</th>
                <th scope="col" class="num">{ lang.t(Key::NetAmount) }</th>
                <th scope="col" class="num">{ lang.t(Key::Tax) }</th>
                <th scope="col" class="num">{ lang.t(Key::Gross) }</th>
            </tr></thead>
            { for store.rows().iter().enumerate().map(|(i, l)| html! {
                <QuoteRow key={i} index={i} line={super::Shared(l.clone())} {lang} currency={currency.clone()} policy={policy.clone()} />
            }) }
        </table>
        </div>
    }
}

/// The policy a row looks rule names up in; equal when it is the same one.
pub type PolicyHandle = super::Shared<LoadedPolicy>;

#[derive(Properties, PartialEq)]
struct RowProps {
    index: usize,
    /// Equal by identity: the state keeps an unchanged line's `Rc`.
    line: super::Shared<QuoteLine>,
    lang: Lang,
    currency: AttrValue,
    policy: PolicyHandle,
}

/// One quoted line (and its waterfall when open); re-renders only when
/// its own figures change.
#[component]
fn QuoteRow(props: &RowProps) -> Html {
    let RowProps {
        index: i,
        line: l,
        lang,
        currency,
        policy,
    } = props;
    let (i, lang, cur) = (*i, *lang, currency.as_str());
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let p = &policy.0.prepared;
    let name = p
        .product(&l.sku)
        .map_or(String::new(), |p| p.name.get(lang.is_en()).to_string());
    html! {
        <tbody>
            <tr class={classes!(l.free.then_some("free"))} data-testid={format!("quote-line-{i}")}>
                <th scope="row">
                    <code>{ &l.sku }</code>{ " " }{ name }
                    if l.free { <span class="badge free-badge">{ "+ " }{ lang.t(Key::Free) }</span> }
                    { for l.warnings.iter().filter(|w| *w == "floor_applied").map(|_| html! {
                        <span class="badge warn-badge">{ "⚠ " }{ lang.t(Key::FloorApplied) }</span>
                    }) }
                    <button type="button" class="link no-print" onclick={toggle} aria-expanded={open.to_string()}
                        aria-controls={format!("waterfall-{i}")} data-testid={format!("waterfall-toggle-{i}")}>
                        { if *open { lang.t(Key::HideWaterfall) } else { lang.t(Key::ShowWaterfall) } }
                    </button>
                </th>
                <td class="num" data-label={lang.t(Key::Qty)}>{ l.qty }</td>
                <td class="num" data-label={lang.t(Key::ListPrice)}>{ unit(l.list_price, cur) }</td>
                <td class="num" data-label={lang.t(Key::NetUnit)} data-testid={format!("net-unit-{i}")}>{ unit(l.net_unit_price, cur) }</td>
                <td class="num" data-label={lang.t(Key::NetAmount)} data-testid={format!("net-amount-{i}")}>{ money(l.net_amount, cur) }</td>
                <td class="num" data-label={lang.t(Key::Tax)} data-testid={format!("tax-{i}")}>{ money(l.tax_amount, cur) }</td>
                <td class="num" data-label={lang.t(Key::Gross)} data-testid={format!("gross-{i}")}>{ money(l.gross_amount, cur) }</td>
            </tr>
            if *open {
                <tr class="waterfall-row"><td colspan="7">{ waterfall(p, lang, l, i, cur) }</td></tr>
            }
        </tbody>
    }
}

fn rule_name(p: &PreparedPolicy, lang: Lang, kind: StepKind, rule: &str) -> String {
    let en = lang.is_en();
    match kind {
        StepKind::Level => p.level(rule).map(|l| l.name.get(en).to_string()),
        StepKind::Promotion | StepKind::FreeGoods => p
            .policy
            .promotions
            .iter()
            .find(|x| x.id.as_str() == rule)
            .map(|x| x.name.get(en).to_string())
            // `considered[]` mixes step-4 promotions and order promotions.
            .or_else(|| order_promotion_name(p, en, rule)),
        StepKind::OrderPromotion | StepKind::OrderGift => order_promotion_name(p, en, rule),
        StepKind::PaymentTerms => p
            .policy
            .payment_option(rule)
            .map(|o| o.name.get(en).to_string()),
        _ => None,
    }
    .map_or(rule.to_string(), |name| format!("{name} ({rule})"))
}

fn order_promotion_name(p: &PreparedPolicy, en: bool, rule: &str) -> Option<String> {
    p.policy
        .order_promotions()
        .iter()
        .find(|x| x.id.as_str() == rule)
        .map(|x| x.name.get(en).to_string())
}

fn waterfall(p: &PreparedPolicy, lang: Lang, l: &QuoteLine, i: usize, cur: &str) -> Html {
    html! {
        <div class="waterfall" id={format!("waterfall-{i}")} data-testid={format!("waterfall-{i}")}>
            <ol>
                <li><span class="kind">{ lang.t(Key::StepStart) }</span><span class="num">{ unit(l.list_price, cur) }</span></li>
                { for l.steps.iter().map(|s| {
                    let saved = s.saved();
                    let saving = if s.kind == StepKind::OrderPromotion {
                        // 本行分摊: the line's share of the order's discount.
                        format!("{} {}", lang.t(Key::LineShare), money(saved, cur))
                    } else if saved.is_sign_negative() && !saved.is_zero() {
                        format!("{} {}", lang.t(Key::Raised), money(-saved, cur))
                    } else {
                        format!("{} {}", lang.t(Key::Saved), money(saved, cur))
                    };
                    html! {
                        <li>
                            <span class="kind">{ lang.t(step_kind(s.kind)) }</span>
                            <span class="rule">{ rule_name(p, lang, s.kind, &s.rule) }</span>
                            <span class="num">{ "→ " }{ unit(s.unit_price_after, cur) }</span>
                            <span class="saved">{ saving }</span>
                        </li>
                    }
                }) }
            </ol>
            if !l.considered.is_empty() {
                <p class="considered-title">{ lang.t(Key::Considered) }</p>
                <ul class="considered">
                    { for l.considered.iter().map(|c| html! {
                        <li>{ rule_name(p, lang, StepKind::Promotion, &c.rule) }{ ": " }{ lang.t(considered_reason(c.reason)) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

#[component]
pub fn TotalsPanel() -> Html {
    let store = use_store();
    let Some(q) = store.quote().clone() else {
        return html! {};
    };
    let lang = store.lang;
    let t = &q.totals;
    let c = q.currency.as_str();
    let row = |k: Key, v: String, id: &str, strong: bool| {
        html! {
            <div class={classes!("row", strong.then_some("strong"))}><dt>{ lang.t(k) }</dt><dd class="num" data-testid={id.to_string()}>{ v }</dd></div>
        }
    };
    html! {
        <section class="totals" aria-label={lang.t(Key::Totals)}>
            <h3>{ lang.t(Key::Totals) }</h3>
            <dl>
                { row(Key::ListAmount, money(t.list_amount, c), "total-list", false) }
                { row(Key::DiscountAmount, money(t.discount_amount, c), "total-discount", false) }
                { row(Key::NetTotal, money(t.net_amount, c), "total-net", false) }
                { row(Key::TaxTotal, money(t.tax_amount, c), "total-tax", false) }
                { row(Key::GrossTotal, money(t.gross_amount, c), "total-gross", false) }
                { row(Key::RebateCreditUsed, money(t.rebate_credit_used, c), "total-rebate-credit", false) }
                { row(Key::Payable, money(t.payable, c), "total-payable", true) }
            </dl>
        </section>
    }
}
