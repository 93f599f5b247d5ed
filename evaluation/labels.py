"""Score gold files that give one label per document: an event label, or a publication day.

Two flat formats, `{source_id: label}`:
- an event label (`"12ecb"`): documents with one label report one event. Scored B-cubed over
  `documents.incident_id`: for each document, precision is the share of its incident that has
  its label, recall the share of its label's documents in its incident, each averaged over
  documents, F1 from the two averages.
- a day (`"2009-12-07"`): the day the document was published. Each document is exact (day or
  finer precision, the gold day), one day off, right at coarser precision (the month or year
  holds the gold day), unknown (no `published_at`), or wrong.
Documents the warehouse does not hold are left out of both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FINE = ("minute", "hour", "part_of_day", "day")
DAY_OUTCOMES = ("exact", "one_day_off", "right_coarse", "unknown", "wrong")


def is_label_gold(gold: object) -> bool:
    """A non-empty mapping of document ids to strings."""
    return (
        isinstance(gold, dict) and bool(gold)
        and all(isinstance(value, str) for value in gold.values())
    )


def is_day_gold(gold: Mapping[str, str]) -> bool:
    return all(_DAY.match(value) for value in gold.values())


@dataclass(frozen=True)
class BCubed:
    documents: int
    gold_documents: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score_groups(gold: Mapping[str, str], incident_of: Mapping[str, str | None]) -> BCubed:
    """B-cubed of the predicted incidents against the gold event labels."""
    scored = [source_id for source_id in gold if source_id in incident_of]
    predicted: dict[str, set[str]] = defaultdict(set)
    expected: dict[str, set[str]] = defaultdict(set)
    for source_id in scored:
        predicted[_incident(source_id, incident_of)].add(source_id)
        expected[gold[source_id]].add(source_id)
    precision = recall = 0.0
    for source_id in scored:
        mine = predicted[_incident(source_id, incident_of)]
        same = len(mine & expected[gold[source_id]])
        precision += same / len(mine)
        recall += same / len(expected[gold[source_id]])
    count = len(scored) or 1
    return BCubed(len(scored), len(gold), precision / count, recall / count)


def _incident(source_id: str, incident_of: Mapping[str, str | None]) -> str:
    return incident_of[source_id] or f"none-{source_id}"


def score_days(
    gold: Mapping[str, str], published: Mapping[str, tuple[datetime | None, str | None]]
) -> dict[str, int]:
    """How many documents fall in each of `DAY_OUTCOMES`."""
    counts = dict.fromkeys(DAY_OUTCOMES, 0)
    for source_id, day_text in gold.items():
        if source_id in published:
            counts[_day_outcome(date.fromisoformat(day_text), *published[source_id])] += 1
    return counts


def _day_outcome(day: date, at: datetime | None, precision: str | None) -> str:
    if at is None:
        return "unknown"
    if precision in _FINE:
        off = abs((at.date() - day).days)
        return "exact" if off == 0 else "one_day_off" if off == 1 else "wrong"
    if precision == "month":
        return "right_coarse" if (at.year, at.month) == (day.year, day.month) else "wrong"
    return "right_coarse" if at.year == day.year else "wrong"


def format_groups(report: BCubed) -> str:
    return (
        f"groups: {report.documents} of {report.gold_documents} documents; B-cubed "
        f"P={report.precision:.3f} R={report.recall:.3f} F1={report.f1:.3f}"
    )


def format_days(counts: Mapping[str, int]) -> str:
    total = sum(counts.values()) or 1
    return (
        "dates: " + " ".join(f"{name}={counts[name]}" for name in DAY_OUTCOMES)
        + f" of {total}; exact {counts['exact'] / total:.3f}, wrong {counts['wrong'] / total:.3f}"
    )
