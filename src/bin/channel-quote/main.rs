//! `channel-quote`: the engine on the command line, so a vendor's back
//! office can re-check a submitted order with the very code the partner ran.
//!
//! Exit status: 0 success; 2 bad input (one line per problem on stderr,
//! each naming the document and JSON path, nothing on stdout) or bad
//! usage; 1 an internal error (a bug, reported as one).

use channel_quote::engine::problem::JsonPath;
use channel_quote::engine::validate::cross;
use channel_quote::engine::{
    plan, quote, schema, Account, Document, Order, Plan, PreparedPolicy, Problem,
};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// channel-quote — exact channel order quotes (渠道订单报价)
#[derive(Parser, Debug)]
#[command(
    name = "channel-quote",
    version,
    after_help = "Exit status: 0 success, 2 bad input (one line per problem on stderr,\n\
                  each naming the document and JSON path, nothing on stdout), 1 internal error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Price an order and print the quote as JSON
    ///
    /// Prints the quote (lines with their price waterfall, totals, rebates,
    /// credit check, margin, warnings) on stdout and exits 0. On any bad
    /// input it prints one problem per line on stderr, e.g.
    ///   order.lines[0].qty: must be a whole number from 1 to 1000000 / 必须是 1 到 1000000 之间的整数
    /// and exits 2 with nothing on stdout.
    Quote {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// The partner's account (channel-account/1)
        #[arg(long, value_name = "ACCOUNT.json")]
        account: PathBuf,
        /// The order (channel-order/1)
        #[arg(long, value_name = "ORDER.json")]
        order: PathBuf,
    },
    /// Compare a partner's business plan at each level and print it as JSON
    ///
    /// Quotes each period's order of the plan (channel-plan/1) at each level
    /// with the same engine as `quote`, adds the partner's services, market
    /// funds and fixed costs, and prints the result (channel-plan-result/1)
    /// on stdout, exit 0. On any bad input it prints one problem per line
    /// on stderr, e.g.
    ///   plan.periods[2].lines[0].qty: must be a whole number from 1 to 1000000 / 必须是 1 到 1000000 之间的整数
    /// and exits 2 with nothing on stdout.
    Plan {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// The business plan (channel-plan/1)
        #[arg(long, value_name = "PLAN.json")]
        plan: PathBuf,
    },
    /// Check documents before publishing or sending them
    ///
    /// Checks the policy on its own (syntax, ranges, tier order, duplicate
    /// ids, references) and, when given, the account and the order against
    /// it. Prints a summary and exits 0 when everything is valid; otherwise
    /// prints every problem on stderr and exits 2.
    Validate {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// A partner's account to check against the policy
        #[arg(long, value_name = "ACCOUNT.json")]
        account: Option<PathBuf>,
        /// An order to check against the policy
        #[arg(long, value_name = "ORDER.json")]
        order: Option<PathBuf>,
    },
    /// Print the JSON Schema of a document
    ///
    /// The schema is generated from the same declarations the reader is,
    /// so a file the schema accepts field by field, the reader accepts.
    /// With --markdown, the field reference (docs/FIELDS.md) instead.
    Schema {
        /// Which document
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(schema::DOCUMENTS))]
        document: String,
        /// Print the field reference in Markdown instead of the JSON Schema
        #[arg(long)]
        markdown: bool,
    },
}

/// Why a command produced no output.
enum Failure {
    /// Bad input: every problem, each with document and path.
    Input(Vec<Problem>),
    /// A bug: what failed.
    Internal(String),
}

impl From<Vec<Problem>> for Failure {
    fn from(p: Vec<Problem>) -> Self {
        Failure::Input(p)
    }
}

fn main() -> ExitCode {
    // Usage errors exit 2 (clap's convention matches ours); --help and
    // --version print on stdout and exit 0.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            // A closed pipe (`| head`) is not worth a panic.
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(Failure::Input(problems)) => {
            let mut stderr = std::io::stderr().lock();
            for p in problems {
                let _ = writeln!(stderr, "{p}");
            }
            ExitCode::from(2)
        }
        Err(Failure::Internal(what)) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "channel-quote: internal error, please report it / 内部错误，请报告：{what}"
            );
            ExitCode::from(1)
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure::Internal(format!("cannot write JSON: {e}")))
}

fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Schema { document, markdown } => {
            let missing = || Failure::Internal(format!("no schema for {document}"));
            if markdown {
                schema::markdown(&document).ok_or_else(missing)
            } else {
                to_json(&schema::schema_value(&document).ok_or_else(missing)?)
            }
        }
        Command::Quote {
            policy,
            account,
            order,
        } => {
            let (policy, account, order) = read_all(&policy, Some(&account), Some(&order))?;
            let (Some(account), Some(order)) = (account, order) else {
                return Err(Failure::Internal("documents read without a result".into()));
            };
            to_json(&quote(&policy, &account, &order)?)
        }
        Command::Plan {
            policy,
            plan: plan_path,
        } => {
            let (policy, plan_doc) = read_plan(&policy, &plan_path)?;
            to_json(&plan(&policy, &plan_doc)?)
        }
        Command::Validate {
            policy,
            account,
            order,
        } => {
            let (policy, account, order) = read_all(&policy, account.as_deref(), order.as_deref())?;
            let p = &policy.policy;
            let mut out = format!(
                "policy ok: {} {} ({} products, {} levels, {} promotions, {} rebate programs) sha256 {}\n",
                p.id,
                p.version,
                p.products.len(),
                p.levels.len(),
                p.promotions.len(),
                p.rebate_programs.len(),
                policy.hash
            );
            if let Some(a) = &account {
                out += &format!(
                    "account ok: {} {} (level {})\n",
                    a.partner_id, a.name, a.level
                );
            }
            if let Some(o) = &order {
                out += &format!("order ok: {} lines, dated {}\n", o.lines.len(), o.date);
            }
            match (&account, &order) {
                (Some(a), Some(o)) => {
                    quote(&policy, a, o)?;
                    out += "order quotes cleanly for this account\n";
                }
                (Some(a), None) => refs_ok(cross::check_account(&policy, a))?,
                (None, Some(o)) => refs_ok(cross::check_order(&policy, o))?,
                (None, None) => {}
            }
            Ok(out)
        }
    }
}

type Documents = (PreparedPolicy, Option<Account>, Option<Order>);

/// Reads every given document and reports the problems of all of them.
fn read_all(
    policy: &Path,
    account: Option<&Path>,
    order: Option<&Path>,
) -> Result<Documents, Vec<Problem>> {
    let mut problems = Vec::new();
    let policy = read(policy, Document::Policy, &mut problems)
        .and_then(|b| keep(PreparedPolicy::from_json_bytes(&b), &mut problems));
    let account = account.map(|path| {
        read(path, Document::Account, &mut problems)
            .and_then(|b| keep(Account::from_json_bytes(&b), &mut problems))
    });
    let order = order.map(|path| {
        read(path, Document::Order, &mut problems)
            .and_then(|b| keep(Order::from_json_bytes(&b), &mut problems))
    });
    match policy {
        Some(policy) if problems.is_empty() => Ok((policy, account.flatten(), order.flatten())),
        _ => Err(problems),
    }
}

/// Reads the policy and the plan and reports the problems of both.
fn read_plan(policy: &Path, plan: &Path) -> Result<(PreparedPolicy, Plan), Vec<Problem>> {
    let mut problems = Vec::new();
    let policy = read(policy, Document::Policy, &mut problems)
        .and_then(|b| keep(PreparedPolicy::from_json_bytes(&b), &mut problems));
    let plan = read(plan, Document::Plan, &mut problems)
        .and_then(|b| keep(Plan::from_json_bytes(&b), &mut problems));
    match (policy, plan) {
        (Some(policy), Some(plan)) if problems.is_empty() => Ok((policy, plan)),
        _ => Err(problems),
    }
}

fn read(path: &Path, document: Document, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            let shown = path.display();
            problems.push(Problem::new(
                document,
                JsonPath::root(),
                "unreadable_file",
                format!("无法读取文件 “{shown}”：{e}"),
                format!("cannot read file \"{shown}\": {e}"),
            ));
            None
        }
    }
}

fn keep<T>(r: Result<T, Vec<Problem>>, problems: &mut Vec<Problem>) -> Option<T> {
    r.map_err(|p| problems.extend(p)).ok()
}

fn refs_ok(problems: Vec<Problem>) -> Result<(), Vec<Problem>> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_non_utf8_path_is_a_path_not_a_panic() {
        #[cfg(unix)]
        {
            use std::ffi::OsString;
            use std::os::unix::ffi::OsStringExt;
            let bad = OsString::from_vec(vec![b'p', 0xff, b'.', b'j']);
            let cli = Cli::try_parse_from([
                OsString::from("channel-quote"),
                "validate".into(),
                "--policy".into(),
                bad,
            ])
            .expect("parses");
            let Err(Failure::Input(problems)) = run(cli.command) else {
                panic!("a missing file is bad input");
            };
            assert_eq!(problems[0].code, "unreadable_file");
        }
    }
}
