//! Validation and normalization: one function per kind of value ("leaves"), and the engine
//! that compiles a profile into a plan and runs it over every row.
//!
//! Leaves know nothing of rows or columns: they take a text and return the normalized value or
//! an [`IssueCode`](crate::IssueCode). The engine adds the location.

pub mod boolean;
mod cell;
pub mod email;
pub(crate) mod engine;
pub mod enums;
pub mod iban;
pub mod infer;
mod key_set;
pub mod number;
pub mod phone;
pub mod postal;
pub mod state;
pub mod tax_id;

pub use crate::model::{country, fold, text};
pub use cell::{CellCheck, check_custom, check_target, check_value, max_len};
pub use engine::{NoBase, ParentLookup, ParentRef};

/// A normalized value that may have been repaired on the way (leading zeros put back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The normalized value.
    pub value: String,
    /// True when leading zeros lost by a numeric cell were restored (warning
    /// `leading_zeros_restored`).
    pub zeros_restored: bool,
}

impl Fixed {
    /// A value that needed no repair.
    pub fn new(value: String) -> Self {
        Fixed { value, zeros_restored: false }
    }

    /// A value whose leading zeros were restored.
    pub fn restored(value: String) -> Self {
        Fixed { value, zeros_restored: true }
    }
}
