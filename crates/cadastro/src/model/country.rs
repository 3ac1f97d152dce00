//! Countries to ISO 3166-1 alpha-2 from codes and names in five languages.
//!
//! The table `data/countries.tsv` is generated from pycountry (ISO 3166-1 and its translations)
//! by `testdata/scripts/make_countries.py`, with a few common aliases (`UK`, `EUA`, `Holland`,
//! `Deutschland`...). It is embedded in the library and indexed once, on first use, into a hash
//! map from folded names (accents, case, spaces and punctuation removed) to countries.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::IssueCode;

use super::fold::fold_key;

/// The generated table: alpha2, alpha3, names in en, pt, fr, pl, es, other names (`|`).
const DATA: &str = include_str!("data/countries.tsv");

/// The display languages of [`country_name`], in the table's column order.
const LANGS: [&str; 5] = ["en", "pt", "fr", "pl", "es"];

struct Country {
    alpha2: &'static str,
    alpha3: &'static str,
    names: [&'static str; 5],
    others: &'static str,
}

struct Table {
    countries: Vec<Country>,
    by_key: HashMap<String, usize>,
}

static TABLE: LazyLock<Table> = LazyLock::new(build);

fn build() -> Table {
    let countries: Vec<Country> = DATA
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let alpha2 = cols.next()?;
            let alpha3 = cols.next()?;
            let names = [cols.next()?, cols.next()?, cols.next()?, cols.next()?, cols.next()?];
            Some(Country { alpha2, alpha3, names, others: cols.next().unwrap_or_default() })
        })
        .collect();
    let mut by_key = HashMap::with_capacity(countries.len() * 10);
    // Codes first, then display names, then other names: the first claim of a key wins.
    for (i, c) in countries.iter().enumerate() {
        by_key.entry(fold_key(c.alpha2)).or_insert(i);
        by_key.entry(fold_key(c.alpha3)).or_insert(i);
    }
    for (i, c) in countries.iter().enumerate() {
        for name in c.names {
            by_key.entry(fold_key(name)).or_insert(i);
        }
    }
    for (i, c) in countries.iter().enumerate() {
        for name in c.others.split('|').filter(|n| !n.is_empty()) {
            by_key.entry(fold_key(name)).or_insert(i);
        }
    }
    by_key.remove("");
    Table { countries, by_key }
}

/// Normalizes a country name or code to its ISO 3166-1 alpha-2 code. Accepts alpha-2, alpha-3
/// and names in English, Portuguese, French, Polish and Spanish, whatever the accents, case,
/// spaces and punctuation.
///
/// ```
/// use cadastro::checks::country::normalize_country;
/// assert_eq!(normalize_country("BR"), Ok("BR"));
/// assert_eq!(normalize_country("bra"), Ok("BR"));
/// assert_eq!(normalize_country("Brésil"), Ok("BR"));
/// assert_eq!(normalize_country("Francja"), Ok("FR"));
/// assert_eq!(normalize_country("EUA"), Ok("US"));
/// assert_eq!(normalize_country("reino unido"), Ok("GB"));
/// assert!(normalize_country("Atlantis").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidCountry`] when the text is no known code or name.
pub fn normalize_country(raw: &str) -> Result<&'static str, IssueCode> {
    let table = &*TABLE;
    let key = fold_key(raw);
    table.by_key.get(&key).and_then(|&i| table.countries.get(i)).map(|c| c.alpha2).ok_or(IssueCode::InvalidCountry)
}

/// The name of a country (alpha-2 code, any case) in `lang`: `en`, `pt`, `fr`, `pl` or `es`
/// (a region suffix such as `pt-BR` or `fr_FR` is ignored; Portuguese names are Brazilian).
///
/// ```
/// use cadastro::checks::country::country_name;
/// assert_eq!(country_name("BR", "fr"), Some("Brésil"));
/// assert_eq!(country_name("de", "pt-BR"), Some("Alemanha"));
/// assert_eq!(country_name("PL", "pl"), Some("Polska"));
/// assert_eq!(country_name("XX", "en"), None);
/// assert_eq!(country_name("BR", "de"), None);
/// ```
pub fn country_name(alpha2: &str, lang: &str) -> Option<&'static str> {
    let base = lang.split(['-', '_']).next().unwrap_or_default();
    let column = LANGS.iter().position(|l| l.eq_ignore_ascii_case(base))?;
    TABLE.countries.iter().find(|c| c.alpha2.eq_ignore_ascii_case(alpha2.trim()))?.names.get(column).copied()
}

/// Every ISO 3166-1 alpha-2 code the table knows, in alphabetical order.
pub fn alpha2_codes() -> impl Iterator<Item = &'static str> {
    TABLE.countries.iter().map(|c| c.alpha2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete() {
        let table = &*TABLE;
        assert_eq!(table.countries.len(), 249);
        assert!(table.by_key.len() > 2000);
        for c in &table.countries {
            assert_eq!(c.alpha2.len(), 2);
            assert_eq!(c.alpha3.len(), 3);
            assert!(c.names.iter().all(|n| !n.is_empty()), "{}", c.alpha2);
        }
    }

    #[test]
    fn every_code_and_display_name_maps_back_to_its_country() {
        for c in &TABLE.countries {
            assert_eq!(normalize_country(c.alpha2), Ok(c.alpha2));
            assert_eq!(normalize_country(&c.alpha2.to_lowercase()), Ok(c.alpha2));
            assert_eq!(normalize_country(c.alpha3), Ok(c.alpha2));
            for name in c.names.iter().chain(c.others.split('|').filter(|n| !n.is_empty()).collect::<Vec<_>>().iter()) {
                assert_eq!(normalize_country(name), Ok(c.alpha2), "{name}");
            }
        }
    }

    #[test]
    fn names_in_five_languages() {
        for (raw, want) in [
            ("Brasil", "BR"),
            ("brésil", "BR"),
            ("BRAZYLIA", "BR"),
            ("Polska", "PL"),
            ("Pologne", "PL"),
            ("Francja", "FR"),
            ("frança", "FR"),
            ("Alemanha", "DE"),
            ("Allemagne", "DE"),
            ("Niemcy", "DE"),
            ("Deutschland", "DE"),
            ("Estados Unidos", "US"),
            ("EUA", "US"),
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("États-Unis d'Amérique", "US"),
            ("Reino Unido", "GB"),
            ("UK", "GB"),
            ("Royaume-Uni", "GB"),
            ("Wielka Brytania", "GB"),
            ("Coreia do Sul", "KR"),
            ("Côte d’Ivoire", "CI"),
            ("cote divoire", "CI"),
            ("Países Baixos", "NL"),
            ("Holanda", "NL"),
            ("España", "ES"),
            ("espanha", "ES"),
            ("Hiszpania", "ES"),
            ("Włochy", "IT"),
            ("Itália", "IT"),
            ("Suisse", "CH"),
            ("Portugal", "PT"),
            ("  portugal\u{a0}", "PT"),
            ("b.r.", "BR"),
        ] {
            assert_eq!(normalize_country(raw), Ok(want), "{raw}");
        }
    }

    #[test]
    fn unknown_names() {
        for raw in ["", " ", "XX", "Atlantis", "Brasi", "123", "Europe", "--", "UE", "Brasil Brasil"] {
            assert_eq!(normalize_country(raw), Err(IssueCode::InvalidCountry), "{raw:?}");
        }
    }

    #[test]
    fn display_names() {
        assert_eq!(country_name("US", "en"), Some("United States"));
        assert_eq!(country_name("US", "pt"), Some("Estados Unidos"));
        assert_eq!(country_name("us", "ES"), Some("Estados Unidos"));
        assert_eq!(country_name("GB", "pl"), Some("Wielka Brytania"));
        assert_eq!(country_name("CI", "fr"), Some("Côte d'Ivoire"));
        assert_eq!(alpha2_codes().count(), 249);
    }
}
