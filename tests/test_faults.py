"""Faults: a run killed anywhere leaves the published warehouse as it was, and the next run
completes the work; a batch that fails is retried, then skipped without losing the others."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from corroborate.bench.throughput import write_corpus
from tests import chaos

pytestmark = pytest.mark.slow

COUNTED = (
    "documents", "document_sources", "rejected", "quarantine", "casualty_claims",
    "event_claims", "statements", "time_expressions", "incidents", "source_agreement",
    "timeline", "source_files",
)


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "corpus"
    write_corpus(folder, 360)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text('{"id": "x", "text": "Floods killed 12."}\n{bad\n')
    return folder


def test_a_killed_main_process_never_blocks_the_next_run_nor_changes_its_result(
    prefect_server, seed_dir, corpus, tmp_path
):
    """Three of `make chaos`'s kills: `kill -9` of the main process alone, at random points
    (load, build, publish), then at once another run, which must succeed and give the same
    warehouse as an uninterrupted run; none of the killed run's processes may outlive it."""
    start = tmp_path / "start" / "w.duckdb"
    start.parent.mkdir()
    done = chaos.run(seed_dir, start)
    assert done.returncode == 0, done.stderr
    lines = list(chaos.chaos(corpus, start, tmp_path, kills=3, seed=14))
    assert len(lines) == 3


def test_a_failing_batch_is_retried_then_skipped_and_the_next_run_reads_it(
    prefect_server, corpus, tmp_path, monkeypatch
):
    from corroborate import batches
    from corroborate.flows import pipeline

    reference = tmp_path / "reference.duckdb"
    pipeline.pipeline(paths=[str(corpus)], warehouse=str(reference), workers=1,
                      settle_seconds=0, batch_files=60)
    real_extract, calls = batches.extract_documents, {"flaky": 0}

    def faulty_extract(documents, run_id, *options):
        names = {Path(d["source_file"]).name for d in documents}
        if "article-000000.txt" in names:
            raise OSError("disk on fire")  # fails every time
        if "article-000100.txt" in names and not calls["flaky"]:
            calls["flaky"] += 1
            raise MemoryError("transient")  # fails once
        return real_extract(documents, run_id, *options)

    # Retries as declared on the task (two), without their delays.
    without_delays = pipeline.load_task.with_options(retry_delay_seconds=0)
    monkeypatch.setattr(pipeline, "load_task", without_delays)
    monkeypatch.setattr(batches, "extract_documents", faulty_extract)
    warehouse = tmp_path / "w.duckdb"
    options = {"warehouse": str(warehouse), "workers": 1, "settle_seconds": 0, "batch_files": 60}
    first = pipeline.pipeline(paths=[str(corpus)], **options)
    assert first["batches_failed"] == 1 and calls["flaky"] == 1
    assert 0 < counts(warehouse)["documents"] < counts(reference)["documents"]

    monkeypatch.setattr(batches, "extract_documents", real_extract)
    second = pipeline.pipeline(paths=[str(corpus)], **options)
    assert (second["files_new"], second["batches_failed"]) == (60, 0)
    assert counts(warehouse) == counts(reference)
