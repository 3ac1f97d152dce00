//! Guards that run before calamine sees a workbook, driven by [`Limits`].
//!
//! calamine trusts its input: it reserves what a `uniqueCount` or a BIFF DIMENSIONS record claims
//! and allocates the bounding box of a sheet's cells. These checks make a hostile file fail with
//! `limit_exceeded` or `corrupt_file` first, in time and memory proportional to the file:
//!
//! - zip containers (xlsx, xlsm, xlsb, ods): the number of entries; each entry's declared size,
//!   the declared total and the declared compression ratio; then every entry is *inflated* as a
//!   stream (64 KiB buffer, nothing kept) against the same limits, so a central directory that
//!   lies is caught at the first byte past its claim, and a bad CRC is `corrupt_file`. Each XML
//!   part's prolog is scanned for `<!DOCTYPE` / `<!ENTITY`; `sharedStrings.xml` may not claim more
//!   strings than its bytes can hold; the sheets of an ods `content.xml` are measured (below).
//! - xls: the BIFF records of the `Workbook` stream are walked (no cell is decoded) to measure
//!   every sheet's declared DIMENSIONS and the bounding box of its cells.
//!
//! A sheet's *area* (rows x columns of the box calamine allocates for xls and ods) may be at most
//! `max(262_144, 8 x the cells actually stored)`: a dense sheet always passes, a single stray cell
//! at the far corner never allocates more than ~25 MB. For an xls DIMENSIONS record (which calamine
//! reserves up front) formatted blank cells count as stored too. xlsx and xlsb sheets are streamed cell by
//! cell and never allocate their area.

use std::io::{self, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::format::{CFB_MAGIC, zip_error};
use super::{Format, Limits};
use crate::error::{Error, LimitKind, Result};

/// Areas up to this many cells are always allowed (about 25 MB of calamine cells).
pub(crate) const AREA_FLOOR: u64 = 1 << 18;
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
        drained.map_err(|e| Error::corrupt(fmt, format!("entry {name}: {e}")))?;
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
                let has_content = matches!(event, Event::Start(_)) || has_attr(e, "office:value-type");
                if let Some(t) = table.as_mut() {
                    let start = col.min(ODS_MAX_COLUMNS);
                    let span = col.saturating_add(cols).min(ODS_MAX_COLUMNS) - start;
                    if has_content && span > 0 {
                        t.add(t.row, row_repeats, start, span);
                        t.stored = t.stored.saturating_add(1);
                    }
                }
                col = col.saturating_add(cols);
                if let Event::Start(e) = &event {
                    let end = e.to_end().into_owned();
                    skip.clear();
                    reader.read_to_end_into(end.name(), &mut skip).map_err(io::Error::other)?;
                }
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

/// Checks an xls (BIFF in a CFB container) before calamine opens it: every sheet's declared
/// DIMENSIONS and the bounding box of its cells stay within the sheet-area allowance.
///
/// # Errors
/// `limit_exceeded` (sheet_area) or `corrupt_file`.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<()> {
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
        match typ {
            0x0809 => {
                depth = depth.saturating_add(1);
                if depth == 1 {
                    sheet = XlsSheet::default();
                }
            }
            0x000A => {
                if depth == 1 {
                    sheet.check()?;
                }
                depth = depth.saturating_sub(1);
            }
            0x0200 => {
                let dims = match body.len() {
                    10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                    14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
                    _ => (None, None, None, None),
                };
                if let (Some(rf), Some(rl), Some(cf), Some(cl)) = dims {
                    sheet.declared = sheet.declared.max(calamine_declared_area(rf, rl, cf, cl));
                }
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    sheet.add(r, c, c);
                }
            }
            // MulRk: row, first column, ..., last column.
            0x00BD => {
                if let (Some(r), Some(c0), Some(c1)) =
                    (u16_at(0), u16_at(2), body.len().checked_sub(2).and_then(u16_at))
                {
                    sheet.add(r, c0.min(c1), c0.max(c1));
                }
            }
            // Blank and MulBlank (formatted empty cells): calamine skips them, but DIMENSIONS
            // covers them, so they count towards the declared area's allowance.
            0x0201 => sheet.blanks = sheet.blanks.saturating_add(1),
            0x00BE => {
                if let (Some(c0), Some(c1)) = (u16_at(2), body.len().checked_sub(2).and_then(u16_at)) {
                    sheet.blanks = sheet.blanks.saturating_add(c1.abs_diff(c0) + 1);
                }
            }
            _ => {}
        }
    }
    sheet.check()
}

/// The number of cells calamine reserves for a DIMENSIONS record (it computes in `u32`, so the
/// wrapping arithmetic is reproduced).
fn calamine_declared_area(rf: u64, rl: u64, cf: u64, cl: u64) -> u64 {
    let (rf, rl, cl) = (rf as u32, rl as u32, cl as u32);
    let mut cf = cf as u32;
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

#[derive(Debug, Default)]
struct XlsSheet {
    declared: u64,
    stored: u64,
    blanks: u64,
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
        check_area(area, self.stored)?;
        check_area(self.declared, self.stored.saturating_add(self.blanks))
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
    fn calamine_dimension_arithmetic() {
        assert_eq!(calamine_declared_area(0, 10, 0, 3), 30);
        // rwMac below rwMic wraps in calamine: a huge reservation.
        assert!(calamine_declared_area(5, 1, 0, 1) > u64::from(u32::MAX) / 2);
        assert_eq!(calamine_declared_area(0, 0, 0, 0), 1);
    }

    #[test]
    fn xls_declared_area_counts_formatted_blanks() {
        let mut sheet = XlsSheet { declared: 600_000, ..XlsSheet::default() };
        sheet.add(0, 0, 9);
        assert!(sheet.check().is_err(), "600,000 declared cells for 10 values");
        sheet.blanks = 599_990;
        assert!(sheet.check().is_ok(), "the blanks are in the file: the reservation is proportional to it");
    }

    #[test]
    fn area_allowance() {
        assert!(check_area(AREA_FLOOR, 1).is_ok());
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
