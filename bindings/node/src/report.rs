//! `Report` and `Inspection` classes, and the plain objects they hand out. Property names are
//! camelCase; the canonical field names inside `customers` and the JSON of `toJson()` stay
//! exactly the core's (CONTRACT section 5), byte for byte what the CLI prints.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use cadastro::ImportPlan;
use cadastro::{Locale, Table};
use napi::bindgen_prelude::{Array, ObjectFinalize};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::convert;
use crate::error::{Code, Failure, run};
use crate::memory::{self, Settle};
use crate::ops::Plan;

/// The counts of a report.
#[napi(object)]
pub struct Stats {
    /// Non-blank data rows below the header.
    pub rows_total: f64,
    /// Blank rows skipped below the header.
    pub rows_blank: f64,
    /// Rows that carry at least one error issue.
    pub rows_rejected: f64,
    /// Valid customers.
    pub customers_valid: f64,
    /// Rejected customers.
    pub customers_rejected: f64,
    /// Valid contacts (of valid customers).
    pub contacts_valid: f64,
    /// Rejected contacts.
    pub contacts_rejected: f64,
}

impl From<&cadastro::Stats> for Stats {
    fn from(s: &cadastro::Stats) -> Self {
        // Counts stay far below 2^53: exact as JS numbers.
        Stats {
            rows_total: s.rows_total as f64,
            rows_blank: s.rows_blank as f64,
            rows_rejected: s.rows_rejected as f64,
            customers_valid: s.customers_valid as f64,
            customers_rejected: s.customers_rejected as f64,
            contacts_valid: s.contacts_valid as f64,
            contacts_rejected: s.contacts_rejected as f64,
        }
    }
}

/// One problem in the data (CONTRACT section 4).
#[napi(object)]
pub struct Issue {
    /// The row as a spreadsheet shows it (1-based).
    pub row: u32,
    /// Delimited text only: the physical line where the record starts.
    pub line: Option<f64>,
    /// The column letter, when the issue is about one cell.
    pub column: Option<String>,
    /// The column's header text.
    pub header: Option<String>,
    /// The field (`tax_id`, a custom field name, or `_row`).
    pub field: Option<String>,
    /// The machine code (`invalid_tax_id`, `duplicate_key`...).
    pub code: String,
    /// `"error"` or `"warning"`.
    pub severity: String,
    /// A human message in the report's locale.
    pub message: String,
    /// The raw cell value (absent with `includeValues: false`).
    pub value: Option<String>,
}

impl From<&cadastro::Issue> for Issue {
    fn from(i: &cadastro::Issue) -> Self {
        Issue {
            row: i.row,
            line: i.line.map(|l| l as f64),
            column: i.column.clone(),
            header: i.header.clone(),
            field: i.field.clone(),
            code: i.code.as_str().to_owned(),
            severity: if i.is_error() { "error" } else { "warning" }.to_owned(),
            message: i.message.clone(),
            value: i.value.clone(),
        }
    }
}

/// What was read (the report's `source`).
#[napi(object)]
pub struct SourceInfo {
    /// `csv`, `xlsx`, `xlsm`, `xlsb`, `xls` or `ods`.
    pub format: String,
    /// Delimited text: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`, `windows-1250`,
    /// `windows-1251`, `iso-8859-2`, `iso-8859-15`, `shift_jis`, `gb18030`, `big5`, `euc-kr` or
    /// `x-mac-roman`.
    pub encoding: Option<String>,
    /// Delimited text: the delimiter.
    pub delimiter: Option<String>,
    /// Workbooks: the sheet read.
    pub sheet: Option<String>,
    /// The 1-based row of the header; `null` for a table without a header row.
    pub header_row: Option<u32>,
    /// Delimited text: how sure the encoding is (0..1).
    pub encoding_confidence: Option<f64>,
    /// The non-blank rows above the header, with why they were skipped.
    pub skipped_rows: Vec<SkippedRow>,
    /// The default country inferred from the file when neither the profile nor the options set
    /// one.
    pub country_inferred: Option<CountryInferred>,
}

/// The default country inferred from a file's evidence (`source.countryInferred`).
#[napi(object)]
pub struct CountryInferred {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// What it rests on: `tax_id`, `phone`, `postal_code`, `country`, `header_language`.
    pub evidence: Vec<String>,
}

/// A non-blank row above the header.
#[napi(object)]
pub struct SkippedRow {
    /// The row number a spreadsheet shows.
    pub row: u32,
    /// `title` or `data` (a data-looking row, warned `skipped_above_header`).
    pub reason: String,
}

/// A row the header search weighed (what `inspect` shows).
#[napi(object)]
pub struct HeaderCandidate {
    /// The row number a spreadsheet shows.
    pub row: u32,
    /// Higher is more header-like.
    pub score: f64,
    /// Cells that are known header labels.
    pub known_labels: u32,
    /// Non-blank cells.
    pub cells: u32,
    /// Whether the row qualifies as a header.
    pub qualifies: bool,
    /// Whether this row is the header.
    pub chosen: bool,
}

impl From<&cadastro::SourceInfo> for SourceInfo {
    fn from(s: &cadastro::SourceInfo) -> Self {
        SourceInfo {
            format: s.format.as_str().to_owned(),
            encoding: s.encoding.map(|e| e.as_str().to_owned()),
            delimiter: s.delimiter.map(String::from),
            sheet: s.sheet.clone(),
            header_row: s.header_row,
            encoding_confidence: s.encoding_confidence,
            skipped_rows: s
                .skipped_rows
                .iter()
                .map(|k| SkippedRow { row: k.row, reason: json_str(serde_json::to_value(k.reason)) })
                .collect(),
            country_inferred: s
                .country_inferred
                .as_ref()
                .map(|c| CountryInferred { country: c.country.clone(), evidence: c.evidence.clone() }),
        }
    }
}

/// One column's mapping.
#[napi(object)]
pub struct ColumnMapping {
    /// The column letter.
    pub column: String,
    /// The header text.
    pub header: String,
    /// The target field (a canonical field or custom field name), or `null`.
    pub field: Option<String>,
    /// Confidence between 0 and 1.
    pub confidence: f64,
    /// Why: `explicit`, `learned`, `profile_label`, `synonym`, `context`, `values`, `fuzzy`
    /// (a column with a field); `ignored`, `context`, `profile_label` or `none` (without).
    pub reason: String,
    /// True when the confidence is below the review threshold (0.9 unless the mapping's
    /// `review_threshold` says otherwise).
    pub needs_review: bool,
    /// The columns a merge reads for this field (`["B", "C"]` for CPF + CNPJ), else empty.
    pub merged_from: Vec<String>,
}

impl From<&cadastro::ColumnMapping> for ColumnMapping {
    fn from(c: &cadastro::ColumnMapping) -> Self {
        ColumnMapping {
            column: c.column.clone(),
            header: c.header.clone(),
            field: c.field.as_ref().map(|t| t.name().to_owned()),
            confidence: c.confidence,
            reason: json_str(serde_json::to_value(c.reason)),
            needs_review: c.needs_review,
            merged_from: c.merged_from.clone(),
        }
    }
}

/// A unit enum's serde name (`MatchReason::Synonym` -> `synonym`).
fn json_str(value: serde_json::Result<serde_json::Value>) -> String {
    match value {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The result of `validate` / `validateAsync` (CONTRACT section 5).
#[napi(custom_finalize)]
pub struct Report {
    inner: cadastro::Report,
    /// The rows of the table read that have an error, for `writeErrors` (the error file repeats
    /// the rejected rows as they were); the other rows are dropped at once.
    table: Table,
    /// The native bytes reported to V8 for this object (taken back by the finalizer).
    external: i64,
    locale: Locale,
    /// The profile validated with: its write policies are the default of `plan`.
    pub(crate) profile: cadastro::Profile,
    /// The import plan, once `plan()` or `Store.importFile` made one.
    pub(crate) plan: Option<Arc<ImportPlan>>,
    /// `Store.importFile`: whether the plan was written.
    pub(crate) applied: Option<bool>,
}

impl Report {
    /// A report over `table`, of which only the rows with an error are kept (all `writeErrors`
    /// reads: released here rather than whenever V8 collects the object).
    pub(crate) fn new(inner: cadastro::Report, mut table: Table, locale: Locale, profile: cadastro::Profile) -> Self {
        let rejected: HashSet<u32> = inner.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
        table.rows.retain(|r| rejected.contains(&r.row));
        table.rows.shrink_to_fit();
        Report { inner, table, external: 0, locale, profile, plan: None, applied: None }
    }

    /// The valid customers.
    pub(crate) fn valid_customers(&self) -> &[cadastro::Customer] {
        &self.inner.customers
    }

    /// The core report (to plan it).
    pub(crate) fn inner_mut(&mut self) -> &mut cadastro::Report {
        &mut self.inner
    }
}

#[napi]
impl Report {
    /// The counts.
    #[napi(getter)]
    pub fn stats(&self) -> Stats {
        Stats::from(&self.inner.stats)
    }

    /// Every issue, sorted by row then column.
    #[napi(getter)]
    pub fn issues(&self) -> Vec<Issue> {
        self.inner.issues.iter().map(Issue::from).collect()
    }

    /// The valid customers with their valid contacts: plain objects keyed by the canonical
    /// snake_case field names, as in the JSON (`rows`, `name`, `tax_id`, ..., `contacts`).
    ///
    /// Built by V8's `JSON.parse` from pages of JSON text, so that any number of customers
    /// converts (and several times faster than property by property).
    #[napi(
        getter,
        ts_return_type = "Array<{ rows: number[]; contacts?: Array<Record<string, unknown>>; [field: string]: unknown }>"
    )]
    pub fn customers<'env>(&self, env: &'env Env) -> napi::Result<Array<'env>, Code> {
        run(|| convert::customers_to_js(env, &self.inner.customers))
    }

    /// What was read.
    #[napi(getter)]
    pub fn source(&self) -> SourceInfo {
        SourceInfo::from(&self.inner.source)
    }

    /// The locale of the messages (`en`, `pt-BR`, `fr`, `pl`, `es`): the one asked for, else
    /// the profile's, else the language of the file's headers, else `en`.
    #[napi(getter)]
    pub fn locale(&self) -> String {
        self.inner.locale.as_str().to_owned()
    }

    /// Every column with its field (or `null`), confidence and reason.
    #[napi(getter)]
    pub fn mapping(&self) -> Vec<ColumnMapping> {
        self.inner.mapping.iter().map(ColumnMapping::from).collect()
    }

    /// The profile's name.
    #[napi(getter)]
    pub fn profile(&self) -> String {
        self.inner.profile.clone()
    }

    /// The import plan (`Store.importFile`, or after `plan(report, lookup)`): what the import
    /// creates, updates (with field diffs) and leaves unchanged; `null` before.
    #[napi(getter)]
    pub fn plan(&self, env: Env) -> Option<Plan> {
        self.plan.as_ref().map(|p| Plan::shared(Arc::clone(p), &env))
    }

    /// `Store.importFile`: true when the plan was written (false for a dry run, or an atomic
    /// import of a file with errors); `null` for a report that was not imported.
    #[napi(getter)]
    pub fn applied(&self) -> Option<bool> {
        self.applied
    }

    /// True when some row has an error issue (the CLI exits with 1).
    #[napi(getter)]
    pub fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The report as JSON (one line): byte-identical to `cadastro validate --format json`
    /// without its trailing newline (`cadastro import --format json` once planned: with
    /// `"plan": {"created", "updated", "unchanged"}`).
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The same JSON as `toJson()`, as UTF-8 bytes in a `Buffer`: for a host that writes the
    /// report to a file, a socket or an HTTP response, it skips turning a large report into a
    /// JavaScript string and back (a 100,000-row report is ~38 MB).
    #[napi]
    pub fn to_json_buffer(&self) -> napi::bindgen_prelude::Buffer {
        self.inner.to_json().into_bytes().into()
    }

    /// Writes the error file (`.xlsx` or `.csv`, by the extension): the rejected rows as they
    /// were plus an Errors column, in `locale` (default: the report's). Throws `invalid_options`
    /// for another extension or locale, `io` when the file cannot be written.
    #[napi(catch_unwind, ts_args_type = "path: string, locale?: string | undefined | null")]
    pub fn write_errors(&self, path: Option<Unknown<'_>>, locale: Option<Unknown<'_>>) -> napi::Result<(), Code> {
        run(|| {
            let path = convert::string(path, "path")?;
            let locale = convert::locale_arg(convert::opt_string(locale, "locale")?, self.locale)?;
            cadastro::export::write_error_file(&self.table, &self.inner, Path::new(&path), locale)
                .map_err(Failure::from)
        })
    }
}

impl Settle for Report {
    fn settle(&mut self, env: &Env) {
        let bytes = memory::signed(
            memory::report(&self.inner)
                + memory::table(&self.table)
                + self.plan.as_deref().map_or(0, memory::plan)
                + std::mem::size_of::<Self>(),
        );
        memory::adjust(env, bytes - self.external);
        self.external = bytes;
    }
}

impl ObjectFinalize for Report {
    fn finalize(self, env: Env) -> napi::Result<()> {
        memory::adjust(&env, -self.external);
        Ok(())
    }
}

/// A workbook sheet.
#[napi(object)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// False for hidden and very hidden sheets.
    pub visible: bool,
}

/// One column as `inspect` shows it.
#[napi(object)]
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
    /// Why (`profile_label`, `synonym`, `context`, `values`, `fuzzy`, `none`...).
    pub reason: String,
    /// True when the suggestion's confidence is below the review threshold (0.9).
    pub needs_review: bool,
    /// The columns a merge reads for this field (CPF + CNPJ -> tax_id), else empty.
    pub merged_from: Vec<String>,
}

/// What a file is and how its columns would map (`cadastro inspect`).
#[napi]
pub struct Inspection {
    inner: cadastro::Inspection,
}

impl Inspection {
    pub(crate) fn new(inner: cadastro::Inspection) -> Self {
        Inspection { inner }
    }
}

#[napi]
impl Inspection {
    /// What was read.
    #[napi(getter)]
    pub fn source(&self) -> SourceInfo {
        SourceInfo::from(&self.inner.source)
    }

    /// Workbooks: every sheet with its visibility (empty for delimited text).
    #[napi(getter)]
    pub fn sheets(&self) -> Vec<SheetInfo> {
        self.inner.sheets.iter().map(|s| SheetInfo { name: s.name.clone(), visible: s.visible }).collect()
    }

    /// Data rows below the header (blank rows excluded).
    #[napi(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.rows as f64
    }

    /// Every column with its suggested field.
    #[napi(getter)]
    pub fn columns(&self) -> Vec<InspectColumn> {
        self.inner
            .columns
            .iter()
            .map(|c| InspectColumn {
                column: c.column.clone(),
                header: c.header.clone(),
                samples: c.samples.clone(),
                field: c.field.clone(),
                confidence: c.confidence,
                reason: json_str(serde_json::to_value(c.reason)),
                needs_review: c.needs_review,
                merged_from: c.merged_from.clone(),
            })
            .collect()
    }

    /// The rows the header search weighed, with their scores, the chosen one first.
    #[napi(getter)]
    pub fn header_candidates(&self) -> Vec<HeaderCandidate> {
        self.inner
            .header_candidates
            .iter()
            .map(|c| HeaderCandidate {
                row: c.row,
                score: c.score,
                known_labels: u32::try_from(c.known_labels).unwrap_or(u32::MAX),
                cells: u32::try_from(c.cells).unwrap_or(u32::MAX),
                qualifies: c.qualifies,
                chosen: c.chosen,
            })
            .collect()
    }

    /// The inspection as JSON (one line): what `cadastro inspect --format json` prints.
    #[napi]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}
