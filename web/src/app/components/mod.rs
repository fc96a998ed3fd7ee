//! One component (or a few small related ones) per file.

pub mod app;
mod header;
mod order_entry;
mod panels;
mod quote_lines;

use super::browser::Arrival;
use super::state::{Action, AppState, LoadFailure};
use yew::UseReducerHandle;

/// The app state handle every component reads from context.
pub type Store = UseReducerHandle<AppState>;

/// The current state from context; the root always provides it.
#[yew::hook]
pub fn use_store() -> Store {
    yew::use_context::<Store>().expect("App provides the store")
}

/// What the reducer does with bytes that arrived (or did not).
pub fn arrival_action(a: Arrival) -> Action {
    match a {
        Arrival::Bytes { name, bytes } => Action::FileLoaded { name, bytes },
        Arrival::Unreadable {
            name,
            document,
            error,
        } => Action::LoadFailed(LoadFailure::unreadable(name, document, &error)),
    }
}
