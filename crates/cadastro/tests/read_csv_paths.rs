#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Issue #14's reading behaviours through both pipelines: [`Importer::validate`] (whole file)
//! and [`Importer::validate_stream`] (chunks) must report the same issues and source facts.

use std::ops::ControlFlow;

use cadastro::Issue;
use cadastro::{ImportOptions, Importer, Source, SourceInfo, TextEncoding};

/// An issue's code, row and column.
type Key = (String, u32, Option<String>);

/// (code, row, column) of every issue, and the source, from both paths; asserts they agree.
fn both(profile: &str, bytes: &[u8]) -> (Vec<Key>, SourceInfo, Vec<Issue>) {
    let opts = ImportOptions { locale: Some(cadastro::Locale::En), ..ImportOptions::for_profile(profile).unwrap() };
    let importer = Importer::new(opts).unwrap();
    let source = Source::from_bytes(bytes.to_vec());
    let whole = importer.validate(&source).unwrap();
    let mut streamed = Vec::new();
    let summary = importer
        .validate_stream(&source, 3, &mut |chunk| {
            streamed.extend(chunk.issues);
            ControlFlow::Continue(())
        })
        .unwrap();
    let key = |i: &Issue| (i.code.as_str().to_owned(), i.row, i.column.clone());
    let a: Vec<_> = whole.issues.iter().map(key).collect();
    let b: Vec<_> = streamed.iter().map(key).collect();
    assert_eq!(a, b, "whole file and stream disagree");
    assert_eq!(summary.source, whole.source, "source differs between the paths");
    assert_eq!(summary.stats.rows_rejected, whole.stats.rows_rejected);
    assert_eq!(summary.stats.customers_valid, whole.stats.customers_valid);
    (a, whole.source, whole.issues)
}

#[test]
fn a_ragged_row_is_rejected_whole_and_names_the_split_column() {
    let csv =
        "Nome,Endereço,País\nAna Souza,Rua das Flores, 123,Porto\nBia Lima,Rua A 1,Brasil\nCaio,Av. B 2,Portugal\n";
    let (issues, _, full) = both("generic", csv.as_bytes());
    // Only ragged_row: no invalid_country on the shifted "Porto".
    assert_eq!(issues, [("ragged_row".to_owned(), 2, Some("B".to_owned()))]);
    assert!(full[0].message.contains("Endereço") && full[0].message.contains("unquoted"), "{}", full[0].message);
}

#[test]
fn rows_above_the_header_that_look_like_data_are_reported() {
    let csv = "C-1;Ana Souza;529.982.247-25\nC-2;Bia Lima;111.444.777-35\n\
               Identificador Externo;Nome completo;CPF/CNPJ\nC-3;Caio Reis;390.533.447-05\nC-4;Dora;529.982.247-25\n";
    let (issues, source, full) = both("asaas", csv.as_bytes());
    assert_eq!(source.header_row, Some(3));
    let skipped: Vec<_> = issues.iter().filter(|i| i.0 == "skipped_above_header").map(|i| i.1).collect();
    assert_eq!(skipped, [1, 2]);
    assert_eq!(source.skipped_rows.len(), 2);
    assert!(full[0].message.contains("row 3"), "{}", full[0].message);
}

#[test]
fn a_headerless_file_is_read_not_refused() {
    let csv = "1;2;3\n4;5;6\n7;8;9\n";
    let importer = Importer::new(ImportOptions::for_profile("generic").unwrap()).unwrap();
    let table = Source::from_bytes(csv.as_bytes().to_vec()).open(&Default::default()).unwrap();
    assert_eq!(table.source.header_row, None);
    assert_eq!(table.rows.len(), 3);
    // The mapping of headerless columns by their values is the mapping issue's: today the
    // pipeline reaches the mapping (no `no_header`) and says which required column it lacks.
    match importer.validate(&Source::from_bytes(csv.as_bytes().to_vec())) {
        Ok(report) => {
            assert_eq!(report.source.header_row, None);
            assert!(report.to_json().contains("\"header_row\":null"));
        }
        Err(e) => assert_ne!(e.code(), "no_header"),
    }
}

#[test]
fn invalid_bytes_and_nuls_are_row_warnings() {
    let mut bytes = b"Nome;Cidade\n".to_vec();
    for _ in 0..10 {
        bytes.extend_from_slice("Zoé Araújo;Montréal\n".as_bytes());
    }
    bytes.extend_from_slice(b"Caf\xC3;Qu\xE9bec\n");
    bytes.extend_from_slice(b"Ana\0;Recife\n");
    let (issues, source, _) = both("generic", &bytes);
    assert_eq!(source.encoding, Some(TextEncoding::Utf8));
    assert!(issues.contains(&("invalid_bytes_replaced".to_owned(), 12, None)), "{issues:?}");
    assert!(issues.contains(&("nul_bytes_removed".to_owned(), 13, None)), "{issues:?}");
}

#[test]
fn cyrillic_and_shift_jis_files_stream_like_the_whole_file() {
    let text = "Name;City\r\nООО Ромашка;Москва\r\nИП Иванов Иван;Санкт-Петербург\r\nАО Звезда;Новосибирск\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let (_, source, _) = both("generic", &bytes);
    assert_eq!(source.encoding, Some(TextEncoding::Windows1251));
    let text =
        "Name,City\r\n株式会社山田商事,東京都千代田区\r\n田中太郎,大阪府大阪市北区\r\n鈴木花子,福岡県福岡市中央区\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
    let (_, source, _) = both("generic", &bytes);
    assert_eq!(source.encoding, Some(TextEncoding::ShiftJis));
    assert!(source.encoding_confidence.unwrap() > 0.5);
}

#[test]
fn new_dialects_on_both_paths() {
    for (delim, csv) in [
        (' ', "name city code\nAna Recife 10\nBia Natal 20\nCaio Belem 30\n"),
        ('#', "Name#City#Code\nAna#Recife#10\nBia#Natal#20\n"),
        ('~', "Name~City~Code\nAna~Recife~10\nBia~Natal~20\n"),
        ('^', "Name^City^Code\nAna^Recife^10\nBia^Natal^20\n"),
        (':', "Name:City:Code\nAna:Recife:10\nBia:Natal:20\n"),
        (';', "Name;Shape\nA;POLYGON((1 2, 3 4, 5 6))\nB;POLYGON((1 2, 3 4))\nC;POINT(1 2)\n"),
        (',', "Name,Tags,City\nAna,a|b|c|d|e|f|g,Recife\nBia,x,Natal\nCaio,p|q,Belem\n"),
    ] {
        let (_, source, _) = both("generic", csv.as_bytes());
        assert_eq!(source.delimiter, Some(delim), "{csv}");
    }
    // Single quotes and backslash escapes.
    let csv = "'Name','City'\n'Silva, Ana','Recife'\n'Lima, Bia','Natal'\n'Reis, Caio','Belem'\n";
    let table = Source::from_bytes(csv.as_bytes().to_vec()).open(&Default::default()).unwrap();
    assert_eq!(table.headers, ["Name", "City"]);
    assert_eq!(table.rows[0].cell(0).as_text(), "Silva, Ana");
    let csv = "name,note\n\"Ana\",\"she said \\\"hi\\\"\"\n\"Bia\",\"ok\"\n";
    let table = Source::from_bytes(csv.as_bytes().to_vec()).open(&Default::default()).unwrap();
    assert_eq!(table.rows[0].cell(1).as_text(), "she said \"hi\"");
}

/// The stream settles the encoding on the file's first MiB: a windows-1252 file whose first
/// non-ASCII byte lies past it is still read as windows-1252 (no U+FFFD), as the whole file is.
#[test]
fn a_code_page_past_the_first_mebibyte_streams_right() {
    let mut text = String::from("Name,City\r\n");
    let mut n = 0;
    while text.len() < 1_200_000 {
        n += 1;
        text.push_str(&format!("Cliente {n:06},Recife\r\n"));
    }
    text.push_str("José Araújo,São Paulo\r\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(bytes.iter().position(|b| !b.is_ascii()).unwrap() > 1 << 20);
    let opts = ImportOptions { locale: Some(cadastro::Locale::En), ..ImportOptions::for_profile("generic").unwrap() };
    let importer = Importer::new(opts).unwrap();
    let source = Source::from_bytes(bytes.into_owned());
    let mut last = None;
    let mut issues = Vec::new();
    let summary = importer
        .validate_stream(&source, 5000, &mut |chunk| {
            issues.extend(chunk.issues);
            if let Some(c) = chunk.customers.last() {
                last = Some(c.clone());
            }
            ControlFlow::Continue(())
        })
        .unwrap();
    // The stream names the code page it ended up reading, as the whole file does.
    assert_eq!(summary.source.encoding, Some(TextEncoding::Windows1252));
    let last = last.unwrap();
    assert_eq!(last.text(cadastro::Field::Name), Some("José Araújo"));
    assert!(!issues.iter().any(|i| i.code.as_str() == "invalid_bytes_replaced"), "{issues:?}");
    let whole = importer.validate(&source).unwrap();
    assert_eq!(whole.source.encoding, Some(TextEncoding::Windows1252));
}
