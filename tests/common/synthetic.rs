//! Deterministic generators of valid policies, accounts and orders, for
//! the property tests (driven by proptest seeds) and the benchmark (at
//! scale). Everything generated must pass validation: a generator that
//! produced invalid documents would hide engine bugs behind errors.

use channel_quote::engine::documents::account::{
    AccountCredit, OverdueItem, RebateProgress, TemporaryLimit,
};
use channel_quote::engine::documents::order::{
    DealRegistrationRef, MarginInputs, OrderLine, SpecialPrice,
};
use channel_quote::engine::documents::policy::*;
use channel_quote::engine::documents::{Account, Order, Policy};
use channel_quote::engine::documents::{AppliesTo, Date, Id, Localized};
use channel_quote::engine::fields::{
    AccountTag, Currency, Days, NonEmpty, OrderTag, PolicyTag, Priority, Qty, ValidityDays,
};
use channel_quote::engine::money::{Attainment, Money, PositiveMoney, Price, Rate, RoundingMode};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// SplitMix64: tiny, seedable, good enough to spread test inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub products: usize,
    pub categories: usize,
    pub levels: usize,
    pub promotions: usize,
    pub volume_breaks: usize,
    pub order_discounts: usize,
    pub rebate_programs: usize,
}

impl Shape {
    pub fn small() -> Self {
        Shape {
            products: 12,
            categories: 4,
            levels: 3,
            promotions: 8,
            volume_breaks: 4,
            order_discounts: 3,
            rebate_programs: 2,
        }
    }
    /// The benchmark's policy: 10,000 SKUs, 500 promotions, 50 volume breaks.
    pub fn bench() -> Self {
        Shape {
            products: 10_000,
            categories: 20,
            levels: 4,
            promotions: 500,
            volume_breaks: 50,
            order_discounts: 5,
            rebate_programs: 3,
        }
    }
}

fn id(s: String) -> Id {
    Id::new(s).expect("generated ids are valid")
}

fn qty(n: u64) -> Qty {
    Qty::new(u32::try_from(n).expect("small")).expect("1 to 1,000,000")
}

fn days(n: u64) -> Days {
    Days::new(u32::try_from(n).expect("small")).expect("0 to 36,500")
}

fn list<T>(items: Vec<T>) -> NonEmpty<T> {
    NonEmpty::new(items).expect("generated lists are not empty")
}

fn name(s: &str) -> Localized {
    Localized {
        zh: format!("{s}（中文）"),
        en: s.to_string(),
    }
}

/// A decimal `units / 10^scale`.
fn dec(units: u64, scale: u32) -> Decimal {
    Decimal::new(units as i64, scale)
}

fn rate(rng: &mut Rng, max_micro: u64) -> Rate {
    // Up to 6 decimals, as rates may carry.
    Rate::new(dec(rng.range(0, max_micro), 6)).unwrap()
}

fn price(rng: &mut Rng) -> Price {
    // 1.0000 to 99,999.9999 with up to 4 decimals.
    Price::new(dec(rng.range(10_000, 999_999_999), 4)).unwrap()
}

fn money(units_cents: u64) -> Money {
    Money::new(dec(units_cents, 2)).unwrap()
}

pub fn sku(i: usize) -> String {
    format!("SKU-{i:05}")
}

fn category(i: usize) -> String {
    format!("cat{i:02}")
}

/// Like real policies: most rules name SKUs, a quarter name categories,
/// a few reach every product.
fn applies_to(rng: &mut Rng, shape: &Shape) -> AppliesTo {
    match rng.range(0, 99) {
        0..=2 => AppliesTo::default(),
        3..=4 => AppliesTo {
            exclude_categories: Some(NonEmpty::one(id(category(
                rng.range(0, shape.categories as u64 - 1) as usize,
            )))),
            ..AppliesTo::default()
        },
        5..=69 => {
            let n = rng.range(1, 3) as usize;
            let mut skus: Vec<Id> = (0..n)
                .map(|_| id(sku(rng.range(0, shape.products as u64 - 1) as usize)))
                .collect();
            skus.dedup();
            AppliesTo {
                skus: Some(list(skus)),
                ..AppliesTo::default()
            }
        }
        _ => AppliesTo {
            categories: Some(NonEmpty::one(id(category(
                rng.range(0, shape.categories as u64 - 1) as usize,
            )))),
            exclude_skus: rng
                .chance(20)
                .then(|| NonEmpty::one(id(sku(rng.range(0, shape.products as u64 - 1) as usize)))),
            ..AppliesTo::default()
        },
    }
}

fn date(month: u8, day: u8) -> Date {
    Date::new(2026, month, day).unwrap()
}

pub fn policy(rng: &mut Rng, shape: &Shape) -> Policy {
    let products: Vec<Product> = (0..shape.products)
        .map(|i| {
            let list = price(rng);
            let floor = rng.chance(20).then(|| {
                Price::new((list.value() * dec(rng.range(30, 90), 2)).round_dp(4)).unwrap()
            });
            Product {
                sku: id(sku(i)),
                name: name(&format!("Product {i}")),
                // Every category has at least one product.
                category: id(category(i % shape.categories)),
                unit: name("unit"),
                list_price: list,
                tax_rate: *rng.pick(&[
                    Rate::new(dec(13, 2)).unwrap(),
                    Rate::new(dec(6, 2)).unwrap(),
                    Rate::zero(),
                ]),
                floor_price: floor,
                order_multiple: if rng.chance(15) {
                    qty(rng.range(2, 5))
                } else {
                    Qty::ONE
                },
            }
        })
        .collect();
    let levels: Vec<Level> = (0..shape.levels)
        .map(|i| Level {
            id: id(format!("L{i}")),
            name: name(&format!("Level {i}")),
            discounts: {
                let mut m = BTreeMap::new();
                for c in 0..shape.categories {
                    if rng.chance(80) {
                        m.insert(category(c), rate(rng, 450_000));
                    }
                }
                m
            },
        })
        .collect();
    let tiers_qty = |rng: &mut Rng| -> NonEmpty<VolumeTier> {
        let mut min = 0;
        list(
            (0..rng.range(1, 4))
                .map(|_| {
                    min += rng.range(1, 40);
                    VolumeTier {
                        min_qty: qty(min),
                        discount: rate(rng, 150_000),
                    }
                })
                .collect(),
        )
    };
    let volume_breaks = (0..shape.volume_breaks)
        .map(|i| VolumeBreak {
            id: id(format!("VB-{i:03}")),
            applies_to: applies_to(rng, shape),
            mode: if rng.chance(50) {
                VolumeMode::AllUnits
            } else {
                VolumeMode::Graduated
            },
            tiers: tiers_qty(rng),
        })
        .collect();
    let promotions = (0..shape.promotions)
        .map(|i| {
            let from = date(rng.range(9, 11) as u8, rng.range(1, 28) as u8);
            let to = date(rng.range(11, 12) as u8, rng.range(1, 28) as u8);
            let (valid_from, valid_to) = if from <= to { (from, to) } else { (to, from) };
            let action = match rng.range(0, 4) {
                0 | 1 => PromotionAction::PercentOff(PercentOff {
                    value: rate(rng, 300_000),
                }),
                2 => PromotionAction::AmountOff(AmountOff { value: price(rng) }),
                3 => PromotionAction::FixedPrice(FixedPrice { value: price(rng) }),
                _ => PromotionAction::FreeGoods(FreeGoods {
                    buy: qty(rng.range(1, 12)),
                    get: qty(rng.range(1, 3)),
                    sku: rng
                        .chance(30)
                        .then(|| id(sku(rng.range(0, shape.products as u64 - 1) as usize))),
                }),
            };
            Promotion {
                id: id(format!("PR-{i:04}")),
                name: name(&format!("Promotion {i}")),
                valid_from,
                valid_to,
                applies_to: applies_to(rng, shape),
                levels: rng.chance(30).then(|| {
                    NonEmpty::one(id(format!("L{}", rng.range(0, shape.levels as u64 - 1))))
                }),
                min_qty: qty(rng.range(1, 10)),
                priority: Priority::new(rng.range(0, 50) as i64).expect("small"),
                action,
            }
        })
        .collect();
    let mut threshold = 0;
    let order_discounts = (0..shape.order_discounts)
        .map(|i| {
            threshold += rng.range(1_000_000, 20_000_000);
            OrderDiscount {
                id: id(format!("OD-{i}")),
                min_order_net: money(threshold),
                discount: rate(rng, 50_000),
                applies_to: applies_to(rng, shape),
            }
        })
        .collect();
    let rebate_programs = (0..shape.rebate_programs)
        .map(|i| {
            let mut att = 0;
            RebateProgram {
                id: id(format!("REB-{i}")),
                name: name(&format!("Rebate {i}")),
                period: Period {
                    from: date(10, 1),
                    to: date(12, 31),
                },
                applies_to: applies_to(rng, shape),
                mode: if i % 2 == 0 {
                    RebateMode::Retroactive
                } else {
                    RebateMode::Incremental
                },
                tiers: list(
                    (0..rng.range(1, 4))
                        .map(|_| {
                            att += rng.range(1, 600_000);
                            RebateTier {
                                attainment: Attainment::new(dec(att, 6)).unwrap(),
                                rate: rate(rng, 80_000),
                            }
                        })
                        .collect(),
                ),
                collection: None,
            }
        })
        .collect();
    Policy {
        schema: PolicyTag::V1,
        id: id("synthetic".into()),
        version: id(format!("v{}", rng.range(1, 99))),
        name: name("Synthetic policy"),
        currency: Currency::new("CNY").unwrap(),
        rounding: if rng.chance(50) {
            RoundingMode::HalfUp
        } else {
            RoundingMode::HalfEven
        },
        prices_include_tax: rng.chance(30),
        payment_terms_days: days(rng.range(0, 60)),
        products: list(products),
        levels: list(levels),
        volume_breaks,
        promotions,
        deal_registration: rng.chance(70).then(|| DealRegistration {
            applies_to: applies_to(rng, shape),
            discount: rate(rng, 100_000),
        }),
        order_discounts,
        rebate_programs,
        rebate_offset_max_ratio: rate(rng, 200_000),
        credit: CreditPolicy {
            grace_days: days(rng.range(0, 60)),
            warning_utilization: rate(rng, 1_000_000),
            actions: None,
        },
        submit_url: None,
        quote_validity_days: ValidityDays::WEEK,
        order_promotions: None,
        payment_options: None,
        rebate_offset_applies_to: None,
    }
}

pub fn account(rng: &mut Rng, policy: &Policy) -> Account {
    let limit = rng.range(0, 100_000_000_000);
    Account {
        schema: AccountTag::V1,
        partner_id: id(format!("P-{}", rng.range(1, 9999))),
        name: "合成测试伙伴".into(),
        level: policy.levels[rng.range(0, policy.levels.len() as u64 - 1) as usize]
            .id
            .clone(),
        credit: AccountCredit {
            limit: money(limit),
            temporary_limit: rng.chance(40).then(|| TemporaryLimit {
                amount: money(rng.range(0, 5_000_000_000)),
                expires: date(rng.range(10, 12) as u8, rng.range(1, 28) as u8),
            }),
            ar_outstanding: money(rng.range(0, limit.max(1))),
            open_orders: money(rng.range(0, 1_000_000_000)),
            deposit_balance: money(rng.range(0, 1_000_000_000)),
            overdue: (0..rng.range(0, 2))
                .map(|_| OverdueItem {
                    amount: money(rng.range(1, 10_000_000)),
                    days: days(rng.range(0, 90)),
                })
                .collect(),
            on_hold: rng.chance(5),
            group: None,
        },
        rebates: {
            let mut r = Vec::new();
            for p in &policy.rebate_programs {
                if rng.chance(80) {
                    r.push(RebateProgress {
                        program: p.id.clone(),
                        target: PositiveMoney::new(dec(rng.range(1, 200_000_000_000), 2)).unwrap(),
                        period_to_date: money(rng.range(0, 200_000_000_000)),
                    });
                }
            }
            r
        },
        rebate_credit_balance: money(rng.range(0, 10_000_000)),
    }
}

pub fn order(rng: &mut Rng, policy: &Policy, lines: usize) -> Order {
    let order_lines = (0..lines)
        .map(|_| {
            let product = &policy.products[rng.range(0, policy.products.len() as u64 - 1) as usize];
            let multiple = u64::from(product.order_multiple);
            OrderLine {
                sku: product.sku.clone(),
                qty: qty(rng.range(1, 200) * multiple),
                resale_price: rng.chance(85).then(|| price(rng)),
                special_price: rng.chance(8).then(|| SpecialPrice {
                    price: price(rng),
                    approval: id(format!("SB-{}", rng.range(1, 999))),
                }),
            }
        })
        .collect();
    Order {
        schema: OrderTag::V1,
        date: date(rng.range(10, 12) as u8, rng.range(1, 28) as u8),
        deal_registration: (policy.deal_registration.is_some() && rng.chance(40)).then(|| {
            DealRegistrationRef {
                id: id(format!("DR-{}", rng.range(1, 9999))),
            }
        }),
        lines: list(order_lines),
        use_rebate_credit: rng.chance(50).then(|| money(rng.range(0, 10_000_000))),
        margin: rng.chance(70).then(|| MarginInputs {
            customer_payment_days: days(rng.range(0, 120)),
            cost_of_capital: rate(rng, 150_000),
            freight: money(rng.range(0, 1_000_000)),
            other_costs: money(rng.range(0, 1_000_000)),
        }),
        payment: None,
        credit_override: None,
    }
}
