//! The business plan studio (经营测算): the plan in use priced under the
//! policy in use, its levels side by side, what a change of level is
//! worth, and the periods of the level picked. It renders
//! [`plan_view`](crate::app::plan_view); every figure is the engine's.

use super::use_store;
use crate::app::browser;
use crate::app::i18n::{Key, Lang};
use crate::app::plan_view::{self, LevelsView, PeriodsView};
use crate::app::state::{Action, Source};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn PlanStudio() -> Html {
    let store = use_store();
    let lang = store.lang;
    let loaded = store.plan.clone();
    let source = match &loaded.source {
        Source::Demo => lang.t(Key::SourceDemo).to_string(),
        Source::File(name) => name.clone(),
    };
    let on_download = {
        let loaded = loaded.clone();
        // Built on click, not on every render.
        Callback::from(move |_: MouseEvent| {
            browser::download(&loaded.file_name(), &loaded.to_json())
        })
    };
    // Presentation mode: large type and no inputs, for a screen shared
    // with the partner; one level may be highlighted.
    let presenting = use_state(|| false);
    let highlight = use_state(|| None::<usize>);
    use_effect_with(*presenting, |on| {
        browser::set_body_class("presenting", *on);
        // Leaving the studio ends the presentation.
        || browser::set_body_class("presenting", false)
    });
    let on_present = {
        let presenting = presenting.clone();
        Callback::from(move |_: MouseEvent| presenting.set(!*presenting))
    };
    let on_highlight = {
        let highlight = highlight.clone();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            highlight.set(sel.value().parse::<usize>().ok());
        })
    };
    let level_names: Vec<String> = store.plan_result.as_ref().map_or(Vec::new(), |r| {
        r.levels
            .iter()
            .map(|l| l.name.get(lang.is_en()).to_string())
            .collect()
    });
    let present_controls = html! {
        <div class="present-controls no-print">
            <button type="button" onclick={on_present} aria-pressed={presenting.to_string()} data-testid="plan-present">
                { lang.t(if *presenting { Key::PlanPresentEnd } else { Key::PlanPresent }) }
            </button>
            <label for="plan-highlight">{ lang.t(Key::PlanHighlight) }</label>
            <select id="plan-highlight" onchange={on_highlight} data-testid="plan-highlight">
                <option value="" selected={highlight.is_none()}>{ lang.t(Key::PlanHighlightNone) }</option>
                { for level_names.iter().enumerate().map(|(i, n)| html! {
                    <option value={i.to_string()} selected={*highlight == Some(i)}>{ n.as_str() }</option>
                }) }
            </select>
        </div>
    };
    let body = match &store.plan_result {
        Ok(r) => {
            let policy = &store.policy.prepared;
            let levels = plan_view::levels(r, policy, lang);
            let periods = plan_view::periods(r, store.plan_level, policy, lang);
            html! {
                <>
                    { levels_section(lang, &levels, *highlight) }
                    <super::plan_charts::PlanCharts {lang}
                        charts={std::rc::Rc::new(crate::app::plan_chart::charts(r, store.plan_level, policy, lang))} />
                    { periods_section(lang, &store, &levels, periods) }
                </>
            }
        }
        Err(problems) => html! {
            <div class="alert error" role="alert" data-testid="plan-problems">
                <p><strong>{ "✖ " }{ lang.t(Key::PlanDoesNotFit) }</strong></p>
                <ul>{ for problems.iter().map(|p| html! {
                    <li><code>{ p.location() }</code>{ ": " }{ lang.pick(&p.zh, &p.en) }</li>
                }) }</ul>
            </div>
        },
    };
    html! {
        <main class="studio" data-testid="plan-studio">
            <section class="card plan-head" aria-labelledby="plan-heading">
                <h2 id="plan-heading"><span class="eyebrow">{ lang.t(Key::ModePlan) }</span>{ " " }<span data-testid="plan-title">{ loaded.plan.title.as_str() }</span></h2>
                <dl class="facts">
                    <div><dt>{ lang.t(Key::Partner) }</dt><dd data-testid="plan-partner">{ loaded.plan.partner_name.as_str() }</dd></div>
                    <div><dt>{ lang.t(Key::LoadedFrom) }</dt><dd data-testid="plan-source">{ source }</dd></div>
                </dl>
                <p class="muted">{ lang.t(Key::PlanIntro) }</p>
                <div class="line-actions no-print">
                    <button type="button" class="no-present" onclick={on_download} data-testid="download-plan">{ lang.t(Key::DownloadPlan) }</button>
                </div>
                { present_controls }
            </section>
            if store.plan_stale() {
                <p class="alert warn" role="status" data-testid="plan-stale">{ "⚠ " }{ lang.t(Key::PlanStale) }</p>
            }
            { body }
            <super::plan_entry::PlanEntry />
        </main>
    }
}

fn levels_section(lang: Lang, v: &LevelsView, highlight: Option<usize>) -> Html {
    let mark = |i: usize| (highlight == Some(i)).then_some("highlight");
    html! {
        <section class="card" aria-labelledby="plan-levels-heading">
            <h3 id="plan-levels-heading">{ lang.t(Key::PlanLevels) }</h3>
            <div class="table-wrap">
                <table class="plan-levels" data-testid="plan-levels">
                    <caption>{ lang.t(Key::PlanLevelsCaption) }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.t(Key::PlanFigure) }</th>
                        { for v.levels.iter().enumerate().map(|(i, name)| html! {
                            <th scope="col" class={classes!("num", mark(i))} data-testid={format!("plan-level-{i}")}>{ name.as_str() }</th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for v.rows.iter().map(|row| html! {
                            <tr class={classes!(row.strong.then_some("strong"))} data-testid={row.testid}>
                                <th scope="row">{ row.label }</th>
                                { for row.values.iter().enumerate().map(|(i, value)| html! {
                                    <td class={classes!("num", mark(i))} data-testid={format!("{}-{i}", row.testid)}>{ value.as_str() }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !v.moves.is_empty() {
                <h4>{ lang.t(Key::PlanMoves) }</h4>
                <ul class="plan-moves" data-testid="plan-moves">
                    { for v.moves.iter().enumerate().map(|(i, m)| html! {
                        <li data-testid={format!("plan-move-{i}")}>{ m.as_str() }</li>
                    }) }
                </ul>
            }
        </section>
    }
}

/// The periods of the level picked; the level names come from `levels`.
fn periods_section(
    lang: Lang,
    store: &super::Store,
    levels: &LevelsView,
    periods: Option<PeriodsView>,
) -> Html {
    let Some(p) = periods else {
        return html! {};
    };
    let on_level = {
        let dispatch = store.dispatcher();
        Callback::from(move |e: Event| {
            let sel: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse() {
                dispatch.dispatch(Action::SelectPlanLevel(i));
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="plan-periods-heading">
            <h3 id="plan-periods-heading">{ lang.t(Key::PlanPeriods) }</h3>
            <div class="field plan-level-pick no-print">
                <label for="plan-level">{ lang.t(Key::PlanPeriodsLevel) }</label>
                <select id="plan-level" onchange={on_level} data-testid="plan-level">
                    { for levels.levels.iter().enumerate().map(|(i, name)| html! {
                        <option value={i.to_string()} selected={i == store.plan_level}>{ name.as_str() }</option>
                    }) }
                </select>
            </div>
            <div class="table-wrap">
                <table class="plan-periods" data-testid="plan-periods">
                    <caption data-testid="plan-periods-caption">{ p.caption.as_str() }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.t(Key::PlanPeriod) }</th>
                        <th scope="col" class="num">{ lang.t(Key::PlanPurchase) }</th>
                        <th scope="col" class="num">{ lang.t(Key::Revenue) }</th>
                        <th scope="col" class="num">{ lang.t(Key::PlanContribution) }</th>
                        <th scope="col">{ lang.t(Key::PlanNextTiers) }</th>
                    </tr></thead>
                    <tbody>
                        { for p.rows.iter().enumerate().map(|(i, row)| html! {
                            <tr data-testid={format!("plan-period-{i}")}>
                                <th scope="row">{ row.label.as_str() }<span class="muted date">{ row.date.as_str() }</span></th>
                                <td class="num" data-label={lang.t(Key::PlanPurchase)} data-testid={format!("plan-period-purchase-{i}")}>{ row.purchase.as_str() }</td>
                                <td class="num" data-label={lang.t(Key::Revenue)} data-testid={format!("plan-period-revenue-{i}")}>{ row.revenue.as_str() }</td>
                                <td class="num" data-label={lang.t(Key::PlanContribution)} data-testid={format!("plan-period-contribution-{i}")}>{ row.contribution.as_str() }</td>
                                <td data-label={lang.t(Key::PlanNextTiers)}>
                                    <ul class="plan-rebates" data-testid={format!("plan-period-rebates-{i}")}>
                                        { for row.rebates.iter().map(|t| html! { <li>{ t.as_str() }</li> }) }
                                    </ul>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
