//! The parity list (`testdata/parity`): every case replayed through [`cadastro_host::call_json`]
//! and compared byte for byte with its `.expected` file. The CLI, Python, Node and UniFFI
//! (Python and Kotlin) replay the same files and compare with the same expectations.
//!
//! `UPDATE_PARITY=1 cargo test -p cadastro-host --test parity` rewrites the expectations (review
//! the diff: every host is then checked against it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap_or_default()
}

/// Replays one case file; returns the response lines (paths put back as `@ROOT@` / `@TMP@`).
fn replay(case: &Path, root: &Path) -> String {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (root_s, tmp_s) = (root.display().to_string(), tmp.path().display().to_string());
    let text = std::fs::read_to_string(case).expect("case").replace("@ROOT@", &root_s).replace("@TMP@", &tmp_s);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("case JSON");
    let mut out = String::new();
    for step in doc["steps"].as_array().expect("steps") {
        let op = step["op"].as_str().expect("op");
        let response = cadastro_host::call_json(op, &step["request"].to_string());
        out.push_str(&response.replace(&tmp_s, "@TMP@").replace(&root_s, "@ROOT@"));
        out.push('\n');
    }
    out
}

#[test]
fn every_case_gives_its_expected_responses() {
    let root = root();
    let dir = root.join("testdata/parity/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cases dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "the parity list is in testdata/parity/cases");
    let update = std::env::var_os("UPDATE_PARITY").is_some();
    let mut failed = Vec::new();
    for case in &cases {
        let got = replay(case, &root);
        let expected_path = case.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failed.push(format!("{}:\n  got      {got}\n  expected {expected}", case.display()));
        }
    }
    assert!(failed.is_empty(), "parity cases differ:\n{}", failed.join("\n"));
}
