//! Reading: bytes in, a [`Table`] of [`Cell`]s out.
//!
//! The format is detected from the bytes, never from the file name. Delimited text has its
//! encoding and delimiter sniffed; workbooks go through calamine with every cell's kind kept.
//! The header row is found below title rows, blank rows are skipped and counted, and every row
//! keeps the number a spreadsheet shows (and, for delimited text, the physical line where the
//! record starts).
//!
//! ```
//! use cadastro::Source;
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

use crate::error::{Error, ErrorKind, Result};
use crate::model::Issue;

pub use crate::model::{
    Format, Row, SheetInfo, SkipReason, SkippedRow, SourceInfo, Table, TextEncoding, column_letter,
};
pub use header::HeaderCandidate;
pub use options::{Limits, ReadOptions};

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
/// let table = cadastro::read_bytes(bytes, &ReadOptions::default())?;
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
    use crate::model::column_index;

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
