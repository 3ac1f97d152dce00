//! The identity, merge and cross-row rules of CONTRACT section 3, on tables built in memory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use cadastro::Table;
use cadastro::{Field, ImportOptions, Importer, IssueCode, NoBase, Profile, Report, Value};
use cadastro::{ParentLookup, ParentRef};

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table::from_text_rows(headers, rows)
}

fn run(profile: &str, t: &Table) -> Report {
    Importer::new(ImportOptions::for_profile(profile).unwrap()).unwrap().validate_table(t, &NoBase).unwrap()
}

fn codes(r: &Report) -> Vec<(u32, &str, Option<&str>)> {
    r.issues.iter().map(|i| (i.row, i.code.as_str(), i.field.as_deref())).collect()
}

/// The contract's invariant: every non-blank row contributes to a valid customer or contact,
/// or carries an error issue.
fn assert_every_row_accounted(t: &Table, r: &Report) {
    let mut ok: BTreeSet<u32> = BTreeSet::new();
    for c in &r.customers {
        ok.extend(c.rows.iter().copied());
        ok.extend(c.contacts.iter().map(|k| k.row));
    }
    let errors: BTreeSet<u32> = r.issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
    for row in &t.rows {
        assert!(ok.contains(&row.row) || errors.contains(&row.row), "row {} is neither valid nor reported", row.row);
    }
    assert_eq!(r.stats.rows_rejected, errors.len() as u64);
    assert_eq!(r.stats.rows_total, t.rows.len() as u64);
}

const UPFLOW: &[&str] = &[
    "Customer ID",
    "Customer name",
    "Parent ID",
    "Parent name",
    "Contact email",
    "Contact first name",
    "Main contact",
];

#[test]
fn customers_only_first_line_wins_on_duplicate_keys() {
    let t = table(
        &["Identificador Externo", "Nome completo", "CPF/CNPJ"],
        &[
            &["1", "Ana", "52998224725"],
            &["2", "Bia", "11144477735"],
            &["1", "Ana 2", "39053344705"],
            &["3", "Caio", "11144477735"],
        ],
    );
    let r = run("asaas", &t);
    assert_eq!(
        codes(&r),
        [(4, "duplicate_key", Some("external_id")), (5, "duplicate_key", Some("tax_id"))],
        "{:#?}",
        r.issues
    );
    // The asaas profile speaks pt-BR unless the host asks otherwise.
    assert!(r.issues[0].message.contains("linha 2"), "{}", r.issues[0].message);
    assert_eq!(r.stats.customers_valid, 2);
    assert_eq!(r.stats.customers_rejected, 2);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn customers_only_missing_required_value() {
    let t =
        table(&["Identificador Externo", "Nome completo", "CPF/CNPJ"], &[&["1", "", "52998224725"], &["2", "Bia", ""]]);
    let r = run("asaas", &t);
    assert_eq!(codes(&r), [(2, "required", Some("name")), (3, "required", Some("tax_id"))]);
    assert_eq!(r.issues[0].column.as_deref(), Some("B"));
    assert_eq!(r.issues[0].header.as_deref(), Some("Nome completo"));
    assert_eq!(r.stats.customers_valid, 0);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn contact_lines_merge_into_one_customer() {
    let t = table(
        UPFLOW,
        &[
            &["C1", "ACME", "", "", "ana@acme.example", "Ana", "1"],
            &["C1", "", "", "", "bob@acme.example", "Bob", ""],
            &["", "ACME", "", "", "cid@acme.example", "Cid", "1"],
            &["C2", "Globex", "", "", "", "", ""],
        ],
    );
    let r = run("upflow", &t);
    assert_eq!(r.stats.customers_valid, 2);
    let acme = &r.customers[0];
    assert_eq!(acme.rows, [2, 3, 4]);
    assert_eq!(acme.contacts.len(), 3);
    // The last main contact wins; the earlier one is demoted with a warning.
    assert_eq!(acme.contacts[0].get(Field::ContactIsMain), Some(&Value::Bool(false)));
    assert_eq!(acme.contacts[2].get(Field::ContactIsMain), Some(&Value::Bool(true)));
    assert_eq!(codes(&r), [(2, "multiple_main_contacts", Some("contact_is_main"))]);
    assert!(r.issues[0].message.contains("row 4"));
    assert!(r.customers[1].contacts.is_empty());
    assert_every_row_accounted(&t, &r);
}

#[test]
fn conflicting_customer_value_rejects_the_customer_and_its_contacts() {
    let t = table(
        UPFLOW,
        &[
            &["C1", "ACME", "", "", "ana@acme.example", "Ana", ""],
            &["C1", "ACME Ltd", "", "", "bob@acme.example", "Bob", ""],
        ],
    );
    let r = run("upflow", &t);
    assert_eq!(r.stats.customers_rejected, 1);
    assert_eq!(r.stats.contacts_rejected, 2);
    assert_eq!(codes(&r), [(2, "customer_rejected", Some("_row")), (3, "duplicate_key", Some("name"))]);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn a_contact_needs_an_email_and_is_rejected_alone() {
    let t =
        table(UPFLOW, &[&["C1", "ACME", "", "", "", "Ana", ""], &["C1", "", "", "", "bob@acme.example", "Bob", ""]]);
    let r = run("upflow", &t);
    assert_eq!(codes(&r), [(2, "required", Some("contact_email"))]);
    assert_eq!(r.stats.customers_valid, 1);
    assert_eq!(r.stats.contacts_valid, 1);
    assert_eq!(r.stats.contacts_rejected, 1);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn the_same_contact_email_under_two_customers() {
    let t = table(
        UPFLOW,
        &[&["C1", "ACME", "", "", "ana@x.example", "", ""], &["C2", "Globex", "", "", "ana@x.example", "", ""]],
    );
    let r = run("upflow", &t);
    assert_eq!(codes(&r), [(3, "duplicate_key", Some("contact_email"))]);
    assert_eq!(r.stats.contacts_valid, 1);
}

#[test]
fn a_contact_line_without_customer_identity_is_rejected() {
    let t = table(UPFLOW, &[&["", "", "", "", "ana@x.example", "Ana", ""]]);
    let r = run("upflow", &t);
    assert_eq!(codes(&r), [(2, "required", Some("name"))]);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn parents_resolve_in_any_order_and_cycles_are_reported() {
    let t = table(
        UPFLOW,
        &[
            &["S1", "Sub One", "G1", "", "", "", ""],
            &["S2", "Sub Two", "", "group  corp", "", "", ""],
            &["G1", "Group Corp", "", "", "", "", ""],
            &["X", "Orphan", "NOPE", "", "", "", ""],
            &["A", "Alpha", "B", "", "", "", ""],
            &["B", "Beta", "A", "", "", "", ""],
        ],
    );
    let r = run("upflow", &t);
    assert_eq!(
        codes(&r),
        [
            (5, "unknown_parent", Some("parent_id")),
            (6, "unknown_parent", Some("parent_id")),
            (7, "unknown_parent", Some("parent_id"))
        ]
    );
    let names: Vec<_> = r.customers.iter().map(|c| c.text(Field::Name).unwrap()).collect();
    assert_eq!(names, ["Sub One", "Sub Two", "Group Corp"]);
    assert_every_row_accounted(&t, &r);
}

#[test]
fn parents_may_live_in_the_existing_base_and_rejection_cascades() {
    struct Base;
    impl ParentLookup for Base {
        fn parent_exists(&self, parent: ParentRef<'_>) -> bool {
            parent == ParentRef::ExternalId("OLD")
        }
    }
    let t = table(
        UPFLOW,
        &[&["S1", "Sub", "OLD", "", "", "", ""], &["P", "", "", "", "", "", ""], &["K", "Kid", "P", "", "", "", ""]],
    );
    let importer = Importer::new(ImportOptions::for_profile("upflow").unwrap()).unwrap();
    let r = importer.validate_table(&t, &Base).unwrap();
    // P has no name (required), so its child K cannot link to it.
    assert_eq!(codes(&r), [(3, "required", Some("name")), (4, "unknown_parent", Some("parent_id"))]);
    assert_eq!(r.stats.customers_valid, 1);
}

#[test]
fn unmapped_columns_warn_once_and_error_file_column_is_ignored() {
    let t = table(&["Nome", "Cor favorita", "Errors"], &[&["Ana", "azul", "x"]]);
    let r = run("generic", &t);
    assert_eq!(codes(&r), [(1, "unmapped_column", None)]);
    assert_eq!(r.issues[0].column.as_deref(), Some("B"));
    assert_eq!(r.stats.customers_valid, 1);
}

#[test]
fn locale_changes_words_not_codes() {
    let t2 = table(&["Name", "Is company"], &[&["Ana", "talvez"]]);
    let mut opts = ImportOptions::for_profile("generic").unwrap();
    opts.locale = Some(cadastro::Locale::Fr);
    opts.include_values = false;
    let r = Importer::new(opts).unwrap().validate_table(&t2, &NoBase).unwrap();
    assert_eq!(r.issues[0].code, IssueCode::InvalidBoolean);
    assert!(r.issues[0].message.contains("oui ou non"), "{}", r.issues[0].message);
    assert_eq!(r.issues[0].value, None);
}

#[test]
fn custom_fields_are_validated_and_kept_under_custom() {
    let profile = Profile::from_json(
        r#"{"name":"crm","required":["name","segment"],"columns":[{"header":"Name","field":"name"},
        {"header":"Segment","field":"segment"},{"header":"Seats","field":"seats"}],
        "custom_fields":[{"name":"segment","kind":{"type":"enum","values":["Retail","Wholesale"]}},
        {"name":"seats","kind":{"type":"integer","min":1}}]}"#,
    )
    .unwrap();
    let t = table(&["Name", "Segment", "Seats"], &[&["Ana", "retail", "3"], &["Bia", "", "0"]]);
    let opts = ImportOptions { profile, ..ImportOptions::default() };
    let r = Importer::new(opts).unwrap().validate_table(&t, &NoBase).unwrap();
    assert_eq!(r.customers.len(), 1);
    assert_eq!(r.customers[0].custom.get("segment"), Some(&Value::Text("Retail".into())));
    assert_eq!(r.customers[0].custom.get("seats"), Some(&Value::Int(3)));
    assert_eq!(codes(&r), [(3, "required", Some("segment")), (3, "invalid_number", Some("seats"))]);
    let json = serde_json::to_value(&r.customers[0]).unwrap();
    assert_eq!(json["custom"]["segment"], "Retail");
}
