//! Which products a rule selects (volume breaks, promotions, order
//! discounts, deal registration, rebate programs all say it the same way).

use crate::fields::{Id, NonEmpty};
use crate::record;

record! {
    /// Which products a rule selects: any of `skus` or `categories`, minus
    /// the exclusions; with neither list, every product but the excluded.
    pub struct AppliesTo {
        /// SKUs selected.
        pub skus: Option<NonEmpty<Id>> = optional,
        /// Categories selected.
        pub categories: Option<NonEmpty<Id>> = optional,
        /// SKUs never selected, whatever else says.
        pub exclude_skus: Option<NonEmpty<Id>> = optional,
        /// Categories never selected, whatever else says.
        pub exclude_categories: Option<NonEmpty<Id>> = optional,
    }
}

// Written out: `record!` declares the struct, so it cannot be derived.
#[allow(clippy::derivable_impls)]
impl Default for AppliesTo {
    fn default() -> Self {
        AppliesTo {
            skus: None,
            categories: None,
            exclude_skus: None,
            exclude_categories: None,
        }
    }
}

fn names(list: &Option<NonEmpty<Id>>) -> &[Id] {
    list.as_ref().map_or(&[], |l| l.as_slice())
}

impl AppliesTo {
    pub fn selects(&self, sku: &str, category: &str) -> bool {
        let included = if self.skus.is_none() && self.categories.is_none() {
            true
        } else {
            names(&self.skus).iter().any(|s| s.as_str() == sku)
                || names(&self.categories)
                    .iter()
                    .any(|c| c.as_str() == category)
        };
        included && !self.excludes(sku, category)
    }

    /// Whether any exclusion is declared.
    pub fn has_exclusions(&self) -> bool {
        self.exclude_skus.is_some() || self.exclude_categories.is_some()
    }

    /// Whether the exclusions drop this product. Rules found through a
    /// [`RuleIndex`](crate::pricing::index::RuleIndex) are already
    /// known to include it, so this is all that is left to check.
    pub fn excludes(&self, sku: &str, category: &str) -> bool {
        names(&self.exclude_skus).iter().any(|s| s.as_str() == sku)
            || names(&self.exclude_categories)
                .iter()
                .any(|c| c.as_str() == category)
    }

    pub fn skus(&self) -> &[Id] {
        names(&self.skus)
    }

    pub fn categories(&self) -> &[Id] {
        names(&self.categories)
    }

    /// Every (field, index, id) naming a SKU, for reference checks.
    pub fn named_skus(&self) -> impl Iterator<Item = (&'static str, usize, &Id)> {
        let inc = names(&self.skus)
            .iter()
            .enumerate()
            .map(|(i, s)| ("skus", i, s));
        let exc = names(&self.exclude_skus)
            .iter()
            .enumerate()
            .map(|(i, s)| ("exclude_skus", i, s));
        inc.chain(exc)
    }

    /// Every (field, index, id) naming a category, for reference checks.
    pub fn named_categories(&self) -> impl Iterator<Item = (&'static str, usize, &Id)> {
        let inc = names(&self.categories)
            .iter()
            .enumerate()
            .map(|(i, s)| ("categories", i, s));
        let exc = names(&self.exclude_categories)
            .iter()
            .enumerate()
            .map(|(i, s)| ("exclude_categories", i, s));
        inc.chain(exc)
    }
}
