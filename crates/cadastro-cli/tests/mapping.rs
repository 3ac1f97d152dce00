//! `--mapping M.json` with merges, learned mappings and the review threshold; `needs_review`
//! and `merged_from` in `validate` (streamed and whole-file) and `inspect` JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn cadastro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadastro")).args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-mapping-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {} {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

/// A Brazilian export in Windows-1252 with separate CPF and CNPJ columns and a partner code.
fn file() -> PathBuf {
    let text = "Cód. Parceiro;Razão social;CPF;CNPJ;E-mail\r\n\
                P-1;Ana Souza;529.982.247-25;;ana@exemplo.com.br\r\n\
                P-2;Padaria Pão Quente Ltda;;11.222.333/0001-81;fin@paoquente.com.br\r\n\
                P-3;João Pereira;390.533.447-05;11.444.777/0001-61;joao@exemplo.com.br\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let path = tmp("parceiros.csv");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn merges_learned_mappings_and_review_flags_in_validate_and_inspect() {
    let csv = file();
    let csv = csv.to_str().unwrap();
    let plain = cadastro(&["validate", csv, "--country", "BR", "--format", "json"]);
    let report = json(&plain);
    let m = &report["mapping"];
    assert_eq!(m[2]["field"], "tax_id");
    assert_eq!(m[3]["field"], "tax_id");
    assert_eq!(m[2]["merged_from"], serde_json::json!(["C", "D"]));
    assert_eq!(m[0]["needs_review"], true, "an unknown header needs review");
    assert_eq!(m[1]["needs_review"], false);
    assert_eq!(m[1]["reason"], "synonym");
    assert_eq!(plain.status.code(), Some(1), "row 4's CPF and CNPJ differ");
    let codes: Vec<&str> = report["issues"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"merged_values_differ"), "{codes:?}");
    assert_eq!(report["stats"]["customers_valid"], 2);

    // Learned mappings rank first; a declared merge and a threshold from the command line.
    let mapping = tmp("mapping.json");
    std::fs::write(&mapping, r#"{"learned": {"Cód. Parceiro": "external_id"}, "tax_id": ["CPF", "CNPJ"]}"#).unwrap();
    for extra in [&[][..], &["--whole-file"][..]] {
        let mut args = vec!["validate", csv, "--country", "BR", "--format", "json", "--mapping"];
        args.push(mapping.to_str().unwrap());
        args.extend(["--review-threshold", "0.99"]);
        args.extend(extra);
        let report = json(&cadastro(&args));
        let m = &report["mapping"];
        assert_eq!(m[0]["field"], "external_id", "{extra:?}");
        assert_eq!(m[0]["reason"], "learned");
        assert_eq!(m[0]["needs_review"], false);
        assert_eq!(m[2]["reason"], "explicit");
        assert_eq!(m[3]["merged_from"], serde_json::json!(["C", "D"]));
        // 0.99 is above a synonym's confidence, even confirmed by its values (0.98).
        assert_eq!(m[1]["needs_review"], true, "{extra:?}");
        assert_eq!(m[4]["needs_review"], false, "the generic profile's own label");
    }

    let ins = json(&cadastro(&["inspect", csv, "--format", "json"]));
    assert_eq!(ins["columns"][3]["merged_from"], serde_json::json!(["C", "D"]));
    assert_eq!(ins["columns"][0]["needs_review"], true);
    let text = cadastro(&["inspect", csv]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("tax_id (0.98) [C+D]"), "{text}");

    let bad = cadastro(&["validate", csv, "--review-threshold", "2"]);
    assert_eq!(bad.status.code(), Some(2));
}
