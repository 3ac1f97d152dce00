//! Replays every table-driven case of testdata/cases/*.json through the engine's per-cell check
//! (`validate::check_value`), exactly as a row's cell goes through it. The Python and Node suites
//! replay the same files through their bindings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use cadastro::checks::check_value;
use cadastro::{Cell, Field};
use serde_json::Value as Json;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases")
}

/// A JSON input as the cell a reader would produce: string = text, number = numeric cell,
/// boolean = boolean cell, null = empty.
fn cell_of(input: &Json) -> Cell {
    match input {
        Json::String(s) => Cell::Text(s.clone()),
        Json::Number(n) => Cell::Float(n.as_f64().unwrap()),
        Json::Bool(b) => Cell::Bool(*b),
        Json::Null => Cell::Empty,
        other => panic!("unsupported case input {other}"),
    }
}

#[test]
fn every_case_file_replays() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "mapping"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            count += 1;
            let field = Field::from_name(case["field"].as_str().unwrap()).unwrap();
            let country = case.get("country").and_then(Json::as_str);
            let got = check_value(field, &cell_of(&case["input"]), country);
            let got_value = got.value.as_ref().map(|v| serde_json::to_value(v).unwrap());
            let got_error = got.error.map(|c| c.as_str().to_owned());
            let got_warnings: Vec<String> = got.warnings.iter().map(|w| w.as_str().to_owned()).collect();
            let want_warnings: Vec<String> = case
                .get("warnings")
                .and_then(Json::as_array)
                .map(|a| a.iter().map(|w| w.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            let ok = match (case.get("value"), case.get("error")) {
                // `"value": null`: the cell is blank, so the field is absent (no value, no error).
                (Some(Json::Null), None) => got_value.is_none() && got_error.is_none(),
                (Some(v), None) => got_value.as_ref() == Some(v) && got_error.is_none(),
                (None, Some(e)) => got_error.as_deref() == e.as_str() && got_value.is_none(),
                _ => panic!("{}: a case needs exactly one of value or error: {case}", file.display()),
            } && got_warnings == want_warnings;
            if !ok {
                failures.push(format!(
                    "{}: {case}\n    got value={got_value:?} error={got_error:?} warnings={got_warnings:?}",
                    file.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(count > 0, "no cases found in {}", cases_dir().display());
    assert!(failures.is_empty(), "{} of {count} cases failed:\n{}", failures.len(), failures.join("\n"));
}
