//! Export: customers to XLSX or CSV in the column layout of a profile (CONTRACT section 2).
//!
//! The writers take plain [`Customer`]s, so a host can export its own data without the store.
//! What the importer reads back is what was written: export then import is the identity on the
//! fields of the layout.
//!
//! - One line per customer; in a layout with contact columns (upflow, generic) one line per
//!   contact, the customer's data repeated on each, and one line for a customer without contacts.
//! - Lists (`additional_emails`, `account_manager_email`) are joined with `;`; booleans are
//!   written in the profile's language (`Sim`/`Não`, `Oui`/`Non`, `Tak`/`Nie`; `1`/`0` in
//!   English, as the InvoiceOcean and Upflow notes ask); integers as integers.
//! - A column without a field (InvoiceOcean's `No`) gets the 1-based line number.
//! - Custom fields of the profile that the layout does not place are appended after it, headed
//!   by their names.
//! - Formula injection: in CSV every value goes through [`csv_safe`]; in XLSX values are string
//!   cells (integers number cells), never formulas.
//! - XLSX: identifier-like columns (ids, tax ids, postal codes, phones, bank accounts...) carry
//!   the text number format `@`; the header row is bold, frozen and filtered; large exports use
//!   rust_xlsxwriter's constant-memory mode (on by default).
//!
//! ```
//! use cadastro::{Customer, Field, Profile, Value};
//! use cadastro::export::{ExportOptions, export_csv};
//! let mut c = Customer::default();
//! c.set(Field::ExternalId, Value::Text("0042".into()));
//! c.set(Field::Name, Value::Text("=Ana".into()));
//! let mut out = Vec::new();
//! export_csv([&c], &Profile::builtin("asaas")?, &mut out, &ExportOptions::default())?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("\u{feff}Identificador Externo;Nome completo;"));
//! assert!(text.contains("\r\n0042;'=Ana;"));
//! # Ok::<(), cadastro::Error>(())
//! ```

use std::borrow::{Borrow, Cow};
use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet};
use serde::{Deserialize, Serialize};

use super::{csv_safe, xlsx_error};
use crate::error::{Error, ErrorKind, LimitKind, Result};
use crate::model::{Contact, Customer, Field, FieldKind, Value, fold_name};
use crate::profile::{CustomKind, Profile, Target};

/// The file format of an export or a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// An XLSX workbook.
    Xlsx,
    /// Delimited text.
    Csv,
}

impl ExportFormat {
    /// The format for a path's extension (`.xlsx`, or `.csv` / `.txt`).
    ///
    /// ```
    /// use cadastro::export::ExportFormat;
    /// assert_eq!(ExportFormat::from_path("out.XLSX".as_ref())?, ExportFormat::Xlsx);
    /// assert!(ExportFormat::from_path("out.ods".as_ref()).is_err());
    /// # Ok::<(), cadastro::Error>(())
    /// ```
    ///
    /// # Errors
    /// `invalid_options` for another extension.
    pub fn from_path(path: &Path) -> Result<Self> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("xlsx") => Ok(ExportFormat::Xlsx),
            Some("csv") => Ok(ExportFormat::Csv),
            _ => Err(Error::options(format!("the output file must end in .xlsx or .csv: {}", path.display()))),
        }
    }
}

/// The line ending of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEnding {
    /// `\r\n` (default: what Excel writes and RFC 4180 says).
    #[default]
    Crlf,
    /// `\n`.
    Lf,
}

/// How CSV files are written. Plain serde data.
///
/// ```
/// use cadastro::export::{CsvOptions, LineEnding};
/// let o: CsvOptions = serde_json::from_str(r#"{"delimiter": "\t", "bom": false, "line_ending": "lf"}"#)?;
/// assert_eq!(o.delimiter, Some('\t'));
/// assert_eq!(o.line_ending, LineEnding::Lf);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CsvOptions {
    /// The delimiter (an ASCII character). Default: the profile's, see [`default_delimiter`]:
    /// `;` for profiles in Portuguese, French, Polish, German, Spanish or Italian (Excel in
    /// those locales uses `,` as the decimal separator and `;` between fields), `,` otherwise.
    pub delimiter: Option<char>,
    /// Start with a UTF-8 byte-order mark (default true: Excel on Windows needs it to read
    /// UTF-8; the importer skips it).
    pub bom: bool,
    /// The line ending (default CRLF).
    pub line_ending: LineEnding,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { delimiter: None, bom: true, line_ending: LineEnding::Crlf }
    }
}

/// The default CSV delimiter of a profile: `;` when its language writes decimals with a comma
/// (pt, fr, pl, de, es, it), `,` otherwise.
///
/// ```
/// use cadastro::Profile;
/// use cadastro::export::default_delimiter;
/// assert_eq!(default_delimiter(&Profile::builtin("asaas")?), ';');
/// assert_eq!(default_delimiter(&Profile::builtin("upflow")?), ',');
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn default_delimiter(profile: &Profile) -> char {
    let lang = profile.language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if matches!(lang.as_str(), "pt" | "fr" | "pl" | "de" | "es" | "it") { ';' } else { ',' }
}

/// What an export writes. Plain serde data; every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Only the customers of this group (compared case- and whitespace-insensitively);
    /// `None` exports everything.
    pub group: Option<String>,
    /// CSV settings.
    pub csv: CsvOptions,
    /// XLSX: write rows to a temporary file as they come (rust_xlsxwriter's constant-memory
    /// mode), so memory stays flat however many customers are exported. Default true; turn it
    /// off where no temporary directory is writable.
    pub constant_memory: bool,
    /// XLSX: the sheet name (default: "Clientes", "Clients", "Klienci" or "Customers" by the
    /// profile's language).
    pub sheet_name: Option<String>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { group: None, csv: CsvOptions::default(), constant_memory: true, sheet_name: None }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportStats {
    /// Customers written (after the group filter).
    pub customers: u64,
    /// Data lines written (one per contact in contact layouts), the header excluded.
    pub lines: u64,
}

// ---------------------------------------------------------------------------------------------
// The layout.

/// The language of a profile's words (booleans, sheet names, template help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Pt,
    Fr,
    Pl,
}

impl Lang {
    pub(crate) fn of(profile: &Profile) -> Lang {
        match profile.language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase().as_str() {
            "pt" => Lang::Pt,
            "fr" => Lang::Fr,
            "pl" => Lang::Pl,
            _ => Lang::En,
        }
    }

    /// The words for true and false, as the importer reads them back.
    pub(crate) fn bool_words(self) -> (&'static str, &'static str) {
        match self {
            Lang::Pt => ("Sim", "Não"),
            Lang::Fr => ("Oui", "Non"),
            Lang::Pl => ("Tak", "Nie"),
            Lang::En => ("1", "0"),
        }
    }

    pub(crate) fn sheet_name(self) -> &'static str {
        match self {
            Lang::Pt => "Clientes",
            Lang::Fr => "Clients",
            Lang::Pl => "Klienci",
            Lang::En => "Customers",
        }
    }
}

/// Where a column's values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ColumnSource {
    /// The 1-based line number (a layout column without a field).
    Ordinal,
    /// A canonical field.
    Field(Field),
    /// A custom field of the profile.
    Custom(String),
}

/// One column of the written file.
#[derive(Debug, Clone)]
pub(crate) struct LayoutColumn {
    pub header: String,
    pub source: ColumnSource,
    pub required: bool,
    pub note: Option<String>,
}

impl LayoutColumn {
    /// Columns whose values look like numbers but are identifiers: written as text with the
    /// text number format, so no spreadsheet drops a leading zero or turns them into 1.2E+13.
    pub(crate) fn is_id_like(&self, profile: &Profile) -> bool {
        match &self.source {
            ColumnSource::Ordinal => false,
            ColumnSource::Field(f) => is_id_like_field(*f),
            ColumnSource::Custom(n) => {
                profile.custom_field(n).is_some_and(|cf| matches!(cf.kind, CustomKind::Text { .. } | CustomKind::Phone))
            }
        }
    }
}

/// The identifier-like canonical fields (text format in XLSX).
pub(crate) fn is_id_like_field(f: Field) -> bool {
    matches!(f.kind(), FieldKind::Id | FieldKind::TaxId | FieldKind::VatNumber | FieldKind::Compact | FieldKind::Phone)
        || matches!(
            f,
            Field::PostalCode
                | Field::BankAccount
                | Field::ContactReference
                | Field::AddressNumber
                | Field::AccountingCode
                | Field::ParentId
        )
}

/// The columns a profile's files have, in order.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub columns: Vec<LayoutColumn>,
    /// One line per contact.
    pub per_contact: bool,
    pub lang: Lang,
}

impl Layout {
    pub(crate) fn of(profile: &Profile) -> Layout {
        let mut columns: Vec<LayoutColumn> = profile
            .columns
            .iter()
            .map(|c| {
                let source = match &c.field {
                    None => ColumnSource::Ordinal,
                    Some(Target::Field(f)) => ColumnSource::Field(*f),
                    Some(Target::Custom(n)) => ColumnSource::Custom(n.clone()),
                };
                let required = c.field.as_ref().is_some_and(|t| is_required(profile, t));
                LayoutColumn { header: c.header.clone(), source, required, note: c.note.clone() }
            })
            .collect();
        for cf in &profile.custom_fields {
            let target = Target::Custom(cf.name.clone());
            if profile.columns.iter().all(|c| c.field.as_ref() != Some(&target)) {
                columns.push(LayoutColumn {
                    header: cf.name.clone(),
                    source: ColumnSource::Custom(cf.name.clone()),
                    required: is_required(profile, &target),
                    note: None,
                });
            }
        }
        Layout { columns, per_contact: profile.has_contact_columns(), lang: Lang::of(profile) }
    }

    fn headers(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.header.as_str())
    }

    /// The lines of a customer: one per contact in a contact layout, else one.
    fn lines<'c>(&self, customer: &'c Customer) -> Vec<Option<&'c Contact>> {
        if self.per_contact && !customer.contacts.is_empty() {
            customer.contacts.iter().map(Some).collect()
        } else {
            vec![None]
        }
    }

    fn cell<'c>(
        &self,
        col: &LayoutColumn,
        customer: &'c Customer,
        contact: Option<&'c Contact>,
        ordinal: u64,
    ) -> Out<'c> {
        let value = match &col.source {
            ColumnSource::Ordinal => return Out::Int(i64::try_from(ordinal).unwrap_or(i64::MAX)),
            ColumnSource::Field(f) if f.is_contact() => contact.and_then(|c| c.get(*f)),
            ColumnSource::Field(f) => customer.get(*f),
            ColumnSource::Custom(n) => customer.custom.get(n),
        };
        match value {
            None => Out::Empty,
            Some(Value::Text(s)) if s.is_empty() => Out::Empty,
            Some(Value::Text(s)) => Out::Text(Cow::Borrowed(s)),
            Some(Value::Bool(b)) => {
                let (t, f) = self.lang.bool_words();
                Out::Text(Cow::Borrowed(if *b { t } else { f }))
            }
            Some(Value::Int(i)) => Out::Int(*i),
            Some(Value::Number(n)) => Out::Number(*n),
            Some(Value::List(items)) if items.is_empty() => Out::Empty,
            Some(Value::List(items)) => Out::Text(Cow::Owned(items.join(";"))),
        }
    }
}

fn is_required(profile: &Profile, target: &Target) -> bool {
    profile.required.contains(target)
        || matches!(target, Target::Custom(n) if profile.custom_field(n).is_some_and(|cf| cf.required))
}

/// One value as written.
#[derive(Debug, Clone, PartialEq)]
enum Out<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    Number(f64),
}

impl Out<'_> {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Out::Empty => Cow::Borrowed(""),
            Out::Text(s) => Cow::Borrowed(s),
            Out::Int(i) => Cow::Owned(i.to_string()),
            Out::Number(n) => Cow::Owned(crate::model::cell::float_text(*n)),
        }
    }
}

/// Whether a customer passes the group filter.
fn in_group(customer: &Customer, group: Option<&str>) -> bool {
    match group {
        None => true,
        Some(g) => customer.text(Field::Group).is_some_and(|cg| fold_name(cg) == fold_name(g)),
    }
}

/// The header row an export of `profile` has (the layout's headers, then the custom fields the
/// layout does not place).
///
/// ```
/// use cadastro::Profile;
/// let h = cadastro::export::export_headers(&Profile::builtin("invoiceocean")?);
/// assert_eq!(&h[..4], ["No", "ID", "Short name", "Client name"]);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn export_headers(profile: &Profile) -> Vec<String> {
    Layout::of(profile).headers().map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// A streaming CSV export: push customers one at a time (from a store cursor, say), then
/// [`finish`](CsvExporter::finish). Memory does not grow with the number of customers.
///
/// ```
/// use cadastro::{Customer, Field, Profile, Value};
/// use cadastro::export::{CsvExporter, ExportOptions};
/// let profile = Profile::builtin("upflow")?;
/// let mut w = CsvExporter::new(Vec::new(), &profile, &ExportOptions::default())?;
/// let mut c = Customer::default();
/// c.set(Field::Name, Value::Text("ACME".into()));
/// w.push(&c)?;
/// let (bytes, stats) = w.finish()?;
/// assert_eq!(stats.lines, 1);
/// assert!(String::from_utf8(bytes).unwrap().contains("\r\n,ACME,"));
/// # Ok::<(), cadastro::Error>(())
/// ```
pub struct CsvExporter<W: Write> {
    writer: csv::Writer<W>,
    layout: Layout,
    group: Option<String>,
    stats: ExportStats,
    record: Vec<String>,
}

impl<W: Write> CsvExporter<W> {
    /// Starts a CSV export into `out` and writes the header row.
    ///
    /// # Errors
    /// `invalid_options` for a non-ASCII delimiter, `io` when writing fails.
    pub fn new(mut out: W, profile: &Profile, opts: &ExportOptions) -> Result<Self> {
        let delimiter = opts.csv.delimiter.unwrap_or_else(|| default_delimiter(profile));
        let delimiter = u8::try_from(delimiter)
            .ok()
            .filter(|d| d.is_ascii() && !matches!(d, b'"' | b'\r' | b'\n'))
            .ok_or_else(|| Error::options(format!("the CSV delimiter must be one ASCII character: {delimiter:?}")))?;
        if opts.csv.bom {
            out.write_all(b"\xEF\xBB\xBF").map_err(Error::from)?;
        }
        let terminator = match opts.csv.line_ending {
            LineEnding::Crlf => csv::Terminator::CRLF,
            LineEnding::Lf => csv::Terminator::Any(b'\n'),
        };
        let writer = csv::WriterBuilder::new().delimiter(delimiter).terminator(terminator).from_writer(out);
        let layout = Layout::of(profile);
        let mut me = CsvExporter {
            writer,
            layout,
            group: opts.group.clone(),
            stats: ExportStats::default(),
            record: Vec::new(),
        };
        let header: Vec<String> = me.layout.headers().map(|h| csv_safe(h).into_owned()).collect();
        me.writer.write_record(&header).map_err(csv_error)?;
        Ok(me)
    }

    /// Writes one customer (its lines); returns false when the group filter skipped it.
    ///
    /// # Errors
    /// `io` when writing fails.
    pub fn push(&mut self, customer: &Customer) -> Result<bool> {
        if !in_group(customer, self.group.as_deref()) {
            return Ok(false);
        }
        for contact in self.layout.lines(customer) {
            let ordinal = self.stats.lines + 1;
            self.record.clear();
            for col in &self.layout.columns {
                let out = self.layout.cell(col, customer, contact, ordinal);
                self.record.push(csv_safe(&out.text()).into_owned());
            }
            self.writer.write_record(&self.record).map_err(csv_error)?;
            self.stats.lines += 1;
        }
        self.stats.customers += 1;
        Ok(true)
    }

    /// Flushes and returns the writer and what was written.
    ///
    /// # Errors
    /// `io` when flushing fails.
    pub fn finish(self) -> Result<(W, ExportStats)> {
        let stats = self.stats;
        let out = self.writer.into_inner().map_err(|e| Error::from(std::io::Error::other(e.to_string())))?;
        Ok((out, stats))
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::from(std::io::Error::other(format!("{other:?}"))),
    }
}

/// Writes customers as CSV in the layout of `profile` into `out`.
///
/// `customers` is anything iterable over customers, owned or borrowed (a slice's `.iter()`, a
/// `Vec`, a streaming iterator).
///
/// # Errors
/// `invalid_options` for a bad delimiter, `io` when writing fails.
pub fn export_csv<I, W>(customers: I, profile: &Profile, out: W, opts: &ExportOptions) -> Result<ExportStats>
where
    I: IntoIterator,
    I::Item: Borrow<Customer>,
    W: Write,
{
    let mut w = CsvExporter::new(out, profile, opts)?;
    for c in customers {
        w.push(c.borrow())?;
    }
    Ok(w.finish()?.1)
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// The largest 0-based row index of a worksheet.
const XLSX_MAX_ROW: u32 = 1_048_575;

/// How many lines are measured for column widths (the rest are written without measuring).
const WIDTH_SAMPLE: u64 = 2_000;

/// The formats of a written sheet.
pub(crate) struct Formats {
    pub header: Format,
    pub header_required: Format,
    pub text: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin)
            .set_num_format("@");
        let header_required = Format::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(0x1F4E78))
            .set_border_bottom(FormatBorder::Thin)
            .set_num_format("@");
        Formats { header, header_required, text: Format::new().set_num_format("@") }
    }
}

/// A value for an XLSX string cell: a value that starts with an apostrophe before a formula
/// character gets one more, because the importer removes one (CONTRACT section 1).
fn xlsx_text(value: &str) -> Cow<'_, str> {
    if value.starts_with('\'') && value.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

fn col_index(i: usize) -> Result<u16> {
    u16::try_from(i).ok().filter(|&c| c < 16_384).ok_or_else(|| Error::limit(LimitKind::Columns, i as u64, 16_384))
}

/// Sets sensible column widths from the measured character counts (header included).
pub(crate) fn apply_widths(ws: &mut Worksheet, widths: &[usize]) -> Result<()> {
    for (i, w) in widths.iter().enumerate() {
        // Between 8 and 50 characters; a little room for the filter button.
        let width = (*w + 3).clamp(8, 50);
        #[allow(clippy::cast_precision_loss)]
        ws.set_column_width(col_index(i)?, width as f64).map_err(xlsx_error)?;
    }
    Ok(())
}

/// A streaming XLSX export: push customers one at a time, then finish into a writer, a path or
/// a buffer. In constant-memory mode (the default) rows go to a temporary file as they come.
///
/// ```
/// use cadastro::{Customer, Field, Profile, Value};
/// use cadastro::export::{ExportOptions, XlsxExporter};
/// let profile = Profile::builtin("asaas")?;
/// let mut w = XlsxExporter::new(&profile, &ExportOptions::default())?;
/// let mut c = Customer::default();
/// c.set(Field::Name, Value::Text("Ana".into()));
/// w.push(&c)?;
/// let (bytes, stats) = w.finish_to_buffer()?;
/// assert!(bytes.starts_with(b"PK"));
/// assert_eq!(stats.customers, 1);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub struct XlsxExporter {
    workbook: Workbook,
    layout: Layout,
    id_like: Vec<bool>,
    formats: Formats,
    group: Option<String>,
    widths: Vec<usize>,
    next_row: u32,
    stats: ExportStats,
    /// Where rust_xlsxwriter keeps the constant-memory rows (named by a failure to write them).
    tempdir: std::path::PathBuf,
    /// A write to the temporary file failed: the workbook is unusable.
    broken: bool,
}

impl XlsxExporter {
    /// Starts an XLSX export and writes the header row.
    ///
    /// # Errors
    /// `io` (naming the directory) when constant-memory mode finds no writable temporary
    /// directory; `write_error` when the workbook cannot be set up (a bad sheet name), `limit_exceeded` for more than 16,384 columns.
    pub fn new(profile: &Profile, opts: &ExportOptions) -> Result<Self> {
        let layout = Layout::of(profile);
        let mut workbook = Workbook::new();
        let formats = Formats::new();
        let id_like: Vec<bool> = layout.columns.iter().map(|c| c.is_id_like(profile)).collect();
        {
            let ws = if opts.constant_memory {
                workbook.add_worksheet_with_constant_memory().map_err(xlsx_error)?
            } else {
                workbook.add_worksheet()
            };
            let name = opts.sheet_name.as_deref().unwrap_or(layout.lang.sheet_name());
            ws.set_name(name).map_err(xlsx_error)?;
            for (i, col) in layout.columns.iter().enumerate() {
                let c = col_index(i)?;
                let fmt = if col.required { &formats.header_required } else { &formats.header };
                ws.write_string_with_format(0, c, &col.header, fmt).map_err(xlsx_error)?;
                if id_like.get(i).copied().unwrap_or(false) {
                    ws.set_column_format(c, &formats.text).map_err(xlsx_error)?;
                }
            }
            ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        }
        let widths = layout.columns.iter().map(|c| c.header.chars().count()).collect();
        Ok(XlsxExporter {
            workbook,
            layout,
            id_like,
            formats,
            group: opts.group.clone(),
            widths,
            next_row: 1,
            stats: ExportStats::default(),
            tempdir: std::env::temp_dir(),
            broken: false,
        })
    }

    /// Runs `f` on the exporter under [`super::guard_xlsx`]: a failed write of the temporary
    /// file is an `io` error, and every later call fails the same way.
    fn guarded<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let tempdir = self.tempdir.clone();
        let broken_error = || {
            Error::io_at(&tempdir, std::io::Error::other("the XLSX export already failed to write its temporary data"))
        };
        if self.broken {
            return Err(broken_error());
        }
        let result = super::guard_xlsx(&tempdir, || f(self));
        if result.as_ref().is_err_and(Error::is_io) {
            self.broken = true;
        }
        result
    }

    /// Writes one customer (its lines); returns false when the group filter skipped it.
    ///
    /// # Errors
    /// `limit_exceeded` past 1,048,575 data lines (the sheet's last row: split the export by
    /// group or use CSV), `write_error` for a value Excel cannot hold (more than 32,767
    /// characters).
    pub fn push(&mut self, customer: &Customer) -> Result<bool> {
        self.guarded(|w| w.push_unguarded(customer))
    }

    fn push_unguarded(&mut self, customer: &Customer) -> Result<bool> {
        if !in_group(customer, self.group.as_deref()) {
            return Ok(false);
        }
        let lines = self.layout.lines(customer);
        let needed = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        let last = self.next_row.saturating_add(needed).saturating_sub(1);
        if last > XLSX_MAX_ROW {
            return Err(Error::limit(LimitKind::Rows, u64::from(last), u64::from(XLSX_MAX_ROW)));
        }
        let ws = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        for contact in lines {
            let row = self.next_row;
            let ordinal = self.stats.lines + 1;
            let measure = self.stats.lines < WIDTH_SAMPLE;
            for (i, col) in self.layout.columns.iter().enumerate() {
                let c = col_index(i)?;
                let out = self.layout.cell(col, customer, contact, ordinal);
                let id_like = self.id_like.get(i).copied().unwrap_or(false);
                match &out {
                    Out::Empty => {}
                    Out::Text(s) => {
                        let s = xlsx_text(s);
                        if id_like {
                            ws.write_string_with_format(row, c, s.as_ref(), &self.formats.text)
                        } else {
                            ws.write_string(row, c, s.as_ref())
                        }
                        .map_err(xlsx_error)?;
                    }
                    // Integers exact as a double are numbers; larger ones stay text.
                    Out::Int(n) if n.unsigned_abs() < (1 << 53) && !id_like => {
                        #[allow(clippy::cast_precision_loss)]
                        ws.write_number(row, c, *n as f64).map_err(xlsx_error)?;
                    }
                    Out::Number(n) if n.is_finite() && !id_like => {
                        ws.write_number(row, c, *n).map_err(xlsx_error)?;
                    }
                    Out::Int(_) | Out::Number(_) => {
                        ws.write_string_with_format(row, c, out.text().as_ref(), &self.formats.text)
                            .map_err(xlsx_error)?;
                    }
                }
                if measure && let Some(w) = self.widths.get_mut(i) {
                    *w = (*w).max(out.text().chars().count());
                }
            }
            self.next_row += 1;
            self.stats.lines += 1;
        }
        self.stats.customers += 1;
        Ok(true)
    }

    fn close(&mut self) -> Result<()> {
        let last_col = col_index(self.layout.columns.len().saturating_sub(1))?;
        let last_row = self.next_row.saturating_sub(1).max(1);
        let ws = self.workbook.worksheet_from_index(0).map_err(xlsx_error)?;
        ws.autofilter(0, 0, last_row, last_col).map_err(xlsx_error)?;
        apply_widths(ws, &self.widths)
    }

    /// Completes the workbook and writes it to `out`.
    ///
    /// # Errors
    /// `write_error` when the workbook cannot be assembled or written.
    pub fn finish<W: Write + Send>(mut self, out: W) -> Result<ExportStats> {
        self.guarded(|w| {
            w.close()?;
            w.workbook.save_to_writer(out).map_err(xlsx_error)
        })?;
        Ok(self.stats)
    }

    /// Completes the workbook into memory.
    ///
    /// # Errors
    /// `write_error` when the workbook cannot be assembled.
    pub fn finish_to_buffer(mut self) -> Result<(Vec<u8>, ExportStats)> {
        let bytes = self.guarded(|w| {
            w.close()?;
            w.workbook.save_to_buffer().map_err(xlsx_error)
        })?;
        Ok((bytes, self.stats))
    }
}

/// Writes customers as an XLSX workbook in the layout of `profile` into `out`.
///
/// `customers` is anything iterable over customers, owned or borrowed.
///
/// # Errors
/// As [`XlsxExporter::new`], [`XlsxExporter::push`] and [`XlsxExporter::finish`].
pub fn export_xlsx<I, W>(customers: I, profile: &Profile, out: W, opts: &ExportOptions) -> Result<ExportStats>
where
    I: IntoIterator,
    I::Item: Borrow<Customer>,
    W: Write + Send,
{
    let mut w = XlsxExporter::new(profile, opts)?;
    for c in customers {
        w.push(c.borrow())?;
    }
    w.finish(out)
}

/// `profile` plus every custom field the customers carry that it does not have, as an optional
/// text custom field appended after its layout (headed by the field's name), so that an export
/// in another profile (customers imported with asaas's `empresa`, exported as upflow) keeps
/// those values instead of dropping them. Returns the profile and the names it added, sorted.
///
/// ```
/// use cadastro::{Customer, Field, Profile, Value};
/// let mut c = Customer::default();
/// c.set(Field::Name, Value::Text("Ana".into()));
/// c.custom.insert("empresa".into(), Value::Text("ACME".into()));
/// let (profile, added) = cadastro::export::with_custom_columns(&Profile::builtin("upflow")?, [&c]);
/// assert_eq!(added, ["empresa"]);
/// assert_eq!(cadastro::export::export_headers(&profile).last().map(String::as_str), Some("empresa"));
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn with_custom_columns<'c, I>(profile: &Profile, customers: I) -> (Profile, Vec<String>)
where
    I: IntoIterator<Item = &'c Customer>,
{
    let mut added = std::collections::BTreeSet::new();
    for c in customers {
        for name in c.custom.keys() {
            if profile.custom_field(name).is_none() && !added.contains(name) {
                added.insert(name.clone());
            }
        }
    }
    let mut out = profile.clone();
    for name in &added {
        out.custom_fields.push(crate::profile::CustomField {
            name: name.clone(),
            kind: CustomKind::Text { max_len: None },
            required: false,
            synonyms: Vec::new(),
        });
    }
    (out, added.into_iter().collect())
}

/// Writes customers to `path`, XLSX or CSV by its extension.
///
/// # Errors
/// `invalid_options` for another extension, `io` when the file cannot be created, and the
/// errors of [`export_xlsx`] / [`export_csv`].
pub fn export_to_path<I>(customers: I, profile: &Profile, path: &Path, opts: &ExportOptions) -> Result<ExportStats>
where
    I: IntoIterator,
    I::Item: Borrow<Customer>,
{
    let format = ExportFormat::from_path(path)?;
    // Written beside the target, then renamed over it: a failed export leaves no half-written
    // file, and an earlier file of that name stays as it was.
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    let written = write_path(customers, profile, &partial, format, opts)
        .map_err(|e| match e.into_kind() {
            // Name the file the caller asked for, not the temporary one.
            ErrorKind::Io { path: Some(p), source } if Path::new(&p) == partial => Error::io_at(path, source),
            kind => kind.into(),
        })
        .and_then(|stats| std::fs::rename(&partial, path).map(|()| stats).map_err(|e| Error::io_at(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial); // may not exist: nothing more to undo
    }
    written
}

fn write_path<I>(
    customers: I,
    profile: &Profile,
    path: &Path,
    format: ExportFormat,
    opts: &ExportOptions,
) -> Result<ExportStats>
where
    I: IntoIterator,
    I::Item: Borrow<Customer>,
{
    let file = std::fs::File::create(path).map_err(|e| Error::io_at(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    let stats = match format {
        ExportFormat::Xlsx => {
            let stats = export_xlsx(customers, profile, &mut out, opts)?;
            out.into_inner().map_err(|e| Error::io_at(path, e.into_error()))?;
            stats
        }
        ExportFormat::Csv => {
            let mut w = CsvExporter::new(out, profile, opts)?;
            for c in customers {
                w.push(c.borrow())?;
            }
            let (out, stats) = w.finish()?;
            out.into_inner().map_err(|e| Error::io_at(path, e.into_error()))?;
            stats
        }
    };
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(pairs: &[(Field, Value)]) -> Customer {
        let mut c = Customer::default();
        for (f, v) in pairs {
            c.set(*f, v.clone());
        }
        c
    }

    fn csv_text(customers: &[Customer], profile: &str, opts: &ExportOptions) -> String {
        let mut out = Vec::new();
        export_csv(customers, &Profile::builtin(profile).unwrap(), &mut out, opts).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn layouts_follow_the_profiles() {
        let asaas = export_headers(&Profile::builtin("asaas").unwrap());
        assert_eq!(asaas.len(), 19);
        assert_eq!(asaas[5], "CPF/CNPJ");
        let generic = Layout::of(&Profile::generic());
        assert!(generic.per_contact);
        assert_eq!(generic.columns.len(), Field::ALL.len());
        assert!(!Layout::of(&Profile::builtin("asaas").unwrap()).per_contact);
    }

    #[test]
    fn custom_fields_are_appended_by_name() {
        let p = Profile::from_json(
            r#"{"name":"x","columns":[{"header":"Nome","field":"name"}],"required":["name"],
            "custom_fields":[{"name":"segment","kind":{"type":"text"},"required":true}]}"#,
        )
        .unwrap();
        let layout = Layout::of(&p);
        assert_eq!(export_headers(&p), ["Nome", "segment"]);
        assert!(layout.columns[1].required);
        let mut c = customer(&[(Field::Name, Value::Text("Ana".into()))]);
        c.custom.insert("segment".into(), Value::Text("=B2B".into()));
        let mut out = Vec::new();
        export_csv([&c], &p, &mut out, &ExportOptions::default()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\u{feff}Nome,segment\r\nAna,'=B2B\r\n");
    }

    #[test]
    fn values_in_the_profile_language() {
        let c = customer(&[
            (Field::Name, Value::Text("Ana".into())),
            (Field::IsCompany, Value::Bool(true)),
            (Field::AdditionalEmails, Value::List(vec!["a@x.com".into(), "b@x.com".into()])),
        ]);
        let text = csv_text(std::slice::from_ref(&c), "asaas", &ExportOptions::default());
        let line = text.lines().nth(1).unwrap();
        // The list holds the delimiter: the cell is quoted.
        assert!(line.ends_with(";\"a@x.com;b@x.com\";;;;;"), "{line}");
        let io = csv_text(&[c], "invoiceocean", &ExportOptions::default());
        let line = io.lines().nth(1).unwrap();
        // No = 1, Company = 1.
        assert!(line.starts_with("1,,,Ana,"), "{line}");
        assert_eq!(line.split(',').nth(10), Some("1"));
    }

    #[test]
    fn upflow_one_line_per_contact() {
        let mut c = customer(&[
            (Field::ExternalId, Value::Text("C1".into())),
            (Field::Name, Value::Text("ACME".into())),
            (Field::PaymentTermsDays, Value::Int(30)),
        ]);
        for (email, main) in [("a@acme.fr", true), ("b@acme.fr", false)] {
            let mut k = Contact::default();
            k.set(Field::ContactEmail, Value::Text(email.into()));
            k.set(Field::ContactIsMain, Value::Bool(main));
            c.contacts.push(k);
        }
        let lonely =
            customer(&[(Field::Name, Value::Text("Solo".into())), (Field::ParentName, Value::Text("ACME".into()))]);
        let text = csv_text(
            &[c, lonely],
            "upflow",
            &ExportOptions {
                csv: CsvOptions { line_ending: LineEnding::Lf, bom: false, delimiter: None },
                ..ExportOptions::default()
            },
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1], "C1,ACME,,,,,,,,,,30,,,a@acme.fr,,,,,,1");
        assert_eq!(lines[2], "C1,ACME,,,,,,,,,,30,,,b@acme.fr,,,,,,0");
        assert_eq!(lines[3], ",Solo,,,,,,,,,,,ACME,,,,,,,,");
        assert!(!text.contains('\r'));
    }

    #[test]
    fn group_filter_and_options() {
        let a = customer(&[(Field::Name, Value::Text("A".into())), (Field::Group, Value::Text("Varejo  Sul".into()))]);
        let b = customer(&[(Field::Name, Value::Text("B".into())), (Field::Group, Value::Text("Atacado".into()))]);
        let c = customer(&[(Field::Name, Value::Text("C".into()))]);
        let opts = ExportOptions {
            group: Some("varejo sul".into()),
            csv: CsvOptions { delimiter: Some('\t'), bom: false, line_ending: LineEnding::Lf },
            ..ExportOptions::default()
        };
        let mut out = Vec::new();
        let stats = export_csv([&a, &b, &c], &Profile::builtin("asaas").unwrap(), &mut out, &opts).unwrap();
        assert_eq!(stats, ExportStats { customers: 1, lines: 1 });
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("Identificador Externo\tNome completo\t"));
        assert!(text.contains("\tA\t") && !text.contains("\tB\t") && !text.contains("\tC\t"));
        let bad = ExportOptions {
            csv: CsvOptions { delimiter: Some('é'), ..CsvOptions::default() },
            ..ExportOptions::default()
        };
        let err = export_csv([&a], &Profile::generic(), Vec::new(), &bad).unwrap_err();
        assert_eq!(err.code(), "invalid_options");
    }

    #[test]
    fn apostrophe_guard_for_xlsx() {
        assert_eq!(xlsx_text("=1+1"), "=1+1");
        assert_eq!(xlsx_text("'=1+1"), "''=1+1");
        assert_eq!(xlsx_text("'abc"), "'abc");
        for v in ["'=x", "'@y", "''+1", "=z", "plain", "'", "'a"] {
            assert_eq!(crate::model::text::clean(&xlsx_text(v)), v);
        }
    }

    #[test]
    fn xlsx_row_limit_is_an_error() {
        let p = Profile::builtin("asaas").unwrap();
        let mut w = XlsxExporter::new(&p, &ExportOptions::default()).unwrap();
        w.next_row = XLSX_MAX_ROW;
        let c = customer(&[(Field::Name, Value::Text("A".into()))]);
        assert!(w.push(&c).unwrap());
        assert_eq!(w.push(&c).unwrap_err().code(), "limit_exceeded");
    }
}
