#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Workbook reading through the public API: the hostile corpus of testdata/hostile/ (each file
//! must fail with the kind its manifest names, fast) and the limits of `ReadOptions`.
//!
//! The cell-level assertions on the valid workbooks live next to the reader
//! (`read::excel` unit tests), because they look at the raw grid before header detection.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cadastro::read_bytes;
use cadastro::{ErrorKind, LimitKind};
use cadastro::{Limits, ReadOptions};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

fn hostile(name: &str) -> Vec<u8> {
    std::fs::read(testdata().join("hostile").join(name)).unwrap()
}

fn input(name: &str) -> Vec<u8> {
    std::fs::read(testdata().join("inputs/excel").join(name)).unwrap()
}

/// Reads with default options and returns the error kind and the time it took.
fn fail(bytes: &[u8], opts: &ReadOptions) -> (ErrorKind, Duration) {
    let start = Instant::now();
    let err = read_bytes(bytes, opts).expect_err("a hostile file must not read");
    (err.into_kind(), start.elapsed())
}

#[test]
fn every_hostile_file_fails_with_its_kind_in_time() {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(testdata().join("hostile/manifest.json")).unwrap()).unwrap();
    let entries = manifest.as_array().unwrap();
    assert!(entries.len() >= 20, "the corpus has {} files", entries.len());
    for entry in entries {
        let file = entry["file"].as_str().unwrap();
        let kind = entry["kind"].as_str().unwrap();
        let (err, elapsed) = fail(&hostile(file), &ReadOptions::default());
        assert_eq!(err.code(), kind, "{file}: {err}");
        assert!(elapsed < Duration::from_secs(2), "{file} took {elapsed:?}");
        eprintln!("{file:24} {kind:20} {elapsed:>10.2?}  {err}");
    }
}

fn limit_of(file: &str) -> LimitKind {
    match fail(&hostile(file), &ReadOptions::default()).0 {
        ErrorKind::LimitExceeded { limit, .. } => limit,
        other => panic!("{file}: {other}"),
    }
}

#[test]
fn hostile_files_hit_the_right_limit() {
    assert_eq!(limit_of("zip_bomb.xlsx"), LimitKind::CompressionRatio);
    assert_eq!(limit_of("many_entries.xlsx"), LimitKind::ZipEntries);
    assert_eq!(limit_of("billion_laughs.xlsx"), LimitKind::XmlDoctype);
    assert_eq!(limit_of("external_entity.xlsx"), LimitKind::XmlDoctype);
    assert_eq!(limit_of("huge_dimension.xlsx"), LimitKind::Columns);
    // The cells holding data span the whole xls grid (a declared DIMENSIONS alone no longer counts).
    assert_eq!(limit_of("../workbooks/far_value.xls"), LimitKind::SheetArea);
    assert_eq!(limit_of("repeat_bomb.ods"), LimitKind::SheetArea);
}

#[test]
fn unsupported_formats_are_named() {
    let detected = |file: &str| match fail(&hostile(file), &ReadOptions::default()).0 {
        ErrorKind::UnsupportedFormat { detected } => detected,
        other => panic!("{file}: {other}"),
    };
    assert_eq!(detected("html.xls"), "html");
    assert_eq!(detected("xml2003.xls"), "xml-spreadsheet-2003");
    assert_eq!(detected("document.xlsx"), "pdf");
    assert_eq!(detected("garbage.xls"), "binary");
    assert_eq!(detected("not_a_workbook.xlsx"), "docx");
}

#[test]
fn encrypted_files_name_their_container() {
    let format = |bytes: &[u8]| match fail(bytes, &ReadOptions::default()).0 {
        ErrorKind::EncryptedFile { format } => format,
        other => panic!("{other}"),
    };
    assert_eq!(format(&input("asaas_senha.xlsx")), "ooxml");
    assert_eq!(format(&hostile("filepass.xls")), "xls");
}

#[test]
fn a_lying_central_directory_is_caught_at_its_claim() {
    let (err, elapsed) = fail(&hostile("lying_sizes.xlsx"), &ReadOptions::default());
    let ErrorKind::CorruptFile { reason, .. } = err else { panic!("{err}") };
    // Caught by the zip reader or by the guard, at the first byte past the claim.
    assert!(reason.contains("declared"), "{reason}");
    assert!(elapsed < Duration::from_millis(500), "{elapsed:?}");
}

#[test]
fn limits_from_read_options_apply_to_workbooks() {
    let asaas = input("asaas_clientes.xlsx");
    let with = |limits: Limits| match fail(&asaas, &ReadOptions::default().with_limits(limits)).0 {
        ErrorKind::LimitExceeded { limit, actual, max } => (limit, actual, max),
        other => panic!("{other}"),
    };
    let (limit, actual, max) = with(Limits { max_zip_entries: 3, ..Limits::default() });
    assert_eq!((limit, max), (LimitKind::ZipEntries, 3));
    assert!(actual > 3);
    assert_eq!(with(Limits { max_entry_bytes: 1000, ..Limits::default() }).0, LimitKind::EntryBytes);
    assert_eq!(with(Limits { max_decompressed_bytes: 5000, ..Limits::default() }).0, LimitKind::DecompressedBytes);
    assert_eq!(with(Limits { max_rows: 5, ..Limits::default() }), (LimitKind::Rows, 6, 5));
    assert_eq!(with(Limits { max_columns: 10, ..Limits::default() }), (LimitKind::Columns, 11, 10));
    let (limit, _, max) = with(Limits { max_cell_chars: 20, ..Limits::default() });
    assert_eq!((limit, max), (LimitKind::CellChars, 20));
    // The same limits hold for xls and ods.
    let xls = input("invoiceocean_klienci.xls");
    let err = fail(&xls, &ReadOptions::default().with_limits(Limits { max_columns: 5, ..Limits::default() })).0;
    assert!(matches!(err, ErrorKind::LimitExceeded { limit: LimitKind::Columns, .. }), "{err}");
    let ods = input("asaas_clientes.ods");
    let err = fail(&ods, &ReadOptions::default().with_limits(Limits { max_rows: 3, ..Limits::default() })).0;
    assert!(matches!(err, ErrorKind::LimitExceeded { limit: LimitKind::Rows, .. }), "{err}");
}

#[test]
fn an_unknown_sheet_is_sheet_not_found() {
    for file in ["primeira_oculta.xlsx", "asaas_clientes.ods", "invoiceocean_klienci.xls"] {
        let (err, _) = fail(&input(file), &ReadOptions::default().with_sheet("Não existe"));
        let ErrorKind::SheetNotFound { name, available } = err else { panic!("{file}: {err}") };
        assert_eq!(name, "Não existe");
        assert!(available >= 1);
    }
}

#[test]
fn truncated_prefixes_of_a_workbook_never_panic() {
    // Every cut of a real xlsx is an error (or, for the full file, not a corruption).
    let asaas = input("asaas_clientes.xlsx");
    for cut in (0..asaas.len()).step_by(97) {
        if let Err(e) = read_bytes(&asaas[..cut], &ReadOptions::default()) {
            assert!(["corrupt_file", "empty_file", "unsupported_format"].contains(&e.code()), "cut {cut}: {e}");
        }
    }
}

/// For measuring one file in its own process (peak RSS): `HOSTILE=zip_bomb.xlsx cargo test
/// --test read_excel one_hostile_file -- --ignored` under `/usr/bin/time -v`.
#[test]
#[ignore = "a measuring aid, run by hand"]
fn one_hostile_file() {
    let file = std::env::var("HOSTILE").unwrap();
    let (err, elapsed) = fail(&hostile(&file), &ReadOptions::default());
    eprintln!("{file}: {} in {elapsed:?}", err.code());
}

#[test]
fn mutated_workbooks_fail_cleanly() {
    // Seeded byte mutations of every fixture: each read ends in Ok or a file-level error kind,
    // never a panic or an abort, and quickly.
    let allowed =
        ["corrupt_file", "unsupported_format", "encrypted_file", "empty_file", "limit_exceeded", "sheet_not_found"];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let dir = testdata().join("inputs/excel");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files {
        let original = std::fs::read(&path).unwrap();
        for _ in 0..60 {
            let mut bytes = original.clone();
            for _ in 0..(1 + next() % 8) {
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = next() as u8;
            }
            let start = Instant::now();
            if let Err(e) = read_bytes(&bytes, &ReadOptions::default()) {
                assert!(allowed.contains(&e.code()), "{}: {e}", path.display());
            }
            assert!(start.elapsed() < Duration::from_secs(2), "{}", path.display());
        }
    }
}
