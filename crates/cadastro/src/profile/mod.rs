//! Profiles: the serde document that says which columns a layout has, which fields are
//! required, the default country and the host's custom fields (CONTRACT section 2).
//!
//! Built in: `asaas`, `invoiceocean`, `upflow` and `generic`. A host loads its own from JSON.
//!
//! ```
//! use cadastro::Profile;
//! let asaas = Profile::builtin("asaas")?;
//! assert_eq!(asaas.default_country.as_deref(), Some("BR"));
//! assert_eq!(asaas.columns[0].header, "Identificador Externo");
//! # Ok::<(), cadastro::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::Field;
use crate::model::Locale;

mod column;
pub mod language;

pub use column::{ColumnMapping, MatchReason};

/// What a column maps to: a canonical field or a custom field of the profile.
///
/// Serialized as a plain string: the canonical field's snake_case name, else the custom name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A canonical field.
    Field(Field),
    /// A custom field, by name.
    Custom(String),
}

impl Target {
    /// The name used in JSON.
    pub fn name(&self) -> &str {
        match self {
            Target::Field(f) => f.as_str(),
            Target::Custom(name) => name,
        }
    }

    /// Parses a name: canonical field first, else custom.
    pub fn parse(name: &str) -> Target {
        Field::from_name(name).map_or_else(|| Target::Custom(name.to_owned()), Target::Field)
    }

    /// The canonical field, if it is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            Target::Field(f) => Some(*f),
            Target::Custom(_) => None,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Field> for Target {
    fn from(f: Field) -> Self {
        Target::Field(f)
    }
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(Target::parse(&String::deserialize(d)?))
    }
}

/// One column of a profile's layout: the header the layout uses and the field behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileColumn {
    /// The header text, in the profile's language.
    pub header: String,
    /// The field, or `null` for a column that carries no field (InvoiceOcean's ordinal `No`:
    /// ignored on import, the 1-based line number on export).
    pub field: Option<Target>,
    /// Further header labels this profile accepts for the field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// Help text shown in templates (expected format, example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The kind of a custom field: how its values are validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CustomKind {
    /// Free text (trimmed).
    Text {
        /// Maximum length in characters.
        #[serde(default)]
        max_len: Option<usize>,
    },
    /// An integer, optionally bounded.
    Integer {
        /// Smallest accepted value.
        #[serde(default)]
        min: Option<i64>,
        /// Largest accepted value.
        #[serde(default)]
        max: Option<i64>,
    },
    /// A decimal number (`1.5`, `1,5`).
    Number,
    /// A boolean in five languages.
    Boolean,
    /// An e-mail.
    Email,
    /// A phone, to E.164.
    Phone,
    /// A date, to ISO 8601 (`2026-03-01`; `01/03/2026` is read day first).
    Date,
    /// One of a list of values (matched case- and accent-insensitively, stored as listed).
    Enum {
        /// The accepted values.
        values: Vec<String>,
    },
}

/// A host-defined field, validated by kind and kept under `custom` in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    /// The field name (must not be a canonical field name).
    pub name: String,
    /// How it is validated.
    pub kind: CustomKind,
    /// Whether a customer must have it.
    #[serde(default)]
    pub required: bool,
    /// Header labels that map to it.
    #[serde(default)]
    pub synonyms: Vec<String>,
}

/// What to do with a stored value when an import brings a different one (issue 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WritePolicy {
    /// The imported value replaces the stored one (default).
    #[default]
    Overwrite,
    /// The imported value is written only when the stored one is empty.
    FillIfEmpty,
    /// The stored value is never changed by an import.
    Never,
}

/// A profile document (CONTRACT section 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The profile's name (`asaas`, `invoiceocean`, `upflow`, `generic` or the host's own).
    pub name: String,
    /// Document version, for migrations of older shapes.
    #[serde(default = "default_version")]
    pub version: u32,
    /// The language of the headers (`pt-BR`, `pl`, `fr`, `en`), used by templates.
    #[serde(default = "default_language")]
    pub language: String,
    /// The locale of messages when the host gives none (asaas: `pt-BR`); absent, messages
    /// follow the language of the file's headers, else English (see [`language::default_locale`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The country used when a row has none (ISO alpha-2).
    #[serde(default)]
    pub default_country: Option<String>,
    /// Customer fields every customer must have; their columns must exist.
    #[serde(default)]
    pub required: Vec<Target>,
    /// The layout: export and template column order, and the profile's own header labels.
    pub columns: Vec<ProfileColumn>,
    /// Host-defined fields.
    #[serde(default)]
    pub custom_fields: Vec<CustomField>,
    /// Per-field write policy when reconciling with an existing base (default overwrite).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub write_policy: BTreeMap<Target, WritePolicy>,
}

fn default_version() -> u32 {
    1
}

fn default_language() -> String {
    "en".to_owned()
}

/// The names of the built-in profiles.
pub const BUILTIN_PROFILES: &[&str] = &["asaas", "invoiceocean", "upflow", "generic"];

impl Profile {
    /// A built-in profile by name (`asaas`, `invoiceocean`, `upflow`, `generic`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOptions`](crate::ErrorKind::InvalidOptions) for an unknown name.
    pub fn builtin(name: &str) -> Result<Profile> {
        let json = match name {
            "asaas" => include_str!("builtin/asaas.json"),
            "invoiceocean" => include_str!("builtin/invoiceocean.json"),
            "upflow" => include_str!("builtin/upflow.json"),
            "generic" => return Ok(Profile::generic()),
            other => {
                let hint = closest_choice(other, BUILTIN_PROFILES)
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(Error::options(format!(
                    "unknown profile `{other}`: {hint}the built-in profiles are {}, or give a profile JSON file",
                    BUILTIN_PROFILES.join(", ")
                )));
            }
        };
        Profile::from_json(json)
    }

    /// The generic profile: every canonical field, English headers, `name` required.
    pub fn generic() -> Profile {
        Profile {
            name: "generic".to_owned(),
            version: 1,
            language: "en".to_owned(),
            locale: None,
            default_country: None,
            required: vec![Target::Field(Field::Name)],
            columns: Field::ALL
                .iter()
                .map(|&f| ProfileColumn {
                    header: f.label().to_owned(),
                    field: Some(Target::Field(f)),
                    synonyms: Vec::new(),
                    note: None,
                })
                .collect(),
            custom_fields: Vec::new(),
            write_policy: BTreeMap::new(),
        }
    }

    /// Loads and checks a profile from JSON.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidProfile`](crate::ErrorKind::InvalidProfile) when the JSON does not parse
    /// or the profile is inconsistent (see [`Profile::check`]).
    pub fn from_json(json: &str) -> Result<Profile> {
        let profile: Profile =
            serde_json::from_str(json).map_err(|e| Error::profile(format!("not a profile document: {e}")))?;
        profile.check()?;
        Ok(profile)
    }

    /// The profile as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the profile's consistency: custom names unique and not canonical, every custom
    /// target of the layout and of `required` declared, a known default country, a layout with
    /// no field twice.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidProfile`](crate::ErrorKind::InvalidProfile) naming the first problem.
    pub fn check(&self) -> Result<()> {
        if self.version != 1 {
            return Err(Error::profile(format!("unsupported profile version {}", self.version)));
        }
        let mut custom = BTreeSet::new();
        for cf in &self.custom_fields {
            if Field::from_name(&cf.name).is_some() {
                return Err(Error::profile(format!("custom field `{}` has a canonical field's name", cf.name)));
            }
            if cf.name.is_empty() || cf.name.starts_with('_') {
                return Err(Error::profile(format!("custom field name `{}` is not allowed", cf.name)));
            }
            if !custom.insert(cf.name.as_str()) {
                return Err(Error::profile(format!("custom field `{}` is declared twice", cf.name)));
            }
            if let CustomKind::Enum { values } = &cf.kind
                && values.is_empty()
            {
                return Err(Error::profile(format!("custom enum field `{}` has no values", cf.name)));
            }
        }
        let known = |t: &Target| match t {
            Target::Field(_) => true,
            Target::Custom(name) => custom.contains(name.as_str()),
        };
        let mut seen = BTreeSet::new();
        for col in &self.columns {
            if let Some(t) = &col.field {
                if !known(t) {
                    return Err(Error::profile(format!("column \"{}\" maps to unknown field `{t}`", col.header)));
                }
                if !seen.insert(t.clone()) {
                    return Err(Error::profile(format!("field `{t}` appears twice in the layout")));
                }
            }
        }
        for t in self.required.iter().chain(self.write_policy.keys()) {
            if !known(t) {
                return Err(Error::profile(format!("unknown field `{t}`")));
            }
        }
        if let Some(cc) = &self.default_country
            && crate::model::country::normalize_country(cc).ok() != Some(cc.as_str())
        {
            return Err(Error::profile(format!("default_country `{cc}` is not an ISO 3166-1 alpha-2 code")));
        }
        Ok(())
    }

    /// The layout's header for a target, if the layout has one.
    pub fn header_for(&self, target: &Target) -> Option<&str> {
        self.columns.iter().find(|c| c.field.as_ref() == Some(target)).map(|c| c.header.as_str())
    }

    /// The custom field declaration by name.
    pub fn custom_field(&self, name: &str) -> Option<&CustomField> {
        self.custom_fields.iter().find(|c| c.name == name)
    }

    /// The write policy of a target (overwrite unless the profile says otherwise).
    pub fn policy(&self, target: &Target) -> WritePolicy {
        self.write_policy.get(target).copied().unwrap_or_default()
    }

    /// Whether every field of the layout or the custom fields has contact fields, i.e. the file
    /// is one line per contact (Upflow).
    pub fn has_contact_columns(&self) -> bool {
        self.columns.iter().any(|c| c.field.as_ref().and_then(Target::field).is_some_and(Field::is_contact))
    }
}

/// The choice closest to a mistyped `input` ("did you mean"), compared case-insensitively:
/// within two edits (one for inputs of up to three characters), or a choice that starts with
/// the input or the input with it.
///
/// ```
/// use cadastro::closest_choice;
/// assert_eq!(closest_choice("asas", &["asaas", "upflow"]), Some("asaas"));
/// assert_eq!(closest_choice("pt_br", &["en", "pt-BR", "fr"]), Some("pt-BR"));
/// assert_eq!(closest_choice("zzz", &["asaas", "upflow"]), None);
/// ```
pub fn closest_choice<'a>(input: &str, choices: &[&'a str]) -> Option<&'a str> {
    let folded = input.trim().to_lowercase().replace('_', "-");
    if folded.is_empty() {
        return None;
    }
    let max = if folded.chars().count() <= 3 { 1 } else { 2 };
    choices
        .iter()
        .filter_map(|c| {
            let lc = c.to_lowercase();
            let d = strsim::osa_distance(&folded, &lc);
            let prefix = lc.starts_with(&folded) || folded.starts_with(&lc);
            (d <= max || (prefix && folded.len() >= 2)).then_some((d, *c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_and_check() {
        for name in BUILTIN_PROFILES {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(&p.name, name);
            p.check().unwrap();
            let back = Profile::from_json(&p.to_json()).unwrap();
            assert_eq!(back, p);
        }
        assert_eq!(Profile::builtin("nope").unwrap_err().code(), "invalid_options");
        let typo = Profile::builtin("invoiceoean").unwrap_err().to_string();
        assert!(typo.contains("did you mean `invoiceocean`?"), "{typo}");
        assert!(typo.contains("asaas, invoiceocean, upflow, generic"), "{typo}");
        assert!(!Profile::builtin("nope").unwrap_err().to_string().contains("did you mean"));
    }

    #[test]
    fn contract_layouts() {
        let asaas = Profile::builtin("asaas").unwrap();
        assert_eq!(asaas.columns.len(), 19);
        assert_eq!(asaas.columns[5].header, "CPF/CNPJ");
        assert_eq!(asaas.columns[5].field, Some(Target::Field(Field::TaxId)));
        let io = Profile::builtin("invoiceocean").unwrap();
        assert_eq!(io.columns.len(), 21);
        assert_eq!(io.columns[0].field, None);
        let up = Profile::builtin("upflow").unwrap();
        assert_eq!(up.columns.len(), 21);
        assert!(up.has_contact_columns());
        assert!(!asaas.has_contact_columns());
        assert_eq!(Profile::generic().columns.len(), Field::ALL.len());
    }

    #[test]
    fn custom_fields_are_checked() {
        let bad = r#"{"name":"x","columns":[{"header":"Seg","field":"segment"}]}"#;
        assert_eq!(Profile::from_json(bad).unwrap_err().code(), "invalid_profile");
        let good = r#"{"name":"x","columns":[{"header":"Seg","field":"segment"}],
            "custom_fields":[{"name":"segment","kind":{"type":"enum","values":["A","B"]},"synonyms":["Segmento"]}]}"#;
        let p = Profile::from_json(good).unwrap();
        assert_eq!(p.columns[0].field, Some(Target::Custom("segment".into())));
        let clash = r#"{"name":"x","columns":[],"custom_fields":[{"name":"email","kind":{"type":"email"}}]}"#;
        assert_eq!(Profile::from_json(clash).unwrap_err().code(), "invalid_profile");
        let country = r#"{"name":"x","columns":[],"default_country":"Brasil"}"#;
        assert_eq!(Profile::from_json(country).unwrap_err().code(), "invalid_profile");
    }
}
