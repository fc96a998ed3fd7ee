//! The studio's charts as plain geometry and words: bars and lines in SVG
//! user units (computed with exact decimals, printed to one place), a text
//! alternative for screen readers, and the same numbers as a table. The
//! component draws these; nothing here touches the DOM, so every chart is
//! tested natively.
//!
//! Colours are never the only signal: every bar carries a sign and a name,
//! thresholds are dashed lines with their percentage written beside them.

use crate::app::format::{money, percent};
use crate::app::i18n::{fill, Key, Lang};
use crate::engine::money::RoundingMode;
use crate::engine::plan::LevelPlan;
use crate::engine::pricing::index::PreparedPolicy;
use crate::engine::PlanResult;
use rust_decimal::Decimal;

/// Drawing area (SVG user units).
pub const WIDTH: i64 = 640;
pub const HEIGHT: i64 = 260;
const TOP: i64 = 20;
const BOTTOM: i64 = 40;
const LEFT: i64 = 12;

/// A rectangle with what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct BarShape {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    /// `gain`, `cost`, `total`, `purchase` or `contribution`: the fill.
    pub class: &'static str,
    /// Under the bar: what it is.
    pub label: String,
    /// Above the bar: the figure with its sign.
    pub value: String,
    /// Where the value is written.
    pub value_y: String,
}

/// A horizontal line across the chart (a tier threshold, the zero line).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleLine {
    pub y: String,
    pub label: String,
    pub class: &'static str,
}

/// A polyline through points (attainment period by period).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub points: String,
    pub dots: Vec<(String, String)>,
    pub name: String,
    pub class: &'static str,
}

/// One chart: its shapes, its words and its table.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    /// The text alternative: what the chart says, in sentences.
    pub summary: String,
    pub bars: Vec<BarShape>,
    pub rules: Vec<RuleLine>,
    pub series: Vec<Series>,
    /// What each colour stands for, drawn as a key: (class, words).
    pub legend: Vec<(&'static str, String)>,
    /// The same numbers as a table: header row, then one row each.
    pub table: Vec<Vec<String>>,
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

/// Exact SVG coordinate text, one decimal.
fn coord(v: Decimal) -> String {
    RoundingMode::HalfUp.round(v, 1).to_string()
}

/// Maps values between `lo` and `hi` onto the drawing's height.
struct Scale {
    lo: Decimal,
    hi: Decimal,
}

impl Scale {
    fn new(values: impl IntoIterator<Item = Decimal>) -> Scale {
        let mut lo = Decimal::ZERO;
        let mut hi = Decimal::ZERO;
        for v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if hi == lo {
            hi = lo + Decimal::ONE;
        }
        Scale { lo, hi }
    }

    /// The y of `v` (SVG y grows downwards).
    fn y(&self, v: Decimal) -> Decimal {
        let span = d(HEIGHT - TOP - BOTTOM);
        let share = (self.hi - v)
            .checked_mul(span)
            .and_then(|x| x.checked_div(self.hi - self.lo))
            .unwrap_or(Decimal::ZERO);
        d(TOP) + share
    }
}

/// The profit stack of one level as a waterfall: front margin, back
/// margin, services, MDF up; financing and fixed costs down; net profit.
pub fn profit_stack(l: &LevelPlan, currency: &str, lang: Lang) -> Chart {
    let t = &l.totals;
    let steps: [(Key, Decimal, bool); 6] = [
        (Key::FrontMargin, t.front_margin, true),
        (Key::BackMargin, t.back_margin, true),
        (Key::PlanServicesMargin, t.services_margin, true),
        (Key::PlanChartMdf, t.mdf, true),
        (Key::PlanChartFinancing, t.financing_cost, false),
        (Key::PlanFixedCosts, t.fixed_costs, false),
    ];
    // Running totals: each step starts where the last ended.
    let mut running = Decimal::ZERO;
    let mut spans = Vec::new();
    for (key, amount, up) in steps {
        let start = running;
        running = if up {
            running + amount
        } else {
            running - amount
        };
        spans.push((key, amount, up, start, running));
    }
    let net = t.net_profit;
    let scale = Scale::new(
        spans
            .iter()
            .flat_map(|s| [s.3, s.4])
            .chain([net, Decimal::ZERO]),
    );
    let slots = d(spans.len() as i64 + 1);
    let slot = (d(WIDTH - 2 * LEFT)) / slots;
    let bar_w = slot * Decimal::new(7, 1);
    let mut bars = Vec::new();
    let mut table = vec![vec![
        lang.t(Key::PlanChartStep).to_string(),
        lang.t(Key::PlanChartAmount).to_string(),
        lang.t(Key::PlanChartRunning).to_string(),
    ]];
    for (i, (key, amount, up, start, end)) in spans.iter().enumerate() {
        let (top, bottom) = if start > end {
            (*start, *end)
        } else {
            (*end, *start)
        };
        let x = d(LEFT) + slot * d(i as i64) + (slot - bar_w) / d(2);
        let sign = if *up { "+" } else { "−" };
        let value = format!("{sign}{}", money(*amount, currency));
        bars.push(BarShape {
            x: coord(x),
            y: coord(scale.y(top)),
            w: coord(bar_w),
            h: coord(scale.y(bottom) - scale.y(top)),
            class: if *up { "gain" } else { "cost" },
            label: lang.t(*key).to_string(),
            value: value.clone(),
            value_y: coord(scale.y(top) - d(4)),
        });
        table.push(vec![lang.t(*key).to_string(), value, money(*end, currency)]);
    }
    let x = d(LEFT) + slot * d(spans.len() as i64) + (slot - bar_w) / d(2);
    let (top, bottom) = if net >= Decimal::ZERO {
        (net, Decimal::ZERO)
    } else {
        (Decimal::ZERO, net)
    };
    let net_text = format!("={}", money(net, currency));
    bars.push(BarShape {
        x: coord(x),
        y: coord(scale.y(top)),
        w: coord(bar_w),
        h: coord(scale.y(bottom) - scale.y(top)),
        class: "total",
        label: lang.t(Key::PlanNetProfit).to_string(),
        value: net_text.clone(),
        value_y: coord(scale.y(top) - d(4)),
    });
    table.push(vec![
        lang.t(Key::PlanNetProfit).to_string(),
        net_text,
        money(net, currency),
    ]);
    let name = l.name.get(lang.is_en()).to_string();
    Chart {
        id: format!("plan-stack-{}", l.level),
        title: fill(Key::PlanChartStackTitle, lang, &[("level", &name)]),
        summary: fill(
            Key::PlanChartStackSummary,
            lang,
            &[
                ("level", &name),
                ("front", &money(t.front_margin, currency)),
                ("back", &money(t.back_margin, currency)),
                ("services", &money(t.services_margin, currency)),
                ("mdf", &money(t.mdf, currency)),
                ("financing", &money(t.financing_cost, currency)),
                ("fixed", &money(t.fixed_costs, currency)),
                ("net", &money(net, currency)),
            ],
        ),
        bars,
        rules: vec![RuleLine {
            y: coord(scale.y(Decimal::ZERO)),
            label: String::new(),
            class: "zero",
        }],
        series: Vec::new(),
        legend: vec![
            ("gain", lang.t(Key::PlanChartGain).to_string()),
            ("cost", lang.t(Key::PlanChartCost).to_string()),
            ("total", lang.t(Key::PlanNetProfit).to_string()),
        ],
        table,
    }
}

/// Purchases and contribution period by period, for one level, with the
/// running contribution against the plan's fixed costs: where the line
/// crosses the dashed fixed-cost line, the plan starts making a net profit,
/// and the gap at the end is the net profit (no allocation of fixed costs
/// to periods is assumed).
pub fn periods_chart(l: &LevelPlan, currency: &str, lang: Lang) -> Chart {
    let mut running = Vec::with_capacity(l.periods.len());
    let mut sum = Decimal::ZERO;
    for p in &l.periods {
        sum += p.figures.contribution;
        running.push(sum);
    }
    let fixed = l.totals.fixed_costs;
    let scale = Scale::new(
        l.periods
            .iter()
            .flat_map(|p| [p.figures.purchase, p.figures.contribution])
            .chain(running.iter().copied())
            .chain([fixed]),
    );
    let n = d(l.periods.len().max(1) as i64);
    let slot = d(WIDTH - 2 * LEFT) / n;
    let bar_w = slot * Decimal::new(35, 2);
    let mut bars = Vec::new();
    let mut dots = Vec::new();
    let mut table = vec![vec![
        lang.t(Key::PlanPeriod).to_string(),
        lang.t(Key::PlanPurchase).to_string(),
        lang.t(Key::PlanContribution).to_string(),
        lang.t(Key::PlanChartCumulative).to_string(),
    ]];
    for (i, p) in l.periods.iter().enumerate() {
        let base = d(LEFT) + slot * d(i as i64) + slot * Decimal::new(1, 1);
        for (k, (value, class)) in [
            (p.figures.purchase, "purchase"),
            (p.figures.contribution, "contribution"),
        ]
        .into_iter()
        .enumerate()
        {
            let (top, bottom) = if value >= Decimal::ZERO {
                (value, Decimal::ZERO)
            } else {
                (Decimal::ZERO, value)
            };
            bars.push(BarShape {
                x: coord(base + bar_w * d(k as i64)),
                y: coord(scale.y(top)),
                w: coord(bar_w),
                h: coord(scale.y(bottom) - scale.y(top)),
                class,
                label: if k == 0 {
                    p.label.as_str().to_string()
                } else {
                    String::new()
                },
                value: String::new(),
                value_y: coord(scale.y(top) - d(4)),
            });
        }
        dots.push((coord(base + bar_w), coord(scale.y(running[i]))));
        table.push(vec![
            p.label.as_str().to_string(),
            money(p.figures.purchase, currency),
            money(p.figures.contribution, currency),
            money(running[i], currency),
        ]);
    }
    let name = l.name.get(lang.is_en()).to_string();
    Chart {
        id: format!("plan-periods-chart-{}", l.level),
        title: fill(Key::PlanChartPeriodsTitle, lang, &[("level", &name)]),
        summary: fill(
            Key::PlanChartPeriodsSummary,
            lang,
            &[
                ("level", &name),
                ("count", &l.periods.len().to_string()),
                ("purchase", &money(l.totals.purchase, currency)),
                ("contribution", &money(l.totals.contribution, currency)),
                ("fixed", &money(fixed, currency)),
                ("net", &money(l.totals.net_profit, currency)),
            ],
        ),
        bars,
        rules: vec![
            RuleLine {
                y: coord(scale.y(Decimal::ZERO)),
                label: String::new(),
                class: "zero",
            },
            RuleLine {
                y: coord(scale.y(fixed)),
                label: fill(
                    Key::PlanChartFixedLine,
                    lang,
                    &[("fixed", &money(fixed, currency))],
                ),
                class: "tier",
            },
        ],
        series: vec![Series {
            points: dots
                .iter()
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" "),
            dots,
            name: lang.t(Key::PlanChartCumulative).to_string(),
            class: "series-a",
        }],
        legend: vec![
            ("purchase", lang.t(Key::PlanPurchase).to_string()),
            ("contribution", lang.t(Key::PlanContribution).to_string()),
            ("series-a", lang.t(Key::PlanChartCumulative).to_string()),
        ],
        table,
    }
}

/// Each rebate program's attainment after each period's order, against the
/// program's tier thresholds, for one level.
pub fn attainment_chart(l: &LevelPlan, policy: &PreparedPolicy, lang: Lang) -> Option<Chart> {
    // Programs in the order they first appear.
    let mut programs: Vec<String> = Vec::new();
    for p in &l.periods {
        for r in &p.quote.rebates {
            if !programs.contains(&r.program) {
                programs.push(r.program.clone());
            }
        }
    }
    if programs.is_empty() {
        return None;
    }
    let thresholds: Vec<(String, Decimal)> = programs
        .iter()
        .filter_map(|id| policy.program(id))
        .flat_map(|p| {
            p.tiers
                .iter()
                .map(|t| (p.id.to_string(), t.attainment.value()))
        })
        .collect();
    let values = l
        .periods
        .iter()
        .flat_map(|p| p.quote.rebates.iter().map(|r| r.attainment_after))
        .chain(thresholds.iter().map(|t| t.1));
    let scale = Scale::new(values);
    let n = d(l.periods.len().max(1) as i64);
    let slot = d(WIDTH - 2 * LEFT) / n;
    let x_of = |i: usize| d(LEFT) + slot * d(i as i64) + slot / d(2);
    let mut header = vec![lang.t(Key::PlanPeriod).to_string()];
    let mut series = Vec::new();
    for (k, id) in programs.iter().enumerate() {
        let name = policy
            .program(id)
            .map_or(id.clone(), |p| p.name.get(lang.is_en()).to_string());
        header.push(name.clone());
        let dots: Vec<(String, String)> = l
            .periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let r = p.quote.rebates.iter().find(|r| &r.program == id)?;
                Some((coord(x_of(i)), coord(scale.y(r.attainment_after))))
            })
            .collect();
        series.push(Series {
            points: dots
                .iter()
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" "),
            dots,
            name,
            class: if k % 2 == 0 { "series-a" } else { "series-b" },
        });
    }
    let mut table = vec![header];
    for p in &l.periods {
        let mut row = vec![p.label.as_str().to_string()];
        for id in &programs {
            row.push(
                p.quote
                    .rebates
                    .iter()
                    .find(|r| &r.program == id)
                    .map_or("—".to_string(), |r| percent(r.attainment_after)),
            );
        }
        table.push(row);
    }
    // One line per threshold; programs sharing it share the line's words.
    let mut rules: Vec<RuleLine> = Vec::new();
    for (program, t) in &thresholds {
        let y = coord(scale.y(*t));
        match rules.iter_mut().find(|r| r.y == y) {
            Some(r) => r.label = format!("{program} / {}", r.label),
            None => rules.push(RuleLine {
                y,
                label: format!("{program} {}", percent(*t)),
                class: "tier",
            }),
        }
    }
    let name = l.name.get(lang.is_en()).to_string();
    let last = l.periods.last();
    let closing: Vec<String> = last
        .map(|p| {
            p.quote
                .rebates
                .iter()
                .map(|r| {
                    format!(
                        "{} {}",
                        r.name.get(lang.is_en()),
                        percent(r.attainment_after)
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Some(Chart {
        id: format!("plan-attainment-chart-{}", l.level),
        title: fill(Key::PlanChartAttainmentTitle, lang, &[("level", &name)]),
        summary: fill(
            Key::PlanChartAttainmentSummary,
            lang,
            &[
                ("level", &name),
                ("closing", &closing.join(lang.t(Key::ListSeparator))),
            ],
        ),
        bars: Vec::new(),
        rules,
        legend: series.iter().map(|s| (s.class, s.name.clone())).collect(),
        series,
        table,
    })
}

/// Every chart for the studio: a profit stack per level, then the chosen
/// level's periods and rebate attainment.
pub fn charts(r: &PlanResult, level: usize, policy: &PreparedPolicy, lang: Lang) -> Vec<Chart> {
    let c = policy.policy.currency.as_str();
    let mut out: Vec<Chart> = r.levels.iter().map(|l| profit_stack(l, c, lang)).collect();
    if let Some(l) = r.levels.get(level) {
        out.push(periods_chart(l, c, lang));
        out.extend(attainment_chart(l, policy, lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::documents::Plan;
    use crate::engine::plan::plan;

    fn q4() -> (PreparedPolicy, PlanResult) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/spec");
        let policy =
            PreparedPolicy::from_json_bytes(&std::fs::read(root.join("policy.json")).unwrap())
                .unwrap();
        let p = Plan::from_json_text(&std::fs::read_to_string(root.join("plans/q4.json")).unwrap())
            .unwrap();
        let r = plan(&policy, &p).unwrap();
        (policy, r)
    }

    #[test]
    fn the_profit_stack_ends_at_net_profit_and_its_table_says_so() {
        let (policy, r) = q4();
        let gold = r.levels.iter().find(|l| l.level == "gold").unwrap();
        let chart = profit_stack(gold, "CNY", Lang::Zh);
        assert_eq!(chart.bars.len(), 7);
        let last = chart.table.last().unwrap();
        assert_eq!(last[2], "¥199,687.27");
        // The running total after fixed costs is the net profit too.
        assert_eq!(chart.table[6][2], "¥199,687.27");
        assert!(chart.summary.contains("¥199,687.27"), "{}", chart.summary);
        // Costs are drawn with a minus sign, never by colour alone.
        assert!(chart.bars[5].value.starts_with('−'));
        assert_eq!(chart.bars[5].class, "cost");
        let all = charts(&r, 0, &policy, Lang::En);
        assert_eq!(all.len(), r.levels.len() + 2);
    }

    #[test]
    fn the_running_contribution_ends_fixed_costs_above_net_profit() {
        let (_, r) = q4();
        let gold = r.levels.iter().find(|l| l.level == "gold").unwrap();
        let chart = periods_chart(gold, "CNY", Lang::Zh);
        // Last running contribution = net profit + fixed costs (155,000.00).
        let last = chart.table.last().unwrap();
        assert_eq!(last[3], "¥354,687.27");
        assert!(
            chart.rules[1].label.contains("¥155,000.00"),
            "{:?}",
            chart.rules
        );
        assert!(chart.summary.contains("¥199,687.27"), "{}", chart.summary);
        assert_eq!(chart.series[0].dots.len(), gold.periods.len());
    }

    #[test]
    fn bars_sit_inside_the_drawing_and_tiers_are_lines() {
        let (policy, r) = q4();
        for chart in charts(&r, 1, &policy, Lang::En) {
            for b in &chart.bars {
                let y: Decimal = b.y.parse().unwrap();
                let h: Decimal = b.h.parse().unwrap();
                assert!(
                    y >= d(TOP) - Decimal::ONE && y + h <= d(HEIGHT - BOTTOM) + Decimal::ONE,
                    "{chart:?}"
                );
                assert!(h >= Decimal::ZERO);
            }
        }
        let gold = r.levels.iter().find(|l| l.level == "gold").unwrap();
        let a = attainment_chart(gold, &policy, Lang::En).unwrap();
        assert!(
            a.rules.iter().any(|r| r.label.ends_with("100.00 %")),
            "{:?}",
            a.rules
        );
        // December: gold ends Q4 at 99.51 % (PLAN.md P4).
        assert_eq!(a.table.last().unwrap()[1], "99.51 %");
        assert!(a.summary.contains("99.51 %"), "{}", a.summary);
    }
}
