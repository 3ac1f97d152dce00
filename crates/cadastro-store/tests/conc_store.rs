//! Issue 16 point 1 and issue 17's store points, each on real CSV text through both pipelines
//! (`import_table`, whole file, and `import_stream`):
//! - identity conflicts are planned explicitly, and a dry run shows exactly what the real run
//!   does (a table of every identity case, on both paths);
//! - no duplicates under concurrency (N threads, one `Store` each, on one file, new and
//!   existing, keyed by external id, tax id and name);
//! - concurrent first opens, WAL readers during a write, `store_busy`, `not_a_store`, damaged
//!   pages, the version-2 migration (NFC keys, duplicates refused clearly), NFC/NFD keys, and a
//!   streamed file truncated while it is read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cadastro::{Field, ImportOptions, Importer, IssueCode, Source};
use cadastro_store::{ImportMode, SCHEMA_VERSION, Store, StoreError};

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-conc-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A valid CPF (11 digits, both check digits) from a number.
fn cpf(n: u64) -> String {
    let mut d: Vec<u64> = format!("{:09}", n % 1_000_000_000).bytes().map(|b| u64::from(b - b'0')).collect();
    for len in [9_u64, 10] {
        let sum: u64 = d.iter().enumerate().map(|(i, x)| x * (len + 1 - i as u64)).sum();
        let r = sum * 10 % 11;
        d.push(if r == 10 { 0 } else { r });
    }
    d.iter().map(u64::to_string).collect()
}

/// The generic profile's CSV: External ID, Name, Tax ID, Country (BR, so CPFs are checked).
fn csv(rows: &[(&str, &str, &str)]) -> String {
    let mut out = String::from("External ID,Name,Tax ID,Country\n");
    for (id, name, tax) in rows {
        out.push_str(&format!("{id},{name},{tax},BR\n"));
    }
    out
}

fn importer() -> Importer {
    Importer::new(ImportOptions::for_profile("generic").unwrap()).unwrap()
}

/// What an import did: (created, updated, unchanged), the issue codes, whether it was applied.
type Outcome = ((u64, u64, u64), Vec<IssueCode>, bool);

fn whole(store: &mut Store, text: &str, dry_run: bool) -> Result<Outcome, StoreError> {
    let imp = importer();
    let table = Source::from_bytes(text.as_bytes().to_vec()).open(&imp.options().read)?;
    let mode = ImportMode { dry_run, atomic: false };
    let (report, outcome) = store.import_table("default", &imp, &table, mode, &mut |_, _| {})?;
    let c = outcome.plan.counts();
    assert_eq!(report.plan.unwrap(), c);
    Ok(((c.created, c.updated, c.unchanged), report.issues.iter().map(|i| i.code).collect(), outcome.applied))
}

fn streamed(store: &mut Store, text: &str, dry_run: bool) -> Result<Outcome, StoreError> {
    let mut codes = Vec::new();
    let source = Source::from_bytes(text.as_bytes().to_vec());
    let mode = ImportMode { dry_run, atomic: false };
    let out = store.import_stream("default", &importer(), &source, mode, 0, &mut |chunk| {
        codes.extend(chunk.issues.iter().map(|i| i.code));
        ControlFlow::Continue(())
    })?;
    let c = out.counts;
    Ok(((c.created, c.updated, c.unchanged), codes, out.applied))
}

/// (external id, tax id, name) of every stored customer, in id order.
fn stored(store: &Store) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let Ok(customers) = store.list_customers("default", None) else { return Vec::new() };
    customers
        .iter()
        .map(|c| {
            let t = |f| c.text(f).map(str::to_owned);
            (t(Field::ExternalId), t(Field::TaxId), t(Field::Name))
        })
        .collect()
}

/// Issue 16 point 1: every identity case, planned explicitly; a dry run says exactly what the
/// real run does, whole-file and streamed; the store ends as the case says, never refusing a
/// planned create (`stale_plan`).
#[test]
fn identity_cases_dry_run_equals_real_run_on_both_paths() {
    let (a, b, c, d) = (cpf(1), cpf(2), cpf(3), cpf(4));
    let base = csv(&[("C-1", "Ana", &a), ("C-2", "Bia", &b), ("", "Caio", &c)]);
    let nfd_name = "Jose\u{301} Lima";
    let nfc_name = "Jos\u{e9} Lima";
    // (case, file, (created, updated, unchanged), key_conflicts, customers after, check)
    type Check = fn(&[(Option<String>, Option<String>, Option<String>)]) -> bool;
    type Case<'a> = (&'a str, String, (u64, u64, u64), usize, usize, Check);
    let cases: Vec<Case<'_>> = vec![
        ("known id, new free tax id: update with the tax id diff", csv(&[("C-1", "Ana", &d)]), (0, 1, 0), 0, 3, |s| {
            s[0].0.as_deref() == Some("C-1") && s[0].1.as_deref() == Some(&*cpf(4))
        }),
        (
            "known id, tax id of another stored customer: key_conflict",
            csv(&[("C-1", "Ana", &b)]),
            (0, 0, 0),
            1,
            3,
            |s| s[0].1.as_deref() == Some(&*cpf(1)) && s[1].1.as_deref() == Some(&*cpf(2)),
        ),
        (
            "new id, tax id of a customer with another id: key_conflict",
            csv(&[("C-9", "Ana", &a)]),
            (0, 0, 0),
            1,
            3,
            |s| s[0].0.as_deref() == Some("C-1"),
        ),
        ("new id, tax id of a customer without id: update", csv(&[("C-9", "Caio", &c)]), (0, 1, 0), 0, 3, |s| {
            s[2].0.as_deref() == Some("C-9")
        }),
        ("known id and tax id: unchanged", csv(&[("C-1", "Ana", &a)]), (0, 0, 1), 0, 3, |_| true),
        ("new id, new tax id: create", csv(&[("C-9", "Dani", &d)]), (1, 0, 0), 0, 4, |s| {
            s[3].0.as_deref() == Some("C-9")
        }),
        ("no id, known tax id: update of the name", csv(&[("", "Bia Souza", &b)]), (0, 1, 0), 0, 3, |s| {
            s[1].2.as_deref() == Some("Bia Souza")
        }),
        (
            "a swap of tax ids: both rows key_conflict",
            csv(&[("C-1", "Ana", &b), ("C-2", "Bia", &a)]),
            (0, 0, 0),
            2,
            3,
            |s| s[0].1.as_deref() == Some(&*cpf(1)),
        ),
        (
            "one valid row, one conflicting: the valid one is written",
            csv(&[("C-1", "Ana Maria", &a), ("C-9", "Eva", &b)]),
            (0, 1, 0),
            1,
            3,
            |s| s[0].2.as_deref() == Some("Ana Maria"),
        ),
        ("NFD name, no ids: one customer with the NFC one", csv(&[("", nfd_name, "")]), (0, 0, 1), 0, 4, |_| true),
        ("NFD external id: the NFC one", csv(&[("Jose\u{301}-1", "Zé", "")]), (0, 0, 1), 0, 4, |_| true),
    ];
    for (name, file, counts, conflicts, after, check) in cases {
        for path in ["whole", "stream"] {
            let run = |store: &mut Store, text: &str, dry: bool| {
                if path == "whole" { whole(store, text, dry) } else { streamed(store, text, dry) }
            };
            let mut store = Store::open_in_memory().unwrap();
            whole(&mut store, &base, false).unwrap();
            // The NFC spellings the NFD rows must find.
            let extra = if name.starts_with("NFD name") {
                csv(&[("", nfc_name, "")])
            } else if name.starts_with("NFD external id") {
                csv(&[("Jos\u{e9}-1", "Zé", "")])
            } else {
                String::new()
            };
            if !extra.is_empty() {
                whole(&mut store, &extra, false).unwrap();
            }
            let before = stored(&store);
            let dry = run(&mut store, &file, true).unwrap_or_else(|e| panic!("{name} ({path}) dry run: {e}"));
            assert_eq!(stored(&store), before, "{name} ({path}): the dry run wrote");
            let real = run(&mut store, &file, false).unwrap_or_else(|e| panic!("{name} ({path}) real run: {e}"));
            assert_eq!(dry.0, real.0, "{name} ({path}): dry-run counts differ from the real run's");
            assert_eq!(dry.1, real.1, "{name} ({path}): dry-run issues differ from the real run's");
            assert_eq!(real.0, counts, "{name} ({path})");
            let n = real.1.iter().filter(|c| **c == IssueCode::KeyConflict).count();
            assert_eq!(n, conflicts, "{name} ({path}): {:?}", real.1);
            let s = stored(&store);
            assert_eq!(s.len(), after, "{name} ({path}): {s:?}");
            assert!(check(&s), "{name} ({path}): {s:?}");
            // The same file again plans nothing new: no create the store refuses, ever.
            let again = run(&mut store, &file, false).unwrap();
            assert_eq!(again.0.0, 0, "{name} ({path}): a second run creates");
        }
    }
}

/// The key_conflict issue names both stored customers, in the importer's language, and the
/// rejected customer is counted as rejected.
#[test]
fn key_conflict_names_both_customers_and_counts_the_row_rejected() {
    let mut store = Store::open_in_memory().unwrap();
    whole(&mut store, &csv(&[("C-1", "Ana", &cpf(1)), ("C-2", "Bia", &cpf(2))]), false).unwrap();
    let imp = Importer::new(ImportOptions::from_json(r#"{"profile": "generic", "locale": "pt-BR"}"#).unwrap()).unwrap();
    let table = Source::from_bytes(csv(&[("C-1", "Ana", &cpf(2))]).into_bytes()).open(&imp.options().read).unwrap();
    let (report, outcome) = store.import_table("default", &imp, &table, ImportMode::default(), &mut |_, _| {}).unwrap();
    let issue = report.issues.iter().find(|i| i.code == IssueCode::KeyConflict).unwrap();
    assert_eq!(issue.row, 2);
    assert!(issue.message.contains("C-1") && issue.message.contains("C-2"), "{}", issue.message);
    assert!(issue.message.contains("clientes diferentes"), "{}", issue.message);
    assert_eq!((report.stats.customers_valid, report.stats.customers_rejected), (0, 1));
    assert!(report.customers.is_empty());
    assert_eq!(outcome.plan.rejected.len(), 1);
    assert!(report.has_errors());
}

fn rows_csv(kind: &str, n: u64) -> String {
    let mut out = String::from("External ID,Name,Tax ID,Country\n");
    for i in 0..n {
        match kind {
            "external_id" => out.push_str(&format!("E-{i},Customer {i},,BR\n")),
            "tax_id" => out.push_str(&format!(",Customer {i},{},BR\n", cpf(1000 + i))),
            _ => out.push_str(&format!(",Customer {i},,BR\n")),
        }
    }
    out
}

/// Issue 17 point 2: N threads, each with its own `Store` on one file (new, then existing),
/// import the same customers keyed by external id, tax id or name, whole-file and streamed:
/// every customer is stored once.
#[test]
fn concurrent_threads_never_duplicate_a_customer() {
    const N: u64 = 600;
    for kind in ["external_id", "tax_id", "name"] {
        let dir = tmp(&format!("threads-{kind}"));
        let path = dir.join("store.db");
        let text = rows_csv(kind, N);
        for round in ["new", "existing"] {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let (path, text) = (path.clone(), text.clone());
                    std::thread::spawn(move || -> Result<Outcome, StoreError> {
                        let mut store = Store::open(&path)?;
                        if t % 2 == 0 { whole(&mut store, &text, false) } else { streamed(&mut store, &text, false) }
                    })
                })
                .collect();
            let mut created = 0;
            for h in handles {
                let out = h.join().unwrap().unwrap_or_else(|e| panic!("{kind} {round}: {e} ({})", e.code()));
                assert!(out.1.is_empty(), "{kind} {round}: {:?}", out.1);
                created += out.0.0;
            }
            let store = Store::open(&path).unwrap();
            let s = stored(&store);
            assert_eq!(s.len() as u64, N, "{kind} {round}: duplicates");
            assert_eq!(created, if round == "new" { N } else { 0 }, "{kind} {round}: created once in all");
            let mut keys: Vec<String> = s.iter().map(|c| format!("{:?}", c)).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len() as u64, N);
        }
    }
}

/// Issue 17 point 6: concurrent first opens of a new store all succeed (the schema is created
/// once, in one exclusive transaction).
#[test]
fn concurrent_first_opens_of_a_new_store_all_succeed() {
    for round in 0..10 {
        let dir = tmp(&format!("first-open-{round}"));
        let path = dir.join("new.db");
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    Store::open(&path).map(|s| s.schema_version().unwrap())
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap().unwrap_or_else(|e| panic!("round {round}: {e}")), SCHEMA_VERSION);
        }
    }
}

/// Issue 17 point 7: WAL: a reader reads the committed state while a writer holds the write
/// lock; a second writer gives up after its busy timeout with `store_busy`.
#[test]
fn readers_are_not_blocked_and_a_blocked_writer_gets_store_busy() {
    let dir = tmp("busy");
    let path = dir.join("store.db");
    let mut first = Store::open(&path).unwrap();
    whole(&mut first, &csv(&[("C-1", "Ana", &cpf(1))]), false).unwrap();
    // Another connection takes the write lock and writes without committing.
    let holder = Store::open(&path).unwrap();
    holder.connection().execute_batch("BEGIN IMMEDIATE; UPDATE customers SET name = 'X';").unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(stored(&reader)[0].2.as_deref(), Some("Ana"), "the reader sees the committed state");
    assert!(started.elapsed() < Duration::from_secs(1), "the reader waited for the writer");
    let mut writer = Store::open(&path).unwrap();
    writer.set_busy_timeout(Duration::from_millis(300)).unwrap();
    let started = std::time::Instant::now();
    let err = whole(&mut writer, &csv(&[("C-2", "Bia", &cpf(2))]), false).unwrap_err();
    assert_eq!(err.code(), "store_busy", "{err}");
    assert!(err.to_string().contains("retry"), "{err}");
    assert!(started.elapsed() >= Duration::from_millis(250), "gave up before the timeout");
    let err = streamed(&mut writer, &csv(&[("C-2", "Bia", &cpf(2))]), false).unwrap_err();
    assert_eq!(err.code(), "store_busy", "{err}");
    holder.connection().execute_batch("ROLLBACK").unwrap();
    // Free again: the write goes through.
    assert_eq!(whole(&mut writer, &csv(&[("C-2", "Bia", &cpf(2))]), false).unwrap().0, (1, 0, 0));
}

/// Issue 17 point 11: another application's database is refused, an empty one is adopted.
/// The busy timeout given at open applies to the open itself and to later writes: with the
/// write lock held elsewhere, `open_with_busy_timeout` of a new store (whose schema needs the
/// lock) and an import on an open store both wait about that long, then fail with `store_busy`.
#[test]
fn the_busy_timeout_given_at_open_bounds_every_wait() {
    let path = tmp("busy-open").join("store.db");
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t0 = Instant::now();
    let err = Store::open_with_busy_timeout(&path, Duration::from_millis(400)).unwrap_err();
    let waited = t0.elapsed();
    assert_eq!(err.code(), "store_busy", "{err}");
    assert!(waited >= Duration::from_millis(400) && waited < Duration::from_secs(20), "{waited:?}");
    holder.execute_batch("ROLLBACK").unwrap();

    let mut store = Store::open_with_busy_timeout(&path, Duration::from_millis(300)).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let t0 = Instant::now();
    let err = whole(&mut store, &rows_csv("tax_id", 3), false).unwrap_err();
    let waited = t0.elapsed();
    assert_eq!(err.code(), "store_busy", "{err}");
    assert!(waited >= Duration::from_millis(300) && waited < Duration::from_secs(20), "{waited:?}");
    holder.execute_batch("ROLLBACK").unwrap();
    whole(&mut store, &rows_csv("tax_id", 3), false).unwrap();
    // A timeout past SQLite's range (an int of milliseconds) waits as long as it can, no panic.
    store.set_busy_timeout(Duration::from_secs(u64::MAX / 4)).unwrap();
    drop(Store::open_with_busy_timeout(&path, Duration::MAX).unwrap());
}

#[test]
fn a_database_that_is_not_a_store_is_refused_unless_empty() {
    let dir = tmp("not-a-store");
    let other = dir.join("app.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    for err in [Store::open(&other).unwrap_err(), Store::open_read_only(&other).unwrap_err()] {
        assert_eq!(err.code(), "not_a_store", "{err}");
        assert!(err.to_string().contains("invoices"), "{err}");
    }
    assert!(std::fs::read(&other).unwrap() == before, "nothing added to the other application's file");
    // A database with an application id of its own is refused even with our table names.
    let tagged = dir.join("tagged.db");
    let conn = rusqlite::Connection::open(&tagged).unwrap();
    conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE accounts (id INTEGER);").unwrap();
    drop(conn);
    assert_eq!(Store::open(&tagged).unwrap_err().code(), "not_a_store");
    // An empty database file (0 bytes, or a database with no table) becomes a store.
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(Store::open(&empty).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
    let blank = dir.join("blank.db");
    rusqlite::Connection::open(&blank).unwrap().execute_batch("PRAGMA user_version = 0; VACUUM;").unwrap();
    assert_eq!(Store::open(&blank).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
    // And a store stays a store.
    assert_eq!(Store::open(&empty).unwrap().schema_version().unwrap(), SCHEMA_VERSION);
}

/// Issue 17 point 11: a store with zeroed pages is refused on open (`store_corrupt`) instead of
/// accepting writes.
#[test]
fn a_store_with_zeroed_pages_is_refused_on_open() {
    let dir = tmp("zeroed");
    let path = dir.join("store.db");
    {
        let mut store = Store::open(&path).unwrap();
        whole(&mut store, &rows_csv("tax_id", 400), false).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{} bytes", bytes.len());
    // Zero two pages in the middle of the file (table or index b-tree pages).
    let start = bytes.len() / 2 / page * page;
    bytes[start..start + 2 * page].fill(0);
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "store_corrupt", "{err}");
    assert_eq!(Store::open_read_only(&path).unwrap_err().code(), "store_corrupt");
}

/// Writes a version-1 store by hand (the schema of migration 1), with the given customers
/// `(external_id, tax_id, name, name_folded)`.
fn v1_store(path: &Path, customers: &[(Option<&str>, Option<&str>, &str, &str)]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
         CREATE TABLE groups (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE (account_id, name));
         CREATE TABLE customers (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, revision INTEGER NOT NULL DEFAULT 1,
           external_id TEXT, tax_id TEXT, name TEXT, name_folded TEXT, email TEXT, group_id INTEGER, parent_external_id TEXT,
           parent_name_folded TEXT, parent_customer_id INTEGER, fields TEXT NOT NULL, custom TEXT NOT NULL DEFAULT '{}',
           created_at TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL DEFAULT '');
         CREATE UNIQUE INDEX customers_external_id ON customers (account_id, external_id) WHERE external_id IS NOT NULL;
         CREATE INDEX customers_tax_id ON customers (account_id, tax_id) WHERE tax_id IS NOT NULL;
         CREATE INDEX customers_name ON customers (account_id, name_folded);
         CREATE INDEX customers_group ON customers (group_id) WHERE group_id IS NOT NULL;
         CREATE INDEX customers_parent ON customers (account_id) WHERE parent_external_id IS NOT NULL OR parent_name_folded IS NOT NULL;
         CREATE TABLE contacts (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, position INTEGER NOT NULL, email TEXT,
           fields TEXT NOT NULL, UNIQUE (customer_id, email));
         CREATE INDEX contacts_order ON contacts (customer_id, position);
         INSERT INTO accounts (name) VALUES ('default');
         PRAGMA user_version = 1;",
    )
    .unwrap();
    for (ext, tax, name, folded) in customers {
        let mut fields = serde_json::Map::new();
        fields.insert("name".into(), (*name).into());
        if let Some(e) = ext {
            fields.insert("external_id".into(), (*e).into());
        }
        if let Some(t) = tax {
            fields.insert("tax_id".into(), (*t).into());
        }
        conn.execute(
            "INSERT INTO customers (account_id, external_id, tax_id, name, name_folded, fields) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![ext, tax, name, folded, serde_json::Value::Object(fields).to_string()],
        )
        .unwrap();
    }
}

/// Issue 17 point 2: a version-1 store holding duplicates (left by concurrent imports of an
/// older cadastro) is not migrated silently: the open names them, nothing changes, and a
/// read-only open still reads the store (to export it).
#[test]
fn the_migration_refuses_duplicates_clearly_and_the_store_stays_readable() {
    let dir = tmp("dups");
    let path = dir.join("old.db");
    let (a, b) = (cpf(1), cpf(2));
    v1_store(
        &path,
        &[
            (None, Some(&a), "Ana", "ana"),
            (None, Some(&a), "Ana", "ana"),
            (None, Some(&b), "Bia", "bia"),
            (None, None, "Caio", "caio"),
            (None, None, "Caio", "caio"),
        ],
    );
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "store_duplicates", "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&format!("tax_id {a}: customers 1, 2")), "{msg}");
    assert!(msg.contains("name caio: customers 4, 5"), "{msg}");
    assert!(msg.contains("export"), "{msg}");
    let reader = Store::open_read_only(&path).unwrap();
    assert_eq!(reader.schema_version().unwrap(), 1);
    assert_eq!(stored(&reader).len(), 5);
    drop(reader);
    assert!(std::fs::read(&path).unwrap() == before, "nothing changed");
}

/// Issue 17 point 10: the migration stores the keys in NFC, so an NFD key written by an older
/// cadastro is found by its NFC spelling (and the other way round).
#[test]
fn the_migration_normalizes_old_keys_to_nfc() {
    let dir = tmp("nfc-migration");
    let path = dir.join("old.db");
    v1_store(&path, &[(Some("Jose\u{301}-1"), None, "Jose\u{301}", "jose\u{301}")]);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let out = whole(&mut store, &csv(&[("Jos\u{e9}-1", "Jos\u{e9}", "")]), false).unwrap();
    assert_eq!(out.0, (0, 1, 0), "found by its NFC external id (the name's spelling is an update)");
    let out = whole(&mut store, &csv(&[("", "Jose\u{301}", "")]), false).unwrap();
    assert_eq!(out.0, (0, 0, 1), "found by its NFD name");
    assert_eq!(stored(&store).len(), 1);
}

/// Issue 17 point 10: NFC and NFD spellings of a name or an external id are one customer; an
/// external id's case is kept (`C-1` and `c-1` are two customers), a name's is folded.
#[test]
fn nfc_and_nfd_keys_are_one_customer_and_external_ids_keep_their_case() {
    for path in ["whole", "stream"] {
        let run = |store: &mut Store, text: &str| {
            if path == "whole" { whole(store, text, false) } else { streamed(store, text, false) }
        };
        let mut store = Store::open_in_memory().unwrap();
        run(&mut store, &csv(&[("", "Jos\u{e9} Lima", "")])).unwrap();
        assert_eq!(run(&mut store, &csv(&[("", "Jose\u{301} Lima", "")])).unwrap().0, (0, 0, 1), "{path}");
        // Another case is the same customer (its name rewritten), not a second one.
        assert_eq!(run(&mut store, &csv(&[("", "JOSE\u{301} LIMA", "")])).unwrap().0, (0, 1, 0), "{path}");
        run(&mut store, &csv(&[("Ma\u{e7}\u{e3}-1", "Maçã", "")])).unwrap();
        assert_eq!(run(&mut store, &csv(&[("Mac\u{327}a\u{303}-1", "Maçã", "")])).unwrap().0, (0, 0, 1), "{path}");
        assert_eq!(run(&mut store, &csv(&[("C-1", "Ana", "")])).unwrap().0, (1, 0, 0), "{path}");
        assert_eq!(run(&mut store, &csv(&[("c-1", "Ana Maria", "")])).unwrap().0, (1, 0, 0), "{path}");
        assert_eq!(stored(&store).len(), 4, "{path}");
        // In one file, the two spellings of one name are one key: the second is duplicate_key.
        let mut fresh = Store::open_in_memory().unwrap();
        let out = run(&mut fresh, &csv(&[("", "Jos\u{e9}", ""), ("", "Jose\u{301}", "")])).unwrap();
        assert_eq!((out.0, out.1), ((1, 0, 0), vec![IssueCode::DuplicateKey]), "{path}");
        let out = run(&mut fresh, &csv(&[("Jos\u{e9}-1", "A", ""), ("Jose\u{301}-1", "B", "")])).unwrap();
        assert_eq!((out.0, out.1), ((1, 0, 0), vec![IssueCode::DuplicateKey]), "{path}");
    }
}

/// Issue 17 point 11: a file truncated while it is streamed is refused, nothing committed.
#[test]
fn a_file_truncated_during_a_streamed_import_commits_nothing() {
    let dir = tmp("truncated");
    let file = dir.join("big.csv");
    let text = rows_csv("external_id", 20_000);
    std::fs::write(&file, &text).unwrap();
    let path = dir.join("store.db");
    let mut store = Store::open(&path).unwrap();
    let mut chunks = 0;
    let source = Source::from_path(&file);
    let err = store
        .import_stream("default", &importer(), &source, ImportMode::default(), 1_000, &mut |_| {
            chunks += 1;
            if chunks == 1 {
                // Another program truncates the file under the import.
                std::fs::OpenOptions::new().write(true).open(&file).unwrap().set_len(text.len() as u64 / 3).unwrap();
            }
            ControlFlow::Continue(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(err.to_string().contains("changed"), "{err}");
    assert!(store.accounts().unwrap().is_empty(), "nothing committed");
    // The complete file imports.
    std::fs::write(&file, &text).unwrap();
    let out = store.import_stream("default", &importer(), &source, ImportMode::default(), 1_000, &mut |_| {
        ControlFlow::Continue(())
    });
    assert_eq!(out.unwrap().counts.created, 20_000);
}
