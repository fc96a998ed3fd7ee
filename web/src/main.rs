//! The partner's order calculator (`index.html`): one of the app's three
//! pages, each built by Trunk into its own wasm bundle.

fn main() {
    channel_quote_web::app::run_desk();
}
