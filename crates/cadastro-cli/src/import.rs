//! `cadastro import`: validate a file, plan it against an account of the embedded store
//! (create, update with a diff, unchanged), and apply the plan in one transaction.

use std::fmt::Write as _;
use std::path::PathBuf;

use cadastro::{Action, ImportPlan, LookupError, PlanEntry};
use cadastro::{PlanCounts, Report, Source, Stats, Value};
use cadastro_store::{ImportMode, StoreError};
use clap::Args;

use crate::{OutputFormat, ValidateArgs, importer};

/// The arguments of `cadastro import`.
#[derive(Args)]
pub(crate) struct ImportArgs {
    /// The file to import.
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) opts: ValidateArgs,
    /// The store: a SQLite file, created when missing.
    #[arg(long, default_value = "cadastro.db")]
    pub(crate) db: PathBuf,
    /// The store as a location instead of --db: a SQLite path, `sqlite:PATH`, or a PostgreSQL
    /// URL (`postgres://user:password@host:5432/db`; the `cadastro` schema is created there).
    #[arg(long, value_name = "LOCATION", conflicts_with = "db")]
    pub(crate) store: Option<String>,
    /// The account to import into (created when missing).
    #[arg(long, default_value = cadastro_store::DEFAULT_ACCOUNT)]
    pub(crate) account: String,
    /// Show what the import would do; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Write nothing when any row has an error (default: write the valid customers).
    #[arg(long)]
    pub(crate) atomic: bool,
    /// Also show every created and updated customer with its field-by-field changes.
    #[arg(long)]
    pub(crate) verbose: bool,
    /// Stream the file (delimited text with one customer per row): validated, reconciled and
    /// written chunk by chunk in one transaction, in bounded memory whatever its size (the
    /// whole-file row and size limits do not apply unless given with --limit). The text
    /// summary is the same; `--format json` prints JSON lines (one per issue, then the
    /// summary); `--errors` is refused.
    #[arg(long)]
    stream: bool,
    /// How many seconds to wait for another process writing to the store before giving up
    /// with `store_busy` (nothing written; retry when it is done).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub(crate) busy_timeout: f64,
}

impl ImportArgs {
    pub(crate) fn format(&self) -> OutputFormat {
        self.opts.format
    }

    /// The store given by `--store`, else `--db`.
    pub(crate) fn target(&self) -> Result<crate::store_open::StoreTarget, Failure> {
        crate::store_open::StoreTarget::new(Some(&self.db), self.store.as_deref())
    }

    /// `--busy-timeout` as a duration (negative or not a number: 0).
    pub(crate) fn busy_timeout(&self) -> std::time::Duration {
        std::time::Duration::try_from_secs_f64(self.busy_timeout).unwrap_or_default()
    }
}

/// A failure of the core (file-level) or of the store.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Failure {
    #[error(transparent)]
    Core(#[from] cadastro::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The error file could not be written; the store was not written either.
    #[error("{0}; nothing was written to the store")]
    ErrorFile(cadastro::Error),
    /// A source account the store does not have (`accounts copy`), with the closest names.
    #[error("unknown account `{name}`{hint}")]
    UnknownAccount { name: String, hint: String },
}

impl Failure {
    /// The stable kind code of the failure.
    pub(crate) fn code(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.code(),
            Failure::Store(e) => e.code(),
            Failure::ErrorFile(e) => e.code(),
            Failure::UnknownAccount { .. } => "unknown_account",
        }
    }
}

impl From<LookupError> for Failure {
    fn from(e: LookupError) -> Self {
        Failure::Store(StoreError::Lookup(e))
    }
}

/// Runs the command; returns the exit code (0, 1, or 2 after printing the failure).
pub(crate) fn run(args: &ImportArgs) -> u8 {
    match import(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cadastro: {} ({})", e, e.code());
            if args.opts.format == OutputFormat::Json {
                let body = serde_json::json!({"error": {"kind": e.code(), "message": e.to_string()}});
                let _ = crate::emit(&format!("{body}\n")); // already failing: nothing more to report
            }
            2
        }
    }
}

fn import(args: &ImportArgs) -> Result<u8, Failure> {
    if args.stream {
        return crate::import_stream::run(args);
    }
    // A bad --errors path is refused before the file is read or the store opened (created).
    if let Some(out) = &args.opts.errors {
        cadastro::export::check_error_path(out)?;
    }
    let importer = importer(&args.opts)?;
    let table = Source::from_path(&args.file).open(&importer.options().read)?;
    // A dry run never creates or migrates the store.
    let mut store = args.target()?.open_for_import(args.dry_run, args.busy_timeout())?;
    // The error file is written once the plan is made under the write lock (with its
    // key_conflict rows) and before the transaction commits: an error file that cannot be
    // written leaves the store as it was.
    let mode = ImportMode { dry_run: args.dry_run, atomic: args.atomic };
    let mut file_error = None;
    let result = store.import_table_with(&args.account, &importer, &table, mode, &mut |report| {
        let Some(out) = &args.opts.errors else { return Ok(()) };
        cadastro::export::write_error_file(&table, report, out, report.locale).map_err(|e| {
            let message = e.to_string();
            file_error = Some(e);
            cadastro::Error::from(cadastro::ErrorKind::InvalidOptions { reason: message })
        })
    });
    let (report, outcome) = match (result, file_error) {
        (Err(_), Some(e)) => return Err(Failure::ErrorFile(e)),
        (result, _) => result?,
    };
    match args.opts.format {
        OutputFormat::Json => crate::emit(&format!("{}\n", json(&report, &outcome.plan, args.verbose)))?,
        OutputFormat::Text => crate::emit(&text(&report, &outcome.plan, args, outcome.applied))?,
    }
    Ok(u8::from(report.has_errors()))
}

/// The report JSON with `"plan": {"created", "updated", "unchanged"}`, plus the created and
/// updated entries (with their diffs) under `plan.entries` when verbose.
fn json(report: &Report, plan: &ImportPlan, verbose: bool) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if verbose && let Some(p) = value.get_mut("plan").and_then(serde_json::Value::as_object_mut) {
        let entries: Vec<_> = plan.changes().collect();
        p.insert("entries".to_owned(), serde_json::to_value(entries).unwrap_or_default());
    }
    value.to_string()
}

fn text(report: &Report, plan: &ImportPlan, args: &ImportArgs, applied: bool) -> String {
    let mut out = report.to_text();
    plan_lines(&mut out, args, plan.counts(), &report.stats);
    if args.verbose {
        for e in plan.changes() {
            entry_lines(&mut out, e);
        }
    }
    let _ = writeln!(out, "{}", status(args, applied, plan.is_noop()));
    out
}

/// The counts of an import.
pub(crate) fn plan_lines(out: &mut String, args: &ImportArgs, c: PlanCounts, s: &Stats) {
    let _ = writeln!(out);
    let shown = args.target().map_or_else(|_| args.db.display().to_string(), |t| t.display());
    let _ = writeln!(out, "import into account `{}` ({shown}):", args.account);
    let _ = writeln!(out, "  created:   {}", c.created);
    let _ = writeln!(out, "  updated:   {}", c.updated);
    let _ = writeln!(out, "  unchanged: {}", c.unchanged);
    let _ = writeln!(out, "  rejected:  {}", rejected_text(s.customers_rejected, s.rows_rejected));
}

/// `2 customers (2 rows with errors)`, `1 customer (1 row with errors)`, `0`.
pub(crate) fn rejected_text(customers: u64, rows: u64) -> String {
    if customers == 0 && rows == 0 {
        return "0".to_owned();
    }
    let c = if customers == 1 { "customer" } else { "customers" };
    let r = if rows == 1 { "row" } else { "rows" };
    format!("{customers} {c} ({rows} {r} with errors)")
}

/// One created or updated customer with its changes (`--verbose`).
pub(crate) fn entry_lines(out: &mut String, e: &PlanEntry) {
    let key = e.key.as_ref().map_or_else(|| "-".to_owned(), key_text);
    let _ = writeln!(out, "  {} {key}", e.action.as_str());
    for f in &e.diff.fields {
        let _ = writeln!(out, "      {}: {} -> {}", f.field, value_text(f.old.as_ref()), value_text(f.new.as_ref()));
    }
    for k in &e.diff.contacts {
        let email = k.contact_email.as_deref().unwrap_or("-");
        let _ = writeln!(out, "      contact {} {email}", k.action.as_str());
        if k.action == Action::Update {
            for f in &k.changes {
                let (old, new) = (value_text(f.old.as_ref()), value_text(f.new.as_ref()));
                let _ = writeln!(out, "          {}: {old} -> {new}", f.field);
            }
        }
    }
}

/// The last line: what was written.
pub(crate) fn status(args: &ImportArgs, applied: bool, noop: bool) -> &'static str {
    if args.dry_run {
        "dry run: nothing was written"
    } else if !applied {
        "atomic: the file has errors, nothing was written"
    } else if noop {
        "nothing to write"
    } else {
        "written"
    }
}

fn key_text(key: &cadastro::CustomerKey) -> String {
    match key {
        cadastro::CustomerKey::ExternalId(v) => format!("external_id={v}"),
        cadastro::CustomerKey::TaxId(v) => format!("tax_id={v}"),
        cadastro::CustomerKey::Name(v) => format!("name={v}"),
    }
}

fn value_text(v: Option<&Value>) -> String {
    v.map_or_else(|| "(empty)".to_owned(), Value::to_cell_text)
}
