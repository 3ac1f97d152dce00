"""The Python binding on a file, as `cadastro validate --format json --whole-file` does it:
validate the whole file, write the JSON report to stdout (benches/compare.sh)."""

import sys

import cadastro

report = cadastro.validate(sys.argv[1], profile="asaas")
sys.stdout.write(report.to_json())
sys.stdout.write("\n")
