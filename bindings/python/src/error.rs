//! The one error table of the Python binding, and the one entry helper every call goes through.
//!
//! - [`register_kinds`] makes one exception class per kind of the host boundary's one list
//!   (`cadastro_host::kinds`); every class derives from [`CadastroError`] and carries its code
//!   as `kind` (class and instance attribute). The `io` kind becomes the built-in `OSError`
//!   subclass for its errno (`FileNotFoundError`, `PermissionError`, ...), as Python code expects.
//! - [`run_released`] releases the GIL, catches any Rust panic (raised as `InternalError`, never
//!   as pyo3's `PanicException`, which derives from `BaseException`) and maps core errors.

use std::panic::{AssertUnwindSafe, catch_unwind};

use cadastro::LookupError;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyOSError, PyPermissionError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

create_exception!(
    cadastro,
    CadastroError,
    PyException,
    "A file-level failure or a configuration mistake; `.kind` is the contract's kind string."
);

/// The kind string of `InternalError` (a caught panic).
pub const INTERNAL: &str = "internal";

/// The kind string of `LookupFailed` (`cadastro::LookupError::code`).
pub const LOOKUP_FAILED: &str = "lookup_failed";

/// The exception classes, one per kind of the host boundary's one list (`cadastro_host::kinds`),
/// made at module initialisation: `empty_file` -> `EmptyFile`, `internal` -> `InternalError`;
/// each subclasses [`CadastroError`] and carries its kind as `kind`. `io` has none: it maps to
/// `OSError`.
static CLASSES: PyOnceLock<Vec<(&'static str, Py<PyType>)>> = PyOnceLock::new();

/// The class name of a kind: CamelCase (`store_closed` -> `StoreClosed`), `internal` ->
/// `InternalError`.
pub fn class_name(kind: &str) -> String {
    if kind == INTERNAL {
        return "InternalError".to_owned();
    }
    let mut name = String::with_capacity(kind.len());
    for word in kind.split('_') {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.extend(chars);
    }
    name
}

/// Makes the classes and adds them to the module (module initialisation).
pub fn register_kinds(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<CadastroError>();
    base.setattr("kind", py.None())?;
    let mut classes = Vec::new();
    for kind in cadastro_host::kinds().into_iter().filter(|k| *k != "io") {
        let name = class_name(kind);
        let doc = format!("cadastro error kind `{kind}` (docs/CONTRACT.md).");
        let qualified = std::ffi::CString::new(format!("cadastro.{name}"))?;
        let doc = std::ffi::CString::new(doc)?;
        let class = PyErr::new_type(py, &qualified, Some(&doc), Some(&base), None)?;
        class.bind(py).setattr("kind", kind)?;
        m.add(name.as_str(), class.bind(py))?;
        classes.push((kind, class));
    }
    CLASSES.set(py, classes).map_err(|_| PyRuntimeError::new_err("cadastro: error classes made twice"))
}

/// Every kind with its class (`_kind_classes()`).
pub fn classes(py: Python<'_>) -> impl Iterator<Item = (&'static str, Bound<'_, PyType>)> {
    CLASSES.get(py).into_iter().flatten().map(move |(k, c)| (*k, c.bind(py).clone()))
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
                class_of(py, INTERNAL),
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
    classes(py).find(|(c, _)| *c == code).map_or_else(|| py.get_type::<CadastroError>(), |(_, class)| class)
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
    let err = with_kind(py, class_of(py, LOOKUP_FAILED), LOOKUP_FAILED, message);
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
