#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: formatting, lints, the Rust workspace
# (core, CLI, examples), and each binding's suite as it lands. Installs what it needs itself.
#   QUICK=1  skip fmt and clippy (local loop)
#   NODE=0   skip the Node binding (npm install + napi build + node --test)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
# napi-cli always passes `--target <host triple>`; giving every cargo invocation the same target
# makes cargo and napi share ONE artifact dir (target/<triple>/debug) instead of building the
# dependencies twice (BINDINGS-SPIKE P6). Host-side build scripts and proc-macros stay in
# target/debug; the CLI binary is in target/<triple>/debug/cadastro.
CARGO_BUILD_TARGET=${CARGO_BUILD_TARGET:-$(rustc -vV | sed -n 's/^host: //p')}
export CARGO_BUILD_TARGET
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

if [ "${NODE:-1}" != 0 ]; then
  step "node: npm install + napi build + node --test (bindings/node)"
  # `npm install`, not `npm ci` (BINDINGS-SPIKE P9); the build itself is offline.
  (cd bindings/node && npm install --no-audit --no-fund && npx napi build --platform && node --test __test__/)
fi

step "all done"
