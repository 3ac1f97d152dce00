//! Reading: bytes in, a [`Table`] of [`Cell`]s out.
//!
//! The format is detected from the bytes, never from the file name. Delimited text has its
//! encoding and delimiter sniffed; workbooks go through calamine with every cell's kind kept.
//! The header row is found below title rows, blank rows are skipped and counted, and every row
//! keeps the number a spreadsheet shows (and, for delimited text, the physical line where the
//! record starts).
//!
//! ```
//! use cadastro::read::Source;
//! let table = Source::from_bytes(b"Nome;CPF\nAna;529.982.247-25\n".to_vec())
//!     .open(&cadastro::ReadOptions::default())?;
//! assert_eq!(table.headers, ["Nome", "CPF"]);
//! assert_eq!(table.source.delimiter, Some(';'));
//! assert_eq!(table.rows[0].row, 2);
//! # Ok::<(), cadastro::Error>(())
//! ```

mod archive;
pub(crate) mod csv;
pub(crate) mod dialect;
pub(crate) mod encoding;
pub(crate) mod excel;
pub(crate) mod format;
pub(crate) mod header;
mod options;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::Cell;
use crate::report::Issue;

pub use header::HeaderCandidate;
pub use options::{Limits, ReadOptions};
/// A file format cadastro reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// Delimited text (CSV, TSV, `;`, `|`).
    Csv,
    /// Office Open XML workbook.
    Xlsx,
    /// Office Open XML workbook with macros.
    Xlsm,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97-2003 (BIFF8).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

impl Format {
    /// The contract's name (`"csv"`, `"xlsx"`...).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// The text encoding of delimited text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel writes as "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16 little endian (Excel's "Unicode text").
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16 big endian.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-1252 (Excel's "CSV" on a Western Windows), also read for ISO-8859-1.
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// Windows-1250 (Excel's "CSV" on a Polish or other Central European Windows).
    #[serde(rename = "windows-1250")]
    Windows1250,
    /// Windows-1251 (Cyrillic: Excel's "CSV" on a Russian, Ukrainian or Bulgarian Windows).
    #[serde(rename = "windows-1251", alias = "cp1251")]
    Windows1251,
    /// ISO-8859-2 (Latin-2, Central European text from older Unix systems).
    #[serde(rename = "iso-8859-2", alias = "latin2")]
    Iso8859_2,
    /// ISO-8859-15 (Latin-9: ISO-8859-1 with the euro sign).
    #[serde(rename = "iso-8859-15", alias = "latin9")]
    Iso8859_15,
    /// Shift_JIS (Japanese Windows).
    #[serde(rename = "shift_jis", alias = "shift-jis", alias = "sjis")]
    ShiftJis,
    /// GB18030 (Chinese, a superset of GBK and GB2312).
    #[serde(rename = "gb18030", alias = "gbk", alias = "gb2312")]
    Gb18030,
    /// Big5 (traditional Chinese).
    #[serde(rename = "big5")]
    Big5,
    /// EUC-KR (Korean).
    #[serde(rename = "euc-kr")]
    EucKr,
    /// Mac OS Roman (old Mac Excel's "CSV").
    #[serde(rename = "x-mac-roman", alias = "macintosh", alias = "mac-roman")]
    MacRoman,
}

impl TextEncoding {
    /// The contract's name (`"utf-8"`, `"windows-1252"`...).
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
            TextEncoding::Windows1250 => "windows-1250",
            TextEncoding::Windows1251 => "windows-1251",
            TextEncoding::Iso8859_2 => "iso-8859-2",
            TextEncoding::Iso8859_15 => "iso-8859-15",
            TextEncoding::ShiftJis => "shift_jis",
            TextEncoding::Gb18030 => "gb18030",
            TextEncoding::Big5 => "big5",
            TextEncoding::EucKr => "euc-kr",
            TextEncoding::MacRoman => "x-mac-roman",
        }
    }

    /// Every encoding, in the order of [`TextEncoding::as_str`]'s documentation.
    pub const ALL: &'static [TextEncoding] = &[
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
        TextEncoding::Windows1252,
        TextEncoding::Windows1250,
        TextEncoding::Windows1251,
        TextEncoding::Iso8859_2,
        TextEncoding::Iso8859_15,
        TextEncoding::ShiftJis,
        TextEncoding::Gb18030,
        TextEncoding::Big5,
        TextEncoding::EucKr,
        TextEncoding::MacRoman,
    ];

    /// Parses a contract name (`"utf-8"`, `"windows-1251"`, `"shift_jis"`...) or a common alias
    /// (`cp1251`, `latin2`, `sjis`, `gbk`, `macintosh`), case-insensitively.
    ///
    /// ```
    /// use cadastro::TextEncoding;
    /// assert_eq!(TextEncoding::parse("Shift-JIS"), Some(TextEncoding::ShiftJis));
    /// assert_eq!(TextEncoding::parse("ebcdic"), None);
    /// ```
    pub fn parse(name: &str) -> Option<TextEncoding> {
        let lower = name.trim().to_ascii_lowercase();
        if let Some(e) = TextEncoding::ALL.iter().copied().find(|e| e.as_str() == lower) {
            return Some(e);
        }
        serde_json::from_value(serde_json::Value::String(lower)).ok()
    }
}

/// What was read, as the report's `source` object shows it (CONTRACT section 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// The detected format.
    pub format: Format,
    /// Delimited text: the detected or given encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<TextEncoding>,
    /// Delimited text: the detected or given delimiter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Workbooks: the sheet read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The 1-based row of the header; `None` (JSON `null`) for a table without a header row,
    /// whose columns are named by their letters.
    pub header_row: Option<u32>,
    /// Delimited text: how sure the encoding is, 0..1 (1 for a BOM, valid UTF-8 or a request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding_confidence: Option<f64>,
    /// The non-blank rows above the header, each with why it was not read as data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_rows: Vec<SkippedRow>,
    /// The default country inferred from the file's evidence, when neither the profile nor the
    /// host set one and the evidence points to one country (CONTRACT section 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_inferred: Option<crate::validate::infer::CountryInferred>,
}

impl SourceInfo {
    /// The row unmapped-column warnings point at: the header row, or 0 for a headerless table.
    pub fn header_row_number(&self) -> u32 {
        self.header_row.unwrap_or(0)
    }
}

/// A non-blank row above the header (CONTRACT section 8, `source.skipped_rows`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// The row number a spreadsheet shows.
    pub row: u32,
    /// Why it is not data: `title` (a title, a note, a preamble) or `data` (it looks like a data
    /// row; the report warns `skipped_above_header`).
    pub reason: SkipReason,
}

/// Why a row above the header was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// A title, note or preamble line: narrower than the table or without data-like cells.
    Title,
    /// A row that looks like data (as wide as the table, values like the rows below).
    Data,
}

/// A sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetInfo {
    /// The sheet's name.
    pub name: String,
    /// False for hidden and very hidden sheets.
    pub visible: bool,
}

/// One non-blank row of data.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row number a spreadsheet shows (1-based; CSV: the record number, blank lines counted).
    pub row: u32,
    /// Delimited text: the physical line (1-based) where the record starts.
    pub line: Option<u64>,
    /// The cells, by column index. May be shorter than the header (missing cells are empty).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell at `index`, or [`Cell::Empty`] past the end.
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }
}

/// A read table: the header and the data rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What was read.
    pub source: SourceInfo,
    /// Workbooks: every sheet (empty for delimited text).
    pub sheets: Vec<SheetInfo>,
    /// The header texts, one per column (an empty string for a column without header).
    pub headers: Vec<String>,
    /// The non-blank rows below the header.
    pub rows: Vec<Row>,
    /// How many blank rows were skipped below the header.
    pub blank_rows: u32,
    /// Structural problems found while reading (`ragged_row`), without messages yet.
    pub issues: Vec<Issue>,
}

impl Table {
    /// A table from text a host already holds in memory (rows of a web form's grid, an API
    /// payload): `headers` is row 1, the rows are rows 2, 3... of a CSV-like source; empty or
    /// whitespace-only texts are empty cells. Validate it with
    /// [`Importer::validate_table`](crate::Importer::validate_table).
    ///
    /// ```
    /// use cadastro::{Table, Importer, ImportOptions};
    /// use cadastro::validate::engine::NoBase;
    /// let table = Table::from_text_rows(&["Name", "Email"], &[["Ana", "ana@example.com"], ["", "x"]]);
    /// let report = Importer::new(ImportOptions::default())?.validate_table(&table, &NoBase)?;
    /// assert_eq!(report.stats.customers_valid, 1);
    /// assert_eq!(report.issues[0].row, 3);
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    pub fn from_text_rows<H, R, C>(headers: &[H], rows: &[R]) -> Table
    where
        H: AsRef<str>,
        R: AsRef<[C]>,
        C: AsRef<str>,
    {
        let rows = rows
            .iter()
            .zip(2u32..)
            .map(|(cells, row)| Row {
                row,
                line: None,
                cells: cells
                    .as_ref()
                    .iter()
                    .map(|c| {
                        let text = c.as_ref();
                        if text.trim().is_empty() { Cell::Empty } else { Cell::Text(text.to_owned()) }
                    })
                    .collect(),
            })
            .collect();
        Table {
            source: SourceInfo {
                format: Format::Csv,
                encoding: None,
                delimiter: None,
                sheet: None,
                header_row: Some(1),
                encoding_confidence: None,
                skipped_rows: Vec::new(),
                country_inferred: None,
            },
            sheets: Vec::new(),
            headers: headers.iter().map(|h| h.as_ref().to_owned()).collect(),
            rows,
            blank_rows: 0,
            issues: Vec::new(),
        }
    }
}

/// The spreadsheet letter of a 0-based column index: 0 is `A`, 25 `Z`, 26 `AA`.
///
/// ```
/// assert_eq!(cadastro::read::column_letter(0), "A");
/// assert_eq!(cadastro::read::column_letter(27), "AB");
/// assert_eq!(cadastro::read::column_letter(16383), "XFD");
/// ```
pub fn column_letter(index: usize) -> String {
    // Saturating: `usize::MAX` (never a real column) must not overflow in a public function.
    let mut n = index.saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // `rem` < 26, so the cast is exact.
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based index of a column letter (`"A"` is 0); `None` if it is not letters only.
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: usize = 0;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        n = n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    Some(n - 1)
}

/// Where the bytes come from: a path or an in-memory buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    Path(PathBuf),
    /// Bytes already in memory (an upload).
    Bytes(Vec<u8>),
}

impl Source {
    /// A source reading the file at `path`.
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        Source::Path(path.into())
    }

    /// A source reading from memory.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Source::Bytes(bytes.into())
    }

    /// Loads the bytes, enforcing [`Limits::max_file_bytes`] before reading a file.
    ///
    /// # Errors
    /// `io` when the file cannot be read, `limit_exceeded` when it is too large.
    pub fn load(&self, limits: &Limits) -> Result<std::borrow::Cow<'_, [u8]>> {
        match self {
            Source::Bytes(b) => {
                check_size(b.len() as u64, limits)?;
                Ok(std::borrow::Cow::Borrowed(b))
            }
            Source::Path(p) => {
                let (file, len) = open_regular(p)?;
                check_size(len, limits)?;
                // The size the file system reports is not the size read: a file that grows, or a
                // /proc file that reports 0, is read with the limit enforced while reading.
                let cap = limits.max_file_bytes.saturating_add(1);
                let mut bytes = Vec::with_capacity(usize::try_from(len.min(cap)).unwrap_or(0));
                file.take(cap).read_to_end(&mut bytes).map_err(|e| Error::io_at(p, e))?;
                check_size(bytes.len() as u64, limits)?;
                Ok(std::borrow::Cow::Owned(bytes))
            }
        }
    }

    /// Reads the source into a [`Table`].
    ///
    /// # Errors
    /// A file-level failure: `unsupported_format`, `corrupt_file`, `encrypted_file`,
    /// `empty_file`, `no_header`, `limit_exceeded`, `encoding_error`, `sheet_not_found`, `io`;
    /// `invalid_options` for an unusable delimiter or a header row that is 0, blank or past the end.
    pub fn open(&self, opts: &ReadOptions) -> Result<Table> {
        let bytes = self.load(&opts.limits)?;
        read_bytes(&bytes, opts)
    }

    /// The path, when the source is a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Path(p) => Some(p),
            Source::Bytes(_) => None,
        }
    }
}

/// Opens `path` for reading, refusing a FIFO, a socket or a device such as `/dev/zero` with an
/// `io` error naming it: a FIFO would block the caller until a writer appears, a device reports
/// size 0 and never ends. Symbolic links are followed. Returns the file and its size. Every
/// reader of a path goes through here.
///
/// # Errors
/// `io` when the path cannot be opened or is not a regular file.
pub(crate) fn open_regular(path: &Path) -> Result<(std::fs::File, u64)> {
    // Checked before opening: opening a FIFO for reading blocks until a writer opens it.
    let meta = std::fs::metadata(path).map_err(|e| Error::io_at(path, e))?;
    refuse_special(path, &meta.file_type())?;
    let file = std::fs::File::open(path).map_err(|e| Error::io_at(path, e))?;
    // Checked again on the handle: the path may have been replaced in between.
    let meta = file.metadata().map_err(|e| Error::io_at(path, e))?;
    refuse_special(path, &meta.file_type())?;
    Ok((file, meta.len()))
}

/// A directory passes: reading it fails at once with the system's own error (`EISDIR`, which
/// hosts map to their usual error: Python `IsADirectoryError`).
fn refuse_special(path: &Path, kind: &std::fs::FileType) -> Result<()> {
    if kind.is_file() || kind.is_dir() {
        return Ok(());
    }
    let what = special_kind(kind);
    let source = std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file ({what}); cadastro reads regular files only: save the data to a file first"),
    );
    Err(Error::io_at(path, source))
}

#[cfg(unix)]
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_kind: &std::fs::FileType) -> &'static str {
    "a special file"
}

fn check_size(len: u64, limits: &Limits) -> Result<()> {
    if len > limits.max_file_bytes {
        return Err(Error::limit(crate::error::LimitKind::FileBytes, len, limits.max_file_bytes));
    }
    Ok(())
}

/// Raw rows of one sheet or text file, before header detection (crate-internal).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// The detected format.
    pub format: Format,
    /// Delimited text: the encoding.
    pub encoding: Option<TextEncoding>,
    /// Delimited text: the delimiter.
    pub delimiter: Option<char>,
    /// Workbooks: the sheet read.
    pub sheet: Option<String>,
    /// Workbooks: every sheet.
    pub sheets: Vec<SheetInfo>,
    /// The non-blank rows in order, with their spreadsheet row numbers (and lines for text).
    /// For delimited text `cells.len()` is the record's field count, for ragged-row checks.
    pub rows: Vec<Row>,
    /// Delimited text: what decoding and splitting noticed (workbooks: the default).
    pub notes: TextNotes,
}

/// What reading delimited text noticed, beyond the rows (crate-internal).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TextNotes {
    /// The encoding's confidence (0..1), when it was detected or given.
    pub encoding_confidence: Option<f64>,
    /// Two readings of the bytes were close: the report warns `encoding_doubt`.
    pub encoding_doubt: bool,
    /// Row-level warnings of reading (`invalid_bytes_replaced`, `nul_bytes_removed`), without
    /// messages yet, in row order.
    pub issues: Vec<Issue>,
}

/// Reads bytes already in memory into a [`Table`]: format sniffed, then delimited text decoded
/// and split (encoding and delimiter detected unless given) or the workbook's sheet read, then
/// the header row found and the rows below it kept.
///
/// [`Limits::max_file_bytes`] applies to `bytes` as it does to a file.
///
/// ```
/// use cadastro::{ReadOptions, TextEncoding};
/// // Windows-1252 (Excel "CSV" on a Brazilian Windows), a title row and a blank row above the header.
/// let bytes = b"Clientes - Mar\xe7o 2026;;\r\n;;\r\nNome;Cidade;UF\r\nJo\xe3o;S\xe3o Paulo;SP\r\n";
/// let table = cadastro::read::read_bytes(bytes, &ReadOptions::default())?;
/// assert_eq!(table.source.encoding, Some(TextEncoding::Windows1252));
/// assert_eq!(table.source.header_row, Some(3));
/// assert_eq!(table.headers, ["Nome", "Cidade", "UF"]);
/// assert_eq!(table.rows[0].cell(1).as_text(), "São Paulo");
/// assert_eq!(table.rows[0].row, 4);
/// # Ok::<(), cadastro::Error>(())
/// ```
///
/// # Errors
/// As [`Source::open`].
pub fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<Table> {
    check_size(bytes.len() as u64, &opts.limits)?;
    if bytes.is_empty() {
        return Err(ErrorKind::EmptyFile.into());
    }
    let grid = match format::sniff(bytes)? {
        Format::Csv => csv::read_grid(bytes, opts)?,
        other => excel::read_grid(bytes, other, opts)?,
    };
    header::build_table(grid, opts)
}

/// [`read_bytes`], with the header candidates the search weighed (best first; empty when
/// [`ReadOptions::header_row`] names the header).
pub(crate) fn read_with_candidates(bytes: &[u8], opts: &ReadOptions) -> Result<(Table, Vec<HeaderCandidate>)> {
    check_size(bytes.len() as u64, &opts.limits)?;
    if bytes.is_empty() {
        return Err(ErrorKind::EmptyFile.into());
    }
    let grid = match format::sniff(bytes)? {
        Format::Csv => csv::read_grid(bytes, opts)?,
        other => excel::read_grid(bytes, other, opts)?,
    };
    let candidates = if opts.header_row.is_some() { Vec::new() } else { header::candidates(&grid) };
    Ok((header::build_table(grid, opts)?, candidates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for i in [0, 1, 25, 26, 27, 51, 52, 701, 702, 16383] {
            assert_eq!(column_index(&column_letter(i)), Some(i));
        }
        assert_eq!(column_letter(701), "ZZ");
        assert!(!column_letter(usize::MAX).is_empty());
        assert_eq!(column_letter(702), "AAA");
        assert_eq!(column_index("a1"), None);
    }
}
