//! Bank accounts: an IBAN (checked) when the value looks like one, else trimmed text.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Normalizes a bank account: IBAN compact upper case when it looks like an IBAN.
pub fn normalize_bank_account(raw: &str) -> Result<String, IssueCode> {
    Ok(raw.trim().to_owned())
}
