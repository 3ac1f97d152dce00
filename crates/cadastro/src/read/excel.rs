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

use std::io::Cursor;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use super::{Format, Grid, Limits, ReadOptions, Row, SheetInfo, archive};
use crate::error::{Error, ErrorKind, LimitKind, Result};
use crate::model::Cell;

/// Reads the chosen sheet of a workbook into a [`Grid`]: the named sheet, else the first
/// visible worksheet that holds data.
///
/// # Errors
/// `corrupt_file`, `encrypted_file`, `limit_exceeded`, `sheet_not_found`, `empty_file` (an
/// [`ErrorKind::EmptySheet`] naming the sheets that do hold data).
pub(crate) fn read_grid(bytes: &[u8], format: Format, opts: &ReadOptions) -> Result<Grid> {
    with_book(bytes, format, opts, |book, choice| read_cells(book, format, choice, &opts.limits))
}

/// Streams the chosen sheet of a workbook row by row into `sink`, with the guards, the sheet
/// choice, the limits and the cell kinds of [`read_grid`]. xlsx, xlsm and xlsb go through
/// calamine's cells reader (memory: the shared strings and one row); xls and ods have no cells
/// reader in calamine, so their sheet's range is read whole first (bounded by the archive guard)
/// and its rows handed over one by one.
///
/// # Errors
/// As [`read_grid`], whatever `sink` returns, and `invalid_options` for a sheet whose rows are
/// stored out of order (the whole-file reader sorts them; a stream cannot).
pub(crate) fn stream_sheet(bytes: &[u8], format: Format, opts: &ReadOptions, sink: &mut dyn RowSink) -> Result<()> {
    with_book(bytes, format, opts, |book, choice| stream_cells(book, choice, &opts.limits, sink))
}

/// Runs the guards for `format`, opens the workbook (xlsx/xlsm/xlsb without the sheets calamine
/// would refuse it over, see [`archive::drop_unreadable_sheets`]), chooses the sheets to try
/// and hands both to `then`, shielded from calamine's panics.
fn with_book<T>(
    bytes: &[u8],
    format: Format,
    opts: &ReadOptions,
    then: impl FnOnce(&mut dyn CellBook, &Choice) -> Result<T>,
) -> Result<T> {
    let limits = &opts.limits;
    let wanted = opts.sheet.as_deref();
    match format {
        Format::Xlsx | Format::Xlsm => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || {
                // XML parts in UTF-16 (which Excel reads) are transcoded first.
                let transcoded = archive::utf8_xml_parts(bytes)?;
                let base = transcoded.as_deref().unwrap_or(bytes);
                let patched = archive::drop_unreadable_sheets(base)?;
                let (data, dropped) = match &patched {
                    Some((data, dropped)) => (data.as_slice(), dropped.as_slice()),
                    None => (base, &[][..]),
                };
                let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(data)).map_err(|e| map_err(format, &e))?;
                let choice = choose(format, wb.sheets_metadata(), wanted, dropped)?;
                then(&mut wb, &choice)
            })
        }
        Format::Xlsb => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || {
                let patched = archive::drop_unreadable_xlsb_sheets(bytes)?;
                let (data, dropped) = match &patched {
                    Some((data, dropped)) => (data.as_slice(), dropped.as_slice()),
                    None => (bytes, &[][..]),
                };
                let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(data)).map_err(|e| map_err(format, &e))?;
                let choice = choose(format, wb.sheets_metadata(), wanted, dropped)?;
                then(&mut wb, &choice)
            })
        }
        Format::Ods => {
            archive::check_zip(bytes, format, limits)?;
            shielded(format, || {
                // calamine's ods reader needs an owned reader type; the copy is the file's size.
                // Cells of only spaces are blanked first (a stray `" "` at the far corner would
                // make calamine allocate the sheet's whole box), indentation between table
                // elements dropped and a missing mimetype added (see `archive::prepare_ods`).
                let data = archive::prepare_ods(bytes)?.unwrap_or_else(|| bytes.to_vec());
                let wb: Ods<_> = Ods::new(Cursor::new(data)).map_err(|e| map_err(format, &e))?;
                let mut book = Ranged { wb, format };
                let choice = choose(format, book.wb.sheets_metadata(), wanted, &[])?;
                then(&mut book, &choice)
            })
        }
        Format::Xls => {
            let patches = archive::check_xls(bytes)?;
            shielded(format, || {
                let data = archive::patch_xls(bytes, &patches)?;
                let wb: Xls<_> = Xls::new(Cursor::new(data)).map_err(|e| map_err(format, &e))?;
                let mut book = Ranged { wb, format };
                let choice = choose(format, book.wb.sheets_metadata(), wanted, &[])?;
                then(&mut book, &choice)
            })
        }
        Format::Csv => Err(Error::options("workbook reading is for workbooks; delimited text has its own reader")),
    }
}

/// A workbook whose sheets can be walked cell by cell in sheet order.
trait CellBook {
    /// Calls `f` with each cell of sheet `name` (0-based row and column; `None` for an empty
    /// cell) until the end of the sheet or `f`'s `Break`.
    fn each_cell(
        &mut self,
        name: &str,
        f: &mut dyn FnMut(u32, u32, Option<Cell>) -> Result<ControlFlow<()>>,
    ) -> Result<()>;
}

/// xlsx and xlsb: calamine's cell reader of the one sheet, cell by cell.
macro_rules! cell_book {
    ($book:ident, $format:expr) => {
        impl<RS: std::io::Read + std::io::Seek> CellBook for $book<RS> {
            fn each_cell(
                &mut self,
                name: &str,
                f: &mut dyn FnMut(u32, u32, Option<Cell>) -> Result<ControlFlow<()>>,
            ) -> Result<()> {
                let format = $format;
                let mut cells = self.worksheet_cells_reader(name).map_err(|e| map_err(format, &e))?;
                while let Some(c) = cells.next_cell().map_err(|e| map_err(format, &e))? {
                    let (r, col) = c.get_position();
                    if f(r, col, cell_from_ref(c.get_value()))?.is_break() {
                        break;
                    }
                }
                Ok(())
            }
        }
    };
}
cell_book!(Xlsx, Format::Xlsx);
cell_book!(Xlsb, Format::Xlsb);

/// xls and ods: calamine parses every sheet when the workbook opens (bounded by the guard), and
/// a sheet's range is walked sparsely, row-major.
struct Ranged<R> {
    wb: R,
    format: Format,
}

impl<R> CellBook for Ranged<R>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    fn each_cell(
        &mut self,
        name: &str,
        f: &mut dyn FnMut(u32, u32, Option<Cell>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        let range = self.wb.worksheet_range(name).map_err(|e| map_err(self.format, &e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, data) in range.used_cells() {
            let row = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
            let col = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
            if f(row, col, cell_from_data(data))?.is_break() {
                break;
            }
        }
        Ok(())
    }
}

/// Which sheets to try, in order, and every sheet of the workbook.
#[derive(Debug)]
struct Choice {
    /// Every sheet, in workbook order (those calamine cannot open included).
    sheets: Vec<SheetInfo>,
    /// The named sheet alone; else every visible worksheet (every worksheet when none is
    /// visible): the first that holds data is read.
    order: Vec<String>,
}

impl Choice {
    /// `empty_file` naming the sheet tried first and the other sheets that hold data.
    fn empty(&self, book: &mut dyn CellBook) -> Error {
        let Some(first) = self.order.first() else { return ErrorKind::EmptyFile.into() };
        let with_data = self
            .sheets
            .iter()
            .filter(|s| !self.order.contains(&s.name))
            .filter(|s| has_data(book, &s.name))
            .map(|s| s.name.clone())
            .collect();
        ErrorKind::EmptySheet { sheet: first.clone(), with_data }.into()
    }
}

/// Chooses the sheets to try: the named one (exact name first, then up to case), else the
/// visible worksheets in order. A named sheet that was dropped as unreadable is `corrupt_file`
/// saying why.
fn choose(
    format: Format,
    meta: &[calamine::Sheet],
    wanted: Option<&str>,
    dropped: &[archive::DroppedSheet],
) -> Result<Choice> {
    let mut sheets: Vec<SheetInfo> =
        meta.iter().map(|s| SheetInfo { name: s.name.clone(), visible: s.visible == SheetVisible::Visible }).collect();
    for d in dropped {
        let at = d.position.min(sheets.len());
        sheets.insert(at, SheetInfo { name: d.name.clone(), visible: d.visible });
    }
    let order = match wanted {
        Some(name) => {
            let found = meta
                .iter()
                .find(|s| s.name == name)
                .or_else(|| meta.iter().find(|s| s.name.to_lowercase() == name.to_lowercase()));
            if let Some(sheet) = found {
                vec![sheet.name.clone()]
            } else if let Some(d) = dropped.iter().find(|d| d.name.to_lowercase() == name.to_lowercase()) {
                return Err(Error::corrupt(format.as_str(), format!("sheet \"{}\" cannot be read: {}", d.name, d.why)));
            } else {
                return Err(ErrorKind::SheetNotFound { name: name.to_owned(), available: sheets.len() }.into());
            }
        }
        None => {
            let worksheets = || meta.iter().filter(|s| s.typ == SheetType::WorkSheet);
            let visible: Vec<String> =
                worksheets().filter(|s| s.visible == SheetVisible::Visible).map(|s| s.name.clone()).collect();
            if visible.is_empty() { worksheets().map(|s| s.name.clone()).collect() } else { visible }
        }
    };
    if order.is_empty() {
        // Every sheet was dropped as unreadable: say why rather than call the file empty.
        if let Some(d) = dropped.first() {
            let others = dropped.len() - 1;
            let more = if others > 0 { format!(" (and {others} other sheets)") } else { String::new() };
            return Err(Error::corrupt(
                format.as_str(),
                format!("no sheet can be read: sheet {} cannot be read: {}{more}", sheet_label(d), d.why),
            ));
        }
        return Err(ErrorKind::EmptyFile.into());
    }
    Ok(Choice { sheets, order })
}

/// A dropped sheet as a message names it: its name quoted, or its position when it has none.
fn sheet_label(d: &archive::DroppedSheet) -> String {
    if d.name.trim().is_empty() { format!("number {}", d.position + 1) } else { format!("\"{}\"", d.name) }
}

/// True when sheet `name` has a non-blank cell (an unreadable sheet has none).
fn has_data(book: &mut dyn CellBook, name: &str) -> bool {
    let mut found = false;
    let walked = book.each_cell(name, &mut |_, _, cell| {
        found = cell.is_some_and(|c| !c.is_blank());
        Ok(if found { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    });
    walked.is_ok() && found
}

/// The whole-file read: the first sheet of `choice.order` that holds data, into a [`Grid`].
fn read_cells(book: &mut dyn CellBook, format: Format, choice: &Choice, limits: &Limits) -> Result<Grid> {
    for name in &choice.order {
        let mut rows = Rows::new(limits);
        book.each_cell(name, &mut |r, c, cell| rows.push(r, c, cell).map(|()| ControlFlow::Continue(())))?;
        if let Some(grid) = rows.into_grid(format, name, &choice.sheets) {
            return Ok(grid);
        }
    }
    Err(choice.empty(book))
}

/// The streamed read: the first sheet of `choice.order` with a non-blank cell is announced to
/// `sink` at that cell (so an empty sheet tried first is never announced) and streamed.
fn stream_cells(book: &mut dyn CellBook, choice: &Choice, limits: &Limits, sink: &mut dyn RowSink) -> Result<()> {
    for name in &choice.order {
        let mut rows = RowStream { limits, sink: &mut *sink, current: None, rows: 0 };
        let mut started = false;
        book.each_cell(name, &mut |r, c, cell| {
            if !started {
                if cell.as_ref().is_none_or(Cell::is_blank) {
                    return Ok(ControlFlow::Continue(()));
                }
                started = true;
                rows.sink.sheet(name, &choice.sheets);
            }
            rows.push(r, c, cell)
        })?;
        if started {
            return rows.finish();
        }
    }
    Err(choice.empty(book))
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
    if let Some(hex) = text.split("Codepage ").nth(1).and_then(|t| t.strip_suffix(" not found")) {
        // calamine names the code page in hexadecimal; a person knows it in decimal.
        let number = u16::from_str_radix(hex.trim(), 16).map_or_else(|_| "?".to_owned(), |n| n.to_string());
        return Error::corrupt(
            format.as_str(),
            format!(
                "its text is in code page {number}, which cadastro cannot decode: \
                 open it in Excel or LibreOffice and save it as .xlsx"
            ),
        );
    }
    Error::corrupt(format.as_str(), redact(&text))
}

/// calamine's message made safe to show: cut to 160 characters, and whatever it quotes from the
/// file (`` `...` ``, `'...'`, `"..."`: an entity, a tag, a value) replaced by `…`, so that cell
/// contents never reach an error text (quick-xml names an unknown entity with the cell text
/// around it, `` unrecognized entity `&secret;` ``). A value calamine gives unquoted after a
/// colon (`Unrecognized cell type: X`, `Unknown cell 't' attribute: X`) is cut the same way: the
/// reason keeps the structure, not the data.
fn redact(text: &str) -> String {
    let mut out = String::new();
    let mut open: Option<char> = None;
    for c in text.chars() {
        match open {
            Some(q) if c == q => open = None,
            Some(_) => {}
            None if matches!(c, '`' | '"') || (c == '\'' && !out.ends_with(|p: char| p.is_alphanumeric())) => {
                open = Some(c);
                out.push('…');
            }
            None => out.push(c),
        }
    }
    let known_unquoted = ["Unrecognized ", "Unknown cell 't' attribute", "Unexpected "];
    if known_unquoted.iter().any(|p| text.starts_with(p))
        && let Some(at) = out.rfind(": ")
    {
        out.truncate(at);
        out.push_str(": …");
    }
    out.chars().take(160).collect()
}

/// Sparse rows built cell by cell under the limits, sorted by row. Workbooks store their rows
/// in order, so a cell goes to the last row or starts a new one; a cell of an earlier row (a
/// file written out of order) is placed by binary search, with the same result.
struct Rows<'l> {
    limits: &'l Limits,
    /// 1-based row numbers, increasing; blank rows are dropped at the end.
    rows: Vec<Row>,
}

impl<'l> Rows<'l> {
    fn new(limits: &'l Limits) -> Self {
        Rows { limits, rows: Vec::new() }
    }

    /// Adds a cell at 0-based `(row, col)`; empty and blank (whitespace-only) cells are skipped
    /// before any check, so they never widen the table nor hit a limit. A later cell at the
    /// same position replaces the earlier one.
    fn push(&mut self, row: u32, col: u32, cell: Option<Cell>) -> Result<()> {
        let Some(cell) = cell.filter(|c| !c.is_blank()) else { return Ok(()) };
        check_cell(self.limits, row, col, &cell)?;
        // `row` < max_rows <= u32::MAX after the check: no overflow.
        let number = row.saturating_add(1);
        let last = self.rows.last().map(|r| (r.row, r.cells.len()));
        match last {
            Some((n, _)) if n == number => {
                if let Some(r) = self.rows.last_mut() {
                    place(&mut r.cells, col, cell);
                }
            }
            Some((n, width)) if n > number => {
                let at = match self.rows.binary_search_by_key(&number, |r| r.row) {
                    Ok(at) => at,
                    Err(at) => {
                        self.rows.insert(at, Row { row: number, line: None, cells: Vec::with_capacity(width) });
                        at
                    }
                };
                if let Some(r) = self.rows.get_mut(at) {
                    place(&mut r.cells, col, cell);
                }
            }
            _ => {
                // The previous row's width is a good guess for this one: no regrowth.
                let mut cells = Vec::with_capacity(last.map_or(0, |(_, w)| w));
                place(&mut cells, col, cell);
                self.rows.push(Row { row: number, line: None, cells });
            }
        }
        Ok(())
    }

    /// The grid, or `None` when the sheet has no non-blank row.
    fn into_grid(mut self, format: Format, sheet: &str, sheets: &[SheetInfo]) -> Option<Grid> {
        self.rows.retain(|r| !r.cells.iter().all(Cell::is_blank));
        if self.rows.is_empty() {
            return None;
        }
        Some(Grid {
            format,
            encoding: None,
            delimiter: None,
            sheet: Some(sheet.to_owned()),
            sheets: sheets.to_vec(),
            rows: self.rows,
            notes: Default::default(),
        })
    }
}

/// The limits a non-empty cell at 0-based `(row, col)` must meet: columns, rows, then the
/// cell's length.
fn check_cell(l: &Limits, row: u32, col: u32, cell: &Cell) -> Result<()> {
    let (row_no, col_no) = (u64::from(row) + 1, u64::from(col) + 1);
    if col_no > l.max_columns {
        return Err(Error::limit(LimitKind::Columns, col_no, l.max_columns));
    }
    if row_no > l.max_rows {
        return Err(Error::limit(LimitKind::Rows, row_no, l.max_rows));
    }
    if let Cell::Text(s) = cell
        && s.len() as u64 > l.max_cell_chars
    {
        let chars = s.chars().count() as u64;
        if chars > l.max_cell_chars {
            return Err(Error::limit(LimitKind::CellChars, chars, l.max_cell_chars));
        }
    }
    Ok(())
}

/// Puts `cell` at column `col` of a row (checked against the column limit beforehand).
fn place(cells: &mut Vec<Cell>, col: u32, cell: Cell) {
    let index = usize::try_from(col).unwrap_or(usize::MAX);
    if cells.len() <= index {
        // `index` < max_columns: bounded.
        cells.resize(index.saturating_add(1), Cell::Empty);
    }
    if let Some(slot) = cells.get_mut(index) {
        *slot = cell;
    }
}

/// Receives the rows of a sheet read by [`stream_sheet`].
pub(crate) trait RowSink {
    /// The sheet chosen and every sheet of the workbook; called once, before any row.
    fn sheet(&mut self, name: &str, sheets: &[SheetInfo]);
    /// The next non-blank row, in sheet order (numbers 1-based, no line); `Break` stops the
    /// reading.
    fn row(&mut self, row: Row) -> Result<ControlFlow<()>>;
}

/// Rows assembled from cells in sheet order and handed to a [`RowSink`] one at a time: the
/// streaming counterpart of [`Rows`], with the same limits and the same blank-row rule.
struct RowStream<'s> {
    limits: &'s Limits,
    sink: &'s mut dyn RowSink,
    /// The 0-based row being assembled, with its cells.
    current: Option<(u32, Vec<Cell>)>,
    /// Non-blank rows handed over.
    rows: u64,
}

impl RowStream<'_> {
    /// Adds a cell at 0-based `(row, col)`; empty and blank cells are skipped before any check
    /// (as in [`Rows::push`]). A cell of a row below the current one hands the current row over.
    fn push(&mut self, row: u32, col: u32, cell: Option<Cell>) -> Result<ControlFlow<()>> {
        let Some(cell) = cell.filter(|c| !c.is_blank()) else { return Ok(ControlFlow::Continue(())) };
        check_cell(self.limits, row, col, &cell)?;
        if let Some((current, cells)) = &mut self.current {
            if *current == row {
                place(cells, col, cell);
                return Ok(ControlFlow::Continue(()));
            }
            if row < *current {
                // The whole-file reader sorts rows; a stream cannot.
                return Err(Error::options(format!(
                    "the sheet's rows are out of order (row {} after row {}): a workbook like this is read \
                     whole, not streamed",
                    u64::from(row) + 1,
                    u64::from(*current) + 1
                )));
            }
        }
        let flow = self.flush()?;
        let mut cells = Vec::new();
        place(&mut cells, col, cell);
        self.current = Some((row, cells));
        Ok(flow)
    }

    /// Hands the current row over, unless it is blank.
    fn flush(&mut self) -> Result<ControlFlow<()>> {
        match self.current.take() {
            Some((row, cells)) if !cells.iter().all(Cell::is_blank) => {
                self.rows += 1;
                self.sink.row(Row { row: row.saturating_add(1), line: None, cells })
            }
            _ => Ok(ControlFlow::Continue(())),
        }
    }

    /// Hands the last row over; `empty_file` when the sheet had no non-blank row.
    fn finish(mut self) -> Result<()> {
        if self.flush()?.is_continue() && self.rows == 0 {
            return Err(ErrorKind::EmptyFile.into());
        }
        Ok(())
    }
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
    fn calamine_messages_lose_what_they_quote_from_the_file() {
        // Found by tests/privacy.rs: quick-xml quoted the cell text around an unknown entity.
        assert_eq!(
            redact("Xml error: at 0..0: unrecognized entity `&Maria da Silva;`"),
            "Xml error: at 0..0: unrecognized entity …"
        );
        assert_eq!(redact("Unknown cell 't' attribute: secret"), "Unknown cell … attribute: …");
        assert_eq!(redact("Unrecognized cell type: secret"), "Unrecognized cell type: …");
        assert_eq!(redact("expected `</t>`, but `</x>` was found"), "expected …, but … was found");
        assert_eq!(redact("Xml error: unclosed quote \"abc"), "Xml error: unclosed quote …");
        assert_eq!(redact(&"a".repeat(500)).chars().count(), 160);
        assert_eq!(redact("Cannot find 'xl/workbook.xml'"), "Cannot find …");
    }

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

    /// Keeps the rows a stream hands over.
    #[derive(Default)]
    struct Keep(Vec<Row>);

    impl RowSink for Keep {
        fn sheet(&mut self, _: &str, _: &[SheetInfo]) {}
        fn row(&mut self, row: Row) -> Result<ControlFlow<()>> {
            self.0.push(row);
            Ok(ControlFlow::Continue(()))
        }
    }

    #[test]
    fn rows_out_of_order_are_sorted_and_later_cells_win() {
        let limits = Limits::default();
        let mut rows = Rows::new(&limits);
        for (r, c, v) in [(2, 0, 1), (2, 2, 2), (0, 1, 3), (4, 0, 4), (0, 1, 5), (1, 0, 6), (2, 0, 7)] {
            rows.push(r, c, Some(Cell::Int(v))).unwrap();
        }
        rows.push(3, 0, Some(Cell::Text(" ".into()))).unwrap();
        let g = rows.into_grid(Format::Xlsx, "S", &[]).unwrap();
        let got: Vec<(u32, Vec<Cell>)> = g.rows.into_iter().map(|r| (r.row, r.cells)).collect();
        assert_eq!(
            got,
            [
                (1, vec![Cell::Empty, Cell::Int(5)]),
                (2, vec![Cell::Int(6)]),
                (3, vec![Cell::Int(7), Cell::Empty, Cell::Int(2)]),
                (5, vec![Cell::Int(4)]),
            ]
        );
    }

    #[test]
    fn row_stream_assembles_rows_like_the_grid() {
        let limits = Limits { max_columns: 5, ..Limits::default() };
        let mut keep = Keep::default();
        let mut rows = RowStream { limits: &limits, sink: &mut keep, current: None, rows: 0 };
        for (r, c, cell) in [
            (0, 1, Some(Cell::Text("b".into()))),
            (0, 0, Some(Cell::Text("a".into()))),
            (1, 0, Some(Cell::Text(" ".into()))),
            (1, 3, None),
            (4, 2, Some(Cell::Int(7))),
        ] {
            assert!(rows.push(r, c, cell).unwrap().is_continue());
        }
        rows.finish().unwrap();
        let got: Vec<(u32, usize)> = keep.0.iter().map(|r| (r.row, r.cells.len())).collect();
        assert_eq!(got, [(1, 2), (5, 3)], "the blank row 2 is skipped");
        assert_eq!(keep.0[0].cells, [Cell::Text("a".into()), Cell::Text("b".into())]);

        let mut keep = Keep::default();
        let mut rows = RowStream { limits: &limits, sink: &mut keep, current: None, rows: 0 };
        assert!(rows.push(3, 0, Some(Cell::Int(1))).is_ok());
        assert_eq!(rows.push(2, 0, Some(Cell::Int(1))).unwrap_err().code(), "invalid_options");
        assert_eq!(rows.push(3, 5, Some(Cell::Int(1))).unwrap_err().code(), "limit_exceeded");

        let mut keep = Keep::default();
        let rows = RowStream { limits: &limits, sink: &mut keep, current: None, rows: 0 };
        assert_eq!(rows.finish().unwrap_err().code(), "empty_file");
    }

    #[test]
    fn sheet_choice() {
        let sheet = |name: &str, visible| calamine::Sheet { name: name.into(), typ: SheetType::WorkSheet, visible };
        let meta = [sheet("Oculta", SheetVisible::Hidden), sheet("Clientes", SheetVisible::Visible)];
        let f = Format::Xlsx;
        let choice = choose(f, &meta, None, &[]).unwrap();
        assert_eq!(choice.order, ["Clientes"]);
        assert!(!choice.sheets[0].visible);
        assert_eq!(choose(f, &meta, Some("oculta"), &[]).unwrap().order, ["Oculta"]);
        assert_eq!(choose(f, &meta, Some("Nope"), &[]).unwrap_err().code(), "sheet_not_found");
        // Every visible worksheet is a candidate, in order; a dropped sheet keeps its place.
        let meta =
            [sheet("A", SheetVisible::Visible), sheet("B", SheetVisible::Hidden), sheet("C", SheetVisible::Visible)];
        let dropped = [archive::DroppedSheet { name: "M".into(), why: "macro".into(), position: 1, visible: true }];
        let choice = choose(f, &meta, None, &dropped).unwrap();
        assert_eq!(choice.order, ["A", "C"]);
        let names: Vec<&str> = choice.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["A", "M", "B", "C"]);
        let err = choose(f, &meta, Some("m"), &dropped).unwrap_err();
        assert_eq!((err.code(), err.to_string().contains("macro")), ("corrupt_file", true), "{err}");
    }
}

#[cfg(test)]
mod fixtures {
    //! The committed workbooks of testdata/inputs/excel, read into raw grids.
    use super::*;

    fn bytes(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/inputs/excel").join(name);
        std::fs::read(path).unwrap()
    }

    fn grid_with(name: &str, opts: &ReadOptions) -> Result<Grid> {
        let data = bytes(name);
        let format = super::super::format::sniff(&data)?;
        read_grid(&data, format, opts)
    }

    fn grid(name: &str) -> Grid {
        grid_with(name, &ReadOptions::default()).unwrap()
    }

    fn texts(row: &Row) -> Vec<String> {
        row.cells.iter().map(|c| c.as_text().into_owned()).collect()
    }

    fn asaas_headers() -> Vec<String> {
        let profile: serde_json::Value = serde_json::from_str(include_str!("../profile/builtin/asaas.json")).unwrap();
        profile["columns"].as_array().unwrap().iter().map(|c| c["header"].as_str().unwrap().to_owned()).collect()
    }

    #[test]
    fn asaas_xlsx_keeps_cell_kinds() {
        let g = grid("asaas_clientes.xlsx");
        assert_eq!(g.format, Format::Xlsx);
        assert_eq!(g.sheet.as_deref(), Some("Clientes"));
        assert_eq!(texts(&g.rows[0]), asaas_headers());
        assert_eq!(g.rows.len(), 11);
        assert_eq!(g.rows.iter().map(|r| r.row).collect::<Vec<_>>(), (1..=11).collect::<Vec<_>>());
        let ana = &g.rows[1];
        // A mobile typed as a number arrives as a float and keeps every digit as text.
        assert_eq!(ana.cell(3), &Cell::Float(5_511_987_654_321.0));
        assert_eq!(ana.cell(3).as_text(), "5511987654321");
        assert_eq!(ana.cell(5), &Cell::Text("529.982.247-25".into()));
        // CEP 01310-100 typed as a number lost its leading zero.
        assert_eq!(ana.cell(6).as_text(), "1310100");
        assert_eq!(ana.cell(8).as_text(), "1578");
        // CPF 043.602.718-67 typed as a number: 10 digits left, still a number cell.
        let joao = &g.rows[2];
        assert!(joao.cell(5).is_number());
        assert_eq!(joao.cell(5).as_text(), "4360271867");
        assert_eq!(joao.cell(4), &Cell::Empty);
        // A CNPJ typed as a number keeps its 14 digits.
        assert_eq!(g.rows[3].cell(5).as_text(), "11222333000181");
        assert!(g.rows.iter().all(|r| r.line.is_none()));
    }

    #[test]
    fn ods_and_xlsx_of_the_same_data_agree() {
        let xlsx = grid("asaas_clientes.xlsx");
        let ods = grid("asaas_clientes.ods");
        assert_eq!(ods.format, Format::Ods);
        assert_eq!(ods.sheets, xlsx.sheets);
        assert_eq!(ods.rows.len(), xlsx.rows.len());
        for (a, b) in xlsx.rows.iter().zip(&ods.rows) {
            assert_eq!(a.row, b.row);
            let (ta, tb) = (texts(a), texts(b));
            let trim = |v: &[String]| v.iter().rposition(|s| !s.is_empty()).map_or(0, |i| i + 1);
            assert_eq!(ta[..trim(&ta)], tb[..trim(&tb)], "row {}", a.row);
        }
        assert_eq!(ods.rows[1].cell(3), &Cell::Float(5_511_987_654_321.0));
    }

    #[test]
    fn invoiceocean_xls_from_libreoffice() {
        let g = grid("invoiceocean_klienci.xls");
        assert_eq!(g.format, Format::Xls);
        assert_eq!(g.sheet.as_deref(), Some("Klienci"));
        let profile: serde_json::Value =
            serde_json::from_str(include_str!("../profile/builtin/invoiceocean.json")).unwrap();
        let headers: Vec<String> =
            profile["columns"].as_array().unwrap().iter().map(|c| c["header"].as_str().unwrap().to_owned()).collect();
        assert_eq!(texts(&g.rows[0]), headers);
        assert_eq!(g.rows.len(), 6);
        let kowalski = &g.rows[1];
        assert_eq!(kowalski.cell(3).as_text(), "Jan Kowalski Usługi Remontowe");
        assert_eq!(kowalski.cell(6), &Cell::Text("00-950".into()));
        assert_eq!(kowalski.cell(19).as_text(), "PL61109010140000071219812874");
        // The NIP typed as a number stays a number with all its digits.
        assert!(g.rows[2].cell(4).is_number());
        assert_eq!(g.rows[2].cell(4).as_text(), "7740001454");
        assert_eq!(g.rows[5].cell(5).as_text(), "Poznań");
    }

    #[test]
    fn title_row_merged_blank_rows_and_footer_keep_absolute_rows() {
        let g = grid("titulo_mesclado.xlsx");
        assert_eq!(g.sheet.as_deref(), Some("Março"));
        let numbers: Vec<u32> = g.rows.iter().map(|r| r.row).collect();
        assert_eq!(numbers, [1, 3, 4, 5, 6, 7, 8, 11, 12, 13, 15]);
        // The merged title: only the top-left cell holds the value.
        assert_eq!(g.rows[0].cells, [Cell::Text("Clientes - Março 2026".into())]);
        assert_eq!(texts(&g.rows[1]), asaas_headers());
        assert_eq!(g.rows[10].cells, [Cell::Text("Total: 8 clientes".into())]);
    }

    #[test]
    fn first_visible_sheet_and_selection_by_name() {
        let g = grid("primeira_oculta.xlsx");
        let sheets: Vec<(&str, bool)> = g.sheets.iter().map(|s| (s.name.as_str(), s.visible)).collect();
        assert_eq!(sheets, [("Config", false), ("Clientes", true), ("Notas", true)]);
        assert_eq!(g.sheet.as_deref(), Some("Clientes"));
        assert_eq!(g.rows[2].cell(5).as_text(), "043.602.718-67");

        let hidden = grid_with("primeira_oculta.xlsx", &ReadOptions::default().with_sheet("Config")).unwrap();
        assert_eq!(hidden.sheet.as_deref(), Some("Config"));
        assert_eq!(hidden.rows[1].cells, [Cell::Text("versao".into()), Cell::Float(3.0)]);
        let notas = grid_with("primeira_oculta.xlsx", &ReadOptions::default().with_sheet("notas")).unwrap();
        assert_eq!(notas.sheet.as_deref(), Some("Notas"));

        let err = grid_with("primeira_oculta.xlsx", &ReadOptions::default().with_sheet("Plan9")).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::SheetNotFound { name, available: 3 } if name == "Plan9"), "{err}");
    }

    #[test]
    fn dates_booleans_and_errors() {
        let g = grid("tipos.xlsx");
        let ana = &g.rows[1];
        assert_eq!(ana.cell(1), &Cell::Date("1988-07-14".into()));
        assert_eq!(ana.cell(2), &Cell::Date("2026-03-01T10:30:00".into()));
        assert_eq!(ana.cell(3), &Cell::Bool(true));
        assert_eq!(ana.cell(4), &Cell::Float(1234.56));
        assert_eq!(ana.cell(5).as_text(), "1001");
        assert_eq!(ana.cell(6), &Cell::Date("14:45:30".into()));
        assert_eq!(ana.cell(7), &Cell::Text("36:30:00".into()));
        assert_eq!(ana.cell(8), &Cell::Error("#N/A".into()));
        assert_eq!(ana.cell(9), &Cell::Text("00123".into()));
        let joao = &g.rows[2];
        assert_eq!(joao.cell(1), &Cell::Date("2000-02-29".into()));
        assert_eq!(joao.cell(3), &Cell::Bool(false));
        assert_eq!(joao.cell(8), &Cell::Error("#DIV/0!".into()));
        // A formula's cached text result is text.
        assert_eq!(joao.cell(9), &Cell::Text("AB".into()));
    }

    #[test]
    fn xlsm_reads_like_xlsx() {
        let g = grid("macros.xlsm");
        assert_eq!(g.format, Format::Xlsm);
        assert_eq!(g.rows[1].cell(1).as_text(), "Oficina do Zé Ltda");
    }

    #[test]
    fn a_stray_far_cell_is_read_sparsely_when_limits_allow_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/hostile/huge_dimension.xlsx");
        let data = std::fs::read(path).unwrap();
        let limits = Limits { max_columns: 16_384, ..Limits::default() };
        let g = read_grid(&data, Format::Xlsx, &ReadOptions::default().with_limits(limits)).unwrap();
        let numbers: Vec<u32> = g.rows.iter().map(|r| r.row).collect();
        assert_eq!(numbers, [1, 2, 1_048_576]);
        assert_eq!(g.rows[2].cells.len(), 16_384);
        assert_eq!(g.rows[2].cells[16_383], Cell::Float(1.0));
        let strict = Limits { max_columns: 16_384, max_rows: 1_000_000, ..Limits::default() };
        let err = read_grid(&data, Format::Xlsx, &ReadOptions::default().with_limits(strict)).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { limit: LimitKind::Rows, actual: 1_048_576, .. }));
    }

    #[test]
    fn handmade_minimal_xlsx_is_valid() {
        // The base of the hostile corpus reads: each hostile file fails for its own reason.
        let g = grid("minimal_handmade.xlsx");
        assert_eq!(g.rows[1].cells, [Cell::Text("Ana".into()), Cell::Float(52_998_224_725.0)]);
    }
}

#[cfg(test)]
mod realworld {
    //! The real-world workbook corpus of testdata/realworld/workbooks (files made by Excel,
    //! LibreOffice and other writers, from spreadsheet libraries' test suites), replayed against
    //! its manifest: each file is read whole and streamed, and must give the annotated sheet and
    //! number of non-blank rows, or be refused with the annotated kind. Prints the figures.
    use std::collections::BTreeMap;

    use super::*;

    /// The committed corpus, or another directory with a manifest.json of the same shape
    /// (`CADASTRO_WORKBOOK_CORPUS`, for measuring on a larger corpus that is not committed).
    fn dir() -> std::path::PathBuf {
        std::env::var_os("CADASTRO_WORKBOOK_CORPUS").map_or_else(
            || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/realworld/workbooks"),
            std::path::PathBuf::from,
        )
    }

    /// Rows a stream hands over, and the sheet it announced.
    #[derive(Default)]
    struct Keep {
        sheet: Option<String>,
        rows: Vec<Row>,
    }

    impl RowSink for Keep {
        fn sheet(&mut self, name: &str, _: &[SheetInfo]) {
            assert!(self.sheet.is_none(), "announced twice");
            self.sheet = Some(name.to_owned());
        }
        fn row(&mut self, row: Row) -> Result<ControlFlow<()>> {
            self.rows.push(row);
            Ok(ControlFlow::Continue(()))
        }
    }

    /// `Ok((sheet, non-blank rows))` or `Err(code)` of the whole read, its message, and how the
    /// stream disagreed with it, if it did (a sheet stored out of order may only refuse to stream).
    #[allow(clippy::type_complexity)]
    fn outcome(bytes: &[u8]) -> (std::result::Result<(String, usize), String>, Option<String>, Option<String>) {
        let opts = ReadOptions::default();
        let format = match super::super::format::sniff(bytes) {
            Ok(f) => f,
            Err(e) => return (Err(e.code().to_owned()), Some(e.to_string()), None),
        };
        if format == Format::Csv {
            return (Err("csv".to_owned()), None, None);
        }
        let whole = read_grid(bytes, format, &opts);
        let mut keep = Keep::default();
        let streamed = stream_sheet(bytes, format, &opts, &mut keep);
        // Debug texts: a NaN cell equals itself there.
        let differs = match (&whole, &streamed) {
            (Ok(g), Ok(())) => (keep.sheet != g.sheet || format!("{:?}", keep.rows) != format!("{:?}", g.rows))
                .then(|| "streamed rows differ".to_owned()),
            (Err(a), Err(b)) => (a.code() != b.code()).then(|| format!("streamed: {b}")),
            (Ok(_), Err(b)) => (b.code() != "invalid_options").then(|| format!("streamed: {b}")),
            (Err(_), Ok(())) => Some("the stream read it".to_owned()),
        };
        match whole {
            Ok(g) => (Ok((g.sheet.unwrap_or_default(), g.rows.len())), None, differs),
            Err(e) => (Err(e.code().to_owned()), Some(e.to_string()), differs),
        }
    }

    /// xlsb sheets calamine would refuse the workbook over are dropped before it opens it (an
    /// Excel 4.0 macro sheet: calamine said `Unrecognized BoundSheet8:dt`); when no sheet is left,
    /// the error says why instead of calling the file empty (relationship ids the package does
    /// not hold: calamine panicked).
    #[test]
    fn xlsb_sheets_calamine_refuses_are_dropped_and_named() {
        let book = std::fs::read(dir().join("sheetjs/BlankSheetTypes.xlsb")).unwrap();
        let err = read_grid(&book, Format::Xlsb, &ReadOptions::default()).unwrap_err();
        assert_eq!(err.code(), "empty_file", "{err}");
        let opts = ReadOptions { sheet: Some("Macro1".into()), ..ReadOptions::default() };
        let err = read_grid(&book, Format::Xlsb, &opts).unwrap_err();
        assert_eq!(err.code(), "corrupt_file", "{err}");
        assert!(err.to_string().contains("Excel 4.0 macro sheet"), "{err}");
        let dropped = archive::drop_unreadable_xlsb_sheets(&book).unwrap().unwrap().1;
        assert_eq!(dropped.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["Macro1"]);

        let broken = std::fs::read(dir().join("poi/Simple.xlsb")).unwrap();
        let err = read_grid(&broken, Format::Xlsb, &ReadOptions::default()).unwrap_err();
        assert_eq!(err.code(), "corrupt_file", "{err}");
        assert!(err.to_string().contains("no sheet can be read"), "{err}");
        assert!(err.to_string().contains("dangling relationship id"), "{err}");
    }

    /// ods packages LibreOffice reads and calamine refused: an indented `content.xml`
    /// (`Expecting 'table-cell'`) and a package without its `mimetype` entry.
    #[test]
    fn ods_indented_or_without_mimetype() {
        for (name, rows) in [("phpspreadsheet/RepeatedDataCells.ods", 1), ("phpspreadsheet/nomimetype.ods", 1)] {
            let bytes = std::fs::read(dir().join(name)).unwrap();
            assert_eq!(super::super::format::sniff(&bytes).unwrap(), Format::Ods, "{name}");
            let grid = read_grid(&bytes, Format::Ods, &ReadOptions::default()).unwrap();
            assert_eq!(grid.rows.len(), rows, "{name}");
            let fixed = archive::prepare_ods(&bytes).unwrap().expect("a fix");
            assert!(archive::prepare_ods(&fixed).unwrap().is_none(), "{name}: the fixed copy needs nothing more");
        }
    }

    /// xls code pages: the aliases Quattro Pro and old Excel write (32769 for windows-1252) are
    /// read; one encoding_rs cannot decode is named in decimal with what to do.
    #[test]
    fn xls_code_page_aliases_and_unknown_code_pages() {
        let quattro = std::fs::read(dir().join("sheetjs/write_57.xls")).unwrap();
        let grid = read_grid(&quattro, Format::Xls, &ReadOptions::default()).unwrap();
        assert_eq!((grid.sheet.as_deref(), grid.rows.len()), (Some("A"), 4));
        let mac = std::fs::read(dir().join("phpspreadsheet/maccentraleurope.biff5.xls")).unwrap();
        let err = read_grid(&mac, Format::Xls, &ReadOptions::default()).unwrap_err();
        assert_eq!(err.code(), "corrupt_file");
        assert!(err.to_string().contains("code page 10029") && err.to_string().contains(".xlsx"), "{err}");
    }

    /// XML parts in UTF-16 (PhpSpreadsheet's tests: `xl/workbook.xml` in UTF-16BE, with and
    /// without a byte-order mark) are transcoded before calamine reads the package.
    #[test]
    fn utf16_xml_parts_are_read() {
        for name in ["phpspreadsheet/utf16be.xlsx", "phpspreadsheet/utf16be.bom.xlsx"] {
            let bytes = std::fs::read(dir().join(name)).unwrap();
            let grid = read_grid(&bytes, Format::Xlsx, &ReadOptions::default()).unwrap();
            assert_eq!((grid.sheet.as_deref(), grid.rows.len()), (Some("Sheet1"), 1), "{name}");
            let fixed = archive::utf8_xml_parts(&bytes).unwrap().expect("a part to transcode");
            assert!(archive::utf8_xml_parts(&fixed).unwrap().is_none(), "{name}");
        }
    }

    /// POI bug 53282: a header row whose only data below is one far cell is still the header.
    #[test]
    fn a_header_over_one_far_cell_is_found() {
        let bytes = std::fs::read(dir().join("poi/53282.xlsx")).unwrap();
        let table = crate::read::read_bytes(&bytes, &ReadOptions::default()).unwrap();
        assert_eq!(table.source.header_row, Some(1));
        assert_eq!(table.headers.first().map(String::as_str), Some("Store#"));
    }

    #[test]
    fn realworld_workbooks_replay() {
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir().join("manifest.json")).unwrap()).unwrap();
        let files = manifest["files"].as_array().unwrap();
        assert!(files.len() >= 100 || std::env::var_os("CADASTRO_WORKBOOK_CORPUS").is_some(), "{} files", files.len());
        let (mut read, mut refused, mut wrong) = (0, BTreeMap::<String, usize>::new(), Vec::new());
        for entry in files {
            let file = entry["file"].as_str().unwrap();
            let bytes = std::fs::read(dir().join(file)).unwrap();
            let start = std::time::Instant::now();
            let (got, message, differs) = outcome(&bytes);
            if let Some(d) = differs {
                wrong.push(format!("{file}: whole and streamed reads disagree: {d}"));
            }
            let elapsed = start.elapsed();
            assert!(elapsed < std::time::Duration::from_secs(5), "{file}: {elapsed:?}");
            let expected = match entry["kind"].as_str() {
                Some(kind) => Err(kind.to_owned()),
                None => Ok((
                    entry["sheet"].as_str().unwrap().to_owned(),
                    usize::try_from(entry["rows"].as_u64().unwrap()).unwrap(),
                )),
            };
            match &got {
                Ok(_) => read += 1,
                Err(kind) => *refused.entry(kind.clone()).or_default() += 1,
            }
            if got != expected {
                wrong.push(format!("{file}: expected {expected:?}, got {got:?} {}", message.unwrap_or_default()));
            } else if let Some(m) = message {
                eprintln!("{file:50} {m}");
            }
        }
        eprintln!("{} files: {read} read, {} refused {refused:?}", files.len(), files.len() - read);
        assert!(wrong.is_empty(), "{} disagree with the manifest:\n{}", wrong.len(), wrong.join("\n"));
    }
}
