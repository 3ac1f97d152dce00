//! The parity list (`testdata/parity`) replayed through `cadastro call OP` (request on stdin):
//! byte for byte the responses the host crate gives (`crates/cadastro-host/tests/parity.rs`),
//! and exit 2 with the error JSON on stdout for a failure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn call(op: &str, request: &str) -> (String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .args(["call", op])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn cadastro");
    child.stdin.take().expect("stdin").write_all(request.as_bytes()).expect("write request");
    let out = child.wait_with_output().expect("cadastro ran");
    (String::from_utf8(out.stdout).expect("utf-8"), out.status.code().unwrap_or(-1))
}

#[test]
fn cadastro_call_replays_the_parity_list() {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("root");
    let dir = root.join("testdata/parity/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        let tmp = tempfile::tempdir().expect("tmp");
        let (root_s, tmp_s) = (root.display().to_string(), tmp.path().display().to_string());
        let text = std::fs::read_to_string(&case).expect("case").replace("@ROOT@", &root_s).replace("@TMP@", &tmp_s);
        let doc: serde_json::Value = serde_json::from_str(&text).expect("case JSON");
        let mut got = String::new();
        for step in doc["steps"].as_array().expect("steps") {
            let (out, code) = call(step["op"].as_str().expect("op"), &step["request"].to_string());
            let is_error = out.starts_with("{\"error\":");
            assert_eq!(code, if is_error { 2 } else { 0 }, "{}: exit code for {out}", case.display());
            got.push_str(&out.replace(&tmp_s, "@TMP@").replace(&root_s, "@ROOT@"));
        }
        let expected = std::fs::read_to_string(case.with_extension("expected")).expect("expected");
        assert_eq!(got, expected, "{}", case.display());
    }
}
