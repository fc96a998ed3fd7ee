//! The channel chain (`chain.html`): a page and wasm bundle of its own.

fn main() {
    channel_quote_web::app::run_chain();
}
