#!/usr/bin/env bash
# Fetches the test workbooks of public spreadsheet libraries into one directory, for
# crates/cadastro/tests/workbook_benchmark.rs to tally (see workbooks/README.md):
#
#   calamine      tafia/calamine            tests/                       MIT
#   poi           apache/poi                test-data/                   Apache-2.0
#   xlrd          python-excel/xlrd         tests/samples/               BSD
#   sheetjs       SheetJS/test_files        (whole repository)           Apache-2.0 (README)
#   phpspreadsheet PHPOffice/PhpSpreadsheet tests/data/, samples/        MIT
#   closedxml     ClosedXML/ClosedXML       ClosedXML.Tests/Resource/    MIT
#   rust_xlsxwriter jmcnamara/rust_xlsxwriter tests/input/ (Excel-made)  MIT OR Apache-2.0
#
# Every .xlsx .xlsm .xltx .xltm .xlsb .xls .ods file of those folders, up to 20 MB, at a
# pinned commit, keeps its path: OUT/<source>/<path in the repository>. Nothing is committed
# from OUT (a sample with its licence is in workbooks/).
#
# Usage: testdata/realworld/fetch-workbooks.sh [OUT]   (OUT defaults to target/workbook-corpus)
# <SOURCE>_GIT (CALAMINE_GIT, POI_GIT, XLRD_GIT, SHEETJS_GIT, PHPSPREADSHEET_GIT, CLOSEDXML_GIT,
# RUST_XLSXWRITER_GIT) may name a local clone (bare or not) to use instead of cloning.
# Then annotate with other readers (openpyxl, xlrd, pyxlsb, odfpy) and tally:
#   python -m venv /tmp/v && /tmp/v/bin/pip install openpyxl xlrd==2.0.1 odfpy pyxlsb
#   /tmp/v/bin/python testdata/scripts/annotate_workbooks.py --oracle OUT > OUT/oracle.jsonl
#   WORKBOOK_CORPUS=OUT cargo test -p cadastro --test workbook_benchmark -- --ignored --nocapture
set -eu

OUT=${1:-target/workbook-corpus}
MAX_BYTES=20000000
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# name url commit path...
SOURCES='
calamine https://github.com/tafia/calamine 263762c8e98ef25da8511d9c5ea1783493e3bf6d tests
poi https://github.com/apache/poi a528d43590b3f71aa94310de881a35af887fdd0f test-data
xlrd https://github.com/python-excel/xlrd 3a19d22014d7b3f3041b7188d21a653c18c709bf tests/samples
sheetjs https://github.com/SheetJS/test_files fb4bdf0158ba308c182f82663b61607bb79cd4b5 .
phpspreadsheet https://github.com/PHPOffice/PhpSpreadsheet 11645d54ac203be6693309f0cd5153a4dfbf3761 tests/data samples
closedxml https://github.com/ClosedXML/ClosedXML f77503d58e0edaefea5108739548d1568fe377e6 ClosedXML.Tests/Resource
rust_xlsxwriter https://github.com/jmcnamara/rust_xlsxwriter c50e48fd69ef062be3a7378b8c44d34deb7ca61d tests/input
'

# repo_dir NAME URL LOCAL: prints a git dir (cloned into OUT/.git-NAME unless LOCAL is given).
repo_dir() {
    if [ -n "$3" ]; then
        (cd "$3" && cd "$(git rev-parse --git-dir)" && pwd)
        return
    fi
    dir="$OUT/.git-$1"
    if [ ! -d "$dir" ]; then
        git clone --quiet --bare --filter=blob:none "$2" "$dir" >&2
    fi
    echo "$dir"
}

echo "$SOURCES" | while read -r name url commit paths; do
    [ -n "$name" ] || continue
    var=$(echo "$name" | tr '[:lower:]' '[:upper:]')_GIT
    gitdir=$(repo_dir "$name" "$url" "${!var:-}")
    rm -rf "${OUT:?}/$name"
    mkdir -p "$OUT/$name"
    # shellcheck disable=SC2086 # paths is a list
    git --git-dir="$gitdir" -c core.quotePath=false ls-tree -r -l "$commit" -- $paths |
        while IFS=$'\t' read -r meta path; do
            size=$(echo "$meta" | awk '{print $4}')
            case "$(echo "$path" | tr '[:upper:]' '[:lower:]')" in
            *.xlsx | *.xlsm | *.xltx | *.xltm | *.xlsb | *.xls | *.ods) ;;
            *) continue ;;
            esac
            case "$size" in
            *[!0-9]*) echo "skipped (not in the clone): $name/$path" >&2; continue ;;
            esac
            [ "$size" -le "$MAX_BYTES" ] || { echo "skipped (over 20 MB): $name/$path" >&2; continue; }
            mkdir -p "$OUT/$name/$(dirname "$path")"
            if ! git --git-dir="$gitdir" cat-file blob "$commit:$path" >"$OUT/$name/$path" 2>/dev/null; then
                rm -f "$OUT/$name/$path"
                echo "skipped (not in the clone): $name/$path" >&2
            fi
        done
    echo "$name: $(find "$OUT/$name" -type f | wc -l) files" >&2
done
