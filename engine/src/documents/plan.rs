//! A partner's business plan (`channel-plan/1`, PLAN.md P1): a sequence of
//! orders, each priced by the real quote, plus the partner's own services,
//! market funds and fixed costs. Declared field by field like the other
//! documents, so its reader, schema and field reference agree.

use super::account::{Account, AccountCredit, RebateProgress};
use super::order::{MarginInputs, Order, OrderLine};
use crate::documents::{Date, Id};
use crate::fields::{AccountTag, Days, Headcount, Label, NonEmpty, NonEmptyUpTo, OrderTag};
use crate::fields::{PlanTag, Qty, Title};
use crate::money::{Money, PositiveMoney, Price, Rate};
use crate::record;

pub const PLAN_SCHEMA: &str = PlanTag::TAG;

/// At most this many periods (two years of months): each period is one
/// quote per level, so the bound keeps a plan's work bounded.
pub const MAX_PERIODS: usize = 24;

/// The partner id of every synthetic account a plan is quoted with
/// (PLAN.md P2.1): the partner may not have an account yet.
pub const PLAN_PARTNER_ID: &str = "plan";

record! {
    /// A business plan: what a year with the vendor earns a partner, at each
    /// level, under the vendor's real price policy.
    pub struct Plan {
        /// Always `channel-plan/1`.
        pub schema: PlanTag,
        /// The plan's title.
        pub title: Title,
        /// The partner's name (an existing or a prospective partner).
        pub partner_name: Title,
        /// Levels to compare, in the order shown; absent or null means every level of the policy, in policy order.
        pub levels: Option<NonEmpty<Id>> = optional,
        /// The partner's target in each rebate program; without one, a program pays nothing in the plan.
        pub rebate_targets: Vec<RebateTarget> = default(Vec::new()),
        /// The periods, by strictly increasing date.
        pub periods: NonEmptyUpTo<PlanPeriod, MAX_PERIODS>,
        /// Days the partner's customers take to pay; feeds each period's financing cost.
        pub customer_payment_days: Days = default(Days::ZERO),
        /// Yearly cost of capital (0.06 = 6 %).
        pub cost_of_capital: Rate = default(Rate::zero()),
        /// The partner's fixed costs for the whole plan (not per period).
        pub fixed_costs: FixedCosts = default(FixedCosts::none()),
    }
}

record! {
    /// The partner's commitment in one rebate program.
    pub struct RebateTarget {
        /// A rebate program id of the policy.
        pub program: Id,
        /// Must be above zero: attainment is measured against it.
        pub target: PositiveMoney,
        /// Bought in the program's current period before the plan starts.
        pub period_to_date: Money = default(Money::zero()),
    }
}

record! {
    /// One period of the plan: the order placed in it and the partner's own figures.
    pub struct PlanPeriod {
        /// The period's heading (e.g. `2026-10`).
        pub label: Label,
        /// The order's date: decides promotions and rebate periods.
        pub date: Date,
        /// What is ordered, each line with the price it is resold at.
        pub lines: NonEmpty<PlanLine>,
        /// The partner's own services sold alongside (implementation, training, support).
        pub services_revenue: Money = default(Money::zero()),
        /// What those services cost the partner.
        pub services_cost: Money = default(Money::zero()),
        /// Market development funds the vendor pays the partner.
        pub mdf: Money = default(Money::zero()),
    }
}

record! {
    /// A line of a period's order.
    pub struct PlanLine {
        /// A SKU of the policy.
        pub sku: Id,
        /// Units ordered.
        pub qty: Qty,
        /// What the partner charges the end customer per unit; required, since a plan without it shows no profit.
        pub resale_price: Price,
    }
}

record! {
    /// The partner's fixed costs over the whole plan.
    pub struct FixedCosts {
        /// People the partner employs for this business.
        pub staff: Headcount = default(Headcount::ZERO),
        /// What each of them costs over the plan.
        pub cost_per_staff: Money = default(Money::zero()),
        /// Every other fixed cost over the plan.
        pub other: Money = default(Money::zero()),
    }
}

impl FixedCosts {
    /// No fixed costs: the default when a plan leaves them out.
    pub fn none() -> FixedCosts {
        FixedCosts {
            staff: Headcount::ZERO,
            cost_per_staff: Money::zero(),
            other: Money::zero(),
        }
    }
}

impl Plan {
    /// The order of one period (PLAN.md P2.3): its date and lines, the
    /// plan's payment days and cost of capital with no freight or other
    /// costs, and nothing else — no deal registration, special price or
    /// rebate credit. Built once per period; it is the same at every level.
    pub fn order(&self, period: &PlanPeriod) -> Order {
        Order {
            schema: OrderTag::V1,
            date: period.date,
            deal_registration: None,
            lines: period.lines.clone().map(|l| OrderLine {
                sku: l.sku,
                qty: l.qty,
                resale_price: Some(l.resale_price),
                special_price: None,
            }),
            use_rebate_credit: None,
            margin: Some(MarginInputs {
                customer_payment_days: self.customer_payment_days,
                cost_of_capital: self.cost_of_capital,
                freight: Money::zero(),
                other_costs: Money::zero(),
            }),
            payment: None,
            credit_override: None,
        }
    }

    /// The synthetic account at `level` (PLAN.md P2.1): no credit, no
    /// overdue, not on hold, no rebate credit; `rebates` are the period's
    /// entries with their period-to-date (P2.2). The plan does not evaluate
    /// credit, so the all-zero credit only has to be valid.
    pub fn account(&self, partner_id: Id, level: Id, rebates: Vec<RebateProgress>) -> Account {
        Account {
            schema: AccountTag::V1,
            partner_id,
            name: self.partner_name.as_str().to_string(),
            level,
            credit: AccountCredit {
                limit: Money::zero(),
                temporary_limit: None,
                ar_outstanding: Money::zero(),
                open_orders: Money::zero(),
                deposit_balance: Money::zero(),
                overdue: Vec::new(),
                on_hold: false,
                group: None,
            },
            rebates,
            rebate_credit_balance: Money::zero(),
        }
    }
}
