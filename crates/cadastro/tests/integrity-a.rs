//! Issue 16 points 2, 3, 8 and issue 17 point 11 (export) in the core: the error file's row
//! column and its re-import on both pipelines, the up-front check of an error-file path, the
//! readable summary on both pipelines, plain-word `io` errors, "did you mean", and exports that
//! refuse `.txt`, leave nothing half-written and keep custom fields another profile lacks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use cadastro::TextSummary;
use cadastro::export::{ErrorFileFormat, ExportOptions};
use cadastro::{Customer, Field, ImportOptions, Importer, Locale, Profile, ReadOptions, Source, Value};

const ASAAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/clientes-asaas.csv");

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-integrity-a-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn importer(profile: &str, locale: Locale) -> Importer {
    Importer::new(ImportOptions {
        profile: Profile::builtin(profile).unwrap(),
        locale: Some(locale),
        ..ImportOptions::default()
    })
    .unwrap()
}

/// The error file of the Asaas example, in `format` and `locale`, as bytes.
fn error_file(format: ErrorFileFormat, locale: Locale) -> Vec<u8> {
    let imp = importer("asaas", locale);
    let table = Source::from_path(ASAAS).open(&imp.options().read).unwrap();
    let report = imp.validate_table(&table, &cadastro::NoBase).unwrap();
    cadastro::export::error_file(&table, &report, format, locale).unwrap()
}

#[test]
fn the_error_file_has_a_row_column_in_the_files_language() {
    for (locale, row, errors) in
        [(Locale::En, "Row", "Errors"), (Locale::PtBr, "Linha", "Erros"), (Locale::Fr, "Ligne", "Erreurs")]
    {
        assert_eq!(cadastro::export::row_header(locale), row);
        for format in [ErrorFileFormat::Csv, ErrorFileFormat::Xlsx] {
            let table = Source::from_bytes(error_file(format, locale)).open(&ReadOptions::default()).unwrap();
            let n = table.headers.len();
            assert_eq!(n, 21, "19 columns of the original, then the row and the errors");
            assert_eq!(&table.headers[n - 2..], [row, errors]);
            let rows: Vec<String> = table.rows.iter().map(|r| r.cell(n - 2).as_text().into_owned()).collect();
            assert_eq!(rows, ["6", "8"], "{locale:?} {format:?}");
            // Every row reference in a message is a row of the original file: row 2 is CLI-001.
            let msg = table.rows[1].cell(n - 1).as_text().into_owned();
            assert!(msg.ends_with(" 2"), "{msg}");
            assert_eq!(table.rows[1].cell(0).as_text(), "CLI-001");
        }
    }
}

#[test]
fn a_reimported_error_file_maps_its_added_columns_to_nothing_on_both_pipelines() {
    for format in [ErrorFileFormat::Csv, ErrorFileFormat::Xlsx] {
        let bytes = error_file(format, Locale::PtBr);
        let imp = importer("asaas", Locale::PtBr);
        let report = imp.validate(&Source::from_bytes(bytes.clone())).unwrap();
        for m in report.mapping.iter().filter(|m| m.header == "Linha" || m.header == "Erros") {
            assert!(m.field.is_none(), "{format:?}: {m:?}");
        }
        let codes: Vec<&str> = report.issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(codes, ["invalid_email", "invalid_tax_id"], "{format:?}: no unmapped_column, no duplicate");
        let mut streamed = Vec::new();
        let summary = imp
            .validate_stream(&Source::from_bytes(bytes), 0, &mut |chunk| {
                streamed.extend(chunk.issues.into_iter().map(|i| i.code.as_str().to_owned()));
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(streamed, codes, "{format:?}: the stream agrees");
        assert!(summary.mapping.iter().filter(|m| m.header == "Linha").all(|m| m.field.is_none()));
    }
    // The labels in every language, folded.
    for h in ["Row", "LINHA", "Ligne", "Wiersz", "Fila", "Errors", " erros ", "Erreurs"] {
        assert!(cadastro::export::is_error_file_column(h), "{h}");
    }
    assert!(!cadastro::export::is_error_file_column("Nome"));
}

#[test]
fn an_error_file_path_is_checked_before_anything_is_written() {
    use cadastro::export::check_error_path;
    assert_eq!(check_error_path(&tmp("e.xlsx")).unwrap(), ErrorFileFormat::Xlsx);
    assert_eq!(check_error_path(&tmp("e.CSV")).unwrap(), ErrorFileFormat::Csv);
    for bad in ["e.docx", "e.txt", "e"] {
        assert_eq!(check_error_path(&tmp(bad)).unwrap_err().code(), "invalid_options", "{bad}");
    }
    let missing = check_error_path(Path::new("/no/such/dir/erros.xlsx")).unwrap_err();
    assert_eq!(missing.code(), "io");
    assert_eq!(missing.to_string(), "no such directory for the error file: /no/such/dir");
    let dir = tmp("a-directory.csv");
    std::fs::create_dir_all(&dir).unwrap();
    assert_eq!(check_error_path(&dir).unwrap_err().code(), "io");
    // The probe leaves nothing behind.
    let listing: Vec<_> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cadastro-write-check"))
        .collect();
    assert!(listing.is_empty());
}

#[test]
fn summaries_say_row_or_rows_and_how_many_examples_are_shown_on_both_pipelines() {
    let mut csv = String::from("Nome;E-mail\n");
    for i in 0..5 {
        csv.push_str(&format!("P{i};p{i}@@x.com\n"));
    }
    csv.push_str("Ana;\n;ana@example.com\n");
    let imp = importer("generic", Locale::En);
    let report = imp.validate(&Source::from_bytes(csv.clone().into_bytes())).unwrap();
    let text = report.to_text();
    assert!(text.contains("invalid_email (error): 5 on rows 2, 3, 4, 5, 6\n"), "{text}");
    assert!(text.contains("  (3 of 5 shown)\n"), "{text}");
    assert!(text.contains("required (error): 1 on row 8\n"), "{text}");
    assert!(!text.contains("of 1 shown"), "{text}");
    let mut summary = TextSummary::new();
    let done = imp
        .validate_stream(&Source::from_bytes(csv.into_bytes()), 2, &mut |chunk| {
            chunk.issues.iter().for_each(|i| summary.add(i));
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(summary.render(&done.source, "generic", &done.stats, None), text);
}

#[test]
fn io_errors_name_the_file_in_words_and_typos_get_a_suggestion() {
    let e = Source::from_path("/no/such/clientes.csv").open(&ReadOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.to_string().as_str()), ("io", "no such file: /no/such/clientes.csv"));
    let e = Profile::builtin("upflw").unwrap_err();
    assert!(e.to_string().contains("did you mean `upflow`?"), "{e}");
    assert_eq!(cadastro::closest_choice("PT-br", &["en", "pt-BR", "fr"]), Some("pt-BR"));
    assert_eq!(cadastro::closest_choice("xx", &["en", "pt-BR", "fr"]), None);
}

fn customer(id: &str, name: &str) -> Customer {
    let mut c = Customer::default();
    c.set(Field::ExternalId, Value::Text(id.into()));
    c.set(Field::Name, Value::Text(name.into()));
    c
}

#[test]
fn exports_refuse_txt_leave_nothing_half_written_and_keep_custom_fields() {
    let asaas = Profile::builtin("asaas").unwrap();
    let opts = ExportOptions::default();
    let mut ana = customer("C-1", "Ana");
    ana.custom.insert("empresa".into(), Value::Text("Livraria Paulista Ltda".into()));
    let txt = tmp("x.txt");
    let e = cadastro::export::export_to_path([&ana], &asaas, &txt, &opts).unwrap_err();
    assert_eq!(e.code(), "invalid_options");
    assert!(!txt.exists(), "export x.txt must not write a CSV");
    // A directory that does not exist: `io` naming the file asked for, nothing left behind.
    let e = cadastro::export::export_to_path([&ana], &asaas, Path::new("/no/such/dir/out.xlsx"), &opts).unwrap_err();
    assert_eq!((e.code(), e.to_string().as_str()), ("io", "no such file: /no/such/dir/out.xlsx"));
    // An earlier file survives a failed export (the XLSX cell limit) and is replaced by a good one.
    let out = tmp("keep.xlsx");
    std::fs::write(&out, b"earlier").unwrap();
    let huge = customer("C-2", &"x".repeat(40_000));
    assert!(cadastro::export::export_to_path([&huge], &asaas, &out, &opts).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), b"earlier");
    assert!(!tmp(".keep.xlsx.partial").exists());
    // Another profile: the custom field becomes an extra column instead of vanishing.
    let upflow = Profile::builtin("upflow").unwrap();
    let (profile, added) = cadastro::export::with_custom_columns(&upflow, [&ana]);
    assert_eq!(added, ["empresa"]);
    let csv_path = tmp("up.csv");
    cadastro::export::export_to_path([&ana], &profile, &csv_path, &opts).unwrap();
    let table = Source::from_path(&csv_path).open(&ReadOptions::default()).unwrap();
    let col = table.headers.iter().position(|h| h == "empresa").unwrap();
    assert_eq!(table.rows[0].cell(col).as_text(), "Livraria Paulista Ltda");
    let (same, none) = cadastro::export::with_custom_columns(&asaas, [&ana]);
    assert!(none.is_empty());
    assert_eq!(same, asaas, "a profile that has the field is unchanged");
}

#[test]
fn the_template_and_the_example_data_agree_on_empresa() {
    // The template's instructions sheet: Empresa is a text (the company's name), its example a name.
    let mut bytes = Vec::new();
    cadastro::export::template_xlsx(&Profile::builtin("asaas").unwrap(), &mut bytes).unwrap();
    let opts = ReadOptions { sheet: Some("Instruções".into()), header_row: Some(1), ..ReadOptions::default() };
    let sheet = Source::from_bytes(bytes).open(&opts).unwrap();
    let cells = |r: &cadastro::Row| -> Vec<String> { r.cells.iter().map(|c| c.as_text().into_owned()).collect() };
    let line = sheet.rows.iter().map(cells).find(|l| l.iter().any(|c| c == "Empresa")).expect("an Empresa line");
    assert!(line.iter().any(|c| c.contains("Nome da empresa")), "{line:?}");
    assert!(line.iter().any(|c| c == "Exemplo Ltda"), "{line:?}");
    // The example file fills it the same way: a company's name or blank, never Sim/Não.
    let table = Source::from_path(ASAAS).open(&ReadOptions::default()).unwrap();
    let col = table.headers.iter().position(|h| h == "Empresa").unwrap();
    let values: Vec<String> = table.rows.iter().map(|r| r.cell(col).as_text().into_owned()).collect();
    assert!(values.iter().all(|v| !["sim", "não", "nao"].contains(&v.to_lowercase().as_str())), "{values:?}");
    assert!(values.contains(&"Livraria Paulista Ltda".to_owned()));
}
