"""What a run did, counted as it goes, and told as a short markdown summary.

The summary answers what an analyst asks after a scheduled run: how many files were new,
changed or unchanged, what was rejected, how many claims of each kind were read, and which
facts changed status. The same text is printed, logged and attached to the Prefect run.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corroborate.changes import FactChanges

STAGES = ("ingest", "extract", "validate", "load", "build")
CLAIM_TABLES = ("casualty_claims", "event_claims", "statements", "time_expressions")
SHOWN_FACTS = 20  # facts listed by name in the summary; the counts cover all of them


@dataclass
class RunStats:
    run_id: str
    started_at: datetime
    inputs: list[str]
    finished_at: datetime | None = None
    published: bool = False
    files_seen: int = 0
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_deferred: list[str] = field(default_factory=list)
    files_forgotten: int = 0
    batches_failed: int = 0
    documents_seen: int = 0
    documents_new: int = 0
    documents_removed: int = 0
    rejected: int = 0
    quarantined: int = 0
    claims: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLAIM_TABLES, 0))
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    data_tests: int = 0
    facts_new: int = 0
    facts_gone: int = 0
    facts_changed: int = 0
    facts_changed_shown: list[dict[str, Any]] = field(default_factory=list)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def add_plan(self, plan: Any) -> None:
        self.files_new, self.files_changed = plan.new, plan.changed
        self.files_unchanged, self.files_deferred = plan.unchanged, plan.deferred
        self.files_seen = len(plan.read) + plan.unchanged + len(plan.deferred)

    def add_batch(self, prepared: Any, documents_new: int) -> None:
        self.documents_seen += prepared.count("documents")
        self.documents_new += documents_new
        self.rejected += prepared.count("rejected")
        self.quarantined += len(prepared.quarantine)
        for table in CLAIM_TABLES:
            self.claims[table] += prepared.count(table)
        for step, seconds in prepared.seconds.items():
            self.seconds[step] += seconds

    def add_fact_changes(self, changes: FactChanges) -> None:
        self.facts_new, self.facts_gone = changes.new, changes.gone
        self.facts_changed, self.facts_changed_shown = changes.changed, changes.shown

    def runs_row(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "status": "published",
            "inputs": " ".join(self.inputs),
            "files_seen": self.files_seen,
            "documents_seen": self.documents_seen,
            "documents_new": self.documents_new,
            "rejected": self.rejected,
            "quarantined": self.quarantined,
            **self.claims,
            **{f"seconds_{stage}": round(value, 4) for stage, value in self.seconds.items()},
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def new_run_id() -> str:
    """The UTC start time, readable and sortable, and a random suffix."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]


def headline(stats: RunStats, published: Path) -> str:
    """The run in one line, for logs."""
    if not stats.published:
        return f"nothing new: {published} left as it was ({stats.files_unchanged} files unchanged)"
    return (
        f"published {published}: {stats.documents_seen} documents read "
        f"({stats.documents_new} new), {stats.rejected} rejected inputs, "
        f"{stats.quarantined} quarantined rows, {stats.batches_failed} failed batches"
    )


def summary_markdown(stats: RunStats, published: Path) -> str:
    finished = stats.finished_at or stats.started_at
    elapsed = (finished - stats.started_at).total_seconds()
    rate = stats.documents_seen / elapsed if elapsed > 0 else 0.0
    files = (
        f"{stats.files_seen} files: {stats.files_new} new, {stats.files_changed} changed, "
        f"{stats.files_unchanged} unchanged"
        + (f", {len(stats.files_deferred)} still being written (next run)"
           if stats.files_deferred else "")
        + (f", {stats.files_forgotten} forgotten" if stats.files_forgotten else "")
    )
    if not stats.published:
        return "\n".join([
            f"## Corroborate run `{stats.run_id}`",
            "",
            f"Nothing new: {files}. `{published}` was left as it was.",
        ])
    lines = [
        f"## Corroborate run `{stats.run_id}`",
        "",
        f"Published `{published}`. {files}.",
        "",
        f"{stats.documents_seen} documents read ({stats.documents_new} new, "
        f"{stats.documents_removed} removed), {stats.rejected} rejected inputs, "
        f"{stats.quarantined} quarantined rows, {stats.data_tests} SQL data tests passed.",
    ]
    if stats.batches_failed:
        lines += ["", f"**{stats.batches_failed} batch(es) failed**; their files are read "
                      "again by the next run."]
    lines += [
        "",
        "| claims | rows |",
        "|---|---:|",
        *(f"| {table} | {count} |" for table, count in stats.claims.items()),
        "",
        f"Facts: {stats.facts_changed} changed status, {stats.facts_new} new, "
        f"{stats.facts_gone} gone.",
    ]
    if stats.facts_changed_shown:
        lines += ["", "| fact | was | now |", "|---|---|---|"]
        lines += [
            f"| {change['fact']} | {change['before']} | {change['after']} |"
            for change in stats.facts_changed_shown
        ]
    lines += [
        "",
        "| stage | seconds |",
        "|---|---:|",
        *(f"| {stage} | {seconds:.2f} |" for stage, seconds in stats.seconds.items()),
        "",
        "Reading, extraction and validation run on the worker processes while the main process "
        "loads, so their seconds are summed over the workers and overlap the others.",
        "",
        f"{rate:,.0f} documents/s over the run's {elapsed:.1f} s.",
    ]
    return "\n".join(lines)
