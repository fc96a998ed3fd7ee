//! The browser app's entry point (built by Trunk from `index.html`).

fn main() {
    channel_quote_web::app::run();
}
