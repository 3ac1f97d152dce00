//! The validation side of the pipeline: the plan compiled on the header, every chunk checked and
//! handed to the sink, the rows of grouped files (contacts, parents) held to the end.

use std::ops::ControlFlow;

use super::Importer;
use super::stream::{Chunk, StreamOptions, StreamSummary};
use crate::error::Result;
use crate::model::Field;
use crate::model::messages::{Detail, render};
use crate::profile::{ColumnMapping, Target};
use crate::read::{Format, Row, SourceInfo, Table};
use crate::report::{Issue, IssueCode, Locale, Stats};
use crate::validate::engine::{KeyIndex, ParentLookup, Plan, RunOptions};

/// A progress callback: `progress(rows_done, rows_total)`.
pub(super) type Progress<'c> = &'c mut dyn FnMut(u64, u64);

/// Where a run's chunks go, and what it is given besides the rows.
pub(super) struct Sink<'c> {
    /// Parents not in the file may be in this base.
    pub(super) base: &'c dyn ParentLookup,
    pub(super) stream: StreamOptions,
    pub(super) on_chunk: &'c mut dyn FnMut(Chunk) -> ControlFlow<()>,
    /// A table's run: `progress(rows_done, rows_total)` and the total.
    pub(super) progress: Option<(Progress<'c>, u64)>,
}

/// The rows of a file whose customers are only final at its end (contact or parent columns),
/// held until then.
#[derive(Default)]
pub(super) struct Held {
    pub(super) rows: Vec<Row>,
    /// Their reading warnings (ragged rows included).
    pub(super) notes: Vec<Issue>,
    /// The header-row warnings of columns first filled in a later chunk, already rendered.
    pub(super) late: Vec<Issue>,
}

/// The validation side of the pipeline: the plan, the key index and the counts, fed chunk by
/// chunk in file order.
pub(super) struct Driver<'i, 'c> {
    pub(super) importer: &'i Importer,
    pub(super) plan: Plan<'i>,
    pub(super) keys: KeyIndex,
    pub(super) stats: Stats,
    pub(super) info: SourceInfo,
    pub(super) headers: Vec<String>,
    pub(super) columns: Vec<ColumnMapping>,
    /// Unmapped columns without header text and without data so far: the report warns about
    /// such a column when any row has data in it.
    pub(super) silent: Vec<usize>,
    pub(super) first: bool,
    pub(super) stopped: bool,
    pub(super) last_row: u32,
    /// Rows checked so far (for the progress of a table's run).
    pub(super) done: u64,
    /// A table's own count of blank rows (a file's is derived from the row numbers).
    pub(super) blank_rows: Option<u32>,
    /// The first chunk's reading warnings (file-level ones and its rows').
    pub(super) pending: Vec<Issue>,
    /// Contact or parent columns: the rows wait for the end of the file.
    pub(super) held: Option<Held>,
    pub(super) locale: Locale,
    pub(super) sink: Sink<'c>,
    /// The rows' checks run here instead of the global pool: a workbook's reader has a core of
    /// its own, the checks share the others (one on two cores), so the two never compete.
    #[cfg(feature = "parallel")]
    pub(super) pool: Option<rayon::ThreadPool>,
}

impl<'i, 'c> Driver<'i, 'c> {
    /// Resolves the mapping of the header and compiles the plan; returns the first chunk's rows.
    pub(super) fn start(importer: &'i Importer, table: Table, sink: Sink<'c>) -> Result<(Self, Vec<Row>)> {
        let columns = importer.columns(&table)?;
        // The locale and the inferred country are decided on the first chunk's rows.
        let defaults = importer.file_defaults(&columns, &table);
        let locale = defaults.locale;
        let inferred = defaults.country_inferred;
        let run = RunOptions {
            profile: &importer.options().profile,
            // The plan outlives this call: the inferred code as the country table's own string.
            country: importer
                .country()
                .or(inferred.as_ref().and_then(|c| crate::model::country::normalize_country(&c.country).ok())),
            locale,
            include_values: importer.options().include_values,
        };
        let plan = Plan::compile(run, &columns);
        let parents = columns
            .iter()
            .filter_map(|c| c.field.as_ref().and_then(Target::field))
            .any(|f| matches!(f, Field::ParentId | Field::ParentName));
        let held = (plan.has_contacts() || parents).then(Held::default);
        let Table { source: mut info, headers, rows, issues, .. } = table;
        info.country_inferred = inferred;
        // The first chunk reports the table's own reading warnings (its ragged rows are found
        // again chunk by chunk).
        let pending: Vec<Issue> = issues.into_iter().filter(|i| i.code != IssueCode::RaggedRow).collect();
        // Held rows are checked at once, the unmapped columns' warnings with them.
        let silent = if held.is_some() {
            Vec::new()
        } else {
            columns
                .iter()
                .filter(|c| is_silent(c) && rows.iter().all(|r| r.cell(c.index).is_blank()))
                .map(|c| c.index)
                .collect()
        };
        let driver = Driver {
            importer,
            plan,
            keys: KeyIndex::hashed(),
            stats: Stats::default(),
            last_row: info.header_row_number(),
            done: 0,
            blank_rows: None,
            pending,
            held,
            info,
            headers,
            columns,
            silent,
            first: true,
            stopped: false,
            locale,
            sink,
            #[cfg(feature = "parallel")]
            pool: None,
        };
        Ok((driver, rows))
    }

    /// Validates one chunk (the first one even when it has no row: it carries the header's
    /// warnings) and hands it to the sink; holds it instead in a file of grouped rows.
    pub(super) fn chunk(&mut self, rows: Vec<Row>, notes: Vec<Issue>) -> ControlFlow<()> {
        if self.stopped {
            return ControlFlow::Break(());
        }
        if rows.is_empty() && !self.first {
            return ControlFlow::Continue(());
        }
        if let Some(last) = rows.last() {
            self.last_row = last.row;
        }
        let late = if self.first { Vec::new() } else { self.late_columns(&rows) };
        let mut ragged = if self.info.format == Format::Csv {
            crate::read::header::ragged_rows(&self.headers, &rows)
        } else {
            Vec::new()
        };
        ragged.extend(std::mem::take(&mut self.pending));
        ragged.extend(notes);
        if let Some(held) = &mut self.held {
            held.rows.extend(rows);
            held.notes.extend(ragged);
            held.late.extend(late);
            self.first = false;
            return ControlFlow::Continue(());
        }
        if let Some((progress, total)) = &mut self.sink.progress {
            progress(self.done, *total);
        }
        self.done += rows.len() as u64;
        let table = Table {
            source: self.info.clone(),
            sheets: Vec::new(),
            issues: ragged,
            headers: self.headers.clone(),
            rows,
            blank_rows: 0,
        };
        let (plan, keys, first) = (&self.plan, &mut self.keys, self.first);
        #[cfg(feature = "parallel")]
        let outcome = match &self.pool {
            Some(pool) => pool.install(|| plan.run_chunk(&table, keys, first)),
            None => plan.run_chunk(&table, keys, first),
        };
        #[cfg(not(feature = "parallel"))]
        let outcome = plan.run_chunk(&table, keys, first);
        self.first = false;
        add_stats(&mut self.stats, &outcome.stats);
        let mut issues = late;
        issues.extend(outcome.issues);
        let rejected = self.rejected(table.rows, &issues);
        self.emit(Chunk { customers: outcome.customers, issues, rejected })
    }

    pub(super) fn emit(&mut self, chunk: Chunk) -> ControlFlow<()> {
        if (self.sink.on_chunk)(chunk).is_break() {
            self.stopped = true;
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    /// The rows with an error among `rows`, when the sink asked for them.
    pub(super) fn rejected(&self, mut rows: Vec<Row>, issues: &[Issue]) -> Vec<Row> {
        if !self.sink.stream.rejected_rows {
            return Vec::new();
        }
        let errors: std::collections::HashSet<u32> = issues.iter().filter(|i| i.is_error()).map(|i| i.row).collect();
        rows.retain(|r| errors.contains(&r.row));
        rows
    }

    /// The header-row warnings the first chunk could not give: a workbook column past the
    /// header's width, or an unnamed column, whose first data is in this chunk (a collector
    /// puts them first again, see [`sort_issues`]).
    pub(super) fn late_columns(&mut self, rows: &[Row]) -> Vec<Issue> {
        if self.info.format != Format::Csv {
            let width = rows.iter().map(|r| crate::read::header::filled_width(&r.cells)).max().unwrap_or(0);
            if width > self.columns.len() {
                let mut headers: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
                headers.resize(width, String::new());
                let probe = Table {
                    source: self.info.clone(),
                    sheets: Vec::new(),
                    headers,
                    rows: Vec::new(),
                    blank_rows: 0,
                    issues: Vec::new(),
                };
                if let Ok(columns) = self.importer.columns(&probe) {
                    // The known columns keep the mapping their sample values gave; the probe
                    // (headers only) adds the new ones.
                    let known = self.columns.len();
                    self.silent.extend(columns.iter().skip(known).filter(|c| is_silent(c)).map(|c| c.index));
                    self.columns.extend(columns.into_iter().skip(known));
                }
            }
        }
        let mut issues = Vec::new();
        let locale = self.locale;
        let (columns, header_row) = (&self.columns, self.info.header_row_number());
        self.silent.retain(|&index| {
            if rows.iter().all(|r| r.cell(index).is_blank()) {
                return true;
            }
            if let Some(c) = columns.iter().find(|c| c.index == index) {
                let mut issue = Issue::new(IssueCode::UnmappedColumn, header_row);
                issue.column = Some(c.column.clone());
                issue.header = Some(c.header.clone());
                let what = if c.header.is_empty() { &c.column } else { &c.header };
                issue.message = render(IssueCode::UnmappedColumn, locale, what, Detail::None);
                issues.push(issue);
            }
            false
        });
        issues
    }

    /// The held rows of a grouped file, assembled and emitted as one chunk.
    pub(super) fn flush_held(&mut self) {
        let Some(held) = self.held.take() else { return };
        if self.stopped {
            return;
        }
        let table = Table {
            source: self.info.clone(),
            sheets: Vec::new(),
            issues: held.notes,
            headers: self.headers.clone(),
            rows: held.rows,
            blank_rows: 0,
        };
        let total = table.rows.len() as u64;
        let outcome = match &mut self.sink.progress {
            Some((progress, _)) => self.plan.run_with_progress(&table, self.sink.base, &mut **progress),
            None => self.plan.run(&table, self.sink.base),
        };
        self.done = total;
        add_stats(&mut self.stats, &outcome.stats);
        let mut issues = held.late;
        issues.extend(outcome.issues);
        let rejected = self.rejected(table.rows, &issues);
        let _ = self.emit(Chunk { customers: outcome.customers, issues, rejected });
    }

    pub(super) fn summary(mut self) -> StreamSummary {
        if self.held.is_some() {
            self.flush_held();
        } else if let Some((progress, total)) = &mut self.sink.progress {
            progress(self.done, (*total).max(self.done));
        }
        let mut stats = self.stats;
        stats.rows_blank = match self.blank_rows {
            Some(blank) => u64::from(blank),
            None => {
                let span = u64::from(self.last_row.saturating_sub(self.info.header_row_number()));
                span.saturating_sub(stats.rows_total)
            }
        };
        StreamSummary { source: self.info, mapping: self.columns, locale: self.locale, stats, stopped: self.stopped }
    }
}

/// An unmapped column without header text, that the whole-file report warns about only when
/// some row has data in it (the rules of the engine's unmapped-column warning).
pub(super) fn is_silent(c: &ColumnMapping) -> bool {
    c.field.is_none()
        && c.header.trim().is_empty()
        && !matches!(c.reason, crate::profile::MatchReason::Ignored | crate::profile::MatchReason::ProfileLabel)
}

pub(super) fn add_stats(total: &mut Stats, s: &Stats) {
    total.rows_total += s.rows_total;
    total.rows_rejected += s.rows_rejected;
    total.customers_valid += s.customers_valid;
    total.customers_rejected += s.customers_rejected;
    total.contacts_valid += s.contacts_valid;
    total.contacts_rejected += s.contacts_rejected;
}
