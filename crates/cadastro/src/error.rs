//! The one error type of the core crate: file-level failures and configuration mistakes.
//!
//! Bad *data* is never an error: a wrong CPF, a missing name or a ragged row is an
//! [`Issue`](crate::Issue) inside an `Ok` report. An [`Error`] means the file as a whole could not
//! be read (it is not a spreadsheet, it is encrypted, it exceeds a limit...) or the caller's
//! configuration is wrong (an invalid profile or mapping).
//!
//! Every error has a stable [`ErrorKind::code`] string that programs match on; hosts (CLI,
//! Python, Node, UniFFI) expose exactly that string. `Display` texts name rows, columns, fields
//! and limits, never cell contents.

use std::fmt;

/// A specialised `Result` for the core crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A file-level failure or a configuration mistake.
///
/// The kind is boxed so that `Result<T, Error>` stays one pointer wide.
///
/// ```
/// let err = cadastro::Source::from_bytes(Vec::new())
///     .open(&cadastro::ReadOptions::default())
///     .unwrap_err();
/// assert_eq!(err.code(), "empty_file");
/// ```
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// The kind of failure, with its details.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Consumes the error and returns its kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The stable machine code of the kind (CONTRACT section 4), e.g. `"corrupt_file"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// True when the error comes from the operating system (file missing, permission denied).
    pub fn is_io(&self) -> bool {
        matches!(*self.0, ErrorKind::Io { .. })
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self(Box::new(kind))
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        ErrorKind::Io { path: None, source }.into()
    }
}

/// Which resource limit of [`Limits`](crate::Limits) a file exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LimitKind {
    /// Size of the input in bytes.
    FileBytes,
    /// Number of rows.
    Rows,
    /// Number of columns.
    Columns,
    /// Characters in one cell.
    CellChars,
    /// Decompressed size of one archive entry.
    EntryBytes,
    /// Decompressed size of the whole archive.
    DecompressedBytes,
    /// Ratio between decompressed and compressed size of an entry.
    CompressionRatio,
    /// Number of entries in the archive.
    ZipEntries,
    /// A DOCTYPE declaration in an XML part (entity expansion, external entities).
    XmlDoctype,
    /// The sheet's declared or actual cell area.
    SheetArea,
}

impl LimitKind {
    /// The snake_case name of the limit.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FileBytes => "file_bytes",
            Self::Rows => "rows",
            Self::Columns => "columns",
            Self::CellChars => "cell_chars",
            Self::EntryBytes => "entry_bytes",
            Self::DecompressedBytes => "decompressed_bytes",
            Self::CompressionRatio => "compression_ratio",
            Self::ZipEntries => "zip_entries",
            Self::XmlDoctype => "xml_doctype",
            Self::SheetArea => "sheet_area",
        }
    }
}

impl fmt::Display for LimitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What went wrong, with the details a program or a person needs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a format cadastro reads. `detected` names what they look like
    /// (`"html"`, `"xml-spreadsheet-2003"`, `"pdf"`, `"doc"`, `"docx"`, `"excel-4.0"`, `"binary"`...);
    /// the message says what that is for a person ("a Word document", "an Excel 4.0 worksheet
    /// from 1992, ... save it as .xlsx").
    #[error("unsupported format: the file is {}", describe(detected))]
    UnsupportedFormat {
        /// What the bytes look like.
        detected: String,
    },
    /// The file claims a format but its structure is broken (truncated zip, bad XML, bad BIFF).
    #[error("corrupt file ({format}): {reason}")]
    CorruptFile {
        /// The format the bytes claimed.
        format: String,
        /// What is broken, without cell contents.
        reason: String,
    },
    /// The workbook is password-protected.
    #[error("the file is password-protected (encrypted {format}); save it without a password and try again")]
    EncryptedFile {
        /// `"ooxml"` for an encrypted xlsx/xlsm/xlsb (a CFB container), `"xls"` for BIFF.
        format: String,
    },
    /// Zero bytes, only whitespace, or a sheet with no cell.
    #[error("the file is empty")]
    EmptyFile,
    /// The workbook's sheet to read holds no data (code `empty_file`): the named one, or, when
    /// none is named, every visible worksheet. The message names the sheets that do hold data.
    #[error("{}", empty_sheet_message(sheet, with_data))]
    EmptySheet {
        /// The sheet tried first (the named one, else the first visible worksheet).
        sheet: String,
        /// The sheets holding data, in workbook order (hidden ones included).
        with_data: Vec<String>,
    },
    /// No row looks like a header row.
    #[error("no header row found in the first {searched} rows")]
    NoHeader {
        /// How many non-blank rows were examined.
        searched: usize,
    },
    /// Two columns would map to one field and no explicit mapping says which.
    #[error("columns {} both map to field `{field}`; give an explicit mapping", columns.join(" and "))]
    DuplicateHeader {
        /// The field both columns would land on.
        field: String,
        /// The column letters involved.
        columns: Vec<String>,
    },
    /// A field the profile requires has no column.
    #[error("required field `{field}` has no column (profile {profile} expects the header \"{header}\")")]
    MissingRequiredColumn {
        /// The required field.
        field: String,
        /// The profile's header label for it.
        header: String,
        /// The profile name.
        profile: String,
    },
    /// A resource limit was exceeded; nothing was allocated beyond it.
    #[error("limit exceeded: {limit} is {actual}, the maximum is {max}")]
    LimitExceeded {
        /// Which limit.
        limit: LimitKind,
        /// The value found (or a lower bound of it).
        actual: u64,
        /// The configured maximum.
        max: u64,
    },
    /// The text could not be decoded in the detected or requested encoding.
    #[error("encoding error: {reason}")]
    EncodingError {
        /// What failed.
        reason: String,
    },
    /// The requested sheet does not exist.
    #[error("no sheet named \"{name}\" (the workbook has {available} sheets)")]
    SheetNotFound {
        /// The requested name.
        name: String,
        /// How many sheets exist.
        available: usize,
    },
    /// A profile document is invalid (unknown field, duplicate custom field...).
    #[error("invalid profile: {reason}")]
    InvalidProfile {
        /// What is wrong.
        reason: String,
    },
    /// An option or a mapping document is invalid.
    #[error("invalid option: {reason}")]
    InvalidOptions {
        /// What is wrong.
        reason: String,
    },
    /// The operating system refused (missing file, permission, disk full).
    #[error("{}", io_text(path.as_deref(), source))]
    Io {
        /// The path involved, when known.
        path: Option<String>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Writing a spreadsheet failed inside rust_xlsxwriter.
    #[error("could not write the workbook: {reason}")]
    Write {
        /// What failed.
        reason: String,
    },
    /// A host callback (`onProgress`, `on_chunk`, a lookup) called back into the object that
    /// is running it (CONTRACT section 8): refused at once instead of waiting for itself.
    #[error(
        "re-entrant call: {operation} was called from inside a callback of the same object's running \
         operation; call it after that operation returns"
    )]
    ReentrantCall {
        /// The method that was called back (`Store.customers`...).
        operation: String,
    },
}

/// The words of an `io` error: `no such file: PATH`, `permission denied: PATH`, `no space left
/// on the device: PATH`, a custom message as it is, else the system's text (without its
/// `(os error N)` suffix); then the path.
fn io_text(path: Option<&str>, source: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match source.kind() {
        K::NotFound => "no such file".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::StorageFull => "no space left on the device".to_owned(),
        K::ReadOnlyFilesystem => "read-only file system".to_owned(),
        _ => {
            let text = source.to_string();
            match text.rfind(" (os error ") {
                Some(i) if text.ends_with(')') => text.get(..i).unwrap_or(&text).to_owned(),
                _ => text,
            }
        }
    };
    // A custom message (`io::Error::new(kind, "...")`) says more than the kind's words.
    let what = match (source.raw_os_error(), source.get_ref()) {
        (None, Some(inner)) => inner.to_string(),
        _ => what,
    };
    match path {
        Some(p) => format!("{what}: {p}"),
        None => what,
    }
}

impl ErrorKind {
    /// The stable machine code of this kind.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnsupportedFormat { .. } => "unsupported_format",
            Self::CorruptFile { .. } => "corrupt_file",
            Self::EncryptedFile { .. } => "encrypted_file",
            Self::EmptyFile | Self::EmptySheet { .. } => "empty_file",
            Self::NoHeader { .. } => "no_header",
            Self::DuplicateHeader { .. } => "duplicate_header",
            Self::MissingRequiredColumn { .. } => "missing_required_column",
            Self::LimitExceeded { .. } => "limit_exceeded",
            Self::EncodingError { .. } => "encoding_error",
            Self::SheetNotFound { .. } => "sheet_not_found",
            Self::InvalidProfile { .. } => "invalid_profile",
            Self::InvalidOptions { .. } => "invalid_options",
            Self::Io { .. } => "io",
            Self::Write { .. } => "write_error",
            Self::ReentrantCall { .. } => "reentrant_call",
        }
    }

    /// Every kind code, for documentation and host stubs.
    pub const ALL_CODES: &'static [&'static str] = &[
        "unsupported_format",
        "corrupt_file",
        "encrypted_file",
        "empty_file",
        "no_header",
        "duplicate_header",
        "missing_required_column",
        "limit_exceeded",
        "encoding_error",
        "sheet_not_found",
        "invalid_profile",
        "invalid_options",
        "io",
        "write_error",
        "reentrant_call",
    ];
}

/// The message of [`ErrorKind::EmptySheet`].
fn empty_sheet_message(sheet: &str, with_data: &[String]) -> String {
    let quoted: Vec<String> = with_data.iter().take(10).map(|s| format!("\"{s}\"")).collect();
    match quoted.len() {
        0 => format!("the file is empty: sheet \"{sheet}\" and every other sheet hold no data"),
        1 => format!(
            "the file is empty: sheet \"{sheet}\" holds no data; sheet {} does (choose it with the sheet option)",
            quoted.join("")
        ),
        _ => format!(
            "the file is empty: sheet \"{sheet}\" holds no data; sheets {} do (choose one with the sheet option)",
            quoted.join(", ")
        ),
    }
}

/// Shorthand constructors used inside the crate.
impl Error {
    #[allow(dead_code)] // used by the workbook reader
    pub(crate) fn corrupt(format: impl Into<String>, reason: impl Into<String>) -> Self {
        ErrorKind::CorruptFile { format: format.into(), reason: reason.into() }.into()
    }

    pub(crate) fn limit(limit: LimitKind, actual: u64, max: u64) -> Self {
        ErrorKind::LimitExceeded { limit, actual, max }.into()
    }

    pub(crate) fn options(reason: impl Into<String>) -> Self {
        ErrorKind::InvalidOptions { reason: reason.into() }.into()
    }

    pub(crate) fn profile(reason: impl Into<String>) -> Self {
        ErrorKind::InvalidProfile { reason: reason.into() }.into()
    }

    /// A [`ErrorKind::ReentrantCall`] for `operation` (hosts raise it; the core never calls back
    /// into itself).
    pub fn reentrant(operation: impl Into<String>) -> Self {
        ErrorKind::ReentrantCall { operation: operation.into() }.into()
    }

    pub(crate) fn io_at(path: &std::path::Path, source: std::io::Error) -> Self {
        ErrorKind::Io { path: Some(path.display().to_string()), source }.into()
    }
}

/// What a person calls the file that `detected` names (for [`ErrorKind::UnsupportedFormat`]'s
/// message): "a Word document", "an Excel 4.0 worksheet from 1992: save it as .xlsx"...
pub(crate) fn describe(detected: &str) -> String {
    let resave = "a format cadastro does not read: open it in Excel or LibreOffice and save it as .xlsx";
    let text = match detected {
        "html" => "a web page (HTML), not CSV or a spreadsheet: open it in Excel or LibreOffice and save it as .xlsx",
        "xml-spreadsheet-2003" => {
            "an XML Spreadsheet 2003 file (Excel's old XML format), a format cadastro does not read: save it as .xlsx"
        }
        "xml" => "an XML document, not CSV or a spreadsheet",
        "pdf" => "a PDF document, not CSV or a spreadsheet",
        "doc" => "a Word document (.doc), not CSV or a spreadsheet",
        "docx" => "a Word document (.docx), not CSV or a spreadsheet",
        "ppt" => "a PowerPoint presentation (.ppt), not CSV or a spreadsheet",
        "pptx" => "a PowerPoint presentation (.pptx), not CSV or a spreadsheet",
        "msg" => "an Outlook message (.msg), not CSV or a spreadsheet",
        "odt" => "an OpenDocument text document (.odt), not CSV or a spreadsheet",
        "odp" => "an OpenDocument presentation (.odp), not CSV or a spreadsheet",
        "opendocument (not a spreadsheet)" => "an OpenDocument file that is not a spreadsheet",
        "zip" => "a zip archive that holds no spreadsheet",
        "cfb" => "an OLE compound file that holds no workbook",
        "excel-2.x" => return format!("an Excel 2.x worksheet from 1987, {resave}"),
        "excel-3.0" => return format!("an Excel 3.0 worksheet from 1990, {resave}"),
        "excel-4.0" => return format!("an Excel 4.0 worksheet from 1992, {resave}"),
        "excel-4.0-workbook" => return format!("an Excel 4.0 workbook from 1992, {resave}"),
        "excel-chart" => "an Excel chart sheet from before 1995: it holds no table",
        "excel-macro-sheet" => "an Excel macro sheet from before 1995: it holds no table",
        "lotus-1-2-3" => return format!("a Lotus 1-2-3 worksheet, {resave}"),
        "png" | "jpeg" | "gif" => "an image, not CSV or a spreadsheet",
        "gzip" | "7z" | "rar" => "a compressed archive: extract the spreadsheet from it first",
        "sqlite" => "an SQLite database, not CSV or a spreadsheet",
        "rtf" => "a rich text (RTF) document, not CSV or a spreadsheet",
        "binary" => "binary data, not CSV or a spreadsheet",
        other => return format!("{other}, not CSV or a spreadsheet"),
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_listed_and_unique() {
        let kinds =
            [ErrorKind::EmptyFile, ErrorKind::NoHeader { searched: 3 }, ErrorKind::Write { reason: String::new() }];
        for kind in kinds {
            assert!(ErrorKind::ALL_CODES.contains(&kind.code()));
        }
        let mut codes = ErrorKind::ALL_CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ErrorKind::ALL_CODES.len());
    }

    #[test]
    fn io_errors_read_as_words_with_the_path() {
        let missing = std::fs::read("/no/such/dir/clientes.csv").unwrap_err();
        let e = Error::io_at(std::path::Path::new("/no/such/dir/clientes.csv"), missing);
        assert_eq!(e.to_string(), "no such file: /no/such/dir/clientes.csv");
        assert_eq!(e.code(), "io");
        let custom = Error::from(std::io::Error::new(std::io::ErrorKind::NotFound, "import a file first"));
        assert_eq!(custom.to_string(), "import a file first");
        let other = Error::from(std::io::Error::from_raw_os_error(28));
        assert_eq!(other.to_string(), "no space left on the device");
    }

    #[test]
    fn display_names_limits_not_contents() {
        let e = Error::limit(LimitKind::Rows, 10, 5);
        assert_eq!(e.to_string(), "limit exceeded: rows is 10, the maximum is 5");
        assert_eq!(e.code(), "limit_exceeded");
    }
}
