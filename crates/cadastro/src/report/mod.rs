//! The report: the JSON of CONTRACT section 5, built by one serde type every host uses.

mod issue;

pub use issue::{Issue, IssueCode, Severity};
