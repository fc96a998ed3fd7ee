//! Collections with a rule: a list that must not be empty, and a map from
//! names to values that reports duplicate keys.

use crate::json::{FromJson, Json, ObjectReader};
use crate::problem::{At, Problems};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Deref;

/// A list with at least one item (an order's lines, a policy's products, a
/// selection's SKUs). Reads as a slice; built in code through [`NonEmpty::new`].
#[derive(Clone, Debug, PartialEq)]
pub struct NonEmpty<T>(Vec<T>);

impl<T> NonEmpty<T> {
    pub fn new(items: Vec<T>) -> Option<Self> {
        (!items.is_empty()).then_some(NonEmpty(items))
    }

    pub fn one(item: T) -> Self {
        NonEmpty(vec![item])
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }

    /// Each item transformed; still non-empty.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> NonEmpty<U> {
        NonEmpty(self.0.into_iter().map(f).collect())
    }

    /// Adds an item at the end.
    pub fn push(&mut self, item: T) {
        self.0.push(item);
    }
}

impl<T> Deref for NonEmpty<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// Items can be changed in place; a slice cannot change its length, so
/// the list stays non-empty.
impl<T> std::ops::DerefMut for NonEmpty<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<'a, T> IntoIterator for &'a NonEmpty<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Serialize> Serialize for NonEmpty<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T: FromJson> FromJson for NonEmpty<T> {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        let items = Vec::<T>::from_json(v, at, p)?;
        if items.is_empty() {
            p.at(
                at,
                "empty_list",
                "列表不能为空（不需要时请省略该字段）",
                "must not be an empty list (leave the field out instead)",
            );
            return None;
        }
        Some(NonEmpty(items))
    }
}

impl<T: JsonSchema> JsonSchema for NonEmpty<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("NonEmpty_{}", T::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut s = Vec::<T>::json_schema(generator);
        s.insert("minItems".into(), 1.into());
        s
    }
}

/// A list of 1 to `MAX` items (a plan's periods). The upper bound is in
/// the type, so the reader and the schema's `maxItems` agree and the work
/// a document can ask for stays bounded.
#[derive(Clone, Debug, PartialEq)]
pub struct NonEmptyUpTo<T, const MAX: usize>(Vec<T>);

impl<T, const MAX: usize> NonEmptyUpTo<T, MAX> {
    /// `None` when empty or longer than `MAX`.
    pub fn new(items: Vec<T>) -> Option<Self> {
        (!items.is_empty() && items.len() <= MAX).then_some(NonEmptyUpTo(items))
    }

    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T, const MAX: usize> Deref for NonEmptyUpTo<T, MAX> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// Items can be changed in place; a slice cannot change its length.
impl<T, const MAX: usize> std::ops::DerefMut for NonEmptyUpTo<T, MAX> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

impl<'a, T, const MAX: usize> IntoIterator for &'a NonEmptyUpTo<T, MAX> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Serialize, const MAX: usize> Serialize for NonEmptyUpTo<T, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T: FromJson, const MAX: usize> FromJson for NonEmptyUpTo<T, MAX> {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        // Reading as a non-empty list first reports every item's problems
        // and the empty list alike.
        let items = NonEmpty::<T>::from_json(v, at, p)?.into_vec();
        if items.len() > MAX {
            p.at(
                at,
                "too_many_items",
                format!("最多 {MAX} 项，收到 {} 项", items.len()),
                format!("must have at most {MAX} items, got {}", items.len()),
            );
            return None;
        }
        Some(NonEmptyUpTo(items))
    }
}

impl<T: JsonSchema, const MAX: usize> JsonSchema for NonEmptyUpTo<T, MAX> {
    fn schema_name() -> Cow<'static, str> {
        format!("NonEmptyUpTo{MAX}_{}", T::schema_name()).into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut s = NonEmpty::<T>::json_schema(generator);
        s.insert("maxItems".into(), MAX.into());
        s
    }
}

/// `{name: value}` read with every duplicate key reported.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        // Opening reports a wrong type and duplicate keys.
        ObjectReader::open(v, at, p)?;
        let Json::Object(entries) = v else {
            return None;
        };
        let mut map = BTreeMap::new();
        let mut ok = true;
        for (k, val) in entries {
            match T::from_json(val, &at.field(k), p) {
                Some(x) => {
                    map.entry(k.clone()).or_insert(x);
                }
                None => ok = false,
            }
        }
        ok.then_some(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Document;

    #[test]
    fn a_bounded_list_refuses_empty_and_too_long_alike() {
        let list = |n: usize| Json::Array(vec![Json::Bool(true); n]);
        let mut p = Problems::new(Document::Plan);
        assert!(NonEmptyUpTo::<bool, 3>::from_json(&list(3), &At::ROOT, &mut p).is_some());
        assert!(NonEmptyUpTo::<bool, 3>::from_json(&list(0), &At::ROOT, &mut p).is_none());
        assert!(NonEmptyUpTo::<bool, 3>::from_json(&list(4), &At::ROOT, &mut p).is_none());
        let codes: Vec<_> = p.into_vec().into_iter().map(|x| x.code).collect();
        assert_eq!(codes, ["empty_list", "too_many_items"]);
        assert!(NonEmptyUpTo::<u8, 2>::new(vec![1, 2, 3]).is_none());
    }
}
