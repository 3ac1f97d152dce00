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

mod text;

pub use crate::model::messages;
pub use crate::model::{PlanCounts, Stats};

pub use text::TextSummary;

use serde::{Deserialize, Serialize};

pub use crate::model::{Issue, IssueCode, Severity};
pub use messages::{ConflictSide, Locale, key_conflict_message};

use crate::model::Customer;
use crate::model::SourceInfo;
use crate::profile::ColumnMapping;

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
