//! The limits: the raw parsers and writer alone on the workload files (issue 9). cadastro's
//! own benches (benches/criterion/cadastro.rs) are read as ratios to these.

use std::hint::black_box;
use std::time::Duration;

use cadastro_benches::{Kind, big_rows, ensure};
use calamine::Reader as _;
use criterion::{Criterion, criterion_group, criterion_main};

fn csv_raw(c: &mut Criterion) {
    let mut g = c.benchmark_group("limits");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (kind, delimiter) in [(Kind::Utf8Csv, b','), (Kind::Win1252Csv, b';')] {
        let n = big_rows();
        let path = ensure(kind, n).expect("workload");
        g.bench_function(format!("csv_byterecord/{}", kind.file_name(n)), |b| {
            b.iter(|| {
                let mut rdr =
                    csv::ReaderBuilder::new().has_headers(false).delimiter(delimiter).from_path(&path).expect("open");
                let mut rec = csv::ByteRecord::new();
                let mut fields = 0usize;
                while rdr.read_byte_record(&mut rec).expect("record") {
                    fields += rec.len();
                }
                black_box(fields)
            });
        });
    }
    let xlsx = ensure(Kind::Xlsx, 100_000).expect("workload");
    g.bench_function("calamine_worksheet_range/xlsx-100k", |b| {
        b.iter(|| {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("open");
            let name = wb.sheet_names().first().cloned().expect("sheet");
            black_box(wb.worksheet_range(&name).expect("range").get_size())
        });
    });
    g.bench_function("calamine_cells_reader/xlsx-100k", |b| {
        b.iter(|| {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).expect("open");
            let name = wb.sheet_names().first().cloned().expect("sheet");
            let mut cells = wb.worksheet_cells_reader(&name).expect("cells");
            let mut n = 0usize;
            while let Some(c) = cells.next_cell().expect("cell") {
                n += usize::from(!calamine::DataType::is_empty(c.get_value()));
            }
            black_box(n)
        });
    });
    // rust_xlsxwriter alone, constant memory: the strings of the validated customers, written
    // in the order the export writes them (the same workload as `cadastro/export_xlsx`).
    let customers = cadastro_benches::validated_customers(big_rows());
    g.bench_function(format!("rust_xlsxwriter_constant_memory/{}-customers", customers.len()), |b| {
        b.iter(|| {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet_with_constant_memory().expect("sheet");
            for (r, c) in (1u32..).zip(&customers) {
                for (col, v) in (0u16..).zip(c.fields().map(|(_, v)| v)) {
                    ws.write_string(r, col, v.to_cell_text()).expect("write");
                }
            }
            black_box(wb.save_to_buffer().expect("save").len())
        });
    });
    g.finish();
}

criterion_group!(benches, csv_raw);
criterion_main!(benches);
