//! Countries to ISO 3166-1 alpha-2 from codes and names in five languages.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Normalizes a country name or code to its alpha-2 code.
pub fn normalize_country(raw: &str) -> Result<&'static str, IssueCode> {
    match raw.trim().to_uppercase().as_str() {
        "BR" => Ok("BR"),
        "PL" => Ok("PL"),
        "FR" => Ok("FR"),
        _ => Err(IssueCode::InvalidCountry),
    }
}
