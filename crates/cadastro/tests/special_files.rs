#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
//! Issue #17 point 5: a FIFO or a device given as the input path is refused at
//! once with an `io` error on both pipelines (`validate` and `validate_stream`), instead of
//! blocking until a writer appears (FIFO) or reading until memory runs out (`/dev/zero`).
//! Every call runs on a helper thread with a deadline, so that a regression fails instead of
//! hanging the suite.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use cadastro::{ImportOptions, Importer, Source};

/// What each pipeline answered for `path`: the error code (or "ok"), within 10 s.
fn both_pipelines(path: &Path, opts: ImportOptions) -> (String, String) {
    let run = |stream: bool| {
        let (owned, opts) = (path.to_path_buf(), opts.clone());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let importer = Importer::new(opts).unwrap();
            let source = Source::from_path(&owned);
            let out = if stream {
                importer.validate_stream(&source, 0, &mut |_| ControlFlow::Continue(())).map(|_| ())
            } else {
                importer.validate(&source).map(|_| ())
            };
            let _ = tx.send(out.map_or_else(|e| format!("{}: {e}", e.code()), |()| "ok".to_owned()));
        });
        rx.recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{} did not return within 10 s (stream: {stream})", path.display()))
    };
    (run(false), run(true))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-special-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let fifo = dir.join("clientes.csv");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo (coreutils)");
    assert!(status.success());
    let (whole, stream) = both_pipelines(&fifo, ImportOptions::default());
    for out in [whole, stream] {
        assert!(out.starts_with("io: "), "{out}");
        assert!(out.contains("named pipe (FIFO)"), "{out}");
        assert!(out.contains("clientes.csv"), "the message names the path: {out}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn devices_are_refused_not_read_until_memory_runs_out() {
    for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        if !Path::new(dev).exists() {
            continue;
        }
        let (whole, stream) = both_pipelines(Path::new(dev), ImportOptions::default());
        for out in [whole, stream] {
            assert!(out.starts_with("io: ") && out.contains("a device"), "{dev}: {out}");
        }
    }
}

#[test]
fn a_directory_is_refused() {
    let dir = scratch("dir");
    let (whole, stream) = both_pipelines(&dir, ImportOptions::default());
    for out in [whole, stream] {
        // The system's own error (EISDIR), as before: hosts map it to their usual error.
        assert!(out.starts_with("io: ") && out.contains("Is a directory"), "{out}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_regular_file_is_read() {
    let dir = scratch("link");
    let file = dir.join("real.csv");
    std::fs::write(&file, "Nome;CPF\nAna;529.982.247-25\n").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    assert_eq!(both_pipelines(&link, ImportOptions::default()), ("ok".to_owned(), "ok".to_owned()));
    std::fs::remove_dir_all(dir).unwrap();
}

/// A regular file whose reported size (0 for /proc files) is not what a read returns: the byte
/// limit holds while reading, not only against the reported size.
#[test]
fn the_byte_limit_holds_for_a_file_that_reports_size_zero() {
    let proc_file = Path::new("/proc/self/mountinfo");
    if !proc_file.exists() {
        return;
    }
    assert_eq!(std::fs::metadata(proc_file).unwrap().len(), 0, "/proc reports size 0");
    let mut opts = ImportOptions::default();
    opts.read.limits.max_file_bytes = 64;
    let err = Source::from_path(proc_file).load(&opts.read.limits).unwrap_err();
    assert_eq!(err.code(), "limit_exceeded", "{err}");
    // Stopped one byte past the limit instead of reading the whole file first.
    assert!(err.to_string().contains("file_bytes is 65,"), "{err}");
}
