//! The error file: the rejected rows as they were in the input (same columns, same headers,
//! same column letters) plus two columns: the row's number in the original file (headed in
//! the file's language: `Row`, `Linha`, `Ligne`, CONTRACT section 8) and an Errors column in
//! words. A message's row reference ("already used on row 2") is a row of the original file, as
//! the row column is. In XLSX the bad cells are highlighted and carry a note with the message.
//! The user fixes the file and imports it as it is: the importer ignores both added columns
//! ([`is_error_file_column`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{Color, Format, Note, Workbook};

use super::{csv_safe, xlsx_error};
use crate::error::{Error, Result};
use crate::model::Cell;
use crate::model::{Table, column_index};
use crate::report::{Issue, Locale, Report};

/// The format of an error file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFileFormat {
    /// An XLSX workbook with highlighted cells and notes.
    Xlsx,
    /// UTF-8 CSV with a byte-order mark (Excel opens it right), the input's delimiter.
    Csv,
}

impl ErrorFileFormat {
    /// The format for a path's extension (`.xlsx` or `.csv`).
    ///
    /// # Errors
    /// `invalid_options` for another extension.
    pub fn from_path(path: &Path) -> Result<Self> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("xlsx") => Ok(ErrorFileFormat::Xlsx),
            Some("csv") => Ok(ErrorFileFormat::Csv),
            _ => Err(Error::options(format!("the error file must end in .xlsx or .csv: {}", path.display()))),
        }
    }
}

/// Checks, before anything is read or written, that an error file can be written at `path`:
/// the extension is `.xlsx` or `.csv`, the directory exists and accepts a new file (probed by
/// creating and removing an empty file beside it), and `path` is not a directory. Hosts call it
/// before they import, so that a bad `--errors` path never fails after the store was written.
///
/// # Errors
/// `invalid_options` for another extension; `io` (with the path) for a missing directory, a
/// directory that refuses new files, or a path that is a directory.
pub fn check_error_path(path: &Path) -> Result<ErrorFileFormat> {
    let format = ErrorFileFormat::from_path(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let not_found = |what: &str| {
        Error::io_at(dir, std::io::Error::new(std::io::ErrorKind::NotFound, format!("{what} for the error file")))
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(not_found("not a directory")),
        Err(_) => return Err(not_found("no such directory")),
    }
    if path.is_dir() {
        return Err(Error::io_at(path, std::io::Error::other("is a directory, not a file")));
    }
    let probe = dir.join(format!(".cadastro-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe); // an empty probe left behind is harmless
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(Error::io_at(dir, e)),
    }
    Ok(format)
}

/// The header of the error file's row column (the row's number in the original file) in each
/// locale, CONTRACT section 8: `Row`, `Linha`, `Ligne` (`Wiersz`, `Fila` for pl and es).
pub fn row_header(locale: Locale) -> &'static str {
    match locale {
        Locale::PtBr => "Linha",
        Locale::Fr => "Ligne",
        Locale::Pl => "Wiersz",
        Locale::Es => "Fila",
        Locale::En => "Row",
    }
}

/// The header of the Errors column in each locale (the importer ignores these headers).
fn errors_header(locale: Locale) -> &'static str {
    match locale {
        Locale::PtBr => "Erros",
        Locale::Fr => "Erreurs",
        Locale::Pl => "Błędy",
        Locale::Es => "Errores",
        _ => "Errors",
    }
}

/// Builds the error file of a report in memory.
///
/// # Errors
/// `write_error` when the workbook cannot be produced.
pub fn error_file(table: &Table, report: &Report, format: ErrorFileFormat, locale: Locale) -> Result<Vec<u8>> {
    let mut by_row: BTreeMap<u32, Vec<&Issue>> = BTreeMap::new();
    for issue in report.issues.iter().filter(|i| i.is_error()) {
        by_row.entry(issue.row).or_default().push(issue);
    }
    let rows: Vec<_> = table.rows.iter().filter(|r| by_row.contains_key(&r.row)).collect();
    let width = table.headers.len().max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let text_of = |issues: &[&Issue]| issues.iter().map(|i| i.message.as_str()).collect::<Vec<_>>().join("; ");
    match format {
        ErrorFileFormat::Csv => {
            let delimiter = table.source.delimiter.and_then(|d| u8::try_from(d).ok()).unwrap_or(b',');
            let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
            {
                let mut w = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(&mut out);
                let mut header: Vec<String> =
                    (0..width).map(|i| table.headers.get(i).cloned().unwrap_or_default()).collect();
                header.push(row_header(locale).to_owned());
                header.push(errors_header(locale).to_owned());
                w.write_record(header.iter().map(|h| csv_safe(h).into_owned())).map_err(csv_error)?;
                for row in &rows {
                    let issues = by_row.get(&row.row).map(Vec::as_slice).unwrap_or_default();
                    let mut record: Vec<String> =
                        (0..width).map(|i| csv_safe(&row.cell(i).as_text()).into_owned()).collect();
                    record.push(row.row.to_string());
                    record.push(csv_safe(&text_of(issues)).into_owned());
                    w.write_record(&record).map_err(csv_error)?;
                }
                w.flush().map_err(Error::from)?;
            }
            Ok(out)
        }
        ErrorFileFormat::Xlsx => {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
            let bad = Format::new().set_background_color(Color::RGB(0xFFC7CE));
            let row_col = u16::try_from(width).map_err(|_| Error::options("too many columns for XLSX"))?;
            let errors_col = row_col.checked_add(1).ok_or_else(|| Error::options("too many columns for XLSX"))?;
            for i in 0..width {
                let col = u16::try_from(i).map_err(|_| Error::options("too many columns for XLSX"))?;
                ws.write_string_with_format(0, col, table.headers.get(i).map_or("", String::as_str), &bold)
                    .map_err(xlsx_error)?;
            }
            ws.write_string_with_format(0, row_col, row_header(locale), &bold).map_err(xlsx_error)?;
            ws.write_string_with_format(0, errors_col, errors_header(locale), &bold).map_err(xlsx_error)?;
            for (n, row) in rows.iter().enumerate() {
                let r = u32::try_from(n + 1).map_err(|_| Error::options("too many rows for XLSX"))?;
                let issues = by_row.get(&row.row).map(Vec::as_slice).unwrap_or_default();
                let mut notes: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
                for issue in issues {
                    if let Some(i) = issue.column.as_deref().and_then(column_index) {
                        notes.entry(i).or_default().push(&issue.message);
                    }
                }
                let bad_cols: BTreeSet<usize> = notes.keys().copied().collect();
                for i in 0..width {
                    let col = u16::try_from(i).map_err(|_| Error::options("too many columns for XLSX"))?;
                    let fmt = bad_cols.contains(&i).then_some(&bad);
                    write_cell(ws, r, col, row.cell(i), fmt)?;
                    if let Some(msgs) = notes.get(&i) {
                        ws.insert_note(r, col, &Note::new(msgs.join("\n")).set_author("cadastro"))
                            .map_err(xlsx_error)?;
                    }
                }
                ws.write_number(r, row_col, f64::from(row.row)).map_err(xlsx_error)?;
                ws.write_string(r, errors_col, text_of(issues)).map_err(xlsx_error)?;
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            ws.set_column_width(errors_col, 60).map_err(xlsx_error)?;
            wb.save_to_buffer().map_err(xlsx_error)
        }
    }
}

/// Writes a cell with its original kind: numbers stay numbers, text stays text (never a
/// formula), booleans stay booleans.
fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    fmt: Option<&Format>,
) -> Result<()> {
    let plain = Format::new();
    let fmt = fmt.unwrap_or(&plain);
    match cell {
        Cell::Empty => {
            if fmt != &plain {
                ws.write_blank(row, col, fmt).map_err(xlsx_error)?;
            }
        }
        Cell::Int(i) => {
            // i64 beyond 2^53 would lose digits as a double: keep those as text.
            if i.unsigned_abs() < (1 << 53) {
                #[allow(clippy::cast_precision_loss)]
                ws.write_number_with_format(row, col, *i as f64, fmt).map_err(xlsx_error)?;
            } else {
                ws.write_string_with_format(row, col, i.to_string(), fmt).map_err(xlsx_error)?;
            }
        }
        Cell::Float(f) => {
            ws.write_number_with_format(row, col, *f, fmt).map_err(xlsx_error)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean_with_format(row, col, *b, fmt).map_err(xlsx_error)?;
        }
        Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => {
            ws.write_string_with_format(row, col, s, fmt).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    Error::from(std::io::Error::other(e.to_string()))
}

/// Writes the error file of a report to `path` (`.xlsx` or `.csv`).
///
/// # Errors
/// `invalid_options` for another extension, `io` (with the path) when the directory is missing
/// or the file cannot be written ([`check_error_path`] runs first).
pub fn write_error_file(table: &Table, report: &Report, path: &Path, locale: Locale) -> Result<()> {
    let bytes = error_file(table, report, check_error_path(path)?, locale)?;
    std::fs::write(path, bytes).map_err(|e| Error::io_at(path, e))
}
