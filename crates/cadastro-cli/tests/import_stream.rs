//! `cadastro import --stream`: the same summary and the same store as the whole-file import,
//! JSON lines, dry run, and `--errors` refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value as Json;

const ASAAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/clientes-asaas.csv");

mod common;
use common::cadastro;

fn workdir(name: &str) -> PathBuf {
    common::workdir("stream", name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn streamed_import_prints_the_whole_file_summary_and_stores_the_same_customers() {
    let dir = workdir("same");
    let whole = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--db", "a.db"]);
    let streamed = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--db", "b.db", "--stream"]);
    assert_eq!(whole.status.code(), Some(1), "the example has errors");
    assert_eq!(streamed.status.code(), whole.status.code());
    assert_eq!(stdout(&streamed).replace("b.db", "X"), stdout(&whole).replace("a.db", "X"));
    assert!(stdout(&streamed).contains("created:   6"), "{}", stdout(&streamed));
    // Both stores export the same customers.
    for db in ["a.db", "b.db"] {
        let out = cadastro(&dir, &["export", &format!("{db}.csv"), "--db", db, "--profile", "asaas"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let a = std::fs::read(dir.join("a.db.csv")).unwrap();
    assert!(a.len() > 100);
    assert_eq!(a, std::fs::read(dir.join("b.db.csv")).unwrap());
    // Streaming the file again over the whole-file store: nothing to do.
    let again = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--db", "a.db", "--stream"]);
    let text = stdout(&again);
    assert!(text.contains("unchanged: 6") && text.ends_with("nothing to write\n"), "{text}");
}

#[test]
fn json_lines_give_every_issue_then_the_summary() {
    let dir = workdir("json");
    let whole = cadastro(&dir, &["validate", ASAAS, "--profile", "asaas", "--format", "json"]);
    let report: Json = serde_json::from_slice(&whole.stdout).unwrap();
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--stream", "--format", "json", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Json> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (last, issues) = lines.split_last().unwrap();
    let issues: Vec<&Json> = issues.iter().map(|l| &l["issue"]).collect();
    let expected: Vec<&Json> = report["issues"].as_array().unwrap().iter().collect();
    assert_eq!(issues, expected);
    let summary = &last["summary"];
    assert_eq!(summary["stats"], report["stats"]);
    assert_eq!(summary["plan"]["created"], 6);
    assert_eq!(summary["applied"], false);
    assert!(!dir.join("cadastro.db").exists(), "a dry run creates no store");
}

#[test]
fn the_error_file_is_refused_with_stream_and_no_store_is_left() {
    let dir = workdir("errors");
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--stream", "--errors", "e.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--errors is not available with --stream") && err.contains("invalid_options"), "{err}");
    assert!(!dir.join("cadastro.db").exists() && !dir.join("e.csv").exists());
    // A file with contacts streams too (its rows held to the end): the same customers as the
    // whole-file import.
    let contacts = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/inputs/csv/upflow_pipe_contacts.csv");
    let out = cadastro(&dir, &["import", contacts, "--profile", "upflow", "--stream", "--db", "s.db"]);
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let out = cadastro(&dir, &["import", contacts, "--profile", "upflow", "--db", "w.db"]);
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let customers = |db: &str| {
        let store = cadastro_store::Store::open_read_only(dir.join(db)).unwrap();
        let mut all = store.list_customers(cadastro_store::DEFAULT_ACCOUNT, None).unwrap();
        all.iter_mut().for_each(|c| c.rows.clear());
        all
    };
    let streamed = customers("s.db");
    assert!(!streamed.is_empty() && streamed.iter().any(|c| !c.contacts.is_empty()));
    assert_eq!(streamed, customers("w.db"));
}
