//! The file's default country, inferred from its evidence when neither the profile nor the
//! host sets one (CONTRACT section 8, `source.country_inferred`).
//!
//! Each kind of evidence looks at the first [`INFER_ROWS`] data rows (the rows a streaming
//! validation has in its first chunk, so both pipelines infer the same country) and votes for
//! at most one country:
//! - `tax_id`: values shaped like a formatted CPF (`NNN.NNN.NNN-NN`) or CNPJ
//!   (`NN.NNN.NNN/NNNN-NN`), or with valid CPF/CNPJ check digits, count for BR; valid NIPs for
//!   PL; valid SIREN/SIRET for FR;
//! - `phone`: numbers written with a country code count for that country; others for each of
//!   BR, PL, FR, ES where they are valid national numbers (a legacy 8-digit Brazilian mobile
//!   counts for BR);
//! - `postal_code`: `NNNNN-NNN` (or 8 digits) counts for BR, `NN-NNN` for PL;
//! - `country`: the values of a country column;
//! - `header_language`: Portuguese headers vote BR, Polish PL, French FR, Spanish ES.
//!
//! A kind votes when one country gathers the most values and at least half of its non-blank
//! values. The country with the most votes wins; a tie, or no vote, infers nothing.

use std::collections::BTreeMap;

use crate::model::Locale;
use crate::model::Row;
use crate::model::{Field, FieldKind};
use crate::profile::ColumnMapping;

use super::{country, phone, tax_id};

/// How many data rows the inference reads: the header search window, which the first chunk of
/// a streaming validation always holds (see [`crate::Importer::run`]).
pub const INFER_ROWS: usize = 30;

/// The countries the phone evidence tries for numbers written without a country code.
const PHONE_REGIONS: &[&str] = &["BR", "PL", "FR", "ES"];

pub use crate::model::CountryInferred;

/// Infers the default country of a file from its mapped columns, its first [`INFER_ROWS`]
/// rows and the language of its headers.
///
/// ```
/// use cadastro::{Importer, ImportOptions, Source};
/// let csv = "Nome;CPF\nAna;123.456.789-00\n";
/// let report = Importer::new(ImportOptions::default())?.validate(&Source::from_bytes(csv.as_bytes().to_vec()))?;
/// let inferred = report.source.country_inferred.as_ref().unwrap();
/// assert_eq!(inferred.country, "BR");
/// assert_eq!(inferred.evidence, ["tax_id", "header_language"]);
/// assert_eq!(report.issues[0].code.as_str(), "invalid_tax_id");
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn infer_country(columns: &[ColumnMapping], rows: &[Row], language: Option<Locale>) -> Option<CountryInferred> {
    let rows = rows.get(..rows.len().min(INFER_ROWS)).unwrap_or_default();
    let values = |kind: &dyn Fn(Field) -> bool| -> Vec<String> {
        columns
            .iter()
            .filter(|c| c.field.as_ref().and_then(|t| t.field()).is_some_and(kind))
            .flat_map(|c| rows.iter().map(move |r| r.cell(c.index)))
            .filter(|cell| !cell.is_blank())
            .map(|cell| cell.as_text().trim().to_owned())
            .collect()
    };
    let mut votes: Vec<(&'static str, String)> = Vec::new();
    let mut vote = |kind: &'static str, counts: BTreeMap<String, usize>, total: usize| {
        if let Some(country) = winner(&counts, total) {
            votes.push((kind, country));
        }
    };
    let tax = values(&|f| f.kind() == FieldKind::TaxId);
    vote("tax_id", count(&tax, tax_id_countries), tax.len());
    let phones = values(&|f| f.kind() == FieldKind::Phone);
    vote("phone", count(&phones, phone_countries), phones.len());
    let postal = values(&|f| f.kind() == FieldKind::PostalCode);
    vote("postal_code", count(&postal, postal_countries), postal.len());
    let countries = values(&|f| f == Field::Country);
    vote(
        "country",
        count(&countries, |v| country::normalize_country(v).map(|c| vec![c.to_owned()]).unwrap_or_default()),
        countries.len(),
    );
    let from_language = match language {
        Some(Locale::PtBr) => Some("BR"),
        Some(Locale::Pl) => Some("PL"),
        Some(Locale::Fr) => Some("FR"),
        Some(Locale::Es) => Some("ES"),
        _ => None,
    };
    if let Some(c) = from_language {
        votes.push(("header_language", c.to_owned()));
    }
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c) in &votes {
        *tally.entry(c.as_str()).or_default() += 1;
    }
    let best = tally.values().copied().max()?;
    let mut leaders = tally.iter().filter(|(_, n)| **n == best).map(|(c, _)| *c);
    let country = leaders.next()?.to_owned();
    if leaders.next().is_some() {
        return None;
    }
    let evidence = votes.iter().filter(|(_, c)| *c == country).map(|(k, _)| (*k).to_owned()).collect();
    Some(CountryInferred { country, evidence })
}

/// How many values count for each country.
fn count(values: &[String], countries_of: impl Fn(&str) -> Vec<String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for v in values {
        for c in countries_of(v) {
            *counts.entry(c).or_default() += 1;
        }
    }
    counts
}

/// The country with the most values, when it is the only one with that many and holds at least
/// half of the `total` non-blank values.
fn winner(counts: &BTreeMap<String, usize>, total: usize) -> Option<String> {
    let best = counts.values().copied().max()?;
    let mut leaders = counts.iter().filter(|(_, n)| **n == best);
    let (country, _) = leaders.next()?;
    (leaders.next().is_none() && best > 0 && best * 2 >= total).then(|| country.clone())
}

/// The shape of a value: every digit as `9`, other characters kept.
fn shape(value: &str) -> String {
    value.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
}

fn tax_id_countries(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let s = shape(v);
    if s == "999.999.999-99" || s == "99.999.999/9999-99" || tax_id::is_valid_cpf(v) || tax_id::is_valid_cnpj(v) {
        out.push("BR".to_owned());
    }
    if tax_id::is_valid_nip(v) {
        out.push("PL".to_owned());
    }
    if tax_id::is_valid_siren(v) || tax_id::is_valid_siret(v) {
        out.push("FR".to_owned());
    }
    out
}

fn phone_countries(v: &str) -> Vec<String> {
    let international = v.starts_with('+') || v.starts_with("00");
    if international {
        return phone::normalize_phone(v, None)
            .ok()
            .and_then(|e164| calling_code_country(&e164))
            .map(|c| vec![c.to_owned()])
            .unwrap_or_default();
    }
    PHONE_REGIONS
        .iter()
        .filter(|r| phone::normalize_phone(v, Some(r)).is_ok_and(|e| e.starts_with(calling_code(r))))
        .map(|r| (*r).to_owned())
        .collect()
}

fn calling_code(region: &str) -> &'static str {
    match region {
        "BR" => "+55",
        "PL" => "+48",
        "FR" => "+33",
        "ES" => "+34",
        _ => "+",
    }
}

fn calling_code_country(e164: &str) -> Option<&'static str> {
    PHONE_REGIONS.iter().copied().find(|r| e164.starts_with(calling_code(r)))
}

fn postal_countries(v: &str) -> Vec<String> {
    match shape(v).as_str() {
        "99999-999" | "99999999" => vec!["BR".to_owned()],
        "99-999" => vec!["PL".to_owned()],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;
    use crate::profile::MatchReason;
    use crate::profile::Target;

    fn table(fields: &[Field], rows: &[&[&str]]) -> (Vec<ColumnMapping>, Vec<Row>) {
        let columns = fields
            .iter()
            .enumerate()
            .map(|(i, f)| ColumnMapping {
                column: char::from(b'A' + i as u8).to_string(),
                index: i,
                header: f.as_str().to_owned(),
                field: Some(Target::Field(*f)),
                confidence: 1.0,
                reason: MatchReason::ProfileLabel,
                needs_review: false,
                merged_from: Vec::new(),
            })
            .collect();
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                row: i as u32 + 2,
                line: None,
                cells: cells.iter().map(|c| Cell::Text((*c).to_owned())).collect(),
            })
            .collect();
        (columns, rows)
    }

    fn infer(fields: &[Field], rows: &[&[&str]], lang: Option<Locale>) -> Option<(String, Vec<String>)> {
        let (c, r) = table(fields, rows);
        infer_country(&c, &r, lang).map(|i| (i.country, i.evidence))
    }

    fn ev(kinds: &[&str]) -> Vec<String> {
        kinds.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn brazilian_evidence() {
        let f = [Field::Name, Field::TaxId, Field::MobilePhone, Field::PostalCode];
        let rows: &[&[&str]] = &[
            &["Ana", "529.982.247-25", "(11) 98765-4321", "01310-100"],
            &["Bia", "11.222.333/0001-81", "(85) 9508-7624", "60160-230"],
            &["Caio", "", "", ""],
        ];
        assert_eq!(infer(&f, rows, None), Some(("BR".into(), ev(&["tax_id", "phone", "postal_code"]))));
        assert_eq!(infer(&f, rows, Some(Locale::En)), Some(("BR".into(), ev(&["tax_id", "phone", "postal_code"]))));
    }

    #[test]
    fn polish_french_spanish() {
        let f = [Field::Name, Field::TaxId, Field::Phone, Field::PostalCode];
        let pl: &[&[&str]] = &[&["Firma", "PL 526-000-12-46", "600 123 456", "00-950"]];
        assert_eq!(infer(&f, pl, Some(Locale::Pl)).map(|x| x.0), Some("PL".into()));
        let fr: &[&[&str]] = &[&["Société", "732 829 320", "06 12 34 56 78", "75008"]];
        assert_eq!(infer(&f, fr, None), Some(("FR".into(), ev(&["tax_id", "phone"]))));
        let es: &[&[&str]] = &[&["Empresa", "", "+34 612 34 56 78", "28001"]];
        assert_eq!(infer(&f, es, Some(Locale::Es)), Some(("ES".into(), ev(&["phone", "header_language"]))));
    }

    #[test]
    fn header_language_alone_and_country_column() {
        assert_eq!(
            infer(&[Field::Name], &[&["Ana"]], Some(Locale::PtBr)),
            Some(("BR".into(), ev(&["header_language"])))
        );
        let rows: &[&[&str]] = &[&["A", "Brasil"], &["B", "Brazil"], &["C", "PL"]];
        assert_eq!(infer(&[Field::Name, Field::Country], rows, None), Some(("BR".into(), ev(&["country"]))));
    }

    #[test]
    fn unclear_evidence_infers_nothing() {
        assert_eq!(infer(&[Field::Name], &[&["Ana"]], None), None);
        assert_eq!(infer(&[Field::Name], &[&["Ana"]], Some(Locale::En)), None);
        // Polish phones, Brazilian headers: one vote each.
        assert_eq!(infer(&[Field::Name, Field::Phone], &[&["Ana", "+48 600 123 456"]], Some(Locale::PtBr)), None);
        // Mostly unrecognisable tax ids: no majority.
        let rows: &[&[&str]] = &[&["A", "529.982.247-25"], &["B", "X1"], &["C", "X2"]];
        assert_eq!(infer(&[Field::Name, Field::TaxId], rows, None), None);
    }

    #[test]
    fn only_the_first_rows_count() {
        let mut rows: Vec<&[&str]> = vec![&["A", ""]; INFER_ROWS];
        rows.push(&["B", "529.982.247-25"]);
        assert_eq!(infer(&[Field::Name, Field::TaxId], &rows, None), None);
    }
}
