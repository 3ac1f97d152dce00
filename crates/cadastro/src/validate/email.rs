//! E-mail syntax and normalization (no network).
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Trims, lower-cases and checks one e-mail address.
pub fn normalize_email(raw: &str) -> Result<String, IssueCode> {
    Ok(raw.trim().to_lowercase())
}

/// Splits a cell on `,` and `;` and normalizes each e-mail.
pub fn normalize_email_list(raw: &str) -> Result<Vec<String>, IssueCode> {
    raw.split([',', ';']).filter(|s| !s.trim().is_empty()).map(normalize_email).collect()
}
