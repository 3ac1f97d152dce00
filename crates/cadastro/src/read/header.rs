//! From a [`Grid`] to a [`Table`]: the header row, the data rows below it, blank rows and
//! ragged rows.
//!
//! # Finding the header
//! Unless [`ReadOptions::header_row`] names it, the header is searched among the first
//! [`HEADER_WINDOW`] non-blank rows. A row *qualifies* when
//! - at least 90% of its non-empty cells look like labels (text with letters, not mostly
//!   digits, no `@`, at most 100 characters: a CPF, a phone, an e-mail, a number or a date
//!   cell is data),
//! - at least 90% of them are distinct (case-, accent- and punctuation-insensitive), and
//! - it fills at least half as many cells as the widest row of the window (a title such as
//!   "Clientes - Março 2026", alone in its row or in a merged range, does not).
//!
//! Among qualifying rows, known header labels ([`crate::mapping::is_known_label`], every field
//! in every supported language) are the strong signal: the row with the most of them wins when
//! it has two or more (one is enough in a row of one or two cells). Without such hits, so that a
//! file with headers nobody knows ("Foo;Bar;Baz") still reads, the first qualifying row that
//! fills at least 80% of the widest row wins, else the first qualifying row with the most cells.
//! No qualifying row (only numbers, say) is `no_header`.
//!
//! # Below the header
//! Every non-blank row below the header is a data row, footers such as "Total: 42 clientes"
//! included: the validator rejects them, nothing is dropped silently. `blank_rows` counts the
//! blank rows between the header and the last data row. Rows above the header (titles, notes)
//! are not data.
//!
//! Delimited text: the headers are the header record's fields, and a data record whose field
//! count differs from the header's gets a `ragged_row` issue (field `_row`, no message yet), unless
//! nothing is lost or shifted: extra trailing fields that are all blank, or missing trailing
//! fields under trailing columns without a header text (Excel pads rows with delimiters).
//! Workbooks: a column is a header column when the header row or any data row has a cell in it;
//! columns without header text get `""`. Workbooks have no ragged rows.

use super::{Format, Grid, ReadOptions, Row, SourceInfo, Table};
use crate::error::{Error, ErrorKind, Result};
use crate::mapping::{fold_label, is_known_label};
use crate::model::Cell;
use crate::report::{Issue, IssueCode};
use crate::validate::text::collapse;

/// How many non-blank rows the header search looks at.
pub(crate) const HEADER_WINDOW: usize = 30;

/// Builds the [`Table`] of `grid`: header found (or taken from `opts.header_row`), data rows
/// below it, blank rows counted, ragged rows reported.
///
/// # Errors
/// `empty_file` when the grid has no non-blank row, `no_header` when no row looks like a
/// header, `invalid_options` when `opts.header_row` is 0, blank or past the last row.
pub(crate) fn build_table(grid: Grid, opts: &ReadOptions) -> Result<Table> {
    if grid.rows.is_empty() {
        return Err(ErrorKind::EmptyFile.into());
    }
    let index = match opts.header_row {
        Some(wanted) => requested_header(&grid.rows, wanted)?,
        None => {
            let window = grid.rows.get(..grid.rows.len().min(HEADER_WINDOW)).unwrap_or_default();
            find_header(window).ok_or(ErrorKind::NoHeader { searched: window.len() })?
        }
    };
    let Grid { format, encoding, delimiter, sheet, sheets, rows } = grid;
    let mut rows = rows.into_iter().skip(index);
    let Some(header) = rows.next() else {
        return Err(ErrorKind::NoHeader { searched: 0 }.into());
    };
    let data: Vec<Row> = rows.collect();

    let mut headers: Vec<String> = header.cells.iter().map(|c| collapse(&c.as_text())).collect();
    let mut issues = Vec::new();
    if format == Format::Csv {
        issues = ragged_rows(&headers, &data);
    } else {
        let width = data.iter().map(|r| filled_width(&r.cells)).fold(filled_width(&header.cells), usize::max);
        headers.resize(width, String::new());
    }

    let blank_rows = match data.last() {
        Some(last) => {
            let span = u64::from(last.row.saturating_sub(header.row));
            u32::try_from(span.saturating_sub(data.len() as u64)).unwrap_or(u32::MAX)
        }
        None => 0,
    };
    Ok(Table {
        source: SourceInfo { format, encoding, delimiter, sheet, header_row: header.row, country_inferred: None },
        sheets,
        headers,
        rows: data,
        blank_rows,
        issues,
    })
}

fn requested_header(rows: &[Row], wanted: u32) -> Result<usize> {
    if wanted == 0 {
        return Err(Error::options("header_row is 1-based: 0 is not a row"));
    }
    rows.iter().position(|r| r.row == wanted).ok_or_else(|| {
        let last = rows.last().map_or(0, |r| r.row);
        Error::options(format!("header_row {wanted} is blank or past the last row ({last})"))
    })
}

/// The index of the cells past the last non-blank one.
pub(crate) fn filled_width(cells: &[Cell]) -> usize {
    cells.iter().rposition(|c| !c.is_blank()).map_or(0, |i| i + 1)
}

/// What the header search measures in one row.
#[derive(Debug, Clone, Copy, Default)]
struct Profile {
    /// Non-blank cells.
    filled: usize,
    /// Non-blank cells that look like labels.
    labels: usize,
    /// Distinct non-blank cells.
    distinct: usize,
    /// Cells that are known header labels.
    known: usize,
}

impl Profile {
    fn of(row: &Row) -> Profile {
        let mut p = Profile::default();
        let mut seen = std::collections::HashSet::new();
        for cell in row.cells.iter().filter(|c| !c.is_blank()) {
            p.filled += 1;
            let text = collapse(&cell.as_text());
            if matches!(cell, Cell::Text(_)) && looks_like_label(&text) {
                p.labels += 1;
                if is_known_label(&text) {
                    p.known += 1;
                }
            }
            let folded = fold_label(&text);
            let key = if folded.is_empty() { text.to_lowercase() } else { folded };
            seen.insert(key);
        }
        p.distinct = seen.len();
        p
    }

    fn qualifies(&self, widest: usize) -> bool {
        self.filled >= 1
            && self.labels * 10 >= self.filled * 9
            && self.distinct * 10 >= self.filled * 9
            && self.filled * 2 >= widest
    }
}

/// Text with letters, not mostly digits, no `@`, not a paragraph.
fn looks_like_label(text: &str) -> bool {
    let (mut letters, mut digits, mut chars) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c == '@' {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        } else if c.is_numeric() {
            digits += 1;
        }
    }
    letters > 0 && digits * 2 < letters + digits && chars <= 100
}

/// The index in `window` of the header row, if any row qualifies.
fn find_header(window: &[Row]) -> Option<usize> {
    let profiles: Vec<Profile> = window.iter().map(Profile::of).collect();
    let widest = profiles.iter().map(|p| p.filled).max().unwrap_or(0);
    let qualifying: Vec<(usize, Profile)> =
        profiles.iter().copied().enumerate().filter(|(_, p)| p.qualifies(widest)).collect();

    let mut by_known: Option<(usize, Profile)> = None;
    for &(i, p) in &qualifying {
        if by_known.is_none_or(|(_, best)| p.known > best.known) {
            by_known = Some((i, p));
        }
    }
    if let Some((i, p)) = by_known
        && (p.known >= 2 || (p.known == 1 && p.filled <= 2))
    {
        return Some(i);
    }
    if let Some(&(i, _)) = qualifying.iter().find(|(_, p)| p.filled * 5 >= widest * 4) {
        return Some(i);
    }
    let most = qualifying.iter().map(|(_, p)| p.filled).max()?;
    qualifying.iter().find(|(_, p)| p.filled == most).map(|&(i, _)| i)
}

/// `ragged_row` issues of delimited text (see the module docs for what is not ragged).
pub(crate) fn ragged_rows(headers: &[String], data: &[Row]) -> Vec<Issue> {
    let full = headers.len();
    let named = headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    data.iter()
        .filter(|row| {
            let n = row.cells.len();
            let harmless = n == full
                || (n > full && row.cells.get(full..).unwrap_or_default().iter().all(Cell::is_blank))
                || (named..full).contains(&n);
            !harmless
        })
        .map(|row| {
            let mut issue = Issue::new(IssueCode::RaggedRow, row.row);
            issue.line = row.line;
            issue.field = Some("_row".to_owned());
            issue
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_row(row: u32, cells: &[&str]) -> Row {
        let cells =
            cells.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text((*c).to_owned()) }).collect();
        Row { row, line: Some(u64::from(row)), cells }
    }

    fn grid(format: Format, rows: Vec<Row>) -> Grid {
        Grid {
            format,
            encoding: None,
            delimiter: (format == Format::Csv).then_some(';'),
            sheet: None,
            sheets: Vec::new(),
            rows,
        }
    }

    fn table(rows: Vec<Row>) -> Result<Table> {
        build_table(grid(Format::Csv, rows), &ReadOptions::default())
    }

    #[test]
    fn title_and_blank_row_above_the_header() {
        let t = table(vec![
            text_row(1, &["Clientes - Março 2026", "", "", ""]),
            text_row(3, &["Identificador Externo", "Nome completo", "CPF/CNPJ", "Cidade"]),
            text_row(4, &["C-001", "Ana Souza", "529.982.247-25", "Recife"]),
            text_row(6, &["C-002", "Bruno Lima", "11.222.333/0001-81", "Natal"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, 3);
        assert_eq!(t.headers[1], "Nome completo");
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [4, 6]);
        assert_eq!(t.blank_rows, 1);
        assert!(t.issues.is_empty());
    }

    #[test]
    fn unknown_headers_still_read_from_row_1() {
        let t = table(vec![
            text_row(1, &["Foo", "Bar", "Baz"]),
            text_row(2, &["Ana", "Rua das Flores", "Recife"]),
            text_row(3, &["1", "2", "3"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, 1);
        assert_eq!(t.headers, ["Foo", "Bar", "Baz"]);
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn narrow_title_above_unknown_two_column_header() {
        let t = table(vec![
            text_row(1, &["Relatório de clientes"]),
            text_row(3, &["Foo", "Bar"]),
            text_row(4, &["x1", "y"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, 3);
        // The title row has one field, the header two: rows below are not ragged.
        assert!(t.issues.is_empty());
    }

    #[test]
    fn notes_row_and_data_like_rows_are_not_headers() {
        let t = table(vec![
            text_row(1, &["Preencha as colunas obrigatórias: Identificador, Nome, CPF", "", ""]),
            text_row(2, &["Obrigatório", "Obrigatório", "Obrigatório"]),
            text_row(3, &["Identificador Externo", "Nome completo", "CPF/CNPJ"]),
            text_row(4, &["C-1", "Ana", "529.982.247-25"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, 3);
    }

    #[test]
    fn only_numbers_is_no_header() {
        let err = table(vec![text_row(1, &["1", "2"]), text_row(2, &["3", "4"])]).unwrap_err();
        assert_eq!(err.code(), "no_header");
        assert!(matches!(err.kind(), ErrorKind::NoHeader { searched: 2 }));
        let err = table(vec![text_row(1, &["ana@example.com"]), text_row(2, &["bia@example.com"])]).unwrap_err();
        assert_eq!(err.code(), "no_header");
    }

    #[test]
    fn empty_grid_is_empty_file() {
        assert_eq!(table(Vec::new()).unwrap_err().code(), "empty_file");
    }

    #[test]
    fn header_row_override() {
        let rows = vec![text_row(1, &["Foo", "Bar"]), text_row(2, &["Nome", "CPF"]), text_row(3, &["Ana", "1"])];
        let opts = ReadOptions::default().with_header_row(2);
        let t = build_table(grid(Format::Csv, rows.clone()), &opts).unwrap();
        assert_eq!(t.source.header_row, 2);
        assert_eq!(t.rows.len(), 1);
        for bad in [0, 4] {
            let opts = ReadOptions::default().with_header_row(bad);
            let err = build_table(grid(Format::Csv, rows.clone()), &opts).unwrap_err();
            assert_eq!(err.code(), "invalid_options");
        }
    }

    #[test]
    fn headers_are_cleaned() {
        let t =
            table(vec![text_row(1, &["\u{feff}Nome\u{a0}completo ", " E-mail\n"]), text_row(2, &["a", "b"])]).unwrap();
        assert_eq!(t.headers, ["Nome completo", "E-mail"]);
    }

    #[test]
    fn ragged_rules() {
        let t = table(vec![
            text_row(1, &["Nome", "CPF", "Cidade", ""]),
            text_row(2, &["Ana", "1", "Recife", ""]),       // same count
            text_row(3, &["Bia", "2", "Natal"]),            // misses only the unnamed column
            text_row(4, &["Caio", "3"]),                    // misses Cidade
            text_row(5, &["Dora", "4", "Belém", "", ""]),   // blank extra
            text_row(6, &["Eva", "5", "Caruaru", "", "x"]), // data beyond the header
        ])
        .unwrap();
        let ragged: Vec<(u32, Option<u64>)> = t.issues.iter().map(|i| (i.row, i.line)).collect();
        assert_eq!(ragged, [(4, Some(4)), (6, Some(6))]);
        assert!(t.issues.iter().all(|i| i.code == IssueCode::RaggedRow && i.field.as_deref() == Some("_row")));
        assert!(t.issues.iter().all(|i| i.message.is_empty()));
    }

    #[test]
    fn workbook_headers_widen_to_data_and_no_ragged() {
        let rows = vec![
            Row { row: 1, line: None, cells: vec![Cell::Text("Nome".into()), Cell::Text("CPF".into()), Cell::Empty] },
            Row { row: 2, line: None, cells: vec![Cell::Text("Ana".into()), Cell::Float(52998224725.0)] },
            Row {
                row: 4,
                line: None,
                cells: vec![Cell::Text("Bia".into()), Cell::Empty, Cell::Empty, Cell::Text("nota".into())],
            },
        ];
        let t = build_table(grid(Format::Xlsx, rows), &ReadOptions::default()).unwrap();
        assert_eq!(t.headers, ["Nome", "CPF", "", ""]);
        assert!(t.issues.is_empty());
        assert_eq!(t.blank_rows, 1);
        assert_eq!(t.source.delimiter, None);
    }

    #[test]
    fn merged_title_in_a_workbook() {
        // A title merged over A1:D1 has its value in A1 only; the header has one empty column.
        let mut title = vec![Cell::Text("Clientes ativos - Março 2026".into())];
        title.resize(4, Cell::Empty);
        let rows = vec![
            Row { row: 1, line: None, cells: title },
            text_row(2, &["Nome completo", "CPF/CNPJ", "", "Cidade"]),
            Row {
                row: 3,
                line: None,
                cells: vec![
                    Cell::Text("Ana".into()),
                    Cell::Float(52998224725.0),
                    Cell::Text("x".into()),
                    Cell::Text("Recife".into()),
                ],
            },
        ];
        let t = build_table(grid(Format::Xlsx, rows), &ReadOptions::default()).unwrap();
        assert_eq!(t.source.header_row, 2);
        assert_eq!(t.headers, ["Nome completo", "CPF/CNPJ", "", "Cidade"]);
    }

    #[test]
    fn numeric_workbook_row_is_not_a_header() {
        let rows = vec![
            Row { row: 1, line: None, cells: vec![Cell::Int(2026), Cell::Float(1.5)] },
            Row { row: 2, line: None, cells: vec![Cell::Text("Nome".into()), Cell::Text("Valor".into())] },
            Row { row: 3, line: None, cells: vec![Cell::Text("Ana".into()), Cell::Float(3.0)] },
        ];
        let t = build_table(grid(Format::Xlsx, rows), &ReadOptions::default()).unwrap();
        assert_eq!(t.source.header_row, 2);
    }

    #[test]
    fn footer_lines_become_rows() {
        let t =
            table(vec![text_row(1, &["Nome", "CPF"]), text_row(2, &["Ana", "1"]), text_row(4, &["Total: 1 cliente"])])
                .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.blank_rows, 1);
        assert_eq!(t.issues.len(), 1, "a footer of one field is ragged");
    }
}
