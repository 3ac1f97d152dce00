//! The import plan: serde data a host shows for review, stores, and applies later.

use serde::{Deserialize, Serialize};

use crate::model::{Customer, CustomerKey, Value};
use crate::profile::Target;
use crate::report::{Issue, PlanCounts};

/// What an import does to one customer or contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Not in the base: created.
    Create,
    /// In the base with different values: updated (see the diff).
    Update,
    /// In the base with the same values: nothing to write.
    Unchanged,
}

impl Action {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
        }
    }
}

/// Which identifier matched an imported customer to a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The external id.
    ExternalId,
    /// The normalized tax id.
    TaxId,
    /// The folded name.
    Name,
}

/// The stored customer an entry updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingRef {
    /// The host's id.
    pub id: String,
    /// The revision the plan was made against.
    pub revision: u64,
    /// How it was matched.
    pub matched_by: MatchedBy,
}

/// One changed value: `old` is the stored value, `new` the value after the import (`null` when
/// absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The canonical or custom field.
    pub field: Target,
    /// The stored value.
    pub old: Option<Value>,
    /// The value written.
    pub new: Option<Value>,
}

/// What happens to one contact of an updated customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactChange {
    /// Create or update (unchanged contacts are not listed).
    pub action: Action,
    /// The contact's key.
    pub contact_email: Option<String>,
    /// The changed fields (every field of a created contact, with `old` null).
    pub changes: Vec<FieldChange>,
}

/// The field-by-field difference between the stored customer and the customer after the import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    /// Changed customer and custom fields, in contract order then custom names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// Created and updated contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactChange>,
}

impl Diff {
    /// True when nothing changes.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.contacts.is_empty()
    }
}

/// One imported customer in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanEntry {
    /// Create, update or unchanged.
    pub action: Action,
    /// The imported customer's identity key (`null` for a customer without any identifier).
    pub key: Option<CustomerKey>,
    /// The stored customer it matched (update and unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingRef>,
    /// The customer as it is after the import: for an update, the stored customer with the
    /// imported changes; `rows` are the file rows it came from.
    pub customer: Customer,
    /// Updates: what changes.
    #[serde(default, skip_serializing_if = "Diff::is_empty")]
    pub diff: Diff,
}

/// The plan of an import: one entry per valid imported customer, in file order.
///
/// Serde data: a host shows it for review, stores it as JSON, and applies it later (the
/// embedded store's `apply`, or the host's own writer: create `customer` for a create entry,
/// write `customer` over `existing.id` for an update, nothing for unchanged).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportPlan {
    /// The entries.
    pub entries: Vec<PlanEntry>,
    /// The customers the plan cannot write: one `key_conflict` issue each (on the customer's
    /// first row), naming the two stored customers its keys point to. Not in `entries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<Issue>,
}

impl ImportPlan {
    /// How many customers are created, updated, unchanged.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        for e in &self.entries {
            match e.action {
                Action::Create => counts.created += 1,
                Action::Update => counts.updated += 1,
                Action::Unchanged => counts.unchanged += 1,
            }
        }
        counts
    }

    /// The entries that write something (creates and updates).
    pub fn changes(&self) -> impl Iterator<Item = &PlanEntry> {
        self.entries.iter().filter(|e| e.action != Action::Unchanged)
    }

    /// True when applying the plan writes nothing (rejected customers write nothing either).
    pub fn is_noop(&self) -> bool {
        self.entries.iter().all(|e| e.action == Action::Unchanged)
    }

    /// The plan as JSON (one line).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
