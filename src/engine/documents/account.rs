//! The partner's standing with the vendor (`channel-account/1`, SPEC §2.2).

use super::common::{read_schema_tag, Date, Id};
use crate::engine::json::{FromJson, IntRule, Json, ObjectReader};
use crate::engine::money::Money;
use crate::engine::problem::{Document, Problem, Problems};
use schemars::JsonSchema;
use serde::Serialize;

pub const ACCOUNT_SCHEMA: &str = "channel-account/1";

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "channel-account/1")]
pub struct Account {
    /// Always `channel-account/1`.
    #[schemars(extend("const" = "channel-account/1"))]
    pub schema: String,
    pub partner_id: Id,
    pub name: String,
    /// A level id of the policy.
    pub level: Id,
    pub credit: AccountCredit,
    #[serde(default)]
    pub rebates: Vec<RebateProgress>,
    #[serde(default)]
    pub rebate_credit_balance: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountCredit {
    pub limit: Money,
    #[serde(default)]
    pub temporary_limit: Option<TemporaryLimit>,
    pub ar_outstanding: Money,
    #[serde(default)]
    pub open_orders: Money,
    #[serde(default)]
    pub deposit_balance: Money,
    #[serde(default)]
    pub overdue: Vec<OverdueItem>,
    #[serde(default)]
    pub on_hold: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemporaryLimit {
    pub amount: Money,
    /// Last day (inclusive) the temporary limit counts.
    pub expires: Date,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverdueItem {
    pub amount: Money,
    #[schemars(range(min = 0, max = 36500))]
    pub days: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RebateProgress {
    /// A rebate program id of the policy.
    pub program: Id,
    /// Must be above zero: attainment is measured against it.
    pub target: Money,
    pub period_to_date: Money,
}

impl FromJson for Account {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let schema = read_schema_tag(&mut o, p, ACCOUNT_SCHEMA);
        let partner_id = o.req("partner_id", p);
        let name = o.req("name", p);
        let level = o.req("level", p);
        let credit = o.req("credit", p);
        let rebates = o.or("rebates", p, Vec::new());
        let rebate_credit_balance = o.or("rebate_credit_balance", p, Money::zero());
        o.finish(p);
        Some(Account {
            schema: schema?,
            partner_id: partner_id?,
            name: name?,
            level: level?,
            credit: credit?,
            rebates: rebates?,
            rebate_credit_balance: rebate_credit_balance?,
        })
    }
}

impl FromJson for AccountCredit {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let limit = o.req("limit", p);
        let temporary_limit = o.opt("temporary_limit", p);
        let ar_outstanding = o.req("ar_outstanding", p);
        let open_orders = o.or("open_orders", p, Money::zero());
        let deposit_balance = o.or("deposit_balance", p, Money::zero());
        let overdue = o.or("overdue", p, Vec::new());
        let on_hold = o.or("on_hold", p, false);
        o.finish(p);
        Some(AccountCredit {
            limit: limit?,
            temporary_limit: temporary_limit?,
            ar_outstanding: ar_outstanding?,
            open_orders: open_orders?,
            deposit_balance: deposit_balance?,
            overdue: overdue?,
            on_hold: on_hold?,
        })
    }
}

impl FromJson for TemporaryLimit {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let amount = o.req("amount", p);
        let expires = o.req("expires", p);
        o.finish(p);
        Some(TemporaryLimit {
            amount: amount?,
            expires: expires?,
        })
    }
}

impl FromJson for OverdueItem {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let amount = o.req("amount", p);
        let days = o.int("days", p, IntRule::DAYS);
        o.finish(p);
        Some(OverdueItem {
            amount: amount?,
            days: days? as u32,
        })
    }
}

impl FromJson for RebateProgress {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let program = o.req("program", p);
        let target: Option<Money> = o.req("target", p);
        if target.is_some_and(|t| t.value().is_zero()) {
            p.push(
                &o.path_of("target"),
                "target_zero",
                "返利目标必须大于 0",
                "rebate target must be above 0",
            );
        }
        let period_to_date = o.req("period_to_date", p);
        o.finish(p);
        Some(RebateProgress {
            program: program?,
            target: target.filter(|t| !t.value().is_zero())?,
            period_to_date: period_to_date?,
        })
    }
}

impl Account {
    /// Reads an account from JSON text and checks it on its own; the level
    /// and program references are checked against a policy by the quote.
    pub fn from_json_text(text: &str) -> Result<Account, Vec<Problem>> {
        super::read_document(
            text,
            Document::Account,
            super::super::validate::account::check,
        )
    }
}
