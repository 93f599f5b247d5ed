"""Extraction on a Dask cluster: the same warehouse as the process pool, a worker killed
mid-batch costs that batch's work once more and nothing else, and a scheduler out of reach
fails the run before anything is published. A real LocalCluster of two worker processes, and
a real Prefect server: nothing is mocked."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from corroborate.bench.throughput import write_corpus
from tests.serving import start_serve, still_running, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BATCH_FILES = 12
#: Columns that differ between two runs of the same input (with `seconds_*`): id and clock.
RUN_COLUMNS = ("run_id", "first_run_id", "started_at", "finished_at")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "corpus"
    write_corpus(folder, 35)  # and one empty file: 36 files, 3 batches, 6 pieces
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def pool_warehouse(prefect_server, corpus, tmp_path_factory) -> Path:
    from corroborate.flows.pipeline import pipeline

    warehouse = tmp_path_factory.mktemp("pool") / "pool.duckdb"
    pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0,
             batch_files=BATCH_FILES)
    return warehouse


def differences(left: Path, right: Path, aside: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
    """Per table, the rows of each warehouse missing from the other (`except all` both ways),
    with the run's id and clock (and the columns `aside`) aside; empty when the two are equal."""
    found = {}
    with duckdb.connect() as conn:
        conn.execute(f"attach '{left}' as l (read_only); attach '{right}' as r (read_only)")
        tables = [row[0] for row in conn.execute(
            "select table_name from information_schema.tables "
            "where table_catalog = 'l' and table_schema = 'main' order by 1").fetchall()]
        assert "source_agreement" in tables and "timeline" in tables
        for table in tables:
            columns = ", ".join(
                f'"{name}"' for (name,) in conn.execute(
                    "select column_name from information_schema.columns "
                    f"where table_catalog = 'l' and table_name = '{table}'").fetchall()
                if name not in (*RUN_COLUMNS, *aside) and not name.startswith("seconds")
            )
            one, other = (
                conn.execute(f"select count(*) from (select {columns} from {a}.{table} "
                             f"except all select {columns} from {b}.{table})").fetchone()[0]
                for a, b in (("l", "r"), ("r", "l"))
            )
            if one or other:
                found[table] = (one, other)
    return found


def test_a_local_cluster_run_gives_the_warehouse_of_the_process_pool(
    prefect_server, corpus, pool_warehouse, tmp_path
):
    from corroborate.flows.pipeline import pipeline

    warehouse = tmp_path / "cluster.duckdb"
    result = pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0,
                      batch_files=BATCH_FILES, cluster="local:2")
    assert (result["documents_seen"], result["batches_failed"]) == (35, 0)
    assert differences(pool_warehouse, warehouse) == {}


def test_cluster_workers_read_inputs_given_as_urls(
    prefect_server, corpus, pool_warehouse, tmp_path
):
    """The corpus as a `file://` URL (a folder, and a glob pattern that names some of its
    files again), and a URL that names nothing: the workers read the files themselves, the
    warehouse is the pool's with the files named by their URLs, and the missing one is
    rejected."""
    from corroborate.flows.pipeline import pipeline

    warehouse = tmp_path / "urls.duckdb"
    nowhere = f"file://{tmp_path}/nowhere/*.txt"
    result = pipeline(paths=[f"file://{corpus}", f"file://{corpus}/part-0000/*.txt", nowhere],
                      warehouse=str(warehouse), settle_seconds=0, batch_files=BATCH_FILES,
                      cluster="local:2")
    assert (result["documents_seen"], result["batches_failed"]) == (35, 0)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        rejected = conn.execute("select source_file, reason from rejected order by 1").fetchall()
        names = conn.execute("select distinct source_file from document_sources").fetchall()
    assert rejected == [(f"file://{corpus}/empty.txt", "empty_file"), (nowhere, "not_found")]
    assert len(names) == 35 and all(n.startswith(f"file://{corpus}/part-") for (n,) in names)
    # Names aside (and modification times, which fsspec gives as float seconds), the missing
    # URL's rejection is the one row the pool's warehouse has no match for, with the run's
    # own row (its inputs and counts).
    aside = ("source_file", "file_mtime")
    assert differences(pool_warehouse, warehouse, aside) == {"rejected": (0, 1), "runs": (1, 1)}


@pytest.fixture
def cluster(prefect_server):
    """Two worker processes; their nanny restarts a worker that dies. They report to the
    test's Prefect server (its address is in the environment they inherit)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as running:
        yield running


def kill_the_first_busy_worker(cluster, pids: dict[str, int], killed: list[str]) -> None:
    """SIGKILL the first worker seen running a task (the first batch's first piece)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not killed:
        for address, worker in list(cluster.scheduler.workers.items()):
            if worker.processing and address in pids:
                os.kill(pids[address], signal.SIGKILL)
                killed.append(address)
                return
        time.sleep(0.005)


def test_a_worker_killed_mid_batch_costs_that_batch_once_more_and_nothing_else(
    prefect_server, corpus, pool_warehouse, cluster, tmp_path
):
    from distributed import Client

    from corroborate.flows.pipeline import pipeline

    with Client(cluster) as client:
        pids = client.run(os.getpid)
    killed: list[str] = []
    killer = threading.Thread(target=kill_the_first_busy_worker, args=(cluster, pids, killed))
    killer.start()
    warehouse = tmp_path / "killed.duckdb"
    result = pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0,
                      batch_files=BATCH_FILES, cluster=cluster.scheduler_address)
    killer.join()

    assert killed, "no worker was seen busy"
    assert result["batches_failed"] == 0
    assert differences(pool_warehouse, warehouse) == {}
    # Every piece started once, but those the killed worker held: one batch's pieces at most
    # (one per worker thread) started twice.
    starts = Counter(t.key for t in cluster.scheduler.transition_log if t.finish == "processing")
    assert len(starts) == 6
    assert 1 <= sum(starts.values()) - 6 <= 2
    assert set(starts.values()) == {1, 2}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_cluster_fails_the_run_before_anything_is_published(
    prefect_server, corpus, seed_dir, tmp_path
):
    from corroborate.flows.cluster import ClusterError
    from corroborate.flows.pipeline import pipeline

    warehouse = tmp_path / "w.duckdb"
    pipeline(paths=[str(seed_dir)], warehouse=str(warehouse), settle_seconds=0)
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    address = f"tcp://127.0.0.1:{closed_port()}"
    with pytest.raises(ClusterError, match=f"cannot reach the Dask scheduler at {address}"):
        pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0,
                 cluster=address)
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir() if "build" in p.name] == []

    fresh = tmp_path / "fresh" / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "corroborate.cli", "run", str(corpus), "--warehouse", str(fresh)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "CORROBORATE_DASK_ADDRESS": address},
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"corroborate: error: cannot reach the Dask scheduler at {address}: "
        "[Errno 111] Connection refused"
    ]
    assert not fresh.parent.exists()


def test_serve_prepares_its_runs_on_the_cluster(seed_dir, cluster, tmp_path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse" / "w.duckdb"
    serve, log = start_serve(tmp_path, inbox, warehouse, "--every", "2s", "--settle", "0",
                             "--cluster", cluster.scheduler_address)
    processes: set = set()
    try:
        for article in sorted(seed_dir.glob("*.txt"))[:3]:
            shutil.copy(article, inbox)
        wait_for(warehouse, "select count(*) = 3 from documents", serve, log, processes)
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=90)
    assert serve.returncode == 0, log.read_text()[-3000:]
    pieces = {t.key for t in cluster.scheduler.transition_log if t.finish == "memory"}
    assert pieces and all(key.startswith("prepare_piece_task-") for key in pieces)
    assert still_running(processes) == []


def test_local_workers_run_without_the_statistical_profiler():
    """Dask's profiler (on by default) samples each worker every 10 ms and keeps the history:
    about 70 MB of the cluster's peak at 20,000 documents."""
    from distributed import Client, LocalCluster

    from corroborate.flows.cluster import local_worker_config

    with local_worker_config(), LocalCluster(n_workers=1, threads_per_worker=1) as cluster, \
            Client(cluster) as client:
        profiling = client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks)
    assert list(profiling.values()) == [False]


def test_cluster_names_local_workers_or_an_address_and_refuses_nonsense():
    from corroborate.flows.cluster import ClusterError, check_reachable, local_workers

    assert (local_workers("local"), local_workers("local:3")) == (2, 3)
    assert local_workers("tcp://10.0.0.5:8786") is None
    for bad in ("local:0", "local:x", "local:"):
        with pytest.raises(ClusterError, match="local:N takes a number of workers"):
            local_workers(bad)
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at no-port"):
        check_reachable("no-port")
