#!/usr/bin/env bash
# Knobs: RUNS, BENCH_ROWS, ONLY=regex, SKIP_BUILD=1, BINDINGS=0, PROFILE (cargo profile),
# BIN_DIR (the binaries to measure), BASE_BIN (a second build's cadastro, timed beside).
#
# Whole processes side by side, in one run, on the same files (issue 9): cadastro validate
# (release; it streams, `--whole-file` reads the whole file first) against the raw parsers
# (csv crate, calamine) and the Python tools (pandas with pyarrow, python-calamine, openpyxl,
# frictionless); the Python and Node bindings against the CLI. hyperfine gives median and spread;
# /usr/bin/time -v gives peak RSS. Results: $OUT/compare.md (a Markdown table) and hyperfine JSON.
#
#   benches/compare.sh            # RUNS=3 BENCH_ROWS=1000000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
RUNS="${RUNS:-3}"
export BENCH_ROWS="${BENCH_ROWS:-1000000}"
OUT="${OUT:-$CARGO_TARGET_DIR/bench-results}"
VENV="$CARGO_TARGET_DIR/bench-venv"
mkdir -p "$OUT"

# PROFILE=profiling builds with line tables and symbols (the same code generation as release),
# so the binaries measured are the ones perf and callgrind read.
PROFILE="${PROFILE:-release}"
[ -n "${SKIP_BUILD:-}" ] || cargo build --profile "$PROFILE" -q -p cadastro-cli -p cadastro-benches
# With CARGO_BUILD_TARGET set, cargo puts the binaries under the target triple's directory.
BIN="${BIN_DIR:-$CARGO_TARGET_DIR/${CARGO_BUILD_TARGET:+$CARGO_BUILD_TARGET/}$PROFILE}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pandas pyarrow python-calamine openpyxl frictionless
fi
PY="$VENV/bin/python"
PEERS="$PWD/benches/peers.py"
# The Python and Node bindings, release builds (BINDINGS=0 skips them): the pyo3 module into
# the bench venv, the napi module next to bindings/node/index.js.
if [ "${BINDINGS:-1}" != 0 ] && [ -z "${SKIP_BUILD:-}" ]; then
  "$VENV/bin/pip" install -q "maturin==1.16.0"
  (cd bindings/python && VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" maturin develop -q --release)
  (cd bindings/node && npm install --no-audit --no-fund --loglevel=error && npx napi build --platform --release)
fi
mapfile -t FILES < <("$BIN/cadastro-bench" gen)
DATA="$(dirname "${FILES[0]}")"
BIG_UTF8="$DATA/customers-$BENCH_ROWS-utf8-v1.csv"
BIG_1252="$DATA/customers-$BENCH_ROWS-cp1252-v1.csv"
SMALL_UTF8="$DATA/customers-100000-utf8-v1.csv"
SMALL_1252="$DATA/customers-100000-cp1252-v1.csv"
XLSX="$DATA/customers-100000-xlsx-v1.xlsx"
# The high-error workload (issue 18): about half the mobile phones legacy or invalid.
BAD_UTF8="$DATA/customers-$BENCH_ROWS-utf8-badphones-v1.csv"
V="$BIN/cadastro validate --profile asaas"

# name|command (a validation that finds errors exits 1: hyperfine -i ignores that).
CASES=(
  # Issue 18's targets: validate --format json against the raw pass and pandas, high- and
  # low-error workloads.
  "csv crate ByteRecord, high-error ${BENCH_ROWS}|$BIN/cadastro-bench csv-raw $BAD_UTF8"
  "cadastro validate --format json, high-error ${BENCH_ROWS}|$V --format json $BAD_UTF8"
  "cadastro validate --format json --whole-file, high-error ${BENCH_ROWS}|$V --format json --whole-file $BAD_UTF8"
  "pandas+pyarrow checks with phones, high-error ${BENCH_ROWS}|$PY $PEERS pandas-phones $BAD_UTF8"
  "cadastro validate --format json, low-error UTF-8 ${BENCH_ROWS}|$V --format json $BIG_UTF8"
  "pandas+pyarrow checks with phones, low-error UTF-8 ${BENCH_ROWS}|$PY $PEERS pandas-phones $BIG_UTF8"
  "csv crate ByteRecord, UTF-8 ${BENCH_ROWS}|$BIN/cadastro-bench csv-raw $BIG_UTF8"
  "cadastro validate, UTF-8 ${BENCH_ROWS}|$V $BIG_UTF8"
  "cadastro validate --whole-file, UTF-8 ${BENCH_ROWS}|$V --whole-file $BIG_UTF8"
  "pandas+pyarrow checks, UTF-8 ${BENCH_ROWS}|$PY $PEERS pandas $BIG_UTF8"
  "csv crate ByteRecord, Windows-1252 ${BENCH_ROWS}|$BIN/cadastro-bench csv-raw $BIG_1252"
  "cadastro validate, Windows-1252 ${BENCH_ROWS}|$V $BIG_1252"
  "pandas+pyarrow checks, Windows-1252 ${BENCH_ROWS}|$PY $PEERS pandas $BIG_1252"
  "csv crate ByteRecord, UTF-8 100k|$BIN/cadastro-bench csv-raw $SMALL_UTF8"
  "cadastro validate, UTF-8 100k|$V $SMALL_UTF8"
  "pandas+pyarrow checks, UTF-8 100k|$PY $PEERS pandas $SMALL_UTF8"
  "frictionless validate, UTF-8 100k|$PY $PEERS frictionless $SMALL_UTF8"
  "cadastro validate, Windows-1252 100k|$V $SMALL_1252"
  # The bindings against the CLI doing the same work: the whole file, the JSON report to stdout.
  "cadastro validate --format json --whole-file, UTF-8 100k|$V --format json --whole-file $SMALL_UTF8"
  "Python binding validate + to_json, UTF-8 100k|$PY benches/hosts/validate.py $SMALL_UTF8"
  "Node binding validate + toJsonBuffer, UTF-8 100k|node benches/hosts/validate.mjs $SMALL_UTF8"
  "calamine worksheet_range, XLSX 100k|$BIN/cadastro-bench calamine-range $XLSX"
  "calamine cells reader, XLSX 100k|$BIN/cadastro-bench calamine-cells $XLSX"
  "cadastro validate, XLSX 100k|$V $XLSX"
  "cadastro validate --format json, XLSX 100k|$V --format json $XLSX"
  "cadastro validate --whole-file, XLSX 100k|$V --whole-file $XLSX"
  "python-calamine, XLSX 100k|$PY $PEERS python-calamine $XLSX"
  "openpyxl read-only, XLSX 100k|$PY $PEERS openpyxl $XLSX"
  "rust_xlsxwriter constant memory, ${BENCH_ROWS} rows|$BIN/cadastro-bench xlsxwriter-raw $BENCH_ROWS $OUT/raw.xlsx"
  "cadastro export XLSX (streamed), ${BENCH_ROWS} customers|$BIN/cadastro-bench export $BENCH_ROWS $OUT/export.xlsx"
  "cadastro export CSV (streamed), ${BENCH_ROWS} customers|$BIN/cadastro-bench export $BENCH_ROWS $OUT/export.csv"
  # Into a fresh store file each run (the bench deletes it first).
  "cadastro import into the store (whole file), UTF-8 ${BENCH_ROWS}|$BIN/cadastro-bench import $BIG_UTF8 $OUT/import.db"
  "cadastro import into the store (streamed), UTF-8 ${BENCH_ROWS}|$BIN/cadastro-bench import-stream $BIG_UTF8 $OUT/import.db"
)
# BASE_BIN=dir: the same validations by another build's `cadastro` (before/after in one run).
if [ -n "${BASE_BIN:-}" ]; then
  B="$BASE_BIN/cadastro validate --profile asaas"
  CASES+=(
    "BASE cadastro validate --format json, high-error ${BENCH_ROWS}|$B --format json $BAD_UTF8"
    "BASE cadastro validate --format json, low-error UTF-8 ${BENCH_ROWS}|$B --format json $BIG_UTF8"
  )
fi
[ -n "${ONLY:-}" ] && mapfile -t CASES < <(printf '%s\n' "${CASES[@]}" | grep -E "$ONLY")

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| case | median s | min-max s | runs | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|"
} > "$OUT/compare.md"
i=0
for case in "${CASES[@]}"; do
  name="${case%%|*}"; cmd="${case#*|}"; i=$((i+1))
  json="$OUT/case-$i.json"
  hyperfine -N -i --warmup 0 --runs "$RUNS" --export-json "$json" --command-name "$name" "$cmd" >/dev/null 2>&1 || true
  /usr/bin/time -f '%M' -o "$OUT/rss" $cmd >/dev/null 2>&1 || true
  rss_kb=$(tail -1 "$OUT/rss")
  python3 - "$json" "$name" "$rss_kb" >> "$OUT/compare.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = sorted(r["times"])
print(f"| {sys.argv[2]} | {r['median']:.3f} | {t[0]:.3f}-{t[-1]:.3f} | {len(t)} | {int(sys.argv[3]) / 1024:.0f} |")
PY
  tail -1 "$OUT/compare.md"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/compare.md"
echo "wrote $OUT/compare.md"
