#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! cadastro::resolve and cadastro::suggest on whole header rows.

use std::collections::BTreeSet;

use cadastro::{ColumnMapping, Mapping, MatchReason};
use cadastro::{ErrorKind, Profile};

fn row(headers: &[&str]) -> Vec<String> {
    headers.iter().map(|h| (*h).to_owned()).collect()
}

fn fields(cols: &[ColumnMapping]) -> Vec<Option<&str>> {
    cols.iter().map(|c| c.field.as_ref().map(|t| t.name())).collect()
}

fn profile(name: &str) -> Profile {
    Profile::builtin(name).unwrap()
}

fn layout(name: &str) -> Vec<String> {
    profile(name).columns.iter().map(|c| c.header.clone()).collect()
}

#[test]
fn duplicate_header_names_field_and_columns() {
    let headers = row(&["Customer name", "Email", "E-mail"]);
    let err = cadastro::resolve(&headers, &profile("upflow"), None).unwrap_err();
    assert_eq!(err.code(), "duplicate_header");
    match err.kind() {
        ErrorKind::DuplicateHeader { field, columns } => {
            assert_eq!(field, "email");
            assert_eq!(columns, &["B", "C"]);
        }
        other => panic!("{other:?}"),
    }
    // Both the generic profile's own label once folded.
    let err = cadastro::resolve(&row(&["Name", "E-mail", "Phone", "EMAIL"]), &Profile::generic(), None).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::DuplicateHeader { field, columns } if field == "email" && columns == &["B", "D"])
    );
    // Two synonyms in two languages.
    let err = cadastro::resolve(&row(&["Nom", "NIP", "CPF"]), &profile("upflow"), None).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::DuplicateHeader { field, .. } if field == "tax_id"));
    // Suggestions alone never fail: the leftmost column wins, the other gets nothing.
    let cols = cadastro::suggest(&headers, &profile("upflow"));
    assert_eq!(fields(&cols), [Some("name"), Some("email"), None]);
}

#[test]
fn a_stronger_claim_is_not_a_duplicate() {
    // The profile's own label beats a synonym.
    let cols = cadastro::resolve(
        &row(&["Identificador Externo", "Nome completo", "Nome", "CPF/CNPJ"]),
        &profile("asaas"),
        None,
    )
    .unwrap();
    // The second name column is the short name (issue #15), to be reviewed.
    assert_eq!(fields(&cols), [Some("external_id"), Some("name"), Some("short_name"), Some("tax_id")]);
    assert_eq!(cols[2].reason, MatchReason::Context);
    assert!(cols[2].needs_review);
    // `ID` is a loose label: `Customer ID` wins without a duplicate.
    let cols = cadastro::resolve(&row(&["ID", "Customer ID", "Name"]), &Profile::generic(), None).unwrap();
    assert_eq!(fields(&cols), [None, Some("external_id"), Some("name")]);
    // An ambiguous label falls back to its second reading.
    let cols = cadastro::resolve(&row(&["Company", "Client name"]), &profile("upflow"), None).unwrap();
    assert_eq!(fields(&cols), [Some("is_company"), Some("name")]);
    assert_eq!(cols[0].reason, MatchReason::Synonym);
}

#[test]
fn explicit_mapping_settles_duplicates() {
    let headers = row(&["Customer name", "Email", "E-mail"]);
    let upflow = profile("upflow");
    // Ignore one column by letter.
    let m = Mapping::from_json(r#"{"C": null}"#).unwrap();
    let cols = cadastro::resolve(&headers, &upflow, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("name"), Some("email"), None]);
    assert_eq!(cols[2].reason, MatchReason::Ignored);
    // Give the field to the other column by header text.
    let m = Mapping::from_json(r#"{"E-mail": "email"}"#).unwrap();
    let cols = cadastro::resolve(&headers, &upflow, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("name"), None, Some("email")]);
    assert_eq!(cols[2].reason, MatchReason::Explicit);
    assert_eq!(cols[2].confidence, 1.0);
    // Send one to another field: the other keeps its suggestion.
    let m = Mapping::from_json(r#"{"Email": "additional_emails"}"#).unwrap();
    let cols = cadastro::resolve(&headers, &upflow, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("name"), Some("additional_emails"), Some("email")]);
    // A folded key matches both columns: one field for two columns is refused.
    let m = Mapping::from_json(r#"{"email": "additional_emails"}"#).unwrap();
    assert_eq!(cadastro::resolve(&headers, &upflow, Some(&m)).unwrap_err().code(), "invalid_options");
    // Ignoring both by folded key leaves no e-mail column, and that is fine.
    let m = Mapping::from_json(r#"{"EMAIL": null}"#).unwrap();
    let cols = cadastro::resolve(&headers, &upflow, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("name"), None, None]);
}

#[test]
fn explicit_override_by_header_folded_header_and_letter() {
    let headers = row(&["Identificador Externo", "Nome completo", "Documento", "Apelido", ""]);
    let asaas = profile("asaas");
    let m = Mapping::from_json(r#"{"Apelido": "short_name", "documento": "tax_id", "E": "notes"}"#).unwrap();
    let cols = cadastro::resolve(&headers, &asaas, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("external_id"), Some("name"), Some("tax_id"), Some("short_name"), Some("notes")]);
    assert_eq!(
        cols.iter().map(|c| c.reason).collect::<Vec<_>>(),
        [
            MatchReason::ProfileLabel,
            MatchReason::ProfileLabel,
            MatchReason::Explicit,
            MatchReason::Explicit,
            MatchReason::Explicit
        ]
    );
    // A letter entry overrides a header entry for the same column.
    let m = Mapping::from_json(r#"{"Nome completo": "short_name", "B": "name", "C": "tax_id"}"#).unwrap();
    let cols = cadastro::resolve(&headers, &asaas, Some(&m)).unwrap();
    assert_eq!(cols[1].field.as_ref().map(|t| t.name()), Some("name"));
    // Overriding a suggestion moves the field: the overridden column keeps nothing of it.
    let m = Mapping::from_json(r#"{"Nome completo": null, "Apelido": "name", "C": "tax_id"}"#).unwrap();
    let cols = cadastro::resolve(&headers, &asaas, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("external_id"), None, Some("tax_id"), Some("name"), None]);
}

#[test]
fn explicit_mapping_errors() {
    let headers = row(&["Nome completo", "CPF/CNPJ", "Identificador Externo"]);
    let asaas = profile("asaas");
    for (json, needle) in [
        (r#"{"Nome completo": "nome"}"#, "nome"),
        (r#"{"Telefone": "phone"}"#, "Telefone"),
        (r#"{"Z": "phone"}"#, "\"Z\""),
        (r#"{"a": "phone"}"#, "\"a\""),
        (r#"{"A": "email", "B": "email"}"#, "email"),
    ] {
        let m = Mapping::from_json(json).unwrap();
        let err = cadastro::resolve(&headers, &asaas, Some(&m)).unwrap_err();
        assert_eq!(err.code(), "invalid_options", "{json}");
        assert!(err.to_string().contains(needle), "{json}: {err}");
    }
    assert_eq!(Mapping::from_json("[1, 2]").unwrap_err().code(), "invalid_options");
    assert_eq!(Mapping::from_json(r#"{"A": 3}"#).unwrap_err().code(), "invalid_options");
}

#[test]
fn missing_required_column_names_field_profile_and_header() {
    // An Upflow file read with the asaas profile: names map, but there is no CPF/CNPJ.
    let err = cadastro::resolve(&layout("upflow"), &profile("asaas"), None).unwrap_err();
    match err.kind() {
        ErrorKind::MissingRequiredColumn { field, header, profile } => {
            assert_eq!((field.as_str(), header.as_str(), profile.as_str()), ("tax_id", "CPF/CNPJ", "asaas"));
        }
        other => panic!("{other:?}"),
    }
    let err = cadastro::resolve(&row(&["Email", "Phone"]), &profile("invoiceocean"), None).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::MissingRequiredColumn { field, header, .. } if field == "name" && header == "Client name")
    );
    // Ignoring the only name column makes it missing too.
    let m = Mapping::from_json(r#"{"Name": null}"#).unwrap();
    let err = cadastro::resolve(&row(&["Name", "Email"]), &Profile::generic(), Some(&m)).unwrap_err();
    assert_eq!(err.code(), "missing_required_column");
}

#[test]
fn every_builtin_layout_maps_itself_and_the_others() {
    for own in ["asaas", "invoiceocean", "upflow"] {
        let cols = cadastro::resolve(&layout(own), &profile(own), None).unwrap();
        for (col, pc) in cols.iter().zip(&profile(own).columns) {
            assert_eq!(col.field, pc.field, "{own}: {}", pc.header);
            let want = if pc.field.is_some() { MatchReason::ProfileLabel } else { MatchReason::None };
            assert_eq!(col.reason, want, "{own}: {}", pc.header);
        }
        // Read with another profile, every column carrying a field still maps to that field.
        for other in ["asaas", "invoiceocean", "upflow", "generic"] {
            let cols = cadastro::suggest(&layout(own), &profile(other));
            for (col, pc) in cols.iter().zip(&profile(own).columns) {
                // A profile's custom field (asaas "Empresa") exists only in that profile.
                if other != own && matches!(pc.field, Some(cadastro::Target::Custom(_))) {
                    continue;
                }
                assert_eq!(col.field, pc.field, "{own} read with {other}: {}", pc.header);
            }
        }
    }
}

#[test]
fn custom_fields_synonyms() {
    let p = Profile::from_json(
        r#"{"name": "acme", "required": ["name", "segment"], "columns": [{"header": "Name", "field": "name"}],
            "custom_fields": [
              {"name": "segment", "kind": {"type": "enum", "values": ["A", "B"]}, "synonyms": ["Segmento", "Tier"]},
              {"name": "loyalty_points", "kind": {"type": "integer"}, "synonyms": ["Pontos de fidelidade"]}
            ]}"#,
    )
    .unwrap();
    let headers = row(&["Name", "SEGMENTO", "Pontos de fidelidadee", "Grupo"]);
    let cols = cadastro::resolve(&headers, &p, None).unwrap();
    assert_eq!(fields(&cols), [Some("name"), Some("segment"), Some("loyalty_points"), Some("group")]);
    assert_eq!(cols[1].reason, MatchReason::Synonym);
    assert_eq!(cols[2].reason, MatchReason::Fuzzy);
    // The custom field's own name is a label too.
    let cols = cadastro::suggest(&row(&["loyalty_points"]), &p);
    assert_eq!(fields(&cols), [Some("loyalty_points")]);
    // A required custom field with no column.
    let err = cadastro::resolve(&row(&["Name"]), &p, None).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MissingRequiredColumn { field, .. } if field == "segment"));
    // An explicit mapping may name the custom field, not an undeclared one.
    let m = Mapping::from_json(r#"{"B": "segment"}"#).unwrap();
    let cols = cadastro::resolve(&row(&["Name", "Categoria do cliente"]), &p, Some(&m)).unwrap();
    assert_eq!(fields(&cols), [Some("name"), Some("segment")]);
    let m = Mapping::from_json(r#"{"B": "tier"}"#).unwrap();
    let err = cadastro::resolve(&row(&["Name", "Categoria"]), &p, Some(&m)).unwrap_err();
    assert_eq!(err.code(), "invalid_options");
}

#[test]
fn suggestions_never_put_two_columns_on_one_field() {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases/mapping.json")).unwrap(),
    )
    .unwrap();
    let pool: Vec<String> =
        doc["cases"].as_array().unwrap().iter().map(|c| c["header"].as_str().unwrap().to_owned()).collect();
    // A fixed-seed generator: 300 header rows of 5 to 40 headers drawn from the case headers.
    let mut state: u64 = 0x5eed_cafe;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let profiles: Vec<Profile> = ["asaas", "invoiceocean", "upflow", "generic"].map(profile).into();
    let mut assigned = 0;
    for _ in 0..300 {
        let len = 5 + next(36);
        let headers: Vec<String> = (0..len).map(|_| pool[next(pool.len())].clone()).collect();
        let p = &profiles[next(profiles.len())];
        let cols = cadastro::suggest(&headers, p);
        assert_eq!(cols.len(), headers.len());
        let mut seen = BTreeSet::new();
        for c in &cols {
            if let Some(t) = &c.field {
                // The columns of a merge (CPF + CNPJ) share their field, and only they.
                assert!(seen.insert(t.clone()) || c.merged_from.len() > 1, "{t} twice in {headers:?} with {}", p.name);
                assigned += 1;
            }
            assert!((0.0..=1.0).contains(&c.confidence));
        }
        // resolve either fails with a file-level kind or keeps the one-to-one rule too.
        match cadastro::resolve(&headers, p, None) {
            Ok(cols) => {
                let targets: Vec<_> =
                    cols.iter().filter(|c| c.merged_from.len() < 2).filter_map(|c| c.field.clone()).collect();
                let unique: BTreeSet<_> = targets.iter().collect();
                assert_eq!(unique.len(), targets.len());
            }
            Err(e) => assert!(["duplicate_header", "missing_required_column"].contains(&e.code()), "{e}"),
        }
    }
    assert!(assigned > 1000);
}

#[test]
fn saved_mapping_replays() {
    let headers = row(&["Razão social", "CNPJ", "Cod", "Email", "Email", "", "Obs"]);
    let asaas = profile("asaas");
    let m = Mapping::from_json(r#"{"Cod": "external_id", "E": "additional_emails", "F": null}"#).unwrap();
    let cols = cadastro::resolve(&headers, &asaas, Some(&m)).unwrap();
    let saved = Mapping::from_columns(&cols);
    // Shared and empty headers are saved by letter.
    assert!(saved.entries.contains_key("D") && saved.entries.contains_key("E") && saved.entries.contains_key("F"));
    let back = Mapping::from_json(&saved.to_json()).unwrap();
    assert_eq!(back, saved);
    let again = cadastro::resolve(&headers, &asaas, Some(&back)).unwrap();
    assert_eq!(fields(&again), fields(&cols));
    assert_eq!(
        fields(&again),
        [
            Some("name"),
            Some("tax_id"),
            Some("external_id"),
            Some("email"),
            Some("additional_emails"),
            None,
            Some("notes")
        ]
    );
}

#[test]
fn samples_fill_unmatched_columns_only() {
    let headers = row(&["Nome", "Coluna 1", "Coluna 2", "Coluna 3", "", "E-mail"]);
    let s = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let samples = vec![
        s(&["Ana"]),
        s(&["529.982.247-25", "11.222.333/0001-81"]),
        s(&["01310-100"]),
        s(&["ana@acme.com.br"]),
        s(&["bo@acme.com.br"]),
        s(&["ana@acme.com.br"]),
    ];
    let cols = cadastro::suggest_with_samples(&headers, &samples, &profile("asaas"));
    assert_eq!(fields(&cols), [Some("name"), Some("tax_id"), Some("postal_code"), None, None, Some("email")]);
    assert_eq!(cols[1].reason, MatchReason::Values);
    assert_eq!(cols[1].confidence, 0.6);
    assert!(cols[1].needs_review);
    assert_eq!(serde_json::to_value(cols[1].reason).unwrap(), "values");
}
