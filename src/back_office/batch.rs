//! `batch` (REQUEST.md R4): one verdict per line of a JSON Lines file, in
//! input order, on every core, reading the input a block at a time so a
//! file of any length runs in bounded memory. A bad line is reported and
//! skipped; it never stops the batch.

use super::AccountBook;
use crate::engine::problem::{at, JsonPath};
use crate::engine::verify::{verify, Difference, Verdict, Verification};
use crate::engine::{Document, PreparedPolicy, Problem, Request};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};

/// Lines verified together: enough to keep every core busy, few enough
/// that memory stays small whatever the file's length.
const BLOCK_LINES: usize = 2048;
/// A request line longer than this is refused unread (a request is a few
/// kilobytes; a runaway line must not exhaust memory).
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// One output line.
#[derive(Serialize)]
#[serde(untagged)]
pub enum LineResult {
    Verdict {
        line: u64,
        request_id: String,
        verdict: Verdict,
        policy_matches: bool,
        differences: Vec<Difference>,
        account_changes: Vec<Difference>,
        payable: Decimal,
        required_prepayment: Decimal,
    },
    Error {
        line: u64,
        error: Vec<Problem>,
    },
}

/// How the batch went: its exit status follows from it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub accepted: u64,
    pub account_changed: u64,
    pub rejected: u64,
    pub errors: u64,
}

impl Summary {
    /// 0 when every line was accepted (an empty file too), else 1.
    pub fn all_accepted(&self) -> bool {
        self.accepted == self.lines
    }
}

/// A line as read: its bytes, or why it could not be held.
enum Raw {
    Text(Vec<u8>),
    TooLong,
}

/// What a line became before duplicates are known.
enum Outcome {
    Verified(String, Box<Verification>),
    /// Refused; the id, when the request could be read that far.
    Refused(Option<String>, Vec<Problem>),
}

/// Verifies every line of `input`, writing one JSON line per input line to
/// `out`. Errors are the output's (or the input's) I/O only.
pub fn run(
    policy: &PreparedPolicy,
    accounts: &AccountBook,
    input: impl Read,
    mut out: impl Write,
) -> io::Result<Summary> {
    let mut reader = io::BufReader::with_capacity(1 << 20, input);
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut summary = Summary::default();
    loop {
        let block = read_block(&mut reader)?;
        if block.is_empty() {
            break;
        }
        let first = summary.lines + 1;
        let outcomes: Vec<Outcome> = block
            .into_par_iter()
            .map(|raw| outcome(policy, accounts, raw))
            .collect();
        for (i, o) in outcomes.into_iter().enumerate() {
            let line = first + i as u64;
            summary.lines += 1;
            let result = judge(line, o, &mut seen);
            match &result {
                LineResult::Verdict { verdict, .. } => match verdict {
                    Verdict::Accepted => summary.accepted += 1,
                    Verdict::AccountChanged => summary.account_changed += 1,
                    Verdict::Rejected => summary.rejected += 1,
                },
                LineResult::Error { .. } => summary.errors += 1,
            }
            serde_json::to_writer(&mut out, &result).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(summary)
}

/// Applies "a request_id already seen in this batch" in input order.
fn judge(line: u64, outcome: Outcome, seen: &mut HashMap<String, u64>) -> LineResult {
    let (id, result) = match outcome {
        Outcome::Verified(id, v) => {
            let v = *v;
            let result = LineResult::Verdict {
                line,
                request_id: v.request_id,
                verdict: v.verdict,
                policy_matches: v.policy_matches,
                differences: v.differences,
                account_changes: v.account_changes,
                payable: v.quote.totals.payable,
                required_prepayment: v.quote.credit.required_prepayment,
            };
            (Some(id), result)
        }
        Outcome::Refused(id, error) => (id, LineResult::Error { line, error }),
    };
    let Some(id) = id else {
        return result;
    };
    match seen.get(&id) {
        Some(&first) => LineResult::Error {
            line,
            error: vec![Problem::new(
                Document::Request,
                at("request_id"),
                "duplicate_request",
                format!("与第 {first} 行重复"),
                format!("duplicate of line {first}"),
            )],
        },
        None => {
            seen.insert(id, line);
            result
        }
    }
}

fn outcome(policy: &PreparedPolicy, accounts: &AccountBook, raw: Raw) -> Outcome {
    let bytes = match raw {
        Raw::TooLong => {
            return Outcome::Refused(
                None,
                vec![line_problem(
                    "line_too_long",
                    format!("行太长（超过 {} MB）", MAX_LINE_BYTES >> 20),
                    format!("the line is longer than {} MB", MAX_LINE_BYTES >> 20),
                )],
            )
        }
        Raw::Text(b) => b,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Refused(
            None,
            vec![line_problem("empty_line", "空行", "the line is empty")],
        );
    }
    let request = match Request::from_json_bytes(&bytes) {
        Ok(r) => r,
        Err(problems) => return Outcome::Refused(None, problems),
    };
    let id = request.request_id.as_str().to_string();
    let checked = accounts
        .for_partner(request.partner_id.as_str())
        .map_err(|p| vec![p])
        .and_then(|account| verify(policy, account, &request));
    match checked {
        Ok(v) => Outcome::Verified(id, Box::new(v)),
        Err(problems) => Outcome::Refused(Some(id), problems),
    }
}

fn line_problem(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Problem {
    Problem::new(Document::Request, JsonPath::root(), code, zh, en)
}

/// Up to [`BLOCK_LINES`] lines: split on LF, one trailing CR dropped; a
/// final LF starts no line.
fn read_block(reader: &mut impl BufRead) -> io::Result<Vec<Raw>> {
    let mut block = Vec::with_capacity(BLOCK_LINES);
    while block.len() < BLOCK_LINES {
        let mut line = Vec::new();
        let n = reader
            .by_ref()
            .take(MAX_LINE_BYTES as u64 + 2)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            break;
        }
        let ended = line.last() == Some(&b'\n');
        if ended {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.len() > MAX_LINE_BYTES {
            if !ended {
                skip_line(reader)?;
            }
            block.push(Raw::TooLong);
        } else {
            block.push(Raw::Text(line));
        }
    }
    Ok(block)
}

/// Discards the rest of an over-long line, holding none of it.
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}
