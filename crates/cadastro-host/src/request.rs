//! The requests: flat serde documents, one per operation, with their defaults and checks in one
//! place. Every key is snake_case with a camelCase alias (`header_row` / `headerRow`); unknown
//! keys are refused (`invalid_options`), so a misspelt option never passes silently in any host.

use std::path::PathBuf;

use cadastro::export::{CsvOptions, ExportOptions, LineEnding};
use cadastro::{CustomerKey, Existing, ImportOptions, Limits, Locale, Mapping, Profile, ReadOptions, TextEncoding};
use serde::{Deserialize, Deserializer, Serialize};

use crate::HostError;

/// A profile: a built-in name (`"asaas"`) or a profile document (an object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ProfileRef {
    /// A built-in profile's name.
    Name(String),
    /// A profile document (checked as [`Profile::from_json`] checks it: `invalid_profile`).
    Document(serde_json::Value),
}

impl Default for ProfileRef {
    fn default() -> Self {
        ProfileRef::Name("generic".to_owned())
    }
}

impl ProfileRef {
    /// The profile (`invalid_options` for an unknown name).
    ///
    /// # Errors
    /// The core's error for an unknown built-in name.
    pub fn resolve(&self) -> Result<Profile, HostError> {
        match self {
            ProfileRef::Name(name) => Ok(Profile::builtin(name)?),
            ProfileRef::Document(doc) => Ok(Profile::from_json(&doc.to_string())?),
        }
    }
}

/// `inspect`: what a file is (format, encoding, sheets, header row, columns with suggestions).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InspectRequest {
    /// The profile whose labels rank first (default `generic`).
    pub profile: ProfileRef,
    /// The sheet of a workbook (default the first visible sheet holding data).
    pub sheet: Option<String>,
    /// The encoding of delimited text (`utf-8`, `windows-1252`, aliases such as `latin1`...).
    #[serde(deserialize_with = "encoding_by_name")]
    pub encoding: Option<TextEncoding>,
    /// The delimiter of delimited text (one character).
    #[serde(deserialize_with = "one_character")]
    pub delimiter: Option<char>,
    /// The 1-based header row.
    #[serde(alias = "headerRow")]
    pub header_row: Option<u32>,
    /// Resource limits (`{"max_rows": 100000}`...).
    pub limits: Limits,
}

/// The read options of a request (the same keys in every reading request; `None` means detected).
macro_rules! read_options {
    ($t:ty) => {
        impl $t {
            /// The core's read options.
            pub fn read(&self) -> ReadOptions {
                ReadOptions {
                    sheet: self.sheet.clone(),
                    delimiter: self.delimiter,
                    encoding: self.encoding,
                    header_row: self.header_row,
                    limits: self.limits.clone(),
                }
            }
        }
    };
}
read_options!(InspectRequest);
read_options!(ValidateRequest);

/// `validate`, `validate_stream`, `plan` and a store import: how to read, map and check a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ValidateRequest {
    /// The profile (default `generic`).
    pub profile: ProfileRef,
    /// An explicit column mapping (header or column letter -> field).
    pub mapping: Option<Mapping>,
    /// The sheet of a workbook (default the first visible sheet holding data).
    pub sheet: Option<String>,
    /// The encoding of delimited text (`utf-8`, `windows-1252`, aliases such as `latin1`...).
    #[serde(deserialize_with = "encoding_by_name")]
    pub encoding: Option<TextEncoding>,
    /// The delimiter of delimited text (one character).
    #[serde(deserialize_with = "one_character")]
    pub delimiter: Option<char>,
    /// The 1-based header row.
    #[serde(alias = "headerRow")]
    pub header_row: Option<u32>,
    /// Resource limits (`{"max_rows": 100000}`...).
    pub limits: Limits,
    /// The country for rows without one (ISO alpha-2; default the profile's).
    pub country: Option<String>,
    /// The language of messages: `en`, `pt-BR`, `fr`, `pl`, `es` (also `pt_BR`, `pl-PL`...).
    #[serde(deserialize_with = "locale_by_tag")]
    pub locale: Option<Locale>,
    /// Whether issues carry the raw cell value (default true).
    #[serde(alias = "includeValues")]
    pub include_values: bool,
    /// Rows per chunk of `validate_stream` (0: the core's default, 16,384).
    #[serde(alias = "chunkRows")]
    pub chunk_rows: usize,
}

impl Default for ValidateRequest {
    fn default() -> Self {
        ValidateRequest {
            profile: ProfileRef::default(),
            mapping: None,
            sheet: None,
            encoding: None,
            delimiter: None,
            header_row: None,
            limits: Limits::default(),
            country: None,
            locale: None,
            include_values: true,
            chunk_rows: 0,
        }
    }
}

impl ValidateRequest {
    /// The core's import options.
    ///
    /// # Errors
    /// `invalid_options` for an unknown profile name.
    pub fn options(&self) -> Result<ImportOptions, HostError> {
        Ok(ImportOptions {
            profile: self.profile.resolve()?,
            mapping: self.mapping.clone(),
            read: self.read(),
            country: self.country.clone(),
            locale: self.locale,
            include_values: self.include_values,
        })
    }
}

/// A customer already in the host's base, as a host lookup answers. One rule for every host:
/// an integer `id` is its decimal text, a missing or `null` revision is 0, unknown keys are
/// refused.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingAnswer {
    /// The host's id (text or integer).
    #[serde(deserialize_with = "id_text")]
    pub id: String,
    /// The host's revision (missing or `null`: 0).
    #[serde(default, deserialize_with = "revision_or_zero")]
    pub revision: u64,
    /// The stored customer.
    pub customer: cadastro::Customer,
}

impl From<ExistingAnswer> for Existing {
    fn from(a: ExistingAnswer) -> Existing {
        Existing { id: a.id, revision: a.revision, customer: a.customer }
    }
}

/// An encoding name as [`TextEncoding::parse`] reads it (aliases such as `latin1`, `cp1251`).
fn encoding_by_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<TextEncoding>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(name) => TextEncoding::parse(&name).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown encoding `{name}` (utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252, windows-1250, \
                 windows-1251, iso-8859-2, iso-8859-15, shift_jis, gb18030, big5, euc-kr, x-mac-roman)"
            ))
        }),
    }
}

/// A locale tag as [`Locale::parse`] reads it; an unknown one names the closest tag.
fn locale_by_tag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Locale>, D::Error> {
    let Some(tag) = Option::<String>::deserialize(d)? else { return Ok(None) };
    Locale::parse(&tag).map(Some).ok_or_else(|| {
        let choices: Vec<&str> = Locale::ALL.iter().map(|l| l.as_str()).collect();
        let hint =
            cadastro::closest_choice(&tag, &choices).map(|c| format!("did you mean `{c}`? ")).unwrap_or_default();
        serde::de::Error::custom(format!("unknown locale `{tag}`: {hint}the locales are {}", choices.join(", ")))
    })
}

/// A delimiter: one character.
fn one_character<'de, D: Deserializer<'de>>(d: D) -> Result<Option<char>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else { return Ok(None) };
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(Some(c)),
        _ => Err(serde::de::Error::custom(format!("delimiter must be one character, not {text:?}"))),
    }
}

fn id_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Int(i64),
        UInt(u64),
    }
    Ok(match Id::deserialize(d)? {
        Id::Text(s) => s,
        Id::Int(i) => i.to_string(),
        Id::UInt(u) => u.to_string(),
    })
}

fn revision_or_zero<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Ok(Option::<u64>::deserialize(d)?.unwrap_or(0))
}

/// A lookup answer (a JSON array of existing customers) as core values, by the one rule of
/// [`ExistingAnswer`]. Bindings pass their host's answer through here.
///
/// # Errors
/// `lookup_failed` naming what did not parse.
pub fn lookup_answer(json: &str) -> Result<Vec<Existing>, cadastro::LookupError> {
    serde_json::from_str::<Vec<ExistingAnswer>>(json).map(|v| v.into_iter().map(Existing::from).collect()).map_err(
        |e| {
            cadastro::LookupError::new(format!(
                "the lookup did not answer a list of {{\"id\", \"revision\", \"customer\"}} objects: {e}"
            ))
        },
    )
}

/// The keys of a lookup call as the JSON a host's callback receives.
pub fn lookup_keys(keys: &[CustomerKey]) -> String {
    serde_json::to_string(keys).unwrap_or_else(|_| "[]".to_owned())
}

/// `plan`: validate a file, then plan it against the host's base.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRequest {
    /// How to read, map and check the file.
    pub options: ValidateRequest,
    /// Customers per lookup call (default 10,000).
    #[serde(alias = "batchSize")]
    pub batch_size: Option<usize>,
}

/// The CSV keys of `export` and `template`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CsvRequest {
    /// The delimiter (default the profile's: `;` for pt, fr, pl, de, es, it; else `,`).
    #[serde(deserialize_with = "one_character")]
    pub delimiter: Option<char>,
    /// Start with a UTF-8 byte-order mark (default true).
    pub bom: bool,
    /// `crlf` (default) or `lf`.
    #[serde(alias = "lineEnding")]
    pub line_ending: LineEnding,
}

impl Default for CsvRequest {
    fn default() -> Self {
        let d = CsvOptions::default();
        CsvRequest { delimiter: d.delimiter, bom: d.bom, line_ending: d.line_ending }
    }
}

impl CsvRequest {
    /// The core's CSV options.
    pub fn options(&self) -> CsvOptions {
        CsvOptions { delimiter: self.delimiter, bom: self.bom, line_ending: self.line_ending }
    }
}

/// `export`: an account's customers (all or one group) to `out` (`.csv` or `.xlsx`). One
/// superset of keys for every host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportRequest {
    /// The account (default `default`).
    pub account: String,
    /// The output file (`.csv` or `.xlsx`).
    pub out: PathBuf,
    /// The profile whose layout is written (default `generic`).
    pub profile: ProfileRef,
    /// Only this group's customers.
    pub group: Option<String>,
    /// CSV settings.
    pub csv: CsvRequest,
    /// XLSX: the sheet name.
    #[serde(alias = "sheetName")]
    pub sheet_name: Option<String>,
    /// XLSX: rows through a temporary file (default true).
    #[serde(alias = "constantMemory")]
    pub constant_memory: bool,
}

impl Default for ExportRequest {
    fn default() -> Self {
        ExportRequest {
            account: DEFAULT_ACCOUNT.to_owned(),
            out: PathBuf::new(),
            profile: ProfileRef::default(),
            group: None,
            csv: CsvRequest::default(),
            sheet_name: None,
            constant_memory: true,
        }
    }
}

impl ExportRequest {
    /// The core's export options.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            group: self.group.clone(),
            csv: self.csv.options(),
            constant_memory: self.constant_memory,
            sheet_name: self.sheet_name.clone(),
        }
    }
}

/// The account every store operation uses by default.
pub const DEFAULT_ACCOUNT: &str = "default";

/// `template`: a profile's blank import file to `out` (`.csv` or `.xlsx`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemplateRequest {
    /// The profile.
    pub profile: ProfileRef,
    /// The output file.
    pub out: PathBuf,
    /// CSV settings.
    pub csv: CsvRequest,
}

/// `normalize`: one value checked and normalized as a cell of `field`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalizeRequest {
    /// The field (`email`, `tax_id`...).
    pub field: cadastro::Field,
    /// The raw text.
    pub value: String,
    /// The country for country-dependent checks (phones, postal codes, tax ids).
    #[serde(default)]
    pub country: Option<String>,
}

/// `import`: validate a file and import its valid customers into an account of the store.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportRequest {
    /// The account (default `default`; created when missing).
    pub account: String,
    /// How to read, map and check the file.
    pub options: ValidateRequest,
    /// Plan only; write nothing.
    #[serde(alias = "dryRun")]
    pub dry_run: bool,
    /// Write nothing when any row has an error.
    pub atomic: bool,
}

impl Default for ImportRequest {
    fn default() -> Self {
        ImportRequest {
            account: DEFAULT_ACCOUNT.to_owned(),
            options: ValidateRequest::default(),
            dry_run: false,
            atomic: false,
        }
    }
}

/// `apply`: a reviewed plan (from `plan` or a dry-run import) written into an account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// The account (default `default`).
    #[serde(default = "default_account")]
    pub account: String,
    /// The plan.
    pub plan: cadastro::ImportPlan,
}

fn default_account() -> String {
    DEFAULT_ACCOUNT.to_owned()
}

/// `copy`: one account's customers (all or a group) planned and applied into another.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopyRequest {
    /// The account read.
    pub from: String,
    /// The account written.
    pub to: String,
    /// Only this group.
    #[serde(default)]
    pub group: Option<String>,
    /// The profile whose rules reconcile (default `generic`).
    #[serde(default)]
    pub profile: ProfileRef,
    /// Plan only.
    #[serde(default, alias = "dryRun")]
    pub dry_run: bool,
}
