//! One component (or a few small related ones) per file.

pub mod app;
mod header;
mod order_entry;
mod panels;
mod quote_lines;

use super::state::AppState;
use yew::UseReducerHandle;

/// The app state handle every component reads from context.
pub type Store = UseReducerHandle<AppState>;

/// The current state from context; the root always provides it.
#[yew::hook]
pub fn use_store() -> Store {
    yew::use_context::<Store>().expect("App provides the store")
}
