//! Node.js face of cadastro (napi-rs): `inspect`, `validate`, `validateAsync`, `normalize`,
//! `Profile`, `Report`. Conversion only; every rule lives in the core crate.
//!
//! Shape of an operation: parse the JS arguments on the JS thread ([`convert`]), run the core
//! inside [`error::run`] (sync) or a [`Job`] on the libuv pool (async), hand back a class or a
//! plain object. Every failure reaches JS as an `Error` with `.code` (see [`error`]).
#![deny(clippy::indexing_slicing)]

/// mimalloc for the Rust side, as in the `cadastro` CLI: validation allocates and frees
/// millions of small strings across threads, where the system allocator took a quarter of the
/// CPU time (benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod error;
pub mod host;
mod memory;
pub mod ops;
mod profile;
mod report;
pub mod stream;

use cadastro::NoBase;
use cadastro::{ImportOptions, Importer, Source};
use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{Env, Task, Unknown};
use napi_derive::napi;

use crate::error::{Code, Failure, INTERNAL, guarded, run, run_js};
use crate::host::Progress;
use crate::memory::Settle;
pub use crate::ops::{ExistingCustomer, ExportOptions, ImportFileOptions, Plan, PlanOptions, Store};
pub use crate::profile::Profile;
pub use crate::report::{Inspection, Report};

/// Resource limits (CONTRACT section 4, `limit_exceeded`). Every limit is on by default; the
/// defaults let a legitimate 1,000,000-row workbook through. The snake_case names of the core's
/// JSON (`max_rows`) are accepted too; an unknown name is `invalid_options`.
#[napi(object)]
pub struct Limits {
    /// Size of the input in bytes (default 512 MiB).
    pub max_file_bytes: Option<f64>,
    /// Data rows, blank rows included (default 2,000,000).
    pub max_rows: Option<f64>,
    /// Columns (default 1,024).
    pub max_columns: Option<f64>,
    /// Characters in one cell (default 32,767).
    pub max_cell_chars: Option<f64>,
    /// Decompressed size of one archive entry (default 4 GiB).
    pub max_entry_bytes: Option<f64>,
    /// Decompressed size of the whole archive (default 8 GiB).
    pub max_decompressed_bytes: Option<f64>,
    /// Ratio of decompressed to compressed size of one entry (default 200).
    pub max_compression_ratio: Option<f64>,
    /// Entries in the archive (default 10,000).
    pub max_zip_entries: Option<f64>,
}

/// Options of `inspect`, `validate` and `validateAsync`; every one is optional. Names are
/// camelCase (the snake_case names of the core's JSON are accepted too); an unknown name, a
/// wrong type or an unknown value is an `invalid_options` error.
#[napi(object)]
pub struct Options {
    /// A built-in profile name (`asaas`, `invoiceocean`, `upflow`, `generic`: the default), a
    /// `Profile`, or a profile document (the JSON object of `Profile.toJson()`).
    #[napi(ts_type = "string | Profile | Record<string, unknown>")]
    pub profile: Option<serde_json::Value>,
    /// An explicit mapping: header text or column letter -> field name, or `null` to ignore
    /// the column; `"field": ["column", "column"]` merges two columns into one field;
    /// `learned: { header: field }` ranks a host's accepted mappings first; `review_threshold`
    /// (0..1) sets `needsReview`. Overrides the suggestions.
    #[napi(ts_type = "Record<string, string | null | string[] | number | Record<string, string>>")]
    pub mapping: Option<serde_json::Value>,
    /// The sheet to read (default: the first visible one).
    pub sheet: Option<String>,
    /// The delimiter of delimited text, one character (default: sniffed).
    pub delimiter: Option<String>,
    /// The encoding of delimited text (default: detected).
    #[napi(
        ts_type = "'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'windows-1250' | 'windows-1251' | 'iso-8859-2' | 'iso-8859-15' | 'shift_jis' | 'gb18030' | 'big5' | 'euc-kr' | 'x-mac-roman'"
    )]
    pub encoding: Option<String>,
    /// The 1-based header row (default: detected below title rows).
    pub header_row: Option<u32>,
    /// The country of rows without one (ISO alpha-2; default: the profile's).
    pub country: Option<String>,
    /// The language of messages: `en`, `pt-BR`, `fr`, `pl` or `es` (`pt`, `pt_BR`, `pl-PL`,
    /// `es-ES` work). Default: the profile's (asaas: `pt-BR`), else the language of the file's
    /// headers, else `en`.
    pub locale: Option<String>,
    /// Resource limits.
    pub limits: Option<Limits>,
    /// Whether issues carry the raw cell value (default true; false for PII-sensitive hosts).
    pub include_values: Option<bool>,
    /// Called with `(rowsDone, rowsTotal)` as rows are checked (every few thousand rows, and
    /// once at the end). An exception it throws stops further calls and is rethrown (or rejects
    /// the Promise) once the validation is over.
    #[napi(ts_type = "(rowsDone: number, rowsTotal: number) => void")]
    pub on_progress: Option<serde_json::Value>,
    /// `validate` only: the host's base, as `plan`'s `lookup(keys)`: parents the file names
    /// resolve in it too (as in every host).
    #[napi(ts_type = "(keys: CustomerKey[]) => ExistingCustomer[]")]
    pub lookup: Option<serde_json::Value>,
}

/// The outcome of `normalize`: the normalized value, or the error code; warnings either way.
#[napi(object)]
pub struct Normalized {
    /// The normalized value (text, boolean, integer or list of texts); absent when the input is
    /// blank or invalid.
    #[napi(ts_type = "string | number | boolean | string[]")]
    pub value: Option<serde_json::Value>,
    /// The issue code when the value is invalid (`invalid_tax_id`, `too_long`...).
    pub error: Option<String>,
    /// Warning codes (`leading_zeros_restored`, `formula_like_value`).
    pub warnings: Vec<String>,
}

/// A unit of work for the libuv thread pool: `compute` runs the closure (panics caught), the
/// Promise resolves with its value or rejects with an `Error` carrying `.code`. Every async
/// operation is `AsyncTask::new(Job::new(move || ...))`.
pub struct Job<T> {
    work: Option<Box<dyn FnOnce() -> Result<T, Failure> + Send>>,
    failure: Option<Failure>,
    /// A host callback's exception (`onProgress`), rethrown as the rejection.
    thrown: Option<host::Thrown>,
}

impl<T> Job<T> {
    /// A job running `work` off the event loop.
    pub fn new(work: impl FnOnce() -> Result<T, Failure> + Send + 'static) -> Self {
        Job { work: Some(Box::new(work)), failure: None, thrown: None }
    }

    /// Rejects with the exception a host callback left in `thrown`, if any, whatever the
    /// work's outcome.
    pub fn rethrowing(mut self, thrown: host::Thrown) -> Self {
        self.thrown = Some(thrown);
        self
    }

    fn take_thrown(&mut self) -> Option<napi::Error> {
        self.thrown.as_ref().and_then(|t| t.lock().ok().and_then(|mut slot| slot.take()))
    }

    /// A job that rejects at once (arguments that failed to convert on the JS thread).
    pub fn failed(failure: Failure) -> Self {
        Job { work: None, failure: Some(failure), thrown: None }
    }
}

impl<T: ToNapiValue + TypeName + Send + Settle + 'static> Task for Job<T> {
    type Output = T;
    type JsValue = T;

    fn compute(&mut self) -> napi::Result<T> {
        let outcome = match self.work.take() {
            Some(work) => guarded(work),
            None => Err(self.failure.take().unwrap_or_else(|| Failure::internal("the job ran twice"))),
        };
        outcome.map_err(|f| {
            let err = napi::Error::from_reason(f.message.clone());
            self.failure = Some(f);
            err
        })
    }

    fn resolve(&mut self, env: Env, mut output: T) -> napi::Result<T> {
        match self.take_thrown() {
            Some(e) => Err(e),
            None => {
                output.settle(&env);
                Ok(output)
            }
        }
    }

    fn reject(&mut self, env: Env, err: napi::Error) -> napi::Result<T> {
        if let Some(e) = self.take_thrown() {
            return Err(e);
        }
        let failure = self.failure.take().unwrap_or(Failure { code: INTERNAL, message: err.reason.clone() });
        Err(failure.into_js_error(env))
    }
}

/// Reads a file and validates every row: the work of `validate` and `validateAsync`.
fn validate_source(
    source: &Source,
    opts: ImportOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Report, Failure> {
    let importer = Importer::new(opts)?;
    let table = source.open(&importer.options().read)?;
    let report = importer.validate_table_with_progress(&table, &NoBase, progress)?;
    let locale = report.locale;
    Ok(Report::new(report, table, locale, importer.options().profile.clone()))
}

/// Reads a file and suggests a mapping for its columns, without validating (`cadastro
/// inspect`). Uses `options.profile` and the read options (`sheet`, `delimiter`, `encoding`,
/// `headerRow`, `limits`). Throws an `Error` whose `.code` is the kind of a file-level failure.
#[napi(catch_unwind, ts_args_type = "source: string | Uint8Array, options?: Options")]
pub fn inspect(env: Env, source: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Inspection, Code> {
    run(|| {
        let source = convert::source(source)?;
        let opts = convert::import_options(&env, options)?;
        Ok(Inspection::new(cadastro::inspect(&source, &opts.read, &opts.profile)?))
    })
}

/// Reads and validates a file on the calling thread. `source` is a path, a Buffer or a
/// Uint8Array. Throws an `Error` whose `.code` is the kind of a file-level failure
/// (`empty_file`, `io`, `limit_exceeded`...); bad rows are issues in the report, never throws.
///
/// `options.onProgress(rowsDone, rowsTotal)` is called on the calling thread as rows are
/// checked; an exception it throws stops further calls and is rethrown at the end.
#[napi(catch_unwind, ts_args_type = "source: string | Uint8Array, options?: Options")]
pub fn validate(env: Env, source: Unknown<'_>, options: Option<Unknown<'_>>) -> napi::Result<Report> {
    let mut progress = Progress::none();
    let out = run_js(env, || {
        let source = convert::source(source)?;
        let (req, extras) = convert::request_with(&env, options, &["on_progress", "lookup"])?;
        let mut lookup = None;
        for (key, value) in extras {
            match key.as_str() {
                "lookup" => lookup = Some(host::JsLookup::new(env, value)?),
                _ => progress = Progress::new(Some(value))?,
            }
        }
        let base = lookup.as_ref().map(|l| l as &dyn cadastro::CustomerLookup);
        let v = cadastro_host::flow::validate(&source, &req, base, &mut |d, t| progress.report(d, t))?;
        let locale = v.report.locale;
        let mut report = Report::new(v.report, v.table, locale, req.profile.resolve()?);
        report.settle(&env);
        Ok(report)
    });
    match progress.thrown.borrow_mut().take() {
        Some(e) => Err(e),
        None => out,
    }
}

/// `validate` off the event loop (libuv thread pool). The Promise rejects with the same
/// `Error` (same `.code`) `validate` would throw, bad arguments included. `onProgress` is
/// called on the JS thread while the pool works (the final call before the Promise settles);
/// an exception it throws rejects the Promise.
#[napi(
    catch_unwind,
    ts_args_type = "source: string | Uint8Array, options?: Options",
    ts_return_type = "Promise<Report>"
)]
pub fn validate_async(env: Env, source: Unknown<'_>, options: Option<Unknown<'_>>) -> AsyncTask<Job<Report>> {
    let args = guarded(|| {
        let source = convert::source(source)?;
        let (opts, extras) = convert::import_options_with(&env, options, &["on_progress"])?;
        Ok((source, opts, host::PoolProgress::new(extras.into_iter().next().map(|(_, f)| f))?))
    });
    AsyncTask::new(match args {
        Ok((source, opts, mut progress)) => {
            let thrown = std::sync::Arc::clone(&progress.thrown);
            Job::new(move || {
                let out = validate_source(&source, opts, &mut |d, t| progress.report(d, t));
                progress.finish();
                out
            })
            .rethrowing(thrown)
        }
        Err(failure) => Job::failed(failure),
    })
}

/// Checks and normalizes one value for a canonical field, exactly as a cell of that column
/// (a string is a text cell, a number a numeric cell, a boolean a boolean cell, `null` a blank
/// cell). `country` is the row's country (ISO alpha-2). Throws `invalid_options` for an unknown
/// field.
#[napi(
    catch_unwind,
    ts_args_type = "field: string, value: string | number | boolean | null | undefined, country?: string | null"
)]
pub fn normalize(
    field: Option<Unknown<'_>>,
    value: Option<Unknown<'_>>,
    country: Option<Unknown<'_>>,
) -> napi::Result<Normalized, Code> {
    run(|| {
        let field = convert::string(field, "field")?;
        let country = convert::opt_string(country, "country")?;
        let check = cadastro::check_value(convert::field(&field)?, &convert::cell(value)?, country.as_deref());
        Ok(Normalized {
            value: check.value.map(|v| serde_json::to_value(v).unwrap_or(serde_json::Value::Null)),
            error: check.error.map(|c| c.as_str().to_owned()),
            warnings: check.warnings.iter().map(|w| w.as_str().to_owned()).collect(),
        })
    })
}

/// Every `.code` an `Error` from this module can carry: the host boundary's one kind list
/// (`cadastro_host::kinds`: the core's kinds, the store's, `lookup_failed`, `callback_failed`,
/// `store_closed`, `internal`).
#[napi]
pub fn error_codes() -> Vec<String> {
    cadastro_host::kinds().into_iter().map(str::to_owned).collect()
}

/// Runs one host operation by name on a JSON request; returns the response JSON, or
/// `{"error": {"kind", "message"}}` (`cadastro_host::call`: the byte-identical path of every
/// host).
#[napi]
pub fn call(op: String, request: String) -> napi::Result<String, Code> {
    run(|| Ok(cadastro_host::call_json(&op, &request)))
}

/// Test hook: panics inside the sync machinery; must throw an `Error` with `.code` `internal`.
#[napi(js_name = "__panicForTests", catch_unwind)]
pub fn panic_for_tests() -> napi::Result<(), Code> {
    // `resume_unwind` unwinds like a panic without calling the panic hook: the test exercises the
    // catching machinery without printing a panic message and backtrace into a passing run.
    run(|| -> Result<(), Failure> { std::panic::resume_unwind(Box::new("forced panic (test hook)")) })
}

/// Test hook: panics on the libuv pool; the Promise must reject with `.code` `internal`.
#[napi(js_name = "__panicForTestsAsync", ts_return_type = "Promise<void>")]
pub fn panic_for_tests_async() -> AsyncTask<Job<()>> {
    AsyncTask::new(Job::new(|| -> Result<(), Failure> {
        std::panic::resume_unwind(Box::new("forced panic on the thread pool (test hook)"))
    }))
}
