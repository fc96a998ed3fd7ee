//! Errors as data: every problem in the input is collected, located by
//! document and a typed JSON path, and worded in Chinese and English, so
//! the CLI can print it and the UI can place it next to the input it
//! concerns by comparing path segments, never by matching strings.

use serde::{Serialize, Serializer};
use std::fmt;

/// Which input document a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Document {
    Policy,
    Account,
    Order,
    /// A business plan (`channel-plan/1`, PLAN.md).
    Plan,
    /// An order request (`channel-order-request/1`, REQUEST.md); the
    /// account and order inside it are reported as `request.account…` and
    /// `request.order…`.
    Request,
    /// A channel chain (`channel-chain/1`, SPEC-v2 §10).
    Chain,
}

impl Document {
    pub fn as_str(self) -> &'static str {
        match self {
            Document::Policy => "policy",
            Document::Account => "account",
            Document::Order => "order",
            Document::Plan => "plan",
            Document::Request => "request",
            Document::Chain => "chain",
        }
    }
}

/// One step of a JSON path: an object field or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    Field(String),
    Index(usize),
}

/// Where a value sits inside a document, e.g. `lines[2].qty`. Built by
/// the reader as it descends, so every problem carries an exact location.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(Vec<Segment>);

impl JsonPath {
    /// The document itself.
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    /// This path followed by the field `name`.
    pub fn field(&self, name: &str) -> Self {
        let mut s = self.0.clone();
        s.push(Segment::Field(name.to_string()));
        JsonPath(s)
    }

    /// This path followed by the array index `i`.
    pub fn index(&self, i: usize) -> Self {
        let mut s = self.0.clone();
        s.push(Segment::Index(i));
        JsonPath(s)
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the path is exactly `fields[..]` with no index.
    pub fn is_field(&self, name: &str) -> bool {
        matches!(self.0.as_slice(), [Segment::Field(f)] if f == name)
    }

    /// `Some(i)` when the path starts with `name[i]`.
    pub fn index_under(&self, name: &str) -> Option<(usize, &[Segment])> {
        match self.0.as_slice() {
            [Segment::Field(f), Segment::Index(i), rest @ ..] if f == name => Some((*i, rest)),
            _ => None,
        }
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for JsonPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A location being read: borrowed steps on the reader's stack, turned
/// into a [`JsonPath`] only when a problem is recorded there — reading a
/// valid document allocates nothing for paths.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

impl At<'static> {
    /// The document itself.
    pub const ROOT: At<'static> = At {
        parent: None,
        step: Step::Root,
    };
}

impl<'a> At<'a> {
    /// The field `name` under this location.
    pub fn field<'b>(&'b self, name: &'b str) -> At<'b> {
        At {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    /// The array index `i` under this location.
    pub fn index(&self, i: usize) -> At<'_> {
        At {
            parent: Some(self),
            step: Step::Index(i),
        }
    }

    /// The location as a path value.
    pub fn path(&self) -> JsonPath {
        let mut steps = Vec::new();
        let mut cur = Some(self);
        while let Some(at) = cur {
            match at.step {
                Step::Root => {}
                Step::Field(f) => steps.push(Segment::Field(f.to_string())),
                Step::Index(i) => steps.push(Segment::Index(i)),
            }
            cur = at.parent;
        }
        steps.reverse();
        JsonPath(steps)
    }
}

/// The top-level field `name`.
pub fn at(name: &str) -> JsonPath {
    JsonPath::root().field(name)
}

/// `path.name`.
pub fn field(path: &JsonPath, name: &str) -> JsonPath {
    path.field(name)
}

/// `path[i]`.
pub fn index(path: &JsonPath, i: usize) -> JsonPath {
    path.index(i)
}

/// One thing wrong with the input, never thrown, always collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub document: Document,
    /// JSON path inside the document, e.g. `lines[2].qty`; empty for the root.
    pub path: JsonPath,
    /// Stable machine-readable code tests and tools can match on.
    pub code: String,
    pub zh: String,
    pub en: String,
    /// In a chain (SPEC-v2 §10), the tier whose quote the problem is in:
    /// `vendor` or `distributor`; printed before the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<&'static str>,
}

impl Problem {
    pub fn new(
        document: Document,
        path: JsonPath,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Problem {
            document,
            path,
            code: code.to_string(),
            zh: zh.into(),
            en: en.into(),
            tier: None,
        }
    }

    /// This problem inside one tier's quote of a chain.
    pub fn in_tier(mut self, tier: &'static str) -> Problem {
        self.tier = Some(tier);
        self
    }

    /// This problem found in a document carried inside another, at its
    /// field `under`: `order.lines[0].qty` becomes
    /// `request.order.lines[0].qty`.
    pub fn nested(mut self, outer: Document, under: &str) -> Problem {
        let mut segments = Vec::with_capacity(self.path.0.len() + 1);
        segments.push(Segment::Field(under.to_string()));
        segments.append(&mut self.path.0);
        self.path = JsonPath(segments);
        self.document = outer;
        self
    }

    /// `order.lines[2].qty`: the document name and the path, as users see it.
    pub fn location(&self) -> String {
        let tier = self.tier.map_or(String::new(), |t| format!("{t}: "));
        match self.path.segments().first() {
            None => format!("{tier}{}", self.document.as_str()),
            Some(Segment::Index(_)) => format!("{tier}{}{}", self.document.as_str(), self.path),
            Some(Segment::Field(_)) => format!("{tier}{}.{}", self.document.as_str(), self.path),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} / {}", self.location(), self.en, self.zh)
    }
}

/// At most this many problems are kept per document: a hostile file with
/// half a million bad keys is reported in a screenful, not a gigabyte.
pub const MAX_PROBLEMS: usize = 200;

/// Collects problems for one document while it is read and checked.
#[derive(Debug)]
pub struct Problems {
    pub document: Document,
    list: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`], counted, not kept.
    more: usize,
}

impl Problems {
    pub fn new(document: Document) -> Self {
        Problems {
            document,
            list: Vec::new(),
            more: 0,
        }
    }

    pub fn push(
        &mut self,
        path: &JsonPath,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) {
        if self.list.len() < MAX_PROBLEMS {
            self.list
                .push(Problem::new(self.document, path.clone(), code, zh, en));
        } else {
            self.more += 1;
        }
    }

    /// Records a problem at a location being read; its path is built
    /// only if the problem is kept.
    pub fn at(&mut self, at: &At, code: &str, zh: impl Into<String>, en: impl Into<String>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list
                .push(Problem::new(self.document, at.path(), code, zh, en));
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems kept so far (without the "more" summary).
    pub fn as_slice(&self) -> &[Problem] {
        &self.list
    }

    /// Every problem, with one closing line counting those not kept.
    pub fn into_vec(mut self) -> Vec<Problem> {
        if self.more > 0 {
            let n = self.more;
            self.list.push(Problem::new(
                self.document,
                JsonPath::root(),
                "more_problems",
                format!("另有 {n} 个问题未列出"),
                format!("and {n} more problems not listed"),
            ));
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_as_users_write_them() {
        let p = JsonPath::root().field("lines").index(2).field("qty");
        assert_eq!(p.to_string(), "lines[2].qty");
        assert_eq!(p.index_under("lines").map(|x| x.0), Some(2));
        let problem = Problem::new(Document::Order, p, "x", "中", "en");
        assert_eq!(problem.location(), "order.lines[2].qty");
        assert_eq!(
            Problem::new(Document::Policy, JsonPath::root(), "x", "", "").location(),
            "policy"
        );
    }

    #[test]
    fn a_location_being_read_becomes_the_same_path() {
        let root = At::ROOT;
        let lines = root.field("lines");
        let line = lines.index(2);
        assert_eq!(
            line.field("qty").path(),
            JsonPath::root().field("lines").index(2).field("qty")
        );
        assert!(At::ROOT.path().is_root());
    }

    #[test]
    fn a_flood_of_problems_is_capped_and_counted() {
        let mut p = Problems::new(Document::Policy);
        for i in 0..(MAX_PROBLEMS + 5) {
            p.push(&JsonPath::root().index(i), "x", "", "");
        }
        let all = p.into_vec();
        assert_eq!(all.len(), MAX_PROBLEMS + 1);
        assert_eq!(all.last().unwrap().en, "and 5 more problems not listed");
    }
}
