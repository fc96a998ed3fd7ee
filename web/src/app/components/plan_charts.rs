//! The studio's charts, drawn as SVG by the app from
//! [`plan_chart`](crate::app::plan_chart) geometry: each with a caption, a
//! text alternative, and its numbers as a table.

use crate::app::i18n::{Key, Lang};
use crate::app::plan_chart::{Chart, HEIGHT, WIDTH};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    pub charts: Rc<Vec<Chart>>,
}

fn chart(lang: Lang, c: &Chart) -> Html {
    let title_id = format!("{}-title", c.id);
    html! {
        <figure class="chart" data-testid={c.id.clone()}>
            <figcaption id={title_id.clone()}>{ c.title.as_str() }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby={title_id}
                aria-describedby={format!("{}-summary", c.id)} preserveAspectRatio="xMidYMid meet">
                { for c.rules.iter().map(|r| html! {
                    <g class={classes!("rule", r.class)}>
                        <line x1="0" x2={WIDTH.to_string()} y1={r.y.clone()} y2={r.y.clone()} />
                        if !r.label.is_empty() {
                            <text x={(WIDTH - 4).to_string()} y={r.y.clone()} dy="-3" text-anchor="end">{ r.label.as_str() }</text>
                        }
                    </g>
                }) }
                { for c.bars.iter().map(|b| html! {
                    <g class={classes!("bar", b.class)}>
                        <rect x={b.x.clone()} y={b.y.clone()} width={b.w.clone()} height={b.h.clone()}>
                            <title>{ format!("{} {}", b.label, b.value) }</title>
                        </rect>
                        if !b.value.is_empty() {
                            <text class="value" x={b.x.clone()} y={b.value_y.clone()}>{ b.value.as_str() }</text>
                        }
                        if !b.label.is_empty() {
                            <text class="label" x={b.x.clone()} y={(HEIGHT - 22).to_string()}>{ b.label.as_str() }</text>
                        }
                    </g>
                }) }
                { for c.series.iter().map(|s| html! {
                    <g class={classes!("series", s.class)}>
                        <polyline points={s.points.clone()} fill="none" />
                        { for s.dots.iter().map(|(x, y)| html! { <circle cx={x.clone()} cy={y.clone()} r="4"><title>{ s.name.as_str() }</title></circle> }) }
                    </g>
                }) }
            </svg>
            if !c.legend.is_empty() {
                <ul class="legend">
                    { for c.legend.iter().map(|(class, words)| html! { <li class={*class}>{ words.as_str() }</li> }) }
                </ul>
            }
            <p class="chart-summary" id={format!("{}-summary", c.id)}>{ c.summary.as_str() }</p>
            <details class="chart-data">
                <summary>{ lang.t(Key::PlanChartShowTable) }</summary>
                <table>
                    { for c.table.first().map(|head| html! {
                        <thead><tr>{ for head.iter().map(|h| html! { <th scope="col">{ h.as_str() }</th> }) }</tr></thead>
                    }) }
                    <tbody>
                        { for c.table.iter().skip(1).map(|row| html! {
                            <tr>{ for row.iter().enumerate().map(|(i, v)| if i == 0 {
                                html! { <th scope="row">{ v.as_str() }</th> }
                            } else {
                                html! { <td class="num">{ v.as_str() }</td> }
                            }) }</tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// Every chart of the plan; re-renders only when the charts change.
#[component]
pub fn PlanCharts(props: &ChartsProps) -> Html {
    html! {
        <section class="card charts" aria-labelledby="plan-charts-heading" data-testid="plan-charts">
            <h3 id="plan-charts-heading">{ props.lang.t(Key::PlanCharts) }</h3>
            <div class="chart-grid">
                { for props.charts.iter().map(|c| chart(props.lang, c)) }
            </div>
        </section>
    }
}
