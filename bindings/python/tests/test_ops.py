"""The later operations: the import plan against a lookup the host passes, the embedded store,
export and templates, store/lookup errors, and the progress callback."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

import cadastro

from conftest import EXAMPLE_CSV, TESTDATA, run_cli

pytestmark = pytest.mark.needs_readers


def asaas_report() -> cadastro.Report:
    return cadastro.validate(EXAMPLE_CSV, profile="asaas")


def without_rows(customers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Customers as stored: no file rows, contact rows 0."""
    out = []
    for c in customers:
        c = dict(c, rows=[])
        c["contacts"] = [dict(k, row=0) for k in c.get("contacts", [])]
        out.append(c)
    return out


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The example file with one value changed in the CLI-001 row."""
    lines = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    out = [line.replace(old, new, 1) if line.startswith("CLI-001;") else line for line in lines]
    assert out != lines
    path = tmp_path / "edited.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


# --- the embedded store -------------------------------------------------------------------


def test_import_twice_the_second_is_all_unchanged(tmp_path: Path) -> None:
    with cadastro.Store(tmp_path / "c.db") as store:
        first = store.import_file(EXAMPLE_CSV, profile="asaas")
        valid = first.stats.customers_valid
        assert valid > 0 and first.applied is True
        assert first.plan is not None
        assert first.plan.counts == {"created": valid, "updated": 0, "unchanged": 0}
        assert first.to_dict()["plan"] == first.plan.counts
        assert store.accounts() == ["default"]
        assert len(store.customers()) == valid
        second = store.import_file(EXAMPLE_CSV, profile="asaas")
        assert second.plan is not None
        assert second.plan.counts == {"created": 0, "updated": 0, "unchanged": valid}
        assert second.plan.is_noop and second.plan.changes == []
        assert len(second.plan) == valid
        assert without_rows(first.customers) == store.customers()


def test_import_json_is_the_clis(tmp_path: Path, cli: Path) -> None:
    ours = cadastro.Store(tmp_path / "py.db").import_file(EXAMPLE_CSV, "acme", profile="asaas")
    proc = run_cli(cli, "import", EXAMPLE_CSV, "--profile", "asaas", "--db", tmp_path / "cli.db",
                   "--account", "acme", "--format", "json")
    # The CLI re-serializes through serde_json::Value (keys sorted): equal as JSON values.
    assert json.loads(ours.to_json()) == json.loads(proc.stdout)
    assert ours.to_dict()["plan"] == {"created": ours.stats.customers_valid, "updated": 0, "unchanged": 0}


def test_edit_one_city_gives_one_update_with_the_diff(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "c.db")
    valid = store.import_file(EXAMPLE_CSV, profile="asaas").stats.customers_valid
    report = store.import_file(edited_copy(tmp_path, ";São Paulo;", ";Campinas;"), profile="asaas")
    plan = report.plan
    assert plan is not None
    assert plan.counts == {"created": 0, "updated": 1, "unchanged": valid - 1}
    [change] = plan.changes
    assert change["action"] == "update"
    assert change["key"] == {"by": "external_id", "value": "CLI-001"}
    assert change["existing"]["matched_by"] == "external_id"
    assert change["diff"]["fields"] == [{"field": "city", "old": "São Paulo", "new": "Campinas"}]
    stored = {c["external_id"]: c for c in store.customers()}
    assert stored["CLI-001"]["city"] == "Campinas"
    assert json.loads(plan.to_json()) == plan.to_dict() == {"entries": plan.entries}


def test_dry_run_and_atomic_write_nothing(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "c.db")
    dry = store.import_file(EXAMPLE_CSV, "acme", profile="asaas", dry_run=True)
    assert dry.applied is False and dry.plan is not None and dry.plan.counts["created"] > 0
    assert store.accounts() == []
    # The example file has rejected rows: atomic refuses it, the default writes the valid ones.
    atomic = store.import_file(EXAMPLE_CSV, "acme", profile="asaas", atomic=True)
    assert atomic.has_errors and atomic.applied is False
    assert store.accounts() == []
    written = store.import_file(EXAMPLE_CSV, "acme", profile="asaas")
    assert written.applied is True
    assert len(store.customers("acme")) == written.stats.customers_valid
    with pytest.raises(cadastro.UnknownAccount):
        store.customers("default")


def test_a_reviewed_dry_run_plan_is_applied_later(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "c.db")
    dry = store.import_file(EXAMPLE_CSV, "acme", profile="asaas", dry_run=True)
    assert dry.plan is not None
    saved = dry.plan.to_json()
    plan = cadastro.Plan.from_json(saved)  # stored, reviewed, loaded back
    assert plan.to_json() == saved
    assert store.apply(plan, "acme") == dry.plan.counts
    assert without_rows(dry.customers) == store.customers("acme")
    # Applied twice: its creates now collide with stored keys; nothing is written.
    with pytest.raises(cadastro.StalePlan) as info:
        store.apply(plan, "acme")
    assert info.value.kind == "stale_plan"
    assert len(store.customers("acme")) == dry.stats.customers_valid
    # Plans made against another base: an id that is not a store id, or one it does not hold.
    known = dict(dry.customers[0], rows=[], email="old@example.com")
    with pytest.raises(cadastro.InvalidPlan) as bad:
        store.apply(cadastro.plan(dry, [{"id": "abc", "customer": known}]), "acme")
    assert bad.value.kind == "invalid_plan"
    with pytest.raises(cadastro.StalePlan):
        store.apply(cadastro.plan(dry, [{"id": 999, "customer": known}]), "acme")
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.Plan.from_json("{}")


def test_store_export_then_revalidate_gives_the_same_customers(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "c.db")
    store.import_file(EXAMPLE_CSV, profile="asaas")
    stored = store.customers()
    for name in ("out.csv", "out.xlsx"):
        stats = store.export(tmp_path / name, profile="asaas")
        assert stats["customers"] == len(stored)
        again = cadastro.validate(tmp_path / name, profile="asaas")
        assert not again.has_errors
        assert without_rows(again.customers) == stored


def test_store_groups_and_one_group_export(tmp_path: Path) -> None:
    store = cadastro.Store(tmp_path / "c.db")
    report = store.import_file(EXAMPLE_CSV, profile="asaas")
    groups = sorted({c["group"] for c in report.customers if "group" in c})
    assert len(groups) >= 2 and store.groups() == groups
    group = groups[0]
    members = [c for c in store.customers() if c.get("group") == group]
    assert store.customers(group=group) == members
    stats = store.export(tmp_path / "g.csv", group=group, profile="asaas")
    assert stats["customers"] == len(members) > 0
    assert without_rows(cadastro.validate(tmp_path / "g.csv", profile="asaas").customers) == members


def test_store_import_from_bytes_and_progress(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    store = cadastro.Store.in_memory()
    assert store.path is None
    report = store.import_file(EXAMPLE_CSV.read_bytes(), profile="asaas", progress=lambda d, t: calls.append((d, t)))
    total = report.stats.rows_total
    assert calls[0] == (0, total) and calls[-1] == (total, total)


def test_store_errors(tmp_path: Path) -> None:
    not_a_db = tmp_path / "x.db"
    not_a_db.write_bytes(b"this is not a database file, not at all" * 100)
    with pytest.raises(cadastro.StoreError) as info:
        cadastro.Store(not_a_db)
    assert info.value.kind == "store_error"
    newer = tmp_path / "newer.db"
    cadastro.Store(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 9999")
    with pytest.raises(cadastro.StoreTooNew) as too_new:
        cadastro.Store(newer)
    assert too_new.value.kind == "store_too_new"
    store = cadastro.Store(tmp_path / "ok.db")
    with pytest.raises(cadastro.UnknownAccount) as unknown:
        store.groups("nobody")
    assert unknown.value.kind == "unknown_account" and isinstance(unknown.value, cadastro.CadastroError)
    with pytest.raises(cadastro.InvalidAccount):
        store.create_account("   ")
    store.create_account("acme")
    assert store.accounts() == ["acme"] and store.customers("acme") == []
    with pytest.raises(cadastro.EmptyFile):
        store.import_file(b"", "acme")
    with pytest.raises(cadastro.InvalidOptions):
        store.export(tmp_path / "out.ods", "acme")
    store.close()
    store.close()
    with pytest.raises(cadastro.StoreClosed, match="closed"):
        store.accounts()
    with pytest.raises(cadastro.StoreClosed, match="closed"):
        store.import_file(EXAMPLE_CSV)


# --- the plan against the host's lookup ---------------------------------------------------


def test_a_host_lookup_that_knows_one_customer_gives_one_update() -> None:
    report = asaas_report()
    known = dict(report.customers[0], rows=[], email="old@example.com")
    batches: list[list[dict[str, str]]] = []

    def lookup(keys: list[dict[str, str]]) -> list[dict[str, Any]]:
        batches.append(keys)
        wanted = {(k["by"], k["value"]) for k in keys}
        hit = ("external_id", known["external_id"]) in wanted
        return [{"id": 42, "revision": 3, "customer": known}] if hit else []

    plan = cadastro.plan(report, lookup, batch_size=2)
    valid = report.stats.customers_valid
    assert plan.counts == {"created": valid - 1, "updated": 1, "unchanged": 0}
    [update] = [e for e in plan.entries if e["action"] == "update"]
    assert update["existing"] == {"id": "42", "revision": 3, "matched_by": "external_id"}
    assert update["diff"]["fields"] == [
        {"field": "email", "old": "old@example.com", "new": report.customers[0]["email"]}
    ]
    # Batched: every key a dict {"by", "value"}, never more than batch_size per call.
    assert len(batches) > 1 and all(0 < len(b) <= 2 for b in batches)
    assert {k["by"] for b in batches for k in b} <= {"external_id", "tax_id", "name"}
    # The same base given as a list, and plain customer dicts instead of the report.
    base = [{"id": "42", "revision": 3, "customer": known}]
    same = cadastro.plan(report.customers, base, profile="asaas")
    assert same.to_json() == plan.to_json()


def test_plan_against_an_empty_base_creates_everything() -> None:
    report = asaas_report()
    plan = cadastro.plan(report, lambda keys: [])
    assert plan.counts["created"] == report.stats.customers_valid
    assert [e["customer"] for e in plan.entries] == report.customers
    assert cadastro.plan([], lambda keys: []).counts == {"created": 0, "updated": 0, "unchanged": 0}


def test_a_failing_host_lookup_is_lookup_failed_with_its_cause() -> None:
    boom = ConnectionError("database down")

    def lookup(keys: list[dict[str, str]]) -> list[dict[str, Any]]:
        raise boom

    with pytest.raises(cadastro.LookupFailed) as info:
        cadastro.plan(asaas_report(), lookup)
    assert info.value.kind == "lookup_failed"
    assert isinstance(info.value, cadastro.CadastroError)
    assert info.value.__cause__ is boom
    assert "ConnectionError" in str(info.value)
    # The same through validate (parents resolved in the host's base).
    with pytest.raises(cadastro.LookupFailed):
        cadastro.validate(b"external_id,name,parent_id\nS-1,Sub,H-1\n", lookup=lookup)


def test_an_interrupt_in_the_lookup_propagates_as_itself() -> None:
    def lookup(keys: list[dict[str, str]]) -> list[dict[str, Any]]:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cadastro.plan(asaas_report(), lookup)


@pytest.mark.parametrize(
    "answer",
    [None, [{"id": "1"}], [{"id": "1", "customer": {"no_such_field": "x"}}], [object()]],
)
def test_a_wrong_lookup_answer_is_lookup_failed(answer: Any) -> None:
    with pytest.raises(cadastro.LookupFailed) as info:
        cadastro.plan(asaas_report(), lambda keys: answer)
    assert isinstance(info.value.__cause__, TypeError)


def test_plan_argument_errors() -> None:
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.plan([{"no_such_field": 1}], [])
    with pytest.raises(TypeError):
        cadastro.plan({"name": "x"}, [])
    with pytest.raises(TypeError):
        cadastro.plan([], 42)
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.plan([], [], batch_size=0)


def test_validate_resolves_parents_in_the_host_base() -> None:
    data = b"external_id,name,parent_id\nS-1,Sub Ltd,H-1\n"
    assert [i.code for i in cadastro.validate(data).issues] == ["unknown_parent"]
    seen: list[list[dict[str, str]]] = []

    def lookup(keys: list[dict[str, str]]) -> list[dict[str, Any]]:
        seen.append(keys)
        return [{"id": "9", "customer": {"external_id": "H-1", "name": "Holding"}}]

    report = cadastro.validate(data, lookup=lookup)
    assert report.issues == [] and report.stats.customers_valid == 1
    assert seen == [[{"by": "external_id", "value": "H-1"}]]


# --- export and templates -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_export_then_revalidate_gives_the_same_customers(tmp_path: Path, name: str) -> None:
    report = asaas_report()
    stats = cadastro.export(report.customers, tmp_path / name, profile="asaas")
    assert stats == {"customers": report.stats.customers_valid, "lines": report.stats.customers_valid}
    again = cadastro.validate(tmp_path / name, profile="asaas")
    assert without_rows(again.customers) == without_rows(report.customers)
    # A Report is accepted as it is.
    cadastro.export(report, tmp_path / ("r-" + name), "asaas")
    assert without_rows(cadastro.validate(tmp_path / ("r-" + name), profile="asaas").customers) == without_rows(
        report.customers
    )


def test_export_group_and_csv_options(tmp_path: Path) -> None:
    report = asaas_report()
    group = report.customers[0]["group"]
    out = tmp_path / "g.csv"
    stats = cadastro.export(report.customers, out, "generic", group.upper(), delimiter="\t", bom=False, line_ending="lf")
    assert stats["customers"] == sum(1 for c in report.customers if c.get("group") == group)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw and b"\t" in raw.splitlines()[0]
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.export(report, out, line_ending="cr")
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.export(report, out, delimiter=";;")
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.export(report, tmp_path / "out.pdf")


@pytest.mark.parametrize("profile", cadastro.Profile.builtin_names())
def test_template_has_the_profiles_headers(tmp_path: Path, profile: str) -> None:
    cadastro.template(tmp_path / "t.csv", profile)
    cadastro.template(tmp_path / "t.xlsx", profile=cadastro.Profile(profile))
    csv_headers = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        names = z.namelist()
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert "xl/worksheets/sheet1.xml" in names
    headers = [c["header"] for c in cadastro.inspect(tmp_path / "t.xlsx").columns]
    assert headers == [c["header"] for c in cadastro.Profile(profile).columns]
    delimiter = ";" if ";" in csv_headers else ","
    assert csv_headers.split(delimiter) == headers
    assert all(h.replace("&", "&amp;") in strings for h in headers)


# --- progress -----------------------------------------------------------------------------


def big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("Customer name;Email;Country\n")
        for i in range(rows):
            f.write(f"Cliente {i};c{i}@example.com;BR\n")
    return path


def test_progress_is_called_with_rows_done_and_total(tmp_path: Path) -> None:
    rows = 30_000
    path = big_csv(tmp_path / "big.csv", rows)
    calls: list[tuple[int, int]] = []
    report = cadastro.validate(path, progress=lambda done, total: calls.append((done, total)))
    assert report.stats.rows_total == rows
    assert calls[0] == (0, rows) and calls[-1] == (rows, rows)
    assert all(total == rows for _, total in calls)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})  # increasing, no repeats
    # Rate-limited: the core offers a call every 4096 rows; the binding passes at most those.
    assert len(calls) <= rows // 4096 + 2
    assert report.to_json() == cadastro.validate(path).to_json()


@pytest.fixture
def progress_interval() -> Any:
    """Sets the binding's progress interval (ms) for one test, then restores the default."""
    from cadastro import _cadastro

    previous = _cadastro._set_progress_interval(50)
    yield _cadastro._set_progress_interval
    _cadastro._set_progress_interval(previous)


def test_progress_rate_limit(tmp_path: Path, progress_interval: Any) -> None:
    rows = 30_000
    path = big_csv(tmp_path / "big.csv", rows)
    offered = list(range(0, rows, 4096)) + [rows]  # what the core offers: every 4096 rows, and the end
    calls: list[int] = []
    progress_interval(0)  # no limit: every offer is passed on
    cadastro.validate(path, progress=lambda d, t: calls.append(d))
    assert calls == offered
    calls.clear()
    progress_interval(60_000)  # a long interval: only the first call and the final one
    cadastro.validate(path, progress=lambda d, t: calls.append(d))
    assert calls == [0, rows]


def test_progress_default_interval_in_time(tmp_path: Path) -> None:
    import time

    # Grow the file until the run lasts long enough for several calls (debug builds are slow,
    # release builds fast).
    rows = 50_000
    while True:
        path = big_csv(tmp_path / "big.csv", rows)
        stamps: list[float] = []
        cadastro.validate(path, progress=lambda d, t: stamps.append(time.perf_counter()))
        if len(stamps) >= 4 or rows >= 1_600_000:
            break
        rows *= 2
    assert len(stamps) >= 4
    before_final = stamps[:-1]  # the final call is always made
    gaps = [b - a for a, b in zip(before_final, before_final[1:])]
    assert all(g >= 0.045 for g in gaps), gaps


def test_a_raising_progress_stops_and_propagates(tmp_path: Path) -> None:
    path = big_csv(tmp_path / "big.csv", 10_000)
    calls = []

    class Stop(Exception):
        pass

    def progress(done: int, total: int) -> None:
        calls.append(done)
        raise Stop()

    with pytest.raises(Stop):
        cadastro.validate(path, progress=progress)
    assert calls == [0]
    with pytest.raises(TypeError):
        cadastro.validate(path, progress=42)  # type: ignore[arg-type]


def test_plan_on_testdata_inputs_is_stable() -> None:
    """Every CSV input: planning the report against its own result is all unchanged."""
    for path in sorted((TESTDATA / "inputs" / "csv").glob("*.csv")):
        try:
            report = cadastro.validate(path)
        except cadastro.CadastroError:
            continue
        first = cadastro.plan(report, [])
        base = [{"id": str(i), "customer": dict(e["customer"], rows=[])} for i, e in enumerate(first.entries)]
        again = cadastro.plan(report, base)
        assert again.counts["unchanged"] == len(first), path.name


def test_callbacks_may_use_the_store_and_threads_share_it(tmp_path: Path) -> None:
    """The store is not locked while the file validates: a progress callable may query it,
    and another thread may use it meanwhile (no deadlock: the GIL is released while waiting)."""
    import threading

    store = cadastro.Store(tmp_path / "c.db")
    store.create_account("other")
    seen: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            store.import_file(EXAMPLE_CSV, "acme", profile="asaas", progress=lambda d, t: seen.append(store.accounts()))
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for _ in range(20):
        store.customers("other")
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "deadlock"
    assert errors == []
    assert seen and all("other" in accounts for accounts in seen)
    assert len(store.customers("acme")) == asaas_report().stats.customers_valid  # three imports, one base
