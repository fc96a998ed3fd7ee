//! A policy prepared for quoting: lookups by SKU, level and program, and
//! rule indexes by SKU and category, built once so that pricing a line
//! touches only the rules that can select it.

use super::fast_hash::FastMap;
use crate::engine::documents::common::AppliesTo;
use crate::engine::documents::policy::{Level, Policy, Product, RebateProgram};
use crate::engine::problem::Problem;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::Arc;

/// Rules that might select a product, found by its SKU or category.
#[derive(Debug, Default)]
pub struct RuleIndex {
    by_sku: FastMap<String, Vec<usize>>,
    /// Per category: the category's rules merged with `everywhere`, sorted.
    by_category: FastMap<String, Vec<usize>>,
    /// Rules with neither `skus` nor `categories`: they start from every product.
    everywhere: Vec<usize>,
}

impl RuleIndex {
    pub fn build<'a>(selections: impl Iterator<Item = &'a AppliesTo>) -> Self {
        let mut ix = RuleIndex::default();
        for (i, a) in selections.enumerate() {
            if a.skus.is_none() && a.categories.is_none() {
                ix.everywhere.push(i);
            }
            for sku in a.skus.iter().flatten() {
                ix.by_sku.entry(sku.0.clone()).or_default().push(i);
            }
            for cat in a.categories.iter().flatten() {
                ix.by_category.entry(cat.0.clone()).or_default().push(i);
            }
        }
        for rules in ix.by_category.values_mut() {
            rules.extend_from_slice(&ix.everywhere);
            rules.sort_unstable();
            rules.dedup();
        }
        ix
    }

    /// Indexes (in policy order, without repeats) of the rules whose
    /// `skus`/`categories` include this product; the caller still applies
    /// the exclusions (`AppliesTo::excludes`).
    pub fn candidates(&self, sku: &str, category: &str) -> Cow<'_, [usize]> {
        let common = self.by_category.get(category).unwrap_or(&self.everywhere);
        match self.by_sku.get(sku) {
            None => Cow::Borrowed(common),
            Some(own) => {
                let mut out = Vec::with_capacity(common.len() + own.len());
                out.extend_from_slice(common);
                out.extend_from_slice(own);
                out.sort_unstable();
                out.dedup();
                Cow::Owned(out)
            }
        }
    }
}

/// A validated policy with its lookups; build it once per policy and quote
/// any number of orders against it.
#[derive(Debug)]
pub struct PreparedPolicy {
    pub policy: Policy,
    /// sha256 of the policy file's bytes, lowercase hex: names exactly
    /// which policy a quote was computed under.
    pub hash: String,
    products: FastMap<String, usize>,
    levels: FastMap<String, usize>,
    programs: FastMap<String, usize>,
    pub promotions: RuleIndex,
    /// Promotion ids, shared by every line that explains them.
    pub promotion_ids: Vec<Arc<str>>,
    pub volume_breaks: RuleIndex,
}

impl PreparedPolicy {
    pub fn new(policy: Policy, source: &[u8]) -> Self {
        let positions = |ids: Vec<&str>| -> FastMap<String, usize> {
            let mut m = FastMap::default();
            m.reserve(ids.len());
            for (i, id) in ids.into_iter().enumerate() {
                m.entry(id.to_string()).or_insert(i);
            }
            m
        };
        PreparedPolicy {
            hash: sha256_hex(source),
            products: positions(policy.products.iter().map(|p| p.sku.as_str()).collect()),
            levels: positions(policy.levels.iter().map(|l| l.id.as_str()).collect()),
            programs: positions(
                policy
                    .rebate_programs
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect(),
            ),
            promotions: RuleIndex::build(policy.promotions.iter().map(|p| &p.applies_to)),
            promotion_ids: policy
                .promotions
                .iter()
                .map(|p| Arc::from(p.id.as_str()))
                .collect(),
            volume_breaks: RuleIndex::build(policy.volume_breaks.iter().map(|v| &v.applies_to)),
            policy,
        }
    }

    /// Reads, validates and prepares a policy from the file's bytes.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Self, Vec<Problem>> {
        let text =
            super::super::documents::text_of(bytes, crate::engine::problem::Document::Policy)?;
        let policy = Policy::from_json_text(text)?;
        Ok(PreparedPolicy::new(policy, bytes))
    }

    pub fn product(&self, sku: &str) -> Option<&Product> {
        self.products.get(sku).map(|&i| &self.policy.products[i])
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.get(id).map(|&i| &self.policy.levels[i])
    }

    pub fn program(&self, id: &str) -> Option<&RebateProgram> {
        self.programs
            .get(id)
            .map(|&i| &self.policy.rebate_programs[i])
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
