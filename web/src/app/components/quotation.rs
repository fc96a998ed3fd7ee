//! The printable quotation (报价单), on a page of its own
//! (`quotation.html`: on screen as an A4 sheet, and the only thing printed
//! from it — `styles/print.css`, the "quotation" block), and the order
//! calculator's two buttons that open it or export the quote as CSV. Its
//! texts come from [`quotation`](crate::app::quotation).

use super::Shared;
use crate::app::browser;
use crate::app::i18n::{Key, Lang};
use crate::app::loaded::{LoadedAccount, LoadedPolicy};
use crate::app::markup::Markup;
use crate::app::quotation::{csv_file_name, quotation, quote_number, Field, Quotation};
use crate::app::quote_csv::quote_csv;
use crate::app::scenario::Scenario;
use crate::app::submission;
use crate::engine::Quote;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct QuotationProps {
    pub lang: Lang,
    /// Equal by identity, like every shared document: the quotation is
    /// rebuilt only when the quote, policy or account is another one.
    pub quote: Shared<Quote>,
    pub policy: Shared<LoadedPolicy>,
    pub account: Shared<LoadedAccount>,
    /// The scenario quoted: its request id numbers the quotation.
    pub scenario: Shared<Scenario>,
    pub order_date: AttrValue,
    /// The inputs need fixing: the quote shown is the last valid one.
    pub stale: bool,
}

/// The quotation as printed on A4: `<div class="quotation print-only">`,
/// shown on screen on its own page (`quotation.html`).
#[component]
pub fn QuotationDocument(props: &QuotationProps) -> Html {
    let p = props;
    let account = &p.account.account;
    let request_id = submission::request_id(&p.policy.prepared, account, &p.scenario);
    let q = quotation(
        &p.quote,
        &p.policy.prepared,
        account,
        &p.order_date,
        &request_id,
        p.lang,
    );
    render(&q, p.stale)
}

fn fields(m: &mut Markup, fields: &[Field]) {
    m.open("dl", &[]);
    for f in fields {
        m.open("div", &[])
            .element("dt", &[], &f.label)
            .element("dd", &[], &f.value)
            .close("div");
    }
    m.close("dl");
}

/// The document as HTML text (see [`Markup`]): it is read-only and printed,
/// so it needs no event handlers, and text is far smaller in the wasm than
/// a tree of the same elements.
fn render(q: &Quotation, stale: bool) -> Html {
    let mut m = Markup::new();
    let lang = if q.lang.is_en() { "en" } else { "zh-CN" };
    let columns = q.columns.len();
    m.open(
        "div",
        &[
            ("class", "quotation print-only"),
            ("data-testid", "quotation"),
            ("lang", lang),
        ],
    );
    m.open("header", &[("class", "q-head")])
        .element("h2", &[("class", "q-title")], &q.title)
        .open("div", &[("class", "q-meta")]);
    fields(&mut m, &q.meta);
    m.element(
        "p",
        &[
            ("class", "q-validity"),
            ("data-testid", "quotation-validity"),
        ],
        &q.validity,
    )
    .close("div")
    .close("header");
    if stale {
        m.element(
            "p",
            &[("class", "q-stale")],
            &format!("⚠ {}", q.lang.t(Key::StaleQuote)),
        );
    }
    m.open("div", &[("class", "q-parties")]);
    for (party, testid) in [
        (&q.vendor, "quotation-vendor"),
        (&q.partner, "quotation-partner"),
    ] {
        m.open("section", &[("class", "q-party"), ("data-testid", testid)])
            .element("h3", &[], &party.heading);
        fields(&mut m, &party.fields);
        m.close("section");
    }
    m.close("div");
    m.open(
        "table",
        &[("class", "q-lines"), ("data-testid", "quotation-lines")],
    )
    .open("thead", &[])
    .open("tr", &[]);
    for (i, c) in q.columns.iter().enumerate() {
        // No., SKU, product, unit are text; the rest are figures.
        let class = if i == 3 || i >= 5 { "num" } else { "" };
        m.element("th", &[("scope", "col"), ("class", class)], c);
    }
    m.close("tr").close("thead");
    let span = (columns - 1).to_string();
    for l in &q.lines {
        let class = if l.free.is_some() {
            "q-line free"
        } else {
            "q-line"
        };
        m.open("tbody", &[("class", class)]).open("tr", &[]);
        m.element("td", &[], &l.no)
            .open("td", &[])
            .element("code", &[], &l.sku)
            .close("td")
            .open("td", &[])
            .text(&l.name);
        if let Some(free) = &l.free {
            m.element("span", &[("class", "q-free")], free);
        }
        m.close("td");
        m.element("td", &[("class", "num")], &l.qty)
            .element("td", &[], &l.unit);
        for figure in [&l.list_price, &l.net_unit_price, &l.net_amount] {
            m.element("td", &[("class", "num")], figure);
        }
        m.close("tr")
            .open("tr", &[("class", "q-discounts")])
            .element("td", &[], "")
            .open("td", &[("colspan", &span)])
            .element(
                "span",
                &[("class", "q-label")],
                &format!("{}{}", q.discounts_label, q.colon),
            )
            .text(&l.discounts)
            .close("td")
            .close("tr")
            .close("tbody");
    }
    m.close("table");
    m.open("section", &[("class", "q-totals")]).open("dl", &[]);
    for t in &q.totals {
        let class = if t.strong { "row strong" } else { "row" };
        m.open("div", &[("class", class)])
            .element("dt", &[], &t.label)
            .element("dd", &[("class", "num")], &t.value)
            .close("div");
    }
    m.close("dl");
    let words_class = if q.in_words.ok {
        "q-words"
    } else {
        "q-words q-error"
    };
    m.open(
        "p",
        &[
            ("class", words_class),
            ("data-testid", "quotation-in-words"),
        ],
    )
    .element(
        "span",
        &[("class", "q-label")],
        &format!("{}{}", q.in_words.label, q.colon),
    )
    .element("strong", &[], &q.in_words.value)
    .close("p")
    .close("section");
    m.open("div", &[("class", "q-summaries")]);
    for s in [&q.rebates, &q.credit] {
        m.open("section", &[("class", "q-summary")])
            .element("h3", &[], &s.heading)
            .open("ul", &[]);
        for l in &s.lines {
            m.element("li", &[], l);
        }
        m.close("ul").close("section");
    }
    m.close("div");
    m.open("div", &[("class", "q-signatures")]);
    for s in &q.signatures {
        m.open("div", &[("class", "q-signature")])
            .element("p", &[("class", "q-party-sign")], &s.party)
            .element(
                "p",
                &[("class", "q-sign-date")],
                &format!("{}{}", s.date, q.colon),
            )
            .close("div");
    }
    m.close("div");
    m.open("footer", &[("class", "q-footer")])
        .element("p", &[], &q.footer)
        .element("p", &[("class", "q-end")], &q.end)
        .close("footer")
        .close("div");
    Html::from_html_unchecked(AttrValue::from(m.finish()))
}

/// The quotation's page, beside the order calculator's.
pub const QUOTATION_PAGE: &str = "quotation.html";

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub lang: Lang,
    /// The current quote; `None` (no quote, or inputs to fix) disables both.
    pub quote: Option<Shared<Quote>>,
    pub policy: Shared<LoadedPolicy>,
    pub account: Shared<LoadedAccount>,
    /// The scenario quoted: its request id names the CSV file.
    pub scenario: Shared<Scenario>,
}

/// "打印报价单" and "提交订单" (both on the quotation's page) and "导出 CSV",
/// beside the totals.
#[component]
pub fn QuotationActions(props: &ActionsProps) -> Html {
    let lang = props.lang;
    let on_csv = {
        let quote = props.quote.clone();
        let policy = props.policy.clone();
        let (account, scenario) = (props.account.clone(), props.scenario.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(q) = &quote {
                let request_id =
                    submission::request_id(&policy.prepared, &account.account, &scenario);
                let name = csv_file_name(&quote_number(&request_id), lang);
                browser::download_text(
                    &name,
                    &quote_csv(q, &policy.prepared.policy, lang),
                    "text/csv;charset=utf-8",
                );
            }
        })
    };
    let disabled = props.quote.is_none();
    html! {
        <div class="quotation-actions no-print">
            if disabled {
                <button type="button" disabled=true data-testid="print-quote">{ lang.t(Key::PrintQuote) }</button>
                <button type="button" disabled=true data-testid="go-submit">{ lang.t(Key::SubmitOnQuotation) }</button>
            } else {
                <a class="button" href={QUOTATION_PAGE} data-testid="print-quote">{ lang.t(Key::PrintQuote) }</a>
                <a class="button primary" href={format!("{QUOTATION_PAGE}#submit")} data-testid="go-submit">{ lang.t(Key::SubmitOnQuotation) }</a>
            }
            <button type="button" onclick={on_csv} {disabled} data-testid="download-csv">{ lang.t(Key::QuotationExportCsv) }</button>
        </div>
    }
}
