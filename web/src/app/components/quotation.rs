//! The printable quotation (报价单) and the two buttons that print it or
//! export the quote as CSV. The quotation is hidden on screen and is the
//! only thing printed from the order calculator (`styles/print.css`, the
//! "quotation" block); its texts come from
//! [`quotation`](crate::app::quotation).

use super::Shared;
use crate::app::browser;
use crate::app::i18n::{Key, Lang};
use crate::app::loaded::{LoadedAccount, LoadedPolicy};
use crate::app::quotation::{csv_file_name, quotation, quote_number, Field, Quotation};
use crate::app::quote_csv::quote_csv;
use crate::engine::Quote;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuotationProps {
    pub lang: Lang,
    /// Equal by identity, like every shared document: the quotation is
    /// rebuilt only when the quote, policy or account is another one.
    pub quote: Shared<Quote>,
    pub policy: Shared<LoadedPolicy>,
    pub account: Shared<LoadedAccount>,
    pub order_date: AttrValue,
    pub request_id: AttrValue,
    /// The inputs need fixing: the quote shown is the last valid one.
    pub stale: bool,
}

/// The quotation as printed on A4: `<div class="quotation print-only">`.
#[component]
pub fn QuotationDocument(props: &QuotationProps) -> Html {
    let q = quotation(
        &props.quote,
        &props.policy.prepared,
        &props.account.account,
        &props.order_date,
        &props.request_id,
        props.lang,
    );
    render(&q, props.stale)
}

fn fields(fields: &[Field]) -> Html {
    html! {
        <dl>
            { for fields.iter().map(|f| html! {
                <div><dt>{ f.label.as_str() }</dt><dd>{ f.value.as_str() }</dd></div>
            }) }
        </dl>
    }
}

fn render(q: &Quotation, stale: bool) -> Html {
    let lang = if q.lang.is_en() { "en" } else { "zh-CN" };
    let columns = q.columns.len();
    html! {
        <div class="quotation print-only" data-testid="quotation" {lang}>
            <header class="q-head">
                <h2 class="q-title">{ q.title.as_str() }</h2>
                <div class="q-meta">
                    { fields(&q.meta) }
                    <p class="q-validity" data-testid="quotation-validity">{ q.validity.as_str() }</p>
                </div>
            </header>
            if stale {
                <p class="q-stale">{ "⚠ " }{ q.lang.t(Key::StaleQuote) }</p>
            }
            <div class="q-parties">
                <section class="q-party" data-testid="quotation-vendor">
                    <h3>{ q.vendor.heading.as_str() }</h3>
                    { fields(&q.vendor.fields) }
                </section>
                <section class="q-party" data-testid="quotation-partner">
                    <h3>{ q.partner.heading.as_str() }</h3>
                    { fields(&q.partner.fields) }
                </section>
            </div>
            <table class="q-lines" data-testid="quotation-lines">
                <thead><tr>
                    { for q.columns.iter().enumerate().map(|(i, c)| html! {
                        // No., SKU, product, unit are text; the rest are figures.
                        <th scope="col" class={classes!((i == 3 || i >= 5).then_some("num"))}>{ c.as_str() }</th>
                    }) }
                </tr></thead>
                { for q.lines.iter().map(|l| html! {
                    <tbody class={classes!("q-line", l.free.is_some().then_some("free"))}>
                        <tr>
                            <td>{ l.no.as_str() }</td>
                            <td><code>{ l.sku.as_str() }</code></td>
                            <td>
                                { l.name.as_str() }
                                if let Some(free) = &l.free { <span class="q-free">{ free.as_str() }</span> }
                            </td>
                            <td class="num">{ l.qty.as_str() }</td>
                            <td>{ l.unit.as_str() }</td>
                            <td class="num">{ l.list_price.as_str() }</td>
                            <td class="num">{ l.net_unit_price.as_str() }</td>
                            <td class="num">{ l.net_amount.as_str() }</td>
                        </tr>
                        <tr class="q-discounts">
                            <td></td>
                            <td colspan={(columns - 1).to_string()}>
                                <span class="q-label">{ q.discounts_label.as_str() }{ q.colon }</span>{ l.discounts.as_str() }
                            </td>
                        </tr>
                    </tbody>
                }) }
            </table>
            <section class="q-totals">
                <dl>
                    { for q.totals.iter().map(|t| html! {
                        <div class={classes!("row", t.strong.then_some("strong"))}><dt>{ t.label.as_str() }</dt><dd class="num">{ t.value.as_str() }</dd></div>
                    }) }
                </dl>
                <p class={classes!("q-words", (!q.in_words.ok).then_some("q-error"))} data-testid="quotation-in-words">
                    <span class="q-label">{ q.in_words.label.as_str() }{ q.colon }</span>
                    <strong>{ q.in_words.value.as_str() }</strong>
                </p>
            </section>
            <div class="q-summaries">
                { for [&q.rebates, &q.credit].into_iter().map(|s| html! {
                    <section class="q-summary">
                        <h3>{ s.heading.as_str() }</h3>
                        <ul>{ for s.lines.iter().map(|l| html! { <li>{ l.as_str() }</li> }) }</ul>
                    </section>
                }) }
            </div>
            <div class="q-signatures">
                { for q.signatures.iter().map(|s| html! {
                    <div class="q-signature">
                        <p class="q-party-sign">{ s.party.as_str() }</p>
                        <p class="q-sign-date">{ s.date.as_str() }{ q.colon }</p>
                    </div>
                }) }
            </div>
            <footer class="q-footer">
                <p>{ q.footer.as_str() }</p>
                <p class="q-end">{ q.end.as_str() }</p>
            </footer>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    pub lang: Lang,
    /// The current quote; `None` (no quote, or inputs to fix) disables both.
    pub quote: Option<Shared<Quote>>,
    pub policy: Shared<LoadedPolicy>,
    pub request_id: AttrValue,
}

/// "打印报价单" and "导出 CSV", beside the totals.
#[component]
pub fn QuotationActions(props: &ActionsProps) -> Html {
    let lang = props.lang;
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let on_csv = {
        let quote = props.quote.clone();
        let policy = props.policy.clone();
        let request_id = props.request_id.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(q) = &quote {
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
            <button type="button" onclick={on_print} {disabled} data-testid="print-quote">{ lang.t(Key::PrintQuote) }</button>
            <button type="button" onclick={on_csv} {disabled} data-testid="download-csv">{ lang.t(Key::QuotationExportCsv) }</button>
        </div>
    }
}
