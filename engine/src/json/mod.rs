//! Reading untrusted JSON into the engine's documents.
//!
//! serde's derive stops at the first error and silently keeps the last of
//! two duplicate keys; a partner fixing a policy needs every problem at once,
//! and a duplicated key must never silently change a price. So the text is
//! first parsed into a [`value::Json`] tree that keeps duplicates, then read
//! field by field with [`reader`], which records every problem with its path.

pub mod reader;
pub mod value;

pub use reader::{read_int, wrong_type, FromJson, ObjectReader};
pub use value::Json;
