//! The browser app: a thin Yew layer over the engine. It renders a
//! [`Quote`](crate::engine::Quote) and turns input into a new order; it
//! never computes a price itself.

pub mod demo;
pub mod draft;
pub mod format;
pub mod i18n;
pub mod loaded;
pub mod plan_chart;
pub mod plan_draft;
pub mod plan_view;
pub mod quote_csv;
pub mod state;
pub mod storage;
#[cfg(test)]
mod test_support;
pub mod view_model;

mod browser;
mod components;

/// Mounts the app on the page's `<body>`.
pub fn run() {
    yew::Renderer::<components::app::App>::new().render();
}
