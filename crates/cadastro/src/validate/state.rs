//! States and regions; Brazilian states to their UF.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Normalizes a state; for BR to the two-letter UF.
pub fn normalize_state(raw: &str, country: Option<&str>) -> Result<String, IssueCode> {
    let _ = country;
    Ok(raw.trim().to_owned())
}
