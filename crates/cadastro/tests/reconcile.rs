//! Reconciling validated files with an existing base (CONTRACT section 3, issue 4): matching,
//! diffs, blank cells, write policies, contacts, idempotence, the row invariant, batching and
//! parents that live only in the base. Tables are built in memory; the base is a `MemoryBase`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::cell::RefCell;
use std::collections::BTreeSet;

use cadastro::NoBase;
use cadastro::Table;
use cadastro::{
    Action, BaseParents, CustomerLookup, Existing, ImportPlan, LookupError, MatchedBy, MemoryBase, Reconciler,
    reconcile,
};
use cadastro::{Customer, CustomerKey, Field, ImportOptions, Importer, Profile, Report, Target, Value, WritePolicy};

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table::from_text_rows(headers, rows)
}

fn importer(profile: Profile) -> Importer {
    Importer::new(ImportOptions { profile, ..ImportOptions::default() }).unwrap()
}

/// Validates with parents resolved in `base`, then reconciles: the CLI's flow.
fn import(profile: &Profile, t: &Table, base: &MemoryBase) -> (Report, ImportPlan) {
    let imp = importer(profile.clone());
    let parents = BaseParents::for_table(t, &imp.columns(t).unwrap(), base).unwrap();
    let mut report = imp.validate_table(t, &parents).unwrap();
    let plan = reconcile(&mut report, profile, base).unwrap();
    (report, plan)
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn actions(plan: &ImportPlan) -> Vec<Action> {
    plan.entries.iter().map(|e| e.action).collect()
}

const GENERIC: &[&str] = &["External ID", "Name", "Email", "City", "Notes", "Group"];

fn first_file() -> Table {
    table(
        GENERIC,
        &[
            &["C-1", "Ana Lima", "ana@example.com", "Recife", "vip", "Varejo"],
            &["C-2", "Bia Souza", "bia@example.com", "Natal", "", "Atacado"],
            &["C-3", "Caio Reis", "caio@example.com", "Olinda", "", "Varejo"],
        ],
    )
}

#[test]
fn first_import_creates_then_same_file_is_all_unchanged() {
    let profile = Profile::generic();
    let mut base = MemoryBase::default();
    let (report, plan) = import(&profile, &first_file(), &base);
    assert_eq!(actions(&plan), [Action::Create; 3]);
    assert_eq!(report.plan.unwrap().created, 3);
    base.apply(&plan);
    assert_eq!(base.customers.len(), 3);
    assert!(base.customers.iter().all(|e| e.customer.rows.is_empty()));

    let (report, again) = import(&profile, &first_file(), &base);
    assert_eq!(actions(&again), [Action::Unchanged; 3]);
    let counts = report.plan.unwrap();
    assert_eq!((counts.created, counts.updated, counts.unchanged), (0, 0, 3));
    assert!(again.is_noop());
    assert!(again.entries.iter().all(|e| e.diff.is_empty()));
    // Each matched the stored customer by its external id.
    let ids: Vec<&str> = again.entries.iter().map(|e| e.existing.as_ref().unwrap().id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert!(again.entries.iter().all(|e| e.existing.as_ref().unwrap().matched_by == MatchedBy::ExternalId));
}

#[test]
fn edited_file_gives_updates_with_field_diffs_and_blank_keeps_stored_value() {
    let profile = Profile::generic();
    let mut base = MemoryBase::default();
    base.apply(&import(&profile, &first_file(), &base).1);
    let edited = table(
        GENERIC,
        &[
            // City changed; notes blank: the stored "vip" stays.
            &["C-1", "Ana Lima", "ana@example.com", "Olinda", "", "Varejo"],
            // Unchanged.
            &["C-2", "Bia Souza", "bia@example.com", "Natal", "", "Atacado"],
            // New notes, new group.
            &["C-3", "Caio Reis", "caio@example.com", "Olinda", "paga em dia", "Atacado"],
            // New customer.
            &["C-4", "Duda Melo", "duda@example.com", "Caruaru", "", ""],
        ],
    );
    let (report, plan) = import(&profile, &edited, &base);
    assert_eq!(actions(&plan), [Action::Update, Action::Unchanged, Action::Update, Action::Create]);
    let c = report.plan.unwrap();
    assert_eq!((c.created, c.updated, c.unchanged), (1, 2, 1));

    let d1 = &plan.entries[0].diff.fields;
    assert_eq!(d1.len(), 1);
    assert_eq!(d1[0].field, Target::Field(Field::City));
    assert_eq!((d1[0].old.clone(), d1[0].new.clone()), (Some(text("Recife")), Some(text("Olinda"))));
    assert_eq!(
        plan.entries[0].customer.get(Field::Notes).cloned().unwrap(),
        text("vip"),
        "blank keeps the stored value"
    );

    let d3: Vec<(&str, Option<Value>, Option<Value>)> =
        plan.entries[2].diff.fields.iter().map(|c| (c.field.name(), c.old.clone(), c.new.clone())).collect();
    assert_eq!(
        d3,
        [("group", Some(text("Varejo")), Some(text("Atacado"))), ("notes", None, Some(text("paga em dia")))]
    );

    base.apply(&plan);
    let stored = &base.customers[0].customer;
    assert_eq!(stored.get(Field::City).cloned().unwrap(), text("Olinda"));
    assert_eq!(stored.get(Field::Notes).cloned().unwrap(), text("vip"));
    // And the edited file is now itself idempotent.
    assert!(import(&profile, &edited, &base).1.is_noop());
}

#[test]
fn write_policies_overwrite_fill_if_empty_never() {
    let mut profile = Profile::generic();
    profile.write_policy.insert(Target::Field(Field::City), WritePolicy::FillIfEmpty);
    profile.write_policy.insert(Target::Field(Field::Notes), WritePolicy::Never);
    profile.check().unwrap();
    let mut base = MemoryBase::default();
    let first = table(GENERIC, &[&["C-1", "Ana", "ana@example.com", "", "do not touch", ""]]);
    let plan = import(&profile, &first, &base).1;
    // A created customer gets every imported value, `never` included.
    assert_eq!(plan.entries[0].customer.get(Field::Notes).cloned().unwrap(), text("do not touch"));
    base.apply(&plan);

    let second = table(GENERIC, &[&["C-1", "Ana", "ana@new.example", "Recife", "changed", "G"]]);
    let plan = import(&profile, &second, &base).1;
    let changed: Vec<(&str, Option<Value>)> =
        plan.entries[0].diff.fields.iter().map(|c| (c.field.name(), c.old.clone())).collect();
    // email overwrites, city fills the empty slot, notes never changes, group is new.
    assert_eq!(changed, [("email", Some(text("ana@example.com"))), ("city", None), ("group", None)]);
    base.apply(&plan);

    let third = table(GENERIC, &[&["C-1", "Ana", "ana@new.example", "Natal", "changed again", "G"]]);
    let plan = import(&profile, &third, &base).1;
    assert_eq!(actions(&plan), [Action::Unchanged], "city is no longer empty, notes is never written");
    let stored = &base.customers[0].customer;
    assert_eq!(stored.get(Field::City).cloned().unwrap(), text("Recife"));
    assert_eq!(stored.get(Field::Notes).cloned().unwrap(), text("do not touch"));
}

#[test]
fn write_policies_apply_to_custom_and_contact_fields() {
    let mut profile = Profile::builtin("upflow").unwrap();
    profile
        .custom_fields
        .push(serde_json::from_str(r#"{"name":"segment","kind":{"type":"text"},"synonyms":["Segment"]}"#).unwrap());
    profile.columns.push(cadastro::ProfileColumn {
        header: "Segment".into(),
        field: Some(Target::Custom("segment".into())),
        synonyms: Vec::new(),
        note: None,
    });
    profile.write_policy.insert(Target::Custom("segment".into()), WritePolicy::FillIfEmpty);
    profile.write_policy.insert(Target::Field(Field::ContactFirstName), WritePolicy::Never);
    profile.check().unwrap();
    let headers = &["Customer ID", "Customer name", "Segment", "Contact email", "Contact first name"];
    let mut base = MemoryBase::default();
    base.apply(&import(&profile, &table(headers, &[&["U1", "ACME", "", "a@acme.example", "Ann"]]), &base).1);
    let (report, plan) = import(&profile, &table(headers, &[&["U1", "ACME", "SMB", "a@acme.example", "Anna"]]), &base);
    assert_eq!(actions(&plan), [Action::Update], "{:?}", report.issues);
    let diff = &plan.entries[0].diff;
    assert_eq!(diff.fields.len(), 1);
    assert_eq!(diff.fields[0].field, Target::Custom("segment".into()));
    assert!(diff.contacts.is_empty(), "contact_first_name is `never`: {diff:?}");
    base.apply(&plan);
    let plan = import(&profile, &table(headers, &[&["U1", "ACME", "Enterprise", "a@acme.example", "Anna"]]), &base).1;
    assert_eq!(actions(&plan), [Action::Unchanged]);
    assert_eq!(base.customers[0].customer.custom["segment"], text("SMB"));
}

const UPFLOW: &[&str] = &["Customer ID", "Customer name", "Contact email", "Contact first name", "Main contact"];

#[test]
fn contacts_are_created_updated_or_unchanged_by_email_within_the_customer() {
    let profile = Profile::builtin("upflow").unwrap();
    let mut base = MemoryBase::default();
    let first = table(
        UPFLOW,
        &[
            &["U1", "ACME", "ann@acme.example", "Ann", "true"],
            &["U1", "", "bob@acme.example", "Bob", ""],
            &["U2", "Globex", "gus@globex.example", "Gus", "true"],
        ],
    );
    let (report, plan) = import(&profile, &first, &base);
    assert_eq!(report.stats.customers_valid, 2, "{:?}", report.issues);
    assert_eq!(plan.entries[0].customer.contacts.len(), 2);
    base.apply(&plan);
    assert!(import(&profile, &first, &base).1.is_noop());

    let second = table(
        UPFLOW,
        &[
            // Ann unchanged, Bob renamed, Cid new; nothing about Globex's contact changes.
            &["U1", "ACME", "ann@acme.example", "Ann", "true"],
            &["U1", "", "bob@acme.example", "Robert", ""],
            &["U1", "", "cid@acme.example", "Cid", ""],
            &["U2", "Globex", "", "", ""],
        ],
    );
    let (report, plan) = import(&profile, &second, &base);
    assert!(!report.has_errors(), "{:?}", report.issues);
    assert_eq!(actions(&plan), [Action::Update, Action::Unchanged]);
    let contacts: Vec<(Action, Option<&str>, Vec<&str>)> = plan.entries[0]
        .diff
        .contacts
        .iter()
        .map(|c| (c.action, c.contact_email.as_deref(), c.changes.iter().map(|f| f.field.name()).collect()))
        .collect();
    assert_eq!(
        contacts,
        [
            (Action::Update, Some("bob@acme.example"), vec!["contact_first_name"]),
            (Action::Create, Some("cid@acme.example"), vec!["contact_email", "contact_first_name"]),
        ]
    );
    assert!(plan.entries[0].diff.fields.is_empty());
    base.apply(&plan);
    let acme = &base.customers[0].customer;
    let emails: Vec<&str> = acme.contacts.iter().map(|c| c.text(Field::ContactEmail).unwrap()).collect();
    assert_eq!(emails, ["ann@acme.example", "bob@acme.example", "cid@acme.example"]);
    assert_eq!(base.customers[1].customer.contacts.len(), 1, "a stored contact the file omits is kept");
}

fn customer(fields: &[(Field, &str)]) -> Customer {
    let mut c = Customer::default();
    for (f, v) in fields {
        c.set(*f, text(v));
    }
    c
}

fn stored(id: &str, fields: &[(Field, &str)]) -> Existing {
    Existing { id: id.to_owned(), revision: 1, customer: customer(fields) }
}

#[test]
fn matching_falls_back_to_tax_id_then_name_without_contradicting_identifiers() {
    use Field::{ExternalId as Id, Name, TaxId as Tax};
    let base = MemoryBase::new(vec![
        stored("1", &[(Name, "Ana"), (Tax, "52998224725")]),
        stored("2", &[(Id, "B-9"), (Name, "Bia"), (Tax, "11144477735")]),
        stored("3", &[(Name, "Caio  REIS")]),
        stored("4", &[(Name, "Duda"), (Tax, "39053344705")]),
    ]);
    let imported = [
        // No id in the base: matched by tax id, gains the external id.
        customer(&[(Id, "A-1"), (Name, "Ana"), (Tax, "52998224725")]),
        // Same tax id as a stored customer with another external id: a key conflict (issue
        // #16: never a second customer holding that tax id).
        customer(&[(Id, "B-1"), (Name, "Bia"), (Tax, "11144477735")]),
        // By folded name.
        customer(&[(Name, "caio reis")]),
        // Same name as stored 4 but a different tax id: not the same customer.
        customer(&[(Name, "Duda"), (Tax, "12345678909")]),
    ];
    let profile = Profile::generic();
    let plan = Reconciler::new(&profile).plan(&imported, &base).unwrap();
    let got: Vec<(Action, Option<(&str, MatchedBy)>)> =
        plan.entries.iter().map(|e| (e.action, e.existing.as_ref().map(|r| (r.id.as_str(), r.matched_by)))).collect();
    assert_eq!(
        got,
        [
            (Action::Update, Some(("1", MatchedBy::TaxId))),
            (Action::Update, Some(("3", MatchedBy::Name))),
            (Action::Create, None),
        ]
    );
    let conflicts: Vec<&str> = plan.rejected.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(conflicts, ["key_conflict"]);
    assert_eq!(plan.entries[0].diff.fields[0].field, Target::Field(Id));
    assert_eq!(plan.entries[1].customer.get(Name).cloned().unwrap(), text("caio reis"));
    assert_eq!(plan.entries[0].key, Some(CustomerKey::ExternalId("A-1".into())));
}

#[test]
fn a_stored_customer_is_claimed_once_and_stronger_identifiers_claim_first() {
    use Field::{ExternalId as Id, Name};
    let base = MemoryBase::new(vec![stored("1", &[(Id, "X"), (Name, "Acme")]), stored("2", &[(Name, "Acme")])]);
    // The name-only customer comes first in the file, yet the external id claims stored 1.
    let imported = [customer(&[(Name, "ACME")]), customer(&[(Id, "X"), (Name, "Acme")])];
    let profile = Profile::generic();
    let plan = Reconciler::new(&profile).plan(&imported, &base).unwrap();
    let ids: Vec<&str> = plan.entries.iter().map(|e| e.existing.as_ref().unwrap().id.as_str()).collect();
    assert_eq!(ids, ["2", "1"]);
    assert_eq!(actions(&plan), [Action::Update, Action::Unchanged]);
}

/// A lookup that counts its calls and the keys of each.
struct Counting<'a> {
    inner: &'a MemoryBase,
    calls: RefCell<Vec<usize>>,
}

impl CustomerLookup for Counting<'_> {
    fn find(&self, keys: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
        self.calls.borrow_mut().push(keys.len());
        self.inner.find(keys)
    }
}

#[test]
fn lookups_are_batched() {
    let base = MemoryBase::default();
    let many: Vec<Customer> =
        (0..25_000).map(|i| customer(&[(Field::ExternalId, &format!("C-{i}")), (Field::Name, "Same")])).collect();
    let counting = Counting { inner: &base, calls: RefCell::new(Vec::new()) };
    let profile = Profile::generic();
    let plan = Reconciler::new(&profile).plan(&many, &counting).unwrap();
    assert_eq!(plan.counts().created, 25_000);
    // 25,000 ids + one distinct folded name: three calls of at most 10,000 keys.
    assert_eq!(*counting.calls.borrow(), [10_000, 10_000, 5_001]);
    let counting = Counting { inner: &base, calls: RefCell::new(Vec::new()) };
    Reconciler::new(&profile).batch_size(100_000).plan(&many, &counting).unwrap();
    assert_eq!(*counting.calls.borrow(), [25_001]);
}

#[test]
fn lookup_errors_surface() {
    struct Down;
    impl CustomerLookup for Down {
        fn find(&self, _: &[CustomerKey]) -> Result<Vec<Existing>, LookupError> {
            Err(LookupError::with_source("db", std::io::Error::other("connection refused")))
        }
    }
    let profile = Profile::generic();
    let err = Reconciler::new(&profile).plan(&[customer(&[(Field::Name, "A")])], &Down).unwrap_err();
    assert_eq!(err.code(), "lookup_failed");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn parents_may_exist_only_in_the_base_fetched_in_one_batch() {
    let profile = Profile::builtin("upflow").unwrap();
    let base = MemoryBase::new(vec![
        stored("1", &[(Field::ExternalId, "HOLD"), (Field::Name, "Holding")]),
        stored("2", &[(Field::Name, "Grupo  Norte")]),
    ]);
    let headers = &["Customer ID", "Customer name", "Parent ID", "Parent name"];
    let t = table(
        headers,
        &[
            &["S1", "Sub one", "HOLD", ""],
            &["S2", "Sub two", "", "grupo norte"],
            &["S3", "Sub three", "NOPE", ""],
            &["S4", "Sub four", "S1", ""],
        ],
    );
    let counting = Counting { inner: &base, calls: RefCell::new(Vec::new()) };
    let imp = importer(profile.clone());
    let parents = BaseParents::for_table(&t, &imp.columns(&t).unwrap(), &counting).unwrap();
    assert_eq!(counting.calls.borrow().len(), 1);
    let report = imp.validate_table(&t, &parents).unwrap();
    let codes: Vec<(u32, &str)> = report.issues.iter().map(|i| (i.row, i.code.as_str())).collect();
    assert_eq!(codes, [(4, "unknown_parent")]);
    assert_eq!(report.stats.customers_valid, 3);
    // Without the base, the first two are unknown too.
    let alone = imp.validate_table(&t, &NoBase).unwrap();
    assert_eq!(alone.stats.customers_valid, 0, "S4's parent S1 is rejected too: {:?}", alone.issues);
}

/// Every row of a valid customer ends in exactly one plan entry; every other row carries an
/// error issue; so rows in = rows of created + updated + unchanged customers + rejected rows.
fn assert_rows_accounted(t: &Table, report: &Report, plan: &ImportPlan) {
    let mut planned = BTreeSet::new();
    for e in &plan.entries {
        for r in &e.customer.rows {
            assert!(planned.insert(*r), "row {r} is in two plan entries");
        }
    }
    let rejected: BTreeSet<u32> = report.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
    let all: BTreeSet<u32> = t.rows.iter().map(|r| r.row).collect();
    assert_eq!(planned.union(&rejected).copied().collect::<BTreeSet<_>>(), all);
    assert_eq!(report.stats.rows_rejected, rejected.len() as u64);
    assert_eq!(plan.entries.len() as u64, report.stats.customers_valid);
    let c = report.plan.unwrap();
    assert_eq!(c.created + c.updated + c.unchanged, report.stats.customers_valid);
    // Customers-only files: one row is one customer, so the counts add up row for row.
    if !t.headers.iter().any(|h| h.starts_with("Contact")) {
        assert_eq!(c.created + c.updated + c.unchanged + report.stats.rows_rejected, report.stats.rows_total);
    }
}

#[test]
fn every_row_is_accounted_for() {
    let profile = Profile::generic();
    let mut base = MemoryBase::default();
    base.apply(&import(&profile, &first_file(), &base).1);
    let t = table(
        GENERIC,
        &[
            &["C-1", "Ana Lima", "ana@example.com", "Olinda", "", ""],
            &["C-9", "", "x@example.com", "", "", ""],
            &["C-2", "Bia Souza", "bia@example.com", "Natal", "", "Atacado"],
            &["C-2", "Bia again", "", "", "", ""],
            &["C-5", "Eva", "", "", "", ""],
        ],
    );
    let (report, plan) = import(&profile, &t, &base);
    assert_eq!(actions(&plan), [Action::Update, Action::Unchanged, Action::Create]);
    assert_rows_accounted(&t, &report, &plan);

    let upflow = Profile::builtin("upflow").unwrap();
    let t = table(
        UPFLOW,
        &[
            &["U1", "ACME", "ann@acme.example", "Ann", "true"],
            &["U1", "", "bob@acme.example", "Bob", "maybe"],
            &["U2", "", "gus@globex.example", "Gus", ""],
            &["U3", "Initech", "ann@acme.example", "Ann2", ""],
            &["U4", "Umbrella", "", "", ""],
        ],
    );
    let (report, plan) = import(&upflow, &t, &MemoryBase::default());
    assert!(report.has_errors());
    assert_rows_accounted(&t, &report, &plan);
}

#[test]
fn the_plan_is_serde_data() {
    let profile = Profile::generic();
    let mut base = MemoryBase::default();
    base.apply(&import(&profile, &first_file(), &base).1);
    let edited = table(GENERIC, &[&["C-1", "Ana Lima", "ana@example.com", "Olinda", "", ""]]);
    let plan = import(&profile, &edited, &base).1;
    let json = plan.to_json();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = &v["entries"][0];
    assert_eq!(e["action"], "update");
    assert_eq!(e["key"], serde_json::json!({"by": "external_id", "value": "C-1"}));
    assert_eq!(e["existing"], serde_json::json!({"id": "1", "revision": 1, "matched_by": "external_id"}));
    assert_eq!(e["diff"]["fields"], serde_json::json!([{"field": "city", "old": "Recife", "new": "Olinda"}]));
    assert_eq!(e["customer"]["notes"], "vip");
    let back: ImportPlan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, plan);
    // A stored plan applies later exactly like the fresh one.
    let mut other = base.clone();
    other.apply(&back);
    base.apply(&plan);
    assert_eq!(other, base);
}

/// Issue 21: a stored customer that one row names by external id and another by tax id alone
/// is matched once; the other row is a `key_conflict` naming the stored customer and the row
/// that matched it (a create would duplicate the stored customer's tax id).
#[test]
fn a_stored_customer_named_by_two_rows_with_different_keys_is_matched_once() {
    let mut stored = Customer::default();
    stored.set(Field::ExternalId, text("C-1"));
    stored.set(Field::TaxId, text("52998224725"));
    stored.set(Field::Name, text("Ana"));
    let base = MemoryBase::new(vec![Existing { id: "7".into(), revision: 1, customer: stored }]);
    let mut by_id = Customer::with_fields(vec![2], []);
    by_id.set(Field::ExternalId, text("C-1"));
    by_id.set(Field::City, text("Olinda"));
    let mut by_tax = Customer::with_fields(vec![3], []);
    by_tax.set(Field::TaxId, text("52998224725"));
    by_tax.set(Field::Name, text("Ana Souza"));
    let profile = Profile::generic();
    for customers in [vec![by_id.clone(), by_tax.clone()], vec![by_tax, by_id]] {
        let plan = Reconciler::new(&profile).plan(&customers, &base).unwrap();
        assert_eq!(actions(&plan), vec![Action::Update], "{plan:?}");
        assert_eq!(plan.entries[0].customer.rows, vec![2], "the external id claims it first");
        assert_eq!(plan.rejected.len(), 1);
        let issue = &plan.rejected[0];
        assert_eq!((issue.row, issue.code.as_str()), (3, "key_conflict"));
        assert!(issue.message.contains("stored customer 7") && issue.message.contains("row 2"), "{}", issue.message);
    }
}
