//! Enumerations: contact positions and custom enum fields, with synonyms.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Normalizes a contact position to ACCOUNTING, SALES, PURCHASER or PAYER.
pub fn contact_position(raw: &str) -> Result<&'static str, IssueCode> {
    match raw.trim().to_uppercase().as_str() {
        "ACCOUNTING" => Ok("ACCOUNTING"),
        "SALES" => Ok("SALES"),
        "PURCHASER" => Ok("PURCHASER"),
        "PAYER" => Ok("PAYER"),
        _ => Err(IssueCode::InvalidEnum),
    }
}

/// Matches a custom enum value against the listed values.
pub fn match_enum<'a>(raw: &str, values: &'a [String]) -> Option<&'a str> {
    values.iter().find(|v| v.eq_ignore_ascii_case(raw.trim())).map(String::as_str)
}
