//! The whole pipeline, bytes to report JSON: read, map, validate and serialize, for the profile
//! named by the first byte. Any input gives a report or an Error; a report's JSON must parse.
#![no_main]

use cadastro::{BUILTIN_PROFILES, ImportOptions, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else { return };
    let name = BUILTIN_PROFILES.get(*selector as usize % BUILTIN_PROFILES.len()).copied().unwrap_or("generic");
    let Ok(mut opts) = ImportOptions::for_profile(name) else { return };
    opts.include_values = selector & 0x80 == 0;
    opts.read.limits.max_entry_bytes = 16 * 1024 * 1024;
    opts.read.limits.max_decompressed_bytes = 32 * 1024 * 1024;
    match cadastro::validate(&Source::from_bytes(bytes.to_vec()), opts) {
        Ok(report) => {
            let json = report.to_json();
            let parsed: serde_json::Value = serde_json::from_str(&json).expect("the report JSON parses");
            assert!(parsed.is_object());
            let _ = report.to_text();
        }
        Err(e) => {
            let _ = e.to_string();
            let _ = e.kind();
        }
    }
});
