//! Issue 16 points 4, 5 and 7 on both pipelines (whole file and streaming): the default locale
//! follows the profile or the headers' language, the default country is inferred from the
//! file's evidence, Brazilian 8-digit mobiles get their ninth digit. Files are real CSV in the
//! encodings spreadsheet software writes (UTF-8 with BOM, Windows-1252, Windows-1250) and
//! workbooks written by rust_xlsxwriter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::ops::ControlFlow;

use cadastro::StreamSummary;
use cadastro::{Customer, ImportOptions, Importer, Issue, Locale, Report, Source};

/// Both pipelines on the same bytes: the whole-file report, and the stream's customers, issues
/// and summary (chunks of 2 rows, so that the inference must come from the first chunk).
fn both(opts: ImportOptions, bytes: &[u8]) -> (Report, (Vec<Customer>, Vec<Issue>, StreamSummary)) {
    let importer = Importer::new(opts).unwrap();
    let source = Source::from_bytes(bytes.to_vec());
    let whole = importer.validate(&source).unwrap();
    let mut customers = Vec::new();
    let mut issues = Vec::new();
    let summary = importer
        .validate_stream(&source, 2, &mut |chunk| {
            customers.extend(chunk.customers);
            issues.extend(chunk.issues);
            ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(whole.customers, customers, "customers differ between the pipelines");
    assert_eq!(whole.issues, issues, "issues differ between the pipelines");
    assert_eq!(whole.source, summary.source, "source differs between the pipelines");
    assert_eq!(whole.locale, summary.locale, "locale differs between the pipelines");
    assert_eq!(whole.stats, summary.stats);
    (whole, (customers, issues, summary))
}

fn profile(name: &str) -> ImportOptions {
    ImportOptions::for_profile(name).unwrap()
}

fn codes(issues: &[Issue]) -> Vec<(u32, &str)> {
    issues.iter().map(|i| (i.row, i.code.as_str())).collect()
}

fn windows_1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

// ---- #16.5: the generic profile infers the country ----------------------------------------

#[test]
fn generic_bad_cpf_is_checked_as_a_cpf_on_both_paths() {
    let csv = "Nome;CPF\r\nAna;123.456.789-00\r\n";
    let (r, _) = both(ImportOptions::default(), csv.as_bytes());
    let inferred = r.source.country_inferred.as_ref().expect("a country is inferred");
    assert_eq!(inferred.country, "BR");
    assert_eq!(inferred.evidence, ["tax_id", "header_language"]);
    assert_eq!(codes(&r.issues), [(2, "invalid_tax_id")]);
    assert_eq!((r.stats.customers_valid, r.stats.customers_rejected), (0, 1));
    // Portuguese headers: Portuguese messages.
    assert_eq!(r.locale, Locale::PtBr);
    assert!(r.issues[0].message.contains("documento inválido"), "{}", r.issues[0].message);
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["source"]["country_inferred"]["country"], "BR");
    assert_eq!(json["locale"], "pt-BR");
}

#[test]
fn generic_accepts_brazilian_phones_with_an_inferred_country() {
    // Windows-1252, as Excel for Brazil saves "CSV (separado por vírgulas)".
    let csv = "Nome;CPF/CNPJ;Celular;CEP;Cidade\r\n\
               Ana Souza;529.982.247-25;(11) 98765-4321;01310-100;São Paulo\r\n\
               Padaria Pão Bom;11.222.333/0001-81;(85) 9508-7624;60160-230;Fortaleza\r\n\
               João;390.533.447-05;(21) 3456-7890;20040-020;Rio de Janeiro\r\n";
    let (r, _) = both(ImportOptions::default(), &windows_1252(csv));
    let inferred = r.source.country_inferred.as_ref().unwrap();
    assert_eq!(inferred.country, "BR");
    assert_eq!(inferred.evidence, ["tax_id", "phone", "postal_code", "header_language"]);
    assert_eq!(codes(&r.issues), [(3, "phone_ninth_digit_added")]);
    assert_eq!(r.stats.customers_valid, 3);
    let phones: Vec<_> = r.customers.iter().map(|c| c.get(cadastro::Field::MobilePhone).cloned().unwrap()).collect();
    assert_eq!(phones, ["+5511987654321", "+5585995087624", "+552134567890"].map(|p| cadastro::Value::Text(p.into())));
}

#[test]
fn english_headers_with_brazilian_data_infer_from_the_data() {
    let csv =
        "\u{feff}Customer name,Tax ID,Phone\nAna,529.982.247-25,(11) 98765-4321\nBia,390.533.447-05,11 3456-7890\n";
    let (r, _) = both(ImportOptions::default(), csv.as_bytes());
    let inferred = r.source.country_inferred.as_ref().unwrap();
    assert_eq!((inferred.country.as_str(), inferred.evidence.clone()), ("BR", vec!["tax_id".into(), "phone".into()]));
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert_eq!(r.locale, Locale::En);
}

#[test]
fn no_inference_when_the_host_or_the_profile_sets_the_country_or_evidence_is_unclear() {
    let csv = "Nome;CPF\nAna;123.456.789-00\n";
    let mut opts = ImportOptions { country: Some("PL".into()), ..ImportOptions::default() };
    let (r, _) = both(opts.clone(), csv.as_bytes());
    assert_eq!(r.source.country_inferred, None);
    // Checked as a Polish tax id: not a NIP either.
    assert_eq!(codes(&r.issues), [(2, "invalid_tax_id")]);
    opts.country = None;
    let (r, _) =
        both(profile("asaas"), "Identificador Externo;Nome completo;CPF/CNPJ\n1;Ana;529.982.247-25\n".as_bytes());
    assert_eq!(r.source.country_inferred, None);
    assert!(r.issues.is_empty());
    // English headers, data of no known shape: nothing inferred, as before.
    let (r, _) = both(opts, "Name;Tax ID\nAna;12-3456789\n".as_bytes());
    assert_eq!(r.source.country_inferred, None);
    assert!(r.to_json().find("country_inferred").is_none());
    assert!(r.issues.is_empty());
}

#[test]
fn a_workbook_infers_like_a_csv() {
    let book = xlsx(&[
        &["Nome", "CPF/CNPJ", "Telefone"],
        &["Ana", "529.982.247-25", "(11) 8765-4321"],
        &["Bia", "123.456.789-00", "(11) 3456-7890"],
    ]);
    let (r, _) = both(ImportOptions::default(), &book);
    assert_eq!(r.source.country_inferred.as_ref().map(|c| c.country.as_str()), Some("BR"));
    assert_eq!(codes(&r.issues), [(2, "phone_ninth_digit_added"), (3, "invalid_tax_id")]);
}

// ---- #16.7: the ninth digit -------------------------------------------------------------------

#[test]
fn asaas_legacy_mobiles_get_the_ninth_digit_landlines_do_not() {
    let csv = "Identificador Externo;Nome completo;CPF/CNPJ;Celular;Fone\r\n\
               1;Ana;529.982.247-25;(85) 9508-7624;(85) 3256-7624\r\n\
               2;Bia;390.533.447-05;(85) 1508-7624;\r\n";
    let (r, _) = both(profile("asaas"), &windows_1252(csv));
    assert_eq!(codes(&r.issues), [(2, "phone_ninth_digit_added"), (3, "invalid_phone")]);
    let w = &r.issues[0];
    assert_eq!(
        (w.column.as_deref(), w.field.as_deref(), w.value.as_deref()),
        (Some("D"), Some("mobile_phone"), Some("(85) 9508-7624"))
    );
    assert_eq!(w.severity, cadastro::Severity::Warning);
    assert!(w.message.contains("nono dígito"), "{}", w.message);
    let ana = &r.customers[0];
    assert_eq!(ana.get(cadastro::Field::MobilePhone).cloned().unwrap(), cadastro::Value::Text("+5585995087624".into()));
    assert_eq!(ana.get(cadastro::Field::Phone).cloned().unwrap(), cadastro::Value::Text("+558532567624".into()));
}

// ---- #16.4: the default locale ----------------------------------------------------------------

#[test]
fn default_locale_follows_profile_then_headers_and_the_host_overrides() {
    // asaas: pt-BR whatever the headers.
    let (r, (_, _, s)) = both(profile("asaas"), "Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n".as_bytes());
    assert_eq!((r.locale, s.locale), (Locale::PtBr, Locale::PtBr));
    assert!(r.issues.iter().all(|i| !i.message.is_empty()));
    assert!(r.issues[0].message.contains("é obrigatório"), "{}", r.issues[0].message);
    assert!(r.to_text().contains("clientes: 0 válidos, 1 rejeitados"), "{}", r.to_text());

    // invoiceocean with InvoiceOcean's Polish export headers (Windows-1250, as Polish Excel
    // saves): pl. With its English headers: en.
    let pl = "Nazwa;NIP;Miasto;Kod pocztowy\r\nFirma Łódź;123;Łódź;90-001\r\n";
    let bytes = encoding_rs::WINDOWS_1250.encode(pl).0.into_owned();
    let (r, _) = both(profile("invoiceocean"), &bytes);
    assert_eq!(r.locale, Locale::Pl);
    assert!(r.issues[0].message.contains("nieprawidłowy numer podatkowy"), "{}", r.issues[0].message);
    assert!(r.to_text().contains("klienci: 0 poprawnych, 1 odrzuconych"), "{}", r.to_text());
    let (r, _) = both(profile("invoiceocean"), "Client name,Tax ID\nACME,123\n".as_bytes());
    assert_eq!(r.locale, Locale::En);

    // upflow with French headers: fr; generic with Spanish headers: es; unclear: en.
    let (r, _) = both(profile("upflow"), "Nom;Ville;Pays\nACME;Paris;Narnia\n".as_bytes());
    assert_eq!(r.locale, Locale::Fr);
    assert!(r.issues[0].message.contains("pays inconnu"), "{}", r.issues[0].message);
    let (r, _) = both(ImportOptions::default(), "Nombre;Correo electrónico\nACME;acme@@ejemplo.es\n".as_bytes());
    assert_eq!(r.locale, Locale::Es);
    assert!(r.issues[0].message.contains("no válida"), "{}", r.issues[0].message);
    assert!(r.to_text().contains("filas: 1"), "{}", r.to_text());
    let (r, _) = both(ImportOptions::default(), "Client;E-mail\nACME;x\n".as_bytes());
    assert_eq!(r.locale, Locale::En);

    // The host's locale wins, parsed leniently from JSON options.
    let opts = ImportOptions::from_json(r#"{"profile": "asaas", "locale": "es"}"#).unwrap();
    let (r, _) = both(opts, "Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n".as_bytes());
    assert_eq!(r.locale, Locale::Es);
    assert!(r.issues[0].message.contains("es obligatorio"), "{}", r.issues[0].message);
    let opts = ImportOptions { locale: Some(Locale::Pl), ..profile("asaas") };
    let (r, _) = both(opts, "Identificador Externo;Nome completo;CPF/CNPJ\n1;;111\n".as_bytes());
    assert_eq!(r.locale, Locale::Pl);
}

#[test]
fn error_file_header_and_reimport_in_pl_and_es() {
    let csv = "Nombre;Correo\nACME;no-es-correo\n";
    let importer = Importer::new(ImportOptions::default()).unwrap();
    let source = Source::from_bytes(csv.as_bytes().to_vec());
    let table = source.open(&importer.options().read).unwrap();
    let report = importer.validate_table(&table, &cadastro::NoBase).unwrap();
    let bytes =
        cadastro::export::error_file(&table, &report, cadastro::export::ErrorFileFormat::Csv, report.locale).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.lines().next().unwrap().contains("Errores"), "{text}");
    // The error file imports again: its own column is not an unmapped column.
    let again = importer.validate(&Source::from_bytes(bytes.clone())).unwrap();
    assert!(again.issues.iter().all(|i| i.code.as_str() != "unmapped_column"), "{:?}", again.issues);
    let pl = cadastro::export::error_file(&table, &report, cadastro::export::ErrorFileFormat::Csv, Locale::Pl).unwrap();
    let again = importer.validate(&Source::from_bytes(pl)).unwrap();
    assert!(again.issues.iter().all(|i| i.code.as_str() != "unmapped_column"), "{:?}", again.issues);
}
