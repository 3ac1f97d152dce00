//! Booleans in five languages (en, pt, fr, pl, es), case- and accent-insensitive.

use crate::model::IssueCode;

use super::fold::fold_text;

/// Folded words read as true.
const TRUE_WORDS: &[&str] = &[
    "1",
    "true",
    "yes",
    "y",
    "t",
    "x",
    "sim",
    "s",
    "verdadeiro",
    "v",
    "oui",
    "o",
    "vrai",
    "tak",
    "prawda",
    "si",
    "verdadero",
    "on",
];

/// Folded words read as false.
const FALSE_WORDS: &[&str] = &["0", "false", "no", "n", "f", "nao", "falso", "non", "faux", "nie", "falsz", "off"];

/// Parses a yes/no value. True: `1`, `true`, `yes`, `y`, `t`, `x`, `sim`, `s`, `verdadeiro`,
/// `oui`, `o`, `vrai`, `tak`, `prawda`, `sí`, `verdadero`, `on`; false: `0`, `false`, `no`, `n`,
/// `f`, `não`, `falso`, `non`, `faux`, `nie`, `fałsz`, `off` and an empty text. A boolean cell
/// arrives as `TRUE`/`FALSE`.
///
/// ```
/// use cadastro::checks::boolean::parse_bool;
/// assert_eq!(parse_bool("Sim"), Ok(true));
/// assert_eq!(parse_bool("NÃO"), Ok(false));
/// assert_eq!(parse_bool("fałsz"), Ok(false));
/// assert!(parse_bool("maybe").is_err());
/// ```
///
/// # Errors
/// [`IssueCode::InvalidBoolean`] for any other text.
pub fn parse_bool(raw: &str) -> Result<bool, IssueCode> {
    let key = fold_text(raw);
    if key.is_empty() {
        return Ok(false);
    }
    if TRUE_WORDS.contains(&key.as_str()) {
        Ok(true)
    } else if FALSE_WORDS.contains(&key.as_str()) {
        Ok(false)
    } else {
        Err(IssueCode::InvalidBoolean)
    }
}

/// Reads a person-type value as the is-company flag: `PJ`, `Jurídica`, `Pessoa jurídica`,
/// `Persona jurídica`, `J`, `Company`, `Entreprise`, `Société`, `Firma`, `Empresa` are a company;
/// `PF`, `Física`, `Pessoa física`, `Persona natural`, `Individual`, `Person`, `Particulier`,
/// `Osoba fizyczna` are not. Files such as Bling's or Conta Azul's hold the flag this way
/// (`Tipo pessoa`). `None` for anything else.
///
/// ```
/// use cadastro::checks::boolean::parse_person_type;
/// assert_eq!(parse_person_type("Jurídica"), Some(true));
/// assert_eq!(parse_person_type("PF"), Some(false));
/// assert_eq!(parse_person_type("maybe"), None);
/// ```
pub fn parse_person_type(raw: &str) -> Option<bool> {
    let key = fold_text(raw);
    const COMPANY: &[&str] = &[
        "pj",
        "j",
        "juridica",
        "pessoa juridica",
        "persona juridica",
        "company",
        "business",
        "entreprise",
        "societe",
        "firma",
        "empresa",
        "osoba prawna",
        "professionnel",
    ];
    const PERSON: &[&str] = &[
        "pf",
        "fisica",
        "pessoa fisica",
        "persona natural",
        "persona fisica",
        "individual",
        "person",
        "particulier",
        "osoba fizyczna",
        "consumer",
    ];
    if COMPANY.contains(&key.as_str()) {
        Some(true)
    } else if PERSON.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_in_five_languages() {
        for raw in [
            "1",
            "TRUE",
            "true",
            "Yes",
            "y",
            "SIM",
            "s",
            "Oui",
            "o",
            "Tak",
            "t",
            "x",
            "X",
            "sí",
            "Si",
            "verdadeiro",
            "VRAI",
            "prawda",
            "Verdadero",
            " yes ",
        ] {
            assert_eq!(parse_bool(raw), Ok(true), "{raw:?}");
        }
    }

    #[test]
    fn false_in_five_languages() {
        for raw in ["0", "FALSE", "false", "No", "n", "NÃO", "nao", "Non", "NIE", "Falso", "faux", "Fałsz", "", "  "]
        {
            assert_eq!(parse_bool(raw), Ok(false), "{raw:?}");
        }
    }

    #[test]
    fn anything_else_is_invalid() {
        for raw in ["2", "-1", "maybe", "talvez", "yes!", "1.5", "ja", "-", "?", "sim não", "#N/A", "true false"] {
            assert_eq!(parse_bool(raw), Err(IssueCode::InvalidBoolean), "{raw:?}");
        }
    }
}
