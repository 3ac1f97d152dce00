//! Conversions between Python values and core types. No rules live here: options go through the
//! core's serde form (a dict becomes JSON, then the core type), so every host shares one check.

use std::path::PathBuf;

use cadastro::Mapping;
use cadastro::{Cell, ImportOptions, Limits, Locale, Profile, ReadOptions, Source, TextEncoding, Value};
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

/// `profile=None` is the generic profile.
pub fn profile_or_generic(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Profile> {
    match obj.filter(|p| !p.is_none()) {
        Some(p) => profile(py, p),
        None => Ok(Profile::generic()),
    }
}

/// The reading keyword arguments every reading function takes: `sheet` (workbooks),
/// `encoding`, `delimiter` and `header_row` (delimited text; `header_row` for workbooks too).
/// `None` means detected.
#[derive(Default)]
pub struct ReadKw {
    /// `sheet=`.
    pub sheet: Option<String>,
    /// `encoding=`: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1252`, `windows-1250`,
    /// `windows-1251`, `iso-8859-2`, `iso-8859-15`, `shift_jis`, `gb18030`, `big5`, `euc-kr`, `x-mac-roman`.
    pub encoding: Option<String>,
    /// `delimiter=`: one character.
    pub delimiter: Option<String>,
    /// `header_row=`: the 1-based header row.
    pub header_row: Option<u32>,
}

/// The importer's options from the keyword arguments `validate` and `Store.import_file` share.
#[allow(clippy::too_many_arguments)]
pub fn import_options(
    py: Python<'_>,
    profile: Option<&Bound<'_, PyAny>>,
    mapping_obj: Option<&Bound<'_, PyAny>>,
    read: ReadKw,
    country: Option<String>,
    locale_tag: Option<&str>,
    limits: Option<&Bound<'_, PyAny>>,
    include_values: bool,
) -> PyResult<ImportOptions> {
    Ok(ImportOptions {
        profile: profile_or_generic(py, profile)?,
        mapping: mapping(py, mapping_obj)?,
        read: read_options(py, read, limits)?,
        country,
        locale: locale_tag.map(locale).transpose()?,
        include_values,
    })
}

/// `mapping`: a dict of header text or column letter -> field name (or `None` to ignore);
/// `"field": ["column", "column"]` merges two columns into one field; `"learned": {header:
/// field}` ranks a host's accepted mappings first; `"review_threshold": 0.9` sets
/// `needs_review`.
pub fn mapping(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Mapping>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    if !obj.hasattr("keys")? {
        return Err(PyTypeError::new_err(format!("mapping must be a dict, not {}", type_name(obj))));
    }
    let text = to_json_text(obj)?;
    run_released(py, || Mapping::from_json(&text)).map(Some)
}

/// `limits`: a dict of limit name -> value; missing names keep their defaults, unknown names
/// are `invalid_options`.
pub fn limits(py: Python<'_>, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Limits> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Limits::default()) };
    if !obj.hasattr("keys")? {
        return Err(PyTypeError::new_err(format!("limits must be a dict, not {}", type_name(obj))));
    }
    let text = to_json_text(obj)?;
    run_released(py, || serde_json::from_str::<Limits>(&text).map_err(|e| invalid_options(format!("limits: {e}"))))
}

/// `locale`: `en`, `pt-BR`, `fr`, `pl`, `es` (as `Locale::parse` reads them: `pt_BR`, `pl-PL`...).
pub fn locale(tag: &str) -> Result<Locale, Failure> {
    Locale::parse(tag).ok_or_else(|| invalid_options(format!("unknown locale `{tag}` ({})", Locale::choices())))
}

/// Read options from the keyword arguments; an unknown encoding or a delimiter that is not
/// one character is `invalid_options`.
pub fn read_options(py: Python<'_>, kw: ReadKw, limits_obj: Option<&Bound<'_, PyAny>>) -> PyResult<ReadOptions> {
    let encoding = match kw.encoding {
        Some(name) => Some(TextEncoding::parse(&name).ok_or_else(|| {
            invalid_options(format!(
                "unknown encoding `{name}` (utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252, windows-1250, \
                     windows-1251, iso-8859-2, iso-8859-15, shift_jis, gb18030, big5, euc-kr, x-mac-roman)"
            ))
        })?),
        None => None,
    };
    let delimiter = match kw.delimiter {
        Some(text) => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => return Err(invalid_options(format!("delimiter must be one character, not {text:?}")).into()),
            }
        }
        None => None,
    };
    Ok(ReadOptions { sheet: kw.sheet, encoding, delimiter, header_row: kw.header_row, limits: limits(py, limits_obj)? })
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
