//! `cadastro accounts list` and `cadastro accounts copy SRC DST [--group G] [--dry-run]`: the
//! accounts of the embedded store, and the migration of customers from one account to another
//! through the store's copy ([`Store::plan_copy`], then [`Store::apply`]: the plan and apply
//! path of an import, with its identity rules), printed as a plan (created, updated, unchanged).

use std::fmt::Write as _;
use std::path::PathBuf;

use cadastro::ImportPlan;
use cadastro_store::CustomerStore;
use clap::{Args, Subcommand};

use crate::OutputFormat;
use crate::import::{Failure, entry_lines};

/// `cadastro accounts ...`.
#[derive(Subcommand)]
pub(crate) enum AccountsCommand {
    /// List the accounts of the store with their number of customers.
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Copy the customers of account SRC (all, or one group) into account DST (created when
    /// missing), with the identity rules of an import: a customer DST already has (same external
    /// id, else tax id, else name) is updated or left unchanged, the others are created.
    Copy {
        /// The account to copy from.
        src: String,
        /// The account to copy into.
        dst: String,
        /// Only the customers of this group.
        #[arg(long)]
        group: Option<String>,
        /// Show what the copy would do; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The profile whose identity and write rules apply (name or JSON file).
        #[arg(long, default_value = "generic")]
        profile: String,
        /// Also show every created and updated customer with its field-by-field changes.
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// The store and output options of the `accounts` commands.
#[derive(Args)]
pub(crate) struct StoreArgs {
    /// The store: a SQLite file.
    #[arg(long, default_value = "cadastro.db")]
    db: PathBuf,
    /// The store as a location instead of --db: a SQLite path, `sqlite:PATH`, or a PostgreSQL
    /// URL (`postgres://user:password@host:5432/db`).
    #[arg(long, value_name = "LOCATION", conflicts_with = "db")]
    store: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

impl AccountsCommand {
    fn store(&self) -> &StoreArgs {
        match self {
            AccountsCommand::List { store } | AccountsCommand::Copy { store, .. } => store,
        }
    }
}

/// Runs the command; returns the exit code (0, or 2 after printing the failure).
pub(crate) fn run(cmd: &AccountsCommand) -> u8 {
    let result = match cmd {
        AccountsCommand::List { store } => list(store),
        AccountsCommand::Copy { src, dst, group, dry_run, profile, verbose, store } => {
            copy(&Copy { src, dst, group: group.as_deref(), dry_run: *dry_run, profile, verbose: *verbose }, store)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cadastro: {} ({})", e, e.code());
            if cmd.store().format == OutputFormat::Json {
                let body = serde_json::json!({"error": {"kind": e.code(), "message": e.to_string()}});
                let _ = crate::emit(&format!("{body}\n")); // already failing: nothing more to report
            }
            2
        }
    }
}

/// An existing store, read-only or read-write: an `io` error naming the path when a SQLite
/// file is missing (nothing is created).
fn open_existing(args: &StoreArgs, write: bool) -> Result<Box<dyn CustomerStore>, Failure> {
    args.target()?.open_existing(write)
}

impl StoreArgs {
    fn target(&self) -> Result<crate::store_open::StoreTarget, Failure> {
        crate::store_open::StoreTarget::new(Some(&self.db), self.store.as_deref())
    }

    /// The store as the summaries show it.
    fn shown(&self) -> String {
        self.target().map_or_else(|_| self.db.display().to_string(), |t| t.display())
    }
}

fn list(args: &StoreArgs) -> Result<u8, Failure> {
    let mut store = open_existing(args, false)?;
    let rows: Vec<(String, u64)> = store.account_sizes()?;
    let out = match args.format {
        OutputFormat::Json => {
            let accounts: Vec<_> =
                rows.iter().map(|(name, n)| serde_json::json!({"name": name, "customers": n})).collect();
            format!("{}\n", serde_json::json!({ "accounts": accounts }))
        }
        OutputFormat::Text => {
            let mut out = String::new();
            if rows.is_empty() {
                let _ = writeln!(out, "no accounts in {}", args.shown());
            }
            let width = rows.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0);
            for (name, n) in &rows {
                let noun = if *n == 1 { "customer" } else { "customers" };
                let _ = writeln!(out, "{name:<width$}  {n} {noun}");
            }
            out
        }
    };
    crate::emit(&out)?;
    Ok(0)
}

/// What `accounts copy` was asked.
struct Copy<'a> {
    src: &'a str,
    dst: &'a str,
    group: Option<&'a str>,
    dry_run: bool,
    profile: &'a str,
    verbose: bool,
}

fn copy(c: &Copy<'_>, args: &StoreArgs) -> Result<u8, Failure> {
    let profile = crate::load_profile(c.profile)?;
    if c.src == c.dst {
        return Err(Failure::Core(crate::invalid(format!("cannot copy account `{}` onto itself", c.src))));
    }
    let mut store = open_existing(args, !c.dry_run)?;
    let known = store.accounts()?;
    if !known.iter().any(|a| a == c.src) {
        let choices: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint =
            cadastro::closest_choice(c.src, &choices).map(|s| format!(": did you mean `{s}`?")).unwrap_or_default();
        let list = if choices.is_empty() { "none".to_owned() } else { choices.join(", ") };
        return Err(Failure::UnknownAccount { name: c.src.to_owned(), hint: format!("{hint} (accounts: {list})") });
    }
    let plan = store.plan_copy(c.src, c.dst, c.group, &profile)?;
    let applied = !c.dry_run && !plan.is_noop();
    if applied {
        store.apply(c.dst, &plan)?;
    }
    let out = match args.format {
        OutputFormat::Json => json(c, &plan, applied),
        OutputFormat::Text => text(c, &args.shown(), &plan, applied),
    };
    crate::emit(&out)?;
    Ok(0)
}

fn json(c: &Copy<'_>, plan: &ImportPlan, applied: bool) -> String {
    let counts = plan.counts();
    let mut plan_json = serde_json::json!({
        "created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged,
    });
    if c.verbose
        && let Some(p) = plan_json.as_object_mut()
    {
        let entries: Vec<_> = plan.changes().collect();
        p.insert("entries".to_owned(), serde_json::to_value(entries).unwrap_or_default());
    }
    let body = serde_json::json!({
        "from": c.src, "to": c.dst, "group": c.group, "dry_run": c.dry_run,
        "plan": plan_json, "applied": applied,
    });
    format!("{body}\n")
}

fn text(c: &Copy<'_>, store: &str, plan: &ImportPlan, applied: bool) -> String {
    let counts = plan.counts();
    let mut out = String::new();
    let group = c.group.map(|g| format!(", group `{g}`")).unwrap_or_default();
    let _ = writeln!(out, "copy account `{}` -> `{}`{group} ({store}):", c.src, c.dst);
    let _ = writeln!(out, "  created:   {}", counts.created);
    let _ = writeln!(out, "  updated:   {}", counts.updated);
    let _ = writeln!(out, "  unchanged: {}", counts.unchanged);
    if c.verbose {
        for e in plan.changes() {
            entry_lines(&mut out, e);
        }
    }
    let status = if c.dry_run {
        "dry run: nothing was written"
    } else if applied {
        "written"
    } else {
        "nothing to write"
    };
    let _ = writeln!(out, "{status}");
    out
}
