//! Phone numbers to E.164 through the phonenumber crate (a libphonenumber port).
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Parses a phone number with `country` as the default region and returns E.164.
pub fn normalize_phone(raw: &str, country: Option<&str>) -> Result<String, IssueCode> {
    let _ = country;
    Ok(raw.trim().to_owned())
}
