//! From a [`Grid`] to a [`Table`]: the header row, the data rows below it, blank rows and
//! ragged rows.
//!
//! # Finding the header
//! Unless [`ReadOptions::header_row`] names it, the header is searched among the first
//! [`HEADER_WINDOW`] non-blank rows. Every cell has a *kind*: numeric (numbers, amounts, dates,
//! tax ids, phones: digits and separators, no letters), e-mail, code (letters and at least as
//! many digits: `C-001`, `E1000`) or text. A row *qualifies* as a header when
//! - at least 60% of its non-empty cells are label-like (text or code, at most 100 characters;
//!   a year, a number or an e-mail among labels is accepted, and so are symbols such as `#`,
//!   `№`, `No`, `Store#` and repeated labels),
//! - it fills at least half of the table's width (the most common width of the rows below it),
//!   and is not wider than those rows (a title line with commas is not a 3-column header over
//!   2-column data), and
//! - it does not look like the data below it: a row holding numeric, e-mail or code cells whose
//!   kinds match the kinds of the rows below, column by column, is data.
//!
//! Among qualifying rows, known header labels ([`crate::mapping::is_known_label`], every field
//! in every supported language) are the strong signal: the row with the most of them wins when
//! it has two or more (one is enough in the first qualifying row when it has one or two cells).
//! Otherwise the qualifying row with the best [`HeaderCandidate::score`] wins (the earlier on a
//! tie) among those up to the first qualifying row that fills 80% of the table's width: the score weighs known labels, the kind contrast between the row and the rows below,
//! the share of label-like cells, how much of the table's width it fills and, a little, its
//! position. `inspect` shows every candidate with its score, for a host's "the header is on
//! row N" screen. A row with no row below it qualifies only when it is the first row.
//!
//! When no row qualifies (a bare list of values, only numbers, a single column of e-mails) the
//! table is *headerless*: every row is data, [`SourceInfo::header_row`] is `None` and the headers
//! are empty (the report names columns by letter).
//!
//! # Above the header
//! Non-blank rows above the header are listed in [`SourceInfo::skipped_rows`]: `title` for
//! titles, notes and preambles (narrower than the table, or unlike the data), `data` for rows
//! that look like the data below the header; each of those gets the warning
//! `skipped_above_header`, so that nothing is dropped silently.
//!
//! # Below the header
//! Every non-blank row below the header is a data row, footers such as "Total: 42 clientes"
//! included: the validator rejects them, nothing is dropped silently. `blank_rows` counts the
//! blank rows between the header and the last data row.
//!
//! Delimited text: the headers are the header record's fields, and a data record whose field
//! count differs from the header's gets a `ragged_row` issue (field `_row`, no message yet), unless
//! nothing is lost or shifted: extra trailing fields that are all blank, or missing trailing
//! fields under trailing columns without a header text (Excel pads rows with delimiters). A
//! ragged row is rejected whole: none of its cells is validated. When the row has one field
//! too many and exactly one place explains it (a field followed by one starting with a space,
//! `Rua das Flores, 123`), the issue names that column.
//! Workbooks: a column is a header column when the header row or any data row has a cell in it;
//! columns without header text get `""`. Workbooks have no ragged rows.

use serde::{Deserialize, Serialize};

use super::{Format, Grid, ReadOptions, Row, SkipReason, SkippedRow, SourceInfo, Table};
use crate::error::{Error, ErrorKind, Result};
use crate::mapping::is_known_label;
use crate::model::Cell;
use crate::model::text::collapse;
use crate::model::{Issue, IssueCode};

/// How many non-blank rows the header search looks at.
pub(crate) const HEADER_WINDOW: usize = 30;
/// How many rows below a candidate its width and kinds are compared with.
const BELOW: usize = 20;

/// A row that could be the header, with the evidence for it (what `inspect` shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderCandidate {
    /// The row number a spreadsheet shows.
    pub row: u32,
    /// Higher is more header-like; comparable between the candidates of one file.
    pub score: f64,
    /// Cells that are known header labels.
    pub known_labels: usize,
    /// Non-blank cells.
    pub cells: usize,
    /// Whether the row qualifies as a header (see the reader's header rules).
    pub qualifies: bool,
    /// Whether this is the row taken as the header.
    pub chosen: bool,
}

/// Builds the [`Table`] of `grid`: header found (or taken from `opts.header_row`), data rows
/// below it, blank rows counted, ragged rows reported.
///
/// # Errors
/// `empty_file` when the grid has no non-blank row, `invalid_options` when `opts.header_row` is
/// 0, blank or past the last row.
pub(crate) fn build_table(grid: Grid, opts: &ReadOptions) -> Result<Table> {
    if grid.rows.is_empty() {
        return Err(ErrorKind::EmptyFile.into());
    }
    let index = match opts.header_row {
        Some(wanted) => Some(requested_header(&grid.rows, wanted)?),
        None => find_header(&grid.rows, grid.format == Format::Csv).0,
    };
    let Grid { format, encoding, delimiter, sheet, sheets, rows, notes } = grid;
    let mut issues = Vec::new();
    if notes.encoding_doubt {
        issues.push(Issue::new(IssueCode::EncodingDoubt, 0));
    }
    let Some(index) = index else {
        return Ok(headerless(
            format,
            encoding,
            delimiter,
            sheet,
            sheets,
            rows,
            notes.encoding_confidence,
            issues,
            notes.issues,
        ));
    };
    let skipped_rows = classify_above(&rows, index);
    let header_row_number = rows.get(index).map_or(0, |r| r.row);
    for s in skipped_rows.iter().filter(|s| s.reason == SkipReason::Data) {
        let mut issue = Issue::new(IssueCode::SkippedAboveHeader, s.row);
        issue.line = rows.iter().find(|r| r.row == s.row).and_then(|r| r.line);
        issues.push(issue);
    }
    let mut rows = rows.into_iter().skip(index);
    let Some(header) = rows.next() else {
        return Err(ErrorKind::NoHeader { searched: 0 }.into());
    };
    let data: Vec<Row> = rows.collect();
    let mut headers: Vec<String> = header.cells.iter().map(|c| collapse(&c.as_text())).collect();
    if format == Format::Csv {
        issues.extend(ragged_rows(&headers, &data));
    } else {
        let width = data.iter().map(|r| filled_width(&r.cells)).fold(filled_width(&header.cells), usize::max);
        headers.resize(width, String::new());
    }
    issues.extend(notes.issues.into_iter().filter(|i| i.row > header_row_number));
    let blank_rows = match data.last() {
        Some(last) => {
            let span = u64::from(last.row.saturating_sub(header.row));
            u32::try_from(span.saturating_sub(data.len() as u64)).unwrap_or(u32::MAX)
        }
        None => 0,
    };
    Ok(Table {
        source: SourceInfo {
            format,
            encoding,
            delimiter,
            sheet,
            header_row: Some(header.row),
            encoding_confidence: notes.encoding_confidence,
            skipped_rows,
            country_inferred: None,
        },
        sheets,
        headers,
        rows: data,
        blank_rows,
        issues,
    })
}

/// The table of a grid without a header row: every row is data, the headers are empty.
#[allow(clippy::too_many_arguments)]
fn headerless(
    format: Format,
    encoding: Option<super::TextEncoding>,
    delimiter: Option<char>,
    sheet: Option<String>,
    sheets: Vec<super::SheetInfo>,
    rows: Vec<Row>,
    encoding_confidence: Option<f64>,
    mut issues: Vec<Issue>,
    row_notes: Vec<Issue>,
) -> Table {
    let width = if format == Format::Csv {
        modal(rows.iter().take(HEADER_WINDOW + BELOW).map(|r| r.cells.len())).unwrap_or(0)
    } else {
        rows.iter().map(|r| filled_width(&r.cells)).max().unwrap_or(0)
    };
    let headers = vec![String::new(); width];
    if format == Format::Csv {
        issues.extend(ragged_rows(&headers, &rows));
    }
    issues.extend(row_notes);
    let blank_rows = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) => {
            let span = u64::from(last.row.saturating_sub(first.row)).saturating_add(1);
            u32::try_from(span.saturating_sub(rows.len() as u64)).unwrap_or(u32::MAX)
        }
        _ => 0,
    };
    Table {
        source: SourceInfo {
            format,
            encoding,
            delimiter,
            sheet,
            header_row: None,
            encoding_confidence,
            skipped_rows: Vec::new(),
            country_inferred: None,
        },
        sheets,
        headers,
        rows,
        blank_rows,
        issues,
    }
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

/// The kind of a cell, for telling labels from data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Digits and separators, no letters: numbers, amounts, dates, tax ids, phones; booleans.
    Numeric,
    Email,
    /// Letters and at least as many digits (`C-001`, `E1000`).
    Code,
    /// Text: letters (more than digits), or symbols only (`#`, `№`).
    Text,
}

impl Kind {
    fn of(cell: &Cell) -> Kind {
        match cell {
            Cell::Empty => Kind::Blank,
            Cell::Int(_) | Cell::Float(_) | Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => Kind::Numeric,
            Cell::Text(t) => Kind::of_text(t),
        }
    }

    fn of_text(text: &str) -> Kind {
        let t = text.trim();
        if t.is_empty() || t.chars().all(crate::model::cell::is_blank_char) {
            return Kind::Blank;
        }
        let (mut letters, mut digits) = (0usize, 0usize);
        for c in t.chars() {
            if c.is_alphabetic() {
                letters += 1;
            } else if c.is_numeric() {
                digits += 1;
            }
        }
        if t.contains('@') && !t.contains(' ') && t.contains('.') {
            return Kind::Email;
        }
        if letters == 0 {
            return if digits > 0 { Kind::Numeric } else { Kind::Text };
        }
        // Currency and units around a number (`R$ 10,00`, `30 dias` is text).
        let stripped: String = t.chars().filter(|c| !matches!(c, 'R' | '$' | '€' | '£' | 'E' | 'e')).collect();
        if letters <= 2 && digits > 0 && stripped.chars().all(|c| c.is_numeric() || " .,-+/:%()".contains(c)) {
            return Kind::Numeric;
        }
        if digits >= letters { Kind::Code } else { Kind::Text }
    }

    fn label_like(self) -> bool {
        matches!(self, Kind::Text | Kind::Code)
    }

    fn data_typed(self) -> bool {
        matches!(self, Kind::Numeric | Kind::Email | Kind::Code)
    }
}

/// What the header search measures in one row.
#[derive(Debug, Clone, Default)]
struct Profile {
    /// Non-blank cells.
    filled: usize,
    /// Cells up to the last non-blank one.
    width: usize,
    /// Cells (delimited text: the record's field count).
    fields: usize,
    /// Non-blank cells that look like labels.
    labels: usize,
    /// Cells that are known header labels.
    known: usize,
    /// The kind of every cell.
    kinds: Vec<Kind>,
    /// Every cell's text, whitespace collapsed and lower-cased (blank: empty).
    texts: Vec<String>,
}

impl Profile {
    fn of(row: &Row) -> Profile {
        let mut p = Profile { width: filled_width(&row.cells), fields: row.cells.len(), ..Profile::default() };
        for cell in &row.cells {
            let kind = Kind::of(cell);
            p.kinds.push(kind);
            if kind == Kind::Blank {
                p.texts.push(String::new());
                continue;
            }
            p.filled += 1;
            let text = collapse(&cell.as_text());
            p.texts.push(if text.chars().count() <= 100 { text.to_lowercase() } else { String::new() });
            if kind.label_like() && text.chars().count() <= 100 {
                p.labels += 1;
                if is_known_label(&text) {
                    p.known += 1;
                }
            }
        }
        p
    }
}

/// The most common value (the largest on a tie).
fn modal(values: impl Iterator<Item = usize>) -> Option<usize> {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for group in v.chunk_by(|a, b| a == b) {
        let (n, w) = (group.len(), group.first().copied().unwrap_or(0));
        if best.is_none_or(|(bn, _)| n >= bn) {
            best = Some((n, w));
        }
    }
    best.map(|(_, w)| w)
}

/// Evidence about one candidate row against the rows below it.
struct Evidence {
    qualifies: bool,
    /// Columns where the candidate is a label and the rows below are mostly data-typed.
    contrast: usize,
    /// The row's kinds match the rows below (it is data).
    data_like: bool,
    /// Delimited text: wider than every record below.
    too_wide: bool,
    /// Width of the table below.
    table_width: usize,
    /// A cell of the row recurs in its column below (see `evidence`).
    echoed: bool,
}

fn evidence(profiles: &[Profile], i: usize, csv: bool) -> Evidence {
    let p = profiles.get(i).cloned().unwrap_or_default();
    let below = profiles.get(i + 1..).unwrap_or_default();
    let below = below.get(..below.len().min(BELOW)).unwrap_or_default();
    let table_width = modal(below.iter().map(|b| b.width).filter(|&w| w > 0)).unwrap_or(p.width).max(1);
    let (mut contrast, mut same, mut typed_cells) = (0usize, 0usize, 0usize);
    for (col, kind) in p.kinds.iter().enumerate() {
        if *kind == Kind::Blank {
            continue;
        }
        let kinds: Vec<Kind> =
            below.iter().filter_map(|b| b.kinds.get(col).copied()).filter(|k| *k != Kind::Blank).collect();
        let typed = kinds.iter().filter(|k| k.data_typed()).count();
        if kind.label_like() && *kind != Kind::Code && !kinds.is_empty() && typed * 5 >= kinds.len() * 3 {
            contrast += 1;
        }
        if kind.data_typed() {
            typed_cells += 1;
        }
        let majority = [Kind::Numeric, Kind::Email, Kind::Code, Kind::Text]
            .into_iter()
            .max_by_key(|k| kinds.iter().filter(|x| *x == k).count());
        if !kinds.is_empty() && majority == Some(*kind) {
            same += 1;
        }
    }
    let data_like = typed_cells > 0 && !below.is_empty() && same * 5 >= p.filled * 4;
    // A label is not a value of its own column: a row whose cell recurs below it, in the same
    // column, is data (`dolnośląskie;Głogów;...` over more `dolnośląskie` rows), unless the
    // whole row recurs (a header repeated on every page) or it holds a known label.
    let echoed = p.known == 0
        && p.texts
            .iter()
            .enumerate()
            .any(|(col, t)| t.chars().count() >= 2 && below.iter().any(|b| b.texts.get(col).is_some_and(|x| x == t)))
        && !below.iter().any(|b| {
            p.texts.iter().enumerate().all(|(col, t)| t.is_empty() || b.texts.get(col).is_some_and(|x| x == t))
        });
    // Delimited text: a row wider than every record below it is not their header (a title line
    // with commas over 2-column data). Workbooks: trailing header columns may stay empty.
    let widest_record = below.iter().map(|b| b.fields).max();
    // A real header wider than its data has labels over the data's columns (kind contrast);
    // a title does not.
    let too_wide = csv && widest_record.is_some_and(|w| p.width > w) && contrast * 2 < p.filled;
    // A row with nothing below it heads nothing (unless it is the only row).
    let heads_something = i == 0 || !below.is_empty();
    // Workbooks: a label row over every column the rows below fill heads them however sparse
    // they are (a header row over a few scattered cells, far apart).
    let covers_below = !csv
        && p.filled >= 2
        && !below.is_empty()
        && below.iter().all(|b| {
            b.kinds
                .iter()
                .enumerate()
                .all(|(col, k)| *k == Kind::Blank || p.kinds.get(col).is_some_and(|x| *x != Kind::Blank))
        });
    let qualifies = p.filled >= 1
        && p.labels * 5 >= p.filled * 3
        && (p.filled * 2 >= table_width || covers_below)
        && !too_wide
        && !data_like
        && !echoed
        && heads_something;
    Evidence { qualifies, contrast, data_like, too_wide, table_width, echoed }
}

/// The header search over the first rows: the index of the header (None: headerless) and every
/// candidate with its score.
pub(crate) fn find_header(rows: &[Row], csv: bool) -> (Option<usize>, Vec<HeaderCandidate>) {
    let look = rows.get(..rows.len().min(HEADER_WINDOW + BELOW)).unwrap_or_default();
    let profiles: Vec<Profile> = look.iter().map(Profile::of).collect();
    let window = profiles.len().min(HEADER_WINDOW);
    let evidences: Vec<Evidence> = (0..window).map(|i| evidence(&profiles, i, csv)).collect();
    let score = |i: usize| -> f64 {
        let (Some(p), Some(e)) = (profiles.get(i), evidences.get(i)) else { return 0.0 };
        let label_share = if p.filled == 0 { 0.0 } else { p.labels as f64 / p.filled as f64 };
        let width_fit = (p.filled as f64 / e.table_width as f64).min(1.0);
        let mut s =
            3.0 * p.known as f64 + 1.5 * e.contrast as f64 + 2.0 * label_share + 2.0 * width_fit - 0.05 * i as f64;
        if e.data_like {
            s -= 4.0;
        }
        if e.too_wide {
            s -= 2.0;
        }
        (s * 100.0).round() / 100.0
    };

    // When the first row is data by its echoes, the table starts there: a later row heads it
    // only with a known label or a kind contrast (a label over numbers), not as one more
    // all-text row that happens to have no echo.
    let starts_with_data = evidences.first().is_some_and(|e| e.echoed);
    let qualifying: Vec<usize> = (0..window)
        .filter(|&i| evidences.get(i).is_some_and(|e| e.qualifies))
        .filter(|&i| {
            !starts_with_data
                || profiles.get(i).is_some_and(|p| p.known > 0)
                || evidences.get(i).is_some_and(|e| e.contrast > 0)
        })
        .collect();
    let known = |i: usize| profiles.get(i).map_or(0, |p| p.known);
    let filled = |i: usize| profiles.get(i).map_or(0, |p| p.filled);
    let mut chosen: Option<usize> = None;
    let mut by_known: Option<usize> = None;
    for &i in &qualifying {
        if by_known.is_none_or(|b| known(i) > known(b)) {
            by_known = Some(i);
        }
    }
    // One known label decides only for the first qualifying row of one or two cells (a later
    // two-cell data row holding a word such as "Address" is not a header).
    if let Some(i) = by_known
        && (known(i) >= 2 || (known(i) == 1 && filled(i) <= 2 && qualifying.first() == Some(&i)))
    {
        chosen = Some(i);
    }
    if chosen.is_none() {
        // The best score among the qualifying rows up to the first that fills 80% of the
        // table's width: a full label row at the top is the header, a later row with a known
        // word among data rows is not.
        let full = |i: usize| {
            let (Some(p), Some(e)) = (profiles.get(i), evidences.get(i)) else { return false };
            p.filled * 5 >= e.table_width * 4
        };
        let last = qualifying.iter().copied().find(|&i| full(i)).unwrap_or(usize::MAX);
        let mut best: Option<(usize, f64)> = None;
        for &i in qualifying.iter().filter(|&&i| i <= last) {
            let s = score(i);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        chosen = best.map(|(i, _)| i);
    }
    let candidates = (0..window)
        .filter_map(|i| {
            let (row, p, e) = (look.get(i)?, profiles.get(i)?, evidences.get(i)?);
            Some(HeaderCandidate {
                row: row.row,
                score: score(i),
                known_labels: p.known,
                cells: p.filled,
                qualifies: e.qualifies,
                chosen: chosen == Some(i),
            })
        })
        .collect();
    (chosen, candidates)
}

/// The header candidates of `grid` with their scores (what `inspect` shows), best first.
pub(crate) fn candidates(grid: &Grid) -> Vec<HeaderCandidate> {
    let mut c = find_header(&grid.rows, grid.format == Format::Csv).1;
    c.sort_by(|a, b| b.chosen.cmp(&a.chosen).then(b.score.total_cmp(&a.score)).then(a.row.cmp(&b.row)));
    c
}

/// Non-blank rows above the header at `index`: data when as wide as the header and like the
/// rows below it (kinds column by column), else title.
fn classify_above(rows: &[Row], index: usize) -> Vec<SkippedRow> {
    let Some(header) = rows.get(index) else { return Vec::new() };
    let header = Profile::of(header);
    let below: Vec<Profile> = rows.iter().skip(index + 1).take(BELOW).map(Profile::of).collect();
    rows.iter()
        .take(index)
        .map(|r| {
            let p = Profile::of(r);
            let wide = p.filled >= 2 && p.filled * 5 >= header.filled.max(1) * 4;
            let mut same = 0usize;
            for (col, kind) in p.kinds.iter().enumerate() {
                if *kind == Kind::Blank {
                    continue;
                }
                let kinds: Vec<Kind> =
                    below.iter().filter_map(|b| b.kinds.get(col).copied()).filter(|k| *k != Kind::Blank).collect();
                let majority = [Kind::Numeric, Kind::Email, Kind::Code, Kind::Text]
                    .into_iter()
                    .max_by_key(|k| kinds.iter().filter(|x| *x == k).count());
                if !kinds.is_empty() && majority == Some(*kind) {
                    same += 1;
                }
            }
            let like_data = !below.is_empty() && same * 5 >= p.filled * 4 && p.known == 0;
            let reason = if wide && like_data { SkipReason::Data } else { SkipReason::Title };
            SkippedRow { row: r.row, reason }
        })
        .collect()
}

/// `ragged_row` issues of delimited text (see the module docs for what is not ragged). An issue
/// whose extra field one unquoted delimiter explains carries that column's letter and header.
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
            if let Some(col) = unquoted_split(row, full) {
                issue.column = Some(super::column_letter(col));
                issue.header = headers.get(col).cloned();
            }
            issue
        })
        .collect()
}

/// The column whose value one unquoted delimiter split in two: the row has exactly one field
/// too many, and exactly one field (of text) is followed by a field starting with a space.
fn unquoted_split(row: &Row, full: usize) -> Option<usize> {
    if full == 0 || row.cells.len() != full + 1 {
        return None;
    }
    let text = |i: usize| match row.cells.get(i) {
        Some(Cell::Text(t)) => t.as_str(),
        _ => "",
    };
    let mut found = None;
    for i in 0..full {
        let (a, b) = (text(i), text(i + 1));
        let splits = !a.is_empty()
            && !a.ends_with(' ')
            && b.starts_with(' ')
            && b.trim_start().chars().next().is_some_and(|c| !c.is_whitespace())
            && a.chars().any(char::is_alphabetic);
        if splits {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
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
            notes: Default::default(),
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
        assert_eq!(t.source.header_row, Some(3));
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
        assert_eq!(t.source.header_row, Some(1));
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
        assert_eq!(t.source.header_row, Some(3));
        // The title row has one field, the header two: rows below are not ragged.
        assert!(t.issues.is_empty());
    }

    #[test]
    fn a_first_row_whose_values_recur_below_is_data() {
        // CSV Wrangling shops.csv: Polish shops by voivodeship, no header row.
        let rows = [
            ["dolnośląskie", "Głogów", "ul. Grodzka 34"],
            ["dolnośląskie", "Zgorzelec", "ul. Sowińska"],
            ["dolnośląskie", "Jelenia Góra", "ul. M. Konopnickiej 16"],
            ["kujawsko-pomorskie", "Bydgoszcz", "ul. Fordońska 141"],
            ["kujawsko-pomorskie", "Toruń", "ul. Szosa Chełmińska 30"],
            ["lubelskie", "Lublin", "ul. Lipowa 13"],
        ];
        let t = table(rows.iter().enumerate().map(|(i, r)| text_row(i as u32 + 1, r)).collect()).unwrap();
        assert_eq!(t.source.header_row, None);
        assert_eq!(t.rows.len(), 6);
        // A header repeated further down (page headers) is still the header.
        let t = table(vec![
            text_row(1, &["Loja", "Cidade"]),
            text_row(2, &["Centro", "Recife"]),
            text_row(3, &["Loja", "Cidade"]),
            text_row(4, &["Boa Viagem", "Recife"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, Some(1));
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
        assert_eq!(t.source.header_row, Some(3));
    }

    #[test]
    fn only_numbers_or_emails_is_headerless() {
        let t = table(vec![text_row(1, &["1", "2"]), text_row(2, &["3", "4"])]).unwrap();
        assert_eq!(t.source.header_row, None);
        assert_eq!(t.headers, ["", ""]);
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2]);
        let t = table(vec![text_row(1, &["ana@example.com"]), text_row(2, &["bia@example.com"])]).unwrap();
        assert_eq!(t.source.header_row, None);
        assert_eq!(t.rows.len(), 2);
        assert!(t.issues.is_empty());
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
        assert_eq!(t.source.header_row, Some(2));
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

    /// Workbooks from spreadsheet libraries' tests (POI 53282, PhpSpreadsheet's chart samples):
    /// a label row over every column the rows below fill is their header, even when the table
    /// starts in column G or the only other cell is far to the right.
    #[test]
    fn a_label_row_over_sparse_or_offset_data_is_the_header() {
        let offset = |row: u32, cells: Vec<Cell>| {
            let mut all = vec![Cell::Empty; 6];
            all.extend(cells);
            Row { row, line: None, cells: all }
        };
        let rows = vec![
            offset(2, vec![Cell::Text("X".into()), Cell::Text("Y".into())]),
            offset(3, vec![Cell::Float(1.0), Cell::Float(0.0167)]),
            offset(4, vec![Cell::Float(2.0), Cell::Float(0.023)]),
        ];
        let t = build_table(grid(Format::Xlsx, rows), &ReadOptions::default()).unwrap();
        assert_eq!(t.source.header_row, Some(2));
        assert_eq!(t.rows.len(), 2);

        let mut header: Vec<Cell> = ["Store#", "Store Name", "Address Line 1", "City or County"]
            .iter()
            .map(|t| Cell::Text((*t).into()))
            .collect();
        header.resize(14, Cell::Empty);
        header.push(Cell::Text("contact e-mail".into()));
        let mut far = vec![Cell::Empty; 14];
        far.push(Cell::Text("nobody@nowhere.com".into()));
        let rows = vec![Row { row: 1, line: None, cells: header }, Row { row: 2, line: None, cells: far }];
        let t = build_table(grid(Format::Xlsx, rows), &ReadOptions::default()).unwrap();
        assert_eq!(t.source.header_row, Some(1));
        assert_eq!(t.headers.first().map(String::as_str), Some("Store#"));
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
        assert_eq!(t.source.header_row, Some(2));
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
        assert_eq!(t.source.header_row, Some(2));
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

    #[test]
    fn labels_with_codes_numbers_symbols_and_repeats_are_headers() {
        for header in [
            &["#", "Snarf", "Status", "Owner"][..],
            &["0", "First Name", "Last Name", "Id"],
            &["No", "E1000", "Store#", "2007 - 08 Volume"],
            &["ad", "ad", "ad", "QTY"],
            &["Name", "E-mail", "E-mail", "2019"],
        ] {
            let t = table(vec![
                text_row(1, header),
                text_row(2, &["1", "Ana Souza", "12,50", "ana@example.com"]),
                text_row(3, &["2", "Bia Lima", "7,25", "bia@example.com"]),
                text_row(4, &["3", "Caio Reis", "1,00", "caio@example.com"]),
            ])
            .unwrap();
            assert_eq!(t.source.header_row, Some(1), "{header:?}");
            assert_eq!(t.rows.len(), 3);
        }
    }

    #[test]
    fn a_title_with_commas_is_not_a_wider_header() {
        // "Report, March 2026, final" split in three fields above two-field records.
        let t = table(vec![
            text_row(1, &["Report", " March 2026", " final"]),
            text_row(2, &["Nome", "Cidade"]),
            text_row(3, &["Ana", "Recife"]),
            text_row(4, &["Bia", "Natal"]),
        ])
        .unwrap();
        assert_eq!(t.source.header_row, Some(2));
        assert_eq!(t.headers, ["Nome", "Cidade"]);
        assert!(t.issues.is_empty(), "{:?}", t.issues);
        assert_eq!(t.source.skipped_rows, [SkippedRow { row: 1, reason: SkipReason::Title }]);
    }

    #[test]
    fn data_rows_above_a_header_are_reported() {
        let mut rows = vec![
            text_row(1, &["C-001", "Ana Souza", "529.982.247-25"]),
            text_row(2, &["C-002", "Bia Lima", "111.444.777-35"]),
            text_row(3, &["Identificador Externo", "Nome completo", "CPF/CNPJ"]),
        ];
        for i in 4..8 {
            rows.push(text_row(i, &["C-010", "Caio", "390.533.447-05"]));
        }
        let t = table(rows).unwrap();
        assert_eq!(t.source.header_row, Some(3));
        assert_eq!(
            t.source.skipped_rows,
            [SkippedRow { row: 1, reason: SkipReason::Data }, SkippedRow { row: 2, reason: SkipReason::Data }]
        );
        let warned: Vec<(u32, IssueCode)> = t.issues.iter().map(|i| (i.row, i.code)).collect();
        assert_eq!(warned, [(1, IssueCode::SkippedAboveHeader), (2, IssueCode::SkippedAboveHeader)]);
    }

    #[test]
    fn candidates_carry_scores_and_the_chosen_row() {
        let g = grid(
            Format::Csv,
            vec![
                text_row(1, &["Clientes - Março 2026"]),
                text_row(2, &["Nome", "CPF", "Cidade"]),
                text_row(3, &["Ana", "529.982.247-25", "Recife"]),
            ],
        );
        let c = candidates(&g);
        assert_eq!(c[0].row, 2);
        assert!(c[0].chosen && c[0].qualifies);
        assert!(c[0].known_labels >= 2);
        let title = c.iter().find(|c| c.row == 1).unwrap();
        assert!(!title.chosen && title.score < c[0].score);
    }

    #[test]
    fn a_split_address_names_its_column() {
        let t = table(vec![
            text_row(1, &["Nome", "Endereço", "País"]),
            text_row(2, &["Ana", "Rua das Flores", " 123", "Portugal"]),
            text_row(3, &["Bia", "Rua A", "Brasil"]),
        ])
        .unwrap();
        assert_eq!(t.issues.len(), 1);
        assert_eq!(t.issues[0].code, IssueCode::RaggedRow);
        assert_eq!(t.issues[0].column.as_deref(), Some("B"));
        assert_eq!(t.issues[0].header.as_deref(), Some("Endereço"));
    }
}
