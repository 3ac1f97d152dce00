//! Templates: the blank import file a user fills in, generated from a profile (like Asaas's
//! "Modelo Clientes Oficial").
//!
//! The XLSX template has the profile's own headers (so importing it needs no mapping step),
//! required columns in a distinct header style with a note explaining them, identifier columns
//! formatted as text, drop-downs for booleans, contact positions, custom enums, countries (ISO
//! codes) and Brazilian UFs, an input message with the expected format on every column, and a
//! second sheet of instructions listing every column with its field, whether it is required,
//! its format and an example that imports without error.
//!
//! ```
//! use cadastro::Profile;
//! let mut bytes = Vec::new();
//! cadastro::export::template_xlsx(&Profile::builtin("asaas")?, &mut bytes)?;
//! assert!(bytes.starts_with(b"PK"));
//! let mut csv = Vec::new();
//! cadastro::export::template_csv(&Profile::builtin("asaas")?, &mut csv, &Default::default())?;
//! assert!(String::from_utf8(csv).unwrap().starts_with("\u{feff}Identificador Externo;Nome completo;"));
//! # Ok::<(), cadastro::Error>(())
//! ```

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Formula, Note, Workbook};

use super::export::{
    ColumnSource, CsvExporter, CsvOptions, ExportFormat, ExportOptions, Formats, Lang, Layout, LayoutColumn,
    apply_widths,
};
use super::xlsx_error;
use crate::error::{Error, LimitKind, Result};
use crate::model::column_letter;
use crate::model::{Field, FieldKind};
use crate::profile::{CustomKind, Profile};

/// The last 0-based row the template's drop-downs and input messages cover.
const LAST_ROW: u32 = 1_048_575;

/// The 27 Brazilian UFs (the same list as `validate::state`'s table).
const BR_UFS: [&str; 27] = [
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ",
    "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
];

/// The contact positions of CONTRACT section 1.
const CONTACT_POSITIONS: [&str; 4] = ["ACCOUNTING", "SALES", "PURCHASER", "PAYER"];

/// ISO 3166-1 alpha-2 codes (the 249 officially assigned), for the country drop-down.
const COUNTRY_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ \
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI \
FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ \
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS \
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA \
UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The name of the hidden sheet holding long drop-down lists.
const LISTS_SHEET: &str = "Lists";

/// Writes the blank CSV template of `profile`: the header row only, in the profile's layout.
///
/// # Errors
/// `invalid_options` for a bad delimiter, `io` when writing fails.
pub fn template_csv<W: Write>(profile: &Profile, out: W, csv: &CsvOptions) -> Result<()> {
    let opts = ExportOptions { csv: csv.clone(), ..ExportOptions::default() };
    CsvExporter::new(out, profile, &opts)?.finish()?;
    Ok(())
}

/// Writes the XLSX template of `profile` (see the module docs) into `out`.
///
/// # Errors
/// `write_error` when the workbook cannot be assembled or written.
pub fn template_xlsx<W: Write + Send>(profile: &Profile, out: W) -> Result<()> {
    let mut wb = build(profile)?;
    wb.save_to_writer(out).map_err(xlsx_error)
}

/// Writes the template of `profile` to `path`, XLSX or CSV (with `csv`'s settings) by its
/// extension.
///
/// # Errors
/// `invalid_options` for another extension, `io` when the file cannot be written.
pub fn template_to_path(profile: &Profile, path: &Path, csv: &CsvOptions) -> Result<()> {
    let format = ExportFormat::from_path(path)?;
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Xlsx => template_xlsx(profile, &mut bytes)?,
        ExportFormat::Csv => template_csv(profile, &mut bytes, csv)?,
    }
    std::fs::write(path, bytes).map_err(|e| Error::io_at(path, e))
}

/// One column's help: the expected format and a valid example.
struct Help {
    format: String,
    example: String,
}

/// Words of the template in the profile's language.
struct Words {
    yes: &'static str,
    no: &'static str,
    required: &'static str,
    instructions: &'static str,
    heads: [&'static str; 6],
    intro: &'static str,
    per_contact: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Pt => Words {
            yes: "Sim",
            no: "Não",
            required: "Obrigatório.",
            instructions: "Instruções",
            heads: ["Coluna", "Cabeçalho", "Campo", "Obrigatório", "Formato", "Exemplo"],
            intro: "Preencha a primeira planilha a partir da linha 2, uma linha por cliente, sem mudar os cabeçalhos. \
                    As colunas em azul-escuro são obrigatórias.",
            per_contact: "Uma linha por contato: repita o código ou o nome do cliente em cada linha de seus contatos.",
        },
        Lang::Fr => Words {
            yes: "Oui",
            no: "Non",
            required: "Obligatoire.",
            instructions: "Instructions",
            heads: ["Colonne", "En-tête", "Champ", "Obligatoire", "Format", "Exemple"],
            intro: "Remplissez la première feuille à partir de la ligne 2, une ligne par client, sans modifier les \
                    en-têtes. Les colonnes en bleu foncé sont obligatoires.",
            per_contact: "Une ligne par contact : répétez l'identifiant ou le nom du client sur chaque ligne de ses \
                          contacts.",
        },
        Lang::En | Lang::Pl => Words {
            yes: "Yes",
            no: "No",
            required: "Required.",
            instructions: "Instructions",
            heads: ["Column", "Header", "Field", "Required", "Format", "Example"],
            intro: "Fill in the first sheet from row 2, one line per customer, without changing the headers. \
                    Columns in dark blue are required.",
            per_contact: "One line per contact: repeat the customer's ID or name on the line of each of its contacts.",
        },
    }
}

/// Picks the text of the profile's language (Polish profiles get English help).
fn tr(lang: Lang, en: &str, pt: &str, fr: &str) -> String {
    match lang {
        Lang::Pt => pt,
        Lang::Fr => fr,
        Lang::En | Lang::Pl => en,
    }
    .to_owned()
}

/// The country the examples are valid for: the profile's default, else Brazil.
fn example_country(profile: &Profile) -> &str {
    match profile.default_country.as_deref() {
        Some(c @ ("PL" | "FR")) => c,
        _ => "BR",
    }
}

fn field_help(f: Field, lang: Lang, country: &str) -> Help {
    let (t, fa) = lang.bool_words();
    let by = |br: &str, pl: &str, fr: &str| match country {
        "PL" => pl.to_owned(),
        "FR" => fr.to_owned(),
        _ => br.to_owned(),
    };
    let (format, example) = match f.kind() {
        FieldKind::Id => (
            tr(
                lang,
                "Your own code for the customer, kept as typed (leading zeros too).",
                "O código do cliente no seu sistema, mantido como digitado (zeros à esquerda inclusive).",
                "Le code du client dans votre système, gardé tel quel (zéros initiaux compris).",
            ),
            "C-0001".to_owned(),
        ),
        FieldKind::Name => (
            tr(lang, "Text, up to 255 characters.", "Texto, até 255 caracteres.", "Texte, 255 caractères au plus."),
            match f {
                Field::Name => by("Maria da Silva Comércio Ltda", "Kowalski Sp. z o.o.", "Dupont et Fils SARL"),
                Field::ShortName => by("Silva Comércio", "Kowalski", "Dupont"),
                Field::FirstName | Field::ContactFirstName => by("João", "Anna", "Léa"),
                Field::LastName | Field::ContactLastName => by("Souza", "Nowak", "Martin"),
                _ => by("Avenida Paulista", "ul. Marszałkowska", "8 rue de la Paix"),
            },
        ),
        FieldKind::Trimmed => (
            tr(lang, "Text.", "Texto.", "Texte."),
            match f {
                Field::Website => "https://www.example.com".to_owned(),
                Field::AddressNumber => "1000".to_owned(),
                Field::Complement => by("Sala 12", "lok. 5", "Bâtiment B"),
                Field::District => by("Bela Vista", "Śródmieście", "Opéra"),
                Field::City => by("São Paulo", "Warszawa", "Paris"),
                Field::DeliveryAddress => {
                    by("Avenida Paulista, 1000, São Paulo", "ul. Marszałkowska 1, Warszawa", "8 rue de la Paix, Paris")
                }
                Field::BankName => by("Banco do Brasil", "PKO BP", "BNP Paribas"),
                Field::AccountingCode => "411000".to_owned(),
                Field::Workflow => "Standard".to_owned(),
                Field::Group => by("Varejo", "Detal", "Grands comptes"),
                Field::ParentId => "C-0001".to_owned(),
                Field::ParentName => by("Maria da Silva Comércio Ltda", "Kowalski Sp. z o.o.", "Dupont et Fils SARL"),
                Field::Notes => by("Cliente desde 2020", "Klient od 2020", "Client depuis 2020"),
                Field::ContactReference => "CT-1".to_owned(),
                _ => String::new(),
            },
        ),
        FieldKind::Compact => (
            tr(
                lang,
                "Registration number; dots, dashes and spaces are ignored.",
                "Número de inscrição; pontos, traços e espaços são ignorados.",
                "Numéro d'inscription ; points, tirets et espaces ignorés.",
            ),
            if f == Field::StateInscription { "110.042.490.114" } else { "1234567" }.to_owned(),
        ),
        FieldKind::Boolean => (
            tr(lang, &format!("{t} or {fa}."), &format!("{t} ou {fa}."), &format!("{t} ou {fa}.")),
            if matches!(f, Field::NotificationsDisabled) { fa } else { t }.to_owned(),
        ),
        FieldKind::TaxId => (
            tr(
                lang,
                "Tax id of the customer's country, with or without punctuation, check digits verified \
                 (BR: CPF or CNPJ; PL: NIP; FR: SIREN or SIRET; EU: VAT number).",
                "Documento fiscal do país do cliente, com ou sem pontuação, dígitos verificadores conferidos \
                 (BR: CPF ou CNPJ; PL: NIP; FR: SIREN ou SIRET; UE: número de IVA).",
                "Identifiant fiscal du pays du client, avec ou sans ponctuation, clés de contrôle vérifiées \
                 (BR : CPF ou CNPJ ; PL : NIP ; FR : SIREN ou SIRET ; UE : numéro de TVA).",
            ),
            by("529.982.247-25", "526-025-02-74", "303 265 045"),
        ),
        FieldKind::VatNumber => (
            tr(
                lang,
                "EU VAT number with its country prefix.",
                "Número de IVA europeu com o prefixo do país.",
                "Numéro de TVA intracommunautaire avec le préfixe du pays.",
            ),
            by("FR40303265045", "PL5260250274", "FR40303265045"),
        ),
        FieldKind::Email => (
            tr(lang, "One e-mail address.", "Um endereço de e-mail.", "Une adresse e-mail."),
            if f == Field::ContactEmail {
                by("joao.souza@example.com.br", "anna.nowak@example.pl", "lea.martin@example.fr")
            } else {
                by("financeiro@example.com.br", "biuro@example.pl", "compta@example.fr")
            },
        ),
        FieldKind::EmailList => (
            tr(
                lang,
                "E-mail addresses separated by ; or ,.",
                "Endereços de e-mail separados por ; ou ,.",
                "Adresses e-mail séparées par ; ou ,.",
            ),
            "a@example.com; b@example.com".to_owned(),
        ),
        FieldKind::Phone => (
            tr(
                lang,
                "Phone number with area code; +country code for another country.",
                "Telefone com DDD; +código do país para outro país.",
                "Numéro de téléphone ; +indicatif pour un autre pays.",
            ),
            match f {
                Field::MobilePhone | Field::ContactPhone => {
                    by("(11) 98765-4321", "+48 601 234 567", "+33 6 12 34 56 78")
                }
                _ => by("(11) 3456-7890", "+48 22 123 45 67", "+33 1 42 68 53 00"),
            },
        ),
        FieldKind::PostalCode => (
            tr(
                lang,
                "Postal code of the customer's country (BR 01310-100, PL 00-950, FR 75008).",
                "CEP (ou código postal do país do cliente). Ex.: 01310-100",
                "Code postal du pays du client (FR 75008, BR 01310-100, PL 00-950).",
            ),
            by("01310-100", "00-950", "75008"),
        ),
        FieldKind::State => (
            tr(
                lang,
                "State or region; in Brazil the two-letter UF (SP).",
                "Sigla da UF (SP) ou estado/região de outro país.",
                "Région ou État ; au Brésil, l'UF en deux lettres (SP).",
            ),
            by("SP", "mazowieckie", "Île-de-France"),
        ),
        FieldKind::Country => (
            tr(
                lang,
                "Country: ISO code (BR, FR, PL...) or name.",
                "País: código ISO (BR, FR, PL...) ou nome.",
                "Pays : code ISO (BR, FR, PL...) ou nom.",
            ),
            country.to_owned(),
        ),
        FieldKind::BankAccount => (
            tr(
                lang,
                "IBAN (checked) or account number.",
                "IBAN (conferido) ou número da conta.",
                "IBAN (vérifié) ou numéro de compte.",
            ),
            by("12345-6", "PL61109010140000071219812874", "FR1420041010050500013M02606"),
        ),
        FieldKind::PaymentDays => (
            tr(
                lang,
                "Whole number of days, 0 to 3650.",
                "Número inteiro de dias, de 0 a 3650.",
                "Nombre entier de jours, de 0 à 3650.",
            ),
            "30".to_owned(),
        ),
        FieldKind::ContactPosition => (
            tr(
                lang,
                "ACCOUNTING, SALES, PURCHASER or PAYER.",
                "ACCOUNTING (financeiro), SALES (vendas), PURCHASER (compras) ou PAYER (pagador).",
                "ACCOUNTING (comptabilité), SALES (ventes), PURCHASER (achats) ou PAYER (payeur).",
            ),
            "ACCOUNTING".to_owned(),
        ),
    };
    Help { format, example }
}

fn custom_help(kind: &CustomKind, lang: Lang) -> Help {
    let (t, f) = lang.bool_words();
    let (format, example) = match kind {
        CustomKind::Text { max_len: Some(m) } => (
            tr(
                lang,
                &format!("Text, up to {m} characters."),
                &format!("Texto, até {m} caracteres."),
                &format!("Texte, {m} caractères au plus."),
            ),
            tr(lang, "Example Ltd", "Exemplo Ltda", "Exemple SARL"),
        ),
        CustomKind::Text { max_len: None } => {
            (tr(lang, "Text.", "Texto.", "Texte."), tr(lang, "Example Ltd", "Exemplo Ltda", "Exemple SARL"))
        }
        CustomKind::Integer { min, max } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!(" ({a}..{b})"),
                (Some(a), None) => format!(" (>= {a})"),
                (None, Some(b)) => format!(" (<= {b})"),
                (None, None) => String::new(),
            };
            let ex = min.map_or(1, |m| m.max(1)).min(max.unwrap_or(i64::MAX));
            (
                tr(
                    lang,
                    &format!("Whole number{range}."),
                    &format!("Número inteiro{range}."),
                    &format!("Nombre entier{range}."),
                ),
                ex.to_string(),
            )
        }
        CustomKind::Number => {
            (tr(lang, "Number (1.5 or 1,5).", "Número (1,5 ou 1.5).", "Nombre (1,5 ou 1.5)."), "1.5".to_owned())
        }
        CustomKind::Boolean => {
            (tr(lang, &format!("{t} or {f}."), &format!("{t} ou {f}."), &format!("{t} ou {f}.")), t.to_owned())
        }
        CustomKind::Email => (
            tr(lang, "One e-mail address.", "Um endereço de e-mail.", "Une adresse e-mail."),
            "a@example.com".to_owned(),
        ),
        CustomKind::Phone => (
            tr(lang, "Phone number with area code.", "Telefone com DDD.", "Numéro de téléphone."),
            "+5511987654321".to_owned(),
        ),
        CustomKind::Date => (
            tr(
                lang,
                "Date: 2026-03-01 or 01/03/2026 (day first).",
                "Data: 01/03/2026 ou 2026-03-01.",
                "Date : 01/03/2026 ou 2026-03-01.",
            ),
            "2026-03-01".to_owned(),
        ),
        CustomKind::Enum { values } => {
            let list = values.join(", ");
            (
                tr(
                    lang,
                    &format!("One of: {list}."),
                    &format!("Um de: {list}."),
                    &format!("L'une des valeurs : {list}."),
                ),
                values.first().cloned().unwrap_or_default(),
            )
        }
    };
    Help { format, example }
}

fn column_help(col: &LayoutColumn, profile: &Profile, lang: Lang) -> Help {
    match &col.source {
        ColumnSource::Ordinal => Help {
            format: tr(
                lang,
                "Line number; ignored on import.",
                "Número da linha; ignorado na importação.",
                "Numéro de ligne ; ignoré à l'import.",
            ),
            example: "1".to_owned(),
        },
        ColumnSource::Field(f) => field_help(*f, lang, example_country(profile)),
        ColumnSource::Custom(name) => match profile.custom_field(name) {
            Some(cf) => custom_help(&cf.kind, lang),
            None => Help { format: String::new(), example: String::new() },
        },
    }
}

/// Cuts a text to at most `max` characters (Excel's limits on validation titles and messages).
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The drop-down of a column, if it has one: the listed values or a range of the Lists sheet,
/// and whether other values are refused (Stop) or only warned about.
enum Choices {
    Strings(Vec<String>, bool),
    Countries,
}

fn choices(col: &LayoutColumn, profile: &Profile, lang: Lang) -> Option<Choices> {
    let (t, f) = lang.bool_words();
    match &col.source {
        ColumnSource::Ordinal => None,
        ColumnSource::Field(field) => match field.kind() {
            FieldKind::Boolean => Some(Choices::Strings(vec![t.to_owned(), f.to_owned()], true)),
            FieldKind::ContactPosition => Some(Choices::Strings(CONTACT_POSITIONS.map(str::to_owned).to_vec(), true)),
            FieldKind::Country => Some(Choices::Countries),
            // Other countries' states are free text: the UF list only where Brazil is the default.
            FieldKind::State if profile.default_country.as_deref() == Some("BR") => {
                Some(Choices::Strings(BR_UFS.map(str::to_owned).to_vec(), false))
            }
            _ => None,
        },
        ColumnSource::Custom(name) => match profile.custom_field(name).map(|cf| &cf.kind) {
            Some(CustomKind::Boolean) => Some(Choices::Strings(vec![t.to_owned(), f.to_owned()], true)),
            Some(CustomKind::Enum { values }) => Some(Choices::Strings(values.clone(), true)),
            _ => None,
        },
    }
}

fn build(profile: &Profile) -> Result<Workbook> {
    let layout = Layout::of(profile);
    let lang = layout.lang;
    let w = words(lang);
    let formats = Formats::new();
    let helps: Vec<Help> = layout.columns.iter().map(|c| column_help(c, profile, lang)).collect();
    let mut wb = Workbook::new();
    let countries: Vec<&str> = COUNTRY_CODES.split_whitespace().collect();
    // Extra lists too long for an inline drop-down (Excel allows 255 characters) go to the
    // hidden Lists sheet, one column each, after the countries in column A.
    let mut long_lists: Vec<Vec<String>> = Vec::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.sheet_name()).map_err(xlsx_error)?;
        let mut widths = Vec::with_capacity(layout.columns.len());
        for (i, (col, help)) in layout.columns.iter().zip(&helps).enumerate() {
            let c = u16::try_from(i).map_err(|_| Error::limit(LimitKind::Columns, i as u64, 16_384))?;
            let fmt = if col.required { &formats.header_required } else { &formats.header };
            ws.write_string_with_format(0, c, &col.header, fmt).map_err(xlsx_error)?;
            if col.is_id_like(profile) {
                ws.set_column_format(c, &formats.text).map_err(xlsx_error)?;
            }
            let note_text = match (&col.note, col.required) {
                (Some(n), _) => Some(n.clone()),
                (None, true) => Some(format!("{} {}", w.required, help.format)),
                (None, false) => None,
            };
            if let Some(text) = note_text {
                ws.insert_note(0, c, &Note::new(text).set_author("cadastro").add_author_prefix(false))
                    .map_err(xlsx_error)?;
            }
            let message = match &col.note {
                Some(n) if !help.format.is_empty() && !n.contains(&help.format) => format!("{n}\n{}", help.format),
                Some(n) => n.clone(),
                None => help.format.clone(),
            };
            let message = if help.example.is_empty() || message.contains(&help.example) {
                message
            } else {
                format!("{message}\n{}: {}", w.heads[5], help.example)
            };
            let mut dv = match choices(col, profile, lang) {
                Some(Choices::Strings(values, strict)) => {
                    let total: usize = values.iter().map(|v| v.chars().count() + 1).sum();
                    let dv = if total <= 255 {
                        DataValidation::new().allow_list_strings(&values).map_err(xlsx_error)?
                    } else {
                        long_lists.push(values.clone());
                        let letter = column_letter(long_lists.len());
                        let n = values.len().max(1);
                        DataValidation::new()
                            .allow_list_formula(Formula::new(format!("={LISTS_SHEET}!${letter}$1:${letter}${n}")))
                    };
                    if strict { dv } else { dv.set_error_style(DataValidationErrorStyle::Warning) }
                }
                Some(Choices::Countries) => DataValidation::new()
                    .allow_list_formula(Formula::new(format!("={LISTS_SHEET}!$A$1:$A${}", countries.len())))
                    .set_error_style(DataValidationErrorStyle::Warning),
                None => match &col.source {
                    ColumnSource::Field(Field::PaymentTermsDays) => DataValidation::new()
                        .allow_whole_number(DataValidationRule::Between(0, 3650))
                        .set_error_style(DataValidationErrorStyle::Warning),
                    _ => DataValidation::new().allow_any_value(),
                },
            };
            if !message.is_empty() {
                dv = dv
                    .set_input_title(cut(&col.header, 32))
                    .map_err(xlsx_error)?
                    .set_input_message(cut(&message, 255))
                    .map_err(xlsx_error)?;
            }
            ws.add_data_validation(1, c, LAST_ROW, c, &dv).map_err(xlsx_error)?;
            widths.push(col.header.chars().count().max(help.example.chars().count()));
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        let last_col = u16::try_from(layout.columns.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(0, 0, 0, last_col).map_err(xlsx_error)?;
        apply_widths(ws, &widths)?;
        ws.set_active(true);
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(w.instructions).map_err(xlsx_error)?;
        let wrap = Format::new().set_text_wrap();
        ws.write_string(0, 0, w.intro).map_err(xlsx_error)?;
        let mut row = 1;
        if layout.per_contact {
            ws.write_string(row, 0, w.per_contact).map_err(xlsx_error)?;
            row += 1;
        }
        row += 1;
        for (i, h) in w.heads.iter().enumerate() {
            let c = u16::try_from(i).unwrap_or(0);
            ws.write_string_with_format(row, c, *h, &formats.header).map_err(xlsx_error)?;
        }
        for (i, (col, help)) in layout.columns.iter().zip(&helps).enumerate() {
            row += 1;
            let field = match &col.source {
                ColumnSource::Ordinal => "-".to_owned(),
                ColumnSource::Field(f) => f.as_str().to_owned(),
                ColumnSource::Custom(n) => n.clone(),
            };
            let format = match &col.note {
                Some(n) if !n.contains(&help.format) => format!("{}\n{n}", help.format),
                _ => help.format.clone(),
            };
            let cells = [
                column_letter(i),
                col.header.clone(),
                field,
                if col.required { w.yes } else { w.no }.to_owned(),
                format,
                help.example.clone(),
            ];
            for (j, text) in cells.iter().enumerate() {
                let c = u16::try_from(j).unwrap_or(0);
                // Examples stay text: a CEP or an id must not turn into a number.
                let fmt = if j == 5 { &formats.text } else { &wrap };
                ws.write_string_with_format(row, c, text, fmt).map_err(xlsx_error)?;
            }
        }
        for (c, width) in [(0u16, 8.0), (1, 28.0), (2, 24.0), (3, 12.0), (4, 70.0), (5, 34.0)] {
            ws.set_column_width(c, width).map_err(xlsx_error)?;
        }
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(LISTS_SHEET).map_err(xlsx_error)?;
        for (r, code) in countries.iter().enumerate() {
            ws.write_string(u32::try_from(r).unwrap_or(0), 0, *code).map_err(xlsx_error)?;
        }
        for (i, values) in long_lists.iter().enumerate() {
            let c = u16::try_from(i + 1).unwrap_or(1);
            for (r, v) in values.iter().enumerate() {
                ws.write_string(u32::try_from(r).map_err(|_| Error::options("list too long"))?, c, v)
                    .map_err(xlsx_error)?;
            }
        }
        ws.set_hidden(true);
    }
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_list_is_complete_and_sorted() {
        let codes: Vec<&str> = COUNTRY_CODES.split_whitespace().collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        for c in ["BR", "FR", "PL", "PT", "US"] {
            assert!(codes.contains(&c));
        }
    }

    #[test]
    fn every_column_has_help_in_every_builtin() {
        for name in crate::profile::BUILTIN_PROFILES {
            let p = Profile::builtin(name).unwrap();
            let layout = Layout::of(&p);
            for col in &layout.columns {
                let h = column_help(col, &p, layout.lang);
                assert!(!h.format.is_empty(), "{name} {}", col.header);
                assert!(!h.example.is_empty(), "{name} {}", col.header);
            }
        }
    }

    #[test]
    fn cut_respects_char_limits() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("ãbcd", 3).chars().count(), 3);
    }
}
