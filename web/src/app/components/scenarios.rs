//! Scenarios: the tabs that choose which alternative is being edited (and
//! make, name, simulate and remove them), and the side-by-side comparison
//! of all of them with their differences to the first.

use super::use_store;
use crate::app::i18n::{fill, Key, Lang};
use crate::app::scenario::MAX_SCENARIOS;
use crate::app::scenario_view::{self, Comparison};
use crate::app::state::Action;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The tabs above the order: one per scenario, the one being edited
/// pressed; duplicate, rename, simulate a level, remove.
#[component]
pub fn ScenarioBar() -> Html {
    let store = use_store();
    let lang = store.lang;
    let current = store.scenario();
    let account = &store.account().account;
    let select = |i: usize| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SelectScenario(i)))
    };
    let remove = |i: usize| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::RemoveScenario(i)))
    };
    let duplicate = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::DuplicateScenario))
    };
    let rename = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            store.dispatch(Action::RenameScenario(input.value()));
        })
    };
    let what_if = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            store.dispatch(Action::SetWhatIfLevel((!v.is_empty()).then_some(v)));
        })
    };
    let full = store.scenarios.len() >= MAX_SCENARIOS;
    let own_level = store
        .policy
        .prepared
        .level(account.level.as_str())
        .map_or(account.level.to_string(), |l| {
            l.name.get(lang.is_en()).to_string()
        });
    let simulated = current.is_simulation(account);
    html! {
        <div class="scenario-bar" data-testid="scenario-bar">
            <div class="scenario-tabs" role="tablist" aria-label={lang.t(Key::Scenarios)}>
                { for store.scenarios.iter().enumerate().map(|(i, s)| {
                    let selected = i == store.current;
                    let title = scenario_view::title(s, lang);
                    let letter = s.letter.to_string();
                    html! {
                        <span class={classes!("scenario-tab", selected.then_some("selected"))}>
                            <button type="button" role="tab" aria-selected={selected.to_string()}
                                data-testid={format!("scenario-tab-{i}")} onclick={select(i)}>
                                { title }
                                if s.is_simulation(account) { <span class="badge warn">{ lang.t(Key::WhatIfBadge) }</span> }
                            </button>
                            if store.scenarios.len() > 1 {
                                <button type="button" class="link remove" data-testid={format!("scenario-remove-{i}")}
                                    aria-label={fill(Key::ScenarioRemove, lang, &[("letter", &letter)])}
                                    onclick={remove(i)}>{ "×" }</button>
                            }
                        </span>
                    }
                }) }
                <button type="button" data-testid="scenario-duplicate" disabled={full}
                    title={full.then(|| lang.t(Key::ScenariosFull))} onclick={duplicate}>
                    { "＋ " }{ lang.t(Key::ScenarioDuplicate) }
                </button>
            </div>
            <div class="scenario-settings">
                <label>{ lang.t(Key::ScenarioRename) }
                    <input type="text" maxlength="40" data-testid="scenario-name"
                        value={current.name.clone()} onchange={rename} />
                </label>
                <label>{ lang.t(Key::WhatIfLevel) }
                    <select data-testid="what-if-level" onchange={what_if}>
                        <option value="" selected={!simulated}>{ fill(Key::WhatIfOwn, lang, &[("level", &own_level)]) }</option>
                        { for store.policy.prepared.policy.levels.iter().filter(|l| l.id != account.level).map(|l| {
                            let id = l.id.to_string();
                            let selected = simulated && current.what_if_level.as_deref() == Some(id.as_str());
                            html! { <option value={id} {selected}>{ l.name.get(lang.is_en()) }</option> }
                        }) }
                    </select>
                </label>
            </div>
            if simulated {
                <p class="simulation" role="status" data-testid="what-if-notice">
                    { "⚠ " }{ what_if_notice(&store, lang) }
                </p>
            }
        </div>
    }
}

fn what_if_notice(store: &super::Store, lang: Lang) -> String {
    let level = store.scenario().what_if_level.clone().unwrap_or_default();
    let name = store
        .policy
        .prepared
        .level(&level)
        .map_or(level.clone(), |l| l.name.get(lang.is_en()).to_string());
    fill(Key::WhatIfNotice, lang, &[("level", &name)])
}

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    pub lang: Lang,
    pub view: Rc<Comparison>,
    pub on_action: Callback<Action>,
}

/// Every scenario as a column; from the second on, each figure says how it
/// differs from the first — sign, words and colour together.
#[component]
pub fn ScenarioComparison(props: &ComparisonProps) -> Html {
    let (lang, v) = (props.lang, &props.view);
    html! {
        <section class="panel scenarios" data-testid="scenario-comparison" aria-labelledby="scenarios-heading">
            <h3 id="scenarios-heading">{ lang.t(Key::Scenarios) }</h3>
            <div class="table-scroll">
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{ lang.t(Key::ScenarioMetric) }</th>
                            { for v.columns.iter().enumerate().map(|(i, c)| {
                                let on_action = props.on_action.clone();
                                html! {
                                    <th scope="col" class={classes!(c.editing.then_some("editing"))} data-testid={format!("scenario-col-{i}")}>
                                        <button type="button" class="link" onclick={Callback::from(move |_| on_action.emit(Action::SelectScenario(i)))}
                                            aria-pressed={c.editing.to_string()}>{ c.title.as_str() }</button>
                                        if i == 0 { <span class="muted">{ " (" }{ lang.t(Key::ScenarioBaseline) }{ ")" }</span> }
                                        if c.editing { <span class="muted">{ " · " }{ lang.t(Key::ScenarioEditing) }</span> }
                                        if c.stale { <span class="muted">{ " " }{ lang.t(Key::ScenarioStale) }</span> }
                                        if let Some(sim) = &c.simulation { <div class="badge warn" title={sim.clone()}>{ lang.t(Key::WhatIfBadge) }</div> }
                                    </th>
                                }
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for v.rows.iter().map(|r| html! {
                            <tr data-testid={format!("compare-{}", r.testid)}>
                                <th scope="row">{ r.label.as_str() }</th>
                                { for r.cells.iter().enumerate().map(|(i, c)| html! {
                                    <td class="num" data-testid={format!("compare-{}-{i}", r.testid)}>
                                        <div>{ c.value.as_str() }</div>
                                        if let Some((tone, words)) = &c.diff {
                                            <div class={classes!("diff", tone.class())} data-testid={format!("diff-{}-{i}", r.testid)}>{ words.as_str() }</div>
                                        }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
