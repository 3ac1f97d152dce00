"""Issue #17 (host concurrency): Python threads, each with its own Store on one store file,
import the same CPF-keyed file (no external id) at once. Every row is accounted for in every
report, no import fails, and the store ends with exactly one customer per CPF.
The "no duplicate customers" half rests on the store's unique customer keys and its planning
under the write lock (issue #17 point 2)."""

from __future__ import annotations

import threading
from pathlib import Path


import cadastro
from gen import customers_csv

ROWS = 1500
THREADS = 4


def test_threads_with_their_own_store_import_one_cpf_file_into_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "clientes.csv"
    path.write_text(customers_csv(ROWS), encoding="utf-8")
    db = tmp_path / "cadastro.db"
    results: list[object] = [None] * THREADS
    barrier = threading.Barrier(THREADS)

    def run(k: int) -> None:
        barrier.wait()
        try:
            with cadastro.Store(db) as store:
                results[k] = store.import_file(path, country="BR")
        except Exception as e:  # noqa: BLE001 - reported by the assertions
            results[k] = e

    threads = [threading.Thread(target=run, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    created = 0
    for r in results:
        assert isinstance(r, cadastro.Report), repr(r)
        assert r.applied is True
        assert r.stats.rows_total == ROWS and r.stats.customers_valid == ROWS
        counts = r.plan.counts
        assert counts["created"] + counts["updated"] + counts["unchanged"] == ROWS, counts
        created += counts["created"]
    with cadastro.Store(db) as store:
        stored = store.customers()
    assert len({c["tax_id"] for c in stored}) == ROWS, "every CPF is stored"
    assert len(stored) == ROWS, f"{len(stored) - ROWS} duplicate customers"
    assert created == ROWS, "each customer was created by exactly one import"
