//! Issue messages in English, Portuguese (pt-BR), French, Polish and Spanish. The code never changes with the
//! locale; only the words do. Messages name fields, rows and formats, never cell contents.

use serde::{Deserialize, Deserializer, Serialize};

use super::IssueCode;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
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
    /// Polish.
    #[serde(rename = "pl")]
    Pl,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
}

impl Locale {
    /// Every locale, in documentation order.
    pub const ALL: &'static [Locale] = &[Locale::En, Locale::PtBr, Locale::Fr, Locale::Pl, Locale::Es];

    /// Parses `en`, `pt-BR` (or `pt`, `pt_BR`), `fr` (or `fr-FR`), `pl` (or `pl-PL`), `es` (or
    /// `es-ES`, `es_MX`), case-insensitively.
    ///
    /// ```
    /// use cadastro::Locale;
    /// assert_eq!(Locale::parse("pt_br"), Some(Locale::PtBr));
    /// assert_eq!(Locale::parse("pl-PL"), Some(Locale::Pl));
    /// assert_eq!(Locale::parse("es_ES"), Some(Locale::Es));
    /// assert_eq!(Locale::parse("de"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Locale> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        match lower.split('-').next().unwrap_or("") {
            "en" => Some(Locale::En),
            "pt" => Some(Locale::PtBr),
            "fr" => Some(Locale::Fr),
            "pl" => Some(Locale::Pl),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// The tag (`en`, `pt-BR`, `fr`, `pl`, `es`).
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::PtBr => "pt-BR",
            Locale::Fr => "fr",
            Locale::Pl => "pl",
            Locale::Es => "es",
        }
    }

    /// The valid tags, for error messages (`en, pt-BR, fr, pl, es`).
    pub fn choices() -> String {
        Locale::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Read leniently, as [`Locale::parse`] reads a tag (`pt_BR`, `pl-PL`, `es-ES`...), so every
/// host's options document accepts the same tags as the CLI.
impl<'de> Deserialize<'de> for Locale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        Locale::parse(&tag).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown locale `{tag}` (expected one of {})", Locale::choices()))
        })
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
        (C::RaggedRow, L::En) if !what.is_empty() => format!(
            "the row has {found} fields, the header has {expected}: the value of {what} seems to hold an unquoted delimiter; the row was not read"
        ),
        (C::RaggedRow, L::PtBr) if !what.is_empty() => format!(
            "a linha tem {found} campos, o cabeçalho tem {expected}: o valor de {what} parece conter um separador sem aspas; a linha não foi lida"
        ),
        (C::RaggedRow, L::Fr) if !what.is_empty() => format!(
            "la ligne a {found} champs, l'en-tête en a {expected} : la valeur de {what} semble contenir un séparateur sans guillemets ; la ligne n'a pas été lue"
        ),
        (C::RaggedRow, L::Pl) if !what.is_empty() => format!(
            "wiersz ma {found} pól, nagłówek ma {expected}: wartość {what} zawiera chyba separator bez cudzysłowu; wiersz nie został wczytany"
        ),
        (C::RaggedRow, L::Es) if !what.is_empty() => format!(
            "la fila tiene {found} campos, el encabezado tiene {expected}: el valor de {what} parece contener un separador sin comillas; la fila no se leyó"
        ),
        (C::RaggedRow, L::En) => format!("the row has {found} fields, the header has {expected}; the row was not read"),
        (C::RaggedRow, L::PtBr) => {
            format!("a linha tem {found} campos, o cabeçalho tem {expected}; a linha não foi lida")
        }
        (C::RaggedRow, L::Fr) => {
            format!("la ligne a {found} champs, l'en-tête en a {expected} ; la ligne n'a pas été lue")
        }
        (C::KeyConflict, L::En) => format!("{what}: the row's keys point to two different stored customers"),
        (C::KeyConflict, L::PtBr) => {
            format!("{what}: as chaves da linha apontam para dois clientes diferentes da base")
        }
        (C::KeyConflict, L::Pl) => {
            format!("{what}: klucze wiersza wskazują na dwóch różnych zapisanych klientów")
        }
        (C::KeyConflict, L::Es) => {
            format!("{what}: las claves de la fila apuntan a dos clientes distintos de la base")
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
        (C::SkippedAboveHeader, L::En) => {
            format!("this row is above the header (row {row}) and looks like data: it was not read")
        }
        (C::SkippedAboveHeader, L::PtBr) => {
            format!("esta linha está acima do cabeçalho (linha {row}) e parece conter dados: não foi lida")
        }
        (C::SkippedAboveHeader, L::Fr) => {
            format!(
                "cette ligne est au-dessus de l'en-tête (ligne {row}) et ressemble à des données : elle n'a pas été lue"
            )
        }
        (C::InvalidBytesReplaced, L::En) => {
            "bytes on this row are not valid in the file's encoding and were replaced by \u{FFFD}".to_owned()
        }
        (C::InvalidBytesReplaced, L::PtBr) => {
            "bytes desta linha não são válidos na codificação do arquivo e foram substituídos por \u{FFFD}".to_owned()
        }
        (C::InvalidBytesReplaced, L::Fr) => {
            "des octets de cette ligne ne sont pas valides dans l'encodage du fichier et ont été remplacés par \u{FFFD}"
                .to_owned()
        }
        (C::EncodingDoubt, L::En) => format!(
            "the text encoding is uncertain: the file was read as {what}; if letters look wrong, give the encoding explicitly"
        ),
        (C::EncodingDoubt, L::PtBr) => format!(
            "a codificação do texto é incerta: o arquivo foi lido como {what}; se as letras parecerem erradas, informe a codificação"
        ),
        (C::EncodingDoubt, L::Fr) => format!(
            "l'encodage du texte est incertain : le fichier a été lu en {what} ; si des lettres semblent fausses, indiquez l'encodage"
        ),
        (C::NulBytesRemoved, L::En) => "NUL bytes on this row were removed".to_owned(),
        (C::NulBytesRemoved, L::PtBr) => "bytes NUL desta linha foram removidos".to_owned(),
        (C::NulBytesRemoved, L::Fr) => "des octets NUL de cette ligne ont été supprimés".to_owned(),
        (C::MergedValuesDiffer, L::En) => {
            format!("{what}: the merged columns are both filled, with different values; fill only one")
        }
        (C::MergedValuesDiffer, L::PtBr) => {
            format!("{what}: as colunas combinadas estão ambas preenchidas, com valores diferentes; preencha só uma")
        }
        (C::MergedValuesDiffer, L::Fr) => {
            format!(
                "{what} : les colonnes fusionnées sont toutes deux remplies, avec des valeurs différentes ; n'en remplir qu'une"
            )
        }
        (C::Required, L::Pl) => format!("{what}: pole wymagane"),
        (C::Required, L::Es) => format!("{what} es obligatorio"),
        (C::InvalidTaxId, L::Pl) => format!("{what}: nieprawidłowy numer podatkowy (format lub cyfry kontrolne)"),
        (C::InvalidTaxId, L::Es) => format!("{what}: identificador fiscal no válido (formato o dígitos de control)"),
        (C::InvalidEmail, L::Pl) => format!("{what}: nieprawidłowy adres e-mail"),
        (C::InvalidEmail, L::Es) => format!("{what}: dirección de correo electrónico no válida"),
        (C::InvalidPhone, L::Pl) => format!("{what}: nieprawidłowy numer telefonu dla kraju"),
        (C::InvalidPhone, L::Es) => format!("{what}: número de teléfono no válido para el país"),
        (C::InvalidPostalCode, L::Pl) => format!("{what}: nieprawidłowy kod pocztowy dla kraju"),
        (C::InvalidPostalCode, L::Es) => format!("{what}: código postal no válido para el país"),
        (C::InvalidCountry, L::Pl) => format!("{what}: nieznany kraj"),
        (C::InvalidCountry, L::Es) => format!("{what}: país desconocido"),
        (C::InvalidNumber, L::Pl) => format!("{what}: nieprawidłowa liczba lub poza zakresem"),
        (C::InvalidNumber, L::Es) => format!("{what}: número no válido o fuera de rango"),
        (C::InvalidEnum, L::Pl) => format!("{what}: wartość spoza dozwolonej listy"),
        (C::InvalidEnum, L::Es) => format!("{what}: valor no aceptado"),
        (C::InvalidBoolean, L::Pl) => format!("{what}: oczekiwano tak lub nie"),
        (C::InvalidBoolean, L::Es) => format!("{what}: se esperaba sí o no"),
        (C::InvalidIban, L::Pl) => format!("{what}: nieprawidłowy IBAN (format lub cyfry kontrolne)"),
        (C::InvalidIban, L::Es) => format!("{what}: IBAN no válido (formato o dígitos de control)"),
        (C::InvalidDate, L::Pl) => format!("{what}: nieprawidłowa data"),
        (C::InvalidDate, L::Es) => format!("{what}: fecha no válida"),
        (C::InvalidCell, L::Pl) => format!("{what}: arkusz pokazuje błąd zamiast danych"),
        (C::InvalidCell, L::Es) => format!("{what}: la hoja muestra un error en lugar del dato"),
        (C::TooLong, L::Pl) => format!("{what}: tekst za długi"),
        (C::TooLong, L::Es) => format!("{what}: texto demasiado largo"),
        (C::DuplicateKey, L::Pl) => format!("{what}: już użyte w wierszu {row}"),
        (C::DuplicateKey, L::Es) => format!("{what}: ya usado en la fila {row}"),
        (C::UnknownParent, L::Pl) => {
            format!("{what}: klienta nadrzędnego nie ma w pliku ani w bazie (lub klienci nadrzędni tworzą cykl)")
        }
        (C::UnknownParent, L::Es) => {
            format!(
                "{what}: el cliente principal no está en el archivo ni en la base (o los principales forman un ciclo)"
            )
        }
        (C::RaggedRow, L::Pl) => format!("wiersz ma {found} pól, nagłówek ma {expected}; wiersz nie został wczytany"),
        (C::RaggedRow, L::Es) => {
            format!("la fila tiene {found} campos, el encabezado tiene {expected}; la fila no se leyó")
        }
        (C::CustomerRejected, L::Pl) => format!("odrzucony razem z klientem: zobacz błędy w wierszu {row}"),
        (C::CustomerRejected, L::Es) => format!("rechazada junto con su cliente: vea los errores de la fila {row}"),
        (C::LeadingZerosRestored, L::Pl) => format!("{what}: przywrócono zera wiodące utracone przez arkusz"),
        (C::LeadingZerosRestored, L::Es) => format!("{what}: se restauraron los ceros iniciales perdidos por la hoja"),
        (C::MultipleMainContacts, L::Pl) => {
            format!("{what}: kilka kontaktów głównych; głównym pozostaje ten z wiersza {row}")
        }
        (C::MultipleMainContacts, L::Es) => {
            format!("{what}: varios contactos principales; se mantiene como principal el de la fila {row}")
        }
        (C::FormulaLikeValue, L::Pl) => format!("{what}: zaczyna się jak formuła arkusza; zachowano jako tekst"),
        (C::FormulaLikeValue, L::Es) => {
            format!("{what}: empieza como una fórmula de hoja de cálculo; se conserva como texto")
        }
        (C::UnmappedColumn, L::Pl) => format!("kolumna {what} nie odpowiada żadnemu polu i została pominięta"),
        (C::UnmappedColumn, L::Es) => format!("la columna {what} no corresponde a ningún campo y se ignoró"),
        (C::SkippedAboveHeader, L::Pl) => {
            format!("ten wiersz jest nad nagłówkiem (wiersz {row}) i wygląda jak dane: nie został wczytany")
        }
        (C::SkippedAboveHeader, L::Es) => {
            format!("esta fila está encima del encabezado (fila {row}) y parece contener datos: no se leyó")
        }
        (C::InvalidBytesReplaced, L::Pl) => {
            "bajty w tym wierszu są nieprawidłowe w kodowaniu pliku i zostały zastąpione znakiem \u{FFFD}".to_owned()
        }
        (C::InvalidBytesReplaced, L::Es) => {
            "bytes de esta fila no son válidos en la codificación del archivo y se reemplazaron por \u{FFFD}".to_owned()
        }
        (C::EncodingDoubt, L::Pl) => format!(
            "kodowanie tekstu jest niepewne: plik odczytano jako {what}; jeśli litery wyglądają źle, podaj kodowanie"
        ),
        (C::EncodingDoubt, L::Es) => format!(
            "la codificación del texto es incierta: el archivo se leyó como {what}; si las letras se ven mal, indique la codificación"
        ),
        (C::NulBytesRemoved, L::Pl) => "bajty NUL w tym wierszu zostały usunięte".to_owned(),
        (C::NulBytesRemoved, L::Es) => "se eliminaron bytes NUL de esta fila".to_owned(),
        (C::MergedValuesDiffer, L::Pl) => {
            format!("{what}: obie połączone kolumny są wypełnione różnymi wartościami; wypełnij tylko jedną")
        }
        (C::MergedValuesDiffer, L::Es) => {
            format!("{what}: las columnas combinadas están ambas rellenas, con valores distintos; rellene solo una")
        }
        (C::PhoneNinthDigitAdded, L::En) => {
            format!("{what}: a Brazilian mobile number with 8 digits got its ninth digit (9)")
        }
        (C::PhoneNinthDigitAdded, L::PtBr) => format!("{what}: celular com 8 dígitos recebeu o nono dígito (9)"),
        (C::PhoneNinthDigitAdded, L::Fr) => {
            format!("{what} : mobile brésilien à 8 chiffres complété par le neuvième chiffre (9)")
        }
        (C::PhoneNinthDigitAdded, L::Pl) => {
            format!("{what}: do 8-cyfrowego brazylijskiego numeru komórkowego dodano dziewiątą cyfrę (9)")
        }
        (C::PhoneNinthDigitAdded, L::Es) => {
            format!("{what}: al móvil brasileño de 8 dígitos se le añadió el noveno dígito (9)")
        }
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
/// use cadastro::{ConflictSide, Locale, key_conflict_message};
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
        (ConflictSide::Stored { id, field, value }, Locale::Pl) => {
            format!("zapisany klient {id} ({field} {value})")
        }
        (ConflictSide::Stored { id, field, value }, Locale::Es) => {
            format!("cliente {id} de la base ({field} {value})")
        }
        (ConflictSide::NewExternalId(v), Locale::Pl) => format!("nowy external_id {v}"),
        (ConflictSide::NewExternalId(v), Locale::Es) => format!("el nuevo external_id {v}"),
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
        Locale::Pl => format!(
            "{what}: klucze wiersza wskazują na dwóch różnych klientów: {a} i {b}; dla tego wiersza nic nie zapisano"
        ),
        Locale::Es => format!(
            "{what}: las claves de la fila apuntan a dos clientes distintos: {a} y {b}; no se escribió nada para esta fila"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_locale() {
        for &code in IssueCode::ALL {
            for &locale in Locale::ALL {
                let m = render(code, locale, "CPF/CNPJ", Detail::Row(2));
                assert!(!m.is_empty());
            }
        }
        for &a in Locale::ALL {
            for &b in Locale::ALL {
                if a != b {
                    assert_ne!(
                        render(IssueCode::DuplicateKey, a, "Nome", Detail::Row(2)),
                        render(IssueCode::DuplicateKey, b, "Nome", Detail::Row(2)),
                        "{a:?} {b:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn tags_parse_leniently_and_round_trip() {
        for &l in Locale::ALL {
            assert_eq!(Locale::parse(l.as_str()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), l);
        }
        for (tag, l) in [
            ("pl-PL", Locale::Pl),
            ("PL", Locale::Pl),
            ("es-ES", Locale::Es),
            ("es_MX", Locale::Es),
            ("pt_BR", Locale::PtBr),
            ("fr-CA", Locale::Fr),
            ("en-GB", Locale::En),
        ] {
            assert_eq!(Locale::parse(tag), Some(l), "{tag}");
        }
        assert_eq!(serde_json::from_str::<Locale>("\"pl-PL\"").unwrap(), Locale::Pl);
        assert_eq!(serde_json::from_str::<Locale>("\"es_ES\"").unwrap(), Locale::Es);
        assert!(serde_json::from_str::<Locale>("\"de\"").unwrap_err().to_string().contains("en, pt-BR, fr, pl, es"));
        assert_eq!(Locale::parse("de-DE"), None);
        assert_eq!(Locale::parse(""), None);
    }
}
