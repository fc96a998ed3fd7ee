//! The root: owns the state, restores and autosaves the session, loads
//! `?policy=&account=` URLs, keeps the mode and the URL hash (`#plan`) in
//! step, and lays out the page: the order calculator or the plan studio.

use super::header::Header;
use super::order_entry::OrderEntry;
use super::panels::{CreditPanel, MarginPanel, RebatePanel};
use super::plan_studio::PlanStudio;
use super::quotation::{QuotationActions, QuotationDocument}; // quotation (issue 8)
use super::quote_lines::{QuoteLines, TotalsPanel};
use super::saved_quotes::SavedQuotes; // saved quotes & share link (issue 8)
use super::scenarios::{ScenarioBar, ScenarioComparison};
use super::submit::SubmitPanel;
use super::v2_panels::{MarkupPanel, OrderPromotionsPanel};
use super::Store;
use crate::app::browser;
use crate::app::i18n::Key;
use crate::app::scenario_view;
use crate::app::state::{Action, AppState, Mode};
use crate::app::storage;
use crate::app::v2_view;
use crate::app::view_model;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let initial = AppState::demo_with_sample(browser::preferred_lang(), &browser::today());
        let s = storage::restore(
            initial,
            browser::load(storage::SESSION_KEY).as_deref(),
            browser::load(storage::FILES_KEY).as_deref(),
        );
        let mut s = storage::restore_chain(s, browser::load(storage::CHAIN_KEY).as_deref());
        s.mode = Mode::from_hash(&browser::hash());
        s
    });
    {
        // The chain's files and choices, saved when they change.
        let state = state.clone();
        use_effect_with(state.chain.generation, move |_| {
            if !browser::save(storage::CHAIN_KEY, &storage::save_chain(&state)) {
                state.dispatch(Action::Notice(Key::StorageUnavailable));
            }
        });
    }
    {
        // A link, back or forward changed the hash: the mode follows.
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = browser::on_hash_change(Callback::from(move |hash: String| {
                dispatch.dispatch(Action::SetMode(Mode::from_hash(&hash)))
            }));
            move || drop(listener)
        });
    }
    // The mode changed otherwise (a plan file opened): the hash follows.
    use_effect_with(state.mode, |mode| {
        if Mode::from_hash(&browser::hash()) != *mode {
            browser::set_hash(mode.hash());
        }
    });
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
    let lang = state.lang;
    // Made once, so components given it keep equal props.
    let on_action = {
        let dispatch = state.dispatcher();
        use_callback((), move |a: Action, _| dispatch.dispatch(a))
    };
    use_effect_with(lang, |lang| browser::set_document_language(*lang));
    html! {
        <ContextProvider<Store> context={state.clone()}>
            <Header {lang} mode={state.mode} policy={super::Shared(state.policy.clone())} accounts={state.accounts.clone()}
                active={state.active} order_date={AttrValue::from(state.draft().date.clone())}
                load_failures={Rc::new(state.load_failures.clone())} notices={Rc::new(state.notices.clone())}
                on_action={on_action.clone()} />
            if state.mode == Mode::Plan {
                <PlanStudio />
            } else if state.mode == Mode::Chain {
                <super::chain::ChainView />
            } else {
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
                            account={super::Shared(state.accounts.get(state.active).unwrap_or(&state.accounts[0]).clone())}
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
                        <SubmitPanel />
                    </section>
                </main>
            }
            // --- quotation (issue 8): hidden on screen, the only thing printed
            // from the order calculator. A child of <body>, outside <main>:
            // styles/print.css hides every other child when it is there. ---
            if let (Mode::Order, Some(q)) = (state.mode, state.quote().clone()) {
                <QuotationDocument {lang} quote={super::Shared(q)} policy={super::Shared(state.policy.clone())}
                    account={super::Shared(state.accounts.get(state.active).unwrap_or(&state.accounts[0]).clone())}
                    order_date={AttrValue::from(state.draft().date.clone())}
                    scenario={super::Shared(current_scenario(&state))}
                    stale={!state.messages().is_empty()} />
            }
            // --- end quotation ---
        </ContextProvider<Store>>
    }
}

// --- quotation (issue 8) ---
/// The scenario being edited, shared.
fn current_scenario(state: &AppState) -> Rc<crate::app::scenario::Scenario> {
    state.scenarios[state.current.min(state.scenarios.len() - 1)].clone()
}
// --- end quotation ---
