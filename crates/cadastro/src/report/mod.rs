//! The report: the JSON of CONTRACT section 5, built by one serde type every host uses.
//!
//! ```
//! use cadastro::{Importer, ImportOptions, Source};
//! let csv = "Customer name;Email\nACME;billing@acme.example\nGlobex;not-an-email\n";
//! let report = Importer::new(ImportOptions::default())?.validate(&Source::from_bytes(csv.as_bytes().to_vec()))?;
//! assert_eq!(report.stats.customers_valid, 1);
//! assert_eq!(report.issues[0].code.as_str(), "invalid_email");
//! assert_eq!(report.issues[0].row, 3);
//! # Ok::<(), cadastro::Error>(())
//! ```

mod issue;
pub mod messages;
mod text;

pub use text::TextSummary;

use serde::{Deserialize, Serialize};

pub use issue::{Issue, IssueCode, Severity};
pub use messages::{ConflictSide, Locale, key_conflict_message};

use crate::mapping::ColumnMapping;
use crate::model::Customer;
use crate::read::SourceInfo;

/// The counts of a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Non-blank data rows below the header.
    pub rows_total: u64,
    /// Blank rows skipped below the header.
    pub rows_blank: u64,
    /// Rows that carry at least one error issue.
    pub rows_rejected: u64,
    /// Valid customers.
    pub customers_valid: u64,
    /// Rejected customers.
    pub customers_rejected: u64,
    /// Valid contacts (of valid customers).
    pub contacts_valid: u64,
    /// Rejected contacts (with an error, or of a rejected customer).
    pub contacts_rejected: u64,
}

/// Counts of an import plan (`cadastro import`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCounts {
    /// Customers to create.
    pub created: u64,
    /// Customers to update.
    pub updated: u64,
    /// Customers already identical in the base.
    pub unchanged: u64,
}

/// The result of validating a file (CONTRACT section 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// What was read.
    pub source: SourceInfo,
    /// The profile's name.
    pub profile: String,
    /// The locale of the messages: the host's, else the profile's, else the headers' language,
    /// else `en` (CONTRACT section 8).
    #[serde(default)]
    pub locale: Locale,
    /// Every column with its field (or `null`), confidence and reason.
    pub mapping: Vec<ColumnMapping>,
    /// The counts.
    pub stats: Stats,
    /// Every issue, sorted by row then column.
    pub issues: Vec<Issue>,
    /// The valid customers with their valid contacts.
    pub customers: Vec<Customer>,
    /// `cadastro import` only: what the import does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanCounts>,
}

impl Report {
    /// The report as JSON (one line), identical from every host.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The report as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// True when some issue is an error (CLI exit code 1).
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// A readable summary: counts, then the issues grouped by code with their rows and the
    /// first few examples.
    pub fn to_text(&self) -> String {
        text::summary(self)
    }
}
