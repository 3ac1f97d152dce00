//! `cadastro.Profile`: a checked profile document (built in, or the host's own with custom fields).

use cadastro::Profile;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::convert::{from_json_text, to_json_text, to_python};
use crate::error::{Failure, invalid_profile, run_released};

/// A profile: column layout, synonyms, required fields, default country, custom fields.
#[pyclass(frozen, eq, module = "cadastro", name = "Profile")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyProfile {
    pub(crate) inner: Profile,
}

#[pymethods]
impl PyProfile {
    /// A built-in profile by name: `asaas`, `invoiceocean`, `upflow`, `generic`.
    #[new]
    #[pyo3(signature = (name="generic"))]
    fn new(py: Python<'_>, name: &str) -> PyResult<Self> {
        let name = name.to_owned();
        run_released(py, move || Profile::builtin(&name)).map(|inner| PyProfile { inner })
    }

    /// The names of the built-in profiles.
    #[staticmethod]
    fn builtin_names() -> Vec<&'static str> {
        cadastro::BUILTIN_PROFILES.to_vec()
    }

    /// Loads and checks a profile document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        run_released(py, move || Profile::from_json(&text)).map(|inner| PyProfile { inner })
    }

    /// Loads and checks a profile document from a dict.
    #[staticmethod]
    fn from_dict(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = to_json_text(doc)?;
        run_released(py, move || Profile::from_json(&text)).map(|inner| PyProfile { inner })
    }

    /// The profile document as (pretty) JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run_released(py, || Ok::<_, Failure>(self.inner.to_json()))
    }

    /// The profile document as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = self.to_json(py)?;
        from_json_text(py, &text)
    }

    /// A copy with one more custom field. `kind` is a kind name (`"text"`, `"integer"`,
    /// `"number"`, `"boolean"`, `"email"`, `"phone"`, `"date"`) or a dict such as
    /// `{"type": "integer", "min": 0}` or `{"type": "enum", "values": ["A", "B"]}`.
    #[pyo3(signature = (name, kind, *, required=false, synonyms=None))]
    fn with_custom_field(
        &self,
        py: Python<'_>,
        name: String,
        kind: &Bound<'_, PyAny>,
        required: bool,
        synonyms: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let kind_json = if let Ok(s) = kind.cast::<PyString>() {
            serde_json::json!({ "type": s.to_cow()?.into_owned() })
        } else {
            let text = to_json_text(kind)?;
            serde_json::from_str(&text).map_err(|e| PyErr::from(invalid_profile(format!("custom field kind: {e}"))))?
        };
        let doc = serde_json::json!({
            "name": name,
            "kind": kind_json,
            "required": required,
            "synonyms": synonyms.unwrap_or_default(),
        });
        let mut inner = self.inner.clone();
        run_released(py, move || {
            let field: cadastro::CustomField =
                serde_json::from_value(doc).map_err(|e| invalid_profile(format!("custom field: {e}")))?;
            inner.custom_fields.push(field);
            inner.check()?;
            Ok::<_, Failure>(inner)
        })
        .map(|inner| PyProfile { inner })
    }

    /// The profile's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The country used when a row has none (ISO alpha-2), or `None`.
    #[getter]
    fn default_country(&self) -> Option<&str> {
        self.inner.default_country.as_deref()
    }

    /// The language of the headers.
    #[getter]
    fn language(&self) -> &str {
        &self.inner.language
    }

    /// The required fields.
    #[getter]
    fn required(&self) -> Vec<String> {
        self.inner.required.iter().map(|t| t.name().to_owned()).collect()
    }

    /// The layout: `{"header", "field", "synonyms"?, "note"?}` per column.
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.columns)
    }

    /// The host-defined fields: `{"name", "kind", "required", "synonyms"}`.
    #[getter]
    fn custom_fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.custom_fields)
    }

    /// Pickles through the JSON document.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let text = slf.get().to_json(py)?;
        let from_json = slf.get_type().getattr("from_json")?;
        PyTuple::new(py, [from_json, PyTuple::new(py, [text])?.into_any()])
    }

    fn __repr__(&self) -> String {
        format!("Profile({:?})", self.inner.name)
    }
}
