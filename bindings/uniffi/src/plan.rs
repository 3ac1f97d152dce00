//! The import plan against the host's own customer base (CONTRACT section 3): the foreign trait
//! [`CustomerLookup`] the host implements (Kotlin `class MyBase : CustomerLookup`, Swift
//! `class MyBase: CustomerLookup`, Python `class MyBase(cu.CustomerLookup)`), the plan records,
//! and [`plan`](crate::plan) that builds one.
//!
//! The records have exactly the shape of the core's serde JSON (`cadastro::ImportPlan`),
//! so the conversion is one serde pass and `ImportPlan.toJson()` is the core's JSON byte for byte.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::CadastroError;
use crate::report::{Customer, FieldValue, PlanCounts, from_core};

/// How a customer is identified (CONTRACT section 3): the keys a lookup receives.
///
/// Kotlin: `CustomerKey.ExternalId("C-1")`, `CustomerKey.TaxId("52998224725")`,
/// `CustomerKey.Name("ana lima")` (the name folded: lower case, whitespace collapsed).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(from = "cadastro::CustomerKey", into = "cadastro::CustomerKey")]
pub enum CustomerKey {
    /// By the user's own id.
    ExternalId {
        /// The external id.
        value: String,
    },
    /// By the normalized tax id (compact, as the report gives it).
    TaxId {
        /// The tax id.
        value: String,
    },
    /// By the folded name (lower case, whitespace collapsed).
    Name {
        /// The folded name.
        value: String,
    },
}

impl From<cadastro::CustomerKey> for CustomerKey {
    fn from(k: cadastro::CustomerKey) -> Self {
        match k {
            cadastro::CustomerKey::ExternalId(value) => CustomerKey::ExternalId { value },
            cadastro::CustomerKey::TaxId(value) => CustomerKey::TaxId { value },
            cadastro::CustomerKey::Name(value) => CustomerKey::Name { value },
        }
    }
}

impl From<CustomerKey> for cadastro::CustomerKey {
    fn from(k: CustomerKey) -> Self {
        match k {
            CustomerKey::ExternalId { value } => cadastro::CustomerKey::ExternalId(value),
            CustomerKey::TaxId { value } => cadastro::CustomerKey::TaxId(value),
            CustomerKey::Name { value } => cadastro::CustomerKey::Name(value),
        }
    }
}

/// A customer already in the host's base, as a lookup returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
pub struct Existing {
    /// The host's id of the customer (a row id, a UUID...), handed back in the plan.
    pub id: String,
    /// The host's revision of the stored customer (0 when it keeps none).
    #[uniffi(default = 0)]
    #[serde(default)]
    pub revision: i64,
    /// The stored customer with its contacts (normalized values, as a report gives them).
    pub customer: Customer,
}

/// The host's existing customer base, queried in batches (a foreign trait: the host implements
/// it; Kotlin and Swift `CustomerLookup`, Python `cadastro_uniffi.CustomerLookup`).
///
/// `find` receives a batch of keys (up to 10,000) and returns **every** stored customer whose
/// `externalId`, normalized `taxId` or folded name equals one of the keys, in a stable order
/// (e.g. by id), each once. A SQL host answers one batch with one query. The reconciler decides
/// which stored customer each imported one matches.
///
/// Any exception `find` throws (a `CadastroException` or anything else) makes the planning
/// call fail with `LookupFailed` (kind `lookup_failed`), its message in `detail`.
///
/// `find` may be called from the thread that called `plan` only; it is never called after
/// `plan` returns.
#[uniffi::export(foreign)]
pub trait CustomerLookup: Send + Sync {
    /// Every stored customer matching one of `keys`.
    fn find(&self, keys: Vec<CustomerKey>) -> Result<Vec<Existing>, CadastroError>;
}

/// The core's view of a host lookup.
pub(crate) struct HostLookup(pub(crate) Arc<dyn CustomerLookup>);

impl cadastro::CustomerLookup for HostLookup {
    fn find(&self, keys: &[cadastro::CustomerKey]) -> Result<Vec<cadastro::Existing>, cadastro::LookupError> {
        let keys = keys.iter().cloned().map(CustomerKey::from).collect();
        let found = self.0.find(keys).map_err(|e| {
            let message = match &e {
                CadastroError::LookupFailed { detail } => detail.clone(),
                other => format!("{other} ({})", other.kind()),
            };
            cadastro::LookupError::new(message)
        })?;
        found
            .iter()
            .map(|e| {
                serde_json::to_value(e)
                    .and_then(serde_json::from_value)
                    .map_err(|err| cadastro::LookupError::new(format!("the lookup returned customer {}: {err}", e.id)))
            })
            .collect()
    }
}

/// What an import does to one customer or contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Not in the base: created.
    Create,
    /// In the base with different values: updated (see the diff).
    Update,
    /// In the base with the same values: nothing to write.
    Unchanged,
}

/// Which identifier matched an imported customer to a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct ExistingRef {
    /// The host's id.
    pub id: String,
    /// The revision the plan was made against.
    pub revision: i64,
    /// How it was matched.
    pub matched_by: MatchedBy,
}

/// One changed value: `old` the stored value, `new` the value after the import (none when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    /// The canonical field name (`city`) or custom field name.
    pub field: String,
    /// The stored value.
    pub old: Option<FieldValue>,
    /// The value written.
    pub new: Option<FieldValue>,
}

/// What happens to one contact of an updated customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct ContactChange {
    /// Create or update (unchanged contacts are not listed).
    pub action: Action,
    /// The contact's key.
    pub contact_email: Option<String>,
    /// The changed fields (every field of a created contact, with `old` none).
    pub changes: Vec<FieldChange>,
}

/// The field-by-field difference between the stored customer and the customer after the import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Diff {
    /// Changed customer and custom fields, in contract order then custom names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// Created and updated contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactChange>,
}

impl Diff {
    fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.contacts.is_empty()
    }
}

/// One imported customer in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    /// Create, update or unchanged.
    pub action: Action,
    /// The imported customer's identity key (none for a customer without any identifier).
    pub key: Option<CustomerKey>,
    /// The stored customer it matched (update and unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingRef>,
    /// The customer as it is after the import: for an update, the stored customer with the
    /// imported changes; `rows` are the file rows it came from.
    pub customer: Customer,
    /// Updates: what changes (empty otherwise).
    #[serde(default, skip_serializing_if = "Diff::is_empty")]
    pub diff: Diff,
}

/// The plan of an import: one entry per valid imported customer, in file order. The host shows
/// it for review and applies it itself: create `customer` for a create entry, write `customer`
/// over `existing.id` for an update, nothing for unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct ImportPlan {
    /// The entries.
    pub entries: Vec<PlanEntry>,
    /// The customers the plan cannot write: one `key_conflict` issue each, naming the two
    /// stored customers its keys point to (they are also in the report's issues).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<crate::report::Issue>,
}

#[uniffi::export]
impl ImportPlan {
    /// How many customers are created, updated, unchanged.
    pub fn counts(&self) -> PlanCounts {
        let mut c = PlanCounts { created: 0, updated: 0, unchanged: 0 };
        for e in &self.entries {
            let n = match e.action {
                Action::Create => &mut c.created,
                Action::Update => &mut c.updated,
                Action::Unchanged => &mut c.unchanged,
            };
            *n = n.saturating_add(1);
        }
        c
    }

    /// The plan as one-line JSON, identical to the core's `ImportPlan::to_json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl ImportPlan {
    /// The record of a core plan.
    pub(crate) fn from_core(plan: &cadastro::ImportPlan) -> Result<Self, CadastroError> {
        from_core(plan)
    }
}

#[cfg(test)]
mod tests {
    use cadastro::{Contact as CoreContact, Customer as CoreCustomer, Field, Value};
    use cadastro::{MemoryBase, Reconciler};

    use super::*;

    fn core_customer(id: &str, tax: &str, city: &str, contact: &str) -> CoreCustomer {
        let mut c = CoreCustomer::with_fields(vec![2], []);
        c.set(Field::ExternalId, Value::Text(id.into()));
        c.set(Field::TaxId, Value::Text(tax.into()));
        c.set(Field::Name, Value::Text(format!("Cliente {id}")));
        c.set(Field::City, Value::Text(city.into()));
        c.custom.insert("limite".into(), Value::Int(10));
        let mut k = CoreContact::default();
        k.set(Field::ContactEmail, Value::Text(contact.into()));
        c.contacts.push(k);
        c
    }

    /// A plan with a create, an update with a field and a contact diff, and an unchanged entry.
    fn core_plan() -> cadastro::ImportPlan {
        let mut stored_a = core_customer("A", "52998224725", "Recife", "a@x.com");
        stored_a.rows.clear();
        let mut stored_b = core_customer("B", "11222333000181", "Natal", "b@x.com");
        stored_b.rows.clear();
        let base = MemoryBase::new(vec![
            cadastro::Existing { id: "1".into(), revision: 3, customer: stored_a },
            cadastro::Existing { id: "2".into(), revision: 1, customer: stored_b },
        ]);
        let imported = [
            core_customer("A", "52998224725", "Olinda", "novo@x.com"),
            core_customer("B", "11222333000181", "Natal", "b@x.com"),
            core_customer("C", "39053344705", "Caruaru", "c@x.com"),
        ];
        Reconciler::new(&cadastro::Profile::generic()).plan(&imported, &base).unwrap()
    }

    #[test]
    fn plan_json_is_the_core_json() {
        let core = core_plan();
        let record = ImportPlan::from_core(&core).unwrap();
        assert_eq!(record.to_json(), core.to_json());
        let counts = record.counts();
        let expected = core.counts();
        assert_eq!(
            (counts.created, counts.updated, counts.unchanged),
            (expected.created as i64, expected.updated as i64, expected.unchanged as i64)
        );
        assert_eq!((counts.created, counts.updated, counts.unchanged), (1, 1, 1));
    }

    #[test]
    fn plan_records_are_typed() {
        let record = ImportPlan::from_core(&core_plan()).unwrap();
        let update = &record.entries[0];
        assert_eq!(update.action, Action::Update);
        assert_eq!(update.key, Some(CustomerKey::ExternalId { value: "A".into() }));
        let existing = update.existing.as_ref().unwrap();
        assert_eq!((existing.id.as_str(), existing.revision, existing.matched_by), ("1", 3, MatchedBy::ExternalId));
        let city = update.diff.fields.iter().find(|f| f.field == "city").unwrap();
        assert_eq!(city.old, Some(FieldValue::Text { value: "Recife".into() }));
        assert_eq!(city.new, Some(FieldValue::Text { value: "Olinda".into() }));
        assert_eq!(update.diff.contacts[0].action, Action::Create);
        assert_eq!(update.diff.contacts[0].contact_email.as_deref(), Some("novo@x.com"));
        assert_eq!(update.customer.city.as_deref(), Some("Olinda"));
        assert_eq!(record.entries[1].action, Action::Unchanged);
        assert!(record.entries[1].diff.fields.is_empty());
        assert_eq!(record.entries[2].action, Action::Create);
        assert!(record.entries[2].existing.is_none());
    }

    /// A host lookup written in Rust, as Kotlin or Python would write one.
    struct Host {
        known: Vec<Existing>,
        fail: bool,
    }

    impl CustomerLookup for Host {
        fn find(&self, keys: Vec<CustomerKey>) -> Result<Vec<Existing>, CadastroError> {
            if self.fail {
                return Err(CadastroError::LookupFailed { detail: "database down".into() });
            }
            Ok(self
                .known
                .iter()
                .filter(|e| keys.contains(&CustomerKey::ExternalId { value: e.customer.external_id.clone().unwrap() }))
                .cloned()
                .collect())
        }
    }

    #[test]
    fn a_host_lookup_answers_the_reconciler() {
        let stored: Customer = from_core(&core_customer("A", "52998224725", "Recife", "a@x.com")).unwrap();
        let host = HostLookup(Arc::new(Host {
            known: vec![Existing { id: "h-1".into(), revision: 7, customer: stored }],
            fail: false,
        }));
        let imported = [core_customer("A", "52998224725", "Olinda", "a@x.com")];
        let plan = Reconciler::new(&cadastro::Profile::generic()).plan(&imported, &host).unwrap();
        let entry = &plan.entries[0];
        assert_eq!(entry.action, cadastro::Action::Update);
        assert_eq!(entry.existing.as_ref().unwrap().id, "h-1");
        assert_eq!(entry.diff.fields.len(), 1);

        let failing = HostLookup(Arc::new(Host { known: Vec::new(), fail: true }));
        let err = Reconciler::new(&cadastro::Profile::generic()).plan(&imported, &failing).unwrap_err();
        let mapped = CadastroError::from(err);
        assert_eq!(mapped.kind(), "lookup_failed");
        assert!(mapped.to_string().contains("database down"), "{mapped}");
    }
}
