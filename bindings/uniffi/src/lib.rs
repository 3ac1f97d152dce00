//! `cadastro_uniffi`: the UniFFI face of the cadastro core, for Kotlin (Android, JVM), Swift (iOS,
//! macOS) and Python hosts (CONTRACT section 7).
//!
//! Thin by design: it converts foreign values to core types and back ([`options`], [`report`])
//! and core errors to one error enum ([`error`], one table). Every rule lives in the core.
//!
//! - [`Importer`]: options checked once, then `validate`, `inspect`, `write_errors` on many files.
//!   `Send + Sync`; every call is blocking: the host picks the thread (a Kotlin
//!   `Dispatchers.IO` coroutine, a Swift `Task.detached`, ...).
//! - Free functions for one-shot use: [`validate`], [`inspect`], [`write_errors`], [`normalize`],
//!   [`builtin_profile`], [`parse_profile`], [`builtin_profiles`], [`default_limits`],
//!   [`field_names`], [`issue_codes`], [`error_kinds`], [`version`].
//! - The import plan against the host's own base: the host implements the foreign trait
//!   [`CustomerLookup`]; [`plan`] returns an [`ImportPlan`] (entries with diffs, `counts()`,
//!   `to_json()`).
//! - Streaming validation of large delimited files: the host implements the foreign trait
//!   [`ChunkSink`]; [`validate_stream`] / [`Importer::validate_stream`] hand it the customers and
//!   issues chunk by chunk and return a [`StreamSummary`].
//! - The embedded store [`Store`]: accounts, groups, customers, `import_file`, `export`.
//! - [`export_customers`] (plain customers to XLSX/CSV), [`template`], [`customers_from_json`].

/// mimalloc for the Rust side, as in the `cadastro` CLI: validation allocates and frees
/// millions of small strings across threads, where the system allocator took a quarter of the
/// CPU time (benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::sync::Arc;

use cadastro::NoBase;

pub mod error;
pub mod ops;
pub mod options;
pub mod plan;
pub mod report;
pub mod stream;

pub use error::CadastroError;
pub use ops::{ExportStats, ImportResult, Store};
pub use options::{ImportOptions, Limits, Source};
pub use plan::{
    Action, ContactChange, CustomerKey, CustomerLookup, Diff, Existing, ExistingRef, FieldChange, ImportPlan,
    MatchedBy, PlanEntry,
};
pub use report::{
    CellValue, ColumnMapping, Contact, CountryInferred, Customer, FieldValue, InspectColumn, Inspection, Issue,
    Normalized, PlanCounts, Profile, ProfileColumn, Report, Severity, SheetInfo, SourceInfo, Stats,
};
pub use stream::{Chunk, ChunkSink, ChunkSinkError, ImportChunk, ImportSink, StreamImport, StreamSummary};

uniffi::setup_scaffolding!();

/// Options checked once (profile, mapping, country, read options), reusable on many files.
///
/// Kotlin: `Importer(ImportOptions(profile = "asaas")).validate(Source.Path(path))`.
#[derive(Debug, uniffi::Object)]
pub struct Importer {
    inner: cadastro::Importer,
}

#[uniffi::export]
impl Importer {
    /// Checks the options.
    ///
    /// Errors: `InvalidOptions` (unknown profile name, country, locale, encoding; bad mapping
    /// document; a delimiter that is not one character; a negative limit), `InvalidProfile`.
    #[uniffi::constructor]
    pub fn new(options: ImportOptions) -> Result<Arc<Self>, CadastroError> {
        Ok(Arc::new(Importer { inner: cadastro::Importer::new(options.to_core()?)? }))
    }

    /// Reads and validates a file. Bad data is never an error: it is an issue in the report.
    ///
    /// Errors: a file-level failure (`EmptyFile`, `UnsupportedFormat`, `Io`, ...),
    /// `DuplicateHeader`, `MissingRequiredColumn`.
    pub fn validate(&self, source: Source) -> Result<Report, CadastroError> {
        let report = self.inner.validate(&source.into())?;
        report::from_core(&report)
    }

    /// Reads a file and suggests a mapping for its columns with this importer's profile and
    /// read options, without validating.
    ///
    /// Errors: a file-level failure.
    pub fn inspect(&self, source: Source) -> Result<Inspection, CadastroError> {
        let opts = self.inner.options();
        let inspection = cadastro::inspect(&source.into(), &opts.read, &opts.profile)?;
        report::from_core(&inspection)
    }

    /// Validates a file and writes its error file to `path` (`.xlsx`: rejected rows with the bad
    /// cells highlighted and a note; `.csv`: rejected rows plus an Errors column), in one read.
    /// Returns the report. The file is written even when no row is rejected (header only).
    ///
    /// Errors: as [`Importer::validate`], `InvalidOptions` for another extension, `Io`,
    /// `WriteError`.
    pub fn write_errors(&self, source: Source, path: String) -> Result<Report, CadastroError> {
        let source: cadastro::Source = source.into();
        let table = source.open(&self.inner.options().read)?;
        let report = self.inner.validate_table(&table, &NoBase)?;
        cadastro::export::write_error_file(&table, &report, Path::new(&path), report.locale)?;
        report::from_core(&report)
    }

    /// Validates a delimited text file in one streaming pass, handing `sink` the valid customers
    /// and the issues of every `chunk_rows` rows (0: 16,384; the first chunk holds at least the
    /// 60-line header search window), in file order, on the calling thread. The chunks
    /// concatenated are what [`Importer::validate`] gives; memory stays bounded by one chunk and
    /// the key index. `on_chunk` returning `false` stops the stream (`stopped` in the summary).
    ///
    /// Kotlin: `importer.validateStream(Source.Path(path), sink, 10_000u)`.
    ///
    /// Errors: as [`Importer::validate`]; `InvalidOptions` for what does not stream (a workbook,
    /// UTF-16 text, contact or parent columns: use `validate`); `CallbackFailed` when the sink
    /// throws.
    #[uniffi::method(default(chunk_rows = 0))]
    pub fn validate_stream(
        &self,
        source: Source,
        sink: Arc<dyn ChunkSink>,
        chunk_rows: u32,
    ) -> Result<StreamSummary, CadastroError> {
        stream::validate_stream(&self.inner, source.into(), chunk_rows, sink)
    }

    /// The profile this importer uses.
    pub fn profile(&self) -> Result<Profile, CadastroError> {
        Profile::from_core(&self.inner.options().profile)
    }
}

/// Validates a file with the given options (a one-shot [`Importer`]).
///
/// Errors: as [`Importer::new`] and [`Importer::validate`].
#[uniffi::export(default(options = None))]
pub fn validate(source: Source, options: Option<ImportOptions>) -> Result<Report, CadastroError> {
    Importer::new(options.unwrap_or_default())?.validate(source)
}

/// Validates a file with parents resolved in the host's base too (`lookup`, as `plan`'s), as
/// every host does (`cadastro_host::flow::validate`).
///
/// Errors: as [`validate`]; `LookupFailed` when `lookup.find` throws.
#[uniffi::export(default(options = None))]
pub fn validate_with_lookup(
    source: Source,
    lookup: Arc<dyn CustomerLookup>,
    options: Option<ImportOptions>,
) -> Result<Report, CadastroError> {
    let req = options.unwrap_or_default().to_request()?;
    let base = plan::HostLookup(lookup);
    let validated = cadastro_host::flow::validate(&source.into(), &req, Some(&base), &mut |_, _| {})?;
    report::from_core(&validated.report)
}

/// Validates a delimited text file in one streaming pass into `sink` (a one-shot [`Importer`];
/// see [`Importer::validate_stream`]).
///
/// Errors: as [`Importer::new`] and [`Importer::validate_stream`].
#[uniffi::export(default(options = None, chunk_rows = 0))]
pub fn validate_stream(
    source: Source,
    sink: Arc<dyn ChunkSink>,
    options: Option<ImportOptions>,
    chunk_rows: u32,
) -> Result<StreamSummary, CadastroError> {
    Importer::new(options.unwrap_or_default())?.validate_stream(source, sink, chunk_rows)
}

/// Reads a file and suggests a mapping for its columns (profile and read options from
/// `options`), without validating.
///
/// Errors: as [`Importer::new`] and [`Importer::inspect`].
#[uniffi::export(default(options = None))]
pub fn inspect(source: Source, options: Option<ImportOptions>) -> Result<Inspection, CadastroError> {
    Importer::new(options.unwrap_or_default())?.inspect(source)
}

/// Validates a file and writes its error file to `path` (see [`Importer::write_errors`]).
///
/// Errors: as [`Importer::write_errors`].
#[uniffi::export(default(options = None))]
pub fn write_errors(source: Source, path: String, options: Option<ImportOptions>) -> Result<Report, CadastroError> {
    Importer::new(options.unwrap_or_default())?.write_errors(source, path)
}

/// Checks and normalizes one value for a canonical field, exactly as the engine does per cell
/// (`country`: the row's country, ISO alpha-2, if known).
///
/// Errors: `InvalidOptions` for an unknown field name.
#[uniffi::export(default(country = None))]
pub fn normalize(field: String, value: CellValue, country: Option<String>) -> Result<Normalized, CadastroError> {
    let field =
        cadastro::Field::from_name(&field).ok_or_else(|| CadastroError::options(format!("unknown field `{field}`")))?;
    Ok(cadastro::check_value(field, &value.into(), country.as_deref()).into())
}

/// A built-in profile by name (`asaas`, `invoiceocean`, `upflow`, `generic`).
///
/// Errors: `InvalidOptions` for an unknown name.
#[uniffi::export]
pub fn builtin_profile(name: String) -> Result<Profile, CadastroError> {
    Profile::from_core(&cadastro::Profile::builtin(&name)?)
}

/// Loads and checks a profile document (JSON).
///
/// Errors: `InvalidProfile` naming the first problem.
#[uniffi::export]
pub fn parse_profile(json: String) -> Result<Profile, CadastroError> {
    Profile::from_core(&cadastro::Profile::from_json(&json)?)
}

/// The names of the built-in profiles.
#[uniffi::export]
pub fn builtin_profiles() -> Vec<String> {
    cadastro::BUILTIN_PROFILES.iter().map(|s| (*s).to_owned()).collect()
}

/// The core's default resource limits (Kotlin: `defaultLimits().copy(maxRows = 10_000)`).
#[uniffi::export]
pub fn default_limits() -> Limits {
    cadastro::Limits::default().into()
}

/// The canonical field names (CONTRACT section 1).
#[uniffi::export]
pub fn field_names() -> Vec<String> {
    cadastro::Field::ALL.iter().map(|f| f.as_str().to_owned()).collect()
}

/// Every issue code (CONTRACT section 4).
#[uniffi::export]
pub fn issue_codes() -> Vec<String> {
    cadastro::IssueCode::ALL.iter().map(|c| c.as_str().to_owned()).collect()
}

/// Every error kind string `CadastroError.kind()` can return: the host boundary's one list
/// (`cadastro_host::kinds`: the core's, the store's, `lookup_failed`, `callback_failed`,
/// `store_closed`, `internal`).
#[uniffi::export]
pub fn error_kinds() -> Vec<String> {
    cadastro_host::kinds().into_iter().map(str::to_owned).collect()
}

/// Runs one host operation by name on a JSON request; returns the response JSON, or
/// `{"error": {"kind", "message"}}` (`cadastro_host::call`: the byte-identical path of every
/// host).
#[uniffi::export]
pub fn call(op: String, request: String) -> String {
    cadastro_host::call_json(&op, &request)
}

/// Plans the import of `customers` (normally `report.customers`) into the host's own base,
/// answered by `lookup` in batches, with `profile`'s write policies (a built-in name, or a
/// profile document as JSON, e.g. `Profile.json`). The host shows the plan and applies it.
///
/// Kotlin: `plan(report.customers, myBase, "asaas")`.
///
/// Errors: `LookupFailed` when `lookup.find` throws (any exception); `InvalidOptions` /
/// `InvalidProfile` for the profile; `InvalidOptions` for a customer the core cannot read.
#[uniffi::export(default(profile = "generic"))]
pub fn plan(
    customers: Vec<Customer>,
    lookup: Arc<dyn CustomerLookup>,
    profile: String,
) -> Result<ImportPlan, CadastroError> {
    ops::plan(customers, lookup, profile)
}

/// Writes plain customers (the report's, a store's, or the host's own) to `path` in `profile`'s
/// layout (a built-in name or a profile document), XLSX or CSV (`;` for Portuguese, French and
/// Polish layouts, UTF-8 with BOM) by the extension; only those of `group` when given.
///
/// Errors: `InvalidOptions` for another extension, a profile or a customer the core cannot
/// read; `Io`, `WriteError`.
#[uniffi::export(default(profile = "generic", group = None))]
pub fn export_customers(
    customers: Vec<Customer>,
    path: String,
    profile: String,
    group: Option<String>,
) -> Result<ExportStats, CadastroError> {
    ops::export_customers(customers, path, profile, group)
}

/// Writes the blank template of `profile` (a built-in name or a profile document) to `path`:
/// XLSX (header with notes, drop-down lists, a help sheet) or CSV (the header row) by the
/// extension.
///
/// Errors: `InvalidOptions` for another extension or profile; `Io`, `WriteError`.
#[uniffi::export(default(profile = "generic"))]
pub fn template(path: String, profile: String) -> Result<(), CadastroError> {
    ops::template(path, profile)
}

/// Customers from JSON: an array of customers, or a whole report (its `customers`), as
/// `cadastro validate --format json` prints them.
///
/// Errors: `InvalidOptions` when the text is not such a document.
#[uniffi::export]
pub fn customers_from_json(json: String) -> Result<Vec<Customer>, CadastroError> {
    ops::customers_from_json(json)
}

/// The version of the cadastro library.
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Test hook, only in builds with the `test-hooks` feature: panics inside an exported call, which
/// must surface as UniFFI's internal error in the host (Kotlin `InternalException`, Python
/// `InternalError`, Swift `UniffiInternalError`), never abort the process.
#[cfg(feature = "test-hooks")]
#[uniffi::export]
pub fn panic_for_tests() -> Result<(), CadastroError> {
    // `resume_unwind` unwinds like a panic without calling the panic hook: the test exercises the
    // catching machinery without printing a panic message and backtrace into a passing run.
    std::panic::resume_unwind(Box::new("forced panic for tests"))
}
