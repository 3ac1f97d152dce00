//! The workbook openers (xlsx, xlsm, xlsb, xls, ods) on arbitrary bytes: the input as is (seeded
//! with real workbooks and the hostile corpus, so mutations of valid archives), and the input
//! behind a zip local-header signature and behind a CFB (OLE2) signature, so that arbitrary
//! bytes reach the zip and CFB parsers rather than the CSV reader.
#![no_main]

use cadastro::{Limits, ReadOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

const ZIP: &[u8] = b"PK\x03\x04";
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fuzz_target!(|data: &[u8]| {
    // Tighter archive limits than the defaults so that one run stays fast and small.
    let limits = Limits {
        max_entry_bytes: 16 * 1024 * 1024,
        max_decompressed_bytes: 32 * 1024 * 1024,
        ..Limits::default()
    };
    let opts = ReadOptions::default().with_limits(limits);
    let _ = read_bytes(data, &opts);
    for prefix in [ZIP, CFB] {
        if !data.starts_with(prefix) {
            let mut bytes = Vec::with_capacity(prefix.len() + data.len());
            bytes.extend_from_slice(prefix);
            bytes.extend_from_slice(data);
            let _ = read_bytes(&bytes, &opts);
        }
    }
});
