"""The `pipeline` flow: raw files in, a published warehouse with both marts out.

A few batch tasks (plan; prepare and load per batch of files; then build and publish), never a
task per document: a Prefect task run costs milliseconds, a document microseconds. A batch is
prepared (read, extracted, validated) on the worker processes while the main process loads the
one before it, so both cores stay busy. The business logic lives in plain modules
of the library (`corroborate.inbox`, `.batches`, `.load`, `.model_runner`, `.publish`). The
flow's body reads as a run goes: lock, plan, private build, each batch loaded while the next is
prepared, build, test, publish.

Runs are incremental: only new and changed files are read (`corroborate.inbox`), and a run with
nothing to read leaves the published warehouse untouched. A batch that fails is retried (the
load task's `retries`), then skipped without losing the others; its files are not recorded as
read, so the next run reads them again.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from logging import Logger, LoggerAdapter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run
from prefect.utilities.annotations import quote

from corroborate import (
    batches,
    changes,
    defaults,
    inbox,
    load,
    model_digest,
    model_runner,
    progress,
    publish,
)
from corroborate.flows.cluster import ClusterWorkers
from corroborate.flows.workers import AnyWorkers, Preparing, ProcessWorkers
from corroborate.ingest.files import shown_path
from corroborate.summary import SHOWN_FACTS, RunStats, headline, new_run_id, summary_markdown
from corroborate.validate import validate_records

BATCH_BYTES = 16_000_000
#: DuckDB's share of the run's memory, the same however large the corpus: beyond it, loaded
#: rows wait on disk for the build's checkpoint, and the models' joins and aggregations spill.
#: Loading only appends, so it is held to the smaller share, which 15,000 bench documents fill:
#: from there on, loading's memory no longer grows with the corpus. The build's share is one
#: that 20,000 bench documents already fill, so its memory, too, stays flat above that. The
#: build's peak was the incident clustering, a Python model, with DuckDB's cached blocks
#: beside it; since DuckDB gives its share back while a Python model runs
#: (`model_runner.PYTHON_MODEL_MEMORY_LIMIT`), the SQL models can have 512 MB in the same peak
#: (100,000 bench documents: 1,440 MB over the main process and workers either way). At 256
#: MB their joins spilled: the build took 83 s instead of 55 to 59 s. At 640 MB the peak was
#: 1,571 MB (DuckDB's resident memory is about twice its limit: the limit counts its buffers,
#: not every allocation). The rest of the run's memory (about 450 MB) is the interpreter with
#: Prefect, pandas and the engine's data, and the batches in flight. Insertion order is not part
#: of any model's meaning, and dropping it lets DuckDB stream and spill more.
LOAD_MEMORY_LIMIT = "192MB"
BUILD_MEMORY_LIMIT = "512MB"
#: Seconds to wait before each retry of a failed batch; after the last, the batch is skipped.
BATCH_RETRY_DELAYS = (2.0, 10.0)

_TASK_OPTIONS: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="plan", **_TASK_OPTIONS)
def plan_task(paths: Sequence[str], published: Path, settle_seconds: float) -> inbox.Plan:
    return inbox.plan_files(paths, inbox.recorded_files(published), settle_seconds=settle_seconds)


@task(name="prepare", **_TASK_OPTIONS)
def prepare_task(
    files: Sequence[str], pool: Executor | None, max_bytes: int, run_id: str,
    budget_seconds: float | None,
) -> batches.PreparedBatch:
    """Read, extract and validate one batch of files on the worker pool."""
    return batches.prepare_files(files, pool=pool, max_bytes=max_bytes, run_id=run_id,
                                 budget_seconds=budget_seconds)


@task(
    name="load",
    retries=len(BATCH_RETRY_DELAYS),
    retry_delay_seconds=list(BATCH_RETRY_DELAYS),
    **_TASK_OPTIONS,
)
def load_task(
    run: _Run,
    conn: duckdb.DuckDBPyConnection,
    workers: AnyWorkers,
    batch: list[str],
    attempt: Preparing,
) -> None:
    """Load `batch` once `attempt` has prepared it, and commit. A failed attempt leaves the
    build as the last batch's commit left it, and restarts the workers (a crashed worker takes
    the pool with it); Prefect then retries the task, which prepares the batch again."""
    if task_run.run_count > 1:
        attempt = _prepare(run, workers, batch)
    try:
        _load_prepared(run, conn, attempt.result(), batch)
    except Exception:
        conn.rollback()
        conn.begin()
        workers.restart()
        raise


@task(name="build", **_TASK_OPTIONS)
def build_task(conn: duckdb.DuckDBPyConnection) -> changes.FactChanges:
    """Rebuild every model and document it; returns how the facts' statuses changed.

    A model that runs out of DuckDB's memory (its operators that cannot spill, on two threads)
    is not the end of the run: the loaded batches are committed, so the build goes back to
    them and runs again on one thread."""
    try:
        return _build(conn)
    except model_runner.ModelBuildError as error:
        if not isinstance(error.__cause__, duckdb.OutOfMemoryException):
            raise
        get_run_logger().warning("%s; building again on one thread", error.args[0].splitlines()[0])
        _begin_again_on_one_thread(conn)
        return _build(conn)


def _begin_again_on_one_thread(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop the transaction that ran out of memory and begin another on one thread, which needs
    about half the working memory of two."""
    conn.rollback()
    conn.begin()
    conn.execute("set threads = 1")


def _build(conn: duckdb.DuckDBPyConnection) -> changes.FactChanges:
    changes.remember_facts(conn)
    model_runner.build_models(conn, memory_limit=BUILD_MEMORY_LIMIT)
    model_runner.apply_comments(conn)
    model_digest.record(conn)
    return changes.changed_facts(conn, shown=SHOWN_FACTS)


@task(name="test", **_TASK_OPTIONS)
def test_task(conn: duckdb.DuckDBPyConnection) -> int:
    """Run the SQL data tests over the written build (raises on failure: nothing is published).
    They read a private copy, committed, so they have DuckDB's memory to themselves (at
    100,000 documents one ran out beside the uncommitted models); one that runs out all the
    same aborts the read-only transaction and runs again on one thread."""
    conn.begin()
    try:
        return model_runner.run_data_tests(conn)
    except duckdb.OutOfMemoryException:
        _begin_again_on_one_thread(conn)
        return model_runner.run_data_tests(conn)
    finally:
        conn.rollback()


@task(name="publish", **_TASK_OPTIONS)
def publish_task(build: Path, published: Path) -> None:
    publish.publish(build, published)


@task(name="report", **_TASK_OPTIONS)
def report_task(published: Path, changed: bool) -> Path | None:
    from corroborate.report import refresh

    return refresh(published, changed)


@flow(name="pipeline", log_prints=False)
def pipeline(
    paths: list[str],
    warehouse: str = str(defaults.WAREHOUSE),
    batch_files: int = defaults.BATCH_FILES,
    max_bytes: int = defaults.MAX_BYTES,
    workers: int = defaults.WORKERS,
    lock_wait_seconds: float = 0.0,
    settle_seconds: float = defaults.SETTLE_SECONDS,
    forget: list[str] | None = None,
    budget_seconds: float | None = defaults.TIME_BUDGET_SECONDS,
    report: bool = False,
    cluster: str | None = None,
) -> dict[str, Any]:
    """Read the new and changed files under `paths` (files or folders) into `warehouse`,
    forget the files under `forget`, rebuild the marts and publish. With nothing to do, the
    published warehouse is left untouched. A document whose extraction takes longer than
    `budget_seconds` is rejected as `extraction_timeout`. With `report` (scheduled runs), the
    HTML report beside the warehouse is written last, when the warehouse changed or it is
    missing. With `cluster` (`local[:N]` or a scheduler's address), the batches are prepared
    on a Dask cluster instead of `workers` processes."""
    published = Path(warehouse)
    inputs = [*paths, *(f"forget:{target}" for target in forget or [])]
    stats = RunStats(run_id=new_run_id(), started_at=datetime.now(UTC), inputs=inputs)
    run = _Run(stats=stats, logger=get_run_logger(), reporter=progress.current(),
               batch_files=batch_files, max_bytes=max_bytes, budget_seconds=budget_seconds)
    with publish.exclusive_run(published, wait_seconds=lock_wait_seconds):
        _remove_stale_builds(run, published)
        with stats.timed("ingest"):
            plan = plan_task(paths, published, settle_seconds)
        _take_plan(run, plan)
        if _has_work(run, published, plan, forget):
            first_build = not published.exists()
            with publish.private_build(published, stats.run_id) as build:
                with load.open_build(build, LOAD_MEMORY_LIMIT) as conn:
                    _forget(run, conn, forget)
                    # The workers stop once the last batch is loaded: the build needs none of
                    # them, and their memory (a LocalCluster's workers each hold 300 to 400 MB)
                    # is then the build's.
                    with _workers(cluster, workers) as pool, _freed_per_batch() as free:
                        _record_files(run, conn, plan)
                        for batch, attempt in _prepared_one_ahead(run, pool, plan, free):
                            _load_batch(run, conn, pool, batch, attempt)
                    _build_and_test(run, conn, first_build)
                run.reporter.stage("publish")
                publish_task(build, published)
                stats.published = True
    _finish(run, published, report)
    return stats.as_dict()


@dataclass
class _Run:
    """What every step of one run reports to."""

    stats: RunStats
    logger: Logger | LoggerAdapter
    reporter: progress.Reporter
    batch_files: int
    max_bytes: int
    budget_seconds: float | None


def _remove_stale_builds(run: _Run, published: Path) -> None:
    for stale in publish.remove_stale_builds(published):
        run.logger.warning("removed the unfinished build of an earlier run: %s", stale.name)


def _take_plan(run: _Run, plan: inbox.Plan) -> None:
    run.stats.add_plan(plan)
    for path in plan.deferred:
        run.logger.warning("still being written, left for the next run: %s", path)


def _has_work(run: _Run, published: Path, plan: inbox.Plan, forget: list[str] | None) -> bool:
    """Files to read or forget, or models changed since the warehouse was built."""
    stale_models = model_digest.out_of_date(published)
    if stale_models:
        run.logger.info("the models changed since the warehouse was built: rebuilding")
    return bool(not plan.is_empty or forget or stale_models)


def _forget(run: _Run, conn: duckdb.DuckDBPyConnection, forget: list[str] | None) -> None:
    if forget:
        run.stats.files_forgotten, removed = load.forget(conn, forget)
        run.stats.documents_removed += removed


def _workers(cluster: str | None, workers: int) -> AnyWorkers:
    return ClusterWorkers(cluster) if cluster else ProcessWorkers(workers)


def _record_files(run: _Run, conn: duckdb.DuckDBPyConnection, plan: inbox.Plan) -> None:
    """Record the state of every file the plan touched, and announce the files to read."""
    touched = validate_records("source_files", [s.row(run.stats.run_id) for s in plan.touched])
    load.record_files(conn, pa.Table.from_pandas(touched.frame), run.stats.run_id)
    run.reporter.begin(len(plan.read))


def _prepared_one_ahead(
    run: _Run, workers: AnyWorkers, plan: inbox.Plan, free_loaded_batches: Callable[[], int]
) -> Iterator[tuple[list[str], Preparing]]:
    """Each batch of files with its preparation; the next batch is started before this one is
    yielded, so the workers prepare it while this one loads. When loading restarted the
    workers, the next batch's preparation was lost with them, and it starts again."""
    queue = list(batches.file_batches(plan.read, max_files=run.batch_files, max_bytes=BATCH_BYTES))
    ahead: Preparing | None = None
    for index, batch in enumerate(queue):
        attempt = ahead or _prepare(run, workers, batch)
        upcoming = queue[index + 1] if index + 1 < len(queue) else None
        ahead = _prepare(run, workers, upcoming) if upcoming is not None else None
        free_loaded_batches()
        restarts = workers.restarts
        yield batch, attempt
        if workers.restarts != restarts and ahead is not None:
            ahead.wait()  # lost with the pool it ran on
            ahead = None


def _load_batch(
    run: _Run, conn: duckdb.DuckDBPyConnection, workers: AnyWorkers, batch: list[str],
    attempt: Preparing,
) -> None:
    """Load one batch; one that fails its last retry is skipped, its files left unread."""
    state = load_task(quote(run), conn, quote(workers), quote(batch), quote(attempt),
                      return_state=True)
    if state.is_failed():
        run.stats.batches_failed += 1
        run.logger.error("a batch of %d files failed and is left for the next run: %s",
                         len(batch), state.message)


def _build_and_test(run: _Run, conn: duckdb.DuckDBPyConnection, first_build: bool) -> None:
    """Rebuild the models over the loaded batches, record the run, commit and test."""
    stats = run.stats
    if first_build:
        # No reader can hold an older version of this file, so the loaded rows may be
        # written out now (within the loading share of memory), leaving the build the whole
        # of DuckDB's memory.
        conn.commit()
        conn.execute("checkpoint")
        conn.begin()
    # Loading shares the cores with the workers, so DuckDB used one thread; the model build
    # has the machine to itself, and the larger share of memory.
    conn.execute(f"set threads = {os.cpu_count() or 1}")
    conn.execute(f"set memory_limit = '{BUILD_MEMORY_LIMIT}'")
    run.reporter.stage("build")
    with stats.timed("build"):
        fact_changes = build_task(conn)
    stats.add_fact_changes(fact_changes)
    stats.finished_at = datetime.now(UTC)
    load.record_run(conn, stats.runs_row())
    conn.commit()
    conn.execute("checkpoint")
    with stats.timed("build"):
        stats.data_tests = test_task(conn)


def _finish(run: _Run, published: Path, report: bool) -> None:
    """Log the headline, write the report when asked, and leave the summary as the run's
    artifact (the CLI prints it)."""
    stats = run.stats
    run.logger.info("%s", headline(stats, published))
    summary = summary_markdown(stats, published)
    try:  # the warehouse is published by now: a report that fails does not fail the run
        index = report_task(published, stats.published) if report else None
    except Exception as error:
        run.logger.error("the report was not written: %s: %s", type(error).__name__, error)
        index = None
    if index is not None:
        summary += f"\n\nReport: [{index}]({index.as_uri()})"
    create_markdown_artifact(summary, key="run-summary", description="Corroborate run summary")


@contextmanager
def _freed_per_batch() -> Iterator[Callable[[], int]]:
    """Free each loaded batch once it is loaded. A task's Prefect future, state and result
    record hold its result (a whole prepared batch) in a reference cycle, which only a full
    collection frees; this process holds hundreds of thousands of long-lived objects (Prefect,
    the engine's reference data), so the collector's own full collections are rare, and memory
    grew by about 2.5 KB per document (250 MB over 100,000). So the objects alive now are frozen
    out of collection (one full collection, 0.15 s), and each batch's collection walks only the
    run's own objects."""
    gc.collect()
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def _prepare(run: _Run, workers: AnyWorkers, batch: list[str]) -> Preparing:
    """Start preparing `batch` in the background; the result is collected when it is loaded."""
    if isinstance(workers, ClusterWorkers):
        return workers.prepare(batch, run.max_bytes, run.stats.run_id, run.budget_seconds)
    return prepare_task.submit(
        quote(batch), workers.get(), run.max_bytes, run.stats.run_id, run.budget_seconds
    )


def _load_prepared(
    run: _Run, conn: duckdb.DuckDBPyConnection, prepared: batches.PreparedBatch, batch: list[str]
) -> None:
    stats = run.stats
    run.reporter.stage("load")
    with stats.timed("load"):
        new = load.count_new(conn, prepared.tables["documents"])
        removed = load.load_batch(
            conn, prepared.tables, prepared.quarantine,
            input_files=[shown_path(path) for path in batch], run_id=stats.run_id,
        )
        # Commit per batch inside the private build: DuckDB holds a transaction's changes in
        # memory, and a whole corpus in one transaction grows without bound. Readers still see
        # all of a run or none of it, because only the finished file is published.
        conn.commit()
        conn.begin()
    stats.add_batch(prepared, new)
    stats.documents_removed += removed
    run.reporter.advance(len(batch), prepared.count("documents"))
