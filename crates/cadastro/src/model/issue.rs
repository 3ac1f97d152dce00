//! [`Issue`]: one problem in the data, as a value.

use serde::{Deserialize, Serialize};

/// The machine code of an issue (CONTRACT section 4). Stable: programs match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueCode {
    /// A required value is missing.
    Required,
    /// A tax id or VAT number with a wrong format or check digits.
    InvalidTaxId,
    /// An e-mail address with a wrong syntax.
    InvalidEmail,
    /// A phone number that cannot be parsed or is not valid.
    InvalidPhone,
    /// A postal code that does not fit the country's format.
    InvalidPostalCode,
    /// A country that is not a known name or code.
    InvalidCountry,
    /// Not a number, or out of range.
    InvalidNumber,
    /// A value outside the field's list.
    InvalidEnum,
    /// Not a recognised yes/no value.
    InvalidBoolean,
    /// An IBAN with a wrong format or check digits.
    InvalidIban,
    /// A date custom field that is not a date.
    InvalidDate,
    /// A spreadsheet error value (`#N/A`, `#REF!`...) where data was expected.
    InvalidCell,
    /// Longer than the field allows.
    TooLong,
    /// A key (external id, tax id, contact e-mail) seen before in the file.
    DuplicateKey,
    /// A parent that is not in the file nor in the base, or a parent cycle.
    UnknownParent,
    /// The row's field count differs from the header's.
    RaggedRow,
    /// The row's keys point to two different customers of the base (its external id names one
    /// stored customer, its tax id another, or its tax id belongs to a stored customer with
    /// another external id): rejected, nothing is written for it.
    KeyConflict,
    /// The row has no error of its own but belongs to a customer rejected for errors on other rows.
    CustomerRejected,
    /// Leading zeros lost by a numeric cell were put back (warning).
    LeadingZerosRestored,
    /// Several main contacts for one customer; the last wins (warning).
    MultipleMainContacts,
    /// A value that starts like a formula (warning).
    FormulaLikeValue,
    /// A column that maps to no field and was ignored (warning).
    UnmappedColumn,
    /// A data-looking row above the detected header was not read (warning).
    SkippedAboveHeader,
    /// Bytes on this row were not valid in the file's encoding and became U+FFFD (warning).
    InvalidBytesReplaced,
    /// Two readings of the file's encoding were close (warning, file level: row 0).
    EncodingDoubt,
    /// NUL bytes on this row were removed (warning).
    NulBytesRemoved,
    /// Two columns merged into one field (`CPF` + `CNPJ` -> tax_id) are both filled, with
    /// different values (error).
    MergedValuesDiffer,
    /// A Brazilian 8-digit mobile number got its ninth digit (warning).
    PhoneNinthDigitAdded,
}

impl IssueCode {
    /// Every code, in documentation order.
    pub const ALL: &'static [IssueCode] = &[
        IssueCode::Required,
        IssueCode::InvalidTaxId,
        IssueCode::InvalidEmail,
        IssueCode::InvalidPhone,
        IssueCode::InvalidPostalCode,
        IssueCode::InvalidCountry,
        IssueCode::InvalidNumber,
        IssueCode::InvalidEnum,
        IssueCode::InvalidBoolean,
        IssueCode::InvalidIban,
        IssueCode::InvalidDate,
        IssueCode::InvalidCell,
        IssueCode::TooLong,
        IssueCode::DuplicateKey,
        IssueCode::UnknownParent,
        IssueCode::RaggedRow,
        IssueCode::KeyConflict,
        IssueCode::CustomerRejected,
        IssueCode::LeadingZerosRestored,
        IssueCode::MultipleMainContacts,
        IssueCode::FormulaLikeValue,
        IssueCode::UnmappedColumn,
        IssueCode::SkippedAboveHeader,
        IssueCode::InvalidBytesReplaced,
        IssueCode::EncodingDoubt,
        IssueCode::NulBytesRemoved,
        IssueCode::MergedValuesDiffer,
        IssueCode::PhoneNinthDigitAdded,
    ];

    /// The snake_case code string.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::InvalidTaxId => "invalid_tax_id",
            IssueCode::InvalidEmail => "invalid_email",
            IssueCode::InvalidPhone => "invalid_phone",
            IssueCode::InvalidPostalCode => "invalid_postal_code",
            IssueCode::InvalidCountry => "invalid_country",
            IssueCode::InvalidNumber => "invalid_number",
            IssueCode::InvalidEnum => "invalid_enum",
            IssueCode::InvalidBoolean => "invalid_boolean",
            IssueCode::InvalidIban => "invalid_iban",
            IssueCode::InvalidDate => "invalid_date",
            IssueCode::InvalidCell => "invalid_cell",
            IssueCode::TooLong => "too_long",
            IssueCode::DuplicateKey => "duplicate_key",
            IssueCode::UnknownParent => "unknown_parent",
            IssueCode::RaggedRow => "ragged_row",
            IssueCode::KeyConflict => "key_conflict",
            IssueCode::CustomerRejected => "customer_rejected",
            IssueCode::LeadingZerosRestored => "leading_zeros_restored",
            IssueCode::MultipleMainContacts => "multiple_main_contacts",
            IssueCode::FormulaLikeValue => "formula_like_value",
            IssueCode::UnmappedColumn => "unmapped_column",
            IssueCode::SkippedAboveHeader => "skipped_above_header",
            IssueCode::InvalidBytesReplaced => "invalid_bytes_replaced",
            IssueCode::EncodingDoubt => "encoding_doubt",
            IssueCode::NulBytesRemoved => "nul_bytes_removed",
            IssueCode::MergedValuesDiffer => "merged_values_differ",
            IssueCode::PhoneNinthDigitAdded => "phone_ninth_digit_added",
        }
    }

    /// Looks a code up by its string.
    pub fn from_name(name: &str) -> Option<IssueCode> {
        IssueCode::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Errors reject the entity; warnings do not.
    pub fn severity(self) -> Severity {
        match self {
            IssueCode::LeadingZerosRestored
            | IssueCode::MultipleMainContacts
            | IssueCode::FormulaLikeValue
            | IssueCode::UnmappedColumn
            | IssueCode::SkippedAboveHeader
            | IssueCode::InvalidBytesReplaced
            | IssueCode::EncodingDoubt
            | IssueCode::NulBytesRemoved => Severity::Warning,
            IssueCode::PhoneNinthDigitAdded => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl std::fmt::Display for IssueCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an issue rejects its customer or contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The entity is rejected.
    Error,
    /// Accepted, but worth a look.
    Warning,
}

/// One problem in the data (CONTRACT section 4).
///
/// ```
/// use cadastro::{Issue, IssueCode};
/// let issue = Issue::new(IssueCode::InvalidEmail, 7);
/// assert_eq!(issue.severity, cadastro::Severity::Error);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The row as a spreadsheet shows it (1-based, title rows, header and blank rows counted).
    pub row: u32,
    /// Delimited text only: the physical line where the record starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The column letter (A, B, ... AA), when the issue is about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The column's header text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The field (`tax_id`, a custom field name, or `_row` for row-level issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The machine code.
    pub code: IssueCode,
    /// Error or warning.
    pub severity: Severity,
    /// A human message in the report's locale.
    pub message: String,
    /// The raw cell value, unless the host asked to leave values out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

impl Issue {
    /// A new issue at `row` with the code's severity and no message yet.
    pub fn new(code: IssueCode, row: u32) -> Self {
        Issue {
            row,
            line: None,
            column: None,
            header: None,
            field: None,
            code,
            severity: code.severity(),
            message: String::new(),
            value: None,
        }
    }

    /// True for error issues.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &c in IssueCode::ALL {
            assert_eq!(IssueCode::from_name(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
    }
}
