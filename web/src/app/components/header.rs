//! The header: the switch between the order calculator and the business
//! plan studio, which policy (and, for a quote, which partner) is in use,
//! the language switch, opening files (picker or drop), and load problems
//! in place.

use super::Shared;
use crate::app::browser;
use crate::app::i18n::{Key, Lang};
use crate::app::loaded::{LoadedAccount, LoadedPolicy, Source};
use crate::app::state::{Action, LoadFailure, Mode};
use crate::engine::fields::NonEmpty;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Only what the header shows: an edit to an order line leaves all of it
/// equal, so the header does not re-render.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub mode: Mode,
    pub policy: Shared<LoadedPolicy>,
    pub accounts: NonEmpty<Rc<LoadedAccount>>,
    pub active: usize,
    /// Printed on the quote.
    pub order_date: AttrValue,
    pub load_failures: Rc<Vec<LoadFailure>>,
    pub notices: Rc<Vec<Key>>,
    /// Every change the header asks for.
    pub on_action: Callback<Action>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let en = lang.is_en();
    let p = &props.policy.prepared;
    let emit = props.on_action.clone();
    let arrived = emit.reform(super::arrivals_action);

    let on_files = {
        let arrived = arrived.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                browser::read_files(files, arrived.clone());
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let arrived = arrived.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                browser::read_files(files, arrived.clone());
            }
        })
    };
    let on_select = {
        let emit = emit.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse() {
                emit.emit(Action::SelectAccount(i));
            }
        })
    };
    let other = if en { Lang::Zh } else { Lang::En };
    let on_lang = emit.reform(move |_: MouseEvent| Action::SetLang(other));
    // The plan prints as it is; a quote prints as the quotation, which has
    // a page of its own.
    let mode = props.mode;
    let on_print = Callback::from(move |_: MouseEvent| {
        if mode == Mode::Order {
            crate::app::browser::go_to(super::quotation::QUOTATION_PAGE);
        } else if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let account = &props
        .accounts
        .get(props.active)
        .unwrap_or(&props.accounts[0])
        .account;
    let level_name = p
        .level(account.level.as_str())
        .map_or(account.level.to_string(), |l| l.name.get(en).to_string());
    let plan_mode = props.mode == Mode::Plan;
    // Links to the pages: each mode is a page (and a wasm bundle) of its own.
    let mode_link = |mode: Mode, key: Key, testid: &'static str| {
        let current = props.mode == mode;
        html! {
            <a href={mode.page()} class={classes!("mode", current.then_some("current"))}
                aria-current={current.then_some("page")} data-testid={testid}>{ lang.t(key) }</a>
        }
    };
    let source = match &props.policy.source {
        Source::Demo => lang.t(Key::SourceDemo).to_string(),
        Source::File(name) => name.clone(),
    };

    html! {
        <header class="top" ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
            <div class="brand">
                <h1>{ lang.t(Key::AppTitle) }</h1>
                <p class="tagline">{ lang.t(Key::AppTagline) }</p>
            </div>
            <nav class="modes no-print" aria-label={lang.t(Key::ModeNav)}>
                { mode_link(Mode::Order, Key::ModeOrder, "mode-order") }
                { mode_link(Mode::Plan, Key::ModePlan, "mode-plan") }
                { mode_link(Mode::Chain, Key::ModeChain, "mode-chain") }
            </nav>
            <div class="tools no-print">
                <button type="button" class="lang" onclick={on_lang} data-testid="lang-switch"
                    aria-label={format!("{}: {}", lang.t(Key::Language), lang.t(Key::SwitchToOther))}>
                    { lang.t(Key::SwitchToOther) }
                </button>
                <button type="button" onclick={on_print}>{ lang.t(if plan_mode { Key::PrintPlan } else { Key::PrintQuote }) }</button>
            </div>
            if props.policy.source == Source::Demo {
                <p class="demo" role="note" data-testid="demo-notice"><strong class="badge demo-badge">{ lang.t(Key::DemoBadge) }</strong>{ " " }{ lang.t(Key::DemoNotice) }</p>
            }
            <dl class="facts" data-testid="policy-facts">
                <div><dt>{ lang.t(Key::Policy) }</dt><dd data-testid="policy-name">{ p.policy.name.get(en) }</dd></div>
                <div><dt>{ lang.t(Key::Version) }</dt><dd data-testid="policy-version">{ p.policy.version.as_str() }</dd></div>
                <div><dt>{ lang.t(Key::Hash) }</dt><dd class="hash" title={p.hash.clone()}>{ &p.hash[..12] }{ "…" }</dd></div>
                <div><dt>{ lang.t(Key::LoadedFrom) }</dt><dd>{ source }</dd></div>
                if !plan_mode {
                    <div>
                        <dt><label for="partner">{ lang.t(Key::Partner) }</label></dt>
                        <dd>
                            <span class="print-only">{ format!("{} · {}", account.name, account.partner_id) }</span>
                            <select id="partner" class="no-print" onchange={on_select} data-testid="partner">
                                { for props.accounts.iter().enumerate().map(|(i, a)| {
                                    let tag = if a.source == Source::Demo { format!(" ({})", lang.t(Key::DemoBadge)) } else { String::new() };
                                    html! { <option value={i.to_string()} selected={i == props.active}>{ format!("{} · {}{}", a.account.name, a.account.partner_id, tag) }</option> }
                                }) }
                            </select>
                        </dd>
                    </div>
                    <div><dt>{ lang.t(Key::Level) }</dt><dd data-testid="partner-level">{ level_name }</dd></div>
                    <div class="print-only"><dt>{ lang.t(Key::OrderDate) }</dt><dd>{ props.order_date.as_str() }</dd></div>
                }
            </dl>
            <div class="loader no-print">
                <label class="file">
                    { format!("{} / {} / {} / {}", lang.t(Key::OpenPolicy), lang.t(Key::OpenAccount), lang.t(Key::OpenOrder), lang.t(Key::OpenPlan)) }
                    <input type="file" accept=".json,application/json" multiple=true onchange={on_files} data-testid="file-input" />
                </label>
                <span class="hint">{ lang.t(Key::DropHint) }{ " · " }{ lang.t(Key::OpenFilesHint) }</span>
            </div>
            if !props.load_failures.is_empty() {
                <div class="alert error" role="alert" data-testid="load-errors">
                    <strong>{ "✖ " }{ lang.t(Key::LoadFailed) }</strong>
                    { for props.load_failures.iter().map(|f| html! {
                        <div>
                            <p class="source">{ &f.source }</p>
                            <ul>{ for f.problems.iter().map(|p| html! {
                                <li><code>{ p.location() }</code>{ ": " }{ lang.pick(&p.zh, &p.en) }</li>
                            }) }</ul>
                        </div>
                    }) }
                    <button type="button" onclick={emit.reform(|_: MouseEvent| Action::DismissFailures)}>{ lang.t(Key::Dismiss) }</button>
                </div>
            }
            if !props.notices.is_empty() {
                <div class="alert info" role="status" data-testid="notices">
                    <ul>{ for props.notices.iter().map(|k| html! { <li>{ "ℹ " }{ lang.t(*k) }</li> }) }</ul>
                    <button type="button" onclick={emit.reform(|_: MouseEvent| Action::DismissNotices)}>{ lang.t(Key::Dismiss) }</button>
                </div>
            }
        </header>
    }
}
