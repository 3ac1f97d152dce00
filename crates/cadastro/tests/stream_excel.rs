#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Streaming validation of workbooks (`Importer::validate_stream`): the chunks concatenated
//! must be what `Importer::validate` returns (customers, issues, stats, source, mapping) on every
//! committed workbook, on a generated 100,000-row xlsx, with title and blank rows, at chunk
//! sizes 1, 7 and the default; the hostile corpus fails with the same error codes.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use cadastro::StreamSummary;
use cadastro::{Customer, ImportOptions, Importer, Issue, Report, Source};
use rust_xlsxwriter::Workbook;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn stream(
    importer: &Importer,
    source: &Source,
    chunk: usize,
) -> cadastro::Result<(Vec<Customer>, Vec<Issue>, StreamSummary)> {
    let (mut customers, mut issues) = (Vec::new(), Vec::new());
    let summary = importer.validate_stream(source, chunk, &mut |c| {
        customers.extend(c.customers);
        issues.extend(c.issues);
        ControlFlow::Continue(())
    })?;
    Ok((customers, issues, summary))
}

fn assert_same(what: &str, whole: &Report, got: &(Vec<Customer>, Vec<Issue>, StreamSummary)) {
    let (customers, issues, summary) = got;
    assert_eq!(summary.source, whole.source, "{what}: source");
    assert_eq!(summary.mapping, whole.mapping, "{what}: mapping");
    assert_eq!(issues.len(), whole.issues.len(), "{what}: issue count");
    for (a, b) in issues.iter().zip(&whole.issues) {
        assert_eq!(a, b, "{what}: issue");
    }
    assert_eq!(customers, &whole.customers, "{what}: customers");
    assert_eq!(summary.stats, whole.stats, "{what}: stats");
    assert!(!summary.stopped);
}

/// The whole-file reader's table through the pipeline: what the streamed workbook reader must
/// give.
fn whole_file(importer: &Importer, source: &Source) -> cadastro::Result<Report> {
    let table = source.open(&importer.options().read)?;
    importer.validate_table(&table, &cadastro::NoBase)
}

#[test]
fn every_committed_workbook_streams_like_validate() {
    let mut compared = 0;
    for entry in std::fs::read_dir(testdata().join("inputs/excel")).unwrap() {
        let path = entry.unwrap().path();
        let source = Source::from_path(&path);
        for profile in ["generic", "asaas", "invoiceocean", "upflow"] {
            let importer = Importer::new(ImportOptions::for_profile(profile).unwrap()).unwrap();
            let what = format!("{} / {profile}", path.display());
            let whole = whole_file(&importer, &source);
            for chunk in [1, 7, 0] {
                match (&whole, stream(&importer, &source, chunk)) {
                    (Ok(whole), Ok(got)) => {
                        assert_same(&format!("{what} / chunk {chunk}"), whole, &got);
                        compared += 1;
                    }
                    (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{what}: {a} / {b}"),
                    (Ok(_), Err(e)) => panic!("{what}: the whole-file reader read it but the stream failed ({e})"),
                    (Err(e), Ok(_)) => panic!("{what}: validate failed ({e}) but the stream read it"),
                }
            }
        }
    }
    assert!(compared >= 60, "{compared} comparisons");
}

#[test]
fn hostile_workbooks_fail_with_the_same_codes() {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(testdata().join("hostile/manifest.json")).unwrap()).unwrap();
    let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
    for entry in manifest.as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let kind = entry["kind"].as_str().unwrap();
        let source = Source::from_path(testdata().join("hostile").join(file));
        let whole = whole_file(&importer, &source).unwrap_err();
        let streamed = stream(&importer, &source, 0).map(|_| ()).unwrap_err();
        assert_eq!(whole.code(), kind, "{file}: {whole}");
        assert_eq!(streamed.code(), kind, "{file}: {streamed}");
        assert_eq!(streamed.to_string(), whole.to_string(), "{file}");
    }
}

const HEADERS: [&str; 8] =
    ["Identificador Externo", "Nome completo", "CPF/CNPJ", "E-mail", "Celular", "CEP", "Cidade", "Observações"];

/// A valid CPF for `i`.
fn cpf(i: u64) -> String {
    let mut d: Vec<u64> =
        format!("{:09}", 100_000_000 + i * 7919 % 800_000_000).bytes().map(|b| u64::from(b - b'0')).collect();
    for len in [9u64, 10] {
        let sum: u64 = d.iter().zip((2..=len + 1).rev()).map(|(a, b)| a * b).sum();
        let r = sum % 11;
        d.push(if r < 2 { 0 } else { 11 - r });
    }
    d.iter().map(|x| char::from(b'0' + *x as u8)).collect()
}

/// A customers workbook of `n` data rows: a merged title row, a blank row, the header on row 3,
/// then rows with numbers typed as numbers, a ~2% of bad tax ids and e-mails, repeated ids,
/// blank rows every 97 rows, and a footer.
fn workbook(n: u64) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Clientes").unwrap();
    ws.merge_range(0, 0, 0, 4, "Clientes - Março 2026", &rust_xlsxwriter::Format::new()).unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let mut row = 3u32;
    for i in 0..n {
        let id = if i % 331 == 330 { i - 100 } else { i };
        ws.write_number(row, 0, id as f64).unwrap();
        ws.write_string(row, 1, format!("Cliente {i} da Silva")).unwrap();
        if i % 53 == 0 {
            ws.write_string(row, 2, "111.111.111-11").unwrap();
        } else if i % 2 == 0 {
            ws.write_number(row, 2, cpf(i).parse::<f64>().unwrap()).unwrap();
        } else {
            ws.write_string(row, 2, cpf(i)).unwrap();
        }
        let email = if i % 89 == 0 { format!("cliente{i}@@example") } else { format!("cliente{i}@example.com") };
        ws.write_string(row, 3, email).unwrap();
        ws.write_number(row, 4, 5_511_987_000_000.0 + (i % 100_000) as f64).unwrap();
        if i % 5 != 0 {
            ws.write_string(row, 5, "01310-100").unwrap();
            ws.write_string(row, 6, "São Paulo").unwrap();
        }
        if i % 7 == 0 {
            ws.write_string(row, 7, "nota, com vírgula").unwrap();
        }
        row += if i % 97 == 96 { 3 } else { 1 };
    }
    ws.write_string(row + 1, 0, "Total").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_generated_100k_row_workbook_streams_like_validate() {
    let bytes = workbook(100_000);
    let source = Source::from_bytes(bytes);
    let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
    let whole = whole_file(&importer, &source).unwrap();
    assert_eq!(whole.source.header_row, Some(3));
    assert_eq!(whole.stats.rows_total, 100_001);
    assert!(whole.stats.rows_blank > 2_000);
    assert!(whole.issues.iter().any(|i| i.code.as_str() == "duplicate_key"));
    assert!(whole.issues.iter().any(|i| i.code.as_str() == "invalid_tax_id"));
    // Chunk sizes 1 and 7 run on the small workbooks below (a debug build takes minutes here).
    for chunk in [1_000, 0] {
        assert_same(&format!("100k / chunk {chunk}"), &whole, &stream(&importer, &source, chunk).unwrap());
    }
}

#[test]
fn small_generated_workbooks_at_every_chunk_size() {
    for n in [0, 1, 50, 61, 500] {
        let source = Source::from_bytes(workbook(n));
        for profile in ["asaas", "generic"] {
            let importer = Importer::new(ImportOptions::for_profile(profile).unwrap()).unwrap();
            let whole = whole_file(&importer, &source).unwrap();
            for chunk in [1, 2, 7, 60, 0] {
                assert_same(
                    &format!("{n} rows / {profile} / chunk {chunk}"),
                    &whole,
                    &stream(&importer, &source, chunk).unwrap(),
                );
            }
        }
    }
}

#[test]
fn header_row_option_further_down_than_the_first_chunk() {
    // 119 rows of notes, the header on row 120, then 300 customers.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..119u32 {
        ws.write_string(r, 0, format!("Nota {r}: preencha as colunas")).unwrap();
    }
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(119, c as u16, *h).unwrap();
    }
    for i in 0..300u32 {
        ws.write_string(120 + i, 0, format!("C-{i}")).unwrap();
        ws.write_string(120 + i, 1, format!("Ana {i}")).unwrap();
        ws.write_string(120 + i, 2, if i % 9 == 0 { "123".to_owned() } else { cpf(u64::from(i)) }).unwrap();
    }
    let source = Source::from_bytes(wb.save_to_buffer().unwrap());
    let mut opts = ImportOptions::for_profile("asaas").unwrap();
    opts.read.header_row = Some(120);
    let importer = Importer::new(opts).unwrap();
    let whole = whole_file(&importer, &source).unwrap();
    assert_eq!(whole.source.header_row, Some(120));
    assert!(whole.stats.customers_rejected > 10);
    for chunk in [1, 7, 0] {
        assert_same(&format!("header 120 / chunk {chunk}"), &whole, &stream(&importer, &source, chunk).unwrap());
    }
}

#[test]
fn a_column_whose_first_data_comes_late_is_reported_and_sorted_back_by_collectors() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Nome completo", "CPF/CNPJ"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..200u32 {
        ws.write_string(i + 1, 0, format!("Ana {i}")).unwrap();
        ws.write_string(i + 1, 1, cpf(u64::from(i))).unwrap();
    }
    // Column D has data on row 150 only: past the first chunk of 60 rows.
    ws.write_string(150, 3, "solta").unwrap();
    let source = Source::from_bytes(wb.save_to_buffer().unwrap());
    let importer = Importer::new(ImportOptions::default()).unwrap();
    let whole = whole_file(&importer, &source).unwrap();
    let (customers, issues, summary) = stream(&importer, &source, 10).unwrap();
    assert_eq!(summary.mapping, whole.mapping, "the summary's mapping has the late columns");
    assert_eq!(customers, whole.customers);
    assert_eq!(summary.stats, whole.stats);
    let sorted = |v: &[Issue]| {
        let mut v: Vec<String> = v.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
        v.sort();
        v
    };
    assert_eq!(sorted(&issues), sorted(&whole.issues), "the same issues, the late warning out of place");
    assert!(issues.iter().any(|i| i.code.as_str() == "unmapped_column" && i.column.as_deref() == Some("D")));
    // A collector sorts them back: the whole-file order, the late warning first.
    let mut sorted_back = issues.clone();
    cadastro::sort_issues(&mut sorted_back);
    assert_eq!(sorted_back, whole.issues);
    assert_eq!(importer.validate(&source).unwrap().issues, whole.issues);
}

#[test]
fn a_break_stops_a_workbook_stream() {
    let source = Source::from_bytes(workbook(1_000));
    let importer = Importer::new(ImportOptions::for_profile("asaas").unwrap()).unwrap();
    let (mut chunks, mut rows) = (0, 0u64);
    let summary = importer
        .validate_stream(&source, 100, &mut |c| {
            chunks += 1;
            rows += c.customers.len() as u64;
            if chunks == 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        })
        .unwrap();
    assert!(summary.stopped);
    assert_eq!(chunks, 2);
    assert!(summary.stats.rows_total < 300, "{:?}", summary.stats);
    assert_eq!(summary.stats.customers_valid, rows);
}

#[test]
fn workbook_limits_apply_while_streaming() {
    let source = Source::from_bytes(workbook(500));
    let mut opts = ImportOptions::for_profile("asaas").unwrap();
    opts.read.limits.max_rows = 300;
    let importer = Importer::new(opts).unwrap();
    let whole = whole_file(&importer, &source).unwrap_err();
    let streamed = stream(&importer, &source, 0).map(|_| ()).unwrap_err();
    assert_eq!(whole.code(), "limit_exceeded");
    assert_eq!(streamed.to_string(), whole.to_string());
}
