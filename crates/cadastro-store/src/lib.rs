//! # cadastro-store
//!
//! The embedded store of cadastro: one SQLite file (bundled SQLite, no server) holding
//! accounts, their customers with every normalized value and custom field, contacts, groups
//! and parent links. It is the default home of the `cadastro` CLI and of small hosts; a host
//! with its own database implements [`CustomerLookup`] instead and applies the
//! [`ImportPlan`] itself.
//!
//! - [`Store::base`] answers the reconciler's batched lookups (one SQL statement per batch of
//!   up to 10,000 keys);
//! - [`Store::apply`] writes a plan in **one transaction**: a crash, a kill or a stale plan
//!   leaves the store exactly as it was;
//! - [`Store::import_report`] is the whole flow of `cadastro import` (plan, then apply unless
//!   dry-run, or atomic with errors in the file);
//! - [`Store::import_stream`] is the same flow for a large delimited text file in bounded
//!   memory, chunk by chunk in one transaction (`cadastro import --stream`);
//! - [`Store::list_customers`] reads an account (or one group) back for export, and
//!   [`Store::copy_account`] moves a base from one account to another through the same plan.
//!
//! ```
//! use cadastro::Action;
//! use cadastro::{Customer, Field, Profile, Value};
//! use cadastro_store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let mut ana = Customer::default();
//! ana.set(Field::ExternalId, Value::Text("C-1".into()));
//! ana.set(Field::Name, Value::Text("Ana".into()));
//! let profile = Profile::generic();
//! let plan = store.import_customers("default", &[ana.clone()], &profile)?;
//! assert_eq!(plan.entries[0].action, Action::Create);
//! assert_eq!(store.list_customers("default", None)?, vec![ana.clone()]);
//! // The same customers again: nothing to do.
//! assert!(store.import_customers("default", &[ana], &profile)?.is_noop());
//! # Ok::<(), cadastro_store::StoreError>(())
//! ```
#![deny(clippy::indexing_slicing)]

mod backend;
mod error;
mod pg;
mod schema;
pub mod stream;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use cadastro::{
    Action, BaseParents, CustomerLookup, Existing, ImportPlan, LookupError, PlanEntry, Reconciler, reconcile_in,
};
use cadastro::{Contact, Customer, CustomerKey, Field, Importer, Locale, PlanCounts, Profile, Report, Table, Value};
use cadastro::{fold_name, nfc_key};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior, params};

pub use backend::{Backend, CustomerStore, OpenOptions, StoreLocation, open_store, redact};
pub use error::StoreError;
pub use pg::{PG_SCHEMA_VERSION, PgStore};
pub use schema::SCHEMA_VERSION;
pub use stream::{StreamChunk, StreamOutcome};

/// The account the CLI uses when none is named.
pub const DEFAULT_ACCOUNT: &str = "default";

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// How [`Store::import_report`] writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportMode {
    /// Plan only; write nothing.
    pub dry_run: bool,
    /// Write nothing when the report has any error issue (otherwise the valid customers are
    /// written and the rejected rows are left out).
    pub atomic: bool,
}

/// What [`Store::import_report`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOutcome {
    /// The plan (its counts are also in the report's `plan`).
    pub plan: ImportPlan,
    /// Whether the plan was written.
    pub applied: bool,
}

/// How long a write waits for another connection's write lock by default (SQLite's busy
/// handler retries with a growing sleep, 1 ms up to 100 ms) before [`StoreError::Busy`].
pub const DEFAULT_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Store {
    /// Opens (or creates) the store file and migrates its schema.
    ///
    /// The file is put in WAL mode (readers are never blocked by a writer, and a writer by
    /// readers; the `-wal` and `-shm` files live beside it while it is open); a write waits up
    /// to [`DEFAULT_BUSY_TIMEOUT`] for another writer. A new (or empty) database gets the schema
    /// in one exclusive transaction, so concurrent first opens are safe. The file is checked
    /// with `PRAGMA quick_check` (reads it once).
    ///
    /// # Errors
    /// [`StoreError::NotAStore`] for another application's database;
    /// [`StoreError::Damaged`] when the check finds damaged pages;
    /// [`StoreError::Duplicates`] when a migration finds customers sharing a key that becomes
    /// unique; [`StoreError::Busy`] when another writer holds the lock past the timeout;
    /// [`StoreError::Sqlite`] when the file cannot be opened or is not a database,
    /// [`StoreError::NewerSchema`] when a newer cadastro wrote it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_with_busy_timeout(path, DEFAULT_BUSY_TIMEOUT)
    }

    /// [`Store::open`] with another busy timeout than [`DEFAULT_BUSY_TIMEOUT`]: how long this
    /// connection waits for another one's write lock (the open itself included: a first open
    /// creates the schema under that lock) before [`StoreError::Busy`]. `Duration::ZERO` fails
    /// at once. The bindings' `busy_timeout` option and the CLI's `--busy-timeout`.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_with_busy_timeout(path: impl AsRef<Path>, timeout: std::time::Duration) -> Result<Store, StoreError> {
        let store = Store::from_connection_with(Connection::open(path)?, timeout)?;
        schema::quick_check(&store.conn)?;
        Ok(store)
    }

    /// Opens an existing store file for reading only (dry runs, exports): nothing is created,
    /// migrated or written. A store left by a killed writer (a hot rollback journal, or a WAL
    /// to recover) is recovered on open when the file is writable.
    /// A store one schema version behind (before the unique keys of version 2) is read as it is.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the file is missing or not a database;
    /// [`StoreError::NotAStore`]; [`StoreError::Damaged`];
    /// [`StoreError::Outdated`] / [`StoreError::NewerSchema`] when its schema is not one this
    /// build reads.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        // A writable file is opened read-write (never created) with `query_only`: SQLite then
        // recovers what a killed writer left (rolls a hot journal back, rebuilds the WAL index)
        // as any open does, nothing else can be written, and the last connection to close
        // removes the -wal and -shm files. A file that cannot be opened for writing (permissions,
        // read-only media) is opened read-only.
        let writable = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = match Connection::open_with_flags(path, writable) {
            Ok(conn) => {
                conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
                conn.pragma_update(None, "query_only", "ON")?;
                conn
            }
            Err(e) if path.exists() && e.sqlite_error_code() != Some(rusqlite::ErrorCode::NotADatabase) => {
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
                conn
            }
            Err(e) => return Err(e.into()),
        };
        schema::check_is_store(&conn)?;
        let found = schema::version(&conn)?;
        if found < SCHEMA_VERSION.saturating_sub(1) || found == 0 {
            return Err(StoreError::Outdated { found, supported: SCHEMA_VERSION });
        }
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { found, supported: SCHEMA_VERSION });
        }
        schema::quick_check(&conn)?;
        Ok(Store { conn })
    }

    /// A store in memory (tests, previews against an empty base).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when SQLite cannot allocate it.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::from_connection(Connection::open_in_memory()?)
    }

    /// Wraps a connection the host configured itself (tracing, encryption key...), setting
    /// the store's pragmas (WAL, busy timeout, foreign keys) and migrating the schema.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn from_connection(conn: Connection) -> Result<Store, StoreError> {
        Store::from_connection_with(conn, DEFAULT_BUSY_TIMEOUT)
    }

    fn from_connection_with(mut conn: Connection, timeout: std::time::Duration) -> Result<Store, StoreError> {
        let timeout = clamp_timeout(timeout);
        conn.busy_timeout(timeout)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::check_is_store(&conn)?;
        schema::migrate(&mut conn)?;
        // WAL (after the migration, so a refused one leaves the file as it was): readers never
        // wait for a writer; the mode is kept in the file. A crash leaves the -wal file, whose
        // committed frames the next open keeps and the rest it drops.
        enable_wal(&conn, timeout)?;
        Ok(Store { conn })
    }

    /// How long a write waits for another connection's write lock before
    /// [`StoreError::Busy`] (default [`DEFAULT_BUSY_TIMEOUT`]).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(clamp_timeout(timeout))?;
        Ok(())
    }

    /// The underlying connection, for read-only queries of the host's own.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The schema version of the open file.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn)
    }

    /// Every account name, sorted.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn accounts(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare_cached("SELECT name FROM accounts ORDER BY name")?;
        let names = st.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }

    /// Every account with its number of customers, sorted by name.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn account_sizes(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.name, (SELECT count(*) FROM customers c WHERE c.account_id = a.id) FROM accounts a ORDER BY a.name",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0))))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Creates an account if it does not exist yet.
    ///
    /// # Errors
    /// [`StoreError::InvalidAccount`] for an empty or overlong name; [`StoreError::Sqlite`].
    pub fn create_account(&mut self, name: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        ensure_account(&tx, name)?;
        tx.commit()?;
        Ok(())
    }

    fn account_id(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.conn.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| r.get(0)).optional()?)
    }

    /// The base of one account, as the reconciler's lookup. An account that does not exist
    /// yet is an empty base (nothing is created).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`].
    pub fn base(&self, account: &str) -> Result<AccountBase<'_>, StoreError> {
        Ok(AccountBase { conn: &self.conn, account: self.account_id(account)?, before: None })
    }

    /// The group names of an account, sorted.
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`]; [`StoreError::Sqlite`].
    pub fn groups(&self, account: &str) -> Result<Vec<String>, StoreError> {
        let id = self.account_id(account)?.ok_or_else(|| StoreError::UnknownAccount(account.to_owned()))?;
        let mut st = self.conn.prepare_cached(
            "SELECT g.name FROM groups g WHERE g.account_id = ?1
             AND EXISTS (SELECT 1 FROM customers c WHERE c.group_id = g.id) ORDER BY g.name",
        )?;
        let names = st.query_map([id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }

    /// The customers of an account (all, or one group), in creation order, with their
    /// contacts; `rows` is empty and contact rows are 0 (they are not from a file).
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`]; [`StoreError::Corrupt`] for hand-edited rows;
    /// [`StoreError::Sqlite`].
    pub fn list_customers(&self, account: &str, group: Option<&str>) -> Result<Vec<Customer>, StoreError> {
        let id = self.account_id(account)?.ok_or_else(|| StoreError::UnknownAccount(account.to_owned()))?;
        let sql = format!(
            "SELECT c.id, c.revision, c.fields, c.custom, {CONTACTS_JSON} FROM customers c
             WHERE c.account_id = ?1 AND (?2 IS NULL OR c.group_id = (SELECT g.id FROM groups g WHERE g.account_id = ?1 AND g.name = ?2))
             ORDER BY c.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query(params![id, group])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(decode_row(row)?.customer);
        }
        Ok(out)
    }

    /// Applies a plan made against `account` (created if missing), in one transaction: all of
    /// it, or nothing. Every entry is checked against the store as it is now, under the write
    /// lock: when any is stale (see [`Store::apply_fresh`]) nothing is written and the error
    /// names every stale row.
    ///
    /// # Errors
    /// [`StoreError::StalePlan`] when a stored customer changed or was deleted since the plan
    /// was made, or a key the plan writes was taken meanwhile; [`StoreError::InvalidPlan`] for
    /// ids that are not this store's; [`StoreError::Sqlite`]. On any error nothing is written.
    pub fn apply(&mut self, account: &str, plan: &ImportPlan) -> Result<PlanCounts, StoreError> {
        self.apply_with_progress(account, plan, &mut |_, _| {})
    }

    /// As [`Store::apply`], calling `progress(done, total)` after each written customer
    /// (`total` counts creates and updates).
    ///
    /// # Errors
    /// As [`Store::apply`].
    pub fn apply_with_progress(
        &mut self,
        account: &str,
        plan: &ImportPlan,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<PlanCounts, StoreError> {
        let outcome = self.apply_checked(account, plan, false, progress)?;
        Ok(outcome.written)
    }

    /// Applies the entries of a reviewed plan that still fit the store, in one transaction,
    /// and reports the others instead of refusing the whole plan. An entry is **stale** when the
    /// stored customer it matched was changed (its revision moved) or deleted since the plan was
    /// made, or when the key it writes now belongs to another customer (created meanwhile). A
    /// stale entry is not written at all (the other writer's change is kept, nothing is
    /// duplicated); the outcome lists it with its file rows, to plan again. `unchanged` entries
    /// are checked too: a customer that changed since is stale, not silently left as it is.
    ///
    /// ```
    /// use cadastro::Reconciler;
    /// use cadastro::{Customer, Field, Profile, Value};
    /// use cadastro_store::{StaleReason, Store};
    ///
    /// let mut store = Store::open_in_memory()?;
    /// let profile = Profile::generic();
    /// let customer = |id: &str, city: &str| {
    ///     let mut c = Customer::default();
    ///     c.set(Field::ExternalId, Value::Text(id.into()));
    ///     c.set(Field::Name, Value::Text(format!("Customer {id}")));
    ///     c.set(Field::City, Value::Text(city.into()));
    ///     c.rows = vec![2];
    ///     c
    /// };
    /// store.import_customers("a", &[customer("C-1", "Recife")], &profile)?;
    /// // Reviewed: update C-1, create C-2. Meanwhile someone else updates C-1.
    /// let plan = Reconciler::new(&profile)
    ///     .plan(&[customer("C-1", "Olinda"), customer("C-2", "Natal")], &store.base("a")?)
    ///     .map_err(cadastro_store::StoreError::Lookup)?;
    /// store.import_customers("a", &[customer("C-1", "Caruaru")], &profile)?;
    /// let outcome = store.apply_fresh("a", &plan)?;
    /// assert_eq!(outcome.written.created, 1);
    /// assert_eq!(outcome.written.updated, 0);
    /// assert_eq!(outcome.stale[0].reason, StaleReason::Changed);
    /// assert_eq!(store.list_customers("a", None)?[0].text(Field::City), Some("Caruaru"));
    /// # Ok::<(), cadastro_store::StoreError>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::InvalidPlan`] for ids that are not this store's; [`StoreError::Sqlite`],
    /// [`StoreError::Busy`]. On an error nothing is written.
    pub fn apply_fresh(&mut self, account: &str, plan: &ImportPlan) -> Result<ApplyOutcome, StoreError> {
        self.apply_checked(account, plan, true, &mut |_, _| {})
    }

    fn apply_checked(
        &mut self,
        account: &str,
        plan: &ImportPlan,
        skip_stale: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ApplyOutcome, StoreError> {
        // The write lock first: the revisions and unique keys are checked against the store as
        // it is now, and nobody writes between the checks and the commit.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let account_id = ensure_account(&tx, account)?;
        let (written, stale) = apply_entries(&tx, account_id, plan, progress)?;
        if !skip_stale && !stale.is_empty() {
            // Dropping `tx` rolls back what was written before the stale rows were found.
            return Err(StoreError::StalePlan(stale_message(&stale, plan.entries.len())));
        }
        tx.commit()?;
        Ok(ApplyOutcome { written, stale })
    }

    /// The flow of `cadastro import` on a validated report: plans it against `account` (the
    /// counts go to `report.plan`), then applies it unless `mode.dry_run`, or `mode.atomic` and
    /// the report has an error. `key_conflict` messages are in English: see
    /// [`Store::import_report_in`].
    ///
    /// # Errors
    /// As [`Store::apply`]; [`StoreError::Sqlite`] from the lookup.
    pub fn import_report(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
    ) -> Result<ImportOutcome, StoreError> {
        self.import_report_in(account, report, profile, mode, Locale::default())
    }

    /// [`Store::import_report`] with the `key_conflict` messages in `locale`.
    ///
    /// A real run plans **under the write lock** (`BEGIN IMMEDIATE`) and writes in the same
    /// transaction: a customer another process created meanwhile is found and updated, never
    /// created twice. A dry run plans on a read snapshot without locking, with the same rules:
    /// it shows what the real run does (unless another process writes in between).
    /// Customers whose keys point to two stored customers are rejected with `key_conflict`
    /// (moved out of `report.customers`, into `report.issues` and the rejected stats).
    ///
    /// # Errors
    /// As [`Store::import_report`].
    pub fn import_report_in(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
        locale: Locale,
    ) -> Result<ImportOutcome, StoreError> {
        self.import_report_with(account, report, profile, mode, locale, &mut |_| Ok(()))
    }

    /// [`Store::import_report_in`] calling `before_commit(report)` once the plan is made (its
    /// `key_conflict` rows already in the report) and before anything is committed: a dry run
    /// calls it too. The CLI writes the error file there, so an error file that cannot be
    /// written leaves the store as it was. An error from `before_commit` rolls the transaction
    /// back and is returned as [`StoreError::Core`].
    ///
    /// # Errors
    /// As [`Store::import_report`]; whatever `before_commit` returns.
    pub fn import_report_with(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
        locale: Locale,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<ImportOutcome, StoreError> {
        if mode.dry_run || (mode.atomic && report.has_errors()) {
            let plan = reconcile_in(report, profile, &Store::base(self, account)?, locale).map_err(lookup_error)?;
            before_commit(report)?;
            return Ok(ImportOutcome { plan, applied: false });
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let account_id = ensure_account(&tx, account)?;
        let base = AccountBase { conn: &tx, account: Some(account_id), before: None };
        let plan = reconcile_in(report, profile, &base, locale).map_err(lookup_error)?;
        // Dropping `tx` on an early return rolls it back.
        before_commit(report)?;
        if mode.atomic && report.has_errors() {
            tx.rollback()?;
            return Ok(ImportOutcome { plan, applied: false });
        }
        {
            let mut writer = Writer::new(&tx, account_id)?;
            for entry in plan.changes() {
                writer.write(entry)?;
            }
            writer.link_parents()?;
        }
        tx.commit()?;
        Ok(ImportOutcome { plan, applied: true })
    }

    /// The whole `cadastro import` flow on a table already read: parents resolved against the
    /// file and `account`'s base (one batch), validation, plan, apply per `mode`. Every host (the
    /// CLI and each binding) calls this instead of repeating the steps. The report carries the
    /// plan's counts; the outcome carries the plan with its diffs. `progress(rows_done,
    /// rows_total)` is called as rows are validated.
    ///
    /// # Errors
    /// [`StoreError::Core`] for the mapping's file-level failures (`missing_required_column`,
    /// `duplicate_header`...); as [`Store::import_report`].
    pub fn import_table(
        &mut self,
        account: &str,
        importer: &Importer,
        table: &Table,
        mode: ImportMode,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(Report, ImportOutcome), StoreError> {
        let columns = importer.columns(table)?;
        let parents = BaseParents::for_table(table, &columns, &Store::base(self, account)?).map_err(lookup_error)?;
        let mut report = importer.validate_table_with_progress(table, &parents, progress)?;
        let opts = importer.options();
        let locale = report.locale;
        let outcome = self.import_report_in(account, &mut report, &opts.profile, mode, locale)?;
        Ok((report, outcome))
    }

    /// [`Store::import_table`] with a `before_commit` step (see [`Store::import_report_with`]).
    ///
    /// # Errors
    /// As [`Store::import_table`]; whatever `before_commit` returns.
    pub fn import_table_with(
        &mut self,
        account: &str,
        importer: &Importer,
        table: &Table,
        mode: ImportMode,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<(Report, ImportOutcome), StoreError> {
        let columns = importer.columns(table)?;
        let parents = BaseParents::for_table(table, &columns, &Store::base(self, account)?).map_err(lookup_error)?;
        let mut report = importer.validate_table_with_progress(table, &parents, &mut |_, _| {})?;
        let opts = importer.options();
        let locale = report.locale;
        let outcome = self.import_report_with(account, &mut report, &opts.profile, mode, locale, before_commit)?;
        Ok((report, outcome))
    }

    /// Plans and applies customers (e.g. another account's, or a host's own) into `account`.
    ///
    /// # Errors
    /// As [`Store::apply`].
    pub fn import_customers(
        &mut self,
        account: &str,
        customers: &[Customer],
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        // Planned under the write lock, written in the same transaction (see
        // [`Store::import_report_in`]); customers with a key conflict are in `plan.rejected`.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let account_id = ensure_account(&tx, account)?;
        let base = AccountBase { conn: &tx, account: Some(account_id), before: None };
        let plan = Reconciler::new(profile).plan(customers, &base).map_err(lookup_error)?;
        {
            let mut writer = Writer::new(&tx, account_id)?;
            for entry in plan.changes() {
                writer.write(entry)?;
            }
            writer.link_parents()?;
        }
        tx.commit()?;
        Ok(plan)
    }

    /// Copies an account's customers (all, or one group) into another account through export
    /// and import: the same identity, merge and write-policy rules as a file. It is
    /// [`Store::plan_copy`] then [`Store::apply`] (one transaction); the plan's counts say
    /// what was created, updated and unchanged.
    ///
    /// # Errors
    /// As [`Store::plan_copy`]; as [`Store::apply`].
    pub fn copy_account(
        &mut self,
        from: &str,
        to: &str,
        group: Option<&str>,
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        let plan = self.plan_copy(from, to, group, profile)?;
        self.apply(to, &plan)?;
        Ok(plan)
    }

    /// The plan of copying `from`'s customers (all, or one group) into `to`, written nowhere
    /// (a dry run of [`Store::copy_account`]; works on a read-only store): `from`'s customers
    /// reconciled against `to`'s base exactly as the customers of an imported file are.
    ///
    /// ```
    /// use cadastro::{Customer, Field, Profile, Value};
    /// use cadastro_store::Store;
    /// let mut store = Store::open_in_memory()?;
    /// let mut ana = Customer::default();
    /// ana.set(Field::Name, Value::Text("Ana".into()));
    /// store.import_customers("matriz", &[ana], &Profile::generic())?;
    /// let plan = store.plan_copy("matriz", "filial", None, &Profile::generic())?;
    /// assert_eq!(plan.counts().created, 1);
    /// assert!(store.list_customers("filial", None).is_err(), "a plan writes nothing");
    /// # Ok::<(), cadastro_store::StoreError>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`] for `from`; [`StoreError::Corrupt`], [`StoreError::Sqlite`]
    /// from the reads.
    pub fn plan_copy(
        &self,
        from: &str,
        to: &str,
        group: Option<&str>,
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        let customers = self.list_customers(from, group)?;
        Reconciler::new(profile).plan(&customers, &self.base(to)?).map_err(lookup_error)
    }
}

/// SQLite takes the busy timeout in milliseconds as an `int`: longer ones (about 24.8 days and
/// more) wait that long instead of overflowing.
fn clamp_timeout(timeout: std::time::Duration) -> std::time::Duration {
    timeout.min(std::time::Duration::from_millis(i32::MAX.unsigned_abs().into()))
}

/// Puts the file in WAL mode unless it is already. The switch needs the file to itself and
/// SQLite answers `SQLITE_BUSY` at once, without its busy handler, while another connection
/// reads it (several first opens of a new store at the same moment): it is retried, with a
/// growing pause, up to the busy timeout.
fn enable_wal(conn: &Connection, timeout: std::time::Duration) -> Result<(), StoreError> {
    let current: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if current.eq_ignore_ascii_case("wal") {
        return Ok(());
    }
    let start = std::time::Instant::now();
    let mut pause = std::time::Duration::from_millis(1);
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && start.elapsed() < timeout => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(100));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Turns a lookup failure back into the store error it wraps.
pub(crate) fn lookup_error(e: LookupError) -> StoreError {
    let LookupError { message, source } = e;
    match source.map(|s| s.downcast::<StoreError>()) {
        Some(Ok(store)) => *store,
        Some(Err(other)) => StoreError::Lookup(LookupError { message, source: Some(other) }),
        None => StoreError::Lookup(LookupError::new(message)),
    }
}

/// A plan entry that no longer fits the store (see [`Store::apply_fresh`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleEntry {
    /// The file rows of the entry's customer (as in the plan).
    pub rows: Vec<u32>,
    /// What the plan meant to do: `create`, `update` or `unchanged`.
    pub action: Action,
    /// The stored customer the entry matched (update and unchanged), as in the plan.
    pub id: Option<String>,
    /// Why it is stale.
    pub reason: StaleReason,
}

impl StaleEntry {
    pub(crate) fn new(entry: &PlanEntry, reason: StaleReason) -> Self {
        StaleEntry {
            rows: entry.customer.rows.clone(),
            action: entry.action,
            id: entry.existing.as_ref().map(|r| r.id.clone()),
            reason,
        }
    }
}

/// Why a plan entry is stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StaleReason {
    /// The stored customer was updated since the plan was made (its revision moved).
    Changed,
    /// The stored customer is gone.
    Deleted,
    /// The external id, tax id or name the entry writes now belongs to another stored customer.
    KeyTaken,
}

impl StaleReason {
    /// The stable name: `changed`, `deleted`, `key_taken`.
    pub fn as_str(self) -> &'static str {
        match self {
            StaleReason::Changed => "changed",
            StaleReason::Deleted => "deleted",
            StaleReason::KeyTaken => "key_taken",
        }
    }
}

/// What [`Store::apply_fresh`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyOutcome {
    /// What was written: customers created, updated, and left unchanged (stale entries are
    /// in none of the three).
    pub written: PlanCounts,
    /// The entries not written because they were stale, in plan order.
    pub stale: Vec<StaleEntry>,
}

/// Writes every entry of `plan` that still fits, each in its own savepoint; returns what was
/// written and the stale entries (whose savepoint was rolled back).
fn apply_entries(
    tx: &Transaction<'_>,
    account_id: i64,
    plan: &ImportPlan,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(PlanCounts, Vec<StaleEntry>), StoreError> {
    let total = plan.changes().count();
    let mut written = PlanCounts::default();
    let mut stale = Vec::new();
    let mut done = 0usize;
    let mut writer = Writer::new(tx, account_id)?;
    for entry in &plan.entries {
        if let Some(reason) = stored_state(tx, account_id, entry)? {
            stale.push(StaleEntry::new(entry, reason));
            continue;
        }
        match entry.action {
            Action::Unchanged => written.unchanged += 1,
            Action::Create | Action::Update => {
                tx.execute_batch("SAVEPOINT apply_entry")?;
                match writer.write(entry) {
                    Ok(()) => {
                        tx.execute_batch("RELEASE apply_entry")?;
                        if entry.action == Action::Create {
                            written.created += 1;
                        } else {
                            written.updated += 1;
                        }
                    }
                    Err(StoreError::StalePlan(_)) => {
                        tx.execute_batch("ROLLBACK TO apply_entry; RELEASE apply_entry")?;
                        // A group the entry created is rolled back too: forget the cached ids.
                        writer = Writer::new(tx, account_id)?;
                        stale.push(StaleEntry::new(entry, StaleReason::KeyTaken));
                    }
                    Err(e) => return Err(e),
                }
                done = done.saturating_add(1);
                progress(done, total);
            }
        }
    }
    writer.link_parents()?;
    Ok((written, stale))
}

/// Whether the stored customer an entry matched is still as the plan saw it: `None` when it
/// is (or the entry matched none), else why not.
fn stored_state(tx: &Transaction<'_>, account_id: i64, entry: &PlanEntry) -> Result<Option<StaleReason>, StoreError> {
    let Some(existing) = &entry.existing else { return Ok(None) };
    let id: i64 =
        existing.id.parse().map_err(|_| StoreError::InvalidPlan(format!("`{}` is not a store id", existing.id)))?;
    let revision: Option<i64> = tx
        .prepare_cached("SELECT revision FROM customers WHERE id = ?1 AND account_id = ?2")?
        .query_row(params![id, account_id], |r| r.get(0))
        .optional()?;
    Ok(match revision {
        None => Some(StaleReason::Deleted),
        Some(r) if u64::try_from(r).ok() != Some(existing.revision) => Some(StaleReason::Changed),
        Some(_) => None,
    })
}

/// The message of a refused stale plan: how many entries, and the first rows of each kind.
pub(crate) fn stale_message(stale: &[StaleEntry], entries: usize) -> String {
    let mut parts = Vec::new();
    for reason in [StaleReason::Changed, StaleReason::Deleted, StaleReason::KeyTaken] {
        let rows: Vec<String> = stale
            .iter()
            .filter(|s| s.reason == reason)
            .map(|s| s.rows.first().map_or_else(|| "?".to_owned(), u32::to_string))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let what = match reason {
            StaleReason::Changed => "the stored customer changed since the plan was made",
            StaleReason::Deleted => "the stored customer was deleted",
            StaleReason::KeyTaken => "a stored customer already has its key (external id, tax id or name)",
        };
        let shown: Vec<&str> = rows.iter().take(20).map(String::as_str).collect();
        let more =
            if rows.len() > shown.len() { format!(" and {} more", rows.len() - shown.len()) } else { String::new() };
        parts.push(format!("{what}: row{} {}{more}", if rows.len() == 1 { "" } else { "s" }, shown.join(", ")));
    }
    format!("{} of the plan's {entries} entries are stale ({})", stale.len(), parts.join("; "))
}

pub(crate) fn ensure_account(tx: &Transaction<'_>, name: &str) -> Result<i64, StoreError> {
    if name.trim().is_empty() || name.chars().count() > 200 {
        return Err(StoreError::InvalidAccount);
    }
    tx.execute("INSERT INTO accounts (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", [name])?;
    Ok(tx.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |r| r.get(0))?)
}

/// The contacts of customer `c` as one JSON array, in their order.
const CONTACTS_JSON: &str = "(SELECT json_group_array(json(k.fields)) FROM
    (SELECT fields FROM contacts WHERE customer_id = c.id ORDER BY position, id) k)";

/// One account's customers, answering the reconciler's batched lookups.
///
/// A batch is **one** SQL statement whatever its size: the keys travel as three JSON arrays
/// (`json_each`) and each is matched through its index (`external_id`, `tax_id`,
/// `name_folded`); the contacts come in the same statement as a JSON array.
#[derive(Debug, Clone, Copy)]
pub struct AccountBase<'s> {
    conn: &'s Connection,
    account: Option<i64>,
    /// Only customers with an id up to this one (the base as it was when a streaming import
    /// started: its own creations are not part of it).
    before: Option<i64>,
}

/// The statement one lookup batch runs: `?1` the account id, `?2`, `?3`, `?4` JSON arrays of
/// external ids, tax ids and folded names.
pub const FIND_SQL: &str = "SELECT c.id, c.revision, c.fields, c.custom, (SELECT json_group_array(json(k.fields)) FROM
    (SELECT fields FROM contacts WHERE customer_id = c.id ORDER BY position, id) k)
    FROM customers c WHERE c.id IN (
        SELECT id FROM customers WHERE account_id = ?1 AND external_id IN (SELECT value FROM json_each(?2))
        UNION SELECT id FROM customers WHERE account_id = ?1 AND tax_id IN (SELECT value FROM json_each(?3))
        UNION SELECT id FROM customers WHERE account_id = ?1 AND name_folded IN (SELECT value FROM json_each(?4)))
    ORDER BY c.id";

/// [`FIND_SQL`] restricted to the customers with an id up to `?5` (inside each branch, so the
/// indexes, which end with the rowid, skip the newer rows instead of collecting them).
const FIND_BEFORE_SQL: &str = "SELECT c.id, c.revision, c.fields, c.custom, (SELECT json_group_array(json(k.fields)) FROM
    (SELECT fields FROM contacts WHERE customer_id = c.id ORDER BY position, id) k)
    FROM customers c WHERE c.id IN (
        SELECT id FROM customers WHERE account_id = ?1 AND external_id IN (SELECT value FROM json_each(?2)) AND id <= ?5
        UNION SELECT id FROM customers WHERE account_id = ?1 AND tax_id IN (SELECT value FROM json_each(?3)) AND id <= ?5
        UNION SELECT id FROM customers WHERE account_id = ?1 AND name_folded IN (SELECT value FROM json_each(?4)) AND id <= ?5)
    ORDER BY c.id";

impl AccountBase<'_> {
    fn find_all(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, StoreError> {
        let Some(account) = self.account else { return Ok(Vec::new()) };
        let (mut ids, mut taxes, mut names) = (Vec::new(), Vec::new(), Vec::new());
        for k in keys {
            match k {
                CustomerKey::ExternalId(v) => ids.push(v.as_str()),
                CustomerKey::TaxId(v) => taxes.push(v.as_str()),
                CustomerKey::Name(v) => names.push(v.as_str()),
            }
        }
        let json = |v: &[&str]| serde_json::to_string(v).unwrap_or_else(|_| "[]".to_owned());
        let (ids, taxes, names) = (json(&ids), json(&taxes), json(&names));
        let mut st;
        let mut rows = match self.before {
            None => {
                st = self.conn.prepare_cached(FIND_SQL)?;
                st.query(params![account, ids, taxes, names])?
            }
            Some(before) => {
                st = self.conn.prepare_cached(FIND_BEFORE_SQL)?;
                st.query(params![account, ids, taxes, names, before])?
            }
        };
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(decode_row(row)?);
        }
        Ok(out)
    }
}

impl CustomerLookup for AccountBase<'_> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        self.find_all(keys).map_err(LookupError::from)
    }
}

/// Decodes `id, revision, fields, custom, contacts` into a stored customer.
fn decode_row(row: &rusqlite::Row<'_>) -> Result<Existing, StoreError> {
    let contacts: Option<String> = row.get(4)?;
    decode_parts(row.get(0)?, row.get(1)?, &row.get::<_, String>(2)?, &row.get::<_, String>(3)?, contacts.as_deref())
}

/// A stored customer from its id, revision, fields JSON, custom JSON and contacts JSON array
/// (the same encoding in every backend).
pub(crate) fn decode_parts(
    id: i64,
    revision: i64,
    fields: &str,
    custom: &str,
    contacts: Option<&str>,
) -> Result<Existing, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt { table: "customers", id, reason };
    let mut customer = Customer::with_fields(Vec::new(), decode_fields(fields, false).map_err(corrupt)?);
    customer.custom = if custom == "{}" {
        BTreeMap::new()
    } else {
        serde_json::from_str(custom).map_err(|e| corrupt(e.to_string()))?
    };
    if let Some(contacts) = contacts.filter(|c| *c != "[]") {
        let contacts: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(contacts).map_err(|e| corrupt(e.to_string()))?;
        for c in contacts {
            customer.contacts.push(Contact::with_fields(0, decode_map(c, true).map_err(corrupt)?));
        }
    }
    Ok(Existing { id: id.to_string(), revision: u64::try_from(revision).unwrap_or(0), customer })
}

/// The stored JSON object of a customer's or contact's fields (`fields()` of either).
pub(crate) fn encode_values<'a>(values: impl Iterator<Item = (Field, &'a Value)>) -> String {
    let map: serde_json::Map<String, serde_json::Value> = values
        .map(|(f, v)| (f.as_str().to_owned(), serde_json::to_value(v).unwrap_or(serde_json::Value::Null)))
        .collect();
    serde_json::Value::Object(map).to_string()
}

fn decode_fields(json: &str, contact: bool) -> Result<BTreeMap<Field, Value>, String> {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    decode_map(map, contact)
}

/// Converts stored JSON to field values directly (much faster than `Value`'s untagged serde).
fn decode_map(
    map: serde_json::Map<String, serde_json::Value>,
    contact: bool,
) -> Result<BTreeMap<Field, Value>, String> {
    map.into_iter()
        .map(|(k, v)| {
            let field = Field::from_name(&k)
                .filter(|f| f.is_contact() == contact)
                .ok_or_else(|| format!("unknown field `{k}`"))?;
            let value = match v {
                serde_json::Value::Bool(b) => Value::Bool(b),
                serde_json::Value::Number(n) => match n.as_i64() {
                    Some(i) => Value::Int(i),
                    None => Value::Number(n.as_f64().ok_or_else(|| format!("bad number in `{k}`"))?),
                },
                serde_json::Value::String(s) => Value::Text(s),
                serde_json::Value::Array(items) => Value::List(
                    items
                        .into_iter()
                        .map(|i| match i {
                            serde_json::Value::String(s) => Ok(s),
                            _ => Err(format!("bad list item in `{k}`")),
                        })
                        .collect::<Result<_, String>>()?,
                ),
                serde_json::Value::Null | serde_json::Value::Object(_) => return Err(format!("bad value in `{k}`")),
            };
            Ok((field, value))
        })
        .collect()
}

/// Writes plan entries inside one transaction, with its statements prepared once.
struct Writer<'t, 'c> {
    tx: &'t Transaction<'c>,
    account: i64,
    groups: HashMap<String, i64>,
}

const INSERT_CUSTOMER: &str = "INSERT INTO customers (account_id, external_id, tax_id, name, name_folded, email,
    group_id, parent_external_id, parent_name_folded, fields, custom)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
const UPDATE_CUSTOMER: &str = "UPDATE customers SET external_id = ?3, tax_id = ?4, name = ?5, name_folded = ?6,
    email = ?7, group_id = ?8, parent_external_id = ?9, parent_name_folded = ?10, fields = ?11, custom = ?12,
    revision = revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE id = ?1 AND account_id = ?2 AND revision = ?13";

impl<'t, 'c> Writer<'t, 'c> {
    fn new(tx: &'t Transaction<'c>, account: i64) -> Result<Self, StoreError> {
        let mut st = tx.prepare_cached("SELECT name, id FROM groups WHERE account_id = ?1")?;
        let groups = st.query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(Writer { tx, account, groups })
    }

    fn group_id(&mut self, name: Option<&str>) -> Result<Option<i64>, StoreError> {
        let Some(name) = name else { return Ok(None) };
        if let Some(id) = self.groups.get(name) {
            return Ok(Some(*id));
        }
        self.tx.execute("INSERT INTO groups (account_id, name) VALUES (?1, ?2)", params![self.account, name])?;
        let id = self.tx.last_insert_rowid();
        self.groups.insert(name.to_owned(), id);
        Ok(Some(id))
    }

    fn write(&mut self, entry: &PlanEntry) -> Result<(), StoreError> {
        let c = &entry.customer;
        let group = self.group_id(c.text(Field::Group))?;
        // The key columns hold the keys as the plan compares them: NFC, names folded.
        let external_id = c.text(Field::ExternalId).map(nfc_key);
        let tax_id = c.text(Field::TaxId).map(nfc_key);
        let parent_id = c.text(Field::ParentId).map(nfc_key);
        let name_folded = c.text(Field::Name).map(fold_name);
        let parent_name = c.text(Field::ParentName).map(fold_name);
        let fields = encode_values(c.fields());
        let custom = serde_json::to_string(&c.custom).unwrap_or_else(|_| "{}".to_owned());
        let conflict = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::StalePlan(format!(
                "a stored customer already has the key of the customer of row {} (external id, tax id, or a name \
                 without either)",
                c.rows.first().copied().unwrap_or(0)
            )),
            _ => StoreError::from(e),
        };
        let id = match (&entry.existing, entry.action) {
            (None, Action::Create) => {
                let mut st = self.tx.prepare_cached(INSERT_CUSTOMER)?;
                st.execute(params![
                    self.account,
                    external_id,
                    tax_id,
                    c.text(Field::Name),
                    name_folded,
                    c.text(Field::Email),
                    group,
                    parent_id,
                    parent_name,
                    fields,
                    custom
                ])
                .map_err(conflict)?;
                self.tx.last_insert_rowid()
            }
            (Some(r), Action::Update) => {
                let id: i64 =
                    r.id.parse().map_err(|_| StoreError::InvalidPlan(format!("`{}` is not a store id", r.id)))?;
                let revision = i64::try_from(r.revision).map_err(|_| StoreError::InvalidPlan("revision".to_owned()))?;
                let mut st = self.tx.prepare_cached(UPDATE_CUSTOMER)?;
                let n = st
                    .execute(params![
                        id,
                        self.account,
                        external_id,
                        tax_id,
                        c.text(Field::Name),
                        name_folded,
                        c.text(Field::Email),
                        group,
                        parent_id,
                        parent_name,
                        fields,
                        custom,
                        revision
                    ])
                    .map_err(conflict)?;
                if n != 1 {
                    return Err(StoreError::StalePlan(format!("customer {id} changed since the plan was made")));
                }
                self.tx.prepare_cached("DELETE FROM contacts WHERE customer_id = ?1")?.execute([id])?;
                id
            }
            (existing, action) => {
                return Err(StoreError::InvalidPlan(format!(
                    "a {} entry {} a stored customer",
                    action.as_str(),
                    if existing.is_some() { "with" } else { "without" }
                )));
            }
        };
        let mut st = self
            .tx
            .prepare_cached("INSERT INTO contacts (customer_id, position, email, fields) VALUES (?1, ?2, ?3, ?4)")?;
        for (position, contact) in c.contacts.iter().enumerate() {
            st.execute(params![
                id,
                i64::try_from(position).unwrap_or(i64::MAX),
                contact.text(Field::ContactEmail),
                encode_values(contact.fields())
            ])?;
        }
        Ok(())
    }

    /// Resolves every parent reference of the account to the parent's row (by external id,
    /// else by folded name: the first such customer).
    fn link_parents(&self) -> Result<(), StoreError> {
        self.tx.execute(
            "UPDATE customers AS c SET parent_customer_id = coalesce(
                (SELECT p.id FROM customers p WHERE p.account_id = c.account_id AND p.external_id = c.parent_external_id),
                (SELECT min(p.id) FROM customers p WHERE p.account_id = c.account_id AND p.name_folded = c.parent_name_folded))
             WHERE c.account_id = ?1 AND (c.parent_external_id IS NOT NULL OR c.parent_name_folded IS NOT NULL)",
            [self.account],
        )?;
        Ok(())
    }
}
