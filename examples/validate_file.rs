//! Validate a customer file with a built-in profile and print what a host would show.
//!
//! `cargo run -p cadastro-examples --example validate_file [FILE] [PROFILE]`

use cadastro::{ImportOptions, Importer, Source};

fn main() -> Result<(), cadastro::Error> {
    let mut args = std::env::args().skip(1);
    let file =
        args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data/clientes-asaas.csv").to_owned());
    let profile = args.next().unwrap_or_else(|| "asaas".to_owned());

    let importer = Importer::new(ImportOptions::for_profile(&profile)?)?;
    let report = importer.validate(&Source::from_path(&file))?;

    let s = report.stats;
    println!("{} rows: {} customers valid, {} rejected", s.rows_total, s.customers_valid, s.customers_rejected);
    for issue in report.issues.iter().filter(|i| i.is_error()) {
        println!(
            "row {:>3} {:<3} {:<16} {}",
            issue.row,
            issue.column.as_deref().unwrap_or(""),
            issue.code,
            issue.message
        );
    }
    Ok(())
}
