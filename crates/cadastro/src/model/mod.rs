//! The domain model: cells as read, canonical fields, normalized customers and contacts.

pub(crate) mod cell;
mod field;
mod record;

pub use cell::Cell;
pub use field::{Field, FieldKind};
pub use record::{Contact, Customer, CustomerKey, Value, fold_name, nfc_key};
