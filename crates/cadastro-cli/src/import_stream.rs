//! `cadastro import --stream`: the import of a large delimited text file in bounded memory
//! through [`Store::import_stream`]. Neither the file, the report nor the plan is held: the text
//! summary keeps per issue code a count, the first 20 rows and 3 examples (all that the
//! whole-file summary prints), `--verbose` prints each chunk's changes as the chunk is written,
//! and `--format json` prints JSON lines (`{"issue": ...}` as they come, `{"entry": ...}` with
//! `--verbose`, then one `{"summary": ...}`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::ControlFlow;

use cadastro::stream::StreamSummary;
use cadastro::{Issue, IssueCode, Severity, Source};
use cadastro_store::{ImportMode, Store, StreamOutcome};

use crate::import::{Failure, ImportArgs, entry_lines, plan_lines, status};
use crate::{OutputFormat, importer};

/// Examples and rows listed per code, as in the whole-file summary.
const EXAMPLES: usize = 3;
const ROWS: usize = 20;

/// What the summary prints of one issue code.
#[derive(Default)]
struct CodeDigest {
    count: u64,
    rows: u64,
    last_row: Option<u32>,
    listed: Vec<u32>,
    examples: Vec<Issue>,
}

/// Runs `cadastro import --stream`; returns the exit code (0 or 1).
pub(crate) fn run(args: &ImportArgs) -> Result<u8, Failure> {
    if args.opts.errors.is_some() {
        return Err(Failure::Core(invalid(
            "--errors is not available with --stream (the rejected rows are not kept): import without --stream, \
             or use --format json to get every issue with its row",
        )));
    }
    // Streaming is for files past the whole-file limits: no row or size limit unless given.
    let mut opts = args.opts.clone();
    let mut limits = vec![format!("max_rows={}", u32::MAX), format!("max_file_bytes={}", u64::MAX)];
    limits.append(&mut opts.read.limits);
    opts.read.limits = limits;
    let (importer, _) = importer(&opts)?;
    // A failure rolls the import's transaction back like any other; the store file is never
    // removed (another process may have created it, or committed to it, meanwhile).
    stream(args, &importer)
}

fn stream(args: &ImportArgs, importer: &cadastro::Importer) -> Result<u8, Failure> {
    let mut store = match (args.dry_run, args.db.exists()) {
        (true, true) => Store::open_read_only(&args.db)?,
        (true, false) => Store::open_in_memory()?,
        (false, _) => Store::open(&args.db)?,
    };
    store.set_busy_timeout(args.busy_timeout())?;
    let mode = ImportMode { dry_run: args.dry_run, atomic: args.atomic };
    let json = args.opts.format == OutputFormat::Json;
    let mut digest: BTreeMap<IssueCode, CodeDigest> = BTreeMap::new();
    let mut stdout = std::io::stdout().lock();
    let mut noop = true;
    let mut io_error = None;
    let source = Source::from_path(&args.file);
    let outcome = store.import_stream(&args.account, importer, &source, mode, 0, &mut |chunk| {
        let mut out = String::new();
        for issue in chunk.issues {
            if json {
                let _ = writeln!(out, "{}", serde_json::json!({ "issue": issue }));
            } else {
                add(&mut digest, issue);
            }
        }
        noop &= chunk.plan.is_noop();
        if args.verbose {
            for e in chunk.plan.changes() {
                if json {
                    let _ = writeln!(out, "{}", serde_json::json!({ "entry": e }));
                } else {
                    entry_lines(&mut out, e);
                }
            }
        }
        match stdout.write_all(out.as_bytes()) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                // The reader went away: stop, nothing is committed.
                io_error = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(e) = io_error {
        return Err(Failure::Core(cadastro::Error::from(e)));
    }
    let profile = &importer.options().profile.name;
    let text =
        if json { summary_json(&outcome, profile) } else { summary_text(args, &outcome, profile, &digest, noop) };
    let _ = stdout.write_all(text.as_bytes());
    Ok(u8::from(outcome.has_errors))
}

fn add(digest: &mut BTreeMap<IssueCode, CodeDigest>, issue: &Issue) {
    let d = digest.entry(issue.code).or_default();
    d.count += 1;
    // Issues come sorted by row: a new row is one not equal to the previous one.
    if d.last_row != Some(issue.row) {
        d.rows += 1;
        d.last_row = Some(issue.row);
        if d.listed.len() < ROWS {
            d.listed.push(issue.row);
        }
    }
    if d.examples.len() < EXAMPLES {
        d.examples.push(issue.clone());
    }
}

/// The whole-file import's text, from the digest.
fn summary_text(
    args: &ImportArgs,
    outcome: &StreamOutcome,
    profile: &str,
    digest: &BTreeMap<IssueCode, CodeDigest>,
    noop: bool,
) -> String {
    let mut out = String::new();
    let StreamSummary { source: src, stats: s, .. } = &outcome.summary;
    let _ = write!(out, "{}", src.format.as_str());
    if let Some(enc) = src.encoding {
        let _ = write!(out, ", {}", enc.as_str());
    }
    if let Some(d) = src.delimiter {
        let _ = write!(out, ", delimiter {}", if d == '\t' { "tab".to_owned() } else { format!("'{d}'") });
    }
    let _ = writeln!(out, ", header on row {}, profile {profile}", src.header_row);
    let _ = writeln!(out, "rows: {} ({} blank skipped), {} with errors", s.rows_total, s.rows_blank, s.rows_rejected);
    let _ = writeln!(out, "customers: {} valid, {} rejected", s.customers_valid, s.customers_rejected);
    let c = outcome.counts;
    let _ = writeln!(out, "plan: {} created, {} updated, {} unchanged", c.created, c.updated, c.unchanged);
    if digest.is_empty() {
        let _ = writeln!(out, "no issues");
    }
    for (code, d) in digest {
        let severity = if code.severity() == Severity::Error { "error" } else { "warning" };
        let listed: Vec<String> = d.listed.iter().map(u32::to_string).collect();
        let more = if d.rows > ROWS as u64 { format!(" and {} more", d.rows - ROWS as u64) } else { String::new() };
        let _ = writeln!(out, "\n{code} ({severity}): {} on rows {}{more}", d.count, listed.join(", "));
        for issue in &d.examples {
            let at = match &issue.column {
                Some(col) => format!("row {} column {col}", issue.row),
                None => format!("row {}", issue.row),
            };
            let value = issue.value.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
            let _ = writeln!(out, "  {at}: {}{value}", issue.message);
        }
    }
    plan_lines(&mut out, args, c, s);
    let status = if outcome.stopped { "stopped: nothing was written" } else { status(args, outcome.applied, noop) };
    let _ = writeln!(out, "{status}");
    out
}

fn summary_json(outcome: &StreamOutcome, profile: &str) -> String {
    let s = &outcome.summary;
    let c = outcome.counts;
    let summary = serde_json::json!({
        "source": s.source,
        "profile": profile,
        "mapping": s.mapping,
        "stats": s.stats,
        "plan": { "created": c.created, "updated": c.updated, "unchanged": c.unchanged },
        "applied": outcome.applied,
    });
    format!("{}\n", serde_json::json!({ "summary": summary }))
}

fn invalid(reason: &str) -> cadastro::Error {
    cadastro::ErrorKind::InvalidOptions { reason: reason.to_owned() }.into()
}
