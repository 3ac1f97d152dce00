//! The domain model, the leaf every other module builds on: cells as read, canonical fields,
//! normalized customers and contacts, what was read (formats, encodings, the report's `source`,
//! rows and tables, column letters), issues and their messages, counts, and the text helpers
//! (cleaning, folding, the country table) that reading, checking and writing share.

pub(crate) mod cell;
pub mod country;
mod field;
pub mod fold;
mod issue;
mod json;
pub mod label;
pub mod messages;
mod record;
mod source;
mod stats;
pub mod text;

pub use cell::Cell;
pub use field::{Field, FieldKind};
pub use issue::{Issue, IssueCode, Severity};
pub use messages::Locale;
pub(crate) use record::FieldValues;
pub use record::{Contact, Customer, CustomerKey, Value, fold_name, nfc_key};
pub use source::{
    CountryInferred, Format, Row, SheetInfo, SkipReason, SkippedRow, SourceInfo, Table, TextEncoding, column_index,
    column_letter,
};
pub use stats::{PlanCounts, Stats};
