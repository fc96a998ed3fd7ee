//! The browser app: a thin Yew layer over the engine. It renders a
//! [`Quote`](crate::engine::Quote) and turns input into a new order; it
//! never computes a price itself.

#[cfg(feature = "chain")]
pub mod chain_setup;
#[cfg(feature = "chain")]
pub mod chain_view;
pub mod demo;
pub mod draft;
pub mod format;
pub mod i18n;
pub mod loaded;
pub mod markup;
pub mod nudge;
#[cfg(feature = "studio")]
pub mod plan_chart;
#[cfg(feature = "studio")]
pub mod plan_draft;
#[cfg(feature = "studio")]
pub mod plan_view;
pub mod quotation; // quotation (issue 8)
pub mod quote_csv;
pub mod saved; // saved quotes & share link (issue 8)
pub mod scenario;
pub mod scenario_view;
pub mod state;
pub mod storage;
pub mod stored;
pub mod submission;
#[cfg(test)]
mod test_support;
pub mod v2_view;
pub mod view_model;

mod browser;
mod components;
mod sending;
mod share_browser; // saved quotes & share link (issue 8)

/// Mounts the partner's order calculator (`index.html`) on `<body>`.
pub fn run_desk() {
    yew::Renderer::<components::app::DeskApp>::new().render();
}

/// Mounts the printable quotation (`quotation.html`) on `<body>`.
pub fn run_quotation() {
    yew::Renderer::<components::app::QuotationApp>::new().render();
}

/// Mounts the sales staff's plan studio (`plan.html`) on `<body>`.
#[cfg(feature = "studio")]
pub fn run_studio() {
    yew::Renderer::<components::app::StudioApp>::new().render();
}

/// Mounts the channel chain (`chain.html`) on `<body>`.
#[cfg(feature = "chain")]
pub fn run_chain() {
    yew::Renderer::<components::app::ChainApp>::new().render();
}
