//! `cadastro._cadastro`: the Python face of the cadastro core (pyo3). A thin layer: it converts
//! Python values to core types and back, and core errors to Python exceptions (one table in
//! [`error`]); every rule lives in the core. Every call into the core runs through
//! [`error::run_released`]: the GIL is released and a Rust panic becomes `InternalError`.

mod convert;
mod error;
mod profile;
mod report;

use pyo3::prelude::*;

#[pymodule]
mod _cadastro {
    use cadastro::validate::engine::NoBase;
    use cadastro::{Field, ImportOptions, Importer};
    use pyo3::exceptions::PyTypeError;
    use pyo3::prelude::*;
    use pyo3::types::PyDict;

    use crate::convert;
    use crate::error::{self, Failure, invalid_options, run_released};
    #[pymodule_export]
    use crate::error::{
        CadastroError, CorruptFile, DuplicateHeader, EmptyFile, EncodingError, EncryptedFile, InternalError,
        InvalidOptions, InvalidProfile, LimitExceeded, MissingRequiredColumn, NoHeader, SheetNotFound,
        UnsupportedFormat, WriteError,
    };
    #[pymodule_export]
    use crate::profile::PyProfile;
    #[pymodule_export]
    use crate::report::{PyInspection, PyIssue, PyNormalized, PyReport, PyStats};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        error::register_kinds(m.py())?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }

    /// Reads and validates a file; returns a `Report`.
    ///
    /// `source` is a path (`str` or `os.PathLike`), `bytes`, or a binary file object. Bad data is
    /// never an exception: it is an issue in the report. A file-level failure raises a subclass
    /// of `CadastroError`; a missing file raises `FileNotFoundError`.
    #[pyfunction]
    #[pyo3(signature = (
        source, *, profile=None, mapping=None, sheet=None, country=None, locale="en", limits=None,
        include_values=true, progress=None
    ))]
    #[pyo3(text_signature = "(source, *, profile='generic', mapping=None, sheet=None, country=None, \
        locale='en', limits=None, include_values=True, progress=None)")]
    #[allow(clippy::too_many_arguments)]
    fn validate(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        profile: Option<&Bound<'_, PyAny>>,
        mapping: Option<&Bound<'_, PyAny>>,
        sheet: Option<String>,
        country: Option<String>,
        locale: &str,
        limits: Option<&Bound<'_, PyAny>>,
        include_values: bool,
        progress: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReport> {
        // Reserved: the core has no progress hook yet; the callable is checked, not called.
        if let Some(p) = progress.filter(|p| !p.is_none())
            && !p.is_callable()
        {
            return Err(PyTypeError::new_err("progress must be a callable or None"));
        }
        let source = convert::source(source)?;
        let locale = convert::locale(locale)?;
        let opts = ImportOptions {
            profile: match profile.filter(|p| !p.is_none()) {
                Some(p) => convert::profile(py, p)?,
                None => cadastro::Profile::generic(),
            },
            mapping: convert::mapping(py, mapping)?,
            read: convert::read_options(py, sheet, limits)?,
            country,
            locale,
            include_values,
        };
        let (table, report) = run_released(py, move || {
            let importer = Importer::new(opts)?;
            let table = source.open(&importer.options().read)?;
            let report = importer.validate_table(&table, &NoBase)?;
            Ok::<_, Failure>((table, report))
        })?;
        Ok(PyReport::new(report, Some(table), locale))
    }

    /// Reads a file and suggests a mapping for its columns, without validating; returns an
    /// `Inspection` (`cadastro inspect --format json`).
    #[pyfunction]
    #[pyo3(signature = (source, *, sheet=None, profile=None, limits=None))]
    #[pyo3(text_signature = "(source, *, sheet=None, profile='generic', limits=None)")]
    fn inspect(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<String>,
        profile: Option<&Bound<'_, PyAny>>,
        limits: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyInspection> {
        let source = convert::source(source)?;
        let profile = match profile.filter(|p| !p.is_none()) {
            Some(p) => convert::profile(py, p)?,
            None => cadastro::Profile::generic(),
        };
        let read = convert::read_options(py, sheet, limits)?;
        run_released(py, move || cadastro::inspect(&source, &read, &profile)).map(PyInspection::new)
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
        let check = run_released(py, move || {
            Ok::<_, Failure>(cadastro::validate::check_value(field, &cell, country.as_deref()))
        })?;
        PyNormalized::from_check(py, &check)
    }

    /// The default resource limits, as a dict (the keys `limits=` accepts).
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
        for (code, class) in error::KINDS {
            d.set_item(code, class(py))?;
        }
        Ok((d, cadastro::ErrorKind::ALL_CODES.to_vec()))
    }

    /// Test hook (undocumented): panics inside the core-call helper; must raise `InternalError`.
    #[pyfunction]
    #[allow(clippy::panic)]
    fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
        run_released(py, || -> Result<(), Failure> { panic!("forced panic for tests") })
    }
}
