"""Score event claims and publication times against a gold file's `times`, `timeline_order`
and `documents` sections.

Why a pure function: the same rules must give the same numbers whether the claims come from the
warehouse, a test, or a throwaway driver; reading DuckDB is the caller's business.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

_RANK = {"minute": 0, "hour": 1, "part_of_day": 2, "day": 3, "month": 4, "year": 5, "decade": 6}


@dataclass(frozen=True)
class GoldTime:
    doc: str
    what: str
    start: datetime
    end: datetime | None  # exclusive end of a coarse gold period; None for an instant
    precision: str
    optional: bool


@dataclass
class TimesReport:
    found: list[GoldTime] = field(default_factory=list)
    missed: list[GoldTime] = field(default_factory=list)
    optional_found: list[GoldTime] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    order_ok: bool | None = None
    order_detail: str = ""
    publication: dict[str, str] = field(default_factory=dict)  # doc -> agree/coarser/conflict

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 0.0


def gold_time(item: Mapping[str, Any]) -> GoldTime:
    """An instant ("2022-09-13T06:00:00Z") or a period ("2022-09", "2022-08-31")."""
    raw = str(item["start"])
    if "T" in raw:
        start = datetime.fromisoformat(raw.replace("Z", "+00:00")).astimezone(UTC)
        end = None
    else:
        start, end = _period(raw)
    return GoldTime(str(item["doc"]), str(item["what"]), start, end, str(item["precision"]),
                    bool(item.get("optional", False)))


def _period(raw: str) -> tuple[datetime, datetime]:
    fields = [int(part) for part in raw.split("-")]
    if len(fields) == 1:
        return datetime(fields[0], 1, 1, tzinfo=UTC), datetime(fields[0] + 1, 1, 1, tzinfo=UTC)
    if len(fields) == 2:
        year, month = fields
        start = datetime(year, month, 1, tzinfo=UTC)
        return start, datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    start = datetime(*fields, tzinfo=UTC)  # type: ignore[misc]
    return start, start + timedelta(days=1)


def matches(gold: GoldTime, claim: Mapping[str, Any]) -> bool:
    """The gold rule: the claim's interval contains the gold instant, or lies inside the gold
    period and overlaps it; and its precision is no coarser than the gold's."""
    start, end = claim["occurred_start"], claim["occurred_end"]
    if start is None or end is None:
        return False
    if _RANK.get(str(claim["precision"]), 99) > _RANK.get(gold.precision, -1):
        return False
    if gold.end is None:
        return start <= gold.start <= end
    return gold.start <= start and end < gold.end


def score_times(
    gold: Mapping[str, Any],
    event_claims: Iterable[Mapping[str, Any]],
    publications: Mapping[str, Mapping[str, Any]] | None = None,
    sources_of: Mapping[str, Sequence[str]] | None = None,
) -> TimesReport:
    """`event_claims` rows need doc_id, occurred_start/end (aware UTC) and precision;
    `sources_of` maps a claim's doc_id to the gold's document keys (identity when omitted);
    `publications` maps the gold's document key to its published_at / published_precision."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for claim in event_claims:
        for doc in (sources_of or {}).get(claim["doc_id"], [claim["doc_id"]]):
            by_doc.setdefault(doc, []).append(claim)
    report = TimesReport()
    order = gold.get("timeline_order")
    incident_of = {doc: row.get("incident") for doc, row in gold.get("documents", {}).items()}
    resolved: dict[str, list[datetime]] = {}
    for item in gold.get("times", []):
        target = gold_time(item)
        hits = [claim for claim in by_doc.get(target.doc, []) if matches(target, claim)]
        if hits:
            (report.optional_found if target.optional else report.found).append(target)
            in_incident = not order or incident_of.get(target.doc) in (None, order["incident"])
            if not target.optional and in_incident:
                resolved.setdefault(target.what, []).extend(h["occurred_start"] for h in hits)
        elif not target.optional:
            report.missed.append(target)
    _check_order(report, order, resolved)
    if publications is not None:
        for doc, expected in gold.get("documents", {}).items():
            report.publication[doc] = publication_agreement(expected, publications.get(doc))
    return report


def _check_order(
    report: TimesReport, order: Mapping[str, Any] | None, resolved: dict[str, list[datetime]]
) -> None:
    """Every resolved instance of a step (in the incident's documents) comes no later than
    every instance of the next."""
    if not order:
        return
    report.order = list(order["order"])
    report.order_ok = True
    for before, after in zip(report.order, report.order[1:], strict=False):
        if not resolved.get(before) or not resolved.get(after):
            report.order_ok = False
            report.order_detail = f"{before!r} or {after!r} not resolved"
            return
        if max(resolved[before]) > min(resolved[after]):
            report.order_ok = False
            report.order_detail = f"{before!r} ends after {after!r} starts"
            return


def publication_agreement(expected: Mapping[str, Any], actual: Mapping[str, Any] | None) -> str:
    """agree: the warehouse's date lies inside the gold's (as precise or more); coarser: it
    contains the gold's date without conflicting; conflict or missing otherwise."""
    if actual is None or actual.get("published_at") is None:
        return "missing"
    gold_start, gold_end = _period(str(expected["published"]))
    published: datetime = actual["published_at"]
    precision = str(actual.get("published_precision") or "day")
    start, end = _period(_as_period_text(published, precision))
    if gold_start <= start and end <= gold_end:
        return "agree"
    if start <= gold_start and gold_end <= end:
        return "coarser"
    return "conflict"


def _as_period_text(moment: datetime, precision: str) -> str:
    if precision in ("year", "decade"):
        return f"{moment.year:04d}"
    if precision == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    return moment.date().isoformat()


def format_times_report(report: TimesReport) -> str:
    lines = [
        f"times found {len(report.found)}/{len(report.found) + len(report.missed)}"
        f" (optional found {len(report.optional_found)})",
        *(f"  missed {g.doc} {g.what!r} {g.start.isoformat()}" for g in report.missed),
        f"timeline order {' -> '.join(report.order)}: "
        f"{'ok' if report.order_ok else 'NOT ok ' + report.order_detail}",
        *(f"  published {doc}: {status}" for doc, status in sorted(report.publication.items())),
    ]
    return "\n".join(lines)
