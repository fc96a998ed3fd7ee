//! The business plan (PLAN.md P2–P3): each period's order is quoted by the
//! engine's real [`quote`] at each level — the plan has no pricing formula
//! of its own, so a plan and a quote can never disagree on a price — and
//! the partner's services, market funds and fixed costs are added around
//! the quotes' margin figures with exact, checked arithmetic.

use crate::documents::account::RebateProgress;
use crate::documents::plan::{FixedCosts, Plan, PlanPeriod, PLAN_PARTNER_ID};
use crate::documents::policy::{Level, RebateProgram};
use crate::documents::{Date, Id, Localized, Order};
use crate::fields::{Label, Title};
use crate::money::checked::{add, div, mul, sub, Calc, CalcError};
use crate::money::rounding::round_up_money;
use crate::money::{Money, RoundingMode};
use crate::pricing::index::PreparedPolicy;
use crate::problem::{at, index, Document, JsonPath, Problem, Problems};
use crate::quote::{quote, PolicyRef, Quote};
use crate::validate::plan::{check, check_against, QuoteSite};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

pub const PLAN_RESULT_SCHEMA: &str = "channel-plan-result/1";

/// What a plan earns the partner at each level (`channel-plan-result/1`).
/// Every field is always present; money carries 2 places and ratios 4, as
/// strings, exactly as in a quote.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanResult {
    /// Always `channel-plan-result/1`.
    pub schema: &'static str,
    pub title: Title,
    pub partner_name: Title,
    pub policy: PolicyRef,
    /// The levels compared, in the plan's order (or the policy's).
    pub levels: Vec<LevelPlan>,
}

/// The plan at one level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelPlan {
    pub level: String,
    pub name: Localized,
    /// In plan order.
    pub periods: Vec<PeriodResult>,
    pub totals: PlanTotals,
}

/// One period at one level: its quote and the figures taken from it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodResult {
    pub label: Label,
    pub date: Date,
    /// The period's quote; written with `credit: null`, since a plan does
    /// not evaluate credit (the synthetic account has none).
    #[serde(serialize_with = "quote_without_credit")]
    pub quote: Quote,
    #[serde(flatten)]
    pub figures: PeriodFigures,
}

fn quote_without_credit<S: Serializer>(q: &Quote, s: S) -> Result<S::Ok, S::Error> {
    q.without_credit().serialize(s)
}

/// A period's money figures (P2.5), exact sums of quote figures and the
/// plan's own amounts. Summed over the periods they begin the totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PeriodFigures {
    /// The quote's `margin.purchase_cost`.
    pub purchase: Decimal,
    /// The quote's `margin.revenue`.
    pub revenue: Decimal,
    pub front_margin: Decimal,
    /// The quote's `margin.back_margin`: Σ rebate `impact`.
    pub back_margin: Decimal,
    pub financing_cost: Decimal,
    pub services_revenue: Decimal,
    /// `services_revenue − services_cost`; negative when services lose money.
    pub services_margin: Decimal,
    pub mdf: Decimal,
    /// `front_margin + back_margin − financing_cost + services_margin + mdf`.
    pub contribution: Decimal,
}

impl PeriodFigures {
    /// The figures of one period's quote (its margin is always computed:
    /// every plan line has a resale price).
    pub fn of(q: &Quote, period: &PlanPeriod, mode: RoundingMode) -> Calc<PeriodFigures> {
        let m = q.margin.as_ref().ok_or(CalcError::Broken(
            "a plan period quoted without a margin although every line has a resale price",
        ))?;
        let services_revenue = period.services_revenue.value();
        let services_margin = sub(services_revenue, period.services_cost.value())?;
        let mdf = period.mdf.value();
        let contribution = add(
            add(
                sub(add(m.front_margin, m.back_margin)?, m.financing_cost)?,
                services_margin,
            )?,
            mdf,
        )?;
        Ok(PeriodFigures {
            purchase: money(mode, m.purchase_cost),
            revenue: money(mode, m.revenue),
            front_margin: money(mode, m.front_margin),
            back_margin: money(mode, m.back_margin),
            financing_cost: money(mode, m.financing_cost),
            services_revenue: money(mode, services_revenue),
            services_margin: money(mode, services_margin),
            mdf: money(mode, mdf),
            contribution: money(mode, contribution),
        })
    }

    /// Figure by figure, `self + other`.
    pub fn plus(&self, o: &PeriodFigures) -> Calc<PeriodFigures> {
        Ok(PeriodFigures {
            purchase: add(self.purchase, o.purchase)?,
            revenue: add(self.revenue, o.revenue)?,
            front_margin: add(self.front_margin, o.front_margin)?,
            back_margin: add(self.back_margin, o.back_margin)?,
            financing_cost: add(self.financing_cost, o.financing_cost)?,
            services_revenue: add(self.services_revenue, o.services_revenue)?,
            services_margin: add(self.services_margin, o.services_margin)?,
            mdf: add(self.mdf, o.mdf)?,
            contribution: add(self.contribution, o.contribution)?,
        })
    }
}

/// A level's totals (P2.6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanTotals {
    pub purchase: Decimal,
    pub revenue: Decimal,
    pub services_revenue: Decimal,
    /// `revenue + services_revenue`.
    pub total_revenue: Decimal,
    pub front_margin: Decimal,
    pub back_margin: Decimal,
    pub financing_cost: Decimal,
    pub services_margin: Decimal,
    pub mdf: Decimal,
    pub contribution: Decimal,
    /// `staff × cost_per_staff + other`.
    pub fixed_costs: Decimal,
    /// `contribution − fixed_costs`.
    pub net_profit: Decimal,
    /// `net_profit / total_revenue`; `None` when there is no revenue.
    pub net_profit_pct: Option<Decimal>,
    /// What the vendor earns from this partner: the purchases.
    pub vendor_revenue: Decimal,
    /// `net_profit / vendor_revenue`: for every ¥1 the vendor earns, what
    /// the partner keeps; `None` when the partner buys nothing.
    pub profit_per_vendor_yuan: Option<Decimal>,
    /// The total revenue at which net profit is zero, holding the plan's
    /// mix: `round_up(fixed_costs × total_revenue / contribution)`; `None`
    /// when nothing contributes (`contribution ≤ 0`).
    pub break_even_revenue: Option<Decimal>,
    /// `total_revenue / staff`; `None` without staff.
    pub revenue_per_staff: Option<Decimal>,
}

/// The totals of a level from the sum of its periods' figures (P2.6).
pub fn totals(sum: &PeriodFigures, fixed: &FixedCosts, mode: RoundingMode) -> Calc<PlanTotals> {
    let staff = Decimal::from(fixed.staff);
    let fixed_costs = add(
        mul(staff, fixed.cost_per_staff.value())?,
        fixed.other.value(),
    )?;
    let net_profit = sub(sum.contribution, fixed_costs)?;
    let total_revenue = add(sum.revenue, sum.services_revenue)?;
    // A plan that contributes nothing never breaks even, whatever its fixed
    // costs (P2.6: this takes precedence over the zero-cost case).
    let break_even_revenue = if sum.contribution <= Decimal::ZERO {
        None
    } else if fixed_costs.is_zero() {
        Some(money(mode, Decimal::ZERO))
    } else {
        // Multiply before divide (SPEC §1); rounded up so that reaching
        // the figure really breaks even.
        let raw = div(mul(fixed_costs, total_revenue)?, sum.contribution)?;
        Some(unsigned_zero(round_up_money(raw)))
    };
    let revenue_per_staff = if staff.is_zero() {
        None
    } else {
        Some(money(mode, div(total_revenue, staff)?))
    };
    Ok(PlanTotals {
        purchase: money(mode, sum.purchase),
        revenue: money(mode, sum.revenue),
        services_revenue: money(mode, sum.services_revenue),
        total_revenue: money(mode, total_revenue),
        front_margin: money(mode, sum.front_margin),
        back_margin: money(mode, sum.back_margin),
        financing_cost: money(mode, sum.financing_cost),
        services_margin: money(mode, sum.services_margin),
        mdf: money(mode, sum.mdf),
        contribution: money(mode, sum.contribution),
        fixed_costs: money(mode, fixed_costs),
        net_profit: money(mode, net_profit),
        net_profit_pct: ratio(net_profit, total_revenue, mode)?,
        vendor_revenue: money(mode, sum.purchase),
        profit_per_vendor_yuan: ratio(net_profit, sum.purchase, mode)?,
        break_even_revenue,
        revenue_per_staff,
    })
}

/// Money as output: 2 places under the policy's rounding, and a zero never
/// signed — a value that rounds to zero prints `0.00`, not `-0.00` (P2).
fn money(mode: RoundingMode, value: Decimal) -> Decimal {
    unsigned_zero(mode.money(value))
}

/// `part / whole` to 4 places, unsigned when it rounds to zero; `None`
/// when `whole` is zero.
fn ratio(part: Decimal, whole: Decimal, mode: RoundingMode) -> Calc<Option<Decimal>> {
    if whole.is_zero() {
        Ok(None)
    } else {
        Ok(Some(unsigned_zero(mode.four(div(part, whole)?))))
    }
}

/// Drops the sign of a zero (a decimal can carry one: `-0.00`).
fn unsigned_zero(mut value: Decimal) -> Decimal {
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    value
}

/// Plans `plan` under `policy` (PLAN.md P2): for each level, each period's
/// order quoted with a synthetic account whose rebate progress carries the
/// earlier periods' purchases. Err: every problem, each once, at a plan
/// path (or the policy's, for a fault in the policy). Never panics.
pub fn plan(policy: &PreparedPolicy, plan: &Plan) -> Result<PlanResult, Vec<Problem>> {
    // A plan built in code gets the same checks as a file (as a policy
    // does in `PreparedPolicy::new`).
    let mut own = Problems::new(Document::Plan);
    check(plan, &mut own);
    let mut problems = own.into_vec();
    problems.extend(check_against(policy, plan));
    if !problems.is_empty() {
        return Err(problems);
    }
    let broken = |what| vec![calc_problem(CalcError::Broken(what), JsonPath::root())];
    let partner_id = Id::new(PLAN_PARTNER_ID).map_err(|_| broken("the plan's partner id"))?;
    let levels: Vec<(Option<usize>, &Level)> = match &plan.levels {
        Some(ids) => ids
            .iter()
            .enumerate()
            .map(|(i, id)| policy.level(id.as_str()).map(|l| (Some(i), l)))
            .collect::<Option<_>>()
            .ok_or_else(|| broken("plan level not in the policy after validation"))?,
        None => policy.policy.levels.iter().map(|l| (None, l)).collect(),
    };
    let programs = plan
        .rebate_targets
        .iter()
        .map(|t| policy.program(t.program.as_str()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| broken("plan rebate program not in the policy after validation"))?;
    let planner = Planner {
        policy,
        plan,
        programs,
        orders: plan.periods.iter().map(|p| plan.order(p)).collect(),
        partner_id,
    };
    let mut found = Found::default();
    let levels: Vec<LevelPlan> = levels
        .into_iter()
        .filter_map(|(i, level)| planner.level(i, level, &mut found))
        .collect();
    if !found.0.is_empty() {
        return Err(found.0);
    }
    let p = &policy.policy;
    Ok(PlanResult {
        schema: PLAN_RESULT_SCHEMA,
        title: plan.title.clone(),
        partner_name: plan.partner_name.clone(),
        policy: PolicyRef {
            id: p.id.as_str().to_string(),
            version: p.version.as_str().to_string(),
            hash: policy.hash.clone(),
        },
        levels,
    })
}

/// Problems the quotes found, each kept once: the same bad figure fails
/// the quote of every level, but the rep fixes it once (P2.4).
#[derive(Default)]
struct Found(Vec<Problem>);

impl Found {
    fn keep(&mut self, problem: Problem) {
        if !self.0.contains(&problem) {
            self.0.push(problem);
        }
    }
}

/// What every level's run shares, built once per plan.
struct Planner<'a> {
    policy: &'a PreparedPolicy,
    plan: &'a Plan,
    /// Per `rebate_targets` entry, its program.
    programs: Vec<&'a RebateProgram>,
    /// Per period, its order (the same at every level).
    orders: Vec<Order>,
    partner_id: Id,
}

impl Planner<'_> {
    /// The plan at one level; `None` when a problem was found (kept in
    /// `found`). A failed period does not stop the run, so every period's
    /// problems are found.
    fn level(
        &self,
        at_index: Option<usize>,
        level: &Level,
        found: &mut Found,
    ) -> Option<LevelPlan> {
        let mode = self.policy.policy.rounding;
        // Per rebate target: bought in its program's period so far (P2.2).
        let mut bought: Vec<Decimal> = self
            .plan
            .rebate_targets
            .iter()
            .map(|t| t.period_to_date.value())
            .collect();
        let mut periods = Vec::with_capacity(self.orders.len());
        let mut failed = false;
        for (i, (period, order)) in self.plan.periods.iter().zip(&self.orders).enumerate() {
            match self.period(i, at_index, level, period, order, &mut bought) {
                Ok(p) => periods.push(p),
                Err(problems) => {
                    failed = true;
                    problems.into_iter().for_each(|p| found.keep(p));
                }
            }
        }
        if failed {
            return None;
        }
        let sum = periods
            .iter()
            .try_fold(PeriodFigures::default(), |acc, p| acc.plus(&p.figures));
        let totals = sum.and_then(|s| totals(&s, &self.plan.fixed_costs, mode));
        match totals {
            Ok(totals) => Some(LevelPlan {
                level: level.id.as_str().to_string(),
                name: level.name.clone(),
                periods,
                totals,
            }),
            Err(e) => {
                found.keep(calc_problem(e, JsonPath::root()));
                None
            }
        }
    }

    /// One period at one level (P2.1–P2.5); adds this quote's rebate
    /// bases to `bought` for the periods after it.
    fn period(
        &self,
        i: usize,
        level_index: Option<usize>,
        level: &Level,
        period: &PlanPeriod,
        order: &Order,
        bought: &mut [Decimal],
    ) -> Result<PeriodResult, Vec<Problem>> {
        let mode = self.policy.policy.rounding;
        let here = || index(&at("periods"), i);
        // The targets whose program's period contains this date, in
        // `rebate_targets` order.
        let targets: Vec<usize> = (0..self.programs.len())
            .filter(|&k| self.programs[k].period.contains(period.date))
            .collect();
        let mut rebates = Vec::with_capacity(targets.len());
        for &k in &targets {
            let t = &self.plan.rebate_targets[k];
            let Some(period_to_date) = Money::new(bought[k]) else {
                return Err(vec![Problem::new(
                    Document::Plan,
                    here(),
                    "overflow",
                    format!("截至本期，返利计划 “{}” 的累计采购超过 10^15", t.program),
                    format!(
                        "purchases counted in rebate program \"{}\" up to this period exceed 10^15",
                        t.program
                    ),
                )]);
            };
            rebates.push(RebateProgress {
                program: t.program.clone(),
                target: t.target,
                period_to_date,
            });
        }
        let account = self
            .plan
            .account(self.partner_id.clone(), level.id.clone(), rebates);
        let site = QuoteSite {
            period: i,
            level: level_index,
            targets: &targets,
        };
        let q = quote(self.policy, &account, order)
            .map_err(|ps| ps.into_iter().map(|p| site.locate(p)).collect::<Vec<_>>())?;
        let calc = |e| vec![calc_problem(e, here())];
        for r in &q.rebates {
            if let Some(&k) = targets
                .iter()
                .find(|&&k| self.plan.rebate_targets[k].program.as_str() == r.program)
            {
                bought[k] = add(bought[k], r.basis).map_err(calc)?;
            }
        }
        let figures = PeriodFigures::of(&q, period, mode).map_err(calc)?;
        Ok(PeriodResult {
            label: period.label.clone(),
            date: period.date,
            quote: q,
            figures,
        })
    }
}

/// Words a failed computation for what really happened, at `path`.
fn calc_problem(e: CalcError, path: JsonPath) -> Problem {
    match e {
        CalcError::Overflow => Problem::new(
            Document::Plan,
            path,
            "overflow",
            "金额过大，无法精确计算（请检查数量和金额）",
            "amounts are too large to compute exactly (check quantities and amounts)",
        ),
        CalcError::Broken(what) => Problem::new(
            Document::Plan,
            JsonPath::root(),
            "internal_error",
            format!("内部错误，请报告此问题：{what}"),
            format!("internal error, please report it: {what}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{Headcount, Qty};
    use crate::Policy;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn policy() -> PreparedPolicy {
        PreparedPolicy::from_json_bytes(include_bytes!("../../tests/spec/policy.json")).unwrap()
    }

    fn q4() -> serde_json::Value {
        serde_json::from_str(include_str!("../../tests/spec/plans/q4.json")).unwrap()
    }

    fn read(v: &serde_json::Value) -> Result<Plan, Vec<Problem>> {
        Plan::from_json_text(&v.to_string())
    }

    fn shown(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(|p| p.location()).collect()
    }

    /// Figures that sum to `contribution` out of `revenue` (no services).
    fn sum(revenue: &str, purchase: &str, contribution: &str) -> PeriodFigures {
        PeriodFigures {
            purchase: d(purchase),
            revenue: d(revenue),
            contribution: d(contribution),
            ..PeriodFigures::default()
        }
    }

    fn fixed(staff: u32, per: &str, other: &str) -> FixedCosts {
        FixedCosts {
            staff: Headcount::new(staff).unwrap(),
            cost_per_staff: Money::parse(per).unwrap(),
            other: Money::parse(other).unwrap(),
        }
    }

    fn json(t: &PlanTotals) -> serde_json::Value {
        serde_json::to_value(t).unwrap()
    }

    #[test]
    fn break_even_is_null_without_contribution_and_zero_without_fixed_costs() {
        let m = RoundingMode::HalfUp;
        // No contribution: null, even with no fixed costs (precedence).
        for c in ["0.00", "-10.00"] {
            let t = totals(&sum("1000.00", "900.00", c), &fixed(0, "0", "0"), m).unwrap();
            assert_eq!(t.break_even_revenue, None, "{c}");
        }
        let t = totals(&sum("1000.00", "900.00", "100.00"), &fixed(0, "0", "0"), m).unwrap();
        assert_eq!(json(&t)["break_even_revenue"], "0.00");
        // 155000 × 1000 / 300 = 516666.666… rounds up, whatever the mode.
        let t = totals(
            &sum("1000.00", "700.00", "300.00"),
            &fixed(1, "155000", "0"),
            m,
        )
        .unwrap();
        assert_eq!(json(&t)["break_even_revenue"], "516666.67");
        let t = totals(
            &sum("1000.00", "700.00", "300.00"),
            &fixed(1, "155000", "0"),
            RoundingMode::HalfEven,
        )
        .unwrap();
        assert_eq!(json(&t)["break_even_revenue"], "516666.67");
        // 100 × 1000 / 300 = 333.333… → 333.34 (up, not nearest).
        let t = totals(
            &sum("1000.00", "700.00", "300.00"),
            &fixed(0, "0", "100"),
            m,
        )
        .unwrap();
        assert_eq!(json(&t)["break_even_revenue"], "333.34");
    }

    #[test]
    fn ratios_are_null_on_a_zero_base() {
        let t = totals(
            &sum("0.00", "0.00", "0.00"),
            &fixed(0, "0", "0"),
            RoundingMode::HalfUp,
        )
        .unwrap();
        let j = json(&t);
        for key in [
            "net_profit_pct",
            "profit_per_vendor_yuan",
            "break_even_revenue",
            "revenue_per_staff",
        ] {
            assert_eq!(j[key], serde_json::Value::Null, "{key}");
        }
        assert_eq!(j["net_profit"], "0.00");
        assert_eq!(j["total_revenue"], "0.00");
    }

    #[test]
    fn losses_print_with_a_minus_and_zero_never_does() {
        let m = RoundingMode::HalfUp;
        // Fixed costs exceed the contribution: a loss.
        let t = totals(&sum("1000.00", "900.00", "100.00"), &fixed(2, "60", "5"), m).unwrap();
        let j = json(&t);
        assert_eq!(j["fixed_costs"], "125.00");
        assert_eq!(j["net_profit"], "-25.00");
        assert_eq!(j["net_profit_pct"], "-0.0250");
        assert_eq!(j["profit_per_vendor_yuan"], "-0.0278");
        assert_eq!(j["revenue_per_staff"], "500.00");
        // A loss of one cent on ten million: the ratio rounds to zero and
        // prints unsigned.
        let t = totals(
            &sum("10000000.00", "1.00", "0.01"),
            &fixed(0, "0", "0.02"),
            m,
        )
        .unwrap();
        let j = json(&t);
        assert_eq!(j["net_profit"], "-0.01");
        assert_eq!(j["net_profit_pct"], "0.0000");
        // A zero carrying a sign (a decimal can) prints as 0.00.
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        assert_eq!(negative_zero.to_string(), "-0.00");
        assert_eq!(money(m, negative_zero).to_string(), "0.00");
        let t = totals(&sum("5.00", "5.00", "0"), &fixed(0, "0", "0"), m).unwrap();
        assert!(!serde_json::to_string(&t).unwrap().contains("-0"));
    }

    #[test]
    fn amounts_beyond_exact_arithmetic_are_a_problem_not_a_panic() {
        // 10^20 of fixed costs × 10^21 of revenue overflows a decimal.
        let huge = sum("1000000000000000000000", "1", "1");
        let t = totals(
            &huge,
            &fixed(100_000, "1000000000000000", "0"),
            RoundingMode::HalfUp,
        );
        assert_eq!(t, Err(CalcError::Overflow));
    }

    #[test]
    fn every_level_of_the_policy_when_none_are_listed() {
        let mut v = q4();
        v.as_object_mut().unwrap().remove("levels");
        let r = plan(&policy(), &read(&v).unwrap()).unwrap();
        let levels: Vec<&str> = r.levels.iter().map(|l| l.level.as_str()).collect();
        assert_eq!(levels, ["distributor", "gold", "silver", "registered"]);
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(j["schema"], "channel-plan-result/1");
        assert_eq!(
            j["levels"][0]["periods"][0]["quote"]["credit"],
            serde_json::Value::Null
        );
        assert_eq!(j["levels"][0]["periods"][0]["label"], "2026-08");
        assert_eq!(j["levels"][0]["periods"][0]["services_revenue"], "20000.00");
        assert_eq!(j["levels"][0]["periods"][0]["mdf"], "0.00");
    }

    #[test]
    fn a_bad_line_is_reported_once_at_its_plan_path_not_once_per_level() {
        let mut v = q4();
        v["periods"][1]["lines"][0]["sku"] = "NOPE".into();
        v["periods"][3]["lines"][1]["sku"] = "NOPE-2".into();
        let problems = plan(&policy(), &read(&v).unwrap()).unwrap_err();
        assert_eq!(
            shown(&problems),
            [
                "plan.periods[1].lines[0].sku",
                "plan.periods[3].lines[1].sku"
            ]
        );
        assert!(problems[0]
            .to_string()
            .contains("the policy has no SKU \"NOPE\""));
    }

    #[test]
    fn order_multiples_are_checked_at_plan_paths() {
        let mut p = Policy::from_json_text(include_str!("../../tests/spec/policy.json")).unwrap();
        let pos = p
            .products
            .iter_mut()
            .find(|x| x.sku.as_str() == "POS-T1")
            .unwrap();
        pos.order_multiple = Qty::new(7).unwrap();
        let policy = PreparedPolicy::new(p, b"edited").unwrap();
        let problems = plan(&policy, &read(&q4()).unwrap()).unwrap_err();
        // POS-T1 × 30 in August and × 120 in November.
        assert_eq!(
            shown(&problems),
            [
                "plan.periods[0].lines[1].qty",
                "plan.periods[2].lines[2].qty"
            ]
        );
        assert_eq!(problems[0].code, "order_multiple");
    }

    #[test]
    fn the_plan_is_checked_on_its_own_and_against_the_policy() {
        let mut v = q4();
        v["levels"] = serde_json::json!(["gold", "platinum", "gold"]);
        v["rebate_targets"][1]["program"] = "REB-Q4".into();
        v["rebate_targets"][0]["period_to_date"] = "1000.00".into();
        v["periods"][3]["date"] = "2026-11-15".into();
        let plan_doc = read(&v);
        // The plan's own checks run when it is read…
        assert_eq!(
            shown(plan_doc.as_ref().unwrap_err()),
            [
                "plan.levels[2]",
                "plan.rebate_targets[1].program",
                "plan.periods[3].date"
            ]
        );
        // …and again for a plan built in code, with the references.
        let mut built = read(&q4()).unwrap();
        built.periods[1].date = built.periods[0].date;
        built.levels = Some(crate::fields::NonEmpty::one(Id::new("platinum").unwrap()));
        let problems = plan(&policy(), &built).unwrap_err();
        assert_eq!(shown(&problems), ["plan.periods[1].date", "plan.levels[0]"]);
    }

    #[test]
    fn period_to_date_starts_from_the_targets_own() {
        let base = plan(&policy(), &read(&q4()).unwrap()).unwrap();
        let mut v = q4();
        v["rebate_targets"][0]["period_to_date"] = "100000.00".into();
        let ahead = plan(&policy(), &read(&v).unwrap()).unwrap();
        // October, the first period in Q4: 100,000 already bought.
        let oct = |r: &PlanResult| r.levels[0].periods[1].quote.rebates[0].attainment_before;
        assert_eq!(oct(&base), d("0.0000"));
        assert_eq!(oct(&ahead), d("0.2000"));
        // August lies outside Q4: no rebate entry at all.
        assert!(ahead.levels[0].periods[0].quote.rebates.is_empty());
    }
}
