//! Outputs as records (by-value data: Kotlin data classes, Swift structs, Python classes):
//! the report of CONTRACT section 5, the inspection, a profile summary and a normalized value.
//!
//! Each record has exactly the shape of the core's JSON (same names, same order, absent values
//! omitted), so the conversion is one serde pass (`from_core`) and `to_json()` on a record gives
//! the CLI's JSON byte for byte (tested against the core's own `to_json`).
//!
//! Customers and contacts are typed records, one optional property per canonical field
//! (`customer.taxId`, `contact.email`), rather than a string map: the field list is the
//! contract's stable vocabulary, so Kotlin and Swift code gets names checked by the compiler,
//! autocompletion and real types (`Boolean?`, `Long?`, `List<String>?`) instead of stringly keys
//! and parsing. Host-defined custom fields are dynamic and stay a map of [`FieldValue`].

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};

use crate::error::CadastroError;

/// Converts a core value into the record of the same JSON shape.
pub(crate) fn from_core<T: DeserializeOwned>(core: &impl Serialize) -> Result<T, CadastroError> {
    serde_json::to_value(core)
        .and_then(serde_json::from_value)
        .map_err(|e| CadastroError::internal(format!("conversion of a core value failed: {e}")))
}

/// A record as one-line JSON (the shape is the core's).
fn json_of(record: &impl Serialize) -> String {
    serde_json::to_string(record).unwrap_or_default()
}

/// A normalized value of a custom field (canonical fields are typed properties of [`Customer`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]
#[serde(from = "cadastro::Value", into = "cadastro::Value")]
pub enum FieldValue {
    /// Text.
    Text {
        /// The text.
        value: String,
    },
    /// A boolean.
    Bool {
        /// The boolean.
        value: bool,
    },
    /// An integer.
    Integer {
        /// The integer.
        value: i64,
    },
    /// A decimal number.
    Number {
        /// The number.
        value: f64,
    },
    /// A list of texts (e-mail lists). Not named `List`: it would shadow Kotlin's `List` in the
    /// generated code.
    TextList {
        /// The texts.
        values: Vec<String>,
    },
}

impl From<cadastro::Value> for FieldValue {
    fn from(v: cadastro::Value) -> Self {
        match v {
            cadastro::Value::Bool(value) => FieldValue::Bool { value },
            cadastro::Value::Int(value) => FieldValue::Integer { value },
            cadastro::Value::Number(value) => FieldValue::Number { value },
            cadastro::Value::Text(value) => FieldValue::Text { value },
            cadastro::Value::List(values) => FieldValue::TextList { values },
        }
    }
}

impl From<FieldValue> for cadastro::Value {
    fn from(v: FieldValue) -> Self {
        match v {
            FieldValue::Bool { value } => cadastro::Value::Bool(value),
            FieldValue::Integer { value } => cadastro::Value::Int(value),
            FieldValue::Number { value } => cadastro::Value::Number(value),
            FieldValue::Text { value } => cadastro::Value::Text(value),
            FieldValue::TextList { values } => cadastro::Value::List(values),
        }
    }
}

/// Serializes a map in key order (the core keeps custom values in a `BTreeMap`).
fn sorted<S: Serializer>(map: &HashMap<String, FieldValue>, s: S) -> Result<S::Ok, S::Error> {
    map.iter().collect::<BTreeMap<_, _>>().serialize(s)
}

/// What was read (the report's `source`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// `csv`, `xlsx`, `xlsm`, `xlsb`, `xls` or `ods`.
    pub format: String,
    /// Delimited text: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`,
    /// `windows-1250`, `windows-1251`, `iso-8859-2`, `iso-8859-15`, `shift_jis`, `gb18030`,
    /// `big5`, `euc-kr` or `x-mac-roman`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Delimited text: the delimiter (one character).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Workbooks: the sheet read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The 1-based row of the header; none (JSON `null`) for a table without a header row.
    #[serde(default)]
    pub header_row: Option<i64>,
    /// Delimited text: how sure the encoding is (0..1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub encoding_confidence: Option<f64>,
    /// The non-blank rows above the header, with why they were skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[uniffi(default = [])]
    pub skipped_rows: Vec<SkippedRow>,
    /// The default country inferred from the file when neither the profile nor the options set
    /// one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_inferred: Option<CountryInferred>,
}

/// The default country inferred from a file's evidence (`source.country_inferred`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct CountryInferred {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// What it rests on: `tax_id`, `phone`, `postal_code`, `country`, `header_language`.
    pub evidence: Vec<String>,
}

/// A non-blank row above the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct SkippedRow {
    /// The row number a spreadsheet shows.
    pub row: i64,
    /// `title` or `data` (a data-looking row, warned `skipped_above_header`).
    pub reason: String,
}

/// A row the header search weighed (what `inspect` shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct HeaderCandidate {
    /// The row number a spreadsheet shows.
    pub row: i64,
    /// Higher is more header-like.
    pub score: f64,
    /// Cells that are known header labels.
    pub known_labels: i64,
    /// Non-blank cells.
    pub cells: i64,
    /// Whether the row qualifies as a header.
    pub qualifies: bool,
    /// Whether this row is the header.
    pub chosen: bool,
}

/// One column's mapping (the report's `mapping`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    /// The column letter.
    pub column: String,
    /// The header text.
    pub header: String,
    /// The field (canonical or custom name), or none for an ignored column.
    pub field: Option<String>,
    /// Confidence between 0 and 1.
    pub confidence: f64,
    /// Why: `explicit`, `learned`, `profile_label`, `synonym`, `context`, `values`, `fuzzy` (a
    /// column with a field); `ignored`, `context`, `profile_label`, `none` (without).
    pub reason: String,
    /// True when the confidence is below the review threshold (0.9 unless the mapping
    /// document's `review_threshold` says otherwise).
    pub needs_review: bool,
    /// The columns a merge reads for this field (`["B", "C"]` for CPF + CNPJ), else empty.
    pub merged_from: Vec<String>,
}

/// The counts of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Stats {
    /// Non-blank data rows below the header.
    pub rows_total: i64,
    /// Blank rows skipped below the header.
    pub rows_blank: i64,
    /// Rows that carry at least one error issue.
    pub rows_rejected: i64,
    /// Valid customers.
    pub customers_valid: i64,
    /// Rejected customers.
    pub customers_rejected: i64,
    /// Valid contacts (of valid customers).
    pub contacts_valid: i64,
    /// Rejected contacts.
    pub contacts_rejected: i64,
}

/// Counts of an import plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct PlanCounts {
    /// Customers to create.
    pub created: i64,
    /// Customers to update.
    pub updated: i64,
    /// Customers already identical in the base.
    pub unchanged: i64,
}

/// Whether an issue rejects its customer or contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The entity is rejected.
    Error,
    /// Accepted, but worth a look.
    Warning,
}

/// One problem in the data (CONTRACT section 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// The row as a spreadsheet shows it (1-based; title rows, header and blank rows counted).
    pub row: i64,
    /// Delimited text only: the physical line where the record starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<i64>,
    /// The column letter, when the issue is about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column's header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The field (`tax_id`, a custom field name, or `_row` for row-level issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The stable machine code (`invalid_tax_id`, `duplicate_key`, ...): what programs match on.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// A human message in the report's locale.
    pub message: String,
    /// The raw cell value, unless `include_values` was false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A valid, normalized contact of a customer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The spreadsheet row the contact was read from (0 when not from a file).
    #[uniffi(default = 0)]
    pub row: i64,
    /// The contact's e-mail (identifies it).
    #[serde(rename = "contact_email", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub email: Option<String>,
    /// First name.
    #[serde(rename = "contact_first_name", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(rename = "contact_last_name", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub last_name: Option<String>,
    /// Phone, E.164.
    #[serde(rename = "contact_phone", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub phone: Option<String>,
    /// The contact's id in the user's system.
    #[serde(rename = "contact_reference", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub reference: Option<String>,
    /// `ACCOUNTING`, `SALES`, `PURCHASER` or `PAYER`.
    #[serde(rename = "contact_position", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub position: Option<String>,
    /// Main contact of its customer.
    #[serde(rename = "contact_is_main", default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub is_main: Option<bool>,
}

/// A valid, normalized customer: one optional property per canonical field (CONTRACT section 1),
/// custom fields by name, and its valid contacts.
///
/// Every property has a default, so a host builds one with named arguments (Kotlin
/// `Customer(externalId = "C-1", name = "Ana")`, e.g. for a `CustomerLookup` answer or an export).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The spreadsheet rows this customer was read from.
    #[uniffi(default = [])]
    pub rows: Vec<i64>,
    /// The customer's id in the user's own system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub external_id: Option<String>,
    /// Full name or company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// Short name (InvoiceOcean).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub short_name: Option<String>,
    /// A private person's first name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub first_name: Option<String>,
    /// A private person's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub last_name: Option<String>,
    /// Company (true) or private person (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub is_company: Option<bool>,
    /// National tax id, compact (CPF/CNPJ, NIP, SIREN/SIRET, EU VAT...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub tax_id: Option<String>,
    /// EU VAT number (and GB, CH, NO), compact, with its country prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub vat_number: Option<String>,
    /// Brazilian state registration, compact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub state_inscription: Option<String>,
    /// Brazilian municipal registration, compact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub municipal_inscription: Option<String>,
    /// Main e-mail, lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub email: Option<String>,
    /// Further e-mails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub additional_emails: Option<Vec<String>>,
    /// Phone, E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub phone: Option<String>,
    /// Mobile phone, E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub mobile_phone: Option<String>,
    /// Fax, E.164.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub fax: Option<String>,
    /// Web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub website: Option<String>,
    /// Street.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub address: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub address_number: Option<String>,
    /// Address complement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub complement: Option<String>,
    /// District, neighbourhood (bairro).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub district: Option<String>,
    /// Postal code in the country's format (BR `NNNNN-NNN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub postal_code: Option<String>,
    /// Town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub city: Option<String>,
    /// State or region (BR: the two-letter UF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub country: Option<String>,
    /// Delivery address as one text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub delivery_address: Option<String>,
    /// Bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub bank_name: Option<String>,
    /// Bank account (IBAN compact when it is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub bank_account: Option<String>,
    /// Accounting code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub accounting_code: Option<String>,
    /// Account manager e-mails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub account_manager_email: Option<Vec<String>>,
    /// Dunning workflow name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub workflow: Option<String>,
    /// Default payment period in days (0..=3650).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub payment_terms_days: Option<i64>,
    /// Customer group or segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub group: Option<String>,
    /// The parent customer's external id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub parent_id: Option<String>,
    /// The parent customer's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub parent_name: Option<String>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub notes: Option<String>,
    /// Do not send billing notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[uniffi(default = None)]
    pub notifications_disabled: Option<bool>,
    /// Host-defined custom fields, by name.
    #[serde(default, skip_serializing_if = "HashMap::is_empty", serialize_with = "sorted")]
    #[uniffi(default)]
    pub custom: HashMap<String, FieldValue>,
    /// Valid contacts of this customer.
    #[serde(default)]
    #[uniffi(default = [])]
    pub contacts: Vec<Contact>,
}

/// The result of validating a file (CONTRACT section 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// What was read.
    pub source: SourceInfo,
    /// The profile's name.
    pub profile: String,
    /// The locale of the messages (`en`, `pt-BR`, `fr`, `pl`, `es`): the options', else the
    /// profile's, else the language of the file's headers, else `en`.
    pub locale: String,
    /// Every column with its field (or none), confidence and reason.
    pub mapping: Vec<ColumnMapping>,
    /// The counts.
    pub stats: Stats,
    /// Every issue, sorted by row then column.
    pub issues: Vec<Issue>,
    /// The valid customers with their valid contacts.
    pub customers: Vec<Customer>,
    /// Import only: what the import does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanCounts>,
}

#[uniffi::export]
impl Report {
    /// The report as one-line JSON, identical to `cadastro validate --format json`.
    pub fn to_json(&self) -> String {
        json_of(self)
    }

    /// True when some issue is an error (the CLI's exit code 1).
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }
}

/// A sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// False for hidden sheets.
    pub visible: bool,
}

/// One column as `inspect` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct InspectColumn {
    /// The column letter.
    pub column: String,
    /// The header text.
    pub header: String,
    /// The first non-blank values (at most five).
    pub samples: Vec<String>,
    /// The suggested field, if any.
    pub field: Option<String>,
    /// The confidence of the suggestion.
    pub confidence: f64,
    /// Why (as in [`ColumnMapping::reason`]).
    pub reason: String,
    /// True when the suggestion's confidence is below the review threshold (0.9).
    pub needs_review: bool,
    /// The columns a merge reads for this field, else empty.
    pub merged_from: Vec<String>,
}

/// What a file is and how its columns would map (`cadastro inspect --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// What was read.
    pub source: SourceInfo,
    /// Workbooks: every sheet with its visibility.
    pub sheets: Vec<SheetInfo>,
    /// Data rows below the header (blank rows excluded).
    pub rows: i64,
    /// Every column.
    pub columns: Vec<InspectColumn>,
    /// The rows the header search weighed, with their scores, the chosen one first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[uniffi(default = [])]
    pub header_candidates: Vec<HeaderCandidate>,
}

#[uniffi::export]
impl Inspection {
    /// The inspection as one-line JSON, identical to `cadastro inspect --format json`.
    pub fn to_json(&self) -> String {
        json_of(self)
    }
}

/// One column of a profile's layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct ProfileColumn {
    /// The header text, in the profile's language.
    pub header: String,
    /// The field (canonical or custom name), or none for a column that carries no field.
    pub field: Option<String>,
}

/// A checked profile: its summary, and the whole document to save or edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
pub struct Profile {
    /// The profile's name.
    pub name: String,
    /// The document version.
    pub version: i64,
    /// The language of its headers.
    pub language: String,
    /// The country for rows without one (ISO alpha-2).
    #[serde(default)]
    pub default_country: Option<String>,
    /// The required fields.
    pub required: Vec<String>,
    /// The layout: export and template column order.
    pub columns: Vec<ProfileColumn>,
    /// The whole document (JSON), to pass back as `ImportOptions.profileJson`.
    #[serde(skip)]
    pub json: String,
}

impl Profile {
    /// The record of a core profile.
    pub(crate) fn from_core(p: &cadastro::Profile) -> Result<Self, CadastroError> {
        let mut record: Profile = from_core(p)?;
        record.json = p.to_json();
        Ok(record)
    }
}

/// One cell's value as a host holds it, for [`normalize`](crate::normalize).
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum CellValue {
    /// No value.
    Empty,
    /// A text cell.
    Text {
        /// The text.
        value: String,
    },
    /// A numeric spreadsheet cell (may have lost leading zeros, may be a float like `5.5e12`).
    Number {
        /// The number.
        value: f64,
    },
    /// A boolean cell.
    Bool {
        /// The boolean.
        value: bool,
    },
}

impl From<CellValue> for cadastro::Cell {
    fn from(v: CellValue) -> Self {
        match v {
            CellValue::Empty => cadastro::Cell::Empty,
            CellValue::Text { value } => cadastro::Cell::Text(value),
            CellValue::Number { value } => cadastro::Cell::Float(value),
            CellValue::Bool { value } => cadastro::Cell::Bool(value),
        }
    }
}

/// The outcome of checking one value: the normalized value, or the error code; warnings either way.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Normalized {
    /// The normalized value; none when the value is blank or invalid.
    pub value: Option<FieldValue>,
    /// The error code (`invalid_tax_id`, ...) when the value is invalid.
    pub error: Option<String>,
    /// Warning codes (`leading_zeros_restored`, `formula_like_value`).
    pub warnings: Vec<String>,
}

impl From<cadastro::checks::CellCheck> for Normalized {
    fn from(c: cadastro::checks::CellCheck) -> Self {
        Normalized {
            value: c.value.map(FieldValue::from),
            error: c.error.map(|code| code.as_str().to_owned()),
            warnings: c.warnings.iter().map(|code| code.as_str().to_owned()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use cadastro::MatchReason;
    use cadastro::NoBase;
    use cadastro::Target;
    use cadastro::{Cell, CustomField, CustomKind, Field, ImportOptions, Importer, ProfileColumn};
    use cadastro::{Format, Row, SourceInfo as CoreSource, Table};

    use super::*;

    /// A value every canonical field accepts (country BR), in its normalized form so the test
    /// does not depend on the details of each leaf; `parent_*` name the customer of row 4.
    fn sample(field: Field) -> &'static str {
        match field.as_str() {
            "external_id" => "C-1",
            "name" => "ACME  Comércio Ltda",
            "short_name" => "ACME",
            "first_name" => "Ana",
            "last_name" => "Silva",
            "is_company" => "true",
            "tax_id" => "11.222.333/0001-81",
            "vat_number" => "FR40303265045",
            "state_inscription" => "123.456.789",
            "municipal_inscription" => "98765",
            "email" => "financeiro@acme.example",
            "additional_emails" => "b@acme.example;c@acme.example",
            "phone" => "+551134567890",
            "mobile_phone" => "+5511987654321",
            "fax" => "+551134567891",
            "website" => "https://acme.example",
            "address" => "Avenida Paulista",
            "address_number" => "1578",
            "complement" => "Conj. 42",
            "district" => "Bela Vista",
            "postal_code" => "01310-100",
            "city" => "São Paulo",
            "state" => "SP",
            "country" => "BR",
            "delivery_address" => "Rua Augusta 10",
            "bank_name" => "Banco X",
            "bank_account" => "DE89 3704 0044 0532 0130 00",
            "accounting_code" => "411",
            "account_manager_email" => "gerente@acme.example",
            "workflow" => "Padrão",
            "payment_terms_days" => "30",
            "group" => "Varejo",
            "parent_id" => "C-2",
            "parent_name" => "Beta SA",
            "notes" => "cliente antigo",
            "notifications_disabled" => "false",
            "contact_email" => "joao@acme.example",
            "contact_first_name" => "João",
            "contact_last_name" => "Souza",
            "contact_phone" => "+5511912345678",
            "contact_reference" => "R-9",
            "contact_position" => "SALES",
            "contact_is_main" => "true",
            other => panic!("no sample for field {other}: add one"),
        }
    }

    fn profile() -> cadastro::Profile {
        let mut p = cadastro::Profile::generic();
        p.default_country = Some("BR".into());
        let custom = [
            ("segmento", CustomKind::Text { max_len: None }),
            ("limite", CustomKind::Integer { min: Some(0), max: None }),
            ("taxa", CustomKind::Number),
            ("ativo", CustomKind::Boolean),
            ("desde", CustomKind::Date),
        ];
        for (name, kind) in custom {
            p.custom_fields.push(CustomField { name: name.into(), kind, required: false, synonyms: Vec::new() });
            p.columns.push(ProfileColumn {
                header: name.into(),
                field: Some(Target::parse(name)),
                synonyms: Vec::new(),
                note: None,
            });
        }
        p
    }

    /// Every canonical field and five custom fields; row 2 a full customer with a contact, row 3 a
    /// second contact, row 4 the parent, row 5 bad values, row 6 blank, row 7 a ragged row.
    fn table() -> Table {
        let mut headers: Vec<String> = Field::ALL.iter().map(|f| f.label().to_owned()).collect();
        headers.extend(["segmento", "limite", "taxa", "ativo", "desde"].map(String::from));
        let width = headers.len();
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) };
        let row = |n: u32, cells: Vec<Cell>| Row { row: n, line: Some(u64::from(n)), cells };
        let mut full: Vec<Cell> = Field::ALL.iter().map(|&f| text(sample(f))).collect();
        full.extend([text("ouro"), Cell::Float(1500.0), text("2.5"), Cell::Bool(true), text("2026-03-01")]);
        let by = |pairs: &[(&str, &str)]| {
            let mut cells = vec![Cell::Empty; width];
            for (name, value) in pairs {
                let i = headers.iter().position(|h| Field::from_name(name).map(Field::label) == Some(h)).unwrap();
                cells[i] = text(value);
            }
            cells
        };
        let second =
            by(&[("external_id", "C-1"), ("contact_email", "maria@acme.example"), ("contact_is_main", "false")]);
        let parent = by(&[("external_id", "C-2"), ("name", "Beta SA"), ("tax_id", "529.982.247-25")]);
        let bad = by(&[("external_id", "C-3"), ("name", "Gamma"), ("tax_id", "111.111.111-11")]);
        let mut ragged = by(&[("external_id", "C-4"), ("name", "Delta")]);
        ragged.truncate(3);
        let mut issues = Vec::new();
        let mut rag = cadastro::Issue::new(cadastro::IssueCode::RaggedRow, 7);
        rag.field = Some("_row".into());
        rag.line = Some(7);
        issues.push(rag);
        Table {
            source: CoreSource {
                format: Format::Csv,
                encoding: Some(cadastro::TextEncoding::Utf8Bom),
                delimiter: Some(';'),
                sheet: None,
                header_row: Some(1),
                encoding_confidence: Some(1.0),
                skipped_rows: Vec::new(),
                country_inferred: None,
            },
            sheets: Vec::new(),
            headers,
            rows: vec![row(2, full), row(3, second), row(4, parent), row(5, bad), row(7, ragged)],
            blank_rows: 1,
            issues,
        }
    }

    fn core_report() -> cadastro::Report {
        let opts = ImportOptions { profile: profile(), ..ImportOptions::default() };
        Importer::new(opts).unwrap().validate_table(&table(), &NoBase).unwrap()
    }

    #[test]
    fn the_fixture_sets_every_field() {
        let core = core_report();
        let acme = core.customers.iter().find(|c| c.text(Field::ExternalId) == Some("C-1")).unwrap();
        let customer_fields = Field::ALL.iter().filter(|f| !f.is_contact()).count();
        assert_eq!(acme.fields().len(), customer_fields, "{:?}", core.issues);
        assert_eq!(acme.custom.len(), 5);
        let contact_fields = Field::ALL.iter().filter(|f| f.is_contact()).count();
        assert_eq!(acme.contacts.first().unwrap().fields().len(), contact_fields);
    }

    #[test]
    fn report_json_is_the_core_json() {
        let core = core_report();
        let record: Report = from_core(&core).unwrap();
        assert_eq!(record.to_json(), core.to_json());
        assert_eq!(record.has_errors(), core.has_errors());
        assert!(record.has_errors());
    }

    #[test]
    fn customers_are_typed() {
        let record: Report = from_core(&core_report()).unwrap();
        assert_eq!(record.stats.rows_total, 5);
        assert_eq!(record.stats.rows_blank, 1);
        let acme = record.customers.iter().find(|c| c.external_id.as_deref() == Some("C-1")).unwrap();
        assert_eq!(acme.rows, [2, 3]);
        assert_eq!(acme.name.as_deref(), Some("ACME Comércio Ltda"));
        assert_eq!(acme.tax_id.as_deref(), Some("11222333000181"));
        assert_eq!(acme.is_company, Some(true));
        assert_eq!(acme.notifications_disabled, Some(false));
        assert_eq!(acme.payment_terms_days, Some(30));
        assert_eq!(acme.mobile_phone.as_deref(), Some("+5511987654321"));
        assert_eq!(acme.postal_code.as_deref(), Some("01310-100"));
        assert_eq!(acme.state.as_deref(), Some("SP"));
        assert_eq!(acme.country.as_deref(), Some("BR"));
        assert_eq!(acme.email.as_deref(), Some("financeiro@acme.example"));
        assert_eq!(
            acme.additional_emails.as_deref(),
            Some(&["b@acme.example".to_owned(), "c@acme.example".into()][..])
        );
        assert_eq!(acme.bank_account.as_deref(), Some("DE89370400440532013000"));
        assert_eq!(acme.custom.get("limite"), Some(&FieldValue::Integer { value: 1500 }));
        assert_eq!(acme.custom.get("ativo"), Some(&FieldValue::Bool { value: true }));
        assert_eq!(acme.custom.get("taxa"), Some(&FieldValue::Number { value: 2.5 }));
        assert_eq!(acme.custom.get("desde"), Some(&FieldValue::Text { value: "2026-03-01".into() }));
        let joao = acme.contacts.iter().find(|c| c.row == 2).unwrap();
        assert_eq!(joao.email.as_deref(), Some("joao@acme.example"));
        assert_eq!(joao.position.as_deref(), Some("SALES"));
        assert_eq!(joao.is_main, Some(true));
        assert_eq!(acme.contacts.len(), 2);
    }

    #[test]
    fn issues_keep_codes_and_positions() {
        let core = core_report();
        let record: Report = from_core(&core).unwrap();
        assert_eq!(record.issues.len(), core.issues.len());
        for (r, c) in record.issues.iter().zip(&core.issues) {
            assert_eq!(r.code, c.code.as_str());
            assert_eq!(r.row, i64::from(c.row));
            assert_eq!(r.column, c.column);
            assert_eq!(r.field, c.field);
            assert_eq!(r.value, c.value);
            assert_eq!(r.severity == Severity::Error, c.is_error());
        }
        let codes: Vec<(i64, &str)> = record.issues.iter().map(|i| (i.row, i.code.as_str())).collect();
        assert!(codes.contains(&(5, "invalid_tax_id")), "{codes:?}");
        assert!(codes.contains(&(7, "ragged_row")), "{codes:?}");
    }

    #[test]
    fn inspection_json_is_the_core_json() {
        let core = cadastro::Inspection {
            source: CoreSource {
                format: Format::Xlsx,
                encoding: None,
                delimiter: None,
                sheet: Some("Plan1".into()),
                header_row: Some(3),
                encoding_confidence: None,
                skipped_rows: vec![cadastro::SkippedRow { row: 1, reason: cadastro::SkipReason::Title }],
                country_inferred: None,
            },
            sheets: vec![cadastro::SheetInfo { name: "Plan1".into(), visible: true }],
            rows: 42,
            columns: vec![cadastro::InspectColumn {
                column: "A".into(),
                header: "Nome".into(),
                samples: vec!["Ana".into()],
                field: Some("name".into()),
                confidence: 0.93,
                reason: MatchReason::Synonym,
                needs_review: false,
                merged_from: Vec::new(),
            }],
            header_candidates: vec![cadastro::HeaderCandidate {
                row: 3,
                score: 9.5,
                known_labels: 2,
                cells: 4,
                qualifies: true,
                chosen: true,
            }],
        };
        let record: Inspection = from_core(&core).unwrap();
        assert_eq!(record.to_json(), core.to_json());
        assert_eq!(record.source.skipped_rows[0].reason, "title");
        assert_eq!(record.source.sheet.as_deref(), Some("Plan1"));
        assert_eq!(record.columns[0].reason, "synonym");
    }

    #[test]
    fn profiles_keep_their_document() {
        for name in cadastro::BUILTIN_PROFILES {
            let core = cadastro::Profile::builtin(name).unwrap();
            let record = Profile::from_core(&core).unwrap();
            assert_eq!(record.name, *name);
            assert_eq!(record.columns.len(), core.columns.len());
            assert_eq!(cadastro::Profile::from_json(&record.json).unwrap(), core);
        }
        let asaas = Profile::from_core(&cadastro::Profile::builtin("asaas").unwrap()).unwrap();
        assert_eq!(asaas.default_country.as_deref(), Some("BR"));
        assert_eq!(asaas.required, ["external_id", "name", "tax_id"]);
        assert_eq!(asaas.columns[0].header, "Identificador Externo");
    }
}
