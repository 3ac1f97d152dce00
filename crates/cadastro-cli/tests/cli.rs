//! The `cadastro` binary end to end: exit codes, JSON output, the error file round trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/clientes-asaas.csv")
}

fn cadastro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadastro")).args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn validate_reports_errors_with_exit_code_1() {
    let out = cadastro(&["validate", example().to_str().unwrap(), "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["profile"], "asaas");
    assert_eq!(report["source"]["format"], "csv");
    assert_eq!(report["source"]["encoding"], "utf-8-bom");
    assert_eq!(report["source"]["delimiter"], ";");
    assert_eq!(report["stats"]["rows_total"], 8);
    assert_eq!(report["stats"]["customers_valid"], 6);
    let codes: Vec<(u64, &str)> = report["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["severity"] == "error")
        .map(|i| (i["row"].as_u64().unwrap(), i["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [(6, "invalid_email"), (6, "invalid_tax_id"), (8, "duplicate_key")]);
    assert_eq!(report["customers"][0]["tax_id"].as_str().unwrap().len(), 11);
    assert_eq!(report["customers"][0]["mobile_phone"], "+5511987654321");
    assert_eq!(report["customers"][0]["postal_code"], "01310-100");
}

#[test]
fn text_output_and_locale() {
    let out = cadastro(&["validate", example().to_str().unwrap(), "--profile", "asaas", "--locale", "pt-BR"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("clientes: 6 válidos, 2 rejeitados"), "{text}");
    assert!(text.contains("invalid_tax_id (erro): 1 na linha 6"), "{text}");
    assert!(text.contains("documento inválido"), "{text}");
    let en = cadastro(&["validate", example().to_str().unwrap(), "--profile", "asaas", "--locale", "en"]);
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(text.contains("customers: 6 valid, 2 rejected"), "{text}");
    assert!(text.contains("invalid_tax_id (error): 1 on row 6"), "{text}");
}

#[test]
fn file_level_failure_exit_code_2_and_json_error() {
    let empty = tmp("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let out = cadastro(&["validate", empty.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["error"]["kind"], "empty_file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty_file"));
    let missing = cadastro(&["validate", "/nonexistent/file.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("(io)"));
    let profile = cadastro(&["validate", example().to_str().unwrap(), "--profile", "nope", "--format", "json"]);
    assert_eq!(json(&profile)["error"]["kind"], "invalid_options");
}

#[test]
fn csv_error_file_round_trips_once_fixed() {
    let errors = tmp("erros.csv");
    let out = cadastro(&[
        "validate",
        example().to_str().unwrap(),
        "--profile",
        "asaas",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(std::fs::read(&errors).unwrap()).unwrap();
    let lines: Vec<&str> = text.trim_end().lines().collect();
    assert!(lines[0].starts_with("\u{feff}Identificador Externo;Nome completo;"), "{}", lines[0]);
    // The asaas profile speaks pt-BR by default: the error column is headed in Portuguese.
    assert!(lines[0].ends_with(";Erros"), "{}", lines[0]);
    assert_eq!(lines.len(), 3, "header + the two rejected rows:\n{text}");
    // The user fixes the three problems and imports the file as it is.
    let fixed = text
        .replace("ana.lima@@example.com", "ana.lima@example.com")
        .replace("123.456.789-00", "529.982.247-25")
        .replace("CLI-001;Maria Souza (duplicada)", "CLI-008;Maria Souza (duplicada)");
    let fixed_path = tmp("erros-corrigido.csv");
    std::fs::write(&fixed_path, fixed).unwrap();
    let out = cadastro(&["validate", fixed_path.to_str().unwrap(), "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let report = json(&out);
    assert_eq!(report["stats"]["customers_valid"], 2);
    assert!(report["issues"].as_array().unwrap().iter().all(|i| i["code"] != "unmapped_column"));
}

#[test]
fn xlsx_error_file_reimports_with_the_same_problems() {
    let errors = tmp("erros.xlsx");
    let out = cadastro(&[
        "validate",
        example().to_str().unwrap(),
        "--profile",
        "asaas",
        "--errors",
        errors.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let again = cadastro(&["validate", errors.to_str().unwrap(), "--profile", "asaas", "--format", "json"]);
    let report = json(&again);
    assert_eq!(report["source"]["format"], "xlsx");
    let codes: Vec<&str> = report["issues"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    // Row 8's duplicate is no longer a duplicate once alone in the error file.
    assert_eq!(codes, ["invalid_email", "invalid_tax_id"]);
    assert_eq!(report["stats"]["customers_valid"], 1);
    assert!(Path::new(&errors).exists());
}

#[test]
fn inspect_shows_the_dialect_and_suggestions() {
    let out = cadastro(&["inspect", example().to_str().unwrap(), "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let ins = json(&out);
    assert_eq!(ins["source"]["delimiter"], ";");
    assert_eq!(ins["source"]["header_row"], 1);
    assert_eq!(ins["columns"][5]["header"], "CPF/CNPJ");
    assert_eq!(ins["columns"][5]["field"], "tax_id");
    assert_eq!(ins["columns"][5]["confidence"], 1.0);
    assert_eq!(ins["columns"][0]["samples"][0], "CLI-001");
}

#[test]
fn encoding_is_detected_or_forced() {
    let polish = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/inputs/csv/invoiceocean_pl_windows1250_semicolon.csv");
    let polish = polish.to_str().unwrap();
    let city = |args: &[&str]| {
        let out = cadastro(&[&["validate", polish, "--profile", "invoiceocean", "--format", "json"], args].concat());
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let report = json(&out);
        (report["source"]["encoding"].as_str().unwrap().to_owned(), report["customers"][1]["city"].clone())
    };
    assert_eq!(city(&[]), ("windows-1250".to_owned(), Value::from("Łódź")));
    assert_eq!(city(&["--encoding", "windows-1252"]), ("windows-1252".to_owned(), Value::from("£ódŸ")));
    let out = cadastro(&["inspect", polish, "--encoding", "latin-9"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown encoding `latin-9` (invalid_options)"), "{stderr}");
}

/// stdout and exit code of `cadastro validate FILE ARGS...`.
fn validate_output(file: &Path, args: &[&str]) -> (Vec<u8>, Option<i32>) {
    let mut all = vec!["validate", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = cadastro(&all);
    (out.stdout, out.status.code())
}

#[test]
fn streamed_validate_prints_the_whole_file_output() {
    let inputs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/inputs");
    let mut files: Vec<PathBuf> = ["csv", "excel"]
        .iter()
        .flat_map(|d| std::fs::read_dir(inputs.join(d)).unwrap().map(|e| e.unwrap().path()))
        .collect();
    // A CSV of several streaming chunks (4,096 rows each in the CLI): duplicate keys across
    // chunks, bad tax ids and e-mails, blank lines. (Kept small: every run is a debug build.)
    let big = tmp("stream-12k.csv");
    let mut csv = String::from("Identificador Externo;Nome completo;CPF/CNPJ;E-mail;Observações\n");
    for i in 0..12_000u32 {
        let id = if i % 1_000 == 999 && i > 6_000 { i - 6_000 } else { i };
        let tax = if i % 61 == 0 { "111.111.111-11" } else { "529.982.247-25" };
        let tax = if i % 3 == 0 { tax } else { "" };
        let email = if i % 71 == 0 { "x@@y" } else { "ana@example.com" };
        csv.push_str(&format!("{id};Ana {i};{tax};{email};\"nota; {i}\"\n"));
        if i % 3_000 == 0 {
            csv.push('\n');
        }
    }
    std::fs::write(&big, csv).unwrap();
    files.push(big);
    files.sort();
    // Each file with its own profile (as the golden tests pair them) and the generic one: the
    // mapped and the unmapped paths, without running every file under every profile.
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/golden/profiles.json");
    let own: Value = serde_json::from_str(&std::fs::read_to_string(golden).unwrap()).unwrap();
    let mut compared = 0;
    for file in &files {
        let rel = file.strip_prefix(&inputs).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let profile = own[rel.as_str()].as_str().unwrap_or("asaas");
        for profile in ["generic", profile] {
            for format in ["json", "text"] {
                let args = ["--profile", profile, "--format", format];
                let streamed = validate_output(file, &args);
                let whole = validate_output(file, &[&args[..], &["--whole-file"]].concat());
                assert!(
                    streamed == whole,
                    "{} {profile} {format}:\n{}\n---\n{}",
                    file.display(),
                    String::from_utf8_lossy(&streamed.0),
                    String::from_utf8_lossy(&whole.0)
                );
                compared += 1;
            }
        }
    }
    assert!(compared >= 80, "{compared}");
    let (out, code) = validate_output(
        files.iter().find(|f| f.ends_with("stream-12k.csv")).unwrap(),
        &["--profile", "asaas", "--format", "json"],
    );
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["stats"]["rows_total"], 12_000);
    assert!(report["issues"].as_array().unwrap().iter().any(|i| i["code"] == "duplicate_key"));
}

/// `cadastro validate big.csv | head -1`: the reader goes away; no panic, the usual exit code.
#[test]
fn a_closed_stdout_is_not_a_panic() {
    use std::process::Stdio;
    let file = tmp("broken-pipe.csv");
    let mut csv = String::from("nome;email;cidade\n");
    for i in 0..5_000 {
        csv.push_str(&format!("Cliente {i};c{i}@example.com;São Paulo\n"));
    }
    std::fs::write(&file, csv).unwrap();
    for extra in [&[][..], &["--whole-file"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cadastro"))
            .args([&["validate", file.to_str().unwrap(), "--format", "json"], extra].concat())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the report (about 1 MB) cannot be written
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{extra:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {stderr}");
    }
}

/// Issue #14 through the CLI: a real Cyrillic file (testdata/realworld), the new encoding names,
/// headerless files and inspect's header candidates.
#[test]
fn real_files_new_encodings_headerless_and_header_candidates() {
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/realworld/csv");
    let file = |name: &str| real.join(name).to_str().unwrap().to_owned();
    let out = cadastro(&["inspect", &file("alfa_example.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let ins = json(&out);
    assert_eq!(ins["source"]["encoding"], "windows-1251");
    assert!(ins["source"]["encoding_confidence"].as_f64().unwrap() >= 0.5);
    assert_eq!(ins["columns"][0]["header"], "Тип счета");
    assert_eq!(ins["header_candidates"][0]["row"], 1);
    assert_eq!(ins["header_candidates"][0]["chosen"], true);
    let out = cadastro(&["inspect", &file("alfa_example.csv"), "--encoding", "CP1251"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("encoding:   windows-1251") && text.contains("header candidates: row 1"), "{text}");
    let out = cadastro(&["inspect", &file("data.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(json(&out)["source"]["header_row"].is_null());
    let out = cadastro(&["inspect", &file("data.csv")]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("header row: none"));
}

/// Issue #14's benchmark fixes through the CLI: a space-aligned table, a headerless all-text
/// file (testdata/realworld/csv) and an ods with a stray space at its last cell.
#[test]
fn space_aligned_headerless_text_and_a_stray_ods_cell() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let path = |name: &str| root.join(name).to_str().unwrap().to_owned();
    let out = cadastro(&["inspect", &path("realworld/csv/diamonds.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let ins = json(&out);
    assert_eq!(ins["source"]["delimiter"], " ");
    let headers: Vec<&str> = ins["columns"].as_array().unwrap().iter().map(|c| c["header"].as_str().unwrap()).collect();
    assert_eq!(headers, ["id", "carat", "cut", "color", "clarity", "depth", "table", "price", "x", "y", "z"]);
    let out = cadastro(&["inspect", &path("realworld/csv/shops.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(json(&out)["source"]["header_row"].is_null());
    let out = cadastro(&["inspect", &path("workbooks/stray_space.ods"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["source"]["sheet"], "Clientes");
}
