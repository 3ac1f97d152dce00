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
    replay_with_store(case, root, None)
}

/// [`replay`] with every `@TMP@/store.db` store location replaced by `store` (a PostgreSQL URL).
fn replay_with_store(case: &Path, root: &Path, store: Option<&str>) -> String {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (root_s, tmp_s) = (root.display().to_string(), tmp.path().display().to_string());
    let mut text = std::fs::read_to_string(case).expect("case");
    if let Some(url) = store {
        text = text.replace("\"store\":\"@TMP@/store.db\"", &format!("\"store\":\"{url}\""));
    }
    let text = text.replace("@ROOT@", &root_s).replace("@TMP@", &tmp_s);
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

/// The store cases of the list replayed against a PostgreSQL store give the same bytes as on
/// SQLite (issue 21: one store interface behind every host). Needs `CADASTRO_TEST_PG_URL`
/// (scripts/pg-test-cluster.sh); skipped with a message without it, unless
/// `CADASTRO_TEST_PG_REQUIRED=1`.
#[test]
fn store_cases_give_the_same_responses_on_postgresql() {
    let Ok(url) = std::env::var("CADASTRO_TEST_PG_URL") else {
        assert!(
            std::env::var("CADASTRO_TEST_PG_REQUIRED").map_or(true, |v| v != "1"),
            "CADASTRO_TEST_PG_REQUIRED=1 but CADASTRO_TEST_PG_URL is not set"
        );
        eprintln!(
            "skipped: parity store cases on PostgreSQL (set CADASTRO_TEST_PG_URL, see scripts/pg-test-cluster.sh)"
        );
        return;
    };
    let root = root();
    let mut replayed = 0;
    for name in ["fork5-export-options", "fork9-import-flow"] {
        let case = root.join("testdata/parity/cases").join(format!("{name}.json"));
        let db = format!("cadastro_parity_{}_{}", name.replace('-', "_"), std::process::id());
        let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin connection");
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).expect("drop");
        admin.batch_execute(&format!("CREATE DATABASE {db}")).expect("create");
        let location = with_database(&url, &db);
        let got = replay_with_store(&case, &root, Some(&location));
        let expected = std::fs::read_to_string(case.with_extension("expected")).expect("expected");
        assert_eq!(got, expected, "{name} on PostgreSQL differs from the SQLite expectation");
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).expect("drop");
        replayed += 1;
    }
    assert_eq!(replayed, 2);
}

/// The URL of database `db` on the server of `url`.
fn with_database(url: &str, db: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let base = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    format!("{base}/{db}{query}")
}
