"""UniFFI, issue #17 what the previous wave left: `Store.open_with_busy_timeout`, reviewed plans
checked row by row (`Store.apply(account, plan, skip_stale)`), and a soak of import dry runs in
one process (RSS checked). Same environment as test_uniffi.py."""

import contextlib
import os
import pathlib
import subprocess
import sys
import textwrap
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = os.environ.get("CADASTRO_UNIFFI_OUT", str(ROOT / "bindings/uniffi/out/python"))
sys.path.insert(0, OUT)

import cadastro_uniffi as cu  # noqa: E402

READERS = os.environ.get("CADASTRO_UNIFFI_READERS") == "1"
needs_readers = pytest.mark.skipif(not READERS, reason="CADASTRO_UNIFFI_READERS is not 1 (readers not merged yet)")
ASAAS = ROOT / "examples/data/clientes-asaas.csv"


@contextlib.contextmanager
def write_lock_held_by_another_process(db):
    """Another process (any SQLite client) takes the store's write lock and keeps it. Not this
    process: POSIX file locks do not conflict within one process, and Python's sqlite3 is another
    SQLite library than the binding's, so they cannot see each other's locks here."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
        "c.execute('ROLLBACK')\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "locked"
        yield
    finally:
        assert p.stdin is not None
        p.stdin.close()
        p.wait(timeout=60)


@needs_readers
def test_busy_timeout_bounds_the_wait_for_another_writer(tmp_path):
    db = tmp_path / "store.db"
    small = cu.Source.BYTES(b"External ID,Name\nS-1,Solo\n")
    cu.Store.open(str(db))  # the schema exists: the waits below are for the write lock only
    with write_lock_held_by_another_process(db):
        writer = cu.Store.open_with_busy_timeout(str(db), 1.5)
        t0 = time.monotonic()
        with pytest.raises(cu.CadastroError.StoreBusy) as info:
            writer.import_file(small, "default")
        waited = time.monotonic() - t0
        assert "retry" in str(info.value)
        assert 1.4 <= waited < 30, waited
        impatient = cu.Store.open_with_busy_timeout(str(db), 0.0)
        t0 = time.monotonic()
        with pytest.raises(cu.CadastroError.StoreBusy):
            impatient.import_file(small, "default")
        assert time.monotonic() - t0 < 1.0
        assert impatient.accounts() == []  # readers are not blocked
    assert writer.import_file(small, "default").applied is True
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(cu.CadastroError.InvalidOptions):
            cu.Store.open_with_busy_timeout(str(db), bad)


@needs_readers
def test_stale_rows_are_named_and_skip_stale_writes_the_rest(tmp_path):
    store = cu.Store.open(str(tmp_path / "store.db"))
    text = ASAAS.read_text(encoding="utf-8")
    opts = cu.ImportOptions(profile="asaas")
    store.import_file(cu.Source.PATH(str(ASAAS)), "default", opts)
    find = lambda ext: next(c for c in store.customers("default") if c.external_id == ext)  # noqa: E731
    old_email = find("CLI-001").email
    edited = text.replace(";Belo Horizonte;", ";Contagem;")
    review_text = edited.replace(old_email, "novo@example.com")
    assert review_text != edited
    review = store.import_file(cu.Source.BYTES(review_text.encode()), "default", opts, dry_run=True)
    assert review.plan.counts().updated == 2
    rows = {e.customer.external_id: list(e.customer.rows) for e in review.plan.entries}
    # Meanwhile another import moves CLI-003 to Betim.
    store.import_file(cu.Source.BYTES(text.replace(";Belo Horizonte;", ";Betim;").encode()), "default", opts)

    with pytest.raises(cu.CadastroError.StalePlan) as info:
        store.apply("default", review.plan)
    assert f"changed since the plan was made: row {rows['CLI-003'][0]}" in str(info.value)
    assert find("CLI-001").email == old_email, "nothing written"

    out = store.apply("default", review.plan, skip_stale=True)
    w = out.written
    assert (w.created, w.updated, w.unchanged) == (0, 1, review.plan.counts().unchanged)
    assert [(s.rows, s.action, s.reason) for s in out.stale] == [(rows["CLI-003"], "update", "changed")]
    assert out.stale[0].id is not None
    assert find("CLI-003").city == "Betim", "the other writer kept its change"
    assert find("CLI-001").email == "novo@example.com", "the fresh entry was written"
    assert [s.reason for s in store.apply("default", review.plan, skip_stale=True).stale] == ["changed", "changed"]


SOAK = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {out!r})
    import cadastro_uniffi as cu

    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096

    rows = ["Nome;CPF/CNPJ;Email;Cidade"]
    for i in range({rows}):
        base = [int(d) for d in f"{{100000000 + i * 7919:09d}}"]
        d1 = sum(v * w for v, w in zip(base, range(10, 1, -1))) * 10 % 11 % 10
        d2 = sum(v * w for v, w in zip(base + [d1], range(11, 1, -1))) * 10 % 11 % 10
        cpf = "".join(map(str, base + [d1, d2]))
        email = f"c{{i}}@example.com" if i % 10 else f"c{{i}} at example.com"
        rows.append(f"Cliente {{i}};{{cpf}};{{email}};Recife")
    data = cu.Source.BYTES(("\\r\\n".join(rows) + "\\r\\n").encode())
    store = cu.Store.open({db!r})
    opts = cu.ImportOptions(country="BR")
    store.import_file(data, "default", opts)
    samples = []
    for i in range(1, {calls} + 1):
        if i % 2:
            result = store.import_file(data, "default", opts, dry_run=True)
            assert result.applied is False and len(result.plan.entries) == result.report.stats.customers_valid
        else:
            report = cu.validate(data, opts)
            assert report.stats.rows_total == {rows}
        if i % 50 == 0:
            samples.append(rss())
    print(" ".join(str(s) for s in samples))
    """
)


@needs_readers
def test_soak_import_dry_runs_keep_rss_flat(tmp_path):
    """Thousands of calls in one process (import dry runs against a full account, validations):
    the records are copied out and the native results freed at once, so RSS stays flat."""
    calls = int(os.environ.get("SOAK_CALLS", "1000"))
    script = SOAK.format(out=OUT, rows=200, calls=calls, db=str(tmp_path / "soak.db"))
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    samples = [int(s) for s in r.stdout.split()]
    warm = samples[len(samples) // 5 - 1]
    tail = max(samples[-(len(samples) // 5) :])
    print(f"uniffi soak: {calls} calls in {time.monotonic() - t0:.1f} s; RSS {[s // 1_000_000 for s in samples]} MB")
    assert tail - warm < 32e6, f"RSS grew from {warm // 1_000_000} MB to {tail // 1_000_000} MB"
    assert (tail - warm) / (calls * 0.8) < 8_000, "bytes per call"
