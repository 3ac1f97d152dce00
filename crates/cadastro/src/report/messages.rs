//! Issue messages in English, Portuguese (pt-BR) and French. The code never changes with the
//! locale; only the words do. Messages name fields, rows and formats, never cell contents.

use serde::{Deserialize, Serialize};

use super::IssueCode;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Locale {
    /// English (default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
    /// French.
    #[serde(rename = "fr")]
    Fr,
}

impl Locale {
    /// Parses `en`, `pt-BR` (or `pt`, `pt_BR`), `fr` (or `fr-FR`), case-insensitively.
    ///
    /// ```
    /// use cadastro::report::Locale;
    /// assert_eq!(Locale::parse("pt_br"), Some(Locale::PtBr));
    /// assert_eq!(Locale::parse("de"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        match lower.split('-').next().unwrap_or("") {
            "en" => Some(Locale::En),
            "pt" => Some(Locale::PtBr),
            "fr" => Some(Locale::Fr),
            _ => None,
        }
    }

    /// The tag (`en`, `pt-BR`, `fr`).
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::PtBr => "pt-BR",
            Locale::Fr => "fr",
        }
    }
}

/// Extra facts a message can mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Detail {
    /// Nothing more.
    #[default]
    None,
    /// The row where the key was first seen (duplicate_key) or the main contact kept.
    Row(u32),
    /// Field counts (ragged_row): found, expected.
    Counts(usize, usize),
}

/// Renders the message of an issue about `what` (a field's header or name).
pub(crate) fn render(code: IssueCode, locale: Locale, what: &str, detail: Detail) -> String {
    use IssueCode as C;
    use Locale as L;
    let row = match detail {
        Detail::Row(r) => r,
        _ => 0,
    };
    let (found, expected) = match detail {
        Detail::Counts(f, e) => (f, e),
        _ => (0, 0),
    };
    match (code, locale) {
        (C::Required, L::En) => format!("{what} is required"),
        (C::Required, L::PtBr) => format!("{what} é obrigatório"),
        (C::Required, L::Fr) => format!("{what} est obligatoire"),
        (C::InvalidTaxId, L::En) => format!("{what}: not a valid tax id (format or check digits)"),
        (C::InvalidTaxId, L::PtBr) => format!("{what}: documento inválido (formato ou dígitos verificadores)"),
        (C::InvalidTaxId, L::Fr) => format!("{what} : identifiant fiscal invalide (format ou clé de contrôle)"),
        (C::InvalidEmail, L::En) => format!("{what}: not a valid e-mail address"),
        (C::InvalidEmail, L::PtBr) => format!("{what}: e-mail inválido"),
        (C::InvalidEmail, L::Fr) => format!("{what} : adresse e-mail invalide"),
        (C::InvalidPhone, L::En) => format!("{what}: not a valid phone number for the country"),
        (C::InvalidPhone, L::PtBr) => format!("{what}: telefone inválido para o país"),
        (C::InvalidPhone, L::Fr) => format!("{what} : numéro de téléphone invalide pour le pays"),
        (C::InvalidPostalCode, L::En) => format!("{what}: not a valid postal code for the country"),
        (C::InvalidPostalCode, L::PtBr) => format!("{what}: CEP/código postal inválido para o país"),
        (C::InvalidPostalCode, L::Fr) => format!("{what} : code postal invalide pour le pays"),
        (C::InvalidCountry, L::En) => format!("{what}: unknown country"),
        (C::InvalidCountry, L::PtBr) => format!("{what}: país desconhecido"),
        (C::InvalidCountry, L::Fr) => format!("{what} : pays inconnu"),
        (C::InvalidNumber, L::En) => format!("{what}: not a number in the accepted range"),
        (C::InvalidNumber, L::PtBr) => format!("{what}: número inválido ou fora do intervalo"),
        (C::InvalidNumber, L::Fr) => format!("{what} : nombre invalide ou hors limites"),
        (C::InvalidEnum, L::En) => format!("{what}: not one of the accepted values"),
        (C::InvalidEnum, L::PtBr) => format!("{what}: valor não aceito"),
        (C::InvalidEnum, L::Fr) => format!("{what} : valeur non acceptée"),
        (C::InvalidBoolean, L::En) => format!("{what}: expected yes or no"),
        (C::InvalidBoolean, L::PtBr) => format!("{what}: esperado sim ou não"),
        (C::InvalidBoolean, L::Fr) => format!("{what} : oui ou non attendu"),
        (C::InvalidIban, L::En) => format!("{what}: not a valid IBAN (format or check digits)"),
        (C::InvalidIban, L::PtBr) => format!("{what}: IBAN inválido (formato ou dígitos verificadores)"),
        (C::InvalidIban, L::Fr) => format!("{what} : IBAN invalide (format ou clé de contrôle)"),
        (C::InvalidDate, L::En) => format!("{what}: not a date"),
        (C::InvalidDate, L::PtBr) => format!("{what}: data inválida"),
        (C::InvalidDate, L::Fr) => format!("{what} : date invalide"),
        (C::InvalidCell, L::En) => format!("{what}: the spreadsheet shows an error value instead of data"),
        (C::InvalidCell, L::PtBr) => format!("{what}: a planilha mostra um erro no lugar do dado"),
        (C::InvalidCell, L::Fr) => format!("{what} : le tableur affiche une erreur au lieu d'une donnée"),
        (C::TooLong, L::En) => format!("{what}: too long"),
        (C::TooLong, L::PtBr) => format!("{what}: texto longo demais"),
        (C::TooLong, L::Fr) => format!("{what} : texte trop long"),
        (C::DuplicateKey, L::En) => format!("{what}: already used on row {row}"),
        (C::DuplicateKey, L::PtBr) => format!("{what}: já usado na linha {row}"),
        (C::DuplicateKey, L::Fr) => format!("{what} : déjà utilisé à la ligne {row}"),
        (C::UnknownParent, L::En) => {
            format!("{what}: the parent customer is not in the file nor in the base (or the parents form a cycle)")
        }
        (C::UnknownParent, L::PtBr) => {
            format!("{what}: o cliente pai não está no arquivo nem na base (ou os pais formam um ciclo)")
        }
        (C::UnknownParent, L::Fr) => format!(
            "{what} : le client parent n'est ni dans le fichier ni dans la base (ou les parents forment un cycle)"
        ),
        (C::RaggedRow, L::En) => format!("the row has {found} fields, the header has {expected}"),
        (C::RaggedRow, L::PtBr) => format!("a linha tem {found} campos, o cabeçalho tem {expected}"),
        (C::RaggedRow, L::Fr) => format!("la ligne a {found} champs, l'en-tête en a {expected}"),
        (C::KeyConflict, L::En) => format!("{what}: the row's keys point to two different stored customers"),
        (C::KeyConflict, L::PtBr) => {
            format!("{what}: as chaves da linha apontam para dois clientes diferentes da base")
        }
        (C::KeyConflict, L::Fr) => {
            format!("{what} : les clés de la ligne désignent deux clients différents de la base")
        }
        (C::CustomerRejected, L::En) => format!("rejected with its customer: see the errors on row {row}"),
        (C::CustomerRejected, L::PtBr) => format!("rejeitada junto com o cliente: veja os erros da linha {row}"),
        (C::CustomerRejected, L::Fr) => format!("rejetée avec son client : voir les erreurs de la ligne {row}"),
        (C::LeadingZerosRestored, L::En) => format!("{what}: leading zeros lost by a numeric cell were restored"),
        (C::LeadingZerosRestored, L::PtBr) => {
            format!("{what}: zeros à esquerda perdidos pela planilha foram restaurados")
        }
        (C::LeadingZerosRestored, L::Fr) => {
            format!("{what} : les zéros initiaux perdus par le tableur ont été rétablis")
        }
        (C::MultipleMainContacts, L::En) => {
            format!("{what}: several main contacts; the one on row {row} is kept as main")
        }
        (C::MultipleMainContacts, L::PtBr) => {
            format!("{what}: vários contatos principais; o da linha {row} fica como principal")
        }
        (C::MultipleMainContacts, L::Fr) => {
            format!("{what} : plusieurs contacts principaux ; celui de la ligne {row} est retenu")
        }
        (C::FormulaLikeValue, L::En) => format!("{what}: starts like a spreadsheet formula; kept as text"),
        (C::FormulaLikeValue, L::PtBr) => format!("{what}: começa como uma fórmula de planilha; mantido como texto"),
        (C::FormulaLikeValue, L::Fr) => {
            format!("{what} : commence comme une formule de tableur ; conservé comme texte")
        }
        (C::UnmappedColumn, L::En) => format!("column {what} maps to no field and was ignored"),
        (C::UnmappedColumn, L::PtBr) => format!("a coluna {what} não corresponde a nenhum campo e foi ignorada"),
        (C::UnmappedColumn, L::Fr) => format!("la colonne {what} ne correspond à aucun champ et a été ignorée"),
    }
}

/// One side of a `key_conflict`: a stored customer (its host id and its external id or tax
/// id), or a key of the row that is not stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictSide<'a> {
    /// A stored customer: host id, and the key it is known by (`external_id`/`tax_id` and value).
    Stored {
        /// The host's id.
        id: &'a str,
        /// The field naming it.
        field: &'a str,
        /// Its value.
        value: &'a str,
    },
    /// The row's new external id (matches no stored customer).
    NewExternalId(&'a str),
}

/// The message of a `key_conflict` naming both customers.
///
/// ```
/// use cadastro::report::{ConflictSide, Locale, key_conflict_message};
/// let a = ConflictSide::Stored { id: "1", field: "external_id", value: "C-1" };
/// let b = ConflictSide::Stored { id: "2", field: "external_id", value: "C-2" };
/// let m = key_conflict_message(Locale::En, "CPF/CNPJ", a, b);
/// assert!(m.contains("C-1") && m.contains("C-2"), "{m}");
/// ```
pub fn key_conflict_message(locale: Locale, what: &str, a: ConflictSide<'_>, b: ConflictSide<'_>) -> String {
    let side = |s: ConflictSide<'_>| match (s, locale) {
        (ConflictSide::Stored { id, field, value }, Locale::En) => format!("stored customer {id} ({field} {value})"),
        (ConflictSide::Stored { id, field, value }, Locale::PtBr) => format!("cliente {id} da base ({field} {value})"),
        (ConflictSide::Stored { id, field, value }, Locale::Fr) => {
            format!("client {id} de la base ({field} {value})")
        }
        (ConflictSide::NewExternalId(v), Locale::En) => format!("the new external_id {v}"),
        (ConflictSide::NewExternalId(v), Locale::PtBr) => format!("o novo external_id {v}"),
        (ConflictSide::NewExternalId(v), Locale::Fr) => format!("le nouvel external_id {v}"),
    };
    let (a, b) = (side(a), side(b));
    match locale {
        Locale::En => format!(
            "{what}: the row's keys point to two different customers: {a} and {b}; nothing was written for this row"
        ),
        Locale::PtBr => format!(
            "{what}: as chaves da linha apontam para dois clientes diferentes: {a} e {b}; nada foi gravado para esta linha"
        ),
        Locale::Fr => format!(
            "{what} : les clés de la ligne désignent deux clients différents : {a} et {b} ; rien n'a été écrit pour cette ligne"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_locale() {
        for &code in IssueCode::ALL {
            for locale in [Locale::En, Locale::PtBr, Locale::Fr] {
                let m = render(code, locale, "CPF/CNPJ", Detail::Row(2));
                assert!(!m.is_empty());
            }
        }
        assert_ne!(
            render(IssueCode::Required, Locale::En, "Nome", Detail::None),
            render(IssueCode::Required, Locale::PtBr, "Nome", Detail::None)
        );
    }
}
