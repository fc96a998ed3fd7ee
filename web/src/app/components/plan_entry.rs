//! Plan entry in the studio: the plan's inputs as typed text, the quick
//! fills (presets, a period from the order, copy, growth, a category's
//! quantity, a category's resale prices by markup) and, per period, its order with a way into the order
//! calculator. Each bad input gets its message next to it (⚠ and words);
//! nothing typed is lost. The whole area carries `plan-inputs`, which the
//! presentation mode hides.

use super::{use_store, Shared};
use crate::app::i18n::{category_name, Key, Lang};
use crate::app::plan_draft::{
    parse_markup, LineInput, NetUnits, PeriodDraft, PeriodField, PlanEdit, PlanField, PlanMessage,
    Preset,
};
use crate::app::state::{Action, LoadedPolicy};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn error_spans<'a>(lang: Lang, messages: impl Iterator<Item = &'a PlanMessage>, id: &str) -> Html {
    html! {
        { for messages.map(|m| html! {
            <span class="field-error" role="alert" id={id.to_string()} data-testid="plan-field-error">{ "⚠ " }{ lang.pick(&m.zh, &m.en) }</span>
        }) }
    }
}

/// A labelled text input for one plan field, with its messages.
fn text_input(
    lang: Lang,
    messages: &[&PlanMessage],
    id: String,
    label: Key,
    value: &str,
    mode: &str,
    on_input: Callback<String>,
) -> Html {
    let err_id = format!("{id}-error");
    let invalid = !messages.is_empty();
    let oninput =
        on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ lang.t(label) }</label>
            <input id={id.clone()} type="text" inputmode={mode.to_string()} value={value.to_string()} {oninput}
                aria-invalid={invalid.to_string()} aria-describedby={err_id.clone()} data-testid={id} />
            { error_spans(lang, messages.iter().copied(), &err_id) }
        </div>
    }
}

#[component]
pub fn PlanEntry() -> Html {
    let store = use_store();
    let lang = store.lang;
    let en = lang.is_en();
    let dispatch = store.dispatcher();
    let growth = use_state(|| "10".to_string());
    let markup = use_state(String::new);
    let markup_bad = use_state(|| false);
    let mut categories: Vec<String> = Vec::new();
    for pr in store.policy.prepared.policy.products.iter() {
        if !categories.iter().any(|c| c == pr.category.as_str()) {
            categories.push(pr.category.to_string());
        }
    }
    let markup_category = {
        let first = categories.first().cloned().unwrap_or_default();
        use_state(move || first)
    };
    // Stable callbacks (made once), so a period's props compare equal and
    // an edit elsewhere does not re-render it.
    let on_edit = {
        let dispatch = dispatch.clone();
        use_callback((), move |e: PlanEdit, _| {
            dispatch.dispatch(Action::EditPlan(e))
        })
    };
    let on_open = {
        let dispatch = dispatch.clone();
        use_callback((), move |k: u64, _| {
            dispatch.dispatch(Action::OpenPeriodInOrder(k))
        })
    };
    let d = &store.plan_draft;
    let msgs = |f: &PlanField| -> Vec<&PlanMessage> { store.plan_messages_for(f).collect() };
    let set = |f: PlanField| on_edit.reform(move |v: String| PlanEdit::Set(f.clone(), v));
    let field = |id: &str, label: Key, value: &str, mode: &str, f: PlanField| {
        text_input(lang, &msgs(&f), id.to_string(), label, value, mode, set(f))
    };
    let policy = &store.policy.prepared.policy;
    let level_name = |id: &str| {
        policy
            .levels
            .iter()
            .find(|l| l.id.as_str() == id)
            .map_or(id.to_string(), |l| l.name.get(en).to_string())
    };
    let program_name = |id: &str| {
        policy
            .rebate_programs
            .iter()
            .find(|p| p.id.as_str() == id)
            .map_or(id.to_string(), |p| p.name.get(en).to_string())
    };
    let on_growth = {
        let growth = growth.clone();
        Callback::from(move |e: InputEvent| {
            growth.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let apply_all = {
        let growth = growth.clone();
        on_edit.reform(move |_: MouseEvent| PlanEdit::Scale(None, (*growth).clone()))
    };
    let on_markup_category = {
        let markup_category = markup_category.clone();
        Callback::from(move |e: Event| {
            markup_category.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_markup = {
        let (markup, markup_bad) = (markup.clone(), markup_bad.clone());
        Callback::from(move |e: InputEvent| {
            markup.set(e.target_unchecked_into::<HtmlInputElement>().value());
            markup_bad.set(false);
        })
    };
    let apply_markup = {
        let (markup, markup_bad, markup_category) =
            (markup.clone(), markup_bad.clone(), markup_category.clone());
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            if parse_markup(&markup).is_none() {
                markup_bad.set(true);
                return;
            }
            markup_bad.set(false);
            on_edit.emit(PlanEdit::CategoryMarkup {
                category: (*markup_category).clone(),
                markup: (*markup).clone(),
                net_units: NetUnits::new(),
            });
        })
    };
    let fill = |edit: PlanEdit| on_edit.reform(move |_: MouseEvent| edit.clone());
    let period_messages = |key: u64| -> Vec<PlanMessage> {
        store
            .plan_messages
            .iter()
            .filter(|m| matches!(m.field, PlanField::Period(k, _) | PlanField::Line(k, _, _) if k == key))
            .cloned()
            .collect()
    };
    let levels_msgs = msgs(&PlanField::Levels);
    html! {
        <section class="card plan-inputs plan-entry" aria-labelledby="plan-entry-heading" data-testid="plan-entry">
            <h3 id="plan-entry-heading">{ lang.t(Key::PlanEntry) }</h3>
            if store.plan_stale() {
                <p class="alert warn" role="status" data-testid="plan-entry-stale">{ "⚠ " }{ lang.t(Key::PlanStale) }</p>
            }
            { error_spans(lang, store.plan_messages_for(&PlanField::General), "plan-general-error") }
            <div class="plan-entry-grid">
                <fieldset class="order-fields">
                    { field("plan-title-input", Key::PlanTitleLabel, &d.title, "text", PlanField::Title) }
                    { field("plan-partner-input", Key::PlanPartnerLabel, &d.partner_name, "text", PlanField::PartnerName) }
                </fieldset>
                <fieldset class="order-fields plan-levels-pick" aria-describedby="plan-levels-error">
                    <legend>{ lang.t(Key::PlanCompareLevels) }</legend>
                    { for d.levels.iter().map(|l| {
                        let id = l.id.clone();
                        let onchange = on_edit.reform(move |e: Event| {
                            PlanEdit::ToggleLevel(id.clone(), e.target_unchecked_into::<HtmlInputElement>().checked())
                        });
                        html! {
                            <label class="check">
                                <input type="checkbox" checked={l.on} {onchange} data-testid={format!("plan-level-on-{}", l.id)} />
                                { " " }{ level_name(&l.id) }
                            </label>
                        }
                    }) }
                    { error_spans(lang, levels_msgs.iter().copied(), "plan-levels-error") }
                </fieldset>
                if !d.targets.is_empty() {
                    <fieldset class="order-fields">
                        <legend>{ lang.t(Key::PlanTargets) }</legend>
                        { for d.targets.iter().map(|t| {
                            let p = &t.program;
                            html! {
                                <div class="plan-target">
                                    <span class="muted">{ program_name(p) }</span>
                                    { field(&format!("plan-target-{p}"), Key::PlanTarget, &t.target, "decimal", PlanField::Target(p.clone(), false)) }
                                    { field(&format!("plan-ptd-{p}"), Key::PlanPeriodToDate, &t.period_to_date, "decimal", PlanField::Target(p.clone(), true)) }
                                </div>
                            }
                        }) }
                    </fieldset>
                }
                <fieldset class="order-fields">
                    <legend>{ lang.t(Key::PlanFixedCosts) }</legend>
                    { field("plan-payment-days", Key::CustomerPaymentDays, &d.payment_days, "numeric", PlanField::PaymentDays) }
                    { field("plan-capital", Key::CostOfCapital, &d.capital_pct, "decimal", PlanField::Capital) }
                    { field("plan-staff", Key::PlanStaff, &d.staff, "numeric", PlanField::Staff) }
                    { field("plan-cost-per-staff", Key::PlanCostPerStaff, &d.cost_per_staff, "decimal", PlanField::CostPerStaff) }
                    { field("plan-other-fixed", Key::PlanOtherFixed, &d.other_fixed, "decimal", PlanField::OtherFixed) }
                </fieldset>
            </div>
            <fieldset class="order-fields plan-fills">
                <legend>{ lang.t(Key::PlanQuickFills) }</legend>
                <div class="line-actions">
                    <button type="button" onclick={fill(PlanEdit::Preset(Preset::ThisYearByQuarter))} data-testid="plan-preset-quarters">{ lang.t(Key::PlanPresetQuarters) }</button>
                    <button type="button" onclick={fill(PlanEdit::Preset(Preset::NextSixMonths))} data-testid="plan-preset-months">{ lang.t(Key::PlanPresetMonths) }</button>
                    <button type="button" onclick={fill(PlanEdit::PeriodFromOrder)} disabled={store.draft().lines.is_empty()} data-testid="plan-from-order">{ lang.t(Key::PlanFromOrder) }</button>
                </div>
                <div class="field plan-growth">
                    <label for="plan-growth">{ lang.t(Key::PlanGrowth) }</label>
                    <input id="plan-growth" type="text" inputmode="decimal" value={(*growth).clone()} oninput={on_growth} data-testid="plan-growth" />
                    <button type="button" onclick={apply_all} data-testid="plan-apply-growth">{ lang.t(Key::PlanApplyGrowthAll) }</button>
                </div>
                <div class={classes!("field", "plan-markup", markup_bad.then_some("invalid"))}>
                    <label for="plan-markup-category">{ lang.t(Key::PlanMarkupCategory) }</label>
                    <select id="plan-markup-category" onchange={on_markup_category} data-testid="plan-markup-category">
                        { for categories.iter().map(|c| html! {
                            <option value={c.clone()} selected={*c == *markup_category}>{ category_name(c, lang) }</option>
                        }) }
                    </select>
                    <label for="plan-markup">{ lang.t(Key::PlanMarkupLabel) }</label>
                    <input id="plan-markup" type="text" inputmode="decimal" size="6" value={(*markup).clone()} oninput={on_markup}
                        aria-invalid={markup_bad.to_string()} aria-describedby="plan-markup-error" data-testid="plan-markup" />
                    <button type="button" onclick={apply_markup} data-testid="plan-apply-markup">{ lang.t(Key::PlanApplyMarkup) }</button>
                    if *markup_bad {
                        <span class="field-error" role="alert" id="plan-markup-error" data-testid="plan-field-error">{ "⚠ " }{ lang.t(Key::PlanMarkupRange) }</span>
                    }
                </div>
            </fieldset>
            { for d.periods.iter().enumerate().map(|(i, p)| html! {
                <PeriodEditor key={p.key} index={i} period={p.clone()} {lang} messages={period_messages(p.key)}
                    policy={Shared(store.policy.clone())} growth={AttrValue::from((*growth).clone())}
                    on_edit={on_edit.clone()} on_open={on_open.clone()} />
            }) }
            <div class="line-actions">
                <button type="button" onclick={fill(PlanEdit::AddPeriod)} data-testid="plan-add-period">{ "＋ " }{ lang.t(Key::PlanAddPeriod) }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PeriodProps {
    index: usize,
    period: PeriodDraft,
    lang: Lang,
    /// Only this period's messages, so an edit elsewhere does not re-render it.
    messages: Vec<PlanMessage>,
    policy: Shared<LoadedPolicy>,
    growth: AttrValue,
    on_edit: Callback<PlanEdit>,
    on_open: Callback<u64>,
}

/// One period's inputs and lines; re-renders only when its props change.
#[component]
fn PeriodEditor(props: &PeriodProps) -> Html {
    let PeriodProps {
        index: i,
        period: p,
        lang,
        messages,
        policy,
        growth,
        on_edit,
        on_open,
    } = props;
    let (i, lang, pk) = (*i, *lang, p.key);
    let en = lang.is_en();
    let products = &policy.prepared.policy.products;
    let mut categories: Vec<String> = Vec::new();
    for pr in products.iter() {
        if !categories.iter().any(|c| c == pr.category.as_str()) {
            categories.push(pr.category.to_string());
        }
    }
    let first_category = categories.first().cloned().unwrap_or_default();
    let category = use_state(move || first_category);
    let category_qty = use_state(String::new);
    let new_sku = use_state(|| {
        products
            .first()
            .map(|p| p.sku.to_string())
            .unwrap_or_default()
    });
    let mine = |f: &PlanField| -> Vec<&PlanMessage> {
        messages.iter().filter(|m| &m.field == f).collect()
    };
    let set = |f: PlanField| on_edit.reform(move |v: String| PlanEdit::Set(f.clone(), v));
    let field = |slug: &str, label: Key, value: &str, mode: &str, f: PeriodField| {
        let f = PlanField::Period(pk, f);
        text_input(
            lang,
            &mine(&f),
            format!("entry-period-{i}-{slug}"),
            label,
            value,
            mode,
            set(f),
        )
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |e: Event| {
            category.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_category_qty = {
        let category_qty = category_qty.clone();
        Callback::from(move |e: InputEvent| {
            category_qty.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let set_category = {
        let (category, category_qty) = (category.clone(), category_qty.clone());
        on_edit.reform(move |_: MouseEvent| {
            PlanEdit::CategoryQty(pk, (*category).clone(), (*category_qty).clone())
        })
    };
    let on_new_sku = {
        let new_sku = new_sku.clone();
        Callback::from(move |e: Event| {
            new_sku.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let add_line = {
        let new_sku = new_sku.clone();
        on_edit.reform(move |_: MouseEvent| PlanEdit::AddLine(pk, (*new_sku).clone()))
    };
    let scale = {
        let growth = growth.to_string();
        on_edit.reform(move |_: MouseEvent| PlanEdit::Scale(Some(pk), growth.clone()))
    };
    let copy = on_edit.reform(move |_: MouseEvent| PlanEdit::CopyPeriod(pk));
    let remove = on_edit.reform(move |_: MouseEvent| PlanEdit::RemovePeriod(pk));
    let open = on_open.reform(move |_: MouseEvent| pk);
    let heading = if p.label.trim().is_empty() {
        format!("{} {}", lang.t(Key::PlanPeriod), i + 1)
    } else {
        p.label.clone()
    };
    html! {
        <fieldset class="line plan-period-entry" data-testid={format!("entry-period-{i}")}>
            <legend>{ heading }</legend>
            { error_spans(lang, mine(&PlanField::Period(pk, PeriodField::Whole)).into_iter(), &format!("entry-period-{i}-error")) }
            <div class="plan-period-fields">
                { field("label", Key::PlanPeriodLabel, &p.label, "text", PeriodField::Label) }
                { field("date", Key::OrderDate, &p.date, "text", PeriodField::Date) }
                { field("services-revenue", Key::PlanServicesRevenue, &p.services_revenue, "decimal", PeriodField::ServicesRevenue) }
                { field("services-cost", Key::PlanServicesCost, &p.services_cost, "decimal", PeriodField::ServicesCost) }
                { field("mdf", Key::PlanMdf, &p.mdf, "decimal", PeriodField::Mdf) }
            </div>
            <table class="plan-entry-lines">
                <thead><tr>
                    <th scope="col">{ lang.t(Key::Sku) }</th>
                    <th scope="col">{ lang.t(Key::Qty) }</th>
                    <th scope="col">{ lang.t(Key::ResalePrice) }</th>
                    <th scope="col"><span class="visually-hidden">{ lang.t(Key::Remove) }</span></th>
                </tr></thead>
                <tbody>
                    { for p.lines.iter().enumerate().map(|(j, l)| {
                        let lk = l.key;
                        let cell = |input: LineInput, slug: &str, label: Key, value: &str, mode: &str| {
                            let f = PlanField::Line(pk, lk, input);
                            let id = format!("entry-period-{i}-line-{j}-{slug}");
                            let err_id = format!("{id}-error");
                            let m = mine(&f);
                            let invalid = !m.is_empty();
                            let oninput = set(f).reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
                            html! {
                                <td class={classes!("field", invalid.then_some("invalid"))}>
                                    <input id={id.clone()} type="text" inputmode={mode.to_string()} value={value.to_string()} {oninput}
                                        aria-label={format!("{} {} · {}", lang.t(Key::Line), j + 1, lang.t(label))}
                                        aria-invalid={invalid.to_string()} aria-describedby={err_id.clone()} data-testid={id} />
                                    { error_spans(lang, m.into_iter(), &err_id) }
                                </td>
                            }
                        };
                        let remove_line = on_edit.reform(move |_: MouseEvent| PlanEdit::RemoveLine(pk, lk));
                        html! {
                            <tr key={lk}>
                                { cell(LineInput::Sku, "sku", Key::Sku, &l.sku, "text") }
                                { cell(LineInput::Qty, "qty", Key::Qty, &l.qty, "numeric") }
                                { cell(LineInput::Resale, "resale", Key::ResalePrice, &l.resale, "decimal") }
                                <td><button type="button" class="remove" onclick={remove_line}
                                    aria-label={format!("{} {} {}", lang.t(Key::Remove), lang.t(Key::Line), j + 1)}>{ "✕" }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <div class="line-actions">
                <label class="visually-hidden" for={format!("entry-period-{i}-new-sku")}>{ lang.t(Key::AddProduct) }</label>
                <select id={format!("entry-period-{i}-new-sku")} onchange={on_new_sku}>
                    { for products.iter().map(|pr| html! {
                        <option value={pr.sku.to_string()} selected={pr.sku.as_str() == new_sku.as_str()}>{ format!("{} {}", pr.sku, pr.name.get(en)) }</option>
                    }) }
                </select>
                <button type="button" onclick={add_line} data-testid={format!("entry-period-{i}-add-line")}>{ "＋ " }{ lang.t(Key::AddProduct) }</button>
            </div>
            <div class="line-actions">
                <label class="visually-hidden" for={format!("entry-period-{i}-category")}>{ lang.t(Key::PlanCategory) }</label>
                <select id={format!("entry-period-{i}-category")} onchange={on_category}>
                    { for categories.iter().map(|c| html! {
                        <option value={c.clone()} selected={*c == *category}>{ category_name(c, lang) }</option>
                    }) }
                </select>
                <label class="visually-hidden" for={format!("entry-period-{i}-category-qty")}>{ lang.t(Key::PlanCategoryQty) }</label>
                <input id={format!("entry-period-{i}-category-qty")} type="text" inputmode="numeric" size="6" value={(*category_qty).clone()}
                    oninput={on_category_qty} placeholder={lang.t(Key::Qty)} />
                <button type="button" onclick={set_category}>{ lang.t(Key::PlanSetCategoryQty) }</button>
            </div>
            <div class="line-actions">
                <button type="button" onclick={scale} data-testid={format!("entry-period-{i}-scale")}>{ lang.t(Key::PlanApplyGrowthOne) }</button>
                <button type="button" onclick={copy} data-testid={format!("entry-period-{i}-copy")}>{ lang.t(Key::PlanCopyPeriod) }</button>
                <button type="button" onclick={open} data-testid={format!("entry-period-{i}-open")}>{ lang.t(Key::PlanOpenInOrder) }</button>
                <button type="button" class="remove" onclick={remove} data-testid={format!("entry-period-{i}-remove")}>{ "✕ " }{ lang.t(Key::PlanRemovePeriod) }</button>
            </div>
        </fieldset>
    }
}
