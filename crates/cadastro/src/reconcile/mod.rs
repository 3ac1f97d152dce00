//! Reconciling an import with an existing customer base (CONTRACT section 3): which imported
//! customers are created, updated (with a field-by-field diff) or unchanged. No I/O: the host
//! answers batched lookups through [`CustomerLookup`] and applies the [`ImportPlan`] itself (or
//! lets the embedded store `cadastro-store` do it).
//!
//! Matching, for each valid imported customer, in three passes over the file (so a stronger
//! identifier always claims a stored customer before a weaker one):
//! 1. by `external_id`;
//! 2. else by normalized `tax_id`, with a stored customer whose `external_id` does not
//!    contradict (absent on either side, or equal);
//! 3. else by folded name, with a stored customer whose `external_id` and `tax_id` do not
//!    contradict.
//!
//! Each stored customer is matched at most once; among several candidates the first unclaimed
//! one in the lookup's order wins. No match: create.
//!
//! Merging a match: a value the file leaves blank keeps the stored value; a value the file
//! brings is written according to the profile's [`WritePolicy`] for that field (overwrite by
//! default; `fill_if_empty` only when nothing is stored; `never` leaves the stored value alone
//! on updates, though a created customer gets every imported value). Contacts are matched by
//! `contact_email` within the customer the same way; stored contacts the file does not
//! mention are kept. A merge that changes nothing is `unchanged`, so importing the same file
//! twice gives an all-unchanged plan.
//!
//! ```
//! use cadastro::reconcile::{Action, Existing, MemoryBase, Reconciler};
//! use cadastro::{Customer, Field, Profile, Value};
//! let customer = |id: &str, email: &str| {
//!     let mut c = Customer::default();
//!     c.values.insert(Field::ExternalId, Value::Text(id.into()));
//!     c.values.insert(Field::Email, Value::Text(email.into()));
//!     c
//! };
//! let base = MemoryBase::new(vec![Existing { id: "7".into(), revision: 1, customer: customer("C-1", "old@x.com") }]);
//! let profile = Profile::generic();
//! let plan = Reconciler::new(&profile).plan(&[customer("C-1", "new@x.com"), customer("C-2", "b@x.com")], &base)?;
//! assert_eq!(plan.entries[0].action, Action::Update);
//! assert_eq!(plan.entries[0].diff.fields[0].old, Some(Value::Text("old@x.com".into())));
//! assert_eq!(plan.entries[1].action, Action::Create);
//! assert_eq!((plan.counts().created, plan.counts().updated), (1, 1));
//! # Ok::<(), cadastro::reconcile::LookupError>(())
//! ```

mod lookup;
mod plan;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use lookup::{BaseParents, CustomerLookup, Existing, LookupError, MemoryBase, identity_keys, matches_key};
pub use plan::{Action, ContactChange, Diff, ExistingRef, FieldChange, ImportPlan, MatchedBy, PlanEntry};

use crate::model::{Contact, Customer, CustomerKey, Field, Value, fold_name};
use crate::profile::{Profile, Target, WritePolicy};
use crate::report::Report;

/// How many keys one [`CustomerLookup::find`] call receives at most, by default.
pub const DEFAULT_BATCH: usize = 10_000;

/// Builds import plans against a base, with a profile's write policies.
#[derive(Debug, Clone)]
pub struct Reconciler<'p> {
    profile: &'p Profile,
    batch: usize,
}

impl<'p> Reconciler<'p> {
    /// A reconciler using the profile's write policies, asking the base for
    /// [`DEFAULT_BATCH`] keys at a time.
    pub fn new(profile: &'p Profile) -> Self {
        Reconciler { profile, batch: DEFAULT_BATCH }
    }

    /// Sets how many keys one lookup call receives at most (at least 1).
    pub fn batch_size(mut self, keys: usize) -> Self {
        self.batch = keys.max(1);
        self
    }

    /// Plans the import of `customers` (normally a report's valid customers) into `base`.
    ///
    /// # Errors
    /// The lookup's failure.
    pub fn plan(&self, customers: &[Customer], base: &dyn CustomerLookup) -> Result<ImportPlan, LookupError> {
        let stored = self.fetch(customers, base)?;
        let assigned = assign(customers, &stored);
        let entries = customers
            .iter()
            .zip(assigned)
            .map(|(customer, found)| match found.and_then(|(i, by)| stored.get(i).map(|e| (e, by))) {
                None => PlanEntry {
                    action: Action::Create,
                    key: customer.key(),
                    existing: None,
                    customer: customer.clone(),
                    diff: Diff::default(),
                },
                Some((existing, matched_by)) => {
                    let (merged, diff) = self.merge(&existing.customer, customer);
                    PlanEntry {
                        action: if diff.is_empty() { Action::Unchanged } else { Action::Update },
                        key: customer.key(),
                        existing: Some(ExistingRef {
                            id: existing.id.clone(),
                            revision: existing.revision,
                            matched_by,
                        }),
                        customer: merged,
                        diff,
                    }
                }
            })
            .collect();
        Ok(ImportPlan { entries })
    }

    /// Every stored customer that shares a key with an imported one, each once.
    fn fetch(&self, customers: &[Customer], base: &dyn CustomerLookup) -> Result<Vec<Existing>, LookupError> {
        let mut seen = HashSet::new();
        let keys: Vec<CustomerKey> =
            customers.iter().flat_map(identity_keys).filter(|k| seen.insert(k.clone())).collect();
        let mut ids = HashSet::new();
        let mut stored = Vec::new();
        for chunk in keys.chunks(self.batch) {
            for e in base.find(chunk)? {
                if ids.insert(e.id.clone()) {
                    stored.push(e);
                }
            }
        }
        Ok(stored)
    }

    fn policy(&self, target: &Target) -> WritePolicy {
        self.profile.policy(target)
    }

    /// The stored customer with the imported values written over it, and what changed.
    fn merge(&self, stored: &Customer, imported: &Customer) -> (Customer, Diff) {
        let mut merged = stored.clone();
        merged.rows.clone_from(&imported.rows);
        let mut diff = Diff::default();
        for (field, value) in &imported.values {
            let target = Target::Field(*field);
            if let Some(change) = write(&mut merged.values, *field, value, self.policy(&target), target) {
                diff.fields.push(change);
            }
        }
        for (name, value) in &imported.custom {
            let target = Target::Custom(name.clone());
            if let Some(change) = write(&mut merged.custom, name.clone(), value, self.policy(&target), target) {
                diff.fields.push(change);
            }
        }
        for contact in &mut merged.contacts {
            contact.row = 0;
        }
        for contact in &imported.contacts {
            let email = contact.text(Field::ContactEmail);
            let found = merged.contacts.iter_mut().find(|c| match email {
                Some(email) => c.text(Field::ContactEmail) == Some(email),
                None => c.values == contact.values,
            });
            match found {
                Some(existing) => {
                    existing.row = contact.row;
                    let mut changes = Vec::new();
                    for (field, value) in &contact.values {
                        let target = Target::Field(*field);
                        if let Some(c) = write(&mut existing.values, *field, value, self.policy(&target), target) {
                            changes.push(c);
                        }
                    }
                    if !changes.is_empty() {
                        diff.contacts.push(ContactChange {
                            action: Action::Update,
                            contact_email: email.map(str::to_owned),
                            changes,
                        });
                    }
                }
                None => {
                    diff.contacts.push(ContactChange {
                        action: Action::Create,
                        contact_email: email.map(str::to_owned),
                        changes: contact
                            .values
                            .iter()
                            .map(|(f, v)| FieldChange { field: Target::Field(*f), old: None, new: Some(v.clone()) })
                            .collect(),
                    });
                    merged.contacts.push(Contact { row: contact.row, values: contact.values.clone() });
                }
            }
        }
        (merged, diff)
    }
}

/// Writes one imported value over a stored map according to the policy; returns the change.
fn write<K: Ord>(
    map: &mut BTreeMap<K, Value>,
    key: K,
    value: &Value,
    policy: WritePolicy,
    target: Target,
) -> Option<FieldChange> {
    let old = map.get(&key);
    let apply = match policy {
        WritePolicy::Overwrite => true,
        WritePolicy::FillIfEmpty => old.is_none(),
        WritePolicy::Never => false,
    };
    if !apply || old == Some(value) {
        return None;
    }
    let old = map.insert(key, value.clone());
    Some(FieldChange { field: target, old, new: Some(value.clone()) })
}

/// Which stored customer (index into `stored`) each imported customer matches, and how.
fn assign(customers: &[Customer], stored: &[Existing]) -> Vec<Option<(usize, MatchedBy)>> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_tax: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in stored.iter().enumerate() {
        if let Some(id) = e.customer.text(Field::ExternalId) {
            by_id.entry(id).or_default().push(i);
        }
        if let Some(tax) = e.customer.text(Field::TaxId) {
            by_tax.entry(tax).or_default().push(i);
        }
        if let Some(name) = e.customer.text(Field::Name) {
            by_name.entry(fold_name(name)).or_default().push(i);
        }
    }
    let mut claimed: HashSet<usize> = HashSet::new();
    let mut out: Vec<Option<(usize, MatchedBy)>> = vec![None; customers.len()];
    let differs = |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(a), Some(b)) if a != b);
    let compatible = |c: &Customer, e: &Existing| {
        !differs(c.text(Field::ExternalId), e.customer.text(Field::ExternalId))
            && !differs(c.text(Field::TaxId), e.customer.text(Field::TaxId))
    };
    for by in [MatchedBy::ExternalId, MatchedBy::TaxId, MatchedBy::Name] {
        for (slot, customer) in out.iter_mut().zip(customers) {
            if slot.is_some() {
                continue;
            }
            let cands = match by {
                MatchedBy::ExternalId => customer.text(Field::ExternalId).and_then(|id| by_id.get(id)),
                MatchedBy::TaxId => customer.text(Field::TaxId).and_then(|t| by_tax.get(t)),
                MatchedBy::Name => customer.text(Field::Name).and_then(|n| by_name.get(&fold_name(n))),
            };
            let Some(cands) = cands else { continue };
            let pick = cands
                .iter()
                .copied()
                .find(|&i| !claimed.contains(&i) && stored.get(i).is_some_and(|e| compatible(customer, e)));
            if let Some(i) = pick {
                claimed.insert(i);
                *slot = Some((i, by));
            }
        }
    }
    out
}

/// Plans the import of a report's valid customers into `base` with the profile's write
/// policies, and records the counts in `report.plan` (the `"plan"` of `cadastro import`).
///
/// # Errors
/// The lookup's failure.
pub fn reconcile(report: &mut Report, profile: &Profile, base: &dyn CustomerLookup) -> Result<ImportPlan, LookupError> {
    let plan = Reconciler::new(profile).plan(&report.customers, base)?;
    report.plan = Some(plan.counts());
    Ok(plan)
}
