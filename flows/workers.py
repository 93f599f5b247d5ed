"""The extraction processes that prepare batches (read, extract, validate) beside the main
process, which loads: started on first use, restarted after a failed batch, since a crashed
worker breaks the whole pool."""

from __future__ import annotations

import os
import signal
from concurrent.futures import Executor, ProcessPoolExecutor

from prefect.futures import PrefectFuture

from corroborate import lifeline, publish
from corroborate.flows.cluster import ClusterWorkers, PreparingBatch


class ProcessWorkers:
    """A process pool of `count` workers; none below two (the main process prepares)."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0  # pools shut down: the batches under way on them are lost

    def get(self) -> Executor | None:
        if self._count < 2:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._count, initializer=_leave_stopping_to_the_main_process,
                initargs=(os.getpid(),),
            )
        return self._pool

    def restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self.restarts += 1

    def __enter__(self) -> ProcessWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.restart()


#: Where batches are prepared (the process pool, or a Dask cluster), and a batch under way there.
AnyWorkers = ProcessWorkers | ClusterWorkers
Preparing = PrefectFuture | PreparingBatch


def _leave_stopping_to_the_main_process(parent: int) -> None:
    """Ctrl-C reaches the whole process group: a worker ignores it and the main process winds
    the run down. SIGTERM ends a worker at once; the handler Prefect installs in the main
    process, which a forked worker inherits, would instead raise inside the worker and could
    leave it blocked writing a result nobody reads. A worker holds no run lock, and ends when
    the main process `parent` dies (`corroborate.lifeline`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    publish.drop_inherited_locks()
    lifeline.end_with_parent(parent)
