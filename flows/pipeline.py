"""The `pipeline` flow: raw files in, a published warehouse with both marts out.

A few batch tasks (ingest, extract, validate, load per batch of files; then build and publish),
never a task per document: a Prefect task run costs milliseconds, a document microseconds. The
business logic lives in plain modules (`flows.batches`, `flows.load`, `flows.models`,
`flows.publish`); the tasks here only sequence them and time them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows import batches, load, models, publish
from flows.ingest import IngestBatch
from flows.summary import RunStats, summary_markdown

DEFAULT_WAREHOUSE = Path("warehouse/corroborate.duckdb")
DEFAULT_BATCH_FILES = 1000
DEFAULT_MAX_BYTES = 20_000_000
BATCH_BYTES = 8_000_000
BUILD_MEMORY_LIMIT = "512MB"

_TASK_OPTIONS: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="ingest", **_TASK_OPTIONS)
def ingest_task(
    files: Sequence[Path], pool: Executor | None, max_bytes: int, run_id: str
) -> IngestBatch:
    return batches.ingest_files(files, pool=pool, max_bytes=max_bytes, run_id=run_id)


@task(name="extract", **_TASK_OPTIONS)
def extract_task(
    documents: list[dict], pool: Executor | None, run_id: str
) -> batches.ExtractedBatch:
    return batches.extract_batch(documents, pool=pool, run_id=run_id)


@task(name="validate", **_TASK_OPTIONS)
def validate_task(
    ingested: IngestBatch, extracted: batches.ExtractedBatch, run_id: str
) -> batches.ValidatedBatch:
    return batches.validate_batch(ingested, extracted, run_id=run_id)


@task(name="load", **_TASK_OPTIONS)
def load_task(
    conn: duckdb.DuckDBPyConnection,
    validated: batches.ValidatedBatch,
    files: Sequence[Path],
    run_id: str,
) -> None:
    load.load_batch(
        conn,
        validated.frames,
        validated.quarantine,
        input_files=[str(path) for path in files],
        run_id=run_id,
    )


@task(name="build", **_TASK_OPTIONS)
def build_task(conn: duckdb.DuckDBPyConnection) -> int:
    """Rebuild every model, document it, and run the SQL data tests (raises on failure)."""
    models.build_models(conn)
    models.apply_comments(conn)
    return models.run_data_tests(conn)


@task(name="publish", **_TASK_OPTIONS)
def publish_task(build: Path, published: Path) -> None:
    publish.publish(build, published)


@flow(name="pipeline", log_prints=False)
def pipeline(
    paths: list[str],
    warehouse: str = str(DEFAULT_WAREHOUSE),
    batch_files: int = DEFAULT_BATCH_FILES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 2,
    lock_wait_seconds: float = 0.0,
) -> dict[str, Any]:
    """Ingest `paths` (files or folders) into `warehouse`, rebuild the marts and publish."""
    logger = get_run_logger()
    published = Path(warehouse)
    stats = RunStats(run_id=_new_run_id(), started_at=datetime.now(UTC), inputs=list(paths))
    with publish.exclusive_run(published, wait_seconds=lock_wait_seconds):
        for stale in publish.remove_stale_builds(published):
            logger.warning("removed the unfinished build of an earlier run: %s", stale.name)
        build = publish.start_build(published, stats.run_id)
        try:
            with _build_connection(build) as conn, _pool(workers) as pool:
                _load_all(conn, pool, paths, stats, max_bytes, batch_files)
                with stats.timed("build"):
                    stats.data_tests = build_task(conn)
                stats.finished_at = datetime.now(UTC)
                _record_run(conn, stats)
                conn.commit()
                conn.execute("checkpoint")
            publish_task(build, published)
        finally:
            build.unlink(missing_ok=True)
    logger.info(
        "published %s: %d documents (%d new), %d rejected, %d quarantined, claims %s",
        published, stats.documents_seen, stats.documents_new, stats.rejected,
        stats.quarantined, stats.claims,
    )
    create_markdown_artifact(
        summary_markdown(stats, published),
        key="run-summary",
        description="Corroborate run summary",
    )
    return stats.as_dict()


def _load_all(
    conn: duckdb.DuckDBPyConnection,
    pool: Executor | None,
    paths: Sequence[str],
    stats: RunStats,
    max_bytes: int,
    batch_files: int,
) -> None:
    files = batches.discover_files(paths)
    stats.files_seen = len(files)
    for batch in batches.file_batches(files, max_files=batch_files, max_bytes=BATCH_BYTES):
        with stats.timed("ingest"):
            ingested = ingest_task(quote(batch), pool, max_bytes, stats.run_id)
        with stats.timed("extract"):
            extracted = extract_task(quote(ingested.documents), pool, stats.run_id)
        with stats.timed("validate"):
            validated = validate_task(quote(ingested), quote(extracted), stats.run_id)
        with stats.timed("load"):
            new = _count_new(conn, validated)
            load_task(conn, quote(validated), quote(batch), stats.run_id)
            # Commit per batch inside the private build: DuckDB holds a transaction's changes in
            # memory, and a whole corpus in one transaction grows without bound. Readers still see
            # all of a run or none of it, because only the finished file is published.
            conn.commit()
            conn.begin()
        stats.add_batch(validated, new)


def _count_new(conn: duckdb.DuckDBPyConnection, validated: batches.ValidatedBatch) -> int:
    conn.register("batch_documents", validated.frames["documents"][["doc_id"]])
    try:
        return conn.execute(
            "select count(*) from batch_documents "
            "where doc_id not in (select doc_id from raw_documents)"
        ).fetchall()[0][0]
    finally:
        conn.unregister("batch_documents")


def _record_run(conn: duckdb.DuckDBPyConnection, stats: RunStats) -> None:
    row = stats.runs_row()
    columns = ", ".join(row)
    placeholders = ", ".join("?" for _ in row)
    conn.execute(f"insert into runs ({columns}) values ({placeholders})", list(row.values()))


@contextmanager
def _build_connection(build: Path):
    conn = duckdb.connect(str(build), config={"memory_limit": BUILD_MEMORY_LIMIT})
    try:
        models.create_source_tables(conn)
        conn.begin()
        yield conn
    except BaseException:
        with suppress(duckdb.Error):  # nothing to roll back once committed
            conn.rollback()
        raise
    finally:
        conn.close()


@contextmanager
def _pool(workers: int):
    if workers < 2:
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


def _new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
