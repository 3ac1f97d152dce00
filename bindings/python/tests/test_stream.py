"""cadastro.validate_stream: the core's streaming validation as an iterator of chunks, on real
files. The chunks concatenated must equal what the whole-file `validate` gives."""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path

import pytest

import cadastro

from conftest import EXAMPLE_CSV, TESTDATA

CSV_DIR = TESTDATA / "inputs" / "csv"
PROFILES = json.loads((TESTDATA / "golden" / "profiles.json").read_text())
# Files the stream once refused: UTF-16 text (now transcoded as it is read) and contact columns
# (rows held to the end of the file, then one chunk).
ONCE_REFUSED = {"asaas_utf16be_semicolon.csv", "asaas_utf16le_bom_tab.csv", "upflow_pipe_contacts.csv"}


@pytest.fixture(scope="module", autouse=True)
def rayon_pool_started_on_the_main_thread() -> None:
    """The core validates on rayon's global pool, whose threads are created by the first thread
    that uses it and inherit its name: if a stream's worker came first, the (idle, permanent)
    pool threads would be named `cadastro-stream` too and be counted as workers left behind."""
    cadastro.validate(EXAMPLE_CSV, profile="asaas")


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example file's rows repeated 30 times (240 rows, external ids made distinct, tax ids
    repeated: duplicates across chunks). The first chunk is at least 60 rows (the header search
    window), so small files stream as one chunk."""
    header, *rows = EXAMPLE_CSV.read_text(encoding="utf-8-sig").splitlines()
    lines = [header]
    for rep in range(30):
        lines.extend(row.replace("CLI-", f"R{rep:02}-", 1) for row in rows)
    path = tmp_path_factory.mktemp("stream") / "big-asaas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def profile_of(path: Path) -> str:
    return PROFILES.get(f"{path.parent.name}/{path.name}", "generic")


def streamed(path: Path, profile: str, chunk_rows: int) -> tuple[list, list, cadastro.StreamSummary, int]:
    customers: list = []
    issues: list = []
    chunks = 0
    stream = cadastro.validate_stream(path, profile=profile, chunk_rows=chunk_rows)
    for chunk in stream:
        chunks += 1
        customers.extend(chunk.customers)
        issues.extend(i.to_dict() for i in chunk.issues)
    assert stream.summary is not None
    return customers, issues, stream.summary, chunks


def stream_threads() -> int:
    """Live worker threads of validate_stream in this process (Linux: /proc/self/task/*/comm)."""
    count = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            count += (task / "comm").read_text().strip() == "cadastro-stream"
        except OSError:  # the thread ended while we looked
            pass
    return count


def wait_no_stream_threads() -> int:
    for _ in range(100):
        if stream_threads() == 0:
            return 0
        time.sleep(0.02)
    return stream_threads()


@pytest.mark.parametrize("chunk_rows", [1, 2, 7, 0])
@pytest.mark.parametrize("which", ["example", "big"])
def test_chunks_equal_the_whole_file(which: str, chunk_rows: int, big_csv: Path) -> None:
    path = EXAMPLE_CSV if which == "example" else big_csv
    whole = cadastro.validate(path, profile="asaas")
    customers, issues, summary, chunks = streamed(path, "asaas", chunk_rows)
    assert json.dumps(customers, sort_keys=True) == json.dumps(whole.customers, sort_keys=True)
    assert issues == [i.to_dict() for i in whole.issues]
    assert summary.stats == whole.stats
    assert summary.source == whole.source and summary.mapping == whole.mapping
    assert summary.stopped is False
    rows = whole.stats.rows_total
    # The first chunk holds at least the 60-line header window (the header line included).
    first = max(chunk_rows, 60) - 1
    expected = 1 if chunk_rows == 0 or rows <= first else 1 + -(-(rows - first) // chunk_rows)
    assert chunks == expected, (chunks, rows)
    if which == "big":
        assert any(i["code"] == "duplicate_key" and i["row"] > 100 for i in issues)


@pytest.mark.parametrize("path", sorted(CSV_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_chunks_equal_the_whole_file_on_testdata(path: Path) -> None:
    profile = profile_of(path)
    try:
        whole = cadastro.validate(path, profile=profile)
    except cadastro.CadastroError as e:  # no usable header: the stream says the same
        with pytest.raises(type(e)):
            list(cadastro.validate_stream(path, profile=profile))
        return
    for chunk_rows in (2, 0):
        customers, issues, summary, _ = streamed(path, profile, chunk_rows)
        assert json.dumps(customers, sort_keys=True) == json.dumps(whole.customers, sort_keys=True)
        assert issues == [i.to_dict() for i in whole.issues]
        assert summary.stats == whole.stats


def test_bytes_and_file_objects_stream_too() -> None:
    whole = cadastro.validate(EXAMPLE_CSV, profile="asaas")
    for source in (EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.open("rb"), str(EXAMPLE_CSV)):
        got = [c for chunk in cadastro.validate_stream(source, profile="asaas", chunk_rows=3) for c in chunk.customers]
        assert got == whole.customers


def test_stopping_early_says_stopped_and_reads_fewer_rows(big_csv: Path) -> None:
    whole = cadastro.validate(big_csv, profile="asaas")
    with cadastro.validate_stream(big_csv, profile="asaas", chunk_rows=2) as stream:
        first = next(iter(stream))
        assert len(first.customers) >= 1
        assert stream.summary is None
    summary = stream.summary
    assert summary is not None and summary.stopped is True
    # One chunk taken, at most two more made ahead (one in the channel, one refused).
    assert 60 <= summary.stats.rows_total <= 64 < whole.stats.rows_total
    stream.close()  # closing twice is harmless
    assert list(stream) == []
    assert wait_no_stream_threads() == 0


def test_a_dropped_stream_leaves_no_thread_behind(big_csv: Path) -> None:
    for _ in range(5):
        stream = cadastro.validate_stream(big_csv, profile="asaas", chunk_rows=1)
        next(stream)
        assert stream_threads() >= 1  # the worker waits on the full channel
        del stream
    gc.collect()
    assert wait_no_stream_threads() == 0
    for _chunk in cadastro.validate_stream(big_csv, profile="asaas", chunk_rows=1):
        break  # the loop's iterator is dropped here
    assert wait_no_stream_threads() == 0


def test_an_exception_in_the_loop_propagates_and_stops_the_stream(big_csv: Path) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with cadastro.validate_stream(big_csv, profile="asaas", chunk_rows=1) as stream:
            for _chunk in stream:
                raise Boom("consumer failed")
    assert stream.summary is not None and stream.summary.stopped is True
    assert wait_no_stream_threads() == 0


def test_workbooks_stream_too(tmp_path: Path) -> None:
    # 200 customers exported to a workbook: more rows than the first chunk's header window (60
    # rows), so chunks of 2 rows follow it.
    xlsx = tmp_path / "big.xlsx"
    customers = [{"name": f"Cliente {i}", "external_id": f"C-{i}", "email": f"c{i}@example.com"} for i in range(200)]
    # (InvoiceOcean's layout: the generic one has parent columns, which do not stream.)
    cadastro.export(customers, xlsx, "invoiceocean")
    with cadastro.validate_stream(xlsx, profile="invoiceocean", chunk_rows=2) as stream:
        chunks = list(stream)
    whole = cadastro.validate(xlsx, profile="invoiceocean")
    assert len(whole.customers) == 200
    assert len(chunks) > 1
    assert [c for chunk in chunks for c in chunk.customers] == whole.customers
    assert [i.to_dict() for chunk in chunks for i in chunk.issues] == [i.to_dict() for i in whole.issues]
    assert stream.summary is not None and stream.summary.source["format"] == "xlsx"


def test_utf16_and_contact_files_stream_and_bad_arguments_raise(tmp_path: Path) -> None:
    for name in sorted(ONCE_REFUSED):
        profile = profile_of(CSV_DIR / name)
        whole = cadastro.validate(CSV_DIR / name, profile=profile)
        customers, issues, summary, chunks = streamed(CSV_DIR / name, profile, 1)
        assert customers and customers == whole.customers, name
        assert issues == [i.to_dict() for i in whole.issues]
        assert summary.stats == whole.stats
        if "contacts" in name:
            assert chunks == 1  # held to the end of the file
            assert any(c["contacts"] for c in customers)
        else:
            assert summary.source["encoding"].startswith("utf-16")
    with pytest.raises(FileNotFoundError):
        next(cadastro.validate_stream(tmp_path / "missing.csv"))
    with pytest.raises(cadastro.InvalidOptions):
        cadastro.validate_stream(EXAMPLE_CSV, profile="no-such-profile")
    assert wait_no_stream_threads() == 0


def test_summary_of_a_failed_stream_stays_none() -> None:
    stream = cadastro.validate_stream(b"")
    with pytest.raises(cadastro.EmptyFile):
        next(stream)
    assert stream.summary is None
    assert list(stream) == []


# --- Store.import_stream -------------------------------------------------------------------------


def test_store_import_stream_equals_a_whole_file_import(big_csv: Path) -> None:
    with cadastro.Store.in_memory() as store:
        whole = store.import_file(big_csv, "whole", profile="asaas")
        chunks: list[cadastro.ImportChunk] = []
        result = store.import_stream(big_csv, "streamed", profile="asaas", chunk_rows=7, on_chunk=chunks.append)
        assert len(chunks) > 10 and all(c.written for c in chunks)
        assert result.applied and not result.stopped and result.has_errors == whole.has_errors
        assert result.counts == whole.plan.counts
        assert result.summary.stats == whole.stats
        assert [i.to_dict() for c in chunks for i in c.issues] == [i.to_dict() for i in whole.issues]
        assert sum(len(c.plan) for c in chunks) == len(whole.plan)
        assert store.customers("streamed") == store.customers("whole")
        again = store.import_stream(big_csv, "streamed", profile="asaas", chunk_rows=7)
        assert again.counts == {"created": 0, "updated": 0, "unchanged": whole.plan.counts["created"]}
        assert store.customers("streamed") == store.customers("whole")


def test_store_import_stream_stops_rolls_back_and_reraises(big_csv: Path) -> None:
    class Boom(Exception):
        pass

    def explode(chunk: cadastro.ImportChunk) -> None:
        raise Boom("host failed")

    with cadastro.Store.in_memory() as store:
        result = store.import_stream(big_csv, "a", profile="asaas", chunk_rows=10, on_chunk=lambda c: False)
        assert result.stopped and not result.applied
        assert result.summary.stats.rows_total == 59
        assert store.accounts() == []  # rolled back: not even the account
        with pytest.raises(Boom):
            store.import_stream(big_csv, "a", profile="asaas", on_chunk=explode)
        assert store.accounts() == []
        dry = store.import_stream(big_csv, "a", profile="asaas", dry_run=True)
        assert not dry.applied and dry.counts["created"] > 0 and store.accounts() == []
        utf16 = store.import_stream(CSV_DIR / "asaas_utf16le_bom_tab.csv", "u", profile="asaas", dry_run=True)
        assert utf16.counts["created"] > 0 and utf16.summary.source["encoding"] == "utf-16le"
        with pytest.raises(TypeError):
            store.import_stream(big_csv, "a", on_chunk=3)
