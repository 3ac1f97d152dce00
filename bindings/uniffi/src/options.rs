//! Inputs: [`Source`] (a path or bytes), [`ImportOptions`] and [`Limits`], converted to the core's
//! types. Every check is the core's: the record is turned into the core's serde document and
//! parsed by `cadastro::ImportOptions::from_json`, profiles by `Profile::builtin` /
//! `Profile::from_json`, mappings by `Mapping::from_json`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use crate::error::CadastroError;

/// Where the bytes come from.
///
/// Kotlin: `Source.Path("/data/clientes.csv")`, `Source.Bytes(bytes)`; Swift:
/// `.path(path: url.path)`, `.bytes(data: data)`; Python: `Source.PATH("...")`, `Source.BYTES(b"...")`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Source {
    /// A file on disk (read by Rust; the size limit is checked before reading).
    Path {
        /// The file's path.
        path: String,
    },
    /// Bytes already in memory (an upload, an Android content URI read by the app).
    Bytes {
        /// The file's bytes.
        data: Vec<u8>,
    },
}

impl From<Source> for cadastro::Source {
    fn from(source: Source) -> Self {
        match source {
            Source::Path { path } => cadastro::Source::from_path(path),
            Source::Bytes { data } => cadastro::Source::from_bytes(data),
        }
    }
}

/// Resource limits applied while reading (see `cadastro::Limits`; [`default_limits`](crate::default_limits)
/// gives the core's defaults, which let a legitimate 1,000,000-row workbook through).
///
/// Counts are signed 64-bit (Kotlin `Long`, Swift `Int64`); a negative value is refused with
/// `InvalidOptions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct Limits {
    /// Size of the input in bytes.
    pub max_file_bytes: i64,
    /// Data rows, blank rows included.
    pub max_rows: i64,
    /// Columns.
    pub max_columns: i64,
    /// Characters in one cell.
    pub max_cell_chars: i64,
    /// Decompressed size of one archive entry.
    pub max_entry_bytes: i64,
    /// Decompressed size of the whole archive.
    pub max_decompressed_bytes: i64,
    /// Ratio of decompressed to compressed size of one entry.
    pub max_compression_ratio: i64,
    /// Entries in the archive.
    pub max_zip_entries: i64,
}

/// Everything a validation needs besides the file. Every field has a default, so
/// `ImportOptions()` (Kotlin, Swift) is the generic profile with everything detected.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ImportOptions {
    /// A built-in profile name: `asaas`, `invoiceocean`, `upflow` or `generic` (default).
    /// Ignored when `profile_json` is given.
    #[uniffi(default = "generic")]
    pub profile: String,
    /// A whole profile document (JSON), for host-defined layouts and custom fields.
    #[uniffi(default = None)]
    pub profile_json: Option<String>,
    /// An explicit mapping document (JSON: header text or column letter -> field name or null;
    /// `"field": ["column", "column"]` merges two columns into one field; `"learned": {header:
    /// field}` ranks a host's accepted mappings first; `"review_threshold": 0.9`), overriding
    /// the suggestions.
    #[uniffi(default = None)]
    pub mapping_json: Option<String>,
    /// The sheet to read; default the first visible sheet.
    #[uniffi(default = None)]
    pub sheet: Option<String>,
    /// The delimiter of delimited text (one character); default sniffed.
    #[uniffi(default = None)]
    pub delimiter: Option<String>,
    /// The encoding of delimited text (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
    /// `windows-1252`, `windows-1250`, `windows-1251`, `iso-8859-2`, `iso-8859-15`, `shift_jis`,
    /// `gb18030`, `big5`, `euc-kr`, `x-mac-roman`); default detected.
    #[uniffi(default = None)]
    pub encoding: Option<String>,
    /// The 1-based row of the header; default detected below title rows.
    #[uniffi(default = None)]
    pub header_row: Option<u32>,
    /// The country for rows without one (ISO alpha-2); default the profile's.
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// The language of messages: `en`, `pt-BR`, `fr`, `pl`, `es` (`pt_BR`, `pl-PL`, `es-ES`
    /// work). Default: the profile's (asaas: `pt-BR`), else the language of the file's headers,
    /// else `en`.
    #[uniffi(default = None)]
    pub locale: Option<String>,
    /// Whether issues carry the raw cell value; false for PII-sensitive hosts.
    #[uniffi(default = true)]
    pub include_values: bool,
    /// Resource limits; default the core's.
    #[uniffi(default = None)]
    pub limits: Option<Limits>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            profile: "generic".to_owned(),
            profile_json: None,
            mapping_json: None,
            sheet: None,
            delimiter: None,
            encoding: None,
            header_row: None,
            country: None,
            locale: None,
            include_values: true,
            limits: None,
        }
    }
}

/// Inserts `value` under `key` when it is present (absent keys take the core's defaults).
fn put(map: &mut Map<String, Json>, key: &str, value: Option<Json>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), v);
    }
}

impl ImportOptions {
    /// The core's options. The profile and mapping documents go through their own core parsers
    /// (typed `InvalidProfile` / `InvalidOptions`), the rest through the core's serde document.
    pub(crate) fn to_core(&self) -> Result<cadastro::ImportOptions, CadastroError> {
        Ok(self.to_request()?.options()?)
    }

    /// The host boundary's request for these options.
    pub(crate) fn to_request(&self) -> Result<cadastro_host::request::ValidateRequest, CadastroError> {
        // One flat document parsed by the host crate (`cadastro_host::request::ValidateRequest`).
        let json = |doc: &str, what: &str| {
            serde_json::from_str::<Json>(doc).map_err(|e| CadastroError::options(format!("{what}: {e}")))
        };
        let profile = match &self.profile_json {
            Some(doc) => json(doc, "invalid profile document")
                .map_err(|e| CadastroError::InvalidProfile { detail: e.to_string() })?,
            None => Json::String(self.profile.clone()),
        };
        let mut doc = Map::new();
        doc.insert("profile".to_owned(), profile);
        put(&mut doc, "mapping", self.mapping_json.as_deref().map(|m| json(m, "mapping")).transpose()?);
        put(&mut doc, "sheet", self.sheet.clone().map(Json::String));
        put(&mut doc, "delimiter", self.delimiter.clone().map(Json::String));
        put(&mut doc, "encoding", self.encoding.clone().map(Json::String));
        put(&mut doc, "header_row", self.header_row.map(Json::from));
        put(&mut doc, "limits", self.limits.map(|l| serde_json::to_value(l).unwrap_or_default()));
        put(&mut doc, "country", self.country.clone().map(Json::String));
        put(&mut doc, "locale", self.locale.clone().map(Json::String));
        doc.insert("include_values".to_owned(), Json::Bool(self.include_values));
        serde_json::from_value(Json::Object(doc)).map_err(|e| CadastroError::options(format!("invalid options: {e}")))
    }
}

impl From<cadastro::Limits> for Limits {
    fn from(l: cadastro::Limits) -> Self {
        let i = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        Limits {
            max_file_bytes: i(l.max_file_bytes),
            max_rows: i(l.max_rows),
            max_columns: i(l.max_columns),
            max_cell_chars: i(l.max_cell_chars),
            max_entry_bytes: i(l.max_entry_bytes),
            max_decompressed_bytes: i(l.max_decompressed_bytes),
            max_compression_ratio: i(l.max_compression_ratio),
            max_zip_entries: i(l.max_zip_entries),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_core_defaults() {
        let core = ImportOptions::default().to_core().unwrap();
        assert_eq!(core, cadastro::ImportOptions::default());
    }

    #[test]
    fn every_option_reaches_the_core() {
        let limits = Limits { max_rows: 10, ..Limits::from(cadastro::Limits::default()) };
        let opts = ImportOptions {
            profile: "asaas".into(),
            mapping_json: Some(r#"{"Documento": "tax_id"}"#.into()),
            sheet: Some("Clientes".into()),
            delimiter: Some(";".into()),
            encoding: Some("windows-1252".into()),
            header_row: Some(3),
            country: Some("PT".into()),
            locale: Some("pt_BR".into()),
            include_values: false,
            limits: Some(limits),
            ..ImportOptions::default()
        };
        let core = opts.to_core().unwrap();
        assert_eq!(core.profile.name, "asaas");
        assert_eq!(core.mapping.unwrap().entries.len(), 1);
        assert_eq!(core.read.sheet.as_deref(), Some("Clientes"));
        assert_eq!(core.read.delimiter, Some(';'));
        assert_eq!(core.read.encoding, Some(cadastro::TextEncoding::Windows1252));
        assert_eq!(core.read.header_row, Some(3));
        assert_eq!(core.read.limits.max_rows, 10);
        assert_eq!(core.read.limits.max_columns, cadastro::Limits::default().max_columns);
        assert_eq!(core.country.as_deref(), Some("PT"));
        assert_eq!(core.locale, Some(cadastro::Locale::PtBr));
        assert_eq!(ImportOptions::default().to_core().unwrap().locale, None);
        let pl = ImportOptions { locale: Some("pl-PL".into()), ..ImportOptions::default() };
        assert_eq!(pl.to_core().unwrap().locale, Some(cadastro::Locale::Pl));
        assert!(!core.include_values);
    }

    #[test]
    fn bad_options_are_typed_errors() {
        let bad = |o: ImportOptions| o.to_core().unwrap_err().kind();
        let d = ImportOptions::default;
        assert_eq!(bad(ImportOptions { profile: "nope".into(), ..d() }), "invalid_options");
        assert_eq!(bad(ImportOptions { profile_json: Some("{".into()), ..d() }), "invalid_profile");
        assert_eq!(bad(ImportOptions { mapping_json: Some("[1]".into()), ..d() }), "invalid_options");
        assert_eq!(bad(ImportOptions { delimiter: Some(";;".into()), ..d() }), "invalid_options");
        assert_eq!(bad(ImportOptions { encoding: Some("latin-9".into()), ..d() }), "invalid_options");
        assert_eq!(bad(ImportOptions { locale: Some("de".into()), ..d() }), "invalid_options");
        let negative = Limits { max_rows: -1, ..Limits::from(cadastro::Limits::default()) };
        assert_eq!(bad(ImportOptions { limits: Some(negative), ..d() }), "invalid_options");
    }

    #[test]
    fn a_profile_document_wins_over_the_name() {
        let doc = cadastro::Profile::builtin("upflow").unwrap().to_json();
        let core = ImportOptions { profile: "asaas".into(), profile_json: Some(doc), ..ImportOptions::default() }
            .to_core()
            .unwrap();
        assert_eq!(core.profile.name, "upflow");
    }
}
