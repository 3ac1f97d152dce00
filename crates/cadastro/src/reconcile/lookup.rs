//! What the host provides: a batched lookup of its existing customers, and the adapter that
//! lets the validation engine resolve parents in that base.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::model::Table;
use crate::model::{Customer, CustomerKey, Field, Value, fold_name, nfc_key};
use crate::profile::ColumnMapping;
use crate::profile::Target;
use crate::validate::check_value;
use crate::validate::engine::{ParentLookup, ParentRef};

/// A customer already in the host's base, as the lookup returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Existing {
    /// The host's id of the customer (a row id, a UUID...), handed back when the plan is applied.
    pub id: String,
    /// The host's revision of the stored customer (0 when the host keeps none). A host that keeps
    /// one can refuse to apply a plan made against an older revision.
    #[serde(default)]
    pub revision: u64,
    /// The stored customer with its contacts (`rows` empty, contact `row` 0).
    pub customer: Customer,
}

/// A failure of the host's lookup (a database down, a query refused).
#[derive(Debug, thiserror::Error)]
#[error("customer lookup failed: {message}")]
pub struct LookupError {
    /// What failed, without customer data.
    pub message: String,
    /// The underlying error.
    #[source]
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl LookupError {
    /// A lookup error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        LookupError { message: message.into(), source: None }
    }

    /// A lookup error wrapping its cause.
    pub fn with_source(message: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        LookupError { message: message.into(), source: Some(Box::new(source)) }
    }

    /// The stable code of lookup failures.
    pub fn code(&self) -> &'static str {
        "lookup_failed"
    }
}

/// The host's existing customer base, queried in batches.
///
/// [`find`](CustomerLookup::find) receives a batch of keys (up to the reconciler's batch size,
/// 10,000 by default) and returns **every** stored customer whose `external_id`, normalized
/// `tax_id` or folded name ([`fold_name`]) equals one of the keys, in a stable order (e.g. by
/// id), each customer once. A SQL host answers one batch with one query, e.g.
/// `WHERE external_id = ANY($1) OR tax_id = ANY($2) OR name_folded = ANY($3)`; the reconciler
/// decides which stored customer each imported one matches (CONTRACT section 3).
///
/// ```
/// use cadastro::{CustomerLookup, Existing, MemoryBase};
/// use cadastro::{Customer, CustomerKey, Field, Value};
/// let mut ana = Customer::default();
/// ana.set(Field::Name, Value::Text("Ana  Lima".into()));
/// let base = MemoryBase::new(vec![Existing { id: "1".into(), revision: 0, customer: ana }]);
/// let found = base.find(&[CustomerKey::Name("ana lima".into())])?;
/// assert_eq!(found[0].id, "1");
/// # Ok::<(), cadastro::LookupError>(())
/// ```
pub trait CustomerLookup {
    /// Every stored customer matching one of `keys` (see the trait docs).
    ///
    /// # Errors
    /// The host's failure, as a [`LookupError`].
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError>;
}

impl<T: CustomerLookup + ?Sized> CustomerLookup for &T {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        (**self).find(keys)
    }
}

/// A boxed lookup (what a store behind a trait object hands out) is a lookup.
impl<T: CustomerLookup + ?Sized> CustomerLookup for Box<T> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        (**self).find(keys)
    }
}

/// Whether a stored customer answers a key.
pub fn matches_key(customer: &Customer, key: &CustomerKey) -> bool {
    match key {
        CustomerKey::ExternalId(id) => customer.text(Field::ExternalId).map(nfc_key).as_deref() == Some(id.as_str()),
        CustomerKey::TaxId(tax) => customer.text(Field::TaxId).map(nfc_key).as_deref() == Some(tax.as_str()),
        CustomerKey::Name(name) => customer.text(Field::Name).is_some_and(|n| fold_name(n) == *name),
    }
}

/// A base held in memory: an empty base for a first import, tests, or small hosts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryBase {
    /// The stored customers, in id order.
    pub customers: Vec<Existing>,
}

impl MemoryBase {
    /// A base holding these customers.
    pub fn new(customers: Vec<Existing>) -> Self {
        MemoryBase { customers }
    }

    /// Applies a plan: creates get the next numeric id, updates replace the stored customer
    /// and bump its revision. Stored customers carry no file rows.
    pub fn apply(&mut self, plan: &super::ImportPlan) {
        let mut next = self.customers.iter().filter_map(|e| e.id.parse::<u64>().ok()).max().unwrap_or(0);
        for entry in plan.changes() {
            let mut customer = entry.customer.clone();
            customer.rows.clear();
            for contact in &mut customer.contacts {
                contact.row = 0;
            }
            match &entry.existing {
                None => {
                    next = next.saturating_add(1);
                    self.customers.push(Existing { id: next.to_string(), revision: 1, customer });
                }
                Some(r) => {
                    if let Some(e) = self.customers.iter_mut().find(|e| e.id == r.id) {
                        e.customer = customer;
                        e.revision = e.revision.saturating_add(1);
                    }
                }
            }
        }
    }
}

impl CustomerLookup for MemoryBase {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        let wanted: HashSet<&CustomerKey> = keys.iter().collect();
        Ok(self
            .customers
            .iter()
            .filter(|e| identity_keys(&e.customer).iter().any(|k| wanted.contains(k)))
            .cloned()
            .collect())
    }
}

/// Every key a customer can be found by: its external_id, tax_id and folded name, when present.
pub fn identity_keys(customer: &Customer) -> Vec<CustomerKey> {
    let mut keys = Vec::with_capacity(3);
    if let Some(id) = customer.text(Field::ExternalId) {
        keys.push(CustomerKey::ExternalId(nfc_key(id).into_owned()));
    }
    if let Some(tax) = customer.text(Field::TaxId) {
        keys.push(CustomerKey::TaxId(nfc_key(tax).into_owned()));
    }
    if let Some(name) = customer.text(Field::Name) {
        keys.push(CustomerKey::Name(fold_name(name)));
    }
    keys
}

/// The parents a file refers to that exist in the host's base, fetched in one batch before
/// validation, so the engine's [`ParentLookup`] never queries the base row by row.
///
/// ```
/// use cadastro::{BaseParents, Existing, MemoryBase};
/// use cadastro::{ParentLookup, ParentRef};
/// use cadastro::{Customer, Field, Value};
/// let mut holding = Customer::default();
/// holding.set(Field::ExternalId, Value::Text("H-1".into()));
/// holding.set(Field::Name, Value::Text("Holding SA".into()));
/// let base = MemoryBase::new(vec![Existing { id: "9".into(), revision: 0, customer: holding }]);
/// let parents = BaseParents::fetch(["H-1".to_owned()], ["holding sa".to_owned()], &base)?;
/// assert!(parents.parent_exists(ParentRef::ExternalId("H-1")));
/// assert!(parents.parent_exists(ParentRef::Name("holding sa")));
/// assert!(!parents.parent_exists(ParentRef::ExternalId("H-2")));
/// # Ok::<(), cadastro::LookupError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaseParents {
    ids: HashSet<String>,
    names: HashSet<String>,
}

impl BaseParents {
    /// Looks up, in batches, which of these parent external ids and folded parent names the
    /// base holds.
    ///
    /// # Errors
    /// The lookup's failure.
    pub fn fetch(
        ids: impl IntoIterator<Item = String>,
        names: impl IntoIterator<Item = String>,
        base: &dyn CustomerLookup,
    ) -> Result<BaseParents, LookupError> {
        let mut keys: Vec<CustomerKey> = ids.into_iter().map(CustomerKey::ExternalId).collect();
        keys.extend(names.into_iter().map(CustomerKey::Name));
        keys.sort();
        keys.dedup();
        let mut out = BaseParents::default();
        for chunk in keys.chunks(super::DEFAULT_BATCH) {
            let found = base.find(chunk)?;
            for key in chunk {
                if !found.iter().any(|e| matches_key(&e.customer, key)) {
                    continue;
                }
                match key {
                    CustomerKey::ExternalId(id) => out.ids.insert(id.clone()),
                    CustomerKey::Name(name) => out.names.insert(name.clone()),
                    CustomerKey::TaxId(_) => false,
                };
            }
        }
        Ok(out)
    }

    /// Collects the parent references of a table (the cells of its `parent_id` and
    /// `parent_name` columns, normalized as the engine does) and looks them up in one batch.
    /// Pass the columns of [`Importer::columns`](crate::Importer::columns).
    ///
    /// # Errors
    /// The lookup's failure.
    pub fn for_table(
        table: &Table,
        columns: &[ColumnMapping],
        base: &dyn CustomerLookup,
    ) -> Result<BaseParents, LookupError> {
        let column = |f: Field| columns.iter().find(|c| c.field == Some(Target::Field(f))).map(|c| c.index);
        let values = |f: Field| -> Vec<String> {
            let Some(index) = column(f) else { return Vec::new() };
            table
                .rows
                .iter()
                .filter_map(|r| match check_value(f, r.cell(index), None).value {
                    Some(Value::Text(s)) => Some(s),
                    _ => None,
                })
                .collect()
        };
        let ids = values(Field::ParentId);
        let names: Vec<String> = values(Field::ParentName).iter().map(|n| fold_name(n)).collect();
        if ids.is_empty() && names.is_empty() {
            return Ok(BaseParents::default());
        }
        BaseParents::fetch(ids, names, base)
    }
}

impl ParentLookup for BaseParents {
    fn parent_exists(&self, parent: ParentRef<'_>) -> bool {
        match parent {
            ParentRef::ExternalId(id) => self.ids.contains(id),
            ParentRef::Name(name) => self.names.contains(name),
        }
    }
}

/// Parents looked up one reference at a time in a [`CustomerLookup`], for a run whose rows are
/// not held for one batch (a streamed import: the driver asks as it assembles). A lookup that
/// fails answers "not found" and is kept: the host reports it after the run
/// ([`LookupParents::into_failure`]) instead of trusting the result.
pub struct LookupParents<'a> {
    base: &'a dyn CustomerLookup,
    failed: std::cell::RefCell<Option<LookupError>>,
}

impl<'a> LookupParents<'a> {
    /// Parents in `base`.
    pub fn new(base: &'a dyn CustomerLookup) -> Self {
        LookupParents { base, failed: std::cell::RefCell::new(None) }
    }

    /// The first lookup failure, if any.
    pub fn into_failure(self) -> Option<LookupError> {
        self.failed.into_inner()
    }
}

impl ParentLookup for LookupParents<'_> {
    fn parent_exists(&self, parent: ParentRef<'_>) -> bool {
        let key = match parent {
            ParentRef::ExternalId(id) => CustomerKey::ExternalId(id.to_owned()),
            ParentRef::Name(name) => CustomerKey::Name(name.to_owned()),
        };
        match self.base.find(std::slice::from_ref(&key)) {
            Ok(found) => found.iter().any(|e| matches_key(&e.customer, &key)),
            Err(e) => {
                self.failed.borrow_mut().get_or_insert(e);
                false
            }
        }
    }
}
