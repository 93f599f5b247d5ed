"""A document over its time budget is rejected as `extraction_timeout`; the others go on."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from corroborate import batches
from corroborate.extract import budget
from corroborate.extract.budget import ExtractionTimeout
from corroborate.extract.document import extract_document


@pytest.fixture
def ticking_clock(monkeypatch):
    """A clock that moves one second each time it is read."""
    ticks = itertools.count()

    class Clock:
        @staticmethod
        def monotonic() -> float:
            return float(next(ticks))

    monkeypatch.setattr(budget, "time", Clock)


def test_the_budget_is_checked_between_stages_and_names_the_last(ticking_clock):
    # Read at start (0, deadline 2.5), after speakers (1), times (2), events (3): over.
    with pytest.raises(ExtractionTimeout, match=r"over the 2\.5 s budget after events"):
        extract_document("0" * 16, "Shelling killed 3 people on Monday.", budget_seconds=2.5)


def test_no_budget_never_runs_out(ticking_clock):
    _, extraction = extract_document("0" * 16, "Shelling killed 3 people on Monday.")
    assert [claim["count_low"] for claim in extraction.casualty_claims] == [3]


def test_a_document_over_budget_is_rejected_and_the_batch_goes_on(tmp_path: Path, monkeypatch):
    slow, fast = tmp_path / "slow.txt", tmp_path / "fast.txt"
    slow.write_text("A slow one. Shelling killed 3 people on Monday.\n", encoding="utf-8")
    fast.write_text("Floods killed 12 people on Tuesday.\n", encoding="utf-8")
    original = batches.extract_document

    def extract(doc_id, text, metadata=None, *, budget_seconds=None):
        # The slow document finds its deadline already passed.
        budget_seconds = -1.0 if "slow" in text else budget_seconds
        return original(doc_id, text, metadata, budget_seconds=budget_seconds)

    monkeypatch.setattr(batches, "extract_document", extract)
    prepared = batches.prepare_files([slow, fast], pool=None, max_bytes=10_000,
                                     run_id="run", budget_seconds=5.0)
    [rejected] = prepared.tables["rejected"].to_pylist()
    assert (Path(rejected["source_file"]).name, rejected["reason"]) == ("slow.txt",
                                                                       "extraction_timeout")
    assert rejected["detail"].startswith("ExtractionTimeout: over the -1 s budget after")
    assert prepared.count("documents") == 1
    assert prepared.tables["casualty_claims"]["count_low"].to_pylist() == [12]
