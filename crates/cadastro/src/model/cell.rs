//! [`Cell`]: one value as the reader found it, with its kind kept.

use std::borrow::Cow;

/// One cell as read from the file, before any field interpretation.
///
/// Delimited text gives only [`Cell::Text`] and [`Cell::Empty`]. Workbooks keep the kind the
/// spreadsheet stored, so a validator can tell that a CPF arrived as a number (and may have lost
/// its leading zeros) or that a phone number is a float.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (or only whitespace in delimited text).
    Empty,
    /// Text as stored.
    Text(String),
    /// An integer-typed cell (xls, ods and some xlsx writers).
    Int(i64),
    /// A floating-point number cell.
    Float(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date or date-time, already converted to ISO 8601 (`2026-03-01` or `2026-03-01T10:30:00`).
    Date(String),
    /// A spreadsheet error value such as `#N/A` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// True when the cell holds nothing but whitespace.
    ///
    /// ```
    /// use cadastro::Cell;
    /// assert!(Cell::Text(" \u{a0}".into()).is_blank());
    /// assert!(!Cell::Int(0).is_blank());
    /// ```
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.chars().all(is_blank_char),
            _ => false,
        }
    }

    /// True for number cells (integer or float).
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Float(_))
    }

    /// The cell as text, without losing digits.
    ///
    /// An integral float is written without a fraction or an exponent (`5.511987654321e12` is
    /// `"5511987654321"`, `1001.0` is `"1001"`), so identifiers stored as numbers keep every digit
    /// the spreadsheet kept. Other floats use the shortest text that reads back as the same number.
    ///
    /// ```
    /// use cadastro::Cell;
    /// assert_eq!(Cell::Float(5.511987654321e12).as_text(), "5511987654321");
    /// assert_eq!(Cell::Float(1001.0).as_text(), "1001");
    /// assert_eq!(Cell::Float(12.5).as_text(), "12.5");
    /// ```
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => Cow::Borrowed(s),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) => Cow::Owned(float_text(*f)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        }
    }
}

/// Formats a float without losing the digits of an integral value.
pub(crate) fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21 {
        // `{:.0}` prints the exact integer value of the double, never an exponent.
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// Whitespace plus the invisible characters spreadsheets and web forms leave behind.
pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_keep_identifier_digits() {
        assert_eq!(Cell::Float(12345678901.0).as_text(), "12345678901");
        assert_eq!(Cell::Float(-3.0).as_text(), "-3");
        assert_eq!(Cell::Float(0.1).as_text(), "0.1");
        assert_eq!(Cell::Float(f64::NAN).as_text(), "NaN");
        assert_eq!(Cell::Float(1e22).as_text(), "10000000000000000000000");
    }

    #[test]
    fn blank_detection() {
        assert!(Cell::Empty.is_blank());
        assert!(Cell::Text("\u{200B}\t".into()).is_blank());
        assert!(!Cell::Text("x".into()).is_blank());
        assert!(!Cell::Error("#N/A".into()).is_blank());
    }
}
