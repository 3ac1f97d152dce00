//! Header detection and mapping suggestion: the input's lines are header texts (lossy UTF-8).
//! `suggest` and `suggest_with_samples` run for every built-in profile; `resolve` must either
//! succeed or give an Error; and the same lines read as a one-column-per-line CSV exercise the
//! header detection of the reader.
#![no_main]

use cadastro::{
    BUILTIN_PROFILES, Profile, ReadOptions, fold_label, is_known_label, resolve, suggest, suggest_with_samples,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let headers: Vec<String> = text.split('\n').take(64).map(str::to_owned).collect();
    for h in &headers {
        let _ = fold_label(h);
        let _ = is_known_label(h);
    }
    let samples: Vec<Vec<String>> = headers.iter().map(|h| vec![h.clone(), h.to_uppercase()]).collect();
    for name in BUILTIN_PROFILES {
        let Ok(profile) = Profile::builtin(name) else { continue };
        let suggested = suggest(&headers, &profile);
        assert_eq!(suggested.len(), headers.len());
        let with_samples = suggest_with_samples(&headers, &samples, &profile);
        assert_eq!(with_samples.len(), headers.len());
        let _ = resolve(&headers, &profile, None);
    }
    // The same texts as the header of a semicolon CSV with one data row.
    let mut csv = headers.join(";").into_bytes();
    csv.extend_from_slice(b"\n");
    csv.extend_from_slice(headers.join(";").as_bytes());
    let _ = cadastro::read_bytes(&csv, &ReadOptions::default().with_delimiter(';'));
});
