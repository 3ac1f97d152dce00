//! JavaScript values in, core values out: sources, the options object, single cells.
//! Conversion only: every check and default lives in the core (`ImportOptions`' serde form,
//! `Profile`, `Mapping`, `Limits`, `Locale::parse`, `Field::from_name`).

use cadastro::write::ExportOptions;
use cadastro::{Cell, Customer, Field, ImportOptions, Locale, Source};
use napi::bindgen_prelude::{ClassInstance, FromNapiValue, JavaScriptClassExt, Object, Uint8Array};
use napi::{Env, Unknown, ValueType};
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

/// The option names that belong to `ImportOptions.read` (after camelCase -> snake_case).
const READ_KEYS: [&str; 5] = ["sheet", "delimiter", "encoding", "header_row", "limits"];

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
    let Some(obj) = object(options)? else {
        return Ok((ImportOptions::default(), Vec::new()));
    };
    let mut profile = None;
    let mut top = Map::new();
    let mut read = Map::new();
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
        if key == "profile" && Profile::instance_of(env, &value)? {
            profile = Some(ClassInstance::<Profile>::from_unknown(value)?.inner.clone());
            continue;
        }
        let value: Json = env.from_js_value(value).map_err(|e| Failure::invalid(format!("option {name}: {e}")))?;
        let value = match key.as_str() {
            _ if value.is_null() => continue,
            "profile" => {
                profile = Some(profile_doc(value)?);
                continue;
            }
            "limits" => snake_keys(value)?,
            "locale" => locale(&value)?,
            _ => value,
        };
        if READ_KEYS.contains(&key.as_str()) {
            read.insert(key, value);
        } else {
            top.insert(key, value);
        }
    }
    if !read.is_empty() {
        top.insert("read".to_owned(), Json::Object(read));
    }
    let mut opts: ImportOptions =
        serde_json::from_value(Json::Object(top)).map_err(|e| Failure::invalid(e.to_string()))?;
    if let Some(profile) = profile {
        opts.profile = profile;
    }
    Ok((opts, rest))
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

/// A `profile` option: a built-in name, a `Profile` or a profile document.
pub fn profile_arg(env: &Env, value: Unknown<'_>) -> Result<cadastro::Profile, Failure> {
    if Profile::instance_of(env, &value)? {
        return Ok(ClassInstance::<Profile>::from_unknown(value)?.inner.clone());
    }
    let value: Json = env.from_js_value(value).map_err(|e| Failure::invalid(format!("option profile: {e}")))?;
    profile_doc(value)
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
            let value: Json = env.from_js_value(value).map_err(|e| Failure::invalid(format!("option {name}: {e}")))?;
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
pub fn customers(env: &Env, value: Unknown<'_>) -> Result<Vec<Customer>, Failure> {
    let json: Json = env.from_js_value(value).map_err(|e| Failure::invalid(format!("customers: {e}")))?;
    serde_json::from_value(json)
        .map_err(|e| Failure::invalid(format!("customers must be an array of customer objects: {e}")))
}

/// `profile`: a built-in name or a profile document (checked by the core: `invalid_profile`).
fn profile_doc(value: Json) -> Result<cadastro::Profile, Failure> {
    match value {
        Json::String(name) => Ok(cadastro::Profile::builtin(&name)?),
        doc @ Json::Object(_) => Ok(cadastro::Profile::from_json(&doc.to_string())?),
        _ => Err(Failure::invalid("profile must be a built-in name, a Profile or a profile document")),
    }
}

/// A locale tag through the core's lenient parser (`pt`, `pt_BR`, `fr-FR`...).
fn locale(value: &Json) -> Result<Json, Failure> {
    value
        .as_str()
        .and_then(Locale::parse)
        .map(|l| Json::String(l.as_str().to_owned()))
        .ok_or_else(|| Failure::invalid(format!("unknown locale {value} (expected one of {})", Locale::choices())))
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
