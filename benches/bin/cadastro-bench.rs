//! Whole-process helpers for benches/compare.sh: generate the workload, and run each "limit"
//! (the raw parsers and writer alone) as its own process so it can be timed and its peak RSS
//! measured beside `cadastro validate`.
//!
//! ```text
//! cadastro-bench gen                     # print the workload paths, generating what is missing
//! cadastro-bench gen-kind KIND N         # one workload file (KIND utf8, cp1252, xlsx, badphones)
//! cadastro-bench csv-raw FILE            # csv crate ByteRecord pass (delimiter sniffed: , or ;)
//! cadastro-bench calamine-range FILE     # calamine worksheet_range of the first sheet
//! cadastro-bench calamine-cells FILE     # calamine worksheet_cells_reader of the first sheet
//! cadastro-bench xlsxwriter-raw N OUT    # rust_xlsxwriter constant-memory write of N customers' strings
//! cadastro-bench export N OUT            # cadastro XlsxExporter/CsvExporter of N customers (streamed)
//! cadastro-bench import-stream FILE DB   # Store::import_stream of a CSV into the store file DB
//! cadastro-bench import FILE DB          # Store::import_table of the same (whole file, for comparison)
//! ```

/// mimalloc for the Rust side, as in the `cadastro` CLI: validation allocates and frees
/// millions of small strings across threads, where the system allocator took a quarter of the
/// CPU time (benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Read as _;
use std::process::ExitCode;

use cadastro::export::ExportOptions;
use cadastro::{Customer, Field, Profile, Value};
use cadastro_benches::{Kind, ensure, rows};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cadastro-bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn arg(args: &[String], i: usize) -> Res<&str> {
    args.get(i).map(String::as_str).ok_or_else(|| format!("missing argument {i}").into())
}

fn run(args: &[String]) -> Res<()> {
    match arg(args, 0)? {
        "gen" => {
            let big: u64 = std::env::var("BENCH_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
            for (kind, n) in [
                (Kind::Utf8Csv, 100_000),
                (Kind::Win1252Csv, 100_000),
                (Kind::Utf8Csv, big),
                (Kind::Win1252Csv, big),
                (Kind::Xlsx, 100_000),
                (Kind::Utf8CsvPhones, 100_000),
                (Kind::Utf8CsvPhones, big),
            ] {
                println!("{}", ensure(kind, n)?.display());
            }
        }
        "csv-raw" => {
            let path = arg(args, 1)?;
            let mut head = [0u8; 4096];
            let n = std::fs::File::open(path)?.read(&mut head)?;
            let first = head.get(..n).unwrap_or_default();
            let delimiter =
                if first.iter().filter(|b| **b == b';').count() > first.iter().filter(|b| **b == b',').count() {
                    b';'
                } else {
                    b','
                };
            let (records, fields) = csv_raw(path, delimiter)?;
            println!("{records} records, {fields} fields");
        }
        "calamine-range" => {
            use calamine::Reader as _;
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(arg(args, 1)?)?;
            let name = wb.sheet_names().first().cloned().ok_or("no sheet")?;
            let range = wb.worksheet_range(&name)?;
            println!("{:?} cells", range.get_size());
        }
        "calamine-cells" => {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(arg(args, 1)?)?;
            let name = calamine::Reader::sheet_names(&wb).first().cloned().ok_or("no sheet")?;
            let mut cells = wb.worksheet_cells_reader(&name)?;
            let mut n = 0u64;
            while let Some(c) = cells.next_cell()? {
                n += u64::from(!calamine::DataType::is_empty(c.get_value()));
            }
            println!("{n} cells");
        }
        "xlsxwriter-raw" => {
            let n: u64 = arg(args, 1)?.parse()?;
            raw_xlsx_write(n, arg(args, 2)?)?;
        }
        "export" => {
            let n: u64 = arg(args, 1)?.parse()?;
            let out = arg(args, 2)?;
            let profile = Profile::builtin("asaas")?;
            let customers = (1..).zip(rows(n)).map(|(i, r)| customer(i, &r));
            let stats = cadastro::export::export_to_path(customers, &profile, out.as_ref(), &ExportOptions::default())?;
            println!("{} customers", stats.customers);
        }
        "gen-kind" => {
            let kind = match arg(args, 1)? {
                "utf8" => Kind::Utf8Csv,
                "cp1252" => Kind::Win1252Csv,
                "xlsx" => Kind::Xlsx,
                "badphones" => Kind::Utf8CsvPhones,
                other => return Err(format!("unknown kind `{other}`").into()),
            };
            println!("{}", ensure(kind, arg(args, 2)?.parse()?)?.display());
        }
        "gen-big" => {
            // The 10M-row streaming workload (UTF-8 CSV): `gen-big N`.
            let n: u64 = arg(args, 1)?.parse()?;
            println!("{}", ensure(Kind::Utf8Csv, n)?.display());
        }
        "stream" => {
            // Streaming validation: chunks counted, nothing kept. `stream FILE [check]` also
            // compares the concatenated chunks with the whole-file report.
            let mut opts = cadastro::ImportOptions::for_profile("asaas")?;
            // Streaming is for files past the whole-file limits: no row limit.
            opts.read.limits.max_rows = u64::from(u32::MAX);
            let importer = cadastro::Importer::new(opts)?;
            let source = cadastro::Source::from_path(arg(args, 1)?);
            let check = args.get(2).is_some_and(|a| a == "check");
            let (mut customers, mut issues) = (Vec::new(), Vec::new());
            let (mut n_customers, mut n_issues) = (0usize, 0usize);
            let summary = importer.validate_stream(&source, 0, &mut |chunk| {
                n_customers += chunk.customers.len();
                n_issues += chunk.issues.len();
                if check {
                    customers.extend(chunk.customers);
                    issues.extend(chunk.issues);
                }
                std::ops::ControlFlow::Continue(())
            })?;
            println!("{n_customers} customers, {n_issues} issues, {:?}", summary.stats);
            if check {
                let whole = importer.validate(&source)?;
                let same = whole.customers == customers && whole.issues == issues && whole.stats == summary.stats;
                println!("same as validate: {same}");
                if !same {
                    return Err("streaming differs from validate".into());
                }
            }
        }
        "import-stream" | "import" => {
            // The embedded store's import, streamed (bounded memory) or whole-file; a fresh
            // store file each time. `import-stream FILE DB [CHUNK_ROWS]`.
            let mut opts = cadastro::ImportOptions::for_profile("asaas")?;
            opts.read.limits.max_rows = u64::from(u32::MAX);
            opts.read.limits.max_file_bytes = u64::MAX;
            let importer = cadastro::Importer::new(opts)?;
            let source = cadastro::Source::from_path(arg(args, 1)?);
            let db = arg(args, 2)?;
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{db}{suffix}"));
            }
            let mut store = cadastro_store::Store::open(db)?;
            let mode = cadastro_store::ImportMode::default();
            let t = std::time::Instant::now();
            if arg(args, 0)? == "import" {
                let table = source.open(&importer.options().read)?;
                let (report, outcome) = store.import_table("default", &importer, &table, mode, &mut |_, _| {})?;
                println!(
                    "{:?} {:?} applied {} in {:?}",
                    report.stats,
                    outcome.plan.counts(),
                    outcome.applied,
                    t.elapsed()
                );
            } else {
                let chunk_rows: usize = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(0);
                let (mut chunks, mut issues) = (0u64, 0u64);
                let out = store.import_stream("default", &importer, &source, mode, chunk_rows, &mut |chunk| {
                    chunks += 1;
                    issues += chunk.issues.len() as u64;
                    std::ops::ControlFlow::Continue(())
                })?;
                println!(
                    "{chunks} chunks, {issues} issues, {:?} {:?} applied {} in {:?}",
                    out.summary.stats,
                    out.counts,
                    out.applied,
                    t.elapsed()
                );
            }
        }
        "phases" => {
            // Where the time of `cadastro validate` goes: read, validate, report.
            let importer = cadastro::Importer::new(cadastro::ImportOptions::for_profile("asaas")?)?;
            let t = std::time::Instant::now();
            let table = cadastro::Source::from_path(arg(args, 1)?).open(&importer.options().read)?;
            let read = t.elapsed();
            let t = std::time::Instant::now();
            let report = importer.validate_table(&table, &cadastro::NoBase)?;
            let validate = t.elapsed();
            let t = std::time::Instant::now();
            let text = report.to_text();
            let render = t.elapsed();
            let t = std::time::Instant::now();
            drop(report);
            drop(table);
            let free = t.elapsed();
            eprintln!("read {read:?} validate {validate:?} text {render:?} ({} bytes) drop {free:?}", text.len());
        }
        other => return Err(format!("unknown command `{other}`").into()),
    }
    Ok(())
}

/// The csv crate alone: every record as bytes, nothing else.
pub fn csv_raw(path: &str, delimiter: u8) -> Res<(u64, u64)> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    Ok((records, fields))
}

/// The fields a generated row fills, in the generator's column order (country and the
/// unmapped ones aside).
const FIELDS: [Field; 16] = [
    Field::ExternalId,
    Field::Name,
    Field::TaxId,
    Field::Email,
    Field::Phone,
    Field::MobilePhone,
    Field::Address,
    Field::AddressNumber,
    Field::Complement,
    Field::District,
    Field::PostalCode,
    Field::City,
    Field::State,
    Field::Country,
    Field::Group,
    Field::Notes,
];

/// A customer carrying a generated row's strings as they are (an export does not re-validate).
fn customer(row: u32, r: &[String; 16]) -> Customer {
    let mut c = Customer::with_fields(vec![row], []);
    for (f, v) in FIELDS.iter().zip(r) {
        if !v.is_empty() {
            c.set(*f, Value::Text(v.clone()));
        }
    }
    c
}

/// rust_xlsxwriter alone in constant-memory mode: a header row and the same strings as
/// `export` writes (the Asaas layout's columns that the customers fill).
fn raw_xlsx_write(n: u64, out: &str) -> Res<()> {
    let profile = Profile::builtin("asaas")?;
    let headers = cadastro::export::export_headers(&profile);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory()?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, u16::try_from(c)?, h)?;
    }
    for (i, r) in (1u32..).zip(rows(n)) {
        for (c, v) in r.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(i, u16::try_from(c)?, v)?;
            }
        }
    }
    wb.save(out)?;
    Ok(())
}
