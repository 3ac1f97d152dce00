//! Numbers: payment terms in days, integers, decimals and dates.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Parses a payment period in days (`30`, `30.0`, `30 dias`, `NET 30`), 0..=3650.
pub fn parse_payment_days(raw: &str) -> Result<i64, IssueCode> {
    raw.trim().parse().map_err(|_| IssueCode::InvalidNumber)
}

/// Parses an integer.
pub fn parse_integer(raw: &str) -> Result<i64, IssueCode> {
    raw.trim().parse().map_err(|_| IssueCode::InvalidNumber)
}

/// Parses a decimal number.
pub fn parse_decimal(raw: &str) -> Result<f64, IssueCode> {
    raw.trim().parse().map_err(|_| IssueCode::InvalidNumber)
}

/// Parses a date to ISO 8601.
pub fn parse_date(raw: &str) -> Result<String, IssueCode> {
    Ok(raw.trim().to_owned())
}
