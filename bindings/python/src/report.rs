//! `Report`, `Stats`, `Issue`, `Inspection` and `Normalized`: read-only Python views of the
//! core's results. JSON always comes from the core's own serializer.

use std::path::PathBuf;

use cadastro::ImportPlan;
use cadastro::checks::CellCheck;
use cadastro::{Inspection, Locale, Profile, Table};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{self, from_json_text, to_python};
use crate::error::{Failure, invalid_options, run_released};
use crate::ops::PyPlan;

/// The counts of a report.
#[pyclass(frozen, eq, get_all, module = "cadastro", name = "Stats")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyStats {
    /// Non-blank data rows below the header.
    rows_total: u64,
    /// Blank rows skipped below the header.
    rows_blank: u64,
    /// Rows that carry at least one error issue.
    rows_rejected: u64,
    /// Valid customers.
    customers_valid: u64,
    /// Rejected customers.
    customers_rejected: u64,
    /// Valid contacts (of valid customers).
    contacts_valid: u64,
    /// Rejected contacts.
    contacts_rejected: u64,
}

impl From<&cadastro::Stats> for PyStats {
    fn from(s: &cadastro::Stats) -> Self {
        PyStats {
            rows_total: s.rows_total,
            rows_blank: s.rows_blank,
            rows_rejected: s.rows_rejected,
            customers_valid: s.customers_valid,
            customers_rejected: s.customers_rejected,
            contacts_valid: s.contacts_valid,
            contacts_rejected: s.contacts_rejected,
        }
    }
}

#[pymethods]
impl PyStats {
    /// The counts as a dict (the report JSON's `stats` object).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.pairs() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    fn __repr__(&self) -> String {
        let inner: Vec<String> = self.pairs().iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("Stats({})", inner.join(", "))
    }
}

impl PyStats {
    fn pairs(&self) -> [(&'static str, u64); 7] {
        [
            ("rows_total", self.rows_total),
            ("rows_blank", self.rows_blank),
            ("rows_rejected", self.rows_rejected),
            ("customers_valid", self.customers_valid),
            ("customers_rejected", self.customers_rejected),
            ("contacts_valid", self.contacts_valid),
            ("contacts_rejected", self.contacts_rejected),
        ]
    }
}

/// One problem in the data (CONTRACT section 4).
#[pyclass(frozen, eq, get_all, module = "cadastro", name = "Issue")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyIssue {
    row: u32,
    line: Option<u64>,
    column: Option<String>,
    header: Option<String>,
    field: Option<String>,
    code: String,
    severity: String,
    message: String,
    value: Option<String>,
}

impl From<&cadastro::Issue> for PyIssue {
    fn from(i: &cadastro::Issue) -> Self {
        PyIssue {
            row: i.row,
            line: i.line,
            column: i.column.clone(),
            header: i.header.clone(),
            field: i.field.clone(),
            code: i.code.as_str().to_owned(),
            severity: match i.severity {
                cadastro::Severity::Error => "error",
                cadastro::Severity::Warning => "warning",
            }
            .to_owned(),
            message: i.message.clone(),
            value: i.value.clone(),
        }
    }
}

#[pymethods]
impl PyIssue {
    /// The issue as a dict, absent attributes left out (as in the report JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("row", self.row)?;
        if let Some(line) = self.line {
            d.set_item("line", line)?;
        }
        for (k, v) in [("column", &self.column), ("header", &self.header), ("field", &self.field)] {
            if let Some(v) = v {
                d.set_item(k, v)?;
            }
        }
        d.set_item("code", &self.code)?;
        d.set_item("severity", &self.severity)?;
        d.set_item("message", &self.message)?;
        if let Some(v) = &self.value {
            d.set_item("value", v)?;
        }
        Ok(d)
    }

    /// True for error issues (the entity is rejected).
    #[getter]
    fn is_error(&self) -> bool {
        self.severity == "error"
    }

    fn __repr__(&self) -> String {
        format!(
            "Issue(row={}, column={:?}, field={:?}, code={:?}, severity={:?})",
            self.row,
            self.column.as_deref().unwrap_or(""),
            self.field.as_deref().unwrap_or(""),
            self.code,
            self.severity
        )
    }
}

/// The result of validating a file. JSON and dicts come from the core's serializer, so
/// `to_json()` is byte for byte what `cadastro validate --format json` prints.
#[pyclass(frozen, module = "cadastro", name = "Report")]
pub struct PyReport {
    report: cadastro::Report,
    /// The table the report was made from, for the error file.
    table: Option<Table>,
    /// The locale the messages were rendered in.
    locale: Locale,
    /// The profile the file was validated with (the default profile of `cadastro.plan`).
    profile: Profile,
    /// `Store.import_file`: the plan and whether it was written.
    outcome: Option<(ImportPlan, bool)>,
}

impl PyReport {
    /// A report with the table it came from and the profile it was made with.
    pub fn new(report: cadastro::Report, table: Option<Table>, locale: Locale, profile: Profile) -> Self {
        PyReport { report, table, locale, profile, outcome: None }
    }

    /// The same report with an import's plan and whether it was applied.
    pub fn with_outcome(mut self, plan: ImportPlan, applied: bool) -> Self {
        self.outcome = Some((plan, applied));
        self
    }

    /// The core report.
    pub fn inner(&self) -> &cadastro::Report {
        &self.report
    }

    /// The profile the report was made with.
    pub fn profile_def(&self) -> &Profile {
        &self.profile
    }
}

#[pymethods]
impl PyReport {
    /// The counts.
    #[getter]
    fn stats(&self) -> PyStats {
        PyStats::from(&self.report.stats)
    }

    /// Every issue, sorted by row then column (a new list on each access).
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.report.issues.iter().map(PyIssue::from).collect()
    }

    /// The valid customers as dicts with the canonical fields (a new list on each access).
    #[getter]
    fn customers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.report.customers)
    }

    /// What was read: format, encoding, delimiter, sheet, header row, and `country_inferred`
    /// (`{"country": "BR", "evidence": [...]}`) when the country was inferred from the file.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.report.source)
    }

    /// The locale of the messages (`en`, `pt-BR`, `fr`, `pl`, `es`): the one asked for, else
    /// the profile's, else the language of the file's headers, else `en`.
    #[getter]
    fn locale(&self) -> &'static str {
        self.report.locale.as_str()
    }

    /// Every column with its field (or `None`), confidence and reason.
    #[getter]
    fn mapping<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.report.mapping)
    }

    /// The profile's name.
    #[getter]
    fn profile(&self) -> &str {
        &self.report.profile
    }

    /// `Store.import_file`: the import plan (`None` for a plain validation).
    #[getter]
    fn plan(&self) -> Option<PyPlan> {
        self.outcome.as_ref().map(|(plan, _)| PyPlan::new(plan.clone()))
    }

    /// `Store.import_file`: whether the plan was written (`False` for a dry run, or an atomic
    /// import of a file with errors); `None` for a plain validation.
    #[getter]
    fn applied(&self) -> Option<bool> {
        self.outcome.as_ref().map(|(_, applied)| *applied)
    }

    /// True when some issue is an error (the CLI's exit code 1).
    #[getter]
    fn has_errors(&self) -> bool {
        self.report.has_errors()
    }

    /// The report JSON (CONTRACT section 5), one line, no trailing newline.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run_released(py, || Ok::<_, Failure>(self.report.to_json()))
    }

    /// The report JSON as Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.to_json(py)?;
        from_json_text(py, &text)
    }

    /// A readable summary (what `cadastro validate` prints by default).
    fn to_text(&self, py: Python<'_>) -> PyResult<String> {
        run_released(py, || Ok::<_, Failure>(self.report.to_text()))
    }

    /// Writes the error file: the rejected rows as they were plus an Errors column (`.xlsx` with
    /// highlighted cells and notes, or `.csv`). `locale` defaults to the report's.
    #[pyo3(signature = (path, locale=None))]
    fn write_errors(&self, py: Python<'_>, path: PathBuf, locale: Option<&str>) -> PyResult<()> {
        let locale = match locale {
            Some(tag) => serde_json::from_value(tag.into()).map_err(|e| invalid_options(e.to_string()))?,
            None => self.locale,
        };
        let Some(table) = &self.table else {
            return Err(invalid_options("this report was not made from a file: no error file to write").into());
        };
        run_released(py, || cadastro::export::write_error_file(table, &self.report, &path, locale))
    }

    fn __repr__(&self) -> String {
        let s = &self.report.stats;
        format!(
            "Report(profile={:?}, rows_total={}, customers_valid={}, customers_rejected={}, issues={})",
            self.report.profile,
            s.rows_total,
            s.customers_valid,
            s.customers_rejected,
            self.report.issues.len()
        )
    }
}

/// What a file is and how its columns would map (`cadastro inspect --format json`).
#[pyclass(frozen, module = "cadastro", name = "Inspection")]
pub struct PyInspection {
    inner: Inspection,
}

impl PyInspection {
    /// Wraps a core inspection.
    pub fn new(inner: Inspection) -> Self {
        PyInspection { inner }
    }
}

#[pymethods]
impl PyInspection {
    /// What was read: format, encoding, delimiter, sheet, header row.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.source)
    }

    /// Workbooks: every sheet as `{"name", "visible"}`.
    #[getter]
    fn sheets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.sheets)
    }

    /// Data rows below the header (blank rows excluded).
    #[getter]
    fn rows(&self) -> u64 {
        self.inner.rows
    }

    /// Every column: letter, header, samples, suggested field, confidence, reason.
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.columns)
    }

    /// The rows the header search weighed, best first: `{"row", "score", "known_labels",
    /// "cells", "qualifies", "chosen"}`.
    #[getter]
    fn header_candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.header_candidates)
    }

    /// The inspection JSON, one line, no trailing newline.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run_released(py, || Ok::<_, Failure>(self.inner.to_json()))
    }

    /// The inspection JSON as Python values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.to_json(py)?;
        from_json_text(py, &text)
    }

    fn __repr__(&self) -> String {
        format!(
            "Inspection(format={:?}, rows={}, columns={})",
            self.inner.source.format.as_str(),
            self.inner.rows,
            self.inner.columns.len()
        )
    }
}

/// One value checked and normalized for a field (`cadastro.normalize`).
#[pyclass(frozen, get_all, module = "cadastro", name = "Normalized")]
pub struct PyNormalized {
    /// The normalized value (`str`, `bool`, `int`, `float`, `list[str]`), `None` when blank or invalid.
    value: Py<PyAny>,
    /// The error code when the value is invalid.
    error: Option<String>,
    /// Warning codes (the value is accepted).
    warnings: Vec<String>,
}

impl PyNormalized {
    /// Converts a core cell check.
    pub fn from_check(py: Python<'_>, check: &CellCheck) -> PyResult<Self> {
        let value = match &check.value {
            Some(v) => convert::value(py, v)?.unbind(),
            None => py.None(),
        };
        Ok(PyNormalized {
            value,
            error: check.error.map(|c| c.as_str().to_owned()),
            warnings: check.warnings.iter().map(|c| c.as_str().to_owned()).collect(),
        })
    }
}

#[pymethods]
impl PyNormalized {
    /// True when there is no error.
    #[getter]
    fn ok(&self) -> bool {
        self.error.is_none()
    }

    /// `{"value", "error", "warnings"}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("value", self.value.bind(py))?;
        d.set_item("error", &self.error)?;
        d.set_item("warnings", PyList::new(py, &self.warnings)?)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let value = self.value.bind(py).repr()?;
        let error = match &self.error {
            Some(code) => format!("'{code}'"),
            None => "None".to_owned(),
        };
        let warnings: Vec<String> = self.warnings.iter().map(|w| format!("'{w}'")).collect();
        Ok(format!("Normalized(value={value}, error={error}, warnings=[{}])", warnings.join(", ")))
    }
}
