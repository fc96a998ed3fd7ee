//! A request's own consistency (REQUEST.md R2): the account inside it is
//! checked as an account file would be, and what the request says twice
//! must agree.

use crate::documents::request::Request;
use crate::json::Json;
use crate::problem::{at, Document, Problems};
use crate::validate;

pub fn check(request: &Request, p: &mut Problems) {
    let mut inner = Problems::new(Document::Account);
    validate::account::check(&request.account, &mut inner);
    for problem in inner.into_vec() {
        let nested = problem.nested(Document::Request, "account");
        p.push(&nested.path, &nested.code, nested.zh, nested.en);
    }
    if request.partner_id != request.account.partner_id {
        p.push(
            &at("partner_id"),
            "partner_mismatch",
            format!(
                "请求的伙伴 “{}” 与 account.partner_id “{}” 不一致",
                request.partner_id, request.account.partner_id
            ),
            format!(
                "\"{}\" differs from request.account.partner_id \"{}\"",
                request.partner_id, request.account.partner_id
            ),
        );
    }
    if !policy_matches_quote(request) {
        p.push(
            &at("policy"),
            "policy_mismatch",
            "与 request.quote.policy 不一致",
            "differs from request.quote.policy",
        );
    }
}

/// `request.policy` equals `request.quote.policy` member for member, in
/// the quote's JSON (ids, version and hash as strings).
fn policy_matches_quote(request: &Request) -> bool {
    let Some(Json::Object(quoted)) = request.quote.policy() else {
        return false;
    };
    let text = |key: &str| {
        let mut values = quoted.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(Json::String(s)), None) => Some(s.as_str()),
            _ => None,
        }
    };
    let p = &request.policy;
    quoted.len() == 3
        && text("id") == Some(p.id.as_str())
        && text("version") == Some(p.version.as_str())
        && text("hash") == Some(p.hash.as_str())
}
