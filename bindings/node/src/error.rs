//! The one error table of the Node binding: every failure becomes a JS `Error` whose `.code` is
//! the core's stable kind string (`cadastro::ErrorKind::code`, CONTRACT section 4), on the sync
//! and the async paths alike.
//!
//! - a core [`cadastro::Error`] keeps its kind (`empty_file`, `io`, `limit_exceeded`...);
//! - a bad argument from JavaScript (wrong type, unknown field name) is `invalid_options`;
//! - a store failure keeps the store's code (`unknown_account`, `stale_plan`, `store_error`...);
//! - a failing host lookup (the JS function threw or answered nonsense) is `lookup_failed`;
//! - a Rust panic is `internal` (caught in [`guarded`]; never crosses the FFI boundary).

use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::{Env, Error, JsError};

/// The `.code` of errors that are not core errors: a Rust panic.
pub const INTERNAL: &str = "internal";
/// The `.code` of a bad argument (same string as the core's kind).
pub const INVALID_OPTIONS: &str = "invalid_options";

/// A JS error code (`err.code`): a core kind string or [`INTERNAL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code(pub &'static str);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// A failure on its way to JavaScript: a code and a message (no cell contents: the core's
/// `Display` texts name rows, columns and limits only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The stable code.
    pub code: &'static str,
    /// The human message.
    pub message: String,
}

impl Failure {
    /// An `invalid_options` failure for a bad argument.
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure { code: INVALID_OPTIONS, message: message.into() }
    }

    /// An `internal` failure (a broken invariant of the binding itself).
    pub fn internal(message: impl Into<String>) -> Self {
        Failure { code: INTERNAL, message: message.into() }
    }

    /// An `internal` failure for a caught panic.
    fn panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Failure { code: INTERNAL, message: format!("internal error in cadastro (please report it): {what}") }
    }

    /// The napi error of a sync export (`err.code` = the code).
    pub fn into_napi(self) -> Error<Code> {
        Error::new(Code(self.code), self.message)
    }

    /// A JS `Error` object with `.code`, for rejecting a Promise with the same shape as a throw
    /// (an `Error<Status>` alone would put a napi Status name in `.code`).
    pub fn into_js_error(self, env: Env) -> Error {
        let js = JsError::from(self.into_napi()).into_unknown(env);
        Error::from(js)
    }
}

impl From<cadastro::Error> for Failure {
    fn from(e: cadastro::Error) -> Self {
        Failure { code: e.code(), message: e.to_string() }
    }
}

impl From<cadastro_store::StoreError> for Failure {
    fn from(e: cadastro_store::StoreError) -> Self {
        Failure { code: e.code(), message: e.to_string() }
    }
}

impl From<cadastro::LookupError> for Failure {
    fn from(e: cadastro::LookupError) -> Self {
        Failure { code: e.code(), message: e.to_string() }
    }
}

impl From<cadastro_host::HostError> for Failure {
    fn from(e: cadastro_host::HostError) -> Self {
        Failure { code: e.code(), message: e.to_string() }
    }
}

impl From<Error> for Failure {
    /// A napi error met while converting arguments (wrong JS type): `invalid_options`.
    fn from(e: Error) -> Self {
        Failure::invalid(e.reason)
    }
}

impl From<Failure> for Error<Code> {
    fn from(f: Failure) -> Self {
        f.into_napi()
    }
}

/// Runs `f`, turning a panic into an [`INTERNAL`] failure. Every export that touches input
/// runs its work through this (the async tasks too: napi does not catch panics on the libuv
/// pool, where one would abort the process).
pub fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(Failure::panic(payload.as_ref())))
}

/// [`guarded`] for a sync export that calls back into JavaScript: a failure becomes a JS
/// `Error` object with `.code` (so that the export can also rethrow a host callback's own
/// exception as it was, which an `Error<Code>` cannot carry).
pub fn run_js<T>(env: Env, f: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    guarded(f).map_err(|f| f.into_js_error(env))
}

/// [`guarded`] for a sync export: the napi error with the code.
pub fn run<T>(f: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T, Code> {
    guarded(f).map_err(Failure::into_napi)
}
