#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! What the reader makes of every delimited-text file in testdata/inputs/csv.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cadastro::{Cell, Format, IssueCode, Limits, ReadOptions, Table, TextEncoding};
use cadastro::{Source, read_bytes};

const ASAAS: [&str; 19] = [
    "Identificador Externo",
    "Nome completo",
    "E-mail",
    "Celular",
    "Fone",
    "CPF/CNPJ",
    "CEP",
    "Endereço",
    "Número",
    "Complemento",
    "Bairro",
    "Cidade",
    "Estado",
    "E-mails adicionais",
    "Inscrição municipal",
    "Inscrição estadual",
    "Observações",
    "Grupo",
    "Empresa",
];

const UPFLOW: [&str; 21] = [
    "Customer ID",
    "Customer name",
    "Accounting code",
    "VAT number",
    "Address",
    "Postal code",
    "Town",
    "State/Region",
    "Country",
    "Email of the Account Manager",
    "Workflow name",
    "Default payment period",
    "Parent name",
    "Parent ID",
    "Contact email",
    "Contact first name",
    "Contact name",
    "Contact phone",
    "Contact reference",
    "Contact position",
    "Main contact",
];

const INVOICEOCEAN: [&str; 21] = [
    "No",
    "ID",
    "Short name",
    "Client name",
    "Tax ID",
    "City",
    "Post code",
    "Street",
    "Country",
    "Delivery address",
    "Company",
    "Email",
    "Website",
    "Telephone",
    "Mobile phone",
    "Fax",
    "Forename",
    "Surname",
    "Bank",
    "Account number",
    "Additional description",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/inputs/csv")
}

fn open(name: &str) -> Table {
    open_with(name, &ReadOptions::default())
}

fn open_with(name: &str, opts: &ReadOptions) -> Table {
    Source::from_path(dir().join(name)).open(opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What one file must read as.
struct Expect {
    file: &'static str,
    encoding: TextEncoding,
    delimiter: char,
    header_row: u32,
    headers: &'static [&'static str],
    /// (row, line) of every data row, in order.
    rows: &'static [(u32, u64)],
    blank_rows: u32,
    /// (row, line) of every ragged_row issue.
    ragged: &'static [(u32, u64)],
}

/// (row, line) pairs where the line equals the row.
const fn same<const N: usize>(first: u32) -> [(u32, u64); N] {
    let mut out = [(0, 0); N];
    let mut i = 0;
    while i < N {
        out[i] = (first + i as u32, (first + i as u32) as u64);
        i += 1;
    }
    out
}

const LINE_ENDING_ROWS: [(u32, u64); 3] = [(2, 2), (4, 4), (5, 6)];
const LINE_ENDING_HEADERS: [&str; 4] = ["Identificador Externo", "Nome completo", "CPF/CNPJ", "Cidade"];

fn expectations() -> Vec<Expect> {
    use TextEncoding::*;
    vec![
        Expect {
            file: "asaas_utf8_comma.csv",
            encoding: Utf8,
            delimiter: ',',
            header_row: 1,
            headers: &ASAAS,
            rows: &const { same::<8>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_utf8_bom_semicolon.csv",
            encoding: Utf8Bom,
            delimiter: ';',
            header_row: 1,
            headers: &ASAAS,
            rows: &const { same::<10>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_utf16le_bom_tab.csv",
            encoding: Utf16Le,
            delimiter: '\t',
            header_row: 1,
            headers: &ASAAS,
            rows: &const { same::<6>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_utf16be_semicolon.csv",
            encoding: Utf16Be,
            delimiter: ';',
            header_row: 1,
            headers: &ASAAS,
            rows: &const { same::<5>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_windows1252_semicolon.csv",
            encoding: Windows1252,
            delimiter: ';',
            header_row: 1,
            headers: &ASAAS,
            rows: &const { same::<7>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_sep_line.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 1,
            headers: &ASAAS,
            rows: &[(2, 3), (3, 4), (4, 5), (5, 6)],
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "asaas_title_blank_rows.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 3,
            headers: &ASAAS,
            rows: &[(4, 4), (5, 5), (7, 7), (8, 8), (10, 10), (11, 11), (13, 13)],
            blank_rows: 3,
            ragged: &[],
        },
        Expect {
            file: "quoted_fields.csv",
            encoding: Utf8,
            delimiter: ',',
            header_row: 1,
            headers: &["Identificador Externo", "Nome completo", "E-mail", "Endereço", "Observações"],
            rows: &[(2, 2), (3, 3), (4, 4), (5, 6), (6, 9)],
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "line_endings_crlf.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 1,
            headers: &LINE_ENDING_HEADERS,
            rows: &LINE_ENDING_ROWS,
            blank_rows: 1,
            ragged: &[],
        },
        Expect {
            file: "line_endings_lf.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 1,
            headers: &LINE_ENDING_HEADERS,
            rows: &LINE_ENDING_ROWS,
            blank_rows: 1,
            ragged: &[],
        },
        Expect {
            file: "line_endings_cr.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 1,
            headers: &LINE_ENDING_HEADERS,
            rows: &LINE_ENDING_ROWS,
            blank_rows: 1,
            ragged: &[],
        },
        Expect {
            file: "ragged_rows.csv",
            encoding: Utf8,
            delimiter: ',',
            header_row: 1,
            headers: &["Identificador Externo", "Nome completo", "E-mail", "CPF/CNPJ", "Cidade"],
            rows: &const { same::<6>(2) },
            blank_rows: 0,
            ragged: &[(3, 3), (4, 4), (7, 7)],
        },
        Expect {
            file: "single_column.csv",
            encoding: Utf8,
            delimiter: ',',
            header_row: 1,
            headers: &["E-mail"],
            rows: &const { same::<5>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "unknown_headers.csv",
            encoding: Utf8,
            delimiter: ';',
            header_row: 1,
            headers: &["Foo", "Bar", "Baz"],
            rows: &const { same::<3>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "upflow_pipe_contacts.csv",
            encoding: Utf8,
            delimiter: '|',
            header_row: 1,
            headers: &UPFLOW,
            rows: &const { same::<8>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "invoiceocean_pl_comma.csv",
            encoding: Utf8,
            delimiter: ',',
            header_row: 1,
            headers: &INVOICEOCEAN,
            rows: &const { same::<5>(2) },
            blank_rows: 0,
            ragged: &[],
        },
        Expect {
            file: "invoiceocean_pl_windows1250_semicolon.csv",
            encoding: Windows1250,
            delimiter: ';',
            header_row: 1,
            headers: &INVOICEOCEAN,
            rows: &const { same::<5>(2) },
            blank_rows: 0,
            ragged: &[],
        },
    ]
}

#[test]
fn every_file_reads_as_expected() {
    let expectations = expectations();
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    let covered: BTreeSet<String> = expectations.iter().map(|e| e.file.to_owned()).collect();
    assert_eq!(on_disk, covered, "every file in testdata/inputs/csv needs expectations here");

    for e in &expectations {
        let t = open(e.file);
        let f = e.file;
        assert_eq!(t.source.format, Format::Csv, "{f}");
        assert_eq!(t.source.encoding, Some(e.encoding), "{f}");
        assert_eq!(t.source.delimiter, Some(e.delimiter), "{f}");
        assert_eq!(t.source.sheet, None, "{f}");
        assert!(t.sheets.is_empty(), "{f}");
        assert_eq!(t.source.header_row, Some(e.header_row), "{f}");
        assert_eq!(t.headers, e.headers, "{f}");
        let rows: Vec<(u32, u64)> = t.rows.iter().map(|r| (r.row, r.line.unwrap())).collect();
        assert_eq!(rows, e.rows, "{f}");
        assert_eq!(t.blank_rows, e.blank_rows, "{f}");
        let ragged: Vec<(u32, u64)> = t.issues.iter().map(|i| (i.row, i.line.unwrap())).collect();
        assert_eq!(ragged, e.ragged, "{f}");
        for issue in &t.issues {
            assert_eq!(issue.code, IssueCode::RaggedRow, "{f}");
            assert_eq!(issue.field.as_deref(), Some("_row"), "{f}");
        }
        // Delimited text gives only text and empty cells, never a blank text.
        for row in &t.rows {
            for cell in &row.cells {
                assert!(matches!(cell, Cell::Empty) || matches!(cell, Cell::Text(s) if !s.trim().is_empty()), "{f}");
            }
        }
        // Reading from memory gives the same table.
        let bytes = std::fs::read(dir().join(f)).unwrap();
        assert_eq!(read_bytes(&bytes, &ReadOptions::default()).unwrap(), t, "{f}");
    }
}

fn text(t: &Table, row: usize, col: usize) -> String {
    t.rows[row].cell(col).as_text().into_owned()
}

#[test]
fn every_encoding_decodes_the_same_accents() {
    // Windows-1252 (Excel "CSV"): accents in headers and data.
    let t = open("asaas_windows1252_semicolon.csv");
    assert_eq!(t.headers[7], "Endereço");
    assert_eq!(text(&t, 1, 1), "João Araújo Gonçalves");
    assert_eq!(text(&t, 2, 1), "Açaí Comércio de Alimentos Ltda");
    assert_eq!(text(&t, 0, 11), "São Paulo");
    // UTF-16 both ways and UTF-8 with BOM: the first header carries no BOM.
    for file in ["asaas_utf16le_bom_tab.csv", "asaas_utf16be_semicolon.csv", "asaas_utf8_bom_semicolon.csv"] {
        let t = open(file);
        assert_eq!(t.headers[0], "Identificador Externo", "{file}");
        assert_eq!(text(&t, 1, 1), "João Araújo Gonçalves", "{file}");
        assert_eq!(text(&t, 0, 11), "São Paulo", "{file}");
        assert_eq!(text(&t, 3, 10), "Recife Antigo", "{file}");
    }
}

#[test]
fn quoted_fields_keep_separators_quotes_and_line_breaks() {
    let t = open("quoted_fields.csv");
    assert_eq!(text(&t, 0, 1), "Souza, Ana Beatriz");
    assert_eq!(text(&t, 0, 3), "Rua das Flores, 120");
    assert_eq!(text(&t, 1, 1), "Padaria \"Pão Quente\" Ltda");
    assert_eq!(text(&t, 1, 3), "Av. Brasil; Loja 3");
    assert_eq!(text(&t, 1, 4), "Disse: \"pagar no dia 5\"");
    assert_eq!(text(&t, 2, 4), "Linha 1 da nota\nLinha 2 da nota");
    assert_eq!(text(&t, 3, 4), "Três\nlinhas\nde nota");
    assert_eq!(t.rows[4].cell(4), &Cell::Empty);
    assert_eq!(t.rows[4].cells.len(), 5);
}

#[test]
fn line_endings_give_the_same_table() {
    let lf = open("line_endings_lf.csv");
    for (file, nl) in [("line_endings_crlf.csv", "\r\n"), ("line_endings_cr.csv", "\r")] {
        let t = open(file);
        assert_eq!(t.rows.len(), lf.rows.len());
        for (a, b) in t.rows.iter().zip(&lf.rows) {
            assert_eq!((a.row, a.line), (b.row, b.line), "{file}");
            let a_text: Vec<String> = a.cells.iter().map(|c| c.as_text().replace(nl, "\n")).collect();
            let b_text: Vec<String> = b.cells.iter().map(|c| c.as_text().into_owned()).collect();
            assert_eq!(a_text, b_text, "{file}");
        }
    }
    assert_eq!(text(&lf, 1, 1), "Construtora Horizonte S/A\nFilial Norte");
    assert_eq!(text(&lf, 2, 3), "Curitiba");
}

#[test]
fn title_rows_footer_and_padding() {
    let t = open("asaas_title_blank_rows.csv");
    assert_eq!(text(&t, 0, 0), "CLI-0601");
    assert_eq!(text(&t, 5, 0), "CLI-0606");
    // The footer is a row (the validator rejects it), padded like the rest: not ragged.
    let footer = t.rows.last().unwrap();
    assert_eq!(footer.cell(0).as_text(), "Total: 6 clientes");
    assert_eq!(footer.cells.len(), ASAAS.len());
    assert!(footer.cells[1..].iter().all(|c| *c == Cell::Empty));
    // A quoted observation containing the delimiter.
    assert_eq!(text(&t, 4, 16), "Prefere boleto; não enviar SMS");
}

#[test]
fn upflow_contact_lines() {
    let t = open("upflow_pipe_contacts.csv");
    // The second line of customer UP-001 carries only its id, name and contact columns.
    let second = &t.rows[1];
    assert_eq!(second.cells.len(), UPFLOW.len());
    assert_eq!(second.cell(0).as_text(), "UP-001");
    assert_eq!(second.cell(2), &Cell::Empty);
    assert_eq!(second.cell(14).as_text(), "jean.lefevre@lefevre.fr");
    let ids: Vec<String> = t.rows.iter().map(|r| r.cell(0).as_text().into_owned()).collect();
    assert_eq!(ids, ["UP-001", "UP-001", "UP-002", "UP-002", "UP-002", "UP-003", "UP-004", "UP-004"]);
    assert_eq!(text(&t, 5, 13), "UP-002");
    assert_eq!(text(&t, 7, 16), "Żółkiewska");
}

#[test]
fn invoiceocean_quoted_delivery_address() {
    let t = open("invoiceocean_pl_comma.csv");
    assert_eq!(text(&t, 1, 9), "ul. Zgierska 7, 91-001 Łódź");
    assert_eq!(text(&t, 0, 20), "Stały klient, rabat 5%");
    assert_eq!(text(&t, 3, 3), "Ślązak i Synowie S.A.");
}

#[test]
fn polish_excel_csv_reads_the_same_as_its_utf8_twin() {
    let utf8 = open("invoiceocean_pl_comma.csv");
    let cp1250 = open("invoiceocean_pl_windows1250_semicolon.csv");
    assert_eq!(cp1250.headers, utf8.headers);
    let cells = |t: &Table| t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();
    assert_eq!(cells(&cp1250), cells(&utf8));
    assert_eq!(text(&cp1250, 1, 5), "Łódź");
    // Read as Windows-1252 on request, the same bytes are the mojibake detection avoids.
    let forced = open_with(
        "invoiceocean_pl_windows1250_semicolon.csv",
        &ReadOptions::default().with_encoding(TextEncoding::Windows1252),
    );
    assert_eq!(text(&forced, 1, 5), "£ódŸ");
}

#[test]
fn ragged_rows_keep_their_cells() {
    let t = open("ragged_rows.csv");
    let counts: Vec<usize> = t.rows.iter().map(|r| r.cells.len()).collect();
    assert_eq!(counts, [5, 4, 6, 7, 5, 1]);
    // The extra value is kept in the row (the ragged issue says the row is wrong).
    assert_eq!(t.rows[2].cell(5).as_text(), "sobrando");
    assert!(t.issues.iter().all(|i| i.message.is_empty()));
}

#[test]
fn options_override_detection() {
    // An explicit encoding the bytes are not in.
    let err = Source::from_path(dir().join("asaas_windows1252_semicolon.csv"))
        .open(&ReadOptions::default().with_encoding(TextEncoding::Utf8))
        .unwrap_err();
    assert_eq!(err.code(), "encoding_error");
    // An explicit encoding that fits.
    let t =
        open_with("asaas_windows1252_semicolon.csv", &ReadOptions::default().with_encoding(TextEncoding::Windows1252));
    assert_eq!(t.source.encoding, Some(TextEncoding::Windows1252));
    // An explicit delimiter: the semicolon file read with `,` has one column per line, split at the
    // commas inside values only.
    let t = open_with("unknown_headers.csv", &ReadOptions::default().with_delimiter(','));
    assert_eq!(t.source.delimiter, Some(','));
    assert_eq!(t.headers, ["Foo;Bar;Baz"]);
    // An explicit header row: the title row becomes the header.
    let t = open_with("asaas_title_blank_rows.csv", &ReadOptions::default().with_header_row(1));
    assert_eq!(t.source.header_row, Some(1));
    assert_eq!(t.headers[0], "Clientes - Março 2026");
    assert_eq!(t.rows[0].row, 3);
    // The sep= line's delimiter can be overridden too; the line stays out of the rows.
    let t = open_with("asaas_sep_line.csv", &ReadOptions::default().with_delimiter(';'));
    assert_eq!((t.source.header_row, t.rows[0].row, t.rows[0].line), (Some(1), 2, Some(3)));
}

#[test]
fn limits_on_real_files() {
    let opts = |limits: Limits| ReadOptions::default().with_limits(limits);
    let err = Source::from_path(dir().join("asaas_title_blank_rows.csv"))
        .open(&opts(Limits { max_rows: 10, ..Limits::default() }))
        .unwrap_err();
    assert_eq!(err.to_string(), "limit exceeded: rows is 11, the maximum is 10");
    let err = Source::from_path(dir().join("upflow_pipe_contacts.csv"))
        .open(&opts(Limits { max_columns: 20, ..Limits::default() }))
        .unwrap_err();
    assert_eq!(err.to_string(), "limit exceeded: columns is 21, the maximum is 20");
    let err = Source::from_path(dir().join("quoted_fields.csv"))
        .open(&opts(Limits { max_cell_chars: 20, ..Limits::default() }))
        .unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    let err = Source::from_path(dir().join("quoted_fields.csv"))
        .open(&opts(Limits { max_file_bytes: 100, ..Limits::default() }))
        .unwrap_err();
    assert_eq!(err.to_string(), "limit exceeded: file_bytes is 532, the maximum is 100");
}

#[test]
fn file_level_failures() {
    let read = |b: &[u8]| read_bytes(b, &ReadOptions::default()).map_err(|e| e.code());
    assert_eq!(read(b"").unwrap_err(), "empty_file");
    assert_eq!(read(b"\n\r\n  \n;;;\n").unwrap_err(), "empty_file");
    assert_eq!(read(b"\xEF\xBB\xBF").unwrap_err(), "empty_file");
    assert_eq!(read(b"sep=;\r\n").unwrap_err(), "empty_file");
    // Only numbers: a headerless table, not a refusal.
    let t = read_bytes(b"1;2;3\n4;5;6\n", &ReadOptions::default()).unwrap();
    assert_eq!((t.source.header_row, t.rows.len(), t.headers.len()), (None, 2, 3));
    assert_eq!(read(b"\xFF\xFEa\0\x00\xD8").unwrap_err(), "encoding_error");
}

#[test]
fn hostile_bytes_do_not_panic_and_fail_fast() {
    // NUL bytes, unbalanced quotes, lone surrogates in UTF-16, invalid UTF-8.
    let samples: [&[u8]; 6] = [
        b"Nome;CPF\n\0\0\0;\0\n",
        b"Nome;Obs\nAna;\"never closed\n;;\n\"\"\"\n",
        b"\xFE\xFF\xD8\x00\x00a",
        b"Nome,Cidade\n\xC3\x28,\xE2\x82\n",
        b"\"",
        b"\r\r\r\n\n\r",
    ];
    for s in samples {
        let _ = read_bytes(s, &ReadOptions::default());
    }
    // A 4 MB unclosed quote against a small cell limit: an error, quickly.
    let mut big = b"Nome;Obs\nAna;\"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 4 << 20));
    let started = std::time::Instant::now();
    let err = read_bytes(&big, &ReadOptions::default()).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded");
    assert!(started.elapsed().as_secs_f64() < 1.0, "{:?}", started.elapsed());
    // A million blank lines then a row: the row limit is met without allocating rows.
    let mut blank = b"Nome;CPF\n".to_vec();
    blank.extend(std::iter::repeat_n(b'\n', 1_000_000));
    blank.extend_from_slice(b"Ana;1\n");
    let opts = ReadOptions::default().with_limits(Limits { max_rows: 500_000, ..Limits::default() });
    let err = read_bytes(&blank, &opts).unwrap_err();
    assert_eq!(err.to_string(), "limit exceeded: rows is 1000002, the maximum is 500000");

    // Random short inputs over the characters that matter to a CSV reader.
    let alphabet: &[u8] = b";,|\t\"\r\n\0aZ9 \xc3\xa7\xff\xfe";
    let mut state = 0x1234_5678_u32;
    for len in 0..600 {
        let bytes: Vec<u8> = (0..len % 200)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                alphabet[state as usize % alphabet.len()]
            })
            .collect();
        if let Ok(t) = read_bytes(&bytes, &ReadOptions::default()) {
            let mut last = t.source.header_row.unwrap_or(0);
            for row in &t.rows {
                assert!(row.row > last, "{bytes:?}");
                last = row.row;
            }
        }
    }
}
