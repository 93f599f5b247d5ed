"""Preparing a batch in pieces: the pieces' rows merge into one batch with nothing doubled."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from corroborate import batches


@pytest.fixture
def repeated_corpus(seed_dir: Path, tmp_path: Path) -> list[Path]:
    """The demo articles, then the first of them again under another name, so the two copies
    fall into different pieces."""
    files = []
    for source in sorted(seed_dir.glob("*.txt")):
        files.append(tmp_path / source.name)
        shutil.copyfile(source, files[-1])
    files.append(tmp_path / "zz-copy-of-the-first.txt")
    shutil.copyfile(files[0], files[-1])
    return files


def prepared(files: list[Path], pool) -> batches.PreparedBatch:
    return batches.prepare_files(files, pool=pool, max_bytes=10_000_000, run_id="run")


def as_set(rows) -> list[str]:
    return sorted(map(repr, rows.to_pylist()))


def test_pieces_on_a_pool_give_the_same_rows_as_one_process(repeated_corpus, monkeypatch):
    monkeypatch.setattr(batches, "POOL_MIN_BYTES", 0)
    alone = prepared(repeated_corpus, None)
    with ThreadPoolExecutor(2) as pool:
        split = prepared(repeated_corpus, pool)

    assert split.seconds["extract"] > 0
    for table, rows in alone.tables.items():
        assert as_set(split.tables[table]) == as_set(rows), table


def test_a_text_in_two_pieces_is_one_document_carried_by_both_files(repeated_corpus, monkeypatch):
    monkeypatch.setattr(batches, "POOL_MIN_BYTES", 0)
    with ThreadPoolExecutor(2) as pool:
        batch = prepared(repeated_corpus, pool)

    assert batch.count("documents") == 5
    assert batch.count("document_sources") == 6
    claim_ids = batch.tables["casualty_claims"]["claim_id"].to_pylist()
    assert len(claim_ids) == len(set(claim_ids)) > 0


def test_a_small_batch_stays_in_this_process(repeated_corpus):
    class NoPool:
        def map(self, *args):
            raise AssertionError("a small batch must not start the workers")

    assert prepared(repeated_corpus, NoPool()).count("documents") == 5
