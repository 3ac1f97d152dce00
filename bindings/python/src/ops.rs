//! The later operations: the import plan against a lookup the host passes (`cadastro.plan`), the
//! embedded store (`cadastro.Store`), export and templates, and the progress callback. Thin as
//! the rest: conversions only; the flows are the core's and the store's.

use std::path::PathBuf;
use std::time::Duration;

use cadastro::{Customer, CustomerKey, Profile, Source};
use cadastro::{CustomerLookup, Existing, ImportPlan, LookupError, MemoryBase, Reconciler};
use cadastro::{Exclusive, ExclusiveGuard};
use cadastro_host::HostError;
use cadastro_host::request::{CopyRequest, ExportRequest, ImportRequest, ValidateRequest};
use cadastro_store::{ImportMode, Store};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::convert::{from_json_text, to_json_text, to_python, type_name};
use crate::error::{Failure, invalid_options, run_released};
use crate::report::PyReport;

/// The host's `progress(done, total)` callable, behind the host crate's one throttle policy
/// (`cadastro_host::flow::Throttle`), called with the GIL re-acquired. An exception it raises
/// stops further calls and is raised once the core returns.
pub struct Progress {
    func: Option<Py<PyAny>>,
    error: Option<PyErr>,
}

impl Progress {
    /// Checks the argument: a callable or `None`.
    pub fn new(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let func = match obj.filter(|p| !p.is_none()) {
            Some(p) if p.is_callable() => Some(p.clone().unbind()),
            Some(_) => return Err(PyTypeError::new_err("progress must be a callable or None")),
            None => None,
        };
        Ok(Progress { func, error: None })
    }

    /// The throttled hook: `(rows_done, rows_total)`.
    pub fn report(&mut self, done: u64, total: u64) {
        let Some(func) = &self.func else { return };
        if self.error.is_some() {
            return;
        }
        if let Err(e) = Python::attach(|py| func.call1(py, (done, total))) {
            self.error = Some(e);
        }
    }

    /// The callable's exception, if it raised.
    pub fn finish(self) -> Result<(), Failure> {
        self.error.map_or(Ok(()), |e| Err(Failure::Py(e)))
    }
}

/// A host's existing customers: a callable `lookup(keys) -> [existing]` (queried in batches,
/// with the GIL re-acquired), or a list of existing customers held in memory.
pub enum HostBase {
    /// `lookup(keys)`.
    Callable(Py<PyAny>),
    /// Existing customers given as a list.
    Memory(MemoryBase),
}

impl HostBase {
    /// `lookup`: a callable, a list of `{"id", "revision", "customer"}` dicts, or `None` (an
    /// empty base).
    pub fn new(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(HostBase::Memory(MemoryBase::default())) };
        if obj.is_callable() {
            return Ok(HostBase::Callable(obj.clone().unbind()));
        }
        if obj.hasattr("__iter__")? && !obj.hasattr("keys")? {
            let existing = existing_from_py(obj).map_err(|e| invalid_options(format!("lookup: {}", e.message)))?;
            return Ok(HostBase::Memory(MemoryBase::new(existing)));
        }
        Err(PyTypeError::new_err(format!(
            "lookup must be a callable, a list of existing customers, or None, not {}",
            type_name(obj)
        )))
    }

    fn call(func: &Py<PyAny>, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        Python::attach(|py| {
            let text = serde_json::to_string(keys).map_err(|e| LookupError::new(e.to_string()))?;
            let arg = from_json_text(py, &text).map_err(|e| LookupError::with_source("keys", e))?;
            let answer = func.call1(py, (arg,)).map_err(|e| {
                let name = e.get_type(py).name().map(|n| n.to_string()).unwrap_or_default();
                LookupError::with_source(format!("the lookup callable raised {name}"), e)
            })?;
            existing_from_py(answer.bind(py)).map_err(|e| {
                let message = e.message.clone();
                LookupError::with_source(message, PyTypeError::new_err(e.message))
            })
        })
    }
}

impl CustomerLookup for HostBase {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        match self {
            HostBase::Callable(func) => HostBase::call(func, keys),
            HostBase::Memory(base) => base.find(keys),
        }
    }
}

/// A list of existing-customer dicts as core values, by the host crate's one rule
/// (`cadastro_host::request::lookup_answer`: integer ids, `None` revisions, unknown keys refused).
fn existing_from_py(obj: &Bound<'_, PyAny>) -> Result<Vec<Existing>, LookupError> {
    let list = obj.py().import("builtins").and_then(|b| b.getattr("list")).and_then(|l| l.call1((obj,)));
    let text = list.and_then(|l| to_json_text(&l)).map_err(|e| LookupError::with_source("the lookup answer", e))?;
    cadastro_host::request::lookup_answer(&text)
}

/// `customers`: a `Report` (its valid customers) or an iterable of customer dicts (as
/// `Report.customers` and `Store.customers` give them).
pub fn customers(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Customer>> {
    if let Ok(report) = obj.cast::<PyReport>() {
        return Ok(report.get().inner().customers.clone());
    }
    if obj.hasattr("keys")? || !obj.hasattr("__iter__")? {
        return Err(PyTypeError::new_err(format!(
            "customers must be a Report or a list of customer dicts, not {}",
            type_name(obj)
        )));
    }
    let list = obj.py().import("builtins")?.getattr("list")?.call1((obj,))?;
    let text = to_json_text(&list)?;
    let customers = run_released(obj.py(), move || {
        serde_json::from_str::<Vec<Customer>>(&text).map_err(|e| invalid_options(format!("customers: {e}")))
    })?;
    Ok(customers)
}

/// The CSV keyword arguments of `export`, `template` and `Store.export`.
pub struct CsvKw<'a> {
    /// `delimiter=`.
    pub delimiter: Option<String>,
    /// `bom=`.
    pub bom: bool,
    /// `line_ending=`.
    pub line_ending: &'a str,
}

/// The host's export request from keyword arguments (parsed and checked by the host crate).
#[allow(clippy::too_many_arguments)]
pub fn export_request(
    py: Python<'_>,
    path: PathBuf,
    profile: Option<&Bound<'_, PyAny>>,
    group: Option<String>,
    csv: CsvKw<'_>,
    sheet_name: Option<String>,
    constant_memory: bool,
    account: Option<&str>,
) -> PyResult<ExportRequest> {
    let profile = match profile.filter(|p| !p.is_none()) {
        Some(p) => crate::convert::profile_json(py, p)?,
        None => "generic".into(),
    };
    let doc = serde_json::json!({
        "out": path, "profile": profile, "group": group, "sheet_name": sheet_name,
        "constant_memory": constant_memory, "account": account.unwrap_or(cadastro_host::request::DEFAULT_ACCOUNT),
        "csv": {"delimiter": csv.delimiter, "bom": csv.bom, "line_ending": csv.line_ending},
    });
    serde_json::from_value(doc).map_err(|e| invalid_options(format!("invalid options: {e}")).into())
}

/// An import plan: one entry per valid imported customer (create, update with its diff, or
/// unchanged). Entries and counts are built on each access from the core's serde form.
#[pyclass(frozen, module = "cadastro", name = "Plan")]
pub struct PyPlan {
    inner: ImportPlan,
}

impl PyPlan {
    /// Wraps a core plan.
    pub fn new(inner: ImportPlan) -> Self {
        PyPlan { inner }
    }
}

#[pymethods]
impl PyPlan {
    /// A plan from its JSON (`Plan.to_json()`), e.g. one stored for review.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        run_released(py, move || {
            serde_json::from_str::<ImportPlan>(&text).map_err(|e| invalid_options(format!("plan: {e}")))
        })
        .map(PyPlan::new)
    }

    /// `{"created", "updated", "unchanged"}`.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.counts())
    }

    /// Every entry as a dict: `action`, `key` (`{"by", "value"}` or `None`), `existing`
    /// (`{"id", "revision", "matched_by"}`, updates and unchanged), `customer` (as it is after
    /// the import), `diff` (updates: `{"fields": [{"field", "old", "new"}], "contacts": [...]}`).
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.entries)
    }

    /// The entries that write something (creates and updates).
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let changes: Vec<_> = self.inner.changes().collect();
        to_python(py, &changes)
    }

    /// True when applying the plan writes nothing.
    #[getter]
    fn is_noop(&self) -> bool {
        self.inner.is_noop()
    }

    /// The plan JSON (`{"entries": [...]}`), one line.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run_released(py, || Ok::<_, Failure>(self.inner.to_json()))
    }

    /// The plan as Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.to_json(py)?;
        from_json_text(py, &text)
    }

    fn __len__(&self) -> usize {
        self.inner.entries.len()
    }

    fn __repr__(&self) -> String {
        let c = self.inner.counts();
        format!("Plan(created={}, updated={}, unchanged={})", c.created, c.updated, c.unchanged)
    }
}

/// Plans customers against a host base.
pub fn plan(
    py: Python<'_>,
    customers: Vec<Customer>,
    base: &HostBase,
    profile: &Profile,
    batch_size: Option<usize>,
) -> PyResult<PyPlan> {
    let plan = run_released(py, || {
        let mut reconciler = Reconciler::new(profile);
        if let Some(n) = batch_size {
            reconciler = reconciler.batch_size(n);
        }
        reconciler.plan(&customers, base)
    })?;
    Ok(PyPlan::new(plan))
}

/// `cadastro.validate`: the host crate's flow (parents in the file and, with a lookup, in the
/// host's base).
pub fn validate(
    py: Python<'_>,
    source: Source,
    req: ValidateRequest,
    base: Option<&HostBase>,
    mut progress: Progress,
) -> PyResult<PyReport> {
    let validated = run_released(py, move || {
        let lookup = base.map(|b| b as &dyn CustomerLookup);
        let v = cadastro_host::flow::validate(&source, &req, lookup, &mut |d, t| progress.report(d, t))?;
        progress.finish()?;
        let profile = req.profile.resolve()?;
        Ok::<_, Failure>((v, profile))
    })?;
    let (cadastro_host::flow::Validated { report, table }, profile) = validated;
    let locale = report.locale;
    Ok(PyReport::new(report, Some(table), locale, profile))
}

/// The embedded store: a SQLite file of accounts, each with its customers, contacts and groups.
/// `Store(path)` opens the file (creating and migrating it); use it as a context manager or
/// call `close()`. Every call runs with the GIL released; one store may be shared by threads
/// (calls are serialized).
///
/// A callback of a running call (`on_chunk` of `import_stream`) that calls this same store
/// raises `ReentrantCall` at once: it runs on the thread that holds the store, and would wait
/// for itself forever.
#[pyclass(frozen, module = "cadastro", name = "Store")]
pub struct PyStore {
    inner: Exclusive<Option<Store>>,
    path: Option<PathBuf>,
}

impl PyStore {
    /// Locks the store; must be called with the GIL released (inside `run_released`).
    /// `ReentrantCall` from a callback of a call that holds it, on the same thread.
    fn lock(&self, operation: &str) -> Result<ExclusiveGuard<'_, Option<Store>>, Failure> {
        Ok(self.inner.lock(operation)?)
    }

    /// Runs `f` on the open store, with the GIL released.
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        operation: &str,
        f: impl FnOnce(&mut Store) -> Result<T, Failure> + Send,
    ) -> PyResult<T> {
        run_released(py, || match self.lock(operation)?.as_mut() {
            Some(store) => f(store),
            None => Err(Failure::Host(HostError::StoreClosed)),
        })
    }
}

#[pymethods]
impl PyStore {
    /// Opens (or creates) the store file and migrates its schema. `busy_timeout`: how many
    /// seconds a write (and the open itself) waits for another connection's write lock before
    /// `StoreBusy` (default 30, as the CLI's `--busy-timeout`; 0 fails at once).
    #[new]
    #[pyo3(signature = (path, *, busy_timeout=None))]
    #[pyo3(text_signature = "(path, *, busy_timeout=30.0)")]
    fn new(py: Python<'_>, path: PathBuf, busy_timeout: Option<f64>) -> PyResult<Self> {
        let timeout = match busy_timeout {
            None => cadastro_store::DEFAULT_BUSY_TIMEOUT,
            Some(s) => Duration::try_from_secs_f64(s)
                .map_err(|_| PyErr::from(invalid_options("busy_timeout must be a number of seconds, 0 or more")))?,
        };
        let store = run_released(py, || Store::open_with_busy_timeout(&path, timeout))?;
        Ok(PyStore { inner: Exclusive::new(Some(store)), path: Some(path) })
    }

    /// A store held in memory (tests, previews against an empty base).
    #[staticmethod]
    fn in_memory(py: Python<'_>) -> PyResult<Self> {
        let store = run_released(py, Store::open_in_memory)?;
        Ok(PyStore { inner: Exclusive::new(Some(store)), path: None })
    }

    /// The file's path (`None` in memory).
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.path.clone()
    }

    /// Closes the file; later calls raise `StoreClosed` (kind `store_closed`). Closing twice is harmless.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        run_released(py, || {
            drop(self.lock("Store.close")?.take());
            Ok::<_, Failure>(())
        })
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> PyResult<bool> {
        self.close(py)?;
        Ok(false)
    }

    /// Every account name, sorted.
    fn accounts(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        self.with(py, "Store.accounts", |s| Ok(s.accounts()?))
    }

    /// Creates an account if it does not exist yet.
    fn create_account(&self, py: Python<'_>, name: &str) -> PyResult<()> {
        self.with(py, "Store.create_account", |s| Ok(s.create_account(name)?))
    }

    /// The group names of an account, sorted.
    #[pyo3(signature = (account="default"))]
    fn groups(&self, py: Python<'_>, account: &str) -> PyResult<Vec<String>> {
        self.with(py, "Store.groups", |s| Ok(s.groups(account)?))
    }

    /// The customers of an account (all, or one group), in creation order, as dicts with their
    /// contacts (`rows` empty: they are not from a file).
    #[pyo3(signature = (account="default", group=None))]
    fn customers<'py>(&self, py: Python<'py>, account: &str, group: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let list = self.with(py, "Store.customers", |s| Ok(s.list_customers(account, group)?))?;
        to_python(py, &list)
    }

    /// Imports a file into an account (created when missing): reads and validates it (parents
    /// may also be customers of the account), plans it against the account, and writes the
    /// plan in one transaction unless `dry_run`, or `atomic` and the file has errors. Returns
    /// the report with `.plan` and `.applied`; its JSON is `cadastro import --format json`'s.
    #[pyo3(signature = (
        source, account="default", *, profile=None, mapping=None, sheet=None, country=None, locale=None,
        limits=None, include_values=true, dry_run=false, atomic=false, progress=None, encoding=None,
        delimiter=None, header_row=None
    ))]
    #[pyo3(text_signature = "(self, source, account='default', *, profile='generic', mapping=None, sheet=None, \
        country=None, locale=None, limits=None, include_values=True, dry_run=False, atomic=False, progress=None, \
        encoding=None, delimiter=None, header_row=None)")]
    #[allow(clippy::too_many_arguments)]
    fn import_file(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        account: &str,
        profile: Option<&Bound<'_, PyAny>>,
        mapping: Option<&Bound<'_, PyAny>>,
        sheet: Option<String>,
        country: Option<String>,
        locale: Option<&str>,
        limits: Option<&Bound<'_, PyAny>>,
        include_values: bool,
        dry_run: bool,
        atomic: bool,
        progress: Option<&Bound<'_, PyAny>>,
        encoding: Option<String>,
        delimiter: Option<String>,
        header_row: Option<u32>,
    ) -> PyResult<PyReport> {
        let mut progress = Progress::new(progress)?;
        let source = crate::convert::source(source)?;
        let kw = crate::convert::ReadKw {
            profile,
            mapping,
            limits,
            text: crate::convert::ReadKw::text(sheet, encoding, delimiter, country, locale.map(str::to_owned)),
            header_row,
            include_values: Some(include_values),
            chunk_rows: None,
        };
        let options: ValidateRequest = kw.request(py)?;
        let req = ImportRequest { account: account.to_owned(), options, dry_run, atomic };
        // The host crate's three steps; the store is held for steps 1 and 3 only, so the progress
        // callable may use it while the file validates.
        let (imported, table, profile) = run_released(py, || {
            let importer = cadastro_host::flow::importer(&req.options)?;
            let table = source.open(&importer.options().read)?;
            let parents = {
                let mut guard = self.lock("Store.import_file")?;
                let store = guard.as_mut().ok_or(Failure::Host(HostError::StoreClosed))?;
                cadastro_host::flow::import_parents(store, &importer, &table, &req.account)?
            };
            let report = cadastro_host::flow::import_validate(&importer, &table, &parents, &mut |d, t| {
                progress.report(d, t);
            })?;
            progress.finish()?;
            let imported = {
                let mut guard = self.lock("Store.import_file")?;
                let store = guard.as_mut().ok_or(Failure::Host(HostError::StoreClosed))?;
                cadastro_host::flow::import_write(store, &importer, report, &req)?
            };
            Ok::<_, Failure>((imported, table, importer.options().profile.clone()))
        })?;
        let cadastro_host::flow::Imported { report, plan, applied } = imported;
        let locale = report.locale;
        Ok(PyReport::new(report, Some(table), locale, profile).with_outcome(plan, applied))
    }

    /// Imports a large delimited text file into an account (created when missing) in one
    /// streaming pass: each chunk of `chunk_rows` rows (16,384 by default) is validated, planned
    /// against the account as it was before the import, and written, all in one transaction.
    /// `on_chunk(chunk)` receives each `ImportChunk` (`issues`, `plan`, `written`) as soon as it
    /// is done; it must not call this store. At the end the transaction is committed, or rolled
    /// back (nothing written) for `dry_run`, for `atomic` when a row had an error, or when
    /// `on_chunk` returned `False` (`stopped`); an exception it raises rolls back too and is
    /// re-raised. Returns a `StreamImport` (`summary`, `counts`, `applied`, `stopped`,
    /// `has_errors`). What does not stream (workbooks, UTF-16 text, contact or parent columns)
    /// raises `InvalidOptions`: use `import_file`.
    #[pyo3(signature = (
        source, account="default", *, on_chunk=None, profile=None, mapping=None, country=None, locale=None,
        limits=None, include_values=true, dry_run=false, atomic=false, chunk_rows=0, encoding=None, delimiter=None,
        header_row=None
    ))]
    #[pyo3(text_signature = "(self, source, account='default', *, on_chunk=None, profile='generic', mapping=None, \
        country=None, locale=None, limits=None, include_values=True, dry_run=False, atomic=False, chunk_rows=0, \
        encoding=None, delimiter=None, header_row=None)")]
    #[allow(clippy::too_many_arguments)]
    fn import_stream(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        account: &str,
        on_chunk: Option<&Bound<'_, PyAny>>,
        profile: Option<&Bound<'_, PyAny>>,
        mapping: Option<&Bound<'_, PyAny>>,
        country: Option<String>,
        locale: Option<&str>,
        limits: Option<&Bound<'_, PyAny>>,
        include_values: bool,
        dry_run: bool,
        atomic: bool,
        chunk_rows: usize,
        encoding: Option<String>,
        delimiter: Option<String>,
        header_row: Option<u32>,
    ) -> PyResult<crate::stream::PyStreamImport> {
        let on_chunk = match on_chunk.filter(|f| !f.is_none()) {
            Some(f) if f.is_callable() => Some(f.clone().unbind()),
            Some(_) => return Err(PyTypeError::new_err("on_chunk must be a callable or None")),
            None => None,
        };
        let source = crate::convert::source(source)?;
        let kw = crate::convert::ReadKw {
            profile,
            mapping,
            limits,
            text: crate::convert::ReadKw::text(None, encoding, delimiter, country, locale.map(str::to_owned)),
            header_row,
            include_values: Some(include_values),
            chunk_rows: Some(chunk_rows),
        };
        let req: ValidateRequest = kw.request(py)?;
        let mode = ImportMode { dry_run, atomic };
        self.with(py, "Store.import_stream", |s| {
            let importer = cadastro_host::flow::importer(&req)?;
            crate::stream::import_stream(s, account, &importer, &source, mode, req.chunk_rows, on_chunk.as_ref())
        })
    }

    /// Applies a plan made against `account` (a dry run's, after review) in one transaction;
    /// returns what was written (`created`, `updated`, `unchanged`). Every entry is checked
    /// against the store as it is now: one whose stored customer changed or was deleted since
    /// the plan was made, or whose key another customer took meanwhile, is stale. By default
    /// a plan with a stale entry raises `StalePlan` (nothing is written; the message names the
    /// stale rows). With `skip_stale=True` the other entries are written and the result also
    /// has `stale`: `[{"rows", "action", "id", "reason"}]` (`reason` `changed`, `deleted` or
    /// `key_taken`), the entries not written, to plan again. Raises `InvalidPlan` for a plan
    /// that is not this store's.
    #[pyo3(signature = (plan, account="default", *, skip_stale=false))]
    fn apply<'py>(
        &self,
        py: Python<'py>,
        plan: &Bound<'py, PyPlan>,
        account: &str,
        skip_stale: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let plan = &plan.get().inner;
        if !skip_stale {
            let counts = self.with(py, "Store.apply", |s| Ok(s.apply(account, plan)?))?;
            return to_python(py, &counts);
        }
        let out = self.with(py, "Store.apply", |s| Ok(s.apply_fresh(account, plan)?))?;
        let c = out.written;
        let json = serde_json::json!({
            "created": c.created, "updated": c.updated, "unchanged": c.unchanged, "stale": out.stale,
        });
        to_python(py, &json)
    }

    /// Copies the customers of account `src` (all, or one group) into account `dst` (created
    /// when missing) through the plan and apply of an import (its identity rules: a customer
    /// `dst` already has is updated or unchanged), in one transaction; returns the `Plan` (its
    /// `counts` say what was created, updated, unchanged). With `dry_run` nothing is written (the
    /// plan can be applied later with `apply(plan, dst)`). Raises `UnknownAccount` for `src`.
    #[pyo3(signature = (src, dst, group=None, *, dry_run=false, profile=None))]
    #[pyo3(text_signature = "(self, src, dst, group=None, *, dry_run=False, profile='generic')")]
    fn copy_account(
        &self,
        py: Python<'_>,
        src: &str,
        dst: &str,
        group: Option<&str>,
        dry_run: bool,
        profile: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyPlan> {
        let profile = match profile.filter(|p| !p.is_none()) {
            Some(p) => crate::convert::profile_json(py, p)?,
            None => "generic".into(),
        };
        let doc = serde_json::json!({"from": src, "to": dst, "group": group, "profile": profile, "dry_run": dry_run});
        let req: CopyRequest =
            serde_json::from_value(doc).map_err(|e| invalid_options(format!("invalid options: {e}")))?;
        let plan = self.with(py, "Store.copy_account", |s| Ok(cadastro_host::flow::copy(s, &req)?))?;
        Ok(PyPlan::new(plan))
    }

    /// Writes an account's customers (all, or one group) to `path` (`.csv` or `.xlsx`) in a
    /// profile's layout; returns `{"customers", "lines"}`. Custom fields the profile does not
    /// have are written as extra columns headed by their names.
    #[pyo3(signature = (
        path, account="default", group=None, *, profile=None, delimiter=None, bom=true, line_ending="crlf",
        sheet_name=None, constant_memory=true
    ))]
    #[pyo3(text_signature = "(self, path, account='default', group=None, *, profile='generic', delimiter=None, \
        bom=True, line_ending='crlf', sheet_name=None, constant_memory=True)")]
    #[allow(clippy::too_many_arguments)]
    fn export<'py>(
        &self,
        py: Python<'py>,
        path: PathBuf,
        account: &str,
        group: Option<String>,
        profile: Option<&Bound<'_, PyAny>>,
        delimiter: Option<String>,
        bom: bool,
        line_ending: &str,
        sheet_name: Option<String>,
        constant_memory: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let csv = CsvKw { delimiter, bom, line_ending };
        let req = export_request(py, path, profile, group, csv, sheet_name, constant_memory, Some(account))?;
        let stats = self.with(py, "Store.export", |s| Ok(cadastro_host::flow::export(s, &req)?))?;
        to_python(py, &stats)
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(p) => format!("Store({:?})", p.display().to_string()),
            None => "Store(<memory>)".to_owned(),
        }
    }
}
