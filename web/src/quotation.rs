//! The printable quotation (`quotation.html`, 报价单): a page and wasm
//! bundle of its own, opened from the order calculator.

fn main() {
    channel_quote_web::app::run_quotation();
}
