#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Replays testdata/cases/{tax_id,vat_number,bank_account}.json through the leaves the way the
//! engine calls them: a JSON number is a numeric cell written without fraction, the text goes
//! through `text::clean` first.

use std::path::PathBuf;

use cadastro::checks::iban::normalize_bank_account;
use cadastro::checks::tax_id::{normalize_tax_id, normalize_vat};
use cadastro::checks::text::clean;
use serde_json::Value;

fn cases(name: &str) -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases").join(name);
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

/// (cleaned text, numeric cell) as the engine builds them.
fn cell_text(input: &Value) -> (String, bool) {
    match input {
        Value::String(s) => (clean(s).into_owned(), false),
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            assert_eq!(f.fract(), 0.0, "only integral numbers in these cases");
            (format!("{}", f as i64), true)
        }
        other => panic!("unexpected input {other}"),
    }
}

fn replay(name: &str, field: &str, leaf: impl Fn(&str, Option<&str>, bool) -> Result<(String, bool), String>) {
    let cases = cases(name);
    assert!((30..=80).contains(&cases.len()), "{name}: {} cases", cases.len());
    for case in &cases {
        assert_eq!(case["field"], field);
        let (text, numeric) = cell_text(&case["input"]);
        let country = case.get("country").and_then(Value::as_str);
        let got = leaf(&text, country, numeric);
        let warnings: Vec<&str> = case
            .get("warnings")
            .and_then(Value::as_array)
            .map(|w| w.iter().map(|v| v.as_str().unwrap()).collect())
            .unwrap_or_default();
        match (case.get("value"), case.get("error")) {
            (Some(value), None) => {
                let (got_value, restored) = got.unwrap_or_else(|e| panic!("{case}: got error {e}"));
                assert_eq!(got_value, value.as_str().unwrap(), "{case}");
                assert_eq!(restored, warnings.contains(&"leading_zeros_restored"), "{case}: warnings");
            }
            (None, Some(error)) => assert_eq!(got.err().as_deref(), error.as_str(), "{case}"),
            _ => panic!("{case}: exactly one of value and error"),
        }
    }
}

#[test]
fn tax_id_cases() {
    replay("tax_id.json", "tax_id", |text, country, numeric| {
        normalize_tax_id(text, country, numeric).map(|f| (f.value, f.zeros_restored)).map_err(|c| c.as_str().to_owned())
    });
}

#[test]
fn vat_number_cases() {
    replay("vat_number.json", "vat_number", |text, country, numeric| {
        normalize_vat(text, country, numeric).map(|f| (f.value, f.zeros_restored)).map_err(|c| c.as_str().to_owned())
    });
}

#[test]
fn bank_account_cases() {
    replay("bank_account.json", "bank_account", |text, _, _| {
        normalize_bank_account(text).map(|v| (v, false)).map_err(|c| c.as_str().to_owned())
    });
}
