#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Two columns for one field (CPF + CNPJ, a declared merge), learned mappings, the review
//! threshold, contact blocks and headerless columns, through both pipelines
//! (`Importer::validate` and `Importer::validate_stream`).

use std::ops::ControlFlow;

use cadastro::{Customer, Field, ImportOptions, Importer, Issue, IssueCode, Profile, Source};
use cadastro::{Mapping, MatchReason};

/// Both pipelines on one file: (customers, issues, mapping) of each, asserted equal.
fn both(opts: ImportOptions, bytes: &[u8]) -> (Vec<Customer>, Vec<Issue>, Vec<cadastro::ColumnMapping>) {
    let importer = Importer::new(opts).unwrap();
    let source = Source::from_bytes(bytes.to_vec());
    let report = importer.validate(&source).unwrap();
    let mut customers = Vec::new();
    let mut issues = Vec::new();
    let summary = importer
        .validate_stream(&source, 2, &mut |c| {
            customers.extend(c.customers);
            issues.extend(c.issues);
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(customers, report.customers, "stream and whole differ");
    assert_eq!(issues, report.issues, "stream and whole differ");
    assert_eq!(summary.mapping, report.mapping, "stream and whole differ");
    (report.customers, report.issues, report.mapping)
}

fn generic() -> ImportOptions {
    ImportOptions { country: Some("BR".into()), ..ImportOptions::default() }
}

/// A Brazilian export with separate CPF and CNPJ columns, in Windows-1252 as Excel saves it.
fn cpf_cnpj_file() -> Vec<u8> {
    let text = "Razão social;CPF;CNPJ;E-mail\r\n\
                Ana Souza;529.982.247-25;;ana@exemplo.com.br\r\n\
                Padaria Pão Quente Ltda;;11.222.333/0001-81;fin@paoquente.com.br\r\n\
                João Pereira;390.533.447-05;11.444.777/0001-61;joao@exemplo.com.br\r\n\
                Maria Lima;111.444.777-35;111.444.777-35;maria@exemplo.com.br\r\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!bad);
    bytes.into_owned()
}

#[test]
fn cpf_and_cnpj_columns_merge_into_the_tax_id_on_both_paths() {
    let (customers, issues, cols) = both(generic(), &cpf_cnpj_file());
    assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("tax_id"));
    assert_eq!(cols[2].field.as_ref().map(|t| t.name()), Some("tax_id"));
    assert_eq!(cols[1].merged_from, ["B", "C"]);
    assert_eq!(cols[2].merged_from, ["B", "C"]);
    assert!(cols[0].merged_from.is_empty());
    // The filled column per row; the same number in both is no conflict.
    let ids: Vec<_> = customers.iter().map(|c| c.text(Field::TaxId).unwrap_or("").to_owned()).collect();
    assert_eq!(ids, ["52998224725", "11222333000181", "11144477735"]);
    // Both filled with different numbers: the row's error, with both values shown.
    let conflict: Vec<&Issue> = issues.iter().filter(|i| i.code == IssueCode::MergedValuesDiffer).collect();
    assert_eq!(conflict.len(), 1);
    assert_eq!(conflict[0].row, 4);
    assert_eq!(conflict[0].value.as_deref(), Some("390.533.447-05 / 11.444.777/0001-61"));
    assert!(!customers.iter().any(|c| c.rows.contains(&4)), "the conflicting row is rejected");
}

#[test]
fn a_declared_merge_feeds_one_field_and_round_trips() {
    let csv = "Nome,Documento PF,Documento PJ,Telefone\n\
               Ana,529.982.247-25,,11 98765-4321\n\
               Acme,,11.222.333/0001-81,11 3333-4444\n";
    let m = Mapping::from_json(r#"{"tax_id": ["Documento PF", "Documento PJ"]}"#).unwrap();
    assert_eq!(Mapping::from_json(&m.to_json()).unwrap(), m);
    let opts = ImportOptions { mapping: Some(m), ..generic() };
    let (customers, issues, cols) = both(opts, csv.as_bytes());
    assert!(issues.iter().all(|i| i.code != IssueCode::MergedValuesDiffer), "{issues:?}");
    assert_eq!(cols[1].reason, MatchReason::Explicit);
    assert_eq!(cols[2].merged_from, ["B", "C"]);
    let ids: Vec<_> = customers.iter().map(|c| c.text(Field::TaxId).unwrap().to_owned()).collect();
    assert_eq!(ids, ["52998224725", "11222333000181"]);
    // The saved mapping keeps the merge.
    let saved = Mapping::from_columns(&cols);
    assert_eq!(saved.merges["tax_id"], ["Documento PF", "Documento PJ"]);
    // A merge naming a column the file lacks, or a field also given to another column, is refused.
    let headers: Vec<String> = ["Nome", "Documento PF", "Documento PJ"].map(String::from).into();
    let bad = Mapping::from_json(r#"{"tax_id": ["Documento PF", "RG"]}"#).unwrap();
    assert_eq!(cadastro::resolve(&headers, &Profile::generic(), Some(&bad)).unwrap_err().code(), "invalid_options");
    let bad = Mapping::from_json(r#"{"tax_id": ["B", "C"], "Nome": "tax_id"}"#).unwrap();
    assert_eq!(cadastro::resolve(&headers, &Profile::generic(), Some(&bad)).unwrap_err().code(), "invalid_options");
    assert!(Mapping::from_json(r#"{"tax_id": ["B"]}"#).is_err(), "a merge needs two columns");
}

#[test]
fn learned_mappings_rank_first_and_the_threshold_sets_needs_review() {
    let csv = "Cód. Parceiro;Nome;Correio\nP-1;Ana;ana@x.com.br\nP-2;Bia;bia@x.com.br\n";
    let (_, _, cols) = both(generic(), csv.as_bytes());
    assert_ne!(cols[0].field.as_ref().map(|t| t.name()), Some("external_id"));
    assert!(cols[0].needs_review);
    assert!(!cols[1].needs_review, "Nome is a sure synonym");

    let m = Mapping::from_json(r#"{"learned": {"Cód. Parceiro": "external_id", "Correio": "email"}}"#).unwrap();
    let (customers, _, cols) = both(ImportOptions { mapping: Some(m.clone()), ..generic() }, csv.as_bytes());
    assert_eq!(cols[0].field.as_ref().map(|t| t.name()), Some("external_id"));
    assert_eq!(cols[0].reason, MatchReason::Learned);
    assert!(cols[0].confidence >= 0.99 && !cols[0].needs_review);
    assert_eq!(customers[1].text(Field::ExternalId), Some("P-2"));
    assert_eq!(Mapping::from_json(&m.to_json()).unwrap().learned, m.learned);
    // Learned mappings name real fields.
    let bad = Mapping::from_json(r#"{"learned": {"X": "shoe_size"}}"#).unwrap();
    let err = Importer::new(ImportOptions { mapping: Some(bad), ..generic() })
        .unwrap()
        .validate(&Source::from_bytes(b"X;Nome\n1;Ana\n".to_vec()))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_options");

    // A stricter threshold flags the synonym too.
    let strict = Mapping::from_json(r#"{"review_threshold": 0.999}"#).unwrap();
    let (_, _, cols) = both(ImportOptions { mapping: Some(strict), ..generic() }, csv.as_bytes());
    assert!(cols[1].needs_review);
    assert!(Mapping::from_json(r#"{"review_threshold": 1.5}"#).is_err());
}

#[test]
fn a_contact_block_after_a_contact_email_is_the_contacts() {
    // Upflow's customer file: the contact's own columns after `Contact email`.
    let csv = "Customer ID,Customer name,Contact email,First name,Family name,Phone number\n\
               C-1,Acme SAS,ana@acme.fr,Ana,Dupont,+33 1 42 68 53 00\n\
               C-1,Acme SAS,bo@acme.fr,Bo,Martin,+33 6 12 34 56 78\n\
               C-2,Globex SARL,cy@globex.fr,Cy,Bernard,+33 4 78 42 10 10\n";
    for profile in ["generic", "upflow"] {
        let opts = ImportOptions { profile: Profile::builtin(profile).unwrap(), ..ImportOptions::default() };
        let importer = Importer::new(opts).unwrap();
        let source = Source::from_bytes(csv.as_bytes().to_vec());
        let report = importer.validate(&source).unwrap();
        let (customers, issues, cols) = (report.customers, report.issues, report.mapping);
        // The stream maps the file alike and, its rows held to the end, gives the same customers.
        let mut streamed = Vec::new();
        let summary = importer
            .validate_stream(&source, 2, &mut |c| {
                streamed.extend(c.customers);
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(summary.mapping, cols);
        assert_eq!(streamed, customers);
        let fields: Vec<_> = cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect();
        assert_eq!(
            fields[2..],
            [Some("contact_email"), Some("contact_first_name"), Some("contact_last_name"), Some("contact_phone")],
            "{profile}"
        );
        assert!(issues.iter().all(|i| i.code != IssueCode::DuplicateKey), "{profile}: {issues:?}");
        assert_eq!(customers.len(), 2, "{profile}");
        assert_eq!(customers[0].contacts.len(), 2, "{profile}");
    }
}

#[test]
fn headerless_columns_map_by_their_values() {
    let headers: Vec<String> = vec![String::new(); 4];
    let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let samples = vec![
        s(&["Ana Souza", "Padaria Pão Quente"]),
        s(&["529.982.247-25", "11.222.333/0001-81"]),
        s(&["ana@x.com.br", "fin@paoquente.com.br"]),
        s(&["01310-100", "20040-002"]),
    ];
    let cols = cadastro::resolve_with_samples(&headers, &samples, &Profile::generic(), None);
    // No name column can be told from values alone: the generic profile requires one.
    assert_eq!(cols.unwrap_err().code(), "missing_required_column");
    let cols = cadastro::suggest_with_samples(&headers, &samples, &Profile::generic());
    let fields: Vec<_> = cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect();
    assert_eq!(fields, [None, Some("tax_id"), Some("email"), Some("postal_code")]);
    assert!(cols.iter().skip(1).all(|c| c.reason == MatchReason::Values && c.needs_review));
    // With the name named by letter, the rest follows from the values.
    let m = Mapping::from_json(r#"{"A": "name"}"#).unwrap();
    let cols = cadastro::resolve_with_samples(&headers, &samples, &Profile::generic(), Some(&m)).unwrap();
    assert_eq!(cols[2].field.as_ref().map(|t| t.name()), Some("email"));
}

#[test]
fn values_veto_and_decide_ambiguous_headers() {
    let headers: Vec<String> = ["Name", "Company", "Account Number", "Número"].map(String::from).into();
    let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    // `Company` holding names is no is-company flag; `Account Number` holding codes is the
    // customer number; `Número` holding phones is no street number.
    let samples = vec![
        s(&["Ana", "Bo"]),
        s(&["Acme Ltd", "Globex Inc"]),
        s(&["C-001", "C-002"]),
        s(&["(11) 98765-4321", "(21) 3333-4444"]),
    ];
    let cols = cadastro::suggest_with_samples(&headers, &samples, &Profile::generic());
    let fields: Vec<_> = cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect();
    assert_eq!(fields, [Some("name"), Some("short_name"), Some("external_id"), Some("phone")]);
    // Holding IBANs, `Account Number` is the bank account.
    let mut samples = samples;
    samples[2] = s(&["FR7630006000011234567890189", "DE89370400440532013000"]);
    let cols = cadastro::suggest_with_samples(&headers, &samples, &Profile::generic());
    assert_eq!(cols[2].field.as_ref().map(|t| t.name()), Some("bank_account"));
}
