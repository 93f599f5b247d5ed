"""Start `corroborate serve` for a test, with a Prefect server of its own (the test harness's
temporary server cannot schedule), and find every process it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]


def start_serve(
    tmp_path: Path, inbox: Path, warehouse: Path, *options: str
) -> tuple[subprocess.Popen, Path]:
    """The serve process, and the file its output goes to (a pipe could fill and block it)."""
    inbox.mkdir(parents=True, exist_ok=True)
    env = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "corroborate.cli", "serve", "--inbox", str(inbox),
             "--warehouse", str(warehouse), "--port", str(port), *options],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_hear_interrupts,
        )
    return process, log


def _hear_interrupts() -> None:
    """Undo an inherited "ignore SIGINT", which the tests stop `serve` with: a shell gives it to
    every command it starts in the background (`make test &`), and a child keeps it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def descendants(pid: int) -> set[psutil.Process]:
    try:
        return set(psutil.Process(pid).children(recursive=True))
    except psutil.NoSuchProcess:
        return set()


def wait_for(warehouse: Path, query: str, serve: subprocess.Popen, log: Path,
             seen: set[psutil.Process], timeout: float = 120) -> None:
    """Wait until `query` on the published warehouse returns true, noting serve's processes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert serve.poll() is None, log.read_text()[-3000:]
        seen |= descendants(serve.pid)
        if warehouse.exists():
            with duckdb.connect(str(warehouse), read_only=True) as conn:
                if conn.execute(query).fetchone()[0]:
                    return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for: {query}\n{log.read_text()[-3000:]}")


def still_running(processes: set[psutil.Process]) -> list[str]:
    """Those of `processes` still alive (`is_running` also guards against a reused pid)."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(" ".join(process.cmdline()[:6]))
        except psutil.NoSuchProcess:
            continue
    return alive
