#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: formatting, lints, the Rust workspace
# (core, CLI, examples), and each binding's suite as it lands. Installs what it needs itself.
#   QUICK=1       skip fmt and clippy (local loop)
#   NO_PYTHON=1   skip the Python package (venv, maturin, pytest)
#   PY_WHEEL=1    install the Python package as users do (`pip install ./bindings/python`, release
#                 build) instead of `maturin develop` (debug, faster)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
# One artifact directory for cargo, maturin (and napi-cli, which always passes --target): with
# the host triple set for every tool, dependencies are built once, in target/<triple>/<profile>
# (BINDINGS-SPIKE.md, pitfall P6). Build scripts and proc-macros stay in target/<profile>.
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

if [ "${NO_PYTHON:-0}" != 1 ]; then
  step "python: venv, maturin, pytest (bindings/python)"
  python3 -m venv .venv
  # shellcheck disable=SC1091
  . .venv/bin/activate
  python -m pip install -q --disable-pip-version-check "maturin==1.16.0" "pytest==9.2.0" "mypy==2.4.1"
  if [ "${PY_WHEEL:-0}" = 1 ]; then
    python -m pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall ./bindings/python
  else
    (cd bindings/python && maturin develop -q --locked)
  fi
  python -m pytest -q bindings/python/tests
  deactivate
fi

step "all done"
