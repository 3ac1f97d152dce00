//! The one error table of the Python binding, and the one entry helper every call goes through.
//!
//! - [`KINDS`] maps each kind code (the core's `cadastro::ErrorKind::code`, the store's
//!   `cadastro_store::StoreError::code`, and `lookup_failed`) to its exception class; every
//!   class derives from [`CadastroError`] and carries its code as `kind` (class and instance
//!   attribute). The `io` kind becomes the built-in `OSError` subclass for its errno
//!   (`FileNotFoundError`, `PermissionError`, ...), as Python code expects.
//! - [`run_released`] releases the GIL, catches any Rust panic (raised as [`InternalError`], never
//!   as pyo3's `PanicException`, which derives from `BaseException`) and maps core errors.

use std::panic::{AssertUnwindSafe, catch_unwind};

use cadastro::LookupError;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::type_object::PyTypeInfo;
use pyo3::types::PyType;

create_exception!(
    cadastro,
    CadastroError,
    PyException,
    "A file-level failure or a configuration mistake; `.kind` is the contract's kind string."
);
create_exception!(cadastro, UnsupportedFormat, CadastroError, "The bytes are not CSV or a spreadsheet.");
create_exception!(cadastro, CorruptFile, CadastroError, "The file claims a format but its structure is broken.");
create_exception!(cadastro, EncryptedFile, CadastroError, "The workbook is password-protected.");
create_exception!(cadastro, EmptyFile, CadastroError, "Zero bytes, only whitespace, or a sheet with no cell.");
create_exception!(cadastro, NoHeader, CadastroError, "No row looks like a header row.");
create_exception!(cadastro, DuplicateHeader, CadastroError, "Two columns would map to one field.");
create_exception!(cadastro, MissingRequiredColumn, CadastroError, "A field the profile requires has no column.");
create_exception!(cadastro, LimitExceeded, CadastroError, "A resource limit was exceeded.");
create_exception!(cadastro, EncodingError, CadastroError, "The text could not be decoded.");
create_exception!(cadastro, SheetNotFound, CadastroError, "The requested sheet does not exist.");
create_exception!(cadastro, InvalidProfile, CadastroError, "A profile document is invalid.");
create_exception!(cadastro, InvalidOptions, CadastroError, "An option or a mapping document is invalid.");
create_exception!(cadastro, WriteError, CadastroError, "Writing a file failed.");
create_exception!(cadastro, StoreError, CadastroError, "The store file cannot be opened, read or written (SQLite).");
create_exception!(cadastro, StoreTooNew, CadastroError, "The store file was written by a newer cadastro.");
create_exception!(cadastro, StoreOutdated, CadastroError, "The store file needs a migration first.");
create_exception!(cadastro, StoreCorrupt, CadastroError, "A stored value does not decode (the file was edited).");
create_exception!(
    cadastro,
    StoreBusy,
    CadastroError,
    "Another process or thread held the store's write lock past the busy timeout; nothing was written: retry."
);
create_exception!(cadastro, NotAStore, CadastroError, "A SQLite database of another application (not empty).");
create_exception!(
    cadastro,
    StoreDuplicates,
    CadastroError,
    "A store migration found customers sharing a key that becomes unique; nothing was changed."
);
create_exception!(cadastro, InvalidAccount, CadastroError, "An account name that is empty or too long.");
create_exception!(cadastro, UnknownAccount, CadastroError, "No account by that name in the store.");
create_exception!(cadastro, StalePlan, CadastroError, "The base changed since the plan was made; nothing was written.");
create_exception!(cadastro, InvalidPlan, CadastroError, "The plan does not come from this store.");
create_exception!(
    cadastro,
    ReentrantCall,
    CadastroError,
    "A callback (`on_chunk`) called back into the Store running it; call it after that call returns."
);
create_exception!(
    cadastro,
    LookupFailed,
    CadastroError,
    "The customer lookup failed (the host's callable raised or answered wrongly); the original exception is `__cause__`."
);
create_exception!(
    cadastro,
    StoreClosed,
    CadastroError,
    "The Store was closed (`close()` or the end of its `with` block) before this call."
);
create_exception!(cadastro, CallbackFailed, CadastroError, "A host callback (progress, chunk sink) failed.");
create_exception!(
    cadastro,
    InternalError,
    CadastroError,
    "A bug in cadastro (a Rust panic was caught); please report it."
);

/// The kind string of [`InternalError`] (binding-only: the core has no such kind).
pub const INTERNAL: &str = "internal";

/// The kind string of [`LookupFailed`] (`cadastro::LookupError::code`).
pub const LOOKUP_FAILED: &str = "lookup_failed";

fn ty<T: PyTypeInfo>(py: Python<'_>) -> Bound<'_, PyType> {
    py.get_type::<T>()
}

/// Gets an exception class.
pub type ClassFn = for<'py> fn(Python<'py>) -> Bound<'py, PyType>;

/// The table: core kind code -> exception class. `io` is absent on purpose: it maps to `OSError`.
pub const KINDS: &[(&str, ClassFn)] = &[
    ("unsupported_format", ty::<UnsupportedFormat>),
    ("corrupt_file", ty::<CorruptFile>),
    ("encrypted_file", ty::<EncryptedFile>),
    ("empty_file", ty::<EmptyFile>),
    ("no_header", ty::<NoHeader>),
    ("duplicate_header", ty::<DuplicateHeader>),
    ("missing_required_column", ty::<MissingRequiredColumn>),
    ("limit_exceeded", ty::<LimitExceeded>),
    ("encoding_error", ty::<EncodingError>),
    ("sheet_not_found", ty::<SheetNotFound>),
    ("invalid_profile", ty::<InvalidProfile>),
    ("invalid_options", ty::<InvalidOptions>),
    ("write_error", ty::<WriteError>),
    ("store_error", ty::<StoreError>),
    ("store_too_new", ty::<StoreTooNew>),
    ("store_outdated", ty::<StoreOutdated>),
    ("store_corrupt", ty::<StoreCorrupt>),
    ("store_busy", ty::<StoreBusy>),
    ("not_a_store", ty::<NotAStore>),
    ("store_duplicates", ty::<StoreDuplicates>),
    ("invalid_account", ty::<InvalidAccount>),
    ("unknown_account", ty::<UnknownAccount>),
    ("stale_plan", ty::<StalePlan>),
    ("invalid_plan", ty::<InvalidPlan>),
    ("reentrant_call", ty::<ReentrantCall>),
    (LOOKUP_FAILED, ty::<LookupFailed>),
    ("store_closed", ty::<StoreClosed>),
    ("callback_failed", ty::<CallbackFailed>),
    (INTERNAL, ty::<InternalError>),
];

/// Sets each class's `kind` attribute (module initialisation).
pub fn register_kinds(py: Python<'_>) -> PyResult<()> {
    py.get_type::<CadastroError>().setattr("kind", py.None())?;
    for (code, class) in KINDS {
        class(py).setattr("kind", *code)?;
    }
    Ok(())
}

/// What can go wrong in a call: a core error, a store error, a lookup failure, a caught panic,
/// or a Python error met while converting.
pub enum Failure {
    /// A core error.
    Core(cadastro::Error),
    /// A store error.
    Store(cadastro_store::StoreError),
    /// A failure of the customer lookup (the host's callable, or the store's base).
    Lookup(LookupError),
    /// A panic payload's text.
    Panic(String),
    /// Already a Python exception.
    Py(PyErr),
    /// An error of the host boundary (`cadastro_host`), by its kind.
    Host(cadastro_host::HostError),
}

impl From<cadastro_host::HostError> for Failure {
    fn from(e: cadastro_host::HostError) -> Self {
        match e {
            cadastro_host::HostError::Core(c) => Failure::Core(c),
            cadastro_host::HostError::Store(s) => Failure::Store(s),
            cadastro_host::HostError::Lookup(l) => Failure::Lookup(l),
            cadastro_host::HostError::Internal(m) => Failure::Panic(m),
            other => Failure::Host(other),
        }
    }
}

impl From<cadastro::Error> for Failure {
    fn from(e: cadastro::Error) -> Self {
        Failure::Core(e)
    }
}

impl From<cadastro_store::StoreError> for Failure {
    fn from(e: cadastro_store::StoreError) -> Self {
        match e {
            cadastro_store::StoreError::Lookup(l) => Failure::Lookup(l),
            other => Failure::Store(other),
        }
    }
}

impl From<LookupError> for Failure {
    fn from(e: LookupError) -> Self {
        Failure::Lookup(e)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Self {
        Failure::Py(e)
    }
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        Python::attach(|py| match f {
            Failure::Py(e) => e,
            Failure::Panic(msg) => with_kind(
                py,
                ty::<InternalError>(py),
                INTERNAL,
                format!("internal error (a bug in cadastro, please report it): {msg}"),
            ),
            Failure::Core(e) => core_error(py, e),
            Failure::Store(e) => with_kind(py, class_of(py, e.code()), e.code(), e.to_string()),
            Failure::Lookup(e) => lookup_error(py, e),
            Failure::Host(e) => with_kind(py, class_of(py, e.code()), e.code(), e.to_string()),
        })
    }
}

/// A core error as the Python exception of its kind.
fn core_error(py: Python<'_>, e: cadastro::Error) -> PyErr {
    let code = e.code();
    let message = e.to_string();
    if let cadastro::ErrorKind::Io { path, source } = e.kind() {
        return os_error(py, path.as_deref(), source, message);
    }
    with_kind(py, class_of(py, code), code, message)
}

/// The class of a kind code (`CadastroError` itself for a code the table does not know).
fn class_of<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
    KINDS.iter().find(|(c, _)| *c == code).map_or_else(|| ty::<CadastroError>(py), |(_, class)| class(py))
}

/// `LookupFailed`; when the lookup was a Python callable that raised, its exception (carried as
/// the lookup error's source) becomes `__cause__`. `KeyboardInterrupt`, `SystemExit` and other
/// exceptions that are not `Exception`s propagate as they are.
fn lookup_error(py: Python<'_>, e: LookupError) -> PyErr {
    let message = e.to_string();
    let cause = e.source.and_then(|s| s.downcast::<PyErr>().ok()).map(|c| *c);
    if let Some(c) = cause.as_ref().filter(|c| !c.is_instance_of::<PyException>(py)) {
        return c.clone_ref(py);
    }
    let err = with_kind(py, ty::<LookupFailed>(py), LOOKUP_FAILED, message);
    if let Some(cause) = cause {
        err.set_cause(py, Some(cause));
    }
    err
}

/// `OSError(errno, strerror, filename)`: Python picks the subclass from the errno
/// (`FileNotFoundError` for ENOENT, `PermissionError` for EACCES, ...).
fn os_error(py: Python<'_>, path: Option<&str>, source: &std::io::Error, message: String) -> PyErr {
    let err = match source.raw_os_error() {
        Some(errno) => {
            let text = source.to_string();
            let strerror = text.split(" (os error").next().unwrap_or(&text).to_owned();
            PyOSError::new_err((errno, strerror, path.map(str::to_owned)))
        }
        None => match source.kind() {
            std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            _ => PyOSError::new_err(message),
        },
    };
    // Best effort: an OSError instance accepts attributes; failing to set one changes nothing else.
    let _ = err.value(py).setattr("kind", "io");
    err
}

fn with_kind(py: Python<'_>, class: Bound<'_, PyType>, code: &str, message: String) -> PyErr {
    let err = PyErr::from_type(class, (message,));
    let _ = err.value(py).setattr("kind", code);
    err
}

pub(crate) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_owned()
    }
}

/// Runs `f` with the GIL released (other Python threads keep running), turning a panic into
/// [`InternalError`] and an error into its Python exception. Every call into the core goes
/// through here.
pub fn run_released<T, E, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    F: FnOnce() -> Result<T, E> + Send,
    T: Send,
    E: Into<Failure> + Send,
{
    match py.detach(|| catch_unwind(AssertUnwindSafe(f))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(e.into().into()),
        Err(payload) => Err(Failure::Panic(panic_text(payload.as_ref())).into()),
    }
}

/// An `invalid_options` core error (bad limits, locale, mapping, field name...).
pub fn invalid_options(reason: impl Into<String>) -> Failure {
    Failure::Core(cadastro::ErrorKind::InvalidOptions { reason: reason.into() }.into())
}

/// An `invalid_profile` core error.
pub fn invalid_profile(reason: impl Into<String>) -> Failure {
    Failure::Core(cadastro::ErrorKind::InvalidProfile { reason: reason.into() }.into())
}
