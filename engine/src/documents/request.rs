//! What a partner submits (`channel-order-request/1`, REQUEST.md R2): the
//! order, the account it was quoted with, the quote the partner saw and the
//! policy that produced it, so the vendor can re-run the same engine.

use super::{Account, Id, Order};
use crate::fields::{Note, RequestId, RequestTag, Sha256Hex, Timestamp};
use crate::json::{wrong_type, FromJson, Json};
use crate::problem::{At, Problems};
use crate::quote::Quote;
use crate::record;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

pub const REQUEST_SCHEMA: &str = RequestTag::TAG;

record! {
    /// An order submitted to the vendor with everything needed to check it.
    pub struct Request {
        /// Always `channel-order-request/1`.
        pub schema: RequestTag,
        /// 1–64 characters of `A–Z a–z 0–9 . _ -`; a resubmission reuses it.
        pub request_id: RequestId,
        /// When the partner made the request, UTC; informational.
        pub created_at: Timestamp,
        /// The policy the quote was made under; equals `quote.policy`.
        pub policy: RequestPolicy,
        /// The partner; equals `account.partner_id`.
        pub partner_id: Id,
        /// The account as the partner's app had it when quoting.
        pub account: Account,
        /// The order.
        pub order: Order,
        /// The quote the partner saw (SPEC §9); compared, not validated.
        pub quote: QuoteObject,
        /// A note to the vendor, at most 500 characters.
        pub note: Option<Note> = optional,
    }
}

record! {
    /// Which policy, which edition and which exact file.
    pub struct RequestPolicy {
        /// The policy's id.
        pub id: Id,
        /// The policy's version.
        pub version: Id,
        /// SHA-256 of the policy file's bytes, lower-case hex.
        pub hash: Sha256Hex,
    }
}

/// The quote as sent, kept as its JSON text (keys in their order, every
/// value): the vendor compares what the partner saw, not a reading of it,
/// and a quote equal to the vendor's is found equal by comparing text,
/// without building a second tree.
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteObject {
    /// The JSON text of an object as it was sent (compact when this
    /// engine wrote it; a sender may have added whitespace).
    text: String,
    /// Its `policy` member, which the request repeats and must agree with.
    policy: Option<Json>,
}

impl QuoteObject {
    /// The quote as the partner's engine printed it.
    pub fn of(quote: &Quote) -> Option<QuoteObject> {
        let text = serde_json::to_string(quote).ok()?;
        let policy = super::request_text::policy_member(&text);
        Some(QuoteObject { text, policy })
    }

    /// The text as sent.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether this is the quote whose compact JSON is `compact`. A quote
    /// sent as this engine writes it is compared as it is; only one sent
    /// with whitespace between tokens is compacted first.
    pub fn is_text_of(&self, compact: &str) -> bool {
        self.text == compact || super::request_text::compact(&self.text) == compact
    }

    /// The quote as a tree, to compare it member by member.
    pub fn tree(&self) -> Option<Json> {
        Json::parse(&self.text).ok()
    }

    /// The quote as sent in a request's text: kept, its policy member
    /// read, nothing else built. `None` unless an object.
    pub fn from_text(text: &str) -> Option<QuoteObject> {
        text.trim_start().starts_with('{').then(|| QuoteObject {
            text: text.to_string(),
            policy: super::request_text::policy_member(text),
        })
    }

    /// The quote's `policy` member (the first, should the key repeat).
    pub fn policy(&self) -> Option<&Json> {
        self.policy.as_ref()
    }

    fn from_tree(tree: &Json) -> Option<QuoteObject> {
        let Json::Object(entries) = tree else {
            return None;
        };
        Some(QuoteObject {
            // Writing a tree that was just parsed cannot fail.
            text: serde_json::to_string(tree).ok()?,
            policy: entries
                .iter()
                .find(|(k, _)| k == "policy")
                .map(|(_, v)| v.clone()),
        })
    }
}

impl FromJson for QuoteObject {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        if let Json::Object(_) = v {
            QuoteObject::from_tree(v)
        } else {
            wrong_type(p, at, v, "对象（报价）", "an object (the quote)");
            None
        }
    }
}

/// Written as the very text kept: no tree is built to write it back.
impl Serialize for QuoteObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(self.text.clone()) {
            Ok(raw) => raw.serialize(s),
            Err(_) => Err(serde::ser::Error::custom("the quote is not JSON")),
        }
    }
}

impl JsonSchema for QuoteObject {
    fn schema_name() -> Cow<'static, str> {
        "QuoteObject".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "the quote the partner's engine printed (SPEC §9); compared, not validated"
        })
    }
}

impl Request {
    /// The request for an order the partner has just quoted: the policy is
    /// the quote's, the partner the account's. `None` only if the quote
    /// was not made by this engine (its policy reference is not one).
    pub fn for_quote(
        request_id: RequestId,
        created_at: Timestamp,
        account: Account,
        order: Order,
        quote: &Quote,
        note: Option<Note>,
    ) -> Option<Request> {
        let policy = RequestPolicy {
            id: Id::new(quote.policy.id.as_str()).ok()?,
            version: Id::new(quote.policy.version.as_str()).ok()?,
            hash: Sha256Hex::new(quote.policy.hash.as_str())?,
        };
        Some(Request {
            schema: RequestTag,
            request_id,
            created_at,
            policy,
            partner_id: account.partner_id.clone(),
            account,
            order,
            quote: QuoteObject::of(quote)?,
            note,
        })
    }
}
