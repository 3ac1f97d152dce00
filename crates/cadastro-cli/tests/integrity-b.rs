//! Issue 16 points 4, 5 and 7 through the `cadastro` binary, on the streamed path (the default
//! of `validate`) and the whole-file path (`--whole-file`, `import`): the default locale, the
//! `--locale` override (pl, es, lenient tags, a clear error for an unknown one), the inferred
//! country in the JSON report and the text summary, the ninth-digit warning.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn cadastro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadastro")).args(args).output().unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-integrity-b-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// The generic profile on a Brazilian file saved by Excel (Windows-1252): a bad CPF, a legacy
/// mobile, a landline.
fn brazilian_generic() -> PathBuf {
    let csv = "Nome;CPF;Celular;Fone\r\n\
               Ana Souza;123.456.789-00;(11) 98765-4321;\r\n\
               João Lima;529.982.247-25;(85) 9508-7624;(85) 3256-7624\r\n";
    tmp("clientes.csv", &encoding_rs::WINDOWS_1252.encode(csv).0)
}

#[test]
fn generic_infers_brazil_on_both_paths() {
    let file = brazilian_generic();
    let f = file.to_str().unwrap();
    for extra in [&[][..], &["--whole-file"][..]] {
        let mut args = vec!["validate", f, "--format", "json"];
        args.extend_from_slice(extra);
        let out = cadastro(&args);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let r = json(&out);
        assert_eq!(r["source"]["country_inferred"]["country"], "BR", "{extra:?}");
        assert_eq!(
            r["source"]["country_inferred"]["evidence"],
            serde_json::json!(["tax_id", "phone", "header_language"])
        );
        assert_eq!(r["locale"], "pt-BR");
        let codes: Vec<(u64, &str)> = r["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["row"].as_u64().unwrap(), i["code"].as_str().unwrap()))
            .collect();
        assert_eq!(codes, [(2, "invalid_tax_id"), (3, "phone_ninth_digit_added")], "{extra:?}");
        assert_eq!(r["customers"][0]["mobile_phone"], "+5585995087624");
        assert_eq!(r["customers"][0]["phone"], "+558532567624");
    }
    let text = stdout(&cadastro(&["validate", f]));
    assert!(text.contains("país deduzido: BR (a partir de tax_id, phone, header_language)"), "{text}");
    assert!(text.contains("phone_ninth_digit_added (aviso): 1 na linha 3"), "{text}");
    // A country from the host: nothing is inferred, the phones are read as Polish.
    let out = cadastro(&["validate", f, "--country", "PL", "--format", "json"]);
    let r = json(&out);
    assert!(r["source"].get("country_inferred").is_none());
    assert!(r["issues"].as_array().unwrap().iter().any(|i| i["code"] == "invalid_phone"));
}

#[test]
fn locale_option_and_defaults() {
    let file = brazilian_generic();
    let f = file.to_str().unwrap();
    for (tag, words) in [
        ("pl", "klienci: 1 poprawnych, 1 odrzuconych"),
        ("pl-PL", "nieprawidłowy numer podatkowy"),
        ("es", "clientes: 1 válidos, 1 rechazados"),
        ("es_ES", "identificador fiscal no válido"),
        ("EN", "customers: 1 valid, 1 rejected"),
        ("fr-FR", "identifiant fiscal invalide"),
    ] {
        for extra in [&[][..], &["--whole-file"][..]] {
            let mut args = vec!["validate", f, "--locale", tag];
            args.extend_from_slice(extra);
            let text = stdout(&cadastro(&args));
            assert!(text.contains(words), "{tag} {extra:?}: {text}");
        }
    }
    let out = cadastro(&["validate", f, "--locale", "de", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = json(&out);
    assert_eq!(err["error"]["kind"], "invalid_options");
    assert!(err["error"]["message"].as_str().unwrap().contains("en, pt-BR, fr, pl, es"), "{err}");
    // English headers, no evidence: English.
    let en = tmp("customers.csv", b"Customer name;Email\nACME;nope\n");
    let text = stdout(&cadastro(&["validate", en.to_str().unwrap()]));
    assert!(text.contains("customers: 0 valid, 1 rejected"), "{text}");
}

#[test]
fn import_and_errors_follow_the_locale() {
    let file = brazilian_generic();
    let f = file.to_str().unwrap();
    let dir = std::env::temp_dir().join(format!("cadastro-cli-integrity-b-{}", std::process::id()));
    let db = dir.join("loc.db");
    let errors = dir.join("erros.csv");
    let out = cadastro(&[
        "import",
        f,
        "--db",
        db.to_str().unwrap(),
        "--dry-run",
        "--errors",
        errors.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out);
    assert_eq!(r["locale"], "pt-BR");
    assert_eq!(r["source"]["country_inferred"]["country"], "BR");
    let text = String::from_utf8(std::fs::read(&errors).unwrap()).unwrap();
    assert!(text.lines().next().unwrap().ends_with(";Erros"), "{text}");
    let out = cadastro(&["import", f, "--db", db.to_str().unwrap(), "--dry-run", "--stream", "--locale", "es"]);
    let text = stdout(&out);
    assert!(text.contains("clientes: 1 válidos, 1 rechazados"), "{text}");
    assert!(text.contains("país deducido: BR"), "{text}");
}
