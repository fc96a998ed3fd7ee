//! The back office's check of a submitted order (REQUEST.md R3): is the
//! partner's quote what this engine makes of the partner's own inputs, and
//! what does the vendor's current account change about it?

pub mod compare;

pub use compare::{compare, Difference, Sides, PARTNER_VS_VENDOR, REQUEST_VS_VENDOR};

use crate::documents::{Account, Request};
use crate::json::Json;
use crate::pricing::index::PreparedPolicy;
use crate::problem::{at, Document, Problem};
use crate::quote::{quote, Quote};

use serde::Serialize;

/// What the vendor decides about a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Genuine, and nothing has moved since the partner quoted.
    Accepted,
    /// Genuine, but the vendor's account changes the quote.
    AccountChanged,
    /// Another policy, or a quote this engine does not make of the
    /// partner's own inputs.
    Rejected,
}

impl Verdict {
    pub fn is_accepted(self) -> bool {
        self == Verdict::Accepted
    }
}

/// The verify output of R3, field for field.
#[derive(Clone, Debug, Serialize)]
pub struct Verification {
    pub request_id: String,
    pub verdict: Verdict,
    pub policy_matches: bool,
    pub differences: Vec<Difference>,
    pub account_changes: Vec<Difference>,
    /// Q₂: the quote on the vendor's account, the figures it will act on.
    pub quote: Quote,
}

/// Verifies `request` under `policy` against the vendor's copy of the
/// partner's account. `Err` is bad input (exit 2): a partner mismatch, or
/// an order or account the engine refuses (located under `request.`).
pub fn verify(
    policy: &PreparedPolicy,
    vendor_account: &Account,
    request: &Request,
) -> Result<Verification, Vec<Problem>> {
    if request.partner_id != vendor_account.partner_id {
        return Err(vec![Problem::new(
            Document::Request,
            at("partner_id"),
            "partner_mismatch",
            format!(
                "请求的伙伴 “{}” 与账户文件的 partner_id “{}” 不一致",
                request.partner_id, vendor_account.partner_id
            ),
            format!(
                "\"{}\" differs from the account's partner_id \"{}\"",
                request.partner_id, vendor_account.partner_id
            ),
        )]);
    }
    let in_request = |problems: Vec<Problem>, account_is_the_requests: bool| {
        problems
            .into_iter()
            .map(|p| match p.document {
                Document::Order => p.nested(Document::Request, "order"),
                Document::Account if account_is_the_requests => {
                    p.nested(Document::Request, "account")
                }
                _ => p,
            })
            .collect::<Vec<_>>()
    };
    let partners = quote(policy, &request.account, &request.order).map_err(|p| in_request(p, true));
    // Most partners quote with the account the vendor still has: then the
    // vendor's quote is the partner's, and is not computed twice.
    let vendors = if *vendor_account == request.account {
        partners.clone()
    } else {
        quote(policy, vendor_account, &request.order).map_err(|p| in_request(p, false))
    };
    let (q1, q2) = match (partners, vendors) {
        (Ok(q1), Ok(q2)) => (q1, q2),
        (Err(mut a), Err(b)) => {
            a.extend(b.into_iter().filter(|p| p.document == Document::Account));
            return Err(a);
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    // Sized for the quote sent, which a genuine request's equals: written
    // once, never regrown.
    let mut q1_text = Vec::with_capacity(request.quote.text().len() + 64);
    serde_json::to_writer(&mut q1_text, &q1).map_err(|_| unwritable())?;
    let q1_text = String::from_utf8(q1_text).map_err(|_| unwritable())?;
    // The common case, a genuine request, costs one comparison of texts.
    let differences = if request.quote.is_text_of(&q1_text) {
        Vec::new()
    } else {
        let sent = request.quote.tree().ok_or_else(unwritable)?;
        compare(&sent, &tree(&q1_text)?, REQUEST_VS_VENDOR)
    };
    let account_changes = if q1 == q2 {
        Vec::new()
    } else {
        let q2_text = serde_json::to_string(&q2).map_err(|_| unwritable())?;
        compare(&tree(&q1_text)?, &tree(&q2_text)?, PARTNER_VS_VENDOR)
    };
    let policy_matches = request.policy.hash.as_str() == policy.hash;
    let verdict = if !policy_matches || !differences.is_empty() {
        Verdict::Rejected
    } else if !account_changes.is_empty() {
        Verdict::AccountChanged
    } else {
        Verdict::Accepted
    };
    Ok(Verification {
        request_id: request.request_id.as_str().to_string(),
        verdict,
        policy_matches,
        differences,
        account_changes,
        quote: q2,
    })
}

/// A quote's JSON text as a tree, keys in printed order.
fn tree(text: &str) -> Result<Json, Vec<Problem>> {
    Json::parse(text).map_err(|_| unwritable())
}

fn unwritable() -> Vec<Problem> {
    vec![Problem::new(
        Document::Request,
        at("quote"),
        "internal_error",
        "内部错误，请报告此问题：报价无法写成 JSON",
        "internal error, please report it: the quote cannot be written as JSON",
    )]
}
