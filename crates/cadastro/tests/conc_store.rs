//! Issue 16 point 1 and issue 17 point 10 in the core: the reconciler plans every identity case
//! explicitly against a host's base (`MemoryBase`), `key_conflict` issues name both customers and
//! move the customer out of the report's valid ones, and keys compare in Unicode NFC on both
//! validation paths (`Importer::validate` and `Importer::validate_stream`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::ops::ControlFlow;

use cadastro::{Action, Existing, MatchedBy, MemoryBase, Reconciler, reconcile};
use cadastro::{Customer, Field, ImportOptions, Importer, IssueCode, Profile, Source, Value};
use cadastro::{fold_name, nfc_key};

fn customer(id: &str, tax: &str, name: &str) -> Customer {
    let mut c = Customer::default();
    for (f, v) in [(Field::ExternalId, id), (Field::TaxId, tax), (Field::Name, name)] {
        if !v.is_empty() {
            c.set(f, Value::Text(v.into()));
        }
    }
    c.rows = vec![2];
    c
}

fn base() -> MemoryBase {
    let stored = |id: &str, mut c: Customer| {
        c.rows.clear();
        Existing { id: id.into(), revision: 1, customer: c }
    };
    MemoryBase::new(vec![
        stored("1", customer("C-1", "11111111111", "Ana")),
        stored("2", customer("C-2", "22222222222", "Bia")),
        stored("3", customer("", "33333333333", "Caio")),
        stored("4", customer("", "", "Jos\u{e9}")),
    ])
}

/// What the plan does with one customer: its action and match, or `key_conflict`.
fn outcome(c: Customer) -> Result<(Action, Option<(String, MatchedBy)>), String> {
    let profile = Profile::generic();
    let plan = Reconciler::new(&profile).plan(&[c], &base()).unwrap();
    if let Some(issue) = plan.rejected.first() {
        assert!(plan.entries.is_empty());
        assert_eq!(issue.code, IssueCode::KeyConflict);
        return Err(issue.message.clone());
    }
    let e = &plan.entries[0];
    Ok((e.action, e.existing.as_ref().map(|r| (r.id.clone(), r.matched_by))))
}

#[test]
fn every_identity_case_is_planned_explicitly() {
    // Known external id, new free tax id: an update of the tax id.
    let (action, found) = outcome(customer("C-1", "44444444444", "Ana")).unwrap();
    assert_eq!((action, found), (Action::Update, Some(("1".into(), MatchedBy::ExternalId))));
    // Known external id, the tax id of another stored customer: key_conflict naming both.
    let msg = outcome(customer("C-1", "22222222222", "Ana")).unwrap_err();
    assert!(msg.contains("stored customer 1 (external_id C-1)") && msg.contains("stored customer 2"), "{msg}");
    // A new external id with a tax id stored under another external id: key_conflict.
    let msg = outcome(customer("C-9", "11111111111", "Ana")).unwrap_err();
    assert!(msg.contains("the new external_id C-9") && msg.contains("stored customer 1"), "{msg}");
    // A new external id with the tax id of a customer without one: an update (fills it).
    let (action, found) = outcome(customer("C-9", "33333333333", "Caio")).unwrap();
    assert_eq!((action, found), (Action::Update, Some(("3".into(), MatchedBy::TaxId))));
    // An NFD name (a host's customer, not normalized by validation) finds the NFC one: the same
    // customer, its spelling rewritten.
    let (action, found) = outcome(customer("", "", "Jose\u{301}")).unwrap();
    assert_eq!((action, found), (Action::Update, Some(("4".into(), MatchedBy::Name))));
    let (action, found) = outcome(customer("Jose\u{301}-1", "", "Other")).unwrap();
    assert_eq!((action, found), (Action::Create, None));
    // Unchanged, create.
    assert_eq!(outcome(customer("C-2", "22222222222", "Bia")).unwrap().0, Action::Unchanged);
    assert_eq!(outcome(customer("C-5", "55555555555", "Eva")).unwrap().0, Action::Create);
    // External ids keep their case.
    assert_eq!(outcome(customer("c-1", "", "Ana")).unwrap().0, Action::Create);
}

#[test]
fn a_conflict_leaves_the_report_valid_customers_for_its_issues() {
    let csv = "External ID,Name,Tax ID,Country\nC-1,Ana,52998224725,BR\nC-2,Bia,11144477735,BR\n";
    let importer = Importer::new(ImportOptions::for_profile("generic").unwrap()).unwrap();
    let mut report = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec())).unwrap();
    let stored = Existing { id: "7".into(), revision: 1, customer: customer("C-7", "11144477735", "Old") };
    let plan = reconcile(&mut report, &Profile::generic(), &MemoryBase::new(vec![stored])).unwrap();
    assert_eq!(plan.counts().created, 1);
    assert_eq!(plan.rejected.len(), 1);
    assert_eq!(report.plan.unwrap().created, 1);
    assert_eq!((report.stats.customers_valid, report.stats.customers_rejected, report.stats.rows_rejected), (1, 1, 1));
    assert_eq!(report.customers.len(), 1);
    let issue = report.issues.iter().find(|i| i.code == IssueCode::KeyConflict).unwrap();
    assert_eq!((issue.row, issue.field.as_deref(), issue.value.as_deref()), (3, Some("tax_id"), Some("11144477735")));
    assert!(issue.is_error());
    assert!(plan.to_json().contains("\"rejected\""));
}

#[test]
fn keys_are_nfc_on_both_validation_paths() {
    assert_eq!(fold_name("  Jose\u{301}   LIMA "), "jos\u{e9} lima");
    assert_eq!(nfc_key("Jose\u{301}-1"), "Jos\u{e9}-1");
    assert!(matches!(nfc_key("plain"), std::borrow::Cow::Borrowed(_)));
    let csv = "External ID,Name\nJose\u{301}-1,Jose\u{301} Lima\nJos\u{e9}-1,Other\n,Mar\u{ed}a\n,Mari\u{301}a\n";
    let importer = Importer::new(ImportOptions::for_profile("generic").unwrap()).unwrap();
    let source = Source::from_bytes(csv.as_bytes().to_vec());
    let whole = importer.validate(&source).unwrap();
    let mut streamed = Vec::new();
    let mut codes = Vec::new();
    importer
        .validate_stream(&source, 0, &mut |chunk| {
            streamed.extend(chunk.customers.iter().cloned());
            codes.extend(chunk.issues.iter().map(|i| (i.row, i.code)));
            ControlFlow::Continue(())
        })
        .unwrap();
    let whole_codes: Vec<_> = whole.issues.iter().map(|i| (i.row, i.code)).collect();
    assert_eq!(whole_codes, [(3, IssueCode::DuplicateKey), (5, IssueCode::DuplicateKey)]);
    assert_eq!(codes, whole_codes);
    assert_eq!(streamed, whole.customers);
    assert_eq!(whole.customers[0].text(Field::ExternalId), Some("Jos\u{e9}-1"), "stored in NFC");
    assert_eq!(whole.customers[0].text(Field::Name), Some("Jos\u{e9} Lima"));
}
