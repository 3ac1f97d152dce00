//! [`ReadOptions`] and [`Limits`]: plain serde data with documented defaults.

use serde::{Deserialize, Serialize};

use super::TextEncoding;

/// Resource limits applied while reading. Every limit is on by default; a file that exceeds one
/// fails with `limit_exceeded` before anything proportional to the excess is allocated.
///
/// The defaults let a legitimate 1,000,000-row workbook through. As serde data (the form hosts
/// pass: a Python dict, a JS object), missing names keep their defaults and an unknown name is an
/// error, so a misspelt limit is never silently ignored.
///
/// ```
/// use cadastro::Limits;
/// let strict = Limits { max_rows: 10_000, ..Limits::default() };
/// assert_eq!(strict.max_columns, Limits::default().max_columns);
/// let from_host: Limits = serde_json::from_str(r#"{"max_rows": 10000}"#)?;
/// assert_eq!(from_host, strict);
/// assert!(serde_json::from_str::<Limits>(r#"{"max_row": 10000}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Size of the input in bytes (default 512 MiB).
    pub max_file_bytes: u64,
    /// Data rows, blank rows included (default 2,000,000).
    pub max_rows: u64,
    /// Columns (default 1,024).
    pub max_columns: u64,
    /// Characters in one cell (default 32,767, Excel's own limit).
    pub max_cell_chars: u64,
    /// Decompressed size of one archive entry (default 4 GiB).
    pub max_entry_bytes: u64,
    /// Decompressed size of the whole archive (default 8 GiB).
    pub max_decompressed_bytes: u64,
    /// Ratio of decompressed to compressed size of one entry (default 200; a bomb has 1,000+).
    pub max_compression_ratio: u64,
    /// Entries in the archive (default 10,000).
    pub max_zip_entries: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_rows: 2_000_000,
            max_columns: 1_024,
            max_cell_chars: 32_767,
            max_entry_bytes: 4 * 1024 * 1024 * 1024,
            max_decompressed_bytes: 8 * 1024 * 1024 * 1024,
            max_compression_ratio: 200,
            max_zip_entries: 10_000,
        }
    }
}

/// How to read a file. Every field has a default: detect everything. Unknown fields are refused.
///
/// ```
/// use cadastro::ReadOptions;
/// let opts = ReadOptions::default().with_sheet("Clientes").with_delimiter(';');
/// assert_eq!(opts.delimiter, Some(';'));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// The sheet to read; default the first visible worksheet that holds data.
    pub sheet: Option<String>,
    /// The delimiter of delimited text; default sniffed among `,` `;` `|` and tab.
    pub delimiter: Option<char>,
    /// The encoding of delimited text; default detected.
    pub encoding: Option<TextEncoding>,
    /// The 1-based row of the header; default detected below title rows.
    pub header_row: Option<u32>,
    /// Resource limits.
    pub limits: Limits,
}

impl ReadOptions {
    /// Reads the named sheet instead of the first visible one.
    pub fn with_sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// Uses this delimiter instead of sniffing.
    pub fn with_delimiter(mut self, delimiter: char) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Uses this encoding instead of detecting it.
    pub fn with_encoding(mut self, encoding: TextEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Takes this 1-based row as the header instead of detecting it.
    pub fn with_header_row(mut self, row: u32) -> Self {
        self.header_row = Some(row);
        self
    }

    /// Replaces the limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_fill_defaults_and_refuse_unknown_names() {
        let limits: Limits = serde_json::from_str(r#"{"max_rows": 10}"#).unwrap();
        assert_eq!(limits, Limits { max_rows: 10, ..Limits::default() });
        let err = serde_json::from_str::<Limits>(r#"{"max_row": 10}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `max_row`"), "{err}");
        let read: ReadOptions = serde_json::from_str(r#"{"sheet": "Plan1", "limits": {"max_columns": 3}}"#).unwrap();
        assert_eq!(read.limits.max_columns, 3);
        assert!(serde_json::from_str::<ReadOptions>(r#"{"sheets": "Plan1"}"#).is_err());
    }
}
