"""Faults: a run killed anywhere leaves the published warehouse as it was, and the next run
completes the work; a batch that fails is retried, then skipped without losing the others."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.bench import write_corpus

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COUNTED = (
    "documents", "document_sources", "rejected", "quarantine", "casualty_claims",
    "event_claims", "statements", "time_expressions", "incidents", "source_agreement",
    "timeline", "source_files",
)


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in COUNTED}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "run", *args, "--batch-files", "60",
            "--settle", "0"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "corpus"
    write_corpus(folder, 360)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text('{"id": "x", "text": "Floods killed 12."}\n{bad\n')
    return folder


def test_a_run_killed_at_random_points_changes_nothing_and_the_next_run_completes(
    prefect_server, seed_dir, corpus, tmp_path
):
    from flows.pipeline import pipeline

    def resume(warehouse: Path) -> None:
        pipeline(paths=[str(corpus)], warehouse=str(warehouse), settle_seconds=0, batch_files=60)

    start = tmp_path / "start.duckdb"
    pipeline(paths=[str(seed_dir)], warehouse=str(start), settle_seconds=0)
    reference = tmp_path / "reference.duckdb"
    shutil.copyfile(start, reference)
    began = time.monotonic()
    done = subprocess.run(cli(str(corpus), "--warehouse", str(reference)), cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    duration, expected = time.monotonic() - began, counts(reference)

    for seed in (1, 2, 3):
        warehouse = tmp_path / f"w{seed}" / "w.duckdb"
        warehouse.parent.mkdir()
        shutil.copyfile(start, warehouse)
        before = digest(warehouse)
        victim = subprocess.Popen(
            cli(str(corpus), "--warehouse", str(warehouse)), cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        time.sleep(random.Random(seed).uniform(0.5, duration))
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait()

        # Either untouched, or (killed after the rename) the whole run: never anything between.
        if digest(warehouse) != before:
            assert counts(warehouse) == expected
        resume(warehouse)
        assert counts(warehouse) == expected, f"seed {seed}"
        assert [p.name for p in warehouse.parent.iterdir() if "build" in p.name] == []


def test_a_failing_batch_is_retried_then_skipped_and_the_next_run_reads_it(
    prefect_server, corpus, tmp_path, monkeypatch
):
    from flows import batches, pipeline

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

    monkeypatch.setattr(pipeline, "BATCH_RETRY_DELAYS", (0.0,))
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
