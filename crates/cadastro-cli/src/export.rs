//! `cadastro export` and `cadastro template`: thin wrappers over `cadastro::export`.

use std::path::{Path, PathBuf};

use cadastro::export::{CsvOptions, ExportFormat, ExportOptions, LineEnding};
use cadastro::{Customer, Error, Profile};
use clap::{Args, ValueEnum};

use crate::import::Failure;

/// CSV settings shared by `export` and `template`.
#[derive(Args, Clone, Debug)]
pub struct CsvArgs {
    /// CSV delimiter (default: `;` for Portuguese, French and Polish profiles, `,` otherwise).
    #[arg(long)]
    pub delimiter: Option<char>,
    /// Write CSV without the UTF-8 byte-order mark (Excel on Windows needs it for accents).
    #[arg(long)]
    pub no_bom: bool,
    /// CSV line ending.
    #[arg(long, value_enum, default_value_t = Eol::Crlf)]
    pub line_ending: Eol,
}

/// A CSV line ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Eol {
    /// `\r\n`.
    Crlf,
    /// `\n`.
    Lf,
}

impl CsvArgs {
    fn options(&self) -> CsvOptions {
        CsvOptions {
            delimiter: self.delimiter,
            bom: !self.no_bom,
            line_ending: match self.line_ending {
                Eol::Crlf => LineEnding::Crlf,
                Eol::Lf => LineEnding::Lf,
            },
        }
    }
}

/// The options of `cadastro export`.
#[derive(Args, Clone, Debug)]
pub struct ExportArgs {
    /// The SQLite store (default `cadastro.db` in the working directory).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// The store as a location instead of --db: a SQLite path, `sqlite:PATH`, or a PostgreSQL
    /// URL (`postgres://user:password@host:5432/db`).
    #[arg(long, value_name = "LOCATION", conflicts_with = "db")]
    pub store: Option<String>,
    /// The account whose customers are exported (default `default`).
    #[arg(long)]
    pub account: Option<String>,
    /// Only the customers of this group.
    #[arg(long)]
    pub group: Option<String>,
    /// The layout: asaas, invoiceocean, upflow, generic, or a profile JSON file.
    #[arg(long, default_value = "generic")]
    pub profile: String,
    /// Read the customers from a JSON array (as `validate --format json` prints them under
    /// "customers") instead of the store.
    #[arg(long, conflicts_with_all = ["db", "store", "account"])]
    pub from_json: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// Runs `cadastro export OUT`; returns the exit code (0, or 2 after printing the failure with
/// its own kind: a store failure keeps the store's code, e.g. `unknown_account`).
pub(crate) fn run(out: &Path, args: &ExportArgs) -> u8 {
    match export(out, args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cadastro: {} ({})", e, e.code());
            2
        }
    }
}

fn export(out: &Path, args: &ExportArgs) -> Result<u8, Failure> {
    // The output path is checked before the store is read.
    ExportFormat::from_path(out)?;
    let profile = crate::load_profile(&args.profile)?;
    let customers = match &args.from_json {
        Some(path) => customers_from_json(path)?,
        None => customers_from_store(args)?,
    };
    // Custom fields the profile does not have travel as extra columns headed by their names.
    let (profile, carried) = cadastro::export::with_custom_columns(&profile, &customers);
    let opts = ExportOptions { group: args.group.clone(), csv: args.csv.options(), ..ExportOptions::default() };
    let stats = cadastro::export::export_to_path(&customers, &profile, out, &opts)?;
    let noun = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    eprintln!(
        "cadastro: {}, {} -> {}",
        noun(stats.customers, "customer", "customers"),
        noun(stats.lines, "line", "lines"),
        out.display()
    );
    if !carried.is_empty() {
        eprintln!(
            "cadastro: custom fields not in profile {} written as extra columns: {}",
            profile.name,
            carried.join(", ")
        );
    }
    Ok(0)
}

/// Runs `cadastro template OUT`.
pub fn template(out: &Path, csv: &CsvArgs, profile: &Profile) -> Result<u8, Error> {
    cadastro::export::template_to_path(profile, out, &csv.options())?;
    eprintln!("cadastro: template for profile {} -> {}", profile.name, out.display());
    Ok(0)
}

/// Customers from a JSON file: an array of customers, or a whole report (its "customers").
fn customers_from_json(path: &Path) -> Result<Vec<Customer>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::from(std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let array = match value {
        serde_json::Value::Object(mut map) => map.remove("customers").unwrap_or(serde_json::Value::Null),
        other => other,
    };
    serde_json::from_value(array).map_err(|e| invalid(format!("{}: not an array of customers: {e}", path.display())))
}

/// Customers of the account (or one group) from the store (`--store`, else `--db`, default
/// `cadastro.db`; `--account`, default `default`), read-only. The group filter is the writer's.
fn customers_from_store(args: &ExportArgs) -> Result<Vec<Customer>, Failure> {
    let account = args.account.as_deref().unwrap_or("default");
    let target = crate::store_open::StoreTarget::new(args.db.as_deref(), args.store.as_deref())?;
    let mut store = target.open_existing(false)?;
    Ok(store.list_customers(account, None)?)
}

fn invalid(reason: String) -> Error {
    cadastro::ErrorKind::InvalidOptions { reason }.into()
}
