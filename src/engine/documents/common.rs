//! Pieces shared by the three documents: ids, bilingual names, dates and
//! product selections.

use crate::engine::json::{FromJson, Json, ObjectReader};
use crate::engine::problem::Problems;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A non-empty identifier (SKU, level, rule, program, category). Blank ids
/// would make rules match nothing without anyone noticing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Id(#[schemars(length(min = 1, max = 200))] pub String);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromJson for Id {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let s = String::from_json(v, path, p)?;
        if s.trim().is_empty() {
            p.push(path, "empty_id", "标识不能为空", "must not be empty");
            None
        } else if s.chars().count() > 200 {
            p.push(
                path,
                "id_too_long",
                "标识最长 200 个字符",
                "must be at most 200 characters",
            );
            None
        } else {
            Some(Id(s))
        }
    }
}

/// A name in both of the product's languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.zh
        }
    }
}

impl FromJson for Localized {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let zh = o.req::<String>("zh", p);
        let en = o.req::<String>("en", p);
        o.finish(p);
        Some(Localized { zh: zh?, en: en? })
    }
}

/// A calendar date. Ordered, so date ranges compare directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` naming a real day.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return None;
        }
        Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
    }
}

impl FromJson for Date {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let s = String::from_json(v, path, p)?;
        let d = Date::parse(&s);
        if d.is_none() {
            p.push(
                path,
                "bad_date",
                format!("“{s}”不是有效日期（格式 YYYY-MM-DD）"),
                format!("\"{s}\" is not a real date in the form YYYY-MM-DD"),
            );
        }
        d
    }
}

/// Which products a rule selects: any of `skus` or `categories`, minus the
/// exclusions; with neither list, every product but the excluded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skus: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<Id>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_skus: Vec<Id>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_categories: Vec<Id>,
}

impl AppliesTo {
    pub fn selects(&self, sku: &str, category: &str) -> bool {
        let included = if self.skus.is_none() && self.categories.is_none() {
            true
        } else {
            self.skus.iter().flatten().any(|s| s.as_str() == sku)
                || self
                    .categories
                    .iter()
                    .flatten()
                    .any(|c| c.as_str() == category)
        };
        included
            && !self.exclude_skus.iter().any(|s| s.as_str() == sku)
            && !self
                .exclude_categories
                .iter()
                .any(|c| c.as_str() == category)
    }

    /// Whether the exclusions drop this product. Rules found through a
    /// [`RuleIndex`](crate::engine::pricing::index::RuleIndex) are already
    /// known to include it, so this is all that is left to check.
    pub fn excludes(&self, sku: &str, category: &str) -> bool {
        self.exclude_skus.iter().any(|s| s.as_str() == sku)
            || self
                .exclude_categories
                .iter()
                .any(|c| c.as_str() == category)
    }

    /// Every (path, id) this selection names, for reference checks.
    pub fn named_skus(&self) -> impl Iterator<Item = (&'static str, usize, &Id)> {
        let inc = self
            .skus
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| ("skus", i, s));
        let exc = self
            .exclude_skus
            .iter()
            .enumerate()
            .map(|(i, s)| ("exclude_skus", i, s));
        inc.chain(exc)
    }

    pub fn named_categories(&self) -> impl Iterator<Item = (&'static str, usize, &Id)> {
        let inc = self
            .categories
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| ("categories", i, s));
        let exc = self
            .exclude_categories
            .iter()
            .enumerate()
            .map(|(i, s)| ("exclude_categories", i, s));
        inc.chain(exc)
    }
}

impl FromJson for AppliesTo {
    fn from_json(v: &Json, path: &str, p: &mut Problems) -> Option<Self> {
        let mut o = ObjectReader::open(v, path, p)?;
        let list = |o: &mut ObjectReader, key: &str, p: &mut Problems| -> Option<Option<Vec<Id>>> {
            let l = o.opt::<Vec<Id>>(key, p)?;
            if l.as_ref().is_some_and(Vec::is_empty) {
                p.push(
                    &o.path_of(key),
                    "empty_list",
                    "列表不能为空（不需要时请省略该字段）",
                    "must not be an empty list (leave the field out instead)",
                );
                return None;
            }
            Some(l)
        };
        let skus = list(&mut o, "skus", p);
        let categories = list(&mut o, "categories", p);
        let exclude_skus = list(&mut o, "exclude_skus", p);
        let exclude_categories = list(&mut o, "exclude_categories", p);
        o.finish(p);
        Some(AppliesTo {
            skus: skus?,
            categories: categories?,
            exclude_skus: exclude_skus?.unwrap_or_default(),
            exclude_categories: exclude_categories?.unwrap_or_default(),
        })
    }
}

/// Checks the document's `schema` tag so a policy is never read as an order.
pub fn read_schema_tag(o: &mut ObjectReader, p: &mut Problems, expected: &str) -> Option<String> {
    let tag = o.req::<String>("schema", p)?;
    if tag != expected {
        p.push(
            &o.path_of("schema"),
            "unknown_schema",
            format!("未知的文档类型 “{tag}”，应为 “{expected}”"),
            format!("unknown schema \"{tag}\", expected \"{expected}\""),
        );
        return None;
    }
    Some(tag)
}
