//! A plan's own consistency, and the plan against the policy it is priced
//! under (PLAN.md P1, P2.4). Every problem is reported at a plan path: a
//! rep fixes the plan, not the synthetic accounts and orders built from it.

use super::cross;
use crate::documents::plan::Plan;
use crate::documents::Id;
use crate::pricing::index::PreparedPolicy;
use crate::problem::{at, field, index, Document, JsonPath, Problem, Problems, Segment};
use std::collections::HashMap;

/// The plan on its own: no level or program listed twice, and periods in
/// strictly increasing date order (period-to-date accumulates in plan
/// order, which must be time order for it to mean anything).
pub fn check(plan: &Plan, p: &mut Problems) {
    if let Some(levels) = &plan.levels {
        unique(
            p,
            levels
                .iter()
                .enumerate()
                .map(|(i, id)| (index(&at("levels"), i), id)),
            "levels",
            "等级",
            "level",
        );
    }
    unique(
        p,
        plan.rebate_targets.iter().enumerate().map(|(i, t)| {
            (
                field(&index(&at("rebate_targets"), i), "program"),
                &t.program,
            )
        }),
        "rebate_targets",
        "返利计划",
        "rebate program",
    );
    for (i, pair) in plan.periods.windows(2).enumerate() {
        let (before, this) = (&pair[0], &pair[1]);
        if this.date <= before.date {
            p.push(
                &field(&index(&at("periods"), i + 1), "date"),
                "dates_not_increasing",
                format!(
                    "各期日期必须严格递增：{} 不晚于上一期的 {}",
                    this.date, before.date
                ),
                format!(
                    "period dates must be strictly increasing: {} is not after the previous period's {}",
                    this.date, before.date
                ),
            );
        }
    }
}

fn unique<'a>(
    p: &mut Problems,
    ids: impl Iterator<Item = (JsonPath, &'a Id)>,
    list: &str,
    what_zh: &str,
    what_en: &str,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, (path, id)) in ids.enumerate() {
        if let Some(first) = seen.insert(id.as_str(), i) {
            p.push(
                &path,
                "duplicate_id",
                format!("{what_zh} “{id}” 与 {list}[{first}] 重复"),
                format!("{what_en} \"{id}\" is already listed at {list}[{first}]"),
            );
        }
    }
}

/// The plan against the policy: its levels and rebate programs must exist,
/// and each period's order must quote (SKUs, order multiples). The order
/// is the same at every level, so its problems are found — and reported —
/// once per period, at `periods[p].lines[i]…`.
pub fn check_against(policy: &PreparedPolicy, plan: &Plan) -> Vec<Problem> {
    let mut p = Problems::new(Document::Plan);
    for (i, level) in plan.levels.iter().flatten().enumerate() {
        if policy.level(level.as_str()).is_none() {
            p.push(
                &index(&at("levels"), i),
                "unknown_level",
                format!("价格政策中没有等级 “{level}”"),
                format!("the policy has no level \"{level}\""),
            );
        }
    }
    for (i, t) in plan.rebate_targets.iter().enumerate() {
        if policy.program(t.program.as_str()).is_none() {
            p.push(
                &field(&index(&at("rebate_targets"), i), "program"),
                "unknown_program",
                format!("价格政策中没有返利计划 “{}”", t.program),
                format!("the policy has no rebate program \"{}\"", t.program),
            );
        }
    }
    for (period, pp) in plan.periods.iter().enumerate() {
        let site = QuoteSite {
            period,
            level: None,
            targets: &[],
        };
        for problem in cross::check_order(policy, &plan.order(pp)) {
            let problem = site.locate(problem);
            p.push(&problem.path, &problem.code, problem.zh, problem.en);
        }
    }
    p.into_vec()
}

/// Which quote of a plan a problem came from, to place it in the plan.
#[derive(Clone, Copy, Debug)]
pub struct QuoteSite<'a> {
    /// Index into `plan.periods`.
    pub period: usize,
    /// Index into `plan.levels` when the plan lists its levels; `None`
    /// when they default to the policy's (there is no `levels[i]` then).
    pub level: Option<usize>,
    /// For each entry of the period's synthetic `account.rebates`, its
    /// index in `plan.rebate_targets` (P2.2 lists a subset, in order).
    pub targets: &'a [usize],
}

impl QuoteSite<'_> {
    /// The problem at the plan path of the field it comes from: order
    /// `lines[i].…` and `date` → `periods[p].…`; the order's `margin`
    /// inputs → the plan's `customer_payment_days` / `cost_of_capital`;
    /// account `level` → `levels[l]`, `rebates[k].…` →
    /// `rebate_targets[…].…`, `name` → `partner_name`. Anything else an
    /// order or account problem names (an overflow has no field) lands on
    /// the period, or the plan itself. Policy problems stay the policy's.
    pub fn locate(&self, problem: Problem) -> Problem {
        let path = match problem.document {
            Document::Order => self.order_path(problem.path.segments()),
            Document::Account => self.account_path(problem.path.segments()),
            Document::Policy | Document::Plan | Document::Request | Document::Chain => {
                return problem
            }
        };
        Problem {
            document: Document::Plan,
            path,
            ..problem
        }
    }

    fn period_path(&self) -> JsonPath {
        index(&at("periods"), self.period)
    }

    fn order_path(&self, segments: &[Segment]) -> JsonPath {
        match segments {
            [Segment::Field(f), rest @ ..] if f == "lines" || f == "date" => {
                extend(field(&self.period_path(), f), rest)
            }
            [Segment::Field(m), Segment::Field(f), ..]
                if m == "margin" && (f == "customer_payment_days" || f == "cost_of_capital") =>
            {
                at(f)
            }
            _ => self.period_path(),
        }
    }

    fn account_path(&self, segments: &[Segment]) -> JsonPath {
        match segments {
            [Segment::Field(f), ..] if f == "level" => match self.level {
                Some(l) => index(&at("levels"), l),
                None => at("levels"),
            },
            [Segment::Field(f), ..] if f == "name" => at("partner_name"),
            [Segment::Field(f), Segment::Index(k), rest @ ..] if f == "rebates" => {
                match self.targets.get(*k) {
                    Some(&t) => extend(index(&at("rebate_targets"), t), rest),
                    None => at("rebate_targets"),
                }
            }
            _ => JsonPath::root(),
        }
    }
}

/// `path` followed by `rest`.
fn extend(path: JsonPath, rest: &[Segment]) -> JsonPath {
    rest.iter().fold(path, |p, s| match s {
        Segment::Field(f) => p.field(f),
        Segment::Index(i) => p.index(*i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order_problem(path: JsonPath) -> Problem {
        Problem::new(Document::Order, path, "x", "", "")
    }

    #[test]
    fn quote_paths_become_plan_paths() {
        let site = QuoteSite {
            period: 2,
            level: Some(1),
            targets: &[0, 3],
        };
        let shown = |p: Problem| site.locate(p).location();
        let line_qty = JsonPath::root().field("lines").index(4).field("qty");
        assert_eq!(
            shown(order_problem(line_qty)),
            "plan.periods[2].lines[4].qty"
        );
        assert_eq!(shown(order_problem(JsonPath::root())), "plan.periods[2]");
        let capital = JsonPath::root().field("margin").field("cost_of_capital");
        assert_eq!(shown(order_problem(capital)), "plan.cost_of_capital");
        let target = JsonPath::root().field("rebates").index(1).field("target");
        let account = |path| Problem::new(Document::Account, path, "x", "", "");
        assert_eq!(shown(account(target)), "plan.rebate_targets[3].target");
        assert_eq!(shown(account(at("level"))), "plan.levels[1]");
        let policy = Problem::new(Document::Policy, at("levels"), "x", "", "");
        assert_eq!(shown(policy), "policy.levels");
    }
}
