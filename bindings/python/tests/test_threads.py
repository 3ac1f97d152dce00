"""The GIL is released while the core reads and validates: a host's other threads keep running."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import cadastro


def big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("Customer name;Email;Phone;Country;Postal code\n")
        for i in range(rows):
            f.write(f"Cliente {i};c{i}@example.com;+55 11 9{i % 100_000_000:08d};BR;01310-{i % 1000:03d}\n")
    return path


class Ticker:
    """A thread that wakes every 2 ms and records the longest gap between two wake-ups."""

    def __init__(self) -> None:
        self.ticks = 0
        self.max_gap = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            time.sleep(0.002)
            now = time.perf_counter()
            self.max_gap = max(self.max_gap, now - last)
            self.ticks += 1
            last = now

    def __enter__(self) -> "Ticker":
        self._thread.start()
        time.sleep(0.02)
        self.ticks, self.max_gap = 0, 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.mark.needs_readers
def test_a_thread_keeps_running_while_a_large_file_validates(tmp_path: Path) -> None:
    # Grow the file until one validation takes long enough to tell (debug builds are slow,
    # release builds fast: the size adapts).
    rows = 5_000
    while True:
        path = big_csv(tmp_path / "big.csv", rows)
        with Ticker() as ticker:
            t0 = time.perf_counter()
            report = cadastro.validate(path)
            elapsed = time.perf_counter() - t0
        if elapsed >= 0.4 or rows >= 1_000_000:
            break
        rows = min(1_000_000, rows * max(2, int(0.6 / max(elapsed, 0.001)) + 1))
    assert report.stats.rows_total == rows
    assert elapsed > 0.2, "the file is too small to tell"
    # Holding the GIL would freeze the ticker for the whole call; released, it only waits for
    # the short conversions at the start and the end.
    assert ticker.max_gap < elapsed / 2, (ticker.max_gap, elapsed)
    assert ticker.ticks > elapsed / 0.002 / 4, (ticker.ticks, elapsed)


@pytest.mark.needs_readers
def test_threads_validate_in_parallel(tmp_path: Path) -> None:
    path = big_csv(tmp_path / "big.csv", 3_000)
    expected = cadastro.validate(path).to_json()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cadastro.validate(path).to_json())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3
