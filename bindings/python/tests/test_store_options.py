"""Issue #17, what the previous wave left: the store's busy timeout as an option of
`Store(path, busy_timeout=...)`, and reviewed plans checked row by row
(`apply(plan, account, skip_stale=True)`)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

import cadastro

from conftest import EXAMPLE_CSV


@contextlib.contextmanager
def write_lock_held_by_another_process(db: Path) -> Iterator[None]:
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


def test_busy_timeout_bounds_the_wait_for_another_writer(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    small = tmp_path / "small.csv"
    small.write_text("External ID,Name\nS-1,Solo\n", encoding="utf-8")
    cadastro.Store(db).close()  # the schema exists: the waits below are for the write lock only
    with write_lock_held_by_another_process(db):
        writer = cadastro.Store(db, busy_timeout=1.5)
        t0 = time.monotonic()
        with pytest.raises(cadastro.StoreBusy) as info:
            writer.import_file(small)
        waited = time.monotonic() - t0
        assert info.value.kind == "store_busy"
        assert "retry" in str(info.value)
        assert 1.4 <= waited < 30, waited
        impatient = cadastro.Store(db, busy_timeout=0)
        t0 = time.monotonic()
        with pytest.raises(cadastro.StoreBusy):
            impatient.import_file(small)
        assert time.monotonic() - t0 < 1.0
        assert impatient.accounts() == []  # readers are not blocked
    # A new store's first open creates the schema under the write lock: it waits too.
    fresh = tmp_path / "fresh.db"
    fresh.touch()
    with write_lock_held_by_another_process(fresh):
        t0 = time.monotonic()
        with pytest.raises(cadastro.StoreBusy):
            cadastro.Store(fresh, busy_timeout=0.3)
        assert 0.25 <= time.monotonic() - t0 < 20
    cadastro.Store(fresh, busy_timeout=0.3).close()
    assert writer.import_file(small).applied is True
    assert len(writer.customers()) == 1
    writer.close()
    impatient.close()


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_bad_busy_timeouts_are_invalid_options(tmp_path: Path, bad: float) -> None:
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.Store(tmp_path / "store.db", busy_timeout=bad)
    with pytest.raises(TypeError):
        cadastro.Store(tmp_path / "store.db", busy_timeout="soon")  # type: ignore[arg-type]
    cadastro.Store(tmp_path / "store.db", busy_timeout=1e12).close()  # longer than SQLite's range


def test_stale_rows_are_named_and_skip_stale_writes_the_rest(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "store.db")
    text = EXAMPLE_CSV.read_text(encoding="utf-8")
    store.import_file(EXAMPLE_CSV, profile="asaas")
    find = lambda ext: next(c for c in store.customers() if c["external_id"] == ext)  # noqa: E731
    old_email = find("CLI-001")["email"]
    # Reviewed: CLI-003 moves to Contagem and CLI-001 gets a new e-mail.
    edited = text.replace(";Belo Horizonte;", ";Contagem;")
    review_text = edited.replace(old_email, "novo@example.com")
    assert review_text != edited
    review = store.import_file(review_text.encode(), profile="asaas", dry_run=True)
    assert review.plan is not None and review.plan.counts["updated"] == 2
    rows = {e["customer"]["external_id"]: e["customer"]["rows"] for e in review.plan.entries}
    # Meanwhile another import moves CLI-003 to Betim.
    store.import_file(text.replace(";Belo Horizonte;", ";Betim;").encode(), profile="asaas")

    with pytest.raises(cadastro.StalePlan) as info:
        store.apply(review.plan)
    assert f"changed since the plan was made: row {rows['CLI-003'][0]}" in str(info.value)
    assert find("CLI-001")["email"] == old_email, "nothing written"

    out = store.apply(review.plan, skip_stale=True)
    assert (out["created"], out["updated"], out["unchanged"]) == (0, 1, review.plan.counts["unchanged"])
    assert len(out["stale"]) == 1
    stale = out["stale"][0]
    assert isinstance(stale["id"], str)
    assert {k: v for k, v in stale.items() if k != "id"} == {
        "rows": rows["CLI-003"],
        "action": "update",
        "reason": "changed",
    }
    assert find("CLI-003")["city"] == "Betim", "the other writer kept its change"
    assert find("CLI-001")["email"] == "novo@example.com", "the fresh entry was written"
    # Applied again: its remaining update is stale now too.
    assert [s["reason"] for s in store.apply(review.plan, skip_stale=True)["stale"]] == ["changed", "changed"]
    store.close()
