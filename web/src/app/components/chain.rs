//! The channel chain view (渠道链 / Channel chain, `#chain`): pick the
//! distributor and the reseller, open the distributor's files, and read how
//! the order being edited splits between the three tiers.

use super::use_store;
use crate::app::browser::{self, Arrival};
use crate::app::chain_view;
use crate::app::i18n::Key;
use crate::app::loaded::Source;
use crate::app::state::Action;
use crate::engine::chain::{chain_quote, ChainInputs};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[component]
pub fn ChainView() -> Html {
    let store = use_store();
    let lang = store.lang;
    let en = lang.is_en();
    let dispatch = store.dispatcher();
    let chain = &store.chain;
    let vendor = &store.policy.prepared;
    // The vendor's distributor level: the one named so, else the first.
    let dist_level = vendor
        .policy
        .levels
        .iter()
        .find(|l| l.id.as_str() == "distributor")
        .unwrap_or(&vendor.policy.levels[0])
        .id
        .to_string();
    let distributor = chain.distributor_of(&store.accounts, &dist_level, store.active);
    let reseller = chain.reseller();
    let body = match store.draft().to_order() {
        Err(_) => chain_view::problems(
            &[crate::engine::Problem::new(
                crate::engine::Document::Order,
                crate::engine::problem::JsonPath::root(),
                "needs_order",
                store.lang.t(Key::NoQuoteYet),
                store.lang.t(Key::NoQuoteYet),
            )],
            lang,
        ),
        Ok(order) => {
            let inputs = ChainInputs {
                vendor_policy: vendor,
                distributor_account: &store.accounts[distributor].account,
                distributor_policy: &chain.distributor_policy.prepared,
                reseller_account: &reseller.account,
                order: &order,
                distributor_order: None,
            };
            match chain_quote(&inputs) {
                Ok(q) => chain_view::chain(&q, lang),
                Err(problems) => chain_view::problems(&problems, lang),
            }
        }
    };
    let on_distributor = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse() {
                dispatch.dispatch(Action::SelectDistributor(i));
            }
        })
    };
    let on_reseller = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse() {
                dispatch.dispatch(Action::SelectReseller(i));
            }
        })
    };
    let on_files = {
        let arrived = Callback::from(move |arrivals: Vec<Arrival>| {
            let files = arrivals
                .into_iter()
                .filter_map(|a| match a {
                    Arrival::Bytes { name, bytes } => Some((name, bytes)),
                    Arrival::Unreadable { .. } => None,
                })
                .collect();
            dispatch.dispatch(Action::ChainFilesOpened(files));
        });
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                browser::read_files(files, arrived.clone());
            }
            input.set_value("");
        })
    };
    let source = |s: &Source| match s {
        Source::Demo => format!(" ({})", lang.t(Key::DemoBadge)),
        Source::File(name) => format!(" · {name}"),
    };
    let dp = &chain.distributor_policy;
    html! {
        <main class="chain" data-testid="chain-view">
            <h2>{ lang.t(Key::ModeChain) }</h2>
            <p class="muted">{ lang.t(Key::ChainIntro) }</p>
            <div class="chain-setup order-fields">
                <label>{ lang.t(Key::ChainDistributorAccount) }
                    <select data-testid="chain-distributor" onchange={on_distributor}>
                        { for store.accounts.iter().enumerate().map(|(i, a)| html! {
                            <option value={i.to_string()} selected={i == distributor}>{ format!("{} · {} · {}", a.account.name, a.account.partner_id, a.account.level) }</option>
                        }) }
                    </select>
                </label>
                <p data-testid="chain-distributor-policy">{ lang.t(Key::ChainDistributorPolicy) }{ ": " }
                    <strong>{ dp.prepared.policy.name.get(en) }</strong>{ format!(" {}{}", dp.prepared.policy.version, source(&dp.source)) }</p>
                <label>{ lang.t(Key::ChainResellerAccount) }
                    <select data-testid="chain-reseller" onchange={on_reseller}>
                        { for chain.resellers.iter().enumerate().map(|(i, r)| html! {
                            <option value={i.to_string()} selected={i == chain.reseller}>{ format!("{} · {} · {}{}", r.account.name, r.account.partner_id, r.account.level, source(&r.source)) }</option>
                        }) }
                    </select>
                </label>
                <label class="file">{ lang.t(Key::ChainOpenFiles) }
                    <input type="file" accept=".json,application/json" multiple=true onchange={on_files} data-testid="chain-file-input" />
                </label>
            </div>
            { Html::from_html_unchecked(AttrValue::from(body)) }
        </main>
    }
}
