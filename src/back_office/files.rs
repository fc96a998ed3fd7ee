//! Reading input files into problems a user can act on.

use crate::engine::problem::JsonPath;
use crate::engine::{Document, Problem};
use std::path::Path;

/// The file's bytes, or a problem naming the file and why it could not be read.
pub fn read(path: &Path, document: Document) -> Result<Vec<u8>, Problem> {
    std::fs::read(path).map_err(|e| unreadable(path, document, &e))
}

pub fn unreadable(path: &Path, document: Document, e: &std::io::Error) -> Problem {
    let shown = path.display();
    Problem::new(
        document,
        JsonPath::root(),
        "unreadable_file",
        format!("无法读取文件 “{shown}”：{e}"),
        format!("cannot read file \"{shown}\": {e}"),
    )
}

/// A problem of one of several inputs of the same kind, prefixed with
/// where it came from (a file name, a line number).
pub fn from_source(mut p: Problem, zh_source: &str, en_source: &str) -> Problem {
    p.zh = format!("{zh_source}：{}", p.zh);
    p.en = format!("{en_source}: {}", p.en);
    p
}
