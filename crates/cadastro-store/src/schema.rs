//! The schema and its versioned migrations (`PRAGMA user_version`), the check that a file is a
//! cadastro store (`PRAGMA application_id`, or the tables of a version-1 store), and the
//! damage check on open (`PRAGMA quick_check`).

use std::fmt::Write as _;

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// `PRAGMA application_id` of a cadastro store ("CDST"), set by migration 2.
pub(crate) const APPLICATION_ID: i32 = 0x4344_5354;

/// The tables of a cadastro store.
const TABLES: &[&str] = &["accounts", "contacts", "customers", "groups"];

/// Migration `i` brings the schema from version `i` to `i + 1`. All the migrations a store
/// needs run in **one** exclusive (`BEGIN IMMEDIATE`) transaction together with the version
/// bump, after the version is read again under the lock: two processes opening a new store at
/// once create the schema once (the second finds it done).
const MIGRATIONS: &[&str] = &[
    // 1: accounts, groups, customers (key columns + every normalized value as JSON), contacts.
    "
    CREATE TABLE accounts (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE groups (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name       TEXT NOT NULL,
        UNIQUE (account_id, name)
    );
    CREATE TABLE customers (
        id                 INTEGER PRIMARY KEY,
        account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        revision           INTEGER NOT NULL DEFAULT 1,
        external_id        TEXT,
        tax_id             TEXT,
        name               TEXT,
        name_folded        TEXT,
        email              TEXT,
        group_id           INTEGER REFERENCES groups(id),
        parent_external_id TEXT,
        parent_name_folded TEXT,
        parent_customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        fields             TEXT NOT NULL,
        custom             TEXT NOT NULL DEFAULT '{}',
        created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE UNIQUE INDEX customers_external_id ON customers (account_id, external_id) WHERE external_id IS NOT NULL;
    CREATE INDEX customers_tax_id ON customers (account_id, tax_id) WHERE tax_id IS NOT NULL;
    CREATE INDEX customers_name ON customers (account_id, name_folded);
    CREATE INDEX customers_group ON customers (group_id) WHERE group_id IS NOT NULL;
    CREATE INDEX customers_parent ON customers (account_id) WHERE parent_external_id IS NOT NULL OR parent_name_folded IS NOT NULL;
    CREATE TABLE contacts (
        id          INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        email       TEXT,
        fields      TEXT NOT NULL,
        UNIQUE (customer_id, email)
    );
    CREATE INDEX contacts_order ON contacts (customer_id, position);
    ",
    // 2: the keys the plan matches by are unique per account (external id; tax id; the folded
    // name of a customer without external id or tax id), stored in NFC (done in Rust first, by
    // `normalize_keys`); the application id marks the file as a cadastro store.
    "
    DROP INDEX customers_tax_id;
    CREATE UNIQUE INDEX customers_tax_id ON customers (account_id, tax_id) WHERE tax_id IS NOT NULL;
    CREATE UNIQUE INDEX customers_name_key ON customers (account_id, name_folded)
        WHERE external_id IS NULL AND tax_id IS NULL AND name_folded IS NOT NULL;
    ",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version of a database (0 for a new file).
pub(crate) fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a database that is not a cadastro store and not empty ([`StoreError::NotAStore`]):
/// a store has cadastro's application id, or (version 1) cadastro's four tables.
pub(crate) fn check_is_store(conn: &Connection) -> Result<(), StoreError> {
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let tables = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    if tables.is_empty() {
        return Ok(());
    }
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let ours = TABLES.iter().all(|t| tables.iter().any(|n| n == t));
    if app == APPLICATION_ID || (app == 0 && ours) {
        return Ok(());
    }
    let mut shown: Vec<&str> = tables.iter().map(String::as_str).take(5).collect();
    if tables.len() > shown.len() {
        shown.push("...");
    }
    Err(StoreError::NotAStore(if app != 0 && app != APPLICATION_ID {
        format!("the database belongs to another application (application id {app:#x}, tables {})", shown.join(", "))
    } else {
        format!("the database holds other tables ({})", shown.join(", "))
    }))
}

/// Brings the schema to [`SCHEMA_VERSION`]: nothing to do (no lock taken) when it is there;
/// otherwise every missing migration in one `BEGIN IMMEDIATE` transaction, the version read
/// again under the lock.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    check_is_store(&tx)?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        if i == 1 {
            normalize_keys(&tx)?;
            refuse_duplicates(&tx)?;
        }
        tx.execute_batch(sql)?;
    }
    if found < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(())
}

/// Migration 2, first step: the key columns of every customer in NFC (external ids, parent
/// external ids) and the folded names recomputed ([`cadastro::fold_name`] is NFC now).
fn normalize_keys(conn: &Connection) -> Result<(), StoreError> {
    use cadastro::{fold_name, nfc_key};
    let mut st = conn
        .prepare("SELECT id, external_id, name, name_folded, parent_external_id, parent_name_folded FROM customers")?;
    let mut rows = st.query([])?;
    let mut up = conn.prepare(
        "UPDATE customers SET external_id = ?2, name_folded = ?3, parent_external_id = ?4, parent_name_folded = ?5
         WHERE id = ?1",
    )?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let ext: Option<String> = r.get(1)?;
        let name: Option<String> = r.get(2)?;
        let folded: Option<String> = r.get(3)?;
        let parent: Option<String> = r.get(4)?;
        let parent_name: Option<String> = r.get(5)?;
        let ext2 = ext.as_deref().map(|v| nfc_key(v).into_owned());
        let folded2 = name.as_deref().map(fold_name);
        let parent2 = parent.as_deref().map(|v| nfc_key(v).into_owned());
        let parent_name2 = parent_name.as_deref().map(fold_name);
        if ext2 != ext || folded2 != folded || parent2 != parent || parent_name2 != parent_name {
            up.execute(rusqlite::params![id, ext2, folded2, parent2, parent_name2])?;
        }
    }
    Ok(())
}

/// Migration 2, second step: customers sharing a key that becomes unique (left by concurrent
/// imports of an older cadastro) stop the migration with [`StoreError::Duplicates`], naming
/// them (up to 5 groups per key, and how many groups there are): nothing is changed.
fn refuse_duplicates(conn: &Connection) -> Result<(), StoreError> {
    let checks = [
        ("external_id", "external_id", "external_id IS NOT NULL"),
        ("tax_id", "tax_id", "tax_id IS NOT NULL"),
        ("name", "name_folded", "external_id IS NULL AND tax_id IS NULL AND name_folded IS NOT NULL"),
    ];
    let mut out = String::new();
    for (label, column, filter) in checks {
        let sql = format!(
            "SELECT a.name, c.{column}, group_concat(c.id, ', '), count(*) OVER () FROM customers c
             JOIN accounts a ON a.id = c.account_id WHERE {filter}
             GROUP BY c.account_id, c.{column} HAVING count(*) > 1 ORDER BY c.account_id, min(c.id) LIMIT 5"
        );
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([])?;
        let mut total = 0_i64;
        let mut examples = Vec::new();
        while let Some(r) = rows.next()? {
            let (account, key, ids): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            total = r.get(3)?;
            examples.push(format!("account `{account}` {label} {key}: customers {ids}"));
        }
        if total > 0 {
            if !out.is_empty() {
                out.push_str("; ");
            }
            let _ = write!(out, "{total} {label} keys held by several customers ({})", examples.join("; "));
        }
    }
    if out.is_empty() { Ok(()) } else { Err(StoreError::Duplicates(out)) }
}

/// `PRAGMA quick_check`: the file's pages and indexes are well-formed (zeroed or torn pages are
/// found). Reads the whole file once (O(size), no index-vs-table cross-check, which
/// `integrity_check` adds); the first 10 problems are reported.
pub(crate) fn quick_check(conn: &Connection) -> Result<(), StoreError> {
    let mut st = conn.prepare("PRAGMA quick_check(10)")?;
    let lines = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>();
    match lines {
        Ok(lines) if lines.len() == 1 && lines.first().is_some_and(|l| l == "ok") => Ok(()),
        Ok(lines) => Err(StoreError::Damaged(lines.join("; "))),
        Err(e) => match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Err(StoreError::Damaged(e.to_string()))
            }
            _ => Err(e.into()),
        },
    }
}
