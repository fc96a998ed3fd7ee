//! The one way in: bytes → text → JSON → typed document → validated →
//! (for a policy) prepared. The CLI, the app and a back office all call
//! these, so a file gets the same verdict everywhere.

use crate::documents::{Account, Order, Plan, Policy, Request};
use crate::json::{FromJson, Json};
use crate::pricing::index::PreparedPolicy;
use crate::problem::{At, Document, JsonPath, Problem, Problems};
use crate::validate;

/// Parses `text` as JSON, reads it as `T` and runs `check` (the document's
/// own validation) when reading succeeded.
pub fn read_document<T: FromJson>(
    text: &str,
    document: Document,
    check: fn(&T, &mut Problems),
) -> Result<T, Vec<Problem>> {
    let mut p = Problems::new(document);
    let json = match Json::parse(text) {
        Ok(j) => j,
        Err(e) => {
            p.push(
                &JsonPath::root(),
                "malformed_json",
                format!(
                    "不是有效的 JSON：第 {} 行第 {} 列：{}",
                    e.line(),
                    e.column(),
                    json_error_zh(&e)
                ),
                format!(
                    "not valid JSON: line {}, column {}: {e}",
                    e.line(),
                    e.column()
                ),
            );
            return Err(p.into_vec());
        }
    };
    let doc = T::from_json(&json, &At::ROOT, &mut p);
    if let Some(d) = &doc {
        check(d, &mut p);
    }
    match doc {
        Some(d) if p.is_empty() => Ok(d),
        _ => Err(p.into_vec()),
    }
}

fn json_error_zh(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "内容不完整（文件被截断？）",
        Category::Syntax => "语法错误",
        Category::Data => "数据错误",
        Category::Io => "读取失败",
    }
}

/// The text of a document file: UTF-8, with a leading byte-order mark (as
/// Windows editors write) ignored.
pub fn text_of(bytes: &[u8], document: Document) -> Result<&str, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        vec![Problem::new(
            document,
            JsonPath::root(),
            "not_utf8",
            format!("文件不是 UTF-8 编码（第 {} 个字节处）", e.valid_up_to()),
            format!("the file is not UTF-8 text (at byte {})", e.valid_up_to()),
        )]
    })
}

impl Policy {
    /// Reads a policy from JSON text and checks it on its own (SPEC §7):
    /// syntax, ranges, ordering and references inside the policy.
    pub fn from_json_text(text: &str) -> Result<Policy, Vec<Problem>> {
        read_document(text, Document::Policy, validate::policy::check)
    }
}

impl Account {
    /// Reads an account from JSON text and checks it on its own; the level
    /// and program references are checked against a policy by the quote.
    pub fn from_json_text(text: &str) -> Result<Account, Vec<Problem>> {
        read_document(text, Document::Account, validate::account::check)
    }

    /// [`Account::from_json_text`] from a file's bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Account, Vec<Problem>> {
        Account::from_json_text(text_of(bytes, Document::Account)?)
    }
}

impl Order {
    /// Reads an order from JSON text; SKUs and quantity multiples are
    /// checked against a policy by the quote.
    pub fn from_json_text(text: &str) -> Result<Order, Vec<Problem>> {
        read_document(text, Document::Order, validate::version::order)
    }

    /// [`Order::from_json_text`] from a file's bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Order, Vec<Problem>> {
        Order::from_json_text(text_of(bytes, Document::Order)?)
    }
}

impl Plan {
    /// Reads a business plan from JSON text and checks it on its own
    /// (duplicate levels and programs, increasing dates); its levels, SKUs
    /// and programs are checked against a policy by [`plan`](crate::plan()).
    pub fn from_json_text(text: &str) -> Result<Plan, Vec<Problem>> {
        read_document(text, Document::Plan, validate::plan::check)
    }

    /// [`Plan::from_json_text`] from a file's bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Plan, Vec<Problem>> {
        Plan::from_json_text(text_of(bytes, Document::Plan)?)
    }
}

impl Request {
    /// Reads an order request (REQUEST.md R2) and checks it on its own:
    /// the account and order inside it as files of their own, the partner
    /// and the policy it names twice. Against a policy, [`verify`](crate::verify::verify)
    /// checks the rest.
    pub fn from_json_text(text: &str) -> Result<Request, Vec<Problem>> {
        let mut p = Problems::new(Document::Request);
        // The quote is held as text, not as a tree (see `request_text`);
        // anything but an object is read the ordinary way, which words it.
        let Some(doc) = crate::documents::request_text::read(text, &mut p) else {
            return read_document(text, Document::Request, validate::request::check);
        };
        if let Some(d) = &doc {
            validate::request::check(d, &mut p);
        }
        match doc {
            Some(d) if p.is_empty() => Ok(d),
            _ => Err(p.into_vec()),
        }
    }

    /// [`Request::from_json_text`] from a file's bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Request, Vec<Problem>> {
        Request::from_json_text(text_of(bytes, Document::Request)?)
    }
}

impl PreparedPolicy {
    /// Reads, validates and prepares a policy from the file's bytes; the
    /// hash names these exact bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, Vec<Problem>> {
        let policy = Policy::from_json_text(text_of(bytes, Document::Policy)?)?;
        PreparedPolicy::new(policy, bytes)
    }
}
