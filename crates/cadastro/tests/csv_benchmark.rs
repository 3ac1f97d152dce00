#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Scores cadastro's reading of the public CSV dialect benchmarks against their annotations.
//!
//! Ignored by default: the files are fetched, not committed. Run
//!
//! ```text
//! testdata/realworld/fetch-csv-benchmark.sh target/csv-benchmark
//! CSV_BENCHMARK=target/csv-benchmark cargo test -p cadastro --test csv_benchmark -- --ignored --nocapture
//! ```
//!
//! Every set directory under `CSV_BENCHMARK` holds `files/` and either `annotations.txt` (the
//! CSVsniffer format: `file_name|encoding|fields_delimiter|quotechar|escapechar|...`) or
//! `parameters/NAME_parameters.json` (POLLOCK's: `encoding`, `delimiter`, `header_lines`,
//! `preamble_lines`). Per set it prints: delimiter agreement (a refusal or a crash counts as a
//! miss), encoding agreement over the files read, header found (and, where annotated, the header
//! row agreement), refusals and crashes; the misses go to `<set>/misses.txt`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cadastro::ReadOptions;
use cadastro::read_bytes;
use serde_json::Value;

/// One annotated file.
struct Expected {
    delimiter: Option<String>,
    encoding: String,
    /// `Some(None)`: no header; `Some(Some(range))`: the header lies in these rows.
    header: Option<Option<(u32, u32)>>,
}

fn delimiter_name(name: &str) -> Option<String> {
    Some(
        match name {
            "comma" => ",",
            "semicolon" => ";",
            "tab" => "\t",
            "space" => " ",
            "vslash" => "|",
            "nsign" => "#",
            "colon" => ":",
            other if other.chars().count() == 1 => other,
            _ => return None,
        }
        .to_string(),
    )
}

fn load(set: &Path) -> BTreeMap<String, Expected> {
    let mut out = BTreeMap::new();
    let notes = set.join("annotations.txt");
    if notes.exists() {
        let text = std::fs::read_to_string(&notes).unwrap();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.starts_with("file_name|")) {
            let cols: Vec<&str> = line.split('|').collect();
            if cols.len() < 4 {
                continue;
            }
            out.insert(
                cols[0].to_string(),
                Expected { delimiter: delimiter_name(cols[2]), encoding: cols[1].to_lowercase(), header: None },
            );
        }
        return out;
    }
    for entry in std::fs::read_dir(set.join("parameters")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().trim_end_matches("_parameters.json").to_string();
        let p: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let preamble = p["preamble_lines"].as_u64().unwrap_or(0) as u32;
        let headers = p["header_lines"].as_u64().unwrap_or(0) as u32;
        out.insert(
            name,
            Expected {
                delimiter: p["delimiter"].as_str().and_then(delimiter_name),
                encoding: p["encoding"].as_str().unwrap_or("").to_lowercase(),
                header: Some((headers > 0).then_some((preamble + 1, preamble + headers))),
            },
        );
    }
    out
}

/// True when cadastro's encoding agrees with the annotation. Pure ASCII agrees with every
/// ASCII-compatible reading; `ansi` (a Windows code page, unnamed) with any single-byte one.
fn encoding_agrees(bytes: &[u8], annotated: &str, got: &str) -> bool {
    let ascii_compatible = !got.starts_with("utf-16");
    if bytes.is_ascii() && ascii_compatible {
        return true;
    }
    match annotated {
        "utf8" | "utf-8" | "ascii" | "utf-8-sig" => got == "utf-8" || got == "utf-8-bom",
        "utf16" | "utf-16" => got.starts_with("utf-16"),
        "ansi" => got.starts_with("windows-") || got.starts_with("iso-8859") || got == "x-mac-roman",
        "gb2312" | "gbk" => got == "gb18030",
        "shif-jis" | "shift-jis" | "shift_jis" | "sjis" => got == "shift_jis",
        other => other == got,
    }
}

#[derive(Default)]
struct Score {
    files: usize,
    delimiter: usize,
    read: usize,
    encoding: usize,
    header_found: usize,
    header_annotated: usize,
    header_agrees: usize,
    refused: usize,
    crashed: usize,
    missing: usize,
}

fn score(set: &Path) -> Score {
    let expected = load(set);
    let mut s = Score::default();
    let mut misses = Vec::new();
    for (name, want) in &expected {
        let Ok(bytes) = std::fs::read(set.join("files").join(name)) else {
            s.missing += 1;
            continue;
        };
        s.files += 1;
        let result = std::panic::catch_unwind(|| read_bytes(&bytes, &ReadOptions::default()));
        let table = match result {
            Err(_) => {
                s.crashed += 1;
                misses.push(format!("{name}\tcrash"));
                continue;
            }
            Ok(Err(e)) => {
                s.refused += 1;
                misses.push(format!("{name}\trefused {}: {e}", e.code()));
                continue;
            }
            Ok(Ok(t)) => t,
        };
        s.read += 1;
        let src = &table.source;
        let delimiter = src.delimiter.map(String::from).unwrap_or_default();
        if want.delimiter.as_deref() == Some(delimiter.as_str()) {
            s.delimiter += 1;
        } else {
            misses.push(format!("{name}\tdelimiter {delimiter:?}, annotated {:?}", want.delimiter));
        }
        let encoding = src.encoding.map_or("", |e| e.as_str());
        if encoding_agrees(&bytes, &want.encoding, encoding) {
            s.encoding += 1;
        } else {
            misses.push(format!("{name}\tencoding {encoding}, annotated {}", want.encoding));
        }
        s.header_found += usize::from(src.header_row.is_some());
        if let Some(header) = want.header {
            s.header_annotated += 1;
            let agrees = match (header, src.header_row) {
                (None, None) => true,
                (Some((from, to)), Some(row)) => (from..=to).contains(&row),
                _ => false,
            };
            if agrees {
                s.header_agrees += 1;
            } else {
                misses.push(format!("{name}\theader row {:?}, annotated {header:?}", src.header_row));
            }
        }
    }
    misses.sort();
    std::fs::write(set.join("misses.txt"), misses.join("\n") + "\n").unwrap();
    s
}

#[test]
#[ignore = "needs the fetched benchmark: see the module docs"]
fn csv_benchmark_scores() {
    let root = PathBuf::from(std::env::var("CSV_BENCHMARK").expect("CSV_BENCHMARK names the fetched directory"));
    let root =
        if root.is_absolute() { root } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(root) };
    let only = std::env::var("CSV_BENCHMARK_SETS").ok();
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("files").is_dir())
        .filter(|p| only.as_deref().is_none_or(|o| o.split(',').any(|n| p.file_name().is_some_and(|f| f == n))))
        .collect();
    sets.sort();
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let mut crashes = 0;
    for set in sets {
        let s = score(&set);
        crashes += s.crashed;
        println!(
            "{}: {} files ({} annotated but absent)",
            set.file_name().unwrap().to_string_lossy(),
            s.files,
            s.missing
        );
        println!("  delimiter agrees: {}/{} ({:.1}%)", s.delimiter, s.files, pct(s.delimiter, s.files));
        println!("  encoding agrees:  {}/{} read ({:.1}%)", s.encoding, s.read, pct(s.encoding, s.read));
        println!("  header found:     {}/{} read", s.header_found, s.read);
        if s.header_annotated > 0 {
            println!(
                "  header row agrees: {}/{} ({:.1}%)",
                s.header_agrees,
                s.header_annotated,
                pct(s.header_agrees, s.header_annotated)
            );
        }
        println!("  refused: {}, crashed: {}", s.refused, s.crashed);
    }
    assert_eq!(crashes, 0, "cadastro crashed on some files: see misses.txt");
}
