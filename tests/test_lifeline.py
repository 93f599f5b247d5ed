"""A run's helpers end with it, and only its main process holds the run lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from corroborate.publish import exclusive_run, lock_path

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _gone(pid: int, within: float = 6.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def _orphan_after_killing_its_parent(child_code: str) -> int:
    """Run `child_code` in a process whose parent prints the child's id and is then killed."""
    parent = subprocess.Popen([sys.executable, "-c", child_code], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert psutil.pid_exists(child)
    parent.kill()
    parent.wait()
    return child


def test_a_worker_ends_when_its_main_process_is_killed():
    child = _orphan_after_killing_its_parent(
        "import os, time\n"
        "from corroborate.lifeline import end_with_parent\n"
        "parent = os.getpid()\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    end_with_parent(parent)\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print(pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    assert _gone(child)


def test_the_temporary_server_ends_when_the_run_is_killed():
    child = _orphan_after_killing_its_parent(
        "import sys\n"
        "from corroborate.lifeline import temporary_server_ends_with_us\n"
        "from prefect.server.api import server\n"
        "with temporary_server_ends_with_us():\n"
        "    process = server.subprocess.Popen([sys.executable, '-c', 'import time; "
        "time.sleep(60)'])\n"
        "print(process.pid, flush=True)\n"
        "process.wait()\n"
    )
    assert _gone(child)


def test_workers_never_hold_the_run_lock_after_their_main_process_dies(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    main = subprocess.Popen(
        [sys.executable, "-c",
         "import time\n"
         "from pathlib import Path\n"
         "from corroborate.flows.workers import ProcessWorkers\n"
         "from corroborate.publish import exclusive_run\n"
         "workers = ProcessWorkers(2)\n"
         f"with exclusive_run(Path({str(warehouse)!r})):\n"
         "    assert list(workers.get().map(abs, [-1, -2])) == [1, 2]\n"
         "    print('ready', flush=True)\n"
         "    time.sleep(60)\n"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert main.stdout.readline().strip() == "ready"
    workers = psutil.Process(main.pid).children()
    main.kill()
    main.wait()
    assert any(worker.is_running() for worker in workers)  # they end within a second
    with exclusive_run(warehouse):  # at once, and not by recovering the lock
        pass
    assert "recovered" not in capsys.readouterr().err
    assert all(_gone(worker.pid) for worker in workers)


def test_a_lock_held_on_after_its_holder_died_is_recovered_with_a_warning(tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    dead = subprocess.Popen(["true"])
    dead.wait()
    holder = subprocess.Popen(  # what a worker of a killed run did: hold the lock on
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         f"handle = open({str(lock_path(warehouse))!r}, 'w')\n"
         "fcntl.flock(handle, fcntl.LOCK_EX)\n"
         f"handle.write('{dead.pid}\\n'); handle.flush()\n"
         "print('held', flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with exclusive_run(warehouse):
            assert lock_path(warehouse).read_text() == f"{os.getpid()}\n"
        assert f"recovered the run lock of a run that died (pid {dead.pid})" in (
            capsys.readouterr().err)
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_held_by_a_live_run_is_not_recovered(tmp_path):
    from corroborate.publish import WarehouseBusy

    warehouse = tmp_path / "w.duckdb"
    with exclusive_run(warehouse), pytest.raises(WarehouseBusy), exclusive_run(warehouse):
        pass
