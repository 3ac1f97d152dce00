//! The store's shared suite, run on both backends through the one interface
//! ([`CustomerStore`], opened by location with [`open_store`]): each case is one function of a
//! store location, run once on a SQLite file (`sqlite:PATH`) and once on a fresh PostgreSQL
//! database (`postgres://...`, one database per case, created on the server that
//! `CADASTRO_TEST_PG_URL` names; scripts/pg-test-cluster.sh starts a throw-away one).
//!
//! Without `CADASTRO_TEST_PG_URL` the PostgreSQL cases print that they are skipped and pass,
//! unless `CADASTRO_TEST_PG_REQUIRED=1` (the test script sets it once its cluster is up), where
//! they fail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cadastro::{Action, Contact, Customer, Field, ImportOptions, Importer, IssueCode, Profile, Reconciler, Source};
use cadastro::{ImportPlan, Value};
use cadastro_store::{CustomerStore, ImportMode, OpenOptions, StaleReason, StoreError, StoreLocation, open_store};

/// A store location for one case: a SQLite file in a fresh directory, or a fresh database.
#[derive(Clone, Debug)]
struct Ctx {
    location: String,
    pg: bool,
}

impl Ctx {
    fn open(&self) -> Box<dyn CustomerStore> {
        open_store(&self.location, OpenOptions::default())
            .unwrap_or_else(|e| panic!("open {}: {e} ({})", self.location, e.code()))
    }

    fn open_with(&self, options: OpenOptions) -> Result<Box<dyn CustomerStore>, StoreError> {
        open_store(&self.location, options)
    }

    /// A raw connection to the case's database (PostgreSQL only).
    fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.location, postgres::NoTls).unwrap()
    }
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

fn sqlite_ctx(name: &str) -> Ctx {
    let dir = std::env::temp_dir().join(format!("cadastro-backends-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Ctx { location: format!("sqlite:{}", dir.join("store.db").display()), pg: false }
}

/// A fresh database for the case, or None (skipped) without a server.
fn pg_ctx(name: &str) -> Option<Ctx> {
    let Ok(url) = std::env::var("CADASTRO_TEST_PG_URL") else {
        if std::env::var("CADASTRO_TEST_PG_REQUIRED").is_ok_and(|v| v == "1") {
            panic!("CADASTRO_TEST_PG_REQUIRED=1 but CADASTRO_TEST_PG_URL is not set");
        }
        eprintln!("skipped: {name} on PostgreSQL (set CADASTRO_TEST_PG_URL, see scripts/pg-test-cluster.sh)");
        return None;
    };
    let db = format!("cadastro_t_{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    Some(Ctx { location: with_database(&url, &db), pg: true })
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name(&super::sqlite_ctx(stringify!($name)));
                }
                #[test]
                fn postgres() {
                    if let Some(ctx) = super::pg_ctx(stringify!($name)) {
                        super::$name(&ctx);
                    }
                }
            }
        )*
    };
}

both!(
    customers_contacts_groups_and_parents_round_trip,
    csv_imports_plan_the_same_on_both_paths_and_dry_runs_match,
    dry_runs_and_atomic_imports_with_errors_write_nothing,
    a_stale_plan_is_refused_whole_and_apply_fresh_writes_the_rest,
    copy_between_accounts_ends_identical,
    a_stored_customer_named_twice_across_chunks_is_written_once,
    a_streamed_import_equals_the_whole_file_import,
    eight_workers_on_two_accounts_lose_nothing_and_duplicate_nothing,
    a_worker_killed_mid_apply_leaves_the_store_as_before,
    a_newer_schema_is_refused,
);

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

fn customer(id: &str, name: &str, city: &str) -> Customer {
    let mut c = Customer::default();
    c.set(Field::ExternalId, text(id));
    c.set(Field::Name, text(name));
    c.set(Field::City, text(city));
    c
}

fn contact(email: &str, name: &str) -> Contact {
    let mut k = Contact::default();
    k.set(Field::ContactEmail, text(email));
    k.set(Field::ContactFirstName, text(name));
    k
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

fn whole(store: &mut dyn CustomerStore, account: &str, text: &str, mode: ImportMode) -> Result<Outcome, StoreError> {
    let imp = importer();
    let table = Source::from_bytes(text.as_bytes().to_vec()).open(&imp.options().read)?;
    let (report, outcome) = store.import_table_with(account, &imp, &table, mode, &mut |_| Ok(()))?;
    let c = outcome.plan.counts();
    assert_eq!(report.plan.unwrap(), c);
    Ok(((c.created, c.updated, c.unchanged), report.issues.iter().map(|i| i.code).collect(), outcome.applied))
}

fn streamed(
    store: &mut dyn CustomerStore,
    account: &str,
    text: &str,
    mode: ImportMode,
    chunk_rows: usize,
) -> Result<Outcome, StoreError> {
    let mut codes = Vec::new();
    let source = Source::from_bytes(text.as_bytes().to_vec());
    let out = store.import_stream(account, &importer(), &source, mode, chunk_rows, &mut |chunk| {
        codes.extend(chunk.issues.iter().map(|i| i.code));
        ControlFlow::Continue(())
    })?;
    let c = out.counts;
    Ok(((c.created, c.updated, c.unchanged), codes, out.applied))
}

/// (external id, tax id, name, city) of every stored customer of `account`, in id order.
type Brief = (Option<String>, Option<String>, Option<String>, Option<String>);
fn stored(store: &mut dyn CustomerStore, account: &str) -> Vec<Brief> {
    let Ok(customers) = store.list_customers(account, None) else { return Vec::new() };
    customers
        .iter()
        .map(|c| {
            let t = |f| c.text(f).map(str::to_owned);
            (t(Field::ExternalId), t(Field::TaxId), t(Field::Name), t(Field::City))
        })
        .collect()
}

const REAL: ImportMode = ImportMode { dry_run: false, atomic: false };
const DRY: ImportMode = ImportMode { dry_run: true, atomic: false };

fn customers_contacts_groups_and_parents_round_trip(ctx: &Ctx) {
    let mut store = ctx.open();
    assert_eq!(store.backend().as_str(), if ctx.pg { "postgres" } else { "sqlite" });
    assert!(store.schema_version().unwrap() >= 1);
    let profile = Profile::generic();
    let mut matriz = customer("M-1", "Matriz Ltda", "Recife");
    matriz.set(Field::Group, text("Varejo"));
    matriz.set(Field::Email, text("matriz@example.com"));
    matriz.contacts.push(contact("ana@example.com", "Ana"));
    matriz.contacts.push(contact("bia@example.com", "Bia"));
    matriz.custom.insert("plano".to_owned(), text("ouro"));
    let mut filial = customer("F-1", "Filial Olinda", "Olinda");
    filial.set(Field::ParentId, text("M-1"));
    filial.set(Field::Group, text("Varejo"));
    filial.set(Field::PaymentTermsDays, Value::Int(30));
    filial.set(Field::IsCompany, Value::Bool(true));
    let mut other = customer("O-1", "Outro", "Natal");
    other.set(Field::Group, text("Atacado"));
    other.set(Field::Notes, text("linha 1\nlinha \"2\" ção"));
    other.set(Field::AdditionalEmails, Value::List(vec!["a@x.com".into(), "b@x.com".into()]));
    other.custom.insert("saldo".to_owned(), Value::Number(1500.5));
    let all = vec![matriz.clone(), filial.clone(), other.clone()];
    let plan = store.import_customers("acme", &all, &profile).unwrap();
    assert_eq!(plan.counts().created, 3);
    assert_eq!(store.list_customers("acme", None).unwrap(), all, "stored exactly as given, in order");
    assert_eq!(store.list_customers("acme", Some("Varejo")).unwrap(), vec![matriz.clone(), filial.clone()]);
    assert_eq!(store.groups("acme").unwrap(), vec!["Atacado".to_owned(), "Varejo".to_owned()]);
    assert_eq!(store.accounts().unwrap(), vec!["acme".to_owned()]);
    assert_eq!(store.account_sizes().unwrap(), vec![("acme".to_owned(), 3)]);
    // The same customers again: nothing to do.
    assert!(store.import_customers("acme", &all, &profile).unwrap().is_noop());
    // An update: a changed contact and a new one; the stored ones the file omits are kept.
    let mut again = matriz.clone();
    again.contacts = vec![contact("ana@example.com", "Ana Lima"), contact("caio@example.com", "Caio")];
    let plan = store.import_customers("acme", &[again], &profile).unwrap();
    assert_eq!(plan.entries[0].action, Action::Update);
    let listed = store.list_customers("acme", None).unwrap();
    let emails: Vec<_> = listed[0].contacts.iter().map(|k| k.text(Field::ContactFirstName).unwrap()).collect();
    assert_eq!(emails, ["Ana Lima", "Bia", "Caio"]);
    // The lookup answers by each identifier.
    let base = store.base("acme").unwrap();
    let found = base.find(&[cadastro::CustomerKey::ExternalId("F-1".into())]).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].customer, filial);
    let found = base.find(&[cadastro::CustomerKey::Name(cadastro::fold_name("OUTRO"))]).unwrap();
    assert_eq!(found[0].customer, other);
    drop(base);
    // Unknown accounts and bad names.
    assert_eq!(store.list_customers("nope", None).unwrap_err().code(), "unknown_account");
    assert_eq!(store.groups("nope").unwrap_err().code(), "unknown_account");
    assert_eq!(store.create_account("  ").unwrap_err().code(), "invalid_account");
    store.create_account("empty").unwrap();
    assert_eq!(store.account_sizes().unwrap()[1], ("empty".to_owned(), 0));
    // A read-only open reads and writes nothing.
    let mut ro = ctx.open_with(OpenOptions { read_only: true, ..OpenOptions::default() }).unwrap();
    assert_eq!(ro.list_customers("acme", None).unwrap().len(), 3);
    assert!(ro.import_customers("acme", &[customer("N-1", "Novo", "Natal")], &profile).is_err());
    assert_eq!(store.list_customers("acme", None).unwrap().len(), 3);
}

/// The identity cases of issue 16, through import_table and import_stream, dry then real.
fn csv_imports_plan_the_same_on_both_paths_and_dry_runs_match(ctx: &Ctx) {
    let (a, b, c, d) = (cpf(1), cpf(2), cpf(3), cpf(4));
    let base = csv(&[("C-1", "Ana", &a), ("C-2", "Bia", &b), ("", "Caio", &c)]);
    // (file, (created, updated, unchanged), key conflicts, customers after)
    type Case = (String, (u64, u64, u64), usize, usize);
    let cases: Vec<Case> = vec![
        (csv(&[("C-1", "Ana", &d)]), (0, 1, 0), 0, 3),
        (csv(&[("C-1", "Ana", &b)]), (0, 0, 0), 1, 3),
        (csv(&[("C-9", "Ana", &a)]), (0, 0, 0), 1, 3),
        (csv(&[("C-9", "Caio", &c)]), (0, 1, 0), 0, 3),
        (csv(&[("C-1", "Ana", &a)]), (0, 0, 1), 0, 3),
        (csv(&[("C-9", "Dani", &d)]), (1, 0, 0), 0, 4),
        (csv(&[("", "Bia Souza", &b)]), (0, 1, 0), 0, 3),
        (csv(&[("C-1", "Ana", &b), ("C-2", "Bia", &a)]), (0, 0, 0), 2, 3),
        (csv(&[("C-1", "Ana Maria", &a), ("C-9", "Eva", &b)]), (0, 1, 0), 1, 3),
    ];
    let mut store = ctx.open();
    for (i, (file, counts, conflicts, after)) in cases.iter().enumerate() {
        for path in ["whole", "stream"] {
            let account = format!("case{i}-{path}");
            whole(&mut *store, &account, &base, REAL).unwrap();
            let run = |store: &mut dyn CustomerStore, mode| {
                if path == "whole" {
                    whole(store, &account, file, mode)
                } else {
                    streamed(store, &account, file, mode, 0)
                }
            };
            let before = stored(&mut *store, &account);
            let dry = run(&mut *store, DRY).unwrap();
            assert_eq!(stored(&mut *store, &account), before, "case {i} ({path}): the dry run wrote");
            let real = run(&mut *store, REAL).unwrap();
            assert_eq!((dry.0, &dry.1), (real.0, &real.1), "case {i} ({path}): dry run differs from real run");
            assert_eq!(real.0, *counts, "case {i} ({path})");
            let n = real.1.iter().filter(|c| **c == IssueCode::KeyConflict).count();
            assert_eq!(n, *conflicts, "case {i} ({path}): {:?}", real.1);
            assert_eq!(stored(&mut *store, &account).len(), *after, "case {i} ({path})");
            assert_eq!(run(&mut *store, REAL).unwrap().0.0, 0, "case {i} ({path}): a second run creates");
        }
    }
}

fn dry_runs_and_atomic_imports_with_errors_write_nothing(ctx: &Ctx) {
    let mut store = ctx.open();
    let file = csv(&[("C-1", "Ana", &cpf(1)), ("C-2", "Bia", "123"), ("C-3", "Caio", "")]);
    for path in ["whole", "stream"] {
        let account = format!("a-{path}");
        let run = |store: &mut dyn CustomerStore, mode| {
            if path == "whole" {
                whole(store, &account, &file, mode)
            } else {
                streamed(store, &account, &file, mode, 0)
            }
        };
        let dry = run(&mut *store, DRY).unwrap();
        assert_eq!((dry.0, dry.2), ((2, 0, 0), false), "{path}");
        let atomic = run(&mut *store, ImportMode { dry_run: false, atomic: true }).unwrap();
        assert_eq!((atomic.0, atomic.2), ((2, 0, 0), false), "{path}");
        assert!(stored(&mut *store, &account).is_empty(), "{path}: written");
        assert!(!store.accounts().unwrap().contains(&account), "{path}: the account was created");
        let real = run(&mut *store, REAL).unwrap();
        assert_eq!((real.0, real.2), ((2, 0, 0), true), "{path}");
        assert!(real.1.contains(&IssueCode::InvalidTaxId), "{path}: {:?}", real.1);
        assert_eq!(stored(&mut *store, &account).len(), 2, "{path}");
    }
}

fn a_stale_plan_is_refused_whole_and_apply_fresh_writes_the_rest(ctx: &Ctx) {
    let mut store = ctx.open();
    let profile = Profile::generic();
    store
        .import_customers("a", &[customer("C-1", "Ana", "Recife"), customer("C-3", "Caio", "Natal")], &profile)
        .unwrap();
    let plan = {
        let base = store.base("a").unwrap();
        let file =
            [customer("C-1", "Ana", "Olinda"), customer("C-2", "Bia", "Natal"), customer("C-3", "Caio", "Natal")];
        Reconciler::new(&profile).plan(&file, &*base).unwrap()
    };
    assert_eq!(plan.counts().created + plan.counts().updated + plan.counts().unchanged, 3);
    // Meanwhile: C-1 updated, C-2 created by someone else.
    let mut other = ctx.open();
    other
        .import_customers("a", &[customer("C-1", "Ana", "Caruaru"), customer("C-2", "Bia", "Sousa")], &profile)
        .unwrap();
    let before = stored(&mut *store, "a");
    let err = store.apply("a", &plan).unwrap_err();
    assert_eq!(err.code(), "stale_plan", "{err}");
    assert!(err.to_string().contains("2 of the plan's 3 entries"), "{err}");
    assert_eq!(stored(&mut *store, "a"), before, "a refused plan wrote");
    let outcome = store.apply_fresh("a", &plan).unwrap();
    assert_eq!((outcome.written.created, outcome.written.updated, outcome.written.unchanged), (0, 0, 1));
    let reasons: Vec<_> = outcome.stale.iter().map(|s| (s.rows.clone(), s.action, s.reason)).collect();
    assert_eq!(
        reasons,
        vec![(vec![], Action::Update, StaleReason::Changed), (vec![], Action::Create, StaleReason::KeyTaken)]
    );
    assert_eq!(stored(&mut *store, "a"), before, "only the unchanged entry was fresh");
    // A plan whose ids are not the store's.
    let mut bogus = plan.clone();
    if let Some(e) = bogus.entries.iter_mut().find(|e| e.existing.is_some()) {
        e.existing.as_mut().unwrap().id = "not-an-id".to_owned();
    }
    assert_eq!(store.apply("a", &bogus).unwrap_err().code(), "invalid_plan");
    // A fresh plan applies, with progress per written customer.
    let plan = {
        let base = store.base("a").unwrap();
        Reconciler::new(&profile).plan(&[customer("C-1", "Ana", "Olinda"), customer("C-4", "Duda", "Natal")], &*base)
    }
    .unwrap();
    let mut calls = Vec::new();
    let counts = store.apply_with_progress("a", &plan, &mut |done, total| calls.push((done, total))).unwrap();
    assert_eq!((counts.created, counts.updated), (1, 1));
    assert_eq!(calls, vec![(1, 2), (2, 2)]);
    assert_eq!(stored(&mut *store, "a")[0].3.as_deref(), Some("Olinda"));
}

fn copy_between_accounts_ends_identical(ctx: &Ctx) {
    let mut store = ctx.open();
    let profile = Profile::generic();
    let mut m = customer("M-1", "Matriz", "Recife");
    m.contacts.push(contact("ana@example.com", "Ana"));
    m.set(Field::Group, text("G1"));
    let mut f = customer("F-1", "Filial", "Olinda");
    f.set(Field::ParentId, text("M-1"));
    store.import_customers("matriz", &[m, f], &profile).unwrap();
    let plan = store.plan_copy("matriz", "filial", None, &profile).unwrap();
    assert_eq!(plan.counts().created, 2);
    assert!(!store.accounts().unwrap().contains(&"filial".to_owned()), "a plan writes nothing");
    store.copy_account("matriz", "filial", None, &profile).unwrap();
    assert_eq!(store.list_customers("filial", None).unwrap(), store.list_customers("matriz", None).unwrap());
    assert!(store.copy_account("matriz", "filial", None, &profile).unwrap().is_noop());
    let only = store.plan_copy("matriz", "g1", Some("G1"), &profile).unwrap();
    assert_eq!(only.counts().created, 1);
    assert_eq!(store.plan_copy("nope", "x", None, &profile).unwrap_err().code(), "unknown_account");
}

/// The #21 integrity fix: a stored customer that two rows in different chunks identify by
/// different keys (one by external id, one by tax id) is written once; the second row is a
/// `key_conflict`, as in the whole-file plan, where each stored customer is matched once.
fn a_stored_customer_named_twice_across_chunks_is_written_once(ctx: &Ctx) {
    let t = cpf(7);
    let base = csv(&[("C-1", "Ana", &t), ("C-2", "Bia", &cpf(8))]);
    // Row 2 names C-1 by its external id; row 4 (another chunk with 2-row chunks) names it by
    // its tax id alone.
    let file = format!(
        "External ID,Name,Tax ID,Country,City\nC-1,Ana,,BR,Olinda\nC-2,Bia,,BR,Natal\n,Ana Souza,{t},BR,Caruaru\n"
    );
    let mut store = ctx.open();
    let mut results = Vec::new();
    for (path, chunk) in [("whole", 0), ("stream", 2), ("stream", 1), ("stream", 0)] {
        let account = format!("{path}{chunk}");
        whole(&mut *store, &account, &base, REAL).unwrap();
        let run = |store: &mut dyn CustomerStore, mode| {
            if path == "whole" {
                whole(store, &account, &file, mode)
            } else {
                streamed(store, &account, &file, mode, chunk)
            }
        };
        let dry = run(&mut *store, DRY).map_err(|e| e.code().to_owned());
        let real = run(&mut *store, REAL).map_err(|e| e.code().to_owned());
        let shown = |o: &Result<Outcome, String>| o.as_ref().map(|o| (o.0, o.1.clone())).map_err(Clone::clone);
        assert_eq!(shown(&dry), shown(&real), "{path} {chunk}: the dry run differs");
        let after = stored(&mut *store, &account);
        results.push((path, chunk, real.clone(), after.clone()));
        let real = real.unwrap_or_else(|e| panic!("{path} {chunk}: {e}"));
        // C-1 updated once (from row 2), C-2 updated; row 4 rejected, nothing else written.
        assert_eq!(real.0, (0, 2, 0), "{path} {chunk}: {real:?}");
        assert_eq!(real.1, vec![IssueCode::KeyConflict], "{path} {chunk}");
        assert_eq!(after.len(), 2, "{path} {chunk}: {after:?}");
        assert_eq!(after[0].3.as_deref(), Some("Olinda"), "{path} {chunk}: {after:?}");
        assert_eq!(after[0].2.as_deref(), Some("Ana"), "{path} {chunk}: {after:?}");
    }
    // Every path ends with the same store.
    assert!(results.windows(2).all(|w| w[0].3 == w[1].3), "{results:#?}");
}

fn a_streamed_import_equals_the_whole_file_import(ctx: &Ctx) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/clientes-asaas.csv");
    let imp = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
    let mut store = ctx.open();
    let table = Source::from_path(&path).open(&imp.options().read).unwrap();
    let (report, whole_out) = store.import_table_with("whole", &imp, &table, REAL, &mut |_| Ok(())).unwrap();
    for chunk in [1, 3, 0] {
        let account = format!("stream{chunk}");
        let mut issues = Vec::new();
        let out = store
            .import_stream(&account, &imp, &Source::from_path(&path), REAL, chunk, &mut |c| {
                issues.extend(c.issues.iter().map(|i| (i.row, i.code)));
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(out.counts, whole_out.plan.counts(), "chunk {chunk}");
        let expected: Vec<_> = report.issues.iter().map(|i| (i.row, i.code)).collect();
        assert_eq!(issues, expected, "chunk {chunk}");
        assert_eq!(store.list_customers(&account, None).unwrap(), store.list_customers("whole", None).unwrap());
        // Again: all unchanged.
        let again = store
            .import_stream(&account, &imp, &Source::from_path(&path), REAL, chunk, &mut |_| ControlFlow::Continue(()));
        let again = again.unwrap().counts;
        assert_eq!((again.created, again.updated), (0, 0), "chunk {chunk}");
    }
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

/// 8 workers (threads, one connection each) import into 2 accounts at once, whole-file and
/// streamed, keyed by external id, tax id or name: every row is created once in its account,
/// and every worker's rows are all accounted for (created, updated or unchanged).
fn eight_workers_on_two_accounts_lose_nothing_and_duplicate_nothing(ctx: &Ctx) {
    const N: u64 = 400;
    for kind in ["external_id", "tax_id", "name"] {
        let text = rows_csv(kind, N);
        let handles: Vec<_> = (0..8)
            .map(|w| {
                let (ctx, text) = (ctx.clone(), text.clone());
                std::thread::spawn(move || -> Result<Outcome, StoreError> {
                    let mut store = ctx.open_with(OpenOptions::default())?;
                    let account = format!("{kind}-{}", w % 2);
                    if w % 4 < 2 {
                        whole(&mut *store, &account, &text, REAL)
                    } else {
                        streamed(&mut *store, &account, &text, REAL, 97)
                    }
                })
            })
            .collect();
        let mut created = [0, 0];
        for (w, h) in handles.into_iter().enumerate() {
            let out = h.join().unwrap().unwrap_or_else(|e| panic!("{kind} worker {w}: {e} ({})", e.code()));
            assert!(out.1.is_empty(), "{kind} worker {w}: {:?}", out.1);
            assert!(out.2, "{kind} worker {w}: not applied");
            let (c, u, n) = out.0;
            assert_eq!(c + u + n, N, "{kind} worker {w}: rows unaccounted for");
            created[w % 2] += c;
        }
        let mut store = ctx.open();
        for (account, created) in created.iter().enumerate() {
            let s = stored(&mut *store, &format!("{kind}-{account}"));
            assert_eq!(s.len() as u64, N, "{kind} account {account}: duplicates or losses");
            let mut keys: Vec<String> = s.iter().map(|c| format!("{c:?}")).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len() as u64, N, "{kind} account {account}");
            assert_eq!(*created, N, "{kind} account {account}: created once in all");
        }
    }
}

const CHILD: &str = "CADASTRO_BACKENDS_CRASH_CHILD";
const CRASH_N: usize = 1_500;

fn crash_customer(i: usize, city: &str) -> Customer {
    let mut c = customer(&format!("C-{i}"), &format!("Customer {i}"), city);
    c.set(Field::Group, text(&format!("G{}", i % 7)));
    c.contacts.push(contact(&format!("c{i}@example.com"), "Contato"));
    c
}

fn crash_plan(store: &mut dyn CustomerStore) -> ImportPlan {
    let customers: Vec<Customer> = (0..2 * CRASH_N).map(|i| crash_customer(i, "Olinda")).collect();
    // A boxed lookup is a lookup.
    let base = store.base("a").unwrap();
    Reconciler::new(&Profile::generic()).plan(&customers, &base).unwrap()
}

/// The worker the crash test kills: applies the plan and waits, half-way, for SIGKILL.
#[test]
fn crash_worker() {
    let Ok(location) = std::env::var(CHILD) else { return };
    let mut store = open_store(&location, OpenOptions::default()).unwrap();
    let plan = crash_plan(&mut *store);
    store
        .apply_with_progress("a", &plan, &mut |done, total| {
            if done == total / 2 {
                println!("\nHALF {done}/{total}");
                std::thread::sleep(Duration::from_secs(120));
            }
        })
        .unwrap();
}

/// A worker killed (SIGKILL) half-way through applying a plan: the transaction is rolled back
/// (SQLite on the next open, PostgreSQL when the server sees the connection drop), the store is
/// exactly as before, and a re-run completes.
fn a_worker_killed_mid_apply_leaves_the_store_as_before(ctx: &Ctx) {
    let mut store = ctx.open();
    let first: Vec<Customer> = (0..CRASH_N).map(|i| crash_customer(i, "Recife")).collect();
    store.import_customers("a", &first, &Profile::generic()).unwrap();
    let before = store.list_customers("a", None).unwrap();
    drop(store);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash_worker", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, &ctx.location)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut half = false;
    for line in out.lines() {
        if line.unwrap().starts_with("HALF") {
            half = true;
            break;
        }
    }
    assert!(half, "the worker never reached half-way");
    child.kill().unwrap();
    child.wait().unwrap();
    // PostgreSQL notices the dropped connection and rolls back; a reader never sees the half.
    let mut store = ctx.open();
    assert_eq!(store.list_customers("a", None).unwrap(), before, "a killed apply left a trace");
    // The account lock was released with the connection: a re-run completes at once.
    store.set_busy_timeout(Duration::from_secs(20)).unwrap();
    let plan = crash_plan(&mut *store);
    let counts = store.apply("a", &plan).unwrap();
    assert_eq!((counts.created, counts.updated), (CRASH_N as u64, CRASH_N as u64));
    let after = store.list_customers("a", None).unwrap();
    assert_eq!(after.len(), 2 * CRASH_N);
    assert!(after.iter().all(|c| c.text(Field::City) == Some("Olinda")));
}

fn a_newer_schema_is_refused(ctx: &Ctx) {
    let mut store = ctx.open();
    store.create_account("a").unwrap();
    drop(store);
    if ctx.pg {
        ctx.client().batch_execute("UPDATE cadastro.schema_version SET version = 99").unwrap();
    } else {
        let path = ctx.location.strip_prefix("sqlite:").unwrap();
        rusqlite::Connection::open(path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    }
    for read_only in [false, true] {
        let err = ctx.open_with(OpenOptions { read_only, ..OpenOptions::default() }).unwrap_err();
        assert_eq!(err.code(), "store_too_new", "{err}");
    }
}

#[test]
fn locations_pick_the_backend_and_others_are_refused_clearly() {
    use StoreLocation::{Postgres, Sqlite};
    assert_eq!(StoreLocation::parse("c.db").unwrap(), Sqlite("c.db".into()));
    assert_eq!(StoreLocation::parse("sqlite:dir/c.db").unwrap(), Sqlite("dir/c.db".into()));
    assert_eq!(StoreLocation::parse("sqlite:///tmp/c.db").unwrap(), Sqlite("/tmp/c.db".into()));
    assert_eq!(StoreLocation::parse("C:\\data\\c.db").unwrap(), Sqlite("C:\\data\\c.db".into()));
    assert!(matches!(StoreLocation::parse("postgres://u@h/db").unwrap(), Postgres(_)));
    assert!(matches!(StoreLocation::parse("PostgreSQL://u@h/db").unwrap(), Postgres(_)));
    for bad in ["", "mysql://h/db", "http://x/y", "sqlite:"] {
        let err = StoreLocation::parse(bad).unwrap_err();
        assert_eq!(err.code(), "unsupported_store", "{bad}");
    }
    let url = "postgres://app:s3cret@db.internal:5432/billing";
    assert_eq!(StoreLocation::parse(url).unwrap().display(), "postgres://app:***@db.internal:5432/billing");
    let err = open_store("mysql://app:s3cret@h/db", OpenOptions::default()).unwrap_err();
    assert!(!err.to_string().contains("s3cret"), "{err}");
}

#[test]
fn an_unreachable_server_is_a_clear_error() {
    // Port 1 on loopback: nothing listens there.
    let start = Instant::now();
    let err = open_store("postgres://cadastro@127.0.0.1:1/db?connect_timeout=5", OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "store_unreachable", "{err}");
    assert!(start.elapsed() < Duration::from_secs(30));
    let err = open_store("postgres://cadastro@127.0.0.1:1/db?sslmode=bogus", OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "store_unreachable", "{err}");
}

/// PostgreSQL only: a second writer into the same account waits for the account's lock up to
/// the busy timeout, then gets `store_busy` having written nothing; another account is not
/// blocked.
#[test]
fn postgres_a_blocked_writer_gets_store_busy_and_other_accounts_are_free() {
    let Some(ctx) = pg_ctx("busy") else { return };
    let mut store = ctx.open();
    store.create_account("a").unwrap();
    let mut holder = ctx.client();
    let mut tx = holder.transaction().unwrap();
    tx.execute("SELECT pg_advisory_xact_lock(1128551252, hashtext('a'))", &[]).unwrap();
    store.set_busy_timeout(Duration::from_millis(300)).unwrap();
    let start = Instant::now();
    let err = store.import_customers("a", &[customer("C-1", "Ana", "Recife")], &Profile::generic()).unwrap_err();
    assert_eq!(err.code(), "store_busy", "{err}");
    assert!(start.elapsed() >= Duration::from_millis(250), "{:?}", start.elapsed());
    let plan = store.import_customers("b", &[customer("C-1", "Ana", "Recife")], &Profile::generic()).unwrap();
    assert_eq!(plan.counts().created, 1);
    tx.rollback().unwrap();
    assert!(store.list_customers("a", None).unwrap().is_empty());
    assert_eq!(
        store.import_customers("a", &[customer("C-1", "Ana", "Recife")], &Profile::generic()).unwrap().counts().created,
        1
    );
}

/// PostgreSQL only: a database whose `cadastro` schema holds other tables is refused, and
/// concurrent first connections to a new database create the schema once.
#[test]
fn postgres_foreign_schema_refused_and_concurrent_first_connections_succeed() {
    let Some(ctx) = pg_ctx("foreign") else { return };
    ctx.client().batch_execute("CREATE SCHEMA cadastro; CREATE TABLE cadastro.invoices (id int)").unwrap();
    let err = ctx.open_with(OpenOptions::default()).unwrap_err();
    assert_eq!(err.code(), "not_a_store", "{err}");
    let Some(ctx) = pg_ctx("first_open") else { return };
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let ctx = ctx.clone();
            std::thread::spawn(move || ctx.open_with(OpenOptions::default()).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    let mut store = ctx.open();
    assert_eq!(store.schema_version().unwrap(), cadastro_store::PG_SCHEMA_VERSION);
    // Read-only open of a database without the schema: refused, nothing created.
    let Some(empty) = pg_ctx("empty_ro") else { return };
    let err = empty.open_with(OpenOptions { read_only: true, ..OpenOptions::default() }).unwrap_err();
    assert_eq!(err.code(), "store_outdated", "{err}");
    let exists: bool =
        empty.client().query_one("SELECT to_regclass('cadastro.customers') IS NOT NULL", &[]).unwrap().get(0);
    assert!(!exists);
}
