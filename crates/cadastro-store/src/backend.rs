//! The store interface every backend implements ([`CustomerStore`]) and the one opener by
//! location ([`open_store`]): a plain path or `sqlite:PATH` is the embedded SQLite store
//! ([`Store`]), `postgres://...` / `postgresql://...` a PostgreSQL database ([`PgStore`]).
//!
//! The interface is a trait object (`Box<dyn CustomerStore>`): every method takes plain
//! references and `&mut dyn FnMut` callbacks, so a host (the CLI, `cadastro serve`, the
//! bindings through the host crate) holds one store whatever the backend and never names it.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Duration;

use cadastro::{BaseParents, CustomerLookup, ImportPlan, Reconciler};
use cadastro::{Customer, Importer, Locale, PlanCounts, Profile, Report, Source, Table};

use crate::{ApplyOutcome, DEFAULT_BUSY_TIMEOUT, ImportMode, ImportOutcome, PgStore, Store, StoreError};
use crate::{StreamChunk, StreamOutcome, lookup_error};

/// Which backend a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded SQLite file ([`Store`]).
    Sqlite,
    /// A PostgreSQL database ([`PgStore`]).
    Postgres,
}

impl Backend {
    /// The stable name: `sqlite`, `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where a store lives, parsed from the location a user gives (`--store`, a binding's path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file: a plain path, or `sqlite:PATH` (`sqlite://PATH` too).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`, libpq's syntax).
    Postgres(String),
}

impl StoreLocation {
    /// Parses a location: `postgres://...` and `postgresql://...` are PostgreSQL; `sqlite:PATH`
    /// and a plain path (no `scheme://`) are SQLite.
    ///
    /// ```
    /// use cadastro_store::StoreLocation;
    /// assert!(matches!(StoreLocation::parse("cadastro.db")?, StoreLocation::Sqlite(_)));
    /// assert!(matches!(StoreLocation::parse("sqlite:data/c.db")?, StoreLocation::Sqlite(_)));
    /// assert!(matches!(StoreLocation::parse("postgres://app@db/billing")?, StoreLocation::Postgres(_)));
    /// assert_eq!(StoreLocation::parse("mysql://db/x").unwrap_err().code(), "unsupported_store");
    /// # Ok::<(), cadastro_store::StoreError>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::UnsupportedLocation`] for an empty location or another URL scheme.
    pub fn parse(location: &str) -> Result<StoreLocation, StoreError> {
        let unsupported = || StoreError::UnsupportedLocation(redact(location));
        if location.trim().is_empty() {
            return Err(unsupported());
        }
        let lower = location.get(..13).unwrap_or(location).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(location.to_owned()));
        }
        if let Some(rest) = location.strip_prefix("sqlite://").or_else(|| location.strip_prefix("sqlite:")) {
            if rest.is_empty() {
                return Err(unsupported());
            }
            return Ok(StoreLocation::Sqlite(PathBuf::from(rest)));
        }
        // `scheme://` of anything else (mysql://, http://...): not a path anyone means.
        if let Some((scheme, _)) = location.split_once("://")
            && !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return Err(unsupported());
        }
        Ok(StoreLocation::Sqlite(PathBuf::from(location)))
    }

    /// The location as shown to users: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            StoreLocation::Sqlite(p) => p.display().to_string(),
            StoreLocation::Postgres(url) => redact(url),
        }
    }
}

/// A URL with its password replaced by `***` (for messages and summaries).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(parts) => parts,
        None => return url.to_owned(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// How [`open_store`] opens a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// How long a write waits for another writer (SQLite's busy timeout; PostgreSQL's
    /// `lock_timeout` on the account lock) before [`StoreError::Busy`].
    pub busy_timeout: Duration,
    /// Read only: nothing is created, migrated or written (dry runs, exports). A SQLite file
    /// must exist; a PostgreSQL database must already hold the schema.
    pub read_only: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { busy_timeout: DEFAULT_BUSY_TIMEOUT, read_only: false }
    }
}

/// Opens the store at `location` ([`StoreLocation::parse`]) with its backend, migrating its
/// schema unless read-only.
///
/// ```
/// use cadastro_store::{OpenOptions, open_store};
/// let dir = std::env::temp_dir().join(format!("cadastro-open-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).ok();
/// let path = dir.join("c.db");
/// let mut store = open_store(&format!("sqlite:{}", path.display()), OpenOptions::default())?;
/// assert_eq!(store.backend().as_str(), "sqlite");
/// store.create_account("acme")?;
/// assert_eq!(store.accounts()?, vec!["acme".to_owned()]);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), cadastro_store::StoreError>(())
/// ```
///
/// # Errors
/// [`StoreError::UnsupportedLocation`]; the backend's open errors ([`Store::open`],
/// [`PgStore::connect`]).
pub fn open_store(location: &str, options: OpenOptions) -> Result<Box<dyn CustomerStore>, StoreError> {
    match StoreLocation::parse(location)? {
        StoreLocation::Sqlite(path) => {
            let store = if options.read_only {
                let store = Store::open_read_only(&path)?;
                store.set_busy_timeout(options.busy_timeout)?;
                store
            } else {
                Store::open_with_busy_timeout(&path, options.busy_timeout)?
            };
            Ok(Box::new(store))
        }
        StoreLocation::Postgres(url) => Ok(Box::new(PgStore::connect_with(&url, options)?)),
    }
}

/// A customer store: accounts of customers (with contacts, groups and parent links) that
/// plans are made against and applied to. Implemented by the embedded SQLite [`Store`] and by
/// [`PgStore`]; [`open_store`] picks one by location.
///
/// Every write is one transaction: all of it or nothing. Concurrent writers into one account
/// are serialized (SQLite's write lock; PostgreSQL's per-account advisory lock), so two imports
/// of the same file at once create each customer once.
pub trait CustomerStore: Send + std::fmt::Debug {
    /// Which backend this is.
    fn backend(&self) -> Backend;

    /// The schema version of the store.
    ///
    /// # Errors
    /// The backend's failure.
    fn schema_version(&mut self) -> Result<u32, StoreError>;

    /// How long a write waits for another writer before [`StoreError::Busy`].
    ///
    /// # Errors
    /// The backend's failure.
    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError>;

    /// Every account name, sorted.
    ///
    /// # Errors
    /// The backend's failure.
    fn accounts(&mut self) -> Result<Vec<String>, StoreError>;

    /// Every account with its number of customers, sorted by name.
    ///
    /// # Errors
    /// The backend's failure.
    fn account_sizes(&mut self) -> Result<Vec<(String, u64)>, StoreError>;

    /// Creates an account if it does not exist yet.
    ///
    /// # Errors
    /// [`StoreError::InvalidAccount`]; the backend's failure.
    fn create_account(&mut self, name: &str) -> Result<(), StoreError>;

    /// The group names of an account (with at least one customer), sorted.
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`]; the backend's failure.
    fn groups(&mut self, account: &str) -> Result<Vec<String>, StoreError>;

    /// The customers of an account (all, or one group), in creation order, with their contacts
    /// (the export listing).
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`]; [`StoreError::Corrupt`]; the backend's failure.
    fn list_customers(&mut self, account: &str, group: Option<&str>) -> Result<Vec<Customer>, StoreError>;

    /// The base of one account as the reconciler's batched lookup (one statement per batch);
    /// an account that does not exist is an empty base. Wrap it in
    /// [`cadastro::LookupParents`] for the validation's parent lookups.
    ///
    /// # Errors
    /// The backend's failure.
    fn base<'s>(&'s mut self, account: &str) -> Result<Box<dyn CustomerLookup + 's>, StoreError>;

    /// Applies a plan made against `account` (created if missing), all or nothing: any stale
    /// entry ([`CustomerStore::apply_fresh`]) refuses the whole plan with
    /// [`StoreError::StalePlan`]. `progress(done, total)` after each written customer.
    ///
    /// # Errors
    /// [`StoreError::StalePlan`], [`StoreError::InvalidPlan`], [`StoreError::Busy`]; the
    /// backend's failure. On any error nothing is written.
    fn apply_with_progress(
        &mut self,
        account: &str,
        plan: &ImportPlan,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<PlanCounts, StoreError>;

    /// Applies the entries of a reviewed plan that still fit the store (revision unchanged,
    /// keys free), in one transaction, and returns the stale ones unwritten.
    ///
    /// # Errors
    /// [`StoreError::InvalidPlan`], [`StoreError::Busy`]; the backend's failure.
    fn apply_fresh(&mut self, account: &str, plan: &ImportPlan) -> Result<ApplyOutcome, StoreError>;

    /// The flow of `cadastro import` on a validated report: planned under the account's write
    /// lock and applied in the same transaction unless `mode` says not to; `key_conflict` rows
    /// move to the report's issues in `locale`; `before_commit(report)` runs before anything is
    /// committed (a dry run calls it too) and its error rolls back.
    ///
    /// # Errors
    /// As [`CustomerStore::apply_with_progress`]; whatever `before_commit` returns.
    fn import_report_with(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
        locale: Locale,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<ImportOutcome, StoreError>;

    /// Plans and applies customers (another account's, a host's own) into `account`, in one
    /// transaction under the account's write lock.
    ///
    /// # Errors
    /// As [`CustomerStore::apply_with_progress`].
    fn import_customers(
        &mut self,
        account: &str,
        customers: &[Customer],
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError>;

    /// The streamed `cadastro import` of a large delimited text file in bounded memory: chunk
    /// by chunk, each reconciled against the account's base as it was before the import (and
    /// against the stored customers earlier chunks already claimed), all in one transaction.
    ///
    /// # Errors
    /// See [`Store::import_stream`].
    fn import_stream(
        &mut self,
        account: &str,
        importer: &Importer,
        source: &Source,
        mode: ImportMode,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(StreamChunk<'_>) -> ControlFlow<()>,
    ) -> Result<StreamOutcome, StoreError>;

    /// [`CustomerStore::apply_with_progress`] without progress.
    ///
    /// # Errors
    /// As [`CustomerStore::apply_with_progress`].
    fn apply(&mut self, account: &str, plan: &ImportPlan) -> Result<PlanCounts, StoreError> {
        self.apply_with_progress(account, plan, &mut |_, _| {})
    }

    /// The whole `cadastro import` flow on a table already read: parents resolved against the
    /// file and the account's base, validation, plan, apply per `mode`, `before_commit` as in
    /// [`CustomerStore::import_report_with`].
    ///
    /// # Errors
    /// The mapping's file-level failures as [`StoreError::Core`]; as
    /// [`CustomerStore::import_report_with`].
    fn import_table_with(
        &mut self,
        account: &str,
        importer: &Importer,
        table: &Table,
        mode: ImportMode,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<(Report, ImportOutcome), StoreError> {
        let columns = importer.columns(table)?;
        let parents = {
            let base = self.base(account)?;
            BaseParents::for_table(table, &columns, &*base).map_err(lookup_error)?
        };
        let mut report = importer.validate_table_with_progress(table, &parents, &mut |_, _| {})?;
        let opts = importer.options();
        let locale = report.locale;
        let outcome = self.import_report_with(account, &mut report, &opts.profile, mode, locale, before_commit)?;
        Ok((report, outcome))
    }

    /// The plan of copying `from`'s customers (all, or one group) into `to`, written nowhere.
    ///
    /// # Errors
    /// [`StoreError::UnknownAccount`] for `from`; the reads' failures.
    fn plan_copy(
        &mut self,
        from: &str,
        to: &str,
        group: Option<&str>,
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        let customers = self.list_customers(from, group)?;
        let base = self.base(to)?;
        Reconciler::new(profile).plan(&customers, &*base).map_err(lookup_error)
    }

    /// Copies `from`'s customers (all, or one group) into `to`: [`CustomerStore::plan_copy`]
    /// then [`CustomerStore::apply`].
    ///
    /// # Errors
    /// As [`CustomerStore::plan_copy`]; as [`CustomerStore::apply`].
    fn copy_account(
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
}

impl CustomerStore for Store {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn schema_version(&mut self) -> Result<u32, StoreError> {
        Store::schema_version(self)
    }

    fn set_busy_timeout(&mut self, timeout: Duration) -> Result<(), StoreError> {
        Store::set_busy_timeout(self, timeout)
    }

    fn accounts(&mut self) -> Result<Vec<String>, StoreError> {
        Store::accounts(self)
    }

    fn account_sizes(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        Store::account_sizes(self)
    }

    fn create_account(&mut self, name: &str) -> Result<(), StoreError> {
        Store::create_account(self, name)
    }

    fn groups(&mut self, account: &str) -> Result<Vec<String>, StoreError> {
        Store::groups(self, account)
    }

    fn list_customers(&mut self, account: &str, group: Option<&str>) -> Result<Vec<Customer>, StoreError> {
        Store::list_customers(self, account, group)
    }

    fn base<'s>(&'s mut self, account: &str) -> Result<Box<dyn CustomerLookup + 's>, StoreError> {
        Ok(Box::new(Store::base(self, account)?))
    }

    fn apply_with_progress(
        &mut self,
        account: &str,
        plan: &ImportPlan,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<PlanCounts, StoreError> {
        Store::apply_with_progress(self, account, plan, progress)
    }

    fn apply_fresh(&mut self, account: &str, plan: &ImportPlan) -> Result<ApplyOutcome, StoreError> {
        Store::apply_fresh(self, account, plan)
    }

    fn import_report_with(
        &mut self,
        account: &str,
        report: &mut Report,
        profile: &Profile,
        mode: ImportMode,
        locale: Locale,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<ImportOutcome, StoreError> {
        Store::import_report_with(self, account, report, profile, mode, locale, before_commit)
    }

    fn import_customers(
        &mut self,
        account: &str,
        customers: &[Customer],
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        Store::import_customers(self, account, customers, profile)
    }

    fn import_stream(
        &mut self,
        account: &str,
        importer: &Importer,
        source: &Source,
        mode: ImportMode,
        chunk_rows: usize,
        on_chunk: &mut dyn FnMut(StreamChunk<'_>) -> ControlFlow<()>,
    ) -> Result<StreamOutcome, StoreError> {
        Store::import_stream(self, account, importer, source, mode, chunk_rows, on_chunk)
    }

    fn import_table_with(
        &mut self,
        account: &str,
        importer: &Importer,
        table: &Table,
        mode: ImportMode,
        before_commit: &mut dyn FnMut(&Report) -> Result<(), cadastro::Error>,
    ) -> Result<(Report, ImportOutcome), StoreError> {
        Store::import_table_with(self, account, importer, table, mode, before_commit)
    }

    fn plan_copy(
        &mut self,
        from: &str,
        to: &str,
        group: Option<&str>,
        profile: &Profile,
    ) -> Result<ImportPlan, StoreError> {
        Store::plan_copy(self, from, to, group, profile)
    }
}
