"""Extraction on a Dask cluster (`run --cluster`, `serve --cluster`): backfills beyond one machine.

Each batch is cut into one piece per worker thread of the cluster (pieces of at most
`PIECE_FILES` files), and each piece is prepared (read, extracted, validated:
`batches.prepare_piece`) as a Prefect task that prefect-dask's `DaskTaskRunner` sends to a
`dask.distributed` worker: the Prefect UI lists every piece, the Dask dashboard shows where it
runs. Workers read the files by path, so they must see the main process's files at the same
paths (a shared mount), or by fsspec URL (`s3://...`) from a store they all reach. They send
the validated tables back as Arrow through Dask (receiving 2,000 documents' tables took the
main process 0.3 s; Parquet parts in a staging folder took 0.4 to 0.7 s to read, after the
workers had written them), and the one DuckDB writer in the main process loads them, builds and
publishes, exactly as with the process pool; the pieces of a batch are merged as the pool's
are, so the warehouse is the same.

A worker lost mid-piece (killed, out of memory) is the scheduler's to handle: it runs the lost
pieces again on the workers left (a worker's nanny restarts it meanwhile), and only those.
A piece that loses its worker again and again ends as `KilledWorker`, and the pipeline
retries, then skips, the batch, as it does any failed batch.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from corroborate import batches

ENV_ADDRESS = "CORROBORATE_DASK_ADDRESS"
#: Seconds to wait for the scheduler of a running cluster before the run fails.
CONNECT_SECONDS = 10
#: Files in a piece at most. A worker's memory stays at the high-water mark of the largest piece
#: it prepared: 1,000 documents took one 87 MB above its start, 250 took 30.
PIECE_FILES = 500
#: The module a LocalCluster's fork server loads before it forks the workers.
WORKER_PRELOAD = "corroborate.worker_preload"
_LOCAL = re.compile(r"local(?::(.*))?")
# Dask's own log lines (workers joining and leaving, every connection) read as noise in a run's
# output. Dask reads this once, when first imported, here and in every worker it starts.
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


class ClusterError(RuntimeError):
    """The cluster cannot be used: a bad `--cluster` value, or a scheduler out of reach."""


@task(name="prepare-piece", cache_policy=NO_CACHE, persist_result=False)
def prepare_piece_task(
    files: Sequence[str], max_bytes: int, run_id: str, budget_seconds: float | None = None
) -> batches.PreparedBatch:
    """Read, extract and validate one piece of a batch on a Dask worker."""
    return batches.prepare_piece(files, max_bytes, run_id, budget_seconds)


def local_workers(spec: str) -> int | None:
    """N for `local[:N]` (2 for `local`), None for a scheduler's address."""
    local = _LOCAL.fullmatch(spec.strip())
    if local is None:
        return None
    count = "2" if local.group(1) is None else local.group(1)
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"--cluster local:N takes a number of workers, 1 or more, not {spec!r}")
    return int(count)


def check_reachable(spec: str) -> None:
    """Fail at once, before a run starts, when the scheduler at `spec` does not answer."""
    if local_workers(spec) is not None:
        return
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port

    try:
        host, port = parse_host_port(parse_address(spec.strip())[1])
        socket.create_connection((host, port), timeout=CONNECT_SECONDS).close()
    except (OSError, ValueError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec}: {error}") from None


def task_runner(spec: str, api_url: str | None) -> Any:
    """The `DaskTaskRunner` for `--cluster`: `local[:N]` starts a LocalCluster of N worker
    processes for the run; anything else is a running scheduler's address. A LocalCluster's
    workers report to `api_url`, the run's own Prefect server (a worker without one would
    start a temporary server of its own)."""
    from prefect_dask import DaskTaskRunner

    count = local_workers(spec)
    if count is None:
        return DaskTaskRunner(address=spec.strip(), client_kwargs={"timeout": CONNECT_SECONDS})
    env = {"PREFECT_API_URL": api_url} if api_url else {}
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": count, "threads_per_worker": 1, "processes": True,
                        "env": env},
    )


@contextmanager
def local_worker_config() -> Iterator[None]:
    """While in it, a LocalCluster's nannies start their workers this way (a nanny reads the
    settings when it starts, and keeps them for the workers it restarts):

    - forked from a server that has loaded what they all need (`corroborate.worker_preload`), and
      sharing it: over 4,000 documents, the two spawned workers of `local:2` peaked at 412 and
      410 MB (PSS), forked ones at 316 and 313 MB, with 111 MB for their server;
    - without Dask's statistical profiler, which samples each worker's stack every 10 ms for
      the dashboard's profile page and keeps its history: at 20,000 bench documents the
      cluster's peak was 1,510 to 1,552 MB with it (ten runs) and 1,453 to 1,466 MB without
      (five), at about the same rate.
    """
    import dask
    from distributed.utils import get_mp_context

    with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver",
                          "distributed.worker.profile.enabled": False}):
        # The first call sets Dask's own list of modules; ours replaces it before the fork
        # server starts (a server already running has loaded them).
        get_mp_context().set_forkserver_preload([WORKER_PRELOAD])
        yield


class PreparingBatch:
    """The pieces of one batch under way on the cluster; `result` merges them into the batch."""

    def __init__(self, pieces: list[PrefectFuture]) -> None:
        self._pieces = pieces

    def result(self) -> batches.PreparedBatch:
        """The batch merged from its pieces, whose futures are let go of at once: a future
        keeps its piece's tables in the main process, and on its worker, for as long as it
        is held, which would be while the batch loads and the worker prepares the next."""
        pieces, self._pieces = self._pieces, []
        return batches.merge_pieces([piece.result() for piece in pieces])

    def wait(self) -> None:
        for piece in self._pieces:
            piece.wait()


class ClusterWorkers:
    """The cluster's workers for the length of a run, connected on entry: a cluster that
    cannot be reached fails the run there, before anything is loaded or published."""

    #: The scheduler replaces a lost worker itself: no batch under way is lost to a restart.
    restarts = 0

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self._stack = ExitStack()
        self._runner: Any = None
        self._slots = 1

    def __enter__(self) -> ClusterWorkers:
        from prefect import get_client

        with get_client(sync_client=True) as client:
            api_url = str(client.api_url)
        if local_workers(self.spec) is not None:
            self._stack.enter_context(local_worker_config())
        runner = task_runner(self.spec, api_url)
        self._runner = self._stack.enter_context(runner)
        try:
            threads = runner.client.nthreads()
        except (OSError, TimeoutError) as error:
            self._stack.close()
            raise ClusterError(
                f"cannot reach the Dask scheduler at {self.spec}: {error}"
            ) from None
        self._slots = max(1, sum(threads.values()))
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def prepare(
        self, files: Sequence[str], max_bytes: int, run_id: str,
        budget_seconds: float | None = None,
    ) -> PreparingBatch:
        """Start preparing `files`, one piece per worker thread, or more for a large batch."""
        size = max(1, min(PIECE_FILES, -(-len(files) // self._slots)))
        return PreparingBatch([
            self._runner.submit(
                prepare_piece_task,
                parameters={"files": list(piece), "max_bytes": max_bytes, "run_id": run_id,
                            "budget_seconds": budget_seconds},
            )
            for piece in batches.chunks(files, size)
        ])

    def restart(self) -> None:
        """Nothing to restart: the scheduler replaces a lost worker itself."""
