#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Issue 14, workbooks: each scenario of the issue on a workbook made for it
//! (testdata/workbooks, testdata/scripts/make_read_book.py) or a real one
//! (testdata/realworld/workbooks), through `Importer::validate` (whole file) and
//! `Importer::validate_stream` (streamed), which must agree. Each of these failed before.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cadastro::StreamSummary;
use cadastro::read_bytes;
use cadastro::{ErrorKind, ImportOptions, Importer, LimitKind, ReadOptions, Report, Source};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn workbook(name: &str) -> PathBuf {
    testdata().join("workbooks").join(name)
}

fn importer(sheet: Option<&str>) -> Importer {
    let mut opts = ImportOptions::for_profile("generic").unwrap();
    opts.read.sheet = sheet.map(str::to_owned);
    Importer::new(opts).unwrap()
}

/// The whole-file report and the streamed summary of `path`, which must agree.
fn both(path: &Path, sheet: Option<&str>) -> cadastro::Result<(Report, StreamSummary)> {
    let importer = importer(sheet);
    let source = Source::from_path(path);
    let whole = importer.validate(&source);
    let mut customers = Vec::new();
    let streamed = importer.validate_stream(&source, 0, &mut |c| {
        customers.extend(c.customers);
        ControlFlow::Continue(())
    });
    match (whole, streamed) {
        (Ok(report), Ok(summary)) => {
            assert_eq!(summary.source, report.source, "{}", path.display());
            assert_eq!(summary.stats, report.stats, "{}", path.display());
            assert_eq!(customers, report.customers, "{}", path.display());
            Ok((report, summary))
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.code(), b.code(), "{}: {a} / {b}", path.display());
            assert_eq!(a.to_string(), b.to_string(), "{}", path.display());
            Err(a)
        }
        (a, b) => panic!("{}: whole {:?} but streamed {:?}", path.display(), a.map(|_| ()), b.map(|_| ())),
    }
}

/// Reads `name` and checks it gives the five-row customer sheet `Clientes`.
fn reads_clientes(path: &Path, sheet: Option<&str>) -> Report {
    let (report, _) = both(path, sheet).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(report.source.sheet.as_deref(), Some("Clientes"), "{}", path.display());
    assert_eq!(report.source.header_row, Some(1));
    assert_eq!(report.stats.rows_total, 4, "{}", path.display());
    assert_eq!(report.customers.len(), 4);
    let name = format!("{:?}", report.customers[3].get(cadastro::Field::Name));
    assert!(name.contains("Davi Rocha"), "{name}");
    report
}

#[test]
fn a_stray_space_at_the_last_cell_does_not_widen_the_sheet() {
    // xlsx: " " at XFD1048576; xls: " " at IV65536 (in the shared string table, as Excel writes it).
    for name in ["stray_space.xlsx", "stray_space.xls"] {
        let report = reads_clientes(&workbook(name), None);
        assert_eq!(report.mapping.len(), 3, "{name}: the blank far column is no column");
    }
    // The table's width comes from the cells holding data: three columns, even with tight limits.
    let limits = cadastro::Limits { max_columns: 3, max_rows: 5, ..cadastro::Limits::default() };
    for name in ["stray_space.xlsx", "stray_space.xls"] {
        let bytes = std::fs::read(workbook(name)).unwrap();
        let table = read_bytes(&bytes, &ReadOptions::default().with_limits(limits)).unwrap();
        assert_eq!(table.headers.len(), 3, "{name}");
        assert_eq!(table.rows.len(), 4, "{name}");
    }
}

#[test]
fn a_real_value_at_the_last_cell_is_still_refused_within_the_memory_budget() {
    let start = Instant::now();
    let err = both(&workbook("far_value.xls"), None).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { limit: LimitKind::SheetArea, actual: 16_777_216, .. }),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[test]
fn an_xls_whose_dimensions_overstate_the_sheet_reads() {
    // DIMENSIONS claims 2^32 rows x 255 columns for six rows: read, not limit_exceeded.
    let start = Instant::now();
    let path = testdata().join("hostile/huge_dimension.xls");
    let bytes = std::fs::read(&path).unwrap();
    let table = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(table.source.sheet.as_deref(), Some("Klienci"));
    assert_eq!(table.rows.len(), 5);
    assert_eq!(table.rows[4].cell(3).as_text(), "Piotr Zieliński");
    let (report, _) = both(&path, None).unwrap();
    assert_eq!(report.stats.rows_total, 5);
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_sheet_calamine_cannot_open_does_not_sink_the_workbook() {
    // A dangling relationship id, and an Excel 4.0 macro sheet, listed before the data.
    for (name, bad) in [("dangling_relationship.xlsx", "Fantasma"), ("macro_sheet.xlsm", "Macro1")] {
        let report = reads_clientes(&workbook(name), None);
        assert_eq!(report.source.sheet.as_deref(), Some("Clientes"));
        let inspection = cadastro::inspect(
            &Source::from_path(workbook(name)),
            &ReadOptions::default(),
            &cadastro::Profile::builtin("generic").unwrap(),
        )
        .unwrap();
        let sheets: Vec<&str> = inspection.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(sheets, [bad, "Clientes"], "{name}: the unreadable sheet is still listed, in its place");
        // Asking for the unreadable sheet says why it cannot be read.
        let err = both(&workbook(name), Some(bad)).unwrap_err();
        assert_eq!(err.code(), "corrupt_file");
        assert!(err.to_string().contains(&format!("sheet \"{bad}\" cannot be read")), "{err}");
    }
    let err = both(&workbook("macro_sheet.xlsm"), Some("Macro1")).unwrap_err();
    assert!(err.to_string().contains("Excel 4.0 macro sheet"), "{err}");
    // A real one: Apache POI's xlmmacro.xlsm (Excel 4.0 macro sheets beside empty worksheets).
    let real = testdata().join("realworld/workbooks/poi/xlmmacro.xlsm");
    let err = both(&real, None).unwrap_err();
    assert_eq!(err.code(), "empty_file", "{err}");
}

#[test]
fn the_first_visible_sheet_with_data_is_read_and_an_empty_sheet_says_where_the_data_is() {
    for name in ["empty_first_sheet.xlsx", "empty_first_sheet.xls"] {
        reads_clientes(&workbook(name), None);
        reads_clientes(&workbook(name), Some("clientes"));
        // The empty cover, named: empty_file naming the sheet that holds the data.
        let err = both(&workbook(name), Some("Capa")).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::EmptySheet { sheet, with_data } if sheet == "Capa" && with_data == &["Clientes"]),
            "{name}: {err}"
        );
        assert_eq!(err.code(), "empty_file");
        assert_eq!(
            err.to_string(),
            "the file is empty: sheet \"Capa\" holds no data; sheet \"Clientes\" does (choose it with the sheet option)"
        );
    }
    // Only a hidden sheet holds data: not read unless named, and the message names it.
    let err = both(&workbook("hidden_data_only.xlsx"), None).unwrap_err();
    assert_eq!(err.code(), "empty_file");
    assert!(err.to_string().contains("sheet \"Dados\" does"), "{err}");
    let (report, _) = both(&workbook("hidden_data_only.xlsx"), Some("Dados")).unwrap();
    assert_eq!(report.stats.rows_total, 4);
}

#[test]
fn files_are_refused_with_the_right_kind_and_a_message_naming_what_they_are() {
    let err = |path: PathBuf| both(&path, None).unwrap_err();
    // An encrypted ods made by LibreOffice (calamine's test file).
    let e = err(testdata().join("realworld/workbooks/calamine/pass_protected.ods"));
    assert!(matches!(e.kind(), ErrorKind::EncryptedFile { format } if format == "ods"), "{e}");
    // sheet1.xml and Sheet1.xml: an ambiguous package, not an empty file.
    let e = err(workbook("ambiguous_case.xlsx"));
    assert_eq!(e.code(), "corrupt_file", "{e}");
    assert!(e.to_string().contains("ambiguous package"), "{e}");
    // Excel 3.0 and 4.0 worksheets (Apache POI's test files), not "binary".
    let e = err(testdata().join("realworld/workbooks/poi/testEXCEL_4.xls"));
    assert!(matches!(e.kind(), ErrorKind::UnsupportedFormat { detected } if detected == "excel-4.0"), "{e}");
    assert!(e.to_string().contains("an Excel 4.0 worksheet from 1992"), "{e}");
    assert!(e.to_string().contains("save it as .xlsx"), "{e}");
    let e = err(testdata().join("realworld/workbooks/poi/testEXCEL_3.xls"));
    assert!(e.to_string().contains("an Excel 3.0 worksheet from 1990"), "{e}");
    // A Word document (docx) named .xlsx.
    let e = err(testdata().join("hostile/not_a_workbook.xlsx"));
    assert!(e.to_string().contains("a Word document"), "{e}");
}

#[test]
fn a_stray_space_at_the_last_cell_of_an_ods_does_not_widen_the_sheet() {
    // asaas_clientes.ods (LibreOffice 7.4) with " " typed at XFD1048576, as LibreOffice writes it
    // (testdata/scripts/make_read_book.py): calamine would allocate the whole sheet for it.
    let start = Instant::now();
    let plain = std::fs::read(testdata().join("inputs/excel/asaas_clientes.ods")).unwrap();
    let stray = std::fs::read(workbook("stray_space.ods")).unwrap();
    let a = read_bytes(&plain, &ReadOptions::default()).unwrap();
    let b = read_bytes(&stray, &ReadOptions::default()).unwrap();
    assert_eq!(a.headers, b.headers);
    assert_eq!(a.rows.len(), b.rows.len());
    for (x, y) in a.rows.iter().zip(&b.rows) {
        assert_eq!(x.cells, y.cells);
    }
    // The whole-file and streamed imports agree and read the sheet.
    let (report, _) = both(&workbook("stray_space.ods"), None).unwrap();
    assert_eq!(report.source.sheet.as_deref(), Some("Clientes"));
    assert_eq!(report.stats.rows_total as usize, a.rows.len());
    assert!(start.elapsed() < Duration::from_secs(10));
}
