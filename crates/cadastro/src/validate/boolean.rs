//! Booleans in five languages.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Parses a yes/no value.
pub fn parse_bool(raw: &str) -> Result<bool, IssueCode> {
    match raw.trim() {
        "1" | "true" => Ok(true),
        "" | "0" | "false" => Ok(false),
        _ => Err(IssueCode::InvalidBoolean),
    }
}
