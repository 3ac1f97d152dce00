//! cadastro on the workload files (issue 9): validate (UTF-8 CSV, the high-error UTF-8 CSV of
//! issue 18, Windows-1252 CSV, XLSX), and
//! export of the validated customers to XLSX and CSV. Compare with benches/criterion/limits.rs.

use std::hint::black_box;
use std::time::Duration;

use cadastro::export::{ExportOptions, export_csv, export_xlsx};
use cadastro::{ImportOptions, Importer, Profile, Source};
use cadastro_benches::{Kind, big_rows, ensure};
use criterion::{Criterion, criterion_group, criterion_main};

fn validate(c: &mut Criterion) {
    let mut g = c.benchmark_group("cadastro");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let importer = Importer::new(ImportOptions::for_profile("asaas").expect("profile")).expect("importer");
    let n = big_rows();
    for (kind, rows) in [(Kind::Utf8Csv, n), (Kind::Utf8CsvPhones, n), (Kind::Win1252Csv, n), (Kind::Xlsx, 100_000)] {
        let path = ensure(kind, rows).expect("workload");
        g.bench_function(format!("validate/{}", kind.file_name(rows)), |b| {
            b.iter(|| black_box(importer.validate(&Source::from_path(&path)).expect("validate").stats));
        });
    }
    let customers = cadastro_benches::validated_customers(n);
    let profile = Profile::builtin("asaas").expect("profile");
    let opts = ExportOptions::default();
    g.bench_function(format!("export_xlsx/{}-customers", customers.len()), |b| {
        b.iter(|| {
            let mut out = Vec::new();
            black_box(export_xlsx(&customers, &profile, &mut out, &opts).expect("export"))
        });
    });
    g.bench_function(format!("export_csv/{}-customers", customers.len()), |b| {
        b.iter(|| {
            let mut out = Vec::new();
            black_box(export_csv(&customers, &profile, &mut out, &opts).expect("export"))
        });
    });
    g.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
