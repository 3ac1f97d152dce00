//! Conversions between Python values and core types. No rules live here: options go through the
//! core's serde form (a dict becomes JSON, then the core type), so every host shares one check.

use std::path::PathBuf;

use cadastro::{Cell, Profile, Source, Value};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyFloat, PyInt, PyList, PyMemoryView, PyString};

use crate::error::{Failure, invalid_options, run_released};
use crate::profile::PyProfile;

/// `source`: a path (`str` or `os.PathLike`), `bytes`/`bytearray`/`memoryview`, or a binary
/// file object (anything with `read()` returning bytes).
pub fn source(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
    if let Some(bytes) = buffer_bytes(obj)? {
        return Ok(Source::from_bytes(bytes));
    }
    if obj.hasattr("read")? {
        let data = obj.call_method0("read")?;
        return match buffer_bytes(&data)? {
            Some(bytes) => Ok(Source::from_bytes(bytes)),
            None => Err(PyTypeError::new_err(format!(
                "source.read() returned {}, not bytes: open the file in binary mode ('rb')",
                type_name(&data)
            ))),
        };
    }
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        let path: PathBuf = obj.extract()?;
        return Ok(Source::from_path(path));
    }
    Err(PyTypeError::new_err(format!(
        "source must be a path (str or os.PathLike), bytes, or a binary file object, not {}",
        type_name(obj)
    )))
}

fn buffer_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Some(b.to_vec()));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let b = obj.call_method0("tobytes")?;
        return Ok(b.cast::<PyBytes>().ok().map(|b| b.as_bytes().to_vec()));
    }
    Ok(None)
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// A Python value as JSON text (`json.dumps`), for the core's serde types.
pub fn to_json_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    obj.py().import("json")?.call_method1("dumps", (obj,))?.extract()
}

/// JSON text as Python values (`json.loads`).
pub fn from_json_text<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// Serializes a core value to JSON with the GIL released, then loads it as Python values.
pub fn to_python<'py, T: serde::Serialize + Sync>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = run_released(py, || serde_json::to_string(value).map_err(|e| Failure::Panic(e.to_string())))?;
    from_json_text(py, &text)
}

/// `profile`: a built-in name, a `Profile`, or a profile document (a dict).
pub fn profile(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Profile> {
    if let Ok(p) = obj.cast::<PyProfile>() {
        return Ok(p.get().inner.clone());
    }
    if let Ok(name) = obj.extract::<String>() {
        return run_released(py, || Profile::builtin(&name));
    }
    if obj.hasattr("keys")? {
        let text = to_json_text(obj)?;
        return run_released(py, || Profile::from_json(&text));
    }
    Err(PyTypeError::new_err(format!(
        "profile must be a built-in name, a cadastro.Profile or a profile dict, not {}",
        type_name(obj)
    )))
}

/// The keyword arguments of the reading calls (`validate`, `validate_stream`, `inspect`,
/// `Store.import_file`, `Store.import_stream`). They become one JSON document that the host
/// crate parses into its request (`cadastro_host::request`): every default and check is there.
pub struct ReadKw<'a, 'py> {
    /// `profile=`: a name, a `Profile` or a profile dict.
    pub profile: Option<&'a Bound<'py, PyAny>>,
    /// `mapping=`: a dict.
    pub mapping: Option<&'a Bound<'py, PyAny>>,
    /// `limits=`: a dict.
    pub limits: Option<&'a Bound<'py, PyAny>>,
    /// `sheet=`, `encoding=`, `delimiter=`, `country=`, `locale=`.
    pub text: [(&'static str, Option<String>); 5],
    /// `header_row=`.
    pub header_row: Option<u32>,
    /// `include_values=`, `chunk_rows=` (`None` where the call has no such argument).
    pub include_values: Option<bool>,
    /// `chunk_rows=`.
    pub chunk_rows: Option<usize>,
}

impl ReadKw<'_, '_> {
    /// The text arguments in order: sheet, encoding, delimiter, country, locale.
    pub fn text(
        sheet: Option<String>,
        encoding: Option<String>,
        delimiter: Option<String>,
        country: Option<String>,
        locale: Option<String>,
    ) -> [(&'static str, Option<String>); 5] {
        [("sheet", sheet), ("encoding", encoding), ("delimiter", delimiter), ("country", country), ("locale", locale)]
    }

    /// The host request (`ValidateRequest` or `InspectRequest`); `invalid_options` as the host
    /// crate words it.
    pub fn request<T: serde::de::DeserializeOwned>(&self, py: Python<'_>) -> PyResult<T> {
        let mut doc = serde_json::Map::new();
        if let Some(p) = self.profile.filter(|p| !p.is_none()) {
            doc.insert("profile".into(), profile_json(py, p)?);
        }
        for (key, obj) in [("mapping", self.mapping), ("limits", self.limits)] {
            let Some(obj) = obj.filter(|o| !o.is_none()) else { continue };
            if !obj.hasattr("keys")? {
                return Err(PyTypeError::new_err(format!("{key} must be a dict, not {}", type_name(obj))));
            }
            doc.insert(key.into(), json_value(obj)?);
        }
        for (key, value) in &self.text {
            if let Some(v) = value {
                doc.insert((*key).into(), v.clone().into());
            }
        }
        if let Some(h) = self.header_row {
            doc.insert("header_row".into(), h.into());
        }
        if let Some(v) = self.include_values {
            doc.insert("include_values".into(), v.into());
        }
        if let Some(n) = self.chunk_rows {
            doc.insert("chunk_rows".into(), n.into());
        }
        serde_json::from_value(serde_json::Value::Object(doc))
            .map_err(|e| invalid_options(format!("invalid options: {e}")).into())
    }
}

/// A Python value (dicts, lists, text, numbers) as JSON.
pub fn json_value(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    let text = to_json_text(obj)?;
    serde_json::from_str(&text).map_err(|e| invalid_options(e.to_string()).into())
}

/// `profile` as the host's `ProfileRef` JSON: a name, or a `Profile`'s or dict's document.
pub fn profile_json(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("keys")? {
        return json_value(obj);
    }
    let profile = profile(py, obj)?;
    serde_json::to_value(&profile).map_err(|e| invalid_options(e.to_string()).into())
}

/// A Python value as a cell: `None` empty, `bool`, `int`, `float`, `str`.
pub fn cell(obj: &Bound<'_, PyAny>) -> PyResult<Cell> {
    if obj.is_none() {
        return Ok(Cell::Empty);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Cell::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(match obj.extract::<i64>() {
            Ok(i) => Cell::Int(i),
            Err(_) => Cell::Float(obj.extract::<f64>()?),
        });
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(Cell::Float(f.value()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Cell::Text(s.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!("value must be None, bool, int, float or str, not {}", type_name(obj))))
}

/// A normalized value as a Python value.
pub fn value<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::Number(n) => PyFloat::new(py, *n).into_any(),
        Value::Text(s) => PyString::new(py, s).into_any(),
        Value::List(items) => PyList::new(py, items)?.into_any(),
    })
}
