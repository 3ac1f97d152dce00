//! `Profile`: a built-in or custom profile (CONTRACT section 2), wrapping the core's.

use napi::Unknown;
use napi_derive::napi;

use crate::convert;
use crate::error::{Code, run};

/// A profile: the column layout and rules of a billing app's import sheet. Pass it as
/// `options.profile`; a built-in name or a profile document work there too.
#[napi]
#[derive(Clone)]
pub struct Profile {
    pub(crate) inner: cadastro::Profile,
}

#[napi]
impl Profile {
    /// A built-in profile: `asaas`, `invoiceocean`, `upflow` or `generic`.
    /// Throws `invalid_options` for another name.
    #[napi(factory, catch_unwind, ts_args_type = "name: string")]
    pub fn builtin(name: Option<Unknown<'_>>) -> napi::Result<Profile, Code> {
        run(|| Ok(Profile { inner: cadastro::Profile::builtin(&convert::string(name, "name")?)? }))
    }

    /// Loads and checks a profile document (the JSON of `toJson()`).
    /// Throws `invalid_profile` when it does not parse or is inconsistent.
    #[napi(factory, catch_unwind, ts_args_type = "json: string")]
    pub fn from_json(json: Option<Unknown<'_>>) -> napi::Result<Profile, Code> {
        run(|| Ok(Profile { inner: cadastro::Profile::from_json(&convert::string(json, "json")?)? }))
    }

    /// The names of the built-in profiles.
    #[napi]
    pub fn builtin_names() -> Vec<String> {
        cadastro::BUILTIN_PROFILES.iter().map(|s| (*s).to_owned()).collect()
    }

    /// The profile's name.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The profile document as (pretty) JSON, loadable by `Profile.fromJson`.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

impl From<cadastro::Profile> for Profile {
    fn from(inner: cadastro::Profile) -> Self {
        Profile { inner }
    }
}
