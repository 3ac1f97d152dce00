//! The flows: each operation once, for every host. A binding converts its host's values into a
//! request, calls one of these, and converts the response back.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cadastro::export::ExportStats;
use cadastro::{
    BaseParents, Chunk, CustomerLookup, ImportPlan, Importer, Inspection, NoBase, ParentLookup, Reconciler, Report,
    Source, StreamSummary, Table,
};
use cadastro_store::{CustomerStore, ImportMode, OpenOptions};
use serde::Serialize;

use crate::HostError;
use crate::request::{
    ApplyRequest, CopyRequest, ExportRequest, ImportRequest, InspectRequest, NormalizeRequest, PlanRequest,
    TemplateRequest, ValidateRequest,
};

/// The one progress policy of every host: the host's callback is called with `(rows_done,
/// rows_total)` at most every [`Throttle::INTERVAL`], never twice with the same pair, and always
/// for the first and the final pair.
pub struct Throttle<'a> {
    sink: &'a mut dyn FnMut(u64, u64),
    last: Option<(Instant, u64, u64)>,
    interval: Duration,
}

/// The interval of [`Throttle::new`], in milliseconds (50; tests change it through
/// [`set_progress_interval`]).
static INTERVAL_MS: AtomicU64 = AtomicU64::new(50);

/// Sets the interval of every later [`Throttle::new`] (a test hook of the bindings); returns the
/// previous one, in milliseconds.
pub fn set_progress_interval(ms: u64) -> u64 {
    INTERVAL_MS.swap(ms, Ordering::Relaxed)
}

impl<'a> Throttle<'a> {
    /// The default interval between two calls (besides the first and the final one).
    pub const INTERVAL: Duration = Duration::from_millis(50);

    /// Wraps the host's callback.
    pub fn new(sink: &'a mut dyn FnMut(u64, u64)) -> Self {
        let interval = Duration::from_millis(INTERVAL_MS.load(Ordering::Relaxed));
        Throttle { sink, last: None, interval }
    }

    /// The same policy with another interval (tests).
    pub fn with_interval(sink: &'a mut dyn FnMut(u64, u64), interval: Duration) -> Self {
        Throttle { sink, last: None, interval }
    }

    /// The core's progress hook.
    pub fn report(&mut self, done: u64, total: u64) {
        let now = Instant::now();
        if let Some((at, d, t)) = self.last {
            let repeat = (d, t) == (done, total);
            let early = done < total && now.duration_since(at) < self.interval;
            if repeat || early {
                return;
            }
        }
        self.last = Some((now, done, total));
        (self.sink)(done, total);
    }
}

/// `inspect`: what a file is, without validating it.
///
/// # Errors
/// A file-level failure; `invalid_options` for an unknown profile.
pub fn inspect(source: &Source, req: &InspectRequest) -> Result<Inspection, HostError> {
    Ok(cadastro::inspect(source, &req.read(), &req.profile.resolve()?)?)
}

/// What `validate` gives: the report, and the table read (for the error file of the rejected
/// rows, [`cadastro::export::write_error_file`]).
#[derive(Debug)]
pub struct Validated {
    /// The report.
    pub report: Report,
    /// The rows as read.
    pub table: Table,
}

/// `validate`: reads and validates a file; parents resolve in the file and, with a `lookup`,
/// in the host's base (every host alike). `progress` goes through [`Throttle`].
///
/// # Errors
/// A file-level failure; `lookup_failed` when the lookup fails.
pub fn validate(
    source: &Source,
    req: &ValidateRequest,
    lookup: Option<&dyn CustomerLookup>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Validated, HostError> {
    let importer = Importer::new(req.options()?)?;
    let table = source.open(&importer.options().read)?;
    let parents = match lookup {
        Some(base) => Some(BaseParents::for_table(&table, &importer.columns(&table)?, base)?),
        None => None,
    };
    let parents: &dyn ParentLookup = match &parents {
        Some(p) => p,
        None => &NoBase,
    };
    let mut throttle = Throttle::new(progress);
    let report = importer.validate_table_with_progress(&table, parents, &mut |d, t| throttle.report(d, t))?;
    Ok(Validated { report, table })
}

/// `validate_stream`: validates a file in one streaming pass, handing every chunk to
/// `on_chunk` in file order (return `ControlFlow::Break` to stop).
///
/// # Errors
/// As [`validate`]; `invalid_options` for what does not stream.
pub fn validate_stream(
    source: &Source,
    req: &ValidateRequest,
    on_chunk: &mut dyn FnMut(Chunk) -> ControlFlow<()>,
) -> Result<StreamSummary, HostError> {
    let importer = Importer::new(req.options()?)?;
    Ok(importer.validate_stream(source, req.chunk_rows, on_chunk)?)
}

/// What `plan` gives.
#[derive(Debug, Serialize)]
pub struct Planned {
    /// The report (its `plan` counts filled in).
    pub report: Report,
    /// The plan.
    pub plan: ImportPlan,
}

/// `plan`: validates a file with its parents resolved in the host's base, then plans its
/// valid customers against that base (nothing is written anywhere).
///
/// # Errors
/// As [`validate`].
pub fn plan(
    source: &Source,
    req: &PlanRequest,
    lookup: &dyn CustomerLookup,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Planned, HostError> {
    let Validated { mut report, .. } = validate(source, &req.options, Some(lookup), progress)?;
    let profile = req.options.profile.resolve()?;
    let mut reconciler = Reconciler::new(&profile);
    if let Some(n) = req.batch_size {
        reconciler = reconciler.batch_size(n);
    }
    let plan = reconciler.plan(&report.customers, lookup)?;
    report.plan = Some(plan.counts());
    Ok(Planned { report, plan })
}

/// What a store import gives.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// The report (with the plan's counts).
    pub report: Report,
    /// The plan, with the diffs.
    pub plan: ImportPlan,
    /// Whether it was written.
    pub applied: bool,
}

/// Opens the store at `location`: a SQLite file path, `sqlite:PATH`, or a `postgres://` /
/// `postgresql://` URL ([`cadastro_store::StoreLocation`]), with the default open options
/// (a host that needs others, such as the CLI's read-only dry runs, calls
/// [`cadastro_store::open_store`] itself).
///
/// # Errors
/// The store's open errors (`unsupported_store` for any other scheme, `store_unreachable`).
pub fn open_store(location: &str) -> Result<Box<dyn CustomerStore>, HostError> {
    Ok(cadastro_store::open_store(location, OpenOptions::default())?)
}

/// The importer of a request (its options checked).
///
/// # Errors
/// `invalid_options`, `invalid_profile`.
pub fn importer(req: &ValidateRequest) -> Result<Importer, HostError> {
    Ok(Importer::new(req.options()?)?)
}

/// `import`: the whole import flow (read, parents against the account, validate, plan, apply
/// per `dry_run` / `atomic`) through the store's one flow (the account is created when written).
///
/// # Errors
/// As [`validate`]; the store's errors.
pub fn import(
    store: &mut dyn CustomerStore,
    source: &Source,
    req: &ImportRequest,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Imported, HostError> {
    let importer = importer(&req.options)?;
    let table = source.open(&importer.options().read)?;
    import_table(store, &importer, &table, req, progress)
}

/// [`import`] of a table already read (a host that keeps the table for the error file).
///
/// # Errors
/// As [`import`].
pub fn import_table(
    store: &mut dyn CustomerStore,
    importer: &Importer,
    table: &Table,
    req: &ImportRequest,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Imported, HostError> {
    let parents = import_parents(store, importer, table, &req.account)?;
    let report = import_validate(importer, table, &parents, progress)?;
    import_write(store, importer, report, req)
}

/// Step 1 of [`import_table`]: the parents the file names that the account holds (one batch).
/// A host that lets its callbacks use the store while the file validates (Python) runs the
/// three steps itself, holding the store for steps 1 and 3 only.
///
/// # Errors
/// `invalid_options` for a mapping that names unknown columns; the store's errors.
pub fn import_parents(
    store: &mut dyn CustomerStore,
    importer: &Importer,
    table: &Table,
    account: &str,
) -> Result<BaseParents, HostError> {
    let columns = importer.columns(table)?;
    let base = store.base(account)?;
    Ok(BaseParents::for_table(table, &columns, &*base)?)
}

/// Step 2 of [`import_table`]: validation (no store needed), progress through [`Throttle`].
///
/// # Errors
/// The core's file-level failures.
pub fn import_validate(
    importer: &Importer,
    table: &Table,
    parents: &BaseParents,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Report, HostError> {
    let mut throttle = Throttle::new(progress);
    Ok(importer.validate_table_with_progress(table, parents, &mut |d, t| throttle.report(d, t))?)
}

/// Step 3 of [`import_table`]: plan against the account and write per `dry_run` / `atomic`.
///
/// # Errors
/// The store's errors.
pub fn import_write(
    store: &mut dyn CustomerStore,
    importer: &Importer,
    mut report: Report,
    req: &ImportRequest,
) -> Result<Imported, HostError> {
    let mode = ImportMode { dry_run: req.dry_run, atomic: req.atomic };
    let locale = report.locale;
    let outcome =
        store.import_report_with(&req.account, &mut report, &importer.options().profile, mode, locale, &mut |_| {
            Ok(())
        })?;
    Ok(Imported { report, plan: outcome.plan, applied: outcome.applied })
}

/// `apply`: writes a reviewed plan; returns its counts.
///
/// # Errors
/// `stale_plan`, `invalid_plan`, the store's errors.
pub fn apply(store: &mut dyn CustomerStore, req: &ApplyRequest) -> Result<cadastro::PlanCounts, HostError> {
    Ok(store.apply(&req.account, &req.plan)?)
}

/// `accounts`: the store's accounts, sorted.
///
/// # Errors
/// The store's errors.
pub fn accounts(store: &mut dyn CustomerStore) -> Result<Vec<String>, HostError> {
    Ok(store.accounts()?)
}

/// `copy`: plans (and unless `dry_run`, applies) one account's customers into another.
///
/// # Errors
/// `unknown_account`, the store's errors.
pub fn copy(store: &mut dyn CustomerStore, req: &CopyRequest) -> Result<ImportPlan, HostError> {
    let profile = req.profile.resolve()?;
    let group = req.group.as_deref();
    if req.dry_run {
        Ok(store.plan_copy(&req.from, &req.to, group, &profile)?)
    } else {
        Ok(store.copy_account(&req.from, &req.to, group, &profile)?)
    }
}

/// `export`: an account's customers to a file in a profile's layout (custom fields the profile
/// lacks become extra columns).
///
/// # Errors
/// `write_error`, `unknown_account`, the store's errors.
pub fn export(store: &mut dyn CustomerStore, req: &ExportRequest) -> Result<ExportStats, HostError> {
    cadastro::export::ExportFormat::from_path(&req.out)?;
    // The export's own group filter (case- and whitespace-insensitive) picks the group.
    let customers = store.list_customers(&req.account, None)?;
    export_customers(&customers, req)
}

/// `export` of customers the host holds (a report's, its own).
///
/// # Errors
/// `write_error`, `invalid_options`.
pub fn export_customers(customers: &[cadastro::Customer], req: &ExportRequest) -> Result<ExportStats, HostError> {
    let profile = req.profile.resolve()?;
    let (profile, _) = cadastro::export::with_custom_columns(&profile, customers);
    Ok(cadastro::export::export_to_path(customers, &profile, &req.out, &req.options())?)
}

/// `template`: a profile's blank import file.
///
/// # Errors
/// `write_error`, `invalid_options`.
pub fn template(req: &TemplateRequest) -> Result<(), HostError> {
    Ok(cadastro::export::template_to_path(&req.profile.resolve()?, &req.out, &req.csv.options())?)
}

/// What `normalize` gives: the normalized value or the error, and the warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    /// The normalized value (`null` when blank or invalid).
    pub value: Option<cadastro::Value>,
    /// The error code, when invalid.
    pub error: Option<cadastro::IssueCode>,
    /// Warning codes.
    pub warnings: Vec<cadastro::IssueCode>,
}

/// `normalize`: checks one value as a cell of a field.
pub fn normalize(req: &NormalizeRequest) -> Normalized {
    let check = cadastro::check_value(req.field, &cadastro::Cell::Text(req.value.clone()), req.country.as_deref());
    Normalized { value: check.value, error: check.error, warnings: check.warnings }
}
