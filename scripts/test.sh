#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: formatting, lints, the Rust workspace
# (core, CLI, examples), and each binding's suite as it lands. Installs what it needs itself.
#   QUICK=1      skip fmt and clippy (local loop)
#   NO_PYTHON=1  skip the Python package (venv, maturin, pytest)
#   PY_WHEEL=1   install the Python package as users do (`pip install ./bindings/python`, release
#                build) instead of `maturin develop` (debug, faster)
#   NODE=0       skip the Node binding (npm install + napi build + node --test)
#   NO_UNIFFI=1  skip the UniFFI binding (bindgen, Python and Kotlin tests)
#   NO_KOTLIN=1  skip only its Kotlin test (Debian libjna-java + npm kotlin-compiler)
#   NO_PG=1      skip the PostgreSQL store tests (no throw-away cluster; their cases print "skipped")
#   NO_FUZZ=1    skip the brief fuzz run (it runs only when cargo-fuzz is installed); FUZZ_SECONDS=20 per target
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
# A one-off run gains nothing from incremental caches, which are the largest part of target/.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
# One artifact directory for cargo, maturin and napi-cli (which always passes --target): with
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

# --- PostgreSQL store (issue 21; owner: the store's maintainers) -----------------------------
# A throw-away PostgreSQL cluster for the store's shared suite (crates/cadastro-store/tests/
# backends.rs: every case on SQLite and on PostgreSQL, with the kill-mid-apply crash test and the
# 8-worker, 2-account concurrency test) and the CLI's --store tests, which `cargo test` below runs.
# Debian's postgresql package is installed when initdb is absent; the cluster lives in a temp
# dir, runs as an unprivileged user on a loopback port (scripts/pg-test-cluster.sh) and is
# stopped on exit. Once it is up, CADASTRO_TEST_PG_REQUIRED=1 makes a PostgreSQL case that cannot
# reach it fail instead of skipping. Skipped, with a message, only when the server cannot be
# installed or started.
if [ "${NO_PG:-0}" != 1 ]; then
  step "postgres: throw-away cluster for the store suite (scripts/pg-test-cluster.sh)"
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
    if command -v apt-get >/dev/null 2>&1; then
      ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null) \
        || echo "postgres: apt-get install postgresql failed"
    fi
  fi
  PG_TEST_DIR=$(mktemp -d)
  if CADASTRO_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$PG_TEST_DIR"); then
    export CADASTRO_TEST_PG_URL CADASTRO_TEST_PG_REQUIRED=1
    trap 'scripts/pg-test-cluster.sh stop "$PG_TEST_DIR"; rm -rf "$PG_TEST_DIR"' EXIT
    echo "postgres: test server at $CADASTRO_TEST_PG_URL"
  else
    rm -rf "$PG_TEST_DIR"
    echo "SKIPPED: the PostgreSQL store tests: no PostgreSQL server could be installed or started here"
  fi
fi
# --- end of the PostgreSQL store block --------------------------------------------------------

step "rust: cargo test (core, CLI, examples, doc tests)"
cargo test --workspace --locked

# --- cadastro-host (issue 19): the parity list (testdata/parity) through the host crate and
# `cadastro call` (also in `cargo test --workspace` above; named here so a failure says which).
# Each binding replays the same list in its own suite below.
step "host: parity list through cadastro-host and the CLI"
cargo test -q --locked -p cadastro-host --test parity
cargo test -q --locked -p cadastro-cli --test parity
# --- end cadastro-host

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

if [ "${NO_UNIFFI:-0}" != 1 ]; then
  # THE flag for the UniFFI file tests (Kotlin + Python): flip the default to 1 once the CSV/XLSX
  # readers and the leaf validators are merged. 0 runs only the tests that need no reader.
  export CADASTRO_UNIFFI_READERS=${CADASTRO_UNIFFI_READERS:-1}
  export CADASTRO_ROOT=$PWD
  UNIFFI_OUT=${CARGO_TARGET_DIR:-target}/${CARGO_BUILD_TARGET:+$CARGO_BUILD_TARGET/}debug
  GEN=bindings/uniffi/out
  step "uniffi: build uniffi-bindgen and the library (test hooks on), generate Python, Kotlin, Swift"
  # Two invocations on purpose: built together, the bindgen's `cli` feature would be unified
  # into the library's uniffi dependency.
  cargo build --locked -p uniffi-bindgen
  cargo build --locked -p cadastro-uniffi --features test-hooks
  rm -rf "$GEN"
  for lang in python kotlin swift; do   # library mode: everything is read from the built library
    "$UNIFFI_OUT/uniffi-bindgen" generate --no-format "$UNIFFI_OUT/libcadastro_uniffi.so" \
      --language "$lang" --out-dir "$GEN/$lang" >/dev/null
  done
  cp "$UNIFFI_OUT/libcadastro_uniffi.so" "$GEN/python/"   # the generated loader looks beside itself
  export CADASTRO_EXPECTED_DIR=$PWD/$GEN/expected
  mkdir -p "$CADASTRO_EXPECTED_DIR"
  if [ "$CADASTRO_UNIFFI_READERS" = 1 ]; then   # what the CLI says about the same files
    cargo build --locked -q -p cadastro-cli
    cli=${CARGO_TARGET_DIR:-target}/${CARGO_BUILD_TARGET:+$CARGO_BUILD_TARGET/}debug/cadastro
    for spec in clientes-asaas:examples/data/clientes-asaas.csv:asaas \
                customers-upflow:bindings/uniffi/tests/data/customers-upflow.csv:upflow; do
      IFS=: read -r name file profile <<<"$spec"
      rc=0; "$cli" validate "$file" --profile "$profile" --format json >"$CADASTRO_EXPECTED_DIR/$name.json" || rc=$?
      [ "$rc" -le 1 ] || { echo "cadastro validate $file failed ($rc)"; exit 1; }
    done
  fi

  step "uniffi: Python test through the generated module (pytest)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q "pytest==9.2.0"
  .venv/bin/python -m pytest -q bindings/uniffi/tests

  if [ "${NO_KOTLIN:-0}" != 1 ]; then
    step "uniffi: Kotlin test (kotlinc 2.4.20 from npm, Debian JNA) on the JVM"
    [ -f /usr/share/java/jna.jar ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java; }
    (cd tools/kotlin && npm ci --no-audit --no-fund --loglevel=error)
    KOTLIN_HOME=$PWD/tools/kotlin/node_modules/kotlin-compiler
    chmod +x "$KOTLIN_HOME"/bin/*   # npm drops the exec bit
    KT=$GEN/kotlin-test; mkdir -p "$KT"
    cp "$UNIFFI_OUT/libcadastro_uniffi.so" "$KT/"
    "$KOTLIN_HOME/bin/kotlinc" -nowarn -cp /usr/share/java/jna.jar \
      "$GEN/kotlin/cadastro/cadastro_uniffi.kt" bindings/uniffi/tests/kotlin/Main.kt -d "$KT/test.jar"
    "$KOTLIN_HOME/bin/kotlin" -Djna.library.path="$KT" -cp "/usr/share/java/jna.jar:$KT/test.jar" MainKt
  fi
fi

if [ "${NODE:-1}" != 0 ]; then
  step "node: npm install + napi build + node --test (bindings/node)"
  # `npm install`, not `npm ci` (BINDINGS-SPIKE P9); the build itself is offline.
  (cd bindings/node && npm install --no-audit --no-fund && npx napi build --platform && node --test __test__/)
fi

if [ "${NO_FUZZ:-0}" != 1 ] && command -v cargo-fuzz >/dev/null; then
  # Only where cargo-fuzz is installed (CI without it skips). Each target briefly on corpora
  # seeded from testdata/; the long campaign's figures are in fuzz/README.md.
  FUZZ_SECONDS=${FUZZ_SECONDS:-20}
  step "fuzz: each cargo-fuzz target for ${FUZZ_SECONDS}s (RUSTC_BOOTSTRAP=1 on stable)"
  fuzz/seed.sh >/dev/null
  (cd fuzz && for t in $(RUSTC_BOOTSTRAP=1 cargo fuzz list); do
    env -u CARGO_BUILD_TARGET RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" -- -max_total_time="$FUZZ_SECONDS" \
      -max_len=1048576 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | grep -E "^(stat::|Done|==|SUMMARY)" || exit 1
  done)
fi

step "all done"
