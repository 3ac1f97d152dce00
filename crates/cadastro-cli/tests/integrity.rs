//! Issue 16 points 2, 3, 6, 8 and issue 17 point 11 (export) end to end through the binary:
//! a bad `--errors` path refused before anything is written, the error file's row column and
//! its re-import, `accounts list|copy`, readable output, and exports that fail cleanly (a
//! temporary directory that is missing or full, a store error's own kind, custom fields kept).
//! Ends with the scripted newcomer path of issue 16.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cadastro::Cell;
use cadastro::{ReadOptions, Source, Table};
use serde_json::Value as Json;

const ASAAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/clientes-asaas.csv");

mod common;
use common::cadastro;

fn workdir(name: &str) -> PathBuf {
    common::workdir("integrity", name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Json {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(out), stderr(out)))
}

fn plan(v: &Json) -> (u64, u64, u64) {
    let p = &v["plan"];
    (p["created"].as_u64().unwrap(), p["updated"].as_u64().unwrap(), p["unchanged"].as_u64().unwrap())
}

fn read(path: &Path) -> Table {
    Source::from_path(path).open(&ReadOptions::default()).unwrap()
}

fn text_of(cell: &Cell) -> String {
    cell.as_text().into_owned()
}

/// The customers of an account, by external id, sorted (through `export --from` the store).
fn exported_ids(dir: &Path, account: &str) -> Vec<String> {
    let out = cadastro(dir, &["export", "check.csv", "--account", account, "--profile", "asaas"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = read(&dir.join("check.csv"));
    let mut ids: Vec<String> = table.rows.iter().map(|r| text_of(r.cell(0))).collect();
    ids.sort();
    ids
}

// ---- 16.2: a bad --errors path is refused before anything is written --------------------------

#[test]
fn import_with_a_bad_errors_path_writes_nothing() {
    let dir = workdir("bad-errors");
    for (path, kind) in [("/no/such/dir/erros.xlsx", "io"), ("e.docx", "invalid_options"), ("e.txt", "invalid_options")]
    {
        let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--errors", path, "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{path}: {}", stdout(&out));
        assert_eq!(json(&out)["error"]["kind"], kind, "{path}");
        assert!(!dir.join("cadastro.db").exists(), "{path}: the store was created");
    }
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--errors", "/no/such/dir/erros.xlsx"]);
    assert_eq!(stderr(&out).trim(), "cadastro: no such directory for the error file: /no/such/dir (io)");
    // validate too: refused before the file is read (the input does not even exist here).
    let out = cadastro(&dir, &["validate", "missing.csv", "--errors", "/no/such/dir/e.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/dir"), "{}", stderr(&out));
}

#[test]
fn an_error_file_that_fails_late_leaves_the_store_unwritten() {
    let dir = workdir("late-errors");
    // The directory takes new files (the up-front check passes), but the name is a dangling
    // link: the write itself fails, after validation and planning.
    std::os::unix::fs::symlink("/no/such/dir/erros.csv", dir.join("erros.csv")).unwrap();
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--errors", "erros.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("nothing was written to the store"), "{}", stderr(&out));
    let out = cadastro(&dir, &["accounts", "list", "--format", "json"]);
    assert_eq!(json(&out)["accounts"], serde_json::json!([]), "the import must not be committed");
}

// ---- 16.3: the error file's row column ----------------------------------------------------------

#[test]
fn the_error_file_carries_the_original_row_in_the_files_language() {
    let dir = workdir("row-column");
    for (locale, ext, header, errors) in
        [("pt-BR", "csv", "Linha", "Erros"), ("en", "xlsx", "Row", "Errors"), ("fr", "xlsx", "Ligne", "Erreurs")]
    {
        let name = format!("erros-{locale}.{ext}");
        let out = cadastro(&dir, &["validate", ASAAS, "--profile", "asaas", "--locale", locale, "--errors", &name]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let table = read(&dir.join(&name));
        let n = table.headers.len();
        assert_eq!(&table.headers[n - 2..], [header, errors], "{locale}");
        assert_eq!(table.headers[..n - 2], read(Path::new(ASAAS)).headers[..], "same columns, same letters");
        let rows: Vec<String> = table.rows.iter().map(|r| text_of(r.cell(n - 2))).collect();
        assert_eq!(rows, ["6", "8"], "{locale}");
        // The duplicate's message names a row of the original file, as the row column does.
        let message = text_of(table.rows[1].cell(n - 1));
        assert!(message.ends_with(" 2"), "{locale}: {message}");
    }
    let original = read(Path::new(ASAAS));
    assert_eq!(original.rows.iter().find(|r| r.row == 2).map(|r| text_of(r.cell(0))).as_deref(), Some("CLI-001"));
}

#[test]
fn a_reimported_error_file_ignores_its_row_and_errors_columns() {
    let dir = workdir("row-reimport");
    for ext in ["csv", "xlsx"] {
        let name = format!("erros.{ext}");
        cadastro(&dir, &["validate", ASAAS, "--profile", "asaas", "--locale", "pt-BR", "--errors", &name]);
        for path in [vec!["validate", &name], vec!["validate", &name, "--whole-file"]] {
            let args = [&path[..], &["--profile", "asaas", "--format", "json"]].concat();
            let report = json(&cadastro(&dir, &args));
            let mapped: Vec<&Json> = report["mapping"].as_array().unwrap().iter().collect();
            for m in &mapped {
                if m["header"] == "Linha" || m["header"] == "Erros" {
                    assert!(m["field"].is_null(), "{ext}: {m}");
                }
            }
            let codes: Vec<&str> =
                report["issues"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
            assert!(!codes.contains(&"unmapped_column"), "{ext}: {codes:?}");
            assert_eq!(codes, ["invalid_email", "invalid_tax_id"], "{ext}");
            assert!(report["customers"][0].get("custom").is_none_or(|c| c.get("linha").is_none()));
        }
    }
}

// ---- 16.6: accounts list and copy ---------------------------------------------------------------

#[test]
fn accounts_copy_plans_like_an_import_and_dry_runs_exactly() {
    let dir = workdir("accounts");
    let out = cadastro(&dir, &["accounts", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no store here"), "{}", stderr(&out));
    assert_eq!(cadastro(&dir, &["import", ASAAS, "--profile", "asaas"]).status.code(), Some(1));
    let list = cadastro(&dir, &["accounts", "list"]);
    assert_eq!(stdout(&list), "default  6 customers\n");

    // One group, dry run then real: the same counts; the dry run writes nothing.
    let args = ["accounts", "copy", "default", "filial", "--group", "Varejo", "--format", "json"];
    let dry = json(&cadastro(&dir, &[&args[..], &["--dry-run"]].concat()));
    assert_eq!((dry["applied"].as_bool(), plan(&dry)), (Some(false), (3, 0, 0)));
    assert_eq!(
        json(&cadastro(&dir, &["accounts", "list", "--format", "json"]))["accounts"].as_array().unwrap().len(),
        1
    );
    let real = json(&cadastro(&dir, &args));
    assert_eq!((real["applied"].as_bool(), plan(&real)), (Some(true), plan(&dry)));
    assert_eq!(exported_ids(&dir, "filial"), ["CLI-001", "CLI-003", "CLI-006"]);

    // Everything: the three already there are unchanged; a changed one is an update.
    let edited = std::fs::read_to_string(ASAAS).unwrap().replace("Cliente desde 2019", "Cliente desde 2018");
    std::fs::write(dir.join("editado.csv"), edited).unwrap();
    let out = cadastro(&dir, &["import", "editado.csv", "--profile", "asaas", "--format", "json"]);
    assert_eq!(plan(&json(&out)), (0, 1, 5));
    let dry = cadastro(&dir, &["accounts", "copy", "default", "filial", "--dry-run", "--verbose"]);
    let text = stdout(&dry);
    assert!(text.starts_with("copy account `default` -> `filial` (cadastro.db):\n"), "{text}");
    assert!(text.contains("  created:   3\n  updated:   1\n  unchanged: 2\n"), "{text}");
    assert!(text.contains("notes: Cliente desde 2019 -> Cliente desde 2018"), "{text}");
    assert!(text.ends_with("dry run: nothing was written\n"), "{text}");
    let out = cadastro(&dir, &["accounts", "copy", "default", "filial"]);
    assert!(stdout(&out).ends_with("  created:   3\n  updated:   1\n  unchanged: 2\nwritten\n"), "{}", stdout(&out));
    let again = cadastro(&dir, &["accounts", "copy", "default", "filial"]);
    assert!(stdout(&again).ends_with("  unchanged: 6\nnothing to write\n"), "{}", stdout(&again));
    assert_eq!(stdout(&cadastro(&dir, &["accounts", "list"])), "default  6 customers\nfilial   6 customers\n");

    // Mistakes: a mistyped source account, a copy onto itself.
    let out = cadastro(&dir, &["accounts", "copy", "defualt", "x", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = json(&out);
    assert_eq!(err["error"]["kind"], "unknown_account");
    assert!(err["error"]["message"].as_str().unwrap().contains("did you mean `default`?"), "{err}");
    let out = cadastro(&dir, &["accounts", "copy", "filial", "filial"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("onto itself (invalid_options)"), "{}", stderr(&out));
}

// ---- 16.8: readable output ----------------------------------------------------------------------

#[test]
fn summaries_read_as_words_on_every_path() {
    let dir = workdir("readable");
    // Seven bad e-mails, on seven rows: "7 on rows ..." and "(3 of 7 shown)"; one bad CPF: "on row".
    let mut csv = String::from("Nome;E-mail;CPF\n");
    for i in 0..7 {
        csv.push_str(&format!("Pessoa {i};pessoa{i}@@example.com;\n"));
    }
    csv.push_str("Ana;ana@example.com;123.456.789-00\n");
    std::fs::write(dir.join("emails.csv"), &csv).unwrap();
    let streamed = stdout(&cadastro(&dir, &["validate", "emails.csv", "--country", "BR", "--locale", "en"]));
    let whole =
        stdout(&cadastro(&dir, &["validate", "emails.csv", "--country", "BR", "--locale", "en", "--whole-file"]));
    assert_eq!(streamed, whole, "both paths print the same summary");
    assert!(streamed.contains("invalid_email (error): 7 on rows 2, 3, 4, 5, 6, 7, 8\n"), "{streamed}");
    assert!(streamed.contains("  (3 of 7 shown)\n"), "{streamed}");
    assert!(streamed.contains("invalid_tax_id (error): 1 on row 9\n"), "{streamed}");
    assert!(!streamed.contains("(1 of 1 shown)"), "{streamed}");
    for stream in [false, true] {
        let mut args = vec!["import", "emails.csv", "--country", "BR", "--locale", "en", "--dry-run"];
        if stream {
            args.push("--stream");
        }
        let text = stdout(&cadastro(&dir, &args));
        assert!(text.contains("  rejected:  8 customers (8 rows with errors)\n"), "stream {stream}: {text}");
        assert!(text.contains("  (3 of 7 shown)\n"), "stream {stream}: {text}");
        assert!(text.contains("invalid_tax_id (error): 1 on row 9\n"), "stream {stream}: {text}");
    }
    std::fs::write(dir.join("one.csv"), "Nome;E-mail\nAna;ana@@x.com\nBia;bia@example.com\n").unwrap();
    let text = stdout(&cadastro(&dir, &["import", "one.csv", "--locale", "en", "--dry-run"]));
    assert!(text.contains("  rejected:  1 customer (1 row with errors)\n"), "{text}");
}

#[test]
fn mistakes_get_did_you_mean_and_plain_words() {
    let dir = workdir("mistakes");
    let out = cadastro(&dir, &["validate", ASAAS, "--profile", "asas"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown profile `asas`: did you mean `asaas`?"), "{err}");
    assert!(err.contains("asaas, invoiceocean, upflow, generic"), "{err}");
    let out = cadastro(&dir, &["validate", ASAAS, "--locale", "ptbr"]);
    let err = stderr(&out);
    assert!(err.contains("unknown locale `ptbr`: did you mean `pt-BR`?"), "{err}");
    let out = cadastro(&dir, &["validate", ASAAS, "--locale", "fre"]);
    let err = stderr(&out);
    assert!(err.contains("unknown locale `fre`: did you mean `fr`? the locales are en, pt-BR, fr"), "{err}");
    let out = cadastro(&dir, &["validate", "/no/such/clientes.csv"]);
    assert_eq!(stderr(&out), "cadastro: no such file: /no/such/clientes.csv (io)\n");
    // export x.txt is refused, not written as CSV; nothing is left behind.
    cadastro(&dir, &["import", ASAAS, "--profile", "asaas"]);
    let out = cadastro(&dir, &["export", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("must end in .xlsx or .csv: x.txt (invalid_options)"), "{}", stderr(&out));
    assert!(!dir.join("x.txt").exists());
}

// ---- 17.11: exports that fail cleanly ---------------------------------------------------------------

#[test]
fn export_store_errors_keep_their_kind_and_custom_fields_travel() {
    let dir = workdir("export-kinds");
    cadastro(&dir, &["import", ASAAS, "--profile", "asaas"]);
    let out = cadastro(&dir, &["export", "x.csv", "--account", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "cadastro: unknown account `nope` (unknown_account)\n");
    std::fs::write(dir.join("bad.db"), vec![b'x'; 4096]).unwrap();
    let out = cadastro(&dir, &["export", "x.csv", "--db", "bad.db"]);
    assert!(stderr(&out).ends_with("(store_error)\n"), "{}", stderr(&out));
    // asaas's custom `empresa` exported as upflow: an extra column, said on stderr.
    let out = cadastro(&dir, &["export", "up.csv", "--profile", "upflow"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("written as extra columns: empresa"), "{}", stderr(&out));
    let table = read(&dir.join("up.csv"));
    let col = table.headers.iter().position(|h| h == "empresa").unwrap();
    assert_eq!(text_of(table.rows[0].cell(col)), "Livraria Paulista Ltda");
}

/// A large enough set of customers (a report's JSON, exported with `--from-json`: no store, so
/// the file-size limit below bites only the export) that the constant-memory rows overflow the
/// temporary file's limit.
fn big_customers(dir: &Path) {
    let mut csv = String::from("Nome;E-mail;Cidade;Observações\n");
    for i in 0..20_000 {
        csv.push_str(&format!("Cliente {i};c{i}@example.com;Cidade {i};uma observação bem longa {i}\n"));
    }
    std::fs::write(dir.join("big.csv"), csv).unwrap();
    let out = cadastro(dir, &["validate", "big.csv", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(dir.join("big.json"), &out.stdout).unwrap();
}

#[test]
fn an_xlsx_export_without_a_usable_temporary_directory_is_an_io_error() {
    let dir = workdir("tmpdir");
    big_customers(&dir);
    // A temporary directory that does not exist.
    let out = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .current_dir(&dir)
        .env("TMPDIR", "/no/such/tmp")
        .args(["export", "out.xlsx", "--from-json", "big.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("/no/such/tmp") && stderr(&out).ends_with("(io)\n"), "{}", stderr(&out));
    // A temporary directory that fills up mid-export: files are limited to 1 MB (RLIMIT_FSIZE,
    // SIGXFSZ ignored, so a write past it fails with EFBIG as on a full disk).
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    let bin = env!("CARGO_BIN_EXE_cadastro");
    let out = Command::new("sh")
        .current_dir(&dir)
        .env("TMPDIR", dir.join("tmp"))
        .args(["-c", &format!("trap '' XFSZ; ulimit -f 1024; exec '{bin}' export out.xlsx --from-json big.json")])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("temporary data of the XLSX export") && err.ends_with("(io)\n"), "{err}");
    assert!(err.contains(&dir.join("tmp").display().to_string()), "{err}");
    assert!(!dir.join("out.xlsx").exists() && !dir.join(".out.xlsx.partial").exists(), "nothing half-written");
}

// ---- The scripted newcomer path (issue 16) --------------------------------------------------------

/// Writes `table` back to `path` with every cell as it was, through rust_xlsxwriter, after
/// `edit` changed some cells: what a person does in a spreadsheet before saving.
fn save_edited(table: &Table, path: &Path, edit: impl Fn(&str, usize, &str) -> Option<String>) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in table.headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in table.rows.iter().enumerate() {
        let id = text_of(row.cell(0));
        for c in 0..table.headers.len() {
            let (r, col) = (r as u32 + 1, c as u16);
            let value = edit(&id, c, &text_of(row.cell(c)));
            match (value, row.cell(c)) {
                (Some(v), _) => ws.write_string(r, col, v).map(|_| ()).unwrap(),
                (None, Cell::Int(i)) => ws.write_number(r, col, *i as f64).map(|_| ()).unwrap(),
                (None, Cell::Float(f)) => ws.write_number(r, col, *f).map(|_| ()).unwrap(),
                (None, Cell::Empty) => {}
                (None, cell) => ws.write_string(r, col, text_of(cell)).map(|_| ()).unwrap(),
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn the_newcomer_path_ends_with_the_expected_customers() {
    let dir = workdir("newcomer");
    // 1. Import the example with an error file (Portuguese, as the file is).
    let out = cadastro(&dir, &["import", ASAAS, "--profile", "asaas", "--locale", "pt-BR", "--errors", "erros.xlsx"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("  created:   6\n"), "{text}");
    assert!(text.contains("  rejected:  2 customers (2 rows with errors)\nwritten\n"), "{text}");
    assert_eq!(exported_ids(&dir, "default"), ["CLI-001", "CLI-002", "CLI-003", "CLI-004", "CLI-006", "CLI-007"]);

    // 2. Fix the error file as a person would: the e-mail and CPF of row 6, a new id for row 8.
    let errors = read(&dir.join("erros.xlsx"));
    let n = errors.headers.len();
    assert_eq!(&errors.headers[n - 2..], ["Linha", "Erros"]);
    let rows: Vec<String> = errors.rows.iter().map(|r| text_of(r.cell(n - 2))).collect();
    assert_eq!(rows, ["6", "8"]);
    assert!(text_of(errors.rows[1].cell(n - 1)).contains("já usado na linha 2"));
    save_edited(&errors, &dir.join("erros-corrigido.xlsx"), |id, col, value| match (id, col) {
        ("CLI-005", 2) => Some("ana.lima@example.com".to_owned()),
        ("CLI-005", 5) => Some("529.982.247-25".to_owned()),
        ("CLI-001", 0) => Some("CLI-008".to_owned()),
        _ => {
            let _ = value;
            None
        }
    });

    // 3. Import the fixed file: the two customers are created; the added columns are ignored.
    let dry =
        cadastro(&dir, &["import", "erros-corrigido.xlsx", "--profile", "asaas", "--dry-run", "--format", "json"]);
    let out = cadastro(&dir, &["import", "erros-corrigido.xlsx", "--profile", "asaas", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(plan(&report), (2, 0, 0));
    assert_eq!(plan(&json(&dry)), plan(&report), "the dry run says what the run does");
    assert_eq!(report["issues"], serde_json::json!([]));
    let ids = ["CLI-001", "CLI-002", "CLI-003", "CLI-004", "CLI-005", "CLI-006", "CLI-007", "CLI-008"];
    assert_eq!(exported_ids(&dir, "default"), ids);

    // 4. Copy to another account, then export it.
    let out = cadastro(&dir, &["accounts", "copy", "default", "filial"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("  created:   8\n  updated:   0\n  unchanged: 0\nwritten\n"), "{}", stdout(&out));
    let out = cadastro(&dir, &["export", "filial.xlsx", "--account", "filial", "--profile", "asaas"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "cadastro: 8 customers, 8 lines -> filial.xlsx\n");
    let exported = read(&dir.join("filial.xlsx"));
    let mut got: Vec<String> = exported.rows.iter().map(|r| text_of(r.cell(0))).collect();
    got.sort();
    assert_eq!(got, ids);
    let ana = exported.rows.iter().find(|r| text_of(r.cell(0)) == "CLI-005").unwrap();
    assert_eq!(text_of(ana.cell(2)), "ana.lima@example.com");
    assert_eq!(text_of(ana.cell(18)), "Clínica Sorriso Ltda", "Empresa: the company name, as the template says");
    assert_eq!(stdout(&cadastro(&dir, &["accounts", "list"])), "default  8 customers\nfilial   8 customers\n");
}
