//! Submitting the order: a confirmation with what matters (payable, credit
//! decision, prepayment, a note), the POST, and the vendor's answer — or
//! what went wrong, with the draft and the request kept for a retry with
//! the same request id, or a download. Without a `submit_url`, a download.

use super::use_store;
use crate::app::browser;
use crate::app::format::money;
use crate::app::i18n::{decision, fill, Key, Lang};
use crate::app::sending::{self, Outcome, TIMEOUT_SECONDS};
use crate::app::state::Action;
use crate::app::submission::{self, Answer};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Where a submission stands.
#[derive(Clone, PartialEq)]
enum Phase {
    Idle,
    Confirm,
    /// The request (id, JSON text) on its way.
    Sending(String, String),
    Answered(Answer),
    /// Nothing accepted it: why, and the very request to retry.
    Failed {
        why: String,
        details: Vec<String>,
        id: String,
        text: String,
    },
}

fn file_name(id: &str) -> String {
    format!("order-request-{id}.json")
}

#[component]
pub fn SubmitPanel() -> Html {
    let store = use_store();
    let lang = store.lang;
    let phase = use_state(|| Phase::Idle);
    let note = use_state(String::new);
    let scenario = store.scenario();
    let account = &store.account().account;
    let ready = submission::ready(scenario, account);
    let submit_url = store
        .policy
        .prepared
        .policy
        .submit_url
        .as_ref()
        .map(|u| u.as_str().to_string());
    // Hashes the whole order: worked out only while confirming.
    let request_id = matches!(*phase, Phase::Confirm)
        .then(|| submission::request_id(&store.policy.prepared, account, scenario))
        .unwrap_or_default();

    // Builds the request now (its created_at is this moment).
    let build = {
        let store = store.clone();
        let note = note.clone();
        move || {
            let account = &store.account().account;
            submission::request_text(
                &store.policy.prepared,
                account,
                store.scenario(),
                &note,
                &sending::now(),
            )
        }
    };
    let send = |url: String,
                id: String,
                text: String,
                phase: UseStateHandle<Phase>,
                store: super::Store,
                lang: Lang| {
        phase.set(Phase::Sending(id.clone(), text.clone()));
        wasm_bindgen_futures::spawn_local(async move {
            let failed = |why: String, details: Vec<String>| Phase::Failed {
                why,
                details,
                id: id.clone(),
                text: text.clone(),
            };
            let next = match sending::post(&url, &text).await {
                Outcome::Answered(status, body, message) => {
                    let a = submission::answer(status, &body, message.as_deref(), lang);
                    if (200..300).contains(&status) {
                        if a.accepted {
                            store.dispatch(Action::Submitted);
                        }
                        Phase::Answered(a)
                    } else {
                        failed(a.headline, a.details)
                    }
                }
                Outcome::TimedOut => failed(
                    fill(
                        Key::SubmitTimeout,
                        lang,
                        &[("seconds", &TIMEOUT_SECONDS.to_string())],
                    ),
                    Vec::new(),
                ),
                Outcome::Unreachable(error) => failed(
                    fill(Key::SubmitNetworkError, lang, &[("error", &error)]),
                    Vec::new(),
                ),
            };
            phase.set(next);
        });
    };

    let open_confirm = {
        let phase = phase.clone();
        Callback::from(move |_| phase.set(Phase::Confirm))
    };
    let cancel = {
        let phase = phase.clone();
        Callback::from(move |_| phase.set(Phase::Idle))
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            note.set(t.value());
        })
    };
    let confirm = {
        let (phase, store, build, url) = (
            phase.clone(),
            store.clone(),
            build.clone(),
            submit_url.clone(),
        );
        Callback::from(move |_| {
            let Some(url) = url.clone() else { return };
            match build() {
                Ok((id, text)) => send(url, id, text, phase.clone(), store.clone(), lang),
                Err(e) => phase.set(Phase::Failed {
                    why: lang.t(e.key()).to_string(),
                    details: Vec::new(),
                    id: String::new(),
                    text: String::new(),
                }),
            }
        })
    };
    let download_now = {
        let build = build.clone();
        Callback::from(move |_| {
            if let Ok((id, text)) = build() {
                browser::download(&file_name(&id), &text);
            }
        })
    };

    let q = scenario.quote.clone();
    let blocked = ready.err().map(|r| lang.t(r.key()));
    html! {
        <section class="panel submit no-print" id="submit" data-testid="submit-panel" aria-labelledby="submit-heading">
            <h3 id="submit-heading">{ lang.t(Key::SubmitOrder) }</h3>
            if let Some(why) = blocked {
                <p class="muted" data-testid="submit-blocked">{ why }</p>
            }
            if submit_url.is_none() {
                <p class="muted" data-testid="submit-download-only">{ lang.t(Key::SubmitDownloadOnly) }</p>
            }
            <div class="actions">
                if submit_url.is_some() {
                    <button type="button" class="primary" data-testid="submit-order"
                        disabled={blocked.is_some() || matches!(*phase, Phase::Sending(..))}
                        onclick={open_confirm}>{ lang.t(Key::SubmitOrder) }</button>
                }
                <button type="button" data-testid="download-request" disabled={blocked.is_some()}
                    onclick={download_now}>{ lang.t(Key::DownloadRequest) }</button>
            </div>
            { match (&*phase, &q, &submit_url) {
                (Phase::Confirm, Some(q), Some(url)) => html! {
                    <div class="confirm" role="dialog" aria-labelledby="confirm-heading" data-testid="submit-confirm">
                        <h4 id="confirm-heading">{ lang.t(Key::SubmitConfirmTitle) }</h4>
                        <p>{ fill(Key::SubmitConfirmIntro, lang, &[("id", &request_id), ("url", url)]) }</p>
                        <dl>
                            <div class="row strong"><dt>{ lang.t(Key::Payable) }</dt><dd class="num" data-testid="confirm-payable">{ money(q.totals.payable, &q.currency) }</dd></div>
                            <div class="row"><dt>{ lang.t(Key::ScenarioCredit) }</dt><dd data-testid="confirm-credit">{ lang.t(decision(q.credit.decision)) }</dd></div>
                            <div class="row"><dt>{ lang.t(Key::ScenarioPrepayment) }</dt><dd class="num" data-testid="confirm-prepayment">{ money(q.credit.required_prepayment, &q.currency) }</dd></div>
                        </dl>
                        <label>{ lang.t(Key::SubmitNote) }
                            <textarea maxlength="500" rows="2" data-testid="submit-note" value={(*note).clone()} oninput={on_note} />
                        </label>
                        <p class="muted">{ lang.t(Key::SubmitOnClick) }</p>
                        <div class="actions">
                            <button type="button" class="primary" data-testid="submit-send" onclick={confirm}>{ lang.t(Key::SubmitSend) }</button>
                            <button type="button" data-testid="submit-cancel" onclick={cancel}>{ lang.t(Key::SubmitCancel) }</button>
                        </div>
                    </div>
                },
                (Phase::Sending(..), _, _) => html! {
                    <p role="status" data-testid="submit-sending">{ lang.t(Key::SubmitSending) }</p>
                },
                (Phase::Answered(a), _, _) => html! {
                    <div role="status" class={classes!("answer", if a.accepted { "ok" } else { "warn" })} data-testid="submit-answer">
                        <p><strong>{ if a.accepted { "✔ " } else { "⚠ " } }{ a.headline.as_str() }</strong></p>
                        { for a.details.iter().map(|d| html! { <p class="muted">{ d.as_str() }</p> }) }
                    </div>
                },
                (Phase::Failed { why, details, id, text }, _, url) => {
                    let retry = {
                        let (phase, store, url, id, text) = (phase.clone(), store.clone(), url.clone(), id.clone(), text.clone());
                        Callback::from(move |_| {
                            if let Some(url) = url.clone() {
                                send(url, id.clone(), text.clone(), phase.clone(), store.clone(), lang);
                            }
                        })
                    };
                    let download = {
                        let (id, text) = (id.clone(), text.clone());
                        Callback::from(move |_| browser::download(&file_name(&id), &text))
                    };
                    html! {
                        <div role="alert" class="answer bad" data-testid="submit-error">
                            <p><strong>{ "✖ " }{ why.as_str() }</strong></p>
                            { for details.iter().map(|d| html! { <p class="muted">{ d.as_str() }</p> }) }
                            if !text.is_empty() {
                                <p>{ lang.t(Key::SubmitDraftKept) }</p>
                                <div class="actions">
                                    <button type="button" data-testid="submit-retry" onclick={retry}>{ lang.t(Key::SubmitRetry) }</button>
                                    <button type="button" data-testid="submit-error-download" onclick={download}>{ lang.t(Key::DownloadRequest) }</button>
                                </div>
                            }
                        </div>
                    }
                }
                _ => html! {},
            } }
        </section>
    }
}
