//! Guards that run before calamine sees a workbook, driven by [`Limits`].
//!
//! calamine trusts its input: it reserves what a `uniqueCount` or a BIFF DIMENSIONS record claims
//! and allocates the bounding box of a sheet's cells. These checks make a hostile file fail with
//! `limit_exceeded` or `corrupt_file` first, in time and memory proportional to the file:
//!
//! - zip containers (xlsx, xlsm, xlsb, ods): the number of entries; each entry's declared size,
//!   the declared total and the declared compression ratio; then every entry is *inflated* as a
//!   stream (64 KiB buffer, nothing kept) against the same limits, so a central directory that
//!   lies is caught at the first byte past its claim, and a bad CRC in a part calamine reads is
//!   `corrupt_file` (a broken thumbnail or picture is not). Each XML
//!   part's prolog is scanned for `<!DOCTYPE` / `<!ENTITY`; `sharedStrings.xml` may not claim more
//!   strings than its bytes can hold; the sheets of an ods `content.xml` are measured (below).
//! - xls: the BIFF records of the `Workbook` stream are walked (no cell is decoded) to measure
//!   every sheet's declared DIMENSIONS and the bounding box of its cells.
//!
//! A sheet's *area* (rows x columns of the box calamine allocates for xls and ods, over the cells
//! that hold data) may be at most `max(a 64 MiB memory budget in calamine cells, 8 x the cells
//! actually stored)`: a dense sheet always passes, a real value at the far corner never makes
//! calamine allocate more than the budget. An xls DIMENSIONS record is not trusted (calamine
//! reserves what it declares: it is zeroed before calamine reads the file), and whitespace-only
//! labels are blanked the same way, so they never widen the box. xlsx and xlsb sheets are
//! streamed cell by cell and never allocate their area.

use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::format::{CFB_MAGIC, zip_error};
use super::{Format, Limits};
use crate::error::{Error, LimitKind, Result};

/// The memory calamine may spend on one xls or ods sheet's box whatever its cells: 64 MiB.
pub(crate) const SHEET_MEMORY_BUDGET: u64 = 64 * 1024 * 1024;
/// Areas up to this many cells are always allowed: the budget in calamine cells (2,097,152
/// cells of 32 bytes).
pub(crate) const AREA_FLOOR: u64 = SHEET_MEMORY_BUDGET / std::mem::size_of::<calamine::Data>() as u64;
/// Otherwise a sheet's area may be this many times the cells it stores.
pub(crate) const AREA_PER_CELL: u64 = 8;
/// The compression ratio is checked only once an entry has inflated past this size: small
/// entries (styles, empty sheets) legitimately compress far better than 200:1.
const RATIO_MIN_BYTES: u64 = 1024 * 1024;
/// calamine's own caps for ods (`MAX_ROWS`, `MAX_COLUMNS`).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// The area a sheet storing `stored` cells may span.
pub(crate) fn allowed_area(stored: u64) -> u64 {
    AREA_FLOOR.max(stored.saturating_mul(AREA_PER_CELL))
}

fn check_area(area: u64, stored: u64) -> Result<()> {
    let max = allowed_area(stored);
    if area > max {
        return Err(Error::limit(LimitKind::SheetArea, area, max));
    }
    Ok(())
}

/// Checks a zip-based workbook (xlsx, xlsm, xlsb, ods) before calamine opens it.
///
/// # Errors
/// `limit_exceeded` (zip_entries, entry_bytes, decompressed_bytes, compression_ratio,
/// xml_doctype, sheet_area) or `corrupt_file`.
pub(crate) fn check_zip(bytes: &[u8], format: Format, limits: &Limits) -> Result<()> {
    let fmt = format.as_str();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(fmt, &e))?;
    let entries = zip.len() as u64;
    if entries > limits.max_zip_entries {
        return Err(Error::limit(LimitKind::ZipEntries, entries, limits.max_zip_entries));
    }

    // Pass 1: what the central directory declares.
    let mut declared_total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| zip_error(fmt, &e))?;
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > limits.max_entry_bytes {
            return Err(Error::limit(LimitKind::EntryBytes, size, limits.max_entry_bytes));
        }
        declared_total = declared_total.saturating_add(size);
        if declared_total > limits.max_decompressed_bytes {
            return Err(Error::limit(LimitKind::DecompressedBytes, declared_total, limits.max_decompressed_bytes));
        }
        check_ratio(size, packed, limits)?;
    }

    // Pass 2: what the entries really hold.
    let mut actual_total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| zip_error(fmt, &e))?;
        let name = String::from_utf8_lossy(entry.name_raw()).to_ascii_lowercase();
        let declared = entry.size();
        let packed = entry.compressed_size();
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml");
        let mut guard = Guarded {
            inner: entry,
            out: 0,
            declared,
            packed,
            total_before: actual_total,
            limits,
            prolog: is_xml.then(Prolog::default),
            violation: None,
        };
        let drained = if format == Format::Ods && name == "content.xml" {
            scan_ods_content(&mut guard)
        } else {
            drain(&mut guard)
        };
        if let Some(err) = guard.violation.take() {
            return Err(err);
        }
        match drained {
            // A broken thumbnail, picture or document property that no reader opens does not
            // make the sheets unreadable (the limits above still applied to it).
            Err(_) if !read_by_calamine(&name, format) => {}
            other => other.map_err(|e| Error::corrupt(fmt, format!("entry {name}: {e}")))?,
        }
        if let Some(prolog) = &guard.prolog {
            if prolog.doctype {
                return Err(Error::limit(LimitKind::XmlDoctype, 1, 0));
            }
            if name.ends_with("sharedstrings.xml") {
                check_unique_count(&prolog.root, guard.out, fmt)?;
            }
        }
        actual_total = actual_total.saturating_add(guard.out);
    }
    Ok(())
}

/// Whether calamine (or cadastro's own pre-checks) reads entry `name` (lower case) of a
/// `format` package: the XML parts and relationships outside the document properties, and for
/// xlsb its binary parts. Pictures, thumbnails, embedded objects, printer settings, macros
/// and `docProps/` are not read.
fn read_by_calamine(name: &str, format: Format) -> bool {
    if name.starts_with("docprops/") || name.starts_with("thumbnails/") || name.contains("/embeddings/") {
        return false;
    }
    let xml = name.ends_with(".xml") || name.ends_with(".rels") || name == "mimetype";
    let xlsb_part = format == Format::Xlsb
        && name.ends_with(".bin")
        && !name.contains("vbaproject")
        && !name.contains("printersettings");
    xml || xlsb_part
}

fn check_ratio(out: u64, packed: u64, limits: &Limits) -> Result<()> {
    if out > RATIO_MIN_BYTES {
        let ratio = out / packed.max(1);
        if ratio > limits.max_compression_ratio {
            return Err(Error::limit(LimitKind::CompressionRatio, ratio, limits.max_compression_ratio));
        }
    }
    Ok(())
}

fn drain(reader: &mut impl Read) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if reader.read(&mut buf)? == 0 {
            return Ok(());
        }
    }
}

/// calamine reserves `uniqueCount` strings up front; the shortest string item (`<si/>`) takes 5
/// bytes, so a count above a fifth of the part's size is a lie.
fn check_unique_count(root: &[u8], part_bytes: u64, fmt: &str) -> Result<()> {
    let Some(count) = attr_number(root, b"uniqueCount") else { return Ok(()) };
    if count > part_bytes / 5 {
        return Err(Error::corrupt(
            fmt,
            format!("sharedStrings.xml claims {count} strings but holds {part_bytes} bytes"),
        ));
    }
    Ok(())
}

/// The decimal value of attribute `name` in a start tag (saturating), if present.
fn attr_number(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = tag.windows(name.len()).position(|w| w == name)?;
    let rest = tag.get(at + name.len()..)?;
    let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'"))?;
    let digits: Vec<u8> = rest.iter().take_while(|b| b.is_ascii_digit()).copied().collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.iter().fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0'))))
}

/// A reader over one inflating entry that enforces the limits on what it really yields.
struct Guarded<'l, R> {
    inner: R,
    out: u64,
    declared: u64,
    packed: u64,
    total_before: u64,
    limits: &'l Limits,
    prolog: Option<Prolog>,
    violation: Option<Error>,
}

impl<R: Read> Guarded<'_, R> {
    fn check(&self) -> Result<()> {
        let l = self.limits;
        if self.out > l.max_entry_bytes {
            return Err(Error::limit(LimitKind::EntryBytes, self.out, l.max_entry_bytes));
        }
        let total = self.total_before.saturating_add(self.out);
        if total > l.max_decompressed_bytes {
            return Err(Error::limit(LimitKind::DecompressedBytes, total, l.max_decompressed_bytes));
        }
        check_ratio(self.out, self.packed, l)?;
        if self.out > self.declared {
            return Err(Error::corrupt(
                "zip",
                format!("an entry inflates past its declared size of {} bytes", self.declared),
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guarded<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.violation.is_some() {
            return Err(io::Error::other("limit exceeded"));
        }
        // Never ask for more than one byte past the declared size.
        let room = self.declared.saturating_sub(self.out).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let Some(chunk) = buf.get_mut(..want) else { return Ok(0) };
        let n = self.inner.read(chunk)?;
        self.out = self.out.saturating_add(n as u64);
        if let Err(e) = self.check() {
            self.violation = Some(e);
            return Err(io::Error::other("limit exceeded"));
        }
        if let (Some(prolog), Some(data)) = (self.prolog.as_mut(), chunk.get(..n)) {
            prolog.feed(data);
            if prolog.doctype {
                self.violation = Some(Error::limit(LimitKind::XmlDoctype, 1, 0));
                return Err(io::Error::other("doctype"));
            }
        }
        Ok(n)
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum PrologState {
    /// Between markup, before the root element.
    #[default]
    Text,
    /// After `<`.
    Open,
    /// Inside `<?...?>`; the flag says the previous byte was `?`.
    Pi(bool),
    /// After `<!`, collecting the keyword.
    Bang,
    /// Inside `<!--...-->`; counts trailing dashes.
    Comment(u8),
    /// Inside the root start tag.
    Root,
    /// The prolog is over.
    Done,
}

/// A byte-level scanner of an XML prolog: it finds a DOCTYPE (or ENTITY) declaration before the
/// root element and keeps the root start tag (bounded). NUL bytes and byte-order marks are
/// skipped, so UTF-16 parts are scanned too.
#[derive(Debug, Default)]
struct Prolog {
    state: PrologState,
    keyword: Vec<u8>,
    root: Vec<u8>,
    doctype: bool,
}

impl Prolog {
    const MAX_ROOT_TAG: usize = 4096;

    fn feed(&mut self, data: &[u8]) {
        for &b in data {
            if self.state == PrologState::Done {
                return;
            }
            if b == 0 {
                continue;
            }
            self.state = match self.state {
                PrologState::Text => match b {
                    b'<' => PrologState::Open,
                    0xEF | 0xBB | 0xBF | 0xFF | 0xFE => PrologState::Text,
                    _ if b.is_ascii_whitespace() => PrologState::Text,
                    _ => PrologState::Done,
                },
                PrologState::Open => match b {
                    b'?' => PrologState::Pi(false),
                    b'!' => {
                        self.keyword.clear();
                        PrologState::Bang
                    }
                    _ => {
                        self.root.push(b);
                        PrologState::Root
                    }
                },
                PrologState::Pi(q) => match b {
                    b'>' if q => PrologState::Text,
                    _ => PrologState::Pi(b == b'?'),
                },
                PrologState::Bang => {
                    self.keyword.push(b.to_ascii_uppercase());
                    if self.keyword == b"--" {
                        PrologState::Comment(0)
                    } else if self.keyword == b"DOCTYPE" || self.keyword == b"ENTITY" {
                        self.doctype = true;
                        PrologState::Done
                    } else if b"DOCTYPE".starts_with(&self.keyword)
                        || b"ENTITY".starts_with(&self.keyword)
                        || self.keyword == b"-"
                    {
                        PrologState::Bang
                    } else {
                        PrologState::Done
                    }
                }
                PrologState::Comment(dashes) => match b {
                    b'>' if dashes >= 2 => PrologState::Text,
                    b'-' => PrologState::Comment(dashes.saturating_add(1)),
                    _ => PrologState::Comment(0),
                },
                PrologState::Root => {
                    if b == b'>' || self.root.len() >= Self::MAX_ROOT_TAG {
                        PrologState::Done
                    } else {
                        self.root.push(b);
                        PrologState::Root
                    }
                }
                PrologState::Done => PrologState::Done,
            };
        }
    }
}

/// The cells of one ods table, as calamine will expand them.
#[derive(Debug, Default)]
struct OdsTable {
    row: u64,
    stored: u64,
    bbox: Option<(u64, u64, u64, u64)>,
}

impl OdsTable {
    fn add(&mut self, row: u64, rows: u64, col: u64, cols: u64) {
        let (r1, c1) = (row.saturating_add(rows.max(1)) - 1, col.saturating_add(cols.max(1)) - 1);
        self.bbox = Some(match self.bbox {
            None => (row, r1, col, c1),
            Some((a, b, c, d)) => (a.min(row), b.max(r1), c.min(col), d.max(c1)),
        });
    }

    fn area(&self) -> u64 {
        self.bbox.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
    }
}

fn repeat_attr(e: &BytesStart<'_>, name: &str) -> u64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

fn has_attr(e: &BytesStart<'_>, name: &str) -> bool {
    e.attributes().flatten().any(|a| a.key.as_ref() == name)
}

/// Measures every table of an ods `content.xml` (calamine parses all sheets on open).
fn scan_ods_content<R: Read>(guard: &mut Guarded<'_, R>) -> io::Result<()> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, guard));
    let mut buf = Vec::with_capacity(1024);
    let mut skip = Vec::with_capacity(1024);
    let mut table: Option<OdsTable> = None;
    let mut row_repeats: u64 = 1;
    let mut col: u64 = 0;
    let mut failure: Option<Error> = None;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(io::Error::other)?;
        match event {
            Event::Eof => break,
            Event::DocType(_) => {
                return Err(io::Error::other("doctype"));
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                let _ = e;
                table = Some(OdsTable::default());
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take()
                    && let Err(err) = check_area(t.area(), t.stored)
                {
                    failure = Some(err);
                    break;
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                row_repeats = repeat_attr(&e, "table:number-rows-repeated").clamp(1, ODS_MAX_ROWS);
                col = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(t) = table.as_mut() {
                    t.row = t.row.saturating_add(row_repeats).min(ODS_MAX_ROWS);
                }
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let cols = repeat_attr(e, "table:number-columns-repeated").max(1);
                let mut has_content = matches!(event, Event::Start(_)) || has_attr(e, "office:value-type");
                let textual = is_textual_cell(e);
                if matches!(event, Event::Start(_)) {
                    // A cell of only spaces is blanked before calamine reads the sheet (see
                    // `prepare_ods`): it does not widen the box.
                    let blank = skip_cell(&mut reader, &mut skip)?;
                    has_content = !(textual && blank);
                }
                if let Some(t) = table.as_mut() {
                    let start = col.min(ODS_MAX_COLUMNS);
                    let span = col.saturating_add(cols).min(ODS_MAX_COLUMNS) - start;
                    if has_content && span > 0 {
                        t.add(t.row, row_repeats, start, span);
                        t.stored = t.stored.saturating_add(1);
                    }
                }
                col = col.saturating_add(cols);
            }
            _ => {}
        }
    }
    if let Some(err) = failure {
        reader.into_inner().into_inner().violation = Some(err);
        return Err(io::Error::other("sheet area"));
    }
    // Drain what the XML reader left (to finish the CRC check).
    drain(reader.get_mut())
}

/// True for an ods cell whose value is its text: a string cell, or a cell without a value type
/// (a cell holding a number, a date or a boolean has a value whatever its text shows).
fn is_textual_cell(e: &BytesStart<'_>) -> bool {
    !e.attributes().flatten().any(|a| match a.key.as_ref() {
        "office:value-type" => a.value.as_ref() != "string",
        "office:string-value" | "office:value" | "office:formula" | "table:formula" => true,
        _ => false,
    })
}

/// Reads past the end of the cell just started; true when it held only whitespace: text
/// paragraphs, spans, `text:s` spaces, tabs and line breaks around blank text (what a space
/// typed into a cell leaves). A comment, an image or any other element is content.
fn skip_cell<R: io::BufRead>(reader: &mut quick_xml::Reader<R>, buf: &mut Vec<u8>) -> io::Result<bool> {
    let mut depth = 1usize;
    let mut blank = true;
    while depth > 0 {
        buf.clear();
        let event = reader.read_event_into(buf).map_err(io::Error::other)?;
        if !cell_event(&event, &mut depth, &mut blank) {
            return Err(io::Error::other("content.xml ends inside a cell"));
        }
    }
    Ok(blank)
}

/// One event inside a cell: tracks the element depth and whether the cell is still blank (the
/// rule of [`skip_cell`]). False at the end of the file, inside the cell.
fn cell_event(event: &Event<'_>, depth: &mut usize, blank: &mut bool) -> bool {
    match event {
        Event::Eof => return false,
        Event::Start(e) => {
            *depth += 1;
            *blank &= blank_element(e.name().as_ref());
        }
        Event::Empty(e) => *blank &= blank_element(e.name().as_ref()),
        Event::End(_) => *depth -= 1,
        Event::Text(t) => *blank &= t.as_ref().trim().is_empty(),
        Event::Comment(_) => {}
        _ => *blank = false,
    }
    true
}

/// The elements a cell of only whitespace may hold.
fn blank_element(name: &str) -> bool {
    matches!(name, "text:p" | "text:span" | "text:s" | "text:tab" | "text:line-break" | "text:soft-page-break")
}

/// The most bytes of one cell's events held while judging whether it is blank: a longer cell is
/// content, written through as it is.
const MAX_HELD_CELL: usize = 64 * 1024;

/// The fixes an ods package needs before calamine reads it (see [`prepare_ods`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct OdsFixes {
    /// `mimetype` is missing (calamine refuses such a package; LibreOffice reads it).
    mimetype: bool,
    /// A cell holds only whitespace, or whitespace text sits between table elements.
    content: bool,
}

/// A copy of an ods package that calamine reads as LibreOffice does, or `None` when the file
/// needs nothing:
///
/// - every cell of `content.xml` holding only whitespace becomes an empty cell (its column span
///   kept): calamine keeps a `" "` cell as a string and allocates the box up to it, so one space
///   typed at the last cell of a sheet (what LibreOffice saves after Ctrl+End and a keystroke)
///   would make it allocate the whole sheet; cadastro reads whitespace-only cells as empty anyway;
/// - whitespace text between table elements (an indented, hand-written or tool-written
///   `content.xml`) is dropped: calamine refuses it (`Expecting 'table-cell'`);
/// - a missing `mimetype` entry is added.
///
/// `content.xml` is streamed from the entry into the new package (one cell at most is held, up
/// to [`MAX_HELD_CELL`] bytes), so its size is bounded only by the zip limits [`check_zip`]
/// enforced, never held whole in memory; every other entry is copied still compressed.
///
/// # Errors
/// `corrupt_file` for a broken container or broken XML.
pub(crate) fn prepare_ods(bytes: &[u8]) -> Result<Option<Vec<u8>>> {
    use std::io::Write;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("ods", &e))?;
    let Some(index) = zip.index_for_name("content.xml") else { return Ok(None) };
    let fixes = OdsFixes {
        mimetype: zip.index_for_name("mimetype").is_none(),
        content: {
            let entry = zip.by_index(index).map_err(|e| zip_error("ods", &e))?;
            let mut sink = io::sink();
            rewrite_ods_content(BufReader::with_capacity(64 * 1024, entry), &mut sink)?
        },
    };
    if fixes == OdsFixes::default() {
        return Ok(None);
    }
    let broken = |e: &dyn std::fmt::Display| Error::corrupt("ods", format!("rebuilding the package: {e}"));
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    if fixes.mimetype {
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        out.start_file("mimetype", stored).map_err(|e| broken(&e))?;
        out.write_all(b"application/vnd.oasis.opendocument.spreadsheet").map_err(|e| broken(&e))?;
    }
    for i in 0..zip.len() {
        if i == index && fixes.content {
            out.start_file("content.xml", zip::write::SimpleFileOptions::default()).map_err(|e| broken(&e))?;
            let entry = zip.by_index(i).map_err(|e| zip_error("ods", &e))?;
            rewrite_ods_content(BufReader::with_capacity(64 * 1024, entry), &mut out)?;
        } else {
            let entry = zip.by_index_raw(i).map_err(|e| zip_error("ods", &e))?;
            out.raw_copy_file(entry).map_err(|e| broken(&e))?;
        }
    }
    Ok(Some(out.finish().map_err(|e| broken(&e))?.into_inner()))
}

/// Streams an ods `content.xml` from `input` to `out` with the changes of [`prepare_ods`];
/// returns whether anything changed (with `io::sink()` as `out`, a dry run).
fn rewrite_ods_content<R: io::BufRead, W: io::Write>(input: R, out: W) -> Result<bool> {
    let broken = |e: &dyn std::fmt::Display| Error::corrupt("ods", format!("entry content.xml: {e}"));
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut writer = quick_xml::Writer::new(out);
    let mut buf = Vec::with_capacity(1024);
    // Names of the open elements (only whether each is a `table:` element matters).
    let mut in_table_element: Vec<bool> = Vec::new();
    let mut changed = false;
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| broken(&e))?;
        match &event {
            Event::Eof => break,
            Event::Text(t) if in_table_element.last() == Some(&true) && t.as_ref().trim().is_empty() => {
                changed = true;
                continue;
            }
            Event::Start(e) if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") => {
                let start = e.clone().into_owned();
                let (held, blank) = hold_cell(&mut reader)?;
                if blank && is_textual_cell(&start) {
                    changed = true;
                    let cols = repeat_attr(&start, "table:number-columns-repeated").max(1);
                    let name = start.name().as_ref().to_owned();
                    let mut empty = BytesStart::new(name);
                    if cols > 1 {
                        empty.push_attribute(("table:number-columns-repeated", cols.to_string().as_str()));
                    }
                    writer.write_event(Event::Empty(empty)).map_err(|e| broken(&e))?;
                    continue;
                }
                writer.write_event(Event::Start(start)).map_err(|e| broken(&e))?;
                in_table_element.push(true);
                let mut depth = 1usize;
                for held_event in held {
                    match &held_event {
                        Event::Text(t) if t.as_ref().trim().is_empty() && depth == 1 => {
                            changed = true;
                            continue;
                        }
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    writer.write_event(held_event).map_err(|e| broken(&e))?;
                }
                // The cell is closed unless it was too long to hold (then it goes on as usual).
                in_table_element.resize(in_table_element.len() + depth.saturating_sub(1), false);
                if depth == 0 {
                    in_table_element.pop();
                }
                continue;
            }
            Event::Start(e) => in_table_element.push(e.name().as_ref().starts_with("table:")),
            Event::End(_) => {
                in_table_element.pop();
            }
            _ => {}
        }
        writer.write_event(event).map_err(|e| broken(&e))?;
    }
    Ok(changed)
}

/// The events of the cell just started (owned, up to its end or [`MAX_HELD_CELL`] bytes), and
/// whether it held only whitespace (see [`skip_cell`]'s rule).
fn hold_cell<R: io::BufRead>(reader: &mut quick_xml::Reader<R>) -> Result<(Vec<Event<'static>>, bool)> {
    let broken = |e: &dyn std::fmt::Display| Error::corrupt("ods", format!("entry content.xml: {e}"));
    let mut held = Vec::new();
    let mut bytes = 0usize;
    let mut depth = 1usize;
    let mut blank = true;
    let mut buf = Vec::new();
    while depth > 0 {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| broken(&e))?;
        if !cell_event(&event, &mut depth, &mut blank) {
            return Err(broken(&"content.xml ends inside a cell"));
        }
        let event = event.into_owned();
        bytes = bytes.saturating_add(buf.len());
        held.push(event);
        if bytes > MAX_HELD_CELL {
            return Ok((held, false));
        }
    }
    Ok((held, blank))
}

/// A change to an xls `Workbook` stream made before calamine reads it (same length, in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum XlsPatch {
    /// A DIMENSIONS record's body at this stream offset is zeroed: calamine reserves the area it
    /// declares up front, and a writer's DIMENSIONS may overstate the sheet by far.
    Dimensions { body: u64, len: u16 },
    /// The record at this offset (a label holding only whitespace) becomes a BLANK record, which
    /// calamine skips: a stray space at the far corner must not make it allocate the sheet's box.
    Blank { header: u64 },
    /// The CODEPAGE record's value at this stream offset becomes `to`: the aliases old Excel
    /// and Quattro Pro write (32768 for Mac Roman, 32769 for windows-1252), which calamine
    /// refuses as unknown code pages, are given their standard numbers (10000, 1252).
    Codepage { body: u64, to: u16 },
}

/// The standard number of a code page alias calamine does not know, if `value` is one.
fn codepage_alias(value: u64) -> Option<u16> {
    match value {
        0x8000 => Some(10000),
        0x8001 => Some(1252),
        _ => None,
    }
}

/// Checks an xls (BIFF in a CFB container) before calamine opens it: the bounding box of the
/// cells that hold data (whitespace-only labels excluded) stays within the sheet-area allowance
/// of every sheet. The declared DIMENSIONS are not trusted either way: the returned patches zero
/// them and blank the whitespace-only labels (see [`patch_xls`]), so calamine allocates what the
/// data needs and nothing a record merely claims.
///
/// # Errors
/// `limit_exceeded` (sheet_area) or `corrupt_file`.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<Vec<XlsPatch>> {
    if !bytes.starts_with(CFB_MAGIC) {
        return Err(Error::corrupt("xls", "not a compound file"));
    }
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Error::corrupt("xls", format!("broken compound file: {e}")))?;
    let name = if cfb.is_stream("/Workbook") { "/Workbook" } else { "/Book" };
    let stream = cfb.open_stream(name).map_err(|e| Error::corrupt("xls", format!("workbook stream: {e}")))?;
    // A stream longer than the file is a broken sector chain.
    let mut reader = BufReader::new(stream.take(bytes.len() as u64));
    let mut header = [0u8; 4];
    let mut body = Vec::with_capacity(1024);
    let mut depth = 0u32;
    let mut sheet = XlsSheet::default();
    let mut patches = Vec::new();
    let mut pos: u64 = 0;
    let mut biff8 = true;
    let mut globals = true;
    let mut sst: Vec<Vec<u8>> = Vec::new();
    let mut sst_blank: Vec<bool> = Vec::new();
    let mut in_sst = false;
    loop {
        match reader.read_exact(&mut header) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(Error::corrupt("xls", format!("workbook stream: {e}"))),
        }
        let [t0, t1, l0, l1] = header;
        let typ = u16::from_le_bytes([t0, t1]);
        let len = u16::from_le_bytes([l0, l1]);
        body.clear();
        let got = reader
            .by_ref()
            .take(u64::from(len))
            .read_to_end(&mut body)
            .map_err(|e| Error::corrupt("xls", format!("workbook stream: {e}")))?;
        if got < usize::from(len) {
            break;
        }
        let at = pos;
        pos = pos.saturating_add(4).saturating_add(u64::from(len));
        let u16_at = |i: usize| {
            body.get(i..i.saturating_add(2))
                .and_then(|b| <[u8; 2]>::try_from(b).ok())
                .map(|a| u64::from(u16::from_le_bytes(a)))
        };
        let u32_at = |i: usize| {
            body.get(i..i.saturating_add(4))
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(|a| u64::from(u32::from_le_bytes(a)))
        };
        if in_sst {
            if typ == 0x003C {
                sst.push(body.clone());
                continue;
            }
            in_sst = false;
            sst_blank = sst_blanks(&sst);
            sst = Vec::new();
        }
        match typ {
            0x0809 => {
                depth = depth.saturating_add(1);
                if depth == 1 {
                    if globals {
                        biff8 = u16_at(0) == Some(0x0600);
                    }
                    sheet = XlsSheet::default();
                }
            }
            0x000A => {
                if depth == 1 {
                    sheet.check()?;
                    globals = false;
                }
                depth = depth.saturating_sub(1);
            }
            0x00FC if globals && depth == 1 => {
                in_sst = true;
                sst.push(body.clone());
            }
            0x0200 if depth == 1 => patches.push(XlsPatch::Dimensions { body: at.saturating_add(4), len }),
            0x0042 if globals && depth == 1 => {
                if let Some(to) = u16_at(0).and_then(codepage_alias) {
                    patches.push(XlsPatch::Codepage { body: at.saturating_add(4), to });
                }
            }
            // Label, RString: the text is in the record.
            0x0204 | 0x00D6 if depth == 1 => {
                if label_is_blank(&body, biff8) {
                    patches.push(XlsPatch::Blank { header: at });
                } else if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    sheet.add(r, c, c);
                }
            }
            // LabelSst: the text is in the shared string table.
            0x00FD if depth == 1 => {
                let blank = u32_at(6).and_then(|i| sst_blank.get(usize::try_from(i).ok()?).copied());
                if blank == Some(true) {
                    patches.push(XlsPatch::Blank { header: at });
                } else if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    sheet.add(r, c, c);
                }
            }
            // Number, BoolErr, RK, Formula: row, column first.
            0x0203 | 0x0205 | 0x027E | 0x0006 if depth == 1 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    sheet.add(r, c, c);
                }
            }
            // MulRk: row, first column, ..., last column.
            0x00BD if depth == 1 => {
                if let (Some(r), Some(c0), Some(c1)) =
                    (u16_at(0), u16_at(2), body.len().checked_sub(2).and_then(u16_at))
                {
                    sheet.add(r, c0.min(c1), c0.max(c1));
                }
            }
            _ => {}
        }
    }
    sheet.check()?;
    Ok(patches)
}

/// A copy of an xls with `patches` applied to its workbook stream (in place: the record
/// lengths, and so the container, do not change).
///
/// # Errors
/// `corrupt_file` when the container cannot be rewritten.
pub(crate) fn patch_xls(bytes: &[u8], patches: &[XlsPatch]) -> Result<Vec<u8>> {
    use std::io::{Seek, SeekFrom, Write};
    if patches.is_empty() {
        return Ok(bytes.to_vec());
    }
    let broken = |e: io::Error| Error::corrupt("xls", format!("workbook stream: {e}"));
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes.to_vec()))
        .map_err(|e| Error::corrupt("xls", format!("broken compound file: {e}")))?;
    let name = if cfb.is_stream("/Workbook") { "/Workbook" } else { "/Book" };
    {
        let mut stream = cfb.open_stream(name).map_err(broken)?;
        for patch in patches {
            match *patch {
                XlsPatch::Dimensions { body, len } => {
                    stream.seek(SeekFrom::Start(body)).map_err(broken)?;
                    stream.write_all(&vec![0u8; usize::from(len)]).map_err(broken)?;
                }
                XlsPatch::Blank { header } => {
                    stream.seek(SeekFrom::Start(header)).map_err(broken)?;
                    stream.write_all(&0x0201u16.to_le_bytes()).map_err(broken)?;
                }
                XlsPatch::Codepage { body, to } => {
                    stream.seek(SeekFrom::Start(body)).map_err(broken)?;
                    stream.write_all(&to.to_le_bytes()).map_err(broken)?;
                }
            }
        }
        stream.flush().map_err(broken)?;
    }
    cfb.flush().map_err(broken)?;
    Ok(cfb.into_inner().into_inner())
}

/// True when a LABEL or RSTRING record's text is whitespace only.
fn label_is_blank(body: &[u8], biff8: bool) -> bool {
    let cch = body.get(6..8).and_then(|b| <[u8; 2]>::try_from(b).ok()).map_or(0, u16::from_le_bytes);
    let cch = usize::from(cch);
    if biff8 {
        let Some(&flags) = body.get(8) else { return false };
        let Some(chars) = body.get(9..) else { return false };
        text_is_blank(chars, flags & 1 == 1, cch) == Some(cch)
    } else {
        body.get(8..8usize.saturating_add(cch)).is_some_and(|b| b.iter().all(|&c| latin1_blank(c)))
    }
}

fn latin1_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C | 0xA0)
}

/// How many of at most `cch` characters at the start of `chars` were read, all of them blank;
/// `None` as soon as one is not.
fn text_is_blank(chars: &[u8], high: bool, cch: usize) -> Option<usize> {
    if high {
        let mut n = 0;
        for pair in chars.chunks_exact(2).take(cch) {
            let unit = u16::from_le_bytes([pair.first().copied()?, pair.get(1).copied()?]);
            let c = char::from_u32(u32::from(unit)).unwrap_or('x');
            if !crate::model::cell::is_blank_char(c) {
                return None;
            }
            n += 1;
        }
        Some(n)
    } else {
        let n = chars.len().min(cch);
        chars.get(..n)?.iter().all(|&b| latin1_blank(b)).then_some(n)
    }
}

/// For each string of the shared string table (the SST record's body and its CONTINUE
/// records), whether it is whitespace only. Parsing stops at the first inconsistency; strings
/// past it are taken as data.
fn sst_blanks(segments: &[Vec<u8>]) -> Vec<bool> {
    let mut out = Vec::new();
    let mut seg = 0usize;
    let mut p = 8usize;
    let byte = |seg: usize, p: usize| segments.get(seg).and_then(|s| s.get(p)).copied();
    loop {
        if segments.get(seg).is_some_and(|s| p >= s.len()) {
            seg += 1;
            p = 0;
        }
        let Some(s) = segments.get(seg) else { return out };
        let (Some(c0), Some(c1), Some(flags)) = (byte(seg, p), byte(seg, p + 1), byte(seg, p + 2)) else {
            return out;
        };
        let mut remaining = usize::from(u16::from_le_bytes([c0, c1]));
        p += 3;
        let mut extra = 0usize;
        if flags & 0x08 != 0 {
            let (Some(a), Some(b)) = (byte(seg, p), byte(seg, p + 1)) else { return out };
            extra += 4 * usize::from(u16::from_le_bytes([a, b]));
            p += 2;
        }
        if flags & 0x04 != 0 {
            let Some(n) = s.get(p..p + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()) else { return out };
            extra = extra.saturating_add(usize::try_from(u32::from_le_bytes(n)).unwrap_or(usize::MAX));
            p += 4;
        }
        let mut high = flags & 1 == 1;
        let mut blank = true;
        while remaining > 0 {
            let Some(s) = segments.get(seg) else { return out };
            if p >= s.len() {
                // The characters go on in the next CONTINUE record, after a new flags byte.
                seg += 1;
                let Some(f) = byte(seg, 0) else { return out };
                high = f & 1 == 1;
                p = 1;
                continue;
            }
            let width = if high { 2 } else { 1 };
            let fit = ((s.len() - p) / width).min(remaining);
            if fit == 0 {
                return out;
            }
            let chars = s.get(p..p + fit * width).unwrap_or_default();
            blank = blank && text_is_blank(chars, high, fit) == Some(fit);
            p += fit * width;
            remaining -= fit;
        }
        // Formatting runs and phonetic data, possibly over CONTINUE records.
        while extra > 0 {
            let Some(s) = segments.get(seg) else { return out };
            let here = (s.len().saturating_sub(p)).min(extra);
            extra -= here;
            p += here;
            if extra > 0 {
                seg += 1;
                p = 0;
            }
        }
        out.push(blank);
    }
}

/// The cells of one xls sheet that hold data: how many, and their bounding box.
#[derive(Debug, Default)]
struct XlsSheet {
    stored: u64,
    bbox: Option<(u64, u64, u64, u64)>,
}

impl XlsSheet {
    fn add(&mut self, row: u64, c0: u64, c1: u64) {
        self.stored = self.stored.saturating_add(c1 - c0 + 1);
        self.bbox = Some(match self.bbox {
            None => (row, row, c0, c1),
            Some((a, b, c, d)) => (a.min(row), b.max(row), c.min(c0), d.max(c1)),
        });
    }

    fn check(&self) -> Result<()> {
        let area = self.bbox.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1));
        check_area(area, self.stored)
    }
}

/// A sheet of an xlsx/xlsm workbook that calamine cannot open, taken out of `workbook.xml` so
/// that the others read (calamine refuses the whole workbook over one such sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DroppedSheet {
    /// The sheet's name.
    pub name: String,
    /// Why it cannot be read, for a person.
    pub why: String,
    /// Its index among the workbook's sheets.
    pub position: usize,
    /// False for a hidden or very hidden sheet.
    pub visible: bool,
}

/// The most bytes of `workbook.xml` or a `.rels` part read for the pre-check; a larger one
/// (never seen in a real workbook) is left to calamine as it is.
const MAX_WORKBOOK_PART: u64 = 16 * 1024 * 1024;

/// Finds the sheets of an xlsx/xlsm workbook that calamine would refuse the whole workbook for
/// (a `sheet` whose relationship id is missing, or whose relationship is an Excel 4.0 macro
/// sheet or another type calamine does not know) and, when there are any, returns a copy of
/// the package whose `workbook.xml` no longer lists them (every other entry copied as it is,
/// still compressed), with the sheets dropped. `Ok(None)`: nothing to drop.
///
/// # Errors
/// `corrupt_file` for a broken container (already checked by [`check_zip`]).
pub(crate) fn drop_unreadable_sheets(bytes: &[u8]) -> Result<Option<(Vec<u8>, Vec<DroppedSheet>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("xlsx", &e))?;
    let Some(root_rels) = small_entry(&mut zip, "_rels/.rels") else { return Ok(None) };
    let workbook = relationships(&root_rels)
        .into_iter()
        .find(|r| r.kind.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_owned(), |r| r.target.trim_start_matches('/').to_owned());
    let (dir, file) = workbook.rsplit_once('/').map_or(("", workbook.as_str()), |(d, f)| (d, f));
    let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let Some(xml) = small_entry(&mut zip, &workbook) else { return Ok(None) };
    let rels = small_entry(&mut zip, &rels_name).map(|r| relationships(&r)).unwrap_or_default();

    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut dropped = Vec::new();
    let mut position = 0usize;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        let (Event::Start(e) | Event::Empty(e)) = &event else { continue };
        if e.local_name().as_ref() != "sheet" {
            continue;
        }
        let mut name = String::new();
        let mut id = String::new();
        let mut visible = true;
        for a in e.attributes().flatten() {
            let value = attr_value(&a);
            match a.key.local_name().as_ref() {
                "name" => name = value,
                "id" => id = value,
                "state" => visible = value == "visible",
                _ => {}
            }
        }
        position += 1;
        let why = match rels.iter().find(|r| r.id == id) {
            None => Some("the workbook lists it without its part (a dangling relationship id)".to_owned()),
            Some(r) => match r.kind.rsplit('/').next().unwrap_or_default() {
                "worksheet" | "chartsheet" | "dialogsheet" => None,
                "xlMacrosheet" | "xlIntlMacrosheet" => Some("it is an Excel 4.0 macro sheet".to_owned()),
                other => Some(format!("it is a sheet of type {}", other.chars().take(40).collect::<String>())),
            },
        };
        let Some(why) = why else { continue };
        if let Event::Start(start) = &event {
            let end = start.to_end().into_owned();
            if reader.read_to_end(end.name()).is_err() {
                return Ok(None);
            }
        }
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        cut.push((before, after));
        dropped.push(DroppedSheet { name, why, position: position - 1, visible });
    }
    if dropped.is_empty() {
        return Ok(None);
    }
    let mut patched = Vec::with_capacity(xml.len());
    let mut at = 0;
    for (from, to) in cut {
        patched.extend_from_slice(xml.get(at..from).unwrap_or_default());
        at = to;
    }
    patched.extend_from_slice(xml.get(at..).unwrap_or_default());
    Ok(Some((rebuild(&mut zip, &workbook, &patched)?, dropped)))
}

/// The record types of an xlsb `workbook.bin` the pre-check reads.
const BRT_BUNDLE_SH: u16 = 0x009C;
const BRT_END_BUNDLE_SHS: u16 = 0x0090;

/// One BIFF12 record of an xlsb part: its type, its body's range in the part, and where the
/// record ends; `None` at the end of the part or for a record cut short.
fn xlsb_record(data: &[u8], at: usize) -> Option<(u16, std::ops::Range<usize>, usize)> {
    let mut pos = at;
    let mut next = || {
        let b = *data.get(pos)?;
        pos += 1;
        Some(b)
    };
    // The type: one or two bytes of 7 bits (as calamine reads it).
    let b = next()?;
    let typ = if b & 0x80 != 0 { u16::from(b & 0x7F) | (u16::from(next()? & 0x7F) << 7) } else { u16::from(b) };
    // The size: up to four bytes of 7 bits.
    let mut len = 0usize;
    for i in 0..4 {
        let b = next()?;
        len |= usize::from(b & 0x7F) << (7 * i);
        if b & 0x80 == 0 {
            break;
        }
    }
    let end = pos.checked_add(len)?;
    (end <= data.len()).then_some((typ, pos..end, end))
}

/// A UTF-16LE string of a record body (a `u32` count of characters, then the characters) at
/// `at`; its text and the offset past it.
fn xlsb_wide_str(body: &[u8], at: usize) -> Option<(String, usize)> {
    let count = u32::from_le_bytes(body.get(at..at.checked_add(4)?)?.try_into().ok()?);
    if count == u32::MAX {
        return Some((String::new(), at + 4));
    }
    let end = (at + 4).checked_add(usize::try_from(count).ok()?.checked_mul(2)?)?;
    let units = body.get(at + 4..end)?.chunks_exact(2).map(|c| match c {
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let units: Vec<u16> = units.collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// The xlsb counterpart of [`drop_unreadable_sheets`]: the sheets of `xl/workbook.bin` that
/// calamine would refuse the whole workbook over (a relationship id missing from
/// `xl/_rels/workbook.bin.rels`, where calamine panics; a part that is not a worksheet,
/// chartsheet or dialogsheet, such as an Excel 4.0 macro sheet; an unknown visibility) are cut
/// out of a copy of the package (each a `BrtBundleSh` record, removed whole), and named.
/// `Ok(None)`: nothing to drop, or a part this check cannot follow (left to calamine).
///
/// # Errors
/// `corrupt_file` for a broken container (already checked by [`check_zip`]).
pub(crate) fn drop_unreadable_xlsb_sheets(bytes: &[u8]) -> Result<Option<(Vec<u8>, Vec<DroppedSheet>)>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("xlsb", &e))?;
    let Some(workbook) = small_entry(&mut zip, "xl/workbook.bin") else { return Ok(None) };
    let rels = small_entry(&mut zip, "xl/_rels/workbook.bin.rels").map(|r| relationships(&r)).unwrap_or_default();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut dropped = Vec::new();
    let (mut at, mut position) = (0usize, 0usize);
    while let Some((typ, body, end)) = xlsb_record(&workbook, at) {
        if typ == BRT_END_BUNDLE_SHS {
            break;
        }
        if typ == BRT_BUNDLE_SH {
            let Some(body) = workbook.get(body) else { return Ok(None) };
            let Some(state) = body.get(..4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes) else {
                return Ok(None);
            };
            // A null relationship id (count 0xFFFFFFFF): calamine skips the sheet.
            let null_id = body.get(8..12) == Some(&[0xFF; 4][..]);
            let Some((id, after)) = xlsb_wide_str(body, 8) else { return Ok(None) };
            let name = xlsb_wide_str(body, after).map(|(n, _)| n).unwrap_or_default();
            let rel = rels.iter().find(|r| r.id == id);
            let why = match rel {
                _ if null_id => None,
                None => Some("the workbook lists it without its part (a dangling relationship id)".to_owned()),
                Some(r) => match r.target.split('/').next().unwrap_or_default() {
                    "worksheets" | "chartsheets" | "dialogsheets" if state <= 2 => None,
                    "worksheets" | "chartsheets" | "dialogsheets" => Some(format!("its visibility {state} is unknown")),
                    "macrosheets" => Some("it is an Excel 4.0 macro sheet".to_owned()),
                    other => Some(format!("its part is under {}", other.chars().take(40).collect::<String>())),
                },
            };
            if !null_id {
                position += 1;
            }
            if let Some(why) = why {
                cut.push(at..end);
                dropped.push(DroppedSheet { name, why, position: position.saturating_sub(1), visible: state == 0 });
            }
        }
        at = end;
    }
    if dropped.is_empty() {
        return Ok(None);
    }
    let mut patched = Vec::with_capacity(workbook.len());
    let mut from = 0;
    for range in cut {
        patched.extend_from_slice(workbook.get(from..range.start).unwrap_or_default());
        from = range.end;
    }
    patched.extend_from_slice(workbook.get(from..).unwrap_or_default());
    Ok(Some((rebuild(&mut zip, "xl/workbook.bin", &patched)?, dropped)))
}

/// A copy of the package with entry `name` replaced by `data`; every other entry is copied raw.
fn rebuild(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, data: &[u8]) -> Result<Vec<u8>> {
    rebuild_with(zip, &[(name.to_owned(), data.to_vec())])
}

/// A copy of the package with each named entry replaced by its new bytes; every other entry is
/// copied raw.
fn rebuild_with(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, replaced: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    use std::io::Write;
    let broken = |e: &dyn std::fmt::Display| Error::corrupt("xlsx", format!("rebuilding the package: {e}"));
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| zip_error("xlsx", &e))?;
        if let Some((name, data)) = replaced.iter().find(|(name, _)| entry.name_raw() == name.as_bytes()) {
            drop(entry);
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).map_err(|e| broken(&e))?;
            out.write_all(data).map_err(|e| broken(&e))?;
        } else {
            out.raw_copy_file(entry).map_err(|e| broken(&e))?;
        }
    }
    Ok(out.finish().map_err(|e| broken(&e))?.into_inner())
}

/// A copy of an xlsx/xlsm package whose XML parts written in UTF-16 (a byte-order mark, or the
/// NUL pattern of `<?xml` in UTF-16) are transcoded to UTF-8, their declaration saying so, or
/// `None` when every part is UTF-8. Excel reads such parts; calamine's XML reader does not
/// (`Unexpected end of xml`). Parts over [`MAX_WORKBOOK_PART`] are left as they are.
///
/// # Errors
/// `corrupt_file` for a broken container (already checked by [`check_zip`]).
pub(crate) fn utf8_xml_parts(bytes: &[u8]) -> Result<Option<Vec<u8>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error("xlsx", &e))?;
    let names: Vec<String> = zip
        .file_names_raw()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            n.ends_with(".xml") || n.ends_with(".rels")
        })
        .collect();
    let mut replaced = Vec::new();
    for name in names {
        let head = {
            let Ok(entry) = zip.by_name(&name) else { continue };
            let mut head = Vec::with_capacity(4);
            if entry.take(4).read_to_end(&mut head).is_err() {
                continue;
            }
            head
        };
        let encoding = match head.as_slice() {
            [0xFE, 0xFF, ..] | [0, b'<', 0, b'?'] => encoding_rs::UTF_16BE,
            [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0] => encoding_rs::UTF_16LE,
            _ => continue,
        };
        let Some(data) = small_entry(&mut zip, &name) else { continue };
        let (text, _, malformed) = encoding.decode(&data);
        if malformed {
            return Err(Error::corrupt("xlsx", format!("entry {name}: not valid UTF-16")));
        }
        let text = text.replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1).replacen(
            "encoding='UTF-16'",
            "encoding='UTF-8'",
            1,
        );
        replaced.push((name, text.into_bytes()));
    }
    if replaced.is_empty() {
        return Ok(None);
    }
    Ok(Some(rebuild_with(&mut zip, &replaced)?))
}

/// The whole of a small entry (at most [`MAX_WORKBOOK_PART`] bytes), found by exact name or
/// up to case; `None` when absent, larger or unreadable.
fn small_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let index = zip
        .index_for_name(name)
        .or_else(|| zip.file_names_raw().position(|n| n.eq_ignore_ascii_case(name.as_bytes())))?;
    let entry = zip.by_index(index).ok()?;
    if entry.size() > MAX_WORKBOOK_PART {
        return None;
    }
    let mut out = Vec::new();
    entry.take(MAX_WORKBOOK_PART).read_to_end(&mut out).ok()?;
    Some(out)
}

/// An attribute's value, entities resolved (empty when malformed).
fn attr_value(a: &quick_xml::events::attributes::Attribute<'_>) -> String {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default()
}

/// One `Relationship` of a `.rels` part.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn relationships(xml: &[u8]) -> Vec<Relationship> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return out,
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let mut rel = Relationship { id: String::new(), kind: String::new(), target: String::new() };
                for a in e.attributes().flatten() {
                    let value = attr_value(&a);
                    match a.key.local_name().as_ref() {
                        "Id" => rel.id = value,
                        "Type" => rel.kind = value,
                        "Target" => rel.target = value,
                        _ => {}
                    }
                }
                out.push(rel);
            }
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prolog(data: &[u8]) -> Prolog {
        let mut p = Prolog::default();
        // Byte by byte, as if the chunks were split anywhere.
        for b in data.chunks(1) {
            p.feed(b);
        }
        p
    }

    #[test]
    fn prolog_finds_doctype_after_declaration_and_comments() {
        assert!(
            prolog(b"<?xml version=\"1.0\"?>\n<!-- a -- comment --><!DOCTYPE sst [<!ENTITY a \"b\">]><sst/>").doctype
        );
        assert!(prolog(b"\xEF\xBB\xBF<!doctype x>").doctype);
        let utf16: Vec<u8> = "<?xml version=\"1.0\"?><!DOCTYPE x>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(prolog(&utf16).doctype);
        let p = prolog(
            b"<?xml version=\"1.0\"?>\r\n<sst xmlns=\"x\" count=\"3\" uniqueCount=\"2\"><si><t>&lt;!DOCTYPE</t></si>",
        );
        assert!(!p.doctype);
        assert_eq!(attr_number(&p.root, b"uniqueCount"), Some(2));
        assert!(!prolog(b"<![CDATA[x]]>").doctype);
    }

    #[test]
    fn unique_count_is_bounded_by_part_size() {
        assert!(check_unique_count(b"sst uniqueCount=\"2305843009213693952\"", 200, "xlsx").is_err());
        assert!(check_unique_count(b"sst uniqueCount = '40'", 200, "xlsx").is_ok());
        assert!(check_unique_count(b"sst count=\"99999\"", 200, "xlsx").is_ok());
        assert_eq!(attr_number(b"sst uniqueCount=\"99999999999999999999999\"", b"uniqueCount"), Some(u64::MAX));
    }

    #[test]
    fn blank_labels_and_shared_strings() {
        // LABEL, BIFF8: row, column, xf, cch 2, flags (compressed), "  ".
        assert!(label_is_blank(&[0, 0, 0, 0, 15, 0, 2, 0, 0, b' ', b' '], true));
        assert!(!label_is_blank(&[0, 0, 0, 0, 15, 0, 2, 0, 0, b' ', b'x'], true));
        // UTF-16: a no-break space and an ideographic space are blank.
        assert!(label_is_blank(&[0, 0, 0, 0, 15, 0, 2, 0, 1, 0xA0, 0, 0x00, 0x30], true));
        assert!(label_is_blank(&[0, 0, 0, 0, 15, 0, 1, 0, b' '], false));
        // SST: total, unique, then " " (compressed), "Ana" split over a CONTINUE record whose
        // flags byte switches to UTF-16, then a rich string "  " with one formatting run.
        let sst = vec![
            vec![4, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, b' ', 3, 0, 0, b'A'],
            vec![1, b'n', 0, b'a', 0, 2, 0, 0x08, 1, 0, b' ', b' ', 0, 0, 0, 0],
        ];
        assert_eq!(sst_blanks(&sst), [true, false, true]);
        assert_eq!(sst_blanks(&[vec![1, 0, 0, 0, 1, 0, 0, 0, 9]]), Vec::<bool>::new(), "truncated");
    }

    #[test]
    fn area_allowance() {
        assert!(check_area(AREA_FLOOR, 1).is_ok());
        assert_eq!(AREA_FLOOR, 2_097_152, "calamine's Data is 32 bytes");
        assert!(check_area(AREA_FLOOR + 1, 1).is_err());
        assert!(check_area(1_048_576 * 16_384, 20).is_err());
        assert!(check_area(20_000_000, 5_000_000).is_ok());
    }
}

#[cfg(test)]
mod cost {
    //! The guard's cost against calamine's own read, on generated workbooks (run by hand:
    //! `cargo test --release -p cadastro --lib guard_cost -- --ignored --nocapture`).
    use std::time::Instant;

    use super::*;

    fn workbook(rows: u32) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet_with_constant_memory().unwrap();
        for r in 0..rows {
            ws.write_string(r, 0, format!("CLI-{r:07}")).unwrap();
            ws.write_string(r, 1, format!("Cliente número {r} da Silva")).unwrap();
            ws.write_string(r, 2, format!("cliente{r}@example.com.br")).unwrap();
            ws.write_number(r, 3, 5_511_900_000_000.0 + f64::from(r)).unwrap();
            ws.write_string(r, 4, format!("{:03}.{:03}.{:03}-{:02}", r % 1000, r % 997, r % 991, r % 97)).unwrap();
            ws.write_number(r, 5, f64::from(1_000_000 + r % 8_000_000)).unwrap();
            ws.write_string(r, 6, "Avenida Paulista").unwrap();
            ws.write_number(r, 7, f64::from(r % 5000)).unwrap();
            ws.write_string(r, 8, "São Paulo").unwrap();
            ws.write_string(r, 9, "SP").unwrap();
        }
        wb.save_to_buffer().unwrap()
    }

    #[test]
    #[ignore = "a measurement, run by hand in release"]
    fn guard_cost() {
        for rows in [10_000u32, 100_000, 1_000_000] {
            let bytes = workbook(rows);
            let t = Instant::now();
            check_zip(&bytes, Format::Xlsx, &Limits::default()).unwrap();
            let guard = t.elapsed();
            let t = Instant::now();
            let grid = super::super::excel::read_grid(&bytes, Format::Xlsx, &Default::default()).unwrap();
            let total = t.elapsed();
            eprintln!(
                "{rows:>9} rows, {:>6.1} MB xlsx: guard {guard:>10.2?}, read_grid (guard included) {total:>10.2?}, guard share {:.0}%",
                bytes.len() as f64 / 1e6,
                100.0 * guard.as_secs_f64() / total.as_secs_f64()
            );
            assert_eq!(grid.rows.len() as u32, rows);
        }
    }
}
