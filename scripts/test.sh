#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: formatting, lints, the Rust workspace
# (core, CLI, examples), and each binding's suite as it lands. Installs what it needs itself.
#   QUICK=1  skip fmt and clippy (local loop)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
T0=$SECONDS
step() { echo; echo "=== [$((SECONDS - T0))s] $*"; }

if [ "${QUICK:-0}" != 1 ]; then
  step "rust: cargo fmt --check"
  cargo fmt --all -- --check
  step "rust: cargo clippy -D warnings"
  cargo clippy --workspace --all-targets --locked -- -D warnings
fi

step "rust: cargo test (core, CLI, examples, doc tests)"
cargo test --workspace --locked

step "examples: run every example"
for ex in examples/*.rs; do
  name=$(basename "$ex" .rs)
  [ "$name" = lib ] && continue
  cargo run -q --locked -p cadastro-examples --example "$name" >/dev/null
done

step "all done"
