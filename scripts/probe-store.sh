#!/usr/bin/env bash
# The scripted store probes of issue 17 ("Done when"), run ROUNDS times each against the
# `cadastro` binary (CADASTRO, default target/<triple>/debug/cadastro):
#   1. two streamed imports (different customers) into a new store: both succeed, none lost;
#   2. two first opens: two processes import at once into a new store: both succeed;
#   3. four concurrent CPF-keyed imports of one 5,000-row file: 5,000 customers, no duplicate;
#   4. NFC/NFD names: the same name in NFC then NFD is one customer;
#   5. a FIFO as input (no writer on the other end): `validate`, `import` and `import --stream`
#      refuse it with exit 2 within 20 s instead of blocking;
#   6. /dev/zero as input under a 1 GiB address-space cap (`ulimit -v`): refused with exit 2
#      within 20 s instead of being read until memory runs out.
# Prints one line per probe with its pass count; exits 1 when any round failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-10}
TRIPLE=${CARGO_BUILD_TARGET:-$(rustc -vV | sed -n 's/^host: //p')}
CADASTRO=${CADASTRO:-${CARGO_TARGET_DIR:-target}/$TRIPLE/debug/cadastro}
[ -x "$CADASTRO" ] || { echo "no binary at $CADASTRO (cargo build -p cadastro-cli)"; exit 2; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# gen KIND FROM N FILE: a generic-profile CSV (External ID, Name, Tax ID, Country) with valid CPFs.
gen() {
  python3 - "$@" <<'EOF'
import sys
kind, start, n, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def cpf(k):
    d = [int(c) for c in f"{k % 1_000_000_000:09d}"]
    for length in (9, 10):
        r = sum(x * (length + 1 - i) for i, x in enumerate(d)) * 10 % 11
        d.append(0 if r == 10 else r)
    return "".join(map(str, d))
with open(path, "w", encoding="utf-8") as f:
    f.write("External ID,Name,Tax ID,Country\n")
    for i in range(start, start + n):
        if kind == "id":
            f.write(f"E-{i},Customer {i},,BR\n")
        else:
            f.write(f",Customer {i},{cpf(1000 + i)},BR\n")
EOF
}
count() { "$CADASTRO" export "$W/out.csv" --db "$1" >/dev/null 2>&1 && echo $(($(wc -l <"$W/out.csv") - 1)); }

gen id 0 2000 "$W/a.csv"; gen id 2000 2000 "$W/b.csv"; gen cpf 0 5000 "$W/cpf.csv"; gen id 0 3 "$W/tiny.csv"
printf 'Name\nJos\xc3\xa9 Lima\n' >"$W/nfc.csv"
printf 'Name\nJose\xcc\x81 Lima\n' >"$W/nfd.csv"
fail=0
p1=0 p2=0 p3=0 p4=0 p5=0 p6=0
mkfifo "$W/fifo.csv"
for r in $(seq "$ROUNDS"); do
  rm -f "$W"/*.db*
  "$CADASTRO" import "$W/a.csv" --db "$W/s1.db" --stream >/dev/null & x=$!
  "$CADASTRO" import "$W/b.csv" --db "$W/s1.db" --stream >/dev/null & y=$!
  if wait $x && wait $y && [ "$(count "$W/s1.db")" = 4000 ]; then p1=$((p1 + 1)); else fail=1; fi

  "$CADASTRO" import "$W/tiny.csv" --db "$W/s2.db" >/dev/null & x=$!
  "$CADASTRO" import "$W/tiny.csv" --db "$W/s2.db" >/dev/null & y=$!
  if wait $x && wait $y && [ "$(count "$W/s2.db")" = 3 ]; then p2=$((p2 + 1)); else fail=1; fi

  pids=()
  for i in 1 2 3 4; do
    if [ $((i % 2)) = 0 ]; then s=--stream; else s=; fi
    "$CADASTRO" import "$W/cpf.csv" --db "$W/s3.db" $s >/dev/null & pids+=($!)
  done
  ok=1
  for p in "${pids[@]}"; do wait "$p" || ok=0; done
  if [ $ok = 1 ] && [ "$(count "$W/s3.db")" = 5000 ] \
     && [ "$(cut -d, -f7 "$W/out.csv" | sort | uniq -d | wc -l)" = 0 ]; then p3=$((p3 + 1)); else fail=1; fi

  "$CADASTRO" import "$W/nfc.csv" --db "$W/s4.db" >/dev/null
  "$CADASTRO" import "$W/nfd.csv" --db "$W/s4.db" >/dev/null
  if [ "$(count "$W/s4.db")" = 1 ]; then p4=$((p4 + 1)); else fail=1; fi

  ok=1
  for args in "validate" "import --db $W/s5.db" "import --db $W/s5.db --stream"; do
    rc=0; timeout 20 "$CADASTRO" $args "$W/fifo.csv" >/dev/null 2>"$W/err" || rc=$?
    [ $rc = 2 ] && grep -q "not a regular file" "$W/err" || ok=0
  done
  if [ $ok = 1 ]; then p5=$((p5 + 1)); else fail=1; fi

  ok=1
  for args in "validate" "import --db $W/s6.db --dry-run" "import --db $W/s6.db --stream"; do
    rc=0; (ulimit -v 1048576; timeout 20 "$CADASTRO" $args /dev/zero >/dev/null 2>"$W/err") || rc=$?
    [ $rc = 2 ] && grep -q "not a regular file" "$W/err" || ok=0
  done
  if [ $ok = 1 ]; then p6=$((p6 + 1)); else fail=1; fi
done
echo "two streamed imports into a new store: $p1/$ROUNDS"
echo "two first opens (concurrent imports into a new store): $p2/$ROUNDS"
echo "four concurrent CPF-keyed imports (5,000 rows): $p3/$ROUNDS"
echo "NFC then NFD name: $p4/$ROUNDS"
echo "a FIFO as input (validate, import, import --stream): $p5/$ROUNDS"
echo "/dev/zero as input under a 1 GiB memory cap: $p6/$ROUNDS"
exit $fail
