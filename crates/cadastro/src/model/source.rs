//! What was read: the formats and text encodings, the report's `source` object, the rows and
//! tables a reader hands over, and spreadsheet column letters. Plain data, shared by the readers,
//! the checks, the reports and the writers.

use serde::{Deserialize, Serialize};

use super::{Cell, Issue};

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
    pub country_inferred: Option<CountryInferred>,
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
    /// use cadastro::NoBase;
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
/// assert_eq!(cadastro::column_letter(0), "A");
/// assert_eq!(cadastro::column_letter(27), "AB");
/// assert_eq!(cadastro::column_letter(16383), "XFD");
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

/// The inferred default country and what it rests on (`source.country_inferred`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryInferred {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The kinds of evidence that voted for it, in this order: `tax_id`, `phone`,
    /// `postal_code`, `country`, `header_language`.
    pub evidence: Vec<String>,
}
