//! `--store LOCATION` (issue 21): `cadastro import`, `import --stream`, `export` and
//! `accounts list/copy` against a SQLite file (`sqlite:PATH`) and a PostgreSQL database
//! (`postgres://...`), the same commands with the same results; a location that is neither is
//! refused with `unsupported_store`.
//!
//! The PostgreSQL run needs `CADASTRO_TEST_PG_URL` (scripts/pg-test-cluster.sh starts a
//! throw-away server); without it that run prints that it is skipped, unless
//! `CADASTRO_TEST_PG_REQUIRED=1` (set by scripts/test.sh once its cluster is up).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;
use std::process::Output;

use serde_json::Value as Json;

const ASAAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/clientes-asaas.csv");

mod common;
use common::cadastro;

fn json(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}): {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

fn plan(v: &Json) -> (u64, u64, u64) {
    let p = &v["plan"];
    (p["created"].as_u64().unwrap(), p["updated"].as_u64().unwrap(), p["unchanged"].as_u64().unwrap())
}

/// A fresh database on the test server, or None (skipped).
fn pg_location(name: &str) -> Option<String> {
    let Ok(url) = std::env::var("CADASTRO_TEST_PG_URL") else {
        assert!(
            std::env::var("CADASTRO_TEST_PG_REQUIRED").as_deref() != Ok("1"),
            "CADASTRO_TEST_PG_REQUIRED=1 but CADASTRO_TEST_PG_URL is not set"
        );
        eprintln!("skipped: {name} on PostgreSQL (set CADASTRO_TEST_PG_URL, see scripts/pg-test-cluster.sh)");
        return None;
    };
    let db = format!("cadastro_cli_{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let (head, query) = url.split_once('?').map_or((url.as_str(), String::new()), |(h, q)| (h, format!("?{q}")));
    let cut = head.rfind('/').unwrap();
    Some(format!("{}/{db}{query}", &head[..cut]))
}

/// The whole command set against one store location.
fn commands_work_against(dir: &Path, store: &str) {
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--store", store]);
        cadastro(dir, &all)
    };
    // A dry run into an empty store writes nothing (a PostgreSQL database without the schema
    // stays without it).
    let dry = run(&["import", ASAAS, "--profile", "asaas", "--format", "json", "--dry-run"]);
    assert_eq!(dry.status.code(), Some(1), "{}", String::from_utf8_lossy(&dry.stderr));
    let (created, updated, unchanged) = plan(&json(&dry));
    assert!(created > 0 && updated == 0 && unchanged == 0);
    let listed = run(&["accounts", "list", "--format", "json"]);
    if store.starts_with("sqlite:") {
        assert_eq!(listed.status.code(), Some(2), "no SQLite file was created by the dry run");
    } else {
        assert_eq!(listed.status.code(), Some(2), "no schema was created by the dry run");
        let err = String::from_utf8_lossy(&listed.stderr);
        assert!(err.contains("store_outdated"), "{err}");
    }
    // The real run writes what the dry run showed; again, all unchanged.
    let real = run(&["import", ASAAS, "--profile", "asaas", "--format", "json"]);
    assert_eq!(real.status.code(), Some(1));
    assert_eq!(plan(&json(&real)), (created, 0, 0));
    let again = run(&["import", ASAAS, "--profile", "asaas"]);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains(&format!("unchanged: {created}")), "{text}");
    assert!(text.contains("nothing to write"), "{text}");
    assert!(!text.contains("s3cret"), "the summary shows no password: {text}");
    // Streamed into another account: the same counts.
    let streamed = run(&["import", ASAAS, "--profile", "asaas", "--stream", "--account", "b", "--format", "json"]);
    let last = String::from_utf8_lossy(&streamed.stdout).lines().last().unwrap().to_owned();
    let summary: Json = serde_json::from_str(&last).unwrap();
    assert_eq!(plan(&summary["summary"]), (created, 0, 0), "{last}");
    assert_eq!(summary["summary"]["applied"], true);
    // accounts list, copy, export.
    let listed = json(&run(&["accounts", "list", "--format", "json"]));
    let counts: Vec<(String, u64)> = listed["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap().to_owned(), a["customers"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, vec![("b".to_owned(), created), ("default".to_owned(), created)]);
    let copy = json(&run(&["accounts", "copy", "default", "c", "--profile", "asaas", "--format", "json"]));
    assert_eq!(plan(&copy), (created, 0, 0));
    let copy = json(&run(&["accounts", "copy", "default", "b", "--profile", "asaas", "--format", "json"]));
    assert_eq!(plan(&copy), (0, 0, created));
    let out = run(&["export", "out.csv", "--account", "c", "--profile", "asaas"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let lines = std::fs::read_to_string(dir.join("out.csv")).unwrap().lines().count() as u64;
    assert_eq!(lines, created + 1, "a header and one line per customer");
    let out = run(&["export", "out.csv", "--account", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown_account"));
}

#[test]
fn every_store_command_works_on_a_sqlite_location() {
    let dir = common::workdir("store-location", "sqlite");
    let store = format!("sqlite:{}", dir.join("data.db").display());
    commands_work_against(&dir, &store);
    assert!(dir.join("data.db").exists());
    assert!(!dir.join("cadastro.db").exists(), "--store replaces the default --db");
}

#[test]
fn every_store_command_works_on_a_postgres_location() {
    let Some(store) = pg_location("commands") else { return };
    let dir = common::workdir("store-location", "postgres");
    commands_work_against(&dir, &store);
    assert!(!dir.join("cadastro.db").exists(), "no SQLite file beside a PostgreSQL store");
}

#[test]
fn a_location_that_is_no_store_is_refused_clearly() {
    let dir = common::workdir("store-location", "bad");
    for args in [
        vec!["import", ASAAS, "--profile", "asaas", "--store", "mysql://app:s3cret@db/x", "--format", "json"],
        vec!["accounts", "list", "--store", "http://example.com/x"],
        vec!["export", "out.csv", "--store", "redis://x"],
    ] {
        let out = cadastro(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("unsupported_store"), "{args:?}: {err}");
        assert!(!err.contains("s3cret"), "{err}");
    }
    // --db and --store together: a usage error.
    let out = cadastro(&dir, &["accounts", "list", "--db", "a.db", "--store", "sqlite:b.db"]);
    assert_eq!(out.status.code(), Some(2));
    // A server that is not there: store_unreachable, nothing else.
    let out = cadastro(
        &dir,
        &["import", ASAAS, "--profile", "asaas", "--store", "postgres://u@127.0.0.1:1/x?connect_timeout=5"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("store_unreachable"));
    assert!(!dir.join("cadastro.db").exists());
}
