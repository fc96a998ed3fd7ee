//! The roots of the three pages — the partner's order calculator
//! (`index.html`), the sales staff's plan studio (`plan.html`) and the
//! channel chain (`chain.html`) — each its own wasm bundle, so a partner
//! downloads the calculator only. Every page owns the whole state through
//! [`use_app`]: it restores and autosaves the session, loads
//! `?policy=&account=` URLs, and when an action asks for another page (a
//! plan file opened on the calculator, a plan period opened as an order)
//! saves everything and goes there; the page there restores it.

use super::header::Header;
use super::order_entry::OrderEntry;
use super::panels::{CreditPanel, MarginPanel, RebatePanel};
use super::quotation::{QuotationActions, QuotationDocument}; // quotation (issue 8)
use super::quote_lines::{QuoteLines, TotalsPanel};
use super::saved_quotes::SavedQuotes; // saved quotes & share link (issue 8)
use super::scenarios::{ScenarioBar, ScenarioComparison};
use super::submit::SubmitPanel;
use super::v2_panels::{MarkupPanel, OrderPromotionsPanel};
use super::Store;
use crate::app::browser;
use crate::app::i18n::Key;
use crate::app::i18n::Lang;
use crate::app::scenario_view;
use crate::app::state::{Action, AppState, Mode};
use crate::app::storage;
use crate::app::stored;
use crate::app::v2_view;
use crate::app::view_model;
use std::rc::Rc;
use yew::prelude::*;

/// The state of a page showing `page`: made from the demo and what the
/// browser kept, saved on every change, and handed to the page of another
/// mode (saved first) when an action switches to it.
#[yew::hook]
pub fn use_app(page: Mode) -> Store {
    let state = use_reducer(move || {
        let initial = AppState::demo_with_sample(browser::preferred_lang(), &browser::today());
        let s = storage::restore(
            initial,
            browser::load(storage::SESSION_KEY).as_deref(),
            browser::load(storage::FILES_KEY).as_deref(),
        );
        #[cfg(feature = "chain")]
        let s = storage::restore_chain(s, browser::load(storage::CHAIN_KEY).as_deref());
        #[cfg(feature = "studio")]
        let s = restore_studio(s);
        let mut s = s;
        s.mode = page;
        s
    });
    #[cfg(feature = "chain")]
    {
        // The chain's files and choices, saved when they change.
        let state = state.clone();
        use_effect_with(state.chain.generation, move |_| {
            if !browser::save(storage::CHAIN_KEY, &storage::save_chain(&state)) {
                state.dispatch(Action::Notice(Key::StorageUnavailable));
            }
        });
    }
    #[cfg(feature = "studio")]
    {
        // The studio's plan in progress, saved when it changes.
        let plan = storage::save_plan(&state);
        let dispatch = state.dispatcher();
        use_effect_with(plan, move |text| {
            if !browser::save(storage::PLAN_KEY, text) {
                dispatch.dispatch(Action::Notice(Key::StorageUnavailable));
            }
        });
    }
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            browser::load_url_params(Callback::from(move |a| {
                dispatch.dispatch(super::arrivals_action(a))
            }))
        });
    }
    {
        let session = storage::save_session(&state);
        let dispatch = state.dispatcher();
        use_effect_with(session, move |text| {
            if !browser::save(storage::SESSION_KEY, text) {
                dispatch.dispatch(Action::Notice(Key::StorageUnavailable));
            }
        });
    }
    {
        // Files change rarely and can be large: save them only when the
        // policy or the set of accounts changes, not on every keystroke.
        let files_changed = state.files_generation;
        let state = state.clone();
        use_effect_with(files_changed, move |_| {
            if !browser::save(storage::FILES_KEY, &storage::save_files(&state)) {
                state.dispatch(Action::Notice(Key::StorageUnavailable));
            }
        });
    }
    {
        let has_quote = state.quote().is_some();
        let marked = use_mut_ref(|| false);
        use_effect(move || {
            if has_quote && !*marked.borrow() {
                *marked.borrow_mut() = true;
                browser::mark("first-quote");
            }
        });
    }
    use_effect_with(state.lang, |lang| browser::set_document_language(*lang));
    {
        // Another page was asked for: everything is saved (again, in case
        // an autosave above failed or has not run), then the browser goes
        // there; that page restores the state from what was saved.
        let state = state.clone();
        use_effect_with(state.mode, move |mode| {
            if *mode != page {
                let _ = browser::save(storage::SESSION_KEY, &storage::save_session(&state))
                    && browser::save(storage::FILES_KEY, &storage::save_files(&state));
                #[cfg(feature = "chain")]
                let _ = browser::save(storage::CHAIN_KEY, &storage::save_chain(&state));
                #[cfg(feature = "studio")]
                let _ = browser::save(storage::PLAN_KEY, &storage::save_plan(&state));
                #[cfg(not(feature = "studio"))]
                if let Some(opened) = &state.plan_inbox {
                    let _ = browser::save(storage::PLAN_INBOX_KEY, &stored::to_text(opened));
                }
                browser::go_to(mode.page());
            }
        });
    }
    state
}

/// The studio's plan as the browser kept it (sessions saved before it had
/// a key of its own kept it in the session), then a plan file opened on
/// another page, handed over once.
#[cfg(feature = "studio")]
fn restore_studio(s: AppState) -> AppState {
    use yew::Reducible;
    let kept = browser::load(storage::PLAN_KEY).or_else(|| browser::load(storage::SESSION_KEY));
    let s = storage::restore_plan(s, kept.as_deref());
    let Some(text) = browser::load(storage::PLAN_INBOX_KEY) else {
        return s;
    };
    browser::remove(storage::PLAN_INBOX_KEY);
    match stored::from_text::<(String, String)>(&text) {
        Some((name, text)) => {
            let bytes = text.into_bytes();
            (*Rc::new(s).reduce(Action::FileLoaded { name, bytes })).clone()
        }
        None => s,
    }
}

/// The actions of the page's components, made once so props holding it
/// stay equal.
#[yew::hook]
fn use_on_action(state: &Store) -> Callback<Action> {
    let dispatch = state.dispatcher();
    use_callback((), move |a: Action, _| dispatch.dispatch(a))
}

/// What every page shows first: the title, the pages, the policy and the
/// partner, problems and notices.
fn header(state: &Store, on_action: &Callback<Action>) -> Html {
    html! {
        <Header lang={state.lang} mode={state.mode} policy={super::Shared(state.policy.clone())} accounts={state.accounts.clone()}
            active={state.active} order_date={AttrValue::from(state.draft().date.clone())}
            load_failures={Rc::new(state.load_failures.clone())} notices={Rc::new(state.notices.clone())}
            on_action={on_action.clone()} />
    }
}

/// The quotation (`quotation.html`, 报价单) of the scenario being edited on
/// the calculator — on screen as an A4 sheet, printed alone — and its
/// submission (the confirmation, the POST, the vendor's answer, or the
/// request to download): what the partner signs off is what is sent. A
/// page of its own, so the calculator's bundle carries neither.
#[component]
pub fn QuotationApp() -> Html {
    let state = use_app(Mode::Order);
    let lang = state.lang;
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let other = if lang.is_en() { Lang::Zh } else { Lang::En };
    let on_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetLang(other)))
    };
    html! {
        <ContextProvider<Store> context={state.clone()}>
            <nav class="quotation-tools no-print" aria-label={lang.t(Key::PrintQuote)}>
                <a href={Mode::Order.page()} data-testid="quotation-back">{ "← " }{ lang.t(Key::BackToOrder) }</a>
                <button type="button" class="lang" onclick={on_lang} data-testid="lang-switch">{ lang.t(Key::SwitchToOther) }</button>
                <button type="button" class="primary" onclick={on_print} disabled={state.quote().is_none()}
                    data-testid="quotation-print">{ lang.t(Key::PrintQuote) }</button>
            </nav>
            // Submitted from here, beside what is submitted.
            <SubmitPanel />
            // A child of <body>: styles/print.css prints it alone.
            if let Some(q) = state.quote().clone() {
                <QuotationDocument {lang} quote={super::Shared(q)} policy={super::Shared(state.policy.clone())}
                    account={super::Shared(state.account_rc())}
                    order_date={AttrValue::from(state.draft().date.clone())}
                    scenario={super::Shared(current_scenario(&state))}
                    stale={!state.messages().is_empty()} />
            } else {
                <p class="muted quotation-none" data-testid="no-quote">{ lang.t(Key::NoQuoteYet) }</p>
            }
        </ContextProvider<Store>>
    }
}

/// The sales staff's plan studio (`plan.html`).
#[cfg(feature = "studio")]
#[component]
pub fn StudioApp() -> Html {
    let state = use_app(Mode::Plan);
    let on_action = use_on_action(&state);
    html! {
        <ContextProvider<Store> context={state.clone()}>
            { header(&state, &on_action) }
            <super::plan_studio::PlanStudio />
        </ContextProvider<Store>>
    }
}

/// The channel chain (`chain.html`).
#[cfg(feature = "chain")]
#[component]
pub fn ChainApp() -> Html {
    let state = use_app(Mode::Chain);
    let on_action = use_on_action(&state);
    html! {
        <ContextProvider<Store> context={state.clone()}>
            { header(&state, &on_action) }
            <super::chain::ChainView />
        </ContextProvider<Store>>
    }
}

/// The partner's order calculator (`index.html`).
#[component]
pub fn DeskApp() -> Html {
    let state = use_app(Mode::Order);
    let on_action = use_on_action(&state);
    let lang = state.lang;
    html! {
        <ContextProvider<Store> context={state.clone()}>
            { header(&state, &on_action) }
                <main class="layout">
                    <section class="order" aria-labelledby="order-heading">
                        <h2 id="order-heading">{ lang.t(Key::OrderSection) }</h2>
                        // --- saved quotes & share link (issue 8): save, open, share; reads #share= ---
                        <SavedQuotes />
                        // --- end saved quotes & share link ---
                        <ScenarioBar />
                        <OrderEntry />
                    </section>
                    <section class="results" aria-labelledby="results-heading">
                        <h2 id="results-heading">{ lang.t(Key::ResultsSection) }</h2>
                        // Screen readers hear the outcome of each change, not the whole page.
                        <p class="sr-only" aria-live="polite" data-testid="live-summary">{ view_model::live_summary(state.quote().as_deref(), !state.messages().is_empty(), lang) }</p>
                        if !state.messages().is_empty() && state.quote().is_some() {
                            <p class="stale" role="status" data-testid="stale">{ "⚠ " }{ lang.t(Key::StaleQuote) }</p>
                        }
                        if state.scenarios.len() > 1 {
                            <ScenarioComparison {lang} on_action={on_action.clone()}
                                view={Rc::new(scenario_view::compare(&state.scenarios, state.current, &state.policy.prepared, &state.account().account, lang))} />
                        }
                        if state.quote().is_none() {
                            <p class="muted" data-testid="no-quote">{ lang.t(Key::NoQuoteYet) }</p>
                        }
                        <QuoteLines />
                        <TotalsPanel />
                        if let Some(q) = state.quote().as_deref() {
                            <OrderPromotionsPanel {lang} views={Rc::new(v2_view::promotions(q, &state.policy.prepared, lang))} on_action={on_action.clone()} />
                        }
                        // --- quotation (issue 8): print it, export the quote as CSV ---
                        <QuotationActions {lang} scenario={super::Shared(current_scenario(&state))}
                            account={super::Shared(state.account_rc())}
                            policy={super::Shared(state.policy.clone())}
                            quote={state.quote().clone().filter(|_| state.messages().is_empty()).map(super::Shared)} />
                        // --- end quotation ---
                        if let Some(q) = state.quote().as_deref() {
                            <div class="panels">
                                <RebatePanel {lang} views={Rc::new(view_model::rebates(q, &state.policy.prepared, lang))} on_action={on_action.clone()} />
                                <CreditPanel {lang} view={Rc::new(view_model::credit(q, &state.policy.prepared, lang))} />
                                <MarginPanel {lang} view={Rc::new(view_model::margin(q, lang))} />
                                if let Some(body) = v2_view::payment(q, &state.policy.prepared, lang) {
                                    <MarkupPanel title={lang.t(Key::Payment)} testid="payment" body={AttrValue::from(body)} />
                                }
                                if let Some(body) = v2_view::rebate_credit(q, lang) {
                                    <MarkupPanel title={lang.t(Key::RebateCreditLines)} testid="rebate-credit" body={AttrValue::from(body)} />
                                }
                            </div>
                        }
                    </section>
                </main>
        </ContextProvider<Store>>
    }
}

// --- quotation (issue 8) ---
/// The scenario being edited, shared.
fn current_scenario(state: &AppState) -> Rc<crate::app::scenario::Scenario> {
    state.scenarios[state.current.min(state.scenarios.len() - 1)].clone()
}
// --- end quotation ---
