"""Issue 16 point 1 and issue 17's store points through the Python binding: identity conflicts
(`key_conflict` naming both customers, a dry run equal to the real run), NFC/NFD keys, threads
with one `Store` each importing the same customers (no duplicates), and `NotAStore`."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import cadastro


def cpf(n: int) -> str:
    """A valid CPF (11 digits, both check digits) from a number."""
    d = [int(c) for c in f"{n % 1_000_000_000:09d}"]
    for length in (9, 10):
        r = sum(x * (length + 1 - i) for i, x in enumerate(d)) * 10 % 11
        d.append(0 if r == 10 else r)
    return "".join(map(str, d))


def csv(rows: list[tuple[str, str, str]]) -> bytes:
    lines = ["External ID,Name,Tax ID,Country"] + [f"{i},{n},{t},BR" for i, n, t in rows]
    return ("\n".join(lines) + "\n").encode()


def test_identity_conflicts_are_planned_and_the_dry_run_equals_the_real_run(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "s.db")
    store.import_file(csv([("CLI-001", "Ana", cpf(1)), ("CLI-002", "Bia", cpf(2))]))
    # CLI-001 moves to a free CPF (an update), CLI-003 is new with CLI-002's CPF (a conflict).
    nxt = csv([("CLI-001", "Ana", cpf(3)), ("CLI-003", "Caio", cpf(2))])
    dry = store.import_file(nxt, dry_run=True, locale="pt-BR")
    real = store.import_file(nxt, locale="pt-BR")
    assert [(i.row, i.code) for i in dry.issues] == [(i.row, i.code) for i in real.issues] == [(3, "key_conflict")]
    assert dry.to_dict()["plan"] == real.to_dict()["plan"] == {"created": 0, "updated": 1, "unchanged": 0}
    message = real.issues[0].message
    assert "CLI-002" in message and "CLI-003" in message and "clientes diferentes" in message
    assert (real.stats.customers_valid, real.stats.customers_rejected) == (1, 1)
    stored = {c["external_id"]: c["tax_id"] for c in store.customers()}
    assert stored == {"CLI-001": cpf(3), "CLI-002": cpf(2)}
    # Imported again: nothing is created, nothing is refused as a stale plan.
    again = store.import_file(nxt)
    assert again.to_dict()["plan"] == {"created": 0, "updated": 0, "unchanged": 1}


def test_nfc_and_nfd_names_are_one_customer(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "s.db")
    store.import_file(csv([("", "Jos\u00e9 Lima", "")]))
    report = store.import_file(csv([("", "Jose\u0301 Lima", "")]))
    assert report.to_dict()["plan"] == {"created": 0, "updated": 0, "unchanged": 1}
    report = store.import_file(csv([("Jose\u0301-1", "Z\u00e9", "")]))
    assert report.to_dict()["plan"]["created"] == 1
    report = store.import_file(csv([("Jos\u00e9-1", "Z\u00e9", "")]))
    assert report.to_dict()["plan"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert len(store.customers()) == 2


@pytest.mark.parametrize("kind", ["external_id", "tax_id", "name"])
def test_threads_with_one_store_each_never_duplicate(tmp_path: Path, kind: str) -> None:
    n = 400
    rows = [
        (f"E-{i}", f"Customer {i}", "") if kind == "external_id" else ("", f"Customer {i}", cpf(1000 + i) if kind == "tax_id" else "")
        for i in range(n)
    ]
    data = csv(rows)
    path = tmp_path / "s.db"
    errors: list[BaseException] = []

    def work(stream: bool) -> None:
        try:
            with cadastro.Store(path) as store:
                if stream:
                    store.import_stream(data)
                else:
                    store.import_file(data)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    for _ in ("new", "existing"):
        threads = [threading.Thread(target=work, args=(i % 2 == 1,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        customers = cadastro.Store(path).customers()
        assert len(customers) == n
        keys = [(c.get("external_id"), c.get("tax_id"), c["name"]) for c in customers]
        assert len(set(keys)) == n


def test_another_applications_database_is_not_a_store(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    with pytest.raises(cadastro.NotAStore) as info:
        cadastro.Store(db)
    assert info.value.kind == "not_a_store"
    assert "invoices" in str(info.value)
    assert isinstance(info.value, cadastro.CadastroError)
    assert cadastro.StoreBusy.kind == "store_busy"
