//! Errors as data: every problem in the input is collected, located by
//! document and JSON path, and worded in Chinese and English, so the CLI can
//! print it and the UI can show it next to the field it concerns.

use serde::Serialize;
use std::fmt;

/// Which of the three input documents a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Document {
    Policy,
    Account,
    Order,
}

impl Document {
    pub fn as_str(self) -> &'static str {
        match self {
            Document::Policy => "policy",
            Document::Account => "account",
            Document::Order => "order",
        }
    }
}

/// One thing wrong with the input, never thrown, always collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub document: Document,
    /// JSON path inside the document, e.g. `lines[2].qty`; empty for the root.
    pub path: String,
    /// Stable machine-readable code tests and tools can match on.
    pub code: String,
    pub zh: String,
    pub en: String,
}

impl Problem {
    pub fn new(
        document: Document,
        path: impl Into<String>,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Problem {
            document,
            path: path.into(),
            code: code.to_string(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// `order.lines[2].qty`: the document name and the path, as users see it.
    pub fn location(&self) -> String {
        if self.path.is_empty() {
            self.document.as_str().to_string()
        } else if self.path.starts_with('[') {
            format!("{}{}", self.document.as_str(), self.path)
        } else {
            format!("{}.{}", self.document.as_str(), self.path)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} / {}", self.location(), self.en, self.zh)
    }
}

/// Collects problems for one document while it is read and checked.
#[derive(Debug)]
pub struct Problems {
    pub document: Document,
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn new(document: Document) -> Self {
        Problems {
            document,
            list: Vec::new(),
        }
    }

    pub fn push(&mut self, path: &str, code: &str, zh: impl Into<String>, en: impl Into<String>) {
        self.list
            .push(Problem::new(self.document, path, code, zh, en));
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Appends a field name to a JSON path.
pub fn field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Appends an array index to a JSON path.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
