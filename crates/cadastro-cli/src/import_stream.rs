//! `cadastro import --stream`: the import of a large delimited text file in bounded memory
//! through [`Store::import_stream`]. Neither the file, the report nor the plan is held: the text
//! summary is the core's [`TextSummary`] fed issue by issue (per code a count, the first rows
//! and examples: all that the whole-file summary prints), `--verbose` prints each chunk's changes as the chunk is written,
//! and `--format json` prints JSON lines (`{"issue": ...}` as they come, `{"entry": ...}` with
//! `--verbose`, then one `{"summary": ...}`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::ops::ControlFlow;

use cadastro::Source;
use cadastro::TextSummary;
use cadastro_store::{ImportMode, StreamOutcome};

use crate::import::{Failure, ImportArgs, entry_lines, plan_lines, status};
use crate::{OutputFormat, importer};

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
    let importer = importer(&opts)?;
    // A failure rolls the import's transaction back like any other; the store file is never
    // removed (another process may have created it, or committed to it, meanwhile).
    stream(args, &importer)
}

fn stream(args: &ImportArgs, importer: &cadastro::Importer) -> Result<u8, Failure> {
    let mut store = args.target()?.open_for_import(args.dry_run, args.busy_timeout())?;
    let mode = ImportMode { dry_run: args.dry_run, atomic: args.atomic };
    let json = args.opts.format == OutputFormat::Json;
    // The whole-file summary's own builder: the same text, issue by issue.
    let mut digest = TextSummary::new();
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
                digest.add(issue);
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
    let text = if json { summary_json(&outcome, profile) } else { summary_text(args, &outcome, profile, digest, noop) };
    let _ = stdout.write_all(text.as_bytes());
    Ok(u8::from(outcome.has_errors))
}

/// The whole-file import's text: the report summary in the file's locale, then the plan.
fn summary_text(
    args: &ImportArgs,
    outcome: &StreamOutcome,
    profile: &str,
    mut digest: TextSummary,
    noop: bool,
) -> String {
    let summary = &outcome.summary;
    let c = outcome.counts;
    digest.set_locale(summary.locale);
    let mut out = digest.render(&summary.source, profile, &summary.stats, Some(&c));
    plan_lines(&mut out, args, c, &summary.stats);
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
        "locale": s.locale,
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
