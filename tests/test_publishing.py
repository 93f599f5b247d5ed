"""Publishing: readers never block a run or see a partial one; a killed run changes nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from corroborate.bench.throughput import write_corpus
from corroborate.publish import WarehouseBusy, exclusive_run

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "corroborate.cli"]

READER = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
print(conn.execute("select count(*) from documents").fetchone()[0], flush=True)
sys.stdin.readline()          # hold the connection open until told to look again
print(conn.execute("select count(*) from documents").fetchone()[0], flush=True)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli_run(paths, warehouse: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, "run", *map(str, paths), "--warehouse", str(warehouse)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )


def count_documents(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


def test_a_reader_holding_the_warehouse_neither_blocks_a_run_nor_sees_it_half_built(
    prefect_server, seed_dir, tmp_path
):
    warehouse = tmp_path / "w.duckdb"
    assert cli_run([seed_dir], warehouse).returncode == 0
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "5"
        corpus = tmp_path / "corpus"
        write_corpus(corpus, 300)
        finished = cli_run([corpus], warehouse)
        assert finished.returncode == 0, finished.stderr
        reader.stdin.write("again\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "5"  # its snapshot, untouched
    finally:
        reader.kill()
        reader.wait()
    assert count_documents(warehouse) == 305


def start_a_large_run(seed_dir: Path, tmp_path: Path):
    """A published demo warehouse, and a run of 4,000 more documents into it in its own
    process group: (warehouse, digest of the published file, corpus, process)."""
    warehouse = tmp_path / "w.duckdb"
    assert cli_run([seed_dir], warehouse).returncode == 0
    published = digest(warehouse)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4000)
    victim = subprocess.Popen(
        [*CLI, "run", str(corpus), "--warehouse", str(warehouse), "--batch-files", "200"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    return warehouse, published, corpus, victim


def test_a_run_killed_mid_load_leaves_the_published_warehouse_intact(
    prefect_server, seed_dir, tmp_path
):
    warehouse, published, corpus, victim = start_a_large_run(seed_dir, tmp_path)
    deadline = time.monotonic() + 120
    build_files: list[Path] = []
    while time.monotonic() < deadline and not build_files:
        build_files = [p for p in tmp_path.glob(".w.duckdb.build-*") if p.stat().st_size > 0]
        time.sleep(0.05)
    assert build_files, "the run never started building"
    time.sleep(1.0)  # well inside the load of a 4,000-document corpus
    assert victim.poll() is None, "the run finished before it could be killed"
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()

    assert digest(warehouse) == published
    assert count_documents(warehouse) == 5
    resumed = cli_run([corpus], warehouse)
    assert resumed.returncode == 0, resumed.stderr
    assert count_documents(warehouse) == 4005
    assert not list(tmp_path.glob(".w.duckdb.build-*"))


def test_a_second_run_is_refused_with_a_clear_message_while_one_builds(
    prefect_server, tmp_path, seed_dir
):
    warehouse = tmp_path / "w.duckdb"
    with exclusive_run(warehouse):
        with (
            pytest.raises(WarehouseBusy, match="another run is building"),
            exclusive_run(warehouse),
        ):
            pass
        result = cli_run([seed_dir], warehouse)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("corroborate: error:")
    assert "another run is building" in result.stderr
    assert "Traceback" not in result.stderr


def test_stale_builds_go_with_their_wal_and_spill_folder(tmp_path):
    from corroborate.publish import remove_stale_builds

    published = tmp_path / "w.duckdb"
    build = tmp_path / ".w.duckdb.build-run1"
    build.write_bytes(b"partial")
    build.with_name(build.name + ".wal").write_bytes(b"log")
    spill = build.with_name(build.name + ".tmp")
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"spilled")
    other = tmp_path / ".x.duckdb.build-run1"
    other.write_bytes(b"another warehouse's build")

    assert len(remove_stale_builds(published)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name]


def test_a_run_stopped_with_sigterm_cleans_up_and_says_so(prefect_server, seed_dir, tmp_path):
    """What a service manager does: SIGTERM to every process of the run at once."""
    warehouse, published, _, victim = start_a_large_run(seed_dir, tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob(".w.duckdb.build-*")):
        time.sleep(0.05)
    time.sleep(2.0)  # workers started, batches in flight
    assert victim.poll() is None, "the run finished before it could be stopped"
    os.killpg(victim.pid, signal.SIGTERM)
    _, stderr = victim.communicate(timeout=60)

    assert victim.returncode == 143, stderr
    assert "terminated; the published warehouse is unchanged" in stderr
    assert digest(warehouse) == published
    assert not list(tmp_path.glob(".w.duckdb.build-*"))
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # no worker left behind
        os.killpg(victim.pid, 0)
