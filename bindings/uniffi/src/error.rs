//! The one error table of the UniFFI binding: core error kind -> [`CadastroError`] variant.
//!
//! Foreign names: Kotlin `CadastroException` (variants `CadastroException.EmptyFile`, ...,
//! `EncodingException`, `WriteException`), Swift `CadastroError` (`.EmptyFile(detail:)`), Python
//! `CadastroError.EmptyFile`. Every variant carries one field, `detail`: the core's `Display` text
//! (it names rows, columns, fields and limits, never cell contents). The method `kind()` gives the
//! contract's kind string (CONTRACT section 4), the same as `cadastro::Error::code()`, on any
//! variant (Kotlin `e.kind()` on a caught `CadastroException`).
//!
//! A Rust panic is not mapped here: UniFFI catches it at the FFI boundary and raises its own
//! `InternalException` (Kotlin), `InternalError` (Python) or `UniffiInternalError` (Swift). Never
//! build this library with `panic = "abort"`.

use cadastro::ErrorKind;

/// A file-level failure or a configuration mistake. Bad data is never an error: it is an issue in
/// the report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum CadastroError {
    /// The bytes are not CSV or a spreadsheet (HTML or XML saved as .xls is named as such).
    #[error("{detail}")]
    UnsupportedFormat {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The file claims a format but its structure is broken.
    #[error("{detail}")]
    CorruptFile {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The workbook is password-protected.
    #[error("{detail}")]
    EncryptedFile {
        /// What happened, without cell contents.
        detail: String,
    },
    /// Zero bytes, only whitespace, or a sheet with no cell.
    #[error("{detail}")]
    EmptyFile {
        /// What happened, without cell contents.
        detail: String,
    },
    /// No row looks like a header row.
    #[error("{detail}")]
    NoHeader {
        /// What happened, without cell contents.
        detail: String,
    },
    /// Two columns would map to one field and no explicit mapping says which.
    #[error("{detail}")]
    DuplicateHeader {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A field the profile requires has no column.
    #[error("{detail}")]
    MissingRequiredColumn {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A resource limit was exceeded.
    #[error("{detail}")]
    LimitExceeded {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The text could not be decoded.
    #[error("{detail}")]
    EncodingError {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The requested sheet does not exist.
    #[error("{detail}")]
    SheetNotFound {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A profile document is invalid.
    #[error("{detail}")]
    InvalidProfile {
        /// What happened, without cell contents.
        detail: String,
    },
    /// An option, a field name or a mapping document is invalid.
    #[error("{detail}")]
    InvalidOptions {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The operating system refused (missing file, permission, disk full).
    #[error("{detail}")]
    Io {
        /// What happened, without cell contents.
        detail: String,
    },
    /// Writing a file (error file, export) failed.
    #[error("{detail}")]
    WriteError {
        /// What happened, without cell contents.
        detail: String,
    },
    /// SQLite refused an operation of the embedded store (not a database, disk full, locked).
    #[error("{detail}")]
    StoreError {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The store file was written by a newer cadastro.
    #[error("{detail}")]
    StoreTooNew {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A store opened read-only needs a migration first.
    #[error("{detail}")]
    StoreOutdated {
        /// What happened, without cell contents.
        detail: String,
    },
    /// An account name that is empty or too long.
    #[error("{detail}")]
    InvalidAccount {
        /// What happened, without cell contents.
        detail: String,
    },
    /// No account by that name in the store.
    #[error("{detail}")]
    UnknownAccount {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The base changed since the plan was made; nothing was written.
    #[error("{detail}")]
    StalePlan {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A plan that does not come from this store.
    #[error("{detail}")]
    InvalidPlan {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A stored value does not decode (the store file was edited by hand), or the file has
    /// damaged pages (`PRAGMA quick_check` on open).
    #[error("{detail}")]
    StoreCorrupt {
        /// What happened, without cell contents.
        detail: String,
    },
    /// Another process or thread held the store's write lock past the busy timeout; nothing
    /// was written: retry when it is done.
    #[error("{detail}")]
    StoreBusy {
        /// What happened, without cell contents.
        detail: String,
    },
    /// A SQLite database of another application (not a cadastro store, not empty).
    #[error("{detail}")]
    NotAStore {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The store's server (PostgreSQL) could not be reached.
    #[error("{detail}")]
    StoreUnreachable {
        /// What happened (the location's password hidden).
        detail: String,
    },
    /// A store location of no supported kind (a path, `sqlite:PATH`, `postgres://...`).
    #[error("{detail}")]
    UnsupportedStore {
        /// What happened (the location's password hidden).
        detail: String,
    },
    /// A store migration found customers sharing a key that becomes unique; nothing changed.
    #[error("{detail}")]
    StoreDuplicates {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The customer lookup failed: the host's `CustomerLookup.find` threw (any exception), or the
    /// store could not answer.
    #[error("{detail}")]
    LookupFailed {
        /// What happened, without cell contents.
        detail: String,
    },
    /// The host's `ChunkSink.on_chunk` or `ImportSink.on_chunk` threw (any exception): the stream
    /// stopped there (and an import rolled back).
    #[error("{detail}")]
    CallbackFailed {
        /// What happened, the sink's message included.
        detail: String,
    },
    /// A callback (`ImportSink.on_chunk`) called back into the `Store` running it: refused at
    /// once (it would wait for itself forever). Call it after the running call returns.
    #[error("{detail}")]
    ReentrantCall {
        /// What happened: the method that was called back.
        detail: String,
    },
    /// The store was closed before this call (`store_closed`; a UniFFI `Store` is closed when
    /// the host drops it, so only the generic `call` path meets it today).
    #[error("{detail}")]
    StoreClosed {
        /// What happened.
        detail: String,
    },
    /// A failure that is a bug in cadastro or in this binding (a kind this binding does not know
    /// yet, a conversion that failed). Rust panics surface as UniFFI's own internal error instead.
    #[error("{detail}")]
    Internal {
        /// What happened, without cell contents.
        detail: String,
    },
}

/// The kind string of [`CadastroError::Internal`] (binding-only: the core has no such kind).
pub const INTERNAL: &str = "internal";

/// The kind string of [`CadastroError::CallbackFailed`] (binding-only: a host callback threw).
pub const CALLBACK_FAILED: &str = "callback_failed";

/// The kind string of a failed customer lookup (`cadastro::LookupError::code`).
pub const LOOKUP_FAILED: &str = "lookup_failed";

/// The kind strings of the embedded store (`cadastro_store::StoreError::code`), in the order of
/// its variants.
pub const STORE_KINDS: [&str; 14] = [
    "store_error",
    "store_too_new",
    "store_outdated",
    "invalid_account",
    "unknown_account",
    "stale_plan",
    "invalid_plan",
    LOOKUP_FAILED,
    "store_corrupt",
    "store_busy",
    "not_a_store",
    "store_duplicates",
    "store_unreachable",
    "unsupported_store",
];

#[uniffi::export]
impl CadastroError {
    /// The contract's kind string (`"empty_file"`, `"io"`, ...; `"internal"` for `Internal`).
    pub fn kind(&self) -> String {
        self.code().to_owned()
    }
}

impl CadastroError {
    /// The kind string, borrowed.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::CorruptFile { .. } => "corrupt_file",
            Self::EncryptedFile { .. } => "encrypted_file",
            Self::EmptyFile { .. } => "empty_file",
            Self::NoHeader { .. } => "no_header",
            Self::DuplicateHeader { .. } => "duplicate_header",
            Self::MissingRequiredColumn { .. } => "missing_required_column",
            Self::LimitExceeded { .. } => "limit_exceeded",
            Self::EncodingError { .. } => "encoding_error",
            Self::SheetNotFound { .. } => "sheet_not_found",
            Self::InvalidProfile { .. } => "invalid_profile",
            Self::InvalidOptions { .. } => "invalid_options",
            Self::Io { .. } => "io",
            Self::WriteError { .. } => "write_error",
            Self::StoreError { .. } => "store_error",
            Self::StoreTooNew { .. } => "store_too_new",
            Self::StoreOutdated { .. } => "store_outdated",
            Self::InvalidAccount { .. } => "invalid_account",
            Self::UnknownAccount { .. } => "unknown_account",
            Self::StalePlan { .. } => "stale_plan",
            Self::InvalidPlan { .. } => "invalid_plan",
            Self::StoreCorrupt { .. } => "store_corrupt",
            Self::StoreBusy { .. } => "store_busy",
            Self::NotAStore { .. } => "not_a_store",
            Self::StoreUnreachable { .. } => "store_unreachable",
            Self::UnsupportedStore { .. } => "unsupported_store",
            Self::StoreDuplicates { .. } => "store_duplicates",
            Self::LookupFailed { .. } => LOOKUP_FAILED,
            Self::CallbackFailed { .. } => CALLBACK_FAILED,
            Self::ReentrantCall { .. } => "reentrant_call",
            Self::StoreClosed { .. } => "store_closed",
            Self::Internal { .. } => INTERNAL,
        }
    }

    /// An `invalid_options` error raised by the binding itself (an unknown field name).
    pub(crate) fn options(detail: impl Into<String>) -> Self {
        Self::InvalidOptions { detail: detail.into() }
    }

    /// An `internal` error raised by the binding itself.
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        Self::Internal { detail: detail.into() }
    }
}

/// The host boundary's errors, by kind.
impl From<cadastro_host::HostError> for CadastroError {
    fn from(err: cadastro_host::HostError) -> Self {
        match err {
            cadastro_host::HostError::Core(e) => Self::from(e),
            cadastro_host::HostError::Store(e) => Self::from(e),
            cadastro_host::HostError::Lookup(e) => Self::LookupFailed { detail: e.to_string() },
            cadastro_host::HostError::InvalidRequest(detail) => Self::InvalidOptions { detail },
            cadastro_host::HostError::Callback(detail) => Self::CallbackFailed { detail },
            cadastro_host::HostError::StoreClosed => Self::StoreClosed { detail: "the store is closed".to_owned() },
            other => Self::Internal { detail: other.to_string() },
        }
    }
}

/// The table. A core kind added later lands in `Internal` until it gets its row here (the test
/// `every_core_kind_has_its_variant` fails first).
impl From<cadastro::Error> for CadastroError {
    fn from(err: cadastro::Error) -> Self {
        let detail = err.to_string();
        match err.kind() {
            ErrorKind::UnsupportedFormat { .. } => Self::UnsupportedFormat { detail },
            ErrorKind::CorruptFile { .. } => Self::CorruptFile { detail },
            ErrorKind::EncryptedFile { .. } => Self::EncryptedFile { detail },
            ErrorKind::EmptyFile | ErrorKind::EmptySheet { .. } => Self::EmptyFile { detail },
            ErrorKind::NoHeader { .. } => Self::NoHeader { detail },
            ErrorKind::DuplicateHeader { .. } => Self::DuplicateHeader { detail },
            ErrorKind::MissingRequiredColumn { .. } => Self::MissingRequiredColumn { detail },
            ErrorKind::LimitExceeded { .. } => Self::LimitExceeded { detail },
            ErrorKind::EncodingError { .. } => Self::EncodingError { detail },
            ErrorKind::SheetNotFound { .. } => Self::SheetNotFound { detail },
            ErrorKind::InvalidProfile { .. } => Self::InvalidProfile { detail },
            ErrorKind::InvalidOptions { .. } => Self::InvalidOptions { detail },
            ErrorKind::Io { .. } => Self::Io { detail },
            ErrorKind::Write { .. } => Self::WriteError { detail },
            ErrorKind::ReentrantCall { .. } => Self::ReentrantCall { detail },
            _ => Self::Internal { detail: format!("{} ({})", detail, err.code()) },
        }
    }
}

/// The store's rows of the table. A store kind added later lands in `Internal` until it gets
/// its row here (the test `every_store_kind_has_its_variant` fails first).
impl From<cadastro_store::StoreError> for CadastroError {
    fn from(err: cadastro_store::StoreError) -> Self {
        // A core failure met while importing a file keeps its own kind.
        let err = match err {
            cadastro_store::StoreError::Core(e) => return Self::from(e),
            other => other,
        };
        let detail = err.to_string();
        match err.code() {
            "store_error" => Self::StoreError { detail },
            "store_too_new" => Self::StoreTooNew { detail },
            "store_outdated" => Self::StoreOutdated { detail },
            "invalid_account" => Self::InvalidAccount { detail },
            "unknown_account" => Self::UnknownAccount { detail },
            "stale_plan" => Self::StalePlan { detail },
            "invalid_plan" => Self::InvalidPlan { detail },
            "store_corrupt" => Self::StoreCorrupt { detail },
            "store_busy" => Self::StoreBusy { detail },
            "not_a_store" => Self::NotAStore { detail },
            "store_unreachable" => Self::StoreUnreachable { detail },
            "unsupported_store" => Self::UnsupportedStore { detail },
            "store_duplicates" => Self::StoreDuplicates { detail },
            LOOKUP_FAILED => Self::LookupFailed { detail },
            other => Self::Internal { detail: format!("{detail} ({other})") },
        }
    }
}

/// A failed lookup (the host's, through [`crate::CustomerLookup`]).
impl From<cadastro::LookupError> for CadastroError {
    fn from(err: cadastro::LookupError) -> Self {
        Self::LookupFailed { detail: err.to_string() }
    }
}

/// What UniFFI hands over when a foreign `CustomerLookup.find` throws something that is not a
/// `CadastroError` (a Kotlin `RuntimeException`, a Python `ValueError`): a lookup failure.
impl From<uniffi::UnexpectedUniFFICallbackError> for CadastroError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        // Kotlin hands over the whole stack trace: its first line is the exception and message.
        let first = err.reason.lines().next().unwrap_or_default();
        Self::LookupFailed { detail: format!("the host's customer lookup threw: {first}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One core error of each kind, built through public core API where one exists.
    fn one_of_each() -> Vec<cadastro::Error> {
        let kinds = vec![
            ErrorKind::UnsupportedFormat { detected: "html".into() },
            ErrorKind::CorruptFile { format: "xlsx".into(), reason: "truncated".into() },
            ErrorKind::EncryptedFile { format: "ooxml".into() },
            ErrorKind::EmptyFile,
            ErrorKind::NoHeader { searched: 10 },
            ErrorKind::DuplicateHeader { field: "name".into(), columns: vec!["A".into(), "B".into()] },
            ErrorKind::MissingRequiredColumn { field: "name".into(), header: "Name".into(), profile: "x".into() },
            ErrorKind::LimitExceeded { limit: cadastro::LimitKind::Rows, actual: 2, max: 1 },
            ErrorKind::EncodingError { reason: "bad".into() },
            ErrorKind::SheetNotFound { name: "S".into(), available: 1 },
            ErrorKind::InvalidProfile { reason: "bad".into() },
            ErrorKind::InvalidOptions { reason: "bad".into() },
            ErrorKind::Io { path: None, source: std::io::Error::other("denied") },
            ErrorKind::Write { reason: "disk".into() },
            ErrorKind::ReentrantCall { operation: "Store.customers".into() },
        ];
        kinds.into_iter().map(cadastro::Error::from).collect()
    }

    #[test]
    fn an_empty_sheet_is_empty_file_with_the_sheets_holding_data() {
        let err =
            cadastro::Error::from(ErrorKind::EmptySheet { sheet: "Capa".into(), with_data: vec!["Clientes".into()] });
        let CadastroError::EmptyFile { detail } = CadastroError::from(err) else { panic!("not EmptyFile") };
        assert!(detail.contains("sheet \"Clientes\" does"), "{detail}");
    }

    #[test]
    fn every_core_kind_has_its_variant() {
        let errors = one_of_each();
        let mut seen: Vec<&str> = errors.iter().map(cadastro::Error::code).collect();
        seen.sort_unstable();
        let mut all = ErrorKind::ALL_CODES.to_vec();
        all.sort_unstable();
        assert_eq!(seen, all, "the test list must cover every core kind");
        for err in errors {
            let code = err.code();
            let text = err.to_string();
            let mapped = CadastroError::from(err);
            assert_eq!(mapped.kind(), code);
            assert_ne!(mapped.kind(), INTERNAL);
            assert_eq!(mapped.to_string(), text);
        }
    }

    #[test]
    fn every_store_kind_has_its_variant() {
        use cadastro_store::StoreError as S;
        let errors = vec![
            sqlite_error(),
            S::NewerSchema { found: 9, supported: 1 },
            S::Outdated { found: 0, supported: 1 },
            S::InvalidAccount,
            S::UnknownAccount("acme".into()),
            S::StalePlan("customer 3 changed".into()),
            S::InvalidPlan("id x".into()),
            S::Lookup(cadastro::LookupError::new("down")),
            S::Corrupt { table: "customers", id: 1, reason: "bad json".into() },
            S::Busy("database is locked".into()),
            S::NotAStore("the database holds other tables (invoices)".into()),
            S::Duplicates("2 tax_id keys held by several customers".into()),
            S::Unreachable("connection refused".into()),
            S::UnsupportedLocation("mysql://db".into()),
        ];
        let codes: Vec<&str> = errors.iter().map(S::code).collect();
        assert_eq!(codes, STORE_KINDS);
        // Every kind the store can give has its row (a new one fails here first).
        let mut all: Vec<&str> = S::ALL.to_vec();
        let mut ours: Vec<&str> = STORE_KINDS.to_vec();
        all.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, all);
        for err in errors {
            let code = err.code();
            let text = err.to_string();
            let mapped = CadastroError::from(err);
            assert_eq!(mapped.kind(), code);
            assert_eq!(mapped.to_string(), text);
        }
    }

    /// A real SQLite error: opening a directory as a database.
    fn sqlite_error() -> cadastro_store::StoreError {
        match cadastro_store::Store::open(std::env::temp_dir()) {
            Err(e @ cadastro_store::StoreError::Sqlite(_)) => e,
            other => panic!("expected a SQLite error, got {other:?}"),
        }
    }

    #[test]
    fn lookup_failures_are_lookup_failed() {
        let e = CadastroError::from(cadastro::LookupError::new("db down"));
        assert_eq!(e.kind(), LOOKUP_FAILED);
        assert!(e.to_string().contains("db down"));
        let trace = "java.lang.IllegalStateException: boom\n\tat MainKt.find(Main.kt:10)";
        let e = CadastroError::from(uniffi::UnexpectedUniFFICallbackError::new(trace));
        assert_eq!(e.kind(), LOOKUP_FAILED);
        assert_eq!(e.to_string(), "the host's customer lookup threw: java.lang.IllegalStateException: boom");
    }

    #[test]
    fn binding_errors_have_their_kinds() {
        assert_eq!(CadastroError::options("x").kind(), "invalid_options");
        assert_eq!(CadastroError::internal("x").kind(), "internal");
    }
}
