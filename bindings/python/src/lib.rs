//! `cadastro._cadastro`: the Python face of the cadastro core (pyo3). A thin layer: it converts
//! Python values to core types and back, and core errors to Python exceptions (one table in
//! [`error`]); every rule lives in the core. Every call into the core runs through
//! [`error::run_released`]: the GIL is released and a Rust panic becomes `InternalError`.

/// mimalloc for the Rust side, as in the `cadastro` CLI: validation allocates and frees
/// millions of small strings across threads, where the system allocator took a quarter of the
/// CPU time (benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod error;
mod ops;
mod profile;
mod report;
mod stream;

use pyo3::prelude::*;

#[pymodule]
mod _cadastro {
    use cadastro::Field;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    #[pymodule_export]
    use crate::error::CadastroError;
    use crate::error::{self, Failure, invalid_options, run_released};
    #[pymodule_export]
    use crate::ops::{PyPlan, PyStore};
    #[pymodule_export]
    use crate::profile::PyProfile;
    #[pymodule_export]
    use crate::report::{PyInspection, PyIssue, PyNormalized, PyReport, PyStats};
    #[pymodule_export]
    use crate::stream::{PyChunk, PyImportChunk, PyStreamImport, PyStreamSummary, PyValidationStream};
    use crate::{convert, ops, stream};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        error::register_kinds(m)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }

    /// Reads and validates a file; returns a `Report`.
    ///
    /// `source` is a path (`str` or `os.PathLike`), `bytes`, or a binary file object. Bad data is
    /// never an exception: it is an issue in the report. A file-level failure raises a subclass
    /// of `CadastroError`; a missing file raises `FileNotFoundError`. `progress(done, total)` is
    /// called (with rows checked so far) every few thousand rows, at most every 50 ms, and once
    /// at the end; `lookup` (as in `plan`) lets parents resolve in the host's base.
    #[pyfunction]
    #[pyo3(signature = (
        source, *, profile=None, mapping=None, sheet=None, country=None, locale=None, limits=None,
        include_values=true, progress=None, lookup=None, encoding=None, delimiter=None, header_row=None
    ))]
    #[pyo3(text_signature = "(source, *, profile='generic', mapping=None, sheet=None, country=None, \
        locale=None, limits=None, include_values=True, progress=None, lookup=None, encoding=None, delimiter=None, \
        header_row=None)")]
    #[allow(clippy::too_many_arguments)]
    fn validate(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        profile: Option<&Bound<'_, PyAny>>,
        mapping: Option<&Bound<'_, PyAny>>,
        sheet: Option<String>,
        country: Option<String>,
        locale: Option<String>,
        limits: Option<&Bound<'_, PyAny>>,
        include_values: bool,
        progress: Option<&Bound<'_, PyAny>>,
        lookup: Option<&Bound<'_, PyAny>>,
        encoding: Option<String>,
        delimiter: Option<String>,
        header_row: Option<u32>,
    ) -> PyResult<PyReport> {
        let progress = ops::Progress::new(progress)?;
        let base = lookup.filter(|l| !l.is_none()).map(|l| ops::HostBase::new(Some(l))).transpose()?;
        let source = convert::source(source)?;
        let kw = convert::ReadKw {
            profile,
            mapping,
            limits,
            text: convert::ReadKw::text(sheet, encoding, delimiter, country, locale),
            header_row,
            include_values: Some(include_values),
            chunk_rows: None,
        };
        ops::validate(py, source, kw.request(py)?, base.as_ref(), progress)
    }

    /// Validates a delimited text file in one streaming pass; returns a `ValidationStream`, an
    /// iterator of `Chunk`s (`chunk.customers`, `chunk.issues`: what `Report.customers` and
    /// `Report.issues` hold for `chunk_rows` rows at a time, 16,384 by default), in file order.
    /// Memory stays bounded by a couple of chunks and the key index, whatever the file's size.
    ///
    /// ```python
    /// with cadastro.validate_stream("big.csv", profile="asaas") as stream:
    ///     for chunk in stream:
    ///         save(chunk.customers)
    /// print(stream.summary.stats)
    /// ```
    ///
    /// The core runs on a worker thread while the caller consumes chunks. Leaving the loop early
    /// and closing the stream (`close()`, the end of a `with` block, or dropping it) stops the
    /// reading: `summary.stopped` is then true. File-level failures are raised by the iteration
    /// (the first `next()` for most), as `CadastroError` subclasses: `InvalidOptions` for what
    /// does not stream (a workbook, UTF-16 text, contact or parent columns: use `validate`).
    #[pyfunction]
    #[pyo3(signature = (
        source, *, profile=None, mapping=None, country=None, locale=None, limits=None, include_values=true,
        chunk_rows=0, encoding=None, delimiter=None, header_row=None
    ))]
    #[pyo3(text_signature = "(source, *, profile='generic', mapping=None, country=None, locale=None, \
        limits=None, include_values=True, chunk_rows=0, encoding=None, delimiter=None, header_row=None)")]
    #[allow(clippy::too_many_arguments)]
    fn validate_stream(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        profile: Option<&Bound<'_, PyAny>>,
        mapping: Option<&Bound<'_, PyAny>>,
        country: Option<String>,
        locale: Option<String>,
        limits: Option<&Bound<'_, PyAny>>,
        include_values: bool,
        chunk_rows: usize,
        encoding: Option<String>,
        delimiter: Option<String>,
        header_row: Option<u32>,
    ) -> PyResult<stream::PyValidationStream> {
        let source = convert::source(source)?;
        let kw = convert::ReadKw {
            profile,
            mapping,
            limits,
            text: convert::ReadKw::text(None, encoding, delimiter, country, locale),
            header_row,
            include_values: Some(include_values),
            chunk_rows: Some(chunk_rows),
        };
        let req: cadastro_host::request::ValidateRequest = kw.request(py)?;
        let opts = run_released(py, || req.options())?;
        stream::validate_stream(py, source, opts, req.chunk_rows)
    }

    /// Plans the import of customers into the host's base: which are created, updated (with a
    /// field-by-field diff) or unchanged. Returns a `Plan`.
    ///
    /// `customers`: a `Report` (its valid customers; its profile is the default) or a list of
    /// customer dicts. `lookup(keys)` receives a list of `{"by": "external_id" | "tax_id" |
    /// "name", "value": str}` dicts (up to `batch_size`, 10,000 by default) and returns every
    /// stored customer matching one of them, as `{"id", "revision", "customer"}` dicts; a list
    /// of such dicts is also accepted (a base held in memory). An exception raised by `lookup`
    /// surfaces as `LookupFailed` with the original as `__cause__`.
    #[pyfunction]
    #[pyo3(signature = (customers, lookup, *, profile=None, batch_size=None))]
    #[pyo3(text_signature = "(customers, lookup, *, profile=None, batch_size=None)")]
    fn plan(
        py: Python<'_>,
        customers: &Bound<'_, PyAny>,
        lookup: &Bound<'_, PyAny>,
        profile: Option<&Bound<'_, PyAny>>,
        batch_size: Option<usize>,
    ) -> PyResult<ops::PyPlan> {
        let base = ops::HostBase::new(Some(lookup))?;
        let profile = match (profile.filter(|p| !p.is_none()), customers.cast::<PyReport>()) {
            (Some(p), _) => convert::profile(py, p)?,
            (None, Ok(report)) => report.get().profile_def().clone(),
            (None, Err(_)) => cadastro::Profile::generic(),
        };
        if batch_size == Some(0) {
            return Err(error::invalid_options("batch_size must be at least 1").into());
        }
        let customers = ops::customers(customers)?;
        ops::plan(py, customers, &base, &profile, batch_size)
    }

    /// Writes customers (a `Report`, or customer dicts as `Report.customers` and
    /// `Store.customers` give them) to `path` (`.csv` or `.xlsx`) in a profile's layout; returns
    /// `{"customers", "lines"}`. `group` keeps only that group's customers.
    #[pyfunction]
    #[pyo3(signature = (
        customers, path, profile=None, group=None, *, delimiter=None, bom=true, line_ending="crlf",
        sheet_name=None, constant_memory=true
    ))]
    #[pyo3(text_signature = "(customers, path, profile='generic', group=None, *, delimiter=None, bom=True, \
        line_ending='crlf', sheet_name=None, constant_memory=True)")]
    #[allow(clippy::too_many_arguments)]
    fn export<'py>(
        py: Python<'py>,
        customers: &Bound<'_, PyAny>,
        path: std::path::PathBuf,
        profile: Option<&Bound<'_, PyAny>>,
        group: Option<String>,
        delimiter: Option<String>,
        bom: bool,
        line_ending: &str,
        sheet_name: Option<String>,
        constant_memory: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let csv = ops::CsvKw { delimiter, bom, line_ending };
        let req = ops::export_request(py, path, profile, group, csv, sheet_name, constant_memory, None)?;
        let customers = ops::customers(customers)?;
        let stats = run_released(py, || cadastro_host::flow::export_customers(&customers, &req))?;
        convert::to_python(py, &stats)
    }

    /// Writes an empty import template (`.xlsx` with header notes and required columns marked,
    /// or `.csv`) with a profile's columns.
    #[pyfunction]
    #[pyo3(signature = (path, profile=None, *, delimiter=None, bom=true, line_ending="crlf"))]
    #[pyo3(text_signature = "(path, profile='generic', *, delimiter=None, bom=True, line_ending='crlf')")]
    fn template(
        py: Python<'_>,
        path: std::path::PathBuf,
        profile: Option<&Bound<'_, PyAny>>,
        delimiter: Option<String>,
        bom: bool,
        line_ending: &str,
    ) -> PyResult<()> {
        let csv = ops::CsvKw { delimiter, bom, line_ending };
        let req = ops::export_request(py, path, profile, None, csv, None, true, None)?;
        let req = cadastro_host::request::TemplateRequest { profile: req.profile, out: req.out, csv: req.csv };
        run_released(py, move || cadastro_host::flow::template(&req))
    }

    /// Reads a file and suggests a mapping for its columns, without validating; returns an
    /// `Inspection` (`cadastro inspect --format json`).
    #[pyfunction]
    #[pyo3(signature = (
        source, *, sheet=None, profile=None, limits=None, encoding=None, delimiter=None, header_row=None
    ))]
    #[pyo3(text_signature = "(source, *, sheet=None, profile='generic', limits=None, encoding=None, \
        delimiter=None, header_row=None)")]
    #[allow(clippy::too_many_arguments)]
    fn inspect(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<String>,
        profile: Option<&Bound<'_, PyAny>>,
        limits: Option<&Bound<'_, PyAny>>,
        encoding: Option<String>,
        delimiter: Option<String>,
        header_row: Option<u32>,
    ) -> PyResult<PyInspection> {
        let source = convert::source(source)?;
        let kw = convert::ReadKw {
            profile,
            mapping: None,
            limits,
            text: convert::ReadKw::text(sheet, encoding, delimiter, None, None),
            header_row,
            include_values: None,
            chunk_rows: None,
        };
        let req: cadastro_host::request::InspectRequest = kw.request(py)?;
        run_released(py, move || cadastro_host::flow::inspect(&source, &req)).map(PyInspection::new)
    }

    /// Checks and normalizes one value for a canonical field, as the engine does per cell.
    ///
    /// `value`: `str` (a text cell), `int`/`float` (a number cell), `bool`, or `None`.
    /// `country`: the row's country (ISO alpha-2), if known.
    #[pyfunction]
    #[pyo3(signature = (field, value, country=None))]
    fn normalize(
        py: Python<'_>,
        field: &str,
        value: &Bound<'_, PyAny>,
        country: Option<String>,
    ) -> PyResult<PyNormalized> {
        let cell = convert::cell(value)?;
        let field = Field::from_name(field).ok_or_else(|| invalid_options(format!("unknown field `{field}`")))?;
        let check =
            run_released(py, move || Ok::<_, Failure>(cadastro::check_value(field, &cell, country.as_deref())))?;
        PyNormalized::from_check(py, &check)
    }

    /// The default resource limits, as a dict (the keys `limits=` accepts).
    /// Runs one host operation by name on a JSON request; returns the response JSON, or
    /// `{"error": {"kind", "message"}}` (the byte-identical path of every host:
    /// `cadastro_host::call`).
    #[pyfunction]
    fn call(py: Python<'_>, op: String, request: String) -> PyResult<String> {
        run_released(py, move || Ok::<_, Failure>(cadastro_host::call_json(&op, &request)))
    }

    /// Every error kind (`cadastro_host::kinds`): each has its exception class.
    #[pyfunction]
    fn _kinds() -> Vec<&'static str> {
        cadastro_host::kinds()
    }

    #[pyfunction]
    fn default_limits(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        convert::to_python(py, &cadastro::Limits::default())
    }

    /// The canonical field names (CONTRACT section 1).
    #[pyfunction]
    fn field_names() -> Vec<&'static str> {
        Field::ALL.iter().map(|f| f.as_str()).collect()
    }

    /// Test hook (undocumented): the kind-to-class table, plus the core's kind codes.
    #[pyfunction]
    fn _kind_classes(py: Python<'_>) -> PyResult<(Bound<'_, PyDict>, Vec<&'static str>)> {
        let d = PyDict::new(py);
        for (code, class) in error::classes(py) {
            d.set_item(code, class)?;
        }
        Ok((d, cadastro::ErrorKind::ALL_CODES.to_vec()))
    }

    /// Test hook (undocumented): sets the progress callable's minimum interval in milliseconds
    /// (default 50); returns the previous one.
    #[pyfunction]
    fn _set_progress_interval(ms: u64) -> u64 {
        cadastro_host::flow::set_progress_interval(ms)
    }

    /// Test hook (undocumented): panics inside the core-call helper; must raise `InternalError`.
    #[pyfunction]
    fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
        // `resume_unwind` unwinds like a panic without calling the panic hook: the test exercises the
        // catching machinery without printing a panic message and backtrace into a passing run.
        run_released(py, || -> Result<(), Failure> { std::panic::resume_unwind(Box::new("forced panic for tests")) })
    }
}
