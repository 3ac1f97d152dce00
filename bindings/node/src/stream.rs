//! `validateStream`: the core's streaming validation (`Importer::validate_stream`) with a sync JS
//! callback per chunk. The core runs on the calling thread and calls `onChunk` between chunks;
//! `false` from the callback, or an exception it throws, answers `Break`, and the core returns at
//! once. `Store.importStream` does the same around the store's `import_stream`. Conversion
//! only.

use std::cell::RefCell;
use std::ops::ControlFlow;

use cadastro::Importer;
use napi::bindgen_prelude::{FromNapiValue, Function, Object};
use napi::{Env, Unknown, ValueType};
use napi_derive::napi;

use crate::convert;
use crate::error::{Failure, run_js};
use crate::ops::{Plan, PlanCounts, Shared, import_extras, with_store};
use crate::report::{ColumnMapping, Issue, SourceInfo, Stats};

/// One chunk of `validateStream`: the valid customers and the issues of a run of rows, in file
/// order (the first chunk starts with the header-row warnings).
#[napi(object)]
pub struct Chunk {
    /// The valid customers of this chunk, as `Report.customers` gives them (keys in the order of
    /// the report JSON).
    #[napi(ts_type = "Array<{ rows: number[]; contacts?: Array<Record<string, unknown>>; [field: string]: unknown }>")]
    pub customers: serde_json::Value,
    /// This chunk's issues, sorted by row then column, as `Report.issues` gives them.
    pub issues: Vec<Issue>,
}

/// What `validateStream` returns: everything a `Report` holds but the customers and issues
/// (they went to `onChunk`), plus `stopped`.
#[napi(object)]
pub struct StreamSummary {
    /// What was read.
    pub source: SourceInfo,
    /// Every column with its field (or `null`), confidence and reason.
    pub mapping: Vec<ColumnMapping>,
    /// The locale of the messages, as `Report.locale`.
    pub locale: String,
    /// The counts of the rows read (all of them unless `stopped`).
    pub stats: Stats,
    /// `onChunk` returned `false`: the rows after that chunk were not read.
    pub stopped: bool,
}

impl From<&cadastro::StreamSummary> for StreamSummary {
    fn from(s: &cadastro::StreamSummary) -> Self {
        StreamSummary {
            source: SourceInfo::from(&s.source),
            mapping: s.mapping.iter().map(ColumnMapping::from).collect(),
            locale: s.locale.as_str().to_owned(),
            stats: Stats::from(&s.stats),
            stopped: s.stopped,
        }
    }
}

/// One chunk of `Store.importStream`: its issues, its plan, and whether the plan was written
/// (inside the import's transaction, which may still be rolled back).
#[napi(object, object_from_js = false)]
pub struct ImportChunk {
    /// This chunk's issues, sorted by row then column.
    pub issues: Vec<Issue>,
    /// This chunk's plan: one entry per valid customer of the chunk, in file order.
    pub plan: Plan,
    /// Whether this chunk's plan was written (false in a dry run, and in atomic mode from the
    /// first chunk with an error on).
    pub written: bool,
}

/// What `Store.importStream` did.
#[napi(object)]
pub struct StreamImport {
    /// The validation summary (`stopped` as below).
    pub summary: StreamSummary,
    /// The plan's counts summed over every chunk (computed in dry runs too).
    pub counts: PlanCounts,
    /// Whether the import was committed: false for a dry run, an atomic import of a file with
    /// an error, or a stopped stream.
    pub applied: bool,
    /// `onChunk` returned `false` (or threw): the rest of the file was not read, nothing was
    /// written.
    pub stopped: bool,
    /// Whether any row had an error issue.
    pub has_errors: bool,
}

/// `onChunk`'s answer: `false` stops, anything else goes on; an exception is kept in `thrown`.
fn answer(ret: napi::Result<Unknown<'_>>, thrown: &RefCell<Option<napi::Error>>) -> ControlFlow<()> {
    match ret {
        Ok(v) if v.get_type().ok() == Some(ValueType::Boolean) && !bool::from_unknown(v).unwrap_or(true) => {
            ControlFlow::Break(())
        }
        Ok(_) => ControlFlow::Continue(()),
        Err(e) => {
            *thrown.borrow_mut() = Some(e);
            ControlFlow::Break(())
        }
    }
}

/// `Store.importStream` (see there).
pub fn import_stream(
    env: Env,
    store: &Shared,
    source: Unknown<'_>,
    on_chunk: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<StreamImport> {
    let thrown: RefCell<Option<napi::Error>> = RefCell::new(None);
    let out = run_js(env, || {
        let source = convert::source(source)?;
        if on_chunk.get_type()? != ValueType::Function {
            return Err(Failure::invalid("onChunk must be a function (chunk) => boolean | void"));
        }
        let func = Function::<ImportChunk, Unknown>::from_unknown(on_chunk)?;
        let (opts, extras) =
            convert::import_options_with(&env, options, &["account", "dry_run", "atomic", "chunk_rows"])?;
        let (rows, extras): (Vec<_>, Vec<_>) = extras.into_iter().partition(|(k, _)| k == "chunk_rows");
        let chunk_rows = chunk_rows(rows.into_iter().next().map(|(_, v)| v))?;
        let extras = import_extras(&env, extras)?;
        let importer = Importer::new(opts)?;
        let outcome = with_store(store, "Store.importStream", |s| {
            Ok(s.import_stream(&extras.account, &importer, &source, extras.mode, chunk_rows, &mut |chunk| {
                let arg = ImportChunk {
                    issues: chunk.issues.iter().map(Issue::from).collect(),
                    plan: Plan::settled(chunk.plan.clone(), &env),
                    written: chunk.written,
                };
                answer(func.call(arg), &thrown)
            })?)
        })?;
        let c = outcome.counts;
        Ok(StreamImport {
            summary: StreamSummary::from(&outcome.summary),
            counts: PlanCounts { created: c.created as f64, updated: c.updated as f64, unchanged: c.unchanged as f64 },
            applied: outcome.applied,
            stopped: outcome.stopped,
            has_errors: outcome.has_errors,
        })
    });
    match thrown.into_inner() {
        Some(e) => Err(e),
        None => out,
    }
}

/// `options.chunkRows`: a non-negative integer (0: the core's default, 16,384 rows).
fn chunk_rows(value: Option<Unknown<'_>>) -> Result<usize, Failure> {
    let Some(value) = value else { return Ok(0) };
    let bad = || Failure::invalid("chunkRows must be a non-negative integer");
    if value.get_type()? != ValueType::Number {
        return Err(bad());
    }
    let n = f64::from_unknown(value)?;
    if !(n >= 0.0 && n.fract() == 0.0 && n <= 4_294_967_295.0) {
        return Err(bad());
    }
    // Checked above: a whole number within u32.
    Ok(n as usize)
}

/// Validates a delimited text file in one streaming pass on the calling thread, calling
/// `onChunk({ customers, issues })` for every `options.chunkRows` rows (default 16,384; the first
/// chunk holds at least the 60-line header search window), in file order: the chunks
/// concatenated are `validate(...)`'s customers and issues. Memory stays bounded by one chunk and
/// the key index, whatever the file's size. Returns the summary (`source`, `mapping`, `stats`,
/// `stopped`).
///
/// `onChunk` returning `false` stops the stream (`stopped: true`; the rows after that chunk are
/// not read). An exception it throws stops the stream too and is rethrown as it was. Throws an
/// `Error` whose `.code` is the kind of a file-level failure; `invalid_options` for what does not
/// stream (a workbook, UTF-16 text, contact or parent columns: use `validate`).
#[napi(
    catch_unwind,
    ts_args_type = "source: string | Uint8Array, onChunk: (chunk: Chunk) => boolean | void, options?: Options & { chunkRows?: number }"
)]
pub fn validate_stream(
    env: Env,
    source: Unknown<'_>,
    on_chunk: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<StreamSummary> {
    let thrown: RefCell<Option<napi::Error>> = RefCell::new(None);
    let out = run_js(env, || {
        let source = convert::source(source)?;
        if on_chunk.get_type()? != ValueType::Function {
            return Err(Failure::invalid("onChunk must be a function (chunk) => boolean | void"));
        }
        let func = Function::<Object, Unknown>::from_unknown(on_chunk)?;
        // The customers cross as JSON text parsed by V8 (`JSON.parse`): several times faster than
        // building the objects property by property through napi.
        let parse = convert::json_parse(&env)?;
        let (opts, extras) = convert::import_options_with(&env, options, &["chunk_rows"])?;
        let chunk_rows = chunk_rows(extras.into_iter().next().map(|(_, v)| v))?;
        let importer = Importer::new(opts)?;
        let mut failure = None;
        let summary = importer.validate_stream(&source, chunk_rows, &mut |chunk| {
            let arg = (|| -> Result<Object, Failure> {
                let text = serde_json::to_string(&chunk.customers)
                    .map_err(|e| Failure::internal(format!("customers to JSON: {e}")))?;
                let mut obj = Object::new(&env)?;
                obj.set("customers", parse.call(text)?)?;
                obj.set("issues", chunk.issues.iter().map(Issue::from).collect::<Vec<_>>())?;
                Ok(obj)
            })();
            match arg {
                Ok(obj) => answer(func.call(obj), &thrown),
                Err(f) => {
                    failure = Some(f);
                    ControlFlow::Break(())
                }
            }
        })?;
        match failure {
            Some(f) => Err(f),
            None => Ok(StreamSummary::from(&summary)),
        }
    });
    match thrown.into_inner() {
        Some(e) => Err(e),
        None => out,
    }
}
