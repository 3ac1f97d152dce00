//! Writing files: exports of customers in a profile's layout, blank import templates, the
//! error file of a validation (the rejected rows plus an Errors column), and the shared rules
//! every writer follows (formula-safe CSV cells, typed XLSX cells).

mod errors;
mod export;
mod template;

use std::borrow::Cow;

use crate::error::{Error, ErrorKind, Result};

pub use crate::model::label::is_error_file_column;
pub use errors::{ErrorFileFormat, check_error_path, error_file, row_header, write_error_file};
pub use export::{
    CsvExporter, CsvOptions, ExportFormat, ExportOptions, ExportStats, LineEnding, XlsxExporter, default_delimiter,
    export_csv, export_headers, export_to_path, export_xlsx, with_custom_columns,
};
pub use template::{template_csv, template_to_path, template_xlsx};

/// Makes a value safe for a CSV cell that a spreadsheet will open: a value starting with
/// `= + - @`, tab or carriage return gets a leading apostrophe (the importer removes exactly one
/// on the way back, CONTRACT section 1). Phone-like `+55 11 ...` and plain negative numbers are
/// left as they are.
///
/// ```
/// use cadastro::export::csv_safe;
/// assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_safe("+5511987654321"), "+5511987654321");
/// assert_eq!(csv_safe("Ana"), "Ana");
/// ```
pub fn csv_safe(value: &str) -> Cow<'_, str> {
    let needs_quote = match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => crate::model::text::is_formula_like(value),
        // A value that already starts with an apostrophe before a formula character would lose
        // it on import: protect it too.
        Some('\'') => value.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']),
        _ => false,
    };
    if needs_quote { Cow::Owned(format!("'{value}")) } else { Cow::Borrowed(value) }
}

pub(crate) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    match e {
        // No temporary directory, or one that refuses files (constant-memory worksheets).
        rust_xlsxwriter::XlsxError::TempFileError(dir, source) => Error::io_at(&dir, source),
        rust_xlsxwriter::XlsxError::IoError(source) => Error::from(source),
        e => ErrorKind::Write { reason: e.to_string() }.into(),
    }
}

std::thread_local! {
    /// Set while [`guard_xlsx`] runs on this thread: its panics are caught and reported as errors,
    /// so the panic hook stays silent for them.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs (once) a panic hook that stays silent for panics inside [`guard_xlsx`] on the thread
/// that runs it, and hands every other panic to the hook that was installed before.
fn install_quiet_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, which drives rust_xlsxwriter. In constant-memory mode rust_xlsxwriter writes the
/// rows to a temporary file and panics ("Couldn't write to xml file") when that write fails: a
/// full or vanished temporary directory. Such a panic becomes an `io` error naming `tempdir`,
/// never a crash of the host; the workbook is unusable afterwards (the caller drops it).
pub(crate) fn guard_xlsx<T>(tempdir: &std::path::Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    install_quiet_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|_| {
        Err(Error::io_at(
            tempdir,
            std::io::Error::other(
                "could not write the temporary data of the XLSX export (is the temporary directory full?)",
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::clean;

    #[test]
    fn csv_safe_round_trips_through_clean() {
        for v in ["=1+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "+A1", "'=x", "plain", "+55 11 98765-4321", "-12"] {
            assert_eq!(clean(&csv_safe(v)), v, "{v}");
        }
    }
}
