//! Numbers: payment terms in days, integers, decimals and dates.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

/// Parses a payment period in days (`30`, `30.0`, `30 dias`, `NET 30`), 0..=3650.
pub fn parse_payment_days(raw: &str) -> Result<i64, IssueCode> {
    raw.trim().parse().map_err(|_| IssueCode::InvalidNumber)
}
