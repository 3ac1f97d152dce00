//! Writing plan entries into PostgreSQL inside the caller's transaction: creates as one
//! multi-row insert (`unnest`) per call, updates as one statement checking every revision,
//! contacts replaced in two statements.

use std::collections::HashMap;

use cadastro::{Action, ImportPlan, PlanCounts, PlanEntry};
use cadastro::{Field, fold_name, nfc_key};
use postgres::Transaction;
use postgres::error::SqlState;

use crate::{StaleEntry, StaleReason, StoreError};

/// Writes plan entries of one account; caches the account's group ids.
pub(crate) struct Writer {
    account: i64,
    groups: HashMap<String, i64>,
}

/// The columns of one customer as stored.
struct Row<'e> {
    entry: &'e PlanEntry,
    external_id: Option<String>,
    tax_id: Option<String>,
    name: Option<&'e str>,
    name_folded: Option<String>,
    email: Option<&'e str>,
    group: Option<i64>,
    parent_id: Option<String>,
    parent_name: Option<String>,
    fields: String,
    custom: String,
}

const INSERT_CUSTOMERS: &str = "INSERT INTO cadastro.customers (id, account_id, external_id, tax_id, name,
    name_folded, email, group_id, parent_external_id, parent_name_folded, fields, custom)
    SELECT u.id, $1, u.ext, u.tax, u.name, u.nf, u.email, u.grp, u.pext, u.pname, u.fields::json, u.custom::json
    FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                $9::text[], $10::text[], $11::text[], $12::text[])
         AS u(id, ext, tax, name, nf, email, grp, pext, pname, fields, custom)";

const UPDATE_CUSTOMERS: &str = "UPDATE cadastro.customers AS c SET external_id = u.ext, tax_id = u.tax,
    name = u.name, name_folded = u.nf, email = u.email, group_id = u.grp, parent_external_id = u.pext,
    parent_name_folded = u.pname, fields = u.fields::json, custom = u.custom::json,
    revision = c.revision + 1, updated_at = now()
    FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[])
         AS u(id, rev, ext, tax, name, nf, email, grp, pext, pname, fields, custom)
    WHERE c.id = u.id AND c.account_id = $1 AND c.revision = u.rev
    RETURNING c.id";

const INSERT_CONTACTS: &str = "INSERT INTO cadastro.contacts (customer_id, position, email, fields)
    SELECT u.c, u.p, u.e, u.f::json FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS u(c, p, e, f)";

impl Writer {
    pub(crate) fn new(tx: &mut Transaction<'_>, account: i64) -> Result<Writer, StoreError> {
        let rows = tx.query("SELECT name, id FROM cadastro.groups WHERE account_id = $1", &[&account])?;
        let groups = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
        Ok(Writer { account, groups })
    }

    fn group_id(&mut self, tx: &mut Transaction<'_>, name: Option<&str>) -> Result<Option<i64>, StoreError> {
        let Some(name) = name else { return Ok(None) };
        if let Some(id) = self.groups.get(name) {
            return Ok(Some(*id));
        }
        let row = tx.query_one(
            "INSERT INTO cadastro.groups (account_id, name) VALUES ($1, $2)
             ON CONFLICT (account_id, name) DO UPDATE SET name = excluded.name RETURNING id",
            &[&self.account, &name],
        )?;
        let id: i64 = row.get(0);
        self.groups.insert(name.to_owned(), id);
        Ok(Some(id))
    }

    fn row<'e>(&mut self, tx: &mut Transaction<'_>, entry: &'e PlanEntry) -> Result<Row<'e>, StoreError> {
        let c = &entry.customer;
        Ok(Row {
            entry,
            external_id: c.text(Field::ExternalId).map(|v| nfc_key(v).into_owned()),
            tax_id: c.text(Field::TaxId).map(|v| nfc_key(v).into_owned()),
            name: c.text(Field::Name),
            name_folded: c.text(Field::Name).map(fold_name),
            email: c.text(Field::Email),
            group: self.group_id(tx, c.text(Field::Group))?,
            parent_id: c.text(Field::ParentId).map(|v| nfc_key(v).into_owned()),
            parent_name: c.text(Field::ParentName).map(fold_name),
            fields: crate::encode_values(c.fields()),
            custom: serde_json::to_string(&c.custom).unwrap_or_else(|_| "{}".to_owned()),
        })
    }

    /// Writes the create and update entries: creates in one multi-row insert, updates in one
    /// statement that checks each stored revision, then their contacts.
    ///
    /// # Errors
    /// [`StoreError::StalePlan`] when a stored revision moved or a key is taken (the caller's
    /// transaction, or savepoint, must then be rolled back); [`StoreError::InvalidPlan`].
    pub(crate) fn write_all<'e>(
        &mut self,
        tx: &mut Transaction<'_>,
        entries: impl Iterator<Item = &'e PlanEntry>,
    ) -> Result<(), StoreError> {
        let mut creates = Vec::new();
        let mut updates = Vec::new();
        for entry in entries {
            match (&entry.existing, entry.action) {
                (None, Action::Create) => creates.push(self.row(tx, entry)?),
                (Some(r), Action::Update) => {
                    let id = store_id(&r.id)?;
                    let revision =
                        i64::try_from(r.revision).map_err(|_| StoreError::InvalidPlan("revision".to_owned()))?;
                    updates.push((id, revision, self.row(tx, entry)?));
                }
                (_, Action::Unchanged) => {}
                (existing, action) => {
                    return Err(StoreError::InvalidPlan(format!(
                        "a {} entry {} a stored customer",
                        action.as_str(),
                        if existing.is_some() { "with" } else { "without" }
                    )));
                }
            }
        }
        let mut contacts: Vec<(i64, &'e PlanEntry)> = Vec::new();
        if !creates.is_empty() {
            let n = i64::try_from(creates.len()).unwrap_or(i64::MAX);
            let ids: Vec<i64> = tx
                .query(
                    "SELECT nextval(pg_get_serial_sequence('cadastro.customers', 'id')) FROM generate_series(1::bigint, $1::bigint)",
                    &[&n],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let cols = Columns::of(creates.iter());
            tx.execute(
                INSERT_CUSTOMERS,
                &[
                    &self.account,
                    &ids,
                    &cols.ext,
                    &cols.tax,
                    &cols.name,
                    &cols.nf,
                    &cols.email,
                    &cols.grp,
                    &cols.pext,
                    &cols.pname,
                    &cols.fields,
                    &cols.custom,
                ],
            )
            .map_err(|e| conflict(e, &creates))?;
            contacts.extend(ids.iter().copied().zip(creates.iter().map(|r| r.entry)));
        }
        if !updates.is_empty() {
            let ids: Vec<i64> = updates.iter().map(|u| u.0).collect();
            let revs: Vec<i64> = updates.iter().map(|u| u.1).collect();
            let rows: Vec<&Row<'_>> = updates.iter().map(|u| &u.2).collect();
            let cols = Columns::of(rows.iter().copied());
            let done = tx
                .query(
                    UPDATE_CUSTOMERS,
                    &[
                        &self.account,
                        &ids,
                        &revs,
                        &cols.ext,
                        &cols.tax,
                        &cols.name,
                        &cols.nf,
                        &cols.email,
                        &cols.grp,
                        &cols.pext,
                        &cols.pname,
                        &cols.fields,
                        &cols.custom,
                    ],
                )
                .map_err(|e| conflict(e, &rows))?;
            if done.len() != updates.len() {
                let done: std::collections::HashSet<i64> = done.iter().map(|r| r.get(0)).collect();
                let missed: Vec<String> =
                    ids.iter().filter(|id| !done.contains(id)).take(20).map(i64::to_string).collect();
                return Err(StoreError::StalePlan(format!(
                    "customer{} {} changed since the plan was made",
                    if missed.len() == 1 { "" } else { "s" },
                    missed.join(", ")
                )));
            }
            tx.execute("DELETE FROM cadastro.contacts WHERE customer_id = ANY($1)", &[&ids])?;
            contacts.extend(ids.iter().copied().zip(updates.iter().map(|u| u.2.entry)));
        }
        let (mut owner, mut position, mut email, mut fields) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (id, entry) in contacts {
            for (i, contact) in entry.customer.contacts.iter().enumerate() {
                owner.push(id);
                position.push(i32::try_from(i).unwrap_or(i32::MAX));
                email.push(contact.text(Field::ContactEmail));
                fields.push(crate::encode_values(contact.fields()));
            }
        }
        if !owner.is_empty() {
            tx.execute(INSERT_CONTACTS, &[&owner, &position, &email, &fields])?;
        }
        Ok(())
    }

    /// Resolves the account's parent references to the parent's row (by external id, else the
    /// first customer with the folded name), touching only the rows whose link changes.
    pub(crate) fn link_parents(&self, tx: &mut Transaction<'_>) -> Result<(), StoreError> {
        tx.execute(
            "UPDATE cadastro.customers AS c SET parent_customer_id = l.parent FROM (
                SELECT c2.id, coalesce(
                    (SELECT p.id FROM cadastro.customers p WHERE p.account_id = c2.account_id
                        AND p.external_id = c2.parent_external_id),
                    (SELECT min(p.id) FROM cadastro.customers p WHERE p.account_id = c2.account_id
                        AND p.name_folded = c2.parent_name_folded)) AS parent
                FROM cadastro.customers c2 WHERE c2.account_id = $1
                    AND (c2.parent_external_id IS NOT NULL OR c2.parent_name_folded IS NOT NULL)) l
             WHERE c.id = l.id AND c.parent_customer_id IS DISTINCT FROM l.parent",
            &[&self.account],
        )?;
        Ok(())
    }
}

/// The columns of several rows as arrays, for `unnest`.
struct Columns<'e> {
    ext: Vec<Option<&'e str>>,
    tax: Vec<Option<&'e str>>,
    name: Vec<Option<&'e str>>,
    nf: Vec<Option<&'e str>>,
    email: Vec<Option<&'e str>>,
    grp: Vec<Option<i64>>,
    pext: Vec<Option<&'e str>>,
    pname: Vec<Option<&'e str>>,
    fields: Vec<&'e str>,
    custom: Vec<&'e str>,
}

impl<'e> Columns<'e> {
    fn of(rows: impl Iterator<Item = &'e Row<'e>>) -> Columns<'e> {
        let mut c = Columns {
            ext: Vec::new(),
            tax: Vec::new(),
            name: Vec::new(),
            nf: Vec::new(),
            email: Vec::new(),
            grp: Vec::new(),
            pext: Vec::new(),
            pname: Vec::new(),
            fields: Vec::new(),
            custom: Vec::new(),
        };
        for r in rows {
            c.ext.push(r.external_id.as_deref());
            c.tax.push(r.tax_id.as_deref());
            c.name.push(r.name);
            c.nf.push(r.name_folded.as_deref());
            c.email.push(r.email);
            c.grp.push(r.group);
            c.pext.push(r.parent_id.as_deref());
            c.pname.push(r.parent_name.as_deref());
            c.fields.push(r.fields.as_str());
            c.custom.push(r.custom.as_str());
        }
        c
    }
}

/// A unique-key violation is a stale plan (a stored customer took the key meanwhile); the rest
/// stays the database's error.
fn conflict<'a, R: std::borrow::Borrow<Row<'a>>>(e: postgres::Error, rows: &[R]) -> StoreError {
    if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
        let first = rows.first().and_then(|r| r.borrow().entry.customer.rows.first().copied()).unwrap_or(0);
        let detail = e.as_db_error().and_then(|d| d.detail()).unwrap_or("").to_owned();
        return StoreError::StalePlan(format!(
            "a stored customer already has the key of a customer written from row {first} on (external id, tax id, \
             or a name without either){}",
            if detail.is_empty() { String::new() } else { format!(": {detail}") }
        ));
    }
    StoreError::from(e)
}

fn store_id(id: &str) -> Result<i64, StoreError> {
    id.parse().map_err(|_| StoreError::InvalidPlan(format!("`{id}` is not a store id")))
}

/// Writes every entry of `plan` that still fits, each in its own savepoint; returns what was
/// written and the stale entries. The stored revisions are read in one statement.
pub(crate) fn apply_entries(
    tx: &mut Transaction<'_>,
    account: i64,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(PlanCounts, Vec<StaleEntry>), StoreError> {
    let ids = plan
        .entries
        .iter()
        .filter_map(|e| e.existing.as_ref().map(|r| store_id(&r.id)))
        .collect::<Result<Vec<i64>, _>>()?;
    let stored: HashMap<i64, i64> = tx
        .query("SELECT id, revision FROM cadastro.customers WHERE account_id = $1 AND id = ANY($2)", &[&account, &ids])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let total = plan.changes().count();
    let mut written = PlanCounts::default();
    let mut stale = Vec::new();
    let mut done = 0usize;
    let mut writer = Writer::new(tx, account)?;
    for entry in &plan.entries {
        if let Some(existing) = &entry.existing {
            let reason = match stored.get(&store_id(&existing.id)?) {
                None => Some(StaleReason::Deleted),
                Some(r) if u64::try_from(*r).ok() != Some(existing.revision) => Some(StaleReason::Changed),
                Some(_) => None,
            };
            if let Some(reason) = reason {
                stale.push(StaleEntry::new(entry, reason));
                continue;
            }
        }
        if entry.action == Action::Unchanged {
            written.unchanged += 1;
            continue;
        }
        let mut sp = tx.transaction()?;
        match writer.write_all(&mut sp, std::iter::once(entry)) {
            Ok(()) => {
                sp.commit()?;
                if entry.action == Action::Create {
                    written.created += 1;
                } else {
                    written.updated += 1;
                }
            }
            Err(StoreError::StalePlan(_)) => {
                sp.rollback()?;
                // A group the entry created is rolled back too: forget the cached ids.
                writer = Writer::new(tx, account)?;
                stale.push(StaleEntry::new(entry, StaleReason::KeyTaken));
            }
            Err(e) => return Err(e),
        }
        done = done.saturating_add(1);
        progress(done, total);
    }
    writer.link_parents(tx)?;
    Ok((written, stale))
}
