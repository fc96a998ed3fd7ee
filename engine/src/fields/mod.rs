//! The vocabulary of document fields. Each type here knows its range or
//! format, reads itself from JSON reporting problems with their path,
//! publishes its JSON Schema and writes itself back — one declaration, so
//! the reader, the schema and the docs cannot disagree. Documents are
//! declared from these with [`record!`](crate::record) and
//! [`tagged!`](crate::tagged).

pub mod choice;
pub mod date;
pub mod decimal;
pub mod exchange;
pub mod int;
pub mod list;
pub mod record;
pub mod text;

pub use date::Date;
pub use exchange::{Note, RequestId, Sha256Hex, SubmitUrl, Timestamp};
pub use int::{Days, Headcount, Priority, Qty, TermDays, ValidityDays};
pub use list::{NonEmpty, NonEmptyUpTo};
pub use record::Record;
pub use text::{
    AccountTag, ChainTag, Currency, Id, Label, OrderTag, PlanTag, PolicyTag, RequestTag, Title,
};
