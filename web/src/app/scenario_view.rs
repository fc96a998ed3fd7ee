//! The scenarios side by side: one row per measure, one column per
//! scenario, each later column with its difference to the first in words,
//! a sign and a tone (better / worse / same) — never colour alone. Built
//! from the engine's quotes; nothing here prices anything.

use super::format::{money, percent};
use super::i18n::{decision, fill, Key, Lang};
use super::scenario::Scenario;
use crate::engine::credit::Decision;
use crate::engine::{Account, PreparedPolicy, Quote};
use rust_decimal::Decimal;

/// Whether a difference is good news for the partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Better,
    Worse,
    Same,
}

impl Tone {
    /// The CSS class of the cell, beside its sign and words.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Better => "better",
            Tone::Worse => "worse",
            Tone::Same => "same",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: String,
    /// Against the first scenario: `None` in the first column.
    pub diff: Option<(Tone, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    /// A stable id for tests and screen readers.
    pub testid: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub editing: bool,
    /// "Simulation: level …", when a rep priced another level.
    pub simulation: Option<String>,
    /// The quote on screen needs fixing first.
    pub stale: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A scenario's title: its name, or "方案 A".
pub fn title(s: &Scenario, lang: Lang) -> String {
    let letter = s.letter.to_string();
    let named = fill(Key::ScenarioName, lang, &[("letter", &letter)]);
    if s.name.trim().is_empty() {
        named
    } else {
        format!("{named} · {}", s.name.trim())
    }
}

/// Which way a measure is good for the partner.
#[derive(Clone, Copy)]
enum Good {
    Lower,
    Higher,
}

fn money_diff(
    base: Decimal,
    v: Decimal,
    good: Good,
    pay: bool,
    c: &str,
    lang: Lang,
) -> (Tone, String) {
    let d = v - base;
    if d.is_zero() {
        return (Tone::Same, lang.t(Key::DiffSame).to_string());
    }
    let amount = money(d.abs(), c);
    let up = d > Decimal::ZERO;
    let tone = match (good, up) {
        (Good::Higher, true) | (Good::Lower, false) => Tone::Better,
        _ => Tone::Worse,
    };
    let key = match (pay, up) {
        (true, true) => Key::DiffMorePay,
        (true, false) => Key::DiffLessPay,
        (false, true) => Key::DiffMore,
        (false, false) => Key::DiffLess,
    };
    let sign = if up { "+" } else { "−" };
    (
        tone,
        format!("{sign} {}", fill(key, lang, &[("amount", &amount)])),
    )
}

fn points_diff(base: Decimal, v: Decimal, lang: Lang) -> (Tone, String) {
    let d = (v - base) * Decimal::ONE_HUNDRED;
    if d.is_zero() {
        return (Tone::Same, lang.t(Key::DiffSame).to_string());
    }
    let points = d
        .abs()
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string();
    if d > Decimal::ZERO {
        (
            Tone::Better,
            format!(
                "+ {}",
                fill(Key::DiffPointsUp, lang, &[("points", &points)])
            ),
        )
    } else {
        (
            Tone::Worse,
            format!(
                "− {}",
                fill(Key::DiffPointsDown, lang, &[("points", &points)])
            ),
        )
    }
}

/// Approved best, blocked worst (the engine lists them in that order).
fn rank(d: Decision) -> usize {
    Decision::ALL
        .iter()
        .position(|x| *x == d)
        .unwrap_or(Decision::ALL.len())
}

/// Reads a figure off a quote (`None`: the quote has no such figure).
type Read<'a> = Box<dyn Fn(&Quote) -> Option<Decimal> + 'a>;
/// Shows a figure.
type Show<'a> = Box<dyn Fn(Decimal) -> String + 'a>;
/// Says how a figure differs from the first scenario's.
type Differ<'a> = Box<dyn Fn(Decimal, Decimal) -> (Tone, String) + 'a>;

/// One measure: its value in each quote, and how to compare it.
struct Measure<'a> {
    label: String,
    testid: String,
    value: Read<'a>,
    show: Show<'a>,
    diff: Differ<'a>,
}

pub fn compare(
    scenarios: &[std::rc::Rc<Scenario>],
    current: usize,
    policy: &PreparedPolicy,
    account: &Account,
    lang: Lang,
) -> Comparison {
    let quotes: Vec<Option<&Quote>> = scenarios.iter().map(|s| s.quote.as_deref()).collect();
    let c = quotes
        .iter()
        .flatten()
        .next()
        .map_or("CNY".to_string(), |q| q.currency.clone());
    let c = c.as_str();
    let columns = scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| Column {
            title: title(s, lang),
            editing: i == current,
            simulation: s.is_simulation(account).then(|| {
                let level = s.what_if_level.as_deref().unwrap_or_default();
                let name = policy.level(level).map_or(level.to_string(), |l| {
                    lang.pick(&l.name.zh, &l.name.en).to_string()
                });
                fill(Key::WhatIfNotice, lang, &[("level", &name)])
            }),
            stale: !s.messages.is_empty(),
        })
        .collect();
    let mut measures: Vec<Measure> = vec![
        Measure {
            label: lang.t(Key::Payable).into(),
            testid: "payable".into(),
            value: Box::new(|q| Some(q.totals.payable)),
            show: Box::new(move |v| money(v, c)),
            diff: Box::new(move |b, v| money_diff(b, v, Good::Lower, true, c, lang)),
        },
        Measure {
            label: lang.t(Key::ListAmount).into(),
            testid: "list".into(),
            value: Box::new(|q| Some(q.totals.list_amount)),
            show: Box::new(move |v| money(v, c)),
            diff: Box::new(move |b, v| money_diff(b, v, Good::Lower, false, c, lang)),
        },
        Measure {
            label: lang.t(Key::DiscountAmount).into(),
            testid: "discount".into(),
            value: Box::new(|q| Some(q.totals.discount_amount)),
            show: Box::new(move |v| money(v, c)),
            diff: Box::new(move |b, v| money_diff(b, v, Good::Higher, false, c, lang)),
        },
    ];
    // Every program any scenario earns under, in the order quoted.
    let mut programs: Vec<(String, String)> = Vec::new();
    for q in quotes.iter().flatten() {
        for r in &q.rebates {
            if !programs.iter().any(|(id, _)| id == &r.program) {
                programs.push((
                    r.program.clone(),
                    lang.pick(&r.name.zh, &r.name.en).to_string(),
                ));
            }
        }
    }
    for (id, name) in &programs {
        let id2 = id.clone();
        measures.push(Measure {
            label: fill(Key::ScenarioRebateImpact, lang, &[("program", name)]),
            testid: format!("rebate-{id}"),
            value: Box::new(move |q| {
                q.rebates
                    .iter()
                    .find(|r| r.program == *id2)
                    .map(|r| r.impact)
            }),
            show: Box::new(move |v| money(v, c)),
            diff: Box::new(move |b, v| money_diff(b, v, Good::Higher, false, c, lang)),
        });
        let id3 = id.clone();
        measures.push(Measure {
            label: fill(Key::ScenarioAttainmentAfter, lang, &[("program", name)]),
            testid: format!("attainment-{id}"),
            value: Box::new(move |q| {
                q.rebates
                    .iter()
                    .find(|r| r.program == *id3)
                    .map(|r| r.attainment_after)
            }),
            show: Box::new(percent),
            diff: Box::new(move |b, v| points_diff(b, v, lang)),
        });
    }
    measures.push(Measure {
        label: lang.t(Key::ScenarioPrepayment).into(),
        testid: "prepayment".into(),
        value: Box::new(|q| Some(q.credit.required_prepayment)),
        show: Box::new(move |v| money(v, c)),
        diff: Box::new(move |b, v| money_diff(b, v, Good::Lower, false, c, lang)),
    });
    measures.push(Measure {
        label: lang.t(Key::NetMargin).into(),
        testid: "net-margin".into(),
        value: Box::new(|q| q.margin.as_ref().map(|m| m.net_margin)),
        show: Box::new(move |v| money(v, c)),
        diff: Box::new(move |b, v| money_diff(b, v, Good::Higher, false, c, lang)),
    });
    measures.push(Measure {
        label: lang.t(Key::NetMarginPct).into(),
        testid: "net-margin-pct".into(),
        value: Box::new(|q| q.margin.as_ref().and_then(|m| m.net_margin_pct)),
        show: Box::new(percent),
        diff: Box::new(move |b, v| points_diff(b, v, lang)),
    });
    let none = || lang.t(Key::ScenarioNoQuote).to_string();
    let mut rows: Vec<Row> = Vec::with_capacity(measures.len() + 1);
    for m in &measures {
        let base = quotes.first().copied().flatten().and_then(|q| (m.value)(q));
        let cells = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let v = q.and_then(|q| (m.value)(q));
                Cell {
                    value: v.map_or_else(
                        || if q.is_some() { "—".into() } else { none() },
                        |v| (m.show)(v),
                    ),
                    diff: match (i, base, v) {
                        (0, _, _) => None,
                        (_, Some(b), Some(v)) => Some((m.diff)(b, v)),
                        _ => None,
                    },
                }
            })
            .collect();
        rows.push(Row {
            label: m.label.clone(),
            testid: m.testid.clone(),
            cells,
        });
    }
    // The credit decision in words, compared by how good it is.
    let base = quotes.first().copied().flatten().map(|q| q.credit.decision);
    rows.insert(
        1,
        Row {
            label: lang.t(Key::ScenarioCredit).into(),
            testid: "credit".into(),
            cells: quotes
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let d = q.map(|q| q.credit.decision);
                    Cell {
                        value: d.map_or_else(none, |d| lang.t(decision(d)).to_string()),
                        diff: match (i, base, d) {
                            (0, _, _) => None,
                            (_, Some(b), Some(d)) => Some(match rank(d).cmp(&rank(b)) {
                                std::cmp::Ordering::Equal => {
                                    (Tone::Same, lang.t(Key::DiffSame).into())
                                }
                                std::cmp::Ordering::Less => {
                                    (Tone::Better, format!("↑ {}", lang.t(Key::DiffCreditBetter)))
                                }
                                std::cmp::Ordering::Greater => {
                                    (Tone::Worse, format!("↓ {}", lang.t(Key::DiffCreditWorse)))
                                }
                            }),
                            _ => None,
                        },
                    }
                })
                .collect(),
        },
    );
    Comparison { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draft::Draft;
    use crate::app::test_support::spec;
    use std::rc::Rc;

    fn setup() -> (PreparedPolicy, Account) {
        (
            PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap(),
            Account::from_json_bytes(&spec("accounts/gold-rebate.json")).unwrap(),
        )
    }

    fn scenario(letter: char, users: u32, p: &PreparedPolicy, a: &Account) -> Rc<Scenario> {
        let mut s = Scenario::new(letter, Draft::new("2026-11-20"));
        let key = s.draft.add_line("ERP-USER", users);
        s.draft.line_mut(key).unwrap().resale = "1500.00".into();
        s.requote(p, a);
        Rc::new(s)
    }

    fn row<'a>(c: &'a Comparison, testid: &str) -> &'a Row {
        c.rows.iter().find(|r| r.testid == testid).unwrap()
    }

    #[test]
    fn later_columns_say_how_they_differ_from_the_first_in_words_and_sign() {
        let (p, a) = setup();
        let one = scenario('A', 10, &p, &a);
        let two = scenario('B', 20, &p, &a);
        let c = compare(&[one.clone(), two.clone()], 1, &p, &a, Lang::Zh);
        assert_eq!(c.columns[0].title, "方案 A");
        assert!(c.columns[1].editing);
        let payable = row(&c, "payable");
        assert_eq!(payable.cells[0].diff, None);
        let (tone, words) = payable.cells[1].diff.clone().unwrap();
        assert_eq!(tone, Tone::Worse);
        let more =
            two.quote.as_ref().unwrap().totals.payable - one.quote.as_ref().unwrap().totals.payable;
        assert_eq!(words, format!("+ 多付 {}", money(more, "CNY")));
        let en = compare(&[one.clone(), two], 1, &p, &a, Lang::En);
        let (_, words) = row(&en, "payable").cells[1].diff.clone().unwrap();
        assert_eq!(words, format!("+ {} more to pay", money(more, "CNY")));
        // The same order twice: the same, said in words.
        let same = compare(&[one.clone(), one], 0, &p, &a, Lang::En);
        assert_eq!(
            row(&same, "payable").cells[1].diff.clone().unwrap(),
            (Tone::Same, "same as baseline".into())
        );
    }

    #[test]
    fn a_simulated_level_is_marked_and_priced_at_that_level() {
        let (p, a) = setup();
        let own = scenario('A', 10, &p, &a);
        let mut sim = (*own).clone();
        sim.letter = 'B';
        let other = p.policy.levels.iter().find(|l| l.id != a.level).unwrap();
        sim.what_if_level = Some(other.id.to_string());
        sim.requote(&p, &a);
        assert_eq!(sim.quote.as_ref().unwrap().partner.level, other.id.as_str());
        let c = compare(&[own, Rc::new(sim)], 0, &p, &a, Lang::Zh);
        assert!(c.columns[0].simulation.is_none());
        let notice = c.columns[1].simulation.clone().unwrap();
        assert!(
            notice.contains("模拟") && notice.contains(&other.name.zh),
            "{notice}"
        );
    }

    #[test]
    fn every_rebate_program_and_the_credit_decision_have_a_row() {
        let (p, a) = setup();
        let one = scenario('A', 10, &p, &a);
        let c = compare(std::slice::from_ref(&one), 0, &p, &a, Lang::En);
        for r in &one.quote.as_ref().unwrap().rebates {
            assert!(c
                .rows
                .iter()
                .any(|row| row.testid == format!("rebate-{}", r.program)));
            assert!(c
                .rows
                .iter()
                .any(|row| row.testid == format!("attainment-{}", r.program)));
        }
        assert_eq!(c.rows[1].testid, "credit");
        assert_eq!(c.rows[1].cells[0].value, "Approved");
    }
}
