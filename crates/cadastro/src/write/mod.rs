//! Writing files: exports of customers in a profile's layout, blank import templates, the
//! error file of a validation (the rejected rows plus an Errors column), and the shared rules
//! every writer follows (formula-safe CSV cells, typed XLSX cells).

mod errors;
mod export;
mod template;

use std::borrow::Cow;

use crate::error::{Error, ErrorKind};

pub use errors::{ErrorFileFormat, error_file, write_error_file};
pub use export::{
    CsvExporter, CsvOptions, ExportFormat, ExportOptions, ExportStats, LineEnding, XlsxExporter, default_delimiter,
    export_csv, export_headers, export_to_path, export_xlsx,
};
pub use template::{template_csv, template_to_path, template_xlsx};

/// Makes a value safe for a CSV cell that a spreadsheet will open: a value starting with
/// `= + - @`, tab or carriage return gets a leading apostrophe (the importer removes exactly one
/// on the way back, CONTRACT section 1). Phone-like `+55 11 ...` and plain negative numbers are
/// left as they are.
///
/// ```
/// use cadastro::write::csv_safe;
/// assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_safe("+5511987654321"), "+5511987654321");
/// assert_eq!(csv_safe("Ana"), "Ana");
/// ```
pub fn csv_safe(value: &str) -> Cow<'_, str> {
    let needs_quote = match value.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => crate::validate::text::is_formula_like(value),
        // A value that already starts with an apostrophe before a formula character would lose
        // it on import: protect it too.
        Some('\'') => value.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']),
        _ => false,
    };
    if needs_quote { Cow::Owned(format!("'{value}")) } else { Cow::Borrowed(value) }
}

pub(crate) fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    ErrorKind::Write { reason: e.to_string() }.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::text::clean;

    #[test]
    fn csv_safe_round_trips_through_clean() {
        for v in ["=1+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", "+A1", "'=x", "plain", "+55 11 98765-4321", "-12"] {
            assert_eq!(clean(&csv_safe(v)), v, "{v}");
        }
    }
}
