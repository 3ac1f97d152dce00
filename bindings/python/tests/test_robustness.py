"""Issue #17 points 5 and 3 from Python: a callback that calls back into its own Store fails
fast with `ReentrantCall` (it deadlocked); a FIFO or a device as input is refused with an
`OSError` of kind `io` (it blocked, or read /dev/zero until memory ran out); and thousands of
calls in one process keep RSS flat.

What would hang the interpreter on a regression (a deadlock, a blocking open) runs in a child
interpreter with a deadline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import cadastro
from gen import customers_csv

TESTS = Path(__file__).resolve().parent


def child(script: str, cwd: Path, timeout: float = 60) -> dict:
    """Runs `script` in a child interpreter (`cadastro`, `gen`, `out(value)` in scope); its JSON."""
    prelude = textwrap.dedent(
        f"""
        import json, sys
        sys.path.insert(0, {str(TESTS)!r})
        import cadastro, gen
        def out(v): sys.stdout.write(json.dumps(v))
        def kind_of(fn):
            try:
                fn()
                return "ok"
            except Exception as e:
                return getattr(e, "kind", None) or type(e).__name__
        """
    )
    try:
        r = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(script)],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the child did not finish within {timeout} s (a hang)")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_on_chunk_calling_its_own_store_raises_reentrant_call(tmp_path: Path) -> None:
    (tmp_path / "re.csv").write_text(customers_csv(300), encoding="utf-8")
    r = child(
        """
        store = cadastro.Store("re.db")
        # Uncaught in the callback: the stream stops, rolls back, and the error is re-raised.
        raised = kind_of(lambda: store.import_stream("re.csv", on_chunk=lambda c: store.accounts(), country="BR", chunk_rows=100))
        after = store.accounts()
        # Caught in the callback: the import goes on and is committed.
        seen = []
        def on_chunk(chunk):
            seen.append(kind_of(lambda: store.customers("b")))
        done = store.import_stream("re.csv", "b", on_chunk=on_chunk, country="BR", chunk_rows=100)
        # import_file's progress callback runs while the store is free: calls from it work.
        counts = []
        report = store.import_file("re.csv", "c", country="BR", progress=lambda d, t: counts.append(len(store.accounts())))
        out({"raised": raised, "after": after, "seen": sorted(set(seen)), "applied": done.applied,
             "stored": len(store.customers("b")), "progress_calls": len(counts), "applied_c": report.applied,
             "is_class": issubclass(cadastro.ReentrantCall, cadastro.CadastroError),
             "kind": cadastro.ReentrantCall.kind})
        """,
        tmp_path,
    )
    assert r["raised"] == "reentrant_call"
    assert r["after"] == [], "the stopped import was rolled back"
    assert r["seen"] == ["reentrant_call"]
    assert r["applied"] is True
    assert r["stored"] == 300
    assert r["progress_calls"] > 0 and r["applied_c"] is True
    assert r["is_class"] is True and r["kind"] == "reentrant_call"


def test_other_threads_wait_their_turn_instead_of_failing(tmp_path: Path) -> None:
    import threading

    (tmp_path / "t.csv").write_text(customers_csv(2000), encoding="utf-8")
    store = cadastro.Store(tmp_path / "t.db")
    results: list[object] = []

    def other() -> None:
        try:
            results.append(store.accounts())
        except Exception as e:  # noqa: BLE001 - recorded for the assertion
            results.append(e)

    started = threading.Event()

    def on_chunk(chunk: cadastro.ImportChunk) -> None:
        if not started.is_set():
            started.set()
            t = threading.Thread(target=other)
            t.start()
            time.sleep(0.05)
            assert not results, "the other thread waits while the store is held"
            threads.append(t)

    threads: list[threading.Thread] = []
    store.import_stream(tmp_path / "t.csv", on_chunk=on_chunk, country="BR", chunk_rows=500)
    for t in threads:
        t.join(10)
    assert results == [["default"]]
    store.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_and_devices_are_refused_with_io(tmp_path: Path) -> None:
    fifo = tmp_path / "clientes.csv"
    os.mkfifo(fifo)
    r = child(
        f"""
        res = {{}}
        store = cadastro.Store.in_memory()
        for name, p in [("fifo", {str(fifo)!r}), ("zero", "/dev/zero"), ("urandom", "/dev/urandom")]:
            res[name] = {{
                "validate": kind_of(lambda: cadastro.validate(p)),
                "inspect": kind_of(lambda: cadastro.inspect(p)),
                "validate_stream": kind_of(lambda: list(cadastro.validate_stream(p))),
                "import_file": kind_of(lambda: store.import_file(p)),
                "import_stream": kind_of(lambda: store.import_stream(p)),
            }}
        try:
            cadastro.validate({str(fifo)!r})
        except OSError as e:
            res["message"] = str(e)
            res["oserror"] = True
        out(res)
        """,
        tmp_path,
        timeout=30,
    )
    for name in ("fifo", "zero", "urandom"):
        for op, kind in r[name].items():
            assert kind == "io", f"{name} {op}: {kind}"
    assert r["oserror"] is True
    assert "named pipe (FIFO)" in r["message"]
    assert "clientes.csv" in r["message"]


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_soak_thousands_of_calls_keep_rss_flat(tmp_path: Path) -> None:
    calls = int(os.environ.get("SOAK_CALLS", "2000"))
    text = customers_csv(100)
    # A tenth of the rows have a bad e-mail: reports carry issues and error rows too.
    lines = text.split("\r\n")
    text = "\r\n".join(l.replace("@", " at ") if i and i % 10 == 0 else l for i, l in enumerate(lines))
    path = tmp_path / "soak.csv"
    path.write_text(text, encoding="utf-8")
    data = text.encode()
    store = cadastro.Store(tmp_path / "soak.db")
    store.import_file(path, country="BR")
    samples = []
    t0 = time.perf_counter()
    for i in range(1, calls + 1):
        if i % 3 == 0:
            report = cadastro.validate(path if i % 2 else data, country="BR")
            report.customers
        elif i % 3 == 1:
            report = store.import_file(path, country="BR", dry_run=True)
            report.plan
        else:
            report = cadastro.validate(path, country="BR")
            report.to_json()
        assert report.stats.rows_total == 100
        if i % 100 == 0:
            samples.append(rss())
    store.close()
    elapsed = time.perf_counter() - t0
    warm = samples[len(samples) // 5 - 1]
    tail = max(samples[-(len(samples) // 5) :])
    print(f"soak: {calls} calls in {elapsed:.1f} s; RSS {[s // 1_000_000 for s in samples]} MB")
    assert tail - warm < 32e6, f"RSS grew from {warm // 1_000_000} MB to {tail // 1_000_000} MB"
