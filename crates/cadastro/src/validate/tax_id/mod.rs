//! Tax ids (CPF, CNPJ, NIP, SIREN, SIRET, EU VAT numbers) and VAT numbers with their check digits.
//!
//! The normalized form is compact: no dots, dashes, slashes or spaces, letters upper case (see
//! [`compact`](crate::model::text::compact)).
//!
//! # `tax_id` ([`normalize_tax_id`]), by the row's country
//! - `BR`: a CPF (11 digits) or a CNPJ (14 characters, numeric or alphanumeric); one repeated digit
//!   is invalid. Lost leading zeros: see below.
//! - `PL`: a NIP (10 digits); an optional `PL` prefix is accepted and removed.
//! - `FR`: a SIREN (9 digits), a SIRET (14 digits) or an FR VAT number (with or without `FR`).
//! - other EU member states (`GR` for Greece): that country's VAT number, prefix optional; the
//!   value is kept as the user gave it (compact): the prefix is neither added nor removed.
//! - any country (`PL`, `FR` and the EU ones when the value is not a valid national number, and
//!   countries without a scheme, `GB`, `CH` and `NO` included, or no country): a value that starts
//!   with a VAT prefix (an EU one, `EL`, `XI`, `GB`, `CHE`, `NO`) followed by a body of that
//!   country's length and shape (digits, at most four letters) is checked as a VAT number of that
//!   country. Otherwise a country without a scheme keeps the value as given (compact), never an
//!   error.
//! - `BR` has no VAT fallback: a Brazilian tax id is a CPF or a CNPJ.
//!
//! # `vat_number` ([`normalize_vat`])
//! A number with a VAT prefix is checked as that country's (whatever the row's country); without a
//! prefix, as the row's country's. The normalized form always carries the prefix (`EL` for Greece,
//! `XI` kept for Northern Ireland, `CHE` for Switzerland). No prefix and no (VAT) country: invalid.
//!
//! # Lost leading zeros
//! A digits-only value shorter than a scheme's length is left-padded with zeros and checked again;
//! when that is valid the result is flagged `zeros_restored` (warning `leading_zeros_restored`).
//! For a numeric cell any number of zeros may have been lost; for a text cell (a CSV saved by Excel)
//! at most two. The shortest scheme length that checks wins. Brazil has its own documented rule
//! (see `br`'s `normalize`): 9-10 digits are a CPF, 12-13 digits a CNPJ, and a short numeric cell
//! is tried as a CPF first.
//!
//! Every function takes any string (non-ASCII, huge, empty) without panicking.

mod br;
mod check;
mod fr;
mod pl;
pub mod vat;

pub use br::{is_valid_cnpj, is_valid_cpf};
pub use fr::{is_valid_fr_vat, is_valid_siren, is_valid_siret};
pub use pl::is_valid_nip;

use crate::model::IssueCode;

use super::Fixed;
use check::is_digits;

/// Longest digits-only value tried with restored zeros.
const MAX_PADDED: usize = 14;

/// The compact form of the input; a numeric cell's `.0` fraction (a float written in full) is
/// dropped first.
fn compact_input(raw: &str, numeric_cell: bool) -> String {
    let cleaned = super::text::clean(raw);
    let trimmed = if numeric_cell {
        match cleaned.split_once('.') {
            Some((int, frac)) if is_digits(int) && !frac.is_empty() && frac.bytes().all(|b| b == b'0') => int,
            _ => &cleaned,
        }
    } else {
        &cleaned
    };
    super::text::compact(trimmed)
}

/// `check(value)`, else `check` on `value` left-padded with zeros (digits only; up to two zeros for
/// text, any number for a numeric cell), shortest first.
fn with_zeros(value: &str, numeric_cell: bool, check: impl Fn(&str) -> Option<String>) -> Option<Fixed> {
    if let Some(v) = check(value) {
        return Some(Fixed::new(v));
    }
    if !is_digits(value) {
        return None;
    }
    let max = if numeric_cell { MAX_PADDED } else { (value.len() + 2).min(MAX_PADDED) };
    ((value.len() + 1)..=max).find_map(|len| check(&format!("{value:0>len$}")).map(Fixed::restored))
}

/// Checks `value` as a VAT number when it starts with a VAT prefix whose body has that country's
/// shape; `None` when it does not look like one, `Some(valid)` otherwise.
fn foreign_vat(value: &str) -> Option<bool> {
    let (country, _, body) = vat::split_prefix(value)?;
    vat::looks_like(country, body).then(|| vat::check_body(country, body).is_some())
}

/// Normalizes and checks a national tax id for `country` (ISO alpha-2, upper case; `None`: no
/// scheme). See the [module documentation](self) for the rules per country.
///
/// ```
/// use cadastro::checks::tax_id::normalize_tax_id;
/// use cadastro::IssueCode;
/// assert_eq!(normalize_tax_id("529.982.247-25", Some("BR"), false).unwrap().value, "52998224725");
/// let fixed = normalize_tax_id("4867209007", Some("BR"), true).unwrap();
/// assert_eq!((fixed.value.as_str(), fixed.zeros_restored), ("04867209007", true));
/// assert_eq!(normalize_tax_id("111.111.111-11", Some("BR"), false), Err(IssueCode::InvalidTaxId));
/// assert_eq!(normalize_tax_id("PL 123-456-32-18", Some("PL"), false).unwrap().value, "1234563218");
/// assert_eq!(normalize_tax_id("12-3456789", Some("US"), false).unwrap().value, "123456789");
/// ```
pub fn normalize_tax_id(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let value = compact_input(raw, numeric_cell);
    let invalid = Err(IssueCode::InvalidTaxId);
    let foreign = || match foreign_vat(&value) {
        Some(true) => Ok(Fixed::new(value.clone())),
        _ => Err(IssueCode::InvalidTaxId),
    };
    match country {
        Some("BR") => br::normalize(&value, numeric_cell),
        Some("PL") => {
            let body = value.strip_prefix("PL").unwrap_or(&value);
            match with_zeros(body, numeric_cell, |v| pl::check_body(v).then(|| v.to_owned())) {
                Some(fixed) => Ok(fixed),
                None => foreign(),
            }
        }
        Some("FR") => match with_zeros(&value, numeric_cell, |v| fr::check_tax_id(v).then(|| v.to_owned())) {
            Some(fixed) => Ok(fixed),
            None => foreign(),
        },
        Some(c) if c != "GB" && c != "CH" && c != "NO" && vat::prefix(c).is_some() => {
            let Some(country) = vat::prefix(c).map(|_| c) else { return invalid };
            let own = |v: &str| {
                let prefixes: &[&str] = if country == "GR" { &["EL", "GR"] } else { &[country] };
                let body = prefixes.iter().find_map(|p| v.strip_prefix(p)).unwrap_or(v);
                vat::check_body(country, body).map(|_| v.to_owned())
            };
            match with_zeros(&value, numeric_cell, own) {
                Some(fixed) => Ok(fixed),
                None => foreign(),
            }
        }
        _ => match foreign_vat(&value) {
            Some(false) => invalid,
            _ => Ok(Fixed::new(value)),
        },
    }
}

/// Normalizes and checks an EU (and GB, CH, NO) VAT number; `country` is used when the number has
/// no prefix. The result always carries the country prefix.
///
/// ```
/// use cadastro::checks::tax_id::normalize_vat;
/// use cadastro::IssueCode;
/// assert_eq!(normalize_vat("FR 40 303 265 045", None, false).unwrap().value, "FR40303265045");
/// assert_eq!(normalize_vat("303265045", Some("FR"), false), Err(IssueCode::InvalidTaxId));
/// assert_eq!(normalize_vat("094259216", Some("GR"), false).unwrap().value, "EL094259216");
/// assert_eq!(normalize_vat("136695976", None, false), Err(IssueCode::InvalidTaxId));
/// ```
pub fn normalize_vat(raw: &str, country: Option<&str>, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    let value = compact_input(raw, numeric_cell);
    if let Some((c, written, body)) = vat::split_prefix(&value)
        && let Some(body) = vat::check_body(c, body)
    {
        let prefix = if written == "XI" { "XI" } else { vat::prefix(c).unwrap_or(written) };
        return Ok(Fixed::new(format!("{prefix}{body}")));
    }
    let Some((country, prefix)) = country.and_then(|c| Some((c, vat::prefix(c)?))) else {
        return Err(IssueCode::InvalidTaxId);
    };
    let country = if country == "EL" {
        "GR"
    } else if country == "XI" {
        "GB"
    } else {
        country
    };
    with_zeros(&value, numeric_cell, |v| vat::check_body(country, v))
        .map(|fixed| Fixed { value: format!("{prefix}{}", fixed.value), ..fixed })
        .ok_or(IssueCode::InvalidTaxId)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(value: &str) -> Result<Fixed, IssueCode> {
        Ok(Fixed::new(value.to_owned()))
    }

    fn restored(value: &str) -> Result<Fixed, IssueCode> {
        Ok(Fixed::restored(value.to_owned()))
    }

    #[test]
    fn brazil() {
        assert_eq!(normalize_tax_id(" 529.982.247-25 ", Some("BR"), false), ok("52998224725"));
        assert_eq!(normalize_tax_id("11.222.333/0001-81", Some("BR"), false), ok("11222333000181"));
        assert_eq!(normalize_tax_id("12.abc.345/01de-35", Some("BR"), false), ok("12ABC34501DE35"));
        assert_eq!(normalize_tax_id("00.000.000/0000-00", Some("BR"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_tax_id("4867209007", Some("BR"), true), restored("04867209007"));
        assert_eq!(normalize_tax_id("4867209007.0", Some("BR"), true), restored("04867209007"));
        assert_eq!(normalize_tax_id("DE136695976", Some("BR"), false), Err(IssueCode::InvalidTaxId));
    }

    #[test]
    fn poland_and_france() {
        assert_eq!(normalize_tax_id("PL1234563218", Some("PL"), false), ok("1234563218"));
        assert_eq!(normalize_tax_id("1234563219", Some("PL"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_tax_id("DE136695976", Some("PL"), false), ok("DE136695976"));
        assert_eq!(normalize_tax_id("732 829 320", Some("FR"), false), ok("732829320"));
        assert_eq!(normalize_tax_id("732 829 320 00074", Some("FR"), false), ok("73282932000074"));
        assert_eq!(normalize_tax_id("FR 40 303 265 045", Some("FR"), false), ok("FR40303265045"));
        assert_eq!(normalize_tax_id("732829321", Some("FR"), false), Err(IssueCode::InvalidTaxId));
    }

    #[test]
    fn other_eu_and_others() {
        assert_eq!(normalize_tax_id("DE 136 695 976", Some("DE"), false), ok("DE136695976"));
        assert_eq!(normalize_tax_id("136695976", Some("DE"), false), ok("136695976"));
        assert_eq!(normalize_tax_id("136695977", Some("DE"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_tax_id("EL 094259216", Some("GR"), false), ok("EL094259216"));
        assert_eq!(normalize_tax_id("94259216", Some("GR"), false), ok("94259216"));
        assert_eq!(normalize_tax_id("12-3456789", Some("US"), false), ok("123456789"));
        assert_eq!(normalize_tax_id("DEPA800101AB1", Some("MX"), false), ok("DEPA800101AB1"));
        assert_eq!(normalize_tax_id("DE136695977", Some("US"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_tax_id("DE136695976", None, false), ok("DE136695976"));
        assert_eq!(normalize_tax_id("980780684", Some("GB"), false), ok("980780684"));
        assert_eq!(normalize_tax_id("GB980780685", Some("GB"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_tax_id("", None, false), ok(""));
    }

    #[test]
    fn vat_numbers() {
        assert_eq!(normalize_vat("de136695976", Some("FR"), false), ok("DE136695976"));
        assert_eq!(normalize_vat("136695976", Some("DE"), false), ok("DE136695976"));
        assert_eq!(normalize_vat("GR094259216", None, false), ok("EL094259216"));
        assert_eq!(normalize_vat("XI980780684", None, false), ok("XI980780684"));
        assert_eq!(normalize_vat("CHE-116.281.710 MWST", None, false), ok("CHE116281710MWST"));
        assert_eq!(normalize_vat("116.281.710 TVA", Some("CH"), false), ok("CHE116281710TVA"));
        assert_eq!(normalize_vat("743110157", Some("IT"), true), restored("IT00743110157"));
        assert_eq!(normalize_vat("743110157", Some("IT"), false), restored("IT00743110157"));
        assert_eq!(normalize_vat("43110157", Some("IT"), false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_vat("123", None, false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize_vat("", Some("DE"), false), Err(IssueCode::InvalidTaxId));
    }

    #[test]
    fn never_panics() {
        let long = "9".repeat(100_000);
        let inputs = ["", "é", "ÉL1234", "\u{200b}", "CHE", "EL", "FR", "PL", "💥💥💥", long.as_str(), "0.0", "1.5"];
        let countries = [None, Some("BR"), Some("PL"), Some("FR"), Some("DE"), Some("GR"), Some("XX"), Some("")];
        for raw in inputs {
            for country in countries {
                for numeric in [false, true] {
                    let _ = normalize_tax_id(raw, country, numeric);
                    let _ = normalize_vat(raw, country, numeric);
                }
            }
        }
    }
}
