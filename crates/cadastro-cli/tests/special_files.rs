//! Issue #17 point 5 from the CLI: a FIFO or a device as the input file is refused at once with
//! exit code 2 and kind `io` on every command (streamed and whole-file paths), instead of
//! blocking until a writer appears or reading `/dev/zero` until memory runs out. Each run has a
//! deadline, so that a regression fails instead of hanging the suite.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-special-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the CLI with a 20 s deadline (killed past it); returns (exit code, stdout, stderr).
fn cadastro(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadastro"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("cadastro {args:?} did not return within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_fifo_or_a_device_is_refused_with_io_on_every_command() {
    let dir = workdir("fifo");
    let fifo = dir.join("clientes.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo = fifo.to_str().unwrap();
    for input in [fifo, "/dev/zero", "/dev/urandom"] {
        for args in [
            vec!["validate", input],
            vec!["validate", input, "--format", "json"],
            vec!["inspect", input],
            vec!["import", input, "--db", "a.db"],
            vec!["import", input, "--db", "a.db", "--stream"],
            vec!["import", input, "--db", "a.db", "--dry-run"],
        ] {
            let (code, stdout, stderr) = cadastro(&dir, &args);
            assert_eq!(code, Some(2), "{args:?}: {stdout} {stderr}");
            let text = format!("{stdout}{stderr}");
            assert!(text.contains("io"), "{args:?}: {text}");
            let what = if input == fifo { "named pipe (FIFO)" } else { "a device" };
            assert!(text.contains(what), "{args:?}: {text}");
        }
    }
    let (_, stdout, _) = cadastro(&dir, &["validate", fifo, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["error"]["kind"], "io", "{stdout}");
    std::fs::remove_dir_all(dir).unwrap();
}
