//! A policy prepared for quoting: lookups by SKU, level and program, and
//! rule indexes by SKU and category, built once so that pricing a line
//! touches only the rules that can select it.

use crate::engine::documents::common::AppliesTo;
use crate::engine::documents::policy::{Level, Policy, Product, RebateProgram};
use crate::engine::problem::Problem;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Rules that might select a product, found by its SKU or category.
#[derive(Debug, Default)]
pub struct RuleIndex {
    by_sku: HashMap<String, Vec<usize>>,
    by_category: HashMap<String, Vec<usize>>,
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
        ix
    }

    /// Indexes (in policy order, without repeats) of the rules that may
    /// select this product; the caller still applies exclusions via
    /// `AppliesTo::selects`.
    pub fn candidates(&self, sku: &str, category: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.everywhere.clone();
        out.extend(self.by_sku.get(sku).into_iter().flatten());
        out.extend(self.by_category.get(category).into_iter().flatten());
        out.sort_unstable();
        out.dedup();
        out
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
    products: HashMap<String, usize>,
    levels: HashMap<String, usize>,
    programs: HashMap<String, usize>,
    pub promotions: RuleIndex,
    pub volume_breaks: RuleIndex,
}

impl PreparedPolicy {
    pub fn new(policy: Policy, source: &[u8]) -> Self {
        let positions = |ids: Vec<&str>| -> HashMap<String, usize> {
            let mut m = HashMap::with_capacity(ids.len());
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
