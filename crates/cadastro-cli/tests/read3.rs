//! Issue 14 (read3) through the `cadastro` binary: real files from spreadsheet libraries' test
//! suites and the CSV Wrangling collection (testdata/realworld) that earlier rounds refused or
//! misread, seen by `inspect --format json`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn realworld(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/realworld").join(rel).to_str().unwrap().to_owned()
}

/// Exit code and JSON output of `cadastro inspect FILE --format json`.
fn inspect(rel: &str) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .args(["inspect", &realworld(rel), "--format", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{rel}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), json)
}

#[test]
fn a_file_mixing_utf8_and_windows_1252_lines_is_utf8_in_doubt() {
    let (code, json) = inspect("csv-mixed/parneringwithinterviews.csv");
    assert_eq!(code, Some(0));
    assert_eq!(json["source"]["encoding"], "utf-8", "{json}");
    assert!(json["source"]["encoding_confidence"].as_f64().unwrap() < 1.0, "{json}");
}

#[test]
fn ods_files_calamine_refused_are_read() {
    // No mimetype entry; an indented content.xml.
    let (code, json) = inspect("workbooks/phpspreadsheet/nomimetype.ods");
    assert_eq!((code, &json["source"]["format"]), (Some(0), &Value::from("ods")), "{json}");
    assert_eq!(json["columns"][0]["header"], "Hello", "{json}");
    let (code, json) = inspect("workbooks/phpspreadsheet/issue.804.ods");
    assert_eq!(code, Some(0), "{json}");
    assert_eq!(json["source"]["sheet"], "Report", "{json}");
}

#[test]
fn xls_code_pages_and_xlsb_sheets_calamine_refused() {
    let (code, json) = inspect("workbooks/sheetjs/write_57.xls");
    assert_eq!((code, &json["source"]["sheet"]), (Some(0), &Value::from("A")), "{json}");
    let (code, json) = inspect("workbooks/phpspreadsheet/maccentraleurope.biff5.xls");
    assert_eq!((code, &json["error"]["kind"]), (Some(2), &Value::from("corrupt_file")), "{json}");
    assert!(json["error"]["message"].as_str().unwrap().contains("code page 10029"), "{json}");
    let (code, json) = inspect("workbooks/poi/Simple.xlsb");
    assert_eq!((code, &json["error"]["kind"]), (Some(2), &Value::from("corrupt_file")), "{json}");
    assert!(json["error"]["message"].as_str().unwrap().contains("no sheet can be read"), "{json}");
}

#[test]
fn a_header_over_one_far_cell_is_found() {
    let (code, json) = inspect("workbooks/poi/53282.xlsx");
    assert_eq!((code, &json["source"]["header_row"]), (Some(0), &Value::from(1)), "{json}");
    assert_eq!(json["columns"][0]["header"], "Store#", "{json}");
}
