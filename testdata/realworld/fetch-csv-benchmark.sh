#!/usr/bin/env bash
# Fetches the public CSV dialect benchmarks into one directory, for
# crates/cadastro/tests/csv_benchmark.rs to score (see the README beside this script):
#
#   pollock    POLLOCK as the CSVsniffer evaluation uses it: 148 files (python/CSV)
#   w3c        W3C-CSVW: 221 files of the CSV on the Web test suite (python/W3C-CSVW)
#   wrangling  CSV Wrangling: 179 files of van den Burg et al. 2019 (python/CSV_Wrangling)
#   pollock-full  the whole POLLOCK benchmark: 2,290 polluted files with their parameters
#
# The first three come with their annotations from ws-garcia/CSVsniffer (MIT), the fourth from
# utndatasystems/pollock-offsite (data/polluted_files/{csv,parameters}).
#
# Usage: testdata/realworld/fetch-csv-benchmark.sh [OUT]   (OUT defaults to target/csv-benchmark)
# CSVSNIFFER_GIT and POLLOCK_GIT may name local clones (bare or not) to use instead of cloning.
# Then: CSV_BENCHMARK=OUT cargo test -p cadastro --test csv_benchmark -- --ignored --nocapture
set -eu

OUT=${1:-target/csv-benchmark}
SNIFFER_URL=https://github.com/ws-garcia/CSVsniffer
SNIFFER_COMMIT=bb9c190def6ec1a7efaf7d3a1155a37c1cda8ad9
POLLOCK_URL=https://github.com/utndatasystems/pollock-offsite
POLLOCK_COMMIT=e06059e484c89e5d0f7812016821538179abcf15

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# repo_dir NAME URL COMMIT LOCAL: prints a git dir holding COMMIT (cloned into OUT/.git-NAME
# unless LOCAL is given).
repo_dir() {
    if [ -n "$4" ]; then
        git -C "$4" rev-parse --git-dir >/dev/null
        (cd "$4" && cd "$(git rev-parse --git-dir)" && pwd)
        return
    fi
    dir="$OUT/.git-$1"
    if [ ! -d "$dir" ]; then
        git clone --quiet --bare --filter=blob:none "$2" "$dir" >&2
    fi
    echo "$dir"
}

# extract GITDIR COMMIT PATH DEST: the files under PATH into DEST (flat). A blob the clone
# cannot give (a partial mirror) is skipped and named.
extract() {
    rm -rf "$4"
    mkdir -p "$4"
    git --git-dir="$1" -c core.quotePath=false ls-tree -r --name-only "$2" -- "$3/" |
        while IFS= read -r path; do
            rel=${path#"$3"/}
            mkdir -p "$4/$(dirname "$rel")"
            if ! git --git-dir="$1" cat-file blob "$2:$path" >"$4/$rel" 2>/dev/null; then
                rm -f "$4/$rel"
                echo "skipped (not in the clone): $path" >&2
            fi
        done
}

SNIFFER=$(repo_dir csvsniffer "$SNIFFER_URL" "$SNIFFER_COMMIT" "${CSVSNIFFER_GIT:-}")
for set in pollock:CSV:POLLOCK-dialect_annotations w3c:W3C-CSVW:W3C-CSVW-dialect_annotations \
    wrangling:CSV_Wrangling:CCSV-manual_Dialect_Annotation; do
    name=${set%%:*}
    rest=${set#*:}
    folder=${rest%%:*}
    notes=${rest#*:}
    extract "$SNIFFER" "$SNIFFER_COMMIT" "python/$folder" "$OUT/$name/files"
    git --git-dir="$SNIFFER" show "$SNIFFER_COMMIT:python/ground truth/$notes.txt" >"$OUT/$name/annotations.txt"
    echo "$name: $(ls "$OUT/$name/files" | wc -l) files" >&2
done

POLLOCK=$(repo_dir pollock "$POLLOCK_URL" "$POLLOCK_COMMIT" "${POLLOCK_GIT:-}")
extract "$POLLOCK" "$POLLOCK_COMMIT" data/polluted_files/csv "$OUT/pollock-full/files"
extract "$POLLOCK" "$POLLOCK_COMMIT" data/polluted_files/parameters "$OUT/pollock-full/parameters"
echo "pollock-full: $(ls "$OUT/pollock-full/files" | wc -l) files" >&2
