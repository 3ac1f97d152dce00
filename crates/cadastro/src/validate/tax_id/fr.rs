//! France: SIREN (9 digits), SIRET (14 digits) and the FR VAT number (`FR` + 2-character key + SIREN).

use super::check::{digits, fixed, is_digits, luhn_valid, value};

/// The characters of the FR VAT key (no `I`, no `O`).
const KEY_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// True when `number` is a valid SIREN: 9 digits with a Luhn check (separators allowed).
///
/// ```
/// use cadastro::checks::tax_id::is_valid_siren;
/// assert!(is_valid_siren("732 829 320"));
/// assert!(!is_valid_siren("732 829 321"));
/// ```
pub fn is_valid_siren(number: &str) -> bool {
    fixed::<9>(&crate::model::text::compact(number)).is_some_and(|d| luhn_valid(&d))
}

/// True when `number` is a valid SIRET: 14 digits, a valid SIREN followed by a 5-digit
/// establishment number, Luhn over the 14 digits; La Poste's establishments (SIREN 356000000, other
/// than the head office 356 000 000 00048) use "the sum of the digits is a multiple of 5" instead.
///
/// ```
/// use cadastro::checks::tax_id::is_valid_siret;
/// assert!(is_valid_siret("732 829 320 00074"));
/// assert!(is_valid_siret("356 000 000 09002")); // a La Poste office
/// assert!(!is_valid_siret("732 829 320 00075"));
/// ```
pub fn is_valid_siret(number: &str) -> bool {
    let number = crate::model::text::compact(number);
    let Some(d) = fixed::<14>(&number) else { return false };
    let checksum_ok = if number.starts_with("356000000") && number != "35600000000048" {
        d.iter().sum::<u32>() % 5 == 0
    } else {
        luhn_valid(&d)
    };
    checksum_ok && d.get(..9).is_some_and(luhn_valid)
}

/// True when `number` is a valid FR VAT number: optional `FR` prefix, a 2-character key and a
/// SIREN. A numeric key is `(12 + 3 * (SIREN mod 97)) mod 97`; the alphanumeric keys (from
/// `0-9A-Z` without `I` and `O`) use the tax administration's second formula. Monaco's numbers
/// (`000` after the key) need not have a valid SIREN.
///
/// ```
/// use cadastro::checks::tax_id::is_valid_fr_vat;
/// assert!(is_valid_fr_vat("FR 40 303 265 045"));
/// assert!(is_valid_fr_vat("40303265045"));
/// assert!(!is_valid_fr_vat("FR 41 303 265 045"));
/// ```
pub fn is_valid_fr_vat(number: &str) -> bool {
    let number = crate::model::text::compact(number);
    check_vat_body(number.strip_prefix("FR").unwrap_or(&number))
}

/// The FR VAT check on a compact body without the `FR` prefix.
pub(super) fn check_vat_body(body: &str) -> bool {
    let Some((key, siren)) = body.split_at_checked(2) else { return false };
    let Some(siren_digits) = fixed::<9>(siren) else { return false };
    let mut key_chars = key.chars().map(|c| KEY_ALPHABET.find(c));
    let (Some(Some(k0)), Some(Some(k1))) = (key_chars.next(), key_chars.next()) else { return false };
    if !siren.starts_with("000") && !luhn_valid(&siren_digits) {
        return false;
    }
    let siren_value = value(&siren_digits);
    if let Some(key_digits) = digits(key) {
        return value(&key_digits) == (siren_value * 100 + 12) % 97;
    }
    let (k0, k1) = (k0 as u64, k1 as u64);
    let check = if k0 < 10 { k0 * 24 + k1 - 10 } else { k0 * 34 + k1 - 100 };
    (siren_value + 1 + check / 11) % 11 == check % 11
}

/// Normalization of a compact French tax id: SIREN, SIRET or FR VAT number (with or without the
/// prefix); `None` when it is none of them.
pub(super) fn check_tax_id(value: &str) -> bool {
    match value.len() {
        9 => is_valid_siren(value),
        14 if is_digits(value) => is_valid_siret(value),
        11 => check_vat_body(value),
        13 => value.strip_prefix("FR").is_some_and(check_vat_body),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_siret() {
        assert!(is_valid_siren("732829320"));
        assert!(!is_valid_siren("73282932"));
        assert!(is_valid_siret("73282932000074"));
        assert!(!is_valid_siret("35600000000049"));
        assert!(is_valid_siret("35600000000048"));
        assert!(!is_valid_siret("7328293200007A"));
    }

    #[test]
    fn vat() {
        assert!(is_valid_fr_vat("FR40303265045"));
        assert!(is_valid_fr_vat("fr40303265045"));
        assert!(!is_valid_fr_vat("FR4030326504"));
        assert!(!is_valid_fr_vat("FRIO303265045"));
        assert!(!is_valid_fr_vat("FR"));
        assert!(!is_valid_fr_vat("FRé0303265045"));
        // alphanumeric keys: compare with the vectors; here the published example K7 399859412
        assert!(is_valid_fr_vat("FRK7399859412"));
        assert!(!is_valid_fr_vat("FRK8399859412"));
        assert!(check_tax_id("FR40303265045"));
        assert!(check_tax_id("303265045"));
        assert!(check_tax_id("73282932000074"));
        assert!(!check_tax_id("7328293200007"));
    }
}
