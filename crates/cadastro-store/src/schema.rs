//! The schema and its versioned migrations (`PRAGMA user_version`).

use rusqlite::Connection;

use crate::StoreError;

/// Migration `i` brings the schema from version `i` to `i + 1`; each runs in its own
/// transaction together with the version bump.
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
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version of a database (0 for a new file).
pub(crate) fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i64::try_from(i).unwrap_or(i64::MAX).saturating_add(1))?;
        tx.commit()?;
    }
    Ok(())
}
