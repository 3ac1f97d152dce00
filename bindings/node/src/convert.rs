//! JavaScript values in, core values out: sources, the options object, single cells.
//! Conversion only: every check and default lives in the core (`ImportOptions`' serde form,
//! `Profile`, `Mapping`, `Limits`, `Locale::parse`, `Field::from_name`).

use cadastro::export::ExportOptions;
use cadastro::{Cell, Customer, Field, ImportOptions, Locale, Source};
use napi::bindgen_prelude::{
    Array, ClassInstance, FromNapiValue, Function, JavaScriptClassExt, JsObjectValue, Object, Uint8Array,
};
use napi::{Env, JsValue, Unknown, ValueType};
use serde_json::{Map, Value as Json};

use crate::error::Failure;
use crate::profile::Profile;

/// `source`: a path string, a Buffer or a Uint8Array (the bytes are copied, so the caller may
/// reuse its buffer while an async validation runs).
pub fn source(value: Unknown<'_>) -> Result<Source, Failure> {
    match value.get_type()? {
        ValueType::String => Ok(Source::from_path(String::from_unknown(value)?)),
        ValueType::Object => match Uint8Array::from_unknown(value) {
            Ok(bytes) => Ok(Source::from_bytes(bytes.to_vec())),
            Err(_) => Err(not_a_source()),
        },
        _ => Err(not_a_source()),
    }
}

fn not_a_source() -> Failure {
    Failure::invalid("source must be a path string, a Buffer or a Uint8Array")
}

/// The JS options object as the core's [`ImportOptions`].
///
/// Names are camelCase (`includeValues`, `headerRow`, `limits.maxRows`); the snake_case
/// spellings of the core's JSON are accepted too. `undefined`/`null` mean "default". `profile`
/// is a built-in name, a `Profile` instance or a profile document (the JSON of
/// `Profile.toJson()`, snake_case as in the core). `mapping` is `{ "header or column letter":
/// "field" | null, "field": ["column", "column"] (a merge), "learned": { "header": "field" },
/// "review_threshold": 0.9 }` (keys as in the core: they are header texts). Unknown names, wrong types and unknown values are `invalid_options`.
pub fn import_options(env: &Env, options: Option<Unknown<'_>>) -> Result<ImportOptions, Failure> {
    Ok(import_options_with(env, options, &[])?.0)
}

/// [`import_options`], setting aside the options named in `extras` (snake_case names: e.g.
/// `account`, `dry_run`, `on_progress`) that are not the core's: they come back as JS values,
/// `undefined`/`null` ones left out.
pub fn import_options_with<'a>(
    env: &Env,
    options: Option<Unknown<'a>>,
    extras: &[&str],
) -> Result<(ImportOptions, Vec<(String, Unknown<'a>)>), Failure> {
    let (req, rest) = request_with(env, options, extras)?;
    Ok((req.options()?, rest))
}

/// [`import_options_with`] giving the host's request itself (for the host crate's flows).
pub fn request_with<'a>(
    env: &Env,
    options: Option<Unknown<'a>>,
    extras: &[&str],
) -> Result<(cadastro_host::request::ValidateRequest, Vec<(String, Unknown<'a>)>), Failure> {
    let Some(obj) = object(options)? else {
        return Ok((cadastro_host::request::ValidateRequest::default(), Vec::new()));
    };
    // One flat document parsed by the host crate (`cadastro_host::request::ValidateRequest`):
    // every default and check is there.
    let mut top = Map::new();
    let mut rest = Vec::new();
    for name in Object::keys(&obj)? {
        let Some(value) = obj.get::<Unknown>(&name)? else { continue };
        let key = snake_case(&name);
        if extras.contains(&key.as_str()) {
            if !matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
                rest.push((key, value));
            }
            continue;
        }
        let value = if key == "profile" && Profile::instance_of(env, &value)? {
            let profile = &ClassInstance::<Profile>::from_unknown(value)?.inner;
            serde_json::to_value(profile).map_err(|e| Failure::internal(e.to_string()))?
        } else {
            arg_json(env, value, &format!("option {name}"))?
        };
        let value = match key.as_str() {
            _ if value.is_null() => continue,
            "limits" => snake_keys(value)?,
            _ => value,
        };
        top.insert(key, value);
    }
    let req: cadastro_host::request::ValidateRequest =
        serde_json::from_value(Json::Object(top)).map_err(|e| Failure::invalid(e.to_string()))?;
    Ok((req, rest))
}

/// An options argument: `undefined`/`null` (none) or an object.
fn object<'a>(options: Option<Unknown<'a>>) -> Result<Option<Object<'a>>, Failure> {
    match options {
        None => Ok(None),
        Some(o) => match o.get_type()? {
            ValueType::Undefined | ValueType::Null => Ok(None),
            ValueType::Object => Ok(Some(Object::from_unknown(o)?)),
            _ => Err(Failure::invalid("options must be an object")),
        },
    }
}

/// The set entries of an options argument, in key order: `undefined`/`null` options or values
/// are left out; anything but an object is `invalid_options`.
pub fn option_entries<'a>(options: Option<Unknown<'a>>) -> Result<Vec<(String, Unknown<'a>)>, Failure> {
    let Some(obj) = object(options)? else { return Ok(Vec::new()) };
    let mut entries = Vec::new();
    for name in Object::keys(&obj)? {
        let Some(value) = obj.get::<Unknown>(&name)? else { continue };
        if !matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
            entries.push((name, value));
        }
    }
    Ok(entries)
}

/// A `profile` option: a built-in name, a `Profile` or a profile document.
pub fn profile_arg(env: &Env, value: Unknown<'_>) -> Result<cadastro::Profile, Failure> {
    if Profile::instance_of(env, &value)? {
        return Ok(ClassInstance::<Profile>::from_unknown(value)?.inner.clone());
    }
    profile_doc(arg_json(env, value, "option profile")?)
}

/// The options of the writers (`exportCustomers`, `Store.export`, `template`): `profile`
/// (default generic), `group`, `delimiter`, `bom`, `lineEnding` (`crlf` | `lf`), `sheetName`,
/// `constantMemory`, plus the names in `extras` (e.g. `account`), handed back as strings.
pub fn export_options(
    env: &Env,
    options: Option<Unknown<'_>>,
    allowed: &[&str],
) -> Result<(cadastro::Profile, ExportOptions, Map<String, Json>), Failure> {
    let mut profile = cadastro::Profile::generic();
    let (mut top, mut csv, mut extras) = (Map::new(), Map::new(), Map::new());
    if let Some(obj) = object(options)? {
        for name in Object::keys(&obj)? {
            let Some(value) = obj.get::<Unknown>(&name)? else { continue };
            if matches!(value.get_type()?, ValueType::Undefined | ValueType::Null) {
                continue;
            }
            let key = snake_case(&name);
            if !allowed.contains(&key.as_str()) {
                return Err(Failure::invalid(format!("unknown option `{name}`")));
            }
            if key == "profile" {
                profile = profile_arg(env, value)?;
                continue;
            }
            let value = arg_json(env, value, &format!("option {name}"))?;
            match key.as_str() {
                "delimiter" | "bom" | "line_ending" => csv.insert(key, value),
                "group" | "sheet_name" | "constant_memory" => top.insert(key, value),
                _ => extras.insert(key, value),
            };
        }
    }
    top.insert("csv".to_owned(), Json::Object(csv));
    let opts: ExportOptions = serde_json::from_value(Json::Object(top)).map_err(|e| Failure::invalid(e.to_string()))?;
    Ok((profile, opts, extras))
}

/// Customers as plain objects (`report.customers`, `store.customers()`, a plan entry's
/// `customer`): canonical snake_case field names, `custom`, `contacts`; `rows` optional.
///
/// Converted one element at a time (each through [`js_to_json`]), so that no array is too long
/// for one JSON text.
pub fn customers(env: &Env, value: Unknown<'_>) -> Result<Vec<Customer>, Failure> {
    let bad = |e: String| Failure::invalid(format!("customers must be an array of customer objects: {e}"));
    if value.get_type()? != ValueType::Object || !value.is_array()? {
        return Err(bad("not an array".to_owned()));
    }
    let list = Array::from_unknown(value)?;
    let mut out = Vec::with_capacity(list.len() as usize);
    for i in 0..list.len() {
        let item = list.get::<Unknown>(i)?.ok_or_else(|| bad(format!("[{i}] is missing")))?;
        let json = js_to_json(env, item).map_err(|e| bad(format!("[{i}]: {e}")))?;
        out.push(serde_json::from_value(json).map_err(|e| bad(format!("[{i}]: {e}")))?);
    }
    Ok(out)
}

/// `profile`: a built-in name or a profile document (checked by the core: `invalid_profile`).
fn profile_doc(value: Json) -> Result<cadastro::Profile, Failure> {
    match value {
        Json::String(name) => Ok(cadastro::Profile::builtin(&name)?),
        doc @ Json::Object(_) => Ok(cadastro::Profile::from_json(&doc.to_string())?),
        _ => Err(Failure::invalid("profile must be a built-in name, a Profile or a profile document")),
    }
}

/// An optional locale argument (`writeErrors(path, locale)`).
pub fn locale_arg(tag: Option<String>, default: Locale) -> Result<Locale, Failure> {
    match tag {
        None => Ok(default),
        Some(t) => Locale::parse(&t)
            .ok_or_else(|| Failure::invalid(format!("unknown locale \"{t}\" (expected one of {})", Locale::choices()))),
    }
}

/// `maxRows` -> `max_rows`; snake_case names pass unchanged.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The keys of an object (the limits) in snake_case; nulls dropped (= default).
fn snake_keys(value: Json) -> Result<Json, Failure> {
    match value {
        Json::Object(map) => {
            Ok(Json::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (snake_case(&k), v)).collect()))
        }
        _ => Err(Failure::invalid("limits must be an object of numbers")),
    }
}

/// A canonical field name.
pub fn field(name: &str) -> Result<Field, Failure> {
    Field::from_name(name).ok_or_else(|| Failure::invalid(format!("unknown field \"{name}\"")))
}

/// A JS value as the cell a reader would produce: string = text, number = numeric cell,
/// boolean = boolean cell, `null`/`undefined` = empty.
pub fn cell(value: Option<Unknown<'_>>) -> Result<Cell, Failure> {
    let Some(value) = value else {
        return Ok(Cell::Empty);
    };
    match value.get_type()? {
        ValueType::Undefined | ValueType::Null => Ok(Cell::Empty),
        ValueType::String => Ok(Cell::Text(String::from_unknown(value)?)),
        ValueType::Number => Ok(Cell::Float(f64::from_unknown(value)?)),
        ValueType::Boolean => Ok(Cell::Bool(bool::from_unknown(value)?)),
        _ => Err(Failure::invalid("a value must be a string, a number, a boolean or null")),
    }
}

/// Customers per page of JSON text in [`customers_to_js`].
const PAGE: usize = 8_192;

/// V8's `JSON.parse`, to turn JSON text into JS values in one native step.
pub fn json_parse(env: &Env) -> Result<Function<'_, String, Unknown<'_>>, Failure> {
    Ok(env.get_global()?.get_named_property::<Object>("JSON")?.get_named_property("parse")?)
}

/// Customers as a JS array of plain objects (`report.customers`, `store.customers()`): JSON
/// text parsed by V8 a page at a time, so that no single string nears V8's length limit and
/// no count of customers is too many (the objects were once built property by property, which
/// failed with a non-contract `InvalidArg` above ~58,000 customers).
pub fn customers_to_js<'env>(env: &'env Env, list: &[Customer]) -> Result<Array<'env>, Failure> {
    let parse = json_parse(env)?;
    let page_of = |page: &[Customer]| -> Result<Array<'env>, Failure> {
        let text = serde_json::to_string(page).map_err(|e| Failure::internal(format!("customers to JSON: {e}")))?;
        Ok(Array::from_unknown(parse.call(text)?)?)
    };
    let mut pages = list.chunks(PAGE);
    let mut out = page_of(pages.next().unwrap_or_default())?;
    for page in pages {
        let part = page_of(page)?;
        for i in 0..part.len() {
            if let Some(item) = part.get::<Unknown>(i)? {
                out.insert(item)?;
            }
        }
    }
    Ok(out)
}

/// How deep a value from JavaScript may nest (serde_json's own default, far above any options
/// object, customer or lookup answer).
const MAX_DEPTH: usize = 128;

/// A JS value as JSON, through V8's `JSON.stringify` and serde_json: a cyclic value (a
/// `TypeError` in `JSON.stringify`), one nested deeper than [`MAX_DEPTH`] (a `RangeError` in
/// V8 or serde_json's recursion limit, 100,000-deep `JSON.parse` results included) and a
/// `BigInt` are refused with a message instead of overflowing the native stack, which killed
/// the process; so is a function or a symbol. As in JSON, `undefined` and function properties
/// of objects are left out.
pub fn js_to_json(env: &Env, value: Unknown<'_>) -> Result<Json, String> {
    let stringify: Function<'_, Unknown<'_>, Unknown<'_>> = env
        .get_global()
        .and_then(|global| global.get_named_property::<Object>("JSON"))
        .and_then(|json| json.get_named_property("stringify"))
        .map_err(|e| e.reason)?;
    let text = stringify.call(value).map_err(|e| format!("not plain JSON data ({})", e.reason))?;
    if text.get_type().map_err(|e| e.reason)? != ValueType::String {
        return Err("not a JSON value (a function, a symbol or undefined)".to_owned());
    }
    let text = String::from_unknown(text).map_err(|e| e.reason)?;
    let json = serde_json::from_str::<Json>(&text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            format!("nested more than {MAX_DEPTH} levels deep")
        } else {
            e.to_string()
        }
    })?;
    Ok(json)
}

/// [`js_to_json`] for an argument: `invalid_options` naming `what`.
pub fn arg_json(env: &Env, value: Unknown<'_>, what: &str) -> Result<Json, Failure> {
    js_to_json(env, value).map_err(|e| Failure::invalid(format!("{what}: {e}")))
}

/// A string argument; anything else is `invalid_options` naming `what` (napi's own check would
/// throw its `StringExpected`, not a contract code).
pub fn string(value: Option<Unknown<'_>>, what: &str) -> Result<String, Failure> {
    match value {
        Some(v) if v.get_type()? == ValueType::String => Ok(String::from_unknown(v)?),
        _ => Err(Failure::invalid(format!("{what} must be a string"))),
    }
}

/// An optional string argument: `undefined` or `null` are `None`.
pub fn opt_string(value: Option<Unknown<'_>>, what: &str) -> Result<Option<String>, Failure> {
    match value {
        None => Ok(None),
        Some(v) if matches!(v.get_type()?, ValueType::Undefined | ValueType::Null) => Ok(None),
        some => string(some, what).map(Some),
    }
}

/// An instance of one of this module's classes (`Report`, `Plan`); anything else is
/// `invalid_options` naming `what`.
pub fn instance<'a, T: 'a + napi::bindgen_prelude::MaybeTypeTag>(
    value: Unknown<'a>,
    what: &str,
) -> Result<ClassInstance<'a, T>, Failure> {
    let bad = || {
        Failure::invalid(format!(
            "{what} must be a {}",
            std::any::type_name::<T>().rsplit("::").next().unwrap_or("class instance")
        ))
    };
    if value.get_type()? != ValueType::Object {
        return Err(bad());
    }
    ClassInstance::<T>::from_unknown(value).map_err(|_| bad())
}
