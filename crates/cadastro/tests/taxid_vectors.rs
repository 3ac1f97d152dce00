#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Replays the python-stdnum vectors of testdata/vectors/ (made by
//! testdata/scripts/make_taxid_vectors.py) through the tax id checks and asserts agreement.
//!
//! Deliberate difference: one repeated digit (`11111111111`, `11111111111111`) is an invalid CPF or
//! CNPJ for cadastro (the contract), while stdnum accepts the CPF ones whose check digits match.

use std::path::PathBuf;

use cadastro::checks::tax_id::{
    is_valid_cnpj, is_valid_cpf, is_valid_fr_vat, is_valid_nip, is_valid_siren, is_valid_siret, normalize_tax_id,
    normalize_vat, vat,
};

fn vectors(scheme: &str) -> Vec<(String, bool)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/vectors").join(format!("{scheme}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The compact digits of a number when they are one digit repeated.
fn one_repeated_digit(number: &str) -> bool {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_alphanumeric).collect();
    digits.len() > 1 && digits.iter().all(|c| *c == digits[0])
}

/// Replays `scheme`, returns (vectors, valid ones, deliberate differences); panics listing every
/// disagreement that is not deliberate.
fn replay(scheme: &str, check: impl Fn(&str) -> bool, deliberate: impl Fn(&str) -> bool) -> (usize, usize, usize) {
    let vectors = vectors(scheme);
    assert!(vectors.len() >= 1000, "{scheme}: only {} vectors", vectors.len());
    let mut wrong = Vec::new();
    let mut differ = 0;
    for (number, expected) in &vectors {
        let got = check(number);
        if got != *expected {
            if deliberate(number) {
                differ += 1;
            } else {
                wrong.push(format!("{number:?}: stdnum {expected}, cadastro {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{scheme}: {} of {} disagree:\n{}", wrong.len(), vectors.len(), wrong.join("\n"));
    let valid = vectors.iter().filter(|(_, ok)| *ok).count();
    assert!(valid * 4 >= vectors.len(), "{scheme}: too few valid vectors ({valid})");
    assert!(valid * 4 <= vectors.len() * 3, "{scheme}: too few invalid vectors");
    (vectors.len(), valid, differ)
}

#[test]
fn brazil() {
    for (scheme, deliberate) in [("cpf", true), ("cnpj", true), ("cnpj_alnum", false)] {
        let (n, valid, differ) = replay(
            scheme,
            |s| if scheme == "cpf" { is_valid_cpf(s) } else { is_valid_cnpj(s) },
            |s| deliberate && one_repeated_digit(s),
        );
        println!("{scheme}: {n} vectors, {valid} valid, {differ} deliberate differences (one repeated digit)");
    }
    // the engine entry point agrees on full-length values
    for scheme in ["cpf", "cnpj", "cnpj_alnum"] {
        for (number, expected) in vectors(scheme) {
            let compact: String = number.chars().filter(char::is_ascii_alphanumeric).collect();
            if compact.len() == 11 || compact.len() == 14 {
                let got = normalize_tax_id(&number, Some("BR"), false);
                assert_eq!(got.is_ok(), expected && !one_repeated_digit(&number), "{scheme} {number}");
            }
        }
    }
}

#[test]
fn poland_and_france() {
    type Check = fn(&str) -> bool;
    let checks: [(&str, Check); 4] =
        [("nip", is_valid_nip), ("siren", is_valid_siren), ("siret", is_valid_siret), ("vat_fr", is_valid_fr_vat)];
    for (scheme, check) in checks {
        let (n, valid, _) = replay(scheme, check, |_| false);
        println!("{scheme}: {n} vectors, {valid} valid, all agree with stdnum");
    }
    for (number, expected) in vectors("vat_fr") {
        let got = normalize_vat(&number, Some("FR"), false);
        if expected {
            let value = got.unwrap().value;
            assert!(value.starts_with("FR") && value.len() == 13, "{number} -> {value}");
        }
    }
}

#[test]
fn every_vat_country() {
    let mut summary = Vec::new();
    for country in vat::COUNTRIES {
        let scheme = format!("vat_{}", country.to_ascii_lowercase());
        let (n, valid, _) = replay(&scheme, |number| vat::is_valid(country, number), |_| false);
        summary.push(format!("{scheme} {n} ({valid} valid)"));
        println!("{scheme}: {n} vectors, {valid} valid, all agree with stdnum");
        // normalize_vat accepts the valid ones, with the country's prefix
        let prefix = vat::prefix(country).unwrap();
        for (number, expected) in vectors(&scheme) {
            if expected {
                let fixed = normalize_vat(&number, Some(country), false).unwrap_or_else(|e| panic!("{number}: {e:?}"));
                let xi = country == "GB" && number.to_ascii_uppercase().starts_with("XI");
                assert!(fixed.value.starts_with(if xi { "XI" } else { prefix }), "{number} -> {}", fixed.value);
                assert!(vat::is_valid(country, &fixed.value), "{number} -> {}", fixed.value);
            }
        }
    }
    assert_eq!(summary.len(), 30);
}
