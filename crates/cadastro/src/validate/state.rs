//! States and regions; Brazilian states to their UF.
//!
//! For Brazil the 27 federative units are recognised by their code (`SP`, `BR-SP`) or their
//! name with or without accents, also preceded by `Estado de/do/da` (`São Paulo`, `sao paulo`,
//! `Estado do Rio Grande do Sul`). Other countries keep the text as written, trimmed.

use std::sync::LazyLock;

use crate::model::IssueCode;

use super::fold::fold_key;
use super::text::clean;

/// The 27 Brazilian federative units (26 states and the Federal District), alphabetical by code.
pub const BR_UFS: [&str; 27] = [
    "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR", "RJ",
    "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
];

/// The names of the units, in the order of [`BR_UFS`].
pub const BR_UF_NAMES: [&str; 27] = [
    "Acre",
    "Alagoas",
    "Amazonas",
    "Amapá",
    "Bahia",
    "Ceará",
    "Distrito Federal",
    "Espírito Santo",
    "Goiás",
    "Maranhão",
    "Minas Gerais",
    "Mato Grosso do Sul",
    "Mato Grosso",
    "Pará",
    "Paraíba",
    "Pernambuco",
    "Piauí",
    "Paraná",
    "Rio de Janeiro",
    "Rio Grande do Norte",
    "Rondônia",
    "Roraima",
    "Rio Grande do Sul",
    "Santa Catarina",
    "Sergipe",
    "São Paulo",
    "Tocantins",
];

/// [`BR_UF_NAMES`] folded once.
static FOLDED_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| BR_UF_NAMES.iter().map(|n| fold_key(n)).collect());

/// Folded prefixes that may precede a state name.
const PREFIXES: [&str; 4] = ["estadode", "estadodo", "estadoda", "estado"];

/// Normalizes a state; for Brazil (`country` `BR`, any case) to the two-letter UF.
///
/// ```
/// use cadastro::checks::state::normalize_state;
/// assert_eq!(normalize_state("São Paulo", Some("BR")).unwrap(), "SP");
/// assert_eq!(normalize_state("rio grande do sul", Some("BR")).unwrap(), "RS");
/// assert_eq!(normalize_state("sp", Some("BR")).unwrap(), "SP");
/// assert!(normalize_state("Texas", Some("BR")).is_err());
/// assert_eq!(normalize_state(" Île-de-France ", Some("FR")).unwrap(), "Île-de-France");
/// ```
///
/// # Errors
/// [`IssueCode::InvalidEnum`] for a Brazilian state that is no UF.
pub fn normalize_state(raw: &str, country: Option<&str>) -> Result<String, IssueCode> {
    let cleaned = clean(raw);
    if !country.is_some_and(|c| c.trim().eq_ignore_ascii_case("BR")) {
        return Ok(cleaned.into_owned());
    }
    br_uf(&cleaned).map(str::to_owned).ok_or(IssueCode::InvalidEnum)
}

/// The UF of a Brazilian state given by code or name; `None` when unknown.
///
/// ```
/// use cadastro::checks::state::br_uf;
/// assert_eq!(br_uf("Espirito Santo"), Some("ES"));
/// assert_eq!(br_uf("BR-MG"), Some("MG"));
/// assert_eq!(br_uf("Brasília"), Some("DF"));
/// ```
pub fn br_uf(raw: &str) -> Option<&'static str> {
    let key = fold_key(raw);
    let key = key.strip_prefix("br").filter(|k| k.len() == 2).unwrap_or(&key);
    if key.len() == 2 {
        return BR_UFS.iter().find(|uf| uf.eq_ignore_ascii_case(key)).copied();
    }
    let by_name = |k: &str| FOLDED_NAMES.iter().position(|name| name == k).and_then(|i| BR_UFS.get(i).copied());
    if key == "brasilia" {
        return Some("DF");
    }
    by_name(key).or_else(|| PREFIXES.iter().find_map(|p| key.strip_prefix(p).and_then(by_name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_uf_by_code_and_name() {
        for (uf, name) in BR_UFS.iter().zip(BR_UF_NAMES) {
            assert_eq!(normalize_state(uf, Some("BR")).as_deref(), Ok(*uf));
            assert_eq!(normalize_state(&uf.to_lowercase(), Some("br")).as_deref(), Ok(*uf));
            assert_eq!(normalize_state(name, Some("BR")).as_deref(), Ok(*uf), "{name}");
            assert_eq!(normalize_state(&name.to_uppercase(), Some("BR")).as_deref(), Ok(*uf), "{name}");
            assert_eq!(normalize_state(&fold_key(name), Some("BR")).as_deref(), Ok(*uf), "{name}");
        }
        let mut sorted = BR_UFS;
        sorted.sort_unstable();
        assert_eq!(sorted, BR_UFS);
    }

    #[test]
    fn variants() {
        assert_eq!(normalize_state("Estado de São Paulo", Some("BR")), Ok("SP".into()));
        assert_eq!(normalize_state("Estado do Rio de Janeiro", Some("BR")), Ok("RJ".into()));
        assert_eq!(normalize_state("Mato Grosso", Some("BR")), Ok("MT".into()));
        assert_eq!(normalize_state("Mato Grosso do Sul", Some("BR")), Ok("MS".into()));
        assert_eq!(normalize_state("rondonia", Some("BR")), Ok("RO".into()));
        assert_eq!(normalize_state("S.P.", Some("BR")), Ok("SP".into()));
        assert_eq!(normalize_state(" BR-RS ", Some("BR")), Ok("RS".into()));
    }

    #[test]
    fn unknown_brazilian_states() {
        for raw in ["", "XX", "São Paolo", "Paulo", "Estado", "Rio", "Texas", "BR", "12"] {
            assert_eq!(normalize_state(raw, Some("BR")), Err(IssueCode::InvalidEnum), "{raw:?}");
        }
    }

    #[test]
    fn other_countries_keep_the_text() {
        assert_eq!(normalize_state("  Mazowieckie ", Some("PL")), Ok("Mazowieckie".into()));
        assert_eq!(normalize_state("SP", None), Ok("SP".into()));
        assert_eq!(normalize_state("Bavaria", Some("DE")), Ok("Bavaria".into()));
    }
}
