//! Postal codes by country.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

use super::Fixed;

/// Normalizes a postal code for `country`.
pub fn normalize_postal_code(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let _ = (country, numeric_cell);
    Ok(Fixed::new(raw.trim().to_uppercase()))
}
