//! The chain quote as the distributor and the vendor's sales staff read
//! it: each line's end-customer amount split into vendor / distributor /
//! reseller, as figures, words and a stacked bar; the totals with the
//! rebates each tier pays and earns; 价格倒挂 lines marked. Written as
//! escaped HTML text ([`Markup`]).

use super::format::{money, percent_opt};
use super::i18n::{fill, Key, Lang};
use super::markup::Markup;
use crate::engine::chain::{ChainLine, ChainQuote};
use crate::engine::problem::Problem;
use rust_decimal::Decimal;

/// A stacked bar of three shares; a negative share draws nothing and is
/// said in words beside it.
fn bar(m: &mut Markup, shares: [Option<Decimal>; 3], label: &str) {
    m.open(
        "div",
        &[("class", "stack"), ("role", "img"), ("aria-label", label)],
    );
    for (share, class) in shares.iter().zip(["vendor", "distributor", "reseller"]) {
        let pct = share
            .filter(|s| *s > Decimal::ZERO)
            .and_then(|s| s.checked_mul(Decimal::ONE_HUNDRED))
            .map_or(Decimal::ZERO, |p| p.min(Decimal::ONE_HUNDRED).round_dp(2));
        let style = format!("width:{pct}%");
        m.element("span", &[("class", class), ("style", &style)], "");
    }
    m.close("div");
}

fn shares_words(lang: Lang, v: Option<Decimal>, d: Option<Decimal>, r: Option<Decimal>) -> String {
    fill(
        Key::ChainSharesWords,
        lang,
        &[
            ("vendor", &percent_opt(v)),
            ("distributor", &percent_opt(d)),
            ("reseller", &percent_opt(r)),
        ],
    )
}

fn line_row(m: &mut Markup, l: &ChainLine, c: &str, lang: Lang) {
    let inverted = l.reseller_cost < l.distributor_cost;
    let losing = l.customer_amount < l.reseller_cost;
    let testid = format!("chain-line-{}", l.order_line);
    let class = if inverted || losing { "inverted" } else { "" };
    m.open("tr", &[("data-testid", &testid), ("class", class)]);
    m.element("th", &[("scope", "row")], &format!("{} × {}", l.sku, l.qty));
    for (v, share) in [
        (l.customer_amount, None),
        (l.distributor_cost, l.vendor_share),
        (l.distributor_spread, l.distributor_share),
        (l.reseller_margin, l.reseller_share),
    ] {
        let text = match share {
            Some(s) => format!("{} ({})", money(v, c), percent_opt(Some(s))),
            None => money(v, c),
        };
        m.element("td", &[("class", "num")], &text);
    }
    m.open("td", &[]);
    let words = shares_words(lang, l.vendor_share, l.distributor_share, l.reseller_share);
    bar(
        m,
        [l.vendor_share, l.distributor_share, l.reseller_share],
        &words,
    );
    if inverted {
        m.element(
            "span",
            &[("class", "flag")],
            &format!("⚠ {}", lang.t(Key::ChainInverted)),
        );
    }
    if losing {
        m.element(
            "span",
            &[("class", "flag")],
            &format!("⚠ {}", lang.t(Key::ChainResellerLoss)),
        );
    }
    m.close("td").close("tr");
}

/// The chain quote's tables.
pub fn chain(q: &ChainQuote, lang: Lang) -> String {
    let c = q.distributor_quote.currency.as_str();
    let t = &q.totals;
    let mut m = Markup::new();
    // Totals first: what the sale is worth to each tier.
    m.open(
        "div",
        &[("class", "chain-totals"), ("data-testid", "chain-totals")],
    );
    let words = shares_words(lang, t.vendor_share, t.distributor_share, t.reseller_share);
    m.element("p", &[("data-testid", "chain-shares")], &words);
    bar(
        &mut m,
        [t.vendor_share, t.distributor_share, t.reseller_share],
        &words,
    );
    m.open("dl", &[]);
    for (key, value, testid) in [
        (
            Key::ChainCustomer,
            money(t.customer_amount, c),
            "chain-customer",
        ),
        (
            Key::ChainVendorNet,
            money(t.vendor_net_revenue, c),
            "chain-vendor-net",
        ),
        (
            Key::ChainDistributorMargin,
            money(t.distributor_margin, c),
            "chain-distributor-margin",
        ),
        (
            Key::ChainResellerMargin,
            money(t.reseller_margin, c),
            "chain-reseller-margin",
        ),
        (
            Key::ChainResellerNet,
            money(t.reseller_net_margin, c),
            "chain-reseller-net",
        ),
    ] {
        m.open("div", &[("class", "row")])
            .element("dt", &[], lang.t(key))
            .element("dd", &[("data-testid", testid)], &value)
            .close("div");
    }
    m.close("dl");
    m.element(
        "p",
        &[("class", "muted"), ("data-testid", "chain-rebates")],
        &fill(
            Key::ChainRebatesWords,
            lang,
            &[
                ("spread", &money(t.distributor_spread, c)),
                ("earned", &money(t.distributor_rebates_earned, c)),
                ("paid", &money(t.distributor_rebates_paid, c)),
            ],
        ),
    );
    m.close("div");
    for w in &q.warnings {
        m.element(
            "p",
            &[("class", "alert warn"), ("data-testid", "chain-warning")],
            &format!("⚠ {}", lang.pick(&w.zh, &w.en)),
        );
    }
    m.open(
        "table",
        &[("class", "chain-lines"), ("data-testid", "chain-lines")],
    );
    m.open("thead", &[]).open("tr", &[]);
    for k in [
        Key::Line,
        Key::ChainCustomer,
        Key::ChainVendor,
        Key::ChainDistributor,
        Key::ChainReseller,
        Key::ChainSplit,
    ] {
        m.element("th", &[("scope", "col")], lang.t(k));
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for l in &q.lines {
        line_row(&mut m, l, c, lang);
    }
    m.close("tbody").close("table");
    m.finish()
}

/// Why the chain cannot be quoted, each problem with its tier and path.
pub fn problems(problems: &[Problem], lang: Lang) -> String {
    let mut m = Markup::new();
    m.open(
        "ul",
        &[("class", "alert error"), ("data-testid", "chain-problems")],
    );
    for p in problems {
        m.open("li", &[])
            .element("code", &[], &p.location())
            .text(": ")
            .text(lang.pick(&p.zh, &p.en))
            .close("li");
    }
    m.close("ul");
    m.finish()
}
