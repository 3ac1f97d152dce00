//! The one error type of the store.

use cadastro::LookupError;

/// A failure of the embedded store. Every variant has a stable [`code`](StoreError::code).
///
/// ```
/// let err = cadastro_store::StoreError::UnknownAccount("acme".into());
/// assert_eq!(err.code(), "unknown_account");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused an operation (file not a database, disk full...).
    #[error("store: {0}")]
    Sqlite(rusqlite::Error),
    /// PostgreSQL refused an operation (a query, a constraint, the server's own error).
    #[error("store (PostgreSQL): {}", pg_message(.0))]
    Postgres(postgres::Error),
    /// The PostgreSQL server could not be reached or the connection was lost (host down, wrong
    /// port, authentication refused): nothing was written.
    #[error("cannot reach the PostgreSQL store: {0}; nothing was written")]
    Unreachable(String),
    /// A store location that is neither a SQLite path (`PATH`, `sqlite:PATH`) nor a PostgreSQL
    /// URL (`postgres://...`, `postgresql://...`).
    #[error(
        "unsupported store location `{0}`: use a SQLite file (PATH or sqlite:PATH) or a PostgreSQL URL (postgres://user@host/db)"
    )]
    UnsupportedLocation(String),
    /// Another connection held the store's write lock past the busy timeout (a long import
    /// is writing to it): nothing was written; retry when it is done.
    #[error(
        "the store is busy: another process or thread is writing to it ({0}); nothing was written, retry when it is done"
    )]
    Busy(String),
    /// The file is a SQLite database of another application (it has tables and is not a
    /// cadastro store): cadastro refuses to add its tables to it.
    #[error("not a cadastro store: {0}; use another file (cadastro only creates its store in a new or empty database)")]
    NotAStore(String),
    /// `PRAGMA quick_check` found damage in the store file (zeroed or torn pages): nothing is
    /// read or written until it is restored from a backup.
    #[error("the store file is damaged: {0}; restore it from a backup (nothing was read or written)")]
    Damaged(String),
    /// A schema migration found customers that the new unique keys refuse (duplicates left
    /// by an older cadastro's concurrent imports); nothing was changed.
    #[error(
        "the store holds duplicate customers that its unique keys refuse: {0}; nothing was changed: export the account (a read-only open still reads it), remove the duplicates and import into a new store"
    )]
    Duplicates(String),
    /// The store file was written by a newer cadastro.
    #[error("the store's schema version {found} is newer than this build supports ({supported})")]
    NewerSchema {
        /// The version found in the file.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// A read-only store needs a migration first (open it read-write once).
    #[error("the store's schema version {found} is older than {supported}; open it read-write once to migrate")]
    Outdated {
        /// The version found in the file.
        found: u32,
        /// The version this build needs.
        supported: u32,
    },
    /// An account name that is empty or too long.
    #[error("invalid account name (1 to 200 characters)")]
    InvalidAccount,
    /// No account by that name.
    #[error("unknown account `{0}`")]
    UnknownAccount(String),
    /// The plan was made against a base that has changed since (a stored customer was updated
    /// or a created key was taken); nothing was written.
    #[error("the plan is stale: {0}; nothing was written, plan the import again")]
    StalePlan(String),
    /// The plan does not come from this store (an id that is not one of its ids).
    #[error("invalid plan: {0}")]
    InvalidPlan(String),
    /// A lookup of the base failed.
    #[error(transparent)]
    Lookup(LookupError),
    /// A file-level failure of the core while importing a file (unreadable file, missing
    /// required column...): its code is the core's kind.
    #[error(transparent)]
    Core(#[from] cadastro::Error),
    /// A stored value does not decode (the file was edited by hand).
    #[error("corrupt stored data in {table} row {id}: {reason}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The row id.
        id: i64,
        /// What failed to decode.
        reason: String,
    },
}

impl StoreError {
    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Sqlite(_) => "store_error",
            StoreError::Postgres(_) => "store_error",
            StoreError::Unreachable(_) => "store_unreachable",
            StoreError::UnsupportedLocation(_) => "unsupported_store",
            StoreError::Busy(_) => "store_busy",
            StoreError::NotAStore(_) => "not_a_store",
            StoreError::Damaged(_) => "store_corrupt",
            StoreError::Duplicates(_) => "store_duplicates",
            StoreError::NewerSchema { .. } => "store_too_new",
            StoreError::Outdated { .. } => "store_outdated",
            StoreError::InvalidAccount => "invalid_account",
            StoreError::UnknownAccount(_) => "unknown_account",
            StoreError::StalePlan(_) => "stale_plan",
            StoreError::InvalidPlan(_) => "invalid_plan",
            StoreError::Corrupt { .. } => "store_corrupt",
            StoreError::Lookup(_) => "lookup_failed",
            StoreError::Core(e) => e.code(),
        }
    }
}

impl StoreError {
    /// Every code [`StoreError::code`] can return (besides the core's kinds, which
    /// [`StoreError::Core`] passes through), for hosts' error tables.
    pub const ALL: &'static [&'static str] = &[
        "store_error",
        "store_busy",
        "store_unreachable",
        "unsupported_store",
        "not_a_store",
        "store_too_new",
        "store_outdated",
        "store_corrupt",
        "store_duplicates",
        "invalid_account",
        "unknown_account",
        "stale_plan",
        "invalid_plan",
        "lookup_failed",
    ];
}

/// SQLite's "busy" and "locked" answers become [`StoreError::Busy`]; the rest stay
/// [`StoreError::Sqlite`].
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy(e.to_string())
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// PostgreSQL's `lock_not_available` (the lock timeout, [`crate::CustomerStore::set_busy_timeout`])
/// becomes [`StoreError::Busy`]; a connection that failed or closed becomes
/// [`StoreError::Unreachable`]; the rest stay [`StoreError::Postgres`].
impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        match e.code() {
            Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => StoreError::Busy(pg_message(&e)),
            Some(c)
                if *c == SqlState::INVALID_PASSWORD
                    || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                    || *c == SqlState::INVALID_CATALOG_NAME
                    || *c == SqlState::CANNOT_CONNECT_NOW
                    || *c == SqlState::ADMIN_SHUTDOWN =>
            {
                StoreError::Unreachable(pg_message(&e))
            }
            None if e.is_closed() || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) => {
                StoreError::Unreachable(pg_message(&e))
            }
            _ => StoreError::Postgres(e),
        }
    }
}

impl From<StoreError> for LookupError {
    fn from(e: StoreError) -> Self {
        LookupError::with_source("the embedded store could not answer", e)
    }
}

/// A PostgreSQL error with the server's message (its `Display` alone says only "db error").
pub(crate) fn pg_message(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut out = format!("{} ({})", db.message(), db.code().code());
        if let Some(detail) = db.detail() {
            out.push_str(": ");
            out.push_str(detail);
        }
        return out;
    }
    match std::error::Error::source(e) {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    }
}
