//! A crash mid-import leaves the store as it was: a child process (this test binary run again)
//! applies a plan and dies half-way through it, by abort or by SIGKILL from the parent; the
//! parent reopens the file and finds the state from before the import, intact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cadastro::{Contact, Customer, Field, Profile, Value};
use cadastro::{ImportPlan, Reconciler};
use cadastro_store::Store;

const CHILD: &str = "CADASTRO_STORE_CRASH_CHILD";
const N: usize = 2_000;

fn customer(i: usize, city: &str) -> Customer {
    let mut c = Customer::default();
    c.set(Field::ExternalId, Value::Text(format!("C-{i}")));
    c.set(Field::Name, Value::Text(format!("Customer {i}")));
    c.set(Field::City, Value::Text(city.into()));
    c.set(Field::Group, Value::Text(format!("G{}", i % 7)));
    c.contacts.push(Contact::with_fields(0, [(Field::ContactEmail, Value::Text(format!("c{i}@example.com")))]));
    c
}

/// The second import: every existing customer moves city and gains a contact, and N new ones.
fn second_plan(store: &Store) -> ImportPlan {
    let customers: Vec<Customer> = (0..2 * N)
        .map(|i| {
            let mut c = customer(i, "Olinda");
            c.contacts
                .push(Contact::with_fields(0, [(Field::ContactEmail, Value::Text(format!("extra{i}@example.com")))]));
            c
        })
        .collect();
    Reconciler::new(&Profile::generic()).plan(&customers, &store.base("a").unwrap()).unwrap()
}

/// The child: applies the second plan and dies half-way (only when run by the parent).
#[test]
fn crash_child() {
    let Ok(spec) = std::env::var(CHILD) else { return };
    let (how, path) = spec.split_once(':').unwrap();
    let mut store = Store::open(path).unwrap();
    let plan = second_plan(&store);
    let how = how.to_owned();
    store
        .apply_with_progress("a", &plan, &mut |done, total| {
            if done == total / 2 {
                println!("\nHALF {done}/{total}");
                if how == "abort" {
                    std::process::abort();
                }
                // Wait inside the open transaction for the parent's SIGKILL.
                std::thread::sleep(std::time::Duration::from_secs(120));
            }
        })
        .unwrap();
    println!("\nFINISHED");
}

fn prepare(name: &str) -> (PathBuf, Vec<Customer>) {
    let dir = std::env::temp_dir().join(format!("cadastro-crash-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cadastro.db");
    let mut store = Store::open(&path).unwrap();
    let first: Vec<Customer> = (0..N).map(|i| customer(i, "Recife")).collect();
    store.import_customers("a", &first, &Profile::generic()).unwrap();
    let before = store.list_customers("a", None).unwrap();
    assert_eq!(before, first);
    (path, before)
}

fn child(how: &str, path: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{how}:{}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn assert_as_before(path: &Path, before: &[Customer]) {
    // The dead process left its write-ahead log: its transaction was under way.
    assert!(path.with_extension("db-wal").exists(), "no WAL: the child wrote nothing before dying?");
    // A read-only open first (export, dry run): it recovers and reads the state from before,
    // instead of failing with "attempt to write a readonly database" (issue 17 point 8).
    let reader = Store::open_read_only(path).unwrap();
    assert_eq!(reader.list_customers("a", None).unwrap(), before, "read-only after the crash");
    drop(reader);
    let mut store = Store::open(path).unwrap();
    let check: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(store.list_customers("a", None).unwrap(), before, "nothing half-written");
    let contacts: i64 = store.connection().query_row("SELECT count(*) FROM contacts", [], |r| r.get(0)).unwrap();
    assert_eq!(contacts, N as i64);
    // And the same plan applies cleanly afterwards.
    let plan = second_plan(&store);
    let counts = store.apply("a", &plan).unwrap();
    assert_eq!((counts.created, counts.updated), (N as u64, N as u64));
    assert_eq!(store.list_customers("a", None).unwrap().len(), 2 * N);
}

#[test]
fn an_abort_mid_import_leaves_the_store_as_before() {
    let (path, before) = prepare("abort");
    let mut c = child("abort", &path);
    let out = BufReader::new(c.stdout.take().unwrap()).lines().map(Result::unwrap).collect::<Vec<_>>();
    let status = c.wait().unwrap();
    assert!(!status.success());
    assert!(out.iter().any(|l| l == &format!("HALF {N}/{}", 2 * N)), "the child did not get half-way: {out:?}");
    assert!(!out.iter().any(|l| l == "FINISHED"));
    assert_as_before(&path, &before);
}

#[test]
fn a_kill_mid_import_leaves_the_store_as_before() {
    let (path, before) = prepare("kill");
    let mut c = child("kill", &path);
    let mut lines = BufReader::new(c.stdout.take().unwrap()).lines();
    let half = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("HALF"))).expect("child reached half-way");
    // The child sits inside its open transaction now.
    assert_eq!(half.unwrap(), format!("HALF {N}/{}", 2 * N));
    c.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback by the process itself
    assert!(!c.wait().unwrap().success());
    assert_as_before(&path, &before);
}
