//! One component (or a few small related ones) per file.

pub mod app;
#[cfg(feature = "chain")]
mod chain;
mod header;
mod order_entry;
mod panels;
#[cfg(feature = "studio")]
mod plan_charts;
#[cfg(feature = "studio")]
mod plan_entry;
#[cfg(feature = "studio")]
mod plan_studio;
mod quotation; // quotation (issue 8)
mod quote_lines;
mod saved_quotes; // saved quotes & share link (issue 8)
mod scenarios;
mod submit;
mod v2_panels;

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

/// A shared value compared by identity: props holding one are equal when
/// they hold the very same value, so a component re-renders only when it
/// is given another (a newly opened policy), not on every state change.
pub struct Shared<T>(pub std::rc::Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What the reducer does with files picked or dropped together.
pub fn arrivals_action(arrivals: Vec<Arrival>) -> Action {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for a in arrivals {
        match a {
            Arrival::Bytes { name, bytes } => files.push((name, bytes)),
            Arrival::Unreadable {
                name,
                document,
                error,
            } => failures.push(LoadFailure::unreadable(name, document, &error)),
        }
    }
    Action::FilesOpened { files, failures }
}
