//! The three input documents (SPEC §2) as typed values. Each is read from
//! untrusted JSON by its `from_json_text`, which reports every problem at
//! once, and serializes back to the same JSON shape.

pub mod account;
pub mod common;
pub mod order;
pub mod policy;

pub use account::Account;
pub use common::{AppliesTo, Date, Id, Localized};
pub use order::Order;
pub use policy::Policy;

use crate::engine::json::{FromJson, Json};
use crate::engine::problem::{Document, Problem, Problems};

/// Parses `text` as JSON, reads it as `T` and runs `check` (the document's
/// own validation) when reading succeeded.
pub(crate) fn read_document<T: FromJson>(
    text: &str,
    document: Document,
    check: fn(&T, &mut Problems),
) -> Result<T, Vec<Problem>> {
    let mut p = Problems::new(document);
    let json = match Json::parse(text) {
        Ok(j) => j,
        Err(e) => {
            p.push(
                "",
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
            return Err(p.list);
        }
    };
    let doc = T::from_json(&json, "", &mut p);
    if let Some(d) = &doc {
        check(d, &mut p);
    }
    match doc {
        Some(d) if p.is_empty() => Ok(d),
        _ => Err(p.list),
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
            "",
            "not_utf8",
            format!("文件不是 UTF-8 编码（第 {} 个字节处）", e.valid_up_to()),
            format!("the file is not UTF-8 text (at byte {})", e.valid_up_to()),
        )]
    })
}
