//! `Store::plan_copy` and `Store::copy_account` (issue 16 point 6): the copy of one account's
//! customers into another goes through the plan and apply of an import (its identity rules, its
//! single transaction); the plan is exactly what the copy then does; and a copy killed half-way
//! leaves the target account as it was, intact, and completes when run again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use cadastro::Action;
use cadastro::{Contact, Customer, Field, Profile, Value};
use cadastro_store::{Store, StoreError};

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

fn customer(pairs: &[(Field, &str)]) -> Customer {
    let mut c = Customer::default();
    for (f, v) in pairs {
        c.set(*f, text(v));
    }
    c
}

fn counts(plan: &cadastro::ImportPlan) -> (u64, u64, u64) {
    let c = plan.counts();
    (c.created, c.updated, c.unchanged)
}

#[test]
fn a_copy_plans_with_the_identity_rules_of_an_import() {
    let mut store = Store::open_in_memory().unwrap();
    let generic = Profile::generic();
    let mut ana = customer(&[(Field::ExternalId, "C-1"), (Field::Name, "Ana"), (Field::Group, "Varejo")]);
    ana.custom.insert("empresa".into(), text("ACME"));
    ana.contacts.push(Contact::with_fields(0, [(Field::ContactEmail, text("ana@acme.example"))]));
    let bia = customer(&[(Field::TaxId, "52998224725"), (Field::Name, "Bia"), (Field::City, "Recife")]);
    let caio = customer(&[(Field::Name, "Caio"), (Field::Group, "Atacado")]);
    store.import_customers("matriz", &[ana.clone(), bia.clone(), caio.clone()], &generic).unwrap();
    // The target knows Ana by external id (another name), Bia by tax id (same values).
    let old_ana = customer(&[(Field::ExternalId, "C-1"), (Field::Name, "Ana Maria")]);
    store.import_customers("filial", &[old_ana, bia.clone()], &generic).unwrap();

    let plan = store.plan_copy("matriz", "filial", None, &generic).unwrap();
    assert_eq!(counts(&plan), (1, 1, 1));
    let update = plan.entries.iter().find(|e| e.action == Action::Update).unwrap();
    let changed: Vec<&str> = update.diff.fields.iter().map(|f| f.field.name()).collect();
    assert!(changed.contains(&"name"), "{changed:?}");
    // A plan writes nothing; the copy does exactly what it said.
    assert_eq!(store.list_customers("filial", None).unwrap().len(), 2);
    let done = store.copy_account("matriz", "filial", None, &generic).unwrap();
    assert_eq!(counts(&done), counts(&plan));
    let filial = store.list_customers("filial", None).unwrap();
    assert_eq!(filial.len(), 3);
    let copied = filial.iter().find(|c| c.text(Field::ExternalId) == Some("C-1")).unwrap();
    assert_eq!(copied.text(Field::Name), Some("Ana"));
    assert_eq!(copied.custom.get("empresa"), Some(&text("ACME")), "custom fields travel");
    assert_eq!(copied.contacts.len(), 1, "contacts travel");
    // Again: nothing to do.
    assert_eq!(counts(&store.copy_account("matriz", "filial", None, &generic).unwrap()), (0, 0, 3));
    // One group into a new account.
    let plan = store.plan_copy("matriz", "nova", Some("Atacado"), &generic).unwrap();
    assert_eq!(counts(&plan), (1, 0, 0));
    assert!(matches!(store.list_customers("nova", None), Err(StoreError::UnknownAccount(_))));
    assert!(matches!(store.plan_copy("nada", "nova", None, &generic), Err(StoreError::UnknownAccount(_))));
}

const CHILD: &str = "CADASTRO_STORE_COPY_CRASH_CHILD";
const N: usize = 3_000;

fn source_customers() -> Vec<Customer> {
    (0..N)
        .map(|i| {
            let mut c = customer(&[
                (Field::ExternalId, &format!("C-{i}")),
                (Field::Name, &format!("Customer {i}")),
                (Field::City, "Olinda"),
            ]);
            c.contacts.push(Contact::with_fields(0, [(Field::ContactEmail, text(&format!("c{i}@example.com")))]));
            c
        })
        .collect()
}

/// The target before the copy: a third of the source's customers, in another city.
fn target_before() -> Vec<Customer> {
    (0..N / 3)
        .map(|i| {
            customer(&[
                (Field::ExternalId, &format!("C-{i}")),
                (Field::Name, &format!("Customer {i}")),
                (Field::City, "Recife"),
            ])
        })
        .collect()
}

/// The child: copies `a` into `b` through the copy's own plan and dies half-way through the
/// apply (only when run by the parent), waiting for the parent's SIGKILL inside the transaction.
#[test]
fn copy_crash_child() {
    let Ok(path) = std::env::var(CHILD) else { return };
    let mut store = Store::open(&path).unwrap();
    let plan = store.plan_copy("a", "b", None, &Profile::generic()).unwrap();
    store
        .apply_with_progress("b", &plan, &mut |done, total| {
            if done == total / 2 {
                println!("\nHALF {done}/{total}");
                std::thread::sleep(std::time::Duration::from_secs(120));
            }
        })
        .unwrap();
    println!("\nFINISHED");
}

#[test]
fn a_copy_killed_mid_apply_leaves_the_target_as_before_and_completes_when_run_again() {
    let dir = std::env::temp_dir().join(format!("cadastro-copy-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("cadastro.db");
    let (source, before) = {
        let mut store = Store::open(&path).unwrap();
        store.import_customers("a", &source_customers(), &Profile::generic()).unwrap();
        store.import_customers("b", &target_before(), &Profile::generic()).unwrap();
        (store.list_customers("a", None).unwrap(), store.list_customers("b", None).unwrap())
    };
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["copy_crash_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let half = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("HALF"))).expect("child reached half-way");
    assert_eq!(half.unwrap(), format!("HALF {}/{N}", N / 2));
    child.kill().unwrap(); // SIGKILL: no rollback by the process itself
    assert!(!child.wait().unwrap().success());

    let mut store = Store::open(&path).unwrap();
    let check: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(store.list_customers("b", None).unwrap(), before, "nothing half-copied");
    assert_eq!(store.list_customers("a", None).unwrap(), source, "the source is untouched");
    // The same copy, run again, completes.
    let plan = store.copy_account("a", "b", None, &Profile::generic()).unwrap();
    assert_eq!(counts(&plan), ((N - N / 3) as u64, (N / 3) as u64, 0));
    let after = store.list_customers("b", None).unwrap();
    assert_eq!(after.len(), N);
    assert!(after.iter().all(|c| c.text(Field::City) == Some("Olinda") && c.contacts.len() == 1));
    let _ = std::fs::remove_dir_all(&dir);
}
