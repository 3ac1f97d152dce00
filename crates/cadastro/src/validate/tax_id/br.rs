//! Brazil: CPF (11 digits) and CNPJ (14 characters, numeric or alphanumeric).

use crate::model::IssueCode;
use crate::validate::Fixed;

use super::check::{fixed, is_digits};

/// The check digit of the CPF/CNPJ family: `(11 - sum % 11) % 11 % 10`, i.e. 0 when the
/// remainder is 0 or 1, else `11 - remainder`.
fn check_digit(values: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(weights).map(|(v, w)| v * w).sum();
    (11 - sum % 11) % 11 % 10
}

fn all_same(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|first| bytes.all(|b| b == first))
}

/// True when `number` is a valid CPF: 11 digits (separators `.`, `-`, `/` and spaces allowed),
/// two mod-11 check digits, not one digit repeated.
///
/// ```
/// use cadastro::checks::tax_id::is_valid_cpf;
/// assert!(is_valid_cpf("529.982.247-25"));
/// assert!(!is_valid_cpf("529.982.247-26"));
/// assert!(!is_valid_cpf("111.111.111-11")); // check digits match, but one repeated digit
/// ```
pub fn is_valid_cpf(number: &str) -> bool {
    let number = crate::model::text::compact(number);
    let Some(d) = fixed::<11>(&number) else { return false };
    if all_same(&number) {
        return false;
    }
    let d1 = check_digit(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let d2 = check_digit(&d[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    d1 == d[9] && d2 == d[10]
}

/// True when `number` is a valid CNPJ: 14 characters (separators allowed, letters in any case),
/// the first 12 in `[0-9A-Z]` (the alphanumeric CNPJ issued since July 2026), the last 2 numeric
/// check digits computed on the character values minus 48 (`'A'` = 17); not one digit repeated.
///
/// ```
/// use cadastro::checks::tax_id::is_valid_cnpj;
/// assert!(is_valid_cnpj("11.222.333/0001-81"));
/// assert!(is_valid_cnpj("12.ABC.345/01DE-35"));
/// assert!(!is_valid_cnpj("12.ABC.345/01DE-36"));
/// assert!(!is_valid_cnpj("00.000.000/0000-00"));
/// ```
pub fn is_valid_cnpj(number: &str) -> bool {
    let number = crate::model::text::compact(number);
    if number.len() != 14 || all_same(&number) || number.starts_with("000000000000") {
        return false;
    }
    let Some((body, check)) = number.split_at_checked(12) else { return false };
    if !body.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        return false;
    }
    let Some([c1, c2]) = fixed::<2>(check) else { return false };
    let mut values: Vec<u32> = body.bytes().map(|b| u32::from(b) - 48).collect();
    let d1 = check_digit(&values, &[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    values.push(d1);
    let d2 = check_digit(&values, &[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    d1 == c1 && d2 == c2
}

/// Normalizes a compact Brazilian tax id. Rules for digits-only values:
/// - 11 digits: CPF; 14 digits: CNPJ.
/// - text of 9 or 10 digits: a CPF that lost 1-2 leading zeros; text of 12 or 13 digits: a CNPJ
///   that lost 1-2 leading zeros (padded, then checked: `leading_zeros_restored`).
/// - a numeric cell: the digits as they are when they already make a valid CPF/CNPJ; else padded to
///   11 (CPF) when there are at most 11 digits, and, if that is not a valid CPF, padded to 14 (CNPJ).
///   So a numeric `191` becomes the CPF `00000000191`, not the CNPJ `00000000000191`: a short
///   number that checks as both is read as a CPF.
///
/// A value with letters must be a 14-character alphanumeric CNPJ.
pub(super) fn normalize(value: &str, numeric_cell: bool) -> Result<Fixed, IssueCode> {
    match value.len() {
        11 if is_valid_cpf(value) => return Ok(Fixed::new(value.to_owned())),
        14 if is_valid_cnpj(value) => return Ok(Fixed::new(value.to_owned())),
        _ => {}
    }
    if !is_digits(value) {
        return Err(IssueCode::InvalidTaxId);
    }
    let targets: &[usize] = match (numeric_cell, value.len()) {
        (true, 1..=11) => &[11, 14],
        (true, 12..=13) | (false, 12..=13) => &[14],
        (false, 9..=10) => &[11],
        _ => &[],
    };
    for &len in targets {
        if len <= value.len() {
            continue;
        }
        let padded = format!("{value:0>len$}");
        let ok = if len == 11 { is_valid_cpf(&padded) } else { is_valid_cnpj(&padded) };
        if ok {
            return Ok(Fixed::restored(padded));
        }
    }
    Err(IssueCode::InvalidTaxId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpf() {
        assert!(is_valid_cpf("52998224725"));
        assert!(is_valid_cpf("529 982 247 25"));
        assert!(!is_valid_cpf("52998224752"));
        for d in 0..10 {
            assert!(!is_valid_cpf(&d.to_string().repeat(11)));
        }
        assert!(!is_valid_cpf("5299822472"));
        assert!(!is_valid_cpf("529982247250"));
        assert!(!is_valid_cpf("5299822472٥"));
        assert!(!is_valid_cpf(""));
    }

    #[test]
    fn cnpj() {
        assert!(is_valid_cnpj("11222333000181"));
        assert!(!is_valid_cnpj("11222333000182"));
        assert!(is_valid_cnpj("12abc34501de35"));
        assert!(!is_valid_cnpj("12ABC34501DE3A"));
        assert!(!is_valid_cnpj("12ABC34501DÉ35"));
        assert!(!is_valid_cnpj("11111111111111"));
        // Banco do Brasil
        assert!(is_valid_cnpj("00.000.000/0001-91"));
    }

    #[test]
    fn padding_rules() {
        // text: 10 digits -> CPF padded; 13 digits -> CNPJ padded
        assert_eq!(normalize("1234567891", false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize("1234567890", false), Ok(Fixed::restored("01234567890".into())));
        let cpf = normalize("4867209007", false).unwrap();
        assert_eq!(cpf, Fixed::restored("04867209007".into()));
        assert_eq!(normalize("191", false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize("191", true), Ok(Fixed::restored("00000000191".into())));
        let cnpj = normalize("6990590000123", false).unwrap();
        assert_eq!(cnpj, Fixed::restored("06990590000123".into()));
        assert_eq!(normalize("52998224725", true), Ok(Fixed::new("52998224725".into())));
        assert_eq!(normalize("529982247", false), Err(IssueCode::InvalidTaxId));
        assert_eq!(normalize("ABC", false), Err(IssueCode::InvalidTaxId));
    }
}
