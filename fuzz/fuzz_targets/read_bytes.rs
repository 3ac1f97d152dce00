//! The format sniffer, encoding/delimiter detection, the CSV reader and header detection on
//! arbitrary bytes: any input must give a Table or an Error, never a panic, and a Table must
//! respect the limits it was read with.
#![no_main]

use cadastro::{Cell, Limits, ReadOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

fn chars(cell: &Cell) -> u64 {
    match cell {
        Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => s.chars().count() as u64,
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    // Small limits too, so that the limit paths are reached by small inputs.
    let small = Limits { max_rows: 50, max_columns: 20, max_cell_chars: 64, ..Limits::default() };
    for opts in [ReadOptions::default(), ReadOptions::default().with_limits(small)] {
        let Ok(table) = read_bytes(data, &opts) else { continue };
        let l = &opts.limits;
        assert!(table.headers.len() as u64 <= l.max_columns, "{} columns", table.headers.len());
        assert!(table.rows.len() as u64 <= l.max_rows, "{} rows", table.rows.len());
        for h in &table.headers {
            assert!(h.chars().count() as u64 <= l.max_cell_chars, "header of {} chars", h.chars().count());
        }
        for row in &table.rows {
            assert!(row.cells.len() as u64 <= l.max_columns, "row of {} cells", row.cells.len());
            for c in &row.cells {
                assert!(chars(c) <= l.max_cell_chars, "cell of {} chars", chars(c));
            }
        }
    }
});
