//! `channel-quote`: the engine on the command line, so a vendor's back
//! office can re-check a submitted order with the very code the partner ran.
//!
//! Exit status: 0 success; 2 bad input (one line per problem on stderr,
//! each naming the document and JSON path, nothing on stdout) or bad
//! usage; 1 an internal error (a bug, reported as one).

use channel_quote::back_office::{self, files, AccountBook};
use channel_quote::engine::fields::{Note, RequestId, Timestamp};
use channel_quote::engine::problem::at;
use channel_quote::engine::validate::cross;
use channel_quote::engine::verify::verify;
use channel_quote::engine::{
    plan, quote, schema, Account, Document, Order, Plan, PreparedPolicy, Problem, Request,
};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Batch verification allocates many small strings on every core; mimalloc
/// serves that about a third faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Split one end-customer sale between vendor, distributor and reseller
    ///
    /// Reads a channel chain (channel-chain/1, SPEC-v2 §10): the vendor's
    /// policy with the distributor's account, and the distributor's policy
    /// with the reseller's account and order (paths relative to the chain
    /// file). Quotes both tiers with the same engine as `quote` and prints
    /// the chain quote (channel-chain-quote/1) on stdout, exit 0: each
    /// line's customer amount split into vendor revenue, distributor spread
    /// and reseller margin, the totals with rebates at each tier, and the
    /// 价格倒挂 warnings. On bad input: one problem per line on stderr
    /// (chain problems at chain. paths; problems inside a tier's quote
    /// prefixed "vendor: " or "distributor: ") and exit 2.
    Chain {
        /// The chain file (channel-chain/1)
        #[arg(long, value_name = "CHAIN.json")]
        chain: PathBuf,
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
    /// Check a partner's submitted order request (back office)
    ///
    /// Re-quotes the request's order on the request's own account (is the
    /// partner's quote genuine, under this exact policy?) and on the
    /// vendor's current account (what has moved since?), per REQUEST.md R3.
    /// Prints {request_id, verdict, policy_matches, differences[],
    /// account_changes[], quote} as JSON on stdout; exit 0 when accepted,
    /// 1 when rejected or account_changed, 2 on bad input.
    Verify {
        /// The order request (channel-order-request/1)
        #[arg(long, value_name = "REQUEST.json")]
        request: PathBuf,
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// The vendor's current copy of the partner's account
        #[arg(long, value_name = "ACCOUNT.json")]
        account: PathBuf,
    },
    /// Verify many requests at once, one JSON line per input line
    ///
    /// ACCOUNTS is a folder of account files (*.json) or a JSON Lines file
    /// of accounts, matched by partner_id. REQUESTS holds one request per
    /// line. Prints, in input order, {line, request_id, verdict,
    /// policy_matches, differences, account_changes, payable,
    /// required_prepayment} or {line, error: [problems]} for a line verify
    /// would refuse (unreadable, invalid, unknown partner, empty, or a
    /// request_id already seen). Uses every core and streams its input.
    /// Exit 2 (nothing on stdout) when the policy, the accounts or the
    /// requests file cannot be read; else 1 when any line is not accepted,
    /// else 0 (an empty file too).
    Batch {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// A folder of account files, or a JSON Lines file of accounts
        #[arg(long, value_name = "ACCOUNTS")]
        accounts: PathBuf,
        /// One order request per line (JSON Lines)
        #[arg(long, value_name = "REQUESTS.jsonl")]
        requests: PathBuf,
    },
    /// Make the order request a partner submits (channel-order-request/1)
    ///
    /// Quotes the order as `quote` does and prints the request that carries
    /// the order, the account, that quote and the policy's id, version and
    /// hash, as the app's "Download order request" does. Exit 2 on bad input.
    Request {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// The partner's account (channel-account/1)
        #[arg(long, value_name = "ACCOUNT.json")]
        account: PathBuf,
        /// The order (channel-order/1)
        #[arg(long, value_name = "ORDER.json")]
        order: PathBuf,
        /// The request's id (1–64 of A–Z a–z 0–9 . _ -)
        #[arg(long, value_name = "ID")]
        request_id: String,
        /// When it is made, UTC (YYYY-MM-DDTHH:MM:SSZ)
        #[arg(long, value_name = "TIME")]
        created_at: String,
        /// A note to the vendor (at most 500 characters)
        #[arg(long)]
        note: Option<String>,
    },
    // --- feature `receiver` (src/receiver/)
    /// Receive order requests over HTTP: verify, file in SQLite, answer (reference receiver)
    ///
    /// Listens on http://HOST:PORT. POST /orders (or POST /) takes a
    /// channel-order-request/1 of at most 1 MiB, verifies it as `verify`
    /// does against the partner's current account from ACCOUNTS, files
    /// request and verdict in the SQLite file DB and answers the verify
    /// output as JSON (200). 422 {"error": [problems]} for a bad request or
    /// an unknown partner (not filed), 409 for a request_id already filed
    /// with a different body, 413 for a body over 1 MiB. Resending the
    /// same bytes gets the filed answer again. GET /health answers ok.
    /// The policy and accounts are read once at start (exit 2 if bad).
    /// Stops on Ctrl-C or SIGTERM.
    #[cfg(feature = "receiver")]
    ServeSubmissions {
        /// The vendor's price policy (channel-policy/1)
        #[arg(long, value_name = "POLICY.json")]
        policy: PathBuf,
        /// A folder of account files, or a JSON Lines file of accounts
        #[arg(long, value_name = "ACCOUNTS")]
        accounts: PathBuf,
        /// The SQLite file requests are filed in (created if missing)
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The TCP port to listen on
        #[arg(long)]
        port: u16,
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// An origin whose pages may post (CORS), e.g. https://shop.example.com; repeatable; none: any origin
        #[arg(long = "allow-origin", value_name = "ORIGIN")]
        allow_origin: Vec<String>,
        /// Also serve this folder at / (the built app, e.g. dist)
        #[arg(long, value_name = "DIR")]
        app: Option<PathBuf>,
    },
    // --- end feature `receiver`
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

/// What a command printed and how it ended.
struct Output {
    text: String,
    /// Exit 1 although the command ran: `verify` on a request that is not
    /// accepted.
    not_accepted: bool,
}

impl From<String> for Output {
    fn from(text: String) -> Self {
        Output {
            text,
            not_accepted: false,
        }
    }
}

fn main() -> ExitCode {
    // Usage errors exit 2 (clap's convention matches ours); --help and
    // --version print on stdout and exit 0.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            // A closed pipe (`| head`) is not worth a panic.
            let _ = std::io::stdout().lock().write_all(out.text.as_bytes());
            if out.not_accepted {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
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

/// `batch` streams its verdicts to stdout as it goes; only its problems
/// with the inputs themselves come back as a failure.
fn batch(policy: &Path, accounts: &Path, requests: &Path) -> Result<Output, Failure> {
    let mut problems = Vec::new();
    let policy = read(policy, Document::Policy, &mut problems)
        .and_then(|b| keep(PreparedPolicy::from_json_bytes(&b), &mut problems));
    let book = keep(AccountBook::load(accounts), &mut problems);
    let input = std::fs::File::open(requests)
        .map_err(|e| problems.push(files::unreadable(requests, Document::Request, &e)))
        .ok();
    let (Some(policy), Some(book), Some(input)) = (policy, book, input) else {
        return Err(Failure::Input(problems));
    };
    if !problems.is_empty() {
        return Err(Failure::Input(problems));
    }
    // Written from the batch's writer thread (a lock guard cannot move there).
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    match back_office::batch::run(&policy, &book, input, out) {
        Ok(summary) => Ok(Output {
            text: String::new(),
            not_accepted: !summary.all_accepted(),
        }),
        // A closed pipe ends the batch quietly, as `| head` expects.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Output::from(String::new())),
        Err(e) => Err(Failure::Internal(format!("batch stopped: {e}"))),
    }
}

fn run(command: Command) -> Result<Output, Failure> {
    match command {
        Command::Verify {
            request,
            policy,
            account,
        } => {
            let mut problems = Vec::new();
            let request_doc = read(&request, Document::Request, &mut problems)
                .and_then(|b| keep(Request::from_json_bytes(&b), &mut problems));
            let (policy, account, _) = match read_all(&policy, Some(&account), None) {
                Ok(docs) if problems.is_empty() => docs,
                Ok(_) => return Err(Failure::Input(problems)),
                Err(more) => {
                    problems.extend(more);
                    return Err(Failure::Input(problems));
                }
            };
            let (Some(request), Some(account)) = (request_doc, account) else {
                return Err(Failure::Internal("documents read without a result".into()));
            };
            let verification = verify(&policy, &account, &request)?;
            Ok(Output {
                text: to_json(&verification)?,
                not_accepted: !verification.verdict.is_accepted(),
            })
        }
        Command::Batch {
            policy,
            accounts,
            requests,
        } => batch(&policy, &accounts, &requests),
        Command::Request {
            policy,
            account,
            order,
            request_id,
            created_at,
            note,
        } => {
            let (policy, account, order) = read_all(&policy, Some(&account), Some(&order))?;
            let (Some(account), Some(order)) = (account, order) else {
                return Err(Failure::Internal("documents read without a result".into()));
            };
            let q = quote(&policy, &account, &order)?;
            let mut problems = Vec::new();
            let mut arg = |name: &str, ok: bool, zh: &str, en: &str| {
                if !ok {
                    problems.push(Problem::new(
                        Document::Request,
                        at(name),
                        "bad_argument",
                        zh,
                        en,
                    ));
                }
            };
            let id = RequestId::new(request_id.as_str());
            arg(
                "request_id",
                id.is_some(),
                "--request-id 应为 1 到 64 个字母、数字、点、下划线或连字符",
                "--request-id must be 1 to 64 characters of letters, digits, '.', '_' or '-'",
            );
            let time = Timestamp::new(created_at.as_str());
            arg(
                "created_at",
                time.is_some(),
                "--created-at 应为 UTC 时间 YYYY-MM-DDTHH:MM:SSZ",
                "--created-at must be a UTC time YYYY-MM-DDTHH:MM:SSZ",
            );
            let note = note.map(Note::new);
            arg(
                "note",
                !matches!(note, Some(None)),
                "--note 最长 500 个字符",
                "--note must be at most 500 characters",
            );
            let (Some(id), Some(time), None | Some(Some(_))) = (id, time, &note) else {
                return Err(Failure::Input(problems));
            };
            let request = channel_quote::engine::Request::for_quote(
                id,
                time,
                account,
                order,
                &q,
                note.flatten(),
            )
            .ok_or_else(|| Failure::Internal("the quote's policy reference is not valid".into()))?;
            to_json(&request).map(Output::from)
        }
        // --- feature `receiver`
        #[cfg(feature = "receiver")]
        Command::ServeSubmissions {
            policy,
            accounts,
            db,
            port,
            host,
            allow_origin,
            app,
        } => serve_submissions(channel_quote::receiver::Config {
            policy,
            accounts,
            db,
            host,
            port,
            allow_origins: allow_origin,
            app,
        }),
        // --- end feature `receiver`
        Command::Schema { document, markdown } => {
            let missing = || Failure::Internal(format!("no schema for {document}"));
            if markdown {
                schema::markdown(&document)
                    .ok_or_else(missing)
                    .map(Output::from)
            } else {
                to_json(&schema::schema_value(&document).ok_or_else(missing)?).map(Output::from)
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
            to_json(&quote(&policy, &account, &order)?).map(Output::from)
        }
        Command::Chain { chain } => {
            let docs = back_office::chain_files::load(&chain)?;
            to_json(&channel_quote::engine::chain::chain_quote(&docs.inputs())?).map(Output::from)
        }
        Command::Plan {
            policy,
            plan: plan_path,
        } => {
            let (policy, plan_doc) = read_plan(&policy, &plan_path)?;
            to_json(&plan(&policy, &plan_doc)?).map(Output::from)
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
            Ok(Output::from(out))
        }
    }
}

// --- feature `receiver`
/// Runs the reference receiver until Ctrl-C or SIGTERM. Bad policy or
/// accounts: exit 2 with one problem per line; a database, address or
/// option the receiver cannot use: exit 2 with one line saying so.
#[cfg(feature = "receiver")]
fn serve_submissions(config: channel_quote::receiver::Config) -> Result<Output, Failure> {
    use channel_quote::receiver::{serve, Stop};
    match serve(config) {
        Ok(()) => Ok(Output::from(String::new())),
        Err(Stop::Input(problems)) => Err(Failure::Input(problems)),
        Err(Stop::Start(what)) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "channel-quote serve-submissions: {what}"
            );
            Err(Failure::Input(Vec::new()))
        }
    }
}
// --- end feature `receiver`

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
    files::read(path, document)
        .map_err(|p| problems.push(p))
        .ok()
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
