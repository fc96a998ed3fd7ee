//! What the business-plan studio shows, from the engine's
//! [`PlanResult`] as plain values (texts already translated). Every figure
//! is the engine's; this only formats them, and words the difference in
//! net profit between neighbouring levels. Pure functions with native
//! tests; the studio's components only render these.

use crate::app::format::{money, percent_opt};
use crate::app::i18n::{fill, Key, Lang};
use crate::app::view_model::rebates;
use crate::engine::plan::{LevelPlan, PlanTotals};
use crate::engine::pricing::index::PreparedPolicy;
use crate::engine::PlanResult;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// One row of the levels table: a figure, one value per level.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanRow {
    pub label: &'static str,
    pub testid: &'static str,
    pub values: Vec<String>,
    pub strong: bool,
}

/// The levels side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelsView {
    pub title: String,
    pub partner: String,
    /// The column headings: each level's name, in the plan's order.
    pub levels: Vec<String>,
    pub rows: Vec<PlanRow>,
    /// For each pair of neighbouring levels, what moving from the first to
    /// the second does to net profit, in one sentence.
    pub moves: Vec<String>,
}

fn level_name(l: &LevelPlan, lang: Lang) -> String {
    l.name.get(lang.is_en()).to_string()
}

/// How a figure is shown.
enum Shown {
    Money(Decimal),
    /// `—` when the engine gives none (e.g. no staff, no contribution).
    MoneyOrNone(Option<Decimal>),
    Percent(Option<Decimal>),
}

type Figure = (Key, &'static str, fn(&PlanTotals) -> Shown, bool);

/// The rows of the levels table, top to bottom: label, test id, value,
/// whether it stands out.
const FIGURES: &[Figure] = &[
    (
        Key::PlanTotalRevenue,
        "plan-total-revenue",
        |t| Shown::Money(t.total_revenue),
        false,
    ),
    (
        Key::PlanPurchase,
        "plan-purchase",
        |t| Shown::Money(t.purchase),
        false,
    ),
    (
        Key::FrontMargin,
        "plan-front-margin",
        |t| Shown::Money(t.front_margin),
        false,
    ),
    (
        Key::BackMargin,
        "plan-back-margin",
        |t| Shown::Money(t.back_margin),
        false,
    ),
    (
        Key::PlanServicesMargin,
        "plan-services-margin",
        |t| Shown::Money(t.services_margin),
        false,
    ),
    (Key::PlanMdf, "plan-mdf", |t| Shown::Money(t.mdf), false),
    (
        Key::FinancingCost,
        "plan-financing",
        |t| Shown::Money(t.financing_cost),
        false,
    ),
    (
        Key::PlanContribution,
        "plan-contribution",
        |t| Shown::Money(t.contribution),
        false,
    ),
    (
        Key::PlanFixedCosts,
        "plan-fixed-costs",
        |t| Shown::Money(t.fixed_costs),
        false,
    ),
    (
        Key::PlanNetProfit,
        "plan-net-profit",
        |t| Shown::Money(t.net_profit),
        true,
    ),
    (
        Key::PlanNetProfitPct,
        "plan-net-profit-pct",
        |t| Shown::Percent(t.net_profit_pct),
        true,
    ),
    // Per yuan, to the fen: ¥0.24 for 0.2414.
    (
        Key::PlanProfitPerVendorYuan,
        "plan-profit-per-vendor-yuan",
        |t| Shown::MoneyOrNone(t.profit_per_vendor_yuan),
        false,
    ),
    (
        Key::PlanBreakEven,
        "plan-break-even",
        |t| Shown::MoneyOrNone(t.break_even_revenue),
        false,
    ),
    (
        Key::PlanRevenuePerStaff,
        "plan-revenue-per-staff",
        |t| Shown::MoneyOrNone(t.revenue_per_staff),
        false,
    ),
];

pub fn levels(r: &PlanResult, policy: &PreparedPolicy, lang: Lang) -> LevelsView {
    let c = policy.policy.currency.as_str();
    let amount = |v: Decimal| money(v, c);
    let show = |shown: Shown| match shown {
        Shown::Money(v) => amount(v),
        Shown::MoneyOrNone(v) => v.map_or_else(|| "—".to_string(), amount),
        Shown::Percent(v) => percent_opt(v),
    };
    let rows = FIGURES
        .iter()
        .map(|&(key, testid, value, strong)| PlanRow {
            label: lang.t(key),
            testid,
            values: r.levels.iter().map(|l| show(value(&l.totals))).collect(),
            strong,
        })
        .collect();
    let moves = r
        .levels
        .windows(2)
        .filter_map(|pair| {
            let (from, to) = (&pair[0], &pair[1]);
            let diff = to.totals.net_profit.checked_sub(from.totals.net_profit)?;
            let key = match diff.cmp(&Decimal::ZERO) {
                Ordering::Greater => Key::PlanMoveGain,
                Ordering::Less => Key::PlanMoveLoss,
                Ordering::Equal => Key::PlanMoveSame,
            };
            Some(fill(
                key,
                lang,
                &[
                    ("from", &level_name(from, lang)),
                    ("to", &level_name(to, lang)),
                    ("amount", &amount(diff.abs())),
                ],
            ))
        })
        .collect();
    LevelsView {
        title: r.title.as_str().to_string(),
        partner: r.partner_name.as_str().to_string(),
        levels: r.levels.iter().map(|l| level_name(l, lang)).collect(),
        rows,
        moves,
    }
}

/// One period of the level shown.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodRow {
    pub label: String,
    pub date: String,
    pub purchase: String,
    pub revenue: String,
    pub contribution: String,
    /// Each rebate of the period's quote: its attainment before → after
    /// and what its next tier needs (the order calculator's words).
    pub rebates: Vec<String>,
}

/// The periods of one level.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodsView {
    pub caption: String,
    pub rows: Vec<PeriodRow>,
}

/// The periods of the result's level at `level`; `None` out of range.
pub fn periods(
    r: &PlanResult,
    level: usize,
    policy: &PreparedPolicy,
    lang: Lang,
) -> Option<PeriodsView> {
    let l = r.levels.get(level)?;
    let c = policy.policy.currency.as_str();
    let rows = l
        .periods
        .iter()
        .map(|p| {
            let rebates: Vec<String> = rebates(&p.quote, policy, lang)
                .into_iter()
                .map(|v| {
                    fill(
                        Key::PlanPeriodRebate,
                        lang,
                        &[
                            ("name", &v.name),
                            ("attainment", &v.attainment),
                            ("nudge", &v.nudge),
                        ],
                    )
                })
                .collect();
            PeriodRow {
                label: p.label.as_str().to_string(),
                date: p.date.to_string(),
                purchase: money(p.figures.purchase, c),
                revenue: money(p.figures.revenue, c),
                contribution: money(p.figures.contribution, c),
                rebates: if rebates.is_empty() {
                    vec![lang.t(Key::PlanNoRebates).to_string()]
                } else {
                    rebates
                },
            }
        })
        .collect();
    Some(PeriodsView {
        caption: fill(
            Key::PlanPeriodsCaption,
            lang,
            &[("level", &level_name(l, lang))],
        ),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::demo;
    use crate::engine::{plan, Plan};

    fn demo_result() -> (PreparedPolicy, PlanResult) {
        let policy = demo::policy().prepared;
        let r = plan(&policy, &demo::plan().plan).unwrap();
        (policy, r)
    }

    use crate::app::test_support::spec;

    /// PLAN.md's example (silver, gold), optionally with its levels reversed.
    fn q4(reversed: bool) -> (PreparedPolicy, PlanResult) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let mut text = String::from_utf8(spec("plans/q4.json")).unwrap();
        if reversed {
            text = text.replace(r#"["silver", "gold"]"#, r#"["gold", "silver"]"#);
        }
        let r = plan(&policy, &Plan::from_json_text(&text).unwrap()).unwrap();
        (policy, r)
    }

    fn row<'a>(v: &'a LevelsView, testid: &str) -> &'a [String] {
        &v.rows.iter().find(|r| r.testid == testid).unwrap().values
    }

    #[test]
    fn the_demo_plan_side_by_side_in_chinese() {
        let (policy, r) = demo_result();
        let v = levels(&r, &policy, Lang::Zh);
        assert_eq!(v.title, "神州汇通 · 2026 年 10 月至 2027 年 3 月经营测算");
        assert_eq!(v.partner, "神州汇通分销有限公司");
        assert_eq!(
            v.levels,
            ["注册代理商", "银牌代理商", "金牌代理商", "一级分销"]
        );
        let labels: Vec<&str> = v.rows.iter().map(|r| r.label).collect();
        assert_eq!(
            labels,
            [
                "总收入（含服务）",
                "向厂商采购",
                "前端毛利",
                "后端返利",
                "服务毛利",
                "市场发展基金（MDF）",
                "资金占用成本",
                "贡献利润",
                "固定成本",
                "净利润",
                "净利润率",
                "厂商每赚 ¥1，伙伴留存",
                "盈亏平衡收入",
                "人均收入",
            ]
        );
        assert_eq!(
            row(&v, "plan-net-profit"),
            ["¥169,616.98", "¥303,856.68", "¥375,334.27", "¥483,314.92"]
        );
        assert_eq!(
            row(&v, "plan-net-profit-pct"),
            ["8.02 %", "14.36 %", "17.74 %", "22.85 %"]
        );
        assert_eq!(
            row(&v, "plan-contribution"),
            ["¥449,616.98", "¥583,856.68", "¥655,334.27", "¥763,314.92"]
        );
        assert_eq!(
            row(&v, "plan-front-margin"),
            ["¥302,244.12", "¥439,588.57", "¥522,892.08", "¥632,159.00"]
        );
        assert_eq!(
            row(&v, "plan-back-margin"),
            ["¥37,230.01", "¥33,447.94", "¥21,211.21", "¥19,386.09"]
        );
        assert_eq!(row(&v, "plan-services-margin"), ["¥88,000.00"; 4]);
        assert_eq!(row(&v, "plan-mdf"), ["¥30,000.00"; 4]);
        assert_eq!(
            row(&v, "plan-financing"),
            ["¥7,857.15", "¥7,179.83", "¥6,769.02", "¥6,230.17"]
        );
        assert_eq!(row(&v, "plan-fixed-costs"), ["¥280,000.00"; 4]);
        assert_eq!(
            row(&v, "plan-profit-per-vendor-yuan"),
            ["¥0.11", "¥0.21", "¥0.27", "¥0.38"]
        );
        assert_eq!(
            row(&v, "plan-break-even"),
            [
                "¥1,317,432.46",
                "¥1,014,529.80",
                "¥903,874.60",
                "¥776,009.99"
            ]
        );
        assert_eq!(row(&v, "plan-revenue-per-staff"), ["¥528,875.00"; 4]);
        assert_eq!(row(&v, "plan-total-revenue"), ["¥2,115,500.00"; 4]);
        assert_eq!(
            v.moves,
            [
                "从注册代理商到银牌代理商，本测算期内多赚 ¥134,239.70",
                "从银牌代理商到金牌代理商，本测算期内多赚 ¥71,477.59",
                "从金牌代理商到一级分销，本测算期内多赚 ¥107,980.65",
            ]
        );
    }

    #[test]
    fn the_demo_plan_side_by_side_in_english() {
        let (policy, r) = demo_result();
        let v = levels(&r, &policy, Lang::En);
        assert_eq!(
            v.levels,
            [
                "Registered reseller",
                "Silver reseller",
                "Gold reseller",
                "Distributor"
            ]
        );
        assert_eq!(v.rows[9].label, "Net profit");
        assert_eq!(
            v.rows[11].label,
            "For every ¥1 the vendor earns, the partner keeps"
        );
        assert_eq!(
            v.moves,
            [
                "Moving from Registered reseller to Silver reseller is worth ¥134,239.70 over this plan",
                "Moving from Silver reseller to Gold reseller is worth ¥71,477.59 over this plan",
                "Moving from Gold reseller to Distributor is worth ¥107,980.65 over this plan",
            ]
        );
    }

    #[test]
    fn a_move_down_is_worded_as_a_loss_and_the_plan_example_reads_as_in_plan_md() {
        let (policy, r) = q4(false);
        let v = levels(&r, &policy, Lang::Zh);
        assert_eq!(row(&v, "plan-net-profit"), ["¥158,769.43", "¥199,687.27"]);
        assert_eq!(row(&v, "plan-profit-per-vendor-yuan"), ["¥0.18", "¥0.24"]);
        assert_eq!(v.moves, ["从银牌到金牌，本测算期内多赚 ¥40,917.84"]);
        assert_eq!(
            levels(&r, &policy, Lang::En).moves,
            ["Moving from Silver to Gold is worth ¥40,917.84 over this plan"]
        );
        let (policy, r) = q4(true);
        assert_eq!(
            levels(&r, &policy, Lang::Zh).moves,
            ["从金牌到银牌，本测算期内少赚 ¥40,917.84"]
        );
        assert_eq!(
            levels(&r, &policy, Lang::En).moves,
            ["Moving from Gold to Silver costs ¥40,917.84 over this plan"]
        );
    }

    #[test]
    fn the_periods_of_gold_end_just_short_of_the_rebate_tier() {
        let (policy, r) = demo_result();
        let v = periods(&r, 2, &policy, Lang::Zh).unwrap();
        assert_eq!(
            v.caption,
            "金牌代理商：每期的采购、收入、贡献利润，以及返利下一档还差多少"
        );
        let labels: Vec<&str> = v.rows.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
        );
        let march = &v.rows[5];
        assert_eq!(march.date, "2027-03-15");
        assert_eq!(march.purchase, "¥289,885.69");
        assert_eq!(march.revenue, "¥411,500.00");
        assert_eq!(march.contribution, "¥170,938.37");
        assert_eq!(
            march.rebates,
            [
                "软件与云季度返利（78.70 % → 99.85 %）：再采购 ¥1,486.38 的软件和云服务产品即可达到 100.00 %，多得返利 ¥10,029.73。",
                "硬件阶梯返利（59.15 % → 74.82 %）：再采购 ¥125,905.70 的硬件产品即可达到 100.00 %，多得返利 ¥1,259.06。",
            ]
        );
        let en = periods(&r, 2, &policy, Lang::En).unwrap();
        assert_eq!(
            en.rows[5].rebates[0],
            "Software & cloud quarterly rebate (78.70 % → 99.85 %): Buy ¥1,486.38 more of software and cloud to reach 100.00 % and earn ¥10,029.73 more."
        );
        assert!(periods(&r, 4, &policy, Lang::Zh).is_none());
    }

    #[test]
    fn a_period_outside_every_rebate_program_says_so() {
        // PLAN.md's August lies outside both Q4 programs.
        let (policy, r) = q4(false);
        let v = periods(&r, 0, &policy, Lang::En).unwrap();
        assert_eq!(v.rows[0].label, "2026-08");
        assert_eq!(v.rows[0].rebates, ["No rebate program covers this period."]);
    }
}
