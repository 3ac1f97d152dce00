//! The embedded store: schema, apply in one transaction, atomic and dry-run imports, stale
//! plans, parents, groups, and the account-to-account migration.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use cadastro::Table;
use cadastro::{Action, BaseParents, CustomerLookup, Reconciler};
use cadastro::{Customer, CustomerKey, Field, ImportOptions, Importer, Profile, Report, Value};
use cadastro_store::{ImportMode, SCHEMA_VERSION, Store, StoreError};

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table::from_text_rows(headers, rows)
}

/// Validates a table against an account of the store (parents may live in the base).
fn validate(store: &Store, account: &str, profile: &Profile, t: &Table) -> Report {
    let imp = Importer::new(ImportOptions { profile: profile.clone(), ..ImportOptions::default() }).unwrap();
    let base = store.base(account).unwrap();
    let parents = BaseParents::for_table(t, &imp.columns(t).unwrap(), &base).unwrap();
    imp.validate_table(t, &parents).unwrap()
}

fn import(store: &mut Store, account: &str, profile: &Profile, t: &Table, mode: ImportMode) -> (Report, Vec<Action>) {
    let mut report = validate(store, account, profile, t);
    let out = store.import_report(account, &mut report, profile, mode).unwrap();
    (report, out.plan.entries.iter().map(|e| e.action).collect())
}

const UPFLOW: &[&str] = &[
    "Customer ID",
    "Customer name",
    "Town",
    "Default payment period",
    "Parent ID",
    "Contact email",
    "Contact first name",
    "Main contact",
];

fn upflow_file() -> Table {
    table(
        UPFLOW,
        &[
            &["H1", "Holding SA", "Paris", "30", "", "cfo@holding.example", "Camille", "true"],
            &["H1", "", "", "", "", "ap@holding.example", "Paul", ""],
            &["S1", "Filiale Lyon", "Lyon", "45", "H1", "compta@lyon.example", "Lea", "true"],
            &["S2", "Filiale Nice", "Nice", "", "H1", "", "", ""],
        ],
    )
}

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("cadastro.db")
}

#[test]
fn schema_is_versioned_and_newer_files_are_refused() {
    let path = tmp("schema");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }
    // Reopening runs no migration twice.
    let mut store = Store::open(&path).unwrap();
    store.create_account("acme").unwrap();
    drop(store);
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.accounts().unwrap(), ["acme"]);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "store_too_new", "{err}");
    assert!(Store::open_read_only(path.with_file_name("missing.db")).is_err());
}

#[test]
fn import_round_trips_customers_contacts_groups_and_parents() {
    let profile = Profile::builtin("upflow").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let (report, actions) = import(&mut store, "fr", &profile, &upflow_file(), ImportMode::default());
    assert!(!report.has_errors(), "{:?}", report.issues);
    assert_eq!(actions, [Action::Create; 3]);
    let listed = store.list_customers("fr", None).unwrap();
    let mut expected = report.customers.clone();
    for c in &mut expected {
        c.rows.clear();
        c.contacts.iter_mut().for_each(|k| k.row = 0);
    }
    assert_eq!(listed, expected);
    assert_eq!(listed[0].contacts.len(), 2);
    assert_eq!(listed[1].get(Field::PaymentTermsDays).cloned().unwrap(), Value::Int(45));
    // Parent links resolve to the stored parent's row.
    let links: Vec<(String, Option<String>)> = store
        .connection()
        .prepare(
            "SELECT c.name, p.name FROM customers c LEFT JOIN customers p ON p.id = c.parent_customer_id ORDER BY c.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        links,
        [
            ("Holding SA".to_owned(), None),
            ("Filiale Lyon".to_owned(), Some("Holding SA".to_owned())),
            ("Filiale Nice".to_owned(), Some("Holding SA".to_owned()))
        ]
    );
    // The same file again: all unchanged, nothing written.
    let (_, actions) = import(&mut store, "fr", &profile, &upflow_file(), ImportMode::default());
    assert_eq!(actions, [Action::Unchanged; 3]);
    assert_eq!(store.list_customers("fr", None).unwrap(), expected);
    assert_eq!(store.accounts().unwrap(), ["fr"]);
}

#[test]
fn groups_export_one_group() {
    let profile = Profile::builtin("asaas").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let t = table(
        &["Identificador Externo", "Nome completo", "CPF/CNPJ", "Grupo"],
        &[
            &["1", "Ana", "52998224725", "Varejo"],
            &["2", "Bia", "11144477735", "Atacado"],
            &["3", "Caio", "39053344705", "Varejo"],
            &["4", "Duda", "12345678909", ""],
        ],
    );
    let (report, _) = import(&mut store, "br", &profile, &t, ImportMode::default());
    assert_eq!(report.stats.customers_valid, 4, "{:?}", report.issues);
    assert_eq!(store.groups("br").unwrap(), ["Atacado", "Varejo"]);
    let varejo: Vec<String> = store
        .list_customers("br", Some("Varejo"))
        .unwrap()
        .iter()
        .map(|c| c.text(Field::Name).unwrap().to_owned())
        .collect();
    assert_eq!(varejo, ["Ana", "Caio"]);
    assert_eq!(store.list_customers("br", Some("Atacado")).unwrap().len(), 1);
    assert!(store.list_customers("br", Some("Nope")).unwrap().is_empty());
    assert_eq!(store.list_customers("nope", None).unwrap_err().code(), "unknown_account");
    // Moving a customer to another group moves it in the listing.
    let moved = table(
        &["Identificador Externo", "Nome completo", "CPF/CNPJ", "Grupo"],
        &[&["3", "Caio", "39053344705", "Atacado"]],
    );
    import(&mut store, "br", &profile, &moved, ImportMode::default());
    assert_eq!(store.list_customers("br", Some("Varejo")).unwrap().len(), 1);
    assert_eq!(store.list_customers("br", Some("Atacado")).unwrap().len(), 2);
}

fn file_with_an_error() -> Table {
    table(
        &["External ID", "Name", "City"],
        &[&["C-1", "Ana", "Recife"], &["C-2", "", "Natal"], &["C-3", "Caio", "Olinda"]],
    )
}

#[test]
fn atomic_writes_nothing_when_the_file_has_errors_otherwise_valid_rows_are_written() {
    let profile = Profile::generic();
    let mut store = Store::open_in_memory().unwrap();
    let atomic = ImportMode { atomic: true, dry_run: false };
    let mut report = validate(&store, "a", &profile, &file_with_an_error());
    assert!(report.has_errors());
    let out = store.import_report("a", &mut report, &profile, atomic).unwrap();
    assert!(!out.applied);
    assert_eq!(report.plan.unwrap().created, 2, "the plan is still shown");
    assert!(store.accounts().unwrap().is_empty(), "nothing written, not even the account");

    let (_, actions) = import(&mut store, "a", &profile, &file_with_an_error(), ImportMode::default());
    assert_eq!(actions, [Action::Create; 2]);
    let names: Vec<String> =
        store.list_customers("a", None).unwrap().iter().map(|c| c.text(Field::Name).unwrap().to_owned()).collect();
    assert_eq!(names, ["Ana", "Caio"]);
}

#[test]
fn dry_run_writes_nothing() {
    let profile = Profile::generic();
    let path = tmp("dry");
    let mut store = Store::open(&path).unwrap();
    import(&mut store, "a", &profile, &file_with_an_error(), ImportMode::default());
    let edited = table(&["External ID", "Name", "City"], &[&["C-1", "Ana", "Paulista"], &["C-9", "Novo", ""]]);
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    let mut ro = Store::open_read_only(&path).unwrap();
    let mut report = validate(&ro, "a", &profile, &edited);
    let out = ro.import_report("a", &mut report, &profile, ImportMode { dry_run: true, atomic: false }).unwrap();
    assert!(!out.applied);
    let c = report.plan.unwrap();
    assert_eq!((c.created, c.updated, c.unchanged), (1, 1, 0));
    assert_eq!(out.plan.entries[0].diff.fields[0].new, Some(Value::Text("Paulista".into())));
    drop(ro);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    // A read-only store refuses writes outright.
    let mut ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.apply("a", &out.plan).unwrap_err().code(), "store_error");
}

#[test]
fn a_stale_plan_is_refused_whole() {
    let profile = Profile::generic();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "a", &profile, &file_with_an_error(), ImportMode::default());
    let before = store.list_customers("a", None).unwrap();
    // Plan an edit plus a create, then let something else update C-1 first.
    let edit = table(&["External ID", "Name", "City"], &[&["C-9", "Nova", ""], &["C-1", "Ana", "Paulista"]]);
    let report = validate(&store, "a", &profile, &edit);
    let stale = Reconciler::new(&profile).plan(&report.customers, &store.base("a").unwrap()).unwrap();
    let other = table(&["External ID", "Name", "City"], &[&["C-1", "Ana", "Caruaru"]]);
    import(&mut store, "a", &profile, &other, ImportMode::default());
    let after_other = store.list_customers("a", None).unwrap();
    assert_ne!(after_other, before);
    let err = store.apply("a", &stale).unwrap_err();
    assert_eq!(err.code(), "stale_plan", "{err}");
    assert_eq!(store.list_customers("a", None).unwrap(), after_other, "the create of C-9 was rolled back too");
    // A created key taken meanwhile is stale as well.
    let create = Reconciler::new(&profile)
        .plan(
            &validate(&store, "a", &profile, &table(&["External ID", "Name"], &[&["C-7", "X"]])).customers,
            &store.base("a").unwrap(),
        )
        .unwrap();
    store.apply("a", &create).unwrap();
    let err = store.apply("a", &create).unwrap_err();
    assert_eq!(err.code(), "stale_plan");
    assert!(err.to_string().contains("1 of the plan's 1 entries are stale"), "{err}");
    assert!(err.to_string().contains("or name): row 2"), "{err}");
}

/// A reviewed plan of four entries against C-1..C-4, then another writer changes C-1, deletes
/// C-2's row and creates C-5 (which the plan also creates): `apply` refuses all of it and
/// names the three stale rows; `apply_fresh` writes the one entry that still fits and
/// reports the other three, leaving the other writer's work as it was.
#[test]
fn stale_rows_are_named_and_apply_fresh_writes_the_rest() {
    let profile = Profile::generic();
    let mut store = Store::open_in_memory().unwrap();
    let h = ["External ID", "Name", "City"];
    let first = table(&h, &[&["C-1", "Ana", "Recife"], &["C-2", "Bia", "Natal"], &["C-3", "Caio", "Olinda"]]);
    import(&mut store, "a", &profile, &first, ImportMode::default());
    // Reviewed: C-1 and C-2 updated, C-3 unchanged, C-5 created.
    let review = table(
        &h,
        &[
            &["C-1", "Ana", "Paulista"],
            &["C-2", "Bia", "Mossoró"],
            &["C-3", "Caio", "Olinda"],
            &["C-5", "Eva", "Caxias"],
        ],
    );
    let report = validate(&store, "a", &profile, &review);
    let plan = Reconciler::new(&profile).plan(&report.customers, &store.base("a").unwrap()).unwrap();
    let actions: Vec<Action> = plan.entries.iter().map(|e| e.action).collect();
    assert_eq!(actions, [Action::Update, Action::Update, Action::Unchanged, Action::Create]);
    // Meanwhile: C-1 and C-3 edited, C-5 created by another writer; C-2 untouched.
    let other = table(&h, &[&["C-1", "Ana", "Caruaru"], &["C-3", "Caio", "Garanhuns"], &["C-5", "Eva", "Gravatá"]]);
    import(&mut store, "a", &profile, &other, ImportMode::default());
    let meanwhile = store.list_customers("a", None).unwrap();

    let err = store.apply("a", &plan).unwrap_err();
    assert_eq!(err.code(), "stale_plan");
    let msg = err.to_string();
    assert!(msg.contains("3 of the plan's 4 entries are stale"), "{msg}");
    assert!(msg.contains("changed since the plan was made: rows 2, 4"), "{msg}");
    assert!(msg.contains("or name): row 5"), "{msg}");
    assert_eq!(store.list_customers("a", None).unwrap(), meanwhile, "nothing written");

    let out = store.apply_fresh("a", &plan).unwrap();
    assert_eq!((out.written.created, out.written.updated, out.written.unchanged), (0, 1, 0));
    let stale: Vec<(Vec<u32>, Action, &str)> =
        out.stale.iter().map(|s| (s.rows.clone(), s.action, s.reason.as_str())).collect();
    assert_eq!(
        stale,
        [
            (vec![2], Action::Update, "changed"),
            (vec![4], Action::Unchanged, "changed"),
            (vec![5], Action::Create, "key_taken")
        ]
    );
    assert_eq!(out.stale[0].id.as_deref(), plan.entries[0].existing.as_ref().map(|r| r.id.as_str()));
    let city = |cs: &[Customer], id: &str| {
        cs.iter().find(|c| c.text(Field::ExternalId) == Some(id)).and_then(|c| c.text(Field::City)).map(String::from)
    };
    let now = store.list_customers("a", None).unwrap();
    assert_eq!(now.len(), 4, "C-5 not created twice");
    let before_groups = store.groups("a").unwrap();
    assert!(before_groups.is_empty());
    assert_eq!(city(&now, "C-1").as_deref(), Some("Caruaru"), "the other writer's change is kept");
    assert_eq!(city(&now, "C-2").as_deref(), Some("Mossoró"), "the fresh entry is written");
    assert_eq!(city(&now, "C-3").as_deref(), Some("Garanhuns"));
    assert_eq!(city(&now, "C-5").as_deref(), Some("Gravatá"));

    // A create whose key was taken, in a group that did not exist: the group it created is
    // rolled back with it, and the next entry's new group is still written correctly.
    let hg = ["External ID", "Name", "Group"];
    let grouped = validate(&store, "a", &profile, &table(&hg, &[&["C-8", "Hugo", "Novos"], &["C-9", "Iris", "Novos"]]));
    let grouped = Reconciler::new(&profile).plan(&grouped.customers, &store.base("a").unwrap()).unwrap();
    import(&mut store, "a", &profile, &table(&h, &[&["C-8", "Hugo", "Juazeiro"]]), ImportMode::default());
    let out = store.apply_fresh("a", &grouped).unwrap();
    assert_eq!((out.written.created, out.stale.len()), (1, 1));
    assert_eq!(store.groups("a").unwrap(), ["Novos"]);
    assert_eq!(store.list_customers("a", Some("Novos")).unwrap().len(), 1);

    // A deleted target is stale too (`deleted`), and a plan with nothing stale applies whole.
    let again = validate(&store, "a", &profile, &table(&h, &[&["C-2", "Bia", "Natal"], &["C-6", "Fia", "Crato"]]));
    let plan = Reconciler::new(&profile).plan(&again.customers, &store.base("a").unwrap()).unwrap();
    let id = plan.entries[0].existing.as_ref().unwrap().id.clone();
    store.connection().execute("DELETE FROM customers WHERE id = ?1", [id.parse::<i64>().unwrap()]).unwrap();
    let out = store.apply_fresh("a", &plan).unwrap();
    assert_eq!(out.stale.len(), 1);
    assert_eq!(out.stale[0].reason.as_str(), "deleted");
    assert_eq!(out.written.created, 1);
    let fresh = Reconciler::new(&profile)
        .plan(
            &validate(&store, "a", &profile, &table(&h, &[&["C-7", "Gil", "Ico"]])).customers,
            &store.base("a").unwrap(),
        )
        .unwrap();
    let out = store.apply_fresh("a", &fresh).unwrap();
    assert!(out.stale.is_empty());
    assert_eq!(out.written.created, 1);
}

#[test]
fn parents_that_exist_only_in_the_base_validate() {
    let profile = Profile::builtin("upflow").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "fr", &profile, &upflow_file(), ImportMode::default());
    let later = table(UPFLOW, &[&["S3", "Filiale Lille", "Lille", "", "H1", "", "", ""]]);
    let (report, actions) = import(&mut store, "fr", &profile, &later, ImportMode::default());
    assert!(!report.has_errors(), "{:?}", report.issues);
    assert_eq!(actions, [Action::Create]);
    // In another account the parent does not exist.
    let report = validate(&store, "other", &profile, &later);
    assert_eq!(report.issues[0].code.as_str(), "unknown_parent");
}

#[test]
fn account_to_account_migration_ends_with_identical_customers() {
    let profile = Profile::builtin("upflow").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "A", &profile, &upflow_file(), ImportMode::default());
    let asaas = Profile::builtin("asaas").unwrap();
    let br = table(
        &["Identificador Externo", "Nome completo", "CPF/CNPJ", "Grupo", "E-mails adicionais"],
        &[&["7", "Ana", "52998224725", "Varejo", "a@x.example;b@x.example"]],
    );
    import(&mut store, "A", &asaas, &br, ImportMode::default());
    let a = store.list_customers("A", None).unwrap();
    assert_eq!(a.len(), 4);

    // Export A, import into B (the generic profile: no write policies).
    let exported = store.list_customers("A", None).unwrap();
    let plan = store.import_customers("B", &exported, &Profile::generic()).unwrap();
    assert_eq!(plan.counts().created, 4);
    let b = store.list_customers("B", None).unwrap();
    assert_eq!(b, a);
    assert_eq!(store.groups("B").unwrap(), store.groups("A").unwrap());
    // Parent links were rebuilt inside B, not pointing into A.
    let cross: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM customers c JOIN customers p ON p.id = c.parent_customer_id WHERE c.account_id != p.account_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(cross, 0);
    let linked: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM customers c JOIN accounts a ON a.id = c.account_id WHERE a.name = 'B' AND c.parent_customer_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 2);
    // Copying again changes nothing; A is untouched.
    assert!(store.copy_account("A", "B", None, &Profile::generic()).unwrap().is_noop());
    assert_eq!(store.list_customers("A", None).unwrap(), a);
    // One group only.
    let plan = store.copy_account("A", "C", Some("Varejo"), &Profile::generic()).unwrap();
    assert_eq!(plan.counts().created, 1);
}

#[test]
fn the_lookup_answers_by_every_identifier() {
    let mut store = Store::open_in_memory().unwrap();
    let mut c = Customer::default();
    c.set(Field::ExternalId, Value::Text("X".into()));
    c.set(Field::TaxId, Value::Text("52998224725".into()));
    c.set(Field::Name, Value::Text("Maria  da Silva".into()));
    store.import_customers("a", &[c], &Profile::generic()).unwrap();
    let base = store.base("a").unwrap();
    for key in [
        CustomerKey::ExternalId("X".into()),
        CustomerKey::TaxId("52998224725".into()),
        CustomerKey::Name("maria da silva".into()),
    ] {
        assert_eq!(base.find(std::slice::from_ref(&key)).unwrap().len(), 1, "{key:?}");
    }
    assert!(base.find(&[CustomerKey::Name("maria".into())]).unwrap().is_empty());
    assert!(store.base("b").unwrap().find(&[CustomerKey::ExternalId("X".into())]).unwrap().is_empty());
    // The batch statement goes through the indexes, not a scan of the account.
    let plan: Vec<String> = store
        .connection()
        .prepare(&format!("EXPLAIN QUERY PLAN {}", cadastro_store_find_sql()))
        .unwrap()
        .query_map(rusqlite::params![1, "[]", "[]", "[]"], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let text = plan.join("\n");
    for index in ["customers_external_id", "customers_tax_id", "customers_name"] {
        assert!(text.contains(index), "{index} not used:\n{text}");
    }
}

fn cadastro_store_find_sql() -> &'static str {
    cadastro_store::FIND_SQL
}

#[test]
fn store_errors_have_codes() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.create_account("  ").unwrap_err().code(), "invalid_account");
    let e: StoreError = StoreError::StalePlan("x".into());
    assert_eq!(e.code(), "stale_plan");
    let bogus = cadastro::ImportPlan {
        rejected: Vec::new(),
        entries: vec![cadastro::PlanEntry {
            action: Action::Update,
            key: None,
            existing: Some(cadastro::ExistingRef {
                id: "uuid-1".into(),
                revision: 1,
                matched_by: cadastro::MatchedBy::Name,
            }),
            customer: Customer::default(),
            diff: cadastro::Diff::default(),
        }],
    };
    assert_eq!(store.apply("a", &bogus).unwrap_err().code(), "invalid_plan");
    assert!(store.accounts().unwrap().is_empty());
}
