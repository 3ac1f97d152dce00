//! The `cadastro` command line: a thin host over the core crate.
//!
//! Exit codes (CONTRACT section 6): 0 no error issues; 1 the file was read but some rows have
//! errors; 2 a file-level failure (kind and message on stderr; with `--format json`,
//! `{"error": {"kind": ..., "message": ...}}` on stdout).

/// mimalloc: validation allocates and frees millions of small strings across threads, where
/// glibc malloc took a quarter of the CPU time (benches/README.md: 9.4 s against 7.0 s for
/// the 1M-row CSV).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod accounts;
mod export;
mod import;
mod import_stream;
mod store_open;
mod streamed;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cadastro::Mapping;
use cadastro::NoBase;
use cadastro::{Error, Importer, Limits, Profile, ReadOptions, Source};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "cadastro", version, about = "Import and export customer files (CSV, Excel) with validation")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show what a file is: format, encoding, delimiter, sheets, header row, and each column
    /// with samples and the suggested field.
    Inspect {
        /// The file to inspect.
        file: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
        /// The profile whose labels rank first (name or JSON file).
        #[arg(long, default_value = "generic")]
        profile: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Validate and normalize a file; print the report.
    ///
    /// The file is validated in one streaming pass (rows and report are never held whole: a
    /// 1M-row file in tens of MB instead of GBs): the JSON report's issues and customers go to
    /// temporary files until its counts are known, and the output is byte for byte the report's.
    /// With `--errors` (or `--whole-file`) the report is held in memory, with the raw cells of
    /// the rejected rows for the error file.
    Validate {
        /// The file to validate.
        file: PathBuf,
        #[command(flatten)]
        opts: ValidateArgs,
        /// Hold the whole report in memory instead of spooling it to temporary files (same
        /// output, more memory).
        #[arg(long)]
        whole_file: bool,
    },
    /// Write customers (all, or one group) to OUT.xlsx or OUT.csv in a profile's layout.
    Export {
        /// The output file (.xlsx or .csv).
        out: PathBuf,
        #[command(flatten)]
        args: export::ExportArgs,
    },
    /// Write the blank import file of a profile to OUT.xlsx or OUT.csv.
    Template {
        /// The output file (.xlsx or .csv).
        out: PathBuf,
        /// The profile: asaas, invoiceocean, upflow, generic, or a profile JSON file.
        #[arg(long)]
        profile: String,
        #[command(flatten)]
        csv: export::CsvArgs,
    },
    /// Validate a file and import its valid customers into an account of the embedded store:
    /// prints what is created, updated (with the changes) or unchanged.
    Import(import::ImportArgs),
    /// The accounts of the embedded store: list them, or copy customers between them.
    Accounts {
        #[command(subcommand)]
        command: accounts::AccountsCommand,
    },
    /// Run one host operation on a JSON request read from stdin, and print its JSON response
    /// (`cadastro_host::call`: the byte-identical path every binding has too). Operations:
    /// inspect, validate, validate_stream, plan, import, apply, accounts, copy, export, template,
    /// normalize, kinds. A failure prints `{"error": {"kind", "message"}}` and exits 2.
    Call {
        /// The operation.
        op: String,
    },
}

#[derive(Args, Clone)]
struct ReadArgs {
    /// The sheet to read (default: the first visible sheet that holds data).
    #[arg(long)]
    sheet: Option<String>,
    /// The 1-based header row (default: detected below title rows).
    #[arg(long)]
    header_row: Option<u32>,
    /// The delimiter of delimited text (default: sniffed among , ; | and tab).
    #[arg(long)]
    delimiter: Option<char>,
    /// The encoding of delimited text: utf-8, utf-8-bom, utf-16le, utf-16be, windows-1252,
    /// windows-1250, windows-1251, iso-8859-2, iso-8859-15, shift_jis, gb18030, big5, euc-kr or
    /// x-mac-roman (aliases such as cp1251, latin2, sjis, gbk, macintosh too; default: detected).
    #[arg(long)]
    encoding: Option<String>,
    /// A resource limit, e.g. `--limit max_rows=100000` (repeatable; see `Limits`).
    #[arg(long = "limit", value_name = "NAME=VALUE")]
    limits: Vec<String>,
}

#[derive(Args, Clone)]
struct ValidateArgs {
    /// The profile: asaas, invoiceocean, upflow, generic, or a profile JSON file.
    #[arg(long, default_value = "generic")]
    profile: String,
    /// An explicit column mapping (JSON: header or column letter -> field, or null to ignore;
    /// `"field": ["col", "col"]` merges two columns into one field; `"learned": {header: field}`
    /// ranks a host's accepted mappings first; `"review_threshold": 0.9`).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// The confidence below which a column is marked `needs_review` (default 0.9; overrides
    /// the mapping file's `review_threshold`).
    #[arg(long, value_name = "0..1")]
    review_threshold: Option<f64>,
    #[command(flatten)]
    read: ReadArgs,
    /// The country for rows without one (ISO alpha-2), instead of the profile's default.
    #[arg(long)]
    country: Option<String>,
    /// The language of messages and of the summary: en, pt-BR, fr, pl, es (also pt_BR, pl-PL,
    /// es-ES...). Default: the profile's (asaas: pt-BR), else the language of the file's
    /// headers, else en.
    #[arg(long)]
    locale: Option<String>,
    /// Leave cell values out of the issues (PII-sensitive reports).
    #[arg(long)]
    no_values: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Write the rejected rows plus their original row number (Row, Linha, Ligne) and an Errors
    /// column to this file (.xlsx or .csv); the path is checked before anything is read or
    /// written, and an import writes it before its store transaction commits.
    #[arg(long)]
    errors: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = match &cli.command {
        Command::Inspect { format, .. } => *format,
        Command::Validate { opts, .. } => opts.format,
        Command::Export { .. } | Command::Template { .. } | Command::Accounts { .. } => OutputFormat::Text,
        Command::Call { .. } => OutputFormat::Json,
        Command::Import(args) => args.format(),
    };
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("cadastro: {} ({})", e, e.code());
            if format == OutputFormat::Json {
                let body = serde_json::json!({"error": {"kind": e.code(), "message": e.to_string()}});
                let _ = emit(&format!("{body}\n")); // already failing: nothing more to report
            }
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<u8, Error> {
    match command {
        Command::Import(args) => Ok(import::run(&args)),
        Command::Accounts { command } => Ok(accounts::run(&command)),
        Command::Call { op } => call(&op),
        Command::Inspect { file, read, profile, format } => {
            let profile = load_profile(&profile)?;
            let ins = cadastro::inspect(&Source::from_path(file), &read_options(&read)?, &profile)?;
            match format {
                OutputFormat::Json => emit(&format!("{}\n", ins.to_json()))?,
                OutputFormat::Text => emit(&inspect_text(&ins))?,
            }
            Ok(0)
        }
        Command::Validate { file, opts, whole_file } => {
            // A bad --errors path is refused before the file is read.
            if let Some(out) = &opts.errors {
                cadastro::export::check_error_path(out)?;
            }
            let importer = importer(&opts)?;
            let source = Source::from_path(file);
            let report = if let Some(out) = &opts.errors {
                // The pipeline's collector, keeping the raw cells of the rejected rows only.
                let (report, rejected) = importer.validate_keeping_rejected(&source, &NoBase)?;
                cadastro::export::write_error_file(&rejected, &report, out, report.locale)?;
                report
            } else if whole_file {
                importer.validate(&source)?
            } else {
                let done = with_spinner(|progress| streamed::validate(&importer, &source, opts.format, progress))?;
                match done.output.write_to(&mut std::io::stdout().lock()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(Error::from(e)),
                    _ => {}
                }
                return Ok(u8::from(done.has_errors));
            };
            match opts.format {
                OutputFormat::Json => emit(&format!("{}\n", report.to_json()))?,
                OutputFormat::Text => emit(&report.to_text())?,
            }
            Ok(u8::from(report.has_errors()))
        }
        Command::Export { out, args } => Ok(export::run(&out, &args)),
        Command::Template { out, profile, csv } => export::template(&out, &csv, &load_profile(&profile)?),
    }
}

/// `cadastro call OP`: the request on stdin, the response (or the error JSON, exit 2) on stdout.
fn call(op: &str) -> Result<u8, Error> {
    let mut request = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut request).map_err(Error::from)?;
    match cadastro_host::call(op, &request) {
        Ok(response) => emit(&format!("{response}\n")).map(|()| 0),
        Err(e) => {
            eprintln!("cadastro: {e} ({})", e.code());
            emit(&format!("{}\n", e.to_json())).map(|()| 2)
        }
    }
}

/// Writes `text` to stdout. A reader that went away (`cadastro validate big.csv | head`) is
/// not an error: the rest of the output is dropped (where `print!` would panic).
///
/// # Errors
/// `io` for any other write failure (a full disk behind a redirect).
pub(crate) fn emit(text: &str) -> Result<(), Error> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::from(e)),
        _ => Ok(()),
    }
}

/// Runs `f` with a row counter on stderr when stderr is a terminal.
fn with_spinner<T>(f: impl FnOnce(&mut dyn FnMut(u64)) -> T) -> T {
    use std::io::IsTerminal as _;
    if !std::io::stderr().is_terminal() {
        return f(&mut |_| {});
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} customers {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let out = f(&mut |done| bar.set_position(done));
    bar.finish_and_clear();
    out
}

fn load_profile(spec: &str) -> Result<Profile, Error> {
    if spec.ends_with(".json") || Path::new(spec).is_file() {
        let json = std::fs::read_to_string(spec).map_err(Error::from)?;
        Profile::from_json(&json)
    } else {
        Profile::builtin(spec)
    }
}

/// `--limit NAME=VALUE` over the default limits.
fn limits(args: &ReadArgs) -> Result<Limits, Error> {
    let mut limits = serde_json::to_value(Limits::default()).map_err(|e| invalid(e.to_string()))?;
    for spec in &args.limits {
        let (name, value) =
            spec.split_once('=').ok_or_else(|| invalid(format!("--limit {spec}: expected NAME=VALUE")))?;
        let value: u64 = value.trim().parse().map_err(|_| invalid(format!("--limit {spec}: not a number")))?;
        match limits.get_mut(name.trim()) {
            Some(slot) => *slot = value.into(),
            None => return Err(invalid(format!("--limit: unknown limit `{name}`"))),
        }
    }
    serde_json::from_value(limits).map_err(|e| invalid(e.to_string()))
}

fn read_options(args: &ReadArgs) -> Result<ReadOptions, Error> {
    Ok(ReadOptions {
        sheet: args.sheet.clone(),
        delimiter: args.delimiter,
        encoding: match &args.encoding {
            Some(name) => Some(
                cadastro::TextEncoding::parse(name)
                    .ok_or_else(|| invalid(format!("--encoding: unknown encoding `{name}`")))?,
            ),
            None => None,
        },
        header_row: args.header_row,
        limits: limits(args)?,
    })
}

/// The importer of `validate` (and `import`): the arguments become the host boundary's request
/// (`cadastro_host::request::ValidateRequest`), so the CLI reads options as every binding does.
fn importer(args: &ValidateArgs) -> Result<Importer, Error> {
    let profile = if args.profile.ends_with(".json") || Path::new(&args.profile).is_file() {
        let json = std::fs::read_to_string(&args.profile).map_err(Error::from)?;
        serde_json::from_str(&json).map_err(|e| invalid_profile(format!("{}: {e}", args.profile)))?
    } else {
        serde_json::Value::String(args.profile.clone())
    };
    let mapping = match &args.mapping {
        Some(path) => Some(Mapping::from_json(&std::fs::read_to_string(path).map_err(Error::from)?)?),
        None => None,
    };
    let doc = serde_json::json!({
        "profile": profile,
        "sheet": args.read.sheet,
        "encoding": args.read.encoding,
        "delimiter": args.read.delimiter.map(String::from),
        "header_row": args.read.header_row,
        "limits": limits(&args.read)?,
        "country": args.country,
        "locale": args.locale,
        "include_values": !args.no_values,
    });
    let mut req: cadastro_host::request::ValidateRequest =
        serde_json::from_value(doc).map_err(|e| invalid(e.to_string()))?;
    req.mapping = mapping;
    if let Some(t) = args.review_threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(invalid(format!("--review-threshold must be between 0 and 1, not {t}")));
        }
        req.mapping.get_or_insert_with(Mapping::default).review_threshold = Some(t);
    }
    Importer::new(req.options().map_err(host_error)?)
}

/// A host-boundary error as the core's (the CLI's exit codes and JSON use the core's kinds).
fn host_error(e: cadastro_host::HostError) -> Error {
    match e {
        cadastro_host::HostError::Core(e) => e,
        other => invalid(other.to_string()),
    }
}

fn invalid_profile(reason: String) -> Error {
    cadastro::ErrorKind::InvalidProfile { reason }.into()
}

fn invalid(reason: String) -> Error {
    cadastro::ErrorKind::InvalidOptions { reason }.into()
}

fn inspect_text(ins: &cadastro::Inspection) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let s = &ins.source;
    let _ = writeln!(out, "format:     {}", s.format.as_str());
    if let Some(e) = s.encoding {
        let _ = writeln!(out, "encoding:   {}", e.as_str());
    }
    if let Some(d) = s.delimiter {
        let _ = writeln!(out, "delimiter:  {}", if d == '\t' { "tab".to_owned() } else { d.to_string() });
    }
    if !ins.sheets.is_empty() {
        let names: Vec<String> = ins
            .sheets
            .iter()
            .map(|sh| if sh.visible { sh.name.clone() } else { format!("{} (hidden)", sh.name) })
            .collect();
        let _ = writeln!(out, "sheets:     {}", names.join(", "));
    }
    if let Some(sheet) = &s.sheet {
        let _ = writeln!(out, "sheet:      {sheet}");
    }
    match s.header_row {
        Some(row) => {
            let _ = writeln!(out, "header row: {row}");
        }
        None => {
            let _ = writeln!(out, "header row: none (columns named by letter)");
        }
    }
    if let Some(c) = s.encoding_confidence {
        let _ = writeln!(out, "encoding confidence: {c:.2}");
    }
    for skipped in &s.skipped_rows {
        let why = match skipped.reason {
            cadastro::SkipReason::Data => "looks like data, not read",
            _ => "title",
        };
        let _ = writeln!(out, "skipped row {}: {why}", skipped.row);
    }
    if !ins.header_candidates.is_empty() {
        let shown: Vec<String> = ins
            .header_candidates
            .iter()
            .take(5)
            .map(|c| format!("row {} ({:.2}{})", c.row, c.score, if c.chosen { ", chosen" } else { "" }))
            .collect();
        let _ = writeln!(out, "header candidates: {}", shown.join(", "));
    }
    let _ = writeln!(out, "data rows:  {}", ins.rows);
    let _ = writeln!(out);
    for c in &ins.columns {
        let mut field = c.field.as_deref().map_or_else(|| "-".to_owned(), |f| format!("{f} ({:.2})", c.confidence));
        if c.merged_from.len() > 1 {
            field.push_str(&format!(" [{}]", c.merged_from.join("+")));
        }
        if c.needs_review && c.field.is_some() {
            field.push_str(" review");
        }
        let _ = writeln!(out, "{:>3}  {:<32} -> {:<32} {}", c.column, c.header, field, c.samples.join(" | "));
    }
    out
}
