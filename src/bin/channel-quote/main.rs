//! `channel-quote`: the engine on the command line, so a vendor's back
//! office can re-check a submitted order with the very code the partner ran.

mod args;

use args::Command;
use channel_quote::engine::validate::cross;
use channel_quote::engine::{quote, schema, Account, Document, Order, PreparedPolicy, Problem};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(c) => c,
        Err(usage) => {
            eprintln!("channel-quote: {usage}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let mut stderr = std::io::stderr().lock();
            for p in problems {
                let _ = writeln!(stderr, "{p}");
            }
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<String, Vec<Problem>> {
    match command {
        Command::Help(text) => Ok(text.to_string()),
        Command::Version => Ok(format!("channel-quote {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Schema { document } => {
            Ok(schema::schema_json(&document).unwrap_or_default() + "\n")
        }
        Command::Quote {
            policy,
            account,
            order,
        } => {
            let (policy, account, order) = read_all(&policy, Some(&account), Some(&order))?;
            let (Some(account), Some(order)) = (account, order) else {
                return Ok(String::new());
            };
            let q = quote(&policy, &account, &order)?;
            Ok(serde_json::to_string_pretty(&q).unwrap_or_default() + "\n")
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

/// Reads every given document and reports the problems of all of them.
fn read_all(
    policy: &str,
    account: Option<&str>,
    order: Option<&str>,
) -> Result<(PreparedPolicy, Option<Account>, Option<Order>), Vec<Problem>> {
    let mut problems = Vec::new();
    let policy = read(policy, Document::Policy, &mut problems)
        .and_then(|b| keep(PreparedPolicy::from_json_bytes(&b), &mut problems));
    let account = account.map(|path| {
        read(path, Document::Account, &mut problems).and_then(|b| {
            let text = channel_quote::engine::documents::text_of(&b, Document::Account)
                .map(str::to_string);
            keep(
                text.and_then(|t| Account::from_json_text(&t)),
                &mut problems,
            )
        })
    });
    let order = order.map(|path| {
        read(path, Document::Order, &mut problems).and_then(|b| {
            let text =
                channel_quote::engine::documents::text_of(&b, Document::Order).map(str::to_string);
            keep(text.and_then(|t| Order::from_json_text(&t)), &mut problems)
        })
    });
    match policy {
        Some(policy) if problems.is_empty() => Ok((policy, account.flatten(), order.flatten())),
        _ => Err(problems),
    }
}

fn read(path: &str, document: Document, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            problems.push(Problem::new(
                document,
                "",
                "unreadable_file",
                format!("无法读取文件 “{path}”：{e}"),
                format!("cannot read file \"{path}\": {e}"),
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
