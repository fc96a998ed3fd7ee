//! A policy prepared for quoting: lookups by SKU, level and program, and
//! rule indexes by SKU and category, built once so that pricing a line
//! touches only the rules that can select it.

use super::fast_hash::FastMap;
pub use super::promotion_kind::{CoreAction, FreeProduct};
use crate::documents::policy::{Level, Policy, Product, Promotion, RebateProgram};
use crate::documents::AppliesTo;
use crate::problem::{Document, Problem, Problems};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::Arc;

/// Where a product sits in the policy: its position and its category's,
/// resolved once per line so rule lookups need no hashing.
#[derive(Clone, Copy, Debug)]
pub struct ProductSlot<'a> {
    pub position: usize,
    pub category_position: usize,
    pub sku: &'a str,
    pub category: &'a str,
}

/// Rules that might select a product, found by its SKU or category.
#[derive(Debug, Default)]
pub struct RuleIndex {
    /// Per product position: the rules naming its SKU (mostly empty).
    by_product: Vec<Box<[usize]>>,
    /// Per category position: the category's rules merged with the rules
    /// that start from every product, sorted.
    by_category: Vec<Vec<usize>>,
}

impl RuleIndex {
    fn build<'a>(
        selections: impl Iterator<Item = &'a AppliesTo>,
        products: &FastMap<String, usize>,
        categories: &FastMap<String, usize>,
    ) -> Self {
        let mut by_product: Vec<Vec<usize>> = vec![Vec::new(); products.len()];
        let mut by_category: Vec<Vec<usize>> = vec![Vec::new(); categories.len()];
        let mut everywhere = Vec::new();
        for (i, a) in selections.enumerate() {
            if a.skus.is_none() && a.categories.is_none() {
                everywhere.push(i);
            }
            for sku in a.skus.iter().flatten() {
                if let Some(&p) = products.get(sku.as_str()) {
                    by_product[p].push(i);
                }
            }
            for cat in a.categories.iter().flatten() {
                if let Some(&c) = categories.get(cat.as_str()) {
                    by_category[c].push(i);
                }
            }
        }
        for rules in &mut by_category {
            rules.extend_from_slice(&everywhere);
            rules.sort_unstable();
            rules.dedup();
        }
        RuleIndex {
            by_product: by_product.into_iter().map(Vec::into_boxed_slice).collect(),
            by_category,
        }
    }

    /// Indexes (in policy order, without repeats) of the rules whose
    /// `skus`/`categories` include this product; the caller still applies
    /// the exclusions (`AppliesTo::excludes`).
    pub fn candidates(&self, product: &ProductSlot) -> Cow<'_, [usize]> {
        let common: &[usize] = self
            .by_category
            .get(product.category_position)
            .map_or(&[], Vec::as_slice);
        match self.by_product.get(product.position) {
            Some(own) if !own.is_empty() => {
                let mut out = Vec::with_capacity(common.len() + own.len());
                out.extend_from_slice(common);
                out.extend_from_slice(own);
                out.sort_unstable();
                out.dedup();
                Cow::Owned(out)
            }
            _ => Cow::Borrowed(common),
        }
    }
}

/// What pricing needs of a promotion, packed together: the full
/// [`Promotion`](crate::documents::policy::Promotion) is large, and
/// every line looks at dozens of them.
#[derive(Clone, Copy, Debug)]
pub struct PromotionCore {
    pub has_exclusions: bool,
    pub min_qty: u32,
    pub action: CoreAction,
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
    /// Per product position: its category's position.
    category_of: Vec<usize>,
    levels: FastMap<String, usize>,
    programs: FastMap<String, usize>,
    /// Promotion positions by id: a quote's validity looks up the few
    /// promotions on it rather than scanning them all.
    promotion_positions: FastMap<String, usize>,
    pub promotions: RuleIndex,
    /// Promotion ids, shared by every line that explains them.
    pub promotion_ids: Vec<Arc<str>>,
    /// Per promotion, what pricing needs of it (see [`PromotionCore`]).
    pub promotion_cores: Vec<PromotionCore>,
    pub volume_breaks: RuleIndex,
    /// Volume break ids, shared by the steps that name them.
    pub volume_ids: Vec<Arc<str>>,
}

impl PreparedPolicy {
    /// Prepares a policy, whether read from a file or built in code (a
    /// back office may assemble one from its own database). Every field's
    /// range and format is already guaranteed by its type; this runs the
    /// checks across fields (SPEC §7), exactly as for a file, so the
    /// engine's invariants hold whatever the source. `source` is what the
    /// hash names: the file's bytes, or the policy as published.
    pub fn new(policy: Policy, source: &[u8]) -> Result<Self, Vec<Problem>> {
        let mut problems = Problems::new(Document::Policy);
        crate::validate::policy::check(&policy, &mut problems);
        if problems.is_empty() {
            Ok(PreparedPolicy::index(policy, source))
        } else {
            Err(problems.into_vec())
        }
    }

    fn index(policy: Policy, source: &[u8]) -> Self {
        let positions = |ids: Vec<&str>| -> FastMap<String, usize> {
            let mut m = FastMap::default();
            m.reserve(ids.len());
            for (i, id) in ids.into_iter().enumerate() {
                m.entry(id.to_string()).or_insert(i);
            }
            m
        };
        let products = positions(policy.products.iter().map(|p| p.sku.as_str()).collect());
        let mut categories: FastMap<String, usize> = FastMap::default();
        let category_of: Vec<usize> = policy
            .products
            .iter()
            .map(|p| {
                let next = categories.len();
                *categories
                    .entry(p.category.as_str().to_string())
                    .or_insert(next)
            })
            .collect();
        PreparedPolicy {
            hash: sha256_hex(source),
            category_of,
            levels: positions(policy.levels.iter().map(|l| l.id.as_str()).collect()),
            programs: positions(
                policy
                    .rebate_programs
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect(),
            ),
            promotion_positions: positions(
                policy.promotions.iter().map(|p| p.id.as_str()).collect(),
            ),
            promotions: RuleIndex::build(
                policy.promotions.iter().map(|p| &p.applies_to),
                &products,
                &categories,
            ),
            promotion_cores: policy
                .promotions
                .iter()
                .map(|p| PromotionCore {
                    has_exclusions: p.applies_to.has_exclusions(),
                    min_qty: p.min_qty.get(),
                    action: CoreAction::pack(&p.action, &products),
                })
                .collect(),
            promotion_ids: policy
                .promotions
                .iter()
                .map(|p| Arc::from(p.id.as_str()))
                .collect(),
            volume_breaks: RuleIndex::build(
                policy.volume_breaks.iter().map(|v| &v.applies_to),
                &products,
                &categories,
            ),
            volume_ids: policy
                .volume_breaks
                .iter()
                .map(|v| Arc::from(v.id.as_str()))
                .collect(),
            products,
            policy,
        }
    }

    pub fn product(&self, sku: &str) -> Option<&Product> {
        self.products.get(sku).map(|&i| &self.policy.products[i])
    }

    /// The product and where it sits, for the rule indexes.
    pub fn slot(&self, sku: &str) -> Option<(&Product, ProductSlot<'_>)> {
        let position = *self.products.get(sku)?;
        let product = self.policy.products.get(position)?;
        Some((product, self.slot_at(position)?))
    }

    pub fn slot_at(&self, position: usize) -> Option<ProductSlot<'_>> {
        let product = self.policy.products.get(position)?;
        Some(ProductSlot {
            position,
            category_position: *self.category_of.get(position)?,
            sku: product.sku.as_str(),
            category: product.category.as_str(),
        })
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.get(id).map(|&i| &self.policy.levels[i])
    }

    pub fn promotion(&self, id: &str) -> Option<&Promotion> {
        self.promotion_positions
            .get(id)
            .map(|&i| &self.policy.promotions[i])
    }

    pub fn program(&self, id: &str) -> Option<&RebateProgram> {
        self.programs
            .get(id)
            .map(|&i| &self.policy.rebate_programs[i])
    }
}

/// SHA-256 of `bytes`, lower-case hex (a policy's hash; an order request's id).
pub fn sha256_hex(bytes: &[u8]) -> String {
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
    fn policies_built_in_code_are_validated_too() {
        let text = include_str!("../../../tests/spec/policy.json");
        let mut policy = Policy::from_json_text(text).unwrap();
        assert!(PreparedPolicy::new(policy.clone(), text.as_bytes()).is_ok());
        policy.products[1].sku = policy.products[0].sku.clone();
        let problems = PreparedPolicy::new(policy, text.as_bytes()).unwrap_err();
        assert_eq!(problems[0].path.to_string(), "products[1].sku");
    }

    #[test]
    fn sha256_of_empty_input() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
