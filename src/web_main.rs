//! The browser app's entry point (built by Trunk).

fn main() {
    channel_quote::app::run();
}
