//! Suggest a column mapping for a file, print it, and print the JSON a host would save and replay.
//!
//! `cargo run -p cadastro-examples --example suggest_mapping [FILE] [PROFILE]`

use cadastro::Mapping;
use cadastro::{Profile, ReadOptions, Source};

fn main() -> Result<(), cadastro::Error> {
    let mut args = std::env::args().skip(1);
    let file =
        args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data/clientes-asaas.csv").to_owned());
    let profile = Profile::builtin(&args.next().unwrap_or_else(|| "generic".to_owned()))?;

    let table = Source::from_path(&file).open(&ReadOptions::default())?;
    let columns = cadastro::suggest(&table.headers, &profile);
    for c in &columns {
        let field = c.field.as_ref().map_or("-", |t| t.name());
        println!("{:>3} {:<28} -> {:<24} {:.2} {:?}", c.column, c.header, field, c.confidence, c.reason);
    }
    println!("{}", Mapping::from_columns(&columns).to_json());
    Ok(())
}
