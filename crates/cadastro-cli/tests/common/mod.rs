//! Helpers shared by the CLI's integration tests that run the binary in a work directory
//! (each test binary includes this module with `mod common;`).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh directory under the temporary directory, named after the test binary (`suite`),
/// this process and `name`.
pub fn workdir(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cadastro-cli-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the `cadastro` binary in `dir`.
pub fn cadastro(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadastro")).current_dir(dir).args(args).output().unwrap()
}
