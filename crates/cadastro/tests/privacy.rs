//! Privacy: error texts name rows, columns, limits and codes, never cell contents, and
//! `include_values: false` leaves every cell value out of the issues.
//!
//! A secret is planted in cells of files broken in the ways a parser reports with details (an
//! unknown XML entity, a mismatched end tag, a non-numeric number cell, a bad cell type or
//! reference, a cut archive, bad CSV), and no `Error` message or issue message may contain it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::path::PathBuf;

use cadastro::{ImportOptions, Source};

const SECRET: &str = "S3cr3tPlanted";

fn minimal_xlsx() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/inputs/excel/minimal_handmade.xlsx")
}

/// The minimal workbook with `sheet1.xml` / `sharedStrings.xml` replaced (when given).
fn xlsx_with(sheet_data: Option<&str>, shared: Option<&str>) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::fs::File::open(minimal_xlsx()).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut body = Vec::new();
        entry.read_to_end(&mut body).unwrap();
        let body = match name.as_str() {
            "xl/worksheets/sheet1.xml" => sheet_data.map_or(body, |rows| {
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>{rows}</sheetData></worksheet>"#
                )
                .into_bytes()
            }),
            "xl/sharedStrings.xml" => shared.map_or(body, |sis| {
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Nome</t></si><si><t>CPF</t></si>{sis}</sst>"#
                )
                .into_bytes()
            }),
            _ => body,
        };
        out.start_file(name.as_str(), stored).unwrap();
        out.write_all(&body).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let s = SECRET;
    let row = |cells: &str| format!(r#"<row r="2">{cells}</row>"#);
    vec![
        ("unknown entity in a shared string", xlsx_with(None, Some(&format!("<si><t>{s}&{s};</t></si>")))),
        (
            "unknown entity in an inline string",
            xlsx_with(Some(&row(&format!(r#"<c r="A2" t="inlineStr"><is><t>{s}&{s};</t></is></c>"#))), None),
        ),
        (
            "mismatched end tag",
            xlsx_with(Some(&row(&format!(r#"<c r="A2" t="inlineStr"><is><t>{s}</{s}></is></c>"#))), None),
        ),
        ("a number cell with text", xlsx_with(Some(&row(&format!(r#"<c r="B2"><v>{s}</v></c>"#))), None)),
        ("a bad cell type", xlsx_with(Some(&row(&format!(r#"<c r="B2" t="{s}"><v>{s}</v></c>"#))), None)),
        (
            "a bad cell reference",
            xlsx_with(Some(&row(&format!(r#"<c r="{s}" t="inlineStr"><is><t>{s}</t></is></c>"#))), None),
        ),
        (
            "a shared string index out of range",
            xlsx_with(
                Some(&row(&format!(r#"<c r="A2" t="s"><v>99</v></c><c r="B2" t="inlineStr"><is><t>{s}</t></is></c>"#))),
                None,
            ),
        ),
        ("a date cell with text", xlsx_with(Some(&row(&format!(r#"<c r="B2" t="d"><v>{s}</v></c>"#))), None)),
        ("a boolean cell with text", xlsx_with(Some(&row(&format!(r#"<c r="B2" t="b"><v>{s}</v></c>"#))), None)),
        ("an error cell with text", xlsx_with(Some(&row(&format!(r#"<c r="B2" t="e"><v>{s}</v></c>"#))), None)),
        ("a cut archive", {
            let mut x = xlsx_with(Some(&row(&format!(r#"<c r="A2" t="inlineStr"><is><t>{s}</t></is></c>"#))), None);
            x.truncate(x.len() * 2 / 3);
            x
        }),
        ("csv: an unclosed quote", format!("nome;email\n\"{s};{s}@\n").into_bytes()),
        ("csv: invalid values", format!("nome;email;cpf;telefone\n{s};{s}@;{s};{s}\n").into_bytes()),
        ("csv: a cell past the limit", format!("nome;email\n{};x\n", s.repeat(5000)).into_bytes()),
        ("csv: a NUL among the secret", format!("nome;email\n{s}\0{s};x\n").into_bytes()),
    ]
}

#[test]
fn no_error_or_issue_message_contains_a_planted_cell_value() {
    let mut errors = 0;
    for (what, bytes) in hostile_files() {
        for include_values in [true, false] {
            let opts = ImportOptions { include_values, ..ImportOptions::default() };
            match cadastro::validate(&Source::from_bytes(bytes.clone()), opts) {
                Err(e) => {
                    errors += 1;
                    let text = format!("{e} {e:?}");
                    assert!(!text.contains(SECRET), "{what}: the error echoes the cell: {text}");
                }
                Ok(report) => {
                    for issue in &report.issues {
                        assert!(!issue.message.contains(SECRET), "{what}: {issue:?}");
                        if !include_values {
                            assert_eq!(issue.value, None, "{what}: {issue:?}");
                        }
                    }
                    if !include_values {
                        let issues = serde_json::to_string(&report.issues).unwrap();
                        assert!(!issues.contains(SECRET), "{what}: {issues}");
                    }
                }
            }
        }
    }
    // Most of these are file-level failures: the test must exercise error texts, not only reports.
    assert!(errors >= 8, "only {errors} errors");
}

#[test]
fn include_values_false_drops_every_issue_value_but_keeps_the_codes() {
    let csv = format!("nome;email;cpf\n{SECRET};{SECRET}@;{SECRET}\n").into_bytes();
    let with = cadastro::validate(&Source::from_bytes(csv.clone()), ImportOptions::default()).unwrap();
    assert!(with.issues.iter().any(|i| i.value.as_deref().is_some_and(|v| v.contains(SECRET))), "{:?}", with.issues);
    let opts = ImportOptions { include_values: false, ..ImportOptions::default() };
    let without = cadastro::validate(&Source::from_bytes(csv), opts).unwrap();
    let codes = |r: &cadastro::Report| r.issues.iter().map(|i| i.code).collect::<Vec<_>>();
    assert_eq!(codes(&with), codes(&without));
    assert!(!without.to_json().contains(&format!("\"value\":\"{SECRET}")), "{}", without.to_json());
    assert!(without.issues.iter().all(|i| i.value.is_none()));
}
