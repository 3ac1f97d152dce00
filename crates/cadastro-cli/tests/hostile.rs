//! The hostile-file suite, each file in its own `cadastro validate --format json` child process,
//! so that an abort, a stack overflow or an out-of-memory kill is a failed assertion here and not
//! a crashed test runner. For every file: the outcome (the error kind from
//! `testdata/hostile/manifest.json`, or a report), the wall time (under 2 s, debug build
//! included) and the peak RSS of the child (under 256 MB, from `getrusage(RUSAGE_CHILDREN)`).
//!
//! Besides the committed corpus, the big hostiles are generated here at test time (not
//! committed): a 100 MB single-line CSV, a million columns, a cell of 10 million characters, an
//! unclosed quote over 5 MB, NUL bytes everywhere, invalid UTF-8 everywhere, and deeply escaped
//! quoting.
//!
//! One `#[test]` on purpose: `RUSAGE_CHILDREN` is the peak over every child this process has
//! waited for, so the children run one after the other and the peak is checked after each.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const MAX_WALL: Duration = Duration::from_secs(2);
const MAX_RSS_KB: u64 = 256 * 1024;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The peak resident set size, in KiB, over every child waited for so far.
#[cfg(unix)]
fn children_peak_rss_kb() -> Option<u64> {
    use nix::sys::resource::{UsageWho, getrusage};
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).ok()?;
    // Linux reports KiB; macOS reports bytes.
    let rss = u64::try_from(usage.max_rss()).ok()?;
    Some(if cfg!(target_os = "macos") { rss / 1024 } else { rss })
}

#[cfg(not(unix))]
fn children_peak_rss_kb() -> Option<u64> {
    None
}

/// What one run gave: `Ok(report)` or `Err(kind)`.
struct Run {
    outcome: Result<Value, String>,
    wall: Duration,
    peak_kb: Option<u64>,
}

fn run(file: &Path) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .args(["validate", file.to_str().unwrap(), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A watchdog: a hung child is killed (and fails the wall-time assertion) instead of hanging
    // the suite.
    let pid = child.id();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            let until = Instant::now() + Duration::from_secs(20);
            while Instant::now() < until {
                if done.load(std::sync::atomic::Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        })
    };
    let out = child.wait_with_output().unwrap();
    let wall = start.elapsed();
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    watchdog.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{}: {e} (status {:?}, stderr {stderr})", file.display(), out.status);
    });
    let outcome = match out.status.code() {
        Some(0 | 1) => Ok(json),
        Some(2) => Err(json["error"]["kind"].as_str().unwrap_or_default().to_owned()),
        other => panic!("{}: exit {other:?} (killed by a signal?), stderr {stderr}", file.display()),
    };
    Run { outcome, wall, peak_kb: children_peak_rss_kb() }
}

/// What a file must give.
#[derive(Debug)]
enum Expect {
    Kind(String),
    /// A successful read: a report, with rows read (the issues carry the bad data).
    Report,
}

fn check(file: &Path, expect: &Expect, figures: &mut Vec<String>) {
    let r = run(file);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    match (expect, &r.outcome) {
        (Expect::Kind(kind), Err(got)) => assert_eq!(got, kind, "{name}"),
        (Expect::Report, Ok(report)) => {
            assert!(report["stats"]["rows_total"].as_u64().unwrap() > 0, "{name}: {report}");
        }
        (_, got) => panic!("{name}: expected {expect:?}, got {:?}", got.as_ref().map(|_| "a report")),
    }
    assert!(r.wall < MAX_WALL, "{name}: {:?} (limit {MAX_WALL:?})", r.wall);
    if let Some(kb) = r.peak_kb {
        assert!(kb < MAX_RSS_KB, "{name}: peak RSS {kb} KiB so far (limit {MAX_RSS_KB} KiB)");
    }
    figures.push(format!("{name}: {:?}, {} ms, peak RSS <= {:?} KiB", expect, r.wall.as_millis(), r.peak_kb));
}

/// Writes `parts` to `dir/name`, streaming: the test process itself must stay small, because a
/// spawned child's peak RSS starts from its parent's (the child is a copy of it until `exec`).
fn write(dir: &Path, name: &str, parts: impl IntoIterator<Item = Vec<u8>>) -> PathBuf {
    use std::io::Write;
    let path = dir.join(name);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for part in parts {
        file.write_all(&part).unwrap();
    }
    file.flush().unwrap();
    path
}

fn repeat(bytes: &[u8], times: usize) -> impl Iterator<Item = Vec<u8>> + '_ {
    std::iter::repeat_n(bytes.to_vec(), times)
}

/// Writes one generated hostile into a directory under a name.
type Make = fn(&Path, &str) -> PathBuf;

/// The big hostiles, each written to `dir` just before it runs.
fn generated() -> Vec<(&'static str, Expect, Make)> {
    let limit = || Expect::Kind("limit_exceeded".into());
    vec![
        // A 100 MB single line: one field past max_cell_chars.
        ("single_line_100mb.csv", limit(), |d, n| {
            write(d, n, std::iter::once(b"nome;email;".to_vec()).chain(repeat(&[b'x'; 1 << 20], 100)))
        }),
        // A million columns: a header of 1,000,000 names and a row of delimiters.
        ("million_columns.csv", limit(), |d, n| {
            let header = (0..1_000_000).map(|i| format!("c{i};").into_bytes());
            write(d, n, header.chain([b"\n".to_vec(), vec![b';'; 999_999], b"\n".to_vec()]))
        }),
        // One cell of 10 million characters (quoted, two bytes each).
        ("cell_10m_chars.csv", limit(), |d, n| {
            let cell = repeat("é".as_bytes(), 10_000_000);
            write(d, n, std::iter::once(b"nome;email\n\"".to_vec()).chain(cell).chain([b"\";a@b.com\n".to_vec()]))
        }),
        // An unclosed quote swallowing 5 MB of records: one huge field.
        ("unclosed_quote.csv", limit(), |d, n| {
            write(d, n, std::iter::once(b"nome;email\n\"".to_vec()).chain(repeat(b"Ana;ana@example.com\n", 250_000)))
        }),
        // 5 MB of quote characters: a field of escaped quotes with no end.
        ("quotes_only.csv", limit(), |d, n| write(d, n, [b"nome;email\n".to_vec(), vec![b'"'; 5 << 20]])),
        // Deeply escaped quoting within the limits: a cell of 10,000 escaped quotes reads.
        ("escaped_quotes.csv", Expect::Report, |d, n| {
            write(d, n, [format!("nome;email\n\"{}\";a@b.com\n", "\"\"".repeat(10_000)).into_bytes()])
        }),
        // NUL bytes everywhere: binary, not text (over 2% NULs in the first 8 KiB decides).
        ("nul_everywhere.csv", Expect::Kind("unsupported_format".into()), |d, n| {
            write(d, n, std::iter::once(b"nome;email\n".to_vec()).chain(repeat(b"A\0n\0a;a\0@b.c\n", 10_000)))
        }),
        // A NUL past the sniffed head is data: the read succeeds and the row gets its issues.
        ("late_nul.csv", Expect::Report, |d, n| {
            let rows = repeat(b"Ana;ana@example.com\n", 1000);
            write(
                d,
                n,
                std::iter::once(b"nome;email\n".to_vec()).chain(rows).chain([b"B\0b;b\0@example.com\n".to_vec()]),
            )
        }),
        // Invalid UTF-8 everywhere (no NUL): read as Windows-1252, where every byte maps. 2,000
        // rows: the whole pipeline runs on them, and a debug build validates a few thousand
        // rows a second.
        ("invalid_utf8.csv", Expect::Report, |d, n| {
            let mut rng = 0x2545_f491_u32;
            let rows = (0..2_000).map(move |i| {
                let mut row = Vec::new();
                for _ in 0..12 {
                    rng ^= rng << 13;
                    rng ^= rng >> 17;
                    rng ^= rng << 5;
                    row.push([0xFF, 0xFE, 0xC3, 0x80, 0xE9, 0x41, 0x9D][(rng % 7) as usize]);
                }
                row.extend_from_slice(format!(";a{i}@b.com;S").as_bytes());
                row.extend_from_slice(&[0xE3, b'o', b'\n', 0xC3, b'\n']);
                row
            });
            write(d, n, std::iter::once(b"nome;email;cidade\n".to_vec()).chain(rows))
        }),
    ]
}

#[test]
fn every_hostile_file_gives_its_kind_within_time_and_memory() {
    let hostile = root().join("testdata/hostile");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(hostile.join("manifest.json")).unwrap()).unwrap();
    let cases: Vec<(PathBuf, Expect)> = manifest
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (hostile.join(e["file"].as_str().unwrap()), Expect::Kind(e["kind"].as_str().unwrap().to_owned())))
        .collect();
    assert!(cases.len() >= 20, "{} manifest entries", cases.len());
    let mut figures = Vec::new();
    for (file, expect) in &cases {
        check(file, expect, &mut figures);
    }
    let dir = std::env::temp_dir().join(format!("cadastro-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, expect, make) in generated() {
        let file = make(&dir, name);
        check(&file, &expect, &mut figures);
        std::fs::remove_file(&file).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
    eprintln!("{}", figures.join("\n"));
}

/// Every limit of `Limits` is settable with `--limit NAME=VALUE` (the names come from the core's
/// own serialization, so a new limit is covered without editing this test), an unknown name is
/// refused, and `--no-values` leaves every cell value out of the report's issues.
#[test]
fn every_limit_is_settable_from_the_cli_and_no_values_hides_cell_values() {
    let csv = std::env::temp_dir().join(format!("cadastro-limits-{}.csv", std::process::id()));
    std::fs::write(&csv, "nome;email;cpf\nAna;S3cr3t@@x;S3cr3t\nBia;bia@example.com;52998224725\n").unwrap();
    let cadastro = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_cadastro"))
            .args(["validate", csv.to_str().unwrap(), "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), serde_json::from_slice::<Value>(&out.stdout).unwrap())
    };
    let names = serde_json::to_value(cadastro::Limits::default()).unwrap();
    let names: Vec<&String> = names.as_object().unwrap().keys().collect();
    assert_eq!(names.len(), 8, "{names:?}");
    for name in names {
        // A generous value is accepted (the file reads); 1 byte of file is refused for max_file_bytes.
        let (code, report) = cadastro(&["--limit", &format!("{name}=1000000")]);
        assert_eq!(code, Some(1), "{name}: {report}");
        let (code, report) = cadastro(&["--limit", &format!("{name}=x")]);
        assert_eq!((code, report["error"]["kind"].as_str()), (Some(2), Some("invalid_options")), "{name}");
    }
    let (code, report) = cadastro(&["--limit", "max_rows=1"]);
    assert_eq!((code, report["error"]["kind"].as_str()), (Some(2), Some("limit_exceeded")));
    assert_eq!(report["error"]["message"], "limit exceeded: rows is 2, the maximum is 1");
    let (code, report) = cadastro(&["--limit", "max_row=10"]);
    assert_eq!((code, report["error"]["kind"].as_str()), (Some(2), Some("invalid_options")));

    let (_, with) = cadastro(&[]);
    assert!(with.to_string().contains("S3cr3t"));
    let (code, without) = cadastro(&["--no-values"]);
    assert_eq!(code, Some(1));
    let issues = without["issues"].as_array().unwrap();
    assert!(issues.iter().any(|i| i["code"] == "invalid_email"), "{without}");
    assert!(issues.iter().all(|i| i.get("value").is_none_or(Value::is_null)), "{without}");
    assert!(!without["issues"].to_string().contains("S3cr3t"), "{without}");
    std::fs::remove_file(&csv).unwrap();
}
