//! The language of a file's header labels, and the message locale that follows from it
//! (CONTRACT section 8: asaas pt-BR; upflow, invoiceocean and generic the headers' language,
//! `en` when unclear).
//!
//! The guess is a vote of header words: each label is folded to ASCII words
//! ([`fold_words`](crate::model::fold::fold_words)) and every word that belongs to one
//! language only (`nome`, `cidade` Portuguese; `nazwa`, `miasto` Polish; `ville`, `prenom`
//! French; `nombre`, `ciudad` Spanish; `name`, `city` English) counts one vote. Words several
//! languages share (`email`, `empresa`, `numero`, `contact`, `telephone`) count for none. The
//! language with the most votes wins when it leads the next one; a tie or no vote is unclear.

use crate::model::Locale;
use crate::model::fold::fold_words;

use super::Profile;

/// Header words that belong to one language only, after folding (ASCII, lower case).
const WORDS: &[(Locale, &[&str])] = &[
    (
        Locale::PtBr,
        &[
            "nome",
            "completo",
            "cpf",
            "cnpj",
            "endereco",
            "bairro",
            "cidade",
            "cep",
            "celular",
            "fone",
            "telefone",
            "observacoes",
            "observacao",
            "inscricao",
            "estadual",
            "identificador",
            "externo",
            "contato",
            "adicionais",
            "razao",
            "logradouro",
            "uf",
            "sobrenome",
            "documento",
            "nascimento",
            "responsavel",
            "vencimento",
            "prazo",
            "dias",
            "gerente",
            "conta",
            "agencia",
            "cpfcnpj",
            "rua",
        ],
    ),
    (
        Locale::Pl,
        &[
            "nazwa",
            "imie",
            "nazwisko",
            "miasto",
            "ulica",
            "kod",
            "pocztowy",
            "kraj",
            "nip",
            "regon",
            "pesel",
            "telefon",
            "komorkowy",
            "komorka",
            "adres",
            "uwagi",
            "opis",
            "numer",
            "konta",
            "skrocona",
            "dostawy",
            "strona",
            "klient",
            "klienta",
            "osoba",
            "kontaktowa",
            "dodatkowy",
            "dodatkowe",
            "wojewodztwo",
            "nabywca",
            "termin",
            "platnosci",
            "firmy",
            "dni",
        ],
    ),
    (
        Locale::Fr,
        &[
            "nom",
            "prenom",
            "adresse",
            "ville",
            "pays",
            "societe",
            "entreprise",
            "raison",
            "sociale",
            "siret",
            "siren",
            "tva",
            "courriel",
            "identifiant",
            "rue",
            "portable",
            "commentaires",
            "remarques",
            "delai",
            "paiement",
            "groupe",
            "du",
            "le",
            "jours",
            "responsable",
            "compte",
            "comptable",
            "intracommunautaire",
            "fixe",
            "departement",
        ],
    ),
    (
        Locale::Es,
        &[
            "nombre",
            "apellido",
            "apellidos",
            "direccion",
            "ciudad",
            "provincia",
            "telefono",
            "movil",
            "correo",
            "electronico",
            "razon",
            "nif",
            "cif",
            "rfc",
            "cuit",
            "calle",
            "notas",
            "observaciones",
            "contacto",
            "identificacion",
            "localidad",
            "comuna",
            "colonia",
            "sitio",
            "cuenta",
            "dias",
            "pago",
        ],
    ),
    (
        Locale::En,
        &[
            "name",
            "customer",
            "city",
            "town",
            "zip",
            "country",
            "state",
            "street",
            "tax",
            "first",
            "last",
            "surname",
            "forename",
            "company",
            "website",
            "additional",
            "account",
            "payment",
            "period",
            "default",
            "manager",
            "workflow",
            "main",
            "short",
            "delivery",
            "address",
            "phone",
            "number",
            "post",
            "vat",
            "province",
        ],
    ),
];

/// Guesses the language of a file's header labels; `None` when unclear (no distinctive word,
/// or two languages with as many).
///
/// ```
/// use cadastro::Locale;
/// use cadastro::header_language;
/// let h = |labels: &[&str]| labels.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert_eq!(header_language(&h(&["Nome", "CPF", "Cidade"])), Some(Locale::PtBr));
/// assert_eq!(header_language(&h(&["Nazwa", "NIP", "Miasto"])), Some(Locale::Pl));
/// assert_eq!(header_language(&h(&["Nom", "Prénom", "Ville"])), Some(Locale::Fr));
/// assert_eq!(header_language(&h(&["Nombre", "Teléfono", "Ciudad"])), Some(Locale::Es));
/// assert_eq!(header_language(&h(&["Customer name", "City"])), Some(Locale::En));
/// assert_eq!(header_language(&h(&["E-mail", "ID"])), None);
/// ```
pub fn header_language(headers: &[String]) -> Option<Locale> {
    let mut votes = [0_usize; 5];
    for header in headers {
        for word in fold_words(header).split(' ') {
            for (i, (_, words)) in WORDS.iter().enumerate() {
                // "dias" is Portuguese and Spanish: listed in both, it cancels out.
                if words.contains(&word)
                    && let Some(v) = votes.get_mut(i)
                {
                    *v += 1;
                }
            }
        }
    }
    let best = votes.iter().copied().max().unwrap_or(0);
    if best == 0 || votes.iter().filter(|&&v| v == best).count() > 1 {
        return None;
    }
    let index = votes.iter().position(|&v| v == best)?;
    WORDS.get(index).map(|(locale, _)| *locale)
}

/// The locale of messages when the host gives none: the profile's own `locale` when it sets
/// one (asaas: pt-BR), else the language of the headers, else English.
///
/// ```
/// use cadastro::{Locale, Profile};
/// use cadastro::default_locale;
/// let h = |labels: &[&str]| labels.iter().map(|s| s.to_string()).collect::<Vec<_>>();
/// assert_eq!(default_locale(&Profile::builtin("asaas")?, &h(&["Customer name"])), Locale::PtBr);
/// assert_eq!(default_locale(&Profile::builtin("invoiceocean")?, &h(&["Nazwa", "NIP"])), Locale::Pl);
/// assert_eq!(default_locale(&Profile::builtin("upflow")?, &h(&["Customer name"])), Locale::En);
/// assert_eq!(default_locale(&Profile::generic(), &h(&["E-mail"])), Locale::En);
/// # Ok::<(), cadastro::Error>(())
/// ```
pub fn default_locale(profile: &Profile, headers: &[String]) -> Locale {
    profile.locale.or_else(|| header_language(headers)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn real_layouts() {
        // The Asaas import sheet, InvoiceOcean's English and Polish exports, Upflow's template.
        let asaas = Profile::builtin("asaas").unwrap();
        let asaas_headers: Vec<String> = asaas.columns.iter().map(|c| c.header.clone()).collect();
        assert_eq!(header_language(&asaas_headers), Some(Locale::PtBr));
        let upflow = Profile::builtin("upflow").unwrap();
        let upflow_headers: Vec<String> = upflow.columns.iter().map(|c| c.header.clone()).collect();
        assert_eq!(header_language(&upflow_headers), Some(Locale::En));
        let io = Profile::builtin("invoiceocean").unwrap();
        let io_headers: Vec<String> = io.columns.iter().map(|c| c.header.clone()).collect();
        assert_eq!(header_language(&io_headers), Some(Locale::En));
        let io_pl = h(&[
            "Lp.",
            "ID",
            "Nazwa skrócona",
            "Nazwa",
            "NIP",
            "Miasto",
            "Kod pocztowy",
            "Ulica",
            "Kraj",
            "Email",
            "Telefon",
            "Imię",
            "Nazwisko",
            "Numer konta",
        ]);
        assert_eq!(header_language(&io_pl), Some(Locale::Pl));
        let fr = h(&["Identifiant client", "Raison sociale", "N° TVA", "Adresse", "Code postal", "Ville", "Pays"]);
        assert_eq!(header_language(&fr), Some(Locale::Fr));
        let es = h(&["Nombre", "NIF", "Dirección", "Código postal", "Ciudad", "Provincia", "Teléfono", "Correo"]);
        assert_eq!(header_language(&es), Some(Locale::Es));
        let pt = h(&["Nome", "CPF"]);
        assert_eq!(header_language(&pt), Some(Locale::PtBr));
    }

    #[test]
    fn unclear_is_none() {
        assert_eq!(header_language(&[]), None);
        assert_eq!(header_language(&h(&["ID", "E-mail", "Empresa", "Número"])), None);
        // One Portuguese word and one French word: a tie.
        assert_eq!(header_language(&h(&["Nome", "Ville"])), None);
        assert_eq!(header_language(&h(&["", "  ", "123"])), None);
    }

    #[test]
    fn profile_locale_wins_then_headers_then_english() {
        let mut p = Profile::generic();
        assert_eq!(default_locale(&p, &h(&["Nombre", "Ciudad"])), Locale::Es);
        assert_eq!(default_locale(&p, &h(&["X", "Y"])), Locale::En);
        p.locale = Some(Locale::Fr);
        assert_eq!(default_locale(&p, &h(&["Nombre", "Ciudad"])), Locale::Fr);
    }
}
