//! Tax ids (CPF, CNPJ, NIP, SIREN, SIRET) and VAT numbers with their check digits.
//!
//! Placeholder until its implementation lands: accepts the trimmed input.

use crate::report::IssueCode;

use super::Fixed;

/// Normalizes and checks a national tax id for `country` (ISO alpha-2; `None`: kept as given).
pub fn normalize_tax_id(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let _ = (country, numeric_cell);
    Ok(Fixed::new(raw.trim().to_owned()))
}

/// Normalizes and checks an EU (and GB, CH, NO) VAT number; `country` is used when the number has no prefix.
pub fn normalize_vat(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let _ = (country, numeric_cell);
    Ok(Fixed::new(raw.trim().to_owned()))
}
