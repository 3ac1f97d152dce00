//! `cadastro import` end to end: the example Asaas file into the embedded store, re-imported,
//! edited, dry-run and atomic. The tests marked `needs readers` run once the CSV reader lands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value as Json;

const ASAAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/clientes-asaas.csv");

mod common;
use common::cadastro;

fn workdir(name: &str) -> PathBuf {
    common::workdir("import", name)
}

fn json(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn plan(v: &Json) -> (u64, u64, u64) {
    let p = &v["plan"];
    (p["created"].as_u64().unwrap(), p["updated"].as_u64().unwrap(), p["unchanged"].as_u64().unwrap())
}

/// rows in = created + updated + unchanged + rejected (a customers-only file: one row each).
fn assert_rows_accounted(v: &Json) {
    let (c, u, n) = plan(v);
    let s = &v["stats"];
    assert_eq!(c + u + n + s["rows_rejected"].as_u64().unwrap(), s["rows_total"].as_u64().unwrap(), "{s}");
}

#[test]
fn a_file_level_failure_exits_2_and_creates_no_store() {
    let dir = workdir("empty");
    std::fs::write(dir.join("empty.csv"), b"").unwrap();
    let out = cadastro(&dir, &["import", "empty.csv", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["kind"], "empty_file");
    assert!(!dir.join("cadastro.db").exists(), "the file is read before the store is opened");
}

#[test]
fn a_store_that_is_not_a_database_exits_2_and_is_left_alone() {
    let dir = workdir("notdb");
    std::fs::write(dir.join("cadastro.db"), vec![b'x'; 4096]).unwrap();
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["kind"], "store_error");
    assert_eq!(std::fs::read(dir.join("cadastro.db")).unwrap(), vec![b'x'; 4096]);
}

#[test]
fn import_the_asaas_example_then_reimport_is_all_unchanged() {
    let dir = workdir("asaas");
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "the example has rows with errors");
    let v = json(&out);
    let (created, updated, unchanged) = plan(&v);
    assert_eq!((updated, unchanged), (0, 0));
    assert_eq!(created, v["stats"]["customers_valid"].as_u64().unwrap());
    assert!(created >= 5, "{v}");
    assert_rows_accounted(&v);
    assert!(dir.join("cadastro.db").exists());

    let again = json(&cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--format", "json"]));
    assert_eq!(plan(&again), (0, 0, created));
    assert_rows_accounted(&again);

    // Text output names the counts.
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("unchanged: {created}")), "{text}");
    assert!(text.contains("created:   0"), "{text}");
}

#[test]
fn an_edited_file_shows_exactly_what_changed() {
    let dir = workdir("edited");
    let original = std::fs::read_to_string(ASAAS).unwrap();
    cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--account", "loja"]);
    // Move CLI-003 to another city and empty its e-mail cell (a blank keeps the stored value).
    let edited = original.replace(";joao.pereira@example.com;", ";;").replace(";Belo Horizonte;", ";Contagem;");
    assert_ne!(edited, original);
    std::fs::write(dir.join("edited.csv"), edited).unwrap();
    let out = cadastro(
        &dir,
        &["import", "edited.csv", "--profile", "asaas", "--account", "loja", "--format", "json", "--verbose"],
    );
    let v = json(&out);
    let (created, updated, _) = plan(&v);
    assert_eq!((created, updated), (0, 1), "{}", v["plan"]);
    let entries = v["plan"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "update");
    assert_eq!(entries[0]["key"], serde_json::json!({"by": "external_id", "value": "CLI-003"}));
    assert_eq!(
        entries[0]["diff"]["fields"],
        serde_json::json!([{"field": "city", "old": "Belo Horizonte", "new": "Contagem"}])
    );
    assert_eq!(entries[0]["customer"]["email"], "joao.pereira@example.com");
    // Another account is untouched: everything is a create there.
    let other = json(&cadastro(&dir, &["import", "edited.csv", "--profile", "asaas", "--dry-run", "--format", "json"]));
    assert_eq!(plan(&other).1, 0);
}

#[test]
fn dry_run_and_atomic_write_nothing() {
    let dir = workdir("dry");
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--dry-run", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(plan(&json(&out)).0 >= 5);
    assert!(!dir.join("cadastro.db").exists(), "a dry run creates no store");

    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--atomic", "--db", "a.db"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing was written"));
    let dry = json(&cadastro(
        &dir,
        &["import", ASAAS, "--profile", "asaas", "--db", "a.db", "--dry-run", "--format", "json"],
    ));
    assert_eq!(plan(&dry).1 + plan(&dry).2, 0, "atomic wrote nothing: every customer is still a create");

    // Without --atomic the valid rows are written; then a dry run against the same store is
    // all unchanged and leaves the file byte for byte.
    cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--db", "a.db"]);
    let before = std::fs::read(dir.join("a.db")).unwrap();
    let dry = json(&cadastro(
        &dir,
        &["import", ASAAS, "--profile", "asaas", "--db", "a.db", "--dry-run", "--format", "json"],
    ));
    assert_eq!(plan(&dry).0, 0);
    assert_eq!(std::fs::read(dir.join("a.db")).unwrap(), before);
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["a.db"], "no journal or WAL files left behind");
}
