"""What a run did, counted as it goes, and told as a short markdown summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

STAGES = ("ingest", "extract", "validate", "load", "build")
CLAIM_TABLES = ("casualty_claims", "event_claims", "statements", "time_expressions")


@dataclass
class RunStats:
    run_id: str
    started_at: datetime
    inputs: list[str]
    finished_at: datetime | None = None
    files_seen: int = 0
    documents_seen: int = 0
    documents_new: int = 0
    rejected: int = 0
    quarantined: int = 0
    claims: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLAIM_TABLES, 0))
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    data_tests: int = 0

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def add_batch(self, validated: Any, documents_new: int) -> None:
        self.documents_seen += validated.count("documents")
        self.documents_new += documents_new
        self.rejected += validated.count("rejected")
        self.quarantined += len(validated.quarantine)
        for table in CLAIM_TABLES:
            self.claims[table] += validated.count(table)

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


def summary_markdown(stats: RunStats, published: Path) -> str:
    elapsed = sum(stats.seconds.values())
    rate = stats.documents_seen / elapsed if elapsed else 0.0
    lines = [
        f"## Corroborate run `{stats.run_id}`",
        "",
        f"Published `{published}`: {stats.files_seen} files, {stats.documents_seen} documents "
        f"({stats.documents_new} new), {stats.rejected} rejected inputs, "
        f"{stats.quarantined} quarantined rows, {stats.data_tests} SQL data tests passed.",
        "",
        "| claims | rows |",
        "|---|---:|",
        *(f"| {table} | {count} |" for table, count in stats.claims.items()),
        "",
        "| stage | seconds |",
        "|---|---:|",
        *(f"| {stage} | {seconds:.2f} |" for stage, seconds in stats.seconds.items()),
        "",
        f"{rate:,.0f} documents/s over the stages.",
    ]
    return "\n".join(lines)
