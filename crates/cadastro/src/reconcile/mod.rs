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
//! one in the lookup's order wins. No match: create, unless the customer's unique key (its
//! external id, tax id, or the name of a customer with neither) belongs to a stored customer
//! another row already matched: that row is a `key_conflict` (the file names one stored
//! customer twice, by different keys; creating it would duplicate the stored one's key).
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
//! use cadastro::{Action, Existing, MemoryBase, Reconciler};
//! use cadastro::{Customer, Field, Profile, Value};
//! let customer = |id: &str, email: &str| {
//!     let mut c = Customer::default();
//!     c.set(Field::ExternalId, Value::Text(id.into()));
//!     c.set(Field::Email, Value::Text(email.into()));
//!     c
//! };
//! let base = MemoryBase::new(vec![Existing { id: "7".into(), revision: 1, customer: customer("C-1", "old@x.com") }]);
//! let profile = Profile::generic();
//! let plan = Reconciler::new(&profile).plan(&[customer("C-1", "new@x.com"), customer("C-2", "b@x.com")], &base)?;
//! assert_eq!(plan.entries[0].action, Action::Update);
//! assert_eq!(plan.entries[0].diff.fields[0].old, Some(Value::Text("old@x.com".into())));
//! assert_eq!(plan.entries[1].action, Action::Create);
//! assert_eq!((plan.counts().created, plan.counts().updated), (1, 1));
//! # Ok::<(), cadastro::LookupError>(())
//! ```

mod lookup;
mod plan;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

pub use lookup::{
    BaseParents, CustomerLookup, Existing, LookupError, LookupParents, MemoryBase, identity_keys, matches_key,
};
pub use plan::{Action, ContactChange, Diff, ExistingRef, FieldChange, ImportPlan, MatchedBy, PlanEntry};

use crate::model::{Customer, CustomerKey, Field, FieldValues, Value, fold_name, nfc_key};
use crate::profile::{Profile, Target, WritePolicy};
use crate::report::{ConflictSide, Issue, IssueCode, Locale, Report, key_conflict_message};

/// How many keys one [`CustomerLookup::find`] call receives at most, by default.
pub const DEFAULT_BATCH: usize = 10_000;

/// Builds import plans against a base, with a profile's write policies.
#[derive(Debug, Clone)]
pub struct Reconciler<'p> {
    profile: &'p Profile,
    batch: usize,
    locale: Locale,
}

impl<'p> Reconciler<'p> {
    /// A reconciler using the profile's write policies, asking the base for
    /// [`DEFAULT_BATCH`] keys at a time, with `key_conflict` messages in English.
    pub fn new(profile: &'p Profile) -> Self {
        Reconciler { profile, batch: DEFAULT_BATCH, locale: Locale::default() }
    }

    /// Sets how many keys one lookup call receives at most (at least 1).
    pub fn batch_size(mut self, keys: usize) -> Self {
        self.batch = keys.max(1);
        self
    }

    /// Sets the language of the `key_conflict` messages.
    pub fn locale(mut self, locale: Locale) -> Self {
        self.locale = locale;
        self
    }

    /// Plans the import of `customers` (normally a report's valid customers) into `base`.
    /// A customer whose keys point to two different stored customers gets no entry: it is in
    /// [`ImportPlan::rejected`] with a `key_conflict` issue naming both.
    ///
    /// # Errors
    /// The lookup's failure.
    pub fn plan(&self, customers: &[Customer], base: &dyn CustomerLookup) -> Result<ImportPlan, LookupError> {
        let stored = self.fetch(customers, base)?;
        let assigned = assign(customers, &stored);
        let mut plan = ImportPlan::default();
        for (customer, found) in customers.iter().zip(assigned) {
            match found {
                Assigned::Create => plan.entries.push(PlanEntry {
                    action: Action::Create,
                    key: customer.key(),
                    existing: None,
                    customer: customer.clone(),
                    diff: Diff::default(),
                }),
                Assigned::Match(i, matched_by) => {
                    let Some(existing) = stored.get(i) else { continue };
                    let (merged, diff) = self.merge(&existing.customer, customer);
                    plan.entries.push(PlanEntry {
                        action: if diff.is_empty() { Action::Unchanged } else { Action::Update },
                        key: customer.key(),
                        existing: Some(ExistingRef {
                            id: existing.id.clone(),
                            revision: existing.revision,
                            matched_by,
                        }),
                        customer: merged,
                        diff,
                    });
                }
                Assigned::Conflict(conflict) => plan.rejected.push(self.conflict_issue(customer, &conflict, &stored)),
            }
        }
        Ok(plan)
    }

    /// The `key_conflict` issue of a customer, on its first row.
    fn conflict_issue(&self, customer: &Customer, conflict: &Conflict, stored: &[Existing]) -> Issue {
        let side = |i: usize| {
            stored.get(i).map_or(ConflictSide::NewExternalId("?"), |e| {
                let (field, value) = match (e.customer.text(Field::ExternalId), e.customer.text(Field::TaxId)) {
                    (Some(id), _) => ("external_id", id),
                    (None, Some(tax)) => ("tax_id", tax),
                    (None, None) => ("name", e.customer.text(Field::Name).unwrap_or("")),
                };
                ConflictSide::Stored { id: e.id.as_str(), field, value }
            })
        };
        let (a, b) = match *conflict {
            Conflict::Claimed { stored: i, by_row } => {
                let mut issue = Issue::new(IssueCode::KeyConflict, customer.rows.first().copied().unwrap_or(0));
                let (field, value) = match (customer.text(Field::ExternalId), customer.text(Field::TaxId)) {
                    (Some(v), _) => (Field::ExternalId, v),
                    (None, Some(v)) => (Field::TaxId, v),
                    (None, None) => (Field::Name, customer.text(Field::Name).unwrap_or("")),
                };
                let target = Target::Field(field);
                issue.header = self.profile.header_for(&target).map(str::to_owned);
                issue.field = Some(field.as_str().to_owned());
                issue.value = Some(value.to_owned());
                let what = self.profile.header_for(&target).unwrap_or(field.as_str());
                let id = stored.get(i).map_or("?", |e| e.id.as_str());
                issue.message = claimed_key_message(self.locale, what, id, Some(by_row));
                return issue;
            }
            Conflict::TaxIdTaken { by_id, by_tax } => (side(by_id), side(by_tax)),
            Conflict::NewIdForTaxId { by_tax } => {
                (ConflictSide::NewExternalId(customer.text(Field::ExternalId).unwrap_or("")), side(by_tax))
            }
        };
        let target = Target::Field(Field::TaxId);
        let what = self.profile.header_for(&target).unwrap_or(Field::TaxId.as_str());
        let mut issue = Issue::new(IssueCode::KeyConflict, customer.rows.first().copied().unwrap_or(0));
        issue.header = self.profile.header_for(&target).map(str::to_owned);
        issue.field = Some(Field::TaxId.as_str().to_owned());
        issue.value = customer.text(Field::TaxId).map(str::to_owned);
        issue.message = key_conflict_message(self.locale, what, a, b);
        issue
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
        for (field, value) in imported.fields() {
            let target = Target::Field(field);
            if let Some(change) = write(&mut merged.values, field, value, self.policy(&target), target) {
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
                    for (field, value) in contact.fields() {
                        let target = Target::Field(field);
                        if let Some(c) = write(&mut existing.values, field, value, self.policy(&target), target) {
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
                            .fields()
                            .map(|(f, v)| FieldChange { field: Target::Field(f), old: None, new: Some(v.clone()) })
                            .collect(),
                    });
                    merged.contacts.push(contact.clone());
                }
            }
        }
        (merged, diff)
    }
}

/// Values stored by key: a customer's custom map or its canonical field values.
trait Slots<K> {
    fn value(&self, key: &K) -> Option<&Value>;
    fn put(&mut self, key: K, value: Value) -> Option<Value>;
}

impl Slots<String> for BTreeMap<String, Value> {
    fn value(&self, key: &String) -> Option<&Value> {
        self.get(key)
    }
    fn put(&mut self, key: String, value: Value) -> Option<Value> {
        self.insert(key, value)
    }
}

impl Slots<Field> for FieldValues {
    fn value(&self, key: &Field) -> Option<&Value> {
        self.get(*key)
    }
    fn put(&mut self, key: Field, value: Value) -> Option<Value> {
        self.insert(key, value)
    }
}

/// Writes one imported value over a stored map according to the policy; returns the change.
fn write<K>(
    map: &mut impl Slots<K>,
    key: K,
    value: &Value,
    policy: WritePolicy,
    target: Target,
) -> Option<FieldChange> {
    let old = map.value(&key);
    let apply = match policy {
        WritePolicy::Overwrite => true,
        WritePolicy::FillIfEmpty => old.is_none(),
        WritePolicy::Never => false,
    };
    if !apply || old == Some(value) {
        return None;
    }
    let old = map.put(key, value.clone());
    Some(FieldChange { field: target, old, new: Some(value.clone()) })
}

/// A key field of a customer in NFC.
fn key(c: &Customer, f: Field) -> Option<Cow<'_, str>> {
    c.text(f).map(nfc_key)
}

/// The message of a `key_conflict` whose row names (by its key) a stored customer that another
/// row of the same import (row `by_row` when known) already matched by another key: the file
/// names one stored customer twice.
///
/// ```
/// use cadastro::{Locale, claimed_key_message};
/// let m = claimed_key_message(Locale::En, "Tax ID", "7", Some(2));
/// assert!(m.contains("stored customer 7") && m.contains("row 2"), "{m}");
/// let m = claimed_key_message(Locale::PtBr, "CPF", "7", None);
/// assert!(m.contains("cliente 7") && m.contains("outra linha"), "{m}");
/// ```
pub fn claimed_key_message(locale: Locale, what: &str, id: &str, by_row: Option<u32>) -> String {
    let by_row = |one: &str, other: &str| by_row.map_or_else(|| other.to_owned(), |r| format!("{one} {r}"));
    match locale {
        Locale::PtBr => format!(
            "{what}: as chaves da linha apontam para o cliente {id} da base, que {} já grava; nada foi \
             gravado para esta linha",
            by_row("a linha", "outra linha deste arquivo")
        ),
        Locale::Fr => format!(
            "{what} : les clés de la ligne désignent le client {id} de la base, que {} écrit déjà ; rien \
             n'a été écrit pour cette ligne",
            by_row("la ligne", "une autre ligne de ce fichier")
        ),
        Locale::Pl => format!(
            "{what}: klucze wiersza wskazują na zapisanego klienta {id}, którego już zapisuje {}; dla tego \
             wiersza nic nie zapisano",
            by_row("wiersz", "inny wiersz tego pliku")
        ),
        Locale::Es => format!(
            "{what}: las claves de la fila apuntan al cliente {id} de la base, que {} ya escribe; no se \
             escribió nada para esta fila",
            by_row("la fila", "otra fila de este archivo")
        ),
        _ => format!(
            "{what}: the row's keys point to stored customer {id}, which {} already writes; nothing was \
             written for this row",
            by_row("row", "another row of this file")
        ),
    }
}

/// Why a customer cannot be planned: its keys point to two stored customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conflict {
    /// The row's unique key belongs to stored customer `stored`, which the row `by_row`
    /// already matched by another key.
    Claimed { stored: usize, by_row: u32 },
    /// The external id names `by_id`; the row's tax id belongs to `by_tax`, another customer.
    TaxIdTaken { by_id: usize, by_tax: usize },
    /// The row's external id is new; its tax id belongs to `by_tax`, which has another one.
    NewIdForTaxId { by_tax: usize },
}

/// What the plan does with one imported customer (indexes into `stored`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assigned {
    Create,
    Match(usize, MatchedBy),
    Conflict(Conflict),
}

/// Which stored customer (index into `stored`) each imported customer matches, and how, or
/// why it conflicts. Keys compare in Unicode NFC ([`nfc_key`]; names through [`fold_name`]).
fn assign(customers: &[Customer], stored: &[Existing]) -> Vec<Assigned> {
    let mut by_id: HashMap<Cow<'_, str>, Vec<usize>> = HashMap::new();
    let mut by_tax: HashMap<Cow<'_, str>, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in stored.iter().enumerate() {
        if let Some(id) = e.customer.text(Field::ExternalId) {
            by_id.entry(nfc_key(id)).or_default().push(i);
        }
        if let Some(tax) = e.customer.text(Field::TaxId) {
            by_tax.entry(nfc_key(tax)).or_default().push(i);
        }
        if let Some(name) = e.customer.text(Field::Name) {
            by_name.entry(fold_name(name)).or_default().push(i);
        }
    }
    let mut claimed: HashSet<usize> = HashSet::new();
    let mut out: Vec<Option<Assigned>> = vec![None; customers.len()];
    let differs = |a: Option<Cow<'_, str>>, b: Option<Cow<'_, str>>| matches!((a, b), (Some(a), Some(b)) if a != b);
    let compatible = |c: &Customer, e: &Existing| {
        !differs(key(c, Field::ExternalId), key(&e.customer, Field::ExternalId))
            && !differs(key(c, Field::TaxId), key(&e.customer, Field::TaxId))
    };
    // The stored customer (other than `not`) holding this tax id, if any.
    let tax_owner = |tax: &str, not: usize| by_tax.get(tax).and_then(|c| c.iter().copied().find(|&j| j != not));
    for by in [MatchedBy::ExternalId, MatchedBy::TaxId, MatchedBy::Name] {
        for (slot, customer) in out.iter_mut().zip(customers) {
            if slot.is_some() {
                continue;
            }
            let tax = key(customer, Field::TaxId);
            match by {
                // The external id names the customer: a different tax id is an update of it,
                // unless that tax id belongs to another stored customer.
                MatchedBy::ExternalId => {
                    let Some(cands) = key(customer, Field::ExternalId).and_then(|id| by_id.get(&id)) else { continue };
                    let Some(i) = cands.iter().copied().find(|i| !claimed.contains(i)) else { continue };
                    let stored_tax = stored.get(i).and_then(|e| key(&e.customer, Field::TaxId));
                    if let Some(tax) = tax.as_deref()
                        && stored_tax.as_deref() != Some(tax)
                        && let Some(j) = tax_owner(tax, i)
                    {
                        *slot = Some(Assigned::Conflict(Conflict::TaxIdTaken { by_id: i, by_tax: j }));
                        continue;
                    }
                    claimed.insert(i);
                    *slot = Some(Assigned::Match(i, by));
                }
                // The tax id names a stored customer: a match when the external ids agree (or
                // one side has none); a new external id for it is a conflict.
                MatchedBy::TaxId => {
                    let Some(cands) = tax.as_deref().and_then(|t| by_tax.get(t)) else { continue };
                    let free = cands.iter().copied().filter(|i| !claimed.contains(i));
                    let mut first = None;
                    for i in free {
                        if stored.get(i).is_some_and(|e| compatible(customer, e)) {
                            claimed.insert(i);
                            *slot = Some(Assigned::Match(i, by));
                            break;
                        }
                        first.get_or_insert(i);
                    }
                    if slot.is_none()
                        && let Some(j) = first
                    {
                        *slot = Some(Assigned::Conflict(Conflict::NewIdForTaxId { by_tax: j }));
                    }
                }
                MatchedBy::Name => {
                    let Some(cands) = customer.text(Field::Name).and_then(|n| by_name.get(&fold_name(n))) else {
                        continue;
                    };
                    let pick = cands
                        .iter()
                        .copied()
                        .find(|&i| !claimed.contains(&i) && stored.get(i).is_some_and(|e| compatible(customer, e)));
                    // A name match must not give the customer a tax id another one holds.
                    let taken = |i: usize| {
                        tax.as_deref().is_some_and(|t| {
                            stored.get(i).and_then(|e| key(&e.customer, Field::TaxId)).as_deref() != Some(t)
                                && tax_owner(t, i).is_some()
                        })
                    };
                    if let Some(i) = pick.filter(|&i| !taken(i)) {
                        claimed.insert(i);
                        *slot = Some(Assigned::Match(i, by));
                    }
                }
            }
        }
    }
    // A would-be create whose unique key a claimed stored customer holds: the file names that
    // customer twice (by different keys). The row that claimed it is the first matched one.
    let claimed_by = |i: usize| -> Option<u32> {
        customers.iter().zip(&out).find_map(|(c, a)| match a {
            Some(Assigned::Match(j, _)) if *j == i => Some(c.rows.first().copied().unwrap_or(0)),
            _ => None,
        })
    };
    let mut creates_taken = Vec::new();
    for (n, (slot, customer)) in out.iter().zip(customers).enumerate() {
        if slot.is_some() {
            continue;
        }
        let ext = key(customer, Field::ExternalId);
        let tax = key(customer, Field::TaxId);
        let mut holder =
            ext.as_deref().and_then(|id| by_id.get(id)).and_then(|c| c.iter().copied().find(|i| claimed.contains(i)));
        if holder.is_none() {
            holder = tax
                .as_deref()
                .and_then(|t| by_tax.get(t))
                .and_then(|c| c.iter().copied().find(|i| claimed.contains(i)));
        }
        if holder.is_none() && ext.is_none() && tax.is_none() {
            let keyless = |i: &usize| {
                stored.get(*i).is_some_and(|e| {
                    e.customer.text(Field::ExternalId).is_none() && e.customer.text(Field::TaxId).is_none()
                })
            };
            holder = customer
                .text(Field::Name)
                .and_then(|name| by_name.get(&fold_name(name)))
                .and_then(|c| c.iter().copied().find(|i| claimed.contains(i) && keyless(i)));
        }
        if let Some(i) = holder {
            creates_taken.push((n, i, claimed_by(i).unwrap_or(0)));
        }
    }
    for (n, i, by_row) in creates_taken {
        if let Some(slot) = out.get_mut(n) {
            *slot = Some(Assigned::Conflict(Conflict::Claimed { stored: i, by_row }));
        }
    }
    out.into_iter().map(|a| a.unwrap_or(Assigned::Create)).collect()
}

/// Plans the import of a report's valid customers into `base` with the profile's write
/// policies, and records the counts in `report.plan` (the `"plan"` of `cadastro import`).
/// Customers with a `key_conflict` leave the report's valid customers: their issue joins the
/// report's issues and the stats count them as rejected (see [`reject_conflicts`]).
///
/// # Errors
/// The lookup's failure.
pub fn reconcile(report: &mut Report, profile: &Profile, base: &dyn CustomerLookup) -> Result<ImportPlan, LookupError> {
    reconcile_in(report, profile, base, Locale::default())
}

/// [`reconcile`] with the `key_conflict` messages in `locale` (the importer's).
///
/// # Errors
/// The lookup's failure.
pub fn reconcile_in(
    report: &mut Report,
    profile: &Profile,
    base: &dyn CustomerLookup,
    locale: Locale,
) -> Result<ImportPlan, LookupError> {
    let plan = Reconciler::new(profile).locale(locale).plan(&report.customers, base)?;
    reject_conflicts(report, &plan.rejected);
    report.plan = Some(plan.counts());
    Ok(plan)
}

/// Moves the customers a plan rejected (its [`ImportPlan::rejected`] issues, one per customer
/// on its first row) out of the report's valid customers: the issues join the report's (sorted
/// by row), and the stats count the customers, their rows and contacts as rejected.
pub fn reject_conflicts(report: &mut Report, rejected: &[Issue]) {
    if rejected.is_empty() {
        return;
    }
    let rows: HashSet<u32> = rejected.iter().map(|i| i.row).collect();
    let stats = &mut report.stats;
    report.customers.retain(|c| {
        let keep = !c.rows.first().is_some_and(|r| rows.contains(r));
        if !keep {
            let n = c.contacts.len() as u64;
            stats.customers_valid = stats.customers_valid.saturating_sub(1);
            stats.customers_rejected = stats.customers_rejected.saturating_add(1);
            stats.rows_rejected = stats.rows_rejected.saturating_add(c.rows.len().max(1) as u64);
            stats.contacts_valid = stats.contacts_valid.saturating_sub(n);
            stats.contacts_rejected = stats.contacts_rejected.saturating_add(n);
        }
        keep
    });
    report.issues.extend(rejected.iter().cloned());
    report.issues.sort_by_key(|i| i.row);
}
