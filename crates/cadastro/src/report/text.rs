//! The readable summary of a report (`cadastro validate --format text`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Issue, IssueCode, Report};

/// How many example issues are shown per code.
const EXAMPLES: usize = 3;
/// How many row numbers are listed per code.
const ROWS: usize = 20;

pub(super) fn summary(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.stats;
    let src = &report.source;
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
    let _ = writeln!(out, ", header on row {}, profile {}", src.header_row, report.profile);
    let _ = writeln!(out, "rows: {} ({} blank skipped), {} with errors", s.rows_total, s.rows_blank, s.rows_rejected);
    let _ = writeln!(out, "customers: {} valid, {} rejected", s.customers_valid, s.customers_rejected);
    if s.contacts_valid + s.contacts_rejected > 0 {
        let _ = writeln!(out, "contacts: {} valid, {} rejected", s.contacts_valid, s.contacts_rejected);
    }
    if let Some(plan) = &report.plan {
        let _ = writeln!(out, "plan: {} created, {} updated, {} unchanged", plan.created, plan.updated, plan.unchanged);
    }
    let mut by_code: BTreeMap<IssueCode, Vec<&Issue>> = BTreeMap::new();
    for issue in &report.issues {
        by_code.entry(issue.code).or_default().push(issue);
    }
    if by_code.is_empty() {
        let _ = writeln!(out, "no issues");
        return out;
    }
    for (code, issues) in &by_code {
        let severity = if code.severity() == super::Severity::Error { "error" } else { "warning" };
        let mut rows: Vec<u32> = issues.iter().map(|i| i.row).collect();
        rows.dedup();
        let listed: Vec<String> = rows.iter().take(ROWS).map(u32::to_string).collect();
        let more = if rows.len() > ROWS { format!(" and {} more", rows.len() - ROWS) } else { String::new() };
        let _ = writeln!(out, "\n{code} ({severity}): {} on rows {}{more}", issues.len(), listed.join(", "));
        for issue in issues.iter().take(EXAMPLES) {
            let at = match &issue.column {
                Some(col) => format!("row {} column {col}", issue.row),
                None => format!("row {}", issue.row),
            };
            let value = issue.value.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
            let _ = writeln!(out, "  {at}: {}{value}", issue.message);
        }
    }
    out
}
