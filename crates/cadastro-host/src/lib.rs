//! # cadastro-host
//!
//! The one boundary every host of cadastro calls: the CLI, the Python, Node and UniFFI bindings.
//! Each operation is a serde request (the contract's JSON; defaults and checks here, once), a
//! flow (here, once) and a response (the contract's JSON). A binding only converts its host's
//! values into a request, calls the flow, and converts the response and the error back.
//!
//! Two ways in, the same result:
//! - the typed API: [`flow`] with the request types of [`request`];
//! - [`call`]`(op, request_json)`: the same operations by name, JSON in and JSON out, so every
//!   host has a byte-identical path (`testdata/parity` replays it in every host).
//!
//! | op | request | response |
//! |---|---|---|
//! | `inspect` | `file` + [`request::InspectRequest`] | the inspection JSON |
//! | `validate` | `file`, `existing`? + [`request::ValidateRequest`] | the report JSON |
//! | `validate_stream` | `file` + [`request::ValidateRequest`] | `{"chunks": [{"customers", "issues"}], "summary"}` |
//! | `plan` | `file`, `existing` + [`request::PlanRequest`] | `{"report", "plan"}` |
//! | `import` | `store`, `file` + [`request::ImportRequest`] | `{"report", "plan", "applied"}` |
//! | `apply` | `store` + [`request::ApplyRequest`] | the plan's counts |
//! | `accounts` | `store` | `{"accounts": [...]}` |
//! | `copy` | `store` + [`request::CopyRequest`] | the plan |
//! | `export` | `store` + [`request::ExportRequest`] | `{"customers", "lines"}` |
//! | `template` | [`request::TemplateRequest`] | `{"headers"}`: the header row written |
//! | `normalize` | [`request::NormalizeRequest`] | `{"value", "error", "warnings"}` |
//! | `kinds` | `{}` | `{"kinds": [...]}`: every error kind ([`kinds`]) |
//!
//! `file` is a path; `store` a store location ([`flow::open_store`]); `existing` the host's
//! base as a list of `{"id", "revision", "customer"}` ([`request::ExistingAnswer`]: integer ids
//! are text, a `null` revision is 0, unknown keys are refused). A failure is
//! `{"error": {"kind", "message"}}` with a kind of [`kinds`].

mod error;
pub mod flow;
pub mod request;

use std::ops::ControlFlow;

use cadastro::{MemoryBase, Source};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

pub use error::{HOST_KINDS, HostError, kinds};
pub use flow::open_store;

/// Every operation [`call`] knows, in documentation order.
pub const OPERATIONS: &[&str] = &[
    "inspect",
    "validate",
    "validate_stream",
    "plan",
    "import",
    "apply",
    "accounts",
    "copy",
    "export",
    "template",
    "normalize",
    "kinds",
];

/// Runs operation `op` on a JSON request; returns the response JSON (one line).
///
/// # Errors
/// `invalid_options` for an unknown operation or a request that does not parse; the
/// operation's own failures.
pub fn call(op: &str, request_json: &str) -> Result<String, HostError> {
    let mut doc: Map<String, Value> = if request_json.trim().is_empty() {
        Map::new()
    } else {
        serde_json::from_str(request_json).map_err(|e| HostError::request(op, e))?
    };
    let file = take_text(&mut doc, "file", op)?;
    let store = take_text(&mut doc, "store", op)?;
    let existing = match doc.remove("existing") {
        Some(v) => Some(MemoryBase::new(
            request::lookup_answer(&v.to_string()).map_err(|e| HostError::request(op, e.message))?,
        )),
        None => None,
    };
    let source = || file.clone().map(Source::from_path).ok_or_else(|| HostError::request(op, "`file` is required"));
    let open =
        || store.as_deref().map(open_store).unwrap_or_else(|| Err(HostError::request(op, "`store` is required")));
    let doc = Value::Object(doc);
    let quiet = &mut |_: u64, _: u64| {};
    match op {
        "inspect" => Ok(flow::inspect(&source()?, &parse(op, doc)?)?.to_json()),
        "validate" => {
            let lookup = existing.as_ref().map(|b| b as &dyn cadastro::CustomerLookup);
            Ok(flow::validate(&source()?, &parse(op, doc)?, lookup, quiet)?.report.to_json())
        }
        "validate_stream" => validate_stream(&source()?, &parse(op, doc)?),
        "plan" => {
            let base = existing.unwrap_or_default();
            to_json(&flow::plan(&source()?, &parse(op, doc)?, &base, quiet)?)
        }
        "import" => to_json(&flow::import(&mut *open()?, &source()?, &parse(op, doc)?, quiet)?),
        "apply" => to_json(&flow::apply(&mut *open()?, &parse(op, doc)?)?),
        "accounts" => {
            let _: Empty = parse(op, doc)?;
            to_json(&json!({"accounts": flow::accounts(&mut *open()?)?}))
        }
        "copy" => to_json(&flow::copy(&mut *open()?, &parse(op, doc)?)?),
        "export" => to_json(&flow::export(&mut *open()?, &parse(op, doc)?)?),
        "template" => {
            let req: request::TemplateRequest = parse(op, doc)?;
            flow::template(&req)?;
            to_json(&json!({"headers": cadastro::export::export_headers(&req.profile.resolve()?)}))
        }
        "normalize" => to_json(&flow::normalize(&parse(op, doc)?)),
        "kinds" => {
            let _: Empty = parse(op, doc)?;
            to_json(&json!({"kinds": kinds()}))
        }
        other => Err(HostError::InvalidRequest(format!(
            "unknown operation `{other}` (expected one of {})",
            OPERATIONS.join(", ")
        ))),
    }
}

/// [`call`] whose failure is also JSON (`{"error": {"kind", "message"}}`), for hosts that pass
/// text only.
pub fn call_json(op: &str, request_json: &str) -> String {
    call(op, request_json).unwrap_or_else(|e| e.to_json())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

fn take_text(doc: &mut Map<String, Value>, key: &str, op: &str) -> Result<Option<String>, HostError> {
    match doc.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(HostError::request(op, format!("`{key}` must be a string, not {other}"))),
    }
}

fn parse<T: DeserializeOwned>(op: &str, doc: Value) -> Result<T, HostError> {
    serde_json::from_value(doc).map_err(|e| HostError::request(op, e))
}

fn to_json<T: Serialize>(value: &T) -> Result<String, HostError> {
    serde_json::to_string(value).map_err(|e| HostError::Internal(e.to_string()))
}

/// One chunk of `validate_stream` as JSON.
#[derive(Serialize)]
struct ChunkJson {
    customers: Vec<cadastro::Customer>,
    issues: Vec<cadastro::Issue>,
}

/// The end of `validate_stream` as JSON.
#[derive(Serialize)]
struct SummaryJson<'a> {
    source: &'a cadastro::SourceInfo,
    mapping: &'a [cadastro::ColumnMapping],
    locale: cadastro::Locale,
    stats: &'a cadastro::Stats,
    stopped: bool,
}

/// A stream summary as its JSON (`{"source", "mapping", "locale", "stats", "stopped"}`).
///
/// # Errors
/// `internal` if serialization fails.
pub fn summary_json(s: &cadastro::StreamSummary) -> Result<String, HostError> {
    to_json(&SummaryJson {
        source: &s.source,
        mapping: &s.mapping,
        locale: s.locale,
        stats: &s.stats,
        stopped: s.stopped,
    })
}

fn validate_stream(source: &Source, req: &request::ValidateRequest) -> Result<String, HostError> {
    let mut chunks = Vec::new();
    let summary = flow::validate_stream(source, req, &mut |c| {
        chunks.push(ChunkJson { customers: c.customers, issues: c.issues });
        ControlFlow::Continue(())
    })?;
    let summary: Value =
        serde_json::from_str(&summary_json(&summary)?).map_err(|e| HostError::Internal(e.to_string()))?;
    to_json(&json!({"chunks": chunks, "summary": summary}))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::flow::Throttle;

    #[test]
    fn kinds_hold_every_core_and_store_code_once() {
        let all = kinds();
        for code in cadastro::ErrorKind::ALL_CODES.iter().chain(cadastro_store::StoreError::ALL).chain(HOST_KINDS) {
            assert_eq!(all.iter().filter(|c| *c == code).count(), 1, "{code}");
        }
        assert_eq!(HostError::StoreClosed.code(), "store_closed");
        assert!(all.contains(&HostError::StoreClosed.code()));
    }

    #[test]
    fn requests_take_camel_case_aliases_and_refuse_unknown_keys() {
        let req: request::ValidateRequest =
            serde_json::from_str(r#"{"headerRow": 2, "includeValues": false, "locale": "pt_br"}"#).expect("parses");
        assert_eq!((req.header_row, req.include_values, req.locale), (Some(2), false, Some(cadastro::Locale::PtBr)));
        assert!(serde_json::from_str::<request::ValidateRequest>(r#"{"encodng": "utf-8"}"#).is_err());
        let export: request::ExportRequest = serde_json::from_str(r#"{"out": "x.csv"}"#).expect("parses");
        assert_eq!((export.account.as_str(), export.constant_memory, export.csv.bom), ("default", true, true));
    }

    #[test]
    fn a_lookup_answer_is_read_by_one_rule() {
        let found = request::lookup_answer(r#"[{"id": 12, "revision": null, "customer": {"name": "Ana"}}]"#)
            .expect("integer id and null revision are accepted");
        assert_eq!((found[0].id.as_str(), found[0].revision), ("12", 0));
        let err = request::lookup_answer(r#"[{"id": "1", "customer": {}, "rev": 2}]"#).expect_err("unknown key");
        assert!(err.message.contains("rev"), "{}", err.message);
    }

    #[test]
    fn progress_is_throttled_deduplicated_and_always_final() {
        let mut calls = Vec::new();
        {
            let mut sink = |d: u64, t: u64| calls.push((d, t));
            let mut throttle = Throttle::with_interval(&mut sink, Duration::from_secs(3600));
            for done in [0, 10, 20, 20, 30] {
                throttle.report(done, 30);
            }
            throttle.report(30, 30);
        }
        // First call, then nothing inside the interval, then the final pair once.
        assert_eq!(calls, vec![(0, 30), (30, 30)]);
        let mut every = Vec::new();
        {
            let mut sink = |d: u64, t: u64| every.push((d, t));
            let mut throttle = Throttle::with_interval(&mut sink, Duration::ZERO);
            for done in [1, 1, 2] {
                throttle.report(done, 2);
            }
        }
        assert_eq!(every, vec![(1, 2), (2, 2)]);
    }

    #[test]
    fn call_refuses_a_request_that_is_not_an_object_and_a_missing_file() {
        assert_eq!(call("validate", "[1]").expect_err("not an object").code(), "invalid_options");
        let err = call("validate", "{}").expect_err("no file");
        assert!(err.to_string().contains("`file` is required"), "{err}");
        assert!(call_json("accounts", "{}").contains("`store` is required"));
    }
}
