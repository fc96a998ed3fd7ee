//! The partner's standing with the vendor (`channel-account/1`, SPEC §2.2).

use super::{Date, Id};
use crate::fields::{AccountTag, Days};
use crate::money::{Money, PositiveMoney};
use crate::record;

pub const ACCOUNT_SCHEMA: &str = AccountTag::TAG;

record! {
    /// A partner's standing: level, credit and rebate progress.
    pub struct Account {
        /// `channel-account/1`, or `/2` to use a v2 field (SPEC-v2 §2.4).
        pub schema: AccountTag,
        /// The partner's identifier.
        pub partner_id: Id,
        /// The partner's name.
        pub name: String,
        /// A level id of the policy.
        pub level: Id,
        /// Limit, exposure and holds.
        pub credit: AccountCredit,
        /// Progress in each rebate program this period.
        pub rebates: Vec<RebateProgress> = default(Vec::new()),
        /// Rebate credit the partner may spend on orders.
        pub rebate_credit_balance: Money = default(Money::zero()),
    }
}

record! {
    /// The partner's credit position.
    pub struct AccountCredit {
        /// The credit limit.
        pub limit: Money,
        /// An extra limit until a date.
        pub temporary_limit: Option<TemporaryLimit> = optional,
        /// Invoiced, not yet paid.
        pub ar_outstanding: Money,
        /// Ordered, not yet invoiced.
        pub open_orders: Money = default(Money::zero()),
        /// Money paid in advance.
        pub deposit_balance: Money = default(Money::zero()),
        /// Overdue invoices.
        pub overdue: Vec<OverdueItem> = default(Vec::new()),
        /// The vendor has stopped new orders.
        pub on_hold: bool = default(false),
        /// v2: the group credit pool the partner draws on with others (集团额度).
        pub group: Option<CreditGroup> = optional,
    }
}

record! {
    /// A distributor's group credit pool (SPEC-v2 §5.4).
    pub struct CreditGroup {
        /// The group's id.
        pub id: Id,
        /// The group's name.
        pub name: Option<String> = optional,
        /// The group's limit.
        pub limit: Money,
        /// The group's current exposure, this partner's included.
        pub exposure: Money,
    }
}

record! {
    /// A temporary addition to the limit.
    pub struct TemporaryLimit {
        /// The extra limit.
        pub amount: Money,
        /// Last day (inclusive) the temporary limit counts.
        pub expires: Date,
    }
}

record! {
    /// An overdue invoice.
    pub struct OverdueItem {
        /// Amount overdue.
        pub amount: Money,
        /// Days past due.
        pub days: Days,
    }
}

record! {
    /// Progress in one rebate program.
    pub struct RebateProgress {
        /// A rebate program id of the policy.
        pub program: Id,
        /// Must be above zero: attainment is measured against it.
        pub target: PositiveMoney,
        /// Purchases counted so far this period.
        pub period_to_date: Money,
    }
}
