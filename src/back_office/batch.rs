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
use std::ops::Range;
use std::sync::mpsc;

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

/// Lines as read, in one buffer that is reused block after block (a
/// fresh allocation per line costs more than verifying it).
#[derive(Default)]
struct Block {
    bytes: Vec<u8>,
    /// Each line's bytes within `bytes`, or `None` for a line too long to hold.
    lines: Vec<Option<Range<usize>>>,
}

impl Block {
    fn line(&self, i: usize) -> Option<&[u8]> {
        self.lines[i].clone().map(|r| &self.bytes[r])
    }
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
    input: impl Read + Send,
    out: impl Write + Send,
) -> io::Result<Summary> {
    // Three stages overlap: one thread reads the next block while every
    // core verifies this one and another thread writes the last one's
    // verdicts. Two blocks in flight per stage bound the memory.
    std::thread::scope(|scope| {
        let (blocks_tx, blocks) = mpsc::sync_channel::<Block>(1);
        let (spent_tx, spent) = mpsc::channel::<Block>();
        let (outcomes_tx, outcomes) = mpsc::sync_channel::<Vec<Outcome>>(1);
        let reader = scope.spawn(move || -> io::Result<()> {
            let mut reader = io::BufReader::with_capacity(1 << 20, input);
            loop {
                let mut block = spent.try_recv().unwrap_or_default();
                read_block(&mut reader, &mut block)?;
                if block.lines.is_empty() || blocks_tx.send(block).is_err() {
                    return Ok(());
                }
            }
        });
        let writer = scope.spawn(move || write_verdicts(outcomes, out));
        for block in blocks {
            let verified: Vec<Outcome> = (0..block.lines.len())
                .into_par_iter()
                .map(|i| outcome(policy, accounts, block.line(i)))
                .collect();
            // Back to the reader for the next block; gone only if it has finished.
            let _ = spent_tx.send(block);
            if outcomes_tx.send(verified).is_err() {
                // The writer stopped on an output error, reported below.
                break;
            }
        }
        drop(outcomes_tx);
        let written = writer
            .join()
            .map_err(|_| io::Error::other("writer panicked"))?;
        let read = reader
            .join()
            .map_err(|_| io::Error::other("reader panicked"))?;
        // The output's error first: a reader stopped by it has nothing to add.
        let summary = written?;
        read?;
        Ok(summary)
    })
}

/// Numbers, judges and writes each block's outcomes in input order.
fn write_verdicts(
    blocks: mpsc::Receiver<Vec<Outcome>>,
    mut out: impl Write,
) -> io::Result<Summary> {
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut summary = Summary::default();
    for block in blocks {
        for o in block {
            summary.lines += 1;
            let result = judge(summary.lines, o, &mut seen);
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

fn outcome(policy: &PreparedPolicy, accounts: &AccountBook, line: Option<&[u8]>) -> Outcome {
    let Some(bytes) = line else {
        return Outcome::Refused(
            None,
            vec![line_problem(
                "line_too_long",
                format!("行太长（超过 {} MB）", MAX_LINE_BYTES >> 20),
                format!("the line is longer than {} MB", MAX_LINE_BYTES >> 20),
            )],
        );
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Outcome::Refused(
            None,
            vec![line_problem("empty_line", "空行", "the line is empty")],
        );
    }
    let request = match Request::from_json_bytes(bytes) {
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

/// Up to [`BLOCK_LINES`] lines into `block`: split on LF, one trailing CR
/// dropped; a final LF starts no line. Empty at the end of the input.
fn read_block(reader: &mut impl BufRead, block: &mut Block) -> io::Result<()> {
    block.bytes.clear();
    block.lines.clear();
    while block.lines.len() < BLOCK_LINES {
        let start = block.bytes.len();
        let n = reader
            .by_ref()
            .take(MAX_LINE_BYTES as u64 + 2)
            .read_until(b'\n', &mut block.bytes)?;
        if n == 0 {
            break;
        }
        let ended = block.bytes.last() == Some(&b'\n');
        if ended {
            block.bytes.pop();
        }
        if block.bytes.len() > start && block.bytes.last() == Some(&b'\r') {
            block.bytes.pop();
        }
        if block.bytes.len() - start > MAX_LINE_BYTES {
            block.bytes.truncate(start);
            if !ended {
                skip_line(reader)?;
            }
            block.lines.push(None);
        } else {
            block.lines.push(Some(start..block.bytes.len()));
        }
    }
    Ok(())
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
