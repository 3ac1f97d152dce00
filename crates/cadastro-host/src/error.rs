//! The one error type of the host boundary and the one list of its kinds.

use cadastro::LookupError;
use cadastro_store::StoreError;

/// A failure of a host operation. Every variant has a stable [`code`](HostError::code) taken
/// from [`KINDS`]; bindings generate their error classes from that list.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HostError {
    /// A file-level failure of the core (its code is the core's kind).
    #[error(transparent)]
    Core(#[from] cadastro::Error),
    /// A failure of the embedded store (its code is the store's kind).
    #[error(transparent)]
    Store(StoreError),
    /// The host's customer lookup failed (`lookup_failed`).
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// A request that does not parse or names an unknown operation (`invalid_options`).
    #[error("{0}")]
    InvalidRequest(String),
    /// A host callback other than the lookup (progress, chunk sink) failed (`callback_failed`).
    #[error("a host callback failed: {0}")]
    Callback(String),
    /// The store was closed by the host before this call (`store_closed`).
    #[error("the store is closed")]
    StoreClosed,
    /// A bug in cadastro (a caught panic) (`internal`).
    #[error("internal error (a bug in cadastro, please report it): {0}")]
    Internal(String),
}

impl From<StoreError> for HostError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Lookup(l) => HostError::Lookup(l),
            StoreError::Core(c) => HostError::Core(c),
            other => HostError::Store(other),
        }
    }
}

/// The kinds only the host boundary raises (the core's and the store's come from them).
pub const HOST_KINDS: &[&str] = &["lookup_failed", "callback_failed", "store_closed", "internal"];

/// Every kind a host operation can fail with, each once: the core's
/// ([`cadastro::ErrorKind::ALL_CODES`]), the store's ([`StoreError::ALL`]) and [`HOST_KINDS`],
/// in that order. Bindings build their error classes from this list (see [`kinds`]).
pub fn kinds() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for code in cadastro::ErrorKind::ALL_CODES.iter().chain(StoreError::ALL).chain(HOST_KINDS) {
        if !all.contains(code) {
            all.push(code);
        }
    }
    all
}

impl HostError {
    /// The stable machine code (one of [`kinds`]).
    pub fn code(&self) -> &'static str {
        match self {
            HostError::Core(e) => e.code(),
            HostError::Store(e) => e.code(),
            HostError::Lookup(e) => e.code(),
            HostError::InvalidRequest(_) => "invalid_options",
            HostError::Callback(_) => "callback_failed",
            HostError::StoreClosed => "store_closed",
            HostError::Internal(_) => "internal",
        }
    }

    /// The error as the contract's JSON: `{"error": {"kind": ..., "message": ...}}`.
    pub fn to_json(&self) -> String {
        serde_json::json!({"error": {"kind": self.code(), "message": self.to_string()}}).to_string()
    }

    /// An `invalid_options` error naming the request that did not parse.
    pub fn request(what: &str, e: impl std::fmt::Display) -> Self {
        HostError::InvalidRequest(format!("invalid {what} request: {e}"))
    }
}
