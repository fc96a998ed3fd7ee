//! The business plan studio (经营测算): the plan in use priced under the
//! policy in use, its levels side by side, what a change of level is
//! worth, and the periods of the level picked. It renders
//! [`plan_view`](crate::app::plan_view); every figure is the engine's.

use super::use_store;
use crate::app::browser;
use crate::app::i18n::{Key, Lang};
use crate::app::markup::Markup;
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
    html! {
        <section class="card" aria-labelledby="plan-levels-heading">
            <h3 id="plan-levels-heading">{ lang.t(Key::PlanLevels) }</h3>
            { levels_table(lang, v, highlight) }
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
            { periods_table(lang, &p) }
        </section>
    }
}

/// The levels side by side, as HTML text (see [`Markup`]).
fn levels_table(lang: Lang, v: &LevelsView, highlight: Option<usize>) -> Html {
    let class = |i: usize| {
        if highlight == Some(i) {
            "num highlight"
        } else {
            "num"
        }
    };
    let mut m = Markup::new();
    m.open("div", &[("class", "table-wrap")])
        .open(
            "table",
            &[("class", "plan-levels"), ("data-testid", "plan-levels")],
        )
        .element("caption", &[], lang.t(Key::PlanLevelsCaption))
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], lang.t(Key::PlanFigure));
    for (i, name) in v.levels.iter().enumerate() {
        m.element(
            "th",
            &[
                ("scope", "col"),
                ("class", class(i)),
                ("data-testid", &format!("plan-level-{i}")),
            ],
            name,
        );
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for row in &v.rows {
        m.open(
            "tr",
            &[
                ("class", if row.strong { "strong" } else { "" }),
                ("data-testid", row.testid),
            ],
        )
        .element("th", &[("scope", "row")], row.label);
        for (i, value) in row.values.iter().enumerate() {
            m.element(
                "td",
                &[
                    ("class", class(i)),
                    ("data-testid", &format!("{}-{i}", row.testid)),
                ],
                value,
            );
        }
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// One level's periods, as HTML text (see [`Markup`]).
fn periods_table(lang: Lang, p: &PeriodsView) -> Html {
    let mut m = Markup::new();
    m.open("div", &[("class", "table-wrap")])
        .open(
            "table",
            &[("class", "plan-periods"), ("data-testid", "plan-periods")],
        )
        .element(
            "caption",
            &[("data-testid", "plan-periods-caption")],
            &p.caption,
        )
        .open("thead", &[])
        .open("tr", &[])
        .element("th", &[("scope", "col")], lang.t(Key::PlanPeriod));
    for key in [Key::PlanPurchase, Key::Revenue, Key::PlanContribution] {
        m.element("th", &[("scope", "col"), ("class", "num")], lang.t(key));
    }
    m.element("th", &[("scope", "col")], lang.t(Key::PlanNextTiers))
        .close("tr")
        .close("thead")
        .open("tbody", &[]);
    for (i, row) in p.rows.iter().enumerate() {
        m.open("tr", &[("data-testid", &format!("plan-period-{i}"))])
            .open("th", &[("scope", "row")])
            .text(&row.label)
            .element("span", &[("class", "muted date")], &row.date)
            .close("th");
        for (key, name, value) in [
            (Key::PlanPurchase, "purchase", &row.purchase),
            (Key::Revenue, "revenue", &row.revenue),
            (Key::PlanContribution, "contribution", &row.contribution),
        ] {
            m.element(
                "td",
                &[
                    ("class", "num"),
                    ("data-label", lang.t(key)),
                    ("data-testid", &format!("plan-period-{name}-{i}")),
                ],
                value,
            );
        }
        m.open("td", &[("data-label", lang.t(Key::PlanNextTiers))])
            .open(
                "ul",
                &[
                    ("class", "plan-rebates"),
                    ("data-testid", &format!("plan-period-rebates-{i}")),
                ],
            );
        for t in &row.rebates {
            m.element("li", &[], t);
        }
        m.close("ul").close("td").close("tr");
    }
    m.close("tbody").close("table").close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}
