//! The CLI under concurrency and failure (issue 17 points 1, 2, 6, 7, 8, 11) and identity
//! conflicts (issue 16 point 1): N `cadastro import` processes (whole-file and `--stream`) on
//! one store, new and existing, keyed by external id, CPF and name, with counts and uniqueness
//! checked after every run; a failed first import keeps the store file; `store_busy` with a
//! retry hint; readers while a writer holds the lock; `not_a_store`; export and dry runs after
//! a kill -9 mid-import; and a dry run that prints exactly what the real run does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cadastro::Field;
use cadastro_store::Store;

mod common;
use common::cadastro;

fn workdir(name: &str) -> PathBuf {
    common::workdir("conc", name)
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A valid CPF (11 digits) from a number.
fn cpf(n: u64) -> String {
    let mut d: Vec<u64> = format!("{:09}", n % 1_000_000_000).bytes().map(|b| u64::from(b - b'0')).collect();
    for len in [9_u64, 10] {
        let sum: u64 = d.iter().enumerate().map(|(i, x)| x * (len + 1 - i as u64)).sum();
        let r = sum * 10 % 11;
        d.push(if r == 10 { 0 } else { r });
    }
    d.iter().map(u64::to_string).collect()
}

/// A generic-profile CSV of `n` customers keyed by `kind`, numbered from `from`.
fn file(dir: &Path, name: &str, kind: &str, from: u64, n: u64) -> PathBuf {
    let mut out = String::from("External ID,Name,Tax ID,Country\n");
    for i in from..from + n {
        match kind {
            "external_id" => out.push_str(&format!("E-{i},Customer {i},,BR\n")),
            "tax_id" => out.push_str(&format!(",Customer {i},{},BR\n", cpf(1000 + i))),
            _ => out.push_str(&format!(",Customer {i},,BR\n")),
        }
    }
    let path = dir.join(name);
    std::fs::write(&path, out).unwrap();
    path
}

/// Every stored customer's (external id, tax id, folded name), after checking there is no
/// duplicate key.
fn stored_unique(db: &Path) -> usize {
    let store = Store::open_read_only(db).unwrap();
    let customers = store.list_customers("default", None).unwrap();
    let mut ids: Vec<_> = customers.iter().filter_map(|c| c.text(Field::ExternalId)).collect();
    let mut taxes: Vec<_> = customers.iter().filter_map(|c| c.text(Field::TaxId)).collect();
    let mut names: Vec<_> = customers
        .iter()
        .filter(|c| c.text(Field::ExternalId).is_none() && c.text(Field::TaxId).is_none())
        .filter_map(|c| c.text(Field::Name))
        .collect();
    for keys in [&mut ids, &mut taxes, &mut names] {
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a duplicate key in the store");
    }
    customers.len()
}

fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Issue 17 points 1, 2, 6: four processes (two whole-file, two `--stream`) import the same
/// customers into a new store, then into the existing one; keyed by external id, CPF and
/// name. Every process succeeds, every customer is stored once, nothing is lost.
#[test]
fn concurrent_processes_store_every_customer_once() {
    const N: u64 = 1_500;
    let started = Instant::now();
    for kind in ["tax_id", "external_id", "name"] {
        let dir = workdir(&format!("procs-{kind}"));
        let csv = file(&dir, "in.csv", kind, 0, N);
        let csv = csv.to_str().unwrap();
        for round in ["new", "existing"] {
            let children: Vec<_> = (0..4)
                .map(|i| {
                    let mut args = vec!["import", csv, "--db", "store.db", "--format", "json"];
                    if i % 2 == 1 {
                        args.push("--stream");
                    }
                    spawn(&dir, &args)
                })
                .collect();
            for c in children {
                let out = c.wait_with_output().unwrap();
                assert_eq!(out.status.code(), Some(0), "{kind} {round}: {}", text(&out));
            }
            assert_eq!(stored_unique(&dir.join("store.db")) as u64, N, "{kind} {round}");
        }
    }
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

/// Issue 17 point 1: two streamed imports of different customers into a new store: both
/// report success and both sets of customers are there (a failing run never deletes the file).
#[test]
fn concurrent_streamed_first_imports_lose_no_customer() {
    for round in 0..3 {
        let dir = workdir(&format!("first-{round}"));
        let a = file(&dir, "a.csv", "external_id", 0, 800);
        let b = file(&dir, "b.csv", "external_id", 800, 800);
        // A third process fails (a file that does not stream) at the same time.
        let bad = dir.join("bad.xlsx");
        std::fs::write(&bad, b"not a workbook").unwrap();
        let children: Vec<_> = [&a, &b, &bad]
            .iter()
            .map(|f| spawn(&dir, &["import", f.to_str().unwrap(), "--db", "new.db", "--stream"]))
            .collect();
        let codes: Vec<Option<i32>> =
            children.into_iter().map(|c| c.wait_with_output().unwrap().status.code()).collect();
        assert_eq!(codes, [Some(0), Some(0), Some(2)], "round {round}");
        assert_eq!(stored_unique(&dir.join("new.db")), 1_600, "round {round}");
    }
}

/// Issue 17 point 7: while another process holds the write lock, readers (export, dry run)
/// are not blocked, and a writer gives up after `--busy-timeout` with `store_busy` and a retry
/// hint, writing nothing.
#[test]
fn a_locked_store_gives_store_busy_to_writers_and_blocks_no_reader() {
    let dir = workdir("busy");
    let csv = file(&dir, "in.csv", "tax_id", 0, 50);
    let csv = csv.to_str().unwrap();
    assert_eq!(cadastro(&dir, &["import", csv, "--db", "s.db"]).status.code(), Some(0));
    let holder = Store::open(dir.join("s.db")).unwrap();
    holder.connection().execute_batch("BEGIN IMMEDIATE; DELETE FROM contacts;").unwrap();
    let more = file(&dir, "more.csv", "tax_id", 50, 10);
    for stream in [false, true] {
        let mut args = vec!["import", more.to_str().unwrap(), "--db", "s.db", "--busy-timeout", "0.5"];
        if stream {
            args.push("--stream");
        }
        let t = Instant::now();
        let out = cadastro(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("(store_busy)") && err.contains("retry"), "{err}");
        assert!(t.elapsed() >= Duration::from_millis(450));
    }
    let t = Instant::now();
    let out = cadastro(&dir, &["import", csv, "--db", "s.db", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged: 50"), "{}", text(&out));
    let out = cadastro(&dir, &["export", "out.csv", "--db", "s.db"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(t.elapsed() < Duration::from_secs(5), "the readers waited for the writer");
    holder.connection().execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(stored_unique(&dir.join("s.db")), 50, "the busy writers wrote nothing");
}

/// Issue 17 point 11: another application's SQLite file is refused, untouched.
#[test]
fn another_applications_database_is_refused() {
    let dir = workdir("not-a-store");
    let db = dir.join("app.db");
    rusqlite_like_app(&db);
    let before = std::fs::read(&db).unwrap();
    let csv = file(&dir, "in.csv", "external_id", 0, 3);
    for extra in [&[][..], &["--stream"][..], &["--dry-run"][..]] {
        let mut args = vec!["import", csv.to_str().unwrap(), "--db", "app.db"];
        args.extend_from_slice(extra);
        let out = cadastro(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(String::from_utf8_lossy(&out.stderr).contains("(not_a_store)"), "{}", text(&out));
    }
    assert!(std::fs::read(&db).unwrap() == before, "the file was changed");
}

/// Another application's database: one table of its own (made through the store crate's
/// SQLite, which the test reaches through a store connection's `execute_batch`).
fn rusqlite_like_app(db: &Path) {
    let scratch = Store::open_in_memory().unwrap();
    let path = db.to_str().unwrap().replace('\'', "''");
    scratch
        .connection()
        .execute_batch(&format!(
            "ATTACH DATABASE '{path}' AS app; CREATE TABLE app.invoices (id INTEGER PRIMARY KEY, total REAL);
             INSERT INTO app.invoices VALUES (1, 10.0); DETACH DATABASE app;"
        ))
        .unwrap();
}

/// Issue 17 point 8: after a kill -9 in the middle of a streamed import, `export` and
/// `import --dry-run` work at once (no "attempt to write a readonly database") and see the
/// store as it was before; the import then runs again to the end.
#[test]
fn export_and_dry_run_work_after_a_kill_mid_import() {
    let dir = workdir("kill");
    let first = file(&dir, "first.csv", "external_id", 0, 100);
    assert_eq!(cadastro(&dir, &["import", first.to_str().unwrap(), "--db", "s.db"]).status.code(), Some(0));
    let big = file(&dir, "big.csv", "external_id", 100, 300_000);
    let mut child = spawn(&dir, &["import", big.to_str().unwrap(), "--db", "s.db", "--stream"]);
    // Wait until the import is writing (its WAL grows), then kill it.
    let wal = dir.join("s.db-wal");
    let t = Instant::now();
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 2_000_000 {
        assert!(t.elapsed() < Duration::from_secs(30), "the import never wrote");
        assert!(child.try_wait().unwrap().is_none(), "the import ended before the kill");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    assert!(!child.wait().unwrap().success());
    let out = cadastro(&dir, &["import", first.to_str().unwrap(), "--db", "s.db", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unchanged: 100"), "{}", text(&out));
    let out = cadastro(&dir, &["export", "out.csv", "--db", "s.db"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(dir.join("out.csv")).unwrap().lines().count(), 101, "header + 100");
    assert_eq!(stored_unique(&dir.join("s.db")), 100, "nothing of the killed import");
}

/// The summary without its last line (what was written) and the store path.
fn summary(out: &Output) -> Vec<String> {
    let s = String::from_utf8_lossy(&out.stdout);
    let mut lines: Vec<String> = s.lines().map(str::to_owned).collect();
    lines.pop();
    lines
}

/// Issue 16 point 1 through the CLI: the same external id with another CPF is an update (not
/// `stale_plan` forever), a CPF that belongs to another customer is `key_conflict` naming both,
/// and `--dry-run` prints exactly the real run's summary, whole-file and streamed.
#[test]
fn identity_conflicts_are_planned_and_the_dry_run_matches_the_real_run() {
    let dir = workdir("identity");
    let (a, b, c) = (cpf(1), cpf(2), cpf(3));
    std::fs::write(
        dir.join("base.csv"),
        format!("External ID,Name,Tax ID,Country\nCLI-001,Ana,{a},BR\nCLI-002,Bia,{b},BR\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("next.csv"),
        format!("External ID,Name,Tax ID,Country\nCLI-001,Ana,{c},BR\nCLI-002,Bia,{c},BR\nCLI-003,Caio,{b},BR\n"),
    )
    .unwrap();
    for stream in [false, true] {
        let db = if stream { "s.db" } else { "w.db" };
        let with = |args: &[&str]| {
            let mut v: Vec<&str> = args.to_vec();
            v.extend_from_slice(&["--db", db]);
            if stream {
                v.push("--stream");
            }
            cadastro(&dir, &v)
        };
        assert_eq!(with(&["import", "base.csv"]).status.code(), Some(0));
        let dry = with(&["import", "next.csv", "--dry-run"]);
        let real = with(&["import", "next.csv"]);
        assert_eq!(summary(&dry), summary(&real), "stream {stream}");
        assert_eq!(dry.status.code(), real.status.code());
        assert_eq!(real.status.code(), Some(1), "{}", text(&real));
        let out = String::from_utf8_lossy(&real.stdout);
        // CLI-001 takes the free CPF c (an update); CLI-002's c repeats row 2's (duplicate_key);
        // CLI-003 is new but b is CLI-002's (key_conflict naming both).
        assert!(out.contains("updated:   1"), "{out}");
        assert!(out.contains("key_conflict"), "{out}");
        assert!(out.contains("CLI-002") && out.contains("CLI-003"), "{out}");
        let store = Store::open_read_only(dir.join(db)).unwrap();
        let stored = store.list_customers("default", None).unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].text(Field::TaxId), Some(c.as_str()), "CLI-001's CPF changed");
        assert_eq!(stored[1].text(Field::TaxId), Some(b.as_str()));
        drop(store);
        // And again: nothing new, never stale_plan.
        let again = with(&["import", "next.csv"]);
        assert!(!text(&again).contains("stale_plan"), "{}", text(&again));
        assert!(String::from_utf8_lossy(&again.stdout).contains("unchanged: 1"), "{}", text(&again));
    }
}
