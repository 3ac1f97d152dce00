//! Export a large generated customer base to XLSX (or CSV) in constant memory: customers are
//! made one at a time and streamed into the writer, so peak memory stays flat whatever N is.
//!
//! `cargo run --release -p cadastro-examples --example export_large [N] [OUT.xlsx|OUT.csv] [PROFILE]`
//! (N defaults to 10,000; the figures in examples/README.md are for N = 1,000,000)
//!
//! Measure peak memory with `/usr/bin/time -v` (see examples/README.md for the figures).

use std::time::Instant;

use cadastro::export::{CsvExporter, ExportFormat, ExportOptions, XlsxExporter};
use cadastro::{Customer, Field, Profile, Value};

fn customer(i: u64) -> Customer {
    let mut c = Customer::default();
    let mut put = |f: Field, v: String| {
        c.set(f, Value::Text(v));
    };
    put(Field::ExternalId, format!("{i:08}"));
    put(Field::Name, format!("Cliente Número {i} Comércio Ltda"));
    put(Field::Email, format!("cliente{i}@example.com.br"));
    put(Field::MobilePhone, "+5511987654321".to_owned());
    put(Field::TaxId, format!("{:011}", i * 7919 % 100_000_000_000));
    put(Field::PostalCode, "01310-100".to_owned());
    put(Field::Address, "Avenida Paulista".to_owned());
    put(Field::AddressNumber, format!("{}", i % 5000));
    put(Field::District, "Bela Vista".to_owned());
    put(Field::City, "São Paulo".to_owned());
    put(Field::State, "SP".to_owned());
    put(Field::Group, if i.is_multiple_of(3) { "Varejo" } else { "Atacado" }.to_owned());
    c.set(Field::IsCompany, Value::Bool(i.is_multiple_of(2)));
    c
}

fn main() -> Result<(), cadastro::Error> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let out = args.next().unwrap_or_else(|| std::env::temp_dir().join("export_large.xlsx").display().to_string());
    let profile = Profile::builtin(&args.next().unwrap_or_else(|| "asaas".to_owned()))?;
    let path = std::path::Path::new(&out);
    let start = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let opts = ExportOptions::default();
    let stats = match ExportFormat::from_path(path)? {
        ExportFormat::Xlsx => {
            let mut w = XlsxExporter::new(&profile, &opts)?;
            for i in 0..n {
                w.push(&customer(i))?;
            }
            w.finish(file)?
        }
        ExportFormat::Csv => {
            let mut w = CsvExporter::new(file, &profile, &opts)?;
            for i in 0..n {
                w.push(&customer(i))?;
            }
            w.finish()?.1
        }
    };
    let size = std::fs::metadata(path)?.len();
    println!(
        "{} customers, {} lines -> {out} ({:.1} MB) in {:.1} s",
        stats.customers,
        stats.lines,
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
