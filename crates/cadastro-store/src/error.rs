//! The one error type of the store.

use cadastro::reconcile::LookupError;

/// A failure of the embedded store. Every variant has a stable [`code`](StoreError::code).
///
/// ```
/// let err = cadastro_store::StoreError::UnknownAccount("acme".into());
/// assert_eq!(err.code(), "unknown_account");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused an operation (file not a database, disk full, locked...).
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
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

impl From<StoreError> for LookupError {
    fn from(e: StoreError) -> Self {
        LookupError::with_source("the embedded store could not answer", e)
    }
}
