//! The studio's charts, drawn as SVG by the app from
//! [`plan_chart`](crate::app::plan_chart) geometry: each with a caption, a
//! text alternative, and its numbers as a table.

use crate::app::i18n::{Key, Lang};
use crate::app::markup::Markup;
use crate::app::plan_chart::{Chart, HEIGHT, WIDTH};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub lang: Lang,
    pub charts: Rc<Vec<Chart>>,
}

/// One chart as SVG text with its caption, words and table (see
/// [`Markup`]: read-only, so text, which is much smaller in the wasm).
fn chart(m: &mut Markup, lang: Lang, c: &Chart) {
    let title_id = format!("{}-title", c.id);
    let summary_id = format!("{}-summary", c.id);
    let width = WIDTH.to_string();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    let (right, label_y) = ((WIDTH - 4).to_string(), (HEIGHT - 22).to_string());
    m.open("figure", &[("class", "chart"), ("data-testid", &c.id)])
        .element("figcaption", &[("id", &title_id)], &c.title)
        .open(
            "svg",
            &[
                ("viewBox", &view_box),
                ("role", "img"),
                ("aria-labelledby", &title_id),
                ("aria-describedby", &summary_id),
                ("preserveAspectRatio", "xMidYMid meet"),
                ("xmlns", "http://www.w3.org/2000/svg"),
            ],
        );
    for r in &c.rules {
        m.open("g", &[("class", &format!("rule {}", r.class))])
            .open(
                "line",
                &[("x1", "0"), ("x2", &width), ("y1", &r.y), ("y2", &r.y)],
            )
            .close("line");
        if !r.label.is_empty() {
            m.element(
                "text",
                &[
                    ("x", &right),
                    ("y", &r.y),
                    ("dy", "-3"),
                    ("text-anchor", "end"),
                ],
                &r.label,
            );
        }
        m.close("g");
    }
    for b in &c.bars {
        m.open("g", &[("class", &format!("bar {}", b.class))])
            .open(
                "rect",
                &[("x", &b.x), ("y", &b.y), ("width", &b.w), ("height", &b.h)],
            )
            .element("title", &[], &format!("{} {}", b.label, b.value))
            .close("rect");
        if !b.value.is_empty() {
            m.element(
                "text",
                &[("class", "value"), ("x", &b.x), ("y", &b.value_y)],
                &b.value,
            );
        }
        if !b.label.is_empty() {
            m.element(
                "text",
                &[("class", "label"), ("x", &b.x), ("y", &label_y)],
                &b.label,
            );
        }
        m.close("g");
    }
    for s in &c.series {
        m.open("g", &[("class", &format!("series {}", s.class))])
            .open("polyline", &[("points", &s.points), ("fill", "none")])
            .close("polyline");
        for (x, y) in &s.dots {
            m.open("circle", &[("cx", x), ("cy", y), ("r", "4")])
                .element("title", &[], &s.name)
                .close("circle");
        }
        m.close("g");
    }
    m.close("svg");
    if !c.legend.is_empty() {
        m.open("ul", &[("class", "legend")]);
        for (class, words) in &c.legend {
            m.element("li", &[("class", class)], words);
        }
        m.close("ul");
    }
    m.element(
        "p",
        &[("class", "chart-summary"), ("id", &summary_id)],
        &c.summary,
    )
    .open("details", &[("class", "chart-data")])
    .element("summary", &[], lang.t(Key::PlanChartShowTable))
    .open("table", &[]);
    if let Some(head) = c.table.first() {
        m.open("thead", &[]).open("tr", &[]);
        for h in head {
            m.element("th", &[("scope", "col")], h);
        }
        m.close("tr").close("thead");
    }
    m.open("tbody", &[]);
    for row in c.table.iter().skip(1) {
        m.open("tr", &[]);
        for (i, v) in row.iter().enumerate() {
            if i == 0 {
                m.element("th", &[("scope", "row")], v);
            } else {
                m.element("td", &[("class", "num")], v);
            }
        }
        m.close("tr");
    }
    m.close("tbody")
        .close("table")
        .close("details")
        .close("figure");
}

/// Every chart of the plan; re-renders only when the charts change.
#[component]
pub fn PlanCharts(props: &ChartsProps) -> Html {
    html! {
        <section class="card charts" aria-labelledby="plan-charts-heading" data-testid="plan-charts">
            <h3 id="plan-charts-heading">{ props.lang.t(Key::PlanCharts) }</h3>
            { grid(props.lang, &props.charts) }
        </section>
    }
}

fn grid(lang: Lang, charts: &[Chart]) -> Html {
    let mut m = Markup::new();
    m.open("div", &[("class", "chart-grid")]);
    for c in charts {
        chart(&mut m, lang, c);
    }
    m.close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}
