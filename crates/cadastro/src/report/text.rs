//! The readable summary of a report (`cadastro validate --format text`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Issue, IssueCode, PlanCounts, Report, Stats};
use crate::read::SourceInfo;

/// How many example issues are shown per code.
const EXAMPLES: usize = 3;
/// How many row numbers are listed per code.
const ROWS: usize = 20;

pub(super) fn summary(report: &Report) -> String {
    let mut text = TextSummary::new();
    for issue in &report.issues {
        text.add(issue);
    }
    text.render(&report.source, &report.profile, &report.stats, report.plan.as_ref())
}

/// What the summary keeps of one issue code.
#[derive(Debug, Clone, Default)]
struct Code {
    count: usize,
    /// Distinct consecutive rows: every row for the count, the first [`ROWS`] listed.
    rows: usize,
    last_row: Option<u32>,
    listed: Vec<u32>,
    examples: Vec<Issue>,
}

/// [`Report::to_text`] built issue by issue, for hosts that stream the issues
/// ([`crate::Importer::validate_stream`]) and never hold the whole report: it keeps per code a
/// count, the first rows and the first examples. Fed the report's issues in order, it renders
/// the same text as [`Report::to_text`].
///
/// ```
/// use cadastro::{Importer, ImportOptions, Source};
/// use cadastro::report::TextSummary;
/// let csv = "Customer name;Email\nACME;billing@acme.example\nGlobex;not-an-email\n";
/// let importer = Importer::new(ImportOptions::default())?;
/// let report = importer.validate(&Source::from_bytes(csv.as_bytes().to_vec()))?;
/// let mut text = TextSummary::new();
/// report.issues.iter().for_each(|i| text.add(i));
/// assert_eq!(text.render(&report.source, &report.profile, &report.stats, None), report.to_text());
/// # Ok::<(), cadastro::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct TextSummary {
    by_code: BTreeMap<IssueCode, Code>,
}

impl TextSummary {
    /// An empty summary.
    pub fn new() -> Self {
        TextSummary::default()
    }

    /// Takes the next issue (in report order: sorted by row, then column).
    pub fn add(&mut self, issue: &Issue) {
        let code = self.by_code.entry(issue.code).or_default();
        code.count += 1;
        if code.last_row != Some(issue.row) {
            code.rows += 1;
            code.last_row = Some(issue.row);
            if code.listed.len() < ROWS {
                code.listed.push(issue.row);
            }
        }
        if code.examples.len() < EXAMPLES {
            code.examples.push(issue.clone());
        }
    }

    /// The text: counts, then the issues grouped by code with their rows and the first few
    /// examples.
    pub fn render(&self, src: &SourceInfo, profile: &str, s: &Stats, plan: Option<&PlanCounts>) -> String {
        let mut out = String::new();
        let _ = write!(out, "{}", src.format.as_str());
        if let Some(enc) = src.encoding {
            let _ = write!(out, ", {}", enc.as_str());
        }
        if let Some(d) = src.delimiter {
            let _ = write!(out, ", delimiter {}", if d == '\t' { "tab".to_owned() } else { format!("'{d}'") });
        }
        if let Some(sheet) = &src.sheet {
            let _ = write!(out, ", sheet \"{sheet}\"");
        }
        let _ = writeln!(out, ", header on row {}, profile {}", src.header_row, profile);
        let _ =
            writeln!(out, "rows: {} ({} blank skipped), {} with errors", s.rows_total, s.rows_blank, s.rows_rejected);
        let _ = writeln!(out, "customers: {} valid, {} rejected", s.customers_valid, s.customers_rejected);
        if s.contacts_valid + s.contacts_rejected > 0 {
            let _ = writeln!(out, "contacts: {} valid, {} rejected", s.contacts_valid, s.contacts_rejected);
        }
        if let Some(plan) = plan {
            let _ =
                writeln!(out, "plan: {} created, {} updated, {} unchanged", plan.created, plan.updated, plan.unchanged);
        }
        if self.by_code.is_empty() {
            let _ = writeln!(out, "no issues");
            return out;
        }
        for (code, c) in &self.by_code {
            let severity = if code.severity() == super::Severity::Error { "error" } else { "warning" };
            let listed: Vec<String> = c.listed.iter().map(u32::to_string).collect();
            let more = if c.rows > ROWS { format!(" and {} more", c.rows - ROWS) } else { String::new() };
            let on = if c.rows == 1 { "row" } else { "rows" };
            let _ = writeln!(out, "\n{code} ({severity}): {} on {on} {}{more}", c.count, listed.join(", "));
            for issue in &c.examples {
                let at = match &issue.column {
                    Some(col) => format!("row {} column {col}", issue.row),
                    None => format!("row {}", issue.row),
                };
                let value = issue.value.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
                let _ = writeln!(out, "  {at}: {}{value}", issue.message);
            }
            if c.count > c.examples.len() {
                let _ = writeln!(out, "  ({} of {} shown)", c.examples.len(), c.count);
            }
        }
        out
    }
}
