//! A policy's own consistency: a vendor runs this before publishing, so
//! every mistake that would silently change a price is an error here.

use crate::documents::policy::Policy;
use crate::documents::{AppliesTo, Id};
use crate::problem::{at, field, index, JsonPath, Problems};
use std::collections::{HashMap, HashSet};

pub fn check(policy: &Policy, p: &mut Problems) {
    unique(
        p,
        "products",
        "sku",
        policy.products.iter().map(|x| &x.sku),
        "SKU",
    );
    unique(
        p,
        "levels",
        "id",
        policy.levels.iter().map(|x| &x.id),
        "等级",
    );
    unique(
        p,
        "rebate_programs",
        "id",
        policy.rebate_programs.iter().map(|x| &x.id),
        "返利计划",
    );
    unique_rule_ids(policy, p);

    let skus: HashSet<&str> = policy.products.iter().map(|x| x.sku.as_str()).collect();
    let categories: HashSet<&str> = policy
        .products
        .iter()
        .map(|x| x.category.as_str())
        .collect();
    let levels: HashSet<&str> = policy.levels.iter().map(|x| x.id.as_str()).collect();
    let refs = References {
        skus: &skus,
        categories: &categories,
    };

    for (i, level) in policy.levels.iter().enumerate() {
        for category in level.discounts.keys() {
            if !categories.contains(category.as_str()) {
                let path = field(&field(&index(&at("levels"), i), "discounts"), category);
                p.push(
                    &path,
                    "unknown_category",
                    format!("没有任何产品属于类别 “{category}”（拼写错误会让折扣失效）"),
                    format!("no product has category \"{category}\" (a typo here would silently drop the discount)"),
                );
            }
        }
    }
    for (i, vb) in policy.volume_breaks.iter().enumerate() {
        let path = index(&at("volume_breaks"), i);
        refs.check(&vb.applies_to, &field(&path, "applies_to"), p);
        ascending(vb.tiers.iter().map(|t| t.min_qty), &path, "min_qty", p);
    }
    for (i, promo) in policy.promotions.iter().enumerate() {
        let path = index(&at("promotions"), i);
        refs.check(&promo.applies_to, &field(&path, "applies_to"), p);
        let dates = (promo.valid_from, promo.valid_to);
        dates_and_levels(dates, promo.levels.as_ref(), &levels, &path, p);
        if let crate::documents::policy::PromotionAction::FreeGoods(f) = &promo.action {
            if let Some(sku) = &f.sku {
                refs.sku(sku, &field(&field(&path, "action"), "sku"), p);
            }
        }
    }
    if let Some(dr) = &policy.deal_registration {
        refs.check(
            &dr.applies_to,
            &field(&at("deal_registration"), "applies_to"),
            p,
        );
    }
    let mut thresholds: HashMap<rust_decimal::Decimal, usize> = HashMap::new();
    for (i, od) in policy.order_discounts.iter().enumerate() {
        let path = index(&at("order_discounts"), i);
        refs.check(&od.applies_to, &field(&path, "applies_to"), p);
        if let Some(first) = thresholds.insert(od.min_order_net.value(), i) {
            p.push(
                &field(&path, "min_order_net"),
                "duplicate_threshold",
                format!("与 order_discounts[{first}] 的起订金额相同（{}），无法确定适用哪一个", od.min_order_net),
                format!("same min_order_net ({}) as order_discounts[{first}]: which one applies would be ambiguous", od.min_order_net),
            );
        }
    }
    for (i, program) in policy.rebate_programs.iter().enumerate() {
        let path = index(&at("rebate_programs"), i);
        refs.check(&program.applies_to, &field(&path, "applies_to"), p);
        if program.period.from > program.period.to {
            p.push(
                &field(&field(&path, "period"), "from"),
                "dates_reversed",
                format!(
                    "开始日期 {} 晚于结束日期 {}",
                    program.period.from, program.period.to
                ),
                format!(
                    "period from {} is after to {}",
                    program.period.from, program.period.to
                ),
            );
        }
        ascending(
            program.tiers.iter().map(|t| t.attainment),
            &path,
            "attainment",
            p,
        );
    }
    super::version::policy(policy, p);
    super::policy_v2::check(policy, &refs, &levels, p);
}

fn unique<'a>(
    p: &mut Problems,
    list: &str,
    key: &str,
    ids: impl Iterator<Item = &'a Id>,
    what_zh: &str,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id.as_str(), i) {
            p.push(
                &field(&index(&at(list), i), key),
                "duplicate_id",
                format!("{what_zh} “{id}” 与 {list}[{first}] 重复"),
                format!("\"{id}\" is already used by {list}[{first}]"),
            );
        }
    }
}

/// Volume breaks, promotions, order discounts and order promotions share
/// one id space (`considered[]` mixes them): a
/// step's `rule` names one of them and must not be ambiguous.
fn unique_rule_ids(policy: &Policy, p: &mut Problems) {
    let all = policy
        .volume_breaks
        .iter()
        .enumerate()
        .map(|(i, r)| (index(&at("volume_breaks"), i), &r.id))
        .chain(
            policy
                .promotions
                .iter()
                .enumerate()
                .map(|(i, r)| (index(&at("promotions"), i), &r.id)),
        )
        .chain(
            policy
                .order_discounts
                .iter()
                .enumerate()
                .map(|(i, r)| (index(&at("order_discounts"), i), &r.id)),
        )
        .chain(
            policy
                .order_promotions()
                .iter()
                .enumerate()
                .map(|(i, r)| (index(&at("order_promotions"), i), &r.id)),
        );
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (path, id) in all {
        if let Some(first) = seen.get(id.as_str()) {
            p.push(
                &field(&path, "id"),
                "duplicate_id",
                format!("规则编号 “{id}” 与 {first} 重复"),
                format!("duplicate rule id \"{id}\", already used by {first}"),
            );
        } else {
            seen.insert(id.as_str(), path.to_string());
        }
    }
}

/// A rule's validity (`valid_from` not after `valid_to`) and the levels it
/// names (each one of the policy's): promotions and order promotions alike.
pub(super) fn dates_and_levels(
    (from, to): (crate::fields::Date, crate::fields::Date),
    named: Option<&crate::fields::NonEmpty<Id>>,
    levels: &HashSet<&str>,
    path: &JsonPath,
    p: &mut Problems,
) {
    if from > to {
        p.push(
            &field(path, "valid_from"),
            "dates_reversed",
            format!("开始日期 {from} 晚于结束日期 {to}"),
            format!("valid_from {from} is after valid_to {to}"),
        );
    }
    for (j, level) in named.into_iter().flatten().enumerate() {
        if !levels.contains(level.as_str()) {
            p.push(
                &index(&field(path, "levels"), j),
                "unknown_level",
                format!("政策中没有等级 “{level}”"),
                format!("the policy has no level \"{level}\""),
            );
        }
    }
}

pub(super) fn ascending<T: PartialOrd + std::fmt::Display>(
    values: impl Iterator<Item = T>,
    path: &JsonPath,
    key: &str,
    p: &mut Problems,
) {
    let mut prev: Option<T> = None;
    for (i, v) in values.enumerate() {
        if let Some(before) = &prev {
            if v <= *before {
                p.push(
                    &field(&index(&field(path, "tiers"), i), key),
                    "tiers_not_ascending",
                    format!("档位必须按 {key} 严格递增：{v} 不大于上一档的 {before}"),
                    format!("tiers must be strictly ascending by {key}: {v} is not above the previous {before}"),
                );
            }
        }
        prev = Some(v);
    }
}

pub(super) struct References<'a> {
    skus: &'a HashSet<&'a str>,
    categories: &'a HashSet<&'a str>,
}

impl References<'_> {
    pub(super) fn sku(&self, sku: &Id, path: &JsonPath, p: &mut Problems) {
        if !self.skus.contains(sku.as_str()) {
            p.push(
                path,
                "unknown_sku",
                format!("政策中没有 SKU “{sku}”"),
                format!("the policy has no SKU \"{sku}\""),
            );
        }
    }

    pub(super) fn check(&self, a: &AppliesTo, path: &JsonPath, p: &mut Problems) {
        for (key, i, sku) in a.named_skus() {
            self.sku(sku, &index(&field(path, key), i), p);
        }
        for (key, i, cat) in a.named_categories() {
            if !self.categories.contains(cat.as_str()) {
                p.push(
                    &index(&field(path, key), i),
                    "unknown_category",
                    format!("没有任何产品属于类别 “{cat}”"),
                    format!("no product has category \"{cat}\""),
                );
            }
        }
    }
}
