//! Proptest strategies for valid policies, accounts and orders, built from
//! typed parts so that a failing case shrinks to a small document rather
//! than to a seed.
//!
//! Everything generated passes validation (a generator of invalid
//! documents would hide engine bugs behind errors): ids are made from
//! positions (`SKU-0`, `L1`, `PR-2`), tiers and thresholds accumulate
//! positive increments, date ranges are sorted, quantities are multiples
//! of the product's `order_multiple`, and every reference — a rule's SKUs
//! and categories, a promotion's levels, a free-goods SKU, an account's
//! level and rebate programs, an order's SKUs — is a
//! [`proptest::sample::Index`] resolved against what the policy actually
//! contains once it is built.
//!
//! Why indexes rather than `prop_flat_map` from the policy: a flat-mapped
//! account or order is generated afresh whenever the policy shrinks, so a
//! smaller policy rarely keeps the failure and shrinking stalls on large
//! documents. An `Index` is a fraction of whatever list it is resolved
//! against, so the policy, the account and the order shrink together, each
//! reference staying valid (fewer products: the same line points at a
//! neighbour). [`account`] and [`order`] still give strategies for a fixed
//! policy.
//!
//! Sizes stay small — 1–6 products in 1–3 categories, 1–3 levels, 0–3 of
//! each rule, 1–6 order lines — so cases are fast and shrink to a few
//! lines of JSON; money is whole cents, prices ten-thousandths, rates
//! micro-units, dates days of 2026.

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
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Shows a document as one line of JSON in proptest's failure report
/// (and in the regression file's comment), ready to paste into a file.
#[derive(Clone, PartialEq)]
pub struct Json<T>(pub T);

impl<T: Serialize> fmt::Debug for Json<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(&self.0) {
            Ok(text) => f.write_str(&text),
            Err(e) => write!(f, "<not serializable: {e}>"),
        }
    }
}

/// A policy with an account and an order made for it.
#[derive(Clone)]
pub struct Documents {
    pub policy: Policy,
    pub account: Account,
    pub order: Order,
}

/// `{"policy": …, "account": …, "order": …}` on one line.
impl fmt::Debug for Documents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{{\"policy\": {:?}, \"account\": {:?}, \"order\": {:?}}}",
            Json(&self.policy),
            Json(&self.account),
            Json(&self.order)
        )
    }
}

// ---------------------------------------------------------------- parts

fn id(s: String) -> Id {
    Id::new(s).expect("generated ids are valid")
}

/// Stands in for an id until the policy is assembled.
fn placeholder() -> Id {
    id("?".into())
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

fn qty(n: u32) -> Qty {
    Qty::new(n).expect("generated quantities are 1 to 1,000,000")
}

fn cents(n: i64) -> Money {
    Money::new(Decimal::new(n, 2)).expect("whole cents are money")
}

/// Day `day_of_year` (0 = 1 January) of 2026.
pub fn day_of_2026(day_of_year: u16) -> Date {
    const MONTHS: [u16; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day_of_year % 365;
    for (m, len) in MONTHS.into_iter().enumerate() {
        if rest < len {
            return Date::new(2026, m as u8 + 1, rest as u8 + 1).expect("a day of 2026");
        }
        rest -= len;
    }
    unreachable!("365 days cover the year")
}

/// A day of 2026 (shrinks to 1 January).
pub fn date() -> impl Strategy<Value = Date> {
    (0u16..365).prop_map(day_of_2026)
}

/// Two days of 2026, first ≤ last (shrinks to 1 January – 1 January).
pub fn date_range() -> impl Strategy<Value = (Date, Date)> {
    (0u16..365, 0u16..365).prop_map(|(a, b)| (day_of_2026(a.min(b)), day_of_2026(a.max(b))))
}

/// Money from whole cents, `0.00` to `max_cents / 100`.
pub fn money(max_cents: i64) -> impl Strategy<Value = Money> {
    (0..=max_cents).prop_map(cents)
}

/// A unit price from ten-thousandths, `0.0000` to `max / 10^4`.
pub fn price(max: i64) -> impl Strategy<Value = Price> {
    (0..=max).prop_map(|u| Price::new(Decimal::new(u, 4)).expect("4 decimals are a price"))
}

/// A rate from micro-units, `0.000000` to `max_micro / 10^6` (≤ 1).
pub fn rate(max_micro: i64) -> impl Strategy<Value = Rate> {
    (0..=max_micro).prop_map(|m| Rate::new(Decimal::new(m, 6)).expect("micro-units are a rate"))
}

/// Unit prices up to 9,999.9999.
fn unit_price() -> impl Strategy<Value = Price> {
    price(99_999_999)
}

fn days(max: u32) -> impl Strategy<Value = Days> {
    (0..=max).prop_map(|n| Days::new(n).expect("0 to 36,500"))
}

/// Strictly increasing values from positive increments; the first may be
/// 0 when `from_zero` (a first increment of 1 gives 0).
pub fn ascending(increments: impl IntoIterator<Item = i64>, from_zero: bool) -> Vec<i64> {
    let mut total = if from_zero { -1 } else { 0 };
    increments
        .into_iter()
        .map(|inc| {
            total += inc;
            total
        })
        .collect()
}

/// Picks of a list that may repeat an item (the reader accepts repeats in
/// a rule's lists, so the engine must cope with them).
fn picks(max: usize) -> impl Strategy<Value = Vec<Index>> {
    vec(any::<Index>(), 1..=max)
}

// ---------------------------------------------------------- references

/// What a policy contains, for resolving references.
struct Names {
    skus: Vec<Id>,
    categories: Vec<Id>,
    levels: Vec<Id>,
}

impl Names {
    fn of(policy: &Policy) -> Names {
        let categories: BTreeSet<&Id> = policy.products.iter().map(|p| &p.category).collect();
        Names {
            skus: policy.products.iter().map(|p| p.sku.clone()).collect(),
            categories: categories.into_iter().cloned().collect(),
            levels: policy.levels.iter().map(|l| l.id.clone()).collect(),
        }
    }
}

fn resolve(names: &[Id], picks: &[Index]) -> NonEmpty<Id> {
    list(picks.iter().map(|i| i.get(names).clone()).collect())
}

/// Which products a rule selects, as picks: some SKUs, some categories,
/// both or neither (every product), minus some exclusions. Shrinks to `{}`.
#[derive(Clone, Debug)]
pub struct Selection {
    skus: Option<Vec<Index>>,
    categories: Option<Vec<Index>>,
    exclude_skus: Option<Vec<Index>>,
    exclude_categories: Option<Vec<Index>>,
}

impl Selection {
    fn resolve(&self, n: &Names) -> AppliesTo {
        let skus = |p: &Option<Vec<Index>>| p.as_ref().map(|p| resolve(&n.skus, p));
        let categories = |p: &Option<Vec<Index>>| p.as_ref().map(|p| resolve(&n.categories, p));
        AppliesTo {
            skus: skus(&self.skus),
            categories: categories(&self.categories),
            exclude_skus: skus(&self.exclude_skus),
            exclude_categories: categories(&self.exclude_categories),
        }
    }
}

pub fn selection() -> impl Strategy<Value = Selection> {
    (
        option::weighted(0.5, picks(3)),
        option::weighted(0.35, picks(2)),
        option::weighted(0.15, picks(2)),
        option::weighted(0.1, picks(1)),
    )
        .prop_map(
            |(skus, categories, exclude_skus, exclude_categories)| Selection {
                skus,
                categories,
                exclude_skus,
                exclude_categories,
            },
        )
}

// --------------------------------------------------------------- policy

/// A product in category `cat-0`, `cat-1` or `cat-2` (shrinking merges
/// categories); its SKU is its position, set by the assembly.
fn product() -> impl Strategy<Value = Product> {
    (
        0u8..3,
        unit_price(),
        prop_oneof![
            Just(Decimal::new(13, 2)),
            Just(Decimal::new(6, 2)),
            Just(Decimal::ZERO),
            (0i64..=300_000).prop_map(|m| Decimal::new(m, 6)),
        ],
        option::weighted(0.2, unit_price()),
        prop_oneof![4 => Just(1u32), 1 => 2u32..=5],
    )
        .prop_map(
            |(category, list_price, tax, floor_price, multiple)| Product {
                sku: placeholder(),
                name: name("Product"),
                category: id(format!("cat-{category}")),
                unit: name("unit"),
                list_price,
                tax_rate: Rate::new(tax).expect("a tax rate"),
                floor_price,
                order_multiple: qty(multiple),
            },
        )
}

/// A level's discounts, as (category pick, rate); a category picked twice
/// keeps its first rate.
fn level_discounts() -> impl Strategy<Value = Vec<(Index, Rate)>> {
    vec((any::<Index>(), rate(600_000)), 0..=3)
}

fn volume_break() -> impl Strategy<Value = (Selection, VolumeBreak)> {
    (
        selection(),
        prop_oneof![Just(VolumeMode::AllUnits), Just(VolumeMode::Graduated)],
        vec((1i64..=40, rate(300_000)), 1..=4),
    )
        .prop_map(|(selection, mode, tiers)| {
            let mins = ascending(tiers.iter().map(|t| t.0), false);
            let tiers = mins
                .into_iter()
                .zip(tiers)
                .map(|(min, (_, discount))| VolumeTier {
                    min_qty: qty(u32::try_from(min).expect("small")),
                    discount,
                })
                .collect();
            let rule = VolumeBreak {
                id: placeholder(),
                applies_to: AppliesTo::default(),
                mode,
                tiers: list(tiers),
            };
            (selection, rule)
        })
}

fn promotion_action() -> impl Strategy<Value = PromotionAction> {
    prop_oneof![
        rate(1_000_000).prop_map(|value| PromotionAction::PercentOff(PercentOff { value })),
        unit_price().prop_map(|value| PromotionAction::AmountOff(AmountOff { value })),
        unit_price().prop_map(|value| PromotionAction::FixedPrice(FixedPrice { value })),
        (1u32..=12, 1u32..=3).prop_map(|(buy, get)| PromotionAction::FreeGoods(FreeGoods {
            buy: qty(buy),
            get: qty(get),
            sku: None, // the line's own, or a pick (see `PromotionParts`)
        })),
    ]
}

/// A promotion and its references: the products it selects, the levels
/// it is open to, and (free goods only) the SKU it gives.
#[derive(Clone, Debug)]
pub struct PromotionParts {
    selection: Selection,
    levels: Option<Vec<Index>>,
    free_sku: Option<Index>,
    promotion: Promotion,
}

fn promotion() -> impl Strategy<Value = PromotionParts> {
    (
        date_range(),
        selection(),
        option::weighted(0.3, picks(2)),
        option::weighted(0.3, any::<Index>()),
        1u32..=10,
        // A narrow range, so priorities tie and the id decides.
        -3i64..=3,
        promotion_action(),
    )
        .prop_map(
            |((valid_from, valid_to), selection, levels, free_sku, min_qty, priority, action)| {
                PromotionParts {
                    selection,
                    levels,
                    free_sku,
                    promotion: Promotion {
                        id: placeholder(),
                        name: name("Promotion"),
                        valid_from,
                        valid_to,
                        applies_to: AppliesTo::default(),
                        levels: None,
                        min_qty: qty(min_qty),
                        priority: Priority::new(priority).expect("small"),
                        action,
                    },
                }
            },
        )
}

/// Thresholds strictly increasing (the first may be `0.00`), so no two
/// order discounts share one.
fn order_discounts() -> impl Strategy<Value = Vec<(Selection, OrderDiscount)>> {
    vec((1i64..=5_000_000, rate(200_000), selection()), 0..=3).prop_map(|parts| {
        let thresholds = ascending(parts.iter().map(|p| p.0), true);
        thresholds
            .into_iter()
            .zip(parts)
            .map(|(threshold, (_, discount, selection))| {
                let rule = OrderDiscount {
                    id: placeholder(),
                    min_order_net: cents(threshold),
                    discount,
                    applies_to: AppliesTo::default(),
                };
                (selection, rule)
            })
            .collect()
    })
}

/// Tiers strictly ascending by attainment (the first may be 0). Rates
/// usually rise with attainment, as vendors publish them, but not always:
/// SPEC §4 does not require it.
fn rebate_program() -> impl Strategy<Value = (Selection, RebateProgram)> {
    (
        date_range(),
        selection(),
        prop_oneof![Just(RebateMode::Retroactive), Just(RebateMode::Incremental)],
        vec((1i64..=600_000, rate(100_000)), 1..=4),
        proptest::bool::weighted(0.75),
    )
        .prop_map(|((from, to), selection, mode, tiers, rates_rise)| {
            let attainments = ascending(tiers.iter().map(|t| t.0), true);
            let mut rates: Vec<Rate> = tiers.iter().map(|t| t.1).collect();
            if rates_rise {
                rates.sort();
            }
            let tiers = attainments
                .into_iter()
                .zip(rates)
                .map(|(micro, rate)| RebateTier {
                    attainment: Attainment::new(Decimal::new(micro, 6)).expect("attainment"),
                    rate,
                })
                .collect();
            let program = RebateProgram {
                id: placeholder(),
                name: name("Rebate"),
                period: Period { from, to },
                applies_to: AppliesTo::default(),
                mode,
                tiers: list(tiers),
                collection: None,
            };
            (selection, program)
        })
}

fn rounding() -> impl Strategy<Value = RoundingMode> {
    prop_oneof![Just(RoundingMode::HalfUp), Just(RoundingMode::HalfEven)]
}

/// The policy's own settings: everything but its products, levels and rules.
#[derive(Clone, Debug)]
pub struct Settings {
    version: u32,
    rounding: RoundingMode,
    prices_include_tax: bool,
    payment_terms_days: Days,
    rebate_offset_max_ratio: Rate,
    credit: CreditPolicy,
    quote_validity_days: ValidityDays,
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        1u32..=99,
        rounding(),
        proptest::bool::weighted(0.3),
        days(90),
        rate(300_000),
        days(60),
        rate(1_000_000),
        prop_oneof![Just(7u32), 1u32..=365],
    )
        .prop_map(
            |(
                version,
                rounding,
                prices_include_tax,
                terms,
                offset,
                grace_days,
                warning,
                validity,
            )| {
                Settings {
                    version,
                    rounding,
                    prices_include_tax,
                    payment_terms_days: terms,
                    rebate_offset_max_ratio: offset,
                    credit: CreditPolicy {
                        grace_days,
                        warning_utilization: warning,
                        actions: None,
                    },
                    quote_validity_days: ValidityDays::new(validity).expect("1..=365"),
                }
            },
        )
}

/// A policy's parts, before ids are numbered and references resolved.
#[derive(Clone, Debug)]
pub struct PolicyParts {
    products: Vec<Product>,
    levels: Vec<Vec<(Index, Rate)>>,
    volume_breaks: Vec<(Selection, VolumeBreak)>,
    promotions: Vec<PromotionParts>,
    deal_registration: Option<(Selection, Rate)>,
    order_discounts: Vec<(Selection, OrderDiscount)>,
    rebate_programs: Vec<(Selection, RebateProgram)>,
    settings: Settings,
}

impl PolicyParts {
    fn assemble(self) -> Policy {
        let products: Vec<Product> = self
            .products
            .into_iter()
            .enumerate()
            .map(|(i, mut p)| {
                p.sku = id(format!("SKU-{i}"));
                p.name = name(&format!("Product {i}"));
                p
            })
            .collect();
        let categories: BTreeSet<&Id> = products.iter().map(|p| &p.category).collect();
        let categories: Vec<Id> = categories.into_iter().cloned().collect();
        let levels: Vec<Level> = self
            .levels
            .into_iter()
            .enumerate()
            .map(|(i, discounts)| {
                let mut map = BTreeMap::new();
                for (category, rate) in discounts {
                    map.entry(category.get(&categories).to_string())
                        .or_insert(rate);
                }
                Level {
                    id: id(format!("L{i}")),
                    name: name(&format!("Level {i}")),
                    discounts: map,
                }
            })
            .collect();
        let names = Names {
            skus: products.iter().map(|p| p.sku.clone()).collect(),
            categories,
            levels: levels.iter().map(|l| l.id.clone()).collect(),
        };
        let volume_breaks = self
            .volume_breaks
            .into_iter()
            .enumerate()
            .map(|(i, (selection, mut rule))| {
                rule.id = id(format!("VB-{i}"));
                rule.applies_to = selection.resolve(&names);
                rule
            })
            .collect();
        let promotions = self
            .promotions
            .into_iter()
            .enumerate()
            .map(|(i, parts)| {
                let mut rule = parts.promotion;
                rule.id = id(format!("PR-{i}"));
                rule.name = name(&format!("Promotion {i}"));
                rule.applies_to = parts.selection.resolve(&names);
                rule.levels = parts.levels.map(|l| resolve(&names.levels, &l));
                if let PromotionAction::FreeGoods(free) = &mut rule.action {
                    free.sku = parts.free_sku.map(|s| s.get(&names.skus).clone());
                }
                rule
            })
            .collect();
        let order_discounts = self
            .order_discounts
            .into_iter()
            .enumerate()
            .map(|(i, (selection, mut rule))| {
                rule.id = id(format!("OD-{i}"));
                rule.applies_to = selection.resolve(&names);
                rule
            })
            .collect();
        let rebate_programs = self
            .rebate_programs
            .into_iter()
            .enumerate()
            .map(|(i, (selection, mut program))| {
                program.id = id(format!("REB-{i}"));
                program.name = name(&format!("Rebate {i}"));
                program.applies_to = selection.resolve(&names);
                program
            })
            .collect();
        let s = self.settings;
        Policy {
            schema: PolicyTag::V1,
            id: id("generated".into()),
            version: id(format!("v{}", s.version)),
            name: name("Generated policy"),
            currency: Currency::new("CNY").expect("CNY"),
            rounding: s.rounding,
            prices_include_tax: s.prices_include_tax,
            payment_terms_days: s.payment_terms_days,
            products: list(products),
            levels: list(levels),
            volume_breaks,
            promotions,
            deal_registration: self.deal_registration.map(|(selection, discount)| {
                DealRegistration {
                    applies_to: selection.resolve(&names),
                    discount,
                }
            }),
            order_discounts,
            rebate_programs,
            rebate_offset_max_ratio: s.rebate_offset_max_ratio,
            credit: s.credit,
            submit_url: None,
            quote_validity_days: s.quote_validity_days,
            order_promotions: None,
            payment_options: None,
            rebate_offset_applies_to: None,
        }
    }
}

prop_compose! {
    fn policy_parts()(
        products in vec(product(), 1..=6),
        levels in vec(level_discounts(), 1..=3),
        volume_breaks in vec(volume_break(), 0..=3),
        promotions in vec(promotion(), 0..=3),
        deal_registration in option::weighted(0.6, (selection(), rate(300_000))),
        order_discounts in order_discounts(),
        rebate_programs in vec(rebate_program(), 0..=3),
        settings in settings(),
    ) -> PolicyParts {
        PolicyParts {
            products,
            levels,
            volume_breaks,
            promotions,
            deal_registration,
            order_discounts,
            rebate_programs,
            settings,
        }
    }
}

/// A valid policy: 1–6 products in 1–3 categories, 1–3 levels, 0–3 of
/// each rule, an optional deal registration.
pub fn policy() -> impl Strategy<Value = Policy> {
    policy_parts().prop_map(PolicyParts::assemble)
}

// -------------------------------------------------------------- account

fn credit() -> impl Strategy<Value = AccountCredit> {
    (
        money(500_000_000),
        option::weighted(0.4, (money(100_000_000), date())),
        money(300_000_000),
        money(100_000_000),
        money(100_000_000),
        option::weighted(0.3, vec((1i64..=10_000_000, days(90)), 1..=2)),
        proptest::bool::weighted(0.05),
    )
        .prop_map(
            |(limit, temporary, ar_outstanding, open_orders, deposit_balance, overdue, on_hold)| {
                AccountCredit {
                    limit,
                    temporary_limit: temporary
                        .map(|(amount, expires)| TemporaryLimit { amount, expires }),
                    ar_outstanding,
                    open_orders,
                    deposit_balance,
                    overdue: overdue
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(amount, days)| OverdueItem {
                            amount: cents(amount),
                            days,
                        })
                        .collect(),
                    on_hold,
                    group: None,
                }
            },
        )
}

/// An account's parts: its level as a pick, and its progress in the
/// policy's rebate programs by position (target in cents, progress in
/// basis points of the target); `None`: not enrolled.
#[derive(Clone, Debug)]
pub struct AccountParts {
    level: Index,
    progress: Vec<Option<(i64, i64)>>,
    account: Account,
}

impl AccountParts {
    fn resolve(&self, policy: &Policy) -> Account {
        let mut account = self.account.clone();
        account.level = self.level.get(&Names::of(policy).levels).clone();
        account.rebates = policy
            .rebate_programs
            .iter()
            .zip(&self.progress)
            .filter_map(|(program, progress)| {
                let (target, basis_points) = (*progress)?;
                Some(RebateProgress {
                    program: program.id.clone(),
                    target: PositiveMoney::new(Decimal::new(target, 2)).expect("a positive target"),
                    period_to_date: cents(target * basis_points / 10_000),
                })
            })
            .collect();
        account
    }
}

prop_compose! {
    fn account_parts()(
        level in any::<Index>(),
        // Targets up to 5,000,000.00; progress up to 150 % of target.
        progress in vec(option::weighted(0.8, (1i64..=500_000_000, 0i64..=15_000)), 3),
        partner in 1u32..=9999,
        credit in credit(),
        rebate_credit_balance in money(10_000_000),
    ) -> AccountParts {
        AccountParts {
            level,
            progress,
            account: Account {
                schema: AccountTag::V1,
                partner_id: id(format!("P-{partner}")),
                name: "生成的测试伙伴".into(),
                level: placeholder(),
                credit,
                rebates: Vec::new(),
                rebate_credit_balance,
            },
        }
    }
}

/// An account for `policy`: one of its levels, progress in some of its
/// rebate programs (each at most once, in the policy's order).
pub fn account(policy: &Policy) -> impl Strategy<Value = Account> {
    let policy = policy.clone();
    account_parts().prop_map(move |parts| parts.resolve(&policy))
}

// ---------------------------------------------------------------- order

/// An order line's parts: a pick of product, how many times its
/// `order_multiple`, a resale price and a special price (with approval number).
type LineParts = (Index, u32, Option<Price>, Option<(Price, u32)>);

/// An order's parts: its lines, and a deal registration number used only
/// when the policy offers one.
#[derive(Clone, Debug)]
pub struct OrderParts {
    date: Date,
    deal_registration: Option<u32>,
    lines: Vec<LineParts>,
    use_rebate_credit: Option<Money>,
    margin: Option<MarginInputs>,
}

impl OrderParts {
    fn resolve(&self, policy: &Policy) -> Order {
        let lines = self
            .lines
            .iter()
            .map(|(product, times, resale_price, special)| {
                let product = product.get(&policy.products);
                OrderLine {
                    sku: product.sku.clone(),
                    qty: qty(times * product.order_multiple.get()),
                    resale_price: *resale_price,
                    special_price: special.map(|(price, n)| SpecialPrice {
                        price,
                        approval: id(format!("SB-{n}")),
                    }),
                }
            })
            .collect();
        Order {
            schema: OrderTag::V1,
            date: self.date,
            deal_registration: self
                .deal_registration
                .filter(|_| policy.deal_registration.is_some())
                .map(|n| DealRegistrationRef {
                    id: id(format!("DR-{n}")),
                }),
            lines: list(lines),
            use_rebate_credit: self.use_rebate_credit,
            margin: self.margin.clone(),
            payment: None,
            credit_override: None,
        }
    }
}

fn margin() -> impl Strategy<Value = MarginInputs> {
    (days(120), rate(150_000), money(1_000_000), money(1_000_000)).prop_map(
        |(customer_payment_days, cost_of_capital, freight, other_costs)| MarginInputs {
            customer_payment_days,
            cost_of_capital,
            freight,
            other_costs,
        },
    )
}

prop_compose! {
    fn order_parts()(
        date in date(),
        deal_registration in option::weighted(0.5, 1u32..=9999),
        lines in vec(
            (
                any::<Index>(),
                1u32..=100,
                option::weighted(0.85, unit_price()),
                option::weighted(0.1, (unit_price(), 1u32..=999)),
            ),
            1..=6,
        ),
        use_rebate_credit in option::weighted(0.5, money(10_000_000)),
        margin in option::weighted(0.7, margin()),
    ) -> OrderParts {
        OrderParts { date, deal_registration, lines, use_rebate_credit, margin }
    }
}

/// An order for `policy`: 1–6 lines of its SKUs in multiples of each
/// product's `order_multiple`; a deal registration only when offered.
pub fn order(policy: &Policy) -> impl Strategy<Value = Order> {
    let policy = policy.clone();
    order_parts().prop_map(move |parts| parts.resolve(&policy))
}

/// A policy with an account and an order made for it; the three shrink
/// together.
pub fn documents() -> impl Strategy<Value = Documents> {
    (policy_parts(), account_parts(), order_parts()).prop_map(|(policy, account, order)| {
        let policy = policy.assemble();
        Documents {
            account: account.resolve(&policy),
            order: order.resolve(&policy),
            policy,
        }
    })
}
