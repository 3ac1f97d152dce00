#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! `cadastro export --from-json` and `cadastro template`.

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cadastro"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const CUSTOMERS: &str = r#"[
  {"rows": [2], "external_id": "007", "name": "=Ana", "tax_id": "52998224725", "group": "VIP", "is_company": false, "contacts": []},
  {"rows": [3], "external_id": "008", "name": "Bruno", "group": "Varejo", "contacts": []}
]"#;

#[test]
fn export_from_json_with_group_filter() {
    let json = tmp("customers.json");
    std::fs::write(&json, CUSTOMERS).unwrap();
    let out = tmp("vip.csv");
    let status = bin()
        .args(["export", out.to_str().unwrap(), "--profile", "asaas", "--group", "vip", "--from-json"])
        .arg(&json)
        .status()
        .unwrap();
    assert!(status.success());
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("\u{feff}Identificador Externo;Nome completo;"));
    assert!(lines[1].starts_with("007;'=Ana;;;;52998224725;"), "{}", lines[1]);
    assert!(lines[1].ends_with(";VIP;"), "{}", lines[1]);
    // A whole report is accepted too, and XLSX by extension.
    let report = tmp("report.json");
    std::fs::write(&report, format!(r#"{{"profile": "generic", "customers": {CUSTOMERS}}}"#)).unwrap();
    let xlsx = tmp("all.xlsx");
    let status = bin().args(["export", xlsx.to_str().unwrap(), "--from-json"]).arg(&report).status().unwrap();
    assert!(status.success());
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn export_failures_exit_2() {
    let out = tmp("x.csv");
    // No store at that path: a clear message, exit 2.
    let o = bin().args(["export", out.to_str().unwrap(), "--db", tmp("none.db").to_str().unwrap()]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no store here"), "{}", String::from_utf8_lossy(&o.stderr));
    let json = tmp("bad.json");
    std::fs::write(&json, r#"[{"nmae": "x"}]"#).unwrap();
    let o = bin().args(["export", out.to_str().unwrap(), "--from-json"]).arg(&json).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nmae"));
    let o = bin().args(["export", tmp("x.ods").to_str().unwrap(), "--from-json"]).arg(&json).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn templates_for_every_profile() {
    for profile in ["asaas", "invoiceocean", "upflow", "generic"] {
        let xlsx = tmp(&format!("{profile}.xlsx"));
        let status = bin().args(["template", xlsx.to_str().unwrap(), "--profile", profile]).status().unwrap();
        assert!(status.success());
        assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
        let csv = tmp(&format!("{profile}.csv"));
        let status = bin()
            .args(["template", csv.to_str().unwrap(), "--profile", profile, "--no-bom", "--line-ending", "lf"])
            .status()
            .unwrap();
        assert!(status.success());
        let text = std::fs::read_to_string(&csv).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(!text.starts_with('\u{feff}') && text.ends_with('\n') && !text.contains('\r'));
    }
    let o = bin().args(["template", "x.xlsx", "--profile", "nope"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

/// The seeds' migration between accounts: import into account A, export A, import the export
/// into account B, export B: both exports hold the same customers.
#[test]
fn account_to_account_migration_through_export_and_import() {
    let db = tmp("migration.db");
    let _ = std::fs::remove_file(&db);
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/clientes-asaas.csv");
    let db_arg = db.to_str().unwrap();
    let run = |args: &[&str]| bin().args(args).output().unwrap();
    let o = run(&["import", example.to_str().unwrap(), "--profile", "asaas", "--db", db_arg, "--account", "a"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    for format in ["xlsx", "csv"] {
        let out_a = tmp(&format!("a.{format}"));
        let o = run(&["export", out_a.to_str().unwrap(), "--profile", "asaas", "--db", db_arg, "--account", "a"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let account_b = format!("b-{format}");
        let o =
            run(&["import", out_a.to_str().unwrap(), "--profile", "asaas", "--db", db_arg, "--account", &account_b]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
        let out_b = tmp(&format!("b.{format}"));
        let o =
            run(&["export", out_b.to_str().unwrap(), "--profile", "asaas", "--db", db_arg, "--account", &account_b]);
        assert!(o.status.success());
        let customers = |path: &std::path::Path| {
            let o = run(&["validate", path.to_str().unwrap(), "--profile", "asaas", "--format", "json"]);
            let mut report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            report["customers"].take()
        };
        let a = customers(&out_a);
        assert_eq!(a.as_array().unwrap().len(), 6);
        assert_eq!(a, customers(&out_b), "{format}");
    }
}
