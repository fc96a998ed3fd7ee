//! The documents in use and where each came from: what the state holds
//! and the demo provides, known to both without either knowing the other.

use crate::engine::{Account, PreparedPolicy};
use std::rc::Rc;

/// Where a document came from, shown in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Demo,
    File(String),
}

#[derive(Debug)]
pub struct LoadedPolicy {
    pub prepared: PreparedPolicy,
    pub source: Source,
    /// The file's text, kept so a reload can restore it.
    pub text: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedAccount {
    pub account: Account,
    pub source: Source,
    pub text: Rc<str>,
}
