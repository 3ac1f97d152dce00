//! The counts of a report and of an import plan.

use serde::{Deserialize, Serialize};

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
