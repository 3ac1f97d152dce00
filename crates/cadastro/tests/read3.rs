#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Issue 14 (read3): real files the earlier rounds misread.

use std::path::{Path, PathBuf};

use cadastro::{IssueCode, ReadOptions, TextEncoding, read_bytes};

fn realworld(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/realworld").join(name)
}

/// Lines of UTF-8 and lines of windows-1252 in one real file: each line is read in its own
/// encoding (no mojibake, no U+FFFD), the file reported as UTF-8 with `encoding_doubt` (the
/// stream's chunks decode the same way: `read::encoding` unit tests).
#[test]
fn a_file_mixing_utf8_and_windows_1252_lines_reads_each_line_right() {
    let path = realworld("csv-mixed/parneringwithinterviews.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture is not valid UTF-8");
    let table = read_bytes(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!(table.source.encoding, Some(TextEncoding::Utf8));
    assert!(table.issues.iter().any(|i| i.code == IssueCode::EncodingDoubt));
    let text = |line: u64| {
        let row = table.rows.iter().rfind(|r| r.line.is_some_and(|l| l <= line)).unwrap();
        row.cells.iter().map(|c| c.as_text()).collect::<Vec<_>>().join("|")
    };
    assert!(text(194).contains("other’s"), "{}", text(194)); // a UTF-8 line
    assert!(text(230).contains("don’t"), "{}", text(230)); // a windows-1252 line
    assert!(text(247).contains("difference…competitive"), "{}", text(247));
    for row in &table.rows {
        for cell in &row.cells {
            let t = cell.as_text();
            assert!(!t.contains('\u{FFFD}') && !t.contains("â€"), "row {}: {t}", row.row);
        }
    }
}
