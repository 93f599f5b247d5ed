"""`corroborate serve` end to end: its own Prefect server, scheduled runs over an inbox, and a
clean stop that leaves no process behind."""

from __future__ import annotations

import shutil
import signal
import time
from datetime import timedelta

import pytest

from corroborate.flows.serve import ServeError, parse_every
from tests.serving import start_serve, still_running, wait_for


def test_every_takes_durations_and_refuses_nonsense():
    assert parse_every("5s") == timedelta(seconds=5)
    assert parse_every("1h30m") == timedelta(minutes=90)
    assert parse_every("2.5") == timedelta(seconds=2.5)
    for bad in ("", "10 parsecs", "0s", "m"):
        with pytest.raises(ServeError):
            parse_every(bad)


@pytest.mark.slow
def test_serve_picks_up_articles_and_bad_files_then_stops_cleanly(seed_dir, tmp_path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "w.duckdb"
    serve, log = start_serve(tmp_path, inbox, warehouse, "--every", "2s", "--settle", "0.5")
    processes: set = set()
    try:
        for article in sorted(seed_dir.glob("*.txt"))[:3]:
            shutil.copy(article, inbox)
        wait_for(warehouse, "select count(*) = 3 from documents", serve, log, processes)
        wait_for(warehouse, "select count(*) > 0 from source_agreement", serve, log, processes)
        _wait_for_file(warehouse.parent / "report" / "index.html", log)  # a run's last step

        (inbox / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
        wait_for(warehouse, "select count(*) = 1 from rejected where reason = 'binary_file' "
                 "and source_file like '%scan.txt'", serve, log, processes)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=90)
    assert serve.returncode == 0, log.read_text()[-3000:]
    assert "stopped serving" in log.read_text()
    assert still_running(processes) == []
    assert len(processes) >= 2  # the server and at least one scheduled run were seen


def _wait_for_file(path, log, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.3)
