#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from testdata/ (the corpora themselves are not committed).
# Idempotent: copies are named after their content hash, so re-running adds nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."
seed() {  # seed TARGET FILE...
  local dir=fuzz/corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(stat -c %s "$f")" -le 1048576 ] || continue   # libFuzzer -max_len; big files only slow it
    cp "$f" "$dir/$(sha1sum "$f" | cut -c1-40)"
  done
}
csv=(testdata/inputs/csv/*.csv testdata/hostile/*.csv testdata/golden/*.csv)
books=(testdata/inputs/excel/* testdata/hostile/*.xls* testdata/hostile/*.ods examples/data/*.xls*)
seed read_bytes "${csv[@]}" "${books[@]}"
seed workbook "${books[@]}"
seed pipeline "${csv[@]}" "${books[@]}"
# Mapping: the header line of every CSV; validators: every input of the table-driven cases.
mkdir -p fuzz/corpus/mapping fuzz/corpus/validators
for f in testdata/inputs/csv/*.csv; do
  head -n 3 "$f" | tr ';,|\t' '\n\n\n\n' > "fuzz/corpus/mapping/$(basename "$f").txt"
done
python3 - <<'PY'
import glob, hashlib, json, os
n = 0
for path in glob.glob("testdata/cases/*.json"):
    try:
        cases = json.load(open(path, encoding="utf-8")).get("cases", [])
    except Exception:
        continue
    for case in cases:
        if not isinstance(case, dict) or "input" not in case:
            continue
        data = str(case["input"]).encode("utf-8")
        for sel in (0, 1, 2):  # no country, BR, PL
            blob = bytes([sel]) + data
            with open("fuzz/corpus/validators/" + hashlib.sha1(blob).hexdigest(), "wb") as fh:
                fh.write(blob)
            n += 1
print(f"validators: {n} seeds")
PY
for t in fuzz/corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) files"; done
