//! The sales staff's plan studio (`plan.html`): a page and wasm bundle of
//! its own, so the partner's calculator does not carry it.

fn main() {
    channel_quote_web::app::run_studio();
}
