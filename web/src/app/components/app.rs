//! The root: owns the state, restores and autosaves the session, loads
//! `?policy=&account=` URLs, and lays out the page.

use super::header::Header;
use super::order_entry::OrderEntry;
use super::panels::{CreditPanel, MarginPanel, RebatePanel};
use super::quote_lines::{QuoteLines, TotalsPanel};
use super::Store;
use crate::app::browser;
use crate::app::i18n::Key;
use crate::app::state::{Action, AppState};
use crate::app::storage;
use yew::prelude::*;

fn live_summary(state: &AppState) -> String {
    let lang = state.lang;
    match &state.quote {
        Some(q) if state.messages.is_empty() => format!(
            "{} {}; {}: {}",
            lang.t(Key::Payable),
            crate::app::format::money(q.totals.payable, &q.currency),
            lang.t(Key::Credit),
            lang.t(crate::app::i18n::decision(q.credit.decision)),
        ),
        Some(_) => lang.t(Key::StaleQuote).to_string(),
        None => lang.t(Key::NoQuoteYet).to_string(),
    }
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let initial = AppState::demo_with_sample(browser::preferred_lang(), &browser::today());
        storage::restore(
            initial,
            browser::load(storage::SESSION_KEY).as_deref(),
            browser::load(storage::FILES_KEY).as_deref(),
        )
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            browser::load_url_params(Callback::from(move |a| dispatch.dispatch(a)))
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
        let has_quote = state.quote.is_some();
        let marked = use_mut_ref(|| false);
        use_effect(move || {
            if has_quote && !*marked.borrow() {
                *marked.borrow_mut() = true;
                browser::mark("first-quote");
            }
        });
    }
    let lang = state.lang;
    use_effect_with(lang, |lang| browser::set_document_language(*lang));
    html! {
        <ContextProvider<Store> context={state.clone()}>
            <Header />
            <main class="layout">
                <section class="order" aria-labelledby="order-heading">
                    <h2 id="order-heading">{ lang.t(Key::OrderSection) }</h2>
                    <OrderEntry />
                </section>
                <section class="results" aria-labelledby="results-heading">
                    <h2 id="results-heading">{ lang.t(Key::ResultsSection) }</h2>
                    // Screen readers hear the outcome of each change, not the whole page.
                    <p class="sr-only" aria-live="polite" data-testid="live-summary">{ live_summary(&state) }</p>
                    if !state.messages.is_empty() && state.quote.is_some() {
                        <p class="stale" role="status" data-testid="stale">{ "⚠ " }{ lang.t(Key::StaleQuote) }</p>
                    }
                    if state.quote.is_none() {
                        <p class="muted" data-testid="no-quote">{ lang.t(Key::NoQuoteYet) }</p>
                    }
                    <QuoteLines />
                    <TotalsPanel />
                    <div class="panels">
                        <RebatePanel />
                        <CreditPanel />
                        <MarginPanel />
                    </div>
                </section>
            </main>
        </ContextProvider<Store>>
    }
}
