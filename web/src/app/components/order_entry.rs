//! Order entry: product search (keyboard-operable), the lines with their
//! inputs, and the order-wide fields. Each bad input gets its message next
//! to it; what the user typed always stays.

use super::use_store;
use crate::app::draft::{DraftLine, Field, FieldMessage, LineField};
use crate::app::i18n::{Key, Lang};
use crate::app::state::{Action, AppState};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Inline messages for one field.
fn messages(state: &AppState, field: &Field, id: &str) -> Html {
    error_spans(state.lang, state.messages_for(field), id)
}

/// The one way a message is shown next to its input: a warning sign and
/// words (never colour alone), announced to screen readers.
fn error_spans<'a>(lang: Lang, messages: impl Iterator<Item = &'a FieldMessage>, id: &str) -> Html {
    html! {
        { for messages.map(|m| html! {
            <span class="field-error" role="alert" id={id.to_string()} data-testid="field-error">{ "⚠ " }{ lang.pick(&m.zh, &m.en) }</span>
        }) }
    }
}

struct Input<'a> {
    id: String,
    label: &'a str,
    value: &'a str,
    kind: &'a str,
    mode: &'a str,
    field: Field,
    testid: String,
}

fn input(state: &AppState, i: Input, emit: Callback<(Field, String)>) -> Html {
    let field = i.field.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let el: HtmlInputElement = e.target_unchecked_into();
        emit.emit((field.clone(), el.value()));
    });
    let has_error = state.messages_for(&i.field).next().is_some();
    let err_id = format!("{}-error", i.id);
    html! {
        <div class={classes!("field", has_error.then_some("invalid"))}>
            <label for={i.id.clone()}>{ i.label }</label>
            <input id={i.id.clone()} type={i.kind.to_string()} inputmode={i.mode.to_string()} value={i.value.to_string()} {oninput}
                aria-invalid={has_error.to_string()} aria-describedby={err_id.clone()} data-testid={i.testid} />
            { messages(state, &i.field, &err_id) }
        </div>
    }
}

#[component]
pub fn OrderEntry() -> Html {
    let store = use_store();
    let lang = store.lang;
    let dispatch = store.dispatcher();
    let set = {
        let dispatch = dispatch.clone();
        Callback::from(move |(field, value): (Field, String)| match field {
            Field::Line(key, lf) => dispatch.dispatch(Action::SetLine(key, lf, value)),
            other => dispatch.dispatch(Action::SetField(other, value)),
        })
    };
    let d = &store.draft();
    let field = |id: &str, label: Key, value: &str, kind: &str, mode: &str, f: Field| {
        input(
            &store,
            Input {
                id: id.into(),
                label: lang.t(label),
                value,
                kind,
                mode,
                field: f,
                testid: id.into(),
            },
            set.clone(),
        )
    };
    let payment = payment_fields(&store, d, &field, dispatch.clone());
    let balance = crate::app::format::money(
        store.account().account.rebate_credit_balance.value(),
        store.policy.prepared.policy.currency.as_str(),
    );
    html! {
        <>
            <ProductSearch />
            <LinesEditor />
            <fieldset class="order-fields">
                { field("order-date", Key::OrderDate, &d.date, "date", "text", Field::Date) }
                { field("deal-registration", Key::DealRegistration, &d.deal_registration, "text", "text", Field::DealRegistration) }
                <div class="with-hint">
                    { field("use-rebate-credit", Key::UseRebateCredit, &d.use_rebate_credit, "text", "decimal", Field::UseRebateCredit) }
                    <span class="hint">{ format!("{} {}", lang.t(Key::Available), balance) }</span>
                </div>
            </fieldset>
            { payment }
            <fieldset class="order-fields">
                <legend>{ lang.t(Key::MarginInputs) }</legend>
                { field("payment-days", Key::CustomerPaymentDays, &d.payment_days, "text", "numeric", Field::PaymentDays) }
                { field("capital", Key::CostOfCapital, &d.capital_pct, "text", "decimal", Field::Capital) }
                { field("freight", Key::Freight, &d.freight, "text", "decimal", Field::Freight) }
                { field("other-costs", Key::OtherCosts, &d.other_costs, "text", "decimal", Field::OtherCosts) }
            </fieldset>
            { messages(&store, &Field::General, "general-error") }
        </>
    }
}

/// Renders one labelled input: (id, label, value, type, inputmode, field).
type FieldInput<'a> = dyn Fn(&str, Key, &str, &str, &str, Field) -> Html + 'a;

/// SPEC-v2's order fields: the payment option (现款 / 账期), when the
/// partner expects to pay, and a credit manager's override code — shown
/// only when the policy offers payment options or an override.
fn payment_fields(
    store: &AppState,
    d: &crate::app::draft::Draft,
    field: &FieldInput,
    dispatch: UseReducerDispatcher<AppState>,
) -> Html {
    let lang = store.lang;
    let en = lang.is_en();
    let p = &store.policy.prepared.policy;
    let options = p.payment_options();
    let overridable = p.credit.actions.as_ref().is_some_and(|a| {
        [a.on_hold, a.overdue, a.over_limit, a.high_utilization].contains(&Some(
            crate::engine::documents::policy::CreditAction::Override,
        ))
    });
    if options.is_empty()
        && !overridable
        && d.payment_option.is_empty()
        && d.credit_override.is_empty()
    {
        return Html::default();
    }
    let on_option = Callback::from(move |e: Event| {
        let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
        dispatch.dispatch(Action::SetField(Field::PaymentOption, sel.value()));
    });
    let chosen = options
        .iter()
        .find(|o| o.id.as_str() == d.payment_option.trim());
    let terms =
        chosen.is_some_and(|o| o.kind == crate::engine::documents::payment::PaymentKind::Terms);
    let policy_terms = crate::app::i18n::fill(
        Key::PolicyTerms,
        lang,
        &[("n", &p.payment_terms_days.get().to_string())],
    );
    html! {
        <fieldset class="order-fields" data-testid="payment-fields">
            <legend>{ lang.t(Key::PaymentLegend) }</legend>
            if !options.is_empty() {
                <div class={classes!("field", store.messages_for(&Field::PaymentOption).next().is_some().then_some("invalid"))}>
                    <label for="payment-option">{ lang.t(Key::PaymentOption) }</label>
                    <select id="payment-option" data-testid="payment-option" onchange={on_option}
                        aria-describedby="payment-option-error">
                        <option value="" selected={d.payment_option.trim().is_empty()}>{ policy_terms }</option>
                        { for options.iter().map(|o| html! {
                            <option value={o.id.to_string()} selected={o.id.as_str() == d.payment_option.trim()}>
                                { format!("{} · {} {}", o.name.get(en), o.days, lang.t(Key::DaysUnit)) }
                            </option>
                        }) }
                    </select>
                    { messages(store, &Field::PaymentOption, "payment-option-error") }
                </div>
            }
            if terms || !d.expected_days.is_empty() {
                { field("expected-days", Key::ExpectedDays, &d.expected_days, "text", "numeric", Field::ExpectedDays) }
            }
            if overridable || !d.credit_override.is_empty() {
                { field("credit-override", Key::CreditOverrideCode, &d.credit_override, "text", "text", Field::CreditOverride) }
            }
        </fieldset>
    }
}

#[component]
fn ProductSearch() -> Html {
    let store = use_store();
    let lang = store.lang;
    let en = lang.is_en();
    let query = use_state(String::new);
    let highlight = use_state(|| 0usize);
    // ASCII case folding: SKUs and English names; Chinese has no case (and
    // the full Unicode tables would cost the wasm several kilobytes).
    let q = query.to_ascii_lowercase();
    let products = &store.policy.prepared.policy.products;
    let matches: Vec<_> = if q.trim().is_empty() {
        Vec::new()
    } else {
        products
            .iter()
            .filter(|p| {
                [
                    p.sku.as_str(),
                    p.name.zh.as_str(),
                    p.name.en.as_str(),
                    p.category.as_str(),
                ]
                .iter()
                .any(|s| s.to_ascii_lowercase().contains(q.trim()))
            })
            .take(8)
            .collect()
    };
    let add = {
        let dispatch = store.dispatcher();
        let query = query.clone();
        let highlight = highlight.clone();
        Callback::from(move |sku: String| {
            dispatch.dispatch(Action::AddLine(sku));
            query.set(String::new());
            highlight.set(0);
        })
    };
    let oninput = {
        let query = query.clone();
        let highlight = highlight.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            highlight.set(0);
        })
    };
    let skus: Vec<String> = matches.iter().map(|p| p.sku.to_string()).collect();
    let onkeydown = {
        let add = add.clone();
        let highlight = highlight.clone();
        let query = query.clone();
        let skus = skus.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if !skus.is_empty() => {
                e.prevent_default();
                highlight.set((*highlight + 1) % skus.len());
            }
            "ArrowUp" if !skus.is_empty() => {
                e.prevent_default();
                highlight.set((*highlight + skus.len() - 1) % skus.len());
            }
            "Enter" => {
                if let Some(sku) = skus.get(*highlight) {
                    e.prevent_default();
                    add.emit(sku.clone());
                }
            }
            "Escape" => query.set(String::new()),
            _ => {}
        })
    };
    let active = skus.get(*highlight).map(|s| format!("opt-{s}"));
    html! {
        <div class="search" role="search">
            <label for="product-search">{ lang.t(Key::AddProduct) }</label>
            <input id="product-search" type="search" value={(*query).clone()} placeholder={lang.t(Key::SearchPlaceholder)}
                {oninput} {onkeydown} role="combobox" aria-expanded={(!matches.is_empty()).to_string()}
                aria-controls="product-options" aria-activedescendant={active} autocomplete="off" data-testid="product-search" />
            if !q.trim().is_empty() {
                <ul id="product-options" role="listbox" class="options">
                    if matches.is_empty() {
                        <li class="none">{ lang.t(Key::NoMatches) }</li>
                    }
                    { for matches.iter().enumerate().map(|(i, p)| {
                        let sku = p.sku.to_string();
                        let onclick = add.reform(move |_: MouseEvent| sku.clone());
                        let price = crate::app::format::money(p.list_price.value(), store.policy.prepared.policy.currency.as_str());
                        html! {
                            <li id={format!("opt-{}", p.sku)} role="option" aria-selected={(i == *highlight).to_string()}
                                class={classes!((i == *highlight).then_some("active"))} {onclick} data-testid="product-option">
                                <code>{ p.sku.as_str() }</code>{ " " }{ p.name.get(en) }
                                <span class="muted">{ format!(" · {} · {}", p.category, price) }</span>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}

#[component]
fn LinesEditor() -> Html {
    let store = use_store();
    let lang = store.lang;
    let en = lang.is_en();
    let dispatch = store.dispatcher();
    // Stable callbacks (made once), so a line's props compare equal and an
    // edit elsewhere does not re-render it; the lines know no `Action`.
    let on_edit = {
        let dispatch = dispatch.clone();
        use_callback((), move |(key, lf, value): (u64, LineField, String), _| {
            dispatch.dispatch(Action::SetLine(key, lf, value))
        })
    };
    let on_remove = {
        let dispatch = dispatch.clone();
        use_callback((), move |key: u64, _| {
            dispatch.dispatch(Action::RemoveLine(key))
        })
    };
    if store.draft().lines.is_empty() {
        return html! { <p class="empty" data-testid="empty-order">{ lang.t(Key::EmptyOrder) }</p> };
    }
    html! {
        <div class="lines-editor">
            { for store.draft().lines.iter().enumerate().map(|(i, l)| {
                let product = store.policy.prepared.product(l.sku.trim());
                let messages: Vec<FieldMessage> = store
                    .messages()
                    .iter()
                    .filter(|m| matches!(m.field, Field::Line(k, _) if k == l.key))
                    .cloned()
                    .collect();
                html! {
                    <LineEditor key={l.key} index={i} line={l.clone()} {lang} {messages}
                        name={AttrValue::from(product.map_or(String::new(), |p| p.name.get(en).to_string()))}
                        multiple={product.map_or(1, |p| p.order_multiple.get())}
                        on_edit={on_edit.clone()} on_remove={on_remove.clone()} />
                }
            }) }
            <div class="line-actions">
                <button type="button" class="clear" onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ClearOrder))}>{ lang.t(Key::ClearOrder) }</button>
                <button type="button" data-testid="download-order" disabled={!store.messages().is_empty()} onclick={{
                    let store = store.clone();
                    // Built on click, not on every keystroke.
                    Callback::from(move |_: MouseEvent| {
                        if let Ok(order) = store.draft().to_order() {
                            if let Ok(text) = serde_json::to_string(&order) {
                                crate::app::browser::download(&format!("order-{}.json", order.date), &text);
                            }
                        }
                    })
                }}>{ lang.t(Key::DownloadOrder) }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LineProps {
    index: usize,
    line: DraftLine,
    name: AttrValue,
    multiple: u32,
    lang: Lang,
    /// Only this line's messages, so an edit elsewhere does not re-render it.
    messages: Vec<FieldMessage>,
    /// (line key, which input, the text now in it).
    on_edit: Callback<(u64, LineField, String)>,
    on_remove: Callback<u64>,
}

/// One order line's inputs; re-renders only when its own props change.
#[component]
fn LineEditor(props: &LineProps) -> Html {
    let LineProps {
        index: i,
        line: l,
        name,
        multiple,
        lang,
        messages,
        on_edit,
        on_remove,
    } = props;
    let (i, lang, key) = (*i, *lang, l.key);
    let onremove = on_remove.reform(move |_: MouseEvent| key);
    let cell = |lf: LineField, label: Key, value: &str, mode: &str, slug: &str| {
        let id = format!("line-{key}-{slug}");
        let err_id = format!("{id}-error");
        let mine: Vec<&FieldMessage> = messages
            .iter()
            .filter(|m| m.field == Field::Line(key, lf))
            .collect();
        let oninput = on_edit.reform(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            (key, lf, el.value())
        });
        html! {
            <div class={classes!("field", (!mine.is_empty()).then_some("invalid"))}>
                <label for={id.clone()}>{ lang.t(label) }</label>
                <input id={id} type="text" inputmode={mode.to_string()} value={value.to_string()} {oninput}
                    aria-invalid={(!mine.is_empty()).to_string()} aria-describedby={err_id.clone()} data-testid={format!("line-{i}-{slug}")} />
                { error_spans(lang, mine.into_iter(), &err_id) }
            </div>
        }
    };
    html! {
        <fieldset class="line">
            <legend>
                <span class="line-no">{ format!("{} {}", lang.t(Key::Line), i + 1) }</span>
                <code>{ l.sku.as_str() }</code>{ " " }{ name.as_str() }
                if *multiple > 1 { <span class="muted">{ format!(" · {} {}", lang.t(Key::MultipleOf), multiple) }</span> }
            </legend>
            { error_spans(lang, messages.iter().filter(|m| m.field == Field::Line(key, LineField::Sku)), &format!("line-{key}-sku-error")) }
            { cell(LineField::Qty, Key::Qty, &l.qty, "numeric", "qty") }
            { cell(LineField::Resale, Key::ResalePrice, &l.resale, "decimal", "resale") }
            { cell(LineField::Markup, Key::MarkupPct, &l.markup_pct, "decimal", "markup") }
            { cell(LineField::SpecialPrice, Key::SpecialPrice, &l.special_price, "decimal", "special") }
            { cell(LineField::Approval, Key::Approval, &l.approval, "text", "approval") }
            <button type="button" class="remove" onclick={onremove} aria-label={format!("{} {}", lang.t(Key::RemoveLine), i + 1)}>{ "✕ " }{ lang.t(Key::Remove) }</button>
        </fieldset>
    }
}
