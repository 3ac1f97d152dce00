#!/usr/bin/env bash
# Makes the LibreOffice- and msoffcrypto-made workbook fixtures ONCE; the outputs are committed
# and CI never runs this (it needs LibreOffice and Python).
#
#   apt-get update && apt-get install -y libreoffice-calc-nogui
#   pip install msoffcrypto-tool
#   bash testdata/scripts/make_office.sh
#
# 1. rust_xlsxwriter writes the xlsx/xlsm fixtures (deterministic): cargo run -p make-testdata
# 2. LibreOffice converts invoiceocean_klienci.xlsx -> .xls (BIFF8) and asaas_clientes.xlsx -> .ods.
#    LibreOffice cannot write xlsb (it has no xlsb export filter), so there is no xlsb fixture.
# 3. msoffcrypto-tool encrypts asaas_clientes.xlsx with the password "cadastro" (agile encryption,
#    a CFB container). Encryption uses a random salt: that file is not byte-reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=testdata/inputs/excel
cargo run -q -p make-testdata -- "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp"  # a throwaway LibreOffice profile
soffice --headless --norestore --convert-to xls:"MS Excel 97" --outdir "$tmp" "$out/invoiceocean_klienci.xlsx" >/dev/null
soffice --headless --norestore --convert-to ods --outdir "$tmp" "$out/asaas_clientes.xlsx" >/dev/null
cp "$tmp/invoiceocean_klienci.xls" "$out/invoiceocean_klienci.xls"
cp "$tmp/asaas_clientes.ods" "$out/asaas_clientes.ods"
python3 - "$out/asaas_clientes.xlsx" "$out/asaas_senha.xlsx" <<'PY'
import sys
import msoffcrypto.format.ooxml as ooxml
with open(sys.argv[1], "rb") as src, open(sys.argv[2], "wb") as dst:
    ooxml.OOXMLFile(src).encrypt("cadastro", dst)
PY
ls -l "$out"
