//! Workbooks through calamine: xlsx, xlsm, xlsb, xls and ods, cell kinds kept.
//!
//! The guards of [`super::archive`] run first. xlsx, xlsm and xlsb sheets are then *streamed*
//! cell by cell (calamine's `worksheet_cells_reader`) into sparse rows, enforcing the row, column
//! and cell-length limits as cells arrive: a stray cell at `XFD1048576` is a `limit_exceeded`
//! (columns), never a rows x columns allocation. xls and ods only offer calamine's
//! `worksheet_range`, which allocates the bounding box of each sheet's cells; the archive guard
//! has bounded that box beforehand (see [`super::archive::allowed_area`]).
//!
//! Every call into calamine runs under `catch_unwind`: a panic inside the parser on malformed
//! data becomes `corrupt_file` instead of crossing into the host.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use super::{Format, Grid, Limits, ReadOptions, Row, SheetInfo, archive};
use crate::error::{Error, ErrorKind, LimitKind, Result};
use crate::model::Cell;

/// Reads the chosen sheet of a workbook into a [`Grid`].
///
/// # Errors
/// `corrupt_file`, `encrypted_file`, `limit_exceeded`, `sheet_not_found`, `empty_file`.
pub(crate) fn read_grid(bytes: &[u8], format: Format, opts: &ReadOptions) -> Result<Grid> {
    let limits = &opts.limits;
    let wanted = opts.sheet.as_deref();
    match format {
        Format::Xlsx | Format::Xlsm => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || read_xlsx(bytes, format, wanted, limits))
        }
        Format::Xlsb => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || read_xlsb(bytes, wanted, limits))
        }
        Format::Ods => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || read_ranged::<Ods<_>>(bytes, format, wanted, limits))
        }
        Format::Xls => {
            archive::check_xls(bytes)?;
            shielded(format, || read_ranged::<Xls<_>>(bytes, format, wanted, limits))
        }
        Format::Csv => Err(Error::options("read_grid is for workbooks; delimited text has its own reader")),
    }
}

/// Runs a calamine call, turning a panic into `corrupt_file`.
fn shielded<T>(format: Format, f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(Error::corrupt(format.as_str(), "the workbook parser failed on malformed data")))
}

/// Maps a calamine error: a password is `encrypted_file`, anything else `corrupt_file`. The
/// reason is calamine's message, cut short (it names structures, not cell contents).
fn map_err(format: Format, e: &dyn std::fmt::Display) -> Error {
    let text = e.to_string();
    if text.contains("password protected") {
        let kind = if format == Format::Xls { "xls" } else { "ooxml" };
        return ErrorKind::EncryptedFile { format: kind.to_owned() }.into();
    }
    if text.starts_with("Cell limit exceeded") || text.contains("CellLimitExceeded") {
        return Error::limit(LimitKind::SheetArea, 0, archive::AREA_FLOOR);
    }
    let reason: String = text.chars().take(160).collect();
    Error::corrupt(format.as_str(), reason)
}

/// Picks the sheet to read: the named one, else the first visible worksheet.
fn pick_sheet(meta: &[calamine::Sheet], wanted: Option<&str>) -> Result<(Vec<SheetInfo>, String)> {
    let infos: Vec<SheetInfo> =
        meta.iter().map(|s| SheetInfo { name: s.name.clone(), visible: s.visible == SheetVisible::Visible }).collect();
    let chosen = match wanted {
        Some(name) => meta
            .iter()
            .find(|s| s.name == name)
            .or_else(|| meta.iter().find(|s| s.name.to_lowercase() == name.to_lowercase()))
            .map(|s| s.name.clone())
            .ok_or_else(|| ErrorKind::SheetNotFound { name: name.to_owned(), available: meta.len() })?,
        None => meta
            .iter()
            .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
            .or_else(|| meta.iter().find(|s| s.typ == SheetType::WorkSheet))
            .map(|s| s.name.clone())
            .ok_or(ErrorKind::EmptyFile)?,
    };
    Ok((infos, chosen))
}

/// Sparse rows built cell by cell under the limits.
struct Rows<'l> {
    limits: &'l Limits,
    rows: BTreeMap<u32, Vec<Cell>>,
}

impl<'l> Rows<'l> {
    fn new(limits: &'l Limits) -> Self {
        Rows { limits, rows: BTreeMap::new() }
    }

    /// Adds a cell at 0-based `(row, col)`; empty cells are skipped before any check.
    fn push(&mut self, row: u32, col: u32, cell: Option<Cell>) -> Result<()> {
        let Some(cell) = cell else { return Ok(()) };
        let l = self.limits;
        let (row_no, col_no) = (u64::from(row) + 1, u64::from(col) + 1);
        if col_no > l.max_columns {
            return Err(Error::limit(LimitKind::Columns, col_no, l.max_columns));
        }
        if row_no > l.max_rows {
            return Err(Error::limit(LimitKind::Rows, row_no, l.max_rows));
        }
        if let Cell::Text(s) = &cell {
            if s.len() as u64 > l.max_cell_chars {
                let chars = s.chars().count() as u64;
                if chars > l.max_cell_chars {
                    return Err(Error::limit(LimitKind::CellChars, chars, l.max_cell_chars));
                }
            }
        }
        let cells = self.rows.entry(row).or_default();
        let index = usize::try_from(col).unwrap_or(usize::MAX);
        if cells.len() <= index {
            // `index` < max_columns: bounded.
            cells.resize(index + 1, Cell::Empty);
        }
        if let Some(slot) = cells.get_mut(index) {
            *slot = cell;
        }
        Ok(())
    }

    fn into_grid(self, format: Format, sheet: String, sheets: Vec<SheetInfo>) -> Result<Grid> {
        let rows: Vec<Row> = self
            .rows
            .into_iter()
            .filter(|(_, cells)| !cells.iter().all(Cell::is_blank))
            .map(|(row, cells)| Row { row: row.saturating_add(1), line: None, cells })
            .collect();
        if rows.is_empty() {
            return Err(ErrorKind::EmptyFile.into());
        }
        Ok(Grid { format, encoding: None, delimiter: None, sheet: Some(sheet), sheets, rows })
    }
}

fn read_xlsx(bytes: &[u8], format: Format, wanted: Option<&str>, limits: &Limits) -> Result<Grid> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| map_err(format, &e))?;
    let (sheets, name) = pick_sheet(wb.sheets_metadata(), wanted)?;
    let mut rows = Rows::new(limits);
    {
        let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| map_err(format, &e))?;
        while let Some(c) = cells.next_cell().map_err(|e| map_err(format, &e))? {
            let (r, col) = c.get_position();
            rows.push(r, col, cell_from_ref(c.get_value()))?;
        }
    }
    rows.into_grid(format, name, sheets)
}

fn read_xlsb(bytes: &[u8], wanted: Option<&str>, limits: &Limits) -> Result<Grid> {
    let format = Format::Xlsb;
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| map_err(format, &e))?;
    let (sheets, name) = pick_sheet(wb.sheets_metadata(), wanted)?;
    let mut rows = Rows::new(limits);
    {
        let mut cells = wb.worksheet_cells_reader(&name).map_err(|e| map_err(format, &e))?;
        while let Some(c) = cells.next_cell().map_err(|e| map_err(format, &e))? {
            let (r, col) = c.get_position();
            rows.push(r, col, cell_from_ref(c.get_value()))?;
        }
    }
    rows.into_grid(format, name, sheets)
}

/// xls and ods: calamine parses every sheet when the workbook opens (bounded by the guard), then
/// the chosen range is walked sparsely.
fn read_ranged<R>(bytes: &[u8], format: Format, wanted: Option<&str>, limits: &Limits) -> Result<Grid>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    // calamine's xls and ods readers need an owned reader type; the copy is the file's size.
    let mut wb: R = R::new(Cursor::new(bytes.to_vec())).map_err(|e| map_err(format, &e))?;
    let (sheets, name) = pick_sheet(wb.sheets_metadata(), wanted)?;
    let range = wb.worksheet_range(&name).map_err(|e| map_err(format, &e))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows = Rows::new(limits);
    for (r, c, data) in range.used_cells() {
        let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
        let col = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
        rows.push(row, col, cell_from_data(data))?;
    }
    rows.into_grid(format, name, sheets)
}

fn cell_from_ref(v: &DataRef<'_>) -> Option<Cell> {
    Some(match v {
        DataRef::Empty => return None,
        DataRef::Int(i) => Cell::Int(*i),
        DataRef::Float(f) => Cell::Float(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => date_cell(d),
        DataRef::DateTimeIso(s) => Cell::Date(s.clone()),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    })
}

fn cell_from_data(v: &Data) -> Option<Cell> {
    Some(match v {
        Data::Empty => return None,
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => date_cell(d),
        Data::DateTimeIso(s) => Cell::Date(s.clone()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    })
}

/// A date cell as ISO 8601: `2026-03-01` at midnight, `2026-03-01T10:30:00` otherwise,
/// `10:30:00` for a time of day without a date; a duration is text such as `36:30:00`.
fn date_cell(d: &ExcelDateTime) -> Cell {
    let serial = d.as_f64();
    if d.is_duration() || !serial.is_finite() {
        return Cell::Text(duration_text(serial));
    }
    let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
    let time = if ms > 0 { format!("{h:02}:{mi:02}:{s:02}.{ms:03}") } else { format!("{h:02}:{mi:02}:{s:02}") };
    if (0.0..1.0).contains(&serial) {
        return Cell::Date(time);
    }
    if (h, mi, s, ms) == (0, 0, 0, 0) {
        Cell::Date(format!("{y:04}-{mo:02}-{day:02}"))
    } else {
        Cell::Date(format!("{y:04}-{mo:02}-{day:02}T{time}"))
    }
}

/// A duration in days as `[h]:mm:ss` (what Excel shows).
fn duration_text(days: f64) -> String {
    if !days.is_finite() {
        return days.to_string();
    }
    let total = (days.abs() * 86_400.0).round();
    // Clamped: a duration beyond u64 seconds is not a real value.
    let total = if total > 9.0e18 { 9.0e18 } else { total } as u64;
    let sign = if days < 0.0 { "-" } else { "" };
    format!("{sign}{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    #[test]
    fn dates_are_iso() {
        let dt = |v: f64| date_cell(&ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(dt(46082.0), Cell::Date("2026-03-01".into()));
        assert_eq!(dt(46082.4375), Cell::Date("2026-03-01T10:30:00".into()));
        assert_eq!(dt(0.5), Cell::Date("12:00:00".into()));
        // 1904 epoch: the same serial is four years and a day later.
        let d1904 = date_cell(&ExcelDateTime::new(44620.0, ExcelDateTimeType::DateTime, true));
        assert_eq!(d1904, Cell::Date("2026-03-01".into()));
        let dur = date_cell(&ExcelDateTime::new(1.5208333333, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(dur, Cell::Text("36:30:00".into()));
    }

    #[test]
    fn rows_enforce_limits() {
        let limits = Limits { max_columns: 3, max_rows: 10, max_cell_chars: 4, ..Limits::default() };
        let mut rows = Rows::new(&limits);
        assert!(rows.push(0, 2, Some(Cell::Int(1))).is_ok());
        assert!(rows.push(0, 5, None).is_ok(), "empty cells are not checked");
        assert_eq!(
            rows.push(0, 3, Some(Cell::Int(1))).map_err(|e| e.to_string()).unwrap_err(),
            "limit exceeded: columns is 4, the maximum is 3"
        );
        assert!(rows.push(10, 0, Some(Cell::Int(1))).is_err());
        assert!(rows.push(1, 0, Some(Cell::Text("ação".into()))).is_ok(), "4 chars in 6 bytes");
        assert!(rows.push(1, 1, Some(Cell::Text("abcde".into()))).is_err());
    }

    #[test]
    fn sheet_choice() {
        let sheet = |name: &str, visible| calamine::Sheet { name: name.into(), typ: SheetType::WorkSheet, visible };
        let meta = [sheet("Oculta", SheetVisible::Hidden), sheet("Clientes", SheetVisible::Visible)];
        let (infos, chosen) = pick_sheet(&meta, None).unwrap();
        assert_eq!(chosen, "Clientes");
        assert!(!infos[0].visible);
        assert_eq!(pick_sheet(&meta, Some("oculta")).unwrap().1, "Oculta");
        assert_eq!(pick_sheet(&meta, Some("Nope")).unwrap_err().code(), "sheet_not_found");
    }
}
